"""Planning: first meetings at a capacity, check-ins at a cadence, evaluations, who is due."""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import pathlib
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import civsam
from _days import day_off
from civsam import (
    TIMEZONE,
    Assessment,
    Organisation,
    OutreachEntry,
    OutreachStep,
    PlanSettings,
    Project,
    Quadrant,
    Review,
    Touchpoint,
    ValidationError,
)
from civsam.testing import plan_settings, projects

if TYPE_CHECKING:
    from collections.abc import Iterable

D = dt.date
GAP = dt.timedelta(minutes=30)
FIRST_CONTACT = (Quadrant.START_HERE, Quadrant.DISCUSS)
NAIVE = dt.datetime(2027, 1, 4, 9, 0)  # noqa: DTZ001 - naive on purpose: it is refused
STARTS = st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31))


def restarts(project: Project) -> dict[str, dt.date]:
    """The day each partner's approach started again after it had ended, if it did.

    Contact before that day no longer counts (see :func:`contacted`).
    """
    restarted: dict[str, dt.date] = {}
    step: dict[str, OutreachStep] = {}
    for entry in project.outreach:
        if step.get(entry.partner) is OutreachStep.ENDED:
            restarted[entry.partner] = entry.date
        step[entry.partner] = entry.step
    return restarted


def contacted(project: Project, settings: PlanSettings | None = None) -> dict[str, dt.date]:
    """The last contact with each partner: the latest entry of a kind in contact_kinds.

    A touchpoint of a chosen kind, a review, an outreach step (but ``ended``). An approach
    started again after it ended forgets the contact before the restart.
    """
    kinds = {kind.value for kind in (settings or project.plan_settings).contact_kinds}
    last: dict[str, dt.date] = {}
    restarted: dict[str, dt.date] = {}
    step: dict[str, OutreachStep] = {}
    for entry in project.outreach:
        if step.get(entry.partner) is OutreachStep.ENDED:
            restarted[entry.partner] = entry.date
            last.pop(entry.partner, None)
        step[entry.partner] = entry.step
        if "outreach" in kinds and entry.step is not OutreachStep.ENDED:
            last[entry.partner] = max(entry.date, last.get(entry.partner, entry.date))
    logged: list[Touchpoint | Review] = [t for t in project.touchpoints if t.kind.value in kinds]
    logged += project.reviews if "review" in kinds else ()
    for contact in logged:
        if contact.date >= restarted.get(contact.partner, dt.date.min):
            day = contact.date
            last[contact.partner] = max(day, last.get(contact.partner, day))
    return last


@st.composite
def planned(draw: st.DrawFn, /, **options: Any) -> tuple[Project, PlanSettings, dt.date]:
    """A project with a history, settings to plan it with, and a first day."""
    project = draw(projects(history=True, scored=draw(st.booleans()), **options))
    return project, draw(plan_settings()), draw(STARTS)


def make_plan(project: Project, settings: PlanSettings, start: dt.date) -> civsam.Plan:
    """The plan from ``start`` with ``settings`` (not the project's own [planning])."""
    return civsam.plan(project, as_of=start, settings=settings)


def every_datetime(plan: civsam.Plan) -> Iterable[dt.datetime]:
    """Every planned moment: meetings' starts and ends, check-ins, skipped ones included."""
    for meeting in plan.meetings:
        yield from (meeting.start, meeting.end)
    for check_in in plan.check_ins:
        yield from (check_in.first, check_in.last, *check_in.occurrences(), *check_in.skipped)


# -- properties ----------------------------------------------------------------------------


@given(planned())
def test_never_more_first_meetings_in_a_week_than_the_capacity(
    case: tuple[Project, PlanSettings, dt.date],
) -> None:
    """Per ISO week, at most ``capacity`` first meetings; one meeting per partner."""
    project, settings, start = case
    plan = make_plan(project, settings, start)
    weeks = collections.Counter(m.start.isocalendar()[:2] for m in plan.meetings)
    assert all(count <= settings.capacity for count in weeks.values()), weeks
    partners = [m.partner.id for m in plan.meetings]
    assert len(partners) == len(set(partners))
    assert plan.settings == attrs.evolve(settings, start=start)
    assert plan.start == start
    assert plan.end == start + dt.timedelta(weeks=settings.horizon_weeks)


@given(planned())
def test_nothing_is_planned_on_a_day_off(case: tuple[Project, PlanSettings, dt.date]) -> None:
    """No meeting, check-in or evaluation on a weekend, a holiday, a closed day or period."""
    project, settings, start = case
    plan = make_plan(project, settings, start)
    days = [m.start.date() for m in plan.meetings]
    days += [when.date() for c in plan.check_ins for when in c.occurrences()]
    days += [milestone.date for milestone in plan.milestones]
    assert [day for day in days if day_off(day, settings)] == []
    for check_in in plan.check_ins:
        # A rule's time on a day off moved on, or was skipped: it is never held there.
        rule = check_in.rule()
        moved = dict(check_in.moved)
        for when in rule:
            if day_off(when.date(), settings):
                assert when in check_in.skipped or when in moved


