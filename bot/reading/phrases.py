"""Phrases in the question bank that state a fact, compiled to whole-word patterns.

A phrase is words, each matched whole on folded text. So that a fact is said and not
just a shared word, a phrase can require a subject and a predicate:
  `son|dotter|bror`   one of these words
  `skuld*`            a word that starts so ("skulder", "skuldsatt"), never inside a word
  `@relative`         any word of a group in data/vocabulary.yml (`@kin|@others`: of either)
  `...`               up to four words in between
  `inte?`             an optional word
e.g. `@relative som? ... @misuse` states a relative with misuse; "en dotter som är 12"
does not.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bot.reading.text import fold

_GAP = r"(?:\s+[a-z0-9]+){0,4}?"
# Between two words of a phrase Swedish may put the subject after the verb ("nu har hon
# ingen inkomst") or a small adverb ("har också skulder", "får fortfarande a-kassa"):
# one such word is let through, never a negation (that is read by the caller).
_FILLER = (r"(?:\s+(?:han|hon|hen|klienten|de|dom|ocksa|aven|fortfarande|nu|bara|redan|ju|val"
           r"|forstas|just|numera|sjalv))?")


@dataclass(frozen=True)
class Phrase:
    source: str
    pattern: re.Pattern[str]
    length: int  # words required: a longer phrase is more specific and wins
    # The words it can start with (exact) and the starts of words (from `x*`): a clause
    # with none of them cannot hold the phrase, which one set lookup says.
    first_words: frozenset[str] = frozenset()
    first_prefixes: tuple[str, ...] = ()

    def find(self, said: str) -> int:
        m = self.pattern.search(said)
        return m.start() if m else -1

    def span(self, said: str) -> tuple[int, int] | None:
        m = self.pattern.search(said)
        return (m.start(), m.end()) if m else None

    @property
    def negates(self) -> bool:
        """The phrase carries its own negation ("inga skulder", "orkar inte leva")."""
        from bot.reading.text import NEGATION
        return bool(NEGATION.search(fold(self.source.replace("|", " "))))


def _alternative(word: str) -> str:
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"[a-z0-9]*"
    return re.escape(word)


def _token(token: str) -> tuple[str, bool]:
    """A token's regex and whether it is optional."""
    from bot.reading.vocabulary import normalise
    optional = token.endswith("?") and len(token) > 1
    token = token[:-1] if optional else token
    words = _words_of(token)
    alternatives = []
    for w in words:
        star = w.endswith("*")
        folded = normalise(fold(w[:-1] if star else w))
        if folded:
            alternatives.append(_alternative(folded + ("*" if star else "")))
    # Longer alternatives first, so "arbetsformedlingen" is tried before "arbets*".
    alternatives.sort(key=len, reverse=True)
    return "(?:" + "|".join(alternatives) + ")", optional


def _words_of(token: str) -> list[str]:
    """A token's alternatives: words, `x*` starts of words, and `@group`s."""
    from bot.reading.vocabulary import group
    words: list[str] = []
    for part in (p for p in token.split("|") if p):
        words += group(part[1:]) if part.startswith("@") else [part]
    return words


def _first(token: str) -> tuple[set[str], list[str]]:
    from bot.reading.vocabulary import normalise
    token = token[:-1] if token.endswith("?") and len(token) > 1 else token
    words = _words_of(token)
    exact, prefixes = set(), []
    for w in words:
        star = w.endswith("*")
        folded = normalise(fold(w[:-1] if star else w))
        if not folded:
            continue
        first = folded.split()[0]
        if star and " " not in folded:
            prefixes.append(first)
        else:
            exact.add(first)
    return exact, prefixes


@functools.lru_cache(maxsize=4096)
def compile_phrase(source: str) -> Phrase:
    parts: list[str] = []
    length = 0
    pending_gap = False
    tokens = source.split()
    exact, prefixes = _first(tokens[0]) if tokens else (set(), [])
    for token in tokens:
        if token in ("...", "…"):
            pending_gap = True
            continue
        regex, optional = _token(token)
        sep = (_GAP + r"\s+") if pending_gap else (_FILLER + r"\s+")
        pending_gap = False
        if not parts:
            parts.append(f"(?:{regex})" + ("?" if optional else ""))
        elif optional:
            parts.append(f"(?:{sep}{regex})?")
        else:
            parts.append(f"{sep}{regex}")
        length += 0 if optional else 1
    body = "".join(parts)
    return Phrase(source, re.compile(rf"(?<![a-z0-9]){body}(?![a-z0-9])"), length,
                  frozenset(exact), tuple(prefixes))


def longest(phrases, said: str) -> tuple[Phrase, int] | None:
    """The most specific phrase found in the clause, with where it starts."""
    best = None
    for source in phrases:
        phrase = compile_phrase(source)
        at = phrase.find(said)
        if at >= 0 and (best is None or (phrase.length, len(source)) >
                        (best[0].length, len(best[0].source))):
            best = (phrase, at)
    return best


class PhraseIndex:
    """Phrases under labels (a question's id), searched together: a clause's words say
    which phrases can start in it, and only those are tried."""

    def __init__(self, labelled):
        self.by_word: dict[str, list[tuple[object, Phrase]]] = {}
        self.by_prefix: dict[str, list[tuple[object, Phrase]]] = {}
        for label, sources in labelled.items():
            for source in dict.fromkeys(sources):
                if not source or not source.strip():
                    continue
                phrase = compile_phrase(source)
                for w in phrase.first_words:
                    self.by_word.setdefault(w, []).append((label, phrase))
                for pre in phrase.first_prefixes:
                    self.by_prefix.setdefault(pre, []).append((label, phrase))
        self.shortest = min((len(k) for k in self.by_prefix), default=0)

    def candidates(self, said: str):
        """(label, phrase) pairs whose phrase can start at one of the text's words."""
        for w in set(said.split()):
            yield from self.by_word.get(w, ())
            if self.by_prefix:
                for k in range(self.shortest, len(w) + 1):
                    yield from self.by_prefix.get(w[:k], ())

    def labels(self, said: str) -> set:
        """The labels with a phrase in the text."""
        found: set = set()
        for label, phrase in self.candidates(said):
            if label not in found and phrase.pattern.search(said):
                found.add(label)
        return found


class PhraseSet(PhraseIndex):
    """Many phrases searched as one."""

    def __init__(self, sources):
        super().__init__({None: sources})

    def search(self, said: str) -> bool:
        return any(p.pattern.search(said) for _, p in self.candidates(said))
