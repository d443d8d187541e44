"""Introductions, co-applicants and brokers: who can bring the owner to a partner."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import TYPE_CHECKING, Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import civsam
from civsam import (
    CivsamError,
    Introductions,
    Organisation,
    OrgKind,
    Project,
    Relation,
    RelationKind,
    ValidationError,
)
from civsam.testing import projects

if TYPE_CHECKING:
    from collections.abc import Iterable

DAY = dt.date(2025, 1, 1)
ENDED = dt.date(2024, 6, 30)
"""An end date before DAY: relations that end then count half."""

STRENGTH = {
    RelationKind.PARTNERSHIP: 3.0,
    RelationKind.CO_CREATION: 3.0,
    RelationKind.RESOURCE_SHARING: 2.5,
    RelationKind.PREVIOUS_PROJECT: 2.0,
    RelationKind.BRIDGE_BUILDING: 2.0,
    RelationKind.ACQUAINTANCE: 1.0,
}
"""The strengths the docs promise, written out again so that the test can catch a change."""

P = RelationKind.PARTNERSHIP
A = RelationKind.ACQUAINTANCE

SLOW = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def build(
    relations: Iterable[tuple[str, str, RelationKind] | Relation],
    *,
    kinds: dict[str, OrgKind] | None = None,
    extra: Iterable[str] = (),
) -> Project:
    """A project owned by "owner" with every organisation the relations name."""
    rels = [r if isinstance(r, Relation) else Relation(*r) for r in relations]
    ids = dict.fromkeys(["owner", *(end for r in rels for end in (r.source, r.target)), *extra])
    kind_of = kinds or {}
    orgs = [Organisation(i, i.upper(), kind=kind_of.get(i, OrgKind.OTHER)) for i in ids]
    return Project("Netværk", orgs[0], organisations=orgs[1:], relations=rels)


def routes(found: Introductions) -> list[list[str]]:
    """The paths as lists of ids."""
    return [[o.id for o in path.organisations] for path in found.paths]


# -- the bundled example ---------------------------------------------------------------------


def test_the_example_partner_known_through_red_cross() -> None:
    """Besøgstjenesten is reached through Røde Kors: co-creation, then resource sharing."""
    found = civsam.introductions(civsam.example(), "besoegstjenesten-viby-sogn", as_of=DAY)
    assert found.partner.name == "Besøgstjenesten i Viby Sogn"
    assert not found.direct
    assert routes(found) == [["aarhus-kommune", "roede-kors-aarhus", "besoegstjenesten-viby-sogn"]]
    path = found.paths[0]
    assert [o.id for o in path.via] == ["roede-kors-aarhus"]
    assert [(h.source.id, h.target.id, h.kinds, h.strength) for h in path.hops] == [
        ("aarhus-kommune", "roede-kors-aarhus", (RelationKind.CO_CREATION,), 3.0),
        (
            "roede-kors-aarhus",
            "besoegstjenesten-viby-sogn",
            (RelationKind.RESOURCE_SHARING,),
            2.5,
        ),
    ]
    assert path.strength == 2.5
    assert [(c.organisation.id, c.kinds) for c in found.co_applicants] == [
        ("roede-kors-aarhus", (RelationKind.RESOURCE_SHARING,))
    ]


def test_the_example_three_hops_to_the_grocer() -> None:
    """The grocer: volunteer centre, pensioners' club, grocer; the bridge is the weakest link."""
    found = civsam.introductions(civsam.example(), "koebmand-holm-viby", as_of=DAY)
    assert routes(found) == [
        [
            "aarhus-kommune",
            "frivilligcenter-aarhus",
            "pensionistklubben-solsikken",
            "koebmand-holm-viby",
        ]
    ]
    assert [h.kinds for h in found.paths[0].hops] == [
        (RelationKind.PARTNERSHIP,),
        (RelationKind.BRIDGE_BUILDING,),
        (RelationKind.RESOURCE_SHARING,),
    ]
    assert found.paths[0].strength == 2.0


