"""The network exports, read back by their readers.

GraphML by networkx's reader and by igraph's (its own C parser on libxml2), and parsed
as plain XML; the Kumu blueprint by ``json``, checked against the structure Kumu's
import documents (https://docs.kumu.io/guides/import/blueprints).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import civsam
from civsam import (
    Assessment,
    Contact,
    Organisation,
    OrgKind,
    Project,
    Rating,
    Relation,
    RelationKind,
)
from civsam.testing import check_exporter, projects
from civsam_exporters.graphml import GRAPHML, xml_text
from civsam_exporters.kumu import KUMU

AS_OF = dt.date(2026, 1, 1)
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
Y_NS = "{http://www.yworks.com/xml/graphml}"
PARTNER = "aeldresagen-aarhus"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _export(project: Project, name: str, **options: Any) -> bytes:
    return civsam.export_project(project, name, as_of=AS_OF, **options)


def _xml(data: bytes) -> ET.Element:
    """Parse civsam's own export: no document type, so no entities to expand."""
    assert b"<!DOCTYPE" not in data
    return ET.fromstring(data)  # noqa: S314 - see above


def _networkx(data: bytes) -> nx.MultiDiGraph[str]:
    graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert isinstance(graph, nx.MultiDiGraph)
    return graph


def _igraph(data: bytes) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "network.graphml"
        path.write_bytes(data)
        return igraph.Graph.Read_GraphML(str(path))


def _small() -> Project:
    """A project with a rater, a disagreement, Danish letters, emoji and a contact."""
    project = Project("Små 😀 netværk", Organisation("ejer", "Ejer Kommune", OrgKind.MUNICIPALITY))
    project.add(
        Organisation(
            "blaa",
            "Blå Kors 👩‍👩‍👧",
            OrgKind.CIVIL_SOCIETY,
            target_groups=("ældre", "unge"),
            contacts=(Contact("Åse Kontakt", "aase@example.dk", "+45 11 22 33 44", "Formand"),),
            notes="Organisationens egen note",
        ),
        Organisation("blaa-2", "Blå Kors 👩‍👩‍👧", OrgKind.NON_PROFIT),
        Assessment(
            "blaa",
            contact="Åse Kontakt",
            notes="Vurderingens note\x01\r\nlinje to",
            ratings=(Rating("Rater Rasmussen", 5, 5), Rating("Rater Ravn", 1, 1)),
        ),
        Relation("ejer", "blaa", RelationKind.PARTNERSHIP, since=dt.date(2024, 1, 2)),
        Relation("ejer", "blaa", RelationKind.CO_CREATION, note="Relationens note"),
        Relation("blaa-2", "blaa", RelationKind.ACQUAINTANCE, until=dt.date(2025, 5, 6)),
    )
    return project


# -- the contract -----------------------------------------------------------------------------


@pytest.mark.parametrize("exporter", [GRAPHML, KUMU], ids=["graphml", "kumu"])
def test_keeps_civsams_promises(exporter: Any) -> None:
    """Bytes, determinism, empty and hostile projects, privacy, an unchanged report."""
    check_exporter(exporter)


def test_both_are_installed_formats() -> None:
    """`-f graphml` and `-f kumu` are there, with their suffixes and media types."""
    found = civsam.exporters()
    assert (found["graphml"].suffix, found["graphml"].media_type) == (
        ".graphml",
        "application/graphml+xml",
    )
    assert (found["kumu"].suffix, found["kumu"].media_type) == (".json", "application/json")


# -- GraphML ----------------------------------------------------------------------------------


def test_graphml_declares_typed_keys_before_the_graph() -> None:
    """Every attribute is a typed <key>, in a fixed order; yEd's graphics have theirs."""
    root = _xml(_export(civsam.example(), "graphml"))
    assert root.tag == f"{GRAPHML_NS}graphml"
    children = [child.tag.removeprefix(GRAPHML_NS) for child in root]
    assert children == ["key"] * (len(children) - 1) + ["graph"]
    keys = [
        (k.get("for"), k.get("attr.name"), k.get("attr.type"))
        for k in root.iter(f"{GRAPHML_NS}key")
        if k.get("yfiles.type") is None
    ]
    nodes = [(name, kind) for domain, name, kind in keys if domain == "node"]
    assert nodes == [
        ("label", "string"), ("kind", "string"), ("kind_label", "string"),
        ("target_groups", "string"), ("owner", "boolean"), ("quadrant", "string"),
        ("quadrant_label", "string"), ("rank", "int"), ("importance", "double"),
        ("ease", "double"), ("disagreement", "boolean"), ("step", "string"),
        ("notes", "string"),
    ]  # fmt: skip
    edges = [(name, kind) for domain, name, kind in keys if domain == "edge"]
    assert edges == [("kind", "string"), ("kind_label", "string"), ("since", "string"),
                     ("until", "string")]  # fmt: skip
    yfiles = {k.get("for"): k.get("yfiles.type") for k in root if k.get("yfiles.type")}
    assert yfiles == {"node": "nodegraphics", "edge": "edgegraphics"}
    graph = root.find(f"{GRAPHML_NS}graph")
    assert graph is not None
    assert graph.get("edgedefault") == "directed"


