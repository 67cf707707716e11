"""Attribution: a cue in a sentence in, the party that puts the item forward out.

Three ways a party is found, by the cue's form (see `rules/cues.yml`):

- the **subject** of the cue's clause ("The Kremlin set out its terms", "A report
  by X and Y argues for"), for verbs and nouns;
- the **reporter** of an opinion ("Critics argue that NATO should ...", a quotation and its
  speaker), for modals and impersonal phrases; without one, the article's **author**;
- a reference back ("Others", "They", "the first camp", "no serious policymaker"), resolved
  through what the article said before (`Discourse`).

Parties come out canonical (`Russia`, `author`); names outside the gazetteer keep their words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from build_tools.extract.actors import (
    Mention,
    adjective_party,
    agentive,
    find_groups,
    find_mentions,
    find_parties,
    first_mention,
    is_official,
    is_organisation,
    is_pronoun,
    lone_name,
    negative_subject,
    party_kind,
    resolve_party,
    side_noun,
)
from build_tools.extract.cues import WITH_CLAUSE, is_reporting
from build_tools.extract.enumerations import DASH_ASIDE
from build_tools.extract.phrases import PhraseSet, phrase_set
from build_tools.records import Item, Paragraph
from build_tools.rules import compile_alternation, load_rules, rule_list

# ", but" that opens a clause: ", but not all," is an aside ("some of the land, but not all,
# should be given back")
_BUT_CLAUSE = r"but(?!\s+not\s+[\w’'-]+(?:\s+[\w’'-]+)?,)"
# Words that open a leading adverbial phrase ("In recent weeks, ...", "Contrary to ..., ").
# Where a clause starts, looking back from a cue.
_CLAUSE_MARK = re.compile(
    rf"[;:–—]|,\s+(?:{_BUT_CLAUSE}|and|while|whereas|so|yet|then)\s+|(?<!\ba)\s+(?:while|whereas)\s+|\bthat\s+"
    # "... after Mr Barnier started phoning round to demand A": a named subject after a
    # subordinator heads the clause the cue stands in
    r"|\b(?:after|before|when|because|since|until|once)\s+(?=(?-i:(?:Mr|Ms|Mrs|Dr)\b|[A-Z][a-z]))"
    # "... returned to opposite sides as pilots push for A": a subordinator a few words before
    # the cue heads its clause (not "such as", "as well as"; a pronoun after it is resolved
    # in the clause before)
    r"|(?<!such )(?<!well )\b(?:as|while|when|because|since)\s+"
    r"(?!(?:he|she|it|they|we|i)\b)(?=(?:[\w’'-]+\s+){1,3}$)"
    # "X is prepared to talk but Pyongyang must A": "but" before a new subject, comma or not
    r"|\s+but\s+(?!also\b)(?=(?-i:[A-Z])|(?:the|a|an|it|they|he|she|we|its|their)\b)"
    # "Workers rejected A, with the union having set out B": an absolute clause, its subject
    rf"|{WITH_CLAUSE}",
    re.IGNORECASE,
)
_SPOKE_TO = re.compile(
    r"\b(?:spoke|talked|speaks|talks) (?:to|with)\b|\binterview(?:ed)? (?:with\b)?|"
    r"\bconversation with\b|\basked\b",
    re.IGNORECASE,
)
_CONJUNCTION = re.compile(r"^(?:and|but|so|yet|or|then|now|thus)\s+", re.IGNORECASE)
_WHAT = re.compile(r"^what\s+(?=\S)", re.IGNORECASE)
_CAPITAL_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_THE_TWO = re.compile(
    r"^\s*(?:the|both)\s+(?:two\s+)?(?:countries|sides|governments|nations|leaders|delegations|"
    r"states|presidents|parties)\b(?!\s+of\b)",
    re.IGNORECASE,
)
_CONDITION_OPENER = re.compile(
    r"^(?:if|unless|although|though|because|whereas|even if|even though)\s+", re.IGNORECASE
)
_US = re.compile(r"\s*(?:us|me)\b", re.IGNORECASE)
_THAT_CLAUSE = re.compile(r"\b(?:is|was|remains) that\b")
# What may stand before a participle that opens a sentence ("While advocating A, ...").
_SUBORDINATOR = re.compile(
    r"\s*(?:(?:while|when|whilst|by|after|before|in|without|through|despite|besides|also|"
    r"though|although|even while|even when)\s+)?",
    re.IGNORECASE,
)
_RELATIVE_CLAUSE = re.compile(r"(?:who|which|whose|whom|that)\b", re.IGNORECASE)
_FORMER = re.compile(r"\b(?:former|ex-|retired|onetime|one-time)\b", re.IGNORECASE)
# (single marks too, British style: 'We will not A,' he said; an apostrophe inside is no end,
# the closing mark follows a stop or a comma)
_QUOTE = re.compile(
    r"“[^”]{12,}”|\"[^\"]{12,}\"|«[^»]{12,}»|(?:(?<=\s)|^)'(?=[A-Z])[^'\n]*?(?:'[a-z][^'\n]*?)*?"
    r"[.,!?]'(?=\s|$)|‘(?=[A-Z])[^‘\n]{10,}?[.,!?]’(?=\s|$)"
)
_QUOTE_MARK = re.compile(r"[“”\"«»]")
_INTERVIEWER_LABELS = frozenset(
    {"Q", "QUESTION", "HOST", "INTERVIEWER", "MODERATOR", "ANCHOR", "PRESENTER", "REPORTER"}
)
# "... No more excuses. — Jane Roe (@handle), 4 March": a post's signature at its end.
_SIGNATURE = re.compile(
    r"(?:^|[.!?”»\"])\s*[—–]\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})[^.!?—–]{0,60}$"
)


@cache
def _adverbial() -> re.Pattern[str]:
    """An opening adverbial before a clause's subject ("On March 7, ", "Echoing X's plan, "):
    a word of `adverbial_openers` (actors.yml), up to a comma; a word of `sentence_adverbs`
    alone, comma or not ("However a DRC official, speaking on ..., told": the official)."""
    adverbs = "|".join(rule_list("actors", "sentence_adverbs"))
    openers = "|".join(rule_list("actors", "adverbial_openers"))
    return re.compile(
        rf"^\s*(?:(?:{adverbs})\b,?\s*|(?:{openers})\b[^,]{{0,120}},\s*)", re.IGNORECASE
    )


@cache
def _speech_words() -> str:
    """`speech_verbs` of `rules/cues.yml` as one case-insensitive alternation."""
    return "(?i:" + "|".join(f"(?:{v})" for v in rule_list("cues", "speech_verbs")) + ")"


@cache
def _speech() -> re.Pattern[str]:
    """A verb that reports speech ("said", "told", "tweeted")."""
    return re.compile(rf"\b{_speech_words()}\b")


@cache
def _trailing_speech() -> re.Pattern[str]:
    """ ", the minister said on Monday" at the end of a sentence: the words before the verb."""
    return re.compile(rf",\s+((?:[\w.’'-]+\s+){{1,5}}?){_speech_words()}\b[^,;“”\"]{{0,40}}$")


@cache
def _inverted_speech() -> re.Pattern[str]:
    """ ", said Foreign Minister X on Monday" at the end of a sentence: the words after the
    verb, without the time or place that may close them (after "told", "wrote" and the like
    come whom and where: ", told reporters")."""
    return re.compile(
        rf",\s+(?!(?:told|tells|asked|wrote|writes|posted|tweeted|put)\b){_speech_words()}\s+"
        r"(?!that\b|it\b|in\b|on\b)"
        rf"((?:[\w.’'-]+\s+){{0,7}}?[\w.’'-]+)"
        rf"(?:\s+(?:on|in|at|during|after|before|last|this|earlier|late|to|from)\b[^,;“”\"]{{0,40}})?"
        r"\s*[.!]?\s*$"
    )


@cache
def _inverted_titled() -> re.Pattern[str]:
    """ ", said Ko Min, a spokesman for the Delta Army, in a phone interview." at the end of
    a sentence: the name, whose apposition and time or place follow it."""
    return re.compile(
        rf",[”\"’]?\s+{_speech_words()}\s+((?-i:[A-Z])[\w.’'-]*(?:\s+(?-i:[A-Z])[\w.’'-]*){{0,3}}),\s+"
        r"(?:a|an|the)\s+[^,;“”\"]{3,80}?"
        r"(?:,\s+(?:in|on|at|during|after|before|to|from|speaking)\b[^,;“”\"]{0,60})?\s*[.!]?\s*$"
    )


@cache
def _report_tag() -> re.Pattern[str]:
    return re.compile(rf"(?:[\w.’'-]+\s+){{1,8}}?{_speech_words()}\b[^,;“”\"]{{0,40}}$")


def report_tag(text: str) -> re.Match[str] | None:
    """The whole of `text` when it is a report's tag: up to eight words, a speech verb, a few
    words more ("two people familiar with the talks said on Friday")."""
    return _report_tag().fullmatch(text.rstrip(" ."))


def without_report_tag(phrase: str) -> str:
    """`phrase` without a closing report tag (", officials said on Friday", ", two people
    familiar with the talks told Reuters"), with what the tag's source is then said to be
    (", the paper reported, citing an official"): who reports it is no part of what is put
    forward."""
    comma = phrase.rfind(", ")
    if comma < 0:
        return phrase
    if report_tag(phrase[comma + 2 :]) is not None:
        return phrase[:comma]
    if _SOURCE_TAIL.match(phrase, comma + 2):
        before = phrase.rfind(", ", 0, comma)
        if before >= 0 and report_tag(phrase[before + 2 : comma]) is not None:
            return phrase[:before]
    return phrase


def without_inner_tag(phrase: str) -> str:
    """`phrase` without a report tag set between two commas inside it ("A, two people briefed
    on the call said, in return for B": "A, in return for B")."""
    return _inner_tag().sub(", ", phrase, count=1)


# ", citing a senior official", ", quoting diplomats": the source a report tag's outlet names
_SOURCE_TAIL = re.compile(r"(?:citing|quoting|according to)\b")


@cache
def _inner_tag() -> re.Pattern[str]:
    """ ", two people briefed on the call told Reuters, ": a report tag between two commas,
    its verb last or followed by whom it was told or when only (`inner_tag_verbs`,
    cues.yml: the plain verbs of a tag, not "continued", which is often an adjective)."""
    verbs = "|".join(rule_list("cues", "inner_tag_verbs"))
    return re.compile(
        r",\s+(?!(?:which|that|who|whom|what|as|if|when|where|while)\b)"
        rf"(?:[\w.’'-]+\s+){{1,8}}?\b(?:{verbs})\b"
        r"(?:\s+(?:on|this|last)\s+\w+|\s+(?:to\s+)?(?:the\s+)?(?-i:[A-Z])[\w.’'-]*"
        r"(?:\s+(?-i:[A-Z])[\w.’'-]*){0,3}|\s+(?:the\s+)?[a-z]+)?,\s+"
    )


@cache
def _apposition() -> re.Pattern[str]:
    """ ", deputy head of the Ukrainian delegation," after a name."""
    return re.compile(rf"\s*,\s+([^,;:]{{3,90}}?)(?:,|\.|$|\s+{_speech_words()}\b)")


_SPEAKER_LINE = re.compile(r"^\s*(?:\*\*)?([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})(?:\*\*)?\s*:\s")
# Compiled once: `re.match(r"...")` looks each pattern up in re's cache at every call.
_AGENT = re.compile(r"[^,;:.]{1,80}")
# What follows "backed by" and is no one: a thing, not a party ("support from X", "evidence")
_NO_AGENT = re.compile(
    r"\s*(?:(?:broad|strong|wide|growing|international|financial|military|popular)\s+)?"
    r"(?:support|funding|money|evidence|data|guarantees?|assurances?|pressure|threats?|force|"
    r"sanctions|law|legislation|consensus)\b",
    re.IGNORECASE,
)
_ING = re.compile(r"\w+ing\b")
_WORD_CHAR = re.compile(r"\w")
_FIRST_WORD = re.compile(r"[\w’']+")
_ACCORDING = re.compile(r"\baccording to\s+([^,]+),", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(rf"[;:]|,\s+(?:{_BUT_CLAUSE}|while|whereas|however|then)\b|\.\s")
_LEADING_CONJUNCTION = re.compile(r"^\s*(?:but|and|so|yet|or|then|now|thus)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who puts an item forward."""

    party: str
    """Canonical party, a name, a group ("first camp") or `author`."""
    mention: str
    """The words the text uses for them."""
    kind: str
    """The mention's kind: party, name, author, group, refer, pronoun, negative, report."""


AUTHOR = Attribution("author", "", "author")


@dataclass
class Discourse:
    """What the article has said so far: sentences, with the paragraph each stands in."""

    sentences: list[tuple[int, str]] = field(default_factory=list)
    """(paragraph number, sentence) in reading order."""
    speaker: Attribution | None = None
    """The interviewee, once an interview's answer line names one."""
    transcript: bool = False
    """True once a paragraph opened with a speaker label ("Q:", "VOSS:")."""
    turn: Attribution | None = None
    """In a transcript, who speaks in the current paragraph (None: the interviewer)."""
    voice: tuple[int, Attribution] | None = None
    """(paragraph, speaker) when a lead-in ("X wrote on Telegram:") hands a paragraph to X."""
    open_quote: Attribution | None = None
    """Who speaks in a quotation the paragraph before left open (the next one goes on with
    it when it opens with a quotation mark)."""
    _subjects: dict[int, Attribution | None] = field(default_factory=dict)
    _groups: dict[int, list[Mention]] = field(default_factory=dict)

    def add(self, paragraph: int, sentence: str) -> None:
        self.sentences.append((paragraph, sentence))

    def open_paragraph(self, paragraph: int, text: str) -> None:
        """Note who speaks in a transcript's paragraph: a label opens a turn, and a paragraph
        without one continues the turn before it."""
        line = _SPEAKER_LINE.match(text)
        if line:
            self.transcript = True
            self.turn = self._label_speaker(line.group(1), paragraph)
        elif not self.transcript:
            self.turn = None

    def _label_speaker(self, label: str, paragraph: int) -> Attribution | None:
        if label.upper() in _INTERVIEWER_LABELS:
            return None
        if label.upper() in ("A", "ANSWER"):
            return self.speaker or self.interviewee()
        index = len(self.sentences)
        found = _resolve(_Subject(label, _first(label)), label, self, index, paragraph)
        found = found if found is not None and found.kind != "author" else None
        # "VOSS:" is the Anna Voss the introduction named.
        found = found or self._named_before(label)
        if found is not None:
            self.speaker = found
        return found

    def _named_before(self, label: str) -> Attribution | None:
        words = set(label.lower().split())
        for _, sentence in self.sentences[:12]:
            for m in find_mentions(sentence):
                if m.kind == "name" and words <= set(m.text.lower().split()):
                    return affiliation(sentence[m.start :], _shift(m)) or Attribution(
                        m.party, m.text, m.kind
                    )
        return None

    def previous_subject(
        self, before: int, reach: int = 4, past_author: bool = False
    ) -> Attribution | None:
        """The subject of the latest sentence before number `before` that names one.

        Sentences that open with a pronoun ("They claim ...") are passed over: their subject is
        the one before them. With `past_author`, so are those whose subject is the author's
        "we" (inside a quotation, the speaker's own).
        """
        for i in range(before - 1, max(-1, before - 1 - reach), -1):
            if i not in self._subjects:
                self._subjects[i] = _plain_subject(self.sentences[i][1])
            found = self._subjects[i]
            if found is not None and past_author and found.party == "author":
                continue
            if found is not None:
                return found
        return None

    def previous_person(self, before: int, reach: int = 4) -> Attribution | None:
        """Whom "he" or "she" opening sentence number `before` points to: the speaker of the
        closing tag of a sentence before it ("..., President Ana Morel said"), else the
        subject of the latest sentence that has one, when that is a person (a name, or words
        with a title); None when it is a state or a body ("Iceland's envoy ...")."""
        for i in range(before - 1, max(-1, before - 1 - reach), -1):
            paragraph, sentence = self.sentences[i]
            speaker = _trailing_speaker(sentence, 0, self, i, paragraph) or _quote_tag_speaker(
                sentence
            )
            if speaker is not None and _personal(speaker):
                return speaker
            subject = _plain_subject(sentence) or self._surname(sentence, i)
            if subject is not None and subject.kind == "author":
                continue  # "“We are ready to A,” ... he said": the speaker's own "we"
            if subject is not None:
                return subject if _personal(subject) else None
        return None

    def _surname(self, sentence: str, at: int) -> Attribution | None:
        """A sentence opened by a lone surname ("Aliyev repeatedly voiced ..."): the person an
        earlier sentence names in full with it ("Azerbaijani President Ilham Aliyev")."""
        lone = _LONE_SURNAME.match(sentence)
        if lone is None:
            return None
        word = lone.group(1)
        for i in range(at - 1, max(-1, at - 13), -1):
            mentions = find_mentions(self.sentences[i][1])
            for j, m in enumerate(mentions):
                who = Attribution(m.party, m.text, m.kind)
                parts = m.text.split()
                # (a family name that comes first: "Kim" of "Kim Jong-un")
                if m.text != word and word in (parts[0], parts[-1]) and _personal(who):
                    title = mentions[j - 1] if j > 0 else None
                    if title is not None and title.kind == "party" and m.start - title.end <= 1:
                        # "the North Korean leader Kim Jong-un": the state his title names
                        return Attribution(title.party, f"{title.text} {m.text}", "party")
                    return who
        return None

    def interviewee(self) -> Attribution | None:
        """The person an interview's introduction names (who answers the "A:" lines): the one
        it spoke to, else the first it names."""
        for _, sentence in self.sentences[:5]:
            spoke = _SPOKE_TO.search(sentence)
            if spoke:
                # "X spoke to us": X; "We spoke to X" or "Paper Y spoke to X": X.
                rest = sentence[spoke.end() :]
                if _US.match(rest):
                    rest = sentence[: spoke.start()]
                for m in find_mentions(rest):
                    if m.kind in ("party", "name"):
                        return affiliation(rest, m) or Attribution(m.party, m.text, m.kind)
        for _, sentence in self.sentences[:5]:
            for m in find_mentions(sentence):
                if m.kind == "party":
                    return Attribution(m.party, m.text, m.kind)
                if m.kind == "name":
                    return affiliation(sentence[m.start :], _shift(m)) or Attribution(
                        m.party, m.text, m.kind
                    )
        return None

    def last_two_parties(self, before: int, reach: int = 3) -> Attribution | None:
        """ "the two countries": the last two parties the sentences before named, joined."""
        found: list[str] = []
        for i in range(before - 1, max(-1, before - 1 - reach), -1):
            sentence = self.sentences[i][1]
            named = [(m.start, m.party) for m in find_mentions(sentence) if m.kind == "party"]
            # "Norwegian and Icelandic ministers": an adjective that shares its noun
            named += [
                (w.start(), party)
                for w in _CAPITAL_WORD.finditer(sentence)
                if (party := adjective_party(w.group())) is not None
            ]
            for _, party in sorted(named, reverse=True):
                if party not in found and party != "author":
                    found.append(party)
                if len(found) == 2:
                    pair = f"{found[1]} and {found[0]}"
                    return Attribution(pair, pair, "group")
        return None

    def previous_group(self, before: int) -> Attribution | None:
        """The people the sentence before named ("Some Western diplomats argue A. Others ..."):
        "others" are others of the same kind."""
        if before == 0:
            return None
        subject = _clause_subject(self.sentences[before - 1][1])
        m = subject.mention
        if m is not None and m.kind == "refer" and m.start < 5:
            return _refer_phrase(subject.text, m) or _expert_phrase(subject.text, m)
        return None

    def named_body(self, before: int, prefix: str, reach: int = 3) -> Attribution | None:
        """The organisation a body named by its kind alone points to: the last one named in
        `prefix` (the sentence's words before the reference), else, in each of the `reach`
        sentences before number `before`, its subject when that is one, then the last one it
        names ("the MILF peace panel chair said the rebel group A": the MILF)."""
        found = _last_body(prefix)
        for i in range(before - 1, max(-1, before - 1 - reach), -1):
            if found is not None:
                break
            subject = _plain_subject(self.sentences[i][1])
            found = subject if subject is not None and _is_body(subject) else None
            found = found or _last_body(self.sentences[i][1])
        return found

    def nearest_group(self, before: int, paragraph: int) -> Attribution | None:
        """The latest named camp, school or side within reach ("the first camp")."""
        reach = _group_reach()
        for i in range(before - 1, -1, -1):
            number, sentence = self.sentences[i]
            if paragraph - number > reach:
                return None
            if i not in self._groups:
                self._groups[i] = find_groups(sentence)
            groups = self._groups[i]
            if groups:
                return Attribution(groups[-1].party, groups[-1].text, "group")
        return None


def _shift(m: Mention) -> Mention:
    """`m` with offsets relative to its own start."""
    return Mention(0, m.end - m.start, m.text, m.kind, m.party, m.possessive)


@cache
def _group_reach() -> int:
    groups = load_rules("actors").get("groups", {})
    reach = groups.get("reach", 3) if isinstance(groups, dict) else 3
    return reach if isinstance(reach, int) else 3


@cache
def _report_cut() -> re.Pattern[str]:
    """A reporting verb with no "that" after it ("The statement said the two sides had
    agreed ..."): the reported clause, and its own subject, start right after it."""
    verbs = "|".join(rule_list("actors", "report_cuts"))
    # "X said it ...": the pronoun is X; '..., said the memo' ends a quotation instead.
    return re.compile(
        rf"(?<=[a-z] )(?:{verbs})\s+(?!(?:that|it|they|he|she|we|i|you|this)\b)(?=\w)",
        re.IGNORECASE,
    )


_ACRONYM = re.compile(r"[A-Z]{2,6}")


@cache
def _body_anaphor() -> re.Pattern[str]:
    """A body named by its kind alone at the start of a subject: "the rebel group", "the
    guerrilla group’s" (`body_nouns`, with words of `body_modifiers` before; "the employers
    group" is a body of its own)."""
    nouns = "|".join(rule_list("actors", "body_nouns"))
    modifiers = "|".join(rule_list("actors", "body_modifiers"))
    return re.compile(
        rf"^\s*the\s+(?:(?:{modifiers})\s+){{0,2}}?(?:{nouns})(?:[’']s)?(?=[\s,])",
        re.IGNORECASE,
    )


def _is_body(who: Attribution) -> bool:
    """True for an organisation, no state or person: a gazetteer party of a group's or an
    organisation's kind, or a name with an organisation word ("Liberation Front") or an
    acronym ("MILF")."""
    if who.kind == "party":
        return party_kind(who.party) in ("group", "organisation")
    named = who.kind == "name" and who.mention[:1].isupper()  # not "the council"
    return named and (is_organisation(who.mention) or _ACRONYM.fullmatch(who.mention) is not None)


def _last_body(text: str) -> Attribution | None:
    for m in reversed(find_mentions(text)):
        who = Attribution(m.party, m.text, m.kind)
        if _is_body(who):
            return who
    return None


def body_reference(words: str) -> bool:
    """True for a body named by its kind alone ("group", "rebel group"): `body_nouns`."""
    return _body_anaphor().match(f"the {words} ") is not None


@cache
def _subject_then_verb() -> re.Pattern[str]:
    """A short subject and its verb (`subject_verbs`, actors.yml) opening a main clause."""
    return compile_alternation(
        "actors",
        "subject_verbs",
        r"\s*(?:(?:the|a|an)\s+)?(?:[\w’'.-]+\s+){{0,5}}?(?:{})\b",
    )


@cache
def _mandative_and() -> re.Pattern[str]:
    """A "that" clause after a verb of `mandative_verbs` (actors.yml), up to an "and" that
    ends the text looked at: "asked that Norland lift its curbs and "."""
    verbs = "|".join(rule_list("actors", "mandative_verbs"))
    return re.compile(rf"\b(?:{verbs})\s+that\b[^,;:“”\"]*\s+and\s+$", re.IGNORECASE)


@cache
def _past_verb() -> re.Pattern[str]:
    """A verb in the past tense (`past_verbs`, actors.yml) at the cue."""
    return re.compile(rf"(?:{'|'.join(rule_list('actors', 'past_verbs'))})\b", re.IGNORECASE)


@cache
def _proposal_nouns() -> str:
    """`proposal_nouns` (actors.yml) as one alternation."""
    return "|".join(re.escape(n) for n in rule_list("actors", "proposal_nouns"))


@cache
def _report_subject() -> re.Pattern[str]:
    nouns = "|".join(re.escape(n) for n in rule_list("actors", "report_nouns"))
    return re.compile(
        rf"^\s*(?:an?|the|one|another|this|that|a new|a recent|a joint)?\s*(?:[\w-]+\s+){{0,3}}?"
        rf"(?:{nouns})\s+(?:by|from|of|written by|published by|drafted by)\s+(?P<who>.+)$",
        re.IGNORECASE,
    )


@cache
def _proposal_subject() -> re.Pattern[str]:
    nouns = _proposal_nouns()
    return re.compile(
        rf"^\s*(?:the|this|that|one|another|a|an|their|its)\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})\b",
        re.IGNORECASE,
    )


@cache
def _owned_proposal() -> re.Pattern[str]:
    nouns = _proposal_nouns()
    return re.compile(
        rf"^\s*(?:the\s+)?(?P<owner>[\w-]+(?:\s+[\w-]+){{0,2}}?)[’']s?\s+"
        rf"(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b",
        re.IGNORECASE,
    )


def proposal_owner(sentence: str, ctx: Discourse, index: int, paragraph: int) -> Attribution | None:
    """Whose proposal the sentence opens with ("The management's proposal would A": the
    management), or None when it names no owner ("The proposal would A")."""
    owned = _owned_proposal().match(sentence)
    if owned is None:
        return None
    owner = _clause_subject(owned.group("owner") + " ")  # (a lone name ends as before a verb)
    if owner.text.lower() in ("his", "her", "its", "their", "our", "my"):
        return None
    return _resolve(owner, sentence, ctx, index, paragraph)


def presenter_of(noun: str, ctx: Discourse, index: int, reach: int = 3) -> Attribution | None:
    """Who put forward the proposal a sentence names by its kind alone ("The offer, which
    includes A"): the owner a sentence just before names with one of that kind ("rejected
    the Government's pay offer", "an offer from the company"; the sentence right before may
    use another proposal noun), else the subject of one that presents it ("The transit
    authority made a new offer on Friday": the authority), else None. Only a verb that puts a
    document forward counts (`presenting_verbs`), so a side that rejected or discussed the
    offer is not its owner."""
    stem = noun.lower().rstrip("s")
    pattern = _presented_noun(stem)
    for at in range(index - 1, max(-1, index - 1 - reach), -1):
        number, before = ctx.sentences[at]
        # (the sentence just before may name it by another word: "rejecting a contract offer
        # from the company. The deal would have A")
        for owned in (_owned_kind().search(before), _kind_from().search(before)):
            if owned is None:
                continue
            if owned.group("noun").lower().rstrip("s") != stem and at != index - 1:
                continue
            # "X rejected the Government's pay offer. The offer, which includes A": its owner's
            owner = _named_owner(owned.group("owner"), before, ctx, at, number)
            if owner is not None:
                return owner
        found = pattern.search(before)
        if found is None:
            continue
        who = subject_of(before, found.start(), ctx, at, number)
        if who is not None and who.kind in ("party", "name", "group"):
            return who
        return None
    return None


def proposal_from(
    text: str, sentence: str, ctx: Discourse, index: int, paragraph: int
) -> Attribution | None:
    """The owner `text` names right after a proposal noun ("The proposed package from the
    studios includes A": the studios), else None."""
    found = _kind_from().search(text)
    if found is None:
        return None
    return _named_owner(found.group("owner"), sentence, ctx, index, paragraph)


def _named_owner(
    words: str, sentence: str, ctx: Discourse, index: int, paragraph: int
) -> Attribution | None:
    """The party the words after "from" or before "'s" name ("AMPTP", "Boeing", "the
    company", "the Government"), else None."""
    words = words.strip()
    if is_initials(words) or lone_name(words):
        return Attribution(words, words, "name")
    owner = _resolve(_clause_subject(words + " "), sentence, ctx, index, paragraph)
    return owner if owner is not None and owner.kind in ("party", "name", "group") else None


def is_initials(word: str) -> bool:
    """True for an organisation's initials ("SBWU", "ILA", "PPTA"): a name, whatever words
    surround it."""
    return _ACRONYM.fullmatch(word) is not None


def proposal_kind(text: str) -> str | None:
    """The proposal noun a sentence opens with when it names the proposal by its kind alone
    ("The offer, which includes A", "Proposals range from A": offer, Proposals), else None."""
    found = _kind_alone().match(text)
    return found.group(1) if found else None


@cache
def _kind_alone() -> re.Pattern[str]:
    nouns = _proposal_nouns()
    return re.compile(
        rf"^\W*(?:(?:the|this|that|a|an|its|their)\s+)?(?:(?!(?:{nouns})\b)[\w-]+\s+){{0,3}}?"
        rf"({nouns})\b(?![’'])",
        re.IGNORECASE,
    )


@cache
def _kind_from() -> re.Pattern[str]:
    """ "a tentative contract offer from the company": a proposal noun, then whom it is from."""
    nouns = _proposal_nouns()
    return re.compile(
        rf"\b(?P<noun>{nouns})\s+(?:from|by)\s+(?P<owner>(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){{0,2}}?)"
        r"(?=[,.;:]|\s+(?:to|for|on|in|that|which|and|but|includes?|included|would|will|is|was)\b|$)",
        re.IGNORECASE,
    )


@cache
def _owned_kind() -> re.Pattern[str]:
    """ "the Government's pay offer", "Chile's revised plans", "the union's offer": a
    capitalised owner of up to four words or one word after "the", up to two words, then a
    proposal noun (`proposal_nouns`)."""
    nouns = _proposal_nouns()
    return re.compile(
        r"(?P<owner>(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*){0,3}|(?<=\bthe )[a-z][\w-]*)[’']s?\s+"
        rf"(?:[\w-]+\s+){{0,2}}?(?P<noun>{nouns})\b",
        re.IGNORECASE,
    )


@cache
def _presented_noun(stem: str) -> re.Pattern[str]:
    """ "made a new offer", "tabled its revised plans": a presenting verb, up to three words,
    then the noun (singular or plural); or the one it was presented to between ("presented
    the Speaker, Ana Morel, with a proposal")."""
    return compile_alternation(
        "actors",
        "presenting_verbs",
        r"\b(?:{0})\s+(?:[\w.,’'-]+\s+){{1,6}}?with\s+(?:[\w-]+\s+){{0,3}}?"
        + re.escape(stem)
        + r"s?\b|\b(?:{0})\s+(?:[\w-]+\s+){{0,3}}?"
        + re.escape(stem)
        + r"s?\b",
    )


def subject_of(
    sentence: str, offset: int, ctx: Discourse, index: int, paragraph: int, after: bool = False
) -> Attribution | None:
    """The party of the clause in which `offset` stands: its subject, resolved.

    With `after`, the party named right after `offset` (the agent after "floated by").
    """
    if after:
        agent = _AGENT.match(sentence, offset)
        if agent is None or _NO_AGENT.match(agent.group()):
            return None  # "backed by support from the Arab world": no one's proposal
        return _resolve(_clause_subject(agent.group()), sentence, ctx, index, paragraph)
    # "The rebel leader X – along with bishops and students – has been urging A": an aside
    # between a pair of dashes names no subject (blanked, so offsets stay as they are)
    before = DASH_ASIDE.sub(lambda m: " " * len(m.group()), sentence[:offset])
    participle = _ING.match(sentence, offset) is not None
    agents = _AGENT_PEOPLE.search(before) if participle else None
    if agents is not None and agents.group(1).lower() in _people_nouns():
        # "a strike called by six unions demanding A", "thousands of workers demanding A":
        # the people the participle follows
        return Attribution(agents.group(1), agents.group(1), "name")
    if participle and _SUBORDINATOR.fullmatch(before):
        # "While advocating A, no one proposes B": the subject follows the participle clause,
        # at the first comma after which a short subject and its verb come ("Arguing for A
        # between the two powers, Chile and Peru, Morel said": Morel)
        commas = [m.start() for m in re.finditer(",", sentence[offset:])]
        comma = next(
            (offset + c for c in commas if _subject_then_verb().match(sentence, offset + c + 1)),
            sentence.find(",", offset),
        )
        if comma != -1:
            found = _resolve(
                _clause_subject(sentence[comma + 1 :]), sentence, ctx, index, paragraph
            )
            if found is not None:
                return found
    inverted = _INVERTED_COPULA.search(before) if participle else None
    people = _people(inverted.group(1)) if inverted else None
    if people is not None:
        # "On one side are countries and experts calling for A": the people after the copula
        return Attribution(people, people, "name")
    absolute = _WITH_SUBJECT.search(before) if participle else None
    if absolute is not None:
        # "..., with the guild calling on the studios to A": the guild
        found = _resolve(_clause_subject(absolute.group(1)), sentence, ctx, index, paragraph)
        if found is not None:
            return found
    tag = _ENDS_WITH_TAG.search(before) if participle else None
    opening = max(before.rfind("“", 0, tag.start()), 0) if tag else 0
    tagged = _speaker(before, (opening, tag.start() + 1), ctx, index, paragraph) if tag else None
    if tagged is not None:
        # '"A," the official said, adding that B': the one the quotation's tag names
        return tagged
    if participle and before.rstrip().endswith(","):
        # "X has identified a plan, calling for A": the main clause's subject; of the last
        # main clause when a "but" or a semicolon joins two ("Russia has offered A, but the
        # White House has not agreed, calling for B": the White House)
        joined = list(_MAIN_CLAUSE_JOIN.finditer(before))
        if joined:
            last = _resolve(
                _clause_subject(before[joined[-1].end() :]), sentence, ctx, index, paragraph
            )
            if last is not None:
                return last
        return _resolve(_clause_subject(before), sentence, ctx, index, paragraph)
    if _report_subject().search(before):
        report = _report_subject().match(_clause_subject(before).text)
        names = _names(report.group("who")) if report else None
        if names:
            return names
    shared = _mandative_and().search(before)
    if shared is not None and _past_verb().match(sentence, offset):
        # "The ministry asked that Norland lift A and gave Orvel until May to B": the verb
        # after "and" shares the main clause's subject, not the "that" clause's
        before = before[: shared.start()]
    relative = _WHO_AT_END.search(before)
    head = _PLACE_TAIL.sub("", before[: relative.start()]) if relative else ""
    named = [m for m in find_mentions(head) if m.kind in ("party", "name")] if head else []
    if named and named[-1].end == len(head) and not named[-1].possessive:
        # "talks with the UN's Antonio Guterres in Geneva, who had urged A": the one named
        # right before "who" (past a place)
        return Attribution(named[-1].party, named[-1].text, named[-1].kind)
    they = _THEY_AFTER.search(before)
    plural = _side_plural_before(before[: they.start()]) if they else ""
    if plural:
        # "The offer was not what farmers had expected, as they had wanted A": "they" are the
        # side named by its plural noun before, not the clause's subject (the offer)
        return Attribution(plural, plural, "name")
    for region in _regions(before):
        subject = _clause_subject(region)
        if _vague().match(subject.text):
            return None  # "each side wants ...": nobody in particular, and no one further back
        found = _resolve(subject, sentence, ctx, index, paragraph)
        if found is not None:
            return found
    return None


# '," the official said, ': a quotation's tag right before a participle
_ENDS_WITH_TAG = re.compile(r"[”\"]\s+[^”\"]{1,60},\s*$")
# "On one side are countries and experts ": a subject after its copula, before a participle
_INVERTED_COPULA = re.compile(
    r"^\s*(?:on|among|in)\b[^,]{3,40}?\b(?:are|were)\s+((?:[\w’'-]+\s+){1,5})$", re.I
)
# Two main clauses joined: ", but ", "; "
_MAIN_CLAUSE_JOIN = re.compile(r",\s+but\s+|;\s+")


# "by six unions ", "of workers ": people after "by", "of" or "from" (up to two words between)
# right before a participle
_AGENT_PEOPLE = re.compile(r"\b(?:by|of|from)\s+(?:[\w-]+\s+){0,2}?([a-z]+s)\s+$")


def main_subject(sentence: str, ctx: Discourse, index: int, paragraph: int) -> Attribution | None:
    """The party of a sentence's main clause: the first clause, read from the start, whose
    subject names someone ("NEW YORK – On March 7, Russia stated three aims: A, B" -> Russia,
    not a place named in the list)."""
    text = _DATELINE.sub("", sentence, count=1)
    starts = [0, *(m.end() for m in _CLAUSE_MARK.finditer(text))]
    for start in starts:
        found = _resolve(_clause_subject(text[start:]), text, ctx, index, paragraph)
        if found is not None:
            return found
    return None


# A dateline that opens a report: "NEW YORK – ", "KYIV, Ukraine (AP) — ".
# (an en or em dash may touch both words: "YEREVAN—Azerbaijan has ...")
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w .]+)?(?:\s*\([A-Z][A-Za-z]+\))?(?:\s+[–—-]+\s+|\s*[–—]\s*)"
)


def _regions(before: str) -> list[str]:
    """The text of the cue's clause before it, then wider spans back to the sentence start."""
    # (a dash inside brackets starts no clause: "the Revolutionary Armed Forces (FARC—its
    # Spanish initials) and the government")
    cuts = sorted(
        {m.end() for m in _CLAUSE_MARK.finditer(before) if not _in_brackets(before, m.start())}
        | {m.end() for m in _report_cut().finditer(before)}
    )
    regions = [before[c:] for c in reversed(cuts)]
    regions.append(before)
    return regions


def _in_brackets(text: str, at: int) -> bool:
    """True when `at` stands inside a pair of round brackets opened before it."""
    return text.count("(", 0, at) > text.count(")", 0, at)


@dataclass(frozen=True, slots=True)
class _Subject:
    """The first words of a clause that can name who acts."""

    text: str
    mention: Mention | None
    fronted: str = ""
    """The leading adverbials skipped before it ("In Washington, meanwhile,")."""


def _clause_subject(region: str) -> _Subject:
    text = region
    for _ in range(3):
        # (and a participle phrase: "In Sunday's statement, released by its spokesman Amos
        # Lado, the Front said ...": the Front)
        stripped = _past_place(_adverbial().sub("", text, count=1), text)
        stripped = _PARTICIPLE_BY.sub("", stripped, count=1) if stripped == text else stripped
        if stripped == text or not _WORD_CHAR.search(stripped):
            break
        text = stripped
    fronted = region[: len(region) - len(text)]
    text = _CONJUNCTION.sub("", _DATELINE.sub("", text.lstrip(' ,“"(«'), count=1))
    text = _CONDITION_OPENER.sub("", text)  # "If people don't want A": people, not "If people"
    text = _WHAT.sub("", text)  # "What the teachers want is A": the teachers
    # "Ministers meeting in Lisbon have pushed ...": the ministers, not the venue
    text = _VENUE_AFTER_SUBJECT.sub("", text)
    return _Subject(text, first_mention(text), fronted)


# A participle phrase after a subject that names where it meets ("meeting in Lisbon",
# "gathered this week in Abu Dhabi"): the place is a venue, no party.
_VENUE_AFTER_SUBJECT = re.compile(
    r"(?<=\w)\s+(?:meeting|gathered|gathering|assembled|convened|convening)\s+"
    r"(?:(?:this|last|on|earlier)\s+\w+\s+)?(?:in|at)\s+(?:the\s+)?[A-Z][\w’'-]*"
    r"(?:\s+[A-Z][\w’'-]*){0,2}(?:,\s+[A-Z][\w’'-]*)?(?=\s|$)"
)


def _resolve(
    subject: _Subject, sentence: str, ctx: Discourse, index: int, paragraph: int
) -> Attribution | None:
    text = subject.text
    if not text.strip():
        return None
    issued = _issued_document().match(text) if subject.mention is None else None
    if issued is not None:
        # "The statement said A": the side that a sentence before names with its statement
        # ("In Sunday's statement, the Front said ..."), else the side named just before
        noun = issued.group(1).lower()
        for at in range(index - 1, max(-1, index - 8), -1):
            number, before = ctx.sentences[at]
            low = before.lower()
            if noun in low and f"the {noun} said" not in low and f"the {noun} says" not in low:
                issuer = main_subject(before, ctx, at, number)
                if issuer is not None and issuer.kind in ("party", "name", "group"):
                    return issuer
        earlier = ctx.previous_subject(index) if index > 0 else None
        if earlier is not None and earlier.kind in ("party", "name", "group"):
            return earlier
    report = _report_subject().match(text)
    if report:
        names = _names(report.group("who"))
        if names:
            return names
        # "a statement from the management": whoever the document is from
        return _resolve(_clause_subject(report.group("who")), sentence, ctx, index, paragraph)
    first = _FIRST_WORD.match(text)
    first_word = first.group() if first else ""
    if negative_subject(text):
        return ctx.nearest_group(index, paragraph)
    if _THE_TWO.match(text):
        # "the two countries had agreed on A": the two parties named just before
        pair = ctx.last_two_parties(index + 1)
        if pair is not None:
            return pair
    m = subject.mention
    aside = _LONE_BEFORE_ASIDE.match(text) if m is not None and m.start > 0 else None
    if aside is not None and m is not None and m.start < aside.end():
        # "Montefiore, whose department is the busiest in the United States, said": the name
        # the aside is about, not a name inside it
        aside_name = lone_name(aside.group(1))
        if aside_name is not None:
            return Attribution(aside_name, aside_name, "name")
    if m is None or m.start > 0:
        # "Morel had been willing to dismantle the Yongbyon complex": the lone name before its
        # auxiliaries is the subject, not a name inside the object
        lone = _lone_subject().match(text)
        fits = lone is not None and (m is None or lone.end() <= m.start)
        name = lone_name(lone.group(1)) if lone is not None and fits else None
        if name is not None:
            # (the person a sentence before names in full, when one does)
            return ctx._surname(text.lstrip(), index) or Attribution(name, name, "name")
    if m is not None and m.start > 0:
        # "But doctors argue that the med school quota would A": the people before the verb,
        # not a name in what they say
        people_first = _people_subject(text[: m.start])
        if people_first is not None:
            return Attribution(people_first, people_first, "name")
    if is_pronoun(first_word) and (m is None or m.start > 0):
        return _resolve_pronoun(sentence, text, ctx, index, paragraph)
    body = _body_anaphor().match(text)
    if body is not None and (m is None or m.start >= body.end()):
        # "... the rebel group proposed A": the organisation named last before it
        start = sentence.find(text)
        named = ctx.named_body(index, sentence[: max(start, 0)])
        if named is not None:
            return named
    document = _document_subject(text, m)
    if document is not None:
        return document
    if _proposal_subject().match(text) and (m is None or m.start > len(first_word) + 40):
        return ctx.nearest_group(index, paragraph) or ctx.previous_subject(index)
    if _vague().match(text):
        return None  # "each side wants ...": nobody in particular
    expert = _expert_phrase(text, m)
    if expert is not None:
        return expert
    if m is not None and m.kind in ("party", "name") and "," in text[: m.start]:
        # "A bloc of least-developed nations, mostly from Africa, are asking": the bloc
        lead = _NOUN_PHRASE_START.sub("", text[: m.start].split(",", 1)[0]).strip()
        words = lead.split()
        if words and len(words) <= 6 and words[-1].lower() in _party_nouns():
            return Attribution(lead, lead, "name")
    if m is None or m.start > 40:
        place = _fronted_party(subject)
        if place is not None:
            return place
    if m is None:
        titled = _titled_before(text, sentence, ctx, index)
        if titled is not None:
            return titled
        # "Okafor demanded ...": the region ends where the cue's verb begins, right after
        # the word (a label, "Pay: ...", is followed by no word)
        bare = _auxiliary_end().sub(" ", text) if text[-1:].isspace() else ""
        name = lone_name(bare) if bare else None
        if name is None and bare and is_initials(bare.strip()):
            name = bare.strip()  # "SBWU requests A": an organisation's initials
        if name is None and bare:
            # "Okafor tabled a proposal ...": a noun cue after its verb and article
            verb = _presenting_end().search(bare)
            name = (
                lone_name(_auxiliary_end().sub(" ", bare[: verb.start()] + " ")) if verb else None
            )
        if name is not None:
            return Attribution(name, name, "name")
        people = _people(text)
        return Attribution(people, people, "name") if people else None
    if m.kind == "refer":
        named = _refer_phrase(text, m)
        if named is not None:
            return named
        group = ctx.nearest_group(index, paragraph) or ctx.previous_group(index)
        return group or Attribution(m.text.lower(), m.text, "refer")
    if m.kind == "name":
        return affiliation(text, m) or Attribution(m.party, m.text, m.kind)
    opposing = _opposing_group().match(text, m.end) if m.possessive else None
    if opposing is not None:
        # "Yemen's Houthi rebels proposed A": the rebels, no voice of the state
        return Attribution(opposing.group(1), opposing.group(1), "name")
    return Attribution(m.party, m.text, m.kind)


@cache
def _opposing_group() -> re.Pattern[str]:
    """A group that fights or opposes the state whose possessive precedes it, with the names
    before its noun (`opposing_groups`)."""
    return compile_alternation(
        "actors", "opposing_groups", r"\s*((?:(?-i:[A-Z])[\w’'-]*\s+){{0,3}}?(?:{}))\b"
    )


def _document_subject(text: str, m: Mention | None) -> Attribution | None:
    """A named document as a clause's subject ("the first Minsk agreement", "the summit's
    final communique", "a memorandum on 19 September"): the document puts its terms forward
    itself. Only one marked as a particular document (a name, a number, or a word such as
    "final", "joint", "leaked"), and none a party owns ("Moscow's plan" is Russia's)."""
    d = _DOCUMENT.match(text)
    if d is None or (m is not None and m.kind == "party" and m.start < d.end()):
        return None
    phrase = d.group("doc").strip(" ,")
    if not _PARTICULAR.search(phrase):
        return None
    return Attribution(phrase, phrase, "group")


# A particular document: up to four words, then a document noun ("first Minsk agreement",
# "memorandum on 19 September").
_DOCUMENT_PHRASE = (
    r"\s+(?P<doc>(?:[\w’'‘()-]+\s+){0,4}?"
    r"(?:agreement|memorandum|communiqu[eé]|declaration|resolution|formula|accord|treaty|"
    r"draft|document|roadmap|road map|charter|protocol)(?:\s+(?:on|of)\s+\d[\w ]{0,20}?)?)"
    r"(?=\s|,|$)"
)
_DOCUMENT = re.compile(r"\s*(?:the|a|an|this|that)" + _DOCUMENT_PHRASE, re.IGNORECASE)
_DOCUMENT_ANY = re.compile(r"\b(?:the|a|an)" + _DOCUMENT_PHRASE, re.IGNORECASE)
_PARTICULAR = re.compile(r"\b(?:[A-Z][\w-]*|\d+\w*|final|joint|leaked|summit’s|summit's|summit)\b")


def _fronted_party(subject: _Subject) -> Attribution | None:
    """ "In Washington, meanwhile, a senior official floated A": an official named by no party
    speaks for the place the sentence opened with."""
    if not subject.fronted or not _official_noun(subject.text):
        return None
    for m in find_mentions(subject.fronted):
        if m.kind == "party":
            return Attribution(m.party, m.text, "party")
    return None


def _official_noun(text: str) -> bool:
    """True when a subject's first words name officials ("a senior official", "two envoys")."""
    words = [w.lower().strip(",.;:") for w in text.split()[:4]]
    return any(w in _official_words() for w in words)


@cache
def _official_words() -> frozenset[str]:
    singular = [w for w in rule_list("actors", "titles") if len(w) > 4]
    return frozenset(w.lower() for w in singular) | frozenset(w.lower() + "s" for w in singular)


def _refer_phrase(text: str, m: Mention) -> Attribution | None:
    """Who a reference word names when the words after it say so: "Advocates of a deal, among
    them X, argue", "Some Western diplomats argue", "Some officials in Berlin have floated"."""
    rest = text[m.end :]
    among = _AMONG.match(rest)
    if among:
        names = _names(among.group(1))
        if names is not None:
            return names
    if m.text.lower() not in _QUANTIFIERS:
        return None
    following = _NEXT_WORDS.match(rest)
    if not following:
        return None
    people = _people(following.group())
    if people is not None and not find_parties(following.group()):
        return Attribution(f"{m.text.lower()} {people}", f"{m.text} {people}", "name")
    for found in find_mentions(following.group()):
        if found.kind == "party":
            return Attribution(found.party, f"{m.text} {following.group().strip()}", "party")
        if found.kind == "name":
            return affiliation(following.group(), found) or Attribution(
                found.party, found.text, "name"
            )
    return None


_BARE_TITLE = re.compile(r"\s*the\s+((?:[a-z’']+\s+){0,2}[a-z]+)\s*$", re.IGNORECASE)
_SIDE_OFFICER = re.compile(r"([a-z]+)(?:'s|’s|s'|s’)\s+[a-z]+$", re.IGNORECASE)


def _titled_before(text: str, sentence: str, ctx: Discourse, index: int) -> Attribution | None:
    """ "the minister", "the prime minister" alone: the person last named with that title
    ("Serbian Foreign Minister Marko Djuric ... , the minister said"), in this sentence
    before it or in the sentences before; the title itself when no one was."""
    bare = _BARE_TITLE.match(_auxiliary_end().sub(" ", text))
    if bare is None:
        return None
    words = bare.group(1).lower().split()
    if words[-1] not in _title_words() or len(words[-1]) < 5 or not bare.group(1).islower():
        return None  # ("the rebel leader" is a title too; "the Kremlin" is no title)
    owner = _SIDE_OFFICER.match(bare.group(1))
    side = side_noun(owner.group(1)) if owner is not None else None
    if side is not None:
        return Attribution(side, bare.group(1), "name")  # "the union's chair": the union
    head = words[-1]
    here = sentence.find(text.strip())
    earlier = [sentence[: max(here, 0)]] + [s for _, s in reversed(ctx.sentences[:index])]
    for region in earlier[:8]:
        for m in reversed(find_mentions(region)):
            if m.kind in ("party", "name") and head in m.text.lower().split():
                if m.kind == "name":
                    return affiliation(region, m) or Attribution(m.party, m.text, m.kind)
                return Attribution(m.party, m.text, m.kind)
    # no one named with it: the title itself, as the text gives it
    title = bare.group(1)
    return Attribution(title, title, "name")


def _people(text: str) -> str | None:
    """The words of a short noun phrase naming people or bodies at the start of `text`
    ("Several euro-area finance ministries"), when it ends in a title or an expert noun."""
    words = _NOUN_PHRASE_START.sub("", text).split()
    for i, word in enumerate(words[:6]):
        bare = word.strip(",.;:").lower()
        if i and bare.endswith("ed") and len(bare) > 4 and words[i + 1 : i + 2] in _ARTICLE_NEXT:
            # "The transport minister invited the pilots ...": a verb and its object; the
            # subject is the words before it, when they end in a title
            last = words[i - 1].strip(",.;:").lower()
            return " ".join(words[:i]) if last in _title_words() else None
        if bare in _process_nouns():
            # "wage talks with the nurses will only go ahead if A": the talks, no one's side
            return None
        if bare in _people_nouns():
            found = [w.strip(",.;:") for w in words[: i + 1]]
            if found[0].lower() in _openers():
                # "At Thursday's meeting the employers tabled A": an adverbial before the
                # subject, its comma lost; the subject starts at its article
                article = max((j for j, w in enumerate(found) if w.lower() in _ARTICLES), default=0)
                found = found[article + 1 :] if article else found
            return " ".join(found)
        if word.endswith((",", ";", ":")):
            return None
    # "The shipowners still want A": a short phrase whose last word names people by what they
    # do ("-ers", "-ists", "fishermen"), right before the verb, though no list knows the word
    bare_words = [w for w in words if w.lower() not in _auxiliaries()]
    last = bare_words[-1].lower() if bare_words else ""
    doers = agentive().search(last) is not None and not last.endswith("ments")
    # (up to seven words when they are modifiers alone: "Video game voice and motion capture
    # performers", not "the talks with the workers")
    modifiers = len(bare_words) <= 7 and not any(
        w.lower() in _modifier_stops() or w.lower().endswith("ed") or not w.isalpha()
        for w in bare_words[:-1]
    )
    if (len(bare_words) <= 3 or modifiers) and doers and last.isalpha():
        return " ".join(bare_words)
    return None


@cache
def _modifier_stops() -> frozenset[str]:
    return frozenset(w.lower() for w in rule_list("actors", "modifier_stops"))


_ARTICLES = frozenset(("the", "a", "an"))

_ARTICLE_NEXT = (["the"], ["a"], ["an"], ["its"], ["their"])


@cache
def _auxiliary_end() -> re.Pattern[str]:
    """ "Stellantis has offered", "Okafor will also demand": the auxiliaries before a verb."""
    words = _auxiliary_alternation()
    return re.compile(rf"\s+(?:(?:{words})\s+)+$")


def _people_subject(text: str) -> str | None:
    """The plural noun phrase naming people that opens `text` as the subject of a verb
    ("doctors argue", "the striking pilots have said"), else None."""
    found = _plural_subject().match(text)
    if found is None:
        return None
    words = found.group(1)
    last = words.split()[-1].lower()
    people = _people(words) is not None or last in _people_nouns()
    return words if people or agentive().search(last) is not None else None


@cache
def _plural_subject() -> re.Pattern[str]:
    aux = _auxiliary_alternation()
    verbs = "|".join(rule_list("actors", "subject_verbs"))
    return re.compile(
        rf"^\W*(?:(?:but|and|yet|so)\s+)?(?:the\s+)?"
        rf"((?:(?!(?:of|among|from|in|at|with|for|on|by)\b)[a-z][\w-]*\s+){{0,2}}?[a-z][\w-]*s)"
        rf"\s+(?:(?:{aux})\s+)*(?:{verbs})\b",
        re.IGNORECASE,
    )


@cache
def _lone_subject() -> re.Pattern[str]:
    """ "Morel had been ", "Okafor will ": one capitalised word, then auxiliaries."""
    words = _auxiliary_alternation()
    return re.compile(rf"\s*((?-i:[A-Z])[a-z]+(?:-[A-Z][a-z]+)?)\s+(?:(?:{words})\s+)+", re.I)


@cache
def _presenting_end() -> re.Pattern[str]:
    """ "Okafor tabled a ": a verb that puts a document forward and its article, at the end."""
    return compile_alternation(
        "actors", "presenting_verbs", r"\s+(?:{})\s+(?:a|an|the|its|his|her|their)\s+(?:new\s+)?$"
    )


@cache
def _auxiliary_alternation() -> str:
    """The auxiliaries as one alternation, the longest first."""
    return "|".join(sorted((re.escape(w) for w in _auxiliaries()), key=len, reverse=True))


@cache
def _auxiliaries() -> frozenset[str]:
    """Words between a subject and its verb ("The dockers have also demanded")."""
    return frozenset(w.lower() for w in rule_list("actors", "subject_auxiliaries"))


@cache
def _openers() -> frozenset[str]:
    """One-word adverbial openers ("At", "After"): before a subject whose comma is lost."""
    return frozenset(w.lower() for w in rule_list("actors", "adverbial_openers") if w.isalpha())


def negotiates(who: Attribution) -> bool:
    """True for a side of the talks that is no gazetteer state or body: a group or body the
    text names ("The union", "AOSIS", "the Like-Minded Developing Countries group"), whose
    call for something is a demand, as a state's is."""
    if who.kind not in ("party", "name", "group") or who.party == "author":
        return False
    if is_official(who.party) or (party_kind(who.party) == "group" and who.kind == "party"):
        return True
    words = who.party.replace("(", " ").replace(")", " ").split()
    if not words:
        return False
    titles = _title_words()
    if any(len(w) >= 2 and w.isupper() and w.isalpha() and w.lower() not in titles for w in words):
        return True  # an acronym names a body ("WGA", "UAW president"; not "MP", a title)
    return words[-1].lower() in _party_nouns()


@cache
def _process_nouns() -> frozenset[str]:
    """Nouns of the talks themselves (`process_nouns`): a subject headed by one names no side."""
    return frozenset(n.lower() for n in rule_list("actors", "process_nouns"))


@cache
def _party_nouns() -> frozenset[str]:
    """Nouns of the sides of talks; a mediator, though a party, proposes rather than demands."""
    mediators = {n.lower() for n in rule_list("actors", "mediator_nouns")}
    return frozenset(n.lower() for n in rule_list("actors", "party_nouns")) - mediators


@cache
def _people_nouns() -> frozenset[str]:
    nouns = [*rule_list("actors", "expert_nouns"), *rule_list("actors", "titles")]
    plural = {n if n.endswith("s") else n + "s" for n in nouns}
    parties = {n.lower() for n in rule_list("actors", "party_nouns")}
    return frozenset(n.lower() for n in plural if len(n) > 4) | {"ministries"} | parties


def _expert_phrase(text: str, m: Mention | None) -> Attribution | None:
    """ "A group of former regulators from Finland": people who speak for no party keep
    their own words as the party, whatever party word follows them."""
    head = text[: m.start] if m is not None and m.kind != "refer" else text
    found = next(_experts().finditer(head[:120]), None)
    if found is None:
        return None
    institution = m is not None and m.kind == "name" and is_organisation(m.text)
    if m is not None and institution and _AT.fullmatch(text[found[1] : m.start]):
        # "Analysts at the X Institute": the institute speaks.
        return Attribution(m.party, m.text, "name")
    words = _NOUN_PHRASE_START.sub("", text[: found[1]]).strip(" ,")
    if not words or len(words.split()) > 6:
        return None
    if any(w.lower() in _auxiliaries() for w in words.split()):
        return None  # "The militia has handed mediators A": the experts are an object
    return Attribution(words, words, "name")


_AT = re.compile(r"\s+(?:at|of|from|with)\s+(?:the\s+)?", re.IGNORECASE)
_AMONG = re.compile(
    r"^[^,;:]{0,60}?,\s*(?:among them|including|such as|notably|led by)\s+([^,;:]+)", re.I
)
_QUANTIFIERS = frozenset({"some", "many", "several", "most", "few"})
_NEXT_WORDS = re.compile(r"^(?:\s+[\w’'-]+){1,5}")
_NOUN_PHRASE_START = re.compile(
    r"^\s*(?:(?:a|an|the|one)\s+)?(?:(?:group|number|handful|couple|panel|team)\s+of\s+)?",
    re.IGNORECASE,
)


@cache
def _experts() -> PhraseSet:
    return phrase_set(rule_list("actors", "expert_nouns"))


@cache
def _vague() -> re.Pattern[str]:
    words = "|".join(rule_list("actors", "vague_subjects"))
    return re.compile(rf"^\s*(?:{words})\b", re.IGNORECASE)


def affiliation(text: str, m: Mention) -> Attribution | None:
    """The party a named person speaks for, from an apposition after the name ("X, deputy
    head of the Ukrainian delegation, ..."); None for former officials and unaffiliated names.
    """
    if m.start > 0 and m.text.split(" ", 1)[0].lower() in _title_words():
        # "Iran's Foreign Minister X": the office of the party whose possessive precedes it
        owner = _POSSESSIVE_BEFORE.search(text, max(0, m.start - 40), m.start)
        party = resolve_party(owner.group(1)) if owner else None
        if party is not None:
            return Attribution(party, m.text, "party")
    if m.start > 0:
        # "Iceland's foreign minister, Sigrun Olafsdottir, said": the office before the name
        office = _OFFICE_BEFORE.search(text, max(0, m.start - 80), m.start)
        party = resolve_party(office.group(1)) if office else None
        if office is not None and party is not None and office.group(2).lower() in _title_words():
            return Attribution(party, m.text, "party")
    after = _apposition().match(text[m.end :])
    if not after or _FORMER.search(after.group(1)) or _RELATIVE_CLAUSE.match(after.group(1)):
        return None  # ", who advised the Dutch government,": no office of that party
    for found in find_mentions(after.group(1)):
        if found.kind == "party":
            return Attribution(found.party, m.text, "party")
    side = _SIDE_OFFICE.match(after.group(1))
    if side is not None and side_noun(side.group(2)) is not None:
        # "Ana Ruiz, the union's spokeswoman", "X, chief negotiator for the dockers' union"
        named = f"{side.group(1) or ''}{side.group(2)}".strip()
        return Attribution(named, m.text, "name")
    return None


# An apposition naming a side's office: "the union's spokeswoman", "the nurses' union's chief
# negotiator", "chief negotiator for the dockers' union"
_SIDE_OFFICE = re.compile(
    r"\s*(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,3}?(?:(?:of|for)\s+)?the\s+"
    r"((?:[\w-]+(?:'|’)?\s+)?)([a-z]+)(?:'s|’s|s'|s’)?(?:\s+[a-z-]+){0,3}\s*$"
)


_OFFICE_BEFORE = re.compile(
    r"([A-Z][\w.-]*(?: [A-Z][\w.-]*)?)(?:'s|’s)\s+(?:[a-z-]+\s+){0,3}?([a-z]+),\s+$"
)
_POSSESSIVE_BEFORE = re.compile(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*)?)(?:'s|’s)\s+$")


@cache
def _title_words() -> frozenset[str]:
    return frozenset(w.lower() for w in rule_list("actors", "titles"))


def _resolve_pronoun(
    sentence: str, region: str, ctx: Discourse, index: int, paragraph: int
) -> Attribution | None:
    # A pronoun after an earlier mention in the same sentence points to it ("Kyiv says it ...").
    start = sentence.find(region)
    before_pronoun = sentence[: max(start, 0)]
    # (not a possessive: "Echoing X's plan, it called for ...": "it" is no X; nor a name
    # inside a relative aside)
    earlier = [
        m
        for m in find_mentions(_RELATIVE_ASIDE.sub(lambda a: " " * len(a.group()), before_pronoun))
        if m.kind in ("party", "name") and not m.possessive
    ]
    if len(earlier) > 1:
        # "The Serbian official said that Hamas has indicated that it is ready to A": the
        # subject of the "that" clause just before the pronoun (not the one told: "Putin told
        # Macron that he ...")
        last = earlier[-1]
        if _VERB_THAT.fullmatch(sentence, last.end, start) and not _told_end().search(
            sentence, 0, last.start
        ):
            return Attribution(last.party, last.text, last.kind)
    if earlier:
        return Attribution(earlier[0].party, earlier[0].text, earlier[0].kind)
    if start > 0:
        # "The rebel delegation declared that they would A": the one who declared it
        verb = is_reporting(sentence[:start])
        if verb is not None and _THAT_ONLY.fullmatch(sentence, verb.end(), start):
            reporter = subject_of(sentence, verb.start(), ctx, index, paragraph)
            if reporter is not None and reporter.kind not in ("pronoun", "author"):
                return reporter
    lead = _SUBORDINATE_SUBJECT.match(sentence, 0, max(start, 0))
    if lead is not None and lead.group("head").lower() in _party_nouns():
        # "Although developed countries did not name a figure, they proposed A"
        group = lead.group("np")
        return Attribution(group, group, "name")
    if _IT.match(region) and index > 0:
        # "... the first Minsk agreement was signed. It called for A": the document named in
        # the sentence before
        document = _document_in(ctx.sentences[index - 1][1])
        if document is not None:
            return document
    if _HE_OR_SHE.match(region):
        # "Morel repeatedly voiced such demands. She said A": a person, not the state or the
        # body a sentence before has as its subject
        person = ctx.previous_person(index)
        if person is not None:
            return person
    return ctx.previous_subject(index)


# ", who had ", ", who ": a relative clause whose verb is the cue
_WHO_AT_END = re.compile(
    r",\s+who\s+(?:(?:had|has|have|also|then|later|earlier|repeatedly)\s+){0,2}$"
)
# " in Geneva", " at Camp David": a place after a name
_PLACE_TAIL = re.compile(r"\s+(?:in|at)\s+(?:[A-Z][\w’'-]*\s*){1,3}$")
# "..., as they had ", "because they ": "they" after a subordinator, at the cue
_THEY_AFTER = re.compile(r"\b(?:as|because|since)\s+they\s+(?:[\w’'-]+\s+){0,2}$", re.I)


def _side_plural_before(text: str) -> str:
    """The last plural noun of a side of talks in `text` ("farmers", "the nurses") when no
    party or person is named after it, else ""."""
    nouns = [m for m in re.finditer(r"\b[a-z]+s\b", text) if m.group() in _party_nouns()]
    if not nouns:
        return ""
    named = [m for m in find_mentions(text) if m.kind in ("party", "name")]
    if named and named[-1].end > nouns[-1].start():
        return ""
    return nouns[-1].group()


# ", whose emergency department is one of the busiest in the United States,": an aside
_RELATIVE_ASIDE = re.compile(r",\s+(?:whose|which|who)\b[^,;]{0,160},")
# "Montefiore, whose ... ,": a lone name, then such an aside
_LONE_BEFORE_ASIDE = re.compile(r"\s*([A-Z][a-z]+),\s+(?:whose|which|who)\b[^,;]{0,160},")
# " has indicated that ", " said on Monday that ": a verb and up to three words, then "that"
_VERB_THAT = re.compile(r"\s+(?:[\w’'-]+\s+){1,4}?that\s+")


@cache
def _told_end() -> re.Pattern[str]:
    """ "told ", "warned the ": a verb whose object the next name is (`telling_verbs`)."""
    return compile_alternation("actors", "telling_verbs", r"\b(?:{})\s+(?:the\s+)?$")


def _personal(who: Attribution) -> bool:
    """Whether an attribution names a person: a name outside the gazetteer, or words with a
    title ("President Putin")."""
    if who.kind == "name":
        return True
    return who.kind == "party" and not _title_words().isdisjoint(who.mention.lower().split())


# A capitalised word opening a sentence, then a word in lower case ("Aliyev repeatedly ...").
_LONE_SURNAME = re.compile(r"([A-Z][\w’'-]+)\s+(?=[a-z])")
_HE_OR_SHE = re.compile(r"\s*(?:he|she)\b", re.IGNORECASE)


# "Stellantis has offered", "Okafor will also demand": auxiliaries between a name and its verb

_IT = re.compile(r"\s*it\b", re.IGNORECASE)
_THAT_ONLY = re.compile(r"\s*(?:that\s*)?")
# "with X calling for A": the subject of an absolute participle clause, just before it.
_WITH_SUBJECT = re.compile(r"\bwith\s+((?:the\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?)\s+$", re.I)
# The subject of a subordinate clause that opens a sentence, when a group noun heads it.
_SUBORDINATE_SUBJECT = re.compile(
    r"\W*(?:although|though|while|whereas|after|before|when|once|because|since|if|unless)\s+"
    r"(?P<np>(?:(?:the|some|many|most|several|other|all)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?P<head>[\w-]+))\s+(?:did|do|does|had|have|has|were|are|would|could|will|can|may|"
    r"might|should|must|\w+ed)\b",
    re.IGNORECASE,
)


def _document_in(sentence: str) -> Attribution | None:
    """The particular document a sentence names anywhere ("... in which the first Minsk
    agreement was signed"), unless a party owns it."""
    for d in _DOCUMENT_ANY.finditer(sentence):
        phrase = d.group("doc").strip(" ,")
        owned = any(m.kind == "party" for m in find_mentions(phrase))
        if _PARTICULAR.search(phrase) and not owned:
            return Attribution(phrase, phrase, "group")
    return None


def _names(who: str) -> Attribution | None:
    """The authors of a report: several names joined by "and", or one party or name."""
    mentions = [m for m in find_mentions(who) if m.kind in ("party", "name")]
    people = [
        m
        for m in mentions
        if len(m.text.split()) >= 2
        and not m.possessive
        and all(w[0].isupper() for w in m.text.split())
    ]
    if len(people) >= 2:
        joined = " and ".join(m.text for m in people)
        return Attribution(joined, joined, "name")
    if people:
        return Attribution(people[0].party, people[0].text, people[0].kind)
    if mentions:
        return Attribution(mentions[0].party, mentions[0].text, mentions[0].kind)
    return None


def _plain_subject(sentence: str) -> Attribution | None:
    """A sentence's subject when it opens the sentence (for "they" in the next one); after
    "It looks like", "It seems that" and the like, the subject that follows."""
    sentence = _it_seems().sub("", sentence, count=1)
    subject = _clause_subject(sentence)
    first = _FIRST_WORD.match(subject.text)
    if first and is_pronoun(first.group()):
        return None
    m = subject.mention
    people_first = _people_subject(subject.text[: m.start]) if m is not None else None
    if people_first is not None:
        return Attribution(people_first, people_first, "name")  # "the lenders are meeting X"
    if m is None or m.start > 40:
        # "The militia has handed mediators a plan. It ...": a body no gazetteer names (also
        # when a name comes later: "The dockers' union asked that the Labour Minister ...")
        people = _people(subject.text[:60])
        return Attribution(people, people, "name") if people else None
    if m.kind in ("refer",):
        return None
    if m.kind == "author":
        return AUTHOR
    return Attribution(m.party, m.text, m.kind)


# "It looks like the lenders are ...": a frame with no subject of its own
@cache
def _it_seems() -> re.Pattern[str]:
    """ "It looks like ", "It seems that ": a frame opening a sentence (`subjectless_frames`)."""
    return compile_alternation(
        "actors",
        "subjectless_frames",
        r"^\s*it\s+(?:{})\s+(?:as\s+if\s+|like\s+|that\s+)?",
    )


def reporter_of(
    sentence: str, offset: int, ctx: Discourse, index: int, paragraph: int, para_text: str
) -> Attribution | None:
    """Whom a sentence reports as holding the view at `offset`, or None for the author's own."""
    quoted = _quote_at(sentence, offset)
    if quoted is not None:
        speaker = _speaker(sentence, quoted, ctx, index, paragraph)
        if speaker is not None:
            return speaker
    else:
        spanning = _spanning_quote(sentence, offset, para_text)
        if spanning is not None:
            speaker = _speaker(para_text, spanning, ctx, index, paragraph)
            if speaker is not None:
                return speaker
    if ctx.turn is not None:
        # A transcript: the label ("A:", "VOSS:") speaks for its paragraph and the next ones.
        return ctx.turn
    if ctx.voice is not None and ctx.voice[0] == paragraph:
        return ctx.voice[1]
    signed = _SIGNATURE.search(para_text, max(0, len(para_text) - 120))
    if signed:
        # A quoted post signed "— Name, date".
        found = _first_speaker(signed.group(1))
        if found is not None:
            return found
    before = sentence[:offset]
    colon = before.rfind(":")
    if colon > 0 and _colon_lead_in().search(before, 0, colon):
        # "Officials say what they would need: Europe must A": the subject's words.
        return subject_of(sentence, colon, ctx, index, paragraph)
    according = _ACCORDING.search(before)
    if according and _obtained_by().match(according.group(1)):
        according = None  # "according to details obtained by a paper": a source, no holder
    if according:
        return _resolve(_clause_subject(according.group(1)), sentence, ctx, index, paragraph)
    claim = _last(_owned_opinion().finditer(before))
    if claim is not None and not _CLAUSE_BREAK.search(before, claim.end()):
        # "triggered by Blake's assertion that there should be A": the view is its owner's
        owner = _possessor(before[: claim.start()])
        found = _resolve(_clause_subject(owner), sentence, ctx, index, paragraph) if owner else None
        if found is not None:
            return found
    verb = is_reporting(before)
    if verb is None:
        return _trailing_speaker(sentence, offset, ctx, index, paragraph)
    between = sentence[verb.end() : offset]
    if _CLAUSE_BREAK.search(between):
        return None  # the reported clause ended before the cue
    found = subject_of(sentence, verb.start(), ctx, index, paragraph)
    if found is None and _owned_proposal().match(sentence[: verb.start()]):
        # "Kurti's proposal says the body should A": the proposal's owner
        found = proposal_owner(sentence[: verb.start()], ctx, index, paragraph)
    if found is not None and found.party == "author":
        return AUTHOR
    return found


def holder_of(sentence: str, ctx: Discourse, index: int, paragraph: int) -> Attribution | None:
    """Whose view a sentence states when it opens with one ("Their assumption is that ...")."""
    if not _THAT_CLAUSE.search(sentence, 0, 120):
        return None
    m = _opinion().match(sentence)
    if not m:
        return None
    return _resolve(_clause_subject(m.group("owner")), sentence, ctx, index, paragraph)


@cache
def _obtained_by() -> re.Pattern[str]:
    """ "details obtained by X", "a copy seen by X": what a reporter had (`obtained_documents`,
    `obtaining_verbs`)."""
    nouns = "|".join(re.escape(n) for n in rule_list("actors", "obtained_documents"))
    verbs = "|".join(re.escape(v) for v in rule_list("actors", "obtaining_verbs"))
    return re.compile(
        rf"(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){{0,2}}?(?:{nouns})\s+(?:{verbs})\s+(?:by|to)\b",
        re.IGNORECASE,
    )


@cache
def _owned_opinion() -> re.Pattern[str]:
    """A view named with its owner's possessive, then what it holds: "Blake's assertion that"."""
    return re.compile(
        rf"(?<=\w)(?:’s|'s|(?<=s)’|(?<=s)')\s+(?:[\w-]+\s+){{0,2}}?(?:{_opinion_nouns()})\s+that\b",
        re.IGNORECASE,
    )


def _possessor(before: str) -> str:
    """The words that end right before a possessive: the party named last, else "the
    minister" (a determiner and up to two words)."""
    named = [m for m in find_mentions(before) if m.end >= len(before)]
    if named:
        return before[named[-1].start :]
    plain = _DETERMINED_END.search(before)
    return plain.group() if plain else ""


# "the minister", "his predecessor", "the union's": a determiner and one to three words at the end
_DETERMINED_END = re.compile(r"\b(?:the|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?[\w-]+$", re.I)


def _last(found: Iterator[re.Match[str]]) -> re.Match[str] | None:
    matches = list(found)
    return matches[-1] if matches else None


@cache
def _colon_lead_in() -> re.Pattern[str]:
    words = "|".join(f"(?:{e})" for e in rule_list("actors", "colon_lead_ins"))
    return re.compile(rf"\b(?:{words})\s*$", re.IGNORECASE)


@cache
def _opinion_nouns() -> str:
    """The alternation of `opinion_nouns` ("assumption|view|...")."""
    return "|".join(re.escape(n) for n in rule_list("actors", "opinion_nouns"))


@cache
def _opinion() -> re.Pattern[str]:
    return re.compile(
        rf"^\s*(?P<owner>.{{1,60}}?)\s+(?:[\w-]+\s+){{0,2}}?(?:{_opinion_nouns()})\s+(?:is|was|remains)\s+that\b",
        re.IGNORECASE,
    )


def _past_place(stripped: str, text: str) -> str:
    """`stripped` without the country that finished the adverbial before it ("Speaking in
    Davos, Switzerland, Kissinger urged": the adverbial ends after "Switzerland,")."""
    if stripped == text:
        return stripped
    m = _COUNTRY_AFTER.match(stripped)
    if m is None or resolve_party(m.group(1)) is None:
        return stripped
    before = text[: len(text) - len(stripped)].rstrip(" ,")
    last = before.rsplit(" ", 1)[-1]
    if not last[:1].isupper() or resolve_party(last) is not None:
        return stripped  # "In Kyiv, Zelensky, ...": a name of its own after a party
    return stripped[m.end() :]


_COUNTRY_AFTER = re.compile(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*)?),\s+")


