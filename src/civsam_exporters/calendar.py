r"""The plan as an iCalendar file (RFC 5545), for Outlook, Google Calendar and Apple Calendar.

One event per planned first meeting (with a reminder to prepare), one recurring event
per check-in series (holidays left out with ``EXDATE``) and one all-day event per
evaluation. Times are Danish local time with one RRULE-style ``VTIMEZONE`` for
Europe/Copenhagen (Outlook has shifted events by an hour with the RDATE-style zones
``icalendar`` generates).

The file is byte-stable: UIDs are ``uuid5`` of :data:`NAMESPACE` and a stable key
(owner, project, kind of event, partner, evaluation number), ``DTSTAMP`` comes from
``SOURCE_DATE_EPOCH`` or the plan's first day, never the clock, and ``PRODID`` and the
calendar's own ``UID`` are explicit. When the export replaces an earlier one
(:attr:`civsam.Report.previous`), each event keeps its ``SEQUENCE`` where its time
stayed and gets one more where it moved, so calendar programs update it in place.

Text is escaped here, not by ``icalendar``: ``icalendar`` 7.3 writes a literal ``\N``
(``C:\Nye``) as a line break. Control characters a calendar may not hold are removed
and a CR or CRLF becomes a line break, the one kind iCalendar has. No ``ORGANIZER`` or
``ATTENDEE`` is ever written; contact persons appear in descriptions only with
``include_contacts``.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Iterator
from typing import BinaryIO, ClassVar

import attrs
import icalendar

import civsam
from civsam import (
    CheckIn,
    Checklist,
    Language,
    Meeting,
    Milestone,
    Organisation,
    Quadrant,
    Report,
    hookimpl,
    label,
)

__all__ = [
    "ICS",
    "NAMESPACE",
    "TZID",
    "CalendarExporter",
    "build",
    "civsam_exporters",
    "text",
    "timezone",
    "uid",
]

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://civsam.readthedocs.io/calendar")
"""The fixed namespace of every civsam calendar UID (``uuid5(NAMESPACE, key)``)."""

TZID = "Europe/Copenhagen"
"""The one time zone the calendar uses: civsam plans in Danish local time."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})
_UTC = dt.UTC
_TIMING = ("DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE")
_OUTREACH_STEPS = ("shared_goals", "their_agenda", "prepare")
_PRODID = re.compile(rb"PRODID:-//civsam//civsam [^/]+//(?:DA|EN)")
_PROPERTIES = 8
"""How many lines of the calendar's own properties ``recognises`` looks through."""


class _Text(icalendar.vText):
    """A TEXT value escaped exactly as RFC 5545 says, so it reads back unchanged.

    ``icalendar``'s own escaping first turns a literal backslash-N into a line break;
    this one only escapes backslash, ``;``, ``,`` and line breaks.
    """

    __slots__ = ()

    def to_ical(self) -> bytes:
        return self.translate(_ESCAPES).encode("utf-8")


def text(value: str) -> icalendar.vText:
    r"""Text for a calendar property: control characters removed, line breaks kept.

    CR and CRLF become LF (iCalendar has one kind of line break); everything else,
    ``\``, ``;``, ``,``, ``"``, ``:``, Danish letters and emoji included, reads back as
    it was.
    """
    cleaned = _CONTROL.sub("", value)
    if "\r" in cleaned:
        cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    return _Text(cleaned)


def uid(report: Report, kind: str, partner: str = "", number: int | None = None) -> str:
    """The deterministic UID of an event (``kind`` ``"outreach"``, ``"check-in"``, …).

    ``uuid5`` of :data:`NAMESPACE` and the owner's id, the project's name, the kind, the
    partner's id and the evaluation's number: hex digits and dashes, no names.
    """
    project = report.project
    parts = [project.owner.id, project.name, kind, partner]
    if number is not None:
        parts.append(str(number))
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


