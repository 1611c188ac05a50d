"""The bad-input suite: hundreds of broken, hostile and odd requests against the chat,
conversations, review, export and sign-in APIs, with a stand-in Rasa recording what
reaches it.

Every answer must be a Swedish message or a 4xx with a Swedish reason (no 5xx, no stack
trace), and nothing a person types or sends may reach Rasa as a payload unless it is a
button the bot offered. The suite counts what it tried and fails below its minimum, so
trimming a corpus cannot quietly shrink it.
"""
from __future__ import annotations

import asyncio
import dataclasses
import json
from urllib.parse import quote

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import delete, func, select

from bot.settings import load_settings
from bot.storage.answers import record_answer
from bot.storage.assessments import start_assessment
from bot.storage.db import session_scope
from bot.storage.models import Answer, LoginAttempt, ReviewComment
from bot.storage.users import add_user
from bot.web.app import create_app
from bot.web.rasa_client import RasaClient
from tests.conftest import WEB_PASSWORD as PASSWORD
from tests.hostile_input import (
    CONTENT_TYPES,
    RAW_BODIES,
    TEXTS,
    URL_VALUES,
    WRONG_TYPES,
    problems_with,
)
from tests.unit.test_web_chat import BUTTONS, FakeRasa

PEOPLE = {  # username: (display name, role, unit)
    "anna.berg": ("Anna Berg", "handläggare", "EB Nord"),
    "bo.ek": ("Bo Ek", "handläggare", "EB Syd"),
    "lena.lind": ("Lena Lind", "arbetsledare", "EB Nord"),
    "ulla.utb": ("Ulla Utb", "utbildare", "Utbildning"),
    "adam.admin": ("Adam Admin", "admin", "IT"),
}
OFFERED = {b["payload"] for b in BUTTONS}
_NO_BODY = object()


@pytest.fixture
def people(any_db_url, monkeypatch):
    monkeypatch.setenv("TIDIGT_SECURE_COOKIES", "0")
    with session_scope(any_db_url) as s:
        for username, (name, role, unit) in PEOPLE.items():
            add_user(s, name, role=role, unit=unit, password=PASSWORD, username=username)
    return any_db_url


class Prober:
    """Sends one input, judges the answer, remembers what failed and how many were tried."""

    def __init__(self, client: TestClient):
        self.client = client
        self.tried = 0
        self.failures: list[str] = []
        self.csrf = ""

    async def sign_in(self, username: str) -> None:
        self.client.session.cookie_jar.clear()
        resp = await self.client.post("/api/login",
                                      json={"username": username, "password": PASSWORD})
        assert resp.status == 200, await resp.text()
        self.csrf = (await resp.json())["csrf_token"]

    async def send(self, method: str, path: str, *, label: str = "", body=_NO_BODY,
                   raw: bytes | None = None, content_type: str = "application/json",
                   headers: dict | None = None, expect: set[int] | None = None):
        sent = {"X-CSRF-Token": self.csrf, **(headers or {})}
        data = None
        if raw is not None:
            data = raw
            sent["Content-Type"] = content_type
        elif body is not _NO_BODY:
            # ensure_ascii: lone surrogates travel as JSON escapes, as a browser's would.
            data = json.dumps(body).encode()
            sent["Content-Type"] = content_type
        resp = await self.client.request(method, path, data=data, headers=sent)
        answer = await resp.read()
        self.tried += 1
        found = problems_with(resp.status, resp.headers.get("Content-Type", ""), answer)
        if expect is not None and resp.status not in expect:
            found.append(f"status {resp.status}, expected one of {sorted(expect)}")
        if found:
            self.failures.append(f"{method} {path[:90]!r} [{label[:60]!r}]: {found} "
                                 f"{answer[:160]!r}")
        return resp.status, answer

    def check(self, minimum: int) -> None:
        print(f"{self.tried} inputs tried")  # shown with -rP: the number the report quotes
        assert not self.failures, f"{len(self.failures)} of {self.tried} failed:\n" + "\n".join(
            self.failures[:40])
        assert self.tried >= minimum, f"only {self.tried} inputs tried"


