"""Cleaning: a `Source` in, a `Cleaned` article out.

Every block of the scrape gets a kind: body (`paragraph`, `heading`), furniture that carries
metadata (`title`, `byline`, `date`, `caption`, `related`, `source`, `bio`, `publication`) or
`junk`. The passes, in order:

1. each line on its own (`furniture.py`): patterns for kinds of page furniture
   (`rules/cleaning.yml`), bylines (`bylines.py`) and date lines (`dates.py`); a furniture
   line written right under a paragraph is split off it first;
2. captions told by their neighbours (under an image button, over a bare credit, in another
   script), lines printed again and again (running headers), a comment section, lists of
   other articles ("You may also like" and what follows) and of topic words;
3. the body's bounds: the first and last paragraphs of prose (a short one above the byline or
   date line is the title or a standfirst). Lines before are the header (title, masthead and
   slogan, name lines, labels), lines after the footer (bio, leftovers). The title is the
   line the article's address spells when there is one, and never a navigation trail, a row
   of buttons, the site's or a section's name or a person's name alone;
4. short stand-alone lines inside the body: the author's name again, runs of topic tags, a
   section heading, or another article's headline dropped in (always so when it stands
   inside a sentence; otherwise `headings.py` judges).

Then paragraphs the scrape split mid-sentence are joined and the body gets stable anchors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from build_tools.clean import furniture
from build_tools.clean.bylines import looks_like_name, read_byline, without_handle
from build_tools.clean.dates import month_and_year
from build_tools.clean.furniture import (
    is_breadcrumb,
    is_button_row,
    is_menu,
    is_menu_row,
    is_nav_label,
    is_nav_trail,
    is_tagline,
    line_kinds,
    mark_source_addresses,
    masthead_like,
    name_shaped,
    names_site,
    only_links,
    outlet_and_tagline,
    page_address,
    section_in_address,
    title_in_address,
    word_count,
)
from build_tools.clean.headings import heading_like, is_title_case, judge_lines
from build_tools.read.markup import hyphen_break, parse_blocks
from build_tools.records import Block, BlockKind, Cleaned, Paragraph, Source
from build_tools.rules import compile_rule, load_rules, rule_list
from build_tools.switches import is_on

_WORD = re.compile(r"[\w’'-]+")
_SENTENCE = re.compile(r"[.!?…][\"”’)]?(?:\s|$)|[。！？]|:$")
_AUTHOR_PAGE = re.compile(r"/(?:authors?|profiles?|people|experts?|staff|contributors?|writers?)/")
_BODY: tuple[BlockKind, ...] = ("paragraph", "heading")


@dataclass(frozen=True, slots=True)
class _Rules:
    bio: re.Pattern[str]
    bio_roles: re.Pattern[str]
    dangling: frozenset[str]
    sentence_end: re.Pattern[str]
    tagline_words: frozenset[str]
    prose_min_words: int
    bio_max_words: int
    bio_window: int


@cache
def _rules() -> _Rules:
    raw = load_rules("cleaning")
    return _Rules(
        bio=compile_rule("cleaning", "bio", ignore_case=False),
        bio_roles=re.compile(
            r"\b(?:" + "|".join(rule_list("cleaning", "bio_roles")) + r")", re.IGNORECASE
        ),
        dangling=frozenset(w.lower() for w in rule_list("cleaning", "dangling_words")),
        sentence_end=compile_rule("cleaning", "sentence_end"),
        tagline_words=frozenset(w.lower() for w in rule_list("cleaning", "tagline_words")),
        prose_min_words=int(raw["prose_min_words"]),
        bio_max_words=int(raw["bio_max_words"]),
        bio_window=int(raw["bio_window"]),
    )


def clean(source: Source) -> Cleaned:
    """Classify the blocks of `source`, join split paragraphs and anchor the body."""
    return cleaned_from_blocks(classify_blocks(parse_blocks(source.text)))


def cleaned_from_blocks(blocks: list[Block]) -> Cleaned:
    """The article of classified blocks: body blocks joined where split, then anchored.

    Also the entry point for blocks whose kinds a maintainer forced (`overrides`).
    """
    body = join_broken_paragraphs([b for b in blocks if b.kind in _BODY])
    return Cleaned(blocks=tuple(blocks), body=anchor_body(body))


# The cleaning steps in the order they run; each can be switched off by its name
# (`switches.py`, as `clean:NAME`), so that the evaluation can measure it (`ablate`).
CLEANING_STEPS = (
    "trailing-furniture",
    "forwarding-note",
    "source-addresses",
    "captions",
    "repeated-lines",
    "comment-section",
    "related-lists",
    "topic-lists",
    "other-script",
    "title",
    "header",
    "bio",
    "footer",
    "author-names",
    "inner-dates",
    "interruptions",
    "word-lists",
    "judged-lines",
)


def _on(step: str) -> bool:
    return is_on(f"clean:{step}")


def classify_blocks(blocks: list[Block]) -> list[Block]:
    """Give each block its kind (see the module docstring for the passes)."""
    out = line_kinds(split_trailing_furniture(blocks) if _on("trailing-furniture") else blocks)
    for step, mark in (
        ("forwarding-note", _mark_forwarding_note),
        ("source-addresses", mark_source_addresses),
        ("captions", _mark_captions),
        ("repeated-lines", _mark_repeated_lines),
        ("comment-section", _mark_comment_section),
        ("related-lists", _mark_related_lists),
        ("topic-lists", _mark_topic_lists),
        ("other-script", _mark_other_script),
    ):
        if _on(step):
            mark(out)
    first, last = _prose_bounds(out)
    if first is None or last is None:
        return out  # no prose at all: nothing to tell furniture from body by
    address = page_address(out)
    title_at = _mark_title(out, first, address) if _on("title") else None
    if _on("header"):
        _mark_header(out, first, title_at, address)
    if _on("bio"):
        _mark_bio(out, first, last)
    first, last = _prose_bounds(out)
    if first is None or last is None:
        return out
    for step, mark_between in (
        ("footer", lambda b, f, la: _mark_footer(b, la)),
        ("author-names", _mark_author_names),
        ("inner-dates", _restore_inner_dates),
        ("interruptions", _mark_interruptions),
        ("word-lists", _mark_word_lists),
        ("judged-lines", judge_lines),
    ):
        if _on(step):
            mark_between(out, first, last)
    return out


# --- pass 1: each line on its own ----------------------------------------------------------
def split_trailing_furniture(blocks: list[Block]) -> list[Block]:
    """Blocks whose last source line is furniture on its own (a photo credit, the signature of
    an embedded post) written right under a paragraph, without a blank line between: that line
    becomes a block of its own, so that the paragraph keeps its text and the line goes."""
    out: list[Block] = []
    for block in blocks:
        out.extend(_without_trailing_line(block) or _without_leading_line(block) or (block,))
    return out


def _without_leading_line(block: Block) -> tuple[Block, ...] | None:
    """A date line written right above a caption or paragraph, without a blank line between
    ("Published: July 3, 2024" over "(Image: ...)"): a block of its own. (A byline over its
    date stays one line: "Par Anne Roux" over "le 6 décembre 2024".)"""
    lines = block.raw.rstrip().split("\n")
    if len(lines) < 2 or block.kind != "paragraph" or word_count(lines[0]) > 10:
        return None
    head = parse_blocks(lines[0])
    if len(head) != 1 or head[0].links or furniture.line_kind(head[0]).kind != "date":
        return None
    rest = parse_blocks("\n".join(lines[1:]))
    if sum(len(b.links) for b in rest) != len(block.links):
        return None
    shift = block.line
    return (replace(head[0], line=block.line), *(replace(b, line=b.line + shift) for b in rest))


def _without_trailing_line(block: Block) -> tuple[Block, ...] | None:
    lines = block.raw.rstrip().split("\n")
    if len(lines) < 2 or block.kind != "paragraph" or word_count(lines[-1]) > 16:
        return None
    tail = parse_blocks(lines[-1])
    if len(tail) != 1 or furniture.line_kind(tail[0]).kind not in ("caption", "junk"):
        return None
    # A wrapped sentence's last words are no furniture: the line before ends a sentence, or
    # the line opens with a mark ("— Name (@handle) ...", "(Photo/...)").
    if not (_SENTENCE.search(lines[-2].rstrip()[-3:] + " ") or not tail[0].text[:1].isalnum()):
        return None
    head = parse_blocks("\n".join(lines[:-1]))
    if sum(len(b.links) for b in (*head, *tail)) != len(block.links):
        return None  # a reference-style link resolved elsewhere in the page: keep it whole
    shift = block.line - 1
    moved = [replace(b, line=b.line + shift) for b in head]
    return (*moved, replace(tail[0], line=block.line + len(lines) - 1))


# --- pass 2: comment sections and lists of other articles ---------------------------------
def _mark_captions(blocks: list[Block]) -> None:
    """The caption of an image, told by its neighbours: the short line under an image button
    ("Enlarge image") that ends no sentence, the short line above a bare photo credit
    ("AGENCY/Name") and the same line printed again right above it."""
    for i, block in enumerate(blocks):
        if block.reason == "image button" and i + 1 < len(blocks):
            under = blocks[i + 1]
            short = under.kind == "paragraph" and word_count(under.text) <= 30
            if short and not _FULL_STOP.search(under.text):
                blocks[i + 1] = replace(under, kind="caption", reason="caption")
        elif block.reason == "credit line":
            for j in range(i - 1, max(i - 3, -1), -1):
                above = blocks[j]
                if above.kind != "paragraph" or word_count(above.text) > 60:
                    break
                if j < i - 1 and above.text != blocks[i - 1].text:
                    break
                blocks[j] = replace(above, kind="caption", reason="caption")


def _mark_other_script(blocks: list[Block]) -> None:
    """A short line in another script than the text's (a Hebrew caption left in an English
    page): an image's description in the site's own language."""
    candidates = [
        i
        for i, b in enumerate(blocks)
        if b.kind in _BODY and _OTHER_SCRIPT.search(b.text) and word_count(b.text) <= 12
    ]
    if not candidates:
        return  # the common case: no letter outside the Latin script at all
    body = " ".join(b.text for b in blocks if b.kind == "paragraph")
    if _non_latin_share(body) > 0.1:
        return
    for i in candidates:
        if _non_latin_share(blocks[i].text) >= 0.8:
            blocks[i] = replace(blocks[i], kind="caption", reason="line in another script")


def _non_latin_share(text: str) -> float:
    letters = len(_LETTER.findall(text))
    return len(_OTHER_SCRIPT.findall(text)) / letters if letters else 0.0


_LETTER = re.compile(r"[^\W\d_]")
# Letters of the scripts other than Latin (Greek to Hangul); punctuation of those ranges is
# not matched by these blocks.
_OTHER_SCRIPT = re.compile(
    "[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u05d0-\u05ea\u0620-\u064a"
    "\u0900-\u0dff\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)


def _mark_comment_section(blocks: list[Block]) -> None:
    """After a comment section opens (in the later part of the page) nothing is the article's."""
    start = next(
        (
            i
            for i, b in enumerate(blocks)
            if b.reason == "comments"
            and i >= len(blocks) * 0.4
            and _prose_before(blocks, i)
            and not _byline_follows(blocks, i)
        ),
        None,
    )
    if start is None:
        return
    for i in range(start + 1, len(blocks)):
        if blocks[i].kind not in ("source", "bio", "publication"):
            blocks[i] = replace(blocks[i], kind="junk", reason="comment section")


