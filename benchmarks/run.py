"""The benchmark: synthetic corpora of three sizes in, docs/performance.md out.

    python -m benchmarks.run [--sizes 100,1000,10000] [--out bench-out] [--report FILE]

For every N: preprocessing in one process and with every core, a bare markdown-it-py parse,
and `build --out`. For the small and medium N: `mkdocs build` of the pages as plain docs, and
with the hook (empty, then filled cache) and page sizes. For the medium N: runs after one
seed changed. For the medium and large N: a whole `mkdocs build` with an empty cache, its
Pagefind index and what a first and a later search download in Chromium (`search_bytes`).
`--search-only` measures that last part alone and puts it into the existing page. For the
medium and large N: `build --out` after one seed changed, and for the medium N how long
`mkdocs serve` takes to show a seed edit (`rebuilds`); `--rebuild-only` measures those alone
and puts them into the existing page.
Work files go to `--out` (git ignores `bench-out/`); every measurement runs in its own
process from a snapshot of the code taken at the start (`sites`). `report.render_report`
writes the page.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from benchmarks import sites
from benchmarks.rebuilds import Rebuild, ServeEdit, splice_rebuilds
from benchmarks.report import (
    FIRST_QUERY,
    FUNCTION_WORD,
    LATER_QUERY,
    RARE_QUERY,
    TYPICAL_QUERY,
    ArticleTime,
    Figures,
    Incremental,
    Machine,
    PathologicalTime,
    Preprocessing,
    Search,
    SiteBuild,
    render_report,
    splice_search,
)
from benchmarks.synthetic import mark_article
from build_tools.cache import code_fingerprint
from build_tools.corpus import available_cores, seed_paths

ROOT = sites.ROOT
DEFAULT_SIZES = (100, 1000, 10000)
# Timings are the best of a few runs (as `timeit` advises: slower runs measure other work on
# the machine), except where one run takes most of a minute.
REPEATS = 3
T = TypeVar("T")


class Bench:
    """The folders of one benchmark run, and its progress messages."""

    def __init__(self, out: Path, sizes: tuple[int, int, int]) -> None:
        self.out = out.resolve()
        self.sizes = sizes
        self.started = time.perf_counter()
        self.code = self.out / "code"

    def say(self, message: str) -> None:
        print(f"[{time.perf_counter() - self.started:6.1f} s] {message}", file=sys.stderr)

    def seeds(self, n: int) -> Path:
        return self.out / f"seeds-{n}"

    def pages(self, n: int) -> Path:
        return self.out / f"pages-{n}"

    def site_dir(self, n: int) -> Path:
        return self.out / "sites" / str(n)

    def python(self, *args: str, env: dict[str, str] | None = None) -> sites.Run:
        return sites.python(self.code, *args, env=env)

    def probe(self, *args: str) -> dict[str, Any]:
        """Run one probe; its JSON result."""
        result = self.python("-m", "benchmarks.probe", *args)
        data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
        return data


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Measure preprocessing, MkDocs builds and the search on synthetic "
        "corpora of three sizes and write the Performance page.",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=DEFAULT_SIZES,
        help="small,medium,large N (default 100,1000,10000)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out", help="work folder")
    parser.add_argument(
        "--report", type=Path, default=ROOT / "docs" / "performance.md", help="page to write"
    )
    parser.add_argument(
        "--speed-runs",
        type=int,
        default=200,
        help="runs of each real article for the extraction times (default 200)",
    )
    parser.add_argument(
        "--pathological-size",
        type=int,
        default=40_000,
        help="bytes of each pathological article (default 40,000)",
    )
    parser.add_argument(
        "--search-only",
        action="store_true",
        help="measure the search at the medium and large N alone and replace the page's "
        "Search section",
    )
    parser.add_argument(
        "--rebuild-only",
        action="store_true",
        help="measure build --out after one seed changed at the medium and large N and "
        "mkdocs serve showing an edit at --serve-sizes, and replace the page's Rebuilding "
        "section and its targets",
    )
    parser.add_argument(
        "--rebuild-sizes",
        type=_size_list,
        default=None,
        help="N for the rebuilds (default: the medium and large N)",
    )
    parser.add_argument(
        "--serve-sizes",
        type=_size_list,
        default=None,
        help="N for mkdocs serve showing an edit (default: the medium and large N)",
    )
    args = parser.parse_args(argv)
    bench = Bench(args.out, args.sizes)
    if args.rebuild_only:
        rebuild_only(bench, args.report, args.rebuild_sizes, args.serve_sizes)
        bench.say(f"wrote the rebuild figures into {args.report}")
        return 0
    if args.search_only:
        search_only(bench, args.report)
        bench.say(f"wrote the Search section of {args.report}")
        return 0
    figures = measure(bench, args.speed_runs, args.pathological_size)
    args.report.write_text(render_report(figures), encoding="utf-8")
    bench.say(f"wrote {args.report}")
    return 0


def _sizes(text: str) -> tuple[int, int, int]:
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        sizes = ()
    if len(sizes) != 3 or not 0 < sizes[0] < sizes[1] < sizes[2]:
        raise argparse.ArgumentTypeError(
            f"expected three growing sizes like 100,1000,10000: {text}"
        )
    return sizes[0], sizes[1], sizes[2]


def _size_list(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(",") if part)
    except ValueError:
        sizes = ()
    if not sizes or min(sizes) < 20:
        raise argparse.ArgumentTypeError(f"expected sizes like 1000,10000: {text}")
    return sizes


def measure(bench: Bench, speed_runs: int = 200, pathological_size: int = 40_000) -> Figures:
    """Every figure of the report."""
    small, medium, large = bench.sizes
    load_before = os.getloadavg()[0]
    commit = _commit()  # of the code the snapshot copies, not of the tree when the run ends
    sites.snapshot(bench.code)
    for n in bench.sizes:
        bench.python("-m", "benchmarks.synthetic", str(n), str(bench.seeds(n)))
    bench.say(f"code copied, corpora of {', '.join(map(str, bench.sizes))} articles written")
    preprocessing = tuple(measure_preprocessing(bench, n) for n in bench.sizes)
    incremental = measure_incremental(bench, medium)
    builds = tuple(measure_site(bench, n, min(10, small)) for n in (small, medium))
    search = tuple(measure_search(bench, n) for n in (medium, large))
    rebuilt = tuple(measure_rebuild(bench, n) for n in (medium, large))
    serve = tuple(measure_serve(bench, n) for n in (medium, large))
    articles = measure_articles(bench, speed_runs)
    pathological = measure_pathological(bench, pathological_size)
    machine = Machine(
        cores=os.cpu_count() or 1,
        usable_cores=available_cores(),
        python=platform.python_version(),
        system=platform.platform(terse=True),
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        commit=f"{commit}, code fingerprint {code_fingerprint(bench.code / 'build_tools')}",
        load_before=load_before,
        load_after=os.getloadavg()[0],
        seconds=time.perf_counter() - bench.started,
    )
    return Figures(
        machine,
        bench.sizes,
        preprocessing,
        incremental,
        builds,
        search,
        articles,
        pathological,
        rebuilt,
        serve,
    )


def measure_articles(bench: Bench, runs: int) -> tuple[ArticleTime, ...]:
    """Extraction time of each real article, in a process of its own."""
    result = bench.python("-m", "benchmarks.extraction_speed", "--json", "--runs", str(runs))
    bench.say("extraction times of the real articles measured")
    return tuple(ArticleTime(**entry) for entry in json.loads(result.stdout))


def measure_pathological(bench: Bench, size: int) -> tuple[PathologicalTime, ...]:
    """Work per KB of each pathological case, in a process of its own."""
    result = bench.python("-m", "benchmarks.pathological", "--json", "--size", str(size))
    bench.say("pathological input measured")
    return tuple(PathologicalTime(**entry) for entry in json.loads(result.stdout))


def best(times: int, measure_once: Callable[[], T], seconds: Callable[[T], float]) -> T:
    """The fastest of `times` runs."""
    return min((measure_once() for _ in range(times)), key=seconds)


def measure_preprocessing(bench: Bench, n: int) -> Preprocessing:
    seeds = str(bench.seeds(n))
    large = n == bench.sizes[2]
    by_time: Callable[[dict[str, Any]], float] = lambda r: r["seconds"]  # noqa: E731
    serial = best(1 if large else REPEATS, lambda: bench.probe("preprocess", seeds), by_time)
    parallel = best(
        2 if large else REPEATS, lambda: bench.probe("preprocess", seeds, "--jobs", "0"), by_time
    )
    parse = best(1 if large else REPEATS, lambda: bench.probe("parse", seeds), by_time)
    for result in (serial, parallel):
        if result["briefings"] != n:
            raise SystemExit(f"benchmark: {result['briefings']} briefings made of {n} seeds")
    build = bench.python(
        "-m", "build_tools", "build", "--out", str(bench.pages(n)), "--seeds", seeds,
        "--no-cache", "--jobs", "0",
    )  # fmt: skip
    dask = measure_dask(bench, n)
    bench.say(
        f"N={n}: {serial['seconds']:.2f} s in one process, {parallel['seconds']:.2f} s with "
        f"every core, parse {parse['seconds']:.2f} s, build --out {build.seconds:.1f} s"
        + (f", build --dask {dask['seconds']:.1f} s" if dask else "")
    )
    return Preprocessing(
        n=n,
        serial_s=serial["seconds"],
        serial_mb=serial["self_kb"] / 1024,
        jobs=available_cores(),
        parallel_s=parallel["seconds"],
        parent_mb=parallel["self_kb"] / 1024,
        worker_mb=parallel["children_kb"] / 1024,
        parse_s=parse["seconds"],
        build_s=build.seconds,
        build_mb=build.peak_mb,
        dask_s=dask["seconds"] if dask else None,
        dask_workers=dask["workers"] if dask else 0,
        dask_identical=dask["identical"] if dask else None,
    )


def measure_dask(bench: Bench, n: int) -> dict[str, Any] | None:
    """`build --dask` on a LocalCluster of one worker process per usable core, compared
    with what `build --out` wrote; None without the dask extra."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return None
    out = bench.out / "dask-pages" / str(n)
    result = bench.python(
        "-m", "benchmarks.dask_build", str(bench.seeds(n)), str(out),
        "--compare", str(bench.pages(n)),
    )  # fmt: skip
    figures: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return figures


