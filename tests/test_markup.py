"""Markup: the line-based reader of scraped Markdown, HTML remnants and plain text."""

from __future__ import annotations

import pytest

from build_tools.read.markup import hyphen_break, parse_blocks
from build_tools.records import Block


def one(text: str) -> Block:
    blocks = parse_blocks(text)
    assert len(blocks) == 1, [b.text for b in blocks]
    return blocks[0]


def links(text: str) -> list[tuple[str, str]]:
    return [(link.text, link.href) for b in parse_blocks(text) for link in b.links]


# --- inline ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "text", "found"),
    [
        (
            "See [the plan](https://a.org/p) now.",
            "See the plan now.",
            [("the plan", "https://a.org/p")],
        ),
        (
            'A [titled](https://a.org "The title") link.',
            "A titled link.",
            [("titled", "https://a.org")],
        ),
        (
            "Lost [target](#) and [empty]().",
            "Lost target and empty.",
            [("target", "#"), ("empty", "")],
        ),
        (
            "A [wiki](https://en.wikipedia.org/wiki/Minsk_(city)) page.",
            "A wiki page.",
            [("wiki", "https://en.wikipedia.org/wiki/Minsk_(city)")],
        ),
        (
            "Read [the [draft] text](https://a.org/d).",
            "Read the [draft] text.",
            [("the [draft] text", "https://a.org/d")],
        ),
        (
            "Go [there](<https://a.org/with space>).",
            "Go there.",
            [("there", "https://a.org/with space")],
        ),
        ("[**Bold** anchor](https://a.org)", "Bold anchor", [("Bold anchor", "https://a.org")]),
        (
            "[![Alt text](img.png)](https://a.org/big)",
            "Alt text",
            [("Alt text", "https://a.org/big")],
        ),
        ("![A photo of talks](img.jpg)", "A photo of talks", []),
        (
            "Mail <https://a.org/x> here.",
            "Mail https://a.org/x here.",
            [("https://a.org/x", "https://a.org/x")],
        ),
        (
            "Bare https://a.org/report.pdf, then text.",
            "Bare https://a.org/report.pdf, then text.",
            [("https://a.org/report.pdf", "https://a.org/report.pdf")],
        ),
        (
            "See www.example.org/page.",
            "See www.example.org/page.",
            [("www.example.org/page", "www.example.org/page")],
        ),
        (
            'An <a href="https://a.org/h">HTML anchor</a> too.',
            "An HTML anchor too.",
            [("HTML anchor", "https://a.org/h")],
        ),
        ("<a href='#'>single quotes</a>", "single quotes", [("single quotes", "#")]),
        ("Entities: AT&amp;T &#8211; &quot;ok&quot;", 'Entities: AT&T – "ok"', []),
        (r"Escaped \*stars\* and \[brackets\]", "Escaped *stars* and [brackets]", []),
        ("snake_case_name and file_name stay", "snake_case_name and file_name stay", []),
        ("5 * 3 = 15 and a lone * star", "5 * 3 = 15 and a lone * star", []),
        ("`code [not](a link)` here", "code [not](a link) here", []),
        ("A <angle> word and x < y", "A <angle> word and x < y", []),
        ("Before<script>alert(1)</script>after", "Before after", []),
        ("Kept <!-- a comment --> text", "Kept text", []),
        ("An [sic] note", "An [sic] note", []),
        ("Zero\u200bwidth", "Zerowidth", []),
        ("<!DOCTYPE html><title>Page &ndash; Site</title>", "Page – Site", []),
    ],
)
def test_inline(source: str, text: str, found: list[tuple[str, str]]) -> None:
    block = one(source)
    assert block.text == text
    assert [(link.text, link.href) for link in block.links] == found
    for link in block.links:
        assert block.text[link.start : link.end] == link.text


@pytest.mark.parametrize(
    ("source", "marked"),
    [
        ("**A bold line**", True),
        ("*An italic line*", True),
        ("__Underscored bold__", True),
        ("**Read more:** [a headline](#)", False),
        ("A line with **one** bold word", False),
        ("Plain", False),
    ],
)
def test_marked_means_the_whole_line_is_emphasis(source: str, marked: bool) -> None:
    assert one(source).marked is marked


def test_reference_links_full_collapsed_and_shortcut() -> None:
    source = (
        "Use [the text][t], [Docs][] and [shortcut]; [missing][none] stays.\n\n"
        "[t]: https://a.org/t\n[docs]: https://a.org/docs 'Title'\n[Shortcut]: <https://a.org/s>\n"
    )
    block = one(source)
    assert block.text == "Use the text, Docs and shortcut; [missing][none] stays."
    assert [(lk.text, lk.href) for lk in block.links] == [
        ("the text", "https://a.org/t"),
        ("Docs", "https://a.org/docs"),
        ("shortcut", "https://a.org/s"),
    ]


