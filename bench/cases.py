"""Fictitious clients for the benchmark, from the training vignettes (../shared/notes/
domain.md §10): every answer the assessment may ask for, and how a case worker who tells
the story in a few sentences would put it.

`answers` holds the stored values (option keys, numbers, months), as in the export API.
`story` maps the question at which the case worker tells a sentence to that sentence; the
sentence answers that question and states several other facts at once. At AUDIT and the
drug question the case worker types the points of the form the client filled in on paper
("AUDIT: 4 4 4 2 …"), as after a real meeting. `notes` is what the case worker wrote after
the meeting and pastes in notes mode: the story, the pattern in words and the forms' points.
Nothing here is a real person.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _instrument(prefix: str, items: int, total: int) -> dict[str, int]:
    """A valid answer pattern with the given total: items scored 0-4 first, then the last
    two, which score 0, 2 or 4 (as in AUDIT 9-10 and DUDIT 10-11)."""
    answers, left = {}, total
    for i in range(1, items + 1):
        step = 1 if i <= items - 2 else 2
        answers[f"{prefix}_{i}"] = min(4, left - left % step)
        left -= answers[f"{prefix}_{i}"]
    return answers


def audit(total: int) -> dict[str, int]:
    return _instrument("audit", 10, total)


def dudit(total: int) -> dict[str, int]:
    return _instrument("dudit", 11, total)


@dataclass(frozen=True)
class Case:
    name: str
    answers: dict[str, Any]
    story: dict[str, str] = field(default_factory=dict)
    notes: str = ""


_NO_CHILDREN_NO_VIOLENCE = {"children_in_household": False, "domestic_violence": False}
# The network questions issue 19 adds, answered "nej" in every case.
_NEW_NO = {"friends_drug_use": False, "difficult_family_situation": False, "life_event": False}

CASES = (
    # 1. Bringlöv: own home and a job, relapse, rent arrears (000:655-668).
    Case("bringlöv", {
        "client_sex": "man", "client_age": 52, "seen_alone": True, "modules_chosen": "alla",
        "economy_gate": True, "income_source": "lon", "months_on_assistance": 0,
        "recent_refusal": False, "benefit_ending": False, "debts": True, "kronofogden": False,
        "debts_growing": False, "rent_arrears": True,
        "employment_status": "anstalld", "job_at_risk": False, "upper_secondary": True,
        "swedish_language": "goda", "driving_licence": True, "earlier_employment": True,
        "labour_network": True, "far_from_jobs": False,
        "health_gate": False,
        "housing": "eget_kontrakt", "eviction_risk": True, "lives_alone": True,
        **audit(14), "drugs_gate": False, "dudit_10": 0, "dudit_11": 0,
        "drug_free_contacts": True, "family_contact": True, "relapse": True,
        "motivation_stage": "forbereder", "sought_help": True, **_NEW_NO,
        "own_needs": "Han vill behålla lägenheten och jobbet och få stöd att sluta dricka.",
        **_NO_CHILDREN_NO_VIOLENCE,
    }, story={
        "economy_gate": "Ja, han har ekonomiska problem men lever på sin lön. Han bor "
                        "ensam i egen lägenhet men har hyresskulder och riskerar "
                        "vräkning. Han har skulder men inte hos Kronofogden, och "
                        "skulderna växer inte. Inkomsten är stabil, inget som tar "
                        "slut.",
        "employment_status": "Han är anställd med fast anställning, ingen risk att "
                             "förlora jobbet. Han har gymnasieutbildning och har "
                             "arbetat tidigare. Han har körkort och kontakter på "
                             "arbetsmarknaden. Han mår bra.",
        "audit_1": "Han dricker varje dag. Han fyllde i formuläret, AUDIT: 4 4 4 2 0 0"
                   " 0 0 0 0.",
        "drugs_gate": "Han använder inga droger. DUDIT: 0 0 0 0 0 0 0 0 0 0 0.",
        "drug_free_contacts": "Han har drogfria vänner och stöd av familjen, men han "
                              "har fått återfall. Han har själv sökt hjälp och har "
                              "bokat tid på beroendemottagningen.",
    }, notes=(
        "Han har ekonomiska problem men får inget försörjningsstöd, han lever på sin lön."
        " Han har skulder men inte hos Kronofogden, och skulderna växer inte. Han har "
        "inte fått avslag. Inkomsten är stabil, inget som tar slut.\n\n"
        "Han är anställd med fast anställning, ingen risk att förlora jobbet. Han har "
        "gymnasieutbildning, pratar bra svenska och har körkort. Han har arbetat tidigare"
        " och har kontakter på arbetsmarknaden. Han bor inte långt från jobben.\n\n"
        "Han mår bra och har inga hälsoproblem. Han bor ensam i egen lägenhet men har "
        "hyresskulder och riskerar vräkning.\n\n"
        "Han dricker varje dag och har fått återfall. Han fyllde i formulären i "
        "väntrummet: AUDIT: 4 4 4 2 0 0 0 0 0 0. DUDIT: 0 0 0 0 0 0 0 0 0 0 0.\n\n"
        "Han har drogfria vänner och stöd av familjen. Han har själv sökt hjälp och har "
        "bokat tid på beroendemottagningen. Han har inga barn och har inte utsatts för "
        "våld.")),
    # 3. Utförsäkrad with debts at Kronofogden (001:5141-5155).
    Case("utförsäkrad", {
        "client_sex": "kvinna", "client_age": 44, "seen_alone": True, "modules_chosen": "alla",
        "economy_gate": True, "income_source": "forsorjningsstod", "months_on_assistance": 7,
        "recent_refusal": False, "benefit_ending": True, "debts": True, "kronofogden": True,
        "debts_growing": True, "rent_arrears": False,
        "employment_status": "sjukskriven", "upper_secondary": True, "swedish_language": "goda",
        "driving_licence": False, "earlier_employment": True, "labour_network": False,
        "far_from_jobs": False,
        "health_gate": True, "reduced_work_capacity": True, "sick_without_benefit": True,
        "mental_ill_health": False, "disability": False,
        "housing": "andrahand", "eviction_risk": False, "lives_alone": False,
        **audit(3), "drugs_gate": False, "dudit_10": 0, "dudit_11": 0,
        "drug_free_contacts": True, "family_contact": False, "relapse": False,
        "motivation_stage": "funderar", "sought_help": False, **_NEW_NO,
        "own_needs": "Hon vill ha hjälp med skulderna och med Försäkringskassan.",
        "children_in_household": True, "children_count": 2, "children_ages": [6, 11],
        "child_safety_concern": False, "domestic_violence": False,
    }, story={
        "economy_gate": "Ja, hon får försörjningsstöd sedan 7 månader. Hon har skulder"
                        " hos Kronofogden, skulderna växer och hon är utförsäkrad. Hon"
                        " har inga hyresskulder.",
        "employment_status": "Hon är sjukskriven, har gymnasieutbildning, pratar bra "
                             "svenska och har arbetat tidigare men saknar körkort. Hon"
                             " har inga kontakter på arbetsmarknaden. Hon har nedsatt "
                             "arbetsförmåga och är sjuk utan sjukpenning.",
        "housing": "Hon bor i andrahand med sina två barn, en son på 6 och en dotter på 11.",
        "audit_1": "Hon fyllde i formuläret, AUDIT: 3 0 0 0 0 0 0 0 0 0.",
        "drugs_gate": "Hon tar inga droger. DUDIT: 0 0 0 0 0 0 0 0 0 0 0.",
        "drug_free_contacts": "Ja, hon har drogfria vänner men ingen kontakt med "
                              "familjen. Inga återfall. Hon funderar på att förändra "
                              "sin situation men kom hit på uppmaning av "
                              "Försäkringskassan.",
        "children_in_household": "Ja, hon har två barn, de är 6 och 11 år.",
    }, notes=(
        "Hon får försörjningsstöd sedan 7 månader och har inte fått avslag. Hon har "
        "skulder hos Kronofogden, skulderna växer och hon är utförsäkrad. Hon har inga "
        "hyresskulder.\n\n"
        "Hon är sjukskriven, har gymnasieutbildning, pratar bra svenska och har arbetat "
        "tidigare men saknar körkort. Hon har inga kontakter på arbetsmarknaden. Hon bor "
        "inte långt från jobben. Hon har nedsatt arbetsförmåga och är sjuk utan "
        "sjukpenning. Ingen psykisk ohälsa och ingen funktionsnedsättning.\n\n"
        "Hon bor i andrahand med sina två barn, en son på 6 och en dotter på 11. Ingen "
        "risk för vräkning.\n\n"
        "Hon fyllde i formulären: AUDIT: 3 0 0 0 0 0 0 0 0 0. DUDIT: 0 0 0 0 0 0 0 0 0 0 "
        "0. Hon har drogfria vänner men ingen kontakt med familjen. Inga återfall. Hon "
        "funderar på att förändra sin situation men kom hit på uppmaning av "
        "Försäkringskassan. Ingen oro för barnen och inget våld i hemmet.")),
    # 4. Nollplacerad: reduced work capacity, no sickness benefit, mental ill-health
    # (000:864-887); long-term assistance; arbetslös.
    Case("nollplacerad", {
        "client_sex": "annat", "client_age": 41, "seen_alone": True, "modules_chosen": "alla",
        "economy_gate": True, "income_source": "forsorjningsstod", "months_on_assistance": 12,
        "recent_refusal": False, "benefit_ending": False, "debts": False,
        "rent_arrears": False,
        "employment_status": "arbetslos", "unemployment_months": 24, "registered_af": True,
        "upper_secondary": False, "swedish_language": "sfi", "driving_licence": False,
        "earlier_employment": False, "labour_network": False, "job_search_ability": False,
        "far_from_jobs": False,
        "health_gate": True, "reduced_work_capacity": True, "sick_without_benefit": True,
        "mental_ill_health": True, "suicidal_thoughts": False, "disability": False,
        "housing": "inneboende", "eviction_risk": False,
        **audit(0), "drugs_gate": True, **dudit(6),
        "drug_free_contacts": False, "family_contact": True, "relapse": False,
        "motivation_stage": "funderar", "sought_help": True, **_NEW_NO,
        "own_needs": "Vill ha ett arbete och någon att prata med.",
        **_NO_CHILDREN_NO_VIOLENCE,
    }, story={
        "economy_gate": "Ja, hen har försörjningsstöd sedan 12 månader och har inte "
                        "fått avslag. Hen har inga skulder och inga hyresskulder.",
        "employment_status": "Hen är arbetslös sedan två år, är inskriven på "
                             "arbetsförmedlingen, saknar gymnasieutbildning och har "
                             "aldrig jobbat. Hen läser sfi och har inget körkort. Hen "
                             "vet inte hur man söker jobb.",
        "health_gate": "Ja, hen är nollplacerad, sjuk utan sjukpenning och har psykisk"
                       " ohälsa.",
        "audit_1": "Hen dricker aldrig. AUDIT: 0 0 0 0 0 0 0 0 0 0.",
        "drugs_gate": "Ja, hen röker cannabis. Hen fyllde i formuläret, DUDIT: 4 2 0 0"
                      " 0 0 0 0 0 0 0.",
        "drug_free_contacts": "Nej, hen har inga drogfria vänner men bra kontakt med "
                              "familjen. Inga återfall. Hen funderar på att förändra "
                              "något och har själv sökt hjälp.",
    }, notes=(
        "Hen har försörjningsstöd sedan 12 månader och har inte fått avslag. Inget som "
        "tar slut. Hen har inga skulder och inga hyresskulder. Hen är arbetslös sedan två"
        " år, är inskriven på arbetsförmedlingen, saknar gymnasieutbildning och har "
        "aldrig jobbat. Hen läser sfi och har inget körkort. Hen har inga kontakter på "
        "arbetsmarknaden och vet inte hur man söker jobb. Hen bor inte långt från "
        "jobben.\n\n"
        "Hen är nollplacerad, sjuk utan sjukpenning och har psykisk ohälsa men inga "
        "självmordstankar. Ingen funktionsnedsättning.\n\n"
        "Hen bor som inneboende, ingen risk för vräkning.\n\n"
        "Hen dricker aldrig men röker cannabis. Formulären som hen fyllde i: AUDIT: 0 0 0"
        " 0 0 0 0 0 0 0. DUDIT: 4 2 0 0 0 0 0 0 0 0 0. Hen har inga drogfria vänner men "
        "bra kontakt med familjen. Inga återfall. Hen funderar på att förändra något och "
        "har själv sökt hjälp. Hen har inga barn och har inte utsatts för våld.")),
)
