"""Command line: `briefings SUBCOMMAND ...` (or `python -m build_tools SUBCOMMAND ...`).

Each subcommand parses its arguments and calls the library; errors from bad input are one
line (`path: what is wrong`) on stderr and a non-zero exit, never a traceback. `-q` leaves
out everything but errors, `-v` adds each briefing's warnings and timings.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from build_tools.errors import BriefingError, one_line
from build_tools.pattern_cache import keep_new_patterns, kept_patterns
from build_tools.progress import stage

if TYPE_CHECKING:
    from build_tools.checking import Finding, Report
    from build_tools.corpus import Corpus
    from build_tools.records import Briefing
    from build_tools.render.parts import BriefingParts

# The library is imported by the subcommand that uses it, once the patterns an earlier run
# compiled are at hand (`pattern_cache`): the modules compile some of theirs as they load.


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns the exit status. Without `argv`, the command line of
    this process, which ends with it."""
    # Kept, like the compiled modules, unless Python is told not to write those.
    with kept_patterns(write=not sys.dont_write_bytecode):
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
        finally:
            # What a build froze (see `_build`) is left frozen when the process ends
            # here: the interpreter's last collection then passes over it (0.05 s at
            # 1,000 briefings); a caller that goes on gets the collector as it was.
            if argv is not None:
                gc.unfreeze()
        return status


DISTRIBUTION = "negotiation-briefings"


def package_version() -> str:
    """The installed version of this package (`unknown` when run from an uninstalled copy)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    from build_tools.cache import DEFAULT_FOLDER
    from build_tools.render.downloads import FEED_TITLE

    parser = argparse.ArgumentParser(
        prog="briefings" if Path(sys.argv[0]).name == "briefings" else "python -m build_tools",
        description="Turn scraped articles into briefing pages for the MkDocs site.",
    )
    parser.add_argument(
        "--version", action=_ShowVersion, help="show program's version number and exit"
    )
    _add_verbosity(parser, 0)
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
    build.add_argument(
        "--site-url",
        type=_site_url,
        metavar="URL",
        help="the address the site is published at: the feed's links become absolute",
    )
    build.add_argument(
        "--feed-title",
        default=FEED_TITLE,
        metavar="TITLE",
        help=f"the Atom feed's title (default {FEED_TITLE!r}; the MkDocs plugin: site_name)",
    )
    build.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="make the briefings on the Dask cluster at this address (tcp://HOST:8786); "
        "needs the dask extra; --jobs and the cache are not used",
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
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (default), json (one object: counts and findings) or github (workflow "
        "commands that annotate the files in a GitHub Actions run)",
    )
    check.set_defaults(run=_check)
    _add_slugs(sub)
    _add_evaluate(sub)
    _add_train(sub)
    _add_ablate(sub)
    # -v and -q are read before or after the subcommand (`briefings -q build ...` or
    # `briefings build -q ...`): a subcommand's copy leaves the value alone when absent.
    for subcommand in sub.choices.values():
        _add_verbosity(subcommand, argparse.SUPPRESS)
    return parser


class _ShowVersion(argparse.Action):
    """`--version`: the installed version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        print(f"{parser.prog} {package_version()}")
        parser.exit()


def _add_verbosity(parser: argparse.ArgumentParser, default: object) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-v",
        "--verbose",
        dest="verbosity",
        action="store_const",
        const=1,
        default=default,
        help="also print each briefing's warnings and timings",
    )
    group.add_argument(
        "-q",
        "--quiet",
        dest="verbosity",
        action="store_const",
        const=-1,
        default=default,
        help="print errors only",
    )


def _site_url(text: str) -> str:
    address = urlsplit(text)
    if address.scheme not in ("https", "http") or not address.netloc:
        raise argparse.ArgumentTypeError(
            f"expected an address such as https://example.org/, got {text!r}"
        )
    return text


def _job_count(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}")
    return jobs


