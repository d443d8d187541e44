"""The report: everything an exporter needs, computed once, in one language.

An exporter only renders. civsam prioritises, picks the language and decides what
personal data may be shown before any exporter runs, so every format tells the same
story and none can forget the privacy setting.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import os
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from civsam._deprecated import warn_renamed
from civsam.checklist import Checklist, checklists
from civsam.errors import CivsamError
from civsam.history import Move, changed
from civsam.labels import Text
from civsam.model import Assessment, Contact, Language, Organisation
from civsam.planning import Due, Plan, due, plan
from civsam.prioritisation import Prioritisation, prioritise
from civsam.project import Project
from civsam.protocols import Rule
from civsam.readiness import Readiness, readiness

__all__ = ["PERSONAL_FIELDS", "Paper", "Report", "make_report", "source_date"]

PERSONAL_FIELDS = ("contact.name", "contact.email", "contact.phone")
"""The personal-data fields an export may hold, and only with ``include_contacts``."""


class Paper(enum.StrEnum):
    """The paper a printable board is laid out for, always landscape."""

    A3 = "a3"
    A4 = "a4"
    LETTER = "letter"

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in millimetres, landscape."""
        return _PAPER_SIZES[self]


_PAPER_SIZES = {Paper.A3: (420.0, 297.0), Paper.A4: (297.0, 210.0), Paper.LETTER: (279.4, 215.9)}


