"""Every route the web app registers, with every role, with and without the CSRF token:
the status each must get comes from one explicit table, and a route missing from the
table fails the test, so a new route cannot escape the authorisation check.

Also the session cookie's flags, the security headers on every answer, the lockout after
five failed sign-ins and session expiry, through HTTP.
"""
from __future__ import annotations

import asyncio
import dataclasses
from datetime import timedelta

from aiohttp.test_utils import TestClient, TestServer
from aiohttp.web_urldispatcher import StaticResource
from sqlalchemy import update

from bot.clock import utcnow
from bot.practice.cases import load_vignettes
from bot.settings import load_settings
from bot.storage import chat_log
from bot.storage.answers import record_answer
from bot.storage.assessments import start_assessment
from bot.storage.conversations import open_conversation
from bot.storage.db import session_scope
from bot.storage.models import WebSession
from bot.storage.users import add_user
from bot.storage.web_sessions import IDLE_TIMEOUT, MAX_FAILURES, MAX_FAILURES_PER_ADDRESS
from bot.web.app import create_app
from bot.web.rasa_client import RasaClient
from tests.conftest import WEB_PASSWORD as PASSWORD
from tests.hostile_input import problems_with
from tests.unit.test_web_chat import FakeRasa

ROLES = ("anonym", "handläggare", "arbetsledare", "utbildare", "admin")
SIGNED_IN = ROLES[1:]
USERNAMES = {"handläggare": "anna.berg", "arbetsledare": "lena.lind",
             "utbildare": "ulla.utb", "admin": "adam.admin"}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def everyone(status) -> dict:
    return {role: status for role in ROLES}


def signed_in(status) -> dict:
    return {"anonym": 401, **{role: status for role in SIGNED_IN}}


def per_role(handläggare, arbetsledare, utbildare, admin) -> dict:
    return {"anonym": 401, "handläggare": handläggare, "arbetsledare": arbetsledare,
            "utbildare": utbildare, "admin": admin}


# Anna (handläggare, EB Nord) owns the conversation and its assessment; Lena supervises
# EB Nord; Ulla trains (practice conversations only); Adam administers (no case content).
# 404 means "not yours to know about"; 403 means "your role may not do this at all".
READ_ANNAS = per_role(200, 200, 404, 403)
REVIEW_ANNAS = per_role(403, "ok", 404, 403)
MANAGERS = per_role(403, 200, 403, 200)
EXPECTED: dict[tuple[str, str], dict] = {
    ("POST", "/api/login"): everyone(400),  # reachable without a session or a token
    ("POST", "/api/logout"): signed_in(200),
    ("GET", "/api/me"): signed_in(200),
    ("POST", "/api/password"): signed_in(400),  # the test's body names no passwords
    ("GET", "/api/first-run"): everyone(200),  # the login page asks before any sign-in
    ("POST", "/api/chat"): signed_in(200),
    ("GET", "/health"): everyone({200, 503}),  # 503: no action server in this test
    ("GET", "/health/ready"): everyone({200, 503}),
    ("GET", "/health/live"): everyone(200),
    ("GET", "/api/assessments/{assessment_id}"): per_role(200, 200, 404, 404),
    ("GET", "/api/conversations/{conversation_id}/assessment"): per_role(200, 200, 404, 404),
    # The panel beside the chat: the conversation's own case worker only.
    ("GET", "/api/conversations/{conversation_id}/record"): per_role(200, 404, 404, 404),
    # Notes mode: Anna's notes wait as readings; the drop strikes one (409 once it is gone).
    ("POST", "/api/conversations/{conversation_id}/notes"): per_role(200, 404, 404, 404),
    ("POST", "/api/conversations/{conversation_id}/proposals/drop"):
        per_role({200, 409}, 404, 404, 404),
    ("GET", "/api/conversations/current"): signed_in(200),
    ("POST", "/api/conversations"): signed_in(201),
    ("GET", "/api/conversations/{conversation_id}/messages"): per_role(200, 404, 404, 404),
    ("GET", "/api/practice/cases"): signed_in(200),
    ("POST", "/api/practice/conversations"): signed_in(201),
    # Anna's conversation is real work, so it has no facit for anyone.
    ("GET", "/api/practice/conversations/{conversation_id}/facit"): per_role(404, 404, 404, 404),
    ("GET", "/api/review/options"): per_role(200, 200, 200, 403),
    ("GET", "/api/review/conversations"): per_role(200, 200, 200, 403),
    ("GET", "/api/review/conversations/{conversation_id}"): READ_ANNAS,
    ("POST", "/api/review/conversations/{conversation_id}/comments"): REVIEW_ANNAS,
    ("POST", "/api/review/conversations/{conversation_id}/status"): REVIEW_ANNAS,
    ("POST", "/api/review/conversations/{conversation_id}/tags"): REVIEW_ANNAS,
    ("DELETE", "/api/review/conversations/{conversation_id}/tags/{tag}"): REVIEW_ANNAS,
    ("GET", "/api/review/conversations/{conversation_id}/export.json"): READ_ANNAS,
    ("GET", "/api/review/conversations/{conversation_id}/export.csv"): READ_ANNAS,
    ("GET", "/api/review/conversations/{conversation_id}/export.pdf"): READ_ANNAS,
    ("GET", "/api/review/conversations/{conversation_id}/test-story"): READ_ANNAS,
    ("GET", "/api/admin/access-log"): per_role(403, 403, 403, 200),
    ("GET", "/api/review/statistics"): MANAGERS,
    ("GET", "/api/review/statistics.csv"): MANAGERS,
    ("GET", "/api/review/statistics/{chart}.svg"): MANAGERS,
    # The pages are public; each asks for sign-in and the APIs behind them refuse.
    ("GET", "/"): everyone(200),
    ("GET", "/embed"): everyone(200),
    ("GET", "/widget.js"): everyone(200),
    ("GET", "/granskning"): everyone(200),
    ("GET", "/statistik"): everyone(200),
    ("GET", "/static"): everyone(200),
}
HTML_PAGES = {"/", "/embed", "/granskning", "/statistik"}


