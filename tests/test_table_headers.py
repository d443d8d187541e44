"""``civsam.read_table``'s header row: a missing or misspelt column is an error.

Never a quiet change of the board; ``allow_missing`` for a table that leaves a column out on
purpose; the placeholder owner is recognisable.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import civsam
from civsam import Assessment, CivsamError, Language, Organisation, OrgKind, ValidationError
from civsam.files.table import GUIDE_COLUMNS, missing_column, placeholder_owner
from civsam.labels import KEYS, label

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

# The guide's six columns, in the guide's order, as (key, Danish heading, English heading).
COLUMNS = [
    ("partner", "Potentiel samarbejdspartner", "Potential partner"),
    ("shared_interest", "Fælles interesse", "Shared interest"),
    ("importance", "Betydning", "Importance"),
    ("challenges", "Udfordringer", "Challenges"),
    ("existing_relation", "Eksisterende relation", "Existing relation"),
    ("contact", "Evt. kontaktperson", "Contact person"),
]
DA = [da for _, da, _ in COLUMNS]
EN = [en for _, _, en in COLUMNS]
# One row whose every cell says which column it belongs in.
ROW = ["Røde Kors", "Besøgsvenner", "2", "Travle frivillige", "Brobygning", "Jens Hansen"]
ASSESSMENT = Assessment(
    "roede-kors",
    shared_interest="Besøgsvenner",
    importance=2,
    challenges="Travle frivillige",
    existing_relation="Brobygning",
    contact="Jens Hansen",
)


def write_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """Write ``rows`` as Danish Excel saves CSV (BOM, ';') and return the path."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


