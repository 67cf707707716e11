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
    assert "Moscow wants a neutral Ukraine.\n{: #p-1 style=\"--p: '1'\" }" in page
    assert "### What next { #h-1 }" in page


def test_body_link_kept_when_safe() -> None:
    page = render_briefing(briefing())
    assert "See [the report](<https://example.org/r>) for details." in page


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
    assert "*(the author's proposal, edited by hand)*" in page


def test_author_is_a_party_named_by_the_byline_linked_to_their_page() -> None:
    item = Item("proposal", "author", "talks", "We propose talks.", "p-1", "endorsed")
    page = render_briefing(briefing(proposals=(item,)))
    assert "### [Ann Writer](../actors/by-ann-writer.md) (the author)" in page
    assert "**Author:** [Ann Writer](../actors/by-ann-writer.md)" in page
    assert "endorsed" not in page
    unnamed = render_briefing(briefing(proposals=(item,), meta=Metadata(title="A title")))
    assert "### The author (not named)" in unnamed


def test_stance_is_shown_only_where_it_says_something() -> None:
    items = tuple(
        Item("proposal", "NATO", f"plan {stance}", "NATO proposes a plan.", "p-1", stance)
        for stance in ("reported", "endorsed", "criticised", None)
    )
    page = render_briefing(briefing(proposals=items))
    assert "*(endorsed by the author)*" in page
    assert "*(criticised by the author)*" in page
    assert "(reported" not in page
    assert page.count("**plan None**") == 1 and "**plan None** —" in page


def test_lost_targets_are_one_line_naming_them_with_the_sidecar_fix() -> None:
    lost = tuple(
        Link(f"lost {n}", "#", "inline", "The same sentence.", True, "p-1") for n in range(5)
    )
    page = render_briefing(briefing(links=lost))
    links = page.split("## Links")[1].split("## Full text")[0]
    assert f"**5 of 5 links, {LOST_TARGET}:**" in links
    assert "links 1 “lost 0”, 2 “lost 1”, 3 “lost 2”, 4 “lost 3”, 5 “lost 4”" in links
    assert "`a.yml`" in links and "`links:`" in links
    assert "The same sentence" not in links  # no sentence repeated per lost link


def test_links_are_listed_once_per_sentence_with_their_context() -> None:
    sentence = "See the report and the annex."
    links = (
        Link("the report", "https://example.org/r", "inline", sentence, False, "p-2"),
        Link("the annex", "https://example.net/a", "inline", sentence, False, "p-2"),
        Link("credit.example", "https://credit.example", "caption", "credit.example", False),
    )
    page = render_briefing(briefing(links=links))
    section = page.split("## Links")[1].split("## Full text")[0]
    assert section.count("See the report and the annex") == 1
    assert "- See the report and the annex. — [¶ 2](#p-2)" in section
    assert "    - [the report](<https://example.org/r>) — example.org · link 1" in section
    assert "    - [the annex](<https://example.net/a>) — example.net · link 2" in section
    # A link that is its whole line is listed alone, with where it stood.
    assert "- [credit.example](<https://credit.example>) · link 3 — *caption*" in section


def test_meta_description_is_cut_between_words() -> None:
    summary = "word " * 100
    page = render_briefing(briefing(summary=summary))
    description = page.split("description: ")[1].split("\n")[0]
    assert description.endswith('word…"') and len(description) <= 303


def test_full_text_numbers_paragraphs_in_a_wrapper_and_related_reading_is_labelled() -> None:
    page = render_briefing(briefing(related=("Other headline",)))
    assert '<div class="full-text" markdown>' in page
    assert "## Related reading on the source site" in page
    assert "not this site's recommendations" in page
