"""Metadata: classified blocks in, `Metadata` out.

One small function per field, each trying its sources in order of trust (trafilatura's
shape), and the first that gives a value wins:

- title: the title line (a "Title:" field key, quotes around it all and a leading label such
  as "Opinion:" dropped; "Title | Outlet" split, "Title – Speaker" kept);
- authors: the first byline naming people, an author's before a poster's ("Authored by A via
  Outlet" over "Posted by B"; `bylines.py`), else the name a bio line starts with, else a
  house byline ("By the X Staff");
- date: the original publication date of a reprint or translation ("Originally published on"),
  the address's date when a date line or byline may mean it ("05/04/2018" under /2018/05/04/),
  a date line (of several on top, the last that is no update), a date in a byline, in a
  header field or "first published on" line, one written into the address, then one inside
  a header line;
- publication: a header field, a masthead, a disclaimer or "first published in" line, a
  copyright line (unless it names the author; a brand or a site running a wire story wins
  over its company or the agency), the site a navigation trail starts with (unless a byline
  names another outlet), a wire dateline ("KYIV, May 4 (Agency) -"), an organisation in a
  PDF's running header, the page title, the outlet table by the address's domain (the
  article's, then the site's), an editorial post a bio names, then an outlet named after the
  byline ("By A, Outlet");
- url: a source footer, a citation ("Cite as: ... URL") or address field, then an address a
  furniture line labels ("Original: URL").

Vocabulary (title labels, outlet names and domains) lives in `rules/`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from urllib.parse import urlsplit

from build_tools.clean.bylines import (
    Byline,
    looks_like_name,
    normal_case,
    read_byline,
    strip_honorifics,
)
from build_tools.clean.dates import (
    date_in_url,
    date_only,
    date_readings,
    original_date,
    publication_date,
    update_only,
)
from build_tools.clean.furniture import is_nav_label, names_site, outlet_and_tagline, site_of_trail
from build_tools.records import Block, Cleaned, Metadata
from build_tools.rules import compile_patterns, compile_rule, load_rules, rule_list

_TITLE_SPLIT = re.compile(r"^(.{12,}?)\s+(?:\||–|—|-|::|·|•)\s+([^|–—•]{2,50})$")
# A site section on either side of a bar ("World News | Title", "Title | News | Outlet")
_SECTION_FIRST = re.compile(r"^([^|]{2,30}?)\s+\|\s+(.{12,})$")
_SECTION_LAST = re.compile(r"^(.{12,}?)\s+\|\s+([^|]{2,30})$")
_FIELD_KEY = re.compile(r"^[A-Za-z][\w ()-]{0,24}?\s*:\s*")
_URL_IN_TEXT = re.compile(r"(?:https?://|www\.)[^\s<>\"']+")


def extract_metadata(cleaned: Cleaned, fallback_title: str) -> Metadata:
    """All metadata fields of an article; `fallback_title` is used when it has no title."""
    blocks = cleaned.blocks
    url = extract_url(blocks)
    title, title_outlet = split_title(extract_title(blocks) or fallback_title, url)
    authors = extract_authors(blocks)
    return Metadata(
        title=title,
        authors=authors,
        date=extract_date(blocks, url),
        publication=extract_publication(blocks, url, title_outlet, authors),
        url=url,
        bio=extract_bio(blocks),
    )


# --- title -----------------------------------------------------------------------------------
def extract_title(blocks: tuple[Block, ...]) -> str | None:
    """The title line's text, without a field key, quotes or a leading section label."""
    for block in _of_kind(blocks, "title"):
        text = block.text
        if block.reason == "header field":
            text = _FIELD_KEY.sub("", text, count=1).strip(" \"'")
        text = _title_labels().sub("", text, count=1).strip() or text
        return _unquoted(text)
    return None


def _unquoted(text: str) -> str:
    """A title set in quotes as a whole ("“Will it end?”"), without them; a title that only
    starts with a quotation keeps its marks."""
    if len(text) > 2 and text[0] in '“"' and text[-1] in '”"' and not _QUOTES.search(text[1:-1]):
        return text[1:-1].strip()
    return text


