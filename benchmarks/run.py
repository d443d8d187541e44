"""civsam's benchmarks: each step timed against a plain baseline doing the same work.

Run with ``nox -s bench`` (or ``python benchmarks/run.py``). Every step is run several
times, alternating civsam and its baseline so that a busy machine slows both alike; the
table shows medians and the ratio civsam / baseline, which is what targets are set on,
since absolute times on shared machines are noise.

    python benchmarks/run.py --size 100000 --repeat 5
    python benchmarks/run.py --size 5000 --check   # the CI regression guard
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import io
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import icalendar
from national import national

import civsam


class Step(NamedTuple):
    """One benchmark: civsam's way and the baseline's, with the target ratio."""

    name: str
    civsam: Callable[[], object]
    baseline: Callable[[], object]
    target: float


def _median_pair(step: Step, repeat: int) -> tuple[float, float]:
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        for run, times in ((step.baseline, theirs), (step.civsam, ours)):
            gc.collect()
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
    return statistics.median(ours), statistics.median(theirs)


_ORDER = {"start_here": 0, "discuss": 1, "not_now": 2, "not_worth_it": 3}


def _plain_prioritise(rows: list[tuple[str, int, int]]) -> list[tuple[Any, ...]]:
    """Classify and sort, nothing else: the floor any prioritisation has to pay."""
    placed = []
    for partner, importance, ease in rows:
        important, easy = importance >= 4, ease >= 4
        if important:
            quadrant = "start_here" if easy else "discuss"
        else:
            quadrant = "not_now" if easy else "not_worth_it"
        placed.append((_ORDER[quadrant], -(importance + ease), -importance, -ease, partner))
    placed.sort()
    return placed


_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _plain_csv(
    ranked: list[tuple[int, str, dict[str, Any]]],
    organisations: dict[str, dict[str, Any]],
    labels: dict[str, str],
) -> bytes:
    """Plain Python writing the same table with csv.writer, from plain dicts.

    The same work as civsam's exporter: look up each partner, fill the same columns,
    neutralise would-be formulas, write with csv.writer, UTF-8 with BOM and ``;``.
    """

    def cell(text: str) -> str:
        return "'" + text if text.startswith(_RISKY_START) else text

    out = io.BytesIO()
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    for rank, quadrant, row in ranked:
        organisation = organisations[row["partner"]]
        writer.writerow(
            [
                str(rank),
                labels[quadrant],
                cell(organisation["id"]),
                cell(organisation["name"]),
                labels[organisation["kind"]],
                cell(row.get("shared_interest", "")),
                str(row["importance"]),
                cell(row.get("importance_note", "")),
                str(row["ease"]),
                cell(row.get("ease_note", "")),
                cell(row.get("challenges", "")),
                cell(row.get("existing_relation", "")),
                "",
                cell(row.get("notes", "")),
            ]
        )
    text.flush()
    text.detach()
    return out.getvalue()


CALENDAR_PARTNERS = 5_000
"""Assessed partners in the calendar benchmark, all in *start here* or *discuss*."""


def _calendar_project(partners: int) -> civsam.Project:
    """A national-style project whose partners all get first meetings or check-ins.

    Every partner is important (start here or discuss); three in five have been in touch
    (a touchpoint before the start), so they get check-ins and evaluations instead.
    """
    data = national(organisations=partners + 98, relations=partners, assessments=partners)
    rng = random.Random(5545)  # noqa: S311 - reproducible benchmark data
    start = dt.date(2027, 1, 4)
    for row in data["assessments"]:
        row["importance"] = rng.randint(4, 5)
    data["planning"] = {"start": start.isoformat(), "capacity": 40}
    data["touchpoints"] = [
        {
            "partner": row["partner"],
            "date": (start - dt.timedelta(days=rng.randint(1, 90))).isoformat(),
            "kind": "meeting",
        }
        for row in data["assessments"]
        if rng.random() < 0.6
    ]
    return civsam.loads(json.dumps(data), "json")


def _plain_calendar_data(data: bytes) -> list[tuple[str, dict[str, Any], str | None]]:
    """The events as plain Python values (str, datetime, timedelta, lists), once, untimed."""
    plain: list[tuple[str, dict[str, Any], str | None]] = []
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        values: dict[str, Any] = {}
        for name in ("SUMMARY", "DESCRIPTION", "UID", "X-CIVSAM-KIND"):
            values[name] = str(event[name])
        for name in ("DTSTART", "DTEND", "DURATION"):
            if name in event:
                values[name] = event[name].dt
        values["DTSTAMP"] = event["DTSTAMP"].dt
        values["SEQUENCE"] = int(event["SEQUENCE"])
        if "RRULE" in event:
            rule = event["RRULE"]
            values["RRULE"] = {
                "freq": rule["FREQ"][0],
                "interval": rule["INTERVAL"][0],
                "until": rule["UNTIL"][0],
            }
        if "EXDATE" in event:
            values["EXDATE"] = [when.dt for when in event["EXDATE"].dts]
        alarms = event.walk("VALARM")
        plain.append(
            (values["X-CIVSAM-KIND"], values, str(alarms[0]["DESCRIPTION"]) if alarms else None)
        )
    return plain


def _plain_timezone() -> icalendar.Timezone:
    zone = icalendar.Timezone()
    zone.add("tzid", "Europe/Copenhagen")
    zone.add("x-lic-location", "Europe/Copenhagen")
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


def _plain_calendar(
    plain: list[tuple[str, dict[str, Any], str | None]], header: dict[str, str], reminder: int
) -> bytes:
    """Plain icalendar building the same events from plain data: the floor for the step."""
    calendar = icalendar.Calendar()
    for name, value in header.items():
        calendar.add(name, value)
    calendar.add_component(_plain_timezone())
    for _, values, alarm_text in plain:
        event = icalendar.Event()
        for name, value in values.items():
            event.add(name, value)
        if alarm_text is not None:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", -dt.timedelta(days=reminder))
            alarm.add("description", alarm_text)
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def steps(size: int) -> list[Step]:
    """The benchmarks for a project of ``size`` organisations and assessments."""
    data = national(organisations=size, relations=size * 3, assessments=size)
    project = civsam.loads(json.dumps(data), "json")
    rows = [(a["partner"], a["importance"], a["ease"]) for a in data["assessments"]]
    report = civsam.make_report(project)
    civsam.export(report, "csv")  # both sides start from a ranking already made
    by_id = {org["id"]: org for org in data["organisations"]}
    by_partner = {row["partner"]: row for row in data["assessments"]}
    ranked = [(p.rank, p.quadrant.value, by_partner[p.partner.id]) for p in report.prioritisation]
    labels = {q.value: civsam.label(f"quadrant.{q.value}") for q in civsam.Quadrant}
    labels |= {k.value: civsam.label(f"org_kind.{k.value}") for k in civsam.OrgKind}
    calendar_project = _calendar_project(CALENDAR_PARTNERS)
    calendar_report = civsam.make_report(calendar_project)
    calendar_bytes = civsam.export(calendar_report, "ics")
    plain_events = _plain_calendar_data(calendar_bytes)
    parsed = icalendar.Calendar.from_ical(calendar_bytes)
    header = {name: str(parsed[name]) for name in ("PRODID", "VERSION", "CALSCALE", "UID",
                                                     "NAME", "X-WR-CALNAME")}  # fmt: skip
    reminder = calendar_project.planning.reminder_days

    def civsam_calendar() -> bytes:
        # A fresh report over the same ranking: the plan is made again each run.
        fresh = civsam.Report(
            calendar_project, calendar_report.prioritisation, calendar_report.language
        )
        return civsam.export(fresh, "ics")

    return [
        Step(
            "prioritise",
            lambda: civsam.prioritise(project),
            lambda: _plain_prioritise(rows),
            1.5,
        ),
        Step(
            "export csv",
            lambda: civsam.export(report, "csv"),
            lambda: _plain_csv(ranked, by_id, labels),
            1.5,
        ),
        Step(
            "calendar",
            civsam_calendar,
            lambda: _plain_calendar(plain_events, header, reminder),
            1.5,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table; with ``--check``, fail on a missed target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="organisations (100000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per step (5)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--margin",
        type=float,
        default=1.0,
        help="multiply targets by this with --check (noisy machines)",
    )
    args = parser.parse_args(argv)
    print(
        f"civsam {civsam.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {args.size:,} organisations, median of {args.repeat}"
    )
    print(f"{'step':<24}{'civsam':>12}{'baseline':>12}{'ratio':>8}{'target':>8}")
    missed = []
    for step in steps(args.size):
        ours, theirs = _median_pair(step, args.repeat)
        ratio = ours / theirs
        mark = "" if ratio <= step.target else "  missed"
        print(
            f"{step.name:<24}{ours * 1000:>10.1f}ms{theirs * 1000:>10.1f}ms"
            f"{ratio:>8.2f}{step.target:>8.2f}{mark}"
        )
        if ratio > step.target * args.margin:
            missed.append(step.name)
    if args.check and missed:
        print(f"missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
