"""Generated pages rendered on every core: MkDocs makes each page's HTML from its Markdown
one page after another, in one process, which at 10,000 briefings is most of a build. The
MkDocs plugin starts worker processes (forked, so they share the build's configuration and
files) once the site's files are known (`on_nav`); each renders its share of the generated
pages with MkDocs' own `Page.render` (the same Markdown extensions, links made relative
and checked against the same files), in the order MkDocs will ask for them. When MkDocs
then renders a page of that share, it takes the worker's result instead, provided the
page's Markdown, after every plugin's `on_page_markdown`, is the Markdown the worker
rendered; else, or when a worker failed, it renders the page itself. What MkDocs logs while
rendering a page (a link to a missing page) is logged again in the build's process, at the
same level, so that `--strict` counts it.

With `plugin.py` and `hook.py`, the only modules that import MkDocs.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from build_tools.corpus import available_cores

log = logging.getLogger("mkdocs.plugins.briefings")

MIN_PAGES = 400
"""Generated pages below which the build renders them itself: starting workers costs about
0.1 s, which rendering a few hundred pages on two cores does not save."""
BATCH = 8
"""Pages a worker sends at once."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """What `Page.render` made of one page."""

    digest: str
    """A hash of the Markdown rendered."""
    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    """Links to anchors, by the source path of the page linked to."""
    records: list[tuple[str, int, str]]
    """What was logged while rendering: logger, level, message."""


class Prerender:
    """Workers rendering generated pages, and their results as MkDocs asks for them."""

    def __init__(self, config: MkDocsConfig, files: Files, paths: Sequence[str], jobs: int):
        self.owner: dict[str, int] = {}
        self.results: dict[str, Rendered | None] = {}
        self.connections: list[Connection] = []
        self.processes: list[BaseProcess] = []
        self.used = 0
        """Pages whose HTML came from a worker."""
        context = multiprocessing.get_context("fork")
        gc.collect()
        gc.freeze()  # the workers share the build's objects rather than copy them
        try:
            for n in range(jobs):
                share = list(paths[n::jobs])
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(
                    target=_work, args=(config, files, share, sender), daemon=True
                )
                process.start()
                sender.close()
                self.connections.append(receiver)
                self.processes.append(process)
                self.owner.update((path, n) for path in share)
        finally:
            gc.unfreeze()

    def install(self, page: Page) -> None:
        """Make MkDocs take the worker's result when it renders `page` (if there is one)."""
        if page.file.src_uri not in self.owner:
            return

        def render(config: MkDocsConfig, files: Files) -> None:
            del page.render  # the class's own again
            result = self._take(page.file.src_uri)
            if result is None or result.digest != _digest(page.markdown or ""):
                page.render(config, files)
                return
            _apply(page, result, files)
            self.used += 1

        page.render = render  # type: ignore[method-assign]

    def close(self) -> None:
        """Stop the workers (those still running have pages MkDocs did not render)."""
        for connection in self.connections:
            connection.close()
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():  # pragma: no cover - a worker stuck on a page
                process.kill()
                process.join()
        self.connections, self.processes, self.results = [], [], {}

    def _take(self, path: str) -> Rendered | None:
        """The worker's result for `path`, read from its pipe (results come in the order
        MkDocs asks for pages; earlier ones not asked for are kept); None when it failed."""
        n = self.owner.pop(path)
        while path not in self.results:
            try:
                batch = self.connections[n].recv()
            except (EOFError, OSError):  # the worker ended early: MkDocs renders the rest
                return None
            self.results.update(batch)
        return self.results.pop(path)


def paths_to_render(files: Files, generated: set[str]) -> list[str]:
    """The generated pages of `files`, in the order MkDocs renders them."""
    return [f.src_uri for f in files.documentation_pages() if f.src_uri in generated]


def worker_count(jobs: int) -> int:
    """Workers for `jobs` (the plugin's setting: 0 is one per usable core)."""
    return jobs if jobs > 0 else available_cores()


def _digest(markdown: str) -> str:
    return hashlib.blake2b(markdown.encode("utf-8"), digest_size=16).hexdigest()


def _apply(page: Page, result: Rendered, files: Files) -> None:
    """Set on `page` what `Page.render` would have, and log again what it logged."""
    page.content = result.content
    page.toc = result.toc
    page._title_from_render = result.title
    page.present_anchor_ids = result.anchors
    if result.links_to_anchors is not None:
        linked = {}
        for path, anchors in result.links_to_anchors.items():
            target = files.get_file_from_path(path)
            if target is not None:
                linked[target] = anchors
        page.links_to_anchors = linked
    for name, level, message in result.records:
        logging.getLogger(name).log(level, message)


class _Collect(logging.Handler):
    """Keeps the records logged in a worker, to be logged again by the build's process."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _work(config: MkDocsConfig, files: Files, paths: list[str], out: Connection) -> None:
    """A worker: render the pages of `paths` in order and send what each made (None for a
    page that failed, which MkDocs then renders itself)."""
    collect = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers = [collect]
    mkdocs_log.propagate = False
    try:
        batch: dict[str, Rendered | None] = {}
        for path in paths:
            batch[path] = _render(config, files, path, collect)
            if len(batch) >= BATCH:
                out.send(batch)
                batch = {}
        if batch:
            out.send(batch)
    except (BrokenPipeError, OSError):  # the build stopped asking
        pass
    finally:
        out.close()
        os._exit(0)  # no exit handlers of the build's process (its pools, its temp folders)


def _render(config: MkDocsConfig, files: Files, path: str, collect: _Collect) -> Rendered | None:
    file = files.get_file_from_path(path)
    if file is None:
        return None
    collect.records = []
    before = file.page
    try:
        page = Page(None, file, config)  # this worker's own, let go of once rendered
        page.read_source(config)
        markdown = page.markdown or ""
        page.render(config, files)
    except Exception:  # MkDocs renders the page again and reports the error
        return None
    finally:
        file.page = before
    links = page.links_to_anchors
    return Rendered(
        digest=_digest(markdown),
        content=page.content or "",
        toc=page.toc,
        title=page._title_from_render,
        anchors=page.present_anchor_ids,
        links_to_anchors=None if links is None else {f.src_uri: a for f, a in links.items()},
        records=collect.records,
    )
