"""Property-based tests (hypothesis): the pipeline on arbitrary text and Markdown.

For any input the cleaner, the extractor and the renderer raise nothing but `BriefingError`,
and the invariants hold: every link of the source is in the link list, every body word comes
from the source, paragraph anchors are unique, and `markdown_text.escape` renders as exactly
its input. Example counts stay small so the suite stays fast; the runs are derandomized and
save nothing unless `HYPOTHESIS_RANDOM=1` is set (see below), so a failure is reproducible
and a checkout's results never depend on what an earlier run saved.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from build_tools.briefing import make_briefing
from build_tools.errors import BriefingError
from build_tools.read.inline import drop_invisible
from build_tools.read.reading import decode_seed
from build_tools.records import Briefing
from build_tools.render.markdown_text import escape, link, table_cell
from build_tools.render.rendering import render_briefing
from tests.test_bad_input import (
    assert_no_markup_from_seed,
    page_html,
    parse_html,
    site_markdown,
    visible_text,
)

pytestmark = pytest.mark.redteam

# Derandomised by default (`make test`, CI): the same examples every run, none saved, so a
# run's result depends on the code alone. `HYPOTHESIS_RANDOM=1` explores new examples and
# keeps the failing ones in `.hypothesis/` (which git ignores) to replay them; never in CI.
RANDOM = os.environ.get("HYPOTHESIS_RANDOM") == "1" and not os.environ.get("CI")
settings.register_profile(
    "briefings",
    max_examples=60,
    deadline=None,
    derandomize=not RANDOM,
    database=settings.default.database if RANDOM else None,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = settings.get_profile("briefings")

WORDS = ["Russia", "Ukraine", "demands", "should", "talks", "the", "NATO", "ceasefire", "said"]
SYNTAX = [
    "#", "##", "---", "***", "!!!", "???", "{{", "}}", "{%", "%}", "{:", "}", "|", "[", "]",
    "(", ")", "*", "_", "`", "<", ">", "&", "&amp;", "<script>", "</div>", "\\", "1.", "-",
    "+", "=", ":", "\"", "'", "!", "?", ".", ",", "https://example.org/x", "[^1]:", "*[A]:",
    "<!--", "-->", "    ", "\t", "é", "🙂", "Ж", "ع", "??? note", "???+ quote \"x\"", "!!! note",
    "&#60;", "&copy;", "=== \"Tab\"", ":smile:", "~~~", "```", "\u2028", "\xa0",
]  # fmt: skip
TOKEN = st.one_of(st.sampled_from(WORDS), st.sampled_from(SYNTAX), st.text(max_size=4))
LINE = st.lists(TOKEN, max_size=14).map(" ".join)
ASCII_WORD = re.compile(r"[A-Za-z0-9]+")


@st.composite
def seed_with_links(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Markdown-ish seed text with numbered links, and the hrefs it holds."""
    hrefs: list[str] = []
    paragraphs = []
    for _ in range(draw(st.integers(1, 6))):
        parts = []
        for _ in range(draw(st.integers(1, 4))):
            parts.append(
                draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join))
            )
            if draw(st.booleans()):
                href = draw(
                    st.sampled_from(["https://example.org/a", "#", "", "http://x.test/p?q=1"])
                )
                href = f"{href}{len(hrefs)}" if href.startswith("http") else href
                anchor = draw(
                    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
                )
                parts.append(f"[{anchor}]({href})")
                hrefs.append(href)
        end = draw(st.sampled_from([".", "", "?", ","]))
        paragraphs.append(" ".join(parts) + end)
    title = draw(st.sampled_from(["# A Title\n\n", "", "Title Line\n\n"]))
    separator = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n"]))
    return title + separator.join(paragraphs) + "\n", hrefs


def briefing_of(text: str) -> tuple[str, Briefing] | None:
    """The decoded text and briefing of `text`, or None when reading refuses it."""
    try:
        source = decode_seed(text.encode("utf-8"), "prop.txt")
        return source.text, make_briefing(source)
    except BriefingError:
        return None


