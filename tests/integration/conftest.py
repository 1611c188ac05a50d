"""A real running product (Rasa, action server, web app) for integration tests.

Started once per test session through `python -m bot run`, the same supervisor a person
uses, on free ports and a throw-away database.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT
from bot.storage import migrate
from bot.storage.db import session_scope
from bot.storage.users import add_user

PASSWORD = "integration-lösenord"
MODEL = PROJECT_ROOT / "models" / "current.tar.gz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"supervisor exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=3) as resp:
                if json.load(resp)["status"] == "ok":
                    return
        except Exception:
            pass
        time.sleep(1)
    raise TimeoutError(f"{url} not healthy after {timeout} s")


class Product:
    """One running Tidigt (supervisor + Rasa + actions + web app) on its own ports."""

    def __init__(self, data_dir: Path, database_url: str):
        self.data_dir = data_dir
        self.database_url = database_url
        self.port = free_port()
        self.intranet_port = free_port()
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "TIDIGT_DATA_DIR": str(data_dir),
            "TIDIGT_HOST": "127.0.0.1",
            "TIDIGT_PORT": str(self.port),
            "TIDIGT_RASA_PORT": str(free_port()),
            "TIDIGT_ACTIONS_PORT": str(free_port()),
            # Plain http on localhost in the test: the cookie cannot be marked Secure.
            "TIDIGT_SECURE_COOKIES": "0",
            # The browser tests serve a stand-in intranet page here that embeds the widget.
            "TIDIGT_FRAME_ANCESTORS": f"http://127.0.0.1:{self.intranet_port}",
        }
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self, wait: bool = True) -> Product:
        log = open(self.data_dir / "supervisor.log", "a")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], cwd=PROJECT_ROOT, env=self.env,
            stdout=log, stderr=subprocess.STDOUT,
        )
        if wait:
            wait_healthy(f"{self.base}/health", self.proc)
        return self

    def stop(self) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def __getitem__(self, key: str):  # the tests read product["base"] etc.
        return {"base": self.base, "database_url": self.database_url,
                "intranet_port": self.intranet_port,
                "data_dir": self.data_dir, "proc": self.proc}[key]


def new_database(data_dir: Path, url: str | None = None) -> str:
    url = url or f"sqlite:///{data_dir / 'tidigt.db'}"
    migrate.upgrade(url)
    with session_scope(url) as session:
        add_user(session, "Anna Berg", role="handläggare", unit="EB Nord", password=PASSWORD)
        add_user(session, "Bo Ek", role="handläggare", unit="EB Nord", password=PASSWORD)
        add_user(session, "Lena Lind", role="arbetsledare", unit="EB Nord", password=PASSWORD)
        add_user(session, "Ulla Utbildare", role="utbildare", unit="Utbildning", password=PASSWORD)
    return url


@pytest.fixture(scope="session")
def product(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    data_dir: Path = tmp_path_factory.mktemp("product")
    running = Product(data_dir, new_database(data_dir)).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server saknas: kör `make system-deps` (Debians redis-server)")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no", "--dir", str(workdir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    yield f"redis://127.0.0.1:{port}/1"
    proc.terminate()
    proc.wait(timeout=10)
