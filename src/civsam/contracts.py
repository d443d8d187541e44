"""What civsam needs of a plugin's rule and exporter, defined once.

The plugin loader refuses what breaks these contracts, and :mod:`civsam.testing`'s
``check_rule`` and ``check_exporter`` check the same definitions first, so a plugin that
passes its own tests is never refused when it is installed. The syntax rules:

- a **name** (``--rule NAME``, ``-f NAME``) is 1 to 64 letters, digits, ``-``, ``_`` or
  ``.``, starting with a letter or digit: what a user can type in a shell and a file
  without quoting;
- a **suffix** starts with a dot, followed by letters and digits, with ``.``, ``-`` or
  ``_`` between them: ``.csv``, ``.tar.gz``;
- a **media type** has RFC 6838's syntax, ``type/subtype``, optionally followed by RFC
  9110 parameters: ``text/csv; charset=utf-8``.
"""

from __future__ import annotations

import re

from civsam._message import Text
from civsam.protocols import Exporter

__all__ = [
    "MEDIA_TYPE_PATTERN",
    "NAME_PATTERN",
    "SUFFIX_PATTERN",
    "Exporter",
    "exporter_problems",
    "rule_problems",
]

NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
"""A rule's or format's name (matched whole)."""
SUFFIX_PATTERN = re.compile(r"\.[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*")
"""A file suffix with its dot (matched whole)."""
_RESTRICTED_NAME = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"  # RFC 6838, section 4.2
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"  # noqa: S105 - RFC 9110's token, section 5.6.2
_QUOTED = r'"(?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\[\t\x20-\x7e\x80-\xff])*"'
MEDIA_TYPE_PATTERN = re.compile(
    rf"{_RESTRICTED_NAME}/{_RESTRICTED_NAME}(?:[ \t]*;[ \t]*{_TOKEN}=(?:{_TOKEN}|{_QUOTED}))*"
)
"""A media type with optional parameters (matched whole)."""


_MISSING = object()


def _attribute(item: object, attribute: str) -> tuple[object, Text | None]:
    """``item.attribute`` (:data:`_MISSING` when absent), or why reading it raised."""
    try:
        return getattr(item, attribute, _MISSING), None
    except Exception as error:  # noqa: BLE001 - a plugin's bug (a raising property), reported
        return _MISSING, Text(
            "contract.raised", attribute=attribute, error=f"{type(error).__name__}: {error}"
        )


def _syntax(item: object, attribute: str, pattern: re.Pattern[str], expected: str) -> list[Text]:
    value, problem = _attribute(item, attribute)
    if problem is not None:
        return [problem]
    if value is _MISSING:
        return [Text("contract.missing", attribute=attribute)]
    if not isinstance(value, str) or pattern.fullmatch(value) is None:
        return [
            Text(
                "contract.syntax",
                attribute=attribute,
                value=repr(value)[:80],
                expected=Text(expected),
            )
        ]
    return []


def _callable(item: object, attribute: str, *, optional: bool = False) -> list[Text]:
    value, problem = _attribute(item, attribute)
    if problem is not None:
        return [problem]
    if value is _MISSING or (optional and value is None):
        return [] if optional else [Text("contract.missing", attribute=attribute)]
    if not callable(value):
        return [Text("contract.not_callable", attribute=attribute, type=type(value).__name__)]
    return []


def exporter_problems(item: object) -> tuple[Text, ...]:
    """Every way ``item`` breaks the exporter contract; empty when it keeps it.

    Each problem is a catalogue text (said in the reader's language) naming the
    attribute, the value found and what was expected.
    """
    return (
        *_syntax(item, "name", NAME_PATTERN, "contract.expected_name"),
        *_syntax(item, "suffix", SUFFIX_PATTERN, "contract.expected_suffix"),
        *_syntax(item, "media_type", MEDIA_TYPE_PATTERN, "contract.expected_media_type"),
        *_callable(item, "export"),
        *_callable(item, "recognises", optional=True),
    )


def rule_problems(item: object) -> tuple[Text, ...]:
    """Every way ``item`` breaks the rule contract (``name`` and ``place``); empty if none.

    A rule may also have ``bind(context)``: it must then be callable.
    """
    return (
        *_syntax(item, "name", NAME_PATTERN, "contract.expected_name"),
        *_callable(item, "place"),
        *_callable(item, "bind", optional=True),
    )
