"""Prioritisation's fast path gives what the reference gives: the same placements, in order.

``prioritise`` ranks plain rows and makes each placement when it is read
(civsam._placements); ``prioritise(..., reference=True)`` places every partner with the
rule's ``place``, ranks by one plain sort and makes every placement up front with
``Placement(...)``. The fast path exists for speed alone, so it is held here to the
reference on any project the test kit draws: with the matrix rule (the fast path's own
loop), a subclass of it and other rules (rows of their decisions), every field of every
placement, in the same order, whichever way the placements are read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zlib
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import civsam
from civsam import _placements
from civsam.prioritisation import Prioritisation, prioritise
from civsam.testing import projects

AS_OF = dt.date(2026, 1, 1)
FIELDS = tuple(field.name for field in attrs.fields(civsam.Placement))
"""Every field of a placement, ``language`` too (which equality leaves out)."""
THRESHOLDS = st.sampled_from([1 + step / 2 for step in range(9)])

properties = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# Scored projects put most partners on the fast path's own loop (hand-set scores); the
# others have raters and derived scores, which take the rows with their own scores.
any_project = st.booleans().flatmap(lambda scored: projects(max_partners=16, scored=scored))


def fields(prio: Prioritisation) -> list[tuple[object, ...]]:
    """Every placement's every field, in rank order."""
    return [tuple(getattr(placement, name) for name in FIELDS) for placement in prio]


def assert_same(fast: Prioritisation, reference: Prioritisation) -> None:
    """Equal in every way a caller can read them: placements, reasons, entries, look-ups."""
    # The two really took different ways (a test of fast against fast would prove nothing).
    assert isinstance(fast._ranked, _placements.Ranking)
    assert not isinstance(reference._ranked, _placements.Ranking)
    assert fields(fast) == fields(reference)
    assert fast == reference
    assert (fast.rule, fast.thresholds, fast.language) == (
        reference.rule,
        reference.thresholds,
        reference.language,
    )
    assert fast.counts() == reference.counts()
    assert list(fast.entries()) == list(reference.entries())
    for ours, theirs in zip(fast, reference, strict=True):
        assert ours.reasons == theirs.reasons
        assert ours.explain("en") == theirs.explain("en")


def both(project: civsam.Project, rule: civsam.Rule | None = None) -> tuple[Prioritisation, ...]:
    """The project prioritised the fast way and the reference's."""
    return tuple(
        prioritise(project, rule, as_of=AS_OF, reference=reference) for reference in (False, True)
    )


@properties
@given(any_project)
def test_the_project_s_own_matrix_ranks_alike(project: civsam.Project) -> None:
    """The matrix with the project's thresholds, spread and derivation: the fast loop."""
    assert_same(*both(project))


@properties
@given(any_project, THRESHOLDS, THRESHOLDS)
def test_any_matrix_ranks_alike(project: civsam.Project, importance: float, ease: float) -> None:
    """Thresholds on and between whole scores: each pair of hand-set scores in its quadrant."""
    assert_same(*both(project, civsam.MatrixRule(importance, ease)))


@attrs.frozen
class Drawn:
    """A rule of the kind a plugin writes, its choices drawn: quadrants, ties, adjusted scores.

    The quadrant comes from the partner's id (so rows of every quadrant mix), the
    priority from a few values (so ties fall to the tie-breaks), and the rule adjusts
    a score now and then (the ``used`` scores, which rank and are shown).
    """

    priorities: tuple[float, ...]
    adjust: bool
    as_quadrant: bool
    name: str = "drawn"

    def place(self, candidate: civsam.Candidate) -> civsam.Decision | civsam.Quadrant:
        """Place the candidate by a checksum of its id."""
        code = zlib.crc32(candidate.partner.id.encode())
        quadrant = tuple(civsam.Quadrant)[code % 4]
        if self.as_quadrant and code % 3 == 0:
            return quadrant
        adjusted = self.adjust and code % 2 == 0
        return civsam.Decision(
            quadrant,
            self.priorities[code % len(self.priorities)],
            (civsam.Reason.of("reason.importance_hand", score=3), "drawn"),
            importance=min(5.0, candidate.importance.value + 1) if adjusted else None,
            ease=1 if adjusted and code % 5 == 0 else None,
        )


