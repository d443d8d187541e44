"""Every ``civsam`` command against hostile input and paths: refused cleanly, nothing lost.

Issue 12, "What must hold" 5, and the Command line contract in DESIGN.md: no traceback
from any command on any input or path; exit 1 (invalid input) or 2 (wrong usage) with a
short ``civsam:`` message; the input file unchanged byte for byte and no temporary file
left beside it; no hang (each run is killed after a timeout, and that fails the test);
no control character printed to a terminal. Where the input is in fact fine, exit 0.

Each run is a fresh ``python -m civsam`` process, as a user runs it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import json
import os
import shutil
import stat
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import civsam
from _hostile import Outcome, changes, expect, photograph, run, temporaries
from civsam.cli._commands import make_parser as _parser
from civsam.files.bundled import example_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

PARTNER = "aeldresagen-aarhus"  # a partner of the bundled example with a review and touchpoints
PARTNER_NAME = "Ældre Sagen Aarhus"
DAY = "2026-12-01"  # after every entry in the bundled example's history
ROOT = os.geteuid() == 0
REFUSED = frozenset({1, 2})
OK = frozenset({0})
EITHER = frozenset({0, 1})
SLOW = 20.0  # seconds for a device that never ends: a fixed civsam refuses it at once
QUICK = 5.0  # "within a few seconds", for the cases the issue timed in minutes


@functools.cache
def _changes_file() -> str:
    """A workshop board's changes file made from the bundled example: one partner moved."""
    project = civsam.loads(example_text(), "toml")
    changes = civsam.Changes(
        project=project.name,
        board=civsam.board_token(project),
        made=dt.date(2026, 12, 1),
        date=dt.date(2026, 12, 2),
        changes=[
            civsam.Change(
                partner=PARTNER,
                base=civsam.assessment_token(project.assessments[PARTNER]),
                importance=2,
                ease=1,
            )
        ],
    )
    path = Path(tempfile.mkdtemp(prefix="civsam-hostile-")) / "changes.json"
    path.write_text(civsam.changes_json(changes), encoding="utf-8")
    return str(path)


# Every subcommand that reads a project file, with the arguments that make it do its job.
PROJECT_COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "check": lambda path: ["check", path],
    "matrix": lambda path: ["matrix", path],
    "export": lambda path: ["export", path, "-f", "csv"],
    "readiness": lambda path: ["readiness", path],
    "plan": lambda path: ["plan", path],
    "due": lambda path: ["due", path, "--today", DAY],
    "checklist": lambda path: ["checklist", path, PARTNER],
    "introductions": lambda path: ["introductions", path, PARTNER],
    "log": lambda path: ["log", path, PARTNER, "--date", DAY, "--kind", "call", "--note", "n"],
    "step": lambda path: ["step", path, "roede-kors-aarhus", "their_agenda", "--date", DAY],
    "review": lambda path: ["review", path, PARTNER, "talk_often=green", "--date", DAY],
    "assess": lambda path: ["assess", path, PARTNER, "--importance", "2", "--date", DAY],
    "changes": lambda path: ["changes", path, "--since", DAY],
    "apply": lambda path: ["apply", path, _changes_file()],
}
WRITERS = frozenset({"log", "step", "review", "assess", "apply"})
EXPORTS = frozenset({"export"})  # standard output is the export's bytes, not terminal text


