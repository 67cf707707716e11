"""How long `mkdocs serve` takes to show a seed edit: MkDocs' serve loop without the server.

    python -m benchmarks.serve_edit CONFIG SEEDS CACHE [--dirty] [--edits K]

`--dirty` is `mkdocs serve --dirty --no-strict` (MkDocs warns of every dirty build, which
strict mode, on in this site's mkdocs.yml, turns into a failure).

Does what `mkdocs serve` (MkDocs 1.6, `mkdocs/commands/serve.py`) does: loads the config with
a temporary site folder, runs the plugins' `on_startup` (so that the briefings plugin is kept
between builds, as under serve), builds once, then K times appends a sentence to another
seed and builds again with a fresh config, as serve's watcher does on a change. A thread
stays alive meanwhile, as the server's does (the plugin then makes a changed seed in its own
process rather than forking a pool). Prints one JSON object: the first build's time and each
rebuild's, from the edit to the end of the build (the watcher's own delay of about a quarter
second not counted), the plugin's part of each (its log line), Pagefind's, and how many HTML
files each rebuild wrote.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from build_tools.corpus import seed_paths

EDIT = "\nThe envoys met again the next morning.\n"
_HOOK = re.compile(r"Briefings: \d+ made from .* in ([\d.]+) s")
_INDEX = re.compile(r"Search index: \d+ pages(?: \(in \d+ parts\))? in ([\d.]+) s")


class _Lines(logging.Handler):
    """Keeps the messages logged, to read the plugin's timings from."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def seconds(self, pattern: re.Pattern[str]) -> float | None:
        found = [float(m[1]) for line in self.lines if (m := pattern.search(line))]
        return found[-1] if found else None


def measure(config_file: Path, seeds: Path, cache: Path, dirty: bool, edits: int) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    saved = {name: os.environ.get(name) for name in ("BRIEFINGS_SEEDS", "BRIEFINGS_CACHE")}
    os.environ["BRIEFINGS_SEEDS"] = str(seeds)
    os.environ["BRIEFINGS_CACHE"] = str(cache)
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    lines = _Lines()
    logging.getLogger("mkdocs").addHandler(lines)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    stop = threading.Event()
    server = threading.Thread(target=stop.wait, daemon=True)
    server.start()

    def get_config():  # as serve's
        options = {"strict": False} if dirty else {}
        return load_config(config_file=str(config_file), site_dir=site_dir, **options)

    try:
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=dirty)
        start = time.perf_counter()
        build(config, serve_url=None, dirty=dirty)
        first = time.perf_counter() - start
        rebuilds = []
        paths = seed_paths(seeds)
        for k in range(edits):
            seed = paths[(3 + 13 * k) % len(paths)]
            lines.lines.clear()
            time.sleep(0.05)  # a later modification time than the last build's files
            start = time.perf_counter()
            began = time.time()
            with seed.open("a", encoding="utf-8") as out:
                out.write(EDIT)
            build(get_config(), serve_url=None, dirty=dirty)
            seconds = time.perf_counter() - start
            written = sum(1 for p in Path(site_dir).rglob("*.html") if p.stat().st_mtime >= began)
            rebuilds.append(
                {
                    "seconds": seconds,
                    "hook_s": lines.seconds(_HOOK),
                    "index_s": lines.seconds(_INDEX),
                    "html_written": written,
                }
            )
        config.plugins.on_shutdown()
    finally:
        stop.set()
        shutil.rmtree(site_dir, ignore_errors=True)
        logging.getLogger("mkdocs").removeHandler(lines)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return {"first_s": first, "dirty": dirty, "rebuilds": rebuilds}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve_edit")
    parser.add_argument("config", type=Path)
    parser.add_argument("seeds", type=Path)
    parser.add_argument("cache", type=Path)
    parser.add_argument("--dirty", action="store_true", help="as `mkdocs serve --dirty`")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.config, args.seeds, args.cache, args.dirty, args.edits)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
