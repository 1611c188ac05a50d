"""Pseudonymous case references: what the bot accepts as the key of a client's case.

The reference lets an assessment be resumed and reviewed without the tool ever holding
the client's identity, so anything that looks like a personnummer is refused outright.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.privacy.personnummer import contains_identity_number

MIN_LENGTH = 3
MAX_LENGTH = 40
_ALLOWED = re.compile(r"^[0-9A-Za-zÅÄÖÆØÜÉåäöæøüé][0-9A-Za-zÅÄÖÆØÜÉåäöæøüé\-_/.: ]*$")
# Long bare digit runs are how identity numbers get typed; a reference needs letters too.
_ONLY_DIGITS = re.compile(r"^[\d\s\-+]+$")


@dataclass(frozen=True)
class CaseReferenceCheck:
    reference: str | None
    problem: str | None  # None when accepted; otherwise one of the codes below

    @property
    def ok(self) -> bool:
        return self.reference is not None


PROBLEM_IDENTITY_NUMBER = "identitetsnummer"
PROBLEM_TOO_SHORT = "för_kort"
PROBLEM_TOO_LONG = "för_lång"
PROBLEM_CHARACTERS = "ogiltiga_tecken"
PROBLEM_ONLY_DIGITS = "bara_siffror"
PROBLEM_NO_DIGIT = "saknar_siffra"


def normalise_case_reference(text: str) -> str:
    return " ".join(text.strip().split()).upper()


def check_case_reference(text: str | None) -> CaseReferenceCheck:
    if not text or not text.strip():
        return CaseReferenceCheck(None, PROBLEM_TOO_SHORT)
    if contains_identity_number(text):
        return CaseReferenceCheck(None, PROBLEM_IDENTITY_NUMBER)
    candidate = normalise_case_reference(text)
    if len(candidate) < MIN_LENGTH:
        return CaseReferenceCheck(None, PROBLEM_TOO_SHORT)
    if len(candidate) > MAX_LENGTH:
        return CaseReferenceCheck(None, PROBLEM_TOO_LONG)
    if _ONLY_DIGITS.match(candidate):
        return CaseReferenceCheck(None, PROBLEM_ONLY_DIGITS)
    if not _ALLOWED.match(candidate):
        return CaseReferenceCheck(None, PROBLEM_CHARACTERS)
    # Case references carry a number; a reply like "vet inte" must not become one.
    if not any(ch.isdigit() for ch in candidate):
        return CaseReferenceCheck(None, PROBLEM_NO_DIGIT)
    return CaseReferenceCheck(candidate, None)