@given(planned())
def test_meetings_keep_the_rank_order(case: tuple[Project, PlanSettings, dt.date]) -> None:
    """A better-ranked partner never meets later; start here comes before discuss."""
    project, settings, start = case
    plan = make_plan(project, settings, start)
    by_rank = sorted(plan.meetings, key=lambda m: m.rank)
    assert [m.start for m in by_rank] == sorted(m.start for m in plan.meetings)
    quadrants = [m.quadrant for m in by_rank]
    assert quadrants == sorted(quadrants, key=lambda q: q.order)
    assert set(quadrants) <= set(FIRST_CONTACT)


@given(planned())
def test_only_partners_not_yet_in_contact_get_a_first_meeting(
    case: tuple[Project, PlanSettings, dt.date],
) -> None:
    """Start-here and discuss partners never contacted, their outreach open, and only they."""
    project, settings, start = case
    ranking = civsam.prioritise(project)
    plan = civsam.plan(project, ranking, as_of=start, settings=settings)
    in_contact = contacted(project, settings)
    closed = (OutreachStep.MAINTAIN_CONTACT, OutreachStep.ENDED)
    expected = [
        placement.partner.id
        for placement in ranking
        if placement.quadrant in FIRST_CONTACT
        and placement.partner.id not in in_contact
        and project.outreach_step(placement.partner.id) not in closed
    ]
    # In rank order: those that fit before the plan's end get a meeting, the rest wait.
    waiting = [organisation.id for organisation in plan.unscheduled]
    assert [m.partner.id for m in plan.meetings] + waiting == expected
    assert all(meeting.start.date() < plan.end for meeting in plan.meetings)
    for meeting in plan.meetings:
        placement = ranking[meeting.partner.id]
        assert (meeting.rank, meeting.quadrant, meeting.partner) == (
            placement.rank,
            placement.quadrant,
            placement.partner,
        )
        assert plan.meeting(meeting.partner.id) == meeting
    assert plan.meeting(project.owner.id) is None


@given(planned())
def test_meetings_fit_the_working_day_and_never_overlap(
    case: tuple[Project, PlanSettings, dt.date],
) -> None:
    """From meeting_time to day_end, meeting_minutes long, half an hour apart, from start on."""
    project, settings, start = case
    plan = make_plan(project, settings, start)
    length = dt.timedelta(minutes=settings.meeting_minutes)
    for meeting in plan.meetings:
        assert meeting.start.date() >= start
        assert meeting.end - meeting.start == length
        assert meeting.end.date() == meeting.start.date()
        assert meeting.start.time() >= settings.meeting_time
        assert meeting.end.time() <= settings.day_end
    ordered = sorted(plan.meetings, key=lambda m: m.start)
    for before, after in itertools.pairwise(ordered):
        assert after.start >= before.end + GAP


@given(planned())
def test_every_time_is_danish_local_time(case: tuple[Project, PlanSettings, dt.date]) -> None:
    """Europe/Copenhagen everywhere; a series at one local time, summer or winter."""
    project, settings, start = case
    plan = make_plan(project, settings, start)
    for when in every_datetime(plan):
        assert when.tzinfo is TIMEZONE
        # A real moment: through UTC and back, the same wall-clock time.
        assert when.astimezone(dt.UTC).astimezone(TIMEZONE).replace(tzinfo=None) == (
            when.replace(tzinfo=None)
        )
    for check_in in plan.check_ins:
        # One series, one local time: from check_in_time on, the same all year round.
        rule = check_in.rule()
        assert {when.time() for when in rule} == {check_in.first.time()}
        assert check_in.first.time() >= settings.check_in_time
        assert all(when.time() >= settings.check_in_time for when in check_in.occurrences())
        assert check_in.first.date() >= start
        assert check_in.last.date() < plan.end
        assert all(when.date() < plan.end for when in check_in.occurrences())
        assert check_in.duration == dt.timedelta(minutes=settings.check_in_minutes)
        assert check_in.every_weeks == settings.check_in_weeks[check_in.quadrant] > 0
        gaps = {(b.date() - a.date()).days for a, b in itertools.pairwise(rule)}
        assert gaps <= {7 * check_in.every_weeks}


