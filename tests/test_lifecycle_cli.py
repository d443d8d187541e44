"""The lifecycle commands: readiness, plan, log, due, step, review, checklist, introductions.

Each runs in-process on a copy of the bundled example, as ``civsam init --example`` writes
it, and is checked by the lines a person reads, in Danish (the project's language) and in
English, and by its exit status and message on every kind of bad input.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections import Counter
from typing import TYPE_CHECKING

import attrs
import pytest

import civsam
from _cli import columns, run
from civsam import (
    Assessment,
    ChecklistItem,
    ItemReview,
    ItemStatus,
    Organisation,
    OrgKind,
    OutreachEntry,
    OutreachStep,
    Project,
    ReadinessAnswer,
    Review,
    Touchpoint,
    TouchpointKind,
)

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

INVALID_PROJECT = """\
[project]
name = "Ensomhed"
owner = "aarhus-kommune"

[[organisations]]
id = "aarhus-kommune"
name = ""
kind = "kommune"

[[assessments]]
partner = "ukendt"
importance = 9
"""


pytestmark = pytest.mark.usefixtures("builtin_plugins_only")


def too_wide(text: str) -> list[str]:
    """The lines wider than 80 columns."""
    return [line for line in text.splitlines() if columns(line) > 80]


def section(out: str, title: str) -> list[str]:
    """The lines after the line ``title``, up to the next blank line."""
    lines = out.splitlines()
    start = lines.index(title) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def last_error(err: str) -> str:
    """The last line of standard error: argparse's message after its usage lines."""
    return err.rstrip("\n").splitlines()[-1]


def save(tmp_path: Path, project: Project, name: str = "project.toml") -> Path:
    """Write ``project`` to a file in ``tmp_path`` and return the path."""
    path = tmp_path / name
    civsam.save(project, path)
    return path


def partners(name: str, *assessed: tuple[str, str, int, int]) -> Project:
    """A municipality's project with assessed partners: (id, name, importance, ease).

    Importance 5 and ease 5 is *start here* (a check-in every 2 weeks); ease 2 *discuss* (4).
    """
    return Project(
        name,
        Organisation("kommune", "Kommune", OrgKind.MUNICIPALITY),
        organisations=[Organisation(id_, title) for id_, title, _, _ in assessed],
        assessments=[
            Assessment(id_, importance=importance, ease=ease)
            for id_, _, importance, ease in assessed
        ],
    )


def twins() -> Project:
    """A project where two partners share one name (in different case)."""
    return Project(
        "Tvillinger",
        Organisation("kommune", "Kommune", OrgKind.MUNICIPALITY),
        organisations=[
            Organisation("klub-nord", "Seniorklubben"),
            Organisation("klub-syd", "SENIORKLUBBEN"),
            Organisation("roede-kors", "Røde Kors"),
        ],
    )


# -- readiness -------------------------------------------------------------------------------

READINESS_DA = """\
Parathed: Aarhus Kommune (Kommune)
Som kommune, der ønsker at samarbejde med civilsamfundsaktører

Prioritering: På plads
  Besvaret 2026-09-15 af Styregruppen for Aktiv Ældre
  Direktionen har sat samarbejdet med civilsamfundet på årsplanen

Vær åben: På plads
  Besvaret 2026-09-15 af Styregruppen for Aktiv Ældre

Dedikér tid: Mangler
  Besvaret 2026-09-15 af Styregruppen for Aktiv Ældre
  Der er endnu ikke afsat timer til frivilligkonsulenterne

Det mangler I
"""


