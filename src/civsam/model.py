"""The guide's world as values: organisations, contact persons, relations and assessments.

Every class here is a frozen, slotted attrs class: safe to share, hash and cache. The one
mutable thing is :class:`civsam.Project`, which holds these values together.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from civsam._checks import (
    IDENTIFIER,
    NAME,
    OPTIONAL_PERSON_NAME,
    PERSON_NAME,
    SCORE,
    distinct_texts,
    refused,
    to_tuple,
    to_tuple_of_str,
)
from civsam._message import Text

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "PERSONAL",
    "PLANNABLE",
    "Assessment",
    "Contact",
    "Day",
    "Language",
    "OrgKind",
    "Organisation",
    "Quadrant",
    "Rating",
    "Relation",
    "RelationKind",
    "is_plannable",
]


class OrgKind(enum.StrEnum):
    """What kind of actor an organisation is; the guide lists these as possible partners."""

    MUNICIPALITY = "municipality"
    CIVIL_SOCIETY = "civil_society"
    NON_PROFIT = "non_profit"
    BUSINESS = "business"
    PUBLIC_INSTITUTION = "public_institution"
    OTHER = "other"


class RelationKind(enum.StrEnum):
    """How two organisations are connected: the guide's collaboration forms and more."""

    PREVIOUS_PROJECT = "previous_project"
    PARTNERSHIP = "partnership"
    CO_CREATION = "co_creation"
    BRIDGE_BUILDING = "bridge_building"
    RESOURCE_SHARING = "resource_sharing"
    ACQUAINTANCE = "acquaintance"


class Quadrant(enum.StrEnum):
    """The four fields of the guide's priority matrix, in the order to contact them.

    Importance for success is the vertical axis, ease of collaboration the horizontal:
    important and easy is where to start; important but hard is worth a discussion;
    easy but less important can wait; neither is not worth it.
    """

    START_HERE = "start_here"
    DISCUSS = "discuss"
    NOT_NOW = "not_now"
    NOT_WORTH_IT = "not_worth_it"

    @property
    def order(self) -> int:
        """0 for start here … 3 for not worth it: the rank order of the quadrants."""
        return _QUADRANT_ORDER[self]

    @classmethod
    def of(cls, *, important: bool, easy: bool) -> Quadrant:
        """The quadrant of a partner that is (or isn't) important and easy."""
        if important:
            return cls.START_HERE if easy else cls.DISCUSS
        return cls.NOT_NOW if easy else cls.NOT_WORTH_IT


class Language(enum.StrEnum):
    """The languages civsam speaks to people in."""

    DA = "da"
    EN = "en"


FIRST_DAY = dt.date(1900, 1, 1)
"""The earliest day a project may name: older history has no place in an outreach plan."""

LAST_DAY = dt.date(2199, 12, 31)
"""The latest day a project may name.

Planning adds at most a few years to a day (a 260-week horizon, check-ins, evaluations,
reminders), so from any day up to this one every plan, check-in and calendar stays far
inside the years Python's dates can hold (1–9999).
"""

PLANNABLE = Text("model.plannable", first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())
"""Completes "expected …" for a day outside :data:`FIRST_DAY` … :data:`LAST_DAY`: a
catalogue text, ``str(PLANNABLE)`` in English."""


def is_plannable(value: object) -> bool:
    """Whether ``value`` is a date (not a datetime) from FIRST_DAY to LAST_DAY."""
    return type(value) is dt.date and FIRST_DAY <= value <= LAST_DAY


@attrs.frozen(slots=True)
class Day:
    """An attrs validator: a date (not a datetime) civsam can plan with.

    A class, not a function, so that the converter's one-pass reading, which makes sure
    of the same when it reads a date, can recognise it and leave it out.
    """

    example: str
    """A date as the error shows one, such as ``datetime.date(2024, 3, 1)``."""

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        """Raise ``ValueError`` unless ``value`` is a date from FIRST_DAY to LAST_DAY."""
        # A datetime is a date too, but a project file holds days: refuse it here, not on load.
        if type(value) is not dt.date:
            raise ValueError(
                Text(
                    "model.date_found",
                    field=f"{type(instance).__name__}.{attribute.name}",
                    example=self.example,
                    type=type(value).__name__,
                    value=repr(value),
                )
            )
        if not FIRST_DAY <= value <= LAST_DAY:
            raise refused(instance, attribute, PLANNABLE, repr(value))


_a_date = Day("datetime.date(2024, 3, 1)")


_QUADRANT_ORDER = {quadrant: position for position, quadrant in enumerate(Quadrant)}


def _hidden_if_set(value: str) -> str:
    """A repr for personal-data text: show whether it is set, never what it says."""
    return "'<personal data>'" if value else "''"


def _text(**kwargs: Any) -> Any:
    return attrs.field(default="", validator=attrs.validators.instance_of(str), **kwargs)


PERSONAL = "civsam.personal"
"""Field metadata key: the field holds personal data, so an error says what kind of value
it found (a whole number), never the value (a phone number). Fields with a personal
:class:`~civsam._checks.Check` are personal already."""


def _personal_text() -> Any:
    return attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(str)),
        metadata={PERSONAL: True},
    )


