"""Every quantity in a message as one flat list, for the callers that want the number as
said and its unit: "två gånger i veckan" is 2 per vecka, "sedan tre år" 3 år, "5-6 glas"
5..6 glas. The Rasa component (bot.nlu.quantity_extractor) turns these into entities; the
readings by meaning (per month, in months, in standard glasses) are in frequency.py,
time.py and drinks.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.reading.frequency import read_frequencies
from bot.reading.numbers import numbers, tokens
from bot.reading.time import read_durations

# Words after a number that are not the thing counted ("två gånger", "fem till sex").
_NOT_UNITS = {"ganger", "gang", "ggr", "till", "och", "eller", "i", "per"}


@dataclass(frozen=True)
class Quantity:
    kind: str  # "number" | "duration" | "frequency"
    value: float
    value_max: float | None
    unit: str | None  # duration: its unit; frequency: the period; number: what is counted
    start: int
    end: int
    text: str


# A duration's unit in months, as the questions count them.
_IN_MONTHS = {"dag": 1 / 30.4, "vecka": 1 / 4.35, "månad": 1.0, "år": 12.0}


def in_months(value: float, unit: str) -> float:
    return value * _IN_MONTHS[unit]


def months_of(q: Quantity) -> float:
    """A duration in months, a range by its middle, to one decimal ("ett halvår" is 6)."""
    middle = q.value if q.value_max is None else (q.value + q.value_max) / 2
    months = round(in_months(middle, q.unit), 1)
    return int(months) if float(months).is_integer() else months


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity in the text: frequencies first claimed, then durations and numbers."""
    text = text or ""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(kind, low, high, unit, start, end):
        found.append(Quantity(kind, float(low), None if high == low else float(high), unit,
                              start, end, text[start:end]))
        taken.append((start, end))

    for f in read_frequencies(text):
        if f.stated is not None:
            add("frequency", *f.stated, f.start, f.end)
    for d in read_durations(text, ago_too=True):
        if d.stated is not None and not _overlaps(taken, d.start, d.end):
            add("duration", *d.stated, d.start, d.end)
    toks = tokens(text)
    for n in numbers(text):
        if _overlaps(taken, n.start, n.end) or n.article:
            continue  # "en bedömning" is an article, not a count
        nxt = toks[n.last] if n.last < len(toks) else None
        counted = nxt is not None and not text[n.end:nxt.start].strip() and nxt.fold.isalpha()
        if n.vague and not counted:
            continue  # "några" alone counts nothing
        if counted and nxt.fold not in _NOT_UNITS:
            add("number", n.low, n.high, nxt.text, n.start, nxt.end)
        else:
            add("number", n.low, n.high, None, n.start, n.end)
    return sorted(found, key=lambda q: q.start)
