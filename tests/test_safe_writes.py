"""Safe writes: a lock around read → change → write, links, modes, owners, and no leftovers."""

from __future__ import annotations

import datetime as dt
import errno
import fnmatch
import json
import os
import pathlib
import stat
import subprocess
import sys
import textwrap
import threading
import time
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import civsam
from civsam import CivsamError, Touchpoint, ValidationError
from civsam.cli import main
from civsam.files import _lock
from civsam.files.io import LockTimeoutError, ProjectFile, locked, write_atomic

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date
PARTNER = "aeldresagen-aarhus"
FIRST = Touchpoint(PARTNER, D(2030, 1, 6), "call", "first")
SECOND = Touchpoint(PARTNER, D(2030, 1, 7), "meeting", "second")
ROOT = pathlib.Path(civsam.__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

posix_only = pytest.mark.skipif(os.name != "posix", reason="modes, links and locks are POSIX")


def listing(*folders: pathlib.Path) -> list[str]:
    """The names in ``folders``, sorted: a temporary file left behind shows up here."""
    return sorted(entry.name for folder in folders for entry in folder.iterdir())


def log(path: pathlib.Path, note: str = "logged", day: str = "2030-02-03") -> list[str]:
    """The argument list of a `civsam log` of a call with Ældre Sagen, answered in English."""
    return [
        "log",
        str(path),
        PARTNER,
        "--date",
        day,
        "--kind",
        "call",
        "--note",
        note,
        "--lang",
        "en",
    ]


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    """What the command said on standard error, without `civsam: `: one line, no traceback."""
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    return err.removeprefix("civsam: ").rstrip("\n")


# -- concurrent writers --------------------------------------------------------------------

# A race starter: it imports civsam once, forks one child per command (read as JSON from
# stdin), lets them all go at the same moment, and prints their exit statuses as JSON.
_RACE = """
import json, os, sys, traceback
from civsam.cli import main
commands = json.loads(sys.stdin.read())
start, go = os.pipe()
children = []
for argv in commands:
    pid = os.fork()
    if pid == 0:
        os.close(go)
        os.read(start, 1)
        os.dup2(2, 1)
        status = 99
        try:
            status = main(argv)
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    children.append(pid)
os.close(start)
os.close(go)
print(json.dumps([os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]))
"""


def race(commands: list[list[str]]) -> None:
    """Run the commands as processes started at the same moment; each must exit 0."""
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", textwrap.dedent(_RACE)],
        input=json.dumps(commands),
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
        check=True,
    )
    assert json.loads(done.stdout) == [0] * len(commands), done.stderr


def notes(path: pathlib.Path) -> list[str]:
    """The notes of the file's touchpoints, in file order."""
    return [touchpoint.note for touchpoint in civsam.load(path).touchpoints]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the race starter forks")
def test_twenty_log_processes_at_once_keep_all_twenty(example_path: pathlib.Path) -> None:
    """20 `civsam log` processes started together leave 20 touchpoints, round after round."""
    before = notes(example_path)
    added: list[str] = []
    for round_ in range(3):
        batch = [f"round {round_} writer {n}" for n in range(20)]
        race([log(example_path, note) for note in batch])
        added += batch
        after = notes(example_path)
        assert after[: len(before)] == before
        assert sorted(after[len(before) :]) == sorted(added)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the race starter forks")
@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_log_and_review_at_once_keep_both(tmp_path: pathlib.Path, suffix: str) -> None:
    """10 `log` and 10 `review` processes racing on one file: all 20 entries are in it."""
    path = tmp_path / f"plan{suffix}"
    civsam.save(civsam.example(), path)
    before = civsam.load(path)
    for round_ in range(2):
        logs = [log(path, f"round {round_} log {n}") for n in range(10)]
        reviews = [
            [*("review", str(path), "roede-kors-aarhus", "talk_often=green", "--date"), day]
            for day in (f"203{round_}-03-{n + 1:02d}" for n in range(10))
        ]
        race([command for pair in zip(logs, reviews, strict=True) for command in pair])
    after = civsam.load(path)
    assert len(after.touchpoints) == len(before.touchpoints) + 20
    assert len(after.reviews) == len(before.reviews) + 20


