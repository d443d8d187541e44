"""The hooks a civsam plugin can implement.

A plugin is a module (or object) with functions marked ``@civsam.hookimpl`` whose names
are the hooks below; it is found through the ``civsam`` entry-point group::

    [project.entry-points.civsam]
    my_rules = "my_package.civsam_plugin"
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from civsam.protocols import Exporter, Rule

__all__ = ["PROJECT_NAME", "civsam_exporters", "civsam_rules", "hookimpl", "hookspec"]

PROJECT_NAME = "civsam"
"""The pluggy project name: for the markers, the plugin manager and the entry-point group."""

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""Mark a plugin's hook functions with this: ``@civsam.hookimpl``."""


@hookspec
def civsam_rules() -> Iterable[Rule]:  # type: ignore[empty-body]
    """Return the prioritisation rules this plugin provides.

    Each rule follows :class:`civsam.Rule`: a ``name`` (chosen with ``--rule NAME`` or
    ``[prioritisation] rule = "NAME"``) and a ``place(candidate)`` method. Names must be
    unique across plugins: a name two plugins claim is refused and reported, and
    ``matrix`` is civsam's own.
    """


@hookspec
def civsam_exporters() -> Iterable[Exporter]:  # type: ignore[empty-body]
    """Return the export formats this plugin provides.

    Each follows :class:`civsam.Exporter`: ``name`` (the ``-f`` value), ``suffix``,
    ``media_type`` and ``export(report, out)``. A format name two plugins claim is
    refused and reported with both distributions; civsam's own formats keep theirs.
    """
