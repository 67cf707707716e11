"""Links: a `Cleaned` article in, every hyperlink of the source as `Link` records out.

Each link keeps its anchor text, its target as the source gave it, the sentence it sits in
and, for body links, the anchor of its paragraph. A link's `kind` says where it stood: in the
body (`inline`), or in a byline, caption, related-article line or source footer.
"""

from __future__ import annotations

from build_tools.records import Cleaned, Link, LinkKind, RawLink
from build_tools.sentences import sentence_spans

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
    return h in _LOST_TARGETS or h.startswith(("#", "javascript:void"))


def extract_links(cleaned: Cleaned) -> tuple[Link, ...]:
    """Every hyperlink of the source, in source order."""
    found: list[tuple[int, int, Link]] = []
    for paragraph in cleaned.body:
        for raw in paragraph.links:
            link = _link(raw, "inline", _sentence_of(paragraph.text, raw), paragraph.anchor)
            found.append((paragraph.line, raw.start, link))
    for block in cleaned.blocks:
        if block.kind in ("paragraph", "heading") or not block.links:
            continue
        kind = _KIND_OF_BLOCK.get(block.kind, "inline")
        for raw in block.links:
            found.append((block.line, raw.start, _link(raw, kind, block.text, None)))
    found.sort(key=lambda f: (f[0], f[1]))
    return tuple(link for _, _, link in found)


def _link(raw: RawLink, kind: LinkKind, context: str, paragraph: str | None) -> Link:
    return Link(
        text=raw.text,
        href=raw.href,
        kind=kind,
        context=context,
        placeholder=is_placeholder(raw.href),
        paragraph=paragraph,
    )


def _sentence_of(text: str, raw: RawLink) -> str:
    for start, end in sentence_spans(text):
        if start <= raw.start < end:
            return text[start:end]
    return text
