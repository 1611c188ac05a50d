"""What an action needs to know about who is talking, read from the tracker."""
from __future__ import annotations

from rasa_sdk import Tracker

from bot.assessment.steering import is_steering
from bot.domain_names import Slot


def case_worker(tracker: Tracker) -> str | None:
    """The signed-in user, handed over by the web app in the message metadata."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    user = metadata.get("user")
    return str(user) if user else None


def chat_message_id(tracker: Tracker) -> int | None:
    """The web app's id of the chat message being answered. The same message sent again
    after a fault has the same id, so what it stored is not stored twice."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    value = metadata.get("message_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


RESENT_TEXT = ("Det meddelandet hade redan kommit fram före avbrottet, så jag tar det inte "
               "en gång till.")


def resent(tracker: Tracker) -> bool:
    """The web app sent this chat message before (a retry after a fault) and Rasa took it
    in then: the conversation has moved on, so it must not be read against the question
    asked now (a resent "Ja, under det senaste året" must not confirm the summary).

    Rasa sends the events of the last four user messages only (bot.rasa_ext.action_call); a resend
    follows its original at once, so the original is among them."""
    message_id = chat_message_id(tracker)
    if message_id is None:
        return False
    users = [e for e in tracker.events if e.get("event") == "user"]
    return any((e.get("metadata") or {}).get("message_id") == message_id for e in users[:-1])


def is_training(tracker: Tracker) -> bool:
    """Övningsläge: the web app marks every message of a practice conversation."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    return metadata.get("training") is True


def latest_text(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("text") or "").strip()


def assessment_id(tracker: Tracker) -> int | None:
    value = tracker.get_slot(Slot.ASSESSMENT_ID)
    return int(value) if value is not None else None


def typed_for(tracker: Tracker, slot: str) -> str | None:
    """The typed (or pressed) text when the form is asking for `slot`; None for a payload
    such as "/affirm" or when the form asks for something else."""
    if tracker.get_slot(Slot.REQUESTED) != slot:
        return None
    text = latest_text(tracker)
    return text if text and not text.startswith("/") else None


def steering_intent(tracker: Tracker, intents: set[str], threshold: float) -> str | None:
    """The intent if it confidently is one of the steering intents (pausa, avbryt, hjälp)
    and the message has one of that intent's own words (bot.assessment.steering)."""
    intent = (tracker.latest_message or {}).get("intent") or {}
    name = intent.get("name")
    if name in intents and float(intent.get("confidence") or 0.0) >= threshold \
            and is_steering(name, latest_text(tracker)):
        return name
    return None


def set_in_this_run(tracker: Tracker, slot: str) -> bool:
    """Whether `slot` was set after the latest action began: inside one run of a form, the
    validation's slots come after it, so the ask action can tell that the validation just
    decided what to ask, from a re-ask (after help, a fallback) or a start that did not."""
    for event in reversed(tracker.events or []):
        if event.get("event") == "action":
            return False
        if event.get("event") == "slot" and event.get("name") == slot:
            return True
    return False
