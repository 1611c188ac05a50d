"""Matching the profile to the catalogue: every entry that can be suggested is triggered
by its own factors and by nothing else; excluded entries never appear; the local offer
never changes the rank."""
import pytest

from bot.assessment.question_bank import load_bank, load_factors
from bot.catalogue.catalogue import load_catalogue
from bot.catalogue.matching import explain, match
from bot.profile.build import build_profile

BANK = load_bank()
FACTORS = load_factors()
CATALOGUE = load_catalogue()
SUGGESTABLE = [e for e in CATALOGUE
               if not e.excluded and not e.evidence.label.startswith("bedöms ineffektiv")]


def answers_indicating(factor_id: str) -> dict:
    """Answers from the question bank that indicate exactly this factor (and its prerequisites)."""
    factor = FACTORS.factors[factor_id]
    if factor.derived_from:  # a reading of another factor and an answer
        return answers_indicating(factor.derived_from[0]) | dict(factor.derived_when)
    if factor.derived_age_gap is not None:  # the client's age and the oldest child's
        return {"client_age": 30, "children_ages": [30 - factor.derived_age_gap]}
    for module in BANK:
        for _, fid in module.instrument_factors:
            if fid == factor_id:
                items = {q.id: max(o.score for o in q.options) for q in module.questions
                         if q.options and q.id.startswith(module.instrument)}
                return {"client_sex": "man", **items}
        for q in module.questions:
            for ind in q.indicates:
                if ind.factor != factor_id:
                    continue
                expected = ind.expected
                value = (expected[0] if isinstance(expected, list) else
                         expected.get("min", expected.get("max")) if isinstance(expected, dict)
                         else expected)
                return {q.id: value, **dict(ind.also)}
    raise AssertionError(f"no answer indicates {factor_id}")


NEVER_FITS = ("unasked", "organisation")


def fitting(entry, answers: dict) -> dict | None:
    """The answers plus what the entry's fit conditions ask for; None when they can never be
    met (the bank does not ask what the entry needs)."""
    out = dict(answers)
    for condition in entry.fit:
        if condition.kind in NEVER_FITS:
            return None
        if condition.kind in ("factor", "any_factor"):
            out |= answers_indicating(condition.ids[0])
        elif condition.kind == "question":
            expected = condition.expected
            out[condition.ids[0]] = ([expected.get("min", expected.get("max"))]
                                     if isinstance(expected, dict) else expected)
    return out


def ids(suggestions):
    return [s.intervention.id for s in suggestions]


def test_the_catalogue_has_suggestable_entries():
    assert len(SUGGESTABLE) >= 10


@pytest.mark.parametrize("entry", SUGGESTABLE, ids=[e.id for e in SUGGESTABLE])
def test_each_entry_is_triggered_by_its_risk_factors_and_not_without_them(entry):
    risk_targets = [f for f in entry.targets if FACTORS.factors[f].kind == "risk"]
    if not risk_targets:
        # Only strengthens protective factors: never suggested, even with all of them found.
        strengths = {}
        for fid in entry.targets:
            strengths |= answers_indicating(fid)
        assert entry.id not in ids(match(CATALOGUE, build_profile(BANK, strengths, FACTORS)))
        return
    answers = answers_indicating(risk_targets[0])
    if entry.for_children:
        answers["children_in_household"] = True
    answers = fitting(entry, answers)
    if answers is None:
        everything = {}
        for fid in entry.targets:
            everything |= answers_indicating(fid)
        assert entry.id not in ids(match(CATALOGUE, build_profile(BANK, everything, FACTORS),
                                         answers=everything))
        return
    found = match(CATALOGUE, build_profile(BANK, answers, FACTORS), answers=answers)
    hit = next((s for s in found if s.intervention.id == entry.id), None)
    assert hit is not None, f"{entry.id} not suggested for {answers}"
    assert risk_targets[0] in {f.factor.id for f in hit.needs}
    assert set(hit.timing) <= set(entry.areas)
    # Without any of its factors it is not suggested.
    others = [f for f in FACTORS.factors if f not in entry.targets and FACTORS.factors[f].kind == "risk"]
    unrelated = {}
    for fid in others[:3]:
        unrelated |= answers_indicating(fid)
    profile = build_profile(BANK, unrelated, FACTORS)
    if not set(entry.targets) & profile.all_factor_ids():
        assert entry.id not in ids(match(CATALOGUE, profile))


