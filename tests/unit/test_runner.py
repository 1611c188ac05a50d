"""The supervisor: a dying child is restarted alone, a crash loop stops everything with
the child's name and log, a signal stops everything; no orphans."""
import io
import json
import os
import signal
import sys
import threading
import time

import psutil

from bot.runner import Service, Supervisor, exit_text, product_services
from bot.settings import load_settings
from bot.supervision import STATE_FILE, StateReader, component_of, write_state


def service(tmp_path, name, code):
    return Service(name, [sys.executable, "-c", code], lambda: True, tmp_path / f"{name}.log")


def test_a_dead_child_is_restarted_and_the_others_keep_running(tmp_path):
    out = io.StringIO()
    state_file = tmp_path / "supervisor.json"
    sleeper = service(tmp_path, "sovare", "import time; time.sleep(60)")
    # Dies once with code 3, then runs: the second start finds its marker.
    marker = tmp_path / "ran-once"
    flaky = service(tmp_path, "kraschare", (
        "import pathlib, sys, time; m = pathlib.Path(sys.argv[1])\n"
        "if not m.exists(): m.touch(); print('trasig anslutning'); sys.exit(3)\n"
        "time.sleep(60)"))
    flaky.argv.append(str(marker))
    seen: dict = {}

    def watch():
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if state_file.exists():
                children = {c["name"]: c for c in json.loads(state_file.read_text())["children"]}
                if children["kraschare"]["restarts"] == 1 and \
                        children["kraschare"]["state"] == "ready":
                    seen.update(children)
                    seen["sleeper_pid"] = sleeper.process.pid
                    seen["flaky_pid"] = flaky.process.pid
                    break
            time.sleep(0.1)
        os.kill(os.getpid(), signal.SIGTERM)

    first_sleeper_pid = []
    watcher = threading.Thread(target=watch)
    sup = Supervisor([sleeper, flaky], out=out, state_file=state_file, backoff=(0.2,))
    original_start = sup.start

    def start(s):
        original_start(s)
        if s is sleeper:
            first_sleeper_pid.append(s.process.pid)

    sup.start = start
    watcher.start()
    assert sup.run(ready_timeout=10) == 0
    watcher.join()
    report = out.getvalue()
    assert seen, report
    assert "kraschare avslutades oväntat (kod 3). Startar om om 0.2 s (omstart 1 av högst 5" \
        in report
    assert seen["kraschare"]["last_exit"] == "kod 3"
    assert seen["sovare"]["state"] == "ready" and seen["sovare"]["restarts"] == 0
    assert first_sleeper_pid == [seen["sleeper_pid"]], "the sleeper must not be restarted"
    assert "Tidigt: kraschare avslutades (kod 3)" in (tmp_path / "kraschare.log").read_text()
    assert not state_file.exists(), "a stopped supervisor leaves no state behind"


def test_a_crash_loop_stops_the_product_with_the_childs_name_and_log(tmp_path):
    out = io.StringIO()
    sleeper = service(tmp_path, "sovare", "import time; time.sleep(60)")
    crasher = service(
        tmp_path, "kraschare", "import sys; print('trasig konfiguration'); sys.exit(3)"
    )
    code = Supervisor([sleeper, crasher], out=out, restart_limit=3,
                      backoff=(0.1, 0.2)).run(ready_timeout=10)
    assert code == 1
    report = out.getvalue()
    assert report.count("Startar om kraschare") == 3, report
    assert "kraschare avslutades oväntat igen (kod 3) efter 3 omstarter på 10 minuter" in report
    assert "trasig konfiguration" in report
    assert not psutil.pid_exists(sleeper.process.pid) or \
        psutil.Process(sleeper.process.pid).status() == psutil.STATUS_ZOMBIE


def test_a_kill_9_is_logged_as_the_signal(tmp_path):
    assert exit_text(-9) == "signal 9 (SIGKILL)"
    assert exit_text(3) == "kod 3"


def test_the_web_app_trusts_only_its_own_supervisors_state(tmp_path):
    write_state(tmp_path / STATE_FILE, [{"name": "Rasa", "component": "rasa", "index": 0,
                                          "state": "restarting"}])
    mine = StateReader(tmp_path, parent_pid=os.getpid())
    assert [c["name"] for c in mine.not_ready("rasa")] == ["Rasa"]
    assert mine.not_ready("actions") == []
    # A file left by an earlier run (another writer) says nothing about this one.
    assert StateReader(tmp_path, parent_pid=os.getpid() + 1).children() == []
    assert component_of("Rasa 2") == ("rasa", 1)
    assert component_of("webbappen") == ("web", 0)


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
