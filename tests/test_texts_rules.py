"""Partner tables, rules, prioritisation and the network say their errors in Danish too.

Each error is raised through the public API, then read as a Danish user reads it
(``error.text("da")``) and as a Python caller or a log does (``str(error)``, English and
unchanged). The catalogue part itself is checked for what a translation can get wrong.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import civsam
from civsam import (
    Assessment,
    CivsamError,
    Organisation,
    Project,
    Quadrant,
    RuleError,
    ValidationError,
)
from civsam._texts import rules as part
from civsam.files.table import missing_column
from civsam.prioritisation import sensitivity
from civsam.report import source_date
from civsam.rules import Candidate, Decision, Reason

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

GUIDE = [
    "Potentiel samarbejdspartner",
    "Fælles interesse",
    "Betydning",
    "Udfordringer",
    "Eksisterende relation",
    "Evt. kontaktperson",
]
ROW = ["Røde Kors", "Ensomhed", "Høj", "Tid", "Ingen", "Jens Hansen"]

# English words that would give away an untranslated text in a Danish message. Values
# quoted from the input, file names and identifiers (--allow-missing, civsam.Decision)
# are left out of the check by the tests that use it.
ENGLISH = re.compile(
    r"\b(found|expected|missing|column|row|line|heading|headings|cell|cells|did you mean|"
    r"unknown|not a|rule|partner|raised|returned|the|of|or|and|to|with|needs|problems?)\b"
)


def write_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """A semicolon-separated table, as Danish Excel saves one."""
    path.write_text("\r\n".join(";".join(row) for row in rows) + "\r\n", encoding="utf-8")
    return path


def problems(error: ValidationError, language: str) -> list[str]:
    """Each problem as the reader sees it, the file's name left out."""
    return [problem.text(language) for problem in error.problems]


def english_words(text: str, *quoted: str) -> list[str]:
    """English words in ``text`` outside quoted values and the ``quoted`` parts."""
    for part_ in quoted:
        text = text.replace(part_, "")
    text = re.sub(r"'[^']*'|»[^«]*«|--[\w-]+|civsam\.\w+|\(\w+\)", "", text)
    return ENGLISH.findall(text)


# -- the catalogue part ----------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@pytest.mark.parametrize("key", sorted(part.TEXTS))
def test_each_text_has_danish_and_english_with_the_same_placeholders(key: str) -> None:
    """A Danish text that drops or renames a value would fail only when it is shown."""
    danish, english = part.TEXTS[key]
    assert danish.strip()
    assert english.strip()
    assert _fields(danish) == _fields(english)


def test_the_part_uses_its_own_areas_only() -> None:
    """Keys of this part are prefixed by its areas, so they cannot clash with others'."""
    areas = {key.split(".")[0] for key in part.TEXTS}
    assert areas <= {"table", "rule", "network", "report"}
    assert all(key.startswith("report.bad_") for key in part.TEXTS if key.startswith("report."))


# -- the partner table -----------------------------------------------------------------------


def test_a_misspelt_column_is_said_in_danish_at_its_line_and_column(tmp_path: Path) -> None:
    """The first error a Danish user meets: a typo in a heading of their own table."""
    header = [*GUIDE[:2], "Betydnig", *GUIDE[3:]]
    path = write_csv(tmp_path / "t.csv", [header, ROW])
    with pytest.raises(ValidationError) as caught:
        civsam.read_table(path)
    [problem] = caught.value.problems
    cells = ", ".join(repr(cell) for cell in header)
    assert problem.text("da") == (
        f"{path}, linje 1, kolonnen »Betydnig«: kolonnen 'Betydning' (importance) mangler; "
        f"mente du 'Betydning'?; fundet overskrifterne {cells}; forventet en kolonne med "
        "overskriften 'Betydning' eller 'Importance', eller --allow-missing importance, "
        "hvis tabellen udelader den med vilje"
    )
    assert str(problem) == (
        f"{path}:1: Betydnig: missing column 'Betydning' (importance); did you mean "
        f"'Betydning'?; found the headings {cells}; expected a column headed 'Betydning' or "
        "'Importance', or --allow-missing importance if the table leaves it out on purpose"
    )
    assert caught.value.text("da").startswith(f"1 problem i {path}:\n  {path}, linje 1")
    assert str(caught.value).startswith(f"1 problem in {path}:\n  {path}:1: Betydnig: ")


