"""Who may read which assessment. Pure rules, so every route asks the same question.

- handläggare: their own assessments;
- arbetsledare: assessments made by case workers of their own unit;
- utbildare: training (practice) assessments only;
- admin: users and the access log, not case content.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reader:
    user_id: int
    role: str
    unit: str


@dataclass(frozen=True)
class Owner:
    case_worker_id: int | None
    case_worker_unit: str | None
    training: bool


def can_read_assessment(reader: Reader, owner: Owner) -> bool:
    if reader.role == "handläggare":
        return owner.case_worker_id is not None and owner.case_worker_id == reader.user_id
    if reader.role == "arbetsledare":
        return owner.case_worker_unit is not None and owner.case_worker_unit == reader.unit
    if reader.role == "utbildare":
        return owner.training
    return False
