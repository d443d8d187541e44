"""Working days in Denmark: no weekends, no public holidays, no days the team has closed.

The public holidays come from the ``holidays`` package, which follows Danish law (the
Great Prayer Day ends in 2024, for one); civsam does not keep its own list.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["WorkingDays"]

_SATURDAY = 5


@functools.cache
def _danish_holidays(year: int, *, optional: bool) -> frozenset[dt.date]:
    import holidays  # noqa: PLC0415 - loaded with the first plan, not at start-up

    categories = ("public", "optional") if optional else ("public",)
    return frozenset(holidays.country_holidays("DK", years=year, categories=categories))


class WorkingDays:
    """Which days meetings may fall on.

    ``optional`` also closes the days most Danish workplaces close though the law does
    not: Workers' Day (1 May), Constitution Day (5 June), Christmas Eve and New Year's
    Eve. ``closed`` adds the team's own days off.
    """

    __slots__ = ("_closed", "_optional")

    def __init__(self, *, optional: bool = True, closed: Iterable[dt.date] = ()) -> None:
        self._optional = optional
        self._closed = frozenset(closed)

    def is_working_day(self, day: dt.date) -> bool:
        """Monday to Friday, not a holiday and not closed."""
        return (
            day.weekday() < _SATURDAY
            and day not in self._closed
            and day not in _danish_holidays(day.year, optional=self._optional)
        )

    def on_or_after(self, day: dt.date) -> dt.date:
        """The first working day on or after ``day``."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day
