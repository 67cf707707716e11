"""Topics: the lexicon in rules/topics.yml, tagging articles and items, and the seeds' tags.

Cases are files: tests/cases/topics/ for articles (`text` and the exact `topics` it must get,
busiest first), tests/cases/item_topics/ for items (`text`, optional `sentence`, and the
`topics` the item is filed under, in order); adding a case is adding a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from build_tools.briefing import briefing_from_path, briefing_to_dict
from build_tools.errors import BriefingError
from build_tools.extract import topics
from build_tools.extract.topics import count_mentions, lexicon
from build_tools.read.reading import read_seed
from tests.conftest import CASES, ROOT, SEEDS, load_yaml

TOPIC_CASES = sorted((CASES / "topics").glob("*.yml"))
ITEM_CASES = sorted((CASES / "item_topics").glob("*.yml"))


@pytest.mark.parametrize("case", TOPIC_CASES, ids=lambda p: p.stem)
def test_topic_case(case: Path) -> None:
    data = load_yaml(case)
    assert list(topics.find_topics([data["text"]])) == data["topics"]


@pytest.mark.parametrize("case", ITEM_CASES, ids=lambda p: p.stem)
def test_item_topic_case(case: Path) -> None:
    data = load_yaml(case)
    assert list(topics.item_topics(data["text"], data.get("sentence", ""))) == data["topics"]


def test_item_cases_exist() -> None:
    assert len(ITEM_CASES) >= 10


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
        ({"cues": ["ok"], "frame_cues": "peace plan"}, "'frame_cues' must be a list"),
        ({"cues": ["ok"], "frames": ["peace plan"]}, "unknown key 'frames'"),
    ],
)
def test_bad_lexicon_entry_is_a_one_line_error(entry: object, message: str) -> None:
    with pytest.raises(BriefingError) as info:
        topics._topic("Broken", entry, 2, "build_tools/rules/topics.yml")
    assert message in str(info.value)
    assert str(info.value).startswith("build_tools/rules/topics.yml: topic 'Broken'")
    assert "\n" not in str(info.value)


def test_frame_cues_count_for_the_article() -> None:
    """A frame cue ("peace plan") is a mention of its topic when an article is tagged, and
    names the topic of an item only when the item names no other."""
    text = "The peace plan was tabled. A second peace plan followed, then a third peace plan."
    assert topics.count_mentions([text]) == {"Peace talks": 3}
    assert topics.item_topics("the peace plan lifts the sanctions") == ("Sanctions",)


def test_item_rules_name_topics_of_the_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    topics.lexicon()  # the real topics, loaded before the rules are replaced
    rules: dict[str, Any] = {"item_main_topics": 1, "process_topics": ["Peace talk"]}
    monkeypatch.setattr(topics, "load_rules", lambda name: rules)
    topics.item_rules.cache_clear()
    try:
        with pytest.raises(BriefingError, match="'process_topics': 'Peace talk' is not a topic"):
            topics.item_rules()
        rules.update(item_main_topics=0, process_topics=[])
        with pytest.raises(BriefingError, match="'item_main_topics' must be"):
            topics.item_rules()
    finally:
        topics.item_rules.cache_clear()


def test_briefing_items_carry_their_topics() -> None:
    """The topics of each item of a briefing are those `item_topics` gives its text and
    sentence (briefing.finish_briefing), so every page and download shows the same."""
    b = briefing_from_path(SEEDS / "000_a67e73254438302a.txt")
    items = b.demands + b.proposals
    assert any(i.topics for i in items)
    for item in items:
        assert item.topics == topics.item_topics(item.text, item.evidence)


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