@given(planned(min_partners=1), st.data())
def test_a_touchpoint_resets_the_cadence(
    case: tuple[Project, PlanSettings, dt.date], data: st.DataObject
) -> None:
    """After a touchpoint on day d, the partner is due exactly from d + check_in_weeks on.

    What counts as contact is the settings' contact_kinds: every kind, by default.
    """
    project, settings, start = case
    partners = [p for p in project.organisations if p != project.owner.id]
    partner = data.draw(st.sampled_from(partners))
    # A touchpoint counts from the last contact on, and not before a restarted approach.
    first = max(
        contacted(project, settings).get(partner, D(2024, 1, 1)),
        restarts(project).get(partner, dt.date.min),
    )
    day = data.draw(st.dates(min_value=first, max_value=civsam.model.LAST_DAY))
    kind = data.draw(st.sampled_from(civsam.TouchpointKind))
    if civsam.ContactKind(kind.value) not in settings.contact_kinds:
        # A kind the settings do not count is no contact: this property is about one that is.
        counted = (*settings.contact_kinds, civsam.ContactKind(kind.value))
        settings = attrs.evolve(settings, contact_kinds=counted)
        first = max(first, contacted(project, settings).get(partner, first))
        day = max(day, first)
    project.record(Touchpoint(partner, day, kind))
    ranking = civsam.prioritise(project)
    placement = ranking[partner] if partner in project.assessments else None
    weeks = settings.check_in_weeks[placement.quadrant] if placement is not None else 0
    running = project.outreach_step(partner) is not OutreachStep.ENDED
    next_due = day + dt.timedelta(weeks=weeks)
    # civsam plans and counts within its dates (1900-2199), as the command line allows.
    today = data.draw(
        st.dates(min_value=day - dt.timedelta(days=30), max_value=civsam.model.LAST_DAY)
    )
    listed = [
        d for d in civsam.due(project, today, ranking, settings=settings) if d.partner.id == partner
    ]
    expected = placement is not None and weeks > 0 and running and today >= next_due
    assert bool(listed) == expected
    if listed:
        assert (listed[0].last_contact, listed[0].due) == (day, next_due)
        assert listed[0].days_overdue == (today - next_due).days
    plan = civsam.plan(project, ranking, as_of=start, settings=settings)
    assert plan.meeting(partner) is None
    series = [c for c in plan.check_ins if c.partner.id == partner]
    assert len(series) <= 1
    for check_in in series:
        # In the week it is due, or later; never before the contact.
        assert check_in.first.date() >= next_due - dt.timedelta(days=next_due.weekday())
        assert check_in.first.date() > day
    room = max(next_due, start) + dt.timedelta(days=21)  # the longest run of days off
    if placement is not None and weeks > 0 and running and room < plan.end:
        # Check-ins, or said to find no room: better-ranked partners took the capacity.
        crowded_out = [o.id for o in plan.crowded_out]
        assert bool(series) != (partner in crowded_out), "a partner in contact left out"


@given(planned(), st.dates(min_value=D(2025, 1, 1), max_value=D(2030, 12, 31)))
def test_due_lists_the_most_overdue_first(
    case: tuple[Project, PlanSettings, dt.date], today: dt.date
) -> None:
    """Every partner whose check-in has come, once, most overdue first, with the right numbers."""
    project, settings, _ = case
    ranking = civsam.prioritise(project)
    found = civsam.due(project, today, ranking, settings=settings)
    last = contacted(project, settings)
    expected = {
        placement.partner.id
        for placement in ranking
        if placement.partner.id in last
        and settings.check_in_weeks[placement.quadrant] > 0
        and project.outreach_step(placement.partner.id) is not OutreachStep.ENDED
        and last[placement.partner.id]
        + dt.timedelta(weeks=settings.check_in_weeks[placement.quadrant])
        <= today
    }

    def days_overdue(partner: str) -> int:
        weeks = settings.check_in_weeks[ranking[partner].quadrant]
        return (today - last[partner] - dt.timedelta(weeks=weeks)).days

    # Most overdue first: by days past the due date, which differs from days since the
    # last contact when partners' quadrants have different cadences.
    assert [d.partner.id for d in found] == sorted(
        expected, key=lambda p: (-days_overdue(p), ranking[p].rank)
    )
    for entry in found:
        weeks = settings.check_in_weeks[entry.quadrant]
        assert entry.quadrant is ranking[entry.partner.id].quadrant
        assert entry.last_contact == last[entry.partner.id]
        assert entry.due == entry.last_contact + dt.timedelta(weeks=weeks)
        assert entry.days_overdue == (today - entry.due).days >= 0
    overdue = [(-entry.days_overdue, ranking[entry.partner.id].rank) for entry in found]
    assert overdue == sorted(overdue)


def test_due_orders_by_days_past_the_due_date_not_by_the_last_contact() -> None:
    """A weekly-cadence partner contacted lately can be more overdue than one seen long ago."""
    project = civsam.example()
    call, email = civsam.TouchpointKind.CALL, civsam.TouchpointKind.EMAIL
    project.record(
        Touchpoint("frivilligcenter-aarhus", D(2027, 5, 1), call),  # start here: every 2 weeks
        Touchpoint("aarhus-kommunes-biblioteker", D(2027, 3, 1), email),  # not now: every 13
    )
    found = civsam.due(project, D(2027, 6, 15))
    overdue = {entry.partner.id: entry.days_overdue for entry in found}
    assert overdue["frivilligcenter-aarhus"] == 45 - 14
    assert overdue["aarhus-kommunes-biblioteker"] == 106 - 91
    ids = [entry.partner.id for entry in found]
    assert ids.index("frivilligcenter-aarhus") < ids.index("aarhus-kommunes-biblioteker")


