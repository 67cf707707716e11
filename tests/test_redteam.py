"""Issue 15: the faults a red team found with hostile and broken input, one test (or more)
each, numbered as in the issue. Seeds that fit in a file are cases of
`tests/cases/bad_input/` (read by `test_bad_input.py`); what needs a file name git cannot
hold well, a symbolic link or a sidecar is made here in a temporary folder. The cache's
faults (items 3, 8, 9, 13) are tested in `test_cache.py`, the pathological inputs (6, 7) in
`test_pathological.py`, reproducible builds in `test_reproducible.py`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_tools import cli
from build_tools.checking import check_seeds
from build_tools.corpus import load_corpus, make_seed_briefing
from build_tools.errors import BriefingError
from build_tools.evaluate.gold import load_gold
from build_tools.render.pages import generate_pages
from build_tools.render.rendering import render_briefing
from tests.conftest import CASES, ROOT
from tests.test_bad_input import page_html, parse_html

pytestmark = pytest.mark.redteam

BAD = CASES / "bad_input"
ARTICLE = BAD / "same-title-a.txt"
HOSTILE_NAME = "a\n\n<img src=x onerror=alert(1)>\n\nb.txt"
HOSTILE_PARTY = "</title><img src=x onerror=alert(1)>"
HOSTILE_SIDECAR = f"""\
demands:
  add:
    - actor: "{HOSTILE_PARTY}"
      text: Ukraine withdraw from the region
      paragraph: p-1
