"""Pages: the corpus in, every generated file out (path -> text).

`generate_pages` is the one place that decides which pages exist: the home page, the list of
briefings, one page per briefing (with its related briefings at the foot), the cross-article
views of `views/` and the downloads. The MkDocs hook adds them to a build and
`python -m build_tools build --out DIR` writes them to a folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from build_tools.errors import BriefingError
from build_tools.records import Briefing
from build_tools.render.downloads import FEED_TITLE, download_files
from build_tools.render.markdown_text import remembering_escapes
from build_tools.render.parts import BriefingParts, parts_by_slug
from build_tools.render.rendering import briefing_path
from build_tools.render.views.actors import actor_pages, party_slugs
from build_tools.render.views.briefing_list import render_briefing_index
from build_tools.render.views.home import ABOUT, render_home
from build_tools.render.views.matrix import matrix_pages
from build_tools.render.views.paths import BRIEFINGS_INDEX, HOME, SOURCES, TOPICS
from build_tools.render.views.proposals import proposal_pages
from build_tools.render.views.related import related_briefings, render_related
from build_tools.render.views.sources import render_sources
from build_tools.render.views.tags import render_topics
from build_tools.render.views.timeline import timeline_pages

# Written into every output folder, so that only a folder we made is ever replaced.
MARKER = ".generated-by-build-tools"


def generate_pages(
    briefings: tuple[Briefing, ...],
    site_url: str | None = None,
    made: Sequence[object] | None = None,
    *,
    feed_title: str = FEED_TITLE,
    about: str | None = ABOUT,
) -> dict[str, str | bytes]:
    """Every generated page and download, keyed by its path under the docs folder: pages
    as Markdown text, the large data files as UTF-8 bytes (see `download_files`).

    `site_url` (the address the site is published at, if known) makes the feed's links
    absolute; pages only link relatively. `made[i]`, when given, is what
    `parts.briefing_parts` made of `briefings[i]` before (None, or anything else, where
    there is none): those parts are used rather than made again. `feed_title` names the
    Atom feed; `about` is the home page's link to the page on how a briefing is made (None:
    no link, for a site without that page).
    """
    with remembering_escapes():
        return _generate_pages(
            briefings, site_url, parts_by_slug(briefings, made), feed_title, about
        )


def _generate_pages(
    briefings: tuple[Briefing, ...],
    site_url: str | None,
    parts: dict[str, BriefingParts],
    feed_title: str,
    about: str | None,
) -> dict[str, str | bytes]:
    slugs = party_slugs(briefings)
    pages: dict[str, str | bytes] = {
        HOME: render_home(briefings, slugs, about),
        BRIEFINGS_INDEX: render_briefing_index(briefings),
        TOPICS: render_topics(briefings),
        SOURCES: render_sources(briefings),
    }
    pages.update(actor_pages(briefings, slugs))
    pages.update(matrix_pages(briefings, slugs))
    pages.update(proposal_pages(briefings, slugs))
    pages.update(timeline_pages(briefings, {s: p.dated for s, p in parts.items()}))
    rows = {s: p.rows for s, p in parts.items()}
    pages.update(download_files(briefings, site_url, rows, feed_title))
    related = related_briefings(briefings)
    for b in briefings:
        page = parts[b.slug].page.decode()
        foot = render_related(b, related[b.slug])
        pages[briefing_path(b)] = f"{page}\n{foot}" if foot else page
    return pages


def write_pages(pages: Mapping[str, str | bytes], out_dir: Path) -> None:
    """Write `pages` under `out_dir`, replacing it whole only once every page is written.

    An interrupted run leaves the previous output in place, never a half-written folder.
    """
    out_dir = out_dir.resolve()
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise BriefingError(
            str(out_dir), "folder exists and was not written by this tool; choose another --out"
        )
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    (staging / MARKER).write_text("Generated pages; this folder is replaced on every build.\n")
    for rel, text in sorted(pages.items()):
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
        out_dir.rename(old)
    staging.rename(out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
