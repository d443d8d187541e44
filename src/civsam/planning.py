"""From ranking to calendar: first meetings, check-ins, evaluations, and who is due.

The guide asks for realistic resources (civil society's third readiness point: no
over-ambitious promises), so the team's timed meetings, check-ins and first meetings
together, are planned at a capacity per week, on Danish working days at working hours,
never two at once. Check-ins come first: they keep the running partnerships alive. First
meetings fill what is left, in rank order (start here, then discuss). Contact is kept up
at a cadence that depends on the partner's quadrant, and every running partnership is
evaluated at a steady interval (checklist item 4).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import operator
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import attrs

from civsam._deprecated import warn_renamed
from civsam.lifecycle import ContactKind, OutreachStep, Review, Touchpoint, TouchpointKind
from civsam.model import Organisation, Quadrant
from civsam.prioritisation import Placement, Prioritisation, prioritise
from civsam.settings import GAP, PlanSettings

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator, Mapping

    from civsam._days import WorkingDays
    from civsam.project import Project

__all__ = [
    "TIMEZONE",
    "CheckIn",
    "ContactKind",
    "Due",
    "Meeting",
    "Milestone",
    "MoveReason",
    "Plan",
    "PlanSettings",
    "active_partners",
    "due",
    "plan",
]

TIMEZONE = ZoneInfo("Europe/Copenhagen")
"""Every planned time is local time in Denmark."""

_FIRST_CONTACT = (Quadrant.START_HERE, Quadrant.DISCUSS)
_OPEN_STEPS = (
    OutreachStep.NOT_STARTED,
    OutreachStep.SHARED_GOALS,
    OutreachStep.THEIR_AGENDA,
    OutreachStep.PREPARE,
)
_GAP = GAP.seconds // 60
_STEP = 15
"""Minutes: the grid a first meeting's start moves along when a check-in holds its slot."""
_WEEKDAYS = 5
_SOON = 2
"""Weeks: a series starts in the week it is due or the next, if its rule finds room there."""


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

    The series' rule is ``first`` + k × ``every_weeks`` weeks, at ``first``'s local time,
    up to ``last``. An occurrence that cannot take its own time (a holiday, the closed
    period, a full week, another meeting) moves to the next free working slot, at most
    half way to the series' next occurrence: ``moved`` holds (the rule's time, the time
    it moved to). One with no such slot before that, or before the plan's end, is not
    held: ``skipped`` holds its rule time.
    """

    partner: Organisation
    quadrant: Quadrant
    first: dt.datetime
    duration: dt.timedelta
    every_weeks: int
    last: dt.datetime
    skipped: tuple[dt.datetime, ...] = ()
    moved: tuple[tuple[dt.datetime, dt.datetime], ...] = ()

    def rule(self) -> tuple[dt.datetime, ...]:
        """Every time the series' rule gives, from ``first`` to ``last``."""
        step = dt.timedelta(weeks=self.every_weeks)
        count = (self.last.date() - self.first.date()) // step + 1
        at = self.first.timetz()
        return tuple(dt.datetime.combine(self.first.date() + step * n, at) for n in range(count))

    def occurrences(self) -> tuple[dt.datetime, ...]:
        """Every check-in held, in time order: moved ones at their new time."""
        skipped = frozenset(self.skipped)
        moved = dict(self.moved)
        return tuple(sorted(moved.get(when, when) for when in self.rule() if when not in skipped))


@attrs.frozen(slots=True)
class Milestone:
    """An evaluation of a running partnership (the checklist's item 4), a whole day."""

    partner: Organisation
    number: int
    """1 for the next evaluation, 2 for the one after, …"""
    date: dt.date


