"""The tutorial (docs/tutorial.md, docs/vejledning.md) and README.md's picture.

README.md shows ``docs/board.svg``, committed because GitHub and PyPI cannot run the
docs build. When the board changes, these tests fail until it is drawn again with::

    python docs/make_pictures.py

The docs build draws the tutorial's own pictures with the same function
(``docs/make_pictures.py``, called from ``docs/conf.py``); test_docs.py runs the pages.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
from pathlib import Path
from types import ModuleType

import pytest

import civsam
from civsam.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
PAGES = {"en": DOCS / "tutorial.md", "da": DOCS / "vejledning.md"}
REGENERATE = "python docs/make_pictures.py"
# What README.md's quick start tells people to type; .ci/run greps the second one.
SETUP_COMMANDS = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install . && civsam demo civsam-demo",
    "python3 -m pip install --upgrade nox && python3 -m nox",
)

_PYTHON_BLOCK = re.compile(r"^```python\n(?P<code>.*?)^```$", re.DOTALL | re.MULTILINE)
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<target>[^)\s]+)\)")


def _make_pictures() -> ModuleType:
    """docs/make_pictures.py, imported by path as docs/conf.py imports it."""
    spec = importlib.util.spec_from_file_location("make_pictures", DOCS / "make_pictures.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _board(language: str) -> bytes:
    data: bytes = _make_pictures().board(language)
    return data


def test_readme_picture_is_the_current_board() -> None:
    """The committed docs/board.svg is what civsam draws now for the bundled example."""
    committed = (DOCS / "board.svg").read_bytes()
    assert committed == _board("en"), (
        f"docs/board.svg is not the board civsam draws now; run `{REGENERATE}` and commit it"
    )


def test_the_documented_command_draws_the_same_board(
    tmp_path: Path, example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`civsam export` of the example, at make_pictures' timestamp, gives the same bytes."""
    stamp = _make_pictures().STAMP
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(stamp.timestamp())))
    out = tmp_path / "board.svg"
    assert main(["export", str(example_path), "-f", "svg", "--lang", "en", "-o", str(out)]) == 0
    assert out.read_bytes() == _board("en")


def test_the_docs_build_draws_a_board_in_each_language(tmp_path: Path) -> None:
    """write_pictures, which conf.py calls, writes the board and the report in each language."""
    written = _make_pictures().write_pictures(tmp_path / "_generated")
    assert [path.name for path in written] == [
        "board-da.svg",
        "board-en.svg",
        "report-da.html",
        "report-en.html",
    ]
    danish, english = (path.read_text(encoding="utf-8") for path in written[:2])
    assert "<svg" in danish
    assert "<svg" in english
    assert "Lad os starte her" in danish
    assert "Lad os starte her" not in english
    assert "start here" in english
    assert written[0].read_bytes() == _board("da")
    for report, language in zip(written[2:], ("da", "en"), strict=True):
        text = report.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert f'lang="{language}"' in text
        assert "Birthe Søndergaard" not in text  # contact persons stay out, as in every export


def test_drawing_again_leaves_an_unchanged_picture_alone(tmp_path: Path) -> None:
    """A picture that is already right is not rewritten, so Sphinx does not copy it again."""
    pictures = _make_pictures()
    for path in pictures.write_pictures(tmp_path):
        os.utime(path, ns=(10**9, 10**9))  # 1970: a rewrite would make it now
    pictures.write_pictures(tmp_path)
    assert {path.stat().st_mtime_ns for path in tmp_path.iterdir()} == {10**9}


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_page_shows_its_board_with_a_text_alternative(language: str) -> None:
    """Each page shows the board in its language, described in words, each partner named."""
    text = PAGES[language].read_text(encoding="utf-8")
    images = [m for m in _IMAGE.finditer(text) if m["target"].endswith(".svg")]
    assert [m["target"] for m in images] == [f"_generated/board-{language}.svg"]
    alt = images[0]["alt"]
    for quadrant in civsam.Quadrant:
        assert civsam.label(f"quadrant.{quadrant.value}", language).casefold() in alt.casefold()
    for placement in civsam.prioritise(civsam.example()):
        assert placement.partner.name.split(",")[0].split(" (")[0] in alt


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_pages_table_gives_the_board_shown(
    language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's Excel table puts the example's partners where the pictured board has them."""
    monkeypatch.chdir(tmp_path)
    blocks = [m["code"] for m in _PYTHON_BLOCK.finditer(PAGES[language].read_text("utf-8"))]
    namespace: dict[str, object] = {}
    for code in blocks[:2]:  # the table, then its ease column
        exec(compile(code, str(PAGES[language]), "exec"), namespace)  # noqa: S102 - the page's own code
    imported = civsam.read_table(tmp_path / "partnere.xlsx", owner="Aarhus Kommune")

    def board(project: civsam.Project) -> list[tuple[str, civsam.Quadrant, float, float, int]]:
        return [
            (p.partner.name, p.quadrant, p.importance, p.ease, p.rank)
            for p in civsam.prioritise(project)
        ]

    assert board(imported) == board(civsam.example())


def _commands(page: Path) -> list[list[str]]:
    """The `civsam` commands a page runs: subcommand and format, without --lang."""
    commands = []
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("$ civsam "):
            words = shlex.split(line.removeprefix("$ "), comments=True)
            fmt = [words[words.index("-f") + 1]] if "-f" in words else []
            commands.append([words[1], *fmt])
    return commands


def test_both_pages_run_the_same_commands() -> None:
    """The Danish and the English tutorial take the reader through the same steps."""
    english, danish = _commands(PAGES["en"]), _commands(PAGES["da"])
    assert english == danish
    assert ["export", "svg"] in english
    assert ["export", "ics"] in english
    assert ["export", "html"] in english


def test_the_english_page_answers_in_english() -> None:
    """The table is Danish, so every English command that prints labels asks for English."""
    for line in PAGES["en"].read_text(encoding="utf-8").splitlines():
        words = line.split()
        if line.startswith("$ civsam ") and words[2] not in {"import-table", "check"}:
            assert "--lang en" in line, line


def test_the_tutorial_comes_first_in_the_docs() -> None:
    """The first-day pages open the table of contents, before the how-tos."""
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    toctree = index.split("```{toctree}", 1)[1].split("```", 1)[0]
    entries = [line for line in toctree.splitlines()[1:] if line and not line.startswith(":")]
    assert entries[:2] == ["tutorial", "vejledning"]


def test_readme_shows_the_board_and_the_two_commands() -> None:
    """README.md shows the committed board near the top and keeps its set-up commands."""
    readme = README.read_text(encoding="utf-8")
    lines = readme.splitlines()
    pictures = [m for m in _IMAGE.finditer(readme) if m["target"] == "docs/board.svg"]
    assert len(pictures) == 1
    assert pictures[0]["alt"]
    assert readme.index("docs/board.svg") < readme.index("## Quick start")
    for command in SETUP_COMMANDS:
        assert command in lines, f"README.md no longer shows `{command}` on a line of its own"
