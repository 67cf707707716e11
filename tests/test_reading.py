"""Reading: bytes in, decoded `Source` out (encodings, line endings, what is refused)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.errors import BriefingError
from build_tools.read.reading import decode_seed, read_seed

TEXT = "Talks résumé – “quoted” in Genève.\nSecond line.\n"


@pytest.mark.parametrize(
    ("data", "text", "encoding", "warnings"),
    [
        (TEXT.encode(), TEXT, "utf-8", ()),
        (b"\xef\xbb\xbf" + TEXT.encode(), TEXT, "utf-8", ()),
        (TEXT.replace("\n", "\r\n").encode(), TEXT, "utf-8", ()),
        (TEXT.replace("\n", "\r").encode(), TEXT, "utf-8", ()),
        (b"One\r\nTwo\rThree\n", "One\nTwo\nThree\n", "utf-8", ()),
        (b"Page one\x0cPage two\n", "Page one\nPage two\n", "utf-8", ()),
        (b"A bell\x07 rang. " + b"Text. " * 40, "A bell rang. " + "Text. " * 40, "utf-8", ()),
        (
            TEXT.encode("cp1252"),
            TEXT,
            "cp1252",
            ("not valid UTF-8 (byte 7); decoded as cp1252",),
        ),
        (
            "Straße, été, ½\n".encode("latin-1"),
            "Straße, été, ½\n",
            "cp1252",
            ("not valid UTF-8 (byte 4); decoded as cp1252",),
        ),
        (
            b"Text with \x81 and \x9d bytes\n",
            "Text with  and  bytes\n",
            "latin-1",
            ("not valid UTF-8 (byte 10); decoded as latin-1",),
        ),
        (
            TEXT.encode() + b"cut \xe2\x80 here\n",
            TEXT + "cut \ufffd here\n",
            "utf-8",
            (f"not valid UTF-8 (byte {len(TEXT.encode()) + 4}); 1 bad byte runs shown as \ufffd",),
        ),
    ],
)
def test_decoding(data: bytes, text: str, encoding: str, warnings: tuple[str, ...]) -> None:
    source = decode_seed(data, "seeds/x.txt")
    assert (source.text, source.encoding, source.warnings) == (text, encoding, warnings)
    assert source.name == "x"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b" \n\t\r\n", "file has only white space, no text"),
        (b"text\x00more", "binary content (NUL bytes), not a text file"),
        (bytes(range(1, 32)) * 20 + b"abc", "binary content (control characters), not a text file"),
        (b"--- *** ...\n", "file has no letters or digits, nothing to read"),
    ],
)
def test_refused(data: bytes, message: str) -> None:
    with pytest.raises(BriefingError) as error:
        decode_seed(data, "seeds/bad.txt")
    assert str(error.value) == f"seeds/bad.txt: {message}"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match=r"no such file$"):
        read_seed(tmp_path / "none.txt")
    with pytest.raises(BriefingError, match=r"is a folder, not a seed file$"):
        read_seed(tmp_path)


def test_file_names_with_spaces_and_accents(tmp_path: Path) -> None:
    path = tmp_path / "naïve ñame — x.txt"
    path.write_text("Some text.\n", encoding="utf-8")
    source = read_seed(path)
    assert (source.name, source.path) == ("naïve ñame — x", str(path))
