"""What a team records as the collaboration goes on: readiness, outreach, contact, reviews.

The guide's work does not stop at the matrix. Before it, the owner checks its readiness
(section 1); after it, each partner is approached in four steps (section 4), contact is
kept up, and the running partnership is reviewed against the six-item checklist. Each of
these is a dated entry in the project file, appended as it happens and never rewritten,
so the file is also the collaboration's history.
"""

from __future__ import annotations

import collections
import datetime as dt
import enum
from typing import Any

import attrs

from civsam._checks import IDENTIFIER, PERSON_NAME, Check, to_tuple
from civsam._message import Text
from civsam.model import Day, OrgKind

__all__ = [
    "ChecklistItem",
    "ContactKind",
    "ItemReview",
    "ItemStatus",
    "OutreachEntry",
    "OutreachStep",
    "ReadinessAnswer",
    "ReadinessPoint",
    "Review",
    "Role",
    "Touchpoint",
    "TouchpointKind",
]


_a_date = Day("datetime.date(2026, 3, 1)")
"""Entries record days (not datetimes) that civsam can plan from."""


def _text(**kwargs: Any) -> Any:
    return attrs.field(default="", validator=attrs.validators.instance_of(str), **kwargs)


# -- readiness (guide section 1) ----------------------------------------------------------


class Role(enum.StrEnum):
    """Which side of the collaboration the owner is on; it decides the readiness points."""

    MUNICIPALITY = "municipality"
    CIVIL_SOCIETY = "civil_society"

    @classmethod
    def of(cls, kind: OrgKind) -> Role:
        """The role of an owner of this kind: public bodies answer as the municipality."""
        if kind in (OrgKind.MUNICIPALITY, OrgKind.PUBLIC_INSTITUTION):
            return cls.MUNICIPALITY
        return cls.CIVIL_SOCIETY

    @property
    def points(self) -> tuple[ReadinessPoint, ...]:
        """The guide's three readiness points for this side, in the guide's order."""
        return tuple(point for point in ReadinessPoint if point.role is self)


class ReadinessPoint(enum.StrEnum):
    """The guide's readiness points: three for a municipality, three for civil society."""

    PRIORITY = "priority"
    OPENNESS = "openness"
    DEDICATED_TIME = "dedicated_time"
    INTERNAL_AGREEMENT = "internal_agreement"
    DEDICATED_TEAM = "dedicated_team"
    REALISTIC_RESOURCES = "realistic_resources"

    @property
    def role(self) -> Role:
        """The side this point belongs to."""
        return _POINT_ROLES[self]

    @property
    def label_key(self) -> str:
        """The point's key in the label catalogue (add ``.advice`` for the guidance)."""
        return f"readiness.{self.role.value}.{self.value}"


_POINT_ROLES = {
    ReadinessPoint.PRIORITY: Role.MUNICIPALITY,
    ReadinessPoint.OPENNESS: Role.MUNICIPALITY,
    ReadinessPoint.DEDICATED_TIME: Role.MUNICIPALITY,
    ReadinessPoint.INTERNAL_AGREEMENT: Role.CIVIL_SOCIETY,
    ReadinessPoint.DEDICATED_TEAM: Role.CIVIL_SOCIETY,
    ReadinessPoint.REALISTIC_RESOURCES: Role.CIVIL_SOCIETY,
}


@attrs.frozen(slots=True)
class ReadinessAnswer:
    """One answer to a readiness point: in place or not, who said so and when.

    Answers accumulate; the latest answer to a point is the one that counts. Who
    answered is personal data when it names a person, so exports leave it out unless
    contact persons are included.
    """

    point: ReadinessPoint = attrs.field(converter=ReadinessPoint)
    in_place: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    date: dt.date = attrs.field(validator=_a_date)
    answered_by: str = attrs.field(validator=PERSON_NAME, metadata=PERSON_NAME.metadata, repr=False)
    note: str = _text()


# -- outreach (guide section 4) -----------------------------------------------------------


class OutreachStep(enum.StrEnum):
    """Where the approach to a partner stands: the guide's four steps, before and after.

    ``not_started`` is where every partner begins and is never recorded. From a step, a
    partner moves one step forward, back to any earlier step (to rethink), or to
    ``ended``; an ended approach can start again at ``shared_goals``.
    """

    NOT_STARTED = "not_started"
    SHARED_GOALS = "shared_goals"
    THEIR_AGENDA = "their_agenda"
    PREPARE = "prepare"
    MAINTAIN_CONTACT = "maintain_contact"
    ENDED = "ended"

    @property
    def allowed_next(self) -> tuple[OutreachStep, ...]:
        """The steps a partner at this step may move to, in the guide's order."""
        return _NEXT[self]

    @property
    def label_key(self) -> str:
        """The step's key in the label catalogue.

        ``outreach.<step>`` for the guide's four steps (add ``.advice`` for the
        guidance); ``step.not_started`` and ``step.ended`` for the states around them.
        """
        if self in (OutreachStep.NOT_STARTED, OutreachStep.ENDED):
            return f"step.{self.value}"
        return f"outreach.{self.value}"


_STEPS = (
    OutreachStep.SHARED_GOALS,
    OutreachStep.THEIR_AGENDA,
    OutreachStep.PREPARE,
    OutreachStep.MAINTAIN_CONTACT,
)


