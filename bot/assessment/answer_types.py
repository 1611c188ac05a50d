"""One small class per answer type: how an answer of that type is read when typed, read
as a fact inside a longer message, described back, offered as buttons and asked for
again. Everything that depends on a question's type is decided here, once, so the turn,
the facts, the corrections and the summaries never branch on `question.type`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Any

from bot.assessment.attribution import area_words, named_questions
from bot.assessment.question_bank import Question, module_of
from bot.assessment.understanding import (
    HEDGE_WORDS,
    Reading,
    duration_range,
    likely_options,
    understand_choice,
    understand_duration,
    understand_modules,
    understand_number,
    understand_numbers,
    understand_yes_no,
)
from bot.local_time import today
from bot.reading.children import read_ages, read_count
from bot.reading.frequency import read_frequencies
from bot.reading.numbers import HEDGES
from bot.reading.phrases import longest
from bot.reading.quantities import in_months, months_of, parse_quantities
from bot.reading.scale import (
    Certainty,
    Placement,
    denial_limited_in_time,
    habit_of_before,
    past_year_scale,
    place_past_year,
)
from bot.reading.text import (
    EXCEPT_WORDS,
    NEGATION,
    PAST_WORDS,
    Clause,
    clauses,
    fold,
    negated_around,
    words_pattern,
)
from bot.reading.time import age_from_birth_year, read_months_ago

# A state said as past ("hade en depression för tio år sen", "var deprimerad för några år
# sen") is not today's answer.
_NOT_NOW = words_pattern(PAST_WORDS)
_WAS = words_pattern(("var",))


# "har betalat av hyresskulden": the debt named is gone, as if denied
_PAID_OFF = re.compile(r"(?<![a-z0-9])(?:betalat|betalt|betalade|lost|loste|reglerat|reglerade)"
                       r"(?:\s+av)?(?:\s+(?:hela|sin|sina|den|de|alla))?\s*$")


def _paid_off(found, said: str) -> bool:
    return bool(_PAID_OFF.search(said[:found[0].span(said)[0]]))


def _denied(found, said: str) -> bool:
    """A statement found in a clause, denied there ("har inte några skulder")."""
    phrase, _ = found
    if phrase.negates:
        return False  # "inga skulder" says what it says
    start, end = phrase.span(said)
    if not negated_around(said, start, end):
        return False
    # "inga skulder förutom en gammal hyresskuld": an exception after the last negation
    # before the phrase says it, it does not deny it.
    last = max((m.end() for m in NEGATION.finditer(said[:start])), default=0)
    return not _EXCEPT.search(said[last:start])


def _past(question: Question, found, said: str) -> bool:
    if question.tense != "present" or found[0].negates:
        return False
    start, end = found[0].span(said)
    before = said[max(0, start - 60):start]
    # "var" right before the state is its past ("var deprimerad"); further off it may be
    # "var tredje dag" or "där hon var". Fronted, the verb follows: "hyresskuld hade hon".
    return bool(_NOT_NOW.search(before) or _WAS.search(" ".join(before.split()[-2:])) or
                _HAD_AFTER.match(said[end:]))


_HAD_AFTER = re.compile(r"\s+(?:hade|var)\s+(?:hon|han|hen|klienten|de|dom)(?![a-z0-9])")


# "har ett sommarjobb på gång", "ska börja ett jobb": what is to come has not happened.
_COMING_AFTER = re.compile(r"^(?:\s+[a-z0-9]+){0,2}?\s+(?:pa gang|pa ingang)(?![a-z0-9])")
_COMING_BEFORE = words_pattern(("ska", "skall", "kommer att", "ska borja", "planerar"))


def _to_come(question: Question, found, said: str) -> bool:
    """On an event asked about ("har haft en anställning"), one still to come has not
    happened. A state or risk of today is another matter: "hyresvärden ska säga upp
    kontraktet" is the risk."""
    if question.tense != "past":
        return False
    start, end = found[0].span(said)
    return bool(_COMING_AFTER.match(said[end:]) or
                _COMING_BEFORE.search(" ".join(said[:start].split()[-3:])))