@given(planned())
def test_evaluations_follow_the_last_review(case: tuple[Project, PlanSettings, dt.date]) -> None:
    """Evaluations of running partnerships, numbered from 1, evaluation_weeks apart at least."""
    project, settings, start = case
    plan = make_plan(project, settings, start)
    by_partner = collections.defaultdict(list)
    for milestone in plan.milestones:
        by_partner[milestone.partner.id].append(milestone)
        assert start <= milestone.date < plan.end
    assert set(by_partner) <= set(civsam.active_partners(project))
    if not settings.evaluation_weeks:
        assert plan.milestones == ()
    for partner, milestones in by_partner.items():
        assert [m.number for m in milestones] == list(range(1, len(milestones) + 1))
        reviewed = [r.date for r in project.reviews if r.partner == partner]
        if reviewed:
            assert milestones[0].date >= max(reviewed) + dt.timedelta(
                weeks=settings.evaluation_weeks
            )


# -- examples ------------------------------------------------------------------------------


def partners_project(count: int, **planning: Any) -> Project:
    """Aarhus and ``count`` associations, all in *start here*, in order p01, p02, ….

    No check-ins unless ``check_in_weeks`` says so: these examples are about where first
    meetings go, and check-ins would take a share of the capacity after two weeks.
    """
    planning.setdefault("check_in_weeks", {"start_here": 0})
    owner = Organisation("aarhus", "Aarhus Kommune", kind="municipality")
    partners = [Organisation(f"p{n:02}", f"Forening {n}") for n in range(1, count + 1)]
    project = Project(
        "Plan",
        owner,
        organisations=partners,
        assessments=[Assessment(p.id, importance=5, ease=5) for p in partners],
    )
    project.plan_settings = PlanSettings(**planning)
    return project


def starts(plan: civsam.Plan) -> list[str]:
    """Each meeting as ``partner weekday date HH:MM``."""
    return [f"{m.partner.id} {m.start:%a %Y-%m-%d %H:%M}" for m in plan.meetings]


def test_two_a_week_go_on_monday_and_wednesday() -> None:
    """Capacity 2 spreads the week's meetings: Monday and Wednesday at 10:00."""
    plan = civsam.plan(partners_project(5, start=D(2027, 2, 1), capacity=2))
    assert starts(plan) == [
        "p01 Mon 2027-02-01 10:00",
        "p02 Wed 2027-02-03 10:00",
        "p03 Mon 2027-02-08 10:00",
        "p04 Wed 2027-02-10 10:00",
        "p05 Mon 2027-02-15 10:00",
    ]
    assert [m.end.strftime("%H:%M") for m in plan.meetings] == ["11:00"] * 5


def test_a_plan_starting_mid_week_uses_the_rest_of_that_week() -> None:
    """Starting on a Thursday: Thursday and Friday, then Monday and Wednesday."""
    plan = civsam.plan(partners_project(4), as_of=D(2027, 2, 4), capacity=2)
    assert starts(plan) == [
        "p01 Thu 2027-02-04 10:00",
        "p02 Fri 2027-02-05 10:00",
        "p03 Mon 2027-02-08 10:00",
        "p04 Wed 2027-02-10 10:00",
    ]
    weekend = civsam.plan(partners_project(1), as_of=D(2027, 2, 6))
    assert starts(weekend) == ["p01 Mon 2027-02-08 10:00"]


@pytest.mark.parametrize(
    ("optional", "expected"),
    [
        (True, ["Mon 2026-12-21", "Tue 2026-12-22", "Mon 2026-12-28", "Tue 2026-12-29",
                "Mon 2027-01-04", "Wed 2027-01-06"]),
        (False, ["Mon 2026-12-21", "Wed 2026-12-23", "Mon 2026-12-28", "Wed 2026-12-30",
                 "Mon 2027-01-04", "Wed 2027-01-06"]),
    ],
    ids=["optional-holidays", "public-only"],
)  # fmt: skip
def test_christmas_weeks(*, optional: bool, expected: list[str]) -> None:
    """24, 25, 26 and 31 December and 1 January are off (24 and 31 only with optional).

    With no closed period: by default nothing is planned from 20 December to 1 January.
    """
    project = partners_project(
        6, start=D(2026, 12, 21), optional_holidays=optional, capacity=2, closed_period=()
    )
    assert [f"{m.start:%a %Y-%m-%d}" for m in civsam.plan(project).meetings] == expected


def test_the_christmas_holiday_is_closed_by_default() -> None:
    """From 20 December to New Year's Day nothing is planned; the plan says so."""
    project = partners_project(6, start=D(2026, 12, 14), capacity=2)
    plan = civsam.plan(project)
    assert [f"{m.start:%a %Y-%m-%d}" for m in plan.meetings] == [
        "Mon 2026-12-14",
        "Wed 2026-12-16",
        "Mon 2027-01-04",
        "Wed 2027-01-06",
        "Mon 2027-01-11",
        "Wed 2027-01-13",
    ]
    assert plan.end == D(2027, 12, 13)
    assert plan.closed == ((D(2026, 12, 20), D(2027, 1, 1)),)
    longer = civsam.plan(project, settings=attrs.evolve(project.plan_settings, horizon_weeks=54))
    assert longer.closed == ((D(2026, 12, 20), D(2027, 1, 1)), (D(2027, 12, 20), D(2028, 1, 1)))


