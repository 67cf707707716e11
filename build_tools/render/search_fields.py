"""Search fields: one briefing in, the hidden HTML block that tells the search index
(Pagefind, `build_tools/search.py`) its filters and the metadata a result shows.

Filters are the ones a reader of a news tracker expects: `party` (each party the briefing
attributes a demand or a proposal to, its own author left out), `topic`, `publication` and
`year`; metadata is the `date` shown beside a result's title (Pagefind takes the title from
the page's first heading). Each value is the content of an element of its own, inside a
block marked `data-pagefind-ignore`: Pagefind still reads filters and metadata there, but
indexes none of it as words of the page, and a value may hold any character (the
`key:value` attribute form splits at commas). Everything is HTML-escaped: values come from
seeds and sidecars.
"""

from __future__ import annotations

from html import escape

from build_tools.records import Briefing
from build_tools.render.parties import AUTHOR

BLOCK_CLASS = "briefing-search-fields"
"""The class of the hidden block (the page's CSS never shows it)."""


def search_filters(b: Briefing) -> list[tuple[str, str]]:
    """The (filter, value) pairs of `b`, each once, in a stable order."""
    pairs: list[tuple[str, str]] = []
    parties = (i.actor for i in (*b.demands, *b.proposals) if i.actor != AUTHOR)
    pairs.extend(("party", p) for p in dict.fromkeys(" ".join(p.split()) for p in parties) if p)
    pairs.extend(("topic", t) for t in b.topics)
    if b.meta.publication and b.meta.publication.strip():
        pairs.append(("publication", " ".join(b.meta.publication.split())))
    if b.meta.date:
        pairs.append(("year", b.meta.date[:4]))
    return pairs


def render_search_fields(b: Briefing) -> str:
    """The hidden block of `b`'s filters and date, as raw HTML for the foot of its page."""
    lines = [f'<div class="{BLOCK_CLASS}" hidden data-pagefind-ignore>']
    for name, value in search_filters(b):
        lines.append(f'<span data-pagefind-filter="{name}">{escape(value)}</span>')
    if b.meta.date:
        lines.append(f'<span data-pagefind-meta="date">{escape(b.meta.date)}</span>')
    lines.append("</div>")
    return "\n".join(lines) + "\n"
