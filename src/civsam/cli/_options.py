"""The arguments and options several commands take, made alike wherever they appear."""

from __future__ import annotations

import functools

from civsam.cli._parser import Groups, typed
from civsam.cli._values import capacity, date, whole
from civsam.labels import label

__all__ = [
    "count_option",
    "date_option",
    "day_option",
    "force_option",
    "note_option",
    "partner_argument",
    "planning_options",
    "project_argument",
    "today_option",
    "with_project",
]


def project_argument(command: Groups) -> None:
    """PATH: the project file the command reads."""
    command.argument("path", "path", "cli.arg.project")


def with_project(command: Groups) -> Groups:
    """``command`` with its PATH argument added: for a chain of arguments."""
    project_argument(command)
    return command


def partner_argument(command: Groups) -> None:
    """PARTNER: an organisation's id, or its name."""
    command.argument("partner", "partner", "cli.arg.partner")


def day_option(command: Groups, what: str, *, required: bool = True) -> None:
    """--date: the day of what the command records (``what``, a catalogue key)."""
    command.option(
        "--date",
        required=required,
        type=typed(date, command.language),
        metavar="date",
        help_text=label(
            "cli.arg.date_example", command.language, what=label(what, command.language)
        ),
    )


def date_option(command: Groups, flag: str, help_key: str, *, required: bool = False) -> None:
    """An option that takes a day (``--since``, ``--until``, …), its help a catalogue key."""
    command.option(
        flag,
        required=required,
        type=typed(date, command.language),
        metavar="date",
        help_text=label(help_key, command.language),
    )


def today_option(command: Groups, help_key: str = "cli.arg.today") -> None:
    """--today: the day the command measures against, instead of today."""
    date_option(command, "--today", help_key)


def planning_options(command: Groups) -> None:
    """--start and --capacity: what a plan is made from, over the project's settings."""
    command.option(
        "--start",
        type=typed(date, command.language),
        metavar="date",
        help_text=label("cli.arg.start", command.language),
    )
    command.option(
        "--capacity",
        type=typed(capacity, command.language),
        metavar="n",
        help_text=label("cli.arg.capacity", command.language),
    )


def note_option(command: Groups, help_key: str) -> None:
    """--note: free text recorded with an entry."""
    command.option(
        "--note", default="", metavar="text", help_text=label(help_key, command.language)
    )


def count_option(command: Groups, name: str, *, least: int, default: int, help_key: str) -> None:
    """An option that takes a whole number of at least ``least``."""
    command.option(
        name,
        type=typed(functools.partial(whole, least=least), command.language),
        default=default,
        metavar="n",
        help_text=label(help_key, command.language),
    )


def force_option(command: Groups, help_key: str = "cli.arg.force") -> None:
    """--force: replace what the command would otherwise refuse to."""
    command.option("--force", action="store_true", help_text=label(help_key, command.language))
