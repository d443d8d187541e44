"""Small projects whose plan the reports' tests read: built the same way for every format."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

import civsam

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["weekly"]


def weekly(names: list[str], capacity: int, closed_days: Iterable[dt.date] = ()) -> civsam.Project:
    """Partners in start here, each in contact on 22 February 2027, checked in on weekly."""
    owner = civsam.Organisation("kommune", "Kommune", civsam.OrgKind.MUNICIPALITY)
    project = civsam.Project(
        "Ugentlig",
        owner,
        organisations=[civsam.Organisation(f"p{i}", name) for i, name in enumerate(names)],
        assessments=[civsam.Assessment(f"p{i}", importance=5, ease=5) for i in range(len(names))],
    )
    cadence = {"start_here": 1, "discuss": 4, "not_now": 13, "not_worth_it": 0}
    project.plan_settings = attrs.evolve(
        project.plan_settings,
        start=dt.date(2027, 3, 1),
        capacity=capacity,
        check_in_weeks=cadence,
        horizon_weeks=4,
        closed_days=tuple(closed_days),
    )
    contact = dt.date(2027, 2, 22)
    project.record(*(civsam.Touchpoint(f"p{i}", contact, "call") for i in range(len(names))))
    return project