def test_the_example_ended_project_counts_half() -> None:
    """Ældre Sagen's project with Ensomme Gamles Værn ended in 2022: a weak last link."""
    found = civsam.introductions(civsam.example(), "ensomme-gamles-vaern", as_of=DAY)
    first, last = found.paths[0].hops
    assert first.kinds == (RelationKind.PARTNERSHIP, RelationKind.PREVIOUS_PROJECT)
    assert first.strength == 3.0
    assert last.kinds == (RelationKind.PREVIOUS_PROJECT,)
    assert last.strength == 1.0
    assert found.paths[0].strength == 1.0
    before = civsam.introductions(
        civsam.example(), "ensomme-gamles-vaern", as_of=dt.date(2022, 1, 1)
    )
    assert before.paths[0].strength == 2.0


def test_a_direct_relation_is_a_one_hop_path() -> None:
    """The owner already works with Ældre Sagen: direct, one hop, no intermediaries."""
    found = civsam.introductions(civsam.example(), "aeldresagen-aarhus", as_of=DAY)
    assert found.direct
    assert routes(found) == [["aarhus-kommune", "aeldresagen-aarhus"]]
    assert found.paths[0].via == ()
    assert found.paths[0].hops[0].kinds == (P, RelationKind.PREVIOUS_PROJECT)


def test_an_organisation_nobody_knows_has_no_path() -> None:
    """The Facebook group has no relations: no path, no co-applicants, not direct."""
    found = civsam.introductions(civsam.example(), "naboer-paa-frederiksbjerg", brokers=0)
    assert found.paths == ()
    assert found.co_applicants == ()
    assert not found.direct


def test_the_example_brokers() -> None:
    """The volunteer centre bridges the most; the owner is never listed."""
    found = civsam.introductions(civsam.example(), "koebmand-holm-viby", brokers=2)
    assert [b.organisation.id for b in found.brokers] == [
        "frivilligcenter-aarhus",
        "aeldresagen-aarhus",
    ]
    assert found.brokers == civsam.brokers(civsam.example(), limit=2)
    assert found.brokers[0].betweenness > found.brokers[1].betweenness > 0
    every = civsam.brokers(civsam.example(), limit=100)
    assert "aarhus-kommune" not in {b.organisation.id for b in every}
    assert all(b.betweenness > 0 for b in every)


# -- ordering --------------------------------------------------------------------------------


def test_fewer_hops_first_however_weak() -> None:
    """Two acquaintances beat three partnerships: fewest hops first."""
    project = build(
        [
            ("owner", "a", A),
            ("a", "partner", A),
            ("owner", "b", P),
            ("b", "c", P),
            ("c", "partner", P),
        ]
    )
    found = civsam.introductions(project, "partner")
    assert routes(found) == [["owner", "a", "partner"], ["owner", "b", "c", "partner"]]
    assert [p.strength for p in found.paths] == [1.0, 3.0]


def test_stronger_first_at_equal_length_then_by_id() -> None:
    """At two hops: strongest weakest link first, then the intermediaries' ids."""
    project = build(
        [
            ("owner", "a", A),
            ("a", "partner", P),
            ("owner", "m", P),
            ("m", "partner", P),
            ("owner", "k", P),
            ("partner", "k", P),  # direction does not matter
            ("owner", "z", RelationKind.RESOURCE_SHARING),
            ("z", "partner", P),
        ]
    )
    found = civsam.introductions(project, "partner")
    assert [[o.id for o in p.via] for p in found.paths] == [["k"], ["m"], ["z"], ["a"]]
    assert [p.strength for p in found.paths] == [3.0, 3.0, 2.5, 1.0]


def test_an_ended_relation_is_weaker() -> None:
    """A partnership that has ended (1.5) ranks below a previous project (2)."""
    project = build(
        [
            Relation("owner", "a", P, until=ENDED),
            ("a", "partner", P),
            ("owner", "b", RelationKind.PREVIOUS_PROJECT),
            ("b", "partner", P),
        ]
    )
    now = civsam.introductions(project, "partner", as_of=DAY)
    assert [[o.id for o in p.via] for p in now.paths] == [["b"], ["a"]]
    assert [p.strength for p in now.paths] == [2.0, 1.5]
    then = civsam.introductions(project, "partner", as_of=ENDED)  # the last day still counts
    assert [[o.id for o in p.via] for p in then.paths] == [["a"], ["b"]]


