"""Per-article caches: answers are shared between the stages of one article, never carried
over to the next (memory stays bounded; benchmarks time new work)."""

from __future__ import annotations

from build_tools.article_cache import forget_article, per_article
from build_tools.briefing import make_briefing
from build_tools.extract.sentences import sentence_spans
from build_tools.read.reading import decode_seed


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
