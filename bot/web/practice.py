"""Övningsläge: start one of the fictitious training cases as a practice conversation.

A practice conversation is an ordinary conversation marked `training`: the bot behaves as
in real work, but the web app tells the actions so (message metadata), the assessment is
stored as training, statistics leave it out, and trainers can read it in review.
"""
from __future__ import annotations

import logging
import re

from aiohttp import web

from bot.practice.cases import case_card_text, find_vignette, usable_vignettes
from bot.practice.outcome import facit
from bot.storage import chat_log
from bot.storage.access_log import log_access
from bot.storage.conversations import open_conversation
from bot.storage.export import assessment_document
from bot.storage.models import Conversation
from bot.storage.review import newest_assessment
from bot.web.auth import json_error, require_user
from bot.web.conversations import opened
from bot.web.db_access import in_db
from bot.web.json_body import json_object

log = logging.getLogger(__name__)

NO_CASE = "Det finns inget övningsfall med det id:t. Välj ett fall ur listan."


async def get_cases(request: web.Request) -> web.Response:
    require_user(request)
    cases, problems = usable_vignettes()
    for problem in problems:
        log.warning("%s", problem)
    return web.json_response({"cases": [v.card() for v in cases], "problems": problems})


FREE_PRACTICE = ("Övningsläge – fri övning utan fall. Inget av det du skriver räknas i "
                 "statistiken eller granskas som ett riktigt samtal.")


async def post_practice(request: web.Request) -> web.Response:
    """Övningsläge: a practice case by its id, or `{"free": true}` for free practice
    without a case card. The only way to open a conversation marked as training."""
    user = require_user(request)
    body = await json_object(request)
    if body.get("free") is True:
        start = body.get("start", True)
        if not isinstance(start, bool):
            raise json_error(web.HTTPBadRequest, "Fältet start måste vara true eller false.")

        def open_free(session):
            conversation = open_conversation(session, user.user_id, training=True)
            chat_log.add_bot_note(session, conversation.id, FREE_PRACTICE)
            return conversation.id

        cid = await in_db(open_free)
        return await opened(request, user, cid, start=start)
    case_id = body.get("case")
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


NO_FACIT = "Det finns inget facit för det här samtalet: det är inte ett övningsfall."
_CARD = re.compile(r"^Övningsläge – fall (\d+):")


def _vignette_for(session, cid: str, reference: str | None):
    """The case a practice conversation plays: by the reference typed, else by its card."""
    cases = usable_vignettes()[0]
    found = next((v for v in cases if reference and v.reference == reference), None)
    if found is None:
        first = next((m for m in chat_log.history(session, cid) if m["sender"] == "bot"), None)
        card = _CARD.match(first["text"]) if first else None
        found = next((v for v in cases if card and v.number == int(card.group(1))), None)
    return found


async def get_facit(request: web.Request) -> web.Response:
    """The practised case's expected outcome beside the trainee's assessment. For the one
    who practised, and for trainers, who may read practice conversations anyway."""
    user = require_user(request)
    cid = request.match_info["conversation_id"]

    def read(session):
        conversation = session.get(Conversation, cid)
        if conversation is None or not conversation.training or (
                conversation.user_id != user.user_id and user.role != "utbildare"):
            return None, None
        log_access(session, action="facit", target=f"samtal {cid}", user_id=user.user_id,
                   username=user.username)
        assessment = newest_assessment(session, cid)
        vignette = _vignette_for(session, cid, assessment.case.reference if assessment else None)
        document = assessment_document(session, assessment) if assessment is not None else None
        return vignette, document

    vignette, document = await in_db(read)
    if vignette is None:
        raise json_error(web.HTTPNotFound, NO_FACIT)
    return web.json_response(facit(vignette, document))


def setup_practice(app: web.Application) -> None:
    app.router.add_get("/api/practice/cases", get_cases)
    app.router.add_post("/api/practice/conversations", post_practice)
    app.router.add_get("/api/practice/conversations/{conversation_id}/facit", get_facit)
