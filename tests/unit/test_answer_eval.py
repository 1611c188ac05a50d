"""The answer set's harness scores what a turn stored against what the message said.

A fake turn function stands in for the reader, so each test shows one rule of the scoring
on a fictitious client's message; the stored answers are built from the real question bank.
"""
import dataclasses
from dataclasses import dataclass, field

import pytest

from bot import answer_eval
from bot.answer_eval import (
    ASKED,
    CONFIRMED,
    MAX_SILENTLY_WRONG,
    MIN_MULTI_FACTS,
    MIN_SINGLE_RIGHT,
    MULTI,
    NONE,
    RIGHT,
    SILENTLY_WRONG,
    SINGLE,
    SKIPPED,
    TARGET_MULTI_FACTS,
    TARGET_SINGLE_RIGHT,
    WRONG_PROPOSED,
    Case,
    CaseError,
    answers_for,
    evaluate,
    gate_failures,
    load_cases,
    parse_cases,
    same_value,
)
from bot.assessment.question_bank import load_bank
from bot.assessment.turn import Record


@dataclass(frozen=True)
class Proposal:
    question_id: str
    value: object


@dataclass
class FakeTurn:
    records: list = field(default_factory=list)
    proposals: list = field(default_factory=list)


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def fake_reader(replies):
    """A turn function that answers each text with the given (stored, proposed) dicts."""
    seen = []

    def turn(modules, answers, text):
        seen.append(dict(answers))
        stored, proposed = replies.get(text, ({}, {}))
        return FakeTurn(
            [Record(q, v, "överhoppad" if v is None else "fritext") for q, v in stored.items()],
            [Proposal(q, v) for q, v in proposed.items()])

    turn.seen = seen
    return turn


def case(id_, open_, text, expect, given=None):
    return Case(id=id_, open=open_, text=text, expect=expect, given=given or {}, file="t.yml")


def outcomes(result):
    return {f.question_id: f.outcome for f in result.facts}


# --- building the answers ------------------------------------------------------------------

def test_questions_before_the_open_one_are_skipped_so_the_flow_reaches_it(bank):
    answers = answers_for(bank, case("a", "months_on_assistance", "åtta månader", {}))
    assert answers == {"client_sex": None, "client_age": None, "seen_alone": None,
                       "modules_chosen": None,
                       "economy_gate": None, "income_source": None}


def test_a_follow_up_needs_its_condition_in_given(bank):
    with pytest.raises(CaseError, match="kronofogden nås inte"):
        answers_for(bank, case("b", "kronofogden", "ja hos KFM", {}))
    answers = answers_for(bank, case("c", "kronofogden", "ja hos KFM", {}, {"debts": True}))
    assert answers["debts"] is True and answers["recent_refusal"] is None


def test_the_violence_question_waits_until_the_client_is_seen_alone(bank):
    with pytest.raises(CaseError):
        answers_for(bank, case("d", "domestic_violence", "nej", {}))
    assert answers_for(bank, case("e", "domestic_violence", "nej", {},
                                  {"seen_alone": True}))["seen_alone"] is True


def test_an_answer_to_a_question_skipped_on_the_way_is_an_error_in_the_set(bank):
    # income_source comes before recent_refusal, so it is stored as skipped: a reader
    # could never store "ingen" there, and the case would count against it unfairly.
    with pytest.raises(CaseError, match="income_source"):
        answers_for(bank, case("m", "recent_refusal", "ja, och ingen inkomst",
                               {"recent_refusal": True, "income_source": "ingen"}))


def test_an_unreachable_case_stops_the_whole_run_before_anything_is_scored(bank):
    reader = fake_reader({})
    cases = [case("ok", "debts", "ja", {"debts": True}),
             case("bad", "kronofogden", "ja", {"kronofogden": True})]
    with pytest.raises(CaseError, match="bad"):
        evaluate(bank, cases, reader)
    assert reader.seen == []


# --- comparing values ----------------------------------------------------------------------

def test_values_compare_as_the_bank_stores_them():
    assert same_value(8, 8.0)
    assert not same_value(True, 1) and not same_value(0, False)
    assert same_value([12, 7], [7, 12.0])
    assert not same_value([5, 5], [5])  # twins are two children
    assert same_value(["ekonomi", "boende"], ["boende", "ekonomi"])
    assert not same_value("andrahand", "eget_kontrakt")


# --- outcomes of one case ------------------------------------------------------------------

