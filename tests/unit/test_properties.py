"""Property-based tests (Hypothesis) for the pure core: scoring, the profile, matching and
personnummer masking. Each property is something a case worker or supervisor relies on
whatever the answers are, not only for the fictitious clients of the example tests.
"""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.assessment.question_bank import load_bank, load_factors
from bot.catalogue.catalogue import load_catalogue
from bot.catalogue.fit import met
from bot.catalogue.matching import match
from bot.privacy.personnummer import PERSONNUMMER_MASK, luhn_ok, mask_identity_numbers
from bot.profile.build import build_profile
from bot.scoring.instruments import (
    ALLOWED_SCORES,
    AUDIT_DOMAINS,
    InvalidItemScore,
    load_cutoffs,
    score_audit,
    score_dudit,
    validate_item,
)

BANK = load_bank()
FACTORS = load_factors()
CATALOGUE = load_catalogue()
SEXES = st.sampled_from(["kvinna", "man", "annat", None])
PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def complete_items(instrument: str):
    return st.fixed_dictionaries(
        {item: st.sampled_from(sorted(allowed))
         for item, allowed in ALLOWED_SCORES[instrument].items()})


# --- scoring ---------------------------------------------------------------------------

@PROPERTY
@given(items=complete_items("audit"), sex=SEXES)
def test_audit_total_is_the_item_sum_and_the_screen_follows_the_cut_off(items, sex):
    result = score_audit(items, sex)
    assert result.total == sum(items.values()) and 0 <= result.total <= 40
    assert sum(result.subscores.values()) == result.total
    assert set(result.subscores) == set(AUDIT_DOMAINS)
    cut = load_cutoffs()["audit"]["screen"]
    threshold = cut[sex] if sex in ("kvinna", "man") else min(cut["kvinna"], cut["man"])
    assert result.positive == (result.total >= threshold)
    assert result.band is not None


@PROPERTY
@given(items=complete_items("dudit"), sex=SEXES)
def test_dudit_total_bands_and_dependence(items, sex):
    result = score_dudit(items, sex)
    assert result.total == sum(items.values()) and 0 <= result.total <= 44
    dependence = load_cutoffs()["dudit"]["dependence"]["min"]
    assert result.dependence == (result.total >= dependence)
    if result.total >= dependence:
        assert result.positive  # probable dependence is always a positive screen


@PROPERTY
@given(items=complete_items("audit"), sex=SEXES, data=st.data())
def test_a_higher_answer_never_lowers_the_score_or_clears_a_positive_screen(items, sex, data):
    item = data.draw(st.sampled_from(sorted(items)))
    higher = [v for v in ALLOWED_SCORES["audit"][item] if v > items[item]]
    if not higher:
        return
    raised = {**items, item: data.draw(st.sampled_from(sorted(higher)))}
    before, after = score_audit(items, sex), score_audit(raised, sex)
    assert after.total > before.total
    assert not (before.positive and not after.positive)


@PROPERTY
@given(items=complete_items("audit"), sex=SEXES, data=st.data())
def test_a_missing_item_gives_no_total_and_no_screen(items, sex, data):
    missing = data.draw(st.sampled_from(sorted(items)))
    partial = {k: v for k, v in items.items() if k != missing}
    result = score_audit(partial, sex)
    assert result.total is None and result.positive is None and result.missing == (missing,)


@PROPERTY
@given(item=st.sampled_from(sorted({**ALLOWED_SCORES["audit"], **ALLOWED_SCORES["dudit"]})),
       value=st.one_of(st.integers(-100, 100), st.floats(allow_nan=True), st.booleans(),
                       st.text(max_size=3), st.none()))
def test_only_allowed_item_values_pass_validation(item, value):
    allowed = {**ALLOWED_SCORES["audit"], **ALLOWED_SCORES["dudit"]}[item]
    is_valid = (not isinstance(value, bool) and isinstance(value, (int, float))
                and value == value and float(value).is_integer() and int(value) in allowed)
    if is_valid:
        assert validate_item(item, value) == int(value)
    else:
        with pytest.raises(InvalidItemScore):
            validate_item(item, value)


# --- the profile and matching ----------------------------------------------------------

def _value_for(question, rng: random.Random):
    """A value the assessment itself could store for this question."""
    if question.type == "yes_no":
        return rng.choice([True, False])
    if question.type == "choice":
        return rng.choice(question.options).value
    if question.type in ("number", "numbers"):
        low, high = question.value_range or (0, 100)
        numbers = [rng.randint(int(low), int(high)) for _ in range(rng.randint(1, 3))]
        return numbers[0] if question.type == "number" else numbers
    if question.type == "duration":
        return rng.choice([0.5, 1, 3, 6, 12, 24, 60])
    if question.type == "modules":
        return [m.id for m in BANK if rng.random() < 0.7] or [BANK[-1].id]
    return rng.choice(["vill ha jobb", "stöd med ekonomin", "inget särskilt"])


