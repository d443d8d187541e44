"""Each fast path gives what its reference gives: the converter's and the graph's.

Two fast paths, each in a module of its own beside its reference, with one switch
(``CIVSAM_REFERENCE=1``, or an argument) that runs the reference alone:

- :mod:`civsam.files._fast_structure` reads a table with a one-pass function generated
  from attrs' public field data and hands any failure to cattrs' detailed one; the
  reference, ``make_converter(fast=False)``, uses the detailed function alone. Both must
  accept the same tables, build equal values, count the same keys and report the same
  problems. The generator recognises validators by equality with ones attrs' public
  factories build, which a test here pins for the installed attrs.
- :mod:`civsam._fast_graph` fills networkx's dicts directly; the reference,
  ``build_graph(..., reference=True)``, uses ``add_nodes_from`` and ``add_edges_from``.
  Both must give the same graph, in the same order, as read-only. The fill relies on
  networkx's internal layout, which a test here pins for the installed version.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import json
import os
import pickle
import subprocess
import sys
from collections import UserDict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn, cast

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import civsam
import civsam.files.io
from civsam import (
    Assessment,
    Contact,
    ItemReview,
    Organisation,
    OrgKind,
    OutreachEntry,
    Project,
    ReadinessAnswer,
    Relation,
    Review,
    Touchpoint,
    ValidationError,
    _fast_graph,
    _graph,
)
from civsam._checks import IDENTIFIER, field_check
from civsam._document import SECTIONS
from civsam.files import _fast_structure
from civsam.files._converter import (
    _ENUMS,
    Budget,
    budget,
    converter,
    make_converter,
    walk_errors,
)
from civsam.model import Rating
from civsam.testing import (
    assessments,
    contacts,
    identifiers,
    item_reviews,
    organisations,
    outreach_entries,
    projects,
    ratings,
    readiness_answers,
    relations,
    reviews,
    texts,
    touchpoints,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    import cattrs

MANY = _fast_structure.MANY
FAST = make_converter(fast=True)
DETAILED = make_converter(fast=False)


def _fell_back(data: object, cls: type[Any]) -> NoReturn:
    raise AssertionError(f"the one-pass function handed a valid {cls.__name__} on: {data!r}")


def _never_detailed() -> cattrs.Converter:
    """A fast converter that fails where it would fall back: a valid table takes one pass."""
    one_pass = _fast_structure.one_pass

    def without_fallback(
        cls: type[Any], conv: cattrs.Converter, _detailed: Any, *args: Any
    ) -> Callable[[Any, Any], Any]:
        return one_pass(cls, conv, _fell_back, *args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_fast_structure, "one_pass", without_fallback)
        return make_converter(fast=True)


ONE_PASS = _never_detailed()

_IDS = st.lists(identifiers(), min_size=2, max_size=4, unique=True)
VALUES: dict[type[Any], st.SearchStrategy[Any]] = {
    Contact: contacts(),
    Rating: ratings(),
    ItemReview: item_reviews(),
    Organisation: organisations(),
    Relation: _IDS.flatmap(relations),
    Assessment: assessments(),
    ReadinessAnswer: readiness_answers(),
    OutreachEntry: _IDS.flatmap(outreach_entries).filter(bool).flatmap(st.sampled_from),
    Touchpoint: _IDS.flatmap(touchpoints),
    Review: _IDS.flatmap(reviews).filter(bool).flatmap(st.sampled_from),
}
"""Valid values of every class the fast converter reads quickly first."""


def _name(cls: type[Any]) -> str:
    return cls.__name__


def _shape(value: object) -> object:
    """A value with the exact type of every part: ``==`` alone takes an enum for its text."""
    cls = type(value)
    if attrs.has(cls):
        return cls, tuple((f.name, _shape(getattr(value, f.name))) for f in attrs.fields(cls))
    if isinstance(value, tuple | list):
        return type(value), tuple(_shape(item) for item in value)
    return type(value), value


def _fingerprint(error: BaseException) -> object:
    """An error and every error inside it: types, texts and cattrs' notes."""
    inner = error.exceptions if isinstance(error, BaseExceptionGroup) else ()
    notes = tuple((type(note), str(note)) for note in getattr(error, "__notes__", ()))
    return type(error), str(error), notes, tuple(_fingerprint(sub) for sub in inner)


