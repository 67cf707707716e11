"""Learned items: the body and the rules' items in, the items with what the model adds out.

The rules (`items.py`) are precise but miss most of what real articles put forward in forms
no cue describes. Every sentence in which the rules found no item of a kind is scored by that
kind's trained model (`classifier.py`); at or above the model's threshold it becomes an item:

- its phrase is what follows a cue the rules kept ("calls for A"), else the sentence itself,
  cut into one item per element of a list where the model says lists are to be cut;
- its party is found as the rules find theirs (`attribution.py`): whom the sentence reports
  ("X said", "according to X", a quotation's speaker), else its clause's subject, else the
  subject of the sentences just before it, else the author;
- a proposal's stance is `endorsed` for the author's and `reported` for anyone else's.

Rule items are kept as they are: the model adds recall, it does not overrule a cue.
"""

from __future__ import annotations

import re
from dataclasses import replace

from build_tools.extract.actors import is_official, resolve_party
from build_tools.extract.attribution import (
    AUTHOR,
    Attribution,
    Discourse,
    full_names,
    main_subject,
    reporter_of,
    subject_of,
    voice_of,
    without_report_tag,
)
from build_tools.extract.candidates import Candidate, feature_settings, find_candidates
from build_tools.extract.classifier import ItemModel, item_model
from build_tools.extract.cues import find_cues, is_demand_modal, why_not
from build_tools.extract.enumerations import meaningful, split_list, strip_bullet, tidy
from build_tools.records import Item, ItemKind, Paragraph, Stance

_KINDS: tuple[ItemKind, ...] = ("demand", "proposal")


def complete_items(
    body: tuple[Paragraph, ...],
    demands: tuple[Item, ...],
    proposals: tuple[Item, ...],
    model: ItemModel | None = None,
) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    """(demands, proposals): the rules' items and the model's, in reading order, each party
    named by its full name (`full_names`)."""
    model = model if model is not None else item_model()
    if model is not None and any(model.of(kind).threshold <= 1 for kind in _KINDS):
        # (no model, or one that adds nothing: no sentence to score)
        candidates = find_candidates(body, demands, proposals)
        demands, proposals = add_learned(candidates, body, demands, proposals, model)
    demands, proposals = full_names(body, demands), full_names(body, proposals)
    return _official_modals(body, demands, proposals)


def _official_modals(
    body: tuple[Paragraph, ...], demands: tuple[Item, ...], proposals: tuple[Item, ...]
) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    """A proposal "X must A" whose party, once named in full, is an official party other
    than X ("Olafsdottir said Norway must lift the ban": Iceland) is that party's demand, as
    the rules make it when the party is named at once."""
    moved = [p for p in proposals if _official_requirement(p)]
    if not moved:
        return demands, proposals
    kept = tuple(p for p in proposals if p not in moved)
    number = {p.anchor: i for i, p in enumerate(body)}
    merged = [*demands, *(replace(p, kind="demand", stance=None) for p in moved)]
    merged.sort(key=lambda i: number.get(i.paragraph, 0))  # stable: reading order kept
    return tuple(merged), kept


def _official_requirement(item: Item) -> bool:
    m = _MODAL_CLAUSE.match(item.text)
    if m is None or item.actor == "author" or not is_official(item.actor):
        return False
    return is_demand_modal(m.group(2)) and resolve_party(m.group(1)) != item.actor


_CLOSING_QUOTE = re.compile(r"[,.]?[”»]|[,.]\"")
_OPENING_QUOTE = re.compile(r"[“«]")
_MODAL_CLAUSE = re.compile(r"((?:[A-Z][\w’'.-]*\s+){1,3}?)(must|has to|have to|needs to)\b")


