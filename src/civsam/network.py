"""Introductions and brokers: whom the owner knows who knows a partner (bridge-building).

The guide's bridge-building (*brobygning*) is one actor connecting people or
organisations to another. Here it answers two questions about a project's relations:

- :func:`introductions`: the shortest chains of known relations from the owner to a
  partner, strongest first, and the established organisations the partner works with
  closely enough to apply together with (the guide's step 3, *Forbered dig godt*).
- :func:`brokers`: the organisations that sit on the most shortest paths between the
  others (betweenness centrality): good bridge-builders for the whole network.

Both look at relations without their direction: whoever knows whom can introduce.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import defaultdict
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

import attrs

from civsam.errors import Problem, ValidationError
from civsam.labels import Text
from civsam.model import Organisation, OrgKind, Relation, RelationKind

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from civsam.project import Project

__all__ = [
    "CO_APPLICANT_KINDS",
    "ENDED_FACTOR",
    "RELATION_STRENGTH",
    "SUBSTANTIAL_KINDS",
    "Broker",
    "CoApplicant",
    "Hop",
    "IntroductionPath",
    "Introductions",
    "brokers",
    "introductions",
]

RELATION_STRENGTH: Mapping[RelationKind, float] = MappingProxyType(
    {
        RelationKind.PARTNERSHIP: 3.0,
        RelationKind.CO_CREATION: 3.0,
        RelationKind.RESOURCE_SHARING: 2.5,
        RelationKind.PREVIOUS_PROJECT: 2.0,
        RelationKind.BRIDGE_BUILDING: 2.0,
        RelationKind.ACQUAINTANCE: 1.0,
    }
)
"""How much an introduction through a relation of each kind can carry.

Partners and co-creators work together now, with trust and regular contact; sharing
resources is a standing, but narrower, exchange; a previous project proves that people
once worked together, and bridge-building is a working channel, but one-way; an
acquaintance is only knowing someone. Equal strengths are ranked in this order.
"""

ENDED_FACTOR = 0.5
"""A relation that has ended (``until`` before the day asked about) counts this much."""

SUBSTANTIAL_KINDS: frozenset[RelationKind] = frozenset(
    {
        RelationKind.PARTNERSHIP,
        RelationKind.CO_CREATION,
        RelationKind.RESOURCE_SHARING,
        RelationKind.PREVIOUS_PROJECT,
    }
)
"""Relations that mean working together: what makes a partner's neighbour a co-applicant."""

CO_APPLICANT_KINDS: frozenset[OrgKind] = frozenset(OrgKind) - {OrgKind.OTHER}
"""Kinds of organisation that can apply together with a partner.

Associations, non-profits, businesses, public institutions and municipalities are
established: they have a board or a management that can sign an application. ``other``
covers informal groups (a Facebook group, a circle of neighbours), which cannot.
"""

# Betweenness visits every organisation and relation once per source organisation: up to
# this much work (organisations × (organisations + relations)) it is exact, beyond it
# samples as many sources as the same work allows (a few seconds), but at least 10.
_BETWEENNESS_BUDGET = 4_000_000
_MIN_SOURCES = 10
_SEED = 2026
_DIGITS = 12  # betweenness is rounded so that sums in another order give the same ranking
_KIND_ORDER = {kind: position for position, kind in enumerate(RELATION_STRENGTH)}


@attrs.frozen(slots=True)
class Hop:
    """One step of an introduction path: from ``source`` (nearer the owner) to ``target``."""

    source: Organisation
    target: Organisation
    kinds: tuple[RelationKind, ...]
    """Every kind of relation between the two, either direction, strongest first."""
    strength: float
    """The strongest of those relations' strengths (see :data:`RELATION_STRENGTH`)."""


@attrs.frozen(slots=True)
class IntroductionPath:
    """A chain of known relations from the owner to a partner."""

    organisations: tuple[Organisation, ...]
    """The owner first, the partner last, each once."""
    hops: tuple[Hop, ...]
    strength: float
    """The weakest hop's strength: a chain is as strong as its weakest link."""

    @property
    def via(self) -> tuple[Organisation, ...]:
        """The organisations that would introduce, in order; empty for a direct relation."""
        return self.organisations[1:-1]


