"""civsam.record: entries appended to a project file, every byte already there kept."""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import random
import signal
import subprocess
import sys
import time
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import civsam
from civsam import (
    CivsamError,
    ItemReview,
    OutreachEntry,
    Project,
    ReadinessAnswer,
    Review,
    Touchpoint,
    ValidationError,
)
from civsam.testing import projects, touchpoints

D = dt.date
BOM = b"\xef\xbb\xbf"

HAND_WRITTEN = '''\
# Vores plan · our plan, written by hand
[project]
name   =   "Ensomhed blandt ældre"   # what it is about
owner="aarhus"

[[organisations]]
id = "aarhus"
name = 'Aarhus Kommune'
kind = "municipality"

[[organisations]]
    id = "ds"        # indented, as some people do
    name = """Ældre Sagen
Aarhus"""
    kind = "civil_society"

[[organisations]]
id = "rk"
name = "Røde Kors"

[[assessments]]
partner = "ds"
importance = 5
ease = 4

[[touchpoints]]
partner = "ds"
date = 2026-01-05
kind = "meeting"

# the last line is a comment'''
"""A valid file with comments, odd spacing, a multi-line string, and no final newline."""

CALL = Touchpoint("ds", D(2026, 3, 2), "call", 'Ringede om "besøgsvenner"\nog kaffe')
CALL_TOML = """\
[[touchpoints]]
partner = "ds"
date = 2026-03-02
kind = "call"
note = "Ringede om \\"besøgsvenner\\"\\nog kaffe"
"""
STEP = OutreachEntry("rk", "shared_goals", D(2026, 3, 3))
STEP_TOML = """\
[[outreach]]
partner = "rk"
step = "shared_goals"
date = 2026-03-03
"""
REVIEW = Review(
    "ds", D(2026, 3, 4), [ItemReview("talk_often", "green"), ItemReview("leadership", "red", "Nej")]
)
REVIEW_TOML = """\
[[reviews]]
partner = "ds"
date = 2026-03-04
items = [
    { item = "talk_often", status = "green" },
    { item = "leadership", status = "red", note = "Nej" },
]
"""
ANSWER = ReadinessAnswer("priority", False, D(2026, 3, 5), "Styregruppen")
ANSWER_TOML = """\
[[readiness]]
point = "priority"
in_place = false
date = 2026-03-05
answered_by = "Styregruppen"
"""


def variant(text: str, *, crlf: bool = False, bom: bool = False, final: bool = False) -> bytes:
    """The hand-written file's bytes with CRLF endings, a BOM, or a final newline."""
    if final:
        text += "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    return (BOM if bom else b"") + text.encode("utf-8")


def expected_project(data: bytes, fmt: Literal["toml", "json"], *entries: Any) -> Project:
    """The project the file held, with ``entries`` recorded."""
    project = civsam.loads(data, fmt)
    project.record(*entries)
    return project


def unchanged_after(path: pathlib.Path, error: type[Exception], *entries: object) -> str:
    """Record ``entries``, expect ``error``, and check the folder is as it was."""
    before = path.read_bytes()
    listing = sorted(entry.name for entry in path.parent.iterdir())
    with pytest.raises(error) as info:
        civsam.record(path, *entries)  # type: ignore[arg-type] # refusals are the point
    assert path.read_bytes() == before, "a refused record changed the file"
    assert sorted(entry.name for entry in path.parent.iterdir()) == listing, (
        "a refused record left a file behind"
    )
    return str(info.value)