def test_graphml_read_by_networkx_on_the_example() -> None:
    """Every organisation a node, every relation an edge, typed attributes as declared."""
    project = civsam.example()
    graph = _networkx(_export(project, "graphml", language="en"))
    assert list(graph.nodes) == list(project.organisations)
    assert graph.number_of_edges() == len(project.relations) == 13
    partner = graph.nodes[PARTNER]
    assert partner["label"] == "Ældre Sagen Aarhus"
    assert (partner["kind"], partner["kind_label"]) == (
        "civil_society",
        "Civil-society organisation",
    )
    assert (partner["quadrant"], partner["quadrant_label"]) == ("start_here", "Let's start here")
    assert partner["rank"] == 1
    assert type(partner["rank"]) is int
    assert (partner["importance"], partner["ease"]) == (5.0, 5.0)
    assert type(partner["importance"]) is float
    assert partner["owner"] is False
    assert partner["disagreement"] is False
    assert partner["step"] == "maintain_contact"
    assert partner["target_groups"] == "ældre; ensomme ældre; pårørende"
    owner = graph.nodes["aarhus-kommune"]
    assert owner["owner"] is True
    assert "quadrant" not in owner
    # Two relations between the same two organisations: two parallel edges.
    between = graph.get_edge_data("aarhus-kommune", PARTNER)
    assert {data["kind"] for data in between.values()} == {"previous_project", "partnership"}
    assert len(set(between)) == 2
    first = next(data for data in between.values() if data["kind"] == "previous_project")
    assert (first["since"], first["until"]) == ("2022-09-01", "2023-06-30")
    assert first["kind_label"] == civsam.label("relation_kind.previous_project", "en")
    partnership = next(data for data in between.values() if data["kind"] == "partnership")
    assert "until" not in partnership


def test_graphml_read_by_networkx_with_danish_letters_and_emoji() -> None:
    """Text reads back exactly, emoji and Danish letters included; no control characters."""
    graph = _networkx(_export(_small(), "graphml"))
    assert graph.graph["name"] == "Små 😀 netværk"
    assert graph.nodes["blaa"]["label"] == graph.nodes["blaa-2"]["label"] == "Blå Kors 👩‍👩‍👧"
    assert graph.nodes["blaa"]["notes"] == "Vurderingens note\r\nlinje to"
    assert graph.nodes["blaa"]["disagreement"] is True
    assert graph.nodes["blaa"]["kind_label"] == "Civilsamfundsorganisation"
    assert "notes" not in graph.nodes["blaa-2"]  # an organisation's own notes stay out
    edges = Counter((u, v, data["kind"]) for u, v, data in graph.edges(data=True))
    assert edges == Counter(
        [("ejer", "blaa", "partnership"), ("ejer", "blaa", "co_creation"),
         ("blaa-2", "blaa", "acquaintance")]
    )  # fmt: skip
    assert graph.number_of_edges("ejer", "blaa") == 2


def test_graphml_read_by_igraph() -> None:
    """The igraph library's own GraphML parser reads the same network and attributes."""
    project = civsam.example()
    graph = _igraph(_export(project, "graphml"))
    assert graph.is_directed()
    assert graph.vs["id"] == list(project.organisations)
    assert graph.ecount() == len(project.relations)
    ids = graph.vs["id"]
    edges = Counter((ids[e.source], ids[e.target], e["kind"]) for e in graph.es)
    assert edges == Counter((r.source, r.target, r.kind.value) for r in project.relations)
    partner = graph.vs.find(id=PARTNER)
    assert partner["label"] == "Ældre Sagen Aarhus"
    assert (partner["quadrant"], partner["kind"]) == ("start_here", "civil_society")
    assert partner["rank"] == 1  # igraph keeps numbers as floats
    assert partner["owner"] is False
    assert partner["quadrant_label"] == "Lad os starte her"


def test_graphml_gives_yed_labels_and_shapes() -> None:
    """Each node has a yEd ShapeNode labelled with its name; each edge an arrow."""
    project = _small()
    root = _xml(_export(project, "graphml"))
    labels = [
        node.findtext(f"{GRAPHML_NS}data/{Y_NS}ShapeNode/{Y_NS}NodeLabel")
        for node in root.iter(f"{GRAPHML_NS}node")
    ]
    assert labels == [o.name for o in project.organisations.values()]
    arrows = [arrow.get("target") for arrow in root.iter(f"{Y_NS}Arrows")]
    assert arrows == ["standard"] * len(project.relations)
    edge_labels = [label.text for label in root.iter(f"{Y_NS}EdgeLabel")]
    assert edge_labels == [
        civsam.label(f"relation_kind.{r.kind.value}", "da") for r in project.relations
    ]


