"""Development tasks for civsam: run `nox` for the checks CI runs, `nox -l` to list them.

Every session runs on the Python interpreter that runs nox, in a fresh virtualenv, and
installs exactly what `pyproject.toml` lists for it (its dependency groups), so the
versions live in one place. `nox -s bench` (the national-size benchmarks, minutes) is
not part of the default run; `bench_guard`, their small and quick regression guard, is.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

# `nox.project.dependency_groups` first appeared in 2024.10.09.
nox.needs_version = ">=2024.10.9"
nox.options.sessions = ["tests", "lint", "typecheck", "architecture", "docs", "bench_guard"]
# Sessions are not pinned to a Python version, so a machine with one Python runs them all.
nox.options.error_on_missing_interpreters = False
# A fresh virtualenv every run: what passes here passes on a clean machine.
nox.options.reuse_venv = "no"

ROOT = Path(__file__).resolve().parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
BENCHMARK = ROOT / "benchmarks" / "run.py"
# The steps the guard runs: every ratio step. Memory and end to end have absolute
# targets that only mean something at national size, so `nox -s bench` checks them.
GUARD_STEPS = "load,save,save-toml,prioritise,csv,markdown,calendar,introductions,startup"


def _groups(*names: str) -> tuple[str, ...]:
    """Return the requirements of the named dependency groups in pyproject.toml."""
    return nox.project.dependency_groups(PYPROJECT, *names)


def _example_packages() -> list[Path]:
    """Return the example plugin packages under docs/examples/: folders with a pyproject.toml."""
    if not EXAMPLES.is_dir():
        return []
    return sorted(path.parent for path in EXAMPLES.glob("*/pyproject.toml"))


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite under coverage, then the example plugin packages' own tests."""
    session.install(".[xlsx]", *_groups("tests"))
    # A profile chosen outside nox wins; otherwise CI runs hypothesis's thorough profile.
    session.env["HYPOTHESIS_PROFILE"] = os.environ.get(
        "HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"
    )
    session.run("coverage", "erase")
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "combine")
    session.run("coverage", "report")

    # Installed only now, so their entry points cannot leak into the suite above.
    for example in _example_packages():
        session.install(str(example))
        with session.chdir(example):
            session.run("python", "-m", "pytest")


@nox.session
def lint(session: nox.Session) -> None:
    """Lint and check the formatting with ruff."""
    session.install(*_groups("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """Type-check src, tests, benchmarks and this file with mypy --strict (see pyproject.toml)."""
    session.install(".[xlsx]", *_groups("typecheck"))
    session.run("mypy", *session.posargs)


@nox.session
def architecture(session: nox.Session) -> None:
    """Check the import-linter contracts: the core and its built-in exporters stay apart."""
    session.install(".", *_groups("architecture"))
    session.run("lint-imports")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML documentation, with every Sphinx warning an error."""
    session.install(".", *_groups("docs"))
    shutil.rmtree(DOCS / "_build", ignore_errors=True)
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html")


@nox.session
def bench(session: nox.Session) -> None:
    """Run the benchmarks, each step against its plain-Python baseline (not in the default run)."""
    if not BENCHMARK.is_file():
        session.error(f"{BENCHMARK.relative_to(ROOT)} does not exist yet: no benchmarks to run")
    session.install(".[xlsx]", *_groups("bench"))
    session.run("python", str(BENCHMARK.relative_to(ROOT)), *session.posargs)


@nox.session
def bench_guard(session: nox.Session) -> None:
    """Fail when a step got much slower than its baseline: ratios on a small project.

    5,000 organisations, so it takes a minute or two; CPU-time ratios, not times, with
    each target doubled (`--margin 2`), so a noisy CI machine does not fail it but a
    step that lost its design (a pass per partner where one pass does) does. Arguments
    after `--` replace these, e.g. `nox -s bench_guard -- --size 20000 --check`.
    """
    session.install(".", *_groups("bench"))
    args = session.posargs or [
        "--size", "5000", "--repeat", "7", "--check", "--margin", "2", "--steps", GUARD_STEPS,
    ]  # fmt: skip
    session.run("python", str(BENCHMARK.relative_to(ROOT)), *args)
