"""``civsam apply PATH CHANGES``: a workshop board's changes recorded as dated assessments.

Each test runs the command in-process on a copy of the bundled example and a changes file
made from it as the board makes one, and checks the lines a person reads (Danish, the
project's language, and English), the exit status, and the project file's bytes: kept
whole and extended when something is recorded, identical when nothing may be.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import pytest

import civsam
from _cli import run
from civsam import Assessment, Project
from civsam.files.bundled import example_text
from civsam.files.io import ProjectFile
from civsam.workshop import (
    BoardCell,
    Change,
    Changes,
    assessment_token,
    board_token,
    changes_json,
)

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.usefixtures("builtin_plugins_only")

DS = "aeldresagen-aarhus"
FC = "frivilligcenter-aarhus"
MOVES = {DS: (4, 3), FC: (5, 5)}
WORKSHOP = dt.date(2026, 12, 8)


def example(tmp_path: Path, suffix: str = ".toml") -> Path:
    """The bundled example as ``civsam init --example`` writes it (TOML), or saved as JSON."""
    path = tmp_path / f"projekt{suffix}"
    if suffix == ".toml":
        path.write_text(example_text(), encoding="utf-8")
    else:
        civsam.save(civsam.example(), path)
    return path


def changes_file(
    tmp_path: Path,
    project: Project,
    moves: dict[str, tuple[int, int]] = MOVES,
    *,
    name: str | None = None,
    **fields: Any,
) -> Path:
    """The changes file a board made from ``project`` saves after ``moves``."""
    latest = project.assessments
    changes = Changes(
        project.name if name is None else name,
        board_token(project),
        dt.date(2026, 12, 7),
        WORKSHOP,
        tuple(
            Change(
                partner,
                assessment_token(latest.get(partner)),
                importance,
                ease,
                _cell(latest.get(partner)),
                **(fields if partner == DS else {}),
            )
            for partner, (importance, ease) in moves.items()
        ),
    )
    path = tmp_path / "ændringer.json"
    path.write_text(changes_json(changes), encoding="utf-8")
    return path


def _cell(assessment: Assessment | None) -> BoardCell | None:
    if assessment is None or assessment.importance is None or assessment.ease is None:
        return None
    return BoardCell(assessment.importance, assessment.ease)


def reassess_meanwhile(path: Path) -> None:
    """Someone re-assesses both moved partners after the board was made.

    One of them on a day after the workshop's: the board's scores for it, forced, go into
    its history before that assessment, not on top of it.
    """
    civsam.record(
        path,
        Assessment(DS, importance=2, ease=2, date=dt.date(2026, 12, 7)),
        Assessment(FC, importance=1, ease=4, date=dt.date(2026, 12, 9)),
    )


RECORDED_DA = """\
2 vurderinger dateret 2026-12-08 er registreret i {path}:
  Ældre Sagen Aarhus: betydning 5 → 4, lethed 5 → 3
  Frivilligcenter Aarhus: betydning 4 → 5, lethed 5
"""
RECORDED_EN = """\
Recorded 2 assessments dated 2026-12-08 in {path}:
  Ældre Sagen Aarhus: importance 5 → 4, ease 5 → 3
  Frivilligcenter Aarhus: importance 4 → 5, ease 5
"""


@pytest.mark.parametrize(
    ("language", "expected"), [("da", RECORDED_DA), ("en", RECORDED_EN)], ids=["da", "en"]
)
def test_a_board_s_changes_are_recorded_as_dated_assessments_keeping_the_toml_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str, expected: str
) -> None:
    """Two moves recorded as dated assessments: said per partner, the TOML's bytes kept."""
    path = example(tmp_path)
    before = path.read_bytes()
    changes = changes_file(tmp_path, civsam.load(path), rater="Mette", note="Travle frivillige")
    argv = ["apply", str(path), str(changes)] + (["--lang", "en"] if language == "en" else [])
    assert run(argv, capsys) == (0, expected.format(path=path), "")
    after = path.read_bytes()
    assert after.startswith(before)  # every byte kept, comments included
    assert after[len(before) :].count(b"[[assessments]]") == 2
    project = civsam.load(path)
    old, new = project.history[DS]
    assert old.date is None  # the example's assessment, kept
    assert (new.importance, new.ease, new.date, new.by, new.notes) == (
        4,
        3,
        WORKSHOP,
        "Mette",
        "Travle frivillige",
    )
    assert new.shared_interest == old.shared_interest  # the partner table's words carry over
    assert project.assessments[FC].date == WORKSHOP
    assert len(project.history[FC]) == 2


