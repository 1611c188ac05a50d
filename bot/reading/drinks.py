"""Drinks, in Swedish, counted in standard glasses for AUDIT items 2 and 3: "en halv flaska
vin" is three, "två stor stark" three, "fyra öl och några shots" six to eight.

The standard glass. [Outside the reports – verify] The reports name no unit. Swedish
practice is 12 g of alcohol per standardglas (Folkhälsomyndigheten, Socialstyrelsen's
Metodguiden and the Swedish AUDIT manual, Berman, Wennberg & Källmén 2017; see also
shared/notes/instruments.md part B), and the bank's own question text gives its examples:
33 cl starköl, 12–15 cl vin or 4 cl sprit. Each drink below is computed from its volume
and a typical strength: grams = ml × ABV × 0.789 (the density of ethanol, g/ml), glasses =
grams / 12, rounded to a half glass (a real drink's strength varies by more). Where the
words leave the size or strength open (a "sexpack" of 33 or 50 cl, folköl of 2.8 or
3.5 %), the drink is a range.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.reading.numbers import HEDGES, Token, hedged_before, more_after, number_at, tokens
from bot.reading.text import NEGATION_WORDS, fold

GRAMS_PER_GLASS = 12.0
ETHANOL_G_PER_ML = 0.789
_BEER, _STRONG_BEER, _CIDER, _WINE, _SPIRIT = 0.05, 0.052, 0.045, 0.12, 0.40
_LIGHT_BEER = (0.028, 0.035)  # folköl: most are 2.8-3.5 %


def glasses_of(ml: float, abv: float) -> float:
    """Standard glasses in `ml` of a drink of strength `abv`, to the nearest half."""
    return round(ml * abv * ETHANOL_G_PER_ML / GRAMS_PER_GLASS * 2) / 2


def _glasses(ml: tuple[float, float], abv) -> tuple[float, float]:
    """The range of glasses for a volume range and a strength (or strength range)."""
    low, high = (abv, abv) if isinstance(abv, float) else abv
    return glasses_of(ml[0], low), glasses_of(ml[1], high)


# Drink words (folded) -> (kind, strength, its usual serving in ml, as a low-high range).
# 33 cl starköl at 5 %: 13.0 g = 1 glass; 50 cl ("stor stark"; a "burk" is 33 or 50) at 5.2 %: 20.5 g
# = 1.5; folköl 33 cl at 2.8-3.5 %: 7.3-9.1 g = 0.5-1; cider 33 cl at 4.5 %: 1; a glass
# of wine 12.5 cl at 12 % (a sixth of a bottle): 1; a bottle 75 cl: 71 g = 6; a box 3 l:
# 23.5; 4 cl sprit at 40 %: 12.6 g = 1.
_DRINKS: dict[str, tuple[str, object, tuple[float, float]]] = {}
for _words, _entry in (
    # Not "lager": "jobbar på ett lager" is a warehouse.
    (("ol", "oler", "olen", "bira", "bisse", "pilsner", "starkol", "starkoler",
      "starkolen", "olflaska", "olflaskor"), ("ol", _BEER, (330, 330))),
    (("storstark", "storstarkar", "olburk", "olburkar"), ("ol", _STRONG_BEER, (500, 500))),
    (("folkol", "folkoler", "folkolen", "mellanol", "lattol"), ("ol", _LIGHT_BEER, (330, 330))),
    (("cider", "cidrar", "cidern", "alkolask", "alkolasker", "drink", "drinkar", "drinkarna"),
     ("cider", _CIDER, (330, 330))),
    (("vin", "vinet", "rodvin", "vitvin", "rose", "bubbel", "cava", "prosecco", "champagne",
      "rott", "vitt", "rodtjut"), ("vin", _WINE, (125, 125))),
    (("vinflaska", "vinflaskor", "vinflaskan"), ("vin", _WINE, (750, 750))),
    (("vinbox", "vinboxar", "vinboxen"), ("vin", _WINE, (3000, 3000))),
    (("sprit", "vodka", "whisky", "whiskey", "brannvin", "konjak", "rom", "gin", "tequila",
      "jager", "jagermeister", "punsch", "likor", "hembrant", "hembranning"),
     ("sprit", _SPIRIT, (40, 40))),
    (("snaps", "snapsar", "nubbe", "nubbar", "shot", "shots", "shotar", "shottar", "shotten"),
     ("sprit", _SPIRIT, (40, 40))),
    # A grogg or cocktail is mixed on one measure of spirits, 4 cl (as a standard glass is
    # counted; the reports say nothing of drinks): one standard glass each.
    (("grogg", "groggar", "groggen", "groggarna", "cocktail", "cocktails", "cocktailar"),
     ("sprit", _SPIRIT, (40, 40))),
    (("glas", "glasen", "standardglas", "enheter", "enhet"), ("glas", 0.0, (0, 0))),
):
    for _w in _words:
        _DRINKS[_w] = _entry
def drink_words() -> frozenset[str]:
    """The drink words, folded ("öl", "vin", "vodka"), not "glas"."""
    return frozenset(w for w, entry in _DRINKS.items() if entry[0] != "glas")


# Containers (folded) -> ml by kind of drink; "default" when the drink is not named.
_CONTAINERS: dict[str, dict[str, tuple[float, float]]] = {
    "flaska": {"vin": (750, 750), "sprit": (700, 700), "ol": (330, 330), "cider": (330, 330)},
    "halvflaska": {"vin": (375, 375), "sprit": (350, 350), "ol": (330, 330)},
    "box": {"vin": (3000, 3000)},
    "burk": {"ol": (330, 500), "cider": (330, 330)},  # a can of beer: 33 or 50 cl, both sold
    "sexpack": {"ol": (330, 500), "cider": (330, 330)},  # six of them
    "flak": {"ol": (330, 500)},  # 24 of them
    "kvarting": {"sprit": (350, 350)},  # a 35 cl bottle of spirits
    "halvliter": {"ol": (500, 500), "cider": (500, 500)},
    "liter": {"vin": (1000, 1000), "ol": (1000, 1000), "sprit": (1000, 1000),
              "cider": (1000, 1000)},
}
_CONTAINER_FORMS = {
    "flaska": ("flaska", "flaskor", "flaskan", "flaskorna", "butelj", "buteljer", "pava",
               "pavor"),
    "halvflaska": ("halvflaska", "halvflaskor", "halvis", "halvan"),
    "box": ("box", "boxar", "boxen", "bag", "bib"),
    "burk": ("burk", "burkar", "burken", "burkarna", "stor", "stora"),
    "sexpack": ("sexpack", "sexpackar", "sexpacket", "sixpack", "sexa"),
    "flak": ("flak", "flaket"),
    "kvarting": ("kvarting", "kvartingar", "kvartingen"),
    "halvliter": ("halvliter", "halvlitrar", "halvlitern", "halvlitrarna"),
    "liter": ("liter", "l"),
}
_CONTAINER_OF = {form: name for name, forms in _CONTAINER_FORMS.items() for form in forms}
_VOLUME_UNITS = {"cl": 10, "centiliter": 10, "dl": 100, "deciliter": 100, "ml": 1}
_LINKS = {"av", "med"}
_AT_MOST = {"max", "hogst", "maximalt"}
_AT_LEAST = {"minst", "atminstone", "over"}
# What a container holds when the drink is not named: "en box" is wine, "en burk" or "en
# sexpack" beer; "en flaska" or "en liter" of what is not guessed.
_DEFAULT_KIND = {"box": "vin", "burk": "ol", "sexpack": "ol", "flak": "ol", "kvarting": "sprit",
                 "halvliter": "ol"}
# Between a count and its container: "en hel flaska vodka", "nästan en hel box".
_WHOLE = {"hel", "hela", "helt"}
_PACK = {"sexpack": 6, "flak": 24}


@dataclass(frozen=True)
class Glasses:
    low: float
    high: float
    text: str
    hedged: bool = False
    drinks: tuple[str, ...] = ()  # what was counted, as typed
    # "två flaskor vin i veckan": the drinks are a total over a week (or month, year,
    # weekend), not one drinking day; None when no such period follows.
    per: str | None = None
    # Every drink counted is one standard glass ("tre glas", "två öl", "fyra shots"), so
    # the numbers said count glasses; False for "två flaskor vin", "tre stora stark",
    # "20 cl vodka", where a number in the message is not the glasses.
    one_glass_each: bool = True


# After the drinks, these make them a total over a period longer than one occasion.
_PERIOD_AFTER = {"i", "per", "om", "/", "varje", "pa", "under", "en", "varannan"}
_LONG_PERIODS = {
    "vecka", "veckan", "veckor", "v", "manad", "manaden", "mnd", "helg", "helgen", "helger",
    "helgerna", "ar", "aret",
}


# Between the drinks and their period: "ett flak räcker ungefär en vecka", "en box håller
# henne i två veckor", "en flaska brukar gå åt på en helg".
_LASTS = {"racker", "raecker", "haller", "holl", "varar", "gar", "gick", "at", "brukar",
          "ungefar", "typ", "ca", "cirka", "runt", "nastan", "kanske", "oftast", "henne",
          "honom", "hen", "dem", "till", "hela", "tva", "tre", "en", "ett", "par"}


def _period_after(toks: list[Token], i: int) -> str | None:
    """ "i veckan", "per månad", "varje helg" at toks[i] (a weekday is one occasion), also
    after a verb of lasting ("räcker en vecka", "håller i två veckor")."""
    j = i
    while j < len(toks) and j - i < 5 and toks[j].fold in _LASTS | {"i", "pa", "under", "per"}:
        j += 1
    if j > i and j < len(toks) and toks[j].fold in _LONG_PERIODS - {"ar", "aret"}:
        return toks[j].fold  # "räcker två veckor", "håller henne i två veckor"
    if i + 1 < len(toks) and toks[i].fold in _PERIOD_AFTER and toks[i + 1].fold in _LONG_PERIODS:
        if toks[i + 1].fold in ("ar", "aret") and toks[i + 1].text not in ("år", "året", "ar"):
            return None  # "är", not "år"
        return toks[i + 1].fold
    if i + 2 < len(toks) and toks[i].fold in _PERIOD_AFTER and toks[i + 1].fold in ("en", "ett") \
            and toks[i + 2].fold in _LONG_PERIODS - {"ar", "aret"}:
        return toks[i + 2].fold  # "en box vin på en helg": the weekend's, not a day's
    return None


def _drink_after(toks: list[Token], j: int) -> tuple[str, float, tuple[float, float], int] | None:
    """A drink word at toks[j] (after "av", "med", "vin" as in "flaska rött"): kind, abv,
    serving and the index after it."""
    k = j
    while k < len(toks) and toks[k].fold in _LINKS and toks[k].fold not in _DRINKS:
        k += 1
    if k < len(toks) and toks[k].fold in _DRINKS:
        kind, abv, serving = _DRINKS[toks[k].fold]
        # "stor stark": "stark" after "stor" is the drink, a 50 cl beer.
        return kind, abv, serving, k + 1
    if k < len(toks) and toks[k].fold in ("stark", "starka") and k > j:
        return "ol", _STRONG_BEER, (500, 500), k + 1
    return None


# A bottle named by its centilitres: "en 70:a vodka", "två 75:or", "en 35:a".
# Not "50": "sin 50:a" is a birthday. A size without a count before it ("pappas 70:a")
# is read only with the drink named after it.
_BOTTLE_SIZES = {"35": "sprit", "37": "vin", "70": "sprit", "75": "vin"}


def _bottle_by_size(toks: list[Token], i: int):
    """ "en 70:a vodka" at toks[i] (the count word): ((low, high) glasses, index after,
    False: a bottle is never one glass)."""
    j = i + 1 if i + 1 < len(toks) and toks[i + 1].text in _BOTTLE_SIZES else i
    if j + 1 >= len(toks) or toks[j].text not in _BOTTLE_SIZES or \
            toks[j + 1].fold not in ("a", "or", "orna", "an"):
        return None
    n = number_at(toks[i:i + 1], 0) if j > i else None  # "två" in "två 75:or"
    if j > i and n is None:
        return None
    count = (n.low, n.high) if n is not None else (1.0, 1.0)
    drink = _drink_after(toks, j + 2)
    if drink is None and j == i:
        return None
    kind = drink[0] if drink else _BOTTLE_SIZES[toks[j].text]
    if kind not in ("vin", "sprit"):
        return None
    abv = drink[1] if drink else {"vin": _WINE, "sprit": _SPIRIT}[kind]
    units = _glasses((int(toks[j].text) * 10.0,) * 2, abv)
    return (count[0] * units[0], count[1] * units[1]), drink[3] if drink else j + 2, False


def _count_of_volumes(toks: list[Token], i: int):
    """ "fyra 50cl starköl", "4 st 33 cl öl" at toks[i]: a count, then each drink's volume
    (not the range "fyra till femtio")."""
    n = number_at(toks[i:i + 1], 0)
    if n is None:
        return None
    j = i + 1 + (i + 1 < len(toks) and toks[i + 1].fold in ("st", "stycken"))
    if j + 1 >= len(toks) or not toks[j].text.isdigit() or toks[j + 1].fold not in _VOLUME_UNITS:
        return None
    drink = _drink_after(toks, j + 2)
    if drink is None:
        return None
    each = _glasses((int(toks[j].text) * float(_VOLUME_UNITS[toks[j + 1].fold]),) * 2, drink[1])
    return (n.low * each[0], n.high * each[1]), drink[3], False


def _size_after(toks: list[Token], i: int) -> tuple[float, int] | None:
    """ ", typ 20 cl" at toks[i], after a drink: the size of each, in ml, and the index after."""
    k = i + (i < len(toks) and toks[i].fold in (",", "pa"))
    k += k < len(toks) and toks[k].fold in HEDGES
    if k + 1 < len(toks) and toks[k].text.isdigit() and toks[k + 1].fold in _VOLUME_UNITS:
        return int(toks[k].text) * float(_VOLUME_UNITS[toks[k + 1].fold]), k + 2
    return None


def _one_drink(toks: list[Token], i: int):
    """A count and a drink at toks[i]: ((low, high) glasses, index after, whether each
    drink is one standard glass) or None."""
    bottle = _bottle_by_size(toks, i) or _count_of_volumes(toks, i)
    if bottle is not None:
        return bottle
    n = number_at(toks, i)
    if n is not None:
        low_count, high_count, j = n.low, n.high, n.last
        before = number_at(toks[i - 2:i - 1], 0) if i >= 2 and toks[i - 1].fold == "," else None
        if before is not None and before.low == low_count - 1:
            low_count = before.low  # "två, tre glas": a range typed with a comma
    elif toks[i].fold in ("halv", "halva", "halvt"):
        low_count = high_count = 0.5
        j = i + 1
    else:
        return None
    if j + 1 < len(toks) and toks[j].fold in ("st", "stycken", "styck", "stk"):
        j += 1  # "4 st stor stark": the count's unit, then the drink
    if j + 1 < len(toks) and toks[j].fold in _WHOLE and toks[j + 1].fold in _CONTAINER_OF:
        j += 1
    if j >= len(toks):
        return None
    ml = None
    t = toks[j]
    if t.fold in _VOLUME_UNITS:  # "4 cl sprit", "50 cl öl": the number is the volume
        drink = _drink_after(toks, j + 1)
        if drink is None:
            return None
        volume = low_count * _VOLUME_UNITS[t.fold], high_count * _VOLUME_UNITS[t.fold]
        kind, abv, _, end = drink
        return (_glasses(volume, abv), end, False)
    container = _CONTAINER_OF.get(t.fold)
    if container == "burk" and t.fold in ("stor", "stora"):
        # "stor stark", "två stora stark": a 50 cl beer; "en stor" alone is not a drink.
        if j + 1 < len(toks) and toks[j + 1].fold in ("stark", "starka", "starkol", "ol"):
            unit = glasses_of(500, _STRONG_BEER)
            return ((low_count * unit, high_count * unit), j + 2, unit == 1.0)
        return None
    if container == "box" and t.fold == "bag":
        return None  # "bag in box" is read at "box"
    if container is not None:
        drink = _drink_after(toks, j + 1)
        kind = drink[0] if drink else _DEFAULT_KIND.get(container)
        sizes = _CONTAINERS[container]
        if kind not in sizes:
            return None  # "en flaska" of what, "en box glas": not guessed
        ml = sizes[kind]
        abv = drink[1] if drink else {"vin": _WINE, "ol": _BEER, "sprit": _SPIRIT}[kind]
        end = drink[3] if drink else j + 1
        pack = _PACK.get(container, 1)
        units = _glasses(ml, abv)
        return ((low_count * pack * units[0], high_count * pack * units[1]), end,
                pack * units[0] == pack * units[1] == 1.0)
    if t.fold == "glas" or t.fold in _DRINKS:
        kind, abv, serving, end = _DRINKS[t.fold][0], _DRINKS[t.fold][1], _DRINKS[t.fold][2], j + 1
        if kind == "glas":
            # "fem glas", "två glas vin": a glass is a standard glass (the question says so),
            # unless its size is said: "ett glas sprit, typ 20 cl" is 20 cl of spirits.
            after = _drink_after(toks, j + 1)
            if after is not None and after[0] != "glas":
                end = after[3]
                sized = _size_after(toks, end)
                if sized is not None:
                    ml, end = sized
                    units = _glasses((ml, ml), after[1])
                    return ((low_count * units[0], high_count * units[1]), end, False)
            return ((low_count * 1.0, high_count * 1.0), end, True)
        units = _glasses(serving, abv)
        return ((low_count * units[0], high_count * units[1]), end, units == (1.0, 1.0))
    return None


def read_glasses(text: str) -> Glasses | None:
    """All drinks in the text added up, as a range of standard glasses; None if none."""
    toks = tokens(text)
    low = high = 0.0
    counted: list[str] = []
    first = last = None
    hedged = at_most = at_least = False
    one_each = True
    per = None
    i = 0
    while i < len(toks):
        found = _one_drink(toks, i)
        if found is None:
            i += 1
            continue
        (lo, hi), end, each = found
        before = {t.fold for t in toks[max(0, i - 3):i]}
        if _denied(toks, i) or _of_before(text, toks[i].start):
            # "aldrig sex glas", "inte fem öl": an amount not drunk; "förut drack hon bara
            # ett glas": an amount of before, not of now
            i = end
            continue
        hedged = hedged or hedged_before(toks, i)
        bound = _compared(toks, i)
        at_most = at_most or bool(before & _AT_MOST) or bound == "most"
        at_least = at_least or bool(before & _AT_LEAST) or bound == "least"
        low, high = low + lo, high + hi
        one_each = one_each and each
        counted.append(text[toks[i].start:toks[end - 1].end])
        first = toks[i].start if first is None else first
        last = toks[end - 1].end
        per = per or _period_after(toks, end)
        at_least = at_least or bool(more_after(toks, end))  # "en flaska och lite till"
        i = end
    if not counted:
        return None
    if at_most:
        low = min(low, 1.0)  # "max tre öl", "aldrig mer än tre": a drinking day holds one
    if at_least:
        high = float("inf")
    return Glasses(low, high, text[first:last], hedged, tuple(counted), per, one_each)


def drinks_of_before(text: str) -> bool:
    """A drink said, and every drink in a sentence of before ("Förut drack hon ett glas"):
    no amount of now is said, whatever the option's words ("ett glas")."""
    toks = tokens(text)
    starts = [toks[i].start for i in range(len(toks)) if _one_drink(toks, i) is not None]
    return bool(starts) and all(_of_before(text, at) for at in starts)


