"""Items: the cleaned body in, demands and proposals (`Item` records) out.

The article is read in order, sentence by sentence, so that a reference back ("Others argue",
"They claim", "The pact would ...") can be resolved from what came before:

1. `cues.find_cues` finds where a sentence puts something forward, and `cues.why_not` drops
   look-alikes (negated, opposed, restated, hypothetical, questions, advice about thinking);
2. the cue's form (`rules/cues.yml`) says where the item's phrase is, and
   `attribution` says whose it is;
3. a demand, or anything in a list, is split into one item per element (`enumerations`);
4. lists also come as "First, ... Second, ..." sentences, as list items after a line that
   announces them ("Kyiv's conditions are:"), and as sections under a heading
   ("Recommendations"): those items take the party and kind of their announcement (`lists`);
5. a proposal's stance is the author's (`endorsed`), or how the author judges someone else's
   (`stance.judge`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cache

from build_tools.extract.actors import (
    adjective_party,
    find_mentions,
    is_official,
    lone_name,
    names_a_side,
    resolve_party,
    side_noun,
)
from build_tools.extract.attribution import (
    AUTHOR,
    Attribution,
    Discourse,
    body_reference,
    clause_start,
    holder_of,
    is_initials,
    left_open,
    negotiates,
    open_quote_speaker,
    opens_with_quote,
    presenter_of,
    proposal_from,
    proposal_kind,
    proposal_owner,
    reporter_of,
    speaker_label,
    speech_party,
    subject_of,
    voice_of,
    without_inner_tag,
    without_report_tag,
)
from build_tools.extract.cues import (
    MEETING_KIND,
    Cue,
    adds_to_previous,
    announces_demands,
    announces_list,
    asks_for_plan,
    clause_end,
    container_lead,
    contents_owner,
    demand_elaboration,
    empty_formula,
    ends_on_container,
    find_cues,
    is_demand_modal,
    is_firm_modal,
    is_reporting,
    keeps_cue,
    labels_summary_box,
    lexicon,
    list_ahead,
    list_follower,
    lost_colon,
    mentions_demands,
    opens_with_ordinal,
    plan_would,
    rejected_offer,
    relative_owner,
    states_finding,
    superseded,
    trigger_words,
    why_not,
)
from build_tools.extract.enumerations import (
    meaningful,
    split_list,
    strip_bullet,
    tidy,
    verbless_element,
)
from build_tools.extract.lists import (
    REACH,
    ListContext,
    container_kind,
    container_only,
    is_item,
    item_phrase,
    prose,
    section_list,
    shape,
)
from build_tools.extract.sentences import sentence_spans, split_sentences
from build_tools.extract.stance import content_words, judge_all, judges
from build_tools.records import Item, ItemKind, Paragraph, Stance
from build_tools.rules import compile_alternation, rule_list
from build_tools.switches import is_on

_CONTINUATION_REACH = 1
# Reasons (from `cues.why_not`) that say a paragraph denies an item rather than lists one.
_DENIALS = frozenset({"negated", "opposed", "restated"})
_AND_BEFORE = re.compile(r"(?:,\s*|\s)and\s+$")
_CAPITALISED = re.compile(r"\b[A-Z][\w.-]*\b")
_PASSIVE_IN_CUE = re.compile(r"\bbe(?:en)?\s+(\w+)\b", re.IGNORECASE)
_CONTRAST = re.compile(r"(?<!\ba)\s(?:while|whereas|but)\s(?!also\b)", re.IGNORECASE)


@dataclass
class _Draft:
    """An item being assembled."""

    kind: ItemKind
    who: Attribution
    text: str
    evidence: str
    paragraph: str
    number: int
    """Index of the paragraph in the body."""
    sentence: int
    """Index of the sentence in the discourse."""
    restated: bool = False
    """True in a box that sums the article up ("Key takeaways")."""
    rest: str = ""
    """What the sentence says after the phrase (for the stance)."""
    lead: str = ""
    """What the sentence says before the phrase (for the stance: "rightly suggests")."""
    stance: Stance | None = None
    described: bool = False
    """A plan the author describes without a party to it ("The plan stipulates A"): the
    author's own words, but judged as a reported proposal is."""


@dataclass
class _State:
    ctx: Discourse = field(default_factory=Discourse)
    drafts: list[_Draft] = field(default_factory=list)
    section: ListContext | None = None
    announced: ListContext | None = None
    denied: int = -1
    """The last paragraph with a cue rejected as negated, opposed or restated: a paragraph
    that says what is *not* proposed is no list item either."""
    box: str = ""
    """Inside a box that sums the article up: "heading" (to the next heading) or "label"
    (a short line above a list, to the next prose paragraph); "" outside one."""


def find_demands(body: tuple[Paragraph, ...]) -> tuple[Item, ...]:
    """Demands put forward by actors in the article."""
    return find_items(body)[0]


def find_proposals(body: tuple[Paragraph, ...]) -> tuple[Item, ...]:
    """Plans, proposals and recommendations, with who puts them forward."""
    return find_items(body)[1]


def find_items(body: tuple[Paragraph, ...]) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    """(demands, proposals) of the article whose cleaned body is `body`, in one reading."""
    state = _State()
    for number, paragraph in enumerate(body):
        if paragraph.heading:
            state.box = "heading" if labels_summary_box(paragraph.text) else ""
            state.section = None if state.box else section_list(paragraph.text, number)
            state.announced = None
            continue
        if labels_summary_box(paragraph.text):
            state.box = "label"
            continue
        first = len(state.drafts)
        _read_paragraph(state, number, paragraph)
        if state.box == "label" and _ends_box(paragraph):
            state.box = ""
        for draft in state.drafts[first:]:
            draft.restated = bool(state.box)
    speaker = speech_party([p.text for p in body if not p.heading])
    return _finish(state, speaker)


def _ends_box(paragraph: Paragraph) -> bool:
    """True for a paragraph of prose after a box's label: the box was the list before it."""
    text = strip_bullet(paragraph.text)
    bulleted = text != paragraph.text or bool(getattr(paragraph, "list_item", False))
    return prose(text, split_sentences(text), bulleted)


