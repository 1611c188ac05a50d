"""The open question's own answer, read only from the clauses about it, and everything
that takes that reading back: a yes or no about another question, a contrast, a
self-correction, a time outside the question's window, someone else's account, a belief,
a part said beside the whole. Each guard leaves the question asked (or asks back "Menar
du …?"); none stores anything itself. Pure; called once per turn by
bot/assessment/turn.py."""
from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.assessment.answer_types import answer_type, describe, read_answer
from bot.assessment.attribution import (
    about,
    area_words,
    clauses_about,
    for_a_sibling,
    instrument_item,
    named_questions,
    scale_kind,
)
from bot.assessment.conditions import value_matches
from bot.assessment.facts import (
    children_elsewhere,
    extract_facts,
    read_fact,
    someone_else_first,
    someone_outside_the_household_first,
)
from bot.assessment.question_bank import Question, module_of, per_object
from bot.assessment.question_bank import by_id as questions_of
from bot.assessment.stated import all_facts, risk_in_area
from bot.assessment.understanding import (
    BARE_ANSWERS,
    Reading,
    happens_after_all,
    named_exactly,
    names_apart,
    understand_yes_no,
)
from bot.local_time import today
from bot.reading.children import ELSEWHERE, UNCLEAR, child_words, household_part, read_ages
from bot.reading.frequency import read_frequencies
from bot.reading.names import begins_with_a_name
from bot.reading.numbers import numbers
from bot.reading.phrases import compile_phrase, longest
from bot.reading.scale import (
    Certainty,
    denies_since,
    fewer_glasses_than_asked,
    habit_of_before,
    place_answer,
    place_range,
    without_denials_of_since,
)
from bot.reading.text import (
    CONJUNCTION_FAST,
    EXCEPT_WORDS,
    NEGATION,
    PAST_WORDS,
    Clause,
    clauses,
    continued,
    fold,
    negated_before,
    whole_word,
    words_pattern,
)
from bot.reading.time import (
    WHEN_CLAUSE,
    age_from_birth_year,
    over_now,
    read_durations,
    read_months_ago,
)
from bot.reading.vocabulary import folded_group


def _window(question: Question) -> int | None:
    """The months back the question asks about: "det senaste året" 12, "halvåret" 6;
    "nyligen" at most the year (what lies years back is not recent, whatever else is)."""
    asked = fold(question.text)
    if "senaste" not in asked:
        return 12 if re.search(r"(?<![a-z])nyligen(?![a-z])", asked) else None
    return 6 if "halvaret" in asked else 12


def _outside_window(question: Question, text: str) -> bool:
    """A time said with the answer that lies before the period the question asks about
    ("det senaste året", "det senaste halvåret"): "för två år sen" is outside the year, "i
    fjol" may be outside the half-year. Read by bot.reading.time, to the meeting date."""
    months = _window(question)
    if months is None:
        return False
    found = read_months_ago(text, today())
    if months == 6:
        return any(ago.high > 6 for ago in found)  # "i fjol" may lie before the half-year
    return any(ago.low > 12 for ago in found)  # wholly before the year: "för två år sen"


_NOW = re.compile(r"(?<![a-z0-9])(igen|fortfarande)(?![a-z0-9])")
# Said of now, in a clause of its own: "och nu tjatar dottern", "det har hänt i år också".
_STILL = re.compile(r"(?<![a-z0-9])(?:nu|numera|fortfarande|i ar|i host|i hostas|i somras|i varas|"
                    r"forra (?:veckan|manaden)|senast|nyligen)(?![a-z0-9])")
# "började han igen" tells when it began again, then: not that it goes on now.
_BEGAN_AGAIN_THEN = re.compile(r"(?<![a-z0-9])borjade(?:\s+(?:han|hon|hen|de))?\s+igen(?![a-z0-9])")


def _goes_on_now(said: str) -> bool:
    """ "… men har börjat igen nu", "dricker fortfarande": it goes on today; "aldrig igen",
    "inte igen" say that it does not."""
    said = _BEGAN_AGAIN_THEN.sub(" ", said)
    return any(not negated_before(said, m.start()) for m in _NOW.finditer(said))


_STOPPED = re.compile(r"(?<![a-z0-9])(slutade|slutat|lade av|la av|lagt av)(?![a-z0-9])")


def _in_window(question: Question, own: list[Clause], value: bool | None) -> bool | None:
    """An event question about a period ("… det senaste året?") answered with when:
    - "ja men det var för två år sen", "fick avslag för tre år sen, inget sen dess": it
      happened, wholly before the period, and not since: no;
    - "slutade med amfetamin för tre år sen": stopped before the period: no; "slutade
      röka på i somras": used within it: yes.
    Anything less clear keeps the value read (None when the time lies outside)."""
    months = _window(question)
    text = ", ".join(c.raw for c in own)
    found = read_months_ago(text, today()) if months is not None else []
    # "dubbelt så mycket som förra året" compares with a time; it is not when.
    found = [ago for ago in found
             if fold(text[:ago.start]).split()[-1:] not in (["som"], ["an"])]
    if not found:
        return value
    before = all(ago.low > months for ago in found)
    within = all(ago.high <= months for ago in found)
    if value is True:
        if before and (denies_since(text) or any(WHEN_CLAUSE.match(c.said) for c in own[1:])):
            return False
        if question.tense == "past" and _RECENTLY_ONLY.search(fold(question.text)) and within and \
                any(ago.high > _RECENT_MONTHS for ago in found):
            # "nyligen" is the last months ("nyligen" read as a time is 0-3 months back,
            # bot/reading/time.py): "mamma dog i mars" may or may not be recent: asked
            return None
        # "för ett år sedan" may lie on either side of the year: asked, unless it goes on
        # ("… men har börjat igen nu").
        return True if within or _goes_on_now(fold(text)) else None
    rest = without_denials_of_since(text)
    if value is None and _STOPPED.search(rest) and not NEGATION.search(rest):
        return False if before else True if within else None
    return value


_RECENTLY_ONLY = re.compile(r"(?<![a-z])nyligen(?![a-z])")
_RECENT_MONTHS = 7  # "i somras" is recent, "i mars" is not


_CONTRASTS = ("men", "fast", "dock")


def _follows_contrast(clause: Clause) -> bool:
    """The clause comes after "men" or "fast", or begins with one or with "dock": the one
    reading of "after men" for the rules on folded clauses."""
    return clause.joined_by in _CONTRASTS or bool(_CONTRAST_WORD.match(clause.said))


_CONTRAST_WORD = re.compile(rf"^(?:men|{CONJUNCTION_FAST}|dock) ")


def _contrasts_after(parts: list[Clause], own, *, over_commas: bool = True):
    """Each clause of `own` with the clause that follows it after "men", "fast" or "dock"
    (with the commas after it, "fast hennes enda barn, dottern på 16, bor hos henne …"), and
    that clause's words without the contrast word: what the rules on "an answer, then men"
    read."""
    for i, clause in enumerate(parts[:-1]):
        if any(clause is c for c in own):
            after = continued(parts, i + 1) if over_commas else parts[i + 1]
            if _follows_contrast(after):
                yield clause, after, _CONTRAST_WORD.sub("", after.said)


def _theirs(said: str) -> bool:
    """Folded words whose subject is another person ("systern ställer upp")."""
    return someone_else_first(Clause(said, said))


def _gate_own(modules, question: Question, own):
    """For an area's opening question, the clauses about it alone: "men a-kassan har inte
    kommit igång" speaks of a later question in the area, not against the area."""
    if not question.is_gate:
        return own
    return [own[0], *(c for c in own[1:] if named_questions(modules, c) <= {question.id})]


_BARE_SENTENCE = re.compile(r"\s*(?:ja|jo|japp|nej|nä|nää|nix)(?:\s+(?:ingen|inget|inga|aldrig|då))?"
                            r"[.!]\s+")


def _contrasted(text: str, own, denies: bool = True, skip=lambda clause: False,
                sentences: bool = False) -> bool:
    """A clause about the question that follows "men" and denies: "har nedsatt
    arbetsförmåga men inget intyg" (or, with `denies` False, affirms: "nej men mamman är
    orolig"). A denial after "men" about something else ("har körkort men ingen bil")
    does not count, nor one `skip` leaves out (the yes itself: "ont i ryggen men ingen
    sjukpenning" on sickness without sick pay). With `sentences`, a bare answer as a
    sentence of its own and a sentence after it stand as "men" does: "Nej. Systern sa åt
    henne att dra ner i somras." (an event told after a no, on the items of events)."""
    lowered = (text or "").lower()
    bare = sentences and _BARE_SENTENCE.match(lowered)
    for clause in own[1:]:
        if skip(clause) or bool(NEGATION.search(clause.said)) is not denies:
            continue
        if _follows_contrast(clause):
            return True
        if bare and lowered.find(clause.raw.lower()) >= bare.end():
            return True
    return False


# Words of a clause that says nothing of its own and so speaks of what came before it
# ("men inte nu", "fast inte längre", "men det har han inte").
_FUNCTION_WORDS = frozenset(("inte", "ingen", "inga", "inget", "nu", "langre", "just", "idag",
                         "numera", "det", "den", "de", "dem", "han", "hon", "hen", "har", "ar",
                         "men", "fast", "dock", "riktigt", "alls", "heller", "an", "annu", "sa",
                         "mycket", "lika", "nagot", "nat", "nagra", "nan", "ju",
                         "egentligen", "aldrig"))


def _of_other_questions(modules, question: Question, clause: Clause) -> bool:
    named = named_questions(modules, clause)
    return bool(named) and question.id not in named


def _no_then_men(modules, question: Question, parts, fact_of) -> bool:
    """A no, and right after it "men" or "fast" and a clause that affirms something the
    bank does not place under another question: "nä inga skulder, fast hyran e sen den här
    månaden", "ingen hyresskuld men vräkningsanm kom ändå". What "men" concedes may be the
    question's answer in words the bank does not know, so the no is asked back, not stored
    (precision before recall: one turn against a wrong no). A "men" later in the message
    speaks against what is just before it, not against the no."""
    return any(not NEGATION.search(after.said) and not _says_nothing_of_its_own(after)
               and not _of_other_questions(modules, question, after)
               and not _of_before(after, question) and (fact_of(after) or (None,))[0] is not False
               for _, after, _ in _contrasts_after(parts, _the_no(parts)))


_NOT_YET = re.compile(r"^(?:nej\s+)?(?:inte|inga|ingen|inget)\s+(?:[a-z]+\s+)?(?:an|annu)$")
_IT_WAS_THEN = re.compile(r"^(?:det|den|de|dom) (?:var|hande|hande sig) (?:for |lange |ju )")


def _yes_put_before(question: Question, parts, own) -> bool:
    """A yes, and after "men"/"fast" a clause that puts it a year or more back ("fast det
    var för fem år sen", "men det var länge sedan"): of before, on a question of today."""
    if question.tense == "past":
        return False  # an event ever: "hade", "förut" do not deny it
    for _, after, said in _contrasts_after(parts, own):
        if _IT_WAS_THEN.match(said) and (
                "lange" in said.split() or
                any(ago.low >= 12 for ago in read_months_ago(after.raw, today()))):
            return True
    return False


def _the_no(parts):
    """The clauses that say the no: the first, and each denial straight after it ("nej,
    inga skulder")."""
    lead = parts[:1]
    for clause in parts[1:]:
        if not NEGATION.search(clause.said) or _follows_contrast(clause):
            break
        lead.append(clause)
    return lead


def _says_nothing_of_its_own(clause: Clause) -> bool:
    return set(clause.said.split()) <= _FUNCTION_WORDS


DOUBTED = re.compile(r"(?<![a-z0-9])(misstanker|misstanks|misstankt|tror jag|jag tror|vet inte om"
                      # a belief of a state now, hers or another's: "han tror själv att han
                      # har autism", "skolan tror att hon är deprimerad" (not of what is to
                      # come: "hon tror att hon får ta över kontraktet")
                      r"|tror (?:sjalv |nog )?att (?:hon|han|hen|klienten) (?:kanske )?"
                      r"(?:har|ar|mar|dricker|super|tar|roker|knarkar|anvander|slar|blir slagen)"
                      # the case worker's impression: "jag upplever henne som deprimerad"
                      r"|(?:upplever|uppfattar) (?:henne|honom|hen|klienten) som"
                      r"|ger (?:ett )?intryck"
                      r"|vet inte ens om|(?:jag|vi) vet inte (?:vad|vilket|vilken)"
                      r"|jag fragar (?:hen|henne|honom) forst"
                      r"|oklart om|osakert om|paster|forneka\w*)(?![a-z0-9])")
