"""The workshop board's changes file: what a group moved on the board, and recording it.

The guide asks the group to place the post-its together and to adjust them as the work
goes. ``civsam export -f workshop`` writes a board the group drags post-its on in a
browser, with no server; its "Save" button downloads a small JSON changes file, and
``civsam apply`` records the moves as new dated assessments. The file names, for each
partner it moves, the partner's latest assessment as the board knew it (a token), so a
project changed since the board was made is reported as a conflict, never overwritten.
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import json
import re
from typing import TYPE_CHECKING, Any, Final

import attrs
from cattrs.errors import BaseValidationError

from civsam._checks import (
    IDENTIFIER,
    NAME,
    OPTIONAL_PERSON_NAME,
    SCORE,
    Check,
    refused,
    to_tuple,
)
from civsam._message import Text
from civsam._validate import Checker
from civsam._where import describe, format_path
from civsam.errors import Problem, ValidationError
from civsam.files import _converter, _limits
from civsam.files._converter import converter, walk_errors
from civsam.files._limits import DEFAULT_LIMITS, Limits
from civsam.files._locate import json_locator, located
from civsam.files.io import json_problem
from civsam.model import Assessment, Day

if TYPE_CHECKING:
    from collections.abc import Iterator

    from civsam.files._locate import Row
    from civsam.project import Project

__all__ = [
    "CHANGES_FORMAT",
    "CHANGES_VERSION",
    "Applied",
    "BoardCell",
    "Change",
    "Changes",
    "Conflict",
    "apply_changes",
    "assessment_token",
    "board_token",
    "changes_json",
    "read_changes",
]

CHANGES_FORMAT: Final = "civsam-workshop-changes"
"""The ``format`` a changes file names: what tells it from any other JSON."""

CHANGES_VERSION: Final = 1
"""The version of the changes file's schema this civsam writes and reads."""

_TOKEN_LENGTH: Final = 16  # hex digits: 64 bits, no accidental match between two states


def _digest(data: object) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:_TOKEN_LENGTH]


def assessment_token(assessment: Assessment | None) -> str:
    """A short token of an assessment as a whole; ``""`` for none.

    Any change to the partner's latest assessment (a new one, a score, a note) gives
    another token, so ``apply`` can tell that the project moved on since the board.
    """
    if assessment is None:
        return ""
    return _digest(converter.unstructure(assessment))


def board_token(project: Project) -> str:
    """A short token of every assessment in ``project``, its history included."""
    return _digest(
        {
            partner: [assessment_token(a) for a in history]
            for partner, history in sorted(project.history.items())
        }
    )


# -- the values ------------------------------------------------------------------------------

_TOKEN = re.compile(f"[0-9a-f]{{{_TOKEN_LENGTH}}}")


def _is_token(value: object) -> bool:
    return isinstance(value, str) and _TOKEN.fullmatch(value) is not None


_BOARD = Check(Text("workshop.token"), _is_token)
_BASE = Check(Text("workshop.base"), lambda value: value == "" or _is_token(value))
_RATER = OPTIONAL_PERSON_NAME
_DAY = Day("datetime.date(2026, 12, 8)")


def _required(check: Check) -> Any:
    """An attrs validator: ``check``, and no ``None`` (a :class:`Check` lets it pass)."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            raise refused(instance, attribute, check.expected, Text("model.nothing"))
        check(instance, attribute, value)

    return validate


@attrs.frozen(slots=True)
class BoardCell:
    """Where a post-it stood on the board: a cell of the 5×5 grid."""

    importance: int = attrs.field(validator=_required(SCORE), metadata=SCORE.metadata)
    ease: int = attrs.field(validator=_required(SCORE), metadata=SCORE.metadata)


@attrs.frozen(slots=True)
class Change:
    """One partner the group moved: its new scores, and what the board knew of it.

    ``base`` is :func:`assessment_token` of the partner's latest assessment when the board
    was made (``""`` when it had none): a project whose latest assessment differs now
    has moved on, and the change is a conflict. ``was`` is the cell the post-it started
    in (``None`` when it waited in the tray). ``rater`` is who moved it (personal data,
    optional) and ``note`` why.
    """

    partner: str = attrs.field(validator=_required(IDENTIFIER), metadata=IDENTIFIER.metadata)
    base: str = attrs.field(validator=_required(_BASE), metadata=_BASE.metadata)
    importance: int = attrs.field(validator=_required(SCORE), metadata=SCORE.metadata)
    ease: int = attrs.field(validator=_required(SCORE), metadata=SCORE.metadata)
    was: BoardCell | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(BoardCell))
    )
    rater: str = attrs.field(
        default="", validator=_required(_RATER), metadata=_RATER.metadata, repr=False
    )
    note: str = attrs.field(default="", validator=attrs.validators.instance_of(str))


def _partners_once(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[Change, ...]
) -> None:
    counted = collections.Counter(change.partner for change in value)
    twice = sorted(partner for partner, count in counted.items() if count > 1)
    if twice:
        raise refused(
            instance, attribute, _EACH_PARTNER_ONCE, ", ".join(repr(partner) for partner in twice)
        )


@attrs.frozen(slots=True)
class Changes:
    """A workshop board's changes file: the moves a group made on one day.

    ``project`` is the project's name as the board knew it, ``board`` the
    :func:`board_token` of the project then, ``made`` the board's day and ``date`` the
    workshop's: the day the new assessments are dated. Each partner is moved at most once.
    """

    project: str = attrs.field(validator=_required(NAME), metadata=NAME.metadata)
    board: str = attrs.field(validator=_required(_BOARD), metadata=_BOARD.metadata)
    made: dt.date = attrs.field(validator=_DAY)
    date: dt.date = attrs.field(validator=_DAY)
    changes: tuple[Change, ...] = attrs.field(
        converter=to_tuple,
        validator=[
            attrs.validators.deep_iterable(attrs.validators.instance_of(Change)),
            _partners_once,
        ],
    )


_EACH_PARTNER_ONCE = Text("workshop.each_partner_once")
for _class in (BoardCell, Change, Changes):
    # The project file's rules for these too: strict types, ids, scores, lengths, keys.
    _converter._register_attrs_class(converter, _class, fast=False)  # noqa: SLF001


# -- reading ---------------------------------------------------------------------------------

_HEADER = ("format", "version")
_SHOWN = 40
"""How much of a partner's id an error repeats."""
_KEYS = ", ".join([*_HEADER, *(field.name for field in attrs.fields(Changes))])


