"""Several facts in one message: "Han är arbetslös sedan två år, har skulder hos
Kronofogden och bor i andrahand" speaks to four questions at once. Pure; never guesses.

Each question may list phrases that state its answer (`statements` in the bank, in the
phrase syntax of bot/reading/phrases.py, so a phrase can require a subject and a
predicate). A message is cut into clauses (bot/reading/text.py); in each clause the most
specific phrase wins, and a negation before a "yes" phrase turns it into "no" ("har inte
några skulder"). A question that gets two different values from one message gets none:
the bot asks it later instead. These are readings, not answers: the caller shows them for
confirmation before they count (bot/assessment/turn.py).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.assessment.answer_types import answer_type, describe
from bot.assessment.attribution import area_words, scale_kind
from bot.assessment.question_bank import Module, Question, module_of, per_object
from bot.assessment.question_bank import by_id as questions_of
from bot.local_time import today
from bot.reading.children import ELSEWHERE, child_words, read_count
from bot.reading.drinks import read_glasses
from bot.reading.numbers import number_pattern, to_number
from bot.reading.phrases import PhraseIndex, PhraseSet, compile_phrase
from bot.reading.scale import (
    denial_limited_in_time,
    past_year_scale,
    place_answer,
    place_frequency,
    place_past_year,
    place_range,
)
from bot.reading.text import NEGATION, Clause, clauses, fold, negated_around, words_pattern
from bot.reading.time import WHEN_CLAUSE, read_months_ago
from bot.reading.vocabulary import group


@dataclass(frozen=True)
class Fact:
    question_id: str
    value: Any
    label: str
    phrase: str  # the clause as typed
    negated: bool = False  # read as "no" because of a negation, not an explicit phrase


@per_object
def _any_statement(question: Question) -> PhraseSet | None:
    """All of a question's statements as one set: most clauses state nothing about most
    questions, and one search says so."""
    sources = question.statement_sources
    return PhraseSet(sources) if sources else None


@per_object
def _module_statements(module: Module) -> PhraseIndex:
    """A module's statements under their questions' ids: a clause's words are looked up
    once per module, not once per question (most questions' phrases are not in it)."""
    return PhraseIndex({q.id: q.statement_sources for q in module.questions
                        if q.statement_sources})


def _by_words_alone(question: Question) -> bool:
    """A number read from its unit alone ("3 barn"), with no phrase to look for."""
    return question.type == "number" and bool(question.quantity_unit) and not question.patterns


def read_fact(question: Question, clause: Clause) -> tuple[Any, bool] | None:
    """What this clause states about the question, with whether a negation decided it."""
    if _by_words_alone(question):
        return answer_type(question).statement(question, clause)  # "3 barn": no phrase
    anything = _any_statement(question)
    if anything is None or not anything.search(clause.said):
        return None
    return answer_type(question).statement(question, clause)


# Another person named first: "hennes man …", "sonen …" (word groups in data/vocabulary.yml).
_OTHERS = (compile_phrase("@possessive @kin|@others"),
           compile_phrase("@possessive @kin_adjective @kin|@others"), compile_phrase("@others"))


# "det är frun som dricker": the cleft puts the subject after "det är", before "som".
_CLEFT = re.compile(r"^det (?:ar|var) (?=(?:[a-z0-9]+ ){1,3}som )")  # "sonen 19 år som"


def someone_else_first(clause: Clause) -> bool:
    """The clause's subject is another person ("hennes man har skulder", "sonen knarkar",
    "det är frun som tar ett glas"): what it states is theirs, not the client's."""
    first = _CLEFT.sub("", clause.said)
    return len(first.split()) >= 2 and any(p.find(first) == 0 for p in _OTHERS)


_HOUSEHOLD = (compile_phrase("@possessive @partner|@child"), compile_phrase("@partner|@child"))


# The client or her children named in the clause ("sin kille" is a boyfriend, not a child).
_CLIENT_OR_CHILD = (compile_phrase("henne|honom|hen|klienten|barn|barnen|barnet|sonen|dottern"),
                    compile_phrase("hennes|hans|klientens @child"))


def someone_outside_the_household_first(clause: Clause) -> bool:
    """The clause's subject is another person, neither the partner nor a child, and it
    names neither the client nor a child ("hennes bror blir slagen av sin fru"): another
    household's matter. "exmannen slog henne" is the client's."""
    return someone_else_first(clause) and \
        not any(p.find(clause.said) == 0 for p in _HOUSEHOLD) and \
        all(p.find(" ".join(clause.said.split()[1:])) < 0 for p in _CLIENT_OR_CHILD)


def extract_facts(modules: tuple[Module, ...], text: str | list[Clause]) -> list[Fact]:
    """Every fact the message states, at most one per question, in the bank's order."""
    parts = clauses(text or "") if isinstance(text, str) else text
    # Per question, the values read, kept apart by whether a negation decided them.
    values: dict[str, dict[bool, set]] = {}
    first: dict[tuple[str, bool], tuple[Any, bool, str]] = {}
    for clause in parts:
        theirs = someone_else_first(clause)
        for module in modules:
            stated = _module_statements(module).labels(clause.said)
            for question in module.questions:
                if theirs and (question.about_client or question.of_household and
                               someone_outside_the_household_first(clause)):
                    continue  # "hennes man har skulder hos kronofogden": not the client's
                if question.id not in stated and not _by_words_alone(question):
                    continue  # read_fact would find none of its statements
                found = answer_type(question).statement(question, clause)
                if found is None:
                    continue
                values.setdefault(question.id, {}).setdefault(found[1], set()).add(
                    repr(found[0]))
                first.setdefault((question.id, found[1]), (*found, clause.raw))
    facts = []
    for module in modules:
        for question in module.questions:
            read = values.get(question.id)
            # A statement outweighs a negated one: "skulder hos kronofogden, inga
            # hyresskulder än" says there are debts; only its own kind is denied. Those
            # of one kind must agree.
            kind = False if read and False in read else True
            if read and len(read[kind]) == 1:
                value, negated, phrase = first[(question.id, kind)]
                facts.append(Fact(question.id, value, describe(question, value, modules), phrase,
                                  negated))
    return facts


# --- Facts read by a question's own answer reader, where a clause names its subject -----

_NEGATED_PHRASE = words_pattern(("inte", "inga", "ingen", "inget", "aldrig", "ej", "saknar",
                                 "utan"))


def _named_option(question: Question, clause: Clause) -> Any | None:
    """An option of a choice question named in a clause about it ("Eget kontrakt.",
    "Försörjningsstöd elva av de senaste tolv månaderna"): only specific phrases (five
    letters or more, no negation of their own), never negated or not-today in the clause,
    and exactly one option."""
    from bot.assessment.understanding import _not_today
    from bot.reading.vocabulary import normalise
    found, gone = set(), set()
    for option in question.options:
        for source in (option.label, *option.synonyms, *option.statements):
            said_phrase = normalise(fold(source))
            if len(said_phrase) < 5 or _NEGATED_PHRASE.search(said_phrase):
                continue
            span = compile_phrase(source).span(clause.said)
            if span and _not_today(clause.said, *span):
                gone.add(repr(option.value))  # "FK har dragit in sjukpenningen": ended
            elif span and not negated_around(clause.said, *span):
                found.add(repr(option.value))
                value = option.value
    found -= gone
    return value if len(found) == 1 else None


_MONTHS_SAID = re.compile(r"(?<![a-z0-9])(manad\w*|av de senaste|av 12|av tolv)(?![a-z0-9])")


def _only_item_named(modules, by_id, question: Question, named_ids, clause: Clause) -> bool:
    """The clause is about this instrument item alone, and about the instrument's own
    substance: "varje vecka missar han nåt" said of drinking is no DUDIT answer."""
    scale = scale_kind
    # Siblings on another kind of scale do not compete: "3-4 ggr i veckan, oftast två glas"
    # is a frequency for item 1 and glasses for item 2.
    siblings = {q for q in named_ids if by_id[q].module == question.module
                and by_id[q].type == "choice" and scale(by_id[q]) == scale(question)}
    if siblings != {question.id}:
        return False
    substance = area_words(module_of(modules, question))
    return substance is not None and substance.search(clause.said)


@per_object  # asked of every question in every message
def _glasses_item(question: Question) -> bool:
    """AUDIT item 2: standard glasses on a typical day."""
    return question.type == "choice" and any(o.count for o in question.options) and \
        any("glas" in o.label for o in question.options)


def _past_year_item(question: Question) -> bool:
    return past_year_scale(question.options) is not None and \
        all(o.key is None for o in question.options)




def _substance_of(modules, question: Question, parts: list[Clause]) -> bool | None:
    """True: the clauses speak of this instrument's substance and no other's; False: of
    another's only, or of both; None: of none."""
    own = module_of(modules, question)
    # Another substance denied ("inga droger") is not spoken of: the worry is not its.
    said = [m for m in modules if any(_past_year_item(q) for q in m.questions)
            and (words := area_words(m)) is not None
            and any(words.search(c.said) and (m is own or not NEGATION.search(c.said))
                    for c in parts)]
    if not said:
        return None
    return said == [own]


def _only_a_time(clause: Clause) -> bool:
    """ "i höstas", "senast igår": a clause that is a time and nothing else."""
    rest = clause.raw
    for ago in read_months_ago(clause.raw, today()):
        rest = rest.replace(ago.text, " ")
    return rest != clause.raw and not set(fold(rest).split()) - {"senast", "sist", "typ", "nu"}


def _past_year_fact(modules, question: Question, parts: list[Clause], clause: Clause,
                    open_module: str | None = None):
    """AUDIT 9-10, DUDIT 10-11 told in passing with when: "frun har sagt att han borde dra
    ner nu i höstas", "… sa åt henne att dra ner, det var i somras", "…, i höstas". The
    message must speak of the instrument's substance (or be the answer to one of its
    items, `open_module`), and the time say within the year or before it."""
    said = clause.raw
    at = parts.index(clause)
    if at + 1 < len(parts) and (WHEN_CLAUSE.match(parts[at + 1].said) or _only_a_time(parts[at + 1])):
        said += ", " + parts[at + 1].raw  # "…, det var i somras"
    if open_module == question.module and _substance_of(modules, question, parts) is not False:
        pass  # "nej, men läkaren sa åt honom att dra ner förra veckan" on AUDIT 9
    elif _substance_of(modules, question, [Clause(said, fold(said))]) is None and \
            _substance_of(modules, question, parts) is not True:
        # Of neither substance itself, the message must speak of this one alone ("inga
        # droger" beside the drinking makes "frun sa åt honom att dra ner" unclear).
        return None
    if _substance_of(modules, question, [Clause(said, fold(said))]) is False:
        return None
    placed = place_past_year(question.options, said, today())
    if placed.option is None and _NOBODY.match(clause.said) and \
            not read_months_ago(said, today()) and denial_limited_in_time(said) is None:
        # "ingen har klagat på hans drickande": nobody ever, so "Nej" (a limit in time,
        # "ingen har sagt något sen dess", would leave it open).
        return next(o.value for o in question.options if o.score == 0)
    return placed.option.value if placed.option is not None else None


# Nobody has: the subject of a past-year item denied whole.
_NOBODY = re.compile(r"^(?:och |men )?(?:ingen|inte nagon|inte nan)(?: har| hade)?(?: nagonsin)? "
                     r"(?:klagat|sagt|oroat|tjatat|papekat|namnt|reagerat|kommenterat|"
                     r"skadats|blivit skadad)(?![a-z0-9])")


def read_named(modules: tuple[Module, ...], parts: list[Clause], named, skip_ids) -> list[Fact]:
    """Facts for the questions a clause is about (`named(clause)` gives their ids), read
    with the question's own answer reader where its statements said nothing: a choice
    outside the instruments by its options' words, a count of months by its number."""
    from bot.assessment.understanding import understand_number
    by_id = questions_of(modules)
    values: dict[str, set] = {}
    first: dict[str, tuple[Any, str]] = {}
    glasses_items = [q.id for q in by_id.values() if _glasses_item(q)]
    # The open question's area (skip_ids holds it): an item's answer is of its substance.
    open_module = next((by_id[q].module for q in skip_ids if q in by_id), None)
    for clause in parts:
        # Drinks counted in a clause say what they are about ("mer än tio öl om dagen"),
        # whatever words name the item.
        counted = glasses_items if read_glasses(clause.raw) is not None else []
        for qid in sorted(set(named(clause)) | set(counted)):
            question = by_id[qid]
            if qid in skip_ids:
                continue
            if question.about_client and someone_else_first(clause):
                continue  # "barnen bor hos henne" is no housing of the client's
            value = None
            keyed = all(o.key is not None for o in question.options)
            if question.type == "choice" and keyed:
                value = _named_option(question, clause)
            elif question.type == "choice" and _past_year_item(question):
                value = _past_year_fact(modules, question, parts, clause, open_module)
            elif qid in counted and not someone_else_first(clause):
                value = place_answer(question, clause.raw, today()).option
                value = None if value is None else value.value
            elif question.type == "choice" and _only_item_named(modules, by_id, question,
                                                                named(clause), clause):
                # An instrument item's frequency or glasses, said in a clause about that
                # item alone ("dricker nästan varje dag"): only a sure placement counts.
                value = place_answer(question, clause.raw, today()).option
                value = None if value is None else value.value
            elif question.type == "number" and question.unit == "månader" \
                    and _MONTHS_SAID.search(clause.said) and not NEGATION.search(clause.said):
                value = understand_number(question, clause.raw)
            if value is None:
                continue
            values.setdefault(qid, set()).add(repr(value))
            first.setdefault(qid, (value, clause.raw))
    return [Fact(qid, first[qid][0], describe(by_id[qid], first[qid][0], modules), first[qid][1])
            for qid in first if len(values[qid]) == 1]


@functools.cache
def _child_age() -> re.Pattern[str]:
    """A child word (data/vocabulary.yml) and a number after it: "en son på 7", "dottern
    som är 12"; number words from bot.reading.numbers, up to 19 so that an adult child is
    seen and stops the reading."""
    children = "|".join(sorted({fold(w) for w in group("child")}, key=len, reverse=True))
    # One child: "sjuårig son", not "sjuåriga barn" (how many is not said).
    one = "|".join(sorted({fold(w) for w in group("child")} - _CHILDREN, key=len, reverse=True))
    age = number_pattern(19, r"\d{1,2}")
    return re.compile(rf"(?<![a-z0-9])(?:(?:{children})\s+(?:hemma\s+)?(?:pa|som ar|som ar typ)?\s*"
                      rf"({age})(?:\s+ar|\s+manader)?"
                      rf"|({age})\s+(?:ariga?|aring)\s+(?:{children})"
                      # A year-old as a noun, "en femåring", "4-åringen"; never the plural.
                      rf"|({age})\s?aring(?:en)?"
                      rf"|({age})ariga?\s+(?:{one}))(?![a-z0-9])")


# Child words that may name several children.
_CHILDREN = frozenset({"barn", "barnen", "soner", "dottrar"})


def children_elsewhere(parts: list[Clause]) -> bool:
    """The message says the children live elsewhere or are grown up ("de bor hos sin
    mamma", "vuxna barn"): no count or age of the household is read from it."""
    return any(ELSEWHERE.search(c.said) for c in parts)


@functools.cache
def _count_and_ages() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """ "två barn, tre och sju år", "tre barn hemma, 4, 9 och 12", "barnen är 2 och 4"."""
    number = number_pattern(19, r"\d{1,2}")
    ages = rf"(?P<ages>(?:{number})(?:\s+(?:{number}))*\s+och\s+(?:{number}))(?:\s+ar)?"
    counted = re.compile(rf"(?<![a-z0-9])(?P<count>{number})\s+(?:sma\s+|egna\s+)?barn"
                         rf"(?:\s+hemma)?(?:\s+som\s+bor\s+hemma|\s+som\s+ar|\s+pa)?\s+{ages}(?![a-z0-9])")
    named = re.compile(rf"(?<![a-z0-9])barnen\s+ar\s+{ages}(?![a-z0-9])")
    any_count = re.compile(rf"(?<![a-z0-9])(?:{number})\s+(?:[a-z]+\s+)?barn(?![a-z0-9])")
    return counted, named, any_count


def _count_with_ages(parts: list[Clause]) -> tuple[int, list[int], str] | None:
    """A count of children with as many ages after it, in the message as a whole (its
    clauses joined: the commas and "och" of the list cut it into clauses)."""
    said = " ".join(c.said for c in parts)
    counted, named, any_count = _count_and_ages()
    found = [m for pattern in (counted, named) for m in pattern.finditer(said)]
    if len(found) != 1 or len(any_count.findall(said)) > 1:
        return None  # none, or two counts or lists: which is the household's is not said
    m = found[0]
    ages = [to_number(w) for w in m.group("ages").split() if w != "och"]
    if any(a is None or a >= 18 for a in ages):
        return None
    count = int(to_number(m.group("count"))) if "count" in m.groupdict() and \
        m.groupdict().get("count") else len(ages)
    if count != len(ages):
        return None  # "tre barn, 4 och 9": one is not said
    return count, [int(a) for a in ages], ", ".join(c.raw for c in parts)


# The message says which children there are: one ("ett barn", "enda", "bara en") or
# those named ("inga andra barn").
ONE_CHILD = re.compile(r"(?<![a-z0-9])(ett barn|enda|bara en|bara ett|endast ett|"
                       r"(inga|inte nagra) (andra|fler) barn)(?![a-z0-9])")


def _only_these(parts: list[Clause]) -> bool:
    """Said in a clause about the children ("dricker bara en gång i veckan" is not)."""
    about = [c for c in parts if child_words() & set(c.said.split())]
    return any(ONE_CHILD.search(c.said) for c in about) and \
        read_count(", ".join(c.raw for c in about)) in (None, 1)


def read_children(parts: list[Clause], counted: Any = None) -> list[Fact]:
    """Children said with their ages ("en son på 7 och en dotter som är 12"): they live in
    the household only when the message says so or does not say otherwise, so this gives
    the ages and, with no count said, the count."""
    ages: list[int] = []
    phrase = ""
    if children_elsewhere(parts):
        return []  # "sonen på 19 bor hos sin pappa": not this household's children
    listed = _count_with_ages(parts)
    if listed is not None:
        count, ages, phrase = listed
        label = " och ".join(", ".join(str(a) for a in ages).rsplit(", ", 1)) + " år"
        return [Fact("children_in_household", True, "ja", phrase),
                *([Fact("children_count", count, f"{count} barn", phrase)]
                  if counted in (None, count) else []),
                *([Fact("children_ages", ages, label, phrase)] if counted in (None, count) else [])]
    for clause in parts:
        for m in _child_age().finditer(clause.said):
            if m.group(0).endswith("manader"):
                ages.append(0)
            else:
                value = to_number(next(g for g in m.groups() if g))
                if value is None or value >= 18:
                    return []  # an adult child, or unclear: the questions are asked
                ages.append(int(value))
            phrase = phrase or clause.raw
    if not ages:
        return []
    facts = [Fact("children_in_household", True, "ja", phrase)]
    if counted is None or counted == len(ages):
        # The count only when two or more are named with their ages, or the message says
        # there are no others: "dottern som är 12" does not say she is the only child;
        # "ett barn, en son på 10", "hennes enda barn" and "inga andra barn" do.
        if len(ages) >= 2 or (counted is None and _only_these(parts)):
            facts.append(Fact("children_count", len(ages), f"{len(ages)} barn", phrase))
        label = " och ".join(", ".join(str(a) for a in ages).rsplit(", ", 1)) + " år"
        facts.append(Fact("children_ages", ages, label, phrase))
    return facts


# "oftast", "brukar": the usual amount; "ibland", "kan bli": some days only.
_SOMETIMES = words_pattern(("ibland", "emellanat", "nagon", "nan", "kan", "kanske", "max",
                            "hogst", "upp"))


def heavy_days(modules: tuple[Module, ...], parts: list[Clause],
               known: Mapping[str, Any]) -> list[Fact]:
    """AUDIT item 3 from the drinking told in one message: six standard glasses or more
    on a typical day ("dricker dagligen, mer än tio öl"), and how often (item 1, said or
    answered): the days of six glasses are the drinking days. Only when the amount is the
    usual one, never "ibland sex glas"."""
    by_id = questions_of(modules)
    use, heavy = by_id.get("audit_1"), by_id.get("audit_3")
    if use is None or heavy is None or known.get("audit_1") is None:
        return []
    substance = area_words(module_of(modules, heavy))
    for clause in parts:
        glasses = read_glasses(clause.raw)
        if glasses is None or glasses.per or glasses.low < 6 or \
                _SOMETIMES.search(clause.said) or someone_else_first(clause):
            continue
        # How often, on item 3's own scale: from the drinking days said ("dricker
        # dagligen"), else from item 1's answer ("2–3 gånger i veckan" is weekly).
        said = [p for c in parts if substance is not None and substance.search(c.said)
                for p in [place_frequency(heavy.options, c.raw)] if p.option is not None]
        option = use.option_for(known["audit_1"])
        if len({p.option.value for p in said}) == 1:
            placed = said[0]
        elif option is not None and option.per_month is not None:
            placed = place_range(*option.per_month, heavy.options, lambda o: o.per_month)
        else:
            return []
        if placed.option is None:
            return []
        value = placed.option.value
        return [Fact(heavy.id, value, describe(heavy, value, modules), clause.raw)]
    return []