def test_one_hop_longer_at_most() -> None:
    """Shortest paths and those one hop longer; a path two hops longer is left out."""
    project = build(
        [
            ("owner", "a", A),
            ("a", "partner", A),
            ("owner", "b", P),
            ("b", "c", P),
            ("c", "partner", P),
            ("owner", "d", P),
            ("d", "e", P),
            ("e", "f", P),
            ("f", "partner", P),
        ]
    )
    found = civsam.introductions(project, "partner", limit=10)
    assert routes(found) == [["owner", "a", "partner"], ["owner", "b", "c", "partner"]]


def test_limit_keeps_the_first() -> None:
    """``limit`` cuts the ordered list: the first ones stay."""
    project = build([("owner", x, P) for x in "abcd"] + [(x, "partner", P) for x in "abcd"])
    assert [
        [o.id for o in p.via] for p in civsam.introductions(project, "partner", limit=2).paths
    ] == [
        ["a"],
        ["b"],
    ]
    assert len(civsam.introductions(project, "partner", limit=10).paths) == 4


def test_a_direct_partner_also_gets_the_introductions_around_it() -> None:
    """Direct first, then the two-hop paths; never back through the owner or partner."""
    project = build([("owner", "partner", A), ("owner", "a", P), ("a", "partner", P)])
    found = civsam.introductions(project, "partner")
    assert found.direct
    assert routes(found) == [["owner", "partner"], ["owner", "a", "partner"]]


# -- co-applicants ---------------------------------------------------------------------------


def test_co_applicants_are_established_and_work_with_the_partner() -> None:
    """Substantial relations to established organisations only, strongest first."""
    project = build(
        [
            ("owner", "partner", P),
            ("partner", "shop", RelationKind.RESOURCE_SHARING),
            Relation("town", "partner", P, until=ENDED),
            ("partner", "fund", RelationKind.BRIDGE_BUILDING),
            ("fund", "partner", RelationKind.PREVIOUS_PROJECT),
            ("partner", "group", P),
            ("partner", "club", A),
            ("partner", "club2", RelationKind.BRIDGE_BUILDING),
            ("partner", "library", RelationKind.CO_CREATION),
            ("elsewhere", "library", P),
        ],
        kinds={
            "shop": OrgKind.BUSINESS,
            "town": OrgKind.MUNICIPALITY,
            "fund": OrgKind.NON_PROFIT,
            "group": OrgKind.OTHER,
            "club": OrgKind.CIVIL_SOCIETY,
            "club2": OrgKind.CIVIL_SOCIETY,
            "library": OrgKind.PUBLIC_INSTITUTION,
            "elsewhere": OrgKind.BUSINESS,
        },
    )
    found = civsam.introductions(project, "partner", as_of=DAY)
    assert [(c.organisation.id, c.kinds, c.strength) for c in found.co_applicants] == [
        ("library", (RelationKind.CO_CREATION,), 3.0),
        ("shop", (RelationKind.RESOURCE_SHARING,), 2.5),
        ("fund", (RelationKind.PREVIOUS_PROJECT, RelationKind.BRIDGE_BUILDING), 2.0),
        ("town", (P,), 1.5),
    ]


def test_an_association_can_be_a_co_applicant() -> None:
    """A civil-society partner of the partner counts; the owner never does."""
    project = build(
        [("owner", "partner", P), ("partner", "club", P)],
        kinds={"owner": OrgKind.MUNICIPALITY, "club": OrgKind.CIVIL_SOCIETY},
    )
    found = civsam.introductions(project, "partner")
    assert [c.organisation.id for c in found.co_applicants] == ["club"]


# -- brokers ---------------------------------------------------------------------------------


