"""The review API: supervisors' conversation list, transcripts, comments, tags, flags,
reviewed status, exports, and the admins' access log.

Every view and export writes one access-log row in the same transaction as the read.
Who may see a conversation is decided by bot.storage.review (bot.auth.permissions).
"""
from __future__ import annotations

import asyncio
import io
import logging
import re
from datetime import date, timedelta

from aiohttp import web
from sqlalchemy import func, select

from bot import local_time
from bot.assessment.question_bank import load_bank
from bot.clock import as_utc, utcnow
from bot.privacy.personnummer import mask_identity_numbers
from bot.review import statistics
from bot.review.charts import bar_chart_svg
from bot.review.csv_cells import SafeWriter
from bot.review.report_pdf import assessment_report_pdf
from bot.review.test_story import StoryWriterFailed, conversation_story_request, write_story
from bot.storage import chat_log, review
from bot.storage.access_log import log_access
from bot.storage.export import assessment_document
from bot.storage.models import (
    AccessLog,
    ConversationReview,
    ConversationTag,
    ReviewComment,
)
from bot.web.auth import json_error, require_user
from bot.web.db_access import in_db
from bot.web.json_body import json_object
from bot.web.keys import SETTINGS
from bot.web.user_text import clean_text

log = logging.getLogger(__name__)

REVIEWERS = ("arbetsledare", "utbildare")
READERS = ("handläggare", *REVIEWERS)
NOT_FOUND = "Samtalet finns inte, eller så har du inte behörighet till det."
_TAG = re.compile(r"^[\wåäöÅÄÖ .-]{1,40}$")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_COMMENT = 2000
# Far beyond any real log; larger offsets overflow the database's integer.
MAX_PAGE = 100_000


def _bad(message: str) -> web.HTTPException:
    return json_error(web.HTTPBadRequest, message)


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _bad(f"{name} måste vara ett datum som ÅÅÅÅ-MM-DD.") from None


def _bool(value: str | None, name: str) -> bool | None:
    if value in (None, ""):
        return None
    if value in ("ja", "true", "1"):
        return True
    if value in ("nej", "false", "0"):
        return False
    raise _bad(f"{name} måste vara ja eller nej.")


def filters_from(query) -> review.Filters:
    """The list's filters from a query string; anything malformed is a 400 with a reason."""
    triage = query.get("triage")
    if triage not in (None, "", "1", "2", "3"):
        raise _bad("Triagegrupp måste vara 1, 2 eller 3.")
    risk = query.get("risk") or None
    if risk is not None and risk not in review.RISK_BANDS:
        raise _bad("Okänt riskband.")
    sort = query.get("sort") or "nyast"
    if sort not in review.SORTS:
        raise _bad("Okänd sortering.")
    try:
        page = int(query.get("page") or 1)
    except ValueError:
        raise _bad("Sidnumret måste vara ett heltal.") from None
    status = query.get("suggestion") or None
    if status is not None and status not in ("föreslagen", "vald", "avböjd",
                                              "behövs men finns inte"):
        raise _bad("Okänd status för förslag.")
    text = (query.get("q") or "").strip()[:200] or None
    return review.Filters(
        date_from=_date(query.get("from"), "Från"), date_to=_date(query.get("to"), "Till"),
        case_worker=(query.get("case_worker") or None), module=(query.get("module") or None),
        risk_band=risk, triage_group=int(triage) if triage else None,
        flagged=_bool(query.get("flagged"), "Flaggad"),
        reviewed=_bool(query.get("reviewed"), "Granskad"),
        skipped=_bool(query.get("skipped"), "Överhoppade frågor"),
        suggestion_status=status, text=text, sort=sort, page=page,
    )


def _conversation_id(request: web.Request) -> str:
    cid = request.match_info["conversation_id"]
    if not _ID.match(cid):
        raise _bad("Ogiltigt samtals-id.")
    return cid


