"""What every review route shares: who may read and who may review, the Swedish 400s for
malformed input, and the check that the user may open this conversation."""
from __future__ import annotations

import re
from datetime import date

from aiohttp import web

from bot.storage import review
from bot.web.auth import json_error

REVIEWERS = ("arbetsledare", "utbildare")
READERS = ("handläggare", *REVIEWERS)
NOT_FOUND = "Samtalet finns inte, eller så har du inte behörighet till det."
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


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


def readable(session, user, cid):
    """The conversation and its case worker if this user may open it, else None."""
    found = review.may_read(session, review.reader_of(user), cid)
    if found is None or user.role not in READERS:
        return None
    return found
