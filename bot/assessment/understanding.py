"""From a typed answer to an option of a choice question. Pure; never guesses.

Tried in order: the option's label or a synonym (typed without å/ä/ö too), a quantity
("två gånger i veckan", "5-6 glas") placed in the option's range, a close spelling of a
synonym. Anything else is not understood, and the bot asks again with the options.
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from dataclasses import dataclass
from typing import Any

from bot.assessment.question_bank import Option, Question, per_object
from bot.local_time import today
from bot.reading.drinks import drink_words, drinks_of_before, read_glasses
from bot.reading.frequency import NOW_AND_THEN_SAID, read_frequencies
from bot.reading.numbers import ORDINALS, WORDS, number_pattern
from bot.reading.quantities import in_months, months_of, parse_quantities
from bot.reading.scale import (
    Certainty,
    asks_of_past_year,
    changed_since,
    counts_glasses,
    fewer_glasses_than_asked,
    part_of_year,
    place_answer,
)
from bot.reading.text import (
    EXCEPT_WORDS,
    NEGATION,
    NEGATION_WORDS,
    PAST_WORDS,
    clause_before,
    fold,
    negated_after,
    negated_before,
    punctuation_starts,
    split_raw,
    whole_word,
    words_pattern,
)
from bot.reading.time import read_durations
from bot.reading.vocabulary import group, normalise, normalise_words, others_genitive

# 0.8 lets one swapped or missing letter through ("aldirg", "daglign"); a unique match is
# still required, so two options that are both close give no answer.
FUZZY_CUTOFF = 0.8


@dataclass(frozen=True)
class Understood:
    option: Option
    how: str  # "synonym" | "mängd" | "stavning"


@per_object
def _phrases(option: Option) -> tuple[str, ...]:
    # Read as the message is (normalise_words): the bank's "fk" is "försäkringskassan".
    folded = (normalise(fold(p)) for p in (option.label, *option.synonyms))
    return tuple(dict.fromkeys(p for p in folded if p))


# _by_quantity found a reading on the border of two options: nothing is guessed.
_CONTRADICTORY = object()
_NEGATED = words_pattern(NEGATION_WORDS)


def _negated(said: str, at: int, starts: list[int] = ()) -> bool:
    """A negation in the same clause before position `at` ("har inte bestämt sig"); a
    clause ends at punctuation too (`starts`, from the message as typed)."""
    start = max((s for s in starts if s <= at), default=0)
    return negated_before(said[start:], at - start, facts=False)


# Outside the instruments an option names the client's situation today. In its clause,
# these words before it say it is someone else's ("sambons lön"), not yet so ("har sökt
# a-kassa", "väntar på"), or no longer so ("har slutat på SFI", "hade försörjningsstöd").
_NOT_TODAY = words_pattern((
    "makans", "sokt", "soker", "ansokt", "ansoker", "ska", "skulle", "vantar", "vantat",
    "vantade", "ko", "kon",  # "har väntat på sfi-plats sen i augusti", "står i kö till"
    "avbrutit", "avbrot", "hoppat", "hoppade", *PAST_WORDS,
    # a past tense that tells of a time over: "läste sfi 2019 till 2021", "bodde i andrahand"
    "laste", "studerade", "pluggade", "gick", "jobbade", "arbetade", "levde", "bodde", "hyrde"))


# After an option, a time to come: "ålderspensionär om två år" is not a pensioner today.
_TO_COME = re.compile(r"^\s+(?:om|från och med|fran och med|efter)\s+(?:[a-z0-9]+\s+){0,2}?"
                      r"(?:ar|aret|manad\w*|veck\w*|jul|nyar|sommar\w*|host\w*|var\w*)"
                      r"(?![a-z0-9])")


# Before an option, that it was taken away ("FK har dragit in sjukpenningen"); not "drog"
# alone, which is also a drug.
_TAKEN_AWAY = re.compile(r"(?<![a-z0-9])(?:dragit|drog|dragits|dras) in(?![a-z0-9])")
# "aldrig" inside the item's own condition ("kan aldrig sluta"), not a bare answer.
_ITEMS_NEVER = re.compile(r"(?<![a-z0-9])(?:kan|kunde|kunnat|klarar|lyckas|orkar)\s+aldrig(?![a-z0-9])")
# After an option, that it has ended: "a-kassan tog slut förra månaden".
_ENDED_AFTER = re.compile(r"^\s+(?:[a-z]+\s+)?(?:tog slut|har tagit slut|tagit slut|ar slut|"
                          r"upphorde|har upphort|drogs in|har dragits in)(?![a-z0-9])")


def _not_today(said: str, at: int, end: int | None = None) -> bool:
    if end is not None and (_TO_COME.match(said[end:]) or _ENDED_AFTER.match(said[end:])):
        return True
    before = clause_before(said, at)
    if others_genitive() & set(before.split()):
        return True  # "lever på sin sambos lön": another person's
    if before.split()[-1:] == ["var"] or (before.split()[-2:-1] == ["var"] and
                                          before.split()[-1] in ("pa", "i", "hos", "med")):
        # "var anställd på ett lager", "var på praktik i nian": then, not now ("var
        # tredje" is no option)
        return True
    if _TAKEN_AWAY.search(before):
        return True  # "FK har dragit in sjukpenningen": no longer hers
    found = _NOT_TODAY.findall(before)
    if found and set(found) == {"haft"} and end is not None and \
            re.search(r"(?<![a-z0-9])har (?:\w+ )?haft\s+$", before) and _ONGOING.match(said[end:]):
        return False  # "har haft försörjningsstöd i åtta månader": so far, and still
    return bool(found)


# A duration up to now after "har haft …": "i åtta månader", "sedan i våras", "sen 2024".
_ONGOING = re.compile(r"\s+(?:i|sedan|sen)\s+(?:[a-z0-9]+\s+){0,4}?(?:manad\w*|man|mnd|ar|aret|veck\w*|"
                      r"halvar\w*|varas|hostas|somras|vintras|januari|februari|mars|april|maj|"
                      r"juni|juli|augusti|september|oktober|november|december|\d{4})(?![a-z0-9])")


def named_exactly(question: Question, text: str) -> Option | None:
    """The option whose label or synonym the whole answer is ("föräldraledig",
    "ålderspension"): the answer to this question, whatever else the word may name."""
    said = fold(normalise_words(text))
    exact = [o for o in question.options if said and said in _phrases(o)]
    return exact[0] if len(exact) == 1 else None


# A degree word that weakens the one-word option after it: "ganska bra", "hyfsat goda".
_DEGREE_BEFORE = re.compile(r"(?<![a-z0-9])(ganska|hyfsat|hyggligt|nagorlunda|sadar|rimligt|"
                            r"relativt|halvt|lite|ratt)\s+$")
# An option's word for how much ("heltid", "deltid"): after "på" it measures another
# activity ("går på SFI på heltid", "sjukskriven på deltid").
_EXTENT = re.compile(r"^(heltid|deltid)$")


@functools.cache
def _range_start() -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9]){number_pattern()}\s+(?:till\s+|eller\s+)?$")


def _in_a_range(phrase: str, before: str) -> bool:
    """An option's phrase that starts with a number, said as the top of a range
    ("en-två", "1 till 2", "en eller två gånger")."""
    first = phrase.split()[0]
    return (first.isdigit() or first in WORDS) and bool(_range_start().search(before))


@functools.cache
def _persons() -> frozenset[str]:
    """Words for a person close to the client (@kin, @partner, @others), folded."""
    return frozenset(fold(w) for g in ("kin", "partner", "others") for w in group(g))


@functools.cache
def _possessives() -> frozenset[str]:
    return frozenset(fold(w) for w in group("possessive"))


# After a phrase that ends in "inte", words that leave it the phrase: "vill inte alls".
_STILL_THE_PHRASE = frozenset(("alls", "det", "nu", "heller", "riktigt", "just", "egentligen",
                               "sa", "gora", "andra", "forandra", "nagot", "nat"))


def _negates_what_follows(said: str, end: int, starts) -> bool:
    """An option phrase that ends in a negation ("vill inte"), said with a verb after it
    in its clause: the negation is of that ("vill inte dricka längre" is a wish to stop)."""
    rest = said[end:min((s for s in starts if s >= end), default=len(said))].split()
    return bool(rest) and rest[0] not in _STILL_THE_PHRASE


def _by_phrase(question: Question, said: str, raw: str = "") -> Option | object | None:
    exact = [o for o in question.options if said in _phrases(o)]
    if len(exact) == 1:
        return exact[0]
    denied_after = _denied_after(question, raw)
    starts = punctuation_starts(raw) if raw and fold(raw) == said else []
    # Every option phrase found in the answer, unless negated before it in its clause
    # ("har inte bestämt sig" does not state "bestämt sig"). A phrase overlapping a longer
    # one gives way to it ("ja men inte senaste aret" beats "ja", "borjat fundera" beats
    # "har borjat" in "har borjat fundera").
    found: list[tuple[int, int, Option]] = []
    gone: set[tuple[int, int]] = set()  # (option, clause) where the option is said to be over
    for option in question.options:
        for phrase in _phrases(option):
            for match in whole_word(phrase).finditer(said):
                if _NEGATED.search(phrase):
                    denied = False  # the option's own negation ("har inget jobb")
                else:  # "inte studerar", and "studerar inte" in its own clause
                    denied = _negated(said, match.start(), starts) or (
                        phrase not in BARE_ANSWERS and phrase in denied_after)
                if _EXTENT.match(phrase) and said[:match.start()].endswith("pa "):
                    continue  # "sfi på heltid": how much of another activity, not a job
                if _NOTHING_MORE.match(said[match.end():]) and phrase in _NONE_WORDS:
                    continue  # "8000 ur firman, inget annat": nothing besides, not none
                if _in_a_range(phrase, said[:match.start()]):
                    continue  # "en-två gånger i veckan" is not "två gånger i veckan"
                if " " not in phrase and _DEGREE_BEFORE.search(said[:match.start()]):
                    continue  # "pratar ganska bra": how good is not the option's "bra"
                if phrase.split()[-1] in ("inte", "ej") and _negates_what_follows(
                        said, match.end(), starts):
                    continue  # "vill inte dricka längre": not the drinking, not "vill inte"
                if phrase in _persons() and said[:match.start()].split()[-1:] and \
                        said[:match.start()].split()[-1] in _possessives():
                    continue  # "kom med sin man": her husband, not the client
                local = max((s for s in starts if s <= match.start()), default=0)
                over = option.key is not None and _not_today(
                    said[local:], match.start() - local, match.end() - local)
                if over:
                    gone.add((id(option), local))
                if not denied and not over:
                    found.append((match.start(), match.end(), option))
    # "FK har dragit in sjukpenningen": the option's other word in the clause ("FK") is
    # the same thing that ended, not the answer.
    found = [f for f in found
             if (id(f[2]), max((s for s in starts if s <= f[0]), default=0)) not in gone]
    kept = [f for f in found
            if not any(g[0] < f[1] and f[0] < g[1] and g[1] - g[0] > f[1] - f[0]
                       for g in found)]
    options = list({id(f[2]): f[2] for f in kept}.values())
    if len(options) == 1:
        return options[0]
    # Two options named apart ("dricker aldrig ... nästan varje dag"): not guessed.
    return _Contradictory(options) if options else None


def _denied_after(question: Question, raw: str) -> set[str]:
    """The options' phrases that a negation follows in their own clause ("han jobbar
    inte"; not "när hon var yngre, inte nu", where the comma ends the clause)."""
    denied = set()
    for clause in (fold(c) for c in split_raw(raw)):
        for option in question.options:
            for phrase in _phrases(option):
                for m in whole_word(phrase).finditer(clause):
                    if negated_after(clause, m.end()):
                        denied.add(phrase)
    return denied


