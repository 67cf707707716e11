"""Command line: `python -m build_tools SUBCOMMAND ...`.

Each subcommand parses its arguments and calls the library; errors from bad input are one
line (`path: what is wrong`) on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from build_tools.briefing import briefing_from_path, briefing_to_dict
from build_tools.checking import check_seeds
from build_tools.corpus import load_corpus
from build_tools.errors import BriefingError
from build_tools.pages import generate_pages, write_pages


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m build_tools",
        description="Turn scraped articles into briefing pages for the MkDocs site.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser(
        "build",
        help="write the generated Markdown pages to a folder",
        description="Make every briefing and cross-article page and write the Markdown to "
        "OUT (replaced whole; a folder this tool did not write is never touched).",
    )
    build.add_argument("--out", required=True, type=Path, help="output folder")
    build.add_argument("--seeds", default=Path("seeds"), type=Path, help="seeds folder")
    build.add_argument(
        "--strict", action="store_true", help="fail when any seed cannot be made into a briefing"
    )
    build.set_defaults(run=_build)

    extract = sub.add_parser(
        "extract",
        help="print the briefing record of one seed as JSON",
        description="Print the briefing record of one seed file as one JSON object.",
    )
    extract.add_argument("path", type=Path, help="a seed file (.txt)")
    extract.set_defaults(run=_extract)

    check = sub.add_parser(
        "check",
        help="lint every seed and sidecar (exit 1 on errors)",
        description="Make every briefing, sidecars applied, and list what a maintainer may "
        "fix: unreadable seeds and sidecar errors (errors), lost link targets, a missing date "
        "or author, suspected junk kept in the body, decoding fallbacks (warnings). Exits "
        "non-zero when there are errors; warnings alone exit 0.",
    )
    check.add_argument("--seeds", default=Path("seeds"), type=Path, help="seeds folder")
    check.set_defaults(run=_check)
    return parser


def _build(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.seeds)
    for error in corpus.errors:
        print(f"error: {error}", file=sys.stderr)
    if args.strict and corpus.errors:
        return 1
    pages = generate_pages(corpus.briefings)
    write_pages(pages, args.out)
    demands = sum(len(b.demands) for b in corpus.briefings)
    proposals = sum(len(b.proposals) for b in corpus.briefings)
    print(
        f"{len(corpus.briefings)} briefings ({demands} demands, {proposals} proposals), "
        f"{len(corpus.errors)} seeds failed; {len(pages)} pages written to {args.out}"
    )
    return 1 if corpus.errors and not corpus.briefings else 0


def _extract(args: argparse.Namespace) -> int:
    record = briefing_to_dict(briefing_from_path(args.path))
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


def _check(args: argparse.Namespace) -> int:
    report = check_seeds(args.seeds)
    for finding in report.findings:
        print(finding)
    print(report.summary())
    return 1 if report.errors else 0