def read_changes(
    data: bytes, *, source: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Changes:
    """Read and check a changes file's bytes (UTF-8 JSON; a byte order mark is allowed).

    Raises :class:`civsam.ValidationError` with every problem at once, each located by
    its line and JSON path (``changes[2].importance``) and saying what was found and
    what was expected; never anything else, whatever the bytes. The file is held to
    ``limits`` as a project file is (size, nesting, lengths; ``max_list`` changes).
    A file from a newer civsam is refused with one problem: upgrade civsam to read it.
    """
    _limits.check_size(data, limits, source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problem = Problem(
            Text("files.not_utf8"),
            file=source,
            line=line,
            found=Text("files.byte", byte=f"0x{data[error.start]:02x}"),
            expected=Text("files.save_as_utf8"),
        )
        raise ValidationError([problem], source=source) from None
    parsed = _parse(text, data, source, limits)
    with parsed.held_to_limits():
        return _structure(parsed.raw, text, source)


def _parse(text: str, data: bytes, source: str | None, limits: Limits) -> _limits.Parsed:
    try:
        return _limits.parse(text, "json", source=source, limits=limits, data=data)
    except json.JSONDecodeError as error:
        problem = json_problem(error, source)
    raise ValidationError([problem], source=source) from None


def _structure(raw: Any, text: str, source: str | None) -> Changes:
    rows: list[Row] = []
    if not isinstance(raw, dict):
        rows.append(((), Text("files.wrong_value"), describe(raw), Text("workshop.an_object")))
        raise ValidationError(located(rows, source, json_locator(text)), source=source)
    form = raw.get("format")
    if form != CHANGES_FORMAT:
        # Not a changes file at all (a project file, say): its other keys mean nothing here.
        path = ("format",) if "format" in raw else ()
        found = describe(form) if "format" in raw else Text("workshop.no_format")
        rows.append((path, Text("workshop.not_changes"), found, Text("workshop.format")))
        raise ValidationError(located(rows, source, json_locator(text)), source=source)
    version = raw.get("version")
    if type(version) is int and version > CHANGES_VERSION:
        # A newer schema: what this civsam would say of its keys would mislead.
        rows.append(
            (
                ("version",),
                Text("workshop.newer"),
                Text("workshop.version", version=version),
                Text("workshop.version_or_older", version=CHANGES_VERSION),
            )
        )
        raise ValidationError(located(rows, source, json_locator(text)), source=source)
    rows.extend(_version_rows(raw))
    twice = list(_repeated_partners(raw.get("changes")))
    body = {key: value for key, value in raw.items() if key not in _HEADER}
    structured: Changes | None = None
    try:
        structured = converter.structure(body, Changes)
    except (BaseValidationError, TypeError, ValueError) as error:
        rows.extend(_said(row) for row in walk_errors(error) if not (twice and _is_twice(row)))
    rows.extend(twice)
    if rows or structured is None:
        raise ValidationError(located(rows, source, json_locator(text)), source=source)
    return structured


def _version_rows(raw: dict[str, Any]) -> Iterator[Row]:
    if "version" not in raw:
        yield ("version",), Text("model.required_key"), None, _VERSION
        return
    version = raw["version"]
    if type(version) is not int or version < 1:
        yield ("version",), Text("files.wrong_value"), describe(version), _VERSION


_VERSION = Text("workshop.version_number", version=CHANGES_VERSION)


def _said(row: Row) -> Row:
    """A structuring problem as the changes file says it: its own keys listed."""
    path, message, found, _ = row
    if len(path) == 1 and isinstance(message, Text) and message.key == "model.unknown_key":
        return path, message, found, Text("model.one_of", allowed=_KEYS)
    return row


def _is_twice(row: Row) -> bool:
    """Whether ``row`` is the validator's complaint of partners given twice (located apart)."""
    message = row[1]
    return isinstance(message, Text) and message.values.get("expected") is _EACH_PARTNER_ONCE


def _repeated_partners(changes: object) -> Iterator[Row]:
    """Each change that names a partner an earlier change named, located."""
    if not isinstance(changes, list):
        return
    first: dict[str, int] = {}
    for position, item in enumerate(changes):
        partner = item.get("partner") if isinstance(item, dict) else None
        if not isinstance(partner, str):
            continue
        if partner in first:
            yield (
                ("changes", position, "partner"),
                Text("workshop.partner_twice"),
                _quoted(partner),
                Text("workshop.first_at", path=format_path(("changes", first[partner]))),
            )
        else:
            first[partner] = position


def _quoted(value: str) -> str:
    return repr(value) if len(value) <= _SHOWN else f"{value[: _SHOWN - 1]!r}…"


def changes_json(changes: Changes) -> str:
    """The changes file's text (JSON) for ``changes``, as the board writes it."""
    document = {
        "format": CHANGES_FORMAT,
        "version": CHANGES_VERSION,
        **converter.unstructure(changes),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=dt.date.isoformat) + "\n"


# -- applying --------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class Conflict:
    """A change made on a board that knew another latest assessment than the project's now.

    ``now`` is the partner's latest assessment in the project (``None`` if it has none);
    the change's ``was`` and ``base`` say what the board showed.
    """

    change: Change
    now: Assessment | None

    @property
    def partner(self) -> str:
        """The partner's id."""
        return self.change.partner


@attrs.frozen(slots=True)
class Applied:
    """What applying a changes file to a project comes to, before anything is written.

    ``assessments`` are the new dated assessments to record (in the file's order),
    ``conflicts`` the changes whose partner was assessed again since the board was made
    (recorded too only when ``forced``), ``skipped`` the changes the project already
    holds (its latest assessment is what the change would record).
    """

    changes: Changes
    assessments: tuple[Assessment, ...]
    conflicts: tuple[Conflict, ...]
    skipped: tuple[Change, ...]
    forced: bool = False

    @property
    def writable(self) -> bool:
        """Whether the assessments may be recorded: no conflict, or conflicts forced."""
        return self.forced or not self.conflicts


def apply_changes(project: Project, changes: Changes, *, force: bool = False) -> Applied:
    """Plan the recording of ``changes`` in ``project``; the project is not changed.

    Every change must name a partner of the project (not its owner): otherwise a
    :class:`civsam.ValidationError` lists each such change, located (``changes[2].partner``).
    A change whose ``base`` is not the token of the partner's latest assessment now is a
    conflict, and so is one whose partner holds an assessment dated after the workshop
    (the new one would not be the latest): recorded only with ``force``, the newer
    assessments staying in the history. A change the partner's history already holds
    (same date, scores, note and rater) is skipped, so applying a file twice records it
    once. The new assessments are made as :meth:`civsam.Project.reassess` makes them,
    dated ``changes.date``, from the latest assessment now.
    """
    checker = Checker(project.owner.id, project.organisations)
    findings = [
        finding
        for position, change in enumerate(changes.changes)
        for finding in checker.partner(("changes", position), change.partner)
    ]
    if findings:
        problems = [
            Problem(f.message, path=format_path(f.path), found=f.found, expected=f.expected)
            for f in findings
        ]
        raise ValidationError(problems)
    latest = project.assessments
    history = project.history
    recorded: list[Change] = []
    conflicts: list[Conflict] = []
    skipped: list[Change] = []
    for change in changes.changes:
        now = latest.get(change.partner)
        if now is not None and any(
            _holds(earlier, change, changes.date) for earlier in history[change.partner]
        ):
            skipped.append(change)
            continue
        if assessment_token(now) != change.base or (
            now is not None and now.date is not None and now.date > changes.date
        ):
            conflicts.append(Conflict(change, now))
            if not force:
                continue
        recorded.append(change)
    return Applied(
        changes=changes,
        assessments=_reassessed(project, changes.date, recorded),
        conflicts=tuple(conflicts),
        skipped=tuple(skipped),
        forced=force,
    )


def _holds(assessment: Assessment, change: Change, day: dt.date) -> bool:
    """Whether ``assessment`` is what ``change`` would record on ``day``."""
    return (
        assessment.date == day
        and assessment.importance == change.importance
        and assessment.ease == change.ease
        and assessment.notes == change.note
        and assessment.by == change.rater
    )


def _reassessed(project: Project, day: dt.date, changes: list[Change]) -> tuple[Assessment, ...]:
    """The assessments ``changes`` make, as :meth:`civsam.Project.reassess` makes them."""
    if not changes:
        return ()
    trial = project.copy()
    return tuple(
        trial.reassess(
            change.partner,
            day,
            importance=change.importance,
            ease=change.ease,
            by=change.rater,
            notes=change.note,
        )
        for change in changes
    )
