"""MkDocs plugin `briefings`: adds the generated briefing pages to every `mkdocs build` and
`mkdocs serve`. With `hook.py` and `prerender.py`, the only modules that import MkDocs.

Registered under the `mkdocs.plugins` entry point, so any MkDocs site with this package
installed can list it (`plugins: [search, briefings]`). Its settings are a typed schema,
checked by MkDocs like any plugin's (`Config value 'plugins': Plugin 'briefings' option
'jobs': ...`):

    plugins:
      - briefings:
          seeds_dir: seeds            # relative to mkdocs.yml
          cache_dir: .cache/briefings # relative to mkdocs.yml; cache: false turns it off
          jobs: 0                     # processes (0: one per core; 1: none but MkDocs' own)
          path: ""                    # folder of the docs the pages go under ("" = top)
          home: true                  # make the home page (index.md under `path`)
          feed_title: null            # the Atom feed's title; null: site_name
          search: true                # false: no Pagefind index; pages carry `search: exclude`
          search_part_pages: 2000     # pages of one part of the index, newest first (see Search)

The environment variables BRIEFINGS_SEEDS, BRIEFINGS_CACHE (a folder, or `off`) and
BRIEFINGS_JOBS override `seeds_dir`, `cache_dir`/`cache` and `jobs` for one run (the
benchmark and the tests use them).

Pages are handed to MkDocs in memory (`File.generated`), so nothing is written into `docs/`;
a generated page whose path is already taken by a hand-written page is an error, never an
overwrite. A seed that cannot be read is logged as a warning: the other seeds are still
published, and `mkdocs build --strict` fails with that one-line message. Briefings, with
their rendered parts (`render.parts`), come from the content-hash cache (`cache`) when their
seed, sidecar and code are unchanged, so a rebuild under `mkdocs serve` re-extracts and
re-renders only the seeds that changed; the others are made by a process pool. The plugin
keeps the site it made (MkDocs keeps a plugin with `on_startup` between the rebuilds of
`mkdocs serve`), so a rebuild makes again only the pages a changed seed touches
(`render.incremental`); under `mkdocs serve --dirty` a page whose bytes did not change is
not built again by MkDocs either, and the search index is the first build's (Pagefind
indexes the whole site, which would take most of such a rebuild). MkDocs renders the
generated pages' Markdown on every core (`prerender.py`: worker processes started at
`on_nav`, when the site has 400 generated pages or more and `jobs` is not 1), the same
bytes as when it renders them one after another itself.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import os
import posixpath
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from build_tools import prerender
from build_tools.cache import DEFAULT_FOLDER, BriefingCache, Entry, open_cache
from build_tools.checking import site_url_problem
from build_tools.corpus import Corpus, load_corpus, seed_paths
from build_tools.errors import BriefingError
from build_tools.prerender import Prerender, paths_to_render, worker_count
from build_tools.progress import Progress
from build_tools.render.incremental import Site, SiteOptions, remake_site
from build_tools.render.parts import briefing_parts
from build_tools.render.views.home import ABOUT
from build_tools.render.views.paths import HOME, relative, topic_page
from build_tools.render.views.tags import topic_names
from build_tools.rules import RULES_DIR
from build_tools.search import PART_PAGES, ROOT_SELECTOR, briefing_pages_glob, index_site

__all__ = ["BriefingsConfig", "BriefingsPlugin", "PluginError", "Settings"]

log = logging.getLogger("mkdocs.plugins.briefings")
SEEDS_ENV = "BRIEFINGS_SEEDS"
CACHE_ENV = "BRIEFINGS_CACHE"
JOBS_ENV = "BRIEFINGS_JOBS"
CACHE_OFF = ("off", "0", "no", "false")
# MkDocs' search plugin, under its two names; a site that lists it gets no Pagefind index.
SITE_SEARCH_PLUGINS = {"search", "material/search"}
# What the generated Markdown uses: anchors and heading ids (`{ #p-3 }`), tables, the
# abstract (`!!!`) and the collapsible source quotes (`???`).
NEEDED_EXTENSIONS = ("toc", "tables", "attr_list", "admonition", "pymdownx.details")


class _WholeNumber(c.Type[int]):
    """A whole number >= `least` (0 unless given)."""

    def __init__(self, default: int = 0, least: int = 0) -> None:
        super().__init__(int, default=default)
        self.least = least

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < self.least:
            raise ValidationError(f"expected a whole number >= {self.least}, got {value!r}")
        return number


class _PagePath(c.Type[str]):
    """A folder under the docs folder, as a relative POSIX path without `..`; "" is the top."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip().strip("/")
        parts = text.split("/") if text else []
        if "\\" in text or any(p in ("", ".", "..") for p in parts):
            raise ValidationError(
                f"expected a folder under the docs folder such as 'news' or 'news/briefings', "
                f"got {value!r}"
            )
        return text


class BriefingsConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's options in `mkdocs.yml` (see the module's docstring)."""

    seeds_dir = c.Dir(exists=False, default="seeds")
    cache_dir = c.Dir(exists=False, default=str(DEFAULT_FOLDER))
    cache = c.Type(bool, default=True)
    jobs = _WholeNumber()
    path = _PagePath()
    home = c.Type(bool, default=True)
    feed_title = c.Optional(c.Type(str))
    search = c.Type(bool, default=True)
    search_part_pages = _WholeNumber(default=PART_PAGES, least=1)


@dataclass(frozen=True, slots=True)
class Settings:
    """The plugin's options for one build, environment overrides applied."""

    seeds_dir: Path
    """The seeds folder."""
    cache_dir: Path | None
    """The cache's folder; None: no cache."""
    jobs: int
    """Processes that make briefings (0: one per core)."""
    path: str
    """The folder under the docs folder that the pages go under ("" for the top)."""
    home: bool
    """Whether the home page (`index.md` under `path`) is made."""
    feed_title: str
    """The Atom feed's title."""
    search: bool
    """Whether the pages are in the search index."""
    search_part_pages: int = PART_PAGES
    """Pages one run of Pagefind indexes at most (`search.PART_PAGES`)."""

    @property
    def prefix(self) -> str:
        """What the generated pages' paths start with under the docs folder (`path/`)."""
        return f"{self.path}/" if self.path else ""


def resolve_settings(options: BriefingsConfig, config: MkDocsConfig) -> Settings:
    """The settings of `options`, with BRIEFINGS_SEEDS, BRIEFINGS_CACHE and BRIEFINGS_JOBS
    applied where set."""
    seeds = os.environ.get(SEEDS_ENV) or options.seeds_dir
    cache_setting = os.environ.get(CACHE_ENV, "").strip()
    cache_dir: Path | None = Path(cache_setting or options.cache_dir)
    if cache_setting.lower() in CACHE_OFF or (not options.cache and not cache_setting):
        cache_dir = None
    return Settings(
        seeds_dir=Path(seeds),
        cache_dir=cache_dir,
        jobs=job_count(options.jobs),
        path=options.path,
        home=options.home,
        feed_title=options.feed_title or config.site_name,
        search=options.search,
        search_part_pages=options.search_part_pages,
    )


def job_count(configured: int = 0) -> int:
    """Processes for making briefings: BRIEFINGS_JOBS when set, else `configured`."""
    setting = os.environ.get(JOBS_ENV, "").strip()
    if not setting:
        return configured
    if not setting.isdigit():
        raise PluginError(f"{JOBS_ENV}={setting!r}: expected a whole number >= 0")
    return int(setting)


