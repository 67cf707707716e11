"""Evaluation: gold annotations and briefings in, scores out, by the rule in ../shared/GOLD.md.

`score_article` compares one `Briefing` with its `Gold` record (`gold.py`); `evaluate_corpus`
does that for every gold file of a folder, making each briefing from `SEEDS_DIR/NAME.txt`.
Scores are records of counts (precision, recall and F1 are properties), and a corpus total is
the same record made by adding counts (micro averages).
The baseline functions keep the quality floors of the evaluation gate (`tests/test_eval_gate.py`),
which only move up; `evaluation_report.py` presents the scores.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import yaml

from build_tools.briefing import make_briefing
from build_tools.errors import BriefingError
from build_tools.evaluate.gold import Gold, GoldItem, load_gold
from build_tools.extract.actors import resolve_party
from build_tools.read.reading import read_seed
from build_tools.records import Briefing, Item, ItemKind

# The scoring rule's own vocabulary lives here, not in rules/*.yml: the extractor's rule files
# change as the extractor improves, and the yardstick must not move with them.

# Words two party names may share without naming the same party ("first camp" is not
# "second camp", "Baltic governments" is not "European governments").
_GENERIC_WORDS = """the and for with from its their some other others many several most all any
    first second third one two camp camps side sides school schools group groups wing faction
    official officials government governments leader leaders minister ministers ministry
    diplomat diplomats analyst analysts expert experts observer observers commentator
    commentators critic critics advocate advocates proponent proponents supporter supporters
    country countries state states nation nations president prime foreign former senior
    head chief team people party parties institute council forum centre center bank agency
    office committee delegation negotiators negotiator capitals capital administration"""
_GENERIC_PARTY_WORDS = frozenset(_GENERIC_WORDS.split())
# Section labels a title may drop ("Opinion: ...", "Analysis | ...").
_TITLE_LABEL = re.compile(
    r"^(?:opinion|analysis|comment|commentary|op-ed|oped|editorial|column|interview|explainer|"
    r"essay|perspective|viewpoint|view|review|exclusive|feature|news|update|live|letter|"
    r"letters|podcast|guest post|guest essay|in depth|in focus|long read)\s*[:|\-]\s*"
)
_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "′": "'",
        "–": "-",
        "—": "-",
        "‒": "-",
        "―": "-",
        "−": "-",
        "‐": "-",
        "‑": "-",
    }
)


# --- score records -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemMatch:
    """A gold item and the predicted item matched to it."""

    gold: str
    """The gold paraphrase."""
    predicted: str
    """The predicted item's text."""
    gold_party: str
    """The gold actor or proposer."""
    predicted_party: str
    """The predicted actor or proposer."""
    attribution_ok: bool
    """The two name the same party."""
    stance_ok: bool | None = None
    """The stances agree; None when the gold gives no stance."""


class _Rates:
    """Precision, recall and F1 of a score with `gold`, `predicted` and `matched` counts (a
    field of one score, a property of another: so no fields here, only the rates)."""

    __slots__ = ()

    @property
    def precision(self: _Counts) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self: _Counts) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self: _Counts) -> float:
        return _f1(self.precision, self.recall)


class _Counts(Protocol):
    """What `_Rates` reads (a field or a property, either will do)."""

    @property
    def gold(self) -> int: ...
    @property
    def predicted(self) -> int: ...
    @property
    def matched(self) -> int: ...
    @property
    def precision(self) -> float: ...
    @property
    def recall(self) -> float: ...