def measure_incremental(bench: Bench, n: int) -> Incremental:
    """Full runs with an empty cache, then runs after one seed changed (another seed each
    time, so that every such run makes exactly one briefing)."""
    folder = bench.out / "incremental"
    if folder.exists():
        shutil.rmtree(folder)
    seeds = folder / "seeds"
    shutil.copytree(bench.seeds(n), seeds)
    paths = itertools.cycle(seed_paths(seeds)[1::7])
    cache = folder / "cache"

    def load(jobs: str, empty: bool) -> dict[str, Any]:
        if empty:
            shutil.rmtree(cache, ignore_errors=True)
        else:
            _touch(next(paths))
        return bench.probe("preprocess", str(seeds), "--jobs", jobs, "--cache", str(cache))

    def build(jobs: str, empty: bool) -> sites.Run:
        if empty:
            shutil.rmtree(cache, ignore_errors=True)
        else:
            _touch(next(paths))
        return bench.python(
            "-m", "build_tools", "build", "--out", str(folder / "pages"), "--seeds", str(seeds),
            "--cache-dir", str(cache), "--jobs", jobs,
        )  # fmt: skip

    by_time: Callable[[dict[str, Any]], float] = lambda r: r["seconds"]  # noqa: E731
    by_wall: Callable[[sites.Run], float] = lambda r: r.seconds  # noqa: E731
    load_serial = best(1, lambda: load("1", empty=True), by_time)
    load_full = best(2, lambda: load("0", empty=True), by_time)
    load_changed = best(REPEATS, lambda: load("0", empty=False), by_time)
    build_serial = best(1, lambda: build("1", empty=True), by_wall)
    build_full = best(2, lambda: build("0", empty=True), by_wall)
    build_changed = best(REPEATS, lambda: build("0", empty=False), by_wall)
    bench.say(
        f"N={n} incremental: briefings {load_full['seconds']:.2f} -> "
        f"{load_changed['seconds']:.2f} s, build {build_full.seconds:.2f} -> "
        f"{build_changed.seconds:.2f} s"
    )
    return Incremental(
        n=n,
        build_serial_s=build_serial.seconds,
        build_full_s=build_full.seconds,
        build_changed_s=build_changed.seconds,
        build_cached=_cached(build_changed.stdout),
        load_serial_s=load_serial["seconds"],
        load_full_s=load_full["seconds"],
        load_changed_s=load_changed["seconds"],
        load_cached=load_changed["cached"],
    )


