"""Swedish days and times for what people read, whatever the season."""
from datetime import date, datetime, timedelta, timezone

from bot.local_time import day_window, local, stamp

UTC = timezone.utc


def test_a_swedish_day_is_bounded_by_swedish_midnights_in_utc():
    assert day_window(date(2026, 12, 1), date(2026, 12, 1)) == (
        datetime(2026, 11, 30, 23, 0, tzinfo=UTC), datetime(2026, 12, 1, 23, 0, tzinfo=UTC))
    assert day_window(date(2026, 7, 1), date(2026, 7, 31)) == (
        datetime(2026, 6, 30, 22, 0, tzinfo=UTC), datetime(2026, 7, 31, 22, 0, tzinfo=UTC))


def test_the_days_summer_time_starts_and_ends_are_23_and_25_hours():
    start, end = day_window(date(2026, 3, 29), date(2026, 3, 29))
    assert end - start == timedelta(hours=23)
    start, end = day_window(date(2026, 10, 25), date(2026, 10, 25))
    assert end - start == timedelta(hours=25)


def test_stamps_are_swedish_time_and_naive_values_are_read_as_utc():
    assert stamp(datetime(2026, 11, 30, 23, 30, tzinfo=UTC)) == "2026-12-01 00:30"
    assert stamp(datetime(2026, 6, 30, 22, 30)) == "2026-07-01 00:30"  # as SQLite returns it
    assert stamp(None) == "–"
    assert local(datetime(2026, 1, 15, 12, 0)).utcoffset() == timedelta(hours=1)
