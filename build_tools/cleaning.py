"""Cleaning: a `Source` in, a `Cleaned` article out.

Every block of the scrape gets a kind: body (`paragraph`, `heading`), furniture that carries
metadata (`title`, `byline`, `date`, `caption`, `related`, `source`, `bio`, `publication`) or
`junk`. Paragraphs the scrape split mid-sentence are joined, and the body gets stable anchors.
The vocabulary (junk patterns, cue words) is in `rules/cleaning.yml`; this module holds the
order in which the rules apply and the few judgements that need more than a pattern (telling
a real section heading from a dropped-in headline of another article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from build_tools.dates import date_only
from build_tools.markup import parse_blocks
from build_tools.records import Block, BlockKind, Cleaned, Paragraph, Source
from build_tools.rules import compile_patterns, compile_rule, load_rules, rule_list, stopwords

_WORD = re.compile(r"[\w’'-]+")
_URL_ONLY = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Rules:
    junk: list[re.Pattern[str]]
    disclaimer: list[re.Pattern[str]]
    related: re.Pattern[str]
    source: re.Pattern[str]
    caption: list[re.Pattern[str]]
    byline: re.Pattern[str]
    bio: re.Pattern[str]
    breadcrumb_separators: re.Pattern[str]
    breadcrumb_words: frozenset[str]
    dangling: frozenset[str]
    sentence_end: re.Pattern[str]
    furniture_max_words: int
    heading_max_words: int
    teaser_threshold: int
    bio_max_words: int
    bio_window: int


@cache
def _rules() -> _Rules:
    raw = load_rules("cleaning")
    return _Rules(
        junk=compile_patterns("cleaning", "junk"),
        disclaimer=compile_patterns("cleaning", "disclaimer"),
        related=compile_rule("cleaning", "related"),
        source=compile_rule("cleaning", "source"),
        caption=compile_patterns("cleaning", "caption"),
        byline=compile_rule("cleaning", "byline"),
        bio=compile_rule("cleaning", "bio", ignore_case=False),
        breadcrumb_separators=compile_rule("cleaning", "breadcrumb_separators"),
        breadcrumb_words=frozenset(w.lower() for w in rule_list("cleaning", "breadcrumb_words")),
        dangling=frozenset(w.lower() for w in rule_list("cleaning", "dangling_words")),
        sentence_end=compile_rule("cleaning", "sentence_end"),
        furniture_max_words=int(raw["furniture_max_words"]),
        heading_max_words=int(raw["heading_max_words"]),
        teaser_threshold=int(raw["teaser_threshold"]),
        bio_max_words=int(raw["bio_max_words"]),
        bio_window=int(raw["bio_window"]),
    )


def clean(source: Source) -> Cleaned:
    """Classify the blocks of `source`, join split paragraphs and anchor the body."""
    blocks = parse_blocks(source.text)
    blocks = classify_blocks(blocks)
    body = join_broken_paragraphs([b for b in blocks if b.kind in ("paragraph", "heading")])
    return Cleaned(blocks=tuple(blocks), body=anchor_body(body))


def classify_blocks(blocks: list[Block]) -> list[Block]:
    """Give each block its kind, in the order: title, furniture, then body or teaser."""
    if not blocks:
        return []
    out = list(blocks)
    title_at = _find_title(out)
    title = out[title_at].text if title_at is not None else None
    if title_at is not None:
        out[title_at] = replace(out[title_at], kind="title", reason="title")
    after_source = False
    for i, block in enumerate(out):
        if i == title_at:
            continue
        kind, reason = _furniture_kind(block, title, after_source)
        after_source = kind == "source" or (after_source and kind == "junk")
        if kind is not None:
            out[i] = replace(block, kind=kind, reason=reason)
    _mark_bio(out)
    _mark_headings_and_teasers(out)
    return out


def _find_title(blocks: list[Block]) -> int | None:
    """Index of the title block: a level-1 heading, a line repeated inside a breadcrumb, or
    the first heading-like line before the body starts."""
    window = blocks[:8]
    for i, block in enumerate(window):
        if block.kind == "heading" and block.level == 1:
            return i
    for i, block in enumerate(window):
        for other in window[i + 1 : i + 3]:
            if other.text != block.text and block.text.endswith(other.text) and _short(other):
                return blocks.index(other)
    for i, block in enumerate(window):
        if _furniture_only(block):
            continue
        if _heading_like(block) or block.kind == "heading":
            return i
        return None
    return None


def _furniture_only(block: Block) -> bool:
    r = _rules()
    text = block.text
    return (
        bool(r.byline.match(text))
        or date_only(text) is not None
        or any(p.search(text) for p in r.junk)
        or bool(r.breadcrumb_separators.search(text) and _breadcrumb(text, None))
    )


def _furniture_kind(
    block: Block, title: str | None, after_source: bool
) -> tuple[BlockKind | None, str]:
    """The furniture kind of a block, or None when it may be body text."""
    r = _rules()
    text = block.text
    words = _word_count(text)
    if title is not None and _same_text(text, title):
        return "junk", "repeated title"
    if title is not None and _breadcrumb(text, title):
        return "junk", "breadcrumb"
    if after_source and (_URL_ONLY.match(text) or _only_links(block)):
        return "source", "source address"
    if r.source.match(text) and (words <= 4 or _URL_ONLY.match(r.source.sub("", text, 1))):
        return "source", "source footer"
    if any(p.search(text) for p in r.disclaimer) and words <= 60:
        return "publication", "disclaimer"
    if words > r.furniture_max_words and not r.related.match(text):
        return _caption_kind(block, words)
    if r.related.match(text):
        return "related", "related article"
    if r.byline.match(text) and not r.sentence_end.search(text.rstrip(".")):
        return "byline", "byline"
    if date_only(text) is not None:
        return "date", "date line"
    if any(p.search(text) for p in r.junk):
        return "junk", "page furniture"
    if _breadcrumb(text, None):
        return "junk", "breadcrumb"
    return _caption_kind(block, words)


def _caption_kind(block: Block, words: int) -> tuple[BlockKind | None, str]:
    if words > 40:
        return None, ""
    text = block.text
    if any(p.search(text) for p in _rules().caption):
        return "caption", "caption"
    # A short line that ends in a credit link whose anchor is a bare domain: a photo credit.
    last = block.links[-1] if block.links else None
    if last is not None and last.end >= len(text.rstrip(" .)")) and _DOMAIN.match(last.text):
        return "caption", "credit link"
    if block.raw.lstrip().startswith("![") and words <= 40:
        return "caption", "image"
    return None, ""


def _mark_bio(blocks: list[Block]) -> None:
    """Mark an author bio line among the last few body blocks."""
    r = _rules()
    body = [i for i, b in enumerate(blocks) if b.kind == "paragraph"]
    for i in body[-r.bio_window :]:
        text = blocks[i].text.strip("*_ ")
        if _word_count(text) <= r.bio_max_words and r.bio.match(text):
            blocks[i] = replace(blocks[i], kind="bio", reason="author bio")


def _mark_headings_and_teasers(blocks: list[Block]) -> None:
    """Short stand-alone lines between paragraphs: real section headings or other articles'
    headlines dropped in by the scrape."""
    r = _rules()
    for i, block in enumerate(blocks):
        if block.kind not in ("paragraph", "heading"):
            continue
        if block.kind == "paragraph" and not _heading_like(block):
            continue
        following = _next_body_text(blocks, i)
        if following is None:
            if block.kind == "paragraph" and _short(block) and not block.text.endswith("."):
                blocks[i] = replace(block, kind="junk", reason="trailing line")
            continue
        score = _teaser_score(block, following)
        if score >= r.teaser_threshold:
            blocks[i] = replace(block, kind="junk", reason="headline of another article")
        elif block.kind == "paragraph":
            blocks[i] = replace(block, kind="heading", level=2, reason="stand-alone heading")


def _teaser_score(block: Block, following: str) -> int:
    """Points for looking like another article's headline rather than a section heading."""
    text = block.text
    words = _word_count(text)
    score = 0
    if words >= 9:
        score += 2
    if words >= 13:
        score += 1
    if re.search(r"\w: \w", text):
        score += 1
    names = re.findall(r"(?<=[\w,] )[A-Z][a-z]+", text)
    if len(names) >= 2:
        score += 1
    if block.links and block.links[0].start == 0 and block.links[-1].end >= len(text) - 1:
        score += 2  # the whole line is a link: a teaser
    own = _content_words(text)
    if own and own & _content_words(following):
        score -= 2
    elif own:
        score += 1
    if block.kind == "heading" and words < 9:
        score -= 2
    return score


