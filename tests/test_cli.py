"""The ``civsam`` command, run in-process through ``civsam.cli.main`` and once end to end."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import civsam
import civsam.files.bundled
from _cli import grouped, run
from civsam import Assessment, Organisation, OrgKind, Project, Relation
from civsam.cli import main

REPO = Path(__file__).resolve().parents[1]

EXAMPLE_SUMMARY = (
    "gyldigt projekt 'Ensomhed blandt ældre i Aarhus': "
    "15 organisationer, 13 relationer, 14 vurderinger"
)
"""What `check` says of the bundled example, in its language (Danish)."""
EXAMPLE_SUMMARY_EN = (
    "valid project 'Ensomhed blandt ældre i Aarhus': 15 organisations, 13 relations, 14 assessments"
)
INVALID_PROJECT = """\
[project]
name = "Ensomhed"
owner = "aarhus-kommune"

[[organisations]]
id = "aarhus-kommune"
name = ""
kind = "kommune"

[[assessments]]
partner = "ukendt"
importance = 9
"""


def write_table(path: Path, rows: list[list[str]]) -> Path:
    """A partner table as Danish Excel saves it: UTF-8 with BOM, ';'."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


TABLE_ROWS = [
    [
        "Potentiel samarbejdspartner",
        "Fælles interesse",
        "Betydning",
        "Lethed",
        "Udfordringer",
        "Eksisterende relation",
        "Evt. kontaktperson",
    ],
    [
        "Ældre Sagen Århus",
        "Samme målgruppe",
        "Høj – potentiale for at skalere",
        "nemt",
        "Travle frivillige",
        "Tidligere projektsamarbejde",
        "Jens Hansen, jens@example.dk",
    ],
    ["Røde Kors", "Besøgsvenner", "middel", "svært", "", "Ingen", ""],
]


# -- init -----------------------------------------------------------------------------------


def test_init_writes_a_template_that_check_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`init PATH` writes the commented template, which `check` then accepts, in Danish."""
    path = tmp_path / "plan.toml"
    assert run(["init", str(path)], capsys) == (
        0,
        f"Wrote a new project template to {path}\n",
        "",
    )
    assert path.read_text(encoding="utf-8") == civsam.files.bundled.template_text()
    assert run(["check", str(path)], capsys) == (
        0,
        f"{path}: gyldigt projekt 'Mit projekt': 1 organisation, 0 relationer, 0 vurderinger\n",
        "",
    )


def test_init_json_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`init PATH.json` writes the template's project as JSON, which `check` accepts."""
    path = tmp_path / "plan.json"
    status, out, err = run(["init", str(path)], capsys)
    assert (status, out, err) == (0, f"Wrote a new project template to {path}\n", "")
    assert json.loads(path.read_text(encoding="utf-8"))["project"]["owner"] == "min-kommune"
    assert civsam.load(path) == civsam.loads(civsam.files.bundled.template_text())
    assert run(["check", str(path)], capsys)[0] == 0


def test_init_example_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`init PATH --example` writes the bundled example, comments included."""
    path = tmp_path / "example.toml"
    assert run(["init", str(path), "--example"], capsys) == (
        0,
        f"Wrote the bundled example to {path}\n",
        "",
    )
    assert path.read_text(encoding="utf-8") == civsam.files.bundled.example_text()
    assert civsam.load(path) == civsam.example()


def test_init_example_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`init PATH.json --example` writes the bundled example as JSON; `check` accepts it."""
    path = tmp_path / "example.json"
    assert run(["init", str(path), "--example"], capsys)[0] == 0
    assert civsam.load(path) == civsam.example()
    assert run(["check", str(path)], capsys) == (
        0,
        f"{path}: {EXAMPLE_SUMMARY}\n",
        "",
    )


@pytest.mark.parametrize("example", [[], ["--example"]])
def test_init_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], example: list[str]
) -> None:
    """`init` on an existing file exits 1 with a message and leaves the file alone."""
    path = tmp_path / "plan.toml"
    path.write_text("# mine\n", encoding="utf-8")
    status, out, err = run(["init", str(path), *example, "--lang", "en"], capsys)
    assert (status, out) == (1, "")
    assert f"{path} exists already; use --force to replace it" in err
    assert path.read_text(encoding="utf-8") == "# mine\n"