def run(scenario):
    """The web app with a stand-in Rasa that offers Ja/Nej buttons on every turn."""

    async def main():
        fake = FakeRasa()
        rasa_server = TestServer(fake.app())
        await rasa_server.start_server()
        try:
            settings = dataclasses.replace(load_settings(), rasa_port=rasa_server.port)
            rasa_url = str(rasa_server.make_url("")).rstrip("/")
            app = create_app(settings, RasaClient(rasa_url, timeout=5))
            async with TestClient(TestServer(app)) as client:
                await scenario(Prober(client), fake)
        finally:
            await rasa_server.close()

    asyncio.run(main())


def assert_nothing_injected(fake: FakeRasa, pressed: list[str], username: str) -> None:
    """Only the buttons pressed reached Rasa as payloads, in order; all else was text."""
    as_payload = [m["message"] for m in fake.received if m["message"].strip().startswith("/")]
    assert as_payload == pressed
    for sent in fake.received:
        # Who is asking comes from the session, never from the request body.
        assert sent["metadata"]["user"] == username
        assert sent["metadata"]["unit"] == PEOPLE[username][2]
        assert sent["metadata"].get("training", False) is False
        assert "1212-1212" not in sent["message"] and "121212121212" not in sent["message"]


def test_chat_api(people):
    async def scenario(probe: Prober, fake: FakeRasa):
        await probe.sign_in("anna.berg")
        status, answer = await probe.send("POST", "/api/chat", body={"text": "hej"},
                                          expect={200})
        cid = json.loads(answer)["conversation_id"]
        pressed: list[str] = []

        for text in TEXTS:
            for conversation in (cid, None):
                status, answer = await probe.send(
                    "POST", "/api/chat", label=text,
                    body={"conversation_id": conversation, "text": text},
                    expect={200, 400, 413})
        # A typed payload reaches Rasa without its entities or confidence, so the slot
        # value written inside it cannot be read as an answer either.
        for text in TEXTS:
            if text.strip().startswith("/") and ("{" in text or "@" in text):
                before = len(fake.received)
                await probe.send("POST", "/api/chat", label=text, expect={200},
                                 body={"conversation_id": cid, "text": text})
                sent = fake.received[before]["message"]
                assert not any(mark in sent for mark in ('"', "{", "audit_1", "4")), sent
        # Button presses: only what the bot offered in its latest turn (and "Pausa").
        for payload in ["/affirm", "/deny", "/pause"]:
            await probe.send("POST", "/api/chat", label=payload, expect={200},
                             body={"conversation_id": cid, "payload": payload})
            pressed.append(payload)
        for payload in [
            "/cancel", "/start_assessment", "/restart", "/AFFIRM", "affirm", "/affirm ",
            " /affirm", "/affirm\x00", "Ja, klienten samtycker", '/inform{"audit_1": 4}',
            '/affirm{"audit_1": 4}', "/affirm" * 100, "/" + "a" * 499, "/" + "a" * 500,
            "/" + "a" * 10_000, "x" * 100_000, "", " ", *TEXTS[:60],
        ]:
            await probe.send("POST", "/api/chat", label=payload, expect={400, 413},
                             body={"conversation_id": cid, "payload": payload})
        # A payload without a conversation, and both text and payload at once.
        await probe.send("POST", "/api/chat", body={"payload": "/affirm"}, expect={400})
        await probe.send("POST", "/api/chat", expect={400},
                         body={"conversation_id": cid, "payload": "/affirm", "text": "ja"})
        await probe.send("POST", "/api/chat", body={"conversation_id": cid}, expect={400})
        # Wrong types in every field.
        for field in ("text", "payload", "conversation_id", "client_message_id"):
            for value in [*WRONG_TYPES, None] if field != "text" else WRONG_TYPES:
                body = {"conversation_id": cid, "text": "hej", field: value}
                if field == "payload":
                    body.pop("text")
                await probe.send("POST", "/api/chat", label=f"{field}={value!r}", body=body,
                                 expect={400} if value is not None else {200, 400})
        # Conversation and message ids that are not ours or not ids at all.
        for value in [*URL_VALUES, *TEXTS[40:80]]:
            await probe.send("POST", "/api/chat", label=value, expect={400, 404},
                             body={"conversation_id": value or " ", "text": "hej"})
            await probe.send("POST", "/api/chat", label=value, expect={200, 400},
                             body={"conversation_id": cid, "text": "hej",
                                   "client_message_id": value or " "})
        # Fields a client might add to steer Rasa or the owner.
        for extra in [{"metadata": {"user": "adam.admin"}}, {"sender": "bo.ek"},
                      {"user": "adam.admin"}, {"message": "/affirm"}, {"training": True}]:
            await probe.send("POST", "/api/chat", label=str(extra), expect={200},
                             body={"conversation_id": cid, "text": "hej", **extra})
        # Bodies that are not one UTF-8 JSON object, under every content type.
        for raw in RAW_BODIES:
            # The last one is a wide but valid object: answered, not refused.
            await probe.send("POST", "/api/chat", label=repr(raw[:30]), raw=raw,
                             expect={200, 400, 413} if raw is RAW_BODIES[-1] else {400, 413})
        for content_type in CONTENT_TYPES:
            # Anything but application/json is refused (415): the body types a cross-site
            # form can send without a preflight.
            json_type = content_type.split(";")[0] == "application/json"
            for raw in (b'{"text": "hej"}', b"{broken", b'{"text": "\xff"}'):
                await probe.send("POST", "/api/chat", label=content_type, raw=raw,
                                 content_type=content_type,
                                 expect={200, 400} if json_type else {415})

        assert_nothing_injected(fake, pressed, "anna.berg")
        probe.check(minimum=450)

    run(scenario)


