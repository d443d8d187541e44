"""civsam: collaboration between Danish municipalities and civil society, as a library.

List the organisations around a target group, assess them, place them on the guide's
priority matrix, plan the outreach and keep the collaboration going. Every supported
name is importable from here and listed in ``__all__``, group by group (the groups are
the sections of ``docs/api.md``). Submodules are implementation, except the public
modules :mod:`civsam.files`, :mod:`civsam.testing` and :mod:`civsam.toolkit`.
"""

from civsam import files
from civsam._version import __version__
from civsam.checklist import Checklist, ItemProgress, Trend, checklist, checklists
from civsam.contracts import exporter_problems, rule_problems
from civsam.errors import CivsamError, Problem, ValidationError
from civsam.explain import format_number
from civsam.exporting import (
    ExportError,
    OverwriteError,
    UnknownFormatError,
    export,
    export_project,
)
from civsam.files import (
    Limits,
    LockTimeoutError,
    dumps,
    example,
    load,
    loads,
    read_table,
    record,
    save,
)
from civsam.history import Move
from civsam.hookspecs import hookimpl
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
from civsam.lookup import available_rules, exporters, make_report, moves, prioritise, rules
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
from civsam.prioritisation import Entry, Placement, Prioritisation, Shift, sensitivity
from civsam.privacy import (
    Finding,
    PersonalValue,
    find_in_text,
    find_personal_data,
    personal_values,
)
from civsam.project import Project
from civsam.protocols import BindableRule, Exporter, Rule
from civsam.readiness import Readiness, ReadinessItem, readiness
from civsam.report import Paper, Report
from civsam.rules import Candidate, Decision, MatrixRule, Reason, RuleContext, RuleError
from civsam.scores import Factor, Score, ScoreSource
from civsam.settings import Derivation, PlanSettings, PrioritySettings
from civsam.workshop import (
    CHANGES_FORMAT,
    CHANGES_VERSION,
    Applied,
    BoardCell,
    Change,
    Changes,
    Conflict,
    apply_changes,
    assessment_token,
    board_token,
    changes_json,
    read_changes,
)

# The public API, group by group: each `# -- Group` comment is a section of docs/api.md,
# in this order (tests/test_api_reference.py holds the two together).
__all__ = [  # noqa: RUF022 - grouped as documented, not sorted
    "__version__",
    # -- Model
    "Project",
    "Organisation",
    "Contact",
    "OrgKind",
    "Relation",
    "RelationKind",
    "Assessment",
    "Rating",
    "Language",
    "Quadrant",
    # -- Records over time
    "OutreachEntry",
    "OutreachStep",
    "Touchpoint",
    "TouchpointKind",
    "ContactKind",
    "Review",
    "ChecklistItem",
    "ItemReview",
    "ItemStatus",
    "ReadinessAnswer",
    "ReadinessPoint",
    "Role",
    # -- Settings
    "PrioritySettings",
    "PlanSettings",
    "Derivation",
    "Limits",
    # -- Files
    "files",
    "load",
    "save",
    "loads",
    "dumps",
    "record",
    "read_table",
    "example",
    # -- Rules and scores
    "Rule",
    "BindableRule",
    "MatrixRule",
    "RuleContext",
    "Candidate",
    "Decision",
    "Reason",
    "Score",
    "ScoreSource",
    "Factor",
    "rules",
    "rule_problems",
    # -- Prioritisation
    "prioritise",
    "Prioritisation",
    "Placement",
    "Entry",
    "sensitivity",
    "Shift",
    # -- Movement over time
    "moves",
    "Move",
    # -- Planning and follow-up
    "plan",
    "Plan",
    "Meeting",
    "CheckIn",
    "Milestone",
    "MoveReason",
    "TIMEZONE",
    "due",
    "Due",
    "active_partners",
    "checklist",
    "checklists",
    "Checklist",
    "ItemProgress",
    "Trend",
    "readiness",
    "Readiness",
    "ReadinessItem",
    # -- Network
    "brokers",
    "Broker",
    "introductions",
    "Introductions",
    "IntroductionPath",
    "Hop",
    "CoApplicant",
    # -- Reports and export
    "make_report",
    "Report",
    "Paper",
    "export",
    "export_project",
    "exporters",
    "Exporter",
    "exporter_problems",
    # -- Workshop
    "read_changes",
    "apply_changes",
    "changes_json",
    "Changes",
    "Change",
    "BoardCell",
    "Applied",
    "Conflict",
    "assessment_token",
    "board_token",
    "CHANGES_FORMAT",
    "CHANGES_VERSION",
    # -- Plugins and labels
    "hookimpl",
    "register_labels",
    "label",
    "format_number",
    # -- Personal data
    "personal_values",
    "PersonalValue",
    "find_personal_data",
    "find_in_text",
    "Finding",
    # -- Errors
    "CivsamError",
    "ValidationError",
    "Problem",
    "LockTimeoutError",
    "RuleError",
    "ExportError",
    "OverwriteError",
    "UnknownFormatError",
    "LabelError",
    "UnknownLabelError",
    # -- Deprecated: old names that warn, see CHANGELOG.md
    "available_rules",
]
