"""Cues: one sentence in, the places where it puts a demand or a proposal forward out.

The vocabulary is `rules/cues.yml`; this module compiles it once and answers two questions
about a sentence: where are its cues (`find_cues`), and is a cue only a look-alike — negated,
opposed, hypothetical, a question, advice about thinking, a stated quality (`why_not`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal, cast

from build_tools.article_cache import article_dict, per_article
from build_tools.errors import BriefingError
from build_tools.extract.actors import (
    adjective_party,
    find_mentions,
    is_organisation,
    negative_subject,
    resolve_party,
    side_noun,
)
from build_tools.extract.enumerations import pairs_not_only
from build_tools.extract.phrases import lower_same_length, trie_pattern
from build_tools.records import ItemKind
from build_tools.rules import RULES_DIR, compile_alternation, load_rules, rule_list
from build_tools.switches import is_on

Form = Literal[
    "verb",
    "noun",
    "modal",
    "impersonal",
    "subject",
    "means",
    "pattern",
    "continuation",
    "elaboration",
    "passive",
    "terms",
]
_FORMS = set(Form.__args__)  # type: ignore[attr-defined]
# Whole words: no word character just before the match, and none just after it unless the
# match already ends in a space or punctuation.
_WORD_START = r"(?<![\w’'-])"
_WORD_END = r"(?:(?<![\w])|(?![\w’-]))"


@dataclass(frozen=True, slots=True)
class CueRule:
    """One entry of `cues` in `rules/cues.yml`."""

    name: str
    kind: ItemKind
    form: Form
    pattern: re.Pattern[str]
    """The rule's patterns as one alternation (one scan of a sentence per rule)."""
    anchored: bool
    """True when every pattern starts with `^`: the rule is tried at the sentence start only."""
    items: tuple[str, ...]
    """Names of the groups that capture the phrase (`item` of each pattern, renumbered)."""
    parties: tuple[str, ...]
    """Names of the groups that capture who puts the item forward (`party` of each pattern,
    renumbered): "the pension (the union) had demanded"."""
    scan: bool
    """True when the patterns need not start at a trigger: search the whole sentence."""
    negatable: bool
    agent: bool
    triggers: tuple[str, ...]
    split: bool
    official_kind: ItemKind | None
    keep_cue: bool
    keep_cue_for: tuple[str, ...]
    """When not empty, the cue's words open the phrase only before one of these words
    ("called for talks"); elsewhere the phrase is what follows the cue."""
    adjective: bool
    """True when the cue is an adjective after "be" ("was prepared to"): no passive."""

    @property
    def switch(self) -> str:
        """The name that switches the rule off (`switches.py`)."""
        return f"cue:{self.name}"


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue found in a sentence."""

    rule: CueRule
    start: int
    """Offset of the cue's first character in the sentence."""
    end: int
    """Offset just after the cue: where a forward phrase starts."""
    item: tuple[int, int] | None = None
    """The phrase's span, for rules whose pattern captures it (`(?P<item>...)`)."""
    party: tuple[int, int] | None = None
    """The span naming who puts it forward, for rules whose pattern captures it
    (`(?P<party>...)`)."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """`rules/cues.yml`, compiled."""

    rules: tuple[CueRule, ...]
    trigger: re.Pattern[str]
    """Every rule's trigger words, one pattern (a prefix tree: fast on long text)."""
    by_trigger: dict[str, frozenset[int]]
    """Trigger word -> numbers (in `rules`) of the rules it makes try."""
    inner: dict[str, tuple[tuple[int, frozenset[int]], ...]]
    """Trigger of several words -> (offset, rules) for the later words that are triggers of
    their own: the longest match "it would" hides the trigger "would" of another rule."""
    always: frozenset[int]
    """Numbers of the rules without triggers."""
    openers: dict[str, tuple[int, ...]]
    """First word of a sentence -> numbers of the rules whose patterns start with `^` and may
    match a sentence opening with that word."""
    ordinal: re.Pattern[str]
    container: re.Pattern[str]
    plan_question: re.Pattern[str]
    summary_box: re.Pattern[str]
    headings: tuple[tuple[re.Pattern[str], ItemKind], ...]
    negation: re.Pattern[str]
    negation_window: int
    opposition: re.Pattern[str]
    restatement: re.Pattern[str]
    conditional: re.Pattern[str]
    forecast: re.Pattern[str]
    finding: re.Pattern[str]
    superseded: re.Pattern[str]
    question: re.Pattern[str]
    cognitive: re.Pattern[str]
    imagined: re.Pattern[str]
    formula: re.Pattern[str]
    verdict: re.Pattern[str]
    copular: re.Pattern[str]
    copular_action: re.Pattern[str]
    participles: frozenset[str]
    relative_predicate: re.Pattern[str]
    plan_includes: re.Pattern[str]
    clause_end: re.Pattern[str]
    reporting: re.Pattern[str]
    demand_modals: re.Pattern[str]
    noun_markers: frozenset[str]
    give_up: re.Pattern[str]
    verb_question: re.Pattern[str]
    suggest: re.Pattern[str]
    rule_subject: re.Pattern[str]
    claim: re.Pattern[str]
    amount_question: re.Pattern[str]
    participle: re.Pattern[str]
    proposed_thing: re.Pattern[str]
    participle_time: re.Pattern[str]
    adjective_lead: re.Pattern[str]
    noun_next: re.Pattern[str]
    noun_followers: re.Pattern[str]
    passive: re.Pattern[str]
    list_opener: re.Pattern[str]
    proposal_heads: frozenset[str]
    meeting: re.Pattern[str]
    clause_openers: frozenset[str]
    additive: re.Pattern[str]
    demand_container: re.Pattern[str]
    container_lead: re.Pattern[str]
    lost_colon: re.Pattern[str]
    plan_would: re.Pattern[str]
    demand_elaboration: re.Pattern[str]
    list_follower: re.Pattern[str]


def _where() -> str:
    return str(RULES_DIR / "cues.yml")


def _compile(source: str, what: str) -> re.Pattern[str]:
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise BriefingError(_where(), f"bad pattern in {what}: {source!r} ({exc})") from None


def _words(key: str, template: str = "{}", ignore_case: bool = True) -> re.Pattern[str]:
    """One pattern for a rule list of words or regex fragments, longest first."""
    entries = sorted(rule_list("cues", key), key=len, reverse=True)
    joined = "|".join(f"(?:{e})" for e in entries)
    source = template.format(_WORD_START + f"(?:{joined})" + _WORD_END)
    if ignore_case:
        return _compile(source, f"'{key}'")
    try:
        return re.compile(source)
    except re.error as exc:
        raise BriefingError(_where(), f"bad pattern in '{key}' ({exc})") from None


