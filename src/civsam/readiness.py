"""Is the owner ready to collaborate? The guide's three points for its side (section 1).

A municipality checks that the collaboration has priority from the top, that it is open
about how problems are solved, and that it has set time aside; a civil-society actor
checks that it agrees internally, has a dedicated contact team, and promises only what
its resources allow. The owner's kind decides which three apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from civsam.lifecycle import ReadinessAnswer, ReadinessPoint, Role

if TYPE_CHECKING:
    from civsam.project import Project

__all__ = ["Readiness", "ReadinessItem", "readiness"]


@attrs.frozen(slots=True)
class ReadinessItem:
    """One readiness point and its latest answer (``None`` when nobody has answered)."""

    point: ReadinessPoint
    answer: ReadinessAnswer | None

    @property
    def in_place(self) -> bool:
        """True only when the latest answer says the point is in place."""
        return self.answer is not None and self.answer.in_place

    @property
    def label_key(self) -> str:
        """The point's name in the label catalogue; its guidance is ``label_key + ".advice"``."""
        return self.point.label_key


@attrs.frozen(slots=True)
class Readiness:
    """The owner's readiness: its role, and each of the role's three points."""

    role: Role
    items: tuple[ReadinessItem, ...]
    other_role: tuple[ReadinessAnswer, ...] = ()
    """Answers to the other side's points (the owner's kind changed); not counted."""

    @property
    def gaps(self) -> tuple[ReadinessItem, ...]:
        """The points not in place: answered "no", or not answered yet."""
        return tuple(item for item in self.items if not item.in_place)

    @property
    def ready(self) -> bool:
        """Whether all three points are in place."""
        return not self.gaps


def readiness(project: Project) -> Readiness:
    """Sum up the readiness answers for the owner's role; the latest answer counts."""
    role = Role.of(project.owner.kind)
    latest: dict[ReadinessPoint, ReadinessAnswer] = {}
    for answer in project.readiness_answers:
        current = latest.get(answer.point)
        if current is None or answer.date >= current.date:
            latest[answer.point] = answer
    items = tuple(ReadinessItem(point, latest.get(point)) for point in role.points)
    other = tuple(answer for answer in project.readiness_answers if answer.point.role is not role)
    return Readiness(role, items, other)