def _duration_stated(question: Question, clause: Clause, at_least: float | None = None
                     ) -> float | None:
    """A duration said with one of the question's patterns ("arbetslös sedan två år"). A
    range ("sen ett par år") is not said exactly, unless all of it is `at_least` or more
    ("försörjningsstöd i flera år" on the last 12 months: all 12)."""
    found = longest(question.patterns, clause.said)
    if not found or _denied(found, clause.said):
        return None
    durations = [q for q in parse_quantities(clause.raw) if q.kind == "duration" and q.unit]
    if len(durations) != 1:
        return None
    q = durations[0]
    if q.value_max is not None and not (at_least is not None and
                                        in_months(q.value, q.unit) >= at_least):
        return None
    return months_of(q)


class AnswerType:
    """The default: nothing to read as a fact, no buttons."""
    name = ""
    # The case worker's own words: any text answers, so only a short message steers or
    # skips, and nothing in it is read as a fact for another question.
    own_words = False
    # A choice of areas: "barn" names a module there, it does not say there are children.
    names_areas = False

    @property
    def facts_beside(self) -> bool:
        """Facts for other questions are read beside an answer of this type."""
        return not (self.own_words or self.names_areas)

    def read(self, question: Question, text: str, modules=()) -> Reading | None:
        value = self.value(question, text, modules)
        return None if value is None else Reading(value, self.describe(question, value, modules))

    def value(self, question: Question, text: str, modules=()) -> Any | None:
        raise NotImplementedError

    def describe(self, question: Question, value: Any, modules=()) -> str:
        return str(value)

    def buttons(self, question: Question, modules=()) -> list[str]:
        return []

    def spelled_out(self, question: Question) -> str:
        return "Skriv svaret med egna ord."

    def statement(self, question: Question, clause: Clause) -> tuple[Any, bool] | None:
        """What a clause of a longer message states, with whether a negation decided it."""
        return None


def _reply(question: Question, text: str) -> bool | None:
    """A reply that leans on the question asked ("hon kom själv", "det utreds just nu"):
    one clause, the phrase not denied there, and no other yes or no in it."""
    parts = clauses(text)
    if len(parts) != 1:
        return None
    said = parts[0].said
    yes = longest(question.yes_replies, said)
    no = longest(question.no_replies, said)
    if bool(yes) == bool(no):
        return None
    found = yes or no
    if _denied(found, said) or HEDGE_WORDS.search(said):
        return None
    return bool(yes)


# The thing asked about put first, then the verb, the subject and a negation: "skulder
# har han inga", "körkort har hon aldrig haft", "inskriven är han inte". Swedish fronts
# what is denied; the words before the verb must name the question asked.
_FRONTED_DENIAL = re.compile(
    r"^(?:nej\s+)?(?P<topic>[a-z]+(?:\s+[a-z]+){0,2})\s+(?:ar|har|gor|kan|vill|var|hade|far|"
    r"tar|gick|blev)\s+(?:hon|han|hen|de|dom|klienten)\s+(?:inte|aldrig|inga|ingen|inget)"
    r"(?:\s+(?:haft|gatt|ut|klart|gjort|varit|fatt|tagit|heller|alls|nagon|nagra|nagot))*$")


def _fronted_denial(question: Question, text: str, modules) -> bool:
    m = _FRONTED_DENIAL.match(fold(text or "").strip())
    if m is None:
        return False
    topic = m.group("topic")
    return question.id in named_questions(modules, Clause(topic, topic))


