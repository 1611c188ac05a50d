"""What an action needs to know about who is talking, read from the tracker."""
from __future__ import annotations

from rasa_sdk import Tracker


def case_worker(tracker: Tracker) -> str | None:
    """The signed-in user, handed over by the web app in the message metadata."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    user = metadata.get("user")
    return str(user) if user else None


def latest_text(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("text") or "").strip()


def assessment_id(tracker: Tracker) -> int | None:
    value = tracker.get_slot("assessment_id")
    return int(value) if value is not None else None
