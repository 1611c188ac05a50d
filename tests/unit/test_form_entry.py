"""AUDIT and DUDIT entered at once, as the client filled them in: read only when the
count and every point are right, shown for one "Stämmer det?", stored only after the yes."""
from __future__ import annotations

import pytest

from bot.assessment.notes import read_notes
from bot.assessment.question_bank import load_bank
from bot.assessment.turn import handle_turn

BANK = load_bank()
AT_AUDIT = {"client_sex": "kvinna", "client_age": 40, "seen_alone": True,
            "modules_chosen": ["alkohol", "narkotika"]}
AT_DUDIT = AT_AUDIT | {f"audit_{i}": 0 for i in range(1, 11)}
POINTS = [2, 1, 0, 0, 1, 0, 0, 1, 0, 2]
EXPECTED = {f"audit_{i}": p for i, p in enumerate(POINTS, start=1)}


def proposed(turn):
    return {p.question_id: p.value for p in turn.proposals}


@pytest.mark.parametrize("typed", [
    "2 1 0 0 1 0 0 1 0 2",
    "2,1,0,0,1,0,0,1,0,2",
    "1:2, 2:1, 3:0, 4:0, 5:1, 6:0, 7:0, 8:1, 9:0, 10:2",
    "10:2 9:0 8:1 7:0 6:0 5:1 4:0 3:0 2:1 1:2",  # by item number, in any order
    "AUDIT: 2 1 0 0 1 0 0 1 0 2",
    "Hon fyllde i AUDIT-formuläret i väntrummet, AUDIT: 2, 1, 0, 0, 1, 0, 0, 1, 0, 2.",
])
def test_a_whole_form_is_shown_for_one_confirmation_and_stores_nothing_yet(typed):
    turn = handle_turn(BANK, AT_AUDIT, typed)
    assert not turn.records
    assert proposed(turn) == EXPECTED
    assert all(p.kind == "uppfattat" for p in turn.proposals)
    assert "summa 7 poäng" in turn.messages[-1]


@pytest.mark.parametrize("typed, why", [
    ("2 1 0 0 1 0 0 1 0", "10 frågor, men jag fick 9 poäng"),
    ("2 1 0 0 1 0 0 1 0 2 0", "10 frågor, men jag fick 11 poäng"),
    ("AUDIT: 2 1 0 0 1 0 0 1 0 3", "fråga 10 kan bara ge 0, 2 eller 4 poäng, inte 3"),
    ("2 1 0 0 5 0 0 1 0 2", "fråga 5 kan bara ge 0, 1, 2, 3 eller 4 poäng, inte 5"),
    ("1:2, 2:1, 3:0, 4:0, 5:1, 6:0, 7:0, 8:1, 9:0", "poäng saknas för fråga 10"),
    ("1:2, 1:1, 3:0, 4:0, 5:1, 6:0, 7:0, 8:1, 9:0, 10:0", "fråga 1 står två gånger"),
    ("1:2 2 0 0 1 0 0 1 0 2", "blandar"),
    ("AUDIT: 2 1 2-3 0 1 0 0 1 0 2", "inte är ett heltal"),
    ("AUDIT: 2 1 0 0 1 0 0 1 0 2 och AUDIT: 0 0 0 0 0 0 0 0 0 0", "två gånger"),
])
def test_a_wrong_form_stores_nothing_and_says_what_was_wrong(typed, why):
    turn = handle_turn(BANK, AT_AUDIT, typed)
    assert not turn.records and not turn.proposals
    assert why in " ".join(turn.messages)
    assert "Inget har sparats" in " ".join(turn.messages)


def test_the_yes_stores_every_item_at_once_and_the_no_none():
    shown = handle_turn(BANK, AT_AUDIT, "AUDIT: 2 1 0 0 1 0 0 1 0 2")
    yes = handle_turn(BANK, AT_AUDIT, "Ja, det stämmer", pending=shown.proposals)
    assert {r.question_id: r.value for r in yes.records} == EXPECTED
    assert not yes.proposals
    no = handle_turn(BANK, AT_AUDIT, "Nej", pending=shown.proposals)
    assert not no.records and not no.proposals