def test_each_expected_fact_gets_its_outcome(bank):
    said = "hon har hyresskulder, typ skulder hos kfm, inte sjuk, och bor i andrahand"
    expect = {"debts": True, "kronofogden": True, "rent_arrears": True, "housing": "andrahand",
              "health_gate": False, "months_on_assistance": 8}
    stored = {"debts": True, "kronofogden": None, "health_gate": True}
    proposed = {"rent_arrears": True, "housing": "eget_kontrakt"}
    reader = fake_reader({said: (stored, proposed)})
    [result] = evaluate(bank, [case("f", "months_on_assistance", said, expect)], reader).results
    assert outcomes(result) == {
        "debts": RIGHT, "kronofogden": SKIPPED, "rent_arrears": CONFIRMED,
        "housing": WRONG_PROPOSED, "health_gate": SILENTLY_WRONG,
        "months_on_assistance": ASKED}
    assert result.case.kind == MULTI


def test_a_fact_that_was_not_said_is_silently_wrong_when_stored_and_visible_when_proposed(bank):
    said = "hon har en dotter som är 12"
    reader = fake_reader({said: ({"relative_with_misuse": True, "children_ages": [12]},
                                 {"children_count": 1})})
    [result] = evaluate(bank, [case("g", "economy_gate", said, {"children_ages": [12]})],
                        reader).results
    assert outcomes(result) == {"children_ages": RIGHT, "relative_with_misuse": SILENTLY_WRONG,
                                "children_count": WRONG_PROPOSED}
    assert not result.right_first_time


def test_a_skip_is_right_only_where_the_case_worker_skipped(bank):
    reader = fake_reader({"vet inte": ({"debts": None}, {}),
                          "det får vi ta sen": ({"debts": None}, {})})
    results = evaluate(bank, [case("h", "debts", "vet inte", {"debts": None}),
                              case("i", "debts", "det får vi ta sen", {})], reader).results
    assert outcomes(results[0]) == {"debts": RIGHT}
    # A skip nobody asked for closes the question without its answer.
    assert outcomes(results[1]) == {"debts": SILENTLY_WRONG}
    assert results[1].case.kind == NONE


def test_a_free_text_mark_means_the_message_itself(bank):
    said = "hon vill  ha hjälp med   ekonomin"
    reader = fake_reader({said: ({"own_needs": "hon vill ha hjälp med ekonomin"}, {})})
    [result] = evaluate(bank, [case("j", "own_needs", said, {"own_needs": "TEXT"})],
                        reader).results
    assert outcomes(result) == {"own_needs": RIGHT}


def test_two_readings_offered_for_one_question_are_no_confirmation(bank):
    class Unsure:
        records = []
        proposals = [Proposal("audit_1", 2), Proposal("audit_1", 3)]

    [result] = evaluate(bank, [case("l", "audit_1", "varje helg", {"audit_1": 3})],
                        lambda m, a, t: Unsure()).results
    assert outcomes(result) == {"audit_1": WRONG_PROPOSED}


def test_a_turn_without_proposals_is_scored_on_its_records(bank):
    class OldTurn:
        records = [Record("debts", True, "fritext")]

    [result] = evaluate(bank, [case("k", "debts", "ja", {"debts": True})],
                        lambda m, a, t: OldTurn()).results
    assert outcomes(result) == {"debts": RIGHT} and result.case.kind == SINGLE


# --- gates ---------------------------------------------------------------------------------

def _set(n_single=20, single_right=20, multi_right=10, multi_confirmed=0, extra_stored=False):
    """A set of single-fact cases on `debts` and one multi-fact case with 10 facts."""
    replies, cases = {}, []
    for n in range(n_single):
        text = f"ja {n}"
        replies[text] = ({"debts": True} if n < single_right else {}, {})
        cases.append(case(f"s{n}", "debts", text, {"debts": True}))
    multi_expect = {f"audit_{i}": 1 for i in range(3, 9)}
    multi_expect.update(audit_1=1, audit_2=0, audit_9=0, audit_10=0)
    keys = list(multi_expect)
    stored = {k: multi_expect[k] for k in keys[:multi_right]}
    proposed = {k: multi_expect[k] for k in keys[multi_right:multi_right + multi_confirmed]}
    if extra_stored:
        stored["drugs_gate"] = True
    replies["lång"] = (stored, proposed)
    cases.append(case("m", "audit_1", "lång", multi_expect))
    return cases, fake_reader(replies)


