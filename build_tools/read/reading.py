"""Reading: a seed file's bytes in, a decoded `Source` out.

Decoding is strict UTF-8 first (a BOM is dropped). UTF-8 with a few broken bytes keeps
UTF-8, the broken bytes shown as U+FFFD; other text is decoded as cp1252, then Latin-1, with
a warning, because scrapers often save Windows-encoded pages.
Line endings become `\\n`. Files that are not text at all are refused with a `BriefingError`.
"""

from __future__ import annotations

import os
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
# The bidirectional embeddings, overrides and isolates are dropped too: they can make a title
# read backwards ("bidi spoofing") in the feed, the CSV files and a reader's browser tab.
_DROPPED = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_MAX_CONTROL_SHARE = 0.01
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def read_seed(path: str | Path) -> Source:
    """Read and decode one seed file; raise `BriefingError` if it is not usable text."""
    p = Path(path)
    return decode_seed(read_input(p), str(p))


def read_input(path: Path) -> bytes:
    """The bytes of a seed or sidecar file; a `BriefingError` saying why when there are none.

    A file that is a symbolic link must point inside the folder it stands in: a contributed
    seed linking to `../.git/config` or to a file of the machine running the build would
    publish that file.
    """
    where = str(path)
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise BriefingError(where, "a symbolic link to nothing (a broken link)") from None
        if not target.is_relative_to(path.parent.resolve()):
            raise BriefingError(
                where, "a symbolic link to a file outside its folder; copy the file instead"
            )
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BriefingError(where, "no such file") from None
    except IsADirectoryError:
        raise BriefingError(where, "is a folder, not a seed file") from None
    except OSError as exc:
        raise BriefingError(where, f"cannot be read ({exc.strerror or exc})") from None


def decode_seed(data: bytes, path: str) -> Source:
    """Decode seed bytes (see the module docstring); `path` is only used in messages."""
    if not data:
        raise BriefingError(path, "file is empty")
    utf16 = _utf16(data)
    if utf16 is not None:
        text, encoding, warnings = utf16
        _refuse_binary(text, path)
    elif b"\x00" in data:
        raise BriefingError(path, "binary content (NUL bytes), not a text file")
    else:
        text, encoding, warnings = _decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _drop_controls(text.replace("\x0c", "\n"))
    if not text.strip():
        raise BriefingError(path, "file has only white space, no text")
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text[:100_000]):
        raise BriefingError(path, "file has no letters or digits, nothing to read")
    name = file_name(path)
    if name.endswith(SEED_SUFFIX):
        name = name[: -len(SEED_SUFFIX)]
    return Source(path=path, name=name, text=text, encoding=encoding, warnings=warnings)


def file_name(path: str) -> str:
    """The file name of `path` as text: bytes of the name that are not UTF-8 (which Python
    keeps as lone surrogates, and no page can be written with) shown as U+FFFD, and bidi
    overrides dropped (a name such as "report\u202etxt.exe" reads backwards)."""
    name = _BIDI.sub("", Path(path).name)
    if not any("\udc80" <= ch <= "\udcff" for ch in name):
        return name
    return os.fsencode(name).decode("utf-8", errors="replace")


def _utf16(data: bytes) -> tuple[str, str, tuple[str, ...]] | None:
    """UTF-16 text (Windows' "Unicode" text files), with its byte-order mark or without:
    then most characters of a Latin-script text have a zero byte on one side. None when
    `data` is not UTF-16 text."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be"
        data = data[2:]
    elif len(data) % 2 == 0 and len(data) >= 4:
        sample = data[:4096]
        half = len(sample) // 2
        zeros_odd, zeros_even = sample[1::2].count(0), sample[0::2].count(0)
        if zeros_odd > 0.4 * half and zeros_even == 0:
            encoding = "utf-16-le"
        elif zeros_even > 0.4 * half and zeros_odd == 0:
            encoding = "utf-16-be"
        else:
            return None
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None  # zero characters: binary data after all
    return text, encoding, (f"not UTF-8; decoded as {encoding.upper()}",)


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
