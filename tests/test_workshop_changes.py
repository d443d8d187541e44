"""The workshop changes file: reading it (every problem at once, located) and planning it.

``read_changes`` reads what the board's Save downloads; ``apply_changes`` plans what
``civsam apply`` records: new dated assessments, the conflicts with a project that moved
on since the board was made, and the changes the project already holds.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from civsam import Assessment, Organisation, OrgKind, Project, ValidationError
from civsam.files import Limits
from civsam.model import FIRST_DAY, LAST_DAY
from civsam.testing import identifiers, names, projects, texts
from civsam.workshop import (
    CHANGES_FORMAT,
    CHANGES_VERSION,
    Applied,
    BoardCell,
    Change,
    Changes,
    Conflict,
    apply_changes,
    assessment_token,
    board_token,
    changes_json,
    read_changes,
)

BOARD_DAY = dt.date(2026, 12, 7)
WORKSHOP = dt.date(2026, 12, 8)
TOKEN = "0123456789abcdef"  # noqa: S105 - a board token, not a secret


def project() -> Project:
    """An owner and three partners: one undated, one dated, one never assessed."""
    return Project(
        "Ensomhed blandt ældre",
        Organisation("kommune", "Aarhus Kommune", OrgKind.MUNICIPALITY),
        organisations=[
            Organisation("ds", "Ældre Sagen"),
            Organisation("rk", "Røde Kors"),
            Organisation("fc", "Frivilligcenter"),
        ],
        assessments=[
            Assessment(
                "ds",
                shared_interest="Samme målgruppe",
                importance=5,
                ease=4,
                importance_note="Høj",
                ease_note="Nemt",
                notes="Gammel note",
            ),
            Assessment("rk", importance=3, ease=3, date=dt.date(2026, 11, 1), by="Mette"),
        ],
    )


def board(made_from: Project, moves: dict[str, tuple[int, int]], **fields: Any) -> Changes:
    """The changes a board made from ``made_from`` saves after ``moves`` (id: scores)."""
    latest = made_from.assessments
    changes = []
    for partner, (importance, ease) in moves.items():
        now = latest.get(partner)
        was = (
            None
            if now is None or now.importance is None or now.ease is None
            else BoardCell(now.importance, now.ease)
        )
        changes.append(Change(partner, assessment_token(now), importance, ease, was, **fields))
    return Changes(made_from.name, board_token(made_from), BOARD_DAY, WORKSHOP, tuple(changes))


def document(**fields: Any) -> dict[str, Any]:
    """A valid changes file's JSON, with ``fields`` replacing (or adding) top-level keys."""
    base = {
        "format": CHANGES_FORMAT,
        "version": CHANGES_VERSION,
        "project": "Ensomhed blandt ældre",
        "board": TOKEN,
        "made": "2026-12-07",
        "date": "2026-12-08",
        "changes": [{"partner": "ds", "base": "", "importance": 4, "ease": 2}],
    }
    return {**base, **fields}


def change(**fields: Any) -> dict[str, Any]:
    """One valid change's JSON, with ``fields`` replacing (or adding) keys."""
    return {"partner": "ds", "base": "", "importance": 4, "ease": 2, **fields}


def encoded(doc: object) -> bytes:
    """A document as a changes file's bytes, indented as the board writes it."""
    return json.dumps(doc, indent=2, ensure_ascii=False).encode()


def problems(data: bytes, language: str = "en") -> list[str]:
    """The problems ``read_changes`` finds, one line each, in ``language``."""
    with pytest.raises(ValidationError) as raised:
        read_changes(data, source="c.json")
    head, *lines = raised.value.text(language).splitlines()
    assert head.endswith("c.json:")
    return [line.strip() for line in lines]


# -- reading ---------------------------------------------------------------------------------


def test_a_board_s_changes_read_back_equal() -> None:
    """What a board saves reads back as the same changes, its header first."""
    changes = board(project(), {"ds": (3, 2), "fc": (5, 5)}, rater="Mette", note="Ny leder")
    text = changes_json(changes)
    assert read_changes(text.encode(), source="c.json") == changes
    raw = json.loads(text)
    assert list(raw)[:2] == ["format", "version"]
    assert raw["format"] == "civsam-workshop-changes"
    assert raw["version"] == 1
    assert raw["changes"][0]["was"] == {"importance": 5, "ease": 4}
    assert "was" not in raw["changes"][1]  # unplaced: absent (the board writes null)


