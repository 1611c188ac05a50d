"""What every review route shares: who may read and who may review, the Swedish 400s for
malformed input, and the unit of work on a conversation the user may open."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from aiohttp import web
from sqlalchemy.orm import Session

from bot.storage import review
from bot.storage.access_log import log_access
from bot.web.auth import json_error
from bot.web.db_access import in_db

REVIEWERS = ("arbetsledare", "utbildare")
READERS = ("handläggare", *REVIEWERS)
NOT_FOUND = "Samtalet finns inte, eller så har du inte behörighet till det."
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
T = TypeVar("T")
_NOT_READABLE = object()


def bad(message: str) -> web.HTTPException:
    return json_error(web.HTTPBadRequest, message)


def not_found() -> web.HTTPException:
    return json_error(web.HTTPNotFound, NOT_FOUND)


def date_param(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise bad(f"{name} måste vara ett datum som ÅÅÅÅ-MM-DD.") from None


def conversation_id(request: web.Request) -> str:
    cid = request.match_info["conversation_id"]
    if not _ID.match(cid):
        raise bad("Ogiltigt samtals-id.")
    return cid


def _readable(session, user, cid):
    """The conversation and its case worker if this user may open it, else None."""
    found = review.may_read(session, review.reader_of(user), cid)
    if found is None or user.role not in READERS:
        return None
    return found


async def on_readable(user, cid: str, work: Callable[[Session, tuple], T]) -> T:
    """`work(session, found)` in one unit of work if this user may open conversation `cid`
    (found: the conversation and its case worker), else a 404 that is the same whether it
    does not exist or is not theirs. A handler's own refusal is raised inside `work`,
    before it writes anything: the unit of work is then rolled back."""

    def run(session):
        found = _readable(session, user, cid)
        return _NOT_READABLE if found is None else work(session, found)

    result = await in_db(run)
    if result is _NOT_READABLE:
        raise not_found()
    return result


def log_opened(session, user, cid: str, action: str) -> None:
    """The access-log row for a conversation read or exported (`action`: what was done)."""
    log_access(session, action=action, target=f"samtal {cid}", user_id=user.user_id,
               username=user.username)
