"""civsam's one cattrs converter, and the translation of its errors into :class:`Problem` s.

The converter is strict: a file says exactly what it means or it is refused. ``"5"`` is
not an integer, ``"false"`` is not a boolean, a string is not a list, and an unknown key
is an error, because a typo must never silently drop data.
"""

from __future__ import annotations

import collections.abc
import contextvars
import datetime as dt
import functools
import re
import sys
import types
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
from civsam._message import Grouped, Sayable, Text
from civsam._where import _A_LIST, _A_TABLE, _NOTHING, describe
from civsam.files import _fast_structure
from civsam.lifecycle import (
    ChecklistItem,
    ContactKind,
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
    FIRST_DAY,
    LAST_DAY,
    PERSONAL,
    PLANNABLE,
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

    from civsam.errors import Message

__all__ = [
    "MAX_LIST",
    "MAX_NAME",
    "MAX_TEXT",
    "TEXTS",
    "Budget",
    "FieldError",
    "Path",
    "budget",
    "converter",
    "current_budget",
    "describe",
    "kind_of",
    "make_converter",
    "walk_errors",
]

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
    ContactKind,
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


# The texts errors use most, made once: an error costs no more than it did, a valid value
# nothing at all.
_WRONG_VALUE = Text("model.wrong_value")
_TEXT = Text("model.text")
_A_VALUE = Text("model.a_value")
_A_WHOLE_NUMBER = Text("model.a_whole_number")
_A_NUMBER = Text("model.a_number")
_TRUE_OR_FALSE = Text("model.true_or_false")
_A_DATE = Text("model.date_such_as", example="2024-03-01")
_A_TIME = Text("model.time_such_as")
_REQUIRED_KEY = Text("model.required_key")
_UNKNOWN_KEY = Text("model.unknown_key")


class FieldError(ValueError):
    """A value of the wrong kind, with what was found and what was expected.

    Each part is a catalogue text (or a value quoted from the input), said in the
    reader's language where the problem is shown; ``str(error)`` is English.
    """

    def __init__(self, found: Message, expected: Message, message: Message = _WRONG_VALUE) -> None:
        self.found = found
        self.expected = expected
        self.message = message
        super().__init__(Text("model.expected_found", expected=expected, found=found))


# -- the budget: limits on texts and lists, and a count of the keys read ------------------

MAX_NAME = 300
"""The default most characters of a name, id, e-mail, phone, role or target group."""
MAX_TEXT = 10_000
"""The default most characters of a free text (the fields in :data:`TEXTS`)."""
MAX_LIST = 1_000
"""The default most items of a list inside a table (contacts, target groups, …)."""

TEXTS = frozenset(
    {
        "challenges",
        "description",
        "ease_note",
        "existing_relation",
        "importance_note",
        "note",
        "notes",
        "shared_interest",
    }
)
"""The free-text fields, held to ``max_text``; every other text is held to ``max_name``."""


class Budget:
    """The limits structuring holds texts and lists to, and the keys of the tables read.

    Structuring a file reads the budget of the file being loaded (see ``budget``): the
    field hooks compare each text's and list's length with it as they read the value,
    and each table's structuring function adds the table's keys to ``keys``, which the
    loader compares with the keys in a JSON file's text to find a key given twice.
    Outside a load the default budget applies (its count is unused).
    """

    __slots__ = ("keys", "max_list", "max_name", "max_text")

    def __init__(
        self, *, max_name: int = MAX_NAME, max_text: int = MAX_TEXT, max_list: int = MAX_LIST
    ) -> None:
        self.max_name = max_name
        self.max_text = max_text
        self.max_list = max_list
        self.keys = 0


budget: contextvars.ContextVar[Budget] = contextvars.ContextVar("civsam_budget")
"""The budget of the file being loaded in this thread or task."""
_DEFAULT_BUDGET = Budget()


def current_budget() -> Budget:
    """The budget structuring holds values to now."""
    return budget.get(_DEFAULT_BUDGET)


def _at_most(limit: int, setting: str) -> Text:
    return Text("model.at_most", number=Grouped(limit), setting=f"Limits.{setting}")


def _too_long(length: int, limit: int, setting: str) -> FieldError:
    return FieldError(
        Text("model.characters", count=length, number=Grouped(length)),
        _at_most(limit, setting),
        Text("model.text_too_long"),
    )


def _too_many(length: int, limit: int) -> FieldError:
    return FieldError(
        Text("model.items", count=length, number=Grouped(length)),
        _at_most(limit, "max_list"),
        Text("model.too_many_items"),
    )


def kind_of(value: object) -> Text:  # noqa: PLR0911 - one answer per kind of value
    """What kind of value this is, and nothing of what it says.

    For fields that hold personal data: a phone number written as a TOML integer is
    reported as "a whole number", never as the number.
    """
    if value is None:
        return _NOTHING
    if isinstance(value, bool):
        return Text("model.a_bool")
    if isinstance(value, int):
        return _A_WHOLE_NUMBER
    if isinstance(value, float):
        return _A_NUMBER
    if isinstance(value, str):
        return _TEXT
    if isinstance(value, dt.datetime):
        return Text("model.a_datetime")
    if isinstance(value, dt.date):
        return Text("model.a_date")
    return describe(value) if isinstance(value, dict | list | tuple) else _A_VALUE


def _structure_str(value: Any, _: type[Any]) -> str:
    if isinstance(value, str):
        return value
    raise FieldError(describe(value), _TEXT)


def _structure_int(value: Any, _: type[Any]) -> int:
    if type(value) is int:
        return value
    raise FieldError(describe(value), _A_WHOLE_NUMBER)


def _structure_bool(value: Any, _: type[Any]) -> bool:
    if isinstance(value, bool):
        return value
    raise FieldError(describe(value), _TRUE_OR_FALSE)


def _structure_float(value: Any, _: type[Any]) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise FieldError(describe(value), _A_NUMBER)


def _unstructure_float(value: float) -> float | int:
    # 4.0 is written as 4: what a person wrote by hand comes back the same.
    return int(value) if float(value).is_integer() else value


def _structure_date(value: Any, _: type[Any]) -> dt.date:
    if type(value) is not dt.date:
        if not isinstance(value, str) or len(value) != 10:  # noqa: PLR2004 - YYYY-MM-DD only
            raise FieldError(describe(value), _A_DATE)
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise FieldError(describe(value), _A_DATE) from None
    day: dt.date = value
    if not FIRST_DAY <= day <= LAST_DAY:
        # A valid date, but one a plan made from it would overflow (9999-12-31 + weeks).
        raise FieldError(describe(day), PLANNABLE)
    return day


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
    raise FieldError(describe(value), _A_TIME)


def _unstructure_time(value: dt.time) -> str:
    return f"{value:%H:%M}"


def _unstructure_enum(member: enum.Enum) -> Any:
    return member.value


_UNKNOWN: dict[type[Any], str] = {
    OrgKind: "model.unknown.org_kind",
    RelationKind: "model.unknown.relation_kind",
    Language: "model.unknown.language",
    Quadrant: "model.unknown.quadrant",
    ReadinessPoint: "model.unknown.readiness_point",
    OutreachStep: "model.unknown.outreach_step",
    TouchpointKind: "model.unknown.touchpoint_kind",
    ChecklistItem: "model.unknown.checklist_item",
    ItemStatus: "model.unknown.item_status",
}
"""What a value an enumeration lacks is called: "wrong value" in English, and in Danish
what the field holds ("ukendt type" for an organisation's kind)."""


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, type[Any]], enum.Enum]:
    allowed = Text("model.one_of", allowed=", ".join(str(member.value) for member in cls))
    message = Text(_UNKNOWN.get(cls, "model.wrong_value"))

    def structure(value: Any, _: type[Any]) -> enum.Enum:
        if isinstance(value, str):
            try:
                return cls(value)
            except ValueError:
                pass
        raise FieldError(describe(value), allowed, message)

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

    names = item_type is str

    def structure(value: Any, _: type[Any]) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise FieldError(describe(value), _A_LIST)
        limits = current_budget()
        if len(value) > limits.max_list:
            raise _too_many(len(value), limits.max_list)
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                if tables and not isinstance(item, dict):
                    # Text here is often a name and an e-mail: say what it is, not what it says.
                    found = _TEXT if isinstance(item, str) else describe(item)
                    raise FieldError(found, _A_TABLE)  # noqa: TRY301
                if names and isinstance(item, str) and len(item) > limits.max_name:
                    raise _too_long(len(item), limits.max_name, "max_name")  # noqa: TRY301
                items.append(item_hook(item, item_type))
            except Exception as exc:  # noqa: BLE001 - every item's error is collected
                exc.__notes__ = [
                    IterableValidationNote(f"Structuring item {index}", index, item_type)
                ]
                errors.append(exc)
        if errors:
            # cattrs' own wording for its error group, which walk_errors takes apart: no
            # one is shown it (an exception group's message must be a str).
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
            raise FieldError(describe(value), _A_TABLE)
        result = base(value, type_)
        current_budget().keys += len(value)
        return result

    return structure