def test_item_by_item_answers_and_corrections_are_no_form():
    assert {r.question_id: r.value for r in handle_turn(BANK, AT_AUDIT, "Aldrig").records} \
        == {"audit_1": 0}
    # Two numbers may be one item's answer; a correction names one item.
    assert not handle_turn(BANK, AT_AUDIT, "3 4").proposals
    correction = handle_turn(BANK, AT_AUDIT | {"audit_1": 0},
                             "ändra svaret om audit 1 till aldrig")
    assert "formuläret" not in " ".join(correction.messages)


def test_a_form_that_disagrees_with_a_stored_item_is_not_read():
    turn = handle_turn(BANK, AT_AUDIT | {"audit_1": 4}, "2 1 0 0 1 0 0 1 0 2")
    assert not turn.proposals and "fråga 1" in " ".join(turn.messages)


def test_dudit_keeps_the_published_skip_rule():
    # Zeros on items 1-9 say no use during the year: the drug question's "nej" and the
    # two items about earlier use are proposed, items 1-9 are not asked.
    zeros = handle_turn(BANK, AT_DUDIT, "0 0 0 0 0 0 0 0 0 0 2")
    assert proposed(zeros) == {"drugs_gate": False, "dudit_10": 0, "dudit_11": 2}
    used = handle_turn(BANK, AT_DUDIT, "DUDIT: 1 0 0 0 0 0 0 0 0 0 0")
    assert proposed(used)["drugs_gate"] is True and len(proposed(used)) == 12
    after_no = handle_turn(BANK, AT_DUDIT | {"drugs_gate": False}, "DUDIT: 1 0 0 0 0 0 0 0 0 0 0")
    assert not after_no.proposals and "redan ”nej”" in " ".join(after_no.messages)
    assert "fråga 10 kan bara ge 0, 2 eller 4" in " ".join(
        handle_turn(BANK, AT_DUDIT, "0 0 0 0 0 0 0 0 0 1 0").messages)


def test_forms_in_notes_are_read_and_their_points_are_no_other_facts():
    notes = ("Hon dricker vin på helgerna. Hon fyllde i formulären: AUDIT: 2 1 0 0 1 0 0 1 0 2. "
             "DUDIT: 0 0 0 0 0 0 0 0 0 0 0.")
    reading = read_notes(BANK, AT_AUDIT, notes, [])
    got = {p.question_id: p.value for p in reading.new}
    assert {k: got[k] for k in EXPECTED} == EXPECTED  # the form wins over the words
    assert got["drugs_gate"] is False and got["dudit_11"] == 0
    assert not reading.conflicts
    wrong = read_notes(BANK, AT_AUDIT, "AUDIT: 2 1 0 0 1 0 0 1 0", [])
    assert not [p for p in wrong.new if p.question_id.startswith("audit")]
    assert any("10 frågor" in c for c in wrong.conflicts)


def test_the_drinking_pattern_in_words_gives_items_one_to_three_as_readings():
    # "glas" is an alcohol word: a clause with only the glasses still speaks of drinking.
    turn = handle_turn(BANK, AT_AUDIT, "Hon dricker vin två-tre gånger i veckan, oftast "
                                       "tre-fyra glas. Sex glas eller mer en gång i månaden.")
    assert {r.question_id: r.value for r in turn.records} == {"audit_1": 3}
    # Item 3's reading waits, and item 2's: "sex glas eller mer" is a least, item 3's own
    # words, so it does not contradict the usual "tre-fyra glas" (both shown to confirm).
    assert proposed(turn) == {"audit_2": 1, "audit_3": 2}
    daily = handle_turn(BANK, AT_AUDIT, "Han dricker varje dag, oftast tio glas eller mer")
    # Ten glasses as the usual amount, every day: six or more every day is item 3's daily.
    assert proposed(daily) == {"audit_2": 4, "audit_3": 4}
