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
from bot.practice.player import Client, PlayError, play
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


def story_block(exported: str, vignette: Vignette) -> str:
    """The exported file's single story, renamed after the case and commented for a
    trainer; without the file's own header, so several can share one file."""
    lines = exported.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("- story:"))
    body = lines[start:]
    body[0] = f"- story: {_quoted(f'Fall {vignette.number} – {vignette.title}')}"
    source = vignette.path.relative_to(PROJECT_ROOT) if vignette.path else vignette.id
    words = vignette.case.split()
    comment, line = [], ""
    for word in words:  # the case card, wrapped for the file
        if len(line) + len(word) + 1 > 86:
            comment.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    comment.append(line)
    head = [f"# Fall {vignette.number}: {vignette.title} ({source}; källor "
            f"{', '.join(vignette.sources)})."] + [f"# {c}" for c in comment]
    return "\n".join(head + body) + "\n"


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
        played = play(client, vignette)
        if played.problems:
            failed += 1
            print(f"Fall {vignette.number} ({vignette.id}) spelades inte in:", file=sys.stderr)
            for problem in played.problems:
                print(f"  - {problem}", file=sys.stderr)
            continue
        status, exported = client.request(
            "GET", f"/api/review/conversations/{played.conversation_id}/test-story")
        if status != 200:
            failed += 1
            print(f"Fall {vignette.number}: exporten svarade {status}: {exported}", file=sys.stderr)
            continue
        blocks.append(story_block(exported, vignette))
        print(f"Fall {vignette.number} ({vignette.id}): inspelat.")
    if failed:
        print(f"{failed} fall spelades inte in; {out} är oförändrad.", file=sys.stderr)
        return 1
    out.write_text(HEADER + "\n".join(blocks), encoding="utf-8")
    print(f"{len(blocks)} storier skrivna till {out}")
    return 0


def main(args) -> int:
    password = os.environ.get("TIDIGT_PASSWORD") or getpass.getpass(
        f"Lösenord för {args.user}: ")
    return record(args.url, args.user, password, args.cases or [], Path(args.out))