class MoveReason(enum.StrEnum):
    """Why a check-in was not held at its series' time (:meth:`Plan.why_moved`)."""

    CLOSED = "closed"
    """In the yearly closed period."""
    DAY_OFF = "day_off"
    """On a weekend, a holiday or one of the team's closed days."""
    BUSY = "busy"
    """The week's capacity was spent, or the time was taken."""


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
    closed: tuple[tuple[dt.date, dt.date], ...] = ()
    """The yearly closed periods the plan keeps free, (first day, last day), that meet it."""
    crowded_out: tuple[Organisation, ...] = ()
    """Partners in contact, due check-ins in the plan, that get none: no free slot is left
    before each next one (the capacity is spent on better-ranked partners), in rank order."""

    def meeting(self, partner: str) -> Meeting | None:
        """The first meeting planned with a partner, if any."""
        return next((m for m in self.meetings if m.partner.id == partner), None)

    @property
    def moved_check_ins(self) -> tuple[tuple[CheckIn, dt.datetime, dt.datetime], ...]:
        """Every check-in moved from its series' time: (series, rule's time, new time)."""
        found = [
            (check_in, rule, moved) for check_in in self.check_ins for rule, moved in check_in.moved
        ]
        found.sort(key=lambda entry: (entry[1], entry[2], entry[0].partner.id))
        return tuple(found)

    @property
    def skipped_check_ins(self) -> tuple[tuple[CheckIn, dt.datetime], ...]:
        """Every check-in of a series that is not held: (series, rule's time), in time order."""
        found = [(check_in, rule) for check_in in self.check_ins for rule in check_in.skipped]
        found.sort(key=lambda entry: (entry[1], entry[0].partner.id))
        return tuple(found)

    def why_moved(self, rule: dt.datetime) -> MoveReason:
        """Why a check-in at its series' time ``rule`` was moved or left out.

        The closed period, a day that is no working day (a holiday, a closed day), or
        else a full week or a time already taken: the only reasons the planner moves one.
        """
        day = rule.date()
        if any(first <= day <= last for first, last in self.closed):
            return MoveReason.CLOSED
        if not self.settings.working_days.is_working_day(day):
            return MoveReason.DAY_OFF
        return MoveReason.BUSY


@attrs.frozen(slots=True)
class Due:
    """A partner whose check-in is due (``days_overdue`` 0) or overdue."""

    partner: Organisation
    quadrant: Quadrant
    last_contact: dt.date
    due: dt.date
    days_overdue: int


_ALL_KINDS = frozenset(ContactKind)
_TOUCHPOINT_KINDS = {kind: ContactKind(kind.value) for kind in TouchpointKind}
_COUNTED_STEPS = frozenset(OutreachStep) - {OutreachStep.ENDED}
_RUNNING = frozenset(ContactKind) - {ContactKind.OUTREACH}
"""A partnership runs after a touchpoint of any kind or a review (or maintain contact)."""


@attrs.frozen(slots=True)
class _Activity:
    """Per partner, what the logs say: built in one pass over them."""

    step: dict[str, OutreachStep]
    last_contact: dict[str, dt.date]
    first_contact: dict[str, dt.date]
    last_review: dict[str, dt.date]

    @classmethod
    def of(
        cls,
        project: Project,
        kinds: Collection[ContactKind] = _ALL_KINDS,
        steps: Collection[OutreachStep] | None = None,
    ) -> _Activity:
        """Index the logs; what counts as contact is the entries of ``kinds``.

        Of the outreach, ``steps`` count (by default every step but ``ended`` when
        ``kinds`` holds ``outreach``).
        """
        if steps is None:
            steps = _COUNTED_STEPS if ContactKind.OUTREACH in kinds else frozenset()
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
            if entry.step in steps:
                _widen(first, last, entry.partner, entry.date)
        since = functools.partial(_since, restarted)
        for touchpoint in project.touchpoints:
            if _TOUCHPOINT_KINDS[touchpoint.kind] in kinds and since(touchpoint):
                _widen(first, last, touchpoint.partner, touchpoint.date)
        reviews: dict[str, dt.date] = {}
        counted = ContactKind.REVIEW in kinds
        for review in filter(since, project.reviews):
            reviews[review.partner] = max(review.date, reviews.get(review.partner, review.date))
            if counted:
                _widen(first, last, review.partner, review.date)
        return cls(step, last, first, reviews)

    def in_contact(self, partner: str) -> bool:
        return partner in self.last_contact and self.step.get(partner) is not OutreachStep.ENDED


