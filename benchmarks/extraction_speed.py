"""Extraction speed: how long `make_briefing` takes per article, beside a bare Markdown parse.

    .venv/bin/python -m benchmarks.extraction_speed [--runs N] [--stages] [PATH ...]

For every article (default: `seeds/*.txt` and `tests/corpus/seeds/*.txt`) prints its size, the
median and 90th percentile of `make_briefing` over N runs (default 50), and the median of a bare
markdown-it-py parse of the same text for comparison. `--stages` adds the median of each
extraction stage run on its own (cleaning, items, summary). Each run makes the briefing afresh
from the decoded source: nothing of one run is reused by the next (the rule files are loaded
once per process, as in a real build). Timings are wall-clock; on a busy machine, run it twice.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from build_tools.article_cache import forget_article
from build_tools.briefing import make_briefing
from build_tools.clean.cleaning import clean
from build_tools.extract.items import find_items
from build_tools.extract.summary import summarize
from build_tools.read.reading import read_seed

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GLOBS = ("seeds/*.txt", "tests/corpus/seeds/*.txt")


def timings(run: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds of each of `runs` calls, after one warm-up call. The per-article caches
    are emptied before each call, so that each run costs what a new article costs."""
    run()
    out = []
    for _ in range(runs):
        forget_article()
        start = time.perf_counter()
        run()
        out.append((time.perf_counter() - start) * 1000)
    return out


def article_times(path: Path, runs: int) -> dict[str, object]:
    """Size, median and 90th percentile of `make_briefing`, and the median of a bare
    markdown-it-py parse, of one article (ms)."""
    source = read_seed(path)
    markdown = MarkdownIt("commonmark")
    whole = timings(lambda: make_briefing(source), runs)
    parse = timings(lambda: markdown.parse(source.text), runs)
    return {
        "name": path.name,
        "size": len(source.text.encode()),
        "median_ms": statistics.median(whole),
        "p90_ms": p90(whole),
        "parse_ms": statistics.median(parse),
    }


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="articles (default: seeds, corpus)")
    parser.add_argument("--runs", type=int, default=50, help="runs per article (default 50)")
    parser.add_argument("--stages", action="store_true", help="also time each stage alone")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON list instead (for `make bench`)"
    )
    args = parser.parse_args(argv)
    paths = args.paths or sorted(p for g in DEFAULT_GLOBS for p in ROOT.glob(g))
    if args.json:
        print(json.dumps([article_times(path, args.runs) for path in paths]))
        return 0
    markdown = MarkdownIt("commonmark")
    header = f"{'article':32} {'bytes':>6} {'median':>7} {'p90':>7} {'parse':>7}"
    if args.stages:
        header += f" {'clean':>7} {'items':>7} {'summary':>7}"
    print(header + "   (ms)")
    medians = []
    for path in paths:
        source = read_seed(path)
        whole = timings(lambda s=source: make_briefing(s), args.runs)
        parse = timings(lambda s=source: markdown.parse(s.text), args.runs)
        medians.append(statistics.median(whole))
        line = (
            f"{path.name[:32]:32} {len(source.text.encode()):6d} {statistics.median(whole):7.2f}"
            f" {p90(whole):7.2f} {statistics.median(parse):7.2f}"
        )
        if args.stages:
            body = clean(source).body
            stages = (
                timings(lambda s=source: clean(s), args.runs),
                # A new tuple each run: `find_items` reads a body object once per briefing.
                timings(lambda b=body: find_items(tuple(list(b))), args.runs),
                timings(lambda b=body: summarize(b), args.runs),
            )
            line += "".join(f" {statistics.median(t):7.2f}" for t in stages)
        print(line)
    if medians:
        print(f"median of the articles' medians: {statistics.median(medians):.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
