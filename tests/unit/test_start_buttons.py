"""The start buttons have one home (actions/buttons.py): every copy Rasa's responses in
domain.yml must carry, and the web app's "Ny bedömning", is that button exactly."""
from __future__ import annotations

import yaml

from actions.buttons import START_BUTTONS
from bot.settings import PROJECT_ROOT

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
            assert button == home, f"{name}: {button} differs from actions/buttons.py"
            seen.add(button["payload"])
        else:
            titles = {b["title"] for b in START_BUTTONS}
            assert button["title"] not in titles, f"{name}: {button} has a start title"
    assert seen == set(BY_PAYLOAD), "the greeting offers every start button"


def test_the_web_apps_new_assessment_is_the_same_button():
    from bot.web.conversations import START_PAYLOAD, START_SHOWN_AS

    assert {"title": START_SHOWN_AS, "payload": START_PAYLOAD} in START_BUTTONS