def test_the_centre_of_a_star_is_the_broker() -> None:
    """Every path between leaves passes the hub: betweenness 1, and no other broker."""
    project = build([("hub", leaf, A) for leaf in ("owner", "a", "b", "c", "d")])
    assert [(b.organisation.id, b.betweenness) for b in civsam.brokers(project)] == [("hub", 1.0)]


def test_the_owner_is_never_a_broker() -> None:
    """The owner at the centre of a star: nobody else bridges anything."""
    project = build([("owner", leaf, A) for leaf in ("a", "b", "c", "d")])
    assert civsam.brokers(project) == ()


def test_the_ends_of_a_bridge_are_the_brokers() -> None:
    """Two triangles joined by one relation: its two ends bridge, tied and ordered by id."""
    project = build(
        [
            ("owner", "a", P),
            ("a", "x", P),
            ("x", "owner", P),
            ("x", "y", A),
            ("y", "b", P),
            ("b", "c", P),
            ("c", "y", P),
        ]
    )
    found = civsam.brokers(project, limit=5)
    assert [b.organisation.id for b in found] == ["x", "y"]
    assert found[0].betweenness == found[1].betweenness == pytest.approx(9 / 15)
    assert [b.organisation.id for b in civsam.brokers(project, limit=1)] == ["x"]
    assert civsam.brokers(project, limit=0) == ()


def test_brokers_zero_skips_betweenness(monkeypatch: pytest.MonkeyPatch) -> None:
    """``brokers=0``: no network-wide computation at all."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("betweenness computed")

    monkeypatch.setattr(nx, "betweenness_centrality", refuse)
    found = civsam.introductions(civsam.example(), "koebmand-holm-viby", brokers=0)
    assert found.brokers == ()
    assert found.paths


def test_large_networks_sample_betweenness_deterministically(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Over the work budget, a seeded sample of sources: the same answer every run."""
    import civsam.network  # noqa: PLC0415 - the budget is internal

    calls: list[int | None] = []
    real = nx.betweenness_centrality

    def spy(graph: Any, k: int | None = None, **kwargs: Any) -> Any:
        calls.append(k)
        return real(graph, k=k, **kwargs)

    monkeypatch.setattr(nx, "betweenness_centrality", spy)
    monkeypatch.setattr(civsam.network, "_BETWEENNESS_BUDGET", 100)
    monkeypatch.setattr(civsam.network, "_MIN_SOURCES", 3)
    rng = random.Random(5)  # noqa: S311 - not cryptography
    ids = [f"n{i:02d}" for i in range(30)]
    pairs = [("owner", ids[0], P), *((a, b, A) for a, b in itertools.pairwise(ids))]
    for _ in range(20):
        source, target = rng.sample(ids, 2)
        pairs.append((source, target, P))
    pairs = list(dict.fromkeys(pairs))
    first = civsam.brokers(build(pairs))
    again = civsam.brokers(build(reversed(pairs)))
    assert calls == [3, 3]
    assert first == again
    assert first


# -- errors ----------------------------------------------------------------------------------


def test_an_unknown_partner_is_named() -> None:
    """The id is in the message, with what was expected."""
    with pytest.raises(ValidationError) as caught:
        civsam.introductions(civsam.example(), "nobody")
    assert isinstance(caught.value, CivsamError)
    assert str(caught.value) == (
        "1 problem:\n  partner: unknown organisation; found 'nobody'; "
        "expected the id of one of the project's organisations"
    )


def test_the_owner_needs_no_introduction() -> None:
    """Asking for the owner itself is an error, not an empty answer."""
    with pytest.raises(ValidationError) as caught:
        civsam.introductions(civsam.example(), "aarhus-kommune")
    assert str(caught.value) == (
        "1 problem:\n  partner: the owner needs no introduction to itself; "
        "found 'aarhus-kommune'; expected another organisation than the owner"
    )


