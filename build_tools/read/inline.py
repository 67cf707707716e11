"""Inline: the source of one block in, plain text with link and emphasis spans out.

Handles what scrapes hold inside a paragraph: links `[text](url "title")`, reference links
`[text][ref]` / `[text][]` / `[text]`, images (their alt text stands in the text), autolinks
`<https://...>`, HTML anchors `<a href>` and other tags a scraper left (known HTML elements
only: "<angle>" in a text is text), scripts and comments (dropped), emphasis (kept as spans, for
`Block.marked`), code spans, backslash escapes and entities; bare `http(s)://` and `www.`
addresses become links too. Line breaks stay in the text so that the block reader can tell
which lines are one paragraph. Offsets are into the returned text.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field

from build_tools.records import RawLink

# HTML elements a scraper leaves in; other "<words>" in a text are the text's own.
_HTML_TAGS = (
    "a|abbr|article|aside|b|big|blockquote|br|button|caption|center|cite|code|dd|del|details|"
    "dfn|div|dl|dt|em|embed|figcaption|figure|font|footer|form|h[1-6]|header|hr|i|iframe|img|"
    "input|ins|kbd|label|li|main|mark|nav|object|ol|option|p|picture|pre|q|s|section|select|"
    "small|source|span|strike|strong|sub|summary|sup|svg|table|tbody|td|textarea|tfoot|th|"
    "thead|time|tr|tt|u|ul|video|wbr|circle|path|g|html|head|body|title|meta|link|base"
)
_LINK_TEXT = r"(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*"
_DEST = r"(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"
_ALTERNATIVES = {
    "link": rf"(?P<link>(?P<bang>!?)\[(?P<text>{_LINK_TEXT})\]"
    rf"(?:\([ \t\n]*(?P<dest>{_DEST})(?:[ \t\n]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t\n]*\)"
    r"|\[(?P<ref>[^\[\]]*)\])?)",
    "anchor": r"(?P<anchor><a\s[^<>]*?\bhref\s*=\s*"
    r"(?:\"(?P<h1>[^\"]*)\"|'(?P<h2>[^']*)'|(?P<h3>[^\s>]+))"
    r"[^<>]*>(?P<atext>.*?)</a\s*>)",
    "auto": r"(?P<auto><(?:https?://|mailto:|www\.)[^<>\s]*>)",
    "code_el": r"(?P<code_el><(?P<el>script|style|noscript|template)\b[^<>]*>.*?</(?P=el)\s*>)",
    "comment": r"(?P<comment><!--.*?-->|<!(?i:doctype)\b[^<>]*>)",
    "tag": rf"(?P<tag></?(?i:{_HTML_TAGS})(?:\s[^<>\n]*)?/?>)",
    "code": r"(?P<code>(?<!`)(?P<ticks>`+)(?P<ctext>.+?)(?<!`)(?P=ticks)(?!`))",
    "esc": r"(?P<esc>\\[!-/:-@\[-`{-~])",
    "ent": r"(?P<ent>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
    "delim": r"(?P<delim>\*+|_+)",
}
_INLINE = re.compile("|".join(_ALTERNATIVES.values()), re.DOTALL)
# The same without the constructs that need a closer further on (a comment's `-->`, an
# anchor's `</a>`, a script's `</script>`, a code span's closing backticks): tried where
# there is no such closer after the opener. Otherwise each unclosed opener would be matched
# to the end of the text, and a block of thousands of them would take seconds (issue 15).
_UNCLOSED = ("anchor", "code_el", "comment", "code")
_INLINE_OPEN = re.compile(
    "|".join(v for k, v in _ALTERNATIVES.items() if k not in _UNCLOSED), re.DOTALL
)
_ANCHOR_CLOSE = re.compile(r"</a\s*>")
_ELEMENT_CLOSE = re.compile(r"</(script|style|noscript|template)\s*>")
_ELEMENT_OPEN = re.compile(r"<(script|style|noscript|template)\b")
_TICKS = re.compile(r"`+")
# Where an inline construct may start: the scan tries `_INLINE` only there (much faster
# than letting the alternation try every position).
_SPECIAL = re.compile(r"!\[|[\[<`\\&*_]")
# "Image 2: alt": the number a page-to-Markdown converter puts before each image's alt text.
_IMAGE_NUMBER = re.compile(r"^Image \d{1,3}:\s*")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACE = re.compile("[\t\r\f\v\u00a0\u2007\u2009\u202f\u3000]")
_UNEVEN_SPACE = re.compile(r" *\n *| {2,}")
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»—–…")
_BARE_URL = re.compile(
    r"(?<![\w/@.])(?:https?://|www\.)(?:[^\s<>\"'\[\]()]|\([^\s<>\"'()]*\))*"
    r"(?:[^\s<>\"'\[\]().,;:!?]|\([^\s<>\"'()]*\))"
)


@dataclass
class _Run:
    """Inline content being assembled: text, links and emphasised spans, in output offsets."""

    text: list[str] = field(default_factory=list)
    length: int = 0
    links: list[tuple[int, int, str]] = field(default_factory=list)
    marks: list[tuple[int, int]] = field(default_factory=list)

    def add(self, s: str) -> None:
        self.text.append(s)
        self.length += len(s)

    def add_run(self, inner: _Run) -> None:
        base = self.length
        self.links += [(base + s, base + e, h) for s, e, h in inner.links]
        self.marks += [(base + s, base + e) for s, e in inner.marks]
        self.add("".join(inner.text))


@dataclass(frozen=True, slots=True)
class Inline:
    """A block's text with its links and emphasised spans."""

    text: str
    """Plain text; line breaks kept as "\\n", runs of spaces made one, none around a break."""
    links: list[tuple[int, int, str]]
    """(start, end, target) of each link, by start."""
    marks: list[tuple[int, int]]
    """(start, end) of each emphasised span."""


