"""Whole conversations from tests/conversations/*.yml, against the running product.

Each file is a conversation as a trainer writes it: what the case worker types or
presses, what the bot must (and must not) say, and what must be stored at the end, read
back through the export API. Nothing is mocked: Rasa, the action server and the web app
run as in production.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.integration.test_chat_api import Chat, payloads, texts

pytestmark = pytest.mark.integration
SCRIPTS = sorted((Path(__file__).parents[1] / "conversations").glob("*.yml"))


def _check_step(step: dict, body: dict, where: str) -> None:
    said = texts(body)
    for expected in step.get("expect", []):
        assert expected in said, f"{where}: expected {expected!r} in bot reply:\n{said}"
    for unexpected in step.get("expect_not", []):
        assert unexpected not in said, f"{where}: did not expect {unexpected!r} in:\n{said}"
    offered = payloads(body)
    for button in step.get("buttons", []):
        assert button in offered, f"{where}: button {button!r} not offered: {offered}"


def _check_record(chat: Chat, script: dict) -> None:
    resp = chat.http.get(f"{chat.base}/api/conversations/{chat.conversation_id}/assessment",
                         timeout=30)
    assert resp.status_code == 200, resp.text
    document = resp.json()
    stored = document["answers"]
    for qid, value in (script.get("answers") or {}).items():
        assert qid in stored and "value" in stored[qid], f"{qid} not stored"
        assert stored[qid]["value"] == value, f"{qid}: stored {stored[qid]['value']!r}, want {value!r}"
        assert stored[qid]["source"] != "överhoppad", f"{qid} was skipped"
    for qid, reason in (script.get("skipped") or {}).items():
        assert stored[qid]["source"] == "överhoppad" and stored[qid]["value"] is None, qid
        assert stored[qid]["skip_reason"] == reason, stored[qid]
    for qid in script.get("not_stored", []):
        assert qid not in stored or "value" not in stored[qid], f"{qid} should not be stored"
    for qid, sources in (script.get("history") or {}).items():
        assert [h["source"] for h in stored[qid]["history"]] == sources, stored[qid]["history"]
    by_rank = {s["rank"]: s for s in document["suggestions"]}
    for rank, wanted in (script.get("suggestions") or {}).items():
        assert by_rank[int(rank)]["status"] == wanted, by_rank.get(int(rank))
        if wanted != "föreslagen":
            assert by_rank[int(rank)]["decided_at"], f"suggestion {rank}: no time of decision"
    if "status" in script:
        assert document["status"] == script["status"]


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_conversation(product, path):
    script = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert script.get("steps"), f"{path.name} has no steps"
    chat = Chat(product["base"])
    for number, step in enumerate(script["steps"], 1):
        where = f"{path.name} step {number}"
        if "say" in step:
            body = chat.say(str(step["say"]))
        else:
            body = chat.press(str(step["press"]))
        _check_step(step, body, where)
    _check_record(chat, script)