@dataclass(frozen=True, slots=True)
class ItemScore(_Rates):
    """Demands (or proposals) of one article or a whole corpus against the gold."""

    kind: ItemKind
    """`demand` or `proposal`."""
    gold: int
    """Gold items."""
    predicted: int
    """Predicted items."""
    matches: tuple[ItemMatch, ...] = ()
    """The one-to-one matching."""
    missed: tuple[str, ...] = ()
    """Paraphrases of the gold items nothing matched."""
    spurious: tuple[str, ...] = ()
    """Texts of the predicted items that matched nothing (not_items hits included)."""
    not_item_hits: tuple[str, ...] = ()
    """Texts of predicted items that contain a `not_items` phrase."""

    @property
    def matched(self) -> int:
        return len(self.matches)

    @property
    def attributed(self) -> int:
        return sum(m.attribution_ok for m in self.matches)

    @property
    def attribution(self) -> float | None:
        """Share of matched items attributed to the right party; None when none matched."""
        return self.attributed / self.matched if self.matches else None

    @property
    def stance_checked(self) -> int:
        return sum(m.stance_ok is not None for m in self.matches)

    @property
    def stance_right(self) -> int:
        return sum(m.stance_ok is True for m in self.matches)


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """One metadata field against the gold."""

    name: str
    """`title`, `author`, `date`, `publication` or `url`."""
    expected: str | None
    """The gold value (authors joined by "; ")."""
    found: str | None
    """The briefing's value."""
    ok: bool
    """They agree by the rule."""


@dataclass(frozen=True, slots=True)
class LinkScore(_Rates):
    """The link list against the gold, compared in order (the source footer left out)."""

    gold: int
    """Gold links."""
    predicted: int
    """Predicted links."""
    matched: int
    """Length of the longest common subsequence of the two (text, href) sequences."""
    exact: int
    """Articles whose sequence is exactly the gold one."""
    kinds_exact: int
    """Articles whose sequence and link kinds are exactly the gold ones."""
    articles: int = 1
    """Articles counted."""


@dataclass(frozen=True, slots=True)
class BodyScore:
    """The cleaned body against the gold: junk out, split paragraphs joined, headings kept."""

    boilerplate: int
    """Gold boilerplate lines checked."""
    leaked: tuple[str, ...]
    """Boilerplate lines found in the body."""
    broken: int
    """Gold broken-paragraph pairs."""
    not_joined: tuple[str, ...]
    """First fragments of the pairs not in one paragraph."""
    headings: int
    """Gold headings."""
    lost: tuple[str, ...]
    """Gold headings not kept as headings."""
    extra: tuple[str, ...] = ()
    """Briefing headings the gold does not list."""

    @property
    def clean(self) -> int:
        return self.boilerplate - len(self.leaked)

    @property
    def joined(self) -> int:
        return self.broken - len(self.not_joined)

    @property
    def kept(self) -> int:
        return self.headings - len(self.lost)


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """Every check of one article, or the sum over a corpus (`name` is then `overall`)."""

    name: str
    """The article's name (gold file name without `.yml`)."""
    demands: ItemScore
    """Demands."""
    proposals: ItemScore
    """Proposals."""
    metadata: tuple[FieldCheck, ...]
    """Title, author, date, publication and url."""
    links: LinkScore
    """The link list."""
    body: BodyScore
    """Boilerplate, broken paragraphs and headings."""
    summary_terms: int
    """Gold summary key terms."""
    summary_found: int
    """Of them, found in the summary."""

    @property
    def metadata_ok(self) -> int:
        return sum(f.ok for f in self.metadata)

    @property
    def metadata_score(self) -> float:
        return self.metadata_ok / len(self.metadata) if self.metadata else 1.0

    @property
    def attribution(self) -> float | None:
        matched = self.demands.matched + self.proposals.matched
        if not matched:
            return None
        return (self.demands.attributed + self.proposals.attributed) / matched


@dataclass(frozen=True, slots=True)
class CorpusScore:
    """The scores of every annotated article of one gold folder."""

    label: str
    """Name of the corpus in reports and in the baseline file."""
    gold_dir: str
    """Folder of the gold files."""
    seeds_dir: str
    """Folder of the articles."""
    articles: tuple[ArticleScore, ...]
    """One score per gold file, by name."""

    @property
    def total(self) -> ArticleScore:
        return combine(self.articles)