def _personal_hook(base: Callable[[Any, Any], Any], type_: Any) -> Any:
    """Structure as ``base`` does; a wrong value is described by its kind alone."""

    def structure(value: Any, _: Any) -> Any:
        try:
            return base(value, type_)
        except FieldError as error:
            raise FieldError(kind_of(value), error.expected) from None

    return structure


def _limited_hook(base: Callable[[Any, Any], Any], type_: Any, *, text: bool) -> Any:
    """Structure as ``base`` does, then hold a text to the budget's length."""
    setting = "max_text" if text else "max_name"

    def structure(value: Any, _: Any) -> Any:
        result = base(value, type_)
        if isinstance(result, str):
            limit = getattr(current_budget(), setting)
            if len(result) > limit:
                raise _too_long(len(result), limit, setting)
        return result

    return structure


def _counted(detailed: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Structure as ``detailed`` does, adding the table's keys to the budget's count."""

    def structure(data: Any, cls: Any) -> Any:
        result = detailed(data, cls)
        current_budget().keys += len(data)
        return result

    return structure


def _checked_hook(check: Check, base: Callable[[Any, Any], Any], type_: Any) -> Any:
    def structure(value: Any, _: Any) -> Any:
        if value is None:
            return base(value, type_)
        result = base(value, type_)
        if not check.test(result):
            found = _A_VALUE if check.personal else describe(value)
            raise FieldError(found, check.expected)
        return result

    if check is IDENTIFIER:

        def structure_id(value: Any, _: Any) -> Any:
            # Ids are interned: every reference to an organisation is then the very
            # same string, and looking one up in a national register is twice as fast.
            return sys.intern(structure(value, _))

        return structure_id
    return structure


def _optional_type(type_: Any) -> tuple[Any, bool]:
    """``(X, True)`` for ``X | None``, else ``(type_, False)``."""
    if typing.get_origin(type_) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(type_) if arg is not type(None)]
        if len(args) == 1 and len(typing.get_args(type_)) == 2:  # noqa: PLR2004
            return args[0], True
    return type_, False


def _register_attrs_class(conv: cattrs.Converter, cls: type[Any], *, fast: bool) -> None:
    attrs.resolve_types(cls)
    overrides: dict[str, Any] = {}
    for attribute in attrs.fields(cls):
        check = field_check(attribute)
        text = _optional_type(attribute.type)[0] is str
        personal = check.personal if check is not None else attribute.metadata.get(PERSONAL)
        if check is None and not text and not personal:
            continue
        hook = conv.get_structure_hook(attribute.type)
        if personal:
            hook = _personal_hook(hook, attribute.type)
        if text:
            hook = _limited_hook(hook, attribute.type, text=attribute.name in TEXTS)
        if check is not None:
            hook = _checked_hook(check, hook, attribute.type)
        overrides[attribute.name] = override(struct_hook=hook)
    detailed = _counted(make_dict_structure_fn(cls, conv, **overrides))
    if fast and cls in _fast_structure.MANY:
        hook = _fast_structure.one_pass(cls, conv, detailed, current_budget, TEXTS)
        conv.register_structure_hook(cls, hook)
    else:
        conv.register_structure_hook(cls, detailed)
    conv.register_unstructure_hook(
        cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )


def make_converter(*, fast: bool | None = None) -> cattrs.Converter:
    """Build the converter civsam uses for every project file (TOML and JSON alike).

    ``fast=False`` builds the reference: every class is structured by cattrs' detailed
    function alone. ``fast=True`` first reads each table of a class a file holds many
    of with a one-pass function generated for it (see :mod:`civsam.files._fast_structure`),
    which hands any table it cannot read to the detailed function; both accept the same
    tables, give equal values and raise the same errors. The
    default is fast unless ``CIVSAM_REFERENCE=1`` was set when civsam was imported.
    """
    if fast is None:
        fast = not _fast_structure.REFERENCE
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
        _register_attrs_class(conv, cls, fast=fast)
    return conv


converter = make_converter()
"""The converter. Do not customise it from outside civsam; build your own with
:func:`make_converter` if you need a variant."""


def _message(exc: BaseException) -> tuple[Message, Message | None, Message | None]:
    if isinstance(exc, FieldError):
        return exc.message, exc.found, exc.expected
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(exc.extra_fields))
        return Text("model.unknown_keys", count=len(exc.extra_fields), keys=keys), None, None
    if isinstance(exc, KeyError):
        return _REQUIRED_KEY, None, None
    # A validator's complaint: its catalogue text, said in the reader's language later.
    if len(exc.args) == 1 and isinstance(exc.args[0], Sayable):
        return exc.args[0], None, None
    return str(exc), None, None


def walk_errors(
    exc: BaseException, path: Path = ()
) -> Iterator[tuple[Path, Message, Message | None, Message | None]]:
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
            yield (*path, key), _UNKNOWN_KEY, None, _allowed_keys(exc.cl)
    else:
        message, found, expected = _message(exc)
        yield path, message, found, expected


def _allowed_keys(cls: type[Any]) -> Text:
    return Text("model.one_of", allowed=", ".join(a.name for a in attrs.fields(cls)))
