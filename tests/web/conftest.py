"""A real web-app server for the security tests: `python -m bot web` started with the web
app's own interpreter (.venv-web, the aiohttp it is served on in production), on a free
port and a throw-away database, with Rasa absent (nothing here needs an answer from it).

TIDIGT_WEB_PYTHON picks another interpreter, e.g. Rasa's .venv with aiohttp 3.9, to see
the same tests fail there.
"""
from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, load_settings
from bot.storage import migrate
from bot.storage.db import get_engine, session_scope
from bot.storage.users import add_user

PASSWORD = "ett-långt-lösenord"
PROXY = "127.0.0.1"  # the tests' requests come from here: the configured reverse proxy
SSO_SECRET = "proxy-hemlighet-for-test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class WebServer:
    port: int
    proc: subprocess.Popen
    data_dir: Path
    log_path: Path
    env: dict = field(default_factory=dict)

    def request(self, method: str, path: str, body: bytes | str | dict | None = None,
                headers: dict | None = None, timeout: float = 30):
        """(status, headers, parsed JSON or raw bytes) of one request on a new connection."""
        if isinstance(body, dict):
            body = json.dumps(body)
            headers = {"Content-Type": "application/json", **(headers or {})}
        if isinstance(body, str):
            body = body.encode("utf-8")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                values = value if isinstance(value, list) else [value]
                for one in values:  # a list: the header sent several times
                    conn.putheader(name, one)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            resp = conn.getresponse()
            raw = resp.read()
            try:
                parsed = json.loads(raw) if raw else None
            except ValueError:
                parsed = raw
            return resp.status, resp.headers, parsed
        finally:
            conn.close()

    def peak_rss_kb(self) -> int:
        """The server process's peak resident memory so far (VmHWM), in KiB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise AssertionError("no VmHWM in /proc status")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def start_server(tmp: Path, extra_env: dict | None = None) -> WebServer:
    data_dir = tmp / "var"
    data_dir.mkdir()
    url = f"sqlite:///{data_dir / 'tidigt.db'}"
    migrate.upgrade(url)
    with session_scope(url) as s:
        add_user(s, "Anna Berg", role="handläggare", unit="EB Nord", password=PASSWORD)
        add_user(s, "Bo Ek", role="handläggare", unit="EB Nord", password=PASSWORD)
        add_user(s, "Ada Admin", role="admin", unit="IT", password=PASSWORD)
        add_user(s, "Ulla Utbildare", role="utbildare", unit="Utbildning", password=PASSWORD)
    # This process lets go of the file: what the server makes of it is the server's own.
    get_engine(url).dispose()
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "TIDIGT_DATA_DIR": str(data_dir),
           "TIDIGT_HOST": "127.0.0.1", "TIDIGT_PORT": str(port),
           # Nothing listens there: Rasa is not part of these tests.
           "TIDIGT_RASA_PORT": str(free_port()), "TIDIGT_ACTIONS_PORT": str(free_port()),
           "TIDIGT_SECURE_COOKIES": "0", "TIDIGT_TRUSTED_PROXIES": PROXY,
           **(extra_env or {})}
    python = os.environ.get("TIDIGT_WEB_PYTHON") or str(load_settings().web_python)
    log_path = tmp / "web.log"
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([python, "-m", "bot", "web"], cwd=PROJECT_ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    server = WebServer(port, proc, data_dir, log_path, env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"web app exited {proc.returncode}:\n{server.log()}")
        try:
            server.request("GET", "/health", timeout=5)
            return server
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise TimeoutError(f"web app not listening:\n{server.log()}")


def stop_server(server: WebServer) -> None:
    if server.proc.poll() is None:
        server.proc.send_signal(signal.SIGINT)
        try:
            server.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait()


@pytest.fixture
def web_server(tmp_path):
    server = start_server(tmp_path)
    yield server
    stop_server(server)


@pytest.fixture
def sso_server(tmp_path):
    server = start_server(tmp_path, {"TIDIGT_SSO_HEADER": "X-Remote-User",
                                     "TIDIGT_SSO_SECRET": SSO_SECRET})
    yield server
    stop_server(server)
