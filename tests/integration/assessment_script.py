"""A whole short assessment as a list of steps (start, Inledning, AUDIT), with what each
acknowledged step must have stored, for the fault and concurrency tests.

Each conversation gets its own AUDIT answers, so a test can tell whose answers ended up
where.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, select

from bot.assessment.question_bank import questions_by_id
from bot.storage.models import Answer, Assessment, Case

AUDIT_ITEMS = [f"audit_{n}" for n in range(1, 11)]


@dataclass(frozen=True)
class Step:
    kind: str  # "text" (typed) or "payload" (a button pressed)
    value: str
    records: tuple[tuple[str, Any], ...] = ()  # (question id, stored value)
    asks: str | None = None  # the question the bot must ask next, once this step is stored

    def body(self, conversation_id: str | None, client_message_id: str | None = None) -> dict:
        body: dict[str, Any] = {"conversation_id": conversation_id, self.kind: self.value}
        if client_message_id:
            body["client_message_id"] = client_message_id
        return body


def audit_scores(rng: random.Random) -> list[int]:
    """One client's AUDIT answers: items 1–8 score 0–4, items 9–10 score 0, 2 or 4."""
    bank = questions_by_id()
    return [rng.choice([o.score for o in bank[item].options]) for item in AUDIT_ITEMS]


def steps(reference: str, scores: list[int]) -> list[Step]:
    """Start an assessment, answer Inledning (woman, 40, seen alone, alcohol only) and AUDIT."""
    bank = questions_by_id()
    label = {item: {o.score: o.label for o in bank[item].options} for item in AUDIT_ITEMS}
    out = [
        Step("text", "ny bedömning"),
        Step("text", reference),
        Step("text", "ja", asks="client_sex"),  # consent: the assessment starts
        Step("payload", "Kvinna", (("client_sex", "kvinna"),), asks="client_age"),
        Step("text", "40", (("client_age", 40),), asks="seen_alone"),
        Step("payload", "Ja", (("seen_alone", True),), asks="modules_chosen"),
        Step("text", "bara alkohol", (("modules_chosen", ["alkohol"]),), asks="audit_1"),
    ]
    for n, (item, score) in enumerate(zip(AUDIT_ITEMS, scores, strict=True)):
        following = AUDIT_ITEMS[n + 1] if n + 1 < len(AUDIT_ITEMS) else None
        out.append(Step("payload", label[item][score], ((item, score),), asks=following))
    return out


FIRST_ANSWER = 3  # steps before this one only start the assessment


def expected_answers(done: list[Step]) -> list[tuple[str, Any]]:
    return [record for step in done for record in step.records]


def question_text(question_id: str) -> str:
    return questions_by_id()[question_id].text


def stored_answers(url: str, reference: str) -> list[tuple[str, Any, str]]:
    """Every answer row of the case's assessments, oldest first: (question, value, source).
    A doubled or misplaced answer shows up here as an extra or a corrected row."""
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(Answer.question_id, Answer.value, Answer.source)
                .join(Assessment, Assessment.id == Answer.assessment_id)
                .join(Case, Case.id == Assessment.case_id)
                .where(Case.reference == reference)
                .order_by(Answer.id)
            ).all()
    finally:
        engine.dispose()
    return [tuple(r) for r in rows]
