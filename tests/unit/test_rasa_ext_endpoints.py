"""One DATABASE_URL puts Rasa's tracker store in the same database as our tables."""
import dataclasses

import pytest
import yaml

from bot.rasa_ext.endpoints import TRACKER_STORE, tracker_store_config, write_endpoints
from bot.settings import load_settings


def test_sqlite_url_gives_the_same_file():
    cfg = tracker_store_config("sqlite:////srv/tidigt/var/tidigt.db")
    assert cfg == {"type": TRACKER_STORE, "dialect": "sqlite", "db": "/srv/tidigt/var/tidigt.db"}


def test_postgresql_url_gives_host_port_user_and_database():
    cfg = tracker_store_config("postgresql+psycopg2://tidigt:hemligt@db.local:5433/tidigt")
    assert cfg == {
        "type": TRACKER_STORE, "dialect": "postgresql", "url": "db.local", "port": 5433,
        "db": "tidigt", "username": "tidigt", "password": "hemligt",
    }


def test_unsupported_database_is_refused():
    with pytest.raises(ValueError):
        tracker_store_config("mysql://x@y/z")


def test_written_file_points_actions_and_tracker_store(tmp_path):
    settings = dataclasses.replace(
        load_settings({"TIDIGT_DATA_DIR": str(tmp_path), "TIDIGT_ACTIONS_PORT": "6055"})
    )
    path = write_endpoints(settings)
    doc = yaml.safe_load(path.read_text())
    assert doc["action_endpoint"]["url"] == "http://127.0.0.1:6055/webhook"
    assert doc["tracker_store"]["db"] == str(tmp_path / "tidigt.db")
    assert path.stat().st_mode & 0o077 == 0