# --- blocks ----------------------------------------------------------------------------------
def test_headings_atx_setext_and_html() -> None:
    blocks = parse_blocks(
        "# Title #\n\nLead text here.\n\nSection\n-------\n\nMore text.\n\n<h3>Third</h3>\n"
    )
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "Title"),
        ("paragraph", 0, "Lead text here."),
        ("heading", 2, "Section"),
        ("paragraph", 0, "More text."),
        ("heading", 3, "Third"),
    ]


def test_a_rule_under_a_sentence_is_a_separator_not_a_heading() -> None:
    blocks = parse_blocks("This is a full sentence of text.\n---\nNext.\n")
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "This is a full sentence of text."),
        ("paragraph", "Next."),
    ]


def test_hashtags_and_thematic_breaks() -> None:
    blocks = parse_blocks("#hashtag is text\n\n* * *\n\n___\n\nEnd.\n")
    assert [b.text for b in blocks] == ["#hashtag is text", "End."]


def test_list_items_are_blocks_of_their_own_and_marked_as_bullets() -> None:
    blocks = parse_blocks(
        "Conditions:\n\n- First item\n  goes on here\n* Second item\n1. Third item\n2) Fourth\n"
    )
    assert [(b.text, b.bullet) for b in blocks] == [
        ("Conditions:", False),
        ("First item goes on here", True),
        ("Second item", True),
        ("Third item", True),
        ("Fourth", True),
    ]


def test_an_indented_bullet_opens_an_item_of_its_own() -> None:
    """A scrape often indents a whole list ("  • Country:" over "  • Egypt"): an indented
    line continues the item above it unless it has a bullet of its own."""
    blocks = parse_blocks("  • Country:\n  • Egypt\n    and the region\n")
    assert [(b.text, b.bullet) for b in blocks] == [
        ("Country:", True),
        ("Egypt and the region", True),
    ]


def test_quotes_fences_and_indentation_are_text() -> None:
    blocks = parse_blocks(
        "> A quoted\n> statement.\n\n```\nFenced line one.\n\nFenced line two.\n```\n\n"
        "    Indented, not code.\n"
    )
    assert [b.text for b in blocks] == [
        "A quoted statement.",
        "Fenced line one.",
        "Fenced line two.",
        "Indented, not code.",
    ]


def test_front_matter_gives_one_block_per_field() -> None:
    blocks = parse_blocks("---\ntitle: A Title\nauthor: Jane Roe\n---\n\nBody text.\n")
    assert [(b.text, b.line) for b in blocks] == [
        ("title: A Title", 2),
        ("author: Jane Roe", 3),
        ("Body text.", 6),
    ]


def test_a_rule_at_the_top_without_fields_is_not_front_matter() -> None:
    assert [b.text for b in parse_blocks("---\nJust a line\n---\n")] == ["Just a line"]


def test_line_numbers_and_raw_lines() -> None:
    text = "# Title\n\nFirst paragraph\ngoes on here.\n\n**Bold line**\n"
    blocks = parse_blocks(text)
    assert [(b.line, b.raw) for b in blocks] == [
        (1, "# Title"),
        (3, "First paragraph\ngoes on here."),
        (6, "**Bold line**"),
    ]


# --- which lines are one paragraph -------------------------------------------------------------
def test_plain_text_with_one_paragraph_per_line() -> None:
    text = (
        "Why the Talks Stalled\n"
        "The first round ended without a statement. Both sides blamed the other.\n"
        "The second round never started, and the mediators went home\n"
        "without a date for the next meeting.\n"
        "Nobody expects a third round before the spring.\n"
    )
    assert [b.text for b in parse_blocks(text)] == [
        "Why the Talks Stalled",
        "The first round ended without a statement. Both sides blamed the other.",
        "The second round never started, and the mediators went home without a date for the "
        "next meeting.",
        "Nobody expects a third round before the spring.",
    ]


def test_a_line_cut_on_a_function_word_goes_on_even_before_a_capital() -> None:
    text = (
        "The envoys flew home on Friday after three days of talks that went nowhere, and with\n"
        "Turkish hosts still hoping for a fourth round.\n"
        "That hope is fading.\n"
    )
    assert [b.text for b in parse_blocks(text)] == [
        "The envoys flew home on Friday after three days of talks that went nowhere, and with "
        "Turkish hosts still hoping for a fourth round.",
        "That hope is fading.",
    ]