def _build(args: argparse.Namespace) -> int:
    from build_tools.cache import open_cache
    from build_tools.corpus import load_corpus, seed_paths
    from build_tools.render.incremental import (
        SiteOptions,
        keep_site,
        read_site,
        remake_site,
        site_record_path,
    )
    from build_tools.render.pages import write_pages

    # What lives to the end of the build (the modules, rules and patterns, then the
    # briefings) is left out of the garbage collector's rounds, which would otherwise go
    # through it again and again as a thousand briefings are read from the cache.
    gc.freeze()
    started = time.perf_counter()
    cache = None if args.dask or args.no_cache else open_cache(args.cache_dir)
    if args.dask:
        corpus = _dask_corpus(args.seeds, args.dask)
    else:
        total = len(seed_paths(args.seeds))
        with stage("briefings", total, quiet=args.verbosity < 0) as progress:
            corpus = load_corpus(
                args.seeds,
                jobs=args.jobs,
                cache=cache,
                derive=_briefing_parts,
                progress=progress.advance,
            )
    gc.freeze()  # the briefings too
    made = time.perf_counter()
    for error in corpus.errors:
        print(f"error: {error}", file=sys.stderr)
    if args.verbosity > 0:
        for b in corpus.briefings:
            for warning in b.warnings:
                print(f"{b.source}: warning: {warning}")
    if args.strict and corpus.errors:
        return 1
    record = site_record_path(cache.folder, args.out) if cache is not None else None
    with stage("pages", quiet=args.verbosity < 0):
        # After a build with the same cache, only what the changed seeds touch is made.
        remade = remake_site(
            read_site(record, args.out) if record is not None else None,
            corpus.briefings,
            corpus.derived,
            SiteOptions(args.site_url, args.feed_title),
            corpus.keys,
        )
        pages = remade.site.pages
    with stage("writing", quiet=args.verbosity < 0):
        write_pages(pages, args.out, remade.kept)
    if record is not None:
        keep_site(record, remade.site, args.out)
    demands = sum(len(b.demands) for b in corpus.briefings)
    proposals = sum(len(b.proposals) for b in corpus.briefings)
    if args.verbosity >= 0:
        print(
            f"{len(corpus.briefings)} briefings ({demands} demands, {proposals} proposals; "
            f"{corpus.cached} from the cache), {len(corpus.errors)} seeds failed; "
            f"{len(pages)} pages written to {args.out}"
        )
    if args.verbosity > 0:
        print(
            f"briefings made in {made - started:.2f} s, pages in {time.perf_counter() - made:.2f} s"
        )
    return 1 if corpus.errors and not corpus.briefings else 0


def _briefing_parts(b: Briefing) -> BriefingParts:
    """`briefing_parts`, after which a process that made its first briefing (a pool's
    worker too) keeps the patterns it compiled for the next build."""
    from build_tools.render.parts import briefing_parts

    parts = briefing_parts(b)
    keep_new_patterns(once=True)
    return parts


def _dask_corpus(seeds: Path, scheduler: str) -> Corpus:
    from build_tools.render.parts import briefing_parts

    try:
        from build_tools.cluster import load_corpus_on_dask
    except ImportError as exc:  # the extra is not installed
        raise BriefingError(
            "--dask", f'needs the dask extra: pip install "{DISTRIBUTION}[dask]" ({exc})'
        ) from None
    return load_corpus_on_dask(seeds, scheduler, derive=briefing_parts)


def _extract(args: argparse.Namespace) -> int:
    from build_tools.briefing import briefing_from_path, briefing_to_dict

    record = briefing_to_dict(briefing_from_path(args.path))
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


