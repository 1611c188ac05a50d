"""`python -m bot catalogue check`: the catalogue must agree with the question bank, the
factors and the seed reports it cites, or CI fails."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from bot.assessment.question_bank import FactorCatalogue, load_factors
from bot.catalogue.catalogue import (
    CATALOGUE_DIR,
    PREVENTION_LEVELS,
    PROVIDERS,
    TIMINGS,
    Intervention,
    LocalOffer,
    _entry,
    load_raw,
)
from bot.catalogue.needs import Need, load_needs

SEEDS_DIR = Path(__file__).resolve().parents[2] / "docs" / "seeds"
REQUIRED = ("id", "name", "description", "areas", "targets", "prevention_level", "timing",
            "provider", "evidence", "sources")
# The labels the reports use (../shared/notes/catalogue.md §0); anything else is a typo.
EVIDENCE_LABELS_PREFIXES = (
    "evidensbaserad", "liten positiv effekt", "lovande", "fortsatt utvärdering behövs",
    "kan ej bedömas", "ingen bevisad effekt", "ej verksam", "bedöms ineffektiv", "ej utvärderad",
    "lärande exempel", "NR-rekommenderad", "ingen evidens angiven", "blandade resultat",
    "positiv effekt", "positiva resultat", "otillräcklig evidens", "beskrivande",
)
_RANGE = re.compile(r"^(?P<file>[0-9]{3}_[0-9a-f]+\.txt):(?P<start>\d+)(?:-(?P<end>\d+))?$")


@cache
def _seed_lines(seeds_dir: Path, name: str) -> tuple[str, ...] | None:
    path = seeds_dir / name
    if not path.exists():
        return None
    return tuple(path.read_text(encoding="utf-8", errors="replace").splitlines())


def _squash(text: str) -> str:
    return " ".join(text.split())


def check_source(ref: str, seeds_dir: Path = SEEDS_DIR) -> str | None:
    match = _RANGE.match(ref or "")
    if not match:
        return f"källan {ref!r} är inte på formen fil.txt:start-slut"
    lines = _seed_lines(seeds_dir, match["file"])
    if lines is None:
        return f"källfilen {match['file']} finns inte"
    start, end = int(match["start"]), int(match["end"] or match["start"])
    if not 1 <= start <= end <= len(lines):
        return f"raderna {start}-{end} finns inte i {match['file']} ({len(lines)} rader)"
    return None


def quote_found(quote: str, ref: str, seeds_dir: Path = SEEDS_DIR) -> bool:
    match = _RANGE.match(ref)
    lines = _seed_lines(seeds_dir, match["file"])
    start, end = int(match["start"]), int(match["end"] or match["start"])
    # Hyphenated line breaks in the reports ("riskfak-\ntor") are joined before comparing;
    # "- " goes on both sides, so a real hyphen ("missbruks- eller") matches too.
    joined = _squash(" ".join(lines[start - 1:end]))
    return _squash(quote) in joined or _unhyphen(quote) in _unhyphen(joined)


def _unhyphen(text: str) -> str:
    return _squash(text).replace("- ", "")


# Characters that end the text before a clause, or follow its end: a quote must not start or
# stop inside a clause, where dropping a word ("måttlig", "Utvärderingarna har inte
# jämfört") can turn its meaning.
_CLAUSE_BEFORE = tuple(".!?:;,”\"»)–")
_CLAUSE_AFTER = tuple(".!?:;,”\"»(–")
REVIEWED_FILE = CATALOGUE_DIR / "reviewed.yml"


def _context(ref: str, seeds_dir: Path, margin: int = 3) -> tuple[str, set[str]]:
    """The cited lines with a few lines around them, squashed, and the cited lines one by
    one (a heading quoted whole is a clause of its own)."""
    match = _RANGE.match(ref)
    lines = _seed_lines(seeds_dir, match["file"])
    start, end = int(match["start"]), int(match["end"] or match["start"])
    around = _squash(" ".join(lines[max(start - 1 - margin, 0):end + margin]))
    return around, {_squash(line) for line in lines[start - 1:end] if line.strip()}


def quote_is_whole_clause(quote: str, ref: str, seeds_dir: Path = SEEDS_DIR) -> bool:
    """The quote starts and ends at clause boundaries of the seed text (or is a whole line,
    such as a heading)."""
    around, cited_lines = _context(ref, seeds_dir)
    if _squash(quote) in cited_lines:
        return True
    for wanted, text in ((_squash(quote), around), (_unhyphen(quote), _unhyphen(around))):
        at = text.find(wanted)
        while at >= 0:
            before = text[:at].rstrip()
            after = text[at + len(wanted):].lstrip()
            starts = not before or before.endswith(_CLAUSE_BEFORE)
            ends = wanted.endswith(tuple(".!?")) or not after or after.startswith(_CLAUSE_AFTER)
            if starts and ends:
                return True
            at = text.find(wanted, at + 1)
    return False


def load_reviewed(path: Path = REVIEWED_FILE) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def check_reviewed(reviewed: dict, entries: list[Intervention], seeds_dir: Path) -> list[str]:
    """Every label one of the reports' own for its entry; every reviewed citation exists and
    says in one line what its lines say."""
    problems = []
    labels = reviewed.get("labels") or {}
    for entry in entries:
        allowed = (labels.get(entry.id) or {}).get("allowed")
        if not allowed:
            problems.append(f"{entry.id}: etiketten är inte granskad mot rapporterna "
                            f"({REVIEWED_FILE.name})")
        elif entry.evidence.label not in allowed:
            problems.append(f"{entry.id}: etiketten {entry.evidence.label!r} är inte "
                            f"rapporternas för insatsen (tillåtna: {', '.join(allowed)})")
    ids = {e.id for e in entries}
    problems += [f"{REVIEWED_FILE.name}: okänd insats {i!r}" for i in sorted(set(labels) - ids)]
    for item in reviewed.get("citations") or ():
        ref, says = item.get("ref", ""), (item.get("says") or "").strip()
        problem = check_source(ref, seeds_dir)
        if problem:
            problems.append(f"{REVIEWED_FILE.name}: {problem}")
        if not says or "\n" in says:
            problems.append(f"{REVIEWED_FILE.name}: {ref}: en rad om vad raderna säger saknas")
    return problems


def check_fit(entry: Intervention, factors: FactorCatalogue, questions: dict[str, object] | None,
              needs: dict[str, Need], seeds_dir: Path = SEEDS_DIR) -> list[str]:
    """Every fit condition names a real factor or question and cites a seed line; every
    named need exists."""
    problems = []
    for condition in entry.fit:
        if condition.kind in ("factor", "any_factor", "no_factor"):
            problems += [f"villkoret nämner faktorn {fid!r}, som inte finns"
                         for fid in condition.ids if fid not in factors.factors]
        elif condition.kind == "question" and questions is not None \
                and condition.ids[0] not in questions:
            problems.append(f"villkoret nämner frågan {condition.ids[0]!r}, som inte finns")
        elif condition.kind in ("unasked", "organisation") and not condition.text.strip():
            problems.append(f"villkoret {condition.kind} behöver en text")
        if not condition.source:
            problems.append(f"villkoret {condition.kind} saknar källa")
        else:
            problem = check_source(condition.source, seeds_dir)
            if problem:
                problems.append(f"villkorets källa: {problem}")
        if not condition.why:
            problems.append(f"villkoret {condition.kind} saknar why (vem insatsen är för)")
    problems += [f"behovet {nid!r} finns inte i data/needs.yml" for nid in entry.needs
                 if nid not in needs]
    return problems


def check_needs(needs: dict[str, Need], factors: FactorCatalogue) -> list[str]:
    problems = []
    for need in needs.values():
        problems += [f"behovet {need.id}: faktorn {fid!r} finns inte"
                     for fid in need.factors if fid not in factors.factors]
        if not need.words:
            problems.append(f"behovet {need.id}: inga ord att känna igen i klientens egna ord")
    return problems


def check_catalogue(raw_entries: list[tuple[str, dict]], factors: FactorCatalogue,
                    seeds_dir: Path = SEEDS_DIR, offer: LocalOffer | None = None,
                    questions: dict[str, object] | None = None,
                    needs: dict[str, Need] | None = None,
                    reviewed: dict | None = None) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    entries: list[Intervention] = []
    if not raw_entries:
        return ["katalogen är tom"]
    for file, raw in raw_entries:
        where = f"{file}: {raw.get('id', '?')}"
        missing = [k for k in REQUIRED if k not in raw]
        if missing:
            problems.append(f"{where}: saknar {', '.join(missing)}")
            continue
        try:
            entry: Intervention = _entry(raw, file)
        except (ValueError, TypeError) as error:
            problems.append(f"{where}: {error}")
            continue
        if entry.id in seen:
            problems.append(f"{where}: id förekommer mer än en gång")
        seen.add(entry.id)
        entries.append(entry)
        problems += [f"{where}: {p}" for p in _check_entry(entry, factors, seeds_dir)]
        problems += [f"{where}: {p}" for p in
                     check_fit(entry, factors, questions, needs or {}, seeds_dir)]
    if reviewed is not None:
        problems += check_reviewed(reviewed, entries, seeds_dir)
    if offer is not None:
        problems += [f"lokalt utbud: okänd insats {i!r}" for i in sorted(offer.offered - seen)]
    if needs is not None:
        problems += check_needs(needs, factors)
    for factor in factors.factors.values():  # the factors cite the seeds too
        problems += [f"faktorn {factor.id}: {p}" for p in
                     filter(None, (check_source(ref, seeds_dir) for ref in factor.sources))]
    return problems


def _check_entry(entry: Intervention, factors: FactorCatalogue, seeds_dir: Path) -> list[str]:
    problems = []
    if not set(entry.areas) <= set(factors.areas) or not entry.areas:
        problems.append(f"okänt eller saknat område {entry.areas}")
    if set(entry.timing) != set(entry.areas) or not set(entry.timing.values()) <= set(TIMINGS):
        problems.append(f"tidigt/sent ska anges för varje område: {entry.timing}")
    for fid in entry.targets:
        if fid not in factors.factors:
            problems.append(f"faktorn {fid!r} finns inte i frågebanken")
    if not entry.excluded and not entry.targets:
        problems.append("en insats som kan föreslås behöver minst en faktor den riktar sig mot")
    if entry.excluded and not entry.exclusion_reason:
        problems.append("utesluten utan skäl")
    if not set(entry.prevention_level) <= set(PREVENTION_LEVELS):
        problems.append(f"okänd preventionsnivå {entry.prevention_level}")
    if entry.provider not in PROVIDERS:
        problems.append(f"okänd huvudman {entry.provider!r}")
    if not entry.evidence.label.startswith(EVIDENCE_LABELS_PREFIXES):
        problems.append(f"okänd evidensetikett {entry.evidence.label!r}")
    if not entry.sources:
        problems.append("saknar källor")
    for ref in entry.sources + ((entry.evidence.source,) if entry.evidence.source else ()):
        problem = check_source(ref, seeds_dir)
        if problem:
            problems.append(problem)
    if entry.evidence.quote and entry.evidence.source and not check_source(entry.evidence.source, seeds_dir):
        if not quote_found(entry.evidence.quote, entry.evidence.source, seeds_dir):
            problems.append(f"citatet {entry.evidence.quote[:50]!r} finns inte i {entry.evidence.source}")
        elif not quote_is_whole_clause(entry.evidence.quote, entry.evidence.source, seeds_dir):
            problems.append(f"citatet {entry.evidence.quote[:50]!r} är avklippt mitt i en sats "
                            f"i {entry.evidence.source}: citera hela satsen")
    return problems


def run_check() -> list[str]:
    from bot.assessment.question_bank import load_bank
    from bot.catalogue.catalogue import load_local_offer, local_offer_path

    offer = load_local_offer() if local_offer_path().exists() else None
    questions = {q.id: q for m in load_bank() for q in m.questions}
    return check_catalogue(load_raw(CATALOGUE_DIR), load_factors(), SEEDS_DIR, offer,
                           questions, load_needs(), load_reviewed())
