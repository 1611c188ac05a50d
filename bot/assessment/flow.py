"""Which question comes next, and how far the assessment has come. Pure functions.

Modules run in the bank's order. A module the case worker did not choose is left out; a
gate answer in `skips_module_if` closes the rest of its module (but for the questions
marked `past_gate`, like DUDIT items 10-11, which ask about earlier use too); a follow-up whose `when`
is not met is not relevant. A question marked sensitive (seen_alone) is deferred, not
dropped, until the client is seen alone (001:6798-6808). A skipped question counts as
handled: it is stored as överhoppad with its reason, not forgotten.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.assessment.conditions import pairs_match
from bot.assessment.question_bank import Module, Question

CHOICE_QUESTION = "modules_chosen"
SEEN_ALONE = "seen_alone"

# Status of each question for the summary and for supervisors (domain.md §7.4).
ANSWERED, SKIPPED, DEFERRED, NOT_RELEVANT, NOT_CHOSEN, OPEN = (
    "besvarad", "överhoppad", "uppskjuten", "inte aktuell", "inte vald", "obesvarad")


def chosen_modules(modules: tuple[Module, ...], answers: Mapping[str, Any]) -> tuple[Module, ...]:
    chosen = answers.get(CHOICE_QUESTION)
    if not isinstance(chosen, list):
        return modules
    return tuple(m for m in modules if m.order == 0 or m.id in chosen)


def _module_closed(module: Module, answers: Mapping[str, Any]) -> bool:
    return any(q.is_gate and q.id in answers and answers[q.id] in q.skips_module_if
               for q in module.questions)


def status(module: Module, question: Question, modules: tuple[Module, ...],
           answers: Mapping[str, Any]) -> str:
    return _status(module in chosen_modules(modules, answers),
                   _module_closed(module, answers), question, answers)


def _status(chosen: bool, closed: bool, question: Question, answers: Mapping[str, Any]) -> str:
    if not chosen:
        return NOT_CHOSEN
    if question.id in answers:
        return ANSWERED if answers[question.id] is not None else SKIPPED
    # A gate closes the rest of its module, except the questions marked past_gate.
    open_despite_gate = question.is_gate or not closed or question.past_gate
    if not open_despite_gate or not pairs_match(question.when, answers):
        return NOT_RELEVANT
    if question.sensitive == SEEN_ALONE and answers.get(SEEN_ALONE) is not True:
        return DEFERRED
    return OPEN


def _statuses(modules: tuple[Module, ...], answers: Mapping[str, Any]):
    """Every question with its module and status, in order: the one walk over the bank
    that every "what is next" answer comes from. The module choice and each module's gate
    are read once, not once per question: the action server asks this on every answer."""
    chosen = chosen_modules(modules, answers)
    for module in modules:
        is_chosen = any(module is c for c in chosen)
        closed = is_chosen and _module_closed(module, answers)
        for question in module.questions:
            yield module, question, _status(is_chosen, closed, question, answers)


def remaining(modules: tuple[Module, ...], answers: Mapping[str, Any]) -> list[Question]:
    return [q for _, q, state in _statuses(modules, answers) if state == OPEN]


def deferred(modules: tuple[Module, ...], answers: Mapping[str, Any]) -> list[Question]:
    return [q for _, q, state in _statuses(modules, answers) if state == DEFERRED]


def next_question(modules: tuple[Module, ...], answers: Mapping[str, Any]) -> Question | None:
    return next((q for _, q, state in _statuses(modules, answers) if state == OPEN), None)


@dataclass(frozen=True)
class Progress:
    module_name: str
    module_number: int
    module_count: int
    question_number: int
    question_count: int
    questions_left: int

    def as_text(self) -> str:
        return (f"{self.module_name} (område {self.module_number} av {self.module_count}), "
                f"fråga {self.question_number} av {self.question_count}")

    def as_sentence(self) -> str:
        left = "1 fråga" if self.questions_left == 1 else f"{self.questions_left} frågor"
        return (f"Vi är i området {self.module_name}, område {self.module_number} av "
                f"{self.module_count}, fråga {self.question_number} av {self.question_count}. "
                f"Det återstår ungefär {left} i hela bedömningen; antalet kan ändras "
                "beroende på svaren.")


def _undecided(module: Module, question: Question, answers: Mapping[str, Any]) -> bool:
    """A follow-up whose condition waits for an unanswered question may still be asked."""
    return (not _module_closed(module, answers) and question.id not in answers
            and any(qid not in answers for qid, _ in question.when))


@dataclass(frozen=True)
class Step:
    """The decision about what is asked next, taken once per turn: the question (None when
    every question is handled), where it stands, and a digest of the answers it was
    decided from, so that a later turn can tell whether the decision still holds."""
    question: Question | None
    progress: Progress | None
    answers_digest: str


def answers_digest(modules: tuple[Module, ...], answers: Mapping[str, Any]) -> str:
    """Which question is next depends on the bank and the answers alone: equal digests,
    equal decision. Values are JSON as stored, so a list read back equals the tuple that
    was recorded; the bank's part is the same in every process (no sets, no ids)."""
    text = json.dumps(answers, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(f"{_bank_fingerprint(modules)}:{text}".encode(),
                           digest_size=12).hexdigest()


# Bank -> (the bank, its fingerprint): the bank is kept so that its id is never reused.
_FINGERPRINTS: dict[int, tuple[tuple[Module, ...], str]] = {}


def _bank_fingerprint(modules: tuple[Module, ...]) -> str:
    """What of the bank decides the order of the questions: a changed bank (a new
    release while a conversation is open) makes an earlier decision stale."""
    kept = _FINGERPRINTS.get(id(modules))
    if kept is None or kept[0] is not modules:
        shape = [(m.id, m.order, m.name, [(q.id, q.when, q.skips_module_if, q.sensitive,
                                           q.past_gate, q.is_gate) for q in m.questions])
                 for m in modules]
        kept = (modules, hashlib.blake2b(repr(shape).encode(), digest_size=12).hexdigest())
        _FINGERPRINTS[id(modules)] = kept
    return kept[1]


def decide(modules: tuple[Module, ...], answers: Mapping[str, Any]) -> Step:
    """The next question and its progress from one walk over the bank (next_question,
    progress and remaining used to walk it once each, several times per turn)."""
    walked = list(_statuses(modules, answers))
    digest = answers_digest(modules, answers)
    first = next(((m, q) for m, q, state in walked if state == OPEN), None)
    if first is None:
        return Step(None, None, digest)
    module, question = first
    active = chosen_modules(modules, answers)
    index = next(i for i, m in enumerate(active) if m.id == question.module)
    # Count only the questions that apply in this module: "fråga 3 av 5", not "3 av 9".
    applicable = [q for m, q, state in walked if m is module
                  and (state in (ANSWERED, SKIPPED, OPEN) or _undecided(module, q, answers))]
    left = sum(1 for _, _, state in walked if state == OPEN)
    return Step(question, Progress(module.name, index + 1, len(active),
                                   applicable.index(question) + 1, len(applicable), left),
                digest)


def progress(modules: tuple[Module, ...], answers: Mapping[str, Any]) -> Progress | None:
    return decide(modules, answers).progress
