"""The command line: every subcommand documented and with --help, one-line errors, `check`,
and `build --out` leaving the previous output whole when a run is interrupted."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.render.pages import MARKER, write_pages
from tests.conftest import CASES, ROOT

TALKS = CASES / "check" / "talks.txt"


def subcommands() -> list[str]:
    parser = cli._parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it, in a child process (so a traceback would show)."""
    return subprocess.run(
        [sys.executable, "-m", "build_tools", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_known_subcommands() -> None:
    assert {"build", "extract", "check"} <= set(subcommands())


@pytest.mark.parametrize("name", subcommands())
def test_subcommand_is_documented_in_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"python -m build_tools {name}" in readme
    assert f"- `{name}" in readme, f"README lists no options for `{name}`"


@pytest.mark.parametrize("name", subcommands())
def test_subcommand_has_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([name, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: python -m build_tools {name}")
    assert len(out.splitlines()) > 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "no/such/seed.txt"], "error: no/such/seed.txt: no such file"),
        (["extract", "seeds"], "error: seeds: is a folder, not a seed file"),
        (
            ["build", "--out", "build/x", "--seeds", "no/such"],
            "error: no/such: seeds folder not found",
        ),
        (["check", "--seeds", "no/such"], "error: no/such: seeds folder not found"),
    ],
)
def test_errors_are_one_line(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 1
    assert result.stderr == message + "\n"
    assert result.stdout == ""


def test_check_errors_exit_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(TALKS, tmp_path / "talks.txt")
    (tmp_path / "talks.yml").write_text("demands:\n  drop: [9]\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "lonely.yml").write_text("date: 2022-01-01\n", encoding="utf-8")
    assert cli.main(["check", "--seeds", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"{tmp_path / 'empty.txt'}: error: file is empty" in lines
    assert f"{tmp_path / 'talks.yml'}:2: error: there is no demand 9 (the briefing has 1)" in lines
    assert (
        f"{tmp_path / 'lonely.yml'}: error: sidecar without a seed: no lonely.txt beside it"
        in lines
    )
    assert lines[-1] == "checked 2 seeds and 2 sidecars: 3 errors, 1 warning"


def test_check_warnings_alone_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = TALKS.read_text(encoding="utf-8").replace("March 3, 2022\n", "")
    text = text.replace("By Jane Roe\n", "").replace("Jane Roe is a senior fellow", "She is")
    text += "\nThe talks went on for hours in a side room.\n" * 2
    (tmp_path / "talks.txt").write_text(text, encoding="utf-8")
    assert cli.main(["check", "--seeds", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    seed = tmp_path / "talks.txt"
    assert f"{seed}: warning: no date found; set `date: YYYY-MM-DD` in a sidecar" in out
    assert f"{seed}: warning: no author found" in out
    assert "1 of 2 link targets not preserved in the source (links 1 of the Links table)" in out
    assert "suspected junk kept in the body (printed twice): 'The talks went on" in out
    assert out.splitlines()[-1].startswith("checked 1 seed and 0 sidecars: 0 errors, ")


def test_check_warns_of_a_missing_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(CASES / "bad_input" / "no-title.txt", tmp_path / "untitled.txt")
    assert cli.main(["check", "--seeds", str(tmp_path)]) == 0
    assert (
        f"{tmp_path / 'untitled.txt'}: warning: no title found (the file name stands in); "
        "set `title:` in a sidecar"
    ) in capsys.readouterr().out.splitlines()


def test_check_with_sidecar_fixing_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(TALKS, tmp_path / "talks.txt")
    (tmp_path / "talks.yml").write_text(
        "links:\n  - {link: 1, href: 'https://example.org/argument'}\n", encoding="utf-8"
    )
    assert cli.main(["check", "--seeds", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "checked 1 seed and 1 sidecar: 0 errors, 0 warnings\n"


def test_check_empty_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--seeds", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{tmp_path}: error: no seed files (*.txt) in the folder"
    )


def test_interrupted_write_leaves_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "pages"
    write_pages({"index.md": "old home\n", "briefings/a.md": "old a\n"}, out)
    written = 0
    real_write = Path.write_text

    def failing_write(self: Path, *args: object, **kwargs: object) -> int:
        nonlocal written
        written += 1
        if written == 3:
            raise KeyboardInterrupt
        return real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", failing_write)
    pages = {"index.md": "new home\n", "briefings/a.md": "new a\n", "briefings/b.md": "new b\n"}
    with pytest.raises(KeyboardInterrupt):
        write_pages(pages, out)
    monkeypatch.undo()
    assert (out / "index.md").read_text() == "old home\n"
    assert (out / "briefings" / "a.md").read_text() == "old a\n"
    assert not (out / "briefings" / "b.md").exists()
    write_pages(pages, out)
    assert sorted(p.name for p in out.rglob("*.md")) == ["a.md", "b.md", "index.md"]
    assert (out / MARKER).exists()


def test_build_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me\n")
    result = run("build", "--out", str(out), "--seeds", str(CASES / "check"))
    assert result.returncode == 1
    # After the lines of the stages that ran (build_tools/progress.py), the one error line.
    error = result.stderr.splitlines()[-1]
    assert error.startswith(f"error: {out}: folder exists and was not written by this tool")
    assert result.stderr.splitlines()[:-1] == [
        line
        for line in result.stderr.splitlines()[:-1]
        if line.startswith(("briefings:", "pages:"))
    ]
    assert (out / "notes.txt").read_text() == "keep me\n"


@pytest.mark.parametrize(
    ("line", "warned"),
    [
        ("site_url: https://example.org/briefings/\n", "site_url is a placeholder"),
        ("site_url: http://localhost:8000/\n", "site_url is a placeholder"),
        ("site_name: x\n", "site_url is not set"),
        ("site_url: https://briefings.news.net/\n", None),
    ],
)
def test_check_warns_of_a_site_url_unset_or_left_as_a_placeholder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, warned: str | None
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(TALKS, seeds / "talks.txt")
    (tmp_path / "mkdocs.yml").write_text(line + "nav: !ENV [X, y]\n", encoding="utf-8")
    assert cli.main(["check", "--seeds", str(seeds)]) == 0
    lines = capsys.readouterr().out.splitlines()
    found = [x for x in lines if x.startswith(f"{tmp_path / 'mkdocs.yml'}: warning: ")]
    if warned is None:
        assert found == []
    else:
        assert len(found) == 1 and warned in found[0], lines
        assert "set it in mkdocs.yml to the address you publish at" in found[0]