def test_a_byte_order_mark_and_null_was_and_absent_optional_keys_are_read() -> None:
    """A BOM (Windows' Notepad), ``was: null`` and no rater or note are all valid."""
    doc = document(changes=[change(was=None), change(partner="rk", rater="", note="")])
    changes = read_changes(b"\xef\xbb\xbf" + encoded(doc), source="c.json")
    assert [c.was for c in changes.changes] == [None, None]
    assert [c.rater for c in changes.changes] == ["", ""]
    assert changes.date == WORKSHOP


def test_an_empty_board_is_read() -> None:
    """A board saved before anything moved holds no changes: valid, nothing to do."""
    assert read_changes(encoded(document(changes=[])), source="c.json").changes == ()


ERRORS = [
    pytest.param(
        b"\xff{}",
        [
            (
                "c.json:1: the file is not UTF-8 text; found byte 0xff; "
                "expected UTF-8 (save the file as UTF-8)"
            )
        ],
        [
            (
                "c.json:1: filen er ikke UTF-8-tekst; fundet byte 0xff; "
                "forventet UTF-8 (gem filen som UTF-8)"
            )
        ],
        id="not-utf8",
    ),
    pytest.param(
        b'{"format": }',
        ["c.json:1: not valid JSON: Expecting value (column 12)"],
        ["c.json:1: ikke gyldig JSON: forventede en værdi her (kolonne 12)"],
        id="syntax",
    ),
    pytest.param(
        b"[]",
        [
            (
                "c.json: wrong value; found a list; expected a JSON object with format, version, "
                "project, board, made, date and changes"
            )
        ],
        [
            (
                "c.json: forkert værdi; fundet en liste; forventet et JSON-objekt med format, "
                "version, project, board, made, date og changes"
            )
        ],
        id="not-an-object",
    ),
    pytest.param(
        b'{"format": ' + b"9" * 5000 + b"}",
        [
            (
                "c.json: not valid JSON: a number of more than 4,300 digits; "
                "expected numbers of at most 4,300 digits"
            )
        ],
        [
            (
                "c.json: ikke gyldig JSON: et tal med mere end 4.300 cifre; "
                "forventet tal med højst 4.300 cifre"
            )
        ],
        id="huge-number",
    ),
    pytest.param(
        encoded({"project": {"name": "x"}, "organisations": []}),
        [
            (
                "c.json: not a changes file from a workshop board; found no format key; "
                'expected "format": "civsam-workshop-changes"'
            )
        ],
        [
            (
                "c.json: ikke en ændringsfil fra en workshoptavle; fundet ingen format-nøgle; "
                'forventet "format": "civsam-workshop-changes"'
            )
        ],
        id="a-project-file",
    ),
    pytest.param(
        encoded(document(format="civsam-board", bogus=1)),
        [
            (
                "c.json:2: format: not a changes file from a workshop board; "
                'found text \'civsam-board\'; expected "format": "civsam-workshop-changes"'
            )
        ],
        [
            (
                "c.json:2: format: ikke en ændringsfil fra en workshoptavle; "
                'fundet teksten \'civsam-board\'; forventet "format": "civsam-workshop-changes"'
            )
        ],
        id="another-format",
    ),
    pytest.param(
        encoded(document(version=2, rounds=[], changes="new")),
        [
            (
                "c.json:3: version: the file was made by a newer civsam; "
                "upgrade civsam to read it; found version 2; expected version 1 or older"
            )
        ],
        [
            (
                "c.json:3: version: filen er lavet af en nyere civsam; opgradér civsam for at læse "
                "den; fundet version 2; forventet version 1 eller ældre"
            )
        ],
        id="newer-version",
    ),
]


@pytest.mark.parametrize(("data", "english", "danish"), ERRORS)
def test_a_file_that_is_no_changes_file_is_one_problem(
    data: bytes, english: list[str], danish: list[str]
) -> None:
    """Bytes that are no changes file at all (or a newer one's) are one problem, not dozens."""
    assert problems(data) == english
    assert problems(data, "da") == danish