@dataclass(frozen=True, slots=True)
class Headline:
    """The scores the evaluation gate keeps floors for."""

    demands_f1: float
    """F1 of demands."""
    proposals_f1: float
    """F1 of proposals."""
    links_f1: float
    """F1 of the link sequence (longest common subsequence)."""
    metadata: float
    """Share of metadata fields right."""


# --- normalising and matching ------------------------------------------------------------


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Lower case, curly quotes and dashes plain, white space runs one space."""
    return re.sub(r"\s+", " ", text.lower().translate(_QUOTES)).strip()


def occurs(term: str, text: str) -> bool:
    """True when `term` occurs in `text` (both normalised here) starting at a word boundary.

    The left boundary keeps "EU" out of "neutral"; no right boundary, so that "detention
    site" occurs in "detention sites".
    """
    pattern = _term_pattern(term)
    return pattern is not None and pattern.search(normalize(text)) is not None


@lru_cache(maxsize=8192)
def _term_pattern(term: str) -> re.Pattern[str] | None:
    t = normalize(term)
    if not t:
        return None
    return re.compile((r"(?<!\w)" if t[0].isalnum() or t[0] == "_" else "") + re.escape(t))


def item_matches(gold: GoldItem, predicted_text: str) -> bool:
    """At least half, rounded up, of the gold key terms occur in the predicted text."""
    needed = math.ceil(len(gold.key_terms) / 2)
    return sum(occurs(term, predicted_text) for term in gold.key_terms) >= needed


def same_party(gold: str, predicted: str, authors: Sequence[str] = ()) -> bool:
    """True when a predicted actor names the gold party (GOLD.md, "Attribution")."""
    g, p = normalize(gold), normalize(predicted)
    if g == p:
        return True
    author_names = {"author", *(normalize(a) for a in authors)}
    if g in author_names or p in author_names:
        return g in author_names and p in author_names
    # "US", "UN": aliases the gazetteer lists with their article ("the US"), since "us" alone
    # is a pronoun in running text
    rg = resolve_party(gold) or resolve_party(f"the {gold}")
    rp = resolve_party(predicted) or resolve_party(f"the {predicted}")
    if rg is not None and rp is not None:
        return rg == rp
    return bool(_significant_words(g) & _significant_words(p))


def _significant_words(text: str) -> set[str]:
    words = re.findall(r"[\w'-]+", text)
    # "teachers'" and "Teachers", "Russia's" and "Russia": one word
    bare = (w.removesuffix("'s").rstrip("'") for w in words)
    return {w for w in bare if len(w) > 2} - _GENERIC_PARTY_WORDS


def maximum_matching(weights: Sequence[Sequence[int]]) -> dict[int, int]:
    """A one-to-one matching (row -> column) of greatest total weight; 0 means "no edge".

    With every edge weighing more than all tie-breaks together, the greatest weight is also
    the greatest number of pairs: unlike a greedy pass, a pair taken early never costs two
    later ones. Hungarian algorithm on the matrix padded square (a few dozen items at most).
    """
    rows = len(weights)
    cols = max((len(r) for r in weights), default=0)
    n = max(rows, cols)
    if n == 0:
        return {}
    top = max((w for r in weights for w in r), default=0)
    cost = [
        [top - (weights[i][j] if i < rows and j < len(weights[i]) else 0) for j in range(n)]
        for i in range(n)
    ]
    pairs = _min_cost_assignment(cost)
    return {
        i: j for i, j in enumerate(pairs) if i < rows and j < len(weights[i]) and weights[i][j] > 0
    }


def _min_cost_assignment(cost: list[list[int]]) -> list[int]:
    # Kuhn-Munkres with potentials, O(n^3): row i is assigned column result[i].
    n = len(cost)
    infinity = sum(max(row) for row in cost) + 1
    u, v = [0] * (n + 1), [0] * (n + 1)
    owner, way = [0] * (n + 1), [0] * (n + 1)  # column -> row (1-based; 0 = free)
    for row in range(1, n + 1):
        owner[0], column = row, 0
        slack, used = [infinity] * (n + 1), [False] * (n + 1)
        while owner[column]:
            used[column] = True
            current, delta, nearest = owner[column], infinity, 0
            for j in range(1, n + 1):
                if not used[j]:
                    reduced = cost[current - 1][j - 1] - u[current] - v[j]
                    if reduced < slack[j]:
                        slack[j], way[j] = reduced, column
                    if slack[j] < delta:
                        delta, nearest = slack[j], j
            for j in range(n + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            column = nearest
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    result = [0] * n
    for j in range(1, n + 1):
        result[owner[j] - 1] = j - 1
    return result


# Weights of a gold-predicted pair: being a match outweighs every tie-break together; among
# matchings of the same size, prefer right parties, then more key terms found.
_MATCH_WEIGHT, _PARTY_WEIGHT, _TERM_WEIGHT = 1_000_000, 1_000, 1


def score_items(
    kind: ItemKind,
    gold: Sequence[GoldItem],
    predicted: Sequence[Item],
    not_items: Sequence[str] = (),
    authors: Sequence[str] = (),
) -> ItemScore:
    """Predicted items of one kind against the gold ones, matched one-to-one."""
    hits = [i for i, p in enumerate(predicted) if any(occurs(n, p.text) for n in not_items)]
    weights = [
        [0 if i in hits else _pair_weight(g, p, authors) for i, p in enumerate(predicted)]
        for g in gold
    ]
    pairs = maximum_matching(weights)
    matches = tuple(_match(gold[gi], predicted[pi], authors) for gi, pi in sorted(pairs.items()))
    used = set(pairs.values())
    return ItemScore(
        kind=kind,
        gold=len(gold),
        predicted=len(predicted),
        matches=matches,
        missed=tuple(g.paraphrase for i, g in enumerate(gold) if i not in pairs),
        spurious=tuple(p.text for i, p in enumerate(predicted) if i not in used),
        not_item_hits=tuple(predicted[i].text for i in hits),
    )


def _pair_weight(gold: GoldItem, predicted: Item, authors: Sequence[str]) -> int:
    if not item_matches(gold, predicted.text):
        return 0
    found = sum(occurs(term, predicted.text) for term in gold.key_terms)
    party = same_party(gold.party, predicted.actor, authors)
    return _MATCH_WEIGHT + _PARTY_WEIGHT * party + _TERM_WEIGHT * found


def _match(gold: GoldItem, predicted: Item, authors: Sequence[str]) -> ItemMatch:
    stance_ok = None if gold.stance is None else predicted.stance == gold.stance
    return ItemMatch(
        gold=gold.paraphrase,
        predicted=predicted.text,
        gold_party=gold.party,
        predicted_party=predicted.actor,
        attribution_ok=same_party(gold.party, predicted.actor, authors),
        stance_ok=stance_ok,
    )


# --- the other checks --------------------------------------------------------------------


def strip_title_label(title: str) -> str:
    """A normalised title without a leading section label ("Opinion:", "Analysis |")."""
    return _TITLE_LABEL.sub("", normalize(title), count=1)


def check_metadata(gold: Gold, briefing: Briefing) -> tuple[FieldCheck, ...]:
    """The five metadata fields, exact after normalising (GOLD.md, "Metadata")."""
    meta = briefing.meta
    # A title the article does not give is None, though the pages show the file name for it.
    title = briefing.title_found
    if gold.title is None or title is None:
        title_ok = gold.title is None and title is None
    else:
        title_ok = strip_title_label(gold.title) == strip_title_label(title)
    authors_ok = [normalize(a) for a in meta.authors] == [normalize(a) for a in gold.authors]
    return (
        FieldCheck("title", gold.title, title, title_ok),
        FieldCheck(
            "author", "; ".join(gold.authors) or None, "; ".join(meta.authors) or None, authors_ok
        ),
        FieldCheck("date", gold.date, meta.date, gold.date == meta.date),
        FieldCheck(
            "publication",
            gold.publication,
            meta.publication,
            _publication_ok(gold.publication, meta.publication),
        ),
        FieldCheck("url", gold.url, meta.url, _same_optional(gold.url, meta.url)),
    )


def _publication_ok(gold: str | None, found: str | None) -> bool:
    if gold is None or found is None:
        return gold is None and found is None
    g, f = normalize(gold), normalize(found)
    return bool(g and f) and (g in f or f in g)


def _same_optional(gold: str | None, found: str | None) -> bool:
    if gold is None or found is None:
        return gold is None and found is None
    return normalize(gold) == normalize(found)


def check_links(gold: Gold, briefing: Briefing) -> LinkScore:
    """The (text, href) sequence against the gold, in order; the source footer excluded."""
    footer_hrefs = {normalize(g.href) for g in gold.links if g.kind == "source"}
    if gold.url:
        footer_hrefs.add(normalize(gold.url))
    want = [
        (normalize(g.text), normalize(g.href), g.kind) for g in gold.links if g.kind != "source"
    ]
    got = [
        (normalize(lk.text), "#" if lk.placeholder else normalize(lk.href), lk.kind)
        for lk in briefing.links
        if lk.kind != "source" and normalize(lk.href) not in footer_hrefs
    ]
    pairs_want = [(t, h) for t, h, _ in want]
    pairs_got = [(t, h) for t, h, _ in got]
    exact = pairs_want == pairs_got
    return LinkScore(
        gold=len(want),
        predicted=len(got),
        matched=_lcs_length(pairs_want, pairs_got),
        exact=int(exact),
        kinds_exact=int(exact and [k for *_, k in want] == [k for *_, k in got]),
    )


def _lcs_length(a: Sequence[object], b: Sequence[object]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        previous_diagonal = 0
        for j, y in enumerate(b, start=1):
            keep = row[j]
            row[j] = previous_diagonal + 1 if x == y else max(row[j], row[j - 1])
            previous_diagonal = keep
    return row[-1]


def strip_markup(line: str) -> str:
    """A source line with its Markdown markup removed (images keep their alt text)."""
    line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)  # [text](url), ![alt](src)
    line = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", line)  # [text][ref]
    line = re.sub(r"<((?:https?|mailto):[^>]+)>", r"\1", line)  # <https://...>
    line = line.replace("**", "").replace("__", "").replace("*", "")
    line = re.sub(r"^\s*(?:#{1,6}\s+|>\s*|[-+]\s+|\d+[.)]\s+)", "", line)
    return line.strip().strip("_").strip()


def check_body(gold: Gold, briefing: Briefing) -> BodyScore:
    """Boilerplate out of the body, broken paragraphs joined, headings kept."""
    # Normalised paragraphs hold no newline, so a phrase found in the joined text is inside one.
    body = "\n".join(normalize(p.text) for p in briefing.body)
    paragraphs = [normalize(p.text) for p in briefing.paragraphs]
    junk = [(line, normalize(strip_markup(line))) for line in gold.boilerplate]
    junk = [(line, j) for line, j in junk if j]
    leaked = tuple(line for line, j in junk if _has_phrase(body, j))
    not_joined = tuple(
        first
        for first, second in gold.broken_paragraphs
        if not any(normalize(first) in p and normalize(second) in p for p in paragraphs)
    )
    found = {_heading_key(h) for h in briefing.headings}
    wanted = {_heading_key(h) for h in gold.headings}
    return BodyScore(
        boilerplate=len(junk),
        leaked=leaked,
        broken=len(gold.broken_paragraphs),
        not_joined=not_joined,
        headings=len(gold.headings),
        lost=tuple(h for h in gold.headings if _heading_key(h) not in found),
        extra=tuple(h for h in briefing.headings if _heading_key(h) not in wanted),
    )


def _has_phrase(text: str, phrase: str) -> bool:
    # Whole words: the junk line "Comments" does not occur in "commentators".
    left = r"(?<!\w)" if phrase[0].isalnum() else ""
    right = r"(?!\w)" if phrase[-1].isalnum() else ""
    return re.search(left + re.escape(phrase) + right, text) is not None


def _heading_key(heading: str) -> str:
    return normalize(strip_markup(heading)).rstrip(":.")


# --- articles and corpora ----------------------------------------------------------------


def score_article(gold: Gold, briefing: Briefing) -> ArticleScore:
    """Every check of one briefing against its gold annotation."""
    found = sum(occurs(t, briefing.summary) for t in gold.summary_key_terms)
    return ArticleScore(
        name=gold.name,
        demands=score_items("demand", gold.demands, briefing.demands, gold.not_items, gold.authors),
        proposals=score_items(
            "proposal", gold.proposals, briefing.proposals, gold.not_items, gold.authors
        ),
        metadata=check_metadata(gold, briefing),
        links=check_links(gold, briefing),
        body=check_body(gold, briefing),
        summary_terms=len(gold.summary_key_terms),
        summary_found=found,
    )


def evaluate_corpus(gold_dir: str | Path, seeds_dir: str | Path, label: str = "") -> CorpusScore:
    """Score every gold file of `gold_dir` against the briefing of `seeds_dir/NAME.txt`."""
    gold_path, seeds_path = Path(gold_dir), Path(seeds_dir)
    if not gold_path.is_dir():
        raise BriefingError(str(gold_path), "no such folder of gold files")
    if not seeds_path.is_dir():
        raise BriefingError(str(seeds_path), "no such folder of articles")
    gold_files = sorted(gold_path.glob("*.yml"))
    if not gold_files:
        raise BriefingError(str(gold_path), "no gold files (NAME.yml) in this folder")
    articles = []
    for path in gold_files:
        gold = load_gold(path)
        seed = seeds_path / f"{gold.name}.txt"
        if not seed.is_file():
            raise BriefingError(str(path), f"no article {seed} for this gold file")
        articles.append(score_article(gold, make_briefing(read_seed(seed))))
    return CorpusScore(
        label=label or seeds_path.as_posix(),
        gold_dir=gold_path.as_posix(),
        seeds_dir=seeds_path.as_posix(),
        articles=tuple(articles),
    )


def combine(articles: Iterable[ArticleScore], name: str = "overall") -> ArticleScore:
    """The sum of several articles' scores (counts added, lists joined)."""
    items = list(articles)
    return ArticleScore(
        name=name,
        demands=_combine_items("demand", [a.demands for a in items]),
        proposals=_combine_items("proposal", [a.proposals for a in items]),
        metadata=tuple(f for a in items for f in a.metadata),
        links=LinkScore(
            gold=sum(a.links.gold for a in items),
            predicted=sum(a.links.predicted for a in items),
            matched=sum(a.links.matched for a in items),
            exact=sum(a.links.exact for a in items),
            kinds_exact=sum(a.links.kinds_exact for a in items),
            articles=sum(a.links.articles for a in items),
        ),
        body=BodyScore(
            boilerplate=sum(a.body.boilerplate for a in items),
            leaked=tuple(x for a in items for x in a.body.leaked),
            broken=sum(a.body.broken for a in items),
            not_joined=tuple(x for a in items for x in a.body.not_joined),
            headings=sum(a.body.headings for a in items),
            lost=tuple(x for a in items for x in a.body.lost),
            extra=tuple(x for a in items for x in a.body.extra),
        ),
        summary_terms=sum(a.summary_terms for a in items),
        summary_found=sum(a.summary_found for a in items),
    )