def _next_steps(step: OutreachStep) -> tuple[OutreachStep, ...]:
    if step is OutreachStep.NOT_STARTED:
        return (OutreachStep.SHARED_GOALS, OutreachStep.ENDED)
    if step is OutreachStep.ENDED:
        return (OutreachStep.SHARED_GOALS,)
    position = _STEPS.index(step)
    earlier = _STEPS[:position]
    forward = _STEPS[position + 1 : position + 2]
    return (*earlier, *forward, OutreachStep.ENDED)


_NEXT = {step: _next_steps(step) for step in OutreachStep}


_RECORDED_STEPS = ", ".join(
    step.value for step in OutreachStep if step is not OutreachStep.NOT_STARTED
)
_RECORDABLE = Check(
    Text("lifecycle.recordable_step", steps=_RECORDED_STEPS),
    lambda step: step is not OutreachStep.NOT_STARTED,
)
"""Files: refused where the step is written, as a wrong value, with the steps allowed."""


def _recordable(instance: object, attribute: attrs.Attribute[Any], value: OutreachStep) -> None:
    if value is OutreachStep.NOT_STARTED:
        raise ValueError(
            Text(
                "lifecycle.not_started",
                field=f"{type(instance).__name__}.{attribute.name}",
                steps=_RECORDED_STEPS,
            )
        )


@attrs.frozen(slots=True)
class OutreachEntry:
    """A partner reached a step of the outreach on a day."""

    partner: str = attrs.field(validator=IDENTIFIER, metadata=IDENTIFIER.metadata)
    step: OutreachStep = attrs.field(
        converter=OutreachStep, validator=_recordable, metadata=_RECORDABLE.metadata
    )
    date: dt.date = attrs.field(validator=_a_date)
    note: str = _text()


# -- contact (maintain contact; checklist item "talk often") ------------------------------


class TouchpointKind(enum.StrEnum):
    """How the owner was in touch with a partner."""

    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    EVENT = "event"


class ContactKind(enum.StrEnum):
    """What a team logs with a partner that counts as contact: restarts the check-in cadence.

    The four kinds of touchpoint, a checklist review (a review is a conversation with the
    partner) and a step of the outreach (each step is taken with the partner).
    ``[planning] contact_kinds`` chooses which count; all of them by default.
    """

    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    EVENT = "event"
    REVIEW = "review"
    OUTREACH = "outreach"


@attrs.frozen(slots=True)
class Touchpoint:
    """A contact with a partner on a day; the latest contact restarts the check-in cadence."""

    partner: str = attrs.field(validator=IDENTIFIER, metadata=IDENTIFIER.metadata)
    date: dt.date = attrs.field(validator=_a_date)
    kind: TouchpointKind = attrs.field(converter=TouchpointKind)
    note: str = _text()


# -- the checklist for the running collaboration ------------------------------------------


class ChecklistItem(enum.StrEnum):
    """The guide's six checklist items, in the guide's order."""

    COMMON_GROUND = "common_ground"
    OPEN_TO_DIFFERENCES = "open_to_differences"
    TALK_OFTEN = "talk_often"
    EVALUATE_AND_ADJUST = "evaluate_and_adjust"
    LEADERSHIP = "leadership"
    RULES_OF_PLAY = "rules_of_play"

    @property
    def label_key(self) -> str:
        """The item's key in the label catalogue (add ``.advice`` for the guidance)."""
        return f"checklist.{self.value}"


class ItemStatus(enum.StrEnum):
    """An item's state at a review: ticked off, or rated like a traffic light."""

    TICKED = "ticked"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def level(self) -> int:
        """2 for ticked or green, 1 for amber, 0 for red: what a trend compares."""
        return _LEVELS[self]


_LEVELS = {ItemStatus.TICKED: 2, ItemStatus.GREEN: 2, ItemStatus.AMBER: 1, ItemStatus.RED: 0}


@attrs.frozen(slots=True)
class ItemReview:
    """One checklist item at one review."""

    item: ChecklistItem = attrs.field(converter=ChecklistItem)
    status: ItemStatus = attrs.field(converter=ItemStatus)
    note: str = _text()


def _distinct_items(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[ItemReview, ...]
) -> None:
    items = [review.item for review in value]
    if not items:
        raise ValueError(
            Text("lifecycle.no_items", field=f"{type(instance).__name__}.{attribute.name}")
        )
    counts = collections.Counter(items)  # one pass: a list of any length is checked at once
    repeated = sorted(item.value for item, count in counts.items() if count > 1)
    if repeated:
        raise ValueError(
            Text(
                "lifecycle.items_twice",
                field=f"{type(instance).__name__}.{attribute.name}",
                items=", ".join(repeated),
            )
        )


@attrs.frozen(slots=True)
class Review:
    """A dated health check of a partnership against the guide's checklist.

    A review may cover some items only; the others keep their last state.
    """

    partner: str = attrs.field(validator=IDENTIFIER, metadata=IDENTIFIER.metadata)
    date: dt.date = attrs.field(validator=_a_date)
    items: tuple[ItemReview, ...] = attrs.field(
        converter=to_tuple,
        validator=[
            attrs.validators.deep_iterable(attrs.validators.instance_of(ItemReview)),
            _distinct_items,
        ],
    )
    note: str = _text()

    def status(self, item: ChecklistItem) -> ItemReview | None:
        """This review's verdict on ``item``, if it covered it."""
        return next((review for review in self.items if review.item is item), None)
