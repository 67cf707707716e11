"""Demands matrix: parties against briefings, each cell the demands that briefing attributes
to that party, linked to their paragraphs.

Briefings are rows and parties columns, so that the table grows downwards with the corpus:
the busiest parties get a column each and the rest share an "Other parties" column. So that
a page stays readable with thousands of briefings, once there are more than `PAGE_ROWS`
rows `demands/index.md` counts demands per party and publication year, and each year (and
the undated briefings) has its own page of rows, `demands/YEAR.md`; fewer rows stand on the
index itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from build_tools.records import Briefing, Item
from build_tools.render.charts import heat_map
from build_tools.render.markdown_text import escape
from build_tools.render.parties import item_party
from build_tools.render.rendering import shorten
from build_tools.render.tables import card_table
from build_tools.render.views.actors import actor_link, party_label
from build_tools.render.views.briefing_list import by_date
from build_tools.render.views.pagination import Section, page_title, paginate
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
PAGE_ROWS = 50
"""Rows (briefings with demands) one page holds before the matrix is split by year."""
UNDATED = "undated"
NO_TOPIC = "no listed topic"
OTHERS = "Other parties"


def matrix_pages(briefings: tuple[Briefing, ...], slugs: dict[str, str]) -> dict[str, str]:
    """The matrix index (counts per party and year) and one page of rows per year."""
    columns = matrix_columns(briefings)
    rows = [b for b in by_date(briefings) if b.demands]
    groups = _by_year(rows)
    if len(rows) <= PAGE_ROWS:
        return {MATRIX: _render_index(briefings, groups, columns, slugs, rows)}
    pages = {MATRIX: _render_index(briefings, groups, columns, slugs)}
    for year, year_rows in groups.items():
        pages |= _render_year(year, year_rows, columns, slugs)
    return pages


def year_page(year: str) -> str:
    """The matrix page of one publication year (`undated` for briefings without a date)."""
    return f"demands/{year}.md"


def matrix_columns(briefings: tuple[Briefing, ...]) -> list[str]:
    """The parties with the most demands (then by name), at most `MAX_COLUMNS`."""
    counts: dict[str, int] = {}
    for b in briefings:
        for item in b.demands:
            party = item_party(b, item)
            counts[party] = counts.get(party, 0) + 1
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
    all_rows: list[Briefing] | None = None,
) -> str:
    """The index: counts per year (with a page per year), or, given `all_rows`, every row."""
    total = sum(len(b.demands) for b in briefings)
    with_demands = sum(len(rows) for rows in groups.values())
    lines = [
        "# Demands matrix",
        "",
        f"{count(total, 'demand')} in {with_demands} of {count(len(briefings), 'briefing')}. "
        + (
            "The table sets each briefing against each party, every cell holding that "
            "briefing's demands of that party, linked to the paragraph they come from. "
            if all_rows is not None
            else "The table counts the demands each party puts forward, by the year the "
            "briefings were published; a year's page sets each briefing against each party, "
            "every cell holding that briefing's demands of that party, linked to the "
            "paragraph they come from. "
        )
        + "Parties with fewer demands share the last column; every party has its own "
        f"page under [Actors]({relative(MATRIX, ACTORS_INDEX)}).",
        "",
    ]
    if not groups:
        return "\n".join([*lines, "*No demands found in any briefing.*", ""])
    heat = _heat_map(briefings, slugs)
    if heat:
        title = "Briefings against parties" if all_rows is not None else "Demands by year"
        lines += [*heat, f"## {title}", ""]
    if all_rows is not None:
        return "\n".join(lines + _rows_table(MATRIX, all_rows, columns, slugs))
    header = ["Year", "Briefings", *(actor_link(MATRIX, p, slugs) for p in columns), OTHERS]
    labels = ["Year", "Briefings", *(party_label(p) for p in columns), OTHERS]
    table = []
    for year, rows in groups.items():
        parties = [item_party(b, i) for b in rows for i in b.demands]
        cells = [f"[{year}]({relative(MATRIX, year_page(year))})", str(len(rows))]
        cells += [str(parties.count(p)) for p in columns]
        cells.append(str(sum(1 for p in parties if p not in columns)))
        table.append(cells)
    lines += card_table(header, table, [False] + [True] * (len(header) - 1), labels)
    return "\n".join(lines)


HEAT_ROWS = 8
"""Parties (busiest first) and topics in the heat map of demands."""


def _heat_map(briefings: tuple[Briefing, ...], slugs: dict[str, str]) -> list[str]:
    """Demands per party and topic (an item's first topic): a heat map and
    the table of the same numbers."""
    counts: dict[tuple[str, str], int] = {}
    for b in briefings:
        for item in b.demands:
            key = (item_party(b, item), item.topics[0] if item.topics else NO_TOPIC)
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return []

    def busiest(index: int) -> list[str]:
        totals: dict[str, int] = {}
        for key, n in counts.items():
            totals[key[index]] = totals.get(key[index], 0) + n
        return sorted(totals, key=lambda k: (-totals[k], k.lower()))[:HEAT_ROWS]

    parties, topics = busiest(0), busiest(1)
    names = [party_label(p) for p in parties]
    shown = {(party_label(p), t): n for (p, t), n in counts.items()}
    lines = [
        "## Demands by party and topic",
        "",
        f"The {count(len(parties), 'busiest party', 'busiest parties')} against the "
        f"{count(len(topics), 'topic')} their demands name most (a demand counts under the "
        "topic its own words name, else the one its sentence names most).",
        "",
        heat_map("demands-heat-map", "Demands by party and topic", names, topics, shown),
    ]
    header = ["Party", *(escape(t) for t in topics)]
    rows = [
        [actor_link(MATRIX, p, slugs), *(str(counts.get((p, t), 0)) for t in topics)]
        for p in parties
    ]
    return lines + card_table(header, rows, [False] + [True] * len(topics), ["Party", *topics])


def _render_year(
    year: str, rows: list[Briefing], columns: list[str], slugs: dict[str, str]
) -> dict[str, str]:
    """A year's rows, on pages of at most `PAGE_ENTRIES` demands."""
    what = "undated briefings" if year == UNDATED else f"briefings of {year}"

    def head(page: str, number: int, pages: int) -> list[str]:
        title = page_title(what, number, pages)
        return [
            f"# Demands matrix: {title}",
            "",
            f"[Demands matrix]({relative(page, MATRIX)}) · {count(len(rows), 'briefing')} with "
            f"{count(sum(len(b.demands) for b in rows), 'demand')}, newest first.",
            "",
        ]

    def table(page: str, shown: Sequence[Briefing]) -> list[str]:
        return _rows_table(page, list(shown), columns, slugs)

    section = Section((), rows, table, weight=lambda b: len(b.demands))
    return paginate(year_page(year), head, [section])


def _rows_table(
    page: str, rows: list[Briefing], columns: list[str], slugs: dict[str, str]
) -> list[str]:
    """A row per briefing, a column per busy party and one for the others."""
    header = ["Briefing", *(actor_link(page, p, slugs) for p in columns), OTHERS]
    labels = ["Briefing", *(party_label(p) for p in columns), OTHERS]
    table = []
    for b in rows:
        cells = [f"{briefing_link(page, b)}<br>{b.meta.date or UNDATED}"]
        cells += [_cell(page, b, [i for i in b.demands if item_party(b, i) == p]) for p in columns]
        others = [i for i in b.demands if item_party(b, i) not in columns]
        cells.append(_cell(page, b, others, with_party=True))
        table.append(cells)
    return card_table(header, table, labels=labels)


def _cell(page: str, b: Briefing, items: list[Item], with_party: bool = False) -> str:
    if not items:
        return " "
    parts = []
    for item in items:
        label = escape(shorten(item.text, CELL_TEXT)) or "demand"
        who = f"**{escape(party_label(item_party(b, item)))}:** " if with_party else ""
        parts.append(f"{who}[{label}]({briefing_href(page, b, item.paragraph)})")
    return "<br>".join(parts)
