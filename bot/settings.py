"""Runtime settings, read once from the environment so every process agrees on them.

One setting (DATABASE_URL) switches the whole product between SQLite and PostgreSQL.
"""
from __future__ import annotations

import functools
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    project_root: Path
    data_dir: Path
    database_url: str
    web_host: str
    web_port: int
    rasa_host: str
    rasa_port: int
    actions_port: int
    model_path: Path
    # Single sign-on: the municipality's proxy names the signed-in user in sso_header and
    # proves itself with sso_secret in SSO_SECRET_HEADER. Off while either is empty.
    sso_header: str = ""
    sso_secret: str = ""
    # Intranet origins allowed to show the chat in the widget's iframe.
    frame_ancestors: tuple[str, ...] = ()
    # Scale-out (TIDIGT_PROCESSES): several Rasa servers (each with its own action server,
    # on consecutive ports) and several web-app processes sharing one port. Needs
    # PostgreSQL and a Redis lock store so every process sees one tracker per conversation.
    rasa_processes: int = 1
    web_processes: int = 1
    # Each conversation's messages go to one Rasa server of its own while that one is up
    # (bot.web.rasa_client), so its kept tracker serves the next message; off: spread.
    rasa_affinity: bool = True
    redis_url: str = ""  # empty: the supervisor starts redis-server on redis_port itself
    redis_port: int = 6379
    # The web app runs in its own environment (current aiohttp and SQLAlchemy 2), Rasa and
    # the action server in Rasa's pinned one; the web app runs Rasa's interpreter only for
    # the test-story export (bot/review/test_story.py).
    web_python: Path = PROJECT_ROOT / ".venv-web" / "bin" / "python"
    rasa_python: Path = PROJECT_ROOT / ".venv" / "bin" / "python"
    # Password sign-in; a municipality with single sign-on (and its MFA) turns it off.
    password_login: bool = True
    # Reverse proxies whose X-Forwarded-For is believed (addresses or networks).
    trusted_proxies: tuple[str, ...] = ()

    @property
    def sso_enabled(self) -> bool:
        return bool(self.sso_header and self.sso_secret)

    @property
    def scaled_out(self) -> bool:
        return self.rasa_processes > 1 or self.web_processes > 1

    @property
    def rasa_url(self) -> str:
        return f"http://{self.rasa_host}:{self.rasa_port}"

    @property
    def rasa_urls(self) -> list[str]:
        return [f"http://{self.rasa_host}:{self.rasa_port + i}" for i in range(self.rasa_processes)]

    @property
    def actions_urls(self) -> list[str]:
        return [f"http://{self.rasa_host}:{self.actions_port + i}"
                for i in range(self.rasa_processes)]

    @property
    def lock_store_url(self) -> str:
        return self.redis_url or f"redis://127.0.0.1:{self.redis_port}/1"

    @property
    def actions_url(self) -> str:
        return f"http://{self.rasa_host}:{self.actions_port}"


def _count(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= 32:
        raise ValueError(f"{name} måste vara ett heltal mellan 1 och 32, inte {raw!r}.")
    return int(raw)


@functools.lru_cache(maxsize=16)
def _resolved(path: str) -> Path:
    # Every unit of work reads the settings for the database URL; resolving the data
    # directory (file-system calls) once per path keeps that cheap.
    return Path(path).resolve()


def _data_dir(env: Mapping[str, str]) -> Path:
    return _resolved(str(env.get("TIDIGT_DATA_DIR", PROJECT_ROOT / "var")))


def database_url(env: Mapping[str, str] | None = None) -> str:
    """load_settings().database_url without the rest: every unit of work asks for it, and
    building all settings (a copy of the environment) took 7 % of the web app's database
    threads in the bench."""
    env = os.environ if env is None else env
    return env.get("DATABASE_URL") or f"sqlite:///{_data_dir(env) / 'tidigt.db'}"


def _switch(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "ja", "on"):
        return True
    if raw in ("0", "false", "nej", "off"):
        return False
    raise ValueError(f"{name} måste vara 1 eller 0, inte {raw!r}.")


def _networks(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    entries = tuple(env.get(name, "").split())
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ValueError(f"{name}: {entry!r} är ingen IP-adress eller nät "
                             "(t.ex. 10.0.0.5 eller 10.0.0.0/24).") from None
    return entries


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    processes = _count(env, "TIDIGT_PROCESSES", 1)
    sso_header = env.get("TIDIGT_SSO_HEADER", "").strip()
    sso_secret = env.get("TIDIGT_SSO_SECRET", "")
    # Behind the single-sign-on proxy only the proxy may reach the app: by default it then
    # listens on the loopback interface alone, where the proxy (on the same machine) is.
    default_host = "127.0.0.1" if sso_header and sso_secret else "0.0.0.0"
    return Settings(
        project_root=PROJECT_ROOT,
        data_dir=_data_dir(env),
        database_url=database_url(env),
        web_host=env.get("TIDIGT_HOST", default_host),
        web_port=int(env.get("TIDIGT_PORT", "8080")),
        # Rasa and the action server are internal: they never bind a public interface.
        rasa_host="127.0.0.1",
        rasa_port=int(env.get("TIDIGT_RASA_PORT", "5005")),
        actions_port=int(env.get("TIDIGT_ACTIONS_PORT", "5055")),
        model_path=Path(env.get("TIDIGT_MODEL", PROJECT_ROOT / "models" / "current.tar.gz")),
        sso_header=sso_header,
        sso_secret=sso_secret,
        frame_ancestors=tuple(env.get("TIDIGT_FRAME_ANCESTORS", "").split()),
        rasa_processes=_count(env, "TIDIGT_RASA_PROCESSES", processes),
        web_processes=_count(env, "TIDIGT_WEB_PROCESSES", processes),
        rasa_affinity=_switch(env, "TIDIGT_RASA_AFFINITY", True),
        redis_url=env.get("TIDIGT_REDIS_URL", "").strip(),
        redis_port=int(env.get("TIDIGT_REDIS_PORT", "6379")),
        web_python=Path(env.get("TIDIGT_WEB_PYTHON") or PROJECT_ROOT / ".venv-web" / "bin" / "python"),
        rasa_python=Path(env.get("TIDIGT_RASA_PYTHON") or PROJECT_ROOT / ".venv" / "bin" / "python"),
        password_login=_switch(env, "TIDIGT_PASSWORD_LOGIN", True),
        trusted_proxies=_networks(env, "TIDIGT_TRUSTED_PROXIES"),
    )
