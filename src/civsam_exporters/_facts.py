"""Facts a report states about itself, worded alike in every report format.

A reader must know the day a report was made for (the plan starts on it, overdue days
count up to it) and what its "priority" means; the Markdown and HTML reports say both.
"""

from __future__ import annotations

from civsam import Report, label

__all__ = ["as_of", "priority_meaning"]


def as_of(report: Report) -> str:
    """The day the report was made for, and what counts from it."""
    return label("report.as_of_note", report.language, date=report.today.isoformat())


def priority_meaning(report: Report) -> str:
    """What orders partners within a quadrant: the matrix's sum, or another rule's order."""
    prio = report.prioritisation
    if prio.thresholds is not None:
        return label("report.priority_matrix", report.language)
    return label("report.priority_other", report.language, rule=prio.rule)