@dataclass
class Workspace:
    """A test's folder, with what it takes to make hostile paths in it."""

    folder: Path
    unlock: list[Callable[[], None]]

    def example(self, name: str = "p.toml") -> Path:
        """The bundled example, written to ``name``."""
        path = self.folder / name
        path.write_text(example_text(), encoding="utf-8")
        return path

    def read_only_folder(self, name: str = "locked") -> Path:
        """A folder nobody may create files in, holding the bundled example as p.toml.

        Root may write anywhere a mode forbids, so as root the folder is made immutable
        (chattr +i), which binds root too; where that is impossible the test is skipped.
        """
        folder = self.folder / name
        folder.mkdir()
        (folder / "p.toml").write_text(example_text(), encoding="utf-8")
        if not ROOT:
            folder.chmod(0o555)
            self.unlock.append(lambda: folder.chmod(0o755))
            return folder
        chattr = shutil.which("chattr")
        if chattr is None:
            pytest.skip("running as root without chattr: no folder is read-only to root")
        locked = subprocess.run(  # noqa: S603 - a fixed program on the test's own folder
            [chattr, "+i", str(folder)], check=False, capture_output=True
        )
        if locked.returncode != 0:
            pytest.skip("as root where chattr +i fails (not ext4?): no folder is read-only")

        def unlock() -> None:
            subprocess.run([chattr, "-i", str(folder)], check=True)  # noqa: S603 - ditto

        self.unlock.append(unlock)
        return folder

    def device(self, name: str, minor: int) -> Path:
        """A character device like /dev/null (minor 3) or /dev/zero (minor 5), at ``name``.

        A private node, so a civsam that renames over a device harms only this test;
        without the right to make one, a symlink to the real device (read, never written).
        """
        path = self.folder / name
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
        except PermissionError:
            path.symlink_to({3: "/dev/null", 5: "/dev/zero"}[minor])
        return path


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh folder; whatever was locked in it is unlocked afterwards."""
    space = Workspace(tmp_path, [])
    yield space
    for unlock in reversed(space.unlock):
        unlock()


def run_unchanged(
    workspace: Workspace,
    argv: list[str],
    statuses: frozenset[int],
    *,
    writes: bool = False,
    terminal: bool = True,
    timeout: float = 10.0,
    within: float | None = None,
) -> Outcome:
    """Run civsam in the workspace; assert ``expect`` and that nothing changed.

    A command that ``writes`` and succeeds may change its file, but it too must leave
    no temporary file behind.
    """
    before = photograph(workspace.folder)
    outcome = run(*argv, cwd=workspace.folder, timeout=timeout)
    expect(outcome, statuses, terminal=terminal, within=within)
    assert not temporaries(workspace.folder), f"temporary files left: {outcome.describe()}"
    if not (writes and outcome.status == 0):
        assert not changes(before, photograph(workspace.folder)), (
            f"files changed by {outcome.command}: {changes(before, photograph(workspace.folder))}"
        )
    return outcome


# -- the walk covers every command -------------------------------------------------------


def _subcommands() -> list[str]:
    """The subcommands `civsam --help` lists."""
    subparsers = next(
        action for action in _parser()._actions if isinstance(action, argparse._SubParsersAction)
    )
    return sorted(subparsers.choices)


def test_the_walk_covers_every_subcommand() -> None:
    """Each of civsam's subcommands is walked by a table below; a new one must join them."""
    walked = {*PROJECT_COMMANDS, "init", "import-table", "demo", "plugins"}
    assert set(_subcommands()) == walked


@pytest.mark.parametrize("command", _subcommands())
def test_every_subcommand_refuses_a_bad_option_as_usage(workspace: Workspace, command: str) -> None:
    """An unknown option to any subcommand is wrong usage: exit 2 and argparse's usage."""
    outcome = run(command, "--no-such-option", cwd=workspace.folder)
    expect(outcome, {2})
    assert outcome.stderr.startswith("usage: civsam")


# -- hostile paths, for every command that reads a project file -----------------------------


@dataclass(frozen=True)
class HostilePath:
    """A path that is not a readable project file, and what each kind of command owes it."""

    name: str
    make: Callable[[Workspace], Path]
    commands: tuple[str, ...]
    readers: frozenset[int] = REFUSED
    writers: frozenset[int] = REFUSED
    timeout: float = 10.0


def _missing(space: Workspace) -> Path:
    return space.folder / "missing.toml"


def _folder(space: Workspace) -> Path:
    (space.folder / "folder.toml").mkdir()
    return space.folder / "folder.toml"


def _fifo(space: Workspace) -> Path:
    os.mkfifo(space.folder / "pipe.toml")  # nobody ever writes to it
    return space.folder / "pipe.toml"


def _under_a_file(space: Workspace) -> Path:
    return space.example("file.toml") / "x.toml"


def _too_long(space: Workspace) -> Path:
    return space.folder / ("n" * 300 + ".toml")


def _loop(space: Workspace, name: str = "loop.toml") -> Path:
    (space.folder / name).symlink_to(name)
    return space.folder / name