def seed(db_url) -> dict:
    with session_scope(db_url) as s:
        people = {
            "anna.berg": add_user(s, "Anna Berg", role="handläggare", unit="EB Nord",
                                  password=PASSWORD),
            "lena.lind": add_user(s, "Lena Lind", role="arbetsledare", unit="EB Nord",
                                  password=PASSWORD),
            "ulla.utb": add_user(s, "Ulla Utb", role="utbildare", unit="Utbildning",
                                 password=PASSWORD),
            "adam.admin": add_user(s, "Adam Admin", role="admin", unit="IT", password=PASSWORD),
        }
        cid = open_conversation(s, people["anna.berg"].id).id
        claim = chat_log.claim_user_message(s, cid, None, "skulder hos Kronofogden")
        chat_log.complete_turn(s, claim.message_id, [{"text": "Noterat: ja.", "buttons": []}])
        assessment = start_assessment(s, "ÄR-2026-0808", cid, consent=True,
                                      case_worker="anna.berg")
        record_answer(s, assessment.id, "debts", True, source="fritext",
                      masked_text="skulder hos Kronofogden")
        return {"conversation_id": cid, "assessment_id": assessment.id,
                "message_seq": claim.message_id}


def request_for(route, ids: dict, role: str) -> tuple[str, dict | None]:
    """A URL for the route and a body a permitted role would send."""
    resource = route.resource
    if isinstance(resource, StaticResource):
        url = resource.url_for(filename="chat.js").path
    else:
        url = resource.url_for(**{name: str(ids[name]) for name in (
            "conversation_id", "assessment_id", "tag", "chart") if "{" + name in
            resource.canonical}).path if "{" in resource.canonical else resource.canonical
    bodies = {
        "/api/login": {},
        "/api/chat": {"text": "hej"},
        "/api/conversations": {"start": False},
        "/api/practice/conversations": {"case": load_vignettes()[0].id},
        "/comments": {"message_seq": ids["message_seq"], "text": f"Kommentar av {role}"},
        "/status": {"flagged": True},
        "/tags": {"tag": ids["tag"]},
        "/notes": {"text": "Hon har skulder hos Kronofogden. Hon bor i andrahand."},
        "/proposals/drop": {"question_id": "housing"},
    }
    body = next((b for suffix, b in bodies.items() if resource.canonical.endswith(suffix)),
                None)
    return url, body if route.method in UNSAFE else None


