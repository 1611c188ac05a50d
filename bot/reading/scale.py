"""A range read from an answer, placed on an instrument's own options.

Each option carries its bounds in the question bank: `per_month` (how often) or `count`
(how many), the range its label says, both bounds included ([0, 0] is "Aldrig"). Between
two labels there may be values neither says: "varannan dag" (3.5 a week) is not "2–3
gånger i veckan" and not "4 gånger i veckan eller oftare". A reading is a range, and the
result says how far it can be trusted:

- SURE: the whole range lies inside one option; record it.
- LIKELY: the range lies between two neighbouring options or across their border, or a
  hedged estimate ("typ", "ungefär") reaches the next one; ask "Menar du …?" with both as
  buttons, the one nearer the middle of the range first.
- NONE: nothing read, a range over three options or more, or a reading the scale cannot
  take ("inte längre": none now, the past year unknown); ask again.

`place_past_year` does the same for the "senaste året" items, from when it happened.
"""
from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.reading.drinks import read_glasses
from bot.reading.frequency import NEVER_AGAIN, NOW_AND_THEN_SAID, read_frequencies
from bot.reading.numbers import fold, hedged_before, numbers, tokens
from bot.reading.text import NEGATION_WORDS, words_pattern
from bot.reading.time import read_durations, read_months_ago, within_past_year
from bot.reading.vocabulary import group

# A hedged estimate is taken as 10 % either way: "typ en gång i veckan" (4.3 a month)
# stays within "2–4 gånger i månaden" (up to 4.99), "kanske en gång i månaden" (1) is
# on the border of AUDIT item 1's first two options and is asked.
HEDGE = 0.10


class Certainty(enum.Enum):
    SURE = "sure"
    LIKELY = "likely"
    NONE = "none"


@dataclass(frozen=True)
class Placement:
    certainty: Certainty
    options: tuple[Any, ...] = ()  # SURE: one option; LIKELY: the two nearest; NONE: none
    low: float | None = None  # the range that was placed, after hedging
    high: float | None = None
    text: str = ""  # the words it was read from
    # "inte längre", "aldrig nåt mer sen i våras": stopped, so whether it happened in the
    # past year is not said; never "Aldrig".
    stopped: bool = False

    @property
    def option(self) -> Any | None:
        """The option to record: only when SURE."""
        return self.options[0] if self.certainty is Certainty.SURE else None


NOTHING = Placement(Certainty.NONE)
# What a bare count may be followed by: the thing asked about, or nothing else.
_COUNTED = {"gang", "ganger", "ggr", "glas", "standardglas", "st", "stycken", "styck", "om",
            "per", "en", "varje", "eller", "till", "och", "typ", "kanske", "ungefar",
            # one intake each, on DUDIT 3's times a day
            "joint", "jointar", "joints", "lina", "linor", "dos", "doser", "sil", "silar"}
# AUDIT item 3 counts occasions of "sex standardglas eller mer" (its text in the bank).
_AT_LEAST_GLASSES = {"audit_3": 6.0}


def fewer_glasses_than_asked(question: Any, text: str) -> bool:
    """An item that counts occasions of so many standard glasses (AUDIT 3), answered with
    drinks that may be fewer or are a period's total ("sällan mer än tre glas", "fyra öl
    varje fredag"): no frequency in the answer is of the item's occasions."""
    at_least = _AT_LEAST_GLASSES.get(question.id)
    return at_least is not None and _fewer_glasses(read_glasses(text), at_least)


def _fewer_glasses(glasses, at_least: float) -> bool:
    return glasses is not None and (glasses.low < at_least or bool(glasses.per))


def _touches(bounds: tuple[float, float], low: float, high: float) -> bool:
    return bounds[0] <= high and low <= bounds[1]


def _distance(bounds: tuple[float, float], x: float) -> float:
    return max(bounds[0] - x, 0.0, x - bounds[1])