def clause_start(sentence: str, offset: int) -> int:
    """Where the clause holding `offset` starts, leading adverbials ("Instead,") and
    conjunctions ("But") skipped: the start of "Western diplomacy should ..."."""
    region = _regions(sentence[:offset])[0]
    text = region
    for _ in range(3):
        stripped = _past_place(_adverbial().sub("", text, count=1), text)
        if stripped == text or not _WORD_CHAR.search(stripped):
            break
        text = stripped
    text = _LEADING_CONJUNCTION.sub("", text)
    return offset - len(text.lstrip(' ,“"(«'))


def _first(text: str) -> Mention | None:
    return first_mention(text)


def _quote_at(sentence: str, offset: int) -> tuple[int, int] | None:
    for m in _QUOTE.finditer(sentence):
        if m.start() < offset < m.end() and len(m.group().split()) >= 4:
            return m.start(), m.end()
    return None


def _spanning_quote(sentence: str, offset: int, para_text: str) -> tuple[int, int] | None:
    """The quotation of the paragraph around `offset` when it runs over several sentences
    (“We are ready. But Russia must A,” X said), in paragraph offsets."""
    if not para_text or not _QUOTE_MARK.search(sentence):
        return None
    base = para_text.find(sentence)
    if base < 0:
        return None
    found = _quote_at(para_text, base + offset)
    if found is None or (found[0] >= base and found[1] <= base + len(sentence)):
        return None
    return found