_BEFORE = frozenset(("forut", "forr", "tidigare"))
_SENTENCE_END = re.compile(r"[.;!?]")


def _of_before(text: str, at: int) -> bool:
    """A word of before earlier in the drink's sentence: "Förut drack hon ett glas"."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    return bool(_BEFORE & set(fold(text[ends[-1] if ends else 0:at]).split()))


def _compared(toks: list[Token], i: int) -> str | None:
    """ "mer än tio öl" is at least ten ("least"); "aldrig mer än tre", "inte fler än två"
    at most ("most"); None when the drink is not compared."""
    if not (_said(toks, i, ("mer", "an")) or _said(toks, i, ("fler", "an"))):
        return None
    return "most" if i >= 3 and toks[i - 3].fold in NEGATION_WORDS else "least"


def _denied(toks: list[Token], i: int) -> bool:
    """A negation just before the drink ("aldrig sex glas", "inte ens två öl"), not one
    that bounds it ("aldrig mer än tre")."""
    return _compared(toks, i) is None and \
        any(t.fold in NEGATION_WORDS for t in toks[max(0, i - 2):i])


def _said(toks: list[Token], i: int, words: tuple[str, ...]) -> bool:
    return tuple(t.fold for t in toks[max(0, i - len(words)):i]) == words