def test_conversations_and_export_api(people):
    async def scenario(probe: Prober, fake: FakeRasa):
        await probe.sign_in("anna.berg")
        _, answer = await probe.send("POST", "/api/conversations", body={}, expect={201})
        cid = json.loads(answer)["conversation"]["id"]
        for raw in RAW_BODIES:
            await probe.send("POST", "/api/conversations", label=repr(raw[:30]), raw=raw,
                             expect={201, 400, 413})
        for value in [*WRONG_TYPES, None, "ja", "false", *TEXTS[:20]]:
            if isinstance(value, bool):
                continue
            await probe.send("POST", "/api/conversations", label=repr(value),
                             body={"start": value}, expect={400, 413})
        # Övningsläge: a practice case by its id, nothing else.
        for raw in RAW_BODIES:
            await probe.send("POST", "/api/practice/conversations", label=repr(raw[:30]),
                             raw=raw, expect={400, 413})
        for value in [*WRONG_TYPES, None, *TEXTS[:100]]:
            await probe.send("POST", "/api/practice/conversations", label=repr(value),
                             body={"case": value}, expect={400, 404, 413})
        for value in [*URL_VALUES, *TEXTS[60:90]]:
            segment = value if value.startswith("%") else quote(value, safe="")
            await probe.send("GET", f"/api/conversations/{segment}/messages", label=value,
                             expect={400, 404})
            await probe.send("GET", f"/api/conversations/{segment}/assessment", label=value,
                             expect={400, 404})
            await probe.send("GET", f"/api/assessments/{segment}", label=value,
                             expect={400, 404})
        for query in ["?x=%00", "?" + "a=1&" * 500, "?conversation_id=%FF"]:
            # A NUL anywhere in the address is refused before any handler.
            await probe.send("GET", "/api/conversations/current" + query, expect={200, 400})
        # The export API gives a real assessment only to its case worker.
        with session_scope(people) as s:
            assessment = start_assessment(s, "ÄR-2026-0901", cid, consent=True,
                                          case_worker="anna.berg")
            record_answer(s, assessment.id, "audit_1", 2, source="knapp",
                          masked_text="<img src=x onerror=alert(1)>")
            assessment_id = assessment.id
        await probe.send("GET", f"/api/assessments/{assessment_id}", expect={200})
        for spelled in (f"{assessment_id}.0", f"+{assessment_id}", f"0{assessment_id}",
                        f"{assessment_id} ", f"{assessment_id}%00", "%20" + str(assessment_id)):
            await probe.send("GET", f"/api/assessments/{spelled}", label=spelled,
                             expect={200, 400, 404})
        await probe.sign_in("bo.ek")
        status, _ = await probe.send("GET", f"/api/assessments/{assessment_id}", expect={404})
        status, _ = await probe.send("GET", f"/api/conversations/{cid}/assessment",
                                     expect={404})
        probe.check(minimum=250)

    run(scenario)