def test_a_json_project_holds_the_new_assessments_after_loading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON project file holds the new assessments beside the old ones."""
    path = example(tmp_path, ".json")
    changes = changes_file(tmp_path, civsam.load(path))
    status, out, err = run(["apply", str(path), str(changes), "--lang", "en"], capsys)
    assert (status, out, err) == (0, RECORDED_EN.format(path=path), "")
    project = civsam.load(path)
    assert [a.date for a in project.history[DS]] == [None, WORKSHOP]
    assert [(a.importance, a.ease) for a in project.history[FC]] == [(4, 5), (5, 5)]
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert [a["partner"] for a in raw["assessments"]].count(DS) == 2


def test_applying_the_same_file_twice_records_it_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The second time, every change is already recorded: skipped, the file untouched."""
    path = example(tmp_path)
    changes = changes_file(tmp_path, civsam.load(path), rater="Mette")
    assert run(["apply", str(path), str(changes)], capsys)[0] == 0
    once = path.read_bytes()
    assert run(["apply", str(path), str(changes)], capsys) == (
        0,
        (
            f"Intet at registrere i {path}.\n"
            "2 ændringer er allerede registreret og er sprunget over: "
            "Ældre Sagen Aarhus og Frivilligcenter Aarhus\n"
        ),
        "",
    )
    assert run(["apply", str(path), str(changes), "--lang", "en"], capsys)[1] == (
        f"Nothing to record in {path}.\n"
        "2 changes already recorded, skipped: Ældre Sagen Aarhus and Frivilligcenter Aarhus\n"
    )
    assert path.read_bytes() == once


CONFLICTS_DA = """\
civsam: 2 konflikter: projektet er ændret, siden tavlen blev lavet den 2026-12-07; \
intet er registreret i {path}:
  Ældre Sagen Aarhus: på tavlen betydning 5, lethed 5 → betydning 4, lethed 3; \
i projektet nu betydning 2, lethed 2 (vurderet 2026-12-07)
  Frivilligcenter Aarhus: på tavlen betydning 4, lethed 5 → betydning 5, lethed 5; \
i projektet nu betydning 1, lethed 4 (vurderet 2026-12-09)
Se på samarbejdspartnerne igen, eller registrér tavlens placeringer alligevel med --force \
(projektets nyere vurderinger bliver stående i historikken).
"""
CONFLICTS_EN = """\
civsam: 2 conflicts: the project has changed since the board was made on 2026-12-07; \
nothing was recorded in {path}:
  Ældre Sagen Aarhus: on the board importance 5, ease 5 → importance 4, ease 3; \
in the project now importance 2, ease 2 (assessed 2026-12-07)
  Frivilligcenter Aarhus: on the board importance 4, ease 5 → importance 5, ease 5; \
in the project now importance 1, ease 4 (assessed 2026-12-09)
Look at the partners again, or record the board's placements anyway with --force \
(the project's newer assessments stay in its history).
"""


@pytest.mark.parametrize("dry_run", [False, True], ids=["apply", "dry-run"])
def test_changes_from_an_older_project_are_every_one_reported_and_nothing_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    dry_run: bool,  # noqa: FBT001
) -> None:
    """Every conflict is listed with what the board and the project hold; nothing written."""
    path = example(tmp_path)
    changes = changes_file(tmp_path, civsam.load(path))
    reassess_meanwhile(path)
    before = path.read_bytes()
    extra = ["--dry-run"] if dry_run else []
    assert run(["apply", str(path), str(changes), *extra], capsys) == (
        1,
        "",
        CONFLICTS_DA.format(path=path),
    )
    assert run(["apply", str(path), str(changes), "--lang", "en", *extra], capsys) == (
        1,
        "",
        CONFLICTS_EN.format(path=path),
    )
    assert path.read_bytes() == before


