"""The network as a Kumu blueprint: JSON that kumu.io imports as a map.

Kumu's JSON import (https://docs.kumu.io/guides/import/blueprints) is an object with
``elements`` and ``connections``. An element has a ``label`` and may have a ``type``, a
``description``, ``tags`` and any custom field; a connection has ``from`` and ``to``, and
may have a ``type``, a ``direction`` and custom fields. Connections name elements by
label unless the elements have ``id`` s, and then by id; ids must be unique across all
elements and connections. Organisations' names may repeat, so every element's ``id`` is
the organisation's id and connections use it: two organisations of the same name stay
two elements. Each connection gets an id of its own too (Kumu updates a connection
instead of adding a copy when a map is imported again): ``source--kind--target``, the
kind with ``-`` for ``_`` (Kumu's search cannot select ids with underscores), and
``~2``, ``~3``, … should it equal another id.

An element's ``type`` is the organisation's kind and its ``tags`` its target groups; the
quadrant, rank, scores, disagreement and outreach step of an assessed partner are custom
fields, named and worded in the report's language, as is a connection's ``type`` (the
relation's kind) and its dates. Contact persons appear only with ``include_contacts``;
raters never; notes as in the CSV export (the assessment's notes). Kumu has no yes/no
fields: yes and no are written as words.
"""

from __future__ import annotations

import functools
import json
from typing import BinaryIO

import attrs

import civsam
from civsam import Language, OutreachStep, Report, hookimpl, label, toolkit

__all__ = ["KUMU", "KumuExporter", "blueprint", "civsam_exporters"]

Json = dict[str, object]


def _number(value: float) -> int | float:
    """A score as Kumu shows it: ``4``, not ``4.0``."""
    return int(value) if float(value).is_integer() else float(value)


def _unique(candidate: str, taken: set[str]) -> str:
    """``candidate``, or ``candidate~2``, ``~3``, … if the id is taken; then it is taken."""
    found, number = candidate, 1
    while found in taken:
        number += 1
        found = f"{candidate}~{number}"
    taken.add(found)
    return found


def _elements(report: Report) -> list[Json]:
    project, words = report.project, toolkit.Labels(report.language)
    field = {
        name: words(f"column.{name}")
        for name in ("quadrant", "rank", "importance", "ease", "disagreement", "step", "notes")
    }
    owner_field = words("report.owner")
    contact_fields = [words(f"column.{name}") for name in ("contact", "email", "phone")]
    yes, no = words("value.yes"), words("value.no")
    placed = {row.id: row for row in toolkit.rows(report)}
    approached = {entry.partner: entry.step for entry in project.outreach}
    elements: list[Json] = []
    for org_id, organisation in project.organisations.items():
        element: Json = {
            "id": org_id,
            "label": organisation.name,
            "type": words.kind(organisation.kind),
            "tags": list(organisation.target_groups),
            owner_field: yes if org_id == project.owner.id else no,
        }
        row = placed.get(org_id)
        if row is not None:
            element[field["quadrant"]] = words.quadrant(row.quadrant)
            element[field["rank"]] = row.rank
            element[field["importance"]] = _number(row.importance)
            element[field["ease"]] = _number(row.ease)
            element[field["disagreement"]] = yes if row.disagreement else no
            if row.assessment.notes:
                element[field["notes"]] = row.assessment.notes
        if row is not None or org_id in approached:
            element[field["step"]] = words.step(approached.get(org_id, OutreachStep.NOT_STARTED))
        if report.include_contacts:
            details = toolkit.contact_details(report, organisation)
            for key, value in zip(contact_fields, details, strict=True):
                if value:
                    element[key] = value
        elements.append(element)
    return elements


