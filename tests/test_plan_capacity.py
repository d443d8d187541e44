"""Issue 14: one capacity for every timed meeting, contact is anything logged, a closed period.

A team has so many hours a week (the guide's realistic resources): check-ins and first
meetings share them, never two at once, check-ins first. Whatever is logged with a
partner counts as contact. Nothing is planned between Christmas and New Year.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import itertools
import json
import random
from typing import TYPE_CHECKING, Any, Literal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import civsam
from _days import day_off, in_closed_period
from civsam import (
    TIMEZONE,
    Assessment,
    ItemReview,
    Organisation,
    OutreachEntry,
    PlanSettings,
    Project,
    Review,
    Touchpoint,
)
from civsam.lifecycle import ContactKind
from civsam.testing import plan_settings, projects

if TYPE_CHECKING:
    from collections.abc import Iterator

D = dt.date
GAP = dt.timedelta(minutes=30)
HOUR = dt.timedelta(hours=1)
STARTS = st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31))


def timed(plan: civsam.Plan) -> list[tuple[dt.datetime, dt.datetime, str]]:
    """Every timed meeting the plan holds, in time order: (start, end, what)."""
    events = [(m.start, m.end, f"first meeting {m.partner.id}") for m in plan.meetings]
    for check_in in plan.check_ins:
        events += [
            (when, when + check_in.duration, f"check-in {check_in.partner.id}")
            for when in check_in.occurrences()
        ]
    return sorted(events)


def touched_hours(start: dt.datetime, end: dt.datetime) -> Iterator[dt.datetime]:
    """The clock hours ``start`` to ``end`` touches (``end`` itself not included)."""
    hour = start.replace(minute=0)
    while hour < end:
        yield hour
        hour += HOUR


def check_plan(plan: civsam.Plan) -> None:
    """Everything issue 14 asks of a plan's timed meetings."""
    settings = plan.settings
    events = timed(plan)
    # Never two at once, and half an hour between two on a day.
    for (_, end, before), (start, _, after) in itertools.pairwise(events):
        if start.date() == end.date():
            assert start >= end + GAP, (before, after, end, start)
    # At most two touch any clock hour; at most `capacity` in an ISO week.
    hours = collections.Counter(
        hour for start, end, _ in events for hour in touched_hours(start, end)
    )
    assert max(hours.values(), default=0) <= 2, hours.most_common(1)
    weeks = collections.Counter(start.isocalendar()[:2] for start, _, _ in events)
    assert max(weeks.values(), default=0) <= settings.capacity, weeks.most_common(1)
    # Working days only, within the plan, in Danish local time.
    for start, end, what in events:
        assert plan.start <= start.date() < plan.end, what
        assert not day_off(start.date(), settings), (what, start)
        assert start.tzinfo is TIMEZONE
        assert end.date() == start.date()
    # First meetings: rank order is time order.
    by_rank = sorted(plan.meetings, key=lambda meeting: meeting.rank)
    assert [m.start for m in by_rank] == sorted(m.start for m in plan.meetings)
    for milestone in plan.milestones:
        assert not day_off(milestone.date, settings)
    check_in_time = settings.check_in_time
    window = max(
        dt.datetime.combine(D(2000, 1, 1), settings.day_end),
        dt.datetime.combine(D(2000, 1, 1), check_in_time)
        + dt.timedelta(minutes=settings.check_in_minutes),
    )
    for check_in in plan.check_ins:
        check_series(check_in, plan)
        for when in check_in.occurrences():
            assert when.time() >= check_in_time
            end = dt.datetime.combine(D(2000, 1, 1), when.time()) + check_in.duration
            assert end <= window


