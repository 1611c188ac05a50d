"""The reviewers' conversation list, its filters, and one conversation's transcript."""
from __future__ import annotations

from aiohttp import web

from bot.assessment.question_bank import load_bank
from bot.privacy.personnummer import mask_identity_numbers
from bot.storage import review
from bot.storage.access_log import log_access
from bot.storage.models import SUGGESTION_STATUSES
from bot.web.auth import require_user
from bot.web.db_access import in_db
from bot.web.review.common import (
    READERS,
    REVIEWERS,
    bad,
    conversation_id,
    date_param,
    log_opened,
    on_readable,
)


def _bool(value: str | None, name: str) -> bool | None:
    if value in (None, ""):
        return None
    if value in ("ja", "true", "1"):
        return True
    if value in ("nej", "false", "0"):
        return False
    raise bad(f"{name} måste vara ja eller nej.")


def filters_from(query) -> review.Filters:
    """The list's filters from a query string; anything malformed is a 400 with a reason."""
    triage = query.get("triage")
    if triage not in (None, "", "1", "2", "3"):
        raise bad("Triagegrupp måste vara 1, 2 eller 3.")
    risk = query.get("risk") or None
    if risk is not None and risk not in review.RISK_BANDS:
        raise bad("Okänt riskband.")
    sort = query.get("sort") or "nyast"
    if sort not in review.SORTS:
        raise bad("Okänd sortering.")
    try:
        page = int(query.get("page") or 1)
    except ValueError:
        raise bad("Sidnumret måste vara ett heltal.") from None
    status = query.get("suggestion") or None
    if status is not None and status not in SUGGESTION_STATUSES:
        raise bad("Okänd status för förslag.")
    text = (query.get("q") or "").strip()[:200] or None
    return review.Filters(
        date_from=date_param(query.get("from"), "Från"),
        date_to=date_param(query.get("to"), "Till"),
        case_worker=(query.get("case_worker") or None), module=(query.get("module") or None),
        risk_band=risk, triage_group=int(triage) if triage else None,
        flagged=_bool(query.get("flagged"), "Flaggad"),
        reviewed=_bool(query.get("reviewed"), "Granskad"),
        skipped=_bool(query.get("skipped"), "Överhoppade frågor"),
        suggestion_status=status, text=text, sort=sort, page=page,
    )


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


async def get_transcript(request: web.Request) -> web.Response:
    user = require_user(request, *READERS)
    cid = conversation_id(request)

    def read(session, found):
        view = review.transcript_with_assessment(session, *found)
        view["may_review"] = user.role in REVIEWERS
        log_opened(session, user, cid, "transkript")
        return view

    return web.json_response(await on_readable(user, cid, read))


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
        "suggestion_statuses": list(SUGGESTION_STATUSES),
        "case_workers": [{"username": u, "name": n} for u, n in workers],
        "sorts": list(review.SORTS),
        "may_review": user.role in REVIEWERS,
    })