def _next_body_text(blocks: list[Block], i: int) -> str | None:
    for block in blocks[i + 1 :]:
        if block.kind == "paragraph" and not _heading_like(block):
            return block.text
        if block.kind in ("paragraph", "heading"):
            continue
    return None


def join_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """Join body paragraphs the scrape split mid-sentence (junk between them already gone)."""
    r = _rules()
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "paragraph"
            and block.kind == "paragraph"
            and _cut_mid_sentence(prev.text, block.text, r)
        ):
            out[-1] = _join(prev, block)
        else:
            out.append(block)
    return out


def _cut_mid_sentence(prev: str, nxt: str, r: _Rules) -> bool:
    if r.sentence_end.search(prev):
        return False
    first = nxt[:1]
    last_word = prev.rsplit(" ", 1)[-1].lower().strip(",;")
    if first.islower() or first in ",;)–—":
        return True
    return prev.endswith(",") or last_word in r.dangling


def _join(a: Block, b: Block) -> Block:
    shift = len(a.text) + 1
    moved = tuple(replace(link, start=link.start + shift, end=link.end + shift) for link in b.links)
    return replace(a, text=f"{a.text} {b.text}", raw=f"{a.raw}\n\n{b.raw}", links=a.links + moved)


def anchor_body(blocks: list[Block]) -> tuple[Paragraph, ...]:
    """Body blocks as `Paragraph`s with anchors `p-1`, `p-2`, ... (headings `h-1`, ...)."""
    out = []
    paragraphs = headings = 0
    for block in blocks:
        if block.kind == "heading":
            headings += 1
            anchor = f"h-{headings}"
            out.append(Paragraph(anchor, block.text, block.line, block.links, True, block.level))
        else:
            paragraphs += 1
            out.append(Paragraph(f"p-{paragraphs}", block.text, block.line, block.links))
    return tuple(out)


