"""The ``civsam`` command: the library's main jobs for people who don't write Python.

Exit status 0 on success, 1 when the input is invalid (every problem printed, no
traceback), 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import sys
import textwrap
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

import civsam
from civsam._board import WIDTH, draw_board, draw_sensitivity
from civsam._board import _fit as fit
from civsam._board import _width as width
from civsam._limits import parse_day
from civsam._terminal import CleanText, clean
from civsam.bundled import example, example_text, template_text
from civsam.errors import CivsamError, ValidationError
from civsam.exporting import UnknownFormatError, export, exporters
from civsam.io import ProjectFile, format_for, save, write_atomic
from civsam.labels import KEYS, label
from civsam.lifecycle import (
    ChecklistItem,
    ItemReview,
    ItemStatus,
    OutreachEntry,
    OutreachStep,
    Review,
    Touchpoint,
    TouchpointKind,
)
from civsam.model import Language, Organisation
from civsam.plugins import plugins
from civsam.prioritisation import prioritise, sensitivity
from civsam.report import make_report
from civsam.rules import MatrixRule, Rule, RuleError
from civsam.table import missing_column, read_table

if TYPE_CHECKING:
    from civsam.network import IntroductionPath
    from civsam.project import Project

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace, TextIO], int]


class _UsageError(CivsamError):
    """Wrong use of the command: exit status 2."""


_SHOWN = 60
"""The most of a typed value an error message repeats: enough to recognise it."""


def _shown(text: str) -> str:
    """What the user typed, quoted, and cut short when it is long."""
    return repr(text) if len(text) <= _SHOWN else f"{text[: _SHOWN - 1]!r}…"


def _summary(project: Project) -> str:
    return (
        f"{project.name!r}: {len(project.organisations)} organisations, "
        f"{len(project.relations)} relations, {len(project.assessments)} assessments"
    )


def _project_path(path: str) -> Path:
    """A project file's path; an unknown suffix is wrong usage (exit 2)."""
    try:
        format_for(path)
    except CivsamError as error:
        raise _UsageError(str(error)) from None
    return Path(path)


def _refuse_overwrite(path: Path, force: bool) -> None:  # noqa: FBT001
    if path.exists() and not force:
        raise CivsamError(f"{path} exists already; use --force to replace it")


def _init(args: argparse.Namespace, out: TextIO) -> int:
    path = _project_path(args.path)
    fmt = format_for(path)
    _refuse_overwrite(path, args.force)
    if fmt == "toml":
        text = example_text() if args.example else template_text()
        write_atomic(path, text.encode("utf-8"), hard_links="refuse")
    else:
        project = example() if args.example else civsam.loads(template_text(), "toml")
        save(project, path)
    what = "the bundled example" if args.example else "a new project template"
    print(f"Wrote {what} to {path}", file=out)
    return EXIT_OK


def _check(args: argparse.Namespace, out: TextIO) -> int:
    project = civsam.load(_project_path(args.path))
    print(f"{args.path}: valid project {_summary(project)}", file=out)
    return EXIT_OK


def _missing_column(text: str) -> str:
    """An --allow-missing value as a column key; an unknown column is wrong usage (exit 2)."""
    try:
        return missing_column(text)
    except CivsamError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _import_table(args: argparse.Namespace, out: TextIO) -> int:
    output = _project_path(args.output)
    _refuse_overwrite(output, args.force)
    project = read_table(
        args.table,
        owner=args.owner,
        name=args.name,
        sheet=args.sheet,
        allow_missing=args.allow_missing or (),
    )
    save(project, output)
    print(f"Wrote {output}: project {_summary(project)}", file=out)
    if not args.owner:  # read_table made up a placeholder owner: say so
        owner = project.owner
        note = label(
            "cli.owner_placeholder", project.language, name=owner.name, id=owner.id, path=output
        )
        print(clean(note), file=sys.stderr)
    return EXIT_OK


