"""The order of questions, gates and progress."""
from bot.assessment.flow import next_question, progress, remaining
from bot.assessment.question_bank import load_bank
from bot.assessment.understanding import understand_yes_no

BANK = load_bank()


def test_starts_with_audit_item_1():
    assert next_question(BANK, {}).id == "audit_1"
    p = progress(BANK, {})
    assert p.as_text() == "Alkohol (modul 1 av 2), fråga 1 av 10"


def test_after_audit_comes_the_drug_gate():
    answers = {f"audit_{i}": 0 for i in range(1, 11)}
    assert next_question(BANK, answers).id == "drugs_gate"


def test_no_to_the_gate_skips_dudit_and_finishes():
    answers = {f"audit_{i}": 0 for i in range(1, 11)} | {"drugs_gate": False}
    assert next_question(BANK, answers) is None
    assert progress(BANK, answers) is None


def test_yes_to_the_gate_asks_all_eleven_dudit_items():
    answers = {f"audit_{i}": 0 for i in range(1, 11)} | {"drugs_gate": True}
    assert [q.id for q in remaining(BANK, answers)] == [f"dudit_{i}" for i in range(1, 12)]


def test_yes_no_is_not_guessed():
    assert understand_yes_no("Ja, det har hänt") is True
    assert understand_yes_no("nej aldrig") is False
    assert understand_yes_no("osäker") is True  # unsure at a gate: ask the instrument
    assert understand_yes_no("blåbär") is None
