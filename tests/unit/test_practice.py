"""Övningsläge's training cases: the files themselves, and the checks that compare a
played case with what it must lead to."""
from __future__ import annotations

import os
import re

import pytest
import yaml

from bot.catalogue.catalogue import load_catalogue
from bot.practice.cases import VignetteError, _parse, case_card_text, load_vignettes
from bot.practice.outcome import check_outcome, check_step

DOCUMENT = {
    "status": "avslutad",
    "answers": {"relapse": {"value": True}, "debts": {"value": False},
                "domestic_violence": {"history": []}},
    "scores": [{"instrument": "AUDIT", "total": 25.0, "band": "Zon IV: möjligt beroende"}],
    "suggestions": [{"intervention_id": "mb-sbnt", "rank": 2},
                    {"intervention_id": "mb-natverksterapi", "rank": 1},
                    {"intervention_id": "eb-forebygga-avhysningar", "rank": 3}],
    "profile": {"missbruk": {"warnings": ["Återfall"]}},
}


def test_the_nine_cases_of_the_domain_notes_are_there_and_complete():
    cases = load_vignettes()
    assert [c.number for c in cases] == list(range(1, 10))
    assert len({c.reference for c in cases}) == 9
    catalogue = {e.id for e in load_catalogue()}
    for case in cases:
        assert case.expect.get("status") == "avslutad", case.id
        named = case.expect.get("top", []) + case.expect.get("suggested", [])
        assert named, f"{case.id}: no expected suggestions"
        assert set(named + case.expect.get("not_suggested", [])) <= catalogue, case.id
        assert case.sources and all(re.fullmatch(r"00\d:\d+(–\d+)?", s) for s in case.sources)
        card = case.card()
        assert "steps" not in card and "expect" not in card
        assert case.reference in case_card_text(case) and "övning" in case_card_text(case)


