"""Custom rules: the Rule protocol, Decision, and clear errors for rules that misbehave."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import civsam
from civsam import (
    Assessment,
    Candidate,
    Decision,
    MatrixRule,
    Organisation,
    PrioritySettings,
    Project,
    Quadrant,
    Reason,
    RuleError,
)
from civsam.plugins import reset_plugins

if TYPE_CHECKING:
    from collections.abc import Iterator

AS_OF = dt.date(2026, 1, 1)


@pytest.fixture(autouse=True)
def _only_builtin_rules(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No installed plugin takes part: only civsam's own rules, loaded afresh, forgotten after."""
    monkeypatch.setenv("CIVSAM_LOAD_PLUGINS", "")
    reset_plugins()
    yield
    reset_plugins()


def project(*rows: tuple[str, int, int]) -> Project:
    """A project whose partners (id, importance, ease) are scored by hand."""
    owner = Organisation("kommune", "Kommune")
    return Project(
        "Test",
        owner,
        organisations=[Organisation(partner, partner.upper()) for partner, _, _ in rows],
        assessments=[Assessment(partner, importance=i, ease=e) for partner, i, e in rows],
    )


@attrs.frozen
class ByEase:
    """A rule: easy partners start here, the rest are discussed; priority is ease."""

    name: str = "by-ease"

    def place(self, candidate: Candidate) -> Decision:
        """Place one candidate, as the class docstring says."""
        ease = candidate.ease.value
        quadrant = Quadrant.START_HERE if ease >= 3 else Quadrant.DISCUSS
        return Decision(quadrant, ease, (f"ease is {ease:g}",))


@attrs.frozen
class Everyone:
    """A rule that places everyone in one quadrant, returning the bare Quadrant."""

    quadrant: Quadrant = Quadrant.DISCUSS
    name: str = "everyone"

    def place(self, candidate: Candidate) -> Quadrant:  # noqa: ARG002 - Rule.place takes it
        """Place one candidate, as the class docstring says."""
        return self.quadrant


@attrs.frozen
class Returns:
    """A rule that returns whatever it is given, for every partner."""

    value: Any
    name: str = "returns"

    def place(self, candidate: Candidate) -> Any:  # noqa: ARG002 - Rule.place takes it
        """Place one candidate, as the class docstring says."""
        return self.value


@attrs.frozen
class Raises:
    """A rule that raises for one partner and places the others."""

    partner: str
    name: str = "boom"

    def place(self, candidate: Candidate) -> Quadrant:
        """Place one candidate, as the class docstring says."""
        if candidate.partner.id == self.partner:
            raise ZeroDivisionError("division by zero in my rule")
        return Quadrant.START_HERE


# -- rules that work -------------------------------------------------------------------------


def test_a_rule_object_places_and_orders_partners() -> None:
    """A class with name and place(): its quadrants, its priority, its reasons are used."""
    prio = civsam.prioritise(project(("a", 5, 1), ("b", 1, 4), ("c", 1, 5)), ByEase(), as_of=AS_OF)
    assert prio.rule == "by-ease"
    assert prio.thresholds is None
    assert [(p.partner.id, p.quadrant.value, p.rank, p.priority, p.rule) for p in prio] == [
        ("c", "start_here", 1, 5, "by-ease"),
        ("b", "start_here", 2, 4, "by-ease"),
        ("a", "discuss", 3, 1, "by-ease"),
    ]
    assert prio["b"].reasons == (
        "Betydning 1: sat i tabellen",
        "Lethed 4: sat i tabellen",
        "ease is 4",
        (
            "Nr. 2 af 3, nr. 2 i »Lad os starte her« med prioritet 4 "
            "(ved lige prioritet går højere betydning, så højere lethed, så id forrest)"
        ),
    )


