"""The Danish reader's word list (docs/words.md) agrees with the catalogue and the CLI."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from civsam.cli import _values
from civsam.labels import catalogue
from civsam.model import Language

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _make_words() -> ModuleType:
    """docs/make_words.py, imported by path."""
    spec = importlib.util.spec_from_file_location("make_words", DOCS / "make_words.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_page_is_what_the_catalogue_says() -> None:
    """docs/words.md is exactly what `python docs/make_words.py` writes now."""
    page = (DOCS / "words.md").read_text(encoding="utf-8")
    assert page == _make_words().page(), "run `python docs/make_words.py` and commit words.md"


def test_every_term_row_is_the_catalogues_text() -> None:
    """Each row's Danish and English are the catalogue's texts for its key."""
    page = (DOCS / "words.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| ") and line.endswith("` |")]
    assert len(rows) > 100
    danish, english = catalogue("da"), catalogue("en")
    for row in rows:
        da, en, key = (cell.strip() for cell in row.strip("|").split(" | "))
        key = key.strip("`")
        assert (da, en) == (danish[key].replace("|", "\\|"), english[key].replace("|", "\\|"))


def test_the_guides_board_words_are_listed() -> None:
    """The four squares, the axes and the levels: what a workshop group reads first."""
    keys = {key for _, key, _, _ in _make_words().terms()}
    for key in (
        "quadrant.start_here",
        "quadrant.discuss",
        "quadrant.not_now",
        "quadrant.not_worth_it",
        "level.high",
        "level.easy",
        "column.importance",
        "column.contact",
    ):
        assert key in keys


WORDS: dict[str, _values.Words[Any]] = {
    "touchpoint_kind": _values.KINDS,
    "step": _values.STEPS,
    "item": _values.ITEMS,
    "status": _values.STATUSES,
    "paper": _values.PAPERS,
}


@pytest.mark.parametrize(("value", "danish", "english"), _make_words().typed_words())
def test_every_listed_word_is_accepted(value: str, danish: str, english: str) -> None:
    """Each word the page lists for a value is read as that value, in either language."""
    area, _, member = value.rpartition(".")
    words = WORDS[area]
    for word in (*danish.split(","), *english.split(",")):
        for language in Language:
            assert words.parse(word.strip(), language).value == member
            assert words.parse(word.strip().upper().replace("_", " "), language).value == member


def test_every_value_has_its_words() -> None:
    """No value a user types lacks a Danish word: each enum member is on the page."""
    listed = {value for value, _, _ in _make_words().typed_words()}
    expected = {
        f"{area}.{member.value}" for area, words in WORDS.items() for member in words.members
    }
    assert listed == expected
