"""Classifier: a candidate's features in, the probability that it is a demand / a proposal out.

Two logistic-regression models (one per kind) over the features of `candidates.py`, trained
by `make train` (`evaluate/training.py`) and kept in `build_tools/models/items.json`: per
kind, the weights, the probability above which a sentence the rules missed becomes an item,
and whether such a sentence's list is cut into one item per element. The file is data: no
code is loaded from it, and a damaged one is an error naming it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from build_tools.errors import BriefingError
from build_tools.records import ItemKind

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "items.json"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class KindModel:
    """The model of one kind of item."""

    weights: dict[str, float]
    """Feature name -> weight; a feature not listed weighs 0."""
    threshold: float
    """A sentence the rules missed becomes an item at this probability or above."""
    split: int
    """Such a sentence's list is cut into one item per element when it has at least this
    many elements; 0: never cut."""

    def probability(self, features: frozenset[str]) -> float:
        """The model's probability that a sentence with these features is an item."""
        weights = self.weights
        # An exact sum: the same probability whatever order the set iterates in.
        z = math.fsum(weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class ItemModel:
    """Both kinds' models."""

    demand: KindModel
    proposal: KindModel

    def of(self, kind: ItemKind) -> KindModel:
        return self.demand if kind == "demand" else self.proposal


@cache
def item_model(path: Path = MODEL_PATH) -> ItemModel | None:
    """The trained model, or None when the project has none yet (the rules work alone)."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BriefingError(str(path), f"cannot read the item model ({exc})") from None
    return model_from_dict(data, str(path))


def model_from_dict(data: object, where: str) -> ItemModel:
    """An `ItemModel` from the JSON object `model_to_dict` makes, checked."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BriefingError(where, f"not an item model of format {FORMAT}; run `make train`")
    kinds = {}
    for kind in ("demand", "proposal"):
        part = data.get(kind)
        if not isinstance(part, dict):
            raise BriefingError(where, f"'{kind}' needs 'weights' and a 'threshold'")
        weights, threshold = part.get("weights"), part.get("threshold")
        if not isinstance(weights, dict) or not isinstance(threshold, int | float):
            raise BriefingError(where, f"'{kind}' needs 'weights' and a 'threshold'")
        if not all(isinstance(v, int | float) for v in weights.values()):
            raise BriefingError(where, f"'{kind}': every weight must be a number")
        kinds[kind] = KindModel(
            {str(k): float(v) for k, v in weights.items()},
            float(threshold),
            int(part.get("split", 0)),
        )
    return ItemModel(kinds["demand"], kinds["proposal"])


def model_to_dict(model: ItemModel, report: dict[str, object]) -> dict[str, object]:
    """The JSON object of a model, with the training report that made it."""
    out: dict[str, object] = {"format": FORMAT, "report": report}
    kinds: tuple[ItemKind, ...] = ("demand", "proposal")
    for kind in kinds:
        m = model.of(kind)
        out[kind] = {
            "threshold": m.threshold,
            "split": m.split,
            "weights": dict(sorted(m.weights.items())),
        }
    return out