SUSPECTED = re.compile(r"(?<![a-z0-9])(misstankt|misstankta|utreds|utredning|eventuell|eventuellt"
                        r"|kanske|troligen|mojligen|oklart)(?![a-z0-9])")
# The state held before the time said too: "… innan heller", "inte heller före det".
# Words beside a time ago that leave it the whole answer ("för två år sedan ungefär").
_BARE_TIME_WORDS = frozenset(("ungefar", "typ", "ca", "cirka", "runt", "kanske", "nog", "det",
                              "var", "ar", "ja", "sedan", "sen", "i", "alla", "fall", "iaf"))
_BEFORE_TOO = re.compile(r"(?<![a-z0-9])(?:(?:innan|fore|tidigare|dessforinnan|forut)"
                         r"(?:\s+dess|\s+det)?\s+heller|heller\s+(?:innan|fore|tidigare|forut))"
                         r"(?![a-z0-9])")
_PART_OF = re.compile(r"(?<![a-z0-9])(varav|utom|forutom|bortsett fran)(?![a-z0-9])")
_JOINED_BY = re.compile(r"^(och|men|samt|plus|dessutom|fast)\b")


# "Nej. Hon jobbar heltid …": a yes or no that is a sentence of its own.
_OWN_SENTENCE = re.compile(r"^\s*\w+\s*[.!]+(?:\s|$)")


def _leading_answer_joined(modules, question: Question, parts, answered=frozenset(),
                           text: str = ""):
    """ "nej, hon har inga barn": a bare yes or no that only leads into a clause about
    another subject belongs to that clause, not to the open question. Joined by "och",
    "men" ("ja, och de växer"), or a sentence of its own ("Nej. Hon jobbar heltid."), it
    stands on its own and answers the question."""
    if len(parts) < 2 or parts[0].said not in BARE_ANSWERS:
        return parts
    # The joining word may be the split's own ("ja och hon har …" splits before "hon").
    between = fold(text)[len(parts[0].said):] if fold(text).startswith(parts[0].said) else ""
    if _JOINED_BY.match(fold(parts[1].raw)) or _JOINED_BY.match(between.strip()):
        return parts
    if _OWN_SENTENCE.match(text):
        return parts
    second = parts[1]
    # Only a question still open can take the yes or no: one answered before is changed
    # by a correction, not by a yes said to another question ("nej, hyran betalas direkt
    # av soc" about the risk of eviction, the rent arrears answered already).
    named = named_questions(modules, second)
    by_id = questions_of(modules)
    if not named - set(answered) or about(modules, question, second):
        return parts
    if any(by_id[q].module == question.module for q in named) and not any(
            read_fact(by_id[q], second) is not None for q in named - set(answered)
            if by_id[q].module == question.module):
        return parts  # an elaboration in the same area answers it
    # "ja, hon har skulder hos inkasso …" on a refusal of assistance: the clause states
    # another question's fact, whose yes it may be.
    merged = Clause(f"{parts[0].raw}, {second.raw}", f"{parts[0].said} {second.said}")
    return [merged, *parts[2:]]


def _bare_answer_in_doubt(modules, question: Question, parts, joined) -> Reading | None:
    """ "ja, kompisen vill att han flyttar ut" on the risk of eviction: the yes leads into a
    clause that names another subject (a friend) but states nothing of it, so the yes is
    most likely this question's. Likely, not sure: asked back ("Menar du ”ja” …?"), never
    stored. When the clause states a fact of its own ("ja hon är inskriven på AF"), the
    yes may be that fact's, and nothing is offered for the open question."""
    if question.type not in ("yes_no", "choice") or joined is parts or len(parts) < 2:
        return None
    by_id = questions_of(modules)
    second = parts[1]
    if any(read_fact(by_id[q], second) is not None for q in named_questions(modules, second)):
        return None
    if question.type == "choice":
        # "nej han ser inget problem" on DUDIT 9: the no is its option's word ("Aldrig").
        option = named_exactly(question, parts[0].raw)
        if option is None:
            return None
        return Reading(option.value, describe(question, option.value, modules), sure=False)
    value = understand_yes_no(parts[0].raw, gate=question.is_gate)
    if value is None:
        return None
    return Reading(value, describe(question, value, modules), sure=False)


def _split_leading_answer(modules, question: Question, parts: list[Clause]) -> list[Clause]:
    """ "nej bara CSN": a yes or no said first in a clause about something else is its own
    clause, so that the rules for a leading answer apply (a clause about the question keeps
    its words together)."""
    if not parts or about(modules, question, parts[0]):
        return parts
    words = parts[0].said.split()
    raw = parts[0].raw.split()
    if len(words) < 2 or words[0] not in BARE_ANSWERS or len(raw) != len(words):
        return parts
    return [Clause(raw[0], words[0]), Clause(" ".join(raw[1:]), " ".join(words[1:])), *parts[1:]]


# Another person named first: "hennes man …", "sonen …" (word groups in data/vocabulary.yml).
_AT_HOME = re.compile(r"(?<![a-z0-9])(bor hemma|bor kvar hemma|bor hos (henne|honom|klienten|"
                      r"oss)|bor med (henne|honom)|varannan (vecka|helg)|vaxelvis|hemmavarande|"
                      r"har (dem|barnen|honom|henne) (hos sig|varannan|ibland|pa))"
                      r"(?![a-z0-9])")


def _children_elsewhere_only(question: Question, parts) -> bool:
    """The children's opening question, and the message says they live elsewhere and
    none at home ("två barn men de bor hos sin mamma"; not "en bor hemma, en hos pappan")."""
    return question.module == "barn" and question.is_gate and children_elsewhere(parts) \
        and not any(_AT_HOME.search(c.said) for c in parts)


def _takes_it_back(parts, is_about) -> bool:
    """A yes said first and a no at the head of a later clause about the same question, or
    the other way round ("ja. syster sa … nej hon tar inga droger" answers two questions)."""
    heads = [understand_yes_no(c.said.split()[0]) for i, c in enumerate(parts)
             if c.said and c.said.split()[0] in BARE_ANSWERS and (i == 0 or is_about(c))]
    return len(set(h for h in heads if h is not None)) > 1


# The client set against someone else, as a clause of its own: "men inte hon (själv)".
# After another person's yes: "men inte hon", "men hon själv har inga", "själv har hon inget".
_NOT_HER = re.compile(r"^(?:men |fast )?(?:inte (?:hon|han|hen|klienten)(?: sjalv)?|"
                      r"(?:hon|han|hen|klienten) sjalv (?:har|ar|gor|tar) (?:inga|ingen|inget|inte)"
                      r"(?: det| nagra| nagot| nagon)?|sjalv (?:har|ar|gor|tar) (?:hon|han|hen) "
                      r"(?:inga|ingen|inget|inte)(?: det| nagra| nagot| nagon)?)$")
_CLIENT_HERSELF = re.compile(r"^(?:men |fast )?(?:(?:hon|han|hen|klienten) sjalv|sjalv)"
                             r"(?![a-z0-9])")


# On a harm item, the client's use named in a clause about someone else: "… när hon var
# full", "… av hennes drickande" (the pronoun or possessive the client's).
_WHEN_USING = re.compile(r"(?<![a-z0-9])(?:nar|da|eftersom)\s+(hon|han|hen)\s+(?:var|blev|hade|tog|drack)"
                         r"(?![a-z0-9])")
_USE_OF = re.compile(r"(?<![a-z0-9])(hennes|hans|hens|klientens|sitt|sin)\s+(?:drickande|drogande|"
                     r"knarkande|missbruk|fylla|berusning|anvandning|drogbruk)(?![a-z0-9])")
_PRONOUN = {"kvinna": "hon", "man": "han", "hennes": "hon", "hans": "han", "hens": "hen"}
_POSSESSIVE_OF = {"hon": "hennes", "han": "hans", "hen": "hens"}


def _someone_elses_use(own, answers: Mapping[str, Any]) -> bool:
    """A harm item told of another person ("hennes sambo bröt handen när han var full",
    "hennes kompis överdoserade"): the harm counts only if the client's use caused it, and
    that is said only when the client's pronoun or possessive names the use."""
    first = own[0]
    if not someone_else_first(first):
        return False
    said = first.said
    pronoun = _PRONOUN.get(said.split()[0]) or _PRONOUN.get(str(answers.get("client_sex")))
    if pronoun is None:
        return True
    used = _WHEN_USING.search(said)
    of = _USE_OF.search(said)
    return not ((used and used.group(1) == pronoun) or
                (of and of.group(1) in (_POSSESSIVE_OF[pronoun], "klientens", "sitt", "sin")))


# A clause that names an exception to the one before it: "…, bara grannen", "…, utom
# mamman" (not "bara att …", "utom när …").
_EXCEPTION_NEXT = re.compile(r"^(?:men\s+|fast\s+)?(?:bara|utom|forutom|forutan|utover|bortsett|endast|"
                             r"mer an)\s+(?!(?:att|nar|om|det|for|sa|da|lite|nu|ibland)(?![a-z0-9]))")


_PEOPLE = frozenset({"granne", "grannen", "grannar", "grannarna", "kollega", "kollegan",
                     "kollegor", "kollegorna", "nagon", "nan", "kontaktperson",
                     "kontaktpersonen"})


@functools.cache
def _people() -> frozenset[str]:
    return _PEOPLE | folded_group("kin", "others")


_IN_TOUCH = re.compile(r"(?<![a-z0-9])(?:pratar med|traffar|traffas|ses|ringer|har kontakt|"
                       r"hjalper|staller upp|stottar|bor hos|umgas med)(?![a-z0-9])")


def _kin_in_touch_after(parts) -> bool:
    """A later clause, not denied, with a relative the client is in touch with."""
    return any(not NEGATION.search(c.said) and _IN_TOUCH.search(c.said)
               and folded_group("relative", "kin") & set(c.said.split()) for c in parts[1:])


def no_in_part(parts, own) -> bool:
    """A no that the next clause excepts ("inga vänner kvar, bara grannen") or that is of one
    person ("ingen kontakt med pappan, men mamman ställer alltid upp"): not the question's
    no, for the open question and for a volunteered fact alike."""
    return _excepted_after(parts, own) or _denied_of_one(parts, own)


def _denied_of_one(parts, own) -> bool:
    """A no said of one person ("ingen kontakt med pappan"), then after "men" a clause
    whose subject is another person: the no is not the question's."""
    people = _people()
    for clause, _, said in _contrasts_after(parts, own):
        negation = NEGATION.search(clause.said)
        if negation and people & set(clause.said[negation.end():].split()) and _theirs(said) \
                and not NEGATION.search(said):
            return True
    return False


def _excepted_after(parts, own) -> bool:
    """A no from a clause that the next clause makes an exception of a person to ("han har
    inga vänner kvar, bara grannen"): whether that person answers the question is not
    said. An exception of a thing ("nej, bara CSN", "nej, bara alkohol") leaves the no."""
    people = _people()
    for i, clause in enumerate(parts[:-1]):
        after = _EXCEPTION_NEXT.match(parts[i + 1].said) or _BUT_FOR_THAT.match(parts[i + 1].said)
        if after and (_BUT_FOR.match(parts[i + 1].said) or any(clause is c for c in own) and
                      people & set(parts[i + 1].said[after.end():].split()[:3])):
            # "skulder har han inga, bortsett från CSN": "bortsett från" and "förutom"
            # name what there is after all, where "bara" may narrow ("nej, bara CSN")
            return True
    return False


_BUT_FOR = re.compile(rf"^(?:men\s+|fast\s+)?(?:{'|'.join(EXCEPT_WORDS)})(?![a-z0-9])")
# "lugnt hemma, förutom att hon och exmannen bråkar om vårdnaden": an exception told
_BUT_FOR_THAT = re.compile(rf"^(?:men\s+|fast\s+)?(?:{'|'.join(EXCEPT_WORDS)})(?:\s+fran)?\s+att\s+")


