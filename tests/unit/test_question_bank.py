"""The question bank is consistent, and typed answers map to the right scores."""
import pytest

from bot.assessment.question_bank import check_bank, load_bank, questions_by_id
from bot.assessment.understanding import understand_choice

Q = questions_by_id()


def test_bank_is_consistent_with_the_instruments():
    assert check_bank(load_bank()) == []
    assert [f"audit_{i}" for i in range(1, 11)] == [q for q in Q if q.startswith("audit_")]
    assert [f"dudit_{i}" for i in range(1, 12)] == [q for q in Q if q.startswith("dudit_")]


def test_a_fact_a_yes_cannot_stand_beside_names_a_question_of_the_bank():
    import dataclasses
    bank = load_bank()
    module = next(m for m in bank if any(q.id == "lives_alone" for q in m.questions))
    broken = dataclasses.replace(module, questions=tuple(
        dataclasses.replace(q, not_yes_with=(("barn_hemma", True),)) if q.id == "lives_alone"
        else q for q in module.questions))
    problems = check_bank(tuple(broken if m is module else m for m in bank))
    assert problems == ["lives_alone: not_yes_with nämner okänd fråga 'barn_hemma'"]


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



def _repeated_words(source: str) -> list[str]:
    """A word said twice across a statement's "|" groups: several words joined by "|"."""
    from collections import Counter
    if "|" not in source:
        return []
    words = Counter(w for token in source.split() for w in token.split("|") if w != "...")
    return [w for w, n in words.items() if n > 1]


def _statements_where(check) -> list[str]:
    """Every statement of the bank (questions' and options') that `check` finds wrong."""
    return [f"{q.id}: {source}" for module in load_bank() for q in module.questions
            for source in (*q.statement_sources, *(p for o in q.options for p in o.statements))
            if check(source)]


def test_no_statement_joins_several_words_with_a_bar():
    # "|" offers alternatives for one word: "varit nykter i ett år|flera år" reads as
    # "år|flera" then "år|många" and matched nothing, which hid a whole answer. Several
    # words are several statements.
    assert _statements_where(_repeated_words) == []


def test_the_bar_check_sees_the_mistake():
    assert _repeated_words("varit nykter i ett år|flera år|många månader") == ["år"]
    assert _repeated_words("varit nykter|drogfri i ett|flera år") == []


def _split_words(source: str) -> list[str]:
    """Two words written with a space inside a "|" group ("a-kassan|a kassan|sjukpenningen"):
    the space ends the group, so "a" and "kassan|sjukpenningen" become two words that must
    both be there, and "sjukpenningen har ... dagar kvar" alone matches nothing."""
    from bot.reading.text import fold
    tokens = [t.rstrip("?") for t in source.split()]
    whole = {fold(w) for t in tokens for w in t.split("|") if " " in fold(w)}
    return [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False) if "|" in a + b
            and fold(a.split("|")[-1] + " " + b.split("|")[0]) in whole]


def test_no_statement_writes_two_words_inside_a_bar_group():
    assert _statements_where(_split_words) == []


def test_the_split_check_sees_the_mistake():
    assert _split_words("a-kassan|a kassan|sjukpenningen har ... dagar kvar") == \
        ["a-kassan|a kassan|sjukpenningen"]
    assert _split_words("a-kassan|sjukpenningen har ... dagar kvar") == []
    assert _split_words("dagar kvar på|av a-kassan|sjukpenningen") == []
