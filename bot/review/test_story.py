""""Spara som teststory": a reviewed conversation as a Rasa test story (tests/test_*.yml).

Rasa's own machinery writes the story (the same as `rasa interactive` and Rasa X do), from
the conversation's events in the tracker store, which shares our database. The text in
the events is already masked; it is masked again here, because a test story ends up in a
repository.
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from sqlalchemy import column, inspect, select, table
from sqlalchemy.orm import Session

from bot.privacy.personnummer import mask_identity_numbers
from bot.settings import PROJECT_ROOT

_EVENTS = table("events", column("id"), column("sender_id"), column("data"))
_NAME = re.compile(r"[^0-9A-Za-zÅÄÖåäö ._-]")


def tracker_events(session: Session, conversation_id: str) -> list[dict[str, Any]]:
    """The conversation's events as Rasa stored them, oldest first."""
    if not inspect(session.connection()).has_table("events"):
        return []
    rows = session.execute(
        select(_EVENTS.c.data).where(_EVENTS.c.sender_id == conversation_id)
        .order_by(_EVENTS.c.id)
    ).scalars()
    return [json.loads(row) for row in rows]


def _masked(event: dict[str, Any]) -> dict[str, Any]:
    if event.get("event") == "user" and isinstance(event.get("text"), str):
        event = {**event, "text": mask_identity_numbers(event["text"])[0]}
    if event.get("event") == "bot" and isinstance(event.get("text"), str):
        event = {**event, "text": mask_identity_numbers(event["text"])[0]}
    return event


def test_story_yaml(events: list[dict[str, Any]], *, story_name: str, comment: str) -> str:
    """The events as a test story file, named and commented for a trainer."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.core.training_data.story_writer.yaml_story_writer import YAMLStoryWriter

    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    # The session's start metadata names the signed-in user: not part of the dialogue and
    # not for a repository.
    kept = [_masked(e) for e in events
            if not (e.get("event") == "slot" and e.get("name") == "session_started_metadata")]
    tracker = DialogueStateTracker.from_dict("export", kept, domain.slots)
    story = tracker.as_story(include_source=False)
    steps = story.story_steps
    if steps:
        steps[0].block_name = _NAME.sub("", story_name)[:120] or "Sparat samtal"
    body = YAMLStoryWriter().dumps(steps, is_test_story=True)
    header = "".join(f"# {line}\n" for line in mask_identity_numbers(comment)[0].splitlines())
    return header + body


def story_for_conversation(session: Session, conversation_id: str, *, reference: str | None,
                           saved_by: str, saved_at: datetime) -> str:
    events = tracker_events(session, conversation_id)
    name = f"Samtal {reference or conversation_id[:8]} {saved_at:%Y-%m-%d}"
    comment = (f"Sparat från granskningen av {saved_by} {saved_at:%Y-%m-%d %H:%M} UTC.\n"
               f"Ärende {reference or 'okänt'}. Kör med: python -m bot stories verify <fil>")
    return test_story_yaml(events, story_name=name, comment=comment)


