"""The workshop how-to, in English and Danish, and the screenshots the docs build takes.

docs/howto/workshop.md and docs/howto/vaerksted.md tell a group how to use the workshop
board. Their commands run as written (test_docs.py's rules), both pages run the same
commands, they name every key the board's script handles, show each screenshot, and
document every field of the changes file with an example civsam reads and writes back
to the same text. docs/make_screenshots.py writes the screenshots: labelled stand-ins
without Chromium (fast), and real screenshots in Debian's Chromium (slow).
"""

from __future__ import annotations

import base64
import functools
import importlib.resources
import importlib.util
import itertools
import re
import shlex
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import attrs
import pytest

import civsam
import test_docs

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = {"en": DOCS / "howto" / "workshop.md", "da": DOCS / "howto" / "vaerksted.md"}
CHANGES_SECTION = {"en": "## The changes file", "da": "## Ændringsfilen"}
SVG = "{http://www.w3.org/2000/svg}"

KEYS: dict[str, dict[str, str]] = {
    "ArrowRight": {"en": "Right arrow (→)", "da": "Pil til højre (→)"},
    "ArrowLeft": {"en": "Left arrow (←)", "da": "Pil til venstre (←)"},
    "ArrowUp": {"en": "Up arrow (↑)", "da": "Pil op (↑)"},
    "ArrowDown": {"en": "Down arrow (↓)", "da": "Pil ned (↓)"},
    "Tab": {"en": "| Tab |", "da": "| Tab |"},
    "Shift+Tab": {"en": "| Shift+Tab |", "da": "| Skift+Tab |"},
    "Enter": {"en": "Enter or Space", "da": "Enter eller mellemrum"},
}
"""Each key the board handles, and how each page names it in its table of keys."""
NATIVE = ("Tab", "Shift+Tab", "Enter")
"""Keys the board leaves to the browser: moving the focus, pressing its buttons."""
_KEY_NAMES = re.compile(
    r"\b(Arrow(?:Up|Down|Left|Right)|Enter|Escape|Esc|Tab|Home|End|PageUp|PageDown|Delete"
    r"|Backspace|Spacebar|Space|Key[A-Z]|Digit\d|F\d{1,2})\b"
)
"""KeyboardEvent.key and .code names, as a script that handles a key must spell them."""


def _page(language: str) -> str:
    return PAGES[language].read_text(encoding="utf-8")


def _board_script() -> str:
    """The board's script, without its comments (they may name keys it does not handle)."""
    text = (importlib.resources.files("civsam_exporters._workshop") / "board.js").read_text(
        encoding="utf-8"
    )
    return re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE)


def _keys_in_board() -> set[str]:
    return set(_KEY_NAMES.findall(_board_script()))


