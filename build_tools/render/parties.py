"""Parties as the pages name them: an article's own author is a party of their own.

Extraction attributes what the article's author puts forward to `author`; on the pages that
party is the byline of that briefing (`Jane Roe`, `Jane Roe and John Doe`), so that
each author's items are told apart from another's and their page lists their briefings. A
briefing without a named author keeps `author`, shown as "Author not named".
"""

from __future__ import annotations

from build_tools.briefing import slugify
from build_tools.records import Briefing, Item, Metadata

AUTHOR = "author"
"""The party extraction gives to the article's own author."""
UNNAMED_AUTHOR = "Author not named"
UNNAMED_SLUG = "author-not-named"


def byline(meta: Metadata) -> str:
    """The authors as one party: `A`, `A and B`, `A, B and C`; `author` when none is named."""
    names = [" ".join(n.split()) for n in meta.authors if n.strip()]
    if not names:
        return AUTHOR
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def item_party(b: Briefing, item: Item) -> str:
    """The party an item is shown under: its actor, or the briefing's byline for `author`."""
    return byline(b.meta) if item.actor == AUTHOR else item.actor


def party_name(party: str) -> str:
    """How a party is named on pages."""
    return UNNAMED_AUTHOR if party == AUTHOR else party


def own_note(kind: str) -> str:
    """What an author's own item is called instead of a stance: `the author's proposal`."""
    return f"the author's {kind}"


def stance_note(item: Item) -> str:
    """The note beside an item: the author's own, or a stance that says something (the
    author endorses or criticises a reported proposal); empty otherwise."""
    if item.actor == AUTHOR:
        return own_note(item.kind)
    if item.stance == "endorsed":
        return "endorsed by the author"
    if item.stance == "criticised":
        return "criticised by the author"
    return ""


def author_slug(party: str) -> str:
    """The page slug of an author party (under `actors/`): made from the byline alone, so
    that a briefing page links to it without knowing the other briefings; other parties'
    slugs give way to these (`views.actors.party_slugs`)."""
    return UNNAMED_SLUG if party == AUTHOR else f"by-{slugify(party) or 'author'}"
