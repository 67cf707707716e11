"""Parts: one briefing in, everything the site shows of it that depends on it alone.

Its page (without the related briefings at its foot, which depend on the others) and its
share of the downloads (its dated sentences are a field of the record). They are made
where the briefing is made, in the worker process that made it, and kept in the cache beside it
(`load_corpus(..., derive=briefing_parts)`), so that a rebuild renders only the briefings
that changed, and a first build renders them on every core. `generate_pages` puts the site
together from them, and makes any it is not given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from build_tools.records import Briefing
from build_tools.render.downloads import BriefingRows, briefing_rows
from build_tools.render.rendering import render_briefing
from build_tools.render.search_fields import render_search_fields


@dataclass(frozen=True, slots=True)
class BriefingParts:
    """The parts of the site made from one briefing alone."""

    slug: str
    """The slug they were made with: the page and the rows name it, so a briefing renamed
    when the corpus made its slugs unique needs its parts made again."""
    page: bytes
    """The Markdown of its page, without the related briefings, in UTF-8 (see
    `BriefingRows`); its foot is the hidden block of its search filters (`search_fields`)."""
    rows: BriefingRows
    """Its line of `briefings.json` and its rows of the CSV files."""


def briefing_parts(b: Briefing) -> BriefingParts:
    """Everything the site shows of `b` that no other briefing changes."""
    page = f"{render_briefing(b).rstrip()}\n\n{render_search_fields(b)}"
    return BriefingParts(b.slug, page.encode(), briefing_rows(b))


def parts_by_slug(
    briefings: Sequence[Briefing], made: Sequence[object] | None = None
) -> dict[str, BriefingParts]:
    """The parts of each briefing, by slug: `made[i]` where it is the parts of
    `briefings[i]` under its slug, else made now."""
    out = {}
    for i, b in enumerate(briefings):
        found = made[i] if made is not None and i < len(made) else None
        if not isinstance(found, BriefingParts) or found.slug != b.slug:
            found = briefing_parts(b)
        out[b.slug] = found
    return out
