"""The collaboration's history: readiness, outreach steps, touchpoints and checklist reviews."""

from __future__ import annotations

import datetime as dt
import pathlib
import re
from typing import Any

import pytest
from hypothesis import given, settings

import civsam
from civsam import (
    ChecklistItem,
    CivsamError,
    ItemReview,
    ItemStatus,
    Organisation,
    OrgKind,
    OutreachEntry,
    OutreachStep,
    Project,
    ReadinessAnswer,
    ReadinessPoint,
    Review,
    Role,
    Touchpoint,
    TouchpointKind,
    Trend,
    ValidationError,
)
from civsam.testing import (
    item_reviews,
    outreach_entries,
    plan_settings,
    projects,
    readiness_answers,
    reviews,
    touchpoints,
)

D = dt.date
KNOWN = "expected the id of one of the project's organisations"
STEPS = "shared_goals, their_agenda, prepare, maintain_contact, ended"
MONDAY = D(2026, 1, 5)
AS_TEXT: Any = "2026-01-05"  # what code without type hints may pass
NOTHING: Any = None
YES: Any = "yes"
MORNING = dt.datetime(2026, 1, 5, 10, 0)  # noqa: DTZ001 - naive on purpose: it is refused
MIDNIGHT = dt.datetime(2026, 1, 5, 0, 0)  # noqa: DTZ001 - naive on purpose: it is refused

AARHUS = Organisation("aarhus", "Aarhus Kommune", kind="municipality")
DS = Organisation("ds", "Ældre Sagen Aarhus", kind="civil_society")
RK = Organisation("rk", "Røde Kors Aarhus", kind="civil_society")
FC = Organisation("fc", "Frivilligcenter Aarhus", kind="civil_society")


@pytest.fixture
def project() -> Project:
    """Aarhus and three partners, no history yet."""
    return Project("Ensomhed blandt ældre", AARHUS, organisations=[DS, RK, FC])


def messages(error: ValidationError) -> list[str]:
    """Every problem of an error as the user reads it."""
    return [str(problem) for problem in error.problems]


def refused(project: Project, *entries: Any) -> list[str]:
    """Record ``entries``, expect a refusal, and check nothing was recorded."""
    before = civsam.dumps(project, "json")
    with pytest.raises(ValidationError) as info:
        project.record(*entries)
    assert civsam.dumps(project, "json") == before, "a refused record changed the project"
    return messages(info.value)


def walk(partner: str, *steps: str, start: dt.date = MONDAY) -> list[OutreachEntry]:
    """Outreach entries for ``steps``, a week apart."""
    return [
        OutreachEntry(partner, step, start + dt.timedelta(weeks=n)) for n, step in enumerate(steps)
    ]


# -- the values ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda: ReadinessAnswer("priority", True, AS_TEXT, "Styregruppen"),
         ("ReadinessAnswer.date: expected a date such as datetime.date(2026, 3, 1), "
         "found str '2026-01-05'")),
        (lambda: ReadinessAnswer("priority", True, MORNING, "Bo"),
         ("ReadinessAnswer.date: expected a date such as datetime.date(2026, 3, 1), "
         "found datetime datetime.datetime(2026, 1, 5, 10, 0)")),
        (lambda: OutreachEntry("ds", "prepare", MIDNIGHT),
         ("OutreachEntry.date: expected a date such as datetime.date(2026, 3, 1), "
         "found datetime datetime.datetime(2026, 1, 5, 0, 0)")),
        (lambda: Touchpoint("ds", NOTHING, "call"),
         ("Touchpoint.date: expected a date such as datetime.date(2026, 3, 1), "
         "found NoneType None")),
        (lambda: Review("ds", MIDNIGHT, [ItemReview("leadership", "red")]),
         ("Review.date: expected a date such as datetime.date(2026, 3, 1), "
         "found datetime datetime.datetime(2026, 1, 5, 0, 0)")),
    ],
    ids=["text", "readiness-datetime", "outreach-datetime", "none", "review-datetime"],
)  # fmt: skip
def test_dates_must_be_dates_not_datetimes_or_text(build: Any, expected: str) -> None:
    """Entries record days: a datetime is refused rather than cut to its date."""
    with pytest.raises(ValueError, match=re.escape(expected)) as info:
        build()
    assert str(info.value) == expected


def test_not_started_is_never_recorded() -> None:
    """Every partner starts at not_started; recording it is refused, naming the steps there are."""
    with pytest.raises(ValueError, match="not_started") as info:
        OutreachEntry("ds", OutreachStep.NOT_STARTED, D(2026, 1, 5))
    assert str(info.value) == (
        f"OutreachEntry.step: expected one of {STEPS}, found 'not_started' "
        "(every partner starts there; it is not recorded)"
    )


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda: OutreachEntry("ds", "finished", D(2026, 1, 5)),
         "'finished' is not a valid OutreachStep"),
        (lambda: Touchpoint("ds", D(2026, 1, 5), "fax"), "'fax' is not a valid TouchpointKind"),
        (lambda: ItemReview("leadership", "blue"), "'blue' is not a valid ItemStatus"),
        (lambda: ItemReview("leadership_support", "red"),
         "'leadership_support' is not a valid ChecklistItem"),
        (lambda: ReadinessAnswer("money", True, D(2026, 1, 5), "Bo"),
         "'money' is not a valid ReadinessPoint"),
        (lambda: ReadinessAnswer("priority", YES, D(2026, 1, 5), "Bo"),
         "'in_place' must be <class 'bool'> (got 'yes' that is a <class 'str'>)."),
        (lambda: Touchpoint(" ds", D(2026, 1, 5), "call"),
         ("Touchpoint.partner: expected a non-empty id without surrounding spaces or control "
         "characters, found ' ds'")),
    ],
    ids=["step", "kind", "status", "item", "point", "in-place", "partner"],
)  # fmt: skip
def test_named_values_are_checked(build: Any, expected: str) -> None:
    """Steps, kinds, statuses, items and points are enum values; ids are ids."""
    with pytest.raises((ValueError, TypeError)) as info:
        build()
    assert str(info.value.args[0]) == expected


