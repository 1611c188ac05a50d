"""Fit conditions: whom a catalogue entry is for and whom not, as data (`fit:` in
data/catalogue/*.yml), each with the seed line that says so. Pure.

An entry whose conditions are not all met is never suggested. Precision before recall: a
condition on an answer that was not given is not met, and a condition the question bank
cannot answer (`unasked`, e.g. a partner in the home) is never met, so the entry waits
for the case worker to look it up ("vad finns för …?") rather than being suggested on a
guess.

Forms (every condition also has `source`, a seed line range, and `why`, Swedish text):
  factor: id             the factor was found
  any_factor: [ids]      at least one was found
  no_factor: id          the factor was not found
  question: id, is: v    the answer matches v (true/false, option keys, {min, max}; for a
                         list answer such as the children's ages: any item)
  question: id, is_not: v  the answer was given and does not match v
  unasked: text          the bank does not ask this: never met
  organisation: text     a way for the units to work (going through eviction notices
                         together), not support offered to one person: never suggested,
                         still found by "vad finns för …?"
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.assessment.conditions import value_matches

KINDS = ("factor", "any_factor", "no_factor", "question", "unasked", "organisation")


@dataclass(frozen=True)
class Condition:
    kind: str
    ids: tuple[str, ...]   # factor ids, or the one question id
    expected: Any = None   # for question: the value it must (or must not) match
    negate: bool = False   # question ... is_not
    why: str = ""
    source: str = ""
    text: str = ""         # unasked: what the bank does not ask


def parse_condition(raw: Mapping[str, Any]) -> Condition:
    """Raises ValueError with a Swedish reason for a condition of no known form."""
    common = {"why": " ".join(str(raw.get("why", "")).split()), "source": str(raw.get("source", ""))}
    if "factor" in raw:
        return Condition("factor", (str(raw["factor"]),), **common)
    if "any_factor" in raw:
        return Condition("any_factor", tuple(str(f) for f in raw["any_factor"]), **common)
    if "no_factor" in raw:
        return Condition("no_factor", (str(raw["no_factor"]),), **common)
    if "question" in raw:
        if ("is" in raw) == ("is_not" in raw):
            raise ValueError("ett villkor på en fråga ska ha antingen is eller is_not")
        negate = "is_not" in raw
        return Condition("question", (str(raw["question"]),),
                         raw["is_not"] if negate else raw["is"], negate, **common)
    for kind in ("unasked", "organisation"):
        if kind in raw:
            return Condition(kind, (), text=str(raw[kind]), **common)
    raise ValueError(f"okänt villkor {dict(raw)!r}; känt: {', '.join(KINDS)}")


def _answer_matches(expected: Any, value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return any(value_matches(expected, item) for item in value)
    return value_matches(expected, value)


def met(condition: Condition, factors: set[str], answers: Mapping[str, Any]) -> bool:
    if condition.kind == "factor":
        return condition.ids[0] in factors
    if condition.kind == "any_factor":
        return bool(set(condition.ids) & factors)
    if condition.kind == "no_factor":
        return condition.ids[0] not in factors
    if condition.kind == "question":
        value = answers.get(condition.ids[0])
        if value is None:
            return False  # not answered: the fit is unknown, so it is not met
        matches = _answer_matches(condition.expected, value)
        return not matches if condition.negate else matches
    return False  # unasked, organisation


def unmet(conditions: tuple[Condition, ...], factors: set[str],
          answers: Mapping[str, Any]) -> list[Condition]:
    return [c for c in conditions if not met(c, factors, answers)]
