"""The running product's internal side (issue 21): Rasa's HTTP API is not served, the web
app runs in its own environment, and what the product writes is for its account only."""
from __future__ import annotations

import json
import stat
import subprocess
import urllib.error
import urllib.request

import psutil

from bot.settings import PROJECT_ROOT
from tests.integration.conftest import PASSWORD


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


def test_rasa_channel_and_action_server_refuse_calls_without_the_internal_secret(product):
    """Another local process cannot post a message as a signed-in user (metadata.user,
    metadata.training) or call an action directly: both need this start's secret."""
    rasa = f"http://127.0.0.1:{product.env['TIDIGT_RASA_PORT']}"
    actions = f"http://127.0.0.1:{product.env['TIDIGT_ACTIONS_PORT']}"
    forged = (b'{"sender": "x", "message": "hej", '
              b'"metadata": {"user": {"username": "anna.berg"}, "training": true}}')
    assert _status(f"{rasa}/webhooks/rest/webhook", "POST", forged) == 401
    assert _status(f"{actions}/webhook", "POST", b'{"next_action": "action_session_start"}') == 401
    assert _status(f"{actions}/health") == 200
    # The product itself still talks to both: a signed-in chat message gets its answer.
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    login = urllib.request.Request(
        f"{product.base}/api/login", method="POST", headers={"Content-Type": "application/json"},
        data=json.dumps({"username": "anna.berg", "password": PASSWORD}).encode())
    csrf = json.load(opener.open(login, timeout=60))["csrf_token"]
    chat = urllib.request.Request(
        f"{product.base}/api/chat", method="POST",
        headers={"Content-Type": "application/json", "X-CSRF-Token": csrf},
        data=json.dumps({"conversation_id": None, "text": "hej",
                         "client_message_id": "sakerhet-1"}).encode())
    answer = json.load(opener.open(chat, timeout=120))
    assert answer["messages"], answer