def test_every_problem_is_reported_at_once_located_by_line_and_path() -> None:
    """Every wrong field, at once, with its line, JSON path, what was found and expected."""
    doc = document(
        version="1",
        project="",
        board="XYZ",
        made="08-12-2026",
        date=20261208,
        extra=True,
        changes=[
            change(importance="5", ease=True, rater=3),
            change(partner="rk", base="ABCDEF0123456789", importance=6, ease=0),
            change(partner="fc", was={"importance": 9}, nope=1),
            change(partner="rk"),
            change(partner="lone", importance=2.0, ease=None),
            5,
        ],
    )
    del doc["changes"][4]["base"]
    assert problems(encoded(doc)) == [
        (
            "c.json:3: version: wrong value; found text '1'; "
            "expected the version number 1 (a whole number)"
        ),
        "c.json:4: project: wrong value; found text ''; expected a non-empty name",
        (
            "c.json:5: board: wrong value; found text 'XYZ'; "
            "expected a token of 16 hexadecimal digits (0-9, a-f)"
        ),
        "c.json:6: made: wrong value; found text '08-12-2026'; expected a date such as 2024-03-01",
        "c.json:7: date: wrong value; found number 20261208; expected a date such as 2024-03-01",
        "c.json:12: changes[0].importance: wrong value; found text '5'; expected a whole number",
        (
            "c.json:13: changes[0].ease: wrong value; found true/false value true; "
            "expected a whole number"
        ),
        # A rater's name is personal data: a wrong one is described, never repeated.
        "c.json:14: changes[0].rater: wrong value; found a whole number; expected text",
        (
            "c.json:18: changes[1].base: wrong value; found text 'ABCDEF0123456789'; "
            'expected a token of 16 hexadecimal digits (0-9, a-f), or "" for no assessment'
        ),
        (
            "c.json:19: changes[1].importance: wrong value; found number 6; "
            "expected a whole number from 1 to 5"
        ),
        (
            "c.json:20: changes[1].ease: wrong value; found number 0; "
            "expected a whole number from 1 to 5"
        ),
        "c.json:27: changes[2].was.ease: required key is missing",
        (
            "c.json:28: changes[2].was.importance: wrong value; found number 9; "
            "expected a whole number from 1 to 5"
        ),
        (
            "c.json:30: changes[2].nope: unknown key; "
            "expected one of partner, base, importance, ease, was, rater, note"
        ),
        (
            "c.json:33: changes[3].partner: the partner is moved twice in the same file; "
            "found 'rk'; expected each partner once (first at changes[1])"
        ),
        "c.json:38: changes[4].base: required key is missing",
        "c.json:40: changes[4].importance: wrong value; found number 2.0; expected a whole number",
        "c.json:41: changes[4].ease: wrong value; found nothing; expected a whole number",
        "c.json:43: changes[5]: wrong value; found number 5; expected a table",
        (
            "c.json:45: extra: unknown key; "
            "expected one of format, version, project, board, made, date, changes"
        ),
    ]
    danish = problems(encoded(doc), "da")
    assert danish[0] == (
        "c.json:3: version: forkert værdi; fundet teksten '1'; "
        "forventet versionsnummeret 1 (et helt tal)"
    )
    assert danish[14] == (
        "c.json:33: changes[3].partner: samarbejdspartneren er flyttet to gange i samme fil; "
        "fundet 'rk'; forventet hver samarbejdspartner én gang (først ved changes[1])"
    )
    assert danish[-1] == (
        "c.json:45: extra: ukendt nøgle; "
        "forventet en af format, version, project, board, made, date, changes"
    )