def test_a_reader_that_gets_everything_right_passes_the_gates(bank):
    cases, reader = _set()
    assert gate_failures(evaluate(bank, cases, reader)) == []


def test_one_silently_wrong_fact_fails_the_gate(bank):
    cases, reader = _set(extra_stored=True)
    failures = gate_failures(evaluate(bank, cases, reader))
    assert len(failures) == 1 and "1 tyst felaktiga" in failures[0]


def test_single_fact_cases_are_gated_at_a_share_right_first_time(bank):
    # At the issue's target of 95 % (the build's own floor is lower until it is reached).
    cases, reader = _set(single_right=19)  # 95 % exactly passes
    assert gate_failures(evaluate(bank, cases, reader), min_single=TARGET_SINGLE_RIGHT) == []
    cases, reader = _set(single_right=18)  # asked again twice: 90 %
    failures = gate_failures(evaluate(bank, cases, reader), min_single=TARGET_SINGLE_RIGHT)
    assert len(failures) == 1 and "18 av 20" in failures[0]


def test_multi_fact_messages_are_gated_at_a_share_right_or_confirmed(bank):
    cases, reader = _set(multi_right=6, multi_confirmed=3)  # 9 of 10
    assert gate_failures(evaluate(bank, cases, reader), min_multi=TARGET_MULTI_FACTS) == []
    cases, reader = _set(multi_right=6, multi_confirmed=2)  # 8 of 10
    failures = gate_failures(evaluate(bank, cases, reader), min_multi=TARGET_MULTI_FACTS)
    assert len(failures) == 1 and "8 av 10" in failures[0]


def test_probe_cases_have_gates_of_their_own_but_share_the_gate_of_no_wrong_answer(bank):
    cases, reader = _set()
    probe = [dataclasses.replace(case(f"p{n}", "debts", f"prov {n}", {"debts": True}),
                                 probe=True) for n in range(4)]
    reader_replies = {"prov 0": ({"debts": True}, {})}  # three of four asked again

    def both(modules, answers, text):
        if text in reader_replies or text.startswith("prov"):
            stored, proposed = reader_replies.get(text, ({}, {}))
            return FakeTurn([Record(q, v, "fritext") for q, v in stored.items()],
                            [Proposal(q, v) for q, v in proposed.items()])
        return reader(modules, answers, text)

    evaluation = evaluate(bank, cases + probe, both)
    # The main set's 95 % is not pulled down by the probe's 25 %.
    assert gate_failures(evaluation, min_probe_single=0.25) == []
    failures = gate_failures(evaluation, min_probe_single=0.5)
    assert len(failures) == 1 and "Provfilen" in failures[0] and "1 av 4" in failures[0]
    reader_replies["prov 1"] = ({"debts": True, "kronofogden": True}, {})  # not said
    failures = gate_failures(evaluate(bank, cases + probe, both), min_probe_single=0.25)
    assert len(failures) == 1 and "1 tyst felaktiga" in failures[0]


def test_a_probe_file_is_marked_at_its_top(bank):
    raw = {"id": "x", "open": "debts", "text": "ja", "expect": {"debts": True}}
    assert parse_cases({"probe": True, "cases": [raw]}, bank, "p.yml")[0].probe is True
    assert parse_cases({"cases": [raw]}, bank, "t.yml")[0].probe is False
    with pytest.raises(CaseError):
        parse_cases({"probe": "ja", "cases": [raw]}, bank, "p.yml")
    # Its own floors: the level the file came in at.
    own = parse_cases({"probe": {"min_single": 0.7, "min_multi": 0.5}, "cases": [raw]}, bank,
                      "p.yml")[0]
    assert own.probe is True and own.probe_floors == (0.7, 0.5)
    with pytest.raises(CaseError):
        parse_cases({"probe": {"min_single": 0.7}, "cases": [raw]}, bank, "p.yml")


def test_each_probe_file_is_gated_at_its_own_floors(bank):
    cases, reader = _set()
    probe = [dataclasses.replace(case(f"p{n}", "debts", f"prov {n}", {"debts": True}),
                                 probe=True, probe_floors=(0.5, 0.0), file="p.yml")
             for n in range(4)]

    def both(modules, answers, text):
        if text.startswith("prov"):
            stored = {"debts": True} if text == "prov 0" else {}
            return FakeTurn([Record(q, v, "fritext") for q, v in stored.items()], [])
        return reader(modules, answers, text)

    failures = gate_failures(evaluate(bank, cases + probe, both))
    assert len(failures) == 1 and "p.yml" in failures[0] and "gräns 50.0%" in failures[0]


