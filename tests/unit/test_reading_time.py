"""Durations in months, and how long ago, relative to the meeting date."""
import datetime as dt

import pytest

from bot.reading.text import clauses
from bot.reading.time import (
    OPEN_ENDED,
    Months,
    age_from_birth_year,
    over_now,
    read_durations,
    read_months_ago,
    within_past_year,
)

MEETING = dt.date(2026, 12, 3)


def months(text, today=MEETING):
    found = read_durations(text, today)
    assert len(found) == 1, found
    return round(found[0].low, 1), round(found[0].high, 1)


@pytest.mark.parametrize("text, low, high", [
    ("ett och ett halvt år", 18, 18),
    ("ett och ett halvt ar", 18, 18),
    ("ett halvår", 6, 6),
    ("ungefär ett halvår", 6, 6),
    ("ett halvt år", 6, 6),
    ("halvåret", 6, 6),
    ("ett par månader", 2, 3),
    ("några månader", 2, 4),
    ("sedan tre år", 36, 36),
    ("i 10 manader", 10, 10),
    ("2,5 år", 30, 30),
    ("3-4 år", 36, 48),
    ("ett år", 12, 12),
    ("sex veckor", 1.4, 1.4),
    ("sedan 2024", 23.1, 35.1),  # 1 Jan to 31 Dec 2024, counted to 3 Dec 2026
    ("sedan i våras", 6.1, 9.1),  # March to May 2026
    ("sedan i somras", 3.1, 6.1),
    ("sedan januari", 10.1, 11.0),
    ("sedan jul", 11.2, 11.3),
    ("3 mån", 3, 3),  # as typed in notes
    ("bistånd sen 10 mån", 10, 10),
    ("sen i våras", 6.1, 9.1),
])
def test_durations_in_months(text, low, high):
    assert months(text) == (low, high)


def test_seasons_are_the_latest_one_begun():
    # In April, "i somras" is last summer; in December, this year's.
    assert months("sedan i somras", dt.date(2026, 4, 10)) == (7.3, 10.3)
    assert months("sedan i vintras", dt.date(2026, 4, 10)) == (1.3, 4.3)


@pytest.mark.parametrize("text", [
    "hon är 34 år",  # an age
    "34 år gammal",
    "för två år sedan",  # a time ago, not a duration
    "han har skulder",
])
def test_not_a_duration(text):
    assert read_durations(text, MEETING) == []


def test_a_relative_start_needs_the_meeting_date():
    assert read_durations("sedan 2024") == []
    assert read_durations("sedan 2024", MEETING)


@pytest.mark.parametrize("text, within", [
    ("i somras", True),
    ("syster sa det i somras", True),
    ("i julas", True),  # Christmas 2025
    ("förra månaden", True),
    ("förra veckan", True),
    ("i mars", True),
    ("i påskas", True),
    ("för tre månader sedan", True),
    ("för ett halvår sedan", True),
    ("för en månad sen", True),
    ("inte sedan i somras", True),
    ("för två år sedan", False),
    ("inte sedan 2023", False),
    ("för några år sedan", False),
    ("2022", False),
    ("för ett år sedan", None),  # half a year to a year and a half: asked
    ("i fjol", None),  # in December, 11 to 23 months ago
    ("förra året", None),
])
def test_within_the_past_year(text, within):
    (ago,) = read_months_ago(text, MEETING)
    assert within_past_year(ago) is within


def test_last_year_early_in_the_year_is_before_the_past_year_in_part_only():
    (ago,) = read_months_ago("i fjol", dt.date(2026, 1, 15))
    assert round(ago.low, 1) == 0.5 and within_past_year(ago) is None


def test_a_christmas_not_yet_come_is_last_years():
    (ago,) = read_months_ago("i julas", dt.date(2026, 12, 20))
    assert 11.5 < ago.low < 12 and within_past_year(ago) is True


@pytest.mark.parametrize("text", [
    "sedan i våras",  # a duration, not a time ago
    "två år",
    "han har skulder",
])
def test_not_a_time_ago(text):
    assert read_months_ago(text, MEETING) == []


def test_this_year_is_so_far():
    (ago,) = read_months_ago("i år", MEETING)
    assert ago.low == 0 and round(ago.high, 1) == 11.0  # 1 January to 3 December


def test_open_ended_is_never_within():
    assert within_past_year(Months(13, OPEN_ENDED, 0, 0, "")) is False
    assert within_past_year(Months(6, OPEN_ENDED, 0, 0, "")) is None


@pytest.mark.parametrize("text, within", [
    ("för typ två år sen", False),  # a hedge between "för" and the amount
    ("för typ ett och ett halvt år sen", False),  # to the half year: 15 to 21 months
    ("det är tre år sen", False),  # said without "för"
    ("tre år sen ungefär", False),
    ("för många år sedan", False),
    ("för länge sedan", False),
    ("det var längesen", False),
    ("nyligen", True),
    ("senast i helgen", True),
    ("häromveckan", True),
    ("de senaste månaderna", True),
])
def test_said_the_way_people_say_it(text, within):
    (ago,) = read_months_ago(text, MEETING)
    assert within_past_year(ago) is within


@pytest.mark.parametrize("text", [
    "hon har bott där i tre år sen hon flyttade",  # "i tre år": how long, not when
    "han har varit lång tid på sjukhus",
])
def test_still_not_a_time_ago(text):
    assert read_months_ago(text, MEETING) == []


@pytest.mark.parametrize("text, over", [
    ("hade det förra året men den är avbetald nu", True),
    ("de växte för några år sen men inte nu", True),
    ("hon hade en depression för tio år sen men mår bra nu", True),
    ("hon hade skulder förut men inte längre", True),
    ("hade hyresskulder men hon har inga nu", True),
    # not said to be over
    ("hade ångest förut men inte lika mycket nu", False),
    ("hade ångest förut men mår bättre nu", False),
    ("hade skulder förra året men hon har inte betalat av dem nu", False),
    ("hon hade skulder förut men nu är de större", False),
    ("hon mår dåligt men inte nu", False),  # nothing past: no "then" to be over
])
def test_over_now(text, over):
    then, now = clauses(text)
    assert over_now(then.said, now.said) is over


@pytest.mark.parametrize("text, ages", [
    ("hon är född 1985", (41, 40)),
    ("född -85", (41, 40)),
    ("f. 1990", (36, 35)),
    ("född 05", (21, 20)),  # two digits up to this year are this century
    ("hon är 34", None),
    ("hon är född 1985, han född 1990", None),  # two births: whose is not said
])
def test_age_from_birth_year(text, ages):
    assert age_from_birth_year(text, dt.date(2026, 12, 4)) == ages


@pytest.mark.parametrize("text, months", [
    ("ett år och tre månader", 15),
    ("1 år och 3 mån", 15),
    ("två år och ett halvt", 30),
])
def test_a_duration_and_a_smaller_one_are_one_duration(text, months):
    (found,) = read_durations(text)
    assert found.low == found.high == months


def test_a_duration_and_something_else_stay_apart():
    assert [m.low for m in read_durations("två år och tre barn")] == [24]


@pytest.mark.parametrize("text, low", [
    ("sedan augusti förra året", 15),  # was read as this year's August: 3 months
    ("sedan i augusti i fjol", 15),
    ("sedan mars 2024", 32),
])
def test_a_month_of_another_year_is_that_years(text, low):
    (found,) = read_durations(text, dt.date(2026, 12, 4))
    assert int(found.low) == low
