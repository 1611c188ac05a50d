"""The risk and protective profile for fictitious clients from the training vignettes in
../shared/notes/domain.md §10, asserted factor by factor."""
import pytest

from bot.assessment.question_bank import load_bank, load_factors
from bot.profile.build import build_profile, triage

BANK = load_bank()
FACTORS = load_factors()
EB, MISSBRUK, BARN = "ekonomiskt_bistand", "missbruk", "barn"


def audit(total: int) -> dict:
    """A valid AUDIT answer pattern with the given total (items 1-8 first, 0-4 each)."""
    answers, left = {}, total
    for i in range(1, 9):
        answers[f"audit_{i}"] = min(4, left)
        left -= answers[f"audit_{i}"]
    for i in (9, 10):
        answers[f"audit_{i}"] = min(4, left - left % 2)
        left -= answers[f"audit_{i}"]
    assert left == 0
    return answers


def profile(answers):
    return build_profile(BANK, answers, FACTORS)


def risks(p, area):
    return {f.factor.id for f in p.areas[area].risks}


def protective(p, area):
    return {f.factor.id for f in p.areas[area].protective}


def warnings(p, area):
    return {w for w, _ in p.areas[area].warnings}


def test_relapse_with_home_and_job_is_early_support_in_missbruk():
    # Vignette 1 (Bringlöv, 000:655-668): own home and job, earlier misuse, relapse.
    p = profile({"client_sex": "man", "employment_status": "anstalld", "job_at_risk": False,
                 "housing": "eget_kontrakt", "eviction_risk": False, "rent_arrears": True,
                 "relapse": True, "drugs_gate": False, **audit(14)})
    assert risks(p, MISSBRUK) == {"risky_drinking", "rent_arrears", "relapse"}
    assert protective(p, MISSBRUK) == {"employed", "own_housing"}
    assert warnings(p, MISSBRUK) == {"Återfall", "Risk för vräkning"}
    assert p.areas[MISSBRUK].accumulation is True
    assert p.areas[MISSBRUK].triage_group == 2
    evidence = next(f for f in p.areas[MISSBRUK].risks if f.factor.id == "risky_drinking").evidence
    assert evidence[0].answer.startswith("14 poäng, över gränsvärdet för män (8)")


def test_refused_applicant_without_income_has_few_protective_factors():
    # Vignette 2 (avslag, 000:814-822).
    p = profile({"client_sex": "kvinna", "economy_gate": True, "income_source": "ingen",
                 "months_on_assistance": 0, "recent_refusal": True, "benefit_ending": False,
                 "debts": False, "rent_arrears": False, "employment_status": "arbetslos",
                 "unemployment_months": 4, "registered_af": False, "earlier_employment": True})
    assert risks(p, EB) == {"no_own_income", "recent_refusal", "unemployed"}
    assert protective(p, EB) == {"earlier_employment"}
    assert warnings(p, EB) == {"Avslag"}
    assert p.areas[EB].accumulation is True
    assert p.areas[EB].triage_group == 3
    assert not p.areas[MISSBRUK].assessed and p.areas[MISSBRUK].triage_group is None


def test_utforsakrad_with_growing_debts():
    # Vignette 3 (001:5141-5155): left Försäkringskassan, debts with Kronofogden.
    p = profile({"economy_gate": True, "income_source": "forsorjningsstod",
                 "months_on_assistance": 3, "benefit_ending": True, "debts": True,
                 "kronofogden": True, "debts_growing": True, "housing": "eget_kontrakt",
                 "family_contact": True})
    assert risks(p, EB) == {"no_own_income", "benefit_ending", "debts", "kronofogden", "growing_debt"}
    assert protective(p, EB) == {"own_housing", "family_support"}
    assert warnings(p, EB) == {"Utförsäkring", "Växande skulder"}
    assert p.areas[EB].triage_group == 2
    levels = {f.factor.id: f.factor.level for f in p.areas[EB].risks}
    assert levels["benefit_ending"] == "miljö" and levels["debts"] == "individ"