def _trailing_speaker(
    sentence: str, offset: int, ctx: Discourse, index: int, paragraph: int
) -> Attribution | None:
    """The speaker of "A would help, a Finnish general said": a last clause that says who."""
    m = _trailing_speech().search(sentence, offset)
    if m is None:
        m = _inverted_speech().search(sentence, offset)
        name = lone_name(m.group(1).rstrip(".")) if m is not None else None
        if name is not None:
            return Attribution(name, name, "name")  # ", said Okafor."
    if m is None:
        # ", said Ko Min, a spokesman for the Delta Army, in a phone interview.": the name
        # before its apposition
        titled = _inverted_titled().search(sentence, offset)
        if titled is None:
            return None
        name = titled.group(1)
        party = next((x for x in find_mentions(name) if x.kind == "party"), None)
        return Attribution(party.party, name, "party") if party else Attribution(name, name, "name")
    return _first_speaker(m.group(1)) or _resolve(
        _clause_subject(m.group(1)), sentence, ctx, index, paragraph
    )


def speaker_label(text: str) -> int:
    """Length of a transcript's speaker label ("A: ", "VOSS: ") at the start of `text`, or 0."""
    line = _SPEAKER_LINE.match(text)
    return line.end() if line else 0


def left_open(text: str) -> bool:
    """Whether a paragraph opens a quotation it does not close (a quotation over several
    paragraphs leaves each but the last open, and opens the next with a mark)."""
    if "“" in text:
        return text.count("“") > text.count("”")
    return text.count('"') % 2 == 1


