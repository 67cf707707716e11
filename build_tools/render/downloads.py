"""Downloads for analysts: the corpus in, data files and the page describing them out.

- `briefings.json`: every briefing record (the `extract` shape), newest first, with its JSON
  Schema `briefings.schema.json` beside it;
- `demands.csv`, `proposals.csv`, `links.csv`: one row per item or link, UTF-8, header row;
- `feed.xml`: an Atom feed of the latest dated briefings.

Everything is a pure function of the briefings, never of the clock, so two builds of the same
seeds give the same bytes. The files are entries of the same path -> content mapping as the
pages; MkDocs copies them as static files.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from build_tools.briefing import briefing_to_dict
from build_tools.errors import BriefingError
from build_tools.records import Briefing, Item
from build_tools.render.tables import card_table
from build_tools.render.views.briefing_list import by_date
from build_tools.render.views.paths import DOWNLOADS, count, relative
from build_tools.render.views.sources import link_domain

SCHEMA_SOURCE = Path(__file__).resolve().parent.parent / "schema" / "briefings.schema.json"
JSON_FILE = "downloads/briefings.json"
SCHEMA_FILE = "downloads/briefings.schema.json"
DEMANDS_CSV = "downloads/demands.csv"
PROPOSALS_CSV = "downloads/proposals.csv"
LINKS_CSV = "downloads/links.csv"
FEED_FILE = "downloads/feed.xml"

FEED_TITLE = "Negotiation briefings"
FEED_SIZE = 50
"""Entries in the feed: the latest dated briefings (a feed is for news, not an archive)."""
NO_DATE = "1970-01-01T00:00:00Z"
"""The feed's `updated` when no briefing has a date (fixed, so builds stay reproducible)."""

DEMAND_COLUMNS = ["briefing", "title", "date", "actor", "party_kind", "mention", "topics", "text",
                  "evidence", "paragraph", "source"]  # fmt: skip
PROPOSAL_COLUMNS = ["briefing", "title", "date", "proposer", "party_kind", "stance", "mention",
                    "topics", "text", "evidence", "paragraph", "source"]  # fmt: skip
LINK_COLUMNS = ["briefing", "title", "date", "position", "kind", "text", "href", "placeholder",
                "domain", "paragraph", "context", "source"]  # fmt: skip

# Characters XML 1.0 forbids; a scrape can carry them (form feeds, stray control bytes).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A spreadsheet runs a cell starting with these as a formula; such cells get a leading '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def download_files(
    briefings: tuple[Briefing, ...],
    site_url: str | None = None,
    made: Mapping[str, BriefingRows] | None = None,
    feed_title: str = FEED_TITLE,
) -> dict[str, str | bytes]:
    """Every download and the downloads page, keyed by path under the docs folder. The
    JSON and CSV files, the large ones, are UTF-8 bytes (as a Python string, one curly quote
    makes a file take two bytes a character in memory); the others are text.

    `made` (slug -> `briefing_rows`) gives each briefing's share of the files made before,
    as the cache keeps it; a briefing missing from it is written out now.
    """
    ordered = by_date(briefings)
    rows = [_rows_of(b, made) for b in ordered]
    return {
        DOWNLOADS: render_downloads_page(briefings),
        JSON_FILE: _json_array([r.record for r in rows]),
        SCHEMA_FILE: schema_text(),
        DEMANDS_CSV: _csv_file(DEMAND_COLUMNS, [r.demands for r in rows]),
        PROPOSALS_CSV: _csv_file(PROPOSAL_COLUMNS, [r.proposals for r in rows]),
        LINKS_CSV: _csv_file(LINK_COLUMNS, [r.links for r in rows]),
        FEED_FILE: atom_feed(ordered, site_url, feed_title),
    }


@dataclass(frozen=True, slots=True)
class BriefingRows:
    """One briefing's share of the data files: a function of that briefing alone. Kept as
    UTF-8 (a Python string with one curly quote takes two bytes a character), as thousands
    of them wait in memory until the files are put together."""

    record: bytes
    """Its record in `briefings.json`, on one line."""
    demands: bytes
    """Its rows of `demands.csv`."""
    proposals: bytes
    """Its rows of `proposals.csv`."""
    links: bytes
    """Its rows of `links.csv`."""


def briefing_rows(b: Briefing) -> BriefingRows:
    """A briefing's line of `briefings.json` and its rows of the CSV files."""
    return BriefingRows(
        record=record_line(b).encode(),
        demands=_csv_rows(DEMAND_COLUMNS, [_item_row(b, i) for i in b.demands]).encode(),
        proposals=_csv_rows(PROPOSAL_COLUMNS, [_item_row(b, i) for i in b.proposals]).encode(),
        links=_csv_rows(LINK_COLUMNS, _link_rows(b)).encode(),
    )


