"""Prioritisation: total, deterministic, monotone, ranked, explained, configurable."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import civsam
from civsam import (
    Assessment,
    Contact,
    Derivation,
    Language,
    MatrixRule,
    Organisation,
    PrioritySettings,
    Project,
    Quadrant,
    Rating,
    Relation,
    RelationKind,
    Shift,
    ValidationError,
)
from civsam.testing import projects

if TYPE_CHECKING:
    from collections.abc import Iterable

AS_OF = dt.date(2026, 1, 1)
"""The fixed "today" every derived score in this file is measured against."""

# civsam.testing.projects() trips Hypothesis's filter_too_much health check now and then
# (tests/test_files.py pins that down); these properties are about prioritising.
properties = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

HALVES = [1 + step / 2 for step in range(9)]
"""1, 1.5, …, 5: every threshold and every score a median can take."""


def rebuild(
    project: Project,
    *,
    organisations: Iterable[Organisation] | None = None,
    relations: Iterable[Relation] | None = None,
    assessments: Iterable[Assessment] | None = None,
    language: Language | None = None,
) -> Project:
    """A new project with the same content, some of it replaced or in another order."""
    copy = Project(
        project.name,
        project.owner,
        target_groups=project.target_groups,
        language=project.language if language is None else language,
        description=project.description,
        organisations=project.organisations.values() if organisations is None else organisations,
        relations=project.relations if relations is None else relations,
        assessments=project.assessments.values() if assessments is None else assessments,
    )
    copy.priority_settings = project.priority_settings
    return copy


def with_assessment(project: Project, assessment: Assessment) -> Project:
    """The project with one partner's assessment replaced."""
    others = [a for a in project.assessments.values() if a.partner != assessment.partner]
    return rebuild(project, assessments=[*others, assessment])


@st.composite
def assessed_projects(draw: st.DrawFn, *, scored: bool = False) -> Project:
    """Projects with at least one assessed partner."""
    project = draw(projects(min_partners=1, scored=scored))
    if not project.assessments:
        partner = min(set(project.organisations) - {project.owner.id})
        score = st.integers(1, 5) if scored else st.none() | st.integers(1, 5)
        project.assess(partner, importance=draw(score), ease=draw(score))
    return project


def placements(prio: civsam.Prioritisation) -> list[tuple[str, str, int]]:
    """Partner id, quadrant and rank of every placement, in rank order."""
    return [(p.partner.id, p.quadrant.value, p.rank) for p in prio]


def org(org_id: str, *groups: str, contacts: tuple[Contact, ...] = ()) -> Organisation:
    """An organisation named after its id, serving ``groups``."""
    return Organisation(org_id, org_id.upper(), target_groups=groups, contacts=contacts)


OWNER = org("kommune", "ældre", "pårørende", "frivillige")


def small_project(*items: Organisation | Relation | Assessment) -> Project:
    """A project owned by OWNER, with OWNER's three target groups, holding ``items``."""
    project = Project("Test", OWNER, target_groups=OWNER.target_groups)
    project.add(*items)
    return project


def scored(*rows: tuple[str, int, int]) -> Project:
    """A project whose partners (id, importance, ease) are all scored by hand."""
    return small_project(
        *(org(partner) for partner, _, _ in rows),
        *(Assessment(partner, importance=i, ease=e) for partner, i, e in rows),
    )


# -- total -----------------------------------------------------------------------------------


@properties
@given(project=projects())
def test_every_assessed_partner_gets_exactly_one_placement(project: Project) -> None:
    """One placement per assessed partner, nobody else; lookups by id agree with iteration."""
    prio = civsam.prioritise(project, as_of=AS_OF)
    placed = [p.partner.id for p in prio]
    assert sorted(placed) == sorted(project.assessments)
    assert len(prio) == len(project.assessments)
    for partner_id, assessment in project.assessments.items():
        assert partner_id in prio
        assert prio[partner_id].partner == project.organisations[partner_id]
        assert prio.get(partner_id) == prio[partner_id]
        assert assessment.partner == partner_id


@properties
@given(project=projects())
def test_nobody_else_has_a_placement(project: Project) -> None:
    """The owner, unassessed organisations and unknown ids have no placement."""
    prio = civsam.prioritise(project, as_of=AS_OF)
    # " unknown " cannot be an id: ids have no surrounding spaces.
    others = [*(set(project.organisations) - set(project.assessments)), " unknown "]
    for other in others:
        assert other not in prio
        assert prio.get(other) is None
        with pytest.raises(KeyError) as info:
            prio[other]
        assert info.value.args == (f"{other!r} has no placement: it is not an assessed partner",)


def test_a_prioritisation_does_not_change_when_the_project_does() -> None:
    """Placements are a snapshot: renaming, removing or re-assessing afterwards changes none."""
    project = scored(("a", 5, 5), ("b", 2, 2))
    prio = civsam.prioritise(project, as_of=AS_OF)
    project.replace(Organisation("a", "Renamed"))
    project.assess("b", importance=5, ease=5)
    project.remove("a")
    assert [(p.partner, p.quadrant, p.importance, p.ease) for p in prio] == [
        (org("a"), Quadrant.START_HERE, 5, 5),
        (org("b"), Quadrant.NOT_WORTH_IT, 2, 2),
    ]


