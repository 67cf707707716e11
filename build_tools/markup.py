"""Markup: a seed's text in, paragraph-sized `Block`s with plain text and links out.

Seeds are Markdown-ish or plain text. One markdown-it-py parse gives the block structure and
the inline links; this module turns that into plain text with link offsets, one `Block` per
source paragraph, heading or list item. Lines of a paragraph that are really separate
paragraphs (plain-text scrapes put one paragraph on each line) are split here too.
Classifying blocks as body or junk is the cleaner's job, not this module's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from build_tools.records import Block, RawLink
from build_tools.rules import load_rules

_SPACE = re.compile(r"\s+")
_BARE_URL = re.compile(r"(?<![\w/])(?:https?://|www\.)[^\s<>\"'\]\[)(]+[^\s<>\"'\]\[)(.,;:!?]")


class _SourceParser(MarkdownIt):
    """CommonMark that keeps every link target exactly as the source wrote it.

    No percent-encoding, and no refusing `javascript:` targets here: the links are listed as
    the source has them, and the renderer decides what may become a live link.
    """

    def normalizeLink(self, url: str) -> str:
        return url

    def normalizeLinkText(self, link: str) -> str:
        return link

    def validateLink(self, url: str) -> bool:
        return True


@cache
def _parser() -> MarkdownIt:
    md = _SourceParser("commonmark")
    # Scrapes indent paragraphs with spaces; an indented code block is not what they mean.
    md.disable("code")
    return md


def parse_blocks(text: str) -> list[Block]:
    """Paragraph-sized blocks of `text`, in order, all of kind `paragraph` or `heading`."""
    tokens = _parser().parse(text)
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            level = int(tok.tag[1])
            blocks.extend(_blocks_from_inline(inline, lines, tok.map, "heading", level))
            i += 3
            continue
        if tok.type == "paragraph_open":
            inline = tokens[i + 1]
            blocks.extend(_blocks_from_inline(inline, lines, tok.map, "paragraph", 0))
            i += 3
            continue
        if tok.type in ("html_block", "fence", "code_block") and tok.map:
            blocks.extend(_blocks_from_lines(tok.content, tok.map[0]))
        i += 1
    return blocks


@dataclass
class _Piece:
    """A source line's share of an inline token stream, being assembled."""

    line: int
    parts: list[str] = field(default_factory=list)
    links: list[RawLink] = field(default_factory=list)
    length: int = 0
    marked_chars: int = 0

    def add(self, s: str, marked: bool) -> None:
        self.parts.append(s)
        self.length += len(s)
        if marked:
            self.marked_chars += len(s.strip())


def _blocks_from_inline(
    inline: Token, lines: list[str], span: list[int] | None, kind: str, level: int
) -> list[Block]:
    first = span[0] if span else 0
    pieces = _pieces(inline, first)
    groups = _group_lines(pieces) if kind == "paragraph" else [pieces]
    blocks = []
    for group in groups:
        block = _merge(group, lines, kind, level)
        if block is not None:
            blocks.append(block)
    return blocks


def _pieces(inline: Token, first_line: int) -> list[_Piece]:
    """Split an inline token's children at line breaks, resolving links and emphasis."""
    pieces = [_Piece(first_line)]
    emphasis = 0
    link_stack: list[tuple[str, int]] = []
    for child in inline.children or []:
        piece = pieces[-1]
        t = child.type
        if t in ("softbreak", "hardbreak"):
            pieces.append(_Piece(piece.line + 1))
        elif t == "text" or t == "code_inline" or t == "html_inline":
            piece.add(child.content, emphasis > 0)
        elif t in ("em_open", "strong_open"):
            emphasis += 1
        elif t in ("em_close", "strong_close"):
            emphasis = max(0, emphasis - 1)
        elif t == "link_open":
            link_stack.append((str(child.attrs.get("href", "")), piece.length))
        elif t == "link_close" and link_stack:
            href, start = link_stack.pop()
            piece.links.append(RawLink(text="", href=href, start=start, end=piece.length))
        elif t == "image":
            alt = child.content or ""
            if alt:
                piece.add(alt, emphasis > 0)
    return pieces


