r"""Bounded input: a project file is measured before it is trusted.

A file is held to :class:`Limits` in three steps, each refusing what would make the next
one hang, eat memory or overflow the stack:

1. **Reading**: only a regular file, and at most ``max_bytes`` + 1 bytes of it, so that a
   device (``/dev/zero``) or a named pipe is refused, never read.
2. **Before parsing**, a scan of a few C-speed passes over the bytes: how many tables and
   lists the file opens, how deeply they nest, and (TOML) how many parts a dotted key
   has. ``json`` and ``tomllib`` recurse once per level, and ``tomllib`` takes time and
   memory quadratic in the parts of one dotted key (100 KB of ``a.a.a…`` took 151 s and
   14.7 GB). Only when this scan sees a possible excess does an exact, slower one look
   for it and its line.
3. **After parsing**: lone surrogates (``"\ud800"``: text no file or screen can hold)
   and the number of organisations, relations, …; then, while the converter structures
   the file (:meth:`Parsed.held_to_limits`), the length of every text and inner list,
   compared as each value is read, and the count of keys that shows a JSON key given
   twice (JSON keeps the last silently; TOML refuses it).

Every exceeded limit is a :class:`~civsam.ValidationError` whose problems say where
(file, line, field), what was found and what was expected. ``docs/limits.md`` gives the
limits and why they are what they are.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import stat
import tomllib
from typing import TYPE_CHECKING, Any, Literal

import attrs

from civsam._document import SECTIONS
from civsam._message import Text
from civsam._oserror import os_reason
from civsam.errors import CivsamError, Problem, ValidationError
from civsam.files._converter import MAX_LIST, MAX_NAME, MAX_TEXT, Budget, budget
from civsam.files._locate import (
    Row,
    format_path,
    json_duplicates,
    json_locator,
    located,
    toml_locator,
)
from civsam.model import FIRST_DAY, LAST_DAY, is_plannable

if TYPE_CHECKING:
    from collections.abc import Iterator

    from civsam.files._locate import Path as FieldPath

__all__ = [
    "DEFAULT_LIMITS",
    "FIRST_DAY",
    "LAST_DAY",
    "Grouped",
    "Limits",
    "Parsed",
    "check_size",
    "parse",
    "parse_day",
    "read_descriptor",
    "read_file",
]

Format = Literal["toml", "json"]

_MiB = 1024 * 1024
_SHOWN = 40
"""How much of a value an error repeats."""
_DEPTH_RANGE = (8, 100)
"""A valid file nests 5 deep; deeper than 100 the parsers' recursion is not safe."""


@attrs.frozen
class Grouped:
    """A whole number with its thousands grouped as the reader writes them.

    268,435,456 in English is 268.435.456 in Danish, where a comma marks decimals.
    """

    number: int

    def say(self, language: str) -> str:
        """The number in ``language``'s grouping."""
        text = f"{self.number:,}"
        return text.replace(",", ".") if language == "da" else text

    def __str__(self) -> str:
        return self.say("en")


def _amount(unit: str, number: int) -> Text:
    """``number`` of a unit (``"limits.bytes"``), singular or plural: "1 byte", "2 bytes"."""
    return Text(unit, count=number, number=Grouped(number))


def _at_most(amount: Text | Grouped, setting: str) -> Text:
    return Text("limits.at_most", amount=amount, setting=f"Limits.{setting}")