_NONE_WORDS = frozenset(("ingen", "inget", "ingenting", "inga"))
_NOTHING_MORE = re.compile(r"^\s+(?:annat|annan|andra|mer|mera|utover|forutom|extra|till|"
                           r"vid sidan)(?![a-z0-9])")


class _Contradictory(tuple):
    """The options an answer names apart, for the quantity to settle if it can."""


# After "aldrig" or "dricker inte": an exception ("aldrig utom på nyår"), or a "men" or
# "fast" going on to now and then ("dricker inte, fast hon tar sig ett glas ibland").
_EXCEPTED = words_pattern(EXCEPT_WORDS)
_CONTRAST_THEN = re.compile(r"(?<![a-z0-9])(?:men|fast|dock)(?![a-z0-9])(.*)")


_OTHERWISE_NEVER = re.compile(r"(?<![a-z0-9])annars (?:aldrig|inte|nej)(?![a-z0-9])")


def happens_after_all(said: str) -> bool:
    """ "aldrig utom på nyår", "dricker inte, fast ibland på fester", "i somras …, annars
    aldrig": the "aldrig" has an exception, so it is not never."""
    contrast = _CONTRAST_THEN.search(said)
    return bool(_EXCEPTED.search(said) or _OTHERWISE_NEVER.search(said)) or bool(
        contrast and (NOW_AND_THEN_SAID.search(contrast.group(1)) or
                      # an occasion told: "fast i somras tog hon ett glas champagne"
                      set(contrast.group(1).split()) & _DRINKING_TOLD))


