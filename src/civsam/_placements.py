"""Prioritisation's fast path: partners ranked as plain rows, placements made when read.

Ranking a national register (100,000 partners) with an object per partner, its reasons
made up front, costs several times a plain classify-and-sort loop. So
:func:`civsam.prioritise` ranks plain tuples (*rows*, laid out below) and makes each
:class:`~civsam.Placement` the first time it is read:

- the matrix rule runs as a tight loop (:func:`matrix_rows`): partners whose scores were
  both set by hand fall into 25 groups, one per pair of scores, each sorted by id alone;
- such a partner's row holds no objects of its own: its scores are the shared
  :data:`HAND` ones, and the rule's reasons are made once per pair of scores;
- iterating a ranking builds its placements in one loop (:meth:`Ranking.__iter__`),
  following each quadrant's start instead of looking it up.

**The reference.** ``CIVSAM_REFERENCE=1`` in the environment (read once, when civsam is
imported) or ``prioritise(..., reference=True)`` (:mod:`civsam.prioritisation`) skips all
of this: every partner is placed by the rule's ``place``, ranked by a plain sort, and
every placement made up front with ``Placement(...)``. tests/test_fast_placements.py
holds the two equal, field by field and in order.
"""

from __future__ import annotations

import bisect
import operator
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Final, Generic, NamedTuple, Protocol, TypeAlias, TypeVar

from civsam._checks import MAX_SCORE, MIN_SCORE
from civsam.model import Assessment, Language, Organisation, Quadrant
from civsam.rules import MatrixRule, Reason
from civsam.scores import Score, ScoreSource

if TYPE_CHECKING:
    from civsam.scores import Resolver

__all__ = [
    "ASSESSMENT",
    "EXTRA",
    "HAND",
    "NEGATIVE_EASE",
    "NEGATIVE_IMPORTANCE",
    "NEGATIVE_PRIORITY",
    "ORDER",
    "PARTNER",
    "REFERENCE",
    "EntryFields",
    "Extra",
    "MakePlacement",
    "Ranking",
    "Row",
    "disagree",
    "matrix_rows",
    "rule_row",
]

REFERENCE: Final = os.environ.get("CIVSAM_REFERENCE") == "1"
"""Whether the reference is the default: ``CIVSAM_REFERENCE=1``, read once, at import.

The same switch as the file converter's and the graph's fast paths.
"""

# -- rows -----------------------------------------------------------------------------------

ORDER: Final = 0
"""A row's first field: its quadrant's order (0: start here … 3: not worth it)."""
NEGATIVE_PRIORITY: Final = 1
"""The rule's priority, negated: rows sort ascending, partners rank highest first."""
NEGATIVE_IMPORTANCE: Final = 2
"""The importance the rule used, negated (the first tie-break)."""
NEGATIVE_EASE: Final = 3
"""The ease the rule used, negated (the second tie-break)."""
PARTNER: Final = 4
"""The partner's id (the last tie-break: ids are unique, so rows never compare further)."""
ASSESSMENT: Final = 5
"""The partner's :class:`~civsam.Assessment`."""
EXTRA: Final = 6
"""The row's :class:`Extra`, or ``None`` for hand-set scores placed by the matrix rule."""

Row: TypeAlias = tuple[int, float, float, float, str, Assessment, "Extra | None"]
"""A placed partner before it becomes a placement: its sort key first, fields as above.

A plain tuple, not a named one: a national register makes 100,000 of them, and a named
tuple costs more to make. Read only through the constants above.
"""

EntryFields: TypeAlias = tuple[int, Organisation, Assessment, Quadrant, float, float, bool]
"""An :class:`~civsam.prioritisation.Entry`'s fields, in its order."""


class Extra(NamedTuple):
    """What a row needs beyond hand-set scores: resolved scores, flags, rule reasons."""

    importance: Score
    ease: Score
    disagreement: bool
    reasons: tuple[Reason | str, ...] | None  # None: the matrix rule's, made when read
    used: tuple[float, float] | None = None  # the scores the rule used, when it adjusted them


HAND: Final = {float(value): Score(float(value), ScoreSource.HAND) for value in range(1, 6)}
"""Hand-set scores without raters, by value, shared: there are only five."""

