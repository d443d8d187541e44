"""Project files: load and save TOML or JSON, whole or not at all.

Loading checks everything and reports every problem at once, each with its file, line
and field. Saving writes a temporary file beside the target and renames it over the
target, so a crash mid-save leaves the old file or the new one, never a torn one; a
change (save, record) holds civsam's lock on the file from reading it to replacing it
(see :mod:`civsam.files._lock`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs
from cattrs.errors import BaseValidationError

from civsam._document import SECTIONS, Document, Header
from civsam._message import Choices, Text
from civsam._validate import Checker, Finding
from civsam.errors import CivsamError, Problem, ValidationError
from civsam.files import _limits, _toml
from civsam.files._converter import converter, describe, walk_errors
from civsam.files._limits import DEFAULT_LIMITS, Limits, Parsed
from civsam.files._locate import Locator, Row, json_locator, located, toml_locator
from civsam.files._lock import HardLinks, LockedFile, LockTimeoutError, locked
from civsam.files._syntax import syntax_detail
from civsam.lifecycle import OutreachEntry, ReadinessAnswer, Review, Touchpoint
from civsam.model import Assessment
from civsam.project import Project
from civsam.settings import PlanSettings, PrioritySettings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

__all__ = [
    "Format",
    "HardLinks",
    "LockTimeoutError",
    "LockedFile",
    "ProjectFile",
    "dumps",
    "json_problem",
    "load",
    "loads",
    "locked",
    "record",
    "save",
    "write_atomic",
]

Format = Literal["toml", "json"]
_FORMATS: dict[str, Format] = {".toml": "toml", ".json": "json"}
_TOP_LEVEL = ("project", "prioritisation", "planning", *SECTIONS)
_TOML_LINE = re.compile(r"at line (\d+)")
_LOGS = ("outreach", "touchpoints", "reviews")
_WRONG_VALUE = Text("files.wrong_value")


def format_for(path: str | os.PathLike[str]) -> Format:
    """The file format a path's suffix names; anything else is an error."""
    suffix = Path(path).suffix.lower()
    try:
        return _FORMATS[suffix]
    except KeyError:
        shown = repr(suffix) if suffix else Text("files.no_suffix")
        raise CivsamError(
            Text("files.format_unknown", path=os.fspath(path), suffix=shown)
        ) from None


