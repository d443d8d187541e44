"""Building and changing a project in code: every change checked, nothing half-done."""

from __future__ import annotations

import contextlib
import datetime as dt
from types import MappingProxyType
from typing import Any

import networkx as nx
import pytest

import civsam
from civsam import (
    Assessment,
    Language,
    Organisation,
    Project,
    Relation,
    RelationKind,
    ValidationError,
)

AARHUS = Organisation("aarhus", "Aarhus Kommune", kind="municipality", target_groups=["ældre"])
DS = Organisation("ds", "Ældre Sagen Aarhus", kind="civil_society", target_groups=["ældre"])
RK = Organisation("rk", "Røde Kors Aarhus", kind="civil_society")
FC = Organisation("fc", "Frivilligcenter Aarhus", kind="civil_society")

KNOWN = "expected the id of one of the project's organisations"


@pytest.fixture
def project() -> Project:
    """Aarhus with two partners, one relation and one assessment."""
    return Project(
        "Ensomhed blandt ældre",
        AARHUS,
        target_groups=["ældre"],
        organisations=[DS, RK],
        relations=[Relation("aarhus", "ds", "previous_project", since=dt.date(2023, 3, 1))],
        assessments=[Assessment("ds", importance=5, ease=4)],
    )


def messages(error: ValidationError) -> list[str]:
    """Every problem of an error as the user reads it."""
    return [str(problem) for problem in error.problems]


def snapshot(project: Project) -> str:
    """Everything a project holds, in order, as text."""
    return civsam.dumps(project, "json")


# -- building ------------------------------------------------------------------------------


def test_a_project_holds_what_it_was_built_with(project: Project) -> None:
    """Header, owner, organisations (owner first), relations and assessments are as given."""
    assert project.name == "Ensomhed blandt ældre"
    assert project.owner == AARHUS
    assert project.target_groups == ("ældre",)
    assert project.language is Language.DA
    assert project.description == ""
    assert dict(project.organisations) == {"aarhus": AARHUS, "ds": DS, "rk": RK}
    assert list(project.organisations) == ["aarhus", "ds", "rk"]
    assert project.relations == (
        Relation("aarhus", "ds", "previous_project", since=dt.date(2023, 3, 1)),
    )
    assert dict(project.assessments) == {"ds": Assessment("ds", importance=5, ease=4)}


def test_a_new_project_has_only_its_owner() -> None:
    """A project of a name and an owner has the owner and nothing else."""
    project = Project("Plan", AARHUS)
    assert dict(project.organisations) == {"aarhus": AARHUS}
    assert project.relations == ()
    assert dict(project.assessments) == {}


def test_the_owner_may_be_listed_among_the_organisations_too() -> None:
    """Passing the owner again in organisations does not make it a duplicate."""
    project = Project("Plan", AARHUS, organisations=[AARHUS, DS])
    assert list(project.organisations) == ["aarhus", "ds"]


def test_header_arguments_are_kept() -> None:
    """target_groups, language and description given to the constructor are stored."""
    project = Project(
        "Plan", AARHUS, target_groups=["ældre", "pårørende"], language="en", description="Om"
    )
    assert (project.target_groups, project.language, project.description) == (
        ("ældre", "pårørende"),
        Language.EN,
        "Om",
    )


def test_a_lone_target_group_given_to_the_constructor_is_one_group() -> None:
    """Project(..., target_groups="ældre") has the one group "ældre", as Organisation does."""
    assert Project("Plan", AARHUS, target_groups="ældre").target_groups == ("ældre",)


def test_building_an_invalid_project_reports_every_problem() -> None:
    """A duplicate id, an unknown relation end and an owner assessing itself, all at once."""
    with pytest.raises(ValidationError) as info:
        Project(
            "Plan",
            AARHUS,
            organisations=[DS, Organisation("ds", "Another")],
            relations=[Relation("aarhus", "ghost", "partnership")],
            assessments=[Assessment("aarhus")],
        )
    assert messages(info.value) == [
        (
            "organisations.ds.id: duplicate organisation id; found 'ds'; "
            "expected an id not used before (first at organisations.ds)"
        ),
        f"relations.target: unknown organisation; found 'ghost'; {KNOWN}",
        (
            "assessments.partner: the owner cannot assess itself; found 'aarhus'; "
            "expected the id of a potential partner, not the owner"
        ),
    ]