def test_easter_and_whitsun_weeks() -> None:
    """Maundy Thursday to Easter Monday off; Ascension Day and Whit Monday too."""
    easter = civsam.plan(partners_project(6, start=D(2027, 3, 22), capacity=2))
    assert [f"{m.start:%a %m-%d}" for m in easter.meetings] == [
        "Mon 03-22",
        "Tue 03-23",
        "Tue 03-30",
        "Thu 04-01",
        "Mon 04-05",
        "Wed 04-07",
    ]
    spring = civsam.plan(partners_project(9, start=D(2027, 5, 3), capacity=4))
    assert [f"{m.start:%a %m-%d}" for m in spring.meetings] == [
        "Mon 05-03",
        "Tue 05-04",
        "Wed 05-05",
        "Fri 05-07",  # Thursday 6 May is Ascension Day
        "Mon 05-10",
        "Tue 05-11",
        "Wed 05-12",
        "Thu 05-13",
        "Tue 05-18",  # Monday 17 May is Whit Monday
    ]


def test_a_closed_week_is_skipped() -> None:
    """The team's closed days are off like holidays; a closed week moves everything on."""
    closed = [D(2027, 7, 12) + dt.timedelta(days=n) for n in range(5)]
    project = partners_project(3, start=D(2027, 7, 12), capacity=2, closed_days=closed)
    assert [f"{m.start:%a %m-%d}" for m in civsam.plan(project).meetings] == [
        "Mon 07-19",
        "Wed 07-21",
        "Mon 07-26",
    ]


@pytest.mark.parametrize(
    ("capacity", "expected"),
    [
        (7, ["Mon 10:00", "Mon 11:30", "Tue 10:00", "Wed 10:00", "Wed 11:30", "Thu 10:00",
             "Fri 10:00"]),
        (10, [f"{day} {time}" for day in ("Mon", "Tue", "Wed", "Thu", "Fri")
              for time in ("10:00", "11:30")]),
        (12, ["Mon 10:00", "Mon 11:30", "Mon 13:00", "Tue 10:00", "Tue 11:30", "Wed 10:00",
              "Wed 11:30", "Wed 13:00", "Thu 10:00", "Thu 11:30", "Fri 10:00", "Fri 11:30"]),
    ],
)  # fmt: skip
def test_more_meetings_than_working_days(capacity: int, expected: list[str]) -> None:
    """One a day first, then two a day, half an hour apart, then three."""
    project = partners_project(capacity, start=D(2027, 2, 1), capacity=capacity)
    plan = civsam.plan(project)
    assert [f"{m.start:%a %H:%M}" for m in plan.meetings] == expected
    assert {m.start.isocalendar()[1] for m in plan.meetings} == {5}


def test_a_short_day_holds_one_meeting() -> None:
    """When only one meeting fits before day_end, capacity beyond five waits a week."""
    project = partners_project(
        7, start=D(2027, 2, 1), capacity=10, meeting_time=dt.time(9, 0), day_end=dt.time(10, 30)
    )
    plan = civsam.plan(project)
    assert [f"{m.start:%a %m-%d %H:%M}" for m in plan.meetings] == [
        "Mon 02-01 09:00",
        "Tue 02-02 09:00",
        "Wed 02-03 09:00",
        "Thu 02-04 09:00",
        "Fri 02-05 09:00",
        "Mon 02-08 09:00",
        "Wed 02-10 09:00",
    ]


def test_start_and_capacity_override_the_projects_planning() -> None:
    """plan(start=, capacity=) win over [planning]; settings= replaces it."""
    project = partners_project(3, start=D(2027, 2, 1), capacity=1)
    assert starts(civsam.plan(project))[1] == "p02 Mon 2027-02-08 10:00"
    assert starts(civsam.plan(project, capacity=3))[1] == "p02 Tue 2027-02-02 10:00"
    other = civsam.plan(project, as_of=D(2027, 3, 1))
    assert starts(other)[0] == "p01 Mon 2027-03-01 10:00"
    own = PlanSettings(start=D(2027, 4, 5), capacity=3, meeting_time=dt.time(9, 0))
    assert starts(civsam.plan(project, settings=own)) == [
        "p01 Mon 2027-04-05 09:00",
        "p02 Tue 2027-04-06 09:00",
        "p03 Thu 2027-04-08 09:00",
    ]


