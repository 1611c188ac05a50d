"""Bar charts as SVG, written by hand: no plotting library in the web app, and text that
is always escaped, so a label can never become markup."""
from __future__ import annotations

from xml.sax.saxutils import escape

BAR = "#00527a"
TEXT = "#1b1b1b"


def bar_chart_svg(title: str, labels: list[str], values: list[float],
                  description: str = "") -> str:
    """Horizontal bars, one per label, with the value written beside each bar."""
    row, label_width, bar_width, pad = 28, 260, 320, 12
    height = pad * 2 + 30 + row * max(1, len(labels))
    top = max(values, default=0) or 1
    pairs = list(zip(labels, values, strict=True))
    desc = description or "; ".join(f"{label}: {value:g}" for label, value in pairs)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_width + bar_width + 80}" '
        f'height="{height}" viewBox="0 0 {label_width + bar_width + 80} {height}" '
        'aria-labelledby="t d" font-family="system-ui, sans-serif" font-size="14">',
        f'<title id="t">{escape(title)}</title>',
        f'<desc id="d">{escape(desc or "Inga uppgifter under perioden.")}</desc>',
        f'<text x="{pad}" y="{pad + 14}" font-weight="bold" fill="{TEXT}">{escape(title)}</text>',
    ]
    if not labels:
        parts.append(f'<text x="{pad}" y="{pad + 44}" fill="{TEXT}">Inga uppgifter under '
                     'perioden.</text>')
    for i, (label, value) in enumerate(pairs):
        y = pad + 30 + i * row
        width = round(bar_width * value / top)
        short = label if len(label) <= 36 else label[:35] + "…"
        parts += [
            f'<text x="{pad}" y="{y + 17}" fill="{TEXT}">{escape(short)}</text>',
            f'<rect x="{label_width}" y="{y + 4}" width="{width}" height="{row - 10}" '
            f'fill="{BAR}"/>',
            f'<text x="{label_width + width + 6}" y="{y + 17}" fill="{TEXT}">{value:g}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)
