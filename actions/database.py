"""The actions' one guard around the database: a unit of work that, when the database
fails, logs it, tells the case worker and marks the reply unavailable, instead of a
try/except in every action. The caller decides what to return when `failed` is set."""
from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.storage.db import session_scope

log = logging.getLogger(__name__)

DB_ERROR_TEXT = (
    "Jag kan inte nå databasen just nu, så inget nytt har sparats. Det du redan svarat finns "
    "kvar. Försök igen om en liten stund."
)


def say_database_unavailable(dispatcher: CollectingDispatcher) -> None:
    """Tell the case worker, and mark the reply so the web app answers 503: nothing was
    taken in, and the browser sends the message again (counted once: Answer.chat_message_id)."""
    dispatcher.utter_message(text=DB_ERROR_TEXT, json_message={"unavailable": "database"})


class DatabaseGuard:
    """`with DatabaseGuard(dispatcher, "record answer") as session:` one unit of work
    (committed at the end, rolled back on error); a database error inside it or at the
    commit is reported and swallowed, and `failed` tells the caller. Any other error passes."""

    def __init__(self, dispatcher: CollectingDispatcher, doing: str) -> None:
        self._dispatcher = dispatcher
        self._doing = doing
        self._scope: AbstractContextManager[Session] | None = None
        self.failed = False

    def __enter__(self) -> Session:
        self._scope = session_scope()
        return self._scope.__enter__()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> Any:
        assert self._scope is not None
        try:
            self._scope.__exit__(kind, error, trace)
        except SQLAlchemyError as at_commit:
            error = at_commit  # the commit failed: a failed unit of work as well
        else:
            if kind is None or not issubclass(kind, SQLAlchemyError):
                return False
        log.error("could not %s", self._doing, exc_info=error)
        say_database_unavailable(self._dispatcher)
        self.failed = True
        return True
