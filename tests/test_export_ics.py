"""The iCalendar exporter: its bytes checked against FORMATS.md, read back by four readers."""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import functools
import os
import re
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import holidays
import icalendar
import ics  # type: ignore[import-untyped]
import pytest
import recurring_ical_events  # type: ignore[import-untyped]
import vobject  # type: ignore[import-untyped]
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import civsam
from civsam import (
    ChecklistItem,
    Contact,
    ItemReview,
    ItemStatus,
    Language,
    Organisation,
    OrgKind,
    Plan,
    PlanSettings,
    PrioritySettings,
    Project,
    Quadrant,
    Review,
    Touchpoint,
    TouchpointKind,
    label,
)
from civsam.cli import main
from civsam.testing import check_exporter, names, projects, texts
from civsam_exporters.calendar import ICS, NAMESPACE, TZID, uid

LANGUAGES = (Language.DA, Language.EN)
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
UID = re.compile(r"[0-9a-f-]+")
HOSTILE = 'C:\\Nye \\n \\N, ; \\ " : æøå ÆØÅ 😀 👩‍👩‍👧 e\u0301\nny linje\r\nog en til\rslut'
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- helpers -----------------------------------------------------------------------------------


def export(project: Project, **options: Any) -> bytes:
    """The calendar of a project, as a user gets it."""
    return civsam.export_project(project, "ics", **options)


# icalendar types a property as a union of ~30 value classes; the tests read them as Any.


def parse(data: bytes) -> Any:
    """The calendar read back by icalendar, with every component free of parse errors."""
    calendar = icalendar.Calendar.from_ical(data)
    for component in calendar.walk():
        assert component.errors == [], f"{component.name}: {component.errors}"
    return calendar


def events(data: bytes, kind: str | None = None) -> list[Any]:
    """The VEVENTs, optionally only those of one X-CIVSAM-KIND."""
    found = parse(data).walk("VEVENT")
    return [e for e in found if kind is None or str(e["X-CIVSAM-KIND"]) == kind]


def cancelled(event: Any) -> bool:
    """Whether an event is one the earlier export had and the plan no longer has."""
    return str(event.get("STATUS", "")) == "CANCELLED"


def masters(data: bytes, kind: str | None = None) -> list[Any]:
    """The planned events and series, without moved check-ins' overrides or cancelled ones."""
    return [e for e in events(data, kind) if "RECURRENCE-ID" not in e and not cancelled(e)]


def unfolded(data: bytes) -> list[str]:
    """The content lines, unfolded (CRLF + one space or tab joins them)."""
    return re.sub(r"\r\n[ \t]", "", data.decode("utf-8")).split("\r\n")[:-1]


def clean(text: str) -> str:
    """What a text becomes in a calendar: no control characters, one kind of line break."""
    return TEXT_CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def check_bytes(data: bytes) -> None:
    """Every byte-level promise of FORMATS.md's iCalendar section."""
    assert not data.startswith(b"\xef\xbb\xbf"), "a byte-order mark"
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "a line break that is not CRLF"
    assert b"\r" not in data.replace(b"\r\n", b""), "a lone CR"
    for raw in data.split(b"\r\n"):
        assert len(raw) <= 75, f"{len(raw)} octets: {raw!r}"
        raw.decode("utf-8")  # a fold never splits a character
    assert CONTROL.search(data) is None, "a forbidden control character"
    data.decode("utf-8")
    lines = unfolded(data)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert not any(line.startswith("CATEGORIES") and line.endswith(":") for line in lines)
    assert [line for line in lines if line.startswith("METHOD")] in ([], ["METHOD:PUBLISH"])
    assert not [line for line in lines if line.startswith(("ORGANIZER", "ATTENDEE"))]
    zones = [line for line in lines if line.startswith("TZID:")]
    assert zones == [f"TZID:{TZID}"], "exactly one VTIMEZONE, Europe/Copenhagen"
    assert lines.count("BEGIN:VTIMEZONE") == 1
    used = set(re.findall(r";TZID=([^:;]+)[:;]", "\n".join(lines)))
    assert used <= {TZID}, f"TZIDs without a VTIMEZONE: {used - {TZID}}"
    assert not [line for line in lines if line.startswith("RDATE")]
    for line in lines:
        if line.startswith("RRULE"):
            value = line.partition(":")[2]
            assert value.startswith("FREQ="), line
            until = re.search(r"UNTIL=([0-9TZ]+)", value)
            assert until is None or until[1].endswith("Z"), line
    calendar = parse(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["PRODID"]).startswith(f"-//civsam//civsam {civsam.__version__}//")
    assert UID.fullmatch(str(calendar["UID"]))
    blocks = "\n".join(lines).split("BEGIN:VEVENT")[1:]
    for block in blocks:
        own = block.split("BEGIN:VALARM")[0]
        uids = re.findall(r"^UID:(.*)$", own, re.MULTILINE)
        stamps = re.findall(r"^DTSTAMP:(.*)$", own, re.MULTILINE)
        assert len(uids) == 1, block
        assert UID.fullmatch(uids[0]), uids[0]
        assert len(stamps) == 1, block
        assert stamps[0].endswith("Z"), stamps[0]
    for alarm in calendar.walk("VALARM"):
        assert {"ACTION", "TRIGGER", "DESCRIPTION"} <= set(alarm), alarm


@functools.cache
def met() -> str:
    """The partner of the example's first first meeting: what a touchpoint makes unneeded."""
    return civsam.make_report(civsam.example()).plan.meetings[0].partner.id


def summaries(data: bytes) -> collections.Counter[str]:
    """The summaries of the planned events and series as icalendar reads them."""
    return collections.Counter(str(event["SUMMARY"]) for event in masters(data))


def expected_summaries(report: civsam.Report) -> collections.Counter[str]:
    """What the summaries must read back as: one per meeting, check-in series, evaluation."""
    plan, language = report.plan, report.language
    found: collections.Counter[str] = collections.Counter()
    for key, items in (
        ("plan.first_meeting", plan.meetings),
        ("plan.check_in", plan.check_ins),
        ("plan.evaluation", plan.milestones),
    ):
        found.update(label(key, language, name=clean(item.partner.name)) for item in items)
    return found


