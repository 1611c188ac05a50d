"""The assessment questions: one form whose single slot is "the current answer".

Which question is next is decided once per turn, by bot.assessment.turn from the stored
answers and the turn's records, and carried in the `current_question` and `asking` slots
to the ask action, which renders it without reading the database. The database stays the
owner: the decision carries a digest of the answers it was taken from, and the next
turn's validation uses it only when the stored answers still have that digest, so a
restarted process or a later meeting continues at the right question. What a message
means is decided by bot.assessment.turn (pure); this file only reads, stores and sends.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.context import (
    assessment_id,
    chat_message_id,
    set_in_this_run,
    steering_intent,
    typed_for,
)
from actions.database import DatabaseGuard
from bot.assessment.answer_types import answer_type, buttons, read_answer
from bot.assessment.flow import Progress, Step, answers_digest, decide
from bot.assessment.pending import Pending
from bot.assessment.question_bank import (
    Module,
    Question,
    load_bank,
    module_of,
    questions_by_id,
)
from bot.assessment.turn import confirmation, handle_turn
from bot.domain_names import Intent, Slot
from bot.storage.answers import answered_by_message, current_answers, record_answer
from bot.storage.proposals import pending_proposals, proposed_by_message, replace_proposals

DONE = "klar"
# Steering words the form lets through to the rules when they are not an answer.
ESCAPE_INTENTS = {Intent.PAUSE, Intent.CANCEL, Intent.ASK_HELP, Intent.START_ASSESSMENT,
                  Intent.RESUME_ASSESSMENT, Intent.GOODBYE}
ESCAPE_CONFIDENCE = 0.7
ALREADY_STORED = "Det svaret hade redan sparats innan avbrottet, så jag sparar det inte igen."


def intent_of(tracker: Tracker) -> tuple[str | None, float]:
    intent = (tracker.latest_message or {}).get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


# Slot.ASKING carries the turn's decision from the validation to the ask action, and to
# the next turn's validation while the stored answers are still the ones it was taken from.
ASKING = Slot.ASKING


def asking_slots(step: Step, pending: list[Pending]) -> dict[str, Any]:
    """The decision as slot values: the question, its progress, the confirmation asked
    before it while readings wait, and the digest of the answers it was decided from."""
    if step.question is None:
        return {Slot.CURRENT_QUESTION: None, ASKING: None}
    asked = confirmation(load_bank(), pending)
    return {Slot.CURRENT_QUESTION: step.question.id, ASKING: {
        "question": step.question.id, "progress": step.progress.__dict__,
        "answers": step.answers_digest,
        "confirming": None if asked is None else {"text": asked[0], "buttons": asked[1]}}}


def carried_step(tracker: Tracker, answers_digest: str | None = None) -> Step | None:
    """The decision in the slots, if it is for the current question and (when a digest is
    given) was taken from answers with that digest: otherwise None, and the caller decides
    from the stored answers."""
    carried = tracker.get_slot(ASKING)
    if not isinstance(carried, dict) or carried.get("question") != tracker.get_slot(
            Slot.CURRENT_QUESTION):
        return None
    if answers_digest is not None and carried.get("answers") != answers_digest:
        return None
    question = questions_by_id().get(carried["question"])
    try:
        where = Progress(**carried["progress"])
    except (KeyError, TypeError):
        return None  # written by a release with another Progress: decide afresh
    if question is None:
        return None  # a question the bank no longer has: decide afresh
    return Step(question, where, carried["answers"])


class ActionAskAnswer(Action):
    """Asks the next open question, with its buttons and where we are."""

    def name(self) -> str:
        return "action_ask_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        bank = load_bank()
        # Right after this turn's validation, its decision is fresh: render it. Otherwise
        # (a start, a resume, back after help, a fallback or a withdrawn cancel) the stored
        # answers decide, and the decision is carried from here.
        step = carried_step(tracker) if set_in_this_run(tracker, ASKING) else None
        events: list[EventType] = []
        if step is not None:
            confirming = tracker.get_slot(ASKING)["confirming"]
            asked = None if confirming is None else (confirming["text"], confirming["buttons"])
        else:
            guard = DatabaseGuard(dispatcher, "read answers")
            with guard as session:
                answers = current_answers(session, assessment_id(tracker))
                pending = pending_proposals(session, assessment_id(tracker))
            if guard.failed:
                return []
            step = decide(bank, answers)
            if step.question is None:
                return []
            asked = confirmation(bank, pending)
            events = [SlotSet(slot, value) for slot, value in asking_slots(step, pending).items()]
        question, where = step.question, step.progress
        if asked is not None:
            # A reading waits for the case worker's yes: ask that, not the next question.
            text, offered = asked
            dispatcher.utter_message(
                text=text, buttons=[{"title": b, "payload": b} for b in offered],
                json_message={"question_id": question.id, "confirming": True})
            return events
        # The module's introduction once, not again when its first question is re-asked.
        if where.question_number == 1 and not tracker.get_slot(Slot.FAILED_ATTEMPTS):
            dispatcher.utter_message(text=module_of(bank, question).intro)
        note = " (Känslig fråga: ställs bara när klienten är ensam.)" if question.sensitive else ""
        if question.published:
            note += f" Formulärets lydelse, att läsa upp: ”{question.published}”"
        dispatcher.utter_message(
            text=f"{where.as_text()}: {question.text}{note}",
            buttons=[{"title": b, "payload": b} for b in buttons(question, bank)],
            json_message={"question_id": question.id, "progress": where.__dict__},
        )
        return events


class ValidateAssessmentForm(FormValidationAction):
    def name(self) -> str:
        return "validate_assessment_form"

    async def extract_answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = typed_for(tracker, Slot.ANSWER)
        if text is None:
            return {}
        question = questions_by_id().get(tracker.get_slot(Slot.CURRENT_QUESTION) or "")
        if steering_intent(tracker, ESCAPE_INTENTS, ESCAPE_CONFIDENCE) and _is_escape(question, text):
            # "pausa", "avbryt", "hjälp" are not answers: rejecting lets the rules act.
            return {}
        return {Slot.ANSWER: text}

    def validate_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None or value == DONE:
            return {}
        current = assessment_id(tracker)
        bank = load_bank()
        intent, confidence = intent_of(tracker)
        message = chat_message_id(tracker)
        failures = int(tracker.get_slot(Slot.FAILED_ATTEMPTS) or 0)
        guard = DatabaseGuard(dispatcher, "record answer")
        # One transaction: the question answered is the one the stored answers say is
        # next (the slots' decision when it was taken from these answers).
        with guard as session:
            slots, said = _take_answer(session, tracker, bank, current, message, value,
                                       intent, confidence, failures)
        if guard.failed:
            # Nothing was kept and the reply is marked unavailable (actions.database): the
            # form asks the same question again, and the message sent again is taken once.
            return {Slot.ANSWER: None}
        for text in said:
            dispatcher.utter_message(text=text)
        return slots


def _take_answer(session: Session, tracker: Tracker, bank: tuple[Module, ...],
                 current: int | None, message: int | None, value: str, intent: str | None,
                 confidence: float, failures: int) -> tuple[dict[str, Any], list[str]]:
    """Stores what the message answers and decides what is next, in the caller's unit of
    work: the slots to set, and the messages to send only once it has been committed (a
    failed commit kept nothing, so they would not be true)."""
    answers = current_answers(session, current)
    step = carried_step(tracker, answers_digest(bank, answers)) or decide(bank, answers)
    if answered_by_message(session, current, message) or \
            proposed_by_message(session, current, message):
        # Sent again after a fault, and already stored: carry on from there.
        return {Slot.ANSWER: DONE if step.question is None else None, Slot.FAILED_ATTEMPTS: 0,
                **asking_slots(step, pending_proposals(session, current))}, [ALREADY_STORED]
    if step.question is None:
        return {Slot.ANSWER: DONE, **asking_slots(step, [])}, []
    pending = pending_proposals(session, current)
    turn = handle_turn(bank, answers, value, intent=intent, confidence=confidence,
                       failures=failures, pending=pending, current=step)
    # A confirmed reading came from the words it was read from (a clause, a sentence of
    # pasted notes), not from the "ja" that confirmed it.
    read_from = {p.question_id: (p.value, p.phrase) for p in pending if p.phrase}
    for record in turn.records:
        read = read_from.get(record.question_id)
        confirmed = read is not None and read[0] == record.value
        record_answer(session, current, record.question_id, record.value, source=record.source,
                      masked_text=read[1] if confirmed else value,
                      skip_reason=record.skip_reason, chat_message_id=message)
    done = turn.next.question is None
    if turn.proposals != pending or turn.declined or done:
        replace_proposals(session, current, [] if done else turn.proposals,
                          declined=turn.declined, chat_message_id=message)
    return {Slot.ANSWER: DONE if done else None, Slot.FAILED_ATTEMPTS: turn.failures,
            **asking_slots(turn.next, [] if done else turn.proposals)}, turn.messages


def _is_escape(question: Question | None, text: str) -> bool:
    """A steering word must not swallow an answer: "avbryt" is one, "nej aldrig" is not.
    Any text answers a free-text question, so there only a short message steers."""
    if question is None:
        return True
    if answer_type(question).own_words:
        return len(text.split()) <= 3
    return read_answer(question, text, load_bank()) is None
