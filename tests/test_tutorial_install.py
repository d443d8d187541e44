"""Each tutorial, followed from an empty folder by someone who installed civsam from a wheel.

tests/test_docs.py runs the pages' examples in-process, in the dev environment. This test
runs them as a user on a fresh machine would: the checkout is built into a wheel once
(``pip wheel``, the build `pip install` runs on a source folder, with no nox needed), and
for each page the page's own steps run in order, from an empty folder, as subprocesses:

- ``mkdir`` runs, ``cd`` changes the folder the next steps run in;
- ``python3 -m venv .venv`` runs with the interpreter that runs the tests; the activate
  line puts ``.venv/bin`` first on PATH, so `civsam`, `pip` and `python` are the
  environment's, and before it no `civsam` is on PATH at all;
- the wheel install runs as written, the built wheel copied into the folder under its
  own name (the page's version number may lag), pip fetching the dependencies;
- the install from the source folder and the nox build are the other way to the same
  wheel: they are checked to be on the page, not run (the fixture built the wheel);
- every other `$ civsam …` line runs with its ``# exits N`` status, or 0; every python
  box runs on its own, as its own script (`python step.py`, as the page says), so a
  box that leans on an earlier box's imports fails. The Windows box (``doscon``) is not
  run. Output is not compared: test_docs.py does that, and the CLI's wording may change.

It builds one wheel and two virtual environments, and needs PyPI (or a local mirror):
about a minute on an idle 2-core machine, 3½ minutes on a busy one; hence ``slow``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from test_docs import code_blocks

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"en": ROOT / "docs" / "tutorial.md", "da": ROOT / "docs" / "vejledning.md"}
# A console line is a command when it starts with a prompt, plain or with the environment.
_PROMPT = re.compile(r"^(?:\(\.venv\) )?\$ (?P<command>.*)$")
_EXITS = re.compile(r"#\s*exits\s+(?P<status>\d+)\s*$")
_WHEEL = re.compile(r"^civsam-[^/\\]+-py3-none-any\.whl(?P<extras>\[[\w,]+\])$")
# What the install section must show a fresh machine, whichever way the reader takes.
INSTALL_STEPS = frozenset(
    {"folder", "venv", "activate", "from source", "build", "from wheel", "version"}
)
WINDOWS_ACTIVATE = r"> .venv\Scripts\activate"
COMMAND_TIMEOUT = 120
PIP_TIMEOUT = 600


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checkout built into a wheel once, as ``nox -s build`` or a source install would."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        timeout=PIP_TIMEOUT,
    )
    (built,) = out.glob("civsam-*-py3-none-any.whl")
    return built


def _base_path() -> str:
    """PATH without any folder that has a `civsam`, so only the activated one can answer."""
    folders = os.environ.get("PATH", os.defpath).split(os.pathsep)
    return os.pathsep.join(
        folder for folder in folders if folder and not (Path(folder) / "civsam").exists()
    )


@dataclass
class Reader:
    """Someone following a page in a terminal: where they are, and what is on their PATH."""

    cwd: Path
    scripts: Path
    wheel: Path
    where: str = ""
    env: dict[str, str] = field(default_factory=dict)
    steps: set[str] = field(default_factory=set)
    commands: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "SOURCE_DATE_EPOCH"}
        self.env = {
            name: value
            for name, value in os.environ.items()
            if name not in drop and not name.startswith("CIVSAM_")
        }
        self.env["PATH"] = _base_path()

    def run(self, argv: list[str], want: int = 0, timeout: int = COMMAND_TIMEOUT) -> str:
        """Run one command where the reader is; it must exit ``want``. Returns its output."""
        program = shutil.which(argv[0], path=self.env["PATH"])
        assert program is not None, f"{self.where}: `{argv[0]}` is not on PATH at this step"
        done = subprocess.run(  # noqa: S603 - the page's own commands, in a temporary folder
            [program, *argv[1:]],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )
        assert done.returncode == want, (
            f"{self.where}: `{shlex.join(argv)}` exited {done.returncode}, expected {want}\n"
            f"--- stdout ---\n{done.stdout}--- stderr ---\n{done.stderr}"
        )
        return done.stdout

    def command(self, line: str) -> None:
        """Take one console command of the page: run it, or stand in for an install step."""
        expected = _EXITS.search(line)
        want = int(expected["status"]) if expected else 0
        argv = shlex.split(line, comments=True)
        if argv[:1] != ["civsam"]:
            self.install(argv, want)
            return
        output = self.run(argv, want)
        if argv == ["civsam", "--version"]:
            self.steps.add("version")
            assert output.startswith("civsam "), f"{self.where}: {output!r}"
        self.commands.append(argv)

    def install(self, argv: list[str], want: int) -> None:
        """Take one step of the install section, as written or in the form the docstring says."""
        match argv:
            case ["mkdir", _]:
                self.steps.add("folder")
                self.run(argv, want)
            case ["cd", folder]:
                self.cwd = self.cwd / folder
                assert self.cwd.is_dir(), f"{self.where}: `cd {folder}`: there is no such folder"
            case ["python3", "-m", "venv", ".venv"]:
                self.steps.add("venv")
                self.run([sys.executable, "-m", "venv", ".venv"], want)
            case [".", ".venv/bin/activate"]:
                self.steps.add("activate")
                self.env["VIRTUAL_ENV"] = str(self.cwd / ".venv")
                self.env["PATH"] = os.pathsep.join([str(self.cwd / ".venv" / "bin"), _base_path()])
            case ["python3", "-m", "pip", "install", "--upgrade", "nox"]:
                pass  # the build's tool: the fixture builds the same wheel without it
            case ["python3", "-m", "nox", "-s", "build"]:
                self.steps.add("build")
            case ["pip", "install", requirement] if built := _WHEEL.fullmatch(requirement):
                self.steps.add("from wheel")
                shutil.copy2(self.wheel, self.cwd / self.wheel.name)
                self.run(["pip", "install", self.wheel.name + built["extras"]], want, PIP_TIMEOUT)
            case ["pip", "install", requirement] if requirement.endswith("[xlsx]"):
                self.steps.add("from source")  # the other way to the wheel the fixture built
            case _:
                pytest.fail(f"{self.where}: `{shlex.join(argv)}`: a step this test does not know")

    def python(self, code: str, line: int) -> None:
        """Run one python box as its own script in the reader's folder, as the page says."""
        script = self.scripts / f"box-{line}.py"
        script.write_text("\n" * (line - 1) + code, encoding="utf-8")  # the page's numbers
        self.run(["python", str(script)])


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_tutorial_works_after_a_fresh_install(
    language: str, tmp_path: Path, wheel: Path
) -> None:
    """From an empty folder, the page installs civsam and every step after it runs."""
    page = PAGES[language]
    text = page.read_text(encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    scripts = tmp_path / "boxes"
    scripts.mkdir()
    reader = Reader(cwd=home, scripts=scripts, wheel=wheel)
    for block in code_blocks(text):
        if block.language == "python":
            reader.where = f"{page.name}:{block.line}"
            reader.python(block.code, block.line)
        elif block.language == "console":
            for offset, line in enumerate(block.code.splitlines()):
                command = _PROMPT.match(line)
                if command is not None:
                    reader.where = f"{page.name}:{block.line + offset}"
                    reader.command(command["command"])
    assert reader.steps == INSTALL_STEPS, f"{page.name} lacks {INSTALL_STEPS - reader.steps}"
    assert WINDOWS_ACTIVATE in text, f"{page.name} does not say how to activate on Windows"
    assert reader.commands[0] == ["civsam", "--version"], "the page uses civsam before installing"
    assert len(reader.commands) > 10
    where = reader.run(["python", "-c", "import civsam; print(civsam.__file__)"]).strip()
    assert Path(where).is_relative_to(reader.cwd / ".venv"), "civsam came from elsewhere"
