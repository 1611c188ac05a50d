"""The record beside the chat: what is stored so far, area by area. Pure.

Built from the bank, the stored answer rows and the pending proposals every time it is
read, like the summary, so it can never disagree with what the conversation stored. Each
answer carries the words it came from (the stored, masked message) and the sentence that
corrects it through the chat, "ändra svaret om <ämne> till …", so a click in the panel
takes the same path, with the same history, as a typed correction.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.assessment.answer_types import describe
from bot.assessment.flow import (
    ANSWERED,
    DEFERRED,
    NOT_CHOSEN,
    NOT_RELEVANT,
    OPEN,
    SKIPPED,
    chosen_modules,
    next_question,
    remaining,
    status,
)
from bot.assessment.pending import MEANT, NOTICED, Pending
from bot.assessment.question_bank import Module, Question
from bot.reading.text import fold

# What each status is called in the panel; "inte aktuell" questions are not listed.
SHOWN = {ANSWERED: "besvarad", SKIPPED: "överhoppad", DEFERRED: "uppskjuten", OPEN: "kvar"}
PENDING_KINDS = (MEANT, NOTICED)
# What the panel's buttons send for readings waiting for a yes: the chat's own replies
# (a typed button title counts as pressing it), so the core decides as for a typed one.
CONFIRM = {NOTICED: ("Ja, det stämmer", "Nej"), MEANT: ("Ja", "Nej")}


@dataclass(frozen=True)
class AnswerRow:
    """One stored answer row, as the panel needs it (bot.storage.models.Answer)."""

    question_id: str
    value: Any
    source: str
    masked_text: str | None
    skip_reason: str | None
    current: bool
    answered_at: str | None = None


def correction_prefix(question: Question, modules: tuple[Module, ...]) -> str:
    """The start of the chat message that corrects this answer; the new value follows.
    It names the question by its topic, or by an alias when another question shares the
    topic (AUDIT 5 and DUDIT 7 are both "att ha låtit bli att göra något")."""
    return f"ändra svaret om {_unique_name(question, modules)} till "


def _unique_name(question: Question, modules: tuple[Module, ...]) -> str:
    taken: dict[str, int] = {}
    for other in (q for m in modules for q in m.questions):
        for name in {fold(n) for n in (other.about, *other.aliases)}:
            taken[name] = taken.get(name, 0) + 1
    return next((n for n in (question.about, *question.aliases) if taken.get(fold(n)) == 1),
                question.about)


def choices(question: Question) -> list[dict[str, Any]]:
    """The answers a click can choose, each as the words a correction names it by."""
    if question.type == "yes_no":
        return [{"label": "ja", "says": "ja"}, {"label": "nej", "says": "nej"}]
    if question.type == "choice":
        return [{"label": describe(question, o.value), "says": o.label} for o in question.options]
    return []


def _question_entry(question: Question, state: str, modules,
                    rows: list[AnswerRow]) -> dict[str, Any]:
    current = next((r for r in reversed(rows) if r.current), None)
    entry: dict[str, Any] = {
        "id": question.id, "topic": question.about, "text": question.text,
        "type": question.type, "status": SHOWN[state],
    }
    if state in (ANSWERED, SKIPPED) and current is not None:
        entry.update(
            answer=describe(question, current.value, modules),
            words=current.masked_text,
            source=current.source,
            skip_reason=current.skip_reason or (None if state == ANSWERED
                                                else "ingen orsak angiven"),
            answered_at=current.answered_at,
            earlier=[describe(question, r.value, modules) for r in rows if not r.current],
        )
    if state in (ANSWERED, SKIPPED):
        entry["correct"] = {"prefix": correction_prefix(question, modules), "choices": choices(question)}
    if state == DEFERRED:
        entry["why"] = "ställs när klienten är med ensam"
    return entry


def _area(module: Module, modules: tuple[Module, ...], answers: Mapping[str, Any],
          by_question: Mapping[str, list[AnswerRow]], chosen: bool) -> dict[str, Any]:
    area: dict[str, Any] = {"id": module.id, "name": module.name, "chosen": chosen,
                            "questions": [], "closed_by": None}
    if not chosen:
        area["state"] = "inte vald"
        return area
    counts = dict.fromkeys(SHOWN.values(), 0)
    for question in module.questions:
        state = status(module, question, modules, answers)
        if state in (NOT_RELEVANT, NOT_CHOSEN):
            continue
        entry = _question_entry(question, state, modules, by_question.get(question.id, []))
        counts[entry["status"]] += 1
        area["questions"].append(entry)
        if question.is_gate and answers.get(question.id, object()) in question.skips_module_if:
            area["closed_by"] = (f"Resten av området behövs inte: {question.about} – "
                                 f"{describe(question, answers[question.id], modules)}.")
    area["counts"] = counts
    area["state"] = "kvar" if counts["kvar"] else "klart"
    return area


def _confirm(pending: list[Pending]) -> dict[str, str] | None:
    """The replies that decide what waits: a "Menar du …?" first, else the noticed facts,
    all at once (bot.assessment.turn asks and decides them in that order)."""
    kinds = {p.kind for p in pending}
    kind = MEANT if MEANT in kinds else NOTICED if NOTICED in kinds else None
    if kind is None:
        return None
    yes, no = CONFIRM[kind]
    return {"kind": kind, "yes": yes, "no": no}


def current_values(rows: Iterable[AnswerRow]) -> dict[str, Any]:
    """question id -> current value (None for a skip), as bot.storage.answers has it."""
    return {r.question_id: r.value for r in rows if r.current}


def build_record(modules: tuple[Module, ...], rows: Iterable[AnswerRow],
                 pending: Iterable[Pending] = ()) -> dict[str, Any]:
    """The panel's content: areas with their questions, what is pending, what is left."""
    rows, pending = list(rows), list(pending)
    by_question: dict[str, list[AnswerRow]] = {}
    for row in rows:
        by_question.setdefault(row.question_id, []).append(row)
    answers = current_values(rows)
    chosen = chosen_modules(modules, answers)
    areas = [_area(m, modules, answers, by_question, any(m is c for c in chosen))
             for m in modules]
    by_id = {q.id: q for m in modules for q in m.questions}
    upcoming = next_question(modules, answers)
    return {
        "areas": areas,
        "pending": [
            {"question_id": p.question_id, "topic": by_id[p.question_id].about,
             "label": p.label, "value": p.value, "words": p.phrase or None, "kind": p.kind}
            for p in pending if p.question_id in by_id and p.kind in PENDING_KINDS
        ],
        "confirm": _confirm(pending),
        "left": len(remaining(modules, answers)),
        "next": upcoming.about if upcoming else None,
    }