def _byline_follows(blocks: list[Block], i: int) -> bool:
    """The first line after block `i` that is not junk is a byline ("12 comments" over "Story
    by A & B"): a counter among the sign-off's lines, not the start of the comments."""
    after = next((b for b in blocks[i + 1 :] if b.kind != "junk"), None)
    return after is not None and after.kind == "byline"


def _mark_related_lists(blocks: list[Block]) -> None:
    """The lines under a "You may also like" / "Related posts" line, up to the next prose
    (near the end of the page, a teaser's one-paragraph summary under its title is no prose
    of the article)."""
    i = 0
    while i < len(blocks):
        if blocks[i].reason != "related list":
            i += 1
            continue
        late = i >= len(blocks) * 0.6
        i += 1
        while i < len(blocks) and blocks[i].reason != "related list":
            block = blocks[i]
            if _prose(block) and not _headline_item(block):
                if not (late and _teaser_summary(blocks, i)):
                    break
                blocks[i] = replace(block, kind="junk", reason="related list item")
                i += 1
                continue
            if block.kind in ("source", "bio", "publication") or block.reason == "comments":
                break
            if block.kind == "paragraph" and _section_label(block):
                # "WORLD" over the title: a section label ends the list of other articles
                blocks[i] = replace(block, kind="junk", reason="section label")
                break
            if block.kind in _BODY:
                blocks[i] = replace(block, kind="related", reason="related list item")
            elif block.kind in ("date", "byline", "caption"):
                blocks[i] = replace(block, kind="junk", reason="related list item")
            i += 1


