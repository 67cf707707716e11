"""Bylines: one line of text in, the authors it names (or None when it is not a byline) out.

Used by the cleaner (is this line a byline?) and by metadata (who wrote the article). A byline
comes in many shapes: "By A and B", "BY A, B AND C", "Author(s): A; B", "A | 3 May 2023 |
5 min read", "Posted on 3 May 2023 by admin", "By A, Senior Fellow", "By A, Reuters". Dates,
reading times and filler words are set aside; what is left must be person names (or a CMS
placeholder such as "admin"), maybe followed by a role or an outlet (the `tail`).
The vocabulary (cues, placeholders, roles, organisation words, honorifics) is in
`rules/bylines.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from build_tools.article_cache import per_article
from build_tools.clean.dates import find_dates
from build_tools.rules import compile_rule, load_rules, rule_list

_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w’'-]*\.?|(?:[A-Z]\.){1,3}|[A-Z][a-z]?[A-Z][\w’'-]+)$"
)


@dataclass(frozen=True, slots=True)
class Byline:
    """What a byline says about the article's authors."""

    names: tuple[str, ...]
    """Real author names in order (honorifics dropped, capitals made normal case)."""
    placeholder: bool
    """The line names a CMS placeholder ("admin", "staff") instead of, or besides, a person."""
    tail: str = ""
    """What follows the names, such as a role or an outlet ("Senior Fellow", "Reuters")."""
    house: str = ""
    """The outlet's staff or team the line names instead of a person ("Harbour News Staff")."""
    poster: bool = False
    """The line names who posted the piece ("Posted by ..."), not who wrote it."""


@dataclass(frozen=True, slots=True)
class _Rules:
    cue: re.Pattern[str]
    poster_cue: re.Pattern[str]
    house: re.Pattern[str]
    glued_day: re.Pattern[str]
    separators: re.Pattern[str]
    author_separators: re.Pattern[str]
    filler: re.Pattern[str]
    honorifics: re.Pattern[str]
    handle: re.Pattern[str]
    place: _Splitter
    placeholders: frozenset[str]
    roles: frozenset[str]
    organisations: frozenset[str]
    particles: frozenset[str]
    not_names: frozenset[str]
    max_words: int


@dataclass(frozen=True, slots=True)
class _Splitter:
    """Splits a text at the first match of a pattern: (before, match, after)."""

    pattern: re.Pattern[str]

    def partition(self, text: str) -> tuple[str, str, str]:
        m = self.pattern.search(text)
        if m is None:
            return text, "", ""
        return text[: m.start()], m.group(), text[m.end() :]


@cache
def _rules() -> _Rules:
    raw = load_rules("bylines")
    return _Rules(
        cue=compile_rule("bylines", "cue"),
        poster_cue=compile_rule("bylines", "poster_cue"),
        house=compile_rule("bylines", "house", ignore_case=False),
        glued_day=compile_rule("bylines", "glued_day", ignore_case=False),
        separators=compile_rule("bylines", "separators"),
        author_separators=compile_rule("bylines", "author_separators"),
        filler=compile_rule("bylines", "filler"),
        honorifics=compile_rule("bylines", "honorifics"),
        handle=compile_rule("bylines", "handle"),
        place=_Splitter(compile_rule("bylines", "place", ignore_case=False)),
        placeholders=_lower_set("placeholders"),
        roles=_lower_set("roles"),
        organisations=_lower_set("organisation_words"),
        particles=_lower_set("name_particles"),
        not_names=_lower_set("not_names"),
        max_words=int(raw["max_words"]),
    )


def _lower_set(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in rule_list("bylines", key))


# "(Reuters)", "(The Harbour Post)": one to three capitalised words in brackets ending a line
_OUTLET_IN_BRACKETS = re.compile(r"\s*\(((?:[A-Z][\w.&-]*\s?){1,3})\)$")


@per_article
def read_byline(text: str, bare: bool = False) -> Byline | None:
    """The authors a byline line names, or None when `text` is not a byline.

    A line counts when it starts with a cue ("By", "Author:"), or gives a date next to the
    names ("A | 3 May 2023"); with `bare`, a line of names alone counts too (the caller knows
    the line stands where a byline stands, under the title). Cached: the cleaner and the
    metadata ask about the same lines several times.
    """
    r = _rules()
    line = r.glued_day.sub(" ", text.strip(" *_"))
    line = _OUTLET_IN_BRACKETS.sub(r" | \1", line)  # "Ana Morel (Reuters)": an outlet
    if not line or len(line.split()) > r.max_words:
        return None
    dates = find_dates(line)
    if not dates and not bare and not r.cue.search(line):
        return None  # the common case, settled cheaply: no cue, no date
    if line.endswith(":") and not dates and not r.cue.match(line):
        if not r.separators.search(line):
            return None  # "Full Text:": a label over what follows, not names
        line = line[:-1]  # "Jane Roe - Outlet:": a byline over the text
    for d in reversed(dates):
        line = f"{line[: d.start]} | {line[d.end :]}"
    saw_cue = False
    found: Byline | None = None
    tail: list[str] = []
    poster = bool(r.poster_cue.match(line))
    for part in r.separators.split(line):
        # (a dash left at the edge once a date or a time is taken out: "3 May 2023 - 13:39 By")
        part = r.filler.sub(" ", part).strip(" ,.:;-–—")
        if not part:
            continue
        cue = r.cue.match(part)
        if cue:
            saw_cue = True
            part = part[cue.end() :].strip(" ,.:;")
            if found is None and (house := r.house.match(part)):
                return Byline((), True, "", house.group(0).removeprefix("the ").strip(), poster)
        if found is None:
            found = _names(part)
            if found is None and (cue or not tail):
                return None  # the cue (or the line's first part) is not followed by names
            if found is None:
                tail.append(part)
        else:
            tail.append(part)
    if found is None or not (saw_cue or dates or bare):
        return None
    tail_text = ", ".join(t for t in (found.tail, *tail) if t)
    return Byline(found.names, found.placeholder, tail_text, poster=poster)


