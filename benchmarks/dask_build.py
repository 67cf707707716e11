"""`build --dask` on a LocalCluster of this machine, timed, for the benchmark:

    python -m benchmarks.dask_build SEEDS OUT [--workers N] [--compare PAGES]

Starts a LocalCluster of N single-threaded worker processes (default: one per usable core),
runs `build --out OUT --seeds SEEDS --dask ADDRESS` against it and prints one JSON object:
`seconds` (the build, the cluster already running), `start_s` (starting the cluster),
`workers`, and with `--compare`, `identical`: whether OUT holds the same files, byte for
byte, as PAGES (what `build --out` wrote on one machine). Needs the dask extra.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

from build_tools import cli
from build_tools.corpus import available_cores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dask_build")
    parser.add_argument("seeds", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--workers", type=int, default=available_cores())
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args(argv)
    from distributed import LocalCluster

    started = time.perf_counter()
    with LocalCluster(
        n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        ready = time.perf_counter()
        status = cli.main(
            ["-q", "build", "--out", str(args.out), "--seeds", str(args.seeds), "--dask",
             cluster.scheduler_address]
        )  # fmt: skip
        done = time.perf_counter()
    if status != 0:
        raise SystemExit(f"benchmark: build --dask failed ({status})")
    result: dict[str, object] = {
        "seconds": done - ready,
        "start_s": ready - started,
        "workers": args.workers,
    }
    if args.compare is not None:
        result["identical"] = _files(args.out) == _files(args.compare)
    print(json.dumps(result))
    return 0


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


if __name__ == "__main__":
    raise SystemExit(main())
