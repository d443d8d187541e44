"""Project files: ``init`` (a template or the example), ``check`` and ``import-table``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

import civsam
from civsam import CivsamError, Language, Project, example, read_table, save
from civsam.cli._errors import EXIT_OK
from civsam.cli._language import say, speak
from civsam.cli._loading import load, project_path
from civsam.cli._options import force_option, project_argument
from civsam.cli._parser import Commands, typed
from civsam.cli._terminal import clean
from civsam.files import write_atomic
from civsam.files.bundled import example_text, template_text
from civsam.files.io import format_for
from civsam.files.table import missing_column
from civsam.labels import Text, label

__all__ = ["add_check", "add_import_table", "add_init"]


def _count(key: str, count: int) -> Text:
    return Text(key, count=count)


def _summary(project: Project) -> Text:
    return Text(
        "cli.summary",
        name=project.name,
        organisations=_count("cli.count.organisations", len(project.organisations)),
        relations=_count("cli.count.relations", len(project.relations)),
        assessments=_count("cli.count.assessments", sum(len(h) for h in project.history.values())),
    )


def _refuse_overwrite(path: Path, force: bool) -> None:  # noqa: FBT001
    if path.exists() and not force:
        raise CivsamError(Text("cli.exists", path=path))


def _init(args: argparse.Namespace, out: TextIO) -> int:
    path = project_path(args.path)
    fmt = format_for(path)
    _refuse_overwrite(path, args.force)
    if fmt == "toml":
        text = example_text() if args.example else template_text()
        write_atomic(path, text.encode("utf-8"), hard_links="refuse")
    else:
        project = example() if args.example else civsam.loads(template_text(), "toml")
        save(project, path)
    key = "cli.wrote_example" if args.example else "cli.wrote_template"
    print(say(args, key, path=path), file=out)
    return EXIT_OK


def _check(args: argparse.Namespace, out: TextIO) -> int:
    project = load(args)
    print(say(args, "cli.valid", path=args.path, summary=_summary(project)), file=out)
    return EXIT_OK


def _missing_column(text: str, *, language: Language) -> str:
    """An --allow-missing value as a column key; an unknown column is wrong usage (exit 2)."""
    try:
        return missing_column(text)
    except CivsamError as error:
        raise argparse.ArgumentTypeError(error.text(language)) from None


def _import_table(args: argparse.Namespace, out: TextIO) -> int:
    output = project_path(args.output)
    _refuse_overwrite(output, args.force)
    project = read_table(
        args.table,
        owner=args.owner,
        name=args.name,
        sheet=args.sheet,
        allow_missing=args.allow_missing or (),
    )
    speak(args, project)
    save(project, output)
    print(say(args, "cli.wrote_project", path=output, summary=_summary(project)), file=out)
    if not args.owner:  # read_table made up a placeholder owner: say so
        owner = project.owner
        note = say(args, "cli.owner_placeholder", name=owner.name, id=owner.id, path=output)
        print(clean(note), file=sys.stderr)
    return EXIT_OK


def add_init(commands: Commands) -> None:
    """``civsam init PATH [--example] [--force]``."""
    init = commands.add("init", _init)
    init.argument("path", "path", "cli.init.path")
    init.option(
        "--example", action="store_true", help_text=label("cli.init.example", commands.language)
    )
    force_option(init)


def add_check(commands: Commands) -> None:
    """``civsam check PATH``."""
    project_argument(commands.add("check", _check))


def add_import_table(commands: Commands) -> None:
    """``civsam import-table TABLE -o PATH``, with the table's owner, name and sheet."""
    language = commands.language
    table = commands.add("import-table", _import_table)
    table.argument("table", "table", "cli.import_table.table")
    table.option(
        "-o",
        "--output",
        required=True,
        metavar="path",
        help_text=label("cli.import_table.output", language),
    )
    for option, metavar in (("owner", "name"), ("name", "name"), ("sheet", "sheet")):
        table.option(
            f"--{option}", metavar=metavar, help_text=label(f"cli.import_table.{option}", language)
        )
    table.option(
        "--allow-missing",
        action="append",
        type=typed(_missing_column, language),
        metavar="column",
        help_text=label("cli.import_table.allow_missing", language),
    )
    force_option(table)