def _unreadable(space: Workspace) -> Path:
    if ROOT:
        pytest.skip("root reads a chmod 000 file: there is no unreadable file for root")
    path = space.example()
    path.chmod(0)
    space.unlock.append(lambda: path.chmod(0o644))
    return path


def _empty(space: Workspace) -> Path:
    path = space.folder / "empty.toml"
    path.touch()
    return path


def _not_utf8(space: Workspace) -> Path:
    """The example as Danish Windows saves "ANSI" text: æ, ø and å are not UTF-8."""
    path = space.folder / "ansi.toml"
    path.write_bytes(example_text().encode("cp1252", errors="replace"))
    return path


def _read_only_file(space: Workspace) -> Path:
    path = space.example()
    path.chmod(0o444)
    return path


def _in_read_only_folder(space: Workspace) -> Path:
    return space.read_only_folder() / "p.toml"


# A reader loads its file, a writer locks it too: the folder, the pipe and the loop walk
# every command; the other paths fail in the one shared read and walk a reader and a
# writer (and export, for the device that never ends). The file keeps within a minute.
EVERY = tuple(PROJECT_COMMANDS)
READ_AND_WRITE = ("check", "log")
CHANGES = ("check", "log", "step", "review")
HOSTILE_PATHS = [
    HostilePath("folder", _folder, EVERY),
    HostilePath(
        "dev-zero",
        lambda space: space.device("zero.toml", 5),
        ("check", "export", "log"),
        timeout=SLOW,
    ),
    HostilePath("fifo-no-writer", _fifo, EVERY),
    HostilePath("symlink-loop", _loop, EVERY),
    HostilePath("missing-file", _missing, READ_AND_WRITE),
    HostilePath("dev-null", lambda space: space.device("null.toml", 3), READ_AND_WRITE),
    HostilePath("under-a-regular-file", _under_a_file, READ_AND_WRITE),
    HostilePath("name-over-255-bytes", _too_long, READ_AND_WRITE),
    HostilePath("unreadable-chmod-000", _unreadable, READ_AND_WRITE),
    HostilePath("empty-file", _empty, READ_AND_WRITE),
    HostilePath("not-utf8", _not_utf8, READ_AND_WRITE),
    # Fine to read; a change must be refused (issue 12, "What must hold" 2).
    HostilePath("read-only-file-0444", _read_only_file, CHANGES, readers=OK),
    HostilePath("in-read-only-folder", _in_read_only_folder, CHANGES, readers=OK),
]


@pytest.mark.parametrize(
    ("hostile", "command"),
    [
        pytest.param(hostile, command, id=f"{command}-{hostile.name}")
        for hostile in HOSTILE_PATHS
        for command in hostile.commands
    ],
)
def test_project_command_on_a_hostile_path(
    workspace: Workspace, command: str, hostile: HostilePath
) -> None:
    """A project path that cannot be (re)written or read is refused; nothing changes."""
    path = hostile.make(workspace)
    statuses = hostile.writers if command in WRITERS else hostile.readers
    run_unchanged(
        workspace,
        PROJECT_COMMANDS[command](str(path)),
        statuses,
        terminal=command not in EXPORTS,
        timeout=hostile.timeout,
    )


# -- hostile content -----------------------------------------------------------------------


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string: JSON's escapes are all TOML's too."""
    return json.dumps(text)


def _example_json() -> str:
    return civsam.dumps(civsam.files.bundled.example(), "json")


def _deep_toml() -> str:
    return "deep = " + "[" * 1000 + "]" * 1000 + "\n" + example_text()


def _deep_json() -> str:
    return '{"deep": ' + "[" * 1000 + "]" * 1000 + ", " + _example_json().lstrip()[1:]


def _dotted_keys() -> str:
    """100 KB of one dotted key, ``a.a.a… = 1``: minutes and gigabytes in tomllib."""
    return ".".join(["a"] * 50_000) + " = 1\n" + example_text()


def _surrogate() -> str:
    text = _example_json().replace(json.dumps(PARTNER_NAME, ensure_ascii=False), '"\\ud800"')
    assert "\\ud800" in text
    return text


def _duplicate_keys() -> str:
    text = _example_json().replace('"project": {', '"project": {\n    "name": "Første",', 1)
    assert '"Første"' in text
    return text


def _far_future() -> str:
    text = example_text().replace("start = 2026-12-07", "start = 9999-12-31")
    assert "9999-12-31" in text
    return text


def _renamed(name: str) -> str:
    """The bundled example with the partner's name replaced by ``name``."""
    text = example_text().replace(f'name = "{PARTNER_NAME}"', f"name = {_toml_string(name)}")
    assert text != example_text()
    return text