_DRINKING_TOLD = frozenset(("glas", "drack", "druckit", "dricker")) | drink_words()


def _open_above(placement, option: Option) -> bool:
    """The quantity has no upper bound ("eller oftare", "ibland mer") above the option's."""
    return option.per_month is not None and placement.high is not None and \
        placement.high >= _UNBOUNDED > option.per_month[1]


_UNBOUNDED = 1000  # a scale's top option reaches this many times a month (the bank's bound)


def names_apart(question: Question, text: str) -> bool:
    """The answer names two of the question's options ("studerar på komvux och jobbar
    extra"): which is meant is not said."""
    text = normalise_words(text)
    return isinstance(_by_phrase(question, fold(text), text), _Contradictory)


def _by_quantity(question: Question, text: str) -> Option | None | object:
    # How often, how many glasses, how many times, placed on the question's own scale
    # (bot.reading.scale): only a SURE placement is an answer. A LIKELY one ("varje helg"
    # on DUDIT item 1, between "2–4 gånger i månaden" and "2–3 gånger i veckan") is asked
    # again for now, and no spelling is guessed from it ("3-4 ggr i veckan" is close in
    # letters to "2-3 gånger i veckan"); likely_options() gives its two options for a
    # "Menar du …?".
    placement = place_answer(question, text, today())
    return _CONTRADICTORY if placement.certainty is Certainty.LIKELY else placement.option