@functools.cache
def _screenshots() -> ModuleType:
    """docs/make_screenshots.py, imported by path as docs/conf.py imports it (once)."""
    spec = importlib.util.spec_from_file_location("make_screenshots", DOCS / "make_screenshots.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Its dataclass looks its own module up by name, as for any imported module.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# -- the pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_pages_commands_run_as_written(
    language: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every command and Python block of the page runs, with the output the page shows."""
    test_docs.test_page_examples_run(PAGES[language], tmp_path, monkeypatch, capsys)


def _commands(language: str) -> list[str]:
    return [
        line.removeprefix("$ ")
        for block in test_docs.code_blocks(_page(language))
        if block.language == "console"
        for line in block.code.splitlines()
        if line.startswith("$ civsam ")
    ]


_SAME_FILES = {"eksempel.toml": "example.toml", "tavle.html": "board.html"}


def _shape(command: str) -> tuple[str, ...]:
    """A command with its files named in English and its free text and --lang left out."""
    words = shlex.split(command, comments=True)
    shape: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word in {"--note", "--lang"}:
            skip = True
            shape.append(word if word == "--note" else "")
            continue
        shape.append(_SAME_FILES.get(word, word.replace("rapport", "report")))
    return tuple(word for word in shape if word)


def test_both_pages_run_the_same_commands() -> None:
    """The Danish page is the English one in Danish: the same commands, the same options."""
    english, danish = _commands("en"), _commands("da")
    assert len(english) >= 10
    assert [_shape(c) for c in danish] == [_shape(c) for c in english]


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_pages_show_every_step_of_the_workshop(language: str) -> None:
    """Make the board, apply (dry run, conflict, force, twice), see changes, re-assess."""
    commands = _commands(language)
    for step in (
        r"civsam export \S+ -f workshop .*",
        r"civsam apply \S+ \S+\.json --dry-run.*",
        r"civsam apply \S+ \S+\.json( --lang en)?  # exits 1",
        r"civsam apply \S+ \S+\.json --force.*",
        r"civsam apply \S+ \S+\.json( --lang en)?",
        r"civsam changes \S+ --since .*",
        r"civsam export \S+ -f html --since .*",
        r"civsam assess \S+ .*",
    ):
        assert any(re.fullmatch(step, command) for command in commands), step


def test_the_english_page_answers_in_english() -> None:
    """The example project is Danish: every English command that answers asks for English."""
    for command in _commands("en"):
        if not command.startswith("civsam init "):
            assert "--lang en" in command, command


def test_the_board_script_handles_the_keys_the_test_knows() -> None:
    """The arrow keys are found in the board's script, so the key test below is not vacuous."""
    assert {"ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"} <= _keys_in_board()


def test_every_key_the_board_handles_has_a_name_here() -> None:
    """A key the script starts to handle must be added to KEYS, and so to both pages."""
    unknown = _keys_in_board() - set(KEYS)
    assert not unknown, f"board.js handles {sorted(unknown)}: name them in KEYS and the pages"


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_pages_name_every_key_the_board_handles(language: str) -> None:
    """Each key the board's script handles, and the browser's own, is in the page's table."""
    page = _page(language)
    for key in sorted(_keys_in_board() | set(NATIVE)):
        assert KEYS[key][language] in page, f"{PAGES[language].name} does not name {key}"


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_pages_show_their_screenshots_with_a_text_alternative(language: str) -> None:
    """Each screenshot in the page's language, as an image described in words."""
    images = re.findall(r"!\[([^\]]*)\]\(([^)\s]+)\)", _page(language))
    shown = {path: alt for alt, path in images}
    for shot in _screenshots().SHOTS:
        path = f"../_generated/{shot.name(language)}"
        assert path in shown, f"{PAGES[language].name} does not show {path}"
        assert len(shown[path]) > 80, f"{path}: describe the screenshot in its alt text"


def _changes_section(language: str) -> str:
    page = _page(language)
    start = page.index(CHANGES_SECTION[language] + "\n")
    end = page.find("\n## ", start + 1)
    return page[start : end if end >= 0 else None]


def _example(language: str) -> str:
    (block,) = re.findall(r"```json\n(.*?)```", _changes_section(language), flags=re.DOTALL)
    return str(block)


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_changes_files_example_is_what_civsam_reads_and_writes(language: str) -> None:
    """The example reads as a valid version 1 file and writes back to the same text."""
    text = _example(language)
    changes = civsam.read_changes(text.encode(), source="example.json")
    assert civsam.changes_json(changes) == text
    assert '"version": 1' in text
    assert civsam.CHANGES_VERSION == 1


def _documented(section: str) -> set[str]:
    """The keys a definition list names: each term (the line before a ": ") holds `key`s."""
    lines = section.splitlines()
    terms = [term for term, line in itertools.pairwise(lines) if line.startswith(": ")]
    return {key for term in terms for key in re.findall(r"`(\w+)`", term)}


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_changes_file_section_documents_every_field(language: str) -> None:
    """Every key of the file and of a change is a term of the section's definition lists."""
    fields = {"format", "version"} | {f.name for f in attrs.fields(civsam.Changes)}
    fields |= {f.name for f in attrs.fields(civsam.Change)}
    fields |= {f.name for f in attrs.fields(civsam.BoardCell)}
    assert _documented(_changes_section(language)) == fields


def test_the_api_reference_links_to_the_changes_file_section() -> None:
    """docs/api.md links to #the-changes-file: the English page keeps that heading."""
    assert "\n## The changes file\n" in _page("en")
    assert "howto/workshop.md#the-changes-file" in (DOCS / "api.md").read_text(encoding="utf-8")


def test_the_pages_are_in_the_table_of_contents() -> None:
    """Both pages are listed in docs/index.md, next to the lifecycle how-to."""
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    assert "howto/lifecycle\nhowto/workshop\nhowto/vaerksted\n" in index


# -- the screenshots ------------------------------------------------------------------------


def _svg(path: Path) -> ET.Element:
    root = ET.fromstring(path.read_bytes())  # noqa: S314 - our own script's output
    assert root.tag == f"{SVG}svg"
    return root


def _size(root: ET.Element) -> tuple[int, int]:
    return int(root.attrib["width"]), int(root.attrib["height"])


def test_without_chromium_the_pictures_are_labelled_stand_ins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same six files, each saying it needs Chromium; one line on stderr says why."""
    screenshots = _screenshots()
    written = screenshots.write_screenshots(tmp_path, chromium=str(tmp_path / "no-chromium"))
    expected = [tmp_path / s.name(lang) for s in screenshots.SHOTS for lang in ("da", "en")]
    assert written == expected
    for path, (shot, _) in zip(
        written, [(s, lang) for s in screenshots.SHOTS for lang in ("da", "en")], strict=True
    ):
        root = _svg(path)
        assert _size(root) == (shot.width, shot.height)
        assert "data-stand-in" in root.attrib
        words = " ".join(text.text or "" for text in root.iter(f"{SVG}text"))
        assert "Chromium" in words
        assert shot.what in words
        assert root.find(f"{SVG}image") is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "stand-ins" in err


def test_a_stand_in_is_tried_again_and_unchanged_files_keep_their_time(tmp_path: Path) -> None:
    """A second build without Chromium writes the same bytes and leaves the files alone."""
    screenshots = _screenshots()
    missing = str(tmp_path / "no-chromium")
    first = screenshots.write_screenshots(tmp_path, chromium=missing)
    times = [path.stat().st_mtime_ns for path in first]
    contents = [path.read_bytes() for path in first]
    second = screenshots.write_screenshots(tmp_path, chromium=missing)
    assert [path.stat().st_mtime_ns for path in second] == times
    assert [path.read_bytes() for path in second] == contents


def _png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.mark.slow
def test_with_chromium_the_pictures_are_screenshots_of_the_board(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real screenshots at each shot's size, different per language and after the moves."""
    pytest.importorskip("playwright.sync_api", reason="the screenshots need Playwright")
    screenshots = _screenshots()
    if screenshots.find_chromium() is None:
        pytest.skip("the screenshots need Chromium: apt-get install chromium")
    written = screenshots.write_screenshots(tmp_path)
    assert capsys.readouterr().err == ""
    pictures: dict[str, bytes] = {}
    for path in written:
        root = _svg(path)
        assert "data-screenshot" in root.attrib
        image = root.find(f"{SVG}image")
        assert image is not None
        href = image.attrib["href"]
        assert href.startswith("data:image/png;base64,")
        png = base64.b64decode(href.removeprefix("data:image/png;base64,"))
        assert _png_size(png) == _size(root)
        pictures[path.name] = png
    assert len(set(pictures.values())) == len(pictures)  # six different pictures

    # A second build takes no screenshot: the board and the script are unchanged.
    def no_browser(*_: object) -> None:
        pytest.fail("a current screenshot was taken again")

    monkeypatch.setattr(screenshots, "_take", no_browser)
    times = [path.stat().st_mtime_ns for path in written]
    assert screenshots.write_screenshots(tmp_path) == written
    assert [path.stat().st_mtime_ns for path in written] == times
