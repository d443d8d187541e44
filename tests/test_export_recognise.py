"""Each built-in format recognises its own earlier exports, and nothing else.

``civsam export -o OUT`` replaces an existing file without ``--force`` only when the
format's exporter says, through its optional ``recognises(data)``, that the file's
first bytes (at most 64 KiB) begin an earlier export of that format. So each exporter
must say yes to anything it writes (either language, with or without contact persons,
any project, cut at 64 KiB) and no to other formats' exports, to project files and to
a user's own files of the same type; and it must never raise, whatever the bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Protocol, runtime_checkable

import attrs
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import civsam
import civsam.files.bundled
from _formats import BUILTIN_FORMATS
from civsam import Assessment, Organisation, OrgKind, Project, RelationKind
from civsam.testing import projects

AS_OF = dt.date(2026, 1, 1)
LIMIT = 64 * 1024
"""How much of an existing file ``export`` shows the exporter."""
FORMATS = BUILTIN_FORMATS
LANGUAGES = ("da", "en")
VARIANTS = [
    (name, language, contacts)
    for name in FORMATS
    for language in LANGUAGES
    for contacts in (False, True)
]


@runtime_checkable
class Recognising(Protocol):
    """An exporter with the optional ``recognises`` method."""

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` begins an earlier export of this format."""
        ...


def recogniser(name: str) -> Recognising:
    """The installed exporter ``name``, as something that recognises its exports."""
    exporter = civsam.exporters()[name]
    assert isinstance(exporter, Recognising)
    return exporter


def recognised_by(data: bytes) -> list[str]:
    """The built-in formats that take ``data`` for one of their earlier exports."""
    return [name for name in FORMATS if recogniser(name).recognises(data)]


def export(project: Project, name: str, language: str, contacts: bool) -> bytes:  # noqa: FBT001
    """The project's export in format ``name``, planned as of a fixed day."""
    return civsam.export_project(
        project, name, language=language, include_contacts=contacts, as_of=AS_OF
    )


def big_project() -> Project:
    """The bundled example with 600 more assessed partners: every export over 64 KiB."""
    project = civsam.example()
    for number in range(600):
        partner = Organisation(
            f"forening-{number}",
            f"Forening nummer {number} for ældre i Aarhus",
            kind=OrgKind.CIVIL_SOCIETY,
            target_groups=("ældre",),
        )
        project.add(partner)
        project.add(
            Assessment(
                partner=partner.id,
                shared_interest="Fælles mål: færre ensomme ældre",
                importance=1 + number % 5,
                ease=1 + number * 3 % 5,
            )
        )
        project.relate(project.owner.id, partner.id, RelationKind.ACQUAINTANCE)
    # Room for a year of first meetings and their check-ins: a long calendar too.
    project.plan_settings = attrs.evolve(project.plan_settings, capacity=40)
    return project


@pytest.fixture(scope="module")
def example_exports() -> dict[tuple[str, str, bool], bytes]:
    """Every built-in export of the bundled example, by (format, language, contacts)."""
    project = civsam.example()
    return {variant: export(project, *variant) for variant in VARIANTS}


@pytest.fixture(scope="module")
def big() -> Project:
    """:func:`big_project`, made once (exporting leaves a project unchanged)."""
    return big_project()


@pytest.fixture(scope="module")
def big_exports(big: Project) -> dict[tuple[str, str, bool], bytes]:
    """Every built-in export of :func:`big_project`, by (format, language, contacts)."""
    return {variant: export(big, *variant) for variant in VARIANTS}


def test_every_builtin_format_can_recognise_its_exports() -> None:
    """Each built-in exporter has ``recognises``, and it answers with a bool."""
    for name in FORMATS:
        assert recogniser(name).recognises(b"") is False


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: "-".join(map(str, v)))
def test_an_export_is_recognised_by_its_own_format_only(
    variant: tuple[str, str, bool], example_exports: dict[tuple[str, str, bool], bytes]
) -> None:
    """The example's export, either language, with or without contacts: its format alone."""
    assert recognised_by(example_exports[variant]) == [variant[0]]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: "-".join(map(str, v)))
def test_the_first_64_kib_of_a_long_export_are_recognised(
    variant: tuple[str, str, bool], big_exports: dict[tuple[str, str, bool], bytes]
) -> None:
    """A long export cut at 64 KiB, or inside a character before it: still its format's alone."""
    data = big_exports[variant]
    assert len(data) > LIMIT
    # The last cut before 64 KiB that splits a character (a UTF-8 continuation byte follows).
    inside = next(cut for cut in range(LIMIT, 0, -1) if 0x80 <= data[cut] < 0xC0)
    for cut in (LIMIT, inside):
        assert recognised_by(data[:cut]) == [variant[0]]