class BriefingsPlugin(BasePlugin[BriefingsConfig]):  # type: ignore[no-untyped-call]
    """Adds the briefings of a seeds folder, and the pages about them, to the site."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.site: Site | None = None
        """The site of the last build: `mkdocs serve` keeps this plugin between its
        rebuilds (it has `on_startup`), so a rebuild makes only what a changed seed touches."""
        self.dirty = False
        """`mkdocs serve --dirty`: pages carried over unchanged are not built again, and
        the search index is made by the first build only."""
        self.indexed = False
        """Whether a build of this process made the search index."""
        self.entries: Mapping[str, Entry] = {}
        """The cache's entries the last build read, by key: a rebuild takes them from here
        rather than reading and decoding them again."""
        self.serving = True
        """Whether MkDocs may build again in this process (`mkdocs serve`, or a caller that
        did not say): only then are the site and the cache's entries kept."""
        self.generated: set[str] = set()
        """The source paths of the Markdown pages this plugin added to the last build."""
        self.written: list[File] = []
        """The other files it added (downloads), which MkDocs copies before it builds the
        pages."""
        self.prerender: Prerender | None = None
        """The workers rendering this build's generated pages (`prerender.py`)."""
        self.prerendered = 0
        """Pages of the last build whose HTML a worker made."""
        self.topic_urls: dict[str, str] = {}
        """Topic -> the address of its page, where the tag chips of a briefing page link."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = command == "serve" and dirty
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for name in NEEDED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        self.settings = resolve_settings(self.config, config)
        problem = site_url_problem(config.site_url)
        if problem:
            # Logged as information, not as a warning, which `--strict` would make fatal
            # for every build of a site that is not published yet (the tests' among them).
            log.info(f"Briefings: warning: {problem}")
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if self.settings is None:  # pragma: no cover - MkDocs runs on_config first
            self.settings = resolve_settings(self.config, config)
        present = {f.src_uri for f in files}
        files, self.site, self.entries = add_site(
            files, config, self.settings, self.site, self.dirty, known=self.entries
        )
        added = [f for f in files if f.src_uri not in present]
        self.generated = {f.src_uri for f in added if f.is_documentation_page()}
        self.written = [f for f in added if not f.is_documentation_page()]
        self.topic_urls = topic_urls(files, self.settings)
        if not self.serving:
            # `mkdocs build` builds once: what a rebuild would reuse is only memory here
            # (hundreds of MB at 10,000 briefings, held while Pagefind runs).
            self.site, self.entries = None, {}
        return files

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self._stop_prerender()
        jobs = worker_count(self.settings.jobs if self.settings else 0)
        paths = paths_to_render(files, self.generated)
        if not self.dirty and jobs > 1 and len(paths) >= prerender.MIN_PAGES:
            self.prerender = Prerender(config, files, paths, jobs)
        return nav

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        if self.prerender is not None:
            self.prerender.install(page)
        return page

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self._stop_prerender()  # every page is rendered by now
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_prerender()

    def _stop_prerender(self) -> None:
        if self.prerender is not None:
            self.prerendered = self.prerender.used
            self.prerender.close()
            self.prerender = None

    @event_priority(-100)  # after the tags plugin's: these chips replace its
    def on_page_context(self, context: Any, /, *, page: Page, **kwargs: Any) -> Any:
        if page.file.src_uri in self.generated and "tags" in context:
            context["tags"] = topic_chips(page.meta.get("tags"), self.topic_urls)
        return context

    @event_priority(-100)  # after every other plugin has seen the page's Markdown
    def on_page_content(self, html: str, /, *, page: Page, **kwargs: Any) -> str:
        if page.file.src_uri in self.generated:
            release_markdown(page)
        return html

    @event_priority(-100)  # after every other plugin has seen the written page
    def on_post_page(self, output: str, /, *, page: Page, **kwargs: Any) -> str:
        if page.file.src_uri in self.generated:
            release_html(page)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.settings is None or not self.settings.search:
            return
        if SITE_SEARCH_PLUGINS & set(config.plugins):
            # The site has a search of its own (and its theme shows that one): one search.
            log.info("Search index: none from Pagefind, the site uses its search plugin")
            return
        if self.dirty and self.indexed:
            # A preview of edits: indexing every page again would take most of the rebuild
            # (29 s at 10,000 briefings). The first build's index stays, stale for them.
            log.info("Search index: the first build's, kept (mkdocs serve --dirty)")
            return
        release_memory(self.written)
        build_search_index(config, self.settings)
        self.indexed = True

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.settings is not None:
            watch_inputs(server, self.settings.seeds_dir)
        return server


@dataclass(frozen=True, slots=True)
class TopicChip:
    """A tag chip of a page as Material's `partials/tags.html` reads it."""

    name: str
    url: str | None
    """The topic page's address from the site's root (None: no page, an unlinked chip)."""
    hidden: bool = False


