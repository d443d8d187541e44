"""``civsam apply``: record a workshop board's changes file as dated assessments.

The group moved post-its on the board (``civsam export -f workshop``) and saved a changes
file; ``apply`` records each move as a new dated assessment of its partner, atomically and
under the project file's lock, the file's other bytes kept. When the project moved on
since the board was made (a partner assessed again meanwhile) every conflict is listed
and nothing is written (exit 1), unless ``--force``: the old assessments stay in the
history either way. A change the project already holds is skipped, so applying a file
twice records it once.

A changes file made for a project of another name is refused too, unless ``--force``:
it is most likely the wrong project file, and a partner the board showed unassessed
(its ``base`` is ``""``) would give no conflict to warn of it. A renamed project is the
one case where it is right, and ``--force`` says so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

import attrs

from civsam import CivsamError, Language, Project, ValidationError
from civsam.cli._errors import EXIT_OK
from civsam.cli._language import speak
from civsam.cli._loading import reading
from civsam.cli._options import force_option, project_argument
from civsam.cli._terminal import clean
from civsam.errors import Message, said
from civsam.files._limits import read_file
from civsam.files.io import ProjectFile
from civsam.labels import Choices, Text, label
from civsam.workshop import Applied, Changes, Conflict, apply_changes, read_changes

if TYPE_CHECKING:
    from civsam.cli._parser import Commands
    from civsam.model import Assessment

__all__ = ["add_apply"]

_NO_SCORE = "–"
"""A score the assessment leaves to be derived: shown as a dash in either language."""


@attrs.frozen
class _Lines:
    """Messages said one per line, in the reader's language: a report an error can carry."""

    lines: tuple[Message, ...]

    def say(self, language: str) -> str:
        """The lines in ``language``."""
        return "\n".join(said(line, language) for line in self.lines)

    def __str__(self) -> str:
        return self.say("en")


@attrs.frozen
class _Indented:
    """A message said two spaces in: a line of a list under a heading."""

    message: Message

    def say(self, language: str) -> str:
        """The message in ``language``, indented."""
        return f"  {said(self.message, language)}"


def _read_changes(source: str) -> Changes:
    """The changes file at ``source``, read within civsam's limits and checked."""
    try:
        data = read_file(source)
    except CivsamError as error:
        # A folder or a pipe: said as what it is not, a changes file (not a project file).
        text = error.args[0] if len(error.args) == 1 else None
        if isinstance(text, Text) and text.key == "limits.not_regular":
            raise CivsamError(Text("workshop.not_regular", **text.values)) from None
        raise
    return read_changes(data, source=source)


def _located(error: ValidationError, source: str) -> ValidationError:
    """``error``'s problems, said to be in the changes file ``source``."""
    return ValidationError(
        (attrs.evolve(problem, file=source) for problem in error.problems), source=source
    )


def _planned(project: Project, changes: Changes, args: argparse.Namespace) -> Applied:
    try:
        return apply_changes(project, changes, force=args.force)
    except ValidationError as error:  # a partner the project does not hold
        raise _located(error, args.changes) from None


def _score(value: int | None) -> str:
    return _NO_SCORE if value is None else str(value)


def _scores(importance: int | None, ease: int | None) -> Text:
    return Text("workshop.scores", importance=_score(importance), ease=_score(ease))


def _now(assessment: Assessment | None) -> Text:
    """What the project holds now: the latest assessment's scores and day."""
    if assessment is None:
        return Text("workshop.no_assessment")
    scores = _scores(assessment.importance, assessment.ease)
    if assessment.date is None:
        return Text("workshop.undated", scores=scores)
    return Text("workshop.assessed_on", scores=scores, date=assessment.date.isoformat())


def _conflict(project: Project, conflict: Conflict) -> Text:
    change = conflict.change
    was = change.was
    return Text(
        "workshop.conflict",
        name=project.organisations[change.partner].name,
        was=Text("workshop.not_placed") if was is None else _scores(was.importance, was.ease),
        new=_scores(change.importance, change.ease),
        now=_now(conflict.now),
    )


def _conflicts(project: Project, applied: Applied, path: str) -> _Lines:
    conflicts = applied.conflicts
    count = len(conflicts)
    head = (
        Text("workshop.conflicts_forced", count=count)
        if applied.forced
        else Text(
            "workshop.conflicts", count=count, made=applied.changes.made.isoformat(), path=path
        )
    )
    lines: list[Message] = [head, *(_Indented(_conflict(project, c)) for c in conflicts)]
    if not applied.forced:
        lines.append(Text("workshop.conflicts_advice"))
    return _Lines(tuple(lines))