def test_bad_cells_are_said_in_danish_with_their_row_and_column(tmp_path: Path) -> None:
    """Levels, kinds, empty partners and stray cells: every row problem in Danish."""
    header = [*GUIDE, "Type"]
    rows = [
        header,
        ["Røde Kors", "", "superhøj", "", "", "", "forening"],
        ["Kirken", "", "7", "", "", "", "klub"],
        ["", "Noget", "", "", "", "", ""],
        ["Skolen", "", "lav", "", "", "", "", "", "ekstra"],
    ]
    path = write_csv(tmp_path / "t.csv", rows)
    with pytest.raises(ValidationError) as caught:
        civsam.read_table(path)
    da = [text.removeprefix(f"{path}, ") for text in problems(caught.value, "da")]
    assert da == [
        (
            "linje 2, kolonnen »Betydning«: ikke et niveau; fundet 'superhøj'; forventet et tal "
            "fra 1 til 5 eller et af ordene høj, middel, lav (high, medium, low)"
        ),
        (
            "linje 3, kolonnen »Type«: ukendt type organisation; fundet 'klub'; forventet en af "
            "Kommune, Civilsamfundsorganisation, Almennyttig organisation, Virksomhed, Offentlig "
            "institution, Andet (eller municipality, civil_society, non_profit, business, "
            "public_institution, other)"
        ),
        "linje 3, kolonnen »Betydning«: ikke et niveau; fundet '7'; forventet et tal fra 1 til 5",
        (
            "linje 4, kolonnen »Potentiel samarbejdspartner«: en række uden samarbejdspartner; "
            "fundet en tom celle; forventet organisationens navn"
        ),
        (
            "linje 5: en celle til højre for den sidste kolonne; fundet 9 celler; forventet højst "
            "7 celler, som i overskriftsrækken"
        ),
    ]
    en = [text.removeprefix(f"{path}:") for text in problems(caught.value, "en")]
    assert en == [
        (
            "2: Betydning: not a level; found 'superhøj'; expected a score from 1 to 5 or one of "
            "høj, middel, lav (high, medium, low)"
        ),
        (
            "3: Type: unknown kind of organisation; found 'klub'; expected one of Kommune, "
            "Civilsamfundsorganisation, Almennyttig organisation, Virksomhed, Offentlig "
            "institution, Andet (or municipality, civil_society, non_profit, business, "
            "public_institution, other)"
        ),
        "3: Betydning: not a level; found '7'; expected a score from 1 to 5",
        (
            "4: Potentiel samarbejdspartner: a row without a partner; found an empty cell; "
            "expected the name of the organisation"
        ),
        (
            "5: a cell to the right of the last column; found 9 cells; expected at most 7 cells, "
            "as in the header"
        ),
    ]


def test_ids_and_control_characters_are_said_in_danish(tmp_path: Path) -> None:
    """A duplicate id and an invisible character: what to do is said in Danish."""
    rows = [
        [*GUIDE, "Id"],
        [*ROW, "rk"],
        ["Kirken\x07", *ROW[1:], "rk2"],
        ["Skolen", *ROW[1:], "rk"],
    ]
    path = write_csv(tmp_path / "t.csv", rows)
    with pytest.raises(ValidationError) as caught:
        civsam.read_table(path)
    da = [text.removeprefix(f"{path}, ") for text in problems(caught.value, "da")]
    assert da == [
        (
            "linje 3, kolonnen »Potentiel samarbejdspartner«: et kontroltegn i cellen; fundet et "
            "usynligt kontroltegn; forventet almindelig tekst (skriv cellen igen, eller indsæt "
            "den som ren tekst)"
        ),
        (
            "linje 4, kolonnen »Id«: organisations-id'et er brugt før; fundet 'rk'; forventet et "
            "id, der ikke er brugt i en række ovenfor"
        ),
    ]
    assert [str(problem.message) for problem in caught.value.problems] == [
        "a control character in the cell",
        "duplicate organisation id",
    ]


