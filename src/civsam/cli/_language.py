"""The language the command speaks, and saying a catalogue text in it.

``--lang`` decides, else the project's ``language``, else the environment's
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English. ``--help`` and usage
errors come before the arguments are parsed, so the language is read from the raw
arguments first; a project that loads (or fails to) may change it later.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from civsam import CivsamError, Language, Project
from civsam.files._limits import read_file
from civsam.labels import label

__all__ = [
    "asked_language",
    "environment_language",
    "file_language",
    "named_project_language",
    "say",
    "speak",
]


def environment_language(environ: Mapping[str, str]) -> Language | None:
    """The language the environment's locale asks for, if it is one civsam speaks.

    The variables are read in the order gettext reads them: ``LANGUAGE`` (a list, GNU),
    then the first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set. ``C`` or a
    locale civsam does not speak gives ``None``: English, the fallback.
    """
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if not value:
            continue
        for part in value.split(":"):
            code = re.split(r"[_.@-]", part, maxsplit=1)[0].lower()
            if code in {"da", "en"}:
                return Language(code)
        if name != "LANGUAGE":  # the locale that decides: not one civsam speaks
            return None
    return None


def asked_language(argv: Sequence[str]) -> Language | None:
    """The language ``--lang`` asks for, read before the arguments are parsed.

    ``--help`` and usage errors are printed while parsing, so they need it earlier than
    argparse gives it; a wrong value is left for argparse to refuse.
    """
    for index, word in enumerate(argv):
        if word == "--":
            break
        value = None
        if word == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif word.startswith("--lang="):
            value = word.removeprefix("--lang=")
        if value in {"da", "en"}:
            return Language(value)
    return None


# `language = "da"` on a line of its own (TOML), or `"language": "da"` anywhere (JSON).
_LANGUAGE_IN_FILE = {
    ".toml": re.compile(
        rb"""^[ \t]*["']?language["']?[ \t]*=[ \t]*["'](da|en)["']""", re.MULTILINE
    ),
    ".json": re.compile(rb'"language"\s*:\s*"(da|en)"'),
}


def file_language(path: Path) -> Language | None:
    """The language a project file names, read from its text when it does not load.

    A file with a mistake still says which language its people read, and its errors
    are said in that language; a file that names none is Danish, as it would load.
    """
    pattern = _LANGUAGE_IN_FILE.get(path.suffix.lower())
    if pattern is None:
        return None
    try:
        found = pattern.search(read_file(path))
    except (CivsamError, OSError):
        return None
    return Language(found.group(1).decode()) if found else Language.DA


def named_project_language(argv: Sequence[str]) -> Language | None:
    """The language of the first project file named on the command line, if it names one.

    A usage error or ``--help`` comes before the project is loaded; a Danish project's
    user gets them in Danish all the same.
    """
    for word in argv:
        if word == "--":
            break
        if word.endswith((".toml", ".json")):
            try:
                named = Path(word).is_file()
            except OSError:  # a name the system refuses: loading it will say why
                named = False
            if named:
                return file_language(Path(word))
    return None


def speak(args: argparse.Namespace, project: Project) -> None:
    """From now on the command speaks the project's language, unless --lang says otherwise."""
    if not args.lang:
        args.language = project.language


def say(args: argparse.Namespace, key: str, /, **values: object) -> str:
    """A catalogue text in the language the command speaks."""
    return label(key, args.language, **values)
