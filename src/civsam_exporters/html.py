"""The report as one self-contained HTML page: to open in a browser, mail or print.

It holds what the Markdown report holds, as HTML: the facts, the board (the SVG
exporter's drawing, :mod:`civsam_exporters._board`, inline), the partner table, each
partner's reasons (and its history, when it was assessed more than once), the owner's
readiness, the outreach plan, the contacts due and each running partnership's checklist.
A report made ``since`` a day also shows who moved on the board since then: on the
drawing's post-its, a section after the board, and "was: …" in the tables and the list.

One file, nothing to fetch: the CSS is in one ``<style>``, the board is inline SVG, the
fonts are the reader's own, and there is no script. A Content-Security-Policy forbids
loading anything at all, so even a bug cannot make the page reach the network. Every
text from the data is escaped (``html.escape`` with quotes) after the characters HTML
forbids are removed (:func:`civsam.toolkit.clean`), so no data can become a tag or an
attribute. Tables have captions and
header cells with a scope; a status is a word with a symbol, never a colour alone.

On a phone (a screen narrower than 48rem) the board's drawing would shrink its text to a
pixel or two, so there the page shows the board as a ranked list per quadrant instead,
at the page's own text size. Printed, the board scales to the page's width, a heading
stays with what follows it, a table's header row with its first row (and repeats on
every page), rows are never split, and words break only between syllables: long words in
tables carry soft hyphens where the language's hyphenation rules (``pyphen``, Danish for
the data, the page's language for its headers) allow one, as browsers' own
``hyphens: auto`` has no Danish dictionary in Chromium on Linux. Who answered a
readiness point and the raters' names are never shown; contact persons only with
``include_contacts``, exactly where the Markdown report shows them.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

import attrs

import civsam
from civsam import (
    TIMEZONE,
    Checklist,
    ItemStatus,
    Language,
    OutreachStep,
    Quadrant,
    Report,
    format_number,
    hookimpl,
    label,
    toolkit,
)
from civsam_exporters import _board
from civsam_exporters._layout import breaks

__all__ = ["HTML", "HtmlExporter", "Section", "civsam_exporters", "escape", "movement"]

Section = Callable[[Report], Iterable[str]]
"""A section: pieces of HTML for a report, joined with line breaks."""

_SYMBOLS = {
    ItemStatus.TICKED: "✓",
    ItemStatus.GREEN: "●",
    ItemStatus.AMBER: "▲",
    ItemStatus.RED: "■",
    None: "○",
}
"""A shape for each checklist status, so colour is never the only signal."""
_READINESS_SYMBOLS = {"readiness.in_place": "✓", "readiness.missing": "✗"}

_CSS = """\
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; padding: 1rem; max-width: 80rem; color: #1a1a1a; background: #fff;
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
}
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.375rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid #595959; }
h3 { font-size: 1.125rem; margin: 1.5rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 1rem 0 0.5rem; }
a { color: #0b50a8; }
a:focus-visible { outline: 3px solid #0b50a8; outline-offset: 2px; }
nav ol { columns: 2 14rem; margin: 0; }
figure { margin: 0; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { margin-top: 0.5rem; color: #4d4d4d; }
.scroll { overflow-x: auto; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; min-width: 100%; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #8c8c8c; padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; }
thead th { background: #ececec; }
tbody th { font-weight: 600; }
time { white-space: nowrap; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.symbol { display: inline-block; min-width: 1.1em; }
.status-ticked .symbol, .status-green .symbol, .readiness-in_place .symbol { color: #1e6b34; }
.status-amber .symbol { color: #8a5300; }
.status-red .symbol, .readiness-missing .symbol { color: #b3261e; }
.flag { color: #8a5300; }
footer { margin-top: 2rem; color: #4d4d4d; font-style: italic; }
.board-list { display: none; }
.board-list ol { margin: 0.25rem 0 1rem; padding-left: 2.5rem; }
.board-list li { margin: 0.25rem 0; }
.board-list .quadrant-name { margin: 1rem 0 0; font-weight: 600; }
@media screen and (max-width: 48rem) {
  figure { display: none; }
  .board-list { display: block; }
}
@page { margin: 15mm; }
@media print {
  * { background: transparent !important; box-shadow: none !important; }
  body { max-width: none; padding: 0; color: #000; font-size: 10pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3, h4, caption, .quadrant-name { break-after: avoid; page-break-after: avoid; }
  tr, .postit, figure, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  thead, thead tr { break-after: avoid; page-break-after: avoid; }
  tbody tr:first-child { break-before: avoid; page-break-before: avoid; }
  .scroll { overflow: visible; }
  table { width: 100%; table-layout: fixed; font-size: 8.5pt; }
  th, td { padding: 0.15rem 0.3rem; hyphens: manual; overflow-wrap: break-word; }
  th.number { width: 6.5em; }
  figure svg { max-height: 260mm; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_START = {
    language: "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{language.value}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="referrer" content="no-referrer">',
        ]
    )
    for language in Language
}
"""Each page's start, up to its title: the same for every page in a language."""
_RECOGNISED = tuple(f"{start}\n<title>".encode() for start in _START.values())


def escape(text: str) -> str:
    """Text from the data, safe as HTML text and in a quoted attribute, on one line.

    No character HTML forbids (controls, noncharacters), line breaks as spaces
    (:func:`civsam.toolkit.clean`), then ``html.escape`` with quotes.
    """
    return html.escape(toolkit.clean(text), quote=True)


@functools.cache
def _constant(key: str, language: Language) -> str:
    """A label without values, escaped once: tables repeat them in every row."""
    return escape(label(key, language))


def _words(key: str, language: Language, **values: object) -> str:
    """A label, escaped after its values are filled in (the values may be data)."""
    if not values:
        return _constant(key, language)
    return escape(label(key, language, **values))


def _day(day: dt.date) -> str:
    text = day.isoformat()
    return f'<time datetime="{text}">{text}</time>'


def _time(when: dt.datetime) -> str:
    """Danish local date and time to the minute, as ``2026-12-07 10:00``."""
    local = when if when.tzinfo is TIMEZONE else when.astimezone(TIMEZONE)
    return f'<time datetime="{local.isoformat()}">{local.strftime("%Y-%m-%d %H:%M")}</time>'


def _number(value: float, language: Language) -> str:
    return escape(format_number(value, language))


def _table(
    language: Language,
    caption: str,
    header: Iterable[str],
    rows: Iterable[Iterable[str]],
    *,
    numeric: frozenset[int] = frozenset(),
    heading: bool = False,
) -> Iterator[str]:
    """A table in a scrolling wrapper; every cell is escaped already.

    The first cell of each row is its header (``<th scope="row">``). ``numeric`` columns
    align right (and are narrow in print, where every table fits the page's width). A
    caption that repeats the heading just above (``heading=True``) is there for screen
    readers only. Long words get soft hyphens (:func:`_syllables`): the header row's by
    the page's ``language``, the data's by Danish.
    """
    yield '<div class="scroll">'
    yield "<table>"
    yield (
        f'<caption class="visually-hidden">{caption}</caption>'
        if heading
        else (f"<caption>{caption}</caption>")
    )
    own = _board.HYPHENATION[language]
    heads = "".join(
        f'<th scope="col"{_class(i, numeric)}>{_syllables(cell, own)}</th>'
        for i, cell in enumerate(header)
    )
    yield f"<thead><tr>{heads}</tr></thead>"
    yield "<tbody>"
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            tag = "th" if i == 0 else "td"
            scope = ' scope="row"' if i == 0 else ""
            text = _syllables(cell, _board.NAMES_HYPHENATION)
            cells.append(f"<{tag}{scope}{_class(i, numeric)}>{text}</{tag}>")
        yield f"<tr>{''.join(cells)}</tr>"
    yield "</tbody>"
    yield "</table>"
    yield "</div>"


LONG_WORD = 8
"""Words of this many letters or more get soft hyphens in tables (shorter ones fit)."""
_LONG_WORD = re.compile(rf"[^\W\d_]{{{LONG_WORD},}}")
_TOKEN = re.compile(r"\S+")
_TEXT = re.compile(r"(^|>)([^<]+)")
"""The text between a cell's tags (escaped text holds no ``<`` or ``>``)."""
SOFT_HYPHEN = "\xad"
_ADDRESS_BREAKS = re.compile(r"(?<=[@/])(?=.)|(?<=.)(?=\.)")


def _again(text: str) -> str:
    """Text read back from an escaped cell, escaped again: it is clean already."""
    return html.escape(text, quote=True)


@functools.cache
def _hyphenated(word: str, hyphens: str) -> str:
    """``word`` with a soft hyphen at each of its syllable boundaries."""
    cut = [position for position, hyphen in breaks(word, hyphens) if hyphen]
    return (
        "".join(word[a:b] + SOFT_HYPHEN for a, b in itertools.pairwise([0, *cut]))
        + word[cut[-1] if cut else 0 :]
    )


def _breakable(token: str, hyphens: str) -> str:
    """A word as HTML with soft hyphens at its syllables; an address with ``<wbr>``.

    No hyphen may be added to an e-mail or web address (it could be read as part of it):
    it may break after ``@`` or ``/`` and before a ``.``, with nothing shown.
    """
    if "@" in token or "/" in token:
        return "<wbr>".join(_again(part) for part in _ADDRESS_BREAKS.split(token))
    soft = _LONG_WORD.sub(lambda word: _hyphenated(word[0], hyphens), token)
    return _again(soft).replace(SOFT_HYPHEN, "&shy;")


def _syllables(cell: str, hyphens: str) -> str:
    """An escaped cell's text with soft hyphens (``&shy;``) in its long words.

    A browser breaks a word only there, with a hyphen, and shows none elsewhere: printed
    tables in narrow columns no longer split "samarbejdspa-rtner". Tags, attributes and
    character references are left alone; addresses get ``<wbr>`` (:func:`_breakable`).
    """

    def text(match: re.Match[str]) -> str:
        raw = html.unescape(match[2])
        pieces, end = [match[1]], 0
        for token in _TOKEN.finditer(raw):
            pieces += [_again(raw[end : token.start()]), _breakable(token[0], hyphens)]
            end = token.end()
        pieces.append(_again(raw[end:]))
        return "".join(pieces)

    return _TEXT.sub(text, cell)


def _class(index: int, numeric: frozenset[int]) -> str:
    return ' class="number"' if index in numeric else ""


def _open(section_id: str, title: str) -> str:
    return (
        f'<section id="{section_id}" aria-labelledby="{section_id}-title">\n'
        f'<h2 id="{section_id}-title">{title}</h2>'
    )


_SECTIONS = (
    ("facts", "html.facts"),
    ("matrix", "report.matrix"),
    ("partners", "report.partners"),
    ("reasons", "report.reasons"),
    ("readiness", "readiness.title"),
    ("plan", "report.plan"),
    ("due", "due.title"),
    ("checklists", "checklist.title"),
)
"""Each section's id and heading label, in the order the page shows them."""


def contents(report: Report) -> Iterator[str]:
    """A list of links to the sections, for a long page (movement only ``since`` a day)."""
    language = report.language
    view = toolkit.movement_view(report) if report.since is not None else None
    yield '<nav aria-labelledby="contents-title">'
    yield f'<h2 id="contents-title">{_words("html.contents", language)}</h2>'
    yield "<ol>"
    for section_id, key in _SECTIONS:
        yield f'<li><a href="#{section_id}">{_words(key, language)}</a></li>'
        if section_id == "matrix" and view is not None:
            yield f'<li><a href="#movement">{escape(view.title)}</a></li>'
    yield "</ol>"
    yield "</nav>"


def facts(report: Report) -> Iterator[str]:
    """The owner, the target groups, the personal data the page holds, the description."""
    project, language = report.project, report.language
    yield _open("facts", _words("html.facts", language))
    yield "<ul>"
    owner = escape(project.owner.name)
    yield f"<li><strong>{_words('report.owner', language)}:</strong> {owner}</li>"
    groups = ", ".join(escape(group) for group in project.target_groups)
    yield f"<li><strong>{_words('report.target_groups', language)}:</strong> {groups or '–'}</li>"
    fields = ", ".join(report.personal_fields) or label("report.personal_data_none", language)
    yield f"<li>{_words('report.personal_data', language, fields=fields)}</li>"
    as_of = escape(toolkit.as_of(report))
    yield f"<li><strong>{_words('report.as_of', language)}:</strong> {as_of}</li>"
    priority = escape(toolkit.priority_meaning(report))
    yield f"<li><strong>{_words('report.priority', language)}:</strong> {priority}</li>"
    yield "</ul>"
    if project.description:
        yield f"<p>{escape(project.description)}</p>"
    yield "</section>"


def matrix(report: Report) -> Iterator[str]:
    """The board as a picture with a caption (a list on a phone), then as a table."""
    language, prio = report.language, report.prioritisation
    yield _open("matrix", _words("report.matrix", language))
    if not len(prio):
        yield f"<p>{_words('matrix.no_partners', language)}</p>"
        yield "</section>"
        return
    yield "<figure>"
    yield _board.board(report, standalone=False).rstrip("\n")
    yield f"<figcaption>{_words('board.caption', language)}</figcaption>"
    yield "</figure>"
    yield from board_list(report)

    quadrants, shown = toolkit.quadrants(report), toolkit.BOARD_NAMES

    def cell(quadrant: Quadrant) -> str:
        placements = quadrants[quadrant]
        title = f"<strong>{_words(f'quadrant.{quadrant.value}', language)}</strong>"
        names = [
            f"{p.rank}. {escape(p.partner.name)}{_was(report, p.id)}" for p in placements[:shown]
        ]
        if len(placements) > shown:
            names.append(_words("matrix.more", language, count=len(placements) - shown))
        return f"{title}: " + (", ".join(names) or _words("matrix.empty", language))

    yield from _table(
        language,
        _words("html.board_table", language),
        [
            f"{_words('axis.importance', language)} / {_words('axis.ease', language)}",
            _words("level.hard", language),
            _words("level.easy", language),
        ],
        [
            [_words("level.high", language), cell(Quadrant.DISCUSS), cell(Quadrant.START_HERE)],
            [_words("level.low", language), cell(Quadrant.NOT_WORTH_IT), cell(Quadrant.NOT_NOW)],
        ],
    )
    yield "</section>"


def board_list(report: Report) -> Iterator[str]:
    """The board as a ranked list per quadrant: what a phone shows instead of the drawing.

    Every assessed partner, in rank order, numbered by its rank; ⚠ (said in words to
    screen readers) where the raters disagree. Hidden on wider screens and in print,
    where the drawing is shown, so a reader meets the board once.
    """
    language = report.language
    yield '<div class="board-list">'
    yield f"<p>{_words('board.list_intro', language)}</p>"
    disagree = (
        ' <span class="flag" aria-hidden="true">⚠</span>'
        f'<span class="visually-hidden"> {_words("svg.disagreement", language)}</span>'
    )
    for quadrant, placements in toolkit.quadrants(report).items():
        name = label(f"quadrant.{quadrant.value}", language)
        count = _words("svg.quadrant_count", language, quadrant=name, count=len(placements))
        heading = f"board-list-{quadrant.value}"
        yield f'<p class="quadrant-name" id="{heading}">{count}</p>'
        if not placements:
            yield f"<p>{_words('matrix.empty', language)}</p>"
            continue
        yield f'<ol aria-labelledby="{heading}">'
        for placement in placements:
            flag = disagree if placement.disagreement else ""
            was = _was(report, placement.id)
            yield f'<li value="{placement.rank}">{escape(placement.partner.name)}{flag}{was}</li>'
        yield "</ol>"
    yield "</div>"


def _was(report: Report, partner_id: str) -> str:
    """`` (was: Discuss)`` after a partner that moved since the report's ``since``, escaped.

    As the Markdown report says it (:func:`civsam.toolkit.movement`); ``""`` for one that
    did not move, and always without ``since``.
    """
    if report.since is None:
        return ""
    moved = toolkit.movement(report, partner_id)
    return "" if moved is None else f" {escape(f'({moved.text})')}"


def movement(report: Report) -> Iterator[str]:
    """Who moved quadrant since the report's ``since``, who is new, who left; else nothing.

    What the Markdown report's section says: each partner once, its name in bold, then
    where it was and is, with the scores before and after; partners whose scores changed
    within their quadrant are counted, and marked in the partner table.
    """
    view = toolkit.movement_view(report)
    if view is None:
        return
    yield _open("movement", escape(view.title))
    yield f"<p>{escape(view.intro)}</p>"
    if view.none:
        yield f"<p>{escape(view.none)}</p>"
    for group in view.groups:
        yield f"<h3>{escape(group.heading)}</h3>"
        yield "<ul>"
        for item in group.items:
            yield f"<li><strong>{escape(item.name)}</strong>: {escape(item.detail)}</li>"
        yield "</ul>"
    if view.within:
        yield f"<p>{escape(view.within)}</p>"
    yield "</section>"


def partners(report: Report) -> Iterator[str]:
    """The partner table in rank order, in the guide's words."""
    language, placed = report.language, toolkit.rows(report)
    yield _open("partners", _words("report.partners", language))
    columns = ["rank", "partner", "quadrant", "importance", "ease", "shared_interest",
               "challenges", "existing_relation"]  # fmt: skip
    if report.include_contacts:
        columns.append("contact")

    def row(partner: toolkit.Row) -> list[str]:
        assessment = partner.assessment
        cells = [
            str(partner.rank),
            escape(partner.name),
            _words(f"quadrant_short.{partner.quadrant.value}", language) + _was(report, partner.id),
            _number(partner.importance, language),
            _number(partner.ease, language),
            escape(assessment.shared_interest),
            escape(assessment.challenges),
            escape(assessment.existing_relation),
        ]
        if report.include_contacts:
            details = toolkit.contact_details(report, partner.partner)
            cells.append(escape(", ".join(details.shown)))
        return cells

    if placed:
        yield from _table(
            language,
            _words("html.partners_caption", language),
            [_words(f"column.{c}", language) for c in columns],
            map(row, placed),
            numeric=frozenset({0, 3, 4}),
        )
    else:
        yield f"<p>{_words('matrix.no_partners', language)}</p>"
    yield "</section>"


def reasons(report: Report) -> Iterator[str]:
    """Each partner's reasons, in rank order; ⚠ where the raters disagree."""
    language = report.language
    item = functools.lru_cache(maxsize=1024)(lambda reason: f"<li>{escape(reason)}</li>")
    yield _open("reasons", _words("report.reasons", language))
    for placement in report.prioritisation:
        flag = ' <span class="flag">⚠</span>' if placement.disagreement else ""
        yield f"<h3>{placement.rank}. {escape(placement.partner.name)}{flag}</h3>"
        yield "<ul>"
        yield from map(item, placement.explain(language))
        yield "</ul>"
        yield from _history(report, placement.partner.id)
    yield "</section>"


def _history(report: Report, partner_id: str) -> Iterator[str]:
    """A partner's assessments, oldest first, when it has more than one; else nothing."""
    if len(report.history(partner_id)) < 2:  # noqa: PLR2004 - one assessment is no history
        return
    yield f"<p><strong>{_words('movement.history', report.language)}:</strong></p>"
    yield "<ul>"
    yield from (f"<li>{escape(line)}</li>" for line in toolkit.history_lines(report, partner_id))
    yield "</ul>"


def _marked(key: str, language: Language, symbols: dict[str, str], prefix: str) -> str:
    """A status word with its symbol (the symbol is hidden from screen readers)."""
    symbol = symbols.get(key, "?")
    css = key.rsplit(".", 1)[1]
    return (
        f'<span class="{prefix}-{css}"><span class="symbol" aria-hidden="true">{symbol}</span> '
        f"{_words(key, language)}</span>"
    )


def readiness(report: Report) -> Iterator[str]:
    """The owner's three readiness points, and the guide's advice for each gap.

    Who answered is left out, even with ``include_contacts``: it may name a person.
    """
    language, ready = report.language, report.readiness
    yield _open("readiness", _words("readiness.title", language))
    role = ready.role.value
    yield (
        f"<p><strong>{_words('column.role', language)}:</strong> "
        f"{_words(f'role.{role}', language)} – {_words(f'readiness.role.{role}', language)}</p>"
    )

    def status(key: str) -> str:
        return _marked(key, language, _READINESS_SYMBOLS, "readiness")

    def row(item: civsam.ReadinessItem) -> list[str]:
        answer = item.answer
        if answer is None:
            return [_words(item.label_key, language), status("readiness.unanswered"), "", ""]
        key = "readiness.in_place" if answer.in_place else "readiness.missing"
        return [
            _words(item.label_key, language),
            status(key),
            _day(answer.date),
            escape(answer.note),
        ]

    columns = ("item", "status", "date", "note")
    yield from _table(
        language,
        _words("html.readiness_caption", language),
        [_words(f"column.{c}", language) for c in columns],
        map(row, ready.items),
    )
    yield f"<h3>{_words('readiness.gaps', language)}</h3>"
    if ready.ready:
        yield f"<p>{_words('readiness.ready', language)}</p>"
    else:
        yield "<ul>"
        for item in ready.gaps:
            key = "readiness.unanswered" if item.answer is None else "readiness.missing"
            advice = _words(f"{item.label_key}.advice", language)
            line = (
                f"<li><strong>{_words(item.label_key, language)}</strong> "
                f"({_words(key, language)}): {advice}"
            )
            note = escape(item.answer.note) if item.answer is not None else ""
            if note.strip():
                line += f"<br><strong>{_words('column.note', language)}:</strong> {note}"
            yield line + "</li>"
        yield "</ul>"
    yield "</section>"


def outreach_plan(report: Report) -> Iterator[str]:
    """Where each approach stands and the first meetings, then check-ins and evaluations."""
    language, view = report.language, toolkit.plan_view(report)
    yield _open("plan", _words("report.plan", language))
    words = toolkit.Labels(language)
    steps = {step: escape(words.step(step)) for step in OutreachStep}
    rows = [
        [
            "" if approach.rank is None else str(approach.rank),
            escape(approach.partner.name),
            ""
            if approach.quadrant is None
            else _words(f"quadrant_short.{approach.quadrant.value}", language),
            steps[approach.step],
            _time(approach.meeting.start) if approach.meeting is not None else "",
        ]
        for approach in view.approaches
    ]
    if rows:
        columns = ("rank", "partner", "quadrant", "step", "meeting")
        yield from _table(
            language,
            _words("html.plan_caption", language),
            [_words(f"column.{c}", language) for c in columns],
            rows,
            numeric=frozenset({0}),
        )
    yield from _plan_facts(view)
    yield from _check_ins(view, language)
    if view.evaluations:
        title = _words("plan.evaluations", language)
        yield f"<h3>{title}</h3>"
        yield from _table(
            language,
            title,
            [_words(f"column.{c}", language) for c in ("partner", "date")],
            ([escape(m.partner.name), _day(m.date)] for m in view.evaluations),
            heading=True,
        )
    yield "</section>"


def _plan_facts(view: toolkit.PlanView) -> Iterator[str]:
    """Under the approaches: the capacity, the closed periods, who waits for a first meeting."""
    if view.no_meetings:  # no one waits for a first meeting
        yield f"<p>{escape(view.no_meetings)}</p>"
    if view.capacity:
        yield f"<p>{escape(view.capacity)}</p>"
    yield from _list(view.closed)
    if view.unscheduled:
        yield f"<p>{escape(view.unscheduled)}</p>"


def _list(lines: tuple[str, ...]) -> Iterator[str]:
    """Sentences as a list, none when there are none."""
    if lines:
        yield "<ul>"
        yield from (f"<li>{escape(line)}</li>" for line in lines)
        yield "</ul>"


def _check_ins(view: toolkit.PlanView, language: Language) -> Iterator[str]:
    """The check-ins: each series, who gets none, and each one moved or left out."""
    if view.check_ins or view.crowded_out:
        title = _words("plan.check_ins", language)
        yield f"<h3>{title}</h3>"
        if view.check_ins:
            yield from _table(
                language,
                title,
                [_words(f"column.{c}", language) for c in ("partner", "every", "first")],
                (
                    [escape(series.partner.name), escape(series.every), _time(series.first)]
                    for series in view.check_ins
                ),
                heading=True,
            )
        if view.crowded_out:
            yield f"<p>{escape(view.crowded_out)}</p>"
    for key, lines in (("moved_check_ins", view.moved), ("skipped_check_ins", view.skipped)):
        if lines:
            yield f"<h3>{_words(f'plan.{key}', language)}</h3>"
            yield from _list(lines)


def due(report: Report) -> Iterator[str]:
    """The partners whose check-in is due or overdue, most overdue first."""
    language = report.language
    title = _words("due.title", language)
    yield _open("due", title)
    if not report.due:
        yield f"<p>{_words('due.none', language)}</p>"
        yield "</section>"
        return

    def late(days: int) -> str:
        return _words("due.today", language) if days == 0 else _number(days, language)

    columns = ("partner", "last_contact", "due", "days_overdue")
    yield from _table(
        language,
        title,
        [_words(f"column.{c}", language) for c in columns],
        (
            [escape(d.partner.name), _day(d.last_contact), _day(d.due), late(d.days_overdue)]
            for d in report.due
        ),
        numeric=frozenset({3}),
        heading=True,
    )
    yield "</section>"


def checklists(report: Report) -> Iterator[str]:
    """Each running partnership against the guide's six items, and the next review's agenda."""
    language, running = report.language, report.checklists
    yield _open("checklists", _words("checklist.title", language))
    if not running:
        yield f"<p>{_words('review.none', language)}</p>"
    for checklist in running:
        yield from _checklist(checklist, language)
    yield "</section>"


def _status_key(status: ItemStatus | None) -> str:
    return f"item_status.{status.value if status is not None else 'none'}"


def _status(status: ItemStatus | None, language: Language) -> str:
    """A checklist status: its word and its symbol."""
    key = _status_key(status)
    return _marked(key, language, {key: _SYMBOLS[status]}, "status")


def _checklist(checklist: Checklist, language: Language) -> Iterator[str]:
    yield f"<h3>{_words('review.partnership', language, name=checklist.partner.name)}</h3>"
    yield "<ul>"
    yield f"<li>{_words('review.done', language, done=checklist.done)}</li>"
    last, upcoming = checklist.last_review, checklist.next_review
    if last is None:
        yield f"<li>{_words('review.not_reviewed', language)}</li>"
    else:
        yield f"<li>{_words('review.last_review', language, date=last.isoformat())}</li>"
    if upcoming is not None:
        yield f"<li>{_words('review.next_review', language, date=upcoming.isoformat())}</li>"
    yield "</ul>"

    def row(progress: civsam.ItemProgress) -> list[str]:
        latest, trend = progress.latest, progress.trend
        return [
            _words(progress.label_key, language),
            _status(progress.status, language),
            _words(f"trend.{trend.value}", language) if trend is not None else "",
            escape(latest.note) if latest is not None else "",
        ]

    columns = ("item", "status", "trend", "note")
    yield from _table(
        language,
        _words("html.checklist_caption", language),
        [_words(f"column.{c}", language) for c in columns],
        map(row, checklist.items),
    )
    yield f"<h4>{_words('review.agenda', language)}</h4>"
    if not checklist.agenda:
        # Nothing red or amber is worth celebrating only once a review has said so.
        empty = "review.agenda_empty" if checklist.celebrate else "review.not_reviewed"
        yield f"<p>{_words(empty, language)}</p>"
        return
    yield "<ul>"
    for progress in checklist.agenda:
        status = _words(_status_key(progress.status), language)
        line = f"<li><strong>{_words(progress.label_key, language)}</strong> ({status})"
        note = escape(progress.latest.note) if progress.latest is not None else ""
        yield f"{line}: {note}</li>" if note.strip() else f"{line}</li>"
    yield "</ul>"


def footer(report: Report) -> Iterator[str]:
    """Where the document comes from, and when, if the build says so (as in Markdown)."""
    yield f"<footer><p>{escape(toolkit.made_with(report))}</p></footer>"


@attrs.frozen
class HtmlExporter:
    """The report as one self-contained HTML5 page, built from ``sections`` in order."""

    sections: tuple[Section, ...] = (
        contents,
        facts,
        matrix,
        movement,
        partners,
        reasons,
        readiness,
        outreach_plan,
        due,
        checklists,
    )
    name: str = "html"
    suffix: str = ".html"
    media_type: str = "text/html; charset=utf-8"

    def export(self, report: Report, out: BinaryIO) -> None:
        """Write the page, UTF-8, LF line endings, one final newline."""
        title = escape(report.project.name)
        parts = [
            _START[report.language],
            f"<title>{title}</title>",
            f"<style>\n{_CSS}</style>",
            "</head>",
            "<body>",
            f"<header><h1>{title}</h1></header>",
            "<main>",
        ]
        for section in self.sections:
            parts.extend(section(report))
        parts += ["</main>", *footer(report), "</body>", "</html>"]
        out.write(("\n".join(parts) + "\n").encode("utf-8"))

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` begins a page civsam wrote, in either language.

        Everything up to the title is the same in every page civsam writes, and its
        Content-Security-Policy is civsam's own; a page saved again by a browser or an
        editor is not taken for one.
        """
        return data.startswith(_RECOGNISED)


HTML = HtmlExporter()


@hookimpl
def civsam_exporters() -> list[HtmlExporter]:
    """The HTML report."""
    return [HTML]