def _touch(seed: Path) -> None:
    """Change a seed's text: one more sentence at its end."""
    with seed.open("a", encoding="utf-8") as out:
        out.write("\nThe envoys met again the next morning.\n")


def _cached(build_output: str) -> int:
    # "... proposals; 999 from the cache), ..."
    head = build_output[: build_output.index(" from the cache")]
    return int(head.rsplit(" ", 1)[-1])


def measure_site(bench: Bench, n: int, first_pages: int) -> SiteBuild:
    folder = bench.site_dir(n)
    plain_config = sites.plain_project(bench.code, folder / "plain", bench.pages(n))
    hook_config = sites.hook_project(bench.code, folder / "hook")
    cache = folder / "cache"
    env = {"BRIEFINGS_SEEDS": str(bench.seeds(n)), "BRIEFINGS_CACHE": str(cache)}
    by_wall: Callable[[sites.Run], float] = lambda r: r.seconds  # noqa: E731

    def cold_build() -> sites.Run:
        shutil.rmtree(cache, ignore_errors=True)
        return sites.mkdocs_build(bench.code, hook_config, env)

    # Each way the same number of runs, taken in turn (plain, empty cache, filled cache) so
    # that a slow spell of the machine weighs on all three alike, and the best of each: the
    # machine's other work slows some runs by a second or more, as much as the hook's share.
    plains, colds, warms = [], [], []
    for _ in range(REPEATS):
        plains.append(sites.mkdocs_build(bench.code, plain_config))
        colds.append(cold_build())
        warms.append(sites.mkdocs_build(bench.code, hook_config, env))
    plain, cold, warm = (min(runs, key=by_wall) for runs in (plains, colds, warms))
    site = folder / "hook" / "site"
    slugs = bench.probe("slugs", str(bench.seeds(n)), "--first", str(first_pages))["slugs"]
    sizes = [(site / "briefings" / slug / "index.html").stat().st_size for slug in slugs]
    bench.say(
        f"N={n} mkdocs build: plain {plain.seconds:.1f} s, hook {cold.seconds:.1f} s "
        f"(empty cache), {warm.seconds:.1f} s (filled)"
    )
    return SiteBuild(
        n=n,
        plain_s=plain.seconds,
        plain_mb=plain.peak_mb,
        cold_s=cold.seconds,
        cold_mb=cold.peak_mb,
        cold_hook_s=sites.hook_log(cold).seconds,
        warm_s=warm.seconds,
        warm_mb=warm.peak_mb,
        warm_hook_s=sites.hook_log(warm).seconds,
        warm_cached=sites.hook_log(warm).cached,
        page_bytes=sizes[0],
        first_pages=first_pages,
        first_pages_bytes=sum(sizes),
    )


