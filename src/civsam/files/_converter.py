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
from enum import Enum
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

from civsam._checks import IDENTIFIER, Check, field_check, to_tuple, to_tuple_of_str
from civsam._document import Document, Header
from civsam._message import Grouped, Sayable, Text
from civsam._where import _A_LIST, _A_TABLE, _NOTHING, describe
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
    Day,
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

    Structuring a file reads the budget of the file being loaded (see ``budget``), once
    per table: the one-pass functions compare each text's and list's length with it as
    they read the value, which costs next to nothing, and add the table's keys to
    ``keys``, which the loader compares with the keys in a JSON file's text to find a
    key given twice. Outside a load the default budget applies (its count is unused).
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
    conv.register_structure_hook(cls, _fast_structure_fn(cls, conv, detailed) if fast else detailed)
    conv.register_unstructure_hook(
        cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )


# -- the fast path ----------------------------------------------------------------------------
#
# cattrs' detailed structuring checks each field in a try block of its own, so that it can
# report every problem of a table at once, and the class's __init__ then converts and
# validates the same values a second time. A national register holds half a million
# tables and almost never a problem. So each value class also gets a function, generated
# once, that reads a valid table in one pass: it checks the keys, each value's type and
# field check, converts, interns ids, fills a new instance and runs only the validators
# its own checks have not already made sure of. On anything unexpected it hands the table
# to the detailed function, which finds and reports every problem exactly as before.

_FAST: tuple[type[Any], ...] = (
    Contact,
    Rating,
    ItemReview,
    Organisation,
    Relation,
    Assessment,
    ReadinessAnswer,
    OutreachEntry,
    Touchpoint,
    Review,
)
"""The classes a file holds many of: each gets a one-pass structuring function."""

# The classes behind attrs' public validator factories, to recognise what they check.
_INSTANCE_OF: type[Any] = type(attrs.validators.instance_of(str))
_OPTIONAL: type[Any] = type(attrs.validators.optional(attrs.validators.instance_of(str)))
_DEEP_ITERABLE: type[Any] = type(attrs.validators.deep_iterable(attrs.validators.instance_of(str)))
_TUPLE_CONVERTERS = (to_tuple, to_tuple_of_str)


class _Slow(Exception):  # noqa: N818 - a signal, not an error anyone sees
    """The fast path declines a table: the detailed structuring takes it."""


class _NoFastPath(Exception):  # noqa: N818 - a signal, while generating
    """A field the generator does not know how to read in one pass."""


def _init_validators(attribute: attrs.Attribute[Any]) -> tuple[Any, ...]:
    """The validators ``__init__`` runs on a field (those of an ``and_`` one by one)."""
    validator = attribute.validator
    if validator is None:
        return ()
    inner = getattr(validator, "_validators", None)  # attrs' and_: several validators
    return tuple(inner) if isinstance(inner, tuple) else (validator,)


def _optional_type(type_: Any) -> tuple[Any, bool]:
    """``(X, True)`` for ``X | None``, else ``(type_, False)``."""
    if typing.get_origin(type_) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(type_) if arg is not type(None)]
        if len(args) == 1 and len(typing.get_args(type_)) == 2:  # noqa: PLR2004
            return args[0], True
    return type_, False


class _FieldReader:
    """The generated lines for one field: read, check, convert; what they make sure of."""

    def __init__(
        self, attribute: attrs.Attribute[Any], position: int, conv: cattrs.Converter
    ) -> None:
        self.attribute = attribute
        self.value = f"v{position}"
        self.position = position
        self.names: dict[str, Any] = {}
        self.sure: type[Any] | None = None  # the exact type the value then has
        self.items: type[Any] | None = None  # for a tuple of tables: the items' class
        self.lines = self._read(conv)

    def _name(self, prefix: str, thing: Any) -> str:
        name = f"_{prefix}{self.position}"
        self.names[name] = thing
        return name

    def _read(self, conv: cattrs.Converter) -> list[str]:  # noqa: C901 - one branch a kind
        """Lines that turn the raw value into what the instance holds."""
        attribute, value = self.attribute, self.value
        type_, _ = _optional_type(attribute.type)
        converter: Any = attribute.converter
        if type_ is str:
            if converter is not None:
                raise _NoFastPath
            self.sure = str
            limit = "max_text" if attribute.name in TEXTS else "max_name"
            return [f"if type({value}) is not str or len({value}) > budget.{limit}: raise _Slow"]
        if type_ in (bool, int):
            if converter is not None:
                raise _NoFastPath
            self.sure = type_
            return [f"if type({value}) is not {type_.__name__}: raise _Slow"]
        if type_ is dt.date:
            if converter is not None:
                raise _NoFastPath
            self.sure = dt.date
            hook = self._name("hook", conv.get_structure_hook(dt.date))
            # The hook refuses a day outside FIRST_DAY … LAST_DAY (and so sends it the slow way).
            return [
                f"if type({value}) is not _date_type or not _first <= {value} <= _last:",
                f"    {value} = {hook}({value}, None)",
            ]
        if isinstance(type_, type) and issubclass(type_, Enum) and converter is type_:
            members = self._name("members", {member.value: member for member in type_})
            self.sure = type_
            return [f"if type({value}) is not str: raise _Slow", f"{value} = {members}[{value}]"]
        if _is_homogeneous_tuple(type_) and converter in (*_TUPLE_CONVERTERS, None):
            item_type = typing.get_args(type_)[0]
            self.sure = tuple
            lines = [f"if type({value}) is not list or len({value}) > budget.max_list: raise _Slow"]
            if item_type is str:
                return [
                    *lines,
                    f"for item in {value}:",
                    "    if type(item) is not str or len(item) > budget.max_name: raise _Slow",
                    f"{value} = tuple({value})",
                ]
            if attrs.has(item_type):
                self.items = item_type
                hook = self._name("items", conv.get_structure_hook(item_type))
                # Only dicts: the item's own detailed function would take any mapping,
                # which the list's hook refuses ("expected a table").
                return [
                    *lines,
                    f"items = [{hook}(item) for item in {value} if type(item) is dict]",
                    f"if len(items) != len({value}): raise _Slow",
                    f"{value} = tuple(items)",
                ]
            raise _NoFastPath
        raise _NoFastPath

    def redundant(self, validator: Any) -> bool:
        """Whether the lines above already make sure of what ``validator`` checks."""
        if isinstance(validator, _INSTANCE_OF):
            return self.sure is not None and validator.type is self.sure
        if isinstance(validator, _OPTIONAL):
            return self.redundant(validator.validator)
        if isinstance(validator, Day):  # the date line refuses a day outside the range
            return self.sure is dt.date
        if isinstance(validator, _DEEP_ITERABLE):
            member = validator.member_validator
            return (
                validator.iterable_validator is None
                and isinstance(member, _INSTANCE_OF)
                and self.items is not None
                and member.type is self.items
            )
        return False