def likely_options(question: Question, text: str) -> tuple[Option, Option] | None:
    """The two nearest options when a quantity lies on or across their border, else None."""
    placement = place_answer(question, text, today())
    return placement.options if placement.certainty is Certainty.LIKELY else None


_NEGATIONS = (*NEGATION_WORDS, "utan")


@functools.lru_cache(maxsize=4096)  # the options' phrases are asked about on every try
def _negations(text: str) -> int:
    """How many words negate, typos included ("aldirg" is "aldrig")."""
    return sum(1 for word in text.split()
               if word in _NEGATIONS or (len(word) >= 4 and difflib.get_close_matches(
                   word, _NEGATIONS, n=1, cutoff=FUZZY_CUTOFF)))


def _close_words(said: list[str], phrase: list[str]) -> bool:
    """Word by word: each typed word is the phrase's word or a close spelling of it. A
    short word must be exact, so "fredag" is never a misspelt "dag"."""
    if len(said) != len(phrase):
        return False
    for typed, wanted in zip(said, phrase, strict=True):
        if typed == wanted:
            continue
        if len(wanted) < 4 or len(typed) < 4 or difflib.SequenceMatcher(
                None, typed, wanted).ratio() < FUZZY_CUTOFF:
            return False
    return True


def _by_spelling(question: Question, said: str) -> Option | None:
    # A typo is forgiven, a missing or extra negation is not: "en gang" is close to
    # "ingen gang" but means the opposite.
    negations = _negations(said)
    words = said.split()
    close = {id(o): o for o in question.options for p in _phrases(o)
             if _negations(p) == negations and _close_words(words, p.split())}
    return next(iter(close.values())) if len(close) == 1 else None


# Words that bound a quantity: an option's words after them are not that option.
_BOUND = re.compile(r"(?<![a-z0-9])(mindre|mer|fler|farre|oftare|sallan|minst|hogst|max|"
                    r"under|over|upp till)\s+(an\s+)?(en|ett|\d|tva|tre|fyra|varje|nagon|nan)")


# A rate compared with another, with nothing after "än" to say how often: "mer sällan",
# "oftare", "inte lika ofta" ("eller oftare" and "mer sällan än en gång i månaden" are
# the options' own words).
_COMPARED = re.compile(r"(?<!eller )(?<![a-z0-9])(?:mer sallan|mera sallan|oftare|mindre ofta|"
                       r"inte lika ofta|lika ofta)(?!\s+an\s)(?![a-z0-9])")


def _drinks_not_glasses(question: Question, text: str) -> bool:
    """A question counted in standard glasses (AUDIT item 2), answered in drinks that are
    not one glass each."""
    if not counts_glasses(question.options):
        return False
    glasses = read_glasses(text)
    return glasses is not None and not glasses.one_glass_each