class YesNo(AnswerType):
    name = "yes_no"

    def value(self, question, text, modules=()):
        if _DENIED_ONLY_AT.match(fold(text or "")) and not _EITHER.search(fold(text or "")):
            # "inga skulder hos KFM": the question's own statements decide ("nej, inget hos
            # kronofogden heller" adds that place to a no)
            return None
        kind = longest(question.kinds, fold(text or "")) if question.kinds else None
        if kind and _denied(kind, fold(text or "")) and not longest(
                question.no_statements, fold(text or "")):
            return None  # "inga hyresskulder": one kind denied, the others not said
        said = understand_yes_no(text, gate=question.is_gate)
        if said is None and modules and _fronted_denial(question, text, modules):
            return False
        return said if said is not None else _reply(question, text)

    def describe(self, question, value, modules=()):
        return "ja" if value else "nej"

    def buttons(self, question, modules=()):
        return ["Ja", "Nej", "Vet inte"]

    def spelled_out(self, question):
        return "Svara ja eller nej, eller skriv \"vet inte\" eller \"hoppa över\"."

    def statement(self, question, clause):
        yes = longest(question.yes_statements, clause.said)
        no = longest(question.no_statements, clause.said)
        if no and (not yes or no[0].length >= yes[0].length):
            if no[0].source.split()[0] in ("inga", "ingen", "inget") and \
                    _ONLY_AT.match(clause.said[no[0].span(clause.said)[1]:]):
                return None  # "inga skulder hos KFM": none there, which says nothing of the rest
            exception = _EXCEPT.search(clause.said[no[0].span(clause.said)[1]:])
            if exception:
                # "inga skulder förutom studielånet": one, then; "inga skulder utom att hon
                # oroar sig" or "förutom det" names no exception
                rest = clause.said[no[0].span(clause.said)[1] + exception.end():].split()
                named = rest[:1] and rest[0] not in _NOT_A_THING and not question.is_gate
                return (True, False) if named else None
            return (False, False) if not _denied(no, clause.said) else None
        if not yes or _past(question, yes, clause.said) or _to_come(question, yes, clause.said):
            return None
        negated = _denied(yes, clause.said) or _paid_off(yes, clause.said)
        if negated and longest(question.kinds, clause.said):
            return None  # "inga hyresskulder": that kind of debt is denied, not all debts
        if negated and no:
            # "är inte inskriven på arbetsförmedlingen": the denied yes is the no phrase's
            # own ("inte inskriven"), an explicit no.
            return (False, False)
        if negated and question.is_gate:
            # "har inte några skulder" does not say the economy is fine: only an explicit
            # "no" phrase closes a whole area.
            return None
        return (not negated), negated


NONE = Placement(Certainty.NONE)
# After a denial, where it holds: "inga skulder hos kronofogden", "ingen skuld till CSN",
# "ingen familj i Sverige" (family abroad may still be a support).
_WHERE = r"(?:(?:hos|till|pa|mot)\s+[a-z0-9]|(?:kvar\s+)?i\s+(?:sverige|landet|stan|staden|" \
    r"kommunen|narheten|omradet)(?![a-z0-9]))"
_ONLY_AT = re.compile(rf"^\s+{_WHERE}")
# "inga skulder hos KFM", "inga hos kfm i alla fall": none there, which says nothing of the rest
_DENIED_ONLY_AT = re.compile(rf"^(?:nej\s+)?(?:(?:hon|han|hen)\s+)?(?:har\s+)?(?:inga|ingen|inget)\s+"
                             rf"(?:[a-z]+\s+)?{_WHERE}")
_EITHER = words_pattern(("heller",))
# After a denial, an exception that makes it a yes: "inga skulder förutom en hyresskuld".
_EXCEPT = words_pattern(EXCEPT_WORDS)
_NOT_A_THING = {"att", "nar", "om", "det", "den", "de", "dem", "sa", "da", "for", "fran", "pa",
                "i", "nagot", "nat", "nagon", "nan"}
_BACK = words_pattern(("ja", "jo", "japp", "jepp", "det", "de", "den", "hande", "hant",
                       "senast", "sist"))
# "mamman sa det i våras" points back to an item about what others said (AUDIT 10, DUDIT
# 11); on an injury item (of_clients_use) someone's saying is another event.
_SAID_BACK = words_pattern(("sa", "sagt"))


_FILLER = {fold(w) for w in HEDGES} | {"ja", "jo", "nog", "val", "ca", "cirka"}


def _refers_back(question: Question, text: str, modules) -> bool:
    """A time answers "när hände det?" only when the answer is about what was asked: a yes,
    a "det" that points back ("syster sa det i somras"), the time alone ("i somras"), or
    the question's own subject ("bröt armen på fyllan för två år sedan" on the injury
    item); "hennes bror blev misshandlad i somras" tells of another event."""
    said = fold(text)
    if modules and _about_a_sibling(question, text, modules):
        return False
    if len(said.split()) <= 3 or _BACK.search(said) or (
            not question.of_clients_use and _SAID_BACK.search(said)):
        return True
    rest = text
    for ago in read_months_ago(text, today()):
        rest = rest.replace(ago.text, " ")
    words = fold(rest).split()
    if rest != text and (set(words) <= _FILLER or words[:1] == ["nar"] and len(words) <= 5):
        # The time and nothing else, or a time of life: "för typ ett och ett halvt år
        # sen", "för länge sen, när han var ung".
        return True
    # The item's subject and its substance in one answer: an injury, and the drinking.
    substance = area_words(module_of(modules, question)) if modules else None
    naming = [c for c in clauses(text) if modules and question.id in named_questions(modules, c)]
    if substance and substance.search(said) and naming:
        return True
    # Or the item's subject said of the client: "nyligen, han hamnade på akuten".
    return any(c.said.split()[:1] in (["han"], ["hon"], ["hen"], ["klienten"]) for c in naming)


