"""Rasa's Redis lock store with every change to a conversation's lock made atomically.

In scale-out mode several Rasa processes share one lock per conversation in Redis, so that
only one of them works on a conversation at a time. Rasa's RedisLockStore changes a lock
by reading it, changing it in Python and writing it back: two processes that issue a
ticket at the same moment both read the same lock, both take the same ticket number, and
both go ahead at once. Two messages of one conversation sent together then interleave
their events (tests/integration/test_scale_out.py found events out of time order on a
loaded machine). Here each read-change-write runs in a Redis transaction on the lock's
key, retried when another process changed the key in between; what is changed is Rasa's
own TicketLock, as Rasa changes it.

Each change is a read and a compare-and-set (a two-line Lua script: write only if the key
still holds what was read): two round trips to Redis, where WATCH, GET and MULTI/SET/EXEC
took three. A message takes a ticket and, when nobody is ahead of it, goes ahead on the
lock it has just written, without reading it back (a lock that is free for a ticket
stays free for it: later tickets queue behind it); then it gives the ticket back. So 4
round trips per message instead of 7.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# What a change returns: the lock to store (None: delete the key) and the caller's result.
Change = Callable[[TicketLock | None], tuple[TicketLock | None, Any]]

# KEYS[1] is set to ARGV[2] (deleted when it is empty) only if it still holds ARGV[1]
# (empty: no key); 1 if it was changed.
_COMPARE_AND_SET = """
if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2]) end
return 1
"""


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)
        self._compare_and_set = self.red.register_script(_COMPARE_AND_SET)
        # Tickets just issued with nobody ahead: the lock as written (see _acquire_lock).
        self._free: dict[tuple[str, int], TicketLock] = {}

    def _atomically(self, conversation_id: str, change: Change) -> Any:
        key = self.key_prefix + conversation_id
        while True:
            raw = self.red.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            stored, result = change(lock)
            if self._compare_and_set(keys=[key],
                                     args=[raw or b"", "" if stored is None else stored.dumps()]):
                return result
            # Another process changed the lock in between: read it again.

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def change(lock: TicketLock | None) -> tuple[TicketLock, tuple[int, TicketLock]]:
            lock = lock or TicketLock(conversation_id)
            return lock, (lock.issue_ticket(lock_lifetime), lock)

        try:
            ticket, lock = self._atomically(conversation_id, change)
        except Exception as err:  # as Rasa's: the message fails with a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{err}") from err
        if not lock.is_locked(ticket):
            self._free[(conversation_id, ticket)] = lock
        return ticket

    async def _acquire_lock(self, conversation_id: str, ticket: int,
                            wait_time_in_seconds: float) -> TicketLock:
        """Rasa's LockStore._acquire_lock, which reads the lock first; a ticket issued
        with nobody ahead goes ahead on the lock as it was written."""
        lock = self._free.pop((conversation_id, ticket), None)
        if lock is not None:
            return lock
        return await super()._acquire_lock(conversation_id, ticket, wait_time_in_seconds)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._atomically(conversation_id, change)

    def update_lock(self, conversation_id: str) -> None:
        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._atomically(conversation_id, change)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish this ticket and delete the lock if nobody waits, in one step: a ticket
        issued in between is never deleted with it."""
        self._free.pop((conversation_id, ticket_number), None)

        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._atomically(conversation_id, change)
