"""MkDocs hook: adds the generated briefing pages to every `mkdocs build` and `mkdocs serve`.

The only module that imports MkDocs. Pages are handed to MkDocs in memory
(`File.generated`), so nothing is written into `docs/` or anywhere git tracks; a generated
page whose path is already taken by a hand-written page is an error, never an overwrite.
A seed that cannot be read is logged as a warning: the other seeds are still published, and
`mkdocs build --strict` fails with that one-line message.

Briefings, with their rendered parts (`render.parts`), come from the content-hash cache
(`cache`) in `.cache/briefings/` beside `mkdocs.yml` when their seed, sidecar and code are
unchanged, so a rebuild under `mkdocs serve` re-extracts and re-renders only the seeds that
changed; the others are made by a process pool. BRIEFINGS_CACHE moves the cache (`off`
turns it off); BRIEFINGS_JOBS sets the number of processes (default 0: one per core; 1:
none but MkDocs' own).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from build_tools.cache import DEFAULT_FOLDER, BriefingCache, open_cache
from build_tools.corpus import load_corpus
from build_tools.errors import BriefingError
from build_tools.render.pages import generate_pages
from build_tools.render.parts import briefing_parts
from build_tools.rules import RULES_DIR

log = logging.getLogger("mkdocs.hooks.briefings")
SEEDS_ENV = "BRIEFINGS_SEEDS"
CACHE_ENV = "BRIEFINGS_CACHE"
JOBS_ENV = "BRIEFINGS_JOBS"
CACHE_OFF = ("off", "0", "no", "false")


def seeds_dir(config: MkDocsConfig) -> Path:
    """`seeds/` beside `mkdocs.yml`, unless the BRIEFINGS_SEEDS variable names another."""
    override = os.environ.get(SEEDS_ENV)
    if override:
        return Path(override)
    return Path(config.config_file_path).parent / "seeds"


def briefing_cache(config: MkDocsConfig) -> BriefingCache | None:
    """The cache beside `mkdocs.yml`, or the folder BRIEFINGS_CACHE names; None when
    BRIEFINGS_CACHE is `off`."""
    setting = os.environ.get(CACHE_ENV, "").strip()
    if setting.lower() in CACHE_OFF:
        return None
    folder = Path(setting) if setting else Path(config.config_file_path).parent / DEFAULT_FOLDER
    return open_cache(folder)


def job_count() -> int:
    """Processes for making briefings: BRIEFINGS_JOBS, default 0 (one per core)."""
    setting = os.environ.get(JOBS_ENV, "0").strip() or "0"
    if not setting.isdigit():
        raise PluginError(f"{JOBS_ENV}={setting!r}: expected a whole number >= 0")
    return int(setting)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    started = time.perf_counter()
    try:
        corpus = load_corpus(
            seeds_dir(config),
            jobs=job_count(),
            cache=briefing_cache(config),
            derive=briefing_parts,
        )
    except BriefingError as exc:
        raise PluginError(str(exc)) from None
    for error in corpus.errors:
        log.warning(str(error))
    if not corpus.briefings and not corpus.errors:
        log.warning(f"{seeds_dir(config)}: no seed files (*.txt) found; the site has no briefings")
    pages = generate_pages(corpus.briefings, site_url=config.site_url, made=corpus.derived)
    for path in sorted(pages):
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"docs/{path}: a hand-written page has the path of a generated page; "
                "rename or move the hand-written page"
            )
        files.append(File.generated(config, path, content=pages[path]))
    demands = sum(len(b.demands) for b in corpus.briefings)
    proposals = sum(len(b.proposals) for b in corpus.briefings)
    links = sum(len(b.links) for b in corpus.briefings)
    warned = sum(1 for b in corpus.briefings if b.warnings)
    log.info(
        f"Briefings: {len(corpus.briefings)} made from {seeds_dir(config)} "
        f"({corpus.cached} from the cache), {len(corpus.errors)} failed; {demands} demands, "
        f"{proposals} proposals, {links} links; {warned} with warnings; "
        f"{len(pages)} pages in {time.perf_counter() - started:.2f} s"
    )
    for b in corpus.briefings:
        for warning in b.warnings:
            log.info(f"{b.source}: {warning}")
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    # Rebuild when a seed or a rule file changes, as for a page in docs/.
    server.watch(str(seeds_dir(config)))
    server.watch(str(RULES_DIR))
    return server