def test_a_review_needs_items_each_once() -> None:
    """A review with no items, or an item twice, is refused and says which item."""
    with pytest.raises(ValueError, match="at least one") as info:
        Review("ds", D(2026, 1, 5), [])
    assert str(info.value) == "Review.items: expected at least one checklist item"
    twice = [
        ItemReview("leadership", "red"),
        ItemReview("talk_often", "green"),
        ItemReview("leadership", "green"),
        ItemReview("talk_often", "amber"),
    ]
    with pytest.raises(ValueError, match="each item once") as info:
        Review("ds", D(2026, 1, 5), twice)
    assert str(info.value) == (
        "Review.items: expected each item once, found leadership, talk_often more than once"
    )


def test_a_review_holds_items_as_a_tuple_and_finds_each() -> None:
    """Items given as a list become a tuple; status() finds an item's verdict or None."""
    review = Review("ds", D(2026, 1, 5), [ItemReview("leadership", "red", "Ingen chef med")])
    assert review.items == (ItemReview(ChecklistItem.LEADERSHIP, ItemStatus.RED, "Ingen chef med"),)
    assert review.status(ChecklistItem.LEADERSHIP) == review.items[0]
    assert review.status(ChecklistItem.TALK_OFTEN) is None


@pytest.mark.parametrize("name", ["", "   ", "Jens\x00Hansen"])
def test_who_answered_is_personal_and_never_echoed(name: str) -> None:
    """A bad answered_by is refused without repeating it; a good one is kept out of repr."""
    with pytest.raises(ValueError, match="answered_by") as info:
        ReadinessAnswer("priority", True, D(2026, 1, 5), name)
    assert str(info.value) == (
        "ReadinessAnswer.answered_by: expected a non-empty name, found a value"
    )
    answer = ReadinessAnswer("priority", True, D(2026, 1, 5), "Jens Hansen", "note")
    assert "Jens" not in repr(answer)
    assert answer.answered_by == "Jens Hansen"


def test_who_answered_is_not_echoed_from_a_file(tmp_path: pathlib.Path) -> None:
    """In a file too, an invalid answered_by is reported as 'a value'."""
    path = tmp_path / "p.toml"
    path.write_text(
        HEADER + '\n[[readiness]]\npoint = "priority"\nin_place = true\ndate = 2026-01-05\n'
        'answered_by = "Jens\\u0007Hansen"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        civsam.load(path)
    assert messages(info.value) == [
        (
            f"{path}:18: readiness[0].answered_by: wrong value; found a value; "
            "expected a non-empty name"
        )
    ]
    assert "Jens" not in str(info.value)


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        (OrgKind.MUNICIPALITY, Role.MUNICIPALITY),
        (OrgKind.PUBLIC_INSTITUTION, Role.MUNICIPALITY),
        (OrgKind.CIVIL_SOCIETY, Role.CIVIL_SOCIETY),
        (OrgKind.NON_PROFIT, Role.CIVIL_SOCIETY),
        (OrgKind.BUSINESS, Role.CIVIL_SOCIETY),
        (OrgKind.OTHER, Role.CIVIL_SOCIETY),
    ],
)
def test_the_role_follows_the_owners_kind(kind: OrgKind, role: Role) -> None:
    """Public bodies answer the municipality's points; everyone else civil society's."""
    assert Role.of(kind) is role


def test_each_role_has_the_guides_three_points_in_order() -> None:
    """The guide's section 1: three points for each side, each point on one side only."""
    assert Role.MUNICIPALITY.points == (
        ReadinessPoint.PRIORITY,
        ReadinessPoint.OPENNESS,
        ReadinessPoint.DEDICATED_TIME,
    )
    assert Role.CIVIL_SOCIETY.points == (
        ReadinessPoint.INTERNAL_AGREEMENT,
        ReadinessPoint.DEDICATED_TEAM,
        ReadinessPoint.REALISTIC_RESOURCES,
    )
    assert all(point in point.role.points for point in ReadinessPoint)


def test_every_label_key_is_in_the_catalogue() -> None:
    """Steps, points and items name labels that exist, in both languages, with advice."""
    for language in civsam.Language:
        for step in OutreachStep:
            assert civsam.label(step.label_key, language)
        for step in (s for s in OutreachStep if s.label_key.startswith("outreach.")):
            assert civsam.label(f"{step.label_key}.advice", language)
        for thing in (*ReadinessPoint, *ChecklistItem):
            assert civsam.label(thing.label_key, language)
            assert civsam.label(f"{thing.label_key}.advice", language)
    assert civsam.label(OutreachStep.ENDED.label_key, "en") == "Ended"
    assert civsam.label(OutreachStep.NOT_STARTED.label_key, "da") == "Ikke startet"
    assert civsam.label(OutreachStep.PREPARE.label_key, "da") == "Forbered dig godt"
    assert ReadinessPoint.DEDICATED_TEAM.label_key == "readiness.civil_society.dedicated_team"
    assert ChecklistItem.RULES_OF_PLAY.label_key == "checklist.rules_of_play"


