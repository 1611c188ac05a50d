"""actions/database.py: a database error inside the guarded unit of work, or at its commit,
is reported to the case worker as 'the database is unavailable' and nothing is kept;
other errors are not the guard's to hide."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from actions import database
from actions.database import DatabaseGuard


def _unavailable(dispatcher):
    return [m for m in dispatcher.messages if m.get("custom") == {"unavailable": "database"}]


def test_a_unit_of_work_that_succeeds_says_nothing(db_url):
    dispatcher = CollectingDispatcher()
    guard = DatabaseGuard(dispatcher, "read answers")
    with guard as session:
        assert session.execute(text("select 1")).scalar() == 1
    assert not guard.failed and dispatcher.messages == []


def test_a_database_error_is_reported_and_swallowed(db_url):
    dispatcher = CollectingDispatcher()
    guard = DatabaseGuard(dispatcher, "read answers")
    with guard as session:
        session.execute(text("select * from no_such_table"))
    assert guard.failed
    assert len(_unavailable(dispatcher)) == 1
    assert dispatcher.messages[0]["text"] == database.DB_ERROR_TEXT


def test_a_failing_commit_is_a_failed_unit_of_work(db_url, monkeypatch):
    from sqlalchemy.orm import Session

    def refuse(self):
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(Session, "commit", refuse)
    dispatcher = CollectingDispatcher()
    guard = DatabaseGuard(dispatcher, "record answer")
    with guard:
        pass
    assert guard.failed and len(_unavailable(dispatcher)) == 1


def test_other_errors_pass_through(db_url):
    dispatcher = CollectingDispatcher()
    with pytest.raises(KeyError), DatabaseGuard(dispatcher, "read answers"):
        raise KeyError("not the database")
    assert dispatcher.messages == []
