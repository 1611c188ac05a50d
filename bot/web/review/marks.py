"""What reviewers write on a conversation they may open: comments on single messages,
the flagged and reviewed marks, and tags (stored by bot.storage.review_marks)."""
from __future__ import annotations

import re

from aiohttp import web

from bot.privacy.personnummer import mask_identity_numbers
from bot.storage import chat_log, review_marks
from bot.web.auth import require_user
from bot.web.db_access import in_db
from bot.web.json_body import json_object
from bot.web.review.common import REVIEWERS, bad, conversation_id, not_found, readable
from bot.web.user_text import clean_text

_TAG = re.compile(r"^[\wåäöÅÄÖ .-]{1,40}$")
MAX_COMMENT = 2000


async def post_comment(request: web.Request) -> web.Response:
    user = require_user(request, *REVIEWERS)
    cid = conversation_id(request)
    body = await json_object(request)
    text, seq = body.get("text"), body.get("message_seq")
    # Control and format characters, as in chat messages, hide text from a reader.
    text = clean_text(text) if isinstance(text, str) else None
    if not text:
        raise bad("Skriv en kommentar.")
    if len(text) > MAX_COMMENT:
        raise bad(f"Kommentaren är för lång (högst {MAX_COMMENT} tecken).")
    if not isinstance(seq, int) or isinstance(seq, bool):
        raise bad("Ange vilket meddelande kommentaren gäller (message_seq).")

    def write(session):
        if readable(session, user, cid) is None:
            return None
        if seq not in {m["seq"] for m in chat_log.history(session, cid)}:
            return "no-message"
        comment = review_marks.add_comment(session, cid, seq, user.user_id,
                                           mask_identity_numbers(text.strip())[0])
        return {"id": comment.id, "message_seq": seq, "text": comment.text,
                "author": user.display_name}

    result = await in_db(write)
    if result is None:
        raise not_found()
    if result == "no-message":
        raise bad("Meddelandet finns inte i samtalet.")
    return web.json_response(result, status=201)


async def post_status(request: web.Request) -> web.Response:
    """Flag and reviewed: `{"flagged": true}`, `{"reviewed": true}` or both."""
    user = require_user(request, *REVIEWERS)
    cid = conversation_id(request)
    body = await json_object(request)
    changes = {k: body[k] for k in ("flagged", "reviewed") if k in body}
    if not changes or not all(isinstance(v, bool) for v in changes.values()):
        raise bad("Ange flagged och/eller reviewed som true eller false.")

    def write(session):
        if readable(session, user, cid) is None:
            return None
        row = review_marks.set_marks(session, cid, user.user_id, **changes)
        return {"flagged": bool(row.flagged), "reviewed": bool(row.reviewed)}

    result = await in_db(write)
    if result is None:
        raise not_found()
    return web.json_response(result)


async def post_tag(request: web.Request) -> web.Response:
    user = require_user(request, *REVIEWERS)
    cid = conversation_id(request)
    tag = (await json_object(request)).get("tag")
    if not isinstance(tag, str) or not _TAG.match(tag.strip()):
        raise bad("En tagg är 1–40 tecken: bokstäver, siffror, mellanslag, punkt och bindestreck.")
    tag = tag.strip().lower()

    def write(session):
        if readable(session, user, cid) is None:
            return None
        return review_marks.add_tag(session, cid, tag)

    tags = await in_db(write)
    if tags is None:
        raise not_found()
    return web.json_response({"tags": tags})


async def delete_tag(request: web.Request) -> web.Response:
    user = require_user(request, *REVIEWERS)
    cid = conversation_id(request)
    tag = request.match_info["tag"].strip().lower()

    def write(session):
        if readable(session, user, cid) is None:
            return None
        return review_marks.remove_tag(session, cid, tag)

    tags = await in_db(write)
    if tags is None:
        raise not_found()
    return web.json_response({"tags": tags})
