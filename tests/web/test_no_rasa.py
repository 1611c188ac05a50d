"""The web app imports nothing of Rasa's, not even lazily inside a function: its
environment (.venv-web) has no Rasa, so such an import would fail only when a case worker
reached that route."""
from __future__ import annotations

import re
import sys
from pathlib import Path

RASA_IMPORT = re.compile(r"^\s*(from|import)\s+(rasa|rasa_sdk|sanic|tensorflow|spacy)\b", re.M)


def test_no_module_of_the_web_app_imports_rasa():
    import bot.web.app  # noqa: F401  (loads every module the web app uses)

    ours = {name: module for name, module in sys.modules.items()
            if name == "bot" or name.startswith("bot.")}
    assert "bot.web.review" in ours and "bot.review.test_story" in ours
    found = {}
    for name, module in ours.items():
        source = Path(getattr(module, "__file__", "") or "")
        if source.suffix == ".py" and RASA_IMPORT.search(source.read_text(encoding="utf-8")):
            found[name] = str(source)
    assert not found, found
    assert not [m for m in sys.modules if m.split(".")[0] in ("rasa", "rasa_sdk", "sanic")]
