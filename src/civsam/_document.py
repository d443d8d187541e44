"""The project file's shape: header and settings tables, and the lists the guide's work produces.

These private classes mirror the file one to one, so the converter can structure a file
in one pass; :class:`civsam.Project` is built from a ``Document`` and turned back into one.
"""

from __future__ import annotations

from typing import Any

import attrs

from civsam._checks import IDENTIFIER, NAME, distinct_texts, to_tuple_of_str
from civsam.lifecycle import OutreachEntry, ReadinessAnswer, Review, Touchpoint
from civsam.model import Assessment, Language, Organisation, Relation
from civsam.settings import PlanSettings, PrioritySettings

__all__ = ["SECTIONS", "Document", "Header"]


@attrs.frozen(slots=True)
class Header:
    """The ``[project]`` table: what the plan is about and whose plan it is."""

    name: str = attrs.field(validator=NAME, metadata=NAME.metadata)
    owner: str = attrs.field(validator=IDENTIFIER, metadata=IDENTIFIER.metadata)
    target_groups: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple_of_str, validator=distinct_texts
    )
    language: Language = attrs.field(default=Language.DA, converter=Language)
    description: str = attrs.field(default="", validator=attrs.validators.instance_of(str))


@attrs.frozen(slots=True)
class Document:
    """A whole project file, structured but not yet cross-checked."""

    project: Header
    prioritisation: PrioritySettings = attrs.field(factory=PrioritySettings)
    organisations: tuple[Organisation, ...] = ()
    relations: tuple[Relation, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    planning: PlanSettings = attrs.field(factory=PlanSettings)
    readiness: tuple[ReadinessAnswer, ...] = ()
    outreach: tuple[OutreachEntry, ...] = ()
    touchpoints: tuple[Touchpoint, ...] = ()
    reviews: tuple[Review, ...] = ()


SECTIONS: dict[str, type[Any]] = {
    "organisations": Organisation,
    "relations": Relation,
    "assessments": Assessment,
    "readiness": ReadinessAnswer,
    "outreach": OutreachEntry,
    "touchpoints": Touchpoint,
    "reviews": Review,
}
"""The file's lists of tables and the value each item becomes."""
