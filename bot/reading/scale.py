"""A range read from an answer, placed on an instrument's own options.

Each option carries its bounds in the question bank: `per_month` (how often) or `count`
(how many). The bounds of one scale are contiguous: an option covers lower < x <= upper,
the lowest option also its lower bound, so [0, 0] is exactly "Aldrig" and no value falls
between two options. A reading is a range, and the result says how far it can be trusted:

- SURE: the whole range lies inside one option; record it.
- LIKELY: the range straddles the border of two neighbouring options, or a hedged
  estimate ("typ", "ungefär") lies close to one; ask "Menar du …?" with both as buttons,
  the option holding more of the range first.
- NONE: nothing read, a range over three options or more, or a reading the scale cannot
  take ("inte längre": none now, the past year unknown); ask again.

`place_past_year` does the same for the "senaste året" items, from when it happened.
"""
from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.reading.drinks import read_glasses
from bot.reading.frequency import NEVER_AGAIN, read_frequencies
from bot.reading.numbers import fold, hedged_before, numbers, tokens
from bot.reading.text import NEGATION_WORDS
from bot.reading.time import read_months_ago, within_past_year

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

    @property
    def option(self) -> Any | None:
        """The option to record: only when SURE."""
        return self.options[0] if self.certainty is Certainty.SURE else None


NOTHING = Placement(Certainty.NONE)
# What a bare count may be followed by: the thing asked about, or nothing else.
_COUNTED = {"gang", "ganger", "ggr", "glas", "standardglas", "st", "stycken", "styck", "om",
            "per", "en", "varje", "eller", "till", "och", "typ", "kanske", "ungefar"}
# AUDIT item 3 counts occasions of "sex standardglas eller mer" (its text in the bank).
_AT_LEAST_GLASSES = {"audit_3": 6.0}


def _contains(bounds: tuple[float, float], x: float, lowest: bool) -> bool:
    lo, hi = bounds
    return (lo < x <= hi) or (x == lo and (lowest or lo == hi))


def _overlap(bounds: tuple[float, float], low: float, high: float, lowest: bool) -> float:
    """How much of [low, high] falls in the option; a point inside counts as a sliver."""
    lo, hi = bounds
    if low == high:
        return 1.0 if _contains(bounds, low, lowest) else 0.0
    if lo == hi:
        return 1e-9 if low <= lo <= high else 0.0
    top = min(hi, high)
    bottom = max(lo, low)
    if top > bottom:
        return top - bottom
    return 1e-9 if (top == bottom and _contains(bounds, top, lowest) and high > top) else 0.0


def place_range(low: float, high: float, options: Sequence[Any],
                bounds_of: Callable[[Any], tuple[float, float] | None], *,
                hedged: bool = False, text: str = "") -> Placement:
    """Place [low, high] on the options (bounds_of gives an option's bounds or None)."""
    scaled = [(o, bounds_of(o)) for o in options]
    scaled = [(o, tuple(b)) for o, b in scaled if b is not None]
    if not scaled:
        return NOTHING
    if hedged:
        low, high = low * (1 - HEDGE), high * (1 + HEDGE)
    top = max(b[1] for _, b in scaled)
    if high == NEVER_AGAIN:
        high = top
    lowest = min(range(len(scaled)), key=lambda i: scaled[i][1])  # [0, 0] before [0, 0.99]
    hits = [(i, o, _overlap(b, low, high, i == lowest)) for i, (o, b) in enumerate(scaled)]
    hits = [h for h in hits if h[2] > 0]
    if len(hits) == 1:
        return Placement(Certainty.SURE, (hits[0][1],), low, high, text)
    if len(hits) == 2 and hits[1][0] == hits[0][0] + 1:
        # The option holding the middle of the range first ("typ sex glas": "5–6 glas"),
        # else the one holding more of it.
        middle = (low + high) / 2
        first, second = sorted(hits, key=lambda h: (
            _contains(scaled[h[0]][1], middle, h[0] == lowest), h[2]), reverse=True)
        return Placement(Certainty.LIKELY, (first[1], second[1]), low, high, text)
    return Placement(Certainty.NONE, (), low, high, text)


def _one(placements: list[Placement]) -> Placement:
    """Several readings in one answer must agree; otherwise nothing is taken."""
    if not placements:
        return NOTHING
    if all(p.certainty is placements[0].certainty and p.options == placements[0].options
           for p in placements):
        return placements[0]
    return Placement(Certainty.NONE, (), None, None, " / ".join(p.text for p in placements))