@pytest.mark.parametrize(
    ("doc", "english", "danish"),
    [
        pytest.param(
            {key: value for key, value in document().items() if key != "version"},
            "version: required key is missing; expected the version number 1 (a whole number)",
            "version: påkrævet nøgle mangler; forventet versionsnummeret 1 (et helt tal)",
            id="no-version",
        ),
        pytest.param(
            document(version=0),
            "c.json:3: version: wrong value; found number 0; "
            "expected the version number 1 (a whole number)",
            "c.json:3: version: forkert værdi; fundet tallet 0; "
            "forventet versionsnummeret 1 (et helt tal)",
            id="version-0",
        ),
        pytest.param(
            {key: value for key, value in document().items() if key != "changes"},
            "changes: required key is missing",
            "changes: påkrævet nøgle mangler",
            id="no-changes",
        ),
        pytest.param(
            document(made="1899-12-31"),
            "c.json:6: made: wrong value; found date 1899-12-31; "
            "expected a date from 1900-01-01 to 2199-12-31",
            "c.json:6: made: forkert værdi; fundet datoen 1899-12-31; "
            "forventet en dato fra 1900-01-01 til 2199-12-31",
            id="date-out-of-range",
        ),
        pytest.param(
            document(changes=[change(rater="Mette\x07")]),
            "c.json:14: changes[0].rater: wrong value; found a value; "
            'expected a name without control characters, or ""',
            "c.json:14: changes[0].rater: forkert værdi; fundet en værdi; "
            'forventet et navn uden kontroltegn, eller ""',
            id="rater-control-character",
        ),
        pytest.param(
            document(changes=[change(partner=" ds")]),
            "c.json:10: changes[0].partner: wrong value; found text ' ds'; "
            "expected a non-empty id without surrounding spaces or control characters",
            "c.json:10: changes[0].partner: forkert værdi; fundet teksten ' ds'; "
            "forventet et id, der ikke er tomt, uden mellemrum før og efter og uden kontroltegn",
            id="partner-id",
        ),
    ],
)
def test_a_wrong_field_is_located_and_said_in_both_languages(
    doc: dict[str, Any], english: str, danish: str
) -> None:
    """Each kind of wrong field is located and said in English and Danish."""
    data = encoded(doc)
    found = problems(data)
    assert english in [line.removeprefix("c.json: ") for line in found] + found
    found_da = problems(data, "da")
    assert danish in [line.removeprefix("c.json: ") for line in found_da] + found_da


def test_a_key_given_twice_is_an_error() -> None:
    """JSON keeps the last of a repeated key silently; civsam refuses it."""
    data = encoded(document()).replace(b'"board"', b'"project": "Andet",\n  "board"', 1)
    assert problems(data) == [
        (
            "c.json:5: project: a key given twice in one table; found 'project' again; "
            "expected each key once (JSON would keep only the last value)"
        )
    ]


def test_texts_and_the_number_of_changes_are_held_to_the_limits() -> None:
    """The changes file is held to civsam's limits as a project file is."""
    long_note = document(changes=[change(note="x" * 10_001, rater="M" * 301)])
    assert problems(encoded(long_note)) == [
        (
            "c.json:14: changes[0].note: text too long; found 10,001 characters; "
            "expected at most 10,000 (Limits.max_text)"
        ),
        (
            "c.json:15: changes[0].rater: text too long; found 301 characters; "
            "expected at most 300 (Limits.max_name)"
        ),
    ]
    many = document(changes=[change(partner=f"p{n}") for n in range(1001)])
    assert problems(encoded(many)) == [
        (
            "c.json:8: changes: too many items; found 1,001 items; "
            "expected at most 1,000 (Limits.max_list)"
        )
    ]
    deep = document(changes=[change(note=[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]])])
    assert problems(encoded(deep)) == [
        (
            "c.json:27: lists and tables nested too deeply; found more than 16 levels; "
            "expected at most 16 (Limits.max_depth)"
        )
    ]
    small = Limits(max_bytes=100)
    with pytest.raises(ValidationError, match="the file is too large"):
        read_changes(encoded(document()), source="c.json", limits=small)


def test_the_values_refuse_what_the_file_refuses() -> None:
    """Built in Python, the values keep the rules the file is read with."""
    with pytest.raises(ValueError, match="each partner at most once"):
        Changes("P", TOKEN, BOARD_DAY, WORKSHOP, (Change("a", "", 1, 1), Change("a", "", 2, 2)))
    with pytest.raises(ValueError, match="a whole number from 1 to 5"):
        Change("a", "", 6, 1)
    with pytest.raises(ValueError, match="a whole number from 1 to 5"):
        BoardCell(None, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="16 hexadecimal digits"):
        Change("a", "short", 1, 1)
    with pytest.raises(ValueError, match="date"):
        Changes("P", TOKEN, dt.datetime(2026, 12, 7), WORKSHOP, ())  # noqa: DTZ001


# -- property tests --------------------------------------------------------------------------

TOKENS = st.from_regex(r"[0-9a-f]{16}", fullmatch=True)
DAYS = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
SCORES = st.integers(1, 5)
CELLS = st.builds(BoardCell, SCORES, SCORES)