def test_get_returns_the_default_for_a_partner_without_placement() -> None:
    """Prioritisation.get(id, default) gives the default when the id has no placement."""
    prio = civsam.prioritise(scored(("a", 5, 5)), as_of=AS_OF)
    sentinel = prio["a"]
    assert prio.get("kommune", sentinel) is sentinel
    assert prio.get("a", None) is sentinel


def test_a_project_without_assessments_has_an_empty_prioritisation() -> None:
    """No assessments: no placements, every quadrant counted as 0."""
    prio = civsam.prioritise(small_project(org("a")), as_of=AS_OF)
    assert (len(prio), list(prio)) == (0, [])
    assert prio.counts() == dict.fromkeys(Quadrant, 0)


# -- deterministic and independent of input order -------------------------------------------


@properties
@given(project=projects())
def test_prioritise_is_deterministic(project: Project) -> None:
    """The same project prioritised twice gives equal placements and equal reasons."""
    first = civsam.prioritise(project, as_of=AS_OF)
    again = civsam.prioritise(project, as_of=AS_OF)
    assert first == again
    assert [p.reasons for p in first] == [p.reasons for p in again]


@properties
@given(project=projects(), data=st.data())
def test_the_order_of_the_input_never_matters(project: Project, data: st.DataObject) -> None:
    """Shuffling organisations, relations and assessments changes no placement or reason."""
    shuffled = rebuild(
        project,
        organisations=data.draw(st.permutations(list(project.organisations.values()))),
        relations=data.draw(st.permutations(project.relations)),
        assessments=data.draw(st.permutations(list(project.assessments.values()))),
    )
    first = civsam.prioritise(project, as_of=AS_OF)
    again = civsam.prioritise(shuffled, as_of=AS_OF)
    assert list(first) == list(again)
    assert [p.reasons for p in first] == [p.reasons for p in again]


def test_relations_of_equal_weight_explain_ease_the_same_in_any_order() -> None:
    """Two relations of equal weight to a partner: the same one is named, in either order."""
    relations = [
        Relation("kommune", "a", "previous_project"),
        Relation("kommune", "a", "partnership"),
    ]
    forward = small_project(org("a"), *relations, Assessment("a"))
    backward = small_project(org("a"), *reversed(relations), Assessment("a"))
    first = civsam.prioritise(forward, as_of=AS_OF)
    again = civsam.prioritise(backward, as_of=AS_OF)
    assert (first["a"].ease, again["a"].ease) == (3, 3)
    assert first["a"].reasons == again["a"].reasons
    assert first == again


# -- the matrix rule's definition ----------------------------------------------------------


def test_the_matrix_rule_matches_its_definition_at_every_threshold_and_score() -> None:
    """At or above both thresholds: start here; importance only: discuss; ease only: not now."""
    for importance_threshold in HALVES:
        for ease_threshold in HALVES:
            rule = MatrixRule(importance_threshold, ease_threshold)
            for importance in HALVES:
                for ease in HALVES:
                    important = importance >= importance_threshold
                    easy = ease >= ease_threshold
                    expected = {
                        (True, True): Quadrant.START_HERE,
                        (True, False): Quadrant.DISCUSS,
                        (False, True): Quadrant.NOT_NOW,
                        (False, False): Quadrant.NOT_WORTH_IT,
                    }[important, easy]
                    assert rule.quadrant(importance, ease) is expected, (
                        importance_threshold,
                        ease_threshold,
                        importance,
                        ease,
                    )


def test_the_matrix_rule_defaults_to_thresholds_of_four() -> None:
    """MatrixRule() counts 4 and 5 as high, 3 as low, on both axes; its name is 'matrix'."""
    rule = MatrixRule()
    assert (rule.importance_threshold, rule.ease_threshold, rule.name) == (4, 4, "matrix")
    assert rule.quadrant(4, 4) is Quadrant.START_HERE
    assert rule.quadrant(3.5, 4) is Quadrant.NOT_NOW
    assert rule.quadrant(4, 3.5) is Quadrant.DISCUSS


@properties
@given(
    project=projects(scored=True),
    importance_threshold=st.sampled_from(HALVES),
    ease_threshold=st.sampled_from(HALVES),
)
def test_placements_follow_the_matrix_at_any_thresholds(
    project: Project, importance_threshold: float, ease_threshold: float
) -> None:
    """Every placement's quadrant is the definition's, with thresholds in code or in the file."""
    rule = MatrixRule(importance_threshold, ease_threshold)
    project.priority_settings = PrioritySettings(
        importance_threshold=importance_threshold, ease_threshold=ease_threshold
    )
    by_rule = civsam.prioritise(project, rule, as_of=AS_OF)
    by_settings = civsam.prioritise(project, as_of=AS_OF)
    assert by_rule == by_settings
    assert by_rule.thresholds == (importance_threshold, ease_threshold)
    for placement in by_rule:
        assessment = project.assessments[placement.partner.id]
        assert (placement.importance, placement.ease) == (assessment.importance, assessment.ease)
        assert placement.quadrant is Quadrant.of(
            important=placement.importance >= importance_threshold,
            easy=placement.ease >= ease_threshold,
        )
        assert placement.quadrant is rule.quadrant(placement.importance, placement.ease)


