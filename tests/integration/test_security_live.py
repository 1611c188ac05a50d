"""The running product's internal side (issue 21): Rasa's HTTP API is not served, the web
app runs in its own environment, and what the product writes is for its account only."""
from __future__ import annotations

import stat
import subprocess
import urllib.error
import urllib.request

import psutil

from bot.settings import PROJECT_ROOT


def _status(url: str, method: str = "GET", body: bytes | None = None) -> int:
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


def test_rasa_api_is_not_served_without_or_with_the_old_token(product):
    rasa = f"http://127.0.0.1:{product.env['TIDIGT_RASA_PORT']}"
    assert _status(f"{rasa}/") == 200  # Rasa is up: the 404s below are not a dead server
    for token in ("", "?token=tidigt-local-token"):
        for method, path, body in (("GET", "/status", None),
                                   ("GET", "/conversations/x/tracker", None),
                                   ("GET", "/conversations/x/story", None),
                                   ("POST", "/conversations/x/tracker/events", b"[]"),
                                   ("POST", "/model/parse", b'{"text": "hej"}'),
                                   ("PUT", "/model", b"{}")):
            status = _status(f"{rasa}{path}{token}", method, body)
            assert status in (401, 404, 405), (method, path, token, status)


def test_the_web_app_runs_with_its_own_environment(product):
    listeners = [c.pid for c in psutil.net_connections(kind="tcp")
                 if c.status == psutil.CONN_LISTEN and c.laddr.port == product.port and c.pid]
    assert listeners, "nobody listens on the web port"
    for pid in set(listeners):
        cmdline = psutil.Process(pid).cmdline()
        assert cmdline[0] == str(PROJECT_ROOT / ".venv-web" / "bin" / "python"), cmdline
        # Rasa is not even installed there, so nothing in the web app can import it.
        probe = subprocess.run([cmdline[0], "-c", "import rasa"], capture_output=True, text=True)
        assert probe.returncode != 0 and "No module named 'rasa'" in probe.stderr


def test_data_directory_and_logs_are_private(product):
    data_dir = product.data_dir
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "logs").stat().st_mode) == 0o700
    files = [*(data_dir / "logs").glob("*.log"), *data_dir.glob("tidigt.db*"),
             *data_dir.glob("endpoints*.yml")]
    assert len(files) >= 4, files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, (path, oct(path.stat().st_mode))