async def list_conversations(request: web.Request) -> web.Response:
    user = require_user(request, *READERS)
    filters = filters_from(request.query)

    def read(session):
        result = review.conversation_list(session, review.reader_of(user), filters)
        log_access(session, action="granskningslista", target="samtalslista",
                   user_id=user.user_id, username=user.username,
                   # The search text may hold what a case worker typed about a client:
                   # kept for the log, but with identity numbers masked like everywhere.
                   detail={"filter": {k: mask_identity_numbers(v)[0] if k == "q" else v
                                      for k, v in request.query.items()},
                           "träffar": result["total"]})
        return result

    return web.json_response(await in_db(read))


def _readable(session, user, cid):
    found = review.may_read(session, review.reader_of(user), cid)
    if found is None or user.role not in READERS:
        return None
    return found


async def get_transcript(request: web.Request) -> web.Response:
    user = require_user(request, *READERS)
    cid = _conversation_id(request)

    def read(session):
        found = _readable(session, user, cid)
        if found is None:
            return None
        view = review.transcript(session, *found)
        assessment = review.newest_assessment(session, cid)
        view["assessment"] = (assessment_document(session, assessment)
                              if assessment is not None else None)
        view["may_review"] = user.role in REVIEWERS
        log_access(session, action="transkript", target=f"samtal {cid}",
                   user_id=user.user_id, username=user.username)
        return view

    view = await in_db(read)
    if view is None:
        raise json_error(web.HTTPNotFound, NOT_FOUND)
    return web.json_response(view)


async def _json_body(request: web.Request) -> dict:
    return await json_object(request)


async def post_comment(request: web.Request) -> web.Response:
    user = require_user(request, *REVIEWERS)
    cid = _conversation_id(request)
    body = await _json_body(request)
    text, seq = body.get("text"), body.get("message_seq")
    # Control and format characters, as in chat messages, hide text from a reader.
    text = clean_text(text) if isinstance(text, str) else None
    if not text:
        raise _bad("Skriv en kommentar.")
    if len(text) > MAX_COMMENT:
        raise _bad(f"Kommentaren är för lång (högst {MAX_COMMENT} tecken).")
    if not isinstance(seq, int) or isinstance(seq, bool):
        raise _bad("Ange vilket meddelande kommentaren gäller (message_seq).")

    def write(session):
        if _readable(session, user, cid) is None:
            return None
        if seq not in {m["seq"] for m in chat_log.history(session, cid)}:
            return "no-message"
        comment = ReviewComment(conversation_id=cid, event_id=seq, author_id=user.user_id,
                                text=mask_identity_numbers(text.strip())[0])
        session.add(comment)
        session.flush()
        return {"id": comment.id, "message_seq": seq, "text": comment.text,
                "author": user.display_name}

    result = await in_db(write)
    if result is None:
        raise json_error(web.HTTPNotFound, NOT_FOUND)
    if result == "no-message":
        raise _bad("Meddelandet finns inte i samtalet.")
    return web.json_response(result, status=201)


def _review_row(session, cid) -> ConversationReview:
    row = session.execute(select(ConversationReview).where(
        ConversationReview.conversation_id == cid)).scalar_one_or_none()
    if row is None:
        row = ConversationReview(conversation_id=cid, flagged=False, reviewed=False)
        session.add(row)
    return row


async def post_status(request: web.Request) -> web.Response:
    """Flag and reviewed: `{"flagged": true}`, `{"reviewed": true}` or both."""
    user = require_user(request, *REVIEWERS)
    cid = _conversation_id(request)
    body = await _json_body(request)
    changes = {k: body[k] for k in ("flagged", "reviewed") if k in body}
    if not changes or not all(isinstance(v, bool) for v in changes.values()):
        raise _bad("Ange flagged och/eller reviewed som true eller false.")

    def write(session):
        if _readable(session, user, cid) is None:
            return None
        row = _review_row(session, cid)
        if "flagged" in changes:
            row.flagged = changes["flagged"]
        if "reviewed" in changes:
            row.reviewed = changes["reviewed"]
            row.reviewed_by_id = user.user_id if changes["reviewed"] else None
            row.reviewed_at = utcnow() if changes["reviewed"] else None
        session.flush()
        return {"flagged": bool(row.flagged), "reviewed": bool(row.reviewed)}

    result = await in_db(write)
    if result is None:
        raise json_error(web.HTTPNotFound, NOT_FOUND)
    return web.json_response(result)


