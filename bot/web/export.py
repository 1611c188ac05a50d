"""The export API: an assessment as JSON, for the signed-in users allowed to read it.

Every read is written to the access log, in the same transaction as the read.
"""
from __future__ import annotations

from aiohttp import web
from sqlalchemy import func, select

from bot.auth.permissions import Owner, Reader, can_read_assessment
from bot.storage.access_log import log_access
from bot.storage.export import assessment_document
from bot.storage.models import Answer, Assessment, User
from bot.web.auth import json_error, require_user
from bot.web.db_access import in_db

NOT_FOUND = "Bedömningen finns inte, eller så har du inte behörighet till den."
MAX_ID = 2**31 - 1  # PostgreSQL's integer; a larger id cannot exist


def _read(session, user, assessment: Assessment | None, how: str):
    if assessment is None:
        return None
    owner_unit = None
    if assessment.case_worker_id is not None:
        owner_unit = session.execute(
            select(User.unit).where(User.id == assessment.case_worker_id)
        ).scalar_one_or_none()
    reader = Reader(user.user_id, user.role, user.unit)
    owner = Owner(assessment.case_worker_id, owner_unit, assessment.training)
    if not can_read_assessment(reader, owner):
        return None
    log_access(session, action="export_json", target=f"bedömning {assessment.id}",
               user_id=user.user_id, username=user.username, detail={"via": how})
    return assessment_document(session, assessment)


def worked_on_last(session, conversation_id: str) -> Assessment | None:
    """The conversation's assessment worked on last: the ongoing one if any (one at a time
    per conversation), else the one with the newest answer, else the newest started. An
    assessment reopened here for a deferred question beats a newer one cancelled before it."""
    last_answer = (select(func.max(Answer.id)).where(Answer.assessment_id == Assessment.id)
                   .scalar_subquery())
    return session.execute(
        select(Assessment)
        .where(Assessment.conversation_id == conversation_id)
        .order_by((Assessment.status == "pågående").desc(),
                  func.coalesce(last_answer, 0).desc(), Assessment.id.desc())
        .limit(1)
    ).scalar_one_or_none()


async def get_assessment(request: web.Request) -> web.Response:
    user = require_user(request)
    spelled = request.match_info["assessment_id"]
    # ASCII digits only (int() also reads "١٢٣"), and within what a database integer holds.
    if not (spelled.isascii() and spelled.isdigit()):
        raise json_error(web.HTTPBadRequest, "Bedömningens id måste vara ett heltal.")
    assessment_id = int(spelled) if len(spelled) <= 18 else MAX_ID + 1
    if assessment_id > MAX_ID:
        raise json_error(web.HTTPNotFound, NOT_FOUND)
    doc = await in_db(lambda s: _read(s, user, s.get(Assessment, assessment_id), "id"))
    if doc is None:
        # The same answer for "missing" and "not yours": ids must not leak what exists.
        raise json_error(web.HTTPNotFound, NOT_FOUND)
    return web.json_response(doc)


async def get_conversation_assessment(request: web.Request) -> web.Response:
    user = require_user(request)
    conversation_id = request.match_info["conversation_id"]

    def newest(session):
        return _read(session, user, worked_on_last(session, conversation_id), "samtal")

    doc = await in_db(newest)
    if doc is None:
        raise json_error(web.HTTPNotFound, NOT_FOUND)
    return web.json_response(doc)


def setup_export(app: web.Application) -> None:
    app.router.add_get(r"/api/assessments/{assessment_id}", get_assessment)
    app.router.add_get(
        r"/api/conversations/{conversation_id:[A-Za-z0-9_-]{1,64}}/assessment",
        get_conversation_assessment,
    )