def test_review_api(people):
    async def scenario(probe: Prober, fake: FakeRasa):
        await probe.sign_in("anna.berg")
        _, answer = await probe.send("POST", "/api/chat", body={
            "text": "<img src=x onerror=alert(1)> skulder"}, expect={200})
        cid = json.loads(answer)["conversation_id"]
        seq = json.loads(answer)["user_message"]["seq"]
        await probe.sign_in("lena.lind")
        params = ("from", "to", "case_worker", "module", "risk", "triage", "flagged",
                  "reviewed", "skipped", "suggestion", "q", "sort", "page")
        for param in params:
            for value in [*URL_VALUES, "2026-02-30", "-99999999999999999999", "10" * 30]:
                await probe.send("GET", f"/api/review/conversations?{param}={value}",
                                 label=value, expect={200, 400})
        base = f"/api/review/conversations/{cid}"
        for value in URL_VALUES:
            segment = value if value.startswith("%") else quote(value, safe="")
            for tail in ("", "/export.json", "/export.csv", "/export.pdf", "/test-story"):
                await probe.send("GET", f"/api/review/conversations/{segment}{tail}",
                                 label=value, expect={400, 404})
            await probe.send("DELETE", f"{base}/tags/{segment}", label=value,
                             expect={200, 400, 404})
        for text in TEXTS:
            await probe.send("POST", f"{base}/comments", label=text,
                             body={"message_seq": seq, "text": text}, expect={201, 400, 413})
            await probe.send("POST", f"{base}/tags", label=text, body={"tag": text},
                             expect={200, 400, 413})
        for value in [*WRONG_TYPES, None, "1", str(seq), -1, 2**63, 10**30]:
            await probe.send("POST", f"{base}/comments", label=repr(value),
                             body={"message_seq": value, "text": "bra"}, expect={400})
            if not isinstance(value, bool):
                await probe.send("POST", f"{base}/status", label=repr(value),
                                 body={"flagged": value}, expect={400})
            if not isinstance(value, str):
                await probe.send("POST", f"{base}/tags", label=repr(value),
                                 body={"tag": value}, expect={400})
        for raw in RAW_BODIES:
            for tail in ("/comments", "/status", "/tags"):
                await probe.send("POST", base + tail, label=repr(raw[:30]), raw=raw,
                                 expect={400, 413})
        for value in URL_VALUES:
            await probe.send("GET", f"/api/review/statistics?from={value}", label=value,
                             expect={200, 400})
            await probe.send("GET", f"/api/review/statistics.csv?to={value}", label=value,
                             expect={200, 400})
            segment = value if value.startswith("%") else quote(value, safe="")
            await probe.send("GET", f"/api/review/statistics/{segment}.svg", label=value,
                             expect={400, 404})
        await probe.sign_in("adam.admin")
        for param in ("user", "action", "from", "to", "page"):
            for value in URL_VALUES:
                await probe.send("GET", f"/api/admin/access-log?{param}={value}", label=value,
                                 expect={200, 400})
        for value in URL_VALUES:
            await probe.send("GET", f"/api/review/statistics?unit={value}", label=value,
                             expect={200, 400})
        probe.check(minimum=1000)

    run(scenario)
    with session_scope(people) as s:
        # Every stored comment is text as typed (masked), never markup turned into anything.
        stored = s.execute(select(ReviewComment.text)).scalars().all()
    assert "<img src=x onerror=alert(1)>" in stored
    assert not any("1212-1212" in t for t in stored)


