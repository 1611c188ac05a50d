"""Statistics for managers: counts that add up, practice left out, no personal data; the
CSV and the SVG charts safe to open."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

from bot.review.charts import bar_chart_svg
from bot.review.statistics import statistics, statistics_csv
from bot.storage.answers import record_answer
from bot.storage.assessments import set_status, start_assessment
from bot.storage.conversations import open_conversation
from bot.storage.db import session_scope
from bot.storage.models import Score, utcnow
from bot.storage.suggestions import decide, store_suggestions
from bot.storage.users import add_user

TODAY = utcnow().date()
DEBT, IPS = "eb-budget-skuldradgivning", "eb-ips"


def seed(db_url):
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


def test_counts_add_up_and_practice_is_left_out(db_url):
    seed(db_url)
    with session_scope(db_url) as s:
        result = statistics(s, date_from=TODAY - timedelta(days=30), date_to=TODAY)
        nord = statistics(s, date_from=TODAY - timedelta(days=30), date_to=TODAY, unit="EB Nord")
        none = statistics(s, date_from=date(2020, 1, 1), date_to=date(2020, 12, 31))
    assert result["assessments"] == 3 and nord["assessments"] == 2  # the practice one is out
    assert result["per_month"] == {TODAY.strftime("%Y-%m"): 3}
    assert set(result["per_module"].values()) == {3}
    assert result["bands"]["AUDIT"] == {"riskbruk": 2, "under gränsvärdet": 1}
    assert {row["id"]: row["antal"] for row in result["gaps"]} == {DEBT: 3}
    assert {row["id"]: row["vald"] for row in result["interventions"]} == {DEBT: 0, IPS: 3}
    assert result["most_skipped"][0]["question_id"] == "debts"
    assert result["most_skipped"][0]["antal"] == 3
    assert result["minutes_to_complete"]["median"] is not None
    assert none["assessments"] == 0 and none["minutes_to_complete"]["median"] is None
    # Nothing that points at a person: no references, names or conversation ids.
    flat = str(result)
    assert "ÄR-2026" not in flat and "Anna" not in flat and "anna.berg" not in flat


def test_csv_has_every_table(db_url):
    seed(db_url)
    with session_scope(db_url) as s:
        text = statistics_csv(statistics(s, date_from=TODAY - timedelta(days=7), date_to=TODAY))
    for heading in ("Månad;Bedömningar", "Område;Bedömningar", "Instrument;Band;Antal",
                    "Insats;Föreslagen;Vald;Avböjd;Behövs men finns inte",
                    "Mest överhoppade frågor;Antal"):
        assert heading in text, heading


def test_chart_is_valid_svg_and_labels_stay_text():
    svg = bar_chart_svg("Valda insatser", ['<script>alert(1)</script>', "IPS"], [2, 5])
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert not any(el.tag.endswith("script") for el in root.iter())
    assert "&lt;script&gt;" in svg
    assert len([el for el in root.iter() if el.tag.endswith("rect")]) == 2
    empty = ET.fromstring(bar_chart_svg("Tomt", [], []))
    assert "Inga uppgifter" in "".join(empty.itertext())