def test_readiness_shows_each_point_who_answered_and_advice_for_the_gap(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example's municipality: two points in place, dedicated time missing, with advice."""
    status, out, err = run(["readiness", str(example)], capsys)
    assert (status, err) == (0, "")
    assert out.startswith(READINESS_DA)
    advice = " ".join(out.removeprefix(READINESS_DA).split())
    assert advice == "Dedikér tid: " + " ".join(
        civsam.label("readiness.municipality.dedicated_time.advice").split()
    )
    assert too_wide(out) == []


def test_readiness_in_english(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--lang en: the role, points, statuses and headings in English; notes as written."""
    status, out, _ = run(["readiness", str(example), "--lang", "en"], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[:3] == [
        "Readiness: Aarhus Kommune (Municipality)",
        "As a municipality that wants to work with civil-society actors",
        "",
    ]
    assert lines[3:5] == [
        "Priority: In place",
        "  Answered 2026-09-15 by Styregruppen for Aktiv Ældre",
    ]
    assert "Dedicate time: Missing" in lines
    assert lines[lines.index("What is missing") + 1].startswith("  Dedicate time: Decide how much")


def test_readiness_when_every_point_is_in_place(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A later answer puts dedicated time in place: the three are in place, and exit is 0."""
    civsam.record(
        example,
        ReadinessAnswer(
            "dedicated_time", in_place=True, date=dt.date(2026, 10, 1), answered_by="Bo"
        ),
    )
    status, out, _ = run(["readiness", str(example)], capsys)
    assert status == 0
    assert "Dedikér tid: På plads\n  Besvaret 2026-10-01 af Bo\n" in out
    assert out.splitlines()[-1] == "Alle tre punkter er på plads."
    assert "Det mangler I" not in out


def test_readiness_of_a_civil_society_owner_not_answered_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An association that has answered nothing: its own three points, each not answered."""
    project = Project("Forening", Organisation("forening", "Foreningen", OrgKind.CIVIL_SOCIETY))
    status, out, _ = run(["readiness", str(save(tmp_path, project))], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Parathed: Foreningen (Civilsamfundsaktør)"
    answered = [line for line in lines if line.endswith(": Ikke besvaret")]
    assert answered == [
        f"{civsam.label(point.label_key)}: Ikke besvaret"
        for point in civsam.Role.CIVIL_SOCIETY.points
    ]
    gaps = lines[lines.index("Det mangler I") + 1 :]
    assert sum(not line.startswith("    ") for line in gaps) == 3


# -- plan ------------------------------------------------------------------------------------

WEEKDAYS = {
    "da": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
}
CHRISTMAS = (dt.date(2026, 12, 20), dt.date(2027, 1, 1))
"""The closed period by default, as the example's plan meets it: 20 December to New Year's Day."""
CLOSED = "Lukket fra 2026-12-20 til 2027-01-01: intet planlægges"


def paragraph(out: str, prefix: str) -> str:
    """The wrapped lines from the one starting with ``prefix``, joined again.

    The paragraph ends at a line ending a sentence ("." or ")") or before a blank line.
    """
    lines = out.splitlines()
    end = start = next(n for n, line in enumerate(lines) if line.startswith(prefix))
    while not lines[end].endswith((".", ")")) and end + 1 < len(lines) and lines[end + 1]:
        end += 1
    return " ".join(lines[start : end + 1])


def listed(names: Iterable[str], and_: str) -> str:
    """Names as the command lists them: "A, B og C"."""
    *rest, last = names
    return f"{', '.join(rest)} {and_} {last}" if rest else last


def planned(
    path: Path,
    *,
    start: dt.date | None = None,
    capacity: int | None = None,
    closed_period: tuple[str, ...] | None = None,
) -> civsam.Plan:
    """The plan ``civsam plan`` prints for the file: ranked as of the plan's first day."""
    project = civsam.load(path)
    first = start or project.plan_settings.start or dt.date.today()  # noqa: DTZ011 - as the command
    settings = project.plan_settings
    if closed_period is not None:
        settings = attrs.evolve(settings, closed_period=closed_period)
    ranking = civsam.prioritise(project, as_of=first)
    return civsam.plan(project, ranking, as_of=first, capacity=capacity, settings=settings)


def timed(schedule: civsam.Plan) -> list[dt.datetime]:
    """Every timed meeting the plan holds: first meetings and check-ins (moved ones moved)."""
    return [meeting.start for meeting in schedule.meetings] + [
        when for series in schedule.check_ins for when in series.occurrences()
    ]


def within(day: dt.date, period: tuple[dt.date, dt.date] = CHRISTMAS) -> bool:
    """Whether ``day`` falls in ``period``, first and last day included."""
    return period[0] <= day <= period[1]


def test_plan_lists_first_meetings_check_ins_and_evaluations(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example from its [planning] start: capacity and closed period, and three schedules.

    Ældre Sagen (rank 1) and Røde Kors (rank 3, at its first outreach step) are in contact
    already: they get check-ins, not first meetings. The others meet first, then check in.
    """
    status, out, err = run(["plan", str(example)], capsys)
    assert (status, err) == (0, "")
    schedule = planned(example)
    assert out.splitlines()[:6] == [
        "Plan for at række ud: Ensomhed blandt ældre i Aarhus",
        "Møder: højst 4 om ugen, opfølgninger og første møder tilsammen, på hverdage uden",
        "helligdage, fra 2026-12-07.",
        CLOSED,
        "",
        "Plan for første møder",
    ]
    meetings = section(out, "Plan for første møder")
    header = meetings[0]
    assert header.split() == [
        "Dato", "Ugedag", "Kl.", "Rang", "Potentiel", "samarbejdspartner", "Kvadrant"
    ]  # fmt: skip
    assert [meeting.rank for meeting in schedule.meetings] == [2, 4, 5, 6, 7]
    assert [row.split()[:4] for row in meetings[1:]] == [
        [f"{start:%Y-%m-%d}", WEEKDAYS["da"][start.weekday()], f"{start:%H:%M}", str(rank)]
        for start, rank in ((meeting.start, meeting.rank) for meeting in schedule.meetings)
    ]
    # Names and quadrants stand under their headings.
    assert meetings[1][header.index("Potentiel") :].startswith("Besøgstjenesten i Viby Sogn  ")
    assert meetings[1][header.index("Kvadrant") :] == "Start her"
    assert meetings[-1][header.index("Kvadrant") :] == "Diskuter"
    check_ins = section(out, "Faste opfølgninger")
    assert check_ins[0].split() == ["Potentiel", "samarbejdspartner", "Interval", "Første", "gang"]
    met = {meeting.partner.id: meeting.start for meeting in schedule.meetings}
    assert [series.partner.id for series in schedule.check_ins][:3] == [
        "aeldresagen-aarhus",
        "besoegstjenesten-viby-sogn",
        "roede-kors-aarhus",
    ]
    assert {series.partner.id for series in schedule.check_ins} == {
        "aeldresagen-aarhus",
        "roede-kors-aarhus",
        *met,
    }
    for row, series in zip(check_ins[1:], schedule.check_ins, strict=True):
        first = series.occurrences()[0]
        assert row.startswith(series.partner.name[:20])
        assert row.endswith(f"hver {series.every_weeks}. uge  {first:%Y-%m-%d %H:%M}")
        assert first > met.get(series.partner.id, first - dt.timedelta(1))
    assert section(out, "Evalueringer")[1:] == [
        "2027-02-15  mandag   Ældre Sagen Aarhus",
        "2027-05-18  tirsdag  Ældre Sagen Aarhus",  # Whit Monday is a holiday
        "2027-08-16  mandag   Ældre Sagen Aarhus",
        "2027-11-15  mandag   Ældre Sagen Aarhus",
    ]
    assert too_wide(out) == []


def test_plan_in_english_from_another_start(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--start and --lang en: headings, weekdays and intervals in English, from that day."""
    argv = ["plan", str(example), "--lang", "en", "--start", "2027-01-04"]
    status, out, _ = run(argv, capsys)
    assert status == 0
    schedule = planned(example, start=dt.date(2027, 1, 4))
    assert out.splitlines()[:5] == [
        "Outreach plan: Ensomhed blandt ældre i Aarhus",
        "Meetings: at most 4 a week, check-ins and first meetings together, on working",
        "days without holidays, from 2027-01-04.",
        "Closed from 2027-12-20 to 2028-01-01: nothing is planned",
        "",
    ]
    meetings = section(out, "Plan for first meetings")
    assert meetings[0].split() == [
        "Date", "Weekday", "Time", "Rank", "Potential", "partner", "Quadrant"
    ]  # fmt: skip
    start = schedule.meetings[0].start
    assert start.date() >= dt.date(2027, 1, 4)
    assert meetings[1].split()[:5] == [
        f"{start:%Y-%m-%d}",
        WEEKDAYS["en"][start.weekday()],
        f"{start:%H:%M}",
        "2",
        "Besøgstjenesten",
    ]
    assert meetings[1].endswith("Start here")
    series = schedule.check_ins[0]
    assert series.partner.id == "aeldresagen-aarhus"
    assert section(out, "Regular check-ins")[1].endswith(
        f"every 2 weeks  {series.occurrences()[0]:%Y-%m-%d %H:%M}"
    )
    assert section(out, "Evaluations")[1].split() == [
        "2027-02-15",
        "Monday",
        "Ældre",
        "Sagen",
        "Aarhus",
    ]
    assert too_wide(out) == []


def test_plan_with_capacity_one_has_one_meeting_a_week(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--capacity 1: never two meetings in one ISO week, first meetings and check-ins together.

    The partners in contact keep their check-ins (they come first); each partner not in
    contact gets a first meeting or is named as waiting for one, with the plan's end.
    """
    status, out, _ = run(["plan", str(example), "--capacity", "1"], capsys)
    assert status == 0
    schedule = planned(example, capacity=1)
    assert paragraph(out, "Møder:").startswith(
        "Møder: højst 1 om ugen, opfølgninger og første møder tilsammen,"
    )
    rows = [line for line in section(out, "Plan for første møder") if line[:4].isdigit()]
    assert [row.split()[:3] for row in rows] == [
        [f"{start:%Y-%m-%d}", WEEKDAYS["da"][start.weekday()], f"{start:%H:%M}"]
        for start in (meeting.start for meeting in schedule.meetings)
    ]
    weeks = Counter(when.isocalendar()[:2] for when in timed(schedule))
    assert max(weeks.values()) == 1
    assert sum(weeks.values()) > 40  # a year's plan, not an empty one
    assert schedule.crowded_out == ()
    assert {"aeldresagen-aarhus", "roede-kors-aarhus"} <= {
        series.partner.id for series in schedule.check_ins
    }
    assert {meeting.partner.id for meeting in schedule.meetings} | {
        partner.id for partner in schedule.unscheduled
    } == {
        "besoegstjenesten-viby-sogn",
        "frivilligcenter-aarhus",
        "auh-aeldrepsykiatri",
        "ensomme-gamles-vaern",
        "boligforeningen-bakkely",
    }
    assert schedule.unscheduled  # one a week is too little for everyone
    assert paragraph(out, "Venter på") == (
        f"Venter på et første møde, der ikke er plads til før {schedule.end}: "
        + listed((partner.name for partner in schedule.unscheduled), "og")
        + "."
    )
    assert too_wide(out) == []


def test_plan_without_a_start_begins_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No --start and no [planning] start: the plan starts today."""
    project = civsam.loads(
        civsam.files.bundled.example_text().replace("start = 2026-12-07\n", ""), "toml"
    )
    before = dt.date.today()  # noqa: DTZ011 - the command's own default
    status, out, _ = run(["plan", str(save(tmp_path, project))], capsys)
    after = dt.date.today()  # noqa: DTZ011
    assert status == 0
    assert paragraph(out, "Møder:").endswith((f"fra {before}.", f"fra {after}."))


def test_plan_with_nothing_to_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No assessed partners: each part says there is nothing, instead of an empty table."""
    project = Project("Tom", Organisation("kommune", "Kommune", OrgKind.MUNICIPALITY))
    status, out, _ = run(["plan", str(save(tmp_path, project)), "--start", "2026-01-05"], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[lines.index(CLOSED) :] == [
        CLOSED,
        "",
        "Plan for første møder",
        "Ingen første møder at planlægge.",
        "",
        "Faste opfølgninger",
        "(ingen)",
        "",
        "Evalueringer",
        "(ingen)",
    ]


def test_plan_keeps_the_closed_period_free(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 14: nothing from 20 December to New Year's Day, and the plan says so.

    From 14 December, first meetings, check-ins and evaluations would all fall in the
    holiday (the plan without a closed period shows it). Frivilligcenter, met on 22
    September, is due its first evaluation on 22 December: it is held on 4 January, the
    first working day after.
    """
    civsam.record(example, Touchpoint("frivilligcenter-aarhus", dt.date(2026, 9, 22), "meeting"))
    start = dt.date(2026, 12, 14)
    status, out, err = run(["plan", str(example), "--start", start.isoformat()], capsys)
    assert (status, err) == (0, "")
    assert CLOSED in out.splitlines()
    printed = [
        dt.date.fromisoformat(line[:10])
        for title in ("Plan for første møder", "Evalueringer")
        for line in section(out, title)[1:]
    ]
    schedule = planned(example, start=start)
    assert schedule.closed == (CHRISTMAS,)
    held = [when.date() for when in timed(schedule)]
    assert [day for day in [*printed, *held] if within(day)] == []
    assert ["2027-01-04", "mandag", "Frivilligcenter", "Aarhus"] in [
        line.split() for line in section(out, "Evalueringer")
    ]
    open_ = planned(example, start=start, closed_period=())
    assert open_.closed == ()
    assert any(within(meeting.start.date()) for meeting in open_.meetings)
    assert any(within(when.date()) for series in open_.check_ins for when in series.occurrences())
    assert any(within(milestone.date) for milestone in open_.milestones)


@pytest.mark.parametrize(
    ("setting", "period", "said"),
    [
        (
            'closed_period = ["07-05", "07-23"]',
            (dt.date(2027, 7, 5), dt.date(2027, 7, 23)),
            ["Lukket fra 2027-07-05 til 2027-07-23: intet planlægges"],
        ),
        ("closed_period = []", None, []),
    ],
    ids=["closed in July", "never closed"],
)
def test_plan_keeps_the_closed_period_the_file_gives(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    setting: str,
    period: tuple[dt.date, dt.date] | None,
    said: list[str],
) -> None:
    """[planning] closed_period: a team closed in July says so; ``[]`` plans through Christmas."""
    text = civsam.files.bundled.example_text().replace(
        "capacity = 4\n", f"capacity = 4\n{setting}\n"
    )
    assert setting in text
    path = tmp_path / "example.toml"
    path.write_text(text, encoding="utf-8")
    status, out, _ = run(["plan", str(path)], capsys)
    assert status == 0
    assert [line for line in out.splitlines() if line.startswith("Lukket")] == said
    schedule = planned(path)
    if period is not None:
        assert [when for when in timed(schedule) if within(when.date(), period)] == []


BUSY = (
    ("seniorklubben", "Seniorklubben Viby", 5, 5),  # start here: a check-in every 2 weeks
    ("strikkecafeen", "Strikkecaféen", 5, 2),  # discuss: every 4 weeks
    ("madklubben", "Madklubben for mænd", 5, 2),
    ("gaaholdet", "Gåholdet Brabrand", 5, 2),
)
"""Four partners in contact, (id, name, importance, ease): more than one meeting a week."""


def busy(tmp_path: Path) -> Path:
    """The four of ``BUSY``, met in November: the first on the 2nd, the others on the 23rd."""
    project = partners("Travlt", *BUSY)
    project.record(
        Touchpoint("seniorklubben", dt.date(2026, 11, 2), "meeting"),
        *(Touchpoint(partner, dt.date(2026, 11, 23), "meeting") for partner, *_ in BUSY[1:]),
    )
    return save(tmp_path, project)


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "da",
            {
                "closed": CLOSED,
                "moved": "Flyttede opfølgninger",
                "line": "  {name}: {rule} flyttet til {moved}",
                "why.closed": "i lukkeperioden",
                "why.day_off": "en helligdag eller fridag",
                "why.busy": "ugen var fuld, eller tiden var optaget",
                "crowded": (
                    "Ingen plads til opfølgninger med {names}: ugernes møder går til "
                    "samarbejdspartnere, der står højere i prioriteringen. Hæv kapaciteten, "
                    "eller følg op sjældnere ([planning] check_in_weeks)."
                ),
                "and": "og",
            },
        ),
        (
            "en",
            {
                "closed": "Closed from 2026-12-20 to 2027-01-01: nothing is planned",
                "moved": "Moved check-ins",
                "line": "  {name}: {rule} moved to {moved}",
                "why.closed": "in the closed period",
                "why.day_off": "a holiday or day off",
                "why.busy": "the week was full or the time taken",
                "crowded": (
                    "No room for check-ins with {names}: the weeks' meetings go to partners "
                    "ranked higher. Raise the capacity, or check in less often ([planning] "
                    "check_in_weeks)."
                ),
                "and": "and",
            },
        ),
    ],
)
def test_plan_with_capacity_one_moves_check_ins_and_names_those_crowded_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str, texts: dict[str, str]
) -> None:
    """Issue 14: four partners in contact, and room for one meeting a week.

    A check-in the Christmas holiday takes moves to January, and the partners left with
    no check-in at all are named, with what to do about it; both as ``civsam.plan`` has it.
    """
    path = busy(tmp_path)
    argv = ["plan", str(path), "--start", "2026-12-07", "--capacity", "1", "--lang", language]
    status, out, err = run(argv, capsys)
    assert (status, err) == (0, "")
    schedule = planned(path, start=dt.date(2026, 12, 7), capacity=1)
    assert texts["closed"] in out.splitlines()
    moved = schedule.moved_check_ins
    assert any(within(rule.date()) for _, rule, _ in moved)  # Christmas moved it
    assert [when for _, _, when in moved if within(when.date())] == []
    shown = " ".join(line.strip() for line in section(out, texts["moved"]))
    assert shown == " ".join(
        texts["line"]
        .format(
            name=series.partner.name, rule=f"{rule:%Y-%m-%d %H:%M}", moved=f"{when:%Y-%m-%d %H:%M}"
        )
        .strip()
        + f" ({texts['why.' + schedule.why_moved(rule).value]})"
        for series, rule, when in moved
    )
    assert texts["why.closed"] in shown  # Christmas moved one, and the line says so
    assert schedule.crowded_out
    names = listed((partner.name for partner in schedule.crowded_out), texts["and"])
    assert paragraph(out, texts["crowded"][:12]) == texts["crowded"].format(names=names)
    held = {series.partner.id for series in schedule.check_ins}
    assert held.isdisjoint(partner.id for partner in schedule.crowded_out)
    assert held | {partner.id for partner in schedule.crowded_out} == {id_ for id_, *_ in BUSY}
    weeks = Counter(when.isocalendar()[:2] for when in timed(schedule))
    assert max(weeks.values()) == 1
    assert too_wide(out) == []


