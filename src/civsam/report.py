"""The report: everything an exporter needs, computed once, in one language.

An exporter only renders. civsam prioritises, picks the language and decides what
personal data may be shown before any exporter runs, so every format tells the same
story and none can forget the privacy setting.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from typing import Any

import attrs

from civsam.checklist import Checklist, checklists
from civsam.errors import CivsamError
from civsam.labels import Text
from civsam.model import Contact, Language, Organisation
from civsam.planning import Due, Plan, due, plan
from civsam.prioritisation import Prioritisation, prioritise
from civsam.project import Project
from civsam.readiness import Readiness, readiness
from civsam.rules import Rule

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
    ``generated`` is a reproducible timestamp or ``None``. ``start`` and ``capacity``
    override the project's ``[planning]`` for :attr:`plan`; ``paper`` is the paper a
    printable board (SVG, HTML) is laid out for. Exporters must not change the project.
    """

    project: Project
    prioritisation: Prioritisation
    language: Language
    include_contacts: bool = False
    generated: dt.datetime | None = None
    start: dt.date | None = None
    capacity: int | None = None
    previous: bytes | None = attrs.field(default=None, repr=False)
    """The bytes of this format's previous export, when one is being replaced.

    An exporter may read it to keep continuity: the calendar keeps each event's
    ``SEQUENCE`` where nothing moved and raises it where a time changed.
    """
    paper: Paper = attrs.field(default=Paper.A3, converter=Paper)
    _cache: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    @property
    def today(self) -> dt.date:
        """The day the report plans from and counts due contacts on.

        ``start``, else the project's ``[planning] start``, else the date of
        ``generated`` (``SOURCE_DATE_EPOCH``), else today.
        """
        chosen = self.start or self.project.planning.start
        if chosen is None and self.generated is not None:
            chosen = self.generated.date()
        return chosen or dt.date.today()  # noqa: DTZ011 - the last resort, documented

    @property
    def timestamp(self) -> dt.datetime:
        """The one clock an exporter may read, for formats that must hold a time.

        :attr:`generated` (``SOURCE_DATE_EPOCH``) when set, else midnight UTC of
        :attr:`today`: a zip member's time, a spreadsheet's "modified" or a calendar's
        ``DTSTAMP`` taken from here keeps the same report giving the same bytes.
        """
        if self.generated is not None:
            return self.generated
        return dt.datetime.combine(self.today, dt.time(), dt.UTC)

    @property
    def plan(self) -> Plan:
        """First meetings, check-ins and evaluations from :attr:`today` (computed once)."""
        if "plan" not in self._cache:
            self._cache["plan"] = plan(
                self.project, self.prioritisation, start=self.today, capacity=self.capacity
            )
        return self._cache["plan"]  # type: ignore[no-any-return]

    @property
    def due(self) -> tuple[Due, ...]:
        """The partners whose check-in is due or overdue on :attr:`today`."""
        if "due" not in self._cache:
            self._cache["due"] = due(self.project, self.today, self.prioritisation)
        return self._cache["due"]  # type: ignore[no-any-return]

    @property
    def readiness(self) -> Readiness:
        """The owner's readiness for its role."""
        return readiness(self.project)

    @property
    def checklists(self) -> tuple[Checklist, ...]:
        """The checklist of every running partnership (computed once)."""
        if "checklists" not in self._cache:
            self._cache["checklists"] = checklists(self.project)
        return self._cache["checklists"]  # type: ignore[no-any-return]

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
    rule: Rule | str | None = None,
    as_of: dt.date | None = None,
    start: dt.date | None = None,
    capacity: int | None = None,
    previous: bytes | None = None,
    paper: Paper | str = Paper.A3,
) -> Report:
    """Prioritise ``project`` and gather what an exporter needs.

    ``start`` and ``capacity`` override the project's ``[planning]`` for the plan; a
    project without a ``[planning] start`` plans from ``as_of`` (``--today``) or
    ``SOURCE_DATE_EPOCH`` when given, else from today. ``paper`` (``"a3"``, ``"a4"``
    or ``"letter"``) is the paper a printable board is laid out for.
    """
    lang = Language(language) if language is not None else project.language
    generated = source_date()
    if as_of is None and generated is not None:
        as_of = generated.date()
    if start is None and project.planning.start is None:
        start = as_of  # the day the report is "as of" is the day it plans from
    return Report(
        project=project,
        prioritisation=prioritise(project, rule, as_of=as_of, language=lang),
        language=lang,
        include_contacts=include_contacts,
        generated=generated,
        start=start,
        capacity=capacity,
        previous=previous,
        paper=Paper(paper),
    )
