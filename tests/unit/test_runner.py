"""The supervisor: a dying child stops the rest; a signal stops everything; no orphans."""
import io
import os
import signal
import sys
import threading
import time

import psutil

from bot.runner import Service, Supervisor, product_services
from bot.settings import load_settings


def service(tmp_path, name, code):
    return Service(name, [sys.executable, "-c", code], lambda: True, tmp_path / f"{name}.log")


def test_when_one_child_dies_the_others_are_stopped(tmp_path):
    out = io.StringIO()
    sleeper = service(tmp_path, "sovare", "import time; time.sleep(60)")
    crasher = service(
        tmp_path, "kraschare", "import time,sys; time.sleep(1); print('trasig konfiguration'); sys.exit(3)"
    )
    code = Supervisor([sleeper, crasher], out=out).run(ready_timeout=10)
    assert code == 1
    report = out.getvalue()
    assert "kraschare avslutades oväntat (kod 3)" in report
    assert "trasig konfiguration" in report
    assert not psutil.pid_exists(sleeper.process.pid) or \
        psutil.Process(sleeper.process.pid).status() == psutil.STATUS_ZOMBIE


def test_sigterm_stops_every_child(tmp_path):
    out = io.StringIO()
    a = service(tmp_path, "a", "import time; time.sleep(60)")
    b = service(tmp_path, "b", "import time; time.sleep(60)")
    sup = Supervisor([a, b], out=out)
    # The supervisor installs its handlers in this (main) thread; the signal comes later.
    timer = threading.Timer(1.5, os.kill, args=(os.getpid(), signal.SIGTERM))
    timer.start()
    assert sup.run(ready_timeout=10) == 0
    timer.join()
    for s in (a, b):
        assert s.process.poll() is not None
    assert "Tidigt är stoppat." in out.getvalue()


def test_supervisor_killed_hard_leaves_no_orphans(tmp_path):
    """Children die with the supervisor even when it gets SIGKILL (PR_SET_PDEATHSIG)."""
    import subprocess

    code = (
        "import sys; sys.path.insert(0, '.');"
        "from pathlib import Path; from bot.runner import Service, Supervisor;"
        f"s = Service('sovare', [sys.executable, '-c', 'import time; time.sleep(120)'], lambda: True,"
        f" Path('{tmp_path}') / 's.log');"
        "Supervisor([s]).run(ready_timeout=10)"
    )
    sup = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    time.sleep(3)
    children = psutil.Process(sup.pid).children(recursive=True)
    assert children, "the supervisor started no child"
    sup.send_signal(signal.SIGKILL)
    sup.wait()
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive


def test_the_action_server_outwaits_rasas_reused_connections(tmp_path):
    """Rasa's aiohttp client keeps an idle connection to the action server for 15 s; if
    the server closed it sooner, a call under load would fail and Rasa would silently go
    on without the action (found by tests/integration/test_isolation.py)."""
    settings = load_settings({"TIDIGT_DATA_DIR": str(tmp_path)})
    actions = next(s for s in product_services(settings, 8080) if s.name.startswith("action"))
    assert actions.env["SANIC_HOST"] == "127.0.0.1"
    assert int(actions.env["SANIC_KEEP_ALIVE_TIMEOUT"]) > 15