def test_a_workbook_counts_rows_not_lines(tmp_path: Path) -> None:
    """In an XLSX workbook the number is the worksheet's row: "række", as Excel shows it."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["Partnere"], GUIDE, ["Røde Kors", "", "superhøj", "", "", ""]):
        sheet.append(row)
    path = tmp_path / "t.xlsx"
    workbook.save(path)
    with pytest.raises(ValidationError) as caught:
        civsam.read_table(path)
    [problem] = caught.value.problems
    assert problem.text("da").startswith(f"{path}, række 3, kolonnen »Betydning«: ikke et niveau")
    assert str(problem).startswith(f"{path}:3: Betydning: not a level")
    with pytest.raises(CivsamError) as missing:
        civsam.read_table(path, sheet="Ark2")
    assert missing.value.text("da") == (
        f"{path}: intet regneark med navnet 'Ark2'; projektmappen har 'Sheet'"
    )
    assert str(missing.value) == f"{path}: no worksheet named 'Ark2'; the workbook has 'Sheet'"


def test_no_header_row_is_said_in_danish_with_the_first_row_masked(tmp_path: Path) -> None:
    """The masks and "… (3 more)" are words, so they are Danish too."""
    first = ["Røde Kors", "anne@example.dk", "+45 12 34 56 78", *(f"c{n}" for n in range(12))]
    path = write_csv(tmp_path / "t.csv", [first, ["Kirken"]])
    with pytest.raises(ValidationError) as caught:
        civsam.read_table(path)
    [problem] = caught.value.problems
    shown = "'Røde Kors', '<e-mail>', '<telefon>', " + ", ".join(f"'c{n}'" for n in range(9))
    assert problem.text("da") == (
        f"{path}, linje 1: ingen overskriftsrække fundet; fundet ingen kendt overskrift i de "
        f"første 15 rækker (første række: {shown}, … (3 til)); forventet en overskriftsrække "
        "med vejledningens kolonner: Potentiel samarbejdspartner, Fælles interesse, "
        "Betydning, Udfordringer, Eksisterende relation, Evt. kontaktperson"
    )
    assert "'<phone>'" in str(problem)
    assert "… (3 more)" in str(problem)
    assert "anne@" not in caught.value.text("da")


def test_an_empty_file_and_a_broken_quote_are_said_in_danish(tmp_path: Path) -> None:
    """Errors about the file as a whole, before any heading is read."""
    empty = tmp_path / "tom.csv"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError) as caught:
        civsam.read_table(empty)
    assert problems(caught.value, "da") == [
        (
            f"{empty}, linje 1: ingen overskriftsrække fundet; fundet en tom tabel; forventet en "
            "overskriftsrække med vejledningens kolonner: Potentiel samarbejdspartner, Fælles "
            "interesse, Betydning, Udfordringer, Eksisterende relation, Evt. kontaktperson"
        )
    ]
    broken = tmp_path / "brudt.csv"
    broken.write_text('Navn;Betydning\r\nA;høj\r\nB;"lav\r\n', encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        civsam.read_table(broken)
    [problem] = caught.value.problems
    assert problem.text("da").startswith(f"{broken}, linje 3: ikke en gyldig CSV-tabel: ")
    assert problem.text("da").endswith(
        "; forventet celler adskilt af ';' eller ',' og anførselstegn (\") i par"
    )
    assert str(problem).startswith(f"{broken}:3: not a valid CSV table: ")


@pytest.mark.parametrize(
    ("text", "danish", "english"),
    [
        (
            "Potentiel samarbejdspartner",
            (
                "kolonnen med samarbejdspartnere ('Potentiel samarbejdspartner') kan ikke "
                "udelades: hver række er en samarbejdspartner"
            ),
            (
                "the partner column ('Potentiel samarbejdspartner') cannot be left out: each row "
                "is a partner"
            ),
        ),
        (
            "Noter",
            (
                "'Noter' er ikke en kolonne, som en tabel må mangle; forventede en af "
                "shared_interest, importance, challenges, existing_relation, contact, ease, kind, "
                "email, phone eller kolonnens overskrift på dansk eller engelsk"
            ),
            (
                "'Noter' is not a column a table may lack; expected one of shared_interest, "
                "importance, challenges, existing_relation, contact, ease, kind, email, phone, or "
                "its heading in Danish or English"
            ),
        ),
        (
            "Betydnig",
            (
                "ingen kolonne 'Betydnig'; mente du 'Betydning'?; forventede en af "
                "shared_interest, importance, challenges, existing_relation, contact, ease, kind, "
                "email, phone eller kolonnens overskrift på dansk eller engelsk"
            ),
            (
                "no column 'Betydnig'; did you mean 'Betydning'?; expected one of shared_interest, "
                "importance, challenges, existing_relation, contact, ease, kind, email, phone, or "
                "its heading in Danish or English"
            ),
        ),
    ],
    ids=["partner", "not optional", "misspelt"],
)
def test_columns_that_cannot_be_missing_are_said_in_danish(
    text: str, danish: str, english: str
) -> None:
    """--allow-missing with a value it cannot take."""
    with pytest.raises(CivsamError) as caught:
        missing_column(text)
    assert caught.value.text("da") == danish
    assert str(caught.value) == english


def test_read_table_s_own_arguments_are_said_in_danish(tmp_path: Path) -> None:
    """allow_missing, the file's suffix and the language: Danish, and nested in Danish."""
    path = write_csv(tmp_path / "t.csv", [GUIDE, ROW])
    with pytest.raises(CivsamError) as caught:
        civsam.read_table(path, allow_missing="Noter")
    assert caught.value.text("da").startswith(
        "allow_missing: 'Noter' er ikke en kolonne, som en tabel må mangle; "
    )
    assert str(caught.value).startswith("allow_missing: 'Noter' is not a column a table may lack")
    with pytest.raises(CivsamError) as caught:
        civsam.read_table(tmp_path / "t.ods")
    assert caught.value.text("da").startswith(
        f"{tmp_path / 't.ods'}: kan ikke læse en .ods-fil som tabel over samarbejdspartnere; "
    )
    with pytest.raises(CivsamError) as caught:
        civsam.read_table(path, language="sv")
    # The words around the list are the catalogue's shared text (common.py).
    assert caught.value.text("da").startswith("ukendt sprog 'sv'; ")
    assert not caught.value.text("da").startswith("unknown")
    assert str(caught.value) == "unknown language 'sv'; expected one of 'da', 'en'"


