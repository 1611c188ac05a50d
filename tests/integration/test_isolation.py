"""Fifty conversations answering at once, spread over several signed-in case workers, end
with exactly their own answers: no answer lands in another conversation, another
assessment or another case worker's name. On SQLite and on PostgreSQL.

Each conversation gives its own AUDIT answers, so cross-talk cannot hide: the stored rows
(bot.storage answers/assessments), the export API and the summary the bot shows at the
end are each compared with what that conversation said.
"""
from __future__ import annotations

import asyncio
import random
import time
import uuid

import aiohttp
import pytest
from sqlalchemy import create_engine, select

from bot.scoring.instruments import score_audit
from bot.storage.db import session_scope
from bot.storage.models import Assessment, Case, User
from bot.storage.users import add_user
from tests.integration.assessment_script import (
    AUDIT_ITEMS,
    Step,
    expected_answers,
    question_text,
    steps,
    stored_answers,
)
from tests.integration.conftest import MODEL, PASSWORD, Product, new_database

pytestmark = pytest.mark.integration

CONVERSATIONS = 50
CASE_WORKERS = ["Karin Ahl", "Olle Berg", "Sara Dahl", "Mats Ek", "Nora Falk"]
# The product shares 2 cores between Rasa, the actions and the web app; 50 at once queue
# up behind each other. A request that times out inside the product gets a 503 and is
# resent with the same id, as the browser does.
REQUEST_TIMEOUT = 180
RETRY_FOR = 240


def username(display_name: str) -> str:
    return display_name.lower().replace(" ", ".")


class Conversation:
    def __init__(self, number: int, http: aiohttp.ClientSession, base: str, worker: str,
                 scores: list[int], backend: str):
        self.number = number
        self.http = http
        self.base = base
        self.worker = worker
        self.scores = scores
        self.reference = f"ISO-{backend[:2].upper()}-{number:03d}"
        self.script = steps(self.reference, scores)
        self.conversation_id: str | None = None
        self.summary = ""
        self.retries = 0
        self.latencies: list[float] = []

    async def send(self, step: Step) -> dict:
        message_id = uuid.uuid4().hex
        deadline = time.monotonic() + RETRY_FOR
        while True:
            started = time.monotonic()
            try:
                async with self.http.post(
                    f"{self.base}/api/chat", json=step.body(self.conversation_id, message_id),
                    timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT),
                ) as resp:
                    status, body = resp.status, await resp.json()
            except (aiohttp.ClientError, asyncio.TimeoutError) as err:
                status, body = 0, {"unreachable": repr(err)}
            if status == 200:
                self.latencies.append(time.monotonic() - started)
                self.conversation_id = body["conversation_id"]
                return body
            assert status in (0, 409, 503) and time.monotonic() < deadline, (
                self.reference, step, status, body)
            self.retries += 1
            await asyncio.sleep(1 + random.random())

    async def run(self) -> None:
        # Start at different moments so the conversations' messages interleave.
        await asyncio.sleep(random.uniform(0, 5))
        for step in self.script:
            reply = await self.send(step)
            said = " ".join(m["text"] for m in reply["messages"])
            assert step.asks is None or question_text(step.asks) in said, (
                self.reference, step, said)
        self.summary = said


async def sign_in(base: str, worker: str) -> aiohttp.ClientSession:
    # The cookie jar must accept cookies from 127.0.0.1 (aiohttp's default refuses IPs).
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with http.post(f"{base}/api/login", json={"username": username(worker),
                                                    "password": PASSWORD}) as resp:
        assert resp.status == 200, await resp.text()
        http.headers["X-CSRF-Token"] = (await resp.json())["csrf_token"]
    return http


def distinct_scores(rng: random.Random, n: int) -> list[list[int]]:
    """n different AUDIT answer patterns (items 9–10 score 0, 2 or 4)."""
    seen: set[tuple[int, ...]] = set()
    while len(seen) < n:
        seen.add(tuple(rng.choice([0, 2, 4]) if item in ("audit_9", "audit_10")
                       else rng.randrange(5) for item in AUDIT_ITEMS))
    patterns = [list(p) for p in seen]
    rng.shuffle(patterns)
    return patterns


