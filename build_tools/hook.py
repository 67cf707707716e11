"""MkDocs hook: the `briefings` plugin (`plugin.py`) for a site that lists this file under
`hooks:` instead of the plugin under `plugins:`.

A hook takes no options, so it runs with the plugin's defaults (seeds beside `mkdocs.yml`,
the cache in `.cache/briefings/` beside it, one process per core, pages at the top of the
docs, feed named after `site_name`), changed only by the variables BRIEFINGS_SEEDS,
BRIEFINGS_CACHE (a folder, or `off`) and BRIEFINGS_JOBS. Prefer the plugin: its options
are checked by MkDocs and it needs no path to this file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_tools.cache import BriefingCache, open_cache
from build_tools.plugin import (
    CACHE_ENV,
    JOBS_ENV,
    SEEDS_ENV,
    PluginError,
    Settings,
    add_briefings,
    resolve_settings,
    watch_inputs,
)
from build_tools.plugin import BriefingsConfig as _Options
from build_tools.plugin import job_count as _job_count

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

__all__ = ["CACHE_ENV", "JOBS_ENV", "SEEDS_ENV", "PluginError", "on_files", "on_serve"]

log = logging.getLogger("mkdocs.hooks.briefings")


def settings(config: MkDocsConfig) -> Settings:
    """The plugin's default settings for the site of `config`, environment applied."""
    options = _Options(config_file_path=config.config_file_path)
    options.load_dict({})
    errors, _warnings = options.validate()
    if errors:  # pragma: no cover - the defaults are valid
        raise PluginError(f"briefings hook: {errors}")
    return resolve_settings(options, config)


def seeds_dir(config: MkDocsConfig) -> Path:
    """`seeds/` beside `mkdocs.yml`, unless the BRIEFINGS_SEEDS variable names another."""
    return settings(config).seeds_dir


def briefing_cache(config: MkDocsConfig) -> BriefingCache | None:
    """The cache beside `mkdocs.yml`, or the folder BRIEFINGS_CACHE names; None when
    BRIEFINGS_CACHE is `off`."""
    folder = settings(config).cache_dir
    return open_cache(folder) if folder is not None else None


def job_count() -> int:
    """Processes for making briefings: BRIEFINGS_JOBS, default 0 (one per core)."""
    return _job_count(0)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return add_briefings(files, config, settings(config), log)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    watch_inputs(server, seeds_dir(config))
    return server