def timezone() -> icalendar.Timezone:
    """Europe/Copenhagen as an RRULE-style VTIMEZONE (CET/CEST, EU rules since 1996)."""
    zone = icalendar.Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    # DTSTART of a zone's rule is local time, without a zone: naive by design.
    for part, start, month, before, after, name in (
        (icalendar.TimezoneDaylight, dt.datetime(1970, 3, 29, 2), 3, 1, 2, "CEST"),  # noqa: DTZ001
        (icalendar.TimezoneStandard, dt.datetime(1970, 10, 25, 3), 10, 2, 1, "CET"),  # noqa: DTZ001
    ):
        rule = part()
        rule.add("dtstart", start)
        rule.add("rrule", {"freq": "YEARLY", "bymonth": month, "byday": "-1SU"})
        rule.add("tzoffsetfrom", dt.timedelta(hours=before))
        rule.add("tzoffsetto", dt.timedelta(hours=after))
        rule.add("tzname", name)
        zone.add_component(rule)
    return zone


def _signature(event: icalendar.Component) -> tuple[tuple[str, bytes, str], ...]:
    """When an event happens, comparable between a fresh event and one read from a file."""
    parts: list[tuple[str, bytes, str]] = []
    for name in _TIMING:
        value = event.get(name)
        values = value if isinstance(value, list) else [] if value is None else [value]
        parts.extend(
            sorted((name, item.to_ical(), str(item.params.get("TZID", ""))) for item in values)
        )
    return tuple(parts)


def _previous(data: bytes | None) -> dict[str, tuple[int, tuple[tuple[str, bytes, str], ...]]]:
    """UID → (SEQUENCE, timing) of the events in an earlier export; empty if unreadable."""
    if not data:
        return {}
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, TypeError, KeyError, IndexError):
        return {}  # not iCalendar (another format was at the path): start afresh
    found: dict[str, tuple[int, tuple[tuple[str, bytes, str], ...]]] = {}
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            try:
                sequence = int(event.get("SEQUENCE", 0))
                found[str(event["UID"])] = (max(sequence, 0), _signature(event))
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # an event civsam did not write: it cannot keep a sequence
    return found


