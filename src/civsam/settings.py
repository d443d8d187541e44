"""How a project prioritises: the rule, its thresholds and how missing scores are derived.

These live in the project file's ``[prioritisation]`` table, so a team's choices travel
with its data; every value has a documented default.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from civsam._checks import SCORE, Check
from civsam.model import RelationKind

__all__ = ["DEFAULT_RELATION_WEIGHTS", "Derivation", "PrioritySettings"]


def _is_threshold(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 1 <= value <= 5  # noqa: PLR2004 - the guide's scale
    )


def _is_weight(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_whole_at_least_zero(value: object) -> bool:
    return type(value) is int and value >= 0


THRESHOLD = Check("a number from 1 to 5", _is_threshold)
WEIGHT = Check("a finite number", _is_weight)
YEARS = Check("a whole number of years, 0 or more", _is_whole_at_least_zero)
SPREAD = Check("a whole number from 1 to 4", lambda v: type(v) is int and 1 <= v <= 4)  # noqa: PLR2004

DEFAULT_RELATION_WEIGHTS: Mapping[RelationKind, float] = MappingProxyType(
    {
        RelationKind.PARTNERSHIP: 2.0,
        RelationKind.CO_CREATION: 2.0,
        RelationKind.RESOURCE_SHARING: 2.0,
        RelationKind.PREVIOUS_PROJECT: 2.0,
        RelationKind.BRIDGE_BUILDING: 1.0,
        RelationKind.ACQUAINTANCE: 1.0,
    }
)
"""How much a direct relation of each kind adds to a derived ease."""


def _weights(value: Mapping[Any, Any]) -> Mapping[RelationKind, float]:
    weights = dict(DEFAULT_RELATION_WEIGHTS)
    weights.update({RelationKind(kind): weight for kind, weight in value.items()})
    return MappingProxyType(weights)


def _check_weights(
    instance: object, attribute: attrs.Attribute[Any], value: Mapping[RelationKind, float]
) -> None:
    for kind, weight in value.items():
        if not _is_weight(weight):
            raise ValueError(
                f"{type(instance).__name__}.{attribute.name}[{kind}]: expected a finite "
                f"number, found {weight!r}"
            )


def _number(**kwargs: Any) -> Any:
    check: Check = kwargs.pop("check", WEIGHT)
    return attrs.field(validator=check, metadata=check.metadata, **kwargs)


@attrs.frozen(slots=True)
class Derivation:
    """How civsam proposes a score the assessment leaves out. Hand-set scores always win.

    **Importance** comes from the overlap of target groups: the share of the project's
    target groups the partner also serves, ``1 + 4 × share`` rounded (all of them: 5;
    none: 1). When either side lists no target groups, importance is
    ``unknown_importance``.

    **Ease** starts at ``ease_base`` and adds up what makes contact easier:

    - the strongest direct relation between owner and partner, weighted by kind
      (``relation_weights``) and by how recent it is: full weight while it lasts or
      within ``recent_years`` of its end, half weight up to ``stale_years``, none after;
    - ``contact`` when a contact person is known;
    - ``second_degree`` when there is no direct relation but the owner knows someone
      who knows the partner (distance 2 in the network);
    - ``challenges`` (a negative number) when challenges are noted.

    The sum is rounded and kept within 1–5.
    """

    ease_base: float = _number(default=1.0)
    relation_weights: Mapping[RelationKind, float] = attrs.field(
        default=DEFAULT_RELATION_WEIGHTS, converter=_weights, validator=_check_weights
    )
    recent_years: int = _number(default=2, check=YEARS)
    stale_years: int = _number(default=5, check=YEARS)
    contact: float = _number(default=1.0)
    second_degree: float = _number(default=1.0)
    challenges: float = _number(default=-1.0)
    unknown_importance: int = _number(default=3, check=SCORE)


@attrs.frozen(slots=True)
class PrioritySettings:
    """The ``[prioritisation]`` table: which rule places partners, and its parameters.

    ``rule`` is ``"matrix"`` (the guide's 2×2 board, :class:`civsam.MatrixRule`) or the
    name of a rule a plugin provides. With the matrix, a score at or above
    ``importance_threshold`` counts as important and one at or above ``ease_threshold``
    as easy; the defaults, 4, make *høj* (5) and 4 high and *middel* (3) low. Raters
    disagree when their scores for a partner are ``disagreement_spread`` or more apart.
    """

    rule: str = attrs.field(default="matrix", validator=attrs.validators.min_len(1))
    importance_threshold: float = _number(default=4, check=THRESHOLD)
    ease_threshold: float = _number(default=4, check=THRESHOLD)
    disagreement_spread: int = _number(default=2, check=SPREAD)
    derivation: Derivation = attrs.field(factory=Derivation)