def source_date() -> dt.datetime | None:
    """The build time from ``SOURCE_DATE_EPOCH`` (reproducible builds), else ``None``.

    Exports never read the clock: the same input gives the same bytes.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC)
    except (ValueError, OverflowError):
        raise CivsamError(Text("report.bad_source_date_epoch", value=value)) from None


@attrs.frozen(slots=True)
class Report:
    """What an exporter receives.

    ``project`` and ``prioritisation`` are the data; ``language`` is the language to
    write in; ``include_contacts`` says whether contact persons (names, e-mails and
    phones) may appear — rater names and who answered the readiness points never do;
    ``generated`` is a reproducible timestamp or ``None``. ``as_of`` is the day the
    report is made for (see :attr:`as_of`) and ``capacity`` overrides the project's
    ``[planning]`` for :attr:`plan`; ``paper`` is the paper a printable board (SVG,
    HTML) is laid out for. ``since`` and ``earlier`` show movement: ``earlier`` is the
    board as it stood on ``since`` (see :attr:`moves`). Exporters must not change the
    project.
    """

    project: Project
    prioritisation: Prioritisation
    language: Language
    include_contacts: bool = False
    generated: dt.datetime | None = None
    _as_of: dt.date | None = attrs.field(default=None, alias="as_of")
    capacity: int | None = None
    previous: bytes | None = attrs.field(default=None, repr=False)
    """The bytes of this format's previous export, when one is being replaced.

    An exporter may read it to keep continuity: the calendar keeps each event's
    ``SEQUENCE`` where nothing moved and raises it where a time changed.
    """
    paper: Paper = attrs.field(default=Paper.A3, converter=Paper)
    since: dt.date | None = None
    """The day movement is shown since, or ``None`` for no movement."""
    earlier: Prioritisation | None = attrs.field(default=None, repr=False, eq=False)
    """The placements as they stood on :attr:`since` (each partner's latest assessment then)."""
    _start: dt.date | None = attrs.field(default=None, alias="start", repr=False, eq=False)
    """Deprecated since 0.2.0: the old name of ``as_of``."""

    def __attrs_post_init__(self) -> None:
        if self._start is not None:
            warn_renamed("Report(start=…)", "Report(as_of=…)", stacklevel=4)
            if self._as_of is None:
                object.__setattr__(self, "_as_of", self._start)

    @property
    def as_of(self) -> dt.date:
        """The day the report is made for: it plans from it and counts due contacts on it.

        The ``as_of`` given, else the project's ``[planning] start``, else the date of
        ``generated`` (``SOURCE_DATE_EPOCH``), else today.
        """
        chosen = self._as_of or self.project.plan_settings.start
        if chosen is None and self.generated is not None:
            chosen = self.generated.date()
        return chosen or dt.date.today()  # noqa: DTZ011 - the last resort, documented

    @property
    def today(self) -> dt.date:
        """Deprecated since 0.2.0: :attr:`as_of`, the one word for the report's day."""
        warn_renamed("Report.today", "Report.as_of")
        return self.as_of

    @property
    def start(self) -> dt.date | None:
        """Deprecated since 0.2.0: the ``as_of`` the report was given, if any."""
        warn_renamed("Report.start", "Report.as_of")
        return self._as_of

    @property
    def timestamp(self) -> dt.datetime:
        """The one clock an exporter may read, for formats that must hold a time.

        :attr:`generated` (``SOURCE_DATE_EPOCH``) when set, else midnight UTC of
        :attr:`as_of`: a zip member's time, a spreadsheet's "modified" or a calendar's
        ``DTSTAMP`` taken from here keeps the same report giving the same bytes.
        """
        if self.generated is not None:
            return self.generated
        return dt.datetime.combine(self.as_of, dt.time(), dt.UTC)

    @functools.cached_property
    def plan(self) -> Plan:
        """First meetings, check-ins and evaluations from :attr:`as_of` (computed once)."""
        return plan(self.project, self.prioritisation, as_of=self.as_of, capacity=self.capacity)

    @functools.cached_property
    def due(self) -> tuple[Due, ...]:
        """The partners whose check-in is due or overdue on :attr:`as_of` (computed once)."""
        return due(self.project, self.as_of, self.prioritisation)

    @functools.cached_property
    def moves(self) -> Mapping[str, Move]:
        """The partners placed differently now than on :attr:`since`, by id (computed once).

        Empty when the report shows no movement. A partner first assessed since then
        has no ``before``; one no longer assessed has no ``after``.
        """
        if self.earlier is None:
            return MappingProxyType({})
        found = changed(self.earlier, self.prioritisation)
        return MappingProxyType({move.partner: move for move in found})

    def history(self, partner_id: str) -> tuple[Assessment, ...]:
        """A partner's assessments, oldest first, as :attr:`civsam.Project.history` has them."""
        return self.project.history.get(partner_id, ())

    @property
    def readiness(self) -> Readiness:
        """The owner's readiness for its role."""
        return readiness(self.project)

    @functools.cached_property
    def checklists(self) -> tuple[Checklist, ...]:
        """The checklist of every running partnership (computed once)."""
        return checklists(self.project)

    @property
    def personal_fields(self) -> tuple[str, ...]:
        """Which personal-data fields this report lets an export hold (may be empty)."""
        return PERSONAL_FIELDS if self.include_contacts else ()

    def contacts(self, organisation: Organisation) -> tuple[Contact, ...]:
        """An organisation's contact persons, or nothing when contacts are left out."""
        return organisation.contacts if self.include_contacts else ()

    def contact_person(self, organisation: Organisation) -> Contact | None:
        """The assessment's contact person among the organisation's contacts.

        The one whose name the assessment gives, else the first; ``None`` when there is
        none, or when contacts are left out.
        """
        people = self.contacts(organisation)
        name = self.contact_name(organisation.id)
        return next((c for c in people if c.name == name), people[0] if people else None)

    def contact_name(self, partner_id: str) -> str:
        """The assessment's contact person, or ``""`` when contacts are left out."""
        if not self.include_contacts:
            return ""
        assessment = self.project.assessments.get(partner_id)
        return assessment.contact if assessment is not None else ""


def make_report(
    project: Project,
    *,
    language: Language | str | None = None,
    include_contacts: bool = False,
    rule: Rule | None = None,
    as_of: dt.date | None = None,
    capacity: int | None = None,
    previous: bytes | None = None,
    paper: Paper | str = Paper.A3,
    plan_from: dt.date | None = None,
    since: dt.date | None = None,
) -> Report:
    """Prioritise ``project`` and gather what an exporter needs.

    ``as_of`` is the day the report is made for: derived scores measure recency against
    it, and a project without a ``[planning] start`` plans from it (default:
    ``SOURCE_DATE_EPOCH`` when set, else today). ``capacity`` overrides the project's
    ``[planning]``; ``paper`` (``"a3"``, ``"a4"`` or ``"letter"``) is the paper a
    printable board is laid out for. ``plan_from`` plans from another day than
    ``as_of`` (what the old ``start`` did). ``since`` shows movement: who moved on the
    board since that day (:attr:`Report.moves`). :func:`civsam.make_report` also takes
    a rule's name.
    """
    lang = Language(language) if language is not None else project.language
    generated = source_date()
    if as_of is None and generated is not None:
        as_of = generated.date()
    if plan_from is None and project.plan_settings.start is None:
        plan_from = as_of  # the day the report is "as of" is the day it plans from
    earlier = None
    if since is not None:
        earlier = prioritise(project, rule, on=since, language=lang)
    return Report(
        project=project,
        prioritisation=prioritise(project, rule, as_of=as_of, language=lang),
        language=lang,
        include_contacts=include_contacts,
        generated=generated,
        as_of=plan_from,
        capacity=capacity,
        previous=previous,
        paper=Paper(paper),
        since=since,
        earlier=earlier,
    )
