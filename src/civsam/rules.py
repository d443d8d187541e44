"""Rules that place partners on the priority matrix: the protocol and the guide's own rule.

A rule looks at one candidate at a time (the partner, its assessment and its resolved
scores) and returns a :class:`Decision`: the quadrant, and a priority that orders
partners within a quadrant. civsam does the rest (ranking, explanations, checks), so a
rule stays small and easy to property-test with :func:`civsam.testing.check_rule`.

A rule that needs more than the candidate (the relations, the touchpoints, its own
``[prioritisation.options]``) has ``bind(context)``: civsam calls it once with a
:class:`RuleContext` before placing anyone, and places with the rule it returns.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from civsam.errors import CivsamError, Message
from civsam.labels import Text
from civsam.model import Assessment, Organisation, Quadrant
from civsam.protocols import BindableRule, Rule
from civsam.scores import Score
from civsam.settings import THRESHOLD, PrioritySettings

if TYPE_CHECKING:
    from civsam.lifecycle import Touchpoint
    from civsam.model import Relation
    from civsam.project import Project

__all__ = [
    "BindableRule",
    "Candidate",
    "Decision",
    "MatrixRule",
    "Reason",
    "Rule",
    "RuleContext",
    "RuleError",
]


class RuleError(CivsamError):
    """A rule that cannot be used or that failed: unknown, raising, or returning nonsense.

    ``message`` says what is wrong: a catalogue :class:`~civsam.labels.Text`, said in the
    reader's language, or a plugin's own words.
    """

    def __init__(self, rule: str, message: Message, *, partner: str | None = None) -> None:
        self.rule = rule
        self.partner = partner
        if partner is None:
            super().__init__(Text("rule.error", rule=rule, message=message))
        else:
            super().__init__(Text("rule.error_for", rule=rule, partner=partner, message=message))


@attrs.frozen(slots=True)
class Reason:
    """A language-free reason: a label key and the values it is filled with.

    Rendered with :func:`civsam.label` in whatever language a report needs, so the same
    placement explains itself in Danish and in English.
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **values: object) -> Reason:
        """``Reason.of("reason.threshold", score=5)``."""
        return cls(key, tuple(sorted(values.items())))


@attrs.frozen(slots=True)
class Candidate:
    """What a rule sees of one partner: who it is, its assessment, its resolved scores."""

    partner: Organisation
    assessment: Assessment
    importance: Score
    ease: Score


def _reasons(value: Iterable[Reason | str] | str) -> tuple[Reason | str, ...]:
    """A lone text is one reason, not a reason per character."""
    return (value,) if isinstance(value, str | Reason) else tuple(value)


def _a_quadrant(_instance: object, _attribute: attrs.Attribute[Quadrant], value: object) -> None:
    if not isinstance(value, Quadrant):
        allowed = ", ".join(f"Quadrant.{q.name}" for q in Quadrant)
        raise TypeError(Text("rule.bad_quadrant", allowed=allowed, found=repr(value)))


def _a_score(_instance: object, attribute: attrs.Attribute[float | None], value: object) -> None:
    if value is None:
        return
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or not 1 <= value <= 5  # noqa: PLR2004 - the guide's scale
    ):
        raise ValueError(Text("rule.bad_score", axis=attribute.name, found=repr(value)))


@attrs.frozen(slots=True)
class Decision:
    """A rule's verdict on one candidate.

    ``priority`` orders partners within a quadrant, highest first; ties are broken by
    civsam (higher importance, higher ease, then partner id), never by input order.
    ``reasons`` are texts or :class:`Reason` s added to the placement's explanation.
    ``importance`` and ``ease`` are the scores the rule used, when it adjusted the
    candidate's (a weight, a bonus for partners the team knows): the board, the reports
    and the tie-break use them. ``None`` keeps the candidate's own.
    """

    quadrant: Quadrant = attrs.field(validator=_a_quadrant)
    priority: float = attrs.field(default=0.0)
    reasons: tuple[Reason | str, ...] = attrs.field(default=(), converter=_reasons)
    importance: float | None = attrs.field(default=None, validator=_a_score, kw_only=True)
    ease: float | None = attrs.field(default=None, validator=_a_score, kw_only=True)

    @priority.validator
    def _finite(self, _attribute: attrs.Attribute[float], value: object) -> None:
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
        ):
            raise ValueError(Text("rule.bad_priority", found=repr(value)))


@attrs.frozen(slots=True)
class RuleContext:
    """What a rule may read besides the candidate: the project, the day, its options.

    Given to a rule's ``bind(context)`` once per prioritisation. ``options`` is the
    project file's ``[prioritisation.options]`` table when the rule is the project's own
    (``[prioritisation] rule``), else empty; ``as_of`` is the day derived scores are
    measured on, the rule's only clock. The project must be read, never changed; the
    language is not here, because it must never change a placement.
    """

    project: Project
    as_of: dt.date
    options: Mapping[str, Any] = attrs.field(factory=lambda: MappingProxyType({}))

    @property
    def settings(self) -> PrioritySettings:
        """The project's ``[prioritisation]`` settings."""
        return self.project.priority_settings

    @property
    def owner(self) -> str:
        """The id of the organisation the project belongs to."""
        return self.project.owner.id

    def relations_of(self, partner: str) -> tuple[Relation, ...]:
        """Every relation the partner is part of, either way round."""
        return self.project.relations_of(partner)

    def knows(self, partner: str) -> bool:
        """Whether the owner has a relation of its own with the partner."""
        owner = self.owner
        return any(owner in (r.source, r.target) for r in self.relations_of(partner))

    def touchpoints_with(self, partner: str) -> tuple[Touchpoint, ...]:
        """The contact logged with the partner, oldest first."""
        return tuple(t for t in self.project.touchpoints if t.partner == partner)


@attrs.frozen(slots=True)
class MatrixRule:
    """The guide's 2×2 board: importance for success × ease of collaboration.

    A score at or above ``importance_threshold`` counts as important, one at or above
    ``ease_threshold`` as easy. Within a quadrant, partners are ordered by importance +
    ease (the documented priority), then by importance, ease and id.
    """

    importance_threshold: float = attrs.field(
        default=4, validator=THRESHOLD, metadata=THRESHOLD.metadata
    )
    ease_threshold: float = attrs.field(default=4, validator=THRESHOLD, metadata=THRESHOLD.metadata)

    @property
    def name(self) -> str:
        """Always ``"matrix"``."""
        return "matrix"

    def quadrant(self, importance: float, ease: float) -> Quadrant:
        """The quadrant of a pair of scores."""
        return Quadrant.of(
            important=importance >= self.importance_threshold, easy=ease >= self.ease_threshold
        )

    def place(self, candidate: Candidate) -> Decision:
        """Place a candidate by its two scores."""
        importance, ease = candidate.importance.value, candidate.ease.value
        return Decision(
            self.quadrant(importance, ease), importance + ease, self.reasons(importance, ease)
        )

    def reasons(self, importance: float, ease: float) -> tuple[Reason, ...]:
        """Which thresholds the scores met, as reasons."""
        return (
            Reason.of(
                "reason.importance_high"
                if importance >= self.importance_threshold
                else "reason.importance_low",
                score=importance,
                threshold=self.importance_threshold,
            ),
            Reason.of(
                "reason.ease_high" if ease >= self.ease_threshold else "reason.ease_low",
                score=ease,
                threshold=self.ease_threshold,
            ),
        )
