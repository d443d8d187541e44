"""Import the guide's partner table from a spreadsheet (CSV, or XLSX with ``civsam[xlsx]``).

Groups fill the table in Excel, in Danish or English, with level words ("Høj – potentiale
for at skalere"), contact details in one cell and free text about existing relations.
``read_table`` turns that into a checked :class:`civsam.Project`: ids made from names,
scores from levels (the words after them kept as notes), contact cells split into name,
e-mail and phone, and recognisable relations typed. Columns it does not know are kept in
the assessment's notes, so nothing the group wrote is lost.

A table that lacks one of the guide's six columns, or heads one with a typo, would import
cleanly and give a wrong board (every importance unset, so every partner in the middle).
So a missing column is an error unless the caller allows it to be missing, and a heading a
typo away from a known one is an error with "did you mean", never an extra column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from civsam._checks import CONTROL, IDENTIFIER
from civsam.errors import CivsamError, Message, Problem, ValidationError
from civsam.files._ids import slugify, unique_id
from civsam.files._levels import EASE, IMPORTANCE, LevelError, Scale, parse_level
from civsam.files._limits import read_file
from civsam.labels import Choices, Sayable, Text, catalogue, label
from civsam.model import (
    Assessment,
    Contact,
    Language,
    Organisation,
    OrgKind,
    Relation,
    RelationKind,
)
from civsam.project import Project

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["GUIDE_COLUMNS", "missing_column", "placeholder_owner", "read_table"]

GUIDE_COLUMNS: tuple[str, ...] = (
    "partner", "shared_interest", "importance", "challenges", "existing_relation", "contact",
)  # fmt: skip
"""The guide's six columns, in its order: a table has each, or is allowed to lack it."""

# Header synonyms besides the label catalogue's column names (both languages) and the
# field's own name. Compared after _normalise: case, punctuation and spacing are ignored.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "partner": (
        "samarbejdspartner", "partner", "organisation", "organization", "navn",
        "name", "aktør", "actor", "potentiel partner",
    ),
    "shared_interest": ("fælles interesser", "common interest", "interesse"),
    "importance": ("betydning for succes", "importance for success", "vigtighed"),
    "ease": ("betydning for samarbejde", "ease of collaboration", "lethed ved samarbejde"),
    "challenges": ("udfordring", "challenge"),
    "existing_relation": ("relation", "eksisterende relationer", "existing relations"),
    "contact": (
        "kontaktperson", "kontakt", "contact", "evt kontakt", "navn på kontaktperson",
        "kontaktpersonens navn", "contact name",
    ),
    "email": ("email", "mail", "e mail"),
    "phone": ("tlf", "telefonnummer", "telephone", "mobil"),
    "kind": ("organisationstype", "type of organisation", "art"),
    "notes": ("dine noter", "bemærkninger", "note", "kommentar", "your notes"),
    "quadrant": (),
    "rank": ("prioritet",),
    "id": (),
    "importance_note": (),
    "ease_note": (),
    "role": ("kontaktpersonens rolle",),
    "target_groups": ("målgruppe", "target group"),
}  # fmt: skip
_DERIVED = frozenset({"quadrant", "rank"})  # civsam's own export; computed, not read
# Columns a table may lack without saying so. Losing one still changes the board (ease) or
# the partners (kind, contact details), so a heading a typo away from one is refused too.
_OPTIONAL = ("ease", "kind", "email", "phone")
_MAY_BE_MISSING = (*GUIDE_COLUMNS[1:], *_OPTIONAL)
_WATCHED = frozenset((*GUIDE_COLUMNS, *_OPTIONAL))

_KIND_WORDS: dict[str, OrgKind] = {
    "forening": OrgKind.CIVIL_SOCIETY,
    "frivillig organisation": OrgKind.CIVIL_SOCIETY,
    "civilsamfund": OrgKind.CIVIL_SOCIETY,
    "civilsamfundsaktør": OrgKind.CIVIL_SOCIETY,
    "association": OrgKind.CIVIL_SOCIETY,
    "ngo": OrgKind.NON_PROFIT,
    "almennyttig": OrgKind.NON_PROFIT,
    "fond": OrgKind.NON_PROFIT,
    "boligforening": OrgKind.NON_PROFIT,
    "firma": OrgKind.BUSINESS,
    "company": OrgKind.BUSINESS,
    "region": OrgKind.PUBLIC_INSTITUTION,
    "institution": OrgKind.PUBLIC_INSTITUTION,
}

