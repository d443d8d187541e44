"""The files that ship inside civsam: the bundled example project and the empty template."""

from __future__ import annotations

from typing import TYPE_CHECKING

from civsam.files.io import loads

if TYPE_CHECKING:
    from civsam.project import Project

__all__ = ["example", "example_text", "template_text"]


def _data(name: str) -> str:
    from importlib import resources  # noqa: PLC0415 - a slow import few commands need

    return resources.files("civsam").joinpath("data", name).read_text(encoding="utf-8")


def example_text() -> str:
    """The bundled example as TOML text, comments included."""
    return _data("example.toml")


def template_text() -> str:
    """The empty project template, with comments explaining every field."""
    return _data("template.toml")


def example() -> Project:
    """The bundled example: Aarhus Kommune against loneliness among older citizens.

    A realistic, fictitious case with organisations of every kind, relations of several
    kinds and assessments in all four quadrants; docs, demos and tests use it.
    """
    return loads(example_text(), "toml", source="<civsam example>")
