"""Parties named by surname get the name (or the party) of their fuller first mention
(`extract/attribution.py` `full_names`, applied by `learned.complete_items`)."""

from __future__ import annotations

from build_tools.extract.attribution import full_names
from build_tools.extract.classifier import ItemModel, KindModel
from build_tools.extract.items import find_items
from build_tools.extract.learned import complete_items
from tests.test_items import body_of

ARTICLE = """The dockworkers may extend the walkout to a second port, ILWU president Dana Okafor
said on Tuesday.

In March, Okafor demanded a ten per cent raise and an end to automated cranes at the terminal.

Later, Halvorsen demanded a new safety audit. Ingrid Halvorsen chairs the port's board.
"""

# A model that adds nothing: the rules' items alone go through `complete_items`.
OFF = ItemModel(KindModel({}, 1.01, 0), KindModel({}, 1.01, 0))


def test_a_surname_takes_the_party_of_the_full_mention() -> None:
    body = body_of(ARTICLE)
    demands, _ = find_items(body)
    assert {d.actor for d in demands} == {"Okafor", "Halvorsen"}
    named = {d.text: d.actor for d in full_names(body, demands)}
    assert named["a ten per cent raise"] == "ILWU"  # "ILWU president Dana Okafor"
    assert named["a new safety audit"] == "Ingrid Halvorsen"


def test_complete_items_names_parties_in_full_with_or_without_a_model() -> None:
    body = body_of(ARTICLE)
    demands, _ = complete_items(body, *find_items(body), model=OFF)
    assert "ILWU" in {d.actor for d in demands}


def test_known_parties_and_unmatched_surnames_stay() -> None:
    body = body_of("Kyiv demanded a ceasefire.\n\nMarchetti demanded a recount.\n")
    demands, _ = find_items(body)
    assert [d.actor for d in full_names(body, demands)] == ["Ukraine", "Marchetti"]


def test_a_surname_takes_the_party_of_its_apposition() -> None:
    body = body_of(
        "Lena Marsh, an adviser to Ukraine's president, spoke on Friday.\n\n"
        "Marsh demanded a new prisoner exchange.\n"
    )
    demands, _ = find_items(body)
    assert [d.actor for d in full_names(body, demands)] == ["Ukraine"]


def test_a_surname_takes_the_party_of_the_office_before_it() -> None:
    # "Iceland's foreign minister, Sigrun Olafsdottir,": the office stands before the name
    body = body_of(
        "Iceland's foreign minister, Sigrun Olafsdottir, met the envoy on Monday.\n\n"
        "Olafsdottir proposed a joint patrol of the banks.\n"
    )
    _, proposals = find_items(body)
    assert [p.actor for p in full_names(body, proposals)] == ["Iceland"]


def test_a_full_name_takes_the_party_of_its_apposition() -> None:
    # "He" is the person named before; his apposition says whom he speaks for
    body = body_of(
        "Lars Dahl, Norway's fisheries minister, spoke on Monday. He proposed a quota board.\n"
    )
    _, proposals = find_items(body)
    assert [p.actor for p in proposals] == ["Lars Dahl"]
    assert [p.actor for p in full_names(body, proposals)] == ["Norway"]


def test_an_officials_must_named_later_is_a_demand() -> None:
    # the rules see "Olafsdottir", no party yet: a proposal; once she is Iceland's minister,
    # her "Norway must A" is Iceland's demand, as "Iceland said Norway must A" is at once
    body = body_of(
        "Iceland's foreign minister, Sigrun Olafsdottir, met the envoy on Monday.\n\n"
        "Olafsdottir said Norway must lift the ban on Icelandic trawlers.\n\n"
        "Olafsdottir said Iceland must rebuild its own fleet.\n"
    )
    demands, proposals = complete_items(body, *find_items(body), model=OFF)
    assert [(d.actor, d.text) for d in demands] == [
        ("Iceland", "Norway must lift the ban on Icelandic trawlers")
    ]
    assert [(p.actor, p.text) for p in proposals] == [
        ("Iceland", "Iceland must rebuild its own fleet")
    ]