def check_series(check_in: civsam.CheckIn, plan: civsam.Plan) -> None:
    """A regular rule, every occurrence held, moved or skipped, and the held ones in order."""
    step = dt.timedelta(weeks=check_in.every_weeks)
    rule = check_in.rule()
    assert rule[0] == check_in.first
    assert rule[-1] == check_in.last
    assert all(b - a == step or b.date() - a.date() == step for a, b in itertools.pairwise(rule))
    assert {when.time() for when in rule} == {check_in.first.time()}
    assert {when.tzinfo for when in rule} == {TIMEZONE}
    moved = dict(check_in.moved)
    assert len(moved) == len(check_in.moved)
    assert set(check_in.skipped) <= set(rule)
    assert set(moved) <= set(rule) - set(check_in.skipped)
    # The first and the last of the rule are held: the series starts and ends on a meeting.
    assert check_in.first not in check_in.skipped
    assert check_in.last not in check_in.skipped
    for index, when in enumerate(rule):
        if when in moved:
            new = moved[when]
            assert new > when
            # At most half way to the next: beyond, the next check-in is the nearer one.
            assert new < when + dt.timedelta(days=7 * check_in.every_weeks // 2)
            if index + 1 < len(rule):
                assert new < rule[index + 1], "moved past the series' next check-in"
    held = [moved.get(when, when) for when in rule if when not in check_in.skipped]
    assert check_in.occurrences() == tuple(sorted(held))
    assert all(plan.start <= when.date() < plan.end for when in held)
    assert check_in.first.date() >= plan.start


def big_project(count: int, *, seed: int = 14, **planning: Any) -> Project:
    """Aarhus and ``count`` partners with random scores; three in five in touch already."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    start = planning.setdefault("start", D(2027, 1, 4))
    owner = Organisation("aarhus", "Aarhus Kommune", kind="municipality")
    partners = [Organisation(f"p{n:03}", f"Forening {n}") for n in range(1, count + 1)]
    project = Project(
        "Plan",
        owner,
        organisations=partners,
        assessments=[
            Assessment(p.id, importance=rng.randint(1, 5), ease=rng.randint(1, 5)) for p in partners
        ],
    )
    project.plan_settings = PlanSettings(**planning)
    project.record(
        *(
            Touchpoint(p.id, start - dt.timedelta(days=rng.randint(1, 90)), "meeting")
            for p in partners
            if rng.random() < 0.6
        )
    )
    return project


# -- reproducing the issue -----------------------------------------------------------------


def test_the_demo_never_double_books() -> None:
    """The bundled example: no two meetings at once, within capacity, Christmas kept free."""
    plan = civsam.plan(civsam.example())
    check_plan(plan)
    nine = collections.Counter(start for start, _, _ in timed(plan))
    assert max(nine.values()) == 1


def test_the_demo_plans_nothing_between_christmas_and_new_year() -> None:
    """Issue 14: first meetings on 21-22 December and a check-in on 28 December."""
    plan = civsam.plan(civsam.example())
    assert plan.closed == ((D(2026, 12, 20), D(2027, 1, 1)),)
    days = [start.date() for start, _, _ in timed(plan)]
    days += [milestone.date for milestone in plan.milestones]
    assert [day for day in days if D(2026, 12, 20) <= day <= D(2027, 1, 1)] == []


@pytest.mark.parametrize("capacity", [2, 4, 10])
def test_150_partners_share_the_capacity(capacity: int) -> None:
    """Issue 14: 20 check-ins at once at 09:00 on one day with 150 partners."""
    plan = civsam.plan(big_project(150, capacity=capacity))
    check_plan(plan)
    starts = collections.Counter(start for start, _, _ in timed(plan))
    assert max(starts.values()) == 1
    # Check-ins first: with this many partners in touch every week is full of them.
    weeks = collections.Counter(start.isocalendar()[:2] for start, _, _ in timed(plan))
    assert max(weeks.values()) == capacity
    # Some 90 partners in touch: check-ins fill the weeks; who is left out is said.
    assert plan.crowded_out
    assert not {c.partner.id for c in plan.check_ins} & {o.id for o in plan.crowded_out}
    ranking = civsam.prioritise(big_project(150))
    ranks = [ranking[o.id].rank for o in plan.crowded_out]
    assert ranks == sorted(ranks)
    assert ranking[plan.check_ins[0].partner.id].rank < min(ranks)  # rank order
    if capacity < 10:
        assert plan.meetings == ()  # the capacity is all spent on check-ins
        assert len(plan.unscheduled) == 20
    # Each series' rule holds: a series is set where its cadence finds room, or not at all.
    held_mostly_by_rule(plan)


def test_check_ins_spread_over_the_week() -> None:
    """Check-in series take different weekdays and times, not all Monday 09:00."""
    plan = civsam.plan(big_project(40, capacity=10))
    check_plan(plan)
    rules = collections.Counter((c.first.weekday(), c.first.time()) for c in plan.check_ins)
    assert len({weekday for weekday, _ in rules}) == 5
    assert len({time for _, time in rules}) > 1


def test_check_ins_take_their_places_before_first_meetings() -> None:
    """A week holding as many check-ins as the capacity has no first meeting."""
    project = big_project(12, capacity=2, seed=3)
    plan = civsam.plan(project)
    check_plan(plan)
    checks = collections.Counter(
        when.isocalendar()[:2] for c in plan.check_ins for when in c.occurrences()
    )
    for meeting in plan.meetings:
        assert checks[meeting.start.isocalendar()[:2]] < 2


def test_a_check_in_on_a_holiday_moves_to_the_next_free_slot() -> None:
    """Every weekday has a day off; Monday's series moves Easter Monday to the Tuesday."""
    project = partners_in_touch(
        1,
        D(2027, 2, 22),
        start=D(2027, 3, 1),
        horizon_weeks=6,
        check_in_weeks={"start_here": 1},
        closed_days=[D(2027, 3, 16), D(2027, 3, 17)],
    )
    plan = civsam.plan(project)
    [check_in] = plan.check_ins
    at = functools.partial(dt.datetime, tzinfo=TIMEZONE)
    assert check_in.first == at(2027, 3, 1, 9, 0)
    assert check_in.every_weeks == 1
    assert check_in.moved == ((at(2027, 3, 29, 9, 0), at(2027, 3, 30, 9, 0)),)
    assert check_in.skipped == ()
    assert plan.moved_check_ins == ((check_in, at(2027, 3, 29, 9, 0), at(2027, 3, 30, 9, 0)),)
    assert at(2027, 3, 30, 9, 0) in check_in.occurrences()
    assert at(2027, 3, 29, 9, 0) not in check_in.occurrences()
    check_plan(plan)


def test_two_series_in_one_slot_a_week_take_turns() -> None:
    """Capacity 1, two fortnightly series: the second starts a week later, none moved."""
    plan = civsam.plan(
        partners_in_touch(2, D(2027, 2, 15), start=D(2027, 3, 1), horizon_weeks=8, capacity=1)
    )
    first, second = plan.check_ins
    assert (first.partner.id, second.partner.id) == ("p01", "p02")
    weeks = [{when.isocalendar()[1] for when in c.occurrences()} for c in (first, second)]
    assert len(weeks[0]) == len(weeks[1]) == 4
    assert not weeks[0] & weeks[1]
    assert plan.moved_check_ins == ()
    assert (first.skipped, second.skipped) == ((), ())
    check_plan(plan)


def test_a_check_in_with_no_room_before_the_next_is_skipped() -> None:
    """Capacity 1, two weekly series: the second has no slot before its next: skipped."""
    plan = civsam.plan(
        partners_in_touch(
            2, D(2027, 2, 22), start=D(2027, 3, 1), horizon_weeks=4, capacity=1,
            check_in_weeks={"start_here": 1}, closed_period=(),
        )
    )  # fmt: skip
    assert [c.partner.id for c in plan.check_ins] == ["p01"]
    assert len(plan.check_ins[0].occurrences()) == 4
    check_plan(plan)


def partners_in_touch(count: int, touched: dt.date | None, **planning: Any) -> Project:
    """``count`` start-here partners, each called on ``touched`` (``None``: never)."""
    owner = Organisation("aarhus", "Aarhus Kommune", kind="municipality")
    partners = [Organisation(f"p{n:02}", f"Forening {n}") for n in range(1, count + 1)]
    project = Project(
        "Plan",
        owner,
        organisations=partners,
        assessments=[Assessment(p.id, importance=5, ease=5) for p in partners],
    )
    project.plan_settings = PlanSettings(**planning)
    if touched is not None:
        project.record(*(Touchpoint(p.id, touched, "call") for p in partners))
    return project


# -- small capacities: a series' rule holds, better-ranked partners win ---------------------


def six_in_touch(touched: dt.date, *, days_apart: int) -> Project:
    """Six equally scored discuss partners, forening-1 to -6, met ``days_apart`` days apart.

    Capacity 1: four-weekly check-ins fill one week in four each, so four series fit.
    """
    owner = Organisation("aarhus", "Aarhus Kommune", kind="municipality")
    partners = [Organisation(f"forening-{n}", f"Forening {n}") for n in range(1, 7)]
    project = Project(
        "Plan",
        owner,
        organisations=partners,
        assessments=[Assessment(p.id, importance=5, ease=1) for p in partners],
    )
    project.plan_settings = PlanSettings(capacity=1)
    project.record(
        *(
            Touchpoint(p.id, touched + dt.timedelta(days=days_apart * n), "meeting")
            for n, p in enumerate(partners)
        )
    )
    return project


def held_mostly_by_rule(plan: civsam.Plan) -> None:
    """Every series holds most of its check-ins at its rule's own time."""
    for check_in in plan.check_ins:
        assert 2 * len(check_in.moved) <= len(check_in.occurrences()), (
            check_in.partner.id,
            len(check_in.moved),
            len(check_in.occurrences()),
        )


def test_a_series_starts_where_its_cadence_finds_room() -> None:
    """Review of issue 14: capacity 1, a series set on full weeks, 11 of its 11 moved 13 days.

    Forening-3 was due in weeks forening-1 and -2 already fill; it starts in the first
    free week of its cadence instead, and forening-4 in the last one.
    """
    plan = civsam.plan(six_in_touch(D(2026, 11, 16), days_apart=0), as_of=D(2026, 12, 7))
    check_plan(plan)
    assert [c.partner.id for c in plan.check_ins] == [f"forening-{n}" for n in range(1, 5)]
    assert plan.moved_check_ins == ()
    assert [len(c.occurrences()) for c in plan.check_ins] == [13, 12, 12, 12]
    weeks = [{when.isocalendar()[:2] for when in c.occurrences()} for c in plan.check_ins]
    assert sum(map(len, weeks)) == len(set().union(*weeks))  # one series a week
    assert [o.id for o in plan.crowded_out] == ["forening-5", "forening-6"]


def test_the_demo_at_capacity_one_keeps_its_series_rules() -> None:
    """Review of issue 14: the example, one start-here and three discuss partners met lately.

    (Outreach left out of contact, or Røde Kors' outreach step takes the other half of
    the weeks.) Bakkely's four check-ins all moved 13 days; now the two better-ranked
    discuss partners hold every check-in at its time and Bakkely is crowded out.
    """
    project = civsam.example()
    project.plan_settings = attrs.evolve(
        project.plan_settings, contact_kinds=("meeting", "call", "email", "event", "review")
    )
    project.record(
        Touchpoint("aeldresagen-aarhus", D(2026, 11, 24), "meeting"),
        Touchpoint("auh-aeldrepsykiatri", D(2026, 11, 10), "meeting"),
        Touchpoint("ensomme-gamles-vaern", D(2026, 11, 13), "meeting"),
        Touchpoint("boligforeningen-bakkely", D(2026, 11, 16), "meeting"),
    )
    plan = civsam.plan(project, as_of=D(2026, 12, 7), capacity=1)
    check_plan(plan)
    held_mostly_by_rule(plan)
    assert plan.moved_check_ins == ()
    assert {c.partner.id: len(c.occurrences()) for c in plan.check_ins} == {
        "aeldresagen-aarhus": 25,  # 22 December is in the closed period
        "auh-aeldrepsykiatri": 13,
        "ensomme-gamles-vaern": 12,
    }
    assert [o.id for o in plan.crowded_out] == ["boligforeningen-bakkely"]


@pytest.mark.parametrize(
    ("touched", "days_apart", "start"),
    [
        (D(2026, 11, 12), 1, D(2026, 12, 7)),  # forening-3 and -4 crowded out, -5 and -6 not
        (D(2026, 12, 3), 1, D(2026, 12, 7)),  # forening-4 and -6 crowded out
        (D(2026, 12, 18), 1, D(2027, 1, 4)),  # forening-3 alone crowded out
        (D(2027, 1, 20), 1, D(2027, 1, 4)),
        (D(2026, 11, 16), 0, D(2026, 12, 7)),
        (D(2027, 2, 15), 2, D(2027, 3, 1)),
    ],
)
def test_capacity_is_spent_on_better_ranked_partners(
    touched: dt.date, days_apart: int, start: dt.date
) -> None:
    """Review of issue 14: crowded out were partners better ranked than some with check-ins.

    Those crowded out are the last in rank order; the four first hold their check-ins.
    """
    project = six_in_touch(touched, days_apart=days_apart)
    plan = civsam.plan(project, as_of=start)
    check_plan(plan)
    ranked = [placement.partner.id for placement in civsam.prioritise(project)]
    crowded = [o.id for o in plan.crowded_out]
    assert crowded == ranked[len(ranked) - len(crowded) :]
    assert [c.partner.id for c in plan.check_ins] == ranked[: len(ranked) - len(crowded)]
    assert crowded == ["forening-5", "forening-6"]
    held_mostly_by_rule(plan)


# -- contact is anything logged ------------------------------------------------------------


def test_a_review_counts_as_contact() -> None:
    """Issue 14: a partner reviewed today showed 42 days overdue in civsam.due."""
    project = civsam.example()
    today = D(2027, 1, 5)
    project.record(Review("aeldresagen-aarhus", today, [ItemReview("talk_often", "green")]))
    assert "aeldresagen-aarhus" not in {d.partner.id for d in civsam.due(project, today)}
    [due] = [d for d in civsam.due(project, D(2027, 1, 25)) if d.partner.id == "aeldresagen-aarhus"]
    assert (due.last_contact, due.due, due.days_overdue) == (today, D(2027, 1, 19), 6)
    only_touchpoints = attrs.evolve(
        project.plan_settings, contact_kinds=("meeting", "call", "email", "event")
    )
    [old] = [
        d
        for d in civsam.due(project, today, settings=only_touchpoints)
        if d.partner.id == "aeldresagen-aarhus"
    ]
    assert old.days_overdue == 42


def test_an_outreach_step_counts_as_contact() -> None:
    """A step logged with a partner restarts its cadence; without `outreach`, it does not."""
    project = partners_in_touch(1, D(2027, 1, 4), start=D(2027, 1, 4))
    project.record(OutreachEntry("p01", "shared_goals", D(2027, 2, 1)))
    [due] = civsam.due(project, D(2027, 2, 15))
    assert (due.last_contact, due.days_overdue) == (D(2027, 2, 1), 0)
    settings = attrs.evolve(project.plan_settings, contact_kinds=("call",))
    [due] = civsam.due(project, D(2027, 2, 15), settings=settings)
    assert (due.last_contact, due.days_overdue) == (D(2027, 1, 4), 28)


def test_a_partner_with_only_an_outreach_step_gets_check_ins_not_a_first_meeting() -> None:
    """Contact logged as an outreach step: the relationship has begun."""
    owner = Organisation("aarhus", "Aarhus Kommune", kind="municipality")
    project = Project(
        "Plan",
        owner,
        organisations=[Organisation("p01", "Forening 1")],
        assessments=[Assessment("p01", importance=5, ease=5)],
    )
    project.plan_settings = PlanSettings(start=D(2027, 2, 1))
    project.record(OutreachEntry("p01", "shared_goals", D(2027, 1, 25)))
    plan = civsam.plan(project)
    assert plan.meetings == ()
    [check_in] = plan.check_ins
    due = D(2027, 2, 8)  # a Monday: two weeks after the step
    assert due <= check_in.first.date() < due + dt.timedelta(days=7)
    without = civsam.plan(project, settings=attrs.evolve(project.plan_settings, contact_kinds=()))
    assert [m.partner.id for m in without.meetings] == ["p01"]


def test_a_call_kind_left_out_does_not_reset_the_cadence() -> None:
    """contact_kinds chooses per kind of touchpoint."""
    project = partners_in_touch(1, D(2027, 1, 4))
    project.record(Touchpoint("p01", D(2027, 2, 1), "email"))
    settings = attrs.evolve(project.plan_settings, contact_kinds=["call", "meeting"])
    [due] = civsam.due(project, D(2027, 2, 15), settings=settings)
    assert due.last_contact == D(2027, 1, 4)
    assert civsam.due(project, D(2027, 2, 14)) == ()


def test_celebrate_only_after_a_review_with_no_red_or_amber() -> None:
    """Never reviewed: nothing to celebrate yet; all green at the last review: celebrate."""
    project = partners_in_touch(2, D(2027, 1, 4))
    assert [c.celebrate for c in civsam.checklists(project)] == [False, False]
    assert [c.agenda for c in civsam.checklists(project)] == [(), ()]
    project.record(
        Review("p01", D(2027, 1, 10), [ItemReview("talk_often", "green")]),
        Review("p02", D(2027, 1, 10), [ItemReview("talk_often", "amber")]),
    )
    assert [c.celebrate for c in civsam.checklists(project)] == [True, False]
    project.record(Review("p02", D(2027, 2, 10), [ItemReview("talk_often", "ticked")]))
    assert civsam.checklist(project, "p02").celebrate


# -- the closed period ---------------------------------------------------------------------


def test_a_summer_closed_period_runs_within_a_year() -> None:
    """Three weeks in July: nothing from 5 to 23 July."""
    project = big_project(5, start=D(2027, 7, 1), closed_period=("07-05", "07-23"), seed=1)
    plan = civsam.plan(project)
    check_plan(plan)
    assert plan.closed == ((D(2027, 7, 5), D(2027, 7, 23)),)
    for start, _, _ in timed(plan):
        assert not D(2027, 7, 5) <= start.date() <= D(2027, 7, 23)


def test_no_closed_period() -> None:
    """closed_period = () plans between Christmas and New Year as before."""
    project = partners_in_touch(6, None, start=D(2026, 12, 21), closed_period=())
    plan = civsam.plan(project)
    assert plan.closed == ()
    assert [f"{m.start:%m-%d}" for m in plan.meetings[:4]] == ["12-21", "12-21", "12-22", "12-23"]


@pytest.mark.parametrize(
    ("period", "english", "danish"),
    [
        (("12-20",),
         ("PlanSettings.closed_period: expected the first and the last closed day as "
          "\"MM-DD\", such as \"12-20\" and \"01-01\", or none, found ('12-20',)"),
         ('PlanSettings.closed_period: forventede første og sidste lukkedag som "MM-DD", '
          "fx \"12-20\" og \"01-01\", eller ingen, fandt ('12-20',)")),
        (("12-20", "13-01"),
         ('PlanSettings.closed_period[1]: expected a day of every year as "MM-DD", such as '
          "\"12-20\", found '13-01'"),
         None),
        (("02-29", "03-01"),
         ('PlanSettings.closed_period[0]: expected a day of every year as "MM-DD", such as '
          "\"12-20\", found '02-29'"),
         None),
        (("6-1", "6-30"),
         ('PlanSettings.closed_period[0]: expected a day of every year as "MM-DD", such as '
          "\"12-20\", found '6-1'"),
         None),
        (("06-01", "08-31"),
         ("PlanSettings.closed_period: expected a closed period of at most 6 weeks, "
          "found ('06-01', '08-31')"),
         ("PlanSettings.closed_period: forventede en lukkeperiode på højst 6 uger, "
          "fandt ('06-01', '08-31')")),
    ],
    ids=["one-day", "month-13", "leap-day", "short", "too-long"],
)  # fmt: skip
def test_closed_period_is_checked(
    period: tuple[str, ...], english: str, danish: str | None
) -> None:
    """A closed period is two days of the year, at most six weeks apart."""
    with pytest.raises(ValueError, match="closed_period") as info:
        PlanSettings(closed_period=period)
    assert str(info.value) == english
    if danish is not None:
        assert info.value.args[0].say("da") == danish


def test_contact_kinds_are_checked() -> None:
    """Only the six kinds, each once; in English and in Danish."""
    with pytest.raises(ValueError, match="contact_kinds") as info:
        PlanSettings(contact_kinds=("meeting", "phone"))
    kinds = "meeting, call, email, event, review, outreach"
    assert str(info.value) == (
        f"PlanSettings.contact_kinds[1]: expected some of {kinds}, each at most once, found 'phone'"
    )
    assert info.value.args[0].say("da") == (
        f"PlanSettings.contact_kinds[1]: forventede nogle af {kinds}, hver højst én gang, "
        "fandt 'phone'"
    )
    with pytest.raises(ValueError, match="each at most once"):
        PlanSettings(contact_kinds=("call", "call"))
    assert PlanSettings(contact_kinds="review").contact_kinds == (ContactKind.REVIEW,)


@pytest.mark.parametrize("form", ["toml", "json"])
def test_new_settings_round_trip(form: Literal["toml", "json"]) -> None:
    """closed_period and contact_kinds are written, read back, and left out at defaults."""
    project = partners_in_touch(1, D(2027, 1, 4))
    project.plan_settings = PlanSettings(
        closed_period=("07-06", "07-24"), contact_kinds=("review",)
    )
    text = civsam.dumps(project, form)
    if form == "toml":
        assert 'closed_period = ["07-06", "07-24"]' in text
        assert 'contact_kinds = ["review"]' in text
    else:
        planning = json.loads(text)["planning"]
        assert planning["closed_period"] == ["07-06", "07-24"]
        assert planning["contact_kinds"] == ["review"]
    assert civsam.loads(text, form).plan_settings == project.plan_settings
    project.plan_settings = PlanSettings(closed_period=())
    again = civsam.loads(civsam.dumps(project, form), form)
    assert again.plan_settings.closed_period == ()
    project.plan_settings = PlanSettings()
    assert "closed_period" not in civsam.dumps(project, form)
    assert "contact_kinds" not in civsam.dumps(project, form)


def test_capacity_counts_every_timed_meeting() -> None:
    """The default is four a week, first meetings and check-ins together."""
    assert PlanSettings().capacity == 4
    assert PlanSettings().closed_period == ("12-20", "01-01")
    assert PlanSettings().contact_kinds == tuple(ContactKind)
    assert "check-ins together" in " ".join((PlanSettings.__doc__ or "").split())


# -- properties ----------------------------------------------------------------------------

PERIODS = st.sampled_from([(), ("12-20", "01-01"), ("07-05", "07-23"), ("12-27", "01-03")])
KINDS = st.lists(st.sampled_from(ContactKind), unique=True)


@st.composite
def planned(draw: st.DrawFn) -> tuple[Project, PlanSettings, dt.date]:
    """A project with a history, settings (closed period and contact kinds too), a start."""
    project = draw(projects(history=True, scored=draw(st.booleans())))
    settings = attrs.evolve(
        draw(plan_settings()),
        closed_period=draw(PERIODS),
        contact_kinds=draw(st.just(tuple(ContactKind)) | KINDS),
    )
    return project, settings, draw(STARTS)


@given(planned())
def test_every_plan_keeps_the_rules(case: tuple[Project, PlanSettings, dt.date]) -> None:
    """No overlaps, capacity and two an hour held, rank order, days off free, in the plan."""
    project, settings, start = case
    plan = civsam.plan(project, as_of=start, settings=settings)
    check_plan(plan)
    # plan.closed: every closed stretch that meets the plan, whole.
    one = dt.timedelta(days=1)
    for first, last in plan.closed:
        assert first < plan.end
        assert last >= plan.start
        assert not in_closed_period(first - one, settings)
        assert not in_closed_period(last + one, settings)
        assert all(in_closed_period(first + one * n, settings)
                   for n in range((last - first).days + 1))  # fmt: skip
    day = plan.start
    while day < plan.end:
        inside = any(first <= day <= last for first, last in plan.closed)
        assert inside == in_closed_period(day, settings), day
        day += dt.timedelta(days=7) if not settings.closed_period else one


@given(planned(), st.data())
def test_any_logged_entry_of_a_chosen_kind_restarts_the_cadence(
    case: tuple[Project, PlanSettings, dt.date], data: st.DataObject
) -> None:
    """The last contact due() reports is the latest entry of a kind in contact_kinds."""
    project, settings, _ = case
    kinds = set(settings.contact_kinds)
    today = data.draw(STARTS)
    ranking = civsam.prioritise(project)
    for entry in civsam.due(project, today, ranking, settings=settings):
        partner = entry.partner.id
        logged = [
            t.date for t in project.touchpoints if t.partner == partner and t.kind.value in kinds
        ]
        if ContactKind.REVIEW in kinds:
            logged += [r.date for r in project.reviews if r.partner == partner]
        if ContactKind.OUTREACH in kinds:
            logged += [o.date for o in project.outreach if o.partner == partner]
        assert entry.last_contact in logged
        assert entry.due == entry.last_contact + dt.timedelta(
            weeks=settings.check_in_weeks[entry.quadrant]
        )


def test_a_check_in_left_out_says_why() -> None:
    """The example's two check-ins in the Christmas holiday are not held, and the plan says why.

    Easter Monday is a holiday (a day off) and the Tuesday after it a working day, so a
    check-in that moved from there could only have met a full week or a taken time.
    """
    schedule = civsam.plan(civsam.example())
    left_out = [(series.partner.id, rule.date()) for series, rule in schedule.skipped_check_ins]
    assert left_out == [
        ("aeldresagen-aarhus", D(2026, 12, 22)),
        ("roede-kors-aarhus", D(2026, 12, 23)),
    ]
    assert {schedule.why_moved(rule) for _, rule in schedule.skipped_check_ins} == {
        civsam.MoveReason.CLOSED
    }
    nine = dt.time(9, 0, tzinfo=civsam.TIMEZONE)
    easter_monday = dt.datetime.combine(D(2027, 3, 29), nine)
    assert schedule.why_moved(easter_monday) is civsam.MoveReason.DAY_OFF
    assert schedule.why_moved(easter_monday + dt.timedelta(days=1)) is civsam.MoveReason.BUSY