def test_a_blank_project_name_is_refused() -> None:
    """A project needs a name; the error says what was found and what is expected."""
    with pytest.raises(ValidationError) as info:
        Project(" ", AARHUS)
    assert messages(info.value) == ["project: Header.name: expected a non-empty name, found ' '"]


def test_an_unknown_language_is_refused() -> None:
    """Only da and en are languages civsam speaks."""
    with pytest.raises(ValidationError) as info:
        Project("Plan", AARHUS, language="fr")
    assert messages(info.value) == ["project: 'fr' is not a valid Language"]


def test_validation_error_text_lists_every_problem() -> None:
    """str(error) counts the problems and lists each on its own line."""
    with pytest.raises(ValidationError) as info:
        Project("Plan", AARHUS, relations=[Relation("aarhus", "x", "partnership")])
    assert (
        str(info.value)
        == f"1 problem:\n  relations.target: unknown organisation; found 'x'; {KNOWN}"
    )
    assert info.value.problems == (
        civsam.Problem(
            "unknown organisation",
            path="relations.target",
            found="'x'",
            expected="the id of one of the project's organisations",
        ),
    )


def test_validation_error_is_a_civsam_error_and_a_value_error() -> None:
    """Callers can catch civsam's errors by the base class or as ValueError."""
    assert issubclass(ValidationError, civsam.CivsamError)
    assert issubclass(ValidationError, ValueError)


# -- add -----------------------------------------------------------------------------------


def test_add_takes_items_that_refer_to_each_other(project: Project) -> None:
    """An organisation, a relation to it and its assessment can be added in one call."""
    project.add(
        FC,
        Relation("fc", "rk", "bridge_building"),
        Relation("aarhus", "fc", "partnership"),
        Assessment("fc", importance=4, ease=5),
    )
    assert project.organisations["fc"] == FC
    assert project.relations[1:] == (
        Relation("fc", "rk", "bridge_building"),
        Relation("aarhus", "fc", "partnership"),
    )
    assert project.assessments["fc"] == Assessment("fc", importance=4, ease=5)


def test_add_reports_every_problem_and_adds_nothing(project: Project) -> None:
    """One bad item keeps every item out; each problem, old and new, is reported."""
    before = snapshot(project)
    with pytest.raises(ValidationError) as info:
        project.add(
            FC,  # valid on its own, but must not be added either
            Organisation("ds", "Duplicate of an existing one"),
            Organisation("fc", "Duplicate within the call"),
            Relation("aarhus", "ds", "previous_project"),  # already in the project
            Relation("fc", "rk", "co_creation"),
            Relation("fc", "rk", "co_creation"),  # twice in the call
            Relation("ghost", "rk", "partnership"),
            Assessment("ds"),  # already assessed
            Assessment("fc"),
            Assessment("fc"),  # twice in the call
            Assessment("nobody"),
            Assessment("aarhus"),  # the owner
        )
    assert messages(info.value) == [
        (
            "organisations.ds.id: duplicate organisation id; found 'ds'; "
            "expected an id not used before"
        ),
        (
            "organisations.fc.id: duplicate organisation id; found 'fc'; "
            "expected an id not used before (first at organisations.fc)"
        ),
        (
            "relations: duplicate relation; found aarhus → ds (previous_project) again; "
            "expected one relation of each kind from one organisation to another"
        ),
        (
            "relations: duplicate relation; found fc → rk (co_creation) again; "
            "expected one relation of each kind from one organisation to another "
            "(first at relations)"
        ),
        f"relations.source: unknown organisation; found 'ghost'; {KNOWN}",
        (
            "assessments.date: a new undated assessment of a partner assessed before; "
            "found 'ds'; expected a date on the new assessment (date=…), so that the old "
            "ones are kept as history"
        ),
        (
            "assessments.partner: a second assessment of the same partner; found 'fc'; "
            "expected one undated assessment per partner (first at assessments); give the "
            "others a date to keep them as its history"
        ),
        f"assessments.partner: unknown organisation; found 'nobody'; {KNOWN}",
        (
            "assessments.partner: the owner cannot assess itself; found 'aarhus'; "
            "expected the id of a potential partner, not the owner"
        ),
    ]
    assert snapshot(project) == before
    assert "fc" not in project.organisations


