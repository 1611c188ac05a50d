"""The case workers' vocabulary (data/vocabulary.yml): abbreviations and short forms read
as the word they stand for, and groups of words a bank phrase can name with @group."""
from __future__ import annotations

import functools
import re
from pathlib import Path

from bot.reading.text import fold
from bot.yaml_files import read_yaml

VOCABULARY_FILE = Path(__file__).resolve().parents[2] / "data" / "vocabulary.yml"


@functools.cache
def _vocabulary() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    doc = read_yaml(VOCABULARY_FILE) or {}
    same = {fold(k): fold(v) for k, v in (doc.get("same") or {}).items() if fold(k) != fold(v)}
    groups = {name: tuple(str(w) for w in words) for name, words in (doc.get("groups") or {}).items()}
    return same, groups


@functools.cache
def _same_pattern() -> re.Pattern[str] | None:
    same, _ = _vocabulary()
    if not same:
        return None
    alternatives = sorted((re.escape(k) for k in same), key=len, reverse=True)
    return re.compile(rf"(?<![a-z0-9])({'|'.join(alternatives)})(?![a-z0-9])")


# "jätte-" only makes a word stronger: "jätteorolig" is "orolig" to every reader.
_INTENSIFIED = re.compile(r"(?<![a-z0-9])jatte(?=[a-z]{4,})")


@functools.lru_cache(maxsize=8192)
def normalise(folded: str) -> str:
    """Folded text with abbreviations and short forms read as their word."""
    folded = _INTENSIFIED.sub("", folded or "")
    pattern = _same_pattern()
    if pattern is None or not folded:
        return folded
    same, _ = _vocabulary()
    return pattern.sub(lambda m: same[m.group(1)], folded)


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def normalise_words(raw: str) -> str:
    """A message as typed, each one-word abbreviation or short form read as its word and
    the rest, punctuation too, kept: for readers that find clauses by the commas."""
    same, _ = _vocabulary()
    return _WORD.sub(lambda m: same.get(fold(m.group(0)), m.group(0)), raw or "")


def vocabulary_words() -> frozenset[str]:
    """Every word the vocabulary names, folded: its short forms, their words, its groups."""
    same, groups = _vocabulary()
    words = {*same, *same.values(), *(fold(w.rstrip("*")) for ws in groups.values() for w in ws)}
    return frozenset(w for phrase in words for w in phrase.split())


@functools.cache
def folded_group(*names: str) -> frozenset[str]:
    """The words of one or more groups, folded, as whole words (a trailing `*` dropped):
    for readers that look a clause's words up rather than match a phrase."""
    return frozenset(fold(w).rstrip("*") for name in names for w in group(name))


def group(name: str) -> tuple[str, ...]:
    _, groups = _vocabulary()
    if name not in groups:
        raise KeyError(f"unknown vocabulary group @{name} (data/vocabulary.yml)")
    return groups[name]


@functools.cache
def others_genitive() -> frozenset[str]:
    """Another person's, as one folded word: "sambons", "(sin) sambos", "mammas",
    "föräldrarnas" — the genitive of each word in @kin and @others, and "familjens"."""
    return frozenset(fold(w) + "s" for w in (*group("kin"), *group("others"))) | {"familjens"}


def read(text: str) -> str:
    """A message as the readers compare it: folded, then normalised."""
    return normalise(fold(text))