def test_nollplacerad_long_term_recipient_has_no_protective_factors_left():
    # Vignette 4 (000:864-887): reduced work capacity, no sickness benefit.
    p = profile({"client_sex": "kvinna", "economy_gate": True, "income_source": "forsorjningsstod",
                 "months_on_assistance": 12, "health_gate": True, "reduced_work_capacity": True,
                 "sick_without_benefit": True, "mental_ill_health": True,
                 "housing": "inneboende"})
    assert risks(p, EB) == {"long_term_assistance", "no_own_income", "reduced_work_capacity",
                            "sick_without_benefit", "mental_ill_health", "insecure_housing"}
    assert protective(p, EB) == set()
    assert warnings(p, EB) == {"Nollplacerad", "Sjuk utan ersättning"}
    assert p.areas[EB].triage_group == 3
    # Housing and mental health touch missbruk, but without AUDIT/DUDIT it is not assessed.
    assert p.areas[MISSBRUK].assessed is False and p.areas[MISSBRUK].triage_group is None
    why = next(f for f in p.areas[EB].risks if f.factor.id == "long_term_assistance").evidence
    assert (why[0].question_id, why[0].answer) == ("months_on_assistance", "12 månader")


def test_employed_at_risk_of_losing_the_job_because_of_drinking():
    # Vignette 5 (000:972-977): keeping the job is early support.
    p = profile({"client_sex": "man", "employment_status": "anstalld", "job_at_risk": True,
                 "housing": "eget_kontrakt", "eviction_risk": False, "drug_free_contacts": True,
                 "motivation_stage": "forbereder", "drugs_gate": False, **audit(10)})
    assert risks(p, MISSBRUK) == {"job_at_risk", "risky_drinking"}
    assert protective(p, MISSBRUK) == {"employed", "own_housing", "drug_free_contacts", "motivation"}
    assert warnings(p, MISSBRUK) == {"Risk att förlora arbetet"}
    assert p.areas[MISSBRUK].accumulation is False
    assert p.areas[MISSBRUK].triage_group == 2
    assert p.areas[EB].triage_group == 1  # one risk factor: protective factors intact


def test_household_with_partner_present_defers_violence_and_flags_the_children():
    # Vignette 7 (001:6798-6808): partner present; long-term assistance with children.
    p = profile({"client_sex": "kvinna", "seen_alone": False, "economy_gate": True,
                 "income_source": "forsorjningsstod", "months_on_assistance": 11,
                 "children_in_household": True, "children_count": 2, "children_ages": [3, 8],
                 "child_safety_concern": False})
    assert risks(p, BARN) == {"children_long_term_assistance"}
    assert "domestic_violence" not in p.all_factor_ids()  # deferred, not answered "no"
    assert p.areas[BARN].triage_group is None  # the reports' triage covers adults only
    evidence = next(f for f in p.areas[BARN].risks).evidence
    assert {e.question_id for e in evidence} == {"months_on_assistance", "children_in_household"}


def test_woman_below_and_at_the_audit_cut_off():
    below = profile({"client_sex": "kvinna", **audit(5)})
    at = profile({"client_sex": "kvinna", **audit(6)})
    assert "risky_drinking" not in risks(below, MISSBRUK) and below.areas[MISSBRUK].triage_group == 1
    assert "risky_drinking" in risks(at, MISSBRUK)


def test_unknown_sex_uses_the_lower_cut_off_and_says_so():
    p = profile({"client_sex": "annat", **audit(6)})
    assert "risky_drinking" in risks(p, MISSBRUK)
    assert "kön ej angivet" in p.screenings[0].sex_rule