@attrs.frozen(slots=True)
class Contact:
    """A contact person at an organisation. Personal data: exports leave it out by default."""

    name: str = attrs.field(validator=PERSON_NAME, metadata=PERSON_NAME.metadata)
    email: str | None = _personal_text()
    phone: str | None = _personal_text()
    role: str | None = _personal_text()

    def __repr__(self) -> str:
        # A repr ends up in logs and tracebacks: show that a contact exists, not who.
        return "Contact(<personal data>)"


@attrs.frozen(slots=True)
class Organisation:
    """An actor around the target group: a municipality, an association, a business, …."""

    id: str = attrs.field(validator=IDENTIFIER, metadata=IDENTIFIER.metadata)
    name: str = attrs.field(validator=NAME, metadata=NAME.metadata)
    kind: OrgKind = attrs.field(default=OrgKind.OTHER, converter=OrgKind)
    target_groups: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple_of_str, validator=distinct_texts
    )
    contacts: tuple[Contact, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=attrs.validators.deep_iterable(attrs.validators.instance_of(Contact)),
    )
    notes: str = _text()


@attrs.frozen(slots=True)
class Relation:
    """A typed, optionally dated connection from one organisation to another.

    Direction matters for bridge-building (``source`` connects people to ``target``);
    for the other kinds it records who entered the relation from where.
    """

    source: str = attrs.field(validator=IDENTIFIER, metadata=IDENTIFIER.metadata)
    target: str = attrs.field(validator=IDENTIFIER, metadata=IDENTIFIER.metadata)
    kind: RelationKind = attrs.field(converter=RelationKind)
    since: dt.date | None = attrs.field(default=None, validator=attrs.validators.optional(_a_date))
    until: dt.date | None = attrs.field(default=None, validator=attrs.validators.optional(_a_date))
    note: str = _text()

    @target.validator
    def _not_self(self, _attribute: attrs.Attribute[str], value: str) -> None:
        if value == self.source:
            raise ValueError(Text("model.another_organisation", value=repr(value)))

    @until.validator
    def _after_since(self, _attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
        if value is not None and self.since is not None and value < self.since:
            raise ValueError(
                Text("model.until_after_since", since=str(self.since), value=str(value))
            )

    @property
    def key(self) -> tuple[str, str, RelationKind]:
        """What makes a relation unique in a project: two ends and a kind."""
        return (self.source, self.target, self.kind)


def _distinct_raters(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[Rating, ...]
) -> None:
    raters = [rating.rater for rating in value]
    if len(set(raters)) != len(raters):
        raise refused(
            instance,
            attribute,
            Text("model.one_rating_per_rater"),
            Text("model.repeated", count=len(raters) - len(set(raters))),
        )


@attrs.frozen(slots=True)
class Rating:
    """One person's view of a partner, when the table is filled in as a group.

    The guide advises assessing partners together. Each rater gives importance and ease
    (1–5, either may be left out); civsam combines them by median and flags partners the
    group disagrees on. A rater's name is personal data, treated like a contact's.
    """

    rater: str = attrs.field(validator=PERSON_NAME, metadata=PERSON_NAME.metadata, repr=False)
    importance: int | None = attrs.field(default=None, validator=SCORE, metadata=SCORE.metadata)
    ease: int | None = attrs.field(default=None, validator=SCORE, metadata=SCORE.metadata)
    note: str = _text()


@attrs.frozen(slots=True)
class Assessment:
    """One row of the guide's partner table: how the owner sees a potential partner.

    ``importance`` (importance for success) and ``ease`` (ease of collaboration) are
    1–5, 5 being most important / easiest; either may be left out, and civsam then
    combines ``ratings`` or derives a score from what the project knows. ``importance_note``
    and ``ease_note`` keep the words a table cell held beside its level
    ("Høj – potentiale for at skalere").

    ``date`` is the day the partner was assessed. The guide asks to evaluate and adjust
    as the work goes: a partner assessed again gets a new dated assessment, and the old
    ones stay (:attr:`civsam.Project.history`). An undated assessment is one from before
    dates were kept, and counts as older than any dated one. ``by`` is who assessed
    (optional): personal data, kept in the project file and never exported, as a
    rater's name.
    """

    partner: str = attrs.field(validator=IDENTIFIER, metadata=IDENTIFIER.metadata)
    shared_interest: str = _text()
    importance: int | None = attrs.field(default=None, validator=SCORE, metadata=SCORE.metadata)
    ease: int | None = attrs.field(default=None, validator=SCORE, metadata=SCORE.metadata)
    challenges: str = _text()
    existing_relation: str = _text()
    contact: str = _text(repr=_hidden_if_set)
    importance_note: str = _text()
    ease_note: str = _text()
    notes: str = _text()
    ratings: tuple[Rating, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=[
            attrs.validators.deep_iterable(attrs.validators.instance_of(Rating)),
            _distinct_raters,
        ],
    )
    date: dt.date | None = attrs.field(default=None, validator=attrs.validators.optional(_a_date))
    by: str = attrs.field(
        default="",
        validator=[attrs.validators.instance_of(str), OPTIONAL_PERSON_NAME],
        metadata=OPTIONAL_PERSON_NAME.metadata,
        repr=_hidden_if_set,
    )
