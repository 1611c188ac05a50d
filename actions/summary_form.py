"""The summary and "stämmer detta?": the case worker confirms, or corrects by naming an
answer, before the assessment is saved as final. The summary is rebuilt from the stored
answers each time it is shown, so a correction is visible at once.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy import delete

from actions.assessment_form import ESCAPE_CONFIDENCE, ESCAPE_INTENTS, intent_of
from actions.context import (
    RESENT_TEXT,
    assessment_id,
    chat_message_id,
    resent,
    steering_intent,
    typed_for,
)
from actions.database import DatabaseGuard
from actions.shell import into_questions
from actions.suggestions_form import FIRST_PAGE, suggestions_for
from bot.assessment.corrections import is_correction
from bot.assessment.flow import deferred, next_question
from bot.assessment.question_bank import load_bank, load_factors
from bot.assessment.turn import handle_correction
from bot.assessment.understanding import understand_yes_no
from bot.domain_names import Form, Intent, Slot
from bot.profile.build import build_profile
from bot.profile.summary import summary_text
from bot.reading.text import fold
from bot.storage import assessments as repo
from bot.storage.answers import (
    answered_by_message,
    current_answers,
    record_answer,
    skip_reasons,
)
from bot.storage.models import Score

CONFIRM, CORRECT = "Ja, spara som slutlig", "Nej, jag vill rätta"
SUMMARY_BUTTONS = [{"title": CONFIRM, "payload": CONFIRM}, {"title": CORRECT, "payload": CORRECT}]
ASK_AGAIN = "Stämmer sammanfattningen ovan? Svara ja, eller skriv vad som ska rättas."
CONFIRMED, MORE_QUESTIONS = "ja", "fler_fragor"
HOW_TO_CORRECT = (
    "Skriv vad som ska ändras och nämn frågan, till exempel \"ändra svaret om skulder till nej\" "
    "eller \"det var fel, hon bor i andrahand\". Jag visar sammanfattningen igen efteråt."
)


class ActionAskSummaryConfirmed(Action):
    def name(self) -> str:
        return "action_ask_summary_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        current = assessment_id(tracker)
        bank, factors = load_bank(), load_factors()
        guard = DatabaseGuard(dispatcher, "read answers for the summary")
        with guard as session:
            answers = current_answers(session, current)
            reasons = skip_reasons(session, current)
            corrected = answered_by_message(session, current, chat_message_id(tracker))
        if guard.failed:
            return []
        if not (just_started(tracker) or corrected):
            # An unclear reply, "nej, jag vill rätta" or a correction that changed nothing:
            # the card above still holds, so only the question is asked again.
            dispatcher.utter_message(text=ASK_AGAIN, buttons=SUMMARY_BUTTONS)
            return []
        profile = build_profile(bank, answers, factors)
        first = [s.one_line().split(". ", 1)[1] for s in suggestions_for(answers)[:FIRST_PAGE]]
        dispatcher.utter_message(text=summary_text(bank, answers, reasons, profile,
                                                   factors.accumulation_threshold, first))
        dispatcher.utter_message(
            text="Stämmer detta? Svara ja så sparas bedömningen som slutlig, eller skriv vad som "
                 "ska rättas.",
            buttons=SUMMARY_BUTTONS,
        )
        return []


def just_started(tracker: Tracker) -> bool:
    """Whether the summary form was activated after the latest user message: the card is
    shown then (and after a stored correction), never again for an unclear reply."""
    events = tracker.events or []
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return any(e.get("event") == "active_loop" and e.get("name") == Form.SUMMARY
               for e in events[last_user + 1:])


class ValidateSummaryForm(FormValidationAction):
    def name(self) -> str:
        return "validate_summary_form"

    async def extract_summary_confirmed(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = typed_for(tracker, Slot.SUMMARY_CONFIRMED)
        if text is None:
            return {}
        if steering_intent(tracker, ESCAPE_INTENTS, ESCAPE_CONFIDENCE) and not is_correction(text):
            return {}
        return {Slot.SUMMARY_CONFIRMED: text}

    def validate_summary_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value in (None, CONFIRMED, MORE_QUESTIONS):
            return {Slot.SUMMARY_CONFIRMED: value}
        if resent(tracker):
            dispatcher.utter_message(text=RESENT_TEXT)
            return {Slot.SUMMARY_CONFIRMED: None}
        intent, confidence = intent_of(tracker)
        if is_correction(value):
            return self._correct(value, dispatcher, tracker)
        said = fold(value)
        if value == CONFIRM or understand_yes_no(value) is True or (
                intent == Intent.AFFIRM and confidence >= 0.8 and "nej" not in said.split()):
            return {Slot.SUMMARY_CONFIRMED: CONFIRMED}
        if value == CORRECT or understand_yes_no(value) is False or intent == Intent.DENY:
            dispatcher.utter_message(text=HOW_TO_CORRECT)
            return {Slot.SUMMARY_CONFIRMED: None}
        dispatcher.utter_message(text="Jag är inte säker på vad du menar. " + HOW_TO_CORRECT
                                 + " Stämmer allt svarar du ja.")
        return {Slot.SUMMARY_CONFIRMED: None}

    @staticmethod
    def _correct(value: str, dispatcher, tracker) -> dict[str, Any]:
        current = assessment_id(tracker)
        bank = load_bank()
        guard = DatabaseGuard(dispatcher, "record a correction")
        with guard as session:
            answers = current_answers(session, current)
            message = chat_message_id(tracker)
            # A correction sent again after a fault is stored once.
            turn = handle_correction(bank, answers, value)
            if answered_by_message(session, current, message):
                turn.records = []
            for record in turn.records:
                record_answer(session, current, record.question_id, record.value,
                              source=record.source, masked_text=value,
                              chat_message_id=message)
                answers[record.question_id] = record.value
        if guard.failed:
            return {Slot.SUMMARY_CONFIRMED: None}
        for message in turn.messages:
            dispatcher.utter_message(text=message)
        if turn.records and next_question(bank, answers) is not None:
            # The correction opened follow-up questions ("skulder: ja" asks about Kronofogden).
            dispatcher.utter_message(text="Ändringen gör att några frågor till behöver svar.")
            return {Slot.SUMMARY_CONFIRMED: MORE_QUESTIONS}
        return {Slot.SUMMARY_CONFIRMED: None}


class ActionFinalizeAssessment(Action):
    """Stores the scores and closes the assessment, or goes back to new questions."""

    def name(self) -> str:
        return "action_finalize_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        current = assessment_id(tracker)
        if tracker.get_slot(Slot.SUMMARY_CONFIRMED) == MORE_QUESTIONS:
            return [SlotSet(Slot.SUMMARY_CONFIRMED, None)] + into_questions(current)
        bank, factors = load_bank(), load_factors()
        guard = DatabaseGuard(dispatcher, "finish assessment")
        with guard as session:
            answers = current_answers(session, current)
            profile = build_profile(bank, answers, factors)
            session.execute(delete(Score).where(Score.assessment_id == current))
            for result in profile.screenings:
                if result.total is None:
                    continue
                session.add(Score(assessment_id=current, instrument=result.instrument,
                                  total=result.total, band=result.band,
                                  details={"positive": result.positive,
                                           "threshold": result.threshold,
                                           "sex_rule": result.sex_rule,
                                           "subscores": dict(result.subscores)}))
            repo.set_status(session, current, "avslutad")
        if guard.failed:
            return []
        reference = tracker.get_slot(Slot.CASE_REFERENCE)
        text = f"Bedömningen för {reference} är sparad som slutlig."
        waiting = deferred(bank, answers)
        if waiting:
            text += (f" När du träffar klienten enskilt skriver du \"återuppta\" och referensen "
                     f"{reference}, så ställer jag frågan om {' och '.join(q.about for q in waiting)}"
                     " då.")
        dispatcher.utter_message(text=text)
        # Then the suggestions: Rasa runs the suggestions form next.
        return [SlotSet(Slot.SUMMARY_CONFIRMED, None), SlotSet(Slot.SUGGESTIONS_SHOWN, 0),
                SlotSet(Slot.SUGGESTION_STEP, None), ActiveLoop(Form.SUGGESTIONS)]
