"""Movement on the board over time: who moved quadrant between two days.

The guide asks the group to evaluate and adjust as the work goes. Every assessment is
dated and kept (:attr:`civsam.Project.history`), so the board can be drawn as it stood on
any day, and two boards compared: a partner that moved from *Diskuter* to *Lad os starte
her* since the last workshop is news the group wants to see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from civsam.prioritisation import prioritise

if TYPE_CHECKING:
    import datetime as dt

    from civsam.model import Language, Quadrant
    from civsam.prioritisation import Placement, Prioritisation
    from civsam.project import Project
    from civsam.protocols import Rule

__all__ = ["Move", "changed", "moves"]


@attrs.frozen(slots=True)
class Move:
    """How one partner's place changed between two boards.

    ``before`` is its placement on the earlier board and ``after`` on the later one;
    either is ``None`` where the partner was not (yet, or any longer) assessed.
    """

    partner: str
    before: Placement | None
    after: Placement | None

    @property
    def was(self) -> Quadrant | None:
        """The quadrant it was in, or ``None`` when it was not on the earlier board."""
        return None if self.before is None else self.before.quadrant

    @property
    def now(self) -> Quadrant | None:
        """The quadrant it is in, or ``None`` when it left the board."""
        return None if self.after is None else self.after.quadrant

    @property
    def is_new(self) -> bool:
        """Whether it was first assessed in between."""
        return self.before is None and self.after is not None

    @property
    def quadrant_changed(self) -> bool:
        """Whether it is in another quadrant (or newly on, or off, the board)."""
        return self.was != self.now

    @property
    def scores_changed(self) -> bool:
        """Whether its importance or ease changed (within a quadrant or across)."""
        if self.before is None or self.after is None:
            return self.before is not self.after
        return (self.before.importance, self.before.ease) != (
            self.after.importance,
            self.after.ease,
        )


def changed(before: Prioritisation, after: Prioritisation) -> tuple[Move, ...]:
    """Every partner placed differently on ``after`` than on ``before``.

    In ``after``'s rank order, then the partners that left the board in ``before``'s.
    A partner whose quadrant and scores are the same on both is not a move.
    """
    found: list[Move] = []
    for placement in after:
        partner = placement.partner.id
        move = Move(partner, before.get(partner), placement)
        if move.quadrant_changed or move.scores_changed:
            found.append(move)
    found.extend(
        Move(placement.partner.id, placement, None)
        for placement in before
        if placement.partner.id not in after
    )
    return tuple(found)


def moves(
    project: Project,
    since: dt.date,
    *,
    until: dt.date | None = None,
    rule: Rule | None = None,
    language: Language | str | None = None,
) -> tuple[Move, ...]:
    """Every partner whose place changed from ``since`` to ``until`` (default: now).

    The two boards are :func:`civsam.prioritise` ``on`` each day: each partner by its
    latest assessment then. ``rule`` is a :class:`civsam.Rule`, or ``None`` for the
    project's matrix; :func:`civsam.moves` also takes a rule's name.
    """
    before = prioritise(project, rule, on=since, language=language)
    after = prioritise(project, rule, on=until, language=language)
    return changed(before, after)