def _rule(entry: object) -> CueRule:
    if not isinstance(entry, dict) or not isinstance(entry.get("patterns"), list):
        raise BriefingError(_where(), f"a cue needs name, kind, form and patterns: {entry!r}")
    name = str(entry.get("name", "?"))
    kind, form = entry.get("kind"), entry.get("form")
    if kind not in ("demand", "proposal") or form not in _FORMS:
        raise BriefingError(
            _where(),
            f"cue {name!r}: kind must be demand or proposal, form one of "
            f"{', '.join(sorted(_FORMS))}",
        )
    official = entry.get("official_kind")
    return CueRule(
        name=name,
        kind=cast(ItemKind, kind),
        form=cast(Form, form),
        # The word checks stand once around the alternation, not in each alternative: the
        # regex engine then picks the alternatives by their first letter (much faster).
        pattern=_compile(
            _WORD_START
            + "(?:"
            + "|".join(
                "(?:"
                + str(p)
                .replace("(?P<item>", f"(?P<item{i}>")
                .replace("(?P<party>", f"(?P<party{i}>")
                + ")"
                for i, p in enumerate(entry["patterns"])
            )
            + ")"
            + _WORD_END,
            f"cue {name!r}",
        ),
        anchored=all(str(p).startswith("^") for p in entry["patterns"]),
        items=tuple(f"item{i}" for i, p in enumerate(entry["patterns"]) if "(?P<item>" in str(p)),
        parties=tuple(
            f"party{i}" for i, p in enumerate(entry["patterns"]) if "(?P<party>" in str(p)
        ),
        scan=bool(entry.get("scan", False)) or not entry.get("triggers"),
        negatable=bool(entry.get("negatable", True)),
        agent=bool(entry.get("agent", False)),
        triggers=tuple(str(t).lower() for t in entry.get("triggers", [])),
        split=bool(entry.get("split", kind == "demand")),
        official_kind=cast(ItemKind, official) if official in ("demand", "proposal") else None,
        keep_cue=bool(entry.get("keep_cue", False)),
        keep_cue_for=_keep_for(entry.get("keep_cue", False), name),
        adjective=bool(entry.get("adjective", False)),
    )


def _keep_for(value: object, name: str) -> tuple[str, ...]:
    """`keep_cue` of a rule: true, false, or the words before which the cue is kept."""
    if isinstance(value, bool):
        return ()
    if isinstance(value, list) and value and all(isinstance(w, str) for w in value):
        return tuple(w.lower() for w in value)
    raise BriefingError(
        str(RULES_DIR / "cues.yml"), f"rule '{name}': keep_cue must be true, false or words"
    )


def keeps_cue(sentence: str, cue: Cue) -> bool:
    """Whether the phrase of `cue` opens with the cue's own words: always for a rule with
    `keep_cue: true`; for one with words, when one of them is among the four words after
    the cue ("called for talks with Moscow", but "called for a pay rise": the rise)."""
    rule = cue.rule
    if not rule.keep_cue or not rule.keep_cue_for:
        return rule.keep_cue
    after = _WORDS_AFTER.findall(sentence, cue.end, cue.end + 60)[:4]
    return any(w.lower() in rule.keep_cue_for for w in after)


_WORDS_AFTER = re.compile(r"[\w-]+")


def _openers(rules: tuple[CueRule, ...]) -> dict[str, tuple[int, ...]]:
    out: dict[str, tuple[int, ...]] = {}
    for i, rule in enumerate(rules):
        if rule.anchored:
            for word in {t.split(" ", 1)[0] for t in rule.triggers}:
                out[word] = (*out.get(word, ()), i)
    return out


def _rules_for(word: str, rules: tuple[CueRule, ...]) -> frozenset[int]:
    """Numbers of the rules that a trigger found as `word` makes try."""
    return frozenset(
        i
        for i, rule in enumerate(rules)
        if not rule.anchored and any(word.startswith(t) for t in rule.triggers)
    )


@cache
def lexicon() -> Lexicon:
    """The cue lexicon, compiled once per process."""
    raw = load_rules("cues")
    rules = tuple(_rule(e) for e in raw.get("cues", []))
    words = {word for rule in rules if not rule.anchored for word in rule.triggers}
    # The pattern finds the longest trigger ("best way"); the shorter ones it starts with
    # ("best") make their rules try too.
    by_trigger = {word: _rules_for(word, rules) for word in words}
    inner = {
        word: tuple(
            (i + 1, rules_of)
            for i, ch in enumerate(word)
            if ch == " " and (rules_of := _rules_for(word[i + 1 :], rules))
        )
        for word in words
        if " " in word
    }
    headings = []
    for entry in raw.get("container_headings", []):
        if not isinstance(entry, dict) or entry.get("kind") not in ("demand", "proposal"):
            raise BriefingError(_where(), "container_headings need a pattern and a kind")
        headings.append((_compile(str(entry["pattern"]), "container_headings"), entry["kind"]))
    window = raw.get("negation_window", 4)
    if not isinstance(window, int):
        raise BriefingError(_where(), "'negation_window' must be a whole number")
    return Lexicon(
        rules=rules,
        # Case-sensitive over the lower-cased text, one prefix tree: fast on long text.
        trigger=re.compile(_WORD_START + "(?:" + trie_pattern(sorted(by_trigger)) + ")"),
        by_trigger=by_trigger,
        inner={w: found for w, found in inner.items() if found},
        always=frozenset(i for i, r in enumerate(rules) if not r.triggers),
        openers=_openers(rules),
        ordinal=_words("ordinals", r"^{},?\s"),
        container=_words("containers"),
        plan_question=_words("plan_questions"),
        summary_box=_words("summary_boxes", r"^\W*{}\W*$"),
        headings=tuple(headings),
        negation=_words("negations"),
        negation_window=window,
        opposition=_words("oppositions"),
        verb_question=_words("verb_question_words"),
        suggest=_words("claim_verbs"),
        rule_subject=_words("rule_subjects", r"{}\s+(?:\w+ly\s+|also\s+|still\s+)?$"),
        claim=_words(
            "claim_copulas",
            r"\s*(?:that\s+)?(?!(?:a|an|to)\b|\w+ing\b)"
            r"(?:(?!(?:should|must|would|could|be|until|unless|if|when|once|because|which|who|that|after|before)\b)"
            r"[\w’'“”\"-]+\s+){{1,7}}?{}\b",
        ),
        amount_question=_words("amount_questions"),
        participle=_words("proposal_participles", r"{}\s*"),
        proposed_thing=_words("proposed_things", r"{}\s*$"),
        participle_time=_words("participle_times", r"\s*{}"),
        adjective_lead=_words("adjective_leads", r"{}\s+$"),
        noun_next=_words(
            "not_participle_nouns", r"\s*(?!{})[a-z][\w-]*(?:\s|[,.;:]|$)", ignore_case=False
        ),
        give_up=_words("give_ups", r"{}\s+(?:(?!and\s|or\s)[\w’'-]+\s+){{0,3}}$"),
        restatement=_words("restatements"),
        conditional=_words("conditional_openers"),
        forecast=_words("forecasts", r"{}\s*$"),
        finding=_words("findings", r"^\W*{}"),
        superseded=_words("superseded", r"^\W*{}"),
        question=_words("question_openers"),
        cognitive=_words("cognitive_verbs", r"^\s*(?:not |also |first |therefore )?{}"),
        imagined=_words("imagined_reports", r"\b{}\b"),
        formula=_words("empty_formulas", r"^(?:{})$"),
        verdict=_words("verdict_passives", r"^\s*be (?:\w+ly )?{}\b"),
        copular=_words("copular_verbs", r"^\s*(?:not |also |therefore |always |now |still )?{}"),
        copular_action=_words("copular_actions"),
        participles=frozenset(w.lower() for w in rule_list("cues", "participles")),
        relative_predicate=_words("relative_predicates", r",\s+{}", ignore_case=False),
        plan_includes=_words(
            "plan_nouns",
            r"{}[^.;:]{{0,60}}?\b(?P<which>that|which)\b[^.;:]{{0,60}}?\b"
            r"(?:includes?|would include|contains?|would contain)"
            r"(?:,\s+(?:among other things|inter alia|in particular|for example|for instance),)?"
            r"\s+(?=\w)",
        ),
        clause_end=_compile(
            "|".join(rule_list("cues", "clause_ends") + rule_list("cues", "clause_coordination")),
            "'clause_ends'",
        ),
        # Lower case only: "States" is no form of "state".
        reporting=_words("reporting_verbs", ignore_case=False),
        demand_modals=_words("demand_modals"),
        noun_markers=frozenset(w.lower() for w in rule_list("cues", "noun_markers")),
        noun_followers=_words("noun_followers", r"\s+{}"),
        passive=_words("passive_auxiliaries", r"{}\s*$"),
        list_opener=_words("list_openers", r"{}\s+(?:\w+\s+){{0,2}}?(?P<noun>\w+(?: \w+)?)"),
        proposal_heads=frozenset(w.lower() for w in rule_list("cues", "proposal_heads")),
        meeting=_words("meeting_objects"),
        clause_openers=frozenset(w.lower() for w in rule_list("cues", "clause_openers")),
        additive=_words("additive_openers", r"^\W*{}"),
        demand_container=_words("demand_containers"),
        container_lead=_words(
            "containers",
            r"^\s*(?:(?:a|an|the|its|their|his|her|several|some|many|various|other|further|"
            r"\w+)\s+){{0,2}}(?P<noun>{}),?\s+(?:such as|including|like|notably|among them)\s+",
        ),
        lost_colon=_words("list_verbs", r"{}\s*$"),
        plan_would=_compile(str(load_rules("cues").get("plan_would", "(?!)")), "'plan_would'"),
        demand_elaboration=_words("demand_elaborations", r"\s*{}\s+"),
        list_follower=_words("list_followers", r"^\W*{}\s+"),
    )


