"""civsam-xlsx: a civsam prioritisation as an Excel workbook, the same bytes every time.

Install it next to civsam and a new format appears::

    civsam export project.toml -f xlsx -o partners.xlsx

The workbook has two sheets, their names and headers in the report's language, in
civsam's own words:

- **the partners** (*Samarbejdspartnere* / *Partners*): one row per partner in rank
  order: rank, partner, quadrant, importance, ease and the reasons; and, only when the
  user asked for contact persons, the contact person, role, e-mail and phone;
- **the first meetings** (*Plan for første møder* / *Plan for first meetings*): date,
  weekday, time, until, rank, partner and quadrant (and the contact person, when asked).

Both have a frozen header row and a filter, dates and numbers are real Excel values, and
text is always text: a partner called ``=SUM(A1)`` is shown, never run. The same report
gives the same bytes, whenever and wherever it is exported: see :func:`deterministic_zip`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import BinaryIO, NamedTuple, TypeAlias

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

import civsam

__all__ = ["GENERATOR", "XLSX", "XlsxExporter", "civsam_exporters", "deterministic_zip"]

GENERATOR = "civsam-xlsx"
"""The workbook's author and last editor, and how :meth:`XlsxExporter.recognises` knows
its own files: whoever saves the workbook again (Excel, LibreOffice) puts their name there."""

_Value: TypeAlias = str | int | float | dt.date | dt.time | None

# A spreadsheet may take text starting with these for a formula (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@")
# XML 1.0 cannot hold these at all: openpyxl refuses the control characters, and writes
# the rest into a file Excel calls damaged. A visible U+FFFD takes their place.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
# The years a zip member's time can hold (MS-DOS date and time, two-second steps).
_ZIP_FIRST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
_ZIP_LAST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC)
_FILE = 0o100644 << 16  # a member's attributes: a plain file, rw-r--r--, on any machine
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")  # a zip member's local header, 30 bytes
_CORE = "docProps/core.xml"
_MARK = f"<cp:lastModifiedBy>{GENERATOR}</cp:lastModifiedBy>".encode()


class _Column(NamedTuple):
    """A sheet's column: the header's label key, its width, and how Excel shows its cells."""

    key: str
    width: float
    number_format: str | None = None
    wrap: bool = False


_CONTACT_COLUMNS = (
    _Column("column.contact", 24),
    _Column("column.role", 18),
    _Column("column.email", 28),
    _Column("column.phone", 16),
)
_PARTNER_COLUMNS = (
    _Column("column.rank", 7),
    _Column("column.partner", 40),
    _Column("column.quadrant", 28),
    _Column("column.importance", 11),
    _Column("column.ease", 9),
    _Column("report.reasons", 80, wrap=True),
)
_MEETING_COLUMNS = (
    _Column("column.date", 12, "yyyy-mm-dd"),
    _Column("column.weekday", 11),
    _Column("column.time", 7, "hh:mm"),
    _Column("column.until", 7, "hh:mm"),
    _Column("column.rank", 7),
    _Column("column.partner", 40),
    _Column("column.quadrant", 28),
)


class XlsxExporter:
    """Writes the partners in rank order and the first meetings as an Excel workbook."""

    name = "xlsx"
    suffix = ".xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def export(self, report: civsam.Report, out: BinaryIO) -> None:
        """Write the workbook to ``out``; its only time is ``report.timestamp``."""
        workbook = _workbook(report)
        raw = io.BytesIO()
        workbook.save(raw)
        # save() stamps `modified` with the clock: set it back, and write core.xml again.
        workbook.properties.modified = _naive_utc(report.timestamp)
        core = tostring(workbook.properties.to_tree())
        out.write(deterministic_zip(raw.getvalue(), report.timestamp, replace={_CORE: core}))

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` begins a workbook this exporter wrote that nobody has saved since.

        Walks the first zip members to ``docProps/core.xml`` (the fourth, a few KiB in) and
        looks for :data:`GENERATOR` as its last editor. A workbook someone edited and saved
        in Excel names them instead, so ``civsam export -o`` leaves their work alone.
        """
        offset = 0
        for _ in range(8):
            if len(data) < offset + _LOCAL_HEADER.size:
                return False
            signature, _, flags, method, _, _, _, size, _, name_size, extra_size = (
                _LOCAL_HEADER.unpack_from(data, offset)
            )
            if signature != b"PK\x03\x04" or flags & 0x08:  # 0x08: the size comes after the data
                return False
            name = data[offset + _LOCAL_HEADER.size : offset + _LOCAL_HEADER.size + name_size]
            start = offset + _LOCAL_HEADER.size + name_size + extra_size
            if name == _CORE.encode():
                if method != zipfile.ZIP_DEFLATED:
                    return False
                try:
                    core = zlib.decompressobj(-15).decompress(data[start : start + size], 1 << 16)
                except zlib.error:
                    return False
                return _MARK in core
            offset = start + size
        return False


