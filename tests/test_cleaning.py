"""Cleaning, metadata and links on article texts in many scrape formats.

Each `tests/cases/cleaning/*.yml` holds one article text (`input`) and what a careful reader
expects from it: the body `paragraphs` and `headings` in order, every block left out of the
body as `"kind: text"` (`removed`), and optionally `meta` fields and `links`. Adding a case is
adding a file. The texts are written for these tests; none comes from a seed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from build_tools.clean.cleaning import clean
from build_tools.extract.links import extract_links
from build_tools.extract.metadata import extract_metadata
from build_tools.read.reading import decode_seed
from build_tools.records import Cleaned
from tests.conftest import CASES, load_yaml

CASE_FILES = sorted((CASES / "cleaning").glob("*.yml"))
CASE_KEYS = {"input", "paragraphs", "headings", "removed", "meta", "links"}


def _cleaned(path: Path) -> tuple[dict[str, Any], Cleaned]:
    case = load_yaml(path)
    assert set(case) <= CASE_KEYS, f"unknown keys {set(case) - CASE_KEYS}"
    return case, clean(decode_seed(case["input"].encode("utf-8"), f"{path.stem}.txt"))


def test_there_are_enough_cases() -> None:
    assert len(CASE_FILES) >= 25


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_body(path: Path) -> None:
    case, cleaned = _cleaned(path)
    assert [p.text for p in cleaned.body if not p.heading] == case["paragraphs"]
    assert [p.text for p in cleaned.body if p.heading] == case.get("headings", [])


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_removed(path: Path) -> None:
    case, cleaned = _cleaned(path)
    removed = [f"{b.kind}: {b.text}" for b in cleaned.blocks if b.kind not in BODY]
    assert removed == case.get("removed", [])


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_metadata(path: Path) -> None:
    case, cleaned = _cleaned(path)
    meta = extract_metadata(cleaned, fallback_title=path.stem)
    got = {key: getattr(meta, key) for key in case.get("meta", {})}
    want = {
        key: tuple(value) if key == "authors" else value
        for key, value in case.get("meta", {}).items()
    }
    assert got == want


@pytest.mark.parametrize(
    "path",
    [p for p in CASE_FILES if "links" in load_yaml(p)],
    ids=[p.stem for p in CASE_FILES if "links" in load_yaml(p)],
)
def test_links(path: Path) -> None:
    case, cleaned = _cleaned(path)
    links = extract_links(cleaned)
    got = []
    for link, want in zip(links, case["links"], strict=False):
        row = {
            "text": link.text,
            "href": link.href,
            "kind": link.kind,
            "placeholder": link.placeholder,
        }
        if "context" in want:
            row["context"] = link.context
        got.append(row)
    want_rows = [{"kind": "inline", "placeholder": False, **w} for w in case["links"]]
    assert len(links) == len(want_rows)
    assert got == want_rows


def test_body_paragraphs_say_whether_they_were_list_items() -> None:
    text = (
        "# Terms on the Table\n\n"
        "Both delegations brought lists of conditions to the second round of talks this week.\n\n"
        "- a ceasefire along the current line\n"
        "1. an exchange of all prisoners\n\n"
        "Neither list was published in full, and both sides briefed against the other's.\n"
    )
    body = clean(decode_seed(text.encode("utf-8"), "case.txt")).body
    assert [(p.text[:12], p.list_item) for p in body] == [
        ("Both delegat", False),
        ("a ceasefire ", True),
        ("an exchange ", True),
        ("Neither list", False),
    ]


def test_a_run_of_one_word_lines_inside_the_body_is_topic_tags() -> None:
    text = (
        "# Three Ports\n\n"
        "The ports of Odesa, Chornomorsk and Pivdennyi handled most of the grain last year.\n\n"
        "Shipping\n\nGrain\n\nBlack Sea\n\n"
        "Insurers still charge a war premium on every ship that calls there, and it is rising.\n\n"
        "## Insurance\n\n"
        "Premiums doubled after the strikes in the spring, and several lines stopped calling.\n"
    )
    cleaned = clean(decode_seed(text.encode("utf-8"), "case.txt"))
    assert [(b.kind, b.text) for b in cleaned.blocks if b.reason == "topic words"] == [
        ("junk", "Shipping"),
        ("junk", "Grain"),
        ("junk", "Black Sea"),
    ]
    assert [p.text for p in cleaned.body if p.heading] == ["Insurance"]


@pytest.mark.parametrize(
    "line",
    [
        "A damaged bridge near Kherson. Image licensed under Creative Commons Attribution 2.0.",
        "Volunteers sort aid parcels in Lviv. Photo: Ola Berg / Wikimedia Commons / CC BY-SA 4.0",
        "Delegates at the opening session (Harbour Lens, CC BY 2.0)",
    ],
)
def test_credits_with_a_licence_are_captions(line: str) -> None:
    text = (
        "# Credits\n\n"
        "The talks opened on Monday with a short statement from the hosts and no questions.\n\n"
        f"{line}\n\n"
        "The delegations then met behind closed doors for the rest of the afternoon.\n"
    )
    blocks = clean(decode_seed(text.encode("utf-8"), "case.txt")).blocks
    assert [b.kind for b in blocks if b.text == line] == ["caption"]


BODY = ("paragraph", "heading")