def test_graphml_removes_characters_xml_cannot_hold() -> None:
    """A name of only such characters falls back to the id; ids XML cannot hold are cleaned."""
    project = Project("P\ufffe", Organisation("ejer", "Ejer"))
    project.add(
        Organisation("x\ufffey", "\uffff"),
        Organisation("xy", "XY"),
        Relation("x\ufffey", "xy", RelationKind.ACQUAINTANCE),
    )
    data = _export(project, "graphml")
    text = data.decode("utf-8")
    assert not NOT_XML.search(text)
    graph = _networkx(data)
    assert list(graph.nodes) == ["ejer", "xy~2", "xy"]
    assert graph.nodes["xy~2"]["label"] == "xy~2"
    assert list(graph.edges) == [("xy~2", "xy", "e0")]
    assert graph.graph["name"] == "P"


@given(projects(history=True), st.booleans(), st.sampled_from(["da", "en"]))
def test_graphml_reads_back_for_any_project(
    project: Project,
    contacts: bool,  # noqa: FBT001 - drawn by given
    language: str,
) -> None:
    """Well-formed XML for hostile text; the same nodes, names and edges come back."""
    data = _export(project, "graphml", include_contacts=contacts, language=language)
    _xml(data)  # well-formed
    graph = _networkx(data)
    organisations = list(project.organisations.values())
    assert graph.number_of_nodes() == len(organisations)
    for node, organisation in zip(graph.nodes, organisations, strict=True):
        if not NOT_XML.search(organisation.id):
            assert node == organisation.id
        assert graph.nodes[node]["label"] == (xml_text(organisation.name) or node)
    assert graph.number_of_edges() == len(project.relations)
    names = dict(zip(project.organisations, graph.nodes, strict=True))
    assert Counter((u, v, d["kind"]) for u, v, d in graph.edges(data=True)) == Counter(
        (names[r.source], names[r.target], r.kind.value) for r in project.relations
    )
    other = _igraph(data)
    # igraph 1.0 (libxml2 underneath) reads an escaped "&" in an attribute as "&#38;".
    assert [node.replace("&#38;", "&") for node in other.vs["id"]] == list(graph.nodes)
    assert other.ecount() == len(project.relations)


# -- privacy ----------------------------------------------------------------------------------


def test_graphml_contacts_only_when_asked_and_raters_never() -> None:
    """No contact person without include_contacts, the assessment's with it; raters never."""
    project = _small()
    secrets = ["Åse Kontakt", "aase@example.dk", "+45 11 22 33 44", "Formand"]
    raters = ["Rater Rasmussen", "Rater Ravn"]
    private = _export(project, "graphml").decode("utf-8")
    assert not [s for s in [*secrets, *raters, "contact_"] if s in private]
    shared = _export(project, "graphml", include_contacts=True)
    assert not [s for s in raters if s in shared.decode("utf-8")]
    node = _networkx(shared).nodes["blaa"]
    assert (node["contact_name"], node["contact_email"], node["contact_phone"]) == tuple(
        secrets[:3]
    )
    assert "contact_name" not in _networkx(shared).nodes["blaa-2"]


def test_kumu_contacts_only_when_asked_and_raters_never() -> None:
    """The same rule in the Kumu blueprint, its fields named in the report's language."""
    project = _small()
    private = _export(project, "kumu").decode("utf-8")
    secrets = ["Åse", "aase@", "+45 11", "Formand", "Rater Rasmussen", "Rater Ravn"]
    assert not [s for s in secrets if s in private]
    shared = json.loads(_export(project, "kumu", include_contacts=True, language="en"))
    element = shared["elements"][1]
    assert (element["Contact person"], element["E-mail"], element["Phone"]) == (
        "Åse Kontakt",
        "aase@example.dk",
        "+45 11 22 33 44",
    )
    everything = json.dumps(shared, ensure_ascii=False)
    assert not [s for s in ["Rater Rasmussen", "Rater Ravn"] if s in everything]


# -- Kumu -------------------------------------------------------------------------------------