# -- monotone --------------------------------------------------------------------------------


@properties
@given(
    project=assessed_projects(),
    data=st.data(),
    axis=st.sampled_from(["importance", "ease"]),
    thresholds=st.tuples(st.sampled_from(HALVES), st.sampled_from(HALVES)),
)
def test_raising_a_score_never_moves_a_partner_to_a_worse_quadrant(
    project: Project, data: st.DataObject, axis: str, thresholds: tuple[float, float]
) -> None:
    """Re-assessing a partner with a higher hand score never worsens its quadrant."""
    rule = MatrixRule(*thresholds)
    partner = data.draw(st.sampled_from(sorted(project.assessments)), label="partner")
    before = civsam.prioritise(project, rule, as_of=AS_OF)[partner]
    current = before.importance if axis == "importance" else before.ease
    higher = data.draw(st.integers(math.ceil(current), 5), label="higher score")
    assessment = project.assessments[partner]
    raised = (
        attrs.evolve(assessment, importance=higher)
        if axis == "importance"
        else attrs.evolve(assessment, ease=higher)
    )
    after = civsam.prioritise(with_assessment(project, raised), rule, as_of=AS_OF)[partner]
    assert getattr(after, axis) == higher
    assert after.quadrant.order <= before.quadrant.order


def test_quadrant_order_is_the_guides() -> None:
    """Start here, discuss, not now, not worth it: Quadrant.order 0 to 3."""
    assert [(q.value, q.order) for q in Quadrant] == [
        ("start_here", 0),
        ("discuss", 1),
        ("not_now", 2),
        ("not_worth_it", 3),
    ]


# -- ranks -----------------------------------------------------------------------------------


@properties
@given(project=projects())
def test_ranks_are_one_to_n_in_quadrant_then_priority_order(project: Project) -> None:
    """Ranks 1..n; quadrants in order; within one: priority, importance, ease desc, then id."""
    prio = civsam.prioritise(project, as_of=AS_OF)
    ranked = list(prio)
    assert [p.rank for p in ranked] == list(range(1, len(ranked) + 1))
    assert [p.priority for p in ranked] == [p.importance + p.ease for p in ranked]
    keys = [(p.quadrant.order, -p.priority, -p.importance, -p.ease, p.partner.id) for p in ranked]
    assert keys == sorted(keys)
    for quadrant in Quadrant:
        assert prio.quadrant(quadrant) == tuple(p for p in ranked if p.quadrant is quadrant)
        assert prio.counts()[quadrant] == len(prio.quadrant(quadrant))


def test_ties_are_broken_by_importance_ease_and_id_never_input_order() -> None:
    """Equal priority: higher importance first, then higher ease, then id — not input order."""
    project = scored(("c", 4, 5), ("a", 4, 5), ("d", 5, 4), ("b", 5, 4), ("e", 5, 5))
    prio = civsam.prioritise(project, as_of=AS_OF)
    assert [(p.partner.id, p.priority, p.rank) for p in prio] == [
        ("e", 10, 1),
        ("b", 9, 2),
        ("d", 9, 3),
        ("a", 9, 4),
        ("c", 9, 5),
    ]
    assert prio["c"].reasons[-1] == (
        "Nr. 5 af 5, nr. 5 i »Lad os starte her« med prioritet 9 "
        "(ved lige prioritet går højere betydning, så højere lethed, så id forrest)"
    )


def test_quadrant_order_beats_priority() -> None:
    """A start-here partner of priority 8 ranks before a discuss partner of priority 9."""
    prio = civsam.prioritise(scored(("discuss", 5, 3), ("start", 4, 4)), as_of=AS_OF)
    assert placements(prio) == [("start", "start_here", 1), ("discuss", "discuss", 2)]


# -- language --------------------------------------------------------------------------------


@properties
@given(project=assessed_projects())
def test_the_language_changes_reasons_never_placements(project: Project) -> None:
    """Danish and English prioritisations place everyone alike; only the reasons differ."""
    danish = civsam.prioritise(project, as_of=AS_OF, language="da")
    english = civsam.prioritise(project, as_of=AS_OF, language=Language.EN)
    assert list(danish) == list(english)
    assert danish == english
    for da, en in zip(danish, english, strict=True):
        assert da.reasons != en.reasons
        assert da.explain("en") == en.reasons
        assert en.explain(Language.DA) == da.reasons


@properties
@given(project=assessed_projects())
def test_the_projects_language_changes_reasons_never_placements(project: Project) -> None:
    """A project in English and the same in Danish: equal placements, reasons in each."""
    danish = civsam.prioritise(rebuild(project, language=Language.DA), as_of=AS_OF)
    english = civsam.prioritise(rebuild(project, language=Language.EN), as_of=AS_OF)
    assert (danish.language, english.language) == (Language.DA, Language.EN)
    assert list(danish) == list(english)
    assert [p.reasons for p in danish] != [p.reasons for p in english]


