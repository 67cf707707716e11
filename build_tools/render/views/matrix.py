"""Demands matrix: parties against briefings, each cell the demands that briefing attributes
to that party, linked to their paragraphs.

Briefings are rows and parties columns, so that the table grows downwards with the corpus:
the busiest parties get a column each and the rest share an "Other parties" column. So that
a page stays readable with thousands of briefings, `demands/index.md` counts demands per
party and publication year, and each year (and the undated briefings) has its own page of
rows, `demands/YEAR.md`.
"""

from __future__ import annotations

from build_tools.records import Briefing, Item
from build_tools.render.markdown_text import escape
from build_tools.render.views.actors import actor_link, party_label
from build_tools.render.views.briefing_list import by_date
from build_tools.render.views.paths import (
    ACTORS_INDEX,
    MATRIX,
    briefing_href,
    briefing_link,
    count,
    relative,
)

MAX_COLUMNS = 6
"""Parties with a column of their own; more make the table too wide to read."""
CELL_TEXT = 90
"""Characters of a demand shown in a cell; the link leads to the whole sentence."""
UNDATED = "undated"
OTHERS = "Other parties"


def matrix_pages(briefings: tuple[Briefing, ...], slugs: dict[str, str]) -> dict[str, str]:
    """The matrix index (counts per party and year) and one page of rows per year."""
    columns = matrix_columns(briefings)
    groups = _by_year([b for b in by_date(briefings) if b.demands])
    pages = {MATRIX: _render_index(briefings, groups, columns, slugs)}
    for year, rows in groups.items():
        pages[year_page(year)] = _render_year(year, rows, columns, slugs)
    return pages


def year_page(year: str) -> str:
    """The matrix page of one publication year (`undated` for briefings without a date)."""
    return f"demands/{year}.md"


def matrix_columns(briefings: tuple[Briefing, ...]) -> list[str]:
    """The parties with the most demands (then by name), at most `MAX_COLUMNS`."""
    counts: dict[str, int] = {}
    for b in briefings:
        for item in b.demands:
            counts[item.actor] = counts.get(item.actor, 0) + 1
    ranked = sorted(counts, key=lambda p: (-counts[p], p.lower()))
    return ranked[:MAX_COLUMNS]


def _by_year(rows: list[Briefing]) -> dict[str, list[Briefing]]:
    groups: dict[str, list[Briefing]] = {}
    for b in rows:
        groups.setdefault(b.meta.date[:4] if b.meta.date else UNDATED, []).append(b)
    return groups


def _render_index(
    briefings: tuple[Briefing, ...],
    groups: dict[str, list[Briefing]],
    columns: list[str],
    slugs: dict[str, str],
) -> str:
    total = sum(len(b.demands) for b in briefings)
    with_demands = sum(len(rows) for rows in groups.values())
    lines = [
        "# Demands matrix",
        "",
        f"{count(total, 'demand')} in {with_demands} of {count(len(briefings), 'briefing')}. "
        "The table counts the demands each party puts forward, by the year the briefings "
        "were published; a year's page sets each briefing against each party, every cell "
        "holding that briefing's demands of that party, linked to the paragraph they come "
        "from. Parties with fewer demands share the last column; every party has its own "
        f"page under [Actors]({relative(MATRIX, ACTORS_INDEX)}).",
        "",
    ]
    if not groups:
        return "\n".join([*lines, "*No demands found in any briefing.*", ""])
    header = ["Year", "Briefings", *(actor_link(MATRIX, p, slugs) for p in columns), OTHERS]
    lines += [f"| {' | '.join(header)} |", "|---" + "|--:" * (len(header) - 1) + "|"]
    for year, rows in groups.items():
        items = [i for b in rows for i in b.demands]
        cells = [f"[{year}]({relative(MATRIX, year_page(year))})", str(len(rows))]
        cells += [str(sum(1 for i in items if i.actor == p)) for p in columns]
        cells.append(str(sum(1 for i in items if i.actor not in columns)))
        lines.append(f"| {' | '.join(cells)} |")
    lines.append("")
    return "\n".join(lines)


def _render_year(year: str, rows: list[Briefing], columns: list[str], slugs: dict[str, str]) -> str:
    page = year_page(year)
    title = "undated briefings" if year == UNDATED else f"briefings of {year}"
    lines = [
        f"# Demands matrix: {title}",
        "",
        f"[Demands matrix]({relative(page, MATRIX)}) · {count(len(rows), 'briefing')} with "
        f"{count(sum(len(b.demands) for b in rows), 'demand')}, newest first.",
        "",
    ]
    header = ["Briefing", *(actor_link(page, p, slugs) for p in columns), OTHERS]
    lines += [f"| {' | '.join(header)} |", "|---" * len(header) + "|"]
    for b in rows:
        cells = [f"{briefing_link(page, b)}<br>{b.meta.date or UNDATED}"]
        cells += [_cell(page, b, [i for i in b.demands if i.actor == p]) for p in columns]
        others = [i for i in b.demands if i.actor not in columns]
        cells.append(_cell(page, b, others, with_party=True))
        lines.append(f"| {' | '.join(cells)} |")
    lines.append("")
    return "\n".join(lines)


def _cell(page: str, b: Briefing, items: list[Item], with_party: bool = False) -> str:
    if not items:
        return " "
    parts = []
    for item in items:
        label = escape(shorten(item.text, CELL_TEXT)) or "demand"
        who = f"**{escape(party_label(item.actor))}:** " if with_party else ""
        parts.append(f"{who}[{label}]({briefing_href(page, b, item.paragraph)})")
    return "<br>".join(parts)


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"
