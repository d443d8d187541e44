"""The report as GitHub-flavoured Markdown: for a team's wiki or repository.

Title and facts, the priority matrix as a Mermaid ``quadrantChart`` (GitHub and GitLab
draw it) and as a plain table for renderers without Mermaid, the partner table, each
partner's reasons (ending with its history when it was assessed more than once), then
the collaboration's lifecycle: the owner's readiness, the outreach plan, the contacts
that are due and each running partnership's checklist. A report made ``since`` a day
also says who moved on the board since then: a section after the board, and "was: …"
beside each moved partner on the board's table and in the partner table.
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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import BinaryIO

import attrs

import civsam
from civsam import (
    Checklist,
    Language,
    OutreachStep,
    Quadrant,
    Report,
    format_number,
    hookimpl,
    label,
    toolkit,
)

__all__ = [
    "MARKDOWN",
    "MarkdownExporter",
    "Section",
    "checklists",
    "civsam_exporters",
    "due",
    "escape",
    "mermaid_text",
    "movement",
    "outreach_plan",
    "readiness",
    "table",
]

Section = Callable[[Report], Iterable[str]]
"""A section: lines of Markdown for a report; sections are separated by a blank line."""

_PUNCTUATION = {char: "\\" + char for char in string.punctuation}
_ESCAPES = str.maketrans(_PUNCTUATION)  # one C-level pass, not a Python call per character
_MERMAID_DROP = re.compile(r"[\"`\\#;<>&{}\[\]:|]")


def escape(text: str) -> str:
    """Text from the data, safe in any Markdown context, table cells included."""
    # One line without control characters; leading spaces go too: four at a line's
    # start would make an indented code block.
    return toolkit.clean(text, target="text").lstrip(" ").translate(_ESCAPES)


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
    text = _MERMAID_DROP.sub("", toolkit.clean(text, target="text"))
    return " ".join(text.split()) or "?"


def _name(row: toolkit.Row | civsam.Placement) -> str:
    return escape(row.partner.name)


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
    yield _fact("report.as_of", language) + escape(toolkit.as_of(report))
    yield _fact("report.priority", language) + escape(toolkit.priority_meaning(report))
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


# Mermaid's quadrantChart at its default size, as GitHub draws it (Mermaid 11's
# QuadrantBuilder): a 500 × 500 viewBox; with a title, axis labels and points, the plot is
# 464 × 424 px, so each quadrant is 232 × 212 px. A point's place is chosen in those pixels
# and written as a fraction of the plot. Its dot has radius 5; its label (12 px text) is
# centred under the dot, from 3 to 17 px below its centre; a quadrant's title (16 px)
# takes the quadrant's top 20 px.
_PLOT_WIDTH, _PLOT_HEIGHT = 464, 424
_QUADRANT_WIDTH, _QUADRANT_HEIGHT = 232, 212
_TITLE_BAND = 26
"""Pixels at the top of a quadrant kept for its title (16 px text, 2–19 px from the top)."""
_ABOVE, _BELOW = 5, 18
"""How far a point's mark reaches above its centre (the dot) and below it (the label)."""
_DIGIT_WIDTH = 8
"""Pixels one digit of a point's label takes, at most, in the fonts Mermaid asks for.

Measured at 12 px: Arial (Liberation Sans) 6.8, Verdana (DejaVu Sans) 7.6, Trebuchet 6.3.
"""
_EDGE = 3
"""Pixels between a point's mark and its quadrant's edges."""
_GAP_X, _GAP_Y = 6, 5
"""Pixels between two points' marks, side by side and one above the other."""
_PITCH = 28
"""The least distance between two points' centres, so a sparse quadrant is not a blur."""
_TITLE_EMS = 23.0
"""How wide the chart's title may be, in ems of its 20 px font: 460 of the 500 px."""
_NARROW = frozenset("fijlrtI.,:;!|'()-– ")
_WIDE = frozenset("mwMWæÆœŒ@%")


