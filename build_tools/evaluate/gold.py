"""Gold annotations: a gold file (`gold/NAME.yml`, format in ../shared/GOLD.md) in, a checked
`Gold` record out. A malformed file is a `BriefingError` naming it and saying what is expected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from build_tools.errors import BriefingError
from build_tools.records import ItemKind

_GOLD_KINDS: dict[ItemKind, tuple[str, str, str]] = {
    # kind: (gold list key, party key, paraphrase key)
    "demand": ("demands", "actor", "demand"),
    "proposal": ("proposals", "proposer", "proposal"),
}
_METADATA_FIELDS = ("title", "author", "date", "publication", "url")
# "A and B", "A, B and C", "A & B": the gold `author` names every author in one string.
_BYLINE_SEPARATORS = re.compile(r"\s*(?:,\s*and\s+|,|;|&|\band\b)\s*")
_LINK_KINDS = ("inline", "byline", "caption", "related", "source")
_STANCES = ("endorsed", "criticised", "reported")
# The C parser when PyYAML was built with libyaml: the same safe subset, several times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One demand or proposal a careful analyst lists."""

    kind: ItemKind
    """`demand` or `proposal`."""
    party: str
    """The gold `actor` / `proposer` (`author` for the article's author)."""
    key_terms: tuple[str, ...]
    """Words that must occur in a matching predicted item's text (at least half, rounded up)."""
    paraphrase: str
    """The analyst's wording, shown when the item is missed."""
    stance: str | None = None
    """For proposals: `endorsed`, `criticised` or `reported`, where the gold gives it."""


@dataclass(frozen=True, slots=True)
class GoldLink:
    """One hyperlink of the source."""

    text: str
    """Anchor text."""
    href: str
    """Target (`#` where the scrape lost it)."""
    kind: str = "inline"
    """`inline`, `byline`, `caption`, `related` or `source`."""


@dataclass(frozen=True, slots=True)
class Gold:
    """A gold annotation file, checked."""

    name: str
    """The file name without `.yml`; the seed is `NAME.txt`."""
    path: str
    """The gold file's path (used in every message about it)."""
    title: str | None
    """The article's title."""
    authors: tuple[str, ...]
    """Real authors in byline order (the gold `author`, split at "and" and commas)."""
    date: str | None
    """Publication date, `YYYY-MM-DD`."""
    publication: str | None
    """The outlet's name."""
    url: str | None
    """The original article's address."""
    summary_key_terms: tuple[str, ...]
    """Words a good summary contains."""
    demands: tuple[GoldItem, ...]
    """Demands, conditions and ultimatums."""
    proposals: tuple[GoldItem, ...]
    """Plans, proposals and recommendations."""
    not_items: tuple[str, ...]
    """Phrases that look like items but are not."""
    links: tuple[GoldLink, ...]
    """Every hyperlink of the source, in order."""
    boilerplate: tuple[str, ...]
    """Source lines that must not appear in the body."""
    broken_paragraphs: tuple[tuple[str, str], ...]
    """Fragment pairs the briefing must have in one paragraph."""
    headings: tuple[str, ...]
    """Real section headings of the article."""