def problems_of(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    """The problems a user sees, one string each."""
    return [str(problem) for problem in error.value.problems]


def without(header: Sequence[str], row: Sequence[str], column: int) -> list[list[str]]:
    """The table of ``header`` and ``row`` with one column taken out."""
    return [
        [cell for index, cell in enumerate(cells) if index != column] for cells in (header, row)
    ]


def headings(cells: Sequence[str]) -> str:
    """How an error shows the header row it found."""
    return "the headings " + ", ".join(repr(cell) for cell in cells)


# -- finding 1: a missing or misspelt guide column is an error ------------------------------


def test_the_six_columns_import(tmp_path: Path) -> None:
    """The guide's six columns, as the guide prints them, import every cell where it belongs."""
    project = civsam.read_table(write_csv(tmp_path / "t.csv", [DA, ROW]))
    assert dict(project.assessments) == {"roede-kors": ASSESSMENT}


def test_a_table_without_betydning_is_an_error(tmp_path: Path) -> None:
    """No 'Betydning' column: an error at the header row naming it, not importance 3 for all."""
    path = write_csv(tmp_path / "t.csv", without(DA, ROW, 2))
    with pytest.raises(ValidationError) as error:
        civsam.read_table(path)
    assert problems_of(error) == [
        (
            f"{path}:1: missing column 'Betydning' (importance); "
            f"found {headings(DA[:2] + DA[3:])}; expected a column headed 'Betydning' or "
            "'Importance', or --allow-missing importance if the table leaves it out on purpose"
        )
    ]
    [problem] = error.value.problems
    assert (problem.file, problem.line) == (str(path), 1)


def test_a_misspelt_betydning_says_did_you_mean(tmp_path: Path) -> None:
    """'Betydnig' is an error at the header row: the missing column and 'did you mean'."""
    header = [*DA[:2], "Betydnig", *DA[3:]]
    path = write_csv(tmp_path / "t.csv", [["Partnere", "", ""], header, ROW])
    with pytest.raises(ValidationError) as error:
        civsam.read_table(path)
    assert problems_of(error) == [
        (
            f"{path}:2: Betydnig: missing column 'Betydning' (importance); did you mean "
            f"'Betydning'?; found {headings(header)}; expected a column headed 'Betydning' or "
            "'Importance', or --allow-missing importance if the table leaves it out on purpose"
        )
    ]


def test_a_misspelt_english_heading_is_named_in_english(tmp_path: Path) -> None:
    """In an English table, 'Importnace' is reported with the English heading first."""
    header = [*EN[:2], "Importnace", *EN[3:]]
    path = write_csv(tmp_path / "t.csv", [header, ROW])
    with pytest.raises(ValidationError) as error:
        civsam.read_table(path)
    assert problems_of(error) == [
        (
            f"{path}:1: Importnace: missing column 'Importance' (importance); did you mean "
            f"'Importance'?; found {headings(header)}; expected a column headed 'Importance' or "
            "'Betydning', or --allow-missing importance if the table leaves it out on purpose"
        )
    ]


def test_a_misspelt_heading_with_a_hint_is_caught(tmp_path: Path) -> None:
    """'Betydnig (høj/middel/lav)': the typo before the hint is caught, not kept in the notes."""
    header = [*DA[:2], "Betydnig (høj/middel/lav)", *DA[3:]]
    path = write_csv(tmp_path / "t.csv", [header, ROW])
    with pytest.raises(ValidationError) as error:
        civsam.read_table(path)
    assert [(p.path, str(p.message)) for p in error.value.problems] == [
        (
            "Betydnig (høj/middel/lav)",
            "missing column 'Betydning' (importance); did you mean 'Betydning'?",
        )
    ]


@pytest.mark.parametrize("column", range(1, 6), ids=[key for key, _, _ in COLUMNS[1:]])
@pytest.mark.parametrize("language", ["da", "en"])
def test_each_missing_guide_column_is_named(tmp_path: Path, column: int, language: str) -> None:
    """Leaving out any of the guide's columns (besides the partner) is an error naming it."""
    header = DA if language == "da" else EN
    path = write_csv(tmp_path / "t.csv", without(header, ROW, column))
    with pytest.raises(ValidationError) as error:
        civsam.read_table(path)
    [problem] = error.value.problems
    key = COLUMNS[column][0]
    assert str(problem.message) == f"missing column {header[column]!r} ({key})"
    assert problem.line == 1
    assert f"--allow-missing {key}" in str(problem.expected)


def test_every_missing_column_is_reported_at_once_with_the_bad_rows(tmp_path: Path) -> None:
    """Missing columns come first, in the guide's order, then the rows' own problems."""
    path = write_csv(tmp_path / "t.csv", [["Navn", "Betydning"], ["A", "7"]])
    with pytest.raises(ValidationError) as error:
        civsam.read_table(path)
    assert [(p.line, str(p.message)) for p in error.value.problems] == [
        (1, "missing column 'Fælles interesse' (shared_interest)"),
        (1, "missing column 'Udfordringer' (challenges)"),
        (1, "missing column 'Eksisterende relation' (existing_relation)"),
        (1, "missing column 'Evt. kontaktperson' (contact)"),
        (2, "not a level"),
    ]


def test_a_far_unknown_heading_stays_an_extra_column_in_the_notes(tmp_path: Path) -> None:
    """A heading far from every known one ('Budget') is an extra column, kept in the notes."""
    path = write_csv(tmp_path / "t.csv", [[*DA, "Budget"], [*ROW, "10.000 kr"]])
    assessment = civsam.read_table(path).assessments["roede-kors"]
    assert assessment.notes == "Budget: 10.000 kr"


def test_a_heading_close_to_a_column_already_there_is_an_extra_column(tmp_path: Path) -> None:
    """'Betydninger' beside a real 'Betydning' is not a misspelling: kept in the notes."""
    path = write_csv(tmp_path / "t.csv", [[*DA, "Betydninger"], [*ROW, "se referat"]])
    assessment = civsam.read_table(path).assessments["roede-kors"]
    assert (assessment.importance, assessment.notes) == (2, "Betydninger: se referat")


# -- finding 2: allow_missing, and the optional columns -------------------------------------


@pytest.mark.parametrize(
    "allowed", ["importance", "Importance", "Betydning", " BETYDNING ", "vigtighed"]
)
def test_allow_missing_imports_a_deliberately_partial_table(tmp_path: Path, allowed: str) -> None:
    """allow_missing takes a key or a heading (any case): importance is then left unset."""
    path = write_csv(tmp_path / "t.csv", without(DA, ROW, 2))
    project = civsam.read_table(path, allow_missing=[allowed])
    assert dict(project.assessments) == {"roede-kors": attrs.evolve(ASSESSMENT, importance=None)}


def test_allow_missing_several_columns(tmp_path: Path) -> None:
    """A table of names and importance only imports when the other four are allowed missing."""
    path = write_csv(tmp_path / "t.csv", [["Navn", "Betydning"], ["A", "høj"]])
    allowed = ("shared_interest", "Udfordringer", "existing relation", "Contact person")
    project = civsam.read_table(path, allow_missing=allowed)
    assert dict(project.assessments) == {"a": Assessment("a", importance=5)}


def test_allow_missing_does_not_excuse_a_misspelling(tmp_path: Path) -> None:
    """A heading close to an allowed-missing column is still refused: rename one or the other."""
    header = [*DA[:2], "Betydnig", *DA[3:]]
    path = write_csv(tmp_path / "t.csv", [header, ROW])
    with pytest.raises(ValidationError) as error:
        civsam.read_table(path, allow_missing=["importance"])
    assert problems_of(error) == [
        (
            f"{path}:1: Betydnig: unknown heading; did you mean 'Betydning' (importance)?; "
            f"found {headings(header)}; expected 'Betydning' or 'Importance' for that column, or "
            "a heading not close to a known one for an extra column (kept in the notes)"
        )
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Betydnig",
            (
                "no column 'Betydnig'; did you mean 'Betydning'?; expected one of "
                "shared_interest, importance, challenges, existing_relation, contact, ease, kind, "
                "email, phone, or its heading in Danish or English"
            ),
        ),
        (
            "noter",
            (
                "'noter' is not a column a table may lack; expected one of "
                "shared_interest, importance, challenges, existing_relation, contact, ease, kind, "
                "email, phone, or its heading in Danish or English"
            ),
        ),
        (
            "budget",
            (
                "no column 'budget'; expected one of shared_interest, importance, "
                "challenges, existing_relation, contact, ease, kind, email, phone, or its heading "
                "in Danish or English"
            ),
        ),
        (
            "Navn",
            ("the partner column ('Navn') cannot be left out: each row is a partner"),
        ),
    ],
)
def test_allow_missing_refuses_what_is_not_a_column(
    tmp_path: Path, text: str, message: str
) -> None:
    """An unknown column, or the partner column, in allow_missing is a CivsamError."""
    path = write_csv(tmp_path / "t.csv", [DA, ROW])
    with pytest.raises(CivsamError) as error:
        civsam.read_table(path, allow_missing=[text])
    assert str(error.value) == f"allow_missing: {message}"
    with pytest.raises(CivsamError) as direct:
        missing_column(text)
    assert str(direct.value) == message


