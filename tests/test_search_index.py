"""Pagefind's index of a built site (build_tools/search.py): which pages, which of their
words, and its errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest

from build_tools.errors import BriefingError
from build_tools.records import Briefing, Item, Link, Metadata, Paragraph, RawLink
from build_tools.render.rendering import render_briefing
from build_tools.render.search_fields import render_search_fields
from build_tools.render.views.related import Relation, render_related
from build_tools.search import (
    BUNDLE,
    PARTS_FILE,
    VOCABULARY,
    VOCABULARY_FILTER,
    briefing_pages_glob,
    index_site,
    main,
    newest_first,
)
from tests.pagefind_index import fragments


def test_the_glob_names_the_briefing_pages_under_the_plugins_path() -> None:
    assert briefing_pages_glob() == "briefings/*/index.html"
    assert briefing_pages_glob("news/") == "news/briefings/*/index.html"
    assert briefing_pages_glob("a/b", directory_urls=False) == "a/b/briefings/*.html"


def page(title: str, words: str) -> str:
    return (
        '<html lang="en"><body><nav>Navigation words</nav>'
        f'<article class="md-content__inner"><h1>{title}<a class="headerlink">¶</a></h1>'
        f'<div class="admonition">summary words</div><p>{words}</p></article></body></html>'
    )


def test_only_the_briefing_pages_articles_are_indexed(tmp_path: Path) -> None:
    for path, title in [("briefings/a/index.html", "A"), ("actors/b/index.html", "B")]:
        (tmp_path / path).parent.mkdir(parents=True)
        (tmp_path / path).write_text(page(title, "quillwort talks"), encoding="utf-8")
    (tmp_path / BUNDLE / "stale").mkdir(parents=True)
    index = index_site(tmp_path)
    assert index.pages == 1
    assert index.folder == tmp_path / BUNDLE
    assert (tmp_path / BUNDLE / "pagefind.js").is_file()
    assert not (tmp_path / BUNDLE / "stale").exists()  # an index there before is replaced


def test_a_large_site_is_indexed_in_parts_of_nearly_equal_size(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in "abcde":
        path = site / "briefings" / name / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(page(name.upper(), f"quillwort {name}word"), encoding="utf-8")
    index = index_site(site, part_pages=2)
    assert (index.pages, index.parts) == (5, 3)
    listed = json.loads((site / BUNDLE / PARTS_FILE).read_text(encoding="utf-8"))
    assert listed == {
        "parts": ["parts/2/", "parts/3/"],
        "pages": [1, 2, 2],
        "not": dict([VOCABULARY_FILTER]),
    }
    records = [
        fragments(site, bundle) for bundle in [BUNDLE, f"{BUNDLE}/parts/2", f"{BUNDLE}/parts/3"]
    ]
    vocabulary = f"/briefings/{VOCABULARY}/"
    urls = [[r["url"] for r in part if r["url"] != vocabulary] for part in records]
    assert [len(u) for u in urls] == [1, 2, 2]
    every = sorted(url for part in urls for url in part)
    assert every == [f"/briefings/{name}/" for name in "abcde"]  # each page once
    # Each part also holds the words of the other parts that its own pages lack, on a page
    # its filter leaves out of every search: a word of another part's pages is no cause for
    # Pagefind to fall back to a shorter word ("quillwort" to "q") in this one, and a word
    # every part has ("quillwort") is not added.
    for part, own in zip(records, ["a", "bc", "de"], strict=True):
        (extra,) = [r for r in part if r["url"] == vocabulary]
        assert extra["filters"] == {VOCABULARY_FILTER[0]: [VOCABULARY_FILTER[1]]}
        added = set(re.findall(r"\w+", extra["content"]))
        assert {f"{name}word" for name in "abcde" if name not in own} <= added
        assert not added & {"quillwort", *(f"{name}word" for name in own)}
    # Only the first bundle has Pagefind's script and WebAssembly, which search every part.
    assert (site / BUNDLE / "pagefind.js").is_file()
    assert (
        sorted(p.name for p in (site / BUNDLE / "parts" / "2").iterdir() if p.is_file())[0]
        == "pagefind-entry.json"
    )
    assert not list((site / BUNDLE / "parts" / "2").glob("*.js"))
    assert not list((site / BUNDLE / "parts" / "2").glob("wasm.*"))
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left
    # Indexed again in one run: one bundle, and no parts listed.
    assert index_site(site).parts == 1
    assert not (site / BUNDLE / "parts").exists()
    listed = json.loads((site / BUNDLE / PARTS_FILE).read_text(encoding="utf-8"))
    assert listed == {"parts": [], "pages": [5]}


def test_index_chunks_hold_a_quarter_of_pagefinds_default_word_places(tmp_path: Path) -> None:
    """A query downloads the whole chunk of each of its words (`search.INDEX_CHUNK_SIZE`):
    6,000 places of two words fill more than one chunk of 5,000, but not one of Pagefind's
    default 20,000. Fails if Pagefind stops reading the environment variable."""
    path = tmp_path / "briefings" / "a" / "index.html"
    path.parent.mkdir(parents=True)
    path.write_text(page("A", "alpha " * 3000 + "beta " * 3000 + "gamma"), encoding="utf-8")
    index_site(tmp_path)
    assert len(list((tmp_path / BUNDLE / "index").glob("*.pf_index"))) == 2


def dated_page(title: str, date: str) -> str:
    fields = f'<div hidden data-pagefind-ignore><span data-pagefind-meta="date">{date}</span></div>'
    return page(title, "quillwort").replace("</article>", f"{fields}</article>")


def test_the_parts_hold_the_newest_briefings_first(tmp_path: Path) -> None:
    """The search script searches the first part alone until it has too few results, so the
    first part is the newest briefings, the last the oldest and those without a date."""
    site = tmp_path / "site"
    dates = {"a": "2023-01-05", "b": "", "c": "2025-07-01", "d": "2024-11", "e": "2025-07-01"}
    for name, date in dates.items():
        path = site / "briefings" / name / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(dated_page(name.upper(), date) if date else page(name, "x"), "utf-8")
    pages = sorted(site.glob("briefings/*/index.html"))
    assert [p.parent.name for p in newest_first(pages)] == ["c", "e", "d", "a", "b"]
    index_site(site, part_pages=2)
    records = [
        fragments(site, bundle) for bundle in [BUNDLE, f"{BUNDLE}/parts/2", f"{BUNDLE}/parts/3"]
    ]
    urls = [sorted(r["url"] for r in part if VOCABULARY not in r["url"]) for part in records]
    assert urls == [
        ["/briefings/c/"],
        ["/briefings/d/", "/briefings/e/"],
        ["/briefings/a/", "/briefings/b/"],
    ]


def test_a_failed_part_names_the_site_and_leaves_no_staging_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import build_tools.search as search

    site = tmp_path / "site"
    for name in "abc":
        path = site / "briefings" / name / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(page(name.upper(), "quillwort"), encoding="utf-8")
    monkeypatch.setattr(search, "pagefind_executable", lambda: Path("/bin/false"))
    with pytest.raises(BriefingError, match="pagefind failed") as raised:
        index_site(site, part_pages=2)
    assert raised.value.path == str(site)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_site_without_briefing_pages_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match="pagefind failed") as raised:
        index_site(tmp_path)
    assert raised.value.path == str(tmp_path)


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert capsys.readouterr().err.startswith("usage: python -m build_tools.search SITE_DIR")
    assert main([str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {tmp_path}: pagefind failed")


# What a briefing page gives the index: its own words, each place once.

SITE_EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "pymdownx.details", "tables"]


def briefing_page_html(b: Briefing, related: list[Relation]) -> str:
    """The page as the site builds it: the briefing's Markdown, its search fields and its
    related briefings (build_tools/render/parts.py, views/related.py) in Material's article."""
    text = f"{render_briefing(b)}\n\n{render_search_fields(b)}\n\n{render_related(b, related)}"
    body = markdown.markdown(text.split("\n---\n", 1)[1], extensions=SITE_EXTENSIONS)
    return (
        '<html lang="en"><body><article class="md-content__inner md-typeset">'
        f"{body}</article></body></html>"
    )