# First match wins; a cell that starts with a "no" word names no relation at all.
# A cell that starts with a "no" word, or denies anywhere ("kender ikke"), names no relation.
_NO_RELATION = re.compile(
    r"^\s*(ingen|intet|nej|none|no|n/?a|-+|–)(\b|$)|\b(ikke|aldrig|not|never)\b", re.IGNORECASE
)
_RELATION_PATTERNS: tuple[tuple[re.Pattern[str], RelationKind], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (r"brobyg|bridge", RelationKind.BRIDGE_BUILDING),
        (r"samskab|co-?creat", RelationKind.CO_CREATION),
        (r"ressource|resurse|resource", RelationKind.RESOURCE_SHARING),
        (
            r"tidligere|projektsamarbejde|previous|earlier|past project",
            RelationKind.PREVIOUS_PROJECT,
        ),
        (r"partnerskab|partnership|samarbejdsaftale", RelationKind.PARTNERSHIP),
        (
            r"kender|bekendt|kendskab|netværk|acquaint|we know|know each other",
            RelationKind.ACQUAINTANCE,
        ),
    )
)  # fmt: skip

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w@])(?:\+|00)?\d[\d \-]{6,}\d(?![\w@])")
_CONTACT_WORDS = re.compile(r"\b(?:tlf|telefon|mobil|phone|tel|e-?mail|mail)\b\.?:?", re.IGNORECASE)
_CONTACT_SEPARATORS = re.compile(r"[\n;]+")
_STRIP = " \t\r\n,;:/|()[]<>-–"
_HEADER_SEARCH_ROWS = 15
_NAME_FIELDS = frozenset({"partner", "id", "kind", "contact", "email", "phone", "role"})


def _normalise(header: str) -> str:
    text = re.sub(r"[^\w]+", " ", header.casefold().replace("_", " "))
    return " ".join(text.split())


def _header_index() -> dict[str, tuple[str, Language | None]]:
    index: dict[str, tuple[str, Language | None]] = {}
    for field, synonyms in _SYNONYMS.items():
        for word in (field, *synonyms):
            index.setdefault(_normalise(word), (field, None))
        for language in Language:
            text = catalogue(language).get(f"column.{field}")
            if text:
                index[_normalise(text)] = (field, language)
    return index


_HEADERS = _header_index()
_BY_LENGTH = sorted(_HEADERS, key=len, reverse=True)


def _display_index() -> dict[str, str]:
    """How an error writes each known heading: as the labels have it, else capitalised."""
    shown = {known: known[:1].upper() + known[1:] for known in _HEADERS}
    for field in _SYNONYMS:
        for language in Language:
            text = catalogue(language).get(f"column.{field}")
            if text:
                shown[_normalise(text)] = text
    return shown


_DISPLAY = _display_index()


def _tolerance(known: str) -> int:
    """How many edits from ``known`` a heading may be to count as its misspelling.

    Short headings get none ("Id" and "Art" are one edit from too many words), long ones
    two, so that a typo plus Excel's punctuation ("Evt.x kontaktperson") is still caught.
    """
    return 0 if len(known) <= 3 else 1 if len(known) <= 7 else 2  # noqa: PLR2004


_FUZZY = tuple(
    (known, len(known.split()), _tolerance(known)) for known in _BY_LENGTH if _tolerance(known)
)
_FUZZY_WORDS = max(count for _, count, _ in _FUZZY)  # the most words a known heading has


class _Heading(NamedTuple):
    """What a header cell says: the column it names, or the known heading it misspells."""

    field: str | None = None
    language: Language | None = None
    near: str | None = None  # a known heading (normalised) a few edits away


_NOTHING = _Heading()


def _header(cell: str) -> tuple[str, Language | None] | None:
    """The column a header cell names: exactly, or followed by a hint.

    Real tables add hints: "Betydning (høj/middel/lav)", "Evt. kontaktperson (navn,
    mail, tlf.)". The longest known name the cell starts with wins, so "Betydning for
    samarbejde" is ease, not importance.
    """
    text = _normalise(cell)
    exact = _HEADERS.get(text)
    if exact is not None or not text:
        return exact
    prefix = _prefix(text)
    return None if prefix is None else _HEADERS[prefix]


