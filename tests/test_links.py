"""Links: every hyperlink of the source in order, with its kind, sentence and paragraph."""

from __future__ import annotations

import pytest

from build_tools.clean.cleaning import clean
from build_tools.extract.links import extract_links, is_placeholder
from build_tools.read.reading import decode_seed
from build_tools.records import Link


def links_of(text: str) -> tuple[Link, ...]:
    return extract_links(clean(decode_seed(text.encode("utf-8"), "case.txt")))


@pytest.mark.parametrize(
    ("href", "lost"),
    [
        ("#", True),
        ("", True),
        ("  ", True),
        ("#section-2", True),
        ("javascript:void(0)", True),
        ("JavaScript:void(0);", True),
        ("about:blank", True),
        ("https://example.org/#part", False),
        ("/relative/page", False),
        ("mailto:desk@example.org", False),
    ],
)
def test_placeholders(href: str, lost: bool) -> None:
    assert is_placeholder(href) is lost


def test_source_order_across_a_paragraph_joined_over_a_furniture_line() -> None:
    text = (
        "# Joined Across an Ad\n\n"
        "The first half of a long sentence cites [one report](https://a.org/1) and stops in\n\n"
        "[Sponsored: a partner's offer](https://ads.example/x)\n\n"
        "the middle, then cites [another](https://a.org/2) before it ends.\n\n"
        "A closing paragraph with [a last link](#) and nothing else to add here at all.\n"
    )
    found = links_of(text)
    assert [(lk.text, lk.kind) for lk in found] == [
        ("one report", "inline"),
        ("Sponsored: a partner's offer", "related"),
        ("another", "inline"),
        ("a last link", "inline"),
    ]
    first, _, second, last = found
    assert first.paragraph == second.paragraph == "p-1"
    assert last.paragraph == "p-2" and last.placeholder


def test_context_is_the_sentence_the_link_sits_in() -> None:
    text = (
        "# Sentences\n\n"
        "The envoys met on Monday. They read [the draft](https://a.org/d) twice. "
        "Nobody signed it, as [the agency](https://a.org/a) reported.\n"
    )
    assert [lk.context for lk in links_of(text)] == [
        "They read the draft twice.",
        "Nobody signed it, as the agency reported.",
    ]


def test_kinds_follow_the_line_the_link_stands_in() -> None:
    text = (
        "# Kinds of Links\n\n"
        "By [Jane Roe](https://a.org/authors/jane-roe)\n\n"
        "![Delegates](img.jpg)\n\n"
        "Delegates arrive in Geneva. (Photo: [Agency](https://agency.example/p))\n\n"
        "The talks went on for three days and ended with a short statement from the hosts "
        "that cited [the agenda](https://a.org/agenda).\n\n"
        "Read also: [The previous round](https://a.org/previous)\n\n"
        "Original url: <https://a.org/2023/05/04/kinds>\n"
    )
    assert [(lk.text, lk.kind, lk.paragraph) for lk in links_of(text)] == [
        ("Jane Roe", "byline", None),
        ("Agency", "caption", None),
        ("the agenda", "inline", "p-1"),
        ("The previous round", "related", None),
        ("https://a.org/2023/05/04/kinds", "source", None),
    ]


def test_a_bare_domain_in_the_back_matter_is_the_sites_address_not_a_credit() -> None:
    text = (
        "# Back Matter\n\n"
        "The talks went on for three days and ended with a short statement from the hosts.\n\n"
        "Delegates leave the hall on Friday. Photo: [pressphotos.example](https://pp.example)\n\n"
        "www.institute.example\n"
    )
    assert [(lk.text, lk.kind) for lk in links_of(text)] == [
        ("pressphotos.example", "caption"),
        ("www.institute.example", "source"),
    ]
