""""Spara som teststory": a reviewed conversation as a Rasa test story (tests/test_*.yml).

Rasa's own machinery writes the story (the same as `rasa interactive` and Rasa X do), from
the conversation's events in the tracker store, which shares our database. The web app
runs in its own environment, without Rasa (see README, "Security"), so the events are read
here and the story is written by `python -m bot.review.story_writer` run with Rasa's
interpreter: the events go in on stdin as JSON, the YAML comes back on stdout. Only data
crosses, never a request: the subprocess reads nothing from the network or the database.

The text in the events is already masked; it is masked again here, because a test story
ends up in a repository.
"""
from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import column, inspect, select, table
from sqlalchemy.orm import Session

from bot.privacy.personnummer import mask_identity_numbers
from bot.settings import PROJECT_ROOT

_EVENTS = table("events", column("id"), column("sender_id"), column("data"))
_NAME = re.compile(r"[^0-9A-Za-zÅÄÖåäö ._-]")
# Rasa's import and the domain take a few seconds; a long conversation a few more.
WRITER_TIMEOUT = 120


class StoryWriterFailed(Exception):
    """Rasa's environment could not write the story (its reason is in the web app's log)."""


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
    if event.get("event") in ("user", "bot") and isinstance(event.get("text"), str):
        event = {**event, "text": mask_identity_numbers(event["text"])[0]}
    return event


def story_request(events: list[dict[str, Any]], *, story_name: str, comment: str) -> dict:
    """What the story writer gets: masked events, a safe name, a masked comment."""
    # The session's start metadata names the signed-in user: not part of the dialogue and
    # not for a repository.
    kept = [_masked(e) for e in events
            if not (e.get("event") == "slot" and e.get("name") == "session_started_metadata")]
    return {"events": kept, "story_name": _NAME.sub("", story_name)[:120] or "Sparat samtal",
            "comment": mask_identity_numbers(comment)[0]}


def conversation_story_request(session: Session, conversation_id: str, *,
                               reference: str | None, saved_by: str, saved_at: datetime) -> dict:
    events = tracker_events(session, conversation_id)
    name = f"Samtal {reference or conversation_id[:8]} {saved_at:%Y-%m-%d}"
    comment = (f"Sparat från granskningen av {saved_by} {saved_at:%Y-%m-%d %H:%M} UTC.\n"
               f"Ärende {reference or 'okänt'}. Kör med: python -m bot stories verify <fil>")
    return story_request(events, story_name=name, comment=comment)


def write_story(request: dict, rasa_python: Path) -> str:
    """The test story's YAML, written by Rasa in Rasa's environment (blocking)."""
    try:
        done = subprocess.run(
            [str(rasa_python), "-m", "bot.review.story_writer"], cwd=PROJECT_ROOT,
            input=json.dumps(request, ensure_ascii=False).encode("utf-8"),
            capture_output=True, timeout=WRITER_TIMEOUT, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise StoryWriterFailed(f"{rasa_python}: {type(err).__name__}: {err}") from err
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise StoryWriterFailed(f"exit {done.returncode}: {' | '.join(tail)}")
    return done.stdout.decode("utf-8")
