"""Property-test a prioritisation rule against the invariants civsam promises.

``check_rule(rule)`` runs hypothesis over generated candidates and projects and raises
:class:`RuleContractError` naming the broken invariant, with the smallest example
hypothesis found. Put it in your own test suite::

    def test_my_rule_keeps_civsam_s_promises():
        check_rule(MyRule())
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civsam.model import Language, Quadrant
from civsam.prioritisation import prioritise
from civsam.project import Project
from civsam.rules import Candidate, Decision, Rule
from civsam.scores import Score, ScoreSource
from civsam.testing._checks import first_failure
from civsam.testing._strategies import assessments, organisations, projects

__all__ = ["INVARIANTS", "RuleContractError", "candidates", "check_rule"]

INVARIANTS = (
    "valid",
    "deterministic",
    "monotone",
    "total and ranked",
    "independent of input order",
    "independent of language",
)
"""What :func:`check_rule` checks, in the order it checks them."""


class RuleContractError(AssertionError):
    """A rule broke one of civsam's invariants; the message says which, and shows how."""

    def __init__(self, rule: str, invariant: str, detail: str) -> None:
        self.rule = rule
        self.invariant = invariant
        super().__init__(f"rule {rule!r} is not {invariant}: {detail}")


_AS_OF = dt.date(2026, 1, 1)  # a fixed "today": derived scores stay reproducible
_VALUES = st.sampled_from([1 + step / 2 for step in range(9)])  # 1, 1.5, …, 5: medians too


@st.composite
def _scores(draw: st.DrawFn) -> Score:
    source = draw(st.sampled_from(ScoreSource))
    raters = draw(st.integers(2, 6)) if source is ScoreSource.RATERS else 0
    spread = float(draw(st.integers(0, 4))) if raters else None
    return Score(draw(_VALUES), source, raters, spread)


@st.composite
def candidates(draw: st.DrawFn) -> Candidate:
    """What a rule is shown: a partner, its assessment, and resolved scores of any origin."""
    partner = draw(organisations())
    return Candidate(
        partner, draw(assessments(st.just(partner.id))), draw(_scores()), draw(_scores())
    )


def _quadrant(rule: Rule, candidate: Candidate) -> Quadrant:
    decision = rule.place(candidate)
    if isinstance(decision, Quadrant):
        return decision
    if isinstance(decision, Decision):
        return decision.quadrant
    raise AssertionError(
        f"place() returned {type(decision).__name__}; expected a civsam.Decision or a "
        "civsam.Quadrant"
    )


_HALF_POINTS = tuple(1 + n / 2 for n in range(9))
"""1, 1.5, …, 5: the scores the monotone check walks along an axis."""


def _at(candidate: Candidate, axis: str, score: Score) -> Candidate:
    if axis == "importance":
        return attrs.evolve(candidate, importance=score)
    return attrs.evolve(candidate, ease=score)


def _raised(value: Score, by: float) -> Score:
    return attrs.evolve(value, value=min(5.0, value.value + by))


def _shuffled(project: Project, seed: int) -> Project:
    shuffle = random.Random(seed).sample  # noqa: S311 - a test's shuffle, not security
    organisations = list(project.organisations.values())
    shuffled = Project(
        project.name,
        project.owner,
        target_groups=project.target_groups,
        language=project.language,
        description=project.description,
        organisations=shuffle(organisations, len(organisations)),
        relations=shuffle(list(project.relations), len(project.relations)),
        assessments=shuffle(list(project.assessments.values()), len(project.assessments)),
    )
    shuffled.prioritisation = project.prioritisation
    return shuffled


def check_rule(rule: Rule, *, max_examples: int = 100) -> None:
    """Check ``rule`` against every invariant in :data:`INVARIANTS`.

    Raises :class:`RuleContractError` for the first invariant the rule breaks, with the
    smallest counterexample hypothesis could find. ``max_examples`` is per invariant.
    """
    name = str(getattr(rule, "name", type(rule).__name__))
    config = settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )

    @config
    @given(candidates())
    def valid(candidate: Candidate) -> None:
        _quadrant(rule, candidate)

    @config
    @given(candidates())
    def deterministic(candidate: Candidate) -> None:
        first = rule.place(candidate)
        again = rule.place(attrs.evolve(candidate))
        assert first == again, f"place() gave {first!r}, then {again!r}, for the same candidate"

    @config
    @given(candidates(), st.sampled_from(["importance", "ease"]), st.sampled_from([0.5, 1, 2, 4]))
    def monotone(candidate: Candidate, axis: str, by: float) -> None:
        # The drawn raise, then every half point up the same axis: a threshold anywhere
        # on the line is crossed, whatever scores hypothesis happened to draw.
        score: Score = getattr(candidate, axis)
        steps = [(score, by), *((attrs.evolve(score, value=v), 0.5) for v in _HALF_POINTS[:-1])]
        for low, step in steps:
            lower, higher = _at(candidate, axis, low), _at(candidate, axis, _raised(low, step))
            before, after = _quadrant(rule, lower), _quadrant(rule, higher)
            assert after.order <= before.order, (
                f"raising {axis} from {low.value} to {getattr(higher, axis).value} moved "
                f"the partner from {before.value} to {after.value}"
            )

    @config
    @given(projects())
    def total_and_ranked(project: Project) -> None:
        prio = prioritise(project, rule, as_of=_AS_OF)
        placed = [p.partner.id for p in prio]
        assert sorted(placed) == sorted(project.assessments), (
            f"placed {sorted(placed)}, but the assessed partners are {sorted(project.assessments)}"
        )
        assert [p.rank for p in prio] == list(range(1, len(prio) + 1)), "ranks are not 1..n"
        orders = [p.quadrant.order for p in prio]
        assert orders == sorted(orders), "ranks do not follow the quadrant order"

    @config
    @given(projects(), st.integers(0, 2**32))
    def independent_of_order(project: Project, seed: int) -> None:
        first = list(prioritise(project, rule, as_of=_AS_OF))
        again = list(prioritise(_shuffled(project, seed), rule, as_of=_AS_OF))
        assert first == again, "shuffling organisations and assessments changed the placements"

    @config
    @given(projects())
    def independent_of_language(project: Project) -> None:
        danish = list(prioritise(project, rule, as_of=_AS_OF, language=Language.DA))
        english = list(prioritise(project, rule, as_of=_AS_OF, language=Language.EN))
        assert danish == english, "the language changed the placements"

    checks: tuple[Callable[[], None], ...] = (
        valid,
        deterministic,
        monotone,
        total_and_ranked,
        independent_of_order,
        independent_of_language,
    )
    failure = first_failure(zip(INVARIANTS, checks, strict=True))
    if failure is not None:
        raise RuleContractError(name, *failure)
