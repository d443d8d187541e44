"""The catalogue's machinery: one merged table of texts, and messages said in any language.

A :class:`Text` is a catalogue key with its values, made where something happens (an
error raised deep in a loader) and said in a language only where it is shown (the
command line, a report). That is how an error raised in English-named code reaches a
Danish user in Danish, while ``str(error)`` stays English for logs and Python callers.

This module is a leaf: it imports only the catalogue's data, so that ``civsam.errors``
can build on it without a cycle. The public face is :mod:`civsam.labels`.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING, Final, Protocol, Self, runtime_checkable

from civsam._texts import (
    boards,
    calendar,
    chart,
    cli,
    common,
    files,
    history,
    model,
    movement,
    plan,
    plugins,
    report,
    rules,
    workshop,
    workshop_board,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "LANGUAGES",
    "TEXTS",
    "Choices",
    "Grouped",
    "MissingValueError",
    "Sayable",
    "Text",
    "UnknownKeyError",
    "fill",
    "is_plural",
    "say",
    "text_for",
]

LANGUAGES: Final = ("da", "en")
"""The languages in the order the catalogue stores their texts."""


def _merged(*parts: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """One table of every part's texts; a key in two parts would hide one of them."""
    merged: dict[str, tuple[str, str]] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise RuntimeError(f"catalogue keys defined twice: {sorted(twice)}")
        merged.update(part)
    return merged


TEXTS: Final = _merged(
    common.TEXTS,
    report.TEXTS,
    cli.TEXTS,
    files.TEXTS,
    model.TEXTS,
    rules.TEXTS,
    plan.TEXTS,
    calendar.TEXTS,
    chart.TEXTS,
    boards.TEXTS,
    plugins.TEXTS,
    history.TEXTS,
    movement.TEXTS,
    workshop.TEXTS,
    workshop_board.TEXTS,
)
"""Every key -> (Danish, English). A pair per key makes a missing translation impossible."""

PLUGIN_TEXTS: dict[str, tuple[str, str]] = {}
"""Texts plugins registered (:func:`civsam.register_labels`): kept apart from civsam's own,
which stay exactly what the catalogue parts define."""

_PLURAL_FORMS = (".one", ".other")


def _known(key: str) -> bool:
    return key in TEXTS or key in PLUGIN_TEXTS


def _pair(key: str) -> tuple[str, str]:
    return TEXTS[key] if key in TEXTS else PLUGIN_TEXTS[key]


def is_plural(key: str) -> bool:
    """Whether ``key`` names a plural: texts stored as ``key.one`` and ``key.other``."""
    return not _known(key) and all(_known(f"{key}{form}") for form in _PLURAL_FORMS)


class UnknownKeyError(KeyError):
    """A key the catalogue does not have (``civsam.labels`` turns it into its public error)."""


class MissingValueError(KeyError):
    """A text asked for without a value one of its placeholders needs (``name``)."""

    name: str = ""


def _index(language: str) -> int:
    try:
        return LANGUAGES.index(language)
    except ValueError:
        raise ValueError(f"unknown language {language!r}") from None


def text_for(key: str, language: str, count: object = None) -> str:
    """The raw text of ``key`` in ``language``; a plural's form chosen by ``count``.

    Danish and English choose alike: the singular for exactly one, the plural otherwise
    (0 organisationer, 1 organisation, 2 organisationer).
    """
    index = _index(language)
    if _known(key):
        return _pair(key)[index]
    if is_plural(key):
        if not isinstance(count, int):
            raise MissingValueError(f"label {key!r} is a plural and needs a whole-number count")
        return _pair(f"{key}{_PLURAL_FORMS[0] if count == 1 else _PLURAL_FORMS[1]}")[index]
    raise UnknownKeyError(key)


def _fields(text: str) -> Iterable[str]:
    return (field for _, field, _, _ in string.Formatter().parse(text) if field)


@runtime_checkable
class Sayable(Protocol):
    """Anything that can be said in a language: a :class:`Text` or :class:`Choices`."""

    def say(self, language: str) -> str:
        """The text in ``language`` (``"da"`` or ``"en"``)."""
        ...


_PLAIN = frozenset({str, int, float, bool})
"""Value types that are never :class:`Sayable` (a Text is a *subclass* of str)."""