def _combine_items(kind: ItemKind, scores: Sequence[ItemScore]) -> ItemScore:
    return ItemScore(
        kind=kind,
        gold=sum(s.gold for s in scores),
        predicted=sum(s.predicted for s in scores),
        matches=tuple(m for s in scores for m in s.matches),
        missed=tuple(x for s in scores for x in s.missed),
        spurious=tuple(x for s in scores for x in s.spurious),
        not_item_hits=tuple(x for s in scores for x in s.not_item_hits),
    )


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- the gate's baseline -----------------------------------------------------------------

_BASELINE_HEADER = """\
# Quality floors of the evaluation gate (tests/test_eval_gate.py), per corpus label.
# The scores of `make eval` must not drop below these. Floors only move up: raise them with
#   python -m build_tools evaluate GOLD_DIR SEEDS_DIR ... --label NAME ... --update-baseline FILE
# which never lowers a floor. Lowering one is a deliberate edit of this file, to be explained.
"""


def headline(corpus: CorpusScore) -> Headline:
    """The gated scores of a corpus."""
    total = corpus.total
    return Headline(
        demands_f1=total.demands.f1,
        proposals_f1=total.proposals.f1,
        links_f1=total.links.f1,
        metadata=total.metadata_score,
    )


def load_baseline(path: str | Path) -> dict[str, Headline]:
    """Corpus label -> floors, from a baseline file (empty when the file does not exist)."""
    p = Path(path)
    if not p.exists():
        return {}
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BriefingError(str(p), f"cannot read baseline ({exc})") from None
    names = [f.name for f in fields(Headline)]
    floors = {}
    for label, entry in data.items() if isinstance(data, dict) else [(None, None)]:
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(n), (int, float)) for n in names
        ):
            raise BriefingError(str(p), f"{label}: expected numbers for {', '.join(names)}")
        floors[str(label)] = Headline(**{n: float(entry[n]) for n in names})
    return floors


