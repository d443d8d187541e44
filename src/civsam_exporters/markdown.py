"""The report as GitHub-flavoured Markdown: for a team's wiki or repository.

Title and facts, the priority matrix as a Mermaid ``quadrantChart`` (GitHub and GitLab
draw it) and as a plain table for renderers without Mermaid, the partner table, each
partner's reasons, then the collaboration's lifecycle: the owner's readiness, the
outreach plan, the contacts that are due and each running partnership's checklist.
Every text from the data is escaped (each ASCII punctuation character gets a backslash;
line breaks become spaces), so a ``|`` can't split a cell, and no ``<``, ``>`` or ``&``
from the data reaches the page as HTML. Who answered a readiness point is never shown:
it may name a person, and it is not a contact person ``include_contacts`` lets out.

The report is a list of sections; a plugin can add its own with
``attrs.evolve(MARKDOWN, sections=(*MARKDOWN.sections, my_section))``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

import attrs

import civsam
from civsam import (
    TIMEZONE,
    Checklist,
    Language,
    OutreachStep,
    Placement,
    Quadrant,
    Report,
    format_number,
    hookimpl,
    label,
)
from civsam_exporters import _recognise
from civsam_exporters._facts import as_of, priority_meaning

__all__ = [
    "MARKDOWN",
    "MarkdownExporter",
    "Section",
    "checklists",
    "civsam_exporters",
    "due",
    "escape",
    "made_with",
    "mermaid_text",
    "outreach_plan",
    "readiness",
    "table",
]

Section = Callable[[Report], Iterable[str]]
"""A section: lines of Markdown for a report; sections are separated by a blank line."""

_PUNCTUATION = {char: "\\" + char for char in string.punctuation}
_ESCAPES = str.maketrans(_PUNCTUATION)  # one C-level pass, not a Python call per character
_SPACES = re.compile(r"[\r\n\t\x0b\x0c\x85\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MERMAID_DROP = re.compile(r"[\"`\\#;<>&{}\[\]:|]")
MERMAID_POINTS = 40
"""The matrix chart shows at most this many partners (the first in rank order)."""
BOARD_NAMES = 12
"""The plain board lists at most this many partners per quadrant."""


def escape(text: str) -> str:
    """Text from the data, safe in any Markdown context, table cells included."""
    # Leading spaces go: four at a line's start would make an indented code block.
    text = _CONTROL.sub("", _SPACES.sub(" ", text)).lstrip(" ")
    return text.translate(_ESCAPES)


def table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    """A GFM table; cells must already be escaped. Every row gets the header's width."""
    width = len(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * width]
    for row in rows:
        cells = (row + [""] * width)[:width]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def mermaid_text(text: str) -> str:
    """Text for inside a Mermaid string: one line, no quotes, backticks or markup."""
    text = _MERMAID_DROP.sub("", _CONTROL.sub("", _SPACES.sub(" ", text)))
    return " ".join(text.split()) or "?"


def _name(placement: Placement) -> str:
    return escape(placement.partner.name)


def heading(report: Report) -> Iterator[str]:
    """The title and the facts: owner, target groups, description, personal data."""
    project, language = report.project, report.language
    yield f"# {escape(project.name)}"
    yield ""
    yield _fact("report.owner", language) + escape(project.owner.name)
    groups = ", ".join(escape(group) for group in project.target_groups)
    yield _fact("report.target_groups", language) + (groups or "–")
    fields = ", ".join(report.personal_fields) or label("report.personal_data_none", language)
    yield _personal_data(fields, language)
    yield _fact("report.as_of", language) + escape(as_of(report))
    yield _fact("report.priority", language) + escape(priority_meaning(report))
    if project.description:
        yield ""
        yield escape(project.description)


def _fact(key: str, language: Language) -> str:
    """The start of a fact's line in the heading: ``- **Owner:** ``."""
    return f"- **{label(key, language)}:** "


def _personal_data(fields: str, language: Language) -> str:
    """The heading's line saying which personal data the export holds."""
    return "- " + escape(label("report.personal_data", language, fields=fields))


@functools.cache
def _heading_starts(language: Language) -> tuple[str, str, str]:
    """How the heading's lines after the title and a blank line begin, in ``language``."""
    fields = "FIELDS"  # letters only: escaping leaves it as it is
    personal = _personal_data(fields, language).partition(fields)[0]
    return _fact("report.owner", language), _fact("report.target_groups", language), personal


