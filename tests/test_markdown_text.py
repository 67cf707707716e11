"""markdown_text: seed text written into pages stays text (examples; the general property
is in test_properties.py)."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from build_tools.render.markdown_text import (
    escape,
    html_text,
    link,
    safe_href,
    table_cell,
    yaml_string,
)
from tests.test_properties import PROFILE, rendered_text, to_html


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("  spaced \n out\t", "spaced out"),
        ("# not a heading", "\\# not a heading"),
        ("!!! note", "\\!\\!\\! note"),
        ('??? note "x"', '&#63;?? note "x"'),
        ("1. not a list", "1\\. not a list"),
        ("<script>alert(1)</script>", "&lt;script\\>alert(1)&lt;/script\\>"),
        ("a | b", "a \\| b"),
        ("{: #id }", "\\{: \\#id \\}"),
        ("[x](y)", "\\[x\\](y)"),
        ("&amp;", "&amp;amp;"),
        ("- not a list", "\\- not a list"),
        ("+ nor this", "\\+ nor this"),
        ("---", "\\---"),
        ("12. not a list", "12\\. not a list"),
        # Prose keeps its commonest characters bare: they are Markdown only at a line's start.
        (
            "Talks in 2022 - and after (see p. 3). The 1990s.",
            "Talks in 2022 - and after (see p. 3). The 1990s.",
        ),
    ],
)
def test_escape_examples(text: str, escaped: str) -> None:
    assert escape(text) == escaped


@pytest.mark.parametrize(
    "text",
    [
        "---",
        '!!! danger "x"',
        "??? quote",
        "{{ config.site_name }} {% include 'x' %}",
        "| a | b |",
        "*[HTML]: abbreviation",
        "<img src=x onerror=alert(1)>",
        "&#60;script&#62;",
        "#hashtag",
        "> quoted",
        "    indented",
        "a\\b\\\\c",
        "- item",
        "+ item",
        "* item",
        "3. item",
        "___",
        "x](y) and ](z)",
    ],
)
def test_escaped_line_shows_the_text(text: str) -> None:
    html = to_html(escape(text))
    assert re.fullmatch(r"<p>.*</p>", html, re.S), html
    assert rendered_text(escape(text)) == " ".join(text.split())


@pytest.mark.parametrize(
    ("href", "safe"),
    [
        ("https://example.org/a b", "https://example.org/a%20b"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("mailto:a@example.org", "mailto:a@example.org"),
        ('https://example.org/a" onmouseover="x', "https://example.org/a%22%20onmouseover=%22x"),
        ("https://example.org/<b>", "https://example.org/%3Cb%3E"),
        ("javascript:alert(1)", None),
        ("  JaVaScRiPt:alert(1)", None),
        ("data:text/html;base64,PHA+", None),
        ("vbscript:x", None),
        ("#", None),
        ("", None),
        ("/relative/page", None),
    ],
)
def test_safe_href(href: str, safe: str | None) -> None:
    assert safe_href(href) == safe


def test_link_with_unsafe_target_is_text() -> None:
    assert link("the statement", "javascript:alert(1)") == "the statement"
    assert to_html(link("the [report]", "https://example.org/(x)")) == (
        '<p><a href="https://example.org/%28x%29">the [report]</a></p>'
    )


def test_table_cell_never_empty() -> None:
    assert table_cell("") == " "
    assert table_cell("a|b") == "a\\|b"


def test_html_text() -> None:
    assert html_text('<script>"x"</script>') == "&lt;script&gt;&quot;x&quot;&lt;/script&gt;"


@PROFILE
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_yaml_string_loads_as_the_text(text: str) -> None:
    assert (
        yaml.safe_load(f"title: {yaml_string(text)}")["title"] == re.sub(r"\s+", " ", text).strip()
    )