ESCAPES = (
    "\x1b[31mrød\x1b[0m "  # colour
    "\x1b]8;;https://evil.example/\x07klik her\x1b]8;;\x07 "  # an OSC 8 link
    "bip\x07 "  # BEL
    "\x9b2J "  # C1 CSI: clear the screen
    "skjult\rsynlig\x08"  # carriage return, backspace
)


def _escapes_in_notes() -> str:
    """Terminal escapes in every free-text note the commands print (TOML escapes)."""
    text = example_text()
    for old in (
        '"Direktionen har sat samarbejdet med civilsamfundet på årsplanen"',  # readiness note
        '"Kun ét møde siden oktober"',  # a review item's note, shown by checklist
        '"Første møde om besøgsvenner i Gellerup"',  # a touchpoint's note
        '"Deres strategi 2026 handler om besøgsvenner i boligområderne"',  # an outreach note
    ):
        assert old in text
        text = text.replace(old, _toml_string(ESCAPES + old.strip('"')))
    return text


@dataclass(frozen=True)
class HostileContent:
    """A project file's hostile content, the commands it is aimed at and what they owe it."""

    name: str
    suffix: str
    make: Callable[[], str]
    commands: tuple[str, ...]
    statuses: frozenset[int]
    within: float | None = None
    timeout: float = 10.0


# Content that fails to parse goes through the one loader every command shares: check
# (civsam.load) and log (read to append) cover both ways in. Content that loads today
# walks the commands that show or use what is wrong with it.
HOSTILE_CONTENT = [
    HostileContent("toml-1000-deep-array", ".toml", _deep_toml, READ_AND_WRITE, REFUSED),
    HostileContent("json-1000-deep-array", ".json", _deep_json, READ_AND_WRITE, REFUSED),
    HostileContent(
        "toml-100kb-dotted-key",
        ".toml",
        _dotted_keys,
        READ_AND_WRITE,
        REFUSED,
        QUICK,
        timeout=SLOW,
    ),
    HostileContent("json-duplicate-keys", ".json", _duplicate_keys, READ_AND_WRITE, REFUSED),
    # These load today and break later: refused at load, by check first of all.
    HostileContent(
        "json-lone-surrogate-name",
        ".json",
        _surrogate,
        ("check", "matrix", "export", "log", "review"),
        REFUSED,
    ),
    HostileContent(
        "planning-start-9999-12-31",
        ".toml",
        _far_future,
        ("check", "plan", "export", "due", "log"),
        REFUSED,
    ),
    # A limit may refuse a 20,000-character name, or it is shown cut; never slowly.
    HostileContent(
        "name-of-20000-characters",
        ".toml",
        lambda: _renamed("Ældre Sagen Aarhus " * 1053),
        ("matrix", "plan", "due", "checklist", "introductions", "export", "log"),
        EITHER,
        QUICK,
    ),
    # Notes are free text: printed cleaned (exit 0), or refused at load (exit 1).
    HostileContent(
        "terminal-escapes-in-notes",
        ".toml",
        _escapes_in_notes,
        ("readiness", "checklist", "export", "log"),
        EITHER,
    ),
    # A name with ESC is refused today; whatever the fix, nothing raw reaches the terminal.
    HostileContent(
        "terminal-escapes-in-a-name",
        ".toml",
        lambda: _renamed("\x1b]8;;https://evil.example/\x07Ældre Sagen\x1b]8;;\x07\x1b[2J"),
        ("check", "matrix"),
        EITHER,
    ),
    HostileContent(
        "c1-controls-in-a-name",
        ".toml",
        lambda: _renamed("Ældre\x9b2J Sagen\x85Aarhus\x9d0;title\x9c"),
        ("matrix", "plan", "checklist", "introductions", "log"),
        EITHER,
    ),
]