@st.composite
def answer_sets(draw):
    """Any mix of answered, unanswered and skipped (None) questions across the bank."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    answered = draw(st.floats(0.1, 1.0))
    answers = {}
    for module in BANK:
        for question in module.questions:
            roll = rng.random()
            if roll < answered:
                answers[question.id] = _value_for(question, rng)
            elif roll < answered + 0.05:
                answers[question.id] = None
    return answers


@PROPERTY
@given(answers=answer_sets())
def test_every_factor_in_the_profile_rests_on_a_given_answer(answers):
    profile = build_profile(BANK, answers, FACTORS)
    for area in profile.areas.values():
        for found in area.risks + area.protective:
            assert found.evidence, found.factor.id
            for evidence in found.evidence:
                instrument = evidence.question_id in ("audit", "dudit") or \
                    evidence.question_id.startswith(("audit", "dudit"))
                assert instrument or answers.get(evidence.question_id) is not None, evidence
        assert area.accumulation == (len(area.risks) >= FACTORS.accumulation_threshold)
        if area.triage_group is not None:
            assert area.assessed and area.triage_group in (1, 2, 3)
        assert {w[1].factor.id for w in area.warnings} <= area.factor_ids("risk") | \
            area.factor_ids("protective")


@PROPERTY
@given(answers=answer_sets(), seed=st.integers(0, 2**32 - 1))
def test_matching_answers_needs_and_ignores_local_offer_in_the_ranking(answers, seed):
    profile = build_profile(BANK, answers, FACTORS)
    risks = {f.factor.id for area in profile.areas.values() for f in area.risks}
    ranked = match(CATALOGUE, profile, None, answers)
    assert [s.rank for s in ranked] == list(range(1, len(ranked) + 1))
    # The order: the first entry for every need before a second one, and within that,
    # warning signs, the client's own words, early before late, evidence, fit.
    keys = [s.placement.key(s.fit, s.intervention.id) for s in ranked]
    assert keys == sorted(keys)
    for n, suggestion in enumerate(ranked):
        p = suggestion.placement
        primaries = [s for s in ranked if s.placement.need == p.need and not s.placement.secondary]
        if p.secondary:
            assert p.round == max(len(primaries), 1) if p.need else p.round == 1
        elif p.need is None:
            assert p.round == 0
        else:
            earlier = [s for s in ranked[:n] if s in primaries]
            assert p.round == len(earlier)
    factor_ids = profile.all_factor_ids()
    for suggestion in ranked:
        assert not suggestion.intervention.excluded
        assert all(met(c, factor_ids, answers) for c in suggestion.intervention.fit)
        assert suggestion.needs and {f.factor.id for f in suggestion.needs} <= risks
        assert {f.factor.id for f in suggestion.needs} <= set(suggestion.intervention.targets)
    rng = random.Random(seed)
    offered = frozenset(e.id for e in CATALOGUE if rng.random() < 0.5)
    with_offer = match(CATALOGUE, profile, offered, answers)
    assert [s.intervention.id for s in with_offer] == [s.intervention.id for s in ranked]
    assert all(s.offered_locally == (s.intervention.id in offered) for s in with_offer)


# --- personnummer masking ----------------------------------------------------------------

@st.composite
def personnummer(draw):
    century = draw(st.sampled_from(["19", "20", ""]))
    yy = draw(st.integers(0, 99))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    coordination = draw(st.booleans())
    serial = draw(st.integers(0, 999))
    body = f"{yy:02d}{month:02d}{day + (60 if coordination else 0):02d}{serial:03d}"
    check = next(str(c) for c in range(10) if luhn_ok(body + str(c)))
    separator = draw(st.sampled_from(["", "-", "+"]))
    return f"{century}{body[:6]}{separator}{body[6:]}{check}", body + check


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Nd", "Cs")), max_size=40)


@PROPERTY
@given(before=TEXT, number=personnummer(), after=TEXT)
def test_a_typed_personnummer_never_survives_masking(before, number, after):
    typed, digits = number
    masked, kinds = mask_identity_numbers(f"{before} {typed} {after}")
    assert digits not in re.sub(r"\D", "", masked)
    assert kinds and kinds[0] in ("personnummer", "samordningsnummer")
    # Masking what is already masked changes nothing and finds nothing more.
    assert mask_identity_numbers(masked) == (masked, [])


@PROPERTY
@given(text=TEXT)
def test_text_without_digits_is_left_alone(text):
    assert mask_identity_numbers(text) == (text, [])
    assert PERSONNUMMER_MASK not in mask_identity_numbers(text)[0]
