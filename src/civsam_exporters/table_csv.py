"""The guide's partner table as CSV, one row per assessed partner in rank order.

Two profiles. ``csv`` is for double-clicking in Excel: with Danish it is UTF-8 with a
byte-order mark and ``;`` between cells (what Danish Excel expects; no ``sep=`` line,
which would stop Excel from reading UTF-8), with English ``,``. ``csv-rfc4180`` is plain
RFC 4180: ``,``, no byte-order mark. Both end rows with CRLF and quote cells with line
breaks. A text cell starting with ``= + - @``, a tab or a line break gets a leading
``'`` so a spreadsheet never runs it as a formula (OWASP's advice) — phone numbers such
as ``+45 12 34 56 78`` included; ``civsam import-table`` removes that ``'`` again.
"""

from __future__ import annotations

import csv
import functools
import io
import operator
import re
from collections.abc import Iterator
from typing import BinaryIO

import attrs

import civsam
from civsam import Language, Report, hookimpl, label, toolkit

__all__ = ["CSV", "CSV_RFC4180", "CsvExporter", "civsam_exporters", "neutralise"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


_AFTER_QUOTE = frozenset((*_FORMULA_START, "'"))
_RISKY = re.compile("\x00(?:[=+\\-@\t\r\n]|'[=+\\-@\t\r\n'])")


def neutralise(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet could take for a formula.

    A cell that already starts with ``'`` before such a character (or another ``'``)
    gets one more, so that removing exactly one on import gives back the original.
    """
    if not text:
        return text
    first = text[0]
    if first in _FORMULA_START or (first == "'" and text[1:2] in _AFTER_QUOTE):
        return "'" + text
    return text


_COLUMNS = (
    "rank", "quadrant", "id", "partner", "kind", "shared_interest", "importance",
    "importance_note", "ease", "ease_note", "challenges", "existing_relation", "contact",
    "email", "phone", "notes",
)  # fmt: skip
"""Every column, in the table's order; ``email`` and ``phone`` only with contact persons."""
_CONTACT_COLUMNS = frozenset({"email", "phone"})


def _columns(*, include_contacts: bool) -> list[str]:
    """The columns of a table with or without contact persons, in order."""
    return [c for c in _COLUMNS if include_contacts or c not in _CONTACT_COLUMNS]


def _rows(report: Report) -> Iterator[list[str]]:
    """One list of cells per placed partner, in the order of ``_columns``."""
    words = toolkit.Labels(report.language)
    kinds = {kind: words.kind(kind) for kind in civsam.OrgKind}
    quadrants = {quadrant: words.quadrant(quadrant) for quadrant in civsam.Quadrant}
    numbers: dict[float, str] = {v: words.number(v) for v in range(1, 6)}
    contacts = report.include_contacts
    # Cells are named, and the table's columns picked by name: no column has a place
    # of its own to keep in step with the header.
    pick = operator.itemgetter(*_columns(include_contacts=contacts))
    nobody = toolkit.ContactDetails("", "", "")
    risky = _RISKY.search
    for placed in toolkit.rows(report):
        partner, assessment = placed.partner, placed.assessment
        person = toolkit.contact_details(report, partner) if contacts else nobody
        cells = {
            "rank": str(placed.rank),
            "quadrant": quadrants[placed.quadrant],
            "id": partner.id,
            "partner": partner.name,
            "kind": kinds[partner.kind],
            "shared_interest": assessment.shared_interest,
            "importance": numbers.get(placed.importance) or words.number(placed.importance),
            "importance_note": assessment.importance_note,
            "ease": numbers.get(placed.ease) or words.number(placed.ease),
            "ease_note": assessment.ease_note,
            "challenges": assessment.challenges,
            "existing_relation": assessment.existing_relation,
            # The assessment's contact person as written, not another contact's name.
            "contact": assessment.contact if contacts else "",
            "email": person.email,
            "phone": person.phone,
            "notes": assessment.notes,
        }
        row = list(pick(cells))
        # One search over the whole row; only a row with a would-be formula is looked at
        # again. Rank, quadrant, kind and scores never start with such a character.
        if risky("\x00" + "\x00".join(row)):
            row = [neutralise(cell) for cell in row]
        yield row


def _delimiter(language: Language, *, excel: bool) -> str:
    """``;`` for Danish Excel, ``,`` otherwise."""
    return ";" if excel and language is Language.DA else ","


def _header(language: Language, *, include_contacts: bool) -> list[str]:
    """The header row's cells."""
    return [label(f"column.{c}", language) for c in _columns(include_contacts=include_contacts)]


@functools.cache
def _header_lines(*, excel: bool) -> tuple[bytes, ...]:
    """Every header line the profile writes, byte-order mark included.

    One per language, with and without contact persons.
    """
    lines = []
    for language in Language:
        delimiter = _delimiter(language, excel=excel)
        for include_contacts in (False, True):
            line = io.StringIO()
            csv.writer(line, delimiter=delimiter, lineterminator="\r\n").writerow(
                _header(language, include_contacts=include_contacts)
            )
            lines.append(line.getvalue().encode("utf-8-sig" if excel else "utf-8"))
    return tuple(lines)


@attrs.frozen
class CsvExporter:
    """The partner table as CSV in one of two profiles (see the module's description)."""

    name: str
    excel: bool
    suffix: str = ".csv"
    media_type: str = "text/csv; charset=utf-8"

    def export(self, report: Report, out: BinaryIO) -> None:
        """Write the table: header in the report's language, then one row per partner."""
        delimiter = _delimiter(report.language, excel=self.excel)
        text = io.TextIOWrapper(
            out, encoding="utf-8-sig" if self.excel else "utf-8", newline="", write_through=True
        )
        try:
            writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
            writer.writerow(_header(report.language, include_contacts=report.include_contacts))
            writer.writerows(_rows(report))
            text.flush()
        finally:
            text.detach()  # the stream is the caller's: leave it open

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` starts with the header row this profile writes.

        Any language, with or without contact persons; the byte-order mark and the
        delimiter tell the two profiles apart. A table saved again by a spreadsheet in the
        same dialect still has this header: CSV has no room for a mark of its own.
        """
        return data.startswith(_header_lines(excel=self.excel))


CSV = CsvExporter("csv", excel=True)
CSV_RFC4180 = CsvExporter("csv-rfc4180", excel=False)


@hookimpl
def civsam_exporters() -> list[CsvExporter]:
    """The two CSV profiles."""
    return [CSV, CSV_RFC4180]
