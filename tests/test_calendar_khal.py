"""Export 1, then export 2 over it, into real calendar programs: they update, not add.

A subscribed or re-imported calendar keeps what an export no longer has, so an event no
longer planned must come once more, cancelled, and a moved check-in must replace its
series' occurrence, not add one. Checked with khal (Debian's package: ``apt-get install
khal``, which ``.ci/run`` installs), which replaces an event of the same UID on
``import --batch``, and with what an importing program built on the Python readers sees:
``icalendar`` with ``recurring_ical_events``, and the validating ``vobject``.

What khal shows, precisely: a cancelled event stays in the list with ``CANCELLED ``
before it (its default formats begin with ``{cancelled}``); an import never deletes, so
it stays so after a third export leaves it out. The khal tests are ``slow`` (khal lists
a year in about a second, several times).
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import icalendar
import pytest
import recurring_ical_events  # type: ignore[import-untyped]
import vobject  # type: ignore[import-untyped]

import civsam
from civsam import Plan, Report, Touchpoint, label
from civsam_exporters.calendar import uid

KHAL = shutil.which("khal")
DAY = dt.timedelta(days=1)


# -- the calendars under test --------------------------------------------------------------------


class Khal:
    """A fresh khal: its own configuration, one vdir calendar and database in ``folder``."""

    def __init__(self, program: str, folder: Path) -> None:
        self.program = program
        self.folder = folder
        (folder / "calendar").mkdir()
        self.config = folder / "khal.conf"
        self.config.write_text(
            "[calendars]\n"
            "[[plan]]\n"
            f"path = {folder / 'calendar'}\n"
            "type = calendar\n"
            "[locale]\n"
            "timeformat = %H:%M\n"
            "dateformat = %Y-%m-%d\n"
            "longdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\n"
            "longdatetimeformat = %Y-%m-%d %H:%M\n"
            "local_timezone = Europe/Copenhagen\n"
            "default_timezone = Europe/Copenhagen\n"
            "[sqlite]\n"
            f"path = {folder / 'khal.db'}\n",
            encoding="utf-8",
        )
        self.imports = 0

    def run(self, *args: str) -> str:
        """Run khal; a failure fails the test with khal's own words."""
        env = {
            **os.environ,
            "HOME": str(self.folder),
            "XDG_CONFIG_HOME": str(self.folder),
            "XDG_DATA_HOME": str(self.folder),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TZ": "Europe/Copenhagen",
        }
        done = subprocess.run(  # noqa: S603 - our own arguments
            [self.program, "-c", str(self.config), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, f"khal {args[0]}: {done.stderr}"
        return done.stdout

    def import_(self, data: bytes) -> None:
        """``khal import --batch``: an event of a UID it has already is replaced."""
        self.imports += 1
        path = self.folder / f"export-{self.imports}.ics"
        path.write_bytes(data)
        self.run("import", "--batch", str(path))

    def listing(self, plan: Plan) -> collections.Counter[str]:
        """``khal list`` over the plan: ``[CANCELLED ]start title`` per occurrence."""
        first, last = plan.start - 7 * DAY, plan.end + 60 * DAY
        shown = self.run(
            "list", "--format", "{cancelled}{start} {title}", "--day-format", "",
            f"{first:%Y-%m-%d}", f"{last:%Y-%m-%d}",
        )  # fmt: skip
        return collections.Counter(line for line in shown.splitlines() if line.strip())

    def default_list(self, day: dt.date) -> list[str]:
        """``khal list`` of one day in khal's own format, as a coordinator sees it."""
        return self.run("list", f"{day:%Y-%m-%d}", f"{day + DAY:%Y-%m-%d}").splitlines()


@pytest.fixture
def khal(tmp_path: Path) -> Khal:
    """A fresh khal, or a skip saying why there is none."""
    if KHAL is None:
        pytest.skip("khal is not installed (apt-get install khal; .ci/run installs it)")
    return Khal(KHAL, tmp_path)


class Store:
    """An importing calendar built on ``icalendar``: per UID, the newest SEQUENCE wins.

    A series and its overrides share a UID and are replaced together, as RFC 5546's
    PUBLISH has it and as khal, Outlook and Google do on import.
    """

    def __init__(self) -> None:
        self.events: dict[str, list[Any]] = {}

    def import_(self, data: bytes) -> None:
        """Take each series of ``data`` whose SEQUENCE is at least the one held."""
        calendar = icalendar.Calendar.from_ical(data)
        found: dict[str, list[Any]] = {}
        for event in calendar.walk("VEVENT"):
            assert event.errors == []
            found.setdefault(str(event["UID"]), []).append(event)
        for key, events in found.items():
            sequence = max(int(event["SEQUENCE"]) for event in events)
            held = self.events.get(key)
            if held is None or sequence >= max(int(event["SEQUENCE"]) for event in held):
                self.events[key] = events

    def occurrences(self, plan: Plan) -> collections.Counter[str]:
        """Every occurrence, as khal lists them: ``[CANCELLED ]start title``."""
        calendar = icalendar.Calendar()
        for events in self.events.values():
            for event in events:
                calendar.add_component(event)
        found = recurring_ical_events.of(calendar).between(
            plan.start - 7 * DAY, plan.end + 60 * DAY
        )
        return collections.Counter(
            _line(o["DTSTART"].dt, str(o["SUMMARY"]), _cancelled(o)) for o in found
        )


def _cancelled(event: Any) -> bool:
    return str(event.get("STATUS", "")) == "CANCELLED"


def _line(start: dt.date, title: str, cancelled: bool = False) -> str:  # noqa: FBT001, FBT002
    """One occurrence as khal lists it with ``{cancelled}{start} {title}``."""
    when = f"{start:%Y-%m-%d %H:%M}" if isinstance(start, dt.datetime) else f"{start:%Y-%m-%d}"
    return f"{'CANCELLED ' if cancelled else ''}{when} {title}"


def planned(report: Report) -> collections.Counter[str]:
    """What the calendar must show as live: the plan, occurrence by occurrence."""
    plan, language = report.plan, report.language
    lines: collections.Counter[str] = collections.Counter()
    for meeting in plan.meetings:
        lines[
            _line(meeting.start, label("plan.first_meeting", language, name=meeting.partner.name))
        ] += 1
    for series in plan.check_ins:
        title = label("plan.check_in", language, name=series.partner.name)
        lines.update(_line(when, title) for when in series.occurrences())
    for milestone in plan.milestones:
        lines[
            _line(milestone.date, label("plan.evaluation", language, name=milestone.partner.name))
        ] += 1
    return lines


# -- the scenarios -------------------------------------------------------------------------------


def _met(report: Report) -> str:
    """The partner of the plan's first first meeting."""
    return report.plan.meetings[0].partner.id


def _stale() -> tuple[bytes, bytes, bytes, Report, str]:
    """Export 1; a touchpoint makes a first meeting unneeded; export 2 and 3 over it.

    Returns the three exports, the report of the last two and the cancelled meeting's line.
    """
    project = civsam.example()
    before = civsam.make_report(project)
    partner = _met(before)
    meeting = before.plan.meeting(partner)
    assert meeting is not None
    one = civsam.export(before, "ics")
    project.record(Touchpoint(partner, before.plan.start - DAY, "call"))
    report = civsam.make_report(project, previous=one)
    two = civsam.export(report, "ics")
    three = civsam.export(civsam.make_report(project, previous=two), "ics")
    title = label("plan.first_meeting", name=meeting.partner.name)
    return one, two, three, civsam.make_report(project), _line(meeting.start, title, True)


def _moved_plan(report: Report) -> tuple[Plan, dt.datetime, dt.datetime, str]:
    """The report's plan with one more check-in moved: its third, a day and an hour later."""
    plan = report.plan
    series = plan.check_ins[0]
    rule_time = next(when for when in series.occurrences()[2:] if when not in dict(series.moved))
    new_time = rule_time + dt.timedelta(days=1, hours=1)
    moved = attrs.evolve(series, moved=tuple(sorted((*series.moved, (rule_time, new_time)))))
    plan = attrs.evolve(plan, check_ins=(moved, *plan.check_ins[1:]))
    return plan, rule_time, new_time, label("plan.check_in", name=series.partner.name)


def _moved() -> tuple[bytes, bytes, Report, Plan, str, str]:
    """Export 1 as planned, export 2 with a check-in moved (a hand-made plan), over it.

    Returns both exports, a report, the moved plan and the check-in's line at its rule's
    time and at its new time.
    """
    project = civsam.example()
    report = civsam.make_report(project)
    one = civsam.export(report, "ics")
    plan, rule_time, new_time, title = _moved_plan(report)
    with mock.patch.object(civsam.Report, "plan", property(lambda _: plan)):
        two = civsam.export(civsam.make_report(project, previous=one), "ics")
        moved_report = civsam.make_report(project)
        expected = planned(moved_report)
    assert expected[_line(new_time, title)] == 1
    return one, two, report, plan, _line(rule_time, title), _line(new_time, title)


# -- khal --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_khal_shows_a_stale_first_meeting_as_cancelled_then_keeps_it_so(khal: Khal) -> None:
    """Import export 1, then 2: the plan's events once each, the stale one only CANCELLED.

    Before, export 2 lacked the meeting, and khal kept it as a live, double-booked one.
    """
    one, two, three, report, stale = _stale()
    live = stale.removeprefix("CANCELLED ")
    day, title = dt.date.fromisoformat(live[:10]), live.split(" ", 2)[2]

    def shown_on_the_day() -> list[str]:
        """The meeting's lines in khal's own format: ``10:00-11:00 Første møde: …``."""
        return [line for line in khal.default_list(day) if f" {title} " in line]

    khal.import_(one)
    (line,) = shown_on_the_day()
    assert line.startswith(f"{live[11:16]}-"), "export 1 planned it"
    khal.import_(two)
    (line,) = shown_on_the_day()
    assert line.startswith(f"CANCELLED {live[11:16]}-"), "khal marks it, in its own format"
    shown = khal.listing(report.plan)
    assert shown == planned(report) + collections.Counter([stale])
    assert shown[live] == 0, "not shown as a live event"
    assert max(shown.values()) == 1, "no duplicates"
    khal.import_(three)
    assert khal.listing(report.plan) == shown, "an import never deletes: still CANCELLED"


@pytest.mark.slow
def test_khal_shows_a_moved_check_in_at_its_new_time_only(khal: Khal) -> None:
    """Import export 1, then 2 with a moved check-in: at the new time, not at the rule's."""
    one, two, _, plan, at_rule, at_new = _moved()
    khal.import_(one)
    before = khal.listing(plan)
    assert before[at_rule] == 1
    assert before[at_new] == 0
    khal.import_(two)
    shown = khal.listing(plan)
    assert shown[at_rule] == 0
    assert shown[at_new] == 1
    assert sum(shown.values()) == sum(before.values()), "moved, not added"
    assert shown == before - collections.Counter([at_rule]) + collections.Counter([at_new])


# -- icalendar with recurring_ical_events, and vobject --------------------------------------------


def test_an_icalendar_import_sees_the_same_as_khal() -> None:
    """Newest SEQUENCE per UID wins: the plan live, the stale meeting CANCELLED, once."""
    one, two, three, report, stale = _stale()
    store = Store()
    store.import_(one)
    store.import_(two)
    expected = planned(report) + collections.Counter([stale])
    assert store.occurrences(report.plan) == expected
    store.import_(three)
    assert store.occurrences(report.plan) == expected
    fresh = Store()
    fresh.import_(two)
    assert fresh.occurrences(report.plan) == expected, "a first import of export 2 too"


def test_an_icalendar_import_puts_a_moved_check_in_at_its_new_time() -> None:
    """recurring_ical_events over the imported series: the override replaces its occurrence."""
    one, two, _, plan, at_rule, at_new = _moved()
    store = Store()
    store.import_(one)
    before = store.occurrences(plan)
    store.import_(two)
    after = store.occurrences(plan)
    assert after == before - collections.Counter([at_rule]) + collections.Counter([at_new])
    fresh = Store()
    fresh.import_(two)
    assert fresh.occurrences(plan) == after


def test_vobject_reads_the_updates_as_real_instances() -> None:
    """Each override's RECURRENCE-ID is an instance of its series' rule (else it is lost).

    A cancelled event has STATUS CANCELLED and a SEQUENCE above export 1's.
    """
    _, two, *_ = _moved()
    card = vobject.readOne(two.decode("utf-8"), validate=True)
    masters = {e.uid.value: e for e in card.vevent_list if "recurrence-id" not in e.contents}
    overrides = [e for e in card.vevent_list if "recurrence-id" in e.contents]
    assert overrides
    for override in overrides:
        master = masters[override.uid.value]
        instances = list(master.getrruleset(addRDate=True))
        assert override.contents["recurrence-id"][0].value in instances
        assert override.sequence.value == master.sequence.value
    first, second, *_ = _stale()
    old = vobject.readOne(first.decode("utf-8"), validate=True)
    new = vobject.readOne(second.decode("utf-8"), validate=True)
    sequences = {e.uid.value: int(e.sequence.value) for e in old.vevent_list}
    gone = [e for e in new.vevent_list if "status" in e.contents]
    assert [e.status.value for e in gone] == ["CANCELLED"]
    assert int(gone[0].sequence.value) == sequences[gone[0].uid.value] + 1
    assert "valarm" not in gone[0].contents
    report = civsam.make_report(civsam.example())
    assert gone[0].uid.value == uid(report, "outreach", _met(report))