async def post_tag(request: web.Request) -> web.Response:
    user = require_user(request, *REVIEWERS)
    cid = _conversation_id(request)
    tag = (await _json_body(request)).get("tag")
    if not isinstance(tag, str) or not _TAG.match(tag.strip()):
        raise _bad("En tagg är 1–40 tecken: bokstäver, siffror, mellanslag, punkt och bindestreck.")
    tag = tag.strip().lower()

    def write(session):
        if _readable(session, user, cid) is None:
            return None
        exists = session.execute(select(ConversationTag).where(
            ConversationTag.conversation_id == cid, ConversationTag.tag == tag)).first()
        if exists is None:
            session.add(ConversationTag(conversation_id=cid, tag=tag))
        session.flush()
        return sorted(session.execute(select(ConversationTag.tag).where(
            ConversationTag.conversation_id == cid)).scalars())

    tags = await in_db(write)
    if tags is None:
        raise json_error(web.HTTPNotFound, NOT_FOUND)
    return web.json_response({"tags": tags})


async def delete_tag(request: web.Request) -> web.Response:
    user = require_user(request, *REVIEWERS)
    cid = _conversation_id(request)
    tag = request.match_info["tag"].strip().lower()

    def write(session):
        if _readable(session, user, cid) is None:
            return None
        for row in session.execute(select(ConversationTag).where(
                ConversationTag.conversation_id == cid, ConversationTag.tag == tag)).scalars():
            session.delete(row)
        session.flush()
        return sorted(session.execute(select(ConversationTag.tag).where(
            ConversationTag.conversation_id == cid)).scalars())

    tags = await in_db(write)
    if tags is None:
        raise json_error(web.HTTPNotFound, NOT_FOUND)
    return web.json_response({"tags": tags})


def _export_read(user, cid: str, kind: str):
    def read(session):
        found = _readable(session, user, cid)
        if found is None:
            return None
        view = review.transcript(session, *found)
        assessment = review.newest_assessment(session, cid)
        view["assessment"] = (assessment_document(session, assessment)
                              if assessment is not None else None)
        log_access(session, action=f"export_{kind}", target=f"samtal {cid}",
                   user_id=user.user_id, username=user.username)
        return view
    return read


async def export_json(request: web.Request) -> web.Response:
    user = require_user(request, *READERS)
    cid = _conversation_id(request)
    view = await in_db(_export_read(user, cid, "json"))
    if view is None:
        raise json_error(web.HTTPNotFound, NOT_FOUND)
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
    cid = _conversation_id(request)
    view = await in_db(_export_read(user, cid, "csv"))
    if view is None:
        raise json_error(web.HTTPNotFound, NOT_FOUND)
    return web.Response(text=transcript_csv(view), content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition":
                                 f'attachment; filename="samtal-{cid}.csv"'})


