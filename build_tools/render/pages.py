"""Pages: the corpus in, every generated file out (path -> text).

`generate_pages` is the one place that decides which pages exist: the home page, the list of
briefings, one page per briefing (with its related briefings at the foot), the cross-article
views of `views/` and the downloads. The MkDocs hook adds them to a build and
`python -m build_tools build --out DIR` writes them to a folder.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Collection, Mapping, Sequence
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
from build_tools.render.views.paths import HOME
from build_tools.render.views.proposals import proposal_pages
from build_tools.render.views.related import Relation, index_related, render_related
from build_tools.render.views.sources import render_sources
from build_tools.render.views.tags import topic_pages
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
    pages = view_pages(briefings, site_url, parts, feed_title, about)
    related = index_related(briefings)
    for b in briefings:
        pages[briefing_path(b)] = briefing_page(b, parts[b.slug], related.relations(b.slug))
    return pages


def view_pages(
    briefings: tuple[Briefing, ...],
    site_url: str | None,
    parts: dict[str, BriefingParts],
    feed_title: str,
    about: str | None,
) -> dict[str, str | bytes]:
    """Every page but the briefing pages: the lists, views and downloads, each of which
    may depend on every briefing. Call within `remembering_escapes`."""
    pages = list_pages(briefings, about)
    rows = {s: p.rows for s, p in parts.items()}
    pages.update(download_files(briefings, site_url, rows, feed_title))
    return pages


def list_pages(briefings: tuple[Briefing, ...], about: str | None) -> dict[str, str | bytes]:
    """The lists and cross-article views. They read of each briefing only its source, slug,
    metadata, items, links, topics and dated sentences (`incremental.view_digest`), never
    its text. Call within `remembering_escapes`."""
    slugs = party_slugs(briefings)
    pages: dict[str, str | bytes] = {
        HOME: render_home(briefings, slugs, about),
    }
    pages.update(topic_pages(briefings))
    pages.update(render_briefing_index(briefings))
    pages.update(render_sources(briefings))
    pages.update(actor_pages(briefings, slugs))
    pages.update(matrix_pages(briefings, slugs))
    pages.update(proposal_pages(briefings, slugs))
    pages.update(timeline_pages(briefings))
    return pages


def briefing_page(b: Briefing, parts: BriefingParts, related: list[Relation]) -> str:
    """The page of briefing `b`: its own parts, then its related briefings."""
    page = parts.page.decode()
    foot = render_related(b, related)
    return f"{page}\n{foot}" if foot else page


def write_pages(
    pages: Mapping[str, str | bytes], out_dir: Path, kept: Collection[str] = ()
) -> None:
    """Write `pages` under `out_dir`, replacing it whole only once every page is written.

    An interrupted or failed run (a full disk, Ctrl-C) leaves the previous output in place,
    never a half-written folder, and removes what it staged; what a killed run left behind
    is removed by the next. A folder this tool did not write is never replaced, unless it
    is empty (then the new one keeps its permissions). Every failure is a `BriefingError`
    naming the folder.

    Only pages whose bytes changed are written: a page of the previous output with the
    same bytes, or one of `kept` (known to be unchanged, and not read), is linked into the
    new folder (a hard link: the same file, its time unchanged), so that a rebuild after
    one seed changed writes the few pages that did.
    """
    out_dir = out_dir.resolve()
    where = str(out_dir)
    try:
        _check_out_dir(out_dir)
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(out_dir), dir=out_dir.parent))
    except OSError as exc:
        raise BriefingError(where, f"cannot write there ({exc.strerror or exc})") from None
    previous = out_dir if (out_dir / MARKER).is_file() else None
    try:
        # mkdtemp makes the folder private (0700): give it the mode a folder gets here.
        staging.chmod(out_dir.stat().st_mode & 0o7777 if out_dir.is_dir() else _folder_mode())
        (staging / MARKER).write_text("Generated pages; this folder is replaced on every build.\n")
        # Paths as text: a rebuild links a thousand pages, and `pathlib` would cost more
        # than the links.
        folders = {""}
        kept = set(kept) if previous is not None else set()
        into, before = str(staging), str(previous)
        for rel in sorted(pages):
            folder = rel.rpartition("/")[0]
            if folder not in folders:
                (staging / folder).mkdir(parents=True, exist_ok=True)
                steps = folder.split("/")
                folders.update("/".join(steps[: i + 1]) for i in range(len(steps)))
            target = f"{into}/{rel}"
            if rel in kept and _linked(f"{before}/{rel}", target):
                continue
            text = pages[rel]
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            same = previous is not None and _same_bytes(previous / rel, data)
            if same and _linked(f"{before}/{rel}", target):
                continue
            if isinstance(text, bytes):
                Path(target).write_bytes(text)
            else:
                Path(target).write_text(text, encoding="utf-8")
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
            out_dir.rename(old)
        staging.rename(out_dir)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BriefingError(where, f"cannot write there ({exc.strerror or exc})") from None
    except BaseException:  # Ctrl-C: nothing staged is left behind
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def written_stamp(out_dir: Path) -> tuple[int, int] | None:
    """What tells one writing of `out_dir` from another: its marker file's inode and time
    (None when there is none)."""
    try:
        found = (out_dir / MARKER).stat()
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _linked(source: str, target: str) -> bool:
    """Whether `source` could be linked as `target` (not on every file system)."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        return False
    return True


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise BriefingError(str(out_dir), "is a file, not a folder; choose another --out")
    for parent in out_dir.parents:
        if parent.exists() and not parent.is_dir():
            raise BriefingError(str(out_dir), f"{parent} is a file, not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise BriefingError(
            str(out_dir), "folder exists and was not written by this tool; choose another --out"
        )


def _staging_prefix(out_dir: Path, pid: int | None = None) -> str:
    return f".{out_dir.name}-build{os.getpid() if pid is None else pid}-"


def _remove_leftovers(out_dir: Path) -> None:
    """Remove the staging and old folders that a killed run (its process gone) left beside
    `out_dir`: only folders holding this tool's marker."""
    pattern = re.compile(rf"^\.{re.escape(out_dir.name)}-(?:build(\d+)-.*|old-(\d+))$")
    for path in out_dir.parent.iterdir():
        found = pattern.match(path.name)
        if not found or not (path / MARKER).is_file():
            continue
        pid = int(found.group(1) or found.group(2))
        if pid == os.getpid() or _alive(pid):
            continue
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def _folder_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o777 & ~umask