"""


def seeds_folder(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(ARTICLE, folder / name)
    return folder


# 1. A file name with blank lines became live HTML on the briefing page.
def test_file_name_with_blank_lines_stays_text(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path, HOSTILE_NAME)
    b = make_seed_briefing(folder / HOSTILE_NAME)
    parsed = parse_html(page_html(render_briefing(b)))
    assert "img" not in parsed.tags
    assert not [a for a in parsed.attributes if a[1].startswith("on")]
    assert "a <img src=x onerror=alert(1)> b.txt" in "".join(parsed.text)


# 2. A party named in a sidecar ran as HTML through the actor page's title.
def test_party_from_a_sidecar_is_escaped_in_the_actor_page_title(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path, "talks.txt")
    (folder / "talks.yml").write_text(HOSTILE_SIDECAR, encoding="utf-8")
    corpus = load_corpus(folder)
    assert corpus.errors == ()
    pages = generate_pages(corpus.briefings)
    actor_page = "actors/title-img-src-x-onerror-alert-1.md"
    text = pages[actor_page]
    front = yaml.safe_load(text.split("---\n", 2)[1])
    assert front["title"] == "&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;"
    parsed = parse_html(page_html(text))
    assert "img" not in parsed.tags
    assert not [a for a in parsed.attributes if a[1].startswith("on")]


# 4. One malformed link host aborted the whole site.
def test_malformed_link_hosts_do_not_stop_the_build(tmp_path: Path, capsys) -> None:
    folder = seeds_folder(tmp_path)
    shutil.copy(BAD / "malformed-hosts.txt", folder)
    out = tmp_path / "out"
    assert cli.main(["build", "--seeds", str(folder), "--out", str(out), "--no-cache"]) == 0
    assert (out / "briefings" / "talks-resume-in-vienna.md").is_file()
    sources = (out / "sources.md").read_text(encoding="utf-8")
    assert "example.org" in sources and "2001:db8" not in sources
    warnings = [f.message for f in check_seeds(folder).findings]
    assert warnings[:3] == [
        "link 1 'its statement': target 'http://[2001:db8::1/statement' is not a web address, "
        "so it is not linked",
        "link 2 'notes': target 'http://user@[bad]/x' is not a web address, so it is not linked",
        "link 3 'third source': target 'http://example.org:99999/port' is not a web address, "
        "so it is not linked",
    ]


def test_malformed_sidecar_href_is_a_check_error(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path, "talks.txt")
    shutil.copy(BAD / "only-links.txt", folder / "links.txt")
    (folder / "links.yml").write_text("links:\n  - link: 1\n    href: http://[x/y\n")
    report = check_seeds(folder)
    assert [str(f) for f in report.findings if f.severity == "error"] == [
        f"{folder / 'links.yml'}:3: error: href must be an http(s) or mailto address (got 'http://[x/y')"
    ]


# 5. A lone surrogate escape in a sidecar passed `check`, then killed the build.
@pytest.mark.parametrize("key", ["title", "url", "publication"])
def test_lone_surrogate_in_a_sidecar_is_an_error(tmp_path: Path, key: str) -> None:
    folder = seeds_folder(tmp_path, "talks.txt")
    (folder / "talks.yml").write_text(f'date: 2023-05-04\n{key}: "Talks \\ud800 in Vienna"\n')
    report = check_seeds(folder)
    assert [str(f) for f in report.findings if f.severity == "error"] == [
        f"{folder / 'talks.yml'}:2: error: {key} holds U+D800, which is not a printable character"
    ]
    corpus = load_corpus(folder)
    assert corpus.briefings == () and len(corpus.errors) == 1
    out = tmp_path / "out"
    assert cli.main(["build", "--seeds", str(folder), "--out", str(out), "--no-cache"]) == 1


# 10. A briefing with slug `index` replaced the All-briefings page.
def test_a_briefing_is_never_the_briefings_index(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path)
    shutil.copy(BAD / "index.txt", folder)
    corpus = load_corpus(folder)
    assert [b.slug for b in corpus.briefings] == ["index-2"]
    pages = generate_pages(corpus.briefings)
    assert "\n# All briefings\n" in "\n" + pages["briefings/index.md"]
    assert "briefings/index-2.md" in pages


# 15. A seed linking to a file outside the seeds folder was published.
def test_seed_linking_outside_its_folder_is_refused(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path, "talks.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text("# Secret\n\nThe runner's token is here and must not be published.\n")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "alias.txt").symlink_to("talks.txt")  # inside the folder: fine
    corpus = load_corpus(folder)
    assert [str(e) for e in corpus.errors] == [
        f"{folder / 'leak.txt'}: a symbolic link to a file outside its folder; copy the file "
        "instead"
    ]
    assert sorted(b.source for b in corpus.briefings) == ["alias.txt", "talks.txt"]


def test_sidecar_linking_outside_its_folder_is_refused(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path, "talks.txt")
    outside = tmp_path / "config.yml"
    outside.write_text("title: Secret\n")
    (folder / "talks.yml").symlink_to(outside)
    (error,) = load_corpus(folder).errors
    assert error.message == "a symbolic link to a file outside its folder; copy the file instead"


# 16. A YAML alias bomb in a gold file made `evaluate` run out of memory.
def test_alias_bomb_in_a_gold_file_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yml"
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    bomb.write_text("\n".join(lines) + "\n")
    with pytest.raises(BriefingError) as error:
        load_gold(bomb)
    assert str(error.value) == (
        f"{bomb}:2: aliases (*name) are not allowed in a gold file; repeat the value"
    )


# 17. Minor: bidi overrides (a case of bad_input/), files skipped silently, a newline in a
# file name breaking `check`'s lines, the sidecar reference 010.
def test_odd_seed_files_are_reported_not_skipped(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path, "talks.txt", "UPPER.TXT")
    (folder / "dir.txt").mkdir()
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    corpus = load_corpus(folder)
    assert sorted(b.source for b in corpus.briefings) == ["UPPER.TXT", "talks.txt"]
    assert sorted(str(e) for e in corpus.errors) == [
        f"{folder / 'dangling.txt'}: a symbolic link to nothing (a broken link)",
        f"{folder / 'dir.txt'}: is a folder, not a seed file",
    ]


def test_check_prints_one_line_per_finding_whatever_the_file_name(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path, "talks.txt", "a\nb\u202e.txt")
    (folder / "x\n\ny.txt").write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "check", "--seeds", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    lines = result.stdout.splitlines()
    assert f"{folder}/x\\n\\ny.txt: error: file is empty" in lines
    assert all(line.startswith((str(folder), "checked ")) for line in lines), lines
    assert lines[-1].startswith("checked 3 seeds")


@pytest.mark.parametrize("ref", ["010", "+3", "0x1", "1_0"])
def test_sidecar_reference_is_plain_digits_or_quoted_text(tmp_path: Path, ref: str) -> None:
    folder = seeds_folder(tmp_path, "talks.txt")
    (folder / "talks.yml").write_text(f"demands:\n  drop: [{ref}]\n")
    (error,) = load_corpus(folder).errors
    assert error.line == 2
    assert error.message == (
        "an entry of demands.drop must be a number from 1 written without a sign or leading "
        "zeros, or a "
        f"text in quotes (got {ref})"
    )


# 11. `build --out`: tracebacks for a file or a path through one, staging folders left by a
# full disk or Ctrl-C, an empty folder of the user's made private.
def build_out(seeds: Path, out: Path) -> int:
    return cli.main(["build", "--seeds", str(seeds), "--out", str(out), "--no-cache"])


def test_out_that_is_a_file_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    folder = seeds_folder(tmp_path, "talks.txt")
    readme = tmp_path / "README.md"
    readme.write_text("mine")
    assert build_out(folder, readme) == 1
    assert f"error: {readme}: is a file, not a folder; choose another --out" in (
        capsys.readouterr().err
    )
    assert build_out(folder, readme / "sub") == 1
    err = capsys.readouterr().err
    assert f"error: {readme / 'sub'}: {readme} is a file, not a folder" in err
    assert "Traceback" not in err
    assert readme.read_text() == "mine"


def leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out-"))


def test_full_disk_leaves_nothing_staged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    folder = seeds_folder(tmp_path, "talks.txt", "more.txt")
    out = tmp_path / "out"
    assert build_out(folder, out) == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    # An edited seed: the next build has pages to write (an unchanged one would only link
    # the previous output's files).
    with (folder / "more.txt").open("a", encoding="utf-8") as f:
        f.write("\n\nThe envoy said a second round of talks must begin in May.\n")
    real = Path.write_text
    writes = []

    def fill_disk(self: Path, *args: object, **kwargs: object) -> int:
        writes.append(self)
        if len(writes) > 1:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", fill_disk)
    assert build_out(folder, out) == 1
    assert "cannot write there (No space left on device)" in capsys.readouterr().err
    assert leftovers(tmp_path) == []
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before, "the old output stays"


def test_ctrl_c_leaves_nothing_staged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = seeds_folder(tmp_path, "talks.txt")

    def interrupt(self: Path, *args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_bytes", interrupt)
    assert build_out(folder, tmp_path / "out") == 130
    assert leftovers(tmp_path) == [] and not (tmp_path / "out").exists()


def test_leftovers_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path, "talks.txt")
    dead = 4_000_000  # above any pid_max Linux allows: no such process
    for name in (f".out-build{dead}-x1", f".out-old-{dead}"):
        (tmp_path / name).mkdir()
        (tmp_path / name / ".generated-by-build-tools").write_text("x")
    (tmp_path / ".out-build1-notours").mkdir()  # no marker: not this tool's
    assert build_out(folder, tmp_path / "out") == 0
    assert leftovers(tmp_path) == [".out-build1-notours"]


def test_an_empty_folder_keeps_its_permissions(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path, "talks.txt")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o750)
    assert build_out(folder, out) == 0
    assert (out / "index.md").is_file()
    assert out.stat().st_mode & 0o777 == 0o750


# Found while fixing 5: a file name that is not UTF-8 (Linux allows any bytes) became lone
# surrogates in the page, and the build failed writing it.
def test_file_name_that_is_not_utf8(tmp_path: Path, capsys) -> None:
    folder = seeds_folder(tmp_path)
    name = os.fsdecode(b"caf\xe9.txt")
    shutil.copy(ARTICLE, folder / name)
    (folder / os.fsdecode(b"\xff.txt")).write_bytes(b"")
    out = tmp_path / "out"
    assert build_out(folder, out) == 0  # the empty seed fails, the other is published
    err = capsys.readouterr().err
    assert f"{folder}/\\udcff.txt: file is empty" in err
    page = (out / "briefings" / "talks-resume-in-geneva.md").read_text(encoding="utf-8")
    assert "**Source file:** `caf\ufffd.txt`" in page


def test_bidi_override_in_a_file_name_is_dropped_from_the_briefing(tmp_path: Path) -> None:
    folder = seeds_folder(tmp_path, "report\u202etxt.exe.txt")
    (b,) = load_corpus(folder).briefings
    assert b.source == "reporttxt.exe.txt"
