"""The ``civsam`` command: the library's main jobs for people who don't write Python.

Exit status 0 on success, 1 when the input is invalid (every problem printed, no
traceback), 2 on wrong usage.

The command speaks the user's language: ``--lang``, else the project's ``language``,
else the environment's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else
English. Every message, ``--help`` included, comes from the catalogue
(:mod:`civsam.labels`), and every value a user types may be given in Danish or English.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import functools
import logging
import os
import re
import sys
import textwrap
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Generic, NoReturn, TextIO, TypeVar, cast

import civsam
from civsam._message import Grouped
from civsam._oserror import os_reason
from civsam.cli._board import WIDTH, draw_board, draw_sensitivity
from civsam.cli._board import _fit as fit
from civsam.cli._board import _width as width
from civsam.cli._terminal import CleanText, clean
from civsam.errors import CivsamError, Message, ValidationError
from civsam.exporting import Exporter, UnknownFormatError, export
from civsam.files._limits import parse_day, read_file
from civsam.files.bundled import example, example_text, template_text
from civsam.files.io import ProjectFile, format_for, save, write_atomic
from civsam.files.table import missing_column, read_table
from civsam.labels import KEYS, Choices, Sayable, Text, label
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
from civsam.lookup import exporters, make_report, prioritise
from civsam.model import Language, Organisation
from civsam.plugins import plugins
from civsam.prioritisation import sensitivity
from civsam.privacy import personal_values, scan_personal_data
from civsam.report import Paper, Report
from civsam.rules import MatrixRule, Rule, RuleError

if TYPE_CHECKING:
    import enum

    from civsam.network import IntroductionPath
    from civsam.project import Project

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace, TextIO], int]
_Member = TypeVar("_Member", bound="enum.StrEnum")


class _UsageError(CivsamError):
    """Wrong use of the command: exit status 2."""


# -- the language the command speaks ----------------------------------------------------------


def _environment_language(environ: Mapping[str, str]) -> Language | None:
    """The language the environment's locale asks for, if it is one civsam speaks.

    The variables are read in the order gettext reads them: ``LANGUAGE`` (a list, GNU),
    then the first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set. ``C`` or a
    locale civsam does not speak gives ``None``: English, the fallback.
    """
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if not value:
            continue
        for part in value.split(":"):
            code = re.split(r"[_.@-]", part, maxsplit=1)[0].lower()
            if code in {"da", "en"}:
                return Language(code)
        if name != "LANGUAGE":  # the locale that decides: not one civsam speaks
            return None
    return None


def _asked_language(argv: Sequence[str]) -> Language | None:
    """The language ``--lang`` asks for, read before the arguments are parsed.

    ``--help`` and usage errors are printed while parsing, so they need it earlier than
    argparse gives it; a wrong value is left for argparse to refuse.
    """
    for index, word in enumerate(argv):
        if word == "--":
            break
        value = None
        if word == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif word.startswith("--lang="):
            value = word.removeprefix("--lang=")
        if value in {"da", "en"}:
            return Language(value)
    return None


# `language = "da"` on a line of its own (TOML), or `"language": "da"` anywhere (JSON).
_LANGUAGE_IN_FILE = {
    ".toml": re.compile(
        rb"""^[ \t]*["']?language["']?[ \t]*=[ \t]*["'](da|en)["']""", re.MULTILINE
    ),
    ".json": re.compile(rb'"language"\s*:\s*"(da|en)"'),
}


def _file_language(path: Path) -> Language | None:
    """The language a project file names, read from its text when it does not load.

    A file with a mistake still says which language its people read, and its errors
    are said in that language; a file that names none is Danish, as it would load.
    """
    pattern = _LANGUAGE_IN_FILE.get(path.suffix.lower())
    if pattern is None:
        return None
    try:
        found = pattern.search(read_file(path))
    except (CivsamError, OSError):
        return None
    return Language(found.group(1).decode()) if found else Language.DA


_Read = TypeVar("_Read")