def place_range(low: float, high: float, options: Sequence[Any],
                bounds_of: Callable[[Any], tuple[float, float] | None], *,
                hedged: bool = False, text: str = "") -> Placement:
    """Place [low, high] on the options (bounds_of gives an option's bounds or None).

    SURE when the range lies inside one option and, if hedged, its 10 % either way reaches
    no other. LIKELY when what it touches, counting the options on both sides of any gap
    between two labels it falls into, is exactly two neighbours."""
    scaled = [(o, tuple(b)) for o in options if (b := bounds_of(o)) is not None]
    if not scaled:
        return NOTHING
    top = max(b[1] for _, b in scaled)
    open_ended = high == NEVER_AGAIN
    if open_ended:
        high = top
    wide = (low * (1 - HEDGE), high * (1 + HEDGE)) if hedged else (low, high)
    core = [i for i, (_, b) in enumerate(scaled) if _touches(b, low, high)]
    if len(core) == 1:
        b = scaled[core[0]][1]
        if b[0] <= low and high <= b[1] and all(
                not _touches(other, *wide) for j, (_, other) in enumerate(scaled) if j != core[0]):
            return Placement(Certainty.SURE, (scaled[core[0]][0],), *wide, text)
    near = {i for i, (_, b) in enumerate(scaled) if _touches(b, *wide)}
    for i in range(len(scaled) - 1):
        gap = (scaled[i][1][1], scaled[i + 1][1][0])
        if gap[0] < gap[1] and low < gap[1] and gap[0] < high:
            near |= {i, i + 1}  # a reading between two labels: both are the candidates
    if len(near) == 2 and max(near) - min(near) == 1:
        # "minst en gång i veckan": open upwards, so the option at its floor is the nearer
        middle = low if open_ended else (low + high) / 2
        first, second = sorted(near, key=lambda i: _distance(scaled[i][1], middle))
        return Placement(Certainty.LIKELY, (scaled[first][0], scaled[second][0]), *wide, text)
    return Placement(Certainty.NONE, (), *wide, text)


def _one(placements: list[Placement]) -> Placement:
    """Several readings in one answer must agree; otherwise nothing is taken."""
    if not placements:
        return NOTHING
    if all(p.certainty is placements[0].certainty and p.options == placements[0].options
           for p in placements):
        return placements[0]
    return Placement(Certainty.NONE, (), None, None, " / ".join(p.text for p in placements))


# Another person as the subject of the clause ("hennes man dricker …", "sambon röker på
# varje dag"): the quantity is theirs, not the client's.
_POSSESSIVES = {"hennes", "hans", "hens", "deras", "klientens", "min", "mitt", "mina"}
# Whom "hennes"/"hans" … names: a relative, a partner, a friend, a neighbour, a
# colleague; alone at the head of a clause, the definite forms of data/vocabulary.yml's
# @others ("sambon dricker").
_RELATED = ("relative", "kin", "others", "friends", "partner")
_ALSO_RELATED = {"granne", "kollega", "kollegan", "kille", "killen", "tjej", "tjejen"}


@functools.cache
def _relations() -> frozenset[str]:
    # A group's "kompis*" (any ending) counts here as its stem.
    return frozenset(fold(w.rstrip("*")) for name in _RELATED for w in group(name)) | _ALSO_RELATED


@functools.cache
def _alone() -> frozenset[str]:
    return frozenset(fold(w) for w in group("others"))


_CLAUSE_START = re.compile(r"[,.;:!?]|(?<![a-zåäö])(men|och|fast|medan)(?![a-zåäö])",
                           re.IGNORECASE)


def _someone_else(text: str, start: int) -> bool:
    """The clause holding text[start] begins with another person than the client."""
    ends = [m.end() for m in _CLAUSE_START.finditer(text[:start])]
    head = [t.fold for t in tokens(text[ends[-1] if ends else 0:start])[:2]]
    return bool(head) and (head[0] in _alone() or (
        head[0] in _POSSESSIVES and len(head) > 1 and head[1] in _relations()))


