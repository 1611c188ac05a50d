""""Spara som teststory": a real conversation, exported from review, passes `rasa test`
unchanged, and a deliberately broken copy of it fails."""
from __future__ import annotations

import pytest
import requests

from bot.stories import load_stories, run, verify
from tests.integration.conftest import PASSWORD
from tests.integration.test_chat_api import Chat

pytestmark = pytest.mark.integration


def test_an_exported_conversation_runs_as_a_passing_story(product, tmp_path, capsys):
    chat = Chat(product["base"])
    for text in ("ny bedömning", "ÄR-2026-5101", "ja", "man", "ja", "alkohol",
                 "varje vecka", "3-4 glas", "varför frågar du det?", "aldrig", "pausa"):
        chat.say(text)
    supervisor = requests.Session()
    resp = supervisor.post(f"{product['base']}/api/login",
                           json={"username": "lena.lind", "password": PASSWORD}, timeout=30)
    assert resp.status_code == 200
    resp = supervisor.get(
        f"{product['base']}/api/review/conversations/{chat.conversation_id}/test-story",
        timeout=60)
    assert resp.status_code == 200, resp.text
    assert 'filename="test_samtal_' in resp.headers["Content-Disposition"]
    story = resp.text
    assert story.startswith("# Sparat från granskningen av lena.lind")
    assert "ÄR-2026-5101" in story and "varje vecka" in story

    exported = tmp_path / "test_sparad.yml"
    exported.write_text(story, encoding="utf-8")
    assert verify([str(exported)]) == 0
    assert "1 passed, 0 failed" in capsys.readouterr().out

    # The runner is not vacuous: the same story with a wrong bot action fails, and the
    # report names that step, its line, and what was expected and what the bot did.
    broken = tmp_path / "test_trasig.yml"
    broken.write_text(story.replace("action: action_pause_assessment", "action: utter_goodbye", 1),
                      encoding="utf-8")
    assert broken.read_text(encoding="utf-8") != story
    (steps,) = [s.steps for s in load_stories(broken)]
    wrong = next(s for s in steps if s.kind == "action" and s.value == "utter_goodbye")
    out_dir = tmp_path / "rapport"
    assert run([str(broken)], out_dir=out_dir, train=False) == 1
    report = capsys.readouterr().out
    assert f"Första avvikelsen: steg {wrong.number} ({broken}:{wrong.line})" in report
    assert "Efter användarens meddelande: ”pausa”" in report
    assert "Förväntat: utter_goodbye" in report
    assert "Faktiskt:  action_pause_assessment" in report
    page = (out_dir / "rapport.html").read_text(encoding="utf-8")
    assert "Underkänd" in page and f"steg {wrong.number}" in page