def _point(placement: Placement, offset: float) -> tuple[str, str]:
    """Coordinates in the quadrant the placement is in, by score, never 0 or 1."""
    easy = placement.quadrant in {Quadrant.START_HERE, Quadrant.NOT_NOW}
    important = placement.quadrant in {Quadrant.START_HERE, Quadrant.DISCUSS}
    x = (0.55 if easy else 0.05) + 0.35 * (placement.ease - 1) / 4 + offset
    y = (0.55 if important else 0.05) + 0.35 * (placement.importance - 1) / 4 + offset
    return f"{x:.3f}", f"{y:.3f}"


def matrix(report: Report) -> Iterator[str]:
    """The board: a Mermaid quadrant chart, then the same as a plain table."""
    language, prio = report.language, report.prioritisation
    yield f"## {label('report.matrix', language)}"
    yield ""
    if not len(prio):
        yield escape(label("matrix.no_partners", language))
        return
    quadrant = {q: mermaid_text(label(f"quadrant_short.{q.value}", language)) for q in Quadrant}
    yield "```mermaid"
    yield "quadrantChart"
    yield f"    title {mermaid_text(report.project.name)}"
    yield (
        f'    x-axis "{mermaid_text(label("level.hard", language))}" --> '
        f'"{mermaid_text(label("level.easy", language))}"'
    )
    yield (
        f'    y-axis "{mermaid_text(label("level.low", language))}" --> '
        f'"{mermaid_text(label("level.high", language))}"'
    )
    yield f'    quadrant-1 "{quadrant[Quadrant.START_HERE]}"'
    yield f'    quadrant-2 "{quadrant[Quadrant.DISCUSS]}"'
    yield f'    quadrant-3 "{quadrant[Quadrant.NOT_WORTH_IT]}"'
    yield f'    quadrant-4 "{quadrant[Quadrant.NOT_NOW]}"'
    for index, placement in enumerate(prio):
        if index == MERMAID_POINTS:
            break
        x, y = _point(placement, (index % 5) * 0.01)
        name = mermaid_text(f"{placement.rank}. {placement.partner.name}")
        yield f'    "{name}": [{x}, {y}]'
    yield "```"
    yield ""
    if len(prio) > MERMAID_POINTS:
        more = label("matrix.more", language, count=len(prio) - MERMAID_POINTS)
        yield escape(more)
        yield ""
    yield from _board(report)


def _board(report: Report) -> list[str]:
    language, prio = report.language, report.prioritisation

    def cell(quadrant: Quadrant) -> str:
        placements = prio.quadrant(quadrant)
        title = f"**{escape(label(f'quadrant.{quadrant.value}', language))}**"
        names = [f"{p.rank}\\. {_name(p)}" for p in placements[:BOARD_NAMES]]
        if len(placements) > BOARD_NAMES:
            names.append(
                escape(label("matrix.more", language, count=len(placements) - BOARD_NAMES))
            )
        return f"{title}: " + (", ".join(names) or escape(label("matrix.empty", language)))

    high, low = label("level.high", language), label("level.low", language)
    return table(
        ["", escape(label("level.hard", language)), escape(label("level.easy", language))],
        [
            [f"**{escape(high)}**", cell(Quadrant.DISCUSS), cell(Quadrant.START_HERE)],
            [f"**{escape(low)}**", cell(Quadrant.NOT_WORTH_IT), cell(Quadrant.NOT_NOW)],
        ],
    )


def partners(report: Report) -> Iterator[str]:
    """The partner table in rank order, in the guide's words."""
    language, prio = report.language, report.prioritisation
    yield f"## {label('report.partners', language)}"
    yield ""
    columns = ["rank", "partner", "quadrant", "importance", "ease", "shared_interest",
               "challenges", "existing_relation"]  # fmt: skip
    if report.include_contacts:
        columns.append("contact")
    header = [escape(label(f"column.{c}", language)) for c in columns]
    assessments = report.project.assessments

    def row(placement: Placement) -> list[str]:
        assessment = assessments[placement.partner.id]
        cells = [
            str(placement.rank),
            _name(placement),
            _words(f"quadrant_short.{placement.quadrant.value}", language),
            _number(placement.importance, language),
            _number(placement.ease, language),
            escape(assessment.shared_interest),
            escape(assessment.challenges),
            escape(assessment.existing_relation),
        ]
        if report.include_contacts:
            cells.append(escape(_contact(report, placement)))
        return cells

    yield from table(header, (row(p) for p in prio))


