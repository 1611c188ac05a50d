"""Fit conditions (bot/catalogue/fit.py), the client's own words (bot/catalogue/needs.py)
and the catalogue check of both: pure functions with their own tests."""
import pytest

from bot.assessment.question_bank import load_bank, load_factors
from bot.catalogue.catalogue import load_catalogue, load_raw
from bot.catalogue.check import check_catalogue
from bot.catalogue.fit import met, parse_condition, unmet
from bot.catalogue.matching import match
from bot.catalogue.needs import load_needs, stated_needs
from bot.profile.build import build_profile

BANK, FACTORS, CATALOGUE, NEEDS = load_bank(), load_factors(), load_catalogue(), load_needs()
QUESTIONS = {q.id: q for m in BANK for q in m.questions}
SOURCE = "001_e4253ebe19a12dcc.txt:6056-6058"


def cond(**raw):
    return parse_condition({"source": SOURCE, "why": "för …", **raw})


@pytest.mark.parametrize("raw, factors, answers, expected", [
    ({"factor": "homeless"}, {"homeless"}, {}, True),
    ({"factor": "homeless"}, set(), {}, False),
    ({"any_factor": ["risky_drinking", "relapse"]}, {"relapse"}, {}, True),
    ({"any_factor": ["risky_drinking", "relapse"]}, {"debts"}, {}, False),
    ({"no_factor": "homeless"}, {"debts"}, {}, True),
    ({"no_factor": "homeless"}, {"homeless"}, {}, False),
    ({"question": "children_ages", "is": {"max": 1}}, set(), {"children_ages": [4, 0]}, True),
    ({"question": "children_ages", "is": {"max": 1}}, set(), {"children_ages": [4, 7]}, False),
    ({"question": "children_ages", "is": {"max": 1}}, set(), {}, False),  # not asked: unknown
    ({"question": "housing", "is_not": ["bostadslos"]}, set(), {"housing": "andrahand"}, True),
    ({"question": "housing", "is_not": ["bostadslos"]}, set(), {}, False),
    ({"unasked": "en partner i hushållet"}, {"risky_drinking"}, {"seen_alone": False}, False),
    ({"organisation": "enhetschefernas genomgång"}, {"eviction_risk"}, {}, False),
])
def test_conditions(raw, factors, answers, expected):
    assert met(cond(**raw), factors, answers) is expected


def test_a_condition_of_no_known_form_is_refused_in_swedish():
    with pytest.raises(ValueError, match="okänt villkor"):
        parse_condition({"partner": True})
    with pytest.raises(ValueError, match="antingen is eller is_not"):
        parse_condition({"question": "housing"})


def test_an_entry_whose_conditions_are_not_met_is_never_suggested():
    # IPS is for people with a psychiatric disability (001:6056-6058), not unemployment alone.
    unemployed = {"employment_status": "arbetslos", "unemployment_months": 24}
    ids = [s.intervention.id for s in match(CATALOGUE, build_profile(BANK, unemployed, FACTORS),
                                            None, unemployed)]
    assert "eb-ips" not in ids and "eb-stockholmsjobb" not in ids and "eb-osa" not in ids
    with_diagnosis = {**unemployed, "health_gate": True, "mental_ill_health": True}
    ids = [s.intervention.id for s in match(CATALOGUE, build_profile(BANK, with_diagnosis, FACTORS),
                                            None, with_diagnosis)]
    assert "eb-ips" in ids
    ips = next(e for e in CATALOGUE if e.id == "eb-ips")
    assert unmet(ips.fit, set(), {}) == list(ips.fit)


def test_every_named_entry_of_the_issue_has_its_fit_condition():
    by_id = {e.id: e for e in CATALOGUE}
    for entry_id in ("eb-ips", "eb-stockholmsjobb", "eb-osa", "eb-bostad-forst", "mb-parterapi",
                     "mb-anhorigstod", "mb-boendestod-behalla-boende"):
        assert by_id[entry_id].fit, entry_id
        assert all(c.source and c.why for c in by_id[entry_id].fit), entry_id


@pytest.mark.parametrize("text, expected", [
    ("Hon vill ha hjälp med skulderna och ett eget boende", {"skulder": "skulderna", "boende": "boende"}),
    ("behålla lägenheten och jobbet", {"boende": "lägenheten", "arbete": "jobbet"}),
    ("vill inte prata om jobbet men behöver pengar till hyran", {"skulder": "pengar", "boende": "hyran"}),
    ("stöd som förälder", {"anhorig": "som förälder"}),
    ("lång väntan", {}),  # "lån" is a stem only as "lånet"/"lånen": "lång" is no loan
    ("", {}),
])
def test_the_clients_own_words(text, expected):
    assert stated_needs(text, NEEDS) == expected


def test_the_clients_own_words_come_before_what_the_assessment_alone_found():
    base = {"economy_gate": True, "debts": True, "housing": "eget_kontrakt", "eviction_risk": False,
            "employment_status": "arbetslos", "unemployment_months": 3}
    profile = build_profile(BANK, base, FACTORS)
    for words, need in (("hjälp med skulderna", "skulder"), ("ett jobb", "arbete")):
        first = match(CATALOGUE, profile, None, {**base, "own_needs": words})[0]
        assert first.placement.need == need and first.placement.own_words, words
        assert "klientens egna ord" in first.one_line()


def test_five_shown_cover_distinct_needs_before_a_second_for_the_same_need():
    answers = {"economy_gate": True, "debts": True, "kronofogden": True, "debts_growing": True,
               "employment_status": "arbetslos", "unemployment_months": 30,
               "upper_secondary": False, "swedish_language": "sfi"}
    ranked = match(CATALOGUE, build_profile(BANK, answers, FACTORS), None, answers)
    top = [s.placement.need for s in ranked[:5]]
    distinct = {s.placement.need for s in ranked}
    assert len(set(top[:len(distinct)])) == min(len(distinct), 5)
    assert "ännu ett förslag" not in ranked[0].one_line()


def test_warning_signs_come_first():
    answers = {"economy_gate": True, "rent_arrears": True, "housing": "eget_kontrakt",
               "eviction_risk": True, "employment_status": "arbetslos", "unemployment_months": 30}
    first = match(CATALOGUE, build_profile(BANK, answers, FACTORS), None, answers)[0]
    assert "Risk för vräkning" in first.placement.warnings
    assert "varningssignal (risk för vräkning)" in first.one_line()


def test_the_check_refuses_conditions_on_unknown_factors_or_questions_and_unknown_needs():
    raw = [(f, dict(r)) for f, r in load_raw()]
    file, entry = next((f, r) for f, r in raw if r["id"] == "eb-ips")
    entry["fit"] = [{"factor": "partner", "source": SOURCE, "why": "x"},
                    {"question": "partner_at_home", "is": True, "source": SOURCE, "why": "x"},
                    {"unasked": "en partner", "source": "001_e4253ebe19a12dcc.txt:99999999", "why": "x"},
                    {"factor": "homeless", "source": SOURCE}]
    entry["needs"] = ["kärlek"]
    problems = " | ".join(check_catalogue(raw, FACTORS, questions=QUESTIONS, needs=NEEDS))
    assert "faktorn 'partner', som inte finns" in problems
    assert "frågan 'partner_at_home', som inte finns" in problems
    assert "villkorets källa: raderna" in problems
    assert "saknar why" in problems
    assert "behovet 'kärlek' finns inte" in problems
    clean = [(f, dict(r)) for f, r in load_raw()]
    assert check_catalogue(clean, FACTORS, questions=QUESTIONS, needs=NEEDS) == []
