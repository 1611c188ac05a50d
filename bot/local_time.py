"""Swedish time for what people read and for the days they ask about.

Times are stored in UTC. A manager who asks for "1–31 december" means Swedish days, and a
report read in Sweden should say when something happened in Swedish time: an assessment
started at 00:30 on 1 December in Stockholm is 23:30 on 30 November in UTC and would
otherwise be counted in the wrong day and month. Europe/Stockholm follows summer time, so
the offset is looked up per instant, never fixed at +1.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.clock import as_utc, utcnow

ZONE = ZoneInfo("Europe/Stockholm")


def local(value: datetime) -> datetime:
    """A stored instant (naive values from SQLite are UTC) in Swedish time."""
    return as_utc(value).astimezone(ZONE)


def today() -> date:
    return utcnow().astimezone(ZONE).date()


def day_window(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """The instants [start, end) covering the Swedish days date_from to date_to inclusive,
    in UTC: SQLite compares stored times as text without their zone, and they are UTC."""
    start = datetime.combine(date_from, time.min, ZONE)
    end = datetime.combine(date_to + timedelta(days=1), time.min, ZONE)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def stamp(value: datetime | None) -> str:
    """`2026-12-01 00:30` in Swedish time, for reports; a dash when there is no time."""
    return local(value).strftime("%Y-%m-%d %H:%M") if value is not None else "–"