@functools.cache
def _every_weeks(weeks: int, language: Language) -> str:
    """The label "every n weeks", escaped once for each n."""
    return escape(label("plan.every_weeks", language, weeks=weeks))


@functools.lru_cache(maxsize=1024)
def _number(value: float, language: Language) -> str:
    """A score, escaped once (a decimal comma or point is punctuation); few recur often."""
    return escape(format_number(value, language))


def _contact(report: Report, placement: Placement) -> str:
    name = report.contact_name(placement.partner.id)
    person = report.contact_person(placement.partner)
    parts = [name or (person.name if person else "")]
    if person is not None:
        parts += [value for value in (person.email, person.phone) if value]
    return ", ".join(part for part in parts if part)


def reasons(report: Report) -> Iterator[str]:
    """Each partner's reasons, in rank order."""
    language = report.language
    # Most sentences recur from partner to partner ("importance 5, set by hand"): each
    # is escaped once. Only for this export, so nothing is kept afterwards.
    item = functools.lru_cache(maxsize=1024)(lambda reason: f"- {escape(reason)}")
    yield f"## {label('report.reasons', language)}"
    for placement in report.prioritisation:
        yield ""
        flag = " ⚠" if placement.disagreement else ""
        yield f"### {placement.rank}\\. {_name(placement)}{flag}"
        yield ""
        yield from map(item, placement.explain(language))


def _day(day: dt.date) -> str:
    return escape(day.isoformat())


def _time(when: dt.datetime) -> str:
    """Danish local date and time to the minute, as ``2026-12-07 10:00`` (escaped).

    A plan's times are Danish already and shown as the plan holds them; any other
    zone is converted.
    """
    local = when if when.tzinfo is TIMEZONE else when.astimezone(TIMEZONE)
    return escape(local.strftime("%Y-%m-%d %H:%M"))


def _words(key: str, language: Language, **values: object) -> str:
    """A label, escaped after its values are filled in (the values may be data)."""
    if not values:
        return _constant(key, language)
    return escape(label(key, language, **values))


@functools.cache
def _constant(key: str, language: Language) -> str:
    """A label without values, escaped once: tables repeat them in every row."""
    return escape(label(key, language))


def readiness(report: Report) -> Iterator[str]:
    """The owner's three readiness points, and the guide's advice for each gap.

    Who answered is left out, even with ``include_contacts``: it may name a person.
    """
    language, ready = report.language, report.readiness
    yield f"## {_words('readiness.title', language)}"
    yield ""
    role = ready.role.value
    yield (
        f"**{_words('column.role', language)}:** {_words(f'role.{role}', language)} – "
        f"{_words(f'readiness.role.{role}', language)}"
    )
    yield ""

    def row(item: civsam.ReadinessItem) -> list[str]:
        answer = item.answer
        if answer is None:
            return [_words(item.label_key, language), _words("readiness.unanswered", language)]
        status = "readiness.in_place" if answer.in_place else "readiness.missing"
        return [
            _words(item.label_key, language),
            _words(status, language),
            _day(answer.date),
            escape(answer.note),
        ]

    columns = ("item", "status", "date", "note")
    header = [_words(f"column.{column}", language) for column in columns]
    yield from table(header, (row(item) for item in ready.items))
    yield ""
    yield f"### {_words('readiness.gaps', language)}"
    yield ""
    if ready.ready:
        yield _words("readiness.ready", language)
        return
    for item in ready.gaps:
        status = "readiness.unanswered" if item.answer is None else "readiness.missing"
        advice = _words(f"{item.label_key}.advice", language)
        yield f"- **{_words(item.label_key, language)}** ({_words(status, language)}): {advice}"
        if item.answer is not None and escape(item.answer.note):
            yield f"  **{_words('column.note', language)}:** {escape(item.answer.note)}"