def opens_with_quote(text: str) -> bool:
    """Whether a paragraph opens with a quotation mark."""
    return text.lstrip().startswith(("“", '"'))


def open_quote_speaker(text: str, ctx: Discourse, index: int, paragraph: int) -> Attribution | None:
    """Who speaks in the quotation a paragraph leaves open, when a lead-in right before its
    mark says ("Ms Ortiz said: “A. B.": Ms Ortiz), else None."""
    mark = max(text.rfind("“"), text.rfind('"') if "“" not in text else -1)
    if mark <= 0:
        return None
    before = text[:mark]
    verbs = list(_speech().finditer(before))
    if not verbs or not _LEAD_IN_END.fullmatch(before, verbs[-1].end()):
        return None
    found = subject_of(before, verbs[-1].start(), ctx, index, paragraph)
    return found if found is not None and found.kind != "author" else None


# What may stand between a lead-in's verb and the quotation mark: "said: ", "said that ",
# "told reporters: "
_LEAD_IN_END = re.compile(r"(?:\s+(?:[\w’'-]+\s+){0,2}?(?:that\s*)?|\s*)[:,]?\s*")


def voice_of(sentence: str, ctx: Discourse, index: int, paragraph: int) -> Attribution | None:
    """Who a lead-in ("The spokeswoman wrote on Telegram:") hands the next paragraph to."""
    if not sentence.rstrip().endswith(":"):
        return None
    m = _speech().search(sentence)
    if m is None:
        return None
    found = subject_of(sentence, m.start(), ctx, index, paragraph)
    return found if found is not None and found.kind != "author" else None


