"""Rasa's tracker store when the database cannot be read: the conversation is paused for
that message, never started afresh and saved over the real one."""
from __future__ import annotations

import asyncio

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from bot.tracker_store import ReconnectingSQLTrackerStore


def _events(path) -> int:
    engine = create_engine(f"sqlite:///{path}", future=True)
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
    engine.dispose()
    return count


def test_an_unreadable_conversation_is_paused_not_started_afresh(tmp_path):
    path = tmp_path / "tracker.db"
    domain = Domain.from_dict({"slots": {"assessment_id": {
        "type": "float", "mappings": [{"type": "custom"}]}}})
    store = ReconnectingSQLTrackerStore(domain=domain, dialect="sqlite", db=str(path))

    async def scenario():
        tracker = await store.get_or_create_tracker("samtal-1")
        tracker.update(UserUttered("ny bedömning"))
        tracker.update(SlotSet("assessment_id", 7.0))
        await store.save(tracker)
        stored = _events(path)

        working = store.sessionmaker

        def broken():
            raise OperationalError("SELECT", {}, Exception("server closed the connection"))

        store.sessionmaker = broken
        placeholder = await store.retrieve("samtal-1")
        assert placeholder.is_paused()  # Rasa predicts nothing for a paused conversation
        store.sessionmaker = working
        placeholder.update(UserUttered("varje dag"))
        await store.save(placeholder)  # never written over the real conversation
        assert _events(path) == stored

        again = await store.retrieve("samtal-1")
        assert not again.is_paused() and again.get_slot("assessment_id") == 7.0

    asyncio.run(scenario())
    assert store.engine.pool._pre_ping  # a restarted database's dead connections are replaced
