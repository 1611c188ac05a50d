"""Children's number and ages as case workers write them. Pure.

Strict on purpose, since the ages decide which support fits the child: "tvillingarna är
6" is two children of 6 only when nothing else is said, "yngsta är 2, äldsta 14" leaves
the ones between unsaid, "snart 5" is 4 today, "7 år och 3 månader" is one age, and "en
bebis på 8 månader" is 0. Anything this cannot read whole gives None, and the question
is asked again.
"""
from __future__ import annotations

import functools
import math
import re

from bot.reading.numbers import HEDGES, Number, numbers, to_number, tokens
from bot.reading.numbers import fold as fold_word

_MONTHS = {"manad", "manader", "manaderna", "man", "mån"}
_UNSAID_BETWEEN = {"yngsta", "aldsta", "mellersta", "aldst", "yngst", "storsta", "minsta"}
TWINS = {"tvillingar", "tvillingarna", "tvillingarnas", "tvillingpar"}
_ALMOST = {"snart", "nastan"}
# Ages not said exactly: a hedge ("typ", "ungefär", "tror") or "osäker".
_HEDGED = (HEDGES - {"drygt", "knappt", "ganska", "iallafall"}) | {"osaker", "osakert"}
_TURNS = {"fyller", "fyllde"}
# A count said with what is counted, or alone.
# A partner's or a placed child, who counts in the household as the client's own do.
_STEP_CHILDREN = {"bonusbarn", "bonusbarnet", "bonusdotter", "bonusdottrar", "bonusson",
                  "bonussoner", "styvbarn", "styvdotter", "styvdottrar", "styvson",
                  "styvsoner", "fosterbarn", "fosterdotter", "fosterson", "plastbarn",
                  "bonus", "bonusar", "styv",  # "två egna och en bonus": said short
                  "bonusdottern", "bonussonen", "bonusbarnen", "styvdottern", "styvsonen",
                  "styvbarnen", "fosterbarnet", "fosterbarnen", "fosterdottern", "fostersonen"}
_COUNTED = {"barn", "barnen", "st", "stycken", "styck", "egna", "son", "soner", "dotter",
            "dottrar", "pojke", "pojkar", "flicka", "flickor", "tjejer", "killar",
            "ungar", "kids", "sma", *_STEP_CHILDREN}


# Words between a count and the children that keep them the household's children;
# "två vuxna barn" or "tre utflyttade barn" are not, and are not read.
_OF_THE_HOUSEHOLD = {"gemensamma", "egna", "sma", "minderariga", "hemmavarande", "yngre",
                     "biologiska"}


_GROWN_UP = {"vuxna", "utflyttade", "myndiga", "utflugna"}
# Words that set one count against another: "tre, men bara två bor hemma".
_LIMITS = {"men", "bara", "hemma", "bor", "fast", "endast"}
_ONLY_CHILD = {("enda", "barn"), ("enda", "barnet"), ("endabarn",)}


def _pairs(toks) -> set[tuple[str, ...]]:
    return {(a.fold, b.fold) for a, b in zip(toks, toks[1:], strict=False)} | \
        {(t.fold,) for t in toks}


def _after(text: str, n: Number, k: int = 1) -> list[str]:
    toks = tokens(text)
    return [t.fold for t in toks[n.last:n.last + k]]


def _before(text: str, n: Number, k: int = 1) -> list[str]:
    toks = tokens(text)
    return [t.fold for t in toks[max(0, n.first - k):n.first]]


_CHILD_WORDS = {"minstingen", "lillebror", "lillasyster", "storebror", "storasyster",
                "bebisen", "babyn"}


@functools.cache
def child_words() -> frozenset[str]:
    """The words that name a child (data/vocabulary.yml's group and a few more), folded."""
    from bot.reading.vocabulary import group
    return frozenset(fold_word(w) for w in group("child")) | _CHILD_WORDS


def _names_a_child(text: str, first: int, last: int) -> bool:
    """A child named between two numbers (tokens [first, last)): a new child's age."""
    return any(t.fold in child_words() or t.fold in TWINS for t in tokens(text)[first:last])


# "en treåring", "en 3-åring", "tvååringen": an age said as a noun.
_YEAR_OLD = re.compile(r"(?<![\w-])(\d{1,2}|[^\W\d]+?)-?(åring|aring|årig|arig)(?:ar|en|arna)?(?![\w-])",
                       re.IGNORECASE)
# One child named with no age after the ages ("3 och 7, och en bebis"): a child whose age
# is not said.
_ONE_CHILD = {"bebis", "bebisen", "baby", "babyn", "son", "sonen", "dotter", "dottern", "pojke",
              "pojken", "flicka", "flickan", "minstingen", "lillebror", "lillasyster", "nyfodd",
              "spadbarn", "tjej", "kille"}