_OTHERS_GROUPS = ("@relative", "@kin", "@others", "@possessive")


def _written_of_another(question: Question, clause: Clause) -> bool:
    """The question's own statement names another person ("@relative gick bort" for a
    life event): the clause about that person is the client's answer."""
    best = longest((*question.yes_statements, *question.no_statements), clause.said)
    return best is not None and best[0].source.split()[0].startswith(_OTHERS_GROUPS)


def _someone_else(own) -> bool:
    """The clause's subject is another person ("sonen knarkar", "hennes sambo röker på"),
    and the client is not named as well ("sonen knarkar men hon själv tar inget")."""
    return someone_else_first(own[0])


def _stated(modules, question: Question, own, fact_of) -> list[Reading]:
    """What the clauses about the question state of it, by its statements; two clauses
    that disagree state nothing."""
    found = [f for f in map(fact_of, own) if f is not None]
    if not found or len({repr(f[0]) for f in found}) != 1:
        return []
    return [Reading(found[0][0], describe(question, found[0][0], modules))]


# "varje gång hon dricker": as often as the instrument's use, said on its first item.
_EVERY_TIME = re.compile(r"^(?:ja\s+)?(?:(?:nastan|i stort sett)\s+)?(?:varje|varenda) gang(?![a-z0-9])")


def _every_time(modules, answers: Mapping[str, Any], question: Question,
                text: str) -> Reading | None:
    """ "varje gång han dricker" on AUDIT 3-8 or DUDIT 2-9: as often as the client drinks
    or uses, as already answered on the instrument's item about how often (AUDIT 1, DUDIT
    1), placed on this item's scale. Sure only when that lands on one option ("2–3 gånger
    i veckan" is "Varje vecka"); "2–4 gånger i månaden" may be monthly or weekly, and is
    asked back with both."""
    said = fold(text)
    if question.type != "choice" or not _EVERY_TIME.match(said) or NEGATION.search(said) \
            or read_frequencies(text):
        return None
    use = next((q for q in module_of(modules, question).questions if q.frequency_answer), None)
    if use is None or use is question or use.id not in answers:
        return None
    option = use.option_for(answers[use.id])
    if option is None or option.per_month is None or \
            not any(o.per_month for o in question.options):
        return None
    placed = place_range(*option.per_month, question.options, lambda o: o.per_month,
                         text=text)
    if placed.certainty is Certainty.SURE:
        value = placed.option.value
        return Reading(value, describe(question, value, modules))
    if placed.certainty is Certainty.LIKELY:
        first = placed.options[0]
        return Reading(first.value, first.label, sure=False,
                       alternatives=tuple(o.label for o in placed.options))
    return None


def _says_none(question: Question, value: Any) -> bool:
    """The answer is an instrument item's "Nej" or "Aldrig" (0 points)."""
    option = question.option_for(value) if question.type == "choice" else None
    return option is not None and option.key is None and option.score == 0


_THEN_WORDS = words_pattern((*PAST_WORDS, "var", "blev", "nar"))


def _of_before(clause: Clause, question: Question | None = None) -> bool:
    """The clause tells of a time before now ("men pappan var alkoholist när hon var liten",
    "men hon satt på heroin för tio år sen"): it does not go back on today's no. A time
    inside the period the question asks about ("men de växte i våras", to "… det senaste
    året?") is no time before it."""
    # "sedan systern blev inlagd i november": since then, so it goes on now
    found = [ago for ago in read_months_ago(clause.raw, today())
             if not re.search(r"(?:sedan|sen|fran och med)\b[^,.]*$", fold(clause.raw[:ago.start]))]
    months = _window(question) if question is not None else None
    if found and months is not None and all(ago.high <= months for ago in found):
        return False
    # a past verb inside "sedan …" dates the start, not the state: "sover hos henne sedan
    # systern blev inlagd" goes on now
    main = _SINCE_ON.sub("", clause.said)
    return bool(_THEN_WORDS.search(main) or found)


_CHANGED_SINCE = re.compile(r"(?<![a-z0-9])(?:sedan dess|numera)(?![a-z0-9])")
_SINCE_ON = re.compile(r"(?<![a-z0-9])(?:sedan|efter att)\s.*$")


# A no said first, bare or in so many words: "nej", "inget särskilt", "inte vad hon vet".
_A_NO_FIRST = re.compile(r"(?:nej|nix|na|nae|inget|ingenting|inte)(?![a-z0-9])")


_FAST_FIRST = re.compile(rf"^{CONJUNCTION_FAST} ")  # "fast" as although, not "fast anställd"


def _bare_no_then_fast(modules, question: Question, parts) -> bool:
    """A bare no, then "fast" (although) and a clause of its own that tells of now: "nej
    inget speciellt, fast hon fick sparken i november". What it concedes may be the
    question's answer in words the bank does not know, so the no is not stored."""
    if not parts or not _A_NO_FIRST.match(parts[0].said):
        return False
    for c in parts[1:]:
        if (c.joined_by == "fast" or _FAST_FIRST.match(c.said)) and \
                not NEGATION.search(c.said) and \
                not _says_nothing_of_its_own(c) and not _THEN_WORDS.search(c.said) and \
                not _outside_window(question, c.raw) and \
                (question.is_gate or not _of_a_sibling(modules, question, c)):
            # an area's gate: another question of the area after "fast" leaves it open
            return True
    return False


def _of_a_sibling(modules, question: Question, clause: Clause) -> bool:
    """The clause names another question of the same area and not this one ("fast hon
    nämnde ett lån" on the benefit question is the debts question's): its area would have
    named this one. Across areas the words may be this question's matter in other words
    ("fast hon fick sparken" on a life event)."""
    named = named_questions(modules, clause)
    return question.id not in named and any(
        q.id in named for q in module_of(modules, question).questions)




def _a_follow_up_said(modules, question: Question, parts) -> bool:
    """A clause without a negation names a question asked only when this one is yes
    ("Finns skulderna hos Kronofogden?" after "Har klienten skulder?"): the no is not sure."""
    follow_ups = {q.id for m in modules for q in m.questions
                  if (question.id, True) in q.when}
    return bool(follow_ups) and any(
        named_questions(modules, c) & follow_ups and not NEGATION.search(c.said)
        for c in parts)


def _of_another_substance(modules, question: Question, clause: Clause) -> bool:
    """The clause speaks of another instrument's substance and not of this one's."""
    own = module_of(modules, question)
    words = [(m, area_words(m)) for m in modules if m is not own
             and any(instrument_item(q) for q in m.questions)]
    mine = area_words(own)
    return any(w is not None and w.search(clause.said) for _, w in words) and not (
        mine is not None and mine.search(clause.said))


def _with_when(question: Question, parts: list[Clause], own: list[Clause]) -> list[Clause]:
    """On an item about whether and when something happened, the clause right after the
    answer that tells when is the answer's, whoever it names ("ja flera, senast kompisen i
    helgen")."""
    if not own or not question.options or scale_kind(question) != "event":
        return own
    mine = {id(c) for c in own}
    return [c for i, c in enumerate(parts) if id(c) in mine or (
        i > 0 and id(parts[i - 1]) in mine and WHEN_CLAUSE.match(c.said))]


_POINTS_BACK = re.compile(r"^(?:men |fast |dock )?(?:det|den|de|dom) (?:ar|var|har|blev|gar|"
                         r"kommer)\b")


_IT = re.compile(r"(?<![a-z0-9])(det|den|dem|kontraktet|lagenheten|pengarna)(?![a-z0-9])")


def _someone_elses_but(question: Question, parts: list[Clause], own: list[Clause]) -> bool:
    """A situation of the client's (a contract, an income) that the clause after it, after
    "men", gives to someone else: "har förstahandskontrakt men sambon står på det", "a-kassa
    men sambon betalar det mesta" ("Kvinna, 44. … men sambon står på kontraktet" leaves her
    sex hers). Not on the instruments' items, whose answers are how often."""
    if instrument_item(question):
        return False
    # ("men dottern säger att det ligger påminnelser": an account, not whose it is)
    return any(_theirs(said) and _IT.search(said) and not _THEY_SAY.search(said)
               for _, _, said in _contrasts_after(parts, own, over_commas=False))


def _qualified_yes(modules, question: Question, text: str, parts: list[Clause]) -> bool:
    """A bare yes, then "men" or "fast" and a clause about "det" that names no question
    of its own ("ja, fast det är indraget", "ja men det är länge sen"): what it takes back
    is not known, so nothing is stored."""
    if not parts or parts[0].said not in BARE_ANSWERS or _OWN_SENTENCE.match(text):
        return False  # "ja. Förra året hade hon skulder men de är betalda nu": a yes alone
    for clause in parts[1:]:
        if _follows_contrast(clause) and \
                (_POINTS_BACK.match(clause.said) or someone_else_first(clause)) and \
                not named_questions(modules, clause) and not WHEN_CLAUSE.match(clause.said):
            # "ja, fast flickvännen ringde mitt i": another person in it, the yes in part
            return True
    return False


# After a yes, "men" and what makes it matter less or hold only part of the time: "men det
# påverkar inte", "fast det märks inte", "men det är inget problem"; "men dottern sover där
# varannan vecka".
_NO_MATTER = re.compile(r"^(?:men |fast |dock )?(?:(?:det|den|hon|han|hen)\s+)?(?:(?:paverkar|marks|stor|"
                        r"hindrar|begransar)(?:\s+(?:henne|honom|hen))?\s+(?:inte|inget|inte alls)|"
                        r"(?:ar|gor) (?:inget|inte nagot|inte nat) problem|ar inte darfor|"
                        # "men jobbar ändå fullt": the yes does not reach work
                        r"(?:jobbar|arbetar|klarar jobbet|klarar sig|fungerar) (?:anda|som vanligt))"
                        r"(?![a-z0-9])")
# After a yes, "men" and that it is taken away: "har körkort men det är indraget", "har
# skulder men de är betalda nu".
_TAKEN_AWAY_AFTER = re.compile(r"^(?:men |fast |dock )?(?:(?:det|den|de|dom)\s+)?"
                               r"(?:ar|har blivit|har|blev)\s+(?:indraget|indragen|indragna|"
                               r"aterkallat|aterkallad|sparrat|sparrad|ogiltigt|ogiltig|utgatt|"
                               r"avstangd|avstangt|dragits in|"
                               # "skulder hos kfm, men de är betalda nu": none left
                               r"betald|betalda|betalt|avbetald|avbetalda|avbetalt|avskriven|"
                               r"avskrivna|avskrivet|borta|nedlagd|nedlagt|avslutad|avslutat)"
                               # "en orosanmälan men den lades ner": no longer held
                               r"|^(?:men |fast |dock )?(?:det|den|de|dom)\s+(?:lades ner|lades ned|"
                               r"har lagts ner|lagts ner|avslutades|avskrevs|drogs tillbaka|"
                               r"togs tillbaka|skrevs av)"
                               r"(?![a-z0-9])")
_PART_TIME = re.compile(r"(?<![a-z0-9])(?:varannan|var tredje|ibland|halva tiden|delvis|"
                        r"pa helgerna|nagra dagar|nagra natter|"
                        # "men flickvännen sover där för de mesta": most of the time
                        r"for (?:det|de) mesta|mestadels|oftast|nastan (?:alltid|varje)|"
                        r"de flesta (?:natter|natterna|dagar|dagarna|helger|helgerna))(?![a-z0-9])")


def _yes_in_part(parts: list[Clause], own) -> bool:
    """A yes stated in a clause and, after "men"/"fast", said not to matter or another
    person there part of the time: the yes holds in part, and which way is asked."""
    return any(_NO_MATTER.match(after.said) or _TAKEN_AWAY_AFTER.match(after.said)
               or (_theirs(said) and _PART_TIME.search(said))
               for _, after, said in _contrasts_after(parts, own))


