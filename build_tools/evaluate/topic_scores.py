"""Topics per item, scored: a file of topic labels for gold items in, precision, recall and
how often the first topic is right out.

The labels file maps each article of a gold folder to the topics (of `rules/topics.yml`)
each of its gold demands and proposals is about, in the order of the gold file:

    301_some-article:
      demands:
        - [Neutrality]
      proposals:
        - [Peace talks, Territory]
        - []

Labels only: the article and its gold items are read from the gold and article folders. Each
article is made into its briefing, each gold item is matched one to one to an item the
extraction found as the scorer matches them (`item_matches`: half its key terms in the
item's text), and the topics the site shows for that item (`Item.topics`) are compared with
the labels over (item, topic) pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from build_tools.errors import BriefingError
from build_tools.evaluate.evaluation import item_matches
from build_tools.evaluate.gold import load_gold, refuse_aliases
from build_tools.records import Item

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class ScoredItem:
    """A labelled gold item and the extracted item that matches it."""

    article: str
    gold: frozenset[str]
    item: Item


@dataclass(frozen=True, slots=True)
class TopicScore:
    """Topics per item over a set of labelled articles."""

    labels: str
    """The labels file, as given."""
    labelled: int
    """Gold items with labels."""
    matched: int
    """Of those, items the extraction found (only these are scored)."""
    precision: float
    recall: float
    first_right: float
    """Of the matched items with a topic, how often the first (the one a page files the item
    under) is one of the labels."""


def load_topic_labels(path: str | Path) -> dict[str, dict[str, list[list[str]]]]:
    """Read and check a labels file; a malformed one is a `BriefingError` naming it."""
    p = Path(path)
    where = str(p)
    try:
        text = p.read_text(encoding="utf-8")
        refuse_aliases(text, where)
        data: Any = yaml.load(text, Loader=_SAFE_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise BriefingError(where, f"cannot read the topic labels ({exc})") from None
    except yaml.YAMLError as exc:
        raise BriefingError(where, f"not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise BriefingError(where, "topic labels must map each article to demands: and proposals:")
    for name, kinds in data.items():
        if not isinstance(kinds, dict) or not set(kinds) <= {"demands", "proposals"}:
            raise BriefingError(where, f"{name}: expected demands: and proposals: lists")
        for key, lists in kinds.items():
            ok = isinstance(lists, list) and all(
                isinstance(t, list) and all(isinstance(x, str) for x in t) for t in lists
            )
            if not ok:
                raise BriefingError(where, f"{name}: {key}: each entry must be a list of topics")
    return data


def scored_items(
    labels_path: str | Path, gold_dir: str | Path, seeds_dir: str | Path
) -> tuple[ScoredItem, ...]:
    """Every labelled gold item that an extracted item matches, with that item."""
    # Imported here: the assembly of a briefing pulls in every stage.
    from build_tools.briefing import make_briefing
    from build_tools.read.reading import read_seed

    labels = load_topic_labels(labels_path)
    out = []
    for name, kinds in labels.items():
        gold = load_gold(Path(gold_dir) / f"{name}.yml")
        seed = Path(seeds_dir) / f"{name}.txt"
        if not seed.is_file():
            raise BriefingError(str(labels_path), f"{name}: no article {seed}")
        briefing = make_briefing(read_seed(seed))
        for key, wanted, found in (
            ("demands", gold.demands, briefing.demands),
            ("proposals", gold.proposals, briefing.proposals),
        ):
            topics = kinds.get(key, [])
            if len(topics) != len(wanted):
                raise BriefingError(
                    str(labels_path),
                    f"{name}: {len(topics)} labels for {len(wanted)} gold {key}",
                )
            used: set[int] = set()
            for item, wanted_topics in zip(wanted, topics, strict=True):
                for k, candidate in enumerate(found):
                    if k not in used and item_matches(item, candidate.text):
                        used.add(k)
                        out.append(ScoredItem(name, frozenset(wanted_topics), candidate))
                        break
    return tuple(out)


def topic_rates(items: Sequence[ScoredItem]) -> tuple[float, float, float]:
    """(precision, recall, first topic right) of `items`."""
    hits = sum(len(s.gold & set(s.item.topics)) for s in items)
    predicted = sum(len(s.item.topics) for s in items)
    gold = sum(len(s.gold) for s in items)
    with_first = [s for s in items if s.item.topics]
    first = sum(1 for s in with_first if s.item.topics[0] in s.gold)
    return (
        hits / predicted if predicted else 0.0,
        hits / gold if gold else 0.0,
        first / len(with_first) if with_first else 0.0,
    )


def score_topics(
    labels_path: str | Path, gold_dir: str | Path, seeds_dir: str | Path
) -> TopicScore:
    """Topics per item of the articles `labels_path` labels."""
    labels = load_topic_labels(labels_path)
    labelled = sum(len(t) for kinds in labels.values() for t in kinds.values())
    items = scored_items(labels_path, gold_dir, seeds_dir)
    precision, recall, first = topic_rates(items)
    return TopicScore(
        labels=Path(labels_path).as_posix(),
        labelled=labelled,
        matched=len(items),
        precision=precision,
        recall=recall,
        first_right=first,
    )
