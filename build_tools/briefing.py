"""Briefing: one `Source` in, one `Briefing` record out; and the record as JSON.

This is the whole per-article pipeline, a pure function of the article's text:
read -> clean -> metadata, links, items, summary -> `Briefing`, finished by
`finish_briefing`: each item's topics and party kind and the body's dated sentences, the
facts that pages, `briefings.json` and the CSV files share (rendering derives none).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

from build_tools.article_cache import forget_article
from build_tools.clean.cleaning import clean, related_title
from build_tools.extract.actors import party_kind
from build_tools.extract.items import find_items
from build_tools.extract.learned import complete_items
from build_tools.extract.links import extract_links
from build_tools.extract.mentions import dated_mentions
from build_tools.extract.metadata import extract_metadata
from build_tools.extract.summary import summarize
from build_tools.extract.topics import find_topics, item_topics
from build_tools.read.reading import file_name, read_seed
from build_tools.records import Briefing, Cleaned, Item, Source

MAX_SLUG = 80


def make_briefing(source: Source) -> Briefing:
    """Every stage of the per-article pipeline, in order."""
    forget_article()  # nothing of the previous article is reused
    return assemble_briefing(source, clean(source))


def assemble_briefing(source: Source, cleaned: Cleaned) -> Briefing:
    """The stages after cleaning: metadata, items, links, summary, topics."""
    meta = extract_metadata(cleaned, fallback_title=source.name)
    warnings = list(source.warnings)
    if not cleaned.body:
        warnings.append("no body text left after cleaning")
    removed = tuple(b.raw for b in cleaned.blocks if b.kind not in ("paragraph", "heading"))
    demands, proposals = complete_items(cleaned.body, *find_items(cleaned.body))
    briefing = Briefing(
        source=file_name(source.path),
        slug=slugify(meta.title) or slugify(source.name) or "briefing",
        meta=meta,
        summary=summarize(cleaned.body),
        body=cleaned.body,
        demands=demands,
        proposals=proposals,
        links=extract_links(cleaned),
        related=tuple(related_title(b.text) for b in cleaned.blocks if b.kind == "related"),
        removed=removed,
        topics=find_topics([meta.title, *(p.text for p in cleaned.body)]),
        warnings=tuple(warnings),
    )
    return finish_briefing(briefing)


AUTHOR = "author"


def finish_briefing(b: Briefing) -> Briefing:
    """`b` with the facts derived from its other fields: each item's topics and party kind,
    and the body's dated sentences. Run after extraction and again after a sidecar changed
    the body or the items, so that they always agree."""

    def finish(item: Item) -> Item:
        topics = item_topics(item.text, item.evidence)
        kind = AUTHOR if item.actor == AUTHOR else party_kind(item.actor)
        return replace(item, topics=topics, party_kind=kind)

    return replace(
        b,
        demands=tuple(finish(i) for i in b.demands),
        proposals=tuple(finish(i) for i in b.proposals),
        dated=dated_mentions(b.body),
    )


def briefing_from_path(path: str | Path) -> Briefing:
    """Read a seed file and make its briefing."""
    return make_briefing(read_seed(path))


def slugify(text: str) -> str:
    """A URL slug: lower-case ASCII words joined by hyphens, at most 80 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def briefing_to_dict(b: Briefing) -> dict[str, Any]:
    """The JSON object of `python -m build_tools extract` (see the README's contract)."""
    return {
        "source": b.source,
        "slug": b.slug,
        "title": b.meta.title,
        "authors": list(b.meta.authors),
        "date": b.meta.date,
        "publication": b.meta.publication,
        "url": b.meta.url,
        "bio": b.meta.bio,
        "summary": b.summary,
        "demands": [_item_dict(i) for i in b.demands],
        "proposals": [_item_dict(i) for i in b.proposals],
        "links": [
            {
                "text": link.text,
                "href": link.href,
                "placeholder": link.placeholder,
                "kind": link.kind,
                "context": link.context,
                "paragraph": link.paragraph,
            }
            for link in b.links
        ],
        "related": list(b.related),
        "headings": list(b.headings),
        "paragraphs": [p.text for p in b.paragraphs],
        "anchors": [p.anchor for p in b.paragraphs],
        "topics": list(b.topics),
        "dated": [
            {"when": d.when, "paragraph": d.paragraph, "sentence": d.sentence} for d in b.dated
        ],
        "removed": list(b.removed),
        "warnings": list(b.warnings),
    }


def _item_dict(item: Item) -> dict[str, Any]:
    party_key = "actor" if item.kind == "demand" else "proposer"
    out: dict[str, Any] = {
        party_key: item.actor,
        "text": item.text,
        "evidence": item.evidence,
        "paragraph": item.paragraph,
        "party_kind": item.party_kind,
        "topics": list(item.topics),
    }
    if item.kind == "proposal":
        out["stance"] = item.stance
    if item.mention:
        out["mention"] = item.mention
    if item.edited:
        out["edited"] = True
    return out