def understand_choice(question: Question, text: str) -> Understood | None:
    text = normalise_words(text)  # "får fsd" names försörjningsstöd as the word does
    # and the vocabulary's words of several ("gått klart sfi" is no longer "Läser SFI")
    said = normalise(fold(text))
    if not said or counts_glasses(question.options) and drinks_of_before(text):
        return None  # "Förut drack hon bara ett glas": not today's amount
    option = _by_phrase(question, said, text)
    if isinstance(option, Option) and option.per_month is not None and _COMPARED.search(said):
        return None  # "brorsan varje helg, han själv mer sällan": than another's, not an option
    if isinstance(option, _Contradictory):
        # Options named apart are no answer, unless the past year leaves only "Aldrig":
        # "det var varje vecka för två år sen men senaste året aldrig" (bot.reading.scale).
        # "nej, men hon mår dåligt varje vecka" is two answers, whatever its frequency.
        placement = place_answer(question, text, today())
        if placement.option is not None and placement.option in option and \
                placement.option.per_month == (0, 0):
            return Understood(placement.option, "mängd")
        if placement.option is not None and len(option) == 2 and placement.option in option \
                and any(o.per_month == (0, 0) for o in option) and _ITEMS_NEVER.search(said):
            # "han kan aldrig sluta, det är varje dag": the "aldrig" is the item's own
            # words, and the quantity decides, as for "Aldrig" named alone (below).
            return Understood(placement.option, "mängd")
        return None
    if isinstance(option, Option) and option.per_month not in (None, (0, 0)) and \
            fewer_glasses_than_asked(question, text):
        # "hon dricker sällan mer än tre glas": "sällan" is not of six or more ("aldrig mer
        # än två glas" is never six, and stays "Aldrig")
        return None
    if isinstance(option, Option) and option.key is None and option.score == 0 and \
            option.per_month is None and happens_after_all(said):
        return None  # "ingen har sagt något, förutom exfrun för fem år sen": someone did
    if option is not None and option.per_month == (0, 0):
        # "Aldrig" by its word, but "varje lördag, aldrig annars" says a habit and "aldrig
        # nåt mer sen i våras" that it stopped: the quantity decides, or nothing does.
        placement = place_answer(question, text, today())
        if placement.option is not None and placement.option is not option:
            return Understood(placement.option, "mängd")
        if happens_after_all(said):
            return None  # "aldrig, förutom på hennes födelsedag": not never
        if placement.option is option:
            # Every frequency of the past year agrees: "varje vecka för två år sen men
            # senaste året aldrig" leaves only the "aldrig".
            return Understood(option, "synonym")
        if placement.stopped or any(f.high > 0 for f in read_frequencies(text)):
            return None  # "dricker aldrig men röker på varje helg": whose "aldrig"?
    elif option is not None and _drinks_not_glasses(question, text):
        # "1-2 flaskor vin", "3-4 stora stark": the option's number counts bottles or
        # cans, not standard glasses; the drinks, converted, decide alone (below).
        option = None
    elif option is not None and option.per_month is not None and (
            changed_since(text) or part_of_year(text, today(), asks_of_past_year(question))):
        # "i våras en gång i månaden, sen har det lugnat sig", "varje dag fram till i
        # somras": not the year's
        return None
    elif option is not None:
        # The words name one option, the quantity another ("efter helgerna ett par gånger
        # i månaden": "helgerna" is weekly, the frequency monthly): asked, not guessed. So
        # when frequencies are read that place nowhere ("varje dag förut men nu bara på
        # fredagar").
        placement = place_answer(question, text, today())
        if placement.certainty is not Certainty.NONE and option not in placement.options:
            return None
        if option.per_month is not None and any(
                f.sometimes and f.low < option.per_month[0] <= f.high
                for f in read_frequencies(text)):
            return None  # "ibland varje dag": the words name an option the habit may fall short of
        if placement.certainty is Certainty.LIKELY and (_BOUND.search(said) or _open_above(
                placement, option)):
            # "mindre än en gång i månaden" holds the words of "Varje månad" but says less,
            # "två gånger i veckan eller oftare" those of "2–3 gånger i veckan" but says
            # more: the quantity is between two options, so both are offered, neither stored.
            return None
        if placement.certainty is Certainty.NONE and option.per_month is not None and \
                len(read_frequencies(text)) > 1:
            return None
    if option is not None:
        return Understood(option, "synonym")
    option = _by_quantity(question, text)
    if option is _CONTRADICTORY:
        return None
    if option is not None:
        return Understood(option, "mängd")
    option = _by_spelling(question, said)
    if option is not None:
        return Understood(option, "stavning")
    return None


_YES = {"ja", "japp", "jepp", "jo", "jadå", "jada", "absolut", "javisst", "ja visst", "stammer",
        "det stammer", "yes", "ja det har hen", "ja det har han", "ja det har hon", "ja det gor hen",
        "ja det gor han", "ja det gor hon", "ja det ar det", "ja det finns"}
# Unsure answers: at a gate they open the module (the questions are asked rather than a
# problem missed); elsewhere they are not guessed at.
_UNSURE = {"osaker", "kanske", "troligen", "tror det", "kanske det", "mojligen"}
_NO = {"nej", "nix", "nä", "na", "aldrig", "inte alls", "nej aldrig", "nej inte alls", "no",
       "stammer inte", "det stammer inte", "inte vad jag vet", "nej inte vad jag vet", "icke",
       "det har hen inte", "det har han inte", "det har hon inte", "inte",
       "nej det har hen inte", "nej det har han inte", "nej det har hon inte", "nej det finns inte"}


