"""The errors civsam raises: one base class, and a validation error that lists every problem.

An error about input says where (file, line or row, field), what was found and what was
expected, so that a person can fix the input without reading a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from civsam._message import Sayable, Text

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["CivsamError", "Message", "Problem", "ValidationError", "raised", "said"]

Message = str | Sayable
"""A message: a catalogue :class:`~civsam.labels.Text` said in the reader's language, or a
plain string shown as it is (a value from the input, or a plugin's own words)."""


def said(message: Message, language: str) -> str:
    """``message`` in ``language``: a text said in it, a plain string as it is."""
    return message.say(language) if isinstance(message, Sayable) else message


def _said_or_none(message: Message | None) -> str | None:
    return None if message is None else str(message)


class CivsamError(Exception):
    """Base class of every error civsam raises on purpose.

    Its message may be a catalogue :class:`~civsam.labels.Text`: ``str(error)`` is then
    English, and :meth:`text` says it in the language of the person who reads it, as the
    command line does.
    """

    def text(self, language: str = "en") -> str:
        """The message in ``language`` (``"da"`` or ``"en"``)."""
        if len(self.args) == 1 and isinstance(self.args[0], Sayable):
            return self.args[0].say(language)
        return super().__str__()

    def __str__(self) -> str:
        return self.text("en")


@attrs.frozen(slots=True)
class Problem:
    """One thing wrong with some input, located as precisely as civsam can.

    ``path`` is the field inside the document (``organisations[2].kind``), ``line`` the
    1-based line of a text file or row of a table, when known. ``found`` and ``expected``
    are short human descriptions; ``found`` never repeats a whole personal-data value.
    ``message``, ``found`` and ``expected`` are catalogue texts where civsam wrote them
    (said in the reader's language by :meth:`text`), plain strings where they quote the
    input.
    """

    # Problems are equal when they read the same (in English): a text from the catalogue
    # equals the string it says, so a test or a caller can compare with plain words.
    message: Message = attrs.field(eq=str)
    path: str = ""
    file: str | None = None
    line: int | None = None
    found: Message | None = attrs.field(default=None, eq=_said_or_none)
    expected: Message | None = attrs.field(default=None, eq=_said_or_none)

    @property
    def location(self) -> str:
        """Where the problem is, as ``file:line: path`` with the unknown parts left out."""
        return self.where("en")

    def where(self, language: str) -> str:
        """:attr:`location` in ``language``: "line 3" is "linje 3" in Danish."""
        place = self.file or ""
        if self.line is not None:
            place = (
                f"{place}:{self.line}"
                if place
                else Text("error.line", line=self.line).say(language)
            )
        if self.path:
            place = f"{place}: {self.path}" if place else self.path
        return place

    def text(self, language: str = "en") -> str:
        """The whole problem, located, in ``language``."""
        text = said(self.message, language)
        if self.found is not None:
            text += Text("error.found", found=said(self.found, language)).say(language)
        if self.expected is not None:
            text += Text("error.expected", expected=said(self.expected, language)).say(language)
        place = self.where(language)
        return f"{place}: {text}" if place else text

    def __str__(self) -> str:
        return self.text("en")


class ValidationError(CivsamError, ValueError):
    """Input that civsam cannot accept, with every problem found in it (``problems``)."""

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self.text("en"))

    def text(self, language: str = "en") -> str:
        """Every problem, one per line under a count, in ``language``."""
        count = len(self.problems)
        head = (
            Text("error.problems_in", count=count, source=self.source)
            if self.source
            else Text("error.problems", count=count)
        )
        return "\n".join(
            [
                f"{head.say(language)}:",
                *(f"  {problem.text(language)}" for problem in self.problems),
            ]
        )


@attrs.frozen(eq=False)
class _Raised:
    """An exception as a failure tells it, ``Type: message``.

    A civsam error is said in the reader's language, any other in its own words.
    """

    error: BaseException

    def say(self, language: str) -> str:
        """The exception in ``language``."""
        error = self.error
        message = error.text(language) if isinstance(error, CivsamError) else str(error)
        return f"{type(error).__name__}: {message}"

    def __str__(self) -> str:
        return self.say("en")


def raised(error: BaseException) -> _Raised:
    """``error`` as a failure message shows it: ``KeyError: 'setting'``."""
    return _Raised(error)