def _read_paragraph(state: _State, number: int, paragraph: Paragraph) -> None:
    text = strip_bullet(paragraph.text)
    # A list item of the source, however the scrape marked it (`list_item` where the cleaner
    # records it).
    bulleted = text != paragraph.text or bool(getattr(paragraph, "list_item", False))
    first_draft = len(state.drafts)
    state.ctx.open_paragraph(number, text)
    # A quotation over several paragraphs: one that opens with a mark goes on with the
    # speaker of the quotation the paragraph before left open; one that leaves its own open
    # is its lead-in's speaker's from the mark on
    ctx = state.ctx
    opened = left_open(text)
    if ctx.open_quote is not None and opens_with_quote(text):
        ctx.voice = (number, ctx.open_quote)
    elif opened:
        lead = open_quote_speaker(text, ctx, len(ctx.sentences), number)
        if lead is not None:
            ctx.voice = (number, lead)
    continuing = ctx.voice[1] if ctx.voice is not None and ctx.voice[0] == number else None
    ctx.open_quote = continuing if opened else None
    spans = sentence_spans(text)
    sentences = [text[a:b] for a, b in spans]
    # One search of the paragraph for trigger words, shared out to its sentences.
    triggers = trigger_words(text)
    starts = [t for t, _ in triggers]
    colon_list: _Draft | None = None
    for (a, b), sentence in zip(spans, sentences, strict=True):
        index = len(state.ctx.sentences)
        state.ctx.add(number, sentence)
        # Triggers are in text order: take this sentence's slice, not a scan of all of them.
        own = [(t - a, w) for t, w in triggers[bisect_left(starts, a) : bisect_left(starts, b)]]
        found = _sentence_items(state, sentence, index, number, paragraph, text, own)
        if not found:
            found = _plan_content(state, sentence, index, number, paragraph)
        if not found:
            found = _terms_listed(state, sentence, index, number, paragraph)
        if not found and colon_list is not None and verbless_element(sentence):
            # "The union's demands: A 30% raise. A 32-hour week.": the fragments that follow
            # an item after a colon are the list's next elements
            colon_list = replace(colon_list, text=tidy(sentence), evidence=sentence, sentence=index)
            found = [colon_list]
        else:
            after = found and _after_colon(sentence, found[-1].text)
            colon_list = found[-1] if after else None
        # "A: First, ...": a transcript's label stands before the ordinal.
        said = sentence[speaker_label(sentence) if a == 0 else 0 :]
        ordinal = opens_with_ordinal(said)
        if ordinal and state.announced is None:
            _look_back_for_announcement(state, index, number)
        listed = state.announced
        if ordinal and listed is not None and number - listed.number <= REACH:
            found = _as_list_elements(found, listed) or [
                _list_item(listed, item_phrase(said, [said]), sentence, paragraph, number, index)
            ]
            if listed.who.party == "author":
                # Unless a transcript's guest or a quotation says it.
                who = reporter_of(said, 0, state.ctx, index, number, text)
                for d in found:
                    d.who = who if who is not None and d.who.party == "author" else d.who
        state.drafts.extend(d for d in found if d.text)
        voice = voice_of(sentence, state.ctx, index, number)
        if voice is not None:
            state.ctx.voice = (number + 1, voice)
        # Only a colon, items that merely name a list ("three steps") or a paragraph that ends
        # on the list it names ("The union published its list of demands.") announce one
        # here; "Moscow has three conditions. It wants ..." is found when its "First, ..." comes.
        if (
            sentence.rstrip().endswith(":")
            or (found and all(container_only(d.text) for d in found))
            or (sentence is sentences[-1] and ends_on_container(sentence))
        ):
            announcement = _announcement(state, sentence, found, index, number)
            if announcement is not None:
                state.drafts[:] = [d for d in state.drafts if d.sentence != index]
                state.announced = announcement
    at = len(state.ctx.sentences) - 1
    if sentences and not any(d.sentence == at for d in state.drafts[first_draft:]):
        verb = lost_colon(sentences[-1])
        who = subject_of(sentences[-1], verb, state.ctx, at, number) if verb else None
        if who is not None and who.party != "author":
            # "... The envoy outlined" and a list after it: the scrape lost the colon.
            kind: ItemKind = "demand" if mentions_demands(text) else "proposal"
            state.announced = ListContext(kind, who, number, paragraphs=True)
            return
    listed = state.announced
    if (
        len(state.drafts) > first_draft
        and listed is not None
        and listed.paragraphs
        and listed.number != number
        and is_item(listed, text, sentences, bulleted)
    ):
        # An item of the list announced above that has a cue of its own ("- Kyiv must A"):
        # in the author's voice, it is the announcer's.
        listed.shape = shape(text, bulleted)
        _as_list_elements(state.drafts[first_draft:], listed)
        return
    if len(state.drafts) == first_draft:
        _paragraph_as_list_item(state, number, paragraph, text, bulleted)
    elif state.announced is not None and state.announced.number != number:
        state.announced.paragraphs = False
    if state.section is not None and prose(text, sentences, bulleted):
        # A section's list is the run of short paragraphs at its start; prose ends it.
        state.section.paragraphs = False


def _after_colon(sentence: str, item: str) -> bool:
    """True when `item` is all a sentence says after its colon ("Its demands: A.")."""
    colon = sentence.find(": ")
    return colon > 0 and sentence[colon + 2 :].strip(" .").endswith(item.strip(" ."))


def _paragraph_as_list_item(
    state: _State, number: int, paragraph: Paragraph, text: str, bulleted: bool
) -> None:
    """A short paragraph under an announcement or a list heading is one item of that list."""
    listed = state.announced if state.announced and state.announced.paragraphs else state.section
    if listed is None or listed.number == number or not listed.paragraphs:
        return
    if state.denied == number:
        return  # "We do not recommend A": not an item of the list
    if states_finding(text):
        # "We conclude that ...": a finding among the recommendations, no item; but it has
        # the list's shape.
        listed.shape = listed.shape or shape(text, bulleted)
        return
    sentences = split_sentences(text)
    if not is_item(listed, text, sentences, bulleted):
        # Prose again: the list is over, and so is the list of the section it stands in.
        if listed is state.announced:
            state.announced = None
        if state.section is not None:
            state.section.paragraphs = False
        return
    listed.shape = shape(text, bulleted)
    index = len(state.ctx.sentences) - 1
    phrase = item_phrase(text, sentences)
    state.drafts.append(_list_item(listed, phrase, text, paragraph, number, index))


def _list_item(
    listed: ListContext, phrase: str, evidence: str, paragraph: Paragraph, number: int, index: int
) -> _Draft:
    return _draft(listed.kind, listed.who, phrase, evidence, paragraph, number, index)


def _draft(
    kind: ItemKind,
    who: Attribution,
    phrase: str,
    evidence: str,
    paragraph: Paragraph,
    number: int,
    index: int,
    stance: Stance | None = None,
) -> _Draft:
    """An item found outside a cue's own sentence parts: a list item, a plan's content."""
    return _Draft(
        kind=kind,
        who=who,
        text=phrase,
        evidence=evidence,
        paragraph=paragraph.anchor,
        number=number,
        sentence=index,
        stance=stance,
    )


def _as_list_elements(found: list[_Draft], listed: ListContext) -> list[_Draft]:
    """Items of an ordinal sentence ("Second, NATO should ...") belong to the announced list:
    in the author's voice, they take the announcer as their party."""
    for draft in found:
        if draft.who.party == "author" and listed.who.party != "author":
            draft.who = listed.who
            draft.kind = listed.kind
    return found


def _announcement(
    state: _State, sentence: str, found: list[_Draft], index: int, number: int
) -> ListContext | None:
    """The list a sentence announces ("X set out three conditions:"), if it announces one."""
    own = [d for d in found if d.sentence == index]
    if own and not all(container_only(d.text) for d in own):
        return None
    if not announces_list(sentence) and not sentence.rstrip().endswith(":"):
        return None
    # "The union published its list of demands." over a list: the stop stands for a colon
    terse = not sentence.rstrip().endswith(":") and ends_on_container(sentence)
    colon = sentence.rstrip().endswith(":") or terse
    if own:
        return ListContext(own[0].kind, own[0].who, number, paragraphs=colon, terse=terse)
    lex = lexicon()
    container = lex.container.search(sentence)
    if container is None:
        return None
    kind = container_kind(container.group())
    who = owner_after(sentence, container.start())  # "the Eight Demands of the United States:"
    who = (
        who
        or subject_of(sentence, container.start(), state.ctx, index, number)
        or reporter_of(sentence, container.start(), state.ctx, index, number, "")
    )  # "According to a statement from the union, the counterproposal includes:"
    section = state.section
    if section is not None and section.kind == "demand":
        # "What Moscow wants" ... "Its envoy listed the priorities:": the section says demands.
        kind, who = "demand", who or section.who
    return ListContext(kind, who or AUTHOR, number, paragraphs=colon, terse=terse)