def _prefix(text: str) -> str | None:
    """The longest known heading that ``text`` starts with, a hint after it."""
    return next((known for known in _BY_LENGTH if text.startswith(known + " ")), None)


def _classify(cell: str) -> _Heading:
    """What a header cell says, misspellings included.

    A near miss of a longer heading beats a shorter heading the cell starts with:
    "Betydning for samarbejd" misspells ease; it is not importance with a hint.
    """
    text = _normalise(cell)
    exact = _HEADERS.get(text)
    if exact is not None or not text:
        return _NOTHING if exact is None else _Heading(*exact)
    prefix = _prefix(text)
    near = _closest(text)
    if near is not None and (
        prefix is None or (_HEADERS[near][0] != _HEADERS[prefix][0] and len(near) > len(prefix))
    ):
        return _Heading(near=near)
    return _NOTHING if prefix is None else _Heading(*_HEADERS[prefix])


def _closest(text: str) -> str | None:
    """The known heading ``text`` (or its first words, before a hint) is a typo away from.

    The fewest edits win, then the longest heading; ``None`` if none is within its
    tolerance. An exact match is not a near miss.
    """
    words = text.split(maxsplit=_FUZZY_WORDS)  # a long cell is only read as far as needed
    heads = {count: " ".join(words[:count]) for count in range(1, len(words))}
    best: tuple[int, int, str] | None = None
    for known, count, tolerance in _FUZZY:
        for candidate in (text, heads.get(count)):
            if candidate is None:
                continue
            distance = _distance(candidate, known, tolerance)
            if 0 < distance <= tolerance and (
                best is None or (distance, -len(known), known) < best
            ):
                best = (distance, -len(known), known)
    return best[2] if best is not None else None