def _matrix_rule(args: argparse.Namespace, project: Project) -> Rule | str | None:
    """The rule the command line asks for: a name, thresholds, or the project's."""
    settings = project.prioritisation
    thresholds = (args.importance_threshold, args.ease_threshold)
    asked: str | None = args.rule
    name = asked or settings.rule
    if thresholds == (None, None):
        return asked
    if name != "matrix":
        raise _UsageError(
            f"--importance-threshold and --ease-threshold go with the matrix rule, not {name!r}"
        )
    try:
        return MatrixRule(
            settings.importance_threshold
            if args.importance_threshold is None
            else args.importance_threshold,
            settings.ease_threshold if args.ease_threshold is None else args.ease_threshold,
        )
    except ValueError as error:
        raise _UsageError(
            f"rule 'matrix': a threshold must be a number from 1 to 5 ({error})"
        ) from None


def _matrix(args: argparse.Namespace, out: TextIO) -> int:
    project = civsam.load(_project_path(args.path))
    rule = _matrix_rule(args, project)
    language = Language(args.lang) if args.lang else project.language
    try:
        prio = prioritise(project, rule, as_of=args.today, language=language)
    except RuleError as error:
        if args.rule is not None and error.partner is None:
            raise _UsageError(str(error)) from None
        raise
    out.write(draw_board(prio, project_name=project.name, language=language, top=args.top))
    if args.sensitivity:
        matrix = rule if isinstance(rule, MatrixRule) else None
        if prio.thresholds is None:
            raise _UsageError(f"--sensitivity needs the matrix rule, not {prio.rule!r}")
        out.write("\n")
        out.write(
            draw_sensitivity(
                sensitivity(project, matrix, as_of=args.today), prio, language=language
            )
        )
    return EXIT_OK


def _plugins(_args: argparse.Namespace, out: TextIO) -> int:
    loaded = plugins()
    for title, registry in (("Exporters:", loaded.exporters()), ("Rules:", loaded.rules())):
        print(title, file=out)
        for name, entry in registry.items():
            print(f"  {name:<20} {entry.plugin.origin} (plugin {entry.plugin.name})", file=out)
        if not registry:
            print("  none", file=out)
    print("Plugins that failed:" if loaded.failures else "Plugins that failed: none", file=out)
    for failure in loaded.failures:
        print(f"  {failure}", file=out)
    return EXIT_OK


def _export_target(args: argparse.Namespace) -> Path | None:
    """Where ``-o`` sends the export: a path, or ``None`` for standard output (``-o -``).

    The project file the export reads is never the target without ``--force``: exporting
    over it would lose the project (``export p.toml -f csv -o p.toml``).
    """
    if args.output is None or args.output == "-":
        return None
    output = Path(args.output)
    try:
        same = output.exists() and output.samefile(args.path)
    except OSError:
        same = False  # what it is, export itself finds out and says
    if same and not args.force:
        raise CivsamError(
            f"{args.output} is the project file this export reads; exporting over it would "
            "replace the project. Choose another file with -o (or use --force)"
        )
    return output