@contextlib.contextmanager
def _budget(limits: Budget) -> Iterator[Budget]:
    token = budget.set(limits)
    try:
        yield limits
    finally:
        budget.reset(token)


def _outcome(
    conv: cattrs.Converter, table: Any, cls: type[Any], limits: Budget | None = None
) -> tuple[str, object, object, int]:
    """What structuring gives: the value (with its shape), or the error as io reports it.

    Within ``limits`` (a fresh default budget if none): the keys it counted are part of
    the outcome, since the loader compares them with a JSON file's keys.
    """
    before = copy.deepcopy(table)
    with _budget(copy.copy(limits) if limits is not None else Budget()) as counted:
        try:
            value = conv.structure(table, cls)
        except Exception as error:  # noqa: BLE001 - any error is compared, type included
            outcome: tuple[str, object, object, int] = (
                "refused",
                list(walk_errors(error)),
                _fingerprint(error),
                counted.keys,
            )
        else:
            outcome = ("built", value, _shape(value), counted.keys)
    assert [table] == [before], "structuring changed the table it was given"  # nan is nan
    return outcome


def _fresh(text: str) -> str:
    """An equal string that is a new object (unless Python shares it: '' and one letter)."""
    return (text + "\0")[:-1]


# -- the converters --------------------------------------------------------------------------


def test_every_fast_class_has_values_here() -> None:
    """A class added to the fast path is covered here too."""
    assert set(VALUES) == set(MANY)


@pytest.mark.parametrize("cls", MANY, ids=_name)
def test_the_fast_converter_reads_quickly_first_and_the_reference_does_not(
    cls: type[Any],
) -> None:
    """Otherwise every comparison below compares the detailed function with itself."""
    fast = "civsam.files._fast_structure"
    assert FAST.get_structure_hook(cls).__module__ == fast
    # The default converter follows the switch (the suite also runs with it set).
    default = converter.get_structure_hook(cls).__module__
    assert (default == fast) is not _fast_structure.REFERENCE
    assert DETAILED.get_structure_hook(cls).__module__ != fast


_SWITCH = """
import attrs
import civsam
from civsam import Organisation, _graph
from civsam.files._converter import converter
print(converter.get_structure_hook(Organisation).__module__)
graph = civsam.example().graph
print(type(next(iter(graph.nodes.values()))).__name__)
"""


@pytest.mark.parametrize(
    ("value", "structure"),
    [("1", "civsam.files._converter"), ("0", "civsam.files._fast_structure"),
     ("", "civsam.files._fast_structure")],
    ids=["reference", "0", "unset"],
)  # fmt: skip
def test_civsam_reference_1_runs_the_references_alone(value: str, structure: str) -> None:
    """The documented switch: read once, at import, for the converter and the graph."""
    env = {k: v for k, v in os.environ.items() if k != "CIVSAM_REFERENCE"}
    if value:
        env["CIVSAM_REFERENCE"] = value
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", _SWITCH], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == [structure, "_LockedAttributes"]


def test_the_switch_is_what_the_defaults_follow(monkeypatch: pytest.MonkeyPatch) -> None:
    """``make_converter()`` and ``build_graph()`` take the switch as read at import."""
    example = civsam.example()
    built: list[bool] = []
    monkeypatch.setattr(_fast_graph, "fill", lambda *_args: built.append(True))
    for reference in (True, False):
        monkeypatch.setattr(_fast_structure, "REFERENCE", reference)
        monkeypatch.setattr(_fast_graph, "REFERENCE", reference)
        hook = make_converter().get_structure_hook(Organisation)
        assert (hook.__module__ == "civsam.files._fast_structure") is not reference
        built.clear()
        _graph.build_graph(example.organisations.values(), example.relations)
        assert built == ([] if reference else [True])


_PIN = (
    f"attrs {attrs.__version__} no longer compares validators made by attrs.validators as "
    "civsam.files._fast_structure expects; run with CIVSAM_REFERENCE=1 (the reference "
    "structuring) until the generator is adapted"
)