def test_a_check_in_stays_at_ten_across_daylight_saving_time() -> None:
    """Every second week at 10:00 local: +01:00 in winter, +02:00 in summer.

    Monday would meet Easter Monday and Whit Monday, so the series takes the Tuesday.
    """
    project = partners_project(
        1,
        start=D(2027, 3, 1),
        horizon_weeks=40,
        check_in_time=dt.time(10, 0),
        check_in_weeks={"start_here": 2},
    )
    project.record(Touchpoint("p01", D(2027, 3, 1), "meeting"))
    [check_in] = civsam.plan(project).check_ins
    assert check_in.first == dt.datetime(2027, 3, 16, 10, 0, tzinfo=TIMEZONE)
    assert check_in.every_weeks == 2
    assert (check_in.skipped, check_in.moved) == ((), ())
    occurrences = check_in.occurrences()
    assert occurrences[:3] == (
        dt.datetime(2027, 3, 16, 10, 0, tzinfo=TIMEZONE),
        dt.datetime(2027, 3, 30, 10, 0, tzinfo=TIMEZONE),
        dt.datetime(2027, 4, 13, 10, 0, tzinfo=TIMEZONE),
    )
    assert {when.strftime("%a %H:%M") for when in occurrences} == {"Tue 10:00"}
    offsets = [when.utcoffset() for when in occurrences]
    assert offsets[0] == dt.timedelta(hours=1)
    assert offsets[1] == dt.timedelta(hours=2)
    assert occurrences[-1].date() == D(2027, 11, 23)
    assert offsets[-1] == dt.timedelta(hours=1)
    assert [when.astimezone(dt.UTC).hour for when in occurrences[:2]] == [9, 8]


def test_the_bundled_examples_plan() -> None:
    """From 2026-12-07, four a week: check-ins first, first meetings in rank order.

    Ældre Sagen (in touch) and Røde Kors (an outreach step logged) get check-ins from the
    first week; the others their first meetings, then check-ins. Nothing from 20 December
    to New Year's Day: the check-ins that fall there find no free slot before their next.
    """
    example = civsam.example()
    plan = civsam.plan(example, capacity=4)
    assert plan.start == D(2026, 12, 7)
    assert plan.end == D(2027, 12, 6)
    assert plan.closed == ((D(2026, 12, 20), D(2027, 1, 1)),)
    assert starts(plan) == [
        "besoegstjenesten-viby-sogn Mon 2026-12-07 10:00",
        "frivilligcenter-aarhus Wed 2026-12-09 10:00",
        "auh-aeldrepsykiatri Mon 2026-12-14 10:00",
        "ensomme-gamles-vaern Tue 2026-12-15 10:00",
        "boligforeningen-bakkely Thu 2026-12-17 10:00",
    ]
    assert plan.meeting("aeldresagen-aarhus") is None  # already in contact
    assert plan.meeting("roede-kors-aarhus") is None  # an outreach step is contact
    assert [m.quadrant for m in plan.meetings] == [Quadrant.START_HERE] * 2 + [Quadrant.DISCUSS] * 3
    series = {c.partner.id: c for c in plan.check_ins}
    assert [f"{c.first:%a %Y-%m-%d %H:%M}" for c in plan.check_ins] == [
        "Tue 2026-12-08 09:00",  # Ældre Sagen: overdue, Monday meets Easter and Whit Monday
        "Thu 2027-01-07 09:00",
        "Wed 2026-12-09 09:00",
        "Fri 2027-01-08 09:00",
        "Mon 2027-01-11 09:00",
        "Tue 2027-01-12 09:00",
        "Wed 2027-01-13 09:00",
    ]
    ongoing = series["aeldresagen-aarhus"]
    assert ongoing.every_weeks == 2
    assert ongoing.skipped == (dt.datetime(2026, 12, 22, 9, 0, tzinfo=TIMEZONE),)
    assert plan.moved_check_ins == ()
    assert (plan.unscheduled, plan.crowded_out) == ((), ())
    assert [(m.number, m.date) for m in plan.milestones] == [
        (1, D(2027, 2, 15)),
        (2, D(2027, 5, 18)),  # 17 May is Whit Monday
        (3, D(2027, 8, 16)),
        (4, D(2027, 11, 15)),
    ]
    found = civsam.due(example, D(2026, 12, 7))
    assert [(d.partner.id, d.last_contact, d.due, d.days_overdue) for d in found] == [
        ("roede-kors-aarhus", D(2026, 11, 2), D(2026, 11, 16), 21),  # the step shared_goals
        ("aeldresagen-aarhus", D(2026, 11, 16), D(2026, 11, 30), 7),  # the review
    ]


def test_the_bundled_example_at_two_a_week() -> None:
    """Two a week: the check-ins of four partners fill them; three partners wait."""
    plan = civsam.plan(civsam.example(), capacity=2)
    assert starts(plan) == [
        "besoegstjenesten-viby-sogn Mon 2026-12-14 10:00",
        "frivilligcenter-aarhus Wed 2026-12-16 10:00",
    ]
    assert [o.id for o in plan.unscheduled] == [
        "auh-aeldrepsykiatri",
        "ensomme-gamles-vaern",
        "boligforeningen-bakkely",
    ]
    weeks = collections.Counter(
        when.isocalendar()[:2] for c in plan.check_ins for when in c.occurrences()
    )
    weeks.update(m.start.isocalendar()[:2] for m in plan.meetings)
    assert set(weeks.values()) == {2}