def _headline_item(block: Block) -> bool:
    """A line of a list of other articles that reads like a sentence but is a headline: a
    link alone, or a short line without a full stop at its end."""
    if only_links(block):
        return True
    text = block.text.rstrip(" *_")
    return word_count(text) <= 25 and not _FULL_STOP.search(text)


_FULL_STOP = re.compile(r"[.!?…:;][\"”’)]?$")


def _section_label(block: Block) -> bool:
    """A section's name over the article ("World", "NATION"): navigation words, or a word or
    two in capitals."""
    text = block.text
    if block.links or _SENTENCE.search(text):
        return False
    return is_nav_label(text) or (text.isupper() and word_count(text) <= 2)


def _teaser_summary(blocks: list[Block], i: int) -> bool:
    """Block `i` is a short paragraph between a related title above and another title (or
    the page's end) below."""
    if word_count(blocks[i].text) > 40 or blocks[i - 1].kind != "related":
        return False
    after = next((b for b in blocks[i + 1 :] if b.kind in _BODY or b.kind == "related"), None)
    return after is None or heading_like(after) or only_links(after)


def _mark_topic_lists(blocks: list[Block]) -> None:
    """The short lines under an "Explore more on these topics" line: topic words."""
    for i, block in enumerate(blocks):
        if block.reason != "topic list" or block.kind != "junk":
            continue
        for j in range(i + 1, len(blocks)):
            line = blocks[j]
            if line.kind not in _BODY or word_count(line.text) > 4 or _SENTENCE.search(line.text):
                break
            blocks[j] = replace(line, kind="junk", reason="topic list")


# --- pass 3: the body's bounds, the header and the footer ---------------------------------
def _prose(block: Block) -> bool:
    """A paragraph of running text (what the body is made of)."""
    if block.kind != "paragraph":
        return False
    words = word_count(block.text)
    minimum = _rules().prose_min_words
    if words >= 2 * minimum:
        return True
    if is_title_case(block.text):
        return False  # a headline, even with a full stop in it
    # A sentence, or a sentence cut off by the scrape ("... has held together for").
    return words >= minimum and (bool(_SENTENCE.search(block.text)) or _cut_off(block.text))


def _cut_off(text: str) -> bool:
    """Ends on a comma, on a word no sentence ends with, or on half a word ("negoti-": a PDF
    text's page break)."""
    if text.endswith(",") or text.rsplit(" ", 1)[-1].lower() in _rules().dangling:
        return True
    return len(text) > 2 and text[-1] == "-" and text[-2].isalpha()


