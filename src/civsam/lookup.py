"""Names, looked up: where a rule's or a format's name becomes the object the core takes.

The core (loading, prioritising, planning, reporting) takes a :class:`~civsam.Rule`;
plugins provide rules and exporters by name. This module is the edge between the two,
with the command line and :func:`civsam.export`: ``rules()`` and ``exporters()`` list
what is installed, and :func:`prioritise`, :func:`moves` and :func:`make_report` accept a
rule's name,
or a project whose ``[prioritisation] rule`` names one, by looking it up here first.
Nothing below this layer imports the plugin registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from civsam import history, prioritisation, report
from civsam._deprecated import warn_renamed
from civsam.history import Move
from civsam.labels import Text
from civsam.plugins import plugins
from civsam.prioritisation import MATRIX, Prioritisation
from civsam.protocols import Exporter, Rule
from civsam.report import Paper, Report
from civsam.rules import MatrixRule, RuleError

if TYPE_CHECKING:
    from civsam.model import Language
    from civsam.project import Project
    from civsam.settings import PrioritySettings

__all__ = [
    "available_rules",
    "exporters",
    "make_report",
    "moves",
    "prioritise",
    "resolve_rule",
    "rules",
]


def rules() -> Mapping[str, Rule]:
    """Every rule that can be chosen by name: ``matrix`` and those plugins provide."""
    return {name: entry.item for name, entry in plugins().rules().items()}


def exporters() -> Mapping[str, Exporter]:
    """Every usable exporter, by format name: civsam's own and those plugins provide."""
    return {name: entry.item for name, entry in plugins().exporters().items()}


def available_rules() -> Mapping[str, Rule]:
    """Deprecated since 0.2.0: :func:`rules`, named like :func:`exporters`."""
    warn_renamed("civsam.available_rules()", "civsam.rules()")
    return rules()


def resolve_rule(rule: Rule | str | None, settings: PrioritySettings) -> Rule:
    """The rule to use: given, named (``"matrix"`` or a plugin's), or the project's.

    A name is looked up among the installed rules (:func:`rules`); ``"matrix"`` is the
    guide's matrix with the project's thresholds. An unknown name raises
    :class:`civsam.RuleError` listing the names there are.
    """
    name = settings.rule if rule is None else rule
    if not isinstance(name, str):
        return prioritisation.project_rule(name, settings)
    if name == MATRIX:
        return MatrixRule(settings.importance_threshold, settings.ease_threshold)
    registry = plugins().rules()
    if name not in registry:
        raise RuleError(name, Text("rule.unknown", known=", ".join(sorted(registry))))
    found: Rule = registry[name].item
    return found


def prioritise(
    project: Project,
    rule: Rule | str | None = None,
    *,
    as_of: dt.date | None = None,
    on: dt.date | None = None,
    language: Language | str | None = None,
) -> Prioritisation:
    """Place every assessed partner on the priority matrix and rank them.

    ``rule`` is a :class:`civsam.Rule`, a rule's name, or ``None`` for the project's own
    (``[prioritisation]``: the matrix with its thresholds by default; a plugin's rule
    when it names one). Each partner is placed by its latest assessment; with ``on``, by
    its latest assessment on that day, as the board stood then. ``as_of`` is the date
    derived scores measure how recent a relation is against (default: ``on``, else
    today, or ``SOURCE_DATE_EPOCH``). ``language`` is the
    language of the reasons (default: the project's). A rule that raises or returns
    something that is not a decision raises :class:`civsam.RuleError` naming the rule and
    the partner; nothing is returned then.
    """
    chosen = resolve_rule(rule, project.priority_settings)
    return prioritisation.prioritise(project, chosen, as_of=as_of, on=on, language=language)


def moves(
    project: Project,
    since: dt.date,
    *,
    until: dt.date | None = None,
    rule: Rule | str | None = None,
    language: Language | str | None = None,
) -> tuple[Move, ...]:
    """Every partner whose place on the board changed from ``since`` to ``until``.

    ``until`` defaults to now (each partner's latest assessment); ``rule`` is a
    :class:`civsam.Rule`, a rule's name, or ``None`` for the project's own. In the later
    board's rank order, then the partners that left the board. See :class:`civsam.Move`.
    """
    chosen = resolve_rule(rule, project.priority_settings)
    return history.moves(project, since, until=until, rule=chosen, language=language)


def make_report(
    project: Project,
    *,
    language: Language | str | None = None,
    include_contacts: bool = False,
    rule: Rule | str | None = None,
    as_of: dt.date | None = None,
    capacity: int | None = None,
    previous: bytes | None = None,
    paper: Paper | str = Paper.A3,
    plan_from: dt.date | None = None,
    since: dt.date | None = None,
    start: dt.date | None = None,
) -> Report:
    """Prioritise ``project`` and gather what an exporter needs.

    ``rule`` is a :class:`civsam.Rule`, a rule's name, or ``None`` for the project's
    own. ``as_of`` is the day the report is made for: derived scores measure recency
    against it, and a project without a ``[planning] start`` plans from it (default:
    ``SOURCE_DATE_EPOCH`` when set, else today). ``plan_from`` plans from another day
    (the command line's ``--start``); ``start`` is its old name, deprecated since 0.2.0.
    ``capacity`` overrides the project's ``[planning]``; ``paper`` (``"a3"``, ``"a4"``
    or ``"letter"``) is the paper a printable board is laid out for. ``since`` shows
    movement: who moved on the board since that day (:attr:`Report.moves`).
    """
    chosen = resolve_rule(rule, project.priority_settings)
    if start is not None:
        warn_renamed("make_report(start=…)", "make_report(plan_from=…)")
        plan_from = plan_from or start
    return report.make_report(
        project,
        language=language,
        include_contacts=include_contacts,
        rule=chosen,
        as_of=as_of,
        capacity=capacity,
        previous=previous,
        paper=paper,
        plan_from=plan_from,
        since=since,
    )