def find_cues(sentence: str, triggers: list[tuple[int, str]] | None = None) -> list[Cue]:
    """Every cue of `sentence`, in order of position (overlapping ones included).

    `triggers` are the sentence's trigger words (`trigger_words`), when already found. The
    answer is kept for the article: the rules and the learned model's features both ask.
    """
    kept = _FOUND.get(sentence)
    if kept is None:
        kept = _FOUND[sentence] = tuple(_find_cues(sentence, triggers))
    return list(kept)


_FOUND: dict[str, tuple[Cue, ...]] = article_dict()


def _find_cues(sentence: str, triggers: list[tuple[int, str]] | None) -> list[Cue]:
    lex = lexicon()
    at: dict[int, list[int]] = {i: [] for i in lex.always} if lex.always else {}
    # (an opening quotation mark before the first word: the word still opens the sentence)
    first = sentence[:17].lstrip("“\"‘'").split(" ", 1)[0].lower()
    for number in lex.openers.get(first, ()):
        at[number] = [0]
    by_trigger, inner = lex.by_trigger, lex.inner
    for start, word in trigger_words(sentence) if triggers is None else triggers:
        for number in by_trigger.get(word, ()):
            if number in at:
                at[number].append(start)
            else:
                at[number] = [start]
        if word in inner:
            for offset, numbers in inner[word]:
                for number in numbers:
                    at.setdefault(number, []).append(start + offset)
    found = []
    rules = lex.rules
    for number in sorted(at):
        rule = rules[number]
        if not is_on(rule.switch):
            continue
        pattern = rule.pattern
        if rule.anchored:
            matches = [m] if (m := pattern.match(sentence)) else []
        elif rule.scan:
            matches = list(pattern.finditer(sentence))
        else:
            # Tried only where a trigger stands: one attempt each, no scan of the sentence.
            matches = [m for pos in at[number] if (m := pattern.match(sentence, pos))]
        for m in matches:
            item = party = None
            for group in rule.items:
                if m.group(group) is not None:
                    item = m.span(group)
                    break
            for group in rule.parties:
                if m.group(group) is not None:
                    party = m.span(group)
                    break
            found.append(Cue(rule, m.start(), m.end(), item, party))
    if len(found) > 1:
        found.sort(key=_position)
    return found


def _position(cue: Cue) -> tuple[int, int]:
    return cue.start, -cue.end


def trigger_words(text: str) -> list[tuple[int, str]]:
    """(offset, trigger) for every trigger word that starts a word of `text`."""
    return [(m.start(), m.group()) for m in lexicon().trigger.finditer(lower_same_length(text))]


def heading_kind(heading: str) -> ItemKind | None:
    """The kind of item a section heading announces ("Recommendations", "Kyiv's red lines")."""
    for pattern, kind in lexicon().headings:
        if pattern.search(heading):
            return kind
    return None


def opens_with_ordinal(sentence: str) -> int:
    """Length of a leading "First," / "Second," marker, or 0."""
    m = lexicon().ordinal.match(sentence)
    return m.end() if m else 0


def announces_list(text: str) -> bool:
    """True when `text` announces a list: ends with a colon, or names "three steps"."""
    stripped = text.rstrip()
    if stripped.endswith(":"):
        return True
    m = lexicon().list_opener.search(stripped)
    return bool(m and lexicon().container.search(m.group("noun")))


def list_ahead(phrase: str) -> int:
    """Where the list starts in a phrase that announces one before a colon ("the following
    measures: A; B; C", "three steps: A, B and C"); 0 when it does not."""
    colon = phrase.find(":")
    if colon < 0 or colon > 80:
        return 0
    if numbered_list(phrase[colon + 1 :]):
        return colon + 1  # "calling for: (1) A; (2) B; and (3) C"
    m = lexicon().list_opener.match(phrase[:colon].strip())
    if m is None or not lexicon().container.search(m.group("noun")):
        return 0
    return colon + 1


def numbered_list(text: str) -> bool:
    """True for a list whose elements are numbered in the text ("(1) A; (2) B", "a) A, b) B")."""
    first = _NUMBERED_FIRST.match(text)
    return first is not None and _NUMBERED_MARK.search(text, first.end()) is not None


_NUMBERED_FIRST = re.compile(r"\s*\(?(?:1|i|a)\)\s")
_NUMBERED_MARK = re.compile(r"[;,]\s+(?:and\s+)?\(?(?:2|ii|b)\)\s")


def labels_summary_box(text: str) -> bool:
    """True for the label of a box that sums the article up ("Key takeaways:")."""
    return len(text) < 40 and bool(lexicon().summary_box.match(text))


def ends_on_container(sentence: str) -> bool:
    """True for a sentence that ends on the list it announces ("X published its list of
    demands.", "Y set three conditions."): a list opener and a container noun, then the stop."""
    text = sentence.rstrip(" .!")
    if len(text.split()) < 4:
        return False  # "Three options": a heading's words, no sentence
    m = lexicon().list_opener.search(text)
    return bool(m and m.end() >= len(text) and lexicon().container.fullmatch(m.group("noun")))


def container_lead(phrase: str) -> tuple[str, int] | None:
    """(container noun, where the list starts) for a phrase that names its list before giving
    it ("several conditions, such as A, B and C"); None otherwise."""
    m = lexicon().container_lead.match(phrase)
    return (m.group("noun"), m.end()) if m else None


