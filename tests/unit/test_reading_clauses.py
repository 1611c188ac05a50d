"""Where a message splits into clauses (bot/reading/text.py)."""
import pytest

from bot.reading.text import clauses, continued, split_raw


def test_a_decimal_comma_before_a_unit_is_part_of_the_number():
    assert split_raw("Arbetslös i 1,5 år, inskriven på AF") == ["Arbetslös i 1,5 år", "inskriven på AF"]
    assert split_raw("2.5 glas vin") == ["2.5 glas vin"]


def test_other_commas_and_points_still_split():
    assert split_raw("3,5 och 9") == ["3", "5 och 9"]  # ages typed without a space
    assert split_raw("hon är 30. 5 år sen") == ["hon är 30", "5 år sen"]


def test_a_clause_knows_the_word_that_joined_it():
    # read apart from the rest (a volunteered fact), a clause still follows "men"
    parts = clauses("Han har körkort men det är indraget, och han har betalat av skulden. "
                    "Fast inte allt")
    assert [c.joined_by for c in parts] == ["", "men", "och", "fast"]  # "." before "Fast"
    assert parts[1].said.startswith("det ar indraget")
    assert [c.joined_by for c in clauses("ja, men det är länge sen")] == ["", "men"]
    assert [c.joined_by for c in clauses("ja. hon har barn, två")] == ["", ".", ","]


def test_a_statement_goes_on_over_commas():
    parts = clauses("Ja, fast hennes enda barn, dottern på 16, bor hos henne varannan vecka. Bra.")
    assert continued(parts, 1).said == "hennes enda barn dottern pa 16 bor hos henne varannan vecka"
    assert continued(parts, 1).joined_by == "fast"
    assert continued(parts, 4) is parts[4]


def test_fast_as_a_particle_or_an_adjective_does_not_split():
    assert split_raw("ja hon åkte fast för rattfylla i våras") == ["ja hon åkte fast för rattfylla i våras"]
    assert split_raw("Han är fast anställd som busschaufför") == ["Han är fast anställd som busschaufför"]
    assert split_raw("har fast jobb men lönen räcker inte") == ["har fast jobb", "lönen räcker inte"]
    assert split_raw("sitter fast i skulder") == ["sitter fast i skulder"]
    assert split_raw("håller fast vid det") == ["håller fast vid det"]
    assert [c.said for c in clauses("Fast anställd sedan 2019")] == ["fast anstalld sedan 2019"]
    # "fast" as "although" still joins a clause, and knows it joined it
    assert [(c.said, c.joined_by) for c in clauses("nej, fast hon har ett lån")] == \
        [("nej", ""), ("hon har ett lan", "fast")]
    # the definite form takes -a ("det fasta jobbet"): "fast jobbet …" is "although the job"
    assert [c.joined_by for c in clauses("hon jobbar, fast jobbet är tråkigt")] == ["", "fast"]
    assert [c.said for c in clauses("hon jobbar fast jobbet är tråkigt")] == \
        ["hon jobbar", "jobbet ar trakigt"]


@pytest.mark.parametrize("text, said", [
    # an age set off by commas after a person stays in its clause
    ("Det är sonen, 19, som röker på", ["det ar sonen 19 som roker pa"]),
    ("hennes son, 17, bor hos pappan", ["hennes son 17 bor hos pappan"]),
    # the client's own sex and age, each said on its own, stay apart
    ("Man, 44, nyanländ", ["man", "44", "nyanland"]),
    ("Ung mamma, 23, med en bebis", ["ung mamma", "23", "med en bebis"]),
])
def test_an_age_in_apposition_is_part_of_its_clause(text, said):
    assert [c.said for c in clauses(text)] == said