def _distance(first: str, second: str, limit: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from one text to the other.

    Stops early: anything over ``limit`` is ``limit + 1``.
    """
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(second) + 1))
    for i, char in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, other in enumerate(second, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def _kind_index() -> dict[str, OrgKind]:
    index = {_normalise(word): kind for word, kind in _KIND_WORDS.items()}
    for kind in OrgKind:
        index[_normalise(kind.value)] = kind
        for language in Language:
            index[_normalise(catalogue(language)[f"org_kind.{kind.value}"])] = kind
    return index


_KINDS = _kind_index()

Rows = list[tuple[int, list[str]]]


@attrs.frozen(slots=True)
class _TableProblem(Problem):
    """A problem in a partner table, located as a spreadsheet user looks for it.

    English keeps ``file:4: Betydning``; Danish says "række 4, kolonnen »Betydning«"
    (an XLSX worksheet's row) or "linje 4, …" (a CSV file's line: a cell may span lines).
    """

    rows: bool = False
    """Whether ``line`` counts a worksheet's rows rather than a text file's lines."""

    def where(self, language: str) -> str:
        """The file, the row or line, and the column's heading, in ``language``."""
        if self.file is None or self.line is None:
            return super().where(language)
        unit = "row" if self.rows else "line"
        if self.path:
            return Text(
                f"table.at_{unit}_column", file=self.file, line=self.line, column=self.path
            ).say(language)
        return Text(f"table.at_{unit}", file=self.file, line=self.line).say(language)


class _Source(NamedTuple):
    """The table being read: its name in errors, and what its line numbers count."""

    name: str
    rows: bool  # True for a workbook (rows), False for a text file (lines)

    def problem(
        self,
        message: Message,
        *,
        line: int | None = None,
        column: str = "",
        found: Message | None = None,
        expected: Message | None = None,
    ) -> Problem:
        """A problem at ``line`` (and in the column headed ``column``) of this table."""
        return _TableProblem(
            message,
            path=column,
            file=self.name,
            line=line,
            found=found,
            expected=expected,
            rows=self.rows,
        )


def read_table(
    path: str | os.PathLike[str],
    *,
    owner: Organisation | str | None = None,
    name: str | None = None,
    sheet: str | None = None,
    language: Language | str | None = None,
    allow_missing: str | Iterable[str] = (),
) -> Project:
    """Read a partner table (``.csv``, ``.tsv``, ``.txt`` or ``.xlsx``) into a project.

    ``owner`` is the organisation whose plan it is, or its name (an id is made from it;
    a name with "kommune" in it makes a municipality, anything else a civil-society
    actor); without it the owner is :func:`placeholder_owner` of the project's language.
    ``name`` names the project (default: the file's name); ``sheet`` picks a worksheet
    of an XLSX file (default: the first); ``language`` defaults to the language of the
    table's headers.

    The table must have the guide's six columns (:data:`GUIDE_COLUMNS`).
    ``allow_missing`` names those it leaves out on purpose, by key or heading in Danish
    or English (see :func:`missing_column`); their cells count as empty.

    Raises :class:`civsam.ValidationError` with every problem in the table, each with
    its row and column: a missing column, a heading that is a typo away from a known one,
    a cell that cannot be read. Raises :class:`civsam.CivsamError` for an
    ``allow_missing`` value that names no column a table may lack.
    """
    try:
        allowed = frozenset(
            missing_column(text)
            for text in ((allow_missing,) if isinstance(allow_missing, str) else allow_missing)
        )
    except CivsamError as error:
        raise CivsamError(Text("table.allow_missing", problem=_message(error))) from None
    source = os.fspath(path)
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        rows = _read_xlsx(Path(path), sheet, _Source(source, rows=True))
        where = _Source(f"{source}[{sheet}]" if sheet else source, rows=True)
    elif suffix in {".csv", ".tsv", ".txt", ""}:
        where = _Source(source, rows=False)
        rows = _read_csv(read_file(path), where)
    else:
        raise CivsamError(Text("table.bad_suffix", source=source, suffix=suffix))
    return _build(
        rows,
        source=where,
        owner=owner,
        name=name if name is not None else Path(path).stem,
        language=_language(language),
        allowed=allowed,
    )


def missing_column(text: str) -> str:
    """The key of a column a table may leave out, from its key or its heading.

    ``"importance"``, ``"Betydning"`` and ``" IMPORTANCE "`` all give ``"importance"``:
    what ``allow_missing`` and ``civsam import-table --allow-missing`` accept. The
    partner column cannot be left out, since each row is a partner.

    Raises :class:`civsam.CivsamError` naming the value, the nearest column and the
    columns that may be missing.
    """
    shown = repr(text.strip())
    known = _HEADERS.get(_normalise(text))
    if known is not None and known[0] == "partner":
        raise CivsamError(Text("table.partner_needed", shown=shown))
    if known is not None and known[0] in _MAY_BE_MISSING:
        return known[0]
    expected = Text("table.may_lack", columns=", ".join(_MAY_BE_MISSING))
    if known is not None:
        raise CivsamError(Text("table.not_optional", shown=shown, expected=expected))
    near = _closest(_normalise(text))
    if near is not None and _HEADERS[near][0] in _MAY_BE_MISSING:
        raise CivsamError(
            Text("table.no_column_near", shown=shown, near=repr(_DISPLAY[near]), expected=expected)
        )
    raise CivsamError(Text("table.no_column", shown=shown, expected=expected))


def _message(error: CivsamError) -> Message:
    """An error's message as a text to say again, in the reader's language, inside another."""
    if len(error.args) == 1 and isinstance(error.args[0], Sayable):
        return error.args[0]
    return str(error)


def placeholder_owner(language: Language | str = Language.DA) -> Organisation:
    """The owner :func:`read_table` makes up when it is given none.

    ``project.owner == placeholder_owner(project.language)`` tells a caller that the plan
    has no real owner yet, so it can say so (the command line does).
    """
    owner_name = label("table.placeholder_owner", language)
    return Organisation(slugify(owner_name, "owner"), owner_name, OrgKind.CIVIL_SOCIETY)


def _language(language: Language | str | None) -> Language | None:
    if language is None:
        return None
    try:
        return Language(language)
    except ValueError:
        allowed = ", ".join(repr(lang.value) for lang in Language)
        raise CivsamError(
            Text("error.unknown_language", language=repr(language), allowed=allowed)
        ) from None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Danish Excel's "CSV (semikolonsepareret)" is Windows-1252, not UTF-8.
        return data.decode("cp1252", errors="replace")


def _read_csv(data: bytes, source: _Source) -> Rows:
    text = _decode(data)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: Rows = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ValidationError(
            [
                source.problem(
                    Text("table.bad_csv", error=str(error)),
                    line=start,  # where the broken row begins, not where reading stopped
                    expected=Text("table.csv_expected"),
                )
            ],
            source=source.name,
        ) from None
    return rows


def _delimiter(text: str) -> str:
    """The delimiter under which the most header cells are recognised."""
    head = "\n".join(text.splitlines()[:_HEADER_SEARCH_ROWS])
    best, best_score = ";", (-1, -1)
    for candidate in (";", ",", "\t"):
        try:
            rows = list(csv.reader(io.StringIO(head, newline=""), delimiter=candidate))
        except csv.Error:  # pragma: no cover - the non-strict reader rarely refuses
            continue
        recognised = max((sum(_header(c) is not None for c in row) for row in rows), default=0)
        widest = max((len(row) for row in rows), default=0)
        if (recognised, widest) > best_score:
            best, best_score = candidate, (recognised, widest)
    return best


def _read_xlsx(path: Path, sheet: str | None, source: _Source) -> Rows:
    try:
        import openpyxl  # noqa: PLC0415 - an optional extra, loaded only when needed
    except ImportError:
        raise CivsamError(Text("table.needs_openpyxl", source=source.name)) from None
    # Read as bytes first, as a CSV is: only a regular file, and only so much of it.
    data = io.BytesIO(read_file(path))
    try:
        workbook = openpyxl.load_workbook(data, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ValidationError(
            [source.problem(Text("table.bad_xlsx", error=str(error)))], source=source.name
        ) from None
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            sheets = ", ".join(repr(n) for n in workbook.sheetnames)
            raise CivsamError(
                Text("table.no_sheet", source=source.name, sheet=sheet, sheets=sheets)
            )
        return [
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Header(NamedTuple):
    """The header row, and what its cells say about the table's columns."""

    row: int  # its index in ``rows``
    fields: dict[int, str]  # column -> the field read from it
    extra: dict[int, str]  # column -> heading of a column kept in the notes
    language: Language | None  # the language most headings are in
    problems: list[Problem]  # missing columns and misspelt headings


def _find_header(
    rows: Rows, source: _Source, allowed: frozenset[str], language: Language | None
) -> _Header:
    """The header row: the first with a partner column and one more known column.

    Without one, the row most like a header, so that the error can name what it lacks.
    """
    searched = rows[:_HEADER_SEARCH_ROWS]
    index = next((i for i, (_, cells) in enumerate(searched) if _is_header(cells)), None)
    if index is None:
        index = _likeliest_header(searched)
    if index is None:
        raise ValidationError([_no_header(rows, source, language)], source=source.name)
    line, cells = rows[index]
    fields: dict[int, str] = {}
    near: dict[int, str] = {}
    votes = dict.fromkeys(Language, 0)
    for column, cell in enumerate(cells):
        heading = _classify(cell)
        if heading.field is not None and heading.field not in fields.values():
            fields[column] = heading.field
            if heading.language is not None:
                votes[heading.language] += 1
        elif heading.near is not None and _HEADERS[heading.near][0] in _WATCHED:
            near[column] = heading.near
    present = set(fields.values())
    # A heading close to a column the table has is not that column misspelt.
    near = {column: known for column, known in near.items() if _HEADERS[known][0] not in present}
    extra = {
        column: cell.strip()
        for column, cell in enumerate(cells)
        if cell.strip() and column not in fields and column not in near
    }
    header_language = max(votes, key=votes.__getitem__) if any(votes.values()) else None
    problems = _HeaderCheck(
        source, line, cells, language or header_language or Language.DA
    ).problems(present, near, allowed)
    return _Header(index, fields, extra, header_language, problems)


def _is_header(cells: Sequence[str]) -> bool:
    fields = {match[0] for match in map(_header, cells) if match is not None}
    return "partner" in fields and len(fields) >= 2  # noqa: PLR2004


def _likeliest_header(rows: Rows) -> int | None:
    """The first of the rows with the most cells that are, or nearly are, known headings."""
    scores = [sum(_classify(cell) != _NOTHING for cell in cells) for _, cells in rows]
    best = max(scores, default=0)
    return scores.index(best) if best else None


def _no_header(rows: Rows, source: _Source, language: Language | None) -> Problem:
    texts = catalogue(language or Language.DA)
    expected = Text(
        "table.header_expected",
        columns=", ".join(texts[f"column.{field}"] for field in GUIDE_COLUMNS),
    )
    message = Text("table.no_header")
    first = next(((line, cells) for line, cells in rows if any(c.strip() for c in cells)), None)
    if first is None:
        return source.problem(message, line=1, found=Text("table.empty"), expected=expected)
    line, cells = first
    found = Text("table.no_known_heading", rows=_HEADER_SEARCH_ROWS, cells=_Shown(cells))
    return source.problem(message, line=line, found=found, expected=expected)


_SHOWN_CELLS = 12
_SHOWN_LENGTH = 40


class _Shown:
    """Cells as an error shows them: a few, shortened, e-mails and phone numbers masked.

    Said in the reader's language, since the masks and "… (3 more)" are words.
    """

    __slots__ = ("texts",)

    def __init__(self, cells: Sequence[str]) -> None:
        self.texts = tuple(cell.strip() for cell in cells if cell.strip())

    def say(self, language: str) -> str:
        """The cells, quoted and joined by commas, in ``language``."""
        email = Text("table.masked_email").say(language)
        phone = Text("table.masked_phone").say(language)
        shown = []
        for text in self.texts[:_SHOWN_CELLS]:
            masked = _PHONE.sub(phone, _EMAIL.sub(email, text))
            if len(masked) > _SHOWN_LENGTH:
                masked = masked[: _SHOWN_LENGTH - 1] + "…"
            shown.append(repr(masked))
        if len(self.texts) > _SHOWN_CELLS:
            more = len(self.texts) - _SHOWN_CELLS
            shown.append(Text("table.more_cells", count=more).say(language))
        return ", ".join(shown)

    def __str__(self) -> str:
        return self.say("en")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Shown) and self.texts == other.texts

    def __hash__(self) -> int:
        return hash(self.texts)


class _HeaderCheck:
    """The problems of a header row: guide columns it lacks, headings it misspells."""

    def __init__(
        self, source: _Source, line: int, cells: Sequence[str], language: Language
    ) -> None:
        self.source = source
        self.line = line
        self.cells = cells
        self.language = language
        self.found = Text("table.headings", cells=_Shown(cells))

    def problems(
        self, present: set[str], near: dict[int, str], allowed: frozenset[str]
    ) -> list[Problem]:
        """One problem per missing guide column, then one per other misspelt heading."""
        problems: list[Problem] = []
        unreported = dict(near)
        for field in GUIDE_COLUMNS:
            if field in present or field in allowed:
                continue
            column = next((c for c, k in unreported.items() if _HEADERS[k][0] == field), None)
            heading = repr(self._heading(field))
            message = Text("table.missing_column", heading=heading, field=field)
            path = ""
            if column is not None:
                meant = repr(_DISPLAY[unreported.pop(column)])
                message = Text(
                    "table.missing_column_near", heading=heading, field=field, near=meant
                )
                path = self.cells[column].strip()
            problems.append(self._problem(message, path, self._expected_column(field)))
        for column, known in unreported.items():
            field = _HEADERS[known][0]
            problems.append(
                self._problem(
                    Text("table.unknown_heading", near=repr(_DISPLAY[known]), field=field),
                    self.cells[column].strip(),
                    Text("table.heading_expected", headings=self._both(field)),
                )
            )
        return problems

    def _problem(self, message: Message, path: str, expected: Message) -> Problem:
        return self.source.problem(
            message, line=self.line, column=path, found=self.found, expected=expected
        )

    def _heading(self, field: str, language: Language | None = None) -> str:
        return catalogue(language or self.language)[f"column.{field}"]

    def _both(self, field: str) -> Choices:
        """The field's heading in the table's language, then in the other one."""
        others = [lang for lang in Language if lang is not self.language]
        names = dict.fromkeys(self._heading(field, lang) for lang in (self.language, *others))
        return Choices(repr(name) for name in names)

    def _expected_column(self, field: str) -> Text:
        if field == "partner":
            return Text("table.partner_column_expected", headings=self._both(field))
        return Text("table.column_expected", headings=self._both(field), field=field)


def _build(
    rows: Rows,
    *,
    source: _Source,
    owner: Organisation | str | None,
    name: str,
    language: Language | None,
    allowed: frozenset[str],
) -> Project:
    header = _find_header(rows, source, allowed, language)
    problems = list(header.problems)
    if "partner" not in header.fields.values():
        raise ValidationError(problems, source=source.name)
    language = language or header.language or Language.DA
    header_cells = rows[header.row][1]
    owner_org = _owner(owner, language)
    taken: set[str] = {owner_org.id}
    items: list[Organisation | Relation | Assessment] = []
    width = len(header_cells)
    for line, cells in rows[header.row + 1 :]:
        if not any(cell.strip() for cell in cells):
            continue
        row = _Row(line, cells, header.fields, header_cells, source)
        beyond = [c for c in cells[width:] if c.strip()]
        if beyond:
            problems.append(
                row.problem(
                    Text("table.beyond_last_column"),
                    found=Text("table.cells", count=len(cells)),
                    expected=Text("table.at_most_cells", count=width),
                )
            )
        built = row.build(taken, owner_org, header.extra)
        problems.extend(row.problems)
        if built is not None:
            items.extend(built)
    if problems:
        raise ValidationError(problems, source=source.name)
    return Project(
        name or "Partnere",
        owner_org,
        language=language,
        organisations=[i for i in items if isinstance(i, Organisation)],
        relations=[i for i in items if isinstance(i, Relation)],
        assessments=[i for i in items if isinstance(i, Assessment)],
    )


def _owner(owner: Organisation | str | None, language: Language) -> Organisation:
    if isinstance(owner, Organisation):
        return owner
    if not owner:
        return placeholder_owner(language)
    kind = OrgKind.MUNICIPALITY if "kommune" in owner.casefold() else OrgKind.CIVIL_SOCIETY
    return Organisation(slugify(owner, "owner"), owner, kind)


class _Row:
    """One table row on its way to an organisation, an assessment and a relation."""

    def __init__(
        self,
        line: int,
        cells: Sequence[str],
        fields: dict[int, str],
        header: Sequence[str],
        source: _Source,
    ) -> None:
        self.line = line
        self.source = source
        self.header = header
        self.columns = {field: column for column, field in fields.items()}
        self.cells = cells
        self.problems: list[Problem] = []

    def get(self, field: str) -> str:
        column = self.columns.get(field)
        if column is None or column >= len(self.cells):
            return ""
        # Text is kept as written (civsam's own CSV reads back exactly); callers strip
        # where spaces carry no meaning (ids, levels, kinds, contact details).
        return _restore(self.cells[column])

    def problem(
        self,
        message: Message,
        *,
        field: str | None = None,
        found: Message | None = None,
        expected: Message | None = None,
    ) -> Problem:
        column = self.columns.get(field) if field else None
        heading = self.header[column].strip() if column is not None else ""
        return self.source.problem(
            message, line=self.line, column=heading, found=found, expected=expected
        )

    def level(self, field: str, scale: Scale) -> tuple[int | None, str]:
        try:
            return parse_level(self.get(field), scale)
        except LevelError as error:
            self.problems.append(
                self.problem(
                    Text("table.not_a_level"),
                    field=field,
                    found=repr(error.found),
                    expected=error.expected,
                )
            )
            return None, ""

    def build(
        self, taken: set[str], owner: Organisation, unknown: dict[int, str]
    ) -> list[Organisation | Relation | Assessment] | None:
        # A name keeps its inner spacing; spaces around it are a spreadsheet's accident.
        partner_name = self.get("partner").strip()
        if not partner_name:
            self.problems.append(
                self.problem(
                    Text("table.no_partner"),
                    field="partner",
                    found=Text("table.empty_cell"),
                    expected=Text("table.partner_name"),
                )
            )
            return None
        self._check_text()
        kind = self._kind()
        importance, importance_note = self.level("importance", IMPORTANCE)
        ease, ease_note = self.level("ease", EASE)
        explicit_notes = (self.get("importance_note"), self.get("ease_note"))
        # A cell with a control character is a problem already: build no contact from it.
        contacts = [] if self.problems else self._contacts()
        wanted_id = self.get("id").strip()
        if wanted_id and not IDENTIFIER.test(wanted_id):
            self.problems.append(
                self.problem(
                    Text("table.bad_id"),
                    field="id",
                    found=repr(wanted_id),
                    expected=IDENTIFIER.expected,
                )
            )
        elif wanted_id and wanted_id in taken:
            self.problems.append(
                self.problem(
                    Text("table.duplicate_id"),
                    field="id",
                    found=repr(wanted_id),
                    expected=Text("table.unused_id"),
                )
            )
        if self.problems:
            return None
        org_id = wanted_id or unique_id(partner_name, taken)
        taken.add(org_id)
        notes = [self.get("notes")] if self.get("notes") else []
        notes.extend(
            f"{title}: {self.cells[column].strip()}"
            for column, title in unknown.items()
            if column < len(self.cells) and self.cells[column].strip()
        )
        groups = [g.strip() for g in re.split(r"[;,\n]", self.get("target_groups")) if g.strip()]
        organisation = Organisation(
            org_id, partner_name, kind, tuple(dict.fromkeys(groups)), tuple(contacts)
        )
        existing = self.get("existing_relation")
        assessment = Assessment(
            partner=org_id,
            shared_interest=self.get("shared_interest"),
            importance=importance,
            ease=ease,
            challenges=self.get("challenges"),
            existing_relation=existing,
            contact=contacts[0].name if contacts else "",
            importance_note=explicit_notes[0] or importance_note,
            ease_note=explicit_notes[1] or ease_note,
            notes="\n".join(notes),
        )
        built: list[Organisation | Relation | Assessment] = [organisation, assessment]
        relation_kind = _relation_kind(existing)
        if relation_kind is not None:
            built.append(Relation(owner.id, org_id, relation_kind))
        return built

    def _check_text(self) -> None:
        """Names, ids and contact details can't hold control characters; free text can."""
        for field in _NAME_FIELDS & self.columns.keys():
            if CONTROL.search(self.get(field)):
                self.problems.append(
                    self.problem(
                        Text("table.control_character"),
                        field=field,
                        found=Text("table.invisible_character"),
                        expected=Text("table.plain_text"),
                    )
                )

    def _kind(self) -> OrgKind:
        text = self.get("kind").strip()
        if not text:
            return OrgKind.OTHER
        kind = _KINDS.get(_normalise(text))
        if kind is None:
            kinds = ", ".join(catalogue(Language.DA)[f"org_kind.{k.value}"] for k in OrgKind)
            values = ", ".join(k.value for k in OrgKind)
            self.problems.append(
                self.problem(
                    Text("table.unknown_kind"),
                    field="kind",
                    found=repr(text),
                    expected=Text("table.kind_expected", kinds=kinds, values=values),
                )
            )
            return OrgKind.OTHER
        return kind

    def _contacts(self) -> list[Contact]:
        contacts = list(_split_contacts(self.get("contact")))
        email = self.get("email").strip() or None
        phone = self.get("phone").strip() or None
        role = self.get("role").strip()
        if (email or phone or role) and not contacts:
            name = email or phone or role
            assert name is not None  # noqa: S101 - one of them is set
            contacts = [Contact(name)]
        if contacts and (email or phone or role):
            first = contacts[0]
            contacts[0] = Contact(
                first.name, email or first.email, phone or first.phone, role or first.role
            )
        return contacts


_NEUTRALISED = re.compile(r"'(?=[=+\-@\t\r\n'])")


def _restore(cell: str) -> str:
    """Undo the ``'`` a CSV export puts before a would-be formula (``'=SUM`` → ``=SUM``)."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def _split_contacts(cell: str) -> Iterable[Contact]:
    """``"Jens Hansen, jens@x.dk, +45 12 34 56 78"`` → a contact; ``;`` or lines: several."""
    for part in _CONTACT_SEPARATORS.split(cell):
        if not part.strip():
            continue
        email_match = _EMAIL.search(part)
        rest = _EMAIL.sub(" ", part)
        phone_match = _PHONE.search(rest)
        rest = _PHONE.sub(" ", rest)
        rest = _CONTACT_WORDS.sub(" ", rest)
        name = " ".join(rest.split()).strip(_STRIP).strip()
        email = email_match.group() if email_match else None
        phone = " ".join(phone_match.group().split()) if phone_match else None
        name = name or email or phone or ""
        if name:
            yield Contact(name, email, phone)


def _relation_kind(text: str) -> RelationKind | None:
    if not text or _NO_RELATION.search(text):
        return None
    for pattern, kind in _RELATION_PATTERNS:
        if pattern.search(text):
            return kind
    return None
