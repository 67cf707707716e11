"""Dated mentions: a briefing's body in, every sentence that mentions a date out.

Dates are full dates (`clean.dates.find_dates`), a month and a year ("September 2022"), or a
year after a cue word from `rules/timeline.yml` ("in 2015", "since 2014"); each is kept at
the precision the text gives. The timeline shows them (`render/views/timeline.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from build_tools.clean.dates import find_dates
from build_tools.extract.sentences import split_sentences
from build_tools.records import DatedMention, Paragraph
from build_tools.rules import load_rules, rule_list


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


def dated_mentions(body: Iterable[Paragraph]) -> tuple[DatedMention, ...]:
    """Every sentence of the body's paragraphs that mentions a date, once per date, in
    order (headings are left out)."""
    out = []
    for p in body:
        if p.heading:
            continue
        for sentence in split_sentences(p.text):
            whens = dict.fromkeys(period.when for period in find_periods(sentence))
            out += [DatedMention(when, p.anchor, sentence) for when in whens]
    return tuple(out)