def test_the_build_floors_never_exceed_the_issue_targets_and_allow_no_wrong_answer():
    assert MIN_SINGLE_RIGHT <= TARGET_SINGLE_RIGHT and MIN_MULTI_FACTS <= TARGET_MULTI_FACTS
    assert MAX_SILENTLY_WRONG == 0


def test_the_command_exits_non_zero_on_a_missed_gate_and_lists_the_case(bank, tmp_path,
                                                                        capsys):
    path = tmp_path / "01_x.yml"
    path.write_text(
        "cases:\n"
        "  - {id: x-1, open: debts, text: 'ja', expect: {debts: true}}\n"
        "  - {id: x-2, open: economy_gate, text: 'ja, och skulder hos kfm',\n"
        "     expect: {economy_gate: true, debts: true, kronofogden: true}}\n",
        encoding="utf-8")
    reader = fake_reader({"ja": ({"debts": True}, {}),
                          "ja, och skulder hos kfm": ({"economy_gate": True, "debts": True,
                                                       "kronofogden": True,
                                                       "rent_arrears": True}, {})})
    out = tmp_path / "answers.md"
    assert answer_eval.main([str(path)], out, reader, bank) == 1
    report = out.read_text(encoding="utf-8")
    assert "| x-2 | economy_gate | ja, och skulder hos kfm | rent_arrears |" in report
    assert "tyst fel: 1 svar i 1 fall" in capsys.readouterr().out

    reader = fake_reader({"ja": ({"debts": True}, {}),
                          "ja, och skulder hos kfm": ({"economy_gate": True, "debts": True,
                                                       "kronofogden": True}, {})})
    assert answer_eval.main([str(path)], out, reader, bank) == 0


def test_the_command_refuses_a_broken_set(bank, tmp_path, capsys):
    path = tmp_path / "01_x.yml"
    path.write_text("cases:\n  - {id: y, open: kronofogden, text: 'ja', expect: {}}\n",
                    encoding="utf-8")
    assert answer_eval.main([str(path)], tmp_path / "a.md", fake_reader({}), bank) == 2
    assert "kronofogden nås inte" in capsys.readouterr().err


# --- checking the set ----------------------------------------------------------------------

@pytest.mark.parametrize("raw, problem", [
    ({"id": "a", "open": "debts", "text": "ja", "expect": {"debts": "ja"}}, "kan inte ha"),
    ({"id": "a", "open": "housing", "text": "x", "expect": {"housing": "hyresrätt"}},
     "kan inte ha"),
    ({"id": "a", "open": "audit_1", "text": "x", "expect": {"audit_1": 5}}, "kan inte ha"),
    ({"id": "a", "open": "months_on_assistance", "text": "x",
      "expect": {"months_on_assistance": 18}}, "kan inte ha"),
    ({"id": "a", "open": "debts", "text": "ja", "expect": {"debt": True}}, "okänd fråga"),
    ({"id": "a", "open": "debts", "text": "ja", "expect": {}, "given": {"debts": True}},
     "redan i given"),
    ({"id": "a", "open": "debts", "text": "ja", "expect": {}, "notes": "x"}, "okända nycklar"),
])
def test_a_case_the_bank_cannot_hold_is_refused(bank, raw, problem):
    with pytest.raises(CaseError, match=problem):
        parse_cases({"cases": [raw]}, bank, "t.yml")


def test_ids_are_unique_across_files(bank, tmp_path):
    for name in ("01_a.yml", "02_b.yml"):
        (tmp_path / name).write_text(
            "cases:\n  - {id: same, open: debts, text: 'ja', expect: {debts: true}}\n",
            encoding="utf-8")
    with pytest.raises(CaseError, match="same"):
        load_cases(bank, directory=tmp_path)


def test_every_case_in_the_repository_set_is_valid_and_reached(bank):
    """The set itself: every value fits its question and every `open` is reached, so a
    change to the bank that breaks a case is caught here, not at `make nlu-report`."""
    cases = load_cases(bank)
    assert len(cases) >= 480
    for c in cases:
        answers_for(bank, c)  # raises CaseError, naming the case
