"""The hidden block of a briefing's search filters and date (render/search_fields.py), as
Python-Markdown renders it and as Pagefind reads it."""

from __future__ import annotations

import re

import markdown

from build_tools.records import Briefing, Item, Metadata, Paragraph
from build_tools.render.search_fields import render_search_fields, search_filters


def briefing(**changes: object) -> Briefing:
    fields: dict[str, object] = {
        "source": "a.txt",
        "slug": "a-title",
        "meta": Metadata(
            title="A title", authors=("Ann Writer",), date="2024-01-02", publication="The Review"
        ),
        "summary": "",
        "body": (Paragraph("p-1", "Moscow wants a neutral Ukraine.", 3),),
        "demands": (
            Item("demand", "Russia", "a neutral Ukraine", "Moscow wants it.", "p-1"),
            Item("demand", "Russia", "no NATO bases", "Moscow wants it.", "p-1"),
        ),
        "proposals": (
            Item("proposal", "author", "talks", "We should talk.", "p-1"),
            Item("proposal", "United  States", "a ceasefire", "Washington proposes.", "p-1"),
        ),
        "links": (),
        "topics": ("Ceasefire", "NATO membership"),
    }
    fields.update(changes)
    return Briefing(**fields)  # type: ignore[arg-type]


def test_filters_are_parties_topics_publication_and_year() -> None:
    assert search_filters(briefing()) == [
        ("party", "Russia"),
        ("party", "United States"),
        ("topic", "Ceasefire"),
        ("topic", "NATO membership"),
        ("publication", "The Review"),
        ("year", "2024"),
    ]


def test_an_undated_briefing_without_publication_has_neither_filter() -> None:
    b = briefing(meta=Metadata(title="A title"), demands=(), proposals=(), topics=())
    assert search_filters(b) == []
    assert "data-pagefind-meta" not in render_search_fields(b)


def test_the_block_is_hidden_ignored_for_words_and_holds_each_value() -> None:
    html = markdown.markdown(f"# A title\n\n{render_search_fields(briefing())}")
    block = re.search(r"<div [^>]*>.*?</div>", html, re.S)
    assert block is not None
    assert "hidden" in block.group(0).split(">")[0]
    assert "data-pagefind-ignore" in block.group(0).split(">")[0]
    assert '<span data-pagefind-filter="party">United States</span>' in html
    assert '<span data-pagefind-meta="date">2024-01-02</span>' in html


def test_hostile_values_are_escaped() -> None:
    payload = '<script>alert(1)</script>"onmouseover="x'
    b = briefing(meta=Metadata(title="T", date="2024-01-02", publication=payload))
    block = render_search_fields(b)
    assert "<script>" not in block
    assert '"onmouseover' not in block
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=&quot;x" in block
