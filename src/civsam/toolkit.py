"""The exporter toolkit: what every export format needs, so that a format only renders.

civsam's own exporters are built on it, and so can yours. It gives:

- **text**: :func:`clean` drops the characters a document must not hold and folds line
  breaks to spaces; :func:`escape_text` and :func:`escape_attribute` write XML (and HTML)
  that reads back as the data. A format's own rules (Markdown's backslashes, a CSV
  formula guard, iCalendar's escapes) go on top, in the format.
- **rows**: :func:`rows` gives one named :class:`Row` per placed partner in rank order,
  :func:`quadrants` the same rows by quadrant, :func:`contact_details` a partner's
  contact person as far as the report lets an export show it.
- **the plan**: :func:`plan_view` is the outreach plan as a report shows it, its rows and
  its sentences made once from :attr:`civsam.Report.plan`.
- **words and facts**: :class:`Labels` says catalogue labels in the report's language;
  :func:`as_of`, :func:`priority_meaning` and :func:`made_with` are the sentences every
  report says about itself, worded alike in every format.
- **movement**: :func:`movement` says how a partner moved since the report's
  :attr:`~civsam.Report.since` ("was: Discuss", "new since 2026-11-01", an arrow's
  direction), :func:`movement_view` is the reports' section on it, and
  :func:`history_lines` a partner's assessments, one sentence each.
- **recognising**: :func:`head_text` reads the start of an earlier export for an
  exporter's ``recognises``.

Nothing here writes a file or reads the clock: the same report gives the same values.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import Literal, NamedTuple, TypeVar, cast

import attrs

from civsam._version import __version__
from civsam.explain import format_number
from civsam.history import Move
from civsam.labels import Choices, label
from civsam.lifecycle import OutreachStep
from civsam.model import Assessment, Language, Organisation, OrgKind, Quadrant, RelationKind
from civsam.planning import TIMEZONE, CheckIn, Meeting, Milestone
from civsam.report import Report

__all__ = [
    "BOARD_NAMES",
    "Approach",
    "CheckInSeries",
    "ContactDetails",
    "Labels",
    "Movement",
    "MovementGroup",
    "MovementItem",
    "MovementView",
    "PlanView",
    "Row",
    "Target",
    "as_of",
    "clean",
    "contact_details",
    "escape_attribute",
    "escape_text",
    "first_held",
    "head_text",
    "history_lines",
    "local_time",
    "made_with",
    "movement",
    "movement_view",
    "plan_view",
    "priority_meaning",
    "quadrants",
    "rows",
    "script_json",
]

_T = TypeVar("_T")

# -- text ----------------------------------------------------------------------------------

Target = Literal["text", "xml", "html"]
"""What :func:`clean` cleans for: any text file, XML 1.0, or HTML (the strictest)."""

_LINE_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
"""Line breaks of every kind (CR, LF, VT, FF, NEL, LS, PS) and tabs, in runs."""
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
"""C0 controls but tab, LF and CR, and DEL: what no text file should hold."""
_NOT_XML = _CONTROLS + "\ud800-\udfff\ufffe\uffff"
"""Also what XML 1.0 cannot hold at all: lone surrogates, U+FFFE and U+FFFF."""
_BEYOND_BMP = "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
"""The noncharacters beyond the Basic Multilingual Plane: U+1FFFE, U+1FFFF, …."""
_NOT_HTML = _NOT_XML + "\x80-\x84\x86-\x9f\ufdd0-\ufdef" + _BEYOND_BMP
"""Also C1 controls (but NEL, a line break) and every noncharacter: HTML calls them parse
errors and XML 1.0 discourages them."""
_DROP: Mapping[str, re.Pattern[str]] = {
    "text": re.compile(f"[{_CONTROLS}]"),
    "xml": re.compile(f"[{_NOT_XML}]"),
    "html": re.compile(f"[{_NOT_HTML}]"),
}
_TEXT_SPECIAL = re.compile(f"[&<>\r{_NOT_XML}]")
_ATTRIBUTE_SPECIAL = re.compile(f'[&<>"\r\n\t{_NOT_XML}]')
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)


def clean(text: str, *, target: Target = "html", lines: bool = False) -> str:
    """Text from the data without the characters ``target`` must not hold.

    ``"text"`` drops control characters (C0 but tab, LF and CR, and DEL): a Markdown or
    iCalendar file. ``"xml"`` also drops what XML 1.0 cannot hold (lone surrogates,
    U+FFFE, U+FFFF). ``"html"``, the default, also drops C1 controls and noncharacters,
    which HTML calls parse errors. Every run of line breaks (CR, LF, VT, FF, NEL, U+2028,
    U+2029) and tabs becomes one space, so a name stays on its line and in its table
    cell, unless ``lines``: then tab, LF, CR, NEL, U+2028 and U+2029 are kept.
    """
    drop = _DROP[target]
    if not lines:
        text = _LINE_BREAKS.sub(" ", text)
    return drop.sub("", text)


def escape_text(text: str) -> str:
    """XML (or HTML) character data that reads back as ``clean(text, target="xml", lines=True)``.

    ``&``, ``<`` and ``>`` are escaped, and CR too (``&#13;``): a parser would read a
    raw CR as LF.
    """
    if _TEXT_SPECIAL.search(text) is None:  # most text: one scan, no copy
        return text
    return clean(text, target="xml", lines=True).translate(_TEXT_ESCAPES)


def escape_attribute(text: str) -> str:
    """A double-quoted attribute value that reads back as ``clean(text, target="xml", lines=True)``.

    ``"`` is escaped too, and CR, LF and tab as character references, which an XML
    parser's attribute-value normalisation leaves alone.
    """
    if _ATTRIBUTE_SPECIAL.search(text) is None:
        return text
    return clean(text, target="xml", lines=True).translate(_ATTRIBUTE_ESCAPES)


_IN_SCRIPT = re.compile(
    "[<>&\u2028\u2029\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + _BEYOND_BMP + "]"
)
"""What :func:`script_json` writes as ``\\uXXXX``: what could end a ``<script>`` element or
start a comment in it (``<``, ``>``, ``&``), and every character HTML calls a parse error."""
_LAST_IN_BMP = 0xFFFF


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code > _LAST_IN_BMP:  # a surrogate pair, as JSON writes a character beyond the BMP
        code -= 0x10000
        return f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}"
    return f"\\u{code:04x}"


def script_json(data: object) -> str:
    """``data`` as JSON to put inside ``<script type="application/json">…</script>``.

    Nothing in it can end the element or make an HTML parse error, yet a page's script
    reads back (``JSON.parse(element.textContent)``) exactly the strings given, ids and
    names included: the characters :func:`clean` would drop are escaped, not dropped.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _IN_SCRIPT.sub(_json_escape, text)


# -- words and facts -----------------------------------------------------------------------


class Labels:
    """Catalogue labels in one language: ``Labels(report.language)("column.rank")``.

    A wrapper around :func:`civsam.label` for an export, which says the same words in
    every row: a label without values is looked up once. It also names the things rows
    hold (a quadrant, a kind of organisation or relation, an outreach step) and says
    numbers and lists as the language writes them.
    """

    __slots__ = ("_known", "language")

    def __init__(self, language: Language | str) -> None:
        self.language = Language(language)
        self._known: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"Labels({self.language.value!r})"

    def __call__(self, key: str, /, **values: object) -> str:
        """The label ``key``, its placeholders filled with ``values``."""
        if values:
            return label(key, self.language, **values)
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = label(key, self.language)
        return known

    def quadrant(self, quadrant: Quadrant, *, short: bool = False) -> str:
        """A quadrant's name: "Let's start here", or with ``short`` "Start here"."""
        return self(f"quadrant_short.{quadrant.value}" if short else f"quadrant.{quadrant.value}")

    def kind(self, kind: OrgKind) -> str:
        """A kind of organisation: "Civil society organisation"."""
        return self(f"org_kind.{kind.value}")

    def relation(self, kind: RelationKind) -> str:
        """A kind of relation: "Partnership"."""
        return self(f"relation_kind.{kind.value}")

    def step(self, step: OutreachStep) -> str:
        """An outreach step: one of the guide's four, or not started, or ended."""
        if step in (OutreachStep.NOT_STARTED, OutreachStep.ENDED):
            return self(f"step.{step.value}")
        return self(step.label_key)

    def number(self, value: float) -> str:
        """A score or count as the language writes it: ``4``, ``3,5`` in Danish."""
        return format_number(value, self.language)

    def listed(self, items: Iterable[str]) -> str:
        """Items as a person lists them: "a, b and c" (the catalogue's "and")."""
        return Choices(items, "and").say(self.language)


def _as_of(report: Report) -> dt.date:
    """The day the report is made for: the one place the toolkit reads it."""
    return report.as_of


def as_of(report: Report) -> str:
    """The day the report is made for, and what counts from it, as a sentence."""
    return label("report.as_of_note", report.language, date=_as_of(report).isoformat())


def priority_meaning(report: Report) -> str:
    """What orders partners within a quadrant: the matrix's sum, or another rule's order."""
    prio = report.prioritisation
    if prio.thresholds is not None:
        return label("report.priority_matrix", report.language)
    return label("report.priority_other", report.language, rule=prio.rule)


def made_with(report: Report) -> str:
    """The footer's words: made with civsam, and its version and date if the build says so.

    The date is that of ``SOURCE_DATE_EPOCH`` (:attr:`civsam.Report.generated`), never
    the clock's, so the same report gives the same words.
    """
    made = label("report.generated_by", report.language)
    if report.generated is not None:
        made += f" {__version__}, {report.generated.date().isoformat()}"
    return made


def first_held(series: CheckIn) -> dt.datetime:
    """A series' first check-in that is held: the rule's first may have moved, or fallen out."""
    return next(iter(series.occurrences()), series.first)


def local_time(when: dt.datetime) -> str:
    """Danish local date and time to the minute, as ``2026-12-07 10:00``.

    A plan's times are Danish already and shown as the plan holds them; any other zone
    is converted.
    """
    local = when if when.tzinfo is TIMEZONE else when.astimezone(TIMEZONE)
    return local.strftime("%Y-%m-%d %H:%M")


def head_text(data: bytes) -> str | None:
    """The start of a file as UTF-8 text, for ``recognises``; ``None`` if it is not UTF-8.

    :func:`civsam.export` shows an exporter at most the first 64 KiB of an existing
    file, so the bytes may end in the middle of a character: that character is left out,
    not taken for a sign of another format.
    """
    try:
        # Not final: an incomplete sequence at the end is held back, not an error.
        return codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return None


# -- rows ----------------------------------------------------------------------------------

BOARD_NAMES = 12
"""A board written as text lists at most this many partners per quadrant (then "… and N
more"): the Markdown and HTML reports list the same ones."""


class Row(NamedTuple):
    """One placed partner as a table shows it: :func:`rows` gives them in rank order.

    ``importance`` and ``ease`` are the scores the rule used; ``disagreement`` is true when
    the raters' scores are far apart; ``step`` is the partner's current outreach step
    (:attr:`~civsam.OutreachStep.NOT_STARTED` when none is recorded). The partner's
    :class:`~civsam.Placement` (with its reasons) is ``report.prioritisation[row.id]``.

    A named tuple, not a frozen class, because a national table has 100,000 of them and
    a tuple is made several times faster; read its fields by name.
    """

    rank: int
    quadrant: Quadrant
    partner: Organisation
    assessment: Assessment
    importance: float
    ease: float
    disagreement: bool
    step: OutreachStep

    @property
    def id(self) -> str:
        """The partner's id."""
        return self.partner.id

    @property
    def name(self) -> str:
        """The partner's name."""
        return self.partner.name


_MEMO: dict[int, dict[str, object]] = {}
"""Per live report (by identity), what the toolkit made from it; dropped with the report."""


def _once(report: Report, name: str, make: Callable[[Report], _T]) -> _T:
    """``make(report)``, made once per report: a report's sections share rows and views."""
    key = id(report)
    made = _MEMO.get(key)
    if made is None:
        made = _MEMO[key] = {}
        weakref.finalize(report, _MEMO.pop, key, None)
    if name not in made:
        made[name] = make(report)
    return cast("_T", made[name])


def _rows(report: Report) -> tuple[Row, ...]:
    # The last recorded step counts: one pass, not a scan per partner.
    steps = {entry.partner: entry.step for entry in report.project.outreach}
    not_started = OutreachStep.NOT_STARTED
    return tuple(
        Row(
            e.rank,
            e.quadrant,
            e.partner,
            e.assessment,
            e.importance,
            e.ease,
            e.disagreement,
            steps.get(e.partner.id, not_started),
        )
        for e in report.prioritisation.entries()
    )


def rows(report: Report) -> tuple[Row, ...]:
    """Every placed partner in rank order, one :class:`Row` each (made once per report)."""
    return _once(report, "rows", _rows)


def _quadrants(report: Report) -> Mapping[Quadrant, tuple[Row, ...]]:
    found: dict[Quadrant, list[Row]] = {quadrant: [] for quadrant in Quadrant}
    for row in rows(report):
        found[row.quadrant].append(row)
    return {quadrant: tuple(placed) for quadrant, placed in found.items()}


def quadrants(report: Report) -> Mapping[Quadrant, tuple[Row, ...]]:
    """Each quadrant's rows in rank order, every quadrant in the board's order, empty or not."""
    return _once(report, "quadrants", _quadrants)


class ContactDetails(NamedTuple):
    """A partner's contact person as an export may show them; ``""`` for what is unknown."""

    name: str
    email: str
    phone: str

    @property
    def shown(self) -> tuple[str, ...]:
        """The details there are, in order: for one line such as "Name, e-mail, phone"."""
        return tuple(part for part in self if part)


_NO_CONTACT = ContactDetails("", "", "")


def contact_details(report: Report, organisation: Organisation) -> ContactDetails:
    """The organisation's contact person, all ``""`` when the report leaves contacts out.

    The name is the assessment's contact person, else that of the organisation's contact
    (:meth:`civsam.Report.contact_person`); e-mail and phone are that contact's.
    """
    if not report.include_contacts:
        return _NO_CONTACT
    person = report.contact_person(organisation)
    if person is None:
        return ContactDetails(report.contact_name(organisation.id), "", "")
    name = report.contact_name(organisation.id) or person.name
    return ContactDetails(name, person.email or "", person.phone or "")


# -- the plan ------------------------------------------------------------------------------


class Approach(NamedTuple):
    """A partner to approach or being approached, as the plan's table lists it."""

    partner: Organisation
    rank: int | None
    """``None`` for a partner approached without an assessment."""
    quadrant: Quadrant | None
    step: OutreachStep
    meeting: Meeting | None
    """The planned first meeting, if there is one."""


class CheckInSeries(NamedTuple):
    """A series of check-ins as the plan lists it: with whom, how often, from when."""

    partner: Organisation
    every: str
    """"every week", "every 4 weeks", in the report's language."""
    first: dt.datetime
    """The first check-in that is held (:func:`first_held`)."""


@attrs.frozen(slots=True)
class PlanView:
    """The outreach plan as a report shows it: rows and sentences, in the report's language.

    Sentences are plain text, not escaped; a field is ``""`` (or empty) when the report
    has nothing to say there. ``approaches`` are the partners in *start here* or
    *discuss*, or approached already, in rank order, then those approached without an
    assessment, in the project's order. ``no_meetings`` says nobody waits for a first
    meeting; ``capacity`` says how many meetings a week the plan makes, when it times
    anything; ``closed`` are the closed periods it keeps free; ``unscheduled`` names the
    partners left waiting; ``crowded_out`` those in contact that get no check-in;
    ``moved`` and ``skipped`` each check-in moved from its series' time or left out, in
    time order, with why (:meth:`civsam.Plan.why_moved`).
    """

    approaches: tuple[Approach, ...]
    no_meetings: str
    capacity: str
    closed: tuple[str, ...]
    unscheduled: str
    check_ins: tuple[CheckInSeries, ...]
    crowded_out: str
    moved: tuple[str, ...]
    skipped: tuple[str, ...]
    evaluations: tuple[Milestone, ...]


_APPROACHED_FIRST = frozenset((Quadrant.START_HERE, Quadrant.DISCUSS))


def plan_view(report: Report) -> PlanView:
    """The plan of :attr:`civsam.Report.plan` as a report shows it (see :class:`PlanView`)."""
    words, plan, project = Labels(report.language), report.plan, report.project
    approached = {entry.partner: entry.step for entry in project.outreach}
    # One look-up each, not a scan per row: a national register plans thousands.
    meetings = {meeting.partner.id: meeting for meeting in plan.meetings}
    approaches = [
        Approach(row.partner, row.rank, row.quadrant, row.step, meetings.get(row.id))
        for row in rows(report)
        if row.quadrant in _APPROACHED_FIRST or row.id in approached
    ]
    prio = report.prioritisation
    approaches += [
        Approach(organisation, None, None, approached[org_id], meetings.get(org_id))
        for org_id, organisation in project.organisations.items()
        if org_id in approached and org_id not in prio
    ]
    timed = bool(plan.meetings or plan.check_ins)
    capacity = ""
    if timed:
        capacity = words(
            "plan.capacity",
            capacity=words.number(plan.settings.capacity),
            start=plan.start.isoformat(),
        )
    every: dict[int, str] = {1: words("plan.every_week")}

    def series(check_in: CheckIn) -> CheckInSeries:
        weeks = check_in.every_weeks
        if weeks not in every:
            every[weeks] = words("plan.every_weeks", weeks=weeks)
        return CheckInSeries(check_in.partner, every[weeks], first_held(check_in))

    def why(rule: dt.datetime) -> str:
        return words(f"plan.because_{plan.why_moved(rule).value}")

    return PlanView(
        approaches=tuple(approaches),
        no_meetings="" if plan.meetings or plan.unscheduled else words("plan.none"),
        capacity=capacity,
        closed=tuple(
            words("plan.closed_period", first=first.isoformat(), last=last.isoformat())
            for first, last in plan.closed
            if timed or plan.milestones
        ),
        unscheduled=words(
            "plan.unscheduled",
            end=plan.end.isoformat(),
            names=words.listed(partner.name for partner in plan.unscheduled),
        )
        if plan.unscheduled
        else "",
        check_ins=tuple(map(series, plan.check_ins)),
        crowded_out=words(
            "plan.crowded_out", names=words.listed(partner.name for partner in plan.crowded_out)
        )
        if plan.crowded_out
        else "",
        moved=tuple(
            words(
                "plan.moved_check_in",
                name=check_in.partner.name,
                rule=local_time(rule),
                moved=local_time(new),
            )
            + f" ({why(rule)})"
            for check_in, rule, new in plan.moved_check_ins
        ),
        skipped=tuple(
            words("plan.skipped_check_in", name=check_in.partner.name, rule=local_time(rule))
            + f" ({why(rule)})"
            for check_in, rule in plan.skipped_check_ins
        ),
        evaluations=plan.milestones,
    )


# -- movement ------------------------------------------------------------------------------

_ARROWS: Mapping[tuple[int, int], str] = {
    (1, 0): "→",
    (1, 1): "↗",
    (0, 1): "↑",
    (-1, 1): "↖",
    (-1, 0): "←",
    (-1, -1): "↙",
    (0, -1): "↓",
    (1, -1): "↘",
}
"""An arrow for each direction on the board: (ease, importance), right and up positive."""
_CORNERS: Mapping[Quadrant, tuple[int, int]] = {
    Quadrant.START_HERE: (1, 1),
    Quadrant.DISCUSS: (0, 1),
    Quadrant.NOT_NOW: (1, 0),
    Quadrant.NOT_WORTH_IT: (0, 0),
}
"""Where each quadrant lies on the board: (easy, important)."""


class Movement(NamedTuple):
    """How one partner moved on the board since :attr:`civsam.Report.since`: :func:`movement`.

    ``text`` says where it came from: "was: Discuss" when it moved quadrant, "was:
    importance 4, ease 3" when only its scores changed, "new since 2026-11-01" when it
    was first assessed since, "no longer on the board" when it left. ``short`` says the
    same on a post-it's line ("was: Discuss", "was: 4 / 3", "new"); ``detail`` says it
    all for a tooltip or a screen reader ("was: Discuss (importance 4, ease 3)").
    ``direction`` is which way it moved on the board, (ease, importance), each -1, 0 or
    1 with right and up positive; (0, 0) for a partner new on the board or gone from it.
    Plain text, not escaped.
    """

    move: Move
    text: str
    short: str
    detail: str
    direction: tuple[int, int]

    @property
    def arrow(self) -> str:
        """The direction as an arrow character ("↗"), or ``""`` for none."""
        return _ARROWS.get(self.direction, "")


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def _scores(words: Labels, importance: float | None, ease: float | None) -> str:
    """A placement's scores in words: a score left out is "not given"."""
    return words(
        "movement.scores",
        importance=words("movement.not_given") if importance is None else words.number(importance),
        ease=words("movement.not_given") if ease is None else words.number(ease),
    )


def _movement(report: Report, move: Move, words: Labels) -> Movement:
    before, after = move.before, move.after
    if before is None:
        since = report.since.isoformat() if report.since is not None else ""
        text = words("movement.new", since=since)
        return Movement(move, text, words("movement.new_short"), text, (0, 0))
    if after is None:
        text = words("movement.left")
        return Movement(move, text, text, text, (0, 0))
    direction = (_sign(after.ease - before.ease), _sign(after.importance - before.importance))
    was_scores = _scores(words, before.importance, before.ease)
    if not move.quadrant_changed:
        text = words("movement.was_scores", scores=was_scores)
        short = words(
            "movement.was_scores_short",
            importance=words.number(before.importance),
            ease=words.number(before.ease),
        )
        return Movement(move, text, short, text, direction)
    if direction == (0, 0):  # a rule moved it without new scores: from the old corner
        (was_x, was_y), (now_x, now_y) = _CORNERS[before.quadrant], _CORNERS[after.quadrant]
        direction = (now_x - was_x, now_y - was_y)
    was = words.quadrant(before.quadrant, short=True)
    text = words("movement.was", quadrant=was)
    detail = words("movement.was_full", quadrant=was, scores=was_scores)
    return Movement(move, text, text, detail, direction)


def _movements(report: Report) -> Mapping[str, Movement]:
    words = Labels(report.language)
    return {partner: _movement(report, move, words) for partner, move in report.moves.items()}


def movement(report: Report, partner_id: str) -> Movement | None:
    """How the partner moved since :attr:`civsam.Report.since`; ``None`` if it did not.

    ``None`` too when the report shows no movement (no ``since``). Made once per report.
    """
    return _once(report, "movements", _movements).get(partner_id)


class MovementItem(NamedTuple):
    """One partner in the reports' movement section: its name and what happened.

    ``detail`` is "Discuss → Let's start here (importance 4, ease 3 → importance 5, ease
    4)" for a partner that moved quadrant, "Let's start here (importance 5, ease 5)" for
    one new on the board, "was: Discuss (importance 4, ease 3)" for one that left it.
    Plain text, not escaped; a format may set the name apart (in bold).
    """

    name: str
    detail: str
    movement: Movement


class MovementGroup(NamedTuple):
    """Partners that moved quadrant, are new or left, under a heading ("2 partners moved …")."""

    heading: str
    items: tuple[MovementItem, ...]


@attrs.frozen(slots=True)
class MovementView:
    """The reports' section on movement since :attr:`civsam.Report.since`: :func:`movement_view`.

    ``title`` is "Movement since 2026-11-01" and ``intro`` says what is compared.
    ``groups`` are the partners that moved quadrant, those new on the board and those no
    longer on it, in that order, each in rank order (those that left in their old rank
    order); a group without partners is left out. ``within`` says how many partners got
    new scores within their quadrant (named in the partner table, not here), ``""`` for
    none; ``none`` says nobody moved quadrant, ``""`` when someone did. Plain text.
    """

    title: str
    intro: str
    groups: tuple[MovementGroup, ...]
    within: str
    none: str


def _movement_view(report: Report) -> MovementView | None:
    since = report.since
    if since is None:
        return None
    words = Labels(report.language)
    day = since.isoformat()
    moved: list[MovementItem] = []
    new: list[MovementItem] = []
    left: list[MovementItem] = []
    within = 0
    movements = _once(report, "movements", _movements)
    for partner, move in report.moves.items():
        shown = movements[partner]
        before, after = move.before, move.after
        if not move.quadrant_changed:
            within += 1
        elif before is None and after is not None:
            detail = words(
                "movement.new_item",
                now=words.quadrant(after.quadrant),
                after=_scores(words, after.importance, after.ease),
            )
            new.append(MovementItem(after.partner.name, detail, shown))
        elif after is None and before is not None:
            detail = words(
                "movement.left_item",
                was=words.quadrant(before.quadrant),
                before=_scores(words, before.importance, before.ease),
            )
            left.append(MovementItem(before.partner.name, detail, shown))
        elif before is not None and after is not None:
            detail = words(
                "movement.moved_item",
                was=words.quadrant(before.quadrant),
                now=words.quadrant(after.quadrant),
                before=_scores(words, before.importance, before.ease),
                after=_scores(words, after.importance, after.ease),
            )
            moved.append(MovementItem(after.partner.name, detail, shown))
    groups = tuple(
        MovementGroup(words(f"movement.{key}_heading", count=len(items)), tuple(items))
        for key, items in (("moved", moved), ("new", new), ("left", left))
        if items
    )
    return MovementView(
        title=words("movement.title", since=day),
        intro=words("movement.intro", since=day),
        groups=groups,
        within=words("movement.within", count=within) if within else "",
        none="" if groups else words("movement.none", since=day),
    )


def movement_view(report: Report) -> MovementView | None:
    """The reports' section on movement (see :class:`MovementView`); ``None`` without ``since``."""
    return _once(report, "movement_view", _movement_view)


def history_lines(report: Report, partner_id: str) -> tuple[str, ...]:
    """The partner's assessments, oldest first, one plain sentence each.

    "2026-12-01: importance 2, ease 1 – new leadership"; an undated assessment (from
    before dates were kept) says so instead of a date; a score left out is "not given",
    or "from the ratings" when raters gave it. Who assessed (``by``) and the raters are
    never said: they are personal data. A report shows the lines when there are two or
    more (:meth:`civsam.Report.history`); one assessment is no history.
    """
    words = Labels(report.language)

    def level(value: int | None, assessment: Assessment, field: str) -> str:
        if value is not None:
            return words.number(value)
        rated = any(getattr(rating, field) is not None for rating in assessment.ratings)
        return words("movement.from_ratings" if rated else "movement.not_given")

    lines = []
    for assessment in report.history(partner_id):
        date = words("movement.undated") if assessment.date is None else assessment.date.isoformat()
        scores = words(
            "movement.scores",
            importance=level(assessment.importance, assessment, "importance"),
            ease=level(assessment.ease, assessment, "ease"),
        )
        note = clean(assessment.notes, target="text").strip()
        if note:
            lines.append(words("movement.history_note", date=date, scores=scores, note=note))
        else:
            lines.append(words("movement.history_line", date=date, scores=scores))
    return tuple(lines)