def _reading(args: argparse.Namespace, reader: Callable[[Path], _Read]) -> _Read:
    """What ``reader`` makes of the project file ``args.path``.

    A file that does not load still names its language, and its problems are said in it.
    """
    where = _project_path(args.path)
    try:
        return reader(where)
    except ValidationError:
        if not args.lang:
            args.language = _file_language(where) or args.language
        raise


def _speak(args: argparse.Namespace, project: Project) -> None:
    """From now on the command speaks the project's language, unless --lang says otherwise."""
    if not args.lang:
        args.language = project.language


def _named_project_language(argv: Sequence[str]) -> Language | None:
    """The language of the first project file named on the command line, if it names one.

    A usage error or ``--help`` comes before the project is loaded; a Danish project's
    user gets them in Danish all the same.
    """
    for word in argv:
        if word == "--":
            break
        if word.endswith((".toml", ".json")):
            try:
                named = Path(word).is_file()
            except OSError:  # a name the system refuses: loading it will say why
                named = False
            if named:
                return _file_language(Path(word))
    return None


def _load(args: argparse.Namespace) -> Project:
    """The project file ``args.path``, loaded; the command speaks its language from now on."""
    project = _reading(args, civsam.load)
    _speak(args, project)
    return project


def _say(args: argparse.Namespace, key: str, /, **values: object) -> str:
    """A catalogue text in the language the command speaks."""
    return label(key, args.language, **values)


# -- argparse in the user's language ------------------------------------------------------------

# argparse's own messages, as it words them in Python 3.11 to 3.13, and the catalogue
# text each one is said with. A message not listed here is shown as argparse made it.
_ARGPARSE: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key, names)
    for pattern, key, names in (
        (r"the following arguments are required: (.*)", "cli.parse.required", ("names",)),
        (r"unrecognized arguments: (.*)", "cli.parse.unrecognised", ("names",)),
        (r"invalid choice: (.*) \(choose from (.*)\)", "cli.parse.choice", ("value", "choices")),
        (r"invalid \S+ value: (.*)", "cli.parse.value", ("value",)),
        (r"expected one argument", "cli.parse.one", ()),
        (r"expected at most one argument", "cli.parse.at_most_one", ()),
        (r"expected at least one argument", "cli.parse.at_least_one", ()),
        (r"ambiguous option: (\S+) could match (.*)", "cli.parse.ambiguous", ("option", "matches")),
        (r"not allowed with argument (.*)", "cli.parse.not_allowed", ("name",)),
        (r"ignored explicit argument (.*)", "cli.parse.explicit", ("value",)),
    )
)
_ARGUMENT = re.compile(r"argument (\S+): (.*)", re.DOTALL)


def _argparse_message(message: str, language: Language) -> str:
    """One of argparse's messages in ``language``; our own (already said) pass through."""
    argument = _ARGUMENT.fullmatch(message)
    if argument is not None:
        name, rest = argument.groups()
        said_rest = _argparse_message(rest, language)
        return label("cli.parse.argument", language, name=name, message=said_rest)
    for pattern, key, names in _ARGPARSE:
        found = pattern.fullmatch(message)
        if found is not None:
            return label(key, language, **dict(zip(names, found.groups(), strict=True)))
    return message


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with "usage:" in the parser's language."""

    def __init__(self, prog: str, *, language: Language) -> None:
        super().__init__(prog)
        self._usage_prefix = label("cli.usage", language)

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, self._usage_prefix if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """A parser that speaks ``language``: its help, its usage and its errors.

    Arguments go into the two groups :class:`_Groups` makes, titled in the language, so
    argparse's own English group titles stay empty and unprinted.
    """

    def __init__(self, *args: object, language: Language, **kwargs: object) -> None:
        self.language = language
        kwargs["formatter_class"] = functools.partial(_Formatter, language=language)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error in the parser's language; exit 2."""
        self.print_usage(sys.stderr)
        text = label(
            "cli.error",
            self.language,
            prog=self.prog,
            message=_argparse_message(message, self.language),
        )
        self.exit(EXIT_USAGE, clean(text) + "\n")