def _merge(group: list[_Piece], lines: list[str], kind: str, level: int) -> Block | None:
    """One block from consecutive line pieces: text joined by spaces, link offsets shifted."""
    text_parts: list[str] = []
    links: list[RawLink] = []
    offset = 0
    marked = 0
    for piece in group:
        raw_text = "".join(piece.parts)
        if text_parts:
            text_parts.append(" ")
            offset += 1
        for link in piece.links:
            links.append(
                RawLink(text="", href=link.href, start=offset + link.start, end=offset + link.end)
            )
        text_parts.append(raw_text)
        offset += len(raw_text)
        marked += piece.marked_chars
    joined = "".join(text_parts)
    text, links = _normalise_space(joined, links)
    if not text:
        return None
    links = _with_bare_urls(text, links)
    first, last = group[0].line, group[-1].line
    raw = "\n".join(lines[first : last + 1]) if first < len(lines) else ""
    visible = len(text.replace(" ", ""))
    return Block(
        kind="heading" if kind == "heading" else "paragraph",
        text=text,
        raw=raw,
        line=first + 1,
        links=tuple(links),
        level=level,
        marked=visible > 0 and marked >= visible * 0.9,
    )


def _normalise_space(text: str, links: list[RawLink]) -> tuple[str, list[RawLink]]:
    """Collapse white space runs and strip ends, moving link offsets to match."""
    out: list[str] = []
    mapping = [0] * (len(text) + 1)
    pending_space = False
    n = 0
    for i, ch in enumerate(text):
        mapping[i] = n + (1 if pending_space and n > 0 else 0)
        if ch.isspace():
            pending_space = True
            continue
        if pending_space and n > 0:
            out.append(" ")
            n += 1
        pending_space = False
        out.append(ch)
        n += 1
    mapping[len(text)] = n
    result = "".join(out)
    moved = []
    for link in links:
        start = min(mapping[link.start], n)
        end = min(mapping[link.end], n)
        # An anchor that began with a space would start on the space: move past it.
        while start < end and result[start] == " ":
            start += 1
        while end > start and result[end - 1] == " ":
            end -= 1
        moved.append(RawLink(text=result[start:end], href=link.href, start=start, end=end))
    return result, moved


def _with_bare_urls(text: str, links: list[RawLink]) -> list[RawLink]:
    """Add bare `http(s)://` addresses of plain-text scrapes as links (they are hyperlinks)."""
    if "http" not in text and "www." not in text:
        return links
    taken = [(link.start, link.end) for link in links]
    found = list(links)
    for m in _BARE_URL.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found.append(RawLink(text=m.group(), href=m.group(), start=m.start(), end=m.end()))
    return sorted(found, key=lambda link: link.start)


def _blocks_from_lines(content: str, first_line: int) -> list[Block]:
    """Blocks from raw HTML or code: kept as text, one block per run of non-blank lines."""
    blocks = []
    run: list[str] = []
    start = first_line
    for offset, line in enumerate([*content.split("\n"), ""]):
        if line.strip():
            if not run:
                start = first_line + offset
            run.append(line)
        elif run:
            text = _SPACE.sub(" ", " ".join(run)).strip()
            blocks.append(Block(kind="paragraph", text=text, raw="\n".join(run), line=start + 1))
            run = []
    return blocks


def _group_lines(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Group the lines of one Markdown paragraph into the paragraphs the writer meant.

    Plain-text scrapes put each paragraph on one line with no blank line between; hard-wrapped
    text spreads one paragraph over many lines. A line break starts a new paragraph when the
    line before ends a sentence or stands alone like a heading or byline.
    """
    if len(pieces) == 1:
        return [pieces]
    texts = ["".join(p.parts).strip() for p in pieces]
    wrapped = _looks_hard_wrapped(texts)
    groups: list[list[_Piece]] = [[pieces[0]]]
    for prev, piece, text in zip(texts, pieces[1:], texts[1:], strict=False):
        if _continues(prev, text, wrapped):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


@cache
def _markup_rules() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    rules = load_rules("cleaning")
    ends = re.compile(rules["sentence_end"])
    starts_continuation = re.compile(rules["continuation_start"])
    return ends, starts_continuation, int(rules["wrap_min_width"])


def _looks_hard_wrapped(texts: list[str]) -> bool:
    """Most lines but the last near one width: the text was wrapped, not one line per paragraph."""
    if len(texts) < 3:
        return False
    lengths = [len(t) for t in texts[:-1]]
    width = max(lengths)
    _, _, min_width = _markup_rules()
    if width < min_width or width > 120:
        return False
    near = sum(1 for n in lengths if n >= 0.7 * width)
    return near >= 0.7 * len(lengths)


def _continues(prev: str, text: str, wrapped: bool) -> bool:
    """True when `text` continues the paragraph whose last line is `prev`."""
    if not prev or not text:
        return False
    ends, continuation, _ = _markup_rules()
    if continuation.match(text):
        return True
    ends_sentence = bool(ends.search(prev))
    if wrapped:
        return not ends_sentence or len(prev) >= 60
    return not ends_sentence and len(prev) >= 60 and not _title_like(prev)


def _title_like(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    if not words:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals >= 0.6 * len(words)
