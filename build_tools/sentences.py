"""Sentences: a paragraph's text in, sentence spans out.

A regular-expression splitter: fast (the whole extraction must stay within a few
milliseconds an article) and good enough for edited prose. A full stop after an
abbreviation from `rules/sentences.yml` or a single initial does not end a sentence.
"""

from __future__ import annotations

import re
from functools import cache

from build_tools.rules import rule_list

# A sentence ends at . ! ? or … , maybe followed by closing quotes or brackets, then space,
# then something that can start a sentence.
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-ÖØ-ÞА-ЯІЇЄҐ])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*[\"”’')\]]*$")


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in rule_list("sentences", "abbreviations"))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of `text`, white space between them excluded."""
    spans = []
    start = 0
    abbreviations = _abbreviations()
    for m in _BOUNDARY.finditer(text):
        if text[m.start()] == ".":
            word = _WORD_BEFORE.search(text, start, m.start() + 1)
            token = word.group(1).lower().rstrip(".") if word else ""
            if token in abbreviations or (len(token) == 1 and token.isalpha()):
                continue
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`."""
    return [text[s:e] for s, e in sentence_spans(text)]
