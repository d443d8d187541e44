"""Text laid out in a terminal's columns: 80 wide, wide characters counted twice.

What the commands print as lines (the board, tables, wrapped sentences) is measured
here in columns, not characters, so Danish, Chinese and combining marks line up alike.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Collection, Sequence
from typing import TextIO

__all__ = ["WIDTH", "fit", "table", "text_width", "wrap", "write_lines"]

WIDTH = 80


def _columns(char: str) -> int:
    """Columns one character takes in a terminal: wide 2, combining marks 0, others 1."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def text_width(text: str) -> int:
    """Columns a text takes in a terminal: wide characters 2, combining marks 0."""
    return sum(map(_columns, text))


def fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` columns (with "…"), then pad it to exactly that width.

    The cut keeps the longest start of the text that leaves a column for the "…",
    found in one pass: a 20,000-character name costs what it is long, not its square.
    """
    text = "".join(" " if char.isspace() else char for char in text)  # one line per entry
    used = text_width(text)
    if used > width:
        used, end = 0, 0
        for end, char in enumerate(text):  # noqa: B007 - end is the cut after the loop
            if used + _columns(char) > width - 1:
                break
            used += _columns(char)
        text = text[:end] + "…"
        used += 1
    return text + " " * (width - used)


def wrap(text: str, indent: str = "", hanging: str | None = None) -> list[str]:
    """``text`` as lines of at most 80 columns, each starting with ``indent``."""
    return textwrap.wrap(
        " ".join(text.split()),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_on_hyphens=False,
    )


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    flexible: int,
    right: Collection[int] = (),
) -> list[str]:
    """Rows under their headers in columns two spaces apart, at most 80 columns wide.

    The ``flexible`` column (a name) gets what the others leave, and a longer name is cut
    with "…"; the columns in ``right`` (numbers) are aligned right.
    """
    widths = [
        max(text_width(cell) for cell in column) for column in zip(headers, *rows, strict=True)
    ]
    others = sum(widths) - widths[flexible] + 2 * (len(widths) - 1)
    widths[flexible] = max(min(widths[flexible], WIDTH - others), 10)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            " " * (size - text_width(cell)) + cell if index in right else fit(cell, size)
            for index, (cell, size) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(headers), *(line(row) for row in rows)]


def write_lines(lines: Sequence[str], out: TextIO) -> None:
    """``lines`` written to ``out``, each ended by a line break."""
    out.write("".join(f"{line}\n" for line in lines))
