"""The clock, in UTC: every stored instant is UTC (bot/local_time.py turns one into Swedish
time for people). Pure, so storage, the web app and the core read the time from one place
without importing the ORM models."""
from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes even for timezone-aware columns; all are UTC."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
