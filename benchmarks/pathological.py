"""Pathological input: the work per KB of hostile paragraphs beside a normal article's.

    .venv/bin/python -m benchmarks.pathological [--size BYTES] [--runs N] [--json]

For each case (a punctuation mark or an unclosed construct repeated, a cue repeated, links
run together; issue 15) makes an article of about `--size` bytes (default 40,000) and times
reading, extraction and rendering of its page and download rows (`make_briefing`, then
`render.parts.briefing_parts`): CPU time of this process (`time.process_time`), the best of
`--runs` (default 3), per KB, and as a factor of the same per KB of the public seeds. Prints
the cases worst first. `tests/test_pathological.py` holds the same cases to a factor with a
wide margin; this measures them.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from build_tools.article_cache import forget_article
from build_tools.briefing import make_briefing
from build_tools.read.reading import decode_seed
from build_tools.render.parts import briefing_parts

ROOT = Path(__file__).resolve().parent.parent
HEAD = "# Talks\n\nBy Ana Ruiz\n\nNegotiators met again on Tuesday. "
# The repeated unit of each pathological paragraph.
UNITS = {
    **{f"run of {mark!r}": mark for mark in ".!?…,;:-*_`[](){}<>#|~\"'&\\/=+@%$^"},
    "unclosed <!--": "<!-- x ",
    "unclosed <a href>": "<a href=x> y ",
    "unclosed <script>": "<script> y ",
    "unclosed [": "[a ",
    "unclosed `": "`a ",
    "unclosed **": "**a ",
    "unclosed (": "[a](b ",
    "unclosed <": "<b ",
    "entities": "&amp;&#x41;&bogus; ",
    "tags": "<b>x</b><br> ",
    "Russia calls for": "Russia calls for ",
    "demands that": "Moscow demands that ",
    "should": "The West should ",
    "enumeration": "including A, B and C, ",
    "dates": "on 4 May 2023, in June 2022 and 2021, ",
    "links": "[x](https://example.org/a) ",
    "placeholder links": "[x](#) ",
    "bare addresses": "https://example.org/a/b ",
    "address lines": "https://example.org/source/page\n",
    "initials": "J. K. L. ",
    "abbreviations": "Gen. Dr. U.S. e.g. ",
    "list bullets": "\n- a\n",
    "headings": "\n## A\n",
}


def pathological(unit: str, size: int) -> str:
    """An article of about `size` bytes whose body is `unit` repeated."""
    return HEAD + unit * (size // len(unit)) + " The end.\n\nThe last paragraph is here.\n"


def cpu_seconds(text: str, runs: int) -> float:
    """The best CPU time of `runs` makings of the article's briefing and parts."""
    best = float("inf")
    for _ in range(runs):
        forget_article()
        start = time.process_time()
        briefing_parts(make_briefing(decode_seed(text.encode(), "pathological.txt")))
        best = min(best, time.process_time() - start)
    return best


def normal_per_byte(runs: int) -> float:
    """CPU seconds per byte of the public seeds, normal articles."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    cpu_seconds(texts[0], 1)  # rules loaded
    return sum(cpu_seconds(t, runs) for t in texts) / sum(len(t.encode()) for t in texts)


def measure(size: int, runs: int) -> list[dict[str, object]]:
    """Each case's bytes, CPU milliseconds, microseconds per KB and factor, worst first."""
    normal = normal_per_byte(runs)
    rows: list[dict[str, object]] = [
        {"case": "normal article (the seeds)", "bytes": 0, "ms": 0.0,
         "us_per_kb": normal * 1e9, "factor": 1.0}
    ]  # fmt: skip
    for case, unit in UNITS.items():
        text = pathological(unit, size)
        seconds = cpu_seconds(text, runs)
        per_byte = seconds / len(text.encode())
        rows.append(
            {
                "case": case,
                "bytes": len(text.encode()),
                "ms": seconds * 1000,
                "us_per_kb": per_byte * 1e9,
                "factor": per_byte / normal,
            }
        )
    return sorted(rows, key=lambda r: -float(r["factor"]))  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pathological")
    parser.add_argument("--size", type=int, default=40_000, help="bytes per case")
    parser.add_argument("--runs", type=int, default=3, help="runs per case (the best counts)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    rows = measure(args.size, args.runs)
    if args.json:
        print(json.dumps(rows))
        return 0
    for r in rows:
        print(f"{r['case']:28} {r['bytes']:>8} B {r['us_per_kb']:>9.0f} µs/KB {r['factor']:>6.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
