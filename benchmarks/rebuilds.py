"""Rebuilds after one seed edit (issue 13): the figures, their section of the Performance
page and their rows of its Targets table.

`benchmarks.run` measures them (`measure_rebuild`, `measure_serve`), in a whole run or alone
with `--rebuild-only`, which puts them into the existing page with `splice_rebuilds`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.report import Target, target_row

# Issue 13: the whole command after one seed changed, against a full run.
REBUILD_SHARE = 0.10
SECTION = "Rebuilding after an edit"
_TARGET_START = "| the whole `build --out` after one seed changed"


@dataclass(frozen=True, slots=True)
class Rebuild:
    """`build --out` of N seeds with an empty cache, then again after one seed changed."""

    n: int
    full_s: float
    """The empty-cache run, every core."""
    changed_s: float
    """The best run after one seed changed (another seed each time)."""
    cached: int
    """Briefings that run took from the cache."""
    written: int
    """Files that run wrote (the others were linked from the previous output)."""
    files: int
    """Files of the output."""
    same_bytes: bool
    """Whether the output equals, byte for byte, that of a build without the cache."""


@dataclass(frozen=True, slots=True)
class ServeEdit:
    """`mkdocs serve` of N seeds: its first build, then one seed edited, plain and dirty."""

    n: int
    first_s: float
    """The first build (empty cache)."""
    rebuild_s: float
    """From the edit to the end of the rebuild (the best of a few edits)."""
    hook_s: float
    """The plugin's part of that rebuild."""
    index_s: float
    """Pagefind's part."""
    html: int
    """HTML files the rebuild wrote."""
    dirty_s: float
    """The same under `mkdocs serve --dirty --no-strict`."""
    dirty_hook_s: float
    dirty_index_s: float | None
    """None: no index made (the plugin keeps the first build's under `--dirty`)."""
    dirty_html: int


def rebuild_targets(rebuilds: Sequence[Rebuild]) -> list[Target]:
    """The target of each N measured."""
    return [
        Target(
            f"the whole `build --out` after one seed changed takes at most 10% of a full run "
            f"at N = {r.n:,} (issue 13)",
            f"{r.changed_s:.2f} s of {r.full_s:.1f} s ({_share(r.changed_s, r.full_s)}), "
            f"{r.written:,} of {r.files:,} files written, "
            + ("the same bytes as a whole build" if r.same_bytes else "**output differs**"),
            r.changed_s <= REBUILD_SHARE * r.full_s and r.same_bytes,
        )
        for r in rebuilds
    ]


def rebuild_section(rebuilds: Sequence[Rebuild], serve: Sequence[ServeEdit], note: str = "") -> str:
    """The section of the page (empty when nothing was measured)."""
    if not rebuilds and not serve:
        return ""
    rows = [
        [
            f"{r.n:,}",
            f"{r.full_s:.2f} s",
            f"{r.changed_s:.2f} s",
            _share(r.changed_s, r.full_s),
            f"{r.cached:,} of {r.n:,}",
            f"{r.written:,} of {r.files:,}",
            "yes" if r.same_bytes else "**no**",
        ]
        for r in rebuilds
    ]
    header = [
        "N",
        "`build --out`, empty cache",
        "one seed changed",
        "share",
        "from the cache",
        "files written",
        "same bytes as a whole build",
    ]
    serve_rows = [
        [
            f"{s.n:,}",
            f"{s.first_s:.1f} s",
            f"{s.rebuild_s:.1f} s",
            f"{s.hook_s:.2f} s",
            f"{s.index_s:.1f} s",
            f"{s.html:,}",
            f"{s.dirty_s:.1f} s",
            f"{s.dirty_hook_s:.2f} s",
            "first build's kept" if s.dirty_index_s is None else f"{s.dirty_index_s:.1f} s",
            f"{s.dirty_html:,}",
        ]
        for s in serve
    ]
    serve_header = [
        "N",
        "first build",
        "`mkdocs serve`: edit shown",
        "in the plugin",
        "Pagefind",
        "HTML written",
        "`--dirty`: edit shown",
        "in the plugin",
        "Pagefind",
        "HTML written",
    ]
    text = (
        f"## {SECTION}\n\n{note}"
        "A sentence appended to one seed, then the site made again. `build --out` keeps what "
        "the next run needs beside the cache (`render/incremental.py`): it makes that "
        "briefing again, its page and the pages whose related briefings show it or moved "
        "(found through posting lists, `views/related.py`), the lists and views only when "
        "what they read of a briefing changed (not its text), and the downloads; every "
        "other page is linked from the previous output, so only files whose bytes changed "
        "are written. The whole command, process start included, against the same command "
        "with an empty cache on every core; its output is compared byte for byte with a "
        "build without the cache. Most of what is left is the start of a process: loading "
        "the modules, reading the stored briefings, and for the one briefing made again "
        "the rules; the regular expressions compiled by an earlier run are kept beside the "
        "compiled modules (`pattern_cache`, equal to those `re` compiles), which spares it "
        "compiling some 700 patterns (0.1 s).\n\n"
    )
    if rows:
        text += _table(header, rows)
    if serve_rows:
        text += (
            "\n`mkdocs serve` as MkDocs runs it (`benchmarks/serve_edit.py`: its build loop, "
            "the plugin kept between builds, without the server): the first build, then the "
            "time from saving the edit to the end of the rebuild that shows it, the plugin's "
            "and Pagefind's parts of it and the HTML files written. MkDocs builds every page "
            "again on each rebuild; with `--dirty` (and `--no-strict`, since MkDocs warns of "
            "every dirty build) only those whose Markdown changed: the fastest way to "
            "preview an edited briefing (navigation on other pages may be stale).\n\n"
            + _table(serve_header, serve_rows)
        )
    return text


def splice_rebuilds(
    page: str, rebuilds: Sequence[Rebuild], serve: Sequence[ServeEdit], note: str
) -> str:
    """`page` with this section (put after *Incremental runs* when it has none) and these
    target rows replaced by those of the figures given, `note` under the heading."""
    lines = [line for line in page.split("\n") if not line.startswith(_TARGET_START)]
    if "## Targets" not in lines:
        raise ValueError("the page has no Targets section")
    at = lines.index("## Targets") + 1
    while at < len(lines) and not lines[at].startswith("|"):
        at += 1
    while at < len(lines) and lines[at].startswith("|"):
        at += 1
    lines[at:at] = [target_row(t) for t in rebuild_targets(rebuilds)]
    text = "\n".join(lines)
    section = rebuild_section(rebuilds, serve, note)
    marker = f"\n## {SECTION}\n"
    if marker in text:
        head, _found, rest = text.partition(marker)
        tail = rest.split("\n## ", 1)[1] if "\n## " in rest else ""
        return f"{head}\n{section}\n## {tail}" if tail else f"{head}\n{section}"
    head, found, rest = text.partition("\n## Incremental runs\n")
    if not found:
        raise ValueError("the page has no Incremental runs section")
    after = rest.split("\n## ", 1)
    if len(after) == 1:
        return f"{head}\n## Incremental runs\n{rest}\n{section}"
    return f"{head}\n## Incremental runs\n{after[0]}\n{section}\n## {after[1]}"


def _share(part: float, whole: float) -> str:
    return f"{part / whole * 100:.0f}%"


def _table(header: Sequence[str], rows: list[Sequence[str]]) -> str:
    lines = [f"| {' | '.join(header)} |", f"|{'|'.join('---:' for _ in header)}|"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join(lines) + "\n"