_ORDERS_BY_FLAGS = tuple(  # important * 2 + easy → the quadrant's order
    quadrant.order
    for quadrant in (
        Quadrant.NOT_WORTH_IT,
        Quadrant.NOT_NOW,
        Quadrant.DISCUSS,
        Quadrant.START_HERE,
    )
)
_QUADRANTS = tuple(Quadrant)  # by order
_BY_PARTNER = operator.attrgetter("partner")
_ROW_ORDER = operator.itemgetter(ORDER)


def disagree(importance: Score, ease: Score, spread: int) -> bool:
    """Whether the raters are far enough apart (``spread``) on either score to talk."""
    return (importance.spread or 0) >= spread or (ease.spread or 0) >= spread


def matrix_rows(
    assessments: Iterable[Assessment], rule: MatrixRule, resolver: Resolver, spread: int
) -> list[Row]:
    """The guide's rule as a tight loop, in rank order: no objects until a placement is read.

    Scores set by hand are whole numbers 1–5, so such partners fall into 25 groups, one
    per pair of scores, which rank in a fixed order; within a group only the ids decide.
    Sorting each group by id alone costs far less than sorting every row by all five of
    its keys. Partners with other scores (raters, derived) join by a sort at the end.
    """
    importance_threshold, ease_threshold = rule.importance_threshold, rule.ease_threshold
    orders = _ORDERS_BY_FLAGS
    by_hand: list[list[list[Assessment]]] = [[[] for _ in range(6)] for _ in range(6)]
    derived: list[Row] = []
    append = derived.append
    for assessment in assessments:
        importance, ease = assessment.importance, assessment.ease
        if importance is not None and ease is not None and not assessment.ratings:
            by_hand[importance][ease].append(assessment)
            continue
        importance_score = resolver.importance(assessment)
        ease_score = resolver.ease(assessment)
        flags = (importance_score.value >= importance_threshold) * 2 + (
            ease_score.value >= ease_threshold
        )
        extra = Extra(
            importance_score, ease_score, disagree(importance_score, ease_score, spread), None
        )
        append(
            (
                orders[flags],
                -(importance_score.value + ease_score.value),
                -importance_score.value,
                -ease_score.value,
                assessment.partner,
                assessment,
                extra,
            )
        )
    groups = sorted(
        (
            (
                orders[(importance >= importance_threshold) * 2 + (ease >= ease_threshold)],
                -(importance + ease),
                -importance,
                -ease,
            ),
            by_hand[importance][ease],
        )
        for importance in range(MIN_SCORE, MAX_SCORE + 1)
        for ease in range(MIN_SCORE, MAX_SCORE + 1)
    )
    rows: list[Row] = []
    for (order, priority, importance, ease), group in groups:
        group.sort(key=_BY_PARTNER)
        rows += [(order, priority, importance, ease, a.partner, a, None) for a in group]
    if derived:
        rows += derived
        rows.sort()  # one long sorted run and a few more: merged, not sorted afresh
    return rows


def rule_row(assessment: Assessment, quadrant: Quadrant, priority: float, extra: Extra) -> Row:
    """The row of a partner another rule placed: rows of several rules sort when all are made."""
    importance, ease = extra.used or (extra.importance.value, extra.ease.value)
    return (quadrant.order, -priority, -importance, -ease, assessment.partner, assessment, extra)


# -- placements -----------------------------------------------------------------------------

P_co = TypeVar("P_co", covariant=True)


class MakePlacement(Protocol[P_co]):
    """:class:`~civsam.Placement` itself: what a ranking makes its placements with.

    Given, not imported, because the class lives with the reference code in
    :mod:`civsam.prioritisation`, which imports this module.
    """

    def __call__(
        self,
        *,
        partner: Organisation,
        quadrant: Quadrant,
        importance: float,
        ease: float,
        rank: int,
        priority: float,
        importance_score: Score,
        ease_score: Score,
        disagreement: bool,
        rule: str,
        rule_reasons: tuple[Reason | str, ...],
        place: int,
        total: int,
        language: Language,
    ) -> P_co: ...


P = TypeVar("P")


