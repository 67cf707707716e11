"""Topics: text in, topic tags out, through the lexicon in `rules/topics.yml`.

A briefing is tagged with every topic whose cues occur often enough in its title, headings
and body (`find_topics`); a single demand or proposal gets the topics its own sentence (or
else its paragraph) names (`item_topics`). Topics come out busiest first, lexicon order
breaking ties.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from build_tools.errors import BriefingError
from build_tools.records import Briefing, Item
from build_tools.rules import RULES_DIR, load_rules

RULE_FILE = "topics"


@dataclass(frozen=True, slots=True)
class Topic:
    """One entry of the topic lexicon."""

    name: str
    """The tag as readers see it, e.g. `NATO membership`."""
    pattern: re.Pattern[str]
    """All cues of the topic as one whole-word, case-insensitive pattern."""
    min_mentions: int
    """How many cue matches an article needs to be tagged with the topic."""


@cache
def lexicon() -> tuple[Topic, ...]:
    """The topics of `rules/topics.yml`, in file order, checked and compiled."""
    rules = load_rules(RULE_FILE)
    where = str(RULES_DIR / f"{RULE_FILE}.yml")
    default = rules.get("default_min_mentions", 1)
    entries = rules.get("topics")
    if not isinstance(entries, dict) or not entries:
        raise BriefingError(where, "'topics' must map each topic name to its cues")
    return tuple(_topic(str(name), entry, default, where) for name, entry in entries.items())


def _topic(name: str, entry: object, default: object, where: str) -> Topic:
    if not isinstance(entry, dict):
        raise BriefingError(where, f"topic {name!r} must be a mapping with 'cues'")
    cues = entry.get("cues")
    if not isinstance(cues, list) or not cues or not all(isinstance(c, str) for c in cues):
        raise BriefingError(where, f"topic {name!r}: 'cues' must be a non-empty list of strings")
    minimum = entry.get("min_mentions", default)
    if not isinstance(minimum, int) or minimum < 1:
        raise BriefingError(where, f"topic {name!r}: 'min_mentions' must be a whole number >= 1")
    source = r"(?<![\w-])(?:" + "|".join(f"(?:{c})" for c in cues) + r")(?![\w-])"
    try:
        pattern = re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise BriefingError(where, f"topic {name!r}: bad cue pattern ({exc})") from None
    return Topic(name=name, pattern=pattern, min_mentions=minimum)


def count_mentions(texts: Iterable[str]) -> dict[str, int]:
    """How often each topic's cues occur in `texts` (topics that never occur are left out)."""
    counts: dict[str, int] = {}
    for text in texts:
        for topic in lexicon():
            hits = sum(1 for _ in topic.pattern.finditer(text))
            if hits:
                counts[topic.name] = counts.get(topic.name, 0) + hits
    return counts


def find_topics(texts: Iterable[str]) -> tuple[str, ...]:
    """The topics an article is about: those mentioned at least their `min_mentions` times."""
    counts = count_mentions(texts)
    minimum = {t.name: t.min_mentions for t in lexicon()}
    return _busiest_first({n: c for n, c in counts.items() if c >= minimum[n]})


def item_topics(b: Briefing, item: Item) -> tuple[str, ...]:
    """The topics a demand or proposal names, busiest first: those of its own sentence, or
    when the sentence names none, those of the paragraph holding it.

    One mention is enough here: a sentence or a paragraph is short, and its topic is what it
    names. The paragraph covers items that refer back ("this plan") to a topic named before.
    """
    found = text_topics(item.evidence)
    if found:
        return found
    return text_topics(next((p.text for p in b.body if p.anchor == item.paragraph), ""))


@lru_cache(maxsize=1 << 16)
def text_topics(text: str) -> tuple[str, ...]:
    """Every topic one text mentions, busiest first (cached: several views ask per item)."""
    return _busiest_first(count_mentions([text]))


def _busiest_first(counts: dict[str, int]) -> tuple[str, ...]:
    order = {t.name: n for n, t in enumerate(lexicon())}
    return tuple(sorted(counts, key=lambda name: (-counts[name], order[name])))