def test_force_records_over_conflicts_and_keeps_the_newer_assessments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--force records, lists the conflicts it records over, and keeps the history."""
    path = example(tmp_path)
    changes = changes_file(tmp_path, civsam.load(path))
    reassess_meanwhile(path)
    before = path.read_bytes()
    status, out, err = run(["apply", str(path), str(changes), "--force", "--lang", "en"], capsys)
    assert status == 0
    assert err == (
        "Recorded despite 2 conflicts (--force):\n"
        + "".join(CONFLICTS_EN.splitlines(keepends=True)[1:3])
    )
    assert out == (
        f"Recorded 2 assessments dated 2026-12-08 in {path}:\n"
        "  Ældre Sagen Aarhus: importance 2 → 4, ease 2 → 3\n"
        "  Frivilligcenter Aarhus: importance 1 → 5, ease 4 → 5 "
        "(kept in the history: the assessment of 2026-12-09 stays the latest)\n"
    )
    assert path.read_bytes().startswith(before)
    project = civsam.load(path)
    assert [(a.importance, a.date) for a in project.history[DS]] == [
        (5, None),
        (2, dt.date(2026, 12, 7)),
        (4, WORKSHOP),
    ]
    assert [(a.importance, a.date) for a in project.history[FC]] == [
        (4, None),
        (5, WORKSHOP),
        (1, dt.date(2026, 12, 9)),
    ]


def test_dry_run_says_what_would_be_recorded_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--dry-run says what would be recorded and leaves the file as it was."""
    path = example(tmp_path)
    before = path.read_bytes()
    changes = changes_file(tmp_path, civsam.load(path))
    assert run(["apply", str(path), str(changes), "--dry-run"], capsys) == (
        0,
        (
            f"Ville registrere 2 vurderinger dateret 2026-12-08 i {path}:\n"
            "  Ældre Sagen Aarhus: betydning 5 → 4, lethed 5 → 3\n"
            "  Frivilligcenter Aarhus: betydning 4 → 5, lethed 5\n"
            "Intet er skrevet (--dry-run).\n"
        ),
        "",
    )
    assert run(["apply", str(path), str(changes), "--dry-run", "--lang", "en"], capsys)[1] == (
        f"Would record 2 assessments dated 2026-12-08 in {path}:\n"
        "  Ældre Sagen Aarhus: importance 5 → 4, ease 5 → 3\n"
        "  Frivilligcenter Aarhus: importance 4 → 5, ease 5\n"
        "Nothing was written (--dry-run).\n"
    )
    assert path.read_bytes() == before


def test_one_recorded_assessment_is_said_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One assessment, one change: the singular, in both languages."""
    path = example(tmp_path)
    changes = changes_file(tmp_path, civsam.load(path), {DS: (1, 1)})
    assert run(["apply", str(path), str(changes), "--lang", "en"], capsys)[1] == (
        f"Recorded 1 assessment dated 2026-12-08 in {path}:\n"
        "  Ældre Sagen Aarhus: importance 5 → 1, ease 5 → 1\n"
    )
    assert run(["apply", str(path), str(changes)], capsys)[1].endswith(
        "1 ændring er allerede registreret og er sprunget over: Ældre Sagen Aarhus\n"
    )


def test_a_changes_file_for_another_project_is_refused_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A board of another project's name is refused; --force records it with a note."""
    path = example(tmp_path)
    before = path.read_bytes()
    changes = changes_file(tmp_path, civsam.load(path), name="Ensomhed i Odense")
    assert run(["apply", str(path), str(changes)], capsys) == (
        1,
        "",
        (
            f"civsam: {changes} er lavet til projektet »Ensomhed i Odense«, men {path} er "
            "projektet »Ensomhed blandt ældre i Aarhus«; anvend den på det rigtige projekt, eller "
            "brug --force, hvis projektet har skiftet navn\n"
        ),
    )
    assert run(["apply", str(path), str(changes), "--lang", "en"], capsys)[2] == (
        f"civsam: {changes} was made for the project “Ensomhed i Odense”, but {path} is the "
        "project “Ensomhed blandt ældre i Aarhus”; apply it to the right project, or use "
        "--force if the project was renamed\n"
    )
    assert path.read_bytes() == before
    status, out, err = run(["apply", str(path), str(changes), "--force", "--lang", "en"], capsys)
    assert (status, out) == (0, RECORDED_EN.format(path=path))
    assert err == (
        f"Note: {changes} was made for the project “Ensomhed i Odense”, "
        "not “Ensomhed blandt ældre i Aarhus” (--force).\n"
    )


