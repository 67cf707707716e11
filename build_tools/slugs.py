"""Slugs: every briefing's URL name, unique across the corpus and stable once published.

A briefing's slug comes from its title (`briefing.slugify`); two articles with one title get
`title`, `title-2`, ... . Given out in seed file-name order alone, a new seed whose name
sorts first would take `title` from the briefing that had it, and move a published page. So
the slugs given out are recorded in `slugs.json` in the seeds folder (seed file name →
slug, written by `briefings slugs`, committed with the seeds): a recorded seed keeps its
slug whatever is added (or its title becomes), and the seeds not recorded yet take, in
file-name order, the first of `title`, `title-2`, ... that no other seed has. Without a
record, every seed is new: the slugs are those of file-name order.

The record holds the seeds of the folder: an entry whose seed file is gone is left out of
the build, so its slug is free again (a seed renamed with its title unchanged keeps its
URL), and `briefings slugs` drops it. A seed that cannot be made keeps its recorded slug
reserved. A record that cannot be read is a `BriefingError` naming it and its line.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from build_tools.errors import BriefingError
from build_tools.read.reading import SEED_SUFFIX, file_name
from build_tools.records import Briefing

RECORD_NAME = "slugs.json"
# `index` is the All-briefings page (briefings/index.md): never a briefing's.
RESERVED = frozenset({"index"})
# What `slugify` makes, with room for a `-N` suffix; a file name must stay short.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_SLUG = 120
_EXAMPLE = '{"NAME.txt": "title-of-the-article"}'


def record_path(seeds_dir: Path) -> Path:
    """Where the slug record of a seeds folder is kept."""
    return seeds_dir / RECORD_NAME


def seed_names(paths: Iterable[Path]) -> set[str]:
    """The names the record keys seeds by: as a briefing's `source` gives them."""
    return {file_name(str(p)) for p in paths}


def load_record(seeds_dir: Path) -> dict[str, str] | None:
    """The slug record of `seeds_dir` (seed file name → slug), None when there is none; a
    record that is not a readable, well-formed one is a `BriefingError` naming it."""
    path = record_path(seeds_dir)
    where = str(path)
    if not path.exists() and not path.is_symlink():
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BriefingError(where, f"cannot read the slug record ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BriefingError(where, f"not UTF-8 text (byte {exc.start})") from None
    try:
        loaded = json.loads(text, object_pairs_hook=_no_duplicates)
    except _Duplicate as exc:
        raise BriefingError(where, f"{exc.args[0]!r} is recorded twice") from None
    except json.JSONDecodeError as exc:
        raise BriefingError(where, f"not valid JSON: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise BriefingError(where, "not valid JSON: nested too deep") from None
    return _checked(loaded, where)


def _checked(loaded: object, where: str) -> dict[str, str]:
    """The record as read, checked: seed file names to distinct, well-formed slugs."""
    if not isinstance(loaded, dict):
        raise BriefingError(
            where, f"expected one JSON object of seed file names and slugs, such as {_EXAMPLE}"
        )
    owners: dict[str, str] = {}
    for name, slug in loaded.items():
        # A seed's name as `file_name` gives it: no folder, no bidi override, no surrogate.
        if (
            name != file_name(name)
            or Path(name).suffix.lower() != SEED_SUFFIX
            or any("\ud800" <= ch <= "\udfff" for ch in name)
        ):
            raise BriefingError(where, f"{name!r} is not a seed file name (NAME{SEED_SUFFIX})")
        if not isinstance(slug, str) or not _is_slug(slug):
            raise BriefingError(
                where,
                f"{name}: {slug!r} is not a slug (lower-case a-z, 0-9 and single hyphens, "
                f'at most {_MAX_SLUG} characters, such as "talks-resume-in-geneva")',
            )
        if slug in RESERVED:
            raise BriefingError(where, f"{name}: the slug {slug!r} is reserved for a site page")
        if slug in owners:
            raise BriefingError(where, f"{owners[slug]} and {name} are both given {slug!r}")
        owners[slug] = name
    return dict(loaded)


def _is_slug(text: str) -> bool:
    return len(text) <= _MAX_SLUG and _SLUG.fullmatch(text) is not None


class _Duplicate(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def recorded_slugs(seeds_dir: Path, paths: Iterable[Path]) -> dict[str, str]:
    """The recorded slugs of the seeds in `paths` (none without a record): those of seeds
    since removed are left out, so their slugs are free again."""
    record = load_record(seeds_dir) or {}
    present = seed_names(paths)
    return {name: slug for name, slug in record.items() if name in present}


def assign_slugs(
    briefings: Iterable[Briefing], recorded: Mapping[str, str] | None = None
) -> tuple[Briefing, ...]:
    """The briefings (in seed file-name order) with their slugs: a recorded seed's from
    `recorded`, every other the first of `slug`, `slug-2`, ... no other seed has."""
    recorded = recorded or {}
    taken = set(RESERVED) | set(recorded.values())
    out = []
    kept: set[str] = set()
    for b in briefings:
        # Two files can show one name (bidi overrides are dropped): the first keeps the slug.
        slug = recorded.get(b.source) if b.source not in kept else None
        kept.add(b.source)
        if slug is None:
            slug, n = b.slug, 2
            while slug in taken:
                slug = f"{b.slug}-{n}"
                n += 1
            taken.add(slug)
        out.append(b if slug == b.slug else replace(b, slug=slug))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class RecordChange:
    """What `briefings slugs` changes in a record."""

    slugs: dict[str, str]
    """The record to keep: seed file name → slug, by name."""
    added: tuple[tuple[str, str], ...]
    """Seeds recorded now, with their slugs."""
    dropped: tuple[tuple[str, str], ...]
    """Entries whose seed file is gone, with the slug that is free again."""


def updated_record(
    record: Mapping[str, str] | None, briefings: Iterable[Briefing], paths: Iterable[Path]
) -> RecordChange:
    """The record after a build of the seeds at `paths` made `briefings` (their slugs
    given out by `assign_slugs` with this record): every seed file of the folder keeps its
    entry (one that could not be made too), each new briefing is added, and the entries of
    seeds since removed are dropped."""
    record = record or {}
    present = seed_names(paths)
    slugs = {name: slug for name, slug in record.items() if name in present}
    added = []
    for b in briefings:
        if b.source not in slugs:
            slugs[b.source] = b.slug
            added.append((b.source, b.slug))
    dropped = tuple(sorted((n, s) for n, s in record.items() if n not in present))
    return RecordChange(dict(sorted(slugs.items())), tuple(added), dropped)


def record_text(slugs: Mapping[str, str]) -> str:
    """The record as written: one entry a line, by seed file name, so a diff shows each."""
    return json.dumps(dict(sorted(slugs.items())), ensure_ascii=False, indent=2) + "\n"


def write_record(seeds_dir: Path, slugs: Mapping[str, str]) -> bool:
    """Write the record of `seeds_dir` when it differs from the file (in one step: a reader
    sees the old record or the new, whole); whether it was written."""
    path = record_path(seeds_dir)
    data = record_text(slugs).encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise BriefingError(str(path), f"cannot read the slug record ({exc.strerror})") from None
    try:
        fd, staged = tempfile.mkstemp(prefix=f".{RECORD_NAME}-", dir=seeds_dir)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(staged, path.stat().st_mode & 0o777 if path.exists() else 0o644)
            os.replace(staged, path)
        except BaseException:
            Path(staged).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise BriefingError(str(path), f"cannot write the slug record ({exc.strerror})") from None
    return True
