"""Markup: a seed's text in, paragraph-sized `Block`s with plain text and links out.

Seeds are Markdown-ish or plain text, often both: a scraper's Markdown with raw HTML anchors
left in, or plain lines with bare addresses. This is a small line-based reader for what
scrapes contain, not a full CommonMark parser (markdown-it-py took half the time budget).
Blocks: blank lines, ATX (`## x`), setext (`x` over `===`) and `<h2>` headings, list items,
block quotes, code fences, thematic breaks, reference definitions, YAML front matter (one
block per `key: value`). The text inside a block is read by `inline.py`.

Lines of one run that are really separate paragraphs (plain-text scrapes put one paragraph on
each line; hard-wrapped text spreads one paragraph over many lines) are told apart here too.
Classifying blocks as body or junk is the cleaner's job, not this module's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache

from build_tools.clean.bylines import read_byline
from build_tools.read.inline import drop_invisible, reference_label, render_inline, with_bare_urls
from build_tools.records import Block, RawLink
from build_tools.rules import load_rules, rule_list

# --- block level ---------------------------------------------------------------------------
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^[ \t]*(?:(?:[-*+•▪●◦]|\d{1,3}[.)])[ \t]+|<li\b[^<>]*>[ \t]*)(?=\S)", re.I)
# A numbered head in capitals ("2. OPTIONS", "IV. THE WAY AHEAD"): a section heading of a
# report's text (PDF), not a list item.
_NUMBERED_HEAD = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)[ \t]+(?=[^a-z]*[A-Z]{5})[A-Z][^a-z]{2,80}$"
)
# A numbered line that may be a section heading: a number, a capital, no sentence end, no
# tab or dot leader before a page number (a table of contents).
_NUMBERED_LINE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?[ \t]+[A-Z][^\t]*[^\t.!?:;,…\d]$")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_HTML_HEADING = re.compile(r"^<h([1-6])\b[^<>]*>.*</h\1\s*>$", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_REF_DEF = re.compile(
    r"^ {0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s<>]+)>?(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$"
)
# The first characters a line of block markup can start with; other lines are plain text.
_MARKUP_START = frozenset("#=-*_+•▪●◦<`~|:0123456789")
_FRONT_FIELD = re.compile(r"^[A-Za-z][\w -]{0,30}:")
_FIELD_START = re.compile(r"^[A-Z][\w()]*(?: [\w()]+){0,2}:\s")


def parse_blocks(text: str) -> list[Block]:
    """Paragraph-sized blocks of `text`, in order, all of kind `paragraph` or `heading`."""
    lines = drop_invisible(text).split("\n")
    refs, skip = _reference_definitions(lines)
    blocks: list[Block] = []
    for start, end, kind, level in _line_groups(lines, skip):
        blocks.extend(_blocks_of(lines, start, end, kind, level, refs))
    return blocks


def _reference_definitions(lines: list[str]) -> tuple[dict[str, str], set[int]]:
    """`[label]: url` lines: the targets of reference-style links, and the lines to skip."""
    refs: dict[str, str] = {}
    skip: set[int] = set()
    for i, line in enumerate(lines):
        if "]:" in line:
            m = _REF_DEF.match(line)
            if m:
                refs.setdefault(reference_label(m.group(1)), m.group(2))
                skip.add(i)
    return refs, skip


def _line_groups(lines: list[str], skip: set[int]) -> list[tuple[int, int, str, int]]:
    """(first, last + 1, kind, level) of each run of lines that forms one Markdown block.

    kind is `run` (paragraph lines, split further by `_group_lines`), `heading`, `item`
    (a list item) or `front` (one front-matter field).
    """
    groups: list[tuple[int, int, str, int]] = []
    i = _front_matter(lines, groups)
    run_start: int | None = None

    def close(at: int) -> None:
        nonlocal run_start
        if run_start is not None and at > run_start:
            groups.append((run_start, at, "run", 0))
        run_start = None

    while i < len(lines):
        line = lines[i]
        stripped = _QUOTE.sub("", line).strip() if ">" in line[:4] else line.strip()
        if stripped and stripped[0] not in _MARKUP_START and i not in skip:
            if stripped[0] in "IVX" and _NUMBERED_HEAD.match(stripped):
                close(i)
                groups.append((i, i + 1, "heading", 2))
            else:  # the common case: a text line
                run_start = i if run_start is None else run_start
        elif setext := _setext_level(lines, i, run_start):
            groups.append((i - 1, i + 1, "heading", setext))
            run_start = None
        elif not stripped or i in skip or _BREAK.match(line) or _TABLE_RULE.match(stripped):
            close(i)
        elif _FENCE.match(line):
            close(i)
            i = _fenced(lines, i, groups)
            continue
        elif m := _ATX.match(stripped):
            close(i)
            groups.append((i, i + 1, "heading", len(m.group(1))))
        elif m := _HTML_HEADING.match(stripped):
            close(i)
            groups.append((i, i + 1, "heading", int(m.group(1))))
        elif stripped[0].isdigit() and (
            _NUMBERED_HEAD.match(stripped) or _numbered_section(lines, i, stripped)
        ):
            close(i)
            groups.append((i, i + 1, "heading", 2))
        elif _BULLET.match(stripped) and not _day_dot_date(stripped):
            close(i)
            end = i + 1
            while (
                end < len(lines)
                and lines[end].startswith(("  ", "\t"))
                and lines[end].strip()
                and not _BULLET.match(lines[end])
            ):
                end += 1  # an indented line continues the item; an indented bullet opens one
            groups.append((i, end, "item", 0))
            i = end
            continue
        elif run_start is None:
            run_start = i
        i += 1
    close(len(lines))
    return groups


def _day_dot_date(stripped: str) -> bool:
    """ "5. Dezember 2024", "3. maja 2023, 10:02": a line that is a date whose day has a dot,
    not a list item."""
    return _dotted_date().match(stripped) is not None


@cache
def _dotted_date() -> re.Pattern[str]:
    months = load_rules("dates").get("months", {})
    names = sorted({str(n) for names in months.values() for n in names}, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"\d{{1,2}}\.\s+(?:{alternation})\.?\s+(?:19|20)\d\d"
        r"(?:\s*[,|·•-]?\s*\d{1,2}[:.]\d\d(?:\s*uhr)?)?\s*$",
        re.IGNORECASE,
    )


def _numbered_section(lines: list[str], i: int, stripped: str) -> bool:
    """ "2. What the parties demand" alone between blank lines, no item next to it, no lead-in
    ("...:") above: a numbered section heading of a document, not a one-item list."""
    m = _NUMBERED_LINE.match(stripped)
    if m is None or len(stripped.split()) > 10:
        return False
    before = next((ln.strip() for ln in reversed(lines[max(0, i - 3) : i]) if ln.strip()), "")
    after = next((ln.strip() for ln in lines[i + 1 : i + 4] if ln.strip()), "")
    if (i > 0 and lines[i - 1].strip()) or (i + 1 < len(lines) and lines[i + 1].strip()):
        return False  # lines right above or below: a list or a paragraph
    return not (before.endswith(":") or _BULLET.match(before) or _BULLET.match(after) or not after)


def _setext_level(lines: list[str], i: int, run_start: int | None) -> int:
    """2 or 1 when line `i` underlines a one-line run as a heading; 0 otherwise."""
    m = _SETEXT.match(lines[i])
    if m is None or run_start != i - 1:
        return 0
    if m.group(1)[0] == "=":
        return 1
    # `---` under a long sentence is a separator the scraper drew, not a heading underline.
    above = lines[i - 1].strip()
    return 2 if len(above.split()) <= 12 and not above.endswith(".") else 0


def _front_matter(lines: list[str], groups: list[tuple[int, int, str, int]]) -> int:
    """YAML front matter (`---` ... `---` at the top): one `front` group per field line."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, min(len(lines), 40)):
        if lines[end].strip() in ("---", "..."):
            fields = [i for i in range(1, end) if _FRONT_FIELD.match(lines[i])]
            if not fields:
                return 0
            groups.extend((i, i + 1, "front", 0) for i in fields)
            return end + 1
    return 0


