"""Export: ``export`` runs an exporter on a report safely; ``export_project`` makes the report.

An exporter (the protocol is :class:`civsam.Exporter`, in :mod:`civsam.protocols`) is
provided by a plugin through the ``civsam_exporters`` hook, and found by its format name
here, at the edge; civsam's own formats are plugins too.

Writing to a path is careful about what is there already: a file is replaced only when
it is empty or an earlier export of the same format (the exporter's optional
``recognises(data)`` says so), unless ``force``; character devices, pipes and sockets
are written as streams, never read back or renamed over.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from civsam._deprecated import warn_renamed
from civsam._message import Text
from civsam._oserror import os_reason
from civsam.errors import CivsamError, raised
from civsam.files.io import load, write_atomic
from civsam.lookup import exporters, make_report
from civsam.model import Language
from civsam.plugins import Joined, PluginFailure, Registered, plugins
from civsam.project import Project
from civsam.protocols import Exporter, Rule
from civsam.report import Paper, Report

__all__ = [
    "PREVIOUS_MAX_BYTES",
    "ExportError",
    "Exporter",
    "OverwriteError",
    "UnknownFormatError",
    "export",
    "export_project",
    "exporters",
]

PREVIOUS_MAX_BYTES = 256 * 1024 * 1024
"""The most of an existing file ``export`` reads back to see what it is (and to keep a
calendar's events); a larger file is replaced only with ``force``."""
_HEAD = 64 * 1024
"""How much of an existing file an exporter's ``recognises`` is shown."""


class UnknownFormatError(CivsamError):
    """No installed exporter has this name.

    ``failures`` are the plugins that failed to load or were refused: one of them may
    be the one that would have provided the format, so the message names them.
    """

    def __init__(
        self, name: str, known: tuple[str, ...], failures: tuple[PluginFailure, ...] = ()
    ) -> None:
        self.name = name
        self.known = known
        self.failures = failures
        listed = ", ".join(known) if known else Text("export.no_formats")
        message = Text("export.unknown_format", name=name, known=listed)
        suspects = _suspects(name, failures)
        if suspects:
            message = Text(
                "export.unknown_format_failed",
                unknown=message,
                count=len(suspects),
                failures=Joined(suspects),
            )
        super().__init__(message)


def _suspects(name: str, failures: tuple[PluginFailure, ...]) -> tuple[PluginFailure, ...]:
    """The failures that may be the plugin providing ``name``, else every failure.

    A plugin is named like its format (``xlsx``, ``civsam-xlsx``), or it claimed the
    name together with another plugin.
    """
    wanted = name.casefold()

    def related(failure: PluginFailure) -> bool:
        names = {failure.name.casefold(), (failure.distribution or "").casefold()}
        names |= {n.removeprefix("civsam-").removeprefix("civsam_") for n in names}
        return wanted in names or f"name {name!r} is claimed" in failure.error

    return tuple(filter(related, failures)) or failures


class ExportError(CivsamError):
    """An exporter failed while writing; names the format and the plugin that provides it."""


class OverwriteError(ExportError):
    """The target is a file ``export`` will not replace without ``force``; nothing was written.

    It is not empty and its exporter does not recognise it as one of its earlier exports
    (or has no ``recognises``), or it is too large to read back.
    """


def _entry(name: str) -> Registered:
    loaded = plugins()
    registry = loaded.exporters()
    if name not in registry:
        raise UnknownFormatError(name, tuple(sorted(registry)), loaded.failures)
    return registry[name]


class _Capture(io.BytesIO):
    """The stream an exporter writes to: a ``close()`` is recorded, not done.

    An exporter must leave its stream open (the caller may write more, or read it);
    closing it would also lose what was written, so civsam keeps the bytes and says
    which exporter closed it.
    """

    closed_by_exporter = False

    def close(self) -> None:
        self.closed_by_exporter = True


def _run(entry: Registered, report: Report) -> bytes:
    """What ``entry``'s exporter writes for ``report``; any misbehaviour is an ExportError."""
    buffer = _Capture()
    problem: object = None
    try:
        entry.item.export(report, buffer)
    # A plugin's bug, whatever it is, and its exit() too: the plugin's failure, not ours.
    except (Exception, SystemExit) as error:  # noqa: BLE001
        problem = raised(error)
        cause: BaseException | None = error
    else:
        cause = None
        if buffer.closed_by_exporter:
            problem = Text("export.closed_stream")
        elif not buffer.getvalue() and len(report.prioritisation):
            problem = Text("export.wrote_nothing")
    if problem is not None:
        raise ExportError(
            Text(
                "export.failed",
                name=entry.name,
                plugin=entry.plugin.name,
                origin=entry.plugin.origin_text,
                error=problem,
            )
        ) from cause
    return buffer.getvalue()


@attrs.frozen
class _Target:
    """Where an export goes: a file to replace atomically, or a stream to write through."""

    path: Path
    stream: bool = False
    previous: bytes | None = None


def _target(path: Path, entry: Registered, *, force: bool) -> _Target:
    """Look at what ``path`` names now, and refuse to replace what is not ours to replace.

    Only a regular file is read, and at most :data:`PREVIOUS_MAX_BYTES` of it: a device,
    a pipe or ``/proc/self/fd/1`` is written as a stream.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return _Target(path)  # a missing folder is the writer's to report
    except OSError as error:
        raise ExportError(
            Text("export.cannot_write_there", path=str(path), reason=os_reason(error))
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(Text("export.is_folder", path=str(path)))
    if not stat.S_ISREG(info.st_mode):
        return _Target(path, stream=True)
    if info.st_size == 0:
        return _Target(path)
    data = _read_head(path, PREVIOUS_MAX_BYTES)
    name = entry.item.name
    if data is not None and len(data) <= PREVIOUS_MAX_BYTES and _recognised(entry, data[:_HEAD]):
        return _Target(path, previous=data)
    if force:
        return _Target(path)
    why = (
        Text("export.not_earlier", name=name)
        if data is not None and len(data) <= PREVIOUS_MAX_BYTES
        else Text("export.too_large", size=PREVIOUS_MAX_BYTES // 2**20)
        if data is not None
        else Text("export.unreadable")
    )
    raise OverwriteError(Text("export.overwrite", path=str(path), why=why))


def _read_head(path: Path, limit: int) -> bytes | None:
    """At most ``limit + 1`` bytes of a regular file: enough to tell that it is too large."""
    try:
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except OSError:
        return None


def _recognised(entry: Registered, head: bytes) -> bool:
    """Whether the exporter says ``head`` begins one of its earlier exports."""
    recognises = getattr(entry.item, "recognises", None)
    if not callable(recognises):
        return False
    try:
        return bool(recognises(head))
    except Exception as error:
        raise ExportError(
            Text(
                "export.recognise_failed",
                name=entry.item.name,
                plugin=entry.plugin.name,
                origin=entry.plugin.origin_text,
                error=raised(error),
            )
        ) from error


def _write_stream(path: Path, data: bytes) -> None:
    try:
        with path.open("wb") as stream:
            stream.write(data)
    except OSError as error:
        raise ExportError(
            Text("export.could_not_write", path=str(path), reason=os_reason(error))
        ) from None


def export(
    report: Report,
    format: str,  # noqa: A002 - the word users know from -f/--format
    out: str | os.PathLike[str] | BinaryIO | None = None,
    *,
    force: bool = False,
    **deprecated: Any,
) -> bytes:
    """Export a :class:`Report` in ``format``; returns the bytes.

    With ``out`` a path, the file is written atomically; with a binary stream, the bytes
    are written to it. A path that names a character device, a pipe or a socket is
    written as a stream. An existing file is replaced only when it is empty or an earlier
    export of this format (else :class:`OverwriteError`, unless ``force``); the exporter
    then sees its bytes as :attr:`Report.previous`, so a calendar keeps its events'
    identity and raises their sequence where a time moved. An unknown format raises
    :class:`UnknownFormatError` listing the formats there are, and the plugins that
    failed to load. An exporter that raises, closes the stream it writes to, or writes
    nothing for a report with placed partners raises :class:`ExportError` naming it and
    its plugin, and nothing is written. :func:`export_project` makes the report from a
    project or a project file first.

    Given a :class:`~civsam.Project` (and the report's options as keywords), ``export``
    still works as before 0.2.0, with a :class:`DeprecationWarning`.
    """
    given_report: object = report  # before 0.2.0, a project was given here
    if isinstance(given_report, Project):
        warn_renamed("export(project, …)", "export_project(project, …)")
        return export_project(given_report, format, out, force=force, **deprecated)
    given = sorted(name for name, value in deprecated.items() if value is not None)
    if given:
        raise CivsamError(Text("export.ready_report", given=", ".join(given)))
    entry = _entry(format)
    target = _target(Path(out), entry, force=force) if isinstance(out, str | os.PathLike) else None
    if target is not None and report.previous is None and target.previous is not None:
        report = attrs.evolve(report, previous=target.previous)
    data = _run(entry, report)
    if target is not None:
        if target.stream:
            _write_stream(target.path, data)
        else:
            write_atomic(target.path, data)
    elif out is not None and not isinstance(out, str | os.PathLike):
        out.write(data)
    return data


def export_project(
    project: Project | str | os.PathLike[str],
    format: str,  # noqa: A002 - the word users know from -f/--format
    out: str | os.PathLike[str] | BinaryIO | None = None,
    *,
    language: Language | str | None = None,
    include_contacts: bool | None = None,
    rule: Rule | str | None = None,
    as_of: dt.date | None = None,
    plan_from: dt.date | None = None,
    capacity: int | None = None,
    paper: Paper | str = Paper.A3,
    since: dt.date | None = None,
    force: bool = False,
    start: dt.date | None = None,
) -> bytes:
    """Export a project, or the project file at a path, in ``format``; returns the bytes.

    The report is :func:`civsam.make_report`'s with these options (contact persons are
    left out unless ``include_contacts``; ``rule`` may be a name; ``since`` shows who
    moved since that day); ``out`` and ``force`` are :func:`export`'s. ``start`` is the
    old name of ``plan_from``, deprecated since 0.2.0.
    """
    if start is not None:
        warn_renamed("export(start=…)", "export_project(plan_from=…)")
        plan_from = plan_from or start
    if not isinstance(project, Project):
        project = load(project)
    report = make_report(
        project,
        language=language,
        include_contacts=bool(include_contacts),
        rule=rule,
        as_of=as_of,
        plan_from=plan_from,
        capacity=capacity,
        paper=paper,
        since=since,
    )
    return export(report, format, out, force=force)