def held_in_part(modules, question: Question, value: Any, parts: list[Clause],
                  own: list[Clause]) -> bool:
    """A yes or an option that what follows "men" or "fast" holds in part only, or gives to
    someone else. One rule for the open question's answer and for a fact volunteered
    beside it ("har körkort men det är indraget" in an intake note): `own` are the clauses
    the value was read from, `parts` the message's clauses in order."""
    if question.type == "yes_no":
        # an area's gate: what "men" takes from a later question's clause ("hade skulder men
        # de är betalda nu" after "ja") is that question's
        return value is True and _yes_in_part(parts, _gate_own(modules, question, own))
    if question.type != "choice":
        return False
    return _someone_elses_but(question, parts, own) or (
        value is not None and (_qualified_option(modules, question, value, parts, own)
                               or _another_option_after(modules, question, value, parts, own)))


def _another_option_after(modules, question: Question, value: Any, parts: list[Clause],
                          own: list[Clause]) -> bool:
    """An option, then after "men" a clause that reads another option of the question:
    "har förstahandskontrakt men bor för det mesta hos pojkvännen", "har bott på gatan, men
    sedan en månad har han en försökslägenhet". Which holds today is asked."""
    if instrument_item(question):
        return False
    for _, after, said in _contrasts_after(parts, own):
        if NEGATION.search(after.said) or _theirs(said):
            continue  # "men FK har inte fattat beslut", "men exmannen betalar inget underhåll"
        other = read_answer(question, after.raw, modules)
        if other is not None and other.value != value:
            return True
        if other is None and ELSEWHERE.search(after.said) and \
                question.id in named_questions(modules, after):
            # "har förstahandskontrakt men bor för det mesta hos pojkvännen": she lives
            # elsewhere, in words no option holds
            return True

    return False


# A no held only at some times: "dricker inte när barnen är hemma", "tar inget när hon
# jobbar"; not "inte ens när" (never, even then), nor the items' own "när hen väl börjat".
_NOT_WHEN = re.compile(r"(?<![a-z0-9])(?:inte|aldrig|inget|inga|ingen|ej)\s+(?!ens\s)(?:[a-z]+\s+){0,3}?"
                       r"(?:nar|medan|sa lange)\s+(?!(?:som|da|(?:han|hon|hen) val)(?![a-z0-9]))")
_IF_EVER = re.compile(r"(?<![a-z0-9])(?:om ens (?:nagonsin|det|alls)?|om alls|om nagonsin|"
                      r"knappt ens|eller aldrig)(?![a-z0-9])")
# "men sedan hon började jobba …", "men sedan dess", "men numera": from then on, otherwise
_FROM_THEN_ON = re.compile(r"^(?:sedan|numera|nu for tiden)(?![a-z0-9])")
_ANOTHER_RATE = re.compile(r"(?<![a-z0-9])(?:en gang|\d+ ganger|[a-z]+ ganger|bara|aldrig|inte|"
                           r"mindre|mer|oftare|sallan)(?![a-z0-9])")


_UNTIL = re.compile(r"(?<![a-z0-9])(?:tills|till dess|fram till)(?![a-z0-9])")
_NOW_WORD = re.compile(r"(?<![a-z0-9])(?:nu|numera|idag|i dag)(?![a-z0-9])")


def _rate_changed(parts: list[Clause]) -> bool:
    """A rate, then after "men" a clause from a later time on with another: the answer
    over the period is not one option."""
    if any(_follows_contrast(c) and _FROM_THEN_ON.match(_CONTRAST_WORD.sub("", c.said))
           and (read_frequencies(c.raw) or _ANOTHER_RATE.search(c.said)) for c in parts[1:]):
        return True
    # "drack varje dag tills han åkte fast för en månad sen. Nu har han slutat": a rate up
    # to a time, and another now
    until = next((i for i, c in enumerate(parts) if _UNTIL.search(c.said)), None)
    return until is not None and any(_NOW_WORD.search(c.said) or _STOPPED.search(c.said)
                                     for c in parts[until + 1:])


_SENTENCE_ENDS = frozenset(".!?")


def _how_often_used(modules, question: Question) -> bool:
    """The instrument's first item, how often the client drinks or uses (AUDIT 1, DUDIT
    1): every sentence about drinking or drugs is about it."""
    items = [q for q in module_of(modules, question).questions if instrument_item(q)]
    return bool(items) and items[0] is question


def _sentences_naming(modules, question: Question, parts: list[Clause], own: list[Clause]):
    """On an instrument's later item, where a sentence names the item, the clauses of the
    sentences that do: "Hon tar ketamin en gång i månaden. Hon kan sluta när hon vill" on
    not being able to stop: the month is how often she uses, not how often she could not
    stop."""
    sentence, of = 0, {}
    for c in parts:
        sentence += c.joined_by in _SENTENCE_ENDS
        of[id(c)] = sentence
    naming = {of.get(id(c)) for c in own if question.id in named_questions(modules, c)}
    # a bare answer is the question's wherever it stands: "Nej. Systern sa åt henne …"
    kept = [c for c in own if of.get(id(c)) in naming or c.said in BARE_ANSWERS]
    return kept if naming and kept else own


_SHARE_OF_TIME = re.compile(r"(?<![a-z0-9])(?:pa|om) (?:formiddag|eftermiddag|kvall|morgon|morgn|"
                            r"vardag|helg)\w*|(?:\d|en|tva|tre|fyra) dagar? (?:i|per|om) veckan|"
                            r"halvtid|resten av tiden|resten(?= \w)(?![a-z0-9])")


def _time_shared(modules, question: Question, parts: list[Clause]) -> bool:
    """Two clauses about the question, one of them a share of the time: "SFI på
    förmiddagarna och praktik via AF på eftermiddagarna" is two activities, neither the
    main one."""
    if not any(_SHARE_OF_TIME.search(c.said) for c in parts):
        return False  # most messages: no share of time, so no clause need be attributed
    about_it = [c for c in parts if question.id in named_questions(modules, c)]
    shares = sum(len(_SHARE_OF_TIME.findall(c.said)) for c in about_it)
    # "studerar på komvux halvtid, resten a-kassa": the rest of the time is another's
    rest = any(c.said.startswith("resten") for c in parts if c not in about_it)
    return shares > 1 or (len(about_it) > 1 and shares > 0) or (shares > 0 and rest)


def _reads_as(modules, question: Question, clause: Clause, value: Any) -> bool:
    reading = read_answer(question, clause.raw, modules)
    return reading is not None and reading.value == value


def _qualified_option(modules, question: Question, value: Any, parts: list[Clause],
                      own: list[Clause]) -> bool:
    """An option read from a clause that "men" or "fast" goes on from with a limiting
    clause that names no other matter than it: "bra vardagssvenska men svårt att skriva",
    "pratar bra svenska men kan inte läsa eller skriva på svenska". The second half
    qualifies the first in a way the options do not hold, so nothing is stored. Another
    person's clause is theirs ("har lön, men exmannen betalar inget underhåll"). (The
    instruments' items have `not_so_if` instead.)"""
    if instrument_item(question):
        return False  # the instruments' items: "men inte senaste året" is their answer
    for clause, after, _ in _contrasts_after(parts, own, over_commas=False):
        named = named_questions(modules, after)
        limits = (_LIMITING.search(after.said) and not someone_else_first(after)
                  and named <= named_questions(modules, clause) | {question.id}
                  and not _FALLS_SHORT.search(after.said)) or (
            _GIVEN_AWAY.search(after.said) and question.id in named)
        if limits and not _says_nothing_of_its_own(after) and not WHEN_CLAUSE.match(after.said) \
                and _reads_as(modules, question, clause, value):
            # "förstahandskontrakt men har hyrt ut lägenheten": the option in part only;
            # "ingen inkomst, sökt sjukpenning men FK har inte beslutat" limits the
            # application, not the option
            return True
    return False


def _not_so(question: Question, value: Any, text: str) -> bool:
    """A frequency of the item said with words that deny its condition (`not_so_if` in the
    bank): "men hon står emot" to cravings she could not resist. "Aldrig" stands."""
    if not question.not_so_if:
        return False
    option = question.option_for(value)
    if option is not None and option.per_month == (0, 0):
        return False
    return _says_any(question.not_so_if, text)


def not_the_questions(question: Question, value: Any, text: str) -> bool:
    """The bank's words that deny the question's condition were said with the value
    (`not_so_if` against a frequency or a no, `not_yes_if` against a yes)."""
    if question.type == "yes_no":
        return _says_any(question.not_yes_if if value is True else question.not_so_if, text)
    return _not_so(question, value, text)


@functools.lru_cache(maxsize=4096)
def _clauses_of(text: str) -> tuple[Clause, ...]:
    return tuple(clauses(text))  # the same message is asked about for several questions


def _says_any(sources, text: str) -> bool:
    """One of the bank's phrases said, not negated before it in its clause. Read clause by
    clause ("inga skulder som hon vet. hyran är efter en månad": folded whole, the "inga" of
    the sentence before would seem to negate the rent), on the clauses' normalised words,
    as the phrases are compiled ("psyk" as "psykiatrin")."""
    for clause in _clauses_of(text):
        for source in sources:
            at = compile_phrase(source).find(clause.said)
            if at >= 0 and not negated_before(clause.said, at):
                return True
    return False


# What takes an option back in part: "men svårt att skriva", "fast inte så bra".
_LIMITING = re.compile(r"(?<![a-z0-9])(inte|ingen|inget|inga|svart|svarigt|svag|svaga|"
                       r"dalig|daligt|daliga|knappt|saknar|aldrig)(?![a-z0-9])")
# Money that is not enough is the case's need, not a limit on the option: "lön men den
# räcker inte" is still a wage.
_FALLS_SHORT = re.compile(r"(?<![a-z0-9])(?:racker|gar runt|gar ihop) (?:inte|knappt|aldrig)(?![a-z0-9])")
# What gives the option away, in the question's own words: "men har hyrt ut lägenheten".
_GIVEN_AWAY = re.compile(r"(?<![a-z0-9])(hyrt ut|hyr ut|hyrde ut|lanat ut|lanar ut)(?![a-z0-9])")


def _clients_birth_year(question: Question, text: str) -> bool:
    """The client's age answered with a birth year and no child named: "född" is also a
    child's word ("dottern är född 2019"), so the clause is not found about the age."""
    if question.type != "number" or question.unit != "år" or question.quantity_unit:
        return False
    words = set(fold(text).split())
    return age_from_birth_year(text, today()) is not None and not words & child_words()


def _over_now(question: Question, parts: list[Clause], own: list[Clause]) -> Clause | None:
    """A state of today said to have been so and be over ("hade det förra året men den är
    avbetald nu"): the clause that says it is over, and the answer is no. Not on an event
    asked about a period (its time decides), nor on an area's opening question, which
    only an explicit no closes."""
    if question.tense != "present" or question.is_gate or question.type != "yes_no":
        return None
    mine = {id(c) for c in own}
    over = next((after for c, after in zip(parts, parts[1:], strict=False)
                 if id(c) in mine and over_now(c.said, after.said)), None)
    # Nothing else said beside: "… men inte nu, och hon har nya skulder" is not read.
    return over if over is not None and all(id(c) in mine or c is over for c in parts) \
        else None


# The message corrects itself after its first sentence or clause: "ja han e arbetslös. nej
# vänta, han började på ett bemanningsföretag", "man. eller förlåt, kvinna".
_SELF_CORRECTION = re.compile(r"(?:\s[-–—]|–|—)\s*(?:nej|nä|jo|eller)(?![a-zåäö])[,.!:]?|"
                              r"eller\s*[-–—]|"
                              r"(?:[.,;!]|\s[-–—]|–|—)\s*(?:(?:(?:nej|eller|ah|aj|oj)\s+)?(?:vänta|"
                              r"vanta|förlåt|forlat|sorry|ursäkta|ursakta|jag menar|jag menade|"
                              r"rättelse|rattelse|förresten|forresten|fel av mig|rättare sagt|"
                              r"rattare sagt|eller snarare|jag skrev fel|skrev fel|korrigering)"
                              r"(?![a-zåäö])[,.!:]?|nej(?=\s+(?:oftare|"
                              r"mer|mindre|sällan|sallan|fler|färre|farre|\d|en|ett|två|tva|tre|"
                              r"fyra|fem|sex)\b)"
                              # "Eller nej, en halv", "Eller jo, …", "Nej stryk det, …", "Nej,
                              # jag tittade i fel akt", "Eller, hon hoppade av …", "Eller jag vet
                              # faktiskt inte": the answer before is taken back
                              r"|(?:nej\s*,?\s+|eller\s+)?(?:stryk det|glöm det|strunta i det)"
                              r"(?![a-zåäö])[,.!:]?|eller\s+(?:nej|jo|ja)(?![a-zåäö])[,.!:]?"
                              r"|(?:nej\s*,?\s+)?jag (?:skrev|tittade|läste|lasde|laste|tog|kollade)"
                              r" (?:i )?fel(?![a-zåäö])|eller\s*,"
                              r"|eller(?=\s+(?:oftare|mer|mindre|sällan|sallan|fler)\b)"
                              r"|eller(?=\s+(?:jag\s+)?vet\s+"
                              r"(?:faktiskt\s+)?inte))\s*", re.IGNORECASE)