def _look_back_for_announcement(state: _State, index: int, number: int) -> None:
    """An ordinal sentence with no list announced: did one of the two sentences before name
    the list ("Moscow has three conditions.")?"""
    for i in range(index - 1, max(-1, index - 3), -1):
        at, sentence = state.ctx.sentences[i]
        if number - at > REACH:
            return
        if announces_list(sentence):
            announcement = _announcement(state, sentence, [], i, at)
            if announcement is not None:
                state.announced = announcement
            return
        if asks_for_plan(sentence):
            # "What could a deal look like? First, ...": the answer lists proposals.
            who = reporter_of(sentence, 0, state.ctx, index, number, "") or AUTHOR
            state.announced = ListContext("proposal", who, at, paragraphs=False)
            return


def _sentence_items(
    state: _State,
    sentence: str,
    index: int,
    number: int,
    paragraph: Paragraph,
    para_text: str,
    triggers: list[tuple[int, str]],
) -> list[_Draft]:
    found: list[_Draft] = []
    taken: list[tuple[int, int]] = []
    cues = find_cues(sentence, triggers)
    # "Kyiv wants A and demands B": a verb cue joined by "and" ends the phrase before it.
    joins = [
        c.start
        for c in cues
        if c.rule.form in ("verb", "noun") and _AND_BEFORE.search(sentence, 0, c.start)
    ]
    # "X are asking for A while Y want B", "X is ready to talk but Y must first B": a cue in a
    # clause that "while", "whereas" or "but" opens ends the phrase before that word.
    joins += [m.start() for c in cues if (m := _last_contrast(sentence, c.start)) is not None]
    for cue in cues:
        if any(a <= cue.start < b for a, b in taken):
            continue
        reason = why_not(sentence, cue)
        if reason == "prediction" and _official_requirement(state, sentence, cue, index, number):
            reason = None
        if reason is not None:
            if reason in _DENIALS:
                state.denied = number
            continue
        if cue.rule.form == "elaboration":
            _elaborate(state, sentence, cue, index, number)
            taken.append((cue.start, len(sentence)))
            continue
        stop = min((j for j in joins if j > cue.end), default=len(sentence))
        built = _build(state, sentence, cue, index, number, paragraph, para_text, stop)
        if built is None:
            continue
        drafts, span = built
        taken.append(span)
        found.extend(drafts)
    return found


def _passive_in(text: str) -> bool:
    """True when `text` holds a passive ("be deployed", "be sent")."""
    participles = lexicon().participles
    return any(
        w.endswith(("ed", "en")) or w in participles
        for w in (m.group(1).lower() for m in _PASSIVE_IN_CUE.finditer(text))
    )


def _last_contrast(sentence: str, cue: int) -> re.Match[str] | None:
    """The last "while"/"whereas"/"but" that opens the clause of the cue at `cue` (at most
    eight words before it, no comma between)."""
    found = None
    for m in _CONTRAST.finditer(sentence, max(0, cue - 80), cue):
        found = m
    if found is None or "," in sentence[found.end() : cue]:
        return None
    return found if len(sentence[found.end() : cue].split()) <= 8 else None


def _official_requirement(state: _State, sentence: str, cue: Cue, index: int, number: int) -> bool:
    """True for "X's office said any treaty would have to be ratified by A": "would have to" is
    no forecast when an official party says it; it states that party's requirement."""
    if cue.rule.form != "modal":
        return False
    who = reporter_of(sentence, cue.start, state.ctx, index, number, "")
    return who is not None and is_official(who.party)


def _build(
    state: _State,
    sentence: str,
    cue: Cue,
    index: int,
    number: int,
    paragraph: Paragraph,
    para_text: str,
    stop: int,
) -> tuple[list[_Draft], tuple[int, int]] | None:
    form = cue.rule.form
    start, end = _phrase_span(sentence, cue)
    second = _and_that_modal().search(sentence, cue.end, end) if form == "modal" else None
    if second is not None:
        # "troops should remain on the island and that some land should be given back": the
        # second reported clause is an item of its own, with its own modal
        end = second.start()
    if stop < end:
        end = sentence.rfind(" and", start, stop) if " and" in sentence[start:stop] else stop
    if end - start < 3:
        return None
    who = _party(state, sentence, cue, start, index, number, para_text)
    if who is None:
        return None
    kind = _kind(sentence, cue, who, start)
    if state.section is not None and state.section.kind == "demand" and who.party == "author":
        kind, who = "demand", state.section.who
    if kind == "demand" and cue.rule.kind == "proposal" and start == cue.start:
        start = cue.end  # a side's "called for A" demands A: the phrase is A alone
    own = _OWN_IDEA.match(sentence, start) if kind == "proposal" else None
    if own is not None and cue.rule.kind == "demand":
        start = own.end()  # "insisted on his idea to create A": the phrase is "create A"
    if form == "modal" and who.party == "author" and adds_to_previous(sentence):
        # "X demands A. In addition, Kyiv must B.": B is X's demand too.
        previous = _previous_demand(state, index)
        if previous is not None:
            kind, who = "demand", previous.who
    phrase = sentence[start:end]
    # "..., two people familiar with the talks said": who reports it, not part of the phrase.
    end = start + len(without_report_tag(sentence[start:end]))
    phrase = sentence[start:end]
    # "called for the following measures: A; B; C": the list after the announcement.
    ahead = list_ahead(sentence[cue.end : end])
    phrase = sentence[cue.end + ahead : end] if ahead else phrase
    if _RANGE_CUE.search(sentence, cue.start, cue.end):
        # "Proposals range from A to B": two elements
        phrase = _RANGE_TO.sub("; ", phrase, count=1)
    contents = lexicon().plan_includes.search(phrase) if kind == "proposal" else None
    plan = ""
    if contents is not None and not ahead:
        # "X should set out its own plan, one that includes A and B": the plan, and its
        # contents one item each
        plan = _ONE_THAT.sub("", phrase[: contents.start("which")])
        phrase = phrase[contents.end() :]
        ahead = contents.end()
    lead = container_lead(phrase)
    if lead is not None:
        # "The package includes several conditions, such as A, B and C": the list, one item
        # each; conditions are demands
        phrase = phrase[lead[1] :]
        ahead = ahead or lead[1]
        if announces_demands(lead[0]):
            kind = "demand"
    if form == "modal":
        phrase = _pronoun_named(state, sentence, cue, phrase, index, number)
    # A demand in the modal form ("Kyiv must A and that it must not B") splits at its clauses.
    split = bool(ahead) or cue.rule.split
    split = split or (kind == "demand" and form in ("verb", "noun", "pattern", "modal"))
    again = _PREPOSITION_END.search(sentence, cue.start, cue.end)
    phrases = (
        split_list(phrase, examples=kind == "demand", again=again.group(1) if again else "")
        if split
        else _noun_list(phrase)
        if form not in ("subject", "modal")
        else [tidy(phrase)]
    )
    if plan and meaningful(plan):
        phrases = [tidy(plan), *phrases]
    if form == "subject" and not _content_subject(phrases[0]):
        return None
    if split and len(phrases) > 1 and empty_formula(phrase):
        return None  # 'a call for "a just peace", a phrase ...': a formula and a remark on it
    drafts = [
        _Draft(
            kind=kind,
            who=who,
            text=without_inner_tag(p),
            evidence=sentence,
            paragraph=paragraph.anchor,
            number=number,
            sentence=index,
            rest=sentence[end:],
            lead=sentence[: min(start, cue.start)],
        )
        for p in phrases
        if meaningful(p) and not empty_formula(p)
    ]
    if form == "terms" and judges(sentence[cue.end :]):
        return None  # "Under the deal, Israel would be rewarded ...": a verdict on it
    if form == "noun" and who.party == "author" and _THE_NOUN.match(sentence[: cue.start]):
        # "X proposed a truce. The three-phase plan includes A": the plan just named, X's
        last = _last_proposal(state, number)
        if last is not None and last.sentence == index - 1:
            for d in drafts:
                d.who, d.stance = last.who, last.stance
            who = last.who
    owner = (
        _owner_named(state, sentence, cue, who, index, number)
        if form in ("noun", "terms")
        else None
    )
    if owner is not None:
        for d in drafts:
            d.who = owner
        who = owner
    if (
        form in ("noun", "terms")
        and who.party == "author"
        and not _FIRST_PERSON.search(sentence, 0, cue.start)
    ):
        # "The plan stipulates A": no one's plan in particular ("our plan" is the author's)
        for d in drafts:
            d.described = True
    if form == "continuation" or _continues_item(sentence, cue):
        last = _last_proposal(state, number)
        if form == "continuation" and (last is None or not _names_proposal(sentence, cue, last)):
            return None
        if form == "continuation" and judges(sentence[cue.end :]):
            return None  # "The proposal would hand X a veto ...": a verdict, not its content
        # "The management's proposal would give A" after the union's: the management's
        owner = proposal_owner(sentence, state.ctx, index, number)
        for d in drafts:
            if owner is not None and owner.party != "author":
                d.who = owner
            elif last is not None:
                d.who, d.stance = last.who, last.stance
    return drafts, (min(start, cue.start), max(end, cue.end))