def test_reasons_for_a_hand_scored_partner_in_both_languages() -> None:
    """A hand-scored partner explains its scores, thresholds and rank, in Danish and English."""
    placement = civsam.prioritise(scored(("a", 5, 3)), as_of=AS_OF)["a"]
    assert placement.reasons == (
        "Betydning 5: sat i tabellen",
        "Lethed 3: sat i tabellen",
        "Betydning 5 er mindst 4: høj betydning",
        "Lethed 3 er under 4: svært at samarbejde",
        (
            "Nr. 1 af 1, nr. 1 i »Diskuter, om det er arbejdet værd at få dem med« med "
            "prioritet 8 (ved lige prioritet går højere betydning, så højere lethed, så id forrest)"
        ),
    )
    assert placement.explain("en") == (
        "Importance 5: set in the table",
        "Ease 3: set in the table",
        "Importance 5 is at least 4: high importance",
        "Ease 3 is below 4: hard to work with",
        (
            "Rank 1 of 1, number 1 in “Discuss whether it is worth the effort to bring them in” "
            "with priority 8 "
            "(on equal priority: higher importance, then higher ease, then id first)"
        ),
    )


# -- the bundled example ---------------------------------------------------------------------

EXAMPLE_PLACEMENTS = [
    ("aeldresagen-aarhus", "start_here", 1),
    ("besoegstjenesten-viby-sogn", "start_here", 2),
    ("roede-kors-aarhus", "start_here", 3),
    ("frivilligcenter-aarhus", "start_here", 4),
    ("auh-aeldrepsykiatri", "discuss", 5),
    ("ensomme-gamles-vaern", "discuss", 6),
    ("boligforeningen-bakkely", "discuss", 7),
    ("aarhus-kommunes-biblioteker", "not_now", 8),
    ("pensionistklubben-solsikken", "not_now", 9),
    ("koebmand-holm-viby", "not_now", 10),
    ("gf-aktiv-60", "not_worth_it", 11),
    ("favrskov-kommune", "not_worth_it", 12),
    ("naboer-paa-frederiksbjerg", "not_worth_it", 13),
    ("oestjysk-taxa", "not_worth_it", 14),
]


def test_the_bundled_example_fills_all_four_quadrants() -> None:
    """With the default thresholds the example's 14 partners land in all four quadrants."""
    prio = civsam.prioritise(civsam.example(), as_of=AS_OF)
    assert prio.counts() == {
        Quadrant.START_HERE: 4,
        Quadrant.DISCUSS: 3,
        Quadrant.NOT_NOW: 3,
        Quadrant.NOT_WORTH_IT: 4,
    }
    assert placements(prio) == EXAMPLE_PLACEMENTS
    assert repr(prio) == (
        "<Prioritisation by 'matrix': 14 partners "
        "(start_here 4, discuss 3, not_now 3, not_worth_it 4)>"
    )


# -- explanations: where scores come from -----------------------------------------------------

JENS = Contact("Jens Hansen")


def derived_project() -> Project:
    """Partner a: 2 of 3 groups, a partnership, a contact, challenges; b: known through a."""
    return small_project(
        org("a", "ældre", "pårørende", contacts=(JENS,)),
        org("b", "frivillige"),
        org("c"),
        Relation("kommune", "a", "partnership", since=dt.date(2024, 1, 1)),
        Relation("a", "b", "acquaintance"),
        Assessment("a", challenges="Travlt"),
        Assessment("b"),
        Assessment("c"),
    )


def test_derived_scores_list_their_factors_in_danish() -> None:
    """Importance from shared target groups; ease from base, relation, contact, challenges."""
    prio = civsam.prioritise(derived_project(), as_of=AS_OF)
    a, b, c = prio["a"], prio["b"], prio["c"]
    # round(1 + 4 × 2/3) = 4; 1 + 2 + 1 − 1 = 3
    assert (a.importance, a.ease) == (4, 3)
    assert a.reasons[:2] == (
        "Betydning 4: foreslået af civsam (fælles målgrupper: pårørende, ældre)",
        (
            "Lethed 3: foreslået af civsam "
            "(grundværdi 1; Langsigtet partnerskab +2; kendt kontaktperson +1; "
            "udfordringer noteret -1)"
        ),
    )
    # round(1 + 4 × 1/3) = 2; the owner knows a, who knows b: 1 + 1 = 2
    assert (b.importance, b.ease) == (2, 2)
    assert b.reasons[:2] == (
        "Betydning 2: foreslået af civsam (fælles målgrupper: frivillige)",
        "Lethed 2: foreslået af civsam (grundværdi 1; vi kender nogen, der kender dem +1)",
    )
    assert (c.importance, c.ease) == (3, 1)
    assert c.reasons[:2] == (
        "Betydning 3: intet at gå ud fra, så middel",
        "Lethed 1: foreslået af civsam (grundværdi 1)",
    )


def test_derived_scores_list_their_factors_in_english() -> None:
    """The same factors, named in English."""
    prio = civsam.prioritise(derived_project(), as_of=AS_OF, language="en")
    assert prio["a"].reasons[:2] == (
        "Importance 4: proposed by civsam (shared target groups: pårørende, ældre)",
        (
            "Ease 3: proposed by civsam "
            "(base 1; Long-term partnership +2; known contact person +1; challenges noted -1)"
        ),
    )
    assert prio["b"].reasons[1] == (
        "Ease 2: proposed by civsam (base 1; we know someone who knows them +1)"
    )
    assert prio["c"].reasons[0] == "Importance 3: nothing to go on, so medium"


