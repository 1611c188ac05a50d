"""The story run as a trainer reads it: a terminal summary and an HTML page, in Swedish.

Pure functions from results to text, so the layout is tested without running Rasa.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.domain_names import Intent
from bot.stories.divergence import Divergence
from bot.stories.files import Step, Story

KIND_LABELS = {
    "action": "botens nästa handling",
    "intent": "tolkningen av användarens meddelande (avsikt)",
    "entities": "uppgifterna (entiteterna) i användarens meddelande",
}


@dataclass(frozen=True)
class StoryResult:
    story: Story
    passed: bool
    divergence: Divergence | None = None

    @property
    def step(self) -> Step | None:
        """The story file's own step where the bot diverged (for its line number)."""
        if self.divergence is None:
            return None
        steps = self.story.steps
        n = self.divergence.step
        return steps[n - 1] if 0 < n <= len(steps) else None

    @property
    def user_text(self) -> str | None:
        """What the user said last before the bot went another way, from the story file
        (Rasa's rewrite of the story keeps only the intent of a message it understood)."""
        d = self.divergence
        if d is None:
            return None
        if d.kind in ("intent", "entities") and d.user_text:
            return d.user_text
        for step in reversed(self.story.steps[: d.step]):
            if step.kind == "user":
                return step.value
        return d.user_text


# What each intent means, for a trainer reading "Förväntat: pause".
INTENT_LABELS = {
    Intent.GREET: "hälsning", Intent.GOODBYE: "avslutning", Intent.THANK: "tack",
    Intent.ASK_HELP: "ber om hjälp", Intent.START_ASSESSMENT: "vill starta en bedömning",
    Intent.RESUME_ASSESSMENT: "vill återuppta", Intent.PAUSE: "vill pausa",
    Intent.CANCEL: "vill avbryta", Intent.AFFIRM: "ja", Intent.DENY: "nej",
    Intent.OUT_OF_SCOPE: "utanför det boten gör", Intent.ASK_WHY: "frågar varför",
    Intent.SKIP_QUESTION: "vill hoppa över frågan",
    Intent.ASK_PROGRESS: "frågar hur långt vi kommit",
    Intent.CORRECT_ANSWER: "vill ändra ett svar", Intent.CHITCHAT: "småprat",
    Intent.NLU_FALLBACK: "oklart",
}


def describe(name: str, responses: dict[str, str]) -> str:
    """An action or intent name with what a person sees, where we know it."""
    if name in INTENT_LABELS:
        return f"{name} ({INTENT_LABELS[name]})"
    text = responses.get(name)
    if text:
        short = text if len(text) <= 90 else text[:87] + "…"
        return f"{name} (”{short}”)"
    return name


def _where(result: StoryResult, root: Path | None) -> str:
    path = result.story.file
    if root is not None:
        try:
            path = path.resolve().relative_to(root.resolve())
        except ValueError:
            pass
    step = result.step
    return f"{path}:{step.line if step else result.story.line}"


def failure_lines(result: StoryResult, responses: dict[str, str], root: Path | None = None
                  ) -> list[str]:
    d = result.divergence
    if d is None:
        return ["  Rasa rapporterade storyn som misslyckad men utan markerat steg; "
                "se rasa_test.log."]
    lines = [f"  Första avvikelsen: steg {d.step} ({_where(result, root)}), "
             f"{KIND_LABELS.get(d.kind, d.kind)}"]
    if result.user_text:
        lines.append(f"  Efter användarens meddelande: ”{result.user_text}”")
    lines.append(f"  Förväntat: {describe(d.expected, responses)}")
    lines.append(f"  Faktiskt:  {describe(d.actual, responses)}")
    return lines


