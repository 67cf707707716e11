"""Switches: which named rules are off. Every cleaning step (`clean:NAME`, the table in
`clean/cleaning.py`), every cue rule (`cue:NAME`, the names in `rules/cues.yml`) and every
rejection check (`check:NAME`, the tables in `extract/cues.py`) and every decision that
overrules a cue rule's kind (`kind:NAME`, `extract/cues.py`) can be switched off by name, so
that the evaluation can measure what each contributes (`evaluate/ablation.py`).

Off by default is nothing: the build runs every rule. The state is the process's; a worker
process starts with everything on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from build_tools.article_cache import forget_article

_off: frozenset[str] = frozenset()


def is_on(name: str) -> bool:
    """False when the rule or check `name` is switched off."""
    return name not in _off


@contextmanager
def switched_off(names: Iterable[str]) -> Iterator[None]:
    """Run the block with the named rules and checks off (and none of the article caches'
    answers from before)."""
    global _off
    before = _off
    _off = before | frozenset(names)
    forget_article()
    try:
        yield
    finally:
        _off = before
        forget_article()