def place_frequency(options: Sequence[Any], text: str, *,
                    at_least_glasses: float | None = None) -> Placement:
    """How often, read from `text`, on options with `per_month` bounds (AUDIT 1, 3-8; DUDIT).

    `at_least_glasses`: the question counts only occasions with that many standard glasses
    (AUDIT item 3: six). If the answer names the drinks and they may be fewer ("fyra öl
    varje fredag"), its frequency is not an answer to the question, and nothing is placed.
    """
    if at_least_glasses is not None:
        glasses = read_glasses(text)
        if glasses is not None and (glasses.low < at_least_glasses or glasses.per):
            return Placement(Certainty.NONE, (), glasses.low, glasses.high, glasses.text)
    placements = []
    for f in read_frequencies(text):
        if f.stopped:
            placements.append(Placement(Certainty.NONE, (), f.low, f.high, f.text))
            continue
        placements.append(place_range(f.low, f.high, options, lambda o: o.per_month,
                                      hedged=f.hedged, text=f.text))
    return _one(placements)


def place_glasses(options: Sequence[Any], text: str) -> Placement:
    """Standard glasses on a typical day, read from `text`, on options with `count` bounds
    (AUDIT item 2)."""
    glasses = read_glasses(text)
    if glasses is None:
        return place_count(options, text)  # "sju", "typ åtta": glasses, as asked
    if glasses.per is not None:
        # "två flaskor vin i veckan": a week's drinking, not a typical day's.
        return Placement(Certainty.NONE, (), glasses.low, glasses.high, glasses.text)
    return place_range(glasses.low, glasses.high, options, lambda o: o.count,
                       hedged=glasses.hedged, text=glasses.text)


def place_count(options: Sequence[Any], text: str) -> Placement:
    """How many, read from `text`, on options with `count` bounds (DUDIT item 3)."""
    toks = tokens(text)
    # "tre gånger i veckan" says how often, not how many times a day: not a count here.
    # Per day ("två gånger om dagen") it is one.
    spans = [(f.start, f.end) for f in read_frequencies(text)
             if f.stated is None or f.stated[2] != "dag"]
    placements = []
    for n in numbers(text):
        if any(s <= n.start < e for s, e in spans):
            return NOTHING
        after = toks[n.last].fold if n.last < len(toks) else ""
        if n.article and after not in ("gang", "ganger"):
            continue  # "en bedömning": an article; "en gång": one
        if after and after not in _COUNTED:
            continue  # "34 år", "tre barn": a number of something else
        placements.append(place_range(n.low, n.high, options, lambda o: o.count,
                                      hedged=hedged_before(toks, n.first),
                                      text=text[n.start:n.end]))
    return _one(placements)


# AUDIT items 9-10 and DUDIT items 10-11 score 4 for "Ja, under det senaste året" and 2
# for "Ja, men inte under det senaste året" (the instruments' own scoring).
PAST_YEAR_SCORE, EARLIER_SCORE = 4, 2
_DENIALS = {*NEGATION_WORDS, "nej", "nix", "na"}


def place_past_year(options: Sequence[Any], text: str, today: dt.date) -> Placement:
    """When it happened, read relative to the meeting date `today`, on a past-year scale:
    "syster sa det i somras" is within the past year, "för två år sedan" and "inte sedan
    2023" before it, "i fjol" in December either (LIKELY). Only a time that says it
    happened: a denial anywhere else in the answer ("nej, hon sa inget i somras") gives
    nothing, and "nej" alone is the options' own word, read elsewhere."""
    by_score = {getattr(o, "score", None): o for o in options}
    if set(by_score) != {0, EARLIER_SCORE, PAST_YEAR_SCORE}:
        return NOTHING  # not a past-year scale (a frequency scale also has 2 and 4)
    within, before = by_score[PAST_YEAR_SCORE], by_score[EARLIER_SCORE]
    found = read_months_ago(text, today)
    if not found:
        return NOTHING
    # "inte sedan 2023" carries its own negation; any other denial makes it unclear.
    rest = text
    for ago in found:
        rest = rest.replace(ago.text, " ")
    if any(t.fold in _DENIALS for t in tokens(rest)):
        return Placement(Certainty.NONE, (), None, None, fold(text))
    answers = [within_past_year(ago) for ago in found]
    if True in answers:  # once within the past year is enough ("i julas och för två år sedan")
        ago = found[answers.index(True)]
        return Placement(Certainty.SURE, (within,), ago.low, ago.high, ago.text)
    if set(answers) == {False}:
        return Placement(Certainty.SURE, (before,), found[0].low, found[0].high, found[0].text)
    # On the border ("för ett år sedan", "i fjol"): both, the nearer first.
    ago = found[answers.index(None)]
    nearer = (within, before) if ago.middle <= 12 else (before, within)
    return Placement(Certainty.LIKELY, nearer, ago.low, ago.high, ago.text)


def place_answer(question: Any, text: str) -> Placement:
    """The answer to a frequency or glasses question, on its options; NONE for others.
    The lead's "Menar du …?" uses the LIKELY options as its buttons."""
    options = question.options
    if any(getattr(o, "per_month", None) for o in options):
        return place_frequency(options, text,
                               at_least_glasses=_AT_LEAST_GLASSES.get(question.id))
    if any(getattr(o, "count", None) for o in options):
        if any("glas" in o.label for o in options):
            return place_glasses(options, text)
        return place_count(options, text)
    return NOTHING