def _heading_like(block: Block) -> bool:
    """Short, no sentence end, not cut off mid-sentence: could be a heading or headline."""
    r = _rules()
    text = block.text.strip()
    if not text or _word_count(text) > r.heading_max_words + 6:
        return False
    if r.sentence_end.search(text) and not text.endswith("?"):
        return False
    last = text.rsplit(" ", 1)[-1].lower()
    if last in r.dangling or text.endswith(","):
        return False
    return text[:1].isupper() or text[:1].isdigit() or block.marked


def _breadcrumb(text: str, title: str | None) -> bool:
    """A navigation trail: short section names, maybe ending in the title."""
    r = _rules()
    rest = text
    if title is not None:
        if not text.endswith(title) or text == title:
            return False
        rest = text[: -len(title)]
    parts = [p.strip() for p in r.breadcrumb_separators.split(rest) if p.strip()]
    if not parts:
        return title is not None
    if title is not None and _word_count(rest) <= 6:
        return True
    tokens = [
        t.lower() for p in parts for t in ([p] if p.lower() in r.breadcrumb_words else p.split())
    ]
    return len(parts) >= 2 and all(t in r.breadcrumb_words for t in tokens)


def _only_links(block: Block) -> bool:
    covered = sum(link.end - link.start for link in block.links)
    return bool(block.links) and covered >= len(block.text.strip("<> ")) - 2


def _same_text(a: str, b: str) -> bool:
    return a.strip(" #*").lower() == b.strip(" #*").lower()


def _short(block: Block) -> bool:
    return _word_count(block.text) <= _rules().heading_max_words + 6


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _content_words(text: str) -> set[str]:
    words = {w.lower().strip("'’-") for w in _WORD.findall(text)}
    return {w[:6] for w in words if len(w) > 3 and w not in stopwords()}


def related_title(text: str) -> str:
    """The title a related-article line points to ("Related article: X" -> "X")."""
    return _rules().related.sub("", text, count=1).strip(" *_")
