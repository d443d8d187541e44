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
    Eve. ``closed`` adds the team's own days off, and ``period`` a yearly closed period,
    its first and last day as ``(month, day)``, that may run over New Year.
    """

    __slots__ = ("_closed", "_optional", "_period")

    def __init__(
        self,
        *,
        optional: bool = True,
        closed: Iterable[dt.date] = (),
        period: tuple[tuple[int, int], tuple[int, int]] | None = None,
    ) -> None:
        self._optional = optional
        self._closed = frozenset(closed)
        self._period = period

    def in_closed_period(self, day: dt.date) -> bool:
        """Within the yearly closed period."""
        if self._period is None:
            return False
        first, last = self._period
        when = (day.month, day.day)
        if first <= last:
            return first <= when <= last
        return when >= first or when <= last

    def is_working_day(self, day: dt.date) -> bool:
        """Monday to Friday, not a holiday, not closed and not in the closed period."""
        return (
            day.weekday() < _SATURDAY
            and day not in self._closed
            and not self.in_closed_period(day)
            and day not in _danish_holidays(day.year, optional=self._optional)
        )

    def on_or_after(self, day: dt.date) -> dt.date:
        """The first working day on or after ``day``."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def closed_periods(self, start: dt.date, end: dt.date) -> tuple[tuple[dt.date, dt.date], ...]:
        """The closed periods that meet ``start`` to ``end`` (``end`` not included).

        Each is (first day, last day), whole, in time order.
        """
        if self._period is None:
            return ()
        (first_month, first_day), (last_month, last_day) = self._period
        wraps = self._period[1] < self._period[0]
        found = []
        for year in range(start.year - 1, end.year + 1):
            try:
                first = dt.date(year, first_month, first_day)
                last = dt.date(year + wraps, last_month, last_day)
            except ValueError:  # year + 1 beyond the last year a date holds
                continue
            if first < end and last >= start:
                found.append((first, last))
        return tuple(found)
