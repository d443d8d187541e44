"""What goes wrong, and how the user hears of it: exit statuses, messages and warnings.

A command fails by raising: a :class:`~civsam.CivsamError` (or a system error) is
invalid input, exit 1; a :class:`UsageError` is wrong usage, exit 2. :func:`describe`
says either in one line, in the language the command speaks.
"""

from __future__ import annotations

import argparse
import logging
import sys

from civsam import CivsamError, Language
from civsam._oserror import os_reason
from civsam.cli._terminal import clean
from civsam.errors import Message
from civsam.labels import Sayable, label

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "UsageError",
    "Warnings",
    "describe",
    "message_of",
    "shown",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class UsageError(CivsamError):
    """Wrong use of the command: exit status 2."""


_SHOWN = 60
"""The most of a typed value an error message repeats: enough to recognise it."""


def shown(text: str) -> str:
    """What the user typed, quoted, and cut short when it is long."""
    return repr(text) if len(text) <= _SHOWN else f"{text[: _SHOWN - 1]!r}…"


def message_of(error: BaseException) -> Message:
    """An error's message as it was made: a catalogue text when it is one."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, Sayable) else str(error)


def describe(error: BaseException, language: Language) -> str:
    """What went wrong, in ``language``, in one line where the error is the system's."""
    if isinstance(error, CivsamError):
        return error.text(language)
    if isinstance(error, OSError):
        # A path the system refused (a folder where a file was expected, a name too
        # long, a loop of links): the user's input, said as the path and the reason.
        reason = os_reason(error)
        if error.filename is None:
            return reason.say(language)
        return label("cli.os_error", language, path=error.filename, reason=reason)
    if isinstance(error, RecursionError | MemoryError):
        return label("cli.too_large", language, kind=type(error).__name__)
    return str(error)


class Warnings(logging.Handler):
    """civsam's warnings (a plugin that failed to load) on standard error, said well.

    Said in the language the command speaks when the warning comes, and cleaned for the
    terminal like every other message.
    """

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(logging.WARNING)
        self.args = args

    def emit(self, record: logging.LogRecord) -> None:
        """Print the warning, said in the command's language, cleaned for the terminal."""
        message = record.msg
        text = (
            message.say(self.args.language)
            if isinstance(message, Sayable) and not record.args
            else record.getMessage()
        )
        print(clean(f"civsam: {text}"), file=sys.stderr)
