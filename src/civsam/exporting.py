"""Exporters: the protocol a format implements, and ``export`` that runs one safely.

An exporter is any object with a ``name`` (the ``-f`` value), a ``suffix``, a
``media_type`` and ``export(report, out)``, provided by a plugin through the
``civsam_exporters`` hook; civsam's own CSV and Markdown exporters are plugins too.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

import attrs

from civsam.errors import CivsamError
from civsam.io import write_atomic
from civsam.model import Language
from civsam.plugins import Registered, plugins
from civsam.project import Project
from civsam.report import Report, make_report
from civsam.rules import Rule

__all__ = ["ExportError", "Exporter", "UnknownFormatError", "export", "exporters"]


@runtime_checkable
class Exporter(Protocol):
    """What civsam needs of an export format.

    ``name`` is what users pass to ``-f``; ``suffix`` (``".csv"``) names files;
    ``media_type`` (``"text/csv"``) is for the web. ``export`` writes the whole report
    to ``out`` as bytes; it must be deterministic (same report, same bytes), leave the
    report unchanged, and show contact persons only when ``report.include_contacts``.
    """

    @property
    def name(self) -> str:
        """The format's name, e.g. ``"csv"``."""
        ...

    @property
    def suffix(self) -> str:
        """The file suffix, e.g. ``".csv"``."""
        ...

    @property
    def media_type(self) -> str:
        """The media type, e.g. ``"text/csv; charset=utf-8"``."""
        ...

    def export(self, report: Report, out: BinaryIO) -> None:
        """Write the report to ``out``."""
        ...


class UnknownFormatError(CivsamError):
    """No installed exporter has this name."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        self.known = known
        listed = ", ".join(known) if known else "none (no exporter plugin is loaded)"
        super().__init__(f"unknown format {name!r}; the formats there are: {listed}")


class ExportError(CivsamError):
    """An exporter failed while writing; names the format and the plugin that provides it."""


def exporters() -> Mapping[str, Exporter]:
    """Every usable exporter, by format name."""
    return {name: entry.item for name, entry in plugins().exporters().items()}


def _entry(name: str) -> Registered:
    registry = plugins().exporters()
    if name not in registry:
        raise UnknownFormatError(name, tuple(sorted(registry)))
    return registry[name]


def _previous(path: Path) -> bytes | None:
    """The bytes of an earlier export at ``path``, if there is a readable file."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def export(
    project: Project | Report,
    format: str,  # noqa: A002 - the word users know from -f/--format
    out: str | os.PathLike[str] | BinaryIO | None = None,
    *,
    language: Language | str | None = None,
    include_contacts: bool | None = None,
    rule: Rule | str | None = None,
    as_of: dt.date | None = None,
    start: dt.date | None = None,
    capacity: int | None = None,
) -> bytes:
    """Export a project (or a ready :class:`Report`) in ``format``; returns the bytes.

    With ``out`` a path, the file is written atomically; with a binary stream, the bytes
    are written to it. When ``out`` is a file that exists, the exporter sees its bytes as
    :attr:`Report.previous`, so a calendar keeps its events' identity and raises their
    sequence where a time moved. Contact persons are left out unless
    ``include_contacts``. ``start`` and ``capacity`` override the project's
    ``[planning]``. An
    unknown format raises :class:`UnknownFormatError` listing the formats there are; an
    exporter that fails raises :class:`ExportError` naming it, and nothing is written.
    """
    entry = _entry(format)
    if isinstance(project, Report):
        options = {
            "language": language,
            "include_contacts": include_contacts,
            "rule": rule,
            "as_of": as_of,
            "start": start,
            "capacity": capacity,
        }
        given = sorted(name for name, value in options.items() if value is not None)
        if given:
            raise CivsamError(
                f"export() was given a ready Report and {', '.join(given)}: "
                "a report is made with its options; pass them to make_report() instead"
            )
        report = project
    else:
        report = make_report(
            project,
            language=language,
            include_contacts=bool(include_contacts),
            rule=rule,
            as_of=as_of,
            start=start,
            capacity=capacity,
        )
    if report.previous is None and isinstance(out, str | os.PathLike):
        report = attrs.evolve(report, previous=_previous(Path(out)))
    buffer = io.BytesIO()
    try:
        entry.item.export(report, buffer)
    except Exception as error:
        origin = entry.plugin.origin
        raise ExportError(
            f"the {format!r} exporter (plugin {entry.plugin.name}, {origin}) failed: "
            f"{type(error).__name__}: {error}"
        ) from error
    data = buffer.getvalue()
    if out is None:
        return data
    if isinstance(out, str | os.PathLike):
        write_atomic(Path(out), data)
    else:
        out.write(data)
    return data
