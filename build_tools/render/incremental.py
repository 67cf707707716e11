"""Incremental site: the pages of a corpus made again after a few briefings changed.

`make_site` makes every page, as `pages.generate_pages` does, and keeps what a later run
needs to make them again: what each briefing was made from (its cache key), the related
briefings' index and the pages. `remake_site` then makes only what depends on the briefings
that changed: their pages, the pages of the briefings whose related briefings changed or
show a changed briefing (`views.related.update_related`, found through posting lists, not
by scoring all pairs), and the lists, views and downloads, which count or list every
briefing and are put together again from the briefings and their cached parts. Every other
briefing page is the one made before (`Remade.kept`): `write_pages` links it from the
previous output rather than writing it, and `mkdocs serve --dirty` does not build it again.
The pages are those `generate_pages` makes, byte for byte (`tests/test_incremental.py`).

What a run keeps for the next one on disk (`stored_site`, `site_record`) is data only:
keys, features, dates, slugs of related briefings and page paths, never code.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import msgspec

from build_tools.records import Briefing
from build_tools.render.downloads import FEED_TITLE, download_files
from build_tools.render.markdown_text import remembering_escapes
from build_tools.render.pages import briefing_page, list_pages, written_stamp
from build_tools.render.parts import BriefingParts, parts_by_slug
from build_tools.render.rendering import briefing_path
from build_tools.render.views.home import ABOUT
from build_tools.render.views.related import (
    RelatedIndex,
    index_related,
    stored_index,
    update_related,
)

Page = str | bytes


@dataclass(frozen=True, slots=True)
class SiteOptions:
    """What the pages depend on besides the briefings (see `generate_pages`)."""

    site_url: str | None = None
    feed_title: str = FEED_TITLE
    about: str | None = ABOUT


@dataclass(frozen=True, slots=True)
class Site:
    """The pages of a corpus, and what making them again after a change needs."""

    options: SiteOptions
    """The options they were made with."""
    keys: tuple[str | None, ...]
    """What each briefing was made from (its cache key), in corpus order; () when not
    known, and then briefings are compared whole."""
    briefings: tuple[Briefing, ...]
    """The briefings (() for a site kept on disk, which has its keys instead)."""
    related: RelatedIndex
    """The related briefings of every briefing, slugs in corpus order."""
    pages: Mapping[str, Page]
    """Every page and download by its path, as `generate_pages` makes them."""
    digests: dict[str, bytes]
    """Slug -> the `view_digest` of its briefing."""
    lists: tuple[str, ...]
    """The paths of the lists and views (`pages.list_pages`) among `pages`."""


def view_digest(b: Briefing) -> bytes:
    """A hash of what the lists and views read of a briefing (`pages.list_pages`): all but
    its text (body, summary, related reading, removed lines) and its warnings and edits,
    which only its own page and the downloads show."""
    seen = (b.source, b.slug, b.meta, b.demands, b.proposals, b.links, b.topics, b.dated)
    return hashlib.sha256(_ENCODER.encode(seen)).digest()[:16]


_ENCODER = msgspec.msgpack.Encoder()


@dataclass(frozen=True, slots=True)
class Remade:
    """A site made again, and which of its pages were carried over unmade."""

    site: Site
    kept: frozenset[str]
    """Pages taken from the site before without being made: the same bytes."""


def make_site(
    briefings: tuple[Briefing, ...],
    made: Sequence[object] | None = None,
    options: SiteOptions = SiteOptions(),
    keys: Sequence[str | None] = (),
) -> Site:
    """Every page of `briefings` (`made` as for `generate_pages`), kept with what
    `remake_site` needs; `keys[i]` is what `briefings[i]` was made from, where known."""
    with remembering_escapes():
        parts = parts_by_slug(briefings, made)
        lists = list_pages(briefings, options.about)
        pages = {**lists, **_downloads(briefings, parts, options)}
        related = index_related(briefings)
        for b in briefings:
            pages[briefing_path(b)] = briefing_page(b, parts[b.slug], related.relations(b.slug))
    digests = {b.slug: view_digest(b) for b in briefings}
    return Site(options, _keys(briefings, keys), briefings, related, pages, digests, tuple(lists))


def _downloads(
    briefings: tuple[Briefing, ...], parts: dict[str, BriefingParts], options: SiteOptions
) -> dict[str, Page]:
    rows = {s: p.rows for s, p in parts.items()}
    return dict(download_files(briefings, options.site_url, rows, options.feed_title))


def remake_site(
    before: Site | None,
    briefings: tuple[Briefing, ...],
    made: Sequence[object] | None = None,
    options: SiteOptions = SiteOptions(),
    keys: Sequence[str | None] = (),
) -> Remade:
    """The site of `briefings`, made again from `before` (the site of an earlier version of
    the corpus): the same pages as `make_site`, where only what the changed briefings touch
    is made. A briefing changed when its key differs (or, without keys, the record)."""
    keys = _keys(briefings, keys)
    if (
        before is None
        or before.options != options
        or not ((keys and before.keys) or before.briefings)
    ):
        return Remade(make_site(briefings, made, options, keys), frozenset())
    changed = _changed(before, briefings, keys)
    same_slugs = list(before.related.feats) == [b.slug for b in briefings]
    if not changed and same_slugs:
        site = Site(
            options, keys, briefings, before.related, before.pages, before.digests, before.lists
        )
        return Remade(site, frozenset(before.pages))
    digests = {
        b.slug: view_digest(b) if b.slug in changed else before.digests[b.slug] for b in briefings
    }
    # The lists and views read no briefing's text: after an edit of text alone, the same.
    same_lists = same_slugs and all(digests[s] == before.digests[s] for s in changed)
    with remembering_escapes():
        parts = parts_by_slug(briefings, made)
        lists = {} if same_lists else list_pages(briefings, options.about)
        fresh = {**lists, **_downloads(briefings, parts, options)}
        related, touched = update_related(before.related, briefings, changed)
        kept = list(before.lists) if same_lists else []
        for b in briefings:
            path = briefing_path(b)
            if b.slug in changed or b.slug in touched or path not in before.pages:
                fresh[path] = briefing_page(b, parts[b.slug], related.relations(b.slug))
            else:
                kept.append(path)
    pages = _Carried(fresh, before.pages, kept)
    paths = before.lists if same_lists else tuple(lists)
    site = Site(options, keys, briefings, related, pages, digests, paths)
    return Remade(site, frozenset(kept))


def _keys(briefings: tuple[Briefing, ...], keys: Sequence[str | None]) -> tuple[str | None, ...]:
    if len(keys) != len(briefings) or any(k is None for k in keys):
        return ()
    return tuple(keys)


def _changed(
    before: Site, briefings: tuple[Briefing, ...], keys: tuple[str | None, ...]
) -> set[str]:
    """Slugs of `briefings` that are not the briefing of that slug `before`."""
    if keys and before.keys:
        was = dict(zip(before.related.feats, before.keys, strict=True))
        return {b.slug for b, k in zip(briefings, keys, strict=True) if was.get(b.slug) != k}
    old = {b.slug: b for b in before.briefings}
    return {b.slug for b in briefings if old.get(b.slug) != b}


class _Carried(Mapping[str, Page]):
    """Pages made now, then the kept pages of the site before (read from it only when asked
    for: a site kept on disk holds them in files)."""

    def __init__(self, fresh: dict[str, Page], before: Mapping[str, Page], kept: list[str]):
        self._fresh = fresh
        self._before = before
        self._kept = kept
        self._kept_set = set(kept)

    def __getitem__(self, path: str) -> Page:
        if path in self._fresh:
            return self._fresh[path]
        if path in self._kept_set:
            return self._before[path]
        raise KeyError(path)

    def __iter__(self) -> Iterator[str]:
        yield from self._fresh
        yield from self._kept

    def __len__(self) -> int:
        return len(self._fresh) + len(self._kept)

    def __contains__(self, path: object) -> bool:
        return path in self._fresh or path in self._kept_set


class PagesOnDisk(Mapping[str, Page]):
    """The pages a run wrote to a folder, read when asked for (briefing pages, as text)."""

    def __init__(self, folder: Path, paths: Sequence[str]):
        self._folder = folder
        self._paths = set(paths)
        self._order = list(paths)

    def __getitem__(self, path: str) -> Page:
        if path not in self._paths:
            raise KeyError(path)
        data = (self._folder / path).read_bytes()
        return data.decode("utf-8") if path.endswith(".md") else data

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, path: object) -> bool:
        return path in self._paths


class SiteRecord(msgspec.Struct, frozen=True):
    """What a run keeps on disk for the next (`stored_site`): data, decoded by type."""

    written: tuple[int, int]
    """The inode and modification time (ns) of the output folder's marker file as written:
    another run, or a hand, that wrote the folder since makes the record stale."""
    site_url: str | None
    feed_title: str
    about: str | None
    keys: tuple[str, ...]
    slugs: tuple[str, ...]
    feats: tuple[tuple[str, ...], ...]
    dates: tuple[str, ...]
    best: tuple[tuple[tuple[str, float], ...], ...]
    digests: tuple[bytes, ...]
    paths: tuple[str, ...]
    lists: tuple[str, ...]


def site_record(site: Site, written: tuple[int, int]) -> bytes | None:
    """What to keep of `site` for the next run (None when its keys are not known)."""
    if not site.keys:
        return None
    slugs = tuple(site.related.feats)
    record = SiteRecord(
        written=written,
        site_url=site.options.site_url,
        feed_title=site.options.feed_title,
        about=site.options.about,
        keys=tuple(k for k in site.keys if k is not None),
        slugs=slugs,
        feats=tuple(site.related.feats[s] for s in slugs),
        dates=tuple(site.related.dates[s] for s in slugs),
        best=tuple(site.related.best[s] for s in slugs),
        digests=tuple(site.digests[s] for s in slugs),
        paths=tuple(site.pages),
        lists=site.lists,
    )
    return msgspec.msgpack.encode(record)


def stored_site(data: bytes, folder: Path, written: tuple[int, int]) -> Site | None:
    """The site a run wrote to `folder` and kept as `data`; None when `data` is not a
    record, or the folder was written since (`written` is its marker's now)."""
    try:
        record = msgspec.msgpack.decode(data, type=SiteRecord)
    except msgspec.DecodeError:
        return None
    n = len(record.slugs)
    lengths = {len(f) for f in (record.keys, record.feats, record.dates, record.best)}
    if tuple(record.written) != written or lengths | {len(record.digests)} != {n}:
        return None
    related = stored_index(
        dict(zip(record.slugs, record.feats, strict=True)),
        dict(zip(record.slugs, record.dates, strict=True)),
        dict(zip(record.slugs, record.best, strict=True)),
    )
    options = SiteOptions(record.site_url, record.feed_title, record.about)
    pages = PagesOnDisk(folder, record.paths)
    digests = dict(zip(record.slugs, record.digests, strict=True))
    return Site(options, record.keys, (), related, pages, digests, record.lists)


# Kept in the cache's folder (one per code version), one per output folder.
RECORD_PREFIX = "site-"
RECORD_SUFFIX = ".msgpack"


def site_record_path(cache_folder: Path, out_dir: Path) -> Path:
    """Where a build that writes to `out_dir` keeps its site for the next build."""
    where = str(out_dir.resolve()).encode("utf-8", "surrogateescape")
    return cache_folder / f"{RECORD_PREFIX}{hashlib.sha256(where).hexdigest()[:16]}{RECORD_SUFFIX}"


def read_site(record: Path, out_dir: Path) -> Site | None:
    """The site the last build kept in `record` for `out_dir`, if it is still the one that
    folder holds (its marker, and a file for every page); None otherwise (then the site is
    made whole)."""
    written = written_stamp(out_dir)
    try:
        data = record.read_bytes()
    except OSError:
        return None
    site = stored_site(data, out_dir, written) if written is not None else None
    if site is None:
        return None
    files = _files_under(out_dir)
    return site if all(path in files for path in site.pages) else None


def _files_under(folder: Path) -> set[str]:
    """The files under `folder` (links to files too), by their paths relative to it: one
    listing per folder rather than a look-up per page."""
    found = set()
    todo = [("", str(folder))]
    while todo:
        rel, where = todo.pop()
        try:
            with os.scandir(where) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        todo.append((f"{rel}{entry.name}/", entry.path))
                    elif entry.is_file():
                        found.add(rel + entry.name)
        except OSError:
            continue
    return found


def keep_site(record: Path, site: Site, out_dir: Path) -> None:
    """Keep `site`, just written to `out_dir`, in `record` for the next build (best effort,
    like the cache: a record that cannot be written only makes the next build whole)."""
    written = written_stamp(out_dir)
    data = site_record(site, written) if written is not None else None
    try:
        if data is None:
            record.unlink(missing_ok=True)
            return
        record.parent.mkdir(parents=True, exist_ok=True)
        staged = record.with_name(f".{record.name}.{os.getpid()}")
        staged.write_bytes(data)
        staged.replace(record)
    except OSError:
        return
