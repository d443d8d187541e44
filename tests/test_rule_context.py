"""Rules that see the project: bind(context), [prioritisation.options], own labels, used scores.

The two rules a plugin author wrote from the docs (issue 15): "prefer partners we already
know" reads the owner's relations, and a weighted rule reads its weight from the project
file and says why in Danish and English with its own labels.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import civsam
from civsam import (
    Candidate,
    Decision,
    LabelError,
    Quadrant,
    Reason,
    RuleContext,
    RuleError,
    ValidationError,
)
from civsam.testing import check_rule

if TYPE_CHECKING:
    from collections.abc import Mapping

AS_OF = dt.date(2026, 1, 1)

LABELS = {
    "weighted.reason": ("vægtet med {weight}", "weighted by {weight}"),
    "weighted.known": ("kendt partner: +1 i lethed", "a partner we know: +1 for ease"),
}


@attrs.frozen
class Weighted:
    """Importance times ``weight`` (from the options), a known partner one point easier."""

    weight: float = 1.0
    known: frozenset[str] = frozenset()
    name: str = "weighted"
    labels: Mapping[str, tuple[str, str]] = attrs.field(factory=lambda: LABELS)

    def bind(self, context: RuleContext) -> Weighted:
        """Read the weight from [prioritisation.options] and who the owner knows."""
        weight = context.options.get("weight", 1.0)
        if not isinstance(weight, int | float) or not 0 < weight <= 2:
            raise ValueError(f"weight must be a number above 0 and at most 2, not {weight!r}")
        known = frozenset(p for p in context.project.assessments if context.knows(p))
        return attrs.evolve(self, weight=float(weight), known=known)

    def place(self, candidate: Candidate) -> Decision:
        """The matrix on the adjusted scores."""
        importance = min(5.0, max(1.0, candidate.importance.value * self.weight))
        ease = candidate.ease.value
        reasons = [Reason.of("weighted.reason", weight=self.weight)]
        if candidate.partner.id in self.known:
            ease = min(5.0, ease + 1)
            reasons.append(Reason.of("weighted.known"))
        return Decision(
            Quadrant.of(important=importance >= 4, easy=ease >= 4),
            importance + ease,
            reasons,
            importance=importance,
            ease=ease,
        )


def with_options(options: Mapping[str, Any], rule: str = "weighted") -> civsam.Project:
    """The example with ``[prioritisation] rule`` and ``options`` set."""
    project = civsam.example()
    project.priority_settings = attrs.evolve(project.priority_settings, rule=rule, options=options)
    return project


def test_bind_gets_the_project_the_day_and_the_options() -> None:
    """The rule sees the same project, the as_of day and the file's options, read-only."""
    seen: list[RuleContext] = []

    @attrs.frozen
    class Spy:
        name: str = "weighted"

        def bind(self, context: RuleContext) -> Spy:
            seen.append(context)
            return self

        def place(self, candidate: Candidate) -> Quadrant:  # noqa: ARG002
            return Quadrant.DISCUSS

    project = with_options({"weight": 1.5, "tags": ["a", "b"]})
    civsam.prioritise(project, Spy(), as_of=AS_OF)
    (context,) = seen
    assert context.project is project
    assert context.as_of == AS_OF
    assert dict(context.options) == {"weight": 1.5, "tags": ("a", "b")}
    assert context.settings is project.priority_settings
    with pytest.raises(TypeError):
        context.options["weight"] = 3  # type: ignore[index]


def test_options_go_only_to_the_projects_own_rule() -> None:
    """--rule other on the command line: the other rule is not given weighted's options."""
    seen: list[Mapping[str, Any]] = []

    @attrs.frozen
    class Other:
        name: str = "other"

        def bind(self, context: RuleContext) -> Other:
            seen.append(context.options)
            return self

        def place(self, candidate: Candidate) -> Quadrant:  # noqa: ARG002
            return Quadrant.DISCUSS

    civsam.prioritise(with_options({"weight": 2}), Other(), as_of=AS_OF)
    assert seen == [{}]


def test_the_rule_reads_its_weight_and_the_board_shows_the_scores_it_used() -> None:
    """Placement.importance/ease are the rule's adjusted scores; the resolved ones stay."""
    project = with_options({"weight": 0.5})
    prio = civsam.prioritise(project, Weighted(), as_of=AS_OF)
    for placement in prio:
        assert placement.importance == max(1.0, placement.importance_score.value * 0.5)
    board = civsam.export_project(project, "svg", as_of=AS_OF, rule=Weighted()).decode()
    plain = civsam.export_project(project, "svg", as_of=AS_OF, rule="matrix").decode()
    assert board != plain


def test_a_known_partner_is_easier_by_the_relations() -> None:
    """context.knows reads the owner's relations: the relation-aware rule of the issue."""
    project = with_options({"weight": 1})
    prio = civsam.prioritise(project, Weighted(), as_of=AS_OF)
    owner = project.owner.id
    known = {
        other
        for relation in project.relations
        for other in (relation.source, relation.target)
        if owner in (relation.source, relation.target) and other != owner
    }
    assert known, "the example has relations of the owner's own"
    for placement in prio:
        bonus = placement.partner.id in known
        assert placement.ease == min(5.0, placement.ease_score.value + bonus)