# A yes or no said first, then whatever follows ("japp, sen i våras", "nej, hon klarar sig").
_YES_FIRST = ("ja", "jaa", "japp", "jepp", "jo", "jajamen", "absolut", "javisst", "yes", "precis",
              "definitivt", "jadå", "jada", "mm", "jupp", "stammer")
_NO_FIRST = ("nej", "nä", "na", "nix", "nope", "icke", "nae")
# Spoken fillers after a first word ("ja asså", "jo liksom"), and the "not quite" that
# denies a yes said before it ("ja asså, int direkt"; spoken forms too: this reads folded
# text, not the vocabulary's).
_FILLERS = frozenset(("assa", "alltsa", "liksom", "typ", "ba", "eh", "ehm", "hmm", "mm", "va"))
_NOT_AFTER_YES = frozenset(("inte", "int", "ente", "ej"))
_NOT_QUITE = frozenset(("direkt", "riktigt", "sa", "egentligen", "precis", "alls", "heller"))
# A yes said alone, a no before "inte": "absolut inte", "definitivt inte".
_INTENSIFIERS = ("absolut", "definitivt", "verkligen", "sakert", "garanterat", "precis")
# A message's first clause that is only a yes or a no ("nej, hon har inga barn").
BARE_ANSWERS = frozenset((*_YES_FIRST, *_NO_FIRST, "aldrig"))
# Said first, these deny the question's state ("inte längre", "inte vad jag ser i akten",
# "inga sådana tankar"): a no.
_NEGATION_FIRST = ("inte", "inga", "ingen", "inget", "aldrig")
_CONTRAST = words_pattern(("men", "fast", "utom", "forutom", "dock"))
HEDGE_WORDS = words_pattern(("kanske", "tror", "troligen", "mojligen", "eventuellt", "osaker",
                         "nog", "antagligen", "verkar"))


# After a leading yes or no, words that take the message back or correct something said
# before ("nej vänta, hon är 43", "ja förresten …", "nej förlåt, fel fråga"): no answer.
_TAKEN_BACK = {"vanta", "forresten", "forlat", "forlatt", "sorry", "ursakta", "fel", "oj",
               "hoppsan", "menade", "menar", "stopp"}


def _drawn_out(said: str) -> str:
    """A yes or no drawn out as it is spoken ("joo", "jaaa", "nää", "neej"), said plainly."""
    first, _, rest = said.partition(" ")
    plain = re.sub(r"(.)\1+", r"\1", first)
    if plain != first and plain in BARE_ANSWERS:
        return f"{plain} {rest}".strip()
    return said


def understand_yes_no(text: str, *, gate: bool = False) -> bool | None:
    said = _drawn_out(fold(text or ""))
    if said in _YES:
        return True
    if said in _NO:
        return False
    if gate and said in _UNSURE:
        return True
    words = said.split()
    if not words:
        return None
    if len(words) > 1 and (words[1] in _TAKEN_BACK or words[1:3] == ["jag", "menar"]):
        return None
    if len(words) > 1 and ({words[0], words[1]} & set(_YES_FIRST)
                           and {words[0], words[1]} & set(_NO_FIRST)):
        return None  # "ja – nej vänta …", "nej ja …": the one is taken back by the other
    first = words[0]
    if first in _INTENSIFIERS and len(words) > 1 and words[1] in ("inte", "aldrig", "ej"):
        return False  # "absolut inte", "verkligen inte"
    rest = [w for w in words[1:] if w not in _FILLERS]
    if first in _YES_FIRST and rest[:1] and rest[0] in _NOT_AFTER_YES and \
            rest[1:2] and rest[1] in _NOT_QUITE:
        return None  # "ja asså, int direkt": the yes is a filler, what follows denies it
    if first in _YES_FIRST or said.startswith(("ja visst", "det stammer")):
        if HEDGE_WORDS.search(" ".join(words[1:3])):
            return True if gate else None  # "ja kanske", "ja tror det"
        return True
    if first in _NO_FIRST or said.startswith("stammer inte"):
        return False
    if first in _NEGATION_FIRST and len(words) <= 6 and not HEDGE_WORDS.search(said) \
            and not _CONTRAST.search(said):
        return False  # but "inte i Sverige, men i hemlandet" says yes in its second half
    return None




@dataclass(frozen=True)
class Reading:
    value: Any
    label: str
    # False: likely, not sure ("typ varje helg" on the border of two options): asked back
    # as "Menar du …?" with the nearest options, never stored unconfirmed.
    sure: bool = True
    alternatives: tuple[str, ...] = ()
    # Clauses (folded) the reading used beyond the question's own, which then state no
    # fact for another question ("… men mår bra nu" said the state is over).
    consumed: tuple[str, ...] = ()


