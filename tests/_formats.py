"""The export formats civsam itself provides, for the tests that list them."""

from __future__ import annotations

__all__ = ["BUILTIN_FORMATS"]

BUILTIN_FORMATS = (
    "csv",
    "csv-rfc4180",
    "graphml",
    "html",
    "ics",
    "kumu",
    "markdown",
    "svg",
    "workshop",
)
"""Every built-in format by the name ``-f`` takes, sorted: a new exporter is added here."""
