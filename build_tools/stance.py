"""Stance: a proposal and the article's sentences in, how the author treats it out.

`endorsed` for the author's own proposals, `reported` for another party's, and `criticised`
(or `endorsed`) when a sentence in the author's voice judges it: the rest of its own sentence
("..., even though this risks ..."), or a later sentence that names it again ("Pressuring X
to do A may not be the best starting point"). The words are in `rules/stance.yml`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import cast

from build_tools.errors import BriefingError
from build_tools.phrases import PhraseSet, phrase_set
from build_tools.records import Stance
from build_tools.rules import RULES_DIR, load_rules, rule_list, stopwords

_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w’'-]{2,}")


@dataclass(frozen=True, slots=True)
class _Rules:
    criticism: PhraseSet
    endorsement: PhraseSet
    not_author: re.Pattern[str]
    min_shared: int
    min_share: float


def _phrases(key: str) -> PhraseSet:
    try:
        return phrase_set(rule_list("stance", key))
    except re.error as exc:
        where = str(RULES_DIR / "stance.yml")
        raise BriefingError(where, f"bad pattern in {key!r} ({exc})") from None


@cache
def _rules() -> _Rules:
    raw = load_rules("stance")
    shared, share = raw.get("min_shared", 3), raw.get("min_share", 0.3)
    if not isinstance(shared, int) or not isinstance(share, int | float):
        raise BriefingError(str(RULES_DIR / "stance.yml"), "min_shared and min_share are numbers")
    not_author = "|".join(f"(?:{e})" for e in rule_list("stance", "not_author"))
    return _Rules(
        criticism=_phrases("criticism"),
        endorsement=_phrases("endorsement"),
        not_author=re.compile(rf"^\s*(?:{not_author})", re.IGNORECASE),
        min_shared=shared,
        min_share=float(share),
    )


def content_words(text: str) -> set[str]:
    """Lower-case words of three letters or more that are not function words."""
    stop = stopwords()
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in stop}


@dataclass(frozen=True, slots=True)
class Judgement:
    """A sentence in the author's voice that judges something."""

    index: int
    """The sentence's number in the article."""
    stance: Stance
    """`criticised` or `endorsed`."""
    words: frozenset[str]
    """Its content words."""


def find_judgements(sentences: list[str]) -> list[Judgement]:
    """The sentences of the article that judge something in the author's voice.

    One search over the joined text finds the judging words; only their sentences are read
    further, so that articles with many sentences cost little more than short ones.
    """
    r = _rules()
    joined = "\n".join(sentences)
    starts = []
    offset = 0
    for sentence in sentences:
        starts.append(offset)
        offset += len(sentence) + 1
    found: dict[int, Stance] = {}
    for pattern, stance in ((r.criticism, "criticised"), (r.endorsement, "endorsed")):
        for start, _ in pattern.finditer(joined):
            i = bisect_right(starts, start) - 1
            found.setdefault(i, cast(Stance, stance))
    return [
        Judgement(i, stance, frozenset(content_words(sentences[i])))
        for i, stance in sorted(found.items())
        if not r.not_author.match(sentences[i])
    ]


def judge(phrase: str, rest_of_sentence: str, judgements: list[Judgement], own: int) -> Stance:
    """How the author treats a proposal someone else put forward.

    `phrase` is the proposal's own words, `rest_of_sentence` what its sentence says after it,
    `judgements` the article's judging sentences and `own` the number of the proposal's
    sentence.
    """
    r = _rules()
    if r.criticism.search(rest_of_sentence):
        return "criticised"
    words = content_words(phrase)
    if not words:
        return "reported"
    for judgement in judgements:
        if judgement.index == own:
            continue
        shared = words & judgement.words
        if len(shared) >= r.min_shared and len(shared) >= r.min_share * len(words):
            return judgement.stance
    return "reported"
