"""Every text civsam shows to people, in Danish (``da``) and English (``en``).

One catalogue keeps the wording in one place: the guide's own Danish terms are used
wherever the guide has them, so a municipality and an association see the words they
already know, and exporters, the command line and reports can never drift apart.
Identifiers stay English; only the texts behind them are translated.

The texts live in parts by where they are shown (``civsam/_texts/``), merged into this
one catalogue. A plural is two keys, ``NAME.one`` and ``NAME.other``, asked for as
``label("NAME", language, count=n)``. A :class:`Text` carries a key and its values to
where it is shown, so an error raised deep in civsam is said in the reader's language.
"""

from __future__ import annotations

import difflib
import re
import string
import threading
import types
from typing import TYPE_CHECKING

from civsam._message import (
    PLUGIN_TEXTS,
    TEXTS,
    Choices,
    MissingValueError,
    Sayable,
    Text,
    is_plural,
)
from civsam._message import fill as _fill
from civsam._message import text_for as _text_for
from civsam.errors import CivsamError
from civsam.model import Language

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "KEYS",
    "Choices",
    "LabelError",
    "Sayable",
    "Text",
    "UnknownLabelError",
    "catalogue",
    "label",
    "register_labels",
]


class UnknownLabelError(CivsamError, KeyError):
    """A label key that is not in the catalogue, usually a typo.

    It is a :class:`KeyError` too, so code that treats the catalogue as a mapping keeps
    working. ``key`` is the key asked for; ``suggestions`` are the nearest known keys.
    """

    def __init__(self, key: str, suggestions: tuple[str, ...] = ()) -> None:
        self.key = key
        self.suggestions = suggestions
        if suggestions:
            message = Text(
                "error.unknown_label_near", key=key, near=Choices(map(repr, suggestions))
            )
        else:
            message = Text("error.unknown_label", key=key)
        super().__init__(message)

    def __str__(self) -> str:
        # KeyError would show the message in quotes, as if it were the missing key.
        return self.text("en")


_TEXTS: Mapping[str, tuple[str, str]] = TEXTS
"""Every key's (Danish, English) texts, from every part of the catalogue."""

KEYS: frozenset[str] = frozenset(_TEXTS)
"""Every label key; a test or a plugin can check its keys against this."""

_SORTED_KEYS = sorted(_TEXTS)
_INDEX = {Language.DA: 0, Language.EN: 1}
_CATALOGUES: dict[Language, Mapping[str, str]] = {
    language: types.MappingProxyType({key: texts[index] for key, texts in _TEXTS.items()})
    for language, index in _INDEX.items()
}


def _placeholders(text: str) -> frozenset[str]:
    return frozenset(field for _, field, _, _ in string.Formatter().parse(text) if field)


# Keys whose text has placeholders: only these need formatting, and they must get values.
_TEMPLATES = frozenset(key for key, texts in _TEXTS.items() if any(map(_placeholders, texts)))

_AREAS = frozenset(key.split(".", 1)[0] for key in KEYS)
"""The first parts of civsam's own keys: a plugin's keys start with its own name instead."""
_PLUGIN_KEY = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)+")
_REGISTERING = threading.Lock()


class LabelError(CivsamError, ValueError):
    """Label texts that :func:`register_labels` cannot take; the message says why."""


def register_labels(texts: Mapping[str, tuple[str, str]], /) -> None:
    """Add a plugin's own label texts, ``{key: (Danish, English)}``, to the catalogue.

    Then :func:`label`, :class:`Text` and a rule's ``Reason.of(key, ...)`` say them in
    either language, like civsam's own. Keys are dotted, lower-case, and start with the
    plugin's own name (``"weighted.bonus"``), never one of civsam's areas (``reason``,
    ``cli``, ...). Both texts must have the same ``{placeholders}``; ``key.one`` and
    ``key.other`` make a plural. Registering the same texts again does nothing;
    different texts for a registered key raise :class:`LabelError`, as does any other
    problem, and then nothing is registered.
    """
    checked = {key: _checked(key, value) for key, value in dict(texts).items()}
    with _REGISTERING:
        for key, value in checked.items():
            if PLUGIN_TEXTS.get(key, value) != value:
                raise LabelError(Text("labels.taken", key=key))
        PLUGIN_TEXTS.update(checked)


def _checked(key: object, value: object) -> tuple[str, str]:
    if not isinstance(key, str) or _PLUGIN_KEY.fullmatch(key) is None:
        raise LabelError(Text("labels.bad_key", key=str(key)))
    area = key.split(".", 1)[0]
    if area in _AREAS:
        raise LabelError(Text("labels.civsam_area", key=key, area=area))
    if (
        not isinstance(value, tuple | list)
        or len(value) != 2  # noqa: PLR2004 - Danish and English
        or not all(isinstance(text, str) and text.strip() for text in value)
    ):
        raise LabelError(Text("labels.bad_texts", key=key, found=repr(value)[:80]))
    danish, english = value
    if _placeholders(danish) != _placeholders(english):
        raise LabelError(
            Text(
                "labels.placeholders",
                key=key,
                da=", ".join(sorted(_placeholders(danish))) or "-",
                en=", ".join(sorted(_placeholders(english))) or "-",
            )
        )
    return danish, english


def _language(language: Language | str) -> Language:
    """Accept a Language or its code, so callers can pass what a user typed."""
    if isinstance(language, Language):
        return language
    try:
        return Language(language)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in Language)
        raise CivsamError(
            Text("error.unknown_language", language=repr(language), allowed=allowed)
        ) from None


def catalogue(language: Language | str) -> Mapping[str, str]:
    """Every key's raw text (placeholders unfilled) in one language, read-only.

    Read-only so that no caller can change what every other caller shows.
    """
    return _CATALOGUES[_language(language)]


def label(key: str, language: Language | str = Language.DA, /, **values: object) -> str:
    """Return the text for ``key`` in ``language``, its ``{name}`` placeholders filled.

    ``values`` fill the placeholders; a missing one is an error rather than a raw ``{name}``
    shown to a person. A plural key takes its form from ``count``. A value that is a
    :class:`Text` is said in the same language. Danish is the default because the guide
    and most users are Danish.
    """
    lang = _language(language)
    text = _CATALOGUES[lang].get(key)
    if text is None and key in PLUGIN_TEXTS:
        text = PLUGIN_TEXTS[key][_INDEX[lang]]
        if not _placeholders(text):
            return text
    elif text is None:
        if not is_plural(key):
            close = difflib.get_close_matches(key, _SORTED_KEYS, n=3)
            raise UnknownLabelError(key, tuple(close))
        try:
            text = _text_for(key, lang, values.get("count"))
        except MissingValueError:
            raise CivsamError(Text("error.label_count", key=key)) from None
    elif key not in _TEMPLATES:
        return text
    try:
        return _fill(key, text, lang, values)
    except MissingValueError as missing:
        raise CivsamError(
            Text(
                "error.label_value",
                key=key,
                name=missing.name,
                given=", ".join(sorted(values)) or "-",
            )
        ) from None
