"""Shared fixtures: migrated throw-away databases, on SQLite and on a real PostgreSQL."""
from __future__ import annotations

import itertools

import pytest

from bot.storage import migrate
from tests.pg_cluster import ThrowawayPostgres

_db_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server():
    server = ThrowawayPostgres().start()
    yield server
    server.stop()


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'tidigt-test.db'}"
    migrate.upgrade(url)
    # Actions and repositories read the URL from the environment, like in production.
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request, tmp_path, monkeypatch) -> str:
    """The same test on both databases the product supports."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'tidigt-test.db'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database(f"t{next(_db_numbers)}")
    migrate.upgrade(url)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


WEB_PASSWORD = "ett-långt-lösenord"


@pytest.fixture
def users(db_url, monkeypatch):
    """Two case workers of one unit, for the web app's tests (plain http: no Secure cookie)."""
    from bot.storage.db import session_scope
    from bot.storage.users import add_user

    monkeypatch.setenv("TIDIGT_SECURE_COOKIES", "0")
    with session_scope(db_url) as s:
        add_user(s, "Anna Berg", role="handläggare", unit="EB Nord", password=WEB_PASSWORD)
        add_user(s, "Bo Ek", role="handläggare", unit="EB Nord", password=WEB_PASSWORD)
    return db_url