@pytest.mark.parametrize(
    ("hostile", "command"),
    [
        pytest.param(hostile, command, id=f"{command}-{hostile.name}")
        for hostile in HOSTILE_CONTENT
        for command in hostile.commands
    ],
)
def test_project_command_on_hostile_content(
    workspace: Workspace, hostile: HostileContent, command: str
) -> None:
    """Hostile content is refused (or, where fine, used) quickly, cleanly, nothing lost."""
    path = workspace.folder / f"p{hostile.suffix}"
    path.write_text(hostile.make(), encoding="utf-8", errors="surrogatepass")
    run_unchanged(
        workspace,
        PROJECT_COMMANDS[command](str(path)),
        hostile.statuses,
        writes=command in WRITERS,
        terminal=command not in EXPORTS,
        timeout=hostile.timeout,
        within=hostile.within,
    )


# -- hostile arguments ---------------------------------------------------------------------


def _escaped_partner() -> str:
    return "\x1b]8;;https://evil.example/\x07Ældre\x1b]8;;\x07\x1b[2J\x07"


HOSTILE_ARGUMENTS: list[tuple[str, list[str], frozenset[int]]] = [
    # A date civsam cannot plan with is refused, not an overflow (issue 12, 4).
    ("plan-start-9999-12-31", ["plan", "P", "--start", "9999-12-31"], REFUSED),
    ("export-ics-start-9999-12-31", ["export", "P", "-f", "ics", "--start", "9999-12-31"], REFUSED),
    ("due-today-9999-12-31", ["due", "P", "--today", "9999-12-31"], frozenset({0, 1, 2})),
    (
        "introductions-today-0001-01-01",
        ["introductions", "P", PARTNER, "--today", "0001-01-01"],
        frozenset({0, 1, 2}),
    ),
    # Stored, 9999-12-31 would make the file one that check must refuse.
    (
        "log-date-9999-12-31",
        ["log", "P", PARTNER, "--date", "9999-12-31", "--kind", "call"],
        REFUSED,
    ),
    ("matrix-threshold-nan", ["matrix", "P", "--importance-threshold", "nan"], frozenset({2})),
    # What a user types is echoed in the message: cleaned, and cut when long.
    ("checklist-partner-with-escapes", ["checklist", "P", _escaped_partner()], REFUSED),
    (
        "log-partner-of-20000-characters",
        ["log", "P", "x" * 20_000, "--date", DAY, "--kind", "call"],
        REFUSED,
    ),
    (
        "review-unknown-item-with-escapes",
        ["review", "P", PARTNER, "\x1b[2Jtalk=green", "--date", DAY],
        frozenset({2}),
    ),
]


@pytest.mark.parametrize(
    ("argv", "statuses"),
    [pytest.param(argv, statuses, id=name) for name, argv, statuses in HOSTILE_ARGUMENTS],
)
def test_hostile_arguments(workspace: Workspace, argv: list[str], statuses: frozenset[int]) -> None:
    """Hostile values typed on the command line: no overflow, no raw escape echoed."""
    path = workspace.example()
    run_unchanged(
        workspace,
        [str(path) if arg == "P" else arg for arg in argv],
        statuses,
        terminal=argv[0] not in EXPORTS,
        within=QUICK,
    )


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["log", "P", PARTNER, "--date", DAY, "--kind", "call"], id="log-note"),
        pytest.param(
            ["review", "P", PARTNER, f"talk_often=red:{ESCAPES}", "--date", DAY],
            id="review-item-note",
        ),
    ],
)
def test_escapes_typed_into_a_note_never_reach_the_terminal(
    workspace: Workspace, argv: list[str]
) -> None:
    """A note typed with terminal escapes is stored or refused; checklist shows it clean."""
    path = workspace.example()
    typed = [str(path) if arg == "P" else arg for arg in argv]
    if "--note" not in typed and not any(ESCAPES in arg for arg in typed):
        typed += ["--note", ESCAPES]
    recorded = run_unchanged(workspace, typed, EITHER, writes=True)
    if recorded.status == 0:
        run_unchanged(workspace, ["checklist", str(path), PARTNER], OK)


def test_plugins_with_hostile_plugin_names(workspace: Workspace) -> None:
    """Plugin names asked for in the environment are shown cleaned, never raw."""
    outcome = run(
        "plugins",
        cwd=workspace.folder,
        env={"CIVSAM_LOAD_PLUGINS": "\x1b[31mevil\x07,\x9b2J", "CIVSAM_BLOCK_PLUGINS": "\x1b[2J"},
    )
    expect(outcome, {0, 1, 2})


