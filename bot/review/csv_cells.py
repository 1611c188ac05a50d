"""CSV for spreadsheets without formula injection, for every CSV the app serves.

A cell that starts with = + - @, a TAB or a CR is read as a formula by Excel or
LibreOffice (OWASP's "CSV injection"); a leading apostrophe makes it text. Only text
cells are touched: numbers are numbers.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer with `;` as Swedish spreadsheets expect, every text cell made safe."""

    def __init__(self, out: io.StringIO) -> None:
        self._writer = csv.writer(out, delimiter=";")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
