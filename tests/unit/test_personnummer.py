"""Personnummer and samordningsnummer: detected, validated with Luhn, masked in text.

Only fictitious numbers: 19121212-1212 is Skatteverket's published test number; the
others are built here from a date and a serial with a computed check digit.
"""
import pytest

from bot.privacy.personnummer import (
    PERSONNUMMER_MASK,
    SAMORDNINGSNUMMER_MASK,
    contains_identity_number,
    find_identity_numbers,
    luhn_ok,
    mask_identity_numbers,
)


def check_digit(nine: str) -> str:
    for c in "0123456789":
        if luhn_ok(nine + c):
            return c
    raise AssertionError


def number(yymmdd: str, serial: str = "123") -> str:
    return yymmdd + serial + check_digit(yymmdd + serial)


VALID_10 = number("850709")            # 1985-07-09
COORD_10 = number("850769")            # samordningsnummer: day 09 + 60


@pytest.mark.parametrize(
    "typed",
    [
        "19121212-1212", "191212121212", "19121212+1212", "121212-1212", "1212121212", "121212+1212",
        f"19{VALID_10[:6]}-{VALID_10[6:]}", f"19{VALID_10}", f"{VALID_10[:6]}-{VALID_10[6:]}",
        VALID_10, "121212 1212", "19121212 1212",
    ],
)
def test_valid_personnummer_is_masked_in_every_form(typed):
    masked, kinds = mask_identity_numbers(f"Klienten har {typed} enligt ansökan.")
    assert masked == f"Klienten har {PERSONNUMMER_MASK} enligt ansökan."
    assert kinds == ["personnummer"]


@pytest.mark.parametrize("typed", [COORD_10, f"{COORD_10[:6]}-{COORD_10[6:]}", f"19{COORD_10}"])
def test_samordningsnummer_is_masked_as_such(typed):
    masked, kinds = mask_identity_numbers(typed)
    assert masked == SAMORDNINGSNUMMER_MASK
    assert kinds == ["samordningsnummer"]


def test_several_numbers_in_one_message():
    text = f"Hon 19121212-1212 och sambon {VALID_10}, barnet {COORD_10}."
    masked, kinds = mask_identity_numbers(text)
    assert kinds == ["personnummer", "personnummer", "samordningsnummer"]
    assert "1212" not in masked and VALID_10 not in masked and COORD_10 not in masked


def test_twelve_digits_failing_luhn_are_not_masked_but_never_a_case_reference():
    typed = "191212121213"
    masked, kinds = mask_identity_numbers(typed)
    assert (masked, kinds) == (typed, [])
    assert contains_identity_number(typed)
    assert find_identity_numbers(typed)[0].kind == "personnummerliknande"


@pytest.mark.parametrize(
    "text",
    ["ÄR-2026-0142", "EB-4711", "19121212121212", "ring 08-123 456 78", "1234567",
     "20261122", "belopp 12 000 kr", "139912121212"],
)
def test_ordinary_text_is_not_taken_for_an_identity_number(text):
    assert mask_identity_numbers(text) == (text, [])
    assert not contains_identity_number(text)


def test_mobile_number_is_date_shaped_and_masked_only_if_luhn_fits():
    # 0701234567 reads as 2007-01-23; we accept masking the rare one whose check digit fits.
    fits = number("070123", "456")
    assert mask_identity_numbers(f"ring {fits}") == (f"ring {PERSONNUMMER_MASK}", ["personnummer"])
    wrong = fits[:-1] + str((int(fits[-1]) + 1) % 10)
    assert mask_identity_numbers(wrong) == (wrong, [])
    assert contains_identity_number(wrong)


def test_impossible_date_is_not_valid():
    # 31 April does not exist, even with a matching check digit.
    fake = number("850431")
    assert mask_identity_numbers(fake) == (fake, [])
    assert contains_identity_number(fake)


def test_mask_token_counts_as_an_identity_number():
    assert contains_identity_number(f"ärende {PERSONNUMMER_MASK}")
    assert contains_identity_number(SAMORDNINGSNUMMER_MASK)


def test_empty_input():
    assert mask_identity_numbers("") == ("", [])
    assert not contains_identity_number("")
    assert not contains_identity_number(None)
