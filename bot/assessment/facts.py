"""Several facts in one message: "Han är arbetslös sedan två år, har skulder hos
Kronofogden och bor i andrahand" answers four questions at once. Pure; never guesses.

Each question may list phrases that state its answer (`statements` in the bank). A message
is cut into clauses; in each clause the longest phrase wins, and a negation before a "yes"
phrase turns it into "no" ("har inte några skulder"). A question that gets two different
values from one message gets none: the bot asks it later instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.assessment.question_bank import Module, Question
from bot.assessment.understanding import NEGATION_WORDS, describe, fold, words_pattern
from bot.nlu.quantities import parse_quantities

_CLAUSE_SPLIT = re.compile(r"[,;.!?]|\s(?:och|men|samt|plus|dessutom)\s", re.IGNORECASE)
NEGATION = words_pattern((*NEGATION_WORDS, "saknar", "utan"))
_TO_MONTHS = {"dag": 1 / 30.4, "vecka": 1 / 4.35, "månad": 1.0, "år": 12.0}


@dataclass(frozen=True)
class Fact:
    question_id: str
    value: Any
    label: str
    phrase: str
    negated: bool = False  # read as "no" because of a negation, not an explicit phrase


def _clauses(text: str) -> list[str]:
    # "ett och ett halvt år" must stay whole: protect "och ett/en halv" before splitting.
    protected = re.sub(r"\soch\s(?=(?:en|ett)\s+halv)", " OCHHALV ", text, flags=re.IGNORECASE)
    parts = [p.replace(" OCHHALV ", " och ") for p in _CLAUSE_SPLIT.split(protected)]
    return [p.strip() for p in parts if p and p.strip()]


def _find(phrase: str, clause: str) -> int:
    match = re.search(rf"(?<![a-z0-9]){re.escape(fold(phrase))}(?![a-z0-9])", clause)
    return match.start() if match else -1


def _longest(phrases, clause: str) -> tuple[str, int] | None:
    best = None
    for phrase in phrases:
        at = _find(phrase, clause)
        if at >= 0 and (best is None or len(fold(phrase)) > len(fold(best[0]))):
            best = (phrase, at)
    return best


def _negated_before(clause: str, at: int) -> bool:
    return bool(NEGATION.search(clause[:at]))


def _yes_no(question: Question, clause: str) -> tuple[Any, str, bool] | None:
    yes = _longest(question.yes_statements, clause)
    no = _longest(question.no_statements, clause)
    if no and (not yes or len(fold(no[0])) >= len(fold(yes[0]))):
        return False, no[0], False
    if yes:
        negated = _negated_before(clause, yes[1])
        return (not negated), yes[0], negated
    return None


def _choice(question: Question, clause: str) -> tuple[Any, str] | None:
    hits = []
    for option in question.options:
        found = _longest(option.statements, clause)
        if found and not _negated_before(clause, found[1]):
            hits.append((len(fold(found[0])), option, found[0]))
    if not hits:
        return None
    hits.sort(key=lambda h: h[0], reverse=True)
    if len(hits) > 1 and hits[0][0] == hits[1][0] and hits[0][1] is not hits[1][1]:
        return None
    return hits[0][1].value, hits[0][2], False


def _duration(question: Question, raw_clause: str, clause: str) -> tuple[Any, str] | None:
    found = _longest(question.patterns, clause)
    if not found:
        return None
    durations = [q for q in parse_quantities(raw_clause) if q.kind == "duration" and q.unit]
    if len(durations) != 1:
        return None
    q = durations[0]
    months = round((q.value if q.value_max is None else (q.value + q.value_max) / 2)
                   * _TO_MONTHS[q.unit], 1)
    return (int(months) if float(months).is_integer() else months), found[0], False


def _counted(question: Question, raw_clause: str) -> tuple[Any, str] | None:
    low, high = question.value_range or (float("-inf"), float("inf"))
    for q in parse_quantities(raw_clause):
        if q.kind == "number" and q.unit == question.quantity_unit and q.value_max is None:
            if low <= q.value <= high:
                return int(q.value) if float(q.value).is_integer() else q.value, q.text, False
    return None


def _read(question: Question, raw_clause: str) -> tuple[Any, str, bool] | None:
    clause = fold(raw_clause)
    if question.type == "yes_no":
        return _yes_no(question, clause)
    if question.type == "choice":
        return _choice(question, clause)
    if question.type == "duration" and question.patterns:
        return _duration(question, raw_clause, clause)
    if question.type == "number" and question.quantity_unit:
        return _counted(question, raw_clause)
    return None


def extract_facts(modules: tuple[Module, ...], text: str) -> list[Fact]:
    """Every fact the message states, at most one per question, in the bank's order."""
    values: dict[str, set] = {}
    first: dict[str, tuple[Any, str, bool]] = {}
    for raw_clause in _clauses(text or ""):
        for module in modules:
            for question in module.questions:
                found = _read(question, raw_clause)
                if found is None:
                    continue
                values.setdefault(question.id, set()).add(repr(found[0]))
                first.setdefault(question.id, found)
    facts = []
    for module in modules:
        for question in module.questions:
            if question.id in first and len(values[question.id]) == 1:
                value, phrase, negated = first[question.id]
                facts.append(Fact(question.id, value, describe(question, value, modules), phrase,
                                  negated))
    return facts
