"""Running ``civsam`` in a fresh, bounded process against hostile input and paths.

Each run has a wall-clock timeout (a hang fails the test, it never stalls the suite) and
a memory ceiling (input that makes civsam read without end fails the test, not the
machine). Helpers here also photograph a folder, to prove a refused command changed
nothing, and find the control characters that must never reach a terminal.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 10.0
"""Seconds a run may take before it counts as hung; a fixed civsam needs well under one."""
MEMORY = 1 << 30
"""Address space a run may use: civsam needs under 100 MB, a read without end far more."""
MAX_MESSAGE = 2000
"""Characters of standard error a refusal may print: a message, not a dump of the input."""
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What must not reach a terminal: C0 and C1 controls and DEL, except tab and newline."""
TEMPORARY = re.compile(r"^\..*\.tmp$")
"""The names civsam's atomic writes give their temporary files."""


@dataclass(frozen=True)
class Outcome:
    """What one run of ``civsam`` did."""

    argv: tuple[str, ...]
    status: int | None
    """The exit status; None when the run was killed for taking too long."""
    stdout: bytes
    stderr: str
    seconds: float
    timeout: float

    @property
    def command(self) -> str:
        """The command line, shortened for a readable assertion message."""
        text = " ".join(["civsam", *self.argv])
        return text if len(text) <= 200 else f"{text[:200]}…"

    def describe(self) -> str:
        """Status, time and the start of standard error: what a failing assertion shows."""
        lines = self.stderr.splitlines()
        if "Traceback" in self.stderr:  # where it started and what was raised
            lines = [*lines[:1], "…", *lines[-3:]]
        head = "\n    ".join(line[:300] for line in lines[:6])
        status = "hung" if self.status is None else f"exit {self.status}"
        return f"{self.command}: {status} after {self.seconds:.1f} s; stderr:\n    {head}"


def run(
    *argv: str,
    cwd: Path,
    timeout: float = TIMEOUT,
    env: Mapping[str, str] | None = None,
) -> Outcome:
    """Run ``python -m civsam ARGV`` as a user would, bounded in time and memory."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CIVSAM_") and key not in {"SOURCE_DATE_EPOCH", "PYTHONUTF8"}
    }
    environment |= {"PYTHONPATH": str(REPO / "src"), "LC_ALL": "C.UTF-8", **(env or {})}
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "civsam", *argv],
        cwd=cwd,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a hung run is killed with everything it started
    )
    # Set from outside: preexec_fn is unsafe while a test's thread reads a pipe.
    resource.prlimit(process.pid, resource.RLIMIT_AS, (MEMORY, MEMORY))
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        status: int | None = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        status = None
    seconds = time.monotonic() - started
    return Outcome(
        argv, status, stdout, stderr.decode("utf-8", "backslashreplace"), seconds, timeout
    )


def expect(
    outcome: Outcome,
    statuses: Collection[int],
    *,
    terminal: bool = True,
    within: float | None = None,
) -> None:
    """Assert that civsam ended in time, as allowed, with a short message and no traceback.

    A refusal (exit 1 or 2) prints one message starting ``civsam:`` (or argparse's
    usage for exit 2: ``usage:``, ``brug:`` in Danish). ``terminal`` says standard output
    is text for a terminal (not an export's bytes), so it must hold no control characters
    either.
    """
    assert outcome.status is not None, (
        f"hang: {outcome.command} did not finish within {outcome.timeout:.0f} s and was killed"
    )
    assert "Traceback" not in outcome.stderr, f"traceback: {outcome.describe()}"
    assert outcome.status in statuses, (
        f"expected exit {' or '.join(map(str, sorted(statuses)))}: {outcome.describe()}"
    )
    if within is not None:
        assert outcome.seconds < within, f"slow: over {within:.0f} s: {outcome.describe()}"
    if outcome.status != 0:
        first = outcome.stderr.partition("\n")[0]
        assert first.startswith("civsam:") or (
            outcome.status == 2 and first.startswith(("usage:", "brug:"))
        ), f"no civsam: message: {outcome.describe()}"
        assert len(outcome.stderr) <= MAX_MESSAGE, (
            f"message of {len(outcome.stderr):,} characters, not a short one: {outcome.describe()}"
        )
    assert not controls(outcome.stderr), (
        f"control characters {controls(outcome.stderr)} on stderr: {outcome.describe()}"
    )
    if terminal:
        text = outcome.stdout.decode("utf-8", "backslashreplace")
        assert not controls(text), f"control characters {controls(text)} on stdout of " + (
            outcome.describe()
        )


def controls(text: str) -> list[str]:
    """The distinct control characters in ``text`` that a terminal would act on."""
    return sorted({f"U+{ord(char):04X}" for char in CONTROL.findall(text)})


Entry = tuple[str, int, int, bytes | str | None]
"""One file system entry: kind, mode, owner, and its bytes or a link's target."""


def photograph(folder: Path) -> dict[str, Entry]:
    """Every entry under ``folder``, with the bytes of every regular file.

    Pipes and devices are looked at, never opened: a photograph must not block or read
    without end.
    """
    found: dict[str, Entry] = {}
    for root, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            path = Path(root, name)
            info = path.lstat()
            content: bytes | str | None = None
            if stat.S_ISREG(info.st_mode):
                try:
                    content = path.read_bytes()
                except PermissionError:  # chmod 000, when not run as root
                    content = None
            elif stat.S_ISLNK(info.st_mode):
                content = str(path.readlink())
            kind = stat.S_IFMT(info.st_mode)
            found[str(path.relative_to(folder))] = (
                str(kind),
                stat.S_IMODE(info.st_mode),
                info.st_uid,
                content,
            )
    return found


def changes(before: Mapping[str, Entry], after: Mapping[str, Entry]) -> list[str]:
    """What differs between two photographs, named for an assertion message."""
    lines = [f"new: {name}" for name in sorted(after.keys() - before.keys())]
    lines += [f"gone: {name}" for name in sorted(before.keys() - after.keys())]
    lines += [
        f"changed: {name}"
        for name in sorted(before.keys() & after.keys())
        if before[name] != after[name]
    ]
    return lines


def temporaries(folder: Path) -> list[str]:
    """Temporary files left behind anywhere under ``folder``."""
    return sorted(
        str(Path(root, name).relative_to(folder))
        for root, _, files in os.walk(folder)
        for name in files
        if TEMPORARY.match(name)
    )