def test_status_levels() -> None:
    """Ticked and green count the same; amber below them; red lowest."""
    assert [status.level for status in ItemStatus] == [2, 2, 1, 0]


# -- the outreach steps --------------------------------------------------------------------

NS, SG, TA, PR, MC, EN = OutreachStep

ALLOWED = {
    NS: (SG, EN),
    SG: (TA, EN),
    TA: (SG, PR, EN),
    PR: (SG, TA, MC, EN),
    MC: (SG, TA, PR, EN),
    EN: (SG,),
}
"""The transitions allowed_next promises: one step forward, back to any earlier step,
ended from anywhere; an ended approach can start again at shared_goals."""


def test_the_transition_table() -> None:
    """allowed_next is exactly the table above, in the guide's order."""
    assert {step: step.allowed_next for step in OutreachStep} == ALLOWED


@pytest.mark.parametrize("current", list(OutreachStep))
@pytest.mark.parametrize("target", [s for s in OutreachStep if s is not NS])
def test_record_allows_exactly_the_allowed_steps(
    project: Project, current: OutreachStep, target: OutreachStep
) -> None:
    """From each step, recording a step succeeds if and only if allowed_next has it."""
    path = {NS: [], SG: [SG], TA: [SG, TA], PR: [SG, TA, PR], MC: [SG, TA, PR, MC], EN: [EN]}
    project.record(*walk("ds", *path[current]))
    assert project.outreach_step("ds") is current
    entry = OutreachEntry("ds", target, D(2026, 6, 1))
    if target in ALLOWED[current]:
        project.record(entry)
        assert project.outreach_step("ds") is target
    else:
        allowed = ", ".join(step.value for step in ALLOWED[current])
        assert refused(project, entry) == [
            (
                f"outreach.step: 'ds' cannot go from {current.value} to {target.value}; "
                f"found '{target.value}'; expected one of {allowed}"
            )
        ]


def test_outreach_step_is_the_last_recorded_step(project: Project) -> None:
    """not_started before anything; then the latest entry for that partner, whoever else moves."""
    assert project.outreach_step("ds") is NS
    assert project.outreach_step("nobody") is NS
    project.record(*walk("ds", "shared_goals", "their_agenda", "prepare"))
    project.record(*walk("rk", "ended"))
    project.record(OutreachEntry("ds", "their_agenda", D(2026, 3, 1), "Tilbage: ny strategi"))
    assert project.outreach_step("ds") is TA
    assert project.outreach_step("rk") is EN
    assert project.outreach_step("fc") is NS
    project.record(OutreachEntry("rk", "shared_goals", D(2026, 3, 1)))
    assert project.outreach_step("rk") is SG


# -- recording -----------------------------------------------------------------------------


def test_record_appends_each_kind_in_order(project: Project) -> None:
    """Entries of every kind go to their own log, in the order given."""
    answer = ReadinessAnswer("priority", True, D(2026, 1, 2), "Styregruppen")
    steps = walk("ds", "shared_goals", "their_agenda")
    calls = [Touchpoint("ds", D(2026, 2, 1), "call"), Touchpoint("rk", D(2026, 1, 1), "email")]
    review = Review("ds", D(2026, 2, 2), [ItemReview("talk_often", "green")])
    project.record(calls[0], steps[0], answer, review, steps[1], calls[1])
    assert project.readiness_answers == (answer,)
    assert project.outreach == tuple(steps)
    assert project.touchpoints == tuple(calls)
    assert project.reviews == (review,)


def test_steps_in_one_call_are_checked_against_each_other(project: Project) -> None:
    """A walk recorded at once is valid; the same steps in the wrong order are not."""
    project.record(*walk("ds", "shared_goals", "their_agenda", "prepare", "maintain_contact"))
    assert project.outreach_step("ds") is MC
    assert refused(project, *walk("rk", "their_agenda", "shared_goals")) == [
        (
            "outreach.step: 'rk' cannot go from not_started to their_agenda; found 'their_agenda'; "
            "expected one of shared_goals, ended"
        ),
    ]


def test_steps_on_the_same_day_are_fine_but_not_going_back_in_time(project: Project) -> None:
    """Dates never decrease along a partner's steps; two steps on one day are allowed."""
    day = D(2026, 3, 2)
    project.record(OutreachEntry("ds", "shared_goals", day), OutreachEntry("ds", "ended", day))
    assert refused(project, OutreachEntry("ds", "shared_goals", D(2026, 3, 1))) == [
        (
            "outreach.date: a step dated before the previous step of 'ds'; found 2026-03-01; "
            "expected 2026-03-02 or later (steps are recorded in the order taken)"
        )
    ]
    assert refused(project, *walk("rk", "shared_goals", "their_agenda", start=day)[::-1]) == [
        (
            "outreach.step: 'rk' cannot go from not_started to their_agenda; found 'their_agenda'; "
            "expected one of shared_goals, ended"
        ),
    ]
    # Another partner's dates do not matter.
    project.record(OutreachEntry("rk", "shared_goals", D(2020, 1, 1)))


