"""Find the line a field stands on, so that an error can say "file.toml:12".

tomllib and json give line numbers only for syntax errors. For problems found later (a
wrong value, an unknown key) civsam scans the text once more, only when there is an
error to report, and maps each field path to its line.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re
import tomllib
from collections.abc import Callable, Iterable

from civsam._where import Path, format_path
from civsam.errors import Message, Problem

__all__ = [
    "Locator",
    "Path",
    "Row",
    "format_path",
    "json_duplicates",
    "json_locator",
    "located",
    "toml_locator",
]

Locator = Callable[[Path], int | None]
Row = tuple[Path, Message, Message | None, Message | None]
"""A problem before it has a line: path, message, what was found, what was expected.

Each is a catalogue text, said in the reader's language, or a string quoted from the input.
"""

_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]

_TOML_ARRAY_HEADER = re.compile(r"\s*\[\[\s*([^\]]+?)\s*\]\]")
_TOML_TABLE_HEADER = re.compile(r"\s*\[\s*([^\]]+?)\s*\]")
_TOML_KEY = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_JSON_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def located(rows: Iterable[Row], source: str | None, locate: Locator) -> list[Problem]:
    """Each row as a :class:`~civsam.Problem` with its file and line, in the file's order."""
    problems = [
        Problem(
            message,
            path=format_path(path),
            file=source,
            line=locate(path),
            found=found,
            expected=expected,
        )
        for path, message, found, expected in rows
    ]
    problems.sort(key=lambda problem: (problem.line is None, problem.line or 0))
    return problems


def _lookup(index: dict[Path, int], path: Path) -> int | None:
    for end in range(len(path), 0, -1):
        line = index.get(path[:end])
        if line is not None:
            return line
    return None


def _unquote(key: str) -> str:
    r"""A quoted TOML key as tomllib reads it.

    TOML's escapes are not JSON's (``\U0001F600``), nor are its rules (a raw tab is
    allowed); a key it cannot read stays as written, and matches no path.
    """
    if key.startswith('"'):
        try:
            return next(iter(tomllib.loads(f"{key} = 0")))
        except (tomllib.TOMLDecodeError, StopIteration):
            return key
    return key.strip("'")


def toml_locator(text: str) -> Locator:
    """Map paths to lines in a civsam TOML file: headers, array items and keys."""
    index: dict[Path, int] = {}
    counts: dict[str, int] = {}
    current: Path = ()
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
            in_multiline = not in_multiline
            if not in_multiline:
                continue
        if in_multiline:
            continue
        if match := _TOML_ARRAY_HEADER.match(line):
            name = match.group(1)
            position = counts.get(name, 0)
            counts[name] = position + 1
            current = (*name.split("."), position)
            index.setdefault(current, number)
            index.setdefault(current[:-1], number)
        elif match := _TOML_TABLE_HEADER.match(line):
            current = tuple(match.group(1).split("."))
            index.setdefault(current, number)
        elif match := _TOML_KEY.match(line):
            key = _unquote(match.group(1))
            index.setdefault((*current, key), number)
    return lambda path: _lookup(index, path)


def json_locator(text: str) -> Locator:
    """Map paths to lines in a JSON document that ``json.loads`` already accepted."""
    index = _json_scan(text)
    return lambda path: _lookup(index, path)


def json_duplicates(text: str) -> list[tuple[Path, int]]:
    """Each key a JSON object gives again, with the line it is given again on.

    ``json.loads`` keeps the last value of a repeated key without a word; a project file
    refuses it, as TOML does. For a document ``json.loads`` already accepted.
    """
    duplicates: list[tuple[Path, int]] = []
    _json_scan(text, duplicates)
    return duplicates


def _json_scan(  # noqa: C901 - one recursive-descent scanner
    text: str, duplicates: list[tuple[Path, int]] | None = None
) -> dict[Path, int]:
    """The line of every path in ``text``; with ``duplicates``, also each repeated key."""
    index: dict[Path, int] = {}
    newlines = [match.start() for match in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_left(newlines, offset) + 1

    def skip(position: int) -> int:
        match = _WHITESPACE.match(text, position)
        return match.end() if match else position

    def value(position: int, path: Path) -> int:  # noqa: C901 - one branch a JSON value
        position = skip(position)
        index.setdefault(path, line_of(position))
        char = text[position]
        if char == "{":
            position = skip(position + 1)
            if text[position] == "}":
                return position + 1
            seen: set[str] = set()
            while True:
                position = skip(position)
                key_line = line_of(position)
                key, position = _scanstring(text, position + 1)
                if key in seen:  # JSON keeps the last value: point there
                    index[(*path, key)] = key_line
                    if duplicates is not None:
                        duplicates.append(((*path, key), key_line))
                else:
                    index.setdefault((*path, key), key_line)
                    seen.add(key)
                position = skip(position) + 1  # the colon
                position = skip(value(position, (*path, key)))
                if text[position] == "}":
                    return position + 1
                position += 1  # the comma
        if char == "[":
            position = skip(position + 1)
            if text[position] == "]":
                return position + 1
            item = 0
            while True:
                position = skip(value(position, (*path, item)))
                item += 1
                if text[position] == "]":
                    return position + 1
                position += 1
        if char == '"':
            return _scanstring(text, position + 1)[1]
        match = _JSON_SCALAR.match(text, position)
        return match.end() if match else position + 1

    with contextlib.suppress(IndexError, ValueError):  # only called on valid JSON
        value(0, ())
    return index