def _rows_of(b: Briefing, made: Mapping[str, BriefingRows] | None) -> BriefingRows:
    found = made.get(b.slug) if made is not None else None
    return found if found is not None else briefing_rows(b)


def briefings_json(ordered: list[Briefing]) -> str:
    """All briefing records as one JSON array."""
    return _json_array([record_line(b).encode() for b in ordered]).decode()


def record_line(b: Briefing) -> str:
    """A briefing's record as compact JSON on one line."""
    # Written by json's C encoder: an `indent` makes it use the pure-Python one, about five
    # times slower on thousands of briefings.
    return json.dumps(briefing_to_dict(b), ensure_ascii=False, separators=(",", ":"))


def _json_array(lines: list[bytes]) -> bytes:
    # One record per line: compact, and a diff of two builds shows which records changed.
    if not lines:
        return b"[]\n"
    # Copied once: the file is megabytes long.
    parts = [b"[\n"]
    for line in lines:
        parts += (line, b",\n")
    parts[-1] = b"\n]\n"
    return b"".join(parts)


def schema_text() -> str:
    """The JSON Schema of `briefings.json`, as shipped in the package."""
    try:
        return SCHEMA_SOURCE.read_text(encoding="utf-8")
    except OSError as exc:
        raise BriefingError(
            str(SCHEMA_SOURCE), f"cannot read the schema ({exc.strerror})"
        ) from None


def items_csv(ordered: list[Briefing], kind: str) -> str:
    """`demands.csv` (kind `demand`) or `proposals.csv` (kind `proposal`)."""
    columns = DEMAND_COLUMNS if kind == "demand" else PROPOSAL_COLUMNS
    rows = []
    for b in ordered:
        for item in b.demands if kind == "demand" else b.proposals:
            rows.append(_item_row(b, item))
    return _csv_header(columns) + _csv_rows(columns, rows)


def _item_row(b: Briefing, item: Item) -> dict[str, str]:
    return {
        "briefing": b.slug,
        "title": b.meta.title,
        "date": b.meta.date or "",
        "actor": item.actor,
        "proposer": item.actor,
        "stance": item.stance or "",
        "mention": item.mention,
        "party_kind": item.party_kind,
        "topics": "; ".join(item.topics),
        "text": item.text,
        "evidence": item.evidence,
        "paragraph": item.paragraph,
        "source": b.source,
    }


def links_csv(ordered: list[Briefing]) -> str:
    """`links.csv`: every hyperlink of every briefing, in source order."""
    return _csv_header(LINK_COLUMNS) + "".join(
        _csv_rows(LINK_COLUMNS, _link_rows(b)) for b in ordered
    )


def _link_rows(b: Briefing) -> list[dict[str, str]]:
    return [
        {
            "briefing": b.slug,
            "title": b.meta.title,
            "date": b.meta.date or "",
            "position": str(n),
            "kind": lk.kind,
            "text": lk.text,
            "href": lk.href,
            "placeholder": "true" if lk.placeholder else "false",
            "domain": (None if lk.placeholder else link_domain(lk.href)) or "",
            "paragraph": lk.paragraph or "",
            "context": lk.context,
            "source": b.source,
        }
        for n, lk in enumerate(b.links, 1)
    ]


def _csv_file(columns: list[str], rows: list[bytes]) -> bytes:
    return _csv_header(columns).encode() + b"".join(rows)


def _csv_header(columns: list[str]) -> str:
    return _csv_rows(columns, [dict(zip(columns, columns, strict=True))])


def _csv_rows(columns: list[str], rows: Iterable[dict[str, str]]) -> str:
    """CSV lines of `rows` (no header): the lines of a whole file are those of its parts."""
    out = io.StringIO()
    csv.writer(out).writerows([_spreadsheet_safe(row[c]) for c in columns] for row in rows)
    return out.getvalue()


def _spreadsheet_safe(value: str) -> str:
    return "'" + value if value[:1] in _FORMULA_START else value


