"""The public seeds against their gold annotations (../shared/GOLD.md): metadata exact,
links exact and in order, no boilerplate line in the body, split paragraphs joined, headings
kept as headings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.briefing import briefing_from_path
from build_tools.records import Briefing
from tests.conftest import gold_pairs, load_yaml

PAIRS = gold_pairs()
IDS = [seed.stem for seed, _ in PAIRS]


def norm(text: str) -> str:
    text = text.lower()
    for a, b in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


def strip_markup(line: str) -> str:
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"<(https?://[^>]+)>", r"\1", line)
    return line.strip().strip("*_#> ").strip()


@pytest.fixture(scope="module", params=PAIRS, ids=IDS)
def case(request: pytest.FixtureRequest) -> tuple[Briefing, dict]:
    seed, gold = request.param
    return briefing_from_path(seed), load_yaml(gold)


def test_metadata_exact(case: tuple[Briefing, dict]) -> None:
    b, gold = case
    assert norm(b.meta.title) == norm(gold["title"])
    assert [norm(a) for a in b.meta.authors] == ([norm(gold["author"])] if gold["author"] else [])
    assert b.meta.date == (str(gold["date"]) if gold["date"] else None)
    assert b.meta.url == gold["url"]
    if gold["publication"] is None:
        assert b.meta.publication is None
    else:
        got, want = norm(b.meta.publication or ""), norm(gold["publication"])
        assert got and (got in want or want in got)


def test_links_exact_and_in_order(case: tuple[Briefing, dict]) -> None:
    b, gold = case
    want = [(g["text"], g["href"]) for g in gold["links"] if g.get("kind") != "source"]
    got = [(lk.text, lk.href) for lk in b.links if lk.kind != "source"]
    assert [(norm(t), h) for t, h in got] == [(norm(t), h) for t, h in want]


def test_link_kinds(case: tuple[Briefing, dict]) -> None:
    b, gold = case
    want = [g.get("kind", "inline") for g in gold["links"]]
    assert [lk.kind for lk in b.links] == want


def test_no_boilerplate_in_body(case: tuple[Briefing, dict]) -> None:
    b, gold = case
    body = [norm(p.text) for p in b.body]
    for line in gold.get("boilerplate", []):
        junk = norm(strip_markup(line))
        assert not any(junk in text for text in body), line


def test_broken_paragraphs_joined(case: tuple[Briefing, dict]) -> None:
    b, gold = case
    for first, second in gold.get("broken_paragraphs", []):
        holders = [p for p in b.paragraphs if norm(first) in norm(p.text)]
        assert holders, first
        assert norm(second) in norm(holders[0].text)


def test_headings_kept(case: tuple[Briefing, dict]) -> None:
    b, gold = case
    assert [norm(h) for h in b.headings] == [norm(h) for h in gold.get("headings", [])]


def test_seed_files_are_unchanged_copies(root: Path) -> None:
    shared = root.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("no ../shared/seeds beside this checkout")
    for theirs in shared.glob("*.txt"):
        assert (root / "seeds" / theirs.name).read_bytes() == theirs.read_bytes()
