"""Engine and session factory. SQLAlchemy 1.4 used in the 2.0 style (future=True)."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.settings import database_url


def get_engine(url: str | None = None) -> Engine:
    # Resolve before caching: the URL comes from the environment, which tests change.
    return _engine(url or database_url())


@cache
def _engine(url: str) -> Engine:
    kwargs: dict = {"future": True}
    if url.startswith("sqlite"):
        # Several processes (actions, web app, Rasa's tracker store) share one file:
        # wait for a lock instead of failing, and let WAL readers run beside a writer.
        kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        if sqlite_file(url):
            # SQLAlchemy 1.4 opens (and sets up) a new SQLite connection for every unit of
            # work; kept connections saved 17 % of the action server's CPU in the bench.
            # Safe across threads: a connection is used by one thread at a time.
            kwargs["poolclass"] = QueuePool
    elif url.startswith("postgresql"):
        # An unreachable server (not a refused connection) would otherwise hold a request
        # for minutes of TCP retries instead of giving the user a clear answer.
        kwargs["connect_args"] = {"connect_timeout": 5}
    engine = create_engine(url, **kwargs)
    ping_when_idle(engine)
    if url.startswith("sqlite"):
        use_sqlite_pragmas(engine)
    return engine


# A pooled connection that sat unused this long is tested before it is handed out.
PING_AFTER_IDLE_S = 1.0
_IDLE_SINCE = "tidigt_idle_since"


def ping_when_idle(engine: Engine, after: float = PING_AFTER_IDLE_S) -> None:
    """Test a pooled connection before use when it has been idle `after` seconds or more,
    and replace it when the database no longer knows it (restarted, or the connection
    was cut): the next unit of work then simply reconnects.

    SQLAlchemy's pool_pre_ping tests every connection on every checkout: one more round
    trip per unit of work, seven or eight per answered message in scale-out, where
    PostgreSQL is another process (3 774 `SELECT 1` in 500 messages, measured with
    pg_stat_statements in the bench). A database that went away and came back was away
    for longer than this, so every connection used before it went is tested; a
    connection used a moment before an outage shorter than this fails its one unit of
    work, which is answered as the database being away (the case worker's browser
    sends the message again), and SQLAlchemy then replaces the pool's connections."""
    @event.listens_for(engine, "checkin")
    def _idle(dbapi_connection, record):  # pragma: no cover - trivial
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _test(dbapi_connection, record, proxy):
        since = record.info.pop(_IDLE_SINCE, None)
        if since is None or time.monotonic() - since < after:
            return  # new, or in use a moment ago
        dialect = engine.dialect
        try:
            alive = dialect.do_ping(dbapi_connection)
        except dialect.dbapi.Error as err:
            if not dialect.is_disconnect(err, dbapi_connection, None):
                raise
            alive = False
        if not alive:
            # The pool drops this connection and hands out a new one.
            raise DisconnectionError("the pooled connection no longer answers")


def use_sqlite_pragmas(engine: Engine) -> None:
    """Every process's connections to the shared SQLite file (ours and Rasa's tracker
    store) get the same settings. synchronous=NORMAL under WAL: a commit survives a killed
    process (the fault tests kill -9 at every step) and syncs to disk at checkpoints
    rather than on every commit; with FULL each commit waited about 1.4 ms for the disk."""
    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()


def sqlite_file(url: str) -> bool:
    """A SQLite database in a file (an in-memory one lives and dies with its connection)."""
    path = url.split("://", 1)[-1]
    return url.startswith("sqlite") and ":memory:" not in url and path not in ("", "/")


def _session_factory(url: str | None) -> sessionmaker:
    return _factory(url or database_url())


@cache
def _factory(url: str) -> sessionmaker:
    return sessionmaker(bind=_engine(url), future=True, expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back on error."""
    session = _session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def ping(url: str | None = None) -> None:
    """Raise if the database cannot answer a trivial query."""
    with get_engine(url).connect() as conn:
        conn.execute(text("SELECT 1"))
