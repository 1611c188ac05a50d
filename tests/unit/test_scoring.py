"""AUDIT and DUDIT scoring at the boundaries that change what a case worker is told."""
import pytest

from bot.scoring.instruments import ALLOWED_SCORES, InvalidItemScore, score_audit, score_dudit, validate_item


def answers_with_total(instrument: str, total: int) -> dict[str, int]:
    """A plausible answer pattern: the 0-4 items first, then the 0/2/4 items."""
    items = ALLOWED_SCORES[instrument]
    answers, left = {}, total
    for item_id, allowed in items.items():
        step = max(v for v in allowed if v <= left)
        answers[item_id] = step
        left -= step
    assert left == 0, "pattern cannot reach that total"
    return answers


def audit_with_total(total: int) -> dict[str, int]:
    return answers_with_total("audit", total)


def dudit_with_total(total: int) -> dict[str, int]:
    return answers_with_total("dudit", total)


@pytest.mark.parametrize(
    "sex, total, positive",
    [("kvinna", 5, False), ("kvinna", 6, True), ("man", 7, False), ("man", 8, True)],
)
def test_audit_screen_boundaries(sex, total, positive):
    result = score_audit(audit_with_total(total), sex)
    assert result.total == total
    assert result.positive is positive


def test_audit_all_maximal_is_40_with_subscores():
    answers = {f"audit_{i}": 4 for i in range(1, 11)}
    result = score_audit(answers, "man")
    assert result.total == 40
    assert dict(result.subscores) == {"konsumtion": 12, "beroende": 12, "skadligt bruk": 16}
    assert result.band.startswith("Zon IV")


def test_audit_sex_not_given_uses_the_lower_threshold_and_says_so():
    result = score_audit(audit_with_total(7), "annat")
    assert result.positive is True and result.threshold == 6
    assert dict(result.thresholds) == {"kvinna": 6, "man": 8}
    assert "handläggaren bedömer" in result.sex_rule


@pytest.mark.parametrize(
    "sex, total, positive",
    [("kvinna", 1, False), ("kvinna", 2, True), ("man", 5, False), ("man", 6, True)],
)
def test_dudit_screen_boundaries(sex, total, positive):
    result = score_dudit(dudit_with_total(total), sex)
    assert (result.total, result.positive) == (total, positive)


def test_dudit_dependence_boundary_and_maximum():
    assert score_dudit(dudit_with_total(24), "man").band != "mycket sannolikt beroende"
    assert score_dudit(dudit_with_total(25), "man").band == "mycket sannolikt beroende"
    assert score_dudit({f"dudit_{i}": 4 for i in range(1, 12)}, "kvinna").total == 44


@pytest.mark.parametrize(
    "item, value",
    [("audit_9", 1), ("audit_9", 3), ("audit_10", 1), ("audit_1", 5), ("audit_1", -1),
     ("dudit_10", 3), ("dudit_11", 1), ("dudit_1", 2.5), ("audit_1", True), ("audit_11", 0)],
)
def test_invalid_item_values_are_rejected(item, value):
    with pytest.raises(InvalidItemScore):
        validate_item(item, value)


def test_invalid_value_inside_a_set_of_answers_is_rejected_not_scored():
    answers = audit_with_total(10) | {"audit_9": 3}
    with pytest.raises(InvalidItemScore):
        score_audit(answers, "man")


def test_incomplete_instrument_gives_no_total():
    answers = audit_with_total(12)
    del answers["audit_4"]
    result = score_audit(answers, "kvinna")
    assert result.total is None and result.positive is None
    assert result.missing == ("audit_4",)
    assert "konsumtion" in result.subscores and "beroende" not in result.subscores