def announces_demands(noun: str) -> bool:
    """True for a container noun whose items are demands ("conditions", "red lines")."""
    return bool(lexicon().demand_container.match(noun))


def plan_would(sentence: str) -> int | None:
    """Where "would" stands in a sentence whose subject opens it and whose main verb is
    "would A" ("All parties would also commit to A"); None when it is no such sentence."""
    m = lexicon().plan_would.match(sentence)
    return m.start("would") if m else None


def mentions_demands(text: str) -> bool:
    """True when `text` names demands anywhere ("... presenting expectations ...")."""
    return bool(lexicon().demand_container.search(text))


def lost_colon(sentence: str) -> int:
    """Where the verb starts in a sentence that ends on a verb that presents a list, with
    neither an object nor a stop after it ("The envoy outlined"): the scrape lost the colon
    before a list. 0 when it does not end so."""
    m = lexicon().lost_colon.search(sentence)
    return m.start() if m else 0


def demand_elaboration(sentence: str, at: int) -> int:
    """Where the demand starts in "This means calling on X to A" (the elaboration's own verb
    asks something of someone): the end of that verb at `at`, or 0 when it asks nothing."""
    m = lexicon().demand_elaboration.match(sentence, at)
    return m.end() if m else 0


def list_follower(sentence: str) -> int:
    """Where the list starts in a sentence that lists the terms of the item before ("These
    include A, B and C"); 0 when it lists none."""
    m = lexicon().list_follower.match(sentence)
    return m.end() if m else 0


def adds_to_previous(sentence: str) -> bool:
    """True for a sentence that opens by adding to the one before ("In addition, ...",
    "Moreover, ..."): it goes on with the same party's terms."""
    return bool(lexicon().additive.match(sentence))


def states_finding(text: str) -> bool:
    """True for a paragraph that opens with the author's finding or view ("We conclude that
    ...", "We welcome ..."), not with a recommendation."""
    return bool(lexicon().finding.match(text))


def superseded(text: str) -> bool:
    """True for a sentence (or clause) that says the demand just before it has been dropped
    since ("That figure has not been repeated since")."""
    return bool(lexicon().superseded.match(text))


def asks_for_plan(sentence: str) -> bool:
    """True for a question that the next sentences answer with proposals ("What could a deal
    look like?")."""
    return sentence.rstrip().endswith("?") and bool(lexicon().plan_question.search(sentence))


_QUOTES_AND_STOPS = re.compile(r"[“”\"«»‘’'.!]")
# A cue verb the phrase keeps ("called for restraint").
_CUE_VERB = re.compile(r"^[a-z]+ (?:for|on) ")


def empty_formula(phrase: str) -> bool:
    """True for an item that is a formula and nothing more: "a just and lasting peace", or
    the formula followed by a remark on it ('"a just and lasting peace", a phrase ...')."""
    head = phrase.split(", ", 1)[0] if phrase.lstrip()[:1] in '“"«' else phrase
    head = _CUE_VERB.sub("", " ".join(_QUOTES_AND_STOPS.sub("", head).split()))
    return len(head) < 60 and lexicon().formula.match(head) is not None


@dataclass(frozen=True, slots=True)
class _Look:
    """What the rejection checks read of one cue in one sentence."""

    sentence: str
    cue: Cue
    before: str
    """The words of the cue's clause before it."""
    after: str
    """The sentence after the cue."""
    form: Form
    lex: Lexicon

    @property
    def negatable(self) -> bool:
        negatable_forms = ("verb", "noun", "impersonal", "means", "pattern")
        return self.cue.rule.negatable and self.form in negatable_forms


Check = Callable[[_Look], bool]


def _is_question(k: _Look) -> bool:
    return k.sentence.rstrip().rstrip("”\"'’)").endswith("?")


def _is_indirect_question(k: _Look) -> bool:
    last = _last_words(k.before, 3)
    if k.form == "verb":
        # "decide whether they want A": asked, not wanted ("what Moscow wants is A" is said)
        return k.lex.verb_question.search(last) is not None
    if k.form not in ("modal", "impersonal"):
        return False
    # "... agreeing how much money richer countries should provide": the amount is asked
    return bool(
        k.lex.question.search(last) or k.lex.amount_question.search(_last_words(k.before, 7))
    )


def _is_negated(k: _Look) -> bool:
    return k.negatable and bool(k.lex.negation.search(_last_words(k.before, k.lex.negation_window)))


def _has_negative_subject(k: _Look) -> bool:
    # "nobody in that camp has suggested ..."
    return k.negatable and any(negative_subject(o) for o in _clause_openings(k.before))


def _is_opposed(k: _Look) -> bool:
    opposable = k.form in ("verb", "noun", "means") and not _owned_noun(k.sentence, k.cue)
    # "The mediators' plan, which the junta rejected, calls for A": the aside opposes nothing;
    # nor does a fronted adverbial ("Beyond the vague promise of 2008, Kyiv wanted A")
    if opposable and contents_owner(k.before) is not None:
        return False  # "rejected X's proposal, which included a demand for A": X's demand
    if opposable and rejected_offer(k.sentence, k.cue.start):
        return False  # "Workers rejected the offer of a 5% raise": the other side's offer
    before = _RELATIVE_ASIDE.sub(" ", k.before)
    # "rejected A, with the union having set out demands including B": a clause of its own
    before = _WITH_CLAUSE.split(before)[-1]
    fronted = _fronted_adverbial().match(before)
    if fronted is not None:
        before = before[fronted.end() :]
    return opposable and bool(k.lex.opposition.search(before))


@cache
def _fronted_adverbial() -> re.Pattern[str]:
    return compile_alternation(
        "actors", "adverbial_openers", r"^\s*(?:beyond|{})\b[^,]{{0,120}},\s*"
    )


_RELATIVE_ASIDE = re.compile(r",\s+(?:which|who|whom)\b[^,]*,")
_OFFER = re.compile(r"offers?\b", re.IGNORECASE)
# ", with the union having ", ", with workers demanding ": an absolute clause with its subject
# (also a clause mark of `attribution.py`)
WITH_CLAUSE = r",\s+with\s+(?=(?:(?:the|its|their)\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,2}?\s+[a-z]+ing\b)"
_WITH_CLAUSE = re.compile(WITH_CLAUSE, re.IGNORECASE)


def rejected_offer(sentence: str, at: int) -> bool:
    """True when an offer named at `at` is one the clause's subject rejected ("Workers have
    rejected the offer of A"): the other side's."""
    return bool(_OFFER.match(sentence, at)) and _rejected_the().search(sentence, 0, at) is not None


@cache
def _rejected_the() -> re.Pattern[str]:
    """ "have rejected the ", "turned down a new ": an opposition right before the noun and its
    article (no owner between: "rejected the Government's pay offer" is owned)."""
    return compile_alternation(
        "cues", "oppositions", r"\b(?:{})\s+(?:the|an?|this|that)\s+(?:[\w-]+\s+){{0,2}}$"
    )


def _states_a_rule(k: _Look) -> bool:
    # "WTO rules require a consensus of all members": a rule's terms, no party's demand
    return k.form == "verb" and k.lex.rule_subject.search(k.before) is not None