def topic_urls(files: Files, settings: Settings) -> dict[str, str]:
    """Topic -> the address of its page (`topics/SLUG/`) among `files`."""
    prefix = settings.prefix
    found = {topic: files.get_file_from_path(prefix + topic_page(topic)) for topic in topic_names()}
    return {topic: file.url for topic, file in found.items() if file is not None}


def topic_chips(tags: Any, urls: Mapping[str, str]) -> list[TopicChip]:
    """The chips of a page's `tags:`, each linked to its topic's page. Material's tags
    plugin would link them into a listing of every tag and its pages, one page that grows
    with the corpus; it is switched off (`listings: false` in mkdocs.yml)."""
    names = [str(tag) for tag in tags] if isinstance(tags, list) else []
    return [TopicChip(name, urls.get(name)) for name in names]


def watch_inputs(server: Any, seeds_dir: Path) -> None:
    """Rebuild when a seed or a rule file changes, as for a page in docs/."""
    server.watch(str(seeds_dir))
    server.watch(str(RULES_DIR))


def add_briefings(
    files: Files, config: MkDocsConfig, settings: Settings, logger: logging.Logger = log
) -> Files:
    """`files` with every generated page of the briefings of `settings.seeds_dir` added;
    what went wrong and what was made is logged to `logger`."""
    return add_site(files, config, settings, logger=logger)[0]


def add_site(
    files: Files,
    config: MkDocsConfig,
    settings: Settings,
    before: Site | None = None,
    dirty: bool = False,
    logger: logging.Logger = log,
    known: Mapping[str, Entry] | None = None,
) -> tuple[Files, Site, Mapping[str, Entry]]:
    """`add_briefings`, and the site made: `before`, the site of the previous build of this
    process, is made again where seeds changed (`render.incremental`). With `dirty`
    (`mkdocs serve --dirty`), a page whose bytes did not change is marked as not modified,
    so MkDocs does not build it again. `known`: the cache entries the previous build read
    (`Corpus.entries`, returned third), not read again."""
    started = time.perf_counter()
    cache = _open_cache(settings.cache_dir)
    try:
        total = len(seed_paths(settings.seeds_dir))
        logger.info(f"Briefings: making {total} briefings from {settings.seeds_dir}")
        # On a terminal a line of count, rate and time left; MkDocs' log has the stage's
        # start and end lines, so nothing more is written elsewhere.
        with Progress("Briefings", total, lines=False) as progress:
            corpus = load_corpus(
                settings.seeds_dir,
                jobs=settings.jobs,
                cache=cache,
                derive=briefing_parts,
                progress=progress.advance,
                known=known,
            )
    except BriefingError as exc:
        raise PluginError(str(exc)) from None
    for error in corpus.errors:
        logger.warning(str(error))
    if not corpus.briefings and not corpus.errors:
        logger.warning(
            f"{settings.seeds_dir}: no seed files (*.txt) found; the site has no briefings"
        )
    prefix = settings.prefix
    home = prefix + HOME
    has_about = files.get_file_from_path(ABOUT) is not None
    logger.info("Pages: putting the site together")
    pages_started = time.perf_counter()
    options = SiteOptions(
        _feed_base(config.site_url, prefix),
        settings.feed_title,
        relative(home, ABOUT) if has_about else None,
    )
    remade = remake_site(before, corpus.briefings, corpus.derived, options, corpus.keys)
    pages = dict(remade.site.pages)
    logger.info(f"Pages: {len(pages)} made in {time.perf_counter() - pages_started:.2f} s")
    if not settings.home:
        del pages[HOME]
    for name in sorted(pages):
        path = prefix + name
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"{posixpath.join(config.docs_dir, path)}: a hand-written page has the path of "
                "a generated page; rename or move the hand-written page, or set the briefings "
                "plugin's `path`"
            )
        content = pages[name]
        if not settings.search and name.endswith(".md") and isinstance(content, str):
            content = excluded_from_search(content)
        same = name in remade.kept or (before is not None and before.pages.get(name) == pages[name])
        kind = _Unchanged if dirty and same else File
        files.append(kind.generated(config, path, content=content))
    _log_summary(logger, corpus, settings, len(pages), time.perf_counter() - started)
    return files, remade.site, corpus.entries