def test_a_rule_may_return_a_bare_quadrant() -> None:
    """A Quadrant alone is a Decision with priority 0; ties go by importance, ease, id."""
    prio = civsam.prioritise(
        project(("d", 2, 2), ("c", 3, 1), ("b", 3, 4), ("a", 3, 4)), Everyone(), as_of=AS_OF
    )
    assert [(p.partner.id, p.quadrant.value, p.rank, p.priority) for p in prio] == [
        ("a", "discuss", 1, 0),
        ("b", "discuss", 2, 0),
        ("c", "discuss", 3, 0),
        ("d", "discuss", 4, 0),
    ]


def test_a_rule_may_give_reasons_from_the_catalogue() -> None:
    """A Reason with a catalogue key is rendered in the prioritisation's language."""

    @attrs.frozen
    class Explained:
        name: str = "explained"

        def place(self, candidate: Candidate) -> Decision:  # noqa: ARG002 - Rule.place takes it
            reason = Reason.of("reason.importance_high", score=5, threshold=2)
            return Decision(Quadrant.START_HERE, reasons=[reason])

    prio = civsam.prioritise(project(("a", 5, 5)), Explained(), as_of=AS_OF, language="en")
    assert prio["a"].reasons[2] == "Importance 5 is at least 2: high importance"
    assert prio["a"].explain("da")[2] == "Betydning 5 er mindst 2: høj betydning"


def test_a_rule_sees_the_partner_its_assessment_and_its_scores() -> None:
    """place() gets a Candidate with the Organisation, the Assessment and resolved Scores."""
    seen: list[Candidate] = []

    @attrs.frozen
    class Spy:
        name: str = "spy"

        def place(self, candidate: Candidate) -> Quadrant:
            seen.append(candidate)
            return Quadrant.NOT_NOW

    subject = project(("a", 5, 2))
    civsam.prioritise(subject, Spy(), as_of=AS_OF)
    assert seen == [
        Candidate(
            subject.organisations["a"],
            subject.assessments["a"],
            civsam.Score(5.0, civsam.ScoreSource.HAND),
            civsam.Score(2.0, civsam.ScoreSource.HAND),
        )
    ]


def test_a_rule_is_recognised_by_the_protocol() -> None:
    """Rule is a runtime-checkable protocol: MatrixRule and a small class both satisfy it."""
    assert isinstance(MatrixRule(), civsam.Rule)
    assert isinstance(ByEase(), civsam.Rule)
    assert not isinstance(object(), civsam.Rule)


def test_matrix_rule_through_the_generic_path_agrees_with_the_fast_path() -> None:
    """A MatrixRule subclass (placed one candidate at a time) gives the same placements."""

    class Matrix(MatrixRule):
        pass

    example = civsam.example()
    fast = civsam.prioritise(example, MatrixRule(3, 4), as_of=AS_OF)
    slow = civsam.prioritise(example, Matrix(3, 4), as_of=AS_OF)
    assert list(fast) == list(slow)
    assert [p.reasons for p in fast] == [p.reasons for p in slow]


# -- Decision ----------------------------------------------------------------------------------


def test_decision_defaults() -> None:
    """A Decision needs only a quadrant: priority 0, no reasons."""
    assert Decision(Quadrant.NOT_NOW) == Decision(Quadrant.NOT_NOW, 0.0, ())


def test_decision_refuses_a_quadrant_that_is_not_a_quadrant() -> None:
    """A quadrant's value as text is not a Quadrant."""
    with pytest.raises(TypeError) as info:
        Decision("start_here")  # type: ignore[arg-type]
    assert str(info.value) == (
        "Decision.quadrant: expected one of Quadrant.START_HERE, Quadrant.DISCUSS, "
        "Quadrant.NOT_NOW, Quadrant.NOT_WORTH_IT, found 'start_here'"
    )


@pytest.mark.parametrize("priority", [math.nan, math.inf, -math.inf, True, "1", None], ids=repr)
def test_decision_refuses_a_priority_that_is_not_a_finite_number(priority: Any) -> None:
    """NaN, infinities, booleans, text and None are no priority."""
    message = f"Decision.priority: expected a finite number, found {priority!r}"
    with pytest.raises(ValueError, match=rf"\A{re.escape(message)}\Z"):
        Decision(Quadrant.START_HERE, priority)


