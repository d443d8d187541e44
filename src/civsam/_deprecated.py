"""Old names kept working: each use warns once per call site and says the new name.

A rename never breaks a user's code silently. The old name stays for at least one minor
release, warns with :class:`DeprecationWarning` pointing at the caller's line, and is
listed in ``CHANGELOG.md`` and ``docs/api.md`` under "Renamed".
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

__all__ = ["moved_module", "warn_renamed"]


def warn_renamed(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is now ``new`` (``stacklevel`` 3: the caller of the old name)."""
    warnings.warn(
        f"{old} is deprecated; use {new} (see CHANGELOG.md, 0.2.0)",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def moved_module(old: str, new: ModuleType, names: tuple[str, ...]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``old``: its public ``names`` now live in ``new``."""

    def __getattr__(name: str) -> Any:  # noqa: N807 - a module's __getattr__
        if name not in names:
            raise AttributeError(f"module {old!r} has no attribute {name!r}")
        warn_renamed(f"{old}.{name}", f"{new.__name__}.{name}")
        return getattr(new, name)

    return __getattr__
