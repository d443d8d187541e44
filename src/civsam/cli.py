"""The ``civsam`` command: the library's main jobs for people who don't write Python.

Exit status 0 on success, 1 when the input is invalid (every problem printed, no
traceback), 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import civsam
from civsam._board import draw_board, draw_sensitivity
from civsam.bundled import example, example_text, template_text
from civsam.errors import CivsamError, ValidationError
from civsam.exporting import UnknownFormatError, export, exporters
from civsam.io import format_for, save, write_atomic
from civsam.model import Language
from civsam.plugins import plugins
from civsam.prioritisation import prioritise, sensitivity
from civsam.report import make_report
from civsam.rules import MatrixRule, Rule, RuleError
from civsam.table import read_table

if TYPE_CHECKING:
    from civsam.project import Project

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace, TextIO], int]


class _UsageError(CivsamError):
    """Wrong use of the command: exit status 2."""


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
        write_atomic(path, text.encode("utf-8"))
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


def _import_table(args: argparse.Namespace, out: TextIO) -> int:
    output = _project_path(args.output)
    _refuse_overwrite(output, args.force)
    project = read_table(args.table, owner=args.owner, name=args.name, sheet=args.sheet)
    save(project, output)
    print(f"Wrote {output}: project {_summary(project)}", file=out)
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


def _export(args: argparse.Namespace, out: TextIO) -> int:
    project = civsam.load(_project_path(args.path))
    try:
        exporter = exporters()[args.format]
    except KeyError:
        raise _UsageError(
            str(UnknownFormatError(args.format, tuple(sorted(exporters()))))
        ) from None
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
    data = export(report, args.format, args.output)
    fields = ", ".join(report.personal_fields) or "none"
    print(f"civsam: personal data in this export: {fields}", file=sys.stderr)
    if args.output is None:
        # Bytes as the exporter made them (a BOM, CRLF): through the binary buffer.
        out.flush()
        binary = getattr(out, "buffer", None)
        if binary is not None:
            binary.write(data)
            binary.flush()
        else:
            out.write(data.decode("utf-8"))
    else:
        print(f"Wrote {args.output} ({exporter.name}, {len(data):,} bytes)", file=sys.stderr)
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
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        write_atomic(path, data)
        print(f"Wrote {path} ({len(data):,} bytes)", file=out)
    print(
        "Contact persons are left out of every export; add --include-contacts to "
        "`civsam export` to include them.",
        file=out,
    )
    return EXIT_OK


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number, 0 or more, found {text!r}")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date such as 2025-03-01, found {text!r}"
        ) from None


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
            f"expected a whole number of meetings a week from 1 to 40, found {text!r}"
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
        "-o", "--output", metavar="OUT", help="the file to write (default: standard output)"
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

    listing = commands.add_parser(
        "plugins", help="list the installed rules, exporters and failed plugins"
    )
    listing.set_defaults(handler=_plugins)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args, sys.stdout)
    except BrokenPipeError:
        # The reader went away (`civsam export … | head`): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INVALID
    except ValidationError as error:
        print(f"civsam: {error}", file=sys.stderr)
        return EXIT_INVALID
    except _UsageError as error:
        print(f"civsam: {error}", file=sys.stderr)
        return EXIT_USAGE
    except CivsamError as error:
        print(f"civsam: {error}", file=sys.stderr)
        return EXIT_INVALID