async def run_all(base: str, backend: str) -> tuple[list[Conversation], float]:
    """Every conversation at once; then each one read back through the export API."""
    rng = random.Random(f"isolation-{backend}")
    sessions: dict[str, aiohttp.ClientSession] = {}
    try:
        for worker in CASE_WORKERS:
            sessions[worker] = await sign_in(base, worker)
        conversations = [
            Conversation(n, sessions[CASE_WORKERS[n % len(CASE_WORKERS)]], base,
                         CASE_WORKERS[n % len(CASE_WORKERS)], scores, backend)
            for n, scores in enumerate(distinct_scores(rng, CONVERSATIONS))
        ]
        started = time.monotonic()
        await asyncio.gather(*(c.run() for c in conversations))
        took = time.monotonic() - started
        await check_exports(base, conversations, sessions)
    finally:
        for http in sessions.values():
            await http.close()
    return conversations, took


async def exported(http: aiohttp.ClientSession, base: str, conversation_id: str) -> dict:
    async with http.get(f"{base}/api/conversations/{conversation_id}/assessment") as resp:
        assert resp.status == 200, await resp.text()
        return await resp.json()


async def check_exports(base: str, conversations: list[Conversation],
                        sessions: dict[str, aiohttp.ClientSession]) -> None:
    for c in conversations:
        body = await exported(sessions[c.worker], base, c.conversation_id)
        assert body["case_reference"] == c.reference
        got = {q: a["value"] for q, a in body["answers"].items() if q.startswith("audit_")}
        assert got == dict(zip(AUDIT_ITEMS, c.scores, strict=True)), c.reference
        # Another case worker cannot read it (404: ids reveal nothing).
        other = next(w for w in sessions if w != c.worker)
        async with sessions[other].get(
                f"{base}/api/conversations/{c.conversation_id}/assessment") as resp:
            assert resp.status == 404


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_fifty_parallel_conversations_keep_their_own_answers(tmp_path, request, backend):
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` first")
    url = None
    if backend == "postgresql":
        url = request.getfixturevalue("postgres_server").create_database("isolation")
    url = new_database(tmp_path, url)
    with session_scope(url) as session:
        for worker in CASE_WORKERS:
            add_user(session, worker, role="handläggare", unit="EB Syd", password=PASSWORD,
                     username=username(worker))
    product = Product(tmp_path, url).start()
    try:
        conversations, took = asyncio.run(run_all(product.base, backend))
        latencies = sorted(t for c in conversations for t in c.latencies)
        print(f"{backend}: {len(latencies)} messages in {took:.0f} s "
              f"({len(latencies) / took:.1f}/s), median {latencies[len(latencies) // 2]:.1f} s, "
              f"p95 {latencies[int(len(latencies) * 0.95)]:.1f} s, "
              f"{sum(c.retries for c in conversations)} retries")
    finally:
        product.stop()

    for c in conversations:
        # Exactly its own answers, once each, in the order given.
        rows = stored_answers(url, c.reference)
        assert [(q, v) for q, v, _ in rows] == expected_answers(c.script), c.reference
        assert not [r for r in rows if r[2] == "rättad"], c.reference
        # The summary shown at the end is computed from this conversation's answers only.
        audit = score_audit(dict(zip(AUDIT_ITEMS, c.scores, strict=True)), "kvinna")
        assert f"AUDIT: {audit.total} poäng" in c.summary, (c.reference, c.summary)
        for name, value in audit.subscores.items():
            assert f"{name} {value}" in c.summary, (c.reference, c.summary)

    engine = create_engine(url, future=True)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Case.reference, Assessment.conversation_id, User.display_name)
            .join(Case, Case.id == Assessment.case_id)
            .join(User, User.id == Assessment.case_worker_id)
        ).all()
    engine.dispose()
    owners = {reference: (cid, worker) for reference, cid, worker in rows}
    assert len(rows) == CONVERSATIONS
    assert owners == {c.reference: (c.conversation_id, c.worker) for c in conversations}