def _since(restarted: Mapping[str, dt.date], entry: Touchpoint | Review) -> bool:
    """Logged on or after the partner's approach last started again (if it did)."""
    return entry.date >= restarted.get(entry.partner, dt.date.min)


def _widen(first: dict[str, dt.date], last: dict[str, dt.date], key: str, day: dt.date) -> None:
    if day > last.get(key, dt.date.min):
        last[key] = day
    if day < first.get(key, dt.date.max):
        first[key] = day


def _resolve(project: Project, settings: PlanSettings | None, **overrides: Any) -> PlanSettings:
    chosen = settings if settings is not None else project.plan_settings
    changes = {key: value for key, value in overrides.items() if value is not None}
    return attrs.evolve(chosen, **changes) if changes else chosen


def plan(
    project: Project,
    prioritisation: Prioritisation | None = None,
    *,
    as_of: dt.date | None = None,
    capacity: int | None = None,
    settings: PlanSettings | None = None,
    start: dt.date | None = None,
) -> Plan:
    """Schedule check-ins, first meetings and evaluations from ``as_of``.

    ``as_of`` is the day the plan starts (default: the project's ``[planning] start``,
    else today); ``start`` is its old name, deprecated since 0.2.0.
    At most ``capacity`` timed meetings a week (default: the project's ``[planning]``),
    never two at once nor closer than half an hour. Partners in contact (anything in
    ``contact_kinds``) get check-ins at their quadrant's cadence from the last contact;
    they take their places first. First meetings go to the partners in *start here*,
    then *discuss*, in rank order, that the owner has not been in touch with and whose
    outreach has not ended, in what is left of each week, spread over its working days;
    their check-ins follow from the meeting. Running partnerships get an evaluation every
    ``evaluation_weeks`` from their last review.
    """
    if start is not None:
        warn_renamed("plan(start=…)", "plan(as_of=…)")
        as_of = as_of or start
    chosen = _resolve(project, settings, start=as_of, capacity=capacity)
    first_day = chosen.start or dt.date.today()  # noqa: DTZ011 - a plan starts today
    ranking = prioritisation if prioritisation is not None else prioritise(project)
    activity = _Activity.of(project, frozenset(chosen.contact_kinds))
    planner = _Planner(chosen, activity, first_day)
    meetings, check_ins, waiting = planner.timed(ranking)
    running = _Activity.of(project, _RUNNING, {OutreachStep.MAINTAIN_CONTACT})
    # By day, then partner id: the same plan whatever order the file lists partners in.
    milestones = tuple(
        sorted(
            planner.milestones(project.organisations, running),
            key=lambda milestone: (milestone.date, milestone.partner.id, milestone.number),
        )
    )
    closed = planner.days.closed_periods(first_day, planner.end)
    held = {check_in.partner.id for check_in in check_ins}
    due_check_ins = [series.placement for series in planner.made] + planner.left_out
    crowded_out = tuple(
        placement.partner
        for placement in sorted(due_check_ins, key=lambda placement: placement.rank)
        if placement.partner.id not in held
    )
    return Plan(
        first_day,
        planner.end,
        chosen,
        meetings,
        check_ins,
        milestones,
        waiting,
        closed,
        crowded_out,
    )


@functools.cache
def _every(weeks: int, count: int) -> int:
    """The weeks a series uses, as bits from its first week: ``count`` of them, ``weeks`` apart."""
    return sum(1 << (n * weeks) for n in range(count))


def _clock(minutes: int) -> dt.time:
    return dt.time(*divmod(minutes, 60))


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


