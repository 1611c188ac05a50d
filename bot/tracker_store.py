"""Rasa's SQL tracker store, made safe for a database that goes away and comes back.

Rasa wraps every tracker store in a FailSafeTrackerStore: when reading a conversation
fails, it starts the conversation afresh (no form, no slots) and saves that new session
over the real one as soon as the database answers again. Found by the fault tests: after
PostgreSQL restarted, the first message met a dead pooled connection, and the case worker
was suddenly outside the assessment ("Det finns ingen öppen fråga just nu").

Here a pooled connection is tested before use (so a restarted database is simply
reconnected), and a conversation that cannot be read is handed to Rasa paused: Rasa does
nothing with the message and answers with nothing, which the web app reports as a 503
(the browser retries), and the placeholder is never saved.
"""
from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import ConversationPaused
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)


class ReconnectingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        engine_kwargs = create_engine_kwargs(url)
        if url.get_backend_name() == "sqlite":
            # Our tables share the file: wait for a writer's lock like they do (bot.storage.db).
            engine_kwargs["connect_args"] = {"timeout": 30}
        else:
            # As in bot.storage.db: an unreachable server fails in seconds, not minutes.
            engine_kwargs["connect_args"] = {**engine_kwargs.get("connect_args", {}),
                                             "connect_timeout": 5}
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **engine_kwargs)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self._unreadable: set[str] = set()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        try:
            tracker = await super().retrieve(sender_id)
        except SQLAlchemyError as err:
            log.error("conversation %s could not be read (%s): paused for this message",
                      sender_id, type(err).__name__)
            self._unreadable.add(sender_id)
            return DialogueStateTracker.from_events(
                sender_id, [ConversationPaused()], self.domain.slots if self.domain else None)
        self._unreadable.discard(sender_id)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.sender_id in self._unreadable:
            # The paused placeholder must never replace the real conversation.
            self._unreadable.discard(tracker.sender_id)
            log.warning("conversation %s not saved: it could not be read", tracker.sender_id)
            return
        await super().save(tracker)
