"""Rasa's endpoints file, written from our settings so one DATABASE_URL drives everything.

The tracker store goes in the same database as our tables (Rasa creates its `events`
table itself), so transcripts survive restarts and can be reviewed beside the answers.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from sqlalchemy.engine import make_url

from bot import internal_auth
from bot.settings import Settings

# Rasa's SQLTrackerStore, reconnecting after a database restart and never starting a
# conversation afresh because it could not be read (see bot/rasa_ext/tracker_store.py).
TRACKER_STORE = "bot.rasa_ext.tracker_store.ReconnectingSQLTrackerStore"


def tracker_store_config(database_url: str) -> dict[str, Any]:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return {"type": TRACKER_STORE, "dialect": "sqlite", "db": str(Path(url.database).resolve())}
    if url.get_backend_name() == "postgresql":
        config: dict[str, Any] = {
            "type": TRACKER_STORE,
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


def lock_store_config(redis_url: str) -> dict[str, Any]:
    """Rasa's RedisLockStore: one lock per conversation, shared by every Rasa process."""
    url = urlsplit(redis_url)
    if url.scheme not in ("redis", "rediss") or not url.hostname:
        raise ValueError(f"TIDIGT_REDIS_URL måste se ut som redis://värd:port/1, inte {redis_url!r}")
    config: dict[str, Any] = {
        # Rasa's RedisLockStore, each change to a lock made atomically (bot.rasa_ext.lock_store).
        "type": "bot.rasa_ext.lock_store.AtomicRedisLockStore", "url": url.hostname,
        "port": url.port or 6379,
        "db": int(url.path.strip("/") or 1),
        # Several installations may share one Redis; the prefix keeps their locks apart.
        "key_prefix": "tidigt",
    }
    if url.password:
        config["password"] = unquote(url.password)
    if url.username:
        config["username"] = unquote(url.username)
    if url.scheme == "rediss":
        config["use_ssl"] = True
    return config


def endpoints(settings: Settings, index: int = 0) -> dict[str, Any]:
    """The endpoints of Rasa process `index`; each Rasa process has its own action server."""
    config: dict[str, Any] = {
        # Rasa fills in the environment variable when it reads the file: the secret itself
        # is never written to disk (bot.internal_auth).
        "action_endpoint": {"url": f"{settings.actions_urls[index]}/webhook",
                            "headers": {internal_auth.HEADER: "${" + internal_auth.ENV + "}"}},
        "tracker_store": tracker_store_config(settings.database_url),
    }
    if settings.rasa_processes > 1:
        # Without a shared lock two processes could answer one conversation at once and
        # write interleaved events into its tracker.
        config["lock_store"] = lock_store_config(settings.lock_store_url)
    return config


def write_endpoints(settings: Settings, index: int = 0) -> Path:
    name = "endpoints.yml" if index == 0 else f"endpoints-{index + 1}.yml"
    path = settings.data_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(endpoints(settings, index), allow_unicode=True), encoding="utf-8")
    # The file may hold a database password.
    path.chmod(0o600)
    return path


# Rasa's REST channel, refusing messages without the internal secret
# (bot.rasa_ext.rest_channel).
CREDENTIALS = {"bot.rasa_ext.rest_channel.InternalRestInput": None}


def write_credentials(settings: Settings) -> Path:
    path = settings.data_dir / "credentials.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(CREDENTIALS), encoding="utf-8")
    return path