@pytest.mark.parametrize("sure", [str, int, bool, dt.date, tuple, OrgKind], ids=_name)
def test_attrs_validators_compare_as_the_generator_relies_on(sure: type[Any]) -> None:
    """Validators built alike are equal, built otherwise are not: how redundant ones are found."""
    iv = attrs.validators
    assert iv.instance_of(sure) == iv.instance_of(sure), _PIN
    assert iv.optional(iv.instance_of(sure)) == iv.optional(iv.instance_of(sure)), _PIN
    assert iv.deep_iterable(iv.instance_of(sure)) == iv.deep_iterable(iv.instance_of(sure)), _PIN
    other = float
    assert iv.instance_of(sure) != iv.instance_of(other), _PIN
    assert iv.optional(iv.instance_of(sure)) != iv.instance_of(sure), _PIN
    assert iv.deep_iterable(iv.instance_of(sure)) != iv.deep_iterable(iv.instance_of(other)), _PIN
    assert iv.and_(iv.instance_of(sure)) not in _fast_structure.redundant_validators(sure, sure)
    assert iv.instance_of(other) not in _fast_structure.redundant_validators(sure, sure), _PIN


def test_the_generator_recognises_the_models_validators() -> None:
    """The validators the model declares are the ones the generator leaves out, as before."""
    fields = attrs.fields(Organisation)
    assert fields.contacts.validator in _fast_structure.redundant_validators(tuple, Contact), _PIN
    assert fields.name.validator not in _fast_structure.redundant_validators(str, None)
    assert fields.notes.validator in _fast_structure.redundant_validators(str, None), _PIN
    assert attrs.fields(Contact).role.validator in _fast_structure.redundant_validators(
        str, None
    ), _PIN


@pytest.mark.parametrize("cls", MANY, ids=_name)
@given(data=st.data())
def test_a_valid_table_gives_the_same_value_with_interned_ids(
    cls: type[Any], data: st.DataObject
) -> None:
    """Each converter rebuilds the value exactly, the fast one in one pass; ids are interned."""
    value = data.draw(VALUES[cls])
    table = DETAILED.unstructure(value)
    assert FAST.unstructure(value) == table
    ids = [a.name for a in attrs.fields(cls) if field_check(a) is IDENTIFIER]
    for conv in (ONE_PASS, DETAILED):
        for name in ids:  # an equal id, but not the interned object
            table[name] = _fresh(table[name])
        built = conv.structure(table, cls)
        assert _shape(built) == _shape(value)
        assert built == value
        assert hash(built) == hash(value)
        for name in ids:
            assert getattr(built, name) is sys.intern(_fresh(table[name]))


_TEXTS = ("", " ", " x ", "x ", "\t", "a\x00b", "line\nbreak", "a\x7fb", "\u00a0", "x")
_ENUM_TEXTS = tuple(dict.fromkeys(str(member.value) for enum in _ENUMS for member in enum))
_WRONG_ENUMS = ("Municipality", "municipality ", "not_started", "unknown", "TICKED")
_DATES = ("2026-02-30", "2026-02-28", "2026-2-28", "20260228", "2026-W09-6", "2026-02-28T10:00")
_OTHER: tuple[object, ...] = (
    0, 1, 3, 5, 6, -1, 10**20, 1.0, 3.0, 2.5, float("nan"), True, False, None,
    [], {}, ["x"], ["x", "x"], [{}], [1], [None], ("x",), {"name": "x"},
    dt.date(2026, 2, 28), dt.date(1900, 1, 1), dt.time(10, 0),
    dt.datetime(2026, 2, 28, 10, 0, tzinfo=dt.UTC),
    OrgKind.OTHER, UserDict({"name": "x"}),
)  # fmt: skip
ODD_VALUES = st.one_of(
    st.sampled_from((*_TEXTS, *_WRONG_ENUMS, *_DATES, *_OTHER)).map(copy.deepcopy),
    st.sampled_from(_ENUM_TEXTS),
    st.integers(),
    texts(max_size=8),
)
"""Values of every kind a file (or a caller) can put where another was expected."""

_KEYS = st.sampled_from(
    tuple(dict.fromkeys(a.name for cls in MANY for a in attrs.fields(cls)))
) | st.sampled_from(("extra", "Name", "ID", "id ", ""))
"""Keys to add: the fields of every fast class (this one's or another's) and unknown ones."""


