"""The report: everything an exporter needs, computed once, in one language.

An exporter only renders. civsam prioritises, picks the language and decides what
personal data may be shown before any exporter runs, so every format tells the same
story and none can forget the privacy setting.
"""

from __future__ import annotations

import datetime as dt
import os

import attrs

from civsam.errors import CivsamError
from civsam.model import Contact, Language, Organisation
from civsam.prioritisation import Prioritisation, prioritise
from civsam.project import Project
from civsam.rules import Rule

__all__ = ["PERSONAL_FIELDS", "Report", "make_report", "source_date"]

PERSONAL_FIELDS = ("contact.name", "contact.email", "contact.phone")
"""The personal-data fields an export may hold, and only with ``include_contacts``."""


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
        raise CivsamError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds, found {value!r}"
        ) from None


@attrs.frozen(slots=True)
class Report:
    """What an exporter receives.

    ``project`` and ``prioritisation`` are the data; ``language`` is the language to
    write in; ``include_contacts`` says whether contact persons (names, e-mails and
    phones) may appear — rater names never do; ``generated`` is a reproducible
    timestamp or ``None``. Exporters must not change the project.
    """

    project: Project
    prioritisation: Prioritisation
    language: Language
    include_contacts: bool = False
    generated: dt.datetime | None = None

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
) -> Report:
    """Prioritise ``project`` and gather what an exporter needs."""
    lang = Language(language) if language is not None else project.language
    generated = source_date()
    if as_of is None and generated is not None:
        as_of = generated.date()
    return Report(
        project=project,
        prioritisation=prioritise(project, rule, as_of=as_of, language=lang),
        language=lang,
        include_contacts=include_contacts,
        generated=generated,
    )