def terminal_summary(results: list[StoryResult], responses: dict[str, str],
                     root: Path | None = None) -> str:
    out: list[str] = []
    by_file: dict[Path, list[StoryResult]] = {}
    for r in results:
        by_file.setdefault(r.story.file, []).append(r)
    for path, items in by_file.items():
        out.append(f"{path.name}")
        for r in items:
            out.append(f"  {'OK  ' if r.passed else 'FEL '} {r.story.name}")
            if not r.passed:
                out.extend("  " + line for line in failure_lines(r, responses, root))
    passed = sum(r.passed for r in results)
    failed = len(results) - passed
    out.append("")
    out.append(f"Teststorier: {passed} godkända, {failed} underkända av {len(results)}.")
    # The English line stays: CI logs and older scripts look for it.
    out.append(f"{passed} passed, {failed} failed")
    return "\n".join(out)


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1b1b1b}
h1{font-size:1.5rem} h2{font-size:1.15rem;margin-top:2rem}
.sum{font-size:1.1rem;padding:.6rem 1rem;border-radius:.4rem;background:#eef3ee}
.sum.bad{background:#fbeaea}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.35rem .5rem;
border-bottom:1px solid #ccc;vertical-align:top}
.ok{color:#1f6e2a;font-weight:600} .fail{color:#a4161a;font-weight:600}
dl{margin:.3rem 0 0} dt{font-weight:600;margin-top:.3rem} dd{margin-left:1rem}
.note{color:#555}
"""


def html_report(results: list[StoryResult], responses: dict[str, str], *,
                generated_at: datetime, files: list[Path], root: Path | None = None,
                log_name: str = "rasa_test.log") -> str:
    esc = html.escape
    passed = sum(r.passed for r in results)
    failed = len(results) - passed
    rows: list[str] = []
    for r in results:
        status = ('<span class="ok">Godkänd</span>' if r.passed
                  else '<span class="fail">Underkänd</span>')
        detail = ""
        if not r.passed:
            d = r.divergence
            if d is None:
                detail = f'<p class="note">Inget markerat steg; se {esc(log_name)}.</p>'
            else:
                user = (f"<dt>Efter användarens meddelande</dt><dd>”{esc(r.user_text)}”</dd>"
                        if r.user_text else "")
                detail = (
                    f"<dl><dt>Första avvikelsen</dt><dd>steg {d.step} "
                    f"({esc(_where(r, root))}), {esc(KIND_LABELS.get(d.kind, d.kind))}</dd>"
                    f"{user}<dt>Förväntat</dt><dd>{esc(describe(d.expected, responses))}</dd>"
                    f"<dt>Faktiskt</dt><dd>{esc(describe(d.actual, responses))}</dd></dl>")
        situation = f'<div class="note">{esc(r.story.comment)}</div>' if r.story.comment else ""
        rows.append(
            f"<tr><td>{status}</td><td><strong>{esc(r.story.name)}</strong>{situation}{detail}"
            f"</td><td>{esc(_where(r, root) if not r.passed else f'{r.story.file.name}:{r.story.line}')}"
            f"</td></tr>")
    file_list = "".join(f"<li>{esc(p.name)}</li>" for p in files)
    return f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Teststorier – Tidigt</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{_CSS}</style></head><body>
<h1>Teststorier – rapport</h1>
<p class="sum{' bad' if failed else ''}" role="status">{passed} godkända, {failed} underkända
av {len(results)} storier.</p>
<p class="note">Körd {esc(generated_at.strftime('%Y-%m-%d %H:%M'))} UTC med Rasas
<code>rasa test core</code> på den tränade modellen. För en underkänd story visas det första
steget där boten gjorde något annat än storyn väntar sig; senare avvikelser är ofta följder
av den första. Rasas egen utdata finns i <code>{esc(log_name)}</code> och
<code>failed_test_stories.yml</code> bredvid den här sidan.</p>
<h2>Storier</h2>
<table><thead><tr><th>Resultat</th><th>Story och situation</th><th>Fil</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
<h2>Filer</h2><ul>{file_list}</ul>
</body></html>
"""