def raise_floors(
    baseline: Mapping[str, Headline], corpora: Iterable[CorpusScore]
) -> dict[str, Headline]:
    """New floors: each the higher of the old floor and the current score (3 decimals, down)."""
    floors = dict(baseline)
    for corpus in corpora:
        now = headline(corpus)
        old = floors.get(corpus.label)
        values = {}
        for f in fields(Headline):
            current = math.floor(getattr(now, f.name) * 1000 + 1e-9) / 1000
            values[f.name] = max(current, getattr(old, f.name)) if old else current
        floors[corpus.label] = Headline(**values)
    return floors


def baseline_notes(path: str | Path) -> str:
    """The comment lines a maintainer added under the standard header of a baseline file (why
    a floor was lowered, say), so that raising the floors keeps them; "" when none."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""
    header = set(_BASELINE_HEADER.splitlines())
    notes = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line not in header:
            notes.append(line)
    return "".join(f"{line}\n" for line in notes)


def render_baseline(floors: Mapping[str, Headline], notes: str = "") -> str:
    """The baseline file's text: the header and `notes`, then labels sorted, fields in record
    order, 3 decimals."""
    lines = [_BASELINE_HEADER + notes]
    for label in sorted(floors):
        lines.append(f"{_yaml_key(label)}:")
        for f in fields(Headline):
            lines.append(f"  {f.name}: {getattr(floors[label], f.name):.3f}")
    return "\n".join(lines) + "\n"


def _yaml_key(label: str) -> str:
    return (
        label if re.fullmatch(r"[A-Za-z][\w ./-]*", label) else '"' + label.replace('"', "'") + '"'
    )


def gate_failures(baseline: Mapping[str, Headline], corpora: Iterable[CorpusScore]) -> list[str]:
    """One line per score below its floor (or corpus without floors); empty when all pass."""
    problems = []
    for corpus in corpora:
        floor = baseline.get(corpus.label)
        if floor is None:
            problems.append(f"{corpus.label}: no floors in the baseline file")
            continue
        now = headline(corpus)
        for f in fields(Headline):
            got, want = getattr(now, f.name), getattr(floor, f.name)
            if got < want - 1e-9:
                problems.append(f"{corpus.label}: {f.name} {got:.3f} is below its floor {want:.3f}")
    return problems
