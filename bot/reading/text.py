"""One clause model for every reading of a message: answers, facts, corrections and
safety all ask "is this said in the same clause, and negated before it?" the same way.

Text is compared folded: lower case, no diacritics, words only ("Försörjningsstöd!" ->
"forsorjningsstod"), and then normalised through the case workers' vocabulary
(bot/reading/vocabulary.py: "AF" -> "arbetsformedlingen"), so a phrase in the bank and a
typed message meet in the same form. Matching is on whole words, never on substrings:
"fredag" does not contain the word "dag".
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_FOLD = str.maketrans("åäöéüàèáí", "aaoeuaeai")


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case, no diacritics, words only: how answers are compared."""
    text = (text or "").lower().translate(_FOLD)
    return " ".join(re.findall(r"[a-z0-9]+", text))


# The words that negate what follows them in their clause, for every reading.
NEGATION_WORDS = ("inte", "inga", "ingen", "inget", "aldrig", "ej", "icke", "varken")
# "saknar" and "utan" negate a stated fact ("saknar arbete", "utan jobb").
FACT_NEGATIONS = (*NEGATION_WORDS, "saknar", "utan")
# Words that make an exception ("inga skulder förutom CSN", "aldrig utom på nyår"), folded.
EXCEPT_WORDS = ("forutom", "utom", "bortsett", "utover", "forutan")


# "fast" joins a clause as "although" ("nej, fast hon …"), but not as a particle or an
# adjective: "åkte fast för rattfylla", "sitter fast i skulder", "håller fast vid", "fast
# anställd", "har fast jobb", "utan fast bostad". Folded text; each word before is a fixed
# width for the look-behind, and the nouns after are the indefinite forms (the definite
# takes -a: "det fasta jobbet"), so "fast jobbet är tråkigt" still splits.
_FAST_AFTER = ("akte", "akt", "aker", "aka", "sitter", "satt", "sitta", "suttit", "haller",
               "holl", "halla", "hallit", "kort", "korde", "kor", "blev", "blivit", "fastnat")
_FAST_BEFORE = ("anstalld", "anstallda", "anstallning", "jobb", "tjanst", "bostad", "boende",
                "sysselsattning", "forbindelse", "inkomst", "kontakt", "adress", "arbete",
                "lon", "tid", "vid", "heltidstjanst", "hyra", "punkt", "mark", "kontrakt")
# The look-ahead first, so that the look-behinds are tried only where "fast" stands.
CONJUNCTION_FAST = (r"(?=fast\b)" + "".join(rf"(?<!\b{w} )" for w in _FAST_AFTER)
                    + rf"fast(?!\s+(?:{'|'.join(_FAST_BEFORE)})(?![a-z0-9]))")


def words_pattern(words) -> re.Pattern[str]:
    """Any of `words` as a whole word in folded text."""
    return re.compile(rf"(?<![a-z0-9])({'|'.join(words)})(?![a-z0-9])")


@functools.lru_cache(maxsize=16384)
def whole_word(phrase: str) -> re.Pattern[str]:
    """`phrase` (folded) as whole words in folded text: "dag" not inside "fredag". Compiled
    once per phrase, since the bank's phrases are read against every message."""
    return re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])")


NEGATION = words_pattern(FACT_NEGATIONS)
# Words that put a state in the past ("hade", "förut", "slutat"): not today's answer.
PAST_WORDS = ("hade", "haft", "tidigare", "forut", "forr", "innan", "slutat", "slutade",
              "langre")
_ANSWER_NEGATION = words_pattern(NEGATION_WORDS)

