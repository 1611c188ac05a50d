"""Swedish numbers on tokens: digits, words, halves, vague amounts and ranges."""
import pytest

from bot.reading.numbers import numbers, to_number, tokens


@pytest.mark.parametrize("typed, value", [
    ("tjugofem", 25), ("25", 25), ("2,5", 2.5), ("2.5", 2.5), ("ett och ett halvt", 1.5),
    ("två och en halv", 2.5), ("en halv", 0.5), ("ett halvt", 0.5), ("tva", 2), ("atta", 8),
    ("trettiotvå", 32), ("noll", 0), ("hundra", 100), ("TRE", 3),
])
def test_one_number_typed_alone(typed, value):
    assert to_number(typed) == value


@pytest.mark.parametrize("typed", ["några", "ett par", "3-4", "blåbär", "", "tjugofemte"])
def test_no_single_number(typed):
    # Vague amounts and ranges are ranges, not one number; an ordinal is no count.
    assert to_number(typed) is None


@pytest.mark.parametrize("text, low, high", [
    ("ett par glas", 2, 3), ("några shots", 2, 4), ("flera gånger", 2, 6),
    ("3-4 ggr", 3, 4), ("3–4", 3, 4), ("tre till fyra", 3, 4), ("en eller två", 1, 2),
    ("tre fyra glas", 3, 4), ("några få", 2, 3), ("ett fåtal", 2, 4),
])
def test_ranges_and_vague_amounts(text, low, high):
    (n,) = numbers(text)
    assert (n.low, n.high) == (low, high)


@pytest.mark.parametrize("text, values", [
    ("sexpack", []),  # "sex" inside a word is no number
    ("tjugofemte", []),
    ("en sexa", [1]),  # only the article
    ("sex till", [6]),  # "till" without a second number: no range
    ("fem tre", [5, 3]),  # a smaller second number is not the top of a range
    ("2ggr", [2]),  # digits apart from letters
    ("hon är 34 och har två barn", [34, 2]),
    ("ÄR-2026-0007", []),  # a case reference
    ("EB-4711", []),
    ("audit_1", []),  # an identifier
    ("client_sex", []),
    ("tusen tack", []),  # thanks
    ("tusen kronor", [1000]),
    ("mitt i 30-årskrisen, 33", [33]),  # was read as an age of 30
    ("i 40-årsåldern", []),
    ("på 50-talet", []),
    ("3-4 gånger", [3]),  # a range is read as one number from 3
])
def test_numbers_are_whole_tokens(text, values):
    assert [n.low for n in numbers(text)] == values


def test_spans_point_at_the_words():
    text = "han dricker ett och ett halvt glas"
    (n,) = numbers(text)
    assert text[n.start:n.end] == "ett och ett halvt" and n.low == 1.5


def test_a_lone_article_is_marked():
    (n,) = numbers("en bedömning")
    assert n.article and n.low == 1
    (m,) = numbers("tre bedömningar")
    assert not m.article


def test_tokens_fold_diacritics_but_keep_what_was_typed():
    (t,) = tokens("Månader")
    assert (t.text, t.fold) == ("månader", "manader")


@pytest.mark.parametrize("text, found", [
    ("sonen är tretton", "tretton"), ("sjutton år", "sjutton"), ("34 nej", "34"),
    ("tjugofem glas", "tjugofem"),
])
def test_number_pattern_takes_the_whole_number_word(text, found):
    # The longest word first: "tretton" is one number, not "tre" and a rest.
    import re

    from bot.reading.numbers import number_pattern
    m = re.search(rf"(?<![a-z0-9]){number_pattern()}(?![a-z0-9])", text)
    assert m and m.group() == found


def test_number_pattern_can_stop_at_a_childs_age():
    import re

    from bot.reading.numbers import number_pattern
    child = re.compile("^" + number_pattern(19, r"\d{1,2}") + "$")
    assert child.match("sjutton") and child.match("12")
    assert not child.match("tjugo") and not child.match("123")
