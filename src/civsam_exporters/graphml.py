"""The network as GraphML: for Gephi, yEd, networkx, igraph and other graph tools.

One node per organisation, its id the organisation's id, and one directed edge per
relation, so two organisations related in two ways get two parallel edges (``e0``,
``e1``, … in the project's order). Every attribute is declared with a ``<key>`` and a
type; what the prioritisation says (quadrant, rank, scores, disagreement, outreach step)
is only on assessed partners, and dates only where they are set. Contact persons appear
only with ``include_contacts``; raters never. Notes follow the CSV export: the
assessment's notes are there, an organisation's and a relation's notes are not.

Each node also carries yEd's own node graphics (a ``y:ShapeNode`` with the name as its
label, filled by quadrant) and each edge an arrow with the relation's kind, because yEd
ignores plain data when it draws; other readers skip them. XML 1.0 cannot hold most
control characters, nor U+FFFE and U+FFFF: they are removed from all text. The file is
written by hand, not through networkx's writer, which would write them and cannot add
yEd's graphics.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import BinaryIO

import attrs

import civsam
from civsam import Organisation, OutreachStep, Quadrant, Report, hookimpl, toolkit

__all__ = ["GRAPHML", "GraphmlExporter", "civsam_exporters", "xml_text"]

_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xmlns:y="http://www.yworks.com/xml/graphml"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">\n'
)
# (key id, for, attr.name, attr.type): the order of the <key> elements and of the data.
_KEYS = (
    ("g_name", "graph", "name", "string"),
    ("n_label", "node", "label", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_kind_label", "node", "kind_label", "string"),
    ("n_target_groups", "node", "target_groups", "string"),
    ("n_owner", "node", "owner", "boolean"),
    ("n_quadrant", "node", "quadrant", "string"),
    ("n_quadrant_label", "node", "quadrant_label", "string"),
    ("n_rank", "node", "rank", "int"),
    ("n_importance", "node", "importance", "double"),
    ("n_ease", "node", "ease", "double"),
    ("n_disagreement", "node", "disagreement", "boolean"),
    ("n_step", "node", "step", "string"),
    ("n_notes", "node", "notes", "string"),
    ("n_contact_name", "node", "contact_name", "string"),
    ("n_contact_email", "node", "contact_email", "string"),
    ("n_contact_phone", "node", "contact_phone", "string"),
    ("e_kind", "edge", "kind", "string"),
    ("e_kind_label", "edge", "kind_label", "string"),
    ("e_since", "edge", "since", "string"),
    ("e_until", "edge", "until", "string"),
)
_CONTACT_DATA = ("n_contact_name", "n_contact_email", "n_contact_phone")
"""The keys of a contact's name, e-mail and phone (:class:`civsam.toolkit.ContactDetails`)."""
_CONTACT_KEYS = frozenset(_CONTACT_DATA)
_FILL = {
    None: "#FFFFFF",
    Quadrant.START_HERE: "#B7E1A1",
    Quadrant.DISCUSS: "#FFE08A",
    Quadrant.NOT_NOW: "#A9CCE3",
    Quadrant.NOT_WORTH_IT: "#D5D5D5",
}
"""yEd fill by quadrant (white: not assessed); the quadrant is in the data as well."""
_OWNER_FILL = "#F4A582"
_HEIGHT = 30.0
_GAP = 40.0


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold, line breaks kept.

    Those are the C0 controls but tab and line breaks, DEL, U+FFFE, U+FFFF and lone
    surrogates (:func:`civsam.toolkit.clean`); networkx's own writer would write them,
    and no XML parser reads them.
    """
    return toolkit.clean(text, target="xml", lines=True)


_text = toolkit.escape_text
"""Element content that reads back as ``xml_text(text)``, carriage returns included."""
_attribute = toolkit.escape_attribute
"""An attribute value that reads back unchanged (no whitespace normalisation)."""


def _node_ids(report: Report) -> dict[str, str]:
    """Organisation id → node id, escaped for an attribute: the id itself if XML can hold it.

    An id with a character XML cannot hold (never one civsam makes) loses it and, should
    that make it empty or equal to another id, gets ``~2``, ``~3``, … until it is unique.
    """
    ids = list(report.project.organisations)
    taken = {org_id for org_id in ids if org_id and xml_text(org_id) == org_id}
    nodes: dict[str, str] = {}
    for org_id in ids:
        if org_id in taken:
            nodes[org_id] = _attribute(org_id)
            continue
        base = xml_text(org_id) or "id"
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}~{number}"
        taken.add(candidate)
        nodes[org_id] = _attribute(candidate)
    return nodes


def _key(key: tuple[str, str, str, str]) -> str:
    """The ``<key>`` element declaring one attribute."""
    key_id, domain, name, kind = key
    return f'  <key id="{key_id}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>\n'


_RECOGNISED = (_HEADER + _key(_KEYS[0])).encode()
"""How every GraphML file civsam writes begins: its header, then the graph's name's key."""


def _data(key: str, value: str | float) -> str:
    """One ``<data>`` element: a boolean, an int, a double or text, as its key declares."""
    if isinstance(value, str):
        text = _text(value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = repr(value)  # an int as 3, a double as 3.0 or 3.5: both XML Schema forms
    return f'      <data key="{key}">{text}</data>\n'


@attrs.frozen
class _Writer:
    """The GraphML of one report: labels looked up once, nodes then edges."""

    report: Report
    words: toolkit.Labels = attrs.field(init=False)

    @words.default
    def _words(self) -> toolkit.Labels:
        return toolkit.Labels(self.report.language)

    def lines(self) -> Iterator[str]:
        """The whole file, line by line."""
        report = self.report
        yield _HEADER
        keys = [key for key in _KEYS if report.include_contacts or key[0] not in _CONTACT_KEYS]
        yield from map(_key, keys)
        yield '  <key id="n_graphics" for="node" yfiles.type="nodegraphics"/>\n'
        yield '  <key id="e_graphics" for="edge" yfiles.type="edgegraphics"/>\n'
        yield '  <graph id="G" edgedefault="directed">\n'
        yield f'    <data key="g_name">{_text(report.project.name)}</data>\n'
        nodes = _node_ids(report)
        yield from self._nodes(nodes)
        yield from self._edges(nodes)
        yield "  </graph>\n</graphml>\n"

    def _nodes(self, nodes: dict[str, str]) -> Iterator[str]:
        report = self.report
        project, words = report.project, self.words
        placed = {row.id: row for row in toolkit.rows(report)}
        # The last recorded step counts: one pass, not a scan per partner.
        steps = {entry.partner: entry.step for entry in project.outreach}
        assessments = project.assessments
        owner = project.owner.id
        # What many nodes share is written once.
        kinds = {
            kind: _data("n_kind", kind.value) + _data("n_kind_label", words.kind(kind))
            for kind in civsam.OrgKind
        }
        quadrants = {
            quadrant: _data("n_quadrant", quadrant.value)
            + _data("n_quadrant_label", words.quadrant(quadrant))
            for quadrant in Quadrant
        }
        step_data = {step: _data("n_step", step.value) for step in OutreachStep}
        owner_data = {flag: _data("n_owner", flag) for flag in (True, False)}
        columns = max(1, math.ceil(math.sqrt(len(nodes))))
        for index, (org_id, organisation) in enumerate(project.organisations.items()):
            node = nodes[org_id]
            name = xml_text(organisation.name) or node
            parts = [
                f'    <node id="{node}">\n',
                _data("n_label", name),
                kinds[organisation.kind],
                _data("n_target_groups", "; ".join(organisation.target_groups)),
                owner_data[org_id == owner],
            ]
            place = placed.get(org_id)
            if place is not None:
                parts += [
                    quadrants[place.quadrant],
                    _data("n_rank", place.rank),
                    _data("n_importance", float(place.importance)),
                    _data("n_ease", float(place.ease)),
                    _data("n_disagreement", bool(place.disagreement)),
                ]
            if place is not None or org_id in steps:
                parts.append(step_data[steps.get(org_id, OutreachStep.NOT_STARTED)])
            assessment = assessments.get(org_id)
            if assessment is not None and xml_text(assessment.notes):
                parts.append(_data("n_notes", assessment.notes))
            if report.include_contacts:
                parts.extend(self._contact(organisation))
            fill = _OWNER_FILL if org_id == owner else _FILL[place.quadrant if place else None]
            parts.append(_graphics(name, fill, index % columns, index // columns))
            parts.append("    </node>\n")
            yield "".join(parts)

    def _contact(self, organisation: Organisation) -> Iterator[str]:
        details = toolkit.contact_details(self.report, organisation)
        for key, value in zip(_CONTACT_DATA, details, strict=True):
            if value and xml_text(value):
                yield _data(key, value)

    def _edges(self, nodes: dict[str, str]) -> Iterator[str]:
        # Each kind's data and yEd arrow, written once.
        kinds: dict[civsam.RelationKind, tuple[str, str]] = {}
        for kind in civsam.RelationKind:
            text = self.words.relation(kind)
            kinds[kind] = (
                _data("e_kind", kind.value) + _data("e_kind_label", text),
                (
                    '      <data key="e_graphics"><y:PolyLineEdge>'
                    '<y:LineStyle color="#000000" type="line" width="1.0"/>'
                    '<y:Arrows source="none" target="standard"/>'
                    f"<y:EdgeLabel>{_text(text)}</y:EdgeLabel>"
                    "</y:PolyLineEdge></data>\n    </edge>\n"
                ),
            )
        for index, relation in enumerate(self.report.project.relations):
            data, graphics = kinds[relation.kind]
            since, until = relation.since, relation.until
            yield (
                f'    <edge id="e{index}" source="{nodes[relation.source]}" '
                f'target="{nodes[relation.target]}">\n{data}'
                + ("" if since is None else _data("e_since", since.isoformat()))
                + ("" if until is None else _data("e_until", until.isoformat()))
                + graphics
            )


def _graphics(name: str, fill: str, column: int, row: int) -> str:
    """The node as yEd draws it: a rounded box on a grid, wide enough for the name."""
    width = min(max(60.0, 7.0 * len(name) + 20.0), 320.0)
    x, y = column * (320.0 + _GAP), row * (_HEIGHT + _GAP)
    return (
        '      <data key="n_graphics"><y:ShapeNode>'
        f'<y:Geometry height="{_HEIGHT}" width="{width}" x="{x}" y="{y}"/>'
        f'<y:Fill color="{fill}" transparent="false"/>'
        '<y:BorderStyle color="#000000" type="line" width="1.0"/>'
        f"<y:NodeLabel>{_text(name)}</y:NodeLabel>"
        '<y:Shape type="roundrectangle"/>'
        "</y:ShapeNode></data>\n"
    )


@attrs.frozen
class GraphmlExporter:
    """The network as GraphML (see the module's description)."""

    name: str = "graphml"
    suffix: str = ".graphml"
    media_type: str = "application/graphml+xml"

    def export(self, report: Report, out: BinaryIO) -> None:
        """Write the GraphML document, UTF-8 encoded."""
        out.write("".join(_Writer(report).lines()).encode("utf-8"))

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` begins a GraphML file civsam wrote.

        civsam writes its header and first ``<key>`` by hand, the same in every file; a
        graph saved again by yEd, Gephi or networkx starts otherwise and is not taken for
        one.
        """
        return data.startswith(_RECOGNISED)


GRAPHML = GraphmlExporter()


@hookimpl
def civsam_exporters() -> list[GraphmlExporter]:
    """The GraphML network."""
    return [GRAPHML]