def measure_search(bench: Bench, n: int) -> Search:
    """One whole `mkdocs build` of N with the plugin and an empty cache, then a reader's
    first and later search on the site it wrote, in Chromium."""
    from benchmarks.search_bytes import measure_visits

    folder = bench.site_dir(n) / "search"
    config = sites.hook_project(bench.code, folder)
    cache = folder / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    # The corpus with a word that one briefing alone holds (the search's worst case: fewer
    # than ten results make it search every part), the middle one.
    seeds = folder / "seeds"
    shutil.rmtree(seeds, ignore_errors=True)
    shutil.copytree(bench.seeds(n), seeds)
    mark_article(seeds / f"synthetic_{n // 2:05d}.txt", RARE_QUERY)
    env = {"BRIEFINGS_SEEDS": str(seeds), "BRIEFINGS_CACHE": str(cache)}
    bench.say(f"N={n}: whole mkdocs build with an empty cache ...")
    build = sites.mkdocs_build(bench.code, config, env)
    pages, index_s = sites.search_log(build)
    site = folder / "site"
    # The last visit searches every part after the first query (a later query's figure is
    # the first visit's, which searches the parts a reader's first query does).
    queries = (FIRST_QUERY, TYPICAL_QUERY, FUNCTION_WORD, RARE_QUERY, FIRST_QUERY)
    visits = [(q, LATER_QUERY) for q in queries]
    measured, typical, function_word, rare, widened = measure_visits(site, visits, every_part={4})
    index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    html = sorted(((p.stat().st_size, p) for p in site.rglob("*.html")), reverse=True)
    largest_pages = tuple((p.relative_to(site).as_posix(), size) for size, p in html[:5])
    bench.say(
        f"N={n}: mkdocs build {build.seconds:.1f} s, {build.tree_mb:,.0f} MB resident, "
        f"{build.tree_pss_mb or 0:,.0f} MB proportional (largest process "
        f"{build.peak_mb:,.0f} MB); Pagefind "
        f"{index_s:.1f} s for {pages:,} pages; first search {measured.first_search / 1000:.0f} "
        f"kB, later query {measured.later_query / 1000:.0f} kB"
    )
    return Search(
        n=n,
        pages=pages,
        index_s=index_s,
        build_s=build.seconds,
        build_mb=build.tree_mb,
        build_pss_mb=build.tree_pss_mb,
        largest_mb=build.peak_mb,
        hook_s=sites.hook_log(build).seconds,
        index_bytes=index_bytes,
        home_bytes=measured.home,
        first_search_bytes=measured.first_search,
        later_query_bytes=measured.later_query,
        typical_search_bytes=typical.first_search,
        function_word_bytes=function_word.first_search,
        every_part_bytes=widened.every_part,
        rare_word_bytes=rare.first_search,
        largest_pages=largest_pages,
    )


