"""Development tasks for civsam: run `nox` for the checks CI runs, `nox -l` to list them.

Every session runs in a fresh virtualenv and installs exactly what `pyproject.toml` lists
for it (its dependency groups), so the versions live in one place. The sessions that run
civsam's code run on every supported Python the machine has (`tests-3.11`, `tests-3.12`,
...; `nox -s tests` runs them all); a Python the machine lacks is skipped, not an error.

Not in the default run: `nox -s slow` (the hostile-path, fuzzing and browser tests, with
hypothesis's thorough profile), `nox -s bench` (the national-size benchmarks, minutes)
and `nox -s build` (the wheel and sdist). `bench_guard`, the benchmarks' small and quick
regression guard, is in it. docs/development.md says how long each session takes.
"""

# Nox reads this block (PEP 723): where the Python running nox lacks uv, nox first makes
# itself a small environment with nox and uv in .nox/ and runs from there, so README's
# `python3 -m nox` makes every session's virtualenv with uv: seconds, not minutes, of pip.
# /// script
# dependencies = ["nox>=2025.10.14", "uv>=0.5"]
# ///

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

# `nox.options.download_python` first appeared in 2025.10.14.
nox.needs_version = ">=2025.10.14"
# uv checks certificates against the system's store, as pip here is told to: a network
# that inspects TLS (a company proxy) adds its certificate there, not to uv's own list.
os.environ.setdefault("UV_NATIVE_TLS", "1")
# ... and compiles the bytecode when it installs, as pip does: where PYTHONDONTWRITEBYTECODE
# is set, each of the hundreds of `python -m civsam` a test starts would compile it again.
os.environ.setdefault("UV_COMPILE_BYTECODE", "1")
nox.options.sessions = ["tests", "lint", "typecheck", "architecture", "docs", "bench_guard"]
# A Python the machine lacks is skipped, not an error: a machine with one Python runs them all.
nox.options.error_on_missing_interpreters = False
# ... and not downloaded behind the developer's back; `--download-python auto` opts in.
nox.options.download_python = "never"
# uv (see the block at the top) makes the virtualenvs; virtualenv and pip where it cannot.
nox.options.default_venv_backend = "uv|virtualenv"
# A fresh virtualenv every run: what passes here passes on a clean machine.
nox.options.reuse_venv = "no"

PYTHONS = ["3.11", "3.12", "3.13"]
"""The supported Pythons: pyproject.toml's classifiers (tests/test_suite_setup.py checks)."""
ROOT = Path(__file__).resolve().parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
DOCS = ROOT / "docs"
DIST = ROOT / "dist"
EXAMPLES = DOCS / "examples"
BENCHMARK = ROOT / "benchmarks" / "run.py"
# The steps the guard runs: every ratio step. Memory and end to end have absolute
# targets that only mean something at national size, so `nox -s bench` checks them.
GUARD_STEPS = (
    "load,save,save-toml,prioritise,placements,csv,markdown,calendar,introductions,startup"
)
# One pytest process per core (every test works in its own tmp_path); one that runs out of
# tests takes some of another's, so a long property near the end does not leave a core idle.
PARALLEL = ("-n", "auto", "--dist", "worksteal")


def _groups(*names: str) -> tuple[str, ...]:
    """Return the requirements of the named dependency groups in pyproject.toml."""
    return nox.project.dependency_groups(PYPROJECT, *names)


def _example_packages() -> list[Path]:
    """Return the example plugin packages under docs/examples/: folders with a pyproject.toml."""
    if not EXAMPLES.is_dir():
        return []
    return sorted(path.parent for path in EXAMPLES.glob("*/pyproject.toml"))


def _profile(default: str) -> str:
    """The hypothesis profile: one set outside nox wins, then CI's thorough one, then ``default``.

    tests/conftest.py makes the same choice; naming it here puts it in nox's log.
    """
    return os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else default)


def _coverage() -> bool:
    """Whether `tests` measures coverage: in CI (`CI` set), or asked for (`CIVSAM_COVERAGE`).

    Measuring it nearly doubles the suite's time on Python 3.11 (its tracer sees every
    line), which would take README's command past ten minutes on two cores; CI holds
    the floor on every change, and a developer asks for it when it matters.
    """
    return bool(os.environ.get("CIVSAM_COVERAGE") or os.environ.get("CI"))


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite but its slow part (under coverage in CI); then the example plugins'.

    Arguments after `--` go to pytest, after the defaults, so `-n 0` runs in one process.
    """
    session.install(".[xlsx]", *_groups("tests"))
    session.env["HYPOTHESIS_PROFILE"] = _profile("dev")
    if _coverage():
        session.run("coverage", "erase")
        # pytest-cov, not `coverage run`: it measures pytest-xdist's worker processes too
        # and combines their data; `coverage report` then holds the floor in pyproject.toml.
        session.run(
            "pytest", *PARALLEL, "--cov", "--cov-report=", "-m", "not slow", *session.posargs
        )
        session.run("coverage", "report")
    else:
        session.run("pytest", *PARALLEL, "-m", "not slow", *session.posargs)
        session.log("coverage is measured in CI; CIVSAM_COVERAGE=1 measures it here too")

    # Installed only now, so their entry points cannot leak into the suite above.
    for example in _example_packages():
        session.install(str(example))
        with session.chdir(example):
            session.run("python", "-m", "pytest")


@nox.session(python=PYTHONS)
def slow(session: nox.Session) -> None:
    """Run the slow tests (hostile paths, fuzzing, the browser) with the thorough profile.

    Not in the default run; CI runs it after it. The HTML browser tests need Debian's
    `chromium` (`apt-get install chromium`) and are skipped, with the reason, without it.
    """
    session.install(".[xlsx]", *_groups("tests"))
    session.env["HYPOTHESIS_PROFILE"] = _profile("ci")
    session.run("pytest", *PARALLEL, "-m", "slow", *session.posargs)


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
def build(session: nox.Session) -> None:
    """Build the wheel and the sdist into dist/, for `pip install dist/civsam-*.whl`.

    Not in the default run. The old civsam files in dist/ go first, so the glob finds one.
    """
    session.install(*_groups("build"))
    for old in DIST.glob("civsam-*"):
        old.unlink()
    session.run("python", "-m", "build", "--outdir", str(DIST), str(ROOT))


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
        "--size", "5000", "--repeat", "5", "--check", "--margin", "2", "--steps", GUARD_STEPS,
    ]  # fmt: skip
    session.run("python", str(BENCHMARK.relative_to(ROOT)), *args)
