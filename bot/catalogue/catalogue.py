"""Loading the intervention catalogue and a municipality's local offer. One source of
truth: data/catalogue/*.yml; the local offer is configuration, never part of the rank."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.catalogue.fit import Condition, parse_condition

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
CATALOGUE_DIR = DATA_DIR / "catalogue"
LOCAL_OFFER_FILE = DATA_DIR / "local" / "exempelkommun.yml"
TIMINGS = ("tidigt", "sent", "ej_angivet")
PREVENTION_LEVELS = ("universell", "selektiv", "indikerad")
PROVIDERS = ("kommun", "arbetsförmedlingen", "försäkringskassan", "region", "brukarorganisation",
             "kommun_och_region")


@dataclass(frozen=True)
class ResearchEvidence:
    """What research says of an intervention: its evidence label and the quoted source."""

    label: str
    quote: str
    source: str


@dataclass(frozen=True)
class Intervention:
    id: str
    name: str
    description: str
    areas: tuple[str, ...]
    category: str
    theme: str
    targets: tuple[str, ...]
    prevention_level: tuple[str, ...]
    timing: dict[str, str]
    needs_decision: bool | None
    provider: str
    evidence: ResearchEvidence
    figures: tuple[str, ...]
    sources: tuple[str, ...]
    excluded: bool
    exclusion_reason: str
    file: str
    # For a household with children (the children or their parents take part): never
    # suggested when the assessment found no children in the household.
    for_children: bool = False
    # Whom it is for and whom not (bot/catalogue/fit.py): all must be met to be suggested.
    fit: tuple[Condition, ...] = ()
    # The needs it answers (ids of data/needs.yml), when its targets alone would name the
    # wrong one first (IPS is work for people with a psychiatric disability, not health care).
    needs: tuple[str, ...] = ()


def _entry(raw: dict, file: str) -> Intervention:
    ev = raw.get("evidence") or {}
    return Intervention(
        id=raw["id"], name=raw["name"], description=" ".join(raw.get("description", "").split()),
        areas=tuple(raw.get("areas", ())), category=raw.get("category", ""),
        theme=raw.get("theme", ""), targets=tuple(raw.get("targets", ())),
        prevention_level=tuple(raw.get("prevention_level", ())),
        timing=dict(raw.get("timing") or {}), needs_decision=raw.get("needs_decision"),
        provider=raw.get("provider", ""),
        evidence=ResearchEvidence(ev.get("label", ""), " ".join(str(ev.get("quote", "")).split()),
                          ev.get("source", "")),
        figures=tuple(raw.get("figures", ())), sources=tuple(raw.get("sources", ())),
        excluded=bool(raw.get("excluded")), for_children=raw.get("for_children") is True,
        exclusion_reason=" ".join(raw.get("exclusion_reason", "").split()), file=file,
        fit=tuple(parse_condition(c) for c in raw.get("fit") or ()),
        needs=tuple(raw.get("needs") or ()),
    )


def load_raw(directory: Path = CATALOGUE_DIR) -> list[tuple[str, dict]]:
    out = []
    for path in sorted(directory.glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out += [(path.name, raw) for raw in doc.get("interventions", [])]
    return out


@cache
def load_catalogue(directory: Path = CATALOGUE_DIR) -> tuple[Intervention, ...]:
    return tuple(_entry(raw, file) for file, raw in load_raw(directory))


@dataclass(frozen=True)
class LocalOffer:
    municipality: str
    offered: frozenset[str]


def local_offer_path() -> Path:
    return Path(os.environ.get("TIDIGT_LOCAL_OFFER", LOCAL_OFFER_FILE))


def load_local_offer(path: Path | None = None) -> LocalOffer:
    doc = yaml.safe_load((path or local_offer_path()).read_text(encoding="utf-8"))
    return LocalOffer(doc["municipality"], frozenset(doc.get("offered") or ()))
