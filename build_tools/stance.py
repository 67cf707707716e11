"""Stance: a proposal and the article's sentences in, how the author treats it out.

`endorsed` for the author's own proposals, `reported` for another party's, and `criticised`
(or `endorsed`) when a sentence in the author's voice judges it: the rest of its own sentence
("..., even though this risks ..."), or a later sentence that names it again ("Pressuring X
to do A may not be the best starting point"). The words are in `rules/stance.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from build_tools.errors import BriefingError
from build_tools.records import Stance
from build_tools.rules import RULES_DIR, load_rules, rule_list, stopwords

_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w’'-]{2,}")


@dataclass(frozen=True, slots=True)
class _Rules:
    criticism: re.Pattern[str]
    endorsement: re.Pattern[str]
    not_author: re.Pattern[str]
    min_shared: int
    min_share: float


def _pattern(key: str) -> re.Pattern[str]:
    joined = "|".join(f"(?:{e})" for e in rule_list("stance", key))
    try:
        return re.compile(rf"(?<![\w-])(?:{joined})(?![\w-])", re.IGNORECASE)
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
        criticism=_pattern("criticism"),
        endorsement=_pattern("endorsement"),
        not_author=re.compile(rf"^\s*(?:{not_author})", re.IGNORECASE),
        min_shared=shared,
        min_share=float(share),
    )


def content_words(text: str) -> set[str]:
    """Lower-case words of three letters or more that are not function words."""
    stop = stopwords()
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in stop}


def judge(
    phrase: str, rest_of_sentence: str, sentences: list[str], words_of: list[set[str]], own: int
) -> Stance:
    """How the author treats a proposal someone else put forward.

    `phrase` is the proposal's own words, `rest_of_sentence` what its sentence says after it,
    `sentences` every sentence of the article (`words_of` their content words) and `own` the
    index of the proposal's sentence.
    """
    r = _rules()
    if r.criticism.search(rest_of_sentence):
        return "criticised"
    words = content_words(phrase)
    if not words:
        return "reported"
    for i, sentence in enumerate(sentences):
        if i == own or r.not_author.match(sentence):
            continue
        shared = words & words_of[i]
        if len(shared) < r.min_shared or len(shared) < r.min_share * len(words):
            continue
        if r.criticism.search(sentence):
            return "criticised"
        if r.endorsement.search(sentence):
            return "endorsed"
    return "reported"
