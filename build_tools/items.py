"""Items: the cleaned body in, demands and proposals (`Item` records) out.

A sentence with a cue from `rules/cues.yml` yields an item; its party is the gazetteer party
named before the cue, else the article's author for a recommendation ("should", "must").
Negated or opposed sentences yield nothing.
"""

from __future__ import annotations

import re
from functools import cache

from build_tools.actors import find_parties
from build_tools.records import Item, ItemKind, Paragraph
from build_tools.rules import compile_patterns
from build_tools.sentences import split_sentences


@cache
def _cues(kind: ItemKind) -> list[re.Pattern[str]]:
    return compile_patterns("cues", f"{kind}_cues")


@cache
def _negations() -> list[re.Pattern[str]]:
    return compile_patterns("cues", "negations")


def find_demands(body: tuple[Paragraph, ...]) -> tuple[Item, ...]:
    """Demands put forward by actors in the article."""
    return _find(body, "demand")


def find_proposals(body: tuple[Paragraph, ...]) -> tuple[Item, ...]:
    """Plans, proposals and recommendations, with who puts them forward."""
    return _find(body, "proposal")


def _find(body: tuple[Paragraph, ...], kind: ItemKind) -> tuple[Item, ...]:
    items = []
    for paragraph in body:
        if paragraph.heading:
            continue
        for sentence in split_sentences(paragraph.text):
            cue = next((m for p in _cues(kind) if (m := p.search(sentence))), None)
            if cue is None or any(n.search(sentence) for n in _negations()):
                continue
            before = [p for p in find_parties(sentence) if p[1] < cue.start()]
            actor = before[0][0] if before else "author"
            text = sentence[cue.end() :].strip(" :,.") or sentence
            items.append(
                Item(
                    kind=kind,
                    actor=actor,
                    text=text,
                    evidence=sentence,
                    paragraph=paragraph.anchor,
                    stance="reported" if kind == "proposal" and actor != "author" else None,
                )
            )
    return tuple(items)
