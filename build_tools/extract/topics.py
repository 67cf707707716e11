"""Topics: text in, topic tags out, through the lexicon in `rules/topics.yml`.

A briefing is tagged with every topic whose cues occur often enough in its title, headings
and body (`find_topics`), busiest first, lexicon order breaking ties. A single demand or
proposal is filed under the topic its own text names first, and under Peace talks too when it
names the talks (`item_topics`); an item that names none takes the topic of its sentence when
the sentence names only one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from build_tools.errors import BriefingError
from build_tools.extract.phrases import trie_pattern
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
    """The cue patterns as written in the lexicon (its frame cues among them)."""
    frames: frozenset[str] = frozenset()
    """The cues that name only a frame of an item (`frame_cues`: "the peace plan includes
    ..."): they count for the article, but give an item this topic only when it names no
    other."""


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
    frames = entry.get("frame_cues", [])
    if not isinstance(frames, list) or not all(isinstance(c, str) for c in frames):
        raise BriefingError(where, f"topic {name!r}: 'frame_cues' must be a list of strings")
    minimum = entry.get("min_mentions", default)
    if not isinstance(minimum, int) or minimum < 1:
        raise BriefingError(where, f"topic {name!r}: 'min_mentions' must be a whole number >= 1")
    unknown = set(entry) - {"cues", "frame_cues", "min_mentions"}
    if unknown:
        raise BriefingError(where, f"topic {name!r}: unknown key {sorted(unknown)[0]!r}")
    source = _WORD_START + _cue_alternation(cues + frames)
    try:
        pattern = re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise BriefingError(where, f"topic {name!r}: bad cue pattern ({exc})") from None
    return Topic(
        name=name,
        pattern=pattern,
        min_mentions=minimum,
        cues=tuple(cues + frames),
        frames=frozenset(frames),
    )


# Cues are looked up by the first letters of the word they start with, so that each is tried
# only where it can match: one regex per topic over the whole text cost more than the rest of
# the extraction. A cue that does not start with two literal letters (or a group of literal
# alternatives) is searched for in the whole text instead.
_KEYS = (3, 2)
_LITERAL = re.compile(r"[A-Za-z0-9-]+")

CuePattern = tuple[int, re.Pattern[str], bool]
CueIndex = dict[str, tuple[CuePattern, ...]]


@cache
def _cue_index() -> tuple[CueIndex, tuple[CuePattern, ...]]:
    """(cues by the lower-case first two or three letters of their words, cues without such
    a start); each as (topic number, pattern, whether it is a frame cue)."""
    by_prefix: dict[str, list[CuePattern]] = {}
    rest: list[CuePattern] = []
    for n, topic in enumerate(lexicon()):
        for cue in topic.cues:
            pattern = re.compile(_WORD_START + _cue_alternation([cue]), re.IGNORECASE)
            entry = (n, pattern, cue in topic.frames)
            prefixes = _literal_prefixes(cue)
            if prefixes and all(len(p) >= min(_KEYS) for p in prefixes):
                for prefix in prefixes:
                    key = prefix[: max(_KEYS)].lower()
                    by_prefix.setdefault(key, []).append(entry)
            else:
                rest.append(entry)
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


@dataclass(frozen=True, slots=True)
class Mention:
    """One match of a topic's cue in a text."""

    start: int
    """Where the match starts in the text."""
    topic: int
    """The topic's position in the lexicon."""
    frame: bool
    """Whether the cue is one of the topic's frame cues."""


def find_mentions(text: str) -> list[Mention]:
    """Every match of a cue in `text`, in text order. Matches of one topic do not overlap
    (as a left-to-right search would find them)."""
    by_prefix, rest = _cue_index()
    found: list[tuple[int, int, int, bool]] = []
    # Lower-casing keeps offsets (checked below); if it would not, look up case-folded keys
    # of the original text instead.
    lowered = text.lower()
    keyed = lowered if len(lowered) == len(text) else text
    # Only words that start with a key are looked at: the regex engine finds them.
    for k in _key_starts(keyed is text).finditer(keyed):
        start = k.start()
        word = k.group().lower() if keyed is text else k.group()
        for key in (word, word[: min(_KEYS)]):
            for n, pattern, frame in by_prefix.get(key, ()):
                m = pattern.match(text, start)
                if m:
                    found.append((start, -m.end(), n, frame))
    for n, pattern, frame in rest:
        found.extend((m.start(), -m.end(), n, frame) for m in pattern.finditer(text))
    found.sort()
    ends: dict[int, int] = {}
    mentions = []
    for start, neg_end, n, frame in found:
        if start < ends.get(n, 0):
            continue
        ends[n] = -neg_end
        mentions.append(Mention(start, n, frame))
    return mentions


def count_mentions(texts: Iterable[str]) -> dict[str, int]:
    """How often each topic's cues occur in `texts` (topics that never occur are left out)."""
    counts: dict[str, int] = {}
    names = [t.name for t in lexicon()]
    for mention in find_mentions("\n".join(texts)):
        name = names[mention.topic]
        counts[name] = counts.get(name, 0) + 1
    return counts


def find_topics(texts: Iterable[str]) -> tuple[str, ...]:
    """The topics an article is about: those mentioned at least their `min_mentions` times."""
    counts = count_mentions(texts)
    minimum = {t.name: t.min_mentions for t in lexicon()}
    return _busiest_first({n: c for n, c in counts.items() if c >= minimum[n]})


@dataclass(frozen=True, slots=True)
class ItemRules:
    """How a demand or proposal is filed under the topics its text names."""

    main_topics: int
    """How many topics an item is filed under, in the order its text names them
    (`item_main_topics`)."""
    process_topics: frozenset[str]
    """Topics about the talks themselves rather than what they settle (`process_topics`): an
    item that names one is filed under it besides its main topics."""


@cache
def item_rules() -> ItemRules:
    """The item rules of `rules/topics.yml`, checked against its topics."""
    rules = load_rules(RULE_FILE)
    where = str(RULES_DIR / f"{RULE_FILE}.yml")
    main = rules.get("item_main_topics", 1)
    if main < 1:
        raise BriefingError(where, "'item_main_topics' must be a whole number >= 1")
    process = rules.get("process_topics", [])
    unknown = sorted(set(process) - {t.name for t in lexicon()})
    if unknown:
        raise BriefingError(where, f"'process_topics': {unknown[0]!r} is not a topic")
    return ItemRules(main_topics=main, process_topics=frozenset(process))


def item_topics(text: str, sentence: str = "") -> tuple[str, ...]:
    """The topics a demand or proposal is about, the one it is filed under first: those its
    own text names (`item_named_topics`); when it names none, the topic its sentence names
    if the sentence names only one. A paragraph names too many topics to say which one an
    item is about, so it is not looked at: no topic is better than a wrong one."""
    own = item_named_topics(text)
    if own or not sentence:
        return own
    around = named_in_order(sentence)
    return around if len(around) == 1 else ()


@lru_cache(maxsize=1 << 16)
def item_named_topics(text: str) -> tuple[str, ...]:
    """The topics an item's text names, as it is filed under them: its first
    `item_main_topics` (in the order the text names them), then a process topic it names.

    An item names more topics than it is about when the extraction kept a list or a clause
    of context with it ("... so that the ceasefire holds"); the first named is the one the
    item is about most often (measured on the topic gold, tests/test_topic_gold.py).
    """
    rules = item_rules()
    named = named_in_order(text)
    main = [name for name in named if name not in rules.process_topics]
    process = [name for name in named if name in rules.process_topics]
    return tuple(main[: rules.main_topics] + process) if main else tuple(process)


@lru_cache(maxsize=1 << 16)
def named_in_order(text: str) -> tuple[str, ...]:
    """Every topic `text` names, in the order of their first mention. A topic named only by
    a frame cue ("the peace plan includes ...") is left out when another topic is named."""
    mentions = find_mentions(text)
    mentions = [m for m in mentions if not m.frame] or mentions
    names = [t.name for t in lexicon()]
    return tuple(dict.fromkeys(names[m.topic] for m in mentions))


def _busiest_first(counts: dict[str, int]) -> tuple[str, ...]:
    order = {t.name: n for n, t in enumerate(lexicon())}
    return tuple(sorted(counts, key=lambda name: (-counts[name], order[name])))