def test_plan_says_when_the_first_check_in_is_held(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check-ins' first time is the first one held, never one in the closed period."""
    path = busy(tmp_path)
    argv = ["plan", str(path), "--start", "2026-12-07", "--capacity", "1"]
    _, out, _ = run(argv, capsys)
    schedule = planned(path, start=dt.date(2026, 12, 7), capacity=1)
    assert [row[-16:] for row in section(out, "Faste opfølgninger")[1:]] == [
        f"{series.occurrences()[0]:%Y-%m-%d %H:%M}" for series in schedule.check_ins
    ]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--capacity",
            "0",
            (
                "argument --capacity: expected a whole number of meetings a week from 1 to 40, "
                "found '0'"
            ),
        ),
        (
            "--start",
            "7/12/2026",
            (
                "argument --start: not a date civsam can plan with; found '7/12/2026'; "
                "expected a date from 1900-01-01 to 2199-12-31, such as 2026-03-01"
            ),
        ),
    ],
)
def test_plan_refuses_bad_options(
    example: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    """A capacity out of range or a date not in ISO form is wrong usage (exit 2)."""
    status, out, err = run(["plan", str(example), option, value, "--lang", "en"], capsys)
    assert (status, out) == (2, "")
    assert last_error(err) == f"civsam plan: error: {message}"


# -- log and due -----------------------------------------------------------------------------


def test_log_appends_one_touchpoint_and_keeps_every_byte(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file keeps every byte, comments included, and gains one table at its end."""
    before = example.read_bytes()
    argv = ["log", str(example), "aeldresagen-aarhus", "--date", "2027-01-10", "--kind", "call"]
    status, out, err = run([*argv, "--note", "Aftalt nyt møde"], capsys)
    assert (status, err) == (0, "")
    assert out == f"Opkald med Ældre Sagen Aarhus den 2027-01-10 er noteret i {example}.\n"
    after = example.read_bytes()
    assert after.startswith(before)
    added = after[len(before) :].decode("utf-8")
    assert added.count("[[") == 1
    assert tomllib.loads(added) == {
        "touchpoints": [
            {
                "partner": "aeldresagen-aarhus",
                "date": dt.date(2027, 1, 10),
                "kind": "call",
                "note": "Aftalt nyt møde",
            }
        ]
    }
    assert civsam.load(example).touchpoints[-1] == Touchpoint(
        "aeldresagen-aarhus", dt.date(2027, 1, 10), TouchpointKind.CALL, "Aftalt nyt møde"
    )


def test_a_second_log_appends_after_the_first(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two logs: the file is the original, then the first entry, then the second."""
    before = example.read_bytes()
    first = ["log", str(example), "aeldresagen-aarhus", "--date", "2027-01-10", "--kind", "call"]
    assert run(first, capsys)[0] == 0
    once = example.read_bytes()
    second = ["log", str(example), "Røde Kors Aarhus", "--date", "2027-01-11", "--kind", "event"]
    assert run(second, capsys)[0] == 0
    twice = example.read_bytes()
    assert once.startswith(before)
    assert twice.startswith(once)
    assert twice.count(b"[[touchpoints]]") == before.count(b"[[touchpoints]]") + 2
    assert [(t.partner, t.kind) for t in civsam.load(example).touchpoints[-2:]] == [
        ("aeldresagen-aarhus", TouchpointKind.CALL),
        ("roede-kors-aarhus", TouchpointKind.EVENT),
    ]


def test_log_in_english_by_name_ignoring_case(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A partner's name in any case and spacing finds it; --lang en confirms in English."""
    argv = ["log", str(example), "  ældre   SAGEN aarhus", "--date", "2027-01-10"]
    status, out, _ = run([*argv, "--kind", "meeting", "--lang", "en"], capsys)
    assert status == 0
    assert out == f"Meeting with Ældre Sagen Aarhus on 2027-01-10 recorded in {example}.\n"
    assert civsam.load(example).touchpoints[-1].partner == "aeldresagen-aarhus"


def test_log_to_a_json_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSON project file gets the touchpoint in its touchpoints list."""
    path = save(tmp_path, civsam.example(), "example.json")
    argv = ["log", str(path), "frivilligcenter-aarhus", "--date", "2027-01-10", "--kind", "email"]
    assert run(argv, capsys)[0] == 0
    assert json.loads(path.read_text(encoding="utf-8"))["touchpoints"][-1] == {
        "partner": "frivilligcenter-aarhus",
        "date": "2027-01-10",
        "kind": "email",
    }


DUE_DA = [
    "Kontakt, der skal følges op (2027-01-10)",
    "Potentiel samarbejdspartner  Seneste kontakt  Forfalden   Dage over tid",
    "Røde Kors Aarhus             2026-11-02       2026-11-16             55",
    "Ældre Sagen Aarhus           2026-11-16       2026-11-30             41",
]


def test_due_lists_overdue_partners(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The example's two partners in contact, every two weeks, on 10 January.

    Any contact counts: Røde Kors's last is its outreach step of 2 November (55 days
    overdue), Ældre Sagen's its review of 16 November, after the call of the 10th (41).
    """
    status, out, err = run(["due", str(example), "--today", "2027-01-10"], capsys)
    assert (status, err) == (0, "")
    assert out.splitlines() == DUE_DA


def test_due_today_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Called on 1 March, every two weeks: due "today" on 15 March; the day before nobody is."""
    project = partners("Kontakt", ("seniorklubben", "Seniorklubben Viby", 5, 5))
    project.record(Touchpoint("seniorklubben", dt.date(2027, 3, 1), "call"))
    argv = ["due", str(save(tmp_path, project)), "--lang", "en", "--today"]
    status, out, _ = run([*argv, "2027-03-15"], capsys)
    assert status == 0
    assert out.splitlines() == [
        "Contacts due (2027-03-15)",
        "Potential partner   Last contact  Due         Days overdue",
        "Seniorklubben Viby  2027-03-01    2027-03-15         today",
    ]
    _, out, _ = run([*argv, "2027-03-14"], capsys)
    assert out.splitlines() == ["Contacts due (2027-03-14)", "No contacts are due."]


def test_due_puts_the_most_overdue_first(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The most overdue first, whatever the rank.

    Røde Kors (rank 3), in contact earlier than Ældre Sagen (rank 1), comes first; after a
    call with Røde Kors on 1 December, Ældre Sagen does.
    """
    argv = ["due", str(example), "--today", "2027-01-10"]
    _, out, _ = run(argv, capsys)
    assert [line.split("  ")[0] for line in out.splitlines()[2:]] == [
        "Røde Kors Aarhus",
        "Ældre Sagen Aarhus",
    ]
    civsam.record(example, Touchpoint("roede-kors-aarhus", dt.date(2026, 12, 1), "call"))
    _, out, _ = run(argv, capsys)
    assert [line.split("  ")[0] for line in out.splitlines()[2:]] == [
        "Ældre Sagen Aarhus",
        "Røde Kors Aarhus",
    ]
    assert out.splitlines()[3].endswith("2026-12-01       2026-12-15             26")


def test_due_after_a_log_no_longer_lists_the_partner(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A logged call restarts Ældre Sagen's cadence, an outreach step Røde Kors's."""
    argv = ["log", str(example), "aeldresagen-aarhus", "--date", "2027-01-10", "--kind", "call"]
    assert run(argv, capsys)[0] == 0
    due = ["due", str(example), "--today", "2027-01-10"]
    status, out, _ = run(due, capsys)
    assert status == 0
    assert out.splitlines() == [*DUE_DA[:3]]
    argv = ["step", str(example), "roede-kors-aarhus", "their_agenda", "--date", "2027-01-10"]
    assert run(argv, capsys)[0] == 0
    _, out, _ = run(due, capsys)
    assert out.splitlines() == [DUE_DA[0], "Ingen kontakter er forfaldne."]


def test_due_counts_reviews_and_outreach_steps_unless_told_otherwise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three partners last called in June; one reviewed since, one at an outreach step since.

    By default only the one with nothing since is due; with ``[planning] contact_kinds``
    of the touchpoint kinds alone, all three are, each from the call in June.
    """
    called = (
        ("seniorklubben", "Seniorklubben Viby", 5, 5),
        ("strikkecafeen", "Strikkecaféen", 5, 5),
        ("madklubben", "Madklubben for mænd", 5, 5),
    )
    project = partners("Kontakt", *called)
    june = dt.date(2026, 6, 1)
    project.record(
        *(Touchpoint(partner, june, "call") for partner, *_ in called),
        Review(
            "strikkecafeen",
            dt.date(2027, 1, 5),
            (ItemReview(ChecklistItem.TALK_OFTEN, ItemStatus.GREEN),),
        ),
        OutreachEntry("madklubben", OutreachStep.SHARED_GOALS, dt.date(2027, 1, 6)),
    )
    argv = ["due", str(save(tmp_path, project)), "--today", "2027-01-10"]
    _, out, _ = run(argv, capsys)
    rows = out.splitlines()[2:]
    assert [row.split("  ")[0] for row in rows] == ["Seniorklubben Viby"]
    assert rows[0].split()[-3:] == ["2026-06-01", "2026-06-15", "209"]
    project.plan_settings = civsam.PlanSettings(contact_kinds=("meeting", "call", "email", "event"))
    argv[1] = str(save(tmp_path, project, "touchpoints-only.toml"))
    _, out, _ = run(argv, capsys)
    rows = out.splitlines()[2:]
    assert sorted(row.split("  ")[0] for row in rows) == [
        "Madklubben for mænd",
        "Seniorklubben Viby",
        "Strikkecaféen",
    ]
    assert {tuple(row.split()[-3:]) for row in rows} == {("2026-06-01", "2026-06-15", "209")}


LOG = ["--date", "2027-01-10", "--kind", "call"]


@pytest.mark.parametrize(
    ("partner", "message"),
    [
        (
            "Røde Kors",
            (
                "partner 'Røde Kors': no organisation has this id or name; did you mean "
                "'roede-kors-aarhus' (Røde Kors Aarhus)?"
            ),
        ),
        (
            "viby",
            (
                "partner 'viby': no organisation has this id or name; did you mean "
                "'besoegstjenesten-viby-sogn' (Besøgstjenesten i Viby Sogn), "
                "'pensionistklubben-solsikken' (Pensionistklubben Solsikken, Viby) or "
                "'koebmand-holm-viby' (Købmand Holm, Viby)?"
            ),
        ),
        ("zzz", "partner 'zzz': no organisation has this id or name"),
        (
            "Aarhus Kommune",
            (
                "partner 'Aarhus Kommune': Aarhus Kommune is the project's owner, "
                "not one of its partners"
            ),
        ),
    ],
    ids=["close name", "part of names", "nothing near", "the owner"],
)
def test_an_unknown_partner_is_invalid_input(
    example: Path, capsys: pytest.CaptureFixture[str], partner: str, message: str
) -> None:
    """Exit 1, with the nearest partners by id and name; the file is unchanged."""
    before = example.read_bytes()
    status, out, err = run(["log", str(example), partner, *LOG, "--lang", "en"], capsys)
    assert (status, out, err) == (1, "", f"civsam: {message}\n")
    assert example.read_bytes() == before


def test_an_ambiguous_name_is_invalid_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two partners of one name: exit 1, listing both ids; the id itself works.

    The project is Danish, and so is the message; --lang en says it in English.
    """
    path = save(tmp_path, twins())
    status, out, err = run(["log", str(path), "seniorklubben", *LOG], capsys)
    assert (status, out, err) == (
        1,
        "",
        (
            "civsam: samarbejdspartner 'seniorklubben': 2 organisationer har dette navn: "
            "'klub-nord' (Seniorklubben) og 'klub-syd' (SENIORKLUBBEN); angiv id i stedet\n"
        ),
    )
    status, out, err = run(["log", str(path), "seniorklubben", *LOG, "--lang", "en"], capsys)
    assert (status, out, err) == (
        1,
        "",
        (
            "civsam: partner 'seniorklubben': 2 organisations have this name: "
            "'klub-nord' (Seniorklubben) and 'klub-syd' (SENIORKLUBBEN); give the id instead\n"
        ),
    )
    assert run(["log", str(path), "klub-syd", *LOG], capsys)[0] == 0
    assert run(["log", str(path), "røde kors", *LOG], capsys)[0] == 0
    assert [t.partner for t in civsam.load(path).touchpoints] == ["klub-syd", "roede-kors"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--date", "2027-02-30", "--kind", "call"],
            (
                "argument --date: not a date civsam can plan with; found '2027-02-30'; "
                "expected a date from 1900-01-01 to 2199-12-31, such as 2026-03-01"
            ),
        ),
        (
            ["--date", "2027-01-10", "--kind", "visit"],
            "argument --kind: unknown kind 'visit'; expected one of meeting, call, email, event",
        ),
        (["--kind", "call"], "the following arguments are required: --date"),
    ],
    ids=["bad date", "bad kind", "no date"],
)
def test_log_usage_errors(
    example: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    """A bad date, an unknown kind or no --date: exit 2, and the file is unchanged."""
    before = example.read_bytes()
    argv = ["log", str(example), "aeldresagen-aarhus", *options, "--lang", "en"]
    status, out, err = run(argv, capsys)
    assert (status, out) == (2, "")
    assert last_error(err) == f"civsam log: error: {message}"
    assert example.read_bytes() == before


def test_log_takes_a_danish_kind_and_refuses_in_danish(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--kind møde is a meeting, --kind Telefon a call; an unknown kind lists the Danish words."""
    argv = ["log", str(example), "aeldresagen-aarhus", "--date", "2027-01-10", "--kind"]
    assert run([*argv, "møde"], capsys)[:2] == (
        0,
        f"Møde med Ældre Sagen Aarhus den 2027-01-10 er noteret i {example}.\n",
    )
    assert run([*argv, "Telefon"], capsys)[0] == 0
    kinds = [touchpoint.kind for touchpoint in civsam.load(example).touchpoints[-2:]]
    assert kinds == [TouchpointKind.MEETING, TouchpointKind.CALL]
    before = example.read_bytes()
    status, out, err = run([*argv, "besøg"], capsys)
    assert (status, out) == (2, "")
    assert last_error(err) == (
        "civsam log: fejl: --kind: ukendt kontaktform 'besøg'; "
        "brug en af disse: møde, opkald, mail, arrangement"
    )
    assert example.read_bytes() == before


def test_due_refuses_a_bad_date(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--today that is not a date: exit 2."""
    status, _, err = run(["due", str(example), "--today", "i morgen", "--lang", "en"], capsys)
    assert status == 2
    assert last_error(err) == (
        "civsam due: error: argument --today: not a date civsam can plan with; found 'i morgen'; "
        "expected a date from 1900-01-01 to 2199-12-31, such as 2026-03-01"
    )


@pytest.mark.parametrize(
    "command",
    [
        ["readiness"],
        ["plan"],
        ["due"],
        ["checklist", "x"],
        ["log", "x", *LOG],
        ["step", "x", "shared_goals", "--date", "2027-01-10"],
        ["review", "x", "--date", "2027-01-10", "talk_often=green"],
        ["introductions", "x"],
    ],
    ids=lambda command: command[0],
)
def test_an_invalid_project_file_is_invalid_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """Every command reports every problem in the file, with its line, and exits 1."""
    path = tmp_path / "bad.toml"
    path.write_text(INVALID_PROJECT, encoding="utf-8")
    status, out, err = run([command[0], str(path), *command[1:], "--lang", "en"], capsys)
    assert (status, out) == (1, "")
    assert err.startswith(f"civsam: 4 problems in {path}:\n")
    assert f"{path}:8: organisations[0].kind: wrong value; found text 'kommune'" in err
    assert f"{path}:12: assessments[0].importance: wrong value; found number 9" in err
    assert path.read_text(encoding="utf-8") == INVALID_PROJECT


# -- step ------------------------------------------------------------------------------------


def test_step_records_the_next_outreach_step(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Røde Kors, at shared goals, moves on to their agenda; the step is appended."""
    before = example.read_bytes()
    argv = ["step", str(example), "roede-kors-aarhus", "their_agenda", "--date", "2027-01-11"]
    status, out, err = run([*argv, "--note", "Deres strategi"], capsys)
    assert (status, err) == (0, "")
    assert out == (
        "Røde Kors Aarhus: trinnet »Tal ind i hinandens dagsorden« den 2027-01-11 "
        f"er noteret i {example}.\n"
    )
    assert example.read_bytes().startswith(before)
    project = civsam.load(example)
    assert project.outreach_step("roede-kors-aarhus") is OutreachStep.THEIR_AGENDA
    assert project.outreach[-1].note == "Deres strategi"


def test_step_takes_a_danish_step(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The step's Danish word, deres_dagsorden, is their_agenda."""
    argv = ["step", str(example), "roede-kors-aarhus", "deres_dagsorden", "--date", "2027-01-11"]
    assert run(argv, capsys)[0] == 0
    assert civsam.load(example).outreach_step("roede-kors-aarhus") is OutreachStep.THEIR_AGENDA


def test_step_ended_in_english(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ending an approach is a step too, named "Ended"."""
    argv = ["step", str(example), "Røde Kors Aarhus", "ended", "--date", "2027-01-11"]
    status, out, _ = run([*argv, "--lang", "en"], capsys)
    assert status == 0
    assert out == f"Røde Kors Aarhus: the step “Ended” on 2027-01-11 recorded in {example}.\n"


def test_a_step_not_allowed_names_the_allowed_ones(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From shared goals straight to prepare: exit 1, naming their_agenda and ended."""
    before = example.read_bytes()
    argv = ["step", str(example), "roede-kors-aarhus", "prepare", "--date", "2027-01-11"]
    status, out, err = run([*argv, "--lang", "en"], capsys)
    assert (status, out) == (1, "")
    assert err == (
        f"civsam: 1 problem in {example}:\n"
        f"  {example}: outreach.step: 'roede-kors-aarhus' cannot go from shared_goals to "
        "prepare; found 'prepare'; expected one of their_agenda, ended\n"
    )
    assert example.read_bytes() == before


def test_an_unknown_step_is_wrong_usage(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """not_started is never recorded, so it is not a choice either: in Danish, and in English."""
    argv = ["step", str(example), "roede-kors-aarhus", "not_started", "--date", "2027-01-11"]
    status, _, err = run(argv, capsys)
    assert status == 2
    assert last_error(err) == (
        "civsam step: fejl: TRIN: ukendt trin 'not_started'; brug en af disse: "
        "fælles_mål, deres_dagsorden, forbered, vedligehold_kontakten, afsluttet"
    )
    status, _, err = run([*argv, "--lang", "en"], capsys)
    assert status == 2
    assert last_error(err) == (
        "civsam step: error: argument STEP: unknown step 'not_started'; expected one of "
        "shared_goals, their_agenda, prepare, maintain_contact, ended"
    )


# -- review and checklist --------------------------------------------------------------------

CHECKLIST_DA = """\
Tjekliste til godt samarbejde: Samarbejdet med Ældre Sagen Aarhus
Seneste evaluering: 2026-11-16
Næste evaluering: 2027-02-15
3 af 6 punkter på plads

Punkt                      Status     Udvikling
Find fælles grund          Grøn       Ny
Vær åben for forskelle     Sat kryds  Ny
Snak sammen ofte           Gul        Ny
    Kun ét møde siden oktober
Evaluer og juster løbende  Rød        Ny
    Ingen evalueringsplan endnu
Få ledelsen med            Grøn       Ny
Aftal spillereglerne       Gul        Ny
    Hvem rekrutterer besøgsvennerne?

Dagsorden for næste evaluering
  - Evaluer og juster løbende (Rød)
  - Snak sammen ofte (Gul)
  - Aftal spillereglerne (Gul)
"""


def test_checklist_shows_each_item_and_the_agenda(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example's one review: statuses, notes, done count and reds before ambers."""
    status, out, err = run(["checklist", str(example), "aeldresagen-aarhus"], capsys)
    assert (status, err) == (0, "")
    assert out == CHECKLIST_DA


def test_review_records_a_review_and_the_checklist_shows_the_trend(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two items better, one with a note: recorded, and shown in English with trends."""
    before = example.read_bytes()
    argv = ["review", str(example), "Ældre Sagen Aarhus", "--date", "2027-01-15"]
    items = ["talk_often=green", "evaluate_and_adjust=amber:Plan aftalt: prøves i marts"]
    status, out, err = run([*argv, *items], capsys)
    assert (status, err) == (0, "")
    assert out == (
        "Evalueringen af samarbejdet med Ældre Sagen Aarhus den 2027-01-15 "
        f"er noteret i {example}.\n"
    )
    assert example.read_bytes().startswith(before)
    assert civsam.load(example).reviews[-1] == Review(
        "aeldresagen-aarhus",
        dt.date(2027, 1, 15),
        (
            ItemReview(ChecklistItem.TALK_OFTEN, ItemStatus.GREEN),
            ItemReview(
                ChecklistItem.EVALUATE_AND_ADJUST, ItemStatus.AMBER, "Plan aftalt: prøves i marts"
            ),
        ),
    )
    status, out, _ = run(["checklist", str(example), "aeldresagen-aarhus", "--lang", "en"], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[:4] == [
        "Checklist for good collaboration: The partnership with Ældre Sagen Aarhus",
        "Last review: 2027-01-15",
        "Next review: 2027-04-16",
        "4 of 6 items in place",
    ]
    assert "Talk often                        Green   Better" in lines
    assert "Evaluate and adjust continuously  Amber   Better" in lines
    assert "    Plan aftalt: prøves i marts" in lines
    assert "Find common ground                Green   New" in lines
    assert lines[lines.index("Agenda for the next review") + 1 :] == [
        "  - Evaluate and adjust continuously (Amber)",
        "  - Agree on the ground rules (Amber)",
    ]


def test_checklist_of_a_partnership_not_reviewed(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not reviewed yet: every item "Ikke vurderet", no dates and no agenda."""
    status, out, _ = run(["checklist", str(example), "frivilligcenter-aarhus"], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[:3] == [
        "Tjekliste til godt samarbejde: Samarbejdet med Frivilligcenter Aarhus",
        "Ikke evalueret endnu.",
        "0 af 6 punkter på plads",
    ]
    assert [line.split("  ")[-1].strip() for line in lines[5:]] == ["Ikke vurderet"] * 6
    assert "Dagsorden for næste evaluering" not in out


def test_checklist_of_an_unknown_partner(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 1 with the nearest partner, in the project's language."""
    status, out, err = run(["checklist", str(example), "aeldresagen"], capsys)
    assert (status, out) == (1, "")
    assert err == (
        "civsam: samarbejdspartner 'aeldresagen': ingen organisation har dette id eller navn; "
        "mente du 'aeldresagen-aarhus' (Ældre Sagen Aarhus)?\n"
    )


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (
            ["talk_ofte=green"],
            (
                "argument ITEM=STATUS[:NOTE]: unknown checklist item 'talk_ofte'; expected one of "
                "common_ground, open_to_differences, talk_often, evaluate_and_adjust, leadership, "
                "rules_of_play"
            ),
        ),
        (
            ["talk_often=gren"],
            (
                "argument ITEM=STATUS[:NOTE]: unknown status 'gren'; "
                "expected one of ticked, green, amber, red"
            ),
        ),
        (
            ["talk_often"],
            (
                "argument ITEM=STATUS[:NOTE]: expected ITEM=STATUS or ITEM=STATUS:NOTE, such as "
                "talk_often=amber, found 'talk_often'"
            ),
        ),
    ],
    ids=["unknown item", "unknown status", "no status"],
)
def test_review_refuses_unknown_items_and_statuses(
    example: Path, capsys: pytest.CaptureFixture[str], items: list[str], message: str
) -> None:
    """Exit 2 with the allowed values; the file is unchanged."""
    before = example.read_bytes()
    argv = ["review", str(example), "aeldresagen-aarhus", "--date", "2027-01-15", *items]
    status, out, err = run([*argv, "--lang", "en"], capsys)
    assert (status, out) == (2, "")
    assert last_error(err) == f"civsam review: error: {message}"
    assert example.read_bytes() == before


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (
            ["snak_sammen_oft=grøn"],
            (
                "PUNKT=STATUS[:NOTE]: ukendt punkt på tjeklisten 'snak_sammen_oft'; "
                "brug en af disse: fælles_grund, åben_for_forskelle, snak_sammen_ofte, "
                "evaluer_og_juster, ledelsen, spilleregler"
            ),
        ),
        (
            ["snak_sammen_ofte=grå"],
            (
                "PUNKT=STATUS[:NOTE]: ukendt status 'grå'; "
                "brug en af disse: afkrydset, grøn, gul, rød"
            ),
        ),
        (
            ["snak_sammen_ofte"],
            (
                "PUNKT=STATUS[:NOTE]: forventede PUNKT=STATUS eller PUNKT=STATUS:NOTE, "
                "fx snak_sammen_ofte=gul, fandt 'snak_sammen_ofte'"
            ),
        ),
    ],
    ids=["unknown item", "unknown status", "no status"],
)
def test_review_refuses_unknown_items_and_statuses_in_danish(
    example: Path, capsys: pytest.CaptureFixture[str], items: list[str], message: str
) -> None:
    """The Danish project's user is told in Danish, with the Danish words to use."""
    before = example.read_bytes()
    argv = ["review", str(example), "aeldresagen-aarhus", "--date", "2027-01-15", *items]
    status, out, err = run(argv, capsys)
    assert (status, out) == (2, "")
    assert err.startswith("brug: civsam review ")
    assert last_error(err) == f"civsam review: fejl: {message}"
    assert example.read_bytes() == before


def test_review_takes_danish_and_english_words(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Items and statuses in Danish, in English, or by the status's label: one review."""
    argv = ["review", str(example), "aeldresagen-aarhus", "--date", "2027-01-15"]
    items = ["snak_sammen_ofte=gul:Kun ét møde", "Ledelsen=sat kryds", "rules_of_play=yellow"]
    status, _, err = run([*argv, *items], capsys)
    assert (status, err) == (0, "")
    assert civsam.load(example).reviews[-1].items == (
        ItemReview(ChecklistItem.TALK_OFTEN, ItemStatus.AMBER, "Kun ét møde"),
        ItemReview(ChecklistItem.LEADERSHIP, ItemStatus.TICKED),
        ItemReview(ChecklistItem.RULES_OF_PLAY, ItemStatus.AMBER),
    )


def test_review_refuses_an_item_given_twice(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """talk_often twice in one review: exit 2, naming the item."""
    argv = ["review", str(example), "aeldresagen-aarhus", "--date", "2027-01-15", "--lang", "en"]
    status, out, err = run([*argv, "talk_often=red", "talk_often=green"], capsys)
    assert (status, out) == (2, "")
    assert err == "civsam: Review.items: expected each item once, found talk_often more than once\n"


# -- introductions ---------------------------------------------------------------------------

INTRODUCTIONS_DA = """\
Hvem kan introducere jer til Købmand Holm, Viby?

Vej 1: Aarhus Kommune → Frivilligcenter Aarhus
  → Pensionistklubben Solsikken, Viby → Købmand Holm, Viby
  Aarhus Kommune → Frivilligcenter Aarhus: Langsigtet partnerskab
  Frivilligcenter Aarhus → Pensionistklubben Solsikken, Viby: Brobygning
  Pensionistklubben Solsikken, Viby → Købmand Holm, Viby: Deling af ressourcer

Mulige medansøgere
  Pensionistklubben Solsikken, Viby: Deling af ressourcer

Brobyggere i netværket
  Frivilligcenter Aarhus
  Ældre Sagen Aarhus
  Pensionistklubben Solsikken, Viby
  Røde Kors Aarhus
"""


def test_introductions_show_the_path_with_each_hops_relations(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Købmand Holm, three hops away: the path broken before an arrow, co-applicants, brokers."""
    argv = ["introductions", str(example), "Købmand Holm, Viby", "--today", "2026-12-07"]
    status, out, err = run(argv, capsys)
    assert (status, err) == (0, "")
    assert out == INTRODUCTIONS_DA
    assert too_wide(out) == []


def test_introductions_in_english(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--lang en: the title, the relation kinds and the headings in English."""
    argv = ["introductions", str(example), "ensomme-gamles-vaern", "--lang", "en"]
    status, out, _ = run([*argv, "--today", "2026-12-07"], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[:6] == [
        "Who can introduce you to Ensomme Gamles Værn?",
        "",
        "Path 1: Aarhus Kommune → Ældre Sagen Aarhus → Ensomme Gamles Værn",
        "  Aarhus Kommune → Ældre Sagen Aarhus: Long-term partnership, Previous project",
        "    collaboration",
        "  Ældre Sagen Aarhus → Ensomme Gamles Værn: Previous project collaboration",
    ]
    assert lines[lines.index("Possible co-applicants") + 1] == (
        "  Ældre Sagen Aarhus: Previous project collaboration"
    )
    assert "Brokers in the network" in lines


def test_introductions_to_a_partner_you_know_or_cannot_reach(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A direct relation says so; a partner no relation reaches has no path and no co-applicant."""
    argv = ["introductions", str(example), "--today", "2026-12-07"]
    _, out, _ = run([*argv[:2], "aeldresagen-aarhus", *argv[2:]], capsys)
    assert out.splitlines()[1:4] == [
        "I kender allerede Ældre Sagen Aarhus direkte.",
        "",
        "Vej 1: Aarhus Kommune → Ældre Sagen Aarhus",
    ]
    status, out, _ = run([*argv[:2], "oestjysk-taxa", *argv[2:]], capsys)
    assert status == 0
    assert out.splitlines()[:5] == [
        "Hvem kan introducere jer til Østjysk Taxa?",
        "Ingen vej gennem jeres kendte relationer.",
        "",
        "Mulige medansøgere",
        "  Ingen etablerede organisationer er knyttet til Østjysk Taxa.",
    ]


def test_introductions_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two ways in, through A or B: both by default, one with --limit 1; 0 is wrong usage."""
    owner = Organisation("kommune", "Kommune", OrgKind.MUNICIPALITY)
    project = Project(
        "To veje",
        owner,
        organisations=[Organisation(i, i.upper()) for i in ("a", "b", "mål")],
        relations=[
            civsam.Relation("kommune", "a", "partnership"),
            civsam.Relation("a", "mål", "co_creation"),
            civsam.Relation("kommune", "b", "acquaintance"),
            civsam.Relation("mål", "b", "bridge_building"),
        ],
    )
    path = str(save(tmp_path, project))
    _, out, _ = run(["introductions", path, "mål"], capsys)
    assert [line for line in out.splitlines() if line.startswith("Vej")] == [
        "Vej 1: Kommune → A → MÅL",
        "Vej 2: Kommune → B → MÅL",
    ]
    assert "  B → MÅL: Brobygning" in out.splitlines()
    _, out, _ = run(["introductions", path, "mål", "--limit", "1"], capsys)
    assert [line for line in out.splitlines() if line.startswith("Vej")] == [
        "Vej 1: Kommune → A → MÅL"
    ]
    status, out, err = run(["introductions", path, "mål", "--limit", "0", "--lang", "en"], capsys)
    assert (status, out) == (2, "")
    assert last_error(err) == (
        "civsam introductions: error: argument --limit: expected a whole number, 1 or more, "
        "found '0'"
    )


def test_introductions_to_the_owner_or_nobody(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The owner and an unknown partner are invalid input (exit 1), said in Danish."""
    status, out, err = run(["introductions", str(example), "aarhus-kommune"], capsys)
    assert (status, out) == (1, "")
    assert err == (
        "civsam: samarbejdspartner 'aarhus-kommune': Aarhus Kommune er projektets ejer, "
        "ikke en af dets samarbejdspartnere\n"
    )
    status, _, err = run(["introductions", str(example), "Østjysk Taxi"], capsys)
    assert status == 1
    assert err == (
        "civsam: samarbejdspartner 'Østjysk Taxi': ingen organisation har dette id eller navn; "
        "mente du 'oestjysk-taxa' (Østjysk Taxa)?\n"
    )