def _year_olds(text: str) -> str:
    """ "en treåring och en sjuåring" as "3 år och 7 år": read like any other age."""
    def age(m: re.Match) -> str:
        word = m.group(1)
        value = int(word) if word.isdigit() else to_number(word)
        return f"{value:g} år" if value is not None else m.group(0)
    return _YEAR_OLD.sub(age, text)


def read_ages(text: str, low: float = 0, high: float = 17, count: int | None = None
              ) -> list[int] | None:
    """The children's ages. `count`, the number of children stored, lets "yngsta är 2 och
    äldsta 14" be read when there are two: then nobody is left between them."""
    text = _year_olds(text or "")
    toks = tokens(text)
    words = {t.fold for t in toks}
    if words & _UNSAID_BETWEEN:
        if count != 2 or not words & {"yngsta", "yngst", "minsta"} or \
                not words & {"aldsta", "aldst", "storsta"} or words & {"mellersta"}:
            return None
        ages = read_ages(" ".join(t.text for t in toks if t.fold not in _UNSAID_BETWEEN),
                         low, high)
        return ages if ages is not None and len(ages) == 2 else None
    found_all = numbers(text)
    last = max((n.last for n in found_all if not n.article), default=0)
    if any(t.fold in _ONE_CHILD and k >= last and not any(n.first > k for n in found_all)
           for k, t in enumerate(toks)):
        return None  # "3 och 7, och en bebis": the baby's age is not said
    if words & TWINS:
        # "tvillingarna är 6": two children of one age, when nothing else is said.
        found = [n for n in numbers(text) if not n.vague]
        toks = tokens(text)
        number_words = {t.fold for n in found for t in toks[n.first:n.last]}  # "på fem"
        said = {w for w in words if w.isalpha()} - TWINS - number_words - {
            "ar", "pa", "som", "ja", "de"}
        if said or len(found) != 1 or found[0].exact is None or \
                not low <= found[0].exact <= high:
            return None
        return [math.floor(found[0].exact)] * 2
    if words & _HEDGED:
        return None  # "sju och nio typ, hon var osäker": not exact, and the ages decide
    ages: list[int] = []
    found = [n for n in numbers(text) if not n.vague]
    for i, n in enumerate(found):
        if n.exact is None:
            return None  # "3-4 år": a range is no age
        after = _after(text, n)
        before = _before(text, n)
        if (after and after[0] in _COUNTED) or text[n.end:].lstrip().startswith(":"):
            continue  # "två barn, 3 och 5", "Fatumas två: …": the count, not an age
        if before and before[0] in _TURNS:
            another = i > 0 and _names_a_child(text, found[i - 1].last, n.first)
            if ages and not another and n.exact == ages[-1] + 1:
                continue  # "hon är 16, fyller 17 i vår": the age is 16
            if before[0] == "fyllde" and another:
                ages.append(math.floor(n.exact))  # "och minstingen fyllde ett i somras"
                continue
            return None
        if after and after[0] in _MONTHS:
            before_age = next((m for m in reversed(found[:i]) if not m.article), None)
            if ages and before_age is not None and before_age.last >= n.first - 3 and \
                    not _names_a_child(text, before_age.last, n.first):
                continue  # "7 år och 3 månader": part of the age before
            ages.append(0)
            continue
        if n.article and not (after and after[0] in ("ar", "aring", "arig")):
            continue  # "en pojke", "ett barn": an article, not an age
        value = n.exact - 1 if before and before[0] in _ALMOST else n.exact
        ages.append(math.floor(value))
    if not ages or any(not low <= a <= high for a in ages):
        return None
    return ages


# "bor hemma", "bor hos henne", "bor med honom", "bor kvar hos klienten": in the household.
_HOME = (("hemma",), ("kvar", "hemma"), ("hos", "henne"), ("hos", "honom"), ("hos", "hen"),
         ("hos", "klienten"), ("med", "henne"), ("med", "honom"), ("kvar", "hos", "henne"),
         ("kvar", "hos", "honom"), ("i", "hushallet"))
# "bor hos pappan", "bor i familjehem", "bor annanstans": elsewhere. "hos sin mamma" or
# "hos mamma" may be the client's home or the other parent's: not read.
_ELSEWHERE_FIRST = {"hos", "annanstans", "pa", "i"}
_WHOSE_PARENT = {"sin", "sina", "mamma", "pappa", "mor", "far"}
_PART_TIME = {"varannan", "vaxelvis", "ibland", "halva", "helger", "helgerna", "delvis",
              "vaxelvist", "umgange", "umgas"}
