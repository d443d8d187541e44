r"""The plan as an iCalendar file (RFC 5545), for Outlook, Google Calendar and Apple Calendar.

One event per planned first meeting (with a reminder to prepare), one recurring event
per check-in series (holidays left out with ``EXDATE``) and one all-day event per
evaluation. Times are Danish local time with one RRULE-style ``VTIMEZONE`` for
Europe/Copenhagen (Outlook has shifted events by an hour with the RDATE-style zones
``icalendar`` generates).

The file is byte-stable: UIDs are ``uuid5`` of :data:`NAMESPACE` and a stable key
(owner, project, kind of event, partner, evaluation number), ``DTSTAMP`` comes from
``SOURCE_DATE_EPOCH`` or the plan's first day, never the clock, and ``PRODID`` and the
calendar's own ``UID`` are explicit.

A check-in the plan moved off its rule's time (a holiday, a closed period, a full week)
is an override of its series: a ``VEVENT`` with the series' UID, ``RECURRENCE-ID`` the
rule's time and ``DTSTART`` the time it moved to.

When the export replaces an earlier one (:attr:`civsam.Report.previous`), it is an
update, not a new file. A series and its overrides are one unit: it keeps its
``SEQUENCE`` where nothing about its time or status changed, and all its events get one
more where something did, so calendar programs update it in place. An event of the
earlier export that is no longer planned is written once more, ``STATUS:CANCELLED``,
with one more ``SEQUENCE`` and its old time, summary and kind (its description is a
fixed note: nothing personal is read back from the old file), so a subscribed or
re-imported calendar stops showing it; the export after that leaves it out.

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
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO, ClassVar
from zoneinfo import ZoneInfo

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
    toolkit,
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

_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})
_UTC = dt.UTC
_SIGNIFICANT = ("RECURRENCE-ID", "DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "STATUS")
"""What makes a change a revision of an event (RFC 5545 3.8.7.4): its time and status."""
_CIVSAM_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
_FREQUENCIES = frozenset(("DAILY", "WEEKLY", "MONTHLY", "YEARLY"))
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
    cleaned = toolkit.clean(value, target="text", lines=True)
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


_Signature = tuple[tuple[str, bytes, str], ...]


def _signature(event: icalendar.Component) -> _Signature:
    """When an event happens, and whether: comparable between fresh and read-back events."""
    parts: list[tuple[str, bytes, str]] = []
    for name in _SIGNIFICANT:
        value = event.get(name)
        values = value if isinstance(value, list) else [] if value is None else [value]
        parts.extend(
            sorted((name, item.to_ical(), str(item.params.get("TZID", ""))) for item in values)
        )
    return tuple(parts)


def _series(events: Iterable[icalendar.Component]) -> tuple[_Signature, ...]:
    """The signature of a series: its master's and its overrides', in a fixed order."""
    return tuple(sorted(_signature(event) for event in events))


@attrs.frozen
class _Before:
    """A series (one UID: the event and its overrides) as the earlier export had it."""

    sequence: int
    timing: tuple[_Signature, ...]
    kind: str
    """Its ``X-CIVSAM-KIND``; "" when it has no master event (then it is not civsam's)."""
    cancelled: bool
    events: tuple[icalendar.Component, ...]
    """The master first, then the overrides by ``RECURRENCE-ID``."""


def _order(event: icalendar.Component) -> tuple[bool, bytes]:
    recurrence = event.get("RECURRENCE-ID")
    return (recurrence is not None, b"" if recurrence is None else recurrence.to_ical())


def _previous(data: bytes | None) -> dict[str, _Before]:
    """UID → the series of that UID in an earlier export; empty if unreadable.

    Components are grouped by UID, since a moved check-in's override shares its series'
    UID. A series with a part that cannot be read (no UID, a broken SEQUENCE) is left
    out: it cannot keep a sequence.
    """
    if not data:
        return {}
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, TypeError, KeyError, IndexError):
        return {}  # not iCalendar (another format was at the path): start afresh
    groups: dict[str, list[icalendar.Component]] = {}
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            key = event.get("UID")
            if key is not None:
                groups.setdefault(str(key), []).append(event)
    found: dict[str, _Before] = {}
    for key, events in groups.items():
        try:
            sequence = max(int(event.get("SEQUENCE", 0)) for event in events)
            if len(events) == 1:  # the usual case: no overrides
                timing: tuple[_Signature, ...] = (_signature(events[0]),)
            else:
                timing = _series(events)
                events.sort(key=_order)
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # an event civsam did not write: it cannot keep a sequence
        master = events[0] if "RECURRENCE-ID" not in events[0] else None
        kind = str(master.get("X-CIVSAM-KIND", "")) if master is not None else ""
        status = str(master.get("STATUS", "")) if master is not None else ""
        cancelled = status.upper() == "CANCELLED"
        found[key] = _Before(max(sequence, 0), timing, kind, cancelled, tuple(events))
    return found


class _UnusableError(ValueError):
    """A value of an earlier export that a cancelled event cannot be rebuilt from."""


def _checked(value: object) -> dt.date | dt.timedelta:
    """A time read back from an earlier export, if it is of a kind civsam writes.

    A day, a duration, or a time in Europe/Copenhagen: every ``TZID`` the calendar
    names must have its ``VTIMEZONE``, and that is the one it has.
    """
    if isinstance(value, dt.datetime):
        zone = value.tzinfo
        if not (isinstance(zone, ZoneInfo) and zone.key == TZID):
            raise _UnusableError(value)
    elif not isinstance(value, dt.date | dt.timedelta):
        raise _UnusableError(value)
    return value