def _speaker(
    sentence: str, quote: tuple[int, int], ctx: Discourse, index: int, paragraph: int
) -> Attribution | None:
    after = sentence[quote[1] :]
    m = _speech().search(after)
    if m and m.start() < 160:
        # ", Lavrov said" or ", said Lavrov"; ", said the minister according to X": X only
        # reports it
        tail = after[m.end() : m.end() + 80]
        # ('," the official said, adding that A': what follows is what the speaker added)
        tail = tail[: added.start()] if (added := _adding().search(tail)) else tail
        source = _source_after().search(tail)
        region = after[: m.start()] + " " + (tail[: source.start()] if source else tail)
        if after[: m.start()].strip(" ,”\"'’").lower() in _TAG_PRONOUNS:
            # '," he said from Madrid': the pronoun speaks; a place after the verb is no one
            region = after[: m.start()]
        # ', said Halvorsen, 71, according to the Courier': the one name right after the verb
        # speaks, though a capitalised word alone is no mention of its own
        named = _WORD_AFTER.match(after, m.end())
        right_after = named is not None and not after[: m.start()].strip(" ,”\"'’")
        lone = lone_name(named.group(1)) if named and right_after else None
        if lone is not None:
            return Attribution(lone, lone, "name")
        found = _first_speaker(region)
        if found is not None:
            return found
        bare = region.strip(" ,.")
        if (_the_title().match(bare) or bare.lower() in _TAG_PRONOUNS) and index > 0:
            # ', said the top diplomat', ', he added': the one the sentences before name
            # ('“We are ready to A. B must C,” he said': past the speaker's own "we")
            # (', he added': a person first, the speaker of a tag or a subject before)
            person = ctx.previous_person(index) if bare.lower() in ("he", "she") else None
            earlier = person or ctx.previous_subject(index, reach=2, past_author=True)
            if earlier is not None:
                return earlier
        if 0 < len(bare.split()) <= 6 and bare.lower() not in _TAG_PRONOUNS:
            # '," the union's leader said': a side's officer, named by the side
            officer = _resolve(_clause_subject(bare), sentence, ctx, index, paragraph)
            if officer is not None and officer.kind in ("party", "name", "group"):
                return officer
    before = sentence[: quote[0]]
    m = _speech().search(before)
    if m:
        found = _resolve(_clause_subject(before[: m.start()]), sentence, ctx, index, paragraph)
        if found is not None:
            return found
    # The quotation continues the speaker of the sentence before.
    if index > 0 and _speech().search(ctx.sentences[index - 1][1]):
        return ctx.previous_subject(index, reach=1)
    return None


