"""The ``civsam`` command: the library's main jobs for people who don't write Python.

Exit status 0 on success, 1 when the input is invalid (every problem printed, no
traceback), 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import civsam
from civsam.bundled import example, example_text, template_text
from civsam.errors import CivsamError, ValidationError
from civsam.io import format_for, save, write_atomic
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


def _refuse_overwrite(path: Path, force: bool) -> None:  # noqa: FBT001
    if path.exists() and not force:
        raise CivsamError(f"{path} exists already; use --force to replace it")


def _init(args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.path)
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
    project = civsam.load(args.path)
    print(f"{args.path}: valid project {_summary(project)}", file=out)
    return EXIT_OK


def _import_table(args: argparse.Namespace, out: TextIO) -> int:
    output = Path(args.output)
    format_for(output)
    _refuse_overwrite(output, args.force)
    project = read_table(args.table, owner=args.owner, name=args.name, sheet=args.sheet)
    save(project, output)
    print(f"Wrote {output}: project {_summary(project)}", file=out)
    return EXIT_OK


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args, sys.stdout)
    except ValidationError:
        return EXIT_INVALID
    except _UsageError:
        return EXIT_USAGE
    except CivsamError:
        return EXIT_INVALID