def test_add_refuses_what_is_not_an_item(project: Project) -> None:
    """Passing something other than a value is reported, not silently ignored."""
    before = snapshot(project)
    stray: Any = "fc"
    with pytest.raises(ValidationError) as info:
        project.add(FC, stray)
    assert messages(info.value) == [
        (
            "cannot add this to a project; found str; "
            "expected an Organisation, a Relation or an Assessment"
        )
    ]
    assert snapshot(project) == before


# -- replace and remove --------------------------------------------------------------------


def test_replace_swaps_an_organisation_and_keeps_its_ties(project: Project) -> None:
    """Replacing returns the old organisation; relations and assessment stay."""
    renamed = Organisation("ds", "Ældre Sagen", kind="civil_society")
    assert project.replace(renamed) == DS
    assert project.organisations["ds"] == renamed
    assert [r.target for r in project.relations] == ["ds"]
    assert "ds" in project.assessments
    assert project.graph.nodes["ds"]["name"] == "Ældre Sagen"


def test_replace_needs_an_existing_id(project: Project) -> None:
    """Replacing an organisation the project does not hold is refused."""
    before = snapshot(project)
    with pytest.raises(ValidationError) as info:
        project.replace(FC)
    assert messages(info.value) == [
        f"organisations: no organisation to replace; found 'fc'; {KNOWN}"
    ]
    assert snapshot(project) == before


def test_remove_drops_the_organisation_its_relations_and_assessment(project: Project) -> None:
    """Removing a partner removes every relation at either end, and its assessment."""
    project.add(FC, Relation("ds", "fc", "bridge_building"), Relation("rk", "fc", "co_creation"))
    assert project.remove("ds") == DS
    assert list(project.organisations) == ["aarhus", "rk", "fc"]
    assert project.relations == (Relation("rk", "fc", "co_creation"),)
    assert dict(project.assessments) == {}
    assert "ds" not in project.graph


def test_the_owner_cannot_be_removed(project: Project) -> None:
    """Removing the owner is refused with a hint what to do instead."""
    before = snapshot(project)
    with pytest.raises(ValidationError) as info:
        project.remove("aarhus")
    assert messages(info.value) == [
        (
            "organisations: the owner cannot be removed; found 'aarhus'; "
            "expected a partner's id; make another organisation the owner first"
        )
    ]
    assert snapshot(project) == before


def test_removing_an_unknown_id_is_refused(project: Project) -> None:
    """Removing an id the project does not hold is an error, not a no-op."""
    with pytest.raises(ValidationError) as info:
        project.remove("ghost")
    assert messages(info.value) == [f"organisations: unknown organisation; found 'ghost'; {KNOWN}"]


# -- relate and unrelate -------------------------------------------------------------------


def test_relate_adds_and_returns_the_relation(project: Project) -> None:
    """Project.relate builds the relation from its arguments, kind given as text."""
    relation = project.relate(
        "aarhus", "rk", "co_creation", since=dt.date(2024, 2, 1), note="Besøgsvenner"
    )
    assert relation == Relation(
        "aarhus", "rk", RelationKind.CO_CREATION, since=dt.date(2024, 2, 1), note="Besøgsvenner"
    )
    assert project.relations[-1] == relation