class _Writer:
    """Builds the calendar of one report: labels looked up once, shared values made once.

    Properties are set as ready ``icalendar`` values rather than through ``add()``, and
    values every event shares (DTSTAMP, the kind, a zero SEQUENCE, DURATION, the alarm's
    ACTION and TRIGGER) are made once: with thousands of events, ``add()`` costs about as
    much as writing the file.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self.language = report.language
        generated = report.generated
        stamp = (
            generated.astimezone(_UTC)
            if generated is not None
            else dt.datetime.combine(report.plan.start, dt.time(0), _UTC)
        )
        self.stamp = icalendar.vDDDTypes(stamp)
        self.kinds = {kind: icalendar.vText(kind) for kind in CalendarExporter.kinds}
        self.zero = icalendar.vInt(0)
        self.previous = _previous(report.previous)
        self.contacts = report.include_contacts
        self.quadrants = {q: label(f"quadrant.{q.value}", self.language) for q in Quadrant}

    def _label(self, key: str, **values: object) -> str:
        return label(key, self.language, **values)

    def _contact(self, partner: Organisation) -> str:
        """The contact person's line, or "" when contacts are left out or unknown."""
        if not self.contacts:
            return ""
        report = self.report
        person = report.contact_person(partner)
        name = report.contact_name(partner.id) or (person.name if person else "")
        parts = [name]
        if person is not None:
            parts += [person.email or "", person.phone or ""]
        shown = ", ".join(part for part in parts if part)
        return f"{self._label('column.contact')}: {shown}" if shown else ""

    def _event(self, kind: str, key: str, summary: str, description: str) -> icalendar.Event:
        event = icalendar.Event()
        event["SUMMARY"] = text(summary)
        event["DTSTAMP"] = self.stamp
        event["UID"] = icalendar.vText(key)
        event["DESCRIPTION"] = text(description)
        event["X-CIVSAM-KIND"] = self.kinds[kind]
        return event

    def _sequenced(self, event: icalendar.Event) -> icalendar.Event:
        """Set SEQUENCE: 0 for a new event, one more than before if its time moved."""
        before = self.previous.get(str(event["UID"]))
        if before is None:
            event["SEQUENCE"] = self.zero
        else:
            sequence, timing = before
            moved = timing != _signature(event)
            event["SEQUENCE"] = icalendar.vInt(sequence + 1 if moved else sequence)
        return event

    def meetings(self, meetings: Iterable[Meeting]) -> Iterator[icalendar.Event]:
        """One event per first meeting, with a reminder to prepare."""
        assessments = self.report.project.assessments
        rank_label = self._label("column.rank")
        interest_label = self._label("column.shared_interest")
        advice = "\n".join(
            f"{n}. {self._label(f'outreach.{step}')}: {self._label(f'outreach.{step}.advice')}"
            for n, step in enumerate(_OUTREACH_STEPS, 1)
        )
        reminder = self.report.plan.settings.reminder_days
        action = icalendar.vText("DISPLAY")
        trigger = icalendar.vDDDTypes(-dt.timedelta(days=reminder))
        for meeting in meetings:
            partner = meeting.partner
            lines = [f"{self.quadrants[meeting.quadrant]} · {rank_label} {meeting.rank}"]
            assessment = assessments.get(partner.id)
            if assessment is not None and assessment.shared_interest:
                lines.append(f"{interest_label}: {assessment.shared_interest}")
            lines += ["", advice]
            contact = self._contact(partner)
            if contact:
                lines += ["", contact]
            event = self._event(
                "outreach",
                uid(self.report, "outreach", partner.id),
                self._label("plan.first_meeting", name=partner.name),
                "\n".join(lines),
            )
            event["DTSTART"] = icalendar.vDDDTypes(meeting.start)
            event["DTEND"] = icalendar.vDDDTypes(meeting.end)
            if reminder > 0:
                alarm = icalendar.Alarm()
                alarm["ACTION"] = action
                alarm["DESCRIPTION"] = text(self._label("plan.prepare", name=partner.name))
                alarm["TRIGGER"] = trigger
                event.add_component(alarm)
            yield self._sequenced(event)

    def check_ins(self, check_ins: Iterable[CheckIn]) -> Iterator[icalendar.Event]:
        """One recurring event per check-in series, at the same local time all year."""
        advice = (
            f"{self._label('outreach.maintain_contact')}: "
            f"{self._label('outreach.maintain_contact.advice')}"
        )
        every = {1: self._label("plan.every_week")}
        durations: dict[dt.timedelta, icalendar.vDDDTypes] = {}
        for series in check_ins:
            partner = series.partner
            weeks = series.every_weeks
            if weeks not in every:
                every[weeks] = self._label("plan.every_weeks", weeks=weeks)
            if series.duration not in durations:
                durations[series.duration] = icalendar.vDDDTypes(series.duration)
            lines = [f"{self.quadrants[series.quadrant]} · {every[weeks]}", "", advice]
            contact = self._contact(partner)
            if contact:
                lines += ["", contact]
            event = self._event(
                "check-in",
                uid(self.report, "check-in", partner.id),
                self._label("plan.check_in", name=partner.name),
                "\n".join(lines),
            )
            event["DTSTART"] = icalendar.vDDDTypes(series.first)
            event["DURATION"] = durations[series.duration]
            # UNTIL in UTC: with a zoned DTSTART, RFC 5545 allows nothing else (icalendar
            # would write the local time it is given).
            until = series.last.astimezone(_UTC)
            event["RRULE"] = icalendar.vRecur(freq="WEEKLY", interval=weeks, until=until)
            if series.skipped:
                event["EXDATE"] = icalendar.vDDDLists(list(series.skipped))
            yield self._sequenced(event)

    def _agenda(self, progress: Checklist) -> list[str]:
        """The next review's agenda: the red and amber checklist items, with their notes."""
        if progress.last_review is None:
            return [self._label("review.not_reviewed")]
        lines = [self._label("review.last_review", date=progress.last_review.isoformat())]
        if not progress.agenda:
            return [*lines, self._label("review.agenda_empty")]
        lines.append(f"{self._label('review.agenda')}:")
        for item in progress.agenda:
            status = self._label(f"item_status.{item.status.value}") if item.status else ""
            note = item.latest.note if item.latest is not None else ""
            line = f"- {self._label(item.label_key)}: {status}"
            lines.append(f"{line} – {note}" if note else line)
        return lines

    def milestones(self, milestones: Iterable[Milestone]) -> Iterator[icalendar.Event]:
        """One all-day event per evaluation; the next one lists what to talk about."""
        advice = (
            f"{self._label('checklist.evaluate_and_adjust')}: "
            f"{self._label('checklist.evaluate_and_adjust.advice')}"
        )
        not_reviewed = [self._label("review.not_reviewed")]
        checklists = {checklist.partner.id: checklist for checklist in self.report.checklists}
        day = dt.timedelta(days=1)
        for milestone in milestones:
            partner = milestone.partner
            lines = [advice]
            if milestone.number == 1:
                lines.append("")
                progress = checklists.get(partner.id)
                lines += self._agenda(progress) if progress is not None else not_reviewed
            contact = self._contact(partner)
            if contact:
                lines += ["", contact]
            event = self._event(
                "evaluation",
                uid(self.report, "evaluation", partner.id, milestone.number),
                self._label("plan.evaluation", name=partner.name),
                "\n".join(lines),
            )
            event["DTSTART"] = icalendar.vDDDTypes(milestone.date)
            event["DTEND"] = icalendar.vDDDTypes(milestone.date + day)
            yield self._sequenced(event)

    def calendar(self) -> icalendar.Calendar:
        """The whole calendar: its own properties, the time zone, then every event."""
        report, plan = self.report, self.report.plan
        calendar = icalendar.Calendar()
        suffix = "DA" if self.language is Language.DA else "EN"
        calendar.add("prodid", f"-//civsam//civsam {civsam.__version__}//{suffix}")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("uid", uid(report, "calendar"))
        calendar.add("name", text(report.project.name))
        calendar.add("x-wr-calname", text(report.project.name))
        calendar.add_component(timezone())
        for events in (
            self.meetings(plan.meetings),
            self.check_ins(plan.check_ins),
            self.milestones(plan.milestones),
        ):
            for event in events:
                calendar.add_component(event)
        return calendar


