"""The benchmarks in benchmarks/: their data, their command line, and fair baselines.

A benchmark is only worth its ratio if the baseline does the work civsam does, so these
tests hold each baseline to civsam's output on a small national project. The Markdown
and calendar baselines are held to it by ``run.py`` itself (each step checks that both
sides write the same bytes before it times them), as is the load baseline (the same
graph edges); :func:`test_every_step_and_figure_runs_at_a_tiny_size` runs those checks.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import json
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import civsam
from civsam.plugins import reset_plugins

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
# The benchmarks are scripts, not a package: they import each other by name, as when run.
sys.path.insert(0, str(BENCHMARKS))

import national  # noqa: E402
import plain  # noqa: E402
import run  # noqa: E402

BOM = b"\xef\xbb\xbf"
SMALL = {"organisations": 500, "relations": 1500, "assessments": 500, "touchpoints": 250}
STEP_NAMES = [
    "load and validate", "save json", "save toml", "prioritise", "placements", "export csv",
    "export markdown", "calendar (100)", "introductions (10)", "start-up (civsam --help)",
]  # fmt: skip
"""The table's rows at size 300: the calendar and introductions steps' sizes have floors."""
TARGETS = {"load and validate": 2.0, "start-up (civsam --help)": 2.0}
"""Targets other than 1.5."""
ROW = re.compile(
    r"(?P<name>\S.*?) +(?P<ours>\d+\.\d)ms +(?P<theirs>\d+\.\d)ms"
    r" +(?P<ratio>\d+\.\d\d) +(?P<target>\d+\.\d\d)(?P<missed>  missed)?"
)
ALL_STEPS = (
    "load, save, save-toml, prioritise, placements, csv, markdown, calendar, introductions, "
    "startup, memory, end-to-end"
)


@pytest.fixture(autouse=True)
def _civsam_exporters_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Only the plugins civsam ships (its exporters), here and in the processes steps start.

    Not ``builtin_plugins_only``: the steps export CSV, Markdown and iCalendar, which
    civsam's exporters provide as entry points, as a third-party plugin would.
    """
    monkeypatch.setenv("CIVSAM_LOAD_PLUGINS", "civsam")
    reset_plugins()
    yield
    reset_plugins()


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> run.Bench:
    """The benchmarks' shared data at size 300, made once for the tests that compare sides."""
    return run.Bench(300, 1, tmp_path_factory.mktemp("bench"))


def _load(data: dict[str, Any]) -> civsam.Project:
    return civsam.loads(json.dumps(data), "json")


# -- the national project -------------------------------------------------------------------


def test_national_is_the_same_for_the_same_arguments() -> None:
    """Every machine benchmarks the same project; another seed gives another one."""
    first = national.national(**SMALL)
    assert national.national(**SMALL) == first
    assert national.national(**SMALL, seed=2026) == first  # the default seed
    other = national.national(**SMALL, seed=7)
    assert other != first
    assert other["organisations"] != first["organisations"]
    assert other["relations"] != first["relations"]


def test_national_has_what_is_asked() -> None:
    """As many organisations, relations and touchpoints as asked; the owner is not assessed.

    So 500 organisations give at most 499 assessments: every one but the owner's.
    """
    data = national.national(**SMALL)
    ids = [org["id"] for org in data["organisations"]]
    assert len(ids) == len(set(ids)) == 500
    assert len(data["relations"]) == 1500
    assert len(data["touchpoints"]) == 250
    owner = data["project"]["owner"]
    assert owner == "kommune-000"
    partners = [row["partner"] for row in data["assessments"]]
    assert partners == ids[1:]
    fewer = national.national(**(SMALL | {"assessments": 100}))
    assert [row["partner"] for row in fewer["assessments"]] == ids[1:101]
    assert {row["importance"] for row in data["assessments"]} == {1, 2, 3, 4, 5}
    assert {row["ease"] for row in data["assessments"]} == {1, 2, 3, 4, 5}
    project = _load(data)
    assert len(project.organisations) == 500
    assert len(project.relations) == 1500
    assert len(project.assessments) == 499
    assert len(project.touchpoints) == 250


@pytest.mark.parametrize("organisations", [0, 10, 98, 500])
def test_the_98_municipalities_are_always_there(organisations: int) -> None:
    """Denmark's 98 municipalities, the owner first, and no other organisation is one."""
    data = national.national(organisations, relations=50, assessments=20, touchpoints=5)
    kinds = collections.Counter(org["kind"] for org in data["organisations"])
    assert kinds["municipality"] == national.MUNICIPALITIES == 98
    assert len(data["organisations"]) == max(98, organisations)
    assert [org["id"] for org in data["organisations"][:98]] == [
        f"kommune-{n:03d}" for n in range(98)
    ]
    assert all(org["kind"] == "municipality" for org in data["organisations"][:98])
    assert len(kinds) == (1 if organisations <= 98 else 6)
    _load(data)


