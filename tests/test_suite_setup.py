"""The test suite's own setup: hypothesis profiles, the slow split, the supported Pythons.

Issue 13, "What must hold" 1: README's test command passes first time and every time, so
no profile may have a deadline and the developer's profile may neither replay a database
nor draw new examples each run; the sessions run on every Python the classifiers claim.
"""

from __future__ import annotations

import ast
import os
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import settings

import conftest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
NOXFILE = (ROOT / "noxfile.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["dev", "ci"])
def test_no_profile_has_a_deadline(name: str) -> None:
    """A busy machine makes an example slow, never wrong: no profile fails on time."""
    assert settings.get_profile(name).deadline is None


def test_the_dev_profile_tries_the_same_examples_every_run_and_replays_none() -> None:
    """A run that passed passes again: derandomized, and no example database to replay."""
    dev = settings.get_profile("dev")
    assert dev.derandomize
    assert dev.database is None
    assert dev.max_examples < settings.get_profile("ci").max_examples


def test_the_ci_profile_is_thorough_and_says_how_to_reproduce() -> None:
    """CI searches afresh each run, 300 examples, and prints the blob that replays a failure."""
    ci = settings.get_profile("ci")
    assert not ci.derandomize
    assert ci.max_examples == 300
    assert ci.print_blob


def test_the_profile_follows_hypothesis_profile_then_ci() -> None:
    """The profile nox names is the one loaded; without one, CI picks ``ci``, else ``dev``."""
    chosen = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
    assert chosen == conftest.PROFILE
    assert settings.default is settings.get_profile(chosen)


def test_every_test_starts_in_a_language_neutral_locale() -> None:
    """The autouse fixture clears the locale a developer's shell may set (the CLI reads it)."""
    assert os.environ["LANG"] == "C.UTF-8"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        assert variable not in os.environ


def test_the_slow_files_and_tests_exist_and_the_marker_is_registered() -> None:
    """A renamed slow file or test would silently join every developer's run."""
    for name in conftest.SLOW_FILES:
        assert (ROOT / "tests" / name).is_file(), f"tests/conftest.py names {name}: not there"
    for test in conftest.SLOW_TESTS:
        file, _, name = test.partition("::")
        function = name.partition("[")[0]
        source = (ROOT / "tests" / file).read_text(encoding="utf-8")
        assert re.search(rf"^\s*def {function}\(", source, re.MULTILINE), f"{test}: not there"
    markers = PYPROJECT["tool"]["pytest"]["ini_options"]["markers"]
    assert any(marker.startswith("slow:") for marker in markers)


def test_the_slow_tests_carry_the_marker_and_not_slow_leaves_them_out(
    request: pytest.FixtureRequest,
) -> None:
    """Every test conftest names slow is marked; under ``-m "not slow"`` none is collected."""
    items = request.session.items
    assert request.node in items
    assert all(item.get_closest_marker("slow") for item in items if conftest.is_slow(item))
    if request.config.option.markexpr == "not slow":
        assert not any(item.get_closest_marker("slow") for item in items)


def test_nox_runs_every_python_the_classifiers_claim() -> None:
    """noxfile.py's PYTHONS are exactly pyproject.toml's ``Python :: 3.x`` classifiers."""
    claimed = [
        match[1]
        for classifier in PYPROJECT["project"]["classifiers"]
        if (match := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", classifier))
    ]
    pythons = re.search(r"^PYTHONS = (\[.*\])$", NOXFILE, re.MULTILINE)
    assert pythons, "noxfile.py has no PYTHONS = [...] line"
    assert sorted(ast.literal_eval(pythons[1])) == sorted(claimed)
    assert claimed, "pyproject.toml claims no Python 3.x version"
