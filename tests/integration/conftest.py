"""A real running product (Rasa, action server, web app) for integration tests.

Started once per test session through `python -m bot run`, the same supervisor a person
uses, on free ports and a throw-away database.
"""
from __future__ import annotations

import json
import os
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


@pytest.fixture(scope="session")
def product(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    data_dir: Path = tmp_path_factory.mktemp("product")
    url = f"sqlite:///{data_dir / 'tidigt.db'}"
    migrate.upgrade(url)
    with session_scope(url) as session:
        add_user(session, "Anna Berg", role="handläggare", unit="EB Nord", password=PASSWORD)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "TIDIGT_DATA_DIR": str(data_dir),
        "TIDIGT_HOST": "127.0.0.1",
        "TIDIGT_PORT": str(port),
        "TIDIGT_RASA_PORT": str(free_port()),
        "TIDIGT_ACTIONS_PORT": str(free_port()),
        # Plain http on localhost in the test: the cookie cannot be marked Secure.
        "TIDIGT_SECURE_COOKIES": "0",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=open(data_dir / "supervisor.log", "w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(f"{base}/health", proc)
        yield {"base": base, "database_url": url, "data_dir": data_dir, "proc": proc}
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