_PART_BEFORE = {"varav", "men", "bara", "endast", "fast", "och", ",", "stycken", "st", "barn"}
UNCLEAR = object()
# Words before the total: "ja, hon har tre barn men …".
_LEAD_IN = {"ja", "jo", "japp", ",", "hon", "han", "hen", "klienten", "har", "de", "totalt",
            "sammanlagt", "hushallet"}


# A child who lives elsewhere, has moved out or is grown up ("bor hos sin mamma", "har
# flyttat hemifrån", "vuxna barn"), in folded text.
# "bor hos" anyone but the client ("hos farmor", "hos sin pappa"; not "hos henne", nor
# "hos båda" of a child living with both parents by turns).
ELSEWHERE = re.compile(r"(?<![a-z0-9])(bor inte|bor (?:mest |mestadels |oftast |for det mesta )?"
                       r"hos (?!(?:henne|honom|hen|klienten|dem|oss|"
                       r"mig|bada|varannan|dom)(?![a-z0-9]))[a-z]+|vuxna|vuxen|vuxet|"
                       r"utflyttad|utflyttade|"
                       r"(har|hade) flyttat(?: (?:hemifran|ut|till))?|flyttade (hemifran|ut)|"
                       r"flyttat hemifran|bor for sig sjalv|bor pa (annat|eget) hall|"
                       r"har eget boende|har egen lagenhet|sitter (?:i fangelse|inne|pa anstalt)|"
                       r"ar placerad|ar placerade|placerad i|placerade i|familjehem\w*|"
                       r"pa hvb|pa ett hvb|pa institution)(?![a-z0-9])")


def household_part(text: str, low: float = 1, high: float = 15):
    """ "tre, men bara två bor hemma" (2), "fyra, varav två bor hos pappan" (2): a total,
    then how many of them live at home or elsewhere, said with "bor". None when no part is
    said; UNCLEAR when one is said that this does not read whole ("tre, men en bor hemma
    och en hos pappan", "varav två bor hos pappan varannan vecka", "en bor hos sin
    mamma"): then the count is asked again, never taken as the total."""
    # Pure table look-ups on a few tokens: called on every message that counts children.
    toks = tokens(text)
    folds = [t.fold for t in toks]
    found = [n for n in numbers(text) if not n.vague and n.exact is not None]

    def lives(n) -> int | None:  # the index of "bor" right after a count: "två (av dem) bor"
        j = n.last + (2 if folds[n.last:n.last + 2] == ["av", "dem"] else 0)
        return j if folds[j:j + 1] == ["bor"] else None

    # A part is set against the total ("varav två", "men bara två", ", två"): "två barn, 9
    # och 14, bor hos honom" says ages, not a part.
    parts = [n for n in found[1:] if lives(n) is not None and n.first > 0
             and folds[n.first - 1] in _PART_BEFORE - {"och", "barn", "stycken", "st"}]
    if not parts:
        return None
    total, part = found[0], parts[0]
    if len(found) != 2 or len(parts) != 1 or total.article or \
            not set(folds[:total.first]) <= _LEAD_IN or \
            set(folds) & _PART_TIME or folds.count("bor") != 1 or \
            not set(folds[total.last:part.first]) <= _PART_BEFORE | {"av", "dem"} or \
            part.exact >= total.exact:
        return UNCLEAR
    place = tuple(folds[lives(part) + 1:])
    if any(place[:len(h)] == h and len(place) <= len(h) + 1 for h in _HOME):
        value = part.exact  # "men bara två bor hemma"
    elif place[:1] and place[0] in _ELSEWHERE_FIRST and not set(place) & (
            _WHOSE_PARENT | {"hemma"}):
        value = total.exact - part.exact  # "varav två bor hos pappan"
    else:
        return UNCLEAR
    return int(value) if low <= value <= high else UNCLEAR


def _another_child_besides(toks, counts) -> bool:
    """A child named after the only count with no number of its own: someone else's
    ("två barn och sambons dotter") or beside the client's own ("två egna plus en
    dotter som …" is counted above, with its article)."""
    if len(counts) != 1:
        return False
    from bot.reading.vocabulary import others_genitive
    lead, word = counts[0]
    later = [t.fold for t in toks[lead.last:]]
    children = child_words() | _STEP_CHILDREN
    whose = others_genitive()
    return any(a in whose and b in children for a, b in zip(later, later[1:], strict=False)) or (
        word == "egna" and any(w in children for w in later[1:]))