def test_two_kinds_of_relation_between_the_same_pair_are_allowed(project: Project) -> None:
    """A partnership after a previous project is a second relation, not a duplicate."""
    project.relate("aarhus", "ds", "partnership")
    assert [r.kind for r in project.relations] == [
        RelationKind.PREVIOUS_PROJECT,
        RelationKind.PARTNERSHIP,
    ]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (("aarhus", "aarhus", "partnership"), [
            "relations: Relation.target: expected another organisation than 'aarhus'"
        ]),
        (
            ("aarhus", "rk", "friends"),
            [
                ("relations: unknown relation kind; found 'friends'; expected one of "
                "previous_project, partnership, co_creation, bridge_building, "
                "resource_sharing, acquaintance")
            ],
        ),
        (("aarhus", "ghost", "partnership"), [
            f"relations.target: unknown organisation; found 'ghost'; {KNOWN}"
        ]),
        (("aarhus", "ds", "previous_project"), [
            ("relations: duplicate relation; found aarhus → ds (previous_project) again; "
            "expected one relation of each kind from one organisation to another")
        ]),
    ],
    ids=["itself", "unknown-kind", "unknown-end", "duplicate"],
)  # fmt: skip
def test_relate_refuses_bad_relations(
    project: Project, arguments: tuple[str, str, str], expected: list[str]
) -> None:
    """An invalid relation raises ValidationError and leaves the project as it was."""
    before = snapshot(project)
    with pytest.raises(ValidationError) as info:
        project.relate(*arguments)
    assert messages(info.value) == expected
    assert snapshot(project) == before


def test_unrelate_removes_one_kind_or_all(project: Project) -> None:
    """Unrelating with a kind removes that relation; without, every kind source to target."""
    project.relate("aarhus", "ds", "partnership")
    project.relate("aarhus", "rk", "partnership")
    assert project.unrelate("aarhus", "ds", "partnership") == (
        Relation("aarhus", "ds", "partnership"),
    )
    project.relate("aarhus", "ds", "partnership")
    assert project.unrelate("aarhus", "ds") == (
        Relation("aarhus", "ds", "previous_project", since=dt.date(2023, 3, 1)),
        Relation("aarhus", "ds", "partnership"),
    )
    assert project.relations == (Relation("aarhus", "rk", "partnership"),)


def test_unrelate_is_directed_and_quiet_when_nothing_matches(project: Project) -> None:
    """Relations run from source to target: the reverse direction matches nothing."""
    assert project.unrelate("ds", "aarhus") == ()
    assert len(project.relations) == 1


def test_unrelate_with_an_unknown_kind_is_a_validation_error(project: Project) -> None:
    """An unknown kind is reported as relate reports it, not as a bare ValueError."""
    with pytest.raises(ValidationError) as info:
        project.unrelate("aarhus", "ds", "friends")
    assert messages(info.value) == [
        (
            "relations: unknown relation kind; found 'friends'; expected one of previous_project, "
            "partnership, co_creation, bridge_building, resource_sharing, acquaintance"
        )
    ]


# -- assess and unassess -------------------------------------------------------------------


def test_assess_adds_an_assessment(project: Project) -> None:
    """Project.assess builds the assessment from keyword fields and returns it."""
    assessment = project.assess("rk", importance=5, ease=4, shared_interest="Besøgsvenner")
    assert assessment == Assessment("rk", importance=5, ease=4, shared_interest="Besøgsvenner")
    assert project.assessments["rk"] == assessment


def test_assessing_again_replaces_the_assessment(project: Project) -> None:
    """A second assess of a partner replaces the first instead of being a duplicate."""
    project.assess("ds", importance=3, ease=2, notes="Changed our mind")
    assert dict(project.assessments) == {
        "ds": Assessment("ds", importance=3, ease=2, notes="Changed our mind")
    }


def test_an_invalid_reassessment_keeps_the_old_one(project: Project) -> None:
    """A re-assessment with a score out of range fails and the old assessment stays."""
    before = snapshot(project)
    with pytest.raises(ValidationError) as info:
        project.assess("ds", importance=9)
    assert messages(info.value) == [
        "assessments: Assessment.importance: expected a whole number from 1 to 5, found 9"
    ]
    assert project.assessments["ds"] == Assessment("ds", importance=5, ease=4)
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("partner", "fields", "expected"),
    [
        ("ghost", {}, f"assessments.partner: unknown organisation; found 'ghost'; {KNOWN}"),
        ("aarhus", {}, ("assessments.partner: the owner cannot assess itself; found 'aarhus'; "
         "expected the id of a potential partner, not the owner")),
        ("rk", {"importanse": 3}, ("assessments: unknown key; found 'importanse'; expected "
         "one of shared_interest, importance, ease, challenges, existing_relation, contact, "
         "importance_note, ease_note, notes, ratings, date, by")),
    ],
    ids=["unknown-partner", "owner", "unknown-field"],
)  # fmt: skip
def test_assess_refuses_bad_assessments(
    project: Project, partner: str, fields: dict[str, Any], expected: str
) -> None:
    """Assessing an unknown partner, the owner, or with a misspelt field is refused."""
    before = snapshot(project)
    with pytest.raises(ValidationError) as info:
        project.assess(partner, **fields)
    assert messages(info.value) == [expected]
    assert snapshot(project) == before


