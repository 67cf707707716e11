"""Dates: find calendar dates in text and give them as ISO `YYYY-MM-DD`.

Used by the cleaner (is this line only a date?), by metadata (the publication date) and by the
timeline (dated events). Month names, the words that may stand around a date on a date line
and the cues that tell a publication date from an update come from `rules/dates.yml`.
Formats: named months in either order ("8 Dec. 2021", "December 8th, 2021"), ISO with or
without a time ("2021-12-08T10:30:00Z"), year first with slashes or dots ("2021/12/08"), and
numeric day first ("08.12.2021", "08/12/2021"; month first only when the day cannot be a month).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from build_tools.article_cache import per_article
from build_tools.rules import load_rules

_YEAR = re.compile(r"(?:19|20)\d\d")
_GLUED = re.compile(r"(?<=\d)(?=[A-Z][a-z])")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text."""

    iso: str
    """The date as `YYYY-MM-DD`."""
    start: int
    """Offset of the match in the text searched."""
    end: int
    """Offset just after the match."""


@dataclass(frozen=True, slots=True)
class _Patterns:
    month_of: dict[str, int]
    named: re.Pattern[str]
    iso: re.Pattern[str]
    numeric: re.Pattern[str]
    filler: re.Pattern[str]
    day_first: bool
    published: re.Pattern[str]
    updated: re.Pattern[str]
    original: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    rules = load_rules("dates")
    month_of: dict[str, int] = {}
    for number, names in rules["months"].items():
        for name in names:
            month_of[str(name).lower()] = int(number)
    names = "|".join(sorted((re.escape(n) for n in month_of), key=len, reverse=True))
    month = rf"(?P<month>{names})\.?"
    month2 = rf"(?P<month2>{names})\.?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    # A year may run into the time after it when a scrape dropped the space ("20256:52 AM").
    named = re.compile(
        rf"(?<!\w)(?:{day}\s+(?:(?:of|de)\s+)?{month}(?:,|\s+de)?\s+{year}"
        rf"|{month2}\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year2>(?:19|20)\d\d))"
        r"(?:(?!\w)|(?=\d{1,2}:\d\d(?!\d)))",
        re.IGNORECASE,
    )
    iso = re.compile(
        r"(?<![\w/.-])(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
        r"(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\w-])"
    )
    numeric = re.compile(
        r"(?<![\w/.-])(?P<a>\d{1,2})([./-])(?P<b>\d{1,2})\2(?P<year>(?:19|20)\d\d)(?![\w/-])"
    )
    words = "|".join(re.escape(w) for w in sorted(rules["date_line_words"], key=len, reverse=True))
    around = "".join(f"|{p}" for p in rules["date_line_patterns"])
    filler = re.compile(
        rf"(?:(?<!\w)(?:{words})(?!\w)|\d{{1,2}}(?:[:.h]\d\d(?::\d\d)?)?\s?[ap]\.?m\b\.?"
        rf"|\d{{1,2}}[:.h]\d\d(?::\d\d)?{around}|[\s,.:;|/()–—•·-]"
        r"|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)+",
        re.IGNORECASE,
    )
    published = "|".join(re.escape(w) for w in rules["published_cues"])
    updated = "|".join(re.escape(w) for w in rules["updated_cues"])
    original = "|".join(re.escape(w) for w in rules["original_cues"])
    return _Patterns(
        month_of,
        named,
        iso,
        numeric,
        filler,
        rules.get("numeric_order") != "month_first",
        re.compile(rf"\b(?:{published})\b[\s:,]*(?:on\s+)?$", re.IGNORECASE),
        re.compile(rf"\b(?:{updated})\b[\s:,]*(?:on\s+)?$", re.IGNORECASE),
        re.compile(rf"\b(?:{original})\b[^.!?\n]{{0,60}}$", re.IGNORECASE),
    )


def find_dates(text: str) -> list[DateMatch]:
    """Every full calendar date (day, month and year) in `text`, in order."""
    return list(_dates_in(text))