def test_plugins_lists_cleanly(workspace: Workspace) -> None:
    """`civsam plugins` with nothing hostile: exit 0, a clean listing."""
    outcome = run("plugins", cwd=workspace.folder)
    expect(outcome, OK)
    assert b"csv" in outcome.stdout


# -- export -o: never over the project or a stranger's file; streams as streams -----------


def _csv(project: Path) -> bytes:
    """What `civsam export PROJECT -f csv` writes."""
    return civsam.export_project(civsam.load(project), "csv")


def test_export_over_its_own_project_file_is_refused(workspace: Workspace) -> None:
    """`export p.toml -f csv -o p.toml` refuses without --force; p.toml is unchanged."""
    path = workspace.example()
    run_unchanged(workspace, ["export", str(path), "-f", "csv", "-o", str(path)], REFUSED)


def test_export_over_its_own_project_file_through_a_symlink_is_refused(
    workspace: Workspace,
) -> None:
    """A symlink to the project file is the project file: refused, both unchanged."""
    path = workspace.example()
    (workspace.folder / "link.csv").symlink_to("p.toml")
    run_unchanged(workspace, ["export", str(path), "-f", "csv", "-o", "link.csv"], REFUSED)


def test_export_over_an_unrelated_file_is_refused_without_force(workspace: Workspace) -> None:
    """An existing file that is not an earlier CSV export is kept unless --force."""
    path = workspace.example()
    mine = workspace.folder / "mine.csv"
    mine.write_text("my own notes; not an export\n", encoding="utf-8")
    run_unchanged(workspace, ["export", str(path), "-f", "csv", "-o", str(mine)], REFUSED)
    forced = run("export", str(path), "-f", "csv", "-o", str(mine), "--force",
                    cwd=workspace.folder)  # fmt: skip
    expect(forced, OK)
    assert mine.read_bytes() == _csv(path)


def test_export_over_an_earlier_export_of_the_same_format(workspace: Workspace) -> None:
    """Replacing an earlier export of the same format is what -o is for: exit 0."""
    path = workspace.example()
    out = workspace.folder / "out.csv"
    first = run("export", str(path), "-f", "csv", "-o", str(out), cwd=workspace.folder)
    expect(first, OK)
    again = run("export", str(path), "-f", "csv", "-o", str(out), cwd=workspace.folder)
    expect(again, OK)
    assert out.read_bytes() == _csv(path)
    assert not temporaries(workspace.folder)


def test_export_to_dev_null_writes_a_stream(workspace: Workspace) -> None:
    """`-o /dev/null` writes as a stream: exit 0, and the device stays a device.

    First against a private copy of /dev/null: only when civsam leaves that one a
    device is the machine's own /dev/null put at risk.
    """
    path = workspace.example()
    private = workspace.device("null", 3)
    outcome = run_unchanged(workspace, ["export", str(path), "-f", "csv", "-o", str(private)], OK)
    assert stat.S_ISCHR(private.lstat().st_mode) or private.is_symlink(), outcome.describe()
    real = run("export", str(path), "-f", "csv", "-o", "/dev/null", cwd=workspace.folder)
    expect(real, OK)
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_export_to_dev_zero_writes_a_stream(workspace: Workspace) -> None:
    """`-o` a /dev/zero device: written as a stream, not read back without end."""
    path = workspace.example()
    zero = workspace.device("zero", 5)
    run_unchanged(workspace, ["export", str(path), "-f", "csv", "-o", str(zero)], OK, timeout=SLOW)
    assert stat.S_ISCHR(zero.lstat().st_mode) or zero.is_symlink()


def test_export_to_standard_output_as_dash(workspace: Workspace) -> None:
    """`-o -` is standard output: exit 0, the export's bytes, and no file named '-'."""
    path = workspace.example()
    outcome = run_unchanged(
        workspace, ["export", str(path), "-f", "csv", "-o", "-"], OK, terminal=False
    )
    assert outcome.stdout == _csv(path)


