"""Training: gold-annotated articles in, the item model (`models/items.json`) and its report out.

1. Each article is read, cleaned and run through the rules (`items.find_items`); every body
   sentence becomes a `Candidate` (`extract/candidates.py`).
2. Labels come from the gold: each gold item marks the one sentence that holds most of its key
   terms (GOLD.md's matching rule), so a key term repeated elsewhere labels nothing else.
3. Per kind, a logistic regression is fitted by AdaGrad, examples in an order shuffled by a
   fixed seed and features summed exactly (`math.fsum`): the same data give the same bytes.
4. The articles to measure on are cut into folds; each fold is extracted with a model trained
   on the rest (and on every extra article), and the whole extraction is scored with GOLD.md's
   rule. Each kind's threshold and list cutting are the ones with the best cross-validated F1.
5. The final model is trained on everything; weights are rounded and tiny ones dropped.

The settings are `training` in `rules/learning.yml`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.article_cache import forget_article
from build_tools.clean.cleaning import clean
from build_tools.errors import BriefingError
from build_tools.evaluate.evaluation import item_matches, occurs, score_items
from build_tools.evaluate.gold import Gold, GoldItem, load_gold
from build_tools.extract.candidates import Candidate, find_candidates
from build_tools.extract.classifier import ItemModel, KindModel
from build_tools.extract.items import find_items
from build_tools.extract.learned import add_learned
from build_tools.read.reading import read_seed
from build_tools.records import Item, ItemKind, Paragraph
from build_tools.rules import RULES_DIR, load_rules

KINDS: tuple[ItemKind, ...] = ("demand", "proposal")


@dataclass(frozen=True, slots=True)
class TrainingSettings:
    """`training` of `rules/learning.yml`."""

    seed: int
    epochs: int
    learning_rate: float
    l2: float
    folds: int
    thresholds: tuple[float, ...]
    min_weight: float
    min_articles: int
    min_gain: float


@dataclass(frozen=True, slots=True)
class Article:
    """One gold-annotated article, read and run through the rules."""

    gold: Gold
    body: tuple[Paragraph, ...]
    demands: tuple[Item, ...]
    """The rules' demands."""
    proposals: tuple[Item, ...]
    """The rules' proposals."""
    candidates: tuple[Candidate, ...]
    labels: dict[ItemKind, tuple[int, ...]]
    """Per kind, 1 for each candidate that a gold item of that kind marks, else 0."""


