"""The briefing page's Markdown, section by section, from hand-made records."""

from __future__ import annotations

from build_tools.records import Briefing, Item, Link, Metadata, Paragraph, RawLink
from build_tools.render.rendering import LOST_TARGET, UNSAFE_TARGET, render_briefing


def briefing(**changes: object) -> Briefing:
    body = (
        Paragraph("p-1", "Moscow wants a neutral Ukraine.", 3),
        Paragraph("h-1", "What next", 5, heading=True, level=2),
        Paragraph(
            "p-2",
            "See the report for details.",
            7,
            links=(RawLink("the report", "https://example.org/r", 4, 14),),
        ),
    )
    fields: dict[str, object] = {
        "source": "a.txt",
        "slug": "a-title",
        "meta": Metadata(title="A title", authors=("Ann Writer",), date="2024-01-02"),
        "summary": "Moscow wants a neutral Ukraine.",
        "body": body,
        "demands": (
            Item("demand", "Russia", "a neutral Ukraine", "Moscow wants a neutral Ukraine.", "p-1"),
        ),
        "proposals": (),
        "links": (
            Link("the report", "https://example.org/r", "inline", "See the report.", False, "p-2"),
            Link("lost", "#", "inline", "A lost one.", True, "p-2"),
            Link("bad", "javascript:alert(1)", "inline", "Bad.", False, "p-2"),
        ),
    }
    fields.update(changes)
    return Briefing(**fields)  # type: ignore[arg-type]


def test_sections_in_reading_order() -> None:
    page = render_briefing(briefing())
    order = ["# A title", "## Key demands", "## Proposals", "## Links", "## Full text"]
    positions = [page.index(h) for h in order]
    assert positions == sorted(positions)


def test_demand_shows_party_phrase_evidence_and_paragraph_link() -> None:
    page = render_briefing(briefing())
    assert "### Russia" in page
    assert "**a neutral Ukraine**" in page
    assert "[¶ 1](#p-1)" in page
    assert '??? quote "Source sentence"' in page


def test_paragraph_anchors_and_heading_anchor() -> None:
    page = render_briefing(briefing())
    assert "Moscow wants a neutral Ukraine\\.\n{: #p-1 }" in page
    assert "### What next { #h-1 }" in page


def test_body_link_kept_when_safe() -> None:
    page = render_briefing(briefing())
    assert "See [the report](<https://example.org/r>) for details\\." in page


def test_lost_and_unsafe_targets_are_not_links() -> None:
    page = render_briefing(briefing())
    assert LOST_TARGET in page
    assert UNSAFE_TARGET in page
    assert "javascript:" not in page.replace("javascript:alert", "")
    assert "](<javascript" not in page and "](#)" not in page


def test_empty_sections_say_so() -> None:
    page = render_briefing(briefing(demands=(), links=()))
    assert "No demands found in this article" in page
    assert "The source keeps no hyperlinks" in page


def test_edited_item_is_marked() -> None:
    item = Item("proposal", "author", "talks", "We propose talks.", "p-1", "endorsed", edited=True)
    page = render_briefing(briefing(proposals=(item,)))
    assert "*(endorsed, edited by hand)*" in page
