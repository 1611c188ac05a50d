"""The assessment questions: one form whose single slot is "the current answer".

Which question is current is not kept in Rasa but derived from the answers in the
database, so an acknowledged answer is already stored, and a restarted process or a
later meeting continues at the right question.
"""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.context import assessment_id, latest_text
from actions.shell import DB_ERROR_TEXT
from bot.assessment.flow import next_question, progress
from bot.assessment.question_bank import Question, load_bank, questions_by_id
from bot.assessment.understanding import understand_choice, understand_yes_no
from bot.scoring.instruments import score_audit, score_dudit
from bot.storage import assessments as repo
from bot.storage.answers import current_answers, record_answer
from bot.storage.db import session_scope
from bot.storage.models import Score

log = logging.getLogger(__name__)
DONE = "klar"
# Steering words the form lets through when they are not an answer to the question.
ESCAPE_INTENTS = {"pause", "cancel", "ask_help", "start_assessment", "resume_assessment", "goodbye"}
EXPLAIN_AFTER_FAILURES = 2


def _answers(current: int) -> dict[str, Any]:
    with session_scope() as session:
        return current_answers(session, current)


def _buttons(question: Question) -> list[dict[str, str]]:
    if question.type == "yes_no":
        return [{"title": "Ja", "payload": "Ja"}, {"title": "Nej", "payload": "Nej"}]
    return [{"title": o.label, "payload": o.label} for o in question.options]


def _options_spelled_out(question: Question) -> str:
    if question.type == "yes_no":
        return "Svara ja eller nej."
    return "Svara med ett av alternativen: " + "; ".join(o.label for o in question.options) + "."


class ActionAskAnswer(Action):
    """Asks the next unanswered question, with its buttons and where we are."""

    def name(self) -> str:
        return "action_ask_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        current = assessment_id(tracker)
        try:
            answers = _answers(current)
        except SQLAlchemyError:
            log.exception("could not read answers")
            dispatcher.utter_message(text=DB_ERROR_TEXT)
            return []
        bank = load_bank()
        question = next_question(bank, answers)
        if question is None:
            return []
        where = progress(bank, answers)
        module = next(m for m in bank if m.id == question.module)
        if where.question_number == 1:
            dispatcher.utter_message(text=module.intro)
        dispatcher.utter_message(
            text=f"{where.as_text()}: {question.text}", buttons=_buttons(question),
            json_message={"question_id": question.id, "progress": where.__dict__},
        )
        return [SlotSet("current_question", question.id)]


class ValidateAssessmentForm(FormValidationAction):
    def name(self) -> str:
        return "validate_assessment_form"

    async def extract_answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "answer":
            return {}
        text = latest_text(tracker)
        if not text or text.startswith("/"):
            return {}
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        confidence = float((message.get("intent") or {}).get("confidence") or 0.0)
        question = questions_by_id().get(tracker.get_slot("current_question") or "")
        if intent in ESCAPE_INTENTS and confidence >= 0.7 and (
            question is None or self._understand(question, text) is None
        ):
            # "pausa", "avbryt", "hjälp" are not answers: rejecting lets the rules act.
            return {}
        return {"answer": text}

    def validate_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None or value == DONE:
            return {}
        current = assessment_id(tracker)
        bank = load_bank()
        try:
            # One transaction: the question answered is the one the stored answers say is next.
            with session_scope() as session:
                answers = current_answers(session, current)
                question = next_question(bank, answers)
                if question is None:
                    return {"answer": DONE}
                understood = self._understand(question, value)
                if understood is None:
                    return self._not_understood(question, value, dispatcher, tracker)
                stored, label, how = understood
                record_answer(session, current, question.id, stored, source=how, masked_text=value)
            answers[question.id] = stored
        except SQLAlchemyError:
            log.exception("could not record answer")
            dispatcher.utter_message(text=DB_ERROR_TEXT)
            return {"answer": None}
        dispatcher.utter_message(text=f"Noterat: {label}.")
        done = next_question(bank, answers) is None
        return {"answer": DONE if done else None, "failed_attempts": 0}

    @staticmethod
    def _understand(question: Question, text: str) -> tuple[Any, str, str] | None:
        pressed = any(text == b["payload"] for b in _buttons(question))
        how = "knapp" if pressed else "fritext"
        if question.type == "yes_no":
            yes = understand_yes_no(text)
            return None if yes is None else (yes, "ja" if yes else "nej", how)
        understood = understand_choice(question, text)
        if understood is None:
            return None
        option = understood.option
        return option.score, f"{option.label} ({option.score} p)", how

    @staticmethod
    def _not_understood(question, value, dispatcher, tracker) -> dict[str, Any]:
        failures = int(tracker.get_slot("failed_attempts") or 0) + 1
        dispatcher.utter_message(
            text=f"Jag är inte säker på hur ”{value[:60]}” ska tolkas, så jag gissar inte. "
            + _options_spelled_out(question)
        )
        if failures >= EXPLAIN_AFTER_FAILURES and question.help:
            dispatcher.utter_message(text=f"Om frågan: {question.help}")
        return {"answer": None, "failed_attempts": failures}


class ActionAssessmentSummary(Action):
    """Scores the instruments, stores the scores, closes the assessment and sums up."""

    def name(self) -> str:
        return "action_assessment_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        current = assessment_id(tracker)
        try:
            with session_scope() as session:
                answers = current_answers(session, current)
                lines = []
                for result in (score_audit(answers, None), score_dudit(answers, None)):
                    if result.total is None:
                        if result.answered:
                            lines.append(f"{result.instrument}: ofullständig "
                                         f"({len(result.missing)} frågor saknas)")
                        continue
                    session.add(Score(assessment_id=current, instrument=result.instrument,
                                      total=result.total, band=result.band,
                                      details={"positive": result.positive,
                                               "threshold": result.threshold,
                                               "sex_rule": result.sex_rule,
                                               "subscores": dict(result.subscores)}))
                    verdict = "över" if result.positive else "under"
                    lines.append(f"{result.instrument}: {result.total} poäng, {verdict} "
                                 f"gränsvärdet {result.threshold} ({result.band}; {result.sex_rule})")
                if answers.get("drugs_gate") is False:
                    lines.append("DUDIT: inte aktuellt (inget drogbruk senaste året)")
                repo.set_status(session, current, "avslutad")
        except SQLAlchemyError:
            log.exception("could not finish assessment")
            dispatcher.utter_message(text=DB_ERROR_TEXT)
            return []
        dispatcher.utter_message(
            text="Sammanfattning av screeningen (ett underlag, inte en diagnos):\n- "
            + "\n- ".join(lines) + "\nBedömningen är sparad och avslutad."
        )
        return [SlotSet("answer", None), SlotSet("current_question", None)]
