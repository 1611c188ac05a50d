"""The conversation shell: starting, resuming, pausing and cancelling an assessment."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import assessment_id, case_worker, is_training, latest_text
from actions.database import DatabaseGuard
from bot.assessment.flow import SEEN_ALONE, deferred
from bot.assessment.question_bank import load_bank
from bot.domain_names import Form, Slot
from bot.local_time import local
from bot.start_buttons import NEW_ASSESSMENT, RESUME_ASSESSMENT, START_BUTTONS
from bot.storage import assessments as repo
from bot.storage.answers import current_answers, withdraw_answer
from bot.storage.models import Assessment


def reset_slots() -> list[EventType]:
    return [
        SlotSet(Slot.CASE_REFERENCE, None),
        SlotSet(Slot.CONSENT, None),
        SlotSet(Slot.ASSESSMENT_ID, None),
        SlotSet(Slot.FAILED_ATTEMPTS, 0),
        SlotSet(Slot.INTERRUPTED_FORM, None),
        SlotSet(Slot.ANSWER, None),
        SlotSet(Slot.CURRENT_QUESTION, None),
        SlotSet(Slot.ASKING, None),
        SlotSet(Slot.SUMMARY_CONFIRMED, None),
        SlotSet(Slot.SUGGESTION_STEP, None),
        SlotSet(Slot.SUGGESTIONS_SHOWN, 0),
    ]


def into_questions(assessment: int) -> list[EventType]:
    """Start (or continue) the questions: Rasa runs the assessment form next."""
    return [SlotSet(Slot.ASSESSMENT_ID, float(assessment)), SlotSet(Slot.FAILED_ATTEMPTS, 0),
            ActiveLoop(Form.ASSESSMENT)]


def ask_seen_alone_again(session, assessment: int) -> None:
    """A new meeting: if questions wait for the client to be seen alone, ask again whether
    the client is alone this time, so they are asked now or stay deferred."""
    if deferred(load_bank(), current_answers(session, assessment)):
        withdraw_answer(session, assessment, SEEN_ALONE)


def reopenable(session, reference: str, **whose) -> tuple[Assessment | None, list[str]]:
    """The newest final assessment of the case if a question in it still waits for a
    meeting with the client alone (the summary said so), with those questions' topics:
    that meeting reopens it for them."""
    finished = repo.find_finished(session, reference, **whose)
    if finished is None:
        return None, []
    waiting = [q.topic for q in deferred(load_bank(), current_answers(session, finished.id))]
    return (finished if waiting else None), waiting


# Nothing follows: wait for the case worker rather than guess a next step.
LISTEN = [FollowupAction("action_listen")]


class ActionResetAssessmentSlots(Action):
    def name(self) -> str:
        return "action_reset_assessment_slots"

    async def run(self, dispatcher, tracker: Tracker, domain) -> list[EventType]:
        return reset_slots()


class ActionBeginAssessment(Action):
    def name(self) -> str:
        return "action_begin_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        reference = tracker.get_slot(Slot.CASE_REFERENCE)
        consent = tracker.get_slot(Slot.CONSENT)
        guard = DatabaseGuard(dispatcher, "start assessment")
        with guard as session:
            if not consent:
                repo.start_assessment(
                    session, reference, tracker.sender_id,
                    consent=False, case_worker=case_worker(tracker),
                    training=is_training(tracker),
                )
                dispatcher.utter_message(
                    text=(
                        f"Utan klientens samtycke gör vi ingen bedömning här. Jag har bara "
                        f"noterat att samtycke saknades för {reference}; inga svar sparas. "
                        "Klienten kan när som helst ändra sig, och då startar du en ny "
                        "bedömning. Stödet från socialtjänsten påverkas inte av att klienten "
                        "avstår från den här bedömningen."
                    ),
                    buttons=[NEW_ASSESSMENT],
                )
                return reset_slots() + LISTEN
            # A practice case always starts afresh: its reference is shared by everyone
            # who practises it (resume_assessment still finds one's own paused one).
            existing = None if is_training(tracker) else repo.find_resumable(session, reference)
            if existing is not None:
                repo.resume(session, existing, tracker.sender_id)
                ask_seen_alone_again(session, existing.id)
                started = local(existing.started_at).strftime("%Y-%m-%d")
                text = (
                    f"Det finns redan en påbörjad bedömning för {reference} (startad "
                    f"{started}). Jag fortsätter den i stället för att börja om."
                )
                new_id = existing.id
            else:
                _, waiting = (None, []) if is_training(tracker) else reopenable(
                    session, reference, training=False, case_worker=case_worker(tracker))
                new_id = repo.start_assessment(
                    session, reference, tracker.sender_id,
                    consent=True, case_worker=case_worker(tracker),
                    training=is_training(tracker),
                ).id
                text = (
                    f"Tack. Bedömningen för {reference} är startad och varje svar sparas "
                    "direkt. Du kan när som helst skriva \"pausa\", \"avbryt\" eller \"hjälp\"."
                )
                if waiting:
                    # A new assessment is the case worker's choice; say what else exists.
                    text += (f" Obs: i den förra bedömningen för {reference} väntar "
                             f"{' och '.join(waiting)} på ett enskilt samtal. Vill du bara "
                             "ställa den frågan skriver du \"avbryt\" och sedan \"återuppta\".")
        if guard.failed:
            return reset_slots() + LISTEN
        dispatcher.utter_message(text=text)
        return into_questions(new_id)


class ActionResumeAssessment(Action):
    def name(self) -> str:
        return "action_resume_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        reference = tracker.get_slot(Slot.CASE_REFERENCE)
        whose = {"training": is_training(tracker), "case_worker": case_worker(tracker)}
        waiting: list[str] = []
        guard = DatabaseGuard(dispatcher, "resume assessment")
        with guard as session:
            existing = repo.find_resumable(session, reference, **whose)
            if existing is None:
                existing, waiting = reopenable(session, reference, **whose)
            if existing is not None:
                repo.resume(session, existing, tracker.sender_id)
                found = (existing.id, local(existing.started_at).strftime("%Y-%m-%d"))
                ask_seen_alone_again(session, existing.id)
            else:
                found = None
        if guard.failed:
            return reset_slots() + LISTEN
        if found is None:
            dispatcher.utter_message(
                text=(
                    f"Jag hittar ingen pågående eller pausad bedömning för {reference}. "
                    "Kontrollera referensen eller starta en ny bedömning."
                ),
                buttons=[NEW_ASSESSMENT, RESUME_ASSESSMENT],
            )
            return reset_slots() + LISTEN
        if waiting:
            text = (f"Bedömningen för {reference} (startad {found[1]}) är sparad som slutlig, "
                    f"men {' och '.join(waiting)} väntar på ett enskilt samtal med klienten. "
                    "Jag öppnar den igen för det. Svaren, poängen och besluten som redan finns "
                    "ligger kvar, och bedömningen sparas som slutlig igen när du bekräftat "
                    "sammanfattningen.")
        else:
            text = f"Välkommen tillbaka. Vi fortsätter bedömningen för {reference} (startad {found[1]})."
        dispatcher.utter_message(text=text)
        return into_questions(found[0])


class ActionPauseAssessment(Action):
    def name(self) -> str:
        return "action_pause_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        # Always close any form, so the rules need not tell "in a form" from "not in one".
        events: list[EventType] = [ActiveLoop(None)]
        current = assessment_id(tracker)
        reference = tracker.get_slot(Slot.CASE_REFERENCE)
        if current is None:
            if tracker.active_loop_name:
                dispatcher.utter_message(
                    text="Okej, vi stannar här. Ingen bedömning hann startas, så inget har sparats."
                )
            else:
                dispatcher.utter_message(text="Det finns ingen pågående bedömning att pausa just nu.")
            return events + reset_slots()
        guard = DatabaseGuard(dispatcher, "pause assessment")
        with guard as session:
            repo.set_status(session, current, "pausad")
        if guard.failed:
            return events
        dispatcher.utter_message(
            text=(
                f"Bedömningen för {reference} är pausad och allt du svarat är sparat. När du vill "
                f"fortsätta skriver du \"återuppta\" och anger referensen {reference}."
            ),
            buttons=[RESUME_ASSESSMENT],
        )
        return events + reset_slots()


class ActionAskCancelConfirm(Action):
    def name(self) -> str:
        return "action_ask_cancel_confirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        form = tracker.active_loop_name
        if form is None and assessment_id(tracker) is None:
            dispatcher.utter_message(text="Det finns ingen pågående bedömning att avbryta.")
            return [ActiveLoop(None)]
        dispatcher.utter_message(response="utter_ask_cancel_confirm")
        # The form must stop listening, or "ja" would be taken as an answer to its question;
        # the name is kept so that "nej, fortsätt" can reopen it.
        return [ActiveLoop(None), SlotSet(Slot.INTERRUPTED_FORM, form)]


class ActionCancelAssessment(Action):
    def name(self) -> str:
        return "action_cancel_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        current = assessment_id(tracker)
        if current is not None:
            guard = DatabaseGuard(dispatcher, "cancel assessment")
            with guard as session:
                repo.set_status(session, current, "avbruten")
            if guard.failed:
                return []
            dispatcher.utter_message(
                text="Bedömningen är avbruten. Svar som redan sparats finns kvar för granskning.",
                buttons=[NEW_ASSESSMENT],
            )
        else:
            dispatcher.utter_message(text="Okej, avbrutet. Ingen bedömning hann startas.")
        return reset_slots()


class ActionWithdrawCancel(Action):
    def name(self) -> str:
        return "action_withdraw_cancel"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        form = tracker.get_slot(Slot.INTERRUPTED_FORM)
        if form or assessment_id(tracker) is not None:
            dispatcher.utter_message(response="utter_cancel_withdrawn")
        else:
            dispatcher.utter_message(text="Okej, inget har avbrutits.")
        events: list[EventType] = [SlotSet(Slot.INTERRUPTED_FORM, None)]
        if form:
            # Reactivating the loop makes Rasa run the form next, which asks its question again.
            events.append(ActiveLoop(form))
        else:
            events += LISTEN
        return events


class ActionExplainFallback(Action):
    """Say what was not understood and what the user can do: never a dead end."""

    def name(self) -> str:
        return "action_explain_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        quoted = _quote(latest_text(tracker))
        if tracker.active_loop_name:
            dispatcher.utter_message(
                text=f"Jag förstod inte riktigt {quoted} som svar. Jag ställer frågan igen; "
                "du kan också skriva \"hjälp\", \"pausa\" eller \"avbryt\"."
            )
            # The question must really come again, whatever the policies predict: after a
            # second unclear answer in a row they chose to listen, leaving no question and
            # no buttons on screen.
            return [FollowupAction(tracker.active_loop_name)]
        dispatcher.utter_message(
            text=(
                f"Jag förstod inte {quoted}. Jag kan starta en ny bedömning, återuppta en "
                "pausad bedömning eller berätta vad jag kan hjälpa till med."
            ),
            buttons=START_BUTTONS,
        )
        return []


def _quote(text: str, limit: int = 80) -> str:
    if not text:
        return "det"
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"”{short}”"


