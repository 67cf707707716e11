"""Rendering: a `Briefing` in, the Markdown of its page out.

The page reads top to bottom as a reader scans it: metadata, summary, key demands (who
demands what), proposals (who proposes what), links, the source site's related links, then
the cleaned full text with a stable anchor and a visible number on every paragraph. Every
demand and proposal links to the paragraph it comes from and shows its source sentence in a
collapsible quote. The article's author is a party named by the byline (`parties.py`).
Links are listed once per sentence, with that sentence; the links whose target the scrape
lost are named on one line, with the sidecar key that gives them one.
All seed text goes through `markdown_text` so that it renders as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from build_tools.records import Briefing, Item, Link, Metadata, Paragraph
from build_tools.render.markdown_text import (
    escape,
    html_text,
    link,
    safe_href,
    yaml_string,
)
from build_tools.render.parties import AUTHOR, author_slug, byline, party_name, stance_note

LOST_TARGET = "target not preserved in the source"
UNSAFE_TARGET = "target not linked (not a web address)"
EDITED = "edited by hand"
BRIEFINGS_DIR = "briefings"
DESCRIPTION = 300
"""Characters of the summary in the page's meta description, cut between words."""
LOST_NAME = 40
"""Characters of a lost link's anchor text named in the line that lists them."""


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
        _items_section(b, "Key demands", "demand", b.demands),
        _items_section(b, "Proposals", "proposal", b.proposals),
        _links_section(b),
        _related_section(b),
        _full_text(b.body),
    ]
    return "\n".join(p for p in parts if p)


def _front_matter(b: Briefing) -> str:
    lines = ["---", f"title: {yaml_string(html_text(b.meta.title))}"]
    if b.summary:
        lines.append(f"description: {yaml_string(html_text(shorten(b.summary, DESCRIPTION)))}")
    if b.topics:
        lines.append("tags:")
        lines.extend(f"  - {yaml_string(t)}" for t in b.topics)
    lines.append("---\n")
    return "\n".join(lines)


def _metadata_block(b: Briefing) -> str:
    m = b.meta
    rows = [
        ("Date", m.date or "not given", "date"),
        ("Publication", m.publication or "not given", "publication"),
    ]
    lines = ['<div class="briefing-meta" markdown>', ""]
    lines.append(f"**Author:** {_author_line(m)}{_edited_note('authors' in m.edited)}  ")
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


def _author_line(m: Metadata) -> str:
    """The byline, linked to the author's page (their briefings, demands and proposals)."""
    if not m.authors:
        return "not given"
    party = byline(m)
    return f"[{escape(party)}]({author_href(party)})"


def author_href(party: str) -> str:
    """The link from a briefing page to the page of an author party."""
    return f"../actors/{author_slug(party)}.md"


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def _edited_note(edited: bool) -> str:
    return f" *({EDITED})*" if edited else ""


def _summary_block(b: Briefing) -> str:
    if not b.summary:
        return ""
    return f'!!! abstract "Summary"\n\n    {escape(b.summary)}\n'


def _items_section(b: Briefing, title: str, kind: str, items: tuple[Item, ...]) -> str:
    lines = [f"## {title}\n"]
    if not items:
        lines.append(f"*No {kind}s found in this article.*\n")
        return "\n".join(lines)
    for actor, group in _by_actor(items):
        lines.append(f"### {_party_heading(b, actor)}\n")
        for item in group:
            lines.extend(_item_lines(item))
        lines.append("")
    return "\n".join(lines)


def _party_heading(b: Briefing, actor: str) -> str:
    """A party's heading; the author's is the byline, linked to the author's page."""
    if actor != AUTHOR:
        return escape(actor)
    if not b.meta.authors:
        return "The author (not named)"
    party = byline(b.meta)
    return f"[{escape(party)}]({author_href(party)}) (the author)"


def party_label(party: str) -> str:
    """How a party is named on pages (the article's author as "Author not named")."""
    return party_name(party)


def _by_actor(items: Iterable[Item]) -> list[tuple[str, list[Item]]]:
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(item.actor, []).append(item)
    return list(groups.items())


def _item_lines(item: Item) -> list[str]:
    notes = [stance_note(item)] if stance_note(item) else []
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


