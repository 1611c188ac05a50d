"""Scale-out mode (TIDIGT_PROCESSES=2) on PostgreSQL with a Redis lock store: many
conversations whose messages go to both Rasa servers and both web-app processes, some
of them two at once, and nothing lost, doubled or reordered, in Rasa's tracker store
(`events`) and in our chat tables alike."""
from __future__ import annotations

import json
import socket
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import create_engine, text

from bot.storage.db import session_scope
from bot.storage.users import add_user
from tests.integration.conftest import PASSWORD, Product

pytestmark = pytest.mark.integration
CONVERSATIONS = 8


def _free_ports(count: int) -> int:
    """The first of `count` consecutive free ports: the supervisor numbers Rasa i as port+i."""
    for _ in range(100):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            first = s.getsockname()[1]
        ok = True
        for i in range(1, count):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", first + i))
                except OSError:
                    ok = False
        if ok:
            return first
    raise RuntimeError("no consecutive free ports")


@pytest.fixture(scope="module")
def scaled(tmp_path_factory, postgres_server, redis_url):
    from bot.storage import migrate

    url = postgres_server.create_database("scaleout")
    migrate.upgrade(url)
    with session_scope(url) as session:
        for i in range(CONVERSATIONS):
            add_user(session, f"Handläggare {i}", role="handläggare", unit="EB Syd",
                     password=PASSWORD, username=f"hl.{i}")
    product = Product(tmp_path_factory.mktemp("scaled"), url)
    product.env.update({
        "TIDIGT_PROCESSES": "2", "TIDIGT_REDIS_URL": redis_url,
        "TIDIGT_RASA_PORT": str(_free_ports(2)), "TIDIGT_ACTIONS_PORT": str(_free_ports(2)),
        # Every message to whichever server is least busy, not to the conversation's home
        # server: one conversation's messages switch between the servers, which is what
        # must be safe (a home server restarting or busy sends them elsewhere too).
        "TIDIGT_RASA_AFFINITY": "0",
    })
    product.start()
    yield product
    product.stop()


class Worker:
    """A case worker whose every request opens a new connection, so the kernel spreads
    them over both web-app processes listening on the port."""

    def __init__(self, base: str, username: str):
        self.base, self.http = base, requests.Session()
        self.http.headers["Connection"] = "close"
        resp = self.http.post(f"{base}/api/login",
                              json={"username": username, "password": PASSWORD}, timeout=60)
        assert resp.status_code == 200, resp.text
        self.http.headers["X-CSRF-Token"] = resp.json()["csrf_token"]
        self.conversation_id = None
        self.offered: list[dict] = []

    def send(self, body: dict) -> dict:
        resp = self.http.post(f"{self.base}/api/chat",
                              json={"conversation_id": self.conversation_id, **body}, timeout=120)
        assert resp.status_code == 200, resp.text
        answer = resp.json()
        self.conversation_id = answer["conversation_id"]
        self.offered = answer["offered_buttons"]
        return answer

    def say(self, words: str) -> dict:
        return self.send({"text": words})

    def press(self, title: str) -> dict:
        payload = next(b["payload"] for b in self.offered if b["title"] == title)
        return self.send({"payload": payload})


def conversation(base: str, number: int) -> str:
    worker = Worker(base, f"hl.{number}")
    worker.say("ny bedömning")
    worker.say(f"ÄR-2026-{7100 + number}")
    worker.say("ja, klienten samtycker")
    worker.press("Kvinna")
    worker.say("40")
    worker.press("Ja")
    worker.say("boende")
    # Two messages of one conversation at once: the lock store must keep them apart.
    with ThreadPoolExecutor(2) as pool:
        both = [pool.submit(worker.say, words)
                for words in ("hur långt har vi kommit?", "varför frågar du det?")]
        for future in both:
            future.result()
    worker.say("hon bor i andrahand")
    worker.press("Nej")
    worker.press("Nej")  # lives alone (issue 19)
    saved = worker.press("Ja, spara som slutlig")
    assert "sparad som slutlig" in " ".join(m["text"] for m in saved["messages"])
    return worker.conversation_id


def _first_difference(a: list[str], b: list[str]) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            at = next((k for k, (p, q) in enumerate(zip(x, y, strict=False)) if p != q),
                      min(len(x), len(y)))
            return f"message {i}, character {at}: {x[at - 40:at + 40]!r} vs {y[at - 40:at + 40]!r}"
    return f"{len(a)} vs {len(b)} messages"