def test_export_into_a_named_pipe_with_a_reader(workspace: Workspace) -> None:
    """`-o PIPE` with a reader: exit 0, and the reader gets the export's bytes."""
    path = workspace.example()
    pipe = workspace.folder / "pipe.csv"
    os.mkfifo(pipe)
    received: list[bytes] = []

    def read() -> None:
        with pipe.open("rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        outcome = run("export", str(path), "-f", "csv", "-o", str(pipe), cwd=workspace.folder)
    finally:
        if reader.is_alive():  # civsam never wrote to the pipe: let the reader go
            with contextlib.suppress(OSError):
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(5)
    expect(outcome, OK)
    assert stat.S_ISFIFO(pipe.lstat().st_mode), "the pipe was replaced by a file"
    assert received == [_csv(path)]


def _unwritable_in_folder(space: Workspace) -> Path:
    return space.read_only_folder() / "out.csv"


EXPORT_TARGETS: list[tuple[str, Callable[[Workspace], Path | str]]] = [
    ("name-over-255-bytes", lambda space: space.folder / ("n" * 300 + ".csv")),
    ("symlink-loop", lambda space: _loop(space, "loop.csv")),
    ("under-a-regular-file", lambda space: _under_a_file(space).with_suffix(".csv")),
    ("missing-folder", lambda space: space.folder / "no-such-folder" / "out.csv"),
    ("a-folder", _folder),
    ("read-only-folder", _unwritable_in_folder),
]


@pytest.mark.parametrize("make", [pytest.param(make, id=name) for name, make in EXPORT_TARGETS])
def test_export_to_an_unwritable_target(
    workspace: Workspace, make: Callable[[Workspace], Path | str]
) -> None:
    """`-o` somewhere that cannot be written: a message, exit 1 or 2, nothing changed."""
    path = workspace.example()
    target = make(workspace)
    run_unchanged(workspace, ["export", str(path), "-f", "csv", "-o", str(target)], REFUSED)


# -- init, import-table and demo: hostile places to write, hostile tables -----------------


def _existing(space: Workspace) -> Path:
    return space.example()


INIT_TARGETS: list[tuple[str, Callable[[Workspace], Path | str], tuple[str, ...]]] = [
    ("existing-file", _existing, ()),
    ("read-only-file-0444-with-force", _read_only_file, ("--force",)),
    ("folder-with-force", _folder, ("--force",)),
    ("under-a-regular-file", _under_a_file, ()),
    ("name-over-255-bytes", _too_long, ()),
    ("symlink-loop", _loop, ()),
    ("read-only-folder", lambda space: space.read_only_folder() / "new.toml", ()),
]


@pytest.mark.parametrize(
    ("make", "options"),
    [pytest.param(make, options, id=name) for name, make, options in INIT_TARGETS],
)
def test_init_at_a_hostile_path(
    workspace: Workspace, make: Callable[[Workspace], Path | str], options: tuple[str, ...]
) -> None:
    """`civsam init` never replaces what it must not, and never fails with a traceback."""
    target = make(workspace)
    run_unchanged(workspace, ["init", str(target), "--example", *options], REFUSED)


def _table(space: Workspace, name: str = "partnere.csv") -> Path:
    path = space.folder / name
    path.write_text(
        "Potentiel samarbejdspartner;Fælles interesse;Betydning;Udfordringer;"
        "Eksisterende relation;Evt. kontaktperson\r\n"
        "Røde Kors;Besøgsvenner;høj;Travle frivillige;Ingen;Anne Berg\r\n",
        encoding="utf-8-sig",
    )
    return path


def _binary_table(space: Workspace) -> Path:
    path = space.folder / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 40)
    return path


def _huge_cell_table(space: Workspace) -> Path:
    path = space.folder / "huge.csv"
    path.write_text(
        "Potentiel samarbejdspartner;Betydning\r\n" + "Røde Kors " * 2000 + ";høj\r\n",
        encoding="utf-8",
    )
    return path


def _escape_contact_table(space: Workspace) -> Path:
    path = space.folder / "escape.csv"
    path.write_text(
        "Potentiel samarbejdspartner;Evt. kontaktperson\r\nRøde Kors;\x1b\r\n", encoding="utf-8"
    )
    return path


