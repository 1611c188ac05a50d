"""What a patch module declares: which Rasa attribute it replaces, with what, and the
fingerprint of the Rasa original it was written against (checked by install.py)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Replacement:
    owner: Any  # a class, or a module (rasa.core.run)
    name: str
    ours: Any
    # sha256 of the original's source, first 16 hex digits (install.fingerprint).
    fingerprint: str

    @property
    def label(self) -> str:
        return f"{self.owner.__name__}.{self.name}"