def test_a_briefing_page_indexes_its_own_words_once(tmp_path: Path) -> None:
    sentence = "Moscow wants a neutral Ukraine, said the envoy Quentin Marsh."
    b = Briefing(
        source="plan.txt",
        slug="the-quillwort-plan",
        meta=Metadata(
            title="The quillwort plan",
            authors=("Ann Writer",),
            date="2024-01-02",
            publication="The Review",
            url="https://example.org/zebrafinch",
        ),
        summary=sentence,
        body=(
            Paragraph("h-1", "Where the talks stand", 1, heading=True, level=1),
            Paragraph("p-1", sentence, 2, links=(RawLink("the envoy", "https://x.org/y", 32, 41),)),
        ),
        demands=(Item("demand", "Russia", "a neutral Ukraine", sentence, "p-1"),),
        proposals=(Item("proposal", "Lower Saxony", "a neutral Ukraine", sentence, "p-1"),),
        links=(Link("the envoy", "https://x.org/y", "inline", sentence, False, "p-1"),),
        topics=("Neutrality",),
    )
    other = Briefing(
        source="o.txt",
        slug="other",
        meta=Metadata(title="The marmoset memo"),
        summary="",
        body=(),
        demands=(),
        proposals=(),
        links=(),
        topics=(),
    )
    page = tmp_path / "briefings" / b.slug / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(briefing_page_html(b, [Relation(other, ("Russia",), 1.0)]), "utf-8")
    index_site(tmp_path)
    (record,) = fragments(tmp_path)
    content = record["content"]
    for kept in [
        "The quillwort plan",
        "Ann Writer",
        "The Review",
        "Russia",
        "Lower Saxony",
        "Where the talks stand",
    ]:
        assert kept in content
    assert content.count("Moscow wants a neutral Ukraine") == 1  # the full text's, alone
    for left_out in [
        "marmoset",
        "zebrafinch",
        "plan.txt",
        "Key demands",
        "Full text",
        "Author:",
        "Source sentence",
        "\u00b6",
    ]:
        assert left_out not in content
    assert record["meta"] == {"title": "The quillwort plan", "date": "2024-01-02"}
    assert record["filters"]["party"] == ["Russia", "Lower Saxony"]


def test_the_full_text_is_paragraphs_and_low_headings_only() -> None:
    """The index leaves out every list and h2 (search.EXCLUDED); none may be full text."""
    headings = [
        Paragraph(f"h-{level}", f"Heading {level}", level, heading=True, level=level)
        for level in range(1, 7)
    ]
    body = (
        *headings,
        Paragraph("p-1", "- a line that looks like a list item", 7, list_item=True),
        Paragraph("p-2", "1. another one", 8, list_item=True),
    )
    b = Briefing(
        source="a.txt",
        slug="a",
        meta=Metadata(title="A"),
        summary="",
        body=body,
        demands=(),
        proposals=(),
        links=(),
        topics=(),
    )
    html = markdown.markdown(render_briefing(b).split("\n---\n", 1)[1], extensions=SITE_EXTENSIONS)
    full_text = html.split('<div class="full-text">', 1)[1]
    assert full_text.count("<p ") + full_text.count("<h") >= 8
    assert not re.search(r"<(ul|ol|li|h2)\b", full_text), full_text