def place_frequency(options: Sequence[Any], text: str, *,
                    at_least_glasses: float | None = None, occasions: bool = True,
                    today: dt.date | None = None, year_asked: bool = False) -> Placement:
    """How often, read from `text`, on options with `per_month` bounds (AUDIT 1, 3-8; DUDIT).

    `occasions`: the item counts occasions of use (AUDIT 1, DUDIT 1-2), where a weekend
    may be one evening or two. Otherwise it asks how often something happened ("inte
    kunnat sluta", "Varje vecka"), and a weekend is one time.

    `at_least_glasses`: the question counts only occasions with that many standard glasses
    (AUDIT item 3: six). If the answer names the drinks and they may be fewer ("fyra öl
    varje fredag"), its frequency is not an answer to the question, and nothing is placed.

    `today`, the meeting date: the instruments ask about the past year, so a frequency
    said of a time wholly before it ("det var varje vecka för två år sen") is not the
    answer, a stop before it ("slutade dricka för tre år sen") and a denial of the year
    ("men inte senaste året") say "Aldrig". Without it no time is read. A rate said to
    end inside the year, or on an item that asks of the year (`year_asked`) to have begun
    inside it, places nothing (part_of_year).
    """
    if at_least_glasses is not None:
        glasses = read_glasses(text)
        if _fewer_glasses(glasses, at_least_glasses):
            return Placement(Certainty.NONE, (), glasses.low, glasses.high, glasses.text)
    if changed_since(text):
        return NOTHING
    window = _PastYear(text, today) if today is not None else None
    if window is not None and window.within:
        if window.denied is not None:
            return NOTHING  # "inte senaste året, men varje vecka i somras": both at once
        if (window.until_in_year or (year_asked and window.since_in_year)) and _rated(text):
            return NOTHING
        window = None  # "slutade i somras": the year holds what the words say, as read
    placements, ranges = [], []
    for f in read_frequencies(text):
        if _someone_else(text, f.start):
            return Placement(Certainty.NONE, (), f.low, f.high, f.text)
        before = window is not None and window.before_at(f.start)
        if not before and f.high > 0 and not f.stopped and _said_of_before(text, f.start):
            # "inget nu, men förut varje dag": a habit of before, and when it ended is not
            # said; the year asked about may hold it or not.
            return Placement(Certainty.NONE, (), f.low, f.high, f.text)
        if before and not f.stopped:
            continue  # "varje vecka för två år sen": not the past year's
        if f.stopped and not before:
            return Placement(Certainty.NONE, (), f.low, f.high, f.text, stopped=True)
        low, high = (0.0, 0.0) if f.stopped else \
            (f.low, f.high) if occasions else f.once_a_weekend
        ranges.append((low, high, f.hedged and not f.stopped))
        placements.append(place_range(low, high, options, lambda o: o.per_month,
                                      hedged=f.hedged and not f.stopped, text=f.text))
    if occasions and ranges and _more_use_now_and_then(text):
        # "hasch en gång i veckan, tjack ibland på fester": DUDIT 1 counts every drug's
        # occasions, so the frequency said of one is the least, not the answer.
        ranges = [(lo, NEVER_AGAIN, h) for lo, _, h in ranges]
        placements = [place_range(lo, NEVER_AGAIN, options, lambda o: o.per_month,
                                  hedged=h, text=text) for lo, _, h in ranges]
    low = max((r[0] for r in ranges), default=0.0)
    high = min((r[1] for r in ranges), default=0.0)
    if len(ranges) > 1 and 0 < low <= high and not _one(placements).options:
        # Two ways of saying one habit narrow it: "på helgerna, fredag och lördag" is
        # the two days, "2–3 gånger i veckan".
        return place_range(low, high, options, lambda o: o.per_month,
                           hedged=all(r[2] for r in ranges), text=text)
    if window is not None and window.denied is not None:
        # "inte senaste året", "inget i år": none in the year asked about.
        placements.append(place_range(0.0, 0.0, options, lambda o: o.per_month,
                                      text=window.denied))
    return _one(placements)


