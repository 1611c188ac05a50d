"""What the benchmark measures: Tidigt started through its own supervisor (single process on
SQLite, or scaled out on PostgreSQL and Redis), and a bare Rasa server on the same model.

Every target runs on free ports in a throw-away data directory, so a bench run never
touches var/tidigt.db or a running `make run`.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bot.settings import PROJECT_ROOT
from bot.storage import migrate
from bot.storage.db import session_scope
from bot.storage.users import add_user

PASSWORD = "bench-lösenord-1"
MODEL = PROJECT_ROOT / "models" / "current.tar.gz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(url: str, timeout: float = 3) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, json.load(resp)
    except urllib.error.HTTPError as err:
        return err.code, {}


class Target:
    """A started system under test: its base URL, its root processes, how to stop it."""

    name = ""
    base = ""
    started_in: float = 0.0  # seconds from launch until it answered

    def root_pids(self) -> list[int]:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


def bench_usernames(count: int) -> list[str]:
    return [f"bench.{i:03d}" for i in range(count)]


def create_bench_users(url: str, count: int) -> list[str]:
    migrate.upgrade(url)
    names = bench_usernames(count)
    with session_scope(url) as session:
        for i, username in enumerate(names):
            add_user(session, f"Bänk Handläggare {i}", role="handläggare", unit="Bänk",
                     password=PASSWORD, username=username)
    return names


class Tidigt(Target):
    """`python -m bot run` with the settings a municipality would use."""

    def __init__(self, users: int, *, processes: int = 1, postgres=None) -> None:
        self.name = "tidigt" if processes == 1 else f"tidigt-{processes}p"
        self.data_dir = Path(tempfile.mkdtemp(prefix=f"{self.name}-", dir=_scratch()))
        self.postgres = postgres
        if postgres is not None:
            database_url = postgres.create_database(f"bench{os.getpid()}{processes}")
        else:
            database_url = f"sqlite:///{self.data_dir / 'tidigt.db'}"
        self.database_url = database_url
        self.usernames = create_bench_users(database_url, users)
        self.port = free_port()
        rasa_port, actions_port = _free_block(processes), _free_block(processes)
        self.env = {
            **os.environ, "DATABASE_URL": database_url, "TIDIGT_DATA_DIR": str(self.data_dir),
            "TIDIGT_HOST": "127.0.0.1", "TIDIGT_PORT": str(self.port),
            "TIDIGT_RASA_PORT": str(rasa_port), "TIDIGT_ACTIONS_PORT": str(actions_port),
            "TIDIGT_SECURE_COOKIES": "0", "TIDIGT_PROCESSES": str(processes),
            "TIDIGT_REDIS_PORT": str(free_port()),
        }
        self.env.pop("TIDIGT_REDIS_URL", None)
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 400) -> Tidigt:
        launched = time.monotonic()
        log = open(self.data_dir / "supervisor.log", "a")
        self.proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=PROJECT_ROOT,
                                     env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = launched + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.proc.returncode}); "
                                   f"see {self.data_dir}/supervisor.log")
            try:
                status, body = _get_json(f"{self.base}/health")
                if status == 200 and body.get("status") == "ok":
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise TimeoutError(f"{self.name} not healthy after {timeout} s")
        self.first_answer()
        self.healthy = True
        self.started_in = time.monotonic() - launched
        return self

    def first_answer(self) -> None:
        """Sign in and say hello: the cold start counts until the bot has answered."""
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())

        def post(path: str, body: dict, headers: dict | None = None) -> dict:
            request = urllib.request.Request(
                f"{self.base}{path}", data=json.dumps(body).encode(), method="POST",
                headers={"Content-Type": "application/json", **(headers or {})})
            with opener.open(request, timeout=120) as resp:
                return json.load(resp)

        csrf = post("/api/login", {"username": self.usernames[0], "password": PASSWORD})
        answer = post("/api/chat", {"conversation_id": None, "text": "hej"},
                      {"X-CSRF-Token": csrf["csrf_token"]})
        if not answer.get("messages"):
            raise RuntimeError(f"{self.name}: no answer to the first message")

    def root_pids(self) -> list[int]:
        pids = [self.proc.pid] if self.proc else []
        if self.postgres is not None:
            pids.append(postmaster_pid(self.postgres))
        return pids

    def stop(self) -> None:
        interrupt(self.proc, 60)
        if getattr(self, "keep_logs", False):
            # Errors in a run: the logs of every process go to var/bench/logs-<name>/.
            kept = self.data_dir.parent.parent / f"logs-{self.name}"
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(self.data_dir / "logs", kept)
        if getattr(self, "healthy", False):  # a failed start keeps its logs for a look
            shutil.rmtree(self.data_dir, ignore_errors=True)


class BareRasa(Target):
    """Rasa's own REST channel on the same trained model, with nothing of ours: no web app,
    no action server (custom actions fail fast and Rasa carries on), and Rasa's default
    in-memory tracker store. That is what "our overhead" is measured against."""

    name = "rasa-bar"

    def __init__(self) -> None:
        self.port = free_port()
        # An empty working directory, so Rasa finds no endpoints.yml of ours.
        self.dir = Path(tempfile.mkdtemp(prefix="rasa-bar-", dir=_scratch()))
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 400) -> BareRasa:
        launched = time.monotonic()
        log = open(self.dir / "rasa.log", "a")
        # Our NLU components are imported from the project, so Rasa runs in its root, with
        # an empty endpoints file instead of the project's endpoints.yml.
        empty = self.dir / "endpoints.yml"
        empty.write_text("{}\n", encoding="utf-8")
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "rasa"), "run", "--model", str(MODEL),
             "--endpoints", str(empty), "--credentials", str(PROJECT_ROOT / "credentials.yml"),
             "--interface", "127.0.0.1", "--port", str(self.port)],
            cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = launched + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"bare Rasa exited; see {self.dir}/rasa.log")
            if self._answers():
                break
            time.sleep(0.5)
        else:
            raise TimeoutError(f"bare Rasa did not answer after {timeout} s; see {self.dir}")
        self.started_in = time.monotonic() - launched
        self.healthy = True
        return self

    def _answers(self) -> bool:
        """Rasa listens before its model is loaded and then answers nothing (`[]`)."""
        request = urllib.request.Request(
            f"{self.base}/webhooks/rest/webhook", method="POST",
            data=json.dumps({"sender": "bench-probe", "message": "hej"}).encode(),
            headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as resp:
                return bool(json.load(resp))
        except (OSError, ValueError):
            return False

    def root_pids(self) -> list[int]:
        return [self.proc.pid] if self.proc else []

    def stop(self) -> None:
        interrupt(self.proc, 30)
        if getattr(self, "healthy", False):
            shutil.rmtree(self.dir, ignore_errors=True)


def interrupt(proc: subprocess.Popen | None, grace: float) -> None:
    """Ctrl-C, as a person stops it; killed if it has not stopped after `grace` seconds."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def postmaster_pid(postgres) -> int:
    """The PostgreSQL server's main process; its children are the backends."""
    return int((postgres.data / "postmaster.pid").read_text().split()[0])


def _scratch() -> Path:
    path = PROJECT_ROOT / "var" / "bench" / "scratch"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _free_block(size: int) -> int:
    """The first of `size` consecutive free ports (the supervisor numbers them so)."""
    for _ in range(200):
        first = free_port()
        if all(_port_free(first + i) for i in range(1, size)):
            return first
    raise RuntimeError("no block of free ports")


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False
