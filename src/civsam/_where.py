"""Where a problem is and what was found there: the two things every error says.

Model validation and file reading both report problems at a field path
(``organisations[2].kind``) with a short, safe description of the value found; this
module owns both, below the files layer, so the model never imports a file reader.
"""

from __future__ import annotations

import datetime as dt

from civsam._message import Text

__all__ = ["Path", "describe", "format_path"]

Path = tuple[str | int, ...]
"""A field's place in a document: ``("organisations", 2, "kind")``."""

_SHOWN = 40
"""How much of a text value an error message repeats."""
_A_TABLE = Text("model.a_table")
_A_LIST = Text("model.a_list")
_NOTHING = Text("model.nothing")


def format_path(path: Path) -> str:
    """``("organisations", 2, "kind")`` as ``organisations[2].kind``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def describe(value: object) -> Text:  # noqa: PLR0911 - one answer per kind of value
    """A short, safe description of a value for an error message.

    Text is quoted and cut short; containers are named, not printed, so that an error
    never dumps a whole table (which may hold personal data) into a log.
    """
    if value is None:
        return _NOTHING
    if isinstance(value, bool):
        return Text("model.found_bool", value=str(value).lower())
    if isinstance(value, int | float):
        return Text("model.found_number", value=repr(value))
    if isinstance(value, str):
        shown = value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"
        return Text("model.found_text", value=repr(shown))
    if isinstance(value, dt.datetime):
        return Text("model.found_datetime", value=value.isoformat())
    if isinstance(value, dt.date):
        return Text("model.found_date", value=value.isoformat())
    if isinstance(value, dict):
        return _A_TABLE
    if isinstance(value, list | tuple):
        return _A_LIST
    return Text("model.found_type", type=type(value).__name__)