def _export(args: argparse.Namespace, out: TextIO) -> int:
    project = civsam.load(_project_path(args.path))
    try:
        exporter = exporters()[args.format]
    except KeyError:
        raise _UsageError(
            str(UnknownFormatError(args.format, tuple(sorted(exporters()))))
        ) from None
    output = _export_target(args)
    language = Language(args.lang) if args.lang else project.language
    report = make_report(
        project,
        language=language,
        include_contacts=args.include_contacts,
        rule=args.rule,
        as_of=args.today,
        start=args.start,
        capacity=args.capacity,
    )
    data = export(report, args.format, output, force=args.force)
    fields = ", ".join(report.personal_fields) or "none"
    print(f"civsam: personal data in this export: {fields}", file=sys.stderr)
    if output is None:
        # Bytes as the exporter made them (a BOM, CRLF): through the binary buffer.
        out.flush()
        binary = getattr(out, "buffer", None)
        if binary is not None:
            binary.write(data)
            binary.flush()
        else:  # an export's own text, not cleaned for the terminal
            getattr(out, "write_raw", out.write)(data.decode("utf-8"))
    else:
        print(f"Wrote {output} ({exporter.name}, {len(data):,} bytes)", file=sys.stderr)
    return EXIT_OK


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    folder = Path(args.outdir)
    project = example()
    report = make_report(project, as_of=args.today)
    builtin = {
        name: entry.item
        for name, entry in plugins().exporters().items()
        if entry.plugin.distribution == "civsam"
    }
    files = {folder / "example.toml": example_text().encode("utf-8")}
    for name, exporter in sorted(builtin.items()):
        files[folder / f"example-{name}{exporter.suffix}"] = export(report, name)
    # Everything is made before anything is written; a file that differs is kept
    # unless --force, so a second run is harmless and nobody's edits are lost.
    changed = [path for path, data in files.items() if path.exists() and path.read_bytes() != data]
    if changed and not args.force:
        listed = ", ".join(str(path) for path in changed)
        raise CivsamError(
            f"already there, and different from what demo writes: {listed}; use --force to replace"
        )
    if folder.exists() and not folder.is_dir():
        raise CivsamError(f"{folder} is a file, not a folder; name a folder for the demo")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CivsamError(f"{folder}: cannot make the folder: {error.strerror}") from None
    for path, data in files.items():
        write_atomic(path, data)
        print(f"Wrote {path} ({len(data):,} bytes)", file=out)
    print(
        "Contact persons are left out of every export; add --include-contacts to "
        "`civsam export` to include them.",
        file=out,
    )
    return EXIT_OK


# -- the collaboration's lifecycle: readiness, plan, contact, outreach, reviews ---------------


def _language(args: argparse.Namespace, project: Project) -> Language:
    """The language asked for with --lang, else the project's."""
    return Language(args.lang) if args.lang else project.language


def _folded(text: str) -> str:
    """A name as it is compared: case and runs of spaces do not matter."""
    return " ".join(text.split()).casefold()


def _alternatives(shown: Sequence[str]) -> str:
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


def _near(project: Project, wanted: str) -> list[Organisation]:
    """The partners whose id or name contains, or looks like, what was typed."""
    keys: dict[str, Organisation] = {}
    for organisation in project.organisations.values():
        if organisation.id != project.owner.id:
            keys.setdefault(organisation.id.casefold(), organisation)
            keys.setdefault(_folded(organisation.name), organisation)
    containing = [organisation for key, organisation in keys.items() if wanted and wanted in key]
    close = [keys[key] for key in difflib.get_close_matches(wanted, list(keys), n=5, cutoff=0.6)]
    found = {organisation.id: organisation for organisation in (*containing, *close)}
    return list(found.values())[:5]


def _partner(project: Project, text: str) -> Organisation:
    """The partner PARTNER names: an organisation's id, or its name if no other has it.

    A name is matched ignoring case and extra spaces. An unknown, ambiguous or owner's
    name is invalid input (exit 1), like any reference the project does not hold; the
    message names the nearest partners, so a typo is fixed at once.
    """
    found = project.organisations.get(text)
    if found is None:
        wanted = _folded(text)
        named = [
            organisation
            for organisation in project.organisations.values()
            if wanted in {organisation.id.casefold(), _folded(organisation.name)}
        ]
        if len(named) > 1:
            listed = ", ".join(f"{org.id!r} ({org.name})" for org in named)
            raise CivsamError(
                f"partner {_shown(text)}: {len(named)} organisations have this name: {listed}; "
                "give the id instead"
            )
        if not named:
            near = [f"{org.id!r} ({org.name})" for org in _near(project, wanted)]
            hint = f"; did you mean {_alternatives(near)}?" if near else ""
            raise CivsamError(f"partner {_shown(text)}: no organisation has this id or name{hint}")
        found = named[0]
    if found.id == project.owner.id:
        raise CivsamError(
            f"partner {_shown(text)}: {found.name} is the project's owner, not one of its partners"
        )
    return found


