"""What the command line prints is cleaned of control characters: shown, never obeyed."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import civsam
from _cli import run
from civsam.cli._terminal import CleanText, clean

# Everything a terminal may act on: C0 but line feed and tab, DEL, C1, bidi controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
ESCAPES = "\x1b[2J\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07\x07\r\u202egnp.exe"


def test_clean_shows_escapes_as_text() -> None:
    """ESC, BEL, CR and a right-to-left override become visible escapes; letters stay."""
    assert clean("a\x1b[31mb\x07c\rd\u202ee") == "a\\x1b[31mb\\x07c\\x0dd\\u202ee"


def test_clean_keeps_line_breaks_tabs_and_danish() -> None:
    """Ordinary text, æøå, emoji, tabs and line breaks pass unchanged."""
    text = "Ældre Sagen\tÅrhus\nBesøg 🎉 – “godt”"
    assert clean(text) == text


@given(st.text())
def test_clean_leaves_no_control_character(text: str) -> None:
    """Whatever the text, nothing a terminal acts on is left, and clean is idempotent."""
    cleaned = clean(text)
    assert RAW.search(cleaned) is None
    assert clean(cleaned) == cleaned


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Zl", "Zp"))))
def test_clean_changes_nothing_without_controls(text: str) -> None:
    """Text with no control or format character is printed exactly as it is."""
    assert clean(text) == text


def hostile(example_path: Path) -> Path:
    """The bundled example with escapes in a readiness note and in review notes."""
    text = example_path.read_text(encoding="utf-8")
    text = text.replace(
        'note = "Der er endnu ikke afsat timer til frivilligkonsulenterne"',
        f"note = {json.dumps(ESCAPES)}",
    )
    text = text.replace('note = "Kun ét møde', f'note = "{json.dumps(ESCAPES)[1:-1]} Kun ét møde')
    example_path.write_text(text, encoding="utf-8")
    return example_path


@pytest.mark.parametrize(
    "command",
    [
        ["readiness"],
        ["matrix", "--today", "2026-10-01"],
        ["plan", "--start", "2026-10-01"],
        ["checklist", "aeldresagen-aarhus"],
        ["introductions", "roede-kors-aarhus", "--today", "2026-10-01"],
        ["due", "--today", "2026-12-01"],
        ["check"],
    ],
    ids=lambda command: command[0],
)
def test_no_command_prints_raw_control_characters(
    command: list[str], example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Names and notes holding escapes are printed with the escapes visible, never raw."""
    path = hostile(example_path)
    status, out, err = run([command[0], str(path), *command[1:]], capsys)
    assert status == 0, err
    assert RAW.search(out + err) is None


def test_a_review_note_with_escapes_is_printed_cleaned(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note typed with escapes is stored as typed, and `checklist` shows it cleaned."""
    args = ["review", str(example_path), "roede-kors-aarhus", "talk_often=red:\x1b]52;c;aGk=\x07"]
    status, _, err = run([*args, "--date", "2026-11-01"], capsys)
    assert status == 0, err
    notes = [review.items[0].note for review in civsam.load(example_path).reviews]
    assert "\x1b]52;c;aGk=\x07" in notes
    status, out, _ = run(["checklist", str(example_path), "roede-kors-aarhus"], capsys)
    assert status == 0
    assert "\\x1b]52;c;aGk=\\x07" in out
    assert RAW.search(out) is None


def test_an_error_naming_typed_text_is_cleaned(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown partner typed with escapes is named in the error with them visible."""
    status, out, err = run(["checklist", str(example_path), "nobody\x1b[2J\x07"], capsys)
    assert status == 1
    assert out == ""
    assert "nobody\\x1b[2J\\x07" in err
    assert RAW.search(err) is None


def test_the_cleaning_stream_closes_quietly_after_the_stream_it_wraps() -> None:
    """Closing (or collecting) the wrapper after its stream was closed raises nothing.

    Python 3.13 reports an error in a stream's finaliser: the command line's wrapper
    around a test's captured stdout, closed first, failed every later test.
    """
    raw = io.BytesIO()
    inner = io.TextIOWrapper(raw, encoding="utf-8")  # as pytest's captured stdout is
    wrapper = CleanText(inner)
    wrapper.write("a\x1b[2Jb")
    wrapper.flush()
    written = raw.getvalue()
    inner.close()
    wrapper.close()
    assert wrapper.closed
    assert written == b"a\\x1b[2Jb"


def test_closing_the_cleaning_stream_leaves_the_wrapped_one_open() -> None:
    """The wrapper does not own standard output: closing it flushes, never closes."""
    inner = io.StringIO()
    wrapper = CleanText(inner)
    wrapper.close()
    assert not inner.closed
