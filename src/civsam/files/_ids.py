"""Ids made from names: readable, ASCII, stable, and unique within a project."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Container

__all__ = ["slugify", "unique_id"]

# Danish letters have conventional ASCII spellings; NFKD would turn "ø" into nothing.
_TRANSLITERATION = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "ß": "ss"}
)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(name: str, fallback: str = "organisation") -> str:
    """``"Ældre Sagen Århus"`` → ``"aeldre-sagen-aarhus"``; ``fallback`` if nothing is left."""
    text = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATION))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_ALNUM.sub("-", text).strip("-") or fallback


def unique_id(name: str, taken: Container[str], fallback: str = "organisation") -> str:
    """A slug of ``name`` not in ``taken``: ``x``, then ``x-2``, ``x-3``, …."""
    base = slugify(name, fallback)
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
