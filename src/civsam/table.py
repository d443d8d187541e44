"""Deprecated: partner tables are read by :mod:`civsam.files` since 0.2.0."""

from civsam import files
from civsam._deprecated import moved_module

__getattr__ = moved_module(
    "civsam.table", files, ("GUIDE_COLUMNS", "placeholder_owner", "read_table")
)
