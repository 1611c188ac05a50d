"""Drinks to standard glasses (12 g alcohol each), added up over a message."""
import pytest

from bot.reading.drinks import glasses_of, read_glasses


@pytest.mark.parametrize("text, low, high", [
    ("ett glas sprit, typ 20 cl", 5.5, 5.5),  # a glass whose size is said: 20 cl at 40 %
    ("ett glas whisky på 8 cl", 2, 2),
    ("två glas vin och en grogg", 3, 3),  # a grogg is one measure of spirits
    ("tre groggar", 3, 3),
    ("en flaska vin", 6, 6),  # 75 cl at 12 %: 71 g
    ("en vinflaska", 6, 6),
    ("en flaska rött", 6, 6),
    ("en halv flaska vin", 3, 3),
    ("halv flaska vin", 3, 3),
    ("två flaskor vin", 12, 12),
    ("en box vin", 23.5, 23.5),  # 3 l: 284 g
    ("en box", 23.5, 23.5),  # a box is wine
    ("ett glas vin", 1, 1),
    ("tre glas vin", 3, 3),
    ("en öl", 1, 1),  # 33 cl starköl at 5 %: 13 g
    ("fyra starköl", 4, 4),
    ("en burk öl", 1, 1.5),  # 33 or 50 cl, both sold as a "burk": 13-19.7 g
    ("en burk", 1, 1.5),
    ("två stor stark", 3, 3),
    ("tre stora stark", 4.5, 4.5),
    ("sex stora stark", 9, 9),
    ("fyra burkar starköl", 4, 6),
    ("två folköl", 1, 2),  # 33 cl at 2.8-3.5 %: 7.3-9.1 g each
    ("en burk folköl", 0.5, 1),
    ("tre cider", 3, 3),
    ("4 cl sprit", 1, 1),
    ("20 cl vodka", 5.5, 5.5),
    ("en halvflaska sprit", 9, 9),  # 35 cl
    ("sex snapsar", 6, 6),
    ("två shots", 2, 2),
    ("fem glas", 5, 5),  # a glass is a standard glass, as the question says
    ("5-6 glas", 5, 6),
    ("ett par öl", 2, 3),
    ("en sexpack", 6, 9),  # 33 or 50 cl: not said
    ("en sexpack folköl", 3, 6),
    ("fyra öl och några shots", 6, 8),
    ("tre öl och en flaska vin", 9, 9),
    ("två glas vin och en snaps", 3, 3),
    ("en kvarting vodka", 9, 9),  # 35 cl, as the half bottle
    ("en hel flaska vodka", 18.5, 18.5),  # 70 cl
    ("nästan en hel box", 23.5, 23.5),
    ("fyra halvlitrar folköl", 4, 4),  # 50 cl at 2.8-3.5 %: one glass each
    ("han dricker mer än tio öl om dagen", 10, float("inf")),  # at least, not at most
    ("aldrig mer än tre öl", 1, 3),  # a negated comparison: at most
    ("inte fler än två glas", 1, 2),
    ("fyra öl men aldrig sex glas", 4, 4),  # an amount denied is not drunk
])
def test_standard_glasses(text, low, high):
    g = read_glasses(text)
    assert (g.low, g.high) == (low, high)


def test_the_computation_is_twelve_grams_a_glass():
    assert glasses_of(330, 0.05) == 1.0  # 13.0 g
    assert glasses_of(750, 0.12) == 6.0  # 71.0 g
    assert glasses_of(40, 0.40) == 1.0  # 12.6 g
    assert glasses_of(500, 0.052) == 1.5  # 20.5 g
    assert glasses_of(120, 0.12) == 1.0  # 11.4 g, to the nearest half
    assert glasses_of(330, 0.035) == 1.0 and glasses_of(330, 0.028) == 0.5  # folköl


@pytest.mark.parametrize("text", [
    "han dricker öl",  # no count
    "en flaska",  # of what? not guessed
    "dricker vin ibland",
    "sex barn",
    "en stor lägenhet",  # "stor" without "stark"
    "han är 34 år",
    "",
])
def test_no_drinks(text):
    assert read_glasses(text) is None


