"""Summary: the cleaned body in, a short summary out.

Extractive: the lead sentence, then the sentences whose words the article repeats most,
in article order. No model, no download; stable for the same input.
"""

from __future__ import annotations

import re
from collections import Counter

from build_tools.records import Paragraph
from build_tools.rules import stopwords
from build_tools.sentences import split_sentences

_WORD = re.compile(r"[A-Za-z][\w'-]+")
MAX_SENTENCES = 3
MAX_CHARS = 600


def summarize(body: tuple[Paragraph, ...]) -> str:
    """Up to three sentences: the lead, then the most central ones, in article order."""
    sentences: list[str] = []
    for paragraph in body:
        if not paragraph.heading:
            sentences.extend(s for s in split_sentences(paragraph.text) if len(s) > 30)
    if not sentences:
        return ""
    counts = Counter(w for s in sentences for w in _content_words(s))
    scored = sorted(
        range(1, len(sentences)),
        key=lambda i: (
            -sum(counts[w] for w in set(_content_words(sentences[i])))
            / (len(_content_words(sentences[i])) + 5)
        ),
    )
    chosen = [0]
    total = len(sentences[0])
    for i in scored:
        if len(chosen) >= MAX_SENTENCES or total + len(sentences[i]) > MAX_CHARS:
            continue
        chosen.append(i)
        total += len(sentences[i])
    return " ".join(sentences[i] for i in sorted(chosen))


def _content_words(sentence: str) -> list[str]:
    stop = stopwords()
    return [w.lower() for w in _WORD.findall(sentence) if w.lower() not in stop]