class Ranking(Generic[P]):
    """Rows in rank order, and the placements made from them, each the first time it is read.

    Iterating makes every placement not yet made in one loop; :meth:`placement` makes
    one. Both keep what they made, so a placement is made once and is the same object
    every time it is read.
    """

    __slots__ = (
        "_built",
        "_hand",
        "_language",
        "_make",
        "_matrix",
        "_name",
        "_organisations",
        "_rows",
        "_starts",
    )

    def __init__(
        self,
        rows: list[Row],
        *,
        make: MakePlacement[P],
        organisations: Mapping[str, Organisation],
        matrix: MatrixRule | None,
        name: str,
        language: Language,
    ) -> None:
        """``matrix``: the rule whose reasons rows without their own are given."""
        self._rows = rows
        self._make = make
        self._organisations = organisations
        self._matrix = matrix
        self._name = name
        self._language = language
        self._built: list[P | None] = [None] * len(rows)
        self._starts: dict[int, int] = {}
        self._hand: dict[tuple[float, float], tuple[Score, Score, tuple[Reason, ...]]] = {}
        """Per pair of hand-set scores (negated, as in rows): the scores and the reasons."""

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[P]:
        built, build = self._built, self._build
        start, current = 0, -1
        for position, row in enumerate(self._rows):
            order = row[ORDER]
            if order != current:
                start, current = position, order
            placement = built[position]
            if placement is None:
                placement = built[position] = build(row, position, start)
            yield placement

    def placement(self, position: int) -> P:
        """The placement at ``position`` (0 for rank 1)."""
        placement = self._built[position]
        if placement is None:
            row = self._rows[position]
            placement = self._build(row, position, self._start(row[ORDER]))
            self._built[position] = placement
        return placement

    def partner_ids(self) -> Iterator[str]:
        """The partners' ids in rank order."""
        return (row[PARTNER] for row in self._rows)

    def quadrants(self) -> Iterator[Quadrant]:
        """The partners' quadrants in rank order."""
        return (_QUADRANTS[row[ORDER]] for row in self._rows)

    def entry_fields(self) -> Iterator[EntryFields]:
        """Each partner's entry fields in rank order: no placement, no reasons, no scores."""
        organisations = self._organisations
        for rank, row in enumerate(self._rows, start=1):
            assessment, extra = row[ASSESSMENT], row[EXTRA]
            if extra is None:  # set by hand: the scores are the assessment's
                importance, ease = -row[NEGATIVE_IMPORTANCE], -row[NEGATIVE_EASE]
                disagreement = False
            else:
                importance, ease = extra.used or (extra.importance.value, extra.ease.value)
                disagreement = extra.disagreement
            yield (
                rank,
                organisations[row[PARTNER]],
                assessment,
                _QUADRANTS[row[ORDER]],
                importance,
                ease,
                disagreement,
            )

    def _start(self, order: int) -> int:
        """The position of the first row in the quadrant of that order."""
        start = self._starts.get(order)
        if start is None:
            start = self._starts[order] = bisect.bisect_left(self._rows, order, key=_ROW_ORDER)
        return start

    def _build(self, row: Row, position: int, start: int) -> P:
        extra = row[EXTRA]
        reasons: tuple[Reason | str, ...] | None
        if extra is None:
            # Scores set by hand: every partner with the same pair shares these objects.
            key = (row[NEGATIVE_IMPORTANCE], row[NEGATIVE_EASE])
            hand = self._hand.get(key)
            if hand is None:
                scores = HAND[-key[0]], HAND[-key[1]]
                hand = self._hand[key] = (*scores, self._matrix_reasons(*scores))
            importance, ease, reasons = hand
            used_importance, used_ease, disagreement = importance.value, ease.value, False
        else:
            importance, ease, disagreement = extra.importance, extra.ease, extra.disagreement
            reasons = extra.reasons
            if reasons is None:
                reasons = self._matrix_reasons(importance, ease)
            used_importance, used_ease = extra.used or (importance.value, ease.value)
        return self._make(
            partner=self._organisations[row[PARTNER]],
            quadrant=_QUADRANTS[row[ORDER]],
            importance=used_importance,
            ease=used_ease,
            rank=position + 1,
            priority=-row[NEGATIVE_PRIORITY],
            importance_score=importance,
            ease_score=ease,
            disagreement=disagreement,
            rule=self._name,
            rule_reasons=reasons,
            place=position - start + 1,
            total=len(self._rows),
            language=self._language,
        )

    def _matrix_reasons(self, importance: Score, ease: Score) -> tuple[Reason, ...]:
        matrix = self._matrix
        if matrix is None:  # pragma: no cover - only the matrix rule's rows leave them out
            message = "a row without reasons from a rule other than the matrix"
            raise AssertionError(message)
        return matrix.reasons(importance.value, ease.value)
