"""The calendar: ``plan`` (first meetings, check-ins, evaluations) and ``due`` (who to contact)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TextIO

import civsam
from civsam import Language, prioritise
from civsam.cli._columns import table, wrap, write_lines
from civsam.cli._errors import EXIT_OK
from civsam.cli._loading import load
from civsam.cli._options import planning_options, project_argument, today_option
from civsam.cli._parser import Commands
from civsam.labels import Choices, label

__all__ = ["add_due", "add_plan"]


def _weekday(day: dt.date, language: Language) -> str:
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    return label(f"weekday.{names[day.weekday()]}", language)


def _plan(args: argparse.Namespace, out: TextIO) -> int:
    project = load(args)
    language: Language = args.language
    start = args.start or project.plan_settings.start or dt.date.today()  # noqa: DTZ011 - documented
    # Derived scores measure relations against the plan's first day, so a plan is the
    # same whenever it is printed.
    ranking = prioritise(project, as_of=start, language=language)
    schedule = civsam.plan(project, ranking, as_of=start, capacity=args.capacity)
    none = label("matrix.empty", language)
    partner = label("column.partner", language)
    lines = [
        f"{label('report.plan', language)}: {project.name}",
        *wrap(
            label(
                "plan.capacity",
                language,
                capacity=schedule.settings.capacity,
                start=schedule.start.isoformat(),
            )
        ),
        *(
            line
            for first, last in schedule.closed
            for line in wrap(
                label(
                    "plan.closed_period", language, first=first.isoformat(), last=last.isoformat()
                )
            )
        ),
        "",
        label("plan.title", language),
    ]
    if schedule.meetings:
        lines += table(
            [
                label("column.date", language),
                label("column.weekday", language),
                label("column.time", language),
                label("column.rank", language),
                partner,
                label("column.quadrant", language),
            ],
            [
                [
                    meeting.start.date().isoformat(),
                    _weekday(meeting.start.date(), language),
                    f"{meeting.start:%H:%M}",
                    str(meeting.rank),
                    meeting.partner.name,
                    label(f"quadrant_short.{meeting.quadrant.value}", language),
                ]
                for meeting in schedule.meetings
            ],
            flexible=4,
            right={3},
        )
    elif not schedule.unscheduled:
        lines.append(label("plan.none", language))
    if schedule.unscheduled:
        names = Choices((partner.name for partner in schedule.unscheduled), "and")
        lines += wrap(
            label("plan.unscheduled", language, end=schedule.end.isoformat(), names=names)
        )
    lines += ["", label("plan.check_ins", language)]
    if schedule.check_ins:
        lines += table(
            [partner, label("column.every", language), label("column.first", language)],
            [
                [
                    check_in.partner.name,
                    label("plan.every_week", language)
                    if check_in.every_weeks == 1
                    else label("plan.every_weeks", language, weeks=check_in.every_weeks),
                    f"{check_in.occurrences()[0]:%Y-%m-%d %H:%M}",
                ]
                for check_in in schedule.check_ins
                if check_in.occurrences()
            ],
            flexible=0,
        )
    else:
        lines.append(none)
    if schedule.crowded_out:
        names = Choices((partner.name for partner in schedule.crowded_out), "and")
        lines += ["", *wrap(label("plan.crowded_out", language, names=names))]
    lines += _plan_changes(schedule, language)
    lines += ["", label("plan.evaluations", language)]
    if schedule.milestones:
        lines += table(
            [label("column.date", language), label("column.weekday", language), partner],
            [
                [
                    milestone.date.isoformat(),
                    _weekday(milestone.date, language),
                    milestone.partner.name,
                ]
                for milestone in sorted(schedule.milestones, key=lambda m: m.date)
            ],
            flexible=2,
        )
    else:
        lines.append(none)
    write_lines(lines, out)
    return EXIT_OK


def _plan_changes(schedule: civsam.Plan, language: Language) -> list[str]:
    """The check-ins moved from their series' time, and those not held, each with why."""

    def why(rule: dt.datetime) -> str:
        return label(f"plan.because_{schedule.why_moved(rule).value}", language)

    moved = [
        label(
            "plan.moved_check_in",
            language,
            name=series.partner.name,
            rule=f"{rule:%Y-%m-%d %H:%M}",
            moved=f"{when:%Y-%m-%d %H:%M}",
        )
        + f" ({why(rule)})"
        for series, rule, when in schedule.moved_check_ins
    ]
    skipped = [
        label(
            "plan.skipped_check_in",
            language,
            name=series.partner.name,
            rule=f"{rule:%Y-%m-%d %H:%M}",
        )
        + f" ({why(rule)})"
        for series, rule in schedule.skipped_check_ins
    ]
    lines: list[str] = []
    for key, sentences in (("plan.moved_check_ins", moved), ("plan.skipped_check_ins", skipped)):
        if sentences:
            lines += ["", label(key, language)]
            lines += [line for sentence in sentences for line in wrap(sentence, "  ", "    ")]
    return lines


def _due(args: argparse.Namespace, out: TextIO) -> int:
    project = load(args)
    language: Language = args.language
    today = args.today or dt.date.today()  # noqa: DTZ011 - "today" unless told otherwise
    ranking = prioritise(project, as_of=today, language=language)
    found = civsam.due(project, today, ranking)
    lines = [f"{label('due.title', language)} ({today.isoformat()})"]
    if found:
        lines += table(
            [
                label("column.partner", language),
                label("column.last_contact", language),
                label("column.due", language),
                label("column.days_overdue", language),
            ],
            [
                [
                    entry.partner.name,
                    entry.last_contact.isoformat(),
                    entry.due.isoformat(),
                    str(entry.days_overdue) if entry.days_overdue else label("due.today", language),
                ]
                for entry in found
            ],
            flexible=0,
            right={3},
        )
    else:
        lines.append(label("due.none", language))
    write_lines(lines, out)
    return EXIT_OK


def add_plan(commands: Commands) -> None:
    """``civsam plan PATH [--start DATE] [--capacity N]``."""
    planning = commands.add("plan", _plan)
    project_argument(planning)
    planning_options(planning)


def add_due(commands: Commands) -> None:
    """``civsam due PATH [--today DATE]``."""
    due_now = commands.add("due", _due)
    project_argument(due_now)
    today_option(due_now, "cli.due.today")