def _owner_named(
    state: _State, sentence: str, cue: Cue, who: Attribution, index: int, number: int
) -> Attribution | None:
    """The owner of the proposal a noun or terms cue speaks of, when the text names it:
    right after the noun ("The proposed package from the studios includes A": the studios',
    whoever reports it), else, for a proposal named by its kind alone in the author's words
    or a side's report ("The offer, which includes A", "Y said the offer was worth A"), the
    side a sentence before presented or owned it ("X made a new offer on Friday"); else
    None."""
    named = proposal_from(sentence[: cue.end], sentence, state.ctx, index, number)
    if named is not None:
        return named
    lead = _ACCORDING_LEAD.match(sentence)  # "According to details seen by X, the plan"
    kind_alone = proposal_kind(sentence[lead.end() if lead else 0 :])
    told = is_reporting(sentence[: cue.start])
    if kind_alone is None and told is not None:
        that = _THAT.match(sentence, told.end())
        kind_alone = proposal_kind(sentence[that.end() if that else told.end() :])
    own_words = who.party == "author" or told is not None
    if kind_alone is None or not own_words or _FIRST_PERSON.search(sentence):
        return None
    return presenter_of(kind_alone, state.ctx, index)


_ACCORDING_LEAD = re.compile(r"\s*according to [^,]{1,80},\s*", re.IGNORECASE)


def _pronoun_named(
    state: _State, sentence: str, cue: Cue, phrase: str, index: int, number: int
) -> str:
    """A modal item's `phrase` with the pronoun it opens with replaced by whom it stands for,
    so that the item reads alone; else `phrase` as it is."""
    pronoun = _PRONOUN_START.match(phrase)
    if pronoun is None:
        return phrase
    told = _TOLD_THE_OTHER.search(sentence, 0, cue.start)
    if told is not None:
        # "told the firm that it must fit A": the item names the firm, not "it"
        return told.group("other") + phrase[pronoun.end() :]
    if pronoun.group().lower() not in ("he", "she"):
        return phrase  # "they" is left: a group is often named loosely before it
    # "He should settle for nothing less than A": the item names him, not "he"
    subject = subject_of(sentence, cue.start, state.ctx, index, number)
    mention = subject.mention if subject is not None else ""
    if mention[:1].isupper() and not _POSSESSIVE.search(mention):
        return mention + phrase[pronoun.end() :]
    return phrase


def _noun_list(phrase: str) -> list[str]:
    """A proposal's phrase, split only where it lists things each with its own article ("a
    ceasefire and a return to talks"): a package of means stays one item."""
    pieces = split_list(phrase) if _AND.search(phrase) else []
    if len(pieces) > 1 and all(_ARTICLE_START.match(p) for p in pieces):
        return pieces
    return [tidy(phrase)]


# "a truce", "the return": an article and a common noun ("the United States" names a party)
_ARTICLE_START = re.compile(r"(?i:a|an|the)\s+[“\"‘']?[a-z]")
_AND = re.compile(r"\s(?:and|or)\s")


def _previous_demand(state: _State, index: int) -> _Draft | None:
    """The demand of another party found in one of the two sentences before `index`."""
    for draft in reversed(state.drafts):
        if draft.sentence < index - 2:
            return None
        if draft.sentence < index and draft.kind == "demand" and draft.who.party != "author":
            return draft
    return None


def _phrase_span(sentence: str, cue: Cue) -> tuple[int, int]:
    start, end = _raw_phrase_span(sentence, cue)
    for m in _QUOTE.finditer(sentence):
        if m.start() < cue.start < m.end():
            # A phrase inside a quotation ends with it.
            end = min(end, m.end() - 1)
    close = _CLOSING.search(sentence, cue.end, end)
    if close and not _OPENING.search(sentence, 0, close.start()):
        # The end of a quotation that began in an earlier sentence.
        end = close.start()
    relative = _RELATIVE_AFTER_SUBJECT.match(sentence)
    if relative and relative.end() <= cue.start and "," not in sentence[relative.end() : cue.start]:
        # "The union, which has demanded A, said ...": the relative clause ends before the
        # main clause's predicate
        predicate = lexicon().relative_predicate.search(sentence, cue.end, end)
        if predicate is not None:
            end = predicate.start()
    return start, end


# A relative clause right after the sentence's subject ("The union, which ...", "Island
# states, who ...").
_RELATIVE_AFTER_SUBJECT = re.compile(r"\W*(?:[\w.’'-]+\s+){0,5}?[\w.’'-]+,\s+(?:which|who)\s")