def _prose_bounds(blocks: list[Block]) -> tuple[int | None, int | None]:
    prose = [i for i, b in enumerate(blocks) if _prose(b)]
    if not prose:  # a very short text: any paragraph that is not a heading-like line
        prose = [i for i, b in enumerate(blocks) if b.kind == "paragraph" and not heading_like(b)]
    while len(prose) > 1 and _above_byline(blocks, prose[0], prose[1]):
        prose.pop(0)
    return (prose[0], prose[-1]) if prose else (None, None)


def _above_byline(blocks: list[Block], i: int, after: int) -> bool:
    """Block `i`, a short paragraph near the top, stands above a byline or date line that
    comes before the next prose: it is the title ("Can a truce hold?") or a standfirst, not
    the body's first paragraph."""
    if i >= 12 or word_count(blocks[i].text) > 6 * _rules().prose_min_words:
        return False
    return any(b.kind in ("byline", "date") for b in blocks[i + 1 : after])


def _mark_forwarding_note(blocks: list[Block]) -> None:
    """A forwarded e-mail: the note, signature and headers above the last "Original message"
    or "Forwarded message" line are the forwarder's, not the article's."""
    separator = _forward_separator()
    at = None
    for i, block in enumerate(blocks[:60]):
        if len(block.text) <= 60 and separator.match(block.text.strip(" *_-")):
            at = i
    if at is None:
        return
    for i in range(at + 1):  # the date among them is the day it was forwarded on
        if blocks[i].kind != "junk":
            blocks[i] = replace(blocks[i], kind="junk", reason="forwarding note")


@cache
def _forward_separator() -> re.Pattern[str]:
    return compile_rule("cleaning", "forward_separator")


def _prose_before(blocks: list[Block], i: int) -> bool:
    return any(_prose(b) for b in blocks[:i])


def _mark_title(blocks: list[Block], first: int, address: str | None) -> int | None:
    """Find and mark the title; lines repeating it become junk. Returns its index."""
    title_at = _find_title(blocks, first, address)
    if title_at is None:
        return None
    title = blocks[title_at].text
    if blocks[title_at].reason == "header field":  # "Title: T | Outlet": T is repeated below
        title = _FIELD_KEY.sub("", title, count=1)
    for i, block in enumerate(blocks):
        if i == title_at or block.kind not in (*_BODY, "junk", "related"):
            continue
        if _same_text(block.text, title) or (
            title_at < i < first and _page_title_of(title, block.text)
        ):
            blocks[i] = replace(block, kind="junk", reason="repeated title")
        elif i < first and is_breadcrumb(block.text, title):
            blocks[i] = replace(block, kind="junk", reason="breadcrumb")
        elif i < first and _page_title_of(block.text, title):
            blocks[i] = replace(block, kind="publication", reason="page title")
    if blocks[title_at].kind != "title":
        blocks[title_at] = replace(blocks[title_at], kind="title", reason="title")
    return title_at


def _find_title(blocks: list[Block], first: int, address: str | None = None) -> int | None:
    """Index of the title: a title field, a level-1 heading, the line the article's address
    spells, a line a breadcrumb ends with, or the first heading-like line of the header that
    is no furniture (a "Title | Outlet" line yields to a later line that holds the title
    alone; a plain line yields to a later Markdown heading)."""
    # A title field or a "#" heading may stand below a long header of buttons and counts.
    header = range(min(max(first, 1), len(blocks), 40))
    for i in header:
        if blocks[i].kind == "title":
            return i
    tops = [i for i in header if blocks[i].kind == "heading" and blocks[i].level == 1]
    for n, i in enumerate(tops):
        if n + 1 < len(tops) and (_outlet_line(blocks, i) or word_count(blocks[i].text) <= 3):
            # "# Baltic Signal" over "# The Real Title": the site's or newsletter's name
            blocks[i] = replace(blocks[i], kind="publication", reason="masthead")
            continue
        return i
    if address is not None and (spelled := _title_spelled_by(blocks, first, address)) is not None:
        return spelled
    window = range(min(max(first, 1), len(blocks), 12))
    for i in window:
        for j in range(i + 1, min(i + 3, first)):
            a, b = blocks[i].text, blocks[j].text
            if a != b and a.endswith(b) and is_breadcrumb(a, b):
                return j
    # The first dozen lines that are not furniture already (a mail's headers, a menu, a
    # reader tool's fields may come first).
    unclaimed = [i for i in range(min(max(first, 1), len(blocks), 40)) if blocks[i].kind in _BODY]
    candidates = [
        i for i in unclaimed[:12] if _title_like(blocks[i]) and not is_nav_label(blocks[i].text)
    ]
    for n, i in enumerate(candidates):
        block = blocks[i]
        later = candidates[n + 1 :]
        if _marked_as_top_furniture(blocks, i, address, last=not later):
            continue
        if later and _outlet_line(blocks, i):
            blocks[i] = replace(block, kind="publication", reason="masthead")
            continue
        if later and _slogan_on_top(blocks, i):
            blocks[i] = replace(block, kind="junk", reason="tagline")
            continue
        if block.kind == "paragraph" and any(
            blocks[j].kind == "heading" and blocks[j].level <= 2 for j in later
        ):
            continue  # a newsletter's or section's name above the "##" title
        return next((j for j in later if _page_title_of(block.text, blocks[j].text)), i)
    return None