def expected_for(route, role: str) -> set[int]:
    method = "GET" if route.method == "HEAD" else route.method
    key = (method, route.resource.canonical)
    assert key in EXPECTED, f"{key} is not in the access table: add it with its rule"
    wanted = EXPECTED[key][role]
    if wanted == "ok":
        wanted = 201 if route.resource.canonical.endswith("/comments") else 200
    return wanted if isinstance(wanted, set) else {wanted}


def test_every_route_with_every_role_and_without_csrf(db_url, monkeypatch):
    monkeypatch.setenv("TIDIGT_SECURE_COOKIES", "0")
    ids = {**seed(db_url), "tag": "viktig", "chart": "per_month"}

    async def main():
        fake = FakeRasa()
        rasa_server = TestServer(fake.app())
        await rasa_server.start_server()
        settings = dataclasses.replace(load_settings(), rasa_port=rasa_server.port)
        app = create_app(settings, RasaClient(str(rasa_server.make_url("")).rstrip("/"),
                                              timeout=5))
        failures: list[str] = []
        walked = 0
        try:
            async with TestClient(TestServer(app)) as client:
                routes = list(app.router.routes())
                # Signing out ends the session the rest of the walk uses: last.
                routes.sort(key=lambda r: r.resource.canonical == "/api/logout")
                for role in ROLES:
                    client.session.cookie_jar.clear()
                    csrf = ""
                    if role != "anonym":
                        resp = await client.post("/api/login", json={
                            "username": USERNAMES[role], "password": PASSWORD})
                        assert resp.status == 200
                        csrf = (await resp.json())["csrf_token"]
                    for route in routes:
                        url, body = request_for(route, ids, role)
                        wanted = expected_for(route, role)
                        variants = [True, False] if route.method in UNSAFE else [True]
                        # Without the token first, so the request with it still finds
                        # the session (logout) and the tag (delete) it needs.
                        for with_csrf in sorted(variants):
                            headers = {"X-CSRF-Token": csrf} if with_csrf else {}
                            resp = await client.request(route.method, url, json=body,
                                                        headers=headers)
                            answer = await resp.read()
                            walked += 1
                            exempt = route.resource.canonical == "/api/login"
                            expect = wanted if with_csrf or exempt or role == "anonym" \
                                else {403}
                            where = f"{role} {route.method} {url} csrf={with_csrf}"
                            if resp.status not in expect:
                                failures.append(f"{where}: {resp.status}, expected "
                                                f"{sorted(expect)} {answer[:120]!r}")
                            if not with_csrf and expect == {403} and b"CSRF" not in answer:
                                failures.append(f"{where}: refused, but not for the token")
                            for problem in security_header_problems(route, resp):
                                failures.append(f"{where}: {problem}")
                            # /health answers 503 with its components, by design.
                            if route.method != "HEAD" and url not in ("/health", "/health/ready"):
                                failures.extend(f"{where}: {p}" for p in problems_with(
                                    resp.status, resp.headers.get("Content-Type", ""), answer))
        finally:
            await rasa_server.close()
        assert not failures, f"{len(failures)} of {walked}:\n" + "\n".join(failures)
        # Every route, every role, and the unsafe ones twice.
        unsafe = sum(r.method in UNSAFE for r in app.router.routes())
        assert walked == len(ROLES) * (len(list(app.router.routes())) + unsafe)

    asyncio.run(main())


def security_header_problems(route, resp) -> list[str]:
    found = []
    headers = resp.headers
    for name, value in (("X-Content-Type-Options", "nosniff"),
                        ("Referrer-Policy", "no-referrer"),
                        ("Cross-Origin-Opener-Policy", "same-origin")):
        if headers.get(name) != value:
            found.append(f"{name} is {headers.get(name)!r}")
    for name in ("Permissions-Policy", "Cache-Control", "Cross-Origin-Resource-Policy"):
        if name not in headers:
            found.append(f"no {name}")
    csp = headers.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'self'"):
        if directive not in csp:
            found.append(f"Content-Security-Policy lacks {directive!r}: {csp!r}")
    if "'unsafe-inline'" in csp or "'unsafe-eval'" in csp:
        found.append(f"Content-Security-Policy allows inline script: {csp!r}")
    path = route.resource.canonical
    if path == "/embed":
        if "X-Frame-Options" in headers:
            found.append("/embed sends X-Frame-Options, which would forbid the intranet frame")
    elif headers.get("X-Frame-Options") != "SAMEORIGIN":
        found.append(f"X-Frame-Options is {headers.get('X-Frame-Options')!r}")
    if path in HTML_PAGES and not headers.get("Content-Type", "").startswith("text/html"):
        found.append(f"page served as {headers.get('Content-Type')!r}")
    return found