def test_missing_column_gives_the_key() -> None:
    """missing_column() turns a heading or key, as a user types it, into the column key."""
    assert [missing_column(t) for t in ("Lethed", "E-mail", "EXISTING_RELATION", "Type")] == [
        "ease",
        "email",
        "existing_relation",
        "kind",
    ]


def test_the_guide_columns_are_public() -> None:
    """GUIDE_COLUMNS lists the six keys in the guide's order."""
    assert [key for key, _, _ in COLUMNS] == list(GUIDE_COLUMNS)


@pytest.mark.parametrize(
    ("heading", "meant", "key"),
    [
        ("Lethde", "Lethed", "ease"),
        ("Betydning for samarbejd", "Betydning for samarbejde", "ease"),
        ("Betydning for samarbjede (nemt/svært)", "Betydning for samarbejde", "ease"),
        ("Eas", "Ease", "ease"),
        ("Typ", "Type", "kind"),
        ("Emial", "Email", "email"),
        ("Telfon", "Telefon", "phone"),
    ],
)
def test_a_misspelt_optional_column_is_an_error(
    tmp_path: Path, heading: str, meant: str, key: str
) -> None:
    """A heading close to an optional column that is absent is refused with 'did you mean'."""
    header = [*DA, heading]
    path = write_csv(tmp_path / "t.csv", [header, [*ROW, "nemt"]])
    with pytest.raises(ValidationError) as error:
        civsam.read_table(path)
    [problem] = error.value.problems
    assert (problem.line, problem.path) == (1, heading)
    assert str(problem.message) == f"unknown heading; did you mean {meant!r} ({key})?"