class _Unchanged(File):
    """A generated page carried over from the previous build of `mkdocs serve --dirty`:
    built again only when its HTML is missing."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)


def build_search_index(
    config: MkDocsConfig, settings: Settings, logger: logging.Logger = log
) -> None:
    """Pagefind's index of the briefing pages of the built site (`build_tools.search`)."""
    logger.info("Search index: indexing the briefing pages with Pagefind")
    pages = briefing_pages_glob(settings.path, config.use_directory_urls)
    try:
        root = ROOT_SELECTOR if config.theme.name == "material" else None
        index = index_site(Path(config.site_dir), pages, root, settings.search_part_pages)
    except BriefingError as exc:
        raise PluginError(str(exc)) from None
    parts = f" (in {index.parts} parts)" if index.parts > 1 else ""
    logger.info(f"Search index: {index.pages} pages{parts} in {index.seconds:.2f} s")


def release_markdown(page: Page) -> None:
    """Let go of a generated page's Markdown once MkDocs has made its HTML: the page's copy
    and the file's (a generated page is read from memory, and never again in a build)."""
    page.markdown = ""  # not None, which MkDocs takes for a page not read (its title None)
    page.file.content_string = ""


def release_html(page: Page) -> None:
    """Let go of a generated page's HTML and table of contents once MkDocs has written it;
    what MkDocs checks after writing (links to anchors) it keeps apart. At 10,000
    briefings, pages MkDocs would otherwise hold whole until the build ends."""
    page.content = None
    page.toc = TableOfContents([])


def release_memory(copied: Sequence[File] = ()) -> None:
    """Let go of the content of the files MkDocs has copied into the site (`copied`: the
    downloads, 130 MB at 10,000 briefings), collect garbage and give the freed memory back
    to the system (glibc's malloc_trim), so that Pagefind's process, started next, does not
    run beside MkDocs' idle heap."""
    for file in copied:
        file.content_string = ""
    gc.collect()
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim(0)
    except (OSError, AttributeError, TypeError):  # not glibc: nothing to trim
        pass


def excluded_from_search(page: str) -> str:
    """A Markdown page with `search: exclude: true` in its front matter (Material's search
    plugin leaves such a page out of the index)."""
    if page.startswith("---\n"):
        return "---\nsearch:\n  exclude: true\n" + page.removeprefix("---\n")
    return "---\nsearch:\n  exclude: true\n---\n\n" + page


def _feed_base(site_url: str | None, prefix: str) -> str | None:
    return site_url.rstrip("/") + "/" + prefix if site_url else None


def _open_cache(folder: Path | None) -> BriefingCache | None:
    return open_cache(folder) if folder is not None else None


def _log_summary(
    logger: logging.Logger, corpus: Corpus, settings: Settings, pages: int, seconds: float
) -> None:
    demands = sum(len(b.demands) for b in corpus.briefings)
    proposals = sum(len(b.proposals) for b in corpus.briefings)
    links = sum(len(b.links) for b in corpus.briefings)
    warned = sum(1 for b in corpus.briefings if b.warnings)
    logger.info(
        f"Briefings: {len(corpus.briefings)} made from {settings.seeds_dir} "
        f"({corpus.cached} from the cache), {len(corpus.errors)} failed; {demands} demands, "
        f"{proposals} proposals, {links} links; {warned} with warnings; "
        f"{pages} pages in {seconds:.2f} s"
    )
    for b in corpus.briefings:
        for warning in b.warnings:
            logger.info(f"{b.source}: {warning}")
