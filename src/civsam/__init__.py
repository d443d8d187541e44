"""civsam: collaboration between Danish municipalities and civil society, as a library.

List the organisations around a target group, assess them, place them on the guide's
priority matrix, plan the outreach and keep the collaboration going. Every supported
name is importable from here and listed in ``__all__``.
"""

from civsam.bundled import example
from civsam.errors import CivsamError, Problem, ValidationError
from civsam.io import dumps, load, loads, save
from civsam.labels import label
from civsam.model import (
    Assessment,
    Contact,
    Language,
    Organisation,
    OrgKind,
    Relation,
    RelationKind,
)
from civsam.project import Project
from civsam.table import read_table

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "CivsamError",
    "Contact",
    "Language",
    "OrgKind",
    "Organisation",
    "Problem",
    "Project",
    "Relation",
    "RelationKind",
    "ValidationError",
    "__version__",
    "dumps",
    "example",
    "label",
    "load",
    "loads",
    "read_table",
    "save",
]