def test_plugin_labels_say_the_reasons_in_both_languages() -> None:
    """Reason.of("weighted.reason") is said in Danish and English, like civsam's own."""
    prio = civsam.prioritise(with_options({"weight": 1.5}), Weighted(), as_of=AS_OF)
    first = next(iter(prio))
    assert "vægtet med 1,5" in first.explain("da")
    assert "weighted by 1.5" in first.explain("en")


def test_bad_options_are_a_rule_error_that_points_at_the_options() -> None:
    """bind() refusing a weight: a RuleError naming the rule, the reason and the table."""
    with pytest.raises(RuleError) as info:
        civsam.prioritise(with_options({"weight": 7}), Weighted(), as_of=AS_OF)
    assert str(info.value) == (
        "rule 'weighted': bind() raised ValueError: weight must be a number above 0 and at "
        "most 2, not 7 (see [prioritisation.options])"
    )


def test_bind_returning_something_else_is_a_rule_error() -> None:
    """bind() must return a rule."""

    @attrs.frozen
    class Forgetful:
        name: str = "forgetful"

        def bind(self, context: RuleContext) -> None:
            pass

        def place(self, candidate: Candidate) -> Quadrant:  # noqa: ARG002
            return Quadrant.DISCUSS

    with pytest.raises(RuleError, match=r"bind\(\) returned a NoneType, not a rule"):
        civsam.prioritise(civsam.example(), Forgetful(), as_of=AS_OF)


def test_options_round_trip_through_both_file_formats() -> None:
    """[prioritisation.options] with nested tables and lists survives TOML and JSON."""
    project = with_options({"weight": 1.5, "known": ["a", "b"], "bonus": {"relation": 1}})
    for fmt in ("toml", "json"):
        again = civsam.loads(civsam.dumps(project, fmt), fmt)
        assert again.priority_settings == project.priority_settings
    assert "[prioritisation.options]" in civsam.dumps(project, "toml")


def test_an_option_civsam_cannot_keep_is_a_located_file_error() -> None:
    """A date in the options (JSON cannot hold it) is refused where it is, with the types."""
    text = (
        civsam.dumps(civsam.example(), "toml") + "\n[prioritisation.options]\nsince = 2026-01-01\n"
    )
    with pytest.raises(ValidationError) as info:
        civsam.loads(text, "toml", source="p.toml")
    (problem,) = info.value.problems
    assert str(problem) == (
        "p.toml: prioritisation: PrioritySettings.options[since]: expected text, a number, "
        "true or false, or a list or table of them, found 2026-01-01"
    )


def test_labels_are_checked_before_any_is_registered() -> None:
    """Civsam's own areas, bad keys, mismatched placeholders: LabelError, nothing added."""
    with pytest.raises(LabelError, match="starts with 'reason', which is civsam's own"):
        civsam.register_labels({"reason.mine": ("min", "mine")})
    with pytest.raises(LabelError, match="different placeholders"):
        civsam.register_labels({"kitlabels.a": ("{x}", "{y}")})
    with pytest.raises(LabelError, match="must be lower-case letters"):
        civsam.register_labels({"Kit": ("a", "b")})
    with pytest.raises(LabelError, match="needs two non-empty texts"):
        civsam.register_labels({"kitlabels.b": ("", "b")})
    with pytest.raises(civsam.UnknownLabelError):
        civsam.label("kitlabels.a", "en")


def test_registering_the_same_labels_twice_is_fine_but_not_other_texts() -> None:
    """Idempotent for one plugin loaded twice; a clash with another plugin is an error."""
    civsam.register_labels({"kitclash.word": ("ord", "word")})
    civsam.register_labels({"kitclash.word": ("ord", "word")})
    assert civsam.label("kitclash.word", "da") == "ord"
    with pytest.raises(LabelError, match="already registered with other texts"):
        civsam.register_labels({"kitclash.word": ("andet", "other")})


def test_the_weighted_rule_keeps_civsam_s_promises() -> None:
    """check_rule binds the rule with generated projects and the options it is given."""
    check_rule(Weighted(), max_examples=10)


@attrs.frozen
class NamesTheContact:
    """The issue's leaky rule: the contact person's name in its reasons."""

    name: str = "names-the-contact"

    def place(self, candidate: Candidate) -> Decision:
        """The matrix, and "ask NAME" as a reason."""
        quadrant = civsam.MatrixRule().quadrant(candidate.importance.value, candidate.ease.value)
        people = candidate.partner.contacts
        return Decision(quadrant, reasons=f"ask {people[0].name}" if people else ())


def test_a_rule_naming_a_contact_person_is_stopped_before_any_export() -> None:
    """The reasons go into every export: prioritise refuses them, without printing the name."""
    project = civsam.example()
    with_contact = next(o for o in project.organisations.values() if o.contacts)
    with pytest.raises(RuleError) as info:
        civsam.prioritise(project, NamesTheContact(), as_of=AS_OF)
    message = str(info.value)
    assert "its reasons hold the partner's personal data (contact.name)" in message
    assert with_contact.contacts[0].name not in message
    with pytest.raises(RuleError):
        civsam.export_project(project, "markdown", rule=NamesTheContact(), as_of=AS_OF)
