"""The question bank: every question defined once, in data/questions/*.yml.

Everything else (the dialogue, validation, fact extraction, corrections, scoring checks,
the profile and the summaries) reads questions from here, so a wording, a score or a
factor is never kept in two places. `check_bank` is run by the tests and by CI.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from bot.scoring.instruments import ALLOWED_SCORES
from bot.yaml_files import read_yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
QUESTIONS_DIR = DATA_DIR / "questions"
FACTORS_FILE = DATA_DIR / "factors.yml"
SAFETY_FILE = DATA_DIR / "safety.yml"
# choice: scored options; yes_no: bool; number: one number in `range`; numbers: several
# (the children's ages); duration: months; free_text: the masked text; modules: which
# modules the case worker chose.
ANSWER_TYPES = ("choice", "yes_no", "number", "numbers", "duration", "free_text", "modules")
SENSITIVITY = ("seen_alone",)


@dataclass(frozen=True)
class Option:
    score: int
    label: str
    key: str | None = None  # stored instead of the score outside the instruments
    synonyms: tuple[str, ...] = ()
    statements: tuple[str, ...] = ()  # phrases that state this option inside a longer message
    per_month: tuple[float, float] | None = None  # for frequency answers
    count: tuple[float, float] | None = None  # for "how many" answers
    # How long ago the change was, in months, for a stage that is defined by it (the
    # motivation stages: acting in the first six months, then maintaining)
    months_since: tuple[float, float] | None = None

    @property
    def value(self) -> Any:
        return self.key if self.key is not None else self.score


@dataclass(frozen=True)
class Indication:
    factor: str
    expected: Any
    also: tuple[tuple[str, Any], ...] = ()  # conditions on other answers


@dataclass(frozen=True)
class Question:
    id: str
    module: str
    text: str
    help: str
    type: str
    topic: str = ""
    aliases: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    # Counts occasions of use (AUDIT 1, DUDIT 1-2: "2–3 gånger i veckan"), where a weekend
    # may be two; the other frequency items ask how often something happened.
    frequency_answer: bool = False
    skips_module_if: tuple[Any, ...] = ()
    when: tuple[tuple[str, Any], ...] = ()
    sensitive: str | None = None
    scope: str = "assessment"  # "meeting": asked again at each new meeting
    unit: str | None = None
    value_range: tuple[float, float] | None = None
    number_synonyms: tuple[tuple[float, tuple[str, ...]], ...] = ()
    yes_statements: tuple[str, ...] = ()
    no_statements: tuple[str, ...] = ()
    # Replies: phrases that answer this yes/no question only when it is the one asked,
    # because they lean on it ("hon kom själv" to "Har klienten själv sökt hjälp?", "det
    # utreds" to "… intygad nedsatt arbetsförmåga?"); never read as facts elsewhere.
    yes_replies: tuple[str, ...] = ()
    no_replies: tuple[str, ...] = ()
    # Phrases that say the item's own condition did not hold ("men hon står emot" to DUDIT
    # 5, which counts cravings she could not resist): a frequency said with them is no
    # answer to the item, and it is asked again. On a yes/no question they stop a "no"
    # ("hade med sig sin kontaktperson" to "utan partner eller andra i hushållet?").
    not_so_if: tuple[str, ...] = ()
    # Phrases that make a yes not the question's yes: "men det är utskrivet" to the drugs
    # gate, which asks of medicines used otherwise than prescribed. Asked again.
    not_yes_if: tuple[str, ...] = ()
    # Facts of other questions that this question's yes cannot stand beside in one
    # message: lives_alone's yes beside children living there ("ja. Barnen bor hos honom
    # varannan vecka"). The question is asked again.
    not_yes_with: tuple[tuple[str, Any], ...] = ()
    # Yes statements that name one kind of the fact ("hyresskulder", "csn-lån" of debts):
    # denied, they deny that kind only ("inga hyresskulder" says nothing of other debts).
    kinds: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()  # "arbetslös sedan" + a duration
    quantity_unit: str | None = None  # "3 barn" states children_count
    indicates: tuple[Indication, ...] = ()
    safety: str | None = None  # a prompt in data/safety.yml, shown when safety_if matches
    safety_if: Any = None
    # The instrument's own wording (du-form), shown beside the question so the case worker
    # can read it aloud as published.
    published: str | None = None
    # Asked even when the module's gate closes the module: DUDIT items 10-11 ask about
    # earlier use too, and "Ja, men inte under det senaste året" scores 2.
    past_gate: bool = False
    # Words that say a clause is about this question (bot/reading/attribution.py): a bare
    # "ja" beside another question's words is not this question's answer.
    cues: tuple[str, ...] = ()
    # "present": a state today, so "hade", "förut", "slutat" before its statement deny it
    # ("hade en depression för tio år sen"); "past": an event, which they do not.
    tense: str = "present"
    # False where the answer is about someone else by design (a relative's misuse, who
    # worried, the family's support): there "hennes man …" is the answer, not a stranger.
    about_client: bool = True
    # The harm items (AUDIT 9, DUDIT 10): anyone may have been hurt, but by the client's
    # own use. "sambon bröt handen när han var full" is the partner's drinking.
    of_clients_use: bool = False
    # An area's opening question whose area is the household's (ekonomiskt bistånd is
    # assessed for the household): a partner's debts are a risk in it too.
    household_area: bool = False
    # About the household's people only (violence "i hushållet, mot klienten eller
    # barnen"): a partner or child is in it, "hennes bror blir slagen" is not.
    of_household: bool = False
    # Asks of the family as a whole: a no is of part of it when a relative the client is in
    # touch with is named after it ("Nej, föräldrarna har brutit kontakten. Hon har en
    # moster hon pratar med"), and is asked again.
    of_kin: bool = False
    # A yes said in parts, each somewhere in the message (not negated): lists of phrases,
    # one of each list ("maken dricker" and "hon vill ha stöd kring det"). Shown back.
    yes_when_all: tuple[tuple[str, ...], ...] = ()

    @property
    def about(self) -> str:
        """The topic after "frågan om …": "om skulderna växer" would read "om om"."""
        topic = self.topic or self.id
        return topic[3:] if topic.startswith("om ") else topic

    @property
    def statement_sources(self) -> tuple[str, ...]:
        """Every phrase that states an answer to this question inside a longer message."""
        return (*self.yes_statements, *self.no_statements, *self.patterns,
                *(s for o in self.options for s in o.statements))

    @property
    def is_gate(self) -> bool:
        return bool(self.skips_module_if)

    def option_for(self, value: Any) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Module:
    id: str
    name: str
    order: int
    intro: str
    instrument: str | None
    aliases: tuple[str, ...] = ()
    instrument_factors: tuple[tuple[str, str], ...] = ()
    questions: tuple[Question, ...] = field(default_factory=tuple)
    cues: tuple[str, ...] = ()  # the area's words; its gate question is about all of them


def _words(text: str) -> str:
    return " ".join((text or "").split())


def _option(raw: dict) -> Option:
    return Option(
        score=raw["score"], label=raw["label"], key=raw.get("key"),
        synonyms=tuple(raw.get("synonyms", ())), statements=tuple(raw.get("statements", ())),
        per_month=tuple(raw["per_month"]) if "per_month" in raw else None,
        count=tuple(raw["count"]) if "count" in raw else None,
        months_since=tuple(float(b) for b in raw["months_since"]) if "months_since" in raw else None,
    )


def _question(raw: dict, module_id: str) -> Question:
    statements = raw.get("statements") or {}
    return Question(
        id=raw["id"], module=module_id, text=_words(raw["text"]), help=_words(raw.get("help", "")),
        type=raw["type"], topic=raw.get("topic", ""), aliases=tuple(raw.get("aliases", ())),
        options=tuple(_option(o) for o in raw.get("options", ())),
        frequency_answer=bool(raw.get("frequency_answer")),
        skips_module_if=tuple(raw.get("skips_module_if", ())),
        when=tuple((raw.get("when") or {}).items()),
        sensitive=raw.get("sensitive"), scope=raw.get("scope", "assessment"),
        unit=raw.get("unit"),
        value_range=tuple(raw["range"]) if "range" in raw else None,
        number_synonyms=tuple((float(k), tuple(v)) for k, v in (raw.get("synonyms") or {}).items())
        if raw["type"] in ("number", "duration") else (),
        # YAML 1.1 reads a bare `yes:`/`no:` key as a boolean: accept both spellings.
        yes_statements=tuple(statements.get("yes", statements.get(True, ()))),
        no_statements=tuple(statements.get("no", statements.get(False, ()))),
        patterns=tuple(statements.get("patterns", ())),
        yes_replies=tuple((raw.get("replies") or {}).get("yes", (raw.get("replies") or {}).get(
            True, ()))),
        no_replies=tuple((raw.get("replies") or {}).get("no", (raw.get("replies") or {}).get(
            False, ()))),
        not_so_if=tuple(raw.get("not_so_if") or ()),
        not_yes_if=tuple(raw.get("not_yes_if") or ()),
        not_yes_with=tuple((raw.get("not_yes_with") or {}).items()),
        kinds=tuple(raw.get("kinds") or ()),
        quantity_unit=statements.get("quantity_unit"),
        indicates=tuple(
            Indication(i["factor"], i.get("if", True), tuple((i.get("and") or {}).items()))
            for i in raw.get("indicates", ())
        ),
        safety=raw.get("safety"), safety_if=raw.get("safety_if"),
        published=_words(raw["published"]) if raw.get("published") else None,
        past_gate=bool(raw.get("past_gate")),
        cues=tuple(raw.get("cues", ())),
        tense=raw.get("tense", "present"),
        about_client=raw.get("about_client", True),
        of_clients_use=bool(raw.get("of_clients_use")),
        household_area=bool(raw.get("household_area")),
        of_household=bool(raw.get("of_household")),
        of_kin=bool(raw.get("of_kin")),
        yes_when_all=tuple(tuple(group) for group in raw.get("yes_when_all") or ()),
    )


def load_module(path: Path) -> Module:
    doc = read_yaml(path)
    meta = doc["module"]
    return Module(
        meta["id"], meta["name"], meta["order"], _words(meta["intro"]), meta.get("instrument"),
        aliases=tuple(meta.get("aliases", ())),
        instrument_factors=tuple((meta.get("instrument_factors") or {}).items()),
        questions=tuple(_question(q, meta["id"]) for q in doc["questions"]),
        cues=tuple(meta.get("cues", ())),
    )


@cache
def load_bank(directory: Path = QUESTIONS_DIR) -> tuple[Module, ...]:
    modules = [load_module(p) for p in sorted(directory.glob("*.yml"))]
    return tuple(sorted(modules, key=lambda m: m.order))


def questions_by_id(directory: Path = QUESTIONS_DIR) -> dict[str, Question]:
    return {q.id: q for m in load_bank(directory) for q in m.questions}


def module_of(modules: tuple[Module, ...], question: Question) -> Module:
    return next(m for m in modules if m.id == question.module)


def areas_in_words(modules: tuple[Module, ...]) -> str:
    """The assessed areas as the help text lists them ("…, alkohol (AUDIT), … samt barn i
    hushållet"): the bank is their one owner, and tests/unit/test_help_text.py holds
    domain.yml's utter_help to this, since Rasa's responses must carry literal text."""
    names = [m.name.lower() + (f" ({m.instrument.upper()})" if m.instrument else "")
             for m in modules if m.order != 0]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " samt " + names[-1]


@dataclass(frozen=True)
class Factor:
    id: str
    name: str
    kind: str  # "risk" | "protective"
    level: str  # "individ" | "grupp" | "miljö"
    areas: tuple[str, ...]
    warning: str | None
    sources: tuple[str, ...]
    # A reading of other factors: present when one of them is and the answers match.
    derived_from: tuple[str, ...] = ()
    derived_when: tuple[tuple[str, Any], ...] = ()
    # Read from the client's age and the oldest child's: a parent at this age or younger.
    derived_age_gap: int | None = None


@dataclass(frozen=True)
class FactorCatalogue:
    areas: dict[str, str]  # id -> Swedish name
    core_modules: dict[str, tuple[str, ...]]
    factors: dict[str, Factor]
    accumulation_threshold: int
    triage: dict


@cache
def load_factors(path: Path = FACTORS_FILE) -> FactorCatalogue:
    doc = read_yaml(path)
    factors = {
        f["id"]: Factor(f["id"], f["name"], f["kind"], f["level"], tuple(f["areas"]),
                        f.get("warning"), tuple(f.get("sources", ())),
                        tuple(f.get("derived_from", ())),
                        tuple((f.get("derived_when") or {}).items()),
                        f.get("derived_age_gap"))
        for f in doc["factors"]
    }
    areas = doc["areas"]
    return FactorCatalogue({a: v["name"] for a, v in areas.items()},
                           {a: tuple(v["core_modules"]) for a, v in areas.items()},
                           factors, int(doc["accumulation_threshold"]), dict(doc["triage"]))


@dataclass(frozen=True)
class SafetyPrompt:
    id: str
    title: str
    text: str
    legal: str
    # Said in passing, at any question ("han orkar inte leva längre"): the prompt is shown
    # whatever the message answers (bot/assessment/safety.py).
    phrases: tuple[str, ...] = ()
    law: str = ""  # the act and the duty, as checked
    law_checked: str = ""  # when; the next change of the act has an owner and a date

    def message(self) -> str:
        return f"⚠ {self.title}. {self.text} ({self.legal})"


@cache
def load_safety(path: Path = SAFETY_FILE) -> dict[str, SafetyPrompt]:
    doc = read_yaml(path)
    return {pid: SafetyPrompt(pid, p["title"], _words(p["text"]), _words(p["legal"]),
                              tuple(p.get("phrases", ())), p.get("law", ""),
                              str(p.get("law_checked", "")))
            for pid, p in doc["prompts"].items()}


def check_bank(modules: tuple[Module, ...], factors: FactorCatalogue | None = None) -> list[str]:
    """Problems in the bank, in Swedish; empty when it is consistent."""
    factors = factors or load_factors()
    problems: list[str] = []
    by_id = {q.id: q for m in modules for q in m.questions}
    seen: set[str] = set()
    used_factors: set[str] = set()
    for module in modules:
        for q in module.questions:
            if q.id in seen:
                problems.append(f"{q.id}: id förekommer mer än en gång")
            seen.add(q.id)
            problems += _check_question(q, module, by_id, factors)
            used_factors |= {i.factor for i in q.indicates}
        for _, factor in module.instrument_factors:
            used_factors.add(factor)
            if factor not in factors.factors:
                problems.append(f"{module.id}: okänd faktor {factor!r}")
        if module.instrument:
            problems += _check_instrument(module)
    module_ids = {m.id for m in modules}
    for area, core in factors.core_modules.items():
        problems += [f"området {area}: okänd modul {m!r}" for m in core if m not in module_ids]
    for fid, factor in factors.factors.items():
        if factor.derived_age_gap is not None:
            pass
        elif factor.derived_from:
            problems += [f"faktorn {fid}: härleds från okänd faktor {d!r}"
                         for d in factor.derived_from if d not in factors.factors]
        elif fid not in used_factors:
            problems.append(f"faktorn {fid} anges inte av någon fråga")
        for area in factor.areas:
            if area not in factors.areas:
                problems.append(f"faktorn {fid}: okänt område {area!r}")
        if factor.kind not in ("risk", "protective") or factor.level not in ("individ", "grupp", "miljö"):
            problems.append(f"faktorn {fid}: okänd typ eller nivå")
    return problems


def _check_question(q: Question, module: Module, by_id: dict[str, Question],
                    factors: FactorCatalogue) -> list[str]:
    problems = []
    if q.type not in ANSWER_TYPES:
        problems.append(f"{q.id}: okänd svarstyp {q.type!r}")
    if not q.topic and q.type != "modules":
        problems.append(f"{q.id}: saknar ämne (topic) för sammanfattning och rättelser")
    if q.type == "choice":
        if not q.options:
            problems.append(f"{q.id}: flervalsfråga utan alternativ")
        if len({o.score for o in q.options}) != len(q.options):
            problems.append(f"{q.id}: två alternativ har samma poäng")
        if not module.instrument and any(o.key is None for o in q.options):
            problems.append(f"{q.id}: alternativ utan nyckel (key) utanför instrumenten")
    if q.type in ("number", "numbers") and q.value_range is None:
        problems.append(f"{q.id}: taluppgift utan intervall (range)")
    if q.safety is not None and (q.safety not in load_safety() or q.safety_if is None):
        problems.append(f"{q.id}: okänd säkerhetsuppmaning {q.safety!r} eller saknat safety_if")
    if q.sensitive is not None and q.sensitive not in SENSITIVITY:
        problems.append(f"{q.id}: okänd känslighet {q.sensitive!r}")
    keys = {o.value for o in q.options}
    for qid, expected in q.when:
        if qid not in by_id:
            problems.append(f"{q.id}: villkoret nämner okänd fråga {qid!r}")
        elif isinstance(expected, list) and not set(expected) <= {o.value for o in by_id[qid].options}:
            problems.append(f"{q.id}: villkoret nämner okända alternativ för {qid}")
    for qid, _ in q.not_yes_with:
        if qid not in by_id:
            problems.append(f"{q.id}: not_yes_with nämner okänd fråga {qid!r}")
    if q.type == "choice" and q.skips_module_if and not set(q.skips_module_if) <= keys:
        problems.append(f"{q.id}: skips_module_if nämner okända alternativ")
    for ind in q.indicates:
        if ind.factor not in factors.factors:
            problems.append(f"{q.id}: okänd faktor {ind.factor!r}")
        if q.type == "choice" and isinstance(ind.expected, list) and not set(ind.expected) <= keys:
            problems.append(f"{q.id}: faktorn {ind.factor} nämner okända alternativ")
        for qid, _ in ind.also:
            if qid not in by_id:
                problems.append(f"{q.id}: faktorn {ind.factor} nämner okänd fråga {qid!r}")
    return problems


def _check_instrument(module: Module) -> list[str]:
    problems = []
    for item_id, scores in ALLOWED_SCORES[module.instrument].items():
        q = next((x for x in module.questions if x.id == item_id), None)
        if q is None:
            problems.append(f"{module.id}: {item_id} saknas")
        elif not q.published:
            problems.append(f"{item_id}: saknar formulärets lydelse (published)")
        elif {o.score for o in q.options} != set(scores):
            problems.append(f"{item_id}: poängen {sorted(o.score for o in q.options)} "
                            f"skiljer sig från instrumentets {sorted(scores)}")
    return problems



def per_object(build):
    """Cache `build(obj)` by the object's identity, keeping the object alive beside its
    entry: the bank's dataclasses are not hashable (lists in conditions), and what is built
    from a question or a module (its phrases compiled, an index) is asked for on every
    message."""
    cache: dict[int, tuple[Any, Any]] = {}

    def cached(obj):
        entry = cache.get(id(obj))
        if entry is None or entry[0] is not obj:
            entry = (obj, build(obj))
            cache[id(obj)] = entry
        return entry[1]

    cached.__doc__ = build.__doc__
    cached.__name__ = build.__name__
    return cached


@per_object
def by_id(modules: tuple[Module, ...]) -> dict[str, Question]:
    """Every question of these modules by its id, built once per bank."""
    return {q.id: q for m in modules for q in m.questions}
