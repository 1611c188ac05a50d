"""Rasa's Redis lock store with every change to a conversation's lock made atomically.

In scale-out mode several Rasa processes share one lock per conversation in Redis, so that
only one of them works on a conversation at a time. Rasa's RedisLockStore changes a lock
by reading it, changing it in Python and writing it back: two processes that issue a
ticket at the same moment both read the same lock, both take the same ticket number, and
both go ahead at once. Two messages of one conversation sent together then interleave
their events (tests/integration/test_scale_out.py found events out of time order on a
loaded machine). Here each read-change-write runs in a Redis transaction on the lock's
key (WATCH/MULTI/EXEC), which Redis retries when another process changed the key in
between; what is changed is Rasa's own TicketLock, as Rasa changes it.
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


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _atomically(self, conversation_id: str, change: Change) -> Any:
        key = self.key_prefix + conversation_id

        def run(pipe: Any) -> Any:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            stored, result = change(lock)
            pipe.multi()
            if stored is None:
                pipe.delete(key)
            else:
                pipe.set(key, stored.dumps())
            return result

        return self.red.transaction(run, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def change(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._atomically(conversation_id, change)
        except Exception as err:  # as Rasa's: the message fails with a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{err}") from err

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
        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._atomically(conversation_id, change)