def test_relations_are_distinct_and_between_known_organisations() -> None:
    """No relation twice (source, target and kind), none to itself, none to a stranger."""
    data = national.national(**SMALL)
    ids = {org["id"] for org in data["organisations"]}
    keys = [(r["source"], r["target"], r["kind"]) for r in data["relations"]]
    assert len(set(keys)) == len(keys)
    assert all(source != target for source, target, _ in keys)
    assert {end for source, target, _ in keys for end in (source, target)} <= ids
    assert {kind for _, _, kind in keys} == {kind.value for kind in civsam.RelationKind}


def test_touchpoints_are_in_the_year_before_the_plan_in_date_order() -> None:
    """Touchpoints with assessed partners, dated in the year before PLAN_START, in order."""
    data = national.national(**SMALL)
    start = national.PLAN_START
    assert data["planning"] == {"start": start.isoformat()}
    dates = [dt.date.fromisoformat(point["date"]) for point in data["touchpoints"]]
    assert dates == sorted(dates)
    assert start - dt.timedelta(days=365) <= dates[0]
    assert dates[-1] < start
    assessed = {row["partner"] for row in data["assessments"]}
    assert {point["partner"] for point in data["touchpoints"]} <= assessed
    assert {point["kind"] for point in data["touchpoints"]} == {
        kind.value for kind in civsam.TouchpointKind
    }


def test_touchpoints_leave_the_rest_of_the_project_as_it_was() -> None:
    """Touchpoints are drawn last: with or without them, the same organisations and scores."""
    with_log = national.national(**SMALL)
    without = national.national(**(SMALL | {"touchpoints": 0}))
    assert without["touchpoints"] == []
    assert without == with_log | {"touchpoints": []}


def test_both_sides_load_the_national_file(tmp_path: Path) -> None:
    """Both civsam and the plain baseline accept the file, and build the same graph."""
    path = tmp_path / "national.json"
    path.write_text(json.dumps(national.national(**SMALL), ensure_ascii=False), "utf-8")
    project = civsam.load(path)
    baseline = plain.plain_load(path)
    assert project.owner.id == baseline.header["owner"] == "kommune-000"
    assert set(project.organisations) == set(baseline.organisations)
    assert set(project.assessments) == set(baseline.assessments)
    assert sorted(project.graph.edges(keys=True)) == sorted(baseline.graph.edges(keys=True))


def test_the_national_command_writes_a_file_civsam_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python benchmarks/national.py PATH --size N``: the benchmarks' file, for use by hand."""
    path = tmp_path / "small.json"
    assert national.main([str(path), "--size", "200"]) == 0
    out = capsys.readouterr().out
    assert out == f"{path}: 200 organisations, 600 relations, 199 assessments, 100 touchpoints\n"
    assert json.loads(path.read_text("utf-8")) == national.national(200, 600, 200, 100)
    project = civsam.load(path)
    assert (len(project.organisations), len(project.touchpoints)) == (200, 100)


def _duplicate_organisation(data: dict[str, Any]) -> None:
    data["organisations"].append(dict(data["organisations"][-1]))


def _unknown_target(data: dict[str, Any]) -> None:
    data["relations"][0]["target"] = "nobody"


def _duplicate_relation(data: dict[str, Any]) -> None:
    data["relations"].append(dict(data["relations"][0]))


def _score_as_text(data: dict[str, Any]) -> None:
    data["assessments"][0]["importance"] = "5"


def _score_too_high(data: dict[str, Any]) -> None:
    data["assessments"][0]["ease"] = 6


def _owner_assessed(data: dict[str, Any]) -> None:
    data["assessments"][0]["partner"] = "kommune-000"


def _unknown_kind(data: dict[str, Any]) -> None:
    data["organisations"][-1]["kind"] = "club"


def _stranger_touchpoint(data: dict[str, Any]) -> None:
    data["touchpoints"][0]["partner"] = "nobody"