def test_record_is_all_or_nothing_and_reports_every_problem(project: Project) -> None:
    """One call with good and bad entries records nothing and lists each problem."""
    project.record(Review("ds", D(2026, 1, 5), [ItemReview("leadership", "red")]))
    problems = refused(
        project,
        Touchpoint("ds", D(2026, 1, 6), "call"),
        Touchpoint("ghost", D(2026, 1, 6), "call"),
        Touchpoint("aarhus", D(2026, 1, 6), "meeting"),
        OutreachEntry("rk", "prepare", D(2026, 1, 6)),
        Review("ds", D(2026, 1, 5), [ItemReview("leadership", "amber")]),
        ReadinessAnswer("priority", True, D(2026, 1, 5), "Styregruppen"),
        "a touchpoint",
    )
    assert problems == [
        (
            "cannot record this in a project; found str; expected a ReadinessAnswer, an "
            "OutreachEntry, a Touchpoint or a Review"
        ),
        f"touchpoints.partner: unknown organisation; found 'ghost'; {KNOWN}",
        (
            "touchpoints.partner: the owner is not its own partner; found 'aarhus'; "
            "expected the id of a partner, not the owner"
        ),
        (
            "outreach.step: 'rk' cannot go from not_started to prepare; found 'prepare'; "
            "expected one of shared_goals, ended"
        ),
        (
            "reviews.date: a second review of 'ds' on the same day; found 2026-01-05; "
            "expected one review per partner a day; put every item in it"
        ),
    ]
    assert len(project.reviews) == 1


@pytest.mark.parametrize(
    "entry",
    [
        OutreachEntry("aarhus", "shared_goals", D(2026, 1, 5)),
        Touchpoint("aarhus", D(2026, 1, 5), "call"),
        Review("aarhus", D(2026, 1, 5), [ItemReview("leadership", "red")]),
    ],
    ids=["outreach", "touchpoint", "review"],
)
def test_the_owner_is_not_its_own_partner(project: Project, entry: Any) -> None:
    """No log entry may name the owner."""
    section = {OutreachEntry: "outreach", Touchpoint: "touchpoints", Review: "reviews"}
    assert refused(project, entry) == [
        (
            f"{section[type(entry)]}.partner: the owner is not its own partner; found 'aarhus'; "
            "expected the id of a partner, not the owner"
        )
    ]


@pytest.mark.parametrize(
    "entry",
    [
        OutreachEntry("ghost", "shared_goals", D(2026, 1, 5)),
        Touchpoint("ghost", D(2026, 1, 5), "call"),
        Review("ghost", D(2026, 1, 5), [ItemReview("leadership", "red")]),
    ],
    ids=["outreach", "touchpoint", "review"],
)
def test_an_unknown_partner_is_refused(project: Project, entry: Any) -> None:
    """Every log entry must name an organisation of the project."""
    section = {OutreachEntry: "outreach", Touchpoint: "touchpoints", Review: "reviews"}
    assert refused(project, entry) == [
        f"{section[type(entry)]}.partner: unknown organisation; found 'ghost'; {KNOWN}"
    ]


def test_two_reviews_of_a_partner_on_one_day_in_one_call(project: Project) -> None:
    """The second of two same-day reviews given together is refused; other days are fine."""
    first = Review("ds", D(2026, 1, 5), [ItemReview("leadership", "red")])
    again = Review("ds", D(2026, 1, 5), [ItemReview("talk_often", "red")])
    assert refused(project, first, again) == [
        (
            "reviews.date: a second review of 'ds' on the same day; found 2026-01-05; "
            "expected one review per partner a day; put every item in it (first at reviews)"
        )
    ]
    project.record(first, Review("rk", D(2026, 1, 5), [ItemReview("leadership", "red")]))
    project.record(Review("ds", D(2026, 1, 6), [ItemReview("leadership", "amber")]))
    assert len(project.reviews) == 3


def test_remove_drops_the_partners_history_and_keeps_the_rest(project: Project) -> None:
    """Removing a partner removes its steps, touchpoints and reviews; others' stay."""
    answer = ReadinessAnswer("priority", True, D(2026, 1, 2), "Styregruppen")
    project.record(
        answer,
        *walk("ds", "shared_goals", "their_agenda"),
        *walk("rk", "shared_goals"),
        Touchpoint("ds", D(2026, 2, 1), "call"),
        Touchpoint("rk", D(2026, 2, 2), "call"),
        Review("ds", D(2026, 2, 3), [ItemReview("leadership", "red")]),
        Review("rk", D(2026, 2, 3), [ItemReview("leadership", "green")]),
    )
    assert project.remove("ds") == DS
    assert project.readiness_answers == (answer,)
    assert project.outreach == tuple(walk("rk", "shared_goals"))
    assert project.touchpoints == (Touchpoint("rk", D(2026, 2, 2), "call"),)
    assert [review.partner for review in project.reviews] == ["rk"]
    assert project.outreach_step("ds") is NS
    assert civsam.loads(civsam.dumps(project)) == project
    # A new organisation with the old id starts from scratch.
    project.add(DS)
    project.record(OutreachEntry("ds", "shared_goals", D(2020, 1, 1)))


def test_a_partner_with_a_history_cannot_become_the_owner(project: Project) -> None:
    """The owner is never its own partner: handing it to a partner with history is refused."""
    project.record(Touchpoint("fc", D(2026, 1, 5), "call"))
    before = civsam.dumps(project)
    with pytest.raises(ValidationError) as info:
        project.owner = "fc"
    assert messages(info.value) == [
        (
            "project.owner: the new owner has a history as a partner; found 'fc'; "
            "expected an organisation without outreach steps, touchpoints or reviews"
        )
    ]
    assert civsam.dumps(project) == before
    project.owner = "rk"
    assert civsam.loads(civsam.dumps(project)) == project