def _check_blueprint(blueprint: object) -> None:
    """The structure Kumu's JSON import documents, and ids as it needs them."""
    assert isinstance(blueprint, dict)
    assert list(blueprint) == ["elements", "connections"]
    elements, connections = blueprint["elements"], blueprint["connections"]
    assert isinstance(elements, list)
    assert isinstance(connections, list)
    ids = [item["id"] for item in [*elements, *connections]]
    assert all(isinstance(i, str) and i for i in ids)
    assert len(set(ids)) == len(ids), "ids must be unique across elements and connections"
    element_ids = {element["id"] for element in elements}
    for element in elements:
        assert isinstance(element["label"], str)
        assert isinstance(element["type"], str)
        assert isinstance(element["tags"], list)
        assert all(isinstance(tag, str) for tag in element["tags"])
    for connection in connections:
        assert connection["from"] in element_ids
        assert connection["to"] in element_ids
        assert isinstance(connection["type"], str)
        assert connection["direction"] in {"directed", "undirected", "mutual"}


def test_kumu_on_the_example() -> None:
    """Kind as type, quadrant, rank and scores as fields, relation kinds as types."""
    project = civsam.example()
    data = _export(project, "kumu")
    assert data.endswith(b"}\n")
    assert "Ældre Sagen Aarhus".encode() in data  # not \u00c6
    blueprint = json.loads(data)
    _check_blueprint(blueprint)
    elements = {element["id"]: element for element in blueprint["elements"]}
    assert list(elements) == list(project.organisations)
    partner = elements[PARTNER]
    assert partner["label"] == "Ældre Sagen Aarhus"
    assert partner["type"] == "Civilsamfundsorganisation"
    assert (partner["Kvadrant"], partner["Rang"]) == ("Lad os starte her", 1)
    assert (partner["Betydning"], partner["Lethed"]) == (5, 5)
    assert partner["Trin"] == "Vedligehold kontakten"
    assert partner["tags"] == ["ældre", "ensomme ældre", "pårørende"]
    assert (partner["Ejer"], elements["aarhus-kommune"]["Ejer"]) == ("nej", "ja")
    assert "Kvadrant" not in elements["aarhus-kommune"]
    connections = blueprint["connections"]
    assert len(connections) == len(project.relations)
    first = connections[0]
    assert first["id"] == "aarhus-kommune--previous-project--aeldresagen-aarhus"
    assert (first["from"], first["to"], first["direction"]) == (
        "aarhus-kommune",
        PARTNER,
        "directed",
    )
    assert first["type"] == civsam.label("relation_kind.previous_project", "da")
    assert (first["Siden"], first["Indtil"]) == ("2022-09-01", "2023-06-30")


def test_kumu_in_english() -> None:
    """Field names and values follow the report's language."""
    blueprint = json.loads(_export(civsam.example(), "kumu", language="en"))
    partner = next(e for e in blueprint["elements"] if e["id"] == PARTNER)
    assert (partner["type"], partner["Quadrant"], partner["Rank"]) == (
        "Civil-society organisation",
        "Let's start here",
        1,
    )
    assert partner["Raters disagree"] == "no"
    assert blueprint["connections"][1]["type"] == "Long-term partnership"
    assert blueprint["connections"][1]["Since"] == "2023-08-15"


def test_kumu_keeps_organisations_of_the_same_name_apart() -> None:
    """Same names stay two elements; connections name them by id; ids never clash."""
    project = _small()
    project.add(
        Organisation("ejer--partnership--blaa", "Et id som en forbindelses"),
    )
    blueprint = json.loads(_export(project, "kumu"))
    _check_blueprint(blueprint)
    same = [e["id"] for e in blueprint["elements"] if e["label"] == "Blå Kors 👩‍👩‍👧"]
    assert same == ["blaa", "blaa-2"]
    ids = [c["id"] for c in blueprint["connections"]]
    assert ids == [
        "ejer--partnership--blaa~2",
        "ejer--co-creation--blaa",
        "blaa-2--acquaintance--blaa",
    ]
    assert [c["from"] for c in blueprint["connections"]] == ["ejer", "ejer", "blaa-2"]
    blaa = blueprint["elements"][1]
    assert blaa["Bedømmerne er uenige"] == "ja"
    assert blaa["Noter"] == "Vurderingens note\x01\r\nlinje to"


@given(projects(history=True), st.booleans())
def test_kumu_is_a_valid_blueprint_for_any_project(
    project: Project,
    contacts: bool,  # noqa: FBT001 - drawn by given
) -> None:
    """Any project gives a blueprint Kumu can import, with every organisation and relation."""
    data = _export(project, "kumu", include_contacts=contacts)
    assert data.endswith(b"\n")
    blueprint = json.loads(data.decode("utf-8"))
    _check_blueprint(blueprint)
    assert [e["id"] for e in blueprint["elements"]] == list(project.organisations)
    assert [e["label"] for e in blueprint["elements"]] == [
        o.name for o in project.organisations.values()
    ]
    assert [(c["from"], c["to"]) for c in blueprint["connections"]] == [
        (r.source, r.target) for r in project.relations
    ]
