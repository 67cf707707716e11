"""Enumerations: an item's phrase in, its elements out ("A, B and C" -> A, B, C).

Also the small tidying every phrase gets: leading "that"/"to" dropped, trailing punctuation and
unbalanced quotes removed, list bullets ("•", "1.") stripped. The vocabulary is
`rules/enumerations.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from build_tools.errors import BriefingError
from build_tools.rules import RULES_DIR, load_rules, rule_list, stopwords

# Quotes and brackets that hold a piece together (’ is left out: it is also an apostrophe).
_OPEN = "“([«"
_CLOSE = "”)]»"
_CLOSE_QUOTES = ("”", "»")
_MAX_PHRASE = 320
# Compiled once: `re.sub(r"...")` looks each pattern up in re's cache at every call.
_LEADING_AND = re.compile(r"^(?:and|or|and also|but also)\s+", re.IGNORECASE)
_WORDS = re.compile(r"[\w’'-]+")
_AND_WORD = re.compile(r"\s+(?:and|or)\s+(\w+)")
_LONG_WORD = re.compile(r"[\w’'-]{3,}")
# "(1) ", "(ii) ", "b) ": a number that marks an element of a list inside a sentence
_NUMBER_MARK = re.compile(
    r"(?:^|(?<=[;,:]\s)|(?<=[;,:]\sand\s))\s*\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])\)\s+"
)
_LIST_JOINT = re.compile(r"[;,]?\s*(?:and|or)?\s*$")
_FOOTNOTE_END = re.compile(r"(?<=[a-z])\.\d{1,3}$")
_AUXILIARY_END = re.compile(
    r"\b(?:will|would|can|could|should|must|may|might|do|does|did|is|are|was|were)$",
    re.IGNORECASE,
)
_NOT_ONLY_BUT = re.compile(
    r"\s+not only\s+(?=[^;]*?(?P<but>,?\s+but(?:\s+also)?\s+))", re.IGNORECASE
)
_NOT_ONLY = re.compile(r"\s+not only\b", re.IGNORECASE)


def pairs_not_only(text: str, start: int = 0, end: int | None = None) -> bool:
    """True when `text[start:end]` holds a "not only" that opens a pair of elements ("demand
    that X not only A, but B"); after an auxiliary ("which will not only A but B") it says
    what something would do, no pair."""
    stop = len(text) if end is None else end
    return any(
        not _AUXILIARY_END.search(text, 0, m.start()) for m in _NOT_ONLY.finditer(text, start, stop)
    )


@dataclass(frozen=True, slots=True)
class _Rules:
    lead_in: re.Pattern[str]
    separator: re.Pattern[str]
    non_item: frozenset[str]
    determiners: frozenset[str]
    comparatives: frozenset[str]
    finite_verbs: frozenset[str]
    not_adverbs: frozenset[str]
    min_words: int
    leading: re.Pattern[str]
    bullet: re.Pattern[str]
    empty: frozenset[str]
    example: re.Pattern[str]
    place_nouns: frozenset[str]
    person_titles: frozenset[str]
    apposition: re.Pattern[str]
    remark: re.Pattern[str]
    clause: re.Pattern[str]
    coordination: re.Pattern[str]
    adjective_end: re.Pattern[str]


def _alternation(key: str) -> str:
    entries = sorted(rule_list("enumerations", key), key=len, reverse=True)
    return "|".join(f"(?:{e})" for e in entries)


@cache
def _rules() -> _Rules:
    raw = load_rules("enumerations")
    where = str(RULES_DIR / "enumerations.yml")
    min_words = raw.get("min_words", 2)
    if not isinstance(min_words, int):
        raise BriefingError(where, "'min_words' must be a whole number")
    try:
        return _Rules(
            lead_in=re.compile(rf"^(?:{_alternation('lead_ins')})\b[,:]?\s*", re.IGNORECASE),
            separator=re.compile(rf"\s+(?:{_alternation('separators')})\s+", re.IGNORECASE),
            non_item=frozenset(w.lower() for w in rule_list("enumerations", "non_item_starts")),
            determiners=frozenset(w.lower() for w in rule_list("enumerations", "determiners")),
            comparatives=frozenset(w.lower() for w in rule_list("enumerations", "comparatives")),
            finite_verbs=frozenset(w.lower() for w in rule_list("enumerations", "finite_verbs")),
            not_adverbs=frozenset(w.lower() for w in rule_list("enumerations", "not_adverbs")),
            min_words=min_words,
            leading=re.compile(rf"^(?:(?:{_alternation('leading_words')})\s+)+", re.IGNORECASE),
            bullet=re.compile(rf"^\s*(?:{_alternation('bullets')})\s+"),
            empty=frozenset(w.lower() for w in rule_list("enumerations", "empty_words"))
            | stopwords(),
            example=re.compile(rf"^(?:{_alternation('examples')})\s+", re.IGNORECASE),
            adjective_end=re.compile(
                rf"(?:^|\b(?:{_alternation('adjective_openers')})\s+)[a-z]+(?:{_alternation('adjective_endings')})\s*$",
                re.IGNORECASE,
            ),
            place_nouns=frozenset(w.lower() for w in rule_list("enumerations", "place_nouns")),
            person_titles=frozenset(w.lower() for w in rule_list("enumerations", "person_titles")),
            remark=re.compile(
                r"(?:a|an)\s+(?:[\w-]+\s+)?"
                rf"(?:{_alternation('comparison_remarks')})\s+(?:from|on|over|compared)\b",
                re.IGNORECASE,
            ),
            apposition=re.compile(
                r"the\s+(?:current\s+|former\s+|rotating\s+|new\s+|outgoing\s+)?"
                rf"(?:{_alternation('apposition_offices')})\s+of\b",
                re.IGNORECASE,
            ),
            clause=re.compile(rf"\b(?:{_alternation('clause_verbs')})\b", re.IGNORECASE),
            # (a subject may be two joined by "and": "the board and its offices must A")
            coordination=re.compile(
                rf"[;,]?\s+(?:and|while|but)\s+(?=(?:the\s+)?{_W}+(?:\s+{_W}+){{0,3}}"
                rf"(?:\s+and\s+{_W}+(?:\s+{_W}+){{0,3}})?\s+"
                rf"(?:{_alternation('clause_verbs')})\b)|;\s+",
                re.IGNORECASE,
            ),
        )
    except re.error as exc:
        raise BriefingError(where, f"bad pattern ({exc})") from None


_LINKS = frozenset(("of", "to", "for", "on", "in", "with", "from", "and", "or", "per"))


def verbless_element(sentence: str) -> bool:
    """A short fragment without a verb that opens as a requested thing does ("A 32-hour
    week.", "Full pensions.", "Better rest rules."): an element of a list that the scrape ran
    into one paragraph ("Its demands: A 30% raise. A 32-hour week.")."""
    r = _rules()
    words = sentence.strip().rstrip(".").split()
    if not 0 < len(words) <= 8 or sentence.rstrip().endswith(("?", ":", "!")):
        return False
    first = words[0].lower()
    opens = first in r.determiners or first in r.comparatives or first[:1] in "0123456789$€£"
    last = words[-1].lower()
    # "A strike looms": a singular noun and a verb in -s ("A ban on layoffs" is a noun phrase)
    verb_last = (
        first in ("a", "an")
        and len(words) == 3
        and last.endswith("s")
        and not last.endswith(("ss", "’s", "'s"))
        and words[-2].lower() not in _LINKS
    )
    return (
        opens
        and not verb_last
        and not any(w.lower().strip(",;") in r.finite_verbs for w in words)
        and not any(w.lower().endswith("ed") for w in words[1:])
    )


def meaningful(phrase: str) -> bool:
    """True when a phrase names something: a word of three letters or more that is neither a
    function word nor one of `empty_words` ("an end to the war" and "neutrality" are items;
    "none should" is not)."""
    empty = _rules().empty
    return any(w not in empty for w in _LONG_WORD.findall(phrase.lower()))


def strip_bullet(text: str) -> str:
    """`text` without a leading list mark ("• ", "1. ", "(a) ")."""
    return _rules().bullet.sub("", text, count=1)


def tidy(phrase: str) -> str:
    """A phrase as an item shows it: no leading "that"/"to", no trailing punctuation, quotes
    balanced, at most about 320 characters (cut at a clause boundary)."""
    r = _rules()
    text = phrase.strip(" \t,;:.—–-")
    if text.startswith("("):
        text = strip_bullet(text)  # "(b) Norway to open its ports": a list mark inside prose
    text = r.lead_in.sub("", text)
    text = r.leading.sub("", text)
    text = _FOOTNOTE_END.sub("", text)  # "for the north.42": a footnote's number
    text = _balance_quotes(text.strip(" ,;:.—–-"))
    if len(text) > _MAX_PHRASE:
        cut = text.rfind(", ", 0, _MAX_PHRASE)
        text = text[: cut if cut > 80 else _MAX_PHRASE].rstrip(" ,;")
    return text


def _balance_quotes(text: str) -> str:
    for open_, close in (("“", "”"), ("(", ")"), ("[", "]"), ("«", "»")):
        if text.endswith(close) and text.count(close) > text.count(open_):
            text = text[:-1]
        if text.startswith(open_) and text.count(open_) > text.count(close):
            text = text[1:]
    if text.count('"') % 2 == 1:
        text = text.strip('"')
    return text.strip()


def split_list(phrase: str, examples: bool = False, again: str = "") -> list[str]:
    """The elements of a listed phrase, each tidied; the phrase itself when it lists nothing.

    With `examples`, a piece "including B" after an element is an element of its own (a
    demand "A, including B" puts B forward too); otherwise it stays with A. `again` is the
    preposition the cue ends with ("insists on"): "A and on B" repeats it for a second element.
    """
    r = _rules()
    text = r.lead_in.sub("", phrase.strip())
    numbered = _NUMBER_MARK.split(text)
    if len(numbered) > 2 and not numbered[0].strip(" :;,"):
        # "(1) A; (2) on this basis, B; and (3) C": the numbers mark the elements
        return [t for t in (tidy(_LIST_JOINT.sub("", e)) for e in numbered[1:]) if t]
    pair = _NOT_ONLY_BUT.search(text)
    if pair is not None and pairs_not_only(text, pair.start(), pair.end()):
        # "X not only A, but also B": two elements, A and B ("which will not only A but B"
        # says what something would do: left whole)
        first, second = text[pair.end() : pair.start("but")], text[pair.end("but") :]
        text = f"{text[: pair.start()]} {first}; {second}"
    if again:
        text = re.sub(rf",?\s+(?:and|as well as)\s+(?:also\s+)?{again}\s+", "; ", text)
    if r.clause.search(text):
        # A list of clauses ("X must A, and Y must B"): split where a new clause starts only.
        return [t for t in (tidy(c) for c in _clauses(text)) if t] or [tidy(text)]
    pieces = _top_level_pieces(text)
    # "A, to revoke B and to end C": infinitives in parallel are elements, though "to" opens
    # no element alone ("guarantees, to be agreed later")
    infinitives = len(_INFINITIVE.findall(text)) >= 2
    elements: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        bare = _LEADING_AND.sub("", piece)
        example = r.example.match(bare)
        named = bare[example.end() :] if example else ""
        parallel = infinitives and bare.startswith("to ") and not bare.startswith("to be ")
        if examples and example and len(named.split()) >= 3 and not _names_only(named):
            elements.append(bare[example.end() :])
        elif elements and r.apposition.match(bare) and _CAPITAL_END.search(elements[-1]):
            # "under the mediation of Malaysia, the current chair of the bloc": who the name
            # is, no element
            elements[-1] = f"{elements[-1]}, {piece}"
        elif elements and r.remark.match(bare):
            # "a starting wage of $20, a notable upgrade from the old $15": a remark on the
            # element before, no element
            elements[-1] = f"{elements[-1]}, {piece}"
        elif elements and _bare_nouns_go_on(elements[-1], bare):
            # "who had been invited as participants, observers and guarantors": bare nouns
            # after a bare noun that follows "as" or "of" go on with it, no element
            elements[-1] = f"{elements[-1]}, {piece}"
        elif elements and _continues(bare) and not parallel:
            elements[-1] = f"{elements[-1]}, {piece}"
        elif elements and len(elements[-1].split()) < r.min_words and not example:
            # "written, legally binding guarantees": a first piece too short to be an element
            # qualifies the one after it
            elements[-1] = f"{elements[-1]}, {piece}"
        else:
            elements.append(bare)
    elements = _shared_heads(elements)
    out: list[str] = []
    for element in elements:
        for piece in _split_on_and(element):
            if out and _names_only(_LEADING_AND.sub("", piece.strip())):
                # "dominated by China, the European Union, Japan and Taiwan": names alone
                # are no element; they finish the one before
                out[-1] = f"{out[-1]}, {piece.strip()}"
            else:
                out.append(piece)
    tidied = [tidy(e) for e in out]
    return [t for t in tidied if t] or [tidy(phrase)]


# An infinitive opening a list's element: "A, to revoke B and to end C".
_INFINITIVE = re.compile(r"(?:^|,\s+|\s+and\s+)to\s+(?!be\b)[a-z]+")


# A word of a clause's subject, quoted or not ('the “obsolete” quota board').
_W = "[\\w’'“”\"-]"


def _clauses(text: str) -> list[str]:
    """`text` cut where a new clause with a modal starts; an "and" before which no modal has
    come since the last cut joins two nouns of one subject ("the quota board and its offices
    must be dissolved"), no clauses."""
    r = _rules()
    out: list[str] = []
    start = 0
    for m in r.coordination.finditer(text):
        left = text[start : m.start()]
        if m.group().strip() != ";" and not r.clause.search(left):
            continue
        out.append(left)
        start = m.end()
    out.append(text[start:])
    return out


def _shared_heads(elements: list[str]) -> list[str]:
    """An element that is an adjective alone, or ends in an article and an adjective
    ("guarantees in the political", "legal and economic sectors"), shares the noun of the next
    one: joined to it ("states it considers neutral" ends in no such pair)."""
    out: list[str] = []
    for element in elements:
        if out and _rules().adjective_end.search(out[-1]) and element[:1].islower():
            out[-1] = f"{out[-1]}, {element}"
        else:
            out.append(element)
    return out


def _continues(piece: str) -> bool:
    """True when a comma-separated piece belongs to the element before it: too short, opened
    by a word of `non_item_starts`, or a participle phrase ("enshrined in law")."""
    r = _rules()
    words = [w.lower().strip("“”\"'(«") for w in piece.split()]
    if len(words) < r.min_words:
        return True
    participle = words[0].endswith("ed") and words[1] in r.non_item
    return words[0] in r.non_item or participle


# A name ending an element, before an apposition that names its office ("Malaysia, the
# current chair of the bloc").
_CAPITAL_END = re.compile(r"\b[A-Z][\w’'-]*\)?$")
_BARE_NOUN_END = re.compile(r"\b(?:as|of|for|between|among)\s+[a-z][a-z-]+s$")


def _bare_nouns_go_on(element: str, piece: str) -> bool:
    """True when `piece` is up to four lower-case words with no article or preposition
    ("observers and guarantors") and `element` ends in a plural noun right after "as", "of"
    or "for"."""
    words = piece.split()
    if not 0 < len(words) <= 4 or not _BARE_NOUN_END.search(element.rstrip()):
        return False
    r = _rules()
    links = _LINKS - {"and", "or"}  # "recognition of state symbols" is an element
    return all(w.islower() and w not in r.determiners and w not in links for w in words)


def _names_only(text: str) -> bool:
    """True for "Kherson and Zaporizhzhia", "the cities of Kherson and Odesa", "the South
    African president": places and people named inside one element, no element of their own."""
    r = _rules()
    for word in _WORDS.findall(text):
        low = word.lower()
        named = word[0].isupper() or word[0].isdigit() or low in r.person_titles
        if named or low in r.empty or low in r.place_nouns:
            continue
        return False
    return True


def _top_level_pieces(text: str) -> list[str]:
    """`text` cut at commas, semicolons and separator words outside quotes and brackets."""
    # "A — in addition to B — to C": a pair of dashes sets off an aside, cut nowhere inside
    separator = _rules().separator
    marked, asides, at = "", [], 0
    for m in DASH_ASIDE.finditer(text):
        marked += separator.sub("\x00", text[at : m.start()])
        asides.append((len(marked), len(marked) + m.end() - m.start()))
        marked += m.group()
        at = m.end()
    marked += separator.sub("\x00", text[at:])
    pieces: list[str] = []
    depth = 0
    straight_quote = False
    # An odd number of straight quotes ('an "unconditional“ pay offer', a scrape's mix of
    # straight and curly marks) pairs nothing: they do not hide the commas after them.
    paired = marked.count('"') % 2 == 0
    current: list[str] = []
    skip = -1
    brackets = 0
    for i, ch in enumerate(marked):
        if i == skip:
            continue
        brackets += (ch in "([") - (ch in ")]" and brackets > 0)
        if ch == ";" and brackets == 0 and (depth > 0 or straight_quote):
            # 'proposed that AI "can't write A; can't be used as B; and C"': a quoted list,
            # its semicolons separate its elements as they do outside quotes
            pieces.append("".join(current))
            current = []
            continue
        if ch in _OPEN and ch in _QUOTE_MARKS and i and marked[i - 1].isalnum():
            # 'an "unconditional“ pay offer': an opening mark right after a word closes
            depth = max(depth - 1, 0)
        elif ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth > 0:
            depth -= 1
        elif ch == '"' and paired:
            straight_quote = not straight_quote
        if ch == "," and _in_number(marked, i):
            current.append(ch)  # "85,000 troops"
            continue
        if ch == "," and depth == 1 and marked[i + 1 : i + 2] in _CLOSE_QUOTES:
            # 'an end to “aggression,” lifting ...': the comma closes the element with its quote.
            current.append(marked[i + 1])
            depth = 0
            pieces.append("".join(current))
            current = []
            skip = i + 1
            continue
        if (
            ch in ",;\x00"
            and depth == 0
            and not straight_quote
            and not any(a < i < b for a, b in asides)
        ):
            pieces.append("".join(current))
            current = []
            continue
        current.append(ch)
    pieces.append("".join(current))
    return [p for p in pieces if p.strip()]


_QUOTE_MARKS = frozenset("“‘«")
# A pair of dashes around an aside ("A — in addition to B — to C"): lists cut nowhere inside
# it, and a subject is named outside it (`attribution.subject_of`).
DASH_ASIDE = re.compile(r"\s[—–]\s[^—–;]{1,160}?\s[—–](?=\s)")


def _in_number(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _split_on_and(element: str) -> list[str]:
    """Split "the withdrawal of troops and the lifting of sanctions" in two; leave "servicemen
    and civilians" or "Ukraine and the EU" (too short to be an element) alone. A comparative
    opens an element after two words ("higher pay and better hours"), "free and fairer" not."""
    r = _rules()
    head = element.split(" ", 1)[0].lower()
    for m in _AND_WORD.finditer(element):
        word = m.group(1).lower()
        # "recognition of A and recognition of B": the same head noun opens a new element.
        # "and sharply cut B": an adverb opens a new verb phrase
        adverb = word.endswith("ly") and len(word) > 4 and word not in r.not_adverbs
        comparative = word in r.comparatives
        # "expanding imports of A and removing barriers on B": two gerunds, two elements (and
        # "the lifting of A and unfreezing of B": a gerund after its article too)
        lead = _GERUND_LEAD.match(element)
        gerunds = (
            (head.endswith("ing") or lead is not None) and word.endswith("ing") and len(word) > 5
        )
        # "to revoke A and to end B": two infinitives, two elements
        infinitives = head == "to" and word == "to"
        if (
            word not in r.determiners
            and not comparative
            and not gerunds
            and not (word == head and len(head) > 3)
            and not adverb
            and not infinitives
        ):
            continue
        right = element[m.end(1) - len(m.group(1)) :]
        left = element[: m.start()]
        if left.rsplit(" ", 1)[-1].lower() in r.determiners:
            continue  # "the right to free and fair elections": two adjectives share the noun
        least = 2 if comparative else 3
        if len(right.split()) >= least and len(left.split()) >= least and _balanced(left):
            return [left, *_split_on_and(right)]
    return [element]


# A gerund with its article opening an element ("the lifting of A").
_GERUND_LEAD = re.compile(r"(?:the|a|an)\s+\w+ing\s+of\b", re.IGNORECASE)


def _balanced(text: str) -> bool:
    return all(text.count(o) == text.count(c) for o, c in zip(_OPEN, _CLOSE, strict=True))
