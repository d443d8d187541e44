"""Shared test setup: hypothesis profiles and fixtures used across the suite.

Two hypothesis profiles: ``dev`` (fast, the default) and ``ci`` (thorough, no deadline,
prints the blob to reproduce a failure). ``HYPOTHESIS_PROFILE`` picks one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

import civsam.bundled
from civsam.cli import main
from civsam.plugins import reset_plugins

if TYPE_CHECKING:
    from pathlib import Path

settings.register_profile(
    "dev",
    max_examples=50,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def example_path(tmp_path: Path) -> Path:
    """The bundled example project, written to ``example.toml`` in a fresh folder."""
    path = tmp_path / "example.toml"
    path.write_text(civsam.bundled.example_text(), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _installed_plugins_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test sees the installed plugins as a user would, and no build timestamp.

    The plugin registry is process-wide; reloading it around each test keeps a test's
    fake plugins, or a developer's CIVSAM_* settings, from leaking into another.
    """
    for variable in ("CIVSAM_LOAD_PLUGINS", "CIVSAM_BLOCK_PLUGINS", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(variable, raising=False)
    reset_plugins()
    yield
    reset_plugins()


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