@pytest.mark.parametrize("ease_first", [True, False])
@pytest.mark.parametrize(
    "ease_heading", ["Betydning for samarbejde", "Betydning for samarbejde (nemt/svært)", "Lethed"]
)
def test_betydning_and_betydning_for_samarbejde_are_not_confused(
    tmp_path: Path, ease_heading: str, *, ease_first: bool
) -> None:
    """'Betydning' is importance and 'Betydning for samarbejde' ease, in either order."""
    header = [DA[0], ease_heading, *DA[1:]] if ease_first else [*DA, ease_heading]
    row = [ROW[0], "svært", *ROW[1:]] if ease_first else [*ROW, "svært"]
    project = civsam.read_table(write_csv(tmp_path / "t.csv", [header, row]))
    assert project.assessments["roede-kors"] == attrs.evolve(ASSESSMENT, ease=1)


def test_a_misspelt_ease_heading_is_not_read_as_importance(tmp_path: Path) -> None:
    """'Betydning for samarbejd' before 'Betydning' is neither importance nor silently dropped."""
    header = [DA[0], "Betydning for samarbejd", *DA[1:]]
    path = write_csv(tmp_path / "t.csv", [header, [ROW[0], "svært", *ROW[1:]]])
    with pytest.raises(ValidationError) as error:
        civsam.read_table(path)
    assert [(p.path, str(p.message)) for p in error.value.problems] == [
        (
            "Betydning for samarbejd",
            "unknown heading; did you mean 'Betydning for samarbejde' (ease)?",
        )
    ]


# -- finding 3: no partner column ------------------------------------------------------------


def test_a_table_without_a_partner_column_names_it(tmp_path: Path) -> None:
    """No partner column: the error names it and shows the header row civsam found."""
    path = write_csv(tmp_path / "t.csv", without(DA, ROW, 0))
    with pytest.raises(ValidationError) as error:
        civsam.read_table(path)
    assert problems_of(error) == [
        (
            f"{path}:1: missing column 'Potentiel samarbejdspartner' (partner); "
            f"found {headings(DA[1:])}; expected a column headed 'Potentiel samarbejdspartner' "
            "or 'Potential partner': each row is a partner, so it cannot be left out"
        )
    ]


def test_a_misspelt_partner_heading_says_did_you_mean(tmp_path: Path) -> None:
    """'Potentiel samarbejdspartnr' is found as the header row, with 'did you mean'."""
    header = ["Potentiel samarbejdspartnr", *DA[1:]]
    path = write_csv(tmp_path / "t.csv", [["Partnertabel"], [], header, ROW])
    with pytest.raises(ValidationError) as error:
        civsam.read_table(path)
    [problem] = error.value.problems
    assert (problem.line, problem.path) == (3, "Potentiel samarbejdspartnr")
    assert str(problem.message) == (
        "missing column 'Potentiel samarbejdspartner' (partner); "
        "did you mean 'Potentiel samarbejdspartner'?"
    )
    assert str(problem.found) == headings(header)


def test_no_header_row_shows_the_first_row_without_personal_data(tmp_path: Path) -> None:
    """Without any known heading, the error shows the first row, e-mails and phones masked."""
    path = write_csv(
        tmp_path / "t.csv",
        [[], ["Røde Kors", "anne@example.dk", "+45 12 34 56 78", "x" * 60], ["Kirken", "", ""]],
    )
    with pytest.raises(ValidationError) as error:
        civsam.read_table(path)
    assert problems_of(error) == [
        (
            f"{path}:2: no header row found; found no known heading in the first 15 rows (the "
            f"first row: 'Røde Kors', '<e-mail>', '<phone>', '{'x' * 39}…'); expected a header row "
            "with the guide's columns: Potentiel samarbejdspartner, Fælles interesse, Betydning, "
            "Udfordringer, Eksisterende relation, Evt. kontaktperson"
        )
    ]
    assert "anne@" not in str(error.value)


# -- finding 4: the placeholder owner --------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "owner"),
    [
        ("da", Organisation("vores-organisation", "Vores organisation", OrgKind.CIVIL_SOCIETY)),
        ("en", Organisation("our-organisation", "Our organisation", OrgKind.CIVIL_SOCIETY)),
    ],
)
def test_without_an_owner_the_placeholder_is_recognisable(
    tmp_path: Path, language: str, owner: Organisation
) -> None:
    """Without owner=, the project's owner is placeholder_owner(its language), and only then."""
    path = write_csv(tmp_path / "t.csv", [DA if language == "da" else EN, ROW])
    invented = civsam.read_table(path)
    assert invented.owner == placeholder_owner(invented.language) == owner
    given_owner = civsam.read_table(path, owner="Aarhus Kommune")
    assert given_owner.owner != placeholder_owner(given_owner.language)


