"""The conversation lock shared by Rasa processes in scale-out mode (bot/rasa_ext/lock_store.py):
tickets issued at the same moment by many processes are all different, so two messages of
one conversation are never worked on at once. Rasa's own RedisLockStore, checked the same
way, hands out the same ticket twice."""
from __future__ import annotations

import asyncio
import multiprocessing
import time
from urllib.parse import urlsplit

import pytest
from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_ext.lock_store import AtomicRedisLockStore

pytestmark = pytest.mark.integration
PROCESSES, TICKETS = 6, 40


def _store(url: str, atomic: bool, prefix: str):
    parts = urlsplit(url)
    if atomic:
        return AtomicRedisLockStore(EndpointConfig(url=parts.hostname, port=parts.port, db=1,
                                                   key_prefix=prefix))
    return RedisLockStore(host=parts.hostname, port=parts.port, db=1, key_prefix=prefix)


def _issue(args) -> list[int]:
    url, atomic, prefix, start = args
    store = _store(url, atomic, prefix)
    while time.time() < start:  # all processes begin together
        time.sleep(0.001)
    return [store.issue_ticket("samtal-1", lock_lifetime=600) for _ in range(TICKETS)]


def _tickets(url: str, atomic: bool, prefix: str) -> list[int]:
    start = time.time() + 1.5
    with multiprocessing.get_context("spawn").Pool(PROCESSES) as pool:
        issued = pool.map(_issue, [(url, atomic, prefix, start)] * PROCESSES)
    return [t for batch in issued for t in batch]


def _wait_for(url: str) -> None:
    store = _store(url, False, "probe")
    for _ in range(100):
        try:
            store.red.ping()
            return
        except Exception:
            time.sleep(0.1)


def test_tickets_issued_at_once_by_many_processes_are_all_different(redis_url):
    _wait_for(redis_url)
    tickets = _tickets(redis_url, atomic=True, prefix="atomar")
    assert len(tickets) == PROCESSES * TICKETS
    assert sorted(tickets) == list(range(PROCESSES * TICKETS))
    # Rasa's own store, the same way: some tickets are handed out twice.
    rasas = _tickets(redis_url, atomic=False, prefix="rasa")
    assert len(set(rasas)) < len(rasas)


def test_a_ticket_issued_during_cleanup_is_kept_and_served_in_turn(redis_url):
    _wait_for(redis_url)
    store = _store(redis_url, True, "stada")

    async def scenario():
        first = store.issue_ticket("samtal-2")
        second = store.issue_ticket("samtal-2")
        assert (await store._acquire_lock("samtal-2", first, 0.01)).now_serving == first
        store.cleanup("samtal-2", first)  # someone waits: the lock stays, for the second
        assert (await store._acquire_lock("samtal-2", second, 0.01)).now_serving == second
        store.cleanup("samtal-2", second)
        assert store.get_lock("samtal-2") is None  # nobody waits: gone

    asyncio.run(scenario())


def test_a_message_goes_ahead_at_once_a_second_waits_and_each_takes_four_round_trips(redis_url):
    _wait_for(redis_url)
    store = _store(redis_url, True, "ko")
    order = []
    commands = []
    real = store.red.execute_command

    def counted(*args, **kwargs):
        commands.append(args[0])
        return real(*args, **kwargs)

    async def message(name: str, hold: float) -> None:
        async with store.lock("samtal-3", wait_time_in_seconds=0.05):
            order.append(f"{name} in")
            await asyncio.sleep(hold)
            order.append(f"{name} ut")

    async def scenario():
        await message("före", 0)  # the script is loaded into Redis once
        store.red.execute_command = counted
        await message("ensam", 0)
        alone = list(commands)
        first = asyncio.create_task(message("a", 0.3))
        await asyncio.sleep(0.05)
        await asyncio.gather(first, message("b", 0))
        return alone

    alone = asyncio.run(scenario())
    # Take a ticket (read, compare-and-set), go ahead on it, give it back (read, c-a-s).
    assert alone == ["GET", "EVALSHA", "GET", "EVALSHA"], alone
    assert order == ["före in", "före ut", "ensam in", "ensam ut", "a in", "a ut", "b in", "b ut"]
    assert store.get_lock("samtal-3") is None  # deleted once nobody waits
    assert not store._free