def render_inline(source: str, refs: Mapping[str, str]) -> Inline:
    """The plain text of `source`; `refs` maps reference labels (see `reference_label`) to
    link targets."""
    text, links, marks = _normalised(_render(source, refs))
    return Inline(text, sorted(links), marks)


def reference_label(text: str) -> str:
    """A reference link's label as matched: case and runs of white space ignored."""
    return " ".join(text.lower().split())


def drop_invisible(text: str) -> str:
    """`text` without zero-width characters and soft hyphens (they split words for nothing)."""
    return _INVISIBLE.sub("", text)


def _render(s: str, refs: Mapping[str, str]) -> _Run:
    """Plain text of inline Markdown/HTML, with link targets and emphasised spans."""
    run = _Run()
    # Emphasis delimiters are paired after the scan: (index in run.text, char, opens, closes).
    delims: list[tuple[int, str, bool, bool]] = []
    pos = 0
    closers = _Closers(s)
    while candidate := _SPECIAL.search(s, pos):
        at = candidate.start()
        m = (_INLINE if closers.may_close(s, at) else _INLINE_OPEN).match(s, at)
        if m is None:
            run.add(s[pos : candidate.end()])
            pos = candidate.end()
            continue
        run.add(s[pos : m.start()])
        pos = m.end()
        kind = m.lastgroup if m.group("link") is None else "link"
        if kind == "link":
            _add_link(run, m, refs)
        elif kind == "anchor":
            inner = _render(re.sub(r"<[^<>]*>", "", m.group("atext")), refs)
            href = html.unescape(m.group("h1") or m.group("h2") or m.group("h3") or "")
            _add_linked(run, inner, href)
        elif kind == "auto":
            target = m.group()[1:-1]
            _add_linked(run, _plain(target), target)
        elif kind in ("code_el", "comment"):
            run.add(" ")  # scripts, styles and comments are not text
        elif kind == "tag":
            # <br>, <p> and other block tags separate words; inline tags (<em>) do not.
            name = m.group().lstrip("</").split(None, 1)[0].rstrip("/>").lower()
            run.add("" if name in ("em", "i", "b", "strong", "span", "u", "a", "s") else " ")
        elif kind == "code":
            run.add(m.group("ctext"))
        elif kind == "esc":
            run.add(m.group()[1])
        elif kind == "ent":
            run.add(html.unescape(m.group()))
        else:
            before = s[m.start() - 1] if m.start() else " "
            after = s[m.end()] if m.end() < len(s) else " "
            opens, closes = _flanking(m.group(), before, after)
            if opens or closes:
                delims.append((len(run.text), m.group()[0], opens, closes))
            run.add(m.group())
    run.add(s[pos:])
    if delims:
        _apply_emphasis(run, delims)
    return run


class _Closers:
    """Where the last closer of each kind stands in a text: an opener after it cannot be
    closed, so it is not matched to the end of the text only to fail."""

    def __init__(self, s: str) -> None:
        self.comment = s.rfind("-->")
        self.anchor = max((m.start() for m in _ANCHOR_CLOSE.finditer(s)), default=-1)
        self.element: dict[str, int] = {}
        self.ticks: dict[int, int] = {}  # length of a run of backticks -> start of the last
        if "</" in s:
            for m in _ELEMENT_CLOSE.finditer(s):
                self.element[m.group(1)] = m.start()
        if "`" in s:
            for m in _TICKS.finditer(s):
                self.ticks[len(m.group())] = m.start()

    def may_close(self, s: str, at: int) -> bool:
        """Whether an opener at `at` has a closer of its kind after it (True where `at`
        starts no construct that needs one)."""
        if s[at] == "`":
            if at and s[at - 1] == "`":
                return False  # inside a run: a code span opens at a run's first backtick
            end = at
            while end < len(s) and s[end] == "`":
                end += 1
            return self.ticks.get(end - at, -1) > at
        if s[at] != "<":
            return True
        if s.startswith("<!--", at):
            return self.comment > at
        if s.startswith("<a", at):
            return self.anchor > at
        opened = _ELEMENT_OPEN.match(s, at)
        if opened:
            return self.element.get(opened.group(1), -1) > at
        return True