def _is_claim(k: _Look) -> bool:
    # "Barnier suggested the UK's demands were not realistic": a view of how things are, not
    # a proposal ("suggested that talks be held", "suggested a truce" are proposals)
    # "insisted that the president is not going anywhere" is a claim too, but "We insist that
    # the size of the army is decided in Kyiv" (a passive) demands it
    if k.form != "verb" or k.lex.suggest.match(k.sentence, k.cue.start) is None:
        return False
    claim = k.lex.claim.match(k.sentence, k.cue.end)
    if claim is None:
        return False
    after = k.sentence[claim.end() :].split(None, 1)
    passive = bool(after) and (after[0].endswith("ed") or after[0] in k.lex.participles)
    return not (passive and k.sentence[k.cue.start : k.cue.start + 6].lower() == "insist")


def _is_given_up(k: _Look) -> bool:
    # "the employers dropped their demand that A", "Kyiv abandoned the proposal of B"
    return k.form == "noun" and k.lex.give_up.search(k.before) is not None


def _is_restated(k: _Look) -> bool:
    proposal_word = k.cue.rule.kind == "proposal" and k.form in ("verb", "noun")
    return proposal_word and bool(k.lex.restatement.search(k.before))


def _is_noun_not_verb(k: _Look) -> bool:
    # "Russia's demands", "Advocates of a deal argue ..." (but "Calling for A, the envoy
    # said": a participle opening the sentence is a verb)
    opening = not k.before.strip(" “\"'(")
    participle = opening and _OPENING_PARTICIPLE.match(k.sentence, k.cue.start) is not None
    # ("X is pressing Y in other areas: demanding A, B and C": a participle after a colon)
    participle = participle or (opening and k.sentence[: k.cue.start].rstrip().endswith(":"))
    return k.form == "verb" and (_is_noun_use(k.sentence, k.cue) or (opening and not participle))


# A participle that opens a sentence and is followed by its object and a comma
_OPENING_PARTICIPLE = re.compile(r"[A-Z][a-z]+ing\b[^.;:!?]{3,200},")


def _is_verb_not_noun(k: _Look) -> bool:
    # "Moscow demands that A, including B": a verb
    verb_like = _VERB_LIKE.match(k.sentence, k.cue.start) is not None
    # "a UN plan that would A": a relative clause follows a noun, never the verb "plan"
    relative = _THAT_WHICH.search(k.sentence, k.cue.start, k.cue.end) is not None
    return k.form == "noun" and verb_like and not relative and not _is_noun_use(k.sentence, k.cue)


def _is_passive(k: _Look) -> bool:
    # "proposals have been put forward to support X"; the auxiliaries stand right before the
    # cue, and "have been discussing A" is no passive.
    verb = k.form == "verb" and not k.cue.rule.adjective
    passive = verb and k.lex.passive.search(k.before[-24:]) is not None
    return k.cue.rule.kind == "proposal" and passive and not _ING.match(k.sentence, k.cue.start)


def _is_advice_about_thinking(k: _Look) -> bool:
    return k.form == "impersonal" and k.lex.cognitive.match(k.after) is not None


def _is_forecast(k: _Look) -> bool:
    # "Moscow will likely demand A", "analysts expect X to demand A"
    forecast = k.cue.rule.kind == "demand" and k.form in ("verb", "noun")
    return forecast and k.lex.forecast.search(k.before[-60:]) is not None


def _has_no_object(k: _Look) -> bool:
    # "what the parties are asking for, ...": nothing follows the verb.
    bare = k.form == "verb" and _NO_OBJECT.match(k.sentence, k.cue.end) is not None
    return bare and (not k.cue.rule.keep_cue or bool(_FREE_RELATIVE.search(k.before[-60:])))


def _appeals_to_the_reader(k: _Look) -> bool:
    # "We ask you to stand with us": no party's item
    return k.form == "verb" and _TO_YOU.match(k.sentence, k.cue.end) is not None


def _gives_a_reason(k: _Look) -> bool:
    # "..., because they require few concessions" (but "as they had wanted a law on A": what
    # a side had wanted before, given as the reason, is its demand; "because he wanted to A"
    # is a motive)
    if _WANTED.match(k.sentence, k.cue.start) and _HAD_END.search(k.before):
        return False
    return k.cue.rule.kind == "demand" and _REASON.search(k.before[-80:]) is not None


_WANTED = re.compile(r"(?:wanted|demanded|sought|insisted|asked for|called for)\b", re.I)
_HAD_END = re.compile(r"\bhad\s+(?:long\s+|always\s+|originally\s+)?$", re.I)


# " to the Writers Guild": to whom a thing named before was proposed
_TO_NAMED = re.compile(r"\s*to\s+(?:the\s+)?(?-i:[A-Z])")


def _is_reduced_relative(k: _Look) -> bool:
    # "according to terms unveiled following the talks", "the plan tabled last week", "terms
    # proposed to the Writers Guild": a past participle right after a noun of what is
    # proposed names that noun, and what follows is when, where or to whom, no proposal of
    # the clause's subject
    if k.form != "verb" or not k.lex.participle.fullmatch(k.sentence, k.cue.start, k.cue.end):
        return False
    after = k.lex.participle_time.match(k.sentence, k.cue.end) or _TO_NAMED.match(
        k.sentence, k.cue.end
    )
    return k.lex.proposed_thing.search(k.before) is not None and after is not None


def _is_participle_adjective(k: _Look) -> bool:
    # "$50 billion in proposed tariffs", "the offered terms": a participle before its noun,
    # after a preposition or an article, says what the noun is; nobody proposes in the clause
    if k.form != "verb" or not k.lex.participle.fullmatch(k.sentence, k.cue.start, k.cue.end):
        return False
    return (
        k.lex.adjective_lead.search(k.sentence, 0, k.cue.start) is not None
        and k.lex.noun_next.match(k.sentence, k.cue.end) is not None
    )


def _backs_an_actor(k: _Look) -> bool:
    # "X, the AU envoy, was backed by Y": a person or a side backed, no plan; "A, a view
    # endorsed by Y": a view shared, no plan either
    if k.cue.rule.name != "proposal by":
        return False
    if _view_before().search(k.before):
        return True
    first = next(iter(find_mentions(k.before[:80])), None)
    if first is None or first.start > 0:
        return False
    subject = k.before[first.end :]
    return _BACKED_ACTOR.match(subject) is not None and not is_organisation(first.text)


# The words between an actor and "backed by": its apposition and the auxiliary
_BACKED_ACTOR = re.compile(r"(?:,[^,;]{0,100},)?\s*(?:was|were|is|are|has been|have been)\s+$")


@cache
def _view_before() -> re.Pattern[str]:
    """ ", a view " right before the cue: a noun of `backed_views` (cues.yml)."""
    return compile_alternation("cues", "backed_views", r",\s+(?:a|an|the)\s+(?:\w+\s+)?(?:{})\s+$")


def _predicts_a_need(k: _Look) -> bool:
    # "the next attempt will need more than one mediator"
    return k.cue.rule.name == "need" and _PREDICTION.search(k.before[-12:]) is not None


