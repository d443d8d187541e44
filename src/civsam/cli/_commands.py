"""Every command of ``civsam``, in the order ``--help`` lists them, under one parser."""

from __future__ import annotations

from collections.abc import Callable

import civsam
from civsam import Language
from civsam.cli._export import add_demo, add_export, add_plugins
from civsam.cli._history import add_assess, add_changes
from civsam.cli._lifecycle import add_checklist, add_log, add_readiness, add_review, add_step
from civsam.cli._matrix import add_matrix
from civsam.cli._network import add_introductions
from civsam.cli._parser import Commands, Groups, Parser
from civsam.cli._plan import add_due, add_plan
from civsam.cli._project import add_check, add_import_table, add_init
from civsam.cli._workshop import add_apply
from civsam.labels import label

__all__ = ["COMMANDS", "make_parser"]

COMMANDS: tuple[Callable[[Commands], None], ...] = (
    add_init,
    add_check,
    add_import_table,
    add_demo,
    add_matrix,
    add_assess,
    add_changes,
    add_apply,
    add_export,
    add_readiness,
    add_plan,
    add_log,
    add_due,
    add_step,
    add_review,
    add_checklist,
    add_introductions,
    add_plugins,
)
"""Each command, by the function that adds it: project files, the matrix and exports, the
outreach, the partnerships, and the plugins. ``--help`` lists them in this order."""


def make_parser(language: Language = Language.EN) -> Parser:
    """The whole command line, its help and its errors in ``language``."""
    parser = Parser(
        prog="civsam", description=label("cli.description", language), language=language
    )
    top = Groups(parser)
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
    commands = Commands(parser)
    for add in COMMANDS:
        add(commands)
    return parser
