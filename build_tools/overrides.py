"""Overrides: a seed's sidecar `seeds/NAME.yml` in, the maintainer's corrections applied.

A sidecar corrects what the extraction got wrong without touching code: metadata fields,
demands and proposals (drop, edit, add), lost link targets, and source lines the cleaner
kept or dropped wrongly. It is read in three steps, each with errors that name the file and
the sidecar line: `read_sidecar` parses the YAML safely (no aliases, no tabs in indentation,
no duplicate keys), `parse_sidecar` checks it against the schema below and makes a `Sidecar`
record, and `apply_sidecar` applies it to the briefing the pipeline made, where a reference
to an item, link or line that does not exist is an error too.

References are stable keys: a number is the 1-based position of an item or link as the
briefing lists it (or a source line number, for `lines`); a string is its text (an item's
text, a link's anchor text, the start of a source line's text). The README's "Overriding an
extraction" section shows a full example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from build_tools.briefing import assemble_briefing, finish_briefing, slugify
from build_tools.clean.cleaning import clean, cleaned_from_blocks
from build_tools.errors import BriefingError
from build_tools.extract.links import is_placeholder
from build_tools.extract.sentences import sentence_spans
from build_tools.read.reading import read_input
from build_tools.records import (
    Block,
    BlockKind,
    Briefing,
    Item,
    ItemKind,
    Link,
    Metadata,
    Paragraph,
    Source,
    Stance,
)
from build_tools.render.markdown_text import safe_href

SIDECAR_SUFFIX = ".yml"
MAX_SIDECAR_BYTES = 1_000_000
MAX_DEPTH = 20
STANCES: tuple[Stance, ...] = ("endorsed", "criticised", "reported")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SPACE = re.compile(r"\s+")
# Lone surrogates, controls and the bidirectional embeddings, overrides and isolates.
_NOT_TEXT = re.compile("[\ud800-\udfff\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The party key of each item kind, as in the JSON record (`actor` / `proposer`).
PARTY_KEY: dict[ItemKind, str] = {"demand": "actor", "proposal": "proposer"}
SECTION: dict[ItemKind, str] = {"demand": "demands", "proposal": "proposals"}

LineKind = Literal["junk", "body"]


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to an existing item, link or source line."""

    key: int | str
    """1-based position (or source line number), or text."""
    line: int
    """Sidecar line of the reference, for messages."""


@dataclass(frozen=True, slots=True)
class ItemChange:
    """One demand or proposal to edit (`target` given) or to add (`target` None)."""

    target: Ref | None
    """The existing item to edit; None to add a new one."""
    line: int
    """Sidecar line of the entry."""
    party: str | None = None
    """New party (`actor` / `proposer`), or None to keep it."""
    text: str | None = None
    """New item text, or None to keep it."""
    evidence: str | None = None
    """New source sentence, or None to keep it (or, when adding, to take it from the body)."""
    paragraph: str | None = None
    """Anchor of the paragraph the item comes from (`p-3`), or None to keep it."""
    stance: Stance | None = None
    """New stance of a proposal, when `set_stance`."""
    set_stance: bool = False
    """True when the entry gives `stance` (null clears it)."""


@dataclass(frozen=True, slots=True)
class ItemOverrides:
    """The changes to one item list (demands or proposals)."""

    drop: tuple[Ref, ...] = ()
    """Items to remove."""
    edit: tuple[ItemChange, ...] = ()
    """Items to change."""
    add: tuple[ItemChange, ...] = ()
    """Items to add, in order, after the extracted ones."""


@dataclass(frozen=True, slots=True)
class LinkFix:
    """A link given its real target."""

    target: Ref
    """The link, by position in the Links table or anchor text."""
    href: str
    """Its real target, an http(s) or mailto address."""


@dataclass(frozen=True, slots=True)
class LineMark:
    """A source line the cleaner judged wrongly."""

    target: Ref
    """The line, by source line number or by the start of its text."""
    kind: LineKind
    """`junk`: drop it from the body; `body`: keep it in the body."""


@dataclass(frozen=True, slots=True)
class MetaChange:
    """A metadata field set by the maintainer."""

    field: str
    """`title`, `authors`, `date`, `publication` or `url`."""
    value: str | tuple[str, ...] | None
    """The new value (None clears an optional field)."""