def test_no_english_is_left_in_the_danish_table_errors(tmp_path: Path) -> None:
    """Every problem of a thoroughly bad table, read in Danish, has no English words."""
    header = [GUIDE[0], "Fælles interesse", "Betydning", "Udfordringer", "Eksisterende relatoin"]
    header += ["Evt. kontaktperson", "Type", "Id", "Lethed"]
    rows = [
        header,
        ["Røde Kors", "", "høj", "", "", "", "forening", "rk", "nemt"],
        ["", "", "", "", "", "", "", "", "", "x"],
        ["Kirken", "", "9", "", "", "Jens\x07", "klub", "rk", "svær"],
        ["Skolen", "", "", "", "", "", "", "s\x01k", "umuligt"],
    ]
    path = write_csv(tmp_path / "t.csv", rows)
    with pytest.raises(ValidationError) as caught:
        civsam.read_table(path)
    messages = {str(problem.message).split(";")[0] for problem in caught.value.problems}
    assert messages == {
        "missing column 'Eksisterende relation' (existing_relation)",
        "unknown kind of organisation",
        "not a level",
        "a cell to the right of the last column",
        "a row without a partner",
        "a control character in the cell",
        "duplicate organisation id",
        "not a usable id",
    }
    for problem in caught.value.problems:
        danish, english = problem.text("da"), problem.text("en")
        levels = ("(high, medium, low)", "(easy, medium, hard)")
        assert english_words(danish, str(path), *levels) == [], danish
        assert english_words(english, str(path), *levels) != [], english  # the check can fail


# -- rules and prioritisation ----------------------------------------------------------------