# -- readiness -----------------------------------------------------------------------------


def test_readiness_of_a_municipality_takes_the_latest_answer(project: Project) -> None:
    """Per point the latest answer counts (the later one in the file on the same day)."""
    project.record(
        ReadinessAnswer("dedicated_time", True, D(2026, 3, 1), "Direktionen"),
        ReadinessAnswer("dedicated_time", False, D(2026, 1, 1), "Styregruppen"),
        ReadinessAnswer("priority", False, D(2026, 2, 1), "Styregruppen"),
        ReadinessAnswer("priority", True, D(2026, 2, 1), "Direktionen", "Besluttet i dag"),
        ReadinessAnswer("internal_agreement", True, D(2026, 2, 1), "Bestyrelsen"),
    )
    summary = civsam.readiness(project)
    assert summary.role is Role.MUNICIPALITY
    assert [item.point for item in summary.items] == list(Role.MUNICIPALITY.points)
    answers = {item.point: item.answer for item in summary.items}
    assert answers[ReadinessPoint.PRIORITY] == project.readiness_answers[3]
    assert answers[ReadinessPoint.DEDICATED_TIME] == project.readiness_answers[0]
    assert answers[ReadinessPoint.OPENNESS] is None
    assert [item.in_place for item in summary.items] == [True, False, True]
    assert [item.point for item in summary.gaps] == [ReadinessPoint.OPENNESS]
    assert not summary.ready
    assert summary.other_role == (project.readiness_answers[4],)
    assert summary.items[0].label_key == "readiness.municipality.priority"


def test_readiness_is_ready_when_all_three_points_are_in_place(project: Project) -> None:
    """Ready once the latest answer to each of the role's points says yes."""
    assert [item.answer for item in civsam.readiness(project).items] == [None, None, None]
    assert not civsam.readiness(project).ready
    project.record(
        *(ReadinessAnswer(p, True, D(2026, 1, 1), "Styregruppen") for p in Role.MUNICIPALITY.points)
    )
    assert civsam.readiness(project).ready
    assert civsam.readiness(project).gaps == ()
    project.record(ReadinessAnswer("openness", False, D(2026, 1, 2), "Styregruppen"))
    assert [item.point for item in civsam.readiness(project).gaps] == [ReadinessPoint.OPENNESS]


@pytest.mark.parametrize("kind", ["civil_society", "non_profit", "business", "other"])
def test_a_civil_society_owner_answers_its_own_points(kind: str) -> None:
    """An owner outside the public sector is asked the civil-society points; others wait."""
    owner = Organisation("forening", "Foreningen", kind=kind)
    project = Project("Plan", owner, organisations=[AARHUS])
    municipal = ReadinessAnswer("priority", True, D(2026, 1, 1), "Formanden")
    own = ReadinessAnswer("dedicated_team", True, D(2026, 1, 2), "Formanden")
    project.record(municipal, own)
    summary = civsam.readiness(project)
    assert summary.role is Role.CIVIL_SOCIETY
    assert [item.answer for item in summary.items] == [None, own, None]
    assert summary.other_role == (municipal,)
    # The owner's kind changes: the same answers now count the other way round.
    project.replace(Organisation("forening", "Foreningen", kind="public_institution"))
    summary = civsam.readiness(project)
    assert summary.role is Role.MUNICIPALITY
    assert [item.answer for item in summary.items] == [municipal, None, None]
    assert summary.other_role == (own,)


# -- the checklist -------------------------------------------------------------------------


def _review(day: dt.date, **statuses: str) -> Review:
    return Review("ds", day, [ItemReview(item, status) for item, status in statuses.items()])


def test_checklist_progress_trend_and_agenda(project: Project) -> None:
    """Each item's history by review date, its latest status, its trend, and the agenda."""
    project.record(
        _review(D(2026, 3, 2), common_ground="amber", talk_often="red", leadership="green"),
        _review(D(2026, 1, 5), common_ground="red", talk_often="red", leadership="ticked"),
        _review(D(2026, 4, 6), leadership="amber", rules_of_play="amber", talk_often="green"),
    )
    checklist = civsam.checklist(project, "ds")
    assert checklist.partner == DS
    assert [review.date for review in checklist.reviews] == [
        D(2026, 1, 5),
        D(2026, 3, 2),
        D(2026, 4, 6),
    ]
    assert checklist.last_review == D(2026, 4, 6)
    progress = {p.item: p for p in checklist.items}
    assert [p.item for p in checklist.items] == list(ChecklistItem)
    common = progress[ChecklistItem.COMMON_GROUND]
    assert [(day, verdict.status) for day, verdict in common.history] == [
        (D(2026, 1, 5), ItemStatus.RED),
        (D(2026, 3, 2), ItemStatus.AMBER),
    ]
    assert common.status is ItemStatus.AMBER
    assert common.trend is Trend.BETTER
    assert progress[ChecklistItem.TALK_OFTEN].trend is Trend.BETTER
    assert progress[ChecklistItem.TALK_OFTEN].done
    assert progress[ChecklistItem.LEADERSHIP].trend is Trend.WORSE
    assert progress[ChecklistItem.RULES_OF_PLAY].trend is Trend.NEW
    never = progress[ChecklistItem.OPEN_TO_DIFFERENCES]
    assert (never.latest, never.status, never.trend, never.done) == (None, None, None, False)
    assert checklist.done == 1
    assert [p.item for p in checklist.agenda] == [
        ChecklistItem.COMMON_GROUND,
        ChecklistItem.LEADERSHIP,
        ChecklistItem.RULES_OF_PLAY,
    ]
    project.record(_review(D(2026, 5, 4), common_ground="red", leadership="red"))
    agenda = civsam.checklist(project, "ds").agenda
    assert [p.item for p in agenda] == [
        ChecklistItem.COMMON_GROUND,
        ChecklistItem.LEADERSHIP,
        ChecklistItem.RULES_OF_PLAY,
    ]
    assert [p.status for p in agenda] == [ItemStatus.RED, ItemStatus.RED, ItemStatus.AMBER]


