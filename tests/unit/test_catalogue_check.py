"""`catalogue check` reads meaning where it can: a quote must be a whole clause at its lines
and a label one of the reports' own for its entry (issue 19). Each test feeds it one broken
entry and sees it fail, and the real catalogue pass."""
import copy

import pytest

from bot.assessment.question_bank import load_bank, load_factors
from bot.catalogue.catalogue import CATALOGUE_DIR, load_raw
from bot.catalogue.check import SEEDS_DIR, load_reviewed, quote_is_whole_clause
from bot.catalogue.check import check_catalogue as _check_catalogue
from bot.catalogue.needs import load_needs

FACTORS = load_factors()
RAW = load_raw(CATALOGUE_DIR)
REVIEWED = load_reviewed()
QUESTIONS = {q.id: q for m in load_bank() for q in m.questions}


def check_catalogue(raw, factors, seeds_dir, offer, *, reviewed):
    """As `run_check` calls it: with the questions and needs the fit conditions name."""
    return _check_catalogue(raw, factors, seeds_dir, offer, QUESTIONS, load_needs(),
                            reviewed=reviewed)


def _with(entry_id: str, **evidence) -> list[tuple[str, dict]]:
    raw = copy.deepcopy(RAW)
    entry = next(r for _, r in raw if r["id"] == entry_id)
    entry["evidence"].update(evidence)
    return raw


def test_the_catalogue_passes_with_its_reviewed_labels_and_citations():
    assert check_catalogue(RAW, FACTORS, SEEDS_DIR, None, reviewed=REVIEWED) == []
    assert len(REVIEWED["citations"]) >= 20
    assert all(item["says"].strip() and "\n" not in item["says"] for item in REVIEWED["citations"])


@pytest.mark.parametrize("entry_id, cut", [
    # The three cuts the review found: each drops words that change the meaning.
    ("eb-gron-rehab", "Grön rehab med någon jämförelsegrupp vilket gör det svårt att avgöra hur effektiv"),
    ("mb-parterapi", "positiv effekt på substansanvändande, på konsekvenser till följd av ett missbruk"),
    ("eb-subventionerade-anstallningar", "subventionerade anställningar visar blandade resultat"),
])
def test_a_quote_cut_inside_a_clause_fails(entry_id, cut):
    problems = check_catalogue(_with(entry_id, quote=cut), FACTORS, SEEDS_DIR, None, reviewed=REVIEWED)
    assert any(entry_id in p and "avklippt mitt i en sats" in p for p in problems), problems


def test_whole_clauses_and_headings_pass():
    ref = "001_e4253ebe19a12dcc.txt:10356-10366"
    assert quote_is_whole_clause("Forskning visar att parterapi har måttlig positiv effekt på "
                                 "substansanvändande, på konsekvenser till följd av ett missbruk "
                                 "och på nöjdhet i parrelationen", ref)
    assert quote_is_whole_clause("Lärande exempel 1 Respons alkoholrådgivning och "
                                 "behandlingsgruppen i Göteborgs stad",
                                 "001_e4253ebe19a12dcc.txt:9717-9717")


def test_a_foreign_label_fails_even_when_it_is_a_known_label():
    # "evidensbaserad effektiv" is the reports' label for IPS and Bostad först, not for
    # Grön rehab: the old prefix check let any known label through.
    problems = check_catalogue(_with("eb-gron-rehab", label="evidensbaserad effektiv"),
                               FACTORS, SEEDS_DIR, None, reviewed=REVIEWED)
    assert any("eb-gron-rehab" in p and "inte rapporternas" in p for p in problems), problems


def test_an_entry_without_a_reviewed_label_fails():
    reviewed = copy.deepcopy(REVIEWED)
    del reviewed["labels"]["eb-ips"]
    problems = check_catalogue(RAW, FACTORS, SEEDS_DIR, None, reviewed=reviewed)
    assert problems == ["eb-ips: etiketten är inte granskad mot rapporterna (reviewed.yml)"]


def test_a_reviewed_citation_needs_existing_lines_and_its_one_line():
    reviewed = copy.deepcopy(REVIEWED)
    reviewed["citations"] += [{"ref": "001_e4253ebe19a12dcc.txt:99999-99999", "says": "x"},
                              {"ref": "001_e4253ebe19a12dcc.txt:6723-6731", "says": ""}]
    problems = check_catalogue(RAW, FACTORS, SEEDS_DIR, None, reviewed=reviewed)
    assert len(problems) == 2 and "finns inte" in problems[0] and "en rad" in problems[1]