def test_family_entries_need_children_in_the_household():
    # Risky drinking: groups for children of parents with misuse fit only with children.
    answers = answers_indicating("risky_drinking")
    family = [e.id for e in CATALOGUE if e.for_children]
    assert "barn-grupp-barn-foralder-missbruk" in family
    with_children = ids(match(CATALOGUE, build_profile(
        BANK, {**answers, "children_in_household": True}, FACTORS)))
    assert "barn-grupp-barn-foralder-missbruk" in with_children
    for children in (False, None):
        found = ids(match(CATALOGUE, build_profile(
            BANK, {**answers, "children_in_household": children}, FACTORS)))
        assert not set(family) & set(found), children
        # The adult's own support is still there.
        assert "mb-natverksterapi" in found


def test_excluded_and_ineffective_entries_are_never_suggested():
    everything = {}
    for fid, factor in FACTORS.factors.items():
        if factor.kind == "risk":
            everything |= answers_indicating(fid)
    found = ids(match(CATALOGUE, build_profile(BANK, everything, FACTORS)))
    never = [e.id for e in CATALOGUE if e.excluded or e.evidence.label.startswith("bedöms ineffektiv")]
    assert never and not set(never) & set(found)


def test_the_local_offer_never_changes_the_rank():
    answers = {"economy_gate": True, "debts": True, "kronofogden": True, "debts_growing": True,
               "housing": "eget_kontrakt", "eviction_risk": True, "rent_arrears": True}
    profile = build_profile(BANK, answers, FACTORS)
    none_offered = match(CATALOGUE, profile, frozenset(), answers)
    all_offered = match(CATALOGUE, profile, frozenset(e.id for e in CATALOGUE), answers)
    assert ids(none_offered) == ids(all_offered) == ids(match(CATALOGUE, profile, None, answers))
    assert all(s.offered_locally is False for s in none_offered)
    assert "finns inte lokalt" in none_offered[0].one_line()


def test_explanation_names_answers_evidence_and_sources():
    profile = build_profile(BANK, {"debts": True, "kronofogden": True}, FACTORS)
    first = match(CATALOGUE, profile)[0]
    text = explain(first)
    assert "skulder: ja" in text and "Källor: " in text and first.intervention.evidence.label in text


@pytest.mark.parametrize("typed, kind, number, reason", [
    ("varför 2", "why", 2, ""), ("Välj 1", "choose", 1, ""),
    ("avböj 3 eftersom klienten redan har kontakt", "decline", 3, "klienten redan har kontakt"),
    ("avböj 2 för att han inte vill", "decline", 2, "han inte vill"),
    ("avböj 2", "decline", 2, ""), ("behövs men finns inte 4", "not_available", 4, ""),
    ("visa fler", "more", None, ""), ("klar", "done", None, ""),
])
def test_commands_about_suggestions(typed, kind, number, reason):
    from bot.catalogue.commands import parse_command

    command = parse_command(typed)
    assert (command.kind, command.number, command.reason) == (kind, number, reason)


def test_unclear_command_is_not_guessed_and_browse_reads_the_topic():
    from bot.catalogue.browse import browse
    from bot.catalogue.commands import parse_command

    assert parse_command("blåbär") is None
    command = parse_command("vad finns för boende?")
    assert command.kind == "browse"
    text = browse(BANK, CATALOGUE, command.topic, [], None)
    assert "Bostad först" in text and "Boendetrappa" not in text
