"""Furniture: one block in, the kind of page furniture it is on its own (or none).

The first pass of the cleaner: each line is judged without looking at its neighbours, by the
patterns of `rules/cleaning.yml` (ads, prompts, captions, disclaimers, source footers,
"Key: value" header fields, related-article lines...), by `bylines.py` and by `dates.py`;
and the tests of a line's shape the cleaner asks about the header (a masthead, a site's
slogan, a menu).
What needs the whole article (the title, the body's bounds, headings) is `cleaning.py`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from urllib.parse import urlsplit

from build_tools.article_cache import per_article
from build_tools.clean.bylines import read_byline
from build_tools.clean.dates import date_only
from build_tools.records import Block, BlockKind
from build_tools.rules import compile_patterns, compile_rule, load_rules, rule_list

URL = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
"""A line that is one web address."""
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.IGNORECASE)
_FIELD = re.compile(r"^([A-Za-z][\w ()-]{0,24}?)\s*:\s*(.*)$")
# Marks around a furniture line that say nothing ("- Advertisement -", "[Ad]", "**Share**").
_EDGES = " *_-–—[](){}.:|•·»«<>▶►▷←→"
_WORD = re.compile(r"[\w’'-]+")
_SENTENCE = re.compile(r"[.!?…][\"”’)]?(?:\s|$)|[。！？]|:$")


@dataclass(frozen=True, slots=True)
class _Rules:
    junk: _Patterns
    long_junk: _Patterns
    copyright: re.Pattern[str]
    disclaimer: _Patterns
    related: re.Pattern[str]
    related_list: re.Pattern[str]
    comments: re.Pattern[str]
    source: re.Pattern[str]
    citation: re.Pattern[str]
    stage_direction: re.Pattern[str]
    toc_line: re.Pattern[str]
    topic_list: re.Pattern[str]
    caption: _Patterns
    long_caption: _Patterns
    long_caption_max_words: int
    credit_sources: tuple[str, ...]
    breadcrumb_separators: re.Pattern[str]
    breadcrumb_words: frozenset[str]
    trail_separators: re.Pattern[str]
    trail_arrows: re.Pattern[str]
    trail_part_max_words: int
    home_words: frozenset[str]
    ui_words: frozenset[str]
    image_button: re.Pattern[str]
    credit_line: re.Pattern[str]
    dated_section: re.Pattern[str]
    fields: dict[str, BlockKind]
    furniture_max_words: int
    long_junk_max_words: int
    long_junk_inner_max_words: int
    edge_blocks: int
    verbs: frozenset[str]
    tagline_words: frozenset[str]
    organisation_words: frozenset[str]
    headline_words: frozenset[str]
    roles: frozenset[str]


@cache
def _rules() -> _Rules:
    raw = load_rules("cleaning")
    fields: dict[str, BlockKind] = {}
    for kind, keys in raw["fields"].items():
        fields.update({str(k).lower(): kind for k in keys})
    return _Rules(
        junk=_any_of("junk"),
        long_junk=_any_of("long_junk"),
        copyright=compile_rule("cleaning", "copyright", ignore_case=False),
        disclaimer=_any_of("disclaimer"),
        related=compile_rule("cleaning", "related"),
        related_list=compile_rule("cleaning", "related_list"),
        comments=compile_rule("cleaning", "comments_start"),
        source=compile_rule("cleaning", "source"),
        citation=compile_rule("cleaning", "citation"),
        stage_direction=compile_rule("cleaning", "stage_direction"),
        toc_line=compile_rule("cleaning", "toc_line"),
        topic_list=compile_rule("cleaning", "topic_list"),
        caption=_any_of("caption"),
        long_caption=_any_of("long_caption"),
        long_caption_max_words=int(raw["long_caption_max_words"]),
        credit_sources=tuple(w.lower() for w in rule_list("cleaning", "credit_sources")),
        breadcrumb_separators=compile_rule("cleaning", "breadcrumb_separators"),
        breadcrumb_words=frozenset(w.lower() for w in rule_list("cleaning", "breadcrumb_words")),
        trail_separators=compile_rule("cleaning", "trail_separators"),
        trail_arrows=compile_rule("cleaning", "trail_arrows"),
        trail_part_max_words=int(raw["trail_part_max_words"]),
        home_words=frozenset(w.lower() for w in rule_list("cleaning", "home_words")),
        ui_words=frozenset(w.lower() for w in rule_list("cleaning", "ui_words")),
        image_button=compile_rule("cleaning", "image_button"),
        credit_line=compile_rule("cleaning", "credit_line"),
        dated_section=compile_rule("cleaning", "dated_section"),
        fields=fields,
        furniture_max_words=int(raw["furniture_max_words"]),
        long_junk_max_words=int(raw["long_junk_max_words"]),
        long_junk_inner_max_words=int(raw["long_junk_inner_max_words"]),
        edge_blocks=int(raw["edge_blocks"]),
        verbs=frozenset(w.lower() for w in rule_list("cleaning", "tagline_verbs")),
        tagline_words=frozenset(w.lower() for w in rule_list("cleaning", "tagline_words")),
        organisation_words=frozenset(w.lower() for w in rule_list("bylines", "organisation_words")),
        headline_words=frozenset(w.lower() for w in rule_list("bylines", "headline_words")),
        roles=frozenset(w.lower() for w in rule_list("bylines", "roles")),
    )


@cache
def known_outlets() -> frozenset[str]:
    """Names of the outlets in `rules/outlets.yml`, lower case."""
    return frozenset(str(n).lower() for n in load_rules("outlets")["domains"].values())


@dataclass(frozen=True, slots=True)
class _Patterns:
    """A rule list as regexes over the lower-cased line: patterns anchored at its start (tried
    there only), patterns anchored at its end (tried on its tail only) and the others.
    Case-insensitive matching and alternations tried at every position of long paragraphs
    are what make regexes slow; this avoids most of it."""

    start: re.Pattern[str] | None
    end: tuple[re.Pattern[str], ...]
    anywhere: tuple[re.Pattern[str], ...]

    def search(self, lower: str) -> bool:
        if self.start is not None and self.start.match(lower):
            return True
        # Plain loops: `any()` over a generator costs more than most of these searches.
        tail = lower[-_TAIL:]
        for p in self.end:
            if p.search(tail):
                return True
        for p in self.anywhere:  # noqa: SIM110 - any() over a generator is slower
            if p.search(lower):
                return True
        return False


_TAIL = 120


def _any_of(key: str) -> _Patterns:
    sources = [p.pattern for p in compile_patterns("cleaning", key)]  # checks each pattern
    start = [s[1:] for s in sources if s.startswith("^")]
    end = [s for s in sources if not s.startswith("^") and s.endswith("$")]
    anywhere = [s for s in sources if not s.startswith("^") and not s.endswith("$")]
    # Anchored patterns are tried at one place, so one alternation of them costs little; the
    # others are kept apart so that each can skip ahead to its leading word.
    joined = re.compile("|".join(f"(?:{p})" for p in start)) if start else None
    return _Patterns(
        joined, tuple(re.compile(s) for s in end), tuple(re.compile(s) for s in anywhere)
    )


def line_kind(block: Block, near_edge: bool = True) -> Block:
    """`block` with the furniture kind it has on its own (and the rule's name as its reason),
    or unchanged when it may be body text. `near_edge`: the block is among the first or last
    few of the page, where long notices (cookies, disclaimers) stand."""
    found = _furniture_kind(block, near_edge)
    if found is None:
        return block
    kind, reason = found
    return replace(block, kind=kind, reason=reason)


def _furniture_kind(block: Block, near_edge: bool) -> tuple[BlockKind, str] | None:
    """The furniture kind of a block judged on its own, or None when it may be body text."""
    r = _rules()
    text = block.text
    core = text.strip(_EDGES)
    lower = core.lower()
    words = word_count(text)
    if words <= 40 and (found := _field_kind(text)):
        return found
    if words <= 2 * r.long_junk_max_words and _doubled(core):
        return "junk", "doubled line"
    if r.source.match(core) and (words <= 4 or URL.match(r.source.sub("", core, count=1))):
        return "source", "source footer"
    if r.citation.match(core):
        return "source", "citation"
    if words <= (r.long_junk_max_words if near_edge else r.long_junk_inner_max_words):
        if r.disclaimer.search(lower):
            return "publication", "disclaimer"
        if r.copyright.match(core) and _named_in_copyright(core):
            return "publication", "copyright"
        if r.long_junk.search(lower):
            return "junk", "page furniture"
    if words <= 40 and _fields_with_date(core) and read_byline(text) is None:
        return "date", "date line with fields"
    if words <= 40 and _byline_with_dates(core) and read_byline(text) is not None:
        # "By A and B | Published 12:04 GMT, 3 March 2025 | Updated ...": a byline with dates
        return "byline", "byline with dates"
    if words <= r.long_junk_max_words and _related_line(core):
        return "related", "related article"  # "Read also: <a long headline>"
    if words > r.furniture_max_words:
        return _caption_kind(block, words)
    if block.raw[-1:].isdigit() and r.toc_line.match(block.raw):
        return "junk", "table of contents"
    if r.related_list.match(core):
        return "junk", "related list"
    if r.comments.match(core):
        return "junk", "comments"
    if r.topic_list.match(core):
        return "junk", "topic list"
    if r.stage_direction.match(text.strip()):
        return "junk", "stage direction"
    if found := _short_furniture(core):
        return found
    if read_byline(text) is not None:
        return "byline", "byline"
    if date_only(core) is not None:
        return "date", "date line"
    if r.junk.search(lower):
        return "junk", "page furniture"
    if is_breadcrumb(text, None) or is_nav_trail(text):
        return "junk", "breadcrumb"
    return _caption_kind(block, words)


def _short_furniture(core: str) -> tuple[BlockKind, str] | None:
    """An image button, a bare photo credit, a dated section label."""
    r = _rules()
    if r.image_button.match(core):
        return "junk", "image button"
    if r.credit_line.match(core):
        return "caption", "credit line"
    m = r.dated_section.match(core)
    if m and is_nav_label(m.group(1)):
        return "junk", "dated section"
    return None


_PIPE = re.compile(r"\s*\|\s*")
_SENTENCE_END = re.compile(r"\w[.!?]$")


def _fields_with_date(core: str) -> bool:
    """ "News Desk | Lisbon | Updated: 14-02-2025 18:20 | Created: 14-02-2025 17:05": short
    fields between bars, one of them a date line, none a sentence."""
    pieces = _PIPE.split(core)
    if len(pieces) < 2 or not any(date_only(p) for p in pieces):
        return False
    return all(
        date_only(p) or (0 < word_count(p) <= 5 and not _SENTENCE_END.search(p)) for p in pieces
    )


def _byline_with_dates(core: str) -> bool:
    """Fields between bars, one of them a date and the first names people ("By A and B")."""
    pieces = _PIPE.split(core)
    return len(pieces) >= 2 and any(date_only(p) for p in pieces[1:])


def _doubled(text: str) -> bool:
    """The same words twice in one line: a standfirst the scrape printed twice."""
    words = text.split()
    half = len(words) // 2
    return len(words) >= 8 and len(words) % 2 == 0 and words[:half] == words[half:]


def _related_line(core: str) -> bool:
    """ "Read also: X": a label of related reading with another article's title after it."""
    r = _rules()
    return r.related.match(core) is not None and bool(r.related.sub("", core, count=1))


def _named_in_copyright(core: str) -> bool:
    """A copyright line that names its holder (not "© 2023" or "Copyright. All rights")."""
    m = _rules().copyright.match(core)
    return m is not None and m.group(1).lower() not in ("all", "all rights reserved")


def _field_kind(text: str) -> tuple[BlockKind, str] | None:
    """A "Key: value" header field ("Author: ...", "URL: ..."), by its key."""
    m = _FIELD.match(text)
    if m is None:
        return None
    kind = _rules().fields.get(m.group(1).strip().lower())
    value = m.group(2).strip(" \"'")
    if kind is None or not value:
        return None
    if kind == "source" and not URL.match(value):
        return None
    if m.group(1).lower() == "source" and not URL.match(value):
        return "publication", "source field"
    if kind == "date" and date_only(value) is None:
        return None
    return kind, "header field"


def _caption_kind(block: Block, words: int) -> tuple[BlockKind, str] | None:
    text = block.text
    lower = text.lower()
    if words > 40:
        long_credit = words <= _rules().long_caption_max_words
        if long_credit and _rules().long_caption.search(lower.strip(" *_")):
            return "caption", "caption"
        return None
    if _rules().caption.search(lower) or lower.rstrip(" .)]").endswith(_rules().credit_sources):
        return "caption", "caption"
    # A short line that ends in a credit link whose anchor is a bare domain: a photo credit.
    last = block.links[-1] if block.links else None
    if last is not None and last.end >= len(text.rstrip(" .)")) and _DOMAIN.match(last.text):
        # A line that is the domain alone is the site's address (back matter), not a credit.
        return ("source", "site address") if last.start == 0 else ("caption", "credit link")
    if block.raw.lstrip().startswith("![") and not block.links:
        return "caption", "image"
    return None


def line_kinds(blocks: list[Block]) -> list[Block]:
    """Each block with the furniture kind it has on its own (`line_kind`)."""
    edge = _rules().edge_blocks
    last = len(blocks) - edge
    return [line_kind(b, i < edge or i >= last) for i, b in enumerate(blocks)]


def mark_source_addresses(blocks: list[Block]) -> None:
    """The address on the line after a source footer's label ("Original url:" / URL)."""
    for i in range(1, len(blocks)):
        label, block = blocks[i - 1], blocks[i]
        follows_label = label.kind == "source" and not label.links and block.kind != "source"
        if follows_label and (URL.match(block.text) or only_links(block)):
            blocks[i] = replace(block, kind="source", reason="source address")


def is_breadcrumb(text: str, title: str | None) -> bool:
    """A navigation trail: short section names, maybe ending in the title."""
    r = _rules()
    if word_count(text) > 40:
        return False
    rest = text
    if title is not None:
        if not text.endswith(title) or text == title:
            return False
        rest = text[: -len(title)]
    parts = [p.strip() for p in r.breadcrumb_separators.split(rest) if p.strip()]
    if not parts:
        return title is not None
    if (
        title is not None
        and (
            word_count(rest) <= 6
            # "Home › Blogs › Forum Name › Title": short parts, a separator right before the title
            or (
                len(parts) >= 2
                and all(len(p.split()) <= 4 for p in parts)
                and r.breadcrumb_separators.search(rest[-3:]) is not None
            )
        )
    ):
        return True
    tokens = [
        t.lower() for p in parts for t in ([p] if p.lower() in r.breadcrumb_words else p.split())
    ]
    return len(parts) >= 2 and all(t in r.breadcrumb_words for t in tokens)


def trail_parts(text: str) -> list[str]:
    """The parts of a navigation trail ("Site › News › Health": the three names), or [] when
    `text` is none: short parts without figures or questions, see `trail_separators`."""
    r = _rules()
    parts = [p.strip(" *_") for p in r.trail_separators.split(text.strip(" *_"))]
    if len(parts) < 2 or not all(parts) or any(c.isdigit() or c in "!?" for c in text):
        return []
    first = parts[0].lower()
    # "Home > Research > A Long Report Title": the page's own title may end a trail
    inner = parts[:-1] if first in r.home_words and len(parts) >= 3 else parts
    if any(word_count(p) > r.trail_part_max_words for p in inner):
        return []
    if first in r.home_words or r.trail_arrows.search(text):
        return parts
    # "Outlet | Section" ends in a section; "Opinion | Three Ways Out" is a labelled title.
    short = all(word_count(p) <= 3 for p in parts)
    if short and (len(parts) >= 3 or is_nav_label(parts[-1])):
        return parts
    return []


def is_nav_trail(text: str) -> bool:
    """A navigation trail that may start with the site's own name ("Site › Section")."""
    return bool(trail_parts(text))


def site_of_trail(text: str) -> str | None:
    """The site's name a navigation trail starts with ("The Daily X | News › Health"), or
    None when it starts with "Home" or a section."""
    parts = trail_parts(text)
    if not parts:
        return None
    first = parts[0]
    low = first.lower()
    if low in _rules().home_words or is_nav_label(first) or word_count(first) > 4:
        return None
    return first


def is_button_row(text: str, address: str | None = None) -> bool:
    """A row of buttons ("Sign In  Subscribe"): interface words only, the site's name aside."""
    words = [w for w in _WORD.findall(text.lower()) if not (address and names_site(w, address))]
    return bool(words) and all(w in _rules().ui_words for w in words)


def page_address(blocks: list[Block]) -> str | None:
    """The article's own address, from a source footer ("Original url: ..."), if any."""
    for block in blocks:
        if block.kind != "source" or block.reason == "site address":
            continue
        for link in block.links:
            if link.href.startswith(("http://", "https://")):
                return link.href
        m = _ADDRESS.search(block.text)
        if m:
            return m.group().rstrip(">).,;")
    return None


_ADDRESS = re.compile(r"https?://[^\s<>\"']+")


def slug_words(text: str) -> list[str]:
    """The words of `text` as an address writes them: lower case, no apostrophes."""
    return re.findall(r"[a-z0-9]+", re.sub(r"[’']", "", text.lower()))


def address_segments(address: str) -> list[list[str]]:
    """The words of each folder and name of an address's path (the query left out)."""
    try:
        path = urlsplit(address).path
    except ValueError:
        return []
    return [words for part in path.split("/") if (words := slug_words(part))]


def title_in_address(text: str, address: str) -> bool:
    """The address's longest path segment spells `text` (a title's slug, maybe cut short or
    with an id number): most words shared, at least three."""
    segments = address_segments(address)
    if not segments:
        return False
    slug = set(_longest(segments))
    words = set(slug_words(text))
    shared = len(words & slug)
    return shared >= 3 and shared >= 0.8 * min(len(words), len(slug))


def _longest(segments: list[list[str]]) -> list[str]:
    longest: list[str] = []
    for words in segments:
        if len(words) > len(longest):
            longest = words
    return longest


def section_in_address(text: str, address: str) -> bool:
    """`text` is the name of a folder of the address ("Israel at War" in /israel-at-war/):
    a section of the site, not the article's title."""
    words = slug_words(text)
    segments = address_segments(address)
    squashed = "".join(words)
    return bool(words) and any(squashed == "".join(s) for s in segments[:-1])


def names_site(text: str, address: str) -> bool:
    """`text` is the site's own name as its address spells it ("No Right Turn" on
    norightturn.example.com, "THE DAILY X" on dailyx.com), maybe with an edition after it."""
    try:
        host = (urlsplit(address).hostname or "").lower()
    except ValueError:
        return False
    squashed = "".join(slug_words(text))
    if not squashed or word_count(text) > 5:
        return False
    labels = [label for label in host.split(".")[:-1] if len(label) >= 3 and label not in _HOSTS]
    return any(
        squashed in (label, f"the{label}")
        or (squashed.startswith(label) and len(squashed) <= len(label) + 20)
        or (squashed.endswith(label) and len(squashed) <= len(label) + 20)
        for label in labels
    )


# Parts of a host name that are not the site's own: a web prefix, a second-level domain, a
# blog platform.
_HOSTS = frozenset(("www", "com", "net", "org", "gov", "edu", "amp", "blogspot", "wordpress"))


def is_menu_row(text: str) -> bool:
    """A row of menu entries run together ("Research Regions About Experts"): four words or
    more, most of them navigation words, no sentence."""
    words = text.lower().split()
    nav = sum(w in _rules().breadcrumb_words for w in words)
    return len(words) >= 4 and nav >= 0.6 * len(words) and not _SENTENCE.search(text)


def _nav_words_only(text: str) -> bool:
    """ "News & Analysis": navigation words joined by "and"."""
    return is_nav_label(" ".join(w for w in text.split() if w.lower() not in ("&", "and")))


def is_nav_label(text: str) -> bool:
    """A menu or section label ("World", "Ukraine war", "Opinion"): a few navigation words."""
    words = text.lower().split()
    nav = _rules().breadcrumb_words
    # "Russia-Ukraine War": a hyphenated word of navigation words is one too
    if " ".join(words) in nav:
        return True  # "Research paper", "Hot news": a section's name of several words
    return 0 < len(words) <= 4 and all(w in nav or set(w.split("-")) <= nav for w in words)


def only_links(block: Block) -> bool:
    """The block's text is (nearly) all link anchors."""
    covered = sum(link.end - link.start for link in block.links)
    return bool(block.links) and covered >= len(block.text.strip("<> ")) - 2


@per_article
def word_count(text: str) -> int:
    """Words of `text`: tokens between spaces, a lone dash or bullet not counted. Cached: the
    passes ask about the same lines again and again."""
    return len(text.split()) - text.count(" – ") - text.count(" — ") - text.count(" • ")


# --- lines that name the outlet, and its slogan ----------------------------------------------
def name_shaped(text: str) -> bool:
    """A short name: one to five capitalised words, no figures, no sentence end (and no menu:
    see `is_menu`)."""
    words = text.split()
    return (
        1 <= len(words) <= 5
        and not any(c.isdigit() for c in text)
        and not _SENTENCE.search(text)
        and all(w[:1].isupper() or w in _NAME_GLUE for w in words)
    )


_NAME_GLUE = frozenset(
    ("of", "and", "for", "on", "the", "&", "de", "du", "la", "in", "from", "at", "to", "a", "an")
)


def outlet_and_tagline(text: str) -> str | None:
    """The outlet's name of a header line "Name | slogan" ("Harbour Notes | Writing on the
    Black Sea"), or None."""
    m = _OUTLET_AND_TAGLINE.match(text)
    if m is None or not name_shaped(m.group(1)) or is_nav_label(m.group(1)):
        return None
    rest = m.group(2)
    if is_nav_label(rest) or any(c.isdigit() for c in rest):
        return None
    if word_count(rest) < 2 and rest.strip().lower() not in _rules().tagline_words:
        return None  # one word only when it says what the outlet is ("Podcast")
    return m.group(1)


_OUTLET_AND_TAGLINE = re.compile(r"^(.{2,40}?)\s+[|–—·•]\s+([^|–—·•]{3,90})$")


def is_menu(block: Block) -> bool:
    """A row of links ("Home About Archive"): the site's menu."""
    return len(block.links) >= 2 and only_links(block)


def is_tagline(text: str) -> bool:
    """A site's slogan: a list of nouns without a verb that says what the site offers ("News,
    analysis and data on Eastern Europe since 1991", "Weekly conversations on war and
    diplomacy"): no sentence end, no finite verb, and either a comma-and list or a word of
    `tagline_words` ("news", "analysis") with an "and"."""
    r = _rules()
    if _SENTENCE.search(text) or word_count(text) > 16:
        return False
    words = [w.lower() for w in _WORD.findall(text)]
    if any(w in r.verbs for w in words) or not ("and" in words or "&" in text):
        return False
    return "," in text or any(w in r.tagline_words for w in words)


def masthead_like(text: str, known_only: bool = False) -> bool:
    """A known outlet, or a short capitalised name with an outlet word ("The Harbour
    Observer", "THE EASTERN FLANK BRIEFING"), not a role ("Senior Fellow, Eastern Institute")."""
    r = _rules()
    if text.strip().lower() in known_outlets():
        return True
    words = _WORD.findall(text)
    return (
        not known_only
        and not _nav_words_only(text)
        and not is_menu_row(text)
        and 1 <= len(words) <= (8 if text.isupper() else 5)  # "INSTITUTE FOR X AND Y STUDIES"
        and not any(c.isdigit() or c == "," for c in text)
        and not any(w.lower() in r.roles for w in words)
        and not any(w.lower() in r.headline_words for w in words[1:])
        and all(w[0].isupper() for w in words if w.lower() not in ("of", "and", "for", "on"))
        and any(p in r.organisation_words for w in words for p in w.lower().split("-"))
    )


# --- small judgements ------------------------------------------------------------------------
def related_title(text: str) -> str:
    """The title a related-article line points to ("Related article: X" -> "X")."""
    return _rules().related.sub("", text.strip(_EDGES), count=1).strip(" *_")