@attrs.frozen
class _Grid:
    """Where a quadrant's points may go: the range of their centres and their least spacing.

    In pixels from the quadrant's top left corner; ``width`` is a label's at most.
    """

    width: float

    @property
    def left(self) -> float:
        return _EDGE + max(self.width / 2, 5)

    @property
    def right(self) -> float:
        return _QUADRANT_WIDTH - self.left

    @property
    def top(self) -> float:
        return _TITLE_BAND + _ABOVE

    @property
    def bottom(self) -> float:
        return _QUADRANT_HEIGHT - _EDGE - _BELOW

    @property
    def pitch_x(self) -> float:
        return max(2 * max(self.width / 2, 5) + _GAP_X, _PITCH)

    @property
    def pitch_y(self) -> float:
        return max(_ABOVE + _BELOW + _GAP_Y, _PITCH)

    @property
    def columns(self) -> int:
        return int((self.right - self.left) // self.pitch_x) + 1

    @property
    def rows(self) -> int:
        return int((self.bottom - self.top) // self.pitch_y) + 1

    @property
    def capacity(self) -> int:
        """How many points the quadrant holds with every mark apart."""
        return self.columns * self.rows

    def places(self, count: int) -> list[tuple[float, float]]:
        """Centres for ``count`` points, spread over the quadrant in reading order.

        The quadrant is cut into as many equal cells as the points need, about as many
        across as its shape suggests; each point sits in the middle of its cell, so a few
        points spread out and many fill a grid, never closer than the pitch.
        """
        if count <= 0:
            return []
        span_x = self.right - self.left + self.pitch_x  # the cells' total width
        span_y = self.bottom - self.top + self.pitch_y
        columns = min(self.columns, max(1, round((count * span_x / span_y) ** 0.5)))
        rows = min(self.rows, -(-count // columns))
        columns = -(-count // rows)
        start_x, start_y = self.left - self.pitch_x / 2, self.top - self.pitch_y / 2
        return [
            (
                start_x + (index % columns + 0.5) * span_x / columns,
                start_y + (index // columns + 0.5) * span_y / rows,
            )
            for index in range(count)
        ]


def _fraction(pixels: float, of: int) -> str:
    """A coordinate as Mermaid's lexer reads it: ``0.ddd``, strictly between 0 and 1."""
    return f"{min(max(pixels / of, 0.001), 0.999):.3f}"


def _chart_title(name: str) -> str:
    """The project's name for the chart's title, cut with … where it would not fit."""
    title = mermaid_text(name)
    ems = 0.0
    for index, char in enumerate(title):
        ems += _ems(char)
        if ems > _TITLE_EMS - 1:  # room for the ellipsis
            rest = sum(map(_ems, title[index:]))
            if ems - _ems(char) + rest <= _TITLE_EMS:
                return title
            return title[:index].rstrip() + "…"
    return title


def _ems(char: str) -> float:
    """A generous guess at a character's width, in ems, in a sans-serif font."""
    if char in _NARROW:
        return 0.4
    if char in _WIDE:
        return 1.0
    if char.isascii():
        return 0.8 if char.isupper() else 0.65
    if char <= "\u024f":  # Latin letters with accents: as wide as their capitals
        return 0.8
    return 1.3  # other scripts and emoji, drawn by a fallback font


def _chart_points(
    quadrants: Mapping[Quadrant, Sequence[toolkit.Row]],
) -> tuple[list[tuple[toolkit.Row, str, str]], dict[Quadrant, int]]:
    """The chart's points, as (placement, x, y), and how many each quadrant leaves out.

    The chart is a board, not a scatter plot: each quadrant shows its first partners by
    rank, as many as stay apart at Mermaid's default size, in reading order. Labels are
    rank numbers, all as wide as the longest (the names are in the tables below).
    """
    total = sum(map(len, quadrants.values()))
    grid = _Grid(len(str(total)) * _DIGIT_WIDTH)
    points: list[tuple[toolkit.Row, str, str]] = []
    hidden: dict[Quadrant, int] = {}
    for quadrant, placements in quadrants.items():
        shown = placements[: grid.capacity]
        hidden[quadrant] = len(placements) - len(shown)
        easy = quadrant in {Quadrant.START_HERE, Quadrant.NOT_NOW}
        important = quadrant in {Quadrant.START_HERE, Quadrant.DISCUSS}
        left = _QUADRANT_WIDTH if easy else 0
        top = 0 if important else _QUADRANT_HEIGHT
        for placement, (x, y) in zip(shown, grid.places(len(shown)), strict=True):
            points.append(
                (
                    placement,
                    _fraction(left + x, _PLOT_WIDTH),
                    _fraction(_PLOT_HEIGHT - top - y, _PLOT_HEIGHT),
                )
            )
    points.sort(key=lambda point: point[0].rank)
    return points, hidden


_CHART_QUADRANTS = (
    ("quadrant-1", Quadrant.START_HERE),
    ("quadrant-2", Quadrant.DISCUSS),
    ("quadrant-3", Quadrant.NOT_WORTH_IT),
    ("quadrant-4", Quadrant.NOT_NOW),
)
"""Mermaid's quadrants: 1 is top right (easy, important), then counter-clockwise."""


def matrix(report: Report) -> Iterator[str]:
    """The board: a Mermaid quadrant chart and its legend, then the same as a plain table."""
    language, prio = report.language, report.prioritisation
    yield f"## {label('report.matrix', language)}"
    yield ""
    if not len(prio):
        yield escape(label("matrix.no_partners", language))
        return
    quadrants = toolkit.quadrants(report)
    points, hidden = _chart_points(quadrants)
    yield "```mermaid"
    yield "quadrantChart"
    yield f"    title {_chart_title(report.project.name)}"
    yield (
        f'    x-axis "{mermaid_text(label("level.hard", language))}" --> '
        f'"{mermaid_text(label("level.easy", language))}"'
    )
    yield (
        f'    y-axis "{mermaid_text(label("level.low", language))}" --> '
        f'"{mermaid_text(label("level.high", language))}"'
    )
    for name, quadrant in _CHART_QUADRANTS:
        title = label(
            "chart.quadrant",
            language,
            quadrant=_short(quadrant, language),
            count=format_number(len(quadrants[quadrant]), language),
        )
        yield f'    {name} "{mermaid_text(title)}"'
    for placement, x, y in points:
        yield f'    "{placement.rank}": [{x}, {y}]'
    yield "```"
    yield ""
    yield escape(label("chart.legend", language))
    more = [
        label(
            "chart.more",
            language,
            count=format_number(hidden[quadrant], language),
            quadrant=_short(quadrant, language),
        )
        for _, quadrant in _CHART_QUADRANTS
        if hidden[quadrant]
    ]
    if more:
        yield ""
        more_listed = toolkit.Labels(language).listed(more)
        yield escape(label("chart.not_drawn", language, more=more_listed))
    yield ""
    yield from _board(report, quadrants)


def _short(quadrant: Quadrant, language: Language) -> str:
    """A quadrant's short name: "Start here"."""
    return label(f"quadrant_short.{quadrant.value}", language)


def _board(report: Report, quadrants: Mapping[Quadrant, Sequence[toolkit.Row]]) -> list[str]:
    language, shown = report.language, toolkit.BOARD_NAMES

    def cell(quadrant: Quadrant) -> str:
        placements = quadrants[quadrant]
        title = f"**{escape(label(f'quadrant.{quadrant.value}', language))}**"
        names = [f"{p.rank}\\. {_name(p)}{_was(report, p.id)}" for p in placements[:shown]]
        if len(placements) > shown:
            names.append(escape(label("matrix.more", language, count=len(placements) - shown)))
        return f"{title}: " + (", ".join(names) or escape(label("matrix.empty", language)))

    high, low = label("level.high", language), label("level.low", language)
    return table(
        ["", escape(label("level.hard", language)), escape(label("level.easy", language))],
        [
            [f"**{escape(high)}**", cell(Quadrant.DISCUSS), cell(Quadrant.START_HERE)],
            [f"**{escape(low)}**", cell(Quadrant.NOT_WORTH_IT), cell(Quadrant.NOT_NOW)],
        ],
    )


def _was(report: Report, partner_id: str) -> str:
    """`` (was: Discuss)`` after a partner that moved since the report's ``since``, escaped.

    Where it came from, new, or its old scores (:func:`civsam.toolkit.movement`); ``""``
    for one that did not move, and always without ``since``.
    """
    if report.since is None:
        return ""
    moved = toolkit.movement(report, partner_id)
    return "" if moved is None else f" {escape(f'({moved.text})')}"


def _strong(text: str) -> str:
    """Text from the data in bold, escaped.

    Without white space at either end, where ``**`` would no longer mark bold and show
    as asterisks; nothing left (a name of white space only) is written plain.
    """
    escaped = escape(text).strip()
    return f"**{escaped}**" if escaped else escaped


def movement(report: Report) -> Iterator[str]:
    """Who moved quadrant since the report's ``since``, who is new, who left; else nothing.

    Each partner once, its name in bold, then where it was and is, with the scores
    before and after. Partners whose scores changed within their quadrant are counted,
    not named: the partner table marks them.
    """
    view = toolkit.movement_view(report)
    if view is None:
        return
    yield f"## {escape(view.title)}"
    yield ""
    yield escape(view.intro)
    if view.none:
        yield ""
        yield escape(view.none)
    for group in view.groups:
        yield ""
        yield f"### {escape(group.heading)}"
        yield ""
        yield from (f"- {_strong(item.name)}: {escape(item.detail)}" for item in group.items)
    if view.within:
        yield ""
        yield escape(view.within)


def partners(report: Report) -> Iterator[str]:
    """The partner table in rank order, in the guide's words."""
    language = report.language
    yield f"## {label('report.partners', language)}"
    yield ""
    columns = ["rank", "partner", "quadrant", "importance", "ease", "shared_interest",
               "challenges", "existing_relation"]  # fmt: skip
    if report.include_contacts:
        columns.append("contact")
    header = [escape(label(f"column.{c}", language)) for c in columns]

    def row(placed: toolkit.Row) -> list[str]:
        assessment = placed.assessment
        cells = [
            str(placed.rank),
            _name(placed),
            _words(f"quadrant_short.{placed.quadrant.value}", language) + _was(report, placed.id),
            _number(placed.importance, language),
            _number(placed.ease, language),
            escape(assessment.shared_interest),
            escape(assessment.challenges),
            escape(assessment.existing_relation),
        ]
        if report.include_contacts:
            details = toolkit.contact_details(report, placed.partner)
            cells.append(escape(", ".join(details.shown)))
        return cells

    yield from table(header, map(row, toolkit.rows(report)))


@functools.lru_cache(maxsize=1024)
def _number(value: float, language: Language) -> str:
    """A score, escaped once (a decimal comma or point is punctuation); few recur often."""
    return escape(format_number(value, language))


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
        yield from _history(report, placement.partner.id)


def _history(report: Report, partner_id: str) -> Iterator[str]:
    """A partner's assessments, oldest first, when it has more than one; else nothing."""
    if len(report.history(partner_id)) < 2:  # noqa: PLR2004 - one assessment is no history
        return
    yield ""
    yield f"**{_words('movement.history', report.language)}:**"
    yield ""
    yield from (f"- {escape(line)}" for line in toolkit.history_lines(report, partner_id))


def _day(day: dt.date) -> str:
    return escape(day.isoformat())


def _time(when: dt.datetime) -> str:
    """Danish local date and time to the minute, as ``2026-12-07 10:00`` (escaped)."""
    return escape(toolkit.local_time(when))


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


def outreach_plan(report: Report) -> Iterator[str]:
    """Where each approach stands and the first meetings, then check-ins and evaluations."""
    language, view = report.language, toolkit.plan_view(report)
    yield f"## {_words('report.plan', language)}"
    yield ""
    words = toolkit.Labels(language)
    steps = {step: escape(words.step(step)) for step in OutreachStep}
    shorts = {q: _words(f"quadrant_short.{q.value}", language) for q in Quadrant}
    rows = [
        [
            "" if approach.rank is None else str(approach.rank),
            escape(approach.partner.name),
            "" if approach.quadrant is None else shorts[approach.quadrant],
            steps[approach.step],
            _time(approach.meeting.start) if approach.meeting is not None else "",
        ]
        for approach in view.approaches
    ]
    if rows:
        columns = ("rank", "partner", "quadrant", "step", "meeting")
        yield from table([_words(f"column.{c}", language) for c in columns], rows)
        yield ""
    yield from _plan_facts(view)
    yield from _check_ins(view, language)
    if view.evaluations:
        yield ""
        yield f"### {_words('plan.evaluations', language)}"
        yield ""
        header = [_words(f"column.{c}", language) for c in ("partner", "date")]
        yield from table(header, ([escape(m.partner.name), _day(m.date)] for m in view.evaluations))


def _plan_facts(view: toolkit.PlanView) -> Iterator[str]:
    """Under the approaches: the capacity, the closed periods, who waits for a first meeting."""
    if view.no_meetings:
        yield escape(view.no_meetings)
    if view.capacity:
        if view.no_meetings:
            yield ""
        yield escape(view.capacity)
    if view.closed:
        yield ""
        yield from (f"- {escape(line)}" for line in view.closed)
    if view.unscheduled:
        yield ""
        yield escape(view.unscheduled)


def _check_ins(view: toolkit.PlanView, language: Language) -> Iterator[str]:
    """The check-ins: each series, who gets none, and each one moved or left out."""
    if view.check_ins or view.crowded_out:
        yield ""
        yield f"### {_words('plan.check_ins', language)}"
        if view.check_ins:
            yield ""
            header = [_words(f"column.{c}", language) for c in ("partner", "every", "first")]
            every = functools.cache(escape)  # a few texts, repeated in every row
            yield from table(
                header,
                (
                    [escape(series.partner.name), every(series.every), _time(series.first)]
                    for series in view.check_ins
                ),
            )
        if view.crowded_out:
            yield ""
            yield escape(view.crowded_out)
    for key, lines in (("moved_check_ins", view.moved), ("skipped_check_ins", view.skipped)):
        if lines:
            yield ""
            yield f"### {_words(f'plan.{key}', language)}"
            yield ""
            yield from (f"- {escape(line)}" for line in lines)


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
        # Nothing red or amber is worth celebrating only once a review has said so.
        yield _words(
            "review.agenda_empty" if checklist.celebrate else "review.not_reviewed", language
        )
        return
    for progress in checklist.agenda:
        line = (
            f"- **{_words(progress.label_key, language)}** ({_status(progress.status, language)})"
        )
        note = escape(progress.latest.note) if progress.latest is not None else ""
        yield f"{line}: {note}" if note else line


def footer(report: Report) -> Iterator[str]:
    """Where the document comes from, and when, if the build says so."""
    yield f"*{escape(toolkit.made_with(report))}*"


@attrs.frozen
class MarkdownExporter:
    """The report as GitHub-flavoured Markdown, built from ``sections`` in order."""

    sections: tuple[Section, ...] = (
        heading,
        matrix,
        movement,
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
        text = toolkit.head_text(data)
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