def _fenced(lines: list[str], i: int, groups: list[tuple[int, int, str, int]]) -> int:
    """A code fence's lines as runs (scrapes fence quoted text, not code); returns the next line."""
    fence = _FENCE.match(lines[i])
    marker = fence.group(1) if fence else "```"
    end = i + 1
    while end < len(lines) and not lines[end].strip().startswith(marker):
        end += 1
    start = None
    for j in range(i + 1, end + 1):
        if j < end and lines[j].strip():
            start = j if start is None else start
        elif start is not None:
            groups.append((start, j, "run", 0))
            start = None
    return end + 1


def _blocks_of(
    lines: list[str], start: int, end: int, kind: str, level: int, refs: dict[str, str]
) -> list[Block]:
    source = [_content(lines[j], kind) for j in range(start, end)]
    if kind == "heading" and end - start == 2 and _SETEXT.match(lines[end - 1]):
        source = source[:1]  # the underline is not text
    inline = render_inline("\n".join(source), refs)
    text, links, marks = inline.text, inline.links, inline.marks
    pieces = _line_spans(text)
    groups = _group_lines(text, pieces) if kind == "run" else [pieces] if pieces else []
    link_starts = [s for s, _, _ in links]
    blocks = []
    for group in groups:
        (a, _, first), (_, b, last) = group[0], group[-1]
        first_line = start + first
        last_line = end - 1 if kind != "run" else start + last
        raw = "\n".join(lines[first_line : last_line + 1])
        own = links[bisect_left(link_starts, a) : bisect_left(link_starts, b)]
        block = _block(text, own, marks, (a, b), raw, first_line + 1, kind, level)
        if block is not None:
            blocks.append(block)
    return blocks


