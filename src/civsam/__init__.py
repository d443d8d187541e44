"""civsam: collaboration between Danish municipalities and civil society, as a library.

List the organisations around a target group, assess them, place them on the guide's
priority matrix, plan the outreach and keep the collaboration going. Every supported
name is importable from here and listed in ``__all__``.
"""

from collections.abc import Mapping

from civsam._limits import Limits
from civsam.bundled import example
from civsam.checklist import Checklist, ItemProgress, Trend, checklist, checklists
from civsam.contracts import exporter_problems, rule_problems
from civsam.errors import CivsamError, Problem, ValidationError
from civsam.explain import format_number
from civsam.exporting import (
    Exporter,
    ExportError,
    OverwriteError,
    UnknownFormatError,
    export,
    exporters,
)
from civsam.hookspecs import hookimpl
from civsam.io import LockTimeoutError, dumps, load, loads, record, save
from civsam.labels import LabelError, UnknownLabelError, label, register_labels
from civsam.lifecycle import (
    ChecklistItem,
    ContactKind,
    ItemReview,
    ItemStatus,
    OutreachEntry,
    OutreachStep,
    ReadinessAnswer,
    ReadinessPoint,
    Review,
    Role,
    Touchpoint,
    TouchpointKind,
)
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
from civsam.network import (
    Broker,
    CoApplicant,
    Hop,
    IntroductionPath,
    Introductions,
    brokers,
    introductions,
)
from civsam.planning import (
    TIMEZONE,
    CheckIn,
    Due,
    Meeting,
    Milestone,
    MoveReason,
    Plan,
    active_partners,
    due,
    plan,
)
from civsam.prioritisation import (
    Entry,
    Placement,
    Prioritisation,
    Shift,
    prioritise,
    sensitivity,
)
from civsam.privacy import (
    Finding,
    PersonalValue,
    find_in_text,
    find_personal_data,
    personal_values,
)
from civsam.project import Project
from civsam.readiness import Readiness, ReadinessItem, readiness
from civsam.report import Paper, Report, make_report
from civsam.rules import (
    BindableRule,
    Candidate,
    Decision,
    MatrixRule,
    Reason,
    Rule,
    RuleContext,
    RuleError,
)
from civsam.scores import Factor, Score, ScoreSource
from civsam.settings import Derivation, PlanSettings, PrioritySettings
from civsam.table import read_table

__version__ = "0.1.0"


def available_rules() -> Mapping[str, Rule]:
    """Every rule that can be chosen by name: ``matrix`` and those plugins provide."""
    from civsam.plugins import plugins  # noqa: PLC0415 - plugins load on first use only

    return {name: entry.item for name, entry in plugins().rules().items()}


__all__ = [
    "TIMEZONE",
    "Assessment",
    "BindableRule",
    "Broker",
    "Candidate",
    "CheckIn",
    "Checklist",
    "ChecklistItem",
    "CivsamError",
    "CoApplicant",
    "Contact",
    "ContactKind",
    "Decision",
    "Derivation",
    "Due",
    "Entry",
    "ExportError",
    "Exporter",
    "Factor",
    "Finding",
    "Hop",
    "IntroductionPath",
    "Introductions",
    "ItemProgress",
    "ItemReview",
    "ItemStatus",
    "LabelError",
    "Language",
    "Limits",
    "LockTimeoutError",
    "MatrixRule",
    "Meeting",
    "Milestone",
    "MoveReason",
    "OrgKind",
    "Organisation",
    "OutreachEntry",
    "OutreachStep",
    "OverwriteError",
    "Paper",
    "PersonalValue",
    "Placement",
    "Plan",
    "PlanSettings",
    "Prioritisation",
    "PrioritySettings",
    "Problem",
    "Project",
    "Quadrant",
    "Rating",
    "Readiness",
    "ReadinessAnswer",
    "ReadinessItem",
    "ReadinessPoint",
    "Reason",
    "Relation",
    "RelationKind",
    "Report",
    "Review",
    "Role",
    "Rule",
    "RuleContext",
    "RuleError",
    "Score",
    "ScoreSource",
    "Shift",
    "Touchpoint",
    "TouchpointKind",
    "Trend",
    "UnknownFormatError",
    "UnknownLabelError",
    "ValidationError",
    "__version__",
    "active_partners",
    "available_rules",
    "brokers",
    "checklist",
    "checklists",
    "due",
    "dumps",
    "example",
    "export",
    "exporter_problems",
    "exporters",
    "find_in_text",
    "find_personal_data",
    "format_number",
    "hookimpl",
    "introductions",
    "label",
    "load",
    "loads",
    "make_report",
    "personal_values",
    "plan",
    "prioritise",
    "read_table",
    "readiness",
    "record",
    "register_labels",
    "rule_problems",
    "save",
    "sensitivity",
]
