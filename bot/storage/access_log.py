"""The access log: who read, exported or removed what, and when."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.storage.models import AccessLog


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
