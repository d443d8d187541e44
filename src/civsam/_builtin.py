"""civsam's own plugin: the guide's matrix rule, registered like any other rule."""

from __future__ import annotations

from collections.abc import Iterable

from civsam.hookspecs import hookimpl
from civsam.rules import MatrixRule, Rule


@hookimpl
def civsam_rules() -> Iterable[Rule]:
    """The guide's 2×2 board with the default thresholds."""
    return [MatrixRule()]
