"""The collaboration as it runs: ``readiness``, ``log``, ``step``, ``review`` and ``checklist``.

``log``, ``step`` and ``review`` append one entry for a partner to the project file;
``readiness`` and ``checklist`` say where the owner and a partnership stand.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TextIO

import civsam
from civsam import (
    Language,
    Organisation,
    OutreachEntry,
    OutreachStep,
    Review,
    Touchpoint,
    TouchpointKind,
)
from civsam.cli._columns import table, wrap, write_lines
from civsam.cli._errors import EXIT_OK, UsageError, message_of
from civsam.cli._language import speak
from civsam.cli._loading import load, reading
from civsam.cli._options import (
    day_option,
    note_option,
    partner_argument,
    project_argument,
    with_project,
)
from civsam.cli._parser import Commands, typed
from civsam.cli._partners import named_partner
from civsam.cli._values import ITEMS, KINDS, STATUSES, STEPS, verdict
from civsam.files.io import ProjectFile
from civsam.labels import KEYS, label

__all__ = ["add_checklist", "add_log", "add_readiness", "add_review", "add_step"]


def _readiness(args: argparse.Namespace, out: TextIO) -> int:
    project = load(args)
    language: Language = args.language
    state = civsam.readiness(project)
    role = state.role.value
    lines = [
        (
            f"{label('readiness.title', language)}: {project.owner.name} "
            f"({label(f'role.{role}', language)})"
        ),
        *wrap(label(f"readiness.role.{role}", language)),
    ]
    for item in state.items:
        answer = item.answer
        status = "unanswered" if answer is None else "in_place" if answer.in_place else "missing"
        lines += [
            "",
            f"{label(item.label_key, language)}: {label(f'readiness.{status}', language)}",
        ]
        if answer is None:
            continue
        day = answer.date.isoformat()
        lines += wrap(
            label("readiness.answered_by", language, date=day, name=answer.answered_by)
            if answer.answered_by
            else label("readiness.answered", language, date=day),
            "  ",
        )
        lines += wrap(answer.note, "  ")
    lines.append("")
    if state.ready:
        lines.append(label("readiness.ready", language))
    else:
        lines.append(label("readiness.gaps", language))
        for item in state.gaps:
            advice = label(f"{item.label_key}.advice", language)
            lines += wrap(f"{label(item.label_key, language)}: {advice}", "  ", "    ")
    write_lines(lines, out)
    return EXIT_OK


def _checklist(args: argparse.Namespace, out: TextIO) -> int:
    project = load(args)
    language: Language = args.language
    partner = named_partner(project, args.partner)
    state = civsam.checklist(project, partner.id)
    lines = [
        f"{label('checklist.title', language)}: "
        + label("review.partnership", language, name=partner.name)
    ]
    if state.last_review is None:
        lines.append(label("review.not_reviewed", language))
    else:
        lines.append(label("review.last_review", language, date=state.last_review.isoformat()))
    if state.next_review is not None:
        lines.append(label("review.next_review", language, date=state.next_review.isoformat()))
    lines += [label("review.done", language, done=state.done), ""]
    rows: list[list[str]] = []
    notes: list[str] = []
    for progress in state.items:
        status = progress.status.value if progress.status is not None else "none"
        trend = progress.trend
        rows.append(
            [
                label(progress.label_key, language),
                label(f"item_status.{status}", language),
                label(f"trend.{trend.value}", language) if trend is not None else "",
            ]
        )
        latest = progress.latest
        notes.append(latest.note if latest is not None else "")
    header, *body = table(
        [
            label("column.item", language),
            label("column.status", language),
            label("column.trend", language),
        ],
        rows,
        flexible=0,
    )
    lines.append(header)
    for row, note in zip(body, notes, strict=True):
        lines += [row, *wrap(note, "    ")]
    if state.reviews:
        lines += ["", label("review.agenda", language)]
        if not state.agenda:
            lines += wrap(label("review.agenda_empty", language), "  ")
        for progress in state.agenda:
            status = label(f"item_status.{progress.status}", language)
            lines += wrap(f"{label(progress.label_key, language)} ({status})", "  - ", "    ")
    write_lines(lines, out)
    return EXIT_OK


def _step_name(step: OutreachStep, language: Language) -> str:
    """A step's name: the guide's four steps, or "not started" / "ended"."""
    key = step.label_key if step.label_key in KEYS else f"step.{step.value}"
    return label(key, language)


def _record(
    args: argparse.Namespace,
    out: TextIO,
    entry: Callable[[Organisation], Touchpoint | OutreachEntry | Review],
    message: Callable[[Organisation, Language], str],
) -> int:
    """Append one entry for ``args.partner`` to the file, reading the file once."""
    file = reading(args, ProjectFile.read)
    speak(args, file.project)
    language: Language = args.language
    partner = named_partner(file.project, args.partner)
    try:
        made = entry(partner)
    except ValueError as error:  # a value the entry refuses: an item given twice, …
        raise UsageError(message_of(error)) from None
    file.record(made)
    print(message(partner, language), file=out)
    return EXIT_OK


def _log(args: argparse.Namespace, out: TextIO) -> int:
    kind: TouchpointKind = args.kind
    return _record(
        args,
        out,
        lambda partner: Touchpoint(partner.id, args.date, kind, args.note),
        lambda partner, language: label(
            "cli.logged",
            language,
            kind=label(f"touchpoint_kind.{kind.value}", language),
            name=partner.name,
            date=args.date.isoformat(),
            path=args.path,
        ),
    )


def _step(args: argparse.Namespace, out: TextIO) -> int:
    step: OutreachStep = args.step
    return _record(
        args,
        out,
        lambda partner: OutreachEntry(partner.id, step, args.date, args.note),
        lambda partner, language: label(
            "cli.stepped",
            language,
            name=partner.name,
            step=_step_name(step, language),
            date=args.date.isoformat(),
            path=args.path,
        ),
    )


def _review(args: argparse.Namespace, out: TextIO) -> int:
    return _record(
        args,
        out,
        lambda partner: Review(partner.id, args.date, args.items, args.note),
        lambda partner, language: label(
            "cli.reviewed", language, name=partner.name, date=args.date.isoformat(), path=args.path
        ),
    )


def add_readiness(commands: Commands) -> None:
    """``civsam readiness PATH``."""
    project_argument(commands.add("readiness", _readiness))


def add_log(commands: Commands) -> None:
    """``civsam log PATH PARTNER --date DATE --kind KIND [--note TEXT]``."""
    language = commands.language
    log = commands.add("log", _log)
    project_argument(log)
    partner_argument(log)
    day_option(log, "cli.log.date")
    log.option(
        "--kind",
        required=True,
        type=KINDS.type(language),
        metavar="kind",
        help_text=label("cli.log.kind", language, choices=", ".join(KINDS.words(language))),
    )
    note_option(log, "cli.log.note")


def add_step(commands: Commands) -> None:
    """``civsam step PATH PARTNER STEP --date DATE [--note TEXT]``."""
    language = commands.language
    step = commands.add("step", _step)
    project_argument(step)
    partner_argument(step)
    step.arguments.add_argument(
        "step",
        type=STEPS.type(language),
        metavar=label("cli.metavar.step", language),
        help=label("cli.step.step", language, choices=", ".join(STEPS.words(language))),
    )
    day_option(step, "cli.step.date")
    note_option(step, "cli.step.note")


def add_review(commands: Commands) -> None:
    """``civsam review PATH PARTNER ITEM=STATUS[:NOTE]... --date DATE [--note TEXT]``."""
    language = commands.language
    review = commands.add("review", _review)
    project_argument(review)
    partner_argument(review)
    review.arguments.add_argument(
        "items",
        nargs="+",
        type=typed(verdict, language),
        metavar=label("cli.metavar.verdict", language),
        help=label(
            "cli.review.items",
            language,
            statuses=", ".join(STATUSES.words(language)),
            items=", ".join(ITEMS.words(language)),
        ).replace("%", "%%"),
    )
    day_option(review, "cli.review.date")
    note_option(review, "cli.review.note")


def add_checklist(commands: Commands) -> None:
    """``civsam checklist PATH PARTNER``."""
    partner_argument(with_project(commands.add("checklist", _checklist)))