@functools.cache
def _substances() -> frozenset[str]:
    """Drug and drink words, folded: what one clause's use is of."""
    from bot.reading.drinks import drink_words
    return frozenset(fold(w.rstrip("*")) for w in group("drug")) | drink_words()


def _more_use_now_and_then(text: str) -> bool:
    """One clause names a substance and a frequency, another a different substance used
    now and then, with no frequency of its own; or, after the rate, other times now and
    then ("mest fredagar men ibland mitt i veckan")."""
    parts = [fold(p) for p in _CLAUSE_START.split(text or "") if p and p.strip()]
    rated = [bool(read_frequencies(p)) for p in parts]
    sometimes = [i for i, p in enumerate(parts) if not rated[i]
                 and NOW_AND_THEN_SAID.search(p) and not _NEGATION_WORD.search(p)]
    if any(any(rated[:i]) and _OTHER_TIMES.search(parts[i]) for i in sometimes):
        return True
    subs = [set(p.split()) & _substances() for p in parts]
    return any(subs[i] - subs[j] for i in sometimes for j, r in enumerate(rated)
               if r and subs[i] and subs[j])


# Other times of use than the rate said: "ibland mitt i veckan", "ibland en vardag också".
_OTHER_TIMES = re.compile(r"(?<![a-z0-9])(ocksa|aven|vardag|vardagar|vardagarna|mitt i veckan|"
                          r"andra dagar|annars|dessutom|extra)(?![a-z0-9])")


_NEGATION_WORD = words_pattern(NEGATION_WORDS)


_CHANGED_SINCE = re.compile(
    r"(?<![a-z0-9])(?:sen|sedan|efter det|nu)\s+(?:dess\s+)?(?:har\s+)?(?:det|hon|han|hen|suget)?\s*"
    r"(?:har\s+)?(?:lugnat\s+(?:ner\s+)?sig|minskat|avtagit|okat|blivit\s+(?:battre|mindre|"
    r"mer|varre|oftare))(?![a-z0-9])")


def changed_since(text: str) -> bool:
    """ "i våras kom suget en gång i månaden, sen har det lugnat sig", "oftast en kväll i
    veckan, vissa veckor två": the year held more than one rate, and how often in all is
    not said."""
    said = fold(text or "")
    return bool(_CHANGED_SINCE.search(said) or _SOME_PERIODS_MORE.search(said))


# "vissa veckor två", "en del månader mer": another rate in some periods.
_SOME_PERIODS_MORE = re.compile(r"(?<![a-z0-9])(?:vissa|en del|somliga|andra|ibland)\s+"
                                r"(?:veckor|manader|helger|perioder)\s+(?:[a-z]+\s+)?"
                                r"(?:tva|tre|fyra|fem|sex|\d+|mer|mera|oftare|fler|flera)(?![a-z0-9])")


# "förut", "tidigare", "förr": the clause tells of a time before now, not when.
_BEFORE_NOW = re.compile(r"(?<![a-z0-9])(forut|tidigare|forr|forr i tiden|innan)(?![a-z0-9])")


def _said_of_before(text: str, at: int) -> bool:
    """The clause holding position `at` says it was before ("men förut varje helg")."""
    starts = [0, *(m.end() for m in _CLAUSE_START.finditer(text) if m.end() <= at)]
    end = next((m.start() for m in _CLAUSE_START.finditer(text) if m.start() > at), len(text))
    return bool(_BEFORE_NOW.search(fold(text[starts[-1]:end])))


def habit_of_before(text: str, today: dt.date) -> bool:
    """The answer tells a habit of before, with no time for it: "men förut varje dag"."""
    window = _PastYear(text, today)
    return any(f.high > 0 and not f.stopped and not window.before_at(f.start)
               and _said_of_before(text, f.start) for f in read_frequencies(text))


def _rated(text: str) -> bool:
    return any(f.high > 0 and not f.stopped for f in read_frequencies(text))