# Two elements or more that semicolons separate, the last opened by "and" or "or", to the end
_SEMICOLON_LIST = re.compile(r"[^.;:!?]{3,200};(?:[^.;:!?]{3,200};)*\s+(?:and|or)\s[^;:!?]{3,200}$")
_ONE_THAT = re.compile(r"\s*(?:[,—–-]\s*)?(?:one\s*)?$")
_WHOLLY_QUOTED = re.compile(r"“[^“”]+”|\"[^\"]+\"")
_AUXILIARY_BEFORE = re.compile(
    r"\s+(?:was|were|is|are|has been|have been|had been|will be|would be|had|has|have)\s+$"
)
_RANGE_CUE = re.compile(r"\brang(?:e|ed|ing) from\s*$")
_RANGE_TO = re.compile(r",?\s+to\s+(?=(?:a|an|the)\s)")
_PARTICIPLE_NEXT = re.compile(r"(?:\w+ly\s+)?[a-z]+(?:ed|en)\b")
_SOUGHT_BY = re.compile(r"(?:sought|demanded|requested|required) by\b")
_AGENT_COLON = re.compile(r"\s*(?:[\w.’'-]+\s+){0,3}[\w.’'-]+\s*:\s*")
_APPOSITION = re.compile(r"(?:a|the|one|another)\b", re.IGNORECASE)
_THE_NOUN = re.compile(r"\W*(?:the|this|that|such a)(?:\s+[\w-]+){0,3}\s*$", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|me|us)\b")
_PREPOSITION_END = re.compile(r"\s(on|for|to|upon)\s*$")
_COPULA = re.compile(r",\s+(?:is|are|was|were|would be|remains)\s+")
_QUOTE = re.compile(r"“[^”]+”|\"[^\"]+\"|«[^»]+»")
# An opening quotation mark: a curly one, or a straight one after a space or the start.
_OPENING = re.compile(r"[“«]|(?:^|(?<=[\s(]))\"")
# A closing one: curly, or straight after the quotation's last mark and before a space.
_CLOSING = re.compile(r",?[”»]|[,.?!]\"(?=\s|$)")
# Module-level patterns: `re.match(r"...")` looks each up in re's cache at every call.
_ING = re.compile(r"\w+ing\b")
_WORD_CHAR = re.compile(r"\w")
_ONE_WORD = re.compile(r"^\s*\w+\s*$")
_THAT = re.compile(r"\s*(?:that\s+)?")
_OWNER = re.compile(r"([\w.’'-]+)\s+(?:[\w-]+\s+){0,2}$")
# A noun cue as the sentence's subject ("The union's demand for A was rejected"): at most
# three words before it, no comma; its predicate, a verb no relative pronoun opens.
_NOUN_PREPOSITION = re.compile(r"\s(?:for|of|to|on|upon)\s*$")
_SUBJECT_LEAD = re.compile(r"^\W*(?:[\w.’'-]+\s+){0,3}$")
_PREDICATE = re.compile(
    r"(\w+)\s+(is|are|was|were|has|have|had|remains|remained|would|will|could|might|may|"
    r"can|cannot|seems|seemed|appears|appeared|angered|sparked|drew|met|prompted|triggered|"
    r"caused|raised|faced|divided|split|stalled|derailed|complicated|dominated|became|won|"
    r"gained|found|doubles|doubled|exceeds|exceeded|goes|went|comes|came|marks|marked|"
    r"reflects|reflected|emerged)\b"
)
_POSSESSIVE = re.compile(r"(?:'s|’s|(?<=s)['’])$")
_POSSESSIVE_WORD = re.compile(r"([A-Z][\w.-]*)(?:'s|’s)\s")


def _raw_phrase_span(sentence: str, cue: Cue) -> tuple[int, int]:
    form = cue.rule.form
    if cue.item is not None:
        return cue.item
    if form in ("modal", "continuation"):
        return _after_report(sentence, clause_start(sentence, cue.start), cue.start), clause_end(
            sentence, cue.end
        )
    if form == "subject":
        return clause_start(sentence, cue.start), cue.start
    if form == "passive":
        # "one of the top terms sought by X: A": what follows the agent's colon
        colon = _AGENT_COLON.match(sentence, cue.end)
        if colon is not None:
            return colon.end(), clause_end(sentence, colon.end())
        # "The third option, floated by X, is A": A; without "is", the option named before.
        copula = _COPULA.search(sentence, cue.end)
        if copula and _PARTICIPLE_NEXT.match(sentence, copula.end()):
            copula = None  # "A, sought by X, was rejected": A, and what befell it is no item
        if copula and not _APPOSITION.match(sentence, cue.start):
            return copula.end(), clause_end(sentence, copula.end())
        # "A, a key demand of X, was left out": an apposition names what comes before it;
        # "A was proposed by X": A, without its auxiliary
        start = clause_start(sentence, cue.start)
        aux = _AUXILIARY_BEFORE.search(sentence, start, cue.start)
        return start, aux.start() if aux else cue.start
    start = cue.start if keeps_cue(sentence, cue) else cue.end
    if form == "noun" and sentence[: cue.end].rstrip().endswith(":"):
        # "his terms: A, B, and C must D": the list runs to the sentence end.
        return start, len(sentence)
    if list_ahead(sentence[cue.end :]):
        # "called for the following measures: A; B; C": the list runs to the sentence end.
        return start, len(sentence)
    if form == "noun" and cue.rule.split and _SEMICOLON_LIST.match(sentence, cue.end):
        # "proposals on the remaining issues, including A; B; and C": a list whose elements
        # semicolons separate runs to the sentence end
        return start, len(sentence)
    end = _past_quote(sentence, cue.end, clause_end(sentence, cue.end))
    if (
        form == "noun"
        and _SUBJECT_LEAD.match(sentence[: cue.start])
        and _NOUN_PREPOSITION.search(sentence, cue.start, cue.end)
    ):
        # "The union's demand for a 9% raise was rejected": the phrase ends at the predicate
        for m in _PREDICATE.finditer(sentence, cue.end, end):
            if m.group(1).lower() not in ("that", "which", "who"):
                end = m.start(2)
                break
    if _ING.match(sentence, cue.start) and not _WORD_CHAR.search(
        _ONE_WORD.sub("", sentence[: cue.start])
    ):
        # "While advocating A, no one ...": the phrase ends with the participle clause.
        comma = sentence.find(",", cue.end)
        if comma != -1:
            end = min(end, comma)
    return start, end


def _past_quote(sentence: str, start: int, end: int) -> int:
    """`end`, or the end of the quotation it falls in when that quotation opens after `start`:
    a mark inside a quotation ('demanded "A; B; and C"') ends no clause."""
    for m in _QUOTE.finditer(sentence, start):
        if m.start() < end < m.end():
            return m.end()
    return end


def _after_report(sentence: str, start: int, cue: int) -> int:
    """Where the reported clause starts in "X also said Ukraine must A" (no "that"): after the
    reporting verb, so that the phrase is the reported clause."""
    verb = is_reporting(sentence[start:cue])
    if verb is None:
        return start
    m = _THAT.match(sentence, start + verb.end())
    after = m.end() if m else start + verb.end()
    return after if cue - after > 1 else start


