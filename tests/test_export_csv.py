"""The CSV exporters: the bytes of both profiles, neutralised formulas, privacy, round trips."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import civsam
from civsam.testing import check_exporter, projects

AS_OF = dt.date(2026, 1, 1)
BOM = b"\xef\xbb\xbf"
FORMATS = ("csv", "csv-rfc4180")
LANGUAGES = ("da", "en")

DA_COLUMNS = [
    "Rang", "Kvadrant", "Id", "Potentiel samarbejdspartner", "Type", "Fælles interesse",
    "Betydning", "Note om betydning", "Lethed", "Note om lethed", "Udfordringer",
    "Eksisterende relation", "Evt. kontaktperson", "Noter",
]  # fmt: skip
EN_COLUMNS = [
    "Rank", "Quadrant", "Id", "Potential partner", "Kind", "Shared interest", "Importance",
    "Importance note", "Ease", "Ease note", "Challenges", "Existing relation",
    "Contact person", "Notes",
]  # fmt: skip
GUIDE_COLUMNS = [
    "Potentiel samarbejdspartner", "Fælles interesse", "Betydning", "Udfordringer",
    "Eksisterende relation", "Evt. kontaktperson",
]  # fmt: skip
"""The guide's six columns, in the guide's words and order."""

FIELDS = [
    "rank", "quadrant", "id", "partner", "kind", "shared_interest", "importance",
    "importance_note", "ease", "ease_note", "challenges", "existing_relation", "contact",
    "notes",
]  # fmt: skip
"""What each column holds, in the order of DA_COLUMNS and EN_COLUMNS."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""The first characters that make a spreadsheet run a text cell (OWASP, FORMATS.md)."""


def columns(language: str, *, contacts: bool = False) -> list[str]:
    """The header of civsam's CSV in ``language``, with the contact columns if asked."""
    header = list(DA_COLUMNS if language == "da" else EN_COLUMNS)
    if contacts:
        header[-1:-1] = ["E-mail", "Telefon"] if language == "da" else ["E-mail", "Phone"]
    return header


def delimiter(fmt: str, language: str) -> str:
    """``;`` for the Excel profile in Danish, else ``,``."""
    return ";" if (fmt, language) == ("csv", "da") else ","


def rows(data: bytes, fmt: str = "csv", language: str = "da") -> list[list[str]]:
    """The CSV's rows as ``csv.reader`` reads them (a byte-order mark is skipped)."""
    text = data.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(fmt, language))
    return list(reader)


def records(data: bytes, fmt: str = "csv", language: str = "da") -> list[dict[str, str]]:
    """Each data row as a mapping from header to cell."""
    header, *body = rows(data, fmt, language)
    return [dict(zip(header, row, strict=True)) for row in body]


def neutralised(text: str) -> str:
    """The documented rule, written out again: ``'`` before a would-be formula."""
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    if text.startswith("'") and text[1:2] and text[1] in {*FORMULA_STARTS, "'"}:
        return "'" + text
    return text


def one_partner(**assessment: object) -> civsam.Project:
    """A project with one partner, ``a`` ("Alfa"), assessed with ``assessment``."""
    fields: dict[str, object] = {"importance": 5, "ease": 5, **assessment}
    return civsam.Project(
        "Test",
        civsam.Organisation("kommune", "Kommune", civsam.OrgKind.MUNICIPALITY),
        organisations=[civsam.Organisation("a", "Alfa", civsam.OrgKind.CIVIL_SOCIETY)],
        assessments=[civsam.Assessment("a", **fields)],  # type: ignore[arg-type]
    )


