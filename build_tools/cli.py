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
from build_tools.cache import DEFAULT_FOLDER, open_cache
from build_tools.checking import check_seeds
from build_tools.corpus import load_corpus
from build_tools.errors import BriefingError
from build_tools.evaluate.evaluation import (
    baseline_notes,
    evaluate_corpus,
    load_baseline,
    raise_floors,
    render_baseline,
)
from build_tools.evaluate.evaluation_report import render_markdown, render_table, scores_to_dict
from build_tools.render.pages import generate_pages, write_pages
from build_tools.render.parts import briefing_parts


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
    build.add_argument(
        "--jobs",
        type=_job_count,
        default=0,
        metavar="N",
        help="processes that make briefings (default 0: one per core; 1: this process only)",
    )
    build.add_argument(
        "--cache-dir",
        type=Path,
        default=DEFAULT_FOLDER,
        metavar="DIR",
        help=f"keep briefings of unchanged seeds here (default {DEFAULT_FOLDER})",
    )
    build.add_argument(
        "--no-cache", action="store_true", help="make every briefing again; read and write no cache"
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
    _add_evaluate(sub)
    return parser


def _job_count(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}")
    return jobs


def _build(args: argparse.Namespace) -> int:
    cache = None if args.no_cache else open_cache(args.cache_dir)
    corpus = load_corpus(args.seeds, jobs=args.jobs, cache=cache, derive=briefing_parts)
    for error in corpus.errors:
        print(f"error: {error}", file=sys.stderr)
    if args.strict and corpus.errors:
        return 1
    pages = generate_pages(corpus.briefings, made=corpus.derived)
    write_pages(pages, args.out)
    demands = sum(len(b.demands) for b in corpus.briefings)
    proposals = sum(len(b.proposals) for b in corpus.briefings)
    print(
        f"{len(corpus.briefings)} briefings ({demands} demands, {proposals} proposals; "
        f"{corpus.cached} from the cache), {len(corpus.errors)} seeds failed; "
        f"{len(pages)} pages written to {args.out}"
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


def _add_evaluate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    evaluate = sub.add_parser(
        "evaluate",
        help="score the extraction against gold annotations",
        description="Score the briefings of SEEDS_DIR against the gold annotations of GOLD_DIR "
        "(../shared/GOLD.md): precision, recall and F1 of demands and proposals, attribution, "
        "metadata, links, boilerplate, joined paragraphs and headings, per article and overall. "
        "Several GOLD_DIR SEEDS_DIR pairs are scored and reported separately.",
    )
    evaluate.add_argument(
        "dirs", nargs="+", type=Path, metavar="GOLD_DIR SEEDS_DIR", help="folder pairs"
    )
    evaluate.add_argument(
        "--label",
        action="append",
        default=[],
        help="name of the next pair in reports and the baseline (repeat per pair)",
    )
    evaluate.add_argument("--markdown", type=Path, metavar="FILE", help="write the docs page")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument(
        "--details", action="store_true", help="list missed and extra items, leaks, ..."
    )
    evaluate.add_argument(
        "--update-baseline",
        type=Path,
        metavar="FILE",
        help="raise the floors in FILE to the current scores (never lowers one)",
    )
    evaluate.set_defaults(run=_evaluate)


def _evaluate(args: argparse.Namespace) -> int:
    dirs: list[Path] = args.dirs
    if len(dirs) % 2:
        raise BriefingError(str(dirs[-1]), "expected GOLD_DIR SEEDS_DIR pairs; this has no pair")
    if len(args.label) > len(dirs) // 2:
        raise BriefingError("--label", "more labels than GOLD_DIR SEEDS_DIR pairs")
    labels = args.label + [""] * (len(dirs) // 2 - len(args.label))
    corpora = [
        evaluate_corpus(gold, seeds, label)
        for gold, seeds, label in zip(dirs[::2], dirs[1::2], labels, strict=True)
    ]
    if args.json:
        text = json.dumps(scores_to_dict(corpora), ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_table(corpora, details=args.details)
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    if args.markdown:
        _write_text(args.markdown, render_markdown(corpora))
        print(f"wrote {args.markdown}", file=sys.stderr)
    if args.update_baseline:
        floors = raise_floors(load_baseline(args.update_baseline), corpora)
        notes = baseline_notes(args.update_baseline)
        _write_text(args.update_baseline, render_baseline(floors, notes))
        print(f"floors in {args.update_baseline} raised where the scores rose", file=sys.stderr)
    return 0


def _write_text(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BriefingError(str(path), f"cannot write ({exc.strerror})") from None