# The rejection checks, in the order they are tried: (name, reason given, check). Each can be
# switched off by its name (`switches.py`), so that the evaluation can measure it.
CHECKS: tuple[tuple[str, str, Check], ...] = (
    ("question", "question", _is_question),
    ("hypothetical", "hypothetical", lambda k: _in_conditional(k.sentence, k.cue.start)),
    ("indirect-question", "indirect question", _is_indirect_question),
    ("negated", "negated", _is_negated),
    ("negative-subject", "negated", _has_negative_subject),
    ("opposed", "opposed", _is_opposed),
    ("given-up", "given up", _is_given_up),
    ("claim", "a claim", _is_claim),
    ("rule-subject", "a rule's terms", _states_a_rule),
    ("restated", "restated", _is_restated),
    ("noun-not-verb", "noun, not verb", _is_noun_not_verb),
    ("verb-not-noun", "verb, not noun", _is_verb_not_noun),
    ("passive", "passive", _is_passive),
    ("reduced-relative", "a participle naming a noun", _is_reduced_relative),
    ("participle-adjective", "a participle before its noun", _is_participle_adjective),
    ("advice-about-thinking", "advice about thinking", _is_advice_about_thinking),
    ("forecast", "prediction", _is_forecast),
    ("no-object", "no object", _has_no_object),
    ("appeal-to-reader", "appeal to the reader", _appeals_to_the_reader),
    ("reason", "a reason, not a demand", _gives_a_reason),
    ("predicted-need", "prediction", _predicts_a_need),
    ("backs-an-actor", "an actor or a view backed", _backs_an_actor),
)


@per_article
def why_not(sentence: str, cue: Cue) -> str | None:
    """Why `cue` is no item (a short reason), or None when it is one."""
    look = _Look(
        sentence,
        cue,
        _clause_before(sentence, cue.start),
        sentence[cue.end :],
        cue.rule.form,
        lexicon(),
    )
    for name, reason, check in CHECKS:
        if is_on(f"check:{name}") and check(look):
            return reason
    if look.form == "modal":
        return _modal_why_not(sentence, cue)
    return None


def _inverted_should(k: _Look, before: str) -> bool:
    word = k.sentence[k.cue.start : k.cue.end].lower()
    return word == "should" and _inverted(before, k.after)


def _modal_prediction(k: _Look, before: str) -> bool:
    # "the deal will have to wait", "the leader would also need to win over A": what is
    # forecast to be needed, no advice
    word = k.sentence[k.cue.start : k.cue.end].lower()
    needed = word in ("has to", "have to", "need to", "needs to")
    return needed and _NEED_PREDICTION.search(before[-24:]) is not None


_NEED_PREDICTION = re.compile(
    r"\b(?:will|would|may|might|could)\s+(?:also\s+|still\s+|first\s+|then\s+)?$", re.I
)


def _proposal_handled(k: _Look, before: str) -> bool:
    return bool(_proposal_subject_end().search(before) and _handled().match(k.after))


@cache
def _proposal_subject_end() -> re.Pattern[str]:
    """A proposal named as the subject right before a modal ("the proposal "):
    `handled_proposals` (cues.yml)."""
    return compile_alternation(
        "cues",
        "handled_proposals",
        r"\b(?:the|this|that|their|its|his|her|our|any|such an?|a|an)\s+(?:[\w-]+\s+){{0,2}}?"
        r"(?:{})s?\s+$",
    )


@cache
def _handled() -> re.Pattern[str]:
    """ "be discussed", "be put to": how a proposal is handled (`handling_verbs`)."""
    return compile_alternation(
        "cues", "handling_verbs", r"\s*(?:first\s+|also\s+|now\s+)?be\s+(?:\w+ly\s+)?(?:{})\b"
    )


def _pending_step(k: _Look, before: str) -> bool:
    return bool(_STILL_END.search(before) and _pending().match(k.after))


# "still needs to", "has yet to": right before the modal's verb or in its words
_STILL_END = re.compile(r"\b(?:still|yet)\s+$", re.IGNORECASE)


@cache
def _pending() -> re.Pattern[str]:
    """ " be ratified", " be signed by the parliament": a step of a deal's making
    (`pending_steps`, cues.yml)."""
    return compile_alternation("cues", "pending_steps", r"\s*be\s+(?:formally\s+)?(?:{})\b")


ModalCheck = Callable[[_Look, str], bool]
# The checks of a modal cue ("must", "should"), in order; `before` is the whole sentence
# before the modal.
MODAL_CHECKS: tuple[tuple[str, str, ModalCheck], ...] = (
    # "... longer than they need to.": no action follows
    ("ellipsis", "ellipsis", lambda k, b: not _WORD_NEXT.match(k.after)),
    # "Should Russia attack, ..." is a condition
    ("inverted-should", "hypothetical", _inverted_should),
    # "Nor should it be ...": a negated, inverted modal
    ("nor", "negated", lambda k, b: _NOR_BEFORE.search(b[-12:]) is not None),
    # "Europe should have acted": what was not done, no advice
    ("counterfactual", "counterfactual", lambda k, b: _counterfactual(k.after)),
    # "One could argue that X should A": raised to be answered
    ("imagined", "imagined argument", lambda k, b: k.lex.imagined.search(b[-90:]) is not None),
    # "..., and it should be rejected": judges an item named before
    (
        "verdict",
        "verdict",
        lambda k, b: bool(_POINTING_SUBJECT.search(b[-40:]) and k.lex.verdict.match(k.after)),
    ),
    # "you need to look at the map": rhetoric, no party's advice
    ("generic-you", "generic you", lambda k, b: _GENERIC_YOU.search(b[-24:]) is not None),
    # "the proposal should be discussed by the negotiators": how a proposal is to be handled,
    # no proposal of its own
    (
        "proposal-handled",
        "how a proposal is handled",
        _proposal_handled,
    ),
    # "a final version still needs to be ratified": a step the process has yet to take, no
    # one's proposal
    ("pending-step", "a step still to come", _pending_step),
    (
        "modal-thinking",
        "advice about thinking",
        lambda k, b: k.lex.cognitive.match(k.after) is not None,
    ),
    (
        "stated-quality",
        "stated quality",
        lambda k, b: (
            bool(k.lex.copular.match(k.after))
            and not _action_after_copula(k.after)
            and not _there_be_none(k.after, b)
        ),
    ),
    ("relative-clause", "relative clause", lambda k, b: _reduced_relative(b)),
    # "any settlement will have to decide ..."
    ("modal-prediction", "prediction", _modal_prediction),
    # "other conditions would need to be met before A": the conditions, named elsewhere
    (
        "conditions-met",
        "conditions met",
        lambda k, b: bool(k.lex.container.search(_last_words(b, 2)) and _MET.match(k.after)),
    ),
    # "the need to", "a must"
    (
        "noun-not-modal",
        "noun, not modal",
        lambda k, b: _DETERMINER_BEFORE.search(b[-8:]) is not None,
    ),
)


def _modal_why_not(sentence: str, cue: Cue) -> str | None:
    before = sentence[: cue.start]
    look = _Look(sentence, cue, before, sentence[cue.end :], cue.rule.form, lexicon())
    for name, reason, check in MODAL_CHECKS:
        if is_on(f"check:{name}") and check(look, before):
            return reason
    return None


def rule_names() -> list[str]:
    """Every switchable name, in table order: the cue rules, the checks, then the kind
    decisions that overrule a rule's kind."""
    names = [f"cue:{rule.name}" for rule in lexicon().rules]
    names += [f"check:{name}" for name, _, _ in CHECKS]
    names += [f"check:{name}" for name, _, _ in MODAL_CHECKS]
    names += [MEETING_KIND]
    return names


