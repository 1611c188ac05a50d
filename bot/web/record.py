"""`GET /api/conversations/{id}/record`: the record panel beside the chat.

Only the conversation's own case worker reads it (anyone else gets 404, as for its
messages), and it is read after every turn: it is the case worker's own screen, like the
chat history, so it writes no access-log row (the export API does). Built from the pure
core (bot.assessment.record, bot.profile) over the stored rows; Rasa is not asked.
"""
from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy import select

from bot.assessment.question_bank import load_bank, load_factors
from bot.assessment.record import AnswerRow, build_record, current_values
from bot.profile.build import build_profile
from bot.profile.picture import profile_pictures
from bot.storage.conversations import owned_conversation
from bot.storage.models import Answer, as_utc
from bot.storage.proposals import pending_proposals
from bot.web.auth import json_error, require_user
from bot.web.chat import NOT_YOURS
from bot.web.db_access import in_db
from bot.web.export import worked_on_last


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


def setup_record(app: web.Application) -> None:
    app.router.add_get(r"/api/conversations/{conversation_id:[A-Za-z0-9_-]{1,64}}/record",
                       get_record)
