"""Checking: a seeds folder in, findings for a maintainer out (`python -m build_tools check`).

Each seed is made into its briefing, with its sidecar applied, and looked over for what a
maintainer can fix by hand: seeds or sidecars that cannot be read (errors), and lost link
targets, a missing date or author, decoding fallbacks and body paragraphs that look like
page furniture the cleaner kept (warnings). Each finding says how to fix it in the sidecar.
The looser junk patterns are in `rules/checking.yml`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import yaml

from build_tools.briefing import make_briefing
from build_tools.corpus import orphan_sidecars, seed_paths
from build_tools.errors import BriefingError, one_line
from build_tools.overrides import apply_sidecar, load_sidecar, sidecar_path
from build_tools.read.reading import file_name, read_seed
from build_tools.records import Briefing, Paragraph
from build_tools.render.markdown_text import safe_href
from build_tools.rules import compile_patterns, load_rules
from build_tools.slugs import load_record, record_path

Severity = Literal["error", "warning"]
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]\s*$")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a seed or sidecar."""

    path: str
    """The seed or sidecar file."""
    severity: Severity
    """`error` (the build fails or loses the seed) or `warning` (the page may be wrong)."""
    message: str
    """What is wrong and how to fix it."""
    line: int | None = None
    """1-based line in `path`, where known."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return one_line(f"{where}: {self.severity}: {self.message}")


@dataclass(frozen=True, slots=True)
class Report:
    """Everything `check` found in a seeds folder."""

    seeds: int
    """Seed files looked at."""
    sidecars: int
    """Sidecar files looked at."""
    findings: tuple[Finding, ...]
    """Errors and warnings, seed by seed in file-name order."""

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def summary(self) -> str:
        return (
            f"checked {_count(self.seeds, 'seed')} and {_count(self.sidecars, 'sidecar')}: "
            f"{_count(self.errors, 'error')}, {_count(self.warnings, 'warning')}"
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# Hosts reserved for examples (RFC 2606) and this machine: an address no reader can reach.
_PLACEHOLDER_HOST = re.compile(
    r"(?:^|\.)(?:example\.(?:org|com|net)|example|test|invalid|localhost)$"
)


def site_url_problem(site_url: str | None) -> str | None:
    """What is wrong with a site's `site_url` for publishing, or None: unset, or left as a
    placeholder, it ends up in every canonical link, the sitemap and the feed."""
    if not site_url or not site_url.strip():
        return (
            "site_url is not set: the feed's links are relative and pages have no canonical "
            "address; set it in mkdocs.yml to the address you publish at"
        )
    host = (urlsplit(site_url.strip()).hostname or "").lower()
    if not host or _PLACEHOLDER_HOST.search(host):
        return (
            f"site_url is a placeholder ({site_url.strip()}): every canonical link, the "
            "sitemap and the feed point there; set it in mkdocs.yml to the address you "
            "publish at"
        )
    return None


def config_findings(config: Path) -> list[Finding]:
    """A warning when the MkDocs configuration `config` (if there is one) has no real
    `site_url`."""
    if not config.is_file():
        return []
    try:
        # BaseLoader: every value a string, and no tag of mkdocs.yml (!ENV, !!python/name)
        # is constructed.
        settings = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [Finding(str(config), "warning", f"cannot be read ({one_line(str(exc))})")]
    url = settings.get("site_url") if isinstance(settings, dict) else None
    problem = site_url_problem(url if isinstance(url, str) else None)
    return [Finding(str(config), "warning", problem)] if problem else []


def check_seeds(seeds_dir: Path, progress: Callable[[int], None] | None = None) -> Report:
    """Check every seed and sidecar of `seeds_dir` (a missing folder is a `BriefingError`);
    `progress`, when given, is called with 1 after each seed."""
    seeds = seed_paths(seeds_dir)
    findings: list[Finding] = []
    if not seeds:
        findings.append(Finding(str(seeds_dir), "error", "no seed files (*.txt) in the folder"))
    sidecars = 0
    for seed in seeds:
        sidecars += sidecar_path(seed).is_file()
        findings.extend(check_seed(seed))
        if progress is not None:
            progress(1)
    for orphan in orphan_sidecars(seeds_dir):
        sidecars += 1
        message = f"sidecar without a seed: no {orphan.stem}.txt beside it"
        findings.append(Finding(str(orphan), "error", message))
    findings.extend(record_findings(seeds_dir, seeds))
    # The site the seeds folder belongs to: mkdocs.yml beside it.
    findings.extend(config_findings(seeds_dir.parent / "mkdocs.yml"))
    return Report(seeds=len(seeds), sidecars=sidecars, findings=tuple(findings))


def record_findings(seeds_dir: Path, seeds: list[Path]) -> list[Finding]:
    """The slug record's problems (see `slugs`): one it cannot read is an error (the build
    fails on it); a seed it lacks (whose URL a seed added later could take) or an entry whose
    seed is gone is a warning that `briefings slugs` fixes. No record: nothing to say."""
    try:
        record = load_record(seeds_dir)
    except BriefingError as exc:
        return [_error(exc)]
    if record is None:
        return []
    fix = f"run `briefings slugs` and commit {record_path(seeds_dir)}"
    names = {file_name(str(seed)): seed for seed in seeds}
    found = [
        Finding(str(seed), "warning", f"no slug recorded, so its URL may change; {fix}")
        for name, seed in names.items()
        if name not in record
    ]
    found += [
        Finding(
            str(record_path(seeds_dir)), "warning", f"{name}: recorded, but no such seed; {fix}"
        )
        for name in record
        if name not in names
    ]
    return found


def check_seed(seed: Path) -> list[Finding]:
    """The findings of one seed and its sidecar."""
    try:
        source = read_seed(seed)
        briefing = make_briefing(source)
    except BriefingError as exc:
        return [_error(exc)]
    findings: list[Finding] = []
    sidecar = sidecar_path(seed)
    if sidecar.is_file():
        try:
            briefing = apply_sidecar(briefing, source, load_sidecar(sidecar))
        except BriefingError as exc:
            findings.append(_error(exc))
    return findings + briefing_findings(str(seed), briefing)


def _error(exc: BriefingError) -> Finding:
    return Finding(exc.path, "error", exc.message, exc.line)


def briefing_findings(path: str, b: Briefing) -> list[Finding]:
    """Warnings about one briefing: its own warnings, metadata, links and body."""
    found = [Finding(path, "warning", w) for w in b.warnings]
    if b.title_found is None:
        message = "no title found (the file name stands in); set `title:` in a sidecar"
        found.append(Finding(path, "warning", message))
    if not b.meta.date:
        found.append(Finding(path, "warning", "no date found; set `date: YYYY-MM-DD` in a sidecar"))
    if not b.meta.authors:
        found.append(Finding(path, "warning", "no author found; set `authors: [...]` in a sidecar"))
    found.extend(_link_findings(path, b))
    found.extend(_junk_findings(path, b))
    return found


def _link_findings(path: str, b: Briefing) -> list[Finding]:
    """One warning for all lost targets (a scrape loses many at once), one per unsafe target."""
    lost = [n for n, lk in enumerate(b.links, 1) if lk.placeholder]
    found = []
    if lost:
        message = (
            f"{len(lost)} of {len(b.links)} link targets not preserved in the source "
            f"(links {number_ranges(lost)} of the Links table); give the real ones in a "
            f"sidecar (links: - {{link: {lost[0]}, href: https://...}})"
        )
        found.append(Finding(path, "warning", message))
    lines = {p.anchor: p.line for p in b.body}
    for n, lk in enumerate(b.links, 1):
        if not lk.placeholder and safe_href(lk.href) is None:
            message = (
                f"link {n} {_quote(lk.text)}: target {lk.href[:60]!r} is not a web address, "
                "so it is not linked"
            )
            found.append(Finding(path, "warning", message, lines.get(lk.paragraph or "")))
    return found


def number_ranges(numbers: list[int]) -> str:
    """Sorted numbers as ranges: [1, 3, 4, 5, 9] -> `1, 3-5, 9`."""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def _junk_findings(path: str, b: Briefing) -> list[Finding]:
    repeated = Counter(_norm(p.text) for p in b.paragraphs)
    found = []
    for p in b.paragraphs:
        reason = suspected_junk(p, repeated[_norm(p.text)] > 1)
        if reason:
            message = (
                f"suspected junk kept in the body ({reason}): {_quote(p.text)}; if so, "
                f"mark it in a sidecar (lines: junk: [{p.line}])"
            )
            found.append(Finding(path, "warning", message, p.line))
    return found


def suspected_junk(p: Paragraph, repeated: bool) -> str | None:
    """Why a body paragraph looks like page furniture, or None when it looks like prose."""
    words = len(_WORD.findall(p.text))
    rules = load_rules("checking")
    if repeated:
        return "printed twice"
    if words <= int(rules["suspect_max_words"]) and any(s.search(p.text) for s in _suspects()):
        return "furniture words"
    covered = sum(lk.end - lk.start for lk in p.links)
    if p.links and covered >= float(rules["link_share"]) * len(p.text):
        return "mostly links"
    if words <= int(rules["stray_max_words"]) and not _SENTENCE_END.search(p.text):
        return "short line without a sentence end"
    return None


@cache
def _suspects() -> list[re.Pattern[str]]:
    return compile_patterns("checking", "suspect")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
