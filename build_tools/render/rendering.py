"""Rendering: a `Briefing` in, the Markdown of its page out.

The page reads top to bottom as a reader scans it: metadata, summary, key demands (who
demands what), proposals (who proposes what), links, related reading, then the cleaned full
text with a stable anchor on every paragraph. Every demand and proposal links to the
paragraph it comes from and shows its source sentence in a collapsible quote.
All seed text goes through `markdown_text` so that it renders as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from build_tools.records import Briefing, Item, Link, Paragraph
from build_tools.render.markdown_text import (
    escape,
    html_text,
    link,
    safe_href,
    table_cell,
    yaml_string,
)

LOST_TARGET = "target not preserved in the source"
UNSAFE_TARGET = "target not linked (not a web address)"
EDITED = "edited by hand"
BRIEFINGS_DIR = "briefings"


def briefing_path(b: Briefing) -> str:
    """The page's path under the docs folder, e.g. `briefings/how-the-west.md`."""
    return f"{BRIEFINGS_DIR}/{b.slug}.md"


def render_briefing(b: Briefing) -> str:
    """The whole Markdown page of one briefing."""
    parts = [
        _front_matter(b),
        f"# {escape(b.meta.title)}\n",
        _metadata_block(b),
        _summary_block(b),
        _items_section("Key demands", "demand", b.demands),
        _items_section("Proposals", "proposal", b.proposals),
        _links_section(b.links),
        _related_section(b),
        _full_text(b.body),
    ]
    return "\n".join(p for p in parts if p)


def _front_matter(b: Briefing) -> str:
    lines = ["---", f"title: {yaml_string(html_text(b.meta.title))}"]
    if b.summary:
        lines.append(f"description: {yaml_string(html_text(b.summary[:300]))}")
    if b.topics:
        lines.append("tags:")
        lines.extend(f"  - {yaml_string(t)}" for t in b.topics)
    lines.append("---\n")
    return "\n".join(lines)


def _metadata_block(b: Briefing) -> str:
    m = b.meta
    rows = [
        ("Author", ", ".join(m.authors) if m.authors else "not given", "authors"),
        ("Date", m.date or "not given", "date"),
        ("Publication", m.publication or "not given", "publication"),
    ]
    lines = ['<div class="briefing-meta" markdown>', ""]
    for label, value, field in rows:
        lines.append(f"**{label}:** {escape(value)}{_edited_note(field in m.edited)}  ")
    url_note = _edited_note("url" in m.edited)
    if m.url and safe_href(m.url):
        lines.append(f"**Original:** {link(m.url, m.url)}{url_note}  ")
    else:
        lines.append(f"**Original:** address not given{url_note}  ")
    if b.edits:
        lines.append(f"**Edited by hand:** {escape('; '.join(b.edits))}  ")
    # One line, whatever the file name holds: a blank line in it would end the code span's
    # paragraph and let the rest through as raw HTML (a name may hold newlines).
    source = " ".join(b.source.replace("`", "").split())
    lines.append(f"**Source file:** `{source}`")
    if m.bio:
        lines += ["", f"*{escape(m.bio)}*"]
    lines += ["", "</div>", ""]
    return "\n".join(lines)


def _edited_note(edited: bool) -> str:
    return f" *({EDITED})*" if edited else ""


def _summary_block(b: Briefing) -> str:
    if not b.summary:
        return ""
    return f'!!! abstract "Summary"\n\n    {escape(b.summary)}\n'


def _items_section(title: str, kind: str, items: tuple[Item, ...]) -> str:
    lines = [f"## {title}\n"]
    if not items:
        lines.append(f"*No {kind}s found in this article.*\n")
        return "\n".join(lines)
    for party, group in _by_party(items):
        lines.append(f"### {escape(party_label(party))}\n")
        for item in group:
            lines.extend(_item_lines(item))
        lines.append("")
    return "\n".join(lines)


def party_label(party: str) -> str:
    """How a party is named on pages: the article's own author is "The author"."""
    return "The author" if party == "author" else party


def _by_party(items: Iterable[Item]) -> list[tuple[str, list[Item]]]:
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(item.actor, []).append(item)
    return list(groups.items())


def _item_lines(item: Item) -> list[str]:
    notes: list[str] = []
    if item.stance:
        notes.append(item.stance)
    if item.edited:
        notes.append(EDITED)
    note = f" *({', '.join(notes)})*" if notes else ""
    where = paragraph_link(item.paragraph)
    return [
        f"- **{escape(item.text)}**{note} — {where}",
        "",
        '    ??? quote "Source sentence"',
        "",
        f"        {escape(item.evidence)}",
        "",
    ]


def _links_section(links: tuple[Link, ...]) -> str:
    lines = ["## Links\n"]
    if not links:
        lines.append("*The source keeps no hyperlinks.*\n")
        return "\n".join(lines)
    lost = sum(1 for lk in links if lk.placeholder)
    if lost:
        lines.append(f"{lost} of {len(links)} link targets were not preserved in the source.\n")
    lines.append("| # | Anchor text | Target | Where | Sentence |")
    lines.append("|---|---|---|---|---|")
    for n, lk in enumerate(links, 1):
        where = paragraph_link(lk.paragraph) if lk.paragraph else lk.kind
        cells = [str(n), table_cell(lk.text), _target_cell(lk), where, table_cell(lk.context)]
        lines.append(f"| {' | '.join(cells)} |")
    lines.append("")
    return "\n".join(lines)


def paragraph_link(anchor: str, page: str = "") -> str:
    """A link to a paragraph anchor (`p-3` -> `[¶ 3](#p-3)`), on this page or on `page`."""
    return f"[¶ {anchor.removeprefix('p-')}]({page}#{anchor})"


def _target_cell(lk: Link) -> str:
    if lk.placeholder:
        return f"*{LOST_TARGET}*"
    if safe_href(lk.href) is None:
        return f"*{UNSAFE_TARGET}*"
    return link(lk.href, lk.href) + _edited_note(lk.edited)


def _related_section(b: Briefing) -> str:
    if not b.related:
        return ""
    targets = {lk.text: lk.href for lk in b.links if lk.kind == "related" and not lk.placeholder}
    lines = ["## Related reading\n"]
    for title in b.related:
        href = targets.get(title)
        lines.append(f"- {link(title, href) if href else escape(title)}")
    lines.append("")
    return "\n".join(lines)


def _full_text(body: tuple[Paragraph, ...]) -> str:
    lines = ["## Full text\n"]
    for p in body:
        if p.heading:
            level = min(6, max(3, p.level + 1))
            lines.append(f"{'#' * level} {escape(p.text)} {{ #{p.anchor} }}\n")
        else:
            note = f" *({EDITED})*" if p.edited else ""
            lines.append(f"{paragraph_markdown(p)}{note}\n{{: #{p.anchor} }}\n")
    return "\n".join(lines)


def paragraph_markdown(p: Paragraph) -> str:
    """A body paragraph as Markdown, its hyperlinks kept where the target is safe."""
    out = []
    pos = 0
    for lk in p.links:
        if lk.start < pos:
            continue
        out.append(escape_keep_space(p.text[pos : lk.start]))
        out.append(link(p.text[lk.start : lk.end], lk.href))
        pos = lk.end
    out.append(escape_keep_space(p.text[pos:]))
    return "".join(out).strip()


def escape_keep_space(text: str) -> str:
    """`escape`, keeping the leading and trailing space that separates it from a link."""
    if not text:
        return ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() and len(text.strip()) else ""
    inner = escape(text)
    return f"{lead}{inner}{trail}" if inner else " "