def _about_a_sibling(question: Question, text: str, modules) -> bool:
    """The answer names another past-year item of the same instrument and not this one:
    "mamman och BUP har sagt till, senast i höstas" on the injury item tells when others
    spoke up (the next item), not when someone was hurt."""
    module = module_of(modules, question)
    named = set().union(*(named_questions(modules, c) for c in clauses(text)))
    if question.id in named:
        return False
    return any(q.id in named and q.id != question.id and past_year_scale(q.options) is not None
               for q in module.questions)


def _habit_now(question: Question, text: str) -> bool:
    """A past-year item answered with a habit said in the present ("tjatar om det varje
    vecka"), no time and no negation: it happens now."""
    if past_year_scale(question.options) is None or read_months_ago(text, today()):
        return False
    found = read_frequencies(text)
    return bool(found) and all(f.high > 0 and not f.stopped for f in found) and \
        not NEGATION.search(fold(text)) and not _NOT_NOW.search(fold(text))


def _denial_in_time(question: Question, option, text: str) -> tuple | None:
    """On a past-year item, "Nej" read from a denial limited in time: the options it may
    be, the likelier first (asked back, never stored)."""
    scale = past_year_scale(question.options)
    if scale is None or option is not scale.never:
        return None
    limit = denial_limited_in_time(text)
    if limit == "before":
        return scale.before, scale.never
    if limit == "lately":
        return scale.never, scale.before
    return None


_HOW_OFTEN = words_pattern(("varje", "varannan", "ofta", "ibland", "sallan", "dagligen",
                            "gang", "ganger", "jamt", "hela tiden", "alltid"))


def _plain_yes_or_no(question: Question, text: str) -> Reading | None:
    """A past-year item answered yes or no with no time: "inte vad hon vet" is "Nej"; a
    yes says it happened but not when, so both "Ja" options are asked back, the past year
    first. A denial limited in time ("inte sen hon slutade") is neither."""
    scale = past_year_scale(question.options)
    if scale is None or read_months_ago(text, today()) or _HOW_OFTEN.search(fold(text)):
        return None  # "ingen tjatar om det varje vecka" leaves less often open
    said = understand_yes_no(text)
    if said is False and denial_limited_in_time(text) is None:
        return Reading(scale.never.value, describe(question, scale.never.value))
    if said is True:
        return Reading(scale.within.value, scale.within.label, sure=False,
                       alternatives=(scale.within.label, scale.before.label))
    return None


class Choice(AnswerType):
    name = "choice"

    def read(self, question, text, modules=()):
        if any(o.per_month for o in question.options) and habit_of_before(text, today()):
            return None  # "inget nu, men förut varje dag": when it ended is not said
        understood = understand_choice(question, text)
        if understood is not None:
            value = understood.option.value
            limited = _denial_in_time(question, understood.option, text)
            if limited:
                return Reading(limited[0].value, limited[0].label, sure=False,
                               alternatives=tuple(o.label for o in limited))
            return Reading(value, self.describe(question, value, modules))
        refers = _refers_back(question, text, modules)
        past = place_past_year(question.options, text, today()) if refers \
            else NONE
        if past.certainty is Certainty.SURE:
            # "syster sa det i somras" on AUDIT 9-10 / DUDIT 10-11, read to the meeting date.
            value = past.option.value
            return Reading(value, self.describe(question, value, modules))
        if refers and past.certainty is Certainty.NONE and _habit_now(question, text):
            # "frivården tjatar om det varje vecka": it goes on, so within the past year.
            value = max(question.options, key=lambda o: o.score).value
            return Reading(value, self.describe(question, value, modules))
        if past.certainty is Certainty.NONE:
            plain = _plain_yes_or_no(question, text)
            if plain is not None:
                return plain
        nearest = past.options if past.certainty is Certainty.LIKELY else \
            likely_options(question, text)
        if nearest:
            # On the border of two options ("typ varje helg"): asked back, never stored.
            first = nearest[0]
            return Reading(first.value, first.label, sure=False,
                           alternatives=tuple(o.label for o in nearest))
        return None

    def describe(self, question, value, modules=()):
        option = question.option_for(value)
        if option is None:
            return str(value)
        return f"{option.label} ({option.score} p)" if option.key is None else option.label

    def buttons(self, question, modules=()):
        return [o.label for o in question.options]

    def spelled_out(self, question):
        return "Svara med ett av alternativen: " + "; ".join(o.label for o in question.options) + "."

    def statement(self, question, clause):
        hits = []
        for option in question.options:
            found = longest(option.statements, clause.said)
            # "innan dess var han arbetslös i ett år": a state of before, not today's
            if found and not _denied(found, clause.said) and not _past(question, found, clause.said):
                hits.append((found[0].length, len(found[0].source), option))
        if not hits:
            return None
        hits.sort(key=lambda h: h[:2], reverse=True)
        if len(hits) > 1 and hits[0][:2] == hits[1][:2] and hits[0][2] is not hits[1][2]:
            return None
        return hits[0][2].value, False