def _content(line: str, kind: str) -> str:
    """A source line without its block markup (quote marker, list bullet, heading hashes)."""
    if ">" in line[:4]:
        line = _QUOTE.sub("", line)
    if kind == "heading":
        m = _ATX.match(line.strip())
        return (m.group(2) or "") if m else line
    if kind == "item":
        return _BULLET.sub("", line, count=1)
    if line.endswith("\\"):  # a hard line break
        line = line[:-1]
    return line


def _block(
    text: str,
    links: list[tuple[int, int, str]],
    marks: list[tuple[int, int]],
    span: tuple[int, int],
    raw: str,
    line: int,
    kind: str,
    level: int,
) -> Block | None:
    """One block from the span [a, b) of a run's normalised text (line breaks become spaces)."""
    a, b = span
    body = text[a:b]
    moved: Callable[[int], int] = _same
    if "-\n" in body:  # PDF text: words hyphenated at line ends
        body, moved = _unwrapped(body)
    else:
        body = body.replace("\n", " ")
    if not body.strip():
        return None
    own = []
    for s, e, h in links:  # a link the line grouping cut in two keeps its first part
        start, end = moved(s - a), moved(min(e, b) - a)
        while end > start and body[end - 1] == " ":
            end -= 1
        own.append(RawLink(body[start:end], h, start, end))
    own = with_bare_urls(body, own)
    marked = sum(min(e, b) - max(s, a) for s, e in marks if s < b and e > a) if marks else 0
    visible = len(body) - body.count(" ")
    return Block(
        kind="heading" if kind == "heading" else "paragraph",
        text=body,
        raw=raw,
        line=line,
        links=tuple(own),
        level=level,
        marked=visible > 0 and marked >= visible * 0.9,
        bullet=kind == "item",
    )


def _unwrapped(text: str) -> tuple[str, Callable[[int], int]]:
    """`text` with its line breaks made spaces, or closed up where a word was hyphenated at
    the line's end; and the function that moves an offset of `text` into the result."""
    parts: list[str] = []
    removed: list[tuple[int, int]] = []  # (offset after a break, characters removed so far)
    start = gone = 0
    for at in _positions(text, "\n"):
        cut = hyphen_break(text[start:at], text[at + 1 : at + 40])
        parts.append(text[start : at - 1] if cut == 2 else text[start:at])
        parts.append(" " if cut == 0 else "")
        gone += cut
        removed.append((at + 1, gone))
        start = at + 1
    parts.append(text[start:])
    ends = [e for e, _ in removed]

    def moved(pos: int) -> int:
        k = bisect_right(ends, pos) - 1
        return pos - (removed[k][1] if k >= 0 else 0)

    return "".join(parts), moved


def _same(pos: int) -> int:
    return pos


def _positions(text: str, char: str) -> list[int]:
    found, at = [], text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


def hyphen_break(before: str, after: str) -> int:
    """How a line that ends in `before` joins the next one, starting with `after`: 0 with a
    space (no hyphen at the break), 1 closed up keeping the hyphen ("pro-" + "Russian",
    "long-" + "term"), 2 closed up without it ("negoti-" + "ations").

    A word is rejoined without its hyphen only when both halves are lower case and neither
    is listed as one that usually stands by a hyphen (`rules/cleaning.yml`: `hyphen_prefixes`,
    `hyphen_suffixes`); real hyphens split at a line end are rare next to hyphenated words.
    """
    if len(before) < 2 or before[-1] != "-" or not before[-2].isalpha() or not after[:1].isalnum():
        return 0
    first = _LAST_WORD.search(before[:-1])
    second = _FIRST_WORD.match(after)
    if first is None or second is None:
        return 1
    left, right = first.group(), second.group()
    prefixes, suffixes = _hyphen_words()
    if left.islower() and right.islower() and left not in prefixes and right not in suffixes:
        return 2
    return 1