# A message that is one question to the bot: a question word or a verb first, a question
# mark last ("räknas folköl?", "ska jag skriva exakt som hon sa eller får jag
# sammanfatta?"). Its words name the question's subject without answering it.
QUESTION_BACK = re.compile(
    r"^\s*(?:vad|vilka|vilken|vilket|hur|varför|varfor|vem|när|nar|ska|skall|kan|får|far|"
    r"måste|maste|räknas|raknas|räknar|raknar|ingår|ingar|menar|menas|gäller|galler|"
    r"betyder|spelar|behöver|behover|bör|bor jag|gör|gor|är det|ar det|finns det)\b"
    r"[^.!?]*\?+\s*$", re.IGNORECASE)


def _never_of_the_ability(question: Question, value: Any, parts) -> bool:
    """ "Med GHB kan hon sluta, men aldrig med kolan": the "aldrig" denies the ability said
    before it (she never can), it is no "Aldrig" of the item."""
    if not instrument_item(question) or not _says_none(question, value):
        return False
    return any(_NEVER_WITH.match(c.said) and any(_ABLE.search(b.said) for b in parts[:k])
               for k, c in enumerate(parts) if k)


_NEVER_WITH = re.compile(r"^(?:men |fast )?aldrig (?:med|nar det galler|vad galler|for) \w+")
_ABLE = re.compile(r"(?<![a-z0-9])(?:kan|klarar|lyckas|orkar)(?![a-z0-9])")


def _sober_within_the_year(question: Question, value: Any, text: str) -> bool:
    """ "Never" to an AUDIT or DUDIT frequency item, said with a stop that began inside
    the past twelve months ("nykter sen i somras", "har inte druckit på tre månader",
    "slutade för två månader sen"): the items are read over the past year (the manuals'
    instructions; outside the reports, noted in shared/notes/instruments.md:131), and she
    used within it. How often is asked; "nykter sedan 2019" stays "Aldrig"."""
    if not instrument_item(question) or scale_kind(question) != "frequency" or \
            not _says_none(question, value):
        return False
    now = today()
    return any(_SOBER.search(c.said) and (
        any(d.high < 12 for d in read_durations(c.raw, now))
        or any(ago.high < 12 for ago in read_months_ago(c.raw, now))) for c in clauses(text))


# A stop of use, said in the clause with its time: "nykter sen i somras", "slutade i maj".
_SOBER = re.compile(r"(?<![a-z0-9])(?:nykter|nyktert|drogfri|drogfritt|clean|ren sedan|ren sen|"
                    r"upphorde|avhallsam|inte (?:druckit|tagit|rokt|anvant)|"
                    r"(?:dricker|tar|roker|anvander|knarkar) (?:inte|inget|inga|aldrig))"
                    r"(?![a-z0-9])|" + _STOPPED.pattern)


def _stands_against(modules, question: Question, parts) -> bool:
    """The message states a fact the question's yes cannot stand beside (`not_yes_with` in
    the bank)."""
    facts = all_facts(modules, parts, {question.id})
    return any(f.question_id == qid and value_matches(expected, f.value)
               for qid, expected in question.not_yes_with for f in facts)


@dataclass(frozen=True)
class Slip:
    """A message that corrects itself: all it says before the correction, what of that
    still stands, and what is said after the correction."""
    before: str
    kept: str
    after: str


# A parent named as someone's, after a preposition or a possessive.
_ANOTHERS_KIN = re.compile(r"(?i)(?<![\wåäö])(?:(?:hos|med|till|från|fran)(?:\s+(?:sin|sina|hennes|"
                           r"hans|min|deras))?|sin|sina|hennes|hans|min|deras)\s+(?:mamma|pappa|"
                           r"mor|far|mamman|pappan|modern|fadern|morsan|farsan)(?![\wåäö])")


@per_object
def _kin_options(question: Question) -> bool:
    """Whether the question's options are named by kin words ("mamma" for Kvinna)."""
    return any(fold(w) in folded_group("relative", "kin") for o in question.options for w in o.synonyms)


@functools.lru_cache(maxsize=1024)  # read for the open question and for the facts beside it
def split_at_slip(text: str) -> Slip | None:
    """The slip is the clause just before the correction ("Kvinna, 34 – nej 43": "34"),
    or the whole sentence when the correction begins one ("Lön, hon jobbar på Coop. Nej
    vänta, …"); a bare yes or no before it goes with it ("Ja, hon ringde själv. Nej
    förresten, …"). None when the message does not correct itself."""
    corrected_to = _SELF_CORRECTION.search(text)
    if corrected_to is None or not text[corrected_to.end():].strip():
        return None
    before = text[:corrected_to.start()]
    if text[corrected_to.start()] in ".!":
        sentences = re.split(r"(?<=[.!?])\s+", before.strip())
        kept_clauses = clauses(" ".join(sentences[:-1]))
    else:
        kept_clauses = clauses(before)[:-1]
    kept = ". ".join(c.raw for c in kept_clauses if c.said not in BARE_ANSWERS)
    return Slip(before, kept, text[corrected_to.end():])


def own_reading(modules, question: Question, text: str, parts,
                 answers: Mapping[str, Any] | None = None) -> Reading | None:
    """The answer to the open question, read only from the clauses about it; what the
    message as a whole takes back is decided here, once, for every kind of question."""
    if QUESTION_BACK.match(text or ""):
        return None  # "vad ingår i nätverk egentligen?": a question to the bot, no answer
    slip = split_at_slip(text)
    if slip is not None:
        # What is said after the correction is meant, and shown back to be sure, never
        # stored in silence: the first answer was a slip. When nothing after it answers
        # the question, what stood before the slip still does ("Kvinna, 34 – nej 43": a
        # woman).
        reading = own_reading(modules, question, slip.after, clauses(slip.after), answers)
        if reading is None and slip.kept:
            after = f"{slip.kept}. {slip.after}"
            reading = own_reading(modules, question, after, clauses(after), answers)
        return None if reading is None else dataclasses.replace(reading, sure=False)
    if _kin_options(question) and _ANOTHERS_KIN.search(text):
        # "Bor hos pappa." names the client's father, not the client as one ("pappa, 44")
        text = _ANOTHERS_KIN.sub(" ", text)
        parts = clauses(text)
        if not fold(text):
            return None
    reading = _read_own(modules, question, text, parts, answers)
    if reading is None and question.yes_when_all and \
            all(_says_any(said, text) for said in question.yes_when_all):
        # "maken dricker också och hon vill ha stöd kring det": the two halves of the
        # question in two clauses; shown back, as which "det" is meant is not read
        return Reading(True, describe(question, True, modules), sure=False)
    if reading is None or not reading.sure:
        return reading
    if (reading.value is False or _says_none(question, reading.value)) \
            and (question.type == "yes_no" or _how_often_used(modules, question)) \
            and any(_NOT_WHEN.search(c.said) and (
                question.id in named_questions(modules, c) or not named_questions(modules, c))
                    for c in parts):
        # "hon dricker inte när barnen är hemma": not then, and the other times are not said
        return None
    if scale_kind(question) == "frequency" and not _says_none(question, reading.value) and \
            _frequency_in_part(modules, question, parts):
        # "varje helg, fast inte de helger hon har barnen": how often the exception is, is
        # not said; "inte nu längre. Men förra vintern … varje vecka": a rate of before
        return None
    if _never_of_the_ability(question, reading.value, parts):
        return None  # "Med GHB kan hon sluta, men aldrig med kolan"
    if _sober_within_the_year(question, reading.value, text):
        return None  # "hon e nykter sen i somras": she drank within the year asked of
    if question.quantity_unit == "barn" and _another_child_part_time(parts):
        return None  # "två egna och sambons son varannan vecka": two or three
    if _counted(question) and _another_amount_after(parts):
        return None  # "tre fyra öl på vardagarna, men på lördagarna blir det mer"
    if reading.value is True and question.not_yes_with and _stands_against(modules, question, parts):
        return None  # "ja. Barnen bor hos honom varannan vecka": not a household of one
    if _time_against_stage(question, reading.value, text):
        return None  # "slutade dricka för två år sedan": maintaining, not acting
    if question.about_client and begins_with_a_name(text, _bank_words(modules)):
        # "Jonas tar kokain varje helg": whether Jonas is the client is not said
        return dataclasses.replace(reading, sure=False)
    if question.type == "duration" and _AT_LEAST_TIME.search(fold(text)):
        return dataclasses.replace(reading, sure=False)  # "längre än ett år": a least
    if question.type == "yes_no" and _MAYBE_SAID.search(fold(_first_sentence(text))):
        # "hos en kompis ikväll kanske": the yes or no itself hedged ("kanske två gånger"
        # hedges a number, and a later sentence's "kanske" another matter)
        return dataclasses.replace(reading, sure=False)
    if question.type == "choice" and len(_SOMETIMES.findall(fold(text))) > 1:
        return dataclasses.replace(reading, sure=False)  # "ibland ett glas, ibland hela flaskan"
    if re.search(r"\?\s*\w", text):
        # "Vad räknas som nyligen? Sjukpenningen tog slut i juni.": asked back first, so
        # what follows is what the case worker is unsure of; shown back (a short echo of the
        # question, "hyresskuld? nej", is taken off before)
        return dataclasses.replace(reading, sure=False)
    if _LATER.search(fold(text)):
        return None  # "drogerna får vi ta en annan gång, hon blev trött": not answered
    if reading.value is False and question.is_gate and _IN_ONE_RESPECT.search(fold(text)):
        return None  # "fysiskt mår hon bra": the body only, the area's other half not said
    if (reading.value is False or _says_none(question, reading.value)) and \
            _AT_LEAST_SO.search(fold(text)):
        # "inget fysiskt i alla fall": a no held for part of what is asked, which says
        # nothing of the rest; an area's opening question is asked again (its no would
        # close the area), any other shown back to be sure
        return None if question.is_gate else dataclasses.replace(reading, sure=False)
    if reading.value is True and _UNDER_ASSESSMENT.search(fold(text)):
        return None  # "utreds för autism, ingen diagnos ännu": not a fact yet
    if reading.value is True and _SEEMS.search(fold(text)):
        # "ingen diagnos, men hon verkar deprimerad": an impression of a yes, shown back to
        # be sure ("nä det verkar lugnt" is a no as said)
        return dataclasses.replace(reading, sure=False)
    if _two_accounts_of_it(modules, question, text):
        # "hon säger att hon är 30 men enligt pappren är hon 31", "nej säger hon, men
        # mamman tror att hon är deprimerad": two accounts; which holds is not ours to say
        return None
    if _pronouns_of_two(question, reading.value, text):
        # "Ida kom själv … Han spelar varje kväll": "han" and "hon" both, so two people are
        # spoken of, and which pronoun is the client's is not said
        return None
    if accounts_apart(modules, question, text):
        # "hon säger en gång i månaden, mamman säger varje helg", "mamman säger att hon är
        # deprimerad, själv säger hon att hon mår bra": the same
        return None
    corrective = _CORRECTIVE_NEGATION.search(fold(text))
    then = corrective and (corrective.group("then") or corrective.group("then2")).strip()
    if reading.value is False and then and (
            corrective.group("then2") or question.id in named_questions(modules, Clause(then, then))):
        # "det är inte ångest utan utmattningssyndrom", "det är inte så att hon inte har
        # skulder", "inte så att hon saknar kontakter": the negation sets the question's
        # own matter right, it denies nothing
        return None
    return reading