def test_unassess_removes_and_returns_the_assessment(project: Project) -> None:
    """Project.unassess gives back the assessment it removed; the partner stays."""
    assert project.unassess("ds") == Assessment("ds", importance=5, ease=4)
    assert dict(project.assessments) == {}
    assert "ds" in project.organisations


def test_unassess_of_an_unassessed_partner_is_refused(project: Project) -> None:
    """Removing an assessment that does not exist is an error."""
    with pytest.raises(ValidationError) as info:
        project.unassess("rk")
    assert messages(info.value) == [
        (
            "assessments: this partner has no assessment; found 'rk'; "
            "expected the id of an assessed partner"
        )
    ]


# -- the header ----------------------------------------------------------------------------


def test_header_setters_change_the_header(project: Project) -> None:
    """name, target_groups, language and description can be set; text becomes enums/tuples."""
    project.name = "Fællesskab for ældre"
    project.target_groups = ["ældre", "pårørende"]
    project.language = "en"
    project.description = "Flere ældre i fællesskaber."
    assert (project.name, project.target_groups, project.language, project.description) == (
        "Fællesskab for ældre",
        ("ældre", "pårørende"),
        Language.EN,
        "Flere ældre i fællesskaber.",
    )


def test_a_lone_target_group_set_on_the_project_is_one_group(project: Project) -> None:
    """project.target_groups = "ældre" sets the one group "ældre", not its letters."""
    project.target_groups = "ældre"
    assert project.target_groups == ("ældre",)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("name", "", "project: Header.name: expected a non-empty name, found ''"),
        ("language", "fr", "project: 'fr' is not a valid Language"),
        ("target_groups", ["ældre", "ældre"], ("project: Header.target_groups: expected each "
         "item once, found duplicates in ['ældre', 'ældre']")),
        ("target_groups", [""], ("project: Header.target_groups: expected non-empty texts, "
         "found ''")),
    ],
    ids=["blank-name", "unknown-language", "duplicate-groups", "blank-group"],
)  # fmt: skip
def test_header_setters_refuse_bad_values(
    project: Project, field: str, value: object, expected: str
) -> None:
    """A bad header value raises ValidationError naming the field; the header is unchanged."""
    before = snapshot(project)
    with pytest.raises(ValidationError) as info:
        setattr(project, field, value)
    assert messages(info.value) == [expected]
    assert snapshot(project) == before


def test_a_non_text_description_is_reported_readably(project: Project) -> None:
    """Setting description to 5 names the field and what it expects, not attrs' internals."""
    with pytest.raises(ValidationError) as info:
        project.description = 5  # type: ignore[assignment]
    [message] = messages(info.value)
    assert "description" in message
    assert "Attribute(" not in message


def test_the_owner_can_be_handed_to_another_organisation(project: Project) -> None:
    """The owner is set by id or by Organisation; the old owner becomes assessable."""
    project.owner = "rk"
    assert project.owner == RK
    project.owner = AARHUS
    assert project.owner == AARHUS
    project.owner = "rk"
    project.assess("aarhus", importance=5, ease=5)
    assert set(project.assessments) == {"ds", "aarhus"}
    with pytest.raises(ValidationError):
        project.remove("rk")


def test_the_owner_must_be_an_organisation_of_the_project(project: Project) -> None:
    """An owner the project does not hold is refused."""
    with pytest.raises(ValidationError) as info:
        project.owner = "ghost"
    assert messages(info.value) == [
        f"project.owner: the owner is not among the organisations; found 'ghost'; {KNOWN}"
    ]
    assert project.owner == AARHUS