def scored(*rows: tuple[str, int, int]) -> Project:
    """A project whose partners (id, importance, ease) are scored by hand."""
    return Project(
        "Test",
        Organisation("kommune", "Kommune"),
        organisations=[Organisation(partner, partner.upper()) for partner, _, _ in rows],
        assessments=[Assessment(partner, importance=i, ease=e) for partner, i, e in rows],
    )


@attrs.frozen
class Places:
    """A rule that places every partner with what ``make`` gives."""

    make: Any
    name: str = "places"

    def place(self, candidate: Candidate) -> Any:  # noqa: ARG002 - Rule.place takes it
        """Whatever ``make`` gives, for every candidate."""
        return self.make()


def test_an_unknown_rule_is_said_in_danish() -> None:
    """The rule a user names on the command line or in the project file."""
    with pytest.raises(RuleError) as caught:
        civsam.prioritise(scored(("a", 5, 5)), "nosuch")
    assert caught.value.text("da") == (
        "reglen 'nosuch': ingen regel har dette navn; de regler, der findes, er: matrix"
    )
    assert str(caught.value) == "rule 'nosuch': no rule has this name; the rules there are: matrix"


def test_a_bad_decision_inside_a_rule_is_danish_all_the_way_down() -> None:
    """A Decision refused by its validator, inside the rule, nests its Danish text."""
    text_priority: Any = "1"
    with pytest.raises(RuleError) as caught:
        civsam.prioritise(
            scored(("a", 5, 5)), Places(lambda: Decision(Quadrant.START_HERE, text_priority))
        )
    assert caught.value.text("da") == (
        "reglen 'places' for samarbejdspartneren 'a': fejlede med ValueError: "
        "Decision.priority: forventede et endeligt tal, fandt '1'"
    )
    assert str(caught.value) == (
        "rule 'places' for partner 'a': raised ValueError: "
        "Decision.priority: expected a finite number, found '1'"
    )


@pytest.mark.parametrize(
    ("make", "danish", "english"),
    [
        (
            lambda: "start_here",
            "gav str; forventede en civsam.Decision eller en civsam.Quadrant",
            "returned str; expected a civsam.Decision or a civsam.Quadrant",
        ),
        (
            lambda: Decision(Quadrant.START_HERE, 1, (42,)),  # type: ignore[arg-type]
            "gav en begrundelse af typen int; forventede en tekst eller en civsam.Reason",
            "gave a reason of type int; expected a text or a civsam.Reason",
        ),
        (
            lambda: Decision("start_here"),  # type: ignore[arg-type]
            (
                "fejlede med TypeError: Decision.quadrant: forventede en af Quadrant.START_HERE, "
                "Quadrant.DISCUSS, Quadrant.NOT_NOW, Quadrant.NOT_WORTH_IT, fandt 'start_here'"
            ),
            (
                "raised TypeError: Decision.quadrant: expected one of Quadrant.START_HERE, "
                "Quadrant.DISCUSS, Quadrant.NOT_NOW, Quadrant.NOT_WORTH_IT, found 'start_here'"
            ),
        ),
    ],
    ids=["not a decision", "a bad reason", "a bad quadrant"],
)
def test_a_rule_returning_nonsense_is_said_in_danish(make: Any, danish: str, english: str) -> None:
    """What a plugin's rule got wrong, said in the user's language."""
    with pytest.raises(RuleError) as caught:
        civsam.prioritise(scored(("a", 5, 5)), Places(make))
    assert caught.value.text("da") == f"reglen 'places' for samarbejdspartneren 'a': {danish}"
    assert str(caught.value) == f"rule 'places' for partner 'a': {english}"


def test_a_reason_that_cannot_be_shown_nests_the_catalogue_s_danish() -> None:
    """An unknown reason key: the catalogue's own error, in Danish, inside the rule's."""
    with pytest.raises(RuleError) as caught:
        civsam.prioritise(
            scored(("a", 5, 5)),
            Places(lambda: Decision(Quadrant.START_HERE, 1, (Reason.of("no.such.reason"),))),
        )
    danish = caught.value.text("da")
    assert danish.startswith(
        "reglen 'places' for samarbejdspartneren 'a': gav en begrundelse, der ikke kan vises: "
        "ukendt tekstnøgle 'no.such.reason'"
    )
    assert str(caught.value).startswith(
        "rule 'places' for partner 'a': gave a reason that cannot be shown: "
        "unknown label key 'no.such.reason'"
    )


