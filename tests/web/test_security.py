"""The security review's findings (issue 21), each against the real web-app server started
with the web app's own environment (tests/web/conftest.py)."""
from __future__ import annotations

import json
import stat
import subprocess
import sys

from tests.web.conftest import PASSWORD, SSO_SECRET

LOGIN = {"username": "anna.berg", "password": PASSWORD}


def _login(server, username="anna.berg", password=PASSWORD, headers=None):
    return server.request("POST", "/api/login", {"username": username, "password": password},
                          headers=headers)


def _access_log(server) -> list[dict]:
    """The access log as the server wrote it (read in a process of its own)."""
    code = ("import json, sys; from bot.storage.db import session_scope;"
            "from bot.storage.models import AccessLog; from sqlalchemy import select;"
            "s = session_scope(sys.argv[1]).__enter__();"
            "print(json.dumps([{'action': r.action, 'detail': r.detail or {}}"
            " for r in s.execute(select(AccessLog).order_by(AccessLog.id)).scalars()]))")
    return json.loads(subprocess.run([sys.executable, "-c", code, server.env["DATABASE_URL"]],
                                     capture_output=True, text=True, check=True).stdout)


def test_cross_site_text_plain_login_is_refused_and_sets_no_cookie(web_server):
    own = f"http://127.0.0.1:{web_server.port}"
    body = json.dumps(LOGIN)
    # What a hostile page's <form enctype="text/plain"> or fetch(no-cors) sends.
    for headers, wanted in (
            ({"Content-Type": "text/plain", "Origin": "https://ond.example"}, 403),
            ({"Content-Type": "text/plain", "Sec-Fetch-Site": "cross-site"}, 403),
            ({"Content-Type": "application/x-www-form-urlencoded", "Origin": "null"}, 403),
            # A browser that sends no Origin: the body type alone is refused.
            ({"Content-Type": "text/plain"}, 415),
            ({"Content-Type": "application/x-www-form-urlencoded"}, 415),
            # Even application/json, if a browser says another site sent it.
            ({"Content-Type": "application/json", "Origin": "https://ond.example"}, 403),
            ({"Content-Type": "application/json", "Origin": f"{own}.ond.example"}, 403)):
        status, resp_headers, answer = web_server.request("POST", "/api/login", body,
                                                          headers=headers)
        assert status == wanted, (headers, status, answer)
        assert "Set-Cookie" not in resp_headers, headers
        assert isinstance(answer, dict) and answer["error"]
    # The page's own request still signs in.
    status, resp_headers, answer = web_server.request(
        "POST", "/api/login", body, headers={"Content-Type": "application/json", "Origin": own,
                                             "Sec-Fetch-Site": "same-origin"})
    assert status == 200 and "tidigt_session=" in resp_headers["Set-Cookie"], answer


def test_two_sso_headers_or_two_secrets_give_403_and_no_session(sso_server):
    for headers in ({"X-Remote-User": ["bo.ek", "anna.berg"], "X-Tidigt-Proxy-Secret": SSO_SECRET},
                    {"X-Remote-User": "anna.berg",
                     "X-Tidigt-Proxy-Secret": [SSO_SECRET, SSO_SECRET]},
                    {"X-Remote-User": "anna.berg", "X-Tidigt-Proxy-Secret": "fel"}):
        status, resp_headers, answer = sso_server.request("GET", "/api/me", headers=headers)
        assert status == 403, (headers, status, answer)
        assert "Set-Cookie" not in resp_headers
    status, resp_headers, answer = sso_server.request(
        "GET", "/api/me", headers={"X-Remote-User": "anna.berg",
                                   "X-Tidigt-Proxy-Secret": SSO_SECRET})
    assert status == 200 and answer["username"] == "anna.berg"


def test_one_user_locked_from_one_address_does_not_lock_others(web_server):
    a = {"X-Forwarded-For": "10.1.1.1"}  # the tests' peer is the trusted proxy
    b = {"X-Forwarded-For": "10.2.2.2"}
    for _ in range(5):
        assert _login(web_server, password="fel-lösenord", headers=a)[0] == 401
    status, _h, answer = _login(web_server, headers=a)
    assert status == 401 and "spärrat" in answer["error"], answer
    # The same user from another address, and another user from the same address.
    assert _login(web_server, headers=b)[0] == 200
    assert _login(web_server, "bo.ek", headers=a)[0] == 200
    # A client cannot pick its address: the proxy appends the one it saw, and that counts.
    spoofed = {"X-Forwarded-For": "10.2.2.2, 10.1.1.1"}
    assert _login(web_server, headers=spoofed)[0] == 401
    # The failures and the refusal are in the access log with the client's address.
    rows = [[r["action"], r["detail"].get("adress"), r["detail"].get("skäl")]
            for r in _access_log(web_server)]
    assert rows.count(["inloggning nekad", "10.1.1.1", "fel lösenord"]) == 5
    assert ["inloggning nekad", "10.1.1.1", "spärrad"] in rows
    assert ["inloggning", "10.2.2.2", None] in rows