def test_ticked_and_green_are_steady(project: Project) -> None:
    """Ticked after green (or the reverse) is the same level: steady, and done."""
    project.record(
        _review(D(2026, 1, 5), leadership="green", talk_often="ticked", rules_of_play="red"),
        _review(D(2026, 2, 2), leadership="ticked", talk_often="green", rules_of_play="red"),
    )
    progress = {p.item: p for p in civsam.checklist(project, "ds").items}
    assert progress[ChecklistItem.LEADERSHIP].trend is Trend.STEADY
    assert progress[ChecklistItem.TALK_OFTEN].trend is Trend.STEADY
    assert progress[ChecklistItem.RULES_OF_PLAY].trend is Trend.STEADY
    assert civsam.checklist(project, "ds").done == 2


def test_next_review_follows_the_evaluation_interval(project: Project) -> None:
    """next_review is evaluation_weeks after the last review; none without reviews or interval."""
    assert civsam.checklist(project, "ds").next_review is None
    assert civsam.checklist(project, "ds").last_review is None
    project.record(
        _review(D(2026, 1, 5), leadership="red"), _review(D(2025, 12, 1), leadership="red")
    )
    # 13 weeks after 2026-01-05 is Easter Monday, so the first working day after it.
    assert D(2026, 1, 5) + dt.timedelta(weeks=13) == D(2026, 4, 6)
    assert civsam.checklist(project, "ds").next_review == D(2026, 4, 7)
    project.plan_settings = civsam.PlanSettings(evaluation_weeks=4)
    assert civsam.checklist(project, "ds").next_review == D(2026, 2, 2)
    project.plan_settings = civsam.PlanSettings(evaluation_weeks=0)
    assert civsam.checklist(project, "ds").next_review is None


def test_next_review_falls_on_a_working_day_as_in_the_plan(project: Project) -> None:
    """13 weeks after 2027-02-15 is Whit Monday: the review moves to Tuesday, as the plan's."""
    project.record(_review(D(2027, 2, 15), leadership="amber"))
    project.plan_settings = civsam.PlanSettings(start=D(2027, 2, 16))
    assert civsam.checklist(project, "ds").next_review == D(2027, 5, 18)
    [checklist] = civsam.checklists(project)
    assert checklist.next_review == D(2027, 5, 18)
    first = next(m for m in civsam.plan(project).milestones if m.partner.id == "ds")
    assert first.date == checklist.next_review


def test_checklist_of_an_unknown_partner(project: Project) -> None:
    """Asking for the checklist of an id the project lacks is a CivsamError naming it."""
    with pytest.raises(CivsamError) as info:
        civsam.checklist(project, "ghost")
    assert str(info.value) == "no organisation with the id 'ghost' in the project"


def test_active_partners_and_their_checklists(project: Project) -> None:
    """Running: in touch or reviewed, until ended; in the project's order of organisations."""
    assert civsam.active_partners(project) == ()
    project.record(Touchpoint("fc", D(2026, 1, 5), "call"))
    project.record(_review(D(2026, 1, 6), leadership="green"))
    project.record(*walk("rk", "shared_goals", "their_agenda"))
    assert civsam.active_partners(project) == ("ds", "fc")
    project.record(*walk("rk", "prepare", "maintain_contact", start=D(2026, 2, 2)))
    assert civsam.active_partners(project) == ("ds", "rk", "fc")
    project.record(OutreachEntry("ds", "ended", D(2026, 3, 2)))
    assert civsam.active_partners(project) == ("rk", "fc")
    assert [c.partner.id for c in civsam.checklists(project)] == ["rk", "fc"]
    # Starting again after the end is a new approach: the old contact and review no
    # longer make it a running partnership, until there is contact again.
    project.record(OutreachEntry("ds", "shared_goals", D(2026, 4, 6)))
    assert civsam.active_partners(project) == ("rk", "fc")
    project.record(Touchpoint("ds", D(2026, 4, 7), "meeting"))
    assert civsam.active_partners(project) == ("ds", "rk", "fc")


def test_the_bundled_example_has_a_history() -> None:
    """The example's readiness, outreach, contact and review, summed up."""
    example = civsam.example()
    summary = civsam.readiness(example)
    assert summary.role is Role.MUNICIPALITY
    assert [item.point for item in summary.gaps] == [ReadinessPoint.DEDICATED_TIME]
    assert example.outreach_step("aeldresagen-aarhus") is MC
    assert example.outreach_step("roede-kors-aarhus") is SG
    assert civsam.active_partners(example) == ("aeldresagen-aarhus",)
    checklist = civsam.checklist(example, "aeldresagen-aarhus")
    assert checklist.done == 3
    assert checklist.next_review == D(2027, 2, 15)
    assert [p.item.value for p in checklist.agenda] == [
        "evaluate_and_adjust",
        "talk_often",
        "rules_of_play",
    ]