def part_of_year(text: str, today: dt.date, year_asked: bool) -> bool:
    """A rate said to hold only part of the past year: until a time in it ("dagligen fram
    till i augusti, sen inget"), or, on an item that asks of the past year (`year_asked`),
    since a time in it ("varje helg sedan i oktober", "varje dag i tre månader"). How
    often over the time asked about is not said."""
    window = _PastYear(text, today)
    return (window.until_in_year or (year_asked and window.since_in_year)) and _rated(text)


class _PastYear:
    """Which clauses of an answer speak of a time wholly before the past year, and whether
    one denies the year itself ("inget senaste året")."""

    def __init__(self, text: str, today: dt.date) -> None:
        self.before: list[tuple[int, int]] = []  # clause spans [start, end) of such times
        self.within = False  # some time said lies in the year, or may
        # A rate said to end at a time inside the year ("dagligen fram till i augusti, sen
        # inget"): today's habit and the year's are not one.
        self.until_in_year = False
        # A rate said to have held only since a time inside the year ("varje helg sedan i
        # oktober", "varje dag i tre månader"): an item that asks of the past year (AUDIT
        # 4-8, DUDIT 4-9) is not answered by it; one that asks how often now may be.
        self.since_in_year = False
        folded = fold(text)  # one character for one: the positions are the text's
        denials = [m.span() for pattern in (_NOT_PAST_YEAR, _YEAR_THEN_NEVER)
                   for m in pattern.finditer(folded)]
        self.denied = folded[denials[0][0]:denials[0][1]] if denials else None
        starts = [0, *(m.end() for m in _CLAUSE_START.finditer(text)), len(text) + 1]
        for start, end in zip(starts, starts[1:], strict=False):
            for ago in read_months_ago(text[start:end], today):
                at = (start + ago.start, start + ago.end)
                if any(a < at[1] and at[0] < b for a, b in denials):
                    continue  # the "i år" of "inte i år" is the year denied, not a time
                if within_past_year(ago) is False:
                    self.before.append((start, end))
                else:
                    self.within = True
                    lead = " ".join(folded[max(0, start + ago.start - 16):start + ago.start]
                                    .split()[-2:])
                    if within_past_year(ago) is True and _UNTIL_BEFORE.search(lead):
                        self.until_in_year = True

        for d in read_durations(text, today):
            lead = folded[max(0, d.start - 8):d.start].split()[-1:]
            # "i tre månader", "sedan i oktober"; not "en gång i halvåret", a rate's unit
            if d.high < 11.5 and (_SINCE_LEAD.match(folded[d.start:]) or lead in (
                    ["sen"], ["sedan"]) or (lead in (["i"], ["under"]) and
                                            len(d.text.split()) > 1)):
                self.since_in_year = self.within = True

    def before_at(self, at: int) -> bool:
        return any(start <= at < end for start, end in self.before)


# Words that make a time the end of a rate: "fram till i somras", "tills i augusti".
_UNTIL_BEFORE = re.compile(r"(?<![a-z0-9])(?:till|tills)$")
_SINCE_LEAD = re.compile(r"(?:sen|sedan)(?![a-z0-9])")


# "senaste året aldrig", "i år inget": the year named first, then denied.
_YEAR_THEN_NEVER = re.compile(
    r"(?<![a-z0-9])(?:(?:under|pa)\s+)?(?:det\s+)?(?:senaste\s+aret|i\s+ar)\s+"
    r"(?:aldrig|inget|inte|ingenting)(?![a-z0-9])")


def place_glasses(options: Sequence[Any], text: str) -> Placement:
    """Standard glasses on a typical day, read from `text`, on options with `count` bounds
    (AUDIT item 2)."""
    glasses = read_glasses(text)
    if glasses is None:
        return place_count(options, text)  # "sju", "typ åtta": glasses, as asked
    if glasses.per is not None or _someone_else(text, text.find(glasses.drinks[0])):
        # "två flaskor vin i veckan": a week's drinking, not a typical day's.
        return Placement(Certainty.NONE, (), glasses.low, glasses.high, glasses.text)
    if len(glasses.drinks) > 1 and _SOMETIMES_OTHER.search(fold(text)):
        # "oftast två öl, ibland en hel flaska vin": two kinds of day, not one day's sum
        return Placement(Certainty.NONE, (), glasses.low, glasses.high, glasses.text)
    return place_range(glasses.low, glasses.high, options, lambda o: o.count,
                       hedged=glasses.hedged, text=glasses.text)


