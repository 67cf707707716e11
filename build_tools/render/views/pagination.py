"""Pages of a long view: a view's sections in, the view cut into pages of at most
`PAGE_ENTRIES` entries out, so that no page grows with the corpus.

A view whose list would outgrow one page (every briefing, a party's items, a topic's
proposals, a domain's links) keeps its address for its first page, with everything it
shows above the list (counts, charts), and continues on `NAME/page-2.md`, `NAME/page-3.md`
and so on (`NAME/index/page-2.md` for `NAME/index.md`), each with links to the others above
and below its list (a `nav` landmark each, the current page marked for screen readers).
An entry is what a list shows of one thing (a table row, a briefing's group of items);
entries are never split between pages, and a section that goes on past a page's end has
its heading again, marked *continued*, on the next. Entries are made into Markdown on the
page that shows them, as their links are relative to it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from build_tools.render.views.paths import relative

PAGE_ENTRIES = 200
"""Entries one page holds (an entry's weight counts: a briefing's group of five items is
five). At 10,000 briefings the longest list, the links of the busiest domain, would
otherwise be one page of 5 MB."""
WINDOW = 2
"""Pages linked on each side of the current one; the first and last are always linked."""

T = TypeVar("T")
_ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}\s*$")


@dataclass(frozen=True, slots=True)
class Section(Generic[T]):
    """One list of a view, under its heading."""

    heading: Sequence[str]
    """The lines before the entries (a heading and a sentence); () for none."""
    entries: Sequence[T]
    render: Callable[[str, Sequence[T]], list[str]]
    """The Markdown lines of some of the entries, on the page (its path) that shows them."""
    empty: Sequence[str] = ()
    """The lines shown instead of the entries when there are none."""
    weight: Callable[[T], int] | None = None
    """How many entries one entry counts as (1 when not given)."""


AnySection = Section[Any]
"""A section of entries of any type (a view's sections differ)."""
# (section index, first entry, end) of each part of a page
_Part = tuple[int, int, int]


def page_path(first: str, number: int) -> str:
    """Page `number` of the view whose first page is `first`: `actors/russia.md` itself, then
    `actors/russia/page-2.md`, `actors/russia/page-3.md`, ..."""
    return first if number == 1 else f"{first.removesuffix('.md')}/page-{number}.md"


def page_title(title: str, number: int, pages: int) -> str:
    """A view's title on its page `number` of `pages`: `Russia`, `Russia, page 2 of 9`."""
    return title if number == 1 else f"{title}, page {number} of {pages}"


def paginate(
    first: str,
    head: Callable[[str, int, int], list[str]],
    sections: Sequence[AnySection],
    limit: int | None = None,
) -> dict[str, str]:
    """The pages of a view: `head(page, number, pages)` gives each page's lines above its
    lists, then come the parts of `sections` that page holds, in order."""
    layout = _layout(sections, PAGE_ENTRIES if limit is None else limit)
    total = len(layout)
    pages = {}
    for number, parts in enumerate(layout, 1):
        page = page_path(first, number)
        lines = head(page, number, total)
        lines += _pager(page, first, number, total, "above")
        for index, start, end in parts:
            section = sections[index]
            lines += section.heading if start == 0 else _continued(section.heading)
            if not section.entries:
                lines += section.empty
            else:
                lines += section.render(page, section.entries[start:end])
        if total > 1:
            lines += ["", *_pager(page, first, number, total, "below")]
        pages[page] = "\n".join(lines).rstrip("\n") + "\n"
    return pages


def _layout(sections: Sequence[AnySection], limit: int) -> list[list[_Part]]:
    """Each page's parts: sections in order, a new page once the next entry would take the
    page past `limit` (a page always takes at least one entry)."""
    pages: list[list[_Part]] = [[]]
    held = 0
    for index, section in enumerate(sections):
        if not section.entries:
            pages[-1].append((index, 0, 0))
            continue
        start = 0
        for n, entry in enumerate(section.entries):
            w = max(1, section.weight(entry)) if section.weight else 1
            if held and held + w > limit:
                if n > start:
                    pages[-1].append((index, start, n))
                pages.append([])
                held, start = 0, n
            held += w
        pages[-1].append((index, start, len(section.entries)))
    return pages


def _continued(heading: Sequence[str]) -> list[str]:
    """The section's last heading again, marked as continued from the page before (without
    its attribute list: an id is the first page's)."""
    titles = [line for line in heading if line.startswith("#")]
    if not titles:
        return []
    return [f"{_ATTRIBUTES.sub('', titles[-1])} *(continued)*", ""]


def _pager(page: str, first: str, number: int, total: int, where: str) -> list[str]:
    """The links to the view's pages, above or below the list (`where`): the first, the last
    and `WINDOW` on each side of this one, gaps shown as `…`; nothing when the view has one
    page."""
    if total <= 1:
        return []
    shown = sorted(
        {1, total} | set(range(max(1, number - WINDOW), min(total, number + WINDOW) + 1))
    )
    links: list[str] = []
    last = 0
    for n in shown:
        if n > last + 1:
            links.append("…")
        if n == number:
            links.append(f'<span aria-current="page">{n}</span>')
        else:
            links.append(f"[{n}]({relative(page, page_path(first, n))})")
        last = n
    steps = []
    if number > 1:
        steps.append(f"[← previous]({relative(page, page_path(first, number - 1))})")
    if number < total:
        steps.append(f"[next →]({relative(page, page_path(first, number + 1))})")
    return [
        f'<nav class="pager" aria-label="Pages of the list, {where}" markdown="span">',
        f"Page {number} of {total}: {' '.join(links)} · {' · '.join(steps)}",
        "</nav>",
        "",
    ]
