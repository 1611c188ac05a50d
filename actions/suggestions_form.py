"""Suggested interventions after the summary: at most five at first, "varför 2", "välj 1",
"avböj 3 eftersom …", "behövs men finns inte 4", "visa fler", "vad finns för boende?",
"klar". Matching and wording are in bot.catalogue (pure); each decision is stored with
who and when."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.assessment_form import ESCAPE_CONFIDENCE, ESCAPE_INTENTS
from actions.context import (
    RESENT_TEXT,
    assessment_id,
    case_worker,
    latest_text,
    resent,
    steering_intent,
    typed_for,
)
from actions.database import DatabaseGuard
from actions.shell import LISTEN, reset_slots
from bot import local_time
from bot.assessment.question_bank import load_bank, load_factors
from bot.catalogue import commands as cmd
from bot.catalogue.browse import browse
from bot.catalogue.catalogue import load_catalogue, load_local_offer, local_offer_path
from bot.catalogue.client_summary import client_summary
from bot.catalogue.matching import Suggestion, explain, match
from bot.domain_names import Intent, Slot
from bot.profile.build import build_profile
from bot.reading.text import fold
from bot.start_buttons import NEW_ASSESSMENT
from bot.storage.answers import current_answers
from bot.storage.assessments import find_user_id
from bot.storage.suggestions import decide, store_suggestions, suggestions_by_rank

FIRST_PAGE, PAGE = 5, 5
DONE = "klar"
HOW = ("Skriv \"varför 2\" för en förklaring, \"välj 1\", \"inte aktuell 3 eftersom …\", "
       "\"saknas lokalt 4\", \"visa fler\", \"vad finns för boende?\" eller \"klar\".")
BUTTONS = [{"title": "Visa fler", "payload": "Visa fler"}, {"title": "Klar", "payload": "Klar"}]


def decision_buttons(number: int) -> list[dict[str, str]]:
    return [{"title": f"{title} {number}", "payload": f"{title} {number}"}
            for title in ("Välj", "Inte aktuell", "Saknas lokalt")]


def offered() -> frozenset[str] | None:
    return load_local_offer().offered if local_offer_path().exists() else None


def suggestions_for(answers: dict) -> list[Suggestion]:
    profile = build_profile(load_bank(), answers, load_factors())
    return match(load_catalogue(), profile, offered(), answers)


def present(dispatcher: CollectingDispatcher, current: int, shown: int) -> int | None:
    """Store the suggestions (once) and show the next page; returns how many are shown, or
    None when the database failed (the case worker has been told, nothing is shown)."""
    guard = DatabaseGuard(dispatcher, "store suggestions")
    with guard as session:
        ranked = suggestions_for(current_answers(session, current))
        page = ranked[shown:shown + (FIRST_PAGE if shown == 0 else PAGE)]
        # Only what the case worker has seen is stored as suggested (and counted in the
        # statistics); "visa fler" stores the next page as it is shown.
        seen = ranked[:shown + len(page)]
        store_suggestions(session, current, [(s.intervention.id, s.rank, s.reasons()) for s in seen])
    if guard.failed:
        return None
    if not ranked:
        dispatcher.utter_message(text="Utifrån svaren hittar jag inga insatser i katalogen som "
                                      "svarar mot ett bedömt behov. Du kan fråga \"vad finns för "
                                      "boende?\" eller skriva \"klar\".")
        return 0
    if not page:
        dispatcher.utter_message(text="Det finns inga fler förslag.")
        return shown
    head = ("Förslag på tidigt stöd: först det som svarar mot varningssignaler och klientens egna "
            "ord, ett förslag per behov innan ett andra för samma behov, tidigt stöd före sent, "
            "sedan evidens (lokalt utbud påverkar inte ordningen). Du bestämmer:"
            if shown == 0 else "Fler förslag:")
    dispatcher.utter_message(text=head + "\n" + "\n".join(s.one_line() for s in page))
    return shown + len(page)


class ActionAskSuggestionStep(Action):
    def name(self) -> str:
        return "action_ask_suggestion_step"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        shown = int(tracker.get_slot(Slot.SUGGESTIONS_SHOWN) or 0)
        events: list[EventType] = []
        if shown == 0:
            presented = present(dispatcher, assessment_id(tracker), 0)
            if presented is None:
                return []
            shown = presented
            # -1: presented, but nothing to show; keeps the list from being shown again.
            events.append(SlotSet(Slot.SUGGESTIONS_SHOWN, float(shown or -1)))
        # With nothing suggested, "Visa fler" would lead nowhere. After "varför 2" the
        # decisions on that suggestion are buttons too (the widget accepts the buttons of
        # the bot's latest message, so they go with this one).
        buttons = BUTTONS if shown > 0 else BUTTONS[1:]
        asked = cmd.parse_command(latest_text(tracker) or "")
        if asked is not None and asked.kind == cmd.WHY and 0 < (asked.number or 0) <= shown:
            buttons = decision_buttons(asked.number) + buttons
        dispatcher.utter_message(text=HOW, buttons=buttons)
        return events


class ValidateSuggestionsForm(FormValidationAction):
    def name(self) -> str:
        return "validate_suggestions_form"

    async def extract_suggestion_step(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = typed_for(tracker, Slot.SUGGESTION_STEP)
        if text is None:
            return {}
        steering = steering_intent(tracker, ESCAPE_INTENTS, ESCAPE_CONFIDENCE)
        if steering and cmd.parse_command(text) is None:
            if steering == Intent.ASK_HELP:
                return {}  # the help rule answers and comes back here
            # The assessment is already saved: pausing or leaving here just ends the list.
            return {Slot.SUGGESTION_STEP: DONE}
        return {Slot.SUGGESTION_STEP: text}

    def validate_suggestion_step(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value in (None, DONE):
            return {Slot.SUGGESTION_STEP: value}
        if resent(tracker):
            dispatcher.utter_message(text=RESENT_TEXT)
            return {Slot.SUGGESTION_STEP: None}
        command = cmd.parse_command(value)
        if command is None:
            dispatcher.utter_message(text="Jag är inte säker på vad du menar med det, så jag gör "
                                          "ingenting.")  # the form asks again, with HOW
            return {Slot.SUGGESTION_STEP: None}
        if command.kind == cmd.DONE:
            return {Slot.SUGGESTION_STEP: DONE}
        current = assessment_id(tracker)
        shown = int(tracker.get_slot(Slot.SUGGESTIONS_SHOWN) or 0)
        if command.kind == cmd.MORE:
            now_shown = present(dispatcher, current, max(shown, 0))
            if now_shown is None:
                return {Slot.SUGGESTION_STEP: None}
            return {Slot.SUGGESTION_STEP: None, Slot.SUGGESTIONS_SHOWN: float(now_shown)}
        # Every way out of the unit of work, a failed one too, leaves the form asking again.
        with DatabaseGuard(dispatcher, "record a decision on a suggestion") as session:
            answers = current_answers(session, current)
            if command.kind == cmd.BROWSE:
                dispatcher.utter_message(text=browse(load_bank(), load_catalogue(), command.topic,
                                                     suggestions_for(answers), offered()))
                return {Slot.SUGGESTION_STEP: None}
            ranked = {s.rank: s for s in suggestions_for(answers)}
            chosen = ranked.get(command.number)
            if chosen is None:
                dispatcher.utter_message(text=f"Det finns inget förslag nummer {command.number}. "
                                              "Använd numren i listan.")
                return {Slot.SUGGESTION_STEP: None}
            if command.number > max(shown, 0):
                dispatcher.utter_message(text=f"Förslag nummer {command.number} är inte visat än. "
                                              "Skriv \"visa fler\" för att se nästa fem.")
                return {Slot.SUGGESTION_STEP: None}
            dispatcher.utter_message(text=self._act(session, current, command, chosen, tracker))
        return {Slot.SUGGESTION_STEP: None}

    @staticmethod
    def _act(session, current: int, command: cmd.Command, chosen: Suggestion, tracker) -> str:
        name = chosen.intervention.name
        if command.kind == cmd.WHY:
            return explain(chosen)
        if command.kind == cmd.DECLINE and not command.reason:
            return (f"Varför är {name} inte aktuell? Skälet sparas. Skriv till exempel "
                    f"\"inte aktuell {command.number} eftersom klienten redan har kontakt med …\".")
        status = {cmd.CHOOSE: "vald", cmd.DECLINE: "avböjd",
                  cmd.NOT_AVAILABLE: "behövs men finns inte"}[command.kind]
        who = find_user_id(session, case_worker(tracker))
        decide(session, current, chosen.rank, status, who, command.reason or None)
        # Stored as "avböjd" and "behövs men finns inte" (the statistics' and review's
        # names); said as the case worker's words "inte aktuell" and "saknas lokalt".
        done = {"vald": f"Noterat: {name} är vald.",
                "avböjd": f"Noterat: {name} är inte aktuell ({command.reason}).",
                "behövs men finns inte": f"Noterat: {name} saknas lokalt. Behovet syns för "
                                         "cheferna som en lucka i utbudet."}
        return done[status]


class ActionFinishSuggestions(Action):
    """Ends the suggestions with the plain-language summary for the client."""

    def name(self) -> str:
        return "action_finish_suggestions"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> list[EventType]:
        current = assessment_id(tracker)
        guard = DatabaseGuard(dispatcher, "read suggestions")
        with guard as session:
            answers = current_answers(session, current)
            rows = suggestions_by_rank(session, current)
            states = {rank: row.status for rank, row in rows.items()}
        if guard.failed:
            return []
        ranked = {s.rank: s for s in suggestions_for(answers)}
        # Only what was shown (stored) and not ruled out, the chosen support first.
        listed = [ranked[rank] for rank in sorted(states) if rank in ranked
                  and ranked[rank].intervention.id == rows[rank].intervention_id]
        order = {"vald": 0, "föreslagen": 1, "behövs men finns inte": 2, "avböjd": 3}
        listed = sorted((s for s in listed if states[s.rank] != "avböjd"),
                        key=lambda s: (order.get(states[s.rank], 9), s.rank))
        plain = [(s.intervention.name, s.need_client or ", ".join(
                     fold_reason(f.factor.name) for f in s.needs[:2]), states[s.rank])
                 for s in listed]
        dispatcher.utter_message(text="Här är en sammanfattning i klarspråk att ge klienten:")
        dispatcher.utter_message(text=client_summary(load_bank(), answers, plain,
                                                     local_time.today().isoformat()))
        dispatcher.utter_message(text="Bedömningen och besluten är sparade.", buttons=[NEW_ASSESSMENT])
        return reset_slots() + [SlotSet(Slot.SUGGESTION_STEP, None),
                                SlotSet(Slot.SUGGESTIONS_SHOWN, 0)] + LISTEN


def fold_reason(name: str) -> str:
    """Factor names as the client reads them: lower case, no brackets."""
    return name.split(" (")[0].split(":")[0].lower() if fold(name) else name