def _title_spelled_by(blocks: list[Block], first: int, address: str) -> int | None:
    """The header line (or the first paragraph) whose words the article's address spells,
    not the site's name; of "Title | Outlet" and "Title", the title alone."""
    found = [
        i
        for i in range(min(first + 2, len(blocks), 40))
        if blocks[i].kind in _BODY
        and word_count(blocks[i].text) <= 40
        and title_in_address(blocks[i].text, address)
        and not is_nav_trail(blocks[i].text)
        and not names_site(blocks[i].text, address)
        and not masthead_like(blocks[i].text)
    ]
    if not found:
        return None
    at = found[0]
    return next((j for j in found[1:] if _page_title_of(blocks[at].text, blocks[j].text)), at)


def _marked_as_top_furniture(blocks: list[Block], i: int, address: str | None, last: bool) -> bool:
    """Block `i`, a line on top that looks like a title, is page furniture instead: a
    navigation trail, a row of buttons, the site's name, a section's name, an author's name
    alone. It is marked so (an outlet's name over a title, or on the page's first line, is
    its masthead; lower down and with no title under it, maybe the site's slogan: no title)."""
    found = _top_furniture(blocks, i, address)
    top_line = not any(b.kind != "junk" for b in blocks[:i])
    lone_masthead = found == ("publication", "masthead") and last and not top_line
    if lone_masthead and not _names_site(blocks[i], address):
        found = ("junk", "masthead")
    if found is not None:
        blocks[i] = replace(blocks[i], kind=found[0], reason=found[1])
    return found is not None


def _names_site(block: Block, address: str | None) -> bool:
    return address is not None and names_site(block.text, address)


def _top_furniture(
    blocks: list[Block], i: int, address: str | None
) -> tuple[BlockKind, str] | None:
    block = blocks[i]
    text = block.text
    if is_nav_trail(text):
        return "junk", "breadcrumb"
    if is_button_row(text, address):
        return "junk", "buttons"
    if _names_site(block, address) or masthead_like(text):
        return "publication", "masthead"
    if is_nav_label(text.replace(":", " ")) or (address and section_in_address(text, address)):
        return "junk", "section label"
    if month_and_year(text):
        return "junk", "archive month"  # a blog's archive page: "May 2019" over its posts
    name = without_handle(text)  # "Jane Roe @janeroe"
    if word_count(name) <= 3 and looks_like_name(name) and not _outlet_line(blocks, i):
        return "byline", "name line"  # a title is never a person's name alone
    return None


def _outlet_line(blocks: list[Block], i: int) -> bool:
    """A line on top of the page that names the outlet: a masthead ("The Harbour Observer"),
    a name the page repeats in its furniture ("Thanks for reading X", "© X"), a name over
    the site's tagline, or both on one line ("X | News and analysis from ...")."""
    text = blocks[i].text
    if masthead_like(text) or outlet_and_tagline(text) is not None:
        return True
    if not name_shaped(text) or is_nav_label(text) or is_menu(blocks[i]):
        return False
    if text.isupper() and len(text.split()) <= 4:
        return True  # "THE MORNING DESK" over a title in lower case
    after = next((b for b in blocks[i + 1 :] if b.kind in _BODY), None)
    return _named_again(blocks, i) or (after is not None and is_tagline(after.text))


def _named_again(blocks: list[Block], i: int) -> bool:
    """The line's text recurs inside a furniture line further down (a prompt, a notice, a
    copyright line), as an outlet's name does; never in a byline or bio, as an author's does."""
    name = blocks[i].text.lower()
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    named = False
    for block in blocks[i + 1 :]:
        if block.kind in (*_BODY, "related", "title", "date") or len(block.text) <= len(name):
            continue
        if block.reason in ("breadcrumb", "page title") or not pattern.search(block.text.lower()):
            continue
        if block.kind in ("byline", "bio"):
            return False
        named = True
    return named


def _slogan_on_top(blocks: list[Block], i: int) -> bool:
    """Block `i` is the site's slogan: a tagline above any body text, that names what the site
    offers or stands under a masthead (a title may be a list too: "Guns, grain and gas")."""
    above = blocks[:i]
    if not is_tagline(blocks[i].text) or any(b.kind in _BODY for b in above):
        return False
    words = {w.lower() for w in _WORD.findall(blocks[i].text)}
    return bool(words & _rules().tagline_words) or any(b.kind == "publication" for b in above)


def _title_like(block: Block) -> bool:
    """Could be a title: heading-like, or a Title Case line with full stops in it."""
    return heading_like(block) or (
        not block.bullet and word_count(block.text) <= 25 and is_title_case(block.text)
    )


def _page_title_of(line: str, title: str) -> bool:
    """`line` is `title` followed by a separator and a short outlet name ("T | Outlet")."""
    if not line.startswith(title) or line == title:
        return False
    rest = line[len(title) :]
    m = re.match(r"^\s*(?:\||–|—|-|::|·)\s*(.+)$", rest)
    return m is not None and len(m.group(1).split()) <= 6


