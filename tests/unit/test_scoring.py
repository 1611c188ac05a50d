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
    assert dict(result.subscores) == {"konsumtion": 12, "beroende": 12, "alkoholrelaterade skador": 16}
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


# --- Issue 19: the published scales, the gate and result lines that agree with themselves.

AT_DUDIT_2 = {"client_sex": "kvinna", "client_age": 40, "seen_alone": True, "modules_chosen": ["narkotika"],
              "drugs_gate": True, "dudit_1": 2}


@pytest.mark.parametrize("text, score", [
    ("aldrig", 0), ("en gång i månaden", 1), ("En gång i månaden eller mer sällan", 1),
    ("2-4 gånger i månaden", 2), ("2-3 gånger i veckan", 3), ("fyra gånger i veckan", 4),
    ("4 gånger i veckan eller oftare", 4),
])
def test_dudit_item_2_is_on_item_1s_published_scale(text, score):
    from bot.assessment.question_bank import load_bank
    from bot.assessment.turn import handle_turn

    bank = load_bank()
    items = {q.id: q for m in bank for q in m.questions}
    assert [o.label for o in items["dudit_2"].options] == [o.label for o in items["dudit_1"].options]
    turn = handle_turn(bank, AT_DUDIT_2, text)
    assert [(r.question_id, r.value) for r in turn.records] == [("dudit_2", score)], turn.messages


def test_every_instrument_item_carries_the_published_du_form_wording():
    from bot.assessment.question_bank import load_bank

    for module in load_bank():
        if module.instrument:
            for q in module.questions:
                if q.id.startswith(module.instrument):
                    assert q.published and " du " in f" {q.published} ", q.id


def test_dudit_gate_no_still_asks_items_10_and_11_and_scores_them():
    from bot.assessment.flow import next_question, remaining
    from bot.assessment.question_bank import load_bank

    bank = load_bank()
    answers = {"client_sex": "kvinna", "client_age": 40, "seen_alone": True,
               "modules_chosen": ["narkotika"],
               "drugs_gate": False}
    assert [q.id for q in remaining(bank, answers)] == ["dudit_10", "dudit_11"]
    answers |= {"dudit_10": 2}
    assert next_question(bank, answers).id == "dudit_11"
    answers |= {"dudit_11": 0}
    result = score_dudit(answers, "kvinna")
    # "Ja, men inte under det senaste året" once makes a woman screen-positive (cut-off 2).
    assert (result.total, result.positive, result.implied_zero[-1]) == (2, True, "dudit_9")
    assert score_dudit(answers | {"dudit_10": 0}, "kvinna").positive is False


def test_a_skipped_item_is_missing_even_after_the_gate_says_no():
    result = score_dudit({"drugs_gate": False, "dudit_1": None, "dudit_10": 0, "dudit_11": 0},
                         "man")
    assert result.total is None and result.missing == ("dudit_1",)


@pytest.mark.parametrize("sex, total, words, not_words", [
    ("kvinna", 6, ["når gränsvärdet för kvinnor (6)", "screening positiv", "Zon I"], ["låg risk", "över"]),
    ("kvinna", 7, ["över gränsvärdet för kvinnor (6)", "screening positiv"], ["låg risk"]),
    ("kvinna", 5, ["under gränsvärdet för kvinnor (6)", "screening negativ", "Zon I: låg risk"], []),
    ("man", 8, ["når gränsvärdet för män (8)", "Zon II: riskbruk"], ["över"]),
    ("annat", 7, ["över gränsvärdet för kvinnor (6)", "under gränsvärdet för män (8)",
                  "handläggaren bedömer"], ["låg risk"]),
])
def test_audit_result_line_never_contradicts_itself(sex, total, words, not_words):
    from bot.scoring.instruments import result_text

    line = result_text(score_audit(audit_with_total(total), sex))
    for word in words:
        assert word in line, line
    for word in not_words:
        assert word not in line, line


def test_dudit_line_shows_both_cut_offs_without_sex_and_youth_note_by_age():
    from bot.scoring.instruments import result_text

    line = result_text(score_dudit(dudit_with_total(3), None, age=22))
    assert "över gränsvärdet för kvinnor (2)" in line and "under gränsvärdet för män (6)" in line
    assert "preliminära gränsvärden 3 (kvinnor) och 7 (män)" in line
    assert "preliminära" not in result_text(score_dudit(dudit_with_total(3), "man", age=40))