def test_derived_scores_carry_their_provenance() -> None:
    """Score objects name their source and factors, so other code can explain them too."""
    a = civsam.prioritise(derived_project(), as_of=AS_OF)["a"]
    assert a.importance_score == civsam.Score(
        4.0,
        civsam.ScoreSource.DERIVED,
        factors=(civsam.Factor("target_groups", 4.0, "pårørende, ældre"),),
    )
    assert a.ease_score == civsam.Score(
        3.0,
        civsam.ScoreSource.DERIVED,
        factors=(
            civsam.Factor("base", 1.0),
            civsam.Factor("relation", 2.0, "partnership"),
            civsam.Factor("contact", 1.0),
            civsam.Factor("challenges", -1.0),
        ),
    )


def test_a_contact_named_only_in_the_assessment_counts() -> None:
    """The assessment's contact column counts as a known contact person."""
    project = small_project(org("a"), Assessment("a", contact="Jens Hansen"))
    placement = civsam.prioritise(project, as_of=AS_OF)["a"]
    assert placement.ease == 2
    assert placement.reasons[1] == (
        "Lethed 2: foreslået af civsam (grundværdi 1; kendt kontaktperson +1)"
    )


@pytest.mark.parametrize(
    ("until", "ease", "factor"),
    [
        (None, 3, "Tidligere projektsamarbejde +2"),
        (dt.date(2027, 6, 1), 3, "Tidligere projektsamarbejde +2"),
        (dt.date(2025, 1, 1), 3, "Tidligere projektsamarbejde +2"),
        (dt.date(2022, 6, 1), 2, "Tidligere projektsamarbejde +1"),
        (dt.date(2019, 6, 1), 1, None),
    ],
    ids=["ongoing", "ends later", "ended a year ago", "ended 3½ years ago", "ended 6½ years ago"],
)
def test_an_ended_relation_counts_less_as_it_gets_older(
    until: dt.date | None, ease: int, factor: str | None
) -> None:
    """Within recent_years (2) full weight, up to stale_years (5) half, after that nothing."""
    project = small_project(
        org("a"),
        Relation("kommune", "a", "previous_project", since=dt.date(2018, 1, 1), until=until),
        Assessment("a"),
    )
    placement = civsam.prioritise(project, as_of=AS_OF)["a"]
    factors = "grundværdi 1" + (f"; {factor}" if factor else "")
    assert (placement.ease, placement.reasons[1]) == (
        ease,
        f"Lethed {ease}: foreslået af civsam ({factors})",
    )


def test_as_of_decides_how_old_a_relation_is() -> None:
    """The same relation is full weight measured from 2023 and half weight from 2026."""
    project = small_project(
        org("a"),
        Relation("kommune", "a", "partnership", until=dt.date(2022, 6, 1)),
        Assessment("a"),
    )
    assert civsam.prioritise(project, as_of=dt.date(2023, 1, 1))["a"].ease == 3
    assert civsam.prioritise(project, as_of=AS_OF)["a"].ease == 2


def test_a_relation_in_either_direction_counts() -> None:
    """A relation from the partner to the owner makes contact as easy as one the other way."""
    project = small_project(org("a"), Relation("a", "kommune", "co_creation"), Assessment("a"))
    assert civsam.prioritise(project, as_of=AS_OF)["a"].ease == 3


def test_hand_set_scores_win_over_raters_and_derivation() -> None:
    """A score set by hand is used even when raters and project facts say otherwise."""
    project = small_project(
        org("a", "ældre", "pårørende", "frivillige", contacts=(JENS,)),
        Relation("kommune", "a", "partnership"),
        Assessment(
            "a",
            importance=2,
            ease=1,
            ratings=(Rating("Anna", importance=5, ease=5), Rating("Bo", importance=5, ease=5)),
        ),
    )
    placement = civsam.prioritise(project, as_of=AS_OF)["a"]
    assert (placement.importance, placement.ease) == (2, 1)
    assert placement.reasons[:2] == ("Betydning 2: sat i tabellen", "Lethed 1: sat i tabellen")
    assert placement.importance_score.source is civsam.ScoreSource.HAND


def test_raters_win_over_derivation() -> None:
    """Without a hand-set score, the raters' median is used before any derived score."""
    project = small_project(
        org("a", "ældre", "pårørende", "frivillige"),
        Assessment("a", ratings=(Rating("Anna", importance=2), Rating("Bo", importance=2))),
    )
    placement = civsam.prioritise(project, as_of=AS_OF)["a"]
    assert placement.importance == 2
    assert placement.reasons[0] == "Betydning 2: median af 2 bedømmere (spredning 0)"