@attrs.frozen(slots=True)
class CoApplicant:
    """An established organisation that works closely with the partner."""

    organisation: Organisation
    kinds: tuple[RelationKind, ...]
    """Every kind of relation between it and the partner, strongest first."""
    strength: float
    """The strongest of those relations' strengths."""


@attrs.frozen(slots=True)
class Broker:
    """An organisation that connects others: its share of the network's shortest paths."""

    organisation: Organisation
    betweenness: float
    """Normalised betweenness centrality, 0–1 (estimated on large networks)."""


@attrs.frozen(slots=True)
class Introductions:
    """Who can introduce the owner to a partner, whom to apply with, and the brokers."""

    partner: Organisation
    paths: tuple[IntroductionPath, ...]
    """Fewest hops first, then strongest, then by the intermediaries' ids."""
    co_applicants: tuple[CoApplicant, ...]
    brokers: tuple[Broker, ...]

    @property
    def direct(self) -> bool:
        """Whether the owner already has a relation with the partner."""
        return bool(self.paths) and len(self.paths[0].hops) == 1


def introductions(
    project: Project,
    partner: str,
    *,
    limit: int = 5,
    brokers: int = 5,
    as_of: dt.date | None = None,
) -> Introductions:
    """Who can introduce the owner to ``partner`` (an organisation id).

    ``paths`` are chains of relations, either direction, from the owner to the partner
    that pass neither of them on the way: every shortest chain and those one hop longer,
    at most ``limit``. Fewest hops come first, then the strongest, then by the
    intermediaries' ids. A chain is as strong as its weakest hop, a hop as its strongest
    relation: partnership and co-creation 3, resource sharing 2.5, previous project and
    bridge-building 2, acquaintance 1 (``civsam.network.RELATION_STRENGTH``), half that
    once the relation's ``until`` is before ``as_of`` (today by default). The search
    goes no further from the partner than the owner is, then keeps to the organisations
    such chains can pass, so a large network costs little more than reading it.

    ``co_applicants`` are the partner's neighbours, the owner aside, that it has worked
    or works with (partnership, co-creation, resource sharing, previous project) and
    that can sign an application: every kind of organisation but ``other``, the informal
    groups. Strongest first. ``brokers`` is :func:`brokers` with that limit; 0 skips it,
    which on a large network is most of the time.

    Raises :class:`civsam.ValidationError` for an unknown partner, the owner itself, a
    ``limit`` below 1 or a negative ``brokers``.
    """
    owner = project.owner
    _check(project, partner, limit, brokers)
    day = as_of if as_of is not None else dt.date.today()  # noqa: DTZ011 - today unless told
    network = _network(project, day)
    adjacency = network.adjacency
    organisations = project.organisations
    found = _paths(adjacency, owner.id, partner, limit)
    pairs = {_pair(partner, other) for other in adjacency.get(partner, {})}
    pairs.update(_pair(*hop) for ids in found for hop in itertools.pairwise(ids))
    kinds = _kinds(network, day, pairs)
    return Introductions(
        partner=organisations[partner],
        paths=tuple(_path(organisations, adjacency, kinds, ids) for ids in found),
        co_applicants=_co_applicants(organisations, adjacency, kinds, owner.id, partner),
        brokers=_ranked_brokers(project, brokers) if brokers else (),
    )


def brokers(project: Project, limit: int = 5) -> tuple[Broker, ...]:
    """The organisations that bridge the most others, highest betweenness first.

    Betweenness centrality (normalised, 0–1) is the share of shortest paths between two
    other organisations that pass through one; relations count either direction, all
    alike. The owner, and organisations on no such path, are left out; ties go by id.
    It is exact while organisations × (organisations + relations) is at most 4 million
    (some 1,500 organisations with a relation each). Larger networks would take minutes,
    so there it is estimated from shortest paths out of a sample of organisations, as
    many as that same work allows but at least 10, drawn with a fixed seed: the answer
    is the same on every run, and its ranking of the strongest brokers is reliable
    where the small differences between weak ones are not.
    """
    if limit < 0:
        raise ValidationError([_too_few("limit", limit, 0)])
    return _ranked_brokers(project, limit)


# -- checks ----------------------------------------------------------------------------------