def read_back(data: bytes, owner: civsam.Organisation) -> civsam.Project:
    """``civsam.read_table`` on ``data`` written to a file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "partnere.csv"
        path.write_bytes(data)
        return civsam.read_table(path, owner=owner)


# -- the bytes of each profile -----------------------------------------------------------------


def test_the_danish_csv_profile_is_what_danish_excel_opens() -> None:
    """Danish `csv`: UTF-8 BOM, `;`, CRLF after every row, no `sep=` line, the Danish header."""
    data = civsam.export_project(civsam.example(), "csv", as_of=AS_OF)
    assert data.startswith(BOM + b"Rang;Kvadrant;Id;")
    assert data.count(BOM) == 1
    assert b"sep=" not in data.lower()
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data[len(BOM) :].decode("utf-8").split("\r\n")
    assert lines[0] == (
        "Rang;Kvadrant;Id;Potentiel samarbejdspartner;Type;Fælles interesse;Betydning;"
        "Note om betydning;Lethed;Note om lethed;Udfordringer;Eksisterende relation;"
        "Evt. kontaktperson;Noter"
    )
    assert len(lines) == 1 + 14 + 1  # header, one row per assessed partner, the final CRLF
    assert lines[-1] == ""


def test_the_header_holds_the_guides_six_columns_in_the_guides_order() -> None:
    """The guide's six Danish column names appear in the header in the guide's order."""
    header = rows(civsam.export_project(civsam.example(), "csv", as_of=AS_OF))[0]
    assert header == DA_COLUMNS
    assert [column for column in header if column in GUIDE_COLUMNS] == GUIDE_COLUMNS


def test_the_english_csv_profile_uses_commas() -> None:
    """English `csv`: UTF-8 BOM (Excel needs it for æøå), `,` and the English header."""
    data = civsam.export_project(civsam.example(), "csv", language="en", as_of=AS_OF)
    first = data.split(b"\r\n")[0]
    assert first == BOM + (
        b"Rank,Quadrant,Id,Potential partner,Kind,Shared interest,Importance,"
        b"Importance note,Ease,Ease note,Challenges,Existing relation,Contact person,Notes"
    )
    assert b";Lad os" not in data
    assert rows(data, "csv", "en")[1][:5] == [
        "1",
        "Let's start here",
        "aeldresagen-aarhus",
        "Ældre Sagen Aarhus",
        "Civil-society organisation",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_rfc4180_profile_has_no_bom_and_uses_commas_and_crlf(language: str) -> None:
    """`csv-rfc4180`: no BOM, `,` between cells and CRLF row ends, in either language."""
    data = civsam.export_project(civsam.example(), "csv-rfc4180", language=language, as_of=AS_OF)
    assert not data.startswith(BOM)
    assert BOM not in data
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    header = data.split(b"\r\n")[0].decode("utf-8")
    assert header == ",".join(columns(language))
    assert rows(data, "csv-rfc4180", language)[0] == columns(language)


def test_the_danish_rfc4180_profile_quotes_cells_with_commas() -> None:
    """A cell with a comma is quoted in the comma profile; the same cell is bare with `;`."""
    excel = civsam.export_project(civsam.example(), "csv", as_of=AS_OF)
    plain = civsam.export_project(civsam.example(), "csv-rfc4180", as_of=AS_OF)
    cell = "Samme målgruppe, fælles mål: færre ensomme ældre"
    assert f";{cell};".encode() in excel
    assert f',"{cell}",'.encode() in plain


def test_one_row_per_assessed_partner_in_rank_order() -> None:
    """The example's rows follow the ranking; the first rows are pinned byte for byte."""
    project = civsam.example()
    data = civsam.export_project(project, "csv", as_of=AS_OF)
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[1:4] == [
        (
            "1;Lad os starte her;aeldresagen-aarhus;Ældre Sagen Aarhus;Civilsamfundsorganisation;"
            "Samme målgruppe, fælles mål: færre ensomme ældre;5;"
            "Høj – mange frivillige og stort netværk blandt ældre i hele kommunen;5;"
            "Nemt – vi har en aftale og mødes fast hver måned;"
            '"De frivillige er allerede travle; vi må ikke love mere, end de kan holde";'
            "Tidligere projektsamarbejde og nuværende partnerskab;;"
        ),
        (
            "2;Lad os starte her;besoegstjenesten-viby-sogn;Besøgstjenesten i Viby Sogn;"
            "Civilsamfundsorganisation;"
            "Besøg i eget hjem hos ensomme ældre og støtte til pårørende;"
            "5;;4;Nemt – Røde Kors kan introducere os;"
            "Usikkerhed omkring hvordan et kirkeligt tilbud passer ind i et kommunalt projekt;"
            '"Ingen direkte; kendes gennem Røde Kors Aarhus";;'
        ),
        (
            "3;Lad os starte her;roede-kors-aarhus;Røde Kors Aarhus;Civilsamfundsorganisation;"
            "Besøgsvenner til ensomme ældre;5;"
            "Høj – potentiale for at skalere besøgsvenneordningen;"
            "4;;Landsorganisationens retningslinjer kan gøre lokale aftaler langsomme;"
            "Samskabt besøgsvenneordning siden 2024;;"
        ),
    ]
    prio = civsam.prioritise(project, as_of=AS_OF)
    table = records(data)
    assert [(row["Rang"], row["Id"]) for row in table] == [
        (str(placement.rank), placement.partner.id) for placement in prio
    ]
    assert sorted(row["Id"] for row in table) == sorted(project.assessments)
    assert [row["Kvadrant"] for row in table] == (
        ["Lad os starte her"] * 4
        + ["Diskuter, om det er arbejdet værd at få dem med"] * 3
        + ["Måske, men ikke nu"] * 3
        + ["Ikke det værd"] * 4
    )