def test_decision_keeps_a_single_text_reason_whole() -> None:
    """reasons="…" is one reason, as everywhere in civsam, not one reason per character."""
    decision = Decision(Quadrant.START_HERE, 1, "too far away")
    assert decision.reasons == ("too far away",)


# -- rules that fail -----------------------------------------------------------------------


def test_a_rule_that_raises_is_a_rule_error_naming_rule_and_partner() -> None:
    """The error names the rule and the partner and repeats the rule's own error."""
    with pytest.raises(RuleError) as info:
        civsam.prioritise(project(("a", 5, 5), ("b", 1, 1)), Raises("b"), as_of=AS_OF)
    assert str(info.value) == (
        "rule 'boom' for partner 'b': raised ZeroDivisionError: division by zero in my rule"
    )
    assert (info.value.rule, info.value.partner) == ("boom", "b")
    assert isinstance(info.value.__cause__, ZeroDivisionError)
    assert isinstance(info.value, civsam.CivsamError)


@pytest.mark.parametrize(
    ("value", "found"),
    [("start_here", "str"), (None, "NoneType"), (3, "int"), ((Quadrant.START_HERE, 1), "tuple")],
    ids=["text", "None", "number", "tuple"],
)
def test_a_rule_returning_no_decision_is_a_rule_error(value: object, found: str) -> None:
    """Something else than a Decision or a Quadrant is refused, naming rule and partner."""
    with pytest.raises(RuleError) as info:
        civsam.prioritise(project(("a", 5, 5)), Returns(value), as_of=AS_OF)
    assert str(info.value) == (
        f"rule 'returns' for partner 'a': returned {found}; "
        "expected a civsam.Decision or a civsam.Quadrant"
    )


@pytest.mark.parametrize(
    "reasons",
    [(42,), (Reason.of("no.such.reason"),)],
    ids=["a number", "an unknown label key"],
)
def test_a_decision_with_reasons_that_cannot_be_shown_is_a_rule_error(
    reasons: tuple[Any, ...],
) -> None:
    """Reasons that cannot be rendered fail prioritise, naming the rule: no partial output."""

    @attrs.frozen
    class Gives:
        name: str = "gives"

        def place(self, candidate: Candidate) -> Decision:  # noqa: ARG002 - Rule.place takes it
            return Decision(Quadrant.START_HERE, 1, reasons)

    with pytest.raises(RuleError, match=r"\Arule 'gives' for partner 'a': "):
        civsam.prioritise(project(("a", 5, 5)), Gives(), as_of=AS_OF)


@pytest.mark.parametrize(
    ("rule", "shown"),
    [(42, "42"), (object, "<class 'object'>"), ([ByEase()], "[ByEase(name='by-ease')]")],
    ids=["a number", "a class", "a list of rules"],
)
def test_something_that_is_not_a_rule_is_a_rule_error(rule: Any, shown: str) -> None:
    """An object without name and place() is refused before any partner is placed."""
    with pytest.raises(RuleError) as info:
        civsam.prioritise(project(("a", 5, 5)), rule, as_of=AS_OF)
    assert str(info.value) == (
        f"rule {shown!r}: not a rule: it needs a 'name' and a 'place(candidate)' method"
    )
    assert info.value.partner is None


def test_a_rule_class_instead_of_a_rule_is_a_rule_error_naming_it() -> None:
    """Passing the class MatrixRule, not an instance, gives an error that names MatrixRule."""
    with pytest.raises(RuleError) as info:
        civsam.prioritise(project(("a", 5, 5)), MatrixRule, as_of=AS_OF)  # type: ignore[arg-type]
    assert "MatrixRule" in str(info.value)
    assert "property object" not in str(info.value)


def test_an_empty_rule_name_is_an_unknown_rule() -> None:
    """The empty text is no rule's name."""
    with pytest.raises(RuleError) as info:
        civsam.prioritise(project(("a", 5, 5)), "", as_of=AS_OF)
    assert str(info.value) == "rule '': no rule has this name; the rules there are: matrix"


