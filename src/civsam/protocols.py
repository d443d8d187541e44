"""The two things a plugin provides, as protocols: a prioritisation rule and an exporter.

This module is a leaf: it imports nothing of civsam at run time, so every layer can name
the protocols (the core takes a ``Rule``; the plugin loader and the test kit check both)
without depending on where rules and exporters are found. What each must satisfy beyond
its shape (name syntax, media types) is :mod:`civsam.contracts`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO, Protocol, runtime_checkable

if TYPE_CHECKING:
    from civsam.model import Quadrant
    from civsam.report import Report
    from civsam.rules import Candidate, Decision, RuleContext

__all__ = ["BindableRule", "Exporter", "Rule"]


@runtime_checkable
class Rule(Protocol):
    """What civsam needs of a prioritisation rule.

    ``name`` identifies the rule on the command line (``--rule NAME``) and in the project
    file (``[prioritisation] rule = "NAME"``). ``place`` must be a pure function of the
    candidate: deterministic, and monotone, so that raising a partner's importance or
    ease never moves it to a worse quadrant. It returns a :class:`Decision` (or just a
    :class:`Quadrant`).
    """

    @property
    def name(self) -> str:
        """The rule's name."""
        ...

    def place(self, candidate: Candidate) -> Decision | Quadrant:
        """Decide the candidate's quadrant and priority."""
        ...


@runtime_checkable
class BindableRule(Rule, Protocol):
    """A rule that reads the project or its options: civsam binds it before placing.

    ``bind`` returns the rule to place with (often a new, configured instance); it may
    raise :class:`RuleError` (or ``ValueError``) to refuse options it cannot use, and
    civsam reports that as a problem with the project's ``[prioritisation.options]``.
    """

    def bind(self, context: RuleContext) -> Rule:
        """The rule, ready to place the project's partners."""
        ...


@runtime_checkable
class Exporter(Protocol):
    """What civsam needs of an export format.

    ``name`` is what users pass to ``-f``; ``suffix`` (``".csv"``) names files;
    ``media_type`` (``"text/csv"``) is for the web; their syntax is this module's.
    ``export`` writes the whole report to ``out`` as bytes, without closing it; it must
    be deterministic (same report, same bytes: its only clock is
    :attr:`civsam.Report.timestamp`), leave the report unchanged, and show contact
    persons only when ``report.include_contacts``. An exporter may also have
    ``recognises(head: bytes) -> bool``: whether a file starts like one of its exports.
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
