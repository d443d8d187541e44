"""Which days a plan may use, worked out here from the `holidays` package, not by civsam.

The planning tests check civsam's calendar of working days against this one: weekends,
Danish public holidays (and, with ``optional_holidays``, the days most workplaces
close), the team's closed days and the yearly closed period.
"""

from __future__ import annotations

import datetime as dt
import functools

import holidays

from civsam import PlanSettings

__all__ = ["danish_holidays", "day_off", "in_closed_period"]


@functools.cache
def danish_holidays(*, optional: bool) -> holidays.HolidayBase:
    """Denmark's public holidays, and with ``optional`` the days most workplaces close."""
    categories = ("public", "optional") if optional else ("public",)
    return holidays.country_holidays("DK", categories=categories)


def in_closed_period(day: dt.date, settings: PlanSettings) -> bool:
    """Within the yearly closed period ("MM-DD" to "MM-DD", maybe over New Year)."""
    if not settings.closed_period:
        return False
    first, last = (tuple(int(part) for part in text.split("-")) for text in settings.closed_period)
    when = (day.month, day.day)
    return first <= when <= last if first <= last else (when >= first or when <= last)


def day_off(day: dt.date, settings: PlanSettings) -> bool:
    """A weekend, a Danish holiday, one of the team's closed days or the closed period."""
    return (
        day.weekday() >= 5
        or day in danish_holidays(optional=settings.optional_holidays)
        or day in settings.closed_days
        or in_closed_period(day, settings)
    )
