"""Rasa's tracker store when the database cannot be read: the conversation is paused for
that message, never started afresh and saved over the real one."""
from __future__ import annotations

import asyncio

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from bot.rasa_ext.tracker_store import ReconnectingSQLTrackerStore


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
    # A restarted database's dead connections are replaced (bot.storage.db.ping_when_idle).
    assert store.engine.pool.dispatch.checkout


# Kept trackers: the next message gets the tracker just saved, unless the database changed.

def _store(path) -> ReconnectingSQLTrackerStore:
    domain = Domain.from_dict({"slots": {"assessment_id": {
        "type": "float", "mappings": [{"type": "custom"}]}}})
    return ReconnectingSQLTrackerStore(domain=domain, dialect="sqlite", db=str(path))


def _stored_events(path, sender="samtal-1") -> list[str]:
    engine = create_engine(f"sqlite:///{path}", future=True)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT type_name FROM events WHERE sender_id = :s "
                                 "ORDER BY id"), {"s": sender}).scalars().all()
    engine.dispose()
    return rows


async def _message(store, text_, value, sender="samtal-1"):
    """What Rasa does with one message: read the tracker, add events, save it."""
    tracker = await store.get_or_create_tracker(sender)
    tracker.update(UserUttered(text_))
    tracker.update(SlotSet("assessment_id", value))
    await store.save(tracker)
    return tracker


def test_the_saved_tracker_serves_the_next_message_and_events_are_stored_once(tmp_path):
    path = tmp_path / "tracker.db"
    store = _store(path)

    async def scenario():
        first = await _message(store, "ny bedömning", 1.0)
        second = await _message(store, "ja", 2.0)
        third = await _message(store, "varje dag", 3.0)
        assert second is not first  # the first message's tracker was new: read back once
        assert third is second  # kept, not rebuilt from the database
        return third

    tracker = asyncio.run(scenario())
    assert _stored_events(path) == [e.type_name for e in tracker.events]
    fresh = asyncio.run(_store(path).retrieve("samtal-1"))
    assert fresh.get_slot("assessment_id") == 3.0
    assert [e.as_dict()["event"] for e in fresh.events] == _stored_events(path)


def test_another_process_writing_makes_the_kept_tracker_stale(tmp_path):
    path = tmp_path / "tracker.db"
    here, there = _store(path), _store(path)

    async def scenario():
        await _message(here, "ny bedömning", 1.0)
        kept = await _message(here, "ja", 2.0)
        await _message(there, "nej", 5.0)  # e.g. the other Rasa server in scale-out
        again = await here.retrieve("samtal-1")
        assert again is not kept
        assert again.get_slot("assessment_id") == 5.0
        again.update(SlotSet("assessment_id", 6.0))
        await here.save(again)
        return again

    tracker = asyncio.run(scenario())
    assert _stored_events(path) == [e.type_name for e in tracker.events]
    assert asyncio.run(_store(path).retrieve("samtal-1")).get_slot("assessment_id") == 6.0


def test_a_message_that_fails_before_saving_leaves_nothing_behind(tmp_path):
    path = tmp_path / "tracker.db"
    store = _store(path)

    async def scenario():
        await _message(store, "ny bedömning", 1.0)
        kept = await _message(store, "ja", 2.0)
        taken = await store.retrieve("samtal-1")
        assert taken is kept
        taken.update(SlotSet("assessment_id", 99.0))  # then Rasa fails: never saved
        again = await store.retrieve("samtal-1")
        assert again is not taken and again.get_slot("assessment_id") == 2.0

    asyncio.run(scenario())
    assert "99" not in str(_stored_events(path))


def test_the_number_of_kept_trackers_is_bounded(tmp_path, monkeypatch):
    import bot.rasa_ext.tracker_store as module

    monkeypatch.setattr(module, "KEPT_TRACKERS", 3)
    store = _store(tmp_path / "tracker.db")

    async def scenario():
        for i in range(6):
            await _message(store, "ny bedömning", 1.0, sender=f"samtal-{i}")
            await _message(store, "ja", 2.0, sender=f"samtal-{i}")

    asyncio.run(scenario())
    assert list(store._kept) == ["samtal-3", "samtal-4", "samtal-5"]


def test_the_check_reads_only_the_rows_of_the_last_message(tmp_path):
    # Its floor moves up with every save: the check must not grow with the conversation.
    path = tmp_path / "tracker.db"
    store = _store(path)

    async def scenario():
        await _message(store, "ny bedömning", 1.0)
        for i in range(5):
            await _message(store, f"svar {i}", float(i))
        kept = store._kept["samtal-1"].footprint
        again = await store.retrieve("samtal-1")
        await store.save(again)  # a save that adds nothing keeps the tracker too
        return kept, store._kept["samtal-1"].tracker is again

    kept, still_kept = asyncio.run(scenario())
    ids = _stored_ids(path)
    assert kept.rows == 2 and kept.last_id == ids[-1] and kept.floor == ids[-3]
    assert still_kept
    engine = create_engine(f"sqlite:///{path}", future=True)
    with engine.connect() as conn:
        indexes = conn.execute(text("PRAGMA index_list('events')")).all()
    engine.dispose()
    assert "ix_events_sender_id_id" in {row[1] for row in indexes}


def _stored_ids(path, sender="samtal-1") -> list[int]:
    engine = create_engine(f"sqlite:///{path}", future=True)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id FROM events WHERE sender_id = :s ORDER BY id"),
                            {"s": sender}).scalars().all()
    engine.dispose()
    return rows


def test_rasas_connections_to_the_shared_file_use_the_products_sqlite_settings(tmp_path):
    store = _store(tmp_path / "rasa.db")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL, not FULL (2)
    store.engine.dispose()
