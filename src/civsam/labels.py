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
import string
import types
from typing import TYPE_CHECKING

from civsam._message import TEXTS, Choices, MissingValueError, Sayable, Text, is_plural
from civsam._message import fill as _fill
from civsam._message import text_for as _text_for
from civsam.errors import CivsamError
from civsam.model import Language

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["KEYS", "Choices", "Sayable", "Text", "UnknownLabelError", "catalogue", "label"]


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
# Keys whose text has placeholders: only these need formatting, and they must get values.
_TEMPLATES = frozenset(
    key
    for key, texts in _TEXTS.items()
    if any(field for text in texts for _, field, _, _ in string.Formatter().parse(text))
)


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
    if text is None:
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