def _mark_header(
    blocks: list[Block], first: int, title_at: int | None, address: str | None = None
) -> None:
    """Lines before the body that no pattern claimed: the outlet's masthead, an author's
    name, a subtitle, or page furniture. (A deck that is a sentence stays body.)"""
    named = False  # a byline naming people stands above
    # A name line above the title is the masthead when another one stands under it.
    byline_below = title_at is not None and any(
        _names_people(b) if b.kind == "byline" else _author_line(b)
        for b in blocks[title_at + 1 : first]
    )
    for i in range(first):
        block = blocks[i]
        if block.kind == "byline" and not named:
            named = _names_people(block)
        if not named and title_at is not None and i == title_at + 1 and _byline_as_credit(block):
            # "Ana Morel | Reuters" right under the title, no caption above it: the byline
            blocks[i] = replace(block, kind="byline", reason="name and outlet")
            named = True
            continue
        if block.kind not in _BODY or i == title_at:
            continue
        before_title = title_at is not None and i < title_at
        under_byline = i > 0 and blocks[i - 1].kind == "byline"
        if block.kind == "paragraph" and _header_furniture(block.text, address):
            blocks[i] = replace(block, kind="junk", reason="header furniture")
        elif block.kind == "paragraph" and (
            masthead_like(block.text, known_only=not (before_title or under_byline))
            or (before_title and _outlet_line(blocks, i))
            or (address is not None and names_site(block.text, address))
            or (not before_title and _outlet_and_medium(block.text))
            or (
                before_title
                and byline_below
                and name_shaped(block.text)
                and not is_nav_label(block.text)
                and not is_menu(block)
            )
        ):
            blocks[i] = replace(block, kind="publication", reason="masthead")
        elif block.bullet and title_at is not None and i > title_at and word_count(block.text) > 3:
            continue  # a list of key points under the title: the article's own summary
        elif not named and _author_line(block):
            blocks[i] = replace(block, kind="byline", reason="name line")
            named = True
        elif (
            i == first - 1
            and title_at is not None
            and i > title_at
            and (_capitals_heading(block) or _opening_section(block.text))
        ):
            # "SUMMARY" over the first paragraph of a report: its first section heading.
            blocks[i] = replace(block, kind="heading", level=2, reason="heading in capitals")
        elif block.kind == "paragraph" and (
            not _SENTENCE.search(block.text[-3:]) or _bare_label(blocks, i)
        ):
            blocks[i] = replace(block, kind="junk", reason="header furniture")
        elif block.kind == "heading" and title_at is not None and word_count(block.text) >= 6:
            # A long heading between the title and the text is a subtitle, not a section.
            blocks[i] = replace(block, kind="junk", reason="subtitle")


def _byline_as_credit(block: Block) -> bool:
    """A line read as a photo credit that is one person's name and an outlet after a bar, a
    comma or in brackets ("Ana Morel | Reuters", "Ana Morel, AFP", "Ana Morel (AP)")."""
    if block.kind != "caption":
        return False
    text = block.text
    if " | " not in text and ", " not in text and not text.endswith(")"):
        return False
    byline = read_byline(text, bare=True)
    return byline is not None and len(byline.names) == 1 and bool(byline.tail)


def _header_furniture(text: str, address: str | None) -> bool:
    """A header line that is navigation: a trail, a row of buttons, a section's name."""
    in_address = address is not None and section_in_address(text, address)
    return in_address or is_button_row(text, address) or is_nav_trail(text) or is_menu_row(text)


def _bare_label(blocks: list[Block], i: int) -> bool:
    """ "Full text:" above the title or the text: a short label with no value and no list
    under it (a converter's or a page's own section label), not a lead-in of the article."""
    text = blocks[i].text
    return (
        text.endswith(":")
        and word_count(text) <= 4
        and not (i + 1 < len(blocks) and blocks[i + 1].bullet)
    )


def _outlet_and_medium(text: str) -> bool:
    """ "The Frontline Brief · Podcast": a show's or outlet's name and what it is, not a
    person's name and a role."""
    name = outlet_and_tagline(text)
    return name is not None and not looks_like_name(name) and len(text.split()) <= 8


def _names_people(block: Block) -> bool:
    return bool(_byline_names(block))


def _byline_names(block: Block) -> tuple[str, ...]:
    """The people a byline block names ("Author:" field keys dropped)."""
    text = _FIELD_KEY.sub("", block.text) if block.reason == "header field" else block.text
    byline = read_byline(text, bare=True)
    return byline.names if byline is not None else ()


_FIELD_KEY = re.compile(r"^[A-Za-z][\w ()-]{0,24}?\s*:\s*")


def _opening_section(text: str) -> bool:
    """ "Abstract", "Executive summary": the name of a document's first section."""
    return text.strip(" :*_").lower() in _opening_sections()


@cache
def _opening_sections() -> frozenset[str]:
    return frozenset(w.lower() for w in rule_list("cleaning", "opening_sections"))


def _capitals_heading(block: Block) -> bool:
    text = block.text
    return (
        text.isupper()
        and word_count(text) <= 6
        and heading_like(block)
        and not is_nav_label(text)
        and not masthead_like(text)
    )


def _author_line(block: Block) -> bool:
    """A line of names alone, or a line that is one link to an author's page."""
    if block.kind != "paragraph" or is_breadcrumb(block.text, None):
        return False
    byline = read_byline(block.text, bare=True)
    if byline is not None and byline.names:
        return True
    links = block.links
    return len(links) == 1 and bool(_AUTHOR_PAGE.search(links[0].href)) and only_links(block)


