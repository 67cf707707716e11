"""Per-article caches: answers are shared between the stages of one article, never carried
over to the next (memory stays bounded; benchmarks time new work)."""

from __future__ import annotations

from build_tools.article_cache import article_dict, forget_article, per_article
from build_tools.briefing import make_briefing
from build_tools.extract.cues import find_cues
from build_tools.extract.sentences import sentence_spans
from build_tools.read.reading import decode_seed
from build_tools.switches import switched_off


def test_a_cached_function_answers_once_until_forgotten() -> None:
    calls: list[str] = []

    @per_article
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert shout("kyiv") == shout("kyiv") == "KYIV"
    assert calls == ["kyiv"]
    forget_article()
    assert shout("kyiv") == "KYIV"
    assert calls == ["kyiv", "kyiv"]


def test_the_next_article_starts_with_empty_caches() -> None:
    first = "The envoy asked for talks. Moscow refused them."
    second = "Kyiv wants guarantees. The allies hesitate."
    make_briefing(decode_seed(f"{first}\n".encode(), "first.txt"))
    make_briefing(decode_seed(f"{second}\n".encode(), "second.txt"))
    before = sentence_spans.cache_info()
    sentence_spans(second)  # split while the second article was made: kept
    sentence_spans(first)  # split for the first article only: forgotten since
    after = sentence_spans.cache_info()
    assert (after.hits - before.hits, after.misses - before.misses) == (1, 1)


def test_an_article_dict_is_emptied_with_the_caches() -> None:
    table = article_dict()
    table["kyiv"] = 1
    forget_article()
    assert table == {}


def test_cues_are_found_once_per_article_and_forgotten_after() -> None:
    sentence = "The union demands a shorter week."
    forget_article()
    first = find_cues(sentence)
    assert find_cues(sentence) == first  # the same answer, kept
    assert find_cues(sentence) is not find_cues(sentence)  # a list of its own each time
    forget_article()
    with switched_off(["cue:demand verb"]):
        assert all(c.rule.name != "demand verb" for c in find_cues(sentence))
    assert any(c.rule.name == "demand verb" for c in find_cues(sentence))