@cache
def _adding() -> re.Pattern[str]:
    """ ", adding", ", saying": a participle after a speaker's tag (`added_participles`)."""
    return compile_alternation("actors", "added_participles", r",\s+(?:{})\b")


@cache
def _source_after() -> re.Pattern[str]:
    """Where a speaker tag names its source ("said the minister according to X")."""
    words = "|".join(rule_list("actors", "source_markers"))
    return re.compile(rf"\s(?:{words})\s", re.IGNORECASE)


@cache
def _the_title() -> re.Pattern[str]:
    return re.compile(r"(?:the|a)\s+(?:(?:" + "|".join(_title_words()) + r")\s*)+$", re.I)


@cache
def _issued_document() -> re.Pattern[str]:
    """A document a side issues, named by its kind alone ("the statement", "the letter",
    "the resolution", "the report"): `issued_documents` in `actors.yml`."""
    nouns = "|".join(re.escape(n) for n in rule_list("actors", "issued_documents"))
    return re.compile(
        rf"\s*(?:the|a)\s+(?:joint\s+|written\s+|latest\s+|new\s+|final\s+|separate\s+)?({nouns})\s*$",
        re.IGNORECASE,
    )


_PARTICIPLE_BY = re.compile(r"^\s*[a-z]+(?:ed|en) by\b[^,]{0,100},\s*")
_TAG_PRONOUNS = frozenset(("he", "she", "they"))
_WORD_AFTER = re.compile(r"\s+([A-Z][a-z]+)(?=[,.;]|\s+(?:[a-z]|\d))")