def add_learned(
    candidates: list[Candidate],
    body: tuple[Paragraph, ...],
    demands: tuple[Item, ...],
    proposals: tuple[Item, ...],
    model: ItemModel,
) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    """`complete_items` for candidates already found (training scores many models on them)."""
    added: dict[ItemKind, list[tuple[int, int, Item]]] = {"demand": [], "proposal": []}
    # A sentence with no word of a kind's lexicon and no cue of that kind gets no item of it
    # from the model: on pages of other negotiations, what it added there were narrative
    # sentences whose words it had learned from topics ("declared its independence").
    gate = feature_settings().gate
    ctx = Discourse()
    opened = -1
    for order, c in enumerate(candidates):
        text = strip_bullet(c.paragraph.text)
        if c.number != opened:
            ctx.open_paragraph(c.number, text)
            opened = c.number
        index = len(ctx.sentences)
        ctx.add(c.number, c.sentence)
        wanted = [
            kind
            for kind in _KINDS
            if kind not in c.ruled
            and (not gate or _has_words_of(kind, c.features))
            and model.of(kind).probability(c.features) >= model.of(kind).threshold
        ]
        if wanted:
            start, phrase = _phrase(c.sentence)
            who = _party(c.sentence, start, ctx, index, c.number, text)
            for kind in wanted:
                for piece in _pieces(phrase, model.of(kind).split):
                    item = Item(
                        kind=kind,
                        actor=who.party,
                        text=piece,
                        evidence=c.sentence,
                        paragraph=c.paragraph.anchor,
                        stance=None if kind == "demand" else _stance(who.party),
                        mention=who.mention,
                    )
                    added[kind].append((c.number, order, item))
        voice = voice_of(c.sentence, ctx, index, c.number)
        if voice is not None:
            ctx.voice = (c.number + 1, voice)
    if not added["demand"] and not added["proposal"]:
        return demands, proposals
    number = {p.anchor: i for i, p in enumerate(body)}
    return (
        _in_order(demands, added["demand"], number),
        _in_order(proposals, added["proposal"], number),
    )


def _has_words_of(kind: ItemKind, features: frozenset[str]) -> bool:
    """Whether a sentence holds a word of `kind`'s lexicon or a cue of that kind (kept or
    rejected by the rules' checks)."""
    return not features.isdisjoint((f"lex:{kind}", f"cue:{kind}:kept", f"cue:{kind}:rejected"))


def _party(
    sentence: str, offset: int, ctx: Discourse, index: int, number: int, text: str
) -> Attribution:
    """Who puts forward what `sentence` says from `offset` on: whom it reports ("X said",
    "according to X", a quotation's speaker), else the subject of its clause, else the
    subject of the sentences before it, else the author."""
    # A whole sentence as the phrase: whom it reports is asked of all of it.
    reported_at = 0 if offset >= len(sentence) else offset
    found = reporter_of(sentence, reported_at, ctx, index, number, text)
    if found is None and offset < len(sentence):
        found = subject_of(sentence, offset, ctx, index, number)
    if found is None:
        found = main_subject(sentence, ctx, index, number)
    if found is None or found.kind in ("pronoun", "refer", "negative"):
        found = ctx.previous_subject(index) or found
    if found is None or found.kind in ("pronoun", "refer", "negative"):
        return AUTHOR
    return found


def _stance(party: str) -> Stance:
    return "endorsed" if party == "author" else "reported"


def _phrase(sentence: str) -> tuple[int, str]:
    """(offset of the cue, phrase): what follows the sentence's first kept cue; else the whole
    sentence (offset: its end) without a closing report tag (", officials said")."""
    for cue in find_cues(sentence):
        if why_not(sentence, cue) is not None:
            continue
        start, end = cue.item if cue.item is not None else (cue.end, len(sentence))
        phrase = sentence[start:end]
        close = _CLOSING_QUOTE.search(phrase)
        if close is not None and not _OPENING_QUOTE.search(phrase, 0, close.start()):
            # '... must withdraw from A," the statement said': the quotation ends the phrase
            phrase = phrase[: close.start()]
        if meaningful(phrase) and len(phrase.split()) >= 3:
            return cue.start, phrase
    return len(sentence), without_report_tag(sentence.rstrip(" ."))


def _pieces(phrase: str, split: int) -> list[str]:
    """One phrase, or one per element of its list when it has at least `split` elements."""
    pieces = split_list(phrase) if split else []
    if len(pieces) < max(split, 1):
        pieces = [tidy(phrase)]
    return [p for p in pieces if p and meaningful(p)] or [tidy(phrase)]


def _in_order(
    ruled: tuple[Item, ...], added: list[tuple[int, int, Item]], number: dict[str, int]
) -> tuple[Item, ...]:
    """Rule items and added items merged by paragraph; within a paragraph the rules' first.
    An added item with the phrase of a rule item in its paragraph (a list item the rules took
    from a paragraph whose first sentence the model scored) is that item again: dropped."""
    keyed = [(number.get(i.paragraph, 0), 0, n, i) for n, i in enumerate(ruled)]
    seen = {(i.paragraph, i.text) for i in ruled}
    keyed += [(p, 1, order, i) for p, order, i in added if (i.paragraph, i.text) not in seen]
    keyed.sort(key=lambda k: k[:3])
    return tuple(k[3] for k in keyed)