def test_hedges_and_bounds():
    assert read_glasses("typ fyra öl").hedged
    assert not read_glasses("fyra öl").hedged
    at_most = read_glasses("max tre öl")
    assert (at_most.low, at_most.high) == (1, 3)
    never_more = read_glasses("aldrig mer än tre öl")
    assert (never_more.low, never_more.high) == (1, 3)
    assert read_glasses("minst tio öl").high == float("inf")
    # Words after the drink that open it upwards; "ibland mer" leaves the typical day's.
    assert read_glasses("en flaska rött och lite till").high == float("inf")
    assert read_glasses("fyra öl, eller fler").high == float("inf")
    assert read_glasses("en flaska vin ibland mer").high < float("inf")


@pytest.mark.parametrize("text, per", [
    ("två flaskor vin i veckan", "veckan"), ("en box per månad", "manad"),
    ("sex öl varje helg", "helg"), ("fyra öl varje fredag", None), ("tre öl om dagen", None),
])
def test_a_total_over_a_period_is_marked(text, per):
    assert read_glasses(text).per == per


def test_what_was_counted_is_kept():
    g = read_glasses("Hon drack fyra öl och en halv flaska vin igår")
    assert g.drinks == ("fyra öl", "en halv flaska vin") and (g.low, g.high) == (7, 7)
    assert g.text == "fyra öl och en halv flaska vin"


@pytest.mark.parametrize("text", ["aldrig sex glas på en gång", "inte ens två öl"])
def test_a_denied_amount_is_no_drink(text):
    assert read_glasses(text) is None


@pytest.mark.parametrize("text, low, high", [
    ("en 70:a vodka", 18.5, 18.5),  # 70 cl at 40 %
    ("två 75:or rött", 12, 12),
    ("en 35:a", 9, 9),
])
def test_a_bottle_named_by_its_centilitres(text, low, high):
    glasses = read_glasses(text)
    assert (round(glasses.low, 1), round(glasses.high, 1)) == (low, high)


@pytest.mark.parametrize("text, low, high", [
    ("fyra 50cl starköl", 6, 6),  # four cans, 1.5 standard glasses each
    ("4 st 50 cl starköl", 6, 6),
    ("två 33cl öl", 2, 2),
])
def test_a_count_of_drinks_each_named_by_its_volume(text, low, high):
    # Not the range "fyra–50": the digits are each drink's centilitres.
    g = read_glasses(text)
    assert (round(g.low, 1), round(g.high, 1), g.one_glass_each) == (low, high, False)


@pytest.mark.parametrize("text", ["på pappas 70:a", "han drack mycket på sin 50:a"])
def test_a_birthday_is_no_bottle(text):
    assert read_glasses(text) is None


@pytest.mark.parametrize("text, one_each", [
    ("tre glas", True), ("två öl", True), ("fyra shots", True), ("tre glas vin", True),
    ("två flaskor vin", False), ("tre stora stark", False), ("20 cl vodka", False),
    ("en sexpack", False), ("tre burkar folköl", False), ("två öl och en flaska vin", False),
])
def test_whether_each_drink_is_one_standard_glass(text, one_each):
    # Only then do the numbers said count glasses (an AUDIT item 2 option's "3-4").
    assert read_glasses(text).one_glass_each is one_each


@pytest.mark.parametrize("text, per", [
    ("en box vin på en helg", "helg"),  # the weekend's, not a day's
    ("två flaskor vin under en helg", "helg"),
    ("en box vin i veckan", "veckan"),
    ("en flaska vin", None),
])
def test_a_period_with_its_article_is_not_a_days_drinks(text, per):
    assert read_glasses(text).per == per


@pytest.mark.parametrize("text, per", [
    # how long the drinks last is a period too: a total, not one day's
    ("en box räcker i en vecka", "vecka"),
    ("ett flak öl räcker ungefär en vecka", "vecka"),
    ("en box håller henne i två veckor", "veckor"),
    ("ett flak räcker en helg", "helg"),
    # counter-examples: a day is one occasion, and no period is none
    ("två öl om dagen", None),
    ("en flaska vin, sen går hon och lägger sig", None),
])
def test_how_long_the_drinks_last_is_a_period(text, per):
    assert read_glasses(text).per == per
