"""Headings: a short stand-alone line inside the body in, a verdict out.

Such a line is either a section heading of the article or the headline of another article that
the scrape dropped between two paragraphs ("teaser"). Both are short lines without a full stop;
no single sign tells them apart, so the line collects points for each sign of a headline and
the total decides (`headline_threshold` in `rules/cleaning.yml`, where every sign and its weight
is listed with the reason for it). In short:

- a headline links to its article, runs long, has a kicker ("Topic: rest"), names people,
  uses news grammar ("X says ..."), is set in Title Case and is often about something else;
- a heading is short, shares an uncommon word with the paragraph under it, and is marked up
  the way the article's other headings are (`#`, bold).

A line that starts with a speaker's label the text uses twice or more ("ANNA ROE: And the
refugees?") is a transcript's text, and plain short lines one under another are a list: neither
is a heading. The cleaner calls `judge_lines` once the body's bounds are known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from build_tools.article_cache import per_article
from build_tools.records import Block
from build_tools.rules import compile_rule, ends_no_sentence, load_rules, rule_list, stopwords

_WORD = re.compile(r"[\w’'-]+")
_WORD_EDGES = "“”\"'‘’()[],.;:!?*_"
_LONG_WORD = re.compile(r"\w[\w’'-]{2,}\w")  # four letters or more, no edge quotes
_INNER_SENTENCE_END = re.compile(r"\w[.!?…。！？][\"”’)]?\s+\S")
_NAME_PAIR = re.compile(r"(?<=[\w,] )[A-Z][a-z’'-]+ [A-Z][a-z’'-]+")


@dataclass(frozen=True, slots=True)
class _Rules:
    points: dict[str, int]
    threshold: int
    verbs: re.Pattern[str]
    sentence_end: re.Pattern[str]
    dangling: frozenset[str]
    not_heading: re.Pattern[str]
    max_words: int


@cache
def _rules() -> _Rules:
    raw = load_rules("cleaning")
    verbs = "|".join(re.escape(v) for v in rule_list("cleaning", "reporting_verbs"))
    return _Rules(
        points={str(k): int(v) for k, v in raw["headline_points"].items()},
        threshold=int(raw["headline_threshold"]),
        verbs=re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE),
        sentence_end=compile_rule("cleaning", "sentence_end"),
        dangling=frozenset(w.lower() for w in rule_list("cleaning", "dangling_words")),
        not_heading=compile_rule("cleaning", "not_heading"),
        max_words=int(raw["heading_max_words"]),
    )


def heading_like(block: Block) -> bool:
    """Short, no full stop, not cut off mid-sentence: could be a heading or a headline."""
    return not block.bullet and _heading_like(block.text.strip(), block.marked)


_TRAILING_NOTE = re.compile(r"\s+\([^().!?;:]{1,30}\)$")


@per_article
def _heading_like(text: str, marked: bool) -> bool:
    # Cached: the cleaner asks about the same lines in several passes.
    r = _rules()
    if not text or len(text) > 250 or len(text.split()) > r.max_words + 6:
        return False
    if r.not_heading.match(text):
        return False
    # "... quota review (Update 2)": a short note in brackets ends no sentence
    core = _TRAILING_NOTE.sub("", text) or text
    if r.sentence_end.search(core) and not core.endswith("?"):
        return False
    if _two_sentences(text) and not is_title_case(text):
        return False  # two sentences ("... this sentence. {: ...}"): text, not a heading
    last = text.rsplit(" ", 1)[-1]
    # "... belongs to" was cut off; "... Sovereignty Is Not" is a title in Title Case.
    if (last.lower() in r.dangling and not (last[:1].isupper() and " " in text)) or text.endswith(
        ","
    ):
        return False
    return text[:1].isupper() or text[:1].isdigit() or marked


def _two_sentences(text: str) -> bool:
    """True when a stop inside `text` ends a sentence: not one after an abbreviation or an
    initial ("U.S. offers to cancel tariffs" is one headline; `rules/sentences.yml`)."""
    for m in _INNER_SENTENCE_END.finditer(text):
        dot = m.start() + 1
        if text[dot] != ".":
            return True
        if not ends_no_sentence(text[:dot].rsplit(" ", 1)[-1].lstrip("\"“‘'([")):
            return True
    return False


def judge_lines(blocks: list[Block], first: int, last: int) -> None:
    """Make each stand-alone line between blocks `first` and `last` a heading or a headline.

    `blocks` is changed in place; lines already classified as furniture are left alone.
    """
    speakers = _speaker_labels(blocks, first, last)
    candidates = [
        i
        for i in range(first + 1, last)
        if blocks[i].kind in ("paragraph", "heading")
        and heading_like(blocks[i])
        and not blocks[i].reason  # already judged by the cleaner (e.g. half of a sentence)
        and _label(blocks[i].text) not in speakers  # "NAME: And the refugees?" is the text
    ]
    if not candidates:
        return
    lines = set(candidates)
    prose = [b.text for i, b in enumerate(blocks) if b.kind == "paragraph" and i not in lines]
    topic = _Topic.of(prose)
    marked = sum(1 for i in candidates if _marked_up(blocks[i]))
    for i in candidates:
        block = blocks[i]
        following = _next_paragraph(blocks, i, lines)
        plain_among_marked = marked > 0 and not _marked_up(block)
        score = headline_score(block, following, topic, plain_among_marked)
        if score >= _rules().threshold:
            blocks[i] = replace(
                block, kind="related", reason=f"headline of another article ({score})"
            )
        elif block.kind == "paragraph" and not block.marked and _in_a_run(blocks, i, lines):
            # Short plain lines one under another are a list (key points, names), not
            # headings: a heading has text under it.
            blocks[i] = replace(block, reason=f"list line ({score})")
        else:
            level = block.level if block.kind == "heading" and block.level > 1 else 2
            blocks[i] = replace(block, kind="heading", level=level, reason=f"heading ({score})")


def _in_a_run(blocks: list[Block], i: int, lines: set[int]) -> bool:
    """The body block next to `i` (either side) is another plain stand-alone line."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(blocks) and blocks[j].kind not in ("paragraph", "heading"):
            j += step
        if j in lines and blocks[j].kind == "paragraph" and not blocks[j].marked:
            return True
    return False