def _check(args: argparse.Namespace) -> int:
    from build_tools.checking import check_seeds
    from build_tools.corpus import seed_paths

    total = len(seed_paths(args.seeds))
    with stage("checking", total, quiet=args.verbosity < 0) as progress:
        report = check_seeds(args.seeds, progress=progress.advance)
    shown = [f for f in report.findings if args.verbosity >= 0 or f.severity == "error"]
    if args.format == "json":
        text = json.dumps(_report_dict(report), ensure_ascii=False, indent=2)
        sys.stdout.flush()
        sys.stdout.buffer.write((text + "\n").encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        show = _github_annotation if args.format == "github" else str
        for finding in shown:
            print(show(finding))
        if args.verbosity >= 0:
            print(report.summary())
    return 1 if report.errors else 0


def _add_slugs(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from build_tools.cache import DEFAULT_FOLDER

    slugs = sub.add_parser(
        "slugs",
        help="record the slug of every new seed in SEEDS/slugs.json (keeps URLs stable)",
        description="Write the seeds folder's slug record, slugs.json: every recorded seed "
        "keeps its slug, each new seed is added with the slug a build gives it, and the "
        "entries of seeds that are gone are dropped. Written only when it changes; commit it "
        "with the seeds.",
    )
    slugs.add_argument("--seeds", default=Path("seeds"), type=Path, help="seeds folder")
    slugs.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when the record is missing or out of date",
    )
    slugs.add_argument(
        "--jobs", type=_job_count, default=0, metavar="N", help="processes that make briefings"
    )
    slugs.add_argument(
        "--cache-dir",
        type=Path,
        default=DEFAULT_FOLDER,
        metavar="DIR",
        help=f"briefings of unchanged seeds (default {DEFAULT_FOLDER})",
    )
    slugs.add_argument("--no-cache", action="store_true", help="read and write no cache")
    slugs.set_defaults(run=_slugs)


def _slugs(args: argparse.Namespace) -> int:
    from build_tools.cache import open_cache
    from build_tools.corpus import load_corpus, seed_paths
    from build_tools.slugs import (
        load_record,
        record_path,
        seed_names,
        updated_record,
        write_record,
    )

    record = load_record(args.seeds)
    paths = seed_paths(args.seeds)
    briefings: tuple[Briefing, ...] = ()
    if seed_names(paths) - (record or {}).keys():  # only new seeds need their titles
        cache = None if args.no_cache else open_cache(args.cache_dir)
        with stage("briefings", len(paths), quiet=args.verbosity < 0) as progress:
            corpus = load_corpus(args.seeds, args.jobs, cache, progress=progress.advance)
        for error in corpus.errors:
            print(f"error: {error} (no slug recorded)", file=sys.stderr)
        briefings = corpus.briefings
    change = updated_record(record, briefings, paths)
    where = record_path(args.seeds)
    if args.verbosity >= 0:
        for name, slug in change.added:
            print(one_line(f"{'new' if args.check else 'recorded'}: {name}: {slug}"))
        for name, slug in change.dropped:
            print(one_line(f"{'gone' if args.check else 'dropped'}: {name}: {slug} (seed gone)"))
    if args.check:
        if record is None or change.slugs != record:
            print(f"error: {where}: out of date; run `briefings slugs`", file=sys.stderr)
            return 1
        return 0
    written = write_record(args.seeds, change.slugs)
    if args.verbosity >= 0:
        state = "written" if written else "up to date"
        count = len(change.slugs)
        print(f"{where}: {state}, {count} seed{'' if count == 1 else 's'}")
    return 0


def _report_dict(report: Report) -> dict[str, object]:
    """What `check --format json` prints: the counts and every finding."""
    return {
        "seeds": report.seeds,
        "sidecars": report.sidecars,
        "errors": report.errors,
        "warnings": report.warnings,
        "findings": [
            {"path": f.path, "line": f.line, "severity": f.severity, "message": f.message}
            for f in report.findings
        ],
    }


def _github_annotation(finding: Finding) -> str:
    """A finding as a GitHub Actions workflow command (`::error file=...,line=...::...`),
    which the run shows on the file's line; escaped as the runner expects."""
    where = f"file={_escape_property(finding.path)}"
    if finding.line:
        where += f",line={finding.line}"
    return f"::{finding.severity} {where},title=briefings check::{_escape_data(finding.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


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
    evaluate.add_argument(
        "--notes",
        type=Path,
        metavar="FILE",
        help="YAML: label -> what the page says of that set (when it was scored, what it is)",
    )
    evaluate.add_argument(
        "--model",
        type=Path,
        metavar="FILE",
        help="show this item model's cross-validated scores on the page",
    )
    evaluate.add_argument(
        "--topics",
        nargs=3,
        type=Path,
        metavar=("LABELS", "GOLD_DIR", "SEEDS_DIR"),
        help="score the topics per item on the page: topic labels (YAML) of the gold items of "
        "GOLD_DIR, whose articles are in SEEDS_DIR",
    )
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
    from build_tools.evaluate.evaluation import (
        baseline_notes,
        evaluate_corpus,
        load_baseline,
        raise_floors,
        render_baseline,
    )
    from build_tools.evaluate.evaluation_report import (
        load_model_report,
        load_notes,
        render_markdown,
        render_table,
        scores_to_dict,
    )
    from build_tools.evaluate.topic_scores import score_topics

    dirs: list[Path] = args.dirs
    if len(dirs) % 2:
        raise BriefingError(str(dirs[-1]), "expected GOLD_DIR SEEDS_DIR pairs; this has no pair")
    if len(args.label) > len(dirs) // 2:
        raise BriefingError("--label", "more labels than GOLD_DIR SEEDS_DIR pairs")
    labels = args.label + [""] * (len(dirs) // 2 - len(args.label))
    corpora = []
    with stage("evaluating (article sets)", len(labels), quiet=args.verbosity < 0) as progress:
        for gold, seeds, label in zip(dirs[::2], dirs[1::2], labels, strict=True):
            corpora.append(evaluate_corpus(gold, seeds, label))
            progress.advance()
    if args.json:
        text = json.dumps(scores_to_dict(corpora), ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_table(corpora, details=args.details)
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    if args.markdown:
        set_notes = load_notes(args.notes) if args.notes else None
        report = load_model_report(args.model) if args.model else None
        topics = score_topics(*args.topics) if args.topics else None
        _write_text(args.markdown, render_markdown(corpora, set_notes, report, topics))
        if args.verbosity >= 0:
            print(f"wrote {args.markdown}", file=sys.stderr)
    if args.update_baseline:
        floors = raise_floors(load_baseline(args.update_baseline), corpora)
        notes = baseline_notes(args.update_baseline)
        _write_text(args.update_baseline, render_baseline(floors, notes))
        if args.verbosity >= 0:
            print(f"floors in {args.update_baseline} raised where the scores rose", file=sys.stderr)
    return 0


def _write_text(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BriefingError(str(path), f"cannot write ({exc.strerror})") from None


def _add_train(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    train = sub.add_parser(
        "train",
        help="train the item model on gold-annotated articles",
        description="Train the learned item classifier (rules/learning.yml) on gold-annotated "
        "articles: cross-validated on the --measure pairs (real articles), trained also on the "
        "--extra pairs, then on all; writes the model (JSON) and prints its report. "
        "Deterministic: the same articles give the same bytes.",
    )
    for flag, what in (
        ("--measure", "articles to cross-validate on and train on"),
        ("--extra", "articles only trained on"),
        ("--keep", "articles trained on that must not score lower than with the rules alone"),
    ):
        train.add_argument(
            flag,
            nargs=2,
            action="append",
            default=[],
            type=Path,
            metavar=("GOLD_DIR", "SEEDS_DIR"),
            help=f"{what} (repeat)",
        )
    train.add_argument("--out", type=Path, required=True, metavar="FILE", help="model file")
    train.set_defaults(run=_train)


def _train(args: argparse.Namespace) -> int:
    from build_tools.evaluate.training import load_articles, train_model, training_settings
    from build_tools.extract.classifier import model_to_dict

    if not args.measure:
        raise BriefingError("train", "give at least one --measure GOLD_DIR SEEDS_DIR pair")
    measured = [a for g, s in args.measure for a in load_articles(g, s)]
    extra = [a for g, s in args.extra for a in load_articles(g, s)]
    keep = [a for g, s in args.keep for a in load_articles(g, s)]
    model, report = train_model(measured, extra, training_settings(), keep)
    text = json.dumps(model_to_dict(model, report), indent=1, sort_keys=False) + "\n"
    _write_text(args.out, text)
    print(json.dumps(report, indent=2))
    return 0


def _add_ablate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ablate = sub.add_parser(
        "ablate",
        help="measure what each named cleaning step, cue rule and check contributes",
        description="Switch off each cleaning step, cue rule and rejection check alone, make "
        "the briefings of GOLD_DIR's articles again and print (or write as Markdown) each "
        "name's change of demand and proposal F1, junk lines left and metadata fields right "
        "against everything on.",
    )
    ablate.add_argument("gold", type=Path, metavar="GOLD_DIR", help="gold annotations")
    ablate.add_argument("seeds", type=Path, metavar="SEEDS_DIR", help="their articles")
    ablate.add_argument("--label", default="", help="name of the set on the page")
    ablate.add_argument("--markdown", type=Path, metavar="FILE", help="write the page here")
    ablate.set_defaults(run=_ablate)


def _ablate(args: argparse.Namespace) -> int:
    from build_tools.evaluate.ablation import ablation, load_sources, render_ablation

    page = render_ablation(
        ablation(load_sources(args.gold, args.seeds)), args.label or str(args.seeds)
    )
    if args.markdown:
        _write_text(args.markdown, page)
    else:
        sys.stdout.write(page)
    return 0
