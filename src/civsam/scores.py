"""Where a partner's importance and ease come from: set by hand, combined, or derived.

A score always says where it came from, so a placement can explain itself: a score set
by hand wins; otherwise the median of the raters' scores; otherwise civsam derives one
from facts in the project (:class:`civsam.Derivation` says how).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import statistics
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from civsam.model import Assessment, Organisation, Relation, RelationKind
from civsam.settings import Derivation

if TYPE_CHECKING:
    from networkx import MultiDiGraph

__all__ = ["Factor", "Score", "ScoreSource"]


class ScoreSource(enum.StrEnum):
    """How a score was arrived at."""

    HAND = "hand"
    """Set in the assessment (the table's Betydning / Lethed column)."""
    RATERS = "raters"
    """The median of several raters' scores."""
    DERIVED = "derived"
    """Proposed by civsam from facts in the project."""
    DEFAULT = "default"
    """Nothing was known; the documented default was used."""


@attrs.frozen(slots=True)
class Factor:
    """One fact that moved a derived score, and by how much."""

    name: str
    """``target_groups``, ``relation``, ``contact``, ``second_degree``, ``challenges``, ``base``."""
    amount: float
    detail: str = ""
    """The fact itself, e.g. the relation's kind or the shared target groups."""


@attrs.frozen(slots=True)
class Score:
    """A score on the guide's 1–5 scale with its provenance.

    ``spread`` is the distance between the lowest and the highest rater (0 with one
    rater, ``None`` without raters); ``raters`` counts them; ``factors`` lists what a
    derived score is made of.
    """

    value: float
    source: ScoreSource
    raters: int = 0
    spread: float | None = None
    factors: tuple[Factor, ...] = ()


def _rated(values: list[int]) -> tuple[float, float | None]:
    """The raters' median, rounded half up so it stays on the 1–5 scale, and the spread."""
    if not values:
        return 0.0, None
    median = math.floor(statistics.median(values) + 0.5)
    return float(median), float(max(values) - min(values))


class Resolver:
    """Resolves the scores of a project's partners; graph facts are computed once."""

    def __init__(
        self,
        *,
        owner: str,
        target_groups: tuple[str, ...],
        organisations: Mapping[str, Organisation],
        relations: Callable[[], Iterable[Relation]],
        graph: Callable[[], MultiDiGraph[str]],
        derivation: Derivation,
        as_of: dt.date,
    ) -> None:
        self._owner = owner
        self._groups = {group.casefold() for group in target_groups}
        self._organisations = organisations
        self._relations = relations
        self._graph = graph
        self._derivation = derivation
        self._as_of = as_of
        self._direct: dict[str, list[Relation]] | None = None
        self._second: frozenset[str] | None = None

    def importance(self, assessment: Assessment) -> Score:
        """The partner's importance: by hand, from raters, or derived."""
        if assessment.importance is not None:
            return Score(
                float(assessment.importance),
                ScoreSource.HAND,
                *self._spread(assessment, "importance"),
            )
        values = [r.importance for r in assessment.ratings if r.importance is not None]
        if values:
            median, spread = _rated(values)
            return Score(median, ScoreSource.RATERS, len(values), spread)
        return self._derive_importance(self._organisations[assessment.partner])

    def ease(self, assessment: Assessment) -> Score:
        """The partner's ease of collaboration: by hand, from raters, or derived."""
        if assessment.ease is not None:
            return Score(
                float(assessment.ease), ScoreSource.HAND, *self._spread(assessment, "ease")
            )
        values = [r.ease for r in assessment.ratings if r.ease is not None]
        if values:
            median, spread = _rated(values)
            return Score(median, ScoreSource.RATERS, len(values), spread)
        return self._derive_ease(assessment)

    @staticmethod
    def _spread(assessment: Assessment, axis: str) -> tuple[int, float | None]:
        values = [getattr(r, axis) for r in assessment.ratings if getattr(r, axis) is not None]
        return (len(values), _rated(values)[1]) if values else (0, None)

    def _derive_importance(self, partner: Organisation) -> Score:
        theirs = {group.casefold() for group in partner.target_groups}
        if not self._groups or not theirs:
            return Score(
                float(self._derivation.unknown_importance),
                ScoreSource.DEFAULT,
                factors=(Factor("unknown", self._derivation.unknown_importance),),
            )
        shared = sorted(self._groups & theirs)
        share = len(shared) / len(self._groups)
        value = float(_clamp(1 + 4 * share))
        return Score(
            value,
            ScoreSource.DERIVED,
            factors=(Factor("target_groups", value, ", ".join(shared)),),
        )

    def _derive_ease(self, assessment: Assessment) -> Score:
        derivation = self._derivation
        factors = [Factor("base", derivation.ease_base)]
        partner = assessment.partner
        relation = self._strongest_relation(partner)
        if relation is not None:
            factors.append(relation)
        elif partner in self._second_degree():
            factors.append(Factor("second_degree", derivation.second_degree))
        organisation = self._organisations[partner]
        if organisation.contacts or assessment.contact:
            factors.append(Factor("contact", derivation.contact))
        if assessment.challenges.strip():
            factors.append(Factor("challenges", derivation.challenges))
        value = float(_clamp(sum(f.amount for f in factors)))
        return Score(value, ScoreSource.DERIVED, factors=tuple(factors))

    def _direct_relations(self) -> dict[str, list[Relation]]:
        if self._direct is None:
            direct: dict[str, list[Relation]] = {}
            for relation in self._relations():
                if relation.source == self._owner:
                    direct.setdefault(relation.target, []).append(relation)
                elif relation.target == self._owner:
                    direct.setdefault(relation.source, []).append(relation)
            self._direct = direct
        return self._direct

    def _strongest_relation(self, partner: str) -> Factor | None:
        """The heaviest relation; on equal weight the kind listed first in RelationKind."""
        best: tuple[float, int] | None = None
        chosen: Factor | None = None
        for relation in self._direct_relations().get(partner, ()):
            weight = self._derivation.relation_weights.get(relation.kind, 0.0) * self._recency(
                relation
            )
            key = (weight, -_KIND_ORDER[relation.kind])
            if weight > 0 and (best is None or key > best):
                best, chosen = key, Factor("relation", weight, relation.kind.value)
        return chosen

    def _recency(self, relation: Relation) -> float:
        """1 while a relation lasts or recently ended, ½ when it is getting stale, else 0."""
        if relation.until is None or relation.until >= self._as_of:
            return 1.0
        years = (self._as_of - relation.until).days / 365.25
        if years <= self._derivation.recent_years:
            return 1.0
        if years <= self._derivation.stale_years:
            return 0.5
        return 0.0

    def _second_degree(self) -> frozenset[str]:
        if self._second is None:
            direct = set(self._direct_relations())
            if not direct:
                self._second = frozenset()
            else:
                # The graph is built only now, when a score actually needs it.
                import networkx as nx  # noqa: PLC0415 - with the graph, not at start-up

                undirected = self._graph().to_undirected(as_view=True)
                reach = nx.single_source_shortest_path_length(undirected, self._owner, cutoff=2)
                self._second = frozenset(n for n, d in reach.items() if d == 2)  # noqa: PLR2004
        return self._second


def _clamp(value: float) -> int:
    """Round half up (not Python's half to even) and keep within 1–5."""
    return int(min(5, max(1, math.floor(value + 0.5))))


_KIND_ORDER = {kind: position for position, kind in enumerate(RelationKind)}