def search_only(bench: Bench, report: Path) -> None:
    """Measure the search at the medium and large N alone and put its section into the page
    `report` (the other sections stay those of the last whole run), with the date."""
    commit = _commit()  # of the code the snapshot copies
    sites.snapshot(bench.code)
    for n in bench.sizes[1:]:
        bench.python("-m", "benchmarks.synthetic", str(n), str(bench.seeds(n)))
    search = tuple(measure_search(bench, n) for n in bench.sizes[1:])
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    note = (
        f"*Measured alone on {when} with `python -m benchmarks.run --search-only` at "
        f"`{commit}` (one-minute load average {os.getloadavg()[0]:.1f} at the end); the "
        "search rows of the Targets table are from it, the other rows and sections from the "
        "last whole run.*\n\n"
    )
    page = report.read_text(encoding="utf-8")
    report.write_text(splice_search(page, bench.sizes, search, note), encoding="utf-8")


# Rebuild figures are of a checkout with compiled modules kept (`.pyc`), as a maintainer's
# is: both the full run and the run after a change.
WITH_BYTECODE = {"PYTHONDONTWRITEBYTECODE": ""}


def measure_rebuild(bench: Bench, n: int) -> Rebuild:
    """`build --out` with an empty cache, then after one seed changed (the best of three
    runs, another seed each time), and the output compared with a build without the cache."""
    folder = bench.out / "rebuild" / str(n)
    if folder.exists():
        shutil.rmtree(folder)
    seeds = folder / "seeds"
    shutil.copytree(bench.seeds(n), seeds)
    paths = itertools.cycle(seed_paths(seeds)[2::11])
    out, cache = folder / "pages", folder / "cache"

    def build(*options: str, to: Path = out) -> sites.Run:
        return bench.python(
            "-m", "build_tools", "build", "--out", str(to), "--seeds", str(seeds), *options,
            env=WITH_BYTECODE,
        )  # fmt: skip

    large = n == bench.sizes[2]
    full = best(
        1 if large else 2,
        lambda: _emptied(cache, lambda: build("--cache-dir", str(cache))),
        lambda r: r.seconds,
    )
    runs = []
    for _ in range(REPEATS):
        before = _inodes(out)
        _touch(next(paths))
        run = build("--cache-dir", str(cache))
        after = _inodes(out)
        written = sum(1 for p, ino in after.items() if before.get(p) != ino)
        runs.append((run, written, len(after)))
    changed, written, files = min(runs, key=lambda r: r[0].seconds)
    whole = folder / "whole"
    build("--no-cache", to=whole)
    same = _tree(out) == _tree(whole)
    bench.say(
        f"N={n} rebuild: build --out {full.seconds:.2f} s, after one seed changed "
        f"{changed.seconds:.2f} s, {written} of {files} files written, same bytes: {same}"
    )
    return Rebuild(n, full.seconds, changed.seconds, _cached(changed.stdout), written, files, same)


