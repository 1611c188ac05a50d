"""A conversation a reader may open, exported: JSON, CSV, the PDF report, and a Rasa test
story for trainers. Each export writes its own access-log row."""
from __future__ import annotations

import asyncio
import io
import logging
import re

from aiohttp import web

from bot.clock import utcnow
from bot.review.csv_cells import SafeWriter
from bot.review.report_pdf import assessment_report_pdf
from bot.review.test_story import StoryWriterFailed, conversation_story_request, write_story
from bot.storage import review
from bot.web.auth import json_error, require_user
from bot.web.keys import SETTINGS
from bot.web.review.common import READERS, conversation_id, log_opened, on_readable

log = logging.getLogger(__name__)

STORY_WRITER_DOWN = ("Teststoryn kunde inte skrivas just nu (Rasas miljö svarade inte). "
                     "Försök igen om en stund.")


NO_ASSESSMENT = "Samtalet har ingen bedömning att skriva ut."


async def _exported_view(user, cid: str, kind: str) -> dict:
    def read(session, found):
        view = review.transcript_with_assessment(session, *found)
        log_opened(session, user, cid, f"export_{kind}")
        return view

    return await on_readable(user, cid, read)


async def export_json(request: web.Request) -> web.Response:
    user = require_user(request, *READERS)
    cid = conversation_id(request)
    view = await _exported_view(user, cid, "json")
    return web.json_response(view, headers={
        "Content-Disposition": f'attachment; filename="samtal-{cid}.json"'})


def transcript_csv(view: dict) -> str:
    """One row per message, with what it recorded; `;` as Swedish spreadsheets expect."""
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(["nr", "tid", "avsändare", "text", "registrerat", "säkerhetsuppmaning",
                     "kommentarer"])
    for m in view["messages"]:
        did = " | ".join(
            f"{d['kind']}: {d.get('question_id') or d.get('instrument') or d.get('rank')}"
            f" = {d.get('value', d.get('total', d.get('status')))}" for d in m["did"])
        writer.writerow([m["seq"], m["at"], "handläggare" if m["sender"] == "user" else "Tidigt",
                         m["text"], did, "ja" if m["safety_prompt"] else "nej",
                         " | ".join(c["text"] for c in m["comments"])])
    return out.getvalue()


async def export_csv(request: web.Request) -> web.Response:
    user = require_user(request, *READERS)
    cid = conversation_id(request)
    view = await _exported_view(user, cid, "csv")
    return web.Response(text=transcript_csv(view), content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition":
                                 f'attachment; filename="samtal-{cid}.csv"'})


async def export_pdf(request: web.Request) -> web.Response:
    user = require_user(request, *READERS)
    cid = conversation_id(request)

    def read(session, found):
        assessment = review.newest_assessment(session, cid)
        if assessment is None:
            raise json_error(web.HTTPNotFound, NO_ASSESSMENT)
        pdf = assessment_report_pdf(session, assessment, generated_by=user.display_name,
                                    generated_at=utcnow())
        log_opened(session, user, cid, "export_pdf")
        return assessment.case.reference, pdf

    reference, pdf = await on_readable(user, cid, read)
    name = re.sub(r"[^0-9A-Za-z_-]", "_", reference)
    return web.Response(body=pdf, content_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="bedomning-{name}.pdf"'})


async def export_test_story(request: web.Request) -> web.Response:
    """"Spara som teststory": the conversation as a Rasa test story file for trainers."""
    user = require_user(request, *READERS)
    cid = conversation_id(request)

    def read(session, found):
        assessment = review.newest_assessment(session, cid)
        reference = assessment.case.reference if assessment is not None else None
        story = conversation_story_request(session, cid, reference=reference,
                                           saved_by=user.username, saved_at=utcnow())
        log_opened(session, user, cid, "export_teststory")
        return reference, story

    reference, story_request = await on_readable(user, cid, read)
    # Rasa writes the story in its own environment (a few seconds), outside the database's
    # unit of work and off the event loop.
    try:
        story = await asyncio.to_thread(write_story, story_request,
                                        request.app[SETTINGS].rasa_python)
    except StoryWriterFailed as err:
        log.error("test story for %s not written: %s", cid, err)
        raise json_error(web.HTTPServiceUnavailable, STORY_WRITER_DOWN) from err
    name = re.sub(r"[^0-9A-Za-z_-]", "_", reference or cid[:8])
    return web.Response(text=story, content_type="application/x-yaml", charset="utf-8",
                        headers={"Content-Disposition":
                                 f'attachment; filename="test_samtal_{name}.yml"'})
