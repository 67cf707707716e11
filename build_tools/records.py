"""Typed records that flow between the stages.

seed file -> `Source` (reading) -> `Block`s (cleaning) -> `Metadata`, `Link`s, `Item`s
(extraction) -> `Briefing` (briefing) -> Markdown pages (rendering).

Every record is frozen and slotted: a stage returns new records, it never edits the ones it
was given. JSON is made at the edge (`briefing.briefing_to_dict`), not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LinkKind = Literal["inline", "byline", "caption", "related", "source"]
BlockKind = Literal[
    "paragraph",  # body text
    "heading",  # a real section heading of the article
    "title",  # the article's title line
    "byline",  # "By X", "by admin", "Author: X"
    "date",  # a line that only gives the publication date
    "caption",  # photo caption or credit
    "related",  # "Related article: ...", "Read also: ..."
    "source",  # "Original url: ..." footer and its URL line
    "bio",  # "X is a senior fellow at ..." author bio line
    "publication",  # disclaimer or masthead line that names the outlet
    "junk",  # page furniture with nothing worth keeping
]
ItemKind = Literal["demand", "proposal"]
Stance = Literal["endorsed", "criticised", "reported"]


class _Record:
    """Base of the records below: a record pickles as its class and its field values.

    Briefings are pickled between worker processes when no cache is kept (the cache keeps
    them as MessagePack, see `cache`); the default way for a slotted dataclass (a state
    list, set back field by field) takes twice as long.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # A slotted dataclass's __slots__ are its fields, in the order __init__ takes them.
        names: tuple[str, ...] = self.__slots__
        return (type(self), tuple([getattr(self, name) for name in names]))


@dataclass(frozen=True, slots=True)
class Source(_Record):
    """One seed file, decoded."""

    path: str
    """The file's path as given (used in every message about it)."""
    name: str
    """The file name without folder and suffix, e.g. `000_a67e73254438302a`."""
    text: str
    """The decoded text: BOM dropped, line endings made `\\n`."""
    encoding: str
    """The encoding the bytes were decoded with (`utf-8`, `cp1252`, ...)."""
    warnings: tuple[str, ...] = ()
    """Problems that did not stop reading, e.g. a fallback encoding."""


@dataclass(frozen=True, slots=True)
class RawLink(_Record):
    """A hyperlink as it stands in one block of the source."""

    text: str
    """Anchor text with its markup removed."""
    href: str
    """The target exactly as the source gives it (`#` or empty where the scrape lost it)."""
    start: int
    """Offset of the anchor text in the block's plain text."""
    end: int
    """Offset just after the anchor text in the block's plain text."""


@dataclass(frozen=True, slots=True)
class Block(_Record):
    """A paragraph-sized piece of the source after inline markup is resolved."""

    kind: BlockKind
    """What the cleaner decided this block is."""
    text: str
    """Plain text: markup removed, white space runs made one space."""
    raw: str
    """The source lines the block came from, as written."""
    line: int
    """1-based number of the block's first source line."""
    links: tuple[RawLink, ...] = ()
    """Hyperlinks inside `text`, in order."""
    level: int = 0
    """Heading level (2-6) for headings; 0 otherwise."""
    reason: str = ""
    """Why the cleaner gave this kind (the rule's name), for `removed` and `check`."""
    marked: bool = False
    """The whole block is emphasis or bold in the source (`*...*`, `**...**`)."""
    bullet: bool = False
    """The block is a list item in the source (`- ...`, `1. ...`): never a heading."""


@dataclass(frozen=True, slots=True)
class Paragraph(_Record):
    """A block of the cleaned body, with the anchor readers link to."""

    anchor: str
    """Stable id within the page, `p-1`, `p-2`, ...; headings get `h-...`."""
    text: str
    """Plain text of the paragraph or heading."""
    line: int
    """1-based source line the paragraph starts on."""
    links: tuple[RawLink, ...] = ()
    """Hyperlinks inside `text`, offsets relative to `text`."""
    heading: bool = False
    """True for a section heading."""
    level: int = 0
    """Heading level (2-6) when `heading`; 0 for a paragraph."""
    edited: bool = False
    """True when a maintainer's sidecar put this source line into the body."""
    list_item: bool = False
    """True when the source block was a list item (`- ...`, `1. ...`, `<li>`)."""


@dataclass(frozen=True, slots=True)
class Cleaned(_Record):
    """An article after cleaning: every source block classified, and the body to publish."""

    blocks: tuple[Block, ...]
    """All blocks in source order, each with its kind (furniture and junk included)."""
    body: tuple[Paragraph, ...]
    """Body paragraphs and headings, split paragraphs joined, anchored."""