@dataclass(frozen=True, slots=True)
class Score:
    """Cross-validated precision and recall of one kind over the articles measured on."""

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def training_settings() -> TrainingSettings:
    """`rules/learning.yml`'s `training`, checked."""
    where = str(RULES_DIR / "learning.yml")
    raw = load_rules("learning").get("training")
    if not isinstance(raw, dict):
        raise BriefingError(where, "'training' must be a mapping")
    try:
        thresholds = tuple(float(t) for t in raw["thresholds"])
        settings = TrainingSettings(
            seed=int(raw["seed"]),
            epochs=int(raw["epochs"]),
            learning_rate=float(raw["learning_rate"]),
            l2=float(raw["l2"]),
            folds=int(raw["folds"]),
            thresholds=thresholds,
            min_weight=float(raw["min_weight"]),
            min_articles=int(raw["min_articles"]),
            min_gain=float(raw["min_gain"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BriefingError(where, f"training: missing or malformed setting ({exc})") from None
    if settings.folds < 2 or not settings.thresholds:
        raise BriefingError(where, "training: 'folds' must be >= 2 and 'thresholds' not empty")
    return settings


def load_articles(gold_dir: Path, seeds_dir: Path) -> list[Article]:
    """Every article of `gold_dir` (sorted by name) with its seed from `seeds_dir`."""
    out = []
    for path in sorted(gold_dir.glob("*.yml")):
        gold = load_gold(path)
        forget_article()
        source = read_seed(seeds_dir / f"{gold.name}.txt")
        body = clean(source).body
        demands, proposals = find_items(body)
        candidates = tuple(find_candidates(body, demands, proposals))
        sentences = [c.sentence for c in candidates]
        labels = {
            "demand": _labels(gold.demands, sentences),
            "proposal": _labels(gold.proposals, sentences),
        }
        out.append(Article(gold, body, demands, proposals, candidates, labels))  # type: ignore[arg-type]
    return out


def _labels(items: Sequence[GoldItem], sentences: Sequence[str]) -> tuple[int, ...]:
    marked = [0] * len(sentences)
    for item in items:
        best, where = 0, -1
        for i, sentence in enumerate(sentences):
            if item_matches(item, sentence):
                found = sum(occurs(term, sentence) for term in item.key_terms)
                if found > best:
                    best, where = found, i
        if where >= 0:
            marked[where] = 1
    return tuple(marked)


def fit(
    examples: Sequence[tuple[str, ...]], labels: Sequence[int], settings: TrainingSettings
) -> dict[str, float]:
    """Logistic-regression weights by AdaGrad; classes weighted to count alike."""
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    positives = sum(labels)
    negatives = len(labels) - positives
    balance = {
        1: len(labels) / (2 * max(positives, 1)),
        0: len(labels) / (2 * max(negatives, 1)),
    }
    order = list(range(len(examples)))
    shuffle = random.Random(settings.seed)
    rate, l2 = settings.learning_rate, settings.l2
    for _ in range(settings.epochs):
        shuffle.shuffle(order)
        for i in order:
            features, label = examples[i], labels[i]
            z = math.fsum(weights.get(f, 0.0) for f in features)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            error = (p - label) * balance[label]
            for f in features:
                w = weights.get(f, 0.0)
                g = error + l2 * w
                s = squares.get(f, 1e-8) + g * g
                squares[f] = s
                weights[f] = w - rate * g / math.sqrt(s)
    return weights


def _train(
    articles: Sequence[Article], settings: TrainingSettings
) -> dict[ItemKind, dict[str, float]]:
    # A feature seen in fewer than `min_articles` articles names a topic, not a form ("the
    # reassurance force"): left out, so that the model learns what carries over.
    seen: dict[str, int] = {}
    for a in articles:
        for f in {f for c in a.candidates for f in c.features}:
            seen[f] = seen.get(f, 0) + 1
    common = {f for f, n in seen.items() if n >= settings.min_articles}
    examples = [tuple(sorted(c.features & common)) for a in articles for c in a.candidates]
    return {
        kind: fit(examples, [y for a in articles for y in a.labels[kind]], settings)
        for kind in KINDS
    }


def _score(articles: Sequence[Article], models: Sequence[ItemModel]) -> dict[ItemKind, Score]:
    """GOLD.md's item scores of articles extracted with the rules and each article's model."""
    totals = {kind: [0, 0, 0] for kind in KINDS}
    if not articles:
        return {kind: Score(0, 0, 0) for kind in KINDS}
    for article, model in zip(articles, models, strict=True):
        demands, proposals = add_learned(
            list(article.candidates), article.body, article.demands, article.proposals, model
        )
        for kind, predicted, gold in (
            ("demand", demands, article.gold.demands),
            ("proposal", proposals, article.gold.proposals),
        ):
            s = score_items(kind, gold, predicted, article.gold.not_items, article.gold.authors)  # type: ignore[arg-type]
            t = totals[kind]  # type: ignore[index]
            t[0] += s.matched
            t[1] += s.predicted
            t[2] += s.gold
    return {kind: Score(*totals[kind]) for kind in KINDS}


_OFF: tuple[float, int] = (1.01, 0)  # a threshold no probability reaches: the rules alone
_SPLITS = (0, 2, 3)


def train_model(
    measured: Sequence[Article],
    extra: Sequence[Article],
    settings: TrainingSettings,
    keep: Sequence[Article] = (),
) -> tuple[ItemModel, dict[str, object]]:
    """The model trained on all articles and its report: the cross-validated scores on
    `measured` (`extra` and `keep` articles are only ever trained on) and the settings chosen.

    Each kind's threshold and list cutting are those of the best cross-validated F1 among the
    settings under which no `keep` article (the public seeds) scores lower than with the rules
    alone; a best F1 less than `min_gain` above the rules alone leaves the kind to the rules.
    """
    k = min(settings.folds, len(measured))
    if k < 2:
        raise BriefingError("training", "at least two articles to measure on are needed")
    fold_of = [i % k for i in range(len(measured))]
    trained_on = list(extra) + list(keep)
    fold_weights = [
        _train([a for i, a in enumerate(measured) if fold_of[i] != f] + trained_on, settings)
        for f in range(k)
    ]
    final = _train(list(measured) + trained_on, settings)

    def crossed(choice: dict[ItemKind, tuple[float, int]]) -> dict[ItemKind, Score]:
        return _score(measured, [_model(fold_weights[f], choice) for f in fold_of])

    off = {kind: _OFF for kind in KINDS}
    alone = crossed(off)
    floor = _score(keep, [_model(final, off)] * len(keep))
    chosen = dict(off)
    for kind in KINDS:
        best = alone[kind].f1 + settings.min_gain
        for threshold in settings.thresholds:
            for split in _SPLITS:
                trial = {**off, kind: (threshold, split)}
                if (
                    keep
                    and _score(keep, [_model(final, trial)] * len(keep))[kind].f1 < floor[kind].f1
                ):
                    continue
                f1 = crossed(trial)[kind].f1
                if f1 > best + 1e-9:
                    best, chosen[kind] = f1, (threshold, split)
    scores = crossed(chosen)
    report: dict[str, object] = {
        "articles_measured": len(measured),
        "articles_extra": len(trained_on),
        "sentences": sum(len(a.candidates) for a in (*measured, *trained_on)),
        "folds": k,
    }
    for kind in KINDS:
        report[kind] = {
            "threshold": chosen[kind][0],
            "split": chosen[kind][1],
            "rules_alone": _rates(alone[kind]),
            "cross_validated": _rates(scores[kind]),
        }
    return _model(final, chosen, settings.min_weight), report


def _rates(s: Score) -> dict[str, float | int]:
    return {
        "precision": round(s.precision, 3),
        "recall": round(s.recall, 3),
        "f1": round(s.f1, 3),
        "matched": s.matched,
        "predicted": s.predicted,
        "gold": s.gold,
    }


def _model(
    weights: dict[ItemKind, dict[str, float]],
    chosen: dict[ItemKind, tuple[float, int]],
    min_weight: float = 0.0,
) -> ItemModel:
    def kind_model(kind: ItemKind) -> KindModel:
        kept = (
            {f: round(w, 4) for f, w in weights[kind].items() if abs(w) >= min_weight}
            if min_weight
            else weights[kind]
        )
        return KindModel(kept, chosen[kind][0], chosen[kind][1])

    return ItemModel(kind_model("demand"), kind_model("proposal"))