def test_init_force_replaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`init --force` replaces an existing file."""
    path = tmp_path / "plan.toml"
    path.write_text("# mine\n", encoding="utf-8")
    assert run(["init", str(path), "--example", "--force"], capsys)[0] == 0
    assert path.read_text(encoding="utf-8") == civsam.files.bundled.example_text()


def test_init_unknown_format_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`init x.yaml` is wrong usage (exit 2) naming the formats it knows; nothing written."""
    path = tmp_path / "plan.yaml"
    status, out, err = run(["init", str(path)], capsys)
    assert (status, out) == (2, "")
    assert (
        f"{path}: cannot tell the file format from '.yaml'; expected a .toml or .json file" in err
    )
    assert not path.exists()


# -- check ----------------------------------------------------------------------------------


def test_check_valid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` on a valid file exits 0 and prints the one summary line, in its language."""
    path = tmp_path / "example.toml"
    path.write_text(civsam.files.bundled.example_text(), encoding="utf-8")
    assert run(["check", str(path)], capsys) == (
        0,
        f"{path}: {EXAMPLE_SUMMARY}\n",
        "",
    )


def test_check_invalid_file_prints_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` on an invalid file exits 1 and prints every problem with file:line."""
    path = tmp_path / "plan.toml"
    path.write_text(INVALID_PROJECT, encoding="utf-8")
    with pytest.raises(civsam.ValidationError) as error:
        civsam.load(path)
    problems = [str(problem) for problem in error.value.problems]
    assert len(problems) == 4
    assert all(problem.startswith(f"{path}:") for problem in problems)
    status, out, err = run(["check", str(path), "--lang", "en"], capsys)
    assert (status, out) == (1, "")
    for problem in problems:
        assert problem in err
    assert f"{path}:7: organisations[0].name: wrong value; found text ''" in err
    assert "Traceback" not in err


def test_check_broken_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` on a file that is not TOML exits 1 and names the line."""
    path = tmp_path / "plan.toml"
    path.write_text('[project]\nname = "x\nowner = "a"\n', encoding="utf-8")
    status, out, err = run(["check", str(path), "--lang", "en"], capsys)
    assert (status, out) == (1, "")
    assert f"{path}:2: not valid TOML: " in err
    assert "Traceback" not in err


def test_check_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` on a file that is not there exits 1 and says so."""
    path = tmp_path / "missing.toml"
    status, out, err = run(["check", str(path), "--lang", "en"], capsys)
    assert (status, out) == (1, "")
    assert f"{path}: cannot read the file: No such file or directory" in err


# -- import-table ---------------------------------------------------------------------------


def test_import_table_writes_a_project_check_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import-table TABLE -o PATH --owner NAME` writes the table's project; check accepts it.

    A Danish table makes a Danish project, and the command says so in Danish.
    """
    table = write_table(tmp_path / "partnere.csv", TABLE_ROWS)
    output = tmp_path / "plan.toml"
    argv = ["import-table", str(table), "-o", str(output), "--owner", "Aarhus Kommune"]
    assert run(argv, capsys) == (
        0,
        f"Skrev {output}: projekt 'partnere': 3 organisationer, 1 relation, 2 vurderinger\n",
        "",
    )
    assert civsam.load(output) == civsam.read_table(table, owner="Aarhus Kommune")
    assert civsam.load(output).owner.id == "aarhus-kommune"
    assert run(["check", str(output)], capsys)[0] == 0


def test_import_table_name_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--name` names the project; a .json output is written as JSON."""
    table = write_table(tmp_path / "partnere.csv", TABLE_ROWS)
    output = tmp_path / "plan.json"
    argv = ["import-table", str(table), "--output", str(output), "--name", "Ensomhed"]
    assert run(argv, capsys)[0] == 0
    assert json.loads(output.read_text(encoding="utf-8"))["project"]["name"] == "Ensomhed"
    assert civsam.load(output) == civsam.read_table(table, name="Ensomhed")


