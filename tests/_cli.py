"""Running the ``civsam`` command in-process, and measuring what it prints, for the CLI tests."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from civsam.cli import main

if TYPE_CHECKING:
    import pytest


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command in-process: exit status, standard output, standard error."""
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse's own usage errors
        status = exit_.code if isinstance(exit_.code, int) else 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def columns(line: str) -> int:
    """How many terminal columns a line takes: wide characters 2, combining marks 0."""
    return sum(
        0
        if unicodedata.combining(char)
        else 2
        if unicodedata.east_asian_width(char) in {"W", "F"}
        else 1
        for char in line
    )


def grouped(number: int, language: str) -> str:
    """A whole number grouped by thousands as the command writes it: 4.429 (da), 4,429 (en)."""
    text = f"{number:,}"
    return text.replace(",", ".") if language == "da" else text