_SINGULAR = {"månader": "månad", "veckor": "vecka", "dagar": "dag", "gånger": "gång"}


# "i 40-årsåldern", "runt 30": an age band decides target groups, so a decade is not an
# age and an estimate is asked back ("Menar du ”30 år”?").
_AGE_DECADE = re.compile(r"(?<![a-z0-9])(?:\d0|[a-z]+tio)[- ]?ars ?aldern(?![a-z0-9])")
_ESTIMATE = words_pattern(tuple(HEDGES - {"tror", "nog", "val", "sakert", "ganska", "iallafall"}))


# A number left open: "tjugo nånting", "trettio plus", "femtio och nåt".
_OPEN_NUMBER = re.compile(r"(?<![a-z])(?:\d+|[a-z]*tio|tjugo)\s+(?:och\s+)?(?:nanting|nagonting|"
                          r"nagot|nat|plus)(?![a-z0-9])")
_MAYBE = words_pattern(("kanske",))
# "igen" on "how many of the last 12 months": another period, whose length is not said.
_AGAIN = words_pattern(("igen",))
# A time after a duration makes it one still to come or long past: "två år i januari".
_WHEN_AFTER = re.compile(
    r"^\s*(?:i|till|pa|efter|nasta|om)\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|"
    r"september|oktober|november|december|jul|julen|nyar|nyaret|midsommar|pask|paske|varen|"
    r"var|sommar|sommaren|host|hosten|vinter|vintern|manad|manaden|vecka|veckan)(?![a-z0-9])")


# A number said as a bound: "snart ett år", "nästan 30" below it, "två år, kanske mer",
# "ett halvår, kanske lite mer", "tre månader eller längre" above it.
_ALMOST_BEFORE = re.compile(r"(?<![a-z0-9])(?:snart|nastan|inte riktigt|inte ens)$")
_MORE_AFTER = re.compile(
    r"^\s*(?:(?:ungefar|typ|cirka|ca|runt|sadar)\s+)?(?:(?:kanske|eller|och|om inte|i alla fall|"
    r"iallafall)\s+(?:(?:lite|nagot|nat|ngt)\s+)?(?:mer|mera|langre|fler|kortare|mindre)|"
    r"(?:lite|nagot|nat|ngt|en bit)\s+(?:mer|mera|langre|fler|till))(?![a-z0-9])")


def _number_in_doubt(question: Question, text: str) -> bool:
    """A number said so that no one number is meant: left open ("tjugo nånting"), two
    guesses ("kanske fem, kanske sex"), a bound ("snart ett år", "två år, kanske mer"),
    another period on a count of the last months ("tre månader i våras, och nu igen sen
    november"), or a duration said of another time ("två år i januari")."""
    said = fold(text or "")
    found = [q for q in parse_quantities(text or "") if q.kind in ("number", "duration")]
    if _OPEN_NUMBER.search(said):
        return True
    # (an age "snart 30" is 29: bot/reading/children.py reads it so)
    if any((_ALMOST_BEFORE.search(fold((text or "")[:q.start])) and not _is_age(question))
           or _MORE_AFTER.match(fold((text or "")[q.end:])) for q in found):
        return True
    if len(_MAYBE.findall(said)) > 1 or (_MAYBE.search(said) and len(
            {q.value for q in found}) > 1):
        return True
    if question.unit == "månader" and "senaste" in fold(question.text) and _AGAIN.search(said):
        return True
    return any(q.kind == "duration" and _WHEN_AFTER.match(fold((text or "")[q.end:]))
               for q in found)


