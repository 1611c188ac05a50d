"""The shell's start buttons, defined once, for the actions and the web app's "Ny
bedömning" alike. Rasa's responses in domain.yml must carry literal buttons, so they
repeat these; tests/unit/test_start_buttons.py holds every copy there to this one. Pure."""
from __future__ import annotations

from bot.domain_names import Intent, intent_payload

NEW_ASSESSMENT = {"title": "Ny bedömning", "payload": intent_payload(Intent.START_ASSESSMENT)}
RESUME_ASSESSMENT = {"title": "Återuppta bedömning",
                     "payload": intent_payload(Intent.RESUME_ASSESSMENT)}
ASK_HELP = {"title": "Vad kan du hjälpa till med?", "payload": intent_payload(Intent.ASK_HELP)}

START_BUTTONS = [NEW_ASSESSMENT, RESUME_ASSESSMENT, ASK_HELP]