def _connections(report: Report, taken: set[str]) -> list[Json]:
    words = toolkit.Labels(report.language)
    since, until = words("column.since"), words("column.until")
    connections: list[Json] = []
    for relation in report.project.relations:
        kind = relation.kind.value.replace("_", "-")
        connection: Json = {
            "id": _unique(f"{relation.source}--{kind}--{relation.target}", taken),
            "from": relation.source,
            "to": relation.target,
            "type": words.relation(relation.kind),
            "direction": "directed",
        }
        if relation.since is not None:
            connection[since] = relation.since.isoformat()
        if relation.until is not None:
            connection[until] = relation.until.isoformat()
        connections.append(connection)
    return connections


_START = '{\n  "elements": [\n    {'
"""How every blueprint civsam writes begins: a project has an owner, so one element."""
_FIXED = ("id", "label", "type", "tags")
"""The first keys of every element, in order; the owner field follows."""


@functools.cache
def _words(language: Language) -> tuple[str, frozenset[str], frozenset[str], frozenset[str]]:
    """In ``language``: the owner field, yes and no, the kinds, and the other fields."""
    fields = frozenset(
        label(f"column.{name}", language)
        for name in (
            "quadrant", "rank", "importance", "ease", "disagreement", "step", "notes",
            "contact", "email", "phone",
        )
    )  # fmt: skip
    kinds = frozenset(label(f"org_kind.{kind.value}", language) for kind in civsam.OrgKind)
    yes_no = frozenset(label(f"value.{word}", language) for word in ("yes", "no"))
    return label("report.owner", language), yes_no, kinds, fields


def _one_of(value: object, words: frozenset[str]) -> bool:
    """Whether ``value`` is one of ``words`` (JSON may give a list or an object instead)."""
    return isinstance(value, str) and value in words


def _civsam_element(element: object, language: Language) -> bool:
    """Whether ``element`` has the fields, in the order, civsam writes in ``language``."""
    owner, yes_no, kinds, fields = _words(language)
    if not isinstance(element, dict):
        return False
    keys = list(element)
    return (
        keys[: len(_FIXED) + 1] == [*_FIXED, owner]
        and isinstance(element["id"], str)
        and isinstance(element["label"], str)
        and _one_of(element["type"], kinds)
        and isinstance(element["tags"], list)
        and _one_of(element[owner], yes_no)
        and fields.issuperset(keys[len(_FIXED) + 1 :])
    )


def blueprint(report: Report) -> Json:
    """The blueprint as a JSON-ready dict: ``elements``, then ``connections``."""
    taken = set(report.project.organisations)
    return {"elements": _elements(report), "connections": _connections(report, taken)}


@attrs.frozen
class KumuExporter:
    """The network as a Kumu JSON blueprint (see the module's description)."""

    name: str = "kumu"
    suffix: str = ".json"
    media_type: str = "application/json"

    def export(self, report: Report, out: BinaryIO) -> None:
        """Write the blueprint: UTF-8, indented, keys in a fixed order, a final newline."""
        text = json.dumps(blueprint(report), ensure_ascii=False, indent=2)
        out.write((text + "\n").encode("utf-8"))

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` begins a blueprint civsam wrote, in either language.

        Its first element (the file may be cut short) must have civsam's fields in
        civsam's order, the owner field worded in one language; a whole file must hold
        ``elements`` and ``connections`` and nothing else. Kumu's own exports and other
        JSON, civsam's project files included, are not taken for one.
        """
        text = toolkit.head_text(data)
        if text is None or not text.startswith(_START):
            return False
        try:
            first, _ = json.JSONDecoder().raw_decode(text, len(_START) - 1)
        except (ValueError, RecursionError):
            return False
        if not any(_civsam_element(first, language) for language in Language):
            return False
        try:
            whole = json.loads(text)
        except (ValueError, RecursionError):
            return True  # the start of a longer file: the first element decides
        return isinstance(whole, dict) and list(whole) == ["elements", "connections"]


KUMU = KumuExporter()


@hookimpl
def civsam_exporters() -> list[KumuExporter]:
    """The Kumu blueprint."""
    return [KUMU]
