"""The names domain.yml declares, once: its intents, slots and forms. The actions (and the
core where it reads an intent) use these instead of string literals, so a typo is an
AttributeError at import rather than a slot that silently never fills;
tests/unit/test_domain_names.py holds each set to domain.yml. Pure: no Rasa import."""
from __future__ import annotations


class Intent:
    GREET = "greet"
    GOODBYE = "goodbye"
    THANK = "thank"
    ASK_HELP = "ask_help"
    START_ASSESSMENT = "start_assessment"
    RESUME_ASSESSMENT = "resume_assessment"
    PAUSE = "pause"
    CANCEL = "cancel"
    AFFIRM = "affirm"
    DENY = "deny"
    NLU_FALLBACK = "nlu_fallback"
    OUT_OF_SCOPE = "out_of_scope"
    # Digressions inside the questions (bot.assessment.digressions).
    ASK_WHY = "ask_why"
    SKIP_QUESTION = "skip_question"
    ASK_PROGRESS = "ask_progress"
    CORRECT_ANSWER = "correct_answer"
    CHITCHAT = "chitchat"


class Slot:
    CASE_REFERENCE = "case_reference"
    CONSENT = "consent"
    ASSESSMENT_ID = "assessment_id"
    FAILED_ATTEMPTS = "failed_attempts"
    INTERRUPTED_FORM = "interrupted_form"
    ANSWER = "answer"
    CURRENT_QUESTION = "current_question"
    # The next question's decision carried from the turn to the ask action (h25a).
    ASKING = "asking"
    SUGGESTION_STEP = "suggestion_step"
    SUGGESTIONS_SHOWN = "suggestions_shown"
    SUMMARY_CONFIRMED = "summary_confirmed"
    # Rasa's own slot: the slot a form is asking for. Not declared in domain.yml.
    REQUESTED = "requested_slot"


class Form:
    ASSESSMENT = "assessment_form"
    ASSESSMENT_START = "assessment_start_form"
    RESUME = "resume_form"
    SUMMARY = "summary_form"
    SUGGESTIONS = "suggestions_form"


def intent_payload(intent: str) -> str:
    """A button's payload for an intent: Rasa reads "/name" as that intent, certain."""
    return f"/{intent}"