def _parts(table: dict[str, Any]) -> tuple[list[dict[str, Any]], list[list[Any]]]:
    """The tables (this one and those in its lists) and the lists inside ``table``."""
    tables, lists = [table], []
    for value in table.values():
        if isinstance(value, list):
            lists.append(value)
            for item in value:
                if isinstance(item, dict):
                    more_tables, more_lists = _parts(item)
                    tables += more_tables
                    lists += more_lists
    return tables, lists


def _change_table(draw: st.DrawFn, table: dict[str, Any]) -> None:
    kind = draw(st.sampled_from(["add", "drop", "replace", "copy"] if table else ["add"]))
    if kind == "add":
        table[draw(_KEYS)] = draw(ODD_VALUES)
        return
    key = draw(st.sampled_from(sorted(table)))
    if kind == "drop":
        del table[key]
    elif kind == "replace":
        table[key] = draw(ODD_VALUES)
    else:  # another field's value: a relation to itself, an end before its start, …
        table[key] = copy.deepcopy(table[draw(st.sampled_from(sorted(table)))])


def _change_list(draw: st.DrawFn, items: list[Any]) -> None:
    kind = draw(
        st.sampled_from(
            ["append", "empty", "drop", "repeat", "replace", "mapping"] if items else ["append"]
        )
    )
    if kind == "append":
        items.append(draw(ODD_VALUES))
    elif kind == "empty":
        items.clear()
    else:
        position = draw(st.integers(0, len(items) - 1))
        if kind == "drop":
            del items[position]
        elif kind == "repeat":  # the same rater or checklist item twice
            items.append(copy.deepcopy(items[position]))
        elif kind == "mapping" and isinstance(items[position], dict):  # a table, but no dict
            items[position] = UserDict(items[position])
        else:
            items[position] = draw(ODD_VALUES)


BUDGETS = st.one_of(
    st.just(Budget()),
    st.builds(
        Budget,
        max_name=st.integers(0, 12),
        max_text=st.integers(0, 12),
        max_list=st.integers(0, 3),
    ),
)
"""The default limits, or small ones that valid tables often exceed."""


@st.composite
def mutated(draw: st.DrawFn, table: dict[str, Any]) -> dict[str, Any]:
    """``table`` with one to three changes, anywhere in it, nested tables included."""
    table = copy.deepcopy(table)
    for _ in range(draw(st.integers(1, 3))):
        tables, lists = _parts(table)
        in_list = draw(st.booleans())
        if lists and in_list:
            _change_list(draw, draw(st.sampled_from(lists)))
        else:
            _change_table(draw, draw(st.sampled_from(tables)))
    return table


@pytest.mark.parametrize("cls", MANY, ids=_name)
@given(data=st.data())
def test_a_changed_table_gets_the_same_answer_from_both_converters(
    cls: type[Any], data: st.DataObject
) -> None:
    """Equal values, or the same error; never a table the fast converter alone accepts."""
    table = data.draw(VALUES[cls].map(DETAILED.unstructure).flatmap(mutated))
    limits = data.draw(BUDGETS)
    detailed = _outcome(DETAILED, table, cls, limits)
    fast = _outcome(FAST, table, cls, limits)
    if detailed[0] == "refused":
        assert fast[0] == "refused", f"the fast converter accepted {table!r}"
    assert fast == detailed


@pytest.mark.parametrize("cls", MANY, ids=_name)
@given(value=ODD_VALUES.filter(lambda value: not isinstance(value, Mapping)))
def test_what_is_not_a_table_is_refused_alike(cls: type[Any], value: object) -> None:
    """A list, a text or a number where the table should be: the same error."""
    detailed = _outcome(DETAILED, value, cls)
    assert detailed[0] == "refused"
    assert _outcome(FAST, value, cls) == detailed


def _documents(keys: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """Any value a JSON or TOML document can hold, keyed by ``keys`` where it is a table."""
    scalars = ODD_VALUES.filter(lambda value: not isinstance(value, list | dict | UserDict))
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
        max_leaves=20,
    )