@st.composite
def with_history(draw: st.DrawFn) -> Project:
    """A generated project with a plan start, touchpoints and reviews, so every kind exists."""
    project = draw(projects(min_partners=2, max_partners=5, scored=True))
    project.priority_settings = PrioritySettings()  # the guide's thresholds
    partners = sorted(set(project.organisations) - {project.owner.id})
    for partner in partners:  # every partner assessed: each may get a first meeting
        if partner not in project.assessments:
            scores = {"importance": draw(st.integers(3, 5)), "ease": draw(st.integers(3, 5))}
            project.assess(partner, shared_interest=draw(texts()), **scores)
    start = draw(st.dates(dt.date(2025, 1, 1), dt.date(2030, 12, 31)))
    project.plan_settings = PlanSettings(
        start=start,
        capacity=draw(st.integers(1, 3)),
        reminder_days=draw(st.integers(0, 3)),
        horizon_weeks=draw(st.integers(10, 40)),
        evaluation_weeks=draw(st.integers(1, 13)),
        check_in_weeks={quadrant.value: draw(st.integers(0, 4)) for quadrant in Quadrant},
    )
    most = max(1, len(partners) - 1)  # leave one untouched: a first meeting to plan
    touched = draw(st.lists(st.sampled_from(partners), min_size=1, max_size=most, unique=True))
    entries: list[Touchpoint | Review] = []
    for partner in touched:
        before = start - dt.timedelta(days=draw(st.integers(1, 60)))
        entries.append(
            Touchpoint(partner, before, draw(st.sampled_from(TouchpointKind)), draw(texts()))
        )
        if draw(st.booleans()):
            items = draw(st.lists(st.sampled_from(ChecklistItem), min_size=1, unique=True))
            verdicts = [
                ItemReview(item, draw(st.sampled_from(ItemStatus)), draw(texts())) for item in items
            ]
            entries.append(Review(partner, before, verdicts, draw(texts())))
    project.record(*entries)
    return project


# -- the example, byte by byte -----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("contacts", [False, True])
def test_the_example_s_calendar_keeps_every_byte_rule(language: Language, contacts: bool) -> None:  # noqa: FBT001
    """CRLF, ≤ 75 octets, no BOM or control bytes, one VTIMEZONE, UIDs, DTSTAMPs, RRULEs."""
    data = export(civsam.example(), language=language, include_contacts=contacts)
    check_bytes(data)
    report = civsam.make_report(civsam.example(), language=language)
    assert summaries(data) == expected_summaries(report)
    moved = sum(len(series.moved) for series in report.plan.check_ins)
    assert (
        len(events(data)) - moved
        == len(masters(data))
        == (len(report.plan.meetings) + len(report.plan.check_ins) + len(report.plan.milestones))
    )


