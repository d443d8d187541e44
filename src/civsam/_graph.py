"""The project's networkx graph: organisations as nodes, relations as edges, read-only.

Kept apart from :mod:`civsam.project` so that networkx is imported only when a graph is
first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import networkx as nx

from civsam import _fast_graph
from civsam._message import Text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from networkx import MultiDiGraph

    from civsam.model import Organisation, Relation

__all__ = ["build_graph"]


class _Attributes(dict[str, Any]):
    """A node's or edge's attributes, read-only in the project's graph.

    ``nx.freeze`` stops new nodes and edges, but not ``graph.nodes[n]["name"] = …``; the
    project's graph is shared between callers, so its attributes are locked too: they
    are :class:`_LockedAttributes`. A copy (``graph.copy()``, ``nx.Graph(graph)``) gets
    fresh attributes of this class or plain dicts, which can be changed.
    """

    __slots__ = ()
    _locked = False

    def _refuse(self, *_args: Any, **_kwargs: Any) -> Any:
        if self._locked:
            raise nx.NetworkXError(Text("project_graph.read_only"))
        return None

    def __setitem__(self, key: str, value: Any) -> None:
        self._refuse()
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self._refuse()
        super().__delitem__(key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._refuse()
        super().update(*args, **kwargs)

    def pop(self, *args: Any) -> Any:
        self._refuse()
        return super().pop(*args)

    def popitem(self) -> tuple[str, Any]:
        self._refuse()
        return super().popitem()

    def setdefault(self, key: str, default: Any = None) -> Any:
        self._refuse()
        return super().setdefault(key, default)

    def clear(self) -> None:
        self._refuse()
        super().clear()

    def __ior__(self, other: Any) -> Any:  # type: ignore[misc] # dict's |= bypasses update
        self._refuse()
        return super().__ior__(other)

    def __reduce__(self) -> tuple[type[_Attributes], tuple[dict[str, Any]]]:
        # copy and pickle rebuild a dict subclass key by key through __setitem__, which a
        # locked one refuses: give them the whole dict for the constructor instead, so that
        # deepcopy (graph.to_undirected(), graph.reverse()) and pickle work as on any graph.
        return type(self), (dict(self),)


class _LockedAttributes(_Attributes):
    """Attributes of the project's own graph: made whole, then only read.

    The fast path makes them whole by dict's constructor; the reference lets networkx's
    factories make and fill :class:`_Attributes`, then gives them this class.
    """

    __slots__ = ()
    _locked = True


class _ProjectGraph(nx.MultiDiGraph):  # type: ignore[type-arg]
    """A MultiDiGraph whose copies get :class:`_Attributes` (networkx's factory hooks)."""

    node_attr_dict_factory = _Attributes
    edge_attr_dict_factory = _Attributes
    graph_attr_dict_factory = _Attributes


def build_graph(
    organisations: Iterable[Organisation],
    relations: Iterable[Relation],
    *,
    reference: bool | None = None,
) -> MultiDiGraph[str]:
    """The project's graph, frozen, with locked attributes.

    ``reference=True`` builds it with networkx's public ``add_nodes_from`` and
    ``add_edges_from``; ``False`` fills networkx's dicts directly (see
    :mod:`civsam._fast_graph`), which gives the same graph in 60% of the time. The
    default is the fast way unless ``CIVSAM_REFERENCE=1`` was set when civsam was
    imported.
    """
    if reference is None:
        reference = _fast_graph.REFERENCE
    graph: Any = _ProjectGraph()
    if reference:
        graph.add_nodes_from(
            (o.id, {"organisation": o, "name": o.name, "kind": o.kind.value}) for o in organisations
        )
        edges: Iterable[Any] = (  # keyed 4-tuples, which networkx's stubs do not know
            (
                r.source,
                r.target,
                r.kind.value,
                {"relation": r, "kind": r.kind.value, "since": r.since},
            )
            for r in relations
        )
        graph.add_edges_from(edges)
        # Made by the factories as _Attributes, which take changes: lock them now.
        for _, attributes in graph.nodes(data=True):
            attributes.__class__ = _LockedAttributes
        for *_, attributes in graph.edges(keys=True, data=True):
            attributes.__class__ = _LockedAttributes
    else:
        _fast_graph.fill(graph, organisations, relations, _LockedAttributes)
    graph.graph = _LockedAttributes()
    return cast("MultiDiGraph[str]", nx.freeze(graph))