@pytest.mark.parametrize(
    ("description", "data"),
    [
        ("the bundled example's TOML, with comments", civsam.files.bundled.example_text().encode()),
        ("a project file in TOML", civsam.dumps(civsam.example(), "toml").encode()),
        ("a project file in JSON", civsam.dumps(civsam.example(), "json").encode()),
    ],
)
def test_project_files_are_not_recognised(description: str, data: bytes) -> None:
    """No format takes a civsam project file for one of its exports."""
    assert recognised_by(data) == [], description


USER_FILES = {
    "markdown": [
        b"# Meeting notes\n\nWe met the association on Tuesday.\n",
        "# Mødenoter\n\n- **Ejer:** Jens\n- **Målgrupper:** ældre\n- Persondata: ingen\n".encode(),
        b"# Notes\n\n- **Owner:** Me\n- **Target groups:** everyone\n- Some list item\n",
        b"Personal data in this export\\: none\n# Title\n",
    ],
    "csv": [
        "\ufeffNavn;E-mail;Telefon\r\nJens;jens@example.dk;+45 12 34 56 78\r\n".encode(),
        b"Rank,Quadrant,Id,Partner\r\n1,A,a,Alpha\r\n",
        # The guide's partner table, as `civsam import-table` reads it.
        (
            "\ufeffPotentiel samarbejdspartner;Fælles interesse;Betydning for succes;"
            "Udfordringer;Eksisterende relation;Evt. kontaktperson\r\n"
            "Ældre Sagen;Samme målgruppe;Høj;Travle frivillige;Ingen;Jens\r\n"
        ).encode(),
        # civsam's English header in another order: a user's own sheet.
        b"Quadrant,Rank,Id,Potential partner\r\n",
    ],
    "ics": [
        (
            b"BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
            b"VERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ),
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
            b"PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nEND:VCALENDAR\r\n"
        ),
        # An event that quotes civsam's PRODID is not civsam's calendar.
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
            b"PRODID:-//civsam//civsam 0.1.0//DA\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ),
    ],
    "html": [
        (
            b'<!DOCTYPE html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n'
            b"<title>Mine noter</title>\n</head>\n<body><p>Hej</p></body>\n</html>\n"
        ),
        b"<html><head><title>civsam</title></head><body></body></html>",
    ],
    "svg": [
        (
            b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape='
            b'"http://www.inkscape.org/namespaces/inkscape" width="210mm" height="297mm">\n'
            b'<g class="civsam-board"/></svg>\n'
        ),
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
            b"<circle r='1'/></svg>\n"
        ),
    ],
    "graphml": [
        (
            b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<graphml '
            b'xmlns="http://graphml.graphdrawing.org/xmlns" '
            b'xmlns:y="http://www.yworks.com/xml/graphml"><graph edgedefault="directed"/></graphml>'
        ),
    ],
    "kumu": [
        b"{}",
        b'{\n  "elements": [],\n  "connections": []\n}\n',
        # What Kumu's own JSON export looks like.
        b'{"elements": [{"_id": "el-1", "attributes": {"label": "A"}}], "connections": []}',
        (
            b'{\n  "elements": [\n    {\n      "label": "A",\n      "type": "Person"\n    }\n'
            b'  ],\n  "connections": []\n}\n'
        ),
        b'{\n  "name": "my-app",\n  "version": "1.0.0"\n}\n',
    ],
}


def _networkx_graphml() -> bytes:
    graph: nx.DiGraph[str] = nx.DiGraph(name="mine")
    graph.add_edge("a", "b", kind="friends")
    out = io.BytesIO()
    nx.write_graphml(graph, out)
    return out.getvalue()


USER_FILES["graphml"].append(_networkx_graphml())
USER_FILES["csv-rfc4180"] = USER_FILES["csv"]
USER_FILES["workshop"] = USER_FILES["html"]  # a user's own page is no board either