def test_twenty_failures_from_one_address_stop_that_address_only(web_server):
    a = {"X-Forwarded-For": "10.3.3.3"}
    for n in range(20):
        _login(web_server, f"finns.inte.{n}", "fel-lösenord", headers=a)
    assert _login(web_server, headers=a)[0] == 401
    assert _login(web_server, headers={"X-Forwarded-For": "10.4.4.4"})[0] == 200


def test_a_new_login_ends_the_old_session(web_server):
    status, headers, _ = _login(web_server)
    old = headers["Set-Cookie"].split(";", 1)[0]
    assert web_server.request("GET", "/api/me", headers={"Cookie": old})[0] == 200
    status, headers, _ = _login(web_server, headers={"Cookie": old})
    new = headers["Set-Cookie"].split(";", 1)[0]
    assert status == 200 and new != old
    assert web_server.request("GET", "/api/me", headers={"Cookie": old})[0] == 401
    assert web_server.request("GET", "/api/me", headers={"Cookie": new})[0] == 200


def test_server_header_and_anonymous_health_name_nothing(web_server):
    status, headers, body = web_server.request("GET", "/health")
    assert "aiohttp" not in headers.get("Server", "") and "Python" not in headers.get("Server", "")
    # Rasa is absent here: the component is down, but the reason is not told to strangers.
    assert status == 503 and body["components"]["rasa"] == "fel", body
    _, login_headers, _ = _login(web_server)
    cookie = login_headers["Set-Cookie"].split(";", 1)[0]
    body = web_server.request("GET", "/health", headers={"Cookie": cookie})[2]
    assert body["components"]["rasa"].startswith("fel: ") and len(body["components"]["rasa"]) > 5


def test_static_404_keeps_its_swedish_json_body(web_server):
    status, headers, body = web_server.request("GET", "/static/finns-inte.js")
    assert status == 404 and headers["Content-Type"].startswith("application/json")
    assert body["error"] == "Sidan eller resursen finns inte."


def test_access_log_has_no_query_string(web_server):
    web_server.request("GET", "/api/review/conversations?q=hemlig-sokning&from=2026-01-01")
    web_server.request("GET", "/health")
    log = web_server.log()
    assert "/api/review/conversations" in log
    assert "hemlig-sokning" not in log and "2026-01-01" not in log


def test_review_search_text_is_logged_masked(web_server):
    _, headers, _ = _login(web_server)
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    status, _h, _b = web_server.request("GET", "/api/review/conversations?q=19121212-1212",
                                        headers={"Cookie": cookie})
    assert status == 200
    listed = [r for r in _access_log(web_server) if r["action"] == "granskningslista"]
    assert listed and "19121212-1212" not in json.dumps(listed, ensure_ascii=False)
    assert listed[-1]["detail"]["filter"]["q"] == "[personnummer dolt]"


def test_password_login_can_be_turned_off(tmp_path):
    from tests.web.conftest import start_server, stop_server

    server = start_server(tmp_path, {"TIDIGT_PASSWORD_LOGIN": "0",
                                     "TIDIGT_SSO_HEADER": "X-Remote-User",
                                     "TIDIGT_SSO_SECRET": SSO_SECRET})
    try:
        status, headers, answer = _login(server)
        assert status == 403 and "avstängd" in answer["error"]
        assert "Set-Cookie" not in headers
    finally:
        stop_server(server)


def test_files_the_web_app_writes_are_for_its_account_only(web_server):
    _login(web_server)  # a write: SQLite's -wal and -shm files exist now
    written = [p for p in web_server.data_dir.iterdir() if p.name.startswith("tidigt.db-")]
    assert written, list(web_server.data_dir.iterdir())
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, (path, oct(path.stat().st_mode))


def test_admin_does_not_read_a_practice_facit(web_server):
    """Admin sees users and the access log, never case content (docs/sakerhet.md)."""
    from sqlalchemy import select

    from bot.practice.cases import case_card_text, load_vignettes
    from bot.storage import chat_log
    from bot.storage.conversations import open_conversation
    from bot.storage.db import get_engine, session_scope
    from bot.storage.models import User

    url = web_server.env["DATABASE_URL"]
    with session_scope(url) as s:
        ulla = s.execute(select(User).where(User.username == "ulla.utbildare")).scalar_one()
        conversation = open_conversation(s, ulla.id, training=True)
        chat_log.add_bot_note(s, conversation.id, case_card_text(load_vignettes()[0]))
        cid = conversation.id
    get_engine(url).dispose()
    path = f"/api/practice/conversations/{cid}/facit"
    for username, wanted in (("ada.admin", 404), ("ulla.utbildare", 200)):
        _, headers, _ = _login(web_server, username)
        cookie = headers["Set-Cookie"].split(";", 1)[0]
        status, _h, body = web_server.request("GET", path, headers={"Cookie": cookie})
        assert status == wanted, (username, status, body)