@st.composite
def any_changes(draw: st.DrawFn) -> Changes:
    """Any valid changes: partners once each, scores 1-5, tokens, hostile texts."""
    partners = draw(st.lists(identifiers(), unique=True, max_size=6))
    return Changes(
        project=draw(names()),
        board=draw(TOKENS),
        made=draw(DAYS),
        date=draw(DAYS),
        changes=tuple(
            Change(
                partner,
                draw(st.just("") | TOKENS),
                draw(SCORES),
                draw(SCORES),
                draw(st.none() | CELLS),
                rater=draw(st.just("") | names()),
                note=draw(texts()),
            )
            for partner in partners
        ),
    )


@given(any_changes())
def test_any_changes_written_and_read_back_are_equal(changes: Changes) -> None:
    """Written by civsam and read back, any valid changes are equal."""
    assert read_changes(changes_json(changes).encode(), source="c.json") == changes


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = ["format", "version", "project", "board", "made", "date", "changes"]
CHANGE_FIELDS = ["partner", "base", "importance", "ease", "was", "rater", "note"]


@given(st.binary(max_size=400))
def test_any_bytes_give_changes_or_a_validation_error(data: bytes) -> None:
    """Whatever the bytes, reading gives changes or a ValidationError, never a crash."""
    try:
        read_changes(data, source="c.json")
    except ValidationError as error:
        refused = error
    else:
        return
    assert refused.problems
    assert refused.text("da")


@given(st.data())
def test_a_valid_file_with_bytes_changed_gives_changes_or_a_validation_error(
    data: st.DataObject,
) -> None:
    """A file cut, or with bytes replaced (a hand edit, a bad copy), never crashes reading."""
    valid = bytearray(changes_json(board(project(), {"ds": (3, 2), "fc": (5, 5)})).encode())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(valid) - 1))
        valid[at : at + data.draw(st.integers(0, 3))] = data.draw(st.binary(max_size=3))
    try:
        read_changes(bytes(valid), source="c.json")
    except ValidationError as error:
        refused = error
    else:
        return
    assert all(problem.file == "c.json" for problem in refused.problems)


@given(
    st.sampled_from(FIELDS),
    st.sampled_from(CHANGE_FIELDS),
    JSON,
    st.booleans(),
)
def test_any_value_anywhere_gives_changes_or_a_located_error(
    field: str,
    inner: str,
    value: object,
    in_change: bool,  # noqa: FBT001
) -> None:
    """Any JSON value in any field gives changes or problems in the file, no rater echoed."""
    doc = document(changes=[change(rater="Mette"), change(partner="rk")])
    if in_change:
        doc["changes"][1][inner] = value
    else:
        doc[field] = value
    try:
        read_changes(encoded(doc), source="c.json")
    except ValidationError as error:
        refused = error
    else:
        return
    assert all(problem.file == "c.json" for problem in refused.problems)
    assert "Mette" not in refused.text("en")


# -- applying --------------------------------------------------------------------------------


def test_changes_are_planned_as_reassessments_without_changing_the_project() -> None:
    """Each change is planned as Project.reassess makes it; the project is left as it was."""
    before = project()
    changes = board(before, {"ds": (3, 2), "fc": (5, 5)}, rater="Mette", note="Ny leder")
    untouched = before.copy()
    applied = apply_changes(before, changes)
    assert before == untouched
    assert applied.conflicts == ()
    assert applied.skipped == ()
    assert applied.writable
    ds, fc = applied.assessments
    assert ds == Assessment(
        "ds",
        shared_interest="Samme målgruppe",  # the table's words carry over
        importance=3,
        ease=2,
        notes="Ny leder",  # the move's note, not the old one
        date=WORKSHOP,
        by="Mette",
    )  # the level notes were about the old levels: dropped with them
    assert fc == Assessment("fc", importance=5, ease=5, notes="Ny leder", date=WORKSHOP, by="Mette")


def test_a_change_already_recorded_is_skipped() -> None:
    """Applied a second time, every change is found recorded: nothing to do, no conflict."""
    current = project()
    changes = board(current, {"ds": (3, 2), "rk": (4, 4)})
    current.record(*apply_changes(current, changes).assessments)
    again = apply_changes(current, changes)
    assert again.assessments == ()
    assert again.conflicts == ()
    assert again.skipped == changes.changes
    # Still in the history when a later assessment followed: recorded, not a conflict.
    current.reassess("ds", dt.date(2026, 12, 24), importance=1, ease=1)
    assert apply_changes(current, changes).skipped == changes.changes