def _links_section(b: Briefing) -> str:
    links = b.links
    lines = ["## Links\n"]
    if not links:
        lines.append("*The source keeps no hyperlinks.*\n")
        return "\n".join(lines)
    numbered = list(enumerate(links, 1))
    lost = [(n, lk) for n, lk in numbered if lk.placeholder]
    if lost:
        lines.append(_lost_line(b.source, lost, len(links)))
    kept = [(n, lk) for n, lk in numbered if not lk.placeholder]
    for (where, context), group in _by_sentence(kept):
        if len(group) == 1 and " ".join(context.split()) == " ".join(group[0][1].text.split()):
            # The link is the whole line (a caption's credit, a footer's address).
            lines.append(f"- {_link_entry(*group[0])} — {where}")
            lines.append("")
            continue
        lines.append(f"- {escape(context) or '*(no text)*'} — {where}")
        lines.append("")
        lines.extend(f"    - {_link_entry(n, lk)}" for n, lk in group)
        lines.append("")
    return "\n".join(lines)


def _lost_line(source: str, lost: list[tuple[int, Link]], total: int) -> str:
    """One line for every link whose target the scrape lost: how many, which (by their
    number, as a sidecar names them) and how to give them one."""
    names = ", ".join(f"{n} “{escape(shorten(lk.text, LOST_NAME))}”" for n, lk in lost)
    sidecar = " ".join(source.replace("`", "").split()).rsplit(".", 1)[0] + ".yml"
    return (
        f"**{len(lost)} of {total} links, {LOST_TARGET}:** "
        f"{'link' if len(lost) == 1 else 'links'} {names}. To give one its address, "
        f"add it under `links:` in the sidecar `{sidecar}` beside the seed "
        "(`- link: NUMBER` and `href: ...`).\n"
    )


def _by_sentence(
    links: list[tuple[int, Link]],
) -> list[tuple[tuple[str, str], list[tuple[int, Link]]]]:
    """Links grouped by the sentence (or furniture line) they sit in, in order of first
    appearance, with where that is: a paragraph link, or the kind of furniture."""
    groups: dict[tuple[str, str], list[tuple[int, Link]]] = {}
    for n, lk in links:
        where = paragraph_link(lk.paragraph) if lk.paragraph else f"*{lk.kind}*"
        groups.setdefault((where, lk.context), []).append((n, lk))
    return list(groups.items())


def _link_entry(n: int, lk: Link) -> str:
    if safe_href(lk.href) is None:
        return f"{escape(lk.text) or '*(no anchor text)*'} — *{UNSAFE_TARGET}* · link {n}"
    host = urlsplit(lk.href.strip()).hostname or ""
    shown = "" if not host or host in lk.text else f" — {escape(host)}"
    return f"{link(lk.text, lk.href)}{shown}{_edited_note(lk.edited)} · link {n}"


def paragraph_link(anchor: str, page: str = "") -> str:
    """A link to a paragraph anchor (`p-3` -> `[¶ 3](#p-3)`), on this page or on `page`."""
    return f"[¶ {anchor.removeprefix('p-')}]({page}#{anchor})"


def _related_section(b: Briefing) -> str:
    if not b.related:
        return ""
    targets = {lk.text: lk.href for lk in b.links if lk.kind == "related" and not lk.placeholder}
    lines = [
        "## Related reading on the source site\n",
        "*Headlines the source page promoted beside the article, as the scrape kept them: "
        "the source site's own links, not this site's recommendations.*\n",
    ]
    for title in b.related:
        href = targets.get(title)
        lines.append(f"- {link(title, href) if href else escape(title)}")
    lines.append("")
    return "\n".join(lines)


def _full_text(body: tuple[Paragraph, ...]) -> str:
    lines = [
        "## Full text\n",
        '<div class="full-text" markdown>\n',
    ]
    for p in body:
        if p.heading:
            level = min(6, max(3, p.level + 1))
            lines.append(f"{'#' * level} {escape(p.text)} {{ #{p.anchor} }}\n")
        else:
            note = f" *({EDITED})*" if p.edited else ""
            number = p.anchor.removeprefix("p-")
            # The number is shown by CSS from this property, so that it is no part of the
            # text (copying, search); an anchor is `p-` and digits, nothing from a seed.
            attrs = f"#{p.anchor} style=\"--p: '{number}'\"" if number.isdigit() else f"#{p.anchor}"
            lines.append(f"{paragraph_markdown(p)}{note}\n{{: {attrs} }}\n")
    lines.append("</div>\n")
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
