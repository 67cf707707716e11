"""Candidates: the cleaned body and the rules' items in, one described sentence each out.

Every body sentence may put a demand or a proposal forward. A `Candidate` is the sentence
with the features the learned classifier reads (`classifier.py`): its words and word pairs,
the cue rules that fire in it and why each was rejected (`cues.py`), the kinds of party it
names (`actors.py`), its length, list shape and place in the article, and which kinds of
item the rules already found in it. The vocabulary is in `rules/learning.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from build_tools.errors import BriefingError
from build_tools.extract.actors import find_mentions
from build_tools.extract.cues import find_cues, why_not
from build_tools.extract.enumerations import strip_bullet
from build_tools.extract.sentences import split_sentences
from build_tools.records import Item, ItemKind, Paragraph
from build_tools.rules import RULES_DIR, load_rules

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+")
_QUOTES = frozenset('"“”«»')


@dataclass(frozen=True, slots=True)
class FeatureSettings:
    """`features` of `rules/learning.yml`."""

    max_ngram: int
    length_step: int
    max_length: int
    paragraph_cap: int
    max_pieces: int
    lexicon: dict[str, str]
    """Word -> `demand` or `proposal`: the words that are features of their own."""
    gate: bool = False
    """The model adds an item of a kind only to a sentence holding a word of that kind's
    lexicon or a cue of that kind (`lex:KIND` or `cue:KIND:...` on)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One body sentence, described for the classifier."""

    sentence: str
    """The sentence as it stands in its paragraph."""
    paragraph: Paragraph
    """The body paragraph holding it."""
    number: int
    """Index of the paragraph in the body."""
    features: frozenset[str]
    """Names of the features that are on (each weighs 1)."""
    ruled: frozenset[ItemKind]
    """Kinds of item the rules found in this sentence."""


@cache
def feature_settings() -> FeatureSettings:
    """`rules/learning.yml`'s `features`, checked."""
    where = str(RULES_DIR / "learning.yml")
    raw = load_rules("learning").get("features")
    if not isinstance(raw, dict):
        raise BriefingError(where, "'features' must be a mapping")
    numbers = {}
    for key in ("max_ngram", "length_step", "max_length", "paragraph_cap", "max_pieces"):
        value = raw.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise BriefingError(where, f"features: '{key}' must be a whole number >= 1")
        numbers[key] = value
    lexicon: dict[str, str] = {}
    for kind in ("demand", "proposal"):
        words = raw.get(f"{kind}_words")
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise BriefingError(where, f"features: '{kind}_words' must be a list of words")
        lexicon.update((w.lower(), kind) for w in words)
    gate = raw.get("gate_by_lexicon", False)
    if not isinstance(gate, bool):
        raise BriefingError(where, "features: 'gate_by_lexicon' must be true or false")
    return FeatureSettings(lexicon=lexicon, gate=gate, **numbers)


def find_candidates(
    body: tuple[Paragraph, ...], demands: tuple[Item, ...], proposals: tuple[Item, ...]
) -> list[Candidate]:
    """Every sentence of the body's paragraphs (headings left out), in reading order."""
    ruled: dict[tuple[str, str], set[ItemKind]] = {}
    for item in (*demands, *proposals):
        ruled.setdefault((item.paragraph, item.evidence), set()).add(item.kind)
    out: list[Candidate] = []
    heading: frozenset[str] = frozenset()
    for number, paragraph in enumerate(body):
        if paragraph.heading:
            heading = frozenset(f"heading:{w}" for w in _WORD.findall(paragraph.text.lower()))
            continue
        text = strip_bullet(paragraph.text)
        bulleted = text != paragraph.text or paragraph.list_item
        in_paragraph = {
            kind
            for (anchor, _), kinds in ruled.items()
            if anchor == paragraph.anchor
            for kind in kinds
        }
        before: frozenset[str] = frozenset()
        for index, sentence in enumerate(split_sentences(text)):
            kinds = frozenset(ruled.get((paragraph.anchor, sentence), ()))
            place = {"para": number, "first": int(index == 0), "bullet": int(bulleted)}
            own = sentence_features(sentence, place, kinds)
            # What surrounds the sentence: a list announced just before it, a section
            # headed "Demands", a paragraph in which the rules found items.
            context = {f"before:{f}" for f in before}
            context.update(f"paragraph:rule:{kind}" for kind in in_paragraph)
            features = own | heading | context
            before = frozenset(
                f for f in own if f.startswith(("cue:", "lex:", "rule:")) or f.endswith(":colon")
            )
            out.append(Candidate(sentence, paragraph, number, features, kinds))
    return out


def sentence_features(
    sentence: str, place: dict[str, int], ruled: frozenset[ItemKind] = frozenset()
) -> frozenset[str]:
    """The features of one sentence; `place` gives its paragraph number (`para`), whether it
    opens its paragraph (`first`) and whether the paragraph is a list item (`bullet`)."""
    s = feature_settings()
    words = _WORD.findall(sentence.lower())
    on = {"bias", *(f"w:{w}" for w in words)}
    for n in range(2, s.max_ngram + 1):
        on.update("g:" + "_".join(words[i : i + n]) for i in range(len(words) - n + 1))
    on.update(f"lex:{s.lexicon[w]}:{w}" for w in words if w in s.lexicon)
    on.update(f"lex:{s.lexicon[w]}" for w in words if w in s.lexicon)
    for cue in find_cues(sentence):
        reason = why_not(sentence, cue)
        on.add(f"cue:{cue.rule.name}")
        on.add(f"cue:{cue.rule.kind}:{'rejected' if reason else 'kept'}")
        if reason:
            on.add(f"rejected:{reason}")
    mentions = find_mentions(sentence)
    on.update(f"mention:{m.kind}" for m in mentions)
    if mentions and mentions[0].start < 30:
        on.add(f"mention:early:{mentions[0].kind}")
    # A word of the lexicon after a named party ("the union is seeking ..."): the shape of a
    # party putting something forward, whatever the words between.
    named = [m.end for m in mentions if m.kind in ("party", "name", "group")]
    if named:
        low = sentence.lower()
        first = min(named)
        for m in _WORD.finditer(low, first):
            kind = s.lexicon.get(m.group())
            if kind is not None:
                on.add(f"lex:{kind}:after_party")
                on.add(f"lex:{kind}:{m.group()}:after_party")
    # How list-like the sentence is, by its separators (cutting the list itself costs more).
    separators = sentence.count(", ") + sentence.count("; ") + sentence.count(" and ")
    on.add(f"pieces:{min(1 + separators, s.max_pieces)}")
    on.add(f"length:{min(len(words) // s.length_step, s.max_length)}")
    if any(c in _QUOTES for c in sentence):
        on.add("quote")
    if sentence.rstrip().endswith("?"):
        on.add("question")
    if sentence.rstrip().endswith(":"):
        on.add("ends:colon")
    on.add(f"para:{min(place.get('para', 0), s.paragraph_cap)}")
    on.update(f"{k}" for k in ("first", "bullet") if place.get(k))
    on.update(f"rule:{kind}" for kind in ruled)
    return frozenset(on)
