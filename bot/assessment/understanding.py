"""From a typed answer to an option of a choice question. Pure; never guesses.

Tried in order: the option's label or a synonym (typed without å/ä/ö too), a quantity
("två gånger i veckan", "5-6 glas") placed in the option's range, a close spelling of a
synonym. Anything else is not understood, and the bot asks again with the options.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from bot.assessment.question_bank import Option, Question
from bot.nlu.quantities import parse_quantities

_FOLD = str.maketrans("åäöéü", "aaoeu")
_PER_MONTH = {"dag": 30.4, "vecka": 4.35, "månad": 1.0, "år": 1 / 12}
FUZZY_CUTOFF = 0.85


@dataclass(frozen=True)
class Understood:
    option: Option
    how: str  # "synonym" | "mängd" | "stavning"


def fold(text: str) -> str:
    """Lower case, no diacritics, words only: how answers are compared."""
    text = text.lower().translate(_FOLD)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _phrases(option: Option) -> list[str]:
    return [fold(p) for p in (option.label, *option.synonyms) if fold(p)]


def _by_phrase(question: Question, said: str) -> Option | None:
    exact = [o for o in question.options if said in _phrases(o)]
    if len(exact) == 1:
        return exact[0]
    # The longest phrase found inside the answer wins: "ja men inte senaste aret" beats "ja".
    best: tuple[int, Option] | None = None
    ambiguous = False
    for option in question.options:
        for phrase in _phrases(option):
            if re.search(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", said):
                if best is None or len(phrase) > best[0]:
                    best, ambiguous = (len(phrase), option), False
                elif len(phrase) == best[0] and option is not best[1]:
                    ambiguous = True
    return None if best is None or ambiguous else best[1]


def _in_range(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]


def _by_quantity(question: Question, text: str) -> Option | None:
    for q in parse_quantities(text):
        middle = q.value if q.value_max is None else (q.value + q.value_max) / 2
        if question.frequency_answer and q.kind == "frequency" and q.unit in _PER_MONTH:
            per_month = middle * _PER_MONTH[q.unit]
            hits = [o for o in question.options if o.per_month and _in_range(per_month, o.per_month)]
        elif q.kind == "number":
            hits = [o for o in question.options if o.count and _in_range(middle, o.count)]
        else:
            continue
        if len(hits) == 1:
            return hits[0]
    return None


def _by_spelling(question: Question, said: str) -> Option | None:
    phrases = {p: o for o in question.options for p in _phrases(o)}
    close = difflib.get_close_matches(said, list(phrases), n=2, cutoff=FUZZY_CUTOFF)
    if len(close) == 1 or (len(close) == 2 and phrases[close[0]] is phrases[close[1]]):
        return phrases[close[0]]
    return None


def understand_choice(question: Question, text: str) -> Understood | None:
    said = fold(text or "")
    if not said:
        return None
    option = _by_phrase(question, said)
    if option is not None:
        return Understood(option, "synonym")
    option = _by_quantity(question, text)
    if option is not None:
        return Understood(option, "mängd")
    option = _by_spelling(question, said)
    if option is not None:
        return Understood(option, "stavning")
    return None


_YES = {"ja", "japp", "jepp", "jo", "jadå", "jada", "absolut", "javisst", "ja visst", "stammer",
        "det stammer", "yes", "ja det har hen", "ja det har han", "ja det har hon", "osaker",
        "kanske", "vet inte", "troligen"}
_NO = {"nej", "nix", "nä", "na", "aldrig", "inte alls", "nej aldrig", "nej inte alls", "no"}


def understand_yes_no(text: str) -> bool | None:
    """Yes or no. For a gate question "unsure" counts as yes: the full instrument is asked
    rather than a problem missed."""
    said = fold(text or "")
    if said in _YES or said.startswith("ja "):
        return True
    if said in _NO or said.startswith("nej "):
        return False
    return None