_SOMETIMES_OTHER = re.compile(r"(?<![a-z0-9])(?:ibland|oftast|mest|vanligtvis|ofta|sallan|"
                              r"andra dagar|vissa dagar|nagon gang|nan gang|eller)(?![a-z0-9])")


# Parts of a day, folded: "morgon och kväll" is twice a day (DUDIT item 3).
_DAYPARTS = {
    "morgon": "morgon", "morgonen": "morgon", "morgnarna": "morgon", "morron": "morgon",
    "formiddag": "formiddag", "formiddagen": "formiddag", "lunch": "lunch",
    "lunchen": "lunch", "eftermiddag": "eftermiddag", "eftermiddagen": "eftermiddag",
    "middag": "middag", "middagen": "middag",
    "kvall": "kvall", "kvallen": "kvall", "kvallarna": "kvall", "natt": "natt",
    "natten": "natt", "sovdags": "natt", "laggdags": "natt",
}


def _dayparts(toks) -> Placement | None:
    """The parts of a day named, as a count of times: "morgon, lunch och kväll" is three."""
    named = {_DAYPARTS[t.fold] for t in toks if t.fold in _DAYPARTS}
    if not named or any(t.fold in _NOT_ONE_TIME for t in toks):
        return None
    return Placement(Certainty.SURE, (), len(named), len(named))


# "flera gånger på kvällen", "hela kvällen", "ibland": the day's parts do not count them.
_NOT_ONE_TIME = {"flera", "manga", "hela", "ibland", "eller", "nagon", "nan", "olika"}


def place_count(options: Sequence[Any], text: str, *, dayparts: bool = False) -> Placement:
    """How many, read from `text`, on options with `count` bounds (DUDIT item 3).
    `dayparts`: the count is of times a day, so "morgon och kväll" is two."""
    toks = tokens(text)
    # "tre gånger i veckan" says how often, not how many times a day: not a count here.
    # Per day ("två gånger om dagen") it is one.
    spans = [(f.start, f.end) for f in read_frequencies(text)
             if f.stated is None or f.stated[2] != "dag"]
    placements = []
    for n in numbers(text):
        if any(s <= n.start < e for s, e in spans) or _someone_else(text, n.start):
            return NOTHING
        after = toks[n.last].fold if n.last < len(toks) else ""
        if n.article and after not in ("gang", "ganger"):
            continue  # "en bedömning": an article; "en gång": one
        if after and after not in _COUNTED:
            continue  # "34 år", "tre barn": a number of something else
        if n.first > 0 and toks[n.first - 1].fold in ("vid", "kl", "klockan"):
            return NOTHING  # "en till vid tre": a time of day, and the count is not said
        placements.append(place_range(n.low, n.high, options, lambda o: o.count,
                                      hedged=hedged_before(toks, n.first),
                                      text=text[n.start:n.end]))
    # Only without numbers of their own: "två på morgonen och en på kvällen" is three.
    parts = _dayparts(toks) if dayparts and not placements and \
        all(n.article for n in numbers(text)) else None
    if parts is not None:
        return place_range(parts.low, parts.high, options, lambda o: o.count, text=text)
    return _one(placements)


