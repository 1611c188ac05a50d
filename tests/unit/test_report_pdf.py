"""The printable report: it opens, and its text holds the reference, the scores with their
band, the suggestions with their decisions, and the client's summary; odd text prints."""
from __future__ import annotations

import io
from datetime import datetime, timezone

from pypdf import PdfReader

from bot.review.report_pdf import assessment_report_pdf, printable
from bot.storage.answers import record_answer
from bot.storage.assessments import set_status, start_assessment
from bot.storage.conversations import open_conversation
from bot.storage.db import session_scope
from bot.storage.models import Score
from bot.storage.suggestions import decide, store_suggestions
from bot.storage.users import add_user

# A man with risky drinking: AUDIT 1-8 at 2, items 9-10 at 0 -> total 16.
AUDIT = {f"audit_{i}": 2 for i in range(1, 9)} | {"audit_9": 0, "audit_10": 0}


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_report_holds_scores_suggestions_and_decisions(db_url):
    with session_scope(db_url) as s:
        anna = add_user(s, "Anna Berg", role="handläggare", unit="EB Nord", password="x" * 12)
        cid = open_conversation(s, anna.id).id
        a = start_assessment(s, "ÄR-2026-6101", cid, consent=True, case_worker=anna.username)
        record_answer(s, a.id, "client_sex", "man", source="knapp")
        record_answer(s, a.id, "modules_chosen", ["alkohol", "ekonomi"], source="fritext")
        record_answer(s, a.id, "debts", False, source="fritext")
        record_answer(s, a.id, "debts", True, source="rättad",
                      masked_text='<script>alert(1)</script> ⚠ hon har skulder 😟 שלום')
        for item, value in AUDIT.items():
            record_answer(s, a.id, item, value, source="knapp")
        s.add(Score(assessment_id=a.id, instrument="audit", total=16, band="riskbruk"))
        store_suggestions(s, a.id, [("eb-budget-skuldradgivning", 1,
                                     {"evidence_label": "lärande exempel",
                                      "timing": {"ekonomiskt_bistand": "tidigt"},
                                      "factors": [{"name": "Skulder"}]}),
                                    ("eb-ips", 2, {"evidence_label": "evidensbaserad effektiv"})])
        decide(s, a.id, 1, "vald", anna.id)
        decide(s, a.id, 2, "avböjd", anna.id, comment="har redan ett arbete på gång")
        set_status(s, a.id, "avslutad")
        pdf = assessment_report_pdf(s, a, generated_by="Lena Lind",
                                    generated_at=datetime(2026, 11, 22, 12, tzinfo=timezone.utc))
    assert pdf.startswith(b"%PDF")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    # The first page is the minute's read: profile picture, scores on their bars, decisions.
    first = pages[0]
    for expected in ("Profil: risk- och skyddsfaktorer per område", "Ekonomiskt bistånd",
                     "AUDIT: 16 poäng, över gränsvärdet 8 (Zon III: skadligt bruk)",
                     "Gränsvärde: kvinna 6, man 8 (heldragen, gäller)", "Zon IV",
                     "Förslag och beslut", "Budget- och skuldrådgivning", "vald 2026-",
                     "har redan ett arbete på gång"):
        assert expected in first, expected
    assert "Svar per område" not in first
    # Then the answers as a table per area, with the words they came from.
    rest = " ".join(pages[1:])
    assert "Fråga Svar Källa Med handläggarens ord" in rest
    assert "Skulder ja (rättat; tidigare: nej) rättad" in rest
    assert "alert(1)" in rest and "<script>" in rest  # printed as text, as it was stored
    text = " ".join(text_of(pdf).split())
    for expected in ("ÄR-2026-6101", "AUDIT", "16", "Budget", "vald", "avböjd",
                     "har redan ett arbete på gång", "lärande exempel", "rättat; tidigare",
                     "Sammanfattning för dig", "Underlag - inte ett beslut", "Lena Lind",
                     "Rapporten skapad: 2026-11-22 13:00 av Lena Lind"):  # Swedish time
        assert expected in text, expected


def test_any_stored_text_prints():
    assert printable("Hej – ”citat” ⚠ 😟 שלום 19121212-1212") == \
        'Hej - "citat" (!) ? ???? [personnummer dolt]'