def _names(part: str) -> Byline | None:
    """Person names (and placeholders) at the start of `part`; the rest is the tail."""
    r = _rules()
    pieces = [p for p in r.author_separators.split(part) if p and p.strip()]
    names: list[str] = []
    roles: list[str] = []
    placeholder = False
    for i, piece in enumerate(pieces):
        piece = r.handle.sub("", piece)  # "Jane Roe @janeroe": the name
        piece = r.honorifics.sub("", piece.strip(" .:*_()")).strip()
        # "Jane Roe in Kyiv", "Jane Roe for Reuters": a place (dropped) or an outlet (kept in
        # the tail) after the name.
        piece, word, where = r.place.partition(piece)
        where = where if word.strip().lower() in ("for", "via") else ""
        # "Jane Okafor LAGOS": a dateline in capitals after a name in normal case
        piece = _DATELINE_AFTER.sub("", piece)
        if piece.lower() in r.placeholders:
            placeholder = True
            continue
        if not looks_like_name(piece) and (split := _name_then_outlet(piece)) is not None:
            # "By David Ignatius Washington Post": the name, then the outlet, no comma
            names.append(normal_case(split[0]))
            return Byline(tuple(names), placeholder, ", ".join([split[1], *pieces[i + 1 :]]))
        if not looks_like_name(piece):
            if not names and not placeholder:
                return None
            if _role_only(piece) and any(looks_like_name(p.strip()) for p in pieces[i + 1 :]):
                roles.append(piece)  # "A, senior fellow, and B, ...": the names go on
                continue
            tail = ", ".join([*roles, *(p.strip() for p in pieces[i:])])
            return Byline(tuple(names), placeholder, tail)
        names.append(normal_case(piece))
        if where:
            return Byline(tuple(names), placeholder, ", ".join([where, *pieces[i + 1 :]]))
    if not names and not placeholder:
        return None
    return Byline(tuple(names), placeholder, ", ".join(roles))


# " LAGOS", " NEW YORK": words in capitals ending a name written in normal case
_DATELINE_AFTER = re.compile(r"(?<=[a-z])(?:\s+[A-Z][A-Z.’'-]{2,})+$")


def _name_then_outlet(piece: str) -> tuple[str, str] | None:
    """(name, outlet) for a name run into its outlet's name ("David Ignatius Washington
    Post"): capitalised words ending in an organisation word after two or three that look
    like a name."""
    r = _rules()
    words = piece.split()
    if not 3 <= len(words) <= 8 or not _organisation_word(words[-1].lower().strip(".,"), r):
        return None
    for k in (2, 3):
        head, rest = " ".join(words[:k]), words[k:]
        if rest and looks_like_name(head) and all(_NAME_WORD.match(w) for w in rest):
            return head, " ".join(rest)
    return None


def _role_only(piece: str) -> bool:
    """A role and nothing else ("senior fellow", "Research Director"): role and organisation
    words, no name of a place or an institution."""
    r = _rules()
    words = [w.lower().strip(".,") for w in piece.split()]
    return (
        0 < len(words) <= 4
        and any(w in r.roles for w in words)
        and all(w in r.roles or w in r.organisations or w in _ROLE_GLUE for w in words)
    )


def without_handle(text: str) -> str:
    """`text` without a social-media handle at its end ("Jane Roe @janeroe": "Jane Roe")."""
    return _rules().handle.sub("", text)


def looks_like_name(text: str) -> bool:
    """Two to five capitalised words (particles such as "de" allowed), none of them a role,
    an organisation word or a common word: a person's name, not a title or an outlet."""
    r = _rules()
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    for word in words:
        low = word.lower().strip(".,")
        if low in r.particles:
            continue
        if low in r.roles or low in r.not_names or _organisation_word(low, r):
            return False
        if not _NAME_WORD.match(word):
            return False
    return words[-1].lower() not in r.particles


def _organisation_word(word: str, r: _Rules) -> bool:
    """An organisation word, alone or in a hyphenated one ("Review-Journal")."""
    return word in r.organisations or any(p in r.organisations for p in word.split("-"))


def normal_case(name: str) -> str:
    """A name in capitals ("KATERYNA BONDAR", "CENTRE FOR EASTERN STUDIES") in normal case,
    small inner words in lower case ("de", "for"); other names unchanged."""
    if not (name.isupper() and any(len(w) > 2 for w in name.split())):
        return name
    small = _rules().particles | _SMALL_WORDS
    return " ".join(
        w.lower() if k and w.lower() in small else w.title() if len(w) > 2 or "." not in w else w
        for k, w in enumerate(name.split())
    )


_ROLE_GLUE = frozenset(("of", "for", "and", "the", "at", "on", "in", "de"))
_SMALL_WORDS = frozenset(("of", "for", "and", "the", "on", "in", "at", "to"))


def strip_honorifics(name: str) -> str:
    """A name without a leading "Dr.", "Prof." or the like."""
    return _rules().honorifics.sub("", name).strip()