def _move(before: int | None, after: int | None) -> str | Text:
    if before == after:
        return _score(after)
    return Text("workshop.move", before=_score(before), after=_score(after))


def _moves(project: Project, assessments: Sequence[Assessment]) -> list[Message]:
    """A line per new assessment: the partner, and its scores from what they are now."""
    lines: list[Message] = []
    for assessment in assessments:
        before = project.assessments.get(assessment.partner)
        moved = Text(
            "workshop.moved",
            name=project.organisations[assessment.partner].name,
            importance=_move(None if before is None else before.importance, assessment.importance),
            ease=_move(None if before is None else before.ease, assessment.ease),
        )
        if before is not None and _later(before, assessment):
            # Forced over a later assessment: the new one goes into the history before it.
            moved = Text("workshop.moved_earlier", moved=moved, date=str(before.date))
        lines.append(_Indented(moved))
    return lines


def _later(before: Assessment, after: Assessment) -> bool:
    return before.date is not None and after.date is not None and before.date > after.date


def _report(project: Project, applied: Applied, args: argparse.Namespace) -> list[Message]:
    """What was (or, with --dry-run, would be) recorded, and what was skipped."""
    made = applied.assessments
    day = applied.changes.date.isoformat()
    lines: list[Message] = []
    if made:
        key = "workshop.would_record" if args.dry_run else "workshop.recorded"
        lines += [Text(key, count=len(made), date=day, path=args.path), *_moves(project, made)]
    else:
        lines.append(Text("workshop.nothing_to_record", path=args.path))
    if applied.skipped:
        names = [project.organisations[change.partner].name for change in applied.skipped]
        lines.append(Text("workshop.skipped", count=len(names), names=Choices(names, "and")))
    if args.dry_run:
        lines.append(Text("workshop.dry_run"))
    return lines


@attrs.frozen(eq=False)
class _Unchanged:
    """The check under the lock: the project as it is now gives the same plan.

    Another process may have recorded an assessment between reading the file and
    locking it; the changes are then planned again against the file as it is, and a
    different plan (a new conflict) stops the write.
    """

    read: Project
    applied: Applied
    source: str

    def __call__(self, project: Project) -> None:
        """Raise unless ``project`` gives the plan the file read first gave."""
        if project is self.read:  # the file is as it was read
            return
        try:
            again = apply_changes(project, self.applied.changes, force=self.applied.forced)
        except ValidationError as error:
            raise _located(error, self.source) from None
        if again != self.applied:
            raise CivsamError(Text("workshop.changed_meanwhile", path=self.source))


def _apply(args: argparse.Namespace, out: TextIO) -> int:
    file = reading(args, ProjectFile.read)
    speak(args, file.project)
    language: Language = args.language
    project = file.project
    changes = _read_changes(args.changes)
    if changes.project != project.name:
        values = {"changes": args.changes, "board": changes.project, "name": project.name}
        if not args.force:
            raise CivsamError(Text("workshop.other_project", path=args.path, **values))
        print(clean(label("workshop.other_project_forced", language, **values)), file=sys.stderr)
    applied = _planned(project, changes, args)
    if applied.conflicts:
        report = _conflicts(project, applied, args.path)
        if not applied.forced:
            raise CivsamError(report)
        print(clean(report.say(language)), file=sys.stderr)
    if applied.assessments and not args.dry_run:
        file.record(*applied.assessments, check=_Unchanged(project, applied, args.changes))
    for line in _report(project, applied, args):
        print(clean(said(line, language)), file=out)
    return EXIT_OK


def add_apply(commands: Commands) -> None:
    """``civsam apply PATH CHANGES.json [--force] [--dry-run]``."""
    language = commands.language
    apply = commands.add("apply", _apply)
    project_argument(apply)
    apply.arguments.add_argument(
        "changes",
        metavar=label("workshop.metavar.changes", language),
        help=apply.say("workshop.apply.changes"),
    )
    force_option(apply, "workshop.apply.force")
    apply.option(
        "--dry-run", action="store_true", help_text=label("workshop.apply.dry_run", language)
    )