# AUDIT items 9-10 and DUDIT items 10-11 score 4 for "Ja, under det senaste året" and 2
# for "Ja, men inte under det senaste året" (the instruments' own scoring).
PAST_YEAR_SCORE, EARLIER_SCORE = 4, 2
_DENIALS = {*NEGATION_WORDS, "nej", "nix", "na"}
# A denial of the past year only (folded), "inget senaste året", "inte i år": it happened
# before it. A denial of what came after ("ingen sen dess", "sen inget", "inte nu
# längre") says nothing of when it happened, so it neither decides nor muddles the time.
_DENIAL_HEAD = r"(?:" + "|".join(NEGATION_WORDS) + r")(?:\s+(?:mer|nagot|nat|nagon|nan))?\s+"
_NOT_PAST_YEAR = re.compile(
    r"(?<![a-z0-9])" + _DENIAL_HEAD +
    r"(?:(?:under|pa)\s+)?(?:det\s+)?(?:senaste\s+aret|i\s+ar)(?![a-z0-9])")
# "sedan" that ends its clause with no time before it: "since then", not "för två år sedan".
_THEN_SINCE = (r"(?<!ar )(?<!aret )(?<!manader )(?<!manad )(?<!veckor )(?<!vecka )(?<!dagar )"
               r"(?<!dag )(?<!tid )(?<!lange )(?<!timmar )(?<!stund )(?:sen|sedan)(?:\s+dess)?"
               r"(?=\s*$|\s+(?:men|och|fast)(?![a-z0-9]))")
_NOT_SINCE = re.compile(
    r"(?<![a-z0-9])(?:" + _DENIAL_HEAD + r"(?:sen\s+dess|sedan\s+dess|efter\s+det|"
    r"nu(?:\s+langre)?|langre)|(?:sen|sedan)(?:\s+dess)?\s+(?:" + "|".join(NEGATION_WORDS) + r")"
    r"(?:\s+(?:mer|nagot|nat))?"
    # "ingen har sagt något sedan": "sedan" with no time after it is "since then"
    r"|(?:" + "|".join(NEGATION_WORDS) + r")(?:\s+[a-z]+){1,4}?\s+" + _THEN_SINCE + r")(?![a-z0-9])")


# What limits a denial in time: "ingen har sagt något sen dess", "inte på länge", "inte
# längre" tell of a time before; "ingen har klagat senaste året", "på senare tid" leave
# before open. Neither is "never".
_SINCE_BEFORE = re.compile(r"(?<![a-z0-9])(sen dess|sedan dess|pa lange|langre|numera|"
                           r"efter det|nu for tiden|(?:sen|sedan) (?:hon|han|hen|de|dom|"
                           r"klienten|vi)"
                           # "ingen har sagt något sedan": no time after it, "since then"
                           r"|" + _THEN_SINCE + r")(?![a-z0-9])")
_LATELY = re.compile(r"(?<![a-z0-9])(senaste aret|senaste tiden|pa senare tid|pa sistone|"
                     r"i ar|just nu|nu)(?![a-z0-9])")


def denial_limited_in_time(text: str) -> str | None:
    """ "before" when the words say it happened before ("inget sen dess"), "lately" when
    they limit it to a recent time ("inte på senare tid"), None when no time limits it."""
    said = fold(text)
    if _SINCE_BEFORE.search(said):
        return "before"
    return "lately" if _LATELY.search(said) else None


def denies_since(text: str) -> bool:
    """ "inget sen dess", "inte senaste året", "sen inget mer": nothing after the time said."""
    folded = fold(text)
    return bool(_NOT_SINCE.search(folded) or _NOT_PAST_YEAR.search(folded))


def without_denials_of_since(text: str) -> str:
    """The folded text without its "inget sen dess" and "inte senaste året": what negation
    is left denies something else."""
    return _NOT_PAST_YEAR.sub(" ", _NOT_SINCE.sub(" ", fold(text)))


@dataclass(frozen=True)
class PastYearScale:
    """The three options of AUDIT 9-10 and DUDIT 10-11: "Nej", "Ja, men inte under det
    senaste året", "Ja, under det senaste året"."""
    never: Any
    before: Any
    within: Any


