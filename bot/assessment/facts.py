"""Several facts in one message: "Han är arbetslös sedan två år, har skulder hos
Kronofogden och bor i andrahand" speaks to four questions at once. Pure; never guesses.

Each question may list phrases that state its answer (`statements` in the bank, in the
phrase syntax of bot/reading/phrases.py, so a phrase can require a subject and a
predicate). A message is cut into clauses (bot/reading/text.py); in each clause the most
specific phrase wins, and a negation before a "yes" phrase turns it into "no" ("har inte
några skulder"). A question that gets two different values from one message gets none:
the bot asks it later instead. These are readings, not answers: the caller shows them for
confirmation before they count (bot/assessment/turn.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.assessment.question_bank import Module, Question
from bot.assessment.understanding import describe
from bot.nlu.quantities import parse_quantities
from bot.reading.phrases import longest
from bot.reading.text import NEGATION, Clause, clauses, negated_around, words_pattern

_TO_MONTHS = {"dag": 1 / 30.4, "vecka": 1 / 4.35, "månad": 1.0, "år": 12.0}


@dataclass(frozen=True)
class Fact:
    question_id: str
    value: Any
    label: str
    phrase: str  # the clause as typed
    negated: bool = False  # read as "no" because of a negation, not an explicit phrase


_NOT_NOW = words_pattern(("hade", "haft", "tidigare", "forut", "forr", "innan", "slutat",
                          "slutade", "langre"))


def _denied(found, said: str) -> bool:
    phrase, _ = found
    if phrase.negates:
        return False  # "inga skulder" says what it says
    start, end = phrase.span(said)
    return negated_around(said, start, end)


def _past(question: Question, found, said: str) -> bool:
    """A state said as past ("hade en depression för tio år sen"): not today's answer."""
    if question.tense != "present" or found[0].negates:
        return False
    start, _ = found[0].span(said)
    return bool(_NOT_NOW.search(said[max(0, start - 60):start]))


def _yes_no(question: Question, clause: Clause) -> tuple[Any, bool] | None:
    yes = longest(question.yes_statements, clause.said)
    no = longest(question.no_statements, clause.said)
    if no and (not yes or no[0].length >= yes[0].length):
        return (False, False) if not _denied(no, clause.said) else None
    if yes:
        if _past(question, yes, clause.said):
            return None
        negated = _denied(yes, clause.said)
        if negated and question.is_gate:
            # "har inte några skulder" does not say the economy is fine: only an explicit
            # "no" phrase closes a whole area.
            return None
        return (not negated), negated
    return None


def _choice(question: Question, clause: Clause) -> tuple[Any, bool] | None:
    hits = []
    for option in question.options:
        found = longest(option.statements, clause.said)
        if found and not _denied(found, clause.said):
            hits.append((found[0].length, len(found[0].source), option))
    if not hits:
        return None
    hits.sort(key=lambda h: h[:2], reverse=True)
    if len(hits) > 1 and hits[0][:2] == hits[1][:2] and hits[0][2] is not hits[1][2]:
        return None
    return hits[0][2].value, False


def _months(q) -> float:
    middle = q.value if q.value_max is None else (q.value + q.value_max) / 2
    months = round(middle * _TO_MONTHS[q.unit], 1)
    return int(months) if float(months).is_integer() else months


def _duration(question: Question, clause: Clause) -> tuple[Any, bool] | None:
    found = longest(question.patterns, clause.said)
    if not found or _denied(found, clause.said):
        return None
    durations = [q for q in parse_quantities(clause.raw) if q.kind == "duration" and q.unit]
    if len(durations) != 1:
        return None
    return _months(durations[0]), False


def _counted(question: Question, clause: Clause) -> tuple[Any, bool] | None:
    low, high = question.value_range or (float("-inf"), float("inf"))
    counts = [q for q in parse_quantities(clause.raw)
              if q.kind == "number" and q.unit == question.quantity_unit and q.value_max is None
              and low <= q.value <= high]
    if len(counts) != 1 or NEGATION.search(clause.said):
        return None
    value = counts[0].value
    return int(value) if float(value).is_integer() else value, False


def read_fact(question: Question, clause: Clause) -> tuple[Any, bool] | None:
    """What this clause states about the question, with whether a negation decided it."""
    if question.type == "yes_no":
        return _yes_no(question, clause)
    if question.type == "choice":
        return _choice(question, clause)
    if question.type == "duration" and question.patterns:
        return _duration(question, clause)
    if question.type == "number" and question.patterns and question.unit == "månader":
        found = _duration(question, clause)
        if found is None:
            return None
        # "försörjningsstöd i två år" answers "how many of the last 12 months": all 12.
        low, high = question.value_range or (0, found[0])
        return min(max(found[0], low), high), False
    if question.type == "number" and question.quantity_unit:
        return _counted(question, clause)
    return None


def extract_facts(modules: tuple[Module, ...], text: str | list[Clause]) -> list[Fact]:
    """Every fact the message states, at most one per question, in the bank's order."""
    parts = clauses(text or "") if isinstance(text, str) else text
    values: dict[str, set] = {}
    first: dict[str, tuple[Any, bool, str]] = {}
    for clause in parts:
        for module in modules:
            for question in module.questions:
                found = read_fact(question, clause)
                if found is None:
                    continue
                values.setdefault(question.id, set()).add(repr(found[0]))
                first.setdefault(question.id, (*found, clause.raw))
    facts = []
    for module in modules:
        for question in module.questions:
            if question.id in first and len(values[question.id]) == 1:
                value, negated, phrase = first[question.id]
                facts.append(Fact(question.id, value, describe(question, value, modules), phrase,
                                  negated))
    return facts