def _party(
    state: _State,
    sentence: str,
    cue: Cue,
    start: int,
    index: int,
    number: int,
    para_text: str,
) -> Attribution | None:
    form = cue.rule.form
    ctx = state.ctx
    if cue.party is not None:
        # "the pension the union had demanded": the party the pattern names
        return subject_of(sentence, cue.party[0], ctx, index, number, after=True)
    if form in ("modal", "impersonal", "subject", "pattern", "means", "continuation"):
        who = reporter_of(sentence, cue.start, ctx, index, number, para_text)
        if who is None and form in ("means", "pattern"):
            who = holder_of(sentence, ctx, index, number)
        if who is None and cue.rule.kind == "demand":
            who = subject_of(sentence, start, ctx, index, number)
        return who or AUTHOR
    if form == "passive":
        # The agent follows "by".
        return subject_of(sentence, cue.end, ctx, index, number, after=True)
    if form == "terms":
        # "Under Washington's proposal, A": the owner; "Under the deal, A": the proposal
        # just before, else the author describing it.
        last = _last_proposal(state, number)
        owner = _POSSESSIVE_WORD.search(sentence, cue.start, cue.end)
        party = resolve_party(owner.group(1)) if owner else None
        if owner and party:
            return Attribution(party, owner.group(1), "party")
        for word in _CAPITALISED.findall(sentence, cue.start + 1, cue.end):
            # "Under the American offer, A": the adjective names the owner
            adjective = adjective_party(word)
            if adjective is not None:
                return Attribution(adjective, word, "party")
        return last.who if last is not None else AUTHOR
    if _passive_in(sentence[cue.start : cue.end]):
        # "Peacekeepers could only be deployed with A, the council said": the subject is what
        # the condition is about; whoever says so sets it
        said = reporter_of(sentence, cue.start, ctx, index, number, para_text)
        if said is not None:
            return said
    who = _owner(sentence, cue) if form == "noun" else None
    if who is not None and who.kind == "name" and body_reference(who.party):
        # "the guerrilla group's demand for A": the organisation named last before it
        who = ctx.named_body(index, sentence[: cue.start]) or who
    plan_owner = (
        relative_owner(sentence[: cue.start])
        if form == "verb"
        else contents_owner(sentence[: cue.start])
        if form == "noun"
        else None
    )
    if plan_owner is not None:
        # "rejected a 12-point rebel plan that called for A": the plan's owner
        return Attribution(plan_owner, plan_owner, "party" if resolve_party(plan_owner) else "name")
    if who is None and form == "noun" and _receiving().search(sentence, 0, cue.start):
        # "The nurses will vote on an offer of A": the offer is not the voters'; the side
        # whose proposal came last, else the author describing it
        last = _last_proposal(state, number)
        who = last.who if last is not None else AUTHOR
    if who is None and form == "noun" and rejected_offer(sentence, cue.start):
        # "Workers have rejected the offer of A": not the workers'; the side whose proposal
        # came last, else the one a sentence before spoke of when it is not the rejecting side
        last = _last_proposal(state, number)
        before = ctx.previous_subject(index)
        rejecting = subject_of(sentence, cue.start, ctx, index, number)
        other = before if before is not None and before.kind in ("party", "name", "group") else None
        if other is not None and rejecting is not None and other.party == rejecting.party:
            other = None
        who = last.who if last is not None else other or AUTHOR
    who = who or subject_of(sentence, cue.start, ctx, index, number)
    if who is not None and who.party == "author":
        speaker = reporter_of(sentence, cue.start, ctx, index, number, para_text)
        who = speaker or who
    if who is None:
        # "According to Kyiv, elections can be held only after A": the report names the party.
        who = reporter_of(sentence, cue.start, ctx, index, number, para_text)
    opening = form == "noun" and cue.rule.kind == "demand"
    if who is None and opening and _SUBJECT_NOUN.match(sentence[: cue.start]):
        # "The conditions include A", "Other conditions are humanitarian, including A": the
        # noun opens the sentence; its owner is the side the sentences before spoke of (not
        # for an offer's terms: "The offer includes A" is often the other side's)
        # (for conditions: the side whose demand came last, nearby)
        last = next(
            (d for d in reversed(state.drafts) if d.kind == "demand" and d.who.party != "author"),
            None,
        )
        earlier = last.who if last is not None and number - last.number <= 6 else None
        earlier = earlier or ctx.previous_subject(index)
        if earlier is not None and earlier.kind in ("party", "name", "group"):
            who = earlier
    if who is None and form == "noun" and cue.rule.kind == "proposal":
        # "X offered a new proposal. The proposal envisages A": the proposal just named
        head = _OPENING_PLAN.match(sentence)
        last = next((d for d in reversed(state.drafts) if d.kind == "proposal"), None)
        if (
            head is not None
            and last is not None
            and number - last.number <= 1
            and last.who.party != "author"
            and head.group(1).lower() in last.evidence.lower()
        ):
            who = last.who
    if who is None:
        if cue.rule.agent or cue.rule.kind == "demand":
            return None
        who = holder_of(sentence, ctx, index, number) or AUTHOR
    return who


@cache
def _receiving() -> re.Pattern[str]:
    """A verb that takes up someone else's proposal, and its article, right before a noun cue
    ("will vote on an ", "is weighing a new "): `receiving_verbs` in `actors.yml`."""
    return compile_alternation(
        "actors",
        "receiving_verbs",
        r"\b(?:{})\s+(?:(?:a|an|the|this|that|its|their|his|her)\s+)?(?:[\w’'-]+\s+){{0,3}}$",
    )


# "The proposal envisages A", "The new plan calls for B": a plan named again as the subject
_OPENING_PLAN = re.compile(
    r"\W*(?:the|this|that)\s+(?:new\s+|latest\s+|revised\s+)?(proposal|plan|offer|deal|draft)\b",
    re.IGNORECASE,
)


# A noun cue that opens its sentence, after at most an article and a word ("The conditions",
# "Other conditions", "Its demands")
_SUBJECT_NOUN = re.compile(
    r"^\W*(?:(?:the|other|further|these|its|their|his|her)\s+){0,2}$"
    # "The first of their demands is A", "One of its conditions was B"
    r"|^\W*(?:the\s+)?(?:first|second|third|last|main|one|another)\s+of\s+(?:their|its|his|her)\s+$",
    re.I,
)


def _owner(sentence: str, cue: Cue) -> Attribution | None:
    """The owner a noun cue names just before it: "Moscow's demands", "Russian conditions",
    "The Norwegian deal"; of the last three words, the first that names one."""
    after = owner_after(sentence, cue.start)
    if after is not None:
        return after
    m = _owner_words(sentence[: cue.start])
    if not m:
        return None
    written_words = m.group().split()
    for written in written_words:
        word = _POSSESSIVE.sub("", written)
        if word.lower() in ("its", "their"):
            # "accused the pilots' union of refusing to drop its demand": the side named last
            # before it in the sentence, else the clause's subject (found next)
            return _side_before(sentence[: cue.start])
        if word.lower() in ("his", "her"):
            return None  # the clause's subject, found next
        if word.lower() in ("our", "my"):
            return AUTHOR  # the speaker's own: a quotation's speaker, or the author
        party = resolve_party(word) or adjective_party(word)
        if party:
            return Attribution(party, written, "party")
        if written != word and (lone_name(word) or is_initials(word)):
            return Attribution(word, written, "name")  # "Norvik's offer", "the ILA's demands"
        side = side_noun(word) if not word[:1].isupper() else None
        if side is not None and written == word and written is written_words[-1]:
            return Attribution(side, written, "name")  # "a 12-point rebel plan", just before
        if side is not None and written != word:
            # "the union's demand"; "the Ukrainian delegation's proposal" is Ukraine's
            words = sentence[: cue.start].split()
            at = len(words) - 1 - words[::-1].index(written) if written in words else 0
            before = words[at - 1] if at > 0 else ""
            party = resolve_party(before) or adjective_party(before) if before else None
            if party:
                return Attribution(party, f"{before} {written}", "party")
            return Attribution(side, written, "name")
    return None


def _side_before(before: str) -> Attribution | None:
    """The last side of talks a noun names in `before` after its first word ("accused the
    pilots' union of ...", "the shipowners"), with the words before it back to its article;
    None when there is none."""
    words = before.split()
    for i in range(len(words) - 1, 0, -1):
        word = words[i].strip(",;:")
        if word.endswith(("'s", "’s", "s'", "s’")) or side_noun(word) is None:
            continue
        j = i
        while j > max(0, i - 3) and words[j - 1].lower() not in _ARTICLES_OWNER:
            j -= 1
        if j == 0 or words[j - 1].lower() not in _ARTICLES_OWNER:
            return None  # the clause's subject: found as it is
        name = " ".join(w.strip(",;:") for w in words[j : i + 1])
        return Attribution(name, name, "name")
    return None


_ARTICLES_OWNER = frozenset(("the", "a", "an"))


def owner_after(sentence: str, at: int) -> Attribution | None:
    """The owner a noun at `at` names right after it ("the Eight Demands of the United States",
    "a proposal from Northern Rail"): a party of the gazetteer, else a name of two words or
    more as written ("the Nordik Union")."""
    after = _OWNER_AFTER.match(sentence, at)
    if after is None:
        return None
    party = resolve_party(after.group(1))
    if party:
        return Attribution(party, after.group(1), "party")
    named = after.group(1).removeprefix("the ")
    return Attribution(named, named, "name") if len(named.split()) >= 2 else None