_SOMETIMES = words_pattern(("ibland",))
_UNDER_ASSESSMENT = re.compile(r"(?<![a-z0-9])(?:utreds|ska utredas|under utredning|utredning pagar|"
                               r"misstankt|misstanks|ingen diagnos (?:annu|an|anu)|"
                               r"(?:inte|ej|aldrig) (?:blivit )?utredd|(?:inte|ej) utredda)(?![a-z0-9])")
_MAYBE_SAID = re.compile(r"(?<![a-z0-9])(?:kanske|eventuellt|mojligen|mojligtvis)(?![a-z0-9])"
                         # not a number hedged ("kanske 30 dagar"), nor a risk said as one
                         # ("provanställningen kanske inte förlängs" is the risk)
                         r"(?!\s+(?:\d|(?:en|ett|tva|tre|fyra|fem|sex|sju|atta|nio|tio|tjugo|"
                         r"trettio|ett par|nagra|nan|typ|runt|ungefar|cirka|ca|halv|inte)"
                         r"(?![a-z0-9])))")
_LATER = re.compile(r"(?<![a-z0-9])(?:(?:far|kan|ska) vi ta (?:en annan gang|senare|nasta gang|"
                    r"vid nasta mote|pa nasta mote)|vi aterkommer till (?:det|den|dem))(?![a-z0-9])")
_IN_ONE_RESPECT = re.compile(r"(?<![a-z0-9])(?:fysiskt|psykiskt|kroppsligt|mentalt|somatiskt)"
                             r"(?![a-z0-9])")
_AT_LEAST_SO = re.compile(r"(?<![a-z0-9])(?:i alla fall|i varje fall|iaf|atminstone|"
                          r"vad (?:galler|angar) (?!det\b)[a-z]+)(?![a-z0-9])")
_SEEMS = re.compile(r"(?<![a-z0-9])(?:verkar|verkade|tycks|tycktes|ser ut att|sag ut att|"
                    r"later som)(?![a-z0-9])")
_AT_LEAST_TIME = re.compile(r"(?<![a-z0-9])(?:langre an|mer an|over|minst|atminstone)\s+"
                            r"(?:ett|en|\d+|tva|tre|fyra|fem|sex|ett par|nagra)(?![a-z0-9])")


@per_object
def _bank_words(modules) -> frozenset[str]:
    """Every word of the bank's options, statements and cues, folded."""
    phrases = [p for m in modules for q in m.questions for p in (
        *q.cues, *q.aliases, *q.statement_sources,
        *(w for o in q.options for w in (o.label, *o.synonyms, *o.statements)))]
    return frozenset(w.strip("*?") for p in phrases for w in re.split(r"[\s|]+", fold(p)) if w)


def _first_sentence(text: str) -> str:
    """The first sentence, with the next when it goes on with "Men"/"Fast" ("Nej, … . Men
    dottern säger att …"): where an answer and what takes it back stand together."""
    sentences = [x for x in re.split(r"(?<=[.!?])\s+", text.strip()) if x]
    if len(sentences) > 1 and re.match(r"(?i)(men|fast|dock)\b", sentences[1]):
        return " ".join(sentences[:2])
    return sentences[0] if sentences else ""


_CONTRAST_AT = re.compile(r"(?<![a-z0-9])(?:men|fast|dock)(?![a-z0-9])")
# The client's account as reported ("säger hon", "enligt henne"), and another's after it
# ("enligt pappren", "mamman tror att", "mamma har sagt nej").
_HER_ACCOUNT = re.compile(r"(?<![a-z0-9])(?:sager (?:hon|han|hen)|^sager att|"
                          r"(?:hon|han|hen|klienten)(?: sjalv)? "
                          r"(?:sager|sa|uppger|uppgav|pastar|havdar|menar)"
                          r"|enligt (?:henne|honom|hen|klienten|sig sjalv))(?![a-z0-9])")
_AN_ACCOUNT = re.compile(r"(?<![a-z0-9])(?:enligt|tror att|menar att|sager att|"
                         r"har sagt (?:nej|att)|sa att|pastar)(?![a-z0-9])")


# "han säger att han dricker varje dag men bara en öl": the same account, narrowed
_SAME_ACCOUNT_GOES_ON = re.compile(r"(?:bara|endast|max|hogst|mest|oftast|nastan|inte sa|"
                                   r"(?:hon|han|hen) (?:var|ar|verkade) (?:osaker|inte saker|"
                                   r"tveksam))(?![a-z0-9])")
# The case worker's own observation: "jag såg", "vi fick avbryta", "hon kom hit påtänd".
_WE_SAW = re.compile(r"(?<![a-z0-9])(?:jag|vi|kom hit|kom till (?:oss|motet|besoket)|pa motet|"
                     r"pa besoket)(?![a-z0-9])")


def _two_accounts(said: str, of_other=lambda clause: False) -> bool:
    """The client's account and, after "men", another's: "nej säger hon, men mamman tror
    att hon är deprimerad", "Nej, … . Men dottern säger att …"."""
    at = _CONTRAST_AT.search(said)
    if at is None:
        return False
    before, after = said[:at.start()], said[at.end():].strip()
    theirs = someone_else_first(Clause(after, after))
    if _HER_ACCOUNT.search(before) and (_AN_ACCOUNT.search(after) or theirs
                                        or _WE_SAW.search(after)):
        # "han säger att han aldrig är påtänd, men han var så påverkad i dag att vi fick
        # avbryta mötet": the case worker's own observation is an account too
        return True
    if _HER_ACCOUNT.search(before) and not _says_nothing_of_its_own(Clause(after, after)) \
            and not _SAME_ACCOUNT_GOES_ON.match(after) and not of_other(Clause(after, after)):
        # and so is what a paper shows ("hon säger 23 men på LMA-kortet står det 25"):
        # after the client's account as reported, what "men" goes on to may be another's,
        # unless it speaks of other questions only ("men han är folkbokförd hos sin
        # mamma" is where he is registered, not another account of where he lives)
        return True
    if _HER_ACCOUNT.search(after) and not _HER_ACCOUNT.search(before) and \
            not _says_nothing_of_its_own(Clause(before, before)) and not NEGATION.search(before):
        # "ser väldigt trött ut …, men hon säger själv att hon mår bra", "hon är skriven
        # hos sin mamma men säger att hon mest bor hos pojkvännen": what is seen or
        # recorded, then her own account
        return True
    return bool(_AN_ACCOUNT.search(after)) and theirs


def _two_accounts_of_it(modules, question: Question, text: str) -> bool:
    """Two accounts of the open question in the first sentence (with a "Men …" after it),
    or in a later one that names the question."""
    first = _first_sentence(text)
    rest = re.split(r"(?<=[.!?])\s+", text.strip()[len(first):].strip())
    for sentence in (first, *rest):
        said = fold(sentence)
        if said and _two_accounts(said, lambda c: _of_other_questions(modules, question, c)) \
                and (sentence is first or question.id in named_questions(modules, Clause(said, said))) \
                and _account_of_it(modules, question, sentence):
            return True
    return False


def _account_of_it(modules, question: Question, sentence: str) -> bool:
    """The client's reported account is of the open question ("hon säger 23" on the age),
    not of another matter said beside its plain answer ("Man, han säger 52 men i pappren
    står det 54" on the client's sex)."""
    parts = clauses(sentence)
    for i, clause in enumerate(parts):
        if _HER_ACCOUNT.search(clause.said):
            # said plainly before it, and the account of something else (or agreeing)
            first = next((r for c in parts[:i] if (r := read_answer(question, c.raw, modules))),
                         None)
            if first is None:
                return True
            # what her account says, without "han säger" (whose "han" reads as a man)
            content = _HER_ACCOUNT.sub("", clause.said).strip()
            return bool(content) and (
                question.id in named_questions(modules, Clause(content, content))
                or read_answer(question, content, modules) is not None)
    return True


_PRONOUNS = {"han", "hon", "hen"}


def _pronouns_of_two(question: Question, value: Any, text: str) -> bool:
    """An option read from a pronoun ("han" for "Man"), in a message that uses other
    pronouns too, and none of the option's other words ("kvinna", "mamma")."""
    option = question.option_for(value) if question.type == "choice" else None
    if option is None or not _PRONOUNS & {fold(w) for w in option.synonyms}:
        return False
    words = set(fold(text).split())
    if len(words & _PRONOUNS) < 2:
        return False
    others = {fold(w) for w in option.synonyms} - _PRONOUNS
    return not any(whole_word(w).search(fold(text))
                   for w in others if len(w) > 1)


# The client's own account, however it is put: "hon säger (att)", "själv säger hon", "enligt
# henne", "hon menar"; and another's: a sentence or comma part whose subject is another
# person and that reports what they say or think ("mamman säger", "sambon skrattade och sa
# att det blir mer än så", "enligt pappan").
CLIENT_SAYS = re.compile(r"(?<![a-z0-9])(?:(?:hon|han|hen|klienten)(?: sjalv)? (?:sager|sa|menar|"
                          r"pastar|tycker|tror)|(?:sager|sa|menar|tycker) (?:hon|han|hen) sjalv|"
                          r"sjalv sager|(?:sager|sa) (?:hon|han|hen)|enligt (?:henne|honom|hen|"
                          r"klienten|sig sjalv))(?![a-z0-9])")
_THEY_SAY = re.compile(r"(?<![a-z0-9])(?:sager|sa|sagt|tror|menar|pastar|tycker|enligt|berattar|"
                       r"berattade|berattat|uppger|uppgav|havdar|havdade)(?![a-z0-9])")
# "…, säger sambon": another's account told after what they say
_SAYS_AFTER = re.compile(r"^(?:sager|sa|menar|tycker|berattar|berattade|uppger|pastar)\s+"
                         r"(?!(?:hon|han|hen|klienten|jag|vi)(?![a-z0-9]))[a-z]+$")
# "enligt grannen bor det en man där också": another's account said first
_BY_ANOTHER = re.compile(r"^enligt (?!(?:henne|honom|hen|klienten|sig)(?![a-z0-9]))[a-z]+\s+")
# Her account marked as hers against another's: "själv säger hon att hon är frisk".
_HER_OWN = re.compile(r"(?<![a-z0-9])(?:sjalv sager|sager (?:hon|han|hen) sjalv|(?:hon|han|hen) sjalv "
                      r"(?:sager|menar|tycker)|enligt (?:henne|honom|hen) sjalv)(?![a-z0-9])")
# What another's account says against hers without restating it: "det blir mer än så".
_CONTESTS = re.compile(r"(?<![a-z0-9])(?:mer an sa|mycket mer|oftare an sa|stammer inte|inte sant|"
                       r"tvartom|ljuger|overdriver|underdriver|forminskar)(?![a-z0-9])")


def accounts_apart(modules, question: Question, text: str, *, of_area: bool = True) -> bool:
    """The client's account of the open question and, in another part of the message,
    another person's account of it that says something of its own, or says hers is wrong:
    two accounts, and which holds is not the reader's to decide. `of_area`: a fact of the
    question's area in the other's account counts as one of the question (for the open
    question; a volunteered fact is held to its own question)."""
    parts = [p for p in re.split(r"[.!?;,]\s+|\s+men\s+|\s+fast\s+", text or "") if p.strip()]
    if len(parts) < 2 or not any(CLIENT_SAYS.search(fold(p)) for p in parts):
        return False
    # Whole sentences too: "Sambon, som var med förra gången, berättade att …"
    parts += [p for p in re.split(r"[.!?;]\s+|\s+men\s+|\s+fast\s+", text or "")
              if p.strip() and p not in parts]
    said = [fold(p) for p in parts]
    own_marked = any(_HER_OWN.search(s) for s in said)
    own_of_it = own_marked and any(question.id in named_questions(modules, c)
                                   for raw, one in zip(parts, said, strict=True)
                                   if _HER_OWN.search(one) for c in clauses(raw))
    # "mamman säger att hon är deprimerad" against "hon mår bra" on the health gate: a
    # fact of the open question's own area is an account of it too
    area = next(({q.id for q in m.questions} for m in modules
                 if question in m.questions), {question.id}) if of_area else {question.id}
    for k, (raw, one) in enumerate(zip(parts, said, strict=True)):
        if k and _SAYS_AFTER.match(one) and (own_marked or _read_own(
                modules, question, parts[k - 1], clauses(parts[k - 1])) is not None):
            return True  # "Han kan inte sluta när han väl börjat, säger sambon."
        if own_of_it and not CLIENT_SAYS.search(one) and any(
                question.id in named_questions(modules, c) for c in clauses(raw)):
            # "Mamman ringde hit, hon är jätteorolig. Själv säger han att ingen har klagat":
            # his account marked as his, beside another part about the question
            return True
        first = _BY_ANOTHER.match(one)
        says = first or _THEY_SAY.search(one)
        if CLIENT_SAYS.search(one) or not says or not (first or someone_else_first(Clause(raw, one))):
            continue
        # What they say, read as an answer ("mamman säger varje helg": "varje helg")
        theirs = re.sub(r"^\s*att\s+", "", raw[says.end():])  # fold keeps the positions
        if own_marked or _CONTESTS.search(one) or (theirs.strip() and (_read_own(
                modules, question, theirs, clauses(theirs)) is not None or any(
                f.question_id in area for f in extract_facts(modules, theirs)))):
            return True
    return False


