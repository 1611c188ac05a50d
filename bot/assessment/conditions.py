"""Conditions in the question bank: when a question is asked and when an answer indicates a
factor. Pure. A condition on one value is `true`/`false`, a list of option keys, or a range
`{min, max}`; a condition on several questions maps question ids to such conditions.

A question that was skipped (value None) or never asked meets no condition: a follow-up is
not asked after a skipped question, and no factor is read into a missing answer.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MISSING = object()


def value_matches(expected: Any, value: Any) -> bool:
    if value is None or value is MISSING:
        return False
    if isinstance(expected, bool):
        return value is expected
    if isinstance(expected, (list, tuple)):
        return value in expected
    if isinstance(expected, Mapping):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return False
        low, high = expected.get("min"), expected.get("max")
        return (low is None or value >= low) and (high is None or value <= high)
    return value == expected


def all_match(conditions: Mapping[str, Any] | None, answers: Mapping[str, Any]) -> bool:
    return pairs_match((conditions or {}).items(), answers)


def pairs_match(conditions, answers: Mapping[str, Any]) -> bool:
    """all_match on (question id, condition) pairs, as the bank keeps a question's `when`:
    the flow asks it of every question twice a turn, without building a dict each time."""
    return all(value_matches(expected, answers.get(qid, MISSING)) for qid, expected in conditions)