def load_gold(path: str | Path) -> Gold:
    """Read and check one gold file; a malformed one is a `BriefingError` naming it."""
    p = Path(path)
    where = str(p)
    try:
        text = p.read_text(encoding="utf-8")
        refuse_aliases(text, where)
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise BriefingError(where, f"cannot read gold file ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "syntax error"
        raise BriefingError(where, f"not valid YAML: {problem}", line) from None
    return parse_gold(data, name=p.stem, where=where)


def refuse_aliases(text: str, where: str) -> None:
    """A gold file holds no alias (`*name`): a few nested ones (a "billion laughs" bomb)
    expand to more than memory holds. Checked on the parser's events, before anything is
    built."""
    for event in yaml.parse(text, Loader=_SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark is not None else None
            message = "aliases (*name) are not allowed in a gold file; repeat the value"
            raise BriefingError(where, message, line)


def parse_gold(data: Any, name: str, where: str) -> Gold:
    """Check a gold annotation already read from YAML; `where` names it in messages."""
    if not isinstance(data, dict):
        raise BriefingError(where, "a gold file must be a mapping (title:, author:, demands: ...)")
    missing = [k for k in _METADATA_FIELDS if k not in data]
    if missing:
        raise BriefingError(
            where, f"missing {', '.join(missing)} (write `{missing[0]}: null` if unknown)"
        )
    return Gold(
        name=name,
        path=where,
        title=_scalar(data["title"]),
        authors=_split_authors(data["author"], where),
        date=_scalar(data["date"]),
        publication=_scalar(data["publication"]),
        url=_scalar(data["url"]),
        summary_key_terms=_strings(data, "summary_key_terms", where),
        demands=_gold_items(data, "demand", where),
        proposals=_gold_items(data, "proposal", where),
        not_items=_strings(data, "not_items", where),
        links=_gold_links(data, where),
        boilerplate=_strings(data, "boilerplate", where),
        broken_paragraphs=_pairs(data, where),
        headings=_strings(data, "headings", where),
    )


def _scalar(value: Any) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text.strip() or None


def _split_authors(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(s for v in value if (s := _scalar(v)))
    if not isinstance(value, str):
        raise BriefingError(where, "'author' must be a name, a list of names or null")
    return tuple(name for name in _BYLINE_SEPARATORS.split(value.strip()) if name)


def _strings(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
        raise BriefingError(where, f"'{key}' must be a list of strings")
    return tuple(s for v in value if (s := _scalar(v)))


def _gold_items(data: Mapping[str, Any], kind: ItemKind, where: str) -> tuple[GoldItem, ...]:
    key, party_key, text_key = _GOLD_KINDS[kind]
    value = data.get(key) or []
    if not isinstance(value, list):
        raise BriefingError(where, f"'{key}' must be a list of items")
    items = []
    for n, entry in enumerate(value, start=1):
        example = f"{{{party_key}: Russia, {text_key}: ..., key_terms: [a phrase, another]}}"
        if not isinstance(entry, dict) or not _scalar(entry.get(party_key)):
            raise BriefingError(where, f"{key} item {n}: expected {example}")
        terms = entry.get("key_terms")
        if not isinstance(terms, list) or not [t for t in terms if _scalar(t)]:
            raise BriefingError(where, f"{key} item {n}: 'key_terms' must be a non-empty list")
        stance = _scalar(entry.get("stance"))
        if stance is not None and stance not in _STANCES:
            raise BriefingError(
                where, f"{key} item {n}: stance {stance!r} is not one of {', '.join(_STANCES)}"
            )
        key_terms = tuple(s for t in terms if (s := _scalar(t)))
        items.append(
            GoldItem(
                kind=kind,
                party=str(_scalar(entry[party_key])),
                key_terms=key_terms,
                paraphrase=_scalar(entry.get(text_key)) or "; ".join(key_terms),
                stance=stance,
            )
        )
    return tuple(items)


def _gold_links(data: Mapping[str, Any], where: str) -> tuple[GoldLink, ...]:
    value = data.get("links") or []
    if not isinstance(value, list):
        raise BriefingError(where, "'links' must be a list of {text: ..., href: ...}")
    links = []
    for n, entry in enumerate(value, start=1):
        if not isinstance(entry, dict) or "text" not in entry or "href" not in entry:
            raise BriefingError(where, f"link {n}: expected {{text: ..., href: ..., kind: ...}}")
        kind = _scalar(entry.get("kind")) or "inline"
        if kind not in _LINK_KINDS:
            raise BriefingError(where, f"link {n}: kind {kind!r} is not one of {_LINK_KINDS}")
        links.append(GoldLink(_scalar(entry["text"]) or "", _scalar(entry["href"]) or "#", kind))
    return tuple(links)


def _pairs(data: Mapping[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    value = data.get("broken_paragraphs") or []
    pairs = []
    for n, entry in enumerate(value if isinstance(value, list) else [None], start=1):
        parts = [_scalar(x) for x in entry] if isinstance(entry, list) else []
        if len(parts) != 2 or not all(parts):
            raise BriefingError(where, f"broken_paragraphs {n}: expected [first part, second part]")
        pairs.append((str(parts[0]), str(parts[1])))
    return tuple(pairs)