def read_count(text: str, low: float = 1, high: float = 15) -> int | None:
    """ "tre", "3 st", "tre barn", "två, en pojke och en flicka", "tre egna och ett
    bonusbarn" (4), "tre men bara två bor hemma" (2). A vague count ("ett par", "några")
    or a count of someone else's is asked again."""
    toks = tokens(text)
    words = {t.fold for t in toks}
    part = household_part(text, low, high)
    if part is not None:
        return None if part is UNCLEAR else part
    if ELSEWHERE.search(" ".join(t.fold for t in toks)) and not words & _PART_TIME:
        # "tre, men den äldsta har flyttat hemifrån": how many live at home is not said
        # (one at the other parent's every other week still lives here half the time)
        return None
    if words & {"varav", "utom", "forutom"}:
        return None  # "fyra, varav två bor …" not read above: which count is meant is unclear
    found = [n for n in numbers(text)]
    if any(n.vague for n in found):
        return None
    counts, ages = [], []
    for n in found:
        after = _after(text, n)
        if n.exact is None:
            return None
        if after and after[0] in ("ar", "aring", "arig", "manader"):
            if n.exact >= 18:
                return None  # "en son på 18": grown up, not a child at home
            continue  # an age, not a count
        before = _before(text, n)
        if not n.article and (before and before[0] in child_words() | TWINS or before in (
                ["pa"], ["ar"]) and _names_a_child(text, max(0, n.first - 4), n.first)):
            if n.exact >= 18:
                return None
            ages.append(n)  # "en son på 10", "dottern som är 12": an age
            continue
        if after and after[0] in _GROWN_UP:
            return None  # "två vuxna barn": not children in the household
        two = _after(text, n, 2)
        if len(two) == 2 and two[0] in _OF_THE_HOUSEHOLD and two[1] in _COUNTED:
            after = two[1:]  # "tre gemensamma barn", "två små barn": counted all the same
        if n.article and not (after and after[0] in _COUNTED) and len(toks) > 2:
            continue  # "en pojke och en flicka" counts two articles, read below
        counts.append((n, after[0] if after else ""))
    if not counts:
        # "tvillingar", "ja, tvillingar (på fem)": two, when nothing else is said of them.
        said = {w for w in words if w.isalnum()} - {fold_word(t.text) for n in ages
                                                      for t in toks[n.first:n.last]}
        if said & TWINS and not said - TWINS - {"ja", "jo", "japp", "pa", "som", "ar"}:
            return 2 if low <= 2 <= high else None
        if _ONLY_CHILD & _pairs(toks) and all(n in ages for n in found):
            return 1 if low <= 1 <= high else None  # "hennes enda barn, sonen 16"
        return None
    if _another_child_besides(toks, counts):
        return None  # "två egna plus sambons dotter som bor där": three, or two?
    if len([n for n, _ in counts if not n.article]) > 1 and words & _LIMITS:
        return None  # "tre stycken men bara två bor hemma": which count is the household's?
    if words & TWINS and any(n.article for n, _ in counts):
        return None  # "tvillingar på 5 och en son på 8": three, not the son alone
    if len(counts) > 1 and counts[0][1] in ("barn", "barnen") and all(
            n.article and word in _COUNTED - {"barn", "barnen", "egna"} - _STEP_CHILDREN
            for n, word in counts[1:]) and counts[0][0].exact == len(counts) - 1:
        # "ett barn, en son på 10", "två barn, en pojke och en flicka": the children named
        # one by one are the count said first.
        return int(counts[0][0].exact) if low <= counts[0][0].exact <= high else None
    kinds = ["bonusbarn" if word in _STEP_CHILDREN else word for _, word in counts]
    if len(counts) == 2 and set(kinds) <= {"egna", "bonusbarn", "barn"} and kinds[0] != kinds[1]:
        total = int(counts[0][0].exact + counts[1][0].exact)  # "tre egna och ett bonusbarn"
        return total if low <= total <= high else None
    listed = [n for n in found if n is not counts[0][0] and not n.article
              and n not in ages]  # ages too, unless said as a child's ("på 10")
    if listed and counts[0][1] not in _COUNTED and counts[0][0].exact != len(listed):
        # "två, 3 och 7" is a count and as many ages; "5, 5 och 9" lists ages, no count
        # ("två barn, 4 och 9" says what it counts).
        return None
    lead = counts[0][0]
    if lead.first == 0 and not lead.article:
        return int(lead.exact) if low <= lead.exact <= high else None  # "två, en pojke …"
    if len(counts) == 1 and (counts[0][1] in _COUNTED or len(toks) <= 2):
        value = counts[0][0].exact
        return int(value) if low <= value <= high else None
    return None
