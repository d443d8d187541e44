"""Shared test setup: hypothesis profiles, the ``slow`` split and fixtures used across the suite.

Two hypothesis profiles; ``HYPOTHESIS_PROFILE`` picks one, else ``ci`` where ``CI`` is
set and ``dev`` elsewhere (docs/development.md says more):

- ``dev``, a developer's run (README's ``nox``): the same examples every run
  (``derandomize``) and no example database, so a run that passed passes again and
  nothing replayed from ``.hypothesis/`` can turn a pass into a fail; 10 examples.
- ``ci``, CI and ``nox -s slow``: 300 random examples a property, each run new ones;
  a failure prints the ``@reproduce_failure`` blob that replays it anywhere.

Neither has a deadline: a busy two-core machine makes a 200 ms example take a second,
and a property that fails on time, not on truth, only teaches people to rerun.

Tests that do not belong in every developer's run (subprocess storms, fuzzing, a real
browser) get the ``slow`` marker here, by file or by name, beside any test that marks
itself ``@pytest.mark.slow``; ``nox -s tests`` leaves them out, ``nox -s slow`` runs them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import civsam.files.bundled
from civsam.cli import main
from civsam.plugins import reset_plugins

# Both start from hypothesis's own defaults, not from whatever profile is loaded now:
# where CI is set, hypothesis has already loaded its built-in `ci` (derandomized).
DEFAULTS = settings.get_profile("default")
settings.register_profile(
    "dev",
    DEFAULTS,
    max_examples=10,
    derandomize=True,  # implies database=None: nothing is saved, nothing replayed
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    DEFAULTS,
    max_examples=300,
    derandomize=False,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(PROFILE)

SLOW_FILES = frozenset(
    {
        "test_hostile_cli.py",  # hundreds of `python -m civsam` processes, some timed out
        "test_fuzz.py",  # mutation fuzzing of the two readers of untrusted bytes
        "test_html_browser.py",  # a real Chromium
        "test_mermaid_browser.py",  # the real mermaid (from npm) in Chromium
        "test_board_print.py",  # Chromium prints the board, poppler reads the PDF
    }
)
"""Test files that belong to ``nox -s slow`` as a whole."""
SLOW_TESTS = frozenset(
    {
        # Each takes over 20 s of CPU in the dev profile (measured: docs/development.md).
        "test_lifecycle.py::test_projects_with_history_fill_every_part",  # 200 draws
        "test_docs.py::test_page_examples_run[howto/write-a-rule.md]",  # check_rule, twice
        "test_benchmarks.py::test_every_step_and_figure_runs_at_a_tiny_size",
        # The heaviest groups, so that README's command stays under 10 minutes on 2 cores
        # (docs/development.md): the test kit catching each of 13 broken rules (55 s of
        # CPU together, each check_rule call starting a second Python), and twenty
        # processes writing one file at once (14 s). The dev run keeps the kit passing
        # correct rules and two processes writing at once.
        "test_testing_kit.py::test_check_rule_names_the_invariant_a_broken_rule_breaks",
        "test_safe_writes.py::test_twenty_civsam_commands_at_once",
        "test_safe_writes.py::test_twenty_log_processes_at_once_keep_all_twenty",
    }
)
"""Single tests that belong to ``nox -s slow``: ``file.py::name``, every parameter of it,
or ``file.py::name[parameters]``, that one."""


def is_slow(item: pytest.Item) -> bool:
    """Whether this file names ``item`` slow (a test may also mark itself)."""
    file = item.path.name
    function = getattr(item, "originalname", item.name)
    return (
        file in SLOW_FILES
        or f"{file}::{function}" in SLOW_TESTS
        or f"{file}::{item.name}" in SLOW_TESTS
    )


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tests ``slow``, so ``-m "not slow"`` and ``-m slow`` split the suite."""
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def example_path(tmp_path: Path) -> Path:
    """The bundled example project, written to ``example.toml`` in a fresh folder."""
    path = tmp_path / "example.toml"
    path.write_text(civsam.files.bundled.example_text(), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _installed_plugins_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees the installed plugins as a user would, no build timestamp, plain English.

    A developer's CIVSAM_* settings must not change which plugins a test sees. The CLI
    picks its language from the locale, so a developer's ``LANG=da_DK.UTF-8`` must not
    turn the suite Danish: every test starts in ``C.UTF-8``, and a test that wants
    Danish sets ``LANG`` itself. The plugin registry is not reset here: only tests that
    install fake plugins or limit the installed ones change it, and their fixtures
    (``fake_install``, ``builtin_plugins_only``) forget it afterwards; nothing below
    the edge (loading, prioritising, planning, reporting) reads it.
    """
    for variable in ("CIVSAM_LOAD_PLUGINS", "CIVSAM_BLOCK_PLUGINS", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(variable, raising=False)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def builtin_plugins_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No installed plugin takes part; the registry is forgotten after the test."""
    monkeypatch.setenv("CIVSAM_LOAD_PLUGINS", "")
    reset_plugins()
    yield
    reset_plugins()


@pytest.fixture
def example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The bundled example, written by ``civsam init --example``."""
    path = tmp_path / "example.toml"
    assert main(["init", str(path), "--example"]) == 0
    capsys.readouterr()
    return path