def test_limits_below_range_are_refused_together() -> None:
    """A limit below 1 and negative brokers: both reported at once."""
    with pytest.raises(ValidationError) as caught:
        civsam.introductions(civsam.example(), "aeldresagen-aarhus", limit=0, brokers=-1)
    assert str(caught.value) == (
        "2 problems:\n"
        "  limit: too few asked for; found 0; expected 1 or more\n"
        "  brokers: too few asked for; found -1; expected 0 or more"
    )
    with pytest.raises(ValidationError) as caught:
        civsam.brokers(civsam.example(), limit=-1)
    assert (
        str(caught.value) == "1 problem:\n  limit: too few asked for; found -1; expected 0 or more"
    )


# -- determinism -----------------------------------------------------------------------------


def _grid() -> list[tuple[str, str, RelationKind]]:
    """A 4 × 4 grid with the owner in one corner: many paths of equal length and strength."""
    name = {(r, c): f"g{r}{c}" for r in range(4) for c in range(4)}
    name[0, 0] = "owner"
    edges = [(name[r, c], name[r, c + 1], P) for r in range(4) for c in range(3)]
    edges += [(name[r, c], name[r + 1, c], P) for r in range(3) for c in range(4)]
    return edges


def test_the_same_answer_whatever_the_order_of_the_relations() -> None:
    """Ties are broken by id, not by the order relations were added."""
    edges = _grid()
    forward = build(edges)
    shuffled = list(edges)
    random.Random(3).shuffle(shuffled)  # noqa: S311 - not cryptography
    backward = build(reversed(shuffled))
    first = civsam.introductions(forward, "g33", limit=8, as_of=DAY)
    assert first == civsam.introductions(forward, "g33", limit=8, as_of=DAY)
    assert first == civsam.introductions(backward, "g33", limit=8, as_of=DAY)
    assert len(first.paths) == 8
    assert all(len(path.hops) == 6 for path in first.paths)  # 20 shortest paths in a grid
    assert [o.id for o in first.paths[0].via] == ["g01", "g02", "g03", "g13", "g23"]
    assert first.brokers == civsam.introductions(backward, "g33", as_of=DAY).brokers


# -- properties ------------------------------------------------------------------------------


def _strengths(project: Project) -> dict[frozenset[str], dict[RelationKind, float]]:
    """Each pair's relation kinds with their strength on DAY, from the relations themselves."""
    found: dict[frozenset[str], dict[RelationKind, float]] = {}
    for relation in project.relations:
        strength = STRENGTH[relation.kind]
        if relation.until is not None and relation.until < DAY:
            strength /= 2
        kinds = found.setdefault(frozenset((relation.source, relation.target)), {})
        kinds[relation.kind] = max(kinds.get(relation.kind, 0.0), strength)
    return found


@SLOW
@given(projects(min_partners=1, max_partners=9), st.data())
def test_paths_are_real_simple_and_ordered(project: Project, data: st.DataObject) -> None:
    """Owner to partner, no organisation twice, real relations, hop counts never falling."""
    others = sorted(set(project.organisations) - {project.owner.id})
    partner = data.draw(st.sampled_from(others))
    limit = data.draw(st.integers(1, 6))
    found = civsam.introductions(project, partner, limit=limit, brokers=0, as_of=DAY)
    strengths = _strengths(project)
    assert len(found.paths) <= limit
    for path in found.paths:
        ids = [o.id for o in path.organisations]
        assert ids[0] == project.owner.id
        assert ids[-1] == partner
        assert len(set(ids)) == len(ids)
        assert len(path.hops) == len(ids) - 1
        for hop, (source, target) in zip(path.hops, itertools.pairwise(ids), strict=True):
            assert (hop.source.id, hop.target.id) == (source, target)
            kinds = strengths[frozenset((source, target))]
            assert set(hop.kinds) == set(kinds)
            assert hop.strength == max(kinds.values())
            assert [kinds[k] for k in hop.kinds] == sorted(kinds.values(), reverse=True)
        assert path.strength == min(hop.strength for hop in path.hops)
    hops = [len(path.hops) for path in found.paths]
    assert hops == sorted(hops)
    assert found.direct == (frozenset((project.owner.id, partner)) in strengths)