def _fast_structure_fn(  # noqa: C901, PLR0912 - generates the function in one place
    cls: type[Any], conv: cattrs.Converter, detailed: Callable[[Any, Any], Any]
) -> Callable[..., Any]:
    """Generate the one-pass structuring of ``cls``, falling back to ``detailed``."""
    fields = attrs.fields(cls)
    if (
        cls not in _FAST
        or hasattr(cls, "__attrs_post_init__")
        or hasattr(cls, "__attrs_pre_init__")
        or any(not a.init or isinstance(a.default, attrs.Factory) for a in fields)  # type: ignore[arg-type]
    ):
        return detailed
    names: dict[str, Any] = {
        "_cls": cls,
        "_detailed": detailed,
        "_Slow": _Slow,
        "_intern": sys.intern,
        "_date_type": dt.date,
        "_first": FIRST_DAY,
        "_last": LAST_DAY,
        "_new": object.__new__,
        "_set": object.__setattr__,
        "_budget": budget.get,
        "_default_budget": _DEFAULT_BUDGET,
    }
    required = sum(attribute.default is attrs.NOTHING for attribute in fields)
    body = ["if type(data) is not dict: raise _Slow", f"found = {required}"]
    validations: list[str] = []
    for position, attribute in enumerate(fields):
        try:
            reader = _FieldReader(attribute, position, conv)
        except _NoFastPath:
            return detailed
        names.update(reader.names)
        value = reader.value
        if attribute.default is attrs.NOTHING:
            body.append(f"{value} = data[{attribute.name!r}]")
            body += reader.lines
        else:
            default = attribute.default
            if attribute.converter is not None and attribute.converter(default) != default:
                return detailed  # a default the converter changes: leave it to __init__
            names[f"_default{position}"] = default
            body += [
                f"if {attribute.name!r} in data:",
                "    found += 1",
                f"    {value} = data[{attribute.name!r}]",
                *(f"    {line}" for line in reader.lines),
                "else:",
                f"    {value} = _default{position}",  # __init__ would take it as it is
            ]
        check = field_check(attribute)
        if check is not None:
            names[f"_check{position}"] = check.test
            test = f"not _check{position}({value})"
            if _optional_type(attribute.type)[1]:
                test = f"{value} is not None and {test}"  # as the check itself passes None
            body.append(f"if {test}: raise _Slow")
        if check is IDENTIFIER:
            # Ids are interned: every reference to an organisation is then the very same
            # string, and looking one up in a national register is twice as fast.
            body.append(f"{value} = _intern({value})")
        names[f"_attribute{position}"] = attribute
        validator: Any
        for number, validator in enumerate(_init_validators(attribute)):
            if validator is check or reader.redundant(validator):
                continue
            name = f"_validator{position}_{number}"
            if isinstance(validator, _OPTIONAL):
                names[name] = validator.validator
                validations.append(
                    f"if {value} is not None: {name}(self, _attribute{position}, {value})"
                )
            else:
                names[name] = validator
                validations.append(f"{name}(self, _attribute{position}, {value})")
    # Every key was one of the fields (cattrs' forbid_extra_keys), counted without a set.
    body.append("if found != len(data): raise _Slow")
    body.append("self = _new(_cls)")
    body += [f"_set(self, {a.name!r}, v{n})" for n, a in enumerate(fields)]
    # As in __init__: validators run once every field is set (some look at others).
    body += validations
    body.append("budget.keys += found")
    body.append("return self")
    source = "\n".join(
        [
            f"def structure_{cls.__name__}(data, _=None):",
            "    budget = _budget(_default_budget)",
            "    keys = budget.keys",
            "    try:",
            *(f"        {line}" for line in body),
            "    except Exception:",
            # Tables inside this one may have been counted: the detailed function counts
            # them again.
            "        budget.keys = keys",
            "        return _detailed(data, _cls)",
        ]
    )
    exec(compile(source, f"<civsam structure {cls.__qualname__}>", "exec"), names)  # noqa: S102
    return names[f"structure_{cls.__name__}"]  # type: ignore[no-any-return]


def make_converter(*, fast: bool = True) -> cattrs.Converter:
    """Build the converter civsam uses for every project file (TOML and JSON alike).

    ``fast=False`` leaves out the one-pass functions: every class is structured by
    cattrs' detailed function and its ``__init__`` alone. That converter is the
    reference the fast path is tested against: both must accept the same tables, give
    equal values and raise the same errors.
    """
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
