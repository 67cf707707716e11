"""Phrases: lists of words and short phrases in, fast patterns that find them out.

A regex alternation of many phrases is tried phrase by phrase at every position of a text; on
a whole article that costs milliseconds. Factored into a prefix tree (`trie_pattern`), matched
case-sensitively on lower-cased text, with the word-start check done after the match
(`PhraseSet.finditer`), the same search takes a small fraction of that.

Rule files may write phrases with the small regex forms `(?:a|b)` and `s?`; `expand` turns such
an entry into the plain phrases it stands for. Entries with other regex syntax are kept as
regexes and searched the ordinary way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_GROUP = re.compile(r"\(\?:([^()]*)\)(\?)?")
_OPTIONAL_CHAR = re.compile(r"(\w)\?")
_PLAIN = re.compile(r"[\w '’-]*")
_MAX_VARIANTS = 64


def trie_pattern(words: list[str]) -> str:
    """One regex alternation of `words`, factored by shared prefixes (longest match first)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if ends else body

    return build(trie)


def expand(entry: str) -> list[str] | None:
    """The plain phrases a rule entry stands for ("fails? to" -> "fail to", "fails to"), or
    None when it uses regex syntax beyond `(?:a|b)`, `(?:...)?` and `x?`."""
    variants = [entry]
    while True:
        grown: list[str] = []
        changed = False
        for v in variants:
            m = _GROUP.search(v)
            if m:
                options = m.group(1).split("|") + ([""] if m.group(2) else [])
                grown.extend(v[: m.start()] + o + v[m.end() :] for o in options)
                changed = True
                continue
            m = _OPTIONAL_CHAR.search(v)
            if m:
                grown.extend(
                    [v[: m.start()] + m.group(1) + v[m.end() :], v[: m.start()] + v[m.end() :]]
                )
                changed = True
                continue
            grown.append(v)
        variants = grown
        if not changed:
            break
        if len(variants) > _MAX_VARIANTS:
            return None
    if not all(_PLAIN.fullmatch(v) for v in variants):
        return None
    return [re.sub(r"\s+", " ", v).strip() for v in variants if v.strip()]


@dataclass(frozen=True, slots=True)
class PhraseSet:
    """Phrases to find as whole words in text, whatever its case."""

    fast: re.Pattern[str] | None
    """The plain phrases as one prefix tree, lower case."""
    slow: re.Pattern[str] | None
    """The entries that need a real regex, case-insensitive."""

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each phrase found, in order of the two searches."""
        if self.fast is not None:
            low = lower_same_length(text)
            for m in self.fast.finditer(low):
                if _word_start(low, m.start()):
                    yield m.start(), m.end()
        if self.slow is not None:
            for m in self.slow.finditer(text):
                yield m.start(), m.end()

    def search(self, text: str) -> bool:
        """True when any phrase occurs in `text`."""
        return next(self.finditer(text), None) is not None


def lower_same_length(text: str) -> str:
    """`text` in lower case, each character kept in place (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # A letter whose lower case is longer ("İ"): keep it as it is.
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _word_start(text: str, offset: int) -> bool:
    return offset == 0 or not (text[offset - 1].isalnum() or text[offset - 1] in "-_'’")


def phrase_set(entries: list[str]) -> PhraseSet:
    """A `PhraseSet` of rule entries (plain phrases, or small regexes; see `expand`)."""
    plain: list[str] = []
    regexes: list[str] = []
    for entry in entries:
        expanded = expand(entry)
        if expanded is None:
            regexes.append(entry)
        else:
            plain.extend(p.lower() for p in expanded)
    fast = re.compile("(?:" + trie_pattern(sorted(set(plain))) + r")(?![\w-])") if plain else None
    slow = (
        re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{r})" for r in regexes) + r")(?![\w-])", re.I)
        if regexes
        else None
    )
    return PhraseSet(fast, slow)