def _check(project: Project, partner: str, limit: int, brokers: int) -> None:
    problems: list[Problem] = []
    if partner not in project.organisations:
        problems.append(
            Problem(
                Text("network.unknown_organisation"),
                path="partner",
                found=repr(partner),
                expected=Text("network.organisation_id"),
            )
        )
    elif partner == project.owner.id:
        problems.append(
            Problem(
                Text("network.owner_itself"),
                path="partner",
                found=repr(partner),
                expected=Text("network.not_owner"),
            )
        )
    if limit < 1:
        problems.append(_too_few("limit", limit, 1))
    if brokers < 0:
        problems.append(_too_few("brokers", brokers, 0))
    if problems:
        raise ValidationError(problems)


def _too_few(name: str, value: int, least: int) -> Problem:
    return Problem(
        Text("network.too_few"),
        path=name,
        found=str(value),
        expected=Text("network.or_more", least=least),
    )


# -- the undirected network ------------------------------------------------------------------


_Adjacency = dict[str, dict[str, float]]
_Pair = tuple[str, str]


class _Network(NamedTuple):
    """The undirected network on one day, made once and kept with the project."""

    day: dt.date
    adjacency: _Adjacency
    """Each organisation's neighbours and the strongest link to each."""
    incident: dict[str, list[Relation]]
    """Each organisation's relations, either end."""


def _network(project: Project, day: dt.date) -> _Network:
    """The network of ``day``, from the project's memory if it has not changed since.

    Reading 300,000 relations takes longer than answering a question about them, so
    asking about a thousand partners reads them once. One day is kept: the strengths
    of ended relations depend on it.
    """
    kept = project._remember("network", lambda: _links(project, day))  # noqa: SLF001
    if kept.day != day:
        project._derived["network"] = kept = _links(project, day)  # noqa: SLF001
    return kept


def _links(project: Project, day: dt.date) -> _Network:
    """The undirected network in one pass: neighbours, the strongest link to each, relations."""
    weights = dict(RELATION_STRENGTH)
    adjacency: defaultdict[str, dict[str, float]] = defaultdict(dict)
    incident: defaultdict[str, list[Relation]] = defaultdict(list)
    for relation in project.relations:
        strength = weights[relation.kind]
        until = relation.until
        if until is not None and until < day:
            strength *= ENDED_FACTOR
        source, target = relation.source, relation.target
        incident[source].append(relation)
        incident[target].append(relation)
        around = adjacency[source]
        if around.get(target, 0.0) < strength:
            around[target] = strength
            adjacency[target][source] = strength
    # Plain dicts: the network is shared, and a defaultdict would grow on a look-up.
    return _Network(day, dict(adjacency), dict(incident))


def _pair(one: str, other: str) -> _Pair:
    return (one, other) if one < other else (other, one)


def _kinds(
    network: _Network, day: dt.date, pairs: set[_Pair]
) -> dict[_Pair, tuple[RelationKind, ...]]:
    """The kinds of relation within each of a few pairs, strongest first.

    Only the hops of the paths found and the partner's neighbours need them; each pair's
    relations are among the first organisation's.
    """
    found: dict[_Pair, dict[RelationKind, float]] = {}
    for pair in pairs:
        one, other = pair
        for relation in network.incident.get(one, ()):
            if other not in (relation.source, relation.target):
                continue
            strength = RELATION_STRENGTH[relation.kind]
            if relation.until is not None and relation.until < day:
                strength *= ENDED_FACTOR
            kinds = found.setdefault(pair, {})
            kinds[relation.kind] = max(strength, kinds.get(relation.kind, 0.0))
    return {
        pair: tuple(sorted(kinds, key=lambda kind: (-kinds[kind], _KIND_ORDER[kind])))
        for pair, kinds in found.items()
    }


# -- paths -----------------------------------------------------------------------------------
#
# A walk from the owner to the partner with the fewest hops (d), or one more, never visits
# an organisation twice: leaving out a loop would give one with d - 1 hops or fewer. So
# these paths are exactly the walks of d and d + 1 hops, and a depth-first search that
# only steps where such a walk can still be completed finds them with no dead end. Taking
# the strengths from strongest down, and neighbours in id order, it finds them in the
# order asked for and stops after ``limit``.


