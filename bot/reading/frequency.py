"""How often, in Swedish: "varje fredag", "3-4 ggr i veckan", "på helgerna", "till jul och
midsommar", "typ varannan vecka", "sällan", "aldrig", "inte längre", as a range of
occasions per month with a flag for hedges ("typ", "kanske", "ungefär").

Read on tokens, never substrings: "fredag" is a weekday, not a "dag". Each reading is a
range, so that what the words leave open stays open: "varje helg" is one or two occasions
a weekend, "ett par gånger i månaden" two or three. `bot.reading.scale` places a range on
an instrument's options. Pure and cheap: one pass over the tokens, table look-ups.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from bot.reading.numbers import (
    MORE_AFTER,
    ORDINALS,
    SOMETIMES_MORE,
    Token,
    fold,
    hedged_before,
    more_after,
    number_at,
    tokens,
    words_at,
)
from bot.reading.text import CONJUNCTION_FAST, NEGATION_WORDS, words_pattern

DAYS_PER_MONTH = 365.25 / 12  # 30.44
WEEKS_PER_MONTH = DAYS_PER_MONTH / 7  # 4.35
NEVER_AGAIN = float("inf")

# A period noun in any form, folded: its name as said and how many there are in a month.
_PERIOD_FORMS = {
    "dag": ("dag", "dagen", "dagar", "dagarna", "dygn", "dygnet"),
    "kväll": ("kvall", "kvallen", "kvallar", "kvallarna"),
    "morgon": ("morgon", "morgonen", "morgnar", "morgnarna", "morron", "morronen"),
    "natt": ("natt", "natten", "natter", "natterna"),
    "vecka": ("vecka", "veckan", "veckor", "veckorna", "v"),
    "helg": ("helg", "helgen", "helger", "helgerna", "veckoslut", "veckoslutet", "veckosluten"),
    "månad": ("manad", "manaden", "manader", "manaderna", "mand", "mnd"),
    "kvartal": ("kvartal", "kvartalet", "kvartalen"),
    "halvår": ("halvar", "halvaret", "halvaren"),
}
_PER_MONTH = {"dag": DAYS_PER_MONTH, "kväll": DAYS_PER_MONTH, "morgon": DAYS_PER_MONTH,
              "natt": DAYS_PER_MONTH, "vecka": WEEKS_PER_MONTH, "helg": WEEKS_PER_MONTH,
              "månad": 1.0, "kvartal": 1 / 3, "halvår": 1 / 6, "år": 1 / 12}
# The unit a period is counted in for callers that want "2 per vecka" (Rasa entities).
_AS_UNIT = {"dag": "dag", "kväll": "dag", "morgon": "dag", "natt": "dag", "vecka": "vecka",
            "helg": "vecka", "månad": "månad", "kvartal": "år", "halvår": "år", "år": "år"}
# How many of a period go to the unit above: "en gång i kvartalet" is four a year.
_IN_UNIT = {"kvartal": 4, "halvår": 2}
_PERIODS = {form: name for name, forms in _PERIOD_FORMS.items() for form in forms}
# "år" folds to "ar" like "är" does ("han är 34"): the year is read from the typed form.
_YEAR_FORMS = {"år", "året", "åren", "ar", "aret", "aren"}
_WEEKDAYS = ("mandag", "tisdag", "onsdag", "torsdag", "fredag", "lordag", "sondag")
_WEEKDAY_OF = {day + ending: index for index, day in enumerate(_WEEKDAYS)
               for ending in ("", "en", "ar", "arna")}
_WORKDAYS = {"vardag", "vardagar", "vardagarna", "vardagarne"}
# A weekend is one or two drinking occasions (Friday, Saturday): not said, so left open.
_PER_WEEKEND = (1.0, 2.0)

_TIMES = {"gang", "ganger", "ggr", "gg", "g", "gangen", "ggn"}
_PER = {"i", "per", "om", "/", "pa", "varje", "a", "en"}
_EVERY = {"varje", "var", "varenda", "vart", "vare"}
_EVERY_OTHER = {"varannan", "vartannat", "varannat"}
_ORDINALS = {word: n for word, n in ORDINALS.items() if n > 1}  # "var tredje dag"
_ADVERBS = {"dagligen": "dag", "dagligdags": "dag", "veckovis": "vecka", "manadsvis": "månad",
            "manatligen": "månad", "arligen": "år"}
# "sällan" and its kin: less than monthly, as the scales' "sällan" synonyms already say.
_RARELY = (0.05, 0.9)
_HOLIDAYS = {
    "jul", "julen", "julafton", "nyar", "nyaret", "nyarsafton", "pask", "pasken",
    "paskafton", "midsommar", "midsommarafton", "valborg", "valborgsmassoafton", "lucia",
    "kraftskiva", "kraftskivan", "kraftskivor", "nationaldagen",
}
_HOLIDAYS_GENERAL = {"hogtider", "hogtiderna", "storhelger", "storhelgerna", "helgdagar",
                     "helgdagarna", "rodadagar"}
_HOLIDAY_PREPOSITIONS = {"till", "pa", "vid", "under", "over", "runt", "kring", "om", "varje",
                         "efter", "infor"}
_LIST = {"och", "samt", ",", "eller", "&", "+"}
_WEEKEND_WORDS = {"helgen", "helgerna", "helger", "helg"}

_AT_LEAST = {("minst",), ("atminstone",), ("mer", "an"), ("fler", "an"), ("oftare", "an"),
             ("over",)}
_AT_MOST = {("hogst",), ("max",), ("maximalt",), ("som", "mest"), ("under",),
            ("mindre", "an"), ("farre", "an"), ("inte", "mer", "an"), ("inte", "fler", "an"),
            ("inte", "oftare", "an"), ("aldrig", "mer", "an"), ("upp", "till")}
_RARER_THAN = {("mer", "sallan", "an"), ("mindre", "ofta", "an"), ("sallan", "an")}
_OR_MORE = MORE_AFTER | SOMETIMES_MORE | {("eller", "oftare")}
_OR_LESS = {("eller", "mer", "sallan"), ("eller", "mindre"), ("eller", "farre"),
            ("eller", "sallan"), ("eller", "mindre", "ofta")}
_OR_EITHER = frozenset(_OR_MORE | _OR_LESS)
_BOUNDS_LONGEST_FIRST = sorted(_AT_LEAST | _AT_MOST | _RARER_THAN, key=len, reverse=True)
# The house's negation words (bot/reading/text.py), and "knappast" ("knappast varje dag").
_NEGATION = words_pattern((*NEGATION_WORDS, "knappast"))
_CLAUSE_END = re.compile(rf"[,.;:!?]|(?<![a-z0-9])(men|och|{CONJUNCTION_FAST}|utan|samt)(?![a-z0-9])")


@dataclass(frozen=True)
class Frequency:
    low: float  # occasions per month
    high: float  # NEVER_AGAIN for "minst …", "eller oftare"
    start: int
    end: int
    text: str
    hedged: bool = False  # "typ", "kanske", "ungefär", "någon gång": an estimate
    stopped: bool = False  # "inte längre", "har slutat": none now, the past year unknown
    # As said, for callers counting in the period ("2 per vecka"): low, high, unit.
    stated: tuple[float, float, str] | None = None
    # Counted in weekends of one or two drinking occasions each ("varannan helg"): an item
    # that asks how often something happened counts a weekend once (`once_a_weekend`).
    weekends: bool = False
    # "ibland på helgerna": not every time the words name, so `low` is once a month.
    sometimes: bool = False

    @property
    def once_a_weekend(self) -> tuple[float, float]:
        """The range with each weekend one time: "varannan helg" is twice a month, which
        on AUDIT items 3-8 is "Varje månad", not perhaps weekly."""
        return (self.low, self.low) if self.weekends else (self.low, self.high)

    @property
    def middle(self) -> float:
        return self.low if self.high == NEVER_AGAIN else (self.low + self.high) / 2


def _period(t: Token) -> str | None:
    if t.text in _YEAR_FORMS:
        return "år"
    if t.text == "mån":  # "2 ggr/mån"; folded it would be "man", a man
        return "månad"
    return _PERIODS.get(t.fold)


@dataclass
class _Match:
    low: float
    high: float
    first: int  # token span [first, last)
    last: int
    stated: tuple[float, float, str] | None = None
    hedged: bool = False
    stopped: bool = False
    numeric: bool = False  # begins with a number: comparatives may apply
    weekends: bool = False


def _times_per(toks, i) -> _Match | None:
    """ "3-4 ggr i veckan", "två gånger om dagen", "någon gång i månaden", "2 ggr/v"."""
    if toks[i].fold in ("nagon", "nan"):
        # "någon gång i månaden": at some time in each month, read as once in it, as
        # "en gång i månaden" (once on AUDIT item 1's scale, "varje månad" on items 4-8);
        # not an estimate that reaches below once.
        low = high = 1.0
        j, hedged = i + 1, False
    else:
        n = number_at(toks, i)
        if n is None:
            return None
        low, high, j, hedged = n.low, n.high, n.last, False
    if j >= len(toks) or toks[j].fold not in _TIMES:
        return None
    j += 1
    if j < len(toks) and toks[j].fold in _PER:
        j += 1
    # "två gånger senaste året", "ett par ggr under det senaste halvåret": so many in it.
    j += words_at(toks, j, _IN_THE_LAST)
    if j >= len(toks):
        return None
    period = _period(toks[j])
    if period is None:
        season = _in_season(toks, j - 1 if j and toks[j - 1].fold == "i" else j)
        if season is None:
            return None
        # "en gång i somras", "två gånger i julas": so many, within the past year.
        return _Match(low / 12, high / 12, i, season, (low, high, "år"), hedged, numeric=True)
    rate = _PER_MONTH[period]
    j += 1
    # "en gång i veckan eller två": the second number is the top of the range.
    if j + 1 < len(toks) and toks[j].fold == "eller":
        more = number_at(toks, j + 1)
        if more is not None and more.low > high:
            high, j = more.high, more.last
    per = _IN_UNIT.get(period, 1)
    return _Match(low * rate, high * rate, i, j, (low * per, high * per, _AS_UNIT[period]),
                  hedged, numeric=True)


_IN_THE_LAST = {("senaste",), ("det", "senaste"), ("under", "det", "senaste"),
                ("under", "senaste"), ("de", "senaste"), ("sista",), ("det", "sista")}
_SEASONS_PAST = {"somras", "varas", "hostas", "vintras", "julas", "paskas", "midsomras",
                 "midsommras"}


def _in_season(toks, i) -> int | None:
    """ "i somras", "i julas" at toks[i]: the index after it."""
    if i + 1 < len(toks) and toks[i].fold == "i" and toks[i + 1].fold in _SEASONS_PAST:
        return i + 2
    return None


def _count_per(toks, i) -> _Match | None:
    """ "tre dagar i veckan", "fyra kvällar i veckan", "två helger i månaden"."""
    n = number_at(toks, i)
    if n is None or n.last + 2 >= len(toks):
        return None
    j = n.last
    inner = "dag" if toks[j].fold in _WEEKDAY_OF else _period(toks[j])
    if inner not in ("dag", "kväll", "morgon", "natt", "helg"):
        return None
    if toks[j + 1].fold not in _PER | {"av"}:
        return None
    if inner == "dag" and toks[j + 1].fold == "av" and toks[j + 2].fold in ("sju", "7"):
        # "fem dagar av sju": days of the week
        rate = _PER_MONTH["vecka"]
        return _Match(n.low * rate, n.high * rate, i, j + 3, (n.low, n.high, "vecka"),
                      numeric=True)
    outer = _period(toks[j + 2])
    if outer not in ("vecka", "månad", "år"):
        return None
    rate = _PER_MONTH[outer]
    per = _PER_WEEKEND if inner == "helg" else (1.0, 1.0)
    return _Match(n.low * per[0] * rate, n.high * per[1] * rate, i, j + 3,
                  (n.low * per[0], n.high * per[1], _AS_UNIT[outer]), numeric=True,
                  weekends=inner == "helg")


def _weekday_list(toks, i, every: bool) -> tuple[int, int] | None:
    """Weekdays from toks[i]: how many a week, and the index after. "fredagar och lördagar",
    "fredag eller lördag" (one of them), "måndag till fredag"."""
    if toks[i].fold in _WORKDAYS:
        return 5, 5, i + 1
    if toks[i].fold not in _WEEKDAY_OF:
        return None
    first = _WEEKDAY_OF[toks[i].fold]
    if (i + 2 < len(toks) and toks[i + 1].fold in ("till", "-", "–")
            and toks[i + 2].fold in _WEEKDAY_OF):
        span = (_WEEKDAY_OF[toks[i + 2].fold] - first) % 7 + 1
        return span, span, i + 3
    days, j, either, sometimes = {first}, i + 1, False, set()
    while j + 1 < len(toks) and toks[j].fold in _LIST:
        k = j + 1
        if toks[k].fold in _EVERY and k + 1 < len(toks):
            k += 1  # "varje fredag och varje lördag"
        now_and_then = toks[k].fold in ("ibland", "ofta", "oftast") and k + 1 < len(toks)
        k += now_and_then  # "varje fredag och ibland lördag": one day, sometimes two
        if toks[k].fold not in _WEEKDAY_OF:
            break
        either = either or toks[j].fold == "eller"
        (sometimes if now_and_then else days).add(_WEEKDAY_OF[toks[k].fold])
        j = k + 1
    plural = toks[i].fold.endswith(("ar", "arna"))
    # A lone singular weekday is a date ("på fredag"), not a habit; "i fredags" is a past
    # day and never reaches here ("fredags" is no weekday form).
    if not (every or plural or len(days) + len(sometimes) > 1):
        return None
    low = 1 if either else len(days)
    high = low + len(sometimes - days)
    if not either and j + 1 < len(toks) and toks[j].fold in _LIST | {"plus"} and \
            toks[j + 1].fold in _WEEKEND_WORDS:
        # "tisdagar och torsdagar plus helgen": the weekend's one or two occasions too
        return low + _PER_WEEKEND[0], high + _PER_WEEKEND[1], j + 2
    return low, high, j


def _every_period(toks, i) -> _Match | None:
    """ "varje dag", "var tredje dag", "varannan vecka", "varje fredag", "varje helg"."""
    t = toks[i].fold
    if t in _EVERY_OTHER:
        step, j = 2, i + 1
    elif t in _EVERY:
        step, j = 1, i + 1
        if j < len(toks) and toks[j].fold in _ORDINALS:
            step, j = _ORDINALS[toks[j].fold], j + 1
        elif j + 1 < len(toks) and toks[j].text.isdigit() and toks[j + 1].fold in ("e", ":e"):
            step, j = int(toks[j].text), j + 2  # "var 14:e dag"
        elif t in ("var", "vart"):
            return None  # "det var fredag" is a past day: bare "var" is not "every"
    else:
        return None
    if j >= len(toks):
        return None
    days = _weekday_list(toks, j, every=True)
    if days is not None:
        low, high = days[0] / step, days[1] / step
        return _Match(low * WEEKS_PER_MONTH, high * WEEKS_PER_MONTH, i, days[2],
                      (low, high, "vecka"))
    if toks[j].fold in _HOLIDAYS:
        return _holidays(toks, j, start=i)
    period = _period(toks[j])
    if period is None:
        return None
    if period == "dag" and step == 1 and j + 2 < len(toks) and \
            toks[j + 1].fold in ("utom", "forutom"):
        days = _weekday_list(toks, j + 2, every=True)
        if days is not None:
            # "varje dag utom söndagar": the days of the week left
            low, high = 7 - days[1], 7 - days[0]
            return _Match(low * WEEKS_PER_MONTH, high * WEEKS_PER_MONTH, i, days[2],
                          (low, high, "vecka"))
    rate = _PER_MONTH[period] / step
    per = _PER_WEEKEND if period == "helg" else (1.0, 1.0)
    unit = _AS_UNIT[period]
    said = 1 / step
    return _Match(rate * per[0], rate * per[1], i, j + 1, (said * per[0], said * per[1], unit),
                  weekends=period == "helg")


def _habit_days(toks, i) -> _Match | None:
    """ "på fredagar", "fredagar och lördagar", "fredag och lördag", "på vardagarna"."""
    days = _weekday_list(toks, i, every=False)
    if days is None:
        return None
    first = i - 1 if i > 0 and toks[i - 1].fold in ("pa", "om", "under") else i
    low, high = float(days[0]), float(days[1])
    last, hedged = _each_week_after(toks, days[2])
    return _Match(low * WEEKS_PER_MONTH, high * WEEKS_PER_MONTH, first, last,
                  (low, high, "vecka"), hedged=hedged)


def _each_week_after(toks, j) -> tuple[int, bool]:
    """ "fredag och lördag (typ) varje vecka", "… i veckan": the week the days are counted
    in, said after them, is part of that frequency and no second one (once a week)."""
    k = j + (j < len(toks) and toks[j].fold in ("typ", "ungefar", "oftast", "nastan"))
    if k + 1 < len(toks) and toks[k].fold in ("varje", "var", "i", "per", "varenda") and \
            _period(toks[k + 1]) == "vecka":
        return k + 2, k > j
    return j, False


def _weekends(toks, i) -> _Match | None:
    """ "på helgerna", "under helgerna", "helger": weekly, one or two occasions."""
    if toks[i].fold not in ("helgerna", "helger") or i == 0:
        return None
    if toks[i - 1].fold not in ("pa", "under", "om", "over"):
        return None
    return _Match(_PER_WEEKEND[0] * WEEKS_PER_MONTH, _PER_WEEKEND[1] * WEEKS_PER_MONTH, i - 1,
                  i + 1, (*_PER_WEEKEND, "vecka"), weekends=True)


def _holidays(toks, i, start: int | None = None) -> _Match | None:
    """ "till jul och midsommar", "på högtiderna": each named holiday once or twice a year."""
    if toks[i].fold in _HOLIDAYS_GENERAL:
        if start is None and (i == 0 or toks[i - 1].fold not in _HOLIDAY_PREPOSITIONS):
            return None
        return _Match(3 / 12, 6 / 12, i - 1 if start is None else start, i + 1, hedged=True)
    if toks[i].fold not in _HOLIDAYS:
        return None
    if start is None and (i == 0 or toks[i - 1].fold not in _HOLIDAY_PREPOSITIONS):
        return None
    named, j = {toks[i].fold[:4]}, i + 1
    while j + 1 < len(toks) and toks[j].fold in _LIST:
        k = j + 1 + (toks[j + 1].fold in _HOLIDAY_PREPOSITIONS and j + 2 < len(toks))
        if toks[k].fold not in _HOLIDAYS:
            break
        named.add(toks[k].fold[:4])
        j = k + 1
    n = len(named)
    # No stated period: "längtar till jul" is no frequency for the Rasa entities; only an
    # answer to a frequency question is read this way.
    return _Match(n / 12, 2 * n / 12, i - 1 if start is None else start, j)


def _words(toks, i) -> _Match | None:
    """Adverbs and words: "dagligen", "sällan", "aldrig", "inte längre", "slutat"."""
    t = toks[i].fold
    if t in _ADVERBS:
        rate = _PER_MONTH[_ADVERBS[t]]
        return _Match(rate, rate, i, i + 1, (1.0, 1.0, _ADVERBS[t]))
    if t == "sallan" or (t == "nastan" and i + 1 < len(toks) and toks[i + 1].fold == "aldrig"):
        if i + 1 < len(toks) and toks[i + 1].fold == "an":
            return None  # "mer sällan än en gång" is a comparative, read with its number
        first = i - 1 if i > 0 and toks[i - 1].fold in ("valdigt", "mycket", "ganska",
                                                          "ratt") else i
        return _Match(*_RARELY, first, i + 1 + (t == "nastan"), hedged=True)
    if t == "enstaka" and i > 0 and toks[i - 1].fold in ("nagon", "nan", "nagot"):
        return _Match(*_RARELY, i - 1, i + 1 + (i + 1 < len(toks) and toks[i + 1].fold in _TIMES),
                      hedged=True)
    if t == "aldrig":
        after = [x.fold for x in toks[i + 1:i + 3]]
        said_more = after[:1] in (["mer"], ["mera"]) and after[1:] != ["an"]
        if said_more or (after[:1] in (["nat"], ["nagot"], ["nagonting"])
                         and after[1:] in (["mer"], ["mera"])):
            # "aldrig nåt mer sen i våras", "aldrig mer": stopped, so the past year is open
            return _Match(0.0, 0.0, i, i + 1 + (1 if said_more else 2), stopped=True)
        if after[:1] and after[0] in _NOT_NEVER:
            return None  # "aldrig mer än två", "aldrig annars", "kan aldrig sluta"
        return _Match(0.0, 0.0, i, i + 1)
    if t == "inte" and i + 1 < len(toks) and toks[i + 1].fold in ("alls",):
        return _Match(0.0, 0.0, i, i + 2)
    if t == "inte" and i + 1 < len(toks) and toks[i + 1].fold in ("langre", "numera"):
        return _Match(0.0, 0.0, i, i + 2, stopped=True)
    if t in ("slutat", "slutade"):
        return _Match(0.0, 0.0, i, i + 1, stopped=True)
    return None


# After "aldrig", words that make it something other than "never": a bound ("aldrig mer
# än två"), a restriction ("aldrig annars", "aldrig på vardagar", "aldrig nåt annat") or
# another verb's negation ("kan aldrig sluta", "det tar aldrig slut").
_NOT_NEVER = {"mer", "mera", "fler", "over", "mindre", "sa", "forran", "utan", "langre",
              "annars", "annat", "nat", "nagot", "nagonting", "sluta", "slut", "slutar", "pa",
              "under", "utom", "forutom", "vid"}

_READERS = (_times_per, _count_per, _every_period, _habit_days, _weekends, _holidays, _words)


def _apply_bounds(m: _Match, toks) -> _Match:
    """ "minst", "högst", "mer sällan än" before a number, "eller oftare" after it."""
    for words in _BOUNDS_LONGEST_FIRST:
        k = m.first - len(words)
        if m.numeric and k >= 0 and tuple(t.fold for t in toks[k:m.first]) == words:
            if words in _AT_LEAST:
                return replace(m, high=NEVER_AGAIN, first=k)
            if words in _RARER_THAN:
                return replace(m, low=min(_RARELY[0], m.low), high=m.low * 0.99, first=k)
            return replace(m, low=min(_RARELY[0], m.low), first=k)
    n = more_after(toks, m.last, _OR_EITHER)
    if n and m.numeric:
        words = tuple(t.fold for t in toks[m.last:m.last + n] if t.fold != ",")
        if words in _OR_LESS:
            return replace(m, low=min(_RARELY[0], m.low), last=m.last + n)
        return replace(m, high=NEVER_AGAIN, last=m.last + n)
    return m


NOW_AND_THEN = frozenset(("ibland", "emellanat", "stundtals", "periodvis"))  # folded
# The same in a clause's words, with the phrases: "någon gång", "då och då".
NOW_AND_THEN_SAID = words_pattern((*NOW_AND_THEN, "nagon gang", "nan gang", "da och da"))


def _now_and_then_before(toks, first: int) -> bool:
    """ "ibland", "då och då" just before a frequency: not every time it names."""
    before = [t.fold for t in toks[max(0, first - 2):first]]
    return bool(set(before) & NOW_AND_THEN) or \
        [t.fold for t in toks[max(0, first - 3):first]] == ["da", "och", "da"]


def _now_and_then_after(toks, last: int) -> bool:
    """ "på söndagar ibland": "ibland" just after a frequency, ending what is said of it (not
    "på fredagar, ibland lördagar", another day sometimes)."""
    if last >= len(toks) or toks[last].fold not in NOW_AND_THEN:
        return False
    after = toks[last + 1].fold if last + 1 < len(toks) else None
    if after in _MORE_OR_LESS or any(t.fold in ("varje", "alla", "var") for t in toks[max(0, last - 3):last]):
        return False  # "varje helg, ibland mer": every weekend at least
    return after is None or after == "," or (after not in _WEEKDAY_OF and not after[0].isdigit())


_MORE_OR_LESS = {"mer", "mera", "fler", "oftare", "mindre", "sallan", "aven", "ocksa", "extra"}


def _hedged(toks, m: _Match) -> bool:
    after = [t.fold for t in toks[m.last:m.last + 2]]
    return hedged_before(toks, m.first) or after[:1] in (["ish"], ["typ"], ["kanske"]) or \
        after == ["eller", "sa"]


def _negated(text: str, start: int) -> bool:
    """A negation earlier in the same clause: "dricker inte varje dag"."""
    before = fold(text[:start])
    ends = [m.end() for m in _CLAUSE_END.finditer(before)]
    return bool(_NEGATION.search(before[ends[-1] if ends else 0:]))


def _nearly(toks, m: _Match) -> _Match:
    if m.first > 0 and toks[m.first - 1].fold == "nastan" and m.high > 0:
        # "nästan varje dag": five or six days a week, say, never more than every day.
        return replace(m, low=m.low * 0.75, first=m.first - 1)
    return m


def read_frequencies(text: str) -> list[Frequency]:
    """Every frequency in the text, left to right; negated ones ("inte varje dag") left out."""
    return list(_read_frequencies(text or ""))


@functools.lru_cache(maxsize=512)  # the scale, the counts and the entities read one text
def _read_frequencies(text: str) -> tuple[Frequency, ...]:
    toks = tokens(text)
    found: list[Frequency] = []
    i = 0
    while i < len(toks):
        match = None
        for reader in _READERS:
            match = reader(toks, i)
            if match is not None:
                break
        if match is None:
            i += 1
            continue
        match = _nearly(toks, _apply_bounds(match, toks))
        start, end = toks[match.first].start, toks[match.last - 1].end
        i = match.last
        if _negated(text, start):
            # "inte varje dag", "har inte slutat": not what is said. And in "har aldrig
            # druckit varje dag" the "aldrig" negates the frequency; it does not say never.
            if found and found[-1].high == 0 and not found[-1].stopped and \
                    not _CLAUSE_END.search(fold(text[found[-1].end:start])):
                found.pop()
            continue
        low = match.low
        sometimes = _now_and_then_before(toks, match.first) or _now_and_then_after(toks, match.last)
        if sometimes and low > 1.0:
            # "ibland på helgerna": some weekends, not every one; as seldom as once a month
            low = 1.0
        found.append(Frequency(
            low, match.high, start, end, text[start:end],
            hedged=match.hedged or _hedged(toks, match), stopped=match.stopped,
            stated=match.stated, weekends=match.weekends, sometimes=sometimes))
    return tuple(found)