# A new clause starts at punctuation, at "men/fast/samt/dessutom/eftersom/medan", and at
# "och" when a new statement follows ("har skulder och bor i andrahand"), not when it
# joins two things ("fredagar och lördagar", "en son och en dotter").
_SUBJECTS = r"han|hon|hen|de|dom|vi|jag|klienten|det|barnen|hennes|hans|sambon|mannen|kvinnan"
_VERBS = (r"har|hade|ar|var|bor|bodde|far|fick|gar|jobbar|arbetar|dricker|drack|roker|tar|"
          r"saknar|soker|sokte|vill|kan|ska|blev|kanner|mar|lever|behover|brukar|umgas|"
          r"studerar|pluggar|laser|kom|raknar|tycker|tror|sager|sa|riskerar|hotas|verkar|"
          r"ligger|anvander|knarkar|missbrukar|heter|fyller|lider|vantar|sitter|"
          # a second predicate sharing "har": "har varit arbetslös i tre år och haft bistånd"
          r"haft|varit|fatt|bott|jobbat|arbetat|druckit|tagit|sokt")
# A decimal comma or point before a unit ("1,5 år", "2.5 glas") is part of the number.
_DECIMAL = r"(?<=\d)[.,]\d+\s*(?:ar|manad\w*|man|mnd|veck\w*|dag\w*|glas|cl|liter|timm\w*|kr|kronor)\b"
_CLAUSE_SPLIT = re.compile(
    rf"(?!{_DECIMAL})\s*[,;.!?:()]+\s*|\s+(?:men|{CONJUNCTION_FAST}|samt|dessutom|eftersom|medan|plus)\s+"
    rf"|\s+och\s+(?=(?:{_SUBJECTS}|{_VERBS})\b)"
)
_CLAUSE_END = words_pattern(("men", "och", CONJUNCTION_FAST, "samt", "dessutom", "eftersom", "medan"))
# A negation does not reach into a clause of its own with a subject: "hon har inte varit
# nykter en dag sedan hon började dricka igen" does not deny that she began again, "ingen
# vet hur hon ska klara sig när sjukpenningen tar slut" that it ends.
_SUBORDINATE = re.compile(r"(?<![a-z0-9])(?:(?:sedan|efter att)\s+(?=(?:han|hon|hen|de|dom|jag|vi|"
                          r"klienten|barnen)\s)|nar\s+)")


@dataclass(frozen=True)
class Clause:
    raw: str  # as typed, for quantities and for quoting
    said: str  # folded and normalised
    # The word that joined it to the clause before ("men", "och"), else the punctuation
    # ("," or "."; "" first): a clause keeps knowing it follows "men" when it is read apart
    # from the rest ("har körkort men det är indraget", a volunteered fact beside another
    # answer), and whether it goes on the sentence before it.
    joined_by: str = ""

    def find(self, phrase) -> int:
        """Where a compiled phrase (bot/reading/phrases.py) starts, or -1."""
        return phrase.find(self.said)

    def negated_at(self, at: int) -> bool:
        return negated_before(self.said, at)


def _split_joined(text: str) -> list[tuple[str, str]]:
    """The clauses of a message as typed, each with the word that split it from the one
    before ("" at punctuation). Folding first would lose the punctuation, so the split is
    on the raw text with a folded look-ahead."""
    folded_view = (text or "").lower().translate(_FOLD)
    parts, last, joiner = [], 0, ""
    for m in _CLAUSE_SPLIT.finditer(folded_view):
        parts.append((text[last:m.start()], joiner))
        marks = _PUNCTUATION.findall(m.group())
        joiner = marks[-1][-1] if marks else m.group().split()[0]
        last = m.end()
    parts.append((text[last:], joiner))
    parts = [(p.strip(), j) for p, j in parts if p and p.strip() and fold(p)]
    return _appositions_joined(parts)


_POSSESSIVES = frozenset(("hennes", "hans", "sin", "sina", "min", "mina", "deras", "klientens"))
_AGE_APPOSITION = re.compile(r"\d{1,2}(?:\s*(?:år|ar))?")