def test_hard_wrapped_text_is_joined_and_split_at_short_lines() -> None:
    text = (
        "Negotiators from both sides met in Geneva this week for a round of talks\n"
        "that neither government wanted to call formal. The agenda was short and\n"
        "the statements afterwards shorter still.\n"
        "A narrow agenda\n"
        "Only prisoner exchanges and the safety of the nuclear plant were on the\n"
        "table, which both sides described as humanitarian rather than political\n"
        "questions.\n"
    )
    assert [b.text for b in parse_blocks(text)] == [
        "Negotiators from both sides met in Geneva this week for a round of talks that neither "
        "government wanted to call formal. The agenda was short and the statements afterwards "
        "shorter still.",
        "A narrow agenda",
        "Only prisoner exchanges and the safety of the nuclear plant were on the table, which "
        "both sides described as humanitarian rather than political questions.",
    ]


def test_lines_that_end_sentences_are_not_taken_for_wrapping() -> None:
    line = "Each of these lines is a whole paragraph of about the same length here."
    assert len(parse_blocks("\n".join([line] * 5))) == 5


def test_a_heading_with_no_text_left_gives_no_block() -> None:
    assert [b.text for b in parse_blocks("# <script>x()</script>\n\nText.\n")] == ["Text."]


def test_a_line_left_empty_by_a_tag_separates_paragraphs() -> None:
    blocks = parse_blocks("A first paragraph ends here.\n</div>\nA second one starts.\n")
    assert [b.text for b in blocks] == ["A first paragraph ends here.", "A second one starts."]


def test_a_link_cut_by_a_paragraph_break_keeps_its_first_part() -> None:
    blocks = parse_blocks("Read [the report.\nIt says](#) more.\n")
    assert [(b.text, [(lk.text, lk.start) for lk in b.links]) for b in blocks] == [
        ("Read the report.", [("the report.", 5)]),
        ("It says more.", []),
    ]


# --- PDF text: hyphenated line ends, numbered heads, broken titles -----------------------------
@pytest.mark.parametrize(
    ("before", "after", "cut"),
    [
        ("talks between the two govern-", "ments broke down", 2),  # a word split: closed up
        ("the pro-", "Western camp", 1),  # a capital after the break: a real hyphen
        ("a long-", "term guarantee", 1),  # a first half that usually takes a hyphen
        ("the ceasefire-", "based approach", 1),  # a second half that usually follows one
        ("from 2014 -", "the year of Minsk", 0),  # a dash with spaces, not a hyphen
        ("an ordinary line", "goes on", 0),
    ],
)
def test_hyphen_break(before: str, after: str, cut: int) -> None:
    assert hyphen_break(before, after) == cut


def test_hyphenated_line_ends_are_closed_up_and_links_keep_their_place() -> None:
    text = (
        "Observers from several capitals said the negoti-\n"
        "ations had stalled over the [pro-\n"
        "Kremlin](https://a.org/p) demands and the cross-\n"
        "border corridors.\n"
    )
    (block,) = parse_blocks(text)
    assert block.text == (
        "Observers from several capitals said the negotiations had stalled over the "
        "pro-Kremlin demands and the cross-border corridors."
    )
    (link,) = block.links
    assert block.text[link.start : link.end] == "pro-Kremlin"


def test_numbered_heads_in_capitals_are_headings_not_list_items() -> None:
    blocks = parse_blocks("1. WHERE THINGS STAND\n\nText.\n\nII. THE OPTIONS\nMore.\n\n1. NATO\n")
    assert [(b.kind, b.text, b.bullet) for b in blocks] == [
        ("heading", "1. WHERE THINGS STAND", False),
        ("paragraph", "Text.", False),
        ("heading", "II. THE OPTIONS", False),
        ("paragraph", "More.", False),
        ("paragraph", "NATO", True),  # one short word: an item
    ]


def test_html_list_items_are_bullets() -> None:
    blocks = parse_blocks(
        "<ul>\n<li>Moscow wants the bank reconnected</li>\n<li>Kyiv wants escorts</li>\n</ul>\n"
    )
    assert [(b.text, b.bullet) for b in blocks] == [
        ("Moscow wants the bank reconnected", True),
        ("Kyiv wants escorts", True),
    ]


def test_a_title_broken_after_a_small_word_is_one_line() -> None:
    text = (
        "Why the Grain Corridor Matters More for\nthe Talks Than the Front\n"
        "Lessons From the Armistice Talks of\nKorea and Cyprus\n"
        "What Europe Owes Kyiv and What It Can Pay For\nBy Jane Roe\n"
    )
    assert [b.text for b in parse_blocks(text)] == [
        "Why the Grain Corridor Matters More for the Talks Than the Front",
        "Lessons From the Armistice Talks of Korea and Cyprus",
        "What Europe Owes Kyiv and What It Can Pay For",
        "By Jane Roe",
    ]
