"""Rasa's SQL tracker store, made safe for a database that goes away and comes back.

Rasa wraps every tracker store in a FailSafeTrackerStore: when reading a conversation
fails, it starts the conversation afresh (no form, no slots) and saves that new session
over the real one as soon as the database answers again. Found by the fault tests: after
PostgreSQL restarted, the first message met a dead pooled connection, and the case worker
was suddenly outside the assessment ("Det finns ingen öppen fråga just nu").

Here a pooled connection that sat idle is tested before use (so a restarted database is
simply reconnected; bot.storage.db.ping_when_idle), and a conversation that cannot be
read is handed to Rasa paused: Rasa does nothing with the message and answers with
nothing, which the web app reports as a 503 (the browser retries), and the placeholder is
never saved.

It also keeps the trackers it has just saved, in memory, for the conversation's next
message. Rasa's own store rebuilds the tracker from every stored event on every message:
a whole assessment leaves about 650 events, and reading and replaying them was 13 % of the
Rasa process's CPU in the benchmark (`make bench`), growing with every answer. A kept
tracker is handed out only while the database still holds exactly what it held when the
tracker was saved (the count and last id of its events above the last save's first one:
one short index read, whatever the length of the conversation; see Footprint),
so another Rasa process (scale-out) or anything else that added events makes it reload
from the database. It is handed out once: a message that fails before its tracker is
saved leaves nothing behind, and the next message reads the database. Which events are
new when saving is known from the tracker itself, not from counting rows as Rasa does.
"""
from __future__ import annotations

import itertools
import json
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import ConversationPaused
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import QueuePool

from bot.storage.db import ping_when_idle, sqlite_file, use_sqlite_pragmas

log = logging.getLogger(__name__)

# Conversations whose tracker is kept between messages; the least recently used goes
# first. A whole assessment's tracker is about 1 MB in memory.
KEPT_TRACKERS = 200
# Set on a tracker this store read or saved: how many of its events are in the database,
# and the conversation's footprint in the database then (see _footprint).
_STORED = "_tidigt_stored_events"


@dataclass(frozen=True)
class Footprint:
    """What the database holds of a conversation, cheaply: the events above `floor` (an
    event id): how many, and the last id. The floor moves up with every save, so a check
    reads the few rows of the last message, not the conversation's whole history."""
    floor: int
    rows: int
    last_id: int | None


@dataclass
class _Kept:
    tracker: DialogueStateTracker
    footprint: Footprint


# Extra index on Rasa's own events table: a conversation's events in id order, so the
# footprint and "the last id" are index range reads on SQLite and PostgreSQL alike.
_EVENTS_INDEX = "CREATE INDEX IF NOT EXISTS ix_events_sender_id_id ON events (sender_id, id)"


# Three of these run per message. As plain SQL they cost about a third of the same query
# built with the ORM each time (0.08 against 0.24 ms on SQLite, measured on a bench
# database); the table is Rasa's SQLEvent table, "events".
_FOOTPRINT = sa.text("SELECT count(id), max(id) FROM events "
                     "WHERE sender_id = :sender_id AND id > :floor")
_LAST_ID = sa.text("SELECT max(id) FROM events WHERE sender_id = :sender_id")


class ReconnectingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        engine_kwargs = create_engine_kwargs(url)
        if url.get_backend_name() == "sqlite":
            # Our tables share the file: wait for a writer's lock like they do (bot.storage.db).
            engine_kwargs["connect_args"] = {"timeout": 30}
            if sqlite_file(str(url)):
                # Kept connections, as in bot.storage.db (a new one per read otherwise).
                engine_kwargs["poolclass"] = QueuePool
        else:
            # As in bot.storage.db: an unreachable server fails in seconds, not minutes.
            engine_kwargs["connect_args"] = {**engine_kwargs.get("connect_args", {}),
                                             "connect_timeout": 5}
        self.engine.dispose()
        self.engine = sa.create_engine(url, **engine_kwargs)
        ping_when_idle(self.engine)  # as our own engine (bot.storage.db)
        if url.get_backend_name() == "sqlite":
            use_sqlite_pragmas(self.engine)  # Rasa's defaults waited for the disk per save
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self._unreadable: set[str] = set()
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        try:
            with self.engine.begin() as conn:
                conn.execute(sa.text(_EVENTS_INDEX))
        except SQLAlchemyError as err:  # only slower without it
            log.warning("index on events not created (%s)", type(err).__name__)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        # Handed out once (popped): the message now holds it, and it comes back when saved.
        kept = self._kept.pop(sender_id, None)
        try:
            if kept is not None and self._footprint_now(
                    sender_id, kept.footprint.floor) == kept.footprint:
                tracker = kept.tracker
            else:
                tracker = await super().retrieve(sender_id)
        except SQLAlchemyError as err:
            log.error("conversation %s could not be read (%s): paused for this message",
                      sender_id, type(err).__name__)
            self._unreadable.add(sender_id)
            return DialogueStateTracker.from_events(
                sender_id, [ConversationPaused()], self.domain.slots if self.domain else None)
        self._unreadable.discard(sender_id)
        return tracker

    async def _retrieve(self, sender_id: str,
                        fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        """Rasa's SQLTrackerStore._retrieve, with the conversation's last event id read in
        the same unit of work, before the events: a row added in between shows above the
        floor later, and the tracker is then not kept (never the other way round)."""
        with self.session_scope() as session:
            last_id = self._last_id(session, sender_id)
            rows = self._event_query(session, sender_id,
                                     fetch_events_from_all_sessions=fetch_events_from_all_sessions
                                     ).all()
        if not rows or not self.domain:
            return None
        tracker = DialogueStateTracker.from_dict(
            sender_id, [json.loads(row.data) for row in rows], self.domain.slots)
        setattr(tracker, _STORED, (len(tracker.events), Footprint(last_id or 0, 0, None)))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's SQLTrackerStore.save, in one transaction with the footprints that decide
        whether the tracker is kept: the conversation's footprint before the new events,
        the new events (known from the tracker itself, not by counting rows as Rasa does),
        and the footprint after them. Rows another process commits after that read show
        above the new floor at the next message's check, so the tracker is not handed out
        then."""
        sender_id = tracker.sender_id
        if sender_id in self._unreadable:
            # The paused placeholder must never replace the real conversation.
            self._unreadable.discard(sender_id)
            log.warning("conversation %s not saved: it could not be read", sender_id)
            return
        known: tuple[int, Footprint] | None = getattr(tracker, _STORED, None)
        setattr(tracker, _STORED, None)
        await self.stream_events(tracker)
        before = after = None
        with self.session_scope() as session:
            if known is None or known[0] > len(tracker.events):
                new = list(super()._additional_events(session, tracker))  # not read here
            else:
                before = self._footprint(session, sender_id, known[1].floor)
                new = list(itertools.islice(tracker.events, known[0], len(tracker.events)))
            for event in new:
                session.add(self._event_row(sender_id, event))
            if before is not None and before == known[1]:
                session.flush()
                after = self._footprint(session, sender_id, before.floor)
            session.commit()
        # Not read here, the database changed under it, or someone else wrote to this
        # conversation meanwhile: nothing to keep.
        if before is None or after is None or after.rows != before.rows + len(new):
            return
        # Only this save's rows lie above the new floor, the last id before it.
        moved = Footprint(before.last_id or before.floor, len(new),
                          after.last_id if new else None)
        setattr(tracker, _STORED, (len(tracker.events), moved))
        self._kept[sender_id] = _Kept(tracker, moved)
        self._kept.move_to_end(sender_id)
        while len(self._kept) > KEPT_TRACKERS:
            self._kept.popitem(last=False)

    def _event_row(self, sender_id: str, event: Any) -> Any:
        """One row of Rasa's events table, as Rasa's SQLTrackerStore.save writes it."""
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id, type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"), data=json.dumps(data))

    def _footprint(self, session: Any, sender_id: str, floor: int) -> Footprint:
        rows, last_id = session.execute(
            _FOOTPRINT, {"sender_id": sender_id, "floor": floor}).one()
        return Footprint(floor, int(rows), last_id)

    def _last_id(self, session: Any, sender_id: str) -> int | None:
        return session.execute(_LAST_ID, {"sender_id": sender_id}).scalar()

    def _footprint_now(self, sender_id: str, floor: int) -> Footprint:
        """The footprint read on its own, outside a transaction: one round trip to
        PostgreSQL instead of three (BEGIN, the read, ROLLBACK). psycopg2's autocommit is
        a setting of the client, so switching it costs no round trip (SQLAlchemy's
        AUTOCOMMIT isolation level would send a SET when the connection goes back to the
        pool); SQLite's driver begins no transaction for a read anyway."""
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            switch = getattr(raw, "autocommit", None) is False  # psycopg2
            if switch:
                raw.autocommit = True
            try:
                rows, last_id = conn.execute(
                    _FOOTPRINT, {"sender_id": sender_id, "floor": floor}).one()
            finally:
                if switch and not raw.closed:
                    raw.autocommit = False
        return Footprint(floor, int(rows), last_id)
