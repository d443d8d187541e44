"""Shared test setup: hypothesis profiles and fixtures used across the suite.

Two hypothesis profiles: ``dev`` (fast, the default) and ``ci`` (thorough, no deadline,
prints the blob to reproduce a failure). ``HYPOTHESIS_PROFILE`` picks one.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

import civsam.bundled

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
