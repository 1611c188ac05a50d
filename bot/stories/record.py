"""`python -m bot stories record`: the training cases, played live, saved as test stories.

Each case of data/vignettes is played in Övningsläge against a running Tidigt (checked
against its expected answers, scores and suggestions first: a case that does not give
what it should is not recorded), then exported through review's "Spara som teststory",
the same path a trainer uses for a reviewed conversation. The stories are named and
commented after the case and written to one file, tests/test_vignettes.yml by default.
"""
from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from bot.practice.cases import Vignette, load_vignettes
from bot.practice.player import Client, PlayError, play, play_script
from bot.settings import PROJECT_ROOT

DEFAULT_OUT = PROJECT_ROOT / "tests" / "test_vignettes.yml"
HEADER = """version: "3.1"

# De påhittade övningsfallen (data/vignettes/, ../shared/notes/domain.md §10) som hela
# samtal. Inspelade med `python -m bot stories record` mot en körande Tidigt: varje fall
# spelades i Övningsläge, kontrollerades mot sina förväntade svar, poäng och förslag
# och sparades sedan via granskningens "Spara som teststory". Spela in igen när frågorna
# eller katalogen ändras; tests/integration/test_vignettes.py kontrollerar utfallen.

stories:
"""


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrapped(text: str, width: int = 86) -> list[str]:
    comment, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            comment.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return comment + [line] if line else comment


def named_block(exported: str, name: str, comment: list[str]) -> str:
    """The exported file's single story, renamed and commented for a trainer; without the
    file's own header, so several can share one file."""
    lines = exported.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("- story:"))
    body = lines[start:]
    body[0] = f"- story: {_quoted(name)}"
    return "\n".join([f"# {c}".rstrip() for c in comment] + body) + "\n"


def story_block(exported: str, vignette: Vignette) -> str:
    source = vignette.path.relative_to(PROJECT_ROOT) if vignette.path else vignette.id
    head = [f"Fall {vignette.number}: {vignette.title} ({source}; källor "
            f"{', '.join(vignette.sources)})."] + _wrapped(vignette.case)
    return named_block(exported, f"Fall {vignette.number} – {vignette.title}", head)


def split_blocks(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A story file as its header and its stories, each (name, text with the comment
    lines right above it)."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("- story:")]
    if not starts:
        return text, []
    bounds = []
    for i in starts:
        j = i
        while j > 0 and lines[j - 1].startswith("#"):
            j -= 1
        bounds.append(j)
    header = "\n".join(lines[: bounds[0]]) + "\n"
    blocks = []
    for n, (start, first) in enumerate(zip(bounds, starts, strict=True)):
        end = bounds[n + 1] if n + 1 < len(bounds) else len(lines)
        name = lines[first].split(":", 1)[1].strip().strip('"')
        blocks.append((name, "\n".join(lines[start:end]).rstrip("\n") + "\n"))
    return header, blocks


def merged(existing: str | None, header: str, new: list[tuple[str, str]]) -> str:
    """New stories replace the same-named ones in place; other stories stay, and new
    names are added at the end. A trainer's hand-written stories are never lost."""
    if not existing:
        return header + "\n".join(block for _, block in new)
    old_header, old_blocks = split_blocks(existing)
    replacements = dict(new)
    out = [replacements.pop(name, block) for name, block in old_blocks]
    out += [block for name, block in new if name in replacements]
    return old_header + "\n".join(out)


def _exported(client: Client, played, label: str) -> str | None:
    """The played conversation as review's test story, or None (and why) if it did not
    give what it should or the export failed."""
    if played.problems:
        print(f"{label} spelades inte in:", file=sys.stderr)
        for problem in played.problems:
            print(f"  - {problem}", file=sys.stderr)
        return None
    status, exported = client.request(
        "GET", f"/api/review/conversations/{played.conversation_id}/test-story")
    if status != 200:
        print(f"{label}: exporten svarade {status}: {exported}", file=sys.stderr)
        return None
    return exported


def record(base: str, username: str, password: str, case_ids: list[str], out: Path) -> int:
    chosen = [v for v in load_vignettes() if not case_ids or v.id in case_ids]
    unknown = set(case_ids) - {v.id for v in chosen}
    if unknown:
        print(f"Okända fall: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    try:
        client = Client(base, username, password)
    except (PlayError, OSError) as err:
        print(f"Kunde inte logga in på {base}: {err}", file=sys.stderr)
        return 1
    blocks, failed = [], 0
    for vignette in chosen:
        exported = _exported(client, play(client, vignette),
                             f"Fall {vignette.number} ({vignette.id})")
        if exported is None:
            failed += 1
            continue
        blocks.append((f"Fall {vignette.number} – {vignette.title}",
                       story_block(exported, vignette)))
        print(f"Fall {vignette.number} ({vignette.id}): inspelat.")
    if failed:
        print(f"{failed} fall spelades inte in; {out} är oförändrad.", file=sys.stderr)
        return 1
    out.write_text(merged(out.read_text(encoding="utf-8") if out.exists() else None,
                          HEADER, blocks), encoding="utf-8")
    print(f"{len(blocks)} storier skrivna till {out}")
    return 0


SCRIPT_HEADER = """version: "3.1"

# {title}: samtal inspelade med `python -m bot stories record --scripts {source}`.
# Varje story är ett helt samtal som spelades mot en körande Tidigt och kontrollerades
# mot manuset innan det sparades. Handskrivna storier i filen lämnas orörda.

stories:
"""


def story_file_for(script: Path) -> Path:
    """tests/conversations/01_ekonomi.yml -> tests/test_ekonomi.yml"""
    stem = script.stem.split("_", 1)[1] if script.stem[:2].isdigit() else script.stem
    return PROJECT_ROOT / "tests" / f"test_{stem}.yml"


def record_scripts(base: str, username: str, password: str, scripts: list[Path],
                   out: Path | None) -> int:
    import yaml

    try:
        client = Client(base, username, password)
    except (PlayError, OSError) as err:
        print(f"Kunde inte logga in på {base}: {err}", file=sys.stderr)
        return 1
    failed = 0
    for path in scripts:
        script = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        exported = _exported(client, play_script(client, script), str(path))
        if exported is None:
            failed += 1
            continue
        title = str(script.get("conversation") or path.stem)
        comment = [c.lstrip("# ").rstrip() for c in path.read_text(encoding="utf-8").splitlines()
                   if c.startswith("#")]
        try:
            source = path.resolve().relative_to(PROJECT_ROOT)
        except ValueError:
            source = path
        block = named_block(exported, f"Samtal: {title}",
                            comment + [f"Inspelat från {source}."])
        target = out or story_file_for(path)
        target.write_text(merged(target.read_text(encoding="utf-8") if target.exists() else None,
                                 SCRIPT_HEADER.format(title=title, source=source),
                                 [(f"Samtal: {title}", block)]), encoding="utf-8")
        print(f"{path}: inspelat i {target}")
    return 1 if failed else 0


def main(args) -> int:
    password = os.environ.get("TIDIGT_PASSWORD") or getpass.getpass(
        f"Lösenord för {args.user}: ")
    if args.scripts:
        return record_scripts(args.url, args.user, password, [Path(p) for p in args.cases],
                              Path(args.out) if args.out else None)
    return record(args.url, args.user, password, args.cases or [],
                  Path(args.out or DEFAULT_OUT))
