"""Reading: a seed file's bytes in, a decoded `Source` out.

Decoding is strict UTF-8 first (a BOM is dropped). UTF-8 with a few broken bytes keeps
UTF-8, the broken bytes shown as U+FFFD; other text is decoded as cp1252, then Latin-1, with
a warning, because scrapers often save Windows-encoded pages.
Line endings become `\\n`. Files that are not text at all are refused with a `BriefingError`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from build_tools.errors import BriefingError
from build_tools.records import Source

SEED_SUFFIX = ".txt"

# Control characters other than tab, newline and carriage return; a few in a scrape are
# noise, many mean the file is not text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Dropped from the text: those, and the C1 controls that bytes 0x80-0x9f become when a file
# falls back to Latin-1 (invisible, and never meant as text).
_DROPPED = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def read_seed(path: str | Path) -> Source:
    """Read and decode one seed file; raise `BriefingError` if it is not usable text."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise BriefingError(str(p), "no such file") from None
    except IsADirectoryError:
        raise BriefingError(str(p), "is a folder, not a seed file") from None
    except OSError as exc:
        raise BriefingError(str(p), f"cannot be read ({exc.strerror or exc})") from None
    return decode_seed(data, str(p))


def decode_seed(data: bytes, path: str) -> Source:
    """Decode seed bytes (see the module docstring); `path` is only used in messages."""
    if not data:
        raise BriefingError(path, "file is empty")
    if b"\x00" in data:
        raise BriefingError(path, "binary content (NUL bytes), not a text file")
    text, encoding, warnings = _decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _drop_controls(text.replace("\x0c", "\n"))
    if not text.strip():
        raise BriefingError(path, "file has only white space, no text")
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text[:100_000]):
        raise BriefingError(path, "file has no letters or digits, nothing to read")
    name = Path(path).name
    if name.endswith(SEED_SUFFIX):
        name = name[: -len(SEED_SUFFIX)]
    return Source(path=path, name=name, text=text, encoding=encoding, warnings=warnings)


def _decode(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    else:
        _refuse_binary(text, path)
        return text, "utf-8", ()
    if _mostly_utf8(data):
        text = data.decode("utf-8", errors="replace")
        _refuse_binary(text, path)
        bad = text.count("\ufffd") - data.count("\ufffd".encode())
        warning = f"not valid UTF-8 (byte {bad_at}); {bad} bad byte runs shown as \ufffd"
        return text, "utf-8", (warning,)
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _refuse_binary(text, path)
        warning = f"not valid UTF-8 (byte {bad_at}); decoded as {encoding}"
        return text, encoding, (warning,)
    raise BriefingError(path, "cannot be decoded as text")  # pragma: no cover - latin-1 decodes all


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes: more valid multi-byte sequences than invalid bytes.

    Such a file (a scrape that cut a character in two) reads better with the few bad bytes
    replaced than decoded as cp1252, which would garble every valid non-ASCII character.
    """
    valid = len(_UTF8_MULTIBYTE.findall(data))
    invalid = len(_HIGH_BYTE.findall(data)) - len(b"".join(_UTF8_MULTIBYTE.findall(data)))
    return valid > 0 and valid > invalid


def _drop_controls(text: str) -> str:
    return _DROPPED.sub("", text)


def _refuse_binary(text: str, path: str) -> None:
    sample = text[:65_536]
    controls = len(_CONTROL.findall(sample))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise BriefingError(path, "binary content (control characters), not a text file")
