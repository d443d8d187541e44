"""civsam's one cattrs converter, and the translation of its errors into :class:`Problem` s.

The converter is strict: a file says exactly what it means or it is refused. ``"5"`` is
not an integer, ``"false"`` is not a boolean, a string is not a list, and an unknown key
is an error, because a typo must never silently drop data.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import functools
import re
import sys
import typing
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from civsam._checks import IDENTIFIER, Check, field_check
from civsam._document import Document, Header
from civsam.lifecycle import (
    ChecklistItem,
    ItemReview,
    ItemStatus,
    OutreachEntry,
    OutreachStep,
    ReadinessAnswer,
    ReadinessPoint,
    Review,
    Touchpoint,
    TouchpointKind,
)
from civsam.model import (
    Assessment,
    Contact,
    Language,
    Organisation,
    OrgKind,
    Quadrant,
    Rating,
    Relation,
    RelationKind,
)
from civsam.settings import Derivation, PlanSettings, PrioritySettings

if typing.TYPE_CHECKING:
    import enum
    from collections.abc import Callable, Iterator

__all__ = ["FieldError", "Path", "converter", "describe", "make_converter", "walk_errors"]

Path = tuple[str | int, ...]

_ENUMS: tuple[type[enum.Enum], ...] = (
    OrgKind,
    RelationKind,
    Language,
    Quadrant,
    ReadinessPoint,
    OutreachStep,
    TouchpointKind,
    ChecklistItem,
    ItemStatus,
)
_MODEL_CLASSES: tuple[type[Any], ...] = (
    Contact,
    Rating,
    Derivation,
    PrioritySettings,
    PlanSettings,
    Organisation,
    Relation,
    Assessment,
    ReadinessAnswer,
    OutreachEntry,
    Touchpoint,
    ItemReview,
    Review,
    Header,
    Document,
)


_TIME = re.compile(r"\d{1,2}:\d{2}")

_SHOWN = 40
"""How much of a text value an error message repeats."""


class FieldError(ValueError):
    """A value of the wrong kind, with what was found and what was expected."""

    def __init__(self, found: str, expected: str) -> None:
        self.found = found
        self.expected = expected
        super().__init__(f"expected {expected}, found {found}")


def describe(value: object) -> str:  # noqa: PLR0911 - one answer per kind of value
    """A short, safe description of a value for an error message.

    Text is quoted and cut short; containers are named, not printed, so that an error
    never dumps a whole table (which may hold personal data) into a log.
    """
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"
        return f"text {shown!r}"
    if isinstance(value, dt.datetime):
        return f"date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"date {value.isoformat()}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__}"


def _structure_str(value: Any, _: type[Any]) -> str:
    if isinstance(value, str):
        return value
    raise FieldError(describe(value), "text")


def _structure_int(value: Any, _: type[Any]) -> int:
    if type(value) is int:
        return value
    raise FieldError(describe(value), "a whole number")


def _structure_bool(value: Any, _: type[Any]) -> bool:
    if isinstance(value, bool):
        return value
    raise FieldError(describe(value), "true or false")


def _structure_float(value: Any, _: type[Any]) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise FieldError(describe(value), "a number")


def _unstructure_float(value: float) -> float | int:
    # 4.0 is written as 4: what a person wrote by hand comes back the same.
    return int(value) if float(value).is_integer() else value


def _structure_date(value: Any, _: type[Any]) -> dt.date:
    if type(value) is dt.date:
        return value
    if isinstance(value, str):
        try:
            if len(value) == 10:  # noqa: PLR2004 - YYYY-MM-DD, nothing longer or shorter
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise FieldError(describe(value), "a date such as 2024-03-01")


def _unstructure_date(value: dt.date) -> dt.date:
    # Dates stay dates: TOML writes them natively; the JSON writer formats them ISO.
    return value


def _structure_time(value: Any, _: type[Any]) -> dt.time:
    # Times of day are written "10:00" (JSON has no time type); TOML may also hold 10:00:00.
    if type(value) is dt.time:
        return value
    if isinstance(value, str) and _TIME.fullmatch(value):
        hours, minutes = (int(part) for part in value.split(":"))
        if hours < 24 and minutes < 60:  # noqa: PLR2004 - a clock
            return dt.time(hours, minutes)
    raise FieldError(describe(value), 'a time of day such as "10:00"')


def _unstructure_time(value: dt.time) -> str:
    return f"{value:%H:%M}"


def _unstructure_enum(member: enum.Enum) -> Any:
    return member.value


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, type[Any]], enum.Enum]:
    allowed = ", ".join(str(member.value) for member in cls)

    def structure(value: Any, _: type[Any]) -> enum.Enum:
        if isinstance(value, str):
            try:
                return cls(value)
            except ValueError:
                pass
        raise FieldError(describe(value), f"one of {allowed}")

    return structure


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _tuple_hook_factory(
    cls: Any, conv: cattrs.Converter
) -> Callable[[Any, type[Any]], tuple[Any, ...]]:
    item_type = typing.get_args(cls)[0]
    item_hook = conv.get_structure_hook(item_type)
    tables = attrs.has(item_type)

    def structure(value: Any, _: type[Any]) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise FieldError(describe(value), "a list")
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                if tables and not isinstance(item, dict):
                    # Text here is often a name and an e-mail: say what it is, not what it says.
                    found = "text" if isinstance(item, str) else describe(item)
                    raise FieldError(found, "a table")  # noqa: TRY301
                items.append(item_hook(item, item_type))
            except Exception as exc:  # noqa: BLE001 - every item's error is collected
                exc.__notes__ = [
                    IterableValidationNote(f"Structuring item {index}", index, item_type)
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
        return tuple(items)

    return structure


def _is_mapping(cls: Any) -> bool:
    return typing.get_origin(cls) in (dict, collections.abc.Mapping)


def _mapping_hook_factory(cls: Any, conv: cattrs.Converter) -> Callable[[Any, type[Any]], Any]:
    base = conv.gen_structure_mapping(cls)

    def structure(value: Any, type_: type[Any]) -> Any:
        # cattrs would call .items() on whatever it is given: a list must say "a table".
        if not isinstance(value, dict):
            raise FieldError(describe(value), "a table")
        return base(value, type_)

    return structure


def _checked_hook(check: Check, base: Callable[[Any, Any], Any], type_: Any) -> Any:
    def structure(value: Any, _: Any) -> Any:
        if value is None:
            return base(value, type_)
        result = base(value, type_)
        if not check.test(result):
            found = "a value" if check.personal else describe(value)
            raise FieldError(found, check.expected)
        return result

    if check is IDENTIFIER:

        def structure_id(value: Any, _: Any) -> Any:
            # Ids are interned: every reference to an organisation is then the very
            # same string, and looking one up in a national register is twice as fast.
            return sys.intern(structure(value, _))

        return structure_id
    return structure


def _register_attrs_class(conv: cattrs.Converter, cls: type[Any]) -> None:
    attrs.resolve_types(cls)
    overrides: dict[str, Any] = {}
    for attribute in attrs.fields(cls):
        check = field_check(attribute)
        if check is not None:
            base = conv.get_structure_hook(attribute.type)
            overrides[attribute.name] = override(
                struct_hook=_checked_hook(check, base, attribute.type)
            )
    conv.register_structure_hook(cls, make_dict_structure_fn(cls, conv, **overrides))
    conv.register_unstructure_hook(
        cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )


def make_converter() -> cattrs.Converter:
    """Build the converter civsam uses for every project file (TOML and JSON alike)."""
    conv = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=True,
        omit_if_default=True,  # TOML has no null: unset optional fields are left out
    )
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(float, _structure_float)
    conv.register_unstructure_hook(float, _unstructure_float)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, _unstructure_date)
    conv.register_structure_hook(dt.time, _structure_time)
    conv.register_unstructure_hook(dt.time, _unstructure_time)
    for enum_class in _ENUMS:
        # Registered per class: the enums are StrEnums, which the str hook would catch.
        conv.register_structure_hook(enum_class, _enum_hook(enum_class))
        conv.register_unstructure_hook(enum_class, _unstructure_enum)
    conv.register_structure_hook_factory(
        _is_homogeneous_tuple, functools.partial(_tuple_hook_factory, conv=conv)
    )
    conv.register_structure_hook_factory(
        _is_mapping, functools.partial(_mapping_hook_factory, conv=conv)
    )
    for cls in _MODEL_CLASSES:
        _register_attrs_class(conv, cls)
    return conv


converter = make_converter()
"""The converter. Do not customise it from outside civsam; build your own with
:func:`make_converter` if you need a variant."""


def _message(exc: BaseException) -> tuple[str, str | None, str | None]:
    if isinstance(exc, FieldError):
        return "wrong value", exc.found, exc.expected
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(exc.extra_fields))
        return f"unknown key{'s' if len(exc.extra_fields) > 1 else ''} {keys}", None, None
    if isinstance(exc, KeyError):
        return "required key is missing", None, None
    return str(exc), None, None


def walk_errors(
    exc: BaseException, path: Path = ()
) -> Iterator[tuple[Path, str, str | None, str | None]]:
    """Flatten a cattrs error tree into ``(path, message, found, expected)`` rows."""
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from walk_errors(sub, (*path, note.name))
        for sub in without:
            yield from walk_errors(sub, path)
    elif isinstance(exc, IterableValidationError):
        with_index, without = exc.group_exceptions()
        for sub, index_note in with_index:
            yield from walk_errors(sub, (*path, index_note.index))
        for sub in without:
            yield from walk_errors(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield (*path, key), "unknown key", None, _allowed_keys(exc.cl)
    else:
        message, found, expected = _message(exc)
        yield path, message, found, expected


def _allowed_keys(cls: type[Any]) -> str:
    return "one of " + ", ".join(attribute.name for attribute in attrs.fields(cls))