def _by_number_synonym(question: Question, said: str) -> float | None:
    hits = {value for value, phrases in question.number_synonyms
            for p in phrases if whole_word(fold(p)).search(said)}
    return hits.pop() if len(hits) == 1 else None


def _of_the_last(question: Question) -> bool:
    """ "Hur många av de senaste 12 månaderna …": a count of months within a window."""
    return question.unit == "månader" and bool(question.value_range) and \
        "av de senaste" in fold(question.text)


# Words that make "20 år" a span of time, not an age: "i 20 år", "sedan 20 år".
_SPAN_BEFORE = re.compile(r"(?<![a-z0-9])(i|sedan|sen|for|under|efter|om)\s*$")
_COMING_BEFORE = re.compile(r"(?<![a-z0-9])(snart|nastan|fyller|blir)\s*$")
# "trettiofem snart" (at the end: "35, snart 36" says 35 now).
_COMING_AFTER = re.compile(r"^\s*(ar\s+)?(?:snart\s*$|(nasta|om (en|ett|nagra|tva|tre))\s)")


def _age_to_come(text: str, number) -> bool:
    """The age said is one the client turns soon: "snart 30", "fyller 25 i vår", "25 nästa
    månad" (not "fyllde 40 i somras", nor "24, fyller 25 i maj", whose first age is now)."""
    digits = (number.text or "").split()[:1] or [""]  # "25" of "25 nästa"
    before = fold((text or "")[:number.start])
    after = fold((text or "")[number.start + len(digits[0]):])
    return bool(_COMING_BEFORE.search(before) or _COMING_AFTER.match(after))


# "det är första månaden", "tredje månaden i rad": the month it is, counted so far.
_NTH_MONTH = re.compile(r"(?<![a-z0-9])(\w+) manaden(?: i rad)?(?![a-z0-9])")


def _nth_month(question: Question, said: str, numbers) -> float | None:
    """On "how many of the last 12 months", an ordinal month is the count so far; only
    when nothing else in the answer is a number ("fick avslag första månaden, sen har det
    gått fem" is read by its numbers, or not at all)."""
    if numbers or not _of_the_last(question):
        return None
    found = {ORDINALS[m.group(1)] for m in _NTH_MONTH.finditer(said) if m.group(1) in ORDINALS}
    return found.pop() if len(found) == 1 and not NEGATION.search(said) else None


def understand_number(question: Question, text: str) -> float | None:
    value = _by_number_synonym(question, fold(text or ""))
    if value is None:
        numbers = [q for q in parse_quantities(text or "") if q.value_max is None
                   and q.kind in ("number", "duration")]
        value = _nth_month(question, fold(text or ""), numbers)
    if value is None:
        # "8 av 12 månader": the first number is the answer, the rest restates the question.
        first = numbers[0] if numbers else None
        if _of_the_last(question):
            durations = read_durations(text or "", today())
            if len(durations) == 1 and durations[0].low > question.value_range[1]:
                # "i flera år", "sedan 2024": all of the months asked about.
                return int(question.value_range[1])
        if first is not None and (re.match(r"(?i)(några|nagra|nån|nan|någon|nagon|par|ett par|flera)\b",
                                            first.text or "")
                                  or re.search(r"(?<![a-z0-9])(eller|till)(?![a-z0-9])",
                                               fold(text or ""))):
            return None  # "nån månad eller två": a guess either way
        if first is not None and first.kind == "duration" and first.unit == "år" and \
                question.unit == "år" and not _SPAN_BEFORE.search(fold((text or "")[:first.start])):
            # "34 år" to "Hur gammal är klienten?" is an age; "i 20 år" is a span of time.
            first = dataclasses.replace(first, kind="number", unit=None)
        if first is not None and first.kind == "duration" and first.unit:
            # A duration answers a question in months in months ("ett halvår" is 6, not
            # 0.5); a question in another unit is not answered by a duration at all.
            if question.unit != "månader":
                return None
            if not any(d.start < first.end and first.start < d.end
                       for d in read_durations(text or "", today())):
                return None  # "för ett år sedan" is when, not how long
            value = round(in_months(first.value, first.unit), 1)
            if _of_the_last(question) and value > question.value_range[1]:
                # "ett och ett halvt år" to "how many of the last 12 months": all of them.
                value = question.value_range[1]
        else:
            value = first.value if first is not None else None
            if value is not None and question.unit == "år" and _age_to_come(text, first):
                # "snart 30", "fyller 25 i vår", "25 nästa månad": not that age yet. The
                # age bands decide target groups; one year too many is a wrong answer.
                value -= 1
    low, high = question.value_range or (float("-inf"), float("inf"))
    if value is None or not low <= value <= high:
        return None
    return int(value) if float(value).is_integer() else value


