"""The health of a running partnership, against the guide's six-item checklist.

Each review ticks items off or rates them green, amber or red with a note. From the
reviews civsam shows where each item stands, whether it is getting better or worse, and
what the next review should talk about: the reds first, then the ambers.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from typing import TYPE_CHECKING

import attrs

from civsam._message import Text
from civsam.errors import CivsamError
from civsam.lifecycle import ChecklistItem, ItemReview, ItemStatus, Review
from civsam.model import Organisation
from civsam.planning import active_partners

if TYPE_CHECKING:
    from civsam.project import Project
    from civsam.settings import PlanSettings

__all__ = ["Checklist", "ItemProgress", "Trend", "checklist", "checklists"]


class Trend(enum.StrEnum):
    """How an item moved between its last two reviews."""

    NEW = "new"
    BETTER = "better"
    STEADY = "steady"
    WORSE = "worse"


@attrs.frozen(slots=True)
class ItemProgress:
    """Where one checklist item stands: its latest verdict, its trend and its history."""

    item: ChecklistItem
    history: tuple[tuple[dt.date, ItemReview], ...] = ()
    """Every verdict on the item, oldest first, with the review's date."""

    @property
    def latest(self) -> ItemReview | None:
        """The latest verdict, ``None`` when the item was never reviewed."""
        return self.history[-1][1] if self.history else None

    @property
    def status(self) -> ItemStatus | None:
        """The latest status, ``None`` when never reviewed."""
        latest = self.latest
        return latest.status if latest is not None else None

    @property
    def done(self) -> bool:
        """Ticked off or green at the latest review."""
        return self.status in (ItemStatus.TICKED, ItemStatus.GREEN)

    @property
    def trend(self) -> Trend | None:
        """Better, steady or worse since the review before; new after one review."""
        if not self.history:
            return None
        if len(self.history) == 1:
            return Trend.NEW
        before, now = self.history[-2][1].status.level, self.history[-1][1].status.level
        if now > before:
            return Trend.BETTER
        return Trend.WORSE if now < before else Trend.STEADY

    @property
    def label_key(self) -> str:
        """The item's name in the label catalogue; its guidance is ``label_key + ".advice"``."""
        return self.item.label_key


@attrs.frozen(slots=True)
class Checklist:
    """One partnership's checklist: every item's progress, oldest review to newest."""

    partner: Organisation
    reviews: tuple[Review, ...]
    items: tuple[ItemProgress, ...]
    next_review: dt.date | None
    """When the next evaluation is due: the first working day ``evaluation_weeks`` after
    the last review, as in the plan."""

    @property
    def last_review(self) -> dt.date | None:
        """The date of the latest review, ``None`` before the first."""
        return self.reviews[-1].date if self.reviews else None

    @property
    def done(self) -> int:
        """How many of the six items are ticked or green."""
        return sum(progress.done for progress in self.items)

    @property
    def agenda(self) -> tuple[ItemProgress, ...]:
        """What the next review should talk about: red items, then amber, guide order."""
        reds = [p for p in self.items if p.status is ItemStatus.RED]
        ambers = [p for p in self.items if p.status is ItemStatus.AMBER]
        return (*reds, *ambers)

    @property
    def celebrate(self) -> bool:
        """Reviewed, and nothing red or amber since: the next review can celebrate.

        A partnership never reviewed has an empty agenda too, but nothing to celebrate
        yet: say ``review.not_reviewed`` there, ``review.agenda_empty`` only here.
        """
        return bool(self.reviews) and not self.agenda


def checklist(project: Project, partner: str) -> Checklist:
    """The checklist of the partnership with ``partner`` (an organisation id)."""
    organisation = project.organisations.get(partner)
    if organisation is None:
        raise CivsamError(Text("lifecycle.no_organisation", partner=repr(partner)))
    reviews = [review for review in project.reviews if review.partner == partner]
    return _checklist(organisation, reviews, project.plan_settings)


def checklists(project: Project) -> tuple[Checklist, ...]:
    """The checklist of every running partnership: in contact or reviewed, not ended."""
    by_partner: dict[str, list[Review]] = defaultdict(list)
    for review in project.reviews:
        by_partner[review.partner].append(review)
    organisations, settings = project.organisations, project.plan_settings
    return tuple(
        _checklist(organisations[partner], by_partner[partner], settings)
        for partner in active_partners(project)
    )


def _checklist(
    organisation: Organisation, reviews: list[Review], settings: PlanSettings
) -> Checklist:
    """One partnership's checklist from its reviews, in any order."""
    reviews = sorted(reviews, key=lambda review: review.date)
    history: dict[ChecklistItem, list[tuple[dt.date, ItemReview]]] = {
        item: [] for item in ChecklistItem
    }
    for review in reviews:
        for verdict in review.items:
            history[verdict.item].append((review.date, verdict))
    weeks = settings.evaluation_weeks
    next_review = (
        settings.working_days.on_or_after(reviews[-1].date + dt.timedelta(weeks=weeks))
        if reviews and weeks
        else None
    )
    return Checklist(
        organisation,
        tuple(reviews),
        tuple(
            ItemProgress(item, tuple(history[item])) if history[item] else _UNREVIEWED[item]
            for item in ChecklistItem
        ),
        next_review,
    )


_UNREVIEWED = {item: ItemProgress(item) for item in ChecklistItem}
"""An item never reviewed, shared: most partnerships in a large register have no reviews."""