def test_a_case_file_without_steps_or_reference_is_refused(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("id: x\nnumber: 1\ntitle: T\ncase: C\nreference: ÖV-1\nsteps: []\n",
                    encoding="utf-8")
    with pytest.raises(VignetteError, match="steps"):
        _parse(path)
    path.write_text("id: x\nnumber: 1\ntitle: T\ncase: C\nreference: ÖV-1\n"
                    "steps: [{say: hej}]\n", encoding="utf-8")
    with pytest.raises(VignetteError, match="ÖV-1"):
        _parse(path)
    path.write_text("id: x\nnumber: 1\ntitle: T\ncase: C\nreference: ÖV-1\n"
                    "steps: [{say: ÖV-1, press: Ja}]\n", encoding="utf-8")
    with pytest.raises(VignetteError, match="steg 1"):
        _parse(path)


def test_a_case_file_is_parsed_once_until_it_changes(tmp_path, monkeypatch):
    from bot.practice import cases
    path = tmp_path / "a.yml"
    path.write_text("id: a\nnumber: 1\ntitle: Första\ncase: C\nreference: ÖV-1\n"
                    "steps: [{say: ÖV-1}]\n", encoding="utf-8")
    parsed = []
    monkeypatch.setattr(cases, "_parse", lambda p: parsed.append(p) or _parse(p))
    assert [v.title for v in load_vignettes(tmp_path)] == ["Första"]
    assert [v.title for v in load_vignettes(tmp_path)] == ["Första"]
    assert parsed == [path]
    path.write_text(path.read_text(encoding="utf-8").replace("Första", "Andra"),
                    encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert [v.title for v in load_vignettes(tmp_path)] == ["Andra"]
    assert parsed == [path, path]
    # Saved again within the same time stamp (a file system that keeps seconds, or a copy
    # that keeps the time): seen by its size.
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Andra", "Den tredje"),
                    encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert [v.title for v in load_vignettes(tmp_path)] == ["Den tredje"]
    assert parsed == [path, path, path]


def test_an_outcome_as_expected_has_no_problems():
    expect = {"status": "avslutad", "answers": {"relapse": True, "debts": False},
              "scores": {"AUDIT": {"total": 25.0, "band": "Zon IV: möjligt beroende"}},
              "top": ["mb-sbnt", "mb-natverksterapi"], "suggested": ["eb-forebygga-avhysningar"],
              "not_suggested": ["eb-ips"], "not_answered": ["domestic_violence"],
              "profile_mentions": ["Återfall"]}
    assert check_outcome(expect, DOCUMENT) == []


@pytest.mark.parametrize("expect, problem", [
    ({"status": "pågående"}, "status är ”avslutad”, väntat ”pågående”"),
    ({"answers": {"relapse": False}}, "svaret på relapse är True, väntat False"),
    ({"answers": {"kronofogden": True}}, "svaret på kronofogden är '(inget svar)'"),
    ({"scores": {"AUDIT": {"total": 24.0}}}, "AUDIT total är 25.0, väntat 24.0"),
    ({"scores": {"DUDIT": {"total": 0}}}, "ingen poäng för DUDIT"),
    ({"top": ["mb-natverksterapi", "eb-forebygga-avhysningar"]}, "de 2 första förslagen"),
    ({"suggested": ["eb-ips"]}, "eb-ips föreslogs inte"),
    ({"not_suggested": ["mb-sbnt"]}, "mb-sbnt föreslogs men skulle inte"),
    ({"not_answered": ["relapse"]}, "relapse besvarades"),
    ({"profile_mentions": ["Växande skulder"]}, "profilen nämner inte ”Växande skulder”"),
])
def test_each_kind_of_difference_is_reported_in_swedish(expect, problem):
    problems = check_outcome(expect, DOCUMENT)
    assert len(problems) == 1 and problem in problems[0], problems


def test_a_step_checks_what_the_bot_said_and_offered():
    messages = [{"text": "Noterat: ja.", "buttons": [{"title": "Ja", "payload": "/affirm"}]}]
    assert check_step({"expect": ["Noterat"], "buttons": ["/affirm"]}, messages) == []
    problems = check_step({"expect": ["Stämmer detta?"], "expect_not": ["Noterat"],
                           "buttons": ["/deny"]}, messages)
    assert problems == ["boten sa inte ”Stämmer detta?”",
                        "boten sa ”Noterat”, vilket den inte skulle",
                        "knappen ”/deny” erbjöds inte (erbjudna: ['/affirm'])"]


def test_a_recorded_story_is_renamed_and_commented_after_its_case():
    from bot.stories.record import story_block

    case = load_vignettes()[0]
    exported = ('# Sparat från granskningen av ulla\nversion: "3.1"\nstories:\n'
                "- story: Samtal ÖV-2026-0001 2026-11-30\n  steps:\n  - intent: start_assessment\n")
    block = story_block(exported, case)
    assert f'- story: "Fall 1 – {case.title}"' in block
    assert block.startswith(f"# Fall 1: {case.title} (data/vignettes/01_aterfall.yml; källor")
    assert "Sparat från granskningen" not in block and "version:" not in block
    assert block.rstrip().endswith("- intent: start_assessment")


def test_facit_sets_the_case_outcome_beside_the_trainees_assessment():
    from bot.practice.outcome import facit

    case = next(v for v in load_vignettes() if v.id == "avslag")
    assert facit(case, None)["differences"] == [
        "Ingen bedömning är påbörjad i det här samtalet ännu."]
    document = {"status": "avslutad", "answers": {}, "scores": [], "profile": {},
                "suggestions": [{"intervention_id": "eb-stod-vid-avslag", "rank": 1},
                                {"intervention_id": "eb-arbetspraktik", "rank": 2}]}
    result = facit(case, document)
    assert result["finished"] is True
    assert result["expected"]["first_suggestions"] == [
        "Stöd till individer som får avslag på ansökan om ekonomiskt bistånd"]
    # The trainee's own answers are not marked; missing warnings are.
    assert result["differences"] == ["profilen nämner inte ”Avslag”",
                                     "profilen nämner inte ”Utförsäkring”"]


def test_a_broken_case_file_hides_that_case_and_says_why(tmp_path):
    from bot.practice.cases import usable_vignettes
    (tmp_path / "a.yml").write_text("id: a\nnumber: 1\ntitle: Första\ncase: C\nreference: ÖV-1\n"
                                    "steps: [{say: ÖV-1}]\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("id: b\nnumber: 2\ntitle: [oavslutad\n", encoding="utf-8")
    (tmp_path / "c.yml").write_text("id: c\nnumber: 3\ntitle: Utan steg\n", encoding="utf-8")
    cases, problems = usable_vignettes(tmp_path)
    assert [v.id for v in cases] == ["a"]
    assert len(problems) == 2 and "b.yml" in problems[0] and "c.yml" in problems[1]
    assert all(p.startswith("Övningsfallet i ") for p in problems)
    with pytest.raises((VignetteError, yaml.YAMLError)):
        load_vignettes(tmp_path)  # the trainers' CLI stays strict
