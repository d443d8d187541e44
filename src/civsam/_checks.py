"""Field constraints that serve both attrs (values built in code) and the converter (files).

A constraint lives in the field's metadata, so a value built in Python and a value read
from a file are held to the same rules, and a file reports every broken rule at once
instead of stopping at the first ``__init__`` that raises.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import attrs

from civsam._message import Text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from civsam.errors import Message

__all__ = [
    "ANY_CONTROL",
    "CONTROL",
    "IDENTIFIER",
    "MAX_SCORE",
    "METADATA_KEY",
    "MIN_SCORE",
    "NAME",
    "PERSON_NAME",
    "SCORE",
    "Check",
    "distinct_texts",
    "field_check",
    "refused",
    "to_tuple",
    "to_tuple_of_str",
]

METADATA_KEY = "civsam.check"

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # ids: not even tabs or line breaks


@attrs.frozen(slots=True)
class Check:
    """A named test on one field's value; ``expected`` completes "expected …" in errors.

    ``expected`` is a catalogue text, said in the reader's language where it is shown.
    """

    expected: Message
    test: Callable[[Any], bool]
    personal: bool = False
    """True when the value is personal data and must not be echoed in an error."""

    @property
    def metadata(self) -> dict[str, Check]:
        """Field metadata that tells the converter to apply this check."""
        return {METADATA_KEY: self}

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Validate as an attrs validator; ``None`` passes (optional fields)."""
        if value is not None and not self.test(value):
            shown = Text("model.a_value") if self.personal else repr(value)
            raise refused(instance, attribute, self.expected, shown)


def field_check(attribute: attrs.Attribute[Any]) -> Check | None:
    """The constraint a field declares, if any."""
    check = attribute.metadata.get(METADATA_KEY)
    return check if isinstance(check, Check) else None


def to_tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    """Accept any iterable of strings in code; a lone string is one item, not characters."""
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def refused(
    instance: object,
    attribute: attrs.Attribute[Any],
    expected: Message,
    found: Message,
    *,
    key: object = None,
) -> ValueError:
    """A validator's complaint about a field (``Class.field[key]``), as a catalogue text.

    Called only when a value fails: a valid value costs no text.
    """
    field = f"{type(instance).__name__}.{attribute.name}"
    if key is not None:
        field += f"[{key}]"
    return ValueError(
        Text("model.field_expected_found", field=field, expected=expected, found=found)
    )


def distinct_texts(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]
) -> None:
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise refused(instance, attribute, Text("model.non_empty_texts"), repr(item))
    if len(set(value)) != len(value):
        raise refused(
            instance,
            attribute,
            Text("model.each_item_once"),
            Text("model.duplicates_in", items=repr(list(value))),
        )


MIN_SCORE = 1
MAX_SCORE = 5


def _is_score(value: object) -> bool:
    return type(value) is int and MIN_SCORE <= value <= MAX_SCORE


def _is_identifier(value: object) -> bool:
    return (
        isinstance(value, str)
        and value != ""
        and value == value.strip()
        and ANY_CONTROL.search(value) is None
    )


def _is_name(value: object) -> bool:
    return isinstance(value, str) and value.strip() != "" and CONTROL.search(value) is None


SCORE = Check(Text("model.score"), _is_score)
IDENTIFIER = Check(Text("model.identifier"), _is_identifier)
NAME = Check(Text("model.name"), _is_name)
PERSON_NAME = Check(Text("model.name"), _is_name, personal=True)
OPTIONAL_PERSON_NAME = Check(
    Text("model.name_or_nothing"), lambda value: value == "" or _is_name(value), personal=True
)
"""A person's name that may be left out (``""``): who assessed, who moved a post-it."""
