"""Stance: a proposal and the article's sentences in, how the author treats it out.

`endorsed` for the author's own proposals, `reported` for another party's, and `criticised`
(or `endorsed`) when a sentence in the author's voice judges it: the rest of its own sentence
("..., even though this risks ..."), or a later sentence that names it again ("Pressuring X
to do A may not be the best starting point"). The words are in `rules/stance.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from build_tools.article_cache import per_article
from build_tools.errors import BriefingError
from build_tools.extract.cues import is_reporting
from build_tools.extract.phrases import PhraseSet, lower_same_length, phrase_set
from build_tools.records import Stance
from build_tools.rules import RULES_DIR, load_rules, rule_list, stopwords

# How many sentences after a proposal may judge it by pointing back to it.
_FOLLOW = 2
_RELATIVE = re.compile(r",\s+which\b")
_TURN = re.compile(r"^\s*[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}:\s+")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w’'-]{2,}")


@dataclass(frozen=True, slots=True)
class _Rules:
    criticism: PhraseSet
    endorsement: PhraseSet
    dismissal: PhraseSet
    back_reference: re.Pattern[str]
    approving: PhraseSet
    approving_lead: PhraseSet
    adverbs: dict[str, Stance]
    not_author: re.Pattern[str]
    min_shared: int
    min_share: float


def _phrases(key: str) -> PhraseSet:
    try:
        return phrase_set(rule_list("stance", key))
    except re.error as exc:
        where = str(RULES_DIR / "stance.yml")
        raise BriefingError(where, f"bad pattern in {key!r} ({exc})") from None


def _alternation(key: str) -> str:
    return "|".join(f"(?:{e})" for e in rule_list("stance", key))


@cache
def _rules() -> _Rules:
    raw = load_rules("stance")
    shared, share = raw.get("min_shared", 3), raw.get("min_share", 0.3)
    if not isinstance(shared, int) or not isinstance(share, int | float):
        raise BriefingError(str(RULES_DIR / "stance.yml"), "min_shared and min_share are numbers")
    not_author = "|".join(f"(?:{e})" for e in rule_list("stance", "not_author"))
    return _Rules(
        criticism=_phrases("criticism"),
        endorsement=_phrases("endorsement"),
        dismissal=_phrases("dismissal"),
        back_reference=re.compile(
            rf"^\s*(?:{_alternation('opinion_openers')})?,?\s*"
            rf"(?:{_alternation('back_references')})\b",
            re.IGNORECASE,
        ),
        approving=_phrases("approving_clauses"),
        approving_lead=_phrases("approving_leads"),
        adverbs={
            **{w.lower(): "endorsed" for w in rule_list("stance", "endorsing_adverbs")},
            **{w.lower(): "criticised" for w in rule_list("stance", "criticising_adverbs")},
        },
        not_author=re.compile(rf"^\s*(?:{not_author})", re.IGNORECASE),
        min_shared=shared,
        min_share=float(share),
    )


# Punctuation that separates words: replaced by spaces, so that `str.split` finds the words.
_PUNCTUATION = '.,;:!?()[]{}"“”‘«»/…—–*_'
_SEPARATORS = str.maketrans(dict.fromkeys(_PUNCTUATION, " "))
_SEPARATOR = re.compile("[" + re.escape(_PUNCTUATION) + "]")


def word_text(text: str) -> str:
    """`text` in lower case with plain apostrophes and punctuation made spaces: its words are
    what `str.split` finds in it."""
    low = lower_same_length(text).replace("’", "'")
    # `str.translate` is fastest on ASCII text, but looks up every character of any other
    # text one by one: a regular expression is ten times faster there.
    return low.translate(_SEPARATORS) if low.isascii() else _SEPARATOR.sub(" ", low)


@per_article
def joined_word_text(joined: str) -> str:
    """`word_text` of the article's sentences joined by "\x1f": the stances and the summary
    both read the words of them all, once an article."""
    return word_text(joined)


def words_of(text: str) -> set[str]:
    """Lower-case words of `text` (apostrophes made plain, hyphens kept)."""
    return set(word_text(text).split())


def content_words(text: str) -> set[str]:
    """Lower-case words of three letters or more that are not function words."""
    stop = stopwords()
    return {w for w in words_of(text) if len(w) > 2 and w[0].isalpha() and w not in stop}


def judge_all(
    proposals: list[tuple[str, str, str, int]], sentences: list[str], paragraph_of: list[int]
) -> list[Stance]:
    """How the author treats each proposal someone else put forward.

    Each proposal is (its phrase, what its sentence says before the phrase, and after it, the
    number of its sentence); `sentences` are the article's, `paragraph_of` the paragraph of
    each. A proposal is judged by an adverb of its verb ("rightly suggests"), by the rest of
    its own sentence or a relative clause of its phrase (", which would reward ...", ", which
    costs little"), by the next sentences of its paragraph (or the next turn of a transcript)
    when they point back to it ("That mission stopped none of them", "I think that is a
    mistake"), or by any sentence that shares enough content words with it; only in the
    author's voice.
    """
    r = _rules()
    words = [content_words(phrase) for phrase, _, _, _ in proposals]
    shared_in = _where_used(set().union(*words), sentences)
    verdicts: dict[int, Stance | None] = {}
    out: list[Stance] = []
    for (phrase, lead, rest, own), mine in zip(proposals, words, strict=True):
        relative = phrase[m.start() :] if (m := _RELATIVE.search(phrase)) else ""
        relative = relative or (rest if _RELATIVE.match(rest) else "")
        adverb = _adverb(lead, r)
        if adverb is not None:
            out.append(adverb)
            continue
        if r.approving_lead.search(lead):
            out.append("endorsed")  # "I also welcome the proposal of X to A"
            continue
        if r.criticism.search(f"{relative} {rest}") or r.dismissal.search(rest):
            out.append("criticised")
            continue
        if relative and r.approving.search(" ".join(relative.split()[:5])):
            out.append("endorsed")
            continue
        if _predicate(rest) and r.endorsement.search(rest):
            out.append("endorsed")  # "The X proposal for A deserves support"
            continue
        follow = _follow_up(own, sentences, paragraph_of, r, verdicts)
        out.append(follow or _judge_one(own, mine, shared_in, verdicts, sentences, r))
    return out


def judges(text: str) -> bool:
    """True when `text` holds a word of criticism or approval ("would be a mistake", "deserves
    support"): a verdict on a proposal rather than its content."""
    r = _rules()
    return bool(r.criticism.search(text) or r.endorsement.search(text))


def _predicate(rest: str) -> bool:
    """True when the rest of the sentence is what the author says of the proposal: it goes
    straight on ("... deserves support"), and reports no one ("..., a general said")."""
    return not rest.lstrip().startswith((",", ";", "(")) and is_reporting(rest) is None


def _where_used(vocabulary: set[str], sentences: list[str]) -> dict[int, set[str]]:
    """Sentence number -> the words of `vocabulary` it holds (as `words_of` finds them).

    The article is lower-cased and split once, and each sentence's words are matched against
    the vocabulary without building a set of them: much cheaper than `words_of` for each."""
    low = joined_word_text("\x1f".join(sentences))
    found: dict[int, set[str]] = {}
    for i, part in enumerate(low.split("\x1f")):
        shared = vocabulary.intersection(part.split())
        if shared:
            found[i] = shared
    return found


def _adverb(lead: str, r: _Rules) -> Stance | None:
    """The author's verdict in an adverb of the proposal's verb: "X rightly suggests A"."""
    for word in lead.lower().split()[-2:]:
        if word in r.adverbs:
            return r.adverbs[word]
    return None


def _follow_up(
    own: int,
    sentences: list[str],
    paragraph_of: list[int],
    r: _Rules,
    verdicts: dict[int, Stance | None],
) -> Stance | None:
    """The verdict of the next sentences of the paragraph that point back to the proposal."""
    for i in range(own + 1, min(own + 1 + _FOLLOW, len(sentences))):
        sentence = sentences[i]
        if paragraph_of[i] != paragraph_of[own]:
            # The next turn of a transcript answers the one before: "VOSS: That would ..."
            label = _TURN.match(sentence)
            if label is None or paragraph_of[i] != paragraph_of[i - 1] + 1:
                return None
            sentence = sentence[label.end() :]
        if not r.back_reference.match(sentence):
            return None
        if i not in verdicts:
            verdicts[i] = _verdict(sentence, r)
        if verdicts[i] is not None:
            return verdicts[i]
    return None


def _judge_one(
    own: int,
    mine: set[str],
    shared_in: dict[int, set[str]],
    verdicts: dict[int, Stance | None],
    sentences: list[str],
    r: _Rules,
) -> Stance:
    for i in sorted(shared_in):
        shared = mine & shared_in[i]
        if i == own or len(shared) < r.min_shared or len(shared) < r.min_share * len(mine):
            continue
        if i not in verdicts:
            verdicts[i] = _verdict(sentences[i], r)
        verdict = verdicts[i]
        if verdict is not None:
            return verdict
    return "reported"


def _verdict(sentence: str, r: _Rules) -> Stance | None:
    """`criticised` or `endorsed` when the sentence judges in the author's voice, else None."""
    if r.not_author.match(sentence):
        return None
    if r.criticism.search(sentence):
        return "criticised"
    if r.endorsement.search(sentence):
        return "endorsed"
    return None