def test_derivation_weights_are_configurable() -> None:
    """Other weights in the project's Derivation change the derived ease and its reasons."""
    project = derived_project()
    project.priority_settings = PrioritySettings(
        derivation=Derivation(
            ease_base=2,
            relation_weights={RelationKind.PARTNERSHIP: 3},
            second_degree=2,
            unknown_importance=2,
        )
    )
    prio = civsam.prioritise(project, as_of=AS_OF)
    assert [(p.partner.id, p.importance, p.ease) for p in prio] == [
        ("a", 4, 5),
        ("b", 2, 4),
        ("c", 2, 2),
    ]
    assert prio["a"].reasons[1] == (
        "Lethed 5: foreslået af civsam "
        "(grundværdi 2; Langsigtet partnerskab +3; kendt kontaktperson +1; "
        "udfordringer noteret -1)"
    )
    assert prio["c"].reasons[0] == "Betydning 2: intet at gå ud fra, så middel"


def test_derivation_keeps_the_default_weight_of_kinds_it_does_not_name() -> None:
    """relation_weights given for one kind keep the documented defaults for the others."""
    derivation = Derivation(relation_weights={"acquaintance": 0})
    assert dict(derivation.relation_weights) == {
        RelationKind.PARTNERSHIP: 2.0,
        RelationKind.CO_CREATION: 2.0,
        RelationKind.RESOURCE_SHARING: 2.0,
        RelationKind.PREVIOUS_PROJECT: 2.0,
        RelationKind.BRIDGE_BUILDING: 1.0,
        RelationKind.ACQUAINTANCE: 0.0,
    }


def test_unknown_importance_when_the_project_has_no_target_groups() -> None:
    """A project without target groups gives every derived importance unknown_importance."""
    project = Project("Test", OWNER, organisations=[org("a", "ældre")])
    project.assess("a")
    placement = civsam.prioritise(project, as_of=AS_OF)["a"]
    assert placement.importance_score == civsam.Score(
        3.0, civsam.ScoreSource.DEFAULT, factors=(civsam.Factor("unknown", 3.0),)
    )


def test_derived_importance_is_clamped_and_case_blind() -> None:
    """All target groups shared (in any case) gives 5; none shared gives 1."""
    project = small_project(
        org("all", "ÆLDRE", "Pårørende", "frivillige"),
        org("none", "børn"),
        Assessment("all"),
        Assessment("none"),
    )
    prio = civsam.prioritise(project, as_of=AS_OF)
    assert (prio["all"].importance, prio["none"].importance) == (5, 1)


# -- raters --------------------------------------------------------------------------------


def rated(*ratings: Rating) -> Project:
    """A project with one partner, a, assessed by ``ratings`` alone."""
    return small_project(org("a"), Assessment("a", ratings=ratings))


def test_raters_are_combined_by_median_with_spread_odd_and_even() -> None:
    """Three raters: the middle score; two: halfway, rounded half up; spread is highest − lowest."""
    project = rated(
        Rating("Anna", importance=1, ease=4),
        Rating("Bo", importance=4, ease=5),
        Rating("Carl", importance=3),
    )
    placement = civsam.prioritise(project, as_of=AS_OF)["a"]
    assert placement.importance_score == civsam.Score(3.0, civsam.ScoreSource.RATERS, 3, 3.0)
    assert placement.ease_score == civsam.Score(5.0, civsam.ScoreSource.RATERS, 2, 1.0)
    assert (placement.quadrant, placement.disagreement) == (Quadrant.NOT_NOW, True)
    assert placement.reasons[:4] == (
        "Betydning 3: median af 3 bedømmere (spredning 3)",
        "Lethed 5: median af 2 bedømmere (spredning 1)",
        "Betydning 3 er under 4: lav betydning",
        "Lethed 5 er mindst 4: nemt at samarbejde",
    )
    assert placement.explain("en")[:2] == (
        "Importance 3: median of 3 raters (spread 3)",
        "Ease 5: median of 2 raters (spread 1)",
    )


@pytest.mark.parametrize(
    ("scores", "setting", "flagged"),
    [
        ((4, 5), 2, False),
        ((3, 5), 2, True),
        ((1, 5), 2, True),
        ((3, 5), 3, False),
        ((2, 5), 3, True),
        ((4, 4), 1, False),
        ((4, 5), 1, True),
    ],
    ids=str,
)
def test_disagreement_is_flagged_at_the_spread_setting_and_not_below(
    scores: tuple[int, int],
    setting: int,
    flagged: bool,  # noqa: FBT001
) -> None:
    """Raters disagree when their scores are disagreement_spread (default 2) or more apart."""
    project = rated(Rating("Anna", ease=scores[0]), Rating("Bo", ease=scores[1]))
    project.priority_settings = PrioritySettings(disagreement_spread=setting)
    placement = civsam.prioritise(project, as_of=AS_OF)["a"]
    spread = scores[1] - scores[0]
    reason = f"Bedømmerne er uenige (spredning {spread}): tal om denne partner sammen"
    assert placement.disagreement is flagged
    assert (reason in placement.reasons) is flagged


@properties
@given(project=projects())
def test_disagreement_follows_the_raters_spread(project: Project) -> None:
    """A partner is flagged exactly when its raters are disagreement_spread or more apart."""
    setting = project.priority_settings.disagreement_spread
    for placement in civsam.prioritise(project, as_of=AS_OF):
        ratings = project.assessments[placement.partner.id].ratings
        spreads = [
            max(values) - min(values)
            for values in (
                [r.importance for r in ratings if r.importance is not None],
                [r.ease for r in ratings if r.ease is not None],
            )
            if values
        ]
        assert placement.disagreement is any(spread >= setting for spread in spreads)


