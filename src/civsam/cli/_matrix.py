"""``matrix``: the priority matrix in the terminal, and who would move if a threshold moved."""

from __future__ import annotations

import argparse
from typing import TextIO

from civsam import MatrixRule, Project, Rule, RuleError, prioritise, sensitivity
from civsam.cli._board import draw_board, draw_sensitivity
from civsam.cli._errors import EXIT_OK, UsageError, message_of
from civsam.cli._loading import load
from civsam.cli._options import count_option, project_argument, today_option
from civsam.cli._parser import Commands, typed
from civsam.cli._values import number
from civsam.labels import Text, label

__all__ = ["add_matrix"]


def _matrix_rule(args: argparse.Namespace, project: Project) -> Rule | str | None:
    """The rule the command line asks for: a name, thresholds, or the project's."""
    settings = project.priority_settings
    thresholds = (args.importance_threshold, args.ease_threshold)
    asked: str | None = args.rule
    name = asked or settings.rule
    if thresholds == (None, None):
        return asked
    if name != "matrix":
        raise UsageError(Text("cli.thresholds_need_matrix", rule=name))
    try:
        return MatrixRule(
            settings.importance_threshold
            if args.importance_threshold is None
            else args.importance_threshold,
            settings.ease_threshold if args.ease_threshold is None else args.ease_threshold,
        )
    except ValueError as error:
        raise UsageError(Text("cli.threshold_range", reason=message_of(error))) from None


def _matrix(args: argparse.Namespace, out: TextIO) -> int:
    project = load(args)
    rule = _matrix_rule(args, project)
    language = args.language
    try:
        prio = prioritise(project, rule, as_of=args.today, language=language)
    except RuleError as error:
        if args.rule is not None and error.partner is None:
            raise UsageError(message_of(error)) from None
        raise
    out.write(draw_board(prio, project_name=project.name, language=language, top=args.top))
    if args.sensitivity:
        matrix = rule if isinstance(rule, MatrixRule) else None
        if prio.thresholds is None:
            raise UsageError(Text("cli.sensitivity_needs_matrix", rule=prio.rule))
        out.write("\n")
        out.write(
            draw_sensitivity(
                sensitivity(project, matrix, as_of=args.today), prio, language=language
            )
        )
    return EXIT_OK


def add_matrix(commands: Commands) -> None:
    """``civsam matrix PATH``: the rule or its thresholds, --sensitivity, --top, --today."""
    language = commands.language
    matrix = commands.add("matrix", _matrix)
    project_argument(matrix)
    matrix.option("--rule", metavar="name", help_text=label("cli.arg.rule", language))
    for axis in ("importance", "ease"):
        matrix.option(
            f"--{axis}-threshold",
            type=typed(number, language),
            metavar="n",
            help_text=label(f"cli.matrix.{axis}_threshold", language),
        )
    matrix.option(
        "--sensitivity", action="store_true", help_text=label("cli.matrix.sensitivity", language)
    )
    count_option(matrix, "--top", least=0, default=8, help_key="cli.matrix.top")
    today_option(matrix)