def _wrap(text: str, indent: str = "", hanging: str | None = None) -> list[str]:
    """``text`` as lines of at most 80 columns, each starting with ``indent``."""
    return textwrap.wrap(
        " ".join(text.split()),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_on_hyphens=False,
    )


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    flexible: int,
    right: Collection[int] = (),
) -> list[str]:
    """Rows under their headers in columns two spaces apart, at most 80 columns wide.

    The ``flexible`` column (a name) gets what the others leave, and a longer name is cut
    with "…"; the columns in ``right`` (numbers) are aligned right.
    """
    widths = [max(width(cell) for cell in column) for column in zip(headers, *rows, strict=True)]
    others = sum(widths) - widths[flexible] + 2 * (len(widths) - 1)
    widths[flexible] = max(min(widths[flexible], WIDTH - others), 10)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            " " * (size - width(cell)) + cell if index in right else fit(cell, size)
            for index, (cell, size) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(headers), *(line(row) for row in rows)]


def _weekday(day: dt.date, language: Language) -> str:
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    return label(f"weekday.{names[day.weekday()]}", language)


def _step_name(step: OutreachStep, language: Language) -> str:
    """A step's name: the guide's four steps, or "not started" / "ended"."""
    key = step.label_key if step.label_key in KEYS else f"step.{step.value}"
    return label(key, language)


def _print(lines: Sequence[str], out: TextIO) -> None:
    out.write("".join(f"{line}\n" for line in lines))


