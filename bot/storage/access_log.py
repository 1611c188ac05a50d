"""The access log: who read, exported or removed what, and when."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.clock import as_utc
from bot.storage.models import AccessLog

PER_PAGE = 50


def log_access(
    session: Session,
    *,
    action: str,
    target: str,
    user_id: int | None = None,
    username: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AccessLog:
    row = AccessLog(user_id=user_id, username=username, action=action, target=target, detail=detail)
    session.add(row)
    session.flush()
    return row


def access_log_page(session: Session, *, page: int, username: str | None = None,
                    action: str | None = None, since: datetime | None = None,
                    before: datetime | None = None) -> dict[str, Any]:
    """One page of the log, newest first, with how many rows match in all."""
    query = select(AccessLog)
    if username:
        query = query.where(AccessLog.username == username)
    if action:
        query = query.where(AccessLog.action == action)
    if since:
        query = query.where(AccessLog.at >= since)
    if before:
        query = query.where(AccessLog.at < before)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(query.order_by(AccessLog.id.desc())
                           .offset((page - 1) * PER_PAGE).limit(PER_PAGE)).scalars().all()
    return {"total": total, "page": page, "rows": [
        {"id": r.id, "at": as_utc(r.at).isoformat(timespec="seconds"),
         "username": r.username, "action": r.action, "target": r.target,
         "detail": r.detail} for r in rows]}
