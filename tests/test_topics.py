"""Topics: the lexicon in rules/topics.yml, tagging articles and items, and the seeds' tags.

Cases are files in tests/cases/topics/ (`text` and the exact `topics` it must get, busiest
first); adding a case is adding a file.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from build_tools.briefing import briefing_from_path, briefing_to_dict
from build_tools.errors import BriefingError
from build_tools.extract import topics
from build_tools.extract.topics import count_mentions, lexicon
from build_tools.read.reading import read_seed
from build_tools.records import Item
from tests.conftest import CASES, ROOT, SEEDS, load_yaml

TOPIC_CASES = sorted((CASES / "topics").glob("*.yml"))


@pytest.mark.parametrize("case", TOPIC_CASES, ids=lambda p: p.stem)
def test_topic_case(case: Path) -> None:
    data = load_yaml(case)
    assert list(topics.find_topics([data["text"]])) == data["topics"]


def test_lexicon_has_the_topics_the_issue_names() -> None:
    names = {t.name for t in topics.lexicon()}
    wanted = {
        "NATO membership",
        "Security guarantees",
        "Sanctions",
        "Ceasefire",
        "Territory",
        "EU accession",
        "Minsk agreements",
        "Military aid",
        "War-crimes accountability",
        "Energy",
        "Nuclear risk",
        "Prisoner exchange",
        "Reconstruction",
        "Neutrality",
    }
    assert wanted <= names
    assert all(t.min_mentions >= 1 for t in topics.lexicon())


def test_counts_are_summed_over_texts() -> None:
    # Two texts with one mention each reach a minimum of two.
    assert topics.find_topics(["Sanctions bite.", "More sanctions follow."]) == ("Sanctions",)
    assert topics.find_topics(["Sanctions bite."]) == ()


def test_busiest_topic_first_then_lexicon_order() -> None:
    text = "Sanctions, sanctions, sanctions. A ceasefire, a truce. Energy and gas pipelines."
    assert topics.count_mentions([text]) == {"Sanctions": 3, "Ceasefire": 2, "Energy": 2}
    assert topics.find_topics([text]) == ("Sanctions", "Ceasefire", "Energy")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("not a mapping", "must be a mapping"),
        ({"cues": []}, "non-empty list"),
        ({"cues": ["ok"], "min_mentions": 0}, "whole number"),
        ({"cues": ["(unclosed"]}, "bad cue pattern"),
    ],
)
def test_bad_lexicon_entry_is_a_one_line_error(entry: object, message: str) -> None:
    with pytest.raises(BriefingError) as info:
        topics._topic("Broken", entry, 2, "build_tools/rules/topics.yml")
    assert message in str(info.value)
    assert str(info.value).startswith("build_tools/rules/topics.yml: topic 'Broken'")
    assert "\n" not in str(info.value)


def test_item_topics_from_its_sentence_else_its_paragraph() -> None:
    b = briefing_from_path(SEEDS / "000_a67e73254438302a.txt")
    named = Item("proposal", "author", "x", "Lift the sanctions on banks.", b.body[0].anchor)
    assert topics.item_topics(b, named) == ("Sanctions",)
    para = next(p for p in b.paragraphs if topics.text_topics(p.text))
    silent = Item("proposal", "author", "x", "Do it now.", para.anchor)
    assert topics.item_topics(b, silent) == topics.text_topics(para.text)
    unknown = replace(silent, paragraph="p-9999")
    assert topics.item_topics(b, unknown) == ()


def test_seed_briefings_are_tagged_from_their_text() -> None:
    first = briefing_from_path(SEEDS / "000_a67e73254438302a.txt")
    second = briefing_from_path(SEEDS / "004_d068543834b3d72e.txt")
    assert "NATO membership" in first.topics
    assert "Minsk agreements" in first.topics
    assert "Security guarantees" in second.topics
    assert "Minsk agreements" not in second.topics
    assert briefing_to_dict(first)["topics"] == list(first.topics)


def test_indexed_counts_match_one_search_per_topic() -> None:
    """The cue index (cues tried only where a word starts with their first letters) counts
    what a plain search of each topic's whole pattern over the text counts."""
    texts = [
        read_seed(path).text
        for folder in (SEEDS, ROOT / "tests" / "corpus" / "seeds")
        for path in sorted(folder.glob("*.txt"))
    ]
    assert len(texts) >= 14
    for text in texts:
        plain = {t.name: len(t.pattern.findall(text)) for t in lexicon()}
        assert count_mentions([text]) == {n: c for n, c in plain.items() if c}