def _readiness(args: argparse.Namespace, out: TextIO) -> int:
    project = civsam.load(_project_path(args.path))
    language = _language(args, project)
    state = civsam.readiness(project)
    role = state.role.value
    lines = [
        (
            f"{label('readiness.title', language)}: {project.owner.name} "
            f"({label(f'role.{role}', language)})"
        ),
        *_wrap(label(f"readiness.role.{role}", language)),
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
        lines += _wrap(
            label("readiness.answered_by", language, date=day, name=answer.answered_by)
            if answer.answered_by
            else label("readiness.answered", language, date=day),
            "  ",
        )
        lines += _wrap(answer.note, "  ")
    lines.append("")
    if state.ready:
        lines.append(label("readiness.ready", language))
    else:
        lines.append(label("readiness.gaps", language))
        for item in state.gaps:
            advice = label(f"{item.label_key}.advice", language)
            lines += _wrap(f"{label(item.label_key, language)}: {advice}", "  ", "    ")
    _print(lines, out)
    return EXIT_OK


def _plan(args: argparse.Namespace, out: TextIO) -> int:
    project = civsam.load(_project_path(args.path))
    language = _language(args, project)
    start = args.start or project.planning.start or dt.date.today()  # noqa: DTZ011 - documented
    # Derived scores measure relations against the plan's first day, so a plan is the
    # same whenever it is printed.
    ranking = prioritise(project, as_of=start, language=language)
    schedule = civsam.plan(project, ranking, start=start, capacity=args.capacity)
    none = label("matrix.empty", language)
    partner = label("column.partner", language)
    lines = [
        f"{label('report.plan', language)}: {project.name}",
        *_wrap(
            label(
                "plan.capacity",
                language,
                capacity=schedule.settings.capacity,
                start=schedule.start.isoformat(),
            )
        ),
        "",
        label("plan.title", language),
    ]
    if schedule.meetings:
        lines += _table(
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
    else:
        lines.append(label("plan.none", language))
    lines += ["", label("plan.check_ins", language)]
    if schedule.check_ins:
        lines += _table(
            [partner, label("column.every", language), label("column.first", language)],
            [
                [
                    check_in.partner.name,
                    label("plan.every_week", language)
                    if check_in.every_weeks == 1
                    else label("plan.every_weeks", language, weeks=check_in.every_weeks),
                    f"{check_in.first:%Y-%m-%d %H:%M}",
                ]
                for check_in in schedule.check_ins
            ],
            flexible=0,
        )
    else:
        lines.append(none)
    lines += ["", label("plan.evaluations", language)]
    if schedule.milestones:
        lines += _table(
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
    _print(lines, out)
    return EXIT_OK


def _due(args: argparse.Namespace, out: TextIO) -> int:
    project = civsam.load(_project_path(args.path))
    language = _language(args, project)
    today = args.today or dt.date.today()  # noqa: DTZ011 - "today" unless told otherwise
    ranking = prioritise(project, as_of=today, language=language)
    found = civsam.due(project, today, ranking)
    lines = [f"{label('due.title', language)} ({today.isoformat()})"]
    if found:
        lines += _table(
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
    _print(lines, out)
    return EXIT_OK


def _checklist(args: argparse.Namespace, out: TextIO) -> int:
    project = civsam.load(_project_path(args.path))
    language = _language(args, project)
    partner = _partner(project, args.partner)
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
    header, *body = _table(
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
        lines += [row, *_wrap(note, "    ")]
    if state.reviews:
        lines += ["", label("review.agenda", language)]
        if not state.agenda:
            lines += _wrap(label("review.agenda_empty", language), "  ")
        for progress in state.agenda:
            status = label(f"item_status.{progress.status}", language)
            lines += _wrap(f"{label(progress.label_key, language)} ({status})", "  - ", "    ")
    _print(lines, out)
    return EXIT_OK


def _chain(prefix: str, path: IntroductionPath) -> list[str]:
    """A path's organisations joined by arrows, each line broken before an arrow."""
    first, *rest = (organisation.name for organisation in path.organisations)
    lines = [prefix + first]
    for name in rest:
        if width(f"{lines[-1]} → {name}") > WIDTH:
            lines.append(f"  → {name}")
        else:
            lines[-1] += f" → {name}"
    return lines


def _introductions(args: argparse.Namespace, out: TextIO) -> int:
    project = civsam.load(_project_path(args.path))
    language = _language(args, project)
    partner = _partner(project, args.partner)
    found = civsam.introductions(project, partner.id, limit=args.limit, as_of=args.today)
    lines = [label("introductions.title", language, name=partner.name)]
    if found.direct:
        lines += _wrap(label("introductions.direct", language, name=partner.name))
    if not found.paths:
        lines += _wrap(label("introductions.none", language))
    for number, path in enumerate(found.paths, start=1):
        lines += ["", *_chain(f"{label('introductions.path', language)} {number}: ", path)]
        for hop in path.hops:
            kinds = ", ".join(label(f"relation_kind.{kind.value}", language) for kind in hop.kinds)
            lines += _wrap(f"{hop.source.name} → {hop.target.name}: {kinds}", "  ", "    ")
    lines += ["", label("introductions.co_applicants", language)]
    if not found.co_applicants:
        lines += _wrap(label("introductions.no_co_applicants", language, name=partner.name), "  ")
    for candidate in found.co_applicants:
        kinds = ", ".join(
            label(f"relation_kind.{kind.value}", language) for kind in candidate.kinds
        )
        lines += _wrap(f"{candidate.organisation.name}: {kinds}", "  ", "    ")
    if found.brokers:
        lines += ["", label("introductions.brokers", language)]
        lines += [f"  {broker.organisation.name}" for broker in found.brokers]
    _print(lines, out)
    return EXIT_OK


def _record(
    args: argparse.Namespace,
    out: TextIO,
    entry: Callable[[Organisation], Touchpoint | OutreachEntry | Review],
    message: Callable[[Organisation, Language], str],
) -> int:
    """Append one entry for ``args.partner`` to the file, reading the file once."""
    file = ProjectFile.read(_project_path(args.path))
    language = _language(args, file.project)
    partner = _partner(file.project, args.partner)
    try:
        made = entry(partner)
    except ValueError as error:  # a value the entry refuses: an item given twice, …
        raise _UsageError(str(error)) from None
    file.record(made)
    print(message(partner, language), file=out)
    return EXIT_OK


def _log(args: argparse.Namespace, out: TextIO) -> int:
    kind = TouchpointKind(args.kind)
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
    step = OutreachStep(args.step)
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


def _verdict(text: str) -> ItemReview:
    """ITEM=STATUS[:NOTE], as ``civsam review`` takes it: one item's verdict."""
    item, equals, rest = text.partition("=")
    status, _, note = rest.partition(":")
    items = ", ".join(choice.value for choice in ChecklistItem)
    if not equals:
        raise argparse.ArgumentTypeError(
            "expected ITEM=STATUS or ITEM=STATUS:NOTE, such as talk_often=amber, "
            f"found {_shown(text)}"
        )
    if item.strip() not in {checklist_item.value for checklist_item in ChecklistItem}:
        raise argparse.ArgumentTypeError(
            f"unknown checklist item {item!r}; expected one of {items}"
        )
    if status.strip() not in {item_status.value for item_status in ItemStatus}:
        statuses = ", ".join(item_status.value for item_status in ItemStatus)
        raise argparse.ArgumentTypeError(
            f"unknown status {status!r} for {item.strip()}; expected one of {statuses}"
        )
    return ItemReview(ChecklistItem(item.strip()), ItemStatus(status.strip()), note.strip())


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"expected a whole number, 0 or more, found {_shown(text)}"
        )
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"expected a whole number, 1 or more, found {_shown(text)}"
        )
    return value


def _date(text: str) -> dt.date:
    """A date typed on the command line: one civsam can plan with (see ``check``)."""
    try:
        return parse_day(text)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(str(error.problems[0])) from None


def _add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=_date,
        metavar="DATE",
        help="the date relations are measured against (default: today)",
    )


def _capacity(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 40:  # noqa: PLR2004 - PlanSettings.capacity's range
        raise argparse.ArgumentTypeError(
            f"expected a whole number of meetings a week from 1 to 40, found {_shown(text)}"
        )
    return value


def _add_planning(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--start",
        type=_date,
        metavar="DATE",
        help="the first day to plan from (default: the project's [planning] start, or today)",
    )
    parser.add_argument(
        "--capacity",
        type=_capacity,
        metavar="N",
        help="at most N new first meetings a week (default: the project's, 2)",
    )


def _add_language(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--lang",
        choices=[lang.value for lang in Language],
        help=f"the language of the {what} (default: the project's)",
    )


def _add_partner(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "partner",
        metavar="PARTNER",
        help="the partner: its id, or its name if no other organisation has it",
    )


def _add_day(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--date", required=True, type=_date, metavar="DATE", help=f"{what}, such as 2026-03-01"
    )


def _add_outreach(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Readiness, the plan and the contact: the guide's sections 1 and 4."""
    readiness = commands.add_parser(
        "readiness", help="the owner's readiness: the guide's three points for its side"
    )
    readiness.add_argument("path", metavar="PATH", help="a project file (.toml or .json)")
    _add_language(readiness, "output")
    readiness.set_defaults(handler=_readiness)

    planning = commands.add_parser(
        "plan", help="the schedule: first meetings, regular check-ins and evaluations"
    )
    planning.add_argument("path", metavar="PATH", help="a project file (.toml or .json)")
    _add_planning(planning)
    _add_language(planning, "output")
    planning.set_defaults(handler=_plan)

    log = commands.add_parser("log", help="record a contact with a partner (a touchpoint)")
    log.add_argument("path", metavar="PATH", help="a project file (.toml or .json)")
    _add_partner(log)
    _add_day(log, "the day of the contact")
    log.add_argument(
        "--kind",
        required=True,
        choices=[kind.value for kind in TouchpointKind],
        help="how you were in touch",
    )
    log.add_argument("--note", default="", metavar="TEXT", help="what was said or agreed")
    _add_language(log, "confirmation")
    log.set_defaults(handler=_log)

    due_now = commands.add_parser(
        "due", help="the partners whose contact is due or overdue, most overdue first"
    )
    due_now.add_argument("path", metavar="PATH", help="a project file (.toml or .json)")
    due_now.add_argument(
        "--today",
        type=_date,
        metavar="DATE",
        help="the day to count from (default: today)",
    )
    _add_language(due_now, "output")
    due_now.set_defaults(handler=_due)


def _add_partnership(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The outreach steps, the checklist reviews and introductions to partners."""
    step = commands.add_parser("step", help="record that a partner reached an outreach step")
    step.add_argument("path", metavar="PATH", help="a project file (.toml or .json)")
    _add_partner(step)
    step.add_argument(
        "step",
        metavar="STEP",
        choices=[s.value for s in OutreachStep if s is not OutreachStep.NOT_STARTED],
        help="the step reached: shared_goals, their_agenda, prepare, maintain_contact or ended",
    )
    _add_day(step, "the day the step was reached")
    step.add_argument("--note", default="", metavar="TEXT", help="a note on the step")
    _add_language(step, "confirmation")
    step.set_defaults(handler=_step)

    review = commands.add_parser(
        "review", help="record a review of a partnership against the guide's checklist"
    )
    review.add_argument("path", metavar="PATH", help="a project file (.toml or .json)")
    _add_partner(review)
    review.add_argument(
        "items",
        nargs="+",
        type=_verdict,
        metavar="ITEM=STATUS[:NOTE]",
        help="a checklist item and its status (ticked, green, amber or red), such as "
        "talk_often=amber:'Only one meeting'",
    )
    _add_day(review, "the day of the review")
    review.add_argument("--note", default="", metavar="TEXT", help="a note on the whole review")
    _add_language(review, "confirmation")
    review.set_defaults(handler=_review)

    checklist = commands.add_parser(
        "checklist", help="one partnership's checklist: status, trend and the next agenda"
    )
    checklist.add_argument("path", metavar="PATH", help="a project file (.toml or .json)")
    _add_partner(checklist)
    _add_language(checklist, "output")
    checklist.set_defaults(handler=_checklist)

    introductions = commands.add_parser(
        "introductions", help="who can introduce you to a partner, and whom to apply with"
    )
    introductions.add_argument("path", metavar="PATH", help="a project file (.toml or .json)")
    _add_partner(introductions)
    introductions.add_argument(
        "--limit",
        type=_positive,
        default=5,
        metavar="N",
        help="at most N ways to be introduced (default 5)",
    )
    _add_language(introductions, "output")
    _add_today(introductions)
    introductions.set_defaults(handler=_introductions)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="civsam",
        description="Find, assess, prioritise and reach out: collaboration between "
        "municipalities and civil society, after the guide.",
    )
    parser.add_argument("--version", action="version", version=f"civsam {civsam.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser("init", help="write a new project file (or the bundled example)")
    init.add_argument("path", metavar="PATH", help="the file to write (.toml or .json)")
    init.add_argument("--example", action="store_true", help="write the bundled example")
    init.add_argument("--force", action="store_true", help="replace an existing file")
    init.set_defaults(handler=_init)

    check = commands.add_parser("check", help="validate a project file; print every problem")
    check.add_argument("path", metavar="PATH", help="a project file (.toml or .json)")
    check.set_defaults(handler=_check)

    table = commands.add_parser(
        "import-table", help="turn a partner table (CSV or XLSX) into a project file"
    )
    table.add_argument("table", metavar="TABLE", help="the partner table (.csv or .xlsx)")
    table.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="the project file to write (.toml or .json)",
    )
    table.add_argument(
        "--owner", metavar="NAME", help="the name of your organisation, whose plan it is"
    )
    table.add_argument("--name", metavar="NAME", help="the project's name (default: file name)")
    table.add_argument("--sheet", metavar="SHEET", help="the worksheet of an XLSX file")
    table.add_argument(
        "--allow-missing",
        action="append",
        type=_missing_column,
        metavar="COLUMN",
        help=(
            "a guide column the table leaves out on purpose, by key or heading "
            "(importance, Betydning, …); repeat for several"
        ),
    )
    table.add_argument("--force", action="store_true", help="replace an existing file")
    table.set_defaults(handler=_import_table)

    matrix = commands.add_parser("matrix", help="draw the priority matrix in the terminal")
    matrix.add_argument("path", metavar="PATH", help="a project file (.toml or .json)")
    matrix.add_argument("--rule", metavar="NAME", help="the rule to use (default: the project's)")
    matrix.add_argument(
        "--importance-threshold",
        type=float,
        metavar="N",
        help="importance at or above N is high (1–5)",
    )
    matrix.add_argument(
        "--ease-threshold", type=float, metavar="N", help="ease at or above N is easy (1–5)"
    )
    _add_language(matrix, "board")
    matrix.add_argument(
        "--sensitivity",
        action="store_true",
        help="also show who would move if a threshold moved by one step",
    )
    matrix.add_argument(
        "--top", type=_count, default=8, metavar="N", help="partners shown per quadrant (default 8)"
    )
    _add_today(matrix)
    matrix.set_defaults(handler=_matrix)

    exporting = commands.add_parser("export", help="export a project (CSV, Markdown, …)")
    exporting.add_argument("path", metavar="PATH", help="a project file (.toml or .json)")
    exporting.add_argument(
        "-f",
        "--format",
        required=True,
        metavar="FORMAT",
        help="the format (see `civsam plugins`), e.g. csv or markdown",
    )
    exporting.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the file to write; - or none for standard output, a device or pipe is "
        "written as a stream",
    )
    exporting.add_argument(
        "--force",
        action="store_true",
        help="replace OUT even when it is not an earlier export of this format",
    )
    _add_language(exporting, "export")
    exporting.add_argument(
        "--include-contacts",
        action="store_true",
        help="include contact persons' names, e-mails and phones",
    )
    exporting.add_argument(
        "--rule", metavar="NAME", help="the rule to use (default: the project's)"
    )
    _add_today(exporting)
    _add_planning(exporting)
    exporting.set_defaults(handler=_export)

    demo = commands.add_parser("demo", help="write the bundled example and every export of it")
    demo.add_argument("outdir", metavar="OUTDIR", help="the folder to write to")
    demo.add_argument("--force", action="store_true", help="replace files that differ")
    _add_today(demo)
    demo.set_defaults(handler=_demo)

    _add_outreach(commands)
    _add_partnership(commands)

    listing = commands.add_parser(
        "plugins", help="list the installed rules, exporters and failed plugins"
    )
    listing.set_defaults(handler=_plugins)
    return parser


def _say(message: object) -> None:
    """Print a message for the user on standard error, cleaned for the terminal."""
    print(clean(f"civsam: {message}"), file=sys.stderr)


def _message(error: Exception) -> str:
    """What went wrong, in one line where the error is the operating system's."""
    if isinstance(error, OSError):
        # A path the system refused (a folder where a file was expected, a name too
        # long, a loop of links): the user's input, said as the path and the reason.
        what = error.strerror or type(error).__name__
        return f"{error.filename}: {what}" if error.filename is not None else what
    if isinstance(error, RecursionError | MemoryError):
        return f"the input is too large or too deeply nested to handle ({type(error).__name__})"
    return str(error)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args, cast("TextIO", CleanText(sys.stdout)))
    except BrokenPipeError:
        # The reader went away (`civsam export … | head`): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INVALID
    except (CivsamError, OSError, RecursionError, MemoryError) as error:
        _say(_message(error))
        return EXIT_USAGE if isinstance(error, _UsageError) else EXIT_INVALID
