"""The question bank: every question defined once, in data/questions/*.yml.

Everything else (the dialogue, validation, scoring checks, summaries, review pages)
reads questions from here, so a wording or a score is never kept in two places.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from bot.scoring.instruments import ALLOWED_SCORES

QUESTIONS_DIR = Path(__file__).resolve().parents[2] / "data" / "questions"
ANSWER_TYPES = ("choice", "yes_no", "number", "duration", "free_text")


@dataclass(frozen=True)
class Option:
    score: int
    label: str
    synonyms: tuple[str, ...] = ()
    per_month: tuple[float, float] | None = None  # for frequency answers
    count: tuple[float, float] | None = None  # for "how many" answers


@dataclass(frozen=True)
class Question:
    id: str
    module: str
    text: str
    help: str
    type: str
    options: tuple[Option, ...] = ()
    frequency_answer: bool = False
    gate_for: str | None = None


@dataclass(frozen=True)
class Module:
    id: str
    name: str
    order: int
    intro: str
    instrument: str | None
    questions: tuple[Question, ...] = field(default_factory=tuple)


def _option(raw: dict) -> Option:
    return Option(
        score=raw["score"], label=raw["label"], synonyms=tuple(raw.get("synonyms", ())),
        per_month=tuple(raw["per_month"]) if "per_month" in raw else None,
        count=tuple(raw["count"]) if "count" in raw else None,
    )


def load_module(path: Path) -> Module:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta = doc["module"]
    questions = tuple(
        Question(
            id=q["id"], module=meta["id"], text=" ".join(q["text"].split()),
            help=" ".join(q.get("help", "").split()), type=q["type"],
            options=tuple(_option(o) for o in q.get("options", ())),
            frequency_answer=bool(q.get("frequency_answer")), gate_for=q.get("gate_for"),
        )
        for q in doc["questions"]
    )
    return Module(meta["id"], meta["name"], meta["order"], " ".join(meta["intro"].split()),
                  meta.get("instrument"), questions)


@cache
def load_bank(directory: Path = QUESTIONS_DIR) -> tuple[Module, ...]:
    modules = [load_module(p) for p in sorted(directory.glob("*.yml"))]
    return tuple(sorted(modules, key=lambda m: m.order))


def questions_by_id(directory: Path = QUESTIONS_DIR) -> dict[str, Question]:
    return {q.id: q for m in load_bank(directory) for q in m.questions}


def check_bank(modules: tuple[Module, ...]) -> list[str]:
    """Problems in the bank, in Swedish; empty when it is consistent."""
    problems: list[str] = []
    seen: set[str] = set()
    for module in modules:
        for q in module.questions:
            if q.id in seen:
                problems.append(f"{q.id}: id förekommer mer än en gång")
            seen.add(q.id)
            if q.type not in ANSWER_TYPES:
                problems.append(f"{q.id}: okänd svarstyp {q.type!r}")
            if q.type == "choice" and not q.options:
                problems.append(f"{q.id}: flervalsfråga utan alternativ")
            if q.type == "choice" and len({o.score for o in q.options}) != len(q.options):
                problems.append(f"{q.id}: två alternativ har samma poäng")
        if module.instrument:
            allowed = ALLOWED_SCORES[module.instrument]
            for item_id, scores in allowed.items():
                q = next((x for x in module.questions if x.id == item_id), None)
                if q is None:
                    problems.append(f"{module.id}: {item_id} saknas")
                elif {o.score for o in q.options} != set(scores):
                    problems.append(f"{item_id}: poängen {sorted(o.score for o in q.options)} "
                                    f"skiljer sig från instrumentets {sorted(scores)}")
    return problems
