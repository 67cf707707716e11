"""Lists: how an article lists demands or proposals outside a single sentence.

Three shapes: a section under a heading that announces them ("Recommendations", "Kyiv's red
lines"), a lead-in that announces a list ("Moscow has set out three conditions:") followed by
one item per paragraph or by "First, ... Second, ..." sentences. This module says what a list
context is (`ListContext`: the kind and party its items take), whether a paragraph is the
next item of one, and what an item's phrase is; `items.py` keeps track of the open lists as it
reads the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.extract.actors import find_mentions
from build_tools.extract.attribution import AUTHOR, Attribution, without_report_tag
from build_tools.extract.cues import (
    announces_demands,
    announces_list,
    heading_kind,
    opens_with_ordinal,
)
from build_tools.extract.enumerations import tidy
from build_tools.records import ItemKind

# An unmarked list item has at most this many words (a Markdown list loses its marks).
ITEM_WORDS = 35
# How many paragraphs after an announcement "First, ... Second, ..." still belong to it.
REACH = 2
# "**Ceasefire first.** A truce along ...": a short bold or colon label before an item.
_LABEL = re.compile(r"^\s*(?:\*\*|__)?([^:*]{2,60}?)(?:\*\*|__)?\s*[:.–—]\s+")
# A short paragraph that points back to what came before comments on it; no item.
_COMMENT = re.compile(
    r"^\W*(?:(?:none|all|each|both|neither|either|most|some|any|one) of"
    r" (?:this|these|those|them|it)"
    r"|(?:this|these|those|that|it|they|such) (?:is|are|was|were|would|will|has|have|may|might)"
    r")\b",
    re.IGNORECASE,
)
_FOLLOWING = re.compile(r"\b(?:following|as follows)\b", re.IGNORECASE)


@dataclass
class ListContext:
    """An open list: its items take this party and kind."""

    kind: ItemKind
    who: Attribution
    number: int
    """The paragraph of the announcement or heading."""
    paragraphs: bool
    """True while the following paragraphs may be the list's items."""
    shape: tuple[bool, bool] | None = None
    """The first item's shape (marked, capitalised); None before it."""
    terse: bool = False
    """True for a list announced without a colon ("... its list of demands."): its items are
    terse, and a sentence that reports ("..., officials said") ends it."""


def section_list(heading: str, number: int) -> ListContext | None:
    """The list a section heading announces, with the party its items take: the heading's
    owner ("Kyiv's red lines", "What Moscow wants"), else the author for proposals."""
    kind = heading_kind(heading)
    if kind is None:
        return None
    mentions = [m for m in find_mentions(heading) if m.kind in ("party", "name")]
    owners = [m for m in mentions if m.possessive] or (mentions if kind == "demand" else [])
    who = Attribution(owners[0].party, owners[0].text, owners[0].kind) if owners else AUTHOR
    return ListContext(kind, who, number, paragraphs=True)


def container_kind(word: str) -> ItemKind:
    """The kind of the items a container noun announces ("conditions": demands)."""
    return "demand" if announces_demands(word) else "proposal"


def container_only(text: str) -> bool:
    """True for a phrase that only announces a list ("three steps", "the following")."""
    return len(text.split()) <= 7 and (announces_list(text) or bool(_FOLLOWING.search(text)))


def is_item(listed: ListContext, text: str, sentences: list[str], bulleted: bool) -> bool:
    """True when a paragraph looks like the next item of the list.

    Items of one list look alike: marked ("•", "1.") or not, capitalised or not, as the first
    item is; and no item is prose.
    """
    if listed.shape is not None and listed.shape != shape(text, bulleted):
        return False
    if not bulleted and _COMMENT.match(text):
        return False  # "None of this is new.": a remark on the list, after it
    if listed.terse and (without_report_tag(text.rstrip(" .")) != text.rstrip(" .")):
        return False  # "The talks resume on Monday, officials said.": the report goes on
    return not prose(text, sentences, bulleted) and not announces_list(text)


def prose(text: str, sentences: list[str], bulleted: bool) -> bool:
    """True for a paragraph of prose: unmarked and long, or of several sentences (a short
    label and one sentence, "Ceasefire first. A truce along ...", still makes a list item)."""
    if bulleted:
        return False
    label = len(sentences) == 2 and len(sentences[0].split()) <= 3
    return len(text.split()) > ITEM_WORDS or (len(sentences) > 1 and not label)


def shape(text: str, bulleted: bool) -> tuple[bool, bool]:
    """What list items of one list share: a list mark, and a capital at the start or not."""
    return bulleted, text.strip().strip("*_")[:1].isupper()


def item_phrase(text: str, sentences: list[str]) -> str:
    """A list item's phrase: its first sentence (with the second after a short label), without
    an ordinal ("Second,") or a label ("Ceasefire first:")."""
    phrase = sentences[0] if sentences else text
    if len(phrase.split()) < 4 and len(sentences) > 1:
        phrase = f"{phrase} {sentences[1]}"
    phrase = phrase[opens_with_ordinal(phrase) :]
    return tidy(_LABEL.sub("", phrase))
