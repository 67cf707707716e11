"""Charts: counts in, a static SVG figure out, made at build time.

No script and nothing from another host: each chart is an inline `<svg>` in a `<figure>`,
its colours from the theme's CSS variables (`docs/assets/briefings.css`, `.chart`), so that it
reads in the light and the dark palette alike; text is `currentColor`. Each has a text
alternative (`role="img"` with a `<title>` and a `<desc>` that states the figures) and is
placed beside a table of the same numbers. All text is HTML-escaped: names come from seeds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

WIDTH = 640
"""The drawing's width in SVG units; it scales to the column (`width: 100%`)."""
LABEL = 24
"""Characters of a row or column label drawn; the table beside gives the whole name."""


@dataclass(frozen=True, slots=True)
class Series:
    """One set of bars: a name for the legend, a CSS class for its colour, a value per
    category."""

    name: str
    css: str
    values: Sequence[int]


def bar_chart(
    chart_id: str, title: str, categories: Sequence[str], series: Sequence[Series]
) -> str:
    """Grouped bars, one group per category (left to right), one bar per series."""
    top = max((v for s in series for v in s.values), default=0) or 1
    left, right, base, height = 40, 12, 190, 150
    span = (WIDTH - left - right) / max(1, len(categories))
    bar = min(28.0, span * 0.8 / max(1, len(series)))
    step = math.ceil(40 / span)
    parts = [
        f'<line class="axis" x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}"/>',
        f'<text x="{left - 6}" y="{base - height + 4}" text-anchor="end">{top}</text>',
        f'<text x="{left - 6}" y="{base + 4}" text-anchor="end">0</text>',
    ]
    for i, category in enumerate(categories):
        x0 = left + i * span + (span - bar * len(series)) / 2
        for k, s in enumerate(series):
            value = s.values[i]
            h = height * value / top
            x = x0 + k * bar
            parts.append(
                f'<rect class="{s.css}" x="{x:.1f}" y="{base - h:.1f}" width="{bar - 2:.1f}" '
                f'height="{h:.1f}"><title>{_text(category)}: {value} {_text(s.name)}</title></rect>'
            )
            if value and bar >= 10:  # a number above a thin bar would overlap the next
                parts.append(
                    f'<text class="value" x="{x + (bar - 2) / 2:.1f}" y="{base - h - 4:.1f}" '
                    f'text-anchor="middle">{value}</text>'
                )
        if i % step == 0:  # labels that would overlap are thinned out
            parts.append(
                f'<text x="{left + i * span + span / 2:.1f}" y="{base + 18}" '
                f'text-anchor="middle">{_text(_short(category, 12))}</text>'
            )
    parts += _legend(series, left, base + 40)
    described = "; ".join(
        f"{category}: " + ", ".join(f"{s.values[i]} {s.name}" for s in series)
        for i, category in enumerate(categories)
    )
    return _figure(chart_id, title, described or "no data", 240, parts)


def heat_map(
    chart_id: str,
    title: str,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Mapping[tuple[str, str], int],
) -> str:
    """A cell per row and column, shaded by its value (darker is more), its value written."""
    top = max(values.values(), default=0) or 1
    left, head = 170, 120
    cell_w = (WIDTH - left - 8) / max(1, len(columns))
    cell_h = 26
    parts = []
    for j, column in enumerate(columns):
        x = left + j * cell_w + cell_w / 2
        parts.append(
            f'<text x="{x:.1f}" y="{head - 8}" transform="rotate(-40 {x:.1f} {head - 8})">'
            f"{_text(_short(column, LABEL))}</text>"
        )
    for i, row in enumerate(rows):
        y = head + i * cell_h
        parts.append(
            f'<text x="{left - 8}" y="{y + cell_h / 2 + 4:.1f}" text-anchor="end">'
            f"{_text(_short(row, LABEL))}</text>"
        )
        for j, column in enumerate(columns):
            value = values.get((row, column), 0)
            x = left + j * cell_w
            shade = 0.08 + 0.92 * value / top if value else 0.0
            parts.append(
                f'<rect class="cell" x="{x + 1:.1f}" y="{y + 1}" width="{cell_w - 2:.1f}" '
                f'height="{cell_h - 2}" fill-opacity="{shade:.2f}"><title>{_text(row)}, '
                f"{_text(column)}: {value}</title></rect>"
            )
            if value:
                strong = " strong" if shade > 0.5 else ""
                parts.append(
                    f'<text class="value{strong}" x="{x + cell_w / 2:.1f}" '
                    f'y="{y + cell_h / 2 + 4:.1f}" text-anchor="middle">{value}</text>'
                )
    described = "; ".join(
        f"{row}: "
        + (", ".join(f"{c} {values[(row, c)]}" for c in columns if values.get((row, c))) or "none")
        for row in rows
    )
    height = head + len(rows) * cell_h + 8
    return _figure(chart_id, title, described or "no data", height, parts)


def _legend(series: Sequence[Series], x: float, y: float) -> list[str]:
    parts = []
    for s in series:
        parts.append(f'<rect class="{s.css}" x="{x}" y="{y - 10}" width="12" height="12"/>')
        parts.append(f'<text x="{x + 18}" y="{y}">{_text(s.name)}</text>')
        x += 30 + 8 * len(s.name)
    return parts


def _figure(chart_id: str, title: str, described: str, height: float, parts: list[str]) -> str:
    """The chart as one raw HTML block (no blank line inside, so Markdown leaves it whole)."""
    ids = f"{chart_id}-title {chart_id}-desc"
    lines = [
        f'<figure class="chart" id="{chart_id}">',
        f'<svg role="img" aria-labelledby="{ids}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{_text(title)}</title>',
        f'<desc id="{chart_id}-desc">{_text(described)}</desc>',
        *parts,
        "</svg>",
        f"<figcaption>{_text(title)} (the table gives the same numbers)</figcaption>",
        "</figure>",
        "",
    ]
    return "\n".join(lines)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Every character that means something to HTML or to Markdown becomes an entity, in one
# pass: the browser shows it as it is, and no Markdown processor that might read the block
# finds a tag, a link or emphasis in a name.
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'[]()*_`!|#\\{}"})


def _text(text: str) -> str:
    return " ".join(text.split()).translate(_ENTITIES)