# -- files ---------------------------------------------------------------------------------

HEADER = """\
[project]
name = "Ensomhed blandt ældre"
owner = "aarhus"

[[organisations]]
id = "aarhus"
name = "Aarhus Kommune"
kind = "municipality"

[[organisations]]
id = "ds"
name = "Ældre Sagen"
"""
"""Twelve lines: the owner and one partner."""


@given(project=projects(history=True))
def test_projects_with_history_round_trip(project: Project) -> None:
    """Planning and every log survive TOML and JSON, and dump to the same text again."""
    for fmt in ("toml", "json"):
        text = civsam.dumps(project, fmt)
        back = civsam.loads(text, fmt)
        assert back == project, f"{fmt}: not lossless"
        assert back.plan_settings == project.plan_settings
        assert back.outreach == project.outreach
        assert back.touchpoints == project.touchpoints
        assert back.reviews == project.reviews
        assert back.readiness_answers == project.readiness_answers
        assert civsam.dumps(back, fmt) == text


def _problems(tmp_path: pathlib.Path, text: str) -> list[str]:
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        civsam.load(path)
    return [line.replace(f"{path}:", "") for line in messages(info.value)]


def test_errors_in_the_logs_are_located(tmp_path: pathlib.Path) -> None:
    """Wrong values, unknown keys and broken references in each log, by line and path."""
    text = HEADER + (
        '\n[[touchpoints]]\npartner = "ghost"\ndate = 2026-01-05\nkind = "fax"\n'  # 14-17
        '\n[[touchpoints]]\npartner = "ds"\ndate = 2026-01-05T10:00:00\nkind = "call"\n'  # 19-22
        '\n[[outreach]]\npartner = "ds"\nstep = "prepare"\ndate = 2026-01-05\n'  # 24-27
        '\n[[outreach]]\npartner = "ds"\nstep = "not_started"\ndate = 2026-01-05\n'  # 29-32
        '\n[[reviews]]\npartner = "aarhus"\ndate = 2026-01-05\n'  # 34-36
        'items = [{ item = "leadership", status = "blue" }]\n'  # 37
        '\n[[reviews]]\npartner = "ds"\ndate = 2026-01-05\nitems = []\n'  # 39-42
        '\n[[readiness]]\npoint = "priority"\nin_place = "yes"\ndate = 2026-01-05\n'  # 44-47
        'answered_by = "Styregruppen"\nwho = "x"\n'  # 48-49
    )
    assert _problems(tmp_path, text) == [
        f"15: touchpoints[0].partner: unknown organisation; found 'ghost'; {KNOWN}",
        (
            "17: touchpoints[0].kind: wrong value; found text 'fax'; "
            "expected one of meeting, call, email, event"
        ),
        (
            "21: touchpoints[1].date: wrong value; found date and time 2026-01-05T10:00:00; "
            "expected a date such as 2024-03-01"
        ),
        (
            "26: outreach[0].step: 'ds' cannot go from not_started to prepare; found 'prepare'; "
            "expected one of shared_goals, ended"
        ),
        (
            "31: outreach[1].step: wrong value; found text 'not_started'; expected one of "
            f"{STEPS} (every partner starts at not_started; it is not recorded)"
        ),
        (
            "35: reviews[0].partner: the owner is not its own partner; found 'aarhus'; "
            "expected the id of a partner, not the owner"
        ),
        (
            "37: reviews[0].items[0].status: wrong value; found text 'blue'; "
            "expected one of ticked, green, amber, red"
        ),
        "39: reviews[1]: Review.items: expected at least one checklist item",
        "46: readiness[0].in_place: wrong value; found text 'yes'; expected true or false",
        (
            "49: readiness[0].who: unknown key; "
            "expected one of point, in_place, date, answered_by, note"
        ),
    ]


def test_order_errors_in_a_file_are_located(tmp_path: pathlib.Path) -> None:
    """Steps out of order and a second review on one day point at the line and the first."""
    text = HEADER + (
        '\n[[outreach]]\npartner = "ds"\nstep = "shared_goals"\ndate = 2026-02-02\n'  # 14-17
        '\n[[outreach]]\npartner = "ds"\nstep = "their_agenda"\ndate = 2026-01-05\n'  # 19-22
        '\n[[reviews]]\npartner = "ds"\ndate = 2026-01-05\n'  # 24-26
        'items = [{ item = "leadership", status = "red" }]\n'
        '\n[[reviews]]\npartner = "ds"\ndate = 2026-01-05\n'  # 29-31
        'items = [{ item = "talk_often", status = "red" }]\n'
    )
    assert _problems(tmp_path, text) == [
        (
            "22: outreach[1].date: a step dated before the previous step of 'ds'; "
            "found 2026-01-05; expected 2026-02-02 or later (steps are recorded in the order "
            "taken)"
        ),
        (
            "31: reviews[1].date: a second review of 'ds' on the same day; found 2026-01-05; "
            "expected one review per partner a day; put every item in it (first at reviews[0])"
        ),
    ]


def test_a_broken_entry_still_has_its_partner_checked(tmp_path: pathlib.Path) -> None:
    """An entry that fails to build is reported, and so is the unknown partner it names."""
    text = HEADER + '\n[[touchpoints]]\npartner = "ghost"\ndate = "soon"\nkind = "call"\n'
    assert _problems(tmp_path, text) == [
        f"15: touchpoints[0].partner: unknown organisation; found 'ghost'; {KNOWN}",
        (
            "16: touchpoints[0].date: wrong value; found text 'soon'; "
            "expected a date such as 2024-03-01"
        ),
    ]


