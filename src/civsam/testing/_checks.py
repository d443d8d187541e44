"""Run a contract's checks in order and describe the first that fails."""

from __future__ import annotations

from collections.abc import Callable, Iterable

__all__ = ["first_failure"]


def first_failure(checks: Iterable[tuple[str, Callable[[], None]]]) -> tuple[str, str] | None:
    """The name of the first check that fails, and what went wrong, with hypothesis' notes.

    The notes carry hypothesis' smallest failing example, which is what makes a contract
    error useful to the person who has to fix the rule or exporter.
    """
    for name, check in checks:
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure of the checked code is the finding
            notes = "\n".join(str(note) for note in getattr(error, "__notes__", ()))
            return name, f"{type(error).__name__}: {error}\n{notes}".rstrip()
    return None