_QUOTES = re.compile('[“”"]')


def split_title(title: str, url: str | None = None) -> tuple[str, str | None]:
    """Split "Title | Outlet" (a page title with the site's name) into both parts. After a
    dash, one word is an outlet only when known or the site's own ("Title – Speaker" names who
    said it); a part the title starts with is its section ("Topic: ... | Topic"), dropped."""
    first = _SECTION_FIRST.match(title)
    if first is not None and is_nav_label(first.group(1)):
        title = first.group(2)  # "World News | Title": the section dropped
    m = _TITLE_SPLIT.match(title)
    if not m or not _looks_like_outlet(m.group(2)):
        return title, None
    head, tail = m.group(1).strip(), m.group(2).strip()
    while (last := _SECTION_LAST.match(head)) is not None and is_nav_label(last.group(2)):
        head = last.group(1).strip()  # "Title | News | Outlet": the section dropped too
    if head.lower().startswith(tail.lower()):
        return head, None
    dash = title[m.end(1) :].lstrip()[:1] in "–—-"
    if dash and len(tail.split()) == 1 and not _known_or_site(tail, url):
        return title, None
    return head, tail


def _known_or_site(name: str, url: str | None) -> bool:
    return name.lower() in _known_outlets() or (url is not None and names_site(name, url))


def _looks_like_outlet(text: str) -> bool:
    words = text.split()
    if text.lower() in _known_outlets():
        return True
    # A short run of capitalised words that is not a person's name.
    return (
        1 <= len(words) <= 5 and all(w[:1].isupper() for w in words) and not looks_like_name(text)
    )


# --- authors ---------------------------------------------------------------------------------
def extract_authors(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    """Names from the first byline that names people (one that names who wrote the piece
    before one that names who posted it), else the name a bio line starts with, else a house
    byline ("By the Harbour News Staff")."""
    body = " ".join(b.text for b in _of_kind(blocks, "paragraph"))
    bylines = [
        b
        for block in _of_kind(blocks, "byline", "heading")
        if (b := _byline_of(block)) and not _subject_of_body(block, b, body)
    ]
    named = [b for b in bylines if b.names]
    for byline in sorted(named, key=lambda b: b.poster):
        return byline.names
    for block in _of_kind(blocks, "bio"):
        m = compile_rule("cleaning", "bio", ignore_case=False).match(
            block.text.strip("*_ ").lstrip("—–- ")
        )
        if m:
            return (strip_honorifics(m.group(1).strip()),)
    house = next(((b.house,) for b in bylines if b.house), ())
    return house or _wire_byline(blocks)


def _subject_of_body(block: Block, byline: Byline, body: str) -> bool:
    """True for a line of names alone (no "By", no date) whose every surname the body then
    speaks of ("Ryosei Akazawa" under a title, and "Akazawa said" below): a caption of the
    person the story is about, not its author."""
    if not byline.names or read_byline(block.text) is not None:
        return False
    return all(re.search(rf"\b{re.escape(n.split()[-1])}\b", body) for n in byline.names)


def _wire_byline(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    """ "Name SURNAME -AGENCY- The text ...", "By Name Surname WASHINGTON — The text ...": the
    name a byline glued to the first paragraph gives, in normal case."""
    for block in [b for b in blocks if b.kind == "paragraph"][:2]:
        for rule in ("wire", "glued"):
            m = compile_rule("bylines", rule, ignore_case=False).match(block.text)
            if m:
                words = m.group(1).split()
                return (" ".join(w.capitalize() if w.isupper() else w for w in words),)
    return ()


def _byline_of(block: Block) -> Byline | None:
    """What a byline block says (a "By the X Staff" line may stand as a heading)."""
    if block.kind == "heading":
        byline = read_byline(block.text)
        return byline if byline is not None and byline.house else None
    text = _FIELD_KEY.sub("", block.text) if block.reason == "header field" else block.text
    return read_byline(text, bare=True)


# --- date ------------------------------------------------------------------------------------
def extract_date(blocks: tuple[Block, ...], url: str | None) -> str | None:
    """The publication date: the original one ("Originally published on ..." outside the body;
    a translation or a reprint dates itself too), a date line, then a date in a byline, field
    or disclaimer line, then one written into the article's address."""
    for block in blocks:
        if block.kind not in ("paragraph", "heading") and (iso := original_date(block.text)):
            return iso
    in_url = date_in_url(url) if url else None
    dated = [b for b in blocks if b.kind in ("date", "byline", "publication", "title", "source")]
    if in_url and any(in_url in date_readings(b.text) for b in dated):
        return in_url  # "05/04/2018" under /2018/05/04/ is 4 May; of two dates, the address's
    finders: list[Callable[[], str | None]] = [
        lambda: _from_date_lines(blocks),
        lambda: next(filter(None, (publication_date(b.text) for b in dated)), None),
        lambda: in_url,
        lambda: _from_header(blocks),
    ]
    return next(filter(None, (find() for find in finders)), None)


def _from_date_lines(blocks: tuple[Block, ...]) -> str | None:
    """The date of the last date line above the text that is no update (a page may print
    today's date on top, over the article's), else of the first date line."""
    first_text = next((i for i, b in enumerate(blocks) if b.kind == "paragraph"), len(blocks))
    found: list[tuple[int, str]] = []
    for i, block in enumerate(blocks):
        if block.kind != "date":
            continue
        text = _FIELD_KEY.sub("", block.text) if block.reason == "header field" else block.text
        iso = date_only(text) or publication_date(text)
        if iso:
            found.append((i, iso if not update_only(text) else ""))
    on_top = [iso for i, iso in found if i < first_text and iso]
    if len(on_top) >= 2:
        return on_top[-1]
    return next((iso for _, iso in found if iso), None) or next(
        (date_only(b.text) for b in _of_kind(blocks, "date") if date_only(b.text)), None
    )


def _from_header(blocks: tuple[Block, ...]) -> str | None:
    """A date inside a short header line that is no date line ("Roundup December 29th, 2022",
    "- The Daily X - Thursday, February 11, 2021"), words a scrape glued apart."""
    for block in blocks:
        if block.kind == "paragraph":
            return None
        if block.kind == "junk" and block.reason == "header furniture" and len(block.text) <= 100:
            iso = publication_date(_GLUED_WORDS.sub(" ", block.text))
            if iso:
                return iso
    return None


_GLUED_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z])")


