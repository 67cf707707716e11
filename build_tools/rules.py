"""Loading the rule files in `build_tools/rules/` (YAML), once per process.

Rules are data: the vocabulary (cue words, junk patterns, actor aliases, topics) lives in the
YAML files a maintainer can read and extend; the modules that use them hold the mechanism.
A broken rule file is a `BriefingError` naming the file, never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, cast

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
    check_rules(name, data, str(path))
    return data


SCHEMA_PATH = Path(__file__).parent / "schema" / "rules.yml"
_TYPES: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "text": ("a string", lambda v: isinstance(v, str)),
    "texts": (
        "a list of strings",
        lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    ),
    "whole": ("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    "number": (
        "a number",
        lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    ),
    "mapping": ("a mapping", lambda v: isinstance(v, dict)),
    "records": (
        "a list of mappings",
        lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
    ),
}


@cache
def rules_schema() -> dict[str, dict[str, str]]:
    """`schema/rules.yml`: for each rule file, its keys and the type of each."""
    where = str(SCHEMA_PATH)
    try:
        data = yaml.load(SCHEMA_PATH.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise BriefingError(where, f"cannot read the rules' schema ({exc})") from None
    ok = isinstance(data, dict) and all(
        isinstance(keys, dict) and all(t in _TYPES for t in keys.values()) for keys in data.values()
    )
    if not ok:
        raise BriefingError(where, f"each file must map its keys to one of {sorted(_TYPES)}")
    return cast(dict[str, dict[str, str]], data)


def check_rules(name: str, data: dict[str, Any], where: str) -> None:
    """`data`, the mapping of `rules/NAME.yml`, against the schema: a one-line error naming the
    file and the key for a file or key the schema does not know, a missing key, a wrong type."""
    schema = rules_schema().get(name)
    if schema is None:
        raise BriefingError(where, f"no schema for this rule file: add '{name}:' to {SCHEMA_PATH}")
    unknown = [k for k in data if k not in schema]
    if unknown:
        raise BriefingError(
            where, f"unknown key '{unknown[0]}' (the keys of this file: {', '.join(schema)})"
        )
    for key, kind in schema.items():
        if key not in data:
            raise BriefingError(where, f"missing key '{key}' ({_TYPES[kind][0]})")
        described, accepts = _TYPES[kind]
        if not accepts(data[key]):
            raise BriefingError(where, f"'{key}' must be {described}")


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


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in rule_list("sentences", "abbreviations"))


def ends_no_sentence(word: str) -> bool:
    """True when a full stop after `word` ends no sentence: an abbreviation of
    `rules/sentences.yml` ("Gen", "U.S") or a single initial ("J")."""
    token = word.lower().rstrip(".")
    return token in _abbreviations() or (len(token) == 1 and token.isalpha())