@posix_only
def test_twenty_civsam_commands_at_once(example_path: pathlib.Path) -> None:
    """20 `python -m civsam log` processes, each started as a user would: all 20 are kept."""
    before = notes(example_path)
    processes = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and package
            [sys.executable, "-m", "civsam", *log(example_path, f"process {n}")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=ENV,
        )
        for n in range(20)
    ]
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert [process.returncode for process in processes] == [0] * 20, errors
    assert sorted(notes(example_path)) == sorted([*before, *(f"process {n}" for n in range(20))])


def test_a_project_file_read_earlier_records_onto_the_file_as_it_now_is(
    example_path: pathlib.Path,
) -> None:
    """ProjectFile.record re-reads the file: an entry another writer added since is kept."""
    file = ProjectFile.read(example_path)
    civsam.record(example_path, FIRST)
    returned = file.record(SECOND)
    assert civsam.load(example_path).touchpoints[-2:] == (FIRST, SECOND)
    assert returned == civsam.load(example_path)


def test_entries_are_checked_against_the_file_as_it_now_is(example_path: pathlib.Path) -> None:
    """A partner removed since the file was read: the entry is refused, the file unchanged."""
    file = ProjectFile.read(example_path)
    civsam.save(civsam.Project(file.project.name, file.project.owner), example_path)
    saved = example_path.read_bytes()
    with pytest.raises(ValidationError) as info:
        file.record(FIRST)
    assert "unknown organisation; found 'aeldresagen-aarhus'" in str(info.value)
    assert example_path.read_bytes() == saved


class Waiting:
    """Notices when a writer starts waiting for the lock (its first pause), for a test to act."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started = threading.Event()
        pause = time.sleep

        def sleep(seconds: float) -> None:
            self.started.set()
            pause(seconds)

        monkeypatch.setattr(time, "sleep", sleep)


def in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    """Start ``work`` in a thread; the list gets what it raised, if anything."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # noqa: BLE001 - handed to the test to look at
            raised.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, raised


