"""Pooled database connections are tested before use only after sitting idle, and one the
database no longer knows is replaced (bot.storage.db.ping_when_idle)."""
from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.pool import QueuePool

from bot.storage.db import ping_when_idle


def _engine(tmp_path, after: float):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}", poolclass=QueuePool, future=True)
    ping_when_idle(engine, after=after)
    pings = []
    real = engine.dialect.do_ping

    def counted(dbapi_connection):
        pings.append(dbapi_connection)
        return real(dbapi_connection)

    engine.dialect.do_ping = counted
    return engine, pings


def _raw(conn):
    return conn.connection.dbapi_connection


def test_a_connection_idle_long_enough_that_no_longer_answers_is_replaced(tmp_path):
    engine, pings = _engine(tmp_path, after=0.0)
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        first = _raw(conn)
    assert pings == []  # a new connection is not tested
    first.close()  # as if the database had restarted meanwhile
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
        assert _raw(conn) is not first
    assert pings == [first]
    engine.dispose()


def test_a_connection_in_use_a_moment_ago_is_handed_out_untested(tmp_path):
    engine, pings = _engine(tmp_path, after=60.0)
    for _ in range(3):
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    assert pings == []
    engine.dispose()