def understand_numbers(question: Question, text: str) -> list[float] | None:
    low, high = question.value_range or (float("-inf"), float("inf"))
    values = [q.value for q in parse_quantities(text or "")
              if q.kind in ("number", "duration") and q.value_max is None
              and not (q.text or "").lower().startswith(("några", "nagra", "flera", "par", "ett par"))]
    values += [float(v) for v in re.findall(r"(?<![\d.,])\d+(?![\d.,])", text or "")
               if float(v) not in values]
    if not values or any(not low <= v <= high for v in values):
        return None
    return [int(v) if float(v).is_integer() else v for v in values]


def understand_duration(question: Question, text: str) -> float | None:
    """A duration in months; a bare number is not guessed to be months or years."""
    value = _by_number_synonym(question, fold(text or ""))
    if value is not None:
        return value
    durations = [q for q in parse_quantities(text or "") if q.kind == "duration" and q.unit]
    if len(durations) != 1 or durations[0].value_max is not None:
        return None  # "ett par år", "två tre år": a range is no answer, its middle a guess
    return months_of(durations[0])


def duration_range(text: str) -> tuple[float, float] | None:
    """The one duration said as a range ("ett par år": 24 to 36 months), for asking back."""
    durations = [q for q in parse_quantities(text or "") if q.kind == "duration" and q.unit]
    if len(durations) != 1 or durations[0].value_max is None:
        return None
    q = durations[0]
    low, high = (round(in_months(v, q.unit), 1) for v in (q.value, q.value_max))
    return tuple(int(v) if float(v).is_integer() else v for v in (low, high))


# Words that leave an area out: "alla utom barn", "allt, fast hoppa över barn".
_LEFT_OUT = re.compile(r"(?<![a-z0-9])(utom|forutom|utan(?! allt| alla)|inte(?! bara)|ej|"
                       r"hoppa over|hoppar over|"
                       r"skippa|skippar|bortsett fran|exklusive)(?![a-z0-9])")
# A word for an area the modules' names do not hold: "jobbdelen", "missbruksbiten".
_AN_AREA_UNNAMED = re.compile(r"(?<![a-z0-9])[a-z]+(delen|biten|omradet|fragorna|avsnittet)"
                              r"(?![a-z0-9])")


def names_an_area(modules, text: str) -> bool:
    """The message names one of the areas to choose ("hoppa över barn" leaves one out; it
    skips no question)."""
    said = fold(text or "")
    return any(whole_word(fold(a)).search(said)
               for m in modules if m.order != 0 for a in (m.name, *m.aliases))


def understand_modules(modules, text: str) -> list[str] | None:
    """Which modules the case worker chose: "alla", "alla utom barn", "ekonomi och boende"."""
    said = re.sub(r"(?<![a-z0-9])inte bara(?![a-z0-9])", "", fold(text or ""))  # "inte bara X utan allt"
    choosable = [m for m in modules if m.order != 0]
    starts = punctuation_starts(text or "")

    def found(m) -> list[re.Match]:
        return [hit for a in (m.name, *m.aliases)
                for hit in whole_word(fold(a)).finditer(said)]

    named = [m.id for m in choosable if found(m)]
    if _AN_AREA_UNNAMED.search(re.sub("|".join(
            rf"(?<![a-z0-9]){re.escape(fold(a))}(?![a-z0-9])"
            for m in choosable for a in (m.name, *m.aliases)), " ", said)):
        return None  # "ekonomin och jobbdelen": an area the words do not name is asked
    wants_all = re.search(r"(?<![a-z0-9])(alla|allt|samtliga|hela)(?![a-z0-9])", said)
    if re.search(r"(?<![a-z0-9])utan (?:allt|alla|samtliga)(?![a-z0-9])", said):
        return [m.id for m in choosable]  # "inte bara ekonomi utan allt"
    left_out = _LEFT_OUT.search(said)
    if wants_all and left_out:
        return [m.id for m in choosable if m.id not in named] or None
    if left_out:
        return None  # "hoppa över barn": which areas then is not said
    # "ekonomi och alkohol, hon har inga barn": a module's word denied names no choice.
    denied = {m.id for m in choosable
              if found(m) and all(_negated(said, hit.start(), starts) for hit in found(m))}
    if denied:
        if wants_all:  # "allt, men inga barn finns": all the others
            return [m.id for m in choosable if m.id not in denied] or None
        named = [n for n in named if n not in denied]
        return named or None
    if wants_all and not named:
        return [m.id for m in choosable]
    return named or None