def _owner_words(before: str) -> re.Match[str] | None:
    """`_OWNER.search(before)`, made in the last words only. A match spans at most three runs
    of white space, the last three, so it starts after the fourth-last: a window holding four
    words finds the same match, where a search of the whole text fails at every letter."""
    tail = before[-_OWNER_WINDOW:]
    if len(tail) < len(before) and len(tail.split()) < 4:
        tail = before
    return _OWNER.search(tail)


_OWNER_WINDOW = 80
_OWNER_AFTER = re.compile(
    r"[\w-]+ (?:of|from|by) ((?:the )?[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})"
)


def _kind(sentence: str, cue: Cue, who: Attribution, start: int) -> ItemKind:
    kind = cue.rule.kind
    if cue.rule.form == "passive" and _SOUGHT_BY.match(sentence, cue.start):
        return "demand"  # "the top terms sought by X: A": what X seeks
    if kind == "demand" and cue.rule.form == "verb" and _asks_for_meeting(sentence, cue):
        return "proposal"
    if kind == "demand" and cue.rule.form == "verb" and _OWN_IDEA.match(sentence, cue.end):
        return "proposal"  # "Lula insisted on his idea to create A": his own proposal
    if cue.rule.official_kind is not None and negotiates(who):
        return cue.rule.official_kind
    participle = sentence[cue.start : cue.end].split(" ", 1)[0].lower().endswith("ing")
    if (
        kind == "proposal"
        and participle
        and _demands_then_participle().search(sentence, 0, cue.start)
    ):
        return "demand"  # "laid out his demands for the talks, calling for A": one of them
    side = (
        negotiates(who)
        and is_firm_modal(sentence[cue.start : cue.end])
        and names_a_side(sentence[start : cue.start])
    )
    if cue.rule.form == "modal" and who.party != "author" and (is_official(who.party) or side):
        modal = sentence[cue.start : cue.end]
        addressee = resolve_party(sentence[start : cue.start])
        # An official's "X must ..." of anyone but its own side is a demand; so is a side's
        # of another side ("the government must A", said by the doctors)
        if is_demand_modal(modal) and addressee != who.party:
            return "demand"
    if (
        cue.rule.form == "modal"
        and who.party != "author"
        and is_demand_modal(sentence[cue.start : cue.end])
        and _TOLD_THE_OTHER.search(sentence, 0, cue.start)
    ):
        # "The union has told the firm that it must fit A": what one side tells the other it
        # must do is that side's demand
        return "demand"
    if (
        cue.rule.form == "modal"
        and who.party != "author"
        and is_demand_modal(sentence[cue.start : cue.end])
        and _DEMANDED_TAG.search(sentence, cue.end)
    ):
        # '"The army must stop the war," he demanded': the speaker demands it
        return "demand"
    return kind


# A closing tag whose verb is "demanded" ('...," he demanded.', '..., the union demands')
_DEMANDED_TAG = re.compile(r"[,”\"]\s+(?:[\w.’'-]+\s+){1,6}?demand(?:ed|s)\b[^,;]{0,40}$")


@cache
def _and_that_modal() -> re.Pattern[str]:
    """ " and that C should D": a second reported clause with a modal of its own
    (`reported_clause_modals`, cues.yml)."""
    return compile_alternation(
        "cues", "reported_clause_modals", r",?\s+and\s+that\s+(?=[^;]{{0,80}}?\b(?:{})\b)"
    )


@cache
def _demands_then_participle() -> re.Pattern[str]:
    """ "has laid out his demands for talks on A, " right before a participle cue ("calling
    for"): a noun of `demand_list_nouns` (cues.yml)."""
    return compile_alternation(
        "cues",
        "demand_list_nouns",
        r"\b(?:his|her|its|their|the|our|my)\s+(?:\w+\s+)?(?:{})\b[^;:.!?]{{0,120}},\s*$",
    )


_PRONOUN_START = re.compile(r"(?:it|they|he|she|It|They|He|She)(?=\s)")
# "told the firm that it must", "warned Kyiv that it has to": a side telling another what the
# other must do (not "told reporters that ...")
_TOLD_THE_OTHER = re.compile(
    r"\b(?:told|tells|informed|informs|warned|warns|reminded|reminds)\s+"
    r"(?!(?:reporters|journalists|the press|the media|members|supporters|its members|"
    r"their members|a|an|me|us|you|him|her|them)\b)"
    r"(?P<other>(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,3}?)"
    r"\s+that\s+(?:it|they|he|she)\s+$"
)


def _asks_for_meeting(sentence: str, cue: Cue) -> bool:
    """True for "X wants a meeting with Y": the object, its first words, names a meeting
    (`meeting_objects`), a step of the process rather than a demand of the other side."""
    if not is_on(MEETING_KIND):
        return False
    words = sentence[cue.end :].split()[:_OBJECT_WORDS]
    return lexicon().meeting.search(" ".join(words)) is not None


_OBJECT_WORDS = 8
# A side's own plan as the object of a demand verb ("insisted on his idea to A").
_OWN_IDEA = re.compile(
    r"\s*(?:his|her|its|their|our)\s+(?:own\s+)?(?:idea|plan|proposal|initiative|suggestion)"
    r"\s+(?:to|for|of)\s+",
    re.IGNORECASE,
)


def _content_subject(phrase: str) -> bool:
    """True when the words before "would help" name a proposal, not just point to one."""
    words = phrase.split()
    if len(words) < 2:
        return False
    return not (
        len(words) <= 3 and words[0].lower() in ("the", "this", "that", "such", "these", "those")
    )


def _continues_item(sentence: str, cue: Cue) -> bool:
    """True for "This should be complemented by A": A adds to the item just before."""
    if cue.rule.form != "modal":
        return False
    before = sentence[: cue.start].strip().lower()
    if before not in ("this", "it", "these", "such a plan", "such a step", "that"):
        return False
    verbs = "|".join(_continuation_verbs())
    return bool(re.match(rf"\s*(?:also\s+)?be\s+(?:{verbs})\b", sentence[cue.end :], re.I))


def _continuation_verbs() -> list[str]:
    return rule_list("actors", "continuation_verbs")


def _names_proposal(sentence: str, cue: Cue, last: _Draft) -> bool:
    """True when the subject of "The X would ..." names a proposal: X is a proposal noun or
    a word of the proposal just before ("a Black Sea Compact ... The compact would")."""
    words = re.findall(r"[\w-]+", sentence[: cue.end].lower())
    head = words[-2] if len(words) >= 2 else ""
    # "... the release of prisoners. The releases would include A": the same noun, either number
    named = {w.removesuffix("s") for w in content_words(last.text)}
    return head in lexicon().proposal_heads or head.removesuffix("s") in named


def _plan_content(
    state: _State, sentence: str, index: int, number: int, paragraph: Paragraph
) -> list[_Draft]:
    """A sentence right after a proposal that says what a party would do under it ("All
    parties would also commit to A"): more of that proposal, with its proposer."""
    m = plan_would(sentence)
    if m is None or judges(sentence[m:]):
        return []  # "X would hand Y a veto": a verdict on the proposal, not its content
    last = next((d for d in reversed(state.drafts) if d.sentence >= index - 1), None)
    if last is None or last.kind != "proposal" or last.sentence != index - 1:
        return []
    who = subject_of(sentence, m, state.ctx, index, number)
    if who is not None and (who.party == "author" or who.kind == "negative"):
        return []
    phrase = tidy(sentence)
    if not meaningful(phrase):
        return []
    return [_draft("proposal", last.who, phrase, sentence, paragraph, number, index, last.stance)]


