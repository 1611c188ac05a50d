"""Expert cases (data/expert_cases/): for each fictitious client, the entries the reports
say must be among the first five suggestions are there, and the entries they rule out are
never suggested. The report of every case is written to var/results/expert_cases/."""
from pathlib import Path

import pytest

from bot.catalogue.catalogue import load_catalogue
from bot.catalogue.check import check_source
from bot.catalogue.expert_cases import judge, load_cases, report, run_all
from bot.practice.cases import load_vignettes

CASES = load_cases()
NAMES = {e.id: e.name for e in load_catalogue()}
REPORT = Path(__file__).resolve().parents[2] / "var" / "results" / "expert_cases" / "rapport.txt"


def test_there_are_at_least_fifteen_cases_covering_every_area_and_all_vignettes():
    assert len(CASES) >= 15
    vignettes = {v.id for v in load_vignettes()}
    assert vignettes <= {c.vignette for c in CASES}
    areas = {a for c in CASES for m in c.must for i in m.ids() for a in
             next(e.areas for e in load_catalogue() if e.id == i)}
    assert {"ekonomiskt_bistand", "missbruk", "barn"} <= areas


def test_every_expected_entry_exists_and_cites_a_seed_line():
    for case in CASES:
        for item in case.must + case.never:
            assert all(i in NAMES for i in item.ids()), (case.id, item.id)
            assert check_source(item.source) is None, (case.id, item.source)
            assert item.why, (case.id, item.id)


def test_vignette_cases_give_the_answers_the_vignette_expects():
    vignettes = {v.id: v for v in load_vignettes()}
    for case in CASES:
        if case.vignette:
            expected = vignettes[case.vignette].expect.get("answers") or {}
            wrong = {k: (v, case.answers.get(k)) for k, v in expected.items()
                     if case.answers.get(k) != v}
            assert not wrong, (case.id, wrong)


def test_the_report_and_all_cases_pass():
    outcomes = run_all()
    text = report(outcomes, NAMES)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text + "\n", encoding="utf-8")
    failed = [o for o in outcomes if not o.passed]
    assert not failed, "\n" + text


def test_a_case_fails_when_a_must_have_is_missing_or_a_never_item_comes():
    case = CASES[0]
    outcome = judge(case, [])
    assert outcome.missing == list(case.must) and not outcome.passed
    assert "NEJ" in report([outcome], NAMES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_case(case):
    outcome = next(o for o in run_all() if o.case.id == case.id)
    assert outcome.passed, report([outcome], NAMES)


def test_the_client_summary_names_the_chosen_support_first_in_the_second_person():
    from bot.assessment.question_bank import load_bank
    from bot.catalogue.client_summary import client_summary

    case = next(c for c in CASES if c.id == "skulder-och-boende")
    text = client_summary(load_bank(), case.answers,
                          [("Budget- och skuldrådgivning", "dina skulder och din ekonomi", "vald"),
                           ("Förebygga avhysningar", "ditt boende", "föreslagen")], "2026-12-03")
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("- "))
    assert lines[first - 1] == "Det här har du valt att gå vidare med:"
    assert lines[first].startswith("- Budget- och skuldrådgivning. Det ska hjälpa dig med dina skulder")
    assert "Du sa att du själv vill ha hjälp med dina skulder och din ekonomi och ditt boende." in text
    # The case worker's third-person wording is not repeated to the client.
    assert "Hon vill" not in text and "hon " not in text.lower().replace("information", "")
    assert text.index("Budget") < text.index("Förebygga avhysningar")