# -- TOML ----------------------------------------------------------------------------------


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("final", [False, True], ids=["no-final-newline", "final-newline"])
def test_toml_keeps_every_byte_and_appends_tables(
    tmp_path: pathlib.Path, *, crlf: bool, bom: bool, final: bool
) -> None:
    """Comments, spacing, BOM and line endings stay; tables go at the end, in the file's style."""
    path = tmp_path / "plan.toml"
    before = variant(HAND_WRITTEN, crlf=crlf, bom=bom, final=final)
    path.write_bytes(before)
    returned = civsam.record(path, CALL)
    after = path.read_bytes()
    appended = ("\n" if final else "\n\n") + CALL_TOML
    assert after == before + variant(appended, crlf=crlf)
    assert civsam.load(path) == expected_project(before, "toml", CALL) == returned
    assert [entry.name for entry in tmp_path.iterdir()] == ["plan.toml"]


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_entries_of_every_kind_at_once(tmp_path: pathlib.Path, *, crlf: bool) -> None:
    """Several entries of several kinds: one table each, in the order given, a blank line apart."""
    path = tmp_path / "plan.toml"
    before = variant(HAND_WRITTEN, crlf=crlf, final=True)
    path.write_bytes(before)
    civsam.record(path, REVIEW, CALL, STEP, ANSWER)
    blocks = f"{REVIEW_TOML}\n{CALL_TOML}\n{STEP_TOML}\n{ANSWER_TOML}"
    assert path.read_bytes() == before + variant("\n" + blocks, crlf=crlf)
    project = civsam.load(path)
    assert project == expected_project(before, "toml", REVIEW, CALL, STEP, ANSWER)
    assert project.touchpoints[-1] == CALL
    assert project.outreach_step("rk") is civsam.OutreachStep.SHARED_GOALS


def test_recording_again_and_again_keeps_appending(tmp_path: pathlib.Path) -> None:
    """Each record adds to what the last one wrote; the steps are checked against the file."""
    path = tmp_path / "plan.toml"
    path.write_bytes(variant(HAND_WRITTEN))
    civsam.record(path, STEP)
    middle = path.read_bytes()
    later = OutreachEntry("rk", "their_agenda", D(2026, 3, 10))
    civsam.record(path, later)
    assert path.read_bytes().startswith(middle)
    assert civsam.load(path).outreach == (STEP, later)
    message = unchanged_after(
        path, ValidationError, OutreachEntry("rk", "maintain_contact", D(2026, 4, 1))
    )
    assert message == (
        f"1 problem in {path}:\n  {path}: outreach.step: 'rk' cannot go from their_agenda to "
        "maintain_contact; found 'maintain_contact'; expected one of shared_goals, prepare, ended"
    )


def test_recording_nothing_changes_nothing(tmp_path: pathlib.Path) -> None:
    """record(path) with no entries checks the file and leaves it alone."""
    path = tmp_path / "plan.toml"
    path.write_bytes(variant(HAND_WRITTEN, crlf=True))
    stamp = path.stat().st_mtime_ns
    assert civsam.record(path) == civsam.load(path)
    assert path.read_bytes() == variant(HAND_WRITTEN, crlf=True)
    assert path.stat().st_mtime_ns == stamp


def test_invalid_entries_leave_the_file_as_it_was(tmp_path: pathlib.Path) -> None:
    """An unknown partner or a step not allowed: a ValidationError, and not a byte written."""
    path = tmp_path / "plan.toml"
    path.write_bytes(variant(HAND_WRITTEN, crlf=True, bom=True))
    message = unchanged_after(
        path,
        ValidationError,
        CALL,
        Touchpoint("ghost", D(2026, 3, 2), "call"),
        OutreachEntry("ds", "prepare", D(2026, 3, 2)),
    )
    assert message == (
        f"2 problems in {path}:\n"
        f"  {path}: touchpoints.partner: unknown organisation; found 'ghost'; "
        "expected the id of one of the project's organisations\n"
        f"  {path}: outreach.step: 'ds' cannot go from not_started to prepare; "
        "found 'prepare'; expected one of shared_goals, ended"
    )
    assert unchanged_after(path, ValidationError, "a note") == (
        f"1 problem in {path}:\n  {path}: cannot record this in a project; found str; "
        "expected a ReadinessAnswer, an OutreachEntry, a Touchpoint or a Review"
    )


def test_an_invalid_file_is_not_touched(tmp_path: pathlib.Path) -> None:
    """A file that does not load is reported, with its lines, and left alone."""
    path = tmp_path / "plan.toml"
    path.write_bytes(variant(HAND_WRITTEN.replace("importance = 5", "importance = 7")))
    message = unchanged_after(path, ValidationError, CALL)
    assert message == (
        f"1 problem in {path}:\n  {path}:23: assessments[0].importance: wrong value; "
        "found number 7; expected a whole number from 1 to 5"
    )
    path.write_bytes(b'[project]\nname = "Plan\n')
    assert "not valid TOML" in unchanged_after(path, ValidationError, CALL)