def load(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> Project:
    """Read a project file (``.toml`` or ``.json``) and check it.

    Raises :class:`civsam.ValidationError` listing every problem in the file (a file
    beyond ``limits`` is one), and :class:`civsam.CivsamError` when the file cannot be
    read at all (a folder, a named pipe or a device is not read).
    """
    fmt = format_for(path)
    return loads(_read_bytes(path, limits), fmt, source=os.fspath(path), limits=limits)


def _read_bytes(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> bytes:
    return _limits.read_file(path, limits)


def loads(
    data: str | bytes,
    fmt: Format = "toml",
    *,
    source: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Project:
    """Read a project from text or bytes in ``fmt``; ``source`` names it in errors."""
    _limits.check_size(data, limits, source)
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ValidationError(
                [
                    Problem(
                        Text("files.not_utf8"),
                        file=source,
                        line=line,
                        found=Text("files.byte", byte=f"0x{data[error.start]:02x}"),
                        expected=Text("files.save_as_utf8"),
                    )
                ],
                source=source,
            ) from None
    else:
        text = data.removeprefix("\ufeff")
    parsed = _parse(text, fmt, source, limits, data if isinstance(data, bytes) else None)
    locate = toml_locator if fmt == "toml" else json_locator
    with parsed.held_to_limits():
        return _structure(parsed.raw, source, lambda: locate(text))


def _parse(
    text: str, fmt: Format, source: str | None, limits: Limits, data: bytes | None
) -> Parsed:
    try:
        return _limits.parse(text, fmt, source=source, limits=limits, data=data)
    except tomllib.TOMLDecodeError as error:
        match = _TOML_LINE.search(str(error))
        message = _TOML_LINE.sub("", str(error)).replace("(, column", "(column").strip()
        problem = Problem(
            Text("files.invalid_toml", detail=syntax_detail(message)),
            file=source,
            line=int(match.group(1)) if match else None,
        )
    except json.JSONDecodeError as error:
        problem = json_problem(error, source)
    raise ValidationError([problem], source=source) from None


def json_problem(error: json.JSONDecodeError, source: str | None) -> Problem:
    """A JSON syntax error; a trailing comma named as such, at the comma, on every Python.

    Python 3.13 reports "Illegal trailing comma" at the comma; earlier versions say
    "Expecting value" at the bracket after it, which hides what a hand-edited file got wrong.
    """
    text, at = error.doc, error.pos
    comma = at if text[at : at + 1] == "," else len(text[:at].rstrip()) - 1
    rest = text[comma + 1 :].lstrip()[:1]
    before = text[:comma].rstrip()[-1:]
    if text[comma : comma + 1] == "," and rest in ("]", "}") and before not in ":,[{":
        line = text.count("\n", 0, comma) + 1
        column = comma - text.rfind("\n", 0, comma)
        detail: str | Text = Text("files.json_trailing_comma", bracket=rest)
        return Problem(
            Text("files.invalid_json", detail=detail, column=column), file=source, line=line
        )
    return Problem(
        Text("files.invalid_json", detail=syntax_detail(error.msg), column=error.colno),
        file=source,
        line=error.lineno,
    )


def _structure(raw: Any, source: str | None, locator: Callable[[], Locator]) -> Project:
    """Structure and cross-check a parsed document, collecting every problem."""
    rows: list[Row] = []
    if not isinstance(raw, dict):
        rows.append(((), _WRONG_VALUE, describe(raw), Text("files.project_tables")))
        raw = {}
    rows.extend(
        ((key,), Text("files.unknown_key"), None, Text("files.one_of", names=", ".join(_TOP_LEVEL)))
        for key in raw
        if key not in _TOP_LEVEL
    )
    header = _one(raw, "project", Header, rows)
    settings = _one(raw, "prioritisation", PrioritySettings, rows, required=False)
    planning = _one(raw, "planning", PlanSettings, rows, required=False)
    sections = {name: _items(raw, name, cls, rows) for name, cls in SECTIONS.items()}
    rows.extend(_cross_check(header, sections, raw, reserve=bool(rows)))
    if rows:
        raise ValidationError(located(rows, source, locator()), source=source)
    assert header is not None  # noqa: S101 - a missing header is a row above
    document = Document(
        project=header,
        prioritisation=settings or PrioritySettings(),
        planning=planning or PlanSettings(),
        **{name: tuple(section.items) for name, section in sections.items()},
    )
    return Project._from_document(document)  # noqa: SLF001 - io and Project are one unit


def _cross_check(
    header: Header | None,
    sections: dict[str, _Section],
    raw: dict[str, Any],
    *,
    reserve: bool,
) -> Iterator[Row]:
    if not reserve and header is not None and _consistent(header.owner, sections):
        return iter(())
    checker = Checker(header.owner if header is not None else None)
    findings: list[Finding] = []
    for position, organisation in sections["organisations"]:
        findings.extend(checker.organisation(("organisations", position), organisation))
    if reserve:
        listed = raw.get("organisations")
        for position, item in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                checker.reserve(("organisations", position), item["id"])
    if header is not None:
        findings.extend(checker.owner_exists(("project", "owner")))
    for position, relation in sections["relations"]:
        findings.extend(checker.relation(("relations", position), relation))
    for position, assessment in sections["assessments"]:
        findings.extend(checker.assessment(("assessments", position), assessment))
    findings.extend(_check_logs(checker, sections))
    findings.extend(_unbuilt_references(checker, sections, raw))
    return ((f.path, f.message, f.found, f.expected) for f in findings)


def _consistent(owner: str, sections: dict[str, _Section]) -> bool:
    """Whether every id is unique and every reference holds, looked at in bulk.

    A national register has half a million references and almost never a broken one:
    sets answer for all of them at once. Only when this finds something does the
    :class:`Checker` go through the file item by item, to find and locate each problem.
    """
    ids = {organisation.id for organisation in sections["organisations"].items}
    relations = sections["relations"].items
    keys = {(r.source, r.target, r.kind) for r in relations}
    ends = {r.source for r in relations} | {r.target for r in relations}
    assessments = sections["assessments"].items
    assessed = {assessment.partner for assessment in assessments}
    undated = [assessment.partner for assessment in assessments if assessment.date is None]
    partners = assessed | {touchpoint.partner for touchpoint in sections["touchpoints"].items}
    if (
        len(ids) != len(sections["organisations"])
        or owner not in ids
        or len(keys) != len(relations)
        or not ends <= ids
        or len(set(undated)) != len(undated)
        or owner in partners
        or not partners <= ids
    ):
        return False
    # Outreach steps and reviews have rules of order; the Checker looks at them, knowing
    # the ids (few projects record many).
    checker = Checker(owner, ids)
    findings = itertools.chain(
        *(checker.outreach(("outreach", n), entry) for n, entry in sections["outreach"]),
        *(checker.review(("reviews", n), review) for n, review in sections["reviews"]),
    )
    return next(findings, None) is None


def _check_logs(checker: Checker, sections: dict[str, _Section]) -> Iterator[Finding]:
    """The history's entries: partners that exist, steps in an allowed order."""
    for position, touchpoint in sections["touchpoints"]:
        yield from checker.partner(("touchpoints", position), touchpoint.partner)
    for position, entry in sections["outreach"]:
        yield from checker.outreach(("outreach", position), entry)
    for position, review in sections["reviews"]:
        yield from checker.review(("reviews", position), review)


def _unbuilt_references(
    checker: Checker, sections: dict[str, _Section], raw: dict[str, Any]
) -> Iterator[Finding]:
    """The ids named by relations, assessments and log entries that failed to structure."""
    for name in ("relations", "assessments", "outreach", "touchpoints", "reviews"):
        built = set(sections[name].positions)
        items = raw.get(name)
        for position, item in enumerate(items if isinstance(items, list) else []):
            if position not in built and isinstance(item, dict):
                partner = item.get("partner")
                if name in _LOGS and isinstance(partner, str):
                    # A log entry's partner is held to the same rule as a built one's.
                    yield from checker.partner((name, position), partner)
                else:
                    yield from checker.references((name, position), item)


def _one(
    raw: dict[str, Any], key: str, cls: type[Any], rows: list[Row], *, required: bool = True
) -> Any:
    if key not in raw and not required:
        return None
    if key not in raw:
        rows.append(
            ((key,), Text("files.table_missing", key=key), None, Text("files.named_table", key=key))
        )
        return None
    if not isinstance(raw[key], dict):
        rows.append(((key,), _WRONG_VALUE, describe(raw[key]), Text("files.named_table", key=key)))
        return None
    try:
        return converter.structure(raw[key], cls)
    except (BaseValidationError, TypeError, ValueError) as error:
        rows.extend(walk_errors(error, (key,)))
    return None


class _Section:
    """The values one list of tables became, with each one's position in the list."""

    __slots__ = ("items", "positions")

    def __init__(self, items: list[Any], positions: Sequence[int]) -> None:
        self.items = items
        self.positions = positions

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        return zip(self.positions, self.items, strict=True)


def _items(raw: dict[str, Any], key: str, cls: type[Any], rows: list[Row]) -> _Section:
    value = raw.get(key, [])
    if not isinstance(value, list):
        rows.append(((key,), _WRONG_VALUE, describe(value), Text("files.list_of_tables", key=key)))
        return _Section([], ())
    structure = converter.get_structure_hook(cls)
    items: list[Any] = []
    append = items.append
    failed: set[int] = set()
    for position, item in enumerate(value):
        if not isinstance(item, dict):
            rows.append(((key, position), _WRONG_VALUE, describe(item), Text("files.a_table")))
            failed.add(position)
            continue
        try:
            append(structure(item, cls))
        except (BaseValidationError, TypeError, ValueError) as error:
            rows.extend(walk_errors(error, (key, position)))
            failed.add(position)
    if not failed:
        return _Section(items, range(len(items)))
    return _Section(items, [n for n in range(len(value)) if n not in failed])


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(Text("files.unwritable_json", type=type(value).__name__))  # pragma: no cover


def dumps(project: Project, fmt: Format = "toml") -> str:
    """The project file's text in ``fmt``; the same project always gives the same text."""
    document = converter.unstructure(project._to_document())  # noqa: SLF001
    if fmt == "toml":
        return _toml.dumps(document)
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    raise CivsamError(Text("files.unknown_format", fmt=fmt, expected=Choices(["'toml'", "'json'"])))


def save(project: Project, path: str | os.PathLike[str]) -> None:
    """Write a project file, in the format the suffix names, atomically, under the lock.

    A file behind a symbolic link is written where the link points; a read-only file,
    or one with other names (hard links), is refused (see :func:`write_atomic`).
    """
    write_atomic(path, dumps(project, format_for(path)).encode("utf-8"), hard_links="refuse")


_Entry = ReadinessAnswer | OutreachEntry | Touchpoint | Review | Assessment
_SECTION_OF: dict[type[Any], str] = {
    ReadinessAnswer: "readiness",
    OutreachEntry: "outreach",
    Touchpoint: "touchpoints",
    Review: "reviews",
    Assessment: "assessments",
}


def record(path: str | os.PathLike[str], *entries: _Entry) -> Project:
    """Append log entries or dated assessments (re-assessing a partner) to a file.

    The file is read and checked under civsam's lock, and the entries against it, as
    :meth:`civsam.Project.record` does; then they are added at the end of their lists
    and the file is replaced atomically before the lock is let go, so that writers at
    the same time each add theirs. In a TOML file every byte already there stays as it
    was, comments included: the entries are appended as ``[[touchpoints]]`` (…) tables.
    A JSON file is rewritten with its keys in their order (and its byte order mark and
    line endings). Returns the project as it now is; on any error the file is unchanged.
    """
    if not entries:
        return ProjectFile.read(path).record()
    fmt = format_for(path)
    with locked(path) as file:
        data = file.read()
        current = ProjectFile(Path(path), data, loads(data, fmt, source=os.fspath(path)))
        return current._append(file, entries)  # noqa: SLF001 - the same module


@attrs.frozen
class ProjectFile:
    """A project file read once: its bytes and the project they hold.

    For a caller that needs the project before it knows what to record (the command
    line resolves a partner's name first), so that a large file is read and checked
    once, not twice, when nobody changed it in between.
    """

    path: Path
    data: bytes
    project: Project

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> ProjectFile:
        """Read and check the file, as :func:`load` does (no lock: a reader needs none)."""
        data = _read_bytes(path)
        return cls(Path(path), data, loads(data, format_for(path), source=os.fspath(path)))

    def record(self, *entries: _Entry, check: Callable[[Project], object] | None = None) -> Project:
        """Append ``entries`` to the file, as :func:`record` does; returns the new project.

        Under the lock the file is read again: if another process changed it since
        :meth:`read`, the entries are checked against, and appended to, the file as it
        now is. ``check``, when given, is called with the project as it is under the lock,
        before anything is written; what it raises stops the write (``civsam apply``
        checks there that nobody re-assessed a partner since the board was made).
        ``self.project`` is left as it was read.
        """
        fmt = format_for(self.path)
        if not entries and check is None:
            return self.project.copy()
        with locked(self.path) as file:
            data = file.read()
            current = self
            if data != self.data:
                source = os.fspath(self.path)
                current = ProjectFile(self.path, data, loads(data, fmt, source=source))
            if check is not None:
                check(current.project)
            if not entries:
                return current.project.copy()
            return current._append(file, entries)

    def _append(self, file: LockedFile, entries: tuple[_Entry, ...]) -> Project:
        """Check ``entries`` against this file and append them; ``file`` is locked."""
        fmt = format_for(self.path)
        source = os.fspath(self.path)
        project = self.project.copy()
        try:
            project.record(*entries)
        except ValidationError as error:
            located = (attrs.evolve(problem, file=source) for problem in error.problems)
            raise ValidationError(located, source=source) from None
        updated = (_append_toml if fmt == "toml" else _append_json)(self.data, entries)
        # The file as it would be is read back before it replaces the old one: what the
        # next load would refuse (a note beyond the limits, say) is never written.
        try:
            appended = loads(updated, fmt, source=source)
        except ValidationError as error:
            if fmt == "json" or not _is_syntax_error(error):
                raise
            appended = None
        if fmt == "toml" and appended != project:
            raise CivsamError(Text("files.cannot_append", path=source))
        file.replace(updated, hard_links="refuse")
        return project


def _is_syntax_error(error: ValidationError) -> bool:
    """Whether the file failed to parse at all (as appending to an inline list does)."""
    return any(
        isinstance(problem.message, Text) and problem.message.key == "files.invalid_toml"
        for problem in error.problems
    )


def _append_toml(data: bytes, entries: tuple[_Entry, ...]) -> bytes:
    newline = "\r\n" if b"\r\n" in data else "\n"
    blocks = [
        _toml.array_table(_SECTION_OF[type(entry)], converter.unstructure(entry))
        for entry in entries
    ]
    text = newline.join("\n\n".join(blocks).split("\n")) + newline
    ending = b"" if not data or data.endswith(b"\n") else newline.encode()
    return data + ending + newline.encode() + text.encode("utf-8")


def _append_json(data: bytes, entries: tuple[_Entry, ...]) -> bytes:
    raw = json.loads(data.decode("utf-8-sig"))
    for entry in entries:
        raw.setdefault(_SECTION_OF[type(entry)], []).append(converter.unstructure(entry))
    text = json.dumps(raw, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    if b"\r\n" in data:  # JSON escapes line breaks in strings: every \n is a line end
        text = text.replace("\n", "\r\n")
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    return bom + text.encode("utf-8")


def write_atomic(
    path: str | os.PathLike[str], data: bytes, *, hard_links: HardLinks = "replace"
) -> None:
    """Write ``data`` to ``path`` whole or not at all, under civsam's lock.

    The bytes go to a temporary file beside the real file (behind any symbolic link),
    are flushed to disk, and the temporary file is renamed over it: readers, and a
    process killed half-way, see the old file or the new one. An existing file keeps
    its mode, and its owner where the process may set it; a new one gets the mode
    ``open()`` would give it. A read-only file, a folder, a pipe or a device is refused.

    ``hard_links`` says what to do with a file that has other names: ``"replace"`` (the
    default, for exports: this name gets the new file, the others keep the old one, as
    a hard-linked backup should) or ``"refuse"`` (for project files, whose other names
    must not silently fall behind). Every error is a :class:`civsam.CivsamError` naming
    the path; :class:`LockTimeoutError` when another process holds the lock too long.
    """
    with locked(path, missing_ok=True) as file:
        file.replace(data, hard_links=hard_links)