@dataclass(frozen=True, slots=True)
class Sidecar:
    """A parsed, schema-checked sidecar."""

    path: str
    """The sidecar file, for messages."""
    meta: tuple[MetaChange, ...] = ()
    demands: ItemOverrides = ItemOverrides()
    proposals: ItemOverrides = ItemOverrides()
    links: tuple[LinkFix, ...] = ()
    lines: tuple[LineMark, ...] = ()


def sidecar_path(seed: Path) -> Path:
    """Where the sidecar of a seed file lives: `seeds/NAME.yml` beside `seeds/NAME.txt`."""
    return seed.with_suffix(SIDECAR_SUFFIX)


def load_sidecar(path: Path) -> Sidecar:
    """Read, parse and check a sidecar file."""
    return parse_sidecar(read_sidecar(path), str(path))


def load_sidecar_data(data: bytes, where: str) -> Sidecar:
    """Parse and check a sidecar's bytes, read already; `where` names the file."""
    return parse_sidecar(sidecar_node(data, where), where)


# --- reading: safe YAML to a node tree ------------------------------------------------------


class _SidecarLoader(yaml.SafeLoader):
    """The safe loader, refusing aliases (a "billion laughs" bomb needs them) and deep nests."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise _Refused("aliases (*name) are not allowed in a sidecar; repeat the value", mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise _Refused(f"nested more than {MAX_DEPTH} levels deep", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Refused(Exception):
    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1


def read_sidecar(path: Path) -> Node | None:
    """The YAML node tree of a sidecar file (None for an empty file)."""
    return sidecar_node(read_input(path), str(path))


def sidecar_node(data: bytes, where: str) -> Node | None:
    """The YAML node tree of a sidecar's bytes (None for an empty file)."""
    if len(data) > MAX_SIDECAR_BYTES:
        raise BriefingError(where, f"sidecar larger than {MAX_SIDECAR_BYTES} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BriefingError(where, f"not UTF-8 text (byte {exc.start})") from None
    return parse_yaml(text, where)


def parse_yaml(text: str, where: str) -> Node | None:
    """The node tree of YAML `text`; `where` names the file in errors."""
    for number, source_line in enumerate(text.split("\n"), 1):
        indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
        if "\t" in indent:
            raise BriefingError(where, "tab in indentation; indent with spaces", number)
    try:
        return yaml.compose(text, Loader=_SidecarLoader)
    except _Refused as exc:
        raise BriefingError(where, exc.message, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "not valid YAML"
        raise BriefingError(where, f"not valid YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise BriefingError(where, f"not valid YAML: {exc}") from None


# --- parsing: node tree to a `Sidecar`, checked against the schema --------------------------


class _Checker:
    """Reads typed values out of YAML nodes; every error names the file and the node's line."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, node: Node, message: str) -> BriefingError:
        return BriefingError(self.where, message, node.start_mark.line + 1)

    def mapping(self, node: Node, what: str, keys: tuple[str, ...]) -> dict[str, Node]:
        """A mapping whose keys are all in `keys`, without duplicates."""
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{what} must be a mapping ({', '.join(keys)})")
        out: dict[str, Node] = {}
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key not in keys:
                raise self.fail(
                    key_node, f"unknown key {key!r} in {what}; expected one of: {', '.join(keys)}"
                )
            if key in out:
                raise self.fail(key_node, f"duplicate key {key!r} in {what}")
            out[key] = value
        return out

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} must be a list (`- ...` lines)")
        return list(node.value)

    def is_null(self, node: Node) -> bool:
        return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"

    def text(self, node: Node, what: str) -> str:
        """A non-empty string; numbers and dates are taken as written."""
        if not isinstance(node, ScalarNode) or self.is_null(node):
            raise self.fail(node, f"{what} must be text")
        value = _SPACE.sub(" ", str(node.value)).strip()
        if not value:
            raise self.fail(node, f"{what} must not be empty")
        bad = _NOT_TEXT.search(value)
        if bad:
            # A YAML escape can write what no text holds: a lone surrogate (`\ud800`) cannot
            # be written to a page at all, a control or bidi override character is invisible.
            code = f"U+{ord(bad.group()):04X}"
            raise self.fail(node, f"{what} holds {code}, which is not a printable character")
        return value

    def optional_text(self, node: Node, what: str) -> str | None:
        return None if self.is_null(node) else self.text(node, what)

    def ref(self, node: Node, what: str) -> Ref:
        """A position (a whole number from 1) or a text."""
        line = node.start_mark.line + 1
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:int":
            # Plain digits only: YAML 1.1 also reads `010` (octal), `0x1f`, `+3` and `1_000`
            # as numbers, and `010` must not quietly become 10 (or 8).
            if not re.fullmatch(r"[1-9][0-9]*", node.value):
                raise self.fail(
                    node,
                    f"{what} must be a number from 1 written without a sign or leading zeros, "
                    f"or a text in quotes (got {node.value})",
                )
            return Ref(int(node.value), line)
        return Ref(self.text(node, what), line)

    def date(self, node: Node) -> str | None:
        if self.is_null(node):
            return None
        value = self.text(node, "date")
        if not _DATE.match(value):
            raise self.fail(node, f"date must be YYYY-MM-DD, e.g. 2021-12-08 (got {value!r})")
        try:
            date.fromisoformat(value)
        except ValueError:
            raise self.fail(node, f"date {value!r} is not a real day of the calendar") from None
        return value

    def url(self, node: Node, what: str) -> str | None:
        if self.is_null(node):
            return None
        value = self.text(node, what)
        if safe_href(value) is None:
            raise self.fail(node, f"{what} must be an http(s) or mailto address (got {value!r})")
        return value


_TOP_KEYS = (
    "title",
    "authors",
    "date",
    "publication",
    "url",
    "demands",
    "proposals",
    "links",
    "lines",
)
_ITEM_LIST_KEYS = ("drop", "edit", "add")
_LINE_KEYS: tuple[LineKind, ...] = ("junk", "body")


def parse_sidecar(root: Node | None, where: str) -> Sidecar:
    """The `Sidecar` record of a node tree, checked against the schema."""
    if root is None:
        return Sidecar(path=where)
    c = _Checker(where)
    top = c.mapping(root, "the sidecar", _TOP_KEYS)
    return Sidecar(
        path=where,
        meta=_meta_changes(c, top),
        demands=_item_overrides(c, top.get("demands"), "demand"),
        proposals=_item_overrides(c, top.get("proposals"), "proposal"),
        links=_link_fixes(c, top.get("links")),
        lines=_line_marks(c, top.get("lines")),
    )


def _meta_changes(c: _Checker, top: dict[str, Node]) -> tuple[MetaChange, ...]:
    changes = []
    if "title" in top:
        changes.append(MetaChange("title", c.text(top["title"], "title")))
    if "authors" in top:
        node = top["authors"]
        names = (
            ()
            if c.is_null(node)
            else tuple(c.text(n, "an author") for n in c.sequence(node, "authors"))
        )
        changes.append(MetaChange("authors", names))
    if "date" in top:
        changes.append(MetaChange("date", c.date(top["date"])))
    if "publication" in top:
        changes.append(
            MetaChange("publication", c.optional_text(top["publication"], "publication"))
        )
    if "url" in top:
        changes.append(MetaChange("url", c.url(top["url"], "url")))
    return tuple(changes)


def _item_overrides(c: _Checker, node: Node | None, kind: ItemKind) -> ItemOverrides:
    if node is None or c.is_null(node):
        return ItemOverrides()
    section = SECTION[kind]
    parts = c.mapping(node, section, _ITEM_LIST_KEYS)
    drop = tuple(
        c.ref(n, f"an entry of {section}.drop") for n in _entries(c, parts, "drop", section)
    )
    edit = tuple(
        _item_change(c, n, kind, adding=False) for n in _entries(c, parts, "edit", section)
    )
    add = tuple(_item_change(c, n, kind, adding=True) for n in _entries(c, parts, "add", section))
    return ItemOverrides(drop=drop, edit=edit, add=add)


def _entries(c: _Checker, parts: dict[str, Node], key: str, section: str) -> list[Node]:
    node = parts.get(key)
    if node is None or c.is_null(node):
        return []
    return c.sequence(node, f"{section}.{key}")


def _item_change(c: _Checker, node: Node, kind: ItemKind, adding: bool) -> ItemChange:
    section = SECTION[kind]
    party = PARTY_KEY[kind]
    fields: tuple[str, ...] = (party, "text", "evidence", "paragraph")
    if kind == "proposal":
        fields += ("stance",)
    what = f"an entry of {section}.{'add' if adding else 'edit'}"
    keys = fields if adding else ("item", *fields)
    entry = c.mapping(node, what, keys)
    required = (party, "text", "paragraph") if adding else ("item",)
    for key in required:
        if key not in entry:
            raise c.fail(node, f"{what} needs '{key}'")
    stance: Stance | None = None
    if "stance" in entry and not c.is_null(entry["stance"]):
        value = c.text(entry["stance"], "stance")
        if value not in STANCES:
            raise c.fail(entry["stance"], f"stance must be one of: {', '.join(STANCES)}")
        stance = next(s for s in STANCES if s == value)

    def get(key: str) -> str | None:
        return c.text(entry[key], key) if key in entry else None

    return ItemChange(
        target=None if adding else c.ref(entry["item"], "item"),
        line=node.start_mark.line + 1,
        party=get(party),
        text=get("text"),
        evidence=get("evidence"),
        paragraph=get("paragraph"),
        stance=stance,
        set_stance="stance" in entry,
    )


def _link_fixes(c: _Checker, node: Node | None) -> tuple[LinkFix, ...]:
    if node is None or c.is_null(node):
        return ()
    fixes = []
    for entry_node in c.sequence(node, "links"):
        entry = c.mapping(entry_node, "an entry of links", ("link", "href"))
        for key in ("link", "href"):
            if key not in entry:
                raise c.fail(entry_node, f"an entry of links needs '{key}'")
        href = c.url(entry["href"], "href")
        if href is None:
            raise c.fail(entry["href"], "href must be an http(s) or mailto address")
        fixes.append(LinkFix(target=c.ref(entry["link"], "link"), href=href))
    return tuple(fixes)


def _line_marks(c: _Checker, node: Node | None) -> tuple[LineMark, ...]:
    if node is None or c.is_null(node):
        return ()
    parts = c.mapping(node, "lines", _LINE_KEYS)
    marks = []
    for kind in _LINE_KEYS:
        for n in _entries(c, parts, kind, "lines"):
            marks.append(LineMark(target=c.ref(n, f"an entry of lines.{kind}"), kind=kind))
    return tuple(marks)


# --- applying: a `Sidecar` on a `Briefing` --------------------------------------------------

_BODY_KINDS = ("paragraph", "heading")


def apply_sidecar(b: Briefing, source: Source, sidecar: Sidecar) -> Briefing:
    """`b` with the sidecar's corrections, in order: lines, metadata, links, items.

    Positions in the sidecar refer to what the page shows after the earlier steps: line
    marks change the body, so items and anchors are found again before items are edited.
    """
    edits: list[str] = []
    warnings: list[str] = []
    if sidecar.lines:
        b = _apply_lines(b, source, sidecar, edits, warnings)
    if sidecar.meta:
        b = _apply_meta(b, sidecar.meta, edits)
    if sidecar.links:
        b = _apply_links(b, sidecar, edits)
    anchors = {p.anchor for p in b.body}
    # Finished again: an edited or added item needs its topics and party kind.
    return finish_briefing(
        replace(
            b,
            demands=_apply_items(b, "demand", sidecar.demands, sidecar.path, anchors, edits),
            proposals=_apply_items(b, "proposal", sidecar.proposals, sidecar.path, anchors, edits),
            edits=b.edits + tuple(edits),
            warnings=b.warnings + tuple(warnings),
        )
    )


def _apply_lines(
    b: Briefing, source: Source, sidecar: Sidecar, edits: list[str], warnings: list[str]
) -> Briefing:
    """Re-run the body-dependent stages with the marked blocks' kinds forced."""
    blocks = list(clean(source).blocks)
    forced_body: list[Block] = []
    for mark in sidecar.lines:
        i = _find_block(blocks, mark, sidecar.path)
        block = blocks[i]
        in_body = block.kind in _BODY_KINDS
        if (mark.kind == "junk") != in_body:
            where = "in the body" if in_body else f"already dropped ({block.kind})"
            warnings.append(
                f"sidecar line {mark.target.line}: line {block.line} is {where}; "
                "the entry changes nothing"
            )
            continue
        if mark.kind == "junk":
            blocks[i] = replace(block, kind="junk", reason="marked junk in the sidecar")
            edits.append(f"line {block.line} marked as junk")
        else:
            kind: BlockKind = "heading" if block.level >= 2 else "paragraph"
            blocks[i] = replace(block, kind=kind, reason="marked body in the sidecar")
            forced_body.append(blocks[i])
            edits.append(f"line {block.line} put into the body")
    # The stages after cleaning run again on the forced kinds (so topics, metadata and
    # items see the corrected body); the slug stays the one the corpus gave.
    redone = assemble_briefing(source, cleaned_from_blocks(blocks))
    body = tuple(
        replace(p, edited=any(f.line >= p.line and f.text in p.text for f in forced_body))
        for p in redone.body
    )
    return replace(redone, slug=b.slug, body=body, edits=b.edits, warnings=b.warnings)


def _find_block(blocks: list[Block], mark: LineMark, where: str) -> int:
    """Index of the block a line mark names; prefers blocks the mark would change."""
    key = mark.target.key
    if isinstance(key, int):
        found = [i for i, blk in enumerate(blocks) if blk.line <= key <= _last_line(blk)]
        if not found:
            raise BriefingError(
                where, f"lines: the seed has no text on line {key}", mark.target.line
            )
        return found[0]
    wanted = _norm(key)
    found = [i for i, blk in enumerate(blocks) if _norm(blk.text).startswith(wanted)]
    if len(found) > 1:
        to_change = [i for i in found if (blocks[i].kind in _BODY_KINDS) == (mark.kind == "junk")]
        found = to_change or found
    if not found:
        raise BriefingError(where, f"lines: no source line starts with {key!r}", mark.target.line)
    if len(found) > 1:
        numbers = ", ".join(str(blocks[i].line) for i in found[:5])
        raise BriefingError(
            where,
            f"lines: {key!r} starts {len(found)} lines ({numbers}); give the line number instead",
            mark.target.line,
        )
    return found[0]


def _last_line(block: Block) -> int:
    return block.line + block.raw.count("\n")


def _apply_meta(b: Briefing, changes: tuple[MetaChange, ...], edits: list[str]) -> Briefing:
    meta: Metadata = b.meta
    for change in changes:
        meta = _with_field(meta, change)
        edits.append(f"{change.field} set")
    meta = replace(meta, edited=meta.edited + tuple(c.field for c in changes))
    slug = slugify(meta.title) or b.slug if meta.title != b.meta.title else b.slug
    return replace(b, meta=meta, slug=slug)


def _with_field(meta: Metadata, change: MetaChange) -> Metadata:
    value = change.value
    if isinstance(value, tuple):
        return replace(meta, authors=value)
    if change.field == "title":
        return replace(meta, title=value or meta.title)
    if change.field == "date":
        return replace(meta, date=value)
    if change.field == "publication":
        return replace(meta, publication=value)
    return replace(meta, url=value)


def _apply_links(b: Briefing, sidecar: Sidecar, edits: list[str]) -> Briefing:
    links = list(b.links)
    body = list(b.body)
    for fix in sidecar.links:
        i = _resolve(fix.target, [lk.text for lk in links], "link", sidecar.path)
        links[i] = replace(
            links[i], href=fix.href, placeholder=is_placeholder(fix.href), edited=True
        )
        body = _with_body_href(body, links, i)
        edits.append(f"link {i + 1} target given")
    return replace(b, links=tuple(links), body=tuple(body))


def _with_body_href(body: list[Paragraph], links: list[Link], i: int) -> list[Paragraph]:
    """The body with the in-text link of `links[i]` given its new target too.

    A paragraph's links are listed in text order, so the link is the paragraph's n-th, where
    n counts the listed links of that paragraph before it.
    """
    anchor = links[i].paragraph
    if anchor is None:
        return body
    n = sum(1 for lk in links[:i] if lk.paragraph == anchor)
    for k, p in enumerate(body):
        if p.anchor == anchor and n < len(p.links) and p.links[n].text == links[i].text:
            raws = list(p.links)
            raws[n] = replace(raws[n], href=links[i].href)
            body[k] = replace(p, links=tuple(raws))
    return body


def _apply_items(
    b: Briefing,
    kind: ItemKind,
    changes: ItemOverrides,
    where: str,
    anchors: set[str],
    edits: list[str],
) -> tuple[Item, ...]:
    items = list(b.demands if kind == "demand" else b.proposals)
    texts = [item.text for item in items]
    dropped = {_resolve(ref, texts, kind, where) for ref in changes.drop}
    for change in changes.edit:
        assert change.target is not None  # parse_sidecar gives every edit a target
        i = _resolve(change.target, texts, kind, where)
        if i in dropped:
            raise BriefingError(where, f"{kind} {i + 1} is both dropped and edited", change.line)
        items[i] = _edited(items[i], change, b, anchors, where)
        edits.append(f"{kind} {i + 1} edited")
    kept = [item for i, item in enumerate(items) if i not in dropped]
    edits.extend(f"{kind} {i + 1} dropped" for i in sorted(dropped))
    for change in changes.add:
        kept.append(_added(kind, change, b, anchors, where))
        edits.append(f"{kind} added")
    return tuple(kept)


def _edited(item: Item, change: ItemChange, b: Briefing, anchors: set[str], where: str) -> Item:
    paragraph = _checked_anchor(change, anchors, where) or item.paragraph
    evidence = change.evidence
    if evidence is None and change.paragraph is not None:
        evidence = _sentence_with(b, paragraph, change.text or item.text)
    return replace(
        item,
        actor=change.party or item.actor,
        text=change.text or item.text,
        evidence=evidence or item.evidence,
        paragraph=paragraph,
        stance=change.stance if change.set_stance else item.stance,
        edited=True,
    )


def _added(kind: ItemKind, change: ItemChange, b: Briefing, anchors: set[str], where: str) -> Item:
    paragraph = _checked_anchor(change, anchors, where)
    assert paragraph is not None and change.text is not None and change.party is not None
    return Item(
        kind=kind,
        actor=change.party,
        text=change.text,
        evidence=change.evidence or _sentence_with(b, paragraph, change.text),
        paragraph=paragraph,
        stance=change.stance,
        edited=True,
    )


def _checked_anchor(change: ItemChange, anchors: set[str], where: str) -> str | None:
    if change.paragraph is None or change.paragraph in anchors:
        return change.paragraph
    raise BriefingError(
        where,
        f"paragraph {change.paragraph!r} is not in the body (anchors look like p-3; "
        f"this body has p-1 to p-{sum(1 for a in anchors if a.startswith('p-'))})",
        change.line,
    )


def _sentence_with(b: Briefing, anchor: str, text: str) -> str:
    """The sentence of paragraph `anchor` that holds `text`, else the whole paragraph."""
    paragraph = next(p.text for p in b.body if p.anchor == anchor)
    at = _norm(paragraph).find(_norm(text))
    if at >= 0 and len(_norm(paragraph)) == len(paragraph):
        for start, end in sentence_spans(paragraph):
            if start <= at < end:
                return paragraph[start:end]
    return paragraph


def _resolve(ref: Ref, texts: list[str], what: str, where: str) -> int:
    """Index of the item or link `ref` names: a 1-based position, or its text (exact, else
    the start of it, case and spacing aside)."""
    if isinstance(ref.key, int):
        if ref.key > len(texts):
            raise BriefingError(
                where, f"there is no {what} {ref.key} (the briefing has {len(texts)})", ref.line
            )
        return ref.key - 1
    wanted = _norm(ref.key)
    found = [i for i, t in enumerate(texts) if _norm(t) == wanted]
    found = found or [i for i, t in enumerate(texts) if _norm(t).startswith(wanted)]
    if not found:
        raise BriefingError(where, f"no {what} has the text {ref.key!r}", ref.line)
    if len(found) > 1:
        numbers = ", ".join(str(i + 1) for i in found[:5])
        raise BriefingError(
            where, f"{len(found)} {what}s match {ref.key!r} ({numbers}); give the number", ref.line
        )
    return found[0]


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()
