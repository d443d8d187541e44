"""Files: project files (TOML, JSON) and partner tables (CSV, XLSX), read and written safely.

The files layer sits just above the model. Everything here reads or writes bytes; nothing
above it does, except the exporters' ``export`` and the command line. A project file is
written whole or not at all, under an advisory lock held from reading to renaming; input
is bounded (:class:`civsam.Limits`) and every problem in it is reported at once, located.
"""

from civsam.files._limits import DEFAULT_LIMITS, Limits
from civsam.files.bundled import example
from civsam.files.io import (
    Format,
    LockTimeoutError,
    dumps,
    load,
    loads,
    locked,
    record,
    save,
    write_atomic,
)
from civsam.files.table import GUIDE_COLUMNS, placeholder_owner, read_table

__all__ = [
    "DEFAULT_LIMITS",
    "GUIDE_COLUMNS",
    "Format",
    "Limits",
    "LockTimeoutError",
    "dumps",
    "example",
    "load",
    "loads",
    "locked",
    "placeholder_owner",
    "read_table",
    "record",
    "save",
    "write_atomic",
]
