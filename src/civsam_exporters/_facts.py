"""Facts a report states about itself, worded alike in every report format.

A reader must know the day a report was made for (the plan starts on it, overdue days
count up to it) and what its "priority" means; the Markdown and HTML reports say both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from civsam import CheckIn, Report, label

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["as_of", "first_held", "priority_meaning"]


def as_of(report: Report) -> str:
    """The day the report was made for, and what counts from it."""
    return label("report.as_of_note", report.language, date=report.today.isoformat())


def priority_meaning(report: Report) -> str:
    """What orders partners within a quadrant: the matrix's sum, or another rule's order."""
    prio = report.prioritisation
    if prio.thresholds is not None:
        return label("report.priority_matrix", report.language)
    return label("report.priority_other", report.language, rule=prio.rule)


def first_held(series: CheckIn) -> dt.datetime:
    """A series' first check-in that is held: the rule's first may have moved, or fallen out."""
    return next(iter(series.occurrences()), series.first)