def _appositions_joined(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """ "Det är sonen, 19, som röker på": an age set off by commas after a person is part
    of the clause it stands in, not a clause of its own (split, "som röker på" had no
    subject and was read as the client's)."""
    if len(parts) < 3:
        return parts
    from bot.reading.vocabulary import folded_group
    people = folded_group("relative", "kin")
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(parts):
        if i + 2 < len(parts) and parts[i + 1][1] == "," and parts[i + 2][1] == "," and \
                _AGE_APPOSITION.fullmatch(parts[i + 1][0]) and \
                len(words := fold(parts[i][0]).split()) >= 2 and words[-1] in people and \
                (words[-1].endswith(("en", "an", "on", "rn")) or words[-2] in _POSSESSIVES):
            # (a person named as someone's, or in the definite: "Man, 44, nyanländ" and
            # "Ung mamma, 23, …" state the client's sex and age, each a clause of its own)
            out.append((f"{parts[i][0]}, {parts[i + 1][0]}, {parts[i + 2][0]}", parts[i][1]))
            i += 3
            continue
        out.append(parts[i])
        i += 1
    return out


def continued(parts: list[Clause], at: int) -> Clause:
    """The clause at `at` with the clauses after it that a comma joins to it, up to the next
    joining word or sentence: "fast hennes enda barn, dottern på 16, bor hos henne
    varannan vecka" is one statement."""
    end = at + 1
    while end < len(parts) and parts[end].joined_by == ",":
        end += 1
    if end == at + 1:
        return parts[at]
    chosen = parts[at:end]
    return Clause(", ".join(c.raw for c in chosen), " ".join(c.said for c in chosen),
                  parts[at].joined_by)


def split_raw(text: str) -> list[str]:
    """The clauses of a message as typed."""
    return [raw for raw, _ in _split_joined(text)]


_LEADING = re.compile(rf"^(?:(?:och|men|{CONJUNCTION_FAST}|samt|sa|plus|dessutom|eller)\s+)+")


def clauses(text: str) -> list[Clause]:
    """A clause keeps no joining word in front ("…, och nu har hon ingen inkomst"), but
    knows which it was (the last: "och men" is joined by "men")."""
    from bot.reading.vocabulary import normalise
    out = []
    for raw, joiner in _split_joined(text):
        folded = normalise(fold(raw))
        leading = _LEADING.match(folded)
        said = folded[leading.end():] if leading else folded
        if leading:
            joiner = leading.group().split()[-1]
        if said:
            out.append(Clause(raw, said, joiner))
    return out


def clause_before(said: str, at: int) -> str:
    """The folded text of the clause up to position `at`."""
    before = said[:at]
    ends = [m.end() for m in _CLAUSE_END.finditer(before)] + \
        [m.end() for m in _SUBORDINATE.finditer(before)]
    return before[max(ends) if ends else 0:]


_PUNCTUATION = re.compile(r"[,;.!?:()]+")


def punctuation_starts(raw: str) -> list[int]:
    """Where, in fold(raw), a clause begins after punctuation: folding drops the commas
    that end a clause ("inte arbetslös längre, fick jobb")."""
    return [len(fold(raw[:m.end()])) for m in _PUNCTUATION.finditer(raw or "")]


def negated_before(said: str, at: int, *, facts: bool = True) -> bool:
    """A negation earlier in the same clause than position `at` of folded text."""
    return bool((NEGATION if facts else _ANSWER_NEGATION).search(clause_before(said, at)))


# Right after a verb ("skulderna växer inte"), or after the inverted verb and subject that
# follow a fronted object ("inskriven på af är hon inte", "skulder har hon inga").
_AFTER_NEGATION = re.compile(r"^\s+(?:(?:ar|har|gor|kan|vill|var|hade|far|tar|anvander)\s+"
                             r"(?:hon|han|hen|de|dom|klienten)\s+)?(inte|ej|aldrig|icke|inga|"
                             r"ingen|inget)(?![a-z0-9])")


def negated_after(said: str, end: int) -> bool:
    """A negation right after a verb that ends at `end` ("han jobbar inte", "studerar
    inte"): Swedish puts it after the finite verb."""
    return bool(_AFTER_NEGATION.match(said[end:]))


def negated_around(said: str, start: int, end: int) -> bool:
    """A statement found at said[start:end] is denied: a negation before it in its clause
    ("har inte några skulder"), inside it ("har inga barn" read by "har ... barn") or right
    after its verb ("skulderna växer inte")."""
    return (negated_before(said, start) or bool(NEGATION.search(said[start:end]))
            or negated_after(said, end))
