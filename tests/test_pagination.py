"""Long views cut into pages (`render/views/pagination.py`): no page holds more than a page's
entries, every entry is shown once and where it was, and every link of every page resolves.
"""

from __future__ import annotations

import re

import pytest

from build_tools.records import Briefing
from build_tools.render.pages import generate_pages
from build_tools.render.views import matrix, pagination, timeline
from build_tools.render.views.pagination import Section, page_path, paginate
from tests.test_views import INTERNAL_LINK, assert_links_resolve, resolve
from tests.test_views import synthetic as synthetic  # the corpus fixture

LIMIT = 3


def lines_of(page: str, entries: object) -> list[str]:
    return [f"- {e} on {page}" for e in entries]  # type: ignore[attr-defined]


def head(page: str, number: int, pages: int) -> list[str]:
    return [f"# View, page {number} of {pages}", ""]


def test_page_paths() -> None:
    assert page_path("actors/russia.md", 1) == "actors/russia.md"
    assert page_path("actors/russia.md", 2) == "actors/russia/page-2.md"
    assert page_path("sources.md", 12) == "sources/page-12.md"


def test_one_page_has_no_pager() -> None:
    pages = paginate("v.md", head, [Section(["## A", ""], ["x", "y"], lines_of)], limit=LIMIT)
    assert pages == {"v.md": "# View, page 1 of 1\n\n## A\n\n- x on v.md\n- y on v.md\n"}


def test_entries_fill_pages_in_order_with_continued_headings() -> None:
    sections = [
        Section(["## A", ""], ["a1", "a2"], lines_of),
        Section(["## B { #b }", ""], ["b1", "b2", "b3", "b4"], lines_of),
        Section(["## C", ""], [], lines_of, ["*none*", ""]),
    ]
    pages = paginate("v.md", head, sections, limit=LIMIT)
    assert list(pages) == ["v.md", "v/page-2.md"]
    first, second = pages["v.md"], pages["v/page-2.md"]
    assert "- a1 on v.md" in first and "- b1 on v.md" in first
    assert "b2" not in first
    # The section goes on under its heading marked as continued, without the first page's id.
    assert "## B *(continued)*\n\n- b2 on v/page-2.md" in second
    assert "{ #b }" not in second
    assert second.index("- b4") < second.index("## C") < second.index("*none*")
    # Each page links to the other, relative to itself, at its top and its foot.
    assert first.count("[2](v/page-2.md)") == 2 and first.count("[next →](v/page-2.md)") == 2
    assert second.count("[1](../v.md)") == 2 and "[← previous](../v.md)" in second
    assert first.count('<nav class="pager"') == 2 and 'aria-current="page">1<' in first


def test_weights_count_and_a_heavy_entry_gets_a_page_of_its_own() -> None:
    section = Section((), [1, 5, 1, 1, 1], lines_of, weight=lambda n: n)
    pages = paginate("v.md", head, [section], limit=LIMIT)
    shown = [re.findall(r"^- (\d) on", text, re.M) for text in pages.values()]
    assert shown == [["1"], ["5"], ["1", "1", "1"]]


def test_pager_links_the_ends_and_the_neighbours() -> None:
    pages = paginate("v.md", head, [Section((), list(range(20)), lines_of)], limit=1)
    pager = next(line for line in pages["v/page-10.md"].splitlines() if line.startswith("Page "))
    current = '<span aria-current="page">10</span>'
    assert pager.startswith(
        f"Page 10 of 20: [1](../v.md) … [8](page-8.md) [9](page-9.md) {current}"
    )
    assert "[12](page-12.md) … [20](page-20.md) · [← previous](page-9.md)" in pager


@pytest.fixture(scope="module")
def small_pages(synthetic: tuple[Briefing, ...]) -> dict[str, str]:
    """The synthetic corpus's pages with views of `LIMIT` entries a page (the matrix and the
    timeline split by year, as on a large corpus)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagination, "PAGE_ENTRIES", LIMIT)
        patch.setattr(matrix, "PAGE_ROWS", 1)  # year pages, as a large corpus has
        patch.setattr(timeline, "PAGE_ENTRIES", 1)
        return generate_pages(synthetic)


@pytest.fixture(scope="module")
def whole_pages(synthetic: tuple[Briefing, ...]) -> dict[str, str]:
    """The same pages with every view on one page."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagination, "PAGE_ENTRIES", 10**9)
        patch.setattr(matrix, "PAGE_ROWS", 1)  # year pages, as a large corpus has
        patch.setattr(timeline, "PAGE_ENTRIES", 1)
        return generate_pages(synthetic)


def continuations(pages: dict[str, str]) -> dict[str, list[str]]:
    """First page -> its further pages, in order."""
    found: dict[str, list[str]] = {}
    for path in pages:
        m = re.fullmatch(r"(.+)/page-(\d+)\.md", path)
        if m:
            found.setdefault(f"{m[1]}.md", []).append(path)
    return {k: sorted(v, key=lambda p: int(p.rsplit("-", 1)[1][:-3])) for k, v in found.items()}


def entries(page: str, text: str) -> list[str]:
    """The list items and table rows of a page, each link made absolute (so that a line
    reads the same on any page), without the tables' header lines; a source's line is one
    entry per briefing citing it."""
    lines = text.splitlines()
    out = []
    for n, line in enumerate(lines):
        header = line.startswith("|") and n + 1 < len(lines) and lines[n + 1].startswith("|-")
        if not line.startswith(("- ", "| ", "    - ")) or header:
            continue
        line = INTERNAL_LINK.sub(lambda m: "](/" + "#".join(resolve(page, m[1])) + ")", line)
        target, cited, names = line.partition(" — cited by ")
        if cited:  # a source's line: one entry per briefing citing it
            out += [f"{target}{cited}{n}" for n in re.findall(r"\[[^\]]*\]\([^)]*\)", names)]
        else:
            out.append(line)
    return out


def test_long_views_are_cut_and_show_every_entry_once(
    small_pages: dict[str, str], whole_pages: dict[str, str]
) -> None:
    cut = continuations(small_pages)
    # Every kind of long view is cut at this size.
    for first in ("briefings/index.md", "sources.md"):
        assert first in cut, first
    assert any(p.startswith("actors/") for p in cut)
    for view in ("actors/", "proposals/", "demands/", "timeline/"):
        assert any(p.startswith(view) for p in cut), view
    assert not continuations(whole_pages)
    assert set(whole_pages) == set(small_pages) - {p for ps in cut.values() for p in ps}
    for first, more in cut.items():
        together = [e for p in [first, *more] for e in entries(p, small_pages[p])]
        assert together == entries(first, whole_pages[first]), first
        for number, path in enumerate([first, *more], 1):
            assert f"Page {number} of {len(more) + 1}: " in small_pages[path]


def test_no_page_of_a_cut_view_outgrows_the_limit(small_pages: dict[str, str]) -> None:
    for first, more in continuations(small_pages).items():
        if first.startswith(("actors/", "demands/")):
            continue  # an entry there weighs its items (see the weights test)
        # (the first page of the sources also has the table of domains above the list)
        for path in more if first == "sources.md" else [first, *more]:
            assert len(entries(path, small_pages[path])) <= LIMIT, path


def test_every_link_of_the_cut_views_resolves(small_pages: dict[str, str]) -> None:
    assert assert_links_resolve(small_pages) > len(small_pages)