def test_the_calendar_has_one_rrule_style_timezone() -> None:
    """Europe/Copenhagen as CET/CEST rules from 1970, not icalendar's RDATE list."""
    data = export(civsam.example())
    (zone,) = parse(data).walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Copenhagen"
    (standard,) = zone.walk("STANDARD")
    (daylight,) = zone.walk("DAYLIGHT")
    assert standard["DTSTART"].dt == dt.datetime(1970, 10, 25, 3, 0)  # noqa: DTZ001 - local
    assert standard["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    assert standard["TZOFFSETFROM"].td == dt.timedelta(hours=2)
    assert standard["TZOFFSETTO"].td == dt.timedelta(hours=1)
    assert str(standard["TZNAME"]) == "CET"
    assert daylight["DTSTART"].dt == dt.datetime(1970, 3, 29, 2, 0)  # noqa: DTZ001 - local
    assert daylight["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert daylight["TZOFFSETFROM"].td == dt.timedelta(hours=1)
    assert daylight["TZOFFSETTO"].td == dt.timedelta(hours=2)
    assert str(daylight["TZNAME"]) == "CEST"
    assert "RDATE" not in standard
    assert "RDATE" not in daylight
    lines = unfolded(data)
    for line in (
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
    ):
        assert line in lines


def test_the_calendar_s_own_properties() -> None:
    """Explicit PRODID per language, VERSION, CALSCALE, no METHOD, a UID and the project's name."""
    project = civsam.example()
    lines = {language: unfolded(export(project, language=language)) for language in LANGUAGES}
    version = civsam.__version__
    assert f"PRODID:-//civsam//civsam {version}//DA" in lines[Language.DA]
    assert f"PRODID:-//civsam//civsam {version}//EN" in lines[Language.EN]
    for found in lines.values():
        assert "VERSION:2.0" in found
        assert "CALSCALE:GREGORIAN" in found
        assert "NAME:Ensomhed blandt ældre i Aarhus" in found
        assert "X-WR-CALNAME:Ensomhed blandt ældre i Aarhus" in found
        assert not [line for line in found if line.startswith("METHOD")]
    calendar_uid = next(line for line in lines[Language.DA] if line.startswith("UID:"))
    assert calendar_uid == f"UID:{uid(civsam.make_report(project), 'calendar')}"


# -- what is in it -----------------------------------------------------------------------------


def test_first_meetings_are_events_with_advice_and_a_reminder() -> None:
    """One event per first meeting: local times, quadrant, rank, shared interest, steps 1–3."""
    project = civsam.example()
    report = civsam.make_report(project)
    meetings = events(export(project), "outreach")
    assert len(meetings) == len(report.plan.meetings) >= 2
    for event, planned in zip(meetings, report.plan.meetings, strict=True):
        assert event["DTSTART"].dt == planned.start
        assert event["DTEND"].dt == planned.end
        assert event["DTSTART"].params["TZID"] == TZID
    first = meetings[0]
    unfolded_data = unfolded(export(project))
    start = report.plan.meetings[0].start
    assert f"DTSTART;TZID=Europe/Copenhagen:{start:%Y%m%dT%H%M%S}" in unfolded_data
    assert str(first["SUMMARY"]) == "Første møde: Besøgstjenesten i Viby Sogn"
    description = str(first["DESCRIPTION"])
    assert description.startswith("Lad os starte her · Rang 2\n")
    shared = project.assessments["besoegstjenesten-viby-sogn"].shared_interest
    assert f"Fælles interesse: {shared}" in description
    for number, step in enumerate(("shared_goals", "their_agenda", "prepare"), 1):
        advice = f"{number}. {label(f'outreach.{step}')}: {label(f'outreach.{step}.advice')}"
        assert advice in description
    assert label("outreach.maintain_contact.advice") not in description
    (alarm,) = first.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == -dt.timedelta(days=2)
    assert alarm["TRIGGER"].to_ical() == b"-P2D"
    assert str(alarm["DESCRIPTION"]) == "Forbered mødet med Besøgstjenesten i Viby Sogn"


def test_no_reminder_when_reminder_days_is_zero() -> None:
    """reminder_days = 0 means first meetings without a VALARM."""
    project = civsam.example()
    project.plan_settings = PlanSettings(start=dt.date(2026, 12, 7), reminder_days=0)
    data = export(project)
    assert events(data, "outreach")
    assert parse(data).walk("VALARM") == []
    check_bytes(data)


def test_check_ins_recur_weekly_until_the_last_in_utc_with_holidays_excluded() -> None:
    """RRULE FREQ=WEEKLY;INTERVAL=n;UNTIL=…Z, DURATION, EXDATE with the zone for skipped days."""
    report = civsam.make_report(civsam.example())
    data = export(civsam.example())
    found = {str(e["SUMMARY"]): e for e in masters(data, "check-in")}
    assert len(found) == len(report.plan.check_ins) >= 2
    lines = unfolded(data)
    for series in report.plan.check_ins:
        event = found[f"Opfølgning: {series.partner.name}"]
        assert event["DTSTART"].dt == series.first
        assert event["DTSTART"].params["TZID"] == TZID
        assert event["DURATION"].dt == series.duration == dt.timedelta(minutes=30)
        rule = event["RRULE"]
        assert rule["FREQ"] == ["WEEKLY"]
        assert rule["INTERVAL"] == [series.every_weeks]
        assert rule["UNTIL"] == [series.last.astimezone(dt.UTC)]
        until = series.last.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        assert f"RRULE:FREQ=WEEKLY;UNTIL={until};INTERVAL={series.every_weeks}" in lines
        if series.skipped:
            assert [when.dt for when in event["EXDATE"].dts] == list(series.skipped)
            assert event["EXDATE"].params["TZID"] == TZID
            days = ",".join(f"{when:%Y%m%dT%H%M%S}" for when in series.skipped)
            assert f"EXDATE;TZID=Europe/Copenhagen:{days}" in lines
    # The example's Christmas (the closed period) takes some series' occurrences.
    assert any(series.skipped or series.moved for series in report.plan.check_ins)
    no_skips = [e for e in found.values() if "EXDATE" not in e]
    assert no_skips, "a series without skipped days has no EXDATE line"


def test_evaluations_are_all_day_with_the_checklist_agenda() -> None:
    """VALUE=DATE, exclusive end the next day; the next evaluation lists the reds and ambers."""
    report = civsam.make_report(civsam.example(), language="en")
    data = export(civsam.example(), language="en")
    evaluations = events(data, "evaluation")
    assert len(evaluations) == len(report.plan.milestones) >= 4
    for event, milestone in zip(evaluations, report.plan.milestones, strict=True):
        assert event["DTSTART"].dt == milestone.date
        assert event["DTEND"].dt == milestone.date + dt.timedelta(days=1)
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert str(event["SUMMARY"]) == f"Evaluation: {milestone.partner.name}"
    evaluations = [e for e in evaluations if "Ældre Sagen Aarhus" in str(e["SUMMARY"])]
    assert "DTSTART;VALUE=DATE:20270215" in unfolded(data)
    assert "DTEND;VALUE=DATE:20270216" in unfolded(data)
    first = str(evaluations[0]["DESCRIPTION"])
    assert "Last review: 2026-11-16" in first
    assert "Agenda for the next review:" in first
    assert "- Evaluate and adjust continuously: Red – Ingen evalueringsplan endnu" in first
    assert "- Talk often: Amber – Kun ét møde siden oktober" in first
    assert "Find common ground" not in first  # green: not on the agenda
    assert "Agenda for the next review" not in str(evaluations[1]["DESCRIPTION"])


def test_every_text_is_in_the_report_s_language() -> None:
    """English labels in English; the same events, with the same UIDs, in both languages."""
    danish, english = (export(civsam.example(), language=lang) for lang in LANGUAGES)
    assert {str(e["UID"]) for e in events(danish)} == {str(e["UID"]) for e in events(english)}
    text = "\n".join(str(e["SUMMARY"]) + str(e["DESCRIPTION"]) for e in events(english))
    for danish_word in ("Første møde", "Opfølgning", "Evaluering", "Fælles interesse", "Rang"):
        assert danish_word not in text
    assert f"First meeting: {civsam.example().organisations[met()].name}" in text


def test_an_empty_project_gives_a_calendar_with_only_the_timezone() -> None:
    """No partners: a valid calendar with no events, still byte-clean."""
    project = Project("Tomt", Organisation("ejer", "Ejer", OrgKind.MUNICIPALITY))
    project.plan_settings = PlanSettings(start=dt.date(2027, 1, 4))
    data = export(project)
    check_bytes(data)
    assert events(data) == []
    assert len(vobject.readOne(data.decode("utf-8"), validate=True).vtimezone_list) == 1
    assert len(ics.Calendar(data.decode("utf-8")).events) == 0


# -- independent readers -----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_independent_readers_accept_the_calendar(language: Language) -> None:
    """The validating vobject, ics and dateutil's strict RRULE parser read what icalendar reads."""
    data = export(civsam.example(), language=language, include_contacts=True)
    text = data.decode("utf-8")
    count = len(events(data))
    card = vobject.readOne(text, validate=True)
    assert len(card.vevent_list) == count
    names_read = sorted(
        event.summary.value for event in card.vevent_list if "recurrence-id" not in event.contents
    )
    assert names_read == sorted(summaries(data).elements())
    assert len(ics.Calendar(text).events) == count
    for event in events(data):
        if "RRULE" in event:
            line = "RRULE:" + event["RRULE"].to_ical().decode()
            rule = rrulestr(line, dtstart=event["DTSTART"].dt)
            assert next(iter(rule)) == event["DTSTART"].dt


def _working_day(day: dt.date) -> bool:
    danish = holidays.country_holidays("DK", years=day.year)
    optional = {(5, 1), (6, 5), (12, 24), (12, 31)}  # the plan's optional holidays, on
    return day.weekday() < 5 and day not in danish and (day.month, day.day) not in optional


def test_check_ins_keep_their_local_time_across_daylight_saving_and_skip_holidays() -> None:
    """recurring_ical_events expands every series: same local time in winter and summer.

    The occurrences are exactly the plan's: the rule's, less the skipped, with moved ones
    at their new time (their overrides replace the rule's occurrence).
    """
    report = civsam.make_report(civsam.example())
    calendar = parse(export(civsam.example()))
    occurrences = recurring_ical_events.of(calendar).between(
        dt.date(2026, 12, 1), dt.date(2028, 1, 1)
    )
    check_ins = [o for o in occurrences if str(o["X-CIVSAM-KIND"]) == "check-in"]
    found = collections.Counter((str(o["UID"]), o["DTSTART"].dt) for o in check_ins)
    expected = collections.Counter(
        (uid(report, "check-in", series.partner.id), when)
        for series in report.plan.check_ins
        for when in series.occurrences()
    )
    assert found == expected
    moved = {new for series in report.plan.check_ins for _, new in series.moved}
    at = report.plan.settings.check_in_time  # the planned local time, e.g. 9:00
    offsets = set()
    for occurrence in check_ins:
        start = occurrence["DTSTART"].dt.astimezone(civsam.TIMEZONE)
        if start not in moved:
            assert start.time() == at, start
        assert _working_day(start.date()), f"a check-in on {start.date()}"
        offsets.add(start.utcoffset())
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}, "crosses both DST changes"
    days = {o["DTSTART"].dt.date() for o in check_ins}
    assert any(day > dt.date(2027, 3, 28) for day in days), "after the change in March"
    assert any(day > dt.date(2027, 10, 31) for day in days), "after the change in October"
    assert dt.date(2027, 3, 29) not in days, "nothing on Easter Monday"


# -- text survives ------------------------------------------------------------------------------


def _hostile_project() -> Project:
    project = civsam.example()
    partner = project.organisations[met()]
    project.replace(Organisation(partner.id, HOSTILE, partner.kind, contacts=partner.contacts))
    assessment = project.unassess(partner.id)
    shared = "fælles\x00\x07\x1b\x7f\x0b\x0c mål " + HOSTILE
    project.add(attrs.evolve(assessment, shared_interest=shared))
    project.name = 'Plan: C:\\Nye; "citat", 😀\nlinje to'
    return project


def test_hostile_text_reads_back_exactly() -> None:
    r"""`, ; \ " :`, a literal \N, line breaks, emoji: read back by icalendar and vobject."""
    project = _hostile_project()
    data = export(project)
    check_bytes(data)
    name = clean(HOSTILE)
    assert "C:\\Nye \\n \\N" in name  # the backslashes are data, not escapes
    (meeting,) = [e for e in events(data, "outreach") if name in str(e["SUMMARY"])]
    assert str(meeting["SUMMARY"]) == f"Første møde: {name}"
    assert f"Fælles interesse: fælles mål {name}" in str(meeting["DESCRIPTION"])
    (alarm,) = meeting.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == f"Forbered mødet med {name}"
    # icalendar 7.3 reads NAME and X-WR-CALNAME raw (unknown types); they are TEXT, escaped:
    escaped = 'Plan: C:\\\\Nye\\; "citat"\\, 😀\\nlinje to'
    assert f"NAME:{escaped}" in unfolded(data)
    assert f"X-WR-CALNAME:{escaped}" in unfolded(data)
    card = vobject.readOne(data.decode("utf-8"), validate=True)
    read = [
        e.summary.value
        for e in card.vevent_list
        if name in e.summary.value and "recurrence-id" not in e.contents
    ]
    assert read == [f"Første møde: {name}", f"Opfølgning: {name}"]
    assert card.x_wr_calname.value == project.name


def test_a_literal_backslash_n_is_escaped_by_civsam_not_icalendar() -> None:
    r"""Plain icalendar 7.3 writes `C:\Nye` as `C:\nye` (a line break); civsam writes `C:\\Nye`."""
    naive = icalendar.Event()
    naive.add("summary", "C:\\Nye")
    assert b"SUMMARY:C:\\nye" in naive.to_ical()  # the bug civsam guards against
    project = civsam.example()
    partner = project.organisations[met()]
    project.replace(Organisation(partner.id, "C:\\Nye", partner.kind))
    lines = unfolded(export(project))
    assert "SUMMARY:Første møde: C:\\\\Nye" in lines
    assert "SUMMARY:Første møde: C:\\Nye" not in lines


def test_multibyte_characters_are_never_split_at_a_fold() -> None:
    """Names of æøå and emoji that fold at every offset still decode and read back."""
    project = civsam.example()
    partner = project.organisations[met()]
    for pad in range(4):
        name = "x" * pad + "æø😀å" * 30
        project.replace(Organisation(partner.id, name, partner.kind))
        data = export(project)
        check_bytes(data)
        assert f"Første møde: {name}" in summaries(data)


@SLOW
@given(with_history(), st.sampled_from(LANGUAGES), st.booleans())
def test_generated_projects_give_clean_calendars_that_read_back(
    project: Project,
    language: Language,
    contacts: bool,  # noqa: FBT001 - drawn by given
) -> None:
    """Hostile names and notes: the bytes keep every rule and every summary reads back."""
    report = civsam.make_report(project, language=language, include_contacts=contacts)
    data = civsam.export(report, "ics")
    check_bytes(data)
    assert summaries(data) == expected_summaries(report)
    kinds = collections.Counter(str(e["X-CIVSAM-KIND"]) for e in masters(data))
    assert kinds["check-in"] == len(report.plan.check_ins)
    assert kinds["outreach"] == len(report.plan.meetings)
    assert kinds["evaluation"] == len(report.plan.milestones)
    text = data.decode("utf-8")
    card = vobject.readOne(text, validate=True)
    read = collections.Counter(
        e.summary.value
        for e in getattr(card, "vevent_list", [])
        if "recurrence-id" not in e.contents
    )
    assert read == summaries(data)
    assert len(ics.Calendar(text).events) == len(events(data))
    for meeting in report.plan.meetings:
        shared = clean(project.assessments[meeting.partner.id].shared_interest)
        if shared:
            descriptions = [str(e["DESCRIPTION"]) for e in events(data, "outreach")]
            assert any(shared in description for description in descriptions)


@SLOW
@given(projects(history=True), st.booleans())
def test_projects_with_any_history_give_clean_calendars(
    project: Project,
    contacts: bool,  # noqa: FBT001 - drawn by given
) -> None:
    """civsam.testing's histories (outreach walks, touchpoints, reviews, any settings)."""
    report = civsam.make_report(project, include_contacts=contacts)
    data = civsam.export(report, "ics")
    check_bytes(data)
    assert summaries(data) == expected_summaries(report)
    text = data.decode("utf-8")
    card = vobject.readOne(text, validate=True)
    assert len(getattr(card, "vevent_list", [])) == len(events(data))


@SLOW
@given(names(), texts())
def test_any_name_and_note_round_trip(name: str, note: str) -> None:
    """One partner's name in SUMMARY and a review note in DESCRIPTION read back exactly."""
    project = civsam.example()
    partner = project.organisations["aeldresagen-aarhus"]
    project.replace(Organisation(partner.id, name, partner.kind))
    review = ItemReview(ChecklistItem.RULES_OF_PLAY, ItemStatus.RED, note)
    project.record(Review(partner.id, dt.date(2026, 11, 30), [review]))
    data = export(project)
    check_bytes(data)
    evaluation = events(data, "evaluation")[0]
    assert str(evaluation["SUMMARY"]) == f"Evaluering: {clean(name)}"
    agenda = f"- {label('checklist.rules_of_play')}: {label('item_status.red')}"
    wanted = f"{agenda} – {clean(note)}" if clean(note) else agenda
    assert wanted in str(evaluation["DESCRIPTION"])


# -- privacy -----------------------------------------------------------------------------------


SECRETS = ("Birthe Søndergaard", "birthe@example.dk", "+45 12 34 56 11")


def _with_known_contact() -> Project:
    project = civsam.example()
    partner = project.organisations[met()]
    person = Contact(SECRETS[0], SECRETS[1], SECRETS[2], "Frivilligkoordinator")
    project.replace(Organisation(partner.id, partner.name, partner.kind, contacts=(person,)))
    project.add(attrs.evolve(project.unassess(partner.id), contact=SECRETS[0]))
    return project


def test_no_personal_data_without_include_contacts() -> None:
    """No contact name, e-mail or phone, and never ORGANIZER or ATTENDEE."""
    project = _with_known_contact()
    for language in LANGUAGES:
        data = export(project, language=language)
        text = data.decode("utf-8")
        flat = "".join(unfolded(data))
        for secret in SECRETS:
            assert secret not in flat
            assert secret.replace(" ", "") not in text.replace("\r\n ", "").replace(" ", "")
        assert "ORGANIZER" not in text
        assert "ATTENDEE" not in text
        assert "Birthe" not in text


def test_contacts_appear_in_descriptions_only_when_asked_for() -> None:
    """With include_contacts the contact person is in DESCRIPTION; still no ORGANIZER/ATTENDEE."""
    data = export(_with_known_contact(), include_contacts=True)
    text = data.decode("utf-8")
    assert "ORGANIZER" not in text
    assert "ATTENDEE" not in text
    line = f"Evt. kontaktperson: {', '.join(SECRETS)}"
    name = civsam.example().organisations[met()].name
    red_cross = [e for e in masters(data) if name in str(e["SUMMARY"])]
    assert len(red_cross) == 2  # the first meeting and the check-ins
    for event in red_cross:
        assert str(event["DESCRIPTION"]).endswith(f"\n\n{line}")
    for event in events(data):
        assert "UID" in event
        for secret in SECRETS:
            assert secret not in str(event["UID"])
            assert secret not in str(event["SUMMARY"])


def test_uids_carry_no_names_and_are_uuid5_of_a_stable_key() -> None:
    """Hex and dashes, the same for the same key, different per partner and kind."""
    report = civsam.make_report(civsam.example())
    data = export(civsam.example())
    uids = [str(e["UID"]) for e in masters(data)]
    assert len(set(uids)) == len(uids)
    assert all(UID.fullmatch(value) for value in uids)
    first = report.plan.meetings[0].partner.id
    assert uid(report, "outreach", first) in uids
    assert uid(report, "outreach", first) != uid(report, "check-in", first)
    assert uid(report, "evaluation", "aeldresagen-aarhus", 1) in uids
    assert uid(report, "evaluation", "aeldresagen-aarhus", 2) in uids
    assert NAMESPACE.version == 5
    assert all(first not in value for value in uids)


# -- determinism -------------------------------------------------------------------------------


def test_the_same_input_gives_the_same_bytes() -> None:
    """Twice the same project: byte-for-byte the same calendar; DTSTAMP from the plan's start."""
    first = export(civsam.example())
    assert first == export(civsam.example())
    assert first == civsam.export(civsam.make_report(civsam.example()), "ics")
    stamps = {line for line in unfolded(first) if line.startswith("DTSTAMP")}
    assert stamps == {"DTSTAMP:20261207T000000Z"}  # the example's [planning] start


def test_source_date_epoch_drives_dtstamp() -> None:
    """With SOURCE_DATE_EPOCH every DTSTAMP is that moment, in UTC."""
    with mock.patch.dict(os.environ, SOURCE_DATE_EPOCH="1767225600"):  # 2026-01-01 00:00 UTC
        data = export(civsam.example())
        again = export(civsam.example())
    assert data == again
    stamps = {line for line in unfolded(data) if line.startswith("DTSTAMP")}
    assert stamps == {"DTSTAMP:20260101T000000Z"}
    with mock.patch.dict(os.environ, SOURCE_DATE_EPOCH="1767229199"):
        later = export(civsam.example())
    assert {line for line in unfolded(later) if line.startswith("DTSTAMP")} == {
        "DTSTAMP:20260101T005959Z"
    }


# -- SEQUENCE across exports --------------------------------------------------------------------


TIMING = ("RECURRENCE-ID", "DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE")


def _timing(series: list[Any]) -> list[str]:
    """When a series happens and whether: each of its events' times and status, in order."""
    found = []
    for event in series:
        parts = [f"{name}:{event[name].to_ical()!r}" for name in TIMING if name in event]
        found.append(";".join([*parts, str(event.get("STATUS", ""))]))
    return sorted(found)


def _series(data: bytes) -> dict[str, list[Any]]:
    """UID → its events (a series with its moved check-ins' overrides), master first."""
    found: dict[str, list[Any]] = {}
    for event in events(data):
        found.setdefault(str(event["UID"]), []).append(event)
    for group in found.values():
        assert "RECURRENCE-ID" not in group[0], "the master comes before its overrides"
        assert len({int(event["SEQUENCE"]) for event in group}) == 1, "one SEQUENCE a series"
    return found


def _live(data: bytes) -> dict[str, int]:
    """UID → SEQUENCE of the planned events and series."""
    return {key: int(g[0]["SEQUENCE"]) for key, g in _series(data).items() if not cancelled(g[0])}


def _cancelled(data: bytes) -> dict[str, int]:
    """UID → SEQUENCE of the cancelled events and series."""
    return {key: int(g[0]["SEQUENCE"]) for key, g in _series(data).items() if cancelled(g[0])}


def _sequences_follow(before: bytes, after: bytes) -> collections.Counter[str]:
    """Check SEQUENCE and cancelling over a re-export; count what moved, stayed, went."""
    old, new = _series(before), _series(after)
    seen: collections.Counter[str] = collections.Counter()
    for key, group in new.items():
        sequence = int(group[0]["SEQUENCE"])
        if key not in old:
            assert not cancelled(group[0]), "only what the earlier export had is cancelled"
            assert sequence == 0, f"a new event starts at 0: {group[0]['SUMMARY']}"
            seen["new"] += 1
            continue
        previous = int(old[key][0]["SEQUENCE"])
        if _timing(old[key]) == _timing(group):
            assert sequence == previous, f"unchanged, yet re-sequenced: {group[0]['SUMMARY']}"
            seen["stayed"] += 1
        else:
            assert sequence == previous + 1, f"changed, yet not re-sequenced: {group[0]['SUMMARY']}"
            seen["cancelled" if cancelled(group[0]) else "moved"] += 1
    for key, group in old.items():
        if key not in new:
            assert cancelled(group[0]), f"vanished without being cancelled: {group[0]['SUMMARY']}"
            seen["dropped"] += 1
    return seen


def _block(data: bytes, key: str) -> list[str]:
    """The content lines of the (first) event with a UID, BEGIN to END."""
    lines = unfolded(data)
    at = lines.index(f"UID:{key}")
    begin = max(i for i in range(at) if lines[i] == "BEGIN:VEVENT")
    return lines[begin : lines.index("END:VEVENT", at) + 1]


def _cancelled_block(old: list[str], sequence: int, language: Language = Language.DA) -> list[str]:
    """What an event of an earlier export becomes when cancelled: time, summary and kind."""
    own = old[: old.index("BEGIN:VALARM")] if "BEGIN:VALARM" in old else old

    def kept(*names: str) -> list[str]:
        return [line for line in own if line.startswith(names)]

    (kind,) = kept("X-CIVSAM-KIND")
    return [
        "BEGIN:VEVENT",
        *kept("SUMMARY", "DTSTART", "DTEND", "DURATION", "DTSTAMP", "UID", "RECURRENCE-ID"),
        f"SEQUENCE:{sequence}",
        *kept("RRULE"),
        *kept("EXDATE"),
        f"DESCRIPTION:{label('calendar.cancelled', language)}",
        "STATUS:CANCELLED",
        kind,
        "END:VEVENT",
    ]


def test_re_exporting_keeps_uids_and_raises_sequence_where_times_moved(
    example_path: Path,
) -> None:
    """Export, log a touchpoint, export again to the same file; then change capacity and start."""
    out = example_path.parent / "plan.ics"
    first = civsam.export_project(civsam.load(example_path), "ics", out)
    assert {int(e["SEQUENCE"]) for e in events(first)} == {0}
    assert civsam.export_project(civsam.load(example_path), "ics", out) == first  # nothing moved

    civsam.record(example_path, Touchpoint(met(), dt.date(2026, 12, 2), "call"))
    second = civsam.export_project(civsam.load(example_path), "ics", out)
    assert out.read_bytes() == second
    seen = _sequences_follow(first, second)
    assert seen["moved"]
    assert seen["stayed"]
    report = civsam.make_report(civsam.load(example_path))
    gone = uid(report, "outreach", met())
    assert set(_live(first)) - set(_live(second)) == {gone}, "only the meeting no longer needed"
    assert _cancelled(second) == {gone: 1}, "… and it is cancelled"
    evaluations = {
        uid(report, "evaluation", met(), m.number)
        for m in report.plan.milestones
        if m.partner.id == met()
    }
    assert evaluations
    assert set(_live(second)) - set(_live(first)) == evaluations, "in contact now: new evaluations"

    third = civsam.export_project(civsam.load(example_path), "ics", out, capacity=1)
    seen = _sequences_follow(second, third)
    assert seen["moved"] + seen["cancelled"], "less room: events move or go"
    assert seen["stayed"]
    assert seen["dropped"] == 1, "cancelled once, then left out"
    assert gone not in _series(third)

    fourth = civsam.export_project(
        civsam.load(example_path), "ics", out, plan_from=dt.date(2027, 1, 4)
    )
    seen = _sequences_follow(third, fourth)
    assert seen["moved"]
    assert max(int(e["SEQUENCE"]) for e in events(fourth)) >= 2, "changed again: one more"


def test_an_event_no_longer_planned_is_cancelled_once_then_left_out() -> None:
    """The first meeting with a partner now in contact: CANCELLED with SEQUENCE 1, then gone.

    Before this, the next export simply lacked it, and khal kept the stale meeting.
    """
    project = _with_known_contact()
    first = export(project, include_contacts=True)
    key = uid(civsam.make_report(project), "outreach", met())
    assert key in _live(first)
    project.record(Touchpoint(met(), dt.date(2026, 12, 2), "call"))
    second = civsam.export(
        civsam.make_report(project, include_contacts=True, previous=first), "ics"
    )
    check_bytes(second)
    assert _cancelled(second) == {key: 1}
    old, new = _block(first, key), _block(second, key)
    assert new == _cancelled_block(old, 1), "its old time, summary, UID and kind; no alarm"
    assert any(line.startswith("DTEND;TZID=Europe/Copenhagen:") for line in new)
    assert "BEGIN:VALARM" in old
    assert "BEGIN:VALARM" not in new
    flat = "".join(new)
    for secret in SECRETS:
        assert secret in "".join(old), "the earlier export had the contact person"
        assert secret not in flat, "… the cancelled event does not"
    lines = unfolded(second)
    last_live = max(
        i for i, line in enumerate(lines) if line.startswith("UID:") and key not in line
    )
    assert lines.index(f"UID:{key}") > last_live, "cancelled events come after the live ones"
    (event,) = [e for e in events(second) if cancelled(e)]
    assert str(event["SUMMARY"]) == f"Første møde: {project.organisations[met()].name}"

    third = civsam.export(
        civsam.make_report(project, include_contacts=True, previous=second), "ics"
    )
    assert _cancelled(third) == {}
    assert key not in _series(third)
    start = second.index(
        b"BEGIN:VEVENT", second.rindex(b"END:VEVENT", 0, second.index(key.encode()))
    )
    end = second.index(b"END:VEVENT\r\n", start) + len(b"END:VEVENT\r\n")
    assert third == second[:start] + second[end:], "the rest unchanged, byte for byte"
    assert (
        civsam.export(civsam.make_report(project, include_contacts=True, previous=third), "ics")
        == third
    )


def test_cancelled_series_keep_their_rule_and_come_back_with_a_higher_sequence() -> None:
    """Check-ins switched off for a quadrant: each series cancelled with RRULE, EXDATE, DURATION.

    Switched on again, a series is planned again with one more SEQUENCE than its cancelling.
    """
    project = civsam.example()
    report = civsam.make_report(project, language="en")
    first = civsam.export(report, "ics")
    settings_before = project.plan_settings
    quadrant = report.plan.check_ins[0].quadrant
    weeks = {**settings_before.check_in_weeks, quadrant: 0}
    project.plan_settings = attrs.evolve(settings_before, check_in_weeks=weeks)
    second = civsam.export(civsam.make_report(project, language="en", previous=first), "ics")
    check_bytes(second)
    series = sorted(
        uid(report, "check-in", check_in.partner.id)
        for check_in in report.plan.check_ins
        if check_in.quadrant is quadrant
    )
    check_ins = {str(event["UID"]) for event in events(second, "check-in")}
    assert sorted(key for key in _cancelled(second) if key in check_ins) == series
    assert list(_cancelled(second)) == sorted(_cancelled(second)), "sorted by UID"
    blocks = [_block(second, key) for key in series]
    for key, new in zip(series, blocks, strict=True):
        assert any(line.startswith("RRULE:FREQ=WEEKLY;UNTIL=") for line in new)
        assert new == _cancelled_block(_block(first, key), 1, Language.EN)
        assert "DESCRIPTION:Cancelled: this event is no longer in the plan." in new
    assert any(line.startswith("EXDATE;TZID=") for new in blocks for line in new)
    assert set(series).isdisjoint(_live(second))
    assert vobject.readOne(second.decode("utf-8"), validate=True)
    assert len(ics.Calendar(second.decode("utf-8")).events) == len(events(second))

    project.plan_settings = settings_before
    third = civsam.export(civsam.make_report(project, language="en", previous=second), "ics")
    assert set(_cancelled(third)) <= set(_live(second)), "first meetings it had room for"
    _sequences_follow(second, third)
    assert all(_live(third)[key] == 2 for key in series), "back again: a change of status"


def _edit(data: bytes, key: str, old: str, new: str) -> bytes:
    """``data`` with ``old`` replaced by ``new`` in the event of UID ``key`` only."""
    text = data.decode("utf-8")
    at = text.index(f"UID:{key}")
    start = text.rindex("BEGIN:VEVENT", 0, at)
    end = text.index("END:VEVENT", at)
    block = text[start:end]
    assert old in block, old
    return (text[:start] + block.replace(old, new) + text[end:]).encode("utf-8")


@pytest.mark.parametrize(
    ("old", "new", "kept"),
    [
        ("X-CIVSAM-KIND:outreach", "X-CIVSAM-KIND:party", False),
        ("X-CIVSAM-KIND:outreach\r\n", "", False),
        ("DTSTART;TZID=Europe/Copenhagen:", "DTSTART;TZID=Mars/Olympus_Mons:", False),
        ("DTSTART;TZID=Europe/Copenhagen:", "DTSTART:", False),
        ("SEQUENCE:0", "SEQUENCE:4", True),
        (
            "SEQUENCE:0",
            (
                "SEQUENCE:0\r\nATTENDEE;CN=Birthe Søndergaard:mailto:birthe@example.dk\r\n"
                "LOCATION:Birthe Søndergaards stue\r\nCATEGORIES:\r\nX-SECRET:+45 12 34 56 11"
            ),
            True,
        ),
    ],
)
def test_a_hand_edited_earlier_export_cancels_only_what_civsam_wrote(
    old: str,
    new: str,
    kept: bool,  # noqa: FBT001 - parametrised
) -> None:
    """Only an event of a known kind with a Copenhagen time is cancelled, rebuilt afresh.

    Nothing else is read back: an ATTENDEE, a LOCATION or any other added property is
    left behind, so no personal data returns from an edited file.
    """
    project = civsam.example()
    key = uid(civsam.make_report(project), "outreach", met())
    first = _edit(export(project), key, old, new)
    project.record(Touchpoint(met(), dt.date(2026, 12, 2), "call"))
    second = civsam.export(civsam.make_report(project, previous=first), "ics")
    check_bytes(second)
    text = second.decode("utf-8")
    for secret in (*SECRETS, "\nATTENDEE", "\nLOCATION", "\nX-SECRET"):
        assert secret not in text
    if kept:
        sequence = int(re.findall(r"SEQUENCE:(\d+)", new + "SEQUENCE:0")[0]) + 1
        assert _cancelled(second) == {key: sequence}
    else:
        assert _cancelled(second) == {}


def test_a_cancelled_series_is_cancelled_whole_with_its_overrides() -> None:
    """A series with a moved check-in, no longer planned: master and override, both cancelled."""
    project = civsam.example()
    report = civsam.make_report(project)
    plan, key, rule_time, new_time = _moved(report)
    with _planned(plan):
        first = export(project)
    weeks = {**project.plan_settings.check_in_weeks, Quadrant.START_HERE: 0}
    project.plan_settings = attrs.evolve(project.plan_settings, check_in_weeks=weeks)
    second = civsam.export(civsam.make_report(project, previous=first), "ics")
    check_bytes(second)
    group = _series(second)[key]
    assert len(group) == 2
    assert all(cancelled(event) for event in group)
    assert {int(event["SEQUENCE"]) for event in group} == {1}
    assert group[1]["RECURRENCE-ID"].dt == rule_time
    assert group[1]["DTSTART"].dt == new_time
    assert "RRULE" in group[0]
    assert "RRULE" not in group[1]
    third = civsam.export(civsam.make_report(project, previous=second), "ics")
    assert key not in _series(third)


@pytest.mark.parametrize(
    "previous",
    [
        b"",
        b"old report\n",
        b"\xff\xfe\x00garbage",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
        b"# Markdown, not a calendar\n\n| a | b |\n",
    ],
)
def test_a_previous_file_that_is_not_a_calendar_is_ignored(tmp_path: Path, previous: bytes) -> None:
    """Whatever was at the path before, if it is not iCalendar every SEQUENCE starts at 0."""
    out = tmp_path / "plan.ics"
    out.write_bytes(previous)
    data = civsam.export_project(civsam.example(), "ics", out, force=True)
    assert data == export(civsam.example())
    assert {int(e["SEQUENCE"]) for e in events(data)} == {0}


@SLOW
@given(st.data())
def test_a_damaged_previous_calendar_never_breaks_the_export(data: st.DataObject) -> None:
    """A previous export cut, spliced or padded with junk: the new export is still clean."""
    good = export(civsam.example())
    at = data.draw(st.integers(0, len(good)))
    cut = data.draw(st.integers(0, 400))
    damaged = good[:at] + data.draw(st.binary(max_size=20)) + good[at + cut :]
    again = civsam.export(civsam.make_report(civsam.example(), previous=damaged), "ics")
    check_bytes(again)
    assert set(_live(again)) == set(_live(good))
    assert set(_live(again).values()) <= {0, 1}
    for key in _cancelled(again):  # an event whose UID the damage changed
        assert key.encode() in damaged
        assert UID.fullmatch(key)


def test_a_previous_calendar_with_odd_events_is_read_as_far_as_it_goes() -> None:
    """Events without UID or with a broken SEQUENCE are skipped; the rest still count."""
    data = export(civsam.example())
    report = civsam.make_report(civsam.example())
    key = uid(report, "outreach", report.plan.meetings[0].partner.id)
    edited = data.replace(f"UID:{key}\r\nSEQUENCE:0".encode(), f"UID:{key}\r\nSEQUENCE:7".encode())
    assert edited != data
    broken = edited.replace(b"SEQUENCE:0", b"SEQUENCE:x", 1)
    again = civsam.export(civsam.make_report(civsam.example(), previous=broken), "ics")
    assert _live(again)[key] == 7
    assert parse(again)


# -- moved check-ins ----------------------------------------------------------------------------


def _moved(report: civsam.Report) -> tuple[Plan, str, dt.datetime, dt.datetime]:
    """The report's plan with one more check-in moved: its third, a day and an hour later.

    Returns the plan, the series' UID, the rule's time and the new time.
    """
    plan = report.plan
    series = plan.check_ins[0]
    rule_time = next(
        when for when in series.occurrences()[2:] if when not in {r for r, _ in series.moved}
    )
    new_time = rule_time + dt.timedelta(days=1, hours=1)
    moved = attrs.evolve(series, moved=tuple(sorted((*series.moved, (rule_time, new_time)))))
    plan = attrs.evolve(plan, check_ins=(moved, *plan.check_ins[1:]))
    return plan, uid(report, "check-in", series.partner.id), rule_time, new_time


def _planned(plan: Plan) -> contextlib.AbstractContextManager[Any]:
    """Every report plans ``plan`` meanwhile: a hand-made plan for the calendar to write."""
    return mock.patch.object(civsam.Report, "plan", property(lambda _: plan))


def test_a_moved_check_in_is_an_override_of_its_series() -> None:
    """Same UID, RECURRENCE-ID the rule's time (Copenhagen), DTSTART and DURATION the new time."""
    report = civsam.make_report(civsam.example())
    plan, key, rule_time, new_time = _moved(report)
    with _planned(plan):
        data = export(civsam.example())
    check_bytes(data)
    group = _series(data)[key]
    master, *overrides = group
    override = next(o for o in overrides if o["RECURRENCE-ID"].dt == rule_time)
    lines = unfolded(data)
    at = lines.index(f"RECURRENCE-ID;TZID=Europe/Copenhagen:{rule_time:%Y%m%dT%H%M%S}")
    begin = max(i for i in range(at) if lines[i] == "BEGIN:VEVENT")
    block = lines[begin : lines.index("END:VEVENT", at) + 1]
    master_block = _block(data, key)
    assert lines.index(master_block[-1], lines.index(f"UID:{key}")) < begin, "master first"
    assert [line for line in block if not line.startswith("DESCRIPTION")] == [
        "BEGIN:VEVENT",
        master_block[1],  # SUMMARY
        f"DTSTART;TZID=Europe/Copenhagen:{new_time:%Y%m%dT%H%M%S}",
        *[line for line in master_block if line.startswith(("DURATION", "DTSTAMP", "UID"))],
        lines[at],
        "SEQUENCE:0",
        "X-CIVSAM-KIND:check-in",
        "END:VEVENT",
    ]
    assert override["DTSTART"].dt == new_time
    assert override["DURATION"].dt == master["DURATION"].dt
    assert override["RECURRENCE-ID"].params["TZID"] == TZID
    assert str(override["SUMMARY"]) == str(master["SUMMARY"])
    assert str(override["X-CIVSAM-KIND"]) == "check-in"
    assert "RRULE" not in override
    assert "EXDATE" not in override
    when = rule_time.strftime("%Y-%m-%d %H:%M")
    assert str(override["DESCRIPTION"]) == (
        f"{label('calendar.moved', when=when)}\n\n{master['DESCRIPTION']}"
    )
    assert {int(event["SEQUENCE"]) for event in group} == {0}
    # read back: the occurrence is at the new time, not at the rule's
    calendar = parse(data)
    occurrences = recurring_ical_events.of(calendar).between(plan.start, plan.end + dt.timedelta(1))
    starts = [o["DTSTART"].dt for o in occurrences if str(o["UID"]) == key]
    assert new_time in starts
    assert rule_time not in starts
    (series,) = [s for s in plan.check_ins if uid(report, "check-in", s.partner.id) == key]
    assert sorted(starts) == sorted(series.occurrences())
    card = vobject.readOne(data.decode("utf-8"), validate=True)
    read = [e for e in card.vevent_list if e.uid.value == key and "recurrence-id" in e.contents]
    assert rule_time in [e.contents["recurrence-id"][0].value for e in read]
    assert len(ics.Calendar(data.decode("utf-8")).events) == len(events(data))


def test_a_series_and_its_overrides_are_sequenced_as_one() -> None:
    """A check-in moves: master and override get one more SEQUENCE; then they keep it."""
    project = civsam.example()
    report = civsam.make_report(project)
    plain = export(project)
    plan, key, _, _ = _moved(report)
    with _planned(plan):
        moved = civsam.export(civsam.make_report(project, previous=plain), "ics")
        again = civsam.export(civsam.make_report(project, previous=moved), "ics")
    check_bytes(moved)
    seen = _sequences_follow(plain, moved)
    assert seen["moved"] == 1, "only the series with the moved check-in"
    assert {int(e["SEQUENCE"]) for e in _series(moved)[key]} == {1}
    assert again == moved, "nothing changed: the same bytes"
    back = civsam.export(civsam.make_report(project, previous=again), "ics")
    assert _sequences_follow(again, back)["moved"] == 1
    assert _live(back)[key] == 2
    assert len(_series(back)[key]) == len(_series(plain)[key]), "the override is gone"
    assert _cancelled(back) == {}, "an override that went is not a cancelled event"


# -- re-exports: a property --------------------------------------------------------------------


def _with_moves(project: Project, data: st.DataObject, previous: bytes | None = None) -> bytes:
    """The project's calendar, with some check-ins moved a day later (drawn), over ``previous``."""
    report = civsam.make_report(project, previous=previous)
    plan = report.plan
    check_ins = list(plan.check_ins)
    for index in data.draw(st.sets(st.integers(0, max(0, len(check_ins) - 1)), max_size=2)):
        if index >= len(check_ins):
            continue
        series = check_ins[index]
        free = [when for when in series.rule() if when not in dict(series.moved)]
        free = [when for when in free if when not in series.skipped]
        if free:
            rule_time = data.draw(st.sampled_from(free))
            moves = (*series.moved, (rule_time, rule_time + dt.timedelta(days=1)))
            check_ins[index] = attrs.evolve(series, moved=tuple(sorted(moves)))
    with _planned(attrs.evolve(plan, check_ins=tuple(check_ins))):
        return civsam.export(report, "ics")


@settings(SLOW, max_examples=15)  # three exports an example
@given(with_history(), st.data())
def test_re_exports_cancel_what_went_once(project: Project, data: st.DataObject) -> None:
    """A, then B with previous=A, then C with previous=B, the project changing in between.

    Every event A planned is in B, planned (with at least its SEQUENCE) or cancelled
    (with a higher one); C cancels nothing B already cancelled, only what B planned.
    Each export may have check-ins moved by hand, so series with overrides come and go.
    """
    exports = [_with_moves(project, data)]
    partners = sorted(set(project.organisations) - {project.owner.id})
    for _ in range(2):
        settings_now = project.plan_settings
        assert settings_now.start is not None
        start = settings_now.start + dt.timedelta(days=data.draw(st.integers(-14, 60)))
        project.plan_settings = attrs.evolve(
            settings_now,
            start=start,
            capacity=data.draw(st.integers(1, 3)),
            check_in_weeks={q.value: data.draw(st.integers(0, 4)) for q in Quadrant},
        )
        touched = data.draw(st.lists(st.sampled_from(partners), max_size=2, unique=True))
        project.record(*(Touchpoint(p, start - dt.timedelta(days=1), "meeting") for p in touched))
        exports.append(_with_moves(project, data, exports[-1]))
        check_bytes(exports[-1])
        _sequences_follow(exports[-2], exports[-1])
    first, second, third = exports
    live_b, cancelled_b = _live(second), _cancelled(second)
    for key, sequence in _live(first).items():
        if key in live_b:
            assert live_b[key] >= sequence
        else:
            assert cancelled_b[key] > sequence
    assert not set(_cancelled(third)) & set(cancelled_b)
    assert set(_cancelled(third)) <= set(live_b)


# -- the exporter's contract and the command line -----------------------------------------------


def test_the_ics_exporter_keeps_civsam_s_promises() -> None:
    """check_exporter: bytes, deterministic, empty project, hostile text, privacy, unchanged."""
    assert civsam.exporters()["ics"] is ICS
    assert ICS.suffix == ".ics"
    assert ICS.media_type == "text/calendar; charset=utf-8"
    check_exporter(ICS, max_examples=15)


def test_the_command_line_exports_a_calendar(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """`civsam export example.toml -f ics --start 2027-01-04 --capacity 1` writes the plan."""
    argv = ["export", str(example_path), "-f", "ics", "--start", "2027-01-04", "--capacity", "1"]
    assert main(argv) == 0
    captured = capsysbinary.readouterr()
    # The example is Danish, so the command answers in Danish.
    assert captured.err.decode("utf-8") == "civsam: persondata i denne eksport: ingen fundet\n"
    wanted = export(civsam.load(example_path), plan_from=dt.date(2027, 1, 4), capacity=1)
    assert captured.out == wanted
    check_bytes(captured.out)
    occurrences = recurring_ical_events.of(parse(captured.out)).between(
        dt.date(2026, 1, 1), dt.date(2029, 1, 1)
    )
    timed = [o["DTSTART"].dt for o in occurrences if isinstance(o["DTSTART"].dt, dt.datetime)]
    assert timed
    assert min(timed).date() >= dt.date(2027, 1, 4)
    weeks = collections.Counter(start.isocalendar()[:2] for start in timed)
    assert max(weeks.values()) == 1, "capacity 1: one meeting a week, check-ins included"


def test_the_command_line_writes_a_file_and_keeps_its_uids(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """-o writes the calendar; exporting again to it with another start raises SEQUENCE."""
    out = example_path.parent / "plan.ics"
    assert main(["export", str(example_path), "-f", "ics", "-o", str(out)]) == 0
    first = out.read_bytes()
    err = capsysbinary.readouterr().err.decode("utf-8")
    size = f"{len(first):,}".replace(",", ".")  # Danish groups thousands with points
    assert err.endswith(f"Skrev {out} (ics, {size} bytes)\n")
    argv = ["export", str(example_path), "-f", "ics", "-o", str(out), "--capacity", "1"]
    assert main(argv) == 0
    capsysbinary.readouterr()
    seen = _sequences_follow(first, out.read_bytes())
    assert seen["moved"] + seen["cancelled"]