class _Groups:
    """A command's arguments and options, under headings in its language."""

    def __init__(self, parser: _Parser) -> None:
        language = parser.language
        self.language = language
        self.parser = parser
        self.arguments = parser.add_argument_group(label("cli.arguments", language))
        self.options = parser.add_argument_group(label("cli.options", language))
        self.options.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help=label("cli.help", language),
        )

    def say(self, key: str, /, **values: object) -> str:
        """A help text, for argparse: its ``%`` signs doubled, as argparse formats help."""
        return label(key, self.language, **values).replace("%", "%%")

    def argument(self, name: str, metavar: str, help_key: str, **kwargs: object) -> None:
        """A positional argument."""
        self.arguments.add_argument(
            name,
            metavar=label(f"cli.metavar.{metavar}", self.language),
            help=self.say(help_key),
            **kwargs,  # type: ignore[arg-type]
        )

    def option(
        self, *names: str, help_text: str, metavar: str | None = None, **kwargs: object
    ) -> None:
        """An option, with its help already said."""
        if metavar is not None:
            kwargs["metavar"] = label(f"cli.metavar.{metavar}", self.language)
        self.options.add_argument(*names, help=help_text.replace("%", "%%"), **kwargs)  # type: ignore[arg-type]


# -- what the commands share ------------------------------------------------------------------

_SHOWN = 60
"""The most of a typed value an error message repeats: enough to recognise it."""


def _shown(text: str) -> str:
    """What the user typed, quoted, and cut short when it is long."""
    return repr(text) if len(text) <= _SHOWN else f"{text[: _SHOWN - 1]!r}…"


def _count(key: str, count: int) -> Text:
    return Text(key, count=count)


def _summary(project: Project) -> Text:
    return Text(
        "cli.summary",
        name=project.name,
        organisations=_count("cli.count.organisations", len(project.organisations)),
        relations=_count("cli.count.relations", len(project.relations)),
        assessments=_count("cli.count.assessments", len(project.assessments)),
    )


def _size(data: bytes) -> Text:
    return Text("cli.count.bytes", count=len(data), number=Grouped(len(data)))


def _project_path(path: str) -> Path:
    """A project file's path; an unknown suffix is wrong usage (exit 2)."""
    try:
        format_for(path)
    except CivsamError as error:
        raise _UsageError(_message_of(error)) from None
    return Path(path)


def _message_of(error: BaseException) -> Message:
    """An error's message as it was made: a catalogue text when it is one."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, Sayable) else str(error)


def _refuse_overwrite(path: Path, force: bool) -> None:  # noqa: FBT001
    if path.exists() and not force:
        raise CivsamError(Text("cli.exists", path=path))


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
    key = "cli.wrote_example" if args.example else "cli.wrote_template"
    print(_say(args, key, path=path), file=out)
    return EXIT_OK


def _check(args: argparse.Namespace, out: TextIO) -> int:
    project = _load(args)
    print(_say(args, "cli.valid", path=args.path, summary=_summary(project)), file=out)
    return EXIT_OK


def _missing_column(text: str, *, language: Language) -> str:
    """An --allow-missing value as a column key; an unknown column is wrong usage (exit 2)."""
    try:
        return missing_column(text)
    except CivsamError as error:
        raise argparse.ArgumentTypeError(error.text(language)) from None


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
    _speak(args, project)
    save(project, output)
    print(_say(args, "cli.wrote_project", path=output, summary=_summary(project)), file=out)
    if not args.owner:  # read_table made up a placeholder owner: say so
        owner = project.owner
        note = _say(args, "cli.owner_placeholder", name=owner.name, id=owner.id, path=output)
        print(clean(note), file=sys.stderr)
    return EXIT_OK


def _matrix_rule(args: argparse.Namespace, project: Project) -> Rule | str | None:
    """The rule the command line asks for: a name, thresholds, or the project's."""
    settings = project.priority_settings
    thresholds = (args.importance_threshold, args.ease_threshold)
    asked: str | None = args.rule
    name = asked or settings.rule
    if thresholds == (None, None):
        return asked
    if name != "matrix":
        raise _UsageError(Text("cli.thresholds_need_matrix", rule=name))
    try:
        return MatrixRule(
            settings.importance_threshold
            if args.importance_threshold is None
            else args.importance_threshold,
            settings.ease_threshold if args.ease_threshold is None else args.ease_threshold,
        )
    except ValueError as error:
        raise _UsageError(Text("cli.threshold_range", reason=_message_of(error))) from None


