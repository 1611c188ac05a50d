"""The profile picture: per-area factor counts, the score bars' zones and cut-offs from the
data, escaped text, and the same picture in the PDF."""
from __future__ import annotations

import dataclasses
import re
from xml.etree import ElementTree

from bot.assessment.question_bank import load_bank, load_factors
from bot.profile.build import build_profile
from bot.profile.picture import profile_pictures, score_svg, zones
from bot.scoring.instruments import load_cutoffs, score_audit, score_dudit

BANK, FACTORS = load_bank(), load_factors()
AUDIT_16 = {f"audit_{i}": 2 for i in range(1, 9)} | {"audit_9": 0, "audit_10": 0}


def pictures(answers):
    return profile_pictures(build_profile(BANK, answers, FACTORS), answers,
                            FACTORS.accumulation_threshold)


def label(svg: str) -> str:
    return ElementTree.fromstring(svg).get("aria-label")


def test_zones_are_the_cut_off_data():
    cut = load_cutoffs()
    audit = score_audit(AUDIT_16, "man")
    assert zones("AUDIT", audit) == [(b["min"], b["max"], b["label"])
                                     for b in cut["audit"]["bands"]["levels"]]
    dudit = score_dudit({}, "kvinna")
    low, high = cut["dudit"]["range"]
    assert zones("DUDIT", dudit)[0] == (low, cut["dudit"]["screen"]["kvinna"] - 1,
                                        "under gränsvärdet")
    assert zones("DUDIT", dudit)[-1][1] == high


def test_score_bar_points_at_the_total_only_when_complete():
    complete = score_svg(score_audit(AUDIT_16, "man"))
    assert label(complete).startswith("AUDIT: 16 poäng, över gränsvärdet 8 (Zon III")
    assert "<polygon" in complete
    partial = score_svg(score_audit({"audit_1": 4}, "man"))
    assert "ofullständig, 1 av 10 frågor besvarade" in label(partial)
    assert "<polygon" not in partial  # a partial total is not a score
    unknown = score_svg(score_audit(AUDIT_16, None))  # sex unknown: the lower one applies
    assert "kvinna 6 (heldragen, gäller), man 8" in unknown


def test_factors_per_area_with_names_and_the_accumulation_line():
    answers = {"client_sex": "kvinna", "economy_gate": True, "debts": True, "kronofogden": True,
               "debts_growing": True, "family_contact": True, "children_in_household": False}
    pic = pictures(answers)
    said = label(pic["factors_svg"])
    assert re.search(r"Ekonomiskt bistånd: \d+ riskfaktorer", said)
    assert "Skulder hos Kronofogden" in said and "flera risker samverkar" in said
    assert "Barn i hushållet: inga barn i hushållet" in said
    assert 'stroke-dasharray="3 2"' in pic["factors_svg"]
    assert [s["state"] for s in pic["scores"]] == ["AUDIT: inte genomförd",
                                                   "DUDIT: inte genomförd"]
    assert pictures({"drugs_gate": False})["scores"][1]["state"] == "DUDIT: inte aktuellt"


def test_every_picture_is_well_formed_and_its_text_stays_text():
    profile = build_profile(BANK, {"economy_gate": True, "debts": True}, FACTORS)
    area = profile.areas["ekonomiskt_bistand"]
    found = area.risks[0]
    area.risks[0] = dataclasses.replace(found, factor=dataclasses.replace(
        found.factor, name='<script>alert(1)</script> & "x"'))
    pic = profile_pictures(profile, {}, FACTORS.accumulation_threshold)
    for svg in [pic["factors_svg"], *(s["svg"] for s in pic["scores"])]:
        root = ElementTree.fromstring(svg)  # raises on anything that is not well formed
        assert root.get("role") == "img" and root.get("aria-label")
    assert "<script" not in pic["factors_svg"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in pic["factors_svg"]