def test_dudit_dependence_adds_a_second_factor():
    dudit = {f"dudit_{i}": 4 for i in range(1, 7)} | {f"dudit_{i}": 0 for i in range(7, 12)}
    p = profile({"client_sex": "man", "drugs_gate": True, **dudit})  # 24: not dependence
    assert risks(p, MISSBRUK) == {"drug_problems"}
    p = profile({"client_sex": "man", "drugs_gate": True, **dudit, "dudit_7": 1})  # 25
    assert risks(p, MISSBRUK) == {"drug_problems", "probable_dependence"}


def test_skipped_answers_indicate_nothing():
    p = profile({"economy_gate": True, "debts": None, "income_source": None})
    assert risks(p, EB) == set()


def test_triage_boundaries():
    rules = FACTORS.triage
    assert triage(0, 0, rules) == 1 and triage(1, 0, rules) == 1
    assert triage(2, 2, rules) == 2 and triage(2, 1, rules) == 3


def test_positive_screen_with_children_is_a_risk_for_the_children_and_reaches_matching():
    from bot.catalogue.catalogue import load_catalogue
    from bot.catalogue.matching import match

    answers = {"client_sex": "man", "seen_alone": True, "modules_chosen": ["alkohol", "barn"],
               **{f"audit_{i}": 1 for i in range(1, 9)}, "audit_9": 0, "audit_10": 0,
               "children_in_household": True}
    p = build_profile(BANK, answers, FACTORS)
    found = next(f for f in p.areas["barn"].risks if f.factor.id == "parent_misuse")
    assert [e.question_id for e in found.evidence] == ["audit", "children_in_household"]
    without = build_profile(BANK, answers | {"children_in_household": False}, FACTORS)
    assert "parent_misuse" not in {f.factor.id for f in without.areas["barn"].risks}
    ranked = match(load_catalogue(), p)
    group = next(s for s in ranked if s.intervention.id == "barn-grupp-barn-foralder-missbruk")
    assert "parent_misuse" in {f.factor.id for f in group.needs}


def test_studies_and_a_parents_mental_ill_health_are_read_from_answers_already_given():
    answers = {"client_sex": "kvinna", "seen_alone": True, "employment_status": "studerar",
               "health_gate": True, "mental_ill_health": True, "children_in_household": True}
    p = build_profile(BANK, answers, FACTORS)
    assert "in_studies" in {f.factor.id for f in p.areas[MISSBRUK].protective}
    assert "parent_mental_ill_health" in {f.factor.id for f in p.areas["barn"].risks}


@pytest.mark.parametrize("answers, factor, area", [
    ({"client_age": 22}, "young_adult", EB),
    ({"client_age": 38, "children_in_household": True, "children_ages": [19, 4]}, "early_parenthood", EB),
    ({"housing": "eget_kontrakt", "lives_alone": True}, "single_household", EB),
    ({"employment_status": "anstalld", "far_from_jobs": True}, "far_from_jobs", EB),
    ({"employment_status": "arbetslos", "job_search_ability": True}, "job_search_ability", EB),
    ({"health_gate": True, "disability": True}, "disability", EB),
    ({"difficult_family_situation": True}, "difficult_family_situation", EB),
    ({"friends_drug_use": True}, "friends_drug_use", MISSBRUK),
    ({"life_event": True}, "life_event", MISSBRUK),
])
def test_the_factors_issue_19_adds_reach_the_profile_with_their_seed_lines(answers, factor, area):
    p = build_profile(BANK, {"client_sex": "kvinna", **answers}, FACTORS)
    found = {f.factor.id: f for f in p.areas[area].risks + p.areas[area].protective}
    assert factor in found, sorted(found)
    assert found[factor].factor.sources
    assert {e.question_id for e in found[factor].evidence} <= set(answers)


def test_early_parenthood_is_not_read_from_a_late_parent_or_missing_ages():
    for answers in ({"client_age": 45, "children_ages": [10]}, {"client_age": 20},
                    {"children_ages": [3]}):
        p = build_profile(BANK, {"client_sex": "man", **answers}, FACTORS)
        assert "early_parenthood" not in p.all_factor_ids(), answers
