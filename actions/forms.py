"""Validation of the shell's forms: the case reference and the client's consent."""
from __future__ import annotations

import re
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.assessment import case_reference as ref
from bot.domain_names import Intent, Slot
from bot.privacy.personnummer import contains_identity_number

# Why a reference was refused, in the words the case worker reads.
_PROBLEM_TEXT = {
    ref.PROBLEM_IDENTITY_NUMBER: (
        "Det där ser ut som ett personnummer eller samordningsnummer. Jag använder det inte och "
        "har dolt det i samtalet: bedömningen ska kunna sparas och granskas utan att klienten "
        "kan identifieras. Ange i stället ärendets pseudonyma referens."
    ),
    ref.PROBLEM_TOO_SHORT: "Referensen är för kort; den behöver minst tre tecken.",
    ref.PROBLEM_TOO_LONG: "Referensen är för lång; den får vara högst 40 tecken.",
    ref.PROBLEM_ONLY_DIGITS: (
        "En referens som bara består av siffror kan förväxlas med ett personnummer. "
        "Använd ärendets referens med bokstäver, till exempel ÄR-2026-0142."
    ),
    ref.PROBLEM_NO_DIGIT: (
        "Det ser inte ut som en ärendereferens; en referens innehåller en siffra, till exempel "
        "ÄR-2026-0142 eller EB-4711."
    ),
    ref.PROBLEM_CHARACTERS: (
        "Referensen får bara innehålla bokstäver, siffror, mellanslag och tecknen - _ / . :"
    ),
}
_EXPLAIN_AFTER_FAILURES = 2
_EXPLANATION = (
    "Ärendereferensen är den beteckning ert verksamhetssystem använder för ärendet, "
    "till exempel ÄR-2026-0142 eller EB-1234. Den kopplar ihop bedömningen med ärendet "
    "utan att klientens namn eller personnummer sparas här. Vet du inte referensen kan du "
    "skriva \"pausa\" och återkomma."
)


# Asking for help, pausing or cancelling instead of answering: the form lets these pass.
ESCAPE_INTENTS = {
    Intent.PAUSE, Intent.CANCEL, Intent.ASK_HELP, Intent.GOODBYE, Intent.GREET, Intent.THANK,
    Intent.START_ASSESSMENT, Intent.RESUME_ASSESSMENT, Intent.DENY, Intent.OUT_OF_SCOPE,
}


def extract_reference_text(tracker: Tracker) -> dict[str, Any]:
    if tracker.get_slot(Slot.REQUESTED) != Slot.CASE_REFERENCE:
        return {}
    message = tracker.latest_message or {}
    text = (message.get("text") or "").strip()
    intent = (message.get("intent") or {}).get("name")
    if not text or text.startswith("/"):
        return {}
    # A reference has digits; "pausa" or "hjälp" does not, whatever the classifier says.
    # A (masked) identity number is taken too, so that the refusal explains why.
    looks_like_reference = any(ch.isdigit() for ch in text) or contains_identity_number(text)
    if intent in ESCAPE_INTENTS and not looks_like_reference:
        return {}
    return {Slot.CASE_REFERENCE: text}


def validate_reference_slot(
    value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    if value is None:
        # Cleared on purpose (a new start resets it): nothing was typed, nothing to judge.
        return {}
    check = ref.check_case_reference(value if isinstance(value, str) else None)
    if check.ok:
        return {Slot.CASE_REFERENCE: check.reference, Slot.FAILED_ATTEMPTS: 0}
    failures = int(tracker.get_slot(Slot.FAILED_ATTEMPTS) or 0) + 1
    dispatcher.utter_message(text=_PROBLEM_TEXT[check.problem])
    if failures >= _EXPLAIN_AFTER_FAILURES:
        dispatcher.utter_message(text=_EXPLANATION)
    return {Slot.CASE_REFERENCE: None, Slot.FAILED_ATTEMPTS: failures}


# Consent is never guessed: a yes/no the classifier is unsure of is asked again.
CONSENT_CONFIDENCE = 0.8
_CLEAR_YES = re.compile(r"\b(ja|japp|jepp|jadå|absolut|samtycker|samtyckt|samtycke finns)\b", re.I)
_CLEAR_NO = re.compile(r"\b(nej|nä|inte|aldrig|saknas|ej)\b", re.I)


def consent_is_clear(tracker: Tracker, value: Any) -> bool:
    message = tracker.latest_message or {}
    text = (message.get("text") or "").strip()
    if text.startswith("/"):
        return True  # a button the bot offered
    confidence = float((message.get("intent") or {}).get("confidence") or 0.0)
    clear_word = _CLEAR_NO.search(text) if value is False else _CLEAR_YES.search(text)
    return confidence >= CONSENT_CONFIDENCE and clear_word is not None


class CaseReferenceSlot:
    """The case reference, read and judged alike by the forms that ask for it (a new
    assessment and a resumed one)."""

    async def extract_case_reference(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return extract_reference_text(tracker)

    def validate_case_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return validate_reference_slot(value, dispatcher, tracker)


class ValidateAssessmentStartForm(CaseReferenceSlot, FormValidationAction):
    def name(self) -> str:
        return "validate_assessment_start_form"

    def validate_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {}
        if not consent_is_clear(tracker, value):
            dispatcher.utter_message(
                text="Jag behöver ett tydligt ja eller nej här, eftersom samtycket avgör om "
                "bedömningen får göras."
            )
            return {Slot.CONSENT: None}
        return {Slot.CONSENT: value}


class ValidateResumeForm(CaseReferenceSlot, FormValidationAction):
    def name(self) -> str:
        return "validate_resume_form"