def test_the_owner_message_exists_in_both_languages() -> None:
    """The command line's note about an invented owner has a Danish and an English text."""
    assert {"table.placeholder_owner", "cli.owner_placeholder"} <= KEYS
    values = {"name": "Vores organisation", "id": "vores-organisation", "path": "p.toml"}
    danish = label("cli.owner_placeholder", Language.DA, **values)
    english = label("cli.owner_placeholder", Language.EN, **values)
    assert "--owner" in danish
    assert "--owner" in english
    assert danish != english


# -- finding 5: properties -------------------------------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅéü"


@st.composite
def one_edit(draw: st.DrawFn, heading: str) -> str:
    """``heading`` with one letter inserted, deleted, substituted, or two letters swapped."""
    letters = [index for index, char in enumerate(heading) if char.isalpha()]
    operation = draw(st.sampled_from(["insert", "delete", "substitute", "transpose"]))
    if operation == "insert":
        at = draw(st.integers(0, len(heading)))
        return heading[:at] + draw(st.sampled_from(LETTERS)) + heading[at:]
    if operation == "transpose":
        pairs = [i for i in letters if i + 1 < len(heading) and heading[i + 1].isalpha()]
        at = draw(st.sampled_from(pairs))
        return heading[:at] + heading[at + 1] + heading[at] + heading[at + 2 :]
    at = draw(st.sampled_from(letters))
    replacement = draw(st.sampled_from(LETTERS)) if operation == "substitute" else ""
    return heading[:at] + replacement + heading[at + 1 :]


@st.composite
def misspelt_tables(draw: st.DrawFn) -> tuple[list[str], int]:
    """A Danish or English six-column header with one heading misspelt by one edit."""
    header = list(draw(st.sampled_from([DA, EN])))
    column = draw(st.integers(0, 5))
    header[column] = draw(one_edit(header[column]))
    return header, column


@settings(deadline=None)
@given(table=misspelt_tables())
def test_a_heading_misspelt_by_one_edit_is_read_or_refused_by_name(
    tmp_path_factory: pytest.TempPathFactory, table: tuple[list[str], int]
) -> None:
    """One edit to a guide heading: the column is still read right, or refused by its name."""
    header, column = table
    path = write_csv(tmp_path_factory.mktemp("edit") / "t.csv", [header, ROW])
    key, danish, english = COLUMNS[column]
    try:
        project = civsam.read_table(path)
    except ValidationError as error:
        named = [p for p in error.problems if str(p.message).startswith("missing column")]
        assert [str(p.message).split(";")[0] for p in named] in (
            [f"missing column {danish!r} ({key})"],
            [f"missing column {english!r} ({key})"],
        )
        assert named[0].line == 1
    else:
        assert dict(project.assessments) == {"roede-kors": ASSESSMENT}


def shuffled_case(data: st.DataObject, text: str) -> str:
    """``text`` with each letter's case drawn at random."""
    flips = data.draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.swapcase() if flip else c for c, flip in zip(text, flips, strict=True))


@st.composite
def scrambled_headers(draw: st.DrawFn) -> list[int]:
    """An order of the six columns."""
    return draw(st.permutations(range(6)))


@settings(deadline=None)
@given(order=scrambled_headers(), data=st.data(), english=st.booleans())
def test_right_headings_in_any_order_case_and_spacing_import(
    tmp_path_factory: pytest.TempPathFactory,
    order: list[int],
    data: st.DataObject,
    *,
    english: bool,
) -> None:
    """The six headings in any order, any case, with extra spaces, read every cell right."""
    names = EN if english else DA
    spaces = st.text(" ", max_size=3)
    header = [
        data.draw(spaces)
        + shuffled_case(data, names[i]).replace(" ", " " + data.draw(spaces))
        + data.draw(spaces)
        for i in order
    ]
    path = write_csv(tmp_path_factory.mktemp("order") / "t.csv", [header, [ROW[i] for i in order]])
    project = civsam.read_table(path)
    assert dict(project.assessments) == {"roede-kors": ASSESSMENT}
    assert project.language is (Language.EN if english else Language.DA)