def _add_link(run: _Run, m: re.Match[str], refs: Mapping[str, str]) -> None:
    text = m.group("text")
    dest = m.group("dest")
    if dest is None:
        ref = m.group("ref")
        dest = refs.get(reference_label(ref or text))
        if dest is None:  # not a link: brackets of the prose, e.g. "[sic]"
            run.add("!" * bool(m.group("bang")) + "[")
            run.add_run(_render(text, refs))
            run.add("]" + (f"[{ref}]" if ref is not None else ""))
            return
    dest = dest[1:-1] if dest.startswith("<") and dest.endswith(">") else dest
    if m.group("bang") and text.startswith("Image "):
        text = _IMAGE_NUMBER.sub("", text, count=1)  # "Image 2: alt": a converter's numbering
    start = run.length
    if _SPECIAL.search(text):
        run.add_run(_render(text, refs))
    else:
        run.add(text)  # the common case: plain anchor text
    if m.group("bang"):  # an image: its alt text stands in the text, it is not a link
        return
    href = re.sub(r"\\(.)", r"\1", dest) if "\\" in dest else dest
    run.links.append((start, run.length, html.unescape(href) if "&" in href else href))


def _add_linked(run: _Run, inner: _Run, href: str) -> None:
    start = run.length
    run.add_run(inner)
    run.links.append((start, run.length, href))


def _plain(text: str) -> _Run:
    run = _Run()
    run.add(text)
    return run


def _flanking(delim: str, before: str, after: str) -> tuple[bool, bool]:
    """CommonMark's flanking rules: can this `*`/`_` run open or close emphasis?"""
    left = not after.isspace() and (after not in _PUNCT or before.isspace() or before in _PUNCT)
    right = not before.isspace() and (before not in _PUNCT or after.isspace() or after in _PUNCT)
    if delim[0] == "_":  # snake_case and intra-word underscores are text
        return left and not (right and before.isalnum()), right and not (left and after.isalnum())
    return left, right


def _apply_emphasis(run: _Run, delims: list[tuple[int, str, bool, bool]]) -> None:
    """Remove paired delimiters (unpaired ones stay as text) and record emphasised spans."""
    openers: list[tuple[int, str]] = []
    pairs: list[tuple[int, int]] = []
    for index, char, opens, closes in delims:
        match = next((k for k in range(len(openers) - 1, -1, -1) if openers[k][1] == char), None)
        if closes and match is not None:
            pairs.append((openers[match][0], index))
            del openers[match:]
        elif opens:
            openers.append((index, char))
    if not pairs:
        return
    removed = {i for pair in pairs for i in pair}
    # Offsets before and after removing the delimiter pieces.
    old_starts, new_at, n = [], [], 0
    offset = 0
    for i, piece in enumerate(run.text):
        old_starts.append(offset)
        new_at.append(n)
        offset += len(piece)
        if i in removed:
            run.text[i] = ""
        n += len(run.text[i])

    def moved(pos: int) -> int:
        k = bisect_right(old_starts, pos) - 1
        if k < 0:
            return 0
        return new_at[k] + min(pos - old_starts[k], len(run.text[k]))

    run.links = [(moved(s), moved(e), h) for s, e, h in run.links]
    run.marks = [(moved(s), moved(e)) for s, e in run.marks]
    run.marks += [(new_at[a], new_at[b]) for a, b in pairs]
    run.length = n


def _normalised(run: _Run) -> tuple[str, list[tuple[int, int, str]], list[tuple[int, int]]]:
    """Runs of spaces made one, no space around line breaks; link and mark offsets moved."""
    text = _ODD_SPACE.sub(" ", "".join(run.text))
    if "  " not in text and " \n" not in text and "\n " not in text:
        return text, _trimmed(text, run.links), run.marks
    old_ends: list[int] = []  # end of each changed span in the old text
    shift: list[int] = []  # characters removed up to that end
    parts: list[str] = []
    removed = prev = 0
    for m in _UNEVEN_SPACE.finditer(text):
        new = "\n" if "\n" in m.group() else " "
        parts += [text[prev : m.start()], new]
        removed += len(m.group()) - len(new)
        old_ends.append(m.end())
        shift.append(removed)
        prev = m.end()
    parts.append(text[prev:])

    def moved(pos: int) -> int:
        k = bisect_right(old_ends, pos) - 1
        return pos - (shift[k] if k >= 0 else 0)

    new_text = "".join(parts)
    links = [(moved(s), moved(e), h) for s, e, h in run.links]
    marks = [(moved(s), moved(e)) for s, e in run.marks]
    return new_text, _trimmed(new_text, links), marks


def _trimmed(text: str, links: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Link spans without white space at their ends (an anchor text never starts with one)."""
    out = []
    for s, e, h in links:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e, h))
    return out


def with_bare_urls(text: str, links: list[RawLink]) -> list[RawLink]:
    """Add bare `http(s)://` and `www.` addresses of plain-text scrapes as links."""
    if "http" not in text and "www." not in text:
        return links
    found = list(links)
    starts = [link.start for link in links]
    for m in _BARE_URL.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < links[k].end:
            continue  # the address is the anchor text of a link
        found.append(RawLink(text=m.group(), href=m.group(), start=m.start(), end=m.end()))
    return sorted(found, key=lambda link: link.start)