def test_an_assessed_partner_cannot_become_the_owner(project: Project) -> None:
    """The owner cannot assess itself, so an assessed partner cannot become the owner."""
    with pytest.raises(ValidationError) as info:
        project.owner = DS
    assert messages(info.value) == [
        (
            "project.owner: the new owner has an assessment; remove it first; found 'ds'; "
            "expected an organisation that is not an assessed partner"
        )
    ]
    assert project.owner == AARHUS


# -- read-only views -----------------------------------------------------------------------


def test_organisations_and_assessments_are_read_only(project: Project) -> None:
    """The mappings are mappingproxies: item assignment and deletion raise TypeError."""
    assert isinstance(project.organisations, MappingProxyType)
    assert isinstance(project.assessments, MappingProxyType)
    organisations: Any = project.organisations
    assessments: Any = project.assessments
    with pytest.raises(TypeError):
        organisations["fc"] = FC
    with pytest.raises(TypeError):
        del organisations["ds"]
    with pytest.raises(TypeError):
        assessments["rk"] = Assessment("rk")
    assert set(project.organisations) == {"aarhus", "ds", "rk"}
    assert set(project.assessments) == {"ds"}


def test_relations_is_a_tuple(project: Project) -> None:
    """Relations are handed out as a tuple, which cannot be changed in place."""
    assert isinstance(project.relations, tuple)


def test_the_views_are_live(project: Project) -> None:
    """A view taken earlier shows later changes to the project."""
    organisations = project.organisations
    assessments = project.assessments
    project.add(FC, Assessment("fc", importance=2))
    assert "fc" in organisations
    assert "fc" in assessments


# -- the graph -----------------------------------------------------------------------------


def test_graph_nodes_are_the_organisations(project: Project) -> None:
    """Each node is an organisation id carrying organisation, name and kind."""
    assert dict(project.graph.nodes) == {
        "aarhus": {"organisation": AARHUS, "name": "Aarhus Kommune", "kind": "municipality"},
        "ds": {"organisation": DS, "name": "Ældre Sagen Aarhus", "kind": "civil_society"},
        "rk": {"organisation": RK, "name": "Røde Kors Aarhus", "kind": "civil_society"},
    }


def test_graph_edges_are_the_relations_keyed_by_kind(project: Project) -> None:
    """Each relation is an edge keyed by its kind, carrying relation, kind and since."""
    second = project.relate("aarhus", "ds", "partnership")
    first = project.relations[0]
    assert sorted(project.graph.edges(keys=True, data=True)) == [
        (
            "aarhus",
            "ds",
            "partnership",
            {"relation": second, "kind": "partnership", "since": None},
        ),
        (
            "aarhus",
            "ds",
            "previous_project",
            {"relation": first, "kind": "previous_project", "since": dt.date(2023, 3, 1)},
        ),
    ]


def test_graph_is_frozen(project: Project) -> None:
    """Changing the graph's structure raises NetworkXError; the project is unchanged."""
    graph = project.graph
    assert nx.is_frozen(graph)
    with pytest.raises(nx.NetworkXError, match="Frozen graph can't be modified"):
        graph.add_node("ghost")
    with pytest.raises(nx.NetworkXError, match="Frozen graph can't be modified"):
        graph.add_edge("ds", "rk")
    with pytest.raises(nx.NetworkXError, match="Frozen graph can't be modified"):
        graph.remove_node("ds")
    assert set(project.graph) == {"aarhus", "ds", "rk"}


def test_graph_attributes_cannot_be_changed_through_the_graph(project: Project) -> None:
    """Writing a node attribute through the graph never shows up in the project's graph."""
    graph = project.graph
    with contextlib.suppress(TypeError, nx.NetworkXError):
        graph.nodes["aarhus"]["name"] = "Someone else"
    assert project.graph.nodes["aarhus"]["name"] == "Aarhus Kommune"


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.add(FC),
        lambda p: p.remove("rk"),
        lambda p: p.replace(Organisation("rk", "Røde Kors")),
        lambda p: p.relate("ds", "rk", "acquaintance"),
        lambda p: p.unrelate("aarhus", "ds"),
    ],
    ids=["add", "remove", "replace", "relate", "unrelate"],
)
def test_graph_is_rebuilt_after_a_change(project: Project, change: Any) -> None:
    """After each kind of change the graph shows the project as it now is."""
    before = project.graph
    change(project)
    after = project.graph
    assert after is not before
    assert {node: after.nodes[node]["organisation"] for node in after} == dict(
        project.organisations
    )
    assert sorted(data["relation"].key for _, _, data in after.edges(data=True)) == sorted(
        r.key for r in project.relations
    )