def test_objects_that_are_no_rules_are_said_in_danish() -> None:
    """A class for an object, something without place(), a nameless rule."""
    with pytest.raises(RuleError) as caught:
        civsam.prioritise(scored(("a", 5, 5)), 42)  # type: ignore[arg-type]
    assert caught.value.text("da") == (
        "reglen '42': ikke en regel: den skal have et 'name' og en metode 'place(candidate)'"
    )
    with pytest.raises(RuleError) as caught:
        civsam.prioritise(scored(("a", 5, 5)), civsam.MatrixRule)  # type: ignore[arg-type]
    assert caught.value.text("da") == (
        "reglen 'MatrixRule': er en klasse; giv et regelobjekt, f.eks. MatrixRule()"
    )
    with pytest.raises(RuleError) as caught:
        civsam.prioritise(scored(("a", 5, 5)), Places(lambda: Quadrant.START_HERE, name=""))
    assert caught.value.text("da") == (
        "reglen \"''\": en regels navn skal være en tekst, der ikke er tom"
    )
    assert str(caught.value) == "rule \"''\": a rule's name must be a non-empty text"


def test_sensitivity_of_another_rule_is_said_in_danish() -> None:
    """Sensitivity is the matrix rule's; another rule is refused in the user's language."""
    with pytest.raises(RuleError) as caught:
        sensitivity(scored(("a", 5, 5)), Places(lambda: Quadrant.START_HERE))  # type: ignore[arg-type]
    assert caught.value.text("da") == (
        "reglen 'places': følsomheden kan kun beregnes med matrix-reglen"
    )
    assert str(caught.value) == "rule 'places': sensitivity needs the matrix rule"


def test_decision_s_own_errors_are_english_for_python_and_danish_on_request() -> None:
    """A validator's ValueError carries the text: str() is English, say("da") Danish."""
    with pytest.raises(ValueError, match=r"\ADecision.priority: expected a finite") as caught:
        Decision(Quadrant.START_HERE, float("nan"))
    assert caught.value.args[0].say("da") == (
        "Decision.priority: forventede et endeligt tal, fandt nan"
    )


# -- the network and the report --------------------------------------------------------------


def test_introductions_with_bad_arguments_are_said_in_danish() -> None:
    """An unknown partner and a limit below 1, both in one Danish error."""
    with pytest.raises(ValidationError) as caught:
        civsam.introductions(scored(("a", 5, 5)), "nobody", limit=0)
    assert caught.value.text("da") == (
        "2 problemer:\n"
        "  partner: ukendt organisation; fundet 'nobody'; forventet id'et på en af projektets "
        "organisationer\n"
        "  limit: for lavt antal; fundet 0; forventet 1 eller flere"
    )
    assert str(caught.value) == (
        "2 problems:\n"
        "  partner: unknown organisation; found 'nobody'; expected the id of one of the "
        "project's organisations\n"
        "  limit: too few asked for; found 0; expected 1 or more"
    )
    with pytest.raises(ValidationError) as caught:
        civsam.introductions(scored(("a", 5, 5)), "kommune")
    assert caught.value.text("da") == (
        "1 problem:\n  partner: ejeren skal ikke introduceres for sig selv; fundet 'kommune'; "
        "forventet en anden organisation end ejeren"
    )


def test_a_bad_source_date_epoch_is_said_in_danish(monkeypatch: pytest.MonkeyPatch) -> None:
    """SOURCE_DATE_EPOCH that is not whole seconds."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "i går")
    with pytest.raises(CivsamError) as caught:
        source_date()
    assert caught.value.text("da") == (
        "SOURCE_DATE_EPOCH skal være et helt antal sekunder, men er 'i går'"
    )
    assert str(caught.value) == (
        "SOURCE_DATE_EPOCH must be a whole number of seconds, found 'i går'"
    )