def test_due_leaves_out_ended_and_never_contacted_partners() -> None:
    """Only partners in touch are due; an ended outreach is not due however long ago."""
    project = partners_project(3, check_in_weeks={"start_here": 2})
    project.record(
        Touchpoint("p01", D(2027, 1, 4), "call"),
        Touchpoint("p02", D(2027, 1, 4), "call"),
        OutreachEntry("p02", "ended", D(2027, 1, 5)),
    )
    assert civsam.due(project, D(2027, 1, 17)) == ()
    [due] = civsam.due(project, D(2027, 1, 18))
    assert (due.partner.id, due.days_overdue) == ("p01", 0)
    project.record(
        *(OutreachEntry("p03", s, D(2027, 1, 1)) for s in ("shared_goals", "their_agenda")),
        *(OutreachEntry("p03", s, D(2027, 1, 1)) for s in ("prepare", "maintain_contact")),
    )
    assert [d.partner.id for d in civsam.due(project, D(2027, 1, 18))] == ["p03", "p01"]
    assert [d.days_overdue for d in civsam.due(project, D(2027, 1, 18))] == [3, 0]


# -- settings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"capacity": 0}, "PlanSettings.capacity: expected a whole number 1–40, found 0"),
        ({"capacity": 2.0}, "PlanSettings.capacity: expected a whole number 1–40, found 2.0"),
        ({"day_end": dt.time(10, 30)},
         ("PlanSettings.day_end: expected a time at least 60 minutes after meeting_time 10:00, "
         "found 10:30")),
        ({"meeting_time": dt.time(15, 30), "meeting_minutes": 45},
         ("PlanSettings.day_end: expected a time at least 45 minutes after meeting_time 15:30, "
         "found 16:00")),
        ({"check_in_weeks": {"start_here": 53}},
         ("PlanSettings.check_in_weeks[start_here]: expected a whole number of weeks from 0 "
         "(none) to 52, found 53")),
        ({"check_in_weeks": {"discuss": -1}},
         ("PlanSettings.check_in_weeks[discuss]: expected a whole number of weeks from 0 "
         "(none) to 52, found -1")),
        ({"check_in_weeks": [2, 4]},
         ("PlanSettings.check_in_weeks: expected weeks per quadrant such as "
         "{'start_here': 2}, found list")),
        ({"meeting_time": "10:00"},
         ("PlanSettings.meeting_time: expected a time of day in whole minutes such as 10:00, "
         "found '10:00'")),
        ({"meeting_time": dt.time(10, 0, 30)},
         ("PlanSettings.meeting_time: expected a time of day in whole minutes such as 10:00, "
         "found datetime.time(10, 0, 30)")),
        ({"start": NAIVE},
         ("PlanSettings.start: expected a date such as 2026-03-01, "
         "found datetime.datetime(2027, 1, 4, 9, 0)")),
        ({"closed_days": ["2027-07-13"]},
         "PlanSettings.closed_days: expected dates such as 2026-07-13, found '2027-07-13'"),
        ({"horizon_weeks": 0},
         "PlanSettings.horizon_weeks: expected a whole number 1–260, found 0"),
    ],
    ids=["capacity-0", "capacity-float", "day-end", "day-end-minutes", "weeks-53", "weeks-neg",
         "weeks-list", "time-text", "time-seconds", "start-datetime", "closed-text", "horizon"],
)  # fmt: skip
def test_plan_settings_are_checked(options: dict[str, Any], expected: str) -> None:
    """Each broken setting is refused with the field, what was expected and what was found."""
    with pytest.raises((ValueError, TypeError)) as info:
        PlanSettings(**options)
    assert str(info.value) == expected


def test_plan_settings_defaults() -> None:
    """The documented defaults: four a week, 10:00 for an hour, until 16:00, and so on."""
    settings = PlanSettings()
    assert (settings.start, settings.capacity, settings.meeting_time) == (None, 4, dt.time(10))
    assert (settings.meeting_minutes, settings.day_end) == (60, dt.time(16))
    assert dict(settings.check_in_weeks) == {
        Quadrant.START_HERE: 2,
        Quadrant.DISCUSS: 4,
        Quadrant.NOT_NOW: 13,
        Quadrant.NOT_WORTH_IT: 0,
    }
    assert (settings.check_in_minutes, settings.evaluation_weeks) == (30, 13)
    assert (settings.horizon_weeks, settings.reminder_days) == (52, 2)
    assert settings.optional_holidays is True
    assert settings.closed_days == ()
    assert settings.closed_period == ("12-20", "01-01")
    assert settings.contact_kinds == tuple(civsam.lifecycle.ContactKind)
    assert settings.slots_per_day == 4
    partial = PlanSettings(check_in_weeks={"discuss": 6})
    assert partial.check_in_weeks[Quadrant.DISCUSS] == 6
    assert partial.check_in_weeks[Quadrant.START_HERE] == 2


