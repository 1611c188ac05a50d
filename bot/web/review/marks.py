"""What reviewers write on a conversation they may open: comments on single messages,
the flagged and reviewed marks, and tags (stored by bot.storage.review_marks)."""
from __future__ import annotations

import re

from aiohttp import web

from bot.privacy.personnummer import mask_identity_numbers
from bot.storage import chat_log, review_marks
from bot.web.auth import require_user
from bot.web.json_body import json_object
from bot.web.review.common import REVIEWERS, bad, conversation_id, on_readable
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

    def write(session, found):
        if seq not in {m["seq"] for m in chat_log.history(session, cid)}:
            raise bad("Meddelandet finns inte i samtalet.")
        comment = review_marks.add_comment(session, cid, seq, user.user_id,
                                           mask_identity_numbers(text.strip())[0])
        return {"id": comment.id, "message_seq": seq, "text": comment.text,
                "author": user.display_name}

    return web.json_response(await on_readable(user, cid, write), status=201)


async def post_status(request: web.Request) -> web.Response:
    """Flag and reviewed: `{"flagged": true}`, `{"reviewed": true}` or both."""
    user = require_user(request, *REVIEWERS)
    cid = conversation_id(request)
    body = await json_object(request)
    changes = {k: body[k] for k in ("flagged", "reviewed") if k in body}
    if not changes or not all(isinstance(v, bool) for v in changes.values()):
        raise bad("Ange flagged och/eller reviewed som true eller false.")

    def write(session, found):
        row = review_marks.set_marks(session, cid, user.user_id, **changes)
        return {"flagged": bool(row.flagged), "reviewed": bool(row.reviewed)}

    return web.json_response(await on_readable(user, cid, write))


async def post_tag(request: web.Request) -> web.Response:
    user = require_user(request, *REVIEWERS)
    cid = conversation_id(request)
    tag = (await json_object(request)).get("tag")
    if not isinstance(tag, str) or not _TAG.match(tag.strip()):
        raise bad("En tagg är 1–40 tecken: bokstäver, siffror, mellanslag, punkt och bindestreck.")
    tag = tag.strip().lower()
    tags = await on_readable(user, cid, lambda session, found: review_marks.add_tag(
        session, cid, tag))
    return web.json_response({"tags": tags})


async def delete_tag(request: web.Request) -> web.Response:
    user = require_user(request, *REVIEWERS)
    cid = conversation_id(request)
    tag = request.match_info["tag"].strip().lower()
    tags = await on_readable(user, cid, lambda session, found: review_marks.remove_tag(
        session, cid, tag))
    return web.json_response({"tags": tags})