@posix_only
def test_a_save_waits_while_another_writer_holds_the_lock(
    example_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """civsam.save does not write while the file is locked; it does once the lock is let go."""
    waiting = Waiting(monkeypatch)
    small = civsam.Project("Plan", civsam.Organisation("aarhus", "Aarhus Kommune"))
    before = example_path.read_bytes()
    with locked(example_path):
        thread, raised = in_thread(lambda: civsam.save(small, example_path))
        assert waiting.started.wait(10)
        time.sleep(0.05)
        assert thread.is_alive()
        assert example_path.read_bytes() == before
    thread.join(10)
    assert raised == []
    assert civsam.load(example_path) == small


@posix_only
def test_a_waiting_writer_follows_the_file_that_replaced_the_locked_one(
    example_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Locked, then renamed over: the waiting record locks and appends to the new file."""
    waiting = Waiting(monkeypatch)
    with locked(example_path) as held:
        thread, raised = in_thread(lambda: civsam.record(example_path, SECOND))
        assert waiting.started.wait(10)  # it has opened the file that is about to go
        project = civsam.loads(held.read())
        project.record(FIRST)
        held.replace(civsam.dumps(project).encode("utf-8"))
    thread.join(10)
    assert raised == []
    assert civsam.load(example_path).touchpoints[-2:] == (FIRST, SECOND)


@posix_only
def test_a_lock_held_too_long_is_a_clear_error(
    example_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the timeout, save, record and `civsam log` give up with one line; nothing changes."""
    monkeypatch.setattr(_lock, "TIMEOUT", 0.2)
    before = example_path.read_bytes()
    expected = (
        f"{example_path}: another civsam process is writing this file (waited 0.2 seconds "
        "for it); try again"
    )
    with locked(example_path):
        with pytest.raises(LockTimeoutError) as saving:
            civsam.save(civsam.example(), example_path)
        with pytest.raises(CivsamError) as recording:
            civsam.record(example_path, FIRST)
        assert main(log(example_path)) == 1
    assert str(saving.value) == str(recording.value) == expected
    assert one_line(capsys) == expected
    assert example_path.read_bytes() == before
    assert listing(example_path.parent) == ["example.toml"]


@posix_only
def test_a_file_system_without_locks_is_a_clear_error(
    example_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No locks to be had (NFS without a lock daemon): refused, not written unlocked."""

    def no_locks(*_args: object) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr("fcntl.flock", no_locks)
    before = example_path.read_bytes()
    with pytest.raises(CivsamError) as info:
        civsam.record(example_path, FIRST)
    assert str(info.value) == (
        f"{example_path}: cannot lock the file (No locks available); civsam changes a file "
        "only under a lock, and this file system gives none"
    )
    assert example_path.read_bytes() == before


def test_a_locked_file_is_replaced_once(example_path: pathlib.Path) -> None:
    """After replace() the lock was on the old file: reading or replacing again is refused."""
    with locked(example_path) as held:
        data = held.read()
        held.replace(data + b"# one\n")
        with pytest.raises(CivsamError, match="already replaced under this lock"):
            held.replace(data + b"# two\n")
        with pytest.raises(CivsamError, match="already replaced under this lock"):
            held.read()
    assert example_path.read_bytes() == data + b"# one\n"


def test_locked_on_a_missing_file(tmp_path: pathlib.Path) -> None:
    """A missing file is an error unless missing_ok; then it reads as empty and is created."""
    path = tmp_path / "new.toml"
    with pytest.raises(CivsamError) as info, locked(path):
        pass  # pragma: no cover - never reached
    assert str(info.value) == f"{path}: cannot read the file: No such file or directory"
    with locked(path, missing_ok=True) as file:
        assert not file.exists
        assert file.read() == b""
        file.replace(b"made\n")
    assert path.read_bytes() == b"made\n"


# -- symbolic and hard links ---------------------------------------------------------------


@posix_only
def test_log_through_a_symlink_changes_the_shared_file(example_path: pathlib.Path) -> None:
    """`civsam log` on a symlink writes the file it points to; the link stays a link."""
    mine = example_path.parent / "mine"
    mine.mkdir()
    link = mine / "plan.toml"
    link.symlink_to(example_path)
    assert main(log(link, "through the link")) == 0
    assert link.is_symlink()
    assert link.readlink() == example_path
    assert notes(example_path)[-1] == "through the link"
    assert listing(example_path.parent, mine) == ["example.toml", "mine", "plan.toml"]


@posix_only
def test_save_through_a_chain_of_relative_symlinks(tmp_path: pathlib.Path) -> None:
    """A relative link to a relative link: save replaces the real file, both links stay."""
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "plan.json"
    civsam.save(civsam.example(), real)
    (tmp_path / "middle.json").symlink_to("shared/plan.json")
    (tmp_path / "plan.json").symlink_to("middle.json")
    small = civsam.Project("Plan", civsam.Organisation("aarhus", "Aarhus Kommune"))
    civsam.save(small, tmp_path / "plan.json")
    assert civsam.load(real) == small
    assert (tmp_path / "plan.json").readlink() == pathlib.Path("middle.json")
    assert (tmp_path / "middle.json").readlink() == pathlib.Path("shared/plan.json")
    assert listing(tmp_path, shared) == ["middle.json", "plan.json", "plan.json", "shared"]


@posix_only
def test_save_through_a_dangling_symlink_creates_its_target(tmp_path: pathlib.Path) -> None:
    """A link to a file not there yet: the file is made where the link points."""
    link = tmp_path / "plan.toml"
    link.symlink_to("real.toml")
    civsam.save(civsam.example(), link)
    assert link.is_symlink()
    assert civsam.load(tmp_path / "real.toml") == civsam.example()


def hard_linked(example_path: pathlib.Path) -> tuple[pathlib.Path, bytes]:
    """A second name for the example file; returns it and the file's bytes."""
    other = example_path.parent / "copy.toml"
    os.link(example_path, other)
    return other, example_path.read_bytes()


@posix_only
def test_a_hard_linked_project_file_is_refused(
    example_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """save, record and `civsam log` refuse a file with two names; neither name changes."""
    other, before = hard_linked(example_path)
    expected = (
        f"{example_path}: the file has 2 names (hard links); saving replaces it, which would "
        "leave the other names with the old content; keep one name, or use a symbolic link "
        "(civsam writes through those)"
    )
    with pytest.raises(CivsamError) as saving:
        civsam.save(civsam.example(), example_path)
    with pytest.raises(CivsamError) as recording:
        civsam.record(example_path, FIRST)
    assert str(saving.value) == str(recording.value) == expected
    assert main(log(example_path)) == 1
    assert one_line(capsys) == expected
    assert example_path.read_bytes() == other.read_bytes() == before
    assert example_path.stat().st_nlink == 2
    assert listing(example_path.parent) == ["copy.toml", "example.toml"]


@posix_only
def test_write_atomic_replaces_a_hard_linked_file_unless_asked_not_to(
    tmp_path: pathlib.Path,
) -> None:
    """By default the other name keeps the old bytes (an old export, a backup); refuse: nothing."""
    path = tmp_path / "out.csv"
    path.write_bytes(b"old\n")
    os.link(path, tmp_path / "backup.csv")
    with pytest.raises(CivsamError, match="has 2 names"):
        write_atomic(path, b"new\n", hard_links="refuse")
    assert path.read_bytes() == b"old\n"
    write_atomic(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert (tmp_path / "backup.csv").read_bytes() == b"old\n"
    assert listing(tmp_path) == ["backup.csv", "out.csv"]


# -- read-only files, modes and owners -----------------------------------------------------


@posix_only
@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_a_read_only_file_is_refused(
    example_path: pathlib.Path, capsys: pytest.CaptureFixture[str], mode: int
) -> None:
    """No write bit: save, record, write_atomic and `civsam log` refuse it, even as root."""
    before = example_path.read_bytes()
    example_path.chmod(mode)
    expected = (
        f"{example_path}: the file is read-only (mode {mode:04o}); make it writable "
        "(chmod u+w) to let civsam change it"
    )
    attempts: list[Callable[[], object]] = [
        lambda: civsam.save(civsam.example(), example_path),
        lambda: civsam.record(example_path, FIRST),
        lambda: ProjectFile.read(example_path).record(FIRST),
        lambda: write_atomic(example_path, b"x"),
    ]
    for attempt in attempts:
        with pytest.raises(CivsamError) as info:
            attempt()
        assert str(info.value) == expected
    assert main(log(example_path)) == 1
    assert one_line(capsys) == expected
    assert example_path.read_bytes() == before
    assert stat.S_IMODE(example_path.stat().st_mode) == mode
    assert listing(example_path.parent) == ["example.toml"]


@posix_only
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o604, 0o660])
def test_record_keeps_the_files_mode(example_path: pathlib.Path, mode: int) -> None:
    """A private, group-readable or group-writable file keeps its mode after a record."""
    example_path.chmod(mode)
    civsam.record(example_path, FIRST)
    assert stat.S_IMODE(example_path.stat().st_mode) == mode
    assert civsam.load(example_path).touchpoints[-1] == FIRST


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_saving_keeps_the_files_owner(example_path: pathlib.Path) -> None:
    """A file owned by another user and group stays theirs after a save and a record."""
    os.chown(example_path, 4242, 4343)
    civsam.record(example_path, FIRST)
    civsam.save(civsam.example(), example_path)
    status = example_path.stat()
    assert (status.st_uid, status.st_gid) == (4242, 4343)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_a_user_who_may_not_give_the_file_away_keeps_its_group(
    example_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user may not give a file away, but keeps its group: a group-shared file stays shared."""
    os.chown(example_path, 4242, 4343)
    example_path.chmod(0o660)
    real_fchown = os.fchown

    def fchown(descriptor: int, uid: int, gid: int) -> None:
        if uid != -1:
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))
        real_fchown(descriptor, uid, gid)

    monkeypatch.setattr(os, "fchown", fchown)
    civsam.record(example_path, FIRST)
    monkeypatch.undo()
    status = example_path.stat()
    assert (status.st_uid, status.st_gid) == (os.geteuid(), 4343)
    assert stat.S_IMODE(status.st_mode) == 0o660


@posix_only
def test_an_owner_the_process_may_not_set_is_left_alone(
    example_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not allowed to give the file its owner back (not root): the save still happens."""

    def refuse(*_args: object) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "fchown", refuse)
    monkeypatch.setattr(os, "chown", refuse)
    civsam.record(example_path, FIRST)
    assert civsam.load(example_path).touchpoints[-1] == FIRST


@posix_only
@pytest.mark.parametrize(("final", "while_written"), [(0o600, 0o600), (0o644, 0o600)])
def test_the_temporary_file_is_private_while_written(
    example_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, final: int, while_written: int
) -> None:
    """The new bytes (personal data) are written to a file only its owner can read."""
    example_path.chmod(final)
    seen: list[int] = []
    real_write = os.write

    def write(descriptor: int, data: Any) -> int:
        seen.append(stat.S_IMODE(os.fstat(descriptor).st_mode))
        return real_write(descriptor, data)

    monkeypatch.setattr(os, "write", write)
    civsam.save(civsam.example(), example_path)
    monkeypatch.undo()
    assert seen
    assert set(seen) == {while_written}
    assert stat.S_IMODE(example_path.stat().st_mode) == final


@posix_only
def test_the_umask_is_never_changed(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new file gets 0o666 less the umask, found without setting it (process-wide, racy)."""
    old = os.umask(0o077)
    try:

        def forbidden(_mask: int) -> int:
            raise AssertionError("os.umask was called")

        monkeypatch.setattr(os, "umask", forbidden)
        civsam.save(civsam.example(), tmp_path / "new.toml")
        write_atomic(tmp_path / "new.csv", b"a,b\n")
    finally:
        monkeypatch.undo()
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.toml").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o600


@posix_only
def test_any_bytes_over_any_writable_file(tmp_path_factory: pytest.TempPathFactory) -> None:
    """For any bytes and any writable mode: the file holds the bytes, keeps its mode, alone."""
    folder = tmp_path_factory.mktemp("any")
    path = folder / "out.bin"

    @settings(deadline=None)  # fsync takes what the disk takes
    @given(
        old=st.binary(max_size=2000),
        new=st.binary(max_size=2000),
        mode=st.integers(0, 0o777).map(lambda mode: mode | 0o600),
    )
    def write(old: bytes, new: bytes, mode: int) -> None:
        path.write_bytes(old)
        path.chmod(mode)
        write_atomic(path, new)
        assert path.read_bytes() == new
        assert stat.S_IMODE(path.stat().st_mode) == mode
        assert listing(folder) == ["out.bin"]
        path.chmod(0o600)

    write()


# -- temporary files -----------------------------------------------------------------------


def test_the_temporary_file_is_named_as_the_docs_say(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file is `.NAME.*.tmp` beside the real file: what to delete after kill -9."""
    real = tmp_path / "shared" / "plan.toml"
    real.parent.mkdir()
    civsam.save(civsam.example(), real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    renamed: list[tuple[str, str]] = []
    real_replace = os.replace

    def replace(source: Any, target: Any) -> None:
        renamed.append((os.fspath(source), os.fspath(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    civsam.record(link, FIRST)
    civsam.save(civsam.example(), link)
    monkeypatch.undo()
    assert len(renamed) == 2
    for source, target in renamed:
        assert pathlib.Path(target) == real
        assert pathlib.Path(source).parent == real.parent
        assert fnmatch.fnmatch(pathlib.Path(source).name, ".plan.toml.*.tmp")


def interrupt(*_args: object, **_kwargs: object) -> Any:
    """Stand in for a system call, and be interrupted (Ctrl-C) there."""
    raise KeyboardInterrupt


@pytest.mark.parametrize("where", ["write", "fsync", "fchmod", "replace"])
@pytest.mark.parametrize("how", ["save", "record", "write_atomic"])
def test_an_interrupted_write_leaves_no_temporary_file(
    example_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, where: str, how: str
) -> None:
    """Ctrl-C at any step of a write: KeyboardInterrupt, the file as it was, nothing left."""
    if not hasattr(os, where):
        pytest.skip(f"no os.{where} here")
    before = example_path.read_bytes()
    writes: dict[str, Callable[[], object]] = {
        "save": lambda: civsam.save(civsam.example(), example_path),
        "record": lambda: civsam.record(example_path, FIRST),
        "write_atomic": lambda: write_atomic(example_path, b"x"),
    }
    monkeypatch.setattr(os, where, interrupt)
    with pytest.raises(KeyboardInterrupt):
        writes[how]()
    monkeypatch.undo()
    assert example_path.read_bytes() == before
    assert listing(example_path.parent) == ["example.toml"]


# -- paths that cannot be written ----------------------------------------------------------


def _missing_folder(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path / "missing" / "plan.toml"


def _under_a_file(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / "file.toml").write_text("", encoding="utf-8")
    return tmp_path / "file.toml" / "plan.toml"


def _too_long(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path / ("x" * 300 + ".toml")


def _loop(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / "a.toml").symlink_to("b.toml")
    (tmp_path / "b.toml").symlink_to("a.toml")
    return tmp_path / "a.toml"


@posix_only
@pytest.mark.parametrize(
    ("make", "code"),
    [
        (_missing_folder, errno.ENOENT),
        (_under_a_file, errno.ENOTDIR),
        (_too_long, errno.ENAMETOOLONG),
        (_loop, errno.ELOOP),
    ],
    ids=["missing-folder", "under-a-file", "name-too-long", "symlink-loop"],
)
def test_a_path_that_cannot_be_written_is_one_clear_line(
    tmp_path: pathlib.Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[pathlib.Path], pathlib.Path],
    code: int,
) -> None:
    """save, write_atomic and `civsam init` name the path and what is wrong; nothing is made."""
    path = make(tmp_path)
    before = listing(tmp_path)
    expected = f"{path}: cannot write here: {os.strerror(code)}"
    with pytest.raises(CivsamError) as saving:
        civsam.save(civsam.example(), path)
    with pytest.raises(CivsamError) as writing:
        write_atomic(path, b"x")
    assert str(saving.value) == str(writing.value) == expected
    assert main(["init", str(path)]) == 1
    said = one_line(capsys)
    assert said.startswith(f"{path}: ")
    assert said.endswith(os.strerror(code))
    assert listing(tmp_path) == before


@posix_only
@pytest.mark.parametrize(
    ("make", "code"),
    [(_under_a_file, errno.ENOTDIR), (_too_long, errno.ENAMETOOLONG), (_loop, errno.ELOOP)],
    ids=["under-a-file", "name-too-long", "symlink-loop"],
)
def test_a_path_that_cannot_be_read_for_a_record_is_one_clear_line(
    tmp_path: pathlib.Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[pathlib.Path], pathlib.Path],
    code: int,
) -> None:
    """civsam.record and `civsam log` on such a path name it and what is wrong."""
    path = make(tmp_path)
    expected = f"{path}: cannot read the file: {os.strerror(code)}"
    with pytest.raises(CivsamError) as info:
        civsam.record(path, FIRST)
    assert str(info.value) == expected
    assert main(log(path)) == 1
    assert one_line(capsys) == expected


def _denied_when(test: Callable[[int], bool]) -> Callable[..., int]:
    """os.open, refusing with EACCES the calls whose flags pass ``test``."""
    real_open = os.open

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if test(flags):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    return open_


@posix_only
def test_a_folder_the_user_may_not_write_in(
    example_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No permission to make a file in the folder: a clear error, the file unchanged."""
    before = example_path.read_bytes()
    monkeypatch.setattr(os, "open", _denied_when(lambda flags: bool(flags & os.O_CREAT)))
    with pytest.raises(CivsamError) as info:
        civsam.save(civsam.example(), example_path)
    monkeypatch.undo()
    assert str(info.value) == f"{example_path}: cannot write here: Permission denied"
    assert example_path.read_bytes() == before
    assert listing(example_path.parent) == ["example.toml"]


@posix_only
def test_a_file_the_user_may_not_write(
    example_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A writable-looking file the user may not open for writing: refused before any change."""
    before = example_path.read_bytes()
    writing = os.O_WRONLY | os.O_RDWR
    monkeypatch.setattr(
        os, "open", _denied_when(lambda flags: bool(flags & writing) and not flags & os.O_CREAT)
    )
    assert main(log(example_path)) == 1
    monkeypatch.undo()
    assert one_line(capsys) == f"{example_path}: cannot write the file: Permission denied"
    assert example_path.read_bytes() == before
    assert listing(example_path.parent) == ["example.toml"]


@posix_only
@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_a_target_that_is_not_a_regular_file_is_refused(tmp_path: pathlib.Path, kind: str) -> None:
    """A folder or a named pipe is never opened for reading nor renamed over: refused at once."""
    path = tmp_path / "plan.toml"
    if kind == "folder":
        path.mkdir()
        shown = "a folder"
    else:
        os.mkfifo(path)
        shown = "a named pipe"
    expected = f"{path}: not a regular file ({shown}); civsam writes only regular files"
    with pytest.raises(CivsamError) as info:
        civsam.save(civsam.example(), path)
    assert str(info.value) == expected
    with pytest.raises(CivsamError) as info:
        write_atomic(path, b"x")
    assert str(info.value) == expected
    assert path.is_dir() if kind == "folder" else stat.S_ISFIFO(path.stat().st_mode)
    assert listing(tmp_path) == ["plan.toml"]
