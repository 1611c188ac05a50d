"""Övningsläge: start one of the fictitious training cases as a practice conversation.

A practice conversation is an ordinary conversation marked `training`: the bot behaves as
in real work, but the web app tells the actions so (message metadata), the assessment is
stored as training, statistics leave it out, and trainers can read it in review.
"""
from __future__ import annotations

from aiohttp import web

from bot.practice.cases import case_card_text, find_vignette, load_vignettes
from bot.storage import chat_log
from bot.storage.conversations import open_conversation
from bot.web.auth import json_error, require_user
from bot.web.conversations import opened
from bot.web.db_access import in_db
from bot.web.json_body import json_object

NO_CASE = "Det finns inget övningsfall med det id:t. Välj ett fall ur listan."


async def get_cases(request: web.Request) -> web.Response:
    require_user(request)
    return web.json_response({"cases": [v.card() for v in load_vignettes()]})


async def post_practice(request: web.Request) -> web.Response:
    user = require_user(request)
    case_id = (await json_object(request)).get("case")
    if not isinstance(case_id, str) or not case_id.strip():
        raise json_error(web.HTTPBadRequest, "Ange vilket övningsfall som ska startas (case).")
    vignette = find_vignette(case_id.strip())
    if vignette is None:
        raise json_error(web.HTTPNotFound, NO_CASE)

    def open_practice(session):
        conversation = open_conversation(session, user.user_id, training=True)
        chat_log.add_bot_note(session, conversation.id, case_card_text(vignette))
        return conversation.id

    cid = await in_db(open_practice)
    return await opened(request, user, cid, start=True)


def setup_practice(app: web.Application) -> None:
    app.router.add_get("/api/practice/cases", get_cases)
    app.router.add_post("/api/practice/conversations", post_practice)