rules = st.builds(
    Drawn,
    priorities=st.lists(st.sampled_from([0, 1, 2.5, -1.0]), min_size=1, max_size=3).map(tuple),
    adjust=st.booleans(),
    as_quadrant=st.booleans(),
)


@properties
@given(any_project, rules)
def test_a_plugin_s_rule_ranks_alike(project: civsam.Project, rule: Drawn) -> None:
    """Another rule's decisions: priorities, ties, adjusted scores, texts and reasons."""
    assert_same(*both(project, rule))


class Matrix(civsam.MatrixRule):
    """A subclass of the matrix rule: placed through ``place``, as any rule but the matrix."""


@properties
@given(any_project, THRESHOLDS)
def test_a_subclass_of_the_matrix_ranks_alike(project: civsam.Project, threshold: float) -> None:
    """Not the matrix's own loop (that is for MatrixRule itself), and still the same."""
    assert_same(*both(project, Matrix(threshold, 5 - threshold / 2)))


@properties
@given(any_project, st.randoms(use_true_random=False))
def test_placements_read_one_by_one_are_the_ones_iterated(
    project: civsam.Project, random: Any
) -> None:
    """Placements read by id first, in any order, are the reference's; iterating gives them.

    Read one by one, a placement finds its quadrant's start by a search in the rows;
    iterating follows the starts instead, and keeps the placements already made.
    """
    fast, reference = both(project)
    ids = [placement.partner.id for placement in reference]
    random.shuffle(ids)
    read = {partner: fast[partner] for partner in ids[: len(ids) // 2]}
    for partner, placement in read.items():
        expected = reference[partner]
        assert tuple(getattr(placement, n) for n in FIELDS) == tuple(
            getattr(expected, n) for n in FIELDS
        )
    iterated = {placement.partner.id: placement for placement in fast}
    assert all(iterated[partner] is placement for partner, placement in read.items())
    assert_same(fast, reference)


def test_a_rule_that_fails_fails_alike() -> None:
    """The same RuleError, naming the same partner, from either way."""

    @attrs.frozen
    class Failing:
        name: str = "failing"

        def place(self, candidate: civsam.Candidate) -> civsam.Quadrant:
            if candidate.partner.id == "b":
                raise ValueError("no b")
            return civsam.Quadrant.DISCUSS

    project = civsam.Project("P", civsam.Organisation("owner", "Owner"))
    for partner in ("a", "b", "c"):
        project.add(civsam.Organisation(partner, partner.upper()))
        project.assess(partner, importance=3, ease=3)
    errors = []
    for reference in (False, True):
        with pytest.raises(civsam.RuleError) as raised:
            prioritise(project, Failing(), as_of=AS_OF, reference=reference)
        errors.append((str(raised.value), raised.value.partner))
    assert errors[0] == errors[1]
    assert errors[0][1] == "b"


@pytest.mark.parametrize(("value", "way"), [("1", "reference"), ("0", "fast"), ("", "fast")])
def test_civsam_reference_in_the_environment_chooses_the_reference(value: str, way: str) -> None:
    """``CIVSAM_REFERENCE=1``, read when civsam is imported, makes the reference the default."""
    code = (
        "import json, civsam, civsam._placements as fast\n"
        "prio = civsam.prioritise(civsam.example())\n"
        "print(json.dumps([fast.REFERENCE, type(prio._ranked) is fast.Ranking,"
        " [(p.rank, p.partner.id) for p in prio]]))\n"
    )
    env = dict(os.environ, CIVSAM_REFERENCE=value)
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    switched, fast, ranks = json.loads(done.stdout)
    assert (switched, fast) == (way == "reference", way == "fast")
    expected = civsam.prioritise(civsam.example())
    assert ranks == [[p.rank, p.partner.id] for p in expected]