# --- publication -------------------------------------------------------------------------------
def extract_publication(
    blocks: tuple[Block, ...],
    url: str | None,
    title_outlet: str | None = None,
    authors: tuple[str, ...] = (),
) -> str | None:
    """The outlet, from the sources listed in the module docstring, in that order."""
    # A newsletter's copyright line names its author: a person, not the publication.
    people = {a.lower() for a in authors}
    trail_site = _from_blocks(blocks, ("breadcrumb",), _site_of_trail, kind="junk")

    def copyright_holder(text: str) -> str | None:
        name = _named_in_copyright(text)
        if name is None or name.lower() in people:
            return None
        # "© Name Media" under "Name News › ...": the brand the site shows, not the company;
        # "© Wire Agency" under a wire story: the site that runs it
        if trail_site and (_same_first_word(trail_site, name) or _wire_agency(name)):
            return trail_site
        return name

    finders: list[Callable[[], str | None]] = [
        lambda: _from_blocks(blocks, ("source field", "header field"), _field_value),
        lambda: _from_blocks(blocks, ("masthead",), _masthead),
        lambda: _from_blocks(blocks, ("disclaimer",), _named_in_disclaimer),
        lambda: _from_blocks(blocks, ("copyright",), copyright_holder),
        # The site's name in its navigation trail, unless a byline names another outlet (a
        # repost: "By A, Outlet" on a site that copied the piece).
        lambda: None if _outlet_after_byline(blocks) else trail_site,
        lambda: _from_dateline(blocks),
        lambda: _from_blocks(
            blocks, ("running header", "repeated line"), _outlet_in_running_header, "junk"
        ),
        lambda: _from_blocks(blocks, ("page title",), _outlet_of_page_title),
        lambda: title_outlet,
        lambda: outlet_for_domain(url) if url else None,
        lambda: _masthead_of_domain(blocks, url) if url else None,
        lambda: _from_blocks(blocks, ("site address",), outlet_for_domain, kind="source"),
        lambda: _from_bio(blocks),
        lambda: _outlet_after_byline(blocks),
    ]
    for find in finders:
        found = find()
        if found:
            return found
    return None


