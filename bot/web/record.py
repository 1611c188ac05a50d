"""`GET /api/conversations/{id}/record`: the record panel beside the chat; and notes mode,
`POST …/notes` and `POST …/proposals/drop`.

Only the conversation's own case worker reads it (anyone else gets 404, as for its
messages), and it is read after every turn: it is the case worker's own screen, like the
chat history, so it writes no access-log row (the export API does). Built from the pure
core (bot.assessment.record, bot.profile) over the stored rows; Rasa is not asked.
"""
from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy import select

from bot.assessment.flow import next_question
from bot.assessment.notes import MAX_NOTES, read_notes
from bot.assessment.question_bank import load_bank, load_factors
from bot.assessment.record import AnswerRow, build_record, current_values
from bot.clock import as_utc
from bot.privacy.personnummer import mask_identity_numbers
from bot.profile.build import build_profile
from bot.profile.picture import profile_pictures
from bot.storage.answers import current_answers
from bot.storage.conversations import owned_conversation
from bot.storage.models import Answer
from bot.storage.proposals import pending_proposals, replace_proposals
from bot.web.auth import json_error, require_user
from bot.web.chat import NOT_YOURS
from bot.web.db_access import in_db
from bot.web.export import worked_on_last
from bot.web.json_body import json_object


def record_view(session, assessment) -> dict[str, Any]:
    bank, factors = load_bank(), load_factors()
    rows = [AnswerRow(a.question_id, a.value, a.source, a.masked_text, a.skip_reason,
                      bool(a.current), as_utc(a.answered_at).isoformat(timespec="seconds"))
            for a in session.execute(select(Answer).where(Answer.assessment_id == assessment.id)
                                     .order_by(Answer.id)).scalars()]
    answers = current_values(rows)
    profile = build_profile(bank, answers, factors)
    return {
        "assessment": {"id": assessment.id, "case_reference": assessment.case.reference,
                       "status": assessment.status, "training": bool(assessment.training)},
        **build_record(bank, rows, pending_proposals(session, assessment.id)),
        "profile": profile_pictures(profile, answers, factors.accumulation_threshold),
    }


async def get_record(request: web.Request) -> web.Response:
    user = require_user(request)
    conversation_id = request.match_info["conversation_id"]

    def read(session):
        if owned_conversation(session, conversation_id, user.user_id) is None:
            return None
        assessment = worked_on_last(session, conversation_id)
        return record_view(session, assessment) if assessment else {"assessment": None}

    view = await in_db(read)
    if view is None:
        raise json_error(web.HTTPNotFound, NOT_YOURS)
    return web.json_response(view)


NO_ASSESSMENT = ("Anteckningar läses in i en pågående bedömning: börja med Ny bedömning och "
                 "ärendereferensen, eller fortsätt den pausade.")
ALL_ANSWERED = "Alla frågor är redan besvarade, så det finns inget att läsa in."


def _ongoing(session, conversation_id: str, user_id: int):
    """The conversation's ongoing assessment, or the Swedish reason there is none; None
    when the conversation is not this user's."""
    if owned_conversation(session, conversation_id, user_id) is None:
        return None, None
    assessment = worked_on_last(session, conversation_id)
    if assessment is None or assessment.status != "pågående":
        return None, NO_ASSESSMENT
    return assessment, None


async def post_notes(request: web.Request) -> web.Response:
    """`POST /api/conversations/{id}/notes` with {"text"}: the notes are masked first, then
    read; what they state waits in the record as *uppfattat* until the case worker's yes.
    The notes themselves are not kept: only each fact's masked sentence is."""
    user = require_user(request)
    conversation_id = request.match_info["conversation_id"]
    body = await json_object(request)
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        raise json_error(web.HTTPBadRequest, "Klistra in anteckningarna som text.")
    if len(text) > MAX_NOTES:
        raise json_error(web.HTTPBadRequest, f"Anteckningarna får vara högst {MAX_NOTES} tecken "
                                             f"(de här är {len(text)}). Dela upp dem.")
    masked, kinds = mask_identity_numbers(text)

    def read(session):
        assessment, refusal = _ongoing(session, conversation_id, user.user_id)
        if assessment is None:
            return None, refusal
        bank = load_bank()
        answers = current_answers(session, assessment.id)
        if next_question(bank, answers) is None:
            return None, ALL_ANSWERED
        reading = read_notes(bank, answers, masked, pending_proposals(session, assessment.id))
        replace_proposals(session, assessment.id, reading.proposals)
        return reading, None

    reading, refusal = await in_db(read)
    if reading is None:
        if refusal is None:
            raise json_error(web.HTTPNotFound, NOT_YOURS)
        raise json_error(web.HTTPConflict, refusal)
    return web.json_response({
        "found": len(reading.new), "masked": len(kinds),
        "conflicts": reading.conflicts, "safety": reading.safety,
    })


async def post_drop_proposal(request: web.Request) -> web.Response:
    """`POST /api/conversations/{id}/proposals/drop` with {"question_id"}: one reading is
    struck before the rest are confirmed; its question is asked in its turn."""
    user = require_user(request)
    conversation_id = request.match_info["conversation_id"]
    body = await json_object(request)
    question_id = body.get("question_id")
    if not isinstance(question_id, str):
        raise json_error(web.HTTPBadRequest, "Ange question_id som text.")

    def drop(session):
        assessment, refusal = _ongoing(session, conversation_id, user.user_id)
        if assessment is None:
            return refusal or NOT_YOURS
        pending = pending_proposals(session, assessment.id)
        kept = [p for p in pending if p.question_id != question_id]
        if len(kept) == len(pending):
            return "Det finns ingen sådan uppfattning att stryka."
        replace_proposals(session, assessment.id, kept,
                          declined=[p for p in pending if p.question_id == question_id])
        return None

    refusal = await in_db(drop)
    if refusal == NOT_YOURS:
        raise json_error(web.HTTPNotFound, NOT_YOURS)
    if refusal:
        raise json_error(web.HTTPConflict, refusal)
    return web.json_response({"status": "struken"})


def setup_record(app: web.Application) -> None:
    conversation = r"/api/conversations/{conversation_id:[A-Za-z0-9_-]{1,64}}"
    app.router.add_get(conversation + "/record", get_record)
    app.router.add_post(conversation + "/notes", post_notes)
    app.router.add_post(conversation + "/proposals/drop", post_drop_proposal)
