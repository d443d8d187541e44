"""The errors civsam raises: one base class, and a validation error that lists every problem.

An error about input says where (file, line or row, field), what was found and what was
expected, so that a person can fix the input without reading a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["CivsamError", "Problem", "ValidationError"]


class CivsamError(Exception):
    """Base class of every error civsam raises on purpose."""


@attrs.frozen(slots=True)
class Problem:
    """One thing wrong with some input, located as precisely as civsam can.

    ``path`` is the field inside the document (``organisations[2].kind``), ``line`` the
    1-based line of a text file or row of a table, when known. ``found`` and ``expected``
    are short human descriptions; ``found`` never repeats a whole personal-data value.
    """

    message: str
    path: str = ""
    file: str | None = None
    line: int | None = None
    found: str | None = None
    expected: str | None = None

    @property
    def location(self) -> str:
        """Where the problem is, as ``file:line: path`` with the unknown parts left out."""
        place = self.file or ""
        if self.line is not None:
            place = f"{place}:{self.line}" if place else f"line {self.line}"
        if self.path:
            place = f"{place}: {self.path}" if place else self.path
        return place

    def __str__(self) -> str:
        text = self.message
        if self.found is not None:
            text += f"; found {self.found}"
        if self.expected is not None:
            text += f"; expected {self.expected}"
        return f"{self.location}: {text}" if self.location else text


class ValidationError(CivsamError, ValueError):
    """Input that civsam cannot accept, with every problem found in it (``problems``)."""

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''}"
        if self.source:
            head += f" in {self.source}"
        return "\n".join([f"{head}:", *(f"  {problem}" for problem in self.problems)])