def _is_age(question: Question) -> bool:
    return question.unit == "år" and question.type == "number"


# A number, then words that correct it, then another: "34, nej 43, jag skrev fel",
# "6 och 9, nej förlåt, 6 och 10", "två år, jag menar tre".
_CORRECTING = ("nej", "na", "forlat", "forlatt", "sorry", "ursakta", "menar", "menade",
               "alltsa", "rattelse", "fel", "vanta")
_CORRECTION_FILLER = ("jag", "eller", "det", "ar", "var", "ska", "vara", "skrev")


@functools.cache
def _corrected_pattern() -> re.Pattern[str]:
    from bot.reading.numbers import number_pattern
    number = number_pattern() + r"(?![a-z0-9])"
    words = "|".join((*_CORRECTING, *_CORRECTION_FILLER))
    # At most two words between the number and the correction ("34 år, nej …").
    return re.compile(rf"(?<![a-z0-9]){number}(?:\s+[a-z]+){{0,2}}?\s+(?:{'|'.join(_CORRECTING)})"
                      rf"(?:\s+(?:{words}))*\s+(?={number})")


def corrected(text: str) -> str | None:
    """What a message says after correcting its own number, or None when it does not."""
    said = fold(text or "")
    m = _corrected_pattern().search(said)
    return said[m.end():] if m else None


def _as_corrected(kind: AnswerType, question, text, modules) -> Reading | None:
    """The number said last, when the message corrects the first: likely, asked back
    ("Menar du ”43 år”?"), so that a slip is never stored in silence."""
    after = corrected(text)
    if after is None:
        return None
    reading = AnswerType.read(kind, question, after, modules)
    return None if reading is None else Reading(reading.value, reading.label, sure=False)


class Number(AnswerType):
    name = "number"

    def read(self, question, text, modules=()):
        if corrected(text) is not None:
            return _as_corrected(self, question, text, modules)
        if _is_age(question):
            born = age_from_birth_year(text, today())
            if born is not None:
                # "född 1985": 40 or 41, the birthday not said; both offered, never stored.
                first, second = (self.describe(question, a) for a in born)
                low, high = question.value_range or (0, 200)
                return Reading(born[0], first, sure=False, alternatives=(first, second)) \
                    if low <= born[1] and born[0] <= high else None
            if _AGE_DECADE.search(fold(text or "")):
                return None
        if _number_in_doubt(question, text):
            return None
        reading = super().read(question, text, modules)
        if reading is not None and _is_age(question) and _ESTIMATE.search(fold(text or "")):
            return Reading(reading.value, reading.label, sure=False)
        return reading

    def value(self, question, text, modules=()):
        if question.quantity_unit == "barn":
            low, high = question.value_range or (1, 15)
            return read_count(text, low, high)
        return understand_number(question, text)

    def describe(self, question, value, modules=()):
        unit = question.unit or ""
        if float(value) == 1:
            unit = _SINGULAR.get(unit, unit)  # "1 månad", not "1 månader"
        return f"{float(value):g} {unit}".strip()

    def spelled_out(self, question):
        low, high = question.value_range
        return f"Svara med ett tal mellan {low:g} och {high:g} ({question.unit})."

    def statement(self, question, clause):
        if question.patterns and question.unit == "månader":
            months = _duration_stated(question, clause,
                                      at_least=(question.value_range or (0, None))[1])
            if months is None:
                return None
            # "försörjningsstöd i två år" answers "how many of the last 12 months": all 12.
            low, high = question.value_range or (0, months)
            return min(max(months, low), high), False
        if not question.quantity_unit:
            return None
        low, high = question.value_range or (float("-inf"), float("inf"))
        counts = [q for q in parse_quantities(clause.raw)
                  if q.kind == "number" and q.unit == question.quantity_unit
                  and q.value_max is None and low <= q.value <= high]
        if len(counts) != 1 or NEGATION.search(clause.said):
            return None
        value = counts[0].value
        return int(value) if float(value).is_integer() else value, False


