"""Sentence splitting: a paragraph's text in, its sentences out."""

from __future__ import annotations

import pytest

from build_tools.extract.sentences import sentence_spans, split_sentences

CASES = [
    ("One. Two.", ["One.", "Two."]),
    # a scrape that lost the space after a stop: the stop still ends the sentence before a
    # word that opens sentences or an opening quotation mark ("U.S.The" and "example.com" not)
    (
        "Talks ended on May 18.The panel proposed a deal.“The offer stands,” he said.",
        ["Talks ended on May 18.", "The panel proposed a deal.", "“The offer stands,” he said."],
    ),
    ("See example.com or U.S.The rest.", ["See example.com or U.S.The rest."]),
    (
        "U.S. officials met Gen. Smith in Geneva. They left.",
        ["U.S. officials met Gen. Smith in Geneva.", "They left."],
    ),
    ("J. Smith said so. Then he left.", ["J. Smith said so.", "Then he left."]),
    ("Is it over? No! Not yet…", ["Is it over?", "No!", "Not yet…"]),
    ("He said: “We must go.” The end.", ["He said: “We must go.”", "The end."]),
    (
        "Putin (the president) left. (He returned.) Fine.",
        ["Putin (the president) left.", "(He returned.)", "Fine."],
    ),
    (
        "The fund holds 3.5 billion euros. It grows.",
        ["The fund holds 3.5 billion euros.", "It grows."],
    ),
    # a footnote's number after the stop closes the sentence; after a digit the stop is a
    # decimal point
    (
        "It set up a fund for the north.42 (A memo in May said more.)43 Talks went on.",
        ["It set up a fund for the north.42", "(A memo in May said more.)43", "Talks went on."],
    ),
    (
        "Output rose by 2.5 Million tonnes. Then it fell.",
        ["Output rose by 2.5 Million tonnes.", "Then it fell."],
    ),
    ("A sentence without a full stop", ["A sentence without a full stop"]),
    (
        "lower case after a stop. stays one sentence",
        ["lower case after a stop. stays one sentence"],
    ),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_spans_point_into_the_text() -> None:
    text = "First one.  Second one. Third."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["First one.", "Second one.", "Third."]
