"""Run a contract's checks in order and describe the first that fails."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable, Iterable, Iterator

__all__ = ["MisbehavedError", "first_failure", "seeded"]


@contextlib.contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Run with :mod:`random` seeded as given, and put its state back afterwards.

    hypothesis seeds ``random`` alike before each example, so code that draws from it
    answers the same twice in one example; seeding differently between calls tells.
    """
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)


class MisbehavedError(AssertionError):
    """A failure that belongs to another check than the one that met it.

    A rule that raises while the monotone check walks its scores is not "not monotone":
    it is not valid. The check raises this, and :func:`first_failure` names ``check``.
    """

    def __init__(self, check: str, detail: str) -> None:
        self.check = check
        self.detail = detail
        super().__init__(detail)


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
            if isinstance(error, MisbehavedError):
                return error.check, f"{error.detail}\n{notes}".rstrip()
            return name, f"{type(error).__name__}: {error}\n{notes}".rstrip()
    return None