def test_an_unknown_partner_is_located_in_the_changes_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A partner the project does not hold is a problem located in the changes file."""
    path = example(tmp_path)
    before = path.read_bytes()
    changes = changes_file(tmp_path, civsam.load(path), {DS: (1, 1), "ukendt": (2, 2)})
    assert run(["apply", str(path), str(changes)], capsys) == (
        1,
        "",
        (
            f"civsam: 1 problem i {changes}:\n"
            f"  {changes}: changes[1].partner: ukendt organisation; fundet 'ukendt'; "
            "forventet id'et på en af projektets organisationer\n"
        ),
    )
    assert path.read_bytes() == before


def test_an_invalid_changes_file_reports_every_problem_in_the_project_s_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken changes file: every problem, located, in the project's language."""
    path = example(tmp_path)
    before = path.read_bytes()
    changes = changes_file(tmp_path, civsam.load(path))
    raw = json.loads(changes.read_text(encoding="utf-8"))
    raw["changes"][0]["importance"] = 7
    raw["changes"][1]["ease"] = "5"
    changes.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    assert run(["apply", str(path), str(changes)], capsys) == (
        1,
        "",
        (
            f"civsam: 2 problemer i {changes}:\n"
            f"  {changes}:12: changes[0].importance: forkert værdi; fundet tallet 7; "
            "forventet et helt tal fra 1 til 5\n"
            f"  {changes}:23: changes[1].ease: forkert værdi; fundet teksten '5'; "
            "forventet et helt tal\n"
        ),
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "danish", "english"),
    [
        (
            "mangler.json",
            "{changes}: kan ikke læse filen: filen eller mappen findes ikke",
            "{changes}: cannot read the file: No such file or directory",
        ),
        (
            "",
            "{changes}: kan ikke læse en mappe som en ændringsfil; forventede en almindelig fil",
            "{changes}: cannot read a folder as a changes file; expected a regular file",
        ),
    ],
    ids=["missing", "folder"],
)
def test_a_changes_file_that_cannot_be_read_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, danish: str, english: str
) -> None:
    """A missing changes file, or a folder, is an error naming it (exit 1)."""
    path = example(tmp_path)
    changes = tmp_path / name if name else tmp_path
    assert run(["apply", str(path), str(changes)], capsys) == (
        1,
        "",
        f"civsam: {danish.format(changes=changes)}\n",
    )
    assert run(["apply", str(path), str(changes), "--lang", "en"], capsys)[2] == (
        f"civsam: {english.format(changes=changes)}\n"
    )


def test_a_project_changed_while_applying_stops_the_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A partner re-assessed between reading and locking the file stops the write."""
    path = example(tmp_path)
    changes = changes_file(tmp_path, civsam.load(path))
    read = ProjectFile.read

    def read_then_another_writer(where: Path) -> ProjectFile:
        first = read(where)
        civsam.record(where, Assessment(DS, importance=1, ease=1, date=dt.date(2026, 12, 7)))
        return first

    monkeypatch.setattr(ProjectFile, "read", read_then_another_writer)
    status, out, err = run(["apply", str(path), str(changes), "--lang", "en"], capsys)
    assert (status, out) == (1, "")
    assert err == (
        f"civsam: the project file changed while {changes} was being applied; "
        "nothing was recorded. Run the command again\n"
    )
    history = civsam.load(path).history
    assert [a.importance for a in history[DS]] == [5, 1]  # the other writer's, not ours
    assert len(history[FC]) == 1


def test_an_unchanged_rewrite_of_the_file_meanwhile_does_not_stop_the_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change elsewhere in the file meanwhile leaves the plan as it was: recorded."""
    path = example(tmp_path)
    changes = changes_file(tmp_path, civsam.load(path))
    read = ProjectFile.read

    def read_then_a_log_entry(where: Path) -> ProjectFile:
        first = read(where)
        civsam.record(where, civsam.Touchpoint(FC, dt.date(2026, 12, 7), "call"))
        return first

    monkeypatch.setattr(ProjectFile, "read", read_then_a_log_entry)
    assert run(["apply", str(path), str(changes)], capsys)[0] == 0
    project = civsam.load(path)
    assert project.assessments[DS].date == WORKSHOP
    assert project.touchpoints[-1].partner == FC


@pytest.mark.parametrize(("language", "word"), [("da", "ÆNDRINGER"), ("en", "CHANGES")])
def test_help_names_the_changes_file(
    capsys: pytest.CaptureFixture[str], language: str, word: str
) -> None:
    """``apply --help`` names the changes file and both options, in either language."""
    status, out, _ = run(["apply", "--help", "--lang", language], capsys)
    assert status == 0
    assert word in out
    assert "--dry-run" in out
    assert "--force" in out


def test_a_missing_changes_argument_is_wrong_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the changes file the command is used wrongly: exit 2."""
    status, _, err = run(["apply", str(example(tmp_path)), "--lang", "en"], capsys)
    assert status == 2
    assert err.splitlines()[-1] == (
        "civsam apply: error: the following arguments are required: CHANGES"
    )


def test_what_apply_prints_is_clean_for_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A partner's name with a right-to-left override is shown escaped, never acted on."""
    project = civsam.example()
    partner = project.organisations[DS]
    project.replace(civsam.Organisation(DS, "Ældre \u202eSagen", partner.kind))
    path = tmp_path / "projekt.toml"
    civsam.save(project, path)
    status, out, err = run(
        ["--lang", "en", "apply", str(path), str(changes_file(tmp_path, project))], capsys
    )
    assert (status, err) == (0, "")
    assert "\u202e" not in out
    assert "Ældre \\u202eSagen" in out
