"""The list of all briefings (`briefings/index.md`), and the table it shares with the home page."""

from __future__ import annotations

from collections.abc import Iterable

from build_tools.records import Briefing
from build_tools.render.markdown_text import table_cell
from build_tools.render.tables import card_table
from build_tools.render.views.pagination import Section, page_title, paginate
from build_tools.render.views.paths import BRIEFINGS_INDEX, briefing_link, count


def by_date(briefings: Iterable[Briefing]) -> list[Briefing]:
    """Newest first; undated briefings last, by title."""
    items = list(briefings)
    dated = sorted((b for b in items if b.meta.date), key=lambda b: (b.meta.date, b.slug))
    undated = sorted((b for b in items if not b.meta.date), key=lambda b: b.meta.title.lower())
    return list(reversed(dated)) + undated


def briefing_table(briefings: list[Briefing], page: str) -> list[str]:
    """A table row per briefing: date, title, author, publication, counts."""
    rows = []
    for b in briefings:
        cells = [
            b.meta.date or "undated",
            briefing_link(page, b),
            table_cell(", ".join(b.meta.authors) or "—"),
            table_cell(b.meta.publication or "—"),
            str(len(b.demands)),
            str(len(b.proposals)),
            _links_cell(b),
        ]
        rows.append(cells)
    header = ["Date", "Title", "Author", "Publication", "Demands", "Proposals", "Links"]
    return card_table(header, rows, (False, False, False, False, True, True, True))


def render_briefing_index(briefings: tuple[Briefing, ...]) -> dict[str, str]:
    """Every briefing, newest first, on pages of at most `PAGE_ENTRIES` rows."""

    def head(page: str, number: int, pages: int) -> list[str]:
        title = page_title("All briefings", number, pages)
        return [
            "---",
            f"title: {title}",
            "---",
            "",
            f"# {title}",
            "",
            f"{count(len(briefings), 'briefing')}, newest first; undated ones at the end.",
            "",
        ]

    rows = Section((), by_date(briefings), lambda page, bs: briefing_table(list(bs), page))
    return paginate(BRIEFINGS_INDEX, head, [rows])


def _links_cell(b: Briefing) -> str:
    """The briefing's links, and how many of them lost their target in the scrape."""
    lost = sum(1 for lk in b.links if lk.placeholder)
    return f"{len(b.links)} ({lost} lost)" if lost else str(len(b.links))
