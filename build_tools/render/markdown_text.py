"""Writing seed text into generated Markdown so that it stays text.

Everything that comes from a seed passes through `escape` (or `link`, `table_cell`) before it
is written into a page: HTML is entity-escaped, so no tag from a seed ever reaches a reader's
browser as markup, and Markdown syntax is backslash-escaped, so a seed line that looks like a
heading, a list, an admonition (`!!! note`), a link or an attribute list renders as the
characters it is. Only link targets with a safe scheme become links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote, urlsplit

# Characters that are Markdown wherever they stand (code, emphasis, links, attribute lists,
# headings' closing hashes, admonitions, tables) get a backslash, the backslash itself first;
# `&` and `<` become HTML entities. `+`, `-` and a number's `.` are Markdown only where a line
# starts (a list, a rule, an ordered list), and an escaped text is one line, so they get one
# only at its start; `(` and `)` make a link only after a `]`, which is always escaped. The
# period, hyphen and brackets are the commonest characters of prose, so the generated Markdown
# reads as the text it holds (for a person, or another generator fed the pages), with the
# same HTML (the seeds' pages have no backslash left, and render 0-8% faster: each escape
# is an inline match). A `str.replace` per character that occurs is the fastest way in
# CPython (about three times a regular expression's or `str.translate`'s), and pages escape
# millions of characters on a large corpus.
_SPECIALS = "`*_{}[]#!|>"
_LINE_START = re.compile(r"[+-]|\d+(?=\.)")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_SPACE = re.compile(r"\s+")
# What YAML 1.1 does not allow in a document (see PyYAML's Reader.NON_PRINTABLE).
_YAML_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


# Texts escaped inside `remembering_escapes`, or None outside it.
_memo: dict[str, str] | None = None


@contextmanager
def remembering_escapes() -> Iterator[None]:
    """Within the block, `escape` keeps what it escaped and answers a repeated text from that.

    The views write the same titles and items many times over (a title in every list that
    links to its briefing): on 1,000 briefings, 140,000 escapes of 13,000 texts. The memory is
    let go when the block ends, so a long `mkdocs serve` does not keep it between builds.
    """
    global _memo
    outer = _memo
    if outer is None:
        _memo = {}
    try:
        yield
    finally:
        _memo = outer


def escape(text: str) -> str:
    """`text` as inline Markdown that renders exactly as `text` (one line)."""
    memo = _memo
    if memo is None:
        return _escape(text)
    done = memo.get(text)
    if done is None:
        done = memo[text] = _escape(text)
    return done


def _escape(text: str) -> str:
    # str.split() and the regex \s agree on what is white space (str.isspace).
    text = " ".join(text.split()).replace("\\", "\\\\")
    for c in _SPECIALS:
        if c in text:
            text = text.replace(c, "\\" + c)
    start = _LINE_START.match(text)
    if start is not None:
        # "- x", "+ x", "---": a list or a rule; "1. x": an ordered list.
        end = start.end()
        text = text[:end] + "\\" + text[end:] if text[0].isdigit() else "\\" + text
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    if text.startswith("?"):
        # `??? note` at the start of a line opens a collapsible block (pymdownx.details), and
        # Python-Markdown has no backslash escape for `?`: an entity keeps it text.
        text = "&#63;" + text[1:]
    return text


def table_cell(text: str) -> str:
    """`text` for a cell of a Markdown table (pipes escaped like every other special)."""
    return escape(text) or " "


def safe_href(href: str) -> str | None:
    """The target as a URL safe to link to, or None for lost or unsafe targets."""
    h = href.strip()
    if not h.lower().startswith(_SAFE_SCHEMES) or not _parses(h):
        return None
    # Percent-encode what would end the Markdown link or break out of the attribute.
    return quote(h, safe="/:?#[]@!$&'*+,;=%~-._")


def _parses(href: str) -> bool:
    """Whether the address can be taken apart (host and port): `http://[2001:db8::1/x`
    (an unclosed IPv6 bracket), `http://user@[bad]/` or `http://a:99999/` cannot, and a
    view that reads the host must never meet one."""
    try:
        parts = urlsplit(href)
        _ = parts.hostname, parts.port
    except ValueError:
        return False
    return True


def link(text: str, href: str, title: str | None = None) -> str:
    """A Markdown link when the target is safe, else the escaped anchor text alone."""
    target = safe_href(href)
    if target is None:
        return escape(text)
    label = escape(text) or escape(href)
    if title:
        quoted = escape(title).replace('"', "&quot;")
        return f'[{label}](<{target}> "{quoted}")'
    return f"[{label}](<{target}>)"


def html_text(text: str) -> str:
    """`text` for a front-matter value that the theme writes into HTML as it is.

    Material puts `title` into the header and `description` into a `content="..."`
    attribute without escaping them, so a seed's `<script>` or `"` would become markup there.
    """
    return html.escape(text, quote=True)


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar for front matter."""
    text = _SPACE.sub(" ", text).strip()
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    # YAML refuses a few code points even quoted (U+FFFE, U+FFFF, C1 controls): \u escapes.
    return '"' + _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'