def test_the_default_disagreement_spread_is_two() -> None:
    """PrioritySettings() flags a spread of 2, in English too."""
    assert PrioritySettings().disagreement_spread == 2
    project = rated(Rating("Anna", importance=3), Rating("Bo", importance=5))
    placement = civsam.prioritise(project, as_of=AS_OF, language="en")["a"]
    assert placement.disagreement
    assert "The raters disagree (spread 2): discuss this partner together" in placement.reasons


def test_raters_disagreeing_on_a_hand_set_score_are_still_flagged() -> None:
    """A hand-set score wins, but raters far apart on it still flag the partner."""
    project = small_project(
        org("a"),
        Assessment(
            "a", importance=4, ease=4, ratings=(Rating("Anna", ease=1), Rating("Bo", ease=5))
        ),
    )
    placement = civsam.prioritise(project, as_of=AS_OF)["a"]
    assert (placement.ease, placement.disagreement) == (4, True)
    assert placement.ease_score == civsam.Score(4.0, civsam.ScoreSource.HAND, 2, 4.0)


# -- settings in the project file ---------------------------------------------------------

SETTINGS_FILE = """\
[project]
name = "Test"
owner = "kommune"

[prioritisation]
importance_threshold = 3.5
ease_threshold = 2
disagreement_spread = 3

[prioritisation.derivation]
ease_base = 2
contact = 0.5
recent_years = 1
relation_weights = { partnership = 3, acquaintance = 0 }

[[organisations]]
id = "kommune"
name = "Kommune"

[[organisations]]
id = "a"
name = "A"

[[organisations]]
id = "b"
name = "B"

[[relations]]
source = "kommune"
target = "b"
kind = "partnership"

[[assessments]]
partner = "a"
importance = 4
ease = 2

[[assessments]]
partner = "b"
importance = 3
"""

EXPECTED_SETTINGS = PrioritySettings(
    importance_threshold=3.5,
    ease_threshold=2,
    disagreement_spread=3,
    derivation=Derivation(
        ease_base=2,
        contact=0.5,
        recent_years=1,
        relation_weights={RelationKind.PARTNERSHIP: 3, RelationKind.ACQUAINTANCE: 0},
    ),
)


def test_prioritisation_settings_are_read_from_the_project_file() -> None:
    """[prioritisation] and [prioritisation.derivation] become the project's settings."""
    assert civsam.loads(SETTINGS_FILE).priority_settings == EXPECTED_SETTINGS


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_prioritisation_settings_round_trip(fmt: Any) -> None:
    """Dumps then loads gives the same settings, in TOML and JSON."""
    project = civsam.loads(SETTINGS_FILE)
    again = civsam.loads(civsam.dumps(project, fmt), fmt)
    assert again.priority_settings == EXPECTED_SETTINGS


def test_default_settings_are_left_out_of_the_file() -> None:
    """A project with default settings writes no [prioritisation] table."""
    project = civsam.example()
    assert project.priority_settings == PrioritySettings()
    assert "prioritisation" not in civsam.dumps(project)


def test_prioritise_uses_the_settings_from_the_file() -> None:
    """The file's thresholds place partners; its derivation derives the missing ease."""
    prio = civsam.prioritise(civsam.loads(SETTINGS_FILE), as_of=AS_OF)
    assert prio.thresholds == (3.5, 2.0)
    # b's ease: base 2 + partnership 3 = 5; importance 3 is below 3.5
    assert [(p.partner.id, p.quadrant.value, p.importance, p.ease) for p in prio] == [
        ("a", "start_here", 4, 2),
        ("b", "not_now", 3, 5),
    ]
    assert prio["b"].reasons[1:3] == (
        "Lethed 5: foreslået af civsam (grundværdi 2; Langsigtet partnerskab +3)",
        "Betydning 3 er under 3,5: lav betydning",
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "importance_threshold = 0",
            (
                "p.toml:6: prioritisation.importance_threshold: wrong value; found number 0; "
                "expected a number from 1 to 5"
            ),
        ),
        (
            "ease_threshold = 6",
            (
                "p.toml:6: prioritisation.ease_threshold: wrong value; found number 6; "
                "expected a number from 1 to 5"
            ),
        ),
        (
            'importance_threshold = "4"',
            (
                "p.toml:6: prioritisation.importance_threshold: wrong value; found text '4'; "
                "expected a number"
            ),
        ),
        (
            "importance_treshold = 4",
            (
                "p.toml:6: prioritisation.importance_treshold: unknown key; expected one of rule, "
                "importance_threshold, ease_threshold, disagreement_spread, derivation, options"
            ),
        ),
        (
            "disagreement_spread = 5",
            (
                "p.toml:6: prioritisation.disagreement_spread: wrong value; found number 5; "
                "expected a whole number from 1 to 4"
            ),
        ),
        (
            "derivation = { relation_weights = { friendship = 1 } }",
            (
                "p.toml:6: prioritisation.derivation.relation_weights.friendship: wrong value; "
                "found text 'friendship'; expected one of previous_project, partnership, "
                "co_creation, bridge_building, resource_sharing, acquaintance"
            ),
        ),
    ],
    ids=["threshold 0", "threshold 6", "text", "unknown key", "spread 5", "unknown kind"],
)
def test_invalid_settings_are_located_validation_errors(line: str, problem: str) -> None:
    """A wrong value in [prioritisation] is a ValidationError naming file, line and field."""
    text = f'[project]\nname = "T"\nowner = "k"\n\n[prioritisation]\n{line}\n\n'
    text += '[[organisations]]\nid = "k"\nname = "K"\n'
    with pytest.raises(ValidationError) as info:
        civsam.loads(text, source="p.toml")
    assert [str(p) for p in info.value.problems] == [problem]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: PrioritySettings(importance_threshold=0),
            "PrioritySettings.importance_threshold: expected a number from 1 to 5, found 0",
        ),
        (
            lambda: PrioritySettings(ease_threshold=5.5),
            "PrioritySettings.ease_threshold: expected a number from 1 to 5, found 5.5",
        ),
        (
            lambda: PrioritySettings(disagreement_spread=0),
            "PrioritySettings.disagreement_spread: expected a whole number from 1 to 4, found 0",
        ),
        (
            lambda: Derivation(contact=math.inf),
            "Derivation.contact: expected a finite number, found inf",
        ),
        (
            lambda: Derivation(relation_weights={RelationKind.PARTNERSHIP: math.nan}),
            "Derivation.relation_weights[partnership]: expected a finite number, found nan",
        ),
    ],
    ids=["threshold 0", "threshold 5.5", "spread 0", "infinite weight", "NaN weight"],
)
def test_invalid_settings_in_code_are_refused(build: Any, message: str) -> None:
    """Settings built in code are held to the same rules as the file."""
    with pytest.raises(ValueError, match=rf"\A{re.escape(message)}\Z"):
        build()


