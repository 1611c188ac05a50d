"""The shell's start buttons, defined once. Rasa's responses in domain.yml must carry
literal buttons, so they repeat these; tests/unit/test_start_buttons.py holds every copy
there (and the web app's "Ny bedömning") to this one."""
from __future__ import annotations

NEW_ASSESSMENT = {"title": "Ny bedömning", "payload": "/start_assessment"}
RESUME_ASSESSMENT = {"title": "Återuppta bedömning", "payload": "/resume_assessment"}
ASK_HELP = {"title": "Vad kan du hjälpa till med?", "payload": "/ask_help"}

START_BUTTONS = [NEW_ASSESSMENT, RESUME_ASSESSMENT, ASK_HELP]