def forget_failed_logins(db_url: str) -> None:
    """So the lockout does not answer in place of the code each input should reach."""
    with session_scope(db_url) as s:
        s.execute(delete(LoginAttempt))


def test_sign_in(people):
    async def scenario(probe: Prober, fake: FakeRasa):
        for value in [*TEXTS, *WRONG_TYPES, None]:
            await probe.send("POST", "/api/login", label=repr(value)[:40],
                             body={"username": value, "password": PASSWORD},
                             expect={400, 401, 413})
            await probe.send("POST", "/api/login", label=repr(value)[:40],
                             body={"username": "anna.berg", "password": value},
                             expect={400, 401, 413})
            forget_failed_logins(people)
        for raw in RAW_BODIES:
            await probe.send("POST", "/api/login", label=repr(raw[:30]), raw=raw,
                             expect={400, 413})
        for content_type in CONTENT_TYPES:
            json_type = content_type.split(";")[0] == "application/json"
            await probe.send("POST", "/api/login", label=content_type, content_type=content_type,
                             raw=b'{"username": "anna.berg", "password": "fel"}',
                             expect={400, 401} if json_type else {415})
        probe.check(minimum=300)

    run(scenario)
    with session_scope(people) as s:
        assert s.execute(select(func.count(Answer.id))).scalar_one() == 0


def test_headers_cookies_and_methods(people):
    """What a client can put outside the body: odd cookies, CSRF tokens and methods."""

    async def scenario(probe: Prober, fake: FakeRasa):
        await probe.sign_in("anna.berg")
        good = probe.csrf
        for token in ["", " ", "x" * 10_000, "å", "😀", good + "å", good.upper(),
                      # (good + " " is the token itself: a field value's trailing space is
                      # not part of it, RFC 9110 5.5, and aiohttp since 3.10 drops it.)
                      good[:-1], "null", "' OR 1=1 --"]:
            # A header too long or with a control character is refused before anything else.
            await probe.send("POST", "/api/chat", label=token, body={"text": "hej"},
                             headers={"X-CSRF-Token": token}, expect={400, 403})
        for cookie in ["tidigt_session=", "tidigt_session=å", "tidigt_session=" + "a" * 4000,
                       "tidigt_session=' OR 1=1 --", 'tidigt_session="\\"', "=;;=",
                       "tidigt_session=%00", "tidigt_session=😀"]:
            probe.client.session.cookie_jar.clear()
            await probe.send("GET", "/api/me", label=cookie, headers={"Cookie": cookie},
                             expect={401})
        # The token may also come as a form field; a form that cannot be read has none.
        await probe.sign_in("anna.berg")
        form = "application/x-www-form-urlencoded"
        for content_type, raw in [(form + "; charset=nonsense", b"csrf_token=x"),
                                  (form, b"csrf_token=\xff\xfe"), (form, b"csrf_token=%FF%FE"),
                                  (form + "; charset=utf-16", b"csrf_token=x"),
                                  (form, b"csrf_token=" + b"a" * 70_000)]:
            await probe.send("POST", "/api/chat", label=content_type, raw=raw,
                             content_type=content_type, headers={"X-CSRF-Token": ""},
                             expect={403, 413})
        for method in ("PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"):
            await probe.send(method, "/api/chat", label=method, expect={401, 403, 405})
        probe.check(minimum=25)

    run(scenario)


async def raw_exchange(client: TestClient, request: bytes) -> tuple[int, str, bytes]:
    """One request written byte for byte, as no HTTP library would send it."""
    reader, writer = await asyncio.open_connection(client.server.host, client.server.port)
    writer.write(request)
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(), timeout=10)
    writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    if headers.get("Transfer-Encoding") == "chunked":
        chunks, rest = [], body
        while rest:
            size, _, rest = rest.partition(b"\r\n")
            n = int(size, 16)
            if n == 0:
                break
            chunks.append(rest[:n])
            rest = rest[n + 2:]
        body = b"".join(chunks)
    return int(lines[0].split()[1]), headers.get("Content-Type", ""), body