def test_graph_is_not_rebuilt_without_a_change(project: Project) -> None:
    """Reading the graph twice gives the same object: it is built once per change."""
    assert project.graph is project.graph


def test_graph_works_with_networkx_algorithms() -> None:
    """The bundled example's graph answers "who can introduce us?" as shortest paths."""
    graph = civsam.example().graph.to_undirected(as_view=True)
    assert nx.shortest_path(graph, "favrskov-kommune", "besoegstjenesten-viby-sogn") == [
        "favrskov-kommune",
        "aarhus-kommune",
        "roede-kors-aarhus",
        "besoegstjenesten-viby-sogn",
    ]
    assert not nx.has_path(graph, "oestjysk-taxa", "aarhus-kommune")
    assert nx.shortest_path_length(graph, "koebmand-holm-viby", "aeldresagen-aarhus") == 4


def test_graph_holds_every_organisation_and_relation_of_the_example() -> None:
    """In the bundled example, nodes are all organisations and edges all relations."""
    example = civsam.example()
    assert set(example.graph) == set(example.organisations)
    assert example.graph.number_of_edges() == len(example.relations)


# -- copy, equality, repr ------------------------------------------------------------------


def test_copy_is_equal_and_independent(project: Project) -> None:
    """A copy starts equal; changing either afterwards never changes the other."""
    copy = project.copy()
    assert copy == project
    assert copy is not project
    copy.add(FC)
    copy.assess("rk", importance=1)
    copy.name = "Copy"
    assert set(project.organisations) == {"aarhus", "ds", "rk"}
    assert set(project.assessments) == {"ds"}
    assert project.name == "Ensomhed blandt ældre"
    project.remove("ds")
    assert "ds" in copy.organisations
    assert len(copy.relations) == 1


def test_projects_built_alike_are_equal(project: Project) -> None:
    """Equality is by value: the same content built twice is equal, any change is not."""
    twin = Project(
        "Ensomhed blandt ældre",
        AARHUS,
        target_groups=["ældre"],
        organisations=[DS, RK],
        relations=[Relation("aarhus", "ds", "previous_project", since=dt.date(2023, 3, 1))],
        assessments=[Assessment("ds", importance=5, ease=4)],
    )
    assert twin == project
    twin.description = "different"
    assert twin != project


def test_a_project_is_not_equal_to_other_things_and_not_hashable(project: Project) -> None:
    """A project never equals a non-project, and being mutable it cannot be hashed."""
    assert project != "Ensomhed blandt ældre"
    assert project != civsam.dumps(project)
    with pytest.raises(TypeError, match="unhashable type: 'Project'"):
        hash(project)


def test_repr_summarises_without_personal_data(project: Project) -> None:
    """The repr names the plan and owner and counts the rest."""
    assert repr(project) == (
        "<Project 'Ensomhed blandt ældre': owner 'aarhus', 3 organisations, "
        "1 relations, 1 assessments>"
    )


def test_relations_of_lists_both_ends_in_the_order_added() -> None:
    """relations_of gives every relation an organisation takes part in, as source or target."""
    project = civsam.example()
    found = project.relations_of("frivilligcenter-aarhus")
    assert found == tuple(
        r for r in project.relations if "frivilligcenter-aarhus" in (r.source, r.target)
    )
    assert {r.source for r in found} | {r.target for r in found} >= {"frivilligcenter-aarhus"}
    assert any(r.target == "frivilligcenter-aarhus" for r in found)
    assert any(r.source == "frivilligcenter-aarhus" for r in found)
    assert project.relations_of("oestjysk-taxa") == ()