HEADER = """\
[project]
name = "Plan"
owner = "aarhus"

[[organisations]]
id = "aarhus"
name = "Aarhus Kommune"

[planning]
"""
"""The [planning] table's keys start on line 10."""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('meeting_time = "25:00"',
         ("10: planning.meeting_time: wrong value; found text '25:00'; "
         'expected a time of day such as "10:00"')),
        ('day_end = "16.00"',
         ("10: planning.day_end: wrong value; found text '16.00'; "
         'expected a time of day such as "10:00"')),
        ('meeting_time = "9:60"',
         ("10: planning.meeting_time: wrong value; found text '9:60'; "
         'expected a time of day such as "10:00"')),
        ("capacity = 0", ("10: planning.capacity: wrong value; found number 0; "
         "expected a whole number 1–40")),
        ('capacity = "2"', ("10: planning.capacity: wrong value; found text '2'; "
         "expected a whole number")),
        ('day_end = "10:30"',
         ("9: planning: PlanSettings.day_end: expected a time at least 60 minutes after "
         "meeting_time 10:00, found 10:30")),
        ("check_in_weeks = { start_here = 53 }",
         ("9: planning: PlanSettings.check_in_weeks[start_here]: expected a whole number of "
         "weeks from 0 (none) to 52, found 53")),
        ("check_in_weeks = { sometimes = 2 }",
         ("10: planning.check_in_weeks.sometimes: wrong value; found text 'sometimes'; "
         "expected one of start_here, discuss, not_now, not_worth_it")),
        ("check_in_weeks = [2, 4]",
         "10: planning.check_in_weeks: wrong value; found a list; expected a table"),
        ("closed_days = 2027-07-13",
         "10: planning.closed_days: wrong value; found date 2027-07-13; expected a list"),
        ('closed_days = ["juli"]',
         ("10: planning.closed_days[0]: wrong value; found text 'juli'; "
         "expected a date such as 2024-03-01")),
        ("start = 2027-01-04T09:00:00",
         ("10: planning.start: wrong value; found date and time 2027-01-04T09:00:00; "
         "expected a date such as 2024-03-01")),
        ("capasity = 2",
         ("10: planning.capasity: unknown key; expected one of start, capacity, meeting_time, "
         "meeting_minutes, day_end, check_in_weeks, check_in_minutes, check_in_time, "
         "evaluation_weeks, "
         "horizon_weeks, reminder_days, optional_holidays, closed_days, closed_period, "
         "contact_kinds")),
        ('closed_period = ["12-20"]',
         ("9: planning: PlanSettings.closed_period: expected the first and the last closed "
          "day as \"MM-DD\", such as \"12-20\" and \"01-01\", or none, found ('12-20',)")),
        ('closed_period = "12-20"',
         "10: planning.closed_period: wrong value; found text '12-20'; expected a list"),
        ('contact_kinds = ["phone"]',
         ("10: planning.contact_kinds[0]: wrong value; found text 'phone'; expected one of "
          "meeting, call, email, event, review, outreach")),
    ],
    ids=["25h", "dot", "60min", "capacity-0", "capacity-text", "day-end", "weeks-53",
         "quadrant", "weeks-list", "closed-date", "closed-text", "start-datetime", "typo",
         "period-one-day", "period-text", "unknown-contact-kind"],
)  # fmt: skip
def test_planning_errors_in_a_file(tmp_path: pathlib.Path, line: str, expected: str) -> None:
    """A broken [planning] is reported with the file, the line and the field."""
    path = tmp_path / "p.toml"
    path.write_text(HEADER + line + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        civsam.load(path)
    assert [str(problem) for problem in info.value.problems] == [f"{path}:{expected}"]


def test_planning_is_read_from_a_file(tmp_path: pathlib.Path) -> None:
    """Times are written "10:00" (TOML times work too); every key is read."""
    path = tmp_path / "p.toml"
    path.write_text(
        HEADER + 'start = 2027-01-04\ncapacity = 3\nmeeting_time = 09:30:00\nday_end = "15:00"\n'
        "meeting_minutes = 45\ncheck_in_weeks = { discuss = 6 }\ncheck_in_minutes = 20\n"
        "evaluation_weeks = 8\nhorizon_weeks = 26\nreminder_days = 0\n"
        "optional_holidays = false\nclosed_days = [2027-07-13, 2027-07-14]\n"
        'closed_period = ["07-12", "07-30"]\ncontact_kinds = ["meeting", "review"]\n',
        encoding="utf-8",
    )
    planning = civsam.load(path).plan_settings
    assert planning == PlanSettings(
        start=D(2027, 1, 4),
        capacity=3,
        meeting_time=dt.time(9, 30),
        day_end=dt.time(15, 0),
        meeting_minutes=45,
        check_in_weeks={"discuss": 6},
        check_in_minutes=20,
        evaluation_weeks=8,
        horizon_weeks=26,
        reminder_days=0,
        optional_holidays=False,
        closed_days=(D(2027, 7, 13), D(2027, 7, 14)),
        closed_period=("07-12", "07-30"),
        contact_kinds=("meeting", "review"),
    )
    text = civsam.dumps(civsam.load(path))
    assert 'meeting_time = "09:30"' in text
    assert text.endswith(
        "\n[planning.check_in_weeks]\nstart_here = 2\ndiscuss = 6\nnot_now = 13\nnot_worth_it = 0\n"
    )