@SLOW
@given(projects(min_partners=1, max_partners=9), st.data())
def test_paths_are_the_best_of_all_simple_paths(project: Project, data: st.DataObject) -> None:
    """Against brute force: every simple path up to one hop longer, sorted as promised."""
    others = sorted(set(project.organisations) - {project.owner.id})
    partner = data.draw(st.sampled_from(others))
    limit = data.draw(st.integers(1, 8))
    found = civsam.introductions(project, partner, limit=limit, brokers=0, as_of=DAY)
    strengths = _strengths(project)
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(project.organisations)
    for one, other in strengths:
        graph.add_edge(one, other)
    owner = project.owner.id
    expected: list[tuple[int, float, list[str]]] = []
    if nx.has_path(graph, owner, partner):
        shortest = int(nx.shortest_path_length(graph, owner, partner))
        for ids in nx.all_simple_paths(graph, owner, partner, cutoff=shortest + 1):
            weakest = min(max(strengths[frozenset(h)].values()) for h in itertools.pairwise(ids))
            expected.append((len(ids) - 1, -weakest, ids[1:-1]))
    expected.sort()
    assert [(len(p.hops), -p.strength, [o.id for o in p.via]) for p in found.paths] == expected[
        :limit
    ]


@SLOW
@given(projects(min_partners=1, max_partners=9))
def test_co_applicants_and_brokers_keep_their_promises(project: Project) -> None:
    """Co-applicants: the partner's substantial, established neighbours; brokers: ranked."""
    owner = project.owner.id
    strengths = _strengths(project)
    substantial = {P, RelationKind.CO_CREATION, RelationKind.RESOURCE_SHARING}
    substantial.add(RelationKind.PREVIOUS_PROJECT)
    for partner in sorted(set(project.organisations) - {owner}):
        found = civsam.introductions(project, partner, brokers=3, as_of=DAY)
        expected = sorted(
            (-max(kinds.values()), other)
            for pair, kinds in strengths.items()
            if partner in pair
            for other in pair - {partner}
            if other != owner
            and project.organisations[other].kind is not OrgKind.OTHER
            and substantial & set(kinds)
        )
        assert [(-c.strength, c.organisation.id) for c in found.co_applicants] == expected
    ranked = civsam.brokers(project, limit=20)
    assert owner not in {b.organisation.id for b in ranked}
    assert all(0 < b.betweenness <= 1 for b in ranked)
    keys = [(-b.betweenness, b.organisation.id) for b in ranked]
    assert keys == sorted(keys)


# -- size ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large() -> Project:
    """20,000 organisations on a ring with 40,000 random chords: 60,000 relations."""
    rng = random.Random(2026)  # noqa: S311 - not cryptography
    ids = [f"org-{n:05d}" for n in range(20_000)]
    kinds = list(RelationKind)
    relations: dict[tuple[str, str, RelationKind], Relation] = {}
    for source, target in itertools.pairwise([*ids, ids[0]]):
        relations[source, target, A] = Relation(source, target, A)
    while len(relations) < 60_000:
        source, target = rng.sample(ids, 2)
        kind = rng.choice(kinds)
        relations.setdefault((source, target, kind), Relation(source, target, kind))
    orgs = [Organisation(i, f"Forening {i}", kind=OrgKind.CIVIL_SOCIETY) for i in ids]
    return Project("Stor", orgs[0], organisations=orgs[1:], relations=relations.values())


def test_a_large_network_answers_without_betweenness(
    large: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """20,000 organisations: paths found by a bounded search, betweenness never run."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("betweenness computed")

    monkeypatch.setattr(nx, "betweenness_centrality", refuse)
    for partner in ("org-10000", "org-19999", "org-04321"):
        found = civsam.introductions(large, partner, brokers=0, as_of=DAY)
        assert 1 <= len(found.paths) <= 5
        hops = [len(path.hops) for path in found.paths]
        assert hops == sorted(hops)
        assert hops[-1] <= hops[0] + 1
        assert all(path.organisations[-1].id == partner for path in found.paths)