@pytest.mark.parametrize(
    ("inline", "entry"),
    [
        ('touchpoints = [{ partner = "ds", date = 2026-01-05, kind = "call" }]', CALL),
        ("touchpoints = []", CALL),
        ("reviews = []", REVIEW),
    ],
    ids=["touchpoints", "empty-touchpoints", "empty-reviews"],
)
def test_an_inline_list_cannot_be_appended_to(
    tmp_path: pathlib.Path, inline: str, entry: object
) -> None:
    """A list written inline (`touchpoints = [...]`) would need a rewrite: refused, unchanged."""
    path = tmp_path / "plan.toml"
    text = HAND_WRITTEN.split("[[touchpoints]]", maxsplit=1)[0].replace(
        "# Vores plan", f"{inline}\n# Vores plan"
    )
    path.write_bytes(variant(text))
    civsam.load(path)  # the file itself is fine
    assert unchanged_after(path, CivsamError, entry) == (
        f"{path}: cannot append to this file without rewriting it (does it write a list such "
        "as touchpoints inline, as `touchpoints = [...]`? write each entry as a "
        "[[touchpoints]] table); the file is unchanged"
    )


def test_an_inline_list_of_another_kind_is_no_problem(tmp_path: pathlib.Path) -> None:
    """Only the list being appended to matters: reviews inline, a touchpoint appended."""
    path = tmp_path / "plan.toml"
    text = HAND_WRITTEN.replace("# Vores plan", "reviews = []\n# Vores plan")
    path.write_bytes(variant(text))
    civsam.record(path, CALL)
    assert civsam.load(path).touchpoints[-1] == CALL


def test_files_that_cannot_be_recorded_in(tmp_path: pathlib.Path) -> None:
    """A missing file, or one whose suffix names no format, is a CivsamError naming it."""
    missing = tmp_path / "missing.toml"
    with pytest.raises(CivsamError) as info:
        civsam.record(missing, CALL)
    assert str(info.value) == f"{missing}: cannot read the file: No such file or directory"
    assert not missing.exists()
    odd = tmp_path / "plan.txt"
    odd.write_text(HAND_WRITTEN, encoding="utf-8")
    assert unchanged_after(odd, CivsamError, CALL) == (
        f"{odd}: cannot tell the file format from '.txt'; expected a .toml or .json file"
    )


# -- JSON ----------------------------------------------------------------------------------

JSON_FILE = {
    "organisations": [
        {"name": "Aarhus Kommune", "id": "aarhus", "kind": "municipality"},
        {"kind": "civil_society", "id": "ds", "name": "Ældre Sagen"},
        {"id": "rk", "name": "Røde Kors"},
    ],
    "touchpoints": [{"date": "2026-01-05", "partner": "ds", "kind": "meeting"}],
    "project": {"owner": "aarhus", "name": "Ensomhed blandt ældre"},
}
"""A JSON project in an order of its own: lists before the header, keys shuffled."""