def past_year_scale(options: Sequence[Any]) -> PastYearScale | None:
    """The options as a past-year scale, or None (a frequency scale also has 2 and 4)."""
    by_score = {getattr(o, "score", None): o for o in options}
    if set(by_score) != {0, EARLIER_SCORE, PAST_YEAR_SCORE} or len(options) != 3:
        return None
    return PastYearScale(by_score[0], by_score[EARLIER_SCORE], by_score[PAST_YEAR_SCORE])


def place_past_year(options: Sequence[Any], text: str, today: dt.date) -> Placement:
    """When it happened, read relative to the meeting date `today`, on a past-year scale:
    "syster sa det i somras" is within the past year, "för två år sedan" and "inte sedan
    2023" before it, "i fjol" in December either (LIKELY). Only a time that says it
    happened: a denial anywhere else in the answer ("nej, hon sa inget i somras") gives
    nothing, and "nej" alone is the options' own word, read elsewhere."""
    scale = past_year_scale(options)
    if scale is None:
        return NOTHING
    within, before = scale.within, scale.before
    found = read_months_ago(text, today)
    if not found:
        return NOTHING
    # "inte sedan 2023" carries its own negation; "inget senaste året", "ingen sen dess"
    # deny only the past year, which says it happened before it; any other denial makes
    # the answer unclear ("nej, hon sa inget i somras").
    rest = text
    for ago in found:
        rest = rest.replace(ago.text, " ")
    rest = _NOT_SINCE.sub(" ", fold(rest))
    not_recently = bool(_NOT_PAST_YEAR.search(rest))
    rest = _NOT_PAST_YEAR.sub(" ", rest)
    if any(t.fold in _DENIALS for t in tokens(rest)):
        return Placement(Certainty.NONE, (), None, None, fold(text))
    answers = [within_past_year(ago) for ago in found]
    if not_recently:
        if set(answers) <= {False, None}:
            return Placement(Certainty.SURE, (before,), found[0].low, found[0].high,
                             found[0].text)
        return Placement(Certainty.NONE, (), None, None, fold(text))  # within and not
    if True in answers:  # once within the past year is enough ("i julas och för två år sedan")
        ago = found[answers.index(True)]
        return Placement(Certainty.SURE, (within,), ago.low, ago.high, ago.text)
    if set(answers) == {False}:
        return Placement(Certainty.SURE, (before,), found[0].low, found[0].high, found[0].text)
    # On the border ("för ett år sedan", "i fjol"): both, the nearer first.
    ago = found[answers.index(None)]
    nearer = (within, before) if ago.middle <= 12 else (before, within)
    return Placement(Certainty.LIKELY, nearer, ago.low, ago.high, ago.text)


def asks_of_past_year(question: Any) -> bool:
    """The item as published asks of "det senaste året" (AUDIT 4-8, DUDIT 4-9); AUDIT 1-3
    and DUDIT 1-3 ask how often and how much, of the habit as it is."""
    return "senaste aret" in fold(getattr(question, "published", None) or question.text)


def counts_glasses(options: Sequence[Any]) -> bool:
    """Options that count standard glasses (AUDIT item 2), not times (DUDIT item 3)."""
    return any(getattr(o, "count", None) for o in options) and \
        any("glas" in o.label for o in options)


def place_answer(question: Any, text: str, today: dt.date | None = None) -> Placement:
    """The answer to a frequency or glasses question, on its options; NONE for others.
    The lead's "Menar du …?" uses the LIKELY options as its buttons. `today` is the
    meeting date, for the past year the instruments ask about."""
    options = question.options
    if (text or "").rstrip().endswith("?"):
        return NOTHING  # "vad är ett standardglas i vin?" asks, it does not answer
    if any(getattr(o, "per_month", None) for o in options):
        return place_frequency(options, text,
                               at_least_glasses=_AT_LEAST_GLASSES.get(question.id),
                               occasions=getattr(question, "frequency_answer", True),
                               today=today, year_asked=asks_of_past_year(question))
    if any(getattr(o, "count", None) for o in options):
        if counts_glasses(options):
            return place_glasses(options, text)
        return place_count(options, text, dayparts=True)
    return NOTHING