_LAST_WORD = re.compile(r"[^\W\d_]+$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


@cache
def _hyphen_words() -> tuple[frozenset[str], frozenset[str]]:
    return (
        frozenset(rule_list("cleaning", "hyphen_prefixes")),
        frozenset(rule_list("cleaning", "hyphen_suffixes")),
    )


# --- which lines of a run are one paragraph ------------------------------------------------
def _line_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, line number in the run) of each non-empty line of a run's text, its edge
    spaces left out."""
    spans = []
    start = 0
    for number, line in enumerate(text.split("\n")):
        end = start + len(line)
        core = line.strip()
        if core:
            lead = len(line) - len(line.lstrip())
            spans.append((start + lead, start + lead + len(core), number))
        start = end + 1
    return spans


def _group_lines(text: str, spans: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Group the lines of one run into the paragraphs the writer meant.

    Plain-text scrapes put each paragraph on one line with no blank line between; hard-wrapped
    text spreads one paragraph over many lines. A line break starts a new paragraph when the
    line before ends a sentence or stands alone like a heading or byline.
    """
    if len(spans) <= 1:
        return [spans] if spans else []
    texts = [text[s:e] for s, e, _ in spans]
    width = _wrap_width(texts)
    groups = [[spans[0]]]
    for k in range(1, len(spans)):
        after_gap = spans[k][2] - spans[k - 1][2] > 1  # a line left empty (only a tag) between
        if (
            not after_gap
            and _continues(texts[k - 1], texts[k], width)
            and not (width and _stands_alone(texts[k], texts[k + 1 : k + 2], width))
        ):
            groups[-1].append(spans[k])
        else:
            groups.append([spans[k]])
    return groups


def _stands_alone(line: str, after: list[str], width: int) -> bool:
    """In wrapped text, a short line without a sentence end between two paragraphs' lines
    is a heading of its own (the line before it may be full width)."""
    ends, continuation, _, full = _markup_rules()
    if len(line) >= full * width or ends.search(line) or not line[:1].isupper():
        return False
    return not after or not continuation.match(after[0])


@cache
def _markup_rules() -> tuple[re.Pattern[str], re.Pattern[str], int, float]:
    rules = load_rules("cleaning")
    ends = re.compile(rules["sentence_end"])
    starts_continuation = re.compile(rules["continuation_start"])
    return ends, starts_continuation, int(rules["wrap_min_width"]), float(rules["wrap_full_line"])


@cache
def _dangling_words() -> frozenset[str]:
    return frozenset(w.lower() for w in rule_list("cleaning", "dangling_words"))


def _wrap_width(texts: list[str]) -> int:
    """The width the text was hard-wrapped at, or 0 when lines are whole paragraphs.

    Wrapped text has most lines (all but paragraph ends) close to one width.
    """
    if len(texts) < 3:
        return 0
    lengths = sorted(len(t) for t in texts)
    _, _, min_width, full = _markup_rules()
    width = lengths[int(len(lengths) * 0.8)]  # the typical full line, ignoring a few long ones
    if width < min_width or width > 120 or lengths[-1] > width * 1.25:
        return 0
    near = sum(1 for n in lengths if n >= full * width)
    # Wrapping cuts lines anywhere; lines that mostly end sentences are whole paragraphs.
    ends = _markup_rules()[0]
    open_ended = sum(1 for t in texts[:-1] if not ends.search(t))
    return width if near >= 0.5 * len(lengths) and open_ended * 2 >= len(texts) - 1 else 0


def _continues(prev: str, text: str, width: int) -> bool:
    """True when `text` continues the paragraph whose last line is `prev`."""
    ends, continuation, _, full = _markup_rules()
    if continuation.match(text):
        return True
    if _FIELD_START.match(text) and _FIELD_START.match(prev):
        return False  # "Key: value" lines one under another: header fields, never wrapped
    dangling = _dangling_words()
    if hyphen_break(prev, text):
        return True  # a word hyphenated at the line's end
    if text.startswith("by ") and not ends.search(prev) and read_byline(text) is None:
        return True  # "... rather than year" / "by year.": no byline ("by admin")
    if width:
        # A full-width line goes on; a short one ends its paragraph (or is a heading).
        return len(prev) >= full * width
    # One paragraph per line: a line goes on only when it stops mid-sentence, on a comma or
    # on a word no sentence ends with ("... weapons from" / "Polish factories"); a title in
    # Title Case or a "Key: value" line after it stands alone, unless the title itself stops
    # on a small word in lower case ("Options for" / "Ukraine's Security": a title broken over
    # two lines, as PDF text has it).
    if prev.endswith(":") and _title_and_subtitle(prev, text):
        return True  # "Title Words:" / "Subtitle In Title Case": a title over two lines
    if ends.search(prev) or len(prev) < 30 or _FIELD_START.match(text):
        return False
    last = prev.rsplit(" ", 1)[-1]
    if _title_like(prev):  # ... and the next line is no byline ("By ...", "Posted ...")
        small = last.islower() and last in dangling and text[:1].isupper()
        return small and bool(continuation.match(text[:1].lower() + text[1:]))
    return prev.endswith(",") or last.lower() in dangling


def _title_and_subtitle(prev: str, text: str) -> bool:
    return (
        len(prev.split()) >= 3
        and len(text.split()) <= 12
        and _title_like(prev)
        and _title_like(text)
        and not _markup_rules()[0].search(text)
    )


def _title_like(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 2 and sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words)
