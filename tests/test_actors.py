"""The actor gazetteer: mentions in text in, canonical parties and names out."""

from __future__ import annotations

import pytest

from build_tools.extract.actors import (
    find_mentions,
    find_parties,
    is_official,
    party_kind,
    resolve_party,
)

MENTIONS = [
    # aliases to canonical parties, possessives included
    ("The Kremlin and Kyiv's negotiators met.", [("party", "Russia"), ("party", "Ukraine")]),
    ("President Zelenskyy spoke to Joe Biden.", [("party", "Ukraine"), ("party", "United States")]),
    # an alias inside a longer proper name is that name, not the party
    (
        "The European Council on Foreign Relations published a paper.",
        [("name", "European Council on Foreign Relations")],
    ),
    ("A Kyiv Security Compact was drafted.", [("name", "Kyiv Security Compact")]),
    # a party word, a title and a name: an official of that party
    ("Chinese Foreign Minister Wang Yi arrived.", [("party", "China")]),
    ("The Estonian prime minister agreed.", [("party", "Baltic States")]),
    # the author, references back, named camps
    ("We think others disagree.", [("author", "author"), ("refer", "others")]),
    ("The cautious camp objects.", [("group", "cautious camp")]),
    # a sentence-initial capital is no name; "US" is the United States, not "us"
    ("Diplomacy failed, the US said.", [("party", "United States")]),
    ("Tell us more.", [("author", "author")]),
    # an alias that is a common word unless capitalised: "the union" of workers is no EU
    ("The union struck.", []),
    ("Brussels and the Union agreed.", [("party", "European Union"), ("party", "European Union")]),
    # ... nor "the Union government" of a federal state: the alias modifies another noun
    ("Brussels and the Union government agreed.", [("party", "European Union"), ("name", "Union")]),
    # a name that opens with a party adjective and a title speaks for that party
    ("Iranian Supreme Leader Amir Example spoke.", [("party", "Iran")]),
    ("American Widgets Company spoke.", [("name", "American Widgets Company")]),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_find_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(m.kind, m.party.lower() if m.kind == "refer" else m.party) for m in find_mentions(text)]
    assert got == expected


def test_mention_offsets_point_into_the_text() -> None:
    text = "Later, Moscow's envoy and the Vienna Institute for Peace met."
    for m in find_mentions(text):
        assert text[m.start : m.end] == m.text
    assert [m.possessive for m in find_mentions(text)] == [True, False]


def test_find_parties_and_resolve_party() -> None:
    assert find_parties("Putin called Macron.") == [("Russia", 0, 5), ("France", 13, 19)]
    assert resolve_party("the White House") == "United States"
    assert resolve_party("the Carnegie Endowment") is None


def test_party_kinds() -> None:
    assert party_kind("NATO") == "alliance"
    assert party_kind("first camp") == "group"
    assert is_official("Russia") and not is_official("Western countries")
