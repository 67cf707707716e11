"""Loading the rule files in `build_tools/rules/` (YAML), once per process.

Rules are data: the vocabulary (cue words, junk patterns, actor aliases, topics) lives in the
YAML files a maintainer can read and extend; the modules that use them hold the mechanism.
A broken rule file is a `BriefingError` naming the file, never a traceback.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from build_tools.errors import BriefingError

RULES_DIR = Path(__file__).parent / "rules"
# libyaml's loader when PyYAML was built with it: rule files load several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_rules(name: str) -> dict[str, Any]:
    """The mapping in `rules/NAME.yml`."""
    path = RULES_DIR / f"{name}.yml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as exc:
        raise BriefingError(str(path), f"cannot read rule file ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise BriefingError(str(path), f"not valid YAML: {exc}", line) from None
    if not isinstance(data, dict):
        raise BriefingError(str(path), "a rule file must be a mapping of rule names to values")
    return data


def rule_list(name: str, key: str) -> list[str]:
    """A list of strings from a rule file, checked."""
    value = load_rules(name).get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BriefingError(str(RULES_DIR / f"{name}.yml"), f"'{key}' must be a list of strings")
    return value


def compile_patterns(name: str, key: str, ignore_case: bool = True) -> list[re.Pattern[str]]:
    """Each pattern of a rule list compiled (case-insensitively unless told otherwise).

    Patterns that capture names keep case (`ignore_case=False`) and mark their
    case-insensitive words with `(?i:...)`.
    """
    flags = re.IGNORECASE if ignore_case else 0
    patterns = []
    for source in rule_list(name, key):
        try:
            patterns.append(re.compile(source, flags))
        except re.error as exc:
            where = str(RULES_DIR / f"{name}.yml")
            raise BriefingError(where, f"bad pattern in '{key}': {source!r} ({exc})") from None
    return patterns


def compile_rule(name: str, key: str, ignore_case: bool = True) -> re.Pattern[str]:
    """One pattern (a string entry of a rule file) compiled."""
    source = load_rules(name).get(key)
    if not isinstance(source, str):
        raise BriefingError(str(RULES_DIR / f"{name}.yml"), f"'{key}' must be a pattern string")
    try:
        return re.compile(source, re.IGNORECASE if ignore_case else 0)
    except re.error as exc:
        where = str(RULES_DIR / f"{name}.yml")
        raise BriefingError(where, f"bad pattern in '{key}': {source!r} ({exc})") from None


def compile_alternation(name: str, key: str, template: str = "{}") -> re.Pattern[str]:
    """One case-insensitive pattern matching any of a rule list's entries.

    `template` wraps the alternation, e.g. r"^(?:{})\\b". Entries are regex sources.
    """
    joined = "|".join(f"(?:{s})" for s in rule_list(name, key))
    try:
        return re.compile(template.format(joined), re.IGNORECASE)
    except re.error as exc:
        where = str(RULES_DIR / f"{name}.yml")
        raise BriefingError(where, f"bad pattern in '{key}' ({exc})") from None


@cache
def stopwords() -> frozenset[str]:
    """Function words (`rules/stopwords.yml`), lower case."""
    return frozenset(w.lower() for w in rule_list("stopwords", "stopwords"))
