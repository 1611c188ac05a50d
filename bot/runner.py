"""The supervisor behind `make run`: Rasa, the action server and the web app as one command.

Ctrl-C stops all three. If one dies, the others are stopped and its log tail is shown.
Children get PR_SET_PDEATHSIG, so even a SIGKILLed supervisor leaves no orphans.
"""
from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from bot.first_run import FirstAdmin, ensure_first_admin, first_run_message
from bot.rasa_endpoints import write_endpoints
from bot.settings import Settings, load_settings

_PR_SET_PDEATHSIG = 1
# Sanic closes an idle keep-alive connection after 5 s, but Rasa's client for the action
# server reuses one for up to 15 s (aiohttp's default). Under load a call then meets a
# closing connection ("Cannot write to closing transport"), and Rasa goes on without the
# action's events: a question never asked. The server must outwait the client (Rasa's own
# server already keeps connections 120 s).
ACTION_SERVER_KEEP_ALIVE = {"SANIC_KEEP_ALIVE_TIMEOUT": "75"}


def _die_with_parent() -> None:  # runs in the child between fork and exec
    os.setpgrp()
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def http_ok(url: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                return resp.status < 500
        except Exception:
            return False

    return check


def port_open(port: int, host: str = "127.0.0.1") -> Callable[[], bool]:
    def check() -> bool:
        with socket.socket() as s:
            s.settimeout(1)
            return s.connect_ex((host, port)) == 0

    return check


def listening(holder: list, port: int) -> Callable[[], bool]:
    """Whether this very process listens on the port: with SO_REUSEPORT several do, so a
    successful connect says nothing about which of them is ready."""
    def check() -> bool:
        service = holder[0]
        if service.process is None:
            return False
        try:
            conns = psutil.Process(service.process.pid).net_connections(kind="tcp")
        except psutil.Error:
            return False
        return any(c.status == psutil.CONN_LISTEN and c.laddr.port == port for c in conns)

    return check


@dataclass
class Service:
    name: str
    argv: list[str]
    ready: Callable[[], bool]
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None


class ServiceDied(Exception):
    def __init__(self, service: Service):
        super().__init__(service.name)
        self.service = service


class Supervisor:
    def __init__(self, services: list[Service], out=sys.stdout) -> None:
        self.services = services
        self.out = out
        self._stopping = False

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def start(self, service: Service) -> None:
        service.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(service.log_path, "ab")
        service.process = subprocess.Popen(
            service.argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={**os.environ, **service.env}, preexec_fn=_die_with_parent,
        )
        log.close()

    def check_alive(self) -> None:
        for service in self.services:
            if service.process is not None and service.process.poll() is not None:
                raise ServiceDied(service)

    def wait_ready(self, timeout: float) -> None:
        for service in self.services:
            started = time.monotonic()
            self.say(f"Startar {service.name} …")
            while not service.ready():
                self.check_alive()
                if time.monotonic() - started > timeout:
                    raise TimeoutError(service.name)
                time.sleep(0.5)
            self.say(f"  {service.name} klar ({time.monotonic() - started:.0f} s)")

    def stop_all(self, grace: float = 10.0) -> None:
        running = [s for s in self.services if s.process and s.process.poll() is None]
        for service in running:
            try:
                os.killpg(service.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace
        for service in running:
            try:
                service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(service.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                service.process.wait()

    def tail(self, service: Service, lines: int = 20) -> str:
        try:
            with open(service.log_path, encoding="utf-8", errors="replace") as f:
                return "".join(deque(f, maxlen=lines))
        except OSError:
            return "(ingen logg)"

    def run(self, ready_timeout: float = 240.0, banner: str = "") -> int:
        def on_signal(signum, _frame):
            self._stopping = True

        old = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            for service in self.services:
                self.start(service)
            self.wait_ready(ready_timeout)
            if banner:
                self.say(banner)
            while not self._stopping:
                self.check_alive()
                time.sleep(0.3)
            self.say("Avslutar …")
            self.stop_all()
            self.say("Tidigt är stoppat.")
            return 0
        except ServiceDied as died:
            service = died.service
            self.say(f"\n{service.name} avslutades oväntat (kod {service.process.returncode}). "
                     f"Stoppar övriga. Slutet av {service.log_path}:\n{self.tail(service)}")
            self.stop_all()
            return 1
        except TimeoutError as slow:
            self.say(f"{slow} blev inte klar i tid. Se loggarna i {self.services[0].log_path.parent}.")
            self.stop_all()
            return 1
        except KeyboardInterrupt:
            self.stop_all()
            return 0
        finally:
            for sig, handler in old.items():
                signal.signal(sig, handler)


def scale_out_problem(settings: Settings) -> str | None:
    """Why the scale-out settings cannot work, in Swedish, or None."""
    if not settings.scaled_out:
        return None
    if not settings.database_url.startswith("postgresql"):
        return ("Flera processer (TIDIGT_PROCESSES) kräver PostgreSQL: sätt DATABASE_URL till "
                "postgresql://… (SQLite tål inte flera skrivande processer).")
    if not settings.redis_url and shutil.which("redis-server") is None:
        return ("Flera Rasa-processer kräver Redis som låslager: sätt TIDIGT_REDIS_URL eller "
                "installera Debians redis-server (make system-deps).")
    return None


def product_services(settings: Settings, web_port: int) -> list[Service]:
    logs = settings.data_dir / "logs"
    services: list[Service] = []
    several = settings.rasa_processes > 1
    if several and not settings.redis_url:
        # Only locks live here (no persistence needed); it is internal like Rasa.
        services.append(Service(
            "Redis",
            ["redis-server", "--port", str(settings.redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(settings.data_dir)],
            port_open(settings.redis_port), logs / "redis.log",
        ))
    for i in range(settings.rasa_processes):
        suffix = f" {i + 1}" if several else ""
        log_suffix = f"-{i + 1}" if several else ""
        endpoints = write_endpoints(settings, i)
        actions_url, rasa_url = settings.actions_urls[i], settings.rasa_urls[i]
        services += [
            Service(
                f"actionservern{suffix}",
                [sys.executable, "-m", "rasa_sdk", "--actions", "actions",
                 "--port", str(settings.actions_port + i)],
                http_ok(f"{actions_url}/health"), logs / f"actions{log_suffix}.log",
                # rasa_sdk binds 0.0.0.0 unless told otherwise; it must stay internal.
                env={"SANIC_HOST": "127.0.0.1", **ACTION_SERVER_KEEP_ALIVE},
            ),
            Service(
                f"Rasa{suffix}",
                # Rasa's own command line, less a constant cost (bot.rasa_server).
                [sys.executable, "-m", "bot.rasa_server", "run",
                 "--model", str(settings.model_path),
                 "--endpoints", str(endpoints),
                 "--credentials", str(settings.project_root / "credentials.yml"),
                 "--interface", "127.0.0.1", "--port", str(settings.rasa_port + i),
                 "--enable-api", "--auth-token", settings.rasa_token],
                http_ok(f"{rasa_url}/"), logs / f"rasa{log_suffix}.log",
            ),
        ]
    if settings.web_processes == 1:
        services.append(Service("webbappen", [sys.executable, "-m", "bot", "web", "--port",
                                              str(web_port)], port_open(web_port), logs / "web.log"))
        return services
    for i in range(settings.web_processes):
        # Several web-app processes share the port (SO_REUSEPORT); the kernel spreads
        # the connections over them.
        holder: list[Service] = []
        holder.append(Service(
            f"webbappen {i + 1}", [sys.executable, "-m", "bot", "web", "--port", str(web_port)],
            listening(holder, web_port), logs / f"web-{i + 1}.log",
        ))
        services += holder
    return services


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot run")
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--ready-timeout", type=float, default=240.0)
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ValueError as err:
        print(err)
        return 1
    if not settings.model_path.exists():
        print(f"Ingen tränad modell i {settings.model_path}: kör `make run`, som tränar den.")
        return 1
    problem = scale_out_problem(settings)
    if problem:
        print(problem)
        return 1
    port = args.port or settings.web_port
    banner = f"Tidigt körs på http://localhost:{port}/  (Ctrl-C avslutar)"
    first_admin = first_start(settings)
    first_words = first_run_message(first_admin, f"http://localhost:{port}/") if first_admin else ""
    supervisor = Supervisor(product_services(settings, port))
    # After the "klar" lines, so the one-time password is the last thing seen.
    code = supervisor.run(args.ready_timeout, banner=first_words + "\n" + banner if first_words
                          else banner)
    if code != 0 and first_words:
        # The start failed before the banner: the account exists, so its password must
        # not be lost with it (the next start finds a user and creates none).
        print(first_words, flush=True)
    return code


def first_start(settings: Settings) -> FirstAdmin | None:
    """The first administrator of an empty database (bot.first_run), or None."""
    from bot.storage import migrate
    from bot.storage.db import session_scope

    migrate.upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        return ensure_first_admin(session)
