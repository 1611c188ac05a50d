"""The fictitious cases of the training vignettes, one file each in data/vignettes/.

One file is both things a trainer needs: the case card a trainee reads in Övningsläge
(title, the case in a few sentences, the sources it comes from) and the whole
conversation with what it must lead to (scores, suggestions), which the regression tests
play against the running bot (tests/integration/test_vignettes.py) and from which the
test stories in tests/test_vignettes.yml are recorded.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.settings import PROJECT_ROOT
from bot.yaml_files import read_yaml

VIGNETTES_DIR = PROJECT_ROOT / "data" / "vignettes"


@dataclass(frozen=True)
class Vignette:
    id: str
    number: int
    title: str
    case: str                    # the case card, in Swedish, for the trainee
    sources: list[str]           # seed file and lines, e.g. "001:10800–10818"
    reference: str               # the fictitious case reference the script types
    steps: list[dict[str, Any]] = field(default_factory=list)
    expect: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def card(self) -> dict[str, Any]:
        """What Övningsläge shows; never the script or the expected answers."""
        return {"id": self.id, "number": self.number, "title": self.title,
                "case": self.case, "sources": self.sources, "reference": self.reference}


class VignetteError(ValueError):
    pass


def _parse(path: Path) -> Vignette:
    doc = read_yaml(path) or {}
    missing = [k for k in ("id", "number", "title", "case", "reference", "steps")
               if not doc.get(k)]
    if missing:
        raise VignetteError(f"{path.name}: saknar {', '.join(missing)}")
    for n, step in enumerate(doc["steps"], 1):
        if not isinstance(step, dict) or ("say" in step) == ("press" in step):
            raise VignetteError(f"{path.name}: steg {n} ska ha antingen say eller press")
    if doc["reference"] not in " ".join(str(s.get("say", "")) for s in doc["steps"]):
        raise VignetteError(f"{path.name}: referensen {doc['reference']} skrivs aldrig i samtalet")
    return Vignette(
        id=str(doc["id"]), number=int(doc["number"]), title=str(doc["title"]).strip(),
        case=" ".join(str(doc["case"]).split()), sources=[str(s) for s in doc.get("sources", [])],
        reference=str(doc["reference"]), steps=list(doc["steps"]),
        expect=dict(doc.get("expect") or {}), path=path,
    )


# Each file parsed once per version: a practice start stats the files, it does not parse
# them again, and a new or edited case file still needs no restart: a trainer who saves a
# case sees it in the next practice started. The version is the modification time and the
# size, so an edit is seen on a file system that keeps times to the second, or when a copy
# keeps the old file's time, unless the size is the same too.
_PARSED: dict[Path, tuple[tuple[int, int], Vignette]] = {}


def _vignette(path: Path) -> Vignette:
    stat = path.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    kept = _PARSED.get(path)
    if kept is None or kept[0] != version:
        kept = _PARSED[path] = (version, _parse(path))
    return kept[1]


def load_vignettes(directory: Path = VIGNETTES_DIR) -> tuple[Vignette, ...]:
    """Every case, strictly: a broken file stops the caller (the trainers' CLI)."""
    vignettes = tuple(sorted((_vignette(p) for p in directory.glob("*.yml")),
                             key=lambda v: v.number))
    ids = [v.id for v in vignettes]
    if len(set(ids)) != len(ids):
        raise VignetteError("två vinjetter har samma id")
    return vignettes


def usable_vignettes(directory: Path = VIGNETTES_DIR) -> tuple[tuple[Vignette, ...], list[str]]:
    """The cases that can be practised, and a Swedish line for each file that cannot: a
    trainer's broken save hides that one case from the list, not all of them."""
    vignettes, problems = [], []
    for path in sorted(directory.glob("*.yml")):
        try:
            vignettes.append(_vignette(path))
        except VignetteError as err:
            problems.append(f"Övningsfallet i {path.name} kan inte användas: {err}")
        except Exception as err:  # noqa: BLE001 - YAML or OS errors: the file is unreadable
            problems.append(f"Övningsfallet i {path.name} kan inte läsas "
                            f"({type(err).__name__}).")
    seen: set[str] = set()
    kept = []
    for v in sorted(vignettes, key=lambda v: v.number):
        if v.id in seen:
            problems.append(f"Övningsfallet i {v.path.name} har samma id som ett annat ({v.id}).")
            continue
        seen.add(v.id)
        kept.append(v)
    return tuple(kept), problems


def find_vignette(vignette_id: str) -> Vignette | None:
    return next((v for v in usable_vignettes()[0] if v.id == vignette_id), None)


def case_card_text(vignette: Vignette) -> str:
    """The first message of a practice conversation: the case, and that it is practice."""
    return (f"Övningsläge – fall {vignette.number}: {vignette.title}\n\n{vignette.case}\n\n"
            f"Använd ärendereferensen {vignette.reference}. Det här är en övning med ett "
            "påhittat fall: svaren sparas som övning, syns för utbildare och räknas inte in "
            "i statistiken.")