def _mark_repeated_lines(blocks: list[Block]) -> None:
    """A short line printed three times or more (a running header, a recurring prompt) is
    page furniture; so is one printed twice in capitals or with a bar ("CENTRE FOR X |
    POLICY BRIEF"), or with a page number that changes ("Policy Brief 7 | 12", "Policy Brief
    7 | 13"): the running header of a PDF text."""
    seen: dict[str, int] = {}
    keys: dict[int, str] = {}  # block -> its text without the page number
    for i, block in enumerate(blocks):
        if block.kind in _BODY and word_count(block.text) <= 12:
            seen[block.text] = seen.get(block.text, 0) + 1
            if key := _without_page_number(block.raw):
                keys[i] = key
                seen[key] = seen.get(key, 0) + 1
    for i, block in enumerate(blocks):
        if block.kind not in _BODY or (block.kind == "heading" and block.level == 1):
            continue  # (a "#" heading is the title, though a list of headlines repeats it)
        times = seen.get(block.text, 0)
        if times >= 3 or (times == 2 and _header_like(block.text)):
            blocks[i] = replace(block, kind="junk", reason="repeated line")
        elif i in keys and seen[keys[i]] >= 2:
            blocks[i] = replace(block, kind="junk", reason="running header")


def _header_like(text: str) -> bool:
    return word_count(text) >= 3 and (" | " in text or (text.isupper() and text[:1].isalpha()))


def _without_page_number(raw: str) -> str:
    """A one-line block's source set apart from a page number at its start or end (by a wide
    gap, a bar or "Page"), without it: "\x00" and the rest; "" when it has none."""
    if "\n" in raw or not (raw.rstrip()[-1:].isdigit() or raw.lstrip()[:1].isdigit()):
        return ""
    raw = raw.strip()
    rest = _PAGE_NUMBER.sub("", raw, count=1)
    if rest == raw or word_count(rest) < 2:
        return ""
    return "\x00" + " ".join(rest.split())


_PAGE_NUMBER = re.compile(
    r"(?:\s{2,}|\s*[|·•–—]\s*|\s+(?i:page)\s+)\d{1,4}(?:\s*(?:/|(?i:of))\s*\d{1,4})?$"
    r"|^(?:(?i:page)\s+)?\d{1,4}(?:\s{2,}|\s*[|·•–—]\s*)"
)


def _mark_bio(blocks: list[Block], first: int, last: int) -> None:
    """Mark an author bio line among the last few paragraphs, or an emphasised one among the
    first two (some sites print the bio in italics under the byline)."""
    r = _rules()
    paragraphs = [i for i, b in enumerate(blocks) if b.kind == "paragraph"]
    # Short lines after the text (topic words, buttons) do not push a bio out of the window.
    at_end = [i for i in paragraphs if i >= last - 8 and word_count(blocks[i].text) >= 5]
    at_end = at_end[-r.bio_window :]
    on_top = [i for i in paragraphs if i >= first][:2]
    for i in at_end + [i for i in on_top if blocks[i].marked]:
        text = blocks[i].text.strip("*_ ").lstrip("—–- ")  # ("— Ana Morel is a columnist ...")
        if word_count(text) <= r.bio_max_words and r.bio.match(text) and r.bio_roles.search(text):
            blocks[i] = replace(blocks[i], kind="bio", reason="author bio")


def _mark_footer(blocks: list[Block], last: int) -> None:
    """Short lines after the last paragraph of prose: no heading ends an article. (A name
    alone right under it signs the text, when no byline stands above: "— Ana Morel".)"""
    signed = not any(b.kind == "byline" for b in blocks)
    for i in range(last + 1, len(blocks)):
        block = blocks[i]
        if block.kind not in _BODY:
            continue
        if signed and _sign_off(block, blocks[: last + 1]):
            blocks[i] = replace(block, kind="byline", reason="sign-off")
            signed = False
            continue
        signed = False
        if only_links(block):
            blocks[i] = replace(block, kind="related", reason="link after the article")
        elif heading_like(block) or not _SENTENCE.search(block.text):
            blocks[i] = replace(block, kind="junk", reason="after the article")


def _sign_off(block: Block, above: list[Block]) -> bool:
    """A line of one person's name alone, maybe after a dash, whom the text never speaks of."""
    return not block.links and _unspoken_name(block.text.strip(" *_").lstrip("—–- "), above)


def _unspoken_name(text: str, others: list[Block]) -> bool:
    """`text` is one person's name alone (two to four capitalised words) whose surname the
    body text of `others` never speaks of: a byline's name, not a caption's or the story's."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    byline = read_byline(text, bare=True)
    if byline is None or byline.names != (text,) or not looks_like_name(text):
        return False
    body = " ".join(b.text for b in others if b.kind in _BODY)
    return re.search(rf"\b{re.escape(words[-1])}\b", body) is None


def _mark_author_names(blocks: list[Block], first: int, last: int) -> None:
    """A line that is only the name of a byline's author, inside the body (printed again
    above the bio or the sign-off), is a name line, not a section heading."""
    names = {n.lower() for b in blocks if b.kind == "byline" for n in _byline_names(b)}
    if not names:
        _mark_name_under_standfirst(blocks, first, last)
        return
    for i in range(first + 1, last + 1):
        block = blocks[i]
        if block.kind in _BODY and block.text.strip(" *_").lower() in names:
            blocks[i] = replace(block, kind="byline", reason="name line")


def _mark_name_under_standfirst(blocks: list[Block], first: int, last: int) -> None:
    """With no byline above: a line of one person's name alone right under a short first
    paragraph (the standfirst), whose surname the body never speaks of, is the byline
    ("Oil-rich nations resist A." over "Ana Morel")."""
    at = first + 1
    if at >= last or word_count(blocks[first].text) > 60 or blocks[at].kind != "paragraph":
        return
    if _unspoken_name(blocks[at].text.strip(" *_"), blocks[at + 1 : last + 1]):
        blocks[at] = replace(blocks[at], kind="byline", reason="name under the standfirst")


def _restore_inner_dates(blocks: list[Block], first: int, last: int) -> None:
    """A bare date inside the body is the text's own (a timeline entry), not the dateline."""
    for i in range(first + 1, last):
        block = blocks[i]
        if block.kind == "date" and block.text[:1].isdigit() and len(block.text) <= 20:
            blocks[i] = replace(block, kind="paragraph", reason="")


