"""Say where and how two outputs differ, briefly enough to read in a test failure.

"gave different bytes" sends a plugin author hunting; the first differing offset, the
text on each side of it and a few lines of diff usually name the culprit at once (a
timestamp, a set's order, a random id). Zip archives (xlsx, docx, odt, epub ...) are
compared member by member, because their raw bytes are compressed and the usual culprits
are a member's header (its time stamp) or one member's content.

Every text here is bounded: a few hundred characters plus at most :data:`DIFF_LINES`
lines of diff, whatever the size of the outputs.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import zipfile
from collections.abc import Sequence

__all__ = ["DIFF_LINES", "byte_difference", "first_difference", "text_difference"]

DIFF_LINES = 8
"""At most this many lines of unified diff (hunk headers included) in an evidence text."""

_LINE_WIDTH = 100
"""A diff line longer than this is cut: a minified file is one very long line."""

_CHUNK = 4096
"""Outputs are compared in slices of this many items before the differing one is sought."""

_NAMES_SHOWN = 3
"""How many member names a list of differing zip members shows before "and N more"."""

_ZIP_MAGIC = b"PK\x03\x04"


def first_difference(first: Sequence[object], second: Sequence[object]) -> int:
    """The first index where ``first`` and ``second`` differ, or the shorter length.

    Slices are compared a chunk at a time (in C), so a difference near the end of megabytes
    of output is found quickly.
    """
    shorter = min(len(first), len(second))
    start = 0
    while start < shorter and first[start : start + _CHUNK] == second[start : start + _CHUNK]:
        start += _CHUNK
    end = min(start + _CHUNK, shorter)
    return next((i for i in range(start, end) if first[i] != second[i]), end)


def byte_difference(first: bytes, second: bytes, *, context: int = 24) -> str | None:
    """How two outputs differ, in English, or ``None`` when they are equal.

    The lengths and the first differing byte offset; an excerpt of each side around it
    (as text when both are UTF-8, else as bytes) and a short unified diff when both are
    text; for two zip archives, which members differ and how (content, time, compression,
    extra field, order).
    """
    if first == second:
        return None
    offset = first_difference(first, second)
    head = f"{len(first)} bytes vs {len(second)} bytes, first differing at byte offset {offset}"
    if first.startswith(_ZIP_MAGIC) and second.startswith(_ZIP_MAGIC):
        members = _zip_difference(first, second, context)
        if members is not None:
            return f"{head}; both are zip archives:\n{members}"
    texts = _decoded(first), _decoded(second)
    if texts[0] is None or texts[1] is None:
        excerpts = _excerpt(first, offset, context), _excerpt(second, offset, context)
        return f"{head}:\n  first:  {excerpts[0]}\n  second: {excerpts[1]}"
    return _text_evidence(head, texts[0], texts[1], context)


def text_difference(first: str, second: str, *, context: int = 24) -> str | None:
    """How two texts differ (a rule's reasons, two reprs), or ``None`` when they are equal."""
    if first == second:
        return None
    offset = first_difference(first, second)
    head = (
        f"{len(first)} characters vs {len(second)} characters, "
        f"first differing at character {offset}"
    )
    return _text_evidence(head, first, second, context)


def _decoded(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _text_evidence(head: str, first: str, second: str, context: int) -> str:
    """``head`` with the line and column, an excerpt of each text and a short diff."""
    offset = first_difference(first, second)
    line = first.count("\n", 0, offset) + 1
    column = offset - (first.rfind("\n", 0, offset) + 1) + 1
    lines = [
        f"{head} (line {line}, column {column}):",
        f"  first:  {_excerpt(first, offset, context)}",
        f"  second: {_excerpt(second, offset, context)}",
    ]
    lines.extend(f"  {diff}" for diff in _diff(first, second, line, column))
    return "\n".join(lines)


def _excerpt(data: str | bytes, offset: int, context: int) -> str:
    """``context`` items each side of ``offset``, as a repr, "…" where it was cut."""
    start, end = max(0, offset - context), offset + context
    before = "…" if start > 0 else ""
    after = "…" if end < len(data) else ""
    return f"{before}{data[start:end]!r}{after}"


def _diff(first: str, second: str, line: int, column: int) -> list[str]:
    """At most :data:`DIFF_LINES` lines of unified diff, from just before ``line``.

    Only a window of lines around the first difference is compared: difflib's matching
    is quadratic at worst, and the start of the difference is what the reader needs. A
    long line (minified HTML, JSON) is cut to the part around ``column``.
    """
    start = max(0, line - 1 - 2)
    window = DIFF_LINES * 4
    ours = first.splitlines()[start : start + window]
    theirs = second.splitlines()[start : start + window]
    diff = difflib.unified_diff(ours, theirs, n=1, lineterm="")
    shown = [_renumbered(text, start) for text in diff if not text.startswith(("---", "+++"))]
    # Changed lines are cut around the difference; context lines from their start.
    return [_cut(text, column if text[:1] in "-+" else 0) for text in shown[:DIFF_LINES]]


def _cut(text: str, column: int) -> str:
    """``text`` if short, else about :data:`_LINE_WIDTH` characters of it around ``column``."""
    if len(text) <= _LINE_WIDTH:
        return text
    start = max(1, column - _LINE_WIDTH // 3)  # the first character is the diff's - + or space
    end = start + _LINE_WIDTH - 3
    return text[0] + ("…" if start > 1 else "") + text[start:end] + ("…" if end < len(text) else "")


def _renumbered(text: str, start: int) -> str:
    """A hunk header's line numbers counted from the texts' start, not the window's."""

    def shift(match: re.Match[str]) -> str:
        return f"{match.group(1)}{int(match.group(2)) + start}"

    if not text.startswith("@@"):
        return text
    return re.sub(r"([-+])(\d+)", shift, text)


def _zip_difference(first: bytes, second: bytes, context: int) -> str | None:
    """Which members of two zip archives differ, or ``None`` when either does not open."""
    try:
        with (
            zipfile.ZipFile(io.BytesIO(first)) as ours,
            zipfile.ZipFile(io.BytesIO(second)) as theirs,
        ):
            return _members_difference(ours, theirs, context)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None


def _members_difference(ours: zipfile.ZipFile, theirs: zipfile.ZipFile, context: int) -> str:
    """Name lists, then headers, then contents of the members both archives hold."""
    found: list[str] = []
    names, other_names = ours.namelist(), theirs.namelist()
    only_ours = [name for name in names if name not in other_names]
    only_theirs = [name for name in other_names if name not in names]
    if only_ours:
        found.append(f"zip members only in the first: {_names(only_ours)}")
    if only_theirs:
        found.append(f"zip members only in the second: {_names(only_theirs)}")
    common = [name for name in names if name in other_names]
    if [name for name in other_names if name in names] != common:
        found.append(f"zip members are in another order: {_names(names)} vs {_names(other_names)}")
    pairs = [(ours.getinfo(name), theirs.getinfo(name)) for name in common]
    headers = (
        ("times", _member_time),
        ("compression", lambda info: _COMPRESSION.get(info.compress_type, info.compress_type)),
        ("extra fields", lambda info: info.extra),
        ("permissions", lambda info: oct(info.external_attr >> 16)),
        ("comments", lambda info: info.comment),
    )
    for label, read in headers:
        differing = [(a, b) for a, b in pairs if read(a) != read(b)]
        if differing:
            a, b = differing[0]
            more = f" (and {len(differing) - 1} more)" if len(differing) > 1 else ""
            found.append(
                f"zip member {label} differ: {a.filename!r} {read(a)!s} vs {read(b)!s}{more}"
            )
    if ours.comment != theirs.comment:
        found.append(f"zip archive comments differ: {ours.comment!r} vs {theirs.comment!r}")
    contents = [
        (name, evidence)
        for name in common
        if (evidence := byte_difference(ours.read(name), theirs.read(name), context=context))
    ]
    if contents:
        name, evidence = contents[0]
        found.append(f"zip member {name!r} differs: " + evidence.replace("\n", "\n  "))
        if len(contents) > 1:
            found.append(
                f"and {len(contents) - 1} more members differ in content: "
                f"{_names([name for name, _ in contents[1:]])}"
            )
    if not found:
        found.append(
            "the archives hold the same members with the same headers and contents: "
            "they differ in layout (compression level, zip64, data descriptors)"
        )
    return "\n".join(f"  {line}" for line in found)


_COMPRESSION = {
    zipfile.ZIP_STORED: "stored",
    zipfile.ZIP_DEFLATED: "deflated",
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "lzma",
}


def _member_time(info: zipfile.ZipInfo) -> str:
    """A member's time stamp as a reader would write it, or as stored if impossible."""
    try:
        return dt.datetime(*info.date_time).isoformat(sep=" ")  # noqa: DTZ001 - zip times are naive
    except ValueError:
        return str(info.date_time)


def _names(names: list[str]) -> str:
    """Up to :data:`_NAMES_SHOWN` names, then how many more."""
    shown = ", ".join(repr(name) for name in names[:_NAMES_SHOWN]) or "none"
    more = len(names) - _NAMES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown
