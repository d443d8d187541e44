"""What networkx's backend dispatch gives civsam's national network, on this machine.

civsam's network analyses run on networkx, which can hand a call to a separately
installed implementation, a *backend*: nx-parallel spreads the work over the machine's
cores, graphblas-algorithms runs it as sparse linear algebra (SuiteSparse:GraphBLAS).
This times analyses a national user would run on the undirected network of a
deterministic national-size project (``benchmarks/national.py``, three relations per
organisation) with networkx itself and with each installed backend that implements
them, alternating the backends so that a busy machine slows all alike, and checks that
every backend gives networkx's answer. A backend that is not installed, or does not
load, is skipped with a message saying why.

Every call converts the graph to the backend's own kind, as when ``civsam.brokers``
builds its graph afresh: networkx can cache a conversion on the graph, but
graphblas-algorithms then also keeps results (triangles, degrees) on it, so a second
call would time a lookup. The conversion alone is timed on its own line, and so is
reading a GraphBLAS answer key by key, which :func:`as_dict` avoids.

    pip install -e . --group dispatch   # pip 25.1+: nx-parallel (Python 3.12+), GraphBLAS
    python benchmarks/dispatch.py --size 20000 --repeat 5
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import io
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from importlib.metadata import PackageNotFoundError, entry_points, version
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import networkx as nx
from national import national

import civsam

BACKENDS = {"parallel": "nx-parallel", "graphblas": "graphblas-algorithms"}
"""The backends tried, by their networkx name, with the package that provides each."""

MUNICIPALITY = "kommune-000"
"""The project's owner: where the distances are measured from."""

SEED = 2026
"""civsam's seed for sampling betweenness sources."""

_BUDGET, _MIN_SOURCES = 4_000_000, 10  # as civsam.network, so the sample is civsam's
_BROKERS = 10


class Analysis(NamedTuple):
    """One analysis: the networkx function it dispatches, and how to run it on a backend."""

    name: str
    function: Any
    """The dispatchable networkx function: its ``.backends`` say who implements it."""
    run: Callable[[str | None], object]
    """Run it with that backend (``None``: networkx's own code)."""
    same: Callable[[Any, Any], bool]
    """Whether a backend's answer is networkx's."""


def simple_graph(project: civsam.Project) -> nx.Graph[str]:
    """The undirected simple graph of the project's relations, as civsam's brokers use it.

    Every organisation, also one without relations; each related pair once, whatever the
    direction and however many kinds. No attributes: a backend converts or ships less.
    """
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(sorted(project.graph))
    graph.add_edges_from(sorted({(u, v) if u < v else (v, u) for u, v in project.graph.edges()}))
    return graph


def sources(graph: nx.Graph[str]) -> int:
    """How many sources civsam samples for betweenness on a graph this size."""
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    if nodes * (nodes + edges) <= _BUDGET:
        return nodes
    return min(nodes, max(_MIN_SOURCES, _BUDGET // (nodes + edges)))


def _top(scores: dict[str, float]) -> list[str]:
    return [node for _, node in sorted((-round(s, 12), node) for node, s in scores.items())][:20]


def _close(tolerance: float) -> Callable[[Any, Any], bool]:
    def same(ours: dict[str, float], theirs: dict[str, float]) -> bool:
        return ours.keys() == theirs.keys() and all(
            abs(ours[node] - theirs[node]) <= tolerance for node in ours
        )

    return same


def as_dict(answer: Mapping[Any, Any]) -> dict[str, Any]:
    """A per-organisation answer as a dict, read the fast way for the backend that gave it.

    graphblas-algorithms answers with a ``NodeMap`` over a GraphBLAS vector: read key by
    key, it costs some 25 µs an organisation (seconds at national size, more than the
    analysis); its vector and ``id_to_key`` read it in one step.
    """
    vector, keys = getattr(answer, "vector", None), getattr(answer, "id_to_key", None)
    if vector is None or keys is None:
        return dict(answer)
    ids, values = vector.to_coo()
    return dict(zip([keys[i] for i in ids.tolist()], values.tolist(), strict=True))


def _on(backend: str | None) -> dict[str, str]:
    """A dispatchable's ``backend=`` argument, left out for networkx's own code.

    networkx takes ``backend=None`` (its default), but the stubs refuse it.
    """
    return {} if backend is None else {"backend": backend}


def _quiet_priority(backend: str | None, run: Callable[[], object]) -> object:
    """Run with ``backend`` first in networkx's priority, as a user's configuration would.

    nx-parallel 0.4 prints ``n_jobs=…`` when networkx asks whether it should run; that
    print is kept out of the table.
    """
    if backend is None:
        return run()
    with nx.config(backend_priority=[backend]), contextlib.redirect_stdout(io.StringIO()):
        return run()


def analyses(project: civsam.Project, graph: nx.Graph[str]) -> list[Analysis]:
    """What a national user runs on the network, each with its answer check."""
    k = sources(graph)
    return [
        Analysis(
            f"betweenness, {k:,} sources",
            nx.betweenness_centrality,
            lambda b: nx.betweenness_centrality(graph, k=k, seed=SEED, **_on(b)),
            lambda ours, theirs: _top(ours) == _top(theirs) and _close(1e-9)(ours, theirs),
        ),
        Analysis(
            "civsam.brokers",
            nx.betweenness_centrality,
            lambda b: _quiet_priority(b, lambda: civsam.brokers(project, _BROKERS)),
            lambda ours, theirs: (
                [x.organisation.id for x in ours] == [x.organisation.id for x in theirs]
            ),
        ),
        Analysis(
            "connected components",
            nx.number_connected_components,
            lambda b: nx.number_connected_components(graph, **_on(b)),
            lambda ours, theirs: ours == theirs,
        ),
        Analysis(
            "pagerank",
            nx.pagerank,
            lambda b: as_dict(nx.pagerank(graph, **_on(b))),
            _close(1e-6),
        ),
        Analysis(
            f"distances from {MUNICIPALITY}",
            nx.single_source_shortest_path_length,
            lambda b: as_dict(nx.single_source_shortest_path_length(graph, MUNICIPALITY, **_on(b))),
            lambda ours, theirs: ours == theirs,
        ),
        Analysis(
            "average clustering",
            nx.average_clustering,
            lambda b: nx.average_clustering(graph, **_on(b)),
            lambda ours, theirs: abs(ours - theirs) <= 1e-9,
        ),
    ]


def available() -> tuple[dict[str, Any], list[str]]:
    """The backends that load (name: interface), and a message for each that is skipped."""
    found = {point.name: point for point in entry_points(group="networkx.backends")}
    loaded: dict[str, Any] = {}
    skipped: list[str] = []
    for name, package in BACKENDS.items():
        if name not in found:
            skipped.append(f"skipped {name}: {package} is not installed (pip install {package})")
            continue
        try:
            loaded[name] = found[name].load()
        except Exception as error:  # noqa: BLE001 - any failure to load means: skip it
            skipped.append(
                f"skipped {name}: {package} {version(package)} is installed but does not load "
                f"with networkx {nx.__version__}: {type(error).__name__}: {error}"
            )
    return loaded, skipped


def _timed(run: Callable[[], object]) -> float:
    gc.collect()
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _converting(run: Callable[[str | None], object], backend: str | None) -> Callable[[], object]:
    """The call, converting the graph every time: a cached conversion can carry results."""

    def call() -> object:
        with nx.config(cache_converted_graphs=False):
            return run(backend)

    return call


class Row(NamedTuple):
    """A backend's median time for one analysis and whether it agrees, or why it has none."""

    backend: str
    median: float | None = None
    same: bool | None = None
    note: str = ""


def measure(analysis: Analysis, backends: list[str], repeat: int) -> list[Row]:
    """Median times of the analysis with networkx and each backend that implements it."""
    runners: dict[str, Callable[[], object]] = {}
    rows: dict[str, Row] = {}
    for backend in ("networkx", *backends):
        if backend not in analysis.function.backends:
            rows[backend] = Row(backend, note="not implemented")
        else:
            runners[backend] = _converting(analysis.run, None if backend == "networkx" else backend)
    answers: dict[str, object] = {}
    for backend, run in list(runners.items()):  # warm up: worker processes, JIT compilation
        try:
            answers[backend] = run()
        except ImportError as error:  # e.g. networkx's own pagerank needs scipy
            del runners[backend]
            rows[backend] = Row(backend, note=f"{type(error).__name__}: {error}")
    times: dict[str, list[float]] = {backend: [] for backend in runners}
    for _ in range(repeat):
        for backend, run in runners.items():
            times[backend].append(_timed(run))
    reference = answers.get("networkx")
    for backend, taken in times.items():
        same = None if reference is None else analysis.same(answers[backend], reference)
        rows[backend] = Row(backend, statistics.median(taken), same)
    return [rows[name] for name in ("networkx", *backends) if name in rows]


def conversions(graph: nx.Graph[str], backends: dict[str, Any], repeat: int) -> list[Row]:
    """Median time each backend takes to convert the graph, included in every call above."""
    taken: dict[str, list[float]] = {backend: [] for backend in backends}
    for _ in range(repeat):
        for backend, interface in backends.items():
            taken[backend].append(_timed(functools.partial(interface.convert_from_nx, graph)))
    return [Row(backend, statistics.median(times)) for backend, times in taken.items()]


def key_by_key(graph: nx.Graph[str], backends: dict[str, Any], repeat: int) -> list[Row]:
    """Median time to read a GraphBLAS PageRank key by key, as ``dict(answer)`` does."""
    if "graphblas" not in backends:
        return []
    answer = nx.pagerank(graph, backend="graphblas")
    return [
        Row("graphblas", statistics.median(_timed(lambda: dict(answer)) for _ in range(repeat)))
    ]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:,.1f} ms"


def _table(name: str, rows: list[Row]) -> list[str]:
    base = next((row.median for row in rows if row.backend == "networkx"), None)
    lines = []
    for row in rows:
        if row.median is None:
            lines.append(f"| {name} | {row.backend} | {row.note} | | |")
            continue
        ratio = f"{base / row.median:.2f}×" if base else ""
        same = {True: "yes", False: "NO", None: ""}[row.same]
        lines.append(f"| {name} | {row.backend} | {_ms(row.median)} | {ratio} | {same} |")
    return lines


def _versions(backends: dict[str, Any]) -> str:
    names = ["networkx", *(BACKENDS[b] for b in backends)]
    if "graphblas" in backends:
        names.append("python-graphblas")
    with contextlib.suppress(PackageNotFoundError):
        version("scipy")
        names.append("scipy")
    return ", ".join(f"{name} {version(name)}" for name in names)


def _load() -> str:
    """The machine's load: a backend spreading work over cores needs cores that are free."""
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    """Print what each installed backend gives, as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000, help="organisations (20000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per backend (5)")
    args = parser.parse_args(argv)
    backends, skipped = available()
    for message in skipped:
        print(message)
    data = national(args.size, relations=args.size * 3, assessments=0, touchpoints=0)
    project = civsam.loads(json.dumps(data), "json")
    graph = simple_graph(project)
    print(
        f"civsam {civsam.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores; {_versions(backends)}\n"
        f"{graph.number_of_nodes():,} organisations, {graph.number_of_edges():,} related "
        f"pairs; median of {args.repeat}; {_load()}\n"
    )
    print("| analysis | backend | median | speed-up | same answer |")
    print("|---|---|---:|---:|---|")
    for analysis in analyses(project, graph):
        for line in _table(analysis.name, measure(analysis, [*backends], args.repeat)):
            print(line, flush=True)
    for line in _table("convert the graph", conversions(graph, backends, args.repeat)):
        print(line)
    for line in _table("dict(pagerank), key by key", key_by_key(graph, backends, args.repeat)):
        print(line)
    print(f"\nat the end: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
