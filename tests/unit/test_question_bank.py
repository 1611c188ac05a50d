"""The question bank is consistent, and typed answers map to the right scores."""
import pytest

from bot.assessment.question_bank import check_bank, load_bank, questions_by_id
from bot.assessment.understanding import understand_choice

Q = questions_by_id()


def test_bank_is_consistent_with_the_instruments():
    assert check_bank(load_bank()) == []
    assert [f"audit_{i}" for i in range(1, 11)] == [q for q in Q if q.startswith("audit_")]
    assert [f"dudit_{i}" for i in range(1, 12)] == [q for q in Q if q.startswith("dudit_")]


@pytest.mark.parametrize(
    "question, typed, score",
    [
        ("audit_1", "ungefär två gånger i veckan", 3),
        ("audit_1", "varje dag", 4),
        ("audit_1", "en gång i månaden", 1),
        ("audit_1", "3 ggr i månaden", 2),
        ("audit_2", "5-6 glas", 2),
        ("audit_2", "ett par glas", 0),
        ("audit_2", "typ tolv glas", 4),
        ("audit_3", "nej, aldrig", 0),
        ("audit_3", "varje manad", 2),
        ("audit_4", "daglign", 4),
        ("audit_9", "ja men inte senaste året", 2),
        ("audit_9", "ja men inte senaste aret", 2),
        ("audit_10", "ja, under det senaste året", 4),
        ("audit_10", "nej", 0),
        ("dudit_10", "Ja men inte under det senaste året", 2),
        ("dudit_3", "5-6", 3),
    ],
)
def test_typed_answers_give_the_item_score(question, typed, score):
    understood = understand_choice(Q[question], typed)
    assert understood is not None, typed
    assert understood.option.score == score


@pytest.mark.parametrize("typed", ["kanske", "det vet jag inte", "", "blåbär", "ibland mer ibland mindre"])
def test_unclear_answers_are_not_guessed(typed):
    assert understand_choice(Q["audit_3"], typed) is None
