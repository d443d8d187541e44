"""civsam: collaboration between Danish municipalities and civil society, as a library.

List the organisations around a target group, assess them, place them on the guide's
priority matrix, plan the outreach and keep the collaboration going. Every supported
name is importable from here and listed in ``__all__``.
"""

from collections.abc import Mapping

from civsam.bundled import example
from civsam.errors import CivsamError, Problem, ValidationError
from civsam.explain import format_number
from civsam.exporting import Exporter, ExportError, UnknownFormatError, export, exporters
from civsam.hookspecs import hookimpl
from civsam.io import dumps, load, loads, save
from civsam.labels import label
from civsam.model import (
    Assessment,
    Contact,
    Language,
    Organisation,
    OrgKind,
    Quadrant,
    Rating,
    Relation,
    RelationKind,
)
from civsam.prioritisation import (
    Entry,
    Placement,
    Prioritisation,
    Shift,
    prioritise,
    sensitivity,
)
from civsam.project import Project
from civsam.report import Report, make_report
from civsam.rules import Candidate, Decision, MatrixRule, Reason, Rule, RuleError
from civsam.scores import Factor, Score, ScoreSource
from civsam.settings import Derivation, PrioritySettings
from civsam.table import read_table

__version__ = "0.1.0"


def available_rules() -> Mapping[str, Rule]:
    """Every rule that can be chosen by name: ``matrix`` and those plugins provide."""
    from civsam.plugins import plugins  # noqa: PLC0415 - plugins load on first use only

    return {name: entry.item for name, entry in plugins().rules().items()}


__all__ = [
    "Assessment",
    "Candidate",
    "CivsamError",
    "Contact",
    "Decision",
    "Derivation",
    "Entry",
    "ExportError",
    "Exporter",
    "Factor",
    "Language",
    "MatrixRule",
    "OrgKind",
    "Organisation",
    "Placement",
    "Prioritisation",
    "PrioritySettings",
    "Problem",
    "Project",
    "Quadrant",
    "Rating",
    "Reason",
    "Relation",
    "RelationKind",
    "Report",
    "Rule",
    "RuleError",
    "Score",
    "ScoreSource",
    "Shift",
    "UnknownFormatError",
    "ValidationError",
    "__version__",
    "available_rules",
    "dumps",
    "example",
    "export",
    "exporters",
    "format_number",
    "hookimpl",
    "label",
    "load",
    "loads",
    "make_report",
    "prioritise",
    "read_table",
    "save",
    "sensitivity",
]