def _rule(value: object) -> icalendar.vRecur:
    """An RRULE read back, kept only in the form civsam writes: FREQ, INTERVAL, UTC UNTIL."""
    if not isinstance(value, icalendar.vRecur) or not set(value) <= {"FREQ", "INTERVAL", "UNTIL"}:
        raise _UnusableError(value)
    (freq,) = value.get("FREQ", [None])
    if freq not in _FREQUENCIES:
        raise _UnusableError(value)
    parts: dict[str, object] = {"FREQ": freq}
    for interval in value.get("INTERVAL", []):
        if not isinstance(interval, int) or interval < 1:
            raise _UnusableError(value)
        parts["INTERVAL"] = interval
    for until in value.get("UNTIL", []):
        if not isinstance(until, dt.datetime) or until.utcoffset() != dt.timedelta(0):
            raise _UnusableError(value)
        parts["UNTIL"] = until.astimezone(_UTC)
    return icalendar.vRecur(parts)


def _exdates(value: object) -> icalendar.vDDDLists:
    """EXDATE read back (one line or several) as one line of checked times."""
    lines = value if isinstance(value, list) else [value]
    found: list[dt.date] = []
    for line in lines:
        if not isinstance(line, icalendar.vDDDLists):
            raise _UnusableError(value)
        for item in line.dts:
            when = _checked(item.dt)
            if not isinstance(when, dt.date):
                raise _UnusableError(value)
            found.append(when)
    return icalendar.vDDDLists(found)


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
        # The UIDs written so far: what the earlier export had and these lack is cancelled.
        self.live: set[str] = set()
        self._label = toolkit.Labels(self.language)
        self.quadrants = {q: self._label.quadrant(q) for q in Quadrant}

    def _contact(self, partner: Organisation) -> str:
        """The contact person's line, or "" when contacts are left out or unknown."""
        shown = ", ".join(toolkit.contact_details(self.report, partner).shown)
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
        """Set SEQUENCE of a single event (see :meth:`_sequence`)."""
        self._sequence((event,))
        return event

    def _sequence(self, series: Sequence[icalendar.Event]) -> None:
        """Set SEQUENCE of a series (an event and its overrides), which is one unit.

        0 when new; as before when its time and status are as before; else one more for
        all of its events, so no override lags behind its master.
        """
        key = str(series[0]["UID"])
        if self.previous:
            self.live.add(key)
        before = self.previous.get(key)
        if before is None:
            sequence = self.zero
        elif before.timing == _series(series):
            sequence = icalendar.vInt(before.sequence)
        else:
            sequence = icalendar.vInt(before.sequence + 1)
        for event in series:
            event["SEQUENCE"] = sequence

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
            duration = durations[series.duration]
            event["DTSTART"] = icalendar.vDDDTypes(series.first)
            event["DURATION"] = duration
            # UNTIL in UTC: with a zoned DTSTART, RFC 5545 allows nothing else (icalendar
            # would write the local time it is given).
            until = series.last.astimezone(_UTC)
            event["RRULE"] = icalendar.vRecur(freq="WEEKLY", interval=weeks, until=until)
            if series.skipped:
                event["EXDATE"] = icalendar.vDDDLists(list(series.skipped))
            units = [event]
            for rule_time, new_time in sorted(series.moved):
                moved = self._event(
                    "check-in",
                    str(event["UID"]),
                    str(event["SUMMARY"]),
                    "\n".join(
                        [
                            self._label("calendar.moved", when=toolkit.local_time(rule_time)),
                            "",
                            *lines,
                        ]
                    ),
                )
                moved["RECURRENCE-ID"] = icalendar.vDDDTypes(rule_time)
                moved["DTSTART"] = icalendar.vDDDTypes(new_time)
                moved["DURATION"] = duration
                units.append(moved)
            self._sequence(units)
            yield from units

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

    def cancelled(self) -> Iterator[icalendar.Event]:
        """The earlier export's events that are no longer planned, cancelled, by UID.

        Written once: one the earlier export already cancelled is left out. Only the
        time, summary and kind are read back (a series' overrides too); the description
        is a fixed note, so no contact person ever comes back from the old file.
        """
        note = text(self._label("calendar.cancelled"))
        status = icalendar.vText("CANCELLED")
        for key in sorted(self.previous.keys() - self.live):
            before = self.previous[key]
            if before.cancelled or before.kind not in self.kinds:
                continue
            if not _CIVSAM_UID.fullmatch(key):
                continue
            sequence = icalendar.vInt(before.sequence + 1)
            try:
                events = [self._cancel(key, old, before.kind) for old in before.events]
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # edited by hand into something civsam does not write
            for event in events:
                event["DESCRIPTION"] = note
                event["STATUS"] = status
                event["SEQUENCE"] = sequence
            yield from events

    def _cancel(self, key: str, old: icalendar.Component, kind: str) -> icalendar.Event:
        """An event rebuilt from an earlier export's: its time, summary and kind only."""
        event = icalendar.Event()
        event["SUMMARY"] = text(str(old["SUMMARY"]))
        event["DTSTAMP"] = self.stamp
        event["UID"] = icalendar.vText(key)
        event["X-CIVSAM-KIND"] = self.kinds[kind]
        for name in ("RECURRENCE-ID", "DTSTART", "DTEND", "DURATION"):
            value = old.get(name)
            if value is not None:
                event[name] = icalendar.vDDDTypes(_checked(value.dt))
        if "DTSTART" not in event:
            raise _UnusableError(key)
        if "RRULE" in old:
            event["RRULE"] = _rule(old["RRULE"])
        if "EXDATE" in old:
            event["EXDATE"] = _exdates(old["EXDATE"])
        return event

    def calendar(self) -> icalendar.Calendar:
        """The whole calendar: its properties, the time zone, every event, then the cancelled."""
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
        for event in self.cancelled():
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