def _quote_tag_speaker(sentence: str) -> Attribution | None:
    """The speaker a tag after a closing quotation mark names ('..." Cho said during a
    meeting.': Cho), else None."""
    tag = _quote_tag().search(sentence)
    if tag is None:
        return None
    name = lone_name(tag.group(1))
    return Attribution(name, name, "name") if name else _first_speaker(tag.group(1))


@cache
def _quote_tag() -> re.Pattern[str]:
    """',” Cho said', '," the union's leader added': the words between a closing quotation
    mark and a speech verb."""
    return re.compile(rf"[,.!?][”\"]\s+((?:[\w.’'-]+\s+){{0,5}}?[\w.’'-]+)\s+{_speech_words()}\b")


def _first_speaker(region: str) -> Attribution | None:
    for m in find_mentions(region):
        if m.kind == "name":
            return affiliation(region, m) or Attribution(m.party, m.text, m.kind)
        if m.kind in ("party", "group"):
            return Attribution(m.party, m.text, m.kind)
    return None


def speech_party(paragraphs: list[str]) -> Attribution | None:
    """The party an article's speaker speaks for, when its first lines announce the text as a
    speech, address or statement by an office-holder ("Full text of the address by X,
    Minister of Foreign Affairs of Ukraine"); None otherwise. The speaker's "we" is then that
    party's, not an author's."""
    for text in paragraphs[:3]:
        opener = _speech_opener().search(text[:400])
        if opener is None:
            continue
        rest = text[opener.end() : opener.end() + 200]
        for m in find_mentions(rest):
            if m.kind == "party" and m.possessive and _official_noun(rest[m.end :]):
                # "the address by Ukraine's foreign minister"
                return Attribution(m.party, m.text, "party")
            if m.kind == "name":
                return _office_of(rest[m.end :], m)
        return None
    return None


