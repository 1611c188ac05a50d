"""Steering words inside a form: the classifier's pause/cancel/help counts only with the
intent's own words, so an answer is never taken for a pause."""
import pytest

from bot.assessment.steering import is_steering


@pytest.mark.parametrize("intent, text", [
    ("pause", "pausa"), ("pause", "vi tar en paus"), ("pause", "klienten måste gå, vi fortsätter nästa gång"),
    ("cancel", "avbryt"), ("cancel", "vi lägger ner den här bedömningen"), ("ask_help", "hjälp"),
    ("ask_help", "hur gör jag?"), ("goodbye", "hej då"),
])
def test_steering_words_are_recognised(intent, text):
    assert is_steering(intent, text)


@pytest.mark.parametrize("intent, text", [
    ("pause", "varannan vecka ungefär"), ("pause", "nej"), ("cancel", "aldrig"),
    ("ask_help", "ja men inte senaste året"), ("goodbye", "två barn"), ("affirm", "pausa"),
])
def test_answers_are_not_taken_for_steering(intent, text):
    assert not is_steering(intent, text)
