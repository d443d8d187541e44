"""civsam-jsonl: a civsam prioritisation as JSON Lines, one partner a line.

Install it next to civsam and a new format appears::

    civsam export project.toml -f jsonl -o partners.jsonl

Each line is one JSON object for one partner, in rank order: ``rank``, ``id``, ``name``,
``quadrant`` (``start_here``, ``discuss``, ``not_now`` or ``not_worth_it``),
``importance``, ``ease`` and ``reasons`` (in the report's language), and ``contact``
(the contact person's name) only when the user asked for contact persons.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO

import civsam

__all__ = ["JSONL", "JsonLinesExporter", "civsam_exporters"]

# JSON may hold these raw, but str.splitlines() and some JSON Lines readers treat them
# as line breaks: escaped, every record stays on one line for every reader.
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


class JsonLinesExporter:
    """Writes one JSON object per placed partner, in rank order."""

    name = "jsonl"
    suffix = ".jsonl"
    media_type = "application/jsonl"

    def export(self, report: civsam.Report, out: BinaryIO) -> None:
        """Write the report to ``out``: UTF-8, one object a line, in rank order."""
        out.writelines(_line(_record(report, placement)) for placement in report.prioritisation)


def _record(report: civsam.Report, placement: civsam.Placement) -> dict[str, Any]:
    """The JSON object for one partner; a contact person only if the report allows it."""
    record: dict[str, Any] = {
        "rank": placement.rank,
        "id": placement.partner.id,
        "name": placement.partner.name,
        "quadrant": placement.quadrant.value,
        "importance": placement.importance,
        "ease": placement.ease,
        "reasons": list(placement.explain(report.language)),
    }
    if report.include_contacts:
        record["contact"] = report.contact_name(placement.partner.id)
    return record


def _line(record: dict[str, Any]) -> bytes:
    """One record as one line of bytes: sorted keys, so the same report gives the same bytes."""
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, allow_nan=False)
    for char, escaped in _LINE_BREAKS.items():
        text = text.replace(char, escaped)
    return (text + "\n").encode("utf-8")


JSONL = JsonLinesExporter()
"""The exporter civsam uses: ``civsam.exporters()["jsonl"]``."""


@civsam.hookimpl
def civsam_exporters() -> Iterable[civsam.Exporter]:
    """The formats this plugin provides: just ``jsonl``."""
    return [JSONL]