@dataclass(frozen=True, slots=True)
class Link(_Record):
    """A hyperlink of the source, as listed on the briefing page."""

    text: str
    """Anchor text."""
    href: str
    """Target as the source gives it."""
    kind: LinkKind
    """Where the link stood: in the body (`inline`) or in page furniture."""
    context: str
    """The sentence (or furniture line) the link sits in."""
    placeholder: bool
    """True when the scrape lost the target (`#`, empty, `javascript:void(0)`)."""
    paragraph: str | None = None
    """Anchor of the body paragraph holding the link; None outside the body."""
    edited: bool = False
    """True when a maintainer's sidecar gave the link its target."""


@dataclass(frozen=True, slots=True)
class Item(_Record):
    """One demand or one proposal, attributed to a party, with its evidence."""

    kind: ItemKind
    """`demand` or `proposal`."""
    actor: str
    """Canonical party (`Russia`, `Ukraine`, `NATO`, `author`, ...)."""
    text: str
    """The item's own phrase: one condition of an enumeration, not the whole sentence."""
    evidence: str
    """The whole source sentence the item comes from."""
    paragraph: str
    """Anchor of the body paragraph holding `evidence`."""
    stance: Stance | None = None
    """For proposals: how the article treats it, where the text makes that clear."""
    mention: str = ""
    """The words the text uses for the party (`the Kremlin`, `Others`)."""
    edited: bool = False
    """True when a maintainer's sidecar added or changed the item."""
    topics: tuple[str, ...] = ()
    """Topics its own phrase names, busiest first; else the one its sentence (or, naming
    none, its paragraph) names most; set when the briefing is finished
    (`briefing.finish_briefing`)."""
    party_kind: str = ""
    """The kind of `actor`: a gazetteer kind (`state`, `alliance`, `organisation`, ...),
    `group` for a name outside it, `author` for the article's own author; set when the
    briefing is finished."""


@dataclass(frozen=True, slots=True)
class DatedMention(_Record):
    """A sentence of the body that mentions a date, for the timeline."""

    when: str
    """The date mentioned, as precise as the text gives it: `YYYY`, `YYYY-MM` or
    `YYYY-MM-DD`."""
    paragraph: str
    """Anchor of the paragraph holding the sentence."""
    sentence: str
    """The sentence that mentions the date."""


@dataclass(frozen=True, slots=True)
class Metadata(_Record):
    """What the article says about itself."""

    title: str
    """The article's title (a leading section label such as `Opinion:` dropped)."""
    authors: tuple[str, ...] = ()
    """Real authors in byline order; CMS placeholders such as `admin` are not authors."""
    date: str | None = None
    """Publication date as `YYYY-MM-DD`, or None where the text gives none."""
    publication: str | None = None
    """The outlet's name, or None where the text names none."""
    url: str | None = None
    """The original article's address, from a source footer."""
    bio: str | None = None
    """An author bio line, kept here rather than in the body."""
    edited: tuple[str, ...] = ()
    """Names of the fields a maintainer's sidecar set (`title`, `date`, ...)."""


@dataclass(frozen=True, slots=True)
class Briefing(_Record):
    """Everything the site shows about one article."""

    source: str
    """Seed file name, e.g. `000_a67e73254438302a.txt`."""
    slug: str
    """URL slug of the briefing page, from the title."""
    meta: Metadata
    """Title, authors, date, outlet, original URL."""
    summary: str
    """A short summary: the article's own lead sentences."""
    body: tuple[Paragraph, ...]
    """The cleaned full text: paragraphs and headings in order."""
    demands: tuple[Item, ...]
    """Demands, conditions and ultimatums put forward by actors in the article."""
    proposals: tuple[Item, ...]
    """Plans, proposals and recommendations, and who puts them forward."""
    links: tuple[Link, ...]
    """Every hyperlink of the source, in order."""
    related: tuple[str, ...] = ()
    """Titles from related-article lines of the source."""
    removed: tuple[str, ...] = ()
    """Source lines dropped as junk or moved into metadata."""
    topics: tuple[str, ...] = ()
    """Topic tags from the topic lexicon."""
    warnings: tuple[str, ...] = ()
    """Problems found while making the briefing (shown by `check`, counted by `build`)."""
    edits: tuple[str, ...] = ()
    """What a maintainer's sidecar changed, one phrase each (`date set`, `demand 2 dropped`)."""
    dated: tuple[DatedMention, ...] = ()
    """Every body sentence that mentions a date, once per date, in order; set when the
    briefing is finished (`briefing.finish_briefing`)."""

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.body if p.heading)

    @property
    def title_found(self) -> str | None:
        """The title the article gives, or None where it gives none and the seed's file
        name stands in for one on the pages."""
        stem = self.source.rsplit("/", 1)[-1].removesuffix(".txt")
        stands_in = self.meta.title == stem and "title" not in self.meta.edited
        return None if stands_in else self.meta.title

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.body if not p.heading)