MEETING_KIND = "kind:meeting object"
"""A demand verb whose object names a meeting gives a proposal (`extract/items.py`)."""


# Nouns of the noun cues that are verbs too: as nouns they follow a determiner or an owner.
_VERB_LIKE: re.Pattern[str] = re.compile(r"(?:demands?|calls?|plans?|advocates)\b", re.IGNORECASE)
_THAT_WHICH: re.Pattern[str] = re.compile(r"plans?,? (?:that|which)\b", re.IGNORECASE)
_REASON: re.Pattern[str] = re.compile(r"\b(?:because|since|as)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_PREDICTION: re.Pattern[str] = re.compile(r"\b(?:will|would|may|might|could)\s+$", re.IGNORECASE)
_NO_OBJECT: re.Pattern[str] = re.compile(r"\s*(?:[,.;!?)]|$)")
_FREE_RELATIVE: re.Pattern[str] = re.compile(
    r"\b(?:what|whatever)\s+(?:[\w’'-]+\s+){1,6}$", re.IGNORECASE
)
_TO_YOU: re.Pattern[str] = re.compile(r"\s*you\s+to\b", re.IGNORECASE)
_RELATIVE = re.compile(r"(\b[a-z][\w-]*)\s+(?:[A-Z][\w’'.-]*|we|they|it|he|she|you|I)\s*$")
_WORD_NEXT: re.Pattern[str] = re.compile(r"\s*[\w“\"«]")
_ING: re.Pattern[str] = re.compile(r"\w+ing\b")
_GENERIC_YOU: re.Pattern[str] = re.compile(
    r"\b(?:you|one)\s+(?:\w+ly\s+|also\s+|just\s+)?$", re.IGNORECASE
)
_DETERMINER_BEFORE: re.Pattern[str] = re.compile(r"\b(?:the|a|an|its|their)\s+$", re.IGNORECASE)
# Compiled once: `re.search(r"...")` looks each pattern up in re's cache at every call.
_COORDINATOR_END = re.compile(r"(?:^|\b)(?:and|but|or)\s*$", re.IGNORECASE)
_NEXT_TOKEN = re.compile(r"\s*(\S+)")
_ADVERB_START = re.compile(r"^\s*(?:\w+ly\s+)?")
_WORD = re.compile(r"(\w+)")
_OPENER_END = re.compile(r"\b(?:and|but|or|that|even|only)$", re.IGNORECASE)
_LAST_WORD = re.compile(r"([\w’'-]+)$")
_OWNED_BEFORE = re.compile(r"(?:[’']s|s[’'])\s+(?:\w+\s+)?$")
_WORD_BEFORE = re.compile(r"([\w’'-]+)\s*$")


_NOR_BEFORE: re.Pattern[str] = re.compile(r"\b(?:nor|neither)\s+$", re.IGNORECASE)
_HAVE_DONE = re.compile(r"\s*(?:not\s+)?have\s+(?:\w+ly\s+)?([a-z]+)\b")
_POINTING_SUBJECT: re.Pattern[str] = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|but|so)\s+)(?:it|this|that|these|those|such (?:an? )?\w+|"
    r"the (?:idea|proposal|plan|offer|scheme|suggestion|initiative))\s+$",
    re.IGNORECASE,
)


def _counterfactual(after: str) -> bool:
    """True for "should have acted", "must have been": a modal about the past."""
    m = _HAVE_DONE.match(after)
    if m is None:
        return False
    word = m.group(1)
    return word == "been" or word.endswith("ed") or word in lexicon().participles


def _inverted(before: str, after: str) -> bool:
    opener = not before.strip() or before.rstrip().endswith((",", ";", "—", "–"))
    opener = opener or bool(_COORDINATOR_END.search(before))
    nxt = _NEXT_TOKEN.match(after)
    if nxt and nxt.group(1).lower() in ("it", "they", "he", "she", "we", "you", "there"):
        return True  # "authorised a strike should it be necessary": a subject after the modal
    if not opener or not nxt:
        return False
    first = nxt.group(1)
    return first[0].isupper() or first.lower() in (
        "the",
        "a",
        "an",
        "this",
        "that",
        "it",
        "they",
        "he",
        "she",
        "we",
        "any",
        "such",
        "russia's",
    )


def _there_be_none(after: str, before: str) -> bool:
    """ "There must be no amnesty": a demand that there be none ("it must be no surprise",
    "this war should be no exception" state a quality)."""
    return _THERE_END.search(before[-8:]) is not None and _BE_NO.match(after) is not None


_THERE_END = re.compile(r"\bthere\s+$", re.IGNORECASE)
_BE_NO = re.compile(r"\s*be\s+no\s+(?!(?:doubt|question|illusions?|way|point|need)\b)", re.I)


def _action_after_copula(after: str) -> bool:
    lex = lexicon()
    m = lex.copular.match(after)
    rest = after[m.end() :] if m else after
    rest = _ADVERB_START.sub("", rest)
    if lex.copular_action.match(rest):
        return True
    nxt = _WORD.match(rest)
    if not nxt:
        return False
    w = nxt.group(1).lower()
    return w.endswith("ed") or w.endswith("en") or w in lex.participles


def _reduced_relative(before: str) -> bool:
    """True for "the problems Ukraine must overcome": the modal's subject directly follows a
    noun, so the modal is inside a relative clause, not the sentence's advice."""
    m = _RELATIVE.search(before[-60:])
    if not m:
        return False
    return m.group(1) not in lexicon().clause_openers


def _in_conditional(sentence: str, offset: int) -> bool:
    """True when `offset` lies inside an if-clause ("If Russia demands X, ...")."""
    lex = lexicon()
    for m in lex.conditional.finditer(sentence, 0, offset):
        if m.group().lower() in ("were", "had") and not _clause_start(sentence, m.start()):
            continue
        if not _clause_start(sentence, m.start()):
            continue
        # The if-clause runs to the next comma (or the end): is the cue before that comma?
        comma = sentence.find(",", m.end())
        if comma == -1 or offset < comma:
            return True
    return False


def _clause_start(sentence: str, offset: int) -> bool:
    before = sentence[:offset].rstrip()
    return not before or before[-1] in ',;:—–("“' or bool(_OPENER_END.search(before))


def _clause_before(sentence: str, offset: int) -> str:
    """The words of the cue's clause before it (back to ; : – or the sentence start)."""
    before = sentence[:offset]
    cut = max(before.rfind(";"), before.rfind(":"), before.rfind(" – "), before.rfind(" — "))
    return before[cut + 1 :] if cut >= 0 else before


def _clause_openings(before: str) -> list[str]:
    """The words after the last comma before a cue, and after each "that" or "but" since: where
    its clause may start ("Peskov said that no one in Moscow is demanding A")."""
    cut = before.rfind(",") + 1
    tail = before[cut:]
    out = [tail.lstrip()]
    # Most clauses hold none of the words: a look for them is cheaper than a regex scan.
    if "that" in tail or "yet" in tail or "but" in tail:
        out.extend(before[m.end() :] for m in _THAT.finditer(before, cut))
    return out


_THAT = re.compile(r"\b(?:that|yet|but)\s")


def _last_words(text: str, n: int) -> str:
    words = text.split()
    return " ".join(words[-n:]) if words else ""