async def export_pdf(request: web.Request) -> web.Response:
    user = require_user(request, *READERS)
    cid = _conversation_id(request)

    def read(session):
        if _readable(session, user, cid) is None:
            return None
        assessment = review.newest_assessment(session, cid)
        if assessment is None:
            return "none"
        pdf = assessment_report_pdf(session, assessment, generated_by=user.display_name,
                                    generated_at=utcnow())
        log_access(session, action="export_pdf", target=f"samtal {cid}",
                   user_id=user.user_id, username=user.username)
        return assessment.case.reference, pdf

    found = await in_db(read)
    if found is None:
        raise json_error(web.HTTPNotFound, NOT_FOUND)
    if found == "none":
        raise json_error(web.HTTPNotFound, "Samtalet har ingen bedömning att skriva ut.")
    reference, pdf = found
    name = re.sub(r"[^0-9A-Za-z_-]", "_", reference)
    return web.Response(body=pdf, content_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="bedomning-{name}.pdf"'})


async def export_test_story(request: web.Request) -> web.Response:
    """"Spara som teststory": the conversation as a Rasa test story file for trainers."""
    user = require_user(request, *READERS)
    cid = _conversation_id(request)

    def read(session):
        if _readable(session, user, cid) is None:
            return None
        assessment = review.newest_assessment(session, cid)
        reference = assessment.case.reference if assessment is not None else None
        story = conversation_story_request(session, cid, reference=reference,
                                           saved_by=user.username, saved_at=utcnow())
        log_access(session, action="export_teststory", target=f"samtal {cid}",
                   user_id=user.user_id, username=user.username)
        return reference, story

    found = await in_db(read)
    if found is None:
        raise json_error(web.HTTPNotFound, NOT_FOUND)
    reference, story_request = found
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


STORY_WRITER_DOWN = ("Teststoryn kunde inte skrivas just nu (Rasas miljö svarade inte). "
                     "Försök igen om en stund.")


STATS_ROLES = ("arbetsledare", "admin")


def _stats_request(request: web.Request):
    """Period (default: the last 90 days) and unit: a supervisor's own, an admin's choice."""
    user = require_user(request, *STATS_ROLES)
    today = local_time.today()  # the supervisor's day, not UTC's
    date_to = _date(request.query.get("to"), "Till") or today
    date_from = _date(request.query.get("from"), "Från") or date_to - timedelta(days=90)
    if date_from > date_to:
        raise _bad("Från-datumet ligger efter till-datumet.")
    unit = user.unit if user.role == "arbetsledare" else (request.query.get("unit") or None)
    return user, date_from, date_to, unit


async def _statistics(request: web.Request, what: str) -> dict:
    user, date_from, date_to, unit = _stats_request(request)

    def read(session):
        result = statistics.statistics(session, date_from=date_from, date_to=date_to, unit=unit)
        log_access(session, action="statistik", target=what, user_id=user.user_id,
                   username=user.username, detail={"från": date_from.isoformat(),
                                                   "till": date_to.isoformat(), "enhet": unit})
        return result

    return await in_db(read)


async def get_statistics(request: web.Request) -> web.Response:
    return web.json_response(await _statistics(request, "statistik"))


async def get_statistics_csv(request: web.Request) -> web.Response:
    result = await _statistics(request, "statistik csv")
    return web.Response(text=statistics.statistics_csv(result), content_type="text/csv",
                        charset="utf-8", headers={
                            "Content-Disposition": 'attachment; filename="tidigt-statistik.csv"'})


CHARTS = {
    "per_month": ("Bedömningar per månad", lambda r: list(r["per_month"].items())),
    "per_module": ("Bedömningar per område", lambda r: list(r["per_module"].items())),
    "audit": ("AUDIT: fördelning på band", lambda r: list(r["bands"].get("AUDIT", {}).items())),
    "dudit": ("DUDIT: fördelning på band", lambda r: list(r["bands"].get("DUDIT", {}).items())),
    "chosen": ("Valda insatser", lambda r: [(row["name"], row["vald"])
                                            for row in r["interventions"] if row["vald"]]),
    "gaps": ("Behövs men finns inte (luckor i utbudet)",
             lambda r: [(row["name"], row["antal"]) for row in r["gaps"]]),
    "skipped": ("Mest överhoppade frågor",
                lambda r: [(row["topic"], row["antal"]) for row in r["most_skipped"]]),
}


async def get_statistics_chart(request: web.Request) -> web.Response:
    name = request.match_info["chart"]
    if name not in CHARTS:
        raise json_error(web.HTTPNotFound, "Diagrammet finns inte.")
    title, rows_of = CHARTS[name]
    rows = rows_of(await _statistics(request, f"diagram {name}"))
    svg = bar_chart_svg(title, [str(label) for label, _ in rows], [float(v) for _, v in rows])
    return web.Response(text=svg, content_type="image/svg+xml", charset="utf-8")


async def access_log(request: web.Request) -> web.Response:
    user = require_user(request, "admin")
    q = request.query
    date_from, date_to = _date(q.get("from"), "Från"), _date(q.get("to"), "Till")
    try:
        page = max(1, int(q.get("page") or 1))
    except ValueError:
        raise _bad("Sidnumret måste vara ett heltal.") from None
    if page > MAX_PAGE:
        raise _bad(f"Sidnumret får vara högst {MAX_PAGE}.")

    def read(session):
        query = select(AccessLog)
        if q.get("user"):
            query = query.where(AccessLog.username == q["user"])
        if q.get("action"):
            query = query.where(AccessLog.action == q["action"])
        if date_from:  # Swedish days, as the reader means them
            query = query.where(AccessLog.at >= local_time.day_window(date_from, date_from)[0])
        if date_to:
            query = query.where(AccessLog.at < local_time.day_window(date_to, date_to)[1])
        total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = session.execute(query.order_by(AccessLog.id.desc())
                               .offset((page - 1) * 50).limit(50)).scalars().all()
        log_access(session, action="åtkomstlogg", target="åtkomstloggen",
                   user_id=user.user_id, username=user.username, detail=dict(q))
        return {"total": total, "page": page, "rows": [
            {"id": r.id, "at": as_utc(r.at).isoformat(timespec="seconds"),
             "username": r.username, "action": r.action, "target": r.target,
             "detail": r.detail} for r in rows]}

    return web.json_response(await in_db(read))


async def filter_options(request: web.Request) -> web.Response:
    """What the list's filter fields may hold, in Swedish, for this reader."""
    user = require_user(request, *READERS)

    def read(session):
        workers = {(u.username, u.display_name)
                   for _, u in review.visible(session, review.reader_of(user))}
        return sorted(workers, key=lambda w: w[1].casefold())

    workers = await in_db(read)
    return web.json_response({
        "modules": [{"id": m.id, "name": m.name} for m in load_bank()],
        "risk_bands": [{"id": k, "name": v} for k, v in review.RISK_BANDS.items()],
        "suggestion_statuses": ["föreslagen", "vald", "avböjd", "behövs men finns inte"],
        "case_workers": [{"username": u, "name": n} for u, n in workers],
        "sorts": list(review.SORTS),
        "may_review": user.role in REVIEWERS,
    })


def setup_review(app: web.Application) -> None:
    app.router.add_get("/api/review/options", filter_options)
    conv = r"/api/review/conversations/{conversation_id}"
    app.router.add_get("/api/review/conversations", list_conversations)
    app.router.add_get(conv, get_transcript)
    app.router.add_post(conv + "/comments", post_comment)
    app.router.add_post(conv + "/status", post_status)
    app.router.add_post(conv + "/tags", post_tag)
    app.router.add_delete(conv + "/tags/{tag}", delete_tag)
    app.router.add_get(conv + "/export.json", export_json)
    app.router.add_get(conv + "/export.csv", export_csv)
    app.router.add_get(conv + "/test-story", export_test_story)
    app.router.add_get(conv + "/export.pdf", export_pdf)
    app.router.add_get("/api/admin/access-log", access_log)
    app.router.add_get("/api/review/statistics", get_statistics)
    app.router.add_get("/api/review/statistics.csv", get_statistics_csv)
    app.router.add_get("/api/review/statistics/{chart}.svg", get_statistics_chart)