def _step(step: OutreachStep, language: Language) -> str:
    """The step's name: one of the guide's four, or not started / ended."""
    if step in (OutreachStep.NOT_STARTED, OutreachStep.ENDED):
        return _words(f"step.{step.value}", language)
    return _words(step.label_key, language)


def outreach_plan(report: Report) -> Iterator[str]:
    """Where each approach stands and the first meetings, then check-ins and evaluations."""
    language, project, prio, plan = (
        report.language,
        report.project,
        report.prioritisation,
        report.plan,
    )
    yield f"## {_words('report.plan', language)}"
    yield ""
    # Each approached partner's current step, in one pass: the last entry counts.
    approached = {entry.partner: entry.step for entry in project.outreach}
    ranked = [
        placement
        for placement in prio
        if placement.quadrant in (Quadrant.START_HERE, Quadrant.DISCUSS)
        or placement.partner.id in approached
    ]
    # Partners approached without an assessment have no rank: they follow, in file order.
    unranked = [
        organisation
        for partner, organisation in project.organisations.items()
        if partner in approached and partner not in prio
    ]

    # One look-up each, not a scan per row: a national register plans thousands.
    meetings = {meeting.partner.id: meeting for meeting in plan.meetings}

    def cells(partner: civsam.Organisation, rank: str, quadrant: str) -> list[str]:
        meeting = meetings.get(partner.id)
        step = approached.get(partner.id, OutreachStep.NOT_STARTED)
        return [
            rank,
            escape(partner.name),
            quadrant,
            _step(step, language),
            _time(meeting.start) if meeting is not None else "",
        ]

    rows = [
        cells(
            p.partner,
            str(p.rank),
            _words(f"quadrant_short.{p.quadrant.value}", language),
        )
        for p in ranked
    ] + [cells(organisation, "", "") for organisation in unranked]
    if rows:
        columns = ("rank", "partner", "quadrant", "step", "meeting")
        yield from table([_words(f"column.{c}", language) for c in columns], rows)
        yield ""
    if plan.meetings:
        capacity = format_number(plan.settings.capacity, language)
        yield _words("plan.capacity", language, capacity=capacity, start=plan.start.isoformat())
    else:
        yield _words("plan.none", language)
    if plan.check_ins:
        yield ""
        yield f"### {_words('plan.check_ins', language)}"
        yield ""

        def every(weeks: int) -> str:
            if weeks == 1:
                return _words("plan.every_week", language)
            return _every_weeks(weeks, language)

        header = [_words(f"column.{c}", language) for c in ("partner", "every", "first")]
        yield from table(
            header,
            (
                [escape(c.partner.name), every(c.every_weeks), _time(c.first)]
                for c in plan.check_ins
            ),
        )
    if plan.milestones:
        yield ""
        yield f"### {_words('plan.evaluations', language)}"
        yield ""
        header = [_words(f"column.{c}", language) for c in ("partner", "date")]
        yield from table(header, ([escape(m.partner.name), _day(m.date)] for m in plan.milestones))


def due(report: Report) -> Iterator[str]:
    """The partners whose check-in is due or overdue, most overdue first."""
    language = report.language
    yield f"## {_words('due.title', language)}"
    yield ""
    if not report.due:
        yield _words("due.none", language)
        return

    def late(days: int) -> str:
        return _words("due.today", language) if days == 0 else format_number(days, language)

    columns = ("partner", "last_contact", "due", "days_overdue")
    yield from table(
        [_words(f"column.{c}", language) for c in columns],
        (
            [escape(d.partner.name), _day(d.last_contact), _day(d.due), late(d.days_overdue)]
            for d in report.due
        ),
    )


def checklists(report: Report) -> Iterator[str]:
    """Each running partnership against the guide's six items, and the next review's agenda."""
    language, running = report.language, report.checklists
    yield f"## {_words('checklist.title', language)}"
    if not running:
        yield ""
        yield _words("review.none", language)
        return
    for checklist in running:
        yield ""
        yield from _checklist(checklist, language)


def _status(status: civsam.ItemStatus | None, language: Language) -> str:
    return _words(f"item_status.{status.value if status is not None else 'none'}", language)