# --- pass 4: stand-alone lines inside the body ----------------------------------------------
def _mark_interruptions(blocks: list[Block], first: int, last: int) -> None:
    """A line standing inside a sentence (the paragraph before stops mid-sentence and the one
    after goes on) is never the article's own: another article's headline, dropped in."""
    r = _rules()
    for i in range(first + 1, last):
        block = blocks[i]
        if block.kind not in _BODY or not heading_like(block):
            continue
        before = _neighbour(blocks, i, -1)
        after = _neighbour(blocks, i, 1)
        if before and after and _cut_mid_sentence(before, after, r):
            blocks[i] = replace(block, kind="related", reason="line inside a sentence")
        elif after and block.kind == "paragraph" and after[:1].islower():
            # The line is itself the first half of a sentence the scrape split.
            blocks[i] = replace(block, reason="first half of a sentence")


def _mark_word_lists(blocks: list[Block], first: int, last: int) -> None:
    """Three or more lines of a word or two in a row ("Ukraine" / "Diplomacy" / "Energy"):
    the page's topic tags, never the article's text or headings."""
    run: list[int] = []
    for i in range(first + 1, last + 1):
        block = blocks[i]
        if block.kind not in _BODY:
            continue
        if (
            word_count(block.text) <= 3
            and not block.bullet
            and not (block.kind == "heading" and block.level > 1)
            and not _SENTENCE.search(block.text)
        ):
            run.append(i)
            continue
        _junk_run(blocks, run)
        run = []
    _junk_run(blocks, run)


def _junk_run(blocks: list[Block], run: list[int]) -> None:
    if len(run) >= 3:
        for i in run:
            blocks[i] = replace(blocks[i], kind="junk", reason="topic words")


def _neighbour(blocks: list[Block], i: int, step: int) -> str | None:
    j = i + step
    while 0 <= j < len(blocks):
        if blocks[j].kind == "paragraph":
            return None if heading_like(blocks[j]) else blocks[j].text
        if blocks[j].kind == "heading":
            return None
        j += step
    return None


# --- joining and anchoring -----------------------------------------------------------------
def join_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """Join body paragraphs the scrape split mid-sentence (junk between them already gone)."""
    r = _rules()
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "paragraph"
            and block.kind == "paragraph"
            and not prev.bullet
            and not block.bullet
            and _cut_mid_sentence(prev.text, block.text, r)
        ):
            out[-1] = _join(prev, block)
        else:
            out.append(block)
    return out


def _cut_mid_sentence(prev: str, nxt: str, r: _Rules) -> bool:
    if r.sentence_end.search(prev):
        return False
    if hyphen_break(prev, nxt):
        return True
    first = nxt[:1]
    last_word = prev.rsplit(" ", 1)[-1].lower().strip(",;")
    if first.islower() or first in ",;)–—":
        return True
    return prev.endswith(",") or last_word in r.dangling


def _join(a: Block, b: Block) -> Block:
    # A word hyphenated across the break is closed up ("negoti-" + "ations").
    cut = hyphen_break(a.text, b.text)
    head = a.text[:-1] if cut == 2 else a.text
    glue = "" if cut else " "
    shift = len(head) + len(glue)
    moved = tuple(replace(link, start=link.start + shift, end=link.end + shift) for link in b.links)
    text = f"{head}{glue}{b.text}"
    return replace(a, text=text, raw=f"{a.raw}\n\n{b.raw}", links=a.links + moved)


def anchor_body(blocks: list[Block]) -> tuple[Paragraph, ...]:
    """Body blocks as `Paragraph`s with anchors `p-1`, `p-2`, ... (headings `h-1`, ...)."""
    out = []
    paragraphs = headings = 0
    for block in blocks:
        if block.kind == "heading":
            headings += 1
            anchor = f"h-{headings}"
            out.append(Paragraph(anchor, block.text, block.line, block.links, True, block.level))
        else:
            paragraphs += 1
            out.append(
                Paragraph(
                    f"p-{paragraphs}", block.text, block.line, block.links, list_item=block.bullet
                )
            )
    return tuple(out)


# --- small judgements ------------------------------------------------------------------------


def _same_text(a: str, b: str) -> bool:
    return a.strip(" #*_").lower() == b.strip(" #*_").lower()


def related_title(text: str) -> str:
    """The title a related-article line points to ("Related article: X" -> "X")."""
    return furniture.related_title(text)