TABLES: list[tuple[str, Callable[[Workspace], Path | str], frozenset[int], float]] = [
    ("missing-file", lambda space: space.folder / "missing.csv", REFUSED, 10.0),
    ("folder", lambda space: _folder(space).rename(space.folder / "folder.csv"), REFUSED, 10.0),
    ("raw-dev-null", lambda _space: "/dev/null", REFUSED, 10.0),  # no suffix: read as CSV
    ("raw-dev-zero", lambda _space: "/dev/zero", REFUSED, SLOW),
    ("fifo-no-writer", lambda space: _fifo(space).rename(space.folder / "pipe.csv"), REFUSED, 10.0),
    ("under-a-regular-file", lambda space: _table(space) / "x.csv", REFUSED, 10.0),
    ("name-over-255-bytes", lambda space: space.folder / ("n" * 300 + ".csv"), REFUSED, 10.0),
    ("symlink-loop", lambda space: _loop(space, "loop.csv"), REFUSED, 10.0),
    ("empty-file", lambda space: _empty(space).rename(space.folder / "empty.csv"), REFUSED, 10.0),
    ("binary-garbage", _binary_table, REFUSED, 10.0),
    ("cell-of-20000-characters", _huge_cell_table, EITHER, 10.0),
    ("escape-as-contact", _escape_contact_table, REFUSED, 10.0),
]


@pytest.mark.parametrize(
    ("make", "statuses", "timeout"),
    [pytest.param(make, statuses, timeout, id=name) for name, make, statuses, timeout in TABLES],
)
def test_import_table_from_a_hostile_table(
    workspace: Workspace,
    make: Callable[[Workspace], Path | str],
    statuses: frozenset[int],
    timeout: float,
) -> None:
    """A table that cannot be read is refused quickly; no project file is half written."""
    table = make(workspace)
    out = workspace.folder / "out.toml"
    outcome = run_unchanged(
        workspace,
        ["import-table", str(table), "-o", str(out), "--owner", "Aarhus Kommune"],
        statuses,
        writes=True,
        timeout=timeout,
        within=QUICK if statuses == EITHER else None,
    )
    if outcome.status != 0:
        assert not out.exists()


IMPORT_TARGETS: list[tuple[str, Callable[[Workspace], Path | str]]] = [
    ("existing-project", _existing),
    ("read-only-folder", lambda space: space.read_only_folder() / "new.toml"),
    ("under-a-regular-file", _under_a_file),
    ("name-over-255-bytes", _too_long),
    ("symlink-loop", _loop),
]


@pytest.mark.parametrize("make", [pytest.param(make, id=name) for name, make in IMPORT_TARGETS])
def test_import_table_to_a_hostile_path(
    workspace: Workspace, make: Callable[[Workspace], Path | str]
) -> None:
    """`import-table -o` where it must not or cannot write: refused, nothing changed."""
    table = _table(workspace)
    target = make(workspace)
    run_unchanged(
        workspace, ["import-table", str(table), "-o", str(target), "--owner", "Aarhus"], REFUSED
    )


def _regular_file(space: Workspace) -> Path:
    path = space.folder / "demo"
    path.write_text("not a folder\n", encoding="utf-8")
    return path


DEMO_TARGETS: list[tuple[str, Callable[[Workspace], Path | str]]] = [
    ("onto-a-regular-file", _regular_file),
    ("read-only-folder", lambda space: space.read_only_folder() / "demo"),
    ("name-over-255-bytes", lambda space: space.folder / ("n" * 300)),
]


@pytest.mark.parametrize("make", [pytest.param(make, id=name) for name, make in DEMO_TARGETS])
def test_demo_into_a_hostile_folder(
    workspace: Workspace, make: Callable[[Workspace], Path | str]
) -> None:
    """`civsam demo` where it cannot write: a message, exit 1 or 2, nothing changed."""
    target = make(workspace)
    run_unchanged(workspace, ["demo", str(target)], REFUSED)


def test_demo_into_a_fresh_folder(workspace: Workspace) -> None:
    """`civsam demo` into a new folder is fine: exit 0, every file, no temporary one."""
    outcome = run("demo", str(workspace.folder / "demo"), "--today", DAY, cwd=workspace.folder)
    expect(outcome, OK)
    assert (workspace.folder / "demo" / "example.toml").read_text(encoding="utf-8") == (
        example_text()
    )
    assert not temporaries(workspace.folder)