def assert_invariants(source: str, b: Briefing) -> None:
    anchors = [p.anchor for p in b.body]
    assert len(anchors) == len(set(anchors))
    # The reader drops soft hyphens and zero-width characters (they split words for
    # nothing): "0\xadA" reads "0A", a word of the source once they are gone.
    source_words = set(ASCII_WORD.findall(source)) | set(ASCII_WORD.findall(drop_invisible(source)))
    for p in b.body:
        assert set(ASCII_WORD.findall(p.text)) <= source_words, p.text
        for lk in p.links:
            assert 0 <= lk.start <= lk.end <= len(p.text)
    for item in (*b.demands, *b.proposals):
        assert item.paragraph in anchors


@PROFILE
@given(st.lists(LINE, max_size=12).map(lambda lines: "\n".join(lines)))
def test_arbitrary_text_gives_a_briefing_or_a_briefing_error(text: str) -> None:
    made = briefing_of(text)
    if made is None:
        return
    decoded, b = made
    assert_invariants(decoded, b)
    parsed = parse_html(page_html(render_briefing(b)))
    assert_no_markup_from_seed(parsed)


@PROFILE
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
@example("0\xadA")  # issue 15: a soft hyphen joins the words around it
def test_any_unicode_text(text: str) -> None:
    made = briefing_of(text)
    if made is not None:
        decoded, b = made
        assert_invariants(decoded, b)
        assert render_briefing(b).startswith("---\n")


@PROFILE
@given(seed_with_links())
def test_every_link_of_the_source_is_listed(case: tuple[str, list[str]]) -> None:
    text, hrefs = case
    made = briefing_of(text)
    assert made is not None
    decoded, b = made
    assert_invariants(decoded, b)
    listed = [lk.href for lk in b.links]
    for href in set(hrefs):
        assert listed.count(href) == hrefs.count(href), (href, listed)


MD = site_markdown()
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')


def to_html(markdown_text: str) -> str:
    """Rendered as the site renders it, headings' permalinks (¶) left out."""
    return HEADERLINK.sub("", MD.reset().convert(markdown_text))


def rendered_text(markdown_text: str) -> str:
    return visible_text(parse_html(to_html(markdown_text))).strip()


# Reading drops control characters, so seed text never holds them; surrogates are not text.
PLAIN = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)
MIXED = st.lists(st.one_of(st.sampled_from(SYNTAX), PLAIN), max_size=10).map("".join)


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@PROFILE
@given(MIXED)
def test_escape_renders_as_its_input(text: str) -> None:
    """In a paragraph, a heading, a list item and a table cell."""
    expected = normalized(text)
    escaped = escape(text)
    assert "\n" not in escaped
    assert rendered_text(escaped) == expected
    assert rendered_text(f"### {escaped}") == expected
    assert rendered_text(f"- **{escaped}**") == expected
    # '.', '-' and '+' are escaped only at the start: at a line's start, and after a marker.
    assert rendered_text(f"- {escaped}") == expected
    assert rendered_text(f"1. x\n\n    {escaped}") == normalized(f"x {text}")
    # '(' and ')' are never escaped: no text makes a link of its own or ends a label.
    label = normalized(f"x {expected or 'https://example.org/a'} y")
    assert rendered_text(f"x {link(text, 'https://example.org/a')} y") == label
    cell = rendered_text(f"| a | b |\n|---|---|\n| x | {table_cell(text)} |")
    assert cell == normalized(f"a b x {expected}")


@PROFILE
@given(MIXED)
def test_escaped_text_makes_no_markup(text: str) -> None:
    parsed = parse_html(to_html(f"{escape(text)}\n\n### {escape(text)}"))
    assert parsed.tags <= {"p", "h3"}, parsed.tags
    assert {name for _, name, _ in parsed.attributes} <= {"id"}