def run(scenario):
    async def main():
        app = create_app(dataclasses.replace(load_settings(), rasa_port=1),
                         RasaClient("http://127.0.0.1:1", timeout=1))
        async with TestClient(TestServer(app)) as client:
            await scenario(client)

    asyncio.run(main())


def test_session_cookie_is_secure_httponly_strict_and_hsts_is_sent(db_url, monkeypatch):
    monkeypatch.delenv("TIDIGT_SECURE_COOKIES", raising=False)
    seed(db_url)

    async def scenario(client):
        resp = await client.post("/api/login",
                                 json={"username": "anna.berg", "password": PASSWORD})
        assert resp.status == 200
        # The __Host- prefix: Secure, path /, no Domain, so no sibling host can plant it.
        cookie = resp.cookies["__Host-tidigt_session"]
        assert not cookie["domain"]
        assert cookie["httponly"] is True
        assert cookie["secure"] is True
        assert cookie["samesite"] == "Strict"
        assert cookie["path"] == "/"
        assert resp.headers["Strict-Transport-Security"].startswith("max-age=")

    run(scenario)


def test_widget_files_may_be_loaded_by_intranet_pages_and_nothing_else(db_url, monkeypatch):
    monkeypatch.setenv("TIDIGT_SECURE_COOKIES", "0")

    async def scenario(client):
        for path, policy in (("/widget.js", "cross-origin"),
                             ("/static/widget.css", "cross-origin"),
                             ("/static/chat.js", "same-origin"), ("/", "same-origin"),
                             ("/api/me", "same-origin")):
            resp = await client.get(path)
            assert resp.headers["Cross-Origin-Resource-Policy"] == policy, path
        # Plain http in development: no HSTS, or the browser would refuse localhost later.
        assert "Strict-Transport-Security" not in (await client.get("/")).headers

    run(scenario)


def test_lockout_after_five_failures_and_expiry_through_http(db_url, monkeypatch):
    monkeypatch.setenv("TIDIGT_SECURE_COOKIES", "0")
    seed(db_url)

    async def scenario(client):
        for _ in range(MAX_FAILURES):
            resp = await client.post("/api/login",
                                     json={"username": "anna.berg", "password": "fel"})
            assert resp.status == 401
        resp = await client.post("/api/login",
                                 json={"username": "anna.berg", "password": PASSWORD})
        assert resp.status == 401 and "spärrat" in (await resp.json())["error"]

        resp = await client.post("/api/login",
                                 json={"username": "lena.lind", "password": PASSWORD})
        assert resp.status == 200
        assert (await client.get("/api/me")).status == 200
        # Idle for longer than the idle timeout: the session is gone.
        with session_scope(db_url) as s:
            s.execute(update(WebSession).values(
                last_seen_at=utcnow() - IDLE_TIMEOUT - timedelta(seconds=1)))
        assert (await client.get("/api/me")).status == 401
        resp = await client.post("/api/login",
                                 json={"username": "lena.lind", "password": PASSWORD})
        assert resp.status == 200
        # Active all along, but past the absolute lifetime: gone as well.
        with session_scope(db_url) as s:
            s.execute(update(WebSession).values(expires_at=utcnow() - timedelta(seconds=1)))
        assert (await client.get("/api/me")).status == 401

        # One address guessing many names: the address is refused, even the right password.
        for n in range(MAX_FAILURES_PER_ADDRESS - MAX_FAILURES):
            resp = await client.post("/api/login",
                                     json={"username": f"gissning{n}", "password": "fel"})
            assert resp.status == 401
        resp = await client.post("/api/login",
                                 json={"username": "ulla.utb", "password": PASSWORD})
        assert resp.status == 401 and "datorn" in (await resp.json())["error"]

    run(scenario)
