"""Field constraints that serve both attrs (values built in code) and the converter (files).

A constraint lives in the field's metadata, so a value built in Python and a value read
from a file are held to the same rules, and a file reports every broken rule at once
instead of stopping at the first ``__init__`` that raises.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

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
    "to_tuple",
    "to_tuple_of_str",
]

METADATA_KEY = "civsam.check"

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # ids: not even tabs or line breaks


@attrs.frozen(slots=True)
class Check:
    """A named test on one field's value; ``expected`` completes "expected …" in errors."""

    expected: str
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
            shown = "a value" if self.personal else repr(value)
            raise ValueError(
                f"{type(instance).__name__}.{attribute.name}: expected {self.expected}, "
                f"found {shown}"
            )


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


def distinct_texts(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]
) -> None:
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(
                f"{type(instance).__name__}.{attribute.name}: expected non-empty texts, "
                f"found {item!r}"
            )
    if len(set(value)) != len(value):
        raise ValueError(
            f"{type(instance).__name__}.{attribute.name}: expected each item once, "
            f"found duplicates in {list(value)!r}"
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


SCORE = Check("a whole number from 1 to 5", _is_score)
IDENTIFIER = Check(
    "a non-empty id without surrounding spaces or control characters", _is_identifier
)
NAME = Check("a non-empty name", _is_name)
PERSON_NAME = Check("a non-empty name", _is_name, personal=True)