_CORRECTIVE_NEGATION = re.compile(
    r"(?<![a-z0-9])(?:inte\s+(?:[a-z]+\s+){0,5}?utan(?P<then>(?:\s+[a-z0-9]+){1,6})|"
    # "inte så att hon saknar kontakter": "saknar" negates as "inte" does
    r"inte sa att(?P<then2>(?:\s+[a-z]+){1,4}?)\s+(?:inte|saknar))(?![a-z0-9])")


def _read_own(modules, question: Question, text: str, parts,
              answers: Mapping[str, Any] | None = None) -> Reading | None:
    if not answer_type(question).facts_beside:
        return read_answer(question, text, modules)
    if text.rstrip().endswith("?"):
        return None  # "vad är ett standardglas i vin?": a question back, not an answer
    answers = answers or {}
    exact = named_exactly(question, text) if question.type == "choice" else None
    if exact is not None:
        return Reading(exact.value, describe(question, exact.value, modules))
    parts = _split_leading_answer(modules, question, parts)
    joined = _leading_answer_joined(modules, question, parts, answers.keys(), text)
    own = _with_when(question, joined, clauses_about(modules, question, joined))
    if not own and _clients_birth_year(question, text):
        return read_answer(question, text, modules)  # "hon är född 1985": asked back
    if not own:
        return _bare_answer_in_doubt(modules, question, parts, joined)
    mine = [c for c in own if not for_a_sibling(modules, question, c)]
    if mine and len(mine) < len(own):
        own = mine  # "… två-tre gånger i veckan. Sex glas en gång i månaden": item 3's
    if instrument_item(question) and not _how_often_used(modules, question):
        own = _sentences_naming(modules, question, joined, own)
    others = [c for c in own if not _NOT_HER.match(c.said)]
    if question.type == "yes_no" and question.about_client and len(parts) > 1 and \
            _NOT_HER.match(parts[0].said) and others and _someone_else(others) and \
            read_fact(question, others[0]) == (True, False):
        # "inte hon, men sambon röker gräs varje kväll": what is his, she has not
        return Reading(False, describe(question, False, modules))
    if question.about_client and _someone_else(own) and not _written_of_another(question, own[0]):
        # "hennes man röker på varje dag": not the client's answer; "sonen knarkar men hon
        # själv tar inget", "maken dricker varje dag, hon själv bara till jul": the client's
        # own clause after it is, about the same thing though it names nothing.
        theirs = own[0]
        later = joined[next((i + 1 for i, c in enumerate(joined) if c is theirs), len(joined)):]
        if question.type == "yes_no" and later and _NOT_HER.match(later[0].said) and \
                read_fact(question, theirs) == (True, False):
            # "sambon har skulder men inte hon": what is his, she has not
            return Reading(False, describe(question, False, modules))
        own = list(dict.fromkeys(c for c in (*own[1:], *later) if _CLIENT_HERSELF.match(c.said)))
        if not own:
            return None
    if question.about_client and len(own) > 1:
        # "han själv dricker inte, det är frun som tar ett glas": hers is not his; his own
        # clause must say something of its own ("inte hon egentligen, men exet tog lån i
        # hennes namn" leans on the other clause)
        hers = [c for c in own if not someone_else_first(c) or _written_of_another(question, c)]
        if hers and len(hers) < len(own) and not all(map(_says_nothing_of_its_own, hers)):
            own = hers
    if question.of_household and someone_outside_the_household_first(own[0]):
        return None  # "hennes bror blir slagen av sin fru": not the client's household
    if question.of_clients_use and _someone_elses_use(own, answers):
        return None  # "hennes sambo bröt handen när han var full": his drinking, not hers
    if any(DOUBTED.search(c.said) for c in own):
        return None  # "han säger nej men jag misstänker att han röker på"
    if question.type == "duration" and not read_durations(text, today()) and \
            (ago := read_months_ago(text, today())) and \
            set(fold(text.replace(ago[0].text, " ")).split()) - _BARE_TIME_WORDS and \
            not any(question.id in named_questions(modules, c) for c in parts):
        # "kom till Sverige för tre år sen": a time ago of another event, not how long the
        # question's state has lasted ("blev arbetslös för två år sedan" names it)
        return None
    if question.type == "duration" and _BEFORE_TOO.search(fold(text)):
        return None  # "sen han muckade …, fast han hade inget jobb innan heller": earlier
    if question.type in ("number", "numbers") and _PART_OF.search(fold(text)) and \
            question.quantity_unit != "barn":
        return None  # "åtta, varav två …": which number is meant is unclear (the children's
        # count reads its own parts: "fyra, varav två bor hos pappan" is two at home)
    # Every clause about a choice: the message as typed, with its "men" ("ja men inte
    # under det senaste året" is an option's own words).
    own_text = text if len(own) == len(parts) and question.type == "choice" else \
        ", ".join(c.raw for c in own)
    if question.type == "yes_no" and own[0] is not parts[0]:
        # A yes or no word answers the question only said first: "… Ingen sjukpenning"
        # late in a long message denies the sick pay, not the question asked.
        reading = None
    elif question.type == "yes_no" and _takes_it_back(parts, lambda c: about(modules, question, c)):
        return None  # "ja. nej förresten, hon klarar sig": which one is meant is unclear
    else:
        reading = read_answer(question, own_text, modules) or \
            _every_time(modules, answers, question, own_text)
        if reading is None and _childrens_ages(question):
            # "yngsta är 2 och äldsta 14" with two children stored: nobody is between them
            ages = read_ages(own_text, *(question.value_range or (0, 17)),
                             count=_stored_count(modules, answers, question)[1])
            reading = Reading(ages, describe(question, ages, modules)) if ages else None
    if reading is not None and reading.sure and reading.value is False and question.safety \
            and _contrasted(text, parts, denies=False):
        # "nej, men pappan dricker när han har barnen" on the children's safety: a no that
        # "men" goes on from, on a question of safety, is asked back, never stored.
        return Reading(False, describe(question, False, modules), sure=False)
    if reading is not None and _says_none(question, reading.value) and \
            scale_kind(question) == "event" and \
            _contrasted(text, parts, denies=False, sentences=True,
                        skip=lambda c: _of_another_substance(modules, question, c)
                        or for_a_sibling(modules, question, c)):
        # "nej men mamman är orolig" on DUDIT 11: someone worries after all, now or before;
        # "fast hennes mamma har frågat om vinflaskorna" may be worry in other words; "nej
        # men systern är orolig för hennes drickande" is of the drinking, not drugs, and "men
        # läkaren sa åt honom att dra ner" is item 10's event, not item 9's.
        return None
    if reading is not None and _says_none(question, reading.value) and \
            scale_kind(question) == "frequency" and \
            _contrasted(text, parts, denies=False,
                        skip=lambda c: bool(named_questions(modules, c)) and (
                            not read_frequencies(c.raw) or for_a_sibling(modules, question, c)
                            or someone_else_first(c)
                            or _of_another_substance(modules, question, c))
                        or _says_nothing_of_its_own(c) or bool(WHEN_CLAUSE.match(c.said))):
        # "nej men hon kommer ofta för sent" on AUDIT 5: "men" goes on to what may be the
        # item's own condition, in words the bank does not know; never stored as Aldrig.
        return None
    if reading is not None and _childrens_ages(question) and children_elsewhere(parts):
        # "5 och 11, och så bonusdottern på 14, fast hon bor mest hos sin mamma": which of
        # the ages are the household's is not said; asked
        return None
    if reading is not None and scale_kind(question) == "frequency" and \
            _IF_EVER.search(fold(text)) and not _says_none(question, reading.value):
        return None  # "sällan om ens någonsin": between the rarest option and never
    if reading is not None and scale_kind(question) == "frequency" and _rate_changed(parts):
        # "i somras varje helg, men sedan hon började jobba i september bara en gång": two
        # rates within the year; which option is asked
        return None
    if reading is not None and scale_kind(question) == "event" and len(question.options) == 3 \
            and reading.value == question.options[1].value and any(
                _STILL.search(c.said) and question.id in named_questions(modules, c)
                and not _outside_window(question, c.raw) for c in parts):
        # "läkaren sa åt henne att dra ner för två år sedan, och nu tjatar dottern": before
        # the year, and now too; which it is in the year is asked, not stored as before
        return None
    counted = question.type in ("number", "numbers") or any(o.count for o in question.options)
    if reading is not None and counted and len(own) < len(parts):
        # A count or a list of ages is read whole: "sonen och dottern är 5, tvillingar, och
        # storasyster är 9" is three children, though "tvillingar" names another question;
        # "morgon, lunch och kväll" three times a day, though "lunch" names none of DUDIT's.
        whole = read_answer(question, text, modules)
        if whole is not None and question.quantity_unit == "barn" and \
                household_part(text) not in (None, UNCLEAR):
            return whole  # "tre stycken men bara två bor hemma": the part at home
        if whole is None or whole.value != reading.value:
            return None
    read: dict[str, Any] = {}

    def fact_of(clause: Clause):  # each clause's statement read once, not per check
        if clause.said not in read:
            read[clause.said] = read_fact(question, clause)
        return read[clause.said]

    stated = _stated(modules, question, own, fact_of)
    if question.type == "yes_no":
        if reading is not None and stated and stated[0].value != reading.value:
            return None  # "ja, men hon har inga skulder": the two readings disagree
        anywhere = {repr(f[0]) for c in parts if (f := fact_of(c)) is not None}
        if len(anywhere) > 1 and reading is None and _children_elsewhere_only(question, parts):
            # "har en dotter men hon bor hos mamman": children, none of them at home.
            return Reading(False, describe(question, False, modules))
        if len(anywhere) > 1:
            return None  # yes and no in one message: which is meant is not said
        if anywhere == {"True"} and _children_elsewhere_only(question, parts):
            return None  # "en dotter på 16 som bor hos farmor": hers, but not at home
        value = reading.value if reading is not None else (stated[0].value if stated else None)
        over = _over_now(question, parts, own) if value is None else None
        if over is not None:
            # "hade en depression för tio år sen men mår bra nu": so then, not today
            return Reading(False, describe(question, False, modules), consumed=(over.said,))
        if value is True and _contrasted(
                text, _gate_own(modules, question, own),
                skip=lambda c: fact_of(c) == (True, False) or not question.is_gate and
                question.id not in named_questions(modules, c) and not _says_nothing_of_its_own(c)):
            # "nedsatt arbetsförmåga men inget intyg": yes and no at once; "har körkort men
            # ingen bil" denies what the question does not name
            return None
        if value is True and reading is not None and len(parts) > 1 and \
                parts[1].joined_by in (",", "men", "fast", "") and _BUT_FOR.match(parts[1].said):
            return None  # "ja, förutom matte 1 som hon aldrig klarade": yes but for a part
        if value is True and len(parts) > 1 and _NOT_YET.match(parts[0].said):
            # "Inte än, ligger hos inkasso, men de har sagt att det går till KFM i jan": not
            # yet, so what follows is to come
            return None
        if value is True and _window(question) is None and _yes_put_before(question, parts, own):
            return None  # "ja, exet slog henne, fast det var för fem år sen": then, not now
        if value is True and reading is not None and _qualified_yes(modules, question, text,
                                                                    parts):
            return None  # "ja, fast det är indraget": the yes is taken back in part
        if held_in_part(modules, question, value, parts, own):
            return None  # "hörselskadad på ena örat men det påverkar inte": in part only
        if value is not None and not_the_questions(question, value, text):
            # "hade med sig sin kontaktperson": not whom the question means; "tar benso
            # varje dag men det är utskrivet": not the question's yes
            return None
        if value is False and no_in_part(parts, own):
            return None
        if value is False and question.of_kin and _kin_in_touch_after(parts):
            # "Nej, föräldrarna har brutit kontakten. Hon har en moster som hon pratar med
            # ibland": the no is of some of the family, and one of them is there after all
            return None
        if value is False and _bare_no_then_fast(modules, question, parts):
            return None  # "Nej. Fast chefen har pratat om neddragningar": a no in part
        if value is False and _a_follow_up_said(modules, question, parts):
            return None  # "nej, men … som kronofogden driver in": a debt after all
        if value is False and reading is not None and _contrasted(
                text, parts, denies=False, skip=lambda c: question.id not in
                named_questions(modules, c) or _says_nothing_of_its_own(c) or _of_before(c, question)
                or (fact_of(c) or (None,))[0] is False):
            # "Nej. Fast hon nämnde ett lån hos Klarna": the no is gone back on in the
            # question's own words; asked, not stored
            return None
        if value is False and reading is not None and _no_then_men(modules, question, parts, fact_of):
            return None  # "nej inga droger, men hon har tagit dubbla doser av sina lugnande"
        if value is False and len(own) > 1 and _window(question) is not None and any(
                _CHANGED_SINCE.search(c.said) for c in own[1:]) and not any(
                _outside_window(question, c.raw) for c in own):
            # "de växte fram till i våras, men sedan dess minskar de": the no holds since a
            # time inside the period asked about, and before it may not; asked ("slutade
            # för tre år sen och har varit ren sen dess" holds for the whole period)
            return None
        if value is False and question.is_gate and risk_in_area(modules, question, parts):
            return None  # "mår bra fysiskt men har ångest": the area is not closed
        timed = _in_window(question, own, value)
        if timed is not value:
            # "fick avslag för två år sen" is not in the time asked about: asked again;
            # "… inget sen dess" says no, "slutade röka på i somras" yes.
            return None if timed is None else Reading(timed, describe(question, timed, modules))
        if reading is None and stated:
            reading = Reading(stated[0].value, stated[0].label)
        return reading
    if question.type == "choice" and not instrument_item(question) and reading is not None \
            and reading.sure and stated and stated[0].value != reading.value:
        return None  # "har bestämt sig …, sen två veckor har hon inte tagit något": two stages
    if question.type == "choice" and reading is not None and not instrument_item(question) \
            and _time_shared(modules, question, parts):
        return None  # "SFI på förmiddagarna och praktik på eftermiddagarna": two activities
    if question.type == "choice" and held_in_part(modules, question, reading and reading.value,
                                                   parts, own):
        # "förstahandskontrakt men sambon står på det": whose is not clear; "bra
        # vardagssvenska men svårt att skriva": in part only
        return None
    if reading is not None and _not_so(question, reading.value, text):
        return None  # "suget kommer någon gång i månaden men hon står emot"
    if reading is not None and question.type == "choice" and not _says_none(
            question, reading.value) and fewer_glasses_than_asked(question, text):
        return None  # "sällan, fyra öl på en fest": the occasions said are not of six glasses
    if reading is None and stated and question.type == "choice":
        if names_apart(question, own_text) and not question.options[0].per_month:
            return None  # "studerar på komvux och jobbar extra": both, so neither is stored
        option = question.option_for(stated[0].value)
        if option is not None and option.per_month == (0, 0) and (
                place_answer(question, own_text, today()).stopped
                or habit_of_before(own_text, today()) or happens_after_all(fold(own_text))):
            # "dricker inte längre sen i somras", "dricker inte nu men förut varje dag",
            # "dricker inte, fast ibland på fester": the past year is not "Aldrig"
            return None
        # "hon bor hos sin mamma" states the answer without using an option's words.
        reading = Reading(stated[0].value, stated[0].label)
    return reading