@cache
def _wire_agencies() -> frozenset[str]:
    return frozenset(w.lower() for w in rule_list("outlets", "wire_agencies"))


def _wire_agency(name: str) -> bool:
    return name.lower() in _wire_agencies()


def _same_first_word(a: str, b: str) -> bool:
    return a.split()[0].lower() == b.split()[0].lower()


def _from_blocks(
    blocks: tuple[Block, ...],
    reasons: tuple[str, ...],
    read: Callable[[str], str | None],
    kind: str = "publication",
) -> str | None:
    for block in blocks:
        if block.kind == kind and block.reason in reasons:
            found = read(block.text.strip("*_ "))
            if found:
                return found
    return None


def _field_value(text: str) -> str | None:
    return _FIELD_KEY.sub("", text, count=1).strip(" \"'") or None


def _masthead(text: str) -> str | None:
    text = outlet_and_tagline(text) or text  # "Name | slogan": the name
    text = _masthead_prefix().sub("", text, count=1)  # "From Name": the name
    names = {name.lower(): name for name in _outlet_domains().values()}
    return names.get(text.strip().lower()) or normal_case(text.strip())


def _site_of_trail(text: str) -> str | None:
    """ "Site › News › Health": the site's name a navigation trail starts with."""
    name = site_of_trail(text)
    return normal_case(name) if name else None


def _named_in_disclaimer(text: str) -> str | None:
    for pattern in _disclaimer_patterns():
        m = pattern.search(text)
        if m:
            return _clean_outlet(m.group(1))
    return None


@cache
def _disclaimer_patterns() -> list[re.Pattern[str]]:
    return compile_patterns("outlets", "from_disclaimer", ignore_case=False)


def _named_in_copyright(text: str) -> str | None:
    m = compile_rule("cleaning", "copyright", ignore_case=False).match(text)
    return _clean_outlet(m.group(1)) if m else None


def _from_dateline(blocks: tuple[Block, ...]) -> str | None:
    """ "KYIV, May 4 (Agency) -": the agency a wire story's dateline names."""
    paragraphs = [b for b in blocks if b.kind == "paragraph"][:3]
    for block in paragraphs:
        m = _dateline().match(block.text)
        if m:
            return m.group(1).strip()
    return None


def _outlet_in_running_header(text: str) -> str | None:
    """ "Centre for X | Policy Brief 7": an organisation's name a PDF prints on every page."""
    name = re.split(r"\s+[|·•–—]\s+", text, maxsplit=1)[0].strip()
    words = name.split()
    if 2 <= len(words) <= 8 and any(w.lower() in _organisation_words() for w in words):
        return _clean_outlet(normal_case(name)) if name[:1].isupper() else None
    return None


def _outlet_of_page_title(text: str) -> str | None:
    return split_title(text)[1]


def _from_bio(blocks: tuple[Block, ...]) -> str | None:
    """ "A is a columnist at the X": a bio naming an editorial post at an outlet."""
    for block in _of_kind(blocks, "bio"):
        for pattern in compile_patterns("outlets", "from_bio", ignore_case=False):
            m = pattern.search(block.text)
            if m:
                return _clean_outlet(m.group(1))
    return None


def _outlet_after_byline(blocks: tuple[Block, ...]) -> str | None:
    """ "By A, Outlet" or "A | Outlet": an outlet-like tail after the names of a byline."""
    for block in _of_kind(blocks, "byline"):
        byline = read_byline(block.text, bare=True)
        if byline is None or not byline.names or not byline.tail:
            continue
        tail = byline.tail.split(", ")[-1]
        if tail.lower() in _known_outlets() or (
            _looks_like_outlet(tail) and not _role_words().search(tail)
        ):
            return tail
    return None


_JOINING_END = re.compile(r"(?:\s+(?:of|and|for|on|de|du|&))+$")