@pytest.mark.parametrize("cls", MANY, ids=_name)
@given(data=st.data())
def test_any_document_gets_the_same_answer_from_both_converters(
    cls: type[Any], data: st.DataObject
) -> None:
    """A table of any shape, mostly of the class's own keys: the same outcome and count."""
    own = st.sampled_from([a.name for a in attrs.fields(cls)])
    table = data.draw(st.dictionaries(own | _KEYS, _documents(own | _KEYS), max_size=8))
    limits = data.draw(BUDGETS)
    assert _outcome(FAST, table, cls, limits) == _outcome(DETAILED, table, cls, limits)


@pytest.mark.parametrize("cls", MANY, ids=_name)
@given(data=st.data())
def test_a_valid_table_beyond_small_limits_is_refused_alike(
    cls: type[Any], data: st.DataObject
) -> None:
    """Texts and lists held to a small budget: the same "too long" and "too many" errors."""
    table = data.draw(VALUES[cls].map(DETAILED.unstructure))
    limits = data.draw(BUDGETS)
    detailed = _outcome(DETAILED, table, cls, limits)
    assert _outcome(FAST, table, cls, limits) == detailed


@pytest.mark.parametrize(
    ("cls", "key", "item"),
    [
        (Organisation, "contacts", {"name": "Anna"}),
        (Assessment, "ratings", {"rater": "Anna", "importance": 4}),
        (Review, "items", {"item": "leadership", "status": "green"}),
    ],
    ids=["Organisation", "Assessment", "Review"],
)
def test_a_mapping_that_is_not_a_dict_is_no_table_in_a_list(
    cls: type[Any], key: str, item: dict[str, Any]
) -> None:
    """The fast path once took it, as the item's own function does; the list refuses it."""
    table = {"id": "a", "name": "A", "partner": "a", "date": dt.date(2026, 3, 2)}
    names = {a.name for a in attrs.fields(cls)}
    table = {name: value for name, value in table.items() if name in names}
    table[key] = [UserDict(item)]
    detailed = _outcome(DETAILED, table, cls)
    rows = cast("list[tuple[object, ...]]", detailed[1])
    said = [(where, *map(str, rest)) for where, *rest in rows]
    assert (detailed[0], said) == ("refused", [((key, 0), "wrong value", "a UserDict", "a table")])
    assert _outcome(FAST, table, cls) == detailed
    table[key] = [item]
    assert _outcome(FAST, table, cls)[0] == "built"


# -- whole files -----------------------------------------------------------------------------


def _load(text: str, fmt: civsam.files.io.Format, conv: cattrs.Converter) -> object:
    """The project a file holds, or the problems civsam reports, read with ``conv``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(civsam.files.io, "converter", conv)
        try:
            return civsam.loads(text, fmt, source=f"project.{fmt}")
        except ValidationError as error:
            return str(error), error.problems


def test_a_file_is_structured_with_the_converter_io_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Swapping io's converter swaps what reads a file: the comparisons below are real."""
    spy = make_converter(fast=False)
    seen: list[str] = []
    base = spy.get_structure_hook(Organisation)

    def structure(table: dict[str, Any], cls: type[Organisation]) -> Organisation:
        seen.append(table["id"])
        return base(table, cls)  # type: ignore[no-any-return]

    example = civsam.example()
    assert vars(civsam.files.io)["converter"] is converter  # the fast one, tested above
    spy.register_structure_hook(Organisation, structure)
    monkeypatch.setattr(civsam.files.io, "converter", spy)
    assert civsam.loads(civsam.dumps(example)) == example
    assert seen == list(example.organisations)


@given(project=projects(history=True), fmt=st.sampled_from(["toml", "json"]))
def test_a_saved_project_loads_alike_with_both_converters(
    project: Project, fmt: civsam.files.io.Format
) -> None:
    """``loads(dumps(p))`` is ``p`` again, whichever converter reads it."""
    text = civsam.dumps(project, fmt)
    fast, detailed = _load(text, fmt, FAST), _load(text, fmt, DETAILED)
    assert fast == project
    assert detailed == project


def _json(value: object) -> object:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, UserDict):
        return dict(value)
    raise TypeError(value)  # pragma: no cover


