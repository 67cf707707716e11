"""Actors: text in, the parties and names it mentions out, through the gazetteer in
`rules/actors.yml` (Putin, the Kremlin, Moscow -> Russia; Zelensky, Kyiv, Kiev -> Ukraine).

Besides gazetteer parties, a mention can be a proper name the gazetteer does not know (a think
tank, an official), the article's author ("we"), a pronoun, a reference back to a group
("Others"), or a subject that names nobody ("no serious analyst"). `attribution.py` decides
which mention is the party of an item; this module only finds and names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from build_tools.article_cache import per_article
from build_tools.errors import BriefingError
from build_tools.extract.phrases import lower_same_length, trie_pattern
from build_tools.rules import RULES_DIR, compile_alternation, load_rules, rule_list, stopwords

MentionKind = Literal["party", "name", "author", "pronoun", "refer", "negative", "group"]

# A capitalised word: "Kyiv", "U.S.", "NATO's", "Co-operation", "Zelenskyy".
_CAP = r"[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w’'.-]*"
# Runs of capitalised words, joined by spaces or by the small words of long names
# ("Council for International Relations", "Kyiv School of Economics").
# No look-behind first: the regex engine can then skip to a capital letter; `_runs` drops the
# runs that start inside a word.
_RUN = re.compile(rf"{_CAP}(?:\s+(?:(?:of|for|on|de|von|van|der|al|the)\s+)*{_CAP})*")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_OWNED = ("'s", "’s", "'", "’")
# Compiled once: `re.finditer(r"...")` looks each pattern up in re's cache at every call.
_POSSESSIVE_CUT = re.compile(r"(?:'s|’s)(?=\s)")
_TOKEN = re.compile(r"\S+")
_TITLE_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)")


@dataclass(frozen=True, slots=True)
class Party:
    """A canonical party of the gazetteer."""

    name: str
    """Canonical name, e.g. `Russia`."""
    kind: str
    """state, alliance, organisation, group or person."""


@dataclass(frozen=True, slots=True)
class Mention:
    """Words in a sentence that name (or point to) someone."""

    start: int
    """Offset of the first character in the text searched."""
    end: int
    """Offset just after the mention."""
    text: str
    """The words as written."""
    kind: MentionKind
    """What the words are: a gazetteer `party`, a `name` outside it, the `author`, a
    `pronoun`, a `refer`ence back to a group, a `negative` subject, or a named `group`."""
    party: str
    """Canonical party for `party`, the name for `name` and `group`, `author`, else the words."""
    possessive: bool = False
    """The mention owns the next words ("Moscow's", "Ukraine’s")."""


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    parties: dict[str, Party]
    alias_of: dict[str, str]
    cased: dict[str, str]
    """Lower-case key -> the words after the first as the rules write them, for aliases that
    are common words unless capitalised ("the Union", "the Commission"): "the union" of
    workers is no European Union."""
    pattern: re.Pattern[str]
    """Every alias, author mention and reference word as one prefix tree, lower case, for
    lower-cased text (see `_words_in`)."""
    author_words: frozenset[str]
    refer_words: frozenset[str]
    adjectives: dict[str, str]
    titles: frozenset[str]
    org_words: frozenset[str]
    document_after: re.Pattern[str]
    """A word of `document_heads` right after a name ("... accord")."""
    position_words: frozenset[str]
    common: frozenset[str]
    name_verbs: frozenset[str]
    pronouns: frozenset[str]
    negative: re.Pattern[str]
    group: re.Pattern[str]
    group_words: tuple[str, ...]
    """The head nouns of `group`, lower case: a quick test (most sentences have none)."""
    official: re.Pattern[str]
    official_word: re.Pattern[str]
    """A quick test for the adjectives `official` starts with."""


@cache
def _gazetteer() -> _Gazetteer:
    rules = load_rules("actors")
    where = str(RULES_DIR / "actors.yml")
    parties: dict[str, Party] = {}
    alias_of: dict[str, str] = {}
    cased: dict[str, str] = {}
    entries = rules.get("parties")
    if not isinstance(entries, dict):
        raise BriefingError(where, "'parties' must map party names to {kind, aliases}")
    for name, entry in entries.items():
        if not isinstance(entry, dict):
            raise BriefingError(where, f"party {name!r} must be a mapping with kind and aliases")
        parties[name] = Party(name=name, kind=str(entry.get("kind", "group")))
        for alias in [name, *entry.get("aliases", [])]:
            alias_of.setdefault(str(alias).lower(), name)
            first, _, rest = str(alias).partition(" ")
            if first.islower() and rest and rest != rest.lower():
                cased[str(alias).lower()] = rest
    author_words = frozenset(w.lower() for w in rule_list("actors", "author_mentions"))
    groups_rule = rules.get("groups", {})
    refer_words = frozenset(
        str(w).lower()
        for w in (groups_rule.get("refers_back", []) if isinstance(groups_rule, dict) else [])
    )
    # Case-sensitive over lower-cased text (`_words_in`), tried at word starts only: almost
    # every letter can start an alias, so a look-behind that skips the inside of words is
    # cheaper than trying the prefix tree there.
    everything = sorted(set(alias_of) | author_words | refer_words)
    pattern = re.compile(r"(?<![\w’'-])(?:" + trie_pattern(everything) + r")(?:'s|’s)?(?![\w’-])")
    adjectives = rules.get("adjectives", {})
    if not isinstance(adjectives, dict):
        raise BriefingError(where, "'adjectives' must map words to party names")
    groups = rules.get("groups", {})
    if not isinstance(groups, dict) or not isinstance(groups.get("introduces"), str):
        raise BriefingError(where, "'groups' needs an 'introduces' pattern")
    return _Gazetteer(
        parties=parties,
        alias_of=alias_of,
        cased=cased,
        pattern=pattern,
        author_words=author_words,
        refer_words=refer_words,
        adjectives={str(k).lower(): str(v) for k, v in adjectives.items()},
        titles=frozenset(w.lower() for w in rule_list("actors", "titles")),
        org_words=frozenset(w.lower() for w in rule_list("actors", "org_words")),
        document_after=compile_alternation("actors", "document_heads", r"\s+(?:{})\b"),
        position_words=frozenset(w.lower() for w in rule_list("actors", "position_nouns")),
        common=frozenset(w.lower() for w in rule_list("actors", "common_capitalised"))
        | stopwords(),
        name_verbs=frozenset(w.lower() for w in rule_list("actors", "name_verbs")),
        pronouns=frozenset(w.lower() for w in rule_list("actors", "pronouns")),
        negative=re.compile(
            r"^(?:" + "|".join(rule_list("actors", "negative_subjects")) + r")\b", re.IGNORECASE
        ),
        group=re.compile(groups["introduces"], re.IGNORECASE),
        group_words=tuple(str(w).lower() for w in groups.get("head_words", [])),
        official=_official_pattern(adjectives, rule_list("actors", "titles")),
        official_word=re.compile(
            trie_pattern(sorted(str(a) for a in adjectives if str(a)[:1].isupper()))
        ),
    )


def _official_pattern(adjectives: dict[str, str], titles: list[str]) -> re.Pattern[str]:
    """ "the Estonian prime minister", "Russian officials": a party adjective, up to two
    words, then a title."""
    adjs = "|".join(re.escape(str(a)) for a in sorted(adjectives, key=len, reverse=True))
    names = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True) if len(t) > 3)
    title = rf"(?i:{names})s?"
    return re.compile(
        rf"(?<![\w-])({adjs})\s+(?:[a-z][\w-]*\s+){{0,2}}{title}(?:\s+{title})*(?![\w-])"
    )


def _words_in(text: str, low: str, g: _Gazetteer) -> list[tuple[int, int, str, str]]:
    """(start, end, words as written, lower-case key) of every gazetteer word in `text`
    (`low` is `text` in lower case); the pattern only matches at the start of a word."""
    return [
        (m.start(), m.end(), text[m.start() : m.end()], _unowned(m.group()))
        for m in g.pattern.finditer(low)
    ]


def _written_as(written: str, key: str, g: _Gazetteer) -> bool:
    """True unless the alias must be capitalised after its first word and is not here."""
    rest = g.cased.get(key)
    return rest is None or _unowned(written).partition(" ")[2] == rest


def _unowned(word: str) -> str:
    """`word` without a possessive ending ("Kyiv's" -> "Kyiv")."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    if word.endswith(("'", "’")):
        return word[:-1]
    return word