def fill(key: str, text: str, language: str, values: Mapping[str, object]) -> str:
    """``text`` (the text of ``key`` in ``language``) with its placeholders filled.

    A value that is itself :class:`Sayable` is said in the same language, so messages
    nest: "row 3: {problem}" with the problem in Danish too. A placeholder without a
    value raises :class:`MissingValueError`, naming it: never a raw ``{name}`` shown.
    """
    # Most values are plain strings and numbers; a runtime Protocol check costs about
    # 30 µs each, which the Markdown report of 5,000 partners paid 27,000 times.
    said = {
        name: value
        if type(value) in _PLAIN
        else value.say(language)
        if isinstance(value, Sayable)
        else value
        for name, value in values.items()
    }
    try:
        return text.format_map(said)
    except KeyError as missing:
        error = MissingValueError(f"label {key!r} needs a value for {{{missing.args[0]}}}")
        error.name = str(missing.args[0])
        raise error from None


def say(key: str, language: str, values: Mapping[str, object]) -> str:
    """The text of ``key`` in ``language`` with its placeholders filled from ``values``."""
    text = text_for(key, language, values.get("count"))
    if not any(True for _ in _fields(text)):
        return text
    return fill(key, text, language, values)


class Text(str):  # noqa: SLOT000 - a str subtype cannot have slots of its own
    """A catalogue text and the values for its placeholders, said when it is shown.

    A :class:`Text` *is* its English text, a ``str``: it stands wherever a message string
    stood (``problem.message.startswith(...)``, ``==`` with plain words, ``str(error)``),
    so code written for English messages keeps working; :meth:`say` gives it in either
    language.
    """

    key: str
    values: Mapping[str, object]

    def __new__(cls, key: str, /, **values: object) -> Self:
        if not _known(key) and not is_plural(key):
            raise UnknownKeyError(key)
        text = super().__new__(cls, say(key, "en", values))
        text.key = key
        text.values = values
        return text

    def say(self, language: str) -> str:
        """The text in ``language``, its placeholders filled."""
        return say(self.key, language, self.values)

    def __repr__(self) -> str:
        values = "".join(f", {name}={value!r}" for name, value in self.values.items())
        return f"Text({self.key!r}{values})"

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as its key and values (a worker process's error, say), not its English.
        return (_text, (self.key, dict(self.values)))


def _text(key: str, values: dict[str, object]) -> Text:
    return Text(key, **values)


class Choices:
    """Several values joined as a person would list them: "a, b or c" / "a, b eller c"."""

    __slots__ = ("conjunction", "items")

    def __init__(self, items: Iterable[object], conjunction: str = "or") -> None:
        if conjunction not in {"or", "and"}:
            raise ValueError(f"conjunction must be 'or' or 'and', not {conjunction!r}")
        self.items = tuple(items)
        self.conjunction = conjunction

    def say(self, language: str) -> str:
        """The items in ``language``, the last two joined by its "or" or "and"."""
        said = [
            item.say(language) if isinstance(item, Sayable) else str(item) for item in self.items
        ]
        if len(said) < 2:  # noqa: PLR2004 - one item, or none, needs no joining
            return "".join(said)
        word = text_for(f"join.{self.conjunction}", language)
        return f"{', '.join(said[:-1])} {word} {said[-1]}"

    def __str__(self) -> str:
        return self.say("en")

    def __repr__(self) -> str:
        return f"Choices({list(self.items)!r}, {self.conjunction!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Choices):
            return NotImplemented
        return (self.items, self.conjunction) == (other.items, other.conjunction)

    def __hash__(self) -> int:
        return hash((tuple(map(repr, self.items)), self.conjunction))


class Grouped:
    """A whole number grouped by thousands as the language writes it: 36.804 or 36,804."""

    __slots__ = ("number",)

    def __init__(self, number: int) -> None:
        self.number = number

    def say(self, language: str) -> str:
        """The number in ``language``: Danish groups with points, English with commas."""
        text = f"{self.number:,}"
        return text.replace(",", ".") if language == "da" else text

    def __str__(self) -> str:
        return self.say("en")

    def __repr__(self) -> str:
        return f"Grouped({self.number!r})"

    def __eq__(self, other: object) -> bool:
        return self.number == other.number if isinstance(other, Grouped) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.number)
