"""Exports and the plugins that make them: ``export``, ``demo`` and ``plugins``.

``export`` writes one format, and says on standard error what personal data the written
bytes hold; ``demo`` writes the example project with every built-in export of it;
``plugins`` lists the exporters and rules installed, and the plugins that failed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from civsam import (
    CivsamError,
    Exporter,
    Paper,
    Report,
    UnknownFormatError,
    example,
    export,
    exporters,
    make_report,
    personal_values,
)
from civsam._message import Grouped
from civsam._oserror import os_reason
from civsam.cli._errors import EXIT_INVALID, EXIT_OK, UsageError, message_of
from civsam.cli._language import say
from civsam.cli._loading import load
from civsam.cli._options import (
    date_option,
    force_option,
    planning_options,
    project_argument,
    today_option,
)
from civsam.cli._parser import Commands
from civsam.cli._terminal import clean
from civsam.cli._values import PAPERS
from civsam.files import write_atomic
from civsam.files.bundled import example_text
from civsam.labels import Choices, Text, label
from civsam.plugins import plugins
from civsam.privacy import scan_personal_data

__all__ = ["add_demo", "add_export", "add_plugins"]


def _size(data: bytes) -> Text:
    return Text("cli.count.bytes", count=len(data), number=Grouped(len(data)))


def _formats(found: Mapping[str, Exporter]) -> Choices:
    """The formats there are, each with its suffix, for an error that lists them."""
    return Choices(
        (
            Text("cli.format_with_suffix", name=name, suffix=exporter.suffix)
            for name, exporter in sorted(found.items())
        ),
        "and",
    )


def _format_from_suffix(args: argparse.Namespace) -> str:
    """The format OUT's suffix names, when ``-f`` is left out (exit 2 when none does).

    Two formats may share a suffix (``csv`` and ``csv-rfc4180``): the one named like the
    suffix wins, and without one the user must choose.
    """
    found = exporters()
    if args.output is None or args.output == "-":
        raise UsageError(Text("cli.no_format", formats=_formats(found)))
    suffix = Path(args.output).suffix.lower()
    matching = sorted(name for name, exporter in found.items() if exporter.suffix.lower() == suffix)
    if suffix and suffix[1:] in matching:
        matching = [suffix[1:]]
    if len(matching) != 1:
        shown = {name: found[name] for name in matching} if matching else found
        raise UsageError(
            Text("cli.unknown_suffix", suffix=suffix, path=args.output, formats=_formats(shown))
        )
    return matching[0]


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
        raise CivsamError(Text("cli.export_over_project", path=args.output))
    return output


def _export(args: argparse.Namespace, out: TextIO) -> int:
    project = load(args)
    name: str = args.format or _format_from_suffix(args)
    found = exporters()
    if name not in found:
        error = UnknownFormatError(name, tuple(sorted(found)), plugins().failures)
        raise UsageError(message_of(error))
    exporter = found[name]
    if args.format is None:
        note = say(args, "cli.format_from_suffix", format=name, suffix=exporter.suffix)
        print(clean(f"civsam: {note}"), file=sys.stderr)
    output = _export_target(args)
    report = make_report(
        project,
        language=args.language,
        include_contacts=args.include_contacts,
        rule=args.rule,
        as_of=args.today,
        plan_from=args.start,
        capacity=args.capacity,
        paper=args.paper,
        since=args.since,
    )
    data = export(report, name, output, force=args.force)
    _say_personal_data(args, report, data)
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
        wrote = say(args, "cli.wrote_export", path=output, format=name, size=_size(data))
        print(clean(wrote), file=sys.stderr)
    return EXIT_OK


_PERSONAL_KINDS = {
    "contact.name": "cli.personal.names",
    "assessment.contact": "cli.personal.names",
    "contact.email": "cli.personal.emails",
    "contact.phone": "cli.personal.phones",
    "contact.role": "cli.personal.roles",
    "rating.rater": "cli.personal.raters",
    "readiness.answered_by": "cli.personal.answerers",
}
"""How the personal-data line counts what it found: a contact's name is a name wherever it
was recorded."""


def _say_personal_data(args: argparse.Namespace, report: Report, data: bytes) -> None:
    """What personal data the written bytes hold, found by reading them: never assumed.

    Counts by kind, never the values: the line goes to a terminal and into logs.
    """
    found: dict[str, set[str]] = {}
    # Roles ("formand") are words a project's notes use too: counting them would cry wolf.
    values = [v for v in personal_values(report.project) if v.field != "contact.role"]
    scan = scan_personal_data(data, values)
    for finding in scan.findings:
        kind = _PERSONAL_KINDS.get(finding.value.field, "cli.personal.other")
        found.setdefault(kind, set()).add(finding.value.value.casefold())
    counts = [
        Text(kind, count=len(found[kind]))
        for kind in dict.fromkeys([*_PERSONAL_KINDS.values(), "cli.personal.other"])
        if kind in found
    ]
    fields = Choices(counts, "and") if counts else Text("cli.personal_data_none")
    print(clean(f"civsam: {say(args, 'cli.personal_data', fields=fields)}"), file=sys.stderr)
    if scan.skipped:
        # What was not read cannot be vouched for: "none found" must not sound like "none".
        note = say(args, "cli.personal_data_unread", count=len(scan.skipped))
        print(clean(f"civsam: {note}"), file=sys.stderr)
    if counts and not report.include_contacts:
        print(clean(f"civsam: {say(args, 'cli.personal_data_unasked')}"), file=sys.stderr)


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
        raise CivsamError(Text("cli.demo_differs", paths=listed))
    if folder.exists() and not folder.is_dir():
        raise CivsamError(Text("cli.demo_not_folder", path=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CivsamError(
            Text("cli.demo_no_folder", path=folder, reason=os_reason(error))
        ) from None
    for path, data in files.items():
        write_atomic(path, data)
        print(say(args, "cli.wrote_file", path=path, size=_size(data)), file=out)
    print(say(args, "cli.demo_contacts"), file=out)
    return EXIT_OK


def _plugins(args: argparse.Namespace, out: TextIO) -> int:
    loaded = plugins()
    for key, registry in (
        ("cli.plugins.exporters", loaded.exporters()),
        ("cli.plugins.rules", loaded.rules()),
    ):
        print(say(args, key), file=out)
        for name, entry in registry.items():
            where = say(
                args,
                "cli.plugins.entry",
                origin=entry.plugin.origin_text,
                plugin=entry.plugin.name,
            )
            print(f"  {name:<20} {where}", file=out)
        if not registry:
            print(f"  {say(args, 'cli.plugins.none')}", file=out)
    key = "cli.plugins.failed" if loaded.failures else "cli.plugins.failed_none"
    print(say(args, key), file=out)
    for failure in loaded.failures:
        print(f"  {failure.text(args.language)}", file=out)
    return EXIT_INVALID if args.strict and loaded.failures else EXIT_OK


def add_demo(commands: Commands) -> None:
    """``civsam demo OUTDIR [--force] [--today DATE]``."""
    demo = commands.add("demo", _demo)
    demo.argument("outdir", "outdir", "cli.demo.outdir")
    force_option(demo, "cli.demo.force")
    today_option(demo)


def add_export(commands: Commands) -> None:
    """``civsam export PATH -f FORMAT -o OUT``, with the report's options and ``--since``."""
    language = commands.language
    exporting = commands.add("export", _export)
    project_argument(exporting)
    exporting.option(
        "-f", "--format", metavar="format", help_text=label("cli.export.format", language)
    )
    exporting.option(
        "-o", "--output", metavar="out", help_text=label("cli.export.output", language)
    )
    force_option(exporting, "cli.export.force")
    exporting.option(
        "--include-contacts",
        action="store_true",
        help_text=label("cli.export.include_contacts", language),
    )
    exporting.option("--rule", metavar="name", help_text=label("cli.arg.rule", language))
    exporting.option(
        "--paper",
        type=PAPERS.type(language),
        default=Paper.A3,
        metavar="paper",
        help_text=label("cli.export.paper", language),
    )
    date_option(exporting, "--since", "movement.arg.since")
    today_option(exporting)
    planning_options(exporting)


def add_plugins(commands: Commands) -> None:
    """``civsam plugins [--strict]``."""
    listing = commands.add("plugins", _plugins)
    listing.option(
        "--strict",
        action="store_true",
        help_text=label("cli.arg.plugins_strict", commands.language),
    )
