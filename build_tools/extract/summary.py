"""Summary: the cleaned body in, a one-paragraph summary out.

Extractive and deterministic, no model: the article's **lead** (its deck or first sentence,
with the second when the first is short), its **thesis** (the author's own recommendation
that best matches what the article is about) and its most **central** sentence (the one whose
words and word pairs the article repeats most), in article order, within a few sentences.
The vocabulary is `rules/summary.yml`.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from build_tools.errors import BriefingError
from build_tools.extract.phrases import PhraseSet, phrase_set
from build_tools.extract.sentences import split_sentences
from build_tools.extract.stance import joined_word_text, word_text
from build_tools.records import Paragraph
from build_tools.rules import RULES_DIR, load_rules, rule_list, stopwords

_QUOTATION = re.compile(r"[“\"][^”\"]*(?:\s\S+){3}")


@dataclass(frozen=True, slots=True)
class _Rules:
    thesis: PhraseSet
    reported: PhraseSet
    short_lead_words: int
    key_terms: int
    max_sentences: int
    max_chars: int
    min_sentence_words: int


@cache
def _rules() -> _Rules:
    raw = load_rules("summary")
    numbers = {}
    keys = ("short_lead_words", "key_terms", "max_sentences", "max_chars", "min_sentence_words")
    for key in keys:
        value = raw.get(key)
        if not isinstance(value, int) or value < 1:
            raise BriefingError(str(RULES_DIR / "summary.yml"), f"'{key}' must be a whole number")
        numbers[key] = value
    try:
        return _Rules(
            thesis=phrase_set(rule_list("summary", "thesis_cues")),
            reported=phrase_set(rule_list("summary", "reported")),
            **numbers,
        )
    except re.error as exc:
        raise BriefingError(str(RULES_DIR / "summary.yml"), f"bad pattern ({exc})") from None


@dataclass(frozen=True, slots=True)
class _Sentence:
    position: int
    text: str
    words: int
    """Number of content words."""
    terms: frozenset[str]
    """Content words and pairs of adjacent content words, lower case."""


def summarize(body: tuple[Paragraph, ...]) -> str:
    """The lead, the thesis, the most central sentence and the key phrases, in article order."""
    r = _rules()
    sentences = _sentences(body)
    if not sentences:
        return ""
    chosen = _lead(sentences)
    weights: Counter[str] = Counter()
    for sentence in sentences:
        weights.update(sentence.terms)
    # log(count) of each repeated term, pairs counted twice: a sentence's score is the sum over
    # its terms (looked up in C, not in a Python loop), per word. The terms are a set, whose
    # order changes with PYTHONHASHSEED: `fsum` is exact, so the score (and which sentence
    # wins a close call) does not depend on the order, as `sum` of floats does.
    repeated = {t: c for t, c in weights.items() if c > 1}
    logs = {t: math.log(c) * (2 if " " in t else 1) for t, c in repeated.items()}
    score = {
        s.position: math.fsum(map(logs.__getitem__, s.terms & logs.keys())) / (s.words + 8)
        for s in sentences
    }
    eligible = [
        s
        for s in sentences
        if s.position not in chosen
        and len(s.text.split()) >= r.min_sentence_words
        and not s.text.rstrip().endswith("?")
    ]
    thesis_at = _marked(sentences, r.thesis) - _quoting(sentences)
    theses = [s for s in eligible if s.position in thesis_at and not r.reported.search(s.text)]
    for pool in (theses, eligible):
        _add_best(pool, chosen, score)
    # The phrases the article repeats most ("security guarantees") belong in its summary.
    for term in _key_terms(repeated, r.key_terms):
        if not any(term in sentences[p].terms for p in chosen):
            _add_best([s for s in eligible if term in s.terms], chosen, score)
    return _join(sentences, chosen)


def _add_best(pool: list[_Sentence], chosen: list[int], score: dict[int, float]) -> None:
    best = max(
        (s for s in pool if s.position not in chosen),
        key=lambda s: (score[s.position], -s.position),
        default=None,
    )
    if best is not None:
        chosen.append(best.position)


def _marked(sentences: list[_Sentence], phrases: PhraseSet) -> set[int]:
    """Positions of the sentences holding one of `phrases` (one search of the joined text)."""
    starts = []
    offset = 0
    for s in sentences:
        starts.append(offset)
        offset += len(s.text) + 1
    joined = "\n".join(s.text for s in sentences)
    return {bisect_right(starts, start) - 1 for start, _ in phrases.finditer(joined)}


def _quoting(sentences: list[_Sentence]) -> set[int]:
    """Positions of sentences that quote someone: their view, not the author's thesis."""
    return {s.position for s in sentences if _QUOTATION.search(s.text)}


def _key_terms(repeated: dict[str, int], n: int) -> list[str]:
    """The `n` word pairs the article repeats most (at least three times), of the terms it
    repeats (a tenth of them all)."""
    pairs = [(count, term) for term, count in repeated.items() if " " in term and count >= 3]
    pairs.sort(key=lambda x: -x[0])
    return [term for _, term in pairs[:n]]


def _sentences(body: tuple[Paragraph, ...]) -> list[_Sentence]:
    stop = stopwords()
    texts = [t for p in body if not p.heading for t in split_sentences(p.text)]
    out: list[_Sentence] = []
    for text, low in zip(texts, _word_texts(texts), strict=True):
        words = [w for w in low.split() if len(w) > 2 and w[0].isalpha() and w not in stop]
        pairs = list(map(" ".join, pairwise(words)))
        out.append(_Sentence(len(out), text, len(words), frozenset(words + pairs)))
    return out


def _word_texts(texts: list[str]) -> list[str]:
    """`word_text` of each text, cut out of one call on them all: much cheaper than a call
    each. A separator that no letter's case looks across keeps each text's lower case its own;
    when lower-casing would move offsets, each text is done alone."""
    joined = "\x1f".join(texts)
    if len(joined.lower()) != len(joined):
        return [word_text(t) for t in texts]
    low = joined_word_text(joined)
    out = []
    at = 0
    for text in texts:
        out.append(low[at : at + len(text)])
        at += len(text) + 1
    return out


def _lead(sentences: list[_Sentence]) -> list[int]:
    """The first sentence, and the second too when the first is short."""
    r = _rules()
    chosen = [0]
    if len(sentences[0].text.split()) < r.short_lead_words and len(sentences) > 1:
        chosen.append(1)
    return chosen


def _join(sentences: list[_Sentence], chosen: list[int]) -> str:
    r = _rules()
    picked: list[int] = []
    total = 0
    for position in chosen[: r.max_sentences]:
        text = sentences[position].text
        if picked and total + len(text) > r.max_chars:
            continue
        picked.append(position)
        total += len(text)
    return " ".join(sentences[p].text for p in sorted(picked))
