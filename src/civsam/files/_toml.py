"""A small TOML writer for civsam's documents: tables, arrays of tables, inline values.

tomli-w decides between ``[[organisations]]`` and inline arrays by line length, so the
same project could come out in two shapes. A project file is edited by hand, so civsam
always writes one shape: each top-level list of tables as ``[[section]]`` blocks, nested
values inline. ``tomllib`` reads the result back; the property tests hold it to that.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from civsam._message import Text

__all__ = ["array_table", "dumps"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _string(value: str) -> str:
    # JSON's escapes are valid TOML basic-string escapes; TOML also forbids a raw DEL.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _value(value: Any) -> str:  # noqa: PLR0911 - one answer per kind of value
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return f"{{ {inner} }}" if inner else "{}"
    if isinstance(value, list | tuple):
        if any(isinstance(item, Mapping) for item in value):
            # One table a line: lists of contacts stay readable and diff well.
            return "[\n" + "".join(f"    {_value(item)},\n" for item in value) + "]"
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(Text("files.unwritable_toml", type=type(value).__name__))


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, Mapping) for v in value)


def _body(table: Mapping[str, Any]) -> list[str]:
    return [f"{_key(key)} = {_value(value)}" for key, value in table.items()]


def _table(name: str, table: Mapping[str, Any]) -> list[str]:
    """A ``[name]`` table: its values, then each table-valued key as ``[name.key]``."""
    values = {k: v for k, v in table.items() if not isinstance(v, Mapping)}
    chunks = ["\n".join([f"[{name}]", *_body(values)])]
    for key, value in table.items():
        if isinstance(value, Mapping):
            chunks.extend(_table(f"{name}.{_key(key)}", value))
    return chunks


def dumps(document: Mapping[str, Any]) -> str:
    """Write a document whose top level holds tables and lists of tables."""
    chunks: list[str] = []
    scalars = {
        k: v for k, v in document.items() if not isinstance(v, Mapping) and not _is_table_list(v)
    }
    if scalars:
        chunks.append("\n".join(_body(scalars)))
    for key, value in document.items():
        if isinstance(value, Mapping):
            chunks.extend(_table(_key(key), value))
        elif _is_table_list(value):
            chunks.extend(array_table(key, item) for item in value)
    return "\n\n".join(chunks) + "\n"


def array_table(key: str, item: Mapping[str, Any]) -> str:
    """One ``[[key]]`` table of a list of tables, without a final newline."""
    return "\n".join([f"[[{_key(key)}]]", *_body(item)])
