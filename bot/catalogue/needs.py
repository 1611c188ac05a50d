"""The person's distinct needs (data/needs.yml) and what the client said in their own words.
Pure apart from loading the file.

What the client asks for comes before what the assessment alone found (000:1028-1029;
001:10670-10682), so the free-text answer to the own-needs question is read for the needs
it names. Precision before recall: a need said under a negation in the same clause ("vill
inte prata om jobbet") is not read, and nothing is read from other answers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.reading.text import fold, negated_before

NEEDS_FILE = Path(__file__).resolve().parents[2] / "data" / "needs.yml"
OWN_NEEDS_QUESTION = "own_needs"


@dataclass(frozen=True)
class Need:
    id: str
    name: str        # as the case worker reads it: "ekonomi och skulder"
    client: str      # as the client reads it, second person: "dina skulder och din ekonomi"
    words: tuple[str, ...]
    factors: tuple[str, ...]


@cache
def load_needs(path: Path = NEEDS_FILE) -> dict[str, Need]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {nid: Need(nid, raw["name"], raw["client"], tuple(fold(w) for w in raw.get("words", ())),
                      tuple(raw.get("factors", ())))
            for nid, raw in (doc.get("needs") or {}).items()}


def _pattern(word: str) -> re.Pattern[str]:
    # A stem: the answer's word starts with it ("skuld" finds "skulderna").
    return re.compile(rf"(?<![a-z0-9]){re.escape(word)}")


def _original_word(text: str, stem: str) -> str:
    """The client's words as written ("lägenheten", not the folded "lagenheten")."""
    words, size = re.findall(r"\w+", text), len(stem.split())
    return next((" ".join(words[i:i + size]) for i in range(len(words))
                 if fold(" ".join(words[i:i + size])).startswith(stem)), stem)


def stated_needs(text: str | None, needs: dict[str, Need]) -> dict[str, str]:
    """Need id -> the client's word that names it, in the order the needs are defined."""
    said = fold(text or "")
    found: dict[str, str] = {}
    if not said:
        return found
    for need in needs.values():
        for word in need.words:
            hit = next((m for m in _pattern(word).finditer(said) if not negated_before(said, m.start())),
                       None)
            if hit:
                found[need.id] = _original_word(text or "", word)
                break
    return found


def need_of_factor(needs: dict[str, Need]) -> dict[str, str]:
    """Factor id -> the need it shows (the first need listing it)."""
    out: dict[str, str] = {}
    for need in needs.values():
        for fid in need.factors:
            out.setdefault(fid, need.id)
    return out
