"""A case reference must be pseudonymous: identity numbers are never accepted."""
import pytest

from bot.assessment.case_reference import (
    PROBLEM_CHARACTERS,
    PROBLEM_IDENTITY_NUMBER,
    PROBLEM_NO_DIGIT,
    PROBLEM_ONLY_DIGITS,
    PROBLEM_TOO_LONG,
    PROBLEM_TOO_SHORT,
    check_case_reference,
)


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("ÄR-2026-0142", "ÄR-2026-0142"),
        ("  är-2026-0142 ", "ÄR-2026-0142"),
        ("EB 4711", "EB 4711"),
        ("eb   4711", "EB 4711"),
        ("Missbruk/2026/12", "MISSBRUK/2026/12"),
        ("ab1", "AB1"),
    ],
)
def test_pseudonymous_references_are_accepted_and_normalised(typed, stored):
    check = check_case_reference(typed)
    assert check.ok
    assert check.reference == stored


@pytest.mark.parametrize(
    "typed",
    [
        "19121212-1212",
        "121212-1212",
        "191212121212",
        "ärende 19121212-1212",
        "[personnummer dolt]",
        # Luhn fails, but it is shaped like a personnummer: still never a reference.
        "191212121213",
    ],
)
def test_identity_numbers_are_refused(typed):
    check = check_case_reference(typed)
    assert not check.ok
    assert check.problem == PROBLEM_IDENTITY_NUMBER


@pytest.mark.parametrize(
    "typed, problem",
    [
        ("", PROBLEM_TOO_SHORT),
        ("  ", PROBLEM_TOO_SHORT),
        (None, PROBLEM_TOO_SHORT),
        ("AB", PROBLEM_TOO_SHORT),
        ("X" * 41, PROBLEM_TOO_LONG),
        ("2026 0142", PROBLEM_ONLY_DIGITS),
        ("ÄR<script>", PROBLEM_CHARACTERS),
        ("vet inte", PROBLEM_NO_DIGIT),
        ("Kalle Anka", PROBLEM_NO_DIGIT),
        ("'; DROP TABLE cases;--", PROBLEM_CHARACTERS),
    ],
)
def test_malformed_references_are_refused_with_a_reason(typed, problem):
    check = check_case_reference(typed)
    assert check.reference is None
    assert check.problem == problem
