"""Links: a `Cleaned` article in, every hyperlink of the source as `Link` records out.

Links come in source order: the blocks are walked as the scrape has them, so a link in a
furniture line between the two halves of a joined paragraph keeps its place. Each link keeps
its anchor text, its target as the source gave it, the sentence it sits in and, for body
links, the anchor of its paragraph. A link's `kind` says where it stood: in the body
(`inline`), or in a byline, caption, related-article line or source footer.
"""

from __future__ import annotations

from bisect import bisect_right

from build_tools.extract.sentences import sentence_spans
from build_tools.records import Block, Cleaned, Link, LinkKind, Paragraph, RawLink

_KIND_OF_BLOCK: dict[str, LinkKind] = {
    "byline": "byline",
    "caption": "caption",
    "related": "related",
    "source": "source",
    "junk": "related",  # a link in page furniture points at other pages of the site
}
# The longest context a link keeps: past it, the part of its sentence (or furniture line)
# around the link. Thousands of links in one long line (a source list run together) would
# otherwise each keep the whole line, and the output would grow with the square of it.
MAX_CONTEXT = 300
# Targets the scrape lost: nothing a reader could follow.
_LOST_TARGETS = ("", "#", "about:blank")


def is_placeholder(href: str) -> bool:
    """True when a link target was lost in the scrape (`#`, empty, `javascript:void(0)`)."""
    h = href.strip().lower()
    return h in _LOST_TARGETS or h.startswith(("#", "javascript:"))


def extract_links(cleaned: Cleaned) -> tuple[Link, ...]:
    """Every hyperlink of the source, in source order."""
    starts = [p.line for p in cleaned.body]
    spans: dict[str, tuple[tuple[int, int], ...]] = {}  # sentences of each paragraph, made once
    found: list[Link] = []
    for block in cleaned.blocks:
        if not block.links:
            continue
        if block.kind in ("paragraph", "heading"):
            found.extend(_body_links(block, _holder(cleaned.body, starts, block), spans))
        else:
            kind = _KIND_OF_BLOCK.get(block.kind, "inline")
            found.extend(_link(raw, kind, _around(block.text, raw), None) for raw in block.links)
    return tuple(found)


def _holder(body: tuple[Paragraph, ...], starts: list[int], block: Block) -> Paragraph | None:
    """The body paragraph a body block ended up in (joined paragraphs start at their first
    block's line, so it is the last paragraph starting at or before the block)."""
    k = bisect_right(starts, block.line) - 1
    return body[k] if k >= 0 else None


def _body_links(
    block: Block, paragraph: Paragraph | None, spans: dict[str, tuple[tuple[int, int], ...]]
) -> list[Link]:
    if paragraph is None:
        return [_link(raw, "inline", _around(block.text, raw), None) for raw in block.links]
    shift = max(paragraph.text.rfind(block.text), 0)
    if paragraph.anchor not in spans:
        spans[paragraph.anchor] = sentence_spans(paragraph.text)
    sentences = spans[paragraph.anchor]
    starts = [s for s, _ in sentences]
    out = []
    for raw in block.links:
        start = raw.start + shift
        k = bisect_right(starts, start) - 1
        inside = k >= 0 and start < sentences[k][1]
        if inside:
            first, last = sentences[k]
            sentence = paragraph.text[first:last]
            moved = RawLink(raw.text, raw.href, start - first, start - first + raw.end - raw.start)
            context = _around(sentence, moved)
        else:
            context = _around(paragraph.text, RawLink(raw.text, raw.href, start, raw.end + shift))
        out.append(_link(raw, "inline", context, paragraph.anchor))
    return out


def _around(text: str, raw: RawLink) -> str:
    """`text`, or where it is longer than `MAX_CONTEXT`, the words around the link in it,
    an ellipsis marking each cut."""
    if len(text) <= MAX_CONTEXT:
        return text
    start, end = max(0, min(raw.start, len(text))), max(0, min(raw.end, len(text)))
    room = max(0, MAX_CONTEXT - (end - start)) // 2
    lo, hi = max(0, start - room), min(len(text), end + room)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return ("…" if lo > 0 else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def _link(raw: RawLink, kind: LinkKind, context: str, paragraph: str | None) -> Link:
    return Link(
        text=raw.text,
        href=raw.href,
        kind=kind,
        context=context,
        placeholder=is_placeholder(raw.href),
        paragraph=paragraph,
    )
