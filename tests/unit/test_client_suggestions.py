"""Suggestions for the fictitious clients of ../shared/notes/domain.md §10: what the
reports point to is suggested, with the right early/late label; what they reject is not."""
import pytest

from bot.assessment.question_bank import load_bank, load_factors
from bot.catalogue.catalogue import load_catalogue
from bot.catalogue.matching import match
from bot.profile.build import build_profile
from tests.unit.test_profile import audit

BANK, FACTORS, CATALOGUE = load_bank(), load_factors(), load_catalogue()


def entry(name_part: str):
    hits = [e for e in CATALOGUE if name_part.lower() in e.name.lower()]
    assert hits, f"no catalogue entry named like {name_part!r}"
    return hits[0]


def suggested(answers: dict) -> dict:
    return {s.intervention.id: s for s in match(CATALOGUE, build_profile(BANK, answers, FACTORS))}


REJECTED = [e.id for e in CATALOGUE if e.excluded or e.evidence.label.startswith("bedöms ineffektiv")]

CLIENTS = {
    # 1. Bringlöv (000:655-668): own home and job, relapse, rent arrears.
    "bringlov": {"client_sex": "man", "employment_status": "anstalld", "job_at_risk": False,
                 "housing": "eget_kontrakt", "eviction_risk": True, "rent_arrears": True,
                 "relapse": True, "drugs_gate": False, **audit(14)},
    # 2. Avslag (000:814-822).
    "avslag": {"client_sex": "kvinna", "economy_gate": True, "income_source": "ingen",
               "recent_refusal": True, "employment_status": "arbetslos", "unemployment_months": 4},
    # 3. Utförsäkrad with debts (001:5141-5155).
    "utforsakrad": {"economy_gate": True, "income_source": "forsorjningsstod", "benefit_ending": True,
                    "debts": True, "kronofogden": True, "debts_growing": True},
    # 4. Nollplacerad with mental ill-health (000:864-887).
    "nollplacerad": {"economy_gate": True, "income_source": "forsorjningsstod",
                     "months_on_assistance": 12, "health_gate": True, "reduced_work_capacity": True,
                     "sick_without_benefit": True, "mental_ill_health": True,
                     "employment_status": "sjukskriven"},
    # 5. Employed, at risk of losing the job because of drinking (000:972-977).
    "jobb_i_fara": {"client_sex": "man", "employment_status": "anstalld", "job_at_risk": True,
                    "housing": "eget_kontrakt", "drugs_gate": False, **audit(12)},
    # 8. Homeless with misuse: getting housing is early in EB but late in missbruk.
    "hemlos": {"client_sex": "man", "economy_gate": True, "housing": "bostadslos",
               "shelter_tonight": True, "drugs_gate": False, **audit(20)},
}


@pytest.mark.parametrize("client", CLIENTS)
def test_rejected_methods_are_never_suggested(client):
    assert REJECTED and not set(REJECTED) & set(suggested(CLIENTS[client]))


def test_relapse_with_a_home_gets_support_to_keep_it_early_in_missbruk():
    found = suggested(CLIENTS["bringlov"])
    keep = [s for s in found.values() if {"eviction_risk", "rent_arrears"} & {f.factor.id for f in s.needs}]
    assert keep, "no intervention to keep the home"
    assert any(s.timing.get("missbruk") == "tidigt" for s in keep)


def test_refused_applicant_gets_help_after_avslag():
    assert entry("avslag").id in suggested(CLIENTS["avslag"])


def test_utforsakrad_with_debts_gets_debt_advice_first():
    found = suggested(CLIENTS["utforsakrad"])
    advice = entry("skuldrådgivning").id
    assert advice in found and found[advice].rank <= 3
    assert found[advice].timing.get("ekonomiskt_bistand") == "tidigt"


def test_nollplacerad_with_mental_ill_health_gets_ips_as_early_support_in_eb():
    found = suggested(CLIENTS["nollplacerad"])
    ips = entry("IPS").id
    assert ips in found
    assert found[ips].timing.get("ekonomiskt_bistand") == "tidigt"
    assert found[ips].intervention.evidence.label.startswith("evidensbaserad")


def test_employed_at_risk_gets_support_to_keep_the_job():
    found = suggested(CLIENTS["jobb_i_fara"])
    keep_job = [s for s in found.values() if "job_at_risk" in {f.factor.id for f in s.needs}]
    assert keep_job and any(s.timing.get("missbruk") == "tidigt" for s in keep_job)


def test_housing_first_is_early_in_eb_and_late_in_missbruk_for_a_homeless_client():
    found = suggested(CLIENTS["hemlos"])
    housing_first = entry("Bostad först").id
    assert housing_first in found
    assert found[housing_first].timing == {"ekonomiskt_bistand": "tidigt", "missbruk": "sent"}