_PART_TIME_HOME = re.compile(r"(?<![a-z0-9])(?:varannan|var tredje|varje annan) (?:vecka|helg)"
                             r"(?![a-z0-9])")
_ONE_OF_THEM = re.compile(r"(?<![a-z0-9])(?:den|det|en av|ena|andra|aldsta|yngsta|storsta|minsta|"
                          r"dem|de)(?![a-z0-9])")


def _another_child_part_time(parts) -> bool:
    """A child beside the count who lives there part of the time ("och sambons son
    varannan vecka"), not one of those counted ("men den äldsta bor hos sin pappa
    varannan vecka")."""
    return any(_PART_TIME_HOME.search(c.said) and not _follows_contrast(c)
               and not _ONE_OF_THEM.search(c.said) for c in parts)


_EXCEPT_AFTER = re.compile(rf"^(?:inte|aldrig|utom|{'|'.join(EXCEPT_WORDS)})(?![a-z0-9])")
_NO_NOW = re.compile(r"^(?:nej\s+)?(?:inte|inget|ingenting|aldrig)\s+(?:[a-z]+\s+){0,3}?"
                     r"(?:nu|langre|sedan|sen|numera)(?![a-z0-9])")
_MORE_OR_LESS = re.compile(r"(?<![a-z0-9])(?:mer|fler|mindre|farre|dubbelt)(?![a-z0-9])")


def _frequency_in_part(modules, question: Question, parts) -> bool:
    """A frequency with an exception after "men"/"fast" ("fast inte de helger hon har
    barnen"), or after a no of now ("inte nu längre. Men förra vintern …"). An exception
    that is another item's ("men aldrig sex glas på en gång") is that item's answer."""
    if any(_follows_contrast(c) and _EXCEPT_AFTER.match(_CONTRAST_WORD.sub("", c.said))
           and not _of_a_sibling(modules, question, c)
           and not for_a_sibling(modules, question, c) for c in parts[1:]):
        return True
    return len(parts) > 1 and bool(_NO_NOW.match(parts[0].said))


def _counted(question: Question) -> bool:
    return question.type == "choice" and any(o.count for o in question.options)


_TYPICAL = re.compile(r"(?<![a-z0-9])(?:oftast|vanligtvis|vanligen|normalt|for det mesta|brukar)"
                      r"(?![a-z0-9])")


def _another_amount_after(parts) -> bool:
    """An amount, then after "men"/"fast" more or less of it, or another number ("oftast
    två öl, men på fredagar mer" says which is typical)."""
    if parts and _TYPICAL.search(parts[0].said):
        return False
    return any(_follows_contrast(c) and (_MORE_OR_LESS.search(c.said) or numbers(c.raw))
               for c in parts[1:])


def _time_against_stage(question: Question, value: Any, text: str) -> bool:
    """A stage defined by how long ago the change was (the bank's `months_since`), and a
    time in the message outside it, or on its border: the stage is asked, not stored."""
    option = question.option_for(value) if question.type == "choice" else None
    if option is None or option.months_since is None:
        return False
    low, high = option.months_since
    times = [*read_months_ago(text, today()), *read_durations(text, today())]
    # Within it means strictly inside, so that a time on the border ("för ett halvår
    # sedan", three to nine months) is asked too.
    return any(not (low <= t.low and t.high <= high) or (low and t.low <= low)
               for t in times)


def _childrens_ages(question: Question) -> bool:
    return question.type == "numbers" and question.unit == "år"


def _stored_count(modules, answers, question: Question) -> tuple[Question | None, int | None]:
    """The children's count question of the ages' module, and its stored answer."""
    count_question = next((q for q in module_of(modules, question).questions
                           if q.type == "number" and q.quantity_unit == "barn"), None)
    count = answers.get(count_question.id) if count_question else None
    return count_question, int(count) if isinstance(count, (int, float)) else None


def ages_against_count(modules, answers, question: Question, reading) -> str | None:
    """The children's ages, as many as the count stored before them, or asked again: "3, 7
    och 9" when two children are stored leaves one of the two answers wrong."""
    if reading is None or not _childrens_ages(question):
        return None
    count_question, count = _stored_count(modules, answers, question)
    if count is None or len(reading.value) == count:
        return None
    said = "en ålder" if len(reading.value) == 1 else f"{len(reading.value)} åldrar"
    wanted = "barnets ålder" if count == 1 else \
        f"en ålder för vart och ett av de {count:g} barnen"
    return (f"Du skrev {said} ({reading.label}), men {count_question.about} är sparat som "
            f"{count:g}. Skriv {wanted}, eller skriv \"ändra svaret om {count_question.about} "
            "till …\" om antalet ska ändras. Inget har sparats.")


# Not knowing said first, then a guess: "hon vet inte, kanske fyra", "oklart, typ 40".
_UNSURE_FIRST = re.compile(r"^(?:(?:nej|ja|hmm)\s+)?(?:(?:hon|han|hen|klienten|jag|vi)\s+)?"
                           r"(?:vet (?:inte|ej)|ingen aning|oklart|osaker|det beror pa|beror pa|"
                           r"det varierar|varierar)(?P<quite>\s+(?:riktigt|"
                           r"exakt|sakert|helt))?(?P<rest>(?:\s+[a-z0-9]+)*)$")
_UNSURE_THEN = re.compile(r"\s+(?:men|kanske|typ|nog|runt|ungefar)(?![a-z0-9])")


# A hedge first, before a comma, on a yes or no: "typ, hon har ont i ryggen", "kanske, …"
# ("Nej, inte egentligen. Han har en moster som …": not really, and a sentence of its own
# after it; "nej inte egentligen, hon har dragit sig undan alla" is the no, said so)
_HEDGED_FIRST = re.compile(r"^(?:(?:typ|kanske|tror det|troligen|antagligen|nja|delvis)"
                           r"(?:\s+(?:ja|nej))?\s*,|(?:nej\s*,?\s*)?(?:inte egentligen|egentligen "
                           r"inte)\s*\.|inte (?:riktigt|helt)\s*[,.])\s*\S")
# A choice said as a guess: "troligen en man, kollegan skrev bara initialer".
_GUESSED_FIRST = re.compile(r"^(?:troligen|antagligen|formodligen|kanske|mojligen|nog|"
                            r"tror jag|jag tror)\b")


_MIXED_FIRST = re.compile(r"^(?:lite\s+)?(?:ja (?:o|och) nej|jo (?:o|och) nej|bade ja och nej|bade och|"
                          r"(?:det )?beror pa hur man (?:ser|raknar|tar)|(?:det ar )?lite av "
                          r"(?:allt|varje)|bade och)(?![a-z0-9])")


def unsure_first(text: str, question: Question) -> bool:
    """Not sure, said first, and something after it: "vet inte, kanske fyra", "vet inte
    riktigt, hon har nycklar till pojkvännens lägenhet": what follows is shown back."""
    if question.type == "yes_no" and _HEDGED_FIRST.match(" ".join(text.lower().split())):
        return True
    if question.type == "choice" and not instrument_item(question) and \
            _GUESSED_FIRST.match(fold(text)):
        return True  # (an AUDIT/DUDIT "kanske en gång i månaden" is how often, roughly)
    if _MIXED_FIRST.match(fold(text)):
        return True  # "ja o nej asså, …", "Det är lite av allt. …": both, said first
    m = _UNSURE_FIRST.match(fold(text))
    if m is None or not m.group("rest"):
        return False
    head = len(fold(text).split()) - len(m.group("rest").split())
    comma = text.split()[head - 1].endswith(",")  # fold drops the comma; the text has it
    return bool(comma or m.group("quite") or _UNSURE_THEN.match(m.group("rest")))


# A short question first, the case worker's echo of what was asked ("hyresskuld? nej,
# han har ingen lägenhet"): its words state nothing; the answer follows it.
# (not a question back: "Vad räknas som nyligen? …", "Menar du …? …")
ECHOED_QUESTION = re.compile(r"^(?!(?:vad|hur|vilken|vilket|vilka|varför|när|menar|menas|räknas|"
                              r"gäller|betyder|spelar|ska jag|är det|kan det|får jag)\b)"
                              r"[^.?!,]{1,40}\?\s+(?=\S)", re.IGNORECASE)
