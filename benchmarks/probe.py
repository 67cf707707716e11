"""Probes: one measurement, run in a fresh process so that its time and peak memory are its
own; prints one JSON object on stdout. `benchmarks.run` starts them.

    python -m benchmarks.probe preprocess SEEDS [--jobs N] [--cache DIR --fingerprint F]
    python -m benchmarks.probe parse SEEDS
    python -m benchmarks.probe slugs SEEDS --first K

`preprocess` times `load_corpus` (read, extract, sidecars: the per-article pipeline) and
reports the peak resident memory of this process and of its largest worker. `parse` times a
bare markdown-it-py parse of the same files. `slugs` lists the page slugs of the first K
seeds, to find their pages in a built site.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path

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
    sl = sub.add_parser("slugs")
    sl.add_argument("seeds", type=Path)
    sl.add_argument("--first", type=int, required=True)
    args = parser.parse_args(argv)
    if args.kind == "preprocess":
        result = preprocess(args.seeds, args.jobs, args.cache)
    elif args.kind == "parse":
        result = parse(args.seeds)
    else:
        result = slugs(args.seeds, args.first)
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
