"""Pages: the corpus in, every generated Markdown page out (path -> text).

`generate_pages` is the one place that decides which pages exist; the MkDocs hook adds them
to a build and `python -m build_tools build --out DIR` writes them to a folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from build_tools.errors import BriefingError
from build_tools.markdown_text import escape, table_cell
from build_tools.records import Briefing
from build_tools.rendering import BRIEFINGS_DIR, briefing_path, render_briefing

HOME = "index.md"
BRIEFINGS_INDEX = f"{BRIEFINGS_DIR}/index.md"
# Written into every output folder, so that only a folder we made is ever replaced.
MARKER = ".generated-by-build-tools"


def generate_pages(briefings: tuple[Briefing, ...]) -> dict[str, str]:
    """Every generated page, keyed by its path under the docs folder."""
    pages = {HOME: render_home(briefings), BRIEFINGS_INDEX: render_briefing_index(briefings)}
    for b in briefings:
        pages[briefing_path(b)] = render_briefing(b)
    return pages


def by_date(briefings: tuple[Briefing, ...]) -> list[Briefing]:
    """Newest first; undated briefings last, by title."""
    dated = sorted((b for b in briefings if b.meta.date), key=lambda b: (b.meta.date, b.slug))
    undated = sorted((b for b in briefings if not b.meta.date), key=lambda b: b.meta.title.lower())
    return list(reversed(dated)) + undated


def briefing_table(briefings: list[Briefing], link_prefix: str) -> list[str]:
    """A table row per briefing: date, title, author, publication, counts."""
    lines = [
        "| Date | Title | Author | Publication | Demands | Proposals | Links |",
        "|---|---|---|---|--:|--:|--:|",
    ]
    for b in briefings:
        title = f"[{escape(b.meta.title)}]({link_prefix}{b.slug}.md)"
        cells = [
            b.meta.date or "undated",
            title,
            table_cell(", ".join(b.meta.authors) or "—"),
            table_cell(b.meta.publication or "—"),
            str(len(b.demands)),
            str(len(b.proposals)),
            str(len(b.links)),
        ]
        lines.append(f"| {' | '.join(cells)} |")
    return lines


def render_home(briefings: tuple[Briefing, ...]) -> str:
    """The home page: what the site is and every briefing."""
    demands = sum(len(b.demands) for b in briefings)
    proposals = sum(len(b.proposals) for b in briefings)
    lines = [
        "---",
        "title: Briefings",
        "hide:",
        "  - navigation",
        "---",
        "",
        "# Negotiation briefings",
        "",
        "What each opinion and analysis piece on the Russia–Ukraine negotiations says: **who "
        "demands what, who proposes what, and what sources it rests on.** Each briefing is "
        "made automatically from a scraped article; see [how a briefing is made](about.md).",
        "",
        f"**{len(briefings)}** briefings · **{demands}** demands · **{proposals}** proposals",
        "",
        *briefing_table(by_date(briefings), f"{BRIEFINGS_DIR}/"),
        "",
    ]
    return "\n".join(lines)


def render_briefing_index(briefings: tuple[Briefing, ...]) -> str:
    """The list of all briefings, newest first."""
    lines = ["# All briefings", "", *briefing_table(by_date(briefings), ""), ""]
    return "\n".join(lines)


def write_pages(pages: dict[str, str], out_dir: Path) -> None:
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
        target.write_text(text, encoding="utf-8")
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
        out_dir.rename(old)
    staging.rename(out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
