"""Statistics for managers: counts that add up, practice left out, no personal data; the
CSV and the SVG charts safe to open."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from bot.review.charts import bar_chart_svg
from bot.review.statistics import statistics, statistics_csv
from bot.storage.answers import record_answer
from bot.storage.assessments import set_status, start_assessment
from bot.storage.conversations import open_conversation
from bot.storage.db import session_scope
from bot.storage.models import Assessment, Score
from bot.storage.suggestions import decide, store_suggestions
from bot.storage.users import add_user

DEBT, IPS = "eb-budget-skuldradgivning", "eb-ips"
# Fixed instants, so the counts never depend on the day the tests run (they once ran across
# midnight): Tuesday 10 November 2026, 09:00, 10:00, ... UTC; each took 20, 30, 40, ... min.
STARTED = [datetime(2026, 11, 10, 9 + n, 0, tzinfo=timezone.utc) for n in range(4)]
NOVEMBER = {"date_from": date(2026, 11, 1), "date_to": date(2026, 11, 30)}


def _set_times(db_url, started: list[datetime]) -> None:
    with session_scope(db_url) as s:
        rows = s.execute(select(Assessment).order_by(Assessment.id)).scalars().all()
        for n, (row, at) in enumerate(zip(rows, started, strict=True)):
            row.started_at, row.finished_at = at, at + timedelta(minutes=20 + 10 * n)


def seed(db_url, started: list[datetime] = STARTED):
    with session_scope(db_url) as s:
        anna = add_user(s, "Anna Berg", role="handläggare", unit="EB Nord", password="x" * 12)
        bo = add_user(s, "Bo Ek", role="handläggare", unit="EB Syd", password="x" * 12)
        ulla = add_user(s, "Ulla Utb", role="utbildare", unit="EB Nord", password="x" * 12)
        for n, (user, training) in enumerate([(anna, False), (anna, False), (bo, False),
                                              (ulla, True)]):
            cid = open_conversation(s, user.id, training=training).id
            a = start_assessment(s, f"ÄR-2026-90{n}", cid, consent=True,
                                 case_worker=user.username, training=training)
            record_answer(s, a.id, "modules_chosen", ["ekonomi", "alkohol"], source="fritext")
            record_answer(s, a.id, "debts", None, source="överhoppad",
                          skip_reason="klienten vill inte svara")
            s.add(Score(assessment_id=a.id, instrument="audit", total=12,
                        band="riskbruk" if n else "under gränsvärdet"))
            store_suggestions(s, a.id, [(DEBT, 1, {}), (IPS, 2, {})])
            decide(s, a.id, 1, "behövs men finns inte", user.id)
            decide(s, a.id, 2, "vald", user.id)
            set_status(s, a.id, "avslutad")
    _set_times(db_url, started)


def test_counts_add_up_and_practice_is_left_out(db_url):
    seed(db_url)
    with session_scope(db_url) as s:
        result = statistics(s, **NOVEMBER)
        nord = statistics(s, **NOVEMBER, unit="EB Nord")
        none = statistics(s, date_from=date(2020, 1, 1), date_to=date(2020, 12, 31))
    assert result["assessments"] == 3 and nord["assessments"] == 2  # the practice one is out
    assert result["per_month"] == {"2026-11": 3}
    assert set(result["per_module"].values()) == {3}
    assert result["bands"]["AUDIT"] == {"riskbruk": 2, "under gränsvärdet": 1}
    assert {row["id"]: row["antal"] for row in result["gaps"]} == {DEBT: 3}
    assert {row["id"]: row["vald"] for row in result["interventions"]} == {DEBT: 0, IPS: 3}
    assert result["most_skipped"][0]["question_id"] == "debts"
    assert result["most_skipped"][0]["antal"] == 3
    assert result["minutes_to_complete"]["median"] == 30  # 20, 30 and 40 min; practice out
    assert none["assessments"] == 0 and none["minutes_to_complete"]["median"] is None
    # Nothing that points at a person: no references, names or conversation ids.
    flat = str(result)
    assert "ÄR-2026" not in flat and "Anna" not in flat and "anna.berg" not in flat


def test_csv_has_every_table(db_url):
    seed(db_url)
    with session_scope(db_url) as s:
        text = statistics_csv(statistics(s, **NOVEMBER))
    for heading in ("Månad;Bedömningar", "Område;Bedömningar", "Instrument;Band;Antal",
                    "Insats;Föreslagen;Vald;Avböjd;Behövs men finns inte",
                    "Mest överhoppade frågor;Antal"):
        assert heading in text, heading


def test_days_and_months_are_swedish_not_utc(db_url):
    """23:30 UTC on 30 November is 00:30 on 1 December in Stockholm (winter, +1 h);
    22:30 UTC on 30 June is 00:30 on 1 July (summer time, +2 h)."""
    winter = datetime(2026, 11, 30, 23, 30, tzinfo=timezone.utc)
    summer = datetime(2026, 6, 30, 22, 30, tzinfo=timezone.utc)
    seed(db_url, started=[winter, summer, winter - timedelta(hours=1), winter])
    with session_scope(db_url) as s:
        def count(first: date, last: date) -> int:
            return statistics(s, date_from=first, date_to=last)["assessments"]
        december_first = statistics(s, date_from=date(2026, 12, 1), date_to=date(2026, 12, 1))
        assert december_first["assessments"] == 1
        assert december_first["per_month"] == {"2026-12": 1}
        # 22:30 UTC on 30 November is still 23:30 on the 30th in Stockholm.
        assert count(date(2026, 11, 30), date(2026, 11, 30)) == 1
        assert count(date(2026, 7, 1), date(2026, 7, 1)) == 1
        assert count(date(2026, 6, 30), date(2026, 6, 30)) == 0
        assert statistics(s, date_from=date(2026, 6, 1), date_to=date(2026, 12, 31))[
            "per_month"] == {"2026-07": 1, "2026-11": 1, "2026-12": 1}


def test_chart_is_valid_svg_and_labels_stay_text():
    svg = bar_chart_svg("Valda insatser", ['<script>alert(1)</script>', "IPS"], [2, 5])
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert not any(el.tag.endswith("script") for el in root.iter())
    assert "&lt;script&gt;" in svg
    assert len([el for el in root.iter() if el.tag.endswith("rect")]) == 2
    empty = ET.fromstring(bar_chart_svg("Tomt", [], []))
    assert "Inga uppgifter" in "".join(empty.itertext())
