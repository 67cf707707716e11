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
from build_tools.extract.phrases import trie_pattern
from build_tools.records import Briefing, Item
from build_tools.rules import RULES_DIR, load_rules

RULE_FILE = "topics"
_WORD_START = r"(?<![\w-])"


def _cue_alternation(cues: list[str]) -> str:
    return "(?:" + "|".join(f"(?:{c})" for c in cues) + r")(?![\w-])"


@dataclass(frozen=True, slots=True)
class Topic:
    """One entry of the topic lexicon."""

    name: str
    """The tag as readers see it, e.g. `NATO membership`."""
    pattern: re.Pattern[str]
    """All cues of the topic as one whole-word, case-insensitive pattern."""
    min_mentions: int
    """How many cue matches an article needs to be tagged with the topic."""
    cues: tuple[str, ...] = ()
    """The cue patterns as written in the lexicon."""


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
    source = _WORD_START + _cue_alternation(cues)
    try:
        pattern = re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise BriefingError(where, f"topic {name!r}: bad cue pattern ({exc})") from None
    return Topic(name=name, pattern=pattern, min_mentions=minimum, cues=tuple(cues))


# Cues are looked up by the first letters of the word they start with, so that each is tried
# only where it can match: one regex per topic over the whole text cost more than the rest of
# the extraction. A cue that does not start with two literal letters (or a group of literal
# alternatives) is searched for in the whole text instead.
_KEYS = (3, 2)
_LITERAL = re.compile(r"[A-Za-z0-9-]+")

CuePattern = tuple[int, re.Pattern[str]]
CueIndex = dict[str, tuple[CuePattern, ...]]


@cache
def _cue_index() -> tuple[CueIndex, tuple[CuePattern, ...]]:
    """(cues by the lower-case first two or three letters of their words, cues without such
    a start); `int` = topic number."""
    by_prefix: dict[str, list[CuePattern]] = {}
    rest: list[CuePattern] = []
    for n, topic in enumerate(lexicon()):
        for cue in topic.cues:
            pattern = re.compile(_WORD_START + _cue_alternation([cue]), re.IGNORECASE)
            prefixes = _literal_prefixes(cue)
            if prefixes and all(len(p) >= min(_KEYS) for p in prefixes):
                for prefix in prefixes:
                    key = prefix[: max(_KEYS)].lower()
                    by_prefix.setdefault(key, []).append((n, pattern))
            else:
                rest.append((n, pattern))
    return {k: tuple(v) for k, v in by_prefix.items()}, tuple(rest)


@cache
def _key_starts(any_case: bool) -> re.Pattern[str]:
    """The first (up to) three characters of each word that starts with one of the index's
    (lower-case) keys: the lookup key, found in the same search as the word. Matching the
    lower-cased text case-sensitively scans it twice as fast as `any_case`."""
    keys = sorted(_cue_index()[0])
    return re.compile(
        _WORD_START + "(?=" + trie_pattern(keys) + r")\w[\w-]?[\w-]?",
        re.IGNORECASE if any_case else 0,
    )


def _literal_prefixes(cue: str) -> list[str]:
    """The letters every match of a cue starts with: ["sanction"] for "sanction(?:s|ed)?",
    ["arms", "weapon"] for "(?:arms|weapons?) ..."; [] when the cue starts otherwise."""
    cue = re.sub(r"^\(\?-?i:", "", cue)
    group = re.match(r"\(\?:([^()]*)\)", cue)
    alternatives = group.group(1).split("|") if group else [cue]
    prefixes = []
    for alt in alternatives:
        m = _LITERAL.match(alt)
        if m is None:
            return []
        prefix = m.group()
        # A quantifier after the run applies to its last letter, which may then be absent.
        if alt[m.end() : m.end() + 1] in ("?", "*", "{"):
            prefix = prefix[:-1]
        prefixes.append(prefix)
    return prefixes


def count_mentions(texts: Iterable[str]) -> dict[str, int]:
    """How often each topic's cues occur in `texts` (topics that never occur are left out).

    Matches of one topic do not overlap (as a left-to-right search would find them).
    """
    text = "\n".join(texts)
    by_prefix, rest = _cue_index()
    found: list[tuple[int, int, int]] = []
    # Lower-casing keeps offsets (checked below); if it would not, look up case-folded keys
    # of the original text instead.
    lowered = text.lower()
    keyed = lowered if len(lowered) == len(text) else text
    # Only words that start with a key are looked at: the regex engine finds them.
    for k in _key_starts(keyed is text).finditer(keyed):
        start = k.start()
        word = k.group().lower() if keyed is text else k.group()
        for key in (word, word[: min(_KEYS)]):
            for n, pattern in by_prefix.get(key, ()):
                m = pattern.match(text, start)
                if m:
                    found.append((start, -m.end(), n))
    for n, pattern in rest:
        found.extend((m.start(), -m.end(), n) for m in pattern.finditer(text))
    found.sort()
    ends: dict[int, int] = {}
    counts: dict[str, int] = {}
    names = [t.name for t in lexicon()]
    for start, neg_end, n in found:
        if start < ends.get(n, 0):
            continue
        ends[n] = -neg_end
        counts[names[n]] = counts.get(names[n], 0) + 1
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
