"""The fictitious training cases (data/vignettes) as regression tests, played in Övningsläge.

Each case is played by a trainer through the public API exactly as in the widget: the
practice start, every message, then the stored assessment is compared with the case's
expected answers, scores and suggestions (bot.practice.player). Nothing is mocked.
"""
from __future__ import annotations

import pytest
import requests

from bot.practice.cases import load_vignettes
from bot.practice.player import Client, play
from tests.integration.conftest import PASSWORD
from tests.integration.test_chat_api import Chat

pytestmark = pytest.mark.integration
VIGNETTES = load_vignettes()


def _transcript(played) -> str:
    return "\n".join(f"[{who}] {text}" for who, text in played.transcript)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_training_case_gives_its_expected_assessment(product, vignette):
    client = Client(product["base"], "ulla.utbildare", PASSWORD)
    played = play(client, vignette)
    assert not played.problems, (
        f"Fall {vignette.number} ({vignette.title}):\n- " + "\n- ".join(played.problems)
        + "\n\nSamtalet:\n" + _transcript(played))
    assert played.document["training"] is True
    # Övningsläge's "Jämför med facit" agrees: a case played as written has no differences.
    status, result = client.request(
        "GET", f"/api/practice/conversations/{played.conversation_id}/facit")
    assert status == 200 and result["finished"] is True and result["differences"] == []


def _signed_in(base: str, username: str) -> requests.Session:
    http = requests.Session()
    resp = http.post(f"{base}/api/login", json={"username": username, "password": PASSWORD},
                     timeout=30)
    assert resp.status_code == 200, resp.text
    http.headers["X-CSRF-Token"] = resp.json()["csrf_token"]
    return http


def _assessments_in_statistics(base: str) -> int:
    resp = _signed_in(base, "lena.lind").get(f"{base}/api/review/statistics", timeout=60)
    assert resp.status_code == 200, resp.text
    return resp.json()["assessments"]


def test_practice_is_marked_kept_out_of_statistics_and_shown_to_trainers(product):
    base = product["base"]
    before = _assessments_in_statistics(base)

    trainer = _signed_in(base, "ulla.utbildare")
    cases = trainer.get(f"{base}/api/practice/cases", timeout=30).json()["cases"]
    assert cases and {"id", "title", "case", "reference"} <= set(cases[0])
    assert "steps" not in cases[0] and "expect" not in cases[0]
    case = cases[0]
    resp = trainer.post(f"{base}/api/practice/conversations", json={"case": case["id"]},
                        timeout=120)
    assert resp.status_code == 201, resp.text
    view = resp.json()
    practice_id = view["conversation"]["id"]
    assert view["conversation"]["training"] is True
    assert view["messages"][0]["text"].startswith(f"Övningsläge – fall {case['number']}")
    for text in (case["reference"], "ja"):  # the reference, then the client's consent
        resp = trainer.post(f"{base}/api/chat", timeout=120,
                            json={"conversation_id": practice_id, "text": text})
        assert resp.status_code == 200, resp.text
    document = trainer.get(f"{base}/api/conversations/{practice_id}/assessment", timeout=30)
    assert document.status_code == 200 and document.json()["training"] is True

    # A real assessment started the same way counts; the practice one did not.
    chat = Chat(base)
    for text in ("ny bedömning", "ÄR-2026-7701", "ja"):
        chat.say(text)
    assert _assessments_in_statistics(base) == before + 1

    # Trainers see practice conversations in review, and only those.
    listed = trainer.get(f"{base}/api/review/conversations", timeout=30).json()
    ids = {row["conversation_id"] for row in listed["conversations"]}
    assert practice_id in ids and chat.conversation_id not in ids
    # The case worker's own list does not show the trainer's practice.
    own = _signed_in(base, "anna.berg").get(f"{base}/api/review/conversations", timeout=30)
    assert practice_id not in {row["conversation_id"] for row in own.json()["conversations"]}


def test_practice_start_refuses_an_unknown_case_with_a_reason(product):
    trainer = _signed_in(product["base"], "ulla.utbildare")
    resp = trainer.post(f"{product['base']}/api/practice/conversations",
                        json={"case": "finns-inte"}, timeout=30)
    assert resp.status_code == 404 and "övningsfall" in resp.json()["error"]
    resp = trainer.post(f"{product['base']}/api/practice/conversations", json={"case": 7},
                        timeout=30)
    assert resp.status_code == 400 and "övningsfall" in resp.json()["error"]