def find_parties(text: str) -> list[tuple[str, int, int]]:
    """(party, start, end) for every gazetteer mention in `text`, in order.

    An alias that is only part of a longer proper name (a think tank, a plan) is left out.
    """
    return [(m.party, m.start, m.end) for m in find_mentions(text) if m.kind == "party"]


# "the Alliance of Small Island States", "the Union of Concerned Scientists": a common noun's
# alias ("the Alliance") that heads a longer proper name is no mention of its party.
_HEAD_OF_NAME = re.compile(r" of (?:the )?[A-Z][a-z]")


@cache
def _qualified_noun() -> re.Pattern[str]:
    """ "the Union government", "the Union ministers": a common noun's alias ("the Union")
    used as a modifier of a noun of `alias_modified_nouns` names something else (a country's
    own federal government), not the alias's party."""
    return compile_alternation("actors", "alias_modified_nouns", r"\s+(?:{})\b")


@per_article
def find_mentions(text: str) -> list[Mention]:
    """Every gazetteer party, proper name, author mention and group reference in `text`."""
    g = _gazetteer()
    low = lower_same_length(text)
    words = _words_in(text, low, g)
    aliases = [
        (s, e, w)
        for s, e, w, key in words
        if key in g.alias_of
        and _written_as(w, key, g)
        and not (key.startswith("the ") and _HEAD_OF_NAME.match(text, e))
        and not (key.startswith("the ") and _qualified_noun().match(text, e))
        and not _names_document(text, s, e, key, g)
    ]
    found: list[Mention] = []
    claimed: list[tuple[int, int]] = []
    alias_starts = {a[0] for a in aliases}
    for run in _RUN.finditer(text):
        at = run.start()
        if at and (text[at - 1].isalnum() or text[at - 1] in "’'-_"):
            continue  # a capital inside a word
        word = run.group()
        if " " not in word and (at in alias_starts or _bare(word) in g.common):
            continue  # "Kyiv", "The": an alias or no name (decided without the rest)
        for start, end in _run_pieces(text, run.start(), run.end()):
            inside = [a for a in aliases if a[0] < end and a[1] > start]
            name = _distinct_name(text, start, end, inside, g)
            if name is not None:
                found.append(name)
                claimed.append((start, end))
    for a in aliases:
        if not any(s <= a[0] < e for s, e in claimed):
            found.append(_alias_mention(a, g))
    for start, end, written, key in words:
        if key in g.alias_of:
            continue
        if key in g.author_words and _is_author_mention(written):
            found.append(_mention(start, end, written, "author", "author"))
        elif key in g.refer_words:
            found.append(_mention(start, end, written, "refer", written))
    found.extend(_groups(text, low, g))
    # Tried only where a party adjective stands: a scan of the whole text costs much more.
    for adjective in g.official_word.finditer(text):
        m = g.official.match(text, adjective.start())
        if m is not None and not _FORMER_BEFORE.search(text, 0, m.start()):
            community = _DEMONYM_BEFORE.search(text, 0, m.start())
            if community is not None and community.group(1).lower() in g.adjectives:
                # "the Turkish Cypriot delegation": a community, no voice of either state
                community_name = f"{community.group(1)} {m.group(1)}"
                found.append(
                    _mention(community.start(), m.end(1), community_name, "name", community_name)
                )
                continue
            party = g.adjectives[m.group(1).lower()]
            found.append(_mention(m.start(), m.end(), m.group(), "party", party))
    found.sort(key=lambda m: (m.start, -m.end))
    kept = [m for m in _drop_overlaps(found) if not _former_office(text, m, g)]
    return [_official_name(m, g, text) for m in kept]


