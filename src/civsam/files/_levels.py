"""Scores from table cells: numbers 1–5, or the guide's level words, with a note after.

The guide's table says "Høj – potentiale for at skalere": a level word, then why. The
word sets the score; the rest is kept as the note, so nothing the group wrote is lost.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from civsam._checks import MAX_SCORE, MIN_SCORE
from civsam._message import Text

__all__ = ["EASE", "IMPORTANCE", "LevelError", "Scale", "parse_level"]


class Scale(NamedTuple):
    """The words a scale accepts, and how to name them in an error.

    ``shown`` lists the words in both languages, as a cell may hold either: it is the
    same in a Danish and an English error.
    """

    words: dict[str, int]
    shown: str


IMPORTANCE = Scale(
    {
        "høj": 5, "hoej": 5, "hoj": 5, "high": 5,
        "middel": 3, "mellem": 3, "medium": 3,
        "lav": 1, "low": 1,
    },
    "høj, middel, lav (high, medium, low)",
)  # fmt: skip
EASE = Scale(
    {
        "nemt": 5, "nem": 5, "let": 5, "easy": 5,
        "middel": 3, "mellem": 3, "medium": 3,
        "svært": 1, "svaert": 1, "svær": 1, "hard": 1, "difficult": 1,
    },
    "nemt, middel, svært (easy, medium, hard)",
)  # fmt: skip

_NUMBER = re.compile(r"(\d+)(?:[.,]0+)?(?=$|[^\w.,])")
_WORD = re.compile(r"\w+")
_SEPARATORS = " \t\r\n-–—:;,./()"


_SCORE = Text("model.level_score")


class LevelError(ValueError):
    """A cell that holds neither a score nor a level word.

    ``found`` is the cell's text; ``expected`` a catalogue text, said in the reader's
    language where the problem is shown.
    """

    def __init__(self, found: str, expected: Text) -> None:
        self.found = found
        self.expected = expected
        super().__init__(Text("model.expected_found", expected=expected, found=repr(found)))


def parse_level(cell: str, scale: Scale) -> tuple[int | None, str]:
    """Split a cell into ``(score, note)``; an empty cell is ``(None, "")``.

    Raises :class:`LevelError` for a cell that does not start with a score or a word.
    """
    text = cell.strip()
    if not text:
        return None, ""
    if match := _NUMBER.match(text):
        score = int(match.group(1))
        if not MIN_SCORE <= score <= MAX_SCORE:
            raise LevelError(text, _SCORE)
        return score, text[match.end() :].strip(_SEPARATORS)
    if (match := _WORD.match(text)) and (level := scale.words.get(match.group().lower())):
        return level, text[match.end() :].strip(_SEPARATORS)
    raise LevelError(text, Text("model.level_score_or_word", words=scale.shown))
