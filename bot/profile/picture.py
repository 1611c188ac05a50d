"""The profile as a picture: risk and protective factors per area, and AUDIT and DUDIT on a
bar with their zones and cut-offs. Hand-written SVG (no charting library, nothing from a
CDN), the same markup in the record panel and in the PDF report (fpdf2 draws SVG).

All text is escaped, so a label can never become markup. Colour is never the only carrier
of meaning: every bar has its count or score written beside it, every zone its name.
The zones and cut-offs come from data/instruments/cutoffs.yml, which marks them as from
outside the seed reports (WHO's AUDIT zones, Metodguiden's cut-offs, the DUDIT manual).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

from bot.profile.build import Profile
from bot.scoring.instruments import ScreeningResult, load_cutoffs

INK = "#1a1a1a"
MUTED = "#4d535a"
RISK = "#a4262c"        # 6.9:1 on white
PROTECTIVE = "#1d6b3a"  # 6.3:1 on white
ZONES = ("#dcefe0", "#fbecb4", "#f6cf9f", "#f1b7b3")  # light, under dark text only
WIDTH = 360


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _svg(height: int, label: str, body: list[str]) -> str:
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{_attr(label)}" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        'font-family="Helvetica, Arial, sans-serif" font-size="12">',
        *body, "</svg>"])


def _text(x: float, y: float, text: str, *, size: int = 12, bold: bool = False,
          anchor: str = "start", fill: str = INK) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:g}" y="{y:g}" font-size="{size}"{weight} text-anchor="{anchor}" '
            f'fill="{fill}">{escape(text)}</text>')


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _names(prefix: str, found: list, room: int = 62) -> str:
    text = f"{prefix}: " + (", ".join(f.factor.name for f in found) or "inga")
    return text if len(text) <= room else text[:room - 1] + "…"


def factors_svg(profile: Profile, accumulation_threshold: int) -> str:
    """Per area, risk factors to the left of a middle line and protective ones to the
    right, one block each, with their names beneath; the dashed line marks where several
    risks accumulate."""
    areas = list(profile.areas.values())
    top, centre = 8, WIDTH / 2
    most = max([accumulation_threshold, *(max(len(a.risks), len(a.protective)) for a in areas)])
    block = min(16, (centre - 70) / most)
    body, said, y = [], [], top
    for area in areas:
        no_children = area.area == "barn" and profile.children is False
        risks, protective = len(area.risks), len(area.protective)
        empty = no_children or (not area.assessed and not risks and not protective)
        if no_children:
            state = "inga barn i hushållet"
        elif empty:
            state = "inte bedömt"
        else:
            state = (f"{_count(risks, 'riskfaktor', 'riskfaktorer')}, "
                     f"{_count(protective, 'skyddsfaktor', 'skyddsfaktorer')}")
            if area.accumulation:
                state += ", flera risker samverkar"
        named = "".join(f" ({kind}: {', '.join(f.factor.name for f in found)})"
                        for kind, found in (("risk", area.risks), ("skydd", area.protective))
                        if found)
        said.append(f"{area.name}: {state}{named}")
        body.append(_text(8, y + 12, area.name, bold=True))
        if empty:
            body.append(_text(WIDTH - 8, y + 12, state, anchor="end", fill=MUTED))
            y += 26
            continue
        bar_y = y + 18
        for n, found in enumerate(area.risks):
            x = centre - (n + 1) * block
            body.append(f'<rect x="{x:g}" y="{bar_y}" width="{block - 2:g}" height="14" '
                        f'fill="{RISK}"><title>{escape(found.factor.name)}</title></rect>')
        for n, found in enumerate(area.protective):
            x = centre + 2 + n * block
            body.append(f'<rect x="{x:g}" y="{bar_y}" width="{block - 2:g}" height="14" '
                        f'fill="{PROTECTIVE}"><title>{escape(found.factor.name)}</title></rect>')
        # Counts in fixed columns outside the longest bar, clear of the dashed line.
        body.append(_text(centre - most * block - 8, bar_y + 11,
                          _count(risks, "risk", "risker"), anchor="end", fill=RISK, bold=True))
        body.append(_text(centre + 2 + most * block + 6, bar_y + 11,
                          f"{protective} skydd", fill=PROTECTIVE, bold=True))
        limit = centre - accumulation_threshold * block
        body.append(f'<line x1="{limit:g}" y1="{bar_y - 3}" x2="{limit:g}" y2="{bar_y + 17}" '
                    f'stroke="{MUTED}" stroke-width="1" stroke-dasharray="3 2"/>')
        body.append(f'<line x1="{centre:g}" y1="{bar_y - 3}" x2="{centre:g}" y2="{bar_y + 17}" '
                    f'stroke="{INK}" stroke-width="1.5"/>')
        body.append(_text(8, bar_y + 28, _names("Risk", area.risks), size=10, fill=MUTED))
        body.append(_text(8, bar_y + 41, _names("Skydd", area.protective), size=10, fill=MUTED))
        y = bar_y + 52
    height = y + 14
    body.append(_text(8, height - 6, f"Streckad linje: {accumulation_threshold} riskfaktorer, "
                      "då risken ökar kraftigt (001:4573-4583)", size=10, fill=MUTED))
    return _svg(height, "Risk- och skyddsfaktorer per område. " + "; ".join(said) + ".", body)


def zones(instrument: str, result: ScreeningResult,
          cutoffs: Mapping[str, Any] | None = None) -> list[tuple[int, int, str]]:
    """(from, to, name) for the instrument's zones, from the cut-off data."""
    cfg = (cutoffs or load_cutoffs())[instrument.lower()]
    if instrument == "AUDIT":
        return [(b["min"], b["max"], b["label"]) for b in cfg["bands"]["levels"]]
    low, high = cfg["range"]
    threshold, dependence = result.threshold, cfg["dependence"]["min"]
    return [(low, threshold - 1, "under gränsvärdet"),
            (threshold, dependence - 1, "sannolikt drogrelaterade problem"),
            (dependence, high, cfg["dependence"]["label"])]