def _is_noun_use(sentence: str, cue: Cue) -> bool:
    """True when a verb cue's word is used as a noun ("Russia's demands", "the calls for",
    "Russian demands")."""
    # "the peace plan includes A": a verb right after the word makes it the subject
    word_end = _VERB_LIKE.match(sentence, cue.start)
    if word_end is not None and lexicon().noun_followers.match(sentence, word_end.end()):
        return True
    before = sentence[: cue.start].rstrip()
    m = _LAST_WORD.search(before)
    if not m:
        return False
    word = m.group(1)
    low = word.lower()
    owner_adjective = adjective_party(word) is not None and resolve_party(word) is None
    if owner_adjective and resolve_party(before[max(0, m.start() - 4) :].lstrip()) is not None:
        owner_adjective = False  # "the US pledged to A": "the US" names the party, a subject
    numeral = low.isdigit()  # "10 demands"
    plural_possessive = low.endswith(("s'", "s’"))  # "the rebels' demand"
    return (
        low in lexicon().noun_markers
        or low.endswith(("'s", "’s"))
        or plural_possessive
        or owner_adjective
        or numeral
        or (low.endswith("ed") and len(low) > 4)  # "has announced plans to A": its object
        # "its fishing plan for A", but "its leader requested A": a past tense is a verb
        or (
            _POSSESSIVE_TWO_BACK.search(before) is not None
            and not _PAST_CUE.match(sentence, cue.start)
        )
    )


_MET: re.Pattern[str] = re.compile(
    r"\s*(?:first\s+)?(?:(?:need|have)\s+to\s+)?be\s+(?:fully\s+)?(?:met|fulfilled|satisfied|"
    r"honou?red)\b",
    re.IGNORECASE,
)
_OWNER_NAMED_AFTER = re.compile(r"[\w-]+ (?:from|by) (?:the )?(?-i:[A-Z])")
_PAST_CUE = re.compile(r"[a-z]+ed\b")
_POSSESSIVE_TWO_BACK = re.compile(r"\b(?:its|their|his|her|our|my)\s+[a-z][\w-]*(?<!(?<!s)s)$")


def _owned_noun(sentence: str, cue: Cue) -> bool:
    """True for a noun cue with a named owner ("Moscow's demand that ...", "the rebels'
    demand", "the Russian demand"), or a verb cue in a relative clause of an owned plan ("a
    rebel plan that called for A"): what the owner demands or proposes stays an item even
    when the sentence's subject opposes it."""
    before = sentence[: cue.start]
    if cue.rule.form == "verb":
        return relative_owner(before) is not None
    if cue.rule.form != "noun":
        return False
    if _OWNED_BEFORE.search(before) or _OWNER_NAMED_AFTER.match(sentence, cue.start):
        return True  # ("rejected a proposal from Northern Rail to A": Northern Rail's)
    word = _WORD_BEFORE.search(before)
    return word is not None and _owner_word(word.group(1)) is not None


def relative_owner(before: str) -> str | None:
    """The owner word of the plan a relative clause describes, when the text before a verb
    cue ends with one ("rejected a 12-point rebel plan that", "Kyiv's proposal, which")."""
    return _plan_owner(_RELATIVE_OF_PLAN.search(before))


def contents_owner(before: str) -> str | None:
    """The owner word of a plan whose contents a relative clause lists, when the text before a
    noun cue ends with one ("rejected an Ostrian proposal for a deal, which included")."""
    return _plan_owner(_CONTENTS_OF_PLAN.search(before))


def _plan_owner(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    # (the words of the plan's own noun phrase: "Hamas rejected an Ostrian proposal" is
    # Ostria's, "Hamas rejected a proposal" no one's it names)
    for word in reversed(m.group("owner").split()):
        if word.lower() in ("a", "an", "the"):
            return None
        owner = _owner_word(word)
        if owner is not None:
            return owner
    return None


def _owner_word(word: str) -> str | None:
    """A word that names a party as an owner: a possessive ("Kyiv's", "the rebels'"), an
    adjective of a state ("Russian"), or a side's noun used as one ("rebel", "union")."""
    bare = _POSSESSIVE_END.sub("", word)
    party = resolve_party(bare) or adjective_party(bare)
    if party:
        return party
    side = side_noun(bare)  # "the union's", "a rebel plan" (the rebels')
    if side is not None:
        return side
    if bare != word and bare[:1].isupper():
        return bare  # "Norvik's plan"
    return None


_POSSESSIVE_END = re.compile(r"(?:[’']s|(?<=s)[’'])$")
_RELATIVE_OF_PLAN = re.compile(
    r"(?P<owner>(?:[\w’'-]+\s+){1,3}?)(?:[\w-]+\s+){0,1}?"
    r"(?:plan|proposal|offer|initiative|draft|framework|package|blueprint|roadmap|platform)"
    r",?\s+(?:that|which)\s+(?:would\s+|will\s+|also\s+)?$",
    re.IGNORECASE,
)


_CONTENTS_OF_PLAN = re.compile(
    r"(?P<owner>(?:[\w’'-]+\s+){1,4}?)"
    r"(?:plan|proposal|offer|initiative|draft|framework|package|blueprint|roadmap|platform)"
    r"(?:\s+for\s+(?:a|an|the)\s+[\w-]+)?,?\s+(?:that|which)\s+(?:also\s+)?"
    r"(?:included|includes|contained|contains|(?:would|will)\s+(?:have\s+)?include[d]?)\s+"
    r"(?:(?:a|an|the)\s+)?$",
    re.IGNORECASE,
)
_DASHES = frozenset(("–", "—", "--"))


def clause_end(text: str, start: int) -> int:
    """Where the clause that begins at `start` ends (a `clause_ends` mark or the text's end)."""
    pattern = lexicon().clause_end
    m = pattern.search(text, start)
    while m is not None:
        if m.group().strip() in _DASHES:
            # "A – including B – as well as C": a pair of dashes sets off an aside, no clause end
            pair = text.find(m.group(), m.end())
            if pair < 0:
                break
            m = pattern.search(text, pair + len(m.group()))
        elif m.group().startswith(", but") and pairs_not_only(text, start, m.start()):
            # "demand that X not only A, but B": the "but" finishes the pair ("which will not
            # only A, but B" says what something would do: the clause ends there)
            m = pattern.search(text, m.end())
        else:
            break
    return m.start() if m else len(text)


def is_reporting(text: str) -> re.Match[str] | None:
    """The last reporting verb in `text` ("argue", "said", "made clear"), if any."""
    last = None
    markers = lexicon().noun_markers
    for m in lexicon().reporting.finditer(text):
        previous = _WORD_BEFORE.search(text[: m.start()])
        if previous and previous.group(1).lower() in markers:
            continue  # "the claims", "a note": nouns
        last = m
    return last


def is_firm_modal(word: str) -> bool:
    """True for the modals a side's demand on another side is put in (`firm_modals`)."""
    return word.strip().lower() in _firm_modals()


@cache
def _firm_modals() -> frozenset[str]:
    return frozenset(w.lower() for w in rule_list("cues", "firm_modals"))


def is_demand_modal(word: str) -> bool:
    """True for modals that state a requirement (must, has to)."""
    return bool(lexicon().demand_modals.fullmatch(word.strip()))
