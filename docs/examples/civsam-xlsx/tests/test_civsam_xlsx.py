"""civsam-xlsx keeps civsam's promises, is found as a plugin, and writes what it says."""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import subprocess
import sys
import time
import zipfile
from typing import Any

import openpyxl
import pytest
from civsam_xlsx import XLSX
from hypothesis import given
from hypothesis import strategies as st

import civsam
from civsam.testing import check_exporter

AS_OF = dt.date(2026, 1, 1)
LANGUAGES = ["da", "en"]
NOON = 1767268801  # SOURCE_DATE_EPOCH for 2026-01-01 12:00:01 UTC: an odd second on purpose
CUT = 64 * 1024  # civsam hands `recognises` at most this much of an existing file


def export(project: civsam.Project, **options: Any) -> bytes:
    """The project as this package's workbook, as of AS_OF unless told otherwise."""
    return civsam.export_project(project, "xlsx", **{"as_of": AS_OF, **options})


def sheets(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet of a workbook by name: its rows of values, header first."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def members(data: bytes) -> dict[str, str]:
    """Every member of the zip as text, XML entities resolved: what a privacy scan reads."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: html.unescape(archive.read(name).decode()) for name in archive.namelist()}


def partners_and_plan(data: bytes, language: str) -> tuple[list[tuple[Any, ...]], ...]:
    """The two sheets, found by their names in ``language``."""
    found = sheets(data)
    assert list(found) == [
        civsam.label("report.partners", language),
        civsam.label("plan.title", language),
    ]
    return tuple(found.values())


def test_is_found_through_its_entry_point() -> None:
    """Installed, the package's entry point gives civsam the `xlsx` format."""
    assert "xlsx" in civsam.exporters()
    exporter = civsam.exporters()["xlsx"]
    assert exporter is XLSX
    assert (exporter.suffix, exporter.media_type) == (
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_keeps_civsam_s_promises() -> None:
    """Bytes, deterministic, empty and hostile projects, no contacts unasked, report unchanged."""
    check_exporter(civsam.exporters()["xlsx"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_lists_every_placement_in_rank_order_in_the_report_s_language(language: str) -> None:
    """One row per placement: rank, name, quadrant label, scores and reasons, in rank order."""
    project = civsam.example()
    prio = civsam.prioritise(project, as_of=AS_OF)

    partners, _ = partners_and_plan(export(project, language=language), language)

    assert partners[0] == tuple(
        civsam.label(key, language)
        for key in (
            "column.rank",
            "column.partner",
            "column.quadrant",
            "column.importance",
            "column.ease",
            "report.reasons",
        )
    )
    assert partners[1:] == [
        (
            placement.rank,
            placement.partner.name,
            civsam.label(f"quadrant.{placement.quadrant.value}", language),
            placement.importance,
            placement.ease,
            "\n".join(placement.explain(language)),
        )
        for placement in prio
    ]
    assert [row[0] for row in partners[1:]] == list(range(1, len(prio) + 1))


def test_writes_danish_and_english_words() -> None:
    """The same first row in both languages, in civsam's words for each."""
    project = civsam.example()
    danish, _ = partners_and_plan(export(project), "da")
    english, _ = partners_and_plan(export(project, language="en"), "en")

    assert danish[0][:3] == ("Rang", "Potentiel samarbejdspartner", "Kvadrant")
    assert english[0][:3] == ("Rank", "Potential partner", "Quadrant")
    assert danish[1][:5] == (1, "Ældre Sagen Aarhus", "Lad os starte her", 5, 5)
    assert english[1][:5] == (1, "Ældre Sagen Aarhus", "Let's start here", 5, 5)
    assert danish[1][5].startswith("Betydning 5")
    assert english[1][5].startswith("Importance 5")


@pytest.mark.parametrize("language", LANGUAGES)
def test_plans_the_first_meetings_in_danish_local_time(language: str) -> None:
    """The plan sheet: each first meeting's date, weekday, times, rank, partner and quadrant."""
    project = civsam.example()
    report = civsam.make_report(project, as_of=AS_OF, language=language)

    _, plan = partners_and_plan(export(project, language=language), language)

    assert plan[0] == tuple(
        civsam.label(f"column.{key}", language)
        for key in ("date", "weekday", "time", "until", "rank", "partner", "quadrant")
    )
    meetings = report.plan.meetings
    assert meetings
    assert [row[4:6] for row in plan[1:]] == [(m.rank, m.partner.name) for m in meetings]
    for row, meeting in zip(plan[1:], meetings, strict=True):
        start = meeting.start.astimezone(civsam.TIMEZONE)
        assert row[0] == dt.datetime.combine(start.date(), dt.time())
        assert row[2:4] == (start.time(), meeting.end.astimezone(civsam.TIMEZONE).time())
        assert row[6] == civsam.label(f"quadrant.{meeting.quadrant.value}", language)
    first = ("mandag", "Monday")[LANGUAGES.index(language)]
    assert plan[1][1:6] == (first, dt.time(10), dt.time(11), 2, "Besøgstjenesten i Viby Sogn")


def test_says_so_when_there_is_no_meeting_to_plan() -> None:
    """A project without partners: headers, then civsam's sentence for an empty plan."""
    project = civsam.Project("Tomt", civsam.Organisation("ejer", "Ejer"))

    partners, plan = partners_and_plan(export(project), "da")

    assert partners[1:] == []
    assert plan[1:] == [(None,) * 7, (civsam.label("plan.none", "da"),) + (None,) * 6]


def personal_data(project: civsam.Project) -> set[str]:
    """Every contact person's name, role, e-mail and phone in ``project``."""
    found = {a.contact for a in project.assessments.values()}
    for organisation in project.organisations.values():
        for person in organisation.contacts:
            found |= {person.name, person.role or "", person.email or "", person.phone or ""}
    return found - {""}


def test_holds_no_contact_person_unless_asked() -> None:
    """Without include_contacts no member of the zip holds a name, role, e-mail or phone."""
    project = civsam.example()
    secrets = personal_data(project)
    assert {"Birthe Søndergaard", "Ahmad Rahimi"} <= secrets

    for language in LANGUAGES:
        data = export(project, language=language)
        leaked = {s for text in members(data).values() for s in secrets if s in text}
        assert leaked == set()
        partners, plan = partners_and_plan(data, language)
        assert civsam.label("column.contact", language) not in partners[0] + plan[0]


def test_shows_contact_persons_when_asked() -> None:
    """With include_contacts: name, role, e-mail and phone by each partner, and at each meeting."""
    project = civsam.example()
    report = civsam.make_report(project, as_of=AS_OF, include_contacts=True)

    partners, plan = partners_and_plan(export(project, include_contacts=True), "da")

    assert partners[0][6:] == ("Evt. kontaktperson", "Rolle", "E-mail", "Telefon")
    for row, placement in zip(partners[1:], report.prioritisation, strict=True):
        person = report.contact_person(placement.partner)
        expected = (
            (person.name, person.role, person.email, person.phone)
            if person is not None
            else (report.contact_name(placement.partner.id) or None, None, None, None)
        )
        assert row[6:] == expected
    assert partners[1][6] == "Birthe Søndergaard"
    assert plan[0][7] == "Evt. kontaktperson"
    people = [report.contact_person(meeting.partner) for meeting in report.plan.meetings]
    assert [row[7] for row in plan[1:]] == [p.name if p else None for p in people]


FORMULA_LIKE = ["=SUM(A1)", "=1+1", "+45 12 34 56 78", "-2+3", "@SUM(A1)", "#N/A", "'=quoted"]


def test_keeps_formula_like_text_as_text() -> None:
    """A name Excel could run stays text: read back as written, no formula in any sheet."""
    project = civsam.Project("P", civsam.Organisation("ejer", "Ejer"))
    for number, name in enumerate(FORMULA_LIKE):
        project.add(
            civsam.Organisation(f"p{number}", name),
            civsam.Assessment(f"p{number}", importance=5, ease=5),
        )

    data = export(project)

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells = [row[1] for row in workbook.worksheets[0].iter_rows(min_row=2)]
    assert sorted(str(cell.value) for cell in cells) == sorted(FORMULA_LIKE)
    assert {cell.data_type for cell in cells} == {"s"}
    # Excel's quote prefix on the ones that start like a formula: they stay text when edited.
    prefixed = {str(cell.value) for cell in cells if cell.quotePrefix}
    assert prefixed == {name for name in FORMULA_LIKE if name[0] in "=+-@"}
    sheet_xml = [text for name, text in members(data).items() if name.startswith("xl/worksheets/")]
    assert not any("<f>" in text or 't="e"' in text for text in sheet_xml)


def test_replaces_what_xml_cannot_hold() -> None:
    """A control character in a contact's details becomes U+FFFD instead of breaking the file."""
    project = civsam.Project("P", civsam.Organisation("ejer", "Ejer"))
    person = civsam.Contact("Kim", email="kim\x02@example.dk", phone="\x1b12", role="\ufffe")
    project.add(
        civsam.Organisation("p", "P", contacts=(person,)),
        civsam.Assessment("p", importance=5, ease=5),
    )

    partners, _ = partners_and_plan(export(project, include_contacts=True), "da")

    assert partners[1][6:] == ("Kim", "\ufffd", "kim\ufffd@example.dk", "\ufffd12")


def zip_time(when: dt.datetime) -> tuple[int, ...]:
    """How a zip member's time reads back: UTC, seconds in steps of two."""
    return (*when.timetuple()[:5], when.second // 2 * 2)


@pytest.mark.parametrize(
    ("epoch", "expected", "in_zip"),
    [
        # No SOURCE_DATE_EPOCH: midnight UTC of the day the report plans from.
        (None, dt.datetime(2026, 12, 7, tzinfo=dt.UTC), None),
        (str(NOON), dt.datetime(2026, 1, 1, 12, 0, 1, tzinfo=dt.UTC), None),
        # Before 1980, which zip cannot date: its members get the earliest time it can.
        ("0", dt.datetime(1970, 1, 1, tzinfo=dt.UTC), dt.datetime(1980, 1, 1, tzinfo=dt.UTC)),
    ],
)
def test_dates_everything_by_report_timestamp(
    monkeypatch: pytest.MonkeyPatch,
    epoch: str | None,
    expected: dt.datetime,
    in_zip: dt.datetime | None,
) -> None:
    """The workbook's created/modified and every member's time come from report.timestamp."""
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    report = civsam.make_report(civsam.example(), as_of=AS_OF)
    assert report.timestamp == expected

    data = export(civsam.example())

    properties = openpyxl.load_workbook(io.BytesIO(data)).properties
    naive = expected.replace(tzinfo=None)
    assert (properties.created, properties.modified) == (naive, naive)
    assert (properties.creator, properties.lastModifiedBy) == ("civsam-xlsx", "civsam-xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert {info.date_time for info in infos} == {zip_time(in_zip or expected)}
    assert {(info.compress_type, info.create_system, info.external_attr) for info in infos} == {
        (zipfile.ZIP_DEFLATED, 3, 0o100644 << 16)
    }
    assert [info.filename for info in infos] == sorted(info.filename for info in infos)
    assert infos[0].filename == "[Content_Types].xml"


CHILD = """
import datetime as dt, sys
import civsam
data = civsam.export(civsam.example(), "xlsx", as_of=dt.date(2026, 1, 1), include_contacts=True)
sys.stdout.buffer.write(data)
"""


def export_in_another_process(seed: int, epoch: str | None) -> bytes:
    """The example exported by a fresh Python, with its own PYTHONHASHSEED and clock."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = str(seed)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run(  # noqa: S603 - this interpreter, this script
        [sys.executable, "-c", CHILD], env=env, capture_output=True, check=True, timeout=300
    ).stdout


@pytest.mark.parametrize("epoch", [None, str(NOON)])
def test_gives_the_same_bytes_in_other_processes_at_other_times(
    monkeypatch: pytest.MonkeyPatch, epoch: str | None
) -> None:
    """Two processes 2.1 s apart (past a zip time's two-second step) and this one agree."""
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)

    first = export_in_another_process(1, epoch)
    time.sleep(2.1)
    second = export_in_another_process(2, epoch)

    assert first == second
    assert first == export(civsam.example(), include_contacts=True)
    assert zipfile.ZipFile(io.BytesIO(first)).testzip() is None


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("contacts", [False, True])
def test_recognises_its_own_workbooks_whole_and_cut(language: str, *, contacts: bool) -> None:
    """An earlier export, whole or its first 64 KiB: `civsam export -o` may replace it."""
    data = export(civsam.example(), language=language, include_contacts=contacts)
    assert XLSX.recognises(data)
    assert XLSX.recognises(data[:CUT])


def test_recognises_no_workbook_someone_saved_since() -> None:
    """Saved again under another name (as Excel does), or made elsewhere: left alone."""
    workbook = openpyxl.load_workbook(io.BytesIO(export(civsam.example())))
    workbook.properties.lastModifiedBy = "Birthe"
    edited = io.BytesIO()
    workbook.save(edited)
    other = io.BytesIO()
    openpyxl.Workbook().save(other)

    assert not XLSX.recognises(edited.getvalue())
    assert not XLSX.recognises(other.getvalue())
    for name in ("csv", "markdown", "html"):
        assert not XLSX.recognises(civsam.export_project(civsam.example(), name, as_of=AS_OF))


_OURS = export(civsam.example())


@given(st.binary(max_size=4096) | st.integers(0, len(_OURS)).map(lambda n: _OURS[:n]))
def test_recognises_answers_any_bytes_with_a_bool(data: bytes) -> None:
    """Any bytes at all, our own cut anywhere included: True or False, never an exception."""
    assert XLSX.recognises(data) in {True, False}
