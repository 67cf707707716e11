"""Sentences: a paragraph's text in, sentence spans out.

A regular-expression splitter: fast (the whole extraction must stay within a few
milliseconds an article) and good enough for edited prose. A full stop after an
abbreviation from `rules/sentences.yml` or a single initial does not end a sentence.
"""

from __future__ import annotations

import re
from functools import cache

from build_tools.article_cache import per_article
from build_tools.rules import ends_no_sentence, rule_list

# A sentence ends at . ! ? or … , maybe followed by closing quotes or brackets, then space,
# then something that can start a sentence. A run of marks is matched from its first mark
# only, and whole (possessive quantifiers): otherwise a run of 20,000 full stops is tried
# from each of its marks to its end, and a paragraph of them takes seconds (issue 15).
# A footnote's number printed right after the mark ("Donbas.42 (A memorandum ...", "... .)43")
# is part of the sentence it closes; after a digit the mark is a decimal point ("2.5 Million").
_BOUNDARY = re.compile(
    r"(?<![.!?…])[.!?…]++[\"”’')\]»]*+(?:(?<=[a-z][.!?…])\d{1,3}|(?<=[.!?…][)\]”’\"])\d{1,3})?"
    r"(?=\s+[\"“‘'(\[«]?[A-Z0-9À-ÖØ-ÞА-ЯІЇЄҐ])"
)
# The longest sentence: past it, a sentence is cut at a space (a link's context and an
# item's evidence are a sentence, and a paragraph without a sentence end, such as a list of
# thousands of addresses run together, would make each as long as the paragraph).
MAX_SENTENCE = 1_500
_OPENERS = "\"“‘'([*_«"


# Links, items and the summary each split the same paragraphs: split each once per article.
@per_article
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of each sentence of `text`, white space between them excluded."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if text[m.start()] == "." and _abbreviation_before(text, start, m.start()):
            continue
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    if "." in text and _glued().search(text):
        spans = [part for span in spans for part in _unglued(text, *span)]
    if any(e - s > MAX_SENTENCE for s, e in spans):
        return tuple(part for span in spans for part in _capped(text, *span))
    return tuple(spans)


def _unglued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut after each full stop a scrape glued to the next sentence's first word
    ("late on February 18.The panel proposed A")."""
    out = []
    for m in _glued().finditer(text, start, end):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, end))
    return out


@cache
def _glued() -> re.Pattern[str]:
    """A full stop after two small letters or digits, right before a word that opens
    sentences (`glued_openers`, sentences.yml) and a space, or before an opening quotation
    mark and a capital."""
    openers = "|".join(rule_list("sentences", "glued_openers"))
    return re.compile(rf"(?<=[a-z0-9]{{2}})\.(?=(?:{openers})\s|“(?-i:[A-Z]))")


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut into pieces of at most `MAX_SENTENCE` characters, each after a space
    where there is one (white space between pieces excluded)."""
    out = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut < 0:
            cut = start + MAX_SENTENCE
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        out.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def _abbreviation_before(text: str, start: int, dot: int) -> bool:
    """True when the word ending at the full stop `dot` is an abbreviation ("Gen.", "U.S.")
    or a single initial ("J."): the stop does not end the sentence."""
    space = text.rfind(" ", start, dot)
    return ends_no_sentence(text[space + 1 if space >= 0 else start : dot].lstrip(_OPENERS))


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`."""
    return [text[s:e] for s, e in sentence_spans(text)]
