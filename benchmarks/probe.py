"""Probes: one measurement, run in a fresh process so that its time and peak memory are its
own; prints one JSON object on stdout. `benchmarks.run` starts them.

    python -m benchmarks.probe preprocess SEEDS [--jobs N] [--cache DIR --fingerprint F]
    python -m benchmarks.probe parse SEEDS
    python -m benchmarks.probe index MKDOCS_YML --out FILE
    python -m benchmarks.probe slugs SEEDS --first K

`preprocess` times `load_corpus` (read, extract, sidecars: the per-article pipeline) and
reports the peak resident memory of this process and of its largest worker. `parse` times a
bare markdown-it-py parse of the same files. `index` makes Material's search index of a
site the way `mkdocs build` does (every page read, its Markdown rendered, the same search
plugin indexing the same HTML) but renders no theme template and writes no page, so that a
corpus too large to build in the benchmark's time still gets its search index measured.
`slugs` lists the page slugs of the first K seeds, to find their pages in a built site.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from build_tools.briefing import briefing_from_path
from build_tools.cache import open_cache
from build_tools.corpus import load_corpus, seed_paths


def preprocess(seeds: Path, jobs: int, cache_dir: Path | None) -> dict:
    cache = open_cache(cache_dir) if cache_dir else None
    start = time.perf_counter()
    corpus = load_corpus(seeds, jobs=jobs, cache=cache)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "briefings": len(corpus.briefings),
        "errors": len(corpus.errors),
        "cached": corpus.cached,
        "self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def parse(seeds: Path) -> dict:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    start = time.perf_counter()
    tokens = 0
    paths = seed_paths(seeds)
    for path in paths:
        tokens += len(md.parse(path.read_text(encoding="utf-8", errors="replace")))
    return {"seconds": time.perf_counter() - start, "files": len(paths), "tokens": tokens}


def index(config_file: Path) -> dict:
    """The search index of the site of `config_file` (see the module docstring)."""
    from mkdocs.commands.build import _populate_page
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    start = time.perf_counter()
    config = load_config(config_file=str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    documents = files.documentation_pages()
    for file in documents:
        if file.page is None:
            Page(None, file, config)
        _populate_page(file.page, config, files)
    # The tags plugin writes its listings into pages here.
    config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    search: Any = config.plugins["material/search"]
    for file in documents:
        # Only the search plugin's part of the `page_context` event: it indexes page.content.
        search.on_page_context({}, page=file.page, config=config, nav=nav)
    pages = len(documents)
    data = search.search_index.generate_search_index(None).encode("utf-8")
    return {"seconds": time.perf_counter() - start, "pages": pages, "index_bytes": data}


def slugs(seeds: Path, first: int) -> dict:
    return {"slugs": [briefing_from_path(p).slug for p in seed_paths(seeds)[:first]]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probe")
    sub = parser.add_subparsers(dest="kind", required=True)
    pre = sub.add_parser("preprocess")
    pre.add_argument("seeds", type=Path)
    pre.add_argument("--jobs", type=int, default=1)
    pre.add_argument("--cache", type=Path)
    sub.add_parser("parse").add_argument("seeds", type=Path)
    idx = sub.add_parser("index")
    idx.add_argument("config", type=Path)
    idx.add_argument("--out", type=Path, required=True, help="write the index JSON here")
    sl = sub.add_parser("slugs")
    sl.add_argument("seeds", type=Path)
    sl.add_argument("--first", type=int, required=True)
    args = parser.parse_args(argv)
    if args.kind == "preprocess":
        result = preprocess(args.seeds, args.jobs, args.cache)
    elif args.kind == "parse":
        result = parse(args.seeds)
    elif args.kind == "slugs":
        result = slugs(args.seeds, args.first)
    else:
        result = index(args.config)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(result.pop("index_bytes"))
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