def _office_of(after: str, m: Mention) -> Attribution | None:
    """The party whose office a speaker holds, from the apposition after the name
    (", Minister of Foreign Affairs of Ukraine,"; a capitalised title reads as a name, so its
    words are looked at in lower case)."""
    apposition = _apposition().match(after)
    if not apposition or _FORMER.search(apposition.group(1)):
        return None
    words = apposition.group(1)
    if not _official_noun(words):
        return None
    for word in re.findall(r"[A-Z][\w’'-]+", words):
        party = resolve_party(word) or adjective_party(word)
        if party is not None:
            return Attribution(party, m.text, "party")
    return None


@cache
def _speech_opener() -> re.Pattern[str]:
    words = "|".join(f"(?:{e})" for e in rule_list("actors", "speech_openers"))
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def full_names(body: Sequence[Paragraph], items: tuple[Item, ...]) -> tuple[Item, ...]:
    """`items` with a party that is a bare surname ("Fain") named as the article first names
    that person ("Shawn Fain"), or by the party a fuller mention gives them ("UAW president
    Shawn Fain": UAW)."""
    singles = {
        i.actor for i in items if _SURNAME.fullmatch(i.actor) and resolve_party(i.actor) is None
    }
    found: dict[str, str] = {}
    # "Sigrun Olafsdottir" in full: the party an apposition or an office gives her
    fulls = {i.actor for i in items if _FULL_NAME.fullmatch(i.actor) and not resolve_party(i.actor)}
    for paragraph in body if fulls else ():
        for m in find_mentions(paragraph.text) if any(n in paragraph.text for n in fulls) else ():
            if m.kind == "name" and m.text in fulls and m.text not in found:
                known = affiliation(paragraph.text, m)
                if known is not None:
                    found[m.text] = known.party
    if not singles:
        return (
            tuple(replace(i, actor=found.get(i.actor, i.actor)) for i in items) if found else items
        )
    for paragraph in body:
        wanted = [w for w in singles if w not in found and w in paragraph.text]
        if not wanted or paragraph.heading:
            continue
        for m in find_mentions(paragraph.text):
            words = m.text.split()
            last = _POSSESSIVE_END.sub("", words[-1]) if words else ""
            # "Hossein Amir-Abdollahian ... Abdollahian said": a double name's last part
            for surname in {last, last.rsplit("-", 1)[-1]} & set(wanted):
                if len(words) > 1 and m.kind in ("party", "name"):
                    # "Mykhailo Podolyak, an adviser to Ukraine's president": the apposition's
                    known = affiliation(paragraph.text, m) if m.kind == "name" else None
                    found.setdefault(surname, known.party if known else m.party)
    if not found:
        return items
    return tuple(replace(i, actor=found.get(i.actor, i.actor)) for i in items)


_SURNAME = re.compile(r"[A-Z][a-z’'-]+")
_FULL_NAME = re.compile(r"[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+){1,2}")
_POSSESSIVE_END = re.compile(r"(?:'s|’s)$")