@pytest.mark.parametrize(
    ("name", "data"),
    [(name, data) for name, files in USER_FILES.items() for data in files],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_users_own_file_of_the_type_is_not_recognised(name: str, data: bytes) -> None:
    """Notes, spreadsheets, other programs' calendars, pages, drawings, graphs and JSON."""
    assert recogniser(name).recognises(data) is False
    assert recognised_by(data) == []


@pytest.mark.parametrize("name", FORMATS)
def test_export_replaces_its_own_earlier_export_without_force(
    name: str, big: Project, tmp_path: Path
) -> None:
    """A long earlier export (only its first 64 KiB are looked at) is replaced: no --force."""
    out = tmp_path / f"export{civsam.exporters()[name].suffix}"
    civsam.export_project(big, name, out, language="da", include_contacts=True, as_of=AS_OF)
    again = civsam.export_project(big, name, out, language="en", as_of=AS_OF)
    assert out.read_bytes() == again


@pytest.mark.parametrize("name", FORMATS)
def test_export_leaves_a_users_own_file_alone(name: str, tmp_path: Path) -> None:
    """A user's own file of the format's type is not replaced without force."""
    mine = USER_FILES[name][0]
    out = tmp_path / f"mine{civsam.exporters()[name].suffix}"
    out.write_bytes(mine)
    with pytest.raises(civsam.ExportError, match="not an earlier"):
        civsam.export_project(civsam.example(), name, out, as_of=AS_OF)
    assert out.read_bytes() == mine


def test_an_export_edited_into_another_shape_is_not_recognised(
    example_exports: dict[tuple[str, str, bool], bytes],
) -> None:
    """An export whose identifying start is changed is no longer taken for one."""
    csv = example_exports["csv-rfc4180", "en", False]
    kumu = example_exports["kumu", "en", False]
    markdown = example_exports["markdown", "en", False]
    edited = {
        "csv-rfc4180": csv.replace(b"Rank,Quadrant", b"Rank;Quadrant", 1),
        "kumu": json.dumps({**json.loads(kumu), "mine": True}, indent=2).encode(),
        "markdown": markdown.replace(b"Personal data in", b"Data in", 1),
    }
    for name, data in edited.items():
        assert not recogniser(name).recognises(data), name


@settings(deadline=None)
@given(
    project=projects(history=True),
    language=st.sampled_from(LANGUAGES),
    contacts=st.booleans(),
)
def test_any_projects_export_is_recognised_by_its_own_format_only(
    project: Project,
    language: str,
    contacts: bool,  # noqa: FBT001 - drawn by given
) -> None:
    """Hostile names and notes, empty projects: each export is recognised by its format alone."""
    for name in FORMATS:
        data = export(project, name, language, contacts)
        assert recognised_by(data) == [name]
        assert recognised_by(data[:LIMIT]) == [name]


@settings(deadline=None)
@given(name=st.sampled_from(FORMATS), data=st.binary(max_size=2048))
def test_recognises_never_raises_on_any_bytes(name: str, data: bytes) -> None:
    """Any bytes at all (invalid UTF-8, BOMs, nothing): a bool, never an exception."""
    assert isinstance(recogniser(name).recognises(data), bool)


@settings(deadline=None)
@given(st.data())
def test_recognises_never_raises_on_an_export_cut_anywhere(data: st.DataObject) -> None:
    """Any export cut at any byte, or with any byte changed, gets a bool from every format."""
    variant = data.draw(st.sampled_from(VARIANTS))
    exported = export(civsam.example(), *variant)
    cut = data.draw(st.integers(min_value=0, max_value=len(exported)))
    changed = bytearray(exported[:cut])
    if changed:
        at = data.draw(st.integers(min_value=0, max_value=len(changed) - 1))
        changed[at] = data.draw(st.integers(min_value=0, max_value=255))
    for candidate in (exported[:cut], bytes(changed)):
        for name in FORMATS:
            assert isinstance(recogniser(name).recognises(candidate), bool)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
FIELDS = ("Ejer", "Owner", "Kvadrant", "Rank", "E-mail", "mine")


@st.composite
def elements(draw: st.DrawFn) -> dict[str, object]:
    """An element with civsam's fields in civsam's order, each holding a right or any value."""
    owner = draw(st.sampled_from(["Ejer", "Owner"]))
    values = {
        "id": st.text(),
        "label": st.text(),
        "type": st.sampled_from(["Kommune", "Municipality"]),
        "tags": st.lists(st.text(), max_size=2),
        owner: st.sampled_from(["ja", "nej", "yes", "no"]),
    }
    element = {key: draw(value | JSON) for key, value in values.items()}
    return element | draw(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=3), JSON))


@settings(deadline=None)
@given(
    element=elements() | st.dictionaries(st.text(max_size=3), JSON),
    rest=st.sampled_from(["", "]}", '],\n  "connections": []\n}\n', "]"]),
)
def test_recognises_never_raises_on_json_shaped_like_a_blueprint(
    element: dict[str, object], rest: str
) -> None:
    """Any first element, of any values, under the blueprint's start: a bool from every format."""
    data = ('{\n  "elements": [\n    ' + json.dumps(element) + rest).encode()
    for name in FORMATS:
        assert isinstance(recogniser(name).recognises(data), bool)


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 5000,
        b'{\n  "elements": [\n    ' + b"[" * 100_000,
        b'{\n  "elements": [\n    {"id": ' + b"[" * 100_000,
        b"\xef\xbb\xbf",
        b"\xff\xfe" + "Rank".encode("utf-16-le"),
        b"BEGIN:VCALENDAR",
        b"\x00" * LIMIT,
        b'{\n  "elements": [\n    {"id": "a", "label": "A", "type": [], "tags": [], "Owner": "no"}',
        (
            b'{\n  "elements": [\n    {"id": "a", "label": "A", "type": "Kommune", "tags": [],'
            b' "Ejer": {}}'
        ),
    ],
    ids=[
        "deep-json",
        "deep-elements",
        "deep-element",
        "bom",
        "utf-16",
        "calendar-start",
        "nul",
        "kind-a-list",
        "owner-an-object",
    ],
)
def test_hostile_bytes_are_refused_without_an_error(data: bytes) -> None:
    """Deep nesting, a lone BOM, UTF-16 and NUL bytes: no format, and no exception."""
    assert recognised_by(data) == []
