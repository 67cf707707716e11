"""Demand and proposal extraction, case by case: `tests/cases/items/*.yml`.

Each case is a short article (`text`, Markdown) and the items a careful analyst lists:

    demands:   [{party: Russia, words: [key, words]}]          # every demand, no more
    proposals: [{party: author, words: [...], stance: endorsed}]
    absent:    [phrases no item's text may contain]              # optional

A kind left out of the case is not checked; an empty list means "none at all". Each expected
item must match one predicted item of its kind: the same party (canonical, or for a name
outside the gazetteer one shared word), every key word in the item's text, and the stance when
given. The article goes through the Markdown parser only, not the cleaner, so that a case tests
extraction and nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from build_tools.extract.items import find_items
from build_tools.read.markup import parse_blocks
from build_tools.records import Item, Paragraph
from tests.conftest import CASES, load_yaml

CASE_FILES = sorted((CASES / "items").glob("*.yml"))
_SMALL_WORDS = {"the", "of", "and", "a", "an", "in", "for", "on", "camp"}


def body_of(text: str) -> tuple[Paragraph, ...]:
    """The body paragraphs of a case's text, anchored like the cleaner does."""
    out = []
    for i, block in enumerate(parse_blocks(text), start=1):
        heading = block.kind == "heading"
        anchor = f"h-{i}" if heading else f"p-{i}"
        out.append(Paragraph(anchor, block.text, block.line, block.links, heading, block.level))
    return tuple(out)


def same_party(got: str, want: str) -> bool:
    if got.lower() == want.lower():
        return True
    shared = set(re.findall(r"\w+", got.lower())) & set(re.findall(r"\w+", want.lower()))
    return bool(shared - _SMALL_WORDS)


def matches(item: Item, want: dict[str, Any]) -> bool:
    text = item.text.lower()
    return (
        same_party(item.actor, str(want["party"]))
        and all(str(w).lower() in text for w in want.get("words", []))
        and ("stance" not in want or item.stance == want["stance"])
    )


def describe(items: tuple[Item, ...]) -> str:
    return "\n".join(f"  {i.actor} | {i.text} | {i.stance}" for i in items) or "  (none)"


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case(path: Path) -> None:
    case = load_yaml(path)
    demands, proposals = find_items(body_of(case["text"]))
    for kind, got in (("demands", demands), ("proposals", proposals)):
        if kind not in case:
            continue
        wanted = case[kind] or []
        left = list(got)
        for want in wanted:
            hit = next((i for i in left if matches(i, want)), None)
            assert hit is not None, f"{kind}: no item like {want}; got\n{describe(got)}"
            left.remove(hit)
        assert not left, f"{kind}: unexpected items\n{describe(tuple(left))}"
    for phrase in case.get("absent", []):
        for item in (*demands, *proposals):
            assert phrase.lower() not in item.text.lower(), f"{phrase!r} in {item}"


def test_there_are_enough_cases() -> None:
    assert len(CASE_FILES) >= 40


def test_every_case_states_its_purpose() -> None:
    for path in CASE_FILES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# "), f"{path.name}: start with a comment saying what it tests"


def test_each_body_is_read_on_its_own() -> None:
    first = find_items(body_of("The Kremlin demands that Kyiv disband its drone units."))
    other = body_of("The Kremlin demands that Kyiv cede the island.")
    assert find_items(other)[0][0].text != first[0][0].text


def test_a_broken_cue_rule_names_the_rule_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import build_tools.extract.cues as cues
    from build_tools.errors import BriefingError

    broken = {"cues": [{"name": "x", "kind": "wish", "form": "verb", "patterns": ["a"]}]}
    monkeypatch.setattr(cues, "load_rules", lambda name: broken)
    cues.lexicon.cache_clear()
    try:
        with pytest.raises(BriefingError, match=r"cues\.yml.*kind must be demand or proposal"):
            cues.lexicon()
    finally:
        monkeypatch.undo()
        cues.lexicon.cache_clear()


def test_the_meeting_kind_decision_can_be_switched_off() -> None:
    from build_tools.extract.cues import MEETING_KIND, rule_names
    from build_tools.switches import switched_off

    body = body_of("The dockers' union wants a meeting with the port authority before the strike.")
    assert MEETING_KIND in rule_names()
    demands, proposals = find_items(body)
    assert ([i.kind for i in demands], [i.kind for i in proposals]) == ([], ["proposal"])
    with switched_off([MEETING_KIND]):
        demands, proposals = find_items(body)
    assert (len(demands), len(proposals)) == (1, 0)