# -- numbers -----------------------------------------------------------------------------------


def test_whole_numbers_are_written_without_a_decimal() -> None:
    """Rank, importance and ease are `5`, never `5.0`; the ranks count from 1."""
    table = records(civsam.export_project(civsam.example(), "csv", as_of=AS_OF))
    assert [row["Rang"] for row in table] == [str(n) for n in range(1, 15)]
    assert {row["Betydning"] for row in table} == {"2", "3", "4", "5"}
    assert {row["Lethed"] for row in table} == {"2", "3", "4", "5"}
    data = civsam.export_project(civsam.example(), "csv-rfc4180", language="en", as_of=AS_OF)
    assert b".0" not in data


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_score_from_raters_is_written_as_a_whole_number(fmt: str, language: str) -> None:
    """Raters' medians 3.5 and 4.5 round half up to 4 and 5, written `4` and `5`."""
    project = one_partner(
        importance=None,
        ease=None,
        ratings=(civsam.Rating("Rikke", 3, 4), civsam.Rating("Søren", 4, 5)),
    )
    data = civsam.export_project(project, fmt, language=language, as_of=AS_OF)
    [row] = rows(data, fmt, language)[1:]
    assert (row[6], row[8]) == ("4", "5")
    assert b".5" not in data


# -- formula injection -------------------------------------------------------------------------

TEXT_FIELDS = (
    "shared_interest",
    "importance_note",
    "ease_note",
    "challenges",
    "existing_relation",
    "notes",
)


def hostile_project(text: str) -> civsam.Project:
    """One partner whose name and every text of its assessment is ``text``."""
    partner = civsam.Organisation("a", text, civsam.OrgKind.CIVIL_SOCIETY)
    texts: dict[str, Any] = dict.fromkeys(TEXT_FIELDS, text)
    return civsam.Project(
        "Test",
        civsam.Organisation("kommune", "Kommune"),
        organisations=[partner],
        assessments=[civsam.Assessment("a", importance=4, ease=2, **texts)],
    )


@pytest.mark.parametrize("start", FORMULA_STARTS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_text_cell_that_starts_like_a_formula_gets_a_quote(fmt: str, start: str) -> None:
    """A text cell starting with `= + - @`, TAB, CR or LF is written with a leading `'`."""
    text = f"{start}SUM(A1:A9)"
    data = civsam.export_project(hostile_project(text), fmt, as_of=AS_OF)
    [row] = records(data, fmt)
    texts = {FIELDS[DA_COLUMNS.index(column)]: cell for column, cell in row.items()}
    assert texts == {
        "rank": "1",
        "quadrant": "Diskuter, om det er arbejdet værd at få dem med",
        "id": "a",
        "partner": "'" + text,
        "kind": "Civilsamfundsorganisation",
        "importance": "4",
        "ease": "2",
        "contact": "",
        **dict.fromkeys(TEXT_FIELDS, "'" + text),
    }


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("'=SUM(A1)", "''=SUM(A1)"),
        ("'+45", "''+45"),
        ("'-", "''-"),
        ("'@x", "''@x"),
        ("'\tx", "''\tx"),
        ("''", "'''"),
        ("'", "'"),
        ("'a", "'a"),
        ("a=b", "a=b"),
        (" =1+1", " =1+1"),
        ("45 12 34 56", "45 12 34 56"),
    ],
)
def test_a_quote_is_added_only_where_the_rule_says(text: str, cell: str) -> None:
    """Text already starting with `'` before a formula character (or `'`) gets one more."""
    [row] = records(civsam.export_project(hostile_project(text), "csv", as_of=AS_OF))
    assert (row["Potentiel samarbejdspartner"], row["Noter"]) == (cell, cell)