def test_a_partner_assessed_since_the_board_is_a_conflict_recorded_only_by_force() -> None:
    """A partner assessed again since the board is a conflict; force records it over it."""
    then = project()
    changes = board(then, {"ds": (3, 2), "rk": (4, 4), "fc": (2, 2)})
    now = then.copy()
    newer = now.reassess("rk", dt.date(2026, 12, 1), importance=1, ease=1)
    fresh = now.reassess("fc", dt.date(2026, 12, 2), importance=5, ease=1)
    applied = apply_changes(now, changes)
    assert applied.conflicts == (
        Conflict(changes.changes[1], newer),
        Conflict(changes.changes[2], fresh),
    )
    assert [c.partner for c in applied.conflicts] == ["rk", "fc"]
    assert [a.partner for a in applied.assessments] == ["ds"]
    assert not applied.writable
    forced = apply_changes(now, changes, force=True)
    assert forced.conflicts == applied.conflicts
    assert [a.partner for a in forced.assessments] == ["ds", "rk", "fc"]
    assert forced.writable
    # Forced, the new assessment is made from the latest one now, and the old ones stay.
    now.record(*forced.assessments)
    assert [a.importance for a in now.history["rk"]] == [3, 1, 4]


def test_a_later_assessment_than_the_workshop_is_a_conflict_even_with_the_board_s_base() -> None:
    """An assessment dated after the workshop would stay the latest: a conflict."""
    later = project()
    later.reassess("rk", dt.date(2026, 12, 24), importance=2, ease=2)
    changes = board(later, {"rk": (5, 5)})
    applied = apply_changes(later, changes)
    assert [c.partner for c in applied.conflicts] == ["rk"]


def test_an_unknown_partner_or_the_owner_is_an_error_for_each() -> None:
    """A partner the project lacks, and the owner, are each an error, located."""
    changes = Changes(
        "Ensomhed blandt ældre",
        TOKEN,
        BOARD_DAY,
        WORKSHOP,
        (Change("ds", "", 1, 1), Change("ukendt", "", 1, 1), Change("kommune", "", 1, 1)),
    )
    with pytest.raises(ValidationError) as raised:
        apply_changes(project(), changes)
    assert [str(problem) for problem in raised.value.problems] == [
        (
            "changes[1].partner: unknown organisation; found 'ukendt'; "
            "expected the id of one of the project's organisations"
        ),
        (
            "changes[2].partner: the owner is not its own partner; found 'kommune'; "
            "expected the id of a partner, not the owner"
        ),
    ]
    assert raised.value.problems[0].text("da") == (
        "changes[1].partner: ukendt organisation; fundet 'ukendt'; "
        "forventet id'et på en af projektets organisationer"
    )


@given(projects(min_partners=1, scored=True), st.data())
def test_a_board_s_moves_applied_are_the_latest_and_applying_again_records_nothing(
    made_from: Project, data: st.DataObject
) -> None:
    """For any project, a board's moves applied are the latest; applied again, nothing."""
    partners = [org for org in made_from.organisations if org != made_from.owner.id]
    moved = data.draw(st.lists(st.sampled_from(partners), unique=True, min_size=1))
    moves = {partner: (data.draw(SCORES), data.draw(SCORES)) for partner in moved}
    latest = made_from.assessments
    # The workshop is after every assessment the project holds: a board is made from now.
    dated = [a.date for a in latest.values() if a.date is not None]
    day = max([WORKSHOP, *dated])
    changes = attrs.evolve(board(made_from, moves, note=data.draw(texts())), date=day)
    applied = apply_changes(made_from, changes)
    assert applied.conflicts == ()
    after = made_from.copy()
    after.record(*applied.assessments)
    for partner, (importance, ease) in moves.items():
        now = after.assessments[partner]
        skipped = partner in {c.partner for c in applied.skipped}
        assert skipped or (now.importance, now.ease, now.date) == (importance, ease, day)
    again = apply_changes(after, changes)
    assert again.assessments == ()
    assert again.conflicts == ()
    assert isinstance(again, Applied)