def _clean_outlet(name: str) -> str | None:
    name = re.sub(r"\s+(?:Ltd|Inc|LLC|GmbH|Corp|S\.A|plc)\.?$", "", name.strip(" .,;:*_"))
    # "first published in The Harbour Times on 3 May": the words that join a name do not end it
    name = _JOINING_END.sub("", name)
    # "reflect those of the Review" names "Review"; "The Moscow Times" keeps its "The".
    return name.removeprefix("the ") or None


def outlet_for_domain(url: str) -> str | None:
    """An outlet's name from the outlet table, by the address's domain."""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:  # not an address after all ("http://[broken")
        return None
    host = host.removeprefix("www.")
    table = _outlet_domains()
    while host:
        if host in table:
            return table[host]
        host = host.partition(".")[2]
    return None


def _masthead_of_domain(blocks: tuple[Block, ...], url: str) -> str | None:
    """A short line among the first of the page that spells the address's site name
    ("i24NEWS" on i24news.tv): the outlet, as the page writes it."""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return None
    label = host.removeprefix("www.").split(".")[0]
    if len(label) < 3:
        return None
    for block in blocks[:_MASTHEAD_REACH]:
        text = block.text.strip("*_# ")
        # the line itself, or the last word of furniture its line was joined to ("... Got
        # it! i24NEWS")
        last = text.rsplit(None, 1)[-1] if block.kind == "junk" and text else ""
        for candidate in (text, last):
            if len(candidate) <= 40 and _COMPACT.sub("", candidate).lower() == label.lower():
                return candidate
    return None


_MASTHEAD_REACH = 12
_COMPACT = re.compile(r"[\W_]+")


# --- url -------------------------------------------------------------------------------------
def extract_url(blocks: tuple[Block, ...]) -> str | None:
    """The original article's address from a source footer, a citation or an address field,
    else one a furniture line labels as the source ("... in the Review. Original: URL")."""
    for block in _of_kind(blocks, "source"):
        if block.reason == "site address":
            continue  # the outlet's home page, not the article's address
        for link in block.links:
            if link.href.startswith(("http://", "https://", "www.")):
                return link.href
        m = _URL_IN_TEXT.search(block.text)
        if m:
            return m.group().rstrip(">).,;")
    for block in _of_kind(blocks, "publication"):
        m = _labelled_address().search(block.text)
        if m:
            return m.group(1).rstrip(">).,;")
    return None


# --- bio -------------------------------------------------------------------------------------
def extract_bio(blocks: tuple[Block, ...]) -> str | None:
    """The author bio line, as text."""
    return next((b.text.strip("*_ ") for b in _of_kind(blocks, "bio")), None)


def _of_kind(blocks: tuple[Block, ...], *kinds: str) -> Iterator[Block]:
    return (b for b in blocks if b.kind in kinds)


@cache
def _labelled_address() -> re.Pattern[str]:
    """The source footer's label (`source` in rules/cleaning.yml) anywhere in a line, then an
    address."""
    label = load_rules("cleaning")["source"].removeprefix("^")
    return re.compile(rf"(?<!\w){label}((?:https?://|www\.)[^\s<>\"']+)", re.IGNORECASE)


@cache
def _masthead_prefix() -> re.Pattern[str]:
    return compile_rule("outlets", "masthead_prefix")


@cache
def _dateline() -> re.Pattern[str]:
    return compile_rule("outlets", "from_dateline", ignore_case=False)


@cache
def _organisation_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_rules("bylines")["organisation_words"])


@cache
def _title_labels() -> re.Pattern[str]:
    return compile_rule("cleaning", "title_labels")


@cache
def _outlet_domains() -> dict[str, str]:
    table = load_rules("outlets")["domains"]
    return {str(domain).lower(): str(name) for domain, name in table.items()}


@cache
def _known_outlets() -> frozenset[str]:
    return frozenset(name.lower() for name in _outlet_domains().values())


@cache
def _role_words() -> re.Pattern[str]:
    roles = load_rules("bylines")["roles"]
    return re.compile(r"\b(?:" + "|".join(re.escape(str(r)) for r in roles) + r")\b", re.I)
