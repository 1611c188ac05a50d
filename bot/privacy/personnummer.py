"""Detect and mask Swedish personnummer and samordningsnummer in free text.

A valid number (real date, Luhn check digit right) is masked. A number that only has the
shape of one (date-like, wrong check digit) is left in the text, because it may be
something else, but it is never accepted as a case reference. A mobile number such as
0701234567 is date-shaped (2007-01-23) and is masked only if its Luhn digit happens to
fit: on the safe side for a tool that must not store identity numbers.
"""
from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass

PERSONNUMMER_MASK = "[personnummer dolt]"
SAMORDNINGSNUMMER_MASK = "[samordningsnummer dolt]"
_MASKS = {"personnummer": PERSONNUMMER_MASK, "samordningsnummer": SAMORDNINGSNUMMER_MASK}

# 12 digits (YYYYMMDDNNNC) or 10 digits (YYMMDDNNNC), an optional '-', '+' or space before
# the last four ("850101 1236" is typed too), and no digit directly before or after.
_CANDIDATE = re.compile(r"(?<![\d])(\d{2})?(\d{2})(\d{2})(\d{2})([-+ ]?)(\d{3})(\d)(?![\d])")


@dataclass(frozen=True)
class IdentityNumberMatch:
    start: int
    end: int
    kind: str  # "personnummer" | "samordningsnummer" | "personnummerliknande"
    valid: bool


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _plausible(month: int, day: int) -> bool:
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def _real_date(year: int | None, yy: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12:
        return False
    # Without the century, a 29 February exists if some century makes it a leap year.
    years = [year] if year is not None else [1900 + yy, 2000 + yy]
    return any(1 <= day <= monthrange(y, month)[1] for y in years)


def find_identity_numbers(text: str) -> list[IdentityNumberMatch]:
    found = []
    for m in _CANDIDATE.finditer(text or ""):
        century, yy, mm, dd, _sep, serial, check = m.groups()
        month, day = int(mm), int(dd)
        if not _plausible(month, day):
            continue
        coordination = day > 60
        real_day = day - 60 if coordination else day
        year = int(century + yy) if century else None
        if century and century not in ("18", "19", "20"):
            continue
        valid = _real_date(year, int(yy), month, real_day) and luhn_ok(
            f"{yy}{mm}{dd}{serial}{check}"
        )
        kind = "samordningsnummer" if coordination else "personnummer"
        found.append(IdentityNumberMatch(m.start(), m.end(), kind if valid else
                                         "personnummerliknande", valid))
    return found


def mask_identity_numbers(text: str) -> tuple[str, list[str]]:
    """The text with every valid identity number replaced, and the kinds replaced."""
    if not text:
        return text, []
    out, kinds, last = [], [], 0
    for match in find_identity_numbers(text):
        if not match.valid:
            continue
        out.append(text[last:match.start])
        out.append(_MASKS[match.kind])
        kinds.append(match.kind)
        last = match.end
    out.append(text[last:])
    return "".join(out), kinds


def contains_identity_number(text: str | None) -> bool:
    """Anything that is, looks like, or already was (masked) an identity number."""
    if not text:
        return False
    if PERSONNUMMER_MASK in text or SAMORDNINGSNUMMER_MASK in text:
        return True
    return bool(find_identity_numbers(text))
