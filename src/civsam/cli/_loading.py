"""The project file a command names: its suffix checked, the file read, its language spoken.

A file that loads makes the command speak the project's language; a file that does not
still names its language, and its problems are said in it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import civsam
from civsam import CivsamError, Project, ValidationError
from civsam.cli._errors import UsageError, message_of
from civsam.cli._language import file_language, speak
from civsam.files.io import format_for

__all__ = ["load", "project_path", "reading"]

_Read = TypeVar("_Read")


def project_path(path: str) -> Path:
    """A project file's path; an unknown suffix is wrong usage (exit 2)."""
    try:
        format_for(path)
    except CivsamError as error:
        raise UsageError(message_of(error)) from None
    return Path(path)


def reading(args: argparse.Namespace, reader: Callable[[Path], _Read]) -> _Read:
    """What ``reader`` makes of the project file ``args.path``.

    A file that does not load still names its language, and its problems are said in it.
    """
    where = project_path(args.path)
    try:
        return reader(where)
    except ValidationError:
        if not args.lang:
            args.language = file_language(where) or args.language
        raise


def load(args: argparse.Namespace) -> Project:
    """The project file ``args.path``, loaded; the command speaks its language from now on."""
    project = reading(args, civsam.load)
    speak(args, project)
    return project