def build(report: Report) -> icalendar.Calendar:
    """The report's plan as an ``icalendar.Calendar``, for a plugin that adds to it.

    Events share some property values (DTSTAMP, the kind, DURATION, …): replace a
    property rather than changing its value or parameters in place.
    """
    return _Writer(report).calendar()


@attrs.frozen
class CalendarExporter:
    """The plan as an iCalendar file (see the module's description)."""

    name: str = "ics"
    suffix: str = ".ics"
    media_type: str = "text/calendar; charset=utf-8"
    kinds: ClassVar[tuple[str, ...]] = ("outreach", "check-in", "evaluation")
    """The values of ``X-CIVSAM-KIND``: first meeting, check-in, evaluation."""

    def export(self, report: Report, out: BinaryIO) -> None:
        """Write the calendar: UTF-8 without a byte-order mark, CRLF, folded lines."""
        out.write(build(report).to_ical())

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` begins a calendar civsam wrote: its ``PRODID`` says so.

        The ``PRODID`` must be among the calendar's own properties, before its first
        component; any civsam version and either language counts. A calendar another
        program wrote, even from civsam's events, has that program's ``PRODID``.
        """
        first, *rest = data.split(b"\n", _PROPERTIES + 1)[: _PROPERTIES + 1]
        if first.removesuffix(b"\r") != b"BEGIN:VCALENDAR":
            return False
        for line in (line.removesuffix(b"\r") for line in rest):
            if _PRODID.fullmatch(line):
                return True
            if line.startswith(b"BEGIN:"):
                return False
        return False


ICS = CalendarExporter()


@hookimpl
def civsam_exporters() -> list[CalendarExporter]:
    """The iCalendar plan."""
    return [ICS]