@per_article
def _dates_in(text: str) -> tuple[DateMatch, ...]:
    # Cached: the cleaner asks about the same short lines several times (date line? byline?).
    if not _YEAR.search(text):
        return ()  # every full date has a year: most lines are settled by this cheap test
    p = _patterns()
    found: list[DateMatch] = []
    for m in p.named.finditer(text):
        if m.group("day") is not None:
            d, mon, y = m.group("day"), m.group("month"), m.group("year")
        else:
            d, mon, y = m.group("day2"), m.group("month2"), m.group("year2")
        _add(found, int(y), p.month_of[mon.lower().rstrip(".")], int(d), m)
    for m in p.iso.finditer(text):
        _add(found, int(m.group("year")), int(m.group("month")), int(m.group("day")), m)
    for m in p.numeric.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        day_, month_ = (a, b) if (p.day_first and b <= 12) or a > 12 else (b, a)
        _add(found, int(m.group("year")), month_, day_, m)
    return tuple(sorted(found, key=lambda d: d.start))


def _add(found: list[DateMatch], y: int, m: int, d: int, match: re.Match[str]) -> None:
    try:
        iso = date(y, m, d).isoformat()
    except ValueError:
        return
    if any(f.start <= match.start() < f.end for f in found):
        return
    found.append(DateMatch(iso, match.start(), match.end()))


def date_only(text: str) -> str | None:
    """The publication date when `text` is a date line and nothing more ("Published 8 Dec
    2021", "Updated: 05/03/2023 | Published: 01/03/2023")."""
    if len(text) > 100 or not find_dates(text):
        return None
    found = _date_line(text)
    if found is None and _GLUED.search(text):
        # "GMT+3Updated 2 hours ago": words a scrape glued to the figures before them.
        found = _date_line(_GLUED.sub(" ", text))
    return found


def _date_line(text: str) -> str | None:
    dates = find_dates(text)
    if not dates or len(dates) > 3:
        return None
    rest, last = [], 0
    for d in dates:
        rest.append(text[last : d.start])
        last = d.end
    rest.append(text[last:])
    if _patterns().filler.sub("", " ".join(rest)).strip():
        return None
    return publication_date(text, dates)


def publication_date(text: str, dates: list[DateMatch] | None = None) -> str | None:
    """Of the dates in `text`, the publication date: the one a "Published" cue introduces,
    else the first one no "Updated" cue introduces, else the first."""
    dates = find_dates(text) if dates is None else dates
    if not dates:
        return None
    p = _patterns()
    cue = [text[max(0, d.start - 40) : d.start] for d in dates]
    for d, before in zip(dates, cue, strict=True):
        if p.published.search(before):
            return d.iso
    for d, before in zip(dates, cue, strict=True):
        if not p.updated.search(before):
            return d.iso
    return dates[0].iso


def month_and_year(text: str) -> bool:
    """A month's name and a year and nothing else ("May 2019")."""
    words = text.lower().replace(",", " ").split()
    return (
        len(words) == 2
        and words[0].rstrip(".") in _patterns().month_of
        and _YEAR.fullmatch(words[1]) is not None
    )


def update_only(text: str) -> bool:
    """Every date of `text` is an update's ("Updated: 5 May 2023")."""
    dates = find_dates(text)
    updated = _patterns().updated
    return bool(dates) and all(updated.search(text[max(0, d.start - 40) : d.start]) for d in dates)


def date_readings(text: str) -> set[str]:
    """Every date `text` may mean: a numeric date with day and month both under 13
    ("05/04/2018") read both ways, so that the page's own address can tell which it is."""
    found = {d.iso for d in find_dates(text)}
    for m in _patterns().numeric.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        for month, day in ((a, b), (b, a)):
            try:
                found.add(date(int(m.group("year")), month, day).isoformat())
            except ValueError:
                continue
    return found


def original_date(text: str) -> str | None:
    """The date an "Originally published (in X) on" cue introduces in `text`, or None."""
    if not _YEAR.search(text):
        return None
    p = _patterns()
    for d in find_dates(text):
        if p.original.search(text[max(0, d.start - 80) : d.start]):
            return d.iso
    return None


def date_in_url(url: str) -> str | None:
    """A date written into an article address (`/2021/12/08/`, `/20211208/`)."""
    m = re.search(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)", url)
    if m is None:
        m = re.search(r"/((?:19|20)\d\d)(\d\d)(\d\d)(?:/|-|$)", url)
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None
