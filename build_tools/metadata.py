"""Metadata: classified blocks in, `Metadata` out.

One small function per field, each trying its sources in order of trust (trafilatura's
shape): the title line, then the byline, the bio, disclaimers, the source footer, the URL.
Vocabulary (placeholder names, title labels, outlet names) lives in `rules/`.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from build_tools.dates import date_in_url, date_only, find_dates
from build_tools.records import Block, Cleaned, Metadata
from build_tools.rules import compile_patterns, compile_rule, load_rules, rule_list

_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w.’'-]*$")
_NAME_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "al", "bin", "ibn"}
)


def extract_metadata(cleaned: Cleaned, fallback_title: str) -> Metadata:
    """All metadata fields of an article; `fallback_title` is used when it has no title."""
    blocks = cleaned.blocks
    url = extract_url(blocks)
    raw_title = extract_title(blocks) or fallback_title
    title, title_outlet = split_title(raw_title)
    return Metadata(
        title=title,
        authors=extract_authors(blocks),
        date=extract_date(blocks, url),
        publication=extract_publication(blocks, url) or title_outlet,
        url=url,
        bio=extract_bio(blocks),
    )


def extract_title(blocks: tuple[Block, ...]) -> str | None:
    """The title line's text, with a leading section label ("Opinion:") dropped."""
    for block in blocks:
        if block.kind == "title":
            return _title_labels().sub("", block.text).strip() or block.text
    return None


def split_title(title: str) -> tuple[str, str | None]:
    """Split "Title | Outlet" (a page title with the site's name) into both parts."""
    m = re.match(r"^(.{12,}?)\s+(?:\||–|—|::)\s+([^|–—]{2,40})$", title)
    if m and _looks_like_outlet(m.group(2)):
        return m.group(1).strip(), m.group(2).strip()
    return title, None


def extract_authors(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    """Names from the byline, else the name an author bio line starts with."""
    for block in blocks:
        if block.kind == "byline":
            names = names_from_byline(block.text)
            if names:
                return names
    bio = _bio_block(blocks)
    if bio is not None:
        m = compile_rule("cleaning", "bio", ignore_case=False).match(bio.text.strip("*_ "))
        if m:
            return (m.group(1).strip(),)
    return ()


def names_from_byline(text: str) -> tuple[str, ...]:
    """Real author names in a byline, CMS placeholders ("admin") and roles removed."""
    rest = compile_rule("cleaning", "byline").sub("", text, count=1)
    for m in find_dates(rest):
        rest = rest[: m.start]
        break
    tail = compile_rule("cleaning", "byline_tail").search(rest)
    if tail:
        rest = rest[: tail.start()]
    placeholders = {p.lower() for p in rule_list("cleaning", "placeholder_authors")}
    names = []
    for part in compile_rule("cleaning", "author_separators").split(rest):
        name = part.strip(" .:*_")
        if not name or name.lower() in placeholders or not _looks_like_name(name):
            continue
        names.append(name)
    return tuple(names)


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 5:
        return False
    capitalised = [w for w in words if w.lower() not in _NAME_PARTICLES]
    return bool(capitalised) and all(_NAME_WORD.match(w) for w in capitalised)


def extract_date(blocks: tuple[Block, ...], url: str | None) -> str | None:
    """The publication date: a date line, a date in the byline, then one in the address."""
    for block in blocks:
        if block.kind == "date":
            iso = date_only(block.text)
            if iso:
                return iso
    for block in blocks:
        if block.kind in ("byline", "title"):
            dates = find_dates(block.text)
            if dates:
                return dates[0].iso
    if url:
        return date_in_url(url)
    return None


def extract_publication(blocks: tuple[Block, ...], url: str | None) -> str | None:
    """The outlet: named in a disclaimer, else known from the address's domain."""
    for block in blocks:
        if block.kind == "publication":
            for pattern in compile_patterns("outlets", "from_disclaimer", ignore_case=False):
                m = pattern.search(block.text)
                if m:
                    return m.group(1).strip(" .,;:*_")
    if url:
        return outlet_for_domain(url)
    return None


def outlet_for_domain(url: str) -> str | None:
    """An outlet's name from the outlet table, by the address's domain."""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    host = host.removeprefix("www.")
    table = _outlet_domains()
    while host:
        if host in table:
            return table[host]
        host = host.partition(".")[2]
    return None


def extract_url(blocks: tuple[Block, ...]) -> str | None:
    """The original article's address from a source footer."""
    for block in blocks:
        if block.kind == "source":
            for link in block.links:
                if link.href.startswith(("http://", "https://")):
                    return link.href
            m = re.search(r"https?://\S+", block.text)
            if m:
                return m.group().rstrip(">).,")
    return None


def extract_bio(blocks: tuple[Block, ...]) -> str | None:
    """The author bio line, as text."""
    bio = _bio_block(blocks)
    return bio.text.strip("*_ ") if bio is not None else None


def _bio_block(blocks: tuple[Block, ...]) -> Block | None:
    return next((b for b in blocks if b.kind == "bio"), None)


@cache
def _title_labels() -> re.Pattern[str]:
    return compile_rule("cleaning", "title_labels")


@cache
def _outlet_domains() -> dict[str, str]:
    table = load_rules("outlets")["domains"]
    return {str(domain).lower(): str(name) for domain, name in table.items()}


def _looks_like_outlet(text: str) -> bool:
    words = text.split()
    known = {name.lower() for name in _outlet_domains().values()}
    return text.lower() in known or (1 <= len(words) <= 5 and all(w[:1].isupper() for w in words))
