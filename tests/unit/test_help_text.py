"""utter_help names the areas of the assessment; the question bank owns them. Rasa's
responses carry literal text, so domain.yml repeats the bank's names, and this test fails
as soon as an area is renamed, added or removed in data/questions/ without the help."""
from __future__ import annotations

import yaml

from bot.assessment.question_bank import Module, areas_in_words, load_bank
from bot.settings import PROJECT_ROOT


def _help_texts() -> list[str]:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    return [variant["text"] for variant in domain["responses"]["utter_help"]]


def test_the_help_lists_the_areas_of_the_question_bank():
    areas = areas_in_words(load_bank())
    for text in _help_texts():
        assert f"behovsbedömning av en klient: {areas}. " in text, (
            f"utter_help in domain.yml should list the bank's areas: {areas}")


def test_the_introduction_is_no_area_and_an_instrument_is_named_beside_its_area():
    modules = (Module("inledning", "Inledning", 0, "", None),
               Module("ekonomi", "Försörjning och ekonomi", 1, "", None),
               Module("alkohol", "Alkohol", 5, "", "audit"),
               Module("barn", "Barn i hushållet", 8, "", None))
    assert areas_in_words(modules) == (
        "försörjning och ekonomi, alkohol (AUDIT) samt barn i hushållet")