def _keys(value: object) -> object:
    """The key order of every object in a JSON value, recursively."""
    if isinstance(value, dict):
        return [(key, _keys(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_keys(item) for item in value]
    return None


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_json_keeps_its_key_order_and_appends(
    tmp_path: pathlib.Path, *, bom: bool, crlf: bool
) -> None:
    """Keys keep their order, a new list goes at the end, the BOM and line endings stay."""
    path = tmp_path / "plan.json"
    before = variant(json.dumps(JSON_FILE, ensure_ascii=False, indent=2), crlf=crlf, bom=bom)
    path.write_bytes(before)
    civsam.record(path, CALL, REVIEW)
    after = path.read_bytes()
    assert after.startswith(BOM) == bom
    assert (b"\r\n" in after) == crlf
    if crlf:
        assert b"\n" not in after.replace(b"\r\n", b""), "a line ending in LF alone"
    else:
        assert b"\r" not in after
    written = json.loads(after.decode("utf-8-sig"))
    assert list(written) == ["organisations", "touchpoints", "project", "reviews"]
    assert _keys(written["organisations"]) == _keys(JSON_FILE["organisations"])
    assert written["touchpoints"] == [
        *JSON_FILE["touchpoints"],
        {
            "partner": "ds",
            "date": "2026-03-02",
            "kind": "call",
            "note": 'Ringede om "besøgsvenner"\nog kaffe',
        },
    ]
    assert written["reviews"] == [
        {
            "partner": "ds",
            "date": "2026-03-04",
            "items": [
                {"item": "talk_often", "status": "green"},
                {"item": "leadership", "status": "red", "note": "Nej"},
            ],
        }
    ]
    assert civsam.load(path) == expected_project(before, "json", CALL, REVIEW)


def test_json_refusals_leave_the_file_alone(tmp_path: pathlib.Path) -> None:
    """An invalid entry, or an invalid file, in JSON: a ValidationError, the file unchanged."""
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(JSON_FILE), encoding="utf-8")
    assert "unknown organisation; found 'ghost'" in unchanged_after(
        path, ValidationError, Touchpoint("ghost", D(2026, 1, 5), "call")
    )
    path.write_text(json.dumps({**JSON_FILE, "touchpoints": {}}), encoding="utf-8")
    assert "expected a list of tables ([[touchpoints]])" in unchanged_after(
        path, ValidationError, CALL
    )


# -- properties ----------------------------------------------------------------------------


def test_recording_a_touchpoint_loses_and_reorders_nothing(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """For any project with a history, saved: the old bytes stay, the touchpoint comes last."""
    folder = tmp_path_factory.mktemp("record")

    @settings(deadline=None)  # fsync takes what the disk takes
    @given(project=projects(min_partners=1, history=True), data=st.data())
    def record_one(project: Project, data: st.DataObject) -> None:
        partners = [p for p in project.organisations if p != project.owner.id]
        touchpoint = data.draw(touchpoints(partners))
        expected = project.copy()
        expected.record(touchpoint)
        for fmt in ("toml", "json"):
            path = folder / f"plan.{fmt}"
            civsam.save(project, path)
            before = path.read_bytes()
            assert civsam.record(path, touchpoint) == expected
            after = civsam.load(path)
            assert after == expected
            assert after.touchpoints == (*project.touchpoints, touchpoint)
            if fmt == "toml":
                assert path.read_bytes().startswith(before)

    record_one()


# -- a killed record -----------------------------------------------------------------------


# A fork server: it imports civsam once, then for each line on stdin forks a child that
# records the same touchpoint over and over until it is killed, and reports the child's pid
# and, once it has been killed, its wait status.
_RECORDER = """
import datetime, os, sys
import civsam
path = sys.argv[1]
touchpoint = civsam.Touchpoint("aeldresagen-aarhus", datetime.date(2027, 1, 4), "call", "x" * 500)
print("ready", flush=True)
for _ in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            while True:
                civsam.record(path, touchpoint)
        finally:
            os._exit(1)
    print(pid, flush=True)
    print(os.waitpid(pid, 0)[1], flush=True)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_a_killed_record_never_tears_the_file(example_path: pathlib.Path) -> None:
    """Killed at random moments, record leaves the file with whole entries appended, or none."""
    original = example_path.read_bytes()
    root = pathlib.Path(civsam.__file__).resolve().parents[1]
    entry = b'\n[[touchpoints]]\npartner = "aeldresagen-aarhus"\ndate = 2027-01-04\n'
    entry += b'kind = "call"\nnote = "' + b"x" * 500 + b'"\n'
    counts: list[int] = []
    with subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _RECORDER, str(example_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    ) as server:
        assert server.stdin is not None
        assert server.stdout is not None
        child = 0
        try:
            assert server.stdout.readline() == "ready\n"
            for _ in range(15):
                size = example_path.stat().st_size
                server.stdin.write("fork\n")
                server.stdin.flush()
                child = int(server.stdout.readline())
                deadline = time.monotonic() + 20
                while example_path.stat().st_size == size:
                    assert time.monotonic() < deadline, "the recording process made no progress"
                    time.sleep(0.001)
                time.sleep(random.uniform(0, 0.05))  # noqa: S311 - not cryptography
                os.kill(child, signal.SIGKILL)
                status = int(server.stdout.readline())
                child = 0
                assert os.WIFSIGNALED(status), "the recording process died on its own"
                data = example_path.read_bytes()
                count, rest = divmod(len(data) - len(original), len(entry))
                assert rest == 0, "a killed record left a torn file"
                assert data == original + entry * count
                counts.append(count)
        finally:
            if child:
                os.kill(child, signal.SIGKILL)
            server.stdin.close()
            server.wait(timeout=10)
    assert server.returncode == 0
    assert counts == sorted(counts)
    assert counts[0] >= 1
    assert len(civsam.load(example_path).touchpoints) == len(civsam.example().touchpoints) + max(
        counts
    )