def deterministic_zip(
    data: bytes, when: dt.datetime, *, replace: Mapping[str, bytes] | None = None
) -> bytes:
    """The zip archive ``data`` written again with nothing that depends on the clock or machine.

    Every member in name order (``[Content_Types].xml`` comes first), dated ``when`` in
    UTC (held within the years a zip can date: 1980 to 2107), deflated at level 6, marked
    as a Unix file ``rw-r--r--``. ``replace`` gives some members new contents.
    """
    utc = min(max(when.astimezone(dt.UTC), _ZIP_FIRST), _ZIP_LAST)
    stamp = (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
    changed = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in sorted(source.namelist()):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix: ZipInfo's default is 0 on Windows
            info.external_attr = _FILE
            content = changed[name] if name in changed else source.read(name)
            target.writestr(info, content, compresslevel=6)
    return out.getvalue()


def _workbook(report: civsam.Report) -> Workbook:
    """The two sheets, and the workbook's properties, dated ``report.timestamp``."""
    language = report.language
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    contacts = _CONTACT_COLUMNS if report.include_contacts else ()

    partners: Worksheet = workbook.create_sheet(civsam.label("report.partners", language))
    _fill(partners, language, (*_PARTNER_COLUMNS, *contacts), _partner_rows(report))

    meetings: Worksheet = workbook.create_sheet(civsam.label("plan.title", language))
    last = _fill(meetings, language, (*_MEETING_COLUMNS, *contacts[:1]), _meeting_rows(report))
    for row, note in enumerate(_plan_notes(report), start=last + 2):
        _put(meetings, row, 1, note)

    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = GENERATOR
    properties.created = properties.modified = _naive_utc(report.timestamp)
    properties.title = _text(report.project.name)
    properties.language = language.value
    return workbook


def _partner_rows(report: civsam.Report) -> Iterator[list[_Value]]:
    """One row per placed partner, in rank order; the contact person only if allowed."""
    language = report.language
    quadrants = {q: civsam.label(f"quadrant.{q.value}", language) for q in civsam.Quadrant}
    for placement in report.prioritisation:
        row: list[_Value] = [
            placement.rank,
            placement.partner.name,
            quadrants[placement.quadrant],
            placement.importance,
            placement.ease,
            "\n".join(placement.explain(language)),
        ]
        if report.include_contacts:
            row += _contact(report, placement.partner)
        yield row


def _meeting_rows(report: civsam.Report) -> Iterator[list[_Value]]:
    """One row per first meeting, in the plan's order (by day), in Danish local time."""
    language = report.language
    for meeting in report.plan.meetings:
        start = meeting.start.astimezone(civsam.TIMEZONE)
        row: list[_Value] = [
            start.date(),
            civsam.label(f"weekday.{_WEEKDAYS[start.weekday()]}", language),
            start.time(),
            meeting.end.astimezone(civsam.TIMEZONE).time(),
            meeting.rank,
            meeting.partner.name,
            civsam.label(f"quadrant.{meeting.quadrant.value}", language),
        ]
        if report.include_contacts:
            row += _contact(report, meeting.partner)[:1]
        yield row


def _contact(report: civsam.Report, partner: civsam.Organisation) -> list[_Value]:
    """Contact person, role, e-mail and phone, through the report: empty unless allowed."""
    person = report.contact_person(partner)
    if person is None:
        return [report.contact_name(partner.id), None, None, None]
    return [person.name, person.role, person.email, person.phone]


def _plan_notes(report: civsam.Report) -> Iterator[str]:
    """Under the meetings: that there are none, or who waits for one that did not fit."""
    language, plan = report.language, report.plan
    if not plan.meetings:
        yield civsam.label("plan.none", language)
    if plan.unscheduled:
        names = [partner.name for partner in plan.unscheduled]
        listed = ", ".join(names[:-1]) + f" {civsam.label('join.and', language)} " + names[-1]
        yield civsam.label(
            "plan.unscheduled",
            language,
            end=plan.end.isoformat(),
            names=listed if len(names) > 1 else names[0],
        )


def _fill(
    sheet: Worksheet,
    language: civsam.Language,
    columns: Sequence[_Column],
    rows: Iterable[Sequence[_Value]],
) -> int:
    """A header row, the rows, a frozen header and a filter; the number of the last row."""
    for number, column in enumerate(columns, start=1):
        header = _put(sheet, 1, number, civsam.label(column.key, language))
        if header is not None:
            header.font = _BOLD
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    last = 1
    for last, row in enumerate(rows, start=2):
        for number, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = _put(sheet, last, number, value)
            if cell is not None and column.number_format:
                cell.number_format = column.number_format
            if cell is not None and column.wrap:
                cell.alignment = _WRAP
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    return last


def _put(sheet: Worksheet, row: int, column: int, value: _Value) -> Cell | None:
    """Write one cell, leaving it empty for ``None`` and ``""``; text always stays text."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        return sheet.cell(row, column, value)
    cell = sheet.cell(row, column, _text(value))
    # openpyxl makes a str starting with "=" a formula, and "#N/A" an error value. The
    # cell's type says text instead: Excel shows it as written and runs nothing. The
    # value is not changed (no "'" prefix, as CSV needs): it reads back as it was.
    cell.data_type = "s"
    if value.startswith(_FORMULA_START):
        # Excel's quote prefix (its hidden "'"): still text after someone edits the cell.
        cell.quotePrefix = True
    return cell


def _text(value: str) -> str:
    """Text that XML can hold: what it cannot becomes U+FFFD.

    (Excel would also read a literal ``_x0041_`` as ``A``; openpyxl does not escape that,
    nor unescape it in inline strings, so neither does this example.)
    """
    return _NOT_XML.sub("\ufffd", value)


def _naive_utc(when: dt.datetime) -> dt.datetime:
    """``when`` in UTC without its zone: how openpyxl wants the workbook's times."""
    return when.astimezone(dt.UTC).replace(tzinfo=None)


XLSX = XlsxExporter()
"""The exporter civsam uses: ``civsam.exporters()["xlsx"]``."""


@civsam.hookimpl
def civsam_exporters() -> Iterable[civsam.Exporter]:
    """The formats this plugin provides: just ``xlsx``."""
    return [XLSX]