def _emptied(cache: Path, run: Callable[[], T]) -> T:
    shutil.rmtree(cache, ignore_errors=True)
    return run()


def _inodes(folder: Path) -> dict[str, int]:
    # The marker is written anew by every build.
    return {
        p.relative_to(folder).as_posix(): p.stat().st_ino
        for p in folder.rglob("*")
        if p.is_file() and p.name != ".generated-by-build-tools"
    }


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def measure_serve(bench: Bench, n: int) -> ServeEdit:
    """`mkdocs serve` of N showing a seed edit, plain then `--dirty` (`serve_edit`)."""
    folder = bench.site_dir(n) / "serve"
    config = sites.hook_project(bench.code, folder)
    seeds = folder / "seeds"
    shutil.copytree(bench.seeds(n), seeds)
    cache = folder / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    figures = {}
    # A rebuild of 10,000 without --dirty takes minutes: one edit there.
    edits = "3" if n <= 2000 else "1"
    for dirty in (False, True):
        result = bench.python(
            "-m", "benchmarks.serve_edit", str(config), str(seeds), str(cache), "--edits", edits,
            *(["--dirty"] if dirty else []), env=WITH_BYTECODE,
        )  # fmt: skip
        data = json.loads(result.stdout.strip().splitlines()[-1])
        figures[dirty] = (data["first_s"], min(data["rebuilds"], key=lambda r: r["seconds"]))
    (first, plain), (_warm, dirty_run) = figures[False], figures[True]
    bench.say(
        f"N={n} mkdocs serve: first build {first:.1f} s, an edit shown in "
        f"{plain['seconds']:.1f} s, with --dirty {dirty_run['seconds']:.1f} s"
    )
    return ServeEdit(
        n=n,
        first_s=first,
        rebuild_s=plain["seconds"],
        hook_s=plain["hook_s"] or 0.0,
        index_s=plain["index_s"] or 0.0,
        html=plain["html_written"],
        dirty_s=dirty_run["seconds"],
        dirty_hook_s=dirty_run["hook_s"] or 0.0,
        dirty_index_s=dirty_run["index_s"],
        dirty_html=dirty_run["html_written"],
    )


def rebuild_only(
    bench: Bench,
    report: Path,
    sizes: tuple[int, ...] | None = None,
    serve_sizes: tuple[int, ...] | None = None,
) -> None:
    """Measure the rebuilds alone and put their section and targets into the page `report`
    (the other sections stay those of the last whole run), with the date and commit."""
    sizes = sizes or bench.sizes[1:]
    serve_sizes = serve_sizes if serve_sizes is not None else bench.sizes[1:]
    commit = _commit()  # of the code the snapshot copies, not of a later commit
    sites.snapshot(bench.code)
    for n in sorted({*sizes, *serve_sizes}):
        bench.python("-m", "benchmarks.synthetic", str(n), str(bench.seeds(n)))
    load = os.getloadavg()[0]
    rebuilt = tuple(measure_rebuild(bench, n) for n in sizes)
    serve = tuple(measure_serve(bench, n) for n in serve_sizes)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    note = (
        f"*Measured alone on {when} with `python -m benchmarks.run --rebuild-only` at "
        f"`{commit}` (one-minute load average {load:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end); the rebuild rows of the Targets table are "
        "from it, the other rows and sections from the last whole run.*\n\n"
    )
    page = report.read_text(encoding="utf-8")
    report.write_text(splice_rebuilds(page, rebuilt, serve, note), encoding="utf-8")


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        changed = git("status", "--porcelain", "--", *sites.SNAPSHOT_PARTS)
    except OSError:
        return "commit unknown"
    if not head:
        return "commit unknown"
    return f"{head} + local changes" if changed else head


if __name__ == "__main__":
    raise SystemExit(main())
