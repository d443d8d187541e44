"""The fast path of the project's graph: networkx's dicts filled directly.

The reference is networkx's public ``add_nodes_from`` and ``add_edges_from``
(:func:`civsam._graph.build_graph` with ``reference=True``), which look up, check and
default each node and edge one call at a time. The project has checked them already, so
this fills the graph's dicts directly, as ``add_edges_from`` would leave them: ``_node``
(node → attributes) and ``_succ``/``_pred`` (node → neighbour → key → attributes, the
key dict shared between the two directions). Those names are networkx's internals, not
its API: ``tests/test_fast_paths.py`` pins that the installed networkx still keeps a
``MultiDiGraph`` so (and fails, saying so, when it does not), and holds the graph built
here to the reference's, node for node and edge for edge, in order.

Set ``CIVSAM_REFERENCE=1`` before civsam is imported to build with the reference alone
(and to structure files with it, see :mod:`civsam.files._fast_structure`).
``docs/scale.md`` ("Fast paths") says what this buys.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from civsam.model import Organisation, Relation

__all__ = ["REFERENCE", "fill"]

REFERENCE = os.environ.get("CIVSAM_REFERENCE") == "1"
"""Whether the reference alone runs: ``CIVSAM_REFERENCE=1``, read once, at import."""


def fill(
    graph: Any,
    organisations: Iterable[Organisation],
    relations: Iterable[Relation],
    attributes: Callable[..., dict[str, Any]],
) -> None:
    """Add the organisations and relations to an empty ``MultiDiGraph``, in bulk.

    Each node's and edge's attributes are made whole by ``attributes(**values)``, as
    networkx's factories would make them and ``update`` fill them. Edges are keyed by
    the relation's kind, as the reference keys them.
    """
    nodes, successors, predecessors = graph._node, graph._succ, graph._pred  # noqa: SLF001
    for organisation in organisations:
        node = organisation.id
        nodes[node] = attributes(
            organisation=organisation, name=organisation.name, kind=organisation.kind.value
        )
        successors[node] = {}
        predecessors[node] = {}
    for relation in relations:
        source, target, kind = relation.source, relation.target, relation.kind.value
        keys = successors[source].get(target)
        if keys is None:
            keys = successors[source][target] = predecessors[target][source] = {}
        keys[kind] = attributes(relation=relation, kind=kind, since=relation.since)
