"""Timeline: briefings by publication date, and the dated events their text mentions.

`timeline/index.md` has a row per year (briefings published, events mentioned) and the
undated briefings, listed apart: a date the article does not give is never guessed. Each
year lists its briefings and each sentence that mentions a date in that year, linked to its
paragraph: on the index while the whole timeline holds at most `PAGE_ENTRIES` entries, else
on a page per year, `timeline/YEAR.md`. The dated sentences are found when a briefing is
made (`Briefing.dated`, `extract/mentions.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from build_tools.records import Briefing
from build_tools.render.charts import Series, bar_chart
from build_tools.render.markdown_text import escape
from build_tools.render.tables import card_table
from build_tools.render.views.briefing_list import by_date
from build_tools.render.views.pagination import AnySection, Section, page_title, paginate
from build_tools.render.views.paths import TIMELINE, briefing_link, count, paragraph_ref, relative

PAGE_ENTRIES = 100
"""Briefings and dated mentions one page holds before the timeline is split by year."""


@dataclass(frozen=True, slots=True)
class Event:
    """A sentence of a briefing that mentions a date."""

    when: str
    """The date mentioned, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    briefing: Briefing
    """The briefing whose body holds the sentence."""
    paragraph: str
    """Anchor of the paragraph holding the sentence."""
    sentence: str
    """The sentence that mentions the date."""


def find_events(briefings: tuple[Briefing, ...]) -> list[Event]:
    """Every dated sentence of every briefing's body, by date, then by briefing date."""
    events = []
    for b in by_date(briefings):
        events += [Event(d.when, b, d.paragraph, d.sentence) for d in b.dated]
    return sorted(events, key=lambda e: e.when)


def timeline_pages(briefings: tuple[Briefing, ...]) -> dict[str, str]:
    """The timeline index, with each year's section or with a page per year."""
    events = find_events(briefings)
    published: dict[str, list[Briefing]] = {}
    for b in reversed(by_date(b for b in briefings if b.meta.date)):
        published.setdefault((b.meta.date or "")[:4], []).append(b)
    mentioned: dict[str, list[Event]] = {}
    for e in events:
        mentioned.setdefault(e.when[:4], []).append(e)
    years = sorted(set(published) | set(mentioned))
    undated = [b for b in by_date(briefings) if not b.meta.date]
    if len(events) + len(published) <= PAGE_ENTRIES:
        sections = [
            _year_body(TIMELINE, year, published.get(year, []), mentioned.get(year, []), 2)
            for year in reversed(years)
        ]
        return {TIMELINE: _render_index(years, published, mentioned, undated, sections)}
    pages = {TIMELINE: _render_index(years, published, mentioned, undated)}
    for year in years:
        pages |= _render_year(year, published.get(year, []), mentioned.get(year, []))
    return pages


CHART_SPAN = 60
"""Years a chart shows one by one, gaps included; a longer span shows only years with
entries."""


def _chart(
    years: list[str], published: dict[str, list[Briefing]], mentioned: dict[str, list[Event]]
) -> str:
    """Briefings published and dates mentioned per year, oldest first."""
    first, last = int(years[0]), int(years[-1])
    if last - first < CHART_SPAN:
        years = [str(y) for y in range(first, last + 1)]
    return bar_chart(
        "timeline-chart",
        "Briefings published and dates mentioned, by year",
        years,
        [
            Series("briefings published", "series-a", [len(published.get(y, [])) for y in years]),
            Series("dated mentions", "series-b", [len(mentioned.get(y, [])) for y in years]),
        ],
    )


def year_path(year: str) -> str:
    """The page of one year, e.g. `timeline/2022.md`."""
    return f"timeline/{year}.md"