def _at_least_one(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or value < 1:
        name = f"{type(instance).__name__}.{attribute.name}"
        raise ValueError(Text("limits.at_least_one", name=name, value=repr(value)))


def _depth(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    low, high = _DEPTH_RANGE
    if type(value) is not int or not low <= value <= high:
        name = f"{type(instance).__name__}.{attribute.name}"
        raise ValueError(Text("limits.depth", name=name, low=low, high=high, value=repr(value)))


def _limit(default: int) -> Any:
    return attrs.field(default=default, validator=_at_least_one)


@attrs.frozen(kw_only=True)
class Limits:
    """How much of a project file civsam reads before it refuses the file.

    The defaults let a national register (100,000 organisations and 300,000 relations,
    73 MB of indented JSON) load with room to spare, and keep the worst a hostile file
    can do to a few gigabytes of memory and a minute of time. ``docs/limits.md`` says
    why each is what it is.
    """

    max_bytes: int = _limit(256 * _MiB)
    """The file's size. 256 MiB: 3.5 × the national register."""
    max_depth: int = attrs.field(default=16, validator=_depth)
    """Lists and tables within one another, and the parts of a dotted TOML key."""
    max_tables: int = _limit(10_000_000)
    """Tables and lists in the whole file, counted before parsing (memory)."""
    max_items: int = _limit(1_000_000)
    """Items in one of the file's lists: organisations, relations, touchpoints, …."""
    max_list: int = _limit(MAX_LIST)
    """Items in a list inside an item: contacts, target groups, ratings, closed days."""
    max_name: int = _limit(MAX_NAME)
    """Characters in a name, id, e-mail, phone, role or target group."""
    max_text: int = _limit(MAX_TEXT)
    """Characters in a free text: notes, description, shared interest, challenges, …."""


DEFAULT_LIMITS = Limits()


# -- dates given on the command line -------------------------------------------------------


def parse_day(text: str) -> dt.date:
    """``YYYY-MM-DD`` as a date civsam can plan with, for ``--date``/``--today``/``--start``.

    Raises :class:`~civsam.ValidationError` with one problem, whose ``str`` is one line.
    """
    try:
        day = dt.date.fromisoformat(text) if len(text) == 10 else None  # noqa: PLR2004
    except ValueError:
        day = None
    if day is None or not is_plannable(day):
        problem = Problem(
            Text("limits.not_plannable"),
            found=repr(text) if len(text) <= _SHOWN else f"{text[: _SHOWN - 1]!r}…",
            expected=Text(
                "limits.plannable", first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()
            ),
        )
        raise ValidationError([problem])
    return day


# -- 1. reading ------------------------------------------------------------------------------

_KINDS = (
    (stat.S_ISDIR, "limits.kind.folder"),
    (stat.S_ISFIFO, "limits.kind.pipe"),
    (stat.S_ISCHR, "limits.kind.device"),
    (stat.S_ISBLK, "limits.kind.device"),
    (stat.S_ISSOCK, "limits.kind.socket"),
)


def file_kind(mode: int) -> Text:
    """What a file that is not a regular one is, in words: "a named pipe", …."""
    return Text(next((key for test, key in _KINDS if test(mode)), "limits.kind.other"))


def _not_regular(path: str, mode: int) -> CivsamError:
    return CivsamError(Text("limits.not_regular", path=path, kind=file_kind(mode)))


def _too_large(size: Text, limits: Limits, source: str | None) -> ValidationError:
    problem = Problem(
        Text("limits.too_large"),
        file=source,
        found=size,
        expected=_at_most(_amount("limits.bytes", limits.max_bytes), "max_bytes"),
    )
    return ValidationError([problem], source=source)


def read_file(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a regular file, refusing anything larger than ``limits.max_bytes``.

    A named pipe, a device or a folder is refused before it is opened (reading
    ``/dev/zero`` never ends; opening a pipe waits for a writer), and the file is opened
    without waiting, in case it was swapped for a pipe meanwhile.
    """
    name = os.fspath(path)
    try:
        status = os.stat(name)  # noqa: PTH116 - the descriptor-level twin is os.fstat
        if not stat.S_ISREG(status.st_mode):
            raise _not_regular(name, status.st_mode)
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise CivsamError(Text("files.cannot_read", path=name, reason=os_reason(error))) from None
    try:
        return read_descriptor(descriptor, limits, name)
    finally:
        os.close(descriptor)


def read_descriptor(descriptor: int, limits: Limits, source: str) -> bytes:
    """Read an open regular file from where it stands, at most ``max_bytes`` + 1 bytes.

    For a caller that holds the file open already (under a lock, say): the check that it
    is a regular file is made on the descriptor itself, so it holds for what is read.
    """
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise _not_regular(source, status.st_mode)
        if status.st_size > limits.max_bytes:
            raise _too_large(_amount("limits.bytes", status.st_size), limits, source)
        chunks: list[bytes] = []
        left = limits.max_bytes + 1  # one more than allowed: a file that grew is seen
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 * _MiB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as error:
        raise CivsamError(Text("files.cannot_read", path=source, reason=os_reason(error))) from None
    if left <= 0:
        more = Text("limits.more_than", amount=_amount("limits.bytes", limits.max_bytes))
        raise _too_large(more, limits, source)
    return b"".join(chunks)


def check_size(data: str | bytes, limits: Limits, source: str | None) -> None:
    """Refuse text or bytes larger than ``limits.max_bytes`` before decoding them."""
    # A character is at least one byte of UTF-8; parse() measures text's bytes exactly.
    if len(data) > limits.max_bytes:
        unit = "limits.bytes" if isinstance(data, bytes) else "limits.characters"
        raise _too_large(_amount(unit, len(data)), limits, source)


# -- 2. before parsing: the file's skeleton --------------------------------------------------
#
# The skeleton is the file with its strings and comments taken out and only the bytes
# that build structure kept: brackets, braces, and (JSON) colons or (TOML) the dots,
# equals signs, commas and line ends of keys. It is made with bytes.translate and
# bytes.replace, at C speed: strings are taken out by pairing their quotes (two quotes
# side by side enclose nothing that matters; what is left is split on quotes and every
# second piece dropped). TOML with comments, literal or multi-line strings is tokenised
# with one regular expression instead. From the skeleton come an exact count of tables
# (JSON) and upper bounds on nesting and on the parts of a dotted key; a bound over the
# limit sends the file to an exact scan (below), which finds the line or clears it.


def _keeping(kept: bytes) -> bytes:
    """The ``deletechars`` for ``bytes.translate`` that keep only ``kept``."""
    return bytes(byte for byte in range(256) if byte not in kept)


_JSON_DROP = _keeping(b'[]{}":')
_TOML_DROP = _keeping(b'[]{}".=,\n')
_TOML_DROP_QUOTED = _keeping(b"[]{}.=,\n")
_BRACKETS_DROP = _keeping(b"[]{}")
_ESCAPE = re.compile(rb"\\.", re.DOTALL)

_TOML_STRINGS = (
    r'"""(?:[^"\\]|\\.|"(?!""))*+"{0,2}"""'
    r"|'''(?:[^']|'(?!''))*+'{0,2}'''"
    r'|"(?:[^"\\\n]|\\.)*+"'
    r"|'[^'\n]*+'"
    r"|\#[^\n]*+"
)
"""TOML's strings (multi-line first) and comments, as ``tomllib`` reads them."""
_TOML_STRIP = re.compile(_TOML_STRINGS, re.DOTALL)


def _unquote(skeleton: bytes) -> bytes:
    """Take out the strings of a skeleton that still has its double quotes."""
    skeleton = skeleton.replace(b'""', b"")
    if b'"' in skeleton:
        skeleton = b"".join(skeleton.split(b'"')[::2])
    return skeleton


def _json_skeleton(data: bytes) -> bytes:
    if b"\\" in data:
        data = _ESCAPE.sub(b"", data)  # \" and \\ would pair quotes wrongly
    return _unquote(data.translate(None, _JSON_DROP))


def _toml_skeleton(text: str, data: bytes) -> bytes:
    if any(mark in text for mark in ("'", "#", '"""')):
        stripped = _TOML_STRIP.sub("", text).encode("utf-8", "surrogatepass")
        return stripped.translate(None, _TOML_DROP_QUOTED)
    # Only one-line basic strings: the quotes pair up as in JSON.
    if b"\\" in data:
        data = _ESCAPE.sub(b"", data)
    return _unquote(data.translate(None, _TOML_DROP))


def _nesting_bound(skeleton: bytes, limit: int) -> int:
    """An upper bound on how deeply the skeleton's brackets nest; over ``limit`` if it does.

    Each ``replace`` takes out the innermost pairs of one kind, one level at most, so the
    number of ``replace`` calls that took something is at least the depth of what they
    took; what is left cannot close, and each bracket left open adds a level.
    """
    brackets = skeleton.translate(None, _BRACKETS_DROP)
    calls = 0
    while brackets and calls <= limit:
        before = len(brackets)
        for pair in (b"[]", b"{}"):
            shorter = brackets.replace(pair, b"")
            if len(shorter) < len(brackets):
                calls += 1
                brackets = shorter
        if len(brackets) == before:
            break
    return calls + brackets.count(b"[") + brackets.count(b"{")


# -- 2b. the exact scans, for a file the skeleton found suspicious -------------------------

_CLOSES = {"[": "]", "{": "}"}
_JSON_SKIP = re.compile(r'(?:[^"\[\]{}]++|"(?:[^"\\]|\\.)*+")*+', re.DOTALL)
_TOML_SKIP = re.compile(rf"(?:[^\"'#\[\]{{}}.=,\n]++|{_TOML_STRINGS})*+", re.DOTALL)


def _excess(text: str, fmt: Format, limit: int) -> tuple[int, str] | None:
    """Where the text first nests deeper than ``limit``, or has a longer dotted key.

    Strings and comments are skipped by one regular expression per structural
    character; the scan stops where the parser would stop: at the first excess, at a
    bracket that closes nothing or the wrong thing, or at a string that never ends.
    Returns the offset and what is exceeded (``"depth"`` or ``"parts"``).
    """
    skip = _JSON_SKIP if fmt == "json" else _TOML_SKIP
    opened: list[str] = []
    dots = 0
    position = 0
    while True:
        position = skip.match(text, position).end()  # type: ignore[union-attr] # always matches
        if position >= len(text):
            return None
        char = text[position]
        if char in _CLOSES:
            opened.append(char)
            if len(opened) > limit:
                return position, "depth"
            dots = 0
        elif char in "]}":
            if not opened or _CLOSES[opened.pop()] != char:
                return None
            dots = 0
        elif char == ".":
            dots += 1
            if dots >= limit:  # limit dots: limit + 1 parts
                return position, "parts"
        elif char in "=,\n":
            dots = 0
        else:  # a quote that opens a string that never ends: the parser stops here
            return None
        position += 1


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _scan(text: str, data: bytes, fmt: Format, limits: Limits, source: str | None) -> int | None:
    """Refuse what the parser must not see; returns JSON's key count, for duplicates."""
    if fmt == "json":
        skeleton = _json_skeleton(data)
        members: int | None = skeleton.count(b":")
        tables = skeleton.count(b"[") + skeleton.count(b"{")
        dotted = False
    else:
        skeleton = _toml_skeleton(text, data)
        members = None
        # A dotted key makes a table of each part but the last: count the dots too.
        tables = skeleton.count(b"[") + skeleton.count(b"{") + skeleton.count(b".")
        dotted = b"." * limits.max_depth in skeleton
    if tables > limits.max_tables:
        problem = Problem(
            Text("limits.too_many_tables"),
            file=source,
            # TOML's count is a bound (a dot may be a decimal point): say only that it is over.
            found=(
                Grouped(tables)
                if fmt == "json"
                else Text("limits.more_than", amount=Grouped(limits.max_tables))
            ),
            expected=_at_most(Grouped(limits.max_tables), "max_tables"),
        )
        raise ValidationError([problem], source=source)
    if dotted or _nesting_bound(skeleton, limits.max_depth) > limits.max_depth:
        found = _excess(text, fmt, limits.max_depth)
        if found is not None:
            position, what = found
            problem = _excess_problem(what, limits, source, _line(text, position))
            raise ValidationError([problem], source=source)
    return members


def _excess_problem(what: str, limits: Limits, source: str | None, line: int | None) -> Problem:
    message, unit = (
        ("limits.too_many_parts", "limits.parts")
        if what == "parts"
        else ("limits.too_deep", "limits.levels")
    )
    return Problem(
        Text(message),
        file=source,
        line=line,
        found=Text("limits.more_than", amount=_amount(unit, limits.max_depth)),
        expected=_at_most(Grouped(limits.max_depth), "max_depth"),
    )


# -- 3. after parsing: what the skeleton cannot see --------------------------------------

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""A JSON escape of half a surrogate pair; ``_surrogates`` then looks for a lone one."""
_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogates(raw: Any) -> Iterator[tuple[FieldPath, str]]:
    """The path of each key or text in ``raw`` that holds a lone surrogate, and the half."""
    stack: list[tuple[FieldPath, Any]] = [((), raw)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if match := _SURROGATE.search(key):
                    yield (*path, key), match.group()
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str) and (match := _SURROGATE.search(value)):
            yield path, match.group()


def _lone(raw: Any, text: str) -> list[tuple[FieldPath, str]]:
    """JSON's lone surrogates: only an escape makes one, so only a file with one is walked."""
    if "\\" not in text or not _SURROGATE_ESCAPE.search(text):
        return []
    return list(_surrogates(raw))


def _shown(path: FieldPath) -> str:
    """A path as an error shows it: a key's lone surrogate as its escape, printable."""
    return format_path(path).encode("utf-8", "backslashreplace").decode("utf-8")


def _lone_surrogate(path: FieldPath, char: str, line: int | None, source: str | None) -> Problem:
    return Problem(
        Text("limits.lone_surrogate"),
        path=_shown(path),
        file=source,
        line=line,
        found=Text("limits.surrogate_alone", escape=f"\\u{ord(char):04x}"),
        expected=Text("limits.whole_characters"),
    )


def _encoded(text: str, source: str | None) -> bytes:
    """``text`` as UTF-8, refusing a lone surrogate (only a ``str`` argument can hold one)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        char = text[error.start]
        problem = _lone_surrogate((), char, _line(text, error.start), source)
        raise ValidationError([problem], source=source) from None


def _sections(raw: Any, limits: Limits) -> Iterator[Row]:
    """The lists of the file (organisations, relations, …) that hold too many items."""
    if not isinstance(raw, dict):
        return
    for name in SECTIONS:
        items = raw.get(name)
        if isinstance(items, list) and len(items) > limits.max_items:
            yield (
                (name,),
                Text("limits.too_many_items"),
                Grouped(len(items)),
                _at_most(Grouped(limits.max_items), "max_items"),
            )


def parse(
    text: str,
    fmt: Format,
    *,
    source: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    data: bytes | None = None,
) -> Parsed:
    """Parse a project file's text within ``limits``; structure it inside ``held_to_limits``.

    ``data`` is the UTF-8 the text was decoded from, when there is one (it saves
    encoding the text again). Raises :class:`~civsam.ValidationError` for an exceeded
    limit or a lone surrogate; lets ``tomllib.TOMLDecodeError`` and
    ``json.JSONDecodeError`` through, for the caller to report as syntax errors.
    """
    if data is None:
        data = _encoded(text, source)
    check_size(data, limits, source)
    members = _scan(text, data, fmt, limits, source)
    try:
        raw = tomllib.loads(text) if fmt == "toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError):
        raise
    except ValueError:
        # Python refuses to read an integer of more than 4,300 digits (its own guard
        # against slow conversions); the scan lets long numbers through to here.
        problem = Problem(
            Text("limits.long_number", fmt=fmt.upper()),
            file=source,
            expected=Text("limits.short_number"),
        )
        raise ValidationError([problem], source=source) from None
    except RecursionError:
        # Within max_depth (at most 100) only a caller already deep in its own stack
        # gets here: the scan has made sure the file itself nests no deeper.
        problem = Problem(
            Text("limits.too_deep_for_stack"),
            file=source,
            expected=Text("limits.fewer_levels"),
        )
        raise ValidationError([problem], source=source) from None
    problems: list[Problem] = []
    lone = _lone(raw, text) if fmt == "json" else []
    if lone:
        locate = json_locator(text)
        problems += [_lone_surrogate(p, char, locate(p), source) for p, char in lone]
    if rows := list(_sections(raw, limits)):
        locate = toml_locator(text) if fmt == "toml" else json_locator(text)
        problems += located(rows, source, locate)
    if problems:
        raise ValidationError(sorted(problems, key=_by_line), source=source)
    return Parsed(raw, text, source, limits, members)


@attrs.frozen
class Parsed:
    """A parsed file, and what structuring it must still be held to."""

    raw: Any
    """The parsed document, as ``tomllib`` or ``json`` gives it."""
    text: str
    source: str | None
    limits: Limits
    members: int | None
    """How many keys the JSON text gives (``None`` for TOML, which refuses repeats)."""

    @contextlib.contextmanager
    def held_to_limits(self) -> Iterator[None]:
        """Structure the document inside this: texts and lists are held to the limits.

        A JSON key given twice is found here: once structuring succeeds, by a count of
        the keys read that falls short of the keys written; if it fails, by looking, so
        that the repeat is reported with the other problems.
        """
        counted = Budget(
            max_name=self.limits.max_name,
            max_text=self.limits.max_text,
            max_list=self.limits.max_list,
        )
        token = budget.set(counted)
        try:
            yield
        except ValidationError as error:
            if repeats := self._repeats():
                problems = sorted([*repeats, *error.problems], key=_by_line)
                raise ValidationError(problems, source=error.source) from None
            raise
        finally:
            budget.reset(token)
        # Fewer keys read than written: a key given twice, or a table the classes do not
        # read (which structuring would have refused): the look tells which.
        top = len(self.raw) if isinstance(self.raw, dict) else 0
        if self.members not in (None, counted.keys + top) and (repeats := self._repeats()):
            raise ValidationError(repeats, source=self.source)

    def _repeats(self) -> list[Problem]:
        """Each JSON key given twice, located (none for TOML)."""
        if self.members is None or not _has_repeats(self.text):
            return []
        return [
            Problem(
                Text("limits.key_twice"),
                path=_shown(path),
                file=self.source,
                line=line,
                found=(
                    Text("limits.key_again", key=repr(path[-1]))
                    if len(str(path[-1])) <= _SHOWN
                    else Text("limits.a_key_again")
                ),
                expected=Text("limits.each_key_once"),
            )
            for path, line in json_duplicates(self.text)
        ]


def _has_repeats(text: str) -> bool:
    """Whether a JSON object in ``text`` gives a key twice: parsing again, at C speed."""
    repeated = False

    def table(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        made = dict(pairs)
        repeated = repeated or len(made) != len(pairs)
        return made

    json.loads(text, object_pairs_hook=table)
    return repeated


def _by_line(problem: Problem) -> tuple[bool, int]:
    return problem.line is None, problem.line or 0
