""""Spara som teststory": a real conversation, exported from review, passes `rasa test`
unchanged, and a deliberately broken copy of it fails."""
from __future__ import annotations

import pytest
import requests

from bot.stories import verify
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

    # The runner is not vacuous: the same story with a wrong bot action fails.
    broken = tmp_path / "test_trasig.yml"
    broken.write_text(story.replace("action: action_pause_assessment", "action: utter_goodbye", 1),
                      encoding="utf-8")
    assert broken.read_text(encoding="utf-8") != story
    assert verify([str(broken)]) == 1
