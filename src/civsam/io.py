"""Deprecated: project files are read and written by :mod:`civsam.files` since 0.2.0."""

from civsam import files
from civsam._deprecated import moved_module

__getattr__ = moved_module(
    "civsam.io",
    files,
    ("LockTimeoutError", "dumps", "load", "loads", "locked", "record", "save", "write_atomic"),
)
