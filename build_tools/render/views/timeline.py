"""Timeline: briefings by publication date, and the dated events their text mentions.

`timeline/index.md` has a row per year (briefings published, events mentioned) and the
undated briefings, listed apart: a date the article does not give is never guessed. Each
year lists its briefings and each sentence that mentions a date in that year, linked to its
paragraph: on the index while the whole timeline holds at most `PAGE_ENTRIES` entries, else
on a page per year, `timeline/YEAR.md`. Dates are full dates (`dates.find_dates`), a month and
a year ("September 2022"), or a year after a cue word from `rules/timeline.yml` ("in 2015").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from build_tools.clean.dates import find_dates
from build_tools.extract.sentences import split_sentences
from build_tools.records import Briefing
from build_tools.render.markdown_text import escape
from build_tools.render.tables import card_table
from build_tools.render.views.briefing_list import by_date
from build_tools.render.views.paths import TIMELINE, briefing_link, count, paragraph_ref, relative
from build_tools.rules import load_rules, rule_list

PAGE_ENTRIES = 100
"""Briefings and dated mentions one page holds before the timeline is split by year."""


@dataclass(frozen=True, slots=True)
class Period:
    """A date found in text, as precise as the text gives it."""

    when: str
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    start: int
    """Offset of the match in the text searched."""
    end: int
    """Offset just after the match."""


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


@dataclass(frozen=True, slots=True)
class _Patterns:
    any_year: re.Pattern[str]
    month_year: re.Pattern[str]
    cued_year: re.Pattern[str]
    month_of: dict[str, int]


@cache
def _patterns() -> _Patterns:
    month_of = {
        str(name).lower(): int(number)
        for number, names in load_rules("dates")["months"].items()
        for name in names
    }
    names = "|".join(sorted((re.escape(n) for n in month_of), key=len, reverse=True))
    year = r"(?P<year>(?:19|20)\d\d)"
    month_year = re.compile(rf"(?<!\w)(?P<month>{names})\.?,?\s+{year}(?![\w-])", re.IGNORECASE)
    cues = "|".join(re.escape(c) for c in rule_list("timeline", "year_cues"))
    # A range such as "2013-14" keeps its first year; "2000-strong" or "2,000" is no year.
    cued_year = re.compile(rf"(?<!\w)(?:{cues})[\s-]+{year}(?!\w|-[^\W\d]|[.,]\d)", re.IGNORECASE)
    return _Patterns(re.compile(r"(?:19|20)\d\d"), month_year, cued_year, month_of)


def find_periods(text: str) -> list[Period]:
    """Every date in `text` at its own precision, in order; a date is found once, not also
    as its month and year."""
    p = _patterns()
    if not p.any_year.search(text):  # most sentences name no year: skip the full search
        return []
    found = [Period(d.iso, d.start, d.end) for d in find_dates(text)]
    for m in p.month_year.finditer(text):
        month = p.month_of[m.group("month").lower()]
        _add(found, Period(f"{m.group('year')}-{month:02d}", m.start(), m.end()))
    for m in p.cued_year.finditer(text):
        _add(found, Period(m.group("year"), m.start("year"), m.end("year")))
    return sorted(found, key=lambda x: x.start)


def _add(found: list[Period], period: Period) -> None:
    if not any(f.start < period.end and period.start < f.end for f in found):
        found.append(period)


@dataclass(frozen=True, slots=True)
class DatedSentence:
    """A sentence of one briefing's body that mentions a date: an `Event` before it is
    placed among the other briefings' events."""

    when: str
    """The date mentioned, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    paragraph: str
    """Anchor of the paragraph holding the sentence."""
    sentence: str
    """The sentence that mentions the date."""


def dated_sentences(b: Briefing) -> tuple[DatedSentence, ...]:
    """Every sentence of a briefing's body that mentions a date, once per date, in order."""
    out = []
    for p in b.paragraphs:
        for sentence in split_sentences(p.text):
            whens = dict.fromkeys(period.when for period in find_periods(sentence))
            out += [DatedSentence(when, p.anchor, sentence) for when in whens]
    return tuple(out)


def find_events(
    briefings: tuple[Briefing, ...], dated: Mapping[str, tuple[DatedSentence, ...]] | None = None
) -> list[Event]:
    """Every dated sentence of every briefing's body, by date, then by briefing date.

    `dated` (slug -> the briefing's `dated_sentences`) gives those found before, as the
    cache keeps them; a briefing missing from it is searched now.
    """
    events = []
    for b in by_date(briefings):
        found = dated.get(b.slug) if dated is not None else None
        if found is None:
            found = dated_sentences(b)
        events += [Event(d.when, b, d.paragraph, d.sentence) for d in found]
    return sorted(events, key=lambda e: e.when)


def timeline_pages(
    briefings: tuple[Briefing, ...], dated: Mapping[str, tuple[DatedSentence, ...]] | None = None
) -> dict[str, str]:
    """The timeline index and one page per year with briefings or events (`dated` as for
    `find_events`)."""
    events = find_events(briefings, dated)
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
        pages[year_path(year)] = _render_year(
            year, published.get(year, []), mentioned.get(year, [])
        )
    return pages


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


def _render_year(year: str, published: list[Briefing], events: list[Event]) -> str:
    page = year_path(year)
    lines = [
        f"# {year}",
        "",
        f"[Timeline]({relative(page, TIMELINE)}) · {count(len(published), 'briefing')} published, "
        f"{count(len(events), 'dated mention')}.",
        "",
    ]
    return "\n".join(lines + _year_body(page, year, published, events, 1)[2:])


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
        lines += [f"{h}## {label}", ""]
        for e in group:
            source = (
                f"{briefing_link(page, e.briefing)} {paragraph_ref(page, e.briefing, e.paragraph)}"
            )
            lines.append(f"- **{e.when}** — {escape(e.sentence)} — {source}")
        lines.append("")
    return lines


def _by_month(events: list[Event]) -> list[tuple[str, list[Event]]]:
    """Events of one year grouped by month; mentions of the year alone come first."""
    groups: dict[str, list[Event]] = {}
    for e in events:
        key = e.when[:7] if len(e.when) > 4 else f"{e.when}, month not given"
        groups.setdefault(key, []).append(e)
    return sorted(groups.items(), key=lambda kv: (len(kv[0]) == 7, kv[0]))
