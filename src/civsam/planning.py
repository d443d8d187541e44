"""From ranking to calendar: first meetings, check-ins, evaluations, and who is due.

The guide asks for realistic resources, so first meetings are planned at a capacity per
week, in rank order (start here, then discuss), on Danish working days at working hours.
Contact is then kept up at a cadence that depends on the partner's quadrant, and every
running partnership is evaluated at a steady interval (checklist item 4).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import attrs

from civsam.lifecycle import OutreachStep
from civsam.model import Organisation, Quadrant
from civsam.prioritisation import Placement, Prioritisation, prioritise
from civsam.settings import GAP, PlanSettings

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from civsam.project import Project

__all__ = [
    "TIMEZONE",
    "CheckIn",
    "Due",
    "Meeting",
    "Milestone",
    "Plan",
    "PlanSettings",
    "active_partners",
    "due",
    "plan",
]

TIMEZONE = ZoneInfo("Europe/Copenhagen")
"""Every planned time is local time in Denmark."""

_WEEK = dt.timedelta(weeks=1)
_FIRST_CONTACT = (Quadrant.START_HERE, Quadrant.DISCUSS)
_OPEN_STEPS = (
    OutreachStep.NOT_STARTED,
    OutreachStep.SHARED_GOALS,
    OutreachStep.THEIR_AGENDA,
    OutreachStep.PREPARE,
)


@attrs.frozen(slots=True)
class Meeting:
    """A first meeting with a partner (``start`` and ``end`` are Danish local time)."""

    partner: Organisation
    rank: int
    quadrant: Quadrant
    start: dt.datetime
    end: dt.datetime


@attrs.frozen(slots=True)
class CheckIn:
    """A recurring check-in with a partner: every ``every_weeks`` weeks from ``first``.

    ``last`` is the last occurrence within the plan; ``skipped`` are the occurrences that
    fall on a holiday or closed day and are left out.
    """

    partner: Organisation
    quadrant: Quadrant
    first: dt.datetime
    duration: dt.timedelta
    every_weeks: int
    last: dt.datetime
    skipped: tuple[dt.datetime, ...] = ()

    def occurrences(self) -> tuple[dt.datetime, ...]:
        """Every check-in in the plan, holidays left out."""
        step = dt.timedelta(weeks=self.every_weeks)
        count = (self.last.date() - self.first.date()) // step + 1
        every = (
            dt.datetime.combine(self.first.date() + step * n, self.first.timetz())
            for n in range(count)
        )
        return tuple(when for when in every if when not in self.skipped)


@attrs.frozen(slots=True)
class Milestone:
    """An evaluation of a running partnership (the checklist's item 4), a whole day."""

    partner: Organisation
    number: int
    """1 for the next evaluation, 2 for the one after, …"""
    date: dt.date


@attrs.frozen(slots=True)
class Plan:
    """The schedule from ``start`` to ``end``: first meetings, check-ins, evaluations."""

    start: dt.date
    end: dt.date
    settings: PlanSettings
    meetings: tuple[Meeting, ...]
    check_ins: tuple[CheckIn, ...]
    milestones: tuple[Milestone, ...]
    unscheduled: tuple[Organisation, ...] = ()
    """Partners waiting for a first meeting that does not fit before ``end``, in rank order."""

    def meeting(self, partner: str) -> Meeting | None:
        """The first meeting planned with a partner, if any."""
        return next((m for m in self.meetings if m.partner.id == partner), None)


@attrs.frozen(slots=True)
class Due:
    """A partner whose check-in is due (``days_overdue`` 0) or overdue."""

    partner: Organisation
    quadrant: Quadrant
    last_contact: dt.date
    due: dt.date
    days_overdue: int


@attrs.frozen(slots=True)
class _Activity:
    """Per partner, what the logs say: built in one pass over them."""

    step: dict[str, OutreachStep]
    last_contact: dict[str, dt.date]
    first_contact: dict[str, dt.date]
    last_review: dict[str, dt.date]

    @classmethod
    def of(cls, project: Project) -> _Activity:
        step: dict[str, OutreachStep] = {}
        last: dict[str, dt.date] = {}
        first: dict[str, dt.date] = {}
        restarted: dict[str, dt.date] = {}
        for entry in project.outreach:
            if step.get(entry.partner) is OutreachStep.ENDED:
                # A new approach after an ended one: earlier contact no longer counts.
                restarted[entry.partner] = entry.date
                first.pop(entry.partner, None)
                last.pop(entry.partner, None)
            step[entry.partner] = entry.step
            if entry.step is OutreachStep.MAINTAIN_CONTACT:
                _widen(first, last, entry.partner, entry.date)
        for touchpoint in project.touchpoints:
            if touchpoint.date >= restarted.get(touchpoint.partner, dt.date.min):
                _widen(first, last, touchpoint.partner, touchpoint.date)
        reviews: dict[str, dt.date] = {}
        for review in project.reviews:
            if review.date >= restarted.get(review.partner, dt.date.min) and review.date > (
                reviews.get(review.partner, dt.date.min)
            ):
                reviews[review.partner] = review.date
        return cls(step, last, first, reviews)

    def in_contact(self, partner: str) -> bool:
        return partner in self.last_contact and self.step.get(partner) is not OutreachStep.ENDED


def _widen(first: dict[str, dt.date], last: dict[str, dt.date], key: str, day: dt.date) -> None:
    if day > last.get(key, dt.date.min):
        last[key] = day
    if day < first.get(key, dt.date.max):
        first[key] = day


def _resolve(project: Project, settings: PlanSettings | None, **overrides: Any) -> PlanSettings:
    chosen = settings if settings is not None else project.planning
    changes = {key: value for key, value in overrides.items() if value is not None}
    return attrs.evolve(chosen, **changes) if changes else chosen


def plan(
    project: Project,
    prioritisation: Prioritisation | None = None,
    *,
    start: dt.date | None = None,
    capacity: int | None = None,
    settings: PlanSettings | None = None,
) -> Plan:
    """Schedule first meetings, check-ins and evaluations from ``start``.

    First meetings go to the partners in *start here*, then *discuss*, in rank order,
    that the owner has not been in touch with and whose outreach has not ended: at most
    ``capacity`` a week (default: the project's ``[planning]``), spread over the week's
    working days. Partners in contact get check-ins at their quadrant's cadence from the
    last touchpoint (or from the planned first meeting), and running partnerships an
    evaluation every ``evaluation_weeks`` from their last review.
    """
    chosen = _resolve(project, settings, start=start, capacity=capacity)
    first_day = chosen.start or dt.date.today()  # noqa: DTZ011 - a plan starts today
    ranking = prioritisation if prioritisation is not None else prioritise(project)
    planner = _Planner(chosen, _Activity.of(project), first_day)
    meetings, waiting = planner.meetings(ranking)
    planned = {meeting.partner.id: meeting for meeting in meetings}
    check_ins = tuple(planner.check_ins(ranking, planned))
    milestones = tuple(planner.milestones(project.organisations))
    return Plan(first_day, planner.end, chosen, meetings, check_ins, milestones, waiting)


class _Planner:
    """The plan's parts, from one set of settings, one activity index and one start."""

    def __init__(self, settings: PlanSettings, activity: _Activity, start: dt.date) -> None:
        self.settings = settings
        self.activity = activity
        self.days = settings.working_days
        self.start = start
        self.end = start + dt.timedelta(weeks=settings.horizon_weeks)

    def _at(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.settings.meeting_time, TIMEZONE)

    def _week_slots(self, week: list[dt.date], count: int) -> list[tuple[dt.date, int]]:
        """``count`` slots spread evenly over the week: one a day before two a day."""
        chosen: list[tuple[dt.date, int]] = []
        for level in range(self.settings.slots_per_day):
            left = min(len(week), count - len(chosen))
            if left <= 0:
                break
            chosen.extend((week[i * len(week) // left], level) for i in range(left))
        return sorted(chosen)

    def meetings(
        self, ranking: Iterable[Placement]
    ) -> tuple[tuple[Meeting, ...], tuple[Organisation, ...]]:
        """First meetings for the partners not yet approached, ``capacity`` a week.

        Returns the meetings before the plan's end, and the partners left waiting.
        """
        activity = self.activity
        wanted = [
            placement
            for placement in ranking
            if placement.quadrant in _FIRST_CONTACT
            and placement.partner.id not in activity.last_contact
            and activity.step.get(placement.partner.id, OutreachStep.NOT_STARTED) in _OPEN_STEPS
        ]
        length = dt.timedelta(minutes=self.settings.meeting_minutes)
        meetings: list[Meeting] = []
        day = self.days.on_or_after(self.start)
        while len(meetings) < len(wanted) and day < self.end:
            monday = day - dt.timedelta(days=day.weekday())
            week = [
                d
                for d in (monday + dt.timedelta(days=n) for n in range(5))
                if day <= d < self.end and self.days.is_working_day(d)
            ]
            slots = self._week_slots(week, min(self.settings.capacity, len(wanted) - len(meetings)))
            for slot_day, level in slots:
                placement = wanted[len(meetings)]
                begin = self._at(slot_day) + (length + GAP) * level
                meetings.append(
                    Meeting(
                        placement.partner, placement.rank, placement.quadrant, begin, begin + length
                    )
                )
            day = self.days.on_or_after(monday + _WEEK)
        waiting = tuple(placement.partner for placement in wanted[len(meetings) :])
        return tuple(meetings), waiting

    def check_ins(
        self, ranking: Iterable[Placement], planned: Mapping[str, Meeting]
    ) -> Iterator[CheckIn]:
        """A check-in series for each partner in contact, or about to be."""
        duration = dt.timedelta(minutes=self.settings.check_in_minutes)
        for placement in ranking:
            partner = placement.partner.id
            weeks = self.settings.check_in_weeks.get(placement.quadrant, 0)
            if not weeks:
                continue
            if partner in planned:
                anchor = planned[partner].start.date()
            elif self.activity.in_contact(partner):
                anchor = self.activity.last_contact[partner]
            else:
                continue
            step = dt.timedelta(weeks=weeks)
            first = self.days.on_or_after(max(anchor + step, self.start))
            if first >= self.end:
                continue
            count = (self.end - first - dt.timedelta(days=1)) // step + 1
            dates = [first + step * n for n in range(count)]
            while not self.days.is_working_day(dates[-1]):
                dates.pop()  # the series ends on a check-in that takes place
            at = self.settings.check_in_time
            skipped = tuple(
                dt.datetime.combine(d, at, TIMEZONE)
                for d in dates
                if not self.days.is_working_day(d)
            )
            yield CheckIn(
                placement.partner,
                placement.quadrant,
                dt.datetime.combine(first, at, TIMEZONE),
                duration,
                weeks,
                dt.datetime.combine(dates[-1], at, TIMEZONE),
                skipped,
            )

    def milestones(self, organisations: Mapping[str, Organisation]) -> Iterator[Milestone]:
        """Evaluations of each running partnership, ``evaluation_weeks`` apart."""
        if not self.settings.evaluation_weeks:
            return
        step = dt.timedelta(weeks=self.settings.evaluation_weeks)
        activity = self.activity
        for partner, organisation in organisations.items():
            if activity.step.get(partner) is OutreachStep.ENDED:
                continue
            anchor = activity.last_review.get(partner) or activity.first_contact.get(partner)
            if anchor is None:
                continue
            when = max(anchor + step, self.start)
            number = 1
            while (day := self.days.on_or_after(when)) < self.end:
                yield Milestone(organisation, number, day)
                when += step
                number += 1


def active_partners(project: Project) -> tuple[str, ...]:
    """The running partnerships, in the project's order of organisations.

    A partnership runs once the owner has been in touch or has reviewed it, until its
    outreach has ended.
    """
    activity = _Activity.of(project)
    return tuple(
        partner
        for partner in project.organisations
        if (partner in activity.last_contact or partner in activity.last_review)
        and activity.step.get(partner) is not OutreachStep.ENDED
    )


def due(
    project: Project,
    today: dt.date | None = None,
    prioritisation: Prioritisation | None = None,
    *,
    settings: PlanSettings | None = None,
) -> tuple[Due, ...]:
    """The partners whose check-in is due or overdue on ``today``, most overdue first.

    A partner is due ``check_in_weeks`` (of its quadrant) after its last touchpoint;
    partners never contacted, or whose outreach has ended, are not due: their first
    meeting is the plan's business.
    """
    chosen = settings if settings is not None else project.planning
    day = today or dt.date.today()  # noqa: DTZ011 - "today" unless told otherwise
    ranking = prioritisation if prioritisation is not None else prioritise(project)
    activity = _Activity.of(project)
    found: list[tuple[int, Due]] = []
    for placement in ranking:
        partner = placement.partner.id
        weeks = chosen.check_in_weeks.get(placement.quadrant, 0)
        if not weeks or not activity.in_contact(partner):
            continue
        last = activity.last_contact[partner]
        when = last + dt.timedelta(weeks=weeks)
        if when <= day:
            late = (day - when).days
            found.append(
                (placement.rank, Due(placement.partner, placement.quadrant, last, when, late))
            )
    found.sort(key=lambda pair: (-pair[1].days_overdue, pair[0]))
    return tuple(entry for _, entry in found)