def _unknown_key(data: dict[str, Any]) -> None:
    data["relations"][0]["strength"] = 3


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (_duplicate_organisation, "organisations: duplicate id 'org-000021'"),
        (_unknown_target, "relations: unknown organisation in"),
        (_duplicate_relation, "relations: duplicate ("),
        (_score_as_text, "assessments[0]: invalid"),
        (_score_too_high, "assessments[0]: invalid"),
        (_owner_assessed, "assessments: bad partner 'kommune-000'"),
        (_unknown_kind, "organisations[119]: invalid"),
        (_stranger_touchpoint, "touchpoints: bad partner 'nobody'"),
        (_unknown_key, "relations[0]: invalid"),
    ],
)
def test_the_load_baseline_refuses_what_civsam_refuses(
    tmp_path: Path, spoil: Any, problem: str
) -> None:
    """The baseline does civsam's checks, not just ``json.load``: a bad file fails in both."""
    data = national.national(120, relations=200, assessments=50, touchpoints=20)
    spoil(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(civsam.ValidationError):
        civsam.load(path)
    with pytest.raises(plain.PlainError) as raised:
        plain.plain_load(path)
    assert problem in str(raised.value)


# -- run.py's command line ------------------------------------------------------------------


def test_every_step_and_figure_runs_at_a_tiny_size(capsys: pytest.CaptureFixture[str]) -> None:
    """One row per step and per figure, in order; each step's own check of its baseline passes.

    The Markdown and calendar steps check that the baseline writes civsam's bytes, and the
    load step that it builds as many edges, before timing; a failed check fails here.
    """
    assert run.main(["--size", "300", "--repeat", "1"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0].startswith(f"civsam {civsam.__version__}, Python ")
    assert lines[0].endswith(
        "; 300 organisations, 900 relations, 299 assessments (all but the owner), 150 touchpoints;"
        " median of 1"
    )
    assert lines[1:3] == [
        "",
        f"{'step':<28}{'civsam':>12}{'baseline':>12}{'ratio':>8}{'target':>8}",
    ]
    rows = []
    for line in lines[3:13]:
        row = ROW.fullmatch(line)
        assert row is not None, line
        rows.append(row)
    assert [row["name"] for row in rows] == STEP_NAMES
    for row in rows:
        target = TARGETS.get(row["name"], 1.5)
        assert float(row["target"]) == target
        ratio = float(row["ratio"])
        if abs(ratio - target) > 0.01:  # the mark is set before rounding
            assert (row["missed"] is not None) == (ratio > target), row.group(0)
    assert lines[13:15] == ["", f"{'figure':<28}{'civsam':>12}{'limit':>12}{'baseline':>12}"]
    memory, end_to_end = lines[15:]
    assert re.fullmatch(r"peak memory, loaded +\d+\.\d MB +1000\.0 MB +\d+\.\d MB", memory)
    assert re.fullmatch(r"civsam export -f csv +\d+\.\d s +10\.0 s +", end_to_end)


@pytest.mark.parametrize(
    ("margin", "code", "err"),
    [("0.0001", 1, "missed: load and validate, export csv\n"), ("1000", 0, "")],
)
def test_check_fails_when_a_target_is_missed(
    capsys: pytest.CaptureFixture[str], margin: str, code: int, err: str
) -> None:
    """With ``--check``, a ratio over its target times the margin exits 1 and names the step."""
    argv = ["--size", "300", "--repeat", "1", "--steps", "load,csv", "--check", "--margin", margin]
    assert run.main(argv) == code
    out, error = capsys.readouterr()
    assert error == err
    assert [line.split("  ")[0] for line in out.splitlines()[3:]] == [
        "load and validate",
        "export csv",
    ]


def test_the_steps_asked_for_run_in_the_order_asked(capsys: pytest.CaptureFixture[str]) -> None:
    """``--steps`` picks steps and figures; spaces and empty names are ignored."""
    assert run.main(["--size", "300", "--repeat", "1", "--steps", " prioritise, ,load,"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[0] for line in lines[3:]] == ["prioritise", "load and validate"]


@pytest.mark.parametrize(
    ("steps", "unknown"), [("load,bogus", "bogus"), ("Load,csv,memry", "Load, memry")]
)
def test_an_unknown_step_names_the_steps_there_are(
    capsys: pytest.CaptureFixture[str], steps: str, unknown: str
) -> None:
    """An unknown name stops the run before anything is made, naming every step."""
    with pytest.raises(SystemExit) as raised:
        run.main(["--size", "300", "--steps", steps])
    assert raised.value.code == f"unknown step {unknown}; choose from {ALL_STEPS}"
    assert capsys.readouterr().out == ""


# -- the baselines do civsam's work ---------------------------------------------------------


def test_the_csv_baseline_writes_civsam_rows(bench: run.Bench) -> None:
    """Byte for byte civsam's rows, BOM and all; it leaves out only the header line."""
    step = run.csv_step(bench)
    ours, theirs = step.civsam(), step.baseline()
    assert isinstance(ours, bytes)
    assert isinstance(theirs, bytes)
    header, rows = ours.removeprefix(BOM).split(b"\r\n", 1)
    assert header.decode("utf-8").startswith(f"{civsam.label('column.rank')};")
    assert theirs == BOM + rows
    assert rows.count(b"\r\n") == len(bench.project.assessments) == 299


def test_the_save_baselines_write_civsam_data(bench: run.Bench) -> None:
    """The same values as civsam's files (defaults left out alike), and they load the same."""
    folder = bench.folder
    for step, read in ((run.save_step, json.loads), (run.save_toml_step, tomllib.loads)):
        saving = step(bench)
        saving.civsam()
        saving.baseline()
        suffix = "json" if read is json.loads else "toml"
        ours = (folder / f"civsam.{suffix}").read_text("utf-8")
        theirs = (folder / f"plain.{suffix}").read_text("utf-8")
        assert read(theirs) == read(ours)
        assert civsam.load(folder / f"plain.{suffix}") == bench.project


def test_the_prioritise_baseline_ranks_like_civsam(bench: run.Bench) -> None:
    """The same partners in the same order, each in the same quadrant."""
    ours = civsam.prioritise(bench.project)
    theirs = plain.plain_prioritise(bench.plain.assessments.values())
    assert [(p.quadrant.order, p.partner.id) for p in ours] == [
        (placed[0], placed[-1]) for placed in theirs
    ]
    assert {p.quadrant for p in ours} == set(civsam.Quadrant)


def test_the_placements_baseline_builds_civsam_placements(bench: run.Bench) -> None:
    """A record per partner with every field of civsam's placement, in civsam's order.

    The same values field by field: the organisation, quadrant, scores used, rank, place
    and total, priority, the scores' values and source, disagreement, rule, language, and
    the matrix rule's reasons as plain data (which threshold each score met).
    """
    step = run.placements_step(bench)
    ours, theirs = step.civsam(), step.baseline()
    assert isinstance(ours, list)
    assert isinstance(theirs, list)
    assert len(ours) == len(theirs) == 299
    names = [field.name for field in attrs.fields(civsam.Placement)]
    assert [field.name for field in dataclasses.fields(plain.Placement)] == names
    for placement, record in zip(ours, theirs, strict=True):
        assert isinstance(placement, civsam.Placement)
        assert record.partner.id == placement.partner.id
        assert record.partner.name == placement.partner.name
        assert record.quadrant == placement.quadrant.value
        assert record.language == placement.language.value
        for name in ("importance", "ease", "rank", "priority", "disagreement", "rule"):
            assert getattr(record, name) == getattr(placement, name), name
        assert (record.place, record.total) == (placement.place, placement.total)
        for score, theirs_score in (
            (placement.importance_score, record.importance_score),
            (placement.ease_score, record.ease_score),
        ):
            assert (theirs_score.value, theirs_score.source) == (score.value, score.source.value)
        assert [
            (reason.key.removeprefix("reason."), dict(reason.values))
            for reason in placement.rule_reasons
            if isinstance(reason, civsam.Reason)
        ] == [(key, {"score": score, "threshold": threshold})
              for key, score, threshold in record.rule_reasons]  # fmt: skip


def test_the_bench_guard_runs_every_ratio_step() -> None:
    """noxfile.py's ``bench_guard`` runs every step against a baseline, a new one too."""
    noxfile = (BENCHMARKS.parent / "noxfile.py").read_text("utf-8")
    found = re.search(r'^GUARD_STEPS = \(?\s*"([^"]*)"', noxfile, re.MULTILINE)
    assert found is not None
    assert found[1].split(",") == list(run.STEPS)


def test_the_introductions_baseline_finds_what_civsam_finds(bench: run.Bench) -> None:
    """The same co-applicants and shortest chains; civsam's strongest is at least as strong.

    The baseline keeps the first five chains networkx finds, civsam the strongest of all.
    """
    project, baseline = bench.project, bench.plain
    owner = project.owner.id
    network = plain.plain_network(baseline.organisations, baseline.relations, national.PLAN_START)
    for partner in list(project.assessments)[::25]:
        ours = civsam.introductions(project, partner, brokers=0, as_of=national.PLAN_START)
        chains, co_applicants = plain.plain_introductions(
            network, baseline.organisations, owner, partner
        )
        assert [(c.organisation.id, c.strength) for c in ours.co_applicants] == co_applicants
        assert ours.paths
        assert chains
        assert len(ours.paths[0].organisations) == len(chains[0][0])
        assert ours.paths[0].strength >= chains[0][1]