_LABEL = re.compile(r"^([^:\n]{2,40}):\s")


def _label(text: str) -> str:
    """The "Label:" a line starts with ("ANNA ROE:", "Q:"), or ""."""
    m = _LABEL.match(text)
    return m.group(1) if m and len(m.group(1).split()) <= 4 else ""


def _speaker_labels(blocks: list[Block], first: int, last: int) -> frozenset[str]:
    """Labels that start two or more body blocks: the speakers of a transcript."""
    seen: dict[str, int] = {}
    for block in blocks[first : last + 1]:
        if block.kind in ("paragraph", "heading") and ":" in block.text[:42]:
            label = _label(block.text)
            if label:
                seen[label] = seen.get(label, 0) + 1
    return frozenset(label for label, n in seen.items() if n >= 2)


@dataclass(frozen=True, slots=True)
class _Topic:
    """The article's prose, to ask how often a word stem occurs in it."""

    text: str
    """The prose paragraphs, lower case, joined."""
    paragraphs: int

    @staticmethod
    def of(paragraphs: list[str]) -> _Topic:
        return _Topic(" ".join(paragraphs).lower(), len(paragraphs))

    def count(self, stem: str) -> int:
        # A substring count (fast, in C): "guara" counts "guarantee" and "guaranteed".
        return self.text.count(stem)

    def common(self, stem: str) -> bool:
        """As frequent as one use in every third paragraph: the article's subject, not the
        topic of one section."""
        return self.count(stem) * 3 >= max(self.paragraphs, 3)


def headline_score(block: Block, following: str, topic: _Topic, plain_among_marked: bool) -> int:
    """Points for looking like another article's headline rather than a section heading."""
    p = _rules().points
    text = block.text
    words = len(_WORD.findall(text))
    score = 0
    if block.links and block.links[0].start == 0 and block.links[-1].end >= len(text) - 1:
        score += p["whole_line_link"]
    score += sum(p[f"words_{n}"] for n in (7, 9, 13) if words >= n)
    if re.search(r"\w: \w", text):
        score += p["colon_subtitle"]
    # A line in capitals is set like a plain-text section heading, not like a headline.
    title_case = is_title_case(text) and not text.isupper()
    if title_case:
        score += p["title_case"]
    elif _NAME_PAIR.search(text.split(": ", 1)[-1]):
        score += p["person_name"]
    if _rules().verbs.search(text):
        score += p["reporting_verb"]
    own = stems(text)
    if len(own) >= 2 and sum(1 for s in own if topic.count(s)) * 2 < len(own):
        score += p["off_topic"]
    if any(not topic.common(s) for s in own & stems(following)):
        score += p["on_topic"]
    if block.kind == "heading" and block.level > 1:
        score += p["markdown_heading"]
    elif block.marked:
        score += p["bold_line"]
    if plain_among_marked:
        score += p["unlike_other_headings"]
    return score


@per_article
def stems(text: str) -> frozenset[str]:
    """Content words of `text` cut to five letters (a crude stem: "guarantees" ~ "guarantee")."""
    words = {w.strip(_WORD_EDGES) for w in text.lower().split()} - stopwords()
    return frozenset(w[:5] for w in words if len(w) > 3)


@per_article
def is_title_case(text: str) -> bool:
    """Most words of four letters or more capitalised, as headlines and titles are set."""
    if len(text) > 300:
        return False  # a paragraph, whatever its capitals
    stop = stopwords()
    words = [w for w in _LONG_WORD.findall(text) if w.lower() not in stop]
    return len(words) >= 3 and sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words)


def _marked_up(block: Block) -> bool:
    return (block.kind == "heading" and block.level > 1) or block.marked


def _next_paragraph(blocks: list[Block], i: int, lines: set[int]) -> str:
    for j in range(i + 1, len(blocks)):
        if blocks[j].kind == "paragraph" and j not in lines:
            return blocks[j].text
    return ""
