"""The statistics for supervisors and admins: the figures as JSON and CSV, and the charts
drawn from them as SVG. Computed by bot.review.statistics; every read is logged."""
from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from bot import local_time
from bot.review import statistics
from bot.review.charts import bar_chart_svg
from bot.storage.access_log import log_access
from bot.web.auth import json_error, require_user
from bot.web.db_access import in_db
from bot.web.review.common import bad, date_param

STATS_ROLES = ("arbetsledare", "admin")


def _stats_request(request: web.Request):
    """Period (default: the last 90 days) and unit: a supervisor's own, an admin's choice."""
    user = require_user(request, *STATS_ROLES)
    today = local_time.today()  # the supervisor's day, not UTC's
    date_to = date_param(request.query.get("to"), "Till") or today
    date_from = date_param(request.query.get("from"), "Från") or date_to - timedelta(days=90)
    if date_from > date_to:
        raise bad("Från-datumet ligger efter till-datumet.")
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