def _paths(adjacency: _Adjacency, owner: str, partner: str, limit: int) -> list[list[str]]:
    region = _region(adjacency, owner, partner)
    if region is None:
        return []
    shortest = region[owner]
    near: dict[str, dict[str, float]] = {
        node: {other: s for other, s in adjacency[node].items() if other in region}
        for node in region
    }
    strengths = sorted({s for around in near.values() for s in around.values()}, reverse=True)
    layers: dict[float, _Layers] = {}
    found: list[list[str]] = []
    for hops in (shortest, shortest + 1):
        for threshold in strengths:
            if threshold not in layers:
                layers[threshold] = _Layers(near, partner, threshold)
            for path in layers[threshold].walks(owner, hops):
                found.append(path)
                if len(found) == limit:
                    return found
    return found


def _region(adjacency: _Adjacency, owner: str, partner: str) -> dict[str, int] | None:
    """Organisations on some path of d or d + 1 hops, with their distance to the partner.

    Two breadth-first searches grow a ball around the owner and one around the partner,
    a whole layer at a time, the smaller side first, until they meet: then their radii
    add up to d. Every walk of at most d + 1 hops stays inside the two balls (its k-th
    organisation is at most k from the owner and d + 1 - k from the partner), so the
    distances to the partner are taken inside them, which leaves every distance on such
    a walk as it is. Then, from the owner, through those whose two distances add up to
    at most d + 1 (every organisation on a shortest path to such a one does too, so
    this search finds them all). In a national network the balls hold a few thousand
    organisations where one search from the partner would visit most of the 100,000.
    """
    balls = _balls(adjacency, owner, partner)
    if balls is None:
        return None
    to_partner = _distances(adjacency, partner, balls)
    bound = to_partner[owner] + 1
    from_owner = {owner: 0}
    layer = [owner]
    while layer:
        following = []
        for node in layer:
            step = from_owner[node] + 1
            for other in adjacency[node]:
                rest = to_partner.get(other)
                if other not in from_owner and rest is not None and step + rest <= bound:
                    from_owner[other] = step
                    following.append(other)
        layer = following
    return {node: to_partner[node] for node in from_owner}


def _balls(adjacency: _Adjacency, owner: str, partner: str) -> set[str] | None:
    """The organisations within r of the owner or s of the partner, r + s = d; None: no path."""
    if owner not in adjacency or partner not in adjacency:
        return None
    reached = ({owner}, {partner})
    layers = ([owner], [partner])
    while True:
        side = 0 if len(layers[0]) <= len(layers[1]) else 1
        seen, other_side = reached[side], reached[1 - side]
        following = []
        for node in layers[side]:
            for neighbour in adjacency[node]:
                if neighbour not in seen:
                    seen.add(neighbour)
                    following.append(neighbour)
        if not following:
            return None
        layers[side][:] = following
        if not other_side.isdisjoint(following):
            return reached[0] | reached[1]


def _distances(adjacency: _Adjacency, start: str, within: set[str]) -> dict[str, int]:
    """Hops from ``start`` to each organisation ``within`` reaches, going only through them."""
    distance = {start: 0}
    layer = [start]
    while layer:
        depth = distance[layer[0]] + 1
        following: list[str] = []
        for node in layer:
            for other in adjacency[node]:
                if other in within and other not in distance:
                    distance[other] = depth
                    following.append(other)
        layer = following
    return distance