def test_requests_no_http_library_would_send(people):
    """Undecodable bytes in headers, cookies and paths, and requests that break HTTP."""

    async def scenario(probe: Prober, fake: FakeRasa):
        await probe.sign_in("anna.berg")
        cookie = probe.client.session.cookie_jar.filter_cookies(
            probe.client.make_url("/"))["tidigt_session"].value.encode()
        signed_in = b"Cookie: tidigt_session=" + cookie + b"\r\n"
        body = b'{"text": "hej"}'
        post = (b"POST /api/chat HTTP/1.1\r\nHost: t\r\nConnection: close\r\n" + signed_in +
                b"Content-Type: application/json\r\nContent-Length: %d\r\n" % len(body))
        cases = {
            # (request, statuses a correct server may answer with)
            "cookie not UTF-8": (b"GET /api/me HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                                 b"Cookie: tidigt_session=\xff\xfe\xfd\r\n\r\n", {401}),
            "CSRF token not UTF-8": (post + b"X-CSRF-Token: \xff\xfe" + probe.csrf.encode()
                                     + b"\r\n\r\n" + body, {403}),
            "CSRF token Latin-1 å": (post + b"X-CSRF-Token: \xe5\r\n\r\n" + body, {403}),
            "body not UTF-8": (post.replace(b"%d" % len(body), b"4") +
                               b"X-CSRF-Token: " + probe.csrf.encode() + b"\r\n\r\n\xff\xfe{}", {400}),
            "path not UTF-8": (b"GET /api/conversations/\xff\xfe/messages HTTP/1.1\r\nHost: t\r\n"
                               b"Connection: close\r\n" + signed_in + b"\r\n", {400, 404}),
            "query not UTF-8": (b"GET /api/review/conversations?q=\xff&from=\xfe HTTP/1.1\r\n"
                                b"Host: t\r\nConnection: close\r\n" + signed_in + b"\r\n", {200, 400}),
            "NUL in path": (b"GET /api/me\x00 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                            + signed_in + b"\r\n", {400, 404}),
            "header line too long": (b"GET /api/me HTTP/1.1\r\nHost: t\r\nX-Long: " + b"a" * 10_000
                                     + b"\r\n\r\n", {400, 431}),
            "control character in a header": (b"GET /api/me HTTP/1.1\r\nHost: t\r\nX-A: \x7f\x01"
                                              b"\r\n\r\n", {400, 401}),
            "request line is garbage": (b"GARBAGE\r\n\r\n", {400}),
            "method with symbols": (b"G@T /api/me HTTP/1.1\r\nHost: t\r\n\r\n", {400, 405}),
            "HTTP version 9.9": (b"GET /api/me HTTP/9.9\r\nHost: t\r\n\r\n", {400, 401, 505}),
            "negative Content-Length": (b"POST /api/login HTTP/1.1\r\nHost: t\r\n"
                                        b"Content-Length: -1\r\n\r\n", {400}),
            "Content-Length not a number": (b"POST /api/login HTTP/1.1\r\nHost: t\r\n"
                                            b"Content-Length: abc\r\n\r\n", {400}),
            "Content-Length and chunked": (b"POST /api/login HTTP/1.1\r\nHost: t\r\n"
                                           b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n"
                                           b"\r\n0\r\n\r\n", {400}),
            "broken chunk size": (b"POST /api/login HTTP/1.1\r\nHost: t\r\n"
                                  b"Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", {400}),
            "absolute URL to elsewhere": (b"GET http://elsewhere.example/api/me HTTP/1.1\r\n"
                                          b"Host: elsewhere.example\r\nConnection: close\r\n\r\n",
                                          {400, 401, 404}),
            "space in the path": (b"GET /api/ me HTTP/1.1\r\nHost: t\r\n\r\n", {400, 404}),
            # aiohttp's own client (since 3.10) refuses to send a control character in a
            # header, so this one goes over the raw socket.
            "DEL in the CSRF header": (b"POST /api/chat HTTP/1.1\r\nHost: t\r\n"
                                       b"X-CSRF-Token: \x7f\r\nContent-Type: application/json\r\n"
                                       b"Content-Length: 2\r\nConnection: close\r\n\r\n{}",
                                       {400, 401, 403}),
        }
        # Out of the static folder, however the dots are spelled.
        for path in (b"/static/../../bot/settings.py", b"/static/%2e%2e/%2e%2e/README.md",
                     b"/static/..%2f..%2fREADME.md", b"/static/%252e%252e/README.md",
                     b"/static/chat.js%00.txt", b"/static/....//....//README.md",
                     b"/static/", b"/static/%c0%ae%c0%ae/README.md"):
            cases[f"static {path.decode()}"] = (
                b"GET " + path + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
                {400, 403, 404})
        for label, (request, expected) in cases.items():
            status, content_type, answer = await raw_exchange(probe.client, request)
            probe.tried += 1
            found = problems_with(status, content_type, answer)
            if status not in expected:
                found.append(f"status {status}, expected one of {sorted(expected)}")
            if label.startswith("static") and (b"PROJECT_ROOT" in answer or b"# Tidigt" in answer):
                found.append("a file outside the static folder was served")
            if found:
                probe.failures.append(f"{label}: {found} {answer[:160]!r}")
        probe.check(minimum=len(cases))
        assert fake.received == []

    run(scenario)


@pytest.mark.parametrize("nonsense", ["txet", "qwerty", "😀👍🏽", "{{7*7}}", "inform", "affirm"])
def test_a_word_the_classifier_never_saw_does_not_skip_a_question(nonsense):
    """The classifier was 0.98 sure that "txet" (a right-to-left "text" with its bidi marks
    removed) meant "skip"; a skip is stored, so the classifier alone may not decide it."""
    from bot.assessment.digressions import SKIP, classify

    assert classify(nonsense, "skip_question", 0.99) is None
    for wording in ("nästa", "vidare", "den frågan får vänta"):
        assert classify(wording, "skip_question", 0.9) == SKIP


def test_single_sign_on_header_that_names_nobody(people, monkeypatch):
    """Only the proxy (with the secret) can send it, but its bytes are still not trusted."""
    monkeypatch.setenv("TIDIGT_SSO_HEADER", "X-Remote-User")
    monkeypatch.setenv("TIDIGT_SSO_SECRET", "proxyns-hemlighet")

    async def scenario(probe: Prober, fake: FakeRasa):
        names = [b"\xff\xfe", b"anna.berg\xff", b"a" * 5000, b"' OR 1=1 --", b"anna\x7fberg",
                 "åsa".encode(), b"%00", b"anna.berg"]
        for name in names:
            status, content_type, answer = await raw_exchange(probe.client, (
                b"GET /api/me HTTP/1.1\r\nHost: t\r\nConnection: close\r\nX-Remote-User: " +
                name + b"\r\nX-Tidigt-Proxy-Secret: proxyns-hemlighet\r\n\r\n"))
            probe.tried += 1
            found = problems_with(status, content_type, answer)
            wanted = {200} if name == b"anna.berg" else {400, 403}
            if status not in wanted:
                found.append(f"status {status}, expected one of {sorted(wanted)}")
            if found:
                probe.failures.append(f"{name[:20]!r}: {found} {answer[:120]!r}")
        probe.check(minimum=len(names))

    run(scenario)


def test_a_number_too_long_for_a_suggestion_chooses_nothing():
    """'välj 123' chose suggestion 12 (not even shown yet) and 'välj 1e9' suggestion 1."""
    from bot.catalogue.commands import CHOOSE, parse_command

    for typed in ("välj 123", "välj 1e9", "välj 99999999999999999999999", "avböj 100 eftersom nej",
                  "varför " + "9" * 5000, "välj -1", "avböj −2 eftersom nej", "varför - 3"):
        assert parse_command(typed) is None, typed
    assert parse_command("välj 12") == parse_command("välj nr 12")
    assert parse_command("välj 2a").kind == CHOOSE
    assert parse_command("avböj 2 - för dyrt").reason == "för dyrt"
