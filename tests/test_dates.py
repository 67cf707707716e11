"""Dates: finding calendar dates in many formats, date lines, and dates in addresses."""

from __future__ import annotations

import pytest

from build_tools.clean.dates import (
    date_in_url,
    date_only,
    find_dates,
    original_date,
    publication_date,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("December 08, 2021", "2021-12-08"),
        ("8 December 2021", "2021-12-08"),
        ("8th of December 2021", "2021-12-08"),
        ("Dec. 8, 2021", "2021-12-08"),
        ("December 8th, 2021", "2021-12-08"),
        ("08 Dec 2021", "2021-12-08"),
        ("2021-12-08", "2021-12-08"),
        ("2021-12-08T10:30:00Z", "2021-12-08"),
        ("2021-12-08T10:30:00+02:00", "2021-12-08"),
        ("2021/12/08", "2021-12-08"),
        ("08.12.2021", "2021-12-08"),
        ("08/12/2021", "2021-12-08"),
        ("08-12-2021", "2021-12-08"),
        ("12/31/2021", "2021-12-31"),  # 31 cannot be a month: month first
        ("8 décembre 2021", "2021-12-08"),
        ("8 грудня 2021", "2021-12-08"),
    ],
)
def test_formats(text: str, iso: str) -> None:
    assert [d.iso for d in find_dates(f"On {text}, talks resumed.")] == [iso]


@pytest.mark.parametrize(
    "text",
    [
        "February 30, 2022",
        "2022-13-01",
        "March 2022",
        "in 2022",
        "version 1.2.2022b",
        "45/12/2021",
        "ticket 12-11-2025-3",  # a number of parts joined by hyphens
        "08/12-2021",  # two separators
    ],
)
def test_no_full_or_valid_date(text: str) -> None:
    assert find_dates(text) == []


def test_offsets_point_at_the_date() -> None:
    text = "Signed on 5 September 2014 in Minsk."
    (d,) = find_dates(text)
    assert text[d.start : d.end] == "5 September 2014"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published: 12 March 2023", "2023-03-12"),
        ("Thursday, 16 February 2023, 10:42", "2023-02-16"),
        ("March 4, 2022 at 10:12 am", "2022-03-04"),
        ("Posted on 3rd May 2023", "2023-05-03"),
        ("Updated: 05/03/2023 14:20 | Published: 01/03/2023 09:00", "2023-03-01"),
        ("Published 8 Dec 2021 · Updated 9 Dec 2021", "2021-12-08"),
        ("Updated 9 Dec 2021", "2021-12-09"),
        ("Date: 2023-01-19", "2023-01-19"),
        ("Sep 30, 2024 · 11 min read", "2024-09-30"),
        ("2 October 2024 · 43 min listen", "2024-10-02"),
        ("Oct 7, 20249:05 PM GMT+2", "2024-10-07"),  # year and time glued by the scrape
        ("Oct 7, 2024 9:05 PM GMT+2Updated 3 hours ago", "2024-10-07"),
    ],
)
def test_date_lines(line: str, iso: str) -> None:
    assert date_only(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "Talks resumed on 12 March 2023 in Istanbul.",
        "Posted on 3rd May 2023 by admin",
        "By Jane Roe, 12 March 2023",
        "No date here",
        "Oct 7, 2024 · Kyiv talks resume",
    ],
)
def test_lines_that_say_more_than_a_date(line: str) -> None:
    assert date_only(line) is None


def test_publication_date_prefers_the_published_cue() -> None:
    text = "Last updated 20 May 2023; first published 2 May 2023"
    assert publication_date(text) == "2023-05-02"
    assert publication_date("Updated 20 May 2023") == "2023-05-20"
    assert publication_date("nothing") is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Originally published 14 March 2024 in the Vistula Review.", "2024-03-14"),
        (
            "This essay first appeared in Polish in the Vistula Review on 14 March 2024.",
            "2024-03-14",
        ),
        ("Published 20 March 2024", None),  # a date line, not an original date
        ("Talks resumed on 14 March 2024.", None),
    ],
)
def test_original_dates(text: str, iso: str | None) -> None:
    assert original_date(text) == iso


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://www.example.com/2021/12/08/how-to-talk-a75765", "2021-12-08"),
        ("https://example.org/news/2022-06-24/candidate-status", "2022-06-24"),
        ("https://example.org/20230119/moldova", "2023-01-19"),
        ("https://example.org/opinion/2023/03/no-day-here", None),
        ("https://example.org/2023/02/30/not-a-day", None),
        ("https://example.org/story/12345", None),
    ],
)
def test_dates_in_addresses(url: str, iso: str | None) -> None:
    assert date_in_url(url) == iso