class _Layers:
    """The near network with only links of at least ``threshold``, layered by distance."""

    __slots__ = ("_around", "_detour", "_distance", "_near", "_threshold")

    def __init__(
        self, near: Mapping[str, Mapping[str, float]], partner: str, threshold: float
    ) -> None:
        self._near = near
        self._threshold = threshold
        self._around = {
            node: sorted(other for other, s in around.items() if s >= threshold)
            for node, around in near.items()
        }
        self._distance = distance = {partner: 0}
        layer = [partner]
        while layer:
            following: list[str] = []
            for node in layer:
                for other in self._around[node]:
                    if other not in distance:
                        distance[other] = distance[node] + 1
                        following.append(other)
            layer = following
        self._detour: dict[str, bool] | None = None

    def _detours(self) -> dict[str, bool]:
        """Whether a walk one hop longer than the shortest leads from a node to the partner.

        Such a walk takes one step within a layer and all others down: a node has one if
        it has a neighbour in its own layer or one in the layer below that has one.
        """
        if self._detour is None:
            distance = self._distance
            detour: dict[str, bool] = {}
            for node in sorted(distance, key=distance.__getitem__):
                depth = distance[node]
                detour[node] = any(
                    distance.get(other) == depth
                    or (distance.get(other) == depth - 1 and detour[other])
                    for other in self._around[node]
                )
            self._detour = detour
        return self._detour

    def _fits(self, node: str, remaining: int) -> bool:
        depth = self._distance.get(node)
        if depth is None or depth > remaining:
            return False
        return depth == remaining or (depth == remaining - 1 and self._detours()[node])

    def walks(self, owner: str, hops: int) -> Iterator[list[str]]:
        """Paths of exactly ``hops`` whose weakest link is exactly the threshold, in id order.

        Those with a stronger weakest link were found at a higher threshold already.
        """
        if not self._fits(owner, hops):
            return
        path = [owner]
        weakest = [math.inf]
        choices = [iter(self._steps(owner, hops - 1))]
        while choices:
            node = next(choices[-1], None)
            if node is None:
                choices.pop()
                path.pop()
                weakest.pop()
                continue
            strength = min(weakest[-1], self._near[path[-1]][node])
            if len(path) == hops:
                if strength == self._threshold:
                    yield [*path, node]
                continue
            path.append(node)
            weakest.append(strength)
            choices.append(iter(self._steps(node, hops - len(path))))

    def _steps(self, node: str, remaining: int) -> list[str]:
        return [other for other in self._around[node] if self._fits(other, remaining)]


def _path(
    organisations: Mapping[str, Organisation],
    adjacency: _Adjacency,
    kinds: Mapping[_Pair, tuple[RelationKind, ...]],
    ids: list[str],
) -> IntroductionPath:
    hops = tuple(
        Hop(
            organisations[source],
            organisations[target],
            kinds[_pair(source, target)],
            adjacency[source][target],
        )
        for source, target in itertools.pairwise(ids)
    )
    return IntroductionPath(
        tuple(organisations[node] for node in ids), hops, min(hop.strength for hop in hops)
    )


# -- co-applicants and brokers ---------------------------------------------------------------


def _co_applicants(
    organisations: Mapping[str, Organisation],
    adjacency: _Adjacency,
    kinds: Mapping[_Pair, tuple[RelationKind, ...]],
    owner: str,
    partner: str,
) -> tuple[CoApplicant, ...]:
    found = [
        CoApplicant(organisations[other], kinds[_pair(partner, other)], strength)
        for other, strength in adjacency.get(partner, {}).items()
        if other != owner
        and organisations[other].kind in CO_APPLICANT_KINDS
        and not SUBSTANTIAL_KINDS.isdisjoint(kinds[_pair(partner, other)])
    ]
    return tuple(sorted(found, key=lambda co: (-co.strength, co.organisation.id)))


def _ranked_brokers(project: Project, limit: int) -> tuple[Broker, ...]:
    if not limit:
        return ()
    import networkx as nx  # noqa: PLC0415 - loaded by the one function that needs it

    organisations = project.organisations
    graph: nx.Graph[str] = nx.Graph()
    # Sorted, so that neither the sample nor the sums depend on the order of the file.
    graph.add_nodes_from(sorted(organisations))
    pairs = {_pair(relation.source, relation.target) for relation in project.relations}
    graph.add_edges_from(sorted(pairs))
    size = len(organisations)
    work = size * (size + len(pairs))
    sources = None if work <= _BETWEENNESS_BUDGET else _sources(size, len(pairs))
    scores = nx.betweenness_centrality(graph, k=sources, normalized=True, seed=_SEED)
    owner = project.owner.id
    ranked = sorted(
        (-round(score, _DIGITS), node) for node, score in scores.items() if node != owner
    )
    return tuple(
        Broker(organisations[node], -negative) for negative, node in ranked[:limit] if negative < 0
    )


def _sources(organisations: int, relations: int) -> int:
    """How many source organisations betweenness samples so the work stays in budget."""
    return min(organisations, max(_MIN_SOURCES, _BETWEENNESS_BUDGET // (organisations + relations)))