def score_state(result: ScreeningResult, not_relevant: bool = False) -> str:
    """The score in words: what the bar shows, for its label and for text beside it."""
    if not_relevant:
        return f"{result.instrument}: inte aktuellt"
    if result.total is None:
        asked = result.answered + len(result.missing)
        return (f"{result.instrument}: inte genomförd" if not result.answered else
                f"{result.instrument}: ofullständig, {result.answered} av {asked} frågor besvarade")
    verdict = "över" if result.positive else "under"
    return (f"{result.instrument}: {result.total} poäng, {verdict} gränsvärdet "
            f"{result.threshold} ({result.band})")


def score_svg(result: ScreeningResult, not_relevant: bool = False,
              cutoffs: Mapping[str, Any] | None = None) -> str:
    """A bar over the instrument's range, coloured by zone, with the cut-offs marked and
    the total pointed at (or, while items are missing, no total at all)."""
    cfg = (cutoffs or load_cutoffs())[result.instrument.lower()]
    low, high = cfg["range"]
    left, right, bar_y = 10, WIDTH - 10, 30
    scale = (right - left) / (high - low + 1)

    def at(points: float) -> float:
        return left + (points - low) * scale

    label = score_state(result, not_relevant)
    body = [_text(left, 14, label, bold=True)]
    for n, (start, end, name) in enumerate(zones(result.instrument, result, cutoffs)):
        x, w = at(start), (end - start + 1) * scale
        body.append(f'<rect x="{x:g}" y="{bar_y}" width="{w:g}" height="18" '
                    f'fill="{ZONES[min(n, len(ZONES) - 1)]}" stroke="{MUTED}" stroke-width="0.5">'
                    f'<title>{escape(f"{start}–{end}: {name}")}</title></rect>')
        short = name.split(":")[0] if result.instrument == "AUDIT" else f"{start}–{end}"
        if w > 30:
            body.append(_text(x + w / 2, bar_y + 13, short, size=10, anchor="middle"))
    marks = sorted(result.thresholds.items(), key=lambda item: item[1])
    for sex, points in marks:
        # The cut-off that applies to this client is solid, the other one dashed.
        x, strong = at(points), points == result.threshold
        dash = "" if strong else ' stroke-dasharray="3 2"'
        body.append(f'<line x1="{x:g}" y1="{bar_y - 2}" x2="{x:g}" y2="{bar_y + 24}" '
                    f'stroke="{INK}" stroke-width="{2 if strong else 1}"{dash}>'
                    f'<title>{escape(f"gränsvärde för {sex}: {points}")}</title></line>')
    cut = ", ".join(f"{sex} {points}" + (" (heldragen, gäller)" if points == result.threshold
                                         and len(marks) > 1 else "") for sex, points in marks)
    body.append(_text(left, bar_y + 33, f"Gränsvärde: {cut}", size=10))
    if result.total is not None and not not_relevant:
        x = at(result.total) + scale / 2
        body.append(f'<polygon points="{x - 6:g},{bar_y - 9} {x + 6:g},{bar_y - 9} '
                    f'{x:g},{bar_y - 1}" fill="{INK}"/>')
    body.append(_text(right, bar_y + 33, f"max {high}", size=10, anchor="end", fill=MUTED))
    body.append(_text(left, bar_y + 47, "Triangeln visar poängen, linjerna gränsvärdena.",
                      size=10, fill=MUTED))
    return _svg(bar_y + 53, label + ". Gränsvärde " + ", ".join(
        f"{p} för {s}" for s, p in marks) + ".", body)


def profile_pictures(profile: Profile, answers: Mapping[str, Any],
                     accumulation_threshold: int) -> dict[str, Any]:
    """Everything the panel and the PDF draw: the factor picture and one bar per instrument."""
    scores = []
    for result in profile.screenings:
        not_relevant = result.instrument == "DUDIT" and answers.get("drugs_gate") is False
        scores.append({"instrument": result.instrument, "total": result.total,
                       "state": score_state(result, not_relevant),
                       "svg": score_svg(result, not_relevant)})
    return {"factors_svg": factors_svg(profile, accumulation_threshold), "scores": scores}
