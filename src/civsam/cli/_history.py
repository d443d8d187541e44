"""``civsam assess`` and ``civsam changes``: assessments over time.

``assess`` records a new dated assessment of one partner: the partner table's words
carry over from its latest one, the old ones stay in the file as its history. ``changes``
says who moved on the board between two days, as the guide's "evaluate and adjust" asks.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, TextIO

from civsam import Language, Quadrant, ValidationError, moves, prioritise
from civsam.cli._columns import write_lines
from civsam.cli._errors import EXIT_OK, UsageError, message_of
from civsam.cli._language import say, speak
from civsam.cli._loading import load, reading
from civsam.cli._options import date_option, note_option, partner_argument, project_argument
from civsam.cli._parser import typed
from civsam.cli._partners import named_partner
from civsam.cli._terminal import clean
from civsam.cli._values import level
from civsam.files._levels import EASE, IMPORTANCE
from civsam.files.io import ProjectFile
from civsam.labels import label

if TYPE_CHECKING:
    from civsam import Move, Placement, Project
    from civsam.cli._parser import Commands

__all__ = ["add_assess", "add_changes"]


def _quadrant(quadrant: Quadrant | None, language: Language) -> str:
    """A quadrant's name, or what it says of a partner not on the board."""
    if quadrant is None:
        return label("history.off_board", language)
    return label(f"quadrant.{quadrant.value}", language)


def _score(value: float) -> str:
    """A score as the board shows it: whole, or to one decimal when combined."""
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _scores(placement: Placement | None, language: Language) -> str:
    if placement is None:
        return "–"
    return label(
        "history.scores",
        language,
        importance=_score(placement.importance),
        ease=_score(placement.ease),
    )


def _assess(args: argparse.Namespace, out: TextIO) -> int:
    if args.importance is None and args.ease is None:
        raise UsageError(say(args, "history.assess_nothing"))
    file = reading(args, ProjectFile.read)
    speak(args, file.project)
    language: Language = args.language
    partner = named_partner(file.project, args.partner)
    day: dt.date = args.date or dt.date.today()  # noqa: DTZ011 - the user's today, as `log`
    before = prioritise(file.project).get(partner.id)
    changes: dict[str, object] = {"notes": args.note, "by": args.by}
    if args.importance is not None:
        changes["importance"] = args.importance
    if args.ease is not None:
        changes["ease"] = args.ease
    trial = file.project.copy()
    try:
        made = trial.reassess(partner.id, day, **changes)
    except ValidationError as error:
        raise UsageError(message_of(error)) from None
    project = file.record(made)
    after = prioritise(project).get(partner.id)
    lines = [
        say(
            args,
            "history.assessed",
            name=partner.name,
            date=day.isoformat(),
            scores=_scores(after, language),
            path=args.path,
        )
    ]
    if after is not None and (before is None or before.quadrant != after.quadrant):
        lines.append(
            say(
                args,
                "history.moved",
                was=_quadrant(None if before is None else before.quadrant, language),
                now=_quadrant(after.quadrant, language),
            )
        )
    elif after is not None:
        lines.append(say(args, "history.stayed", now=_quadrant(after.quadrant, language)))
    count = len(project.history[partner.id])
    lines.append(say(args, "history.kept", count=count))
    write_lines([clean(line) for line in lines], out)
    return EXIT_OK


def _move_line(move: Move, project: Project, language: Language) -> str:
    organisation = project.organisations.get(move.partner)
    name = organisation.name if organisation is not None else move.partner
    return "  " + label(
        "history.move",
        language,
        name=name,
        was=_quadrant(move.was, language),
        now=_quadrant(move.now, language),
        before=_scores(move.before, language),
        after=_scores(move.after, language),
    )


def _changes(args: argparse.Namespace, out: TextIO) -> int:
    project = load(args)
    language: Language = args.language
    since: dt.date = args.since
    until: dt.date | None = args.until
    if until is not None and until < since:
        raise UsageError(
            say(
                args, "history.until_before_since", since=since.isoformat(), until=until.isoformat()
            )
        )
    found = moves(project, since, until=until, rule=args.rule, language=language)
    period = (
        say(args, "history.period_until", since=since.isoformat(), until=until.isoformat())
        if until is not None
        else say(args, "history.period", since=since.isoformat())
    )
    across = [move for move in found if move.quadrant_changed]
    within = [move for move in found if not move.quadrant_changed]
    heading = "history.moved_heading" if across else "history.none_moved"
    lines = [say(args, heading, count=len(across), period=period)]
    lines += [_move_line(move, project, language) for move in across]
    if args.all:
        heading = "history.within_heading" if within else "history.none_within"
        lines += ["", say(args, heading, count=len(within), period=period)]
        lines += [_move_line(move, project, language) for move in within]
    elif within:
        lines += ["", say(args, "history.within_hint", count=len(within))]
    write_lines([clean(line) for line in lines], out)
    return EXIT_OK


def add_assess(commands: Commands) -> None:
    """``civsam assess PATH PARTNER --importance N --ease N [--date D] [--note T] [--by N]``."""
    language = commands.language
    assess = commands.add("assess", _assess)
    project_argument(assess)
    partner_argument(assess)
    assess.option(
        "--importance",
        type=typed(level(IMPORTANCE), language),
        metavar="n",
        help_text=label("history.arg.importance", language),
    )
    assess.option(
        "--ease",
        type=typed(level(EASE), language),
        metavar="n",
        help_text=label("history.arg.ease", language),
    )
    date_option(assess, "--date", "history.arg.date")
    note_option(assess, "history.arg.note")
    assess.option("--by", default="", metavar="name", help_text=label("history.arg.by", language))


def add_changes(commands: Commands) -> None:
    """``civsam changes PATH --since DATE [--until DATE] [--all] [--rule NAME]``."""
    language = commands.language
    changes = commands.add("changes", _changes)
    project_argument(changes)
    date_option(changes, "--since", "history.arg.since", required=True)
    date_option(changes, "--until", "history.arg.until")
    changes.option("--all", action="store_true", help_text=label("history.arg.all", language))
    changes.option("--rule", metavar="name", help_text=label("cli.arg.rule", language))