@given(project=projects(min_partners=1, history=True), data=st.data())
def test_a_changed_file_gets_the_same_answer_from_both_converters(
    project: Project, data: st.DataObject
) -> None:
    """One table of a file changed: the same project, or the same problems, line by line."""
    raw = json.loads(civsam.dumps(project, "json"))
    section = data.draw(st.sampled_from([name for name in SECTIONS if raw.get(name)]))
    position = data.draw(st.integers(0, len(raw[section]) - 1))
    raw[section][position] = data.draw(mutated(raw[section][position]))
    text = json.dumps(raw, indent=2, default=_json)
    assert _load(text, "json", FAST) == _load(text, "json", DETAILED)


# -- the graph -------------------------------------------------------------------------------


def reference_graph(project: Project) -> nx.MultiDiGraph[str]:
    """The project's graph as networkx builds it, one node and one edge at a time."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_nodes_from(
        (o.id, {"organisation": o, "name": o.name, "kind": o.kind.value})
        for o in project.organisations.values()
    )
    edges: Iterable[Any] = (  # keyed 4-tuples, which networkx's stubs do not know
        (r.source, r.target, r.kind.value, {"relation": r, "kind": r.kind.value, "since": r.since})
        for r in project.relations
    )
    graph.add_edges_from(edges)
    return graph


def _layout(graph: Any) -> tuple[object, ...]:
    """Everything a graph holds, in its order: nodes, edges and both adjacencies.

    Any graph, simple or multi, directed or not (networkx's stubs type these one by one).
    """
    pred = graph.pred if isinstance(graph, nx.DiGraph) else graph.adj
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else graph.edges(data=True)
    return (
        type(graph.graph),
        dict(graph.graph),
        list(graph.nodes(data=True)),
        list(edges),
        [(n, [(m, dict(keys)) for m, keys in nbrs.items()]) for n, nbrs in graph.adjacency()],
        [(n, [(m, dict(keys)) for m, keys in nbrs.items()]) for n, nbrs in pred.items()],
    )


BUILDS: dict[str, Callable[[Project], Any]] = {
    "fast": lambda project: _graph.build_graph(
        project.organisations.values(), project.relations, reference=False
    ),
    "reference": lambda project: _graph.build_graph(
        project.organisations.values(), project.relations, reference=True
    ),
    "project.graph": lambda project: project.graph,
}
"""The ways civsam builds a project's graph: each fast path, its reference, the default."""


def _state(graph: Any) -> list[str]:
    """A graph's instance attributes, less networkx's cached views (``adj``, ``nodes``, …)."""
    cached = functools.cached_property
    return sorted(
        name for name in vars(graph) if not isinstance(getattr(type(graph), name, None), cached)
    )


def _internals(graph: Any) -> tuple[object, ...]:
    """What a graph keeps, read from networkx's internals.

    The type of every dict in it, which key dicts are shared between the two directions,
    and its instance attributes.
    """
    adjacency = [
        (
            type(graph._succ[n]),
            type(graph._pred[n]),
            [(m, type(keys), graph._pred[m][n] is keys) for m, keys in graph._succ[n].items()],
        )
        for n in graph._node
    ]
    attributes = [type(a) for _, a in graph.nodes(data=True)]
    attributes += [type(a) for *_, a in graph.edges(keys=True, data=True)]
    return (
        type(graph),
        _state(graph),
        type(graph._node),
        type(graph._succ),
        type(graph._pred),
        graph._adj is graph._succ,
        adjacency,
        attributes,
        nx.is_frozen(graph),
    )


@given(project=projects(max_partners=10))
def test_the_fast_graph_is_the_reference_graph(project: Project) -> None:
    """Filled directly or one call at a time: the same graph, to the type of every dict."""
    fast, reference = BUILDS["fast"](project), BUILDS["reference"](project)
    assert _layout(fast) == _layout(reference)
    assert _internals(fast) == _internals(reference)
    locked = [_graph._LockedAttributes] * (len(project.organisations) + len(project.relations))
    assert _internals(fast)[-2:] == (locked, True)  # read-only, both of them
    assert _layout(project.graph) == _layout(reference)


_NETWORKX_CHANGED = (
    f"networkx {nx.__version__} keeps a MultiDiGraph otherwise than civsam._fast_graph.fill "
    "fills it: build with CIVSAM_REFERENCE=1 until fill is changed to match (or removed), "
    "and see docs/scale.md, 'Fast paths'"
)


def test_networkx_keeps_the_layout_the_graph_fill_relies_on() -> None:
    """The private layout ``_fast_graph.fill`` writes, as the installed networkx keeps it."""
    empty = _graph._ProjectGraph()
    graph: Any = _graph._ProjectGraph()
    graph.add_nodes_from([("a", {"x": 1}), ("b", {})])
    edges: Iterable[Any] = [("a", "b", "k", {"y": 2}), ("b", "b", "k", {})]
    graph.add_edges_from(edges)
    # A graph keeps nothing else (no count, no index) that the fill would have to keep up.
    kept = ["__networkx_cache__", "_adj", "_node", "_pred", "_succ", "graph"]
    assert _state(empty) == kept, _NETWORKX_CHANGED
    assert _state(graph) == kept, _NETWORKX_CHANGED
    assert graph._succ is graph._adj, _NETWORKX_CHANGED
    assert [type(graph._node), type(graph._succ), type(graph._pred)] == [dict] * 3, (
        _NETWORKX_CHANGED
    )
    assert graph._node == {"a": {"x": 1}, "b": {}}, _NETWORKX_CHANGED
    assert graph._succ == {"a": {"b": {"k": {"y": 2}}}, "b": {"b": {"k": {}}}}, _NETWORKX_CHANGED
    assert graph._pred == {"a": {}, "b": {"a": {"k": {"y": 2}}, "b": {"k": {}}}}, _NETWORKX_CHANGED
    assert graph._succ["a"]["b"] is graph._pred["b"]["a"], _NETWORKX_CHANGED
    assert type(graph._succ["a"]["b"]) is dict, _NETWORKX_CHANGED
    assert type(graph._succ["a"]["b"]["k"]) is _graph._Attributes, _NETWORKX_CHANGED
    assert graph.nodes["a"] is graph._node["a"], _NETWORKX_CHANGED
    assert graph.succ["a"]["b"]["k"] is graph._succ["a"]["b"]["k"], _NETWORKX_CHANGED
    assert not graph.__networkx_cache__, _NETWORKX_CHANGED


@pytest.mark.parametrize("build", BUILDS.values(), ids=BUILDS.keys())
@given(project=projects(max_partners=10))
def test_the_graph_is_the_one_networkx_builds(
    build: Callable[[Project], Any], project: Project
) -> None:
    """Same nodes, edges, keys, data and order; networkx's algorithms answer alike."""
    graph: Any = build(project)  # networkx's stubs know no in_edges(keys=…)
    reference: Any = reference_graph(project)
    assert nx.utils.graphs_equal(graph, reference)
    assert _layout(graph)[1:] == _layout(reference)[1:]
    assert list(graph.in_edges(keys=True, data=True)) == list(
        reference.in_edges(keys=True, data=True)
    )
    assert list(graph.degree()) == list(reference.degree())
    assert list(graph.in_degree()) == list(reference.in_degree())
    for source, targets in graph._succ.items():  # one key dict, seen from both ends
        for target, keys in targets.items():
            assert graph._pred[target][source] is keys
    assert dict(nx.shortest_path_length(graph)) == dict(nx.shortest_path_length(reference))
    undirected, plain = graph.to_undirected(as_view=True), reference.to_undirected(as_view=True)
    assert dict(nx.shortest_path_length(undirected)) == dict(nx.shortest_path_length(plain))
    assert list(nx.Graph(graph).edges(data=True)) == list(nx.Graph(reference).edges(data=True))
    assert list(nx.weakly_connected_components(graph)) == list(
        nx.weakly_connected_components(reference)
    )
    assert nx.degree_centrality(graph) == nx.degree_centrality(reference)
    assert nx.node_link_data(graph, edges="edges") == nx.node_link_data(reference, edges="edges")


COPIES: dict[str, Callable[[Any], Any]] = {
    "copy": lambda graph: graph.copy(),
    "MultiDiGraph": nx.MultiDiGraph,
    "to_undirected": lambda graph: graph.to_undirected(),
    "subgraph.copy": lambda graph: graph.subgraph(list(graph)[1:]).copy(),
    "edge_subgraph.copy": lambda graph: graph.edge_subgraph(list(graph.edges(keys=True))).copy(),
    "reverse": lambda graph: graph.reverse(),
    "to_directed": lambda graph: graph.to_directed(),
    "relabel_nodes": lambda graph: nx.relabel_nodes(graph, {"aarhus-kommune": "aarhus"}),
    "compose": lambda graph: nx.compose(graph, nx.MultiDiGraph()),
    "Graph": nx.Graph,
    "DiGraph": nx.DiGraph,
}
"""Ways to get a graph of one's own, to change."""


@pytest.fixture(scope="module")
def example() -> Project:
    """The bundled example: organisations with relations of every kind."""
    return civsam.example()


@pytest.mark.parametrize("make", COPIES.values(), ids=COPIES.keys())
def test_a_copy_is_the_reference_copy_and_can_be_changed(
    example: Project, make: Callable[[Any], Any]
) -> None:
    """Each copy equals the same copy of the reference, and changing it is the copy's affair."""
    before = _layout(reference_graph(example))
    mine, reference = make(example.graph), make(reference_graph(example))
    assert isinstance(mine, type(reference))
    assert not nx.is_frozen(mine)
    assert nx.utils.graphs_equal(mine, reference)
    assert _layout(mine)[1:] == _layout(reference)[1:]
    node = next(iter(mine))
    mine.nodes[node]["name"] = "Changed"
    mine.nodes[node].update(kind="other")
    mine.graph["title"] = "Mine"
    edge = next(iter(mine.edges(data=True)))[2]
    edge["since"] = dt.date(2000, 1, 1)
    del edge["kind"]
    mine.add_node("new")
    assert mine.nodes[node]["name"] == "Changed"
    assert _layout(example.graph)[1:] == before[1:]


@pytest.mark.parametrize(
    "make",
    [copy.deepcopy, lambda graph: pickle.loads(pickle.dumps(graph))],  # noqa: S301 - our own
    ids=["deepcopy", "pickle"],
)
def test_a_faithful_copy_is_equal_and_as_read_only(
    example: Project, make: Callable[[Any], Any]
) -> None:
    """``deepcopy`` and pickling keep the graph as it is: equal, frozen and locked."""
    graph = make(example.graph)
    assert nx.utils.graphs_equal(graph, reference_graph(example))
    assert _layout(graph) == _layout(example.graph)
    assert nx.is_frozen(graph)
    with pytest.raises(nx.NetworkXError, match="read-only"):
        graph.nodes[next(iter(graph))]["name"] = "Changed"


def _ior(attributes: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    attributes |= other
    return attributes


CHANGES: dict[str, Callable[[dict[str, Any]], object]] = {
    "setitem": lambda d: d.__setitem__("name", "x"),
    "setitem new": lambda d: d.__setitem__("new", "x"),
    "delitem": lambda d: d.__delitem__("name"),
    "update": lambda d: d.update(name="x"),
    "update nothing": lambda d: d.update({}),
    "pop": lambda d: d.pop("name"),
    "pop default": lambda d: d.pop("new", None),
    "popitem": lambda d: d.popitem(),
    "setdefault": lambda d: d.setdefault("new", "x"),
    "clear": lambda d: d.clear(),
    "|=": lambda d: _ior(d, {"name": "x"}),
}
"""Every dict method that changes a dict in place."""

WHERE: dict[str, Callable[[nx.MultiDiGraph[str]], dict[str, Any]]] = {
    "node": lambda graph: graph.nodes["aarhus-kommune"],
    "edge": lambda graph: next(iter(graph.edges(data=True)))[2],
    "graph": lambda graph: graph.graph,
}


@pytest.mark.parametrize("where", WHERE.values(), ids=WHERE.keys())
@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_the_projects_graph_refuses_every_change_to_its_attributes(
    example: Project,
    where: Callable[[nx.MultiDiGraph[str]], dict[str, Any]],
    change: Callable[[dict[str, Any]], object],
) -> None:
    """Node, edge and graph attributes: NetworkXError with the way out, nothing changed."""
    before = _layout(example.graph)
    attributes = where(example.graph)
    with pytest.raises(
        nx.NetworkXError,
        match=r"^the project's graph is read-only; change the project, or work on graph\.copy\(\)$",
    ):
        change(attributes)
    assert _layout(example.graph) == before
    assert nx.utils.graphs_equal(example.graph, reference_graph(example))