def test_no_event_lost_doubled_or_reordered_across_processes(scaled):
    with ThreadPoolExecutor(CONVERSATIONS) as pool:
        ids = list(pool.map(lambda n: conversation(scaled.base, n), range(CONVERSATIONS)))
    assert len(set(ids)) == CONVERSATIONS

    engine = create_engine(scaled.database_url, future=True)
    with engine.connect() as conn:
        events = conn.execute(text(
            "SELECT id, sender_id, type_name, timestamp, data FROM events "
            "WHERE sender_id = ANY(:ids) ORDER BY id"), {"ids": ids}).all()
        rows = conn.execute(text(
            "SELECT id, conversation_id, sender, text, reply_to_id, status FROM chat_messages "
            "WHERE conversation_id = ANY(:ids) ORDER BY id"), {"ids": ids}).all()
        housing = conn.execute(text(
            "SELECT count(*) FROM answers WHERE question_id = 'housing'")).scalar()
    engine.dispose()
    assert housing >= CONVERSATIONS

    rasa_servers, web_processes, switches = Counter(), set(), 0
    for cid in ids:
        mine = [e for e in events if e.sender_id == cid]
        # Rasa wrote this conversation's events in time order.
        stamps = [e.timestamp for e in mine]
        assert stamps == sorted(stamps), f"{cid}: events out of time order"

        # Each user message of ours is in the tracker exactly once, with its replies
        # right after it and nothing of another turn in between.
        turns: list[tuple[int, list[str]]] = []
        for event in mine:
            data = json.loads(event.data)
            if event.type_name == "user":
                meta = data.get("metadata") or {}
                turns.append((meta["message_id"], []))
                rasa_servers[meta["rasa_server"]] += 1
                web_processes.add(meta["web_process"])
            elif event.type_name == "bot" and turns and (
                    data.get("text") or (data.get("data") or {}).get("buttons")):
                turns[-1][1].append(data.get("text") or "")
        user_rows = [r for r in rows if r.conversation_id == cid and r.sender == "user"]
        assert all(r.status == "klar" for r in user_rows), f"{cid}: a turn left pending"
        tracker_ids = [t[0] for t in turns]
        assert len(tracker_ids) == len(set(tracker_ids)), f"{cid}: a message twice in the tracker"
        assert sorted(tracker_ids) == [r.id for r in user_rows], f"{cid}: lost or extra messages"
        # Rasa's REST channel sends a text with blank lines as several messages.
        replies = {r.id: ["\n\n".join(b.text for b in rows if b.reply_to_id == r.id and b.text)]
                   for r in user_rows}
        for message_id, said in turns:
            said = ["\n\n".join(t for t in said if t)]
            assert said == replies[message_id], \
                f"{cid}: replies of turn {message_id} differ: {_first_difference(said, replies[message_id])}"
        # Only the two messages sent at once may be in either order.
        out_of_order = [a for a, b in zip(tracker_ids, [r.id for r in user_rows], strict=True)
                        if a != b]
        assert len(out_of_order) in (0, 2), f"{cid}: reordered {out_of_order}"
        servers = [json.loads(e.data)["metadata"]["rasa_server"]
                   for e in mine if e.type_name == "user"]
        switches += sum(1 for a, b in zip(servers, servers[1:], strict=False) if a != b)

    # The messages really went to both Rasa servers and both web-app processes.
    assert set(rasa_servers) == {1, 2}, rasa_servers
    assert min(rasa_servers.values()) >= 0.25 * sum(rasa_servers.values()), rasa_servers
    assert switches >= CONVERSATIONS * 3, f"only {switches} switches between Rasa servers"
    assert len(web_processes) == 2, web_processes


def test_health_covers_every_process(scaled):
    resp = requests.get(f"{scaled.base}/health", timeout=30)
    assert resp.status_code == 200 and resp.json()["status"] == "ok"
    logs = sorted(p.name for p in (scaled.data_dir / "logs").iterdir())
    for name in ("rasa-1.log", "rasa-2.log", "actions-1.log", "actions-2.log",
                 "web-1.log", "web-2.log"):
        assert name in logs, logs
    # The supervisor did not start a Redis of its own: the given TIDIGT_REDIS_URL is used.
    assert "redis.log" not in logs