def _checklist(checklist: Checklist, language: Language) -> Iterator[str]:
    yield f"### {_words('review.partnership', language, name=checklist.partner.name)}"
    yield ""
    if not checklist.reviews and all(not progress.history for progress in checklist.items):
        # Never reviewed: the same lines for every such partnership (thousands, in a
        # national register), so they are made once.
        items = tuple(progress.item for progress in checklist.items)
        yield from _unreviewed(items, checklist.next_review, language)
        return
    yield from _checklist_body(checklist, language)


@functools.cache
def _unreviewed(
    items: tuple[civsam.ChecklistItem, ...], upcoming: dt.date | None, language: Language
) -> tuple[str, ...]:
    """The checklist's lines below its title when no item has been reviewed."""
    checklist = Checklist(_NOBODY, (), tuple(civsam.ItemProgress(item) for item in items), upcoming)
    return tuple(_checklist_body(checklist, language))


_NOBODY = civsam.Organisation("-", "-")


def _checklist_body(checklist: Checklist, language: Language) -> Iterator[str]:
    yield f"- {_words('review.done', language, done=checklist.done)}"
    last, upcoming = checklist.last_review, checklist.next_review
    if last is None:
        yield f"- {_words('review.not_reviewed', language)}"
    else:
        yield f"- {_words('review.last_review', language, date=last.isoformat())}"
    if upcoming is not None:
        yield f"- {_words('review.next_review', language, date=upcoming.isoformat())}"
    yield ""

    def row(progress: civsam.ItemProgress) -> list[str]:
        latest, trend = progress.latest, progress.trend
        return [
            _words(progress.label_key, language),
            _status(progress.status, language),
            _words(f"trend.{trend.value}", language) if trend is not None else "",
            escape(latest.note) if latest is not None else "",
        ]

    columns = ("item", "status", "trend", "note")
    yield from table([_words(f"column.{c}", language) for c in columns], map(row, checklist.items))
    yield ""
    yield f"#### {_words('review.agenda', language)}"
    yield ""
    if not checklist.agenda:
        yield _words("review.agenda_empty", language)
        return
    for progress in checklist.agenda:
        line = (
            f"- **{_words(progress.label_key, language)}** ({_status(progress.status, language)})"
        )
        note = escape(progress.latest.note) if progress.latest is not None else ""
        yield f"{line}: {note}" if note else line


def made_with(report: Report) -> str:
    """The footer's words: made with civsam, and its version and date if the build says so."""
    made = label("report.generated_by", report.language)
    if report.generated is not None:
        made += f" {civsam.__version__}, {report.generated.date().isoformat()}"
    return made


def footer(report: Report) -> Iterator[str]:
    """Where the document comes from, and when, if the build says so."""
    yield f"*{escape(made_with(report))}*"


@attrs.frozen
class MarkdownExporter:
    """The report as GitHub-flavoured Markdown, built from ``sections`` in order."""

    sections: tuple[Section, ...] = (
        heading,
        matrix,
        partners,
        reasons,
        readiness,
        outreach_plan,
        due,
        checklists,
        footer,
    )
    name: str = "markdown"
    suffix: str = ".md"
    media_type: str = "text/markdown; charset=utf-8; variant=GFM"

    def export(self, report: Report, out: BinaryIO) -> None:
        """Write every section, UTF-8, LF line endings, one final newline."""
        blocks = ["\n".join(section(report)).strip("\n") for section in self.sections]
        text = "\n\n".join(block for block in blocks if block) + "\n"
        out.write(text.encode("utf-8"))

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` begins with the report's heading, in either language.

        A title, a blank line, then the owner, the target groups and the personal data
        the export holds, each line as :func:`heading` starts it: a user's own notes do
        not say "Personal data in this export". An exporter whose ``sections`` do not
        start with :func:`heading` recognises the default report's files, not its own.
        """
        text = _recognise.text(data)
        if text is None:
            return False
        lines = [line.removesuffix("\r") for line in text.split("\n", 5)[:5]]
        if lines[0][:2] != "# " or lines[1:2] != [""]:
            return False
        facts = lines[2:]
        for language in Language:
            starts = _heading_starts(language)
            if len(facts) == len(starts) and all(map(str.startswith, facts, starts)):
                return True
        return False


MARKDOWN = MarkdownExporter()


@hookimpl
def civsam_exporters() -> list[MarkdownExporter]:
    """The Markdown report."""
    return [MARKDOWN]