def test_an_id_that_starts_like_a_formula_gets_a_quote() -> None:
    """Ids are text too: `=a` is written `'=a` (and read back as `=a`)."""
    project = civsam.Project(
        "Test",
        civsam.Organisation("kommune", "Kommune"),
        organisations=[civsam.Organisation("=a", "Alfa"), civsam.Organisation("@b", "Beta")],
        assessments=[civsam.Assessment("=a", importance=5, ease=5), civsam.Assessment("@b")],
    )
    data = civsam.export_project(project, "csv", as_of=AS_OF)
    assert [row["Id"] for row in records(data)] == ["'=a", "'@b"]
    assert sorted(read_back(data, project.owner).assessments) == ["=a", "@b"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_phone_numbers_are_neutralised_as_documented(fmt: str) -> None:
    """With contacts, `+45 12 34 56 11` is written `'+45 12 34 56 11`; e-mails stay as they are."""
    data = civsam.export_project(civsam.example(), fmt, include_contacts=True, as_of=AS_OF)
    table = records(data, fmt)
    assert table[0] == {
        "Rang": "1",
        "Kvadrant": "Lad os starte her",
        "Id": "aeldresagen-aarhus",
        "Potentiel samarbejdspartner": "Ældre Sagen Aarhus",
        "Type": "Civilsamfundsorganisation",
        "Fælles interesse": "Samme målgruppe, fælles mål: færre ensomme ældre",
        "Betydning": "5",
        "Note om betydning": (
            "Høj – mange frivillige og stort netværk blandt ældre i hele kommunen"
        ),
        "Lethed": "5",
        "Note om lethed": "Nemt – vi har en aftale og mødes fast hver måned",
        "Udfordringer": (
            "De frivillige er allerede travle; vi må ikke love mere, end de kan holde"
        ),
        "Eksisterende relation": "Tidligere projektsamarbejde og nuværende partnerskab",
        "Evt. kontaktperson": "Birthe Søndergaard",
        "E-mail": "birthe.soendergaard@example.dk",
        "Telefon": "'+45 12 34 56 11",
        "Noter": "",
    }
    phones = [row["Telefon"] for row in table if row["Telefon"]]
    assert phones
    assert all(re.fullmatch(r"'\+45 12 34 56 \d\d", phone) for phone in phones)


def test_numbers_civsam_writes_are_never_prefixed() -> None:
    """Rank, importance and ease cells are bare digits, even with hostile text around them."""
    [row] = records(civsam.export_project(hostile_project("-1"), "csv", as_of=AS_OF))
    assert (row["Rang"], row["Betydning"], row["Lethed"]) == ("1", "4", "2")
    assert row["Noter"] == "'-1"


# -- quoting and line breaks -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_cell_with_line_breaks_is_quoted_and_reads_back_equal(fmt: str, language: str) -> None:
    """Line breaks (LF and CRLF), quotes and both delimiters survive `csv.reader` unchanged."""
    notes = 'Linje 1\nLinje 2\r\nSagt: "ja; nej, måske"'
    challenges = "Første\nAnden"
    project = one_partner(notes=notes, challenges=challenges)
    data = civsam.export_project(project, fmt, language=language, as_of=AS_OF)
    assert b'"Linje 1\nLinje 2\r\nSagt: ""ja; nej, m\xc3\xa5ske"""\r\n' in data
    assert b'"F\xc3\xb8rste\nAnden"' in data
    [row] = rows(data, fmt, language)[1:]
    assert (row[-1], row[FIELDS.index("challenges")]) == (notes, challenges)


# -- privacy -----------------------------------------------------------------------------------


def personal_details(project: civsam.Project) -> list[str]:
    """Every contact person's name, e-mail and phone in ``project``."""
    return [
        value
        for organisation in project.organisations.values()
        for contact in organisation.contacts
        for value in (contact.name, contact.email, contact.phone)
        if value
    ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_without_include_contacts_no_personal_data_is_exported(fmt: str, language: str) -> None:
    """No contact name, e-mail or phone anywhere in the bytes; no e-mail or phone column."""
    project = civsam.example()
    data = civsam.export_project(project, fmt, language=language, as_of=AS_OF)
    text = data.decode("utf-8-sig")
    details = personal_details(project)
    assert len(details) == 34
    assert [detail for detail in details if detail in text] == []
    assert "12 34 56" not in text
    assert "@" not in text
    header, *body = rows(data, fmt, language)
    assert header == columns(language)
    contact = header.index("Evt. kontaktperson" if language == "da" else "Contact person")
    assert {row[contact] for row in body} == {""}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_with_include_contacts_the_contact_persons_are_exported(fmt: str, language: str) -> None:
    """With include_contacts the e-mail and phone columns appear and hold the details."""
    project = civsam.example()
    data = civsam.export_project(
        project, fmt, language=language, include_contacts=True, as_of=AS_OF
    )
    header, *body = rows(data, fmt, language)
    assert header == columns(language, contacts=True)
    contacts = [row[12:15] for row in body]
    assert contacts[:3] == [
        ["Birthe Søndergaard", "birthe.soendergaard@example.dk", "'+45 12 34 56 11"],
        ["Inger Mølgaard", "inger.moelgaard@example.dk", ""],
        ["Ahmad Rahimi", "ahmad.rahimi@example.dk", "'+45 12 34 56 21"],
    ]
    named = {project.assessments[row[2]].contact for row in body} - {""}
    assert {row[12] for row in body} - {""} == named
    assert len(named) == 10


def test_rater_names_are_never_exported() -> None:
    """The raters' names (personal data) are not in the CSV, even with include_contacts."""
    project = one_partner(ratings=(civsam.Rating("Rikke Rasmussen", 3, 4),))
    for fmt in FORMATS:
        data = civsam.export_project(project, fmt, include_contacts=True, as_of=AS_OF)
        assert b"Rikke" not in data


# -- reading civsam's CSV back -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("contacts", [False, True], ids=["no-contacts", "contacts"])
def test_read_table_reads_civsams_csv_back(
    fmt: str,
    language: str,
    contacts: bool,  # noqa: FBT001 - drawn by parametrize
) -> None:
    """Ids, names, kinds, scores, notes and texts come back; contacts only if exported."""
    project = civsam.example()
    data = civsam.export_project(
        project, fmt, language=language, include_contacts=contacts, as_of=AS_OF
    )
    back = read_back(data, project.owner)
    expected = {
        partner: assessment if contacts else attrs.evolve(assessment, contact="")
        for partner, assessment in project.assessments.items()
    }
    assert dict(back.assessments) == expected
    assert {o.id: (o.id, o.name, o.kind) for o in back.organisations.values()} == {
        o.id: (o.id, o.name, o.kind) for o in project.organisations.values()
    }
    assert back.language is civsam.Language(language)
    again = civsam.export_project(
        back, fmt, language=language, include_contacts=contacts, as_of=AS_OF
    )
    assert again == data


def test_read_table_reads_back_a_neutralised_phone_number() -> None:
    """`'+45 12 34 56 11` in the CSV is `+45 12 34 56 11` again in the project."""
    project = civsam.example()
    data = civsam.export_project(project, "csv", include_contacts=True, as_of=AS_OF)
    back = read_back(data, project.owner)
    assert back.organisations["aeldresagen-aarhus"].contacts == (
        civsam.Contact("Birthe Søndergaard", "birthe.soendergaard@example.dk", "+45 12 34 56 11"),
    )


def test_read_table_reads_back_text_with_a_control_character() -> None:
    """A vertical tab (Word's line break, pasted into a note) survives export and import."""
    project = one_partner(shared_interest="Linje 1\x0bLinje 2", notes="Bip\x07")
    data = civsam.export_project(project, "csv", as_of=AS_OF)
    back = read_back(data, project.owner)
    assert dict(back.assessments) == dict(project.assessments)


def test_read_table_keeps_the_spaces_around_exported_text() -> None:
    """Free text keeps its spaces and line breaks; spaces around a name are dropped."""
    project = civsam.Project(
        "Test",
        civsam.Organisation("kommune", "Kommune"),
        organisations=[civsam.Organisation("a", " Alfa ")],
        assessments=[
            civsam.Assessment("a", importance=5, ease=4, notes="Husk:\n", challenges="  indrykket")
        ],
    )
    data = civsam.export_project(project, "csv-rfc4180", as_of=AS_OF)
    [row] = records(data, "csv-rfc4180")
    assert (row["Potentiel samarbejdspartner"], row["Noter"]) == (" Alfa ", "Husk:\n")
    back = read_back(data, project.owner)
    assert back.organisations["a"].name == "Alfa"
    assert dict(back.assessments) == dict(project.assessments)


# -- properties over generated projects --------------------------------------------------------


def expected_record(
    placement: civsam.Placement, project: civsam.Project, language: str, *, contacts: bool
) -> list[str]:
    """The row civsam's CSV should hold for ``placement``, cell by cell."""
    assessment = project.assessments[placement.partner.id]
    text = {
        "id": placement.partner.id,
        "partner": placement.partner.name,
        "shared_interest": assessment.shared_interest,
        "importance_note": assessment.importance_note,
        "ease_note": assessment.ease_note,
        "challenges": assessment.challenges,
        "existing_relation": assessment.existing_relation,
        "contact": assessment.contact if contacts else "",
        "notes": assessment.notes,
    }
    cells = {name: neutralised(value) for name, value in text.items()}
    cells |= {
        "rank": str(placement.rank),
        "quadrant": civsam.label(f"quadrant.{placement.quadrant.value}", language),
        "kind": civsam.label(f"org_kind.{placement.partner.kind.value}", language),
        "importance": civsam.format_number(placement.importance, language),
        "ease": civsam.format_number(placement.ease, language),
    }
    row = [cells[field] for field in FIELDS]
    if contacts:
        people = placement.partner.contacts
        named = [c for c in people if c.name == assessment.contact]
        person = named[0] if named else (people[0] if people else None)
        email = (person.email or "") if person else ""
        phone = (person.phone or "") if person else ""
        row[-1:-1] = [neutralised(email), neutralised(phone)]
    return row


@given(
    project=projects(scored=True),
    fmt=st.sampled_from(FORMATS),
    language=st.sampled_from(LANGUAGES),
    contacts=st.booleans(),
)
def test_the_csv_reads_back_equal_to_the_data(
    project: civsam.Project,
    fmt: str,
    language: str,
    contacts: bool,  # noqa: FBT001
) -> None:
    """Parsed with `csv.reader`, every cell is the data, apart from the documented `'`."""
    data = civsam.export_project(
        project, fmt, language=language, include_contacts=contacts, as_of=AS_OF
    )
    assert data.startswith(BOM) == (fmt == "csv")
    header, *body = rows(data, fmt, language)
    assert header == columns(language, contacts=contacts)
    prio = civsam.prioritise(project, as_of=AS_OF)
    assert body == [
        expected_record(placement, project, language, contacts=contacts) for placement in prio
    ]


@given(
    project=projects(scored=True),
    fmt=st.sampled_from(FORMATS),
    language=st.sampled_from(LANGUAGES),
)
def test_reexporting_what_read_table_read_gives_the_same_rows(
    project: civsam.Project, fmt: str, language: str
) -> None:
    """CSV → read_table → CSV gives the same rows (the settings stay in the project file).

    Spaces around a partner's name are dropped on import (a spreadsheet's accident), so
    the name column is compared without them.
    """
    data = civsam.export_project(project, fmt, language=language, as_of=AS_OF)
    back = read_back(data, project.owner)
    back.priority_settings = project.priority_settings  # a table holds no settings (documented)
    again = civsam.export_project(back, fmt, language=language, as_of=AS_OF)

    def plain(name: str) -> str:
        """The name as read_table keeps it: neutralising quote undone, spaces around dropped."""
        if name[:1] == "'" and name[1:2] in {"=", "+", "-", "@", "\t", "\r", "\n", "'"}:
            name = name[1:]
        return name.strip()

    def names_stripped(table: list[list[str]]) -> list[list[str]]:
        return [[*row[:3], plain(row[3]), *row[4:]] for row in table]

    assert names_stripped(rows(again, fmt, language)) == names_stripped(rows(data, fmt, language))


# -- the exporter contract ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_csv_exporters_keep_civsams_promises(fmt: str) -> None:
    """check_exporter passes for both CSV profiles, as found through the entry points."""
    exporter = civsam.exporters()[fmt]
    assert (exporter.name, exporter.suffix, exporter.media_type) == (
        fmt,
        ".csv",
        "text/csv; charset=utf-8",
    )
    check_exporter(exporter, max_examples=20)