class _Series:
    """One partner's check-ins while they are planned: the rule, then what became of each."""

    __slots__ = ("dates", "every", "held", "minute", "placement")

    def __init__(self, placement: Placement, every: int, minute: int, dates: list[int]) -> None:
        self.placement = placement
        self.every = every
        self.minute = minute
        self.dates = dates
        """The rule's days, as ordinals."""
        self.held: list[tuple[int, int] | None] = [None] * len(dates)
        """Per rule day, the day and minute it is held at; ``None``: skipped."""


_Pending = tuple[int, tuple[int, int], tuple[int, int], int, int]
"""A check-in that could not take its rule's time, waiting for a free slot: (rank, the
slot it must come after, the slot it must come before, series number, index in the
series). It must come before half way to the series' next check-in (beyond, the next
one is the nearer), and before the plan's end."""


class _Planner:
    """The plan's parts, from one set of settings, one activity index and one start.

    Timed meetings are placed week by week: first the check-ins due that week (at their
    rule's time if it is free, then, in rank order, the rest at the next free slot), then
    first meetings in what is left. Days are ordinals and times minutes after midnight.
    """

    def __init__(self, settings: PlanSettings, activity: _Activity, start: dt.date) -> None:
        self.settings = settings
        self.activity = activity
        self.days: WorkingDays = settings.working_days
        self.start = start
        self.end = start + dt.timedelta(weeks=settings.horizon_weeks)
        self.first_day = start.toordinal()
        self.last_day = self.end.toordinal() - 1
        self.base = _monday(self.first_day)
        self.weeks = (_monday(self.last_day) - self.base) // 7 + 1
        self.capacity = settings.capacity
        self.booked: dict[int, list[tuple[int, int]]] = {}
        self.count = [0] * self.weeks
        self.full = 0
        """Bits: the weeks whose rules' check-ins alone reach the capacity."""
        self._working: dict[int, bool] = {}
        self.crowded: set[int] = set()
        """Days with no free slot for a check-in left."""
        self.open_times: dict[int, list[int]] = {}
        """Per day, the check-in times not yet found taken."""
        self.taken: set[tuple[int, int]] = set()
        """The (day, minute) slots that hold a check-in."""
        self.meeting_length = settings.meeting_minutes
        self.meeting_starts = self._meeting_starts()
        self.check_in_length = settings.check_in_minutes
        self.check_in_times = self._check_in_times()
        self.pressure = [self._pressure(time) for time in self.check_in_times]
        self.preferred = [0, *sorted(range(1, len(self.pressure)), key=self.pressure.__getitem__)]
        """The check-in times by preference: ``check_in_time``, then those that stand least
        in first meetings' way."""
        self.preference = {time: order for order, time in enumerate(self.preferred)}
        self.lanes = [[0] * len(self.check_in_times) for _ in range(_WEEKDAYS)]
        """Per weekday and check-in time, bits: the weeks a series' rule uses it."""
        self.busy = [0] * _WEEKDAYS
        """Per weekday, bits: the weeks a series' rule uses every check-in time of it."""
        self.due: list[list[tuple[int, int, int, int]]] = [[] for _ in range(self.weeks)]
        """Per week, the rules' check-ins: (rank, day, series number, index in the series)."""
        self.rules = [0] * self.weeks
        self.made: list[_Series] = []
        self.left_out: list[Placement] = []
        """Partners due check-ins whose series finds no room for its rule in the plan."""
        self.off = [
            sum(
                1 << week
                for week in range(self.weeks)
                if not self.working(self.base + 7 * week + weekday)
            )
            for weekday in range(_WEEKDAYS)
        ]

    # -- the calendar being filled --------------------------------------------------------

    def working(self, day: int) -> bool:
        known = self._working.get(day)
        if known is None:
            known = self._working[day] = self.days.is_working_day(dt.date.fromordinal(day))
        return known

    def _week(self, day: int) -> int:
        return (_monday(day) - self.base) // 7

    def free(self, day: int, begin: int, end: int) -> bool:
        """No meeting that day within half an hour of ``begin`` to ``end``."""
        return all(
            not (begin < other_end + _GAP and other_begin < end + _GAP)
            for other_begin, other_end in self.booked.get(day, ())
        )

    def book(self, day: int, begin: int, end: int) -> None:
        self.booked.setdefault(day, []).append((begin, end))
        self.count[self._week(day)] += 1

    def room(self, week: int) -> bool:
        return self.count[week] < self.capacity

    # -- the day's grids -------------------------------------------------------------------

    def _meeting_starts(self) -> list[int]:
        """When a first meeting may start: its slots (half an hour apart), and a finer grid."""
        settings = self.settings
        begin, end = _minutes(settings.meeting_time), _minutes(settings.day_end)
        slots = range(settings.slots_per_day)
        starts = {begin + level * (self.meeting_length + _GAP) for level in slots}
        starts.update(range(begin, end - self.meeting_length + 1, _STEP))
        return sorted(starts)

    def _check_in_times(self) -> list[int]:
        """When a check-in may start: from ``check_in_time`` on, ending by ``day_end``.

        Half an hour between two; at ``check_in_time`` alone when ``day_end`` is earlier.
        """
        begin = _minutes(self.settings.check_in_time)
        end = max(_minutes(self.settings.day_end), begin + self.check_in_length)
        return list(range(begin, end - self.check_in_length + 1, self.check_in_length + _GAP))

    def _pressure(self, begin: int) -> int:
        """How much a check-in at ``begin`` stands in first meetings' way.

        The first meetings' slots it blocks, the day's first slot (filled first) weighing
        most.
        """
        slots = self.settings.slots_per_day
        first = _minutes(self.settings.meeting_time)
        end = begin + self.check_in_length
        total = 0
        for level in range(slots):
            start = first + level * (self.meeting_length + _GAP)
            if begin < start + self.meeting_length + _GAP and start < end + _GAP:
                total += slots - level
        return total

    # -- check-in series ------------------------------------------------------------------

    def series(self, placement: Placement, weeks: int, due: int) -> None:
        """A series from ``due`` on, at the week, weekday and time where it clashes least.

        Its rule must hold for most of its check-ins: a series whose every occurrence
        moves (the weeks it falls on are already full) is no series. So the first
        check-in falls in the week it is due or the next; else in a later week within
        one cadence, where the rule finds room; else it starts as soon as its rule does
        find room; else the partner is crowded out (by better-ranked partners, whose
        series were made first). Of these, the weekday and time are the ones where the
        fewest of its check-ins would have to move (a day off, a week already full,
        another series at that time), then the ones that are not late, then the least
        busy weekday, then ``check_in_time``, or else the time that stands least in
        first meetings' way.
        """
        due = max(due, self.first_day)
        if due > self.last_day:
            return
        week_start = _monday(due)
        best: tuple[int, ...] | None = None
        ahead = (1 << self.weeks) - (1 << self._week(week_start))
        if all((self.full | busy) & ahead == ahead for busy in self.busy):
            # Every week left is full, or every time of each weekday taken: no need to look.
            self.left_out.append(placement)
            return
        for shift in range((self.last_day - week_start) // 7 + 1):
            if best is not None and (shift == _SOON or shift >= weeks):
                break  # the earliest weeks that fit win
            for weekday in range(_WEEKDAYS):
                found = self._fit(weeks, week_start, shift, weekday)
                if found is not None and (best is None or found < best):
                    best = found
        if best is None:
            self.left_out.append(placement)
            return
        weekday, time, first, count = best[5], best[6], best[7], best[8]
        minute = self.check_in_times[time]
        step = 7 * weeks
        dates = [first + step * n for n in range(count)]
        self.lanes[weekday][time] |= _every(weeks, count) << self._week(first)
        self.busy[weekday] = functools.reduce(operator.and_, self.lanes[weekday])
        for index, day in enumerate(dates):
            week = self._week(day)
            self.due[week].append((placement.rank, day, len(self.made), index))
            self.rules[week] += 1
            if self.rules[week] == self.capacity:
                self.full |= 1 << week
        self.made.append(_Series(placement, weeks, minute, dates))

    def _fit(self, weeks: int, week_start: int, shift: int, weekday: int) -> tuple[int, ...] | None:
        """A series' rule from ``shift`` weeks after ``week_start``, on ``weekday``: its key.

        ``None`` if most of its check-ins would have to move for full weeks or clashes.
        """
        first = week_start + 7 * shift + weekday
        if first < self.first_day:
            first += 7
        if first > self.last_day:
            return None
        count = (self.last_day - first) // (7 * weeks) + 1
        used = _every(weeks, count) << self._week(first)
        full = (used & self.full).bit_count()
        if 2 * (full + (used & self.busy[weekday]).bit_count()) > count:
            return None  # the weeks are full, or the weekday's times: most would move
        clashes = [(used & lane).bit_count() for lane in self.lanes[weekday]]
        least = min(clashes)
        if 2 * (full + least) > count:
            return None
        moves = (used & self.off[weekday]).bit_count() + full
        late = max(0, first - week_start - 6)
        time = next(time for time in self.preferred if clashes[time] == least)
        key = (moves + least, late, sum(clashes), self.preference[time], shift, weekday)
        return (*key, time, first, count)

    def _check_ins_of(self, week: int, carried: list[_Pending]) -> list[_Pending]:
        """Place the week's check-ins; return those carried over to the next week.

        First every check-in that can take its rule's time, in rank order; then, in rank
        order, the others (and those carried from earlier weeks) at the next free slot.
        """
        waiting = carried
        length, taken, end = self.check_in_length, self.taken, (self.last_day + 1, 0)
        due = sorted(self.due[week])
        last = self._last_rank(week, due, carried)
        for rank, day, number, index in due:
            series = self.made[number]
            minute = series.minute
            if (
                rank <= last
                and (day, minute) not in taken
                and self.working(day)
                and self.room(week)
                and self.free(day, minute, minute + length)
            ):
                self.book(day, minute, minute + length)
                taken.add((day, minute))
                series.held[index] = (day, minute)
            else:
                halfway = (day + 7 * series.every // 2, minute)
                waiting.append((rank, (day, minute), min(halfway, end), number, index))
        waiting.sort()
        monday = self.base + 7 * week
        days = range(max(monday, self.first_day), min(monday + _WEEKDAYS, self.last_day + 1))
        open_days = [day for day in days if self.working(day)]
        left: list[_Pending] = []
        for position, pending in enumerate(waiting):
            if not (open_days and self.room(week)):
                left += waiting[position:]  # the week is full: the rest wait, or are skipped
                break
            slot = self._slot(pending[1], pending[2], monday)
            if slot is None:
                open_days = [day for day in open_days if day not in self.crowded]
                left.append(pending)
                continue
            self.book(slot[0], slot[1], slot[1] + length)
            taken.add(slot)
            self.made[pending[3]].held[pending[4]] = slot
        return self._carry(week, left)

    def _last_rank(
        self, week: int, due: list[tuple[int, int, int, int]], carried: list[_Pending]
    ) -> int:
        """The worst rank whose check-ins the week has room for: better-ranked ones win.

        A check-in carried from last week outranks a worse-ranked one at its rule's time.
        """
        room = self.capacity - self.count[week]
        if not carried or len(due) + len(carried) <= room:
            return due[-1][0] if due else 0  # no contest: every rank
        ranks = sorted([entry[0] for entry in due] + [pending[0] for pending in carried])
        return ranks[room - 1] if room > 0 else 0

    def _carry(self, week: int, waiting: list[_Pending]) -> list[_Pending]:
        """Those of ``waiting`` that may still find a slot before their limit, later on.

        The others are skipped: their ``held`` stays ``None``.
        """
        monday = self.base + 7 * (week + 1)
        if monday > self.last_day:
            return []
        next_week = (monday, self.check_in_times[0])
        return [pending for pending in waiting if next_week < pending[2]]

    def _slot(
        self, after: tuple[int, int], limit: tuple[int, int], monday: int
    ) -> tuple[int, int] | None:
        """The next free working slot this week after ``after``, before ``limit``."""
        length = self.check_in_length
        for day in range(max(after[0], monday), monday + _WEEKDAYS):
            if day > self.last_day or (day, 0) >= limit:
                break
            if day in self.crowded or not self.working(day):
                continue
            times = self.open_times.get(day, self.check_in_times)
            left: list[int] = []  # meetings only ever get added: a time found taken stays so
            found = None
            for minute in times:
                if found is None and after < (day, minute) < limit:
                    if self.free(day, minute, minute + length):
                        found = minute
                    else:
                        continue
                left.append(minute)
            self.open_times[day] = left
            if not left:
                self.crowded.add(day)
            if found is not None:
                return day, found
        return None

    # -- first meetings -------------------------------------------------------------------

    def _meeting_start(self, day: int) -> int | None:
        length = self.meeting_length
        return next(
            (start for start in self.meeting_starts if self.free(day, start, start + length)),
            None,
        )

    def _first_meetings_of(self, week: int, wanted: int) -> list[tuple[int, int]]:
        """Up to ``wanted`` first meetings in what the week has left, in time order.

        Spread evenly over the week's working days, one a day before two a day.
        """
        monday = self.base + 7 * week
        days = [
            day
            for day in range(monday, monday + _WEEKDAYS)
            if self.first_day <= day <= self.last_day and self.working(day)
        ]
        wanted = min(wanted, self.capacity - self.count[week])
        chosen: list[tuple[int, int]] = []
        while len(chosen) < wanted:
            open_days = [
                (day, start) for day in days if (start := self._meeting_start(day)) is not None
            ]
            left = min(len(open_days), wanted - len(chosen))
            if left <= 0:
                break
            for number in range(left):
                day, start = open_days[number * len(open_days) // left]
                self.book(day, start, start + self.meeting_length)
                chosen.append((day, start))
        return sorted(chosen)

    # -- the whole -------------------------------------------------------------------------

    def timed(
        self, ranking: Iterable[Placement]
    ) -> tuple[tuple[Meeting, ...], tuple[CheckIn, ...], tuple[Organisation, ...]]:
        """First meetings and check-ins, week by week; and the partners left waiting."""
        activity = self.activity
        cadence = self.settings.check_in_weeks
        wanted: list[Placement] = []
        for placement in ranking:
            partner = placement.partner.id
            if activity.in_contact(partner):
                weeks = cadence.get(placement.quadrant, 0)
                if weeks:
                    due = activity.last_contact[partner] + dt.timedelta(weeks=weeks)
                    self.series(placement, weeks, due.toordinal())
            elif (
                placement.quadrant in _FIRST_CONTACT
                and partner not in activity.last_contact
                and activity.step.get(partner, OutreachStep.NOT_STARTED) in _OPEN_STEPS
            ):
                wanted.append(placement)
        length = dt.timedelta(minutes=self.meeting_length)
        meetings: list[Meeting] = []
        carried: list[_Pending] = []
        for week in range(self.weeks):
            carried = self._check_ins_of(week, carried)
            if len(meetings) == len(wanted):
                continue
            for day, minute in self._first_meetings_of(week, len(wanted) - len(meetings)):
                placement = wanted[len(meetings)]
                begin = dt.datetime.combine(dt.date.fromordinal(day), _clock(minute), TIMEZONE)
                meetings.append(
                    Meeting(
                        placement.partner, placement.rank, placement.quadrant, begin, begin + length
                    )
                )
                weeks = cadence.get(placement.quadrant, 0)
                if weeks:
                    self.series(placement, weeks, day + 7 * weeks)
        waiting = tuple(placement.partner for placement in wanted[len(meetings) :])
        made = sorted(self.made, key=lambda series: series.placement.rank)
        check_ins = tuple(
            check_in for series in made if (check_in := self._check_in(series)) is not None
        )
        return tuple(meetings), check_ins, waiting

    def _check_in(self, series: _Series) -> CheckIn | None:
        """The series as planned: from its first to its last check-in held."""
        held = [index for index, slot in enumerate(series.held) if slot is not None]
        if not held:
            return None
        at = _clock(series.minute)

        def when(day: int, minute: int | None = None) -> dt.datetime:
            time = at if minute is None else _clock(minute)
            return dt.datetime.combine(dt.date.fromordinal(day), time, TIMEZONE)

        skipped: list[dt.datetime] = []
        moved: list[tuple[dt.datetime, dt.datetime]] = []
        for index in range(held[0], held[-1] + 1):
            slot, day = series.held[index], series.dates[index]
            if slot is None:
                skipped.append(when(day))
            elif slot != (day, series.minute):
                moved.append((when(day), when(*slot)))
        placement = series.placement
        return CheckIn(
            placement.partner,
            placement.quadrant,
            when(series.dates[held[0]]),
            dt.timedelta(minutes=self.check_in_length),
            series.every,
            when(series.dates[held[-1]]),
            tuple(skipped),
            tuple(moved),
        )

    def milestones(
        self, organisations: Mapping[str, Organisation], activity: _Activity
    ) -> Iterator[Milestone]:
        """Evaluations of each running partnership (see :func:`active_partners`).

        ``evaluation_weeks`` apart, from the last review, or else from the first contact.
        """
        if not self.settings.evaluation_weeks:
            return
        step = dt.timedelta(weeks=self.settings.evaluation_weeks)
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


def _monday(day: int) -> int:
    """The Monday of the week of ``day`` (ordinals: day 1, 1 January of year 1, a Monday)."""
    return day - (day - 1) % 7


def active_partners(project: Project) -> tuple[str, ...]:
    """The running partnerships, in the project's order of organisations.

    A partnership runs once the owner has been in touch (a touchpoint, or the outreach
    at its step *maintain contact*) or has reviewed it, until its outreach has ended.
    Whatever ``[planning] contact_kinds`` says: it decides what restarts the cadence.
    """
    activity = _Activity.of(project, _RUNNING, {OutreachStep.MAINTAIN_CONTACT})
    return tuple(
        partner
        for partner in project.organisations
        if (partner in activity.last_contact or partner in activity.last_review)
        and activity.step.get(partner) is not OutreachStep.ENDED
    )


def due(
    project: Project,
    as_of: dt.date | None = None,
    prioritisation: Prioritisation | None = None,
    *,
    settings: PlanSettings | None = None,
    today: dt.date | None = None,
) -> tuple[Due, ...]:
    """The partners whose check-in is due or overdue on ``as_of``, most overdue first.

    ``as_of`` defaults to today; ``today`` is its old name, deprecated since 0.2.0.

    A partner is due ``check_in_weeks`` (of its quadrant) after its last contact: the
    latest entry logged with it of the kinds ``contact_kinds`` names (a touchpoint, a
    review, an outreach step). Partners never contacted, or whose outreach has ended,
    are not due: their first meeting is the plan's business.
    """
    if today is not None:
        warn_renamed("due(today=…)", "due(as_of=…)")
        as_of = as_of or today
    chosen = settings if settings is not None else project.plan_settings
    day = as_of or dt.date.today()  # noqa: DTZ011 - "today" unless told otherwise
    ranking = prioritisation if prioritisation is not None else prioritise(project)
    activity = _Activity.of(project, frozenset(chosen.contact_kinds))
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
