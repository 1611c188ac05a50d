"""The start buttons have one home (bot/start_buttons.py): every copy Rasa's responses in
domain.yml must carry, and the chat page's "Ny bedömning", is that button exactly."""
from __future__ import annotations

import re

import yaml

from bot.settings import PROJECT_ROOT
from bot.start_buttons import NEW_ASSESSMENT, START_BUTTONS

BY_PAYLOAD = {b["payload"]: b for b in START_BUTTONS}


def _domain_buttons():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variants in domain["responses"].items():
        for variant in variants:
            for button in variant.get("buttons") or []:
                yield name, button


def test_every_start_button_in_the_domain_is_the_one_defined_in_python():
    seen = set()
    for name, button in _domain_buttons():
        home = BY_PAYLOAD.get(button["payload"])
        if home is not None:
            assert button == home, f"{name}: {button} differs from bot/start_buttons.py"
            seen.add(button["payload"])
        else:
            titles = {b["title"] for b in START_BUTTONS}
            assert button["title"] not in titles, f"{name}: {button} has a start title"
    assert seen == set(BY_PAYLOAD), "the greeting offers every start button"


def test_the_chat_pages_new_assessment_control_is_the_buttons_title():
    """The page's own control (it opens a new conversation, which starts with the button's
    payload: bot.web.conversations) is written in the HTML, so held here."""
    page = (PROJECT_ROOT / "bot" / "web" / "static" / "index.html").read_text(encoding="utf-8")
    control = re.search(r'<button[^>]*id="new-assessment"[^>]*>([^<]*)</button>', page)
    assert control is not None and control.group(1) == NEW_ASSESSMENT["title"]