def test_logs_of_the_wrong_shape(tmp_path: pathlib.Path) -> None:
    """A log that is a table, or holds text, says what it expected."""
    text = HEADER + '\n[touchpoints]\npartner = "ds"\n'
    assert _problems(tmp_path, text) == [
        "14: touchpoints: wrong value; found a table; expected a list of tables ([[touchpoints]])"
    ]
    text = HEADER.replace("[project]", 'reviews = ["good"]\n\n[project]')
    assert _problems(tmp_path, text) == [
        "1: reviews[0]: wrong value; found text 'good'; expected a table"
    ]


# -- the strategies ------------------------------------------------------------------------


def _history_features(project: Project) -> set[str]:
    steps = {entry.step.value for entry in project.outreach}
    moves: set[tuple[OutreachStep, OutreachStep]] = set()
    current: dict[str, OutreachStep] = {}
    for entry in project.outreach:
        moves.add((current.get(entry.partner, NS), entry.step))
        current[entry.partner] = entry.step
    reviewed = [review.partner for review in project.reviews]
    statuses = {item.status for review in project.reviews for item in review.items}
    summary = civsam.readiness(project)
    checks = {
        "readiness in place": any(a.in_place for a in project.readiness_answers),
        "readiness missing": any(not a.in_place for a in project.readiness_answers),
        "answers for the other role": bool(summary.other_role),
        "maintain_contact": "maintain_contact" in steps,
        "ended": "ended" in steps,
        "a step back": any(
            a is not EN
            and b is not EN
            and list(OutreachStep).index(b) < list(OutreachStep).index(a)
            for a, b in moves
        ),
        "restarted": (EN, SG) in moves,
        "touchpoints": bool(project.touchpoints),
        "a partner reviewed twice": len(set(reviewed)) < len(reviewed),
        "planning set": project.plan_settings != civsam.PlanSettings(),
        "closed days": bool(project.plan_settings.closed_days),
        "no start": project.plan_settings.start is None,
    }
    found = {name for name, present in checks.items() if present}
    found.update(f"touchpoint {t.kind.value}" for t in project.touchpoints)
    found.update(f"status {status.value}" for status in statuses)
    return found


def test_projects_with_history_fill_every_part() -> None:
    """Over many draws, projects(history=True) exercises every part of the history."""
    seen: set[str] = set()

    @settings(max_examples=200, derandomize=True, database=None)
    @given(project=projects(history=True))
    def collect(project: Project) -> None:
        seen.update(_history_features(project))
        owner = project.owner.id
        logs: list[OutreachEntry | Touchpoint | Review] = [
            *project.outreach,
            *project.touchpoints,
            *project.reviews,
        ]
        assert all(entry.partner != owner for entry in logs)

    collect()
    assert seen == {
        "readiness in place",
        "readiness missing",
        "answers for the other role",
        "maintain_contact",
        "ended",
        "a step back",
        "restarted",
        "touchpoints",
        *(f"touchpoint {kind.value}" for kind in TouchpointKind),
        "a partner reviewed twice",
        *(f"status {status.value}" for status in ItemStatus),
        "planning set",
        "closed days",
        "no start",
    }


@settings(max_examples=30)
@given(project=projects(max_partners=0, history=True))
def test_a_project_without_partners_has_no_partner_history(project: Project) -> None:
    """With the owner alone, only planning and readiness can be filled."""
    assert project.outreach == ()
    assert project.touchpoints == ()
    assert project.reviews == ()


PARTNERS = ["ds", "rk", "fc"]


@given(entries=outreach_entries(PARTNERS))
def test_outreach_entries_can_always_be_recorded(entries: tuple[OutreachEntry, ...]) -> None:
    """A drawn outreach history is valid: each partner's walk allowed, its dates in order."""
    project = Project("Plan", AARHUS, organisations=[DS, RK, FC])
    project.record(*entries)
    for partner in PARTNERS:
        days = [entry.date for entry in entries if entry.partner == partner]
        assert days == sorted(days)
    assert {entry.partner for entry in entries} <= set(PARTNERS)


@given(drawn=reviews(PARTNERS), touchpoint=touchpoints(PARTNERS), answer=readiness_answers())
def test_reviews_touchpoints_and_answers_are_recordable(
    drawn: tuple[Review, ...], touchpoint: Touchpoint, answer: ReadinessAnswer
) -> None:
    """At most one review per partner a day, partners from the ids given; all recordable."""
    keys = [(review.partner, review.date) for review in drawn]
    assert len(keys) == len(set(keys))
    project = Project("Plan", AARHUS, organisations=[DS, RK, FC])
    project.record(*drawn, touchpoint, answer)
    assert touchpoint.partner in PARTNERS


@given(review=item_reviews())
def test_item_reviews_are_item_reviews(review: ItemReview) -> None:
    """An item and a status, each one of the guide's."""
    assert review.item in ChecklistItem
    assert review.status in ItemStatus


@given(planning=plan_settings())
def test_plan_settings_are_valid_and_survive_a_file(planning: civsam.PlanSettings) -> None:
    """At least one meeting fits a day; the settings read back from TOML and JSON."""
    assert planning.slots_per_day >= 1
    project = Project("Plan", AARHUS)
    project.plan_settings = planning
    for fmt in ("toml", "json"):
        assert civsam.loads(civsam.dumps(project, fmt), fmt).plan_settings == planning
