"""The supervisor behind `make run`: Rasa, the action server and the web app as one command.

Ctrl-C stops all of them. A child that dies is started again with a back-off while the
others keep running (each restart logged with how the child ended); one that keeps dying
(RESTART_LIMIT restarts within RESTART_WINDOW_S) stops the product with the end of its
log. The children's states go to a file the web app reads for /health (bot.supervision).
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

from bot import internal_auth
from bot.first_run import FirstAdmin, ensure_first_admin, first_run_message
from bot.rasa_ext.endpoints import write_credentials, write_endpoints
from bot.settings import Settings, load_settings
from bot.supervision import READY, RESTARTING, STARTING, STOPPED, component_of, state_path, write_state

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
    # Kept by the supervisor: where the child is, and how often it had to be restarted.
    state: str = STOPPED
    started_at: float = 0.0  # monotonic, of the latest start
    ever_ready: bool = False
    restart_at: float | None = None  # monotonic; a restart is waiting for its back-off
    recent_restarts: deque = field(default_factory=deque)  # monotonic times, in the window
    restarts: int = 0
    last_exit: str = ""


class CrashLoop(Exception):
    def __init__(self, service: Service, exit_text: str):
        super().__init__(service.name)
        self.service = service
        self.exit_text = exit_text


def exit_text(returncode: int | None) -> str:
    """How a child ended, as the log says it: 'kod 3' or 'signal 9 (SIGKILL)'."""
    if returncode is None:
        return "okänt"
    if returncode < 0:
        try:
            return f"signal {-returncode} ({signal.Signals(-returncode).name})"
        except ValueError:
            return f"signal {-returncode}"
    return f"kod {returncode}"


# A child that dies is started again after a back-off that grows with its restarts in the
# window (the first within a second: the web app must be back within seconds); the
# (limit + 1)-th death within the window is a crash loop and stops the product, since a
# restart will not mend a broken configuration or a full disk.
RESTART_LIMIT = 5
RESTART_WINDOW_S = 600.0
BACKOFF_S = (0.5, 2.0, 4.0, 8.0, 16.0, 30.0)
TICK_S = 0.3


class Supervisor:
    def __init__(self, services: list[Service], out=sys.stdout, *, state_file: Path | None = None,
                 restart_limit: int = RESTART_LIMIT, restart_window: float = RESTART_WINDOW_S,
                 backoff: tuple[float, ...] = BACKOFF_S) -> None:
        self.services = services
        self.out = out
        self.state_file = state_file
        self.restart_limit = restart_limit
        self.restart_window = restart_window
        self.backoff = backoff
        self._stopping = False

    def say(self, text: str) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        print(f"{stamp} {text}" if text.strip() else text, file=self.out, flush=True)

    def start(self, service: Service) -> None:
        service.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(service.log_path, "ab")
        service.process = subprocess.Popen(
            service.argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={**os.environ, **service.env}, preexec_fn=_die_with_parent,
        )
        log.close()
        service.started_at = time.monotonic()
        service.state = RESTARTING if service.ever_ready or service.restarts else STARTING

    def publish(self) -> None:
        """The children's states for the web app's /health and its 503s (bot.supervision)."""
        if self.state_file is None:
            return
        now = time.monotonic()
        children = []
        for s in self.services:
            component, index = component_of(s.name)
            children.append({
                "name": s.name, "component": component, "index": index, "state": s.state,
                "pid": s.process.pid if s.process and s.process.poll() is None else None,
                "restarts": s.restarts, "last_exit": s.last_exit or None,
                "restart_in_s": round(max(0.0, s.restart_at - now), 1)
                if s.restart_at is not None else None,
            })
        try:
            write_state(self.state_file, children)
        except OSError as err:  # the product still runs; only /health knows less
            self.say(f"Kunde inte skriva {self.state_file}: {err}")

    def _note_in_log(self, service: Service, text: str) -> None:
        # The child's own log shows where one run of it ends and the next begins.
        try:
            with open(service.log_path, "a", encoding="utf-8") as log:
                log.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} Tidigt: {text} ===\n")
        except OSError:
            pass

    def died(self, service: Service, now: float) -> None:
        """A child ended by itself: schedule its restart, or stop on a crash loop."""
        ended = exit_text(service.process.returncode)
        try:  # what it started itself must not keep its port
            os.killpg(service.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        while service.recent_restarts and now - service.recent_restarts[0] > self.restart_window:
            service.recent_restarts.popleft()
        service.last_exit = ended
        if len(service.recent_restarts) >= self.restart_limit:
            raise CrashLoop(service, ended)
        service.recent_restarts.append(now)
        service.restarts += 1
        n = len(service.recent_restarts)
        delay = self.backoff[min(n - 1, len(self.backoff) - 1)]
        service.restart_at = now + delay
        service.state = RESTARTING
        self._note_in_log(service, f"{service.name} avslutades ({ended}); startas om om {delay:g} s")
        self.say(f"{service.name} avslutades oväntat ({ended}). Startar om om {delay:g} s "
                 f"(omstart {n} av högst {self.restart_limit} på "
                 f"{self.restart_window / 60:g} minuter). Övriga delar körs vidare.")
        self.publish()

    def tend(self, service: Service, now: float, ready_timeout: float) -> None:
        if service.restart_at is not None:
            if now >= service.restart_at:
                service.restart_at = None
                self.start(service)
                self.say(f"Startar om {service.name} (pid {service.process.pid}) …")
                self.publish()
            return
        if service.process is None:
            return
        if service.process.poll() is not None:
            self.died(service, now)
            return
        if service.state == READY:
            return
        if service.ready():
            first = not service.ever_ready
            service.state, service.ever_ready = READY, True
            took = time.monotonic() - service.started_at
            self.say(f"  {service.name} klar ({took:.0f} s)" if first
                     else f"{service.name} är igång igen ({took:.0f} s efter omstarten).")
            self.publish()
        elif now - service.started_at > ready_timeout:
            if not service.ever_ready:
                raise TimeoutError(service.name)
            # Hung on its way up after a restart: ended and counted like any death.
            self.say(f"{service.name} blev inte klar inom {ready_timeout:.0f} s efter omstarten.")
            try:
                os.killpg(service.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            service.process.wait()

    def stop_all(self, grace: float = 10.0) -> None:
        for service in self.services:
            service.restart_at = None
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
        for service in self.services:
            service.state = STOPPED
        if self.state_file is not None:
            try:
                self.state_file.unlink()
            except OSError:
                pass

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
                self.say(f"Startar {service.name} …")
                self.start(service)
            self.publish()
            announced = False
            while not self._stopping:
                for service in self.services:
                    self.tend(service, time.monotonic(), ready_timeout)
                if not announced and all(s.state == READY for s in self.services):
                    announced = True
                    if banner:
                        self.say(banner)
                time.sleep(TICK_S)
            self.say("Avslutar …")
            self.stop_all()
            self.say("Tidigt är stoppat.")
            return 0
        except CrashLoop as loop:
            service = loop.service
            self.say(f"\n{service.name} avslutades oväntat igen ({loop.exit_text}) efter "
                     f"{self.restart_limit} omstarter på {self.restart_window / 60:g} minuter. "
                     f"Tidigt stoppas: en omstart hjälper inte. Slutet av {service.log_path}:\n"
                     f"{self.tail(service)}")
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
    # One secret per start, shared by the web app, Rasa and the action servers through
    # their environment (bot.internal_auth); a restarted child keeps its Service's env.
    internal = {internal_auth.ENV: internal_auth.new_secret()}
    credentials = write_credentials(settings)
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
                # rasa_sdk, refusing calls without the internal secret.
                [sys.executable, "-m", "bot.action_server", "--actions", "actions",
                 "--port", str(settings.actions_port + i)],
                http_ok(f"{actions_url}/health"), logs / f"actions{log_suffix}.log",
                # rasa_sdk binds 0.0.0.0 unless told otherwise; it must stay internal.
                env={"SANIC_HOST": "127.0.0.1", **ACTION_SERVER_KEEP_ALIVE, **internal},
            ),
            Service(
                f"Rasa{suffix}",
                # Rasa's own command line, less a constant cost (bot.rasa_ext).
                [sys.executable, "-m", "bot.rasa_ext", "run",
                 "--model", str(settings.model_path),
                 "--endpoints", str(endpoints),
                 "--credentials", str(credentials),
                 # No --enable-api: nothing of ours uses Rasa's HTTP API (tracker, events,
                 # model), so it is not served at all; only the REST channel and `/`.
                 "--interface", "127.0.0.1", "--port", str(settings.rasa_port + i)],
                http_ok(f"{rasa_url}/"), logs / f"rasa{log_suffix}.log", env=dict(internal),
            ),
        ]
    web_argv = [str(settings.web_python), "-m", "bot", "web", "--port", str(web_port)]
    # The web app runs Rasa's interpreter (this one) for the test-story export only.
    web_env = {"TIDIGT_RASA_PYTHON": sys.executable, **internal}
    if settings.web_processes == 1:
        services.append(Service("webbappen", web_argv, port_open(web_port), logs / "web.log",
                                env=web_env))
        return services
    for i in range(settings.web_processes):
        # Several web-app processes share the port (SO_REUSEPORT); the kernel spreads
        # the connections over them.
        holder: list[Service] = []
        holder.append(Service(
            f"webbappen {i + 1}", web_argv, listening(holder, web_port),
            logs / f"web-{i + 1}.log", env=web_env,
        ))
        services += holder
    return services


def private_data_dir(data_dir: Path) -> None:
    """Everything the product writes (database, logs, endpoints) is for this account only:
    files 0600 and directories 0700, for the children too (they inherit the umask)."""
    os.umask(0o077)
    for path in (data_dir, data_dir / "logs"):
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(0o700)
    # Files made before the umask (an older version, `bot db upgrade` from the Makefile).
    for path in [*data_dir.glob("*.db*"), *(data_dir / "logs").glob("*.log")]:
        path.chmod(0o600)


def web_environment_problem(settings: Settings) -> str | None:
    if not os.access(settings.web_python, os.X_OK):
        return (f"Webbappens miljö saknas ({settings.web_python}): kör `make run`, som skapar "
                "den, eller sätt TIDIGT_WEB_PYTHON.")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot run")
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--ready-timeout", type=float, default=240.0)
    parser.add_argument("--restart-limit", type=int, default=RESTART_LIMIT,
                        help="restarts of one child within the window before Tidigt stops")
    parser.add_argument("--restart-window", type=float, default=RESTART_WINDOW_S,
                        help="the crash-loop window in seconds")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ValueError as err:
        print(err)
        return 1
    if not settings.model_path.exists():
        print(f"Ingen tränad modell i {settings.model_path}: kör `make run`, som tränar den.")
        return 1
    problem = scale_out_problem(settings) or web_environment_problem(settings)
    if problem:
        print(problem)
        return 1
    private_data_dir(settings.data_dir)
    port = args.port or settings.web_port
    banner = f"Tidigt körs på http://localhost:{port}/  (Ctrl-C avslutar)"
    first_admin = first_start(settings)
    first_words = first_run_message(first_admin, f"http://localhost:{port}/") if first_admin else ""
    supervisor = Supervisor(product_services(settings, port),
                            state_file=state_path(settings.data_dir),
                            restart_limit=args.restart_limit, restart_window=args.restart_window)
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
