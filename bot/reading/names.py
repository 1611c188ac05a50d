"""Whether a message begins with a person's name ("Jonas tar kokain varje helg").

The reader cannot know whether a name is the client's or someone else's, so what such a
message says of the client is shown back ("Menar du …?"), never stored in silence. A name
is a capitalised first word that Swedish does not know as a word: not in spaCy's Swedish
lemma table (spacy-lookups-data, its forms and its lemmas), nor in the case workers'
vocabulary (data/vocabulary.yml). Without the table nothing is taken for a name.
"""
from __future__ import annotations

import functools
import gzip
import json
import re
from pathlib import Path

from bot.reading.text import fold

# A capitalised first word and the verb after it: "Jonas tar", "Karim har", "Sara drack".
_FIRST_WORD = re.compile(r"\s*([A-ZÅÄÖ][a-zåäöéü]{1,20})\s+([a-zåäö]+)")
_PAST_VERBS = {"var", "hade", "tog", "drack", "rokte", "fick", "blev", "sa", "gick", "kom", "slog"}


@functools.cache
def known_words() -> frozenset[str]:
    """Every Swedish word form and lemma the lookup table holds, folded."""
    try:
        import spacy_lookups_data
        path = Path(spacy_lookups_data.__file__).parent / "data" / "sv_lemma_lookup.json.gz"
        with gzip.open(path, "rt", encoding="utf-8") as f:
            table = json.load(f)
    except (ImportError, OSError, ValueError):
        return frozenset()
    from bot.reading.vocabulary import vocabulary_words
    return frozenset(fold(w) for pair in table.items() for w in pair) | vocabulary_words()


_NOT_VERBS = {"eller", "efter", "under", "over", "per", "mer", "fler", "nar", "hur"}


def begins_with_a_name(text: str, also_known: frozenset[str] = frozenset()) -> bool:
    """`also_known`: words the caller knows besides Swedish's (the bank's own words, as
    "dagligen" in an option)."""
    m = _FIRST_WORD.match(text or "")
    if m is None:
        return False
    verb = fold(m.group(2))
    if verb in _NOT_VERBS or not (verb.endswith("r") or verb in _PAST_VERBS):
        return False  # "Timanställd på Coop", "Dagligen eller …": no one does anything
    words = known_words()
    first = fold(m.group(1))
    return bool(words) and first not in words and first not in also_known