def _matrix(args: argparse.Namespace, out: TextIO) -> int:
    project = _load(args)
    rule = _matrix_rule(args, project)
    language = args.language
    try:
        prio = prioritise(project, rule, as_of=args.today, language=language)
    except RuleError as error:
        if args.rule is not None and error.partner is None:
            raise _UsageError(_message_of(error)) from None
        raise
    out.write(draw_board(prio, project_name=project.name, language=language, top=args.top))
    if args.sensitivity:
        matrix = rule if isinstance(rule, MatrixRule) else None
        if prio.thresholds is None:
            raise _UsageError(Text("cli.sensitivity_needs_matrix", rule=prio.rule))
        out.write("\n")
        out.write(
            draw_sensitivity(
                sensitivity(project, matrix, as_of=args.today), prio, language=language
            )
        )
    return EXIT_OK


def _plugins(args: argparse.Namespace, out: TextIO) -> int:
    loaded = plugins()
    for key, registry in (
        ("cli.plugins.exporters", loaded.exporters()),
        ("cli.plugins.rules", loaded.rules()),
    ):
        print(_say(args, key), file=out)
        for name, entry in registry.items():
            where = _say(
                args,
                "cli.plugins.entry",
                origin=entry.plugin.origin_text,
                plugin=entry.plugin.name,
            )
            print(f"  {name:<20} {where}", file=out)
        if not registry:
            print(f"  {_say(args, 'cli.plugins.none')}", file=out)
    key = "cli.plugins.failed" if loaded.failures else "cli.plugins.failed_none"
    print(_say(args, key), file=out)
    for failure in loaded.failures:
        print(f"  {failure.text(args.language)}", file=out)
    return EXIT_INVALID if args.strict and loaded.failures else EXIT_OK


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
        raise _UsageError(Text("cli.no_format", formats=_formats(found)))
    suffix = Path(args.output).suffix.lower()
    matching = sorted(name for name, exporter in found.items() if exporter.suffix.lower() == suffix)
    if suffix and suffix[1:] in matching:
        matching = [suffix[1:]]
    if len(matching) != 1:
        shown = {name: found[name] for name in matching} if matching else found
        raise _UsageError(
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
    project = _load(args)
    name: str = args.format or _format_from_suffix(args)
    found = exporters()
    if name not in found:
        error = UnknownFormatError(name, tuple(sorted(found)), plugins().failures)
        raise _UsageError(_message_of(error))
    exporter = found[name]
    if args.format is None:
        note = _say(args, "cli.format_from_suffix", format=name, suffix=exporter.suffix)
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
        wrote = _say(args, "cli.wrote_export", path=output, format=name, size=_size(data))
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
    print(clean(f"civsam: {_say(args, 'cli.personal_data', fields=fields)}"), file=sys.stderr)
    if scan.skipped:
        # What was not read cannot be vouched for: "none found" must not sound like "none".
        note = _say(args, "cli.personal_data_unread", count=len(scan.skipped))
        print(clean(f"civsam: {note}"), file=sys.stderr)
    if counts and not report.include_contacts:
        print(clean(f"civsam: {_say(args, 'cli.personal_data_unasked')}"), file=sys.stderr)


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
        print(_say(args, "cli.wrote_file", path=path, size=_size(data)), file=out)
    print(_say(args, "cli.demo_contacts"), file=out)
    return EXIT_OK


# -- the collaboration's lifecycle: readiness, plan, contact, outreach, reviews ---------------


def _folded(text: str) -> str:
    """A name as it is compared: case and runs of spaces do not matter."""
    return " ".join(text.split()).casefold()


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


def _named(organisations: Iterable[Organisation]) -> list[Text]:
    return [Text("cli.partner_named", id=org.id, name=org.name) for org in organisations]


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
            raise CivsamError(
                Text(
                    "cli.partner_ambiguous",
                    text=_shown(text),
                    count=len(named),
                    listed=Choices(_named(named), "and"),
                )
            )
        if not named:
            near = _named(_near(project, wanted))
            if near:
                raise CivsamError(
                    Text("cli.partner_unknown_near", text=_shown(text), near=Choices(near))
                )
            raise CivsamError(Text("cli.partner_unknown", text=_shown(text)))
        found = named[0]
    if found.id == project.owner.id:
        raise CivsamError(Text("cli.partner_owner", text=_shown(text), name=found.name))
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
    project = _load(args)
    language: Language = args.language
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
    project = _load(args)
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
        *_wrap(
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
            for line in _wrap(
                label(
                    "plan.closed_period", language, first=first.isoformat(), last=last.isoformat()
                )
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
    elif not schedule.unscheduled:
        lines.append(label("plan.none", language))
    if schedule.unscheduled:
        names = Choices((partner.name for partner in schedule.unscheduled), "and")
        lines += _wrap(
            label("plan.unscheduled", language, end=schedule.end.isoformat(), names=names)
        )
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
        lines += ["", *_wrap(label("plan.crowded_out", language, names=names))]
    lines += _plan_changes(schedule, language)
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
            lines += [line for sentence in sentences for line in _wrap(sentence, "  ", "    ")]
    return lines


def _due(args: argparse.Namespace, out: TextIO) -> int:
    project = _load(args)
    language: Language = args.language
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
    project = _load(args)
    language: Language = args.language
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
    project = _load(args)
    language: Language = args.language
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
    file = _reading(args, ProjectFile.read)
    _speak(args, file.project)
    language: Language = args.language
    partner = _partner(file.project, args.partner)
    try:
        made = entry(partner)
    except ValueError as error:  # a value the entry refuses: an item given twice, …
        raise _UsageError(_message_of(error)) from None
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


# -- the values a user types, in Danish or English ----------------------------------------------


def _folded_word(text: str) -> str:
    """A typed word as it is compared: case, spaces, hyphens and underscores do not matter."""
    return re.sub(r"[\s_-]+", "_", text.strip().casefold())


class _Words(Generic[_Member]):
    """The words that name the members of one of civsam's value types, in both languages.

    The English identifier always works; so does each word the catalogue lists for the
    member (``word.<area>.<value>``) and the member's own label ("Sat kryds"). A wrong
    word is refused with the words of the language the command speaks.
    """

    def __init__(self, area: str, what: str, members: Iterable[_Member]) -> None:
        self.area = area
        self.what = what
        self.members = tuple(members)
        self.table: dict[str, _Member] = {}
        for member in self.members:
            self.table[_folded_word(member.value)] = member
            for language in Language:
                for word in label(f"word.{area}.{member.value}", language).split(","):
                    self.table.setdefault(_folded_word(word), member)

    def words(self, language: Language) -> list[str]:
        """The first word of each member in ``language``: what the help and errors show."""
        return [
            label(f"word.{self.area}.{member.value}", language).split(",")[0].strip()
            for member in self.members
        ]

    def parse(self, text: str, language: Language) -> _Member:
        """The member ``text`` names; an unknown word is an argparse error in ``language``."""
        found = self.table.get(_folded_word(text))
        if found is None:
            raise argparse.ArgumentTypeError(
                label(
                    "cli.unknown_word",
                    language,
                    what=label(self.what, language),
                    text=_shown(text),
                    choices=", ".join(self.words(language)),
                )
            )
        return found

    def type(self, language: Language) -> Callable[[str], _Member]:
        """An argparse ``type`` that reads these words."""
        return functools.partial(self.parse, language=language)


_KINDS = _Words("touchpoint_kind", "cli.word.kind", TouchpointKind)
_STEPS = _Words(
    "step", "cli.word.step", (step for step in OutreachStep if step is not OutreachStep.NOT_STARTED)
)
_ITEMS = _Words("item", "cli.word.item", ChecklistItem)
_PAPERS = _Words("paper", "cli.word.paper", Paper)
_STATUSES = _Words("status", "cli.word.status", ItemStatus)


def _verdict(text: str, *, language: Language) -> ItemReview:
    """ITEM=STATUS[:NOTE], as ``civsam review`` takes it: one item's verdict."""
    item, equals, rest = text.partition("=")
    status, _, note = rest.partition(":")
    if not equals:
        raise argparse.ArgumentTypeError(label("cli.verdict_form", language, text=_shown(text)))
    return ItemReview(_ITEMS.parse(item, language), _STATUSES.parse(status, language), note.strip())


def _whole(text: str, *, least: int, language: Language) -> int:
    """A whole number of at least ``least``."""
    try:
        value = int(text)
    except ValueError:
        value = least - 1
    if value < least:
        raise argparse.ArgumentTypeError(
            label("cli.whole_number", language, least=least, text=_shown(text))
        )
    return value


def _number(text: str, *, language: Language) -> float:
    """A number such as a threshold (its range is the rule's to check)."""
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(label("cli.number", language, text=_shown(text))) from None


def _date(text: str, *, language: Language) -> dt.date:
    """A date typed on the command line: one civsam can plan with (see ``check``)."""
    try:
        return parse_day(text)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.problems[0].text(language)) from None


def _capacity(text: str, *, language: Language) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 40:  # noqa: PLR2004 - PlanSettings.capacity's range
        raise argparse.ArgumentTypeError(label("cli.capacity_range", language, text=_shown(text)))
    return value


# -- the commands and their arguments -----------------------------------------------------------


class _Commands:
    """The subcommands of ``civsam``, each made with its arguments in one language."""

    def __init__(self, parser: _Parser) -> None:
        self.language = parser.language
        self.action = parser.add_subparsers(
            title=label("cli.commands", self.language),
            dest="command",
            required=True,
            metavar=label("cli.metavar.command", self.language),
        )

    def add(self, name: str, handler: Handler) -> _Groups:
        """A subcommand, its help from ``cli.<name>``; every one takes ``--lang``."""
        help_text = label(f"cli.{name.replace('-', '_')}", self.language)
        parser = self.action.add_parser(
            name, help=help_text, description=help_text, language=self.language
        )
        parser.set_defaults(handler=handler)
        groups = _Groups(parser)
        groups.option(
            "--lang",
            choices=[lang.value for lang in Language],
            default=argparse.SUPPRESS,
            help_text=label("cli.arg.lang", self.language),
        )
        return groups


def _typed(function: Callable[..., object], language: Language) -> Callable[[str], object]:
    """An argparse ``type`` whose errors are said in ``language``."""
    return functools.partial(function, language=language)


def _project_argument(command: _Groups) -> None:
    command.argument("path", "path", "cli.arg.project")


def _partner_argument(command: _Groups) -> None:
    command.argument("partner", "partner", "cli.arg.partner")


def _day_option(command: _Groups, what: str, *, required: bool = True) -> None:
    command.option(
        "--date",
        required=required,
        type=_typed(_date, command.language),
        metavar="date",
        help_text=label(
            "cli.arg.date_example", command.language, what=label(what, command.language)
        ),
    )


def _today_option(command: _Groups, help_key: str = "cli.arg.today") -> None:
    command.option(
        "--today",
        type=_typed(_date, command.language),
        metavar="date",
        help_text=label(help_key, command.language),
    )


def _planning_options(command: _Groups) -> None:
    command.option(
        "--start",
        type=_typed(_date, command.language),
        metavar="date",
        help_text=label("cli.arg.start", command.language),
    )
    command.option(
        "--capacity",
        type=_typed(_capacity, command.language),
        metavar="n",
        help_text=label("cli.arg.capacity", command.language),
    )


def _note_option(command: _Groups, help_key: str) -> None:
    command.option(
        "--note", default="", metavar="text", help_text=label(help_key, command.language)
    )


def _count_option(command: _Groups, name: str, *, least: int, default: int, help_key: str) -> None:
    """An option that takes a whole number of at least ``least``."""
    command.option(
        name,
        type=_typed(functools.partial(_whole, least=least), command.language),
        default=default,
        metavar="n",
        help_text=label(help_key, command.language),
    )


def _force_option(command: _Groups, help_key: str = "cli.arg.force") -> None:
    command.option("--force", action="store_true", help_text=label(help_key, command.language))


def _add_files(commands: _Commands) -> None:
    """Project files: init, check, import-table, and the demo."""
    language = commands.language
    init = commands.add("init", _init)
    init.argument("path", "path", "cli.init.path")
    init.option("--example", action="store_true", help_text=label("cli.init.example", language))
    _force_option(init)

    _project_argument(commands.add("check", _check))

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
        type=_typed(_missing_column, language),
        metavar="column",
        help_text=label("cli.import_table.allow_missing", language),
    )
    _force_option(table)

    demo = commands.add("demo", _demo)
    demo.argument("outdir", "outdir", "cli.demo.outdir")
    _force_option(demo, "cli.demo.force")
    _today_option(demo)


def _add_matrix_and_export(commands: _Commands) -> None:
    """Prioritise and export: the matrix in the terminal, and every export format."""
    language = commands.language
    matrix = commands.add("matrix", _matrix)
    _project_argument(matrix)
    matrix.option("--rule", metavar="name", help_text=label("cli.arg.rule", language))
    for axis in ("importance", "ease"):
        matrix.option(
            f"--{axis}-threshold",
            type=_typed(_number, language),
            metavar="n",
            help_text=label(f"cli.matrix.{axis}_threshold", language),
        )
    matrix.option(
        "--sensitivity", action="store_true", help_text=label("cli.matrix.sensitivity", language)
    )
    _count_option(matrix, "--top", least=0, default=8, help_key="cli.matrix.top")
    _today_option(matrix)

    exporting = commands.add("export", _export)
    _project_argument(exporting)
    exporting.option(
        "-f", "--format", metavar="format", help_text=label("cli.export.format", language)
    )
    exporting.option(
        "-o", "--output", metavar="out", help_text=label("cli.export.output", language)
    )
    _force_option(exporting, "cli.export.force")
    exporting.option(
        "--include-contacts",
        action="store_true",
        help_text=label("cli.export.include_contacts", language),
    )
    exporting.option("--rule", metavar="name", help_text=label("cli.arg.rule", language))
    exporting.option(
        "--paper",
        type=_PAPERS.type(language),
        default=Paper.A3,
        metavar="paper",
        help_text=label("cli.export.paper", language),
    )
    _today_option(exporting)
    _planning_options(exporting)


def _add_outreach(commands: _Commands) -> None:
    """Readiness, the plan and the contact: the guide's sections 1 and 4."""
    language = commands.language
    _project_argument(commands.add("readiness", _readiness))

    planning = commands.add("plan", _plan)
    _project_argument(planning)
    _planning_options(planning)

    log = commands.add("log", _log)
    _project_argument(log)
    _partner_argument(log)
    _day_option(log, "cli.log.date")
    log.option(
        "--kind",
        required=True,
        type=_KINDS.type(language),
        metavar="kind",
        help_text=label("cli.log.kind", language, choices=", ".join(_KINDS.words(language))),
    )
    _note_option(log, "cli.log.note")

    due_now = commands.add("due", _due)
    _project_argument(due_now)
    _today_option(due_now, "cli.due.today")


def _add_partnership(commands: _Commands) -> None:
    """The outreach steps, the checklist reviews and introductions to partners."""
    language = commands.language
    step = commands.add("step", _step)
    _project_argument(step)
    _partner_argument(step)
    step.arguments.add_argument(
        "step",
        type=_STEPS.type(language),
        metavar=label("cli.metavar.step", language),
        help=label("cli.step.step", language, choices=", ".join(_STEPS.words(language))),
    )
    _day_option(step, "cli.step.date")
    _note_option(step, "cli.step.note")

    review = commands.add("review", _review)
    _project_argument(review)
    _partner_argument(review)
    review.arguments.add_argument(
        "items",
        nargs="+",
        type=_typed(_verdict, language),
        metavar=label("cli.metavar.verdict", language),
        help=label(
            "cli.review.items",
            language,
            statuses=", ".join(_STATUSES.words(language)),
            items=", ".join(_ITEMS.words(language)),
        ).replace("%", "%%"),
    )
    _day_option(review, "cli.review.date")
    _note_option(review, "cli.review.note")

    _partner_argument(_with_project(commands.add("checklist", _checklist)))

    introductions = _with_project(commands.add("introductions", _introductions))
    _partner_argument(introductions)
    _count_option(introductions, "--limit", least=1, default=5, help_key="cli.introductions.limit")
    _today_option(introductions)


def _with_project(command: _Groups) -> _Groups:
    _project_argument(command)
    return command


def _parser(language: Language = Language.EN) -> _Parser:
    """The whole command line, its help and its errors in ``language``."""
    parser = _Parser(
        prog="civsam", description=label("cli.description", language), language=language
    )
    top = _Groups(parser)
    top.option(
        "--version",
        action="version",
        version=f"civsam {civsam.__version__}",
        help_text=label("cli.version", language),
    )
    top.option(
        "--lang",
        choices=[lang.value for lang in Language],
        help_text=label("cli.arg.lang", language),
    )
    commands = _Commands(parser)
    _add_files(commands)
    _add_matrix_and_export(commands)
    _add_outreach(commands)
    _add_partnership(commands)
    listing = commands.add("plugins", _plugins)
    listing.option(
        "--strict",
        action="store_true",
        help_text=label("cli.arg.plugins_strict", commands.language),
    )
    return parser


def _message(error: BaseException, language: Language) -> str:
    """What went wrong, in ``language``, in one line where the error is the system's."""
    if isinstance(error, CivsamError):
        return error.text(language)
    if isinstance(error, OSError):
        # A path the system refused (a folder where a file was expected, a name too
        # long, a loop of links): the user's input, said as the path and the reason.
        reason = os_reason(error)
        if error.filename is None:
            return reason.say(language)
        return label("cli.os_error", language, path=error.filename, reason=reason)
    if isinstance(error, RecursionError | MemoryError):
        return label("cli.too_large", language, kind=type(error).__name__)
    return str(error)


class _Warnings(logging.Handler):
    """civsam's warnings (a plugin that failed to load) on standard error, said well.

    Said in the language the command speaks when the warning comes, and cleaned for the
    terminal like every other message.
    """

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(logging.WARNING)
        self.args = args

    def emit(self, record: logging.LogRecord) -> None:
        """Print the warning, said in the command's language, cleaned for the terminal."""
        message = record.msg
        text = (
            message.say(self.args.language)
            if isinstance(message, Sayable) and not record.args
            else record.getMessage()
        )
        print(clean(f"civsam: {text}"), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = (
        _asked_language(arguments)
        or _named_project_language(arguments)
        or _environment_language(os.environ)
        or Language.EN
    )
    args = _parser(language).parse_args(arguments)
    args.lang = getattr(args, "lang", None)
    args.language = Language(args.lang) if args.lang else language
    handler: Handler = args.handler
    warnings = _Warnings(args)
    logger = logging.getLogger("civsam")
    logger.addHandler(warnings)
    try:
        return handler(args, cast("TextIO", CleanText(sys.stdout)))
    except BrokenPipeError:
        # The reader went away (`civsam export … | head`): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INVALID
    except (CivsamError, OSError, RecursionError, MemoryError) as error:
        print(clean(f"civsam: {_message(error, args.language)}"), file=sys.stderr)
        return EXIT_USAGE if isinstance(error, _UsageError) else EXIT_INVALID
    finally:
        logger.removeHandler(warnings)
