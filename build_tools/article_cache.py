"""Caches that live for one article: answers about a line or a sentence, asked by several
stages of the same article, are worked out once.

`make_briefing` empties them before each article, so no answer crosses from one article to
the next: memory stays bounded over a corpus, and a benchmark that runs one article many
times measures a new article each time, not a cache hit.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

_CACHES: list[Any] = []


def per_article(fn: F) -> F:
    """`fn` with its results kept until the next `forget_article()`."""
    cached = lru_cache(maxsize=None)(fn)
    _CACHES.append(cached)
    return cast(F, cached)


def forget_article() -> None:
    """Empty every per-article cache."""
    for cached in _CACHES:
        cached.cache_clear()


class _ArticleDict(dict[Any, Any]):
    """A dict that the per-article caches' `forget_article()` empties too."""

    def cache_clear(self) -> None:
        self.clear()


def article_dict() -> dict[Any, Any]:
    """A dict for answers kept until the next `forget_article()` (for a function whose
    arguments cannot all be keys: the key is chosen by the caller)."""
    table = _ArticleDict()
    _CACHES.append(table)
    return table