def test_settings_other_than_prioritysettings_are_refused() -> None:
    """Assigning something else to project.prioritisation is a located ValidationError."""
    project = scored(("a", 4, 4))
    with pytest.raises(ValidationError) as info:
        project.priority_settings = {"importance_threshold": 3}  # type: ignore[assignment]
    assert [str(p) for p in info.value.problems] == [
        "prioritisation: wrong value; found dict; expected a civsam.PrioritySettings"
    ]


# -- sensitivity ---------------------------------------------------------------------------


def test_sensitivity_lists_who_moves_when_a_threshold_moves_one_step() -> None:
    """Thresholds 4/4 moved to 3 and 5: the shifts, in rank order, importance before ease."""
    project = scored(("a", 4, 4), ("b", 3, 5), ("c", 5, 1))
    assert civsam.sensitivity(project, as_of=AS_OF) == (
        Shift("a", "importance", 5, Quadrant.START_HERE, Quadrant.NOT_NOW),
        Shift("a", "ease", 5, Quadrant.START_HERE, Quadrant.DISCUSS),
        Shift("b", "importance", 3, Quadrant.NOT_NOW, Quadrant.START_HERE),
    )


def test_sensitivity_keeps_thresholds_within_one_to_five() -> None:
    """At thresholds 5/1 only 4 (importance) and 2 (ease) are tried."""
    project = scored(("a", 4, 1), ("b", 5, 1), ("c", 5, 2))
    shifts = civsam.sensitivity(project, MatrixRule(5, 1), as_of=AS_OF)
    assert shifts == (
        Shift("b", "ease", 2, Quadrant.START_HERE, Quadrant.DISCUSS),
        Shift("a", "importance", 4, Quadrant.NOT_NOW, Quadrant.START_HERE),
        Shift("a", "ease", 2, Quadrant.NOT_NOW, Quadrant.NOT_WORTH_IT),
    )


def test_sensitivity_uses_the_projects_thresholds_and_step() -> None:
    """The project's thresholds are the base; step=0.5 moves them by half a point."""
    project = scored(("a", 3, 3))
    project.priority_settings = PrioritySettings(importance_threshold=3.5, ease_threshold=3)
    assert civsam.sensitivity(project, step=0.5, as_of=AS_OF) == (
        Shift("a", "importance", 3, Quadrant.NOT_NOW, Quadrant.START_HERE),
        Shift("a", "ease", 3.5, Quadrant.NOT_NOW, Quadrant.NOT_WORTH_IT),
    )


def test_sensitivity_of_a_project_nobody_would_leave() -> None:
    """Scores far from the thresholds: no shifts."""
    assert civsam.sensitivity(scored(("a", 5, 5), ("b", 1, 1)), as_of=AS_OF) == ()


def test_sensitivity_needs_the_matrix_rule() -> None:
    """Another rule is a RuleError naming it."""

    @attrs.frozen
    class Other:
        name: str = "other"

        def place(self, candidate: civsam.Candidate) -> Quadrant:  # noqa: ARG002 - Rule.place takes it
            return Quadrant.DISCUSS

    with pytest.raises(civsam.RuleError) as info:
        civsam.sensitivity(scored(("a", 4, 4)), Other(), as_of=AS_OF)  # type: ignore[arg-type]
    assert str(info.value) == "rule 'other': sensitivity needs the matrix rule"