def test_import_table_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--sheet` picks the worksheet of an .xlsx table."""
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.append(["Navn", "Betydning"])
    first.append(["Kommunen", 5])
    second = workbook.create_sheet("Foreninger")
    second.append(["Navn", "Betydning"])
    second.append(["Røde Kors", 2])
    table = tmp_path / "partnere.xlsx"
    workbook.save(table)
    output = tmp_path / "plan.toml"
    argv = ["import-table", str(table), "-o", str(output), "--sheet", "Foreninger"]
    for column in ("shared_interest", "challenges", "existing_relation", "contact"):
        argv += ["--allow-missing", column]
    assert run(argv, capsys)[0] == 0
    assert list(civsam.load(output).assessments) == ["roede-kors"]


def test_import_table_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing output is refused (exit 1, message) unless --force replaces it."""
    table = write_table(tmp_path / "partnere.csv", TABLE_ROWS)
    output = tmp_path / "plan.toml"
    output.write_text("# mine\n", encoding="utf-8")
    argv = ["import-table", str(table), "-o", str(output), "--lang", "en"]
    status, out, err = run(argv, capsys)
    assert (status, out) == (1, "")
    assert f"{output} exists already; use --force to replace it" in err
    assert output.read_text(encoding="utf-8") == "# mine\n"
    assert run(["import-table", str(table), "-o", str(output), "--force"], capsys)[0] == 0
    assert civsam.load(output) == civsam.read_table(table)


def test_import_table_bad_table_prints_the_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad table exits 1, prints each problem with its row, and writes nothing."""
    table = write_table(
        tmp_path / "partnere.csv",
        [["Navn", "Betydning"], ["A", "7"], ["B", "høj"], ["", "lav"]],
    )
    output = tmp_path / "plan.toml"
    argv = ["import-table", str(table), "-o", str(output), "--lang", "en"]
    status, out, err = run(argv, capsys)
    assert (status, out) == (1, "")
    assert f"{table}:2: Betydning: not a level; found '7'; expected a score from 1 to 5" in err
    assert (
        f"{table}:4: Navn: a row without a partner; found an empty cell; "
        "expected the name of the organisation"
    ) in err
    assert "Traceback" not in err
    assert not output.exists()


def test_import_table_control_character_is_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A control character in a partner name is invalid input: exit 1 with its row."""
    table = write_table(tmp_path / "partnere.csv", [["Navn", "Betydning"], ["A\x07B", "høj"]])
    output = tmp_path / "plan.toml"
    status, out, err = run(["import-table", str(table), "-o", str(output)], capsys)
    assert (status, out) == (1, "")
    assert f"{table}:2: Navn: " in err
    assert not output.exists()


def test_import_table_missing_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A table that is not there exits 1 and says so."""
    table = tmp_path / "missing.csv"
    argv = ["import-table", str(table), "-o", str(tmp_path / "p.toml"), "--lang", "en"]
    status, out, err = run(argv, capsys)
    assert (status, out) == (1, "")
    assert f"{table}: cannot read the file: No such file or directory" in err


# -- usage ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["frobnicate"], "argument COMMAND: invalid choice: 'frobnicate'"),
        (["init"], "the following arguments are required: PATH"),
        (["check"], "the following arguments are required: PATH"),
        (["import-table", "t.csv"], "the following arguments are required: -o/--output"),
        (["check", "a.toml", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Wrong usage exits with status 2 and says what is wrong on standard error."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("usage: civsam")
    assert message in captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """`--version` prints `civsam <version>` and exits 0."""
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"civsam {civsam.__version__}\n"


# -- end to end -----------------------------------------------------------------------------


def civsam_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `python -m civsam ARGS` in a fresh interpreter on this checkout's sources."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "PYTHONUTF8": "1"}
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "civsam", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


def test_end_to_end_init_example_then_check(tmp_path: Path) -> None:
    """`python -m civsam init x.toml --example` then `check x.toml` both exit 0.

    `init` names no project yet and speaks the locale (C: English); `check` speaks the
    Danish example's language.
    """
    init = civsam_process("init", "x.toml", "--example", cwd=tmp_path)
    assert (init.returncode, init.stdout, init.stderr) == (
        0,
        "Wrote the bundled example to x.toml\n",
        "",
    )
    check = civsam_process("check", "x.toml", cwd=tmp_path)
    assert (check.returncode, check.stdout, check.stderr) == (
        0,
        f"x.toml: {EXAMPLE_SUMMARY}\n",
        "",
    )


def test_end_to_end_invalid_file(tmp_path: Path) -> None:
    """`python -m civsam check` on an invalid file: exit 1, problems on stderr, no traceback."""
    (tmp_path / "plan.toml").write_text(INVALID_PROJECT, encoding="utf-8")
    check = civsam_process("check", "plan.toml", "--lang", "en", cwd=tmp_path)
    assert (check.returncode, check.stdout) == (1, "")
    assert "plan.toml:7: organisations[0].name: wrong value" in check.stderr
    assert "Traceback" not in check.stderr


def test_import_table_names_a_misspelt_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A header `Betydnig` exits 1 with "did you mean 'Betydning'?" and writes nothing."""
    rows = [
        [("Betydnig" if cell == "Betydning" else cell) for cell in TABLE_ROWS[0]],
        *TABLE_ROWS[1:],
    ]
    table = write_table(tmp_path / "partnere.csv", rows)
    output = tmp_path / "plan.toml"
    argv = ["import-table", str(table), "-o", str(output), "--owner", "A", "--lang", "en"]
    status, out, err = run(argv, capsys)
    assert (status, out) == (1, "")
    assert "missing column 'Betydning' (importance); did you mean 'Betydning'?" in err
    assert not output.exists()


def test_import_table_allow_missing_is_checked_as_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--allow-missing with an unknown column is wrong usage (exit 2) with a suggestion."""
    table = write_table(tmp_path / "partnere.csv", TABLE_ROWS)
    argv = ["import-table", str(table), "-o", str(tmp_path / "p.toml")]
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--allow-missing", "Betydnig", "--lang", "en"])
    assert exit_info.value.code == 2
    assert "did you mean 'Betydning'?" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["da", "en"])
def test_import_table_announces_an_invented_owner(
    language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --owner, standard error says the owner is a placeholder; with it, nothing."""
    rows = (
        TABLE_ROWS
        if language == "da"
        else [
            [
                "Potential partner",
                "Shared interest",
                "Importance",
                "Ease",
                "Challenges",
                "Existing relation",
                "Contact person",
            ],
            *TABLE_ROWS[1:],
        ]
    )
    table = write_table(tmp_path / "partnere.csv", rows)
    output = tmp_path / "plan.toml"
    status, _, err = run(["import-table", str(table), "-o", str(output)], capsys)
    project = civsam.load(output)
    assert status == 0
    assert (
        err
        == civsam.label(
            "cli.owner_placeholder",
            project.language,
            name=project.owner.name,
            id=project.owner.id,
            path=str(output),
        )
        + "\n"
    )
    assert project.owner.name == ("Vores organisation" if language == "da" else "Our organisation")
    argv = ["import-table", str(table), "-o", str(output), "--owner", "Aarhus Kommune", "--force"]
    assert run(argv, capsys)[2] == ""


# -- the language the command speaks ---------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "en", "check", "PATH"],
        ["check", "PATH", "--lang", "en"],
        ["check", "--lang=en", "PATH"],
    ],
    ids=["before the command", "after the command", "--lang=en"],
)
def test_lang_before_or_after_the_command(
    argv: list[str], example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--lang en, before the command or after it, makes a Danish project's summary English."""
    argv = [str(example_path) if word == "PATH" else word for word in argv]
    assert run(argv, capsys) == (0, f"{example_path}: {EXAMPLE_SUMMARY_EN}\n", "")


def test_a_danish_projects_usage_errors_and_help_are_danish(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The project named on the command line sets the language before it is even loaded."""
    status, out, err = run(["check", str(example_path), "--bogus"], capsys)
    assert (status, out) == (2, "")
    assert err.startswith("brug: civsam ")
    assert err.endswith("civsam: fejl: ukendte argumenter: --bogus\n")
    status, out, err = run(["check", str(example_path), "--help"], capsys)
    assert (status, err) == (0, "")
    assert out.startswith("brug: civsam check [-h] [--lang {da,en}] STI\n")
    assert "\nkontrollér en projektfil, og vis alle problemer\n" in out
    assert "\ntilvalg:\n" in out


def english_example(tmp_path: Path) -> Path:
    """The bundled example with `language = "en"`, written to a file."""
    text = civsam.files.bundled.example_text()
    assert text.count('language = "da"') == 1
    path = tmp_path / "english.toml"
    path.write_text(text.replace('language = "da"', 'language = "en"'), encoding="utf-8")
    return path


def test_an_english_project_speaks_english_under_a_danish_locale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The project's language wins over LANG, for its summary and its usage errors alike."""
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    path = english_example(tmp_path)
    assert run(["check", str(path)], capsys) == (0, f"{path}: {EXAMPLE_SUMMARY_EN}\n", "")
    status, out, err = run(["check", str(path), "--bogus"], capsys)
    assert (status, out) == (2, "")
    assert err.startswith("usage: civsam ")
    assert err.endswith("civsam: error: unrecognized arguments: --bogus\n")
    # and --lang wins over the project
    assert run(["check", str(path), "--lang", "da"], capsys) == (
        0,
        f"{path}: {EXAMPLE_SUMMARY}\n",
        "",
    )


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "da_DK.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8", "LC_MESSAGES": "da_DK.UTF-8"}, "da"),
    ],
    ids=["da_DK", "C.UTF-8", "C", "LC_ALL wins", "LC_MESSAGES wins"],
)
def test_plugins_names_no_project_and_follows_the_locale(
    environment: dict[str, str],
    language: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`civsam plugins` has no project to ask: the locale's language, else English."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    status, out, err = run(["plugins"], capsys)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    if language == "da":
        assert (lines[0], lines[-1]) == (
            "Eksportformater:",
            "Plugins, der ikke kunne indlæses: ingen",
        )
        assert "Regler:" in lines
    else:
        assert (lines[0], lines[-1]) == ("Exporters:", "Plugins that failed: none")
        assert "Rules:" in lines


DEMO_SAYS = {
    "da": ("Skrev", "Kontaktpersoner er udeladt af alle eksporter; "),
    "en": ("Wrote", "Contact persons are left out of every export; "),
}
"""How `civsam demo` starts each line, and its last one, in each language."""


@pytest.mark.parametrize(("locale", "language"), [("da_DK.UTF-8", "da"), ("C.UTF-8", "en")])
def test_demo_names_no_project_and_follows_the_locale(
    locale: str,
    language: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`civsam demo DIR` says what it wrote in the locale's language, numbers grouped in it."""
    monkeypatch.setenv("LANG", locale)
    wrote, contacts = DEMO_SAYS[language]
    folder = tmp_path / "demo"
    status, out, err = run(["demo", str(folder), "--today", "2026-01-01"], capsys)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    size = len(civsam.files.bundled.example_text().encode("utf-8"))
    assert size >= 1000  # so the grouping shows
    assert lines[0] == f"{wrote} {folder / 'example.toml'} ({grouped(size, language)} bytes)"
    assert all(line.startswith(f"{wrote} {folder}") for line in lines[:-1])
    assert lines[-1].startswith(contacts)


def tiny(partners: int, language: str) -> Project:
    """An owner and ``partners`` partners, each related to the owner and assessed."""
    ids = [f"p{number}" for number in range(1, partners + 1)]
    return Project(
        "Lille",
        Organisation("kommune", "Kommune", OrgKind.MUNICIPALITY),
        language=language,
        organisations=[Organisation(id_, id_.upper()) for id_ in ids],
        relations=[Relation("kommune", id_, "partnership") for id_ in ids],
        assessments=[Assessment(id_, importance=3, ease=3) for id_ in ids],
    )


@pytest.mark.parametrize(
    ("partners", "language", "counts"),
    [
        (0, "da", "1 organisation, 0 relationer, 0 vurderinger"),
        (1, "da", "2 organisationer, 1 relation, 1 vurdering"),
        (2, "da", "3 organisationer, 2 relationer, 2 vurderinger"),
        (0, "en", "1 organisation, 0 relations, 0 assessments"),
        (1, "en", "2 organisations, 1 relation, 1 assessment"),
        (2, "en", "3 organisations, 2 relations, 2 assessments"),
    ],
)
def test_check_counts_in_singular_and_plural(
    partners: int,
    language: str,
    counts: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One of a thing is singular, none or several plural, in the project's language."""
    path = tmp_path / "lille.toml"
    civsam.save(tiny(partners, language), path)
    valid = {"da": "gyldigt projekt", "en": "valid project"}[language]
    assert run(["check", str(path)], capsys) == (0, f"{path}: {valid} 'Lille': {counts}\n", "")