def atom_feed(ordered: list[Briefing], site_url: str | None, title: str = FEED_TITLE) -> str:
    """An Atom feed (RFC 4287) of the latest `FEED_SIZE` dated briefings, named `title`.

    Undated briefings are left out: an entry needs a date, and none is guessed. Links are
    absolute when the site's address is known, else relative to the feed.
    """
    dated = [b for b in ordered if b.meta.date][:FEED_SIZE]
    base = site_url.rstrip("/") + "/" if site_url else None
    updated = _timestamp(dated[0].meta.date) if dated else NO_DATE
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{_xml(title)}</title>",
        f"  <id>{_urn(base or '', 'feed')}</id>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{_xml(title)}</name></author>",
        f'  <link rel="alternate" type="text/html" href={_quoteattr(base or "../")}/>',
    ]
    if base:
        lines.append(f'  <link rel="self" href={_quoteattr(base + FEED_FILE)}/>')
    for b in dated:
        lines += _entry(b, base)
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _entry(b: Briefing, base: str | None) -> list[str]:
    href = f"{base}briefings/{b.slug}/" if base else f"../briefings/{b.slug}/"
    lines = [
        "  <entry>",
        f"    <title>{_xml(b.meta.title)}</title>",
        f"    <id>{_urn(base or '', b.source)}</id>",
        f"    <updated>{_timestamp(b.meta.date)}</updated>",
        f"    <published>{_timestamp(b.meta.date)}</published>",
        f'    <link rel="alternate" type="text/html" href={_quoteattr(href)}/>',
    ]
    lines += [f"    <author><name>{_xml(name)}</name></author>" for name in b.meta.authors]
    lines += [f"    <category term={_quoteattr(_clean(t))}/>" for t in b.topics]
    if b.summary:
        lines.append(f"    <summary>{_xml(b.summary)}</summary>")
    lines.append("  </entry>")
    return lines


def _timestamp(date: str | None) -> str:
    return f"{date}T00:00:00Z" if date else NO_DATE


def _urn(base: str, name: str) -> str:
    # A stable id per briefing: the seed file name (and the site's address when known) hashed
    # into a name-based UUID, so an entry keeps its id when its title or slug changes.
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, base + 'briefings/' + name)}"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _xml(text: str) -> str:
    return _escape(_clean(text))


# `xml.sax.saxutils.escape` and `quoteattr`, written out: that module imports
# `urllib.request` (and with it `http`, `ssl` and `email`), a tenth of the start of a
# rebuild that has one page to make (`tests/test_startup.py` compares them).
def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _quoteattr(text: str) -> str:
    data = _escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    quoted = data.replace('"', "&quot;")
    return f'"{quoted}"'


def render_downloads_page(briefings: tuple[Briefing, ...]) -> str:
    """The downloads page: what each file holds, with links."""

    def file_link(path: str) -> str:
        name = path.rsplit("/", 1)[1]
        return f"[`{name}`]({relative(DOWNLOADS, path)})"

    demands = sum(len(b.demands) for b in briefings)
    proposals = sum(len(b.proposals) for b in briefings)
    links = sum(len(b.links) for b in briefings)
    dated = sum(1 for b in briefings if b.meta.date)
    lines = [
        "# Downloads",
        "",
        "The data behind the site, for analysis in a spreadsheet or a script. Files are "
        "UTF-8; CSV files have a header row. A cell that would start with `=`, `+`, `-` or "
        "`@` gets a leading `'` so that a spreadsheet does not run it as a formula.",
        "",
        *card_table(
            ["File", "What it holds"],
            [
                [
                    file_link(JSON_FILE),
                    f"all {count(len(briefings), 'briefing record')}, newest first, each as "
                    "printed by `python -m build_tools extract`",
                ],
                [file_link(SCHEMA_FILE), "the JSON Schema of `briefings.json`"],
                [file_link(DEMANDS_CSV), f"{count(demands, 'demand')}: {_columns(DEMAND_COLUMNS)}"],
                [
                    file_link(PROPOSALS_CSV),
                    f"{count(proposals, 'proposal')}: {_columns(PROPOSAL_COLUMNS)}",
                ],
                [file_link(LINKS_CSV), f"{count(links, 'link')}: {_columns(LINK_COLUMNS)}"],
                [file_link(FEED_FILE), _feed_note(min(dated, FEED_SIZE))],
            ],
        ),
        "`briefing` is the slug of the briefing page (`briefings/SLUG/`), `paragraph` the "
        "anchor of the paragraph an item or link comes from on that page (`#p-3`), `party_kind` "
        "the kind of party (`state`, `alliance`, `organisation`, `group` for a name outside "
        "the actor list, `author` for the article's author), `topics` "
        "the topics an item's own words name, most mentioned first (else the one its "
        "sentence, or its paragraph, names most), separated by `; `. "
        "An empty date means the article gives none.",
        "",
    ]
    return "\n".join(lines)


def _feed_note(n: int) -> str:
    """What the feed holds, in words that fit the number."""
    if n == 0:
        return "Atom feed; no briefing gives a date yet"
    if n == 1:
        return "Atom feed of the one dated briefing"
    return f"Atom feed of the latest {n} dated briefings"


def _columns(columns: list[str]) -> str:
    return ", ".join(f"`{c}`" for c in columns)
