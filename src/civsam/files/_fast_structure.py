"""The fast path of structuring: a one-pass function per class, the detailed one on failure.

The reference is cattrs' detailed structuring (:func:`civsam.files._converter.make_converter`
with ``fast=False``): each field is read in a try block of its own, so that every problem
of a table is reported at once, located, and the class's ``__init__`` then converts and
validates the same values a second time. A national register holds half a million tables
and almost never a problem. cattrs' own non-detailed mode saves next to nothing here (it
still calls every field hook and ``__init__``; measured in ``docs/scale.md``), so each class
a file holds many of gets a function generated once, with ``exec``, that reads a valid
table in one pass: it checks the keys, each value's exact type, length and field check,
converts, interns ids, fills a new instance and runs only the validators its own checks
have not already made sure of. On any failure, and for any class or field it does not
recognise, the table goes to the detailed function, which raises the errors civsam
reports, byte for byte; the one-pass reading's only effect, the keys it counted, is undone
first.

What it relies on, all public: ``attrs.fields`` (names, types, defaults, converters,
validators, metadata); that validators made by ``attrs.validators.instance_of``,
``optional`` and ``deep_iterable`` compare equal when made from equal arguments, which is
how it recognises the ones its own checks make redundant (anything else, an ``and_``
included, runs whole); and that an attrs class without ``__attrs_pre_init__``,
``__attrs_post_init__``, factories or non-init fields is fully made by setting its
fields (``object.__setattr__``, as attrs' own frozen ``__init__`` does). No private
attribute of attrs or cattrs is read. ``tests/test_fast_paths.py`` pins the equality for
the installed attrs and holds both paths to the same answers.

Set ``CIVSAM_REFERENCE=1`` before civsam is imported to structure with the reference
alone (and build the project's graph with networkx's public calls alone, see
:mod:`civsam._fast_graph`); ``make_converter(fast=…)`` chooses per converter.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import sys
import typing
from typing import TYPE_CHECKING, Any

import attrs

from civsam._checks import IDENTIFIER, field_check, to_tuple, to_tuple_of_str
from civsam.lifecycle import ItemReview, OutreachEntry, ReadinessAnswer, Review, Touchpoint
from civsam.model import (
    FIRST_DAY,
    LAST_DAY,
    Assessment,
    Contact,
    Day,
    Organisation,
    Rating,
    Relation,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    import cattrs

    from civsam.files._converter import Budget

__all__ = ["MANY", "REFERENCE", "one_pass", "redundant_validators"]

REFERENCE = os.environ.get("CIVSAM_REFERENCE") == "1"
"""Whether the reference alone runs: ``CIVSAM_REFERENCE=1``, read once, at import."""

MANY: tuple[type[Any], ...] = (
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

_TUPLE_CONVERTERS = (to_tuple, to_tuple_of_str)


def _optional_type(type_: Any) -> tuple[Any, bool]:
    """``(X, True)`` for ``X | None``, else ``(type_, False)``."""
    args = typing.get_args(type_)
    if type(None) in args and len(args) == 2:  # noqa: PLR2004 - X | None
        return next(arg for arg in args if arg is not type(None)), True
    return type_, False


def redundant_validators(sure: type[Any] | None, items: type[Any] | None) -> list[Any]:
    """The validators a value read as exactly ``sure`` (items ``items``) always passes.

    Built with attrs' public factories: a field's validator is left out when it compares
    equal to one of these.
    """
    iv = attrs.validators
    known: list[Any] = []
    if sure is not None:
        known += [iv.instance_of(sure), iv.optional(iv.instance_of(sure))]
    if items is not None:
        known.append(iv.deep_iterable(iv.instance_of(items)))
    return known


class _Field:
    """The generated lines for one field: read, check, convert; and what they make sure of."""

    def __init__(
        self,
        attribute: attrs.Attribute[Any],
        position: int,
        conv: cattrs.Converter,
        texts: Collection[str],
    ) -> None:
        self.attribute = attribute
        self.value = f"v{position}"
        self.position = position
        self.names: dict[str, Any] = {}
        self.sure: type[Any] | None = None  # the exact type the value then has
        self.items: type[Any] | None = None  # for a tuple of tables: the items' class
        self.lines = self._read(conv, texts)
        """The lines, or ``None`` for a field the generator does not know how to read."""

    def _name(self, prefix: str, thing: Any) -> str:
        name = f"_{prefix}{self.position}"
        self.names[name] = thing
        return name

    def _read(self, conv: cattrs.Converter, texts: Collection[str]) -> list[str] | None:  # noqa: PLR0911
        """Lines that turn the raw value ``v<position>`` into what the instance holds."""
        attribute, value = self.attribute, self.value
        type_ = _optional_type(attribute.type)[0]
        converter: Any = attribute.converter
        if type_ in (str, bool, int, dt.date) and converter is not None:
            return None
        if type_ is str:
            self.sure = str
            limit = "max_text" if attribute.name in texts else "max_name"
            return [f"if type({value}) is not str or len({value}) > budget.{limit}: raise _Slow"]
        if type_ in (bool, int):
            self.sure = type_
            return [f"if type({value}) is not {type_.__name__}: raise _Slow"]
        if type_ is dt.date:
            self.sure = dt.date
            hook = self._name("hook", conv.get_structure_hook(dt.date))
            # The hook refuses a day outside FIRST_DAY … LAST_DAY (and so sends it the slow way).
            return [
                f"if type({value}) is not _date or not _first <= {value} <= _last:",
                f"    {value} = {hook}({value}, None)",
            ]
        if isinstance(type_, type) and issubclass(type_, enum.Enum) and converter is type_:
            self.sure = type_
            members = self._name("members", {member.value: member for member in type_})
            return [f"if type({value}) is not str: raise _Slow", f"{value} = {members}[{value}]"]
        args = typing.get_args(type_)
        homogeneous = len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004 - tuple[X, ...]
        if typing.get_origin(type_) is tuple and homogeneous and converter in _TUPLE_CONVERTERS:
            self.sure = tuple
            lines = [f"if type({value}) is not list or len({value}) > budget.max_list: raise _Slow"]
            if args[0] is str:
                return [
                    *lines,
                    f"for item in {value}:",
                    "    if type(item) is not str or len(item) > budget.max_name: raise _Slow",
                    f"{value} = tuple({value})",
                ]
            if attrs.has(args[0]):
                self.items = args[0]
                hook = self._name("items", conv.get_structure_hook(args[0]))
                kind = self._name("kind", args[0])
                # Only dicts: the item's own function would take any mapping, which the
                # list's hook refuses ("expected a table").
                return [
                    *lines,
                    f"items = [{hook}(item, {kind}) for item in {value} if type(item) is dict]",
                    f"if len(items) != len({value}): raise _Slow",
                    f"{value} = tuple(items)",
                ]
        return None

    def redundant(self, validator: Any) -> bool:
        """Whether the value as read always passes ``validator``."""
        if isinstance(validator, Day):  # civsam's own: the date hook makes sure of the same
            return self.sure is dt.date
        return any(validator == known for known in redundant_validators(self.sure, self.items))


def _plain(cls: type[Any]) -> bool:
    """Whether setting its fields is all that making an instance of ``cls`` takes."""
    return not (
        hasattr(cls, "__attrs_pre_init__")
        or hasattr(cls, "__attrs_post_init__")
        or any(
            not a.init or a.alias != a.name or isinstance(a.default, attrs.Factory)  # type: ignore[arg-type]
            for a in attrs.fields(cls)
        )
    )


def one_pass(
    cls: type[Any],
    conv: cattrs.Converter,
    detailed: Callable[[Any, Any], Any],
    current_budget: Callable[[], Budget],
    texts: Collection[str],
) -> Callable[[Any, Any], Any]:
    """Generate the one-pass structuring of ``cls``, falling back to ``detailed``.

    ``detailed`` counts the table's keys in the budget, and so does the generated
    function. For a class or field it does not recognise, ``detailed`` is returned.
    """
    if cls not in MANY or not _plain(cls):
        return detailed
    fields = attrs.fields(cls)
    names: dict[str, Any] = {
        "__name__": __name__,  # the function's __module__: tests tell the paths apart by it
        "_cls": cls,
        "_detailed": detailed,
        # Raised to decline a table; any exception sends it to the detailed function,
        # so a builtin will do (a class of civsam's own would have to be exported).
        "_Slow": ValueError,
        "_intern": sys.intern,
        "_date": dt.date,
        "_first": FIRST_DAY,
        "_last": LAST_DAY,
        "_new": object.__new__,
        "_set": object.__setattr__,
        "_budget": current_budget,
    }
    required = sum(attribute.default is attrs.NOTHING for attribute in fields)
    body = ["if type(data) is not dict: raise _Slow", f"found = {required}"]
    validations: list[str] = []
    for position, attribute in enumerate(fields):
        field = _Field(attribute, position, conv, texts)
        if field.lines is None:
            return detailed
        names.update(field.names)
        value = field.value
        if attribute.default is attrs.NOTHING:
            body += [f"{value} = data[{attribute.name!r}]", *field.lines]
        else:
            default = attribute.default
            if attribute.converter is not None and attribute.converter(default) != default:
                return detailed  # a default the converter changes: leave it to __init__
            names[f"_default{position}"] = default
            body += [
                f"if {attribute.name!r} in data:",
                "    found += 1",
                f"    {value} = data[{attribute.name!r}]",
                *(f"    {line}" for line in field.lines),
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
        validator = attribute.validator
        if validator is not None and validator is not check and not field.redundant(validator):
            names[f"_validator{position}"] = validator
            names[f"_attribute{position}"] = attribute
            validations.append(f"_validator{position}(self, _attribute{position}, {value})")
    # Every key was one of the fields (cattrs' forbid_extra_keys), counted without a set.
    body.append("if found != len(data): raise _Slow")
    body.append("self = _new(_cls)")
    body += [f"_set(self, {a.name!r}, v{n})" for n, a in enumerate(fields)]
    # As in __init__: validators run once every field is set (some look at others).
    body += validations
    body += ["budget.keys += found", "return self"]
    source = "\n".join(
        [
            f"def structure_{cls.__name__}(data, _=None):",
            "    budget = _budget()",
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
    function: Callable[[Any, Any], Any] = names[f"structure_{cls.__name__}"]
    return function