def _render_index(
    years: list[str],
    published: dict[str, list[Briefing]],
    mentioned: dict[str, list[Event]],
    undated: list[Briefing],
    sections: list[list[str]] | None = None,
) -> str:
    """The index: a row per year, then each year's section when `sections` are given (else
    each year has its own page), then the undated briefings."""
    lines = [
        "# Timeline",
        "",
        "When the briefings were published, and the dates their text mentions: full dates, "
        "months and years (a year counts when the text says *in 2015*, *since 2014* and the "
        "like). Each year lists its briefings and every sentence that mentions a "
        "date in it, linked to its paragraph.",
        "",
    ]
    rows = []
    for year in reversed(years):
        events = mentioned.get(year, [])
        citing = len({e.briefing.slug for e in events})
        target = f"#y-{year}" if sections is not None else relative(TIMELINE, year_path(year))
        link = f"[{year}]({target})"
        rows.append([link, str(len(published.get(year, []))), str(len(events)), str(citing)])
    header = ["Year", "Briefings published", "Dated mentions", "Briefings mentioning it"]
    if years:
        lines.append(_chart(years, published, mentioned))
    lines += card_table(header, rows, (False, True, True, True))
    for section in sections or []:
        lines += section
    lines += ["## Undated briefings", ""]
    if undated:
        lines.append(
            f"{count(len(undated), 'briefing gives', 'briefings give')} no publication date; "
            "listed here "
            "rather than given a guessed one."
        )
        lines.append("")
        lines += [f"- {briefing_link(TIMELINE, b)}" for b in undated]
    else:
        lines.append("*Every briefing gives its publication date.*")
    lines.append("")
    return "\n".join(lines)


def _render_year(year: str, published: list[Briefing], events: list[Event]) -> dict[str, str]:
    """A year's page: its briefings, then its dated mentions by month, on pages of at most
    `PAGE_ENTRIES` entries."""

    def head(page: str, number: int, pages: int) -> list[str]:
        title = page_title(year, number, pages)
        return [
            f"# {title}",
            "",
            f"[Timeline]({relative(page, TIMELINE)}) · {count(len(published), 'briefing')} "
            f"published, {count(len(events), 'dated mention')}.",
            "",
        ]

    def briefing_lines(page: str, shown: Sequence[Briefing]) -> list[str]:
        return [*(f"- {b.meta.date} · {briefing_link(page, b)}" for b in shown), ""]

    sections: list[AnySection] = [
        Section(
            [f"## Briefings published in {year}", ""],
            published,
            briefing_lines,
            [f"*No briefing was published in {year}.*", ""],
        )
    ]
    events_heading = [f"## Events mentioned in {year}", ""]
    if not events:
        no_dates = [f"*No briefing mentions a date in {year}.*", ""]
        sections.append(Section(events_heading, [], _event_lines, no_dates))
    for n, (label, group) in enumerate(_by_month(events)):
        heading = (events_heading if n == 0 else []) + [f"### {label}", ""]
        sections.append(Section(heading, group, _event_lines))
    return paginate(year_path(year), head, sections)


def _event_lines(page: str, events: Sequence[Event]) -> list[str]:
    lines = []
    for e in events:
        source = f"{briefing_link(page, e.briefing)} {paragraph_ref(page, e.briefing, e.paragraph)}"
        lines.append(f"- **{e.when}** — {escape(e.sentence)} — {source}")
    return [*lines, ""]


def _year_body(
    page: str, year: str, published: list[Briefing], events: list[Event], level: int
) -> list[str]:
    """A year's briefings and dated mentions, under a heading of `level` (its own page: 1,
    a section of the index: 2)."""
    h = "#" * level
    lines = [
        f"{h} {year} {{ #y-{year} }}",
        "",
        f"{h}# Briefings published in {year}",
        "",
    ]
    if published:
        lines += [f"- {b.meta.date} · {briefing_link(page, b)}" for b in published]
    else:
        lines.append(f"*No briefing was published in {year}.*")
    lines += ["", f"{h}# Events mentioned in {year}", ""]
    if not events:
        lines += [f"*No briefing mentions a date in {year}.*", ""]
        return lines
    for label, group in _by_month(events):
        lines += [f"{h}## {label}", "", *_event_lines(page, group)]
    return lines


def _by_month(events: list[Event]) -> list[tuple[str, list[Event]]]:
    """Events of one year grouped by month; mentions of the year alone come first."""
    groups: dict[str, list[Event]] = {}
    for e in events:
        key = e.when[:7] if len(e.when) > 4 else f"{e.when}, month not given"
        groups.setdefault(key, []).append(e)
    return sorted(groups.items(), key=lambda kv: (len(kv[0]) == 7, kv[0]))
