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
            found.extend(_link(raw, kind, block.text, None) for raw in block.links)
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
        return [_link(raw, "inline", block.text, None) for raw in block.links]
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
        sentence = paragraph.text[sentences[k][0] : sentences[k][1]] if inside else paragraph.text
        out.append(_link(raw, "inline", sentence, paragraph.anchor))
    return out


def _link(raw: RawLink, kind: LinkKind, context: str, paragraph: str | None) -> Link:
    return Link(
        text=raw.text,
        href=raw.href,
        kind=kind,
        context=context,
        placeholder=is_placeholder(raw.href),
        paragraph=paragraph,
    )