# A capitalised word right before another demonym ("Turkish " of "Turkish Cypriot")
_DEMONYM_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")


def _names_document(text: str, start: int, end: int, key: str, g: _Gazetteer) -> bool:
    """True for an alias other than the party's own name between "the" and a word of a
    document or a meeting ("the second Lisbon accord", "the Oslo talks"): it names that, not
    the state ("Moscow talks tough" is Moscow)."""
    return (
        key != g.alias_of[key].lower()
        and g.document_after.match(text, end) is not None
        and _THE_BEFORE.search(text, max(0, start - 30), start) is not None
    )


_THE_BEFORE = re.compile(r"\bthe\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


def _former_office(text: str, m: Mention, g: _Gazetteer) -> bool:
    """True for a party named only in a former official's title ("former UK trade secretary
    X"): the person speaks for themself, not for that party."""
    party_word = m.kind == "party" or (m.kind == "name" and " " not in m.text.strip())
    if not party_word or not _FORMER_BEFORE.search(text, 0, m.start):
        return False
    # then a role ("trade secretary", "Prime Minister") and a name
    title = _TITLE_WORDS.match(text, m.end)
    if title is None:
        return False
    words = title.group(1).split()
    return all(w.islower() or w.lower() in g.titles for w in words)


_TITLE_WORDS = re.compile(r"\s+((?:[A-Za-z]+\s+){0,3}?[A-Za-z]+)\s+(?=[A-Z][a-z])")


def _official_name(m: Mention, g: _Gazetteer, text: str = "") -> Mention:
    """A name that opens with a party adjective and a title ("Iranian Supreme Leader X",
    "Israeli Defence Minister Y") speaks for that party, though the gazetteer lacks the person;
    so does a name after an organisation's acronym and a title in lower case ("UAW president
    X", "NATO chief Y")."""
    if m.kind != "name":
        return m
    words = m.text.split()
    if len(words) < 3 or not any(w.lower() in g.titles for w in words[1:3]):
        org = _ORG_TITLE.search(text, max(0, m.start - 60), m.start)
        if org is None or not all(w in g.titles for w in org.group(2).split()):
            return m
        if "former" in org.group(2) or _FORMER_BEFORE.search(text, 0, org.start()):
            return m  # "former US secretary of state X" speaks for no party
        acronym = org.group(1)
        return replace(m, kind="party", party=resolve_party(f"the {acronym}") or acronym)
    party = g.adjectives.get(words[0].lower())
    return m if party is None else replace(m, kind="party", party=party)


_FORMER_BEFORE = re.compile(r"\b(?i:former|ex-?)\s*$")
# "UAW president ", "NATO's chief ": an acronym, then titles in lower case, up to a name.
_ORG_TITLE = re.compile(r"(?<![\w’'-])([A-Z][A-Z&]{1,7})(?:['’]s)?\s+((?:[a-z]+\s+){1,3})$")


def first_mention(text: str) -> Mention | None:
    """The first mention of `find_mentions(text)`, found in the first words when it is there
    (a subject is near its clause's start; the rest of a long sentence need not be read)."""
    if len(text) > _WINDOW:
        cut = text.find(" ", _WINDOW - 40)
        if cut != -1:
            found = find_mentions(text[:cut])
            # Well inside the window: no longer name can run on past the cut.
            if found and found[0].end < cut - 30:
                return found[0]
    found = find_mentions(text)
    return found[0] if found else None


_WINDOW = 100


def find_groups(text: str) -> list[Mention]:
    """The named camps, schools and sides in `text` ("the first camp")."""
    return _groups(text, lower_same_length(text), _gazetteer())


def _groups(text: str, low: str, g: _Gazetteer) -> list[Mention]:
    heads = [i for word in g.group_words if word in low for i in _find_all(low, word)]
    if not heads:
        return []
    found = []
    seen = -1
    # The pattern is tried only in the few words before each head noun ("the first camp").
    for head in sorted(heads):
        for m in g.group.finditer(text, max(head - 40, seen, 0), head + 12):
            found.append(_mention(m.start(), m.end(), m.group(), "group", _group_name(m)))
            seen = m.end()
    return found


def _find_all(text: str, word: str) -> list[int]:
    """Offsets of `word` in `text` where it starts a word."""
    out = []
    i = text.find(word)
    while i != -1:
        if not i or not text[i - 1].isalnum():
            out.append(i)
        i = text.find(word, i + 1)
    return out


def _group_name(m: re.Match[str]) -> str:
    return " ".join(part for part in m.groups() if part).lower()


def _is_author_mention(words: str) -> bool:
    # "I" and "we" are the author; a capital "US" is the United States, not "us".
    return words != "US"


def _mention(start: int, end: int, text: str, kind: MentionKind, party: str) -> Mention:
    return Mention(start, end, text, kind, party, text.endswith(_OWNED))


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _run_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run of capitalised words cut after each possessive.

    "Kyiv's Energy Ministry": the possessive owns what follows, so the name ends there.
    """
    pieces = []
    for m in _POSSESSIVE_CUT.finditer(text[start:end]):
        cut = start + m.end()
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


Token = tuple[int, int, str]


def _opening_participle(text: str, token: Token, inside: list[Token]) -> bool:
    """True for an "-ing" word that opens a sentence before a name ("Echoing X", "Citing
    Y"): capitalised for its place, no part of the name."""
    word = token[2]
    return (
        word.endswith("ing")
        and word[1:].islower()
        and _sentence_start(text, token[0])
        and not _covered(token, inside)
    )


def _distinct_name(
    text: str, start: int, end: int, inside: list[Token], g: _Gazetteer
) -> Mention | None:
    """The mention a run of capitalised words makes beyond its gazetteer aliases.

    A `name` when the run names someone else ("European Council for International
    Relations"); a `party` for an official of a party ("Chinese Foreign Minister X"); None
    when the aliases inside the run say it all ("Russian President Putin").
    """
    tokens = [
        (m.start() + start, m.end() + start, m.group()) for m in _TOKEN.finditer(text[start:end])
    ]
    while tokens and _bare(tokens[0][2]) in g.common and not _covered(tokens[0], inside):
        tokens = tokens[1:]
    if len(tokens) > 1 and _opening_participle(text, tokens[0], inside):
        tokens = tokens[1:]  # "Echoing Poroshenko, ...": the participle opens the sentence
    uncovered = [t for t in tokens if not _covered(t, inside) and not _party_word(t, g)]
    if not uncovered:
        return None
    span = text[tokens[0][0] : tokens[-1][1]]
    position = len(tokens) > 1 and all(_bare(t[2]) in g.position_words for t in tokens[1:])
    if position and _bare(tokens[0][2]) in g.adjectives and not inside:
        # "Russian Conditions", "the Ukrainian Peace Formula": that party's position
        party = g.adjectives[_bare(tokens[0][2])]
        return _mention(tokens[0][0], tokens[-1][1], span, "party", party)
    if not any(_bare(t[2]) in g.org_words for t in uncovered) and _official(tokens, inside, g):
        first = tokens[0]
        party = (
            g.alias_of[_POSSESSIVE.sub("", inside[0][2]).lower()]
            if inside
            else g.adjectives[_bare(first[2])]
        )
        return _mention(first[0], tokens[-1][1], span, "party", party)
    if (
        len(tokens) == 1
        and _sentence_start(text, tokens[0][0])
        and not _owns_title(text, tokens[0], g)
        and not _verb_after(text, tokens[0][1], g)
    ):
        return None  # one capitalised word opening a sentence: most likely no name
    if all(_bare(t[2]) in g.titles or _bare(t[2]) in g.common for t in tokens):
        return None
    demonym = _bare(tokens[0][2]) if len(tokens) == 1 else ""
    if demonym.endswith("s") and demonym[:-1] in g.adjectives:
        # "The Israelis", "the Saudis": the people of a party, that party
        return _mention(tokens[0][0], tokens[0][1], span, "party", g.adjectives[demonym[:-1]])
    return _mention(tokens[0][0], tokens[-1][1], span, "name", _clean_name(span))


def lone_name(text: str) -> str | None:
    """The name that `text` is when it is one capitalised word and no common one: the whole
    subject of a clause whose verb follows ("Okafor" of "Okafor demanded ...")."""
    word = text.strip()
    if not _LONE_WORD.fullmatch(word):
        return None
    g = _gazetteer()
    bare = _bare(word)
    if bare in g.common or bare in g.titles or bare in g.adjectives or bare in g.alias_of:
        return None
    return word


_LONE_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def _verb_after(text: str, end: int, g: _Gazetteer) -> bool:
    """True when a verb that a party does ("said", "presented") follows right after `end`."""
    m = _NEXT_WORD.match(text, end)
    return bool(m and m.group(1) in g.name_verbs)


_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def _owns_title(text: str, token: Token, g: _Gazetteer) -> bool:
    """True for "Slovakia's prime minister": a possessive name before an official's title."""
    if not _POSSESSIVE.search(token[2]):
        return False
    following = _TITLE_AFTER.match(text, token[1])
    return bool(following and following.group(1).rstrip("s") in g.titles | {"minister"})


def _party_word(token: Token, g: _Gazetteer) -> bool:
    word = _bare(token[2])
    return word in g.titles or word in g.adjectives


def _covered(token: Token, inside: list[Token]) -> bool:
    return any(a[0] <= token[0] < a[1] for a in inside)


def _official(tokens: list[Token], inside: list[Token], g: _Gazetteer) -> bool:
    """True for "Russian Foreign Minister X": a party word first, titles, then a short name."""
    if not (_covered(tokens[0], inside) or _bare(tokens[0][2]) in g.adjectives):
        return False
    seen_title = False
    for i, t in enumerate(tokens):
        word = _bare(t[2])
        if _covered(t, inside) or (i == 0 and word in g.adjectives):
            continue
        if word in g.titles:
            seen_title = True
            continue
        rest = tokens[i:]
        return seen_title and len(rest) <= 3 and all(_bare(r[2]) not in g.titles for r in rest)
    return True


def _alias_mention(alias: Token, g: _Gazetteer) -> Mention:
    start, end, words = alias
    party = g.alias_of[_unowned(words).lower()]
    return _mention(start, end, words, "party", party)


def _bare(token: str) -> str:
    return _unowned(token).strip(".,;:!?“”\"'()").lower()


def _clean_name(words: str) -> str:
    return _POSSESSIVE.sub("", words).strip(".,;:!?“”\"'() ")


def _sentence_start(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" “\"'‘(")
    return not before or before[-1] in ".!?:;"


def is_organisation(name: str) -> bool:
    """True when a name outside the gazetteer names a body ("the Eastern Institute", "X
    Group"), not a person or a place: one of its words is an organisation word."""
    g = _gazetteer()
    return any(_bare(w) in g.org_words for w in name.split())


@cache
def agentive() -> re.Pattern[str]:
    """Endings of plural nouns that name people by what they do (`agent_endings`)."""
    endings = "|".join(re.escape(e) for e in rule_list("actors", "agent_endings"))
    return re.compile(rf"(?:{endings})$")


@cache
def _side_nouns() -> frozenset[str]:
    return frozenset(n.lower() for n in rule_list("actors", "party_nouns"))


def side_noun(word: str) -> str | None:
    """The side of talks a noun names, as the party's name ("union", "employers",
    "shipowners"; "rebel", as in "a rebel plan", is the rebels), or None."""
    lower = word.lower()
    nouns = _side_nouns()
    if lower in nouns or (lower.endswith("s") and agentive().search(lower) is not None):
        return lower
    return lower + "s" if lower + "s" in nouns else None


def names_a_side(text: str) -> bool:
    """True when a clause's subject names a side of the talks: a party of the gazetteer
    ("Israel", "the Kremlin") or a side noun of the list ("the government", "management";
    not a noun that only looks like a doer's, "prisoners")."""
    words = text.split()
    if not words:
        return False
    if any(m.kind == "party" for m in find_mentions(text)):
        return True
    return words[-1].strip(",.;:’'").lower() in _side_nouns()


def adjective_party(word: str) -> str | None:
    """The party an owner adjective names ("Russian" -> Russia), or None."""
    return _gazetteer().adjectives.get(word.lower())


def is_pronoun(word: str) -> bool:
    """True for he, she, they, it and their possessives."""
    return word.lower() in _gazetteer().pronouns


def negative_subject(text: str) -> bool:
    """True when `text` opens with a subject that names nobody ("no serious analyst")."""
    return bool(_gazetteer().negative.match(text))


def resolve_party(mention: str) -> str | None:
    """The canonical party a mention names, or None when the gazetteer does not know it."""
    found = find_parties(mention)
    return found[0][0] if found else None


def party_kind(name: str) -> str:
    """The kind of a canonical party (`group` for parties outside the gazetteer)."""
    party = _gazetteer().parties.get(name)
    return party.kind if party else "group"


def is_official(name: str) -> bool:
    """True for a gazetteer party that speaks officially: a state, alliance or organisation."""
    return party_kind(name) in ("state", "alliance", "organisation")


def known_parties() -> list[Party]:
    """Every party of the gazetteer, in file order."""
    return list(_gazetteer().parties.values())
