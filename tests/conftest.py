"""Shared fixtures: a migrated throw-away database per test."""
from __future__ import annotations

import pytest

from bot.storage import migrate


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'tidigt-test.db'}"
    migrate.upgrade(url)
    # Actions and repositories read the URL from the environment, like in production.
    monkeypatch.setenv("DATABASE_URL", url)
    return url
