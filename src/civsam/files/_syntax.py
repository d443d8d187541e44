"""What a TOML or JSON parser said was wrong, in the reader's language.

``tomllib`` and ``json`` explain a syntax error in English ("Expecting value"). The
common ones are said from the catalogue, so a Danish user reads Danish; in English they
stay word for word what the parser said. A message not known here is shown as the parser
wrote it.
"""

from __future__ import annotations

import re
from typing import Final

from civsam._message import Text

__all__ = ["syntax_detail"]

_KNOWN: Final = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        # tomllib
        (r"^Expected '=' after a key in a key/value pair$", "syntax.toml_equals"),
        (r"^Invalid value$", "syntax.toml_value"),
        (r"^Unclosed array$", "syntax.unclosed_array"),
        (r"^Unclosed inline table$", "syntax.unclosed_table"),
        (r"^Unterminated string$", "syntax.toml_unterminated"),
        (r"^Cannot overwrite a value$", "syntax.toml_overwrite"),
        (r"^Cannot declare (?P<names>\(.*\)) twice$", "syntax.toml_twice"),
        (r"^Expected newline or end of document after a statement$", "syntax.toml_newline"),
        (r"^Invalid statement$", "syntax.toml_statement"),
        (r"^Illegal character (?P<char>'.*')$", "syntax.illegal_character"),
        (r"^Invalid initial character for a key part$", "syntax.toml_key"),
        # json
        (r"^Expecting value$", "syntax.json_value"),
        (r"^Expecting ':' delimiter$", "syntax.json_colon"),
        (r"^Expecting ',' delimiter$", "syntax.json_comma"),
        (r"^Expecting property name enclosed in double quotes$", "syntax.json_key"),
        (r"^Unterminated string starting at$", "syntax.json_unterminated"),
        (r"^Extra data$", "syntax.json_extra"),
        (r"^Invalid \\escape$", "syntax.json_escape"),
        (r"^Invalid control character at$", "syntax.json_control"),
    )
)


_WHERE = re.compile(r"\s*\((?:(?P<end>at end of document)|column (?P<column>\d+))\)$")
"""Where tomllib says it stopped, after its message: at the end, or a column of the line."""


def syntax_detail(message: str) -> str | Text:
    """The parser's ``message`` from the catalogue when known, else as it is."""
    where = _WHERE.search(message)
    core = message[: where.start()] if where else message
    for pattern, key in _KNOWN:
        match = pattern.match(core.strip())
        if match is None:
            continue
        detail = Text(key, **match.groupdict())
        if where is None:
            return detail
        if where.group("end"):
            return Text("syntax.at_end", detail=detail)
        return Text("syntax.at_column", detail=detail, column=int(where.group("column")))
    return message