def test_a_rule_whose_name_is_not_text_is_a_rule_error() -> None:
    """A rule must be named by a non-empty text."""

    @attrs.frozen
    class Nameless:
        name: Any = None

        def place(self, candidate: Candidate) -> Quadrant:  # noqa: ARG002 - Rule.place takes it
            return Quadrant.START_HERE

    with pytest.raises(RuleError) as info:
        civsam.prioritise(project(("a", 5, 5)), Nameless(), as_of=AS_OF)
    assert str(info.value) == "rule 'None': a rule's name must be a non-empty text"


def test_an_unknown_rule_name_lists_the_known_rules() -> None:
    """A name no rule has is a RuleError listing the rules there are."""
    with pytest.raises(RuleError) as info:
        civsam.prioritise(project(("a", 5, 5)), "nosuch", as_of=AS_OF)
    assert str(info.value) == "rule 'nosuch': no rule has this name; the rules there are: matrix"
    assert (info.value.rule, info.value.partner) == ("nosuch", None)


def test_an_unknown_rule_in_the_project_settings_is_a_rule_error() -> None:
    """[prioritisation] rule = "nosuch" fails when prioritising, naming the rule."""
    subject = project(("a", 5, 5))
    subject.priority_settings = PrioritySettings(rule="nosuch")
    with pytest.raises(RuleError) as info:
        civsam.prioritise(subject, as_of=AS_OF)
    assert str(info.value) == "rule 'nosuch': no rule has this name; the rules there are: matrix"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((0, 4), "MatrixRule.importance_threshold: expected a number from 1 to 5, found 0"),
        ((4, 6), "MatrixRule.ease_threshold: expected a number from 1 to 5, found 6"),
        ((0.5, 4), "MatrixRule.importance_threshold: expected a number from 1 to 5, found 0.5"),
        (
            (math.nan, 4),
            "MatrixRule.importance_threshold: expected a number from 1 to 5, found nan",
        ),
        ((4, True), "MatrixRule.ease_threshold: expected a number from 1 to 5, found True"),
        (("4", 4), "MatrixRule.importance_threshold: expected a number from 1 to 5, found '4'"),
    ],
    ids=["importance 0", "ease 6", "importance 0.5", "NaN", "True", "text"],
)
def test_matrix_thresholds_outside_one_to_five_are_refused(
    arguments: tuple[Any, Any], message: str
) -> None:
    """MatrixRule takes thresholds from 1 to 5 (halves allowed) and nothing else."""
    with pytest.raises(ValueError, match=rf"\A{re.escape(message)}\Z"):
        MatrixRule(*arguments)


@pytest.mark.parametrize("thresholds", [(1, 1), (5, 5), (3.5, 1.5)])
def test_matrix_thresholds_at_the_edges_are_accepted(thresholds: tuple[float, float]) -> None:
    """1, 5 and halves in between are valid thresholds."""
    rule = MatrixRule(*thresholds)
    assert (rule.importance_threshold, rule.ease_threshold) == thresholds


def test_the_matrix_by_name_uses_the_projects_thresholds() -> None:
    """prioritise(project, "matrix") and prioritise(project) use [prioritisation]'s thresholds."""
    subject = project(("a", 2, 2), ("b", 1, 2), ("c", 2, 1))
    subject.priority_settings = PrioritySettings(importance_threshold=2, ease_threshold=2)
    by_name = civsam.prioritise(subject, "matrix", as_of=AS_OF)
    by_default = civsam.prioritise(subject, as_of=AS_OF)
    assert by_name == by_default
    assert by_name.thresholds == (2.0, 2.0)
    assert [(p.partner.id, p.quadrant.value) for p in by_name] == [
        ("a", "start_here"),
        ("c", "discuss"),
        ("b", "not_now"),
    ]


def test_matrix_is_always_an_available_rule() -> None:
    """civsam.rules() holds the matrix with the default thresholds."""
    assert dict(civsam.rules()) == {"matrix": MatrixRule()}
