"""Rasa's endpoints file, written from our settings so one DATABASE_URL drives everything.

The tracker store goes in the same database as our tables (Rasa creates its `events`
table itself), so transcripts survive restarts and can be reviewed beside the answers.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.engine import make_url

from bot.settings import Settings


def tracker_store_config(database_url: str) -> dict[str, Any]:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return {"type": "SQL", "dialect": "sqlite", "db": str(Path(url.database).resolve())}
    if url.get_backend_name() == "postgresql":
        config: dict[str, Any] = {
            "type": "SQL",
            "dialect": "postgresql",
            "url": url.host or "127.0.0.1",
            "db": url.database,
            "username": url.username,
        }
        if url.port:
            config["port"] = url.port
        if url.password:
            config["password"] = url.password
        return config
    raise ValueError(f"DATABASE_URL stöds inte: {url.get_backend_name()} (sqlite eller postgresql)")


def endpoints(settings: Settings) -> dict[str, Any]:
    return {
        "action_endpoint": {"url": f"{settings.actions_url}/webhook"},
        "tracker_store": tracker_store_config(settings.database_url),
    }


def write_endpoints(settings: Settings) -> Path:
    path = settings.data_dir / "endpoints.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(endpoints(settings), allow_unicode=True), encoding="utf-8")
    # The file may hold a database password.
    path.chmod(0o600)
    return path