def _terms_listed(
    state: _State, sentence: str, index: int, number: int, paragraph: Paragraph
) -> list[_Draft]:
    """ "These include A, B and C" right after an item: its terms, one item each, of the
    same party and kind."""
    at = list_follower(sentence)
    if not at or index == 0:
        return []
    last = state.drafts[-1] if state.drafts else None
    if last is not None and last.sentence == index - 1:
        kind, who, stance = last.kind, last.who, last.stance
    else:
        # "X agreed on steps to build trust. These include A, B and C": the steps named just
        # before, of the subject that named them
        before_at, before = state.ctx.sentences[index - 1]
        container = lexicon().container.search(before)
        if number - before_at > 1 or container is None:
            return []
        kind = container_kind(container.group())
        found = subject_of(before, container.start(), state.ctx, index - 1, before_at)
        named = found is not None and (
            found.kind in ("party", "group")
            or (found.kind == "name" and len(found.mention.split()) > 1)
        )  # (a lone capitalised word may be a place used as an adjective: "the Jeddah talks")
        # (else the party of the items just before, as for "These include" after an item)
        who = found if found is not None and named else (last.who if last else AUTHOR)
        stance = None if kind == "demand" else ("endorsed" if who.party == "author" else "reported")
    listed = sentence[at : clause_end(sentence, at)].strip(" .")
    if _WHOLLY_QUOTED.fullmatch(listed):
        listed = listed[1:-1]  # '“A, B, and C”': a quoted list is still a list
    phrases = split_list(listed, examples=True)
    return [
        _draft(kind, who, p, sentence, paragraph, number, index, stance)
        for p in phrases
        if meaningful(p)
    ]


def _last_proposal(state: _State, number: int) -> _Draft | None:
    for draft in reversed(state.drafts):
        if number - draft.number > _CONTINUATION_REACH:
            return None
        if draft.kind == "proposal":
            return draft
    return None


def _without_restatements(drafts: list[_Draft]) -> list[_Draft]:
    """The drafts with restatements dropped: an item whose phrase nearly repeats an earlier
    one's of the same kind and party (a standfirst, a closing line, a summary box) is one item;
    the fuller of the two stays. A summary box's copy never stays beside the body's."""
    stems = {id(d): _stems(d.text) for d in drafts}
    kept: list[_Draft] = []
    for d in drafts:
        twin = next((k for k in kept if _comparable(k, d) and _restates(k, d, stems)), None)
        if twin is None:
            kept.append(d)
        elif _fuller(d, twin, stems):
            kept.remove(twin)
            kept.append(d)
    return kept


def _comparable(a: _Draft, b: _Draft) -> bool:
    """True when `b` may restate `a`: same kind, another sentence, and the same party unless
    one stands in a summary box."""
    return (
        a.kind == b.kind
        and a.sentence != b.sentence
        and (a.who.party == b.who.party or a.restated or b.restated)
    )


def _restates(a: _Draft, b: _Draft, stems: dict[int, frozenset[str]]) -> bool:
    mine, theirs = stems[id(a)], stems[id(b)]
    shared = len(mine & theirs)
    if shared < _SAME_MIN or shared < _SAME_SHARE * min(len(mine), len(theirs)):
        return False
    # "air defence for Kharkiv" and "air defence for Odesa": other places, other items.
    here, there = _places(a.text), _places(b.text)
    return not (here - there and there - here)


def _places(text: str) -> set[str]:
    """The names in a phrase that are no party: places, bodies, plans."""
    return {m.text.lower() for m in find_mentions(text) if m.kind == "name"}


def _fuller(d: _Draft, twin: _Draft, stems: dict[int, frozenset[str]]) -> bool:
    """True when `d` should stay rather than `twin`: out of a summary box, or richer."""
    if d.restated != twin.restated:
        return twin.restated
    richer = (len(stems[id(d)]), len(d.evidence))
    return richer > (len(stems[id(twin)]), len(twin.evidence))


def _stems(text: str) -> frozenset[str]:
    """Content words cut to their first six letters ("prisoners", "prisoner": "prison")."""
    return frozenset(w[:_STEM] for w in content_words(text))


# Near-duplicates share at least this many stems, and this share of the shorter phrase's.
_SAME_MIN = 3
_SAME_SHARE = 0.6
_STEM = 6


def _elaborate(state: _State, sentence: str, cue: Cue, index: int, number: int) -> None:
    """ "This means A-ing": A makes the item of the sentence before concrete."""
    if not state.drafts:
        return
    last = state.drafts[-1]
    if last.sentence != index - 1 or last.number != number:
        return
    asks = demand_elaboration(sentence, cue.end)
    if asks:
        # "X proposed A. In practice, this means calling on Y to B": A stays; B is X's demand.
        phrase = tidy(sentence[asks : clause_end(sentence, asks)])
        if meaningful(phrase):
            state.drafts.append(
                _Draft("demand", last.who, phrase, sentence, last.paragraph, number, index)
            )
        return
    last.text = tidy(sentence[cue.end : clause_end(sentence, cue.end)])
    last.evidence = f"{last.evidence} {sentence}"


def _dropped_since(state: _State, d: _Draft) -> bool:
    """True for an item the article says has been dropped since: "In 2022 Moscow demanded A;
    that figure has not been repeated since", "We offered A. That offer is off the table." (in
    the same sentence after "; " or the next one of the paragraph)."""
    semicolon = d.rest.find("; ")
    if semicolon >= 0 and superseded(d.rest[semicolon + 2 :]):
        return True
    following = d.sentence + 1
    if following < len(state.ctx.sentences):
        number, sentence = state.ctx.sentences[following]
        return number == d.number and superseded(sentence)
    return False


def _finish(
    state: _State, speaker: Attribution | None = None
) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    drafts: list[_Draft] = []
    seen: set[tuple[str, str]] = set()
    for d in state.drafts:
        key = (d.kind, d.text.lower())
        if key not in seen and d.text:
            seen.add(key)
            drafts.append(d)
    drafts = [d for d in _without_restatements(drafts) if not _dropped_since(state, d)]
    # Reported proposals without a stance yet: how does the author judge them?
    open_ = [
        d
        for d in drafts
        if d.kind == "proposal" and (d.who.party != "author" or d.described) and d.stance is None
    ]
    if open_:
        sentences = [s for _, s in state.ctx.sentences]
        paragraphs = [n for n, _ in state.ctx.sentences]
        judged = judge_all(
            [(d.text, d.lead, d.rest, d.sentence) for d in open_], sentences, paragraphs
        )
        for d, verdict in zip(open_, judged, strict=True):
            d.stance = verdict
    demands: list[Item] = []
    proposals: list[Item] = []
    for d in drafts:
        stance: Stance | None = None
        if d.kind == "proposal":
            own = d.who.party == "author" and not d.described
            stance = "endorsed" if own else d.stance
        if speaker is not None and d.who.party == "author":
            # A minister's speech: "we insist", "our conditions" are the minister's state's.
            d.who = speaker
        item = Item(
            kind=d.kind,
            actor=d.who.party,
            text=d.text,
            evidence=d.evidence,
            paragraph=d.paragraph,
            stance=stance,
            mention=d.who.mention if d.who.mention != d.who.party else "",
        )
        (demands if d.kind == "demand" else proposals).append(item)
    return tuple(demands), tuple(proposals)
