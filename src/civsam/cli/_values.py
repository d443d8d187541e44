"""The values a user types, in Danish or English, read as argparse ``type`` functions.

Each takes the ``language`` the command speaks, so a wrong value is refused in it (as
an :class:`argparse.ArgumentTypeError`: wrong usage, exit 2).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Generic, TypeVar

from civsam import (
    ChecklistItem,
    ItemReview,
    ItemStatus,
    Language,
    OutreachStep,
    Paper,
    TouchpointKind,
    ValidationError,
)
from civsam.cli._errors import shown
from civsam.files._levels import LevelError, Scale, parse_level
from civsam.files._limits import parse_day
from civsam.labels import label

if TYPE_CHECKING:
    import enum

__all__ = [
    "ITEMS",
    "KINDS",
    "PAPERS",
    "STATUSES",
    "STEPS",
    "Words",
    "capacity",
    "date",
    "level",
    "number",
    "verdict",
    "whole",
]

_Member = TypeVar("_Member", bound="enum.StrEnum")


def _folded_word(text: str) -> str:
    """A typed word as it is compared: case, spaces, hyphens and underscores do not matter."""
    return re.sub(r"[\s_-]+", "_", text.strip().casefold())


class Words(Generic[_Member]):
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
                    text=shown(text),
                    choices=", ".join(self.words(language)),
                )
            )
        return found

    def type(self, language: Language) -> Callable[[str], _Member]:
        """An argparse ``type`` that reads these words."""
        return functools.partial(self.parse, language=language)


KINDS = Words("touchpoint_kind", "cli.word.kind", TouchpointKind)
STEPS = Words(
    "step", "cli.word.step", (step for step in OutreachStep if step is not OutreachStep.NOT_STARTED)
)
ITEMS = Words("item", "cli.word.item", ChecklistItem)
PAPERS = Words("paper", "cli.word.paper", Paper)
STATUSES = Words("status", "cli.word.status", ItemStatus)


def verdict(text: str, *, language: Language) -> ItemReview:
    """ITEM=STATUS[:NOTE], as ``civsam review`` takes it: one item's verdict."""
    item, equals, rest = text.partition("=")
    status, _, note = rest.partition(":")
    if not equals:
        raise argparse.ArgumentTypeError(label("cli.verdict_form", language, text=shown(text)))
    return ItemReview(ITEMS.parse(item, language), STATUSES.parse(status, language), note.strip())


def whole(text: str, *, least: int, language: Language) -> int:
    """A whole number of at least ``least``."""
    try:
        value = int(text)
    except ValueError:
        value = least - 1
    if value < least:
        raise argparse.ArgumentTypeError(
            label("cli.whole_number", language, least=least, text=shown(text))
        )
    return value


def level(scale: Scale) -> Callable[..., int]:
    """A score from 1 to 5, or a level word of ``scale`` in either language (høj, nemt, …).

    The partner table takes the same words; on the command line nothing may follow the
    score (a table cell's trailing words are its note; here the note is ``--note``).
    """

    def parse(text: str, *, language: Language) -> int:
        try:
            score, rest = parse_level(text, scale)
        except LevelError:
            score, rest = None, text
        if score is None or rest:
            raise argparse.ArgumentTypeError(
                label("history.not_a_level", language, text=shown(text), words=scale.shown)
            )
        return score

    return parse


def number(text: str, *, language: Language) -> float:
    """A number such as a threshold (its range is the rule's to check)."""
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(label("cli.number", language, text=shown(text))) from None


def date(text: str, *, language: Language) -> dt.date:
    """A date typed on the command line: one civsam can plan with (see ``check``)."""
    try:
        return parse_day(text)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.problems[0].text(language)) from None


def capacity(text: str, *, language: Language) -> int:
    """A plan's capacity: meetings a week, check-ins and first meetings, from 1 to 40."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 40:  # noqa: PLR2004 - PlanSettings.capacity's range
        raise argparse.ArgumentTypeError(label("cli.capacity_range", language, text=shown(text)))
    return value
