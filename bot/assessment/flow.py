"""Which question comes next, and how far the assessment has come. Pure functions.

Modules run in the bank's order; a gate question answered "no" skips its module, and a
skipped question counts as handled (it is recorded as överhoppad, not forgotten).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.assessment.question_bank import Module, Question

SKIPPED = object()


def _gated_off(module: Module, answers: dict[str, Any]) -> bool:
    gates = [q for q in module.questions if q.gate_for == module.id]
    return any(answers.get(g.id) is False for g in gates)


def remaining(modules: tuple[Module, ...], answers: dict[str, Any]) -> list[Question]:
    left: list[Question] = []
    for module in modules:
        for question in module.questions:
            if question.id in answers:
                continue
            if question.gate_for is None and _gated_off(module, answers):
                continue
            left.append(question)
    return left


def next_question(modules: tuple[Module, ...], answers: dict[str, Any]) -> Question | None:
    left = remaining(modules, answers)
    return left[0] if left else None


@dataclass(frozen=True)
class Progress:
    module_name: str
    module_number: int
    module_count: int
    question_number: int
    question_count: int
    questions_left: int

    def as_text(self) -> str:
        return (f"{self.module_name} (modul {self.module_number} av {self.module_count}), "
                f"fråga {self.question_number} av {self.question_count}")


def progress(modules: tuple[Module, ...], answers: dict[str, Any]) -> Progress | None:
    question = next_question(modules, answers)
    if question is None:
        return None
    index = next(i for i, m in enumerate(modules) if m.id == question.module)
    module = modules[index]
    position = [q.id for q in module.questions].index(question.id) + 1
    return Progress(module.name, index + 1, len(modules), position, len(module.questions),
                    len(remaining(modules, answers)))