class Numbers(AnswerType):
    name = "numbers"

    def read(self, question, text, modules=()):
        if corrected(text) is not None:
            return _as_corrected(self, question, text, modules)
        return super().read(question, text, modules)

    def value(self, question, text, modules=()):
        if question.unit == "år":
            low, high = question.value_range or (0, 17)
            return read_ages(text, low, high)  # the children's ages, read strictly
        return understand_numbers(question, text)

    def describe(self, question, value, modules=()):
        parts = [f"{float(v):g}" for v in value]
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]
        return f"{joined} {question.unit or ''}".strip()

    def spelled_out(self, question):
        low, high = question.value_range
        return f"Skriv talen, till exempel \"4 och 9\" (mellan {low:g} och {high:g} {question.unit})."


class Duration(AnswerType):
    name = "duration"

    def read(self, question, text, modules=()):
        if corrected(text) is not None:
            return _as_corrected(self, question, text, modules)
        if _number_in_doubt(question, text):
            return None
        reading = super().read(question, text, modules)
        span = duration_range(text) if reading is None else None
        if span is None:
            if reading is not None and _ESTIMATE.search(fold(text or "")):
                # "ca 2 år", "ett år typ": about, so shown back; the months decide factors
                return replace(reading, sure=False)
            return reading
        # "ett par år": both ends offered ("Menar du ”2 år”?" with "3 år"), never stored
        low, high = (self.describe(question, m) for m in span)
        return Reading(span[0], low, sure=False, alternatives=(low, high))

    def value(self, question, text, modules=()):
        return understand_duration(question, text)

    def describe(self, question, value, modules=()):
        months = float(value)
        if months >= 12 and (months / 12).is_integer():
            years = int(months / 12)
            return "1 år" if years == 1 else f"{years} år"
        return f"{months:g} månader" if months != 1 else "1 månad"

    def spelled_out(self, question):
        return "Svara med en tid och enhet, till exempel \"sex månader\" eller \"två år\"."

    def statement(self, question, clause):
        months = _duration_stated(question, clause) if question.patterns else None
        return None if months is None else (months, False)


class FreeText(AnswerType):
    name = "free_text"
    own_words = True

    def value(self, question, text, modules=()):
        # The case worker's words, already masked by the web app.
        return " ".join((text or "").split())[:1000] or None

    def describe(self, question, value, modules=()):
        short = str(value)
        return f"”{short if len(short) <= 80 else short[:79] + '…'}”"


class Modules(AnswerType):
    name = "modules"
    names_areas = True

    def value(self, question, text, modules=()):
        return understand_modules(modules, text)

    def describe(self, question, value, modules=()):
        names = [m.name for m in modules if m.id in value]
        return ", ".join(names) if names else "inga"

    def buttons(self, question, modules=()):
        return ["Alla områden"]

    def spelled_out(self, question):
        return ("Skriv \"alla\", \"alla utom barn\" eller räkna upp områdena, till exempel "
                "\"ekonomi och alkohol\".")


TYPES: dict[str, AnswerType] = {t.name: t for t in (
    YesNo(), Choice(), Number(), Numbers(), Duration(), FreeText(), Modules())}


def answer_type(question: Question) -> AnswerType:
    return TYPES[question.type]


# Characters no Swedish answer is written with: "{{7*7}}" or "<script>" holds numbers, but
# says nothing about how many glasses, so nothing in it is read as an answer.
_NOT_AN_ANSWER = re.compile(r"[{}<>*=$`\\|\[\]^~]")


def read_answer(question: Question, text: str, modules=()) -> Reading | None:
    """The typed (or pressed) answer to this question, or None: never a guess."""
    if not answer_type(question).own_words and _NOT_AN_ANSWER.search(text or ""):
        return None
    return answer_type(question).read(question, text, modules)


def describe(question: Question, value: Any, modules=()) -> str:
    """An answer as the case worker reads it in confirmations and summaries."""
    if value is None:
        return "överhoppad"
    return answer_type(question).describe(question, value, modules)


def options_spelled_out(question: Question) -> str:
    """How to answer, said plainly: used when an answer was not understood."""
    return answer_type(question).spelled_out(question)


def buttons(question: Question, modules=()) -> list[str]:
    """The answers offered as buttons; a pressed button is read like typed text."""
    return answer_type(question).buttons(question, modules)


