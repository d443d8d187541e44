"""The Markdown exporter, read back with GFM parsers: markdown-it-py and GitHub's cmark-gfm."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import attrs
import cmarkgfm  # type: ignore[import-untyped]
import pytest
from cmarkgfm.cmark import Options  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import civsam
from _plans import weekly
from civsam import Quadrant
from civsam.testing import check_exporter, names, projects, texts
from civsam_exporters.markdown import MARKDOWN, matrix

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from markdown_it.token import Token

AS_OF = dt.date(2026, 1, 1)
LANGUAGES = ("da", "en")
GFM = MarkdownIt("commonmark").enable("table")
"""CommonMark with GFM tables; raw HTML is on, so HTML from the data would show as tokens."""

POINT = re.compile(r'^    "[^"`\n]+": \[(0|1|0\.\d+), (0|1|0\.\d+)\]$')
"""A quadrantChart point as Mermaid's lexer accepts it (FORMATS.md)."""
QUADRANT_NAMES = {
    "da": ["Start her", "Diskuter", "Ikke det værd", "Ikke nu"],
    "en": ["Start here", "Discuss", "Not worth it", "Not now"],
}
"""quadrant-1 is top right (easy, important: start here), then counter-clockwise."""
CHART_QUADRANTS = (Quadrant.START_HERE, Quadrant.DISCUSS, Quadrant.NOT_WORTH_IT, Quadrant.NOT_NOW)
"""The quadrants in the order Mermaid numbers them."""
LEGEND = {
    "da": (
        "Diagrammet er en tavle, ikke et punktdiagram: hver prik er en samarbejdspartner med "
        "sit nummer i prioriteringen, og hver kvadrant viser sine i den rækkefølge, fra "
        "venstre mod højre og oppefra og ned. Navnene står i tabellerne herunder."
    ),
    "en": (
        "The chart is a board, not a scatter plot: each dot is a partner, numbered by rank, "
        "and each quadrant shows its partners in rank order, left to right and top to "
        "bottom. The names are in the tables below."
    ),
}
# Mermaid's quadrantChart at its default 500 × 500 (see markdown.py): the plot is 464 × 424
# px, a quadrant 232 × 212 px, its title in the top 20 px; a dot has radius 5 and its label
# hangs under it, from 3 to 17 px below the centre.
PLOT = (464, 424)
QUADRANT_SIZE = (232, 212)
DIGIT_WIDTH = 8
"""Pixels a digit of a 12 px label takes at most (DejaVu Sans: 7.6, Arial: 6.8)."""
EASY = {Quadrant.START_HERE, Quadrant.NOT_NOW}
IMPORTANT = {Quadrant.START_HERE, Quadrant.DISCUSS}
PERSONAL = "contact.name, contact.email, contact.phone"

_LINE_BREAKS = re.compile(r"[\r\n\t\x0b\x0c\x85\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


# -- reading the Markdown ----------------------------------------------------------------------


def markdown(project: civsam.Project, **options: object) -> str:
    """The Markdown report of ``project`` as text."""
    data = civsam.export_project(project, "markdown", as_of=AS_OF, **options)  # type: ignore[arg-type]
    return data.decode("utf-8")


def shown(text: str) -> str:
    """What a reader should see of a text from the data: line breaks and tabs as spaces."""
    return _CONTROL.sub("", _LINE_BREAKS.sub(" ", text))


def words(text: str) -> str:
    """Text with its white space normalised, to compare inline text across parsers."""
    return " ".join(text.split())


def plain(inline: Token) -> str:
    """The text an inline token shows, without emphasis markers."""
    parts = []
    for child in inline.children or ():
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append("\n")
    return "".join(parts)


def blocks(tokens: list[Token], tag: str) -> list[str]:
    """The plain text of every block opened with ``tag`` (``h1``, ``li``, ``p`` …).

    Paragraphs inside tight list items are hidden tokens, and not counted as ``p``.
    """
    found = []
    for index, token in enumerate(tokens):
        if token.type.endswith("_open") and token.tag == tag and not token.hidden:
            inline = next(t for t in tokens[index:] if t.type == "inline")
            found.append(plain(inline))
    return found


def tables(tokens: list[Token]) -> list[list[list[Token]]]:
    """Each GFM table as rows of cells (inline tokens), header row first."""
    found: list[list[list[Token]]] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type == "inline" and tokens[index - 1].type in {"th_open", "td_open"}:
            found[-1][-1].append(token)
    return found


def table_lines(text: str, tokens: list[Token]) -> list[list[str]]:
    """Each table's source lines, as the parser located them."""
    lines = text.split("\n")
    found = []
    for token in tokens:
        if token.type == "table_open" and token.map is not None:
            start, end = token.map
            found.append(lines[start:end])
    return found


def raw_cells(line: str) -> int:
    """How many cells a table line has: pipes not escaped by a backslash, less one."""
    pipes, escaped = 0, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            pipes += 1
    return pipes - 1


def mermaid(text: str) -> list[str]:
    """The lines of the Mermaid fence (there must be exactly one)."""
    fences = [t for t in GFM.parse(text) if t.type == "fence"]
    assert [fence.info for fence in fences] == ["mermaid"]
    return fences[0].content.splitlines()


def all_tokens(tokens: Iterable[Token]) -> Iterator[Token]:
    """Every token, inline children included."""
    for token in tokens:
        yield token
        yield from all_tokens(token.children or ())


def section(tokens: list[Token], title: str) -> list[Token]:
    """The tokens under the ``##`` heading ``title``, up to the next ``##`` heading."""
    starts = [
        index
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2"
    ]
    for start, end in zip(starts, [*starts[1:], len(tokens)], strict=True):
        if plain(tokens[start + 1]) == title:
            return tokens[start + 3 : end]
    raise AssertionError(f"no section {title!r}")


def texts_of(table: list[list[Token]]) -> list[list[str]]:
    """A table's cells as the text they show."""
    return [[plain(cell) for cell in row] for row in table]


class GitHubPage(HTMLParser):
    """The HTML GitHub's cmark-gfm makes: its tags, and its tables' cell texts."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        html = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the tag; start a table, row or cell."""
        self.tags.add(tag)
        self.links += [value or "" for name, value in attrs if name in {"href", "src"}]
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        """End a cell."""
        if tag in {"td", "th"} and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        """Text inside a cell."""
        if self._cell is not None:
            self._cell.append(data)


GITHUB_TAGS = {
    "h1", "h2", "h3", "h4", "p", "ul", "li", "strong", "em", "pre", "code", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
"""The only tags the report may render to; a data-made e-mail autolink is the only link."""


def partner_rows(
    project: civsam.Project, prio: civsam.Prioritisation, *, contacts: bool
) -> list[list[str | None]]:
    """What each partner-table row shows of the data (``None``: civsam's own words)."""
    expected: list[list[str | None]] = []
    for placement in prio:
        assessment = project.assessments[placement.partner.id]
        row: list[str | None] = [
            str(placement.rank),
            shown(placement.partner.name),
            None,
            None,
            None,
            shown(assessment.shared_interest),
            shown(assessment.challenges),
            shown(assessment.existing_relation),
        ]
        if contacts:
            row.append(None)
        expected.append(row)
    return expected


Entry = civsam.ReadinessAnswer | civsam.OutreachEntry | civsam.Touchpoint | civsam.Review
DAYS = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31))


@st.composite
def lived_projects(draw: st.DrawFn) -> civsam.Project:
    """Projects with civsam.testing's history, plus what this report must also meet.

    The plan starts on a drawn day (never the clock), often with the usual cadence, some
    partners were in contact in the months before it (so contact is due), and sometimes
    the owner's three readiness points are all in place. Notes and who answered are
    hostile text.
    """
    project = draw(projects(max_partners=6, scored=draw(st.booleans()), history=True))
    start = draw(DAYS)
    project.plan_settings = attrs.evolve(project.plan_settings, start=start)
    if draw(st.booleans()):  # the usual cadence: every quadrant but the last is checked in on
        cadence = civsam.PlanSettings().check_in_weeks
        project.plan_settings = attrs.evolve(project.plan_settings, check_in_weeks=cadence)
    partners = [org_id for org_id in project.organisations if org_id != project.owner.id]
    recent = st.dates(min_value=start - dt.timedelta(days=120), max_value=start)
    entries: list[Entry] = [
        civsam.Touchpoint(
            partner, draw(recent), draw(st.sampled_from(civsam.TouchpointKind)), draw(texts())
        )
        for partner in (draw(st.lists(st.sampled_from(partners), unique=True)) if partners else [])
    ]
    if draw(st.booleans()):  # answered after every generated answer, so these count
        entries += [
            civsam.ReadinessAnswer(point, True, dt.date(2029, 1, 1), draw(names()), draw(texts()))
            for point in civsam.Role.of(project.owner.kind).points
        ]
    project.record(*entries)
    return project


Rows = list[list[str | None]]


def lifecycle_tables(report: civsam.Report) -> list[Rows]:
    """What each lifecycle table's body shows of the data, in order (``None``: civsam's words)."""
    project, prio, plan = report.project, report.prioritisation, report.plan
    found: list[Rows] = [
        [
            [None, None, item.answer.date.isoformat(), shown(item.answer.note)]
            if item.answer is not None
            else [None, None, "", ""]
            for item in report.readiness.items
        ]
    ]
    approached = {entry.partner for entry in project.outreach}
    first_contact = {Quadrant.START_HERE, Quadrant.DISCUSS}

    def meeting(partner: str) -> str:
        planned = plan.meeting(partner)
        return planned.start.strftime("%Y-%m-%d %H:%M") if planned is not None else ""

    approaches: Rows = [
        [str(p.rank), shown(p.partner.name), None, None, meeting(p.partner.id)]
        for p in prio
        if p.quadrant in first_contact or p.partner.id in approached
    ]
    approaches += [
        ["", shown(org.name), "", None, meeting(org_id)]
        for org_id, org in project.organisations.items()
        if org_id in approached and org_id not in prio
    ]
    found += [approaches] if approaches else []
    if plan.check_ins:
        found.append([[shown(c.partner.name), None, None] for c in plan.check_ins])
    if plan.milestones:
        found.append([[shown(m.partner.name), m.date.isoformat()] for m in plan.milestones])
    if report.due:
        found.append(
            [
                [shown(d.partner.name), d.last_contact.isoformat(), d.due.isoformat(), None]
                for d in report.due
            ]
        )
    for checklist in report.checklists:
        found.append(
            [
                [None, None, None, shown(p.latest.note) if p.latest is not None else ""]
                for p in checklist.items
            ]
        )
    return found


def check_rows(markdown_it: list[list[Token]], github: list[list[str]], expected: Rows) -> None:
    """Each parser's table: the header's width in every row, and the data's text per cell."""
    assert len(markdown_it) == len(github) == 1 + len(expected)
    for row, cells, wanted in zip(markdown_it[1:], github[1:], expected, strict=True):
        assert len(row) == len(cells) == len(markdown_it[0])
        assert {child.type for cell in row for child in cell.children or ()} <= {"text"}
        assert [plain(c) for c, w in zip(row, wanted, strict=True) if w is not None] == [
            w.strip() for w in wanted if w is not None
        ]
        assert [c for c, w in zip(cells, wanted, strict=True) if w is not None] == [
            w.strip(" ") for w in wanted if w is not None
        ]


# -- the example, read back ------------------------------------------------------------------


def plan_headings(report: civsam.Report) -> list[str]:
    """The plan section's sub-headings: check-ins, moved ones, ones not held, evaluations."""
    plan, language = report.plan, report.language
    wanted = {
        "plan.check_ins": bool(plan.check_ins or plan.crowded_out),
        "plan.moved_check_ins": bool(plan.moved_check_ins),
        "plan.skipped_check_ins": any(check_in.skipped for check_in in plan.check_ins),
        "plan.evaluations": bool(plan.milestones),
    }
    return [civsam.label(key, language) for key, shown in wanted.items() if shown]


def test_the_report_has_title_owner_target_groups_and_sections() -> None:
    """The example's title, facts and section headings, as a GFM parser reads them."""
    project = civsam.example()
    tokens = GFM.parse(markdown(project))
    assert blocks(tokens, "h1") == ["Ensomhed blandt ældre i Aarhus"]
    assert blocks(tokens, "h2") == [
        "Prioriteringsmatrix",
        "Samarbejdspartnere",
        "Begrundelser",
        "Parathed",
        "Plan for at række ud",
        "Kontakt, der skal følges op",
        "Tjekliste til godt samarbejde",
    ]
    assert blocks(tokens, "li")[:3] == [
        "Ejer: Aarhus Kommune",
        "Målgrupper: ældre, ensomme ældre, pårørende",
        "Persondata i denne eksport: ingen",
    ]
    assert blocks(tokens, "p")[0] == (
        "Aarhus Kommune vil sammen med civilsamfundet nå flere ensomme ældre og deres "
        "pårørende med tilbud om fællesskab og besøg."
    )
    prio = civsam.prioritise(project, as_of=AS_OF)
    assert blocks(tokens, "h3") == [
        *(f"{p.rank}. {p.partner.name}" for p in prio),
        "Det mangler I",
        *plan_headings(civsam.make_report(project, as_of=AS_OF)),
        "Samarbejdet med Ældre Sagen Aarhus",
    ]
    assert blocks(tokens, "h4") == ["Dagsorden for næste evaluering"]
    assert blocks(tokens, "p")[-1] == "Lavet med civsam"


def test_the_english_report_has_english_facts_and_headings() -> None:
    """--lang en: the civsam words are English; the data stays as it was written."""
    tokens = GFM.parse(markdown(civsam.example(), language="en"))
    assert blocks(tokens, "h2") == [
        "Priority matrix",
        "Partners",
        "Reasons",
        "Readiness",
        "Outreach plan",
        "Contacts due",
        "Checklist for good collaboration",
    ]
    assert blocks(tokens, "li")[:3] == [
        "Owner: Aarhus Kommune",
        "Target groups: ældre, ensomme ældre, pårørende",
        "Personal data in this export: none",
    ]
    date, priority = blocks(tokens, "li")[3:5]
    assert date.startswith("Date: ")
    assert date.endswith(": the plan starts on this day, and days overdue are counted up to it")
    assert priority == (
        "Priority: importance + ease; within a quadrant, reach out to the highest first"
    )
    assert blocks(tokens, "li")[5:10] == [
        "Importance 5: set in the table",
        "Ease 5: set in the table",
        "Importance 5 is at least 4: high importance",
        "Ease 5 is at least 4: easy to work with",
        (
            "Rank 1 of 14, number 1 in “Let's start here” with priority 10 (on equal "
            "priority: higher importance, then higher ease, then id first)"
        ),
    ]


def test_the_partner_table_holds_the_guides_columns_in_rank_order() -> None:
    """The partner table: the guide's words as headers, one row per partner, rank order."""
    project = civsam.example()
    text = markdown(project)
    partners = tables(GFM.parse(text))[1]
    header, *rows = [[plain(cell) for cell in row] for row in partners]
    assert header == [
        "Rang", "Potentiel samarbejdspartner", "Kvadrant", "Betydning", "Lethed",
        "Fælles interesse", "Udfordringer", "Eksisterende relation",
    ]  # fmt: skip
    assert rows[0] == [
        "1",
        "Ældre Sagen Aarhus",
        "Start her",
        "5",
        "5",
        "Samme målgruppe, fælles mål: færre ensomme ældre",
        "De frivillige er allerede travle; vi må ikke love mere, end de kan holde",
        "Tidligere projektsamarbejde og nuværende partnerskab",
    ]
    prio = civsam.prioritise(project, as_of=AS_OF)
    assert [row[:2] for row in rows] == [[str(p.rank), p.partner.name] for p in prio]
    assert [row[2] for row in rows] == ["Start her"] * 4 + ["Diskuter"] * 3 + ["Ikke nu"] * 3 + [
        "Ikke det værd"
    ] * 4
    assert GitHubPage(text).tables[1] == [header, *rows]


def test_the_board_is_also_a_plain_table() -> None:
    """For renderers without Mermaid, the board is a 2×2 table naming the partners."""
    board = tables(GFM.parse(markdown(civsam.example())))[0]
    assert [[plain(cell) for cell in row] for row in board] == [
        ["", "Svært", "Nemt"],
        [
            "Høj",
            (
                "Diskuter, om det er arbejdet værd at få dem med: 5. Aarhus "
                "Universitetshospital, Psykiatrien – Ældrepsykiatrien, 6. Ensomme Gamles Værn, "
                "7. Boligforeningen Bakkely"
            ),
            (
                "Lad os starte her: 1. Ældre Sagen Aarhus, 2. Besøgstjenesten i Viby Sogn, "
                "3. Røde Kors Aarhus, 4. Frivilligcenter Aarhus"
            ),
        ],
        [
            "Lav",
            (
                "Ikke det værd: 11. Gymnastikforeningen Aktiv 60+, 12. Favrskov Kommune, "
                "13. Naboer på Frederiksbjerg (Facebook-gruppe), 14. Østjysk Taxa"
            ),
            (
                "Måske, men ikke nu: 8. Aarhus Kommunes Biblioteker, 9. Pensionistklubben "
                "Solsikken, Viby, 10. Købmand Holm, Viby"
            ),
        ],
    ]


def quadrant_lines(language: str, counts: Iterable[int]) -> list[str]:
    """The four ``quadrant-n`` lines: each quadrant's name and how many partners it holds."""
    return [
        f'    quadrant-{number} "{name} ({count})"'
        for number, (name, count) in enumerate(
            zip(QUADRANT_NAMES[language], counts, strict=True), 1
        )
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_matrix_is_a_mermaid_quadrant_chart(language: str) -> None:
    """The fence: quadrantChart, axes, quadrant-1..4 named and counted, one point each."""
    text = markdown(civsam.example(), language=language)
    lines = mermaid(text)
    axes = {
        "da": ['    x-axis "Svært" --> "Nemt"', '    y-axis "Lav" --> "Høj"'],
        "en": ['    x-axis "Hard" --> "Easy"', '    y-axis "Low" --> "High"'],
    }
    assert lines[:8] == [
        "quadrantChart",
        "    title Ensomhed blandt ældre i Aarhus",
        *axes[language],
        *quadrant_lines(language, [4, 3, 4, 3]),
    ]
    # Two by two in each quadrant, in rank order: 1 2 / 3 4 in start here (top right).
    assert lines[8:] == [
        '    "1": [0.622, 0.849]',
        '    "2": [0.878, 0.849]',
        '    "3": [0.622, 0.627]',
        '    "4": [0.878, 0.627]',
        '    "5": [0.122, 0.849]',
        '    "6": [0.378, 0.849]',
        '    "7": [0.122, 0.627]',
        '    "8": [0.622, 0.349]',
        '    "9": [0.878, 0.349]',
        '    "10": [0.622, 0.127]',
        '    "11": [0.122, 0.349]',
        '    "12": [0.378, 0.349]',
        '    "13": [0.122, 0.127]',
        '    "14": [0.378, 0.127]',
    ]
    paragraphs = blocks(section(GFM.parse(text), MATRIX[language]), "p")
    assert paragraphs == [LEGEND[language]]  # every partner drawn: nothing more to say


MATRIX = {"da": "Prioriteringsmatrix", "en": "Priority matrix"}


def crowded(count: int, quadrants: Iterable[tuple[int, int]] = ((5, 5),)) -> civsam.Project:
    """A project of ``count`` partners, scored in turn from ``quadrants``' (importance, ease)."""
    owner = civsam.Organisation("kommune", "Kommune")
    partners = [civsam.Organisation(f"p{n:04}", f"Partner {n}") for n in range(count)]
    scores = list(quadrants)
    return civsam.Project(
        "Mange",
        owner,
        organisations=partners,
        assessments=[
            civsam.Assessment(
                p.id, importance=scores[n % len(scores)][0], ease=scores[n % len(scores)][1]
            )
            for n, p in enumerate(partners)
        ],
    )


def test_a_full_quadrant_shows_what_fits_and_says_how_many_more() -> None:
    """200 partners in start here: 42 drawn (the first by rank), the rest counted."""
    text = markdown(crowded(200))
    lines = mermaid(text)
    assert lines[4:8] == quadrant_lines("da", [200, 0, 0, 0])
    points = lines[8:]
    assert len(points) == 42
    assert [line.split('"')[1] for line in points] == [str(rank) for rank in range(1, 43)]
    assert all(POINT.match(line) for line in points)
    tokens = section(GFM.parse(text), "Prioriteringsmatrix")
    assert blocks(tokens, "p") == [
        LEGEND["da"],
        "Ikke tegnet, da der ikke er plads: 158 mere i Start her.",
    ]
    start_here = plain(tables(tokens)[0][1][2])
    assert start_here.startswith("Lad os starte her: 1. Partner ")
    assert start_here.endswith(", … og 188 mere")  # the plain board names 12


def test_every_quadrant_shows_its_own_first_partners() -> None:
    """With more partners than room, each quadrant still shows its best, not rank 1–40 only."""
    scores = [(5, 5)] * 4 + [(5, 1), (1, 5), (1, 1)]  # start here has 4 in every 7
    text = markdown(crowded(700, scores), language="en")
    lines = mermaid(text)
    prio = civsam.prioritise(crowded(700, scores), as_of=AS_OF)
    assert lines[4:8] == quadrant_lines("en", [400, 100, 100, 100])
    drawn = {int(line.split('"')[1]) for line in lines[8:]}
    for quadrant in Quadrant:
        ranks = [p.rank for p in prio.quadrant(quadrant)]
        assert drawn & set(ranks) == set(ranks[:42]), quadrant
    tokens = section(GFM.parse(text), "Priority matrix")
    assert blocks(tokens, "p")[1] == (
        "Not drawn, for lack of room: 358 more in Start here, 58 more in Discuss, "
        "58 more in Not worth it and 58 more in Not now."
    )


def test_a_project_without_assessments_has_no_chart() -> None:
    """No assessed partner: no fence, a sentence instead, and an empty partner table."""
    project = civsam.Project("Tomt", civsam.Organisation("ejer", "Ejer"))
    text = markdown(project)
    tokens = GFM.parse(text)
    assert [t for t in tokens if t.type == "fence"] == []
    assert "Ingen vurderede samarbejdspartnere endnu." in blocks(tokens, "p")
    partners, readiness = tables(tokens)
    assert len(partners) == 1
    assert len(readiness) == 4  # header and the three unanswered points


# -- the lifecycle: readiness, outreach plan, contacts due, checklists ------------------------

WORDS = {
    "da": {
        "readiness": "Parathed",
        "plan": "Plan for at række ud",
        "due": "Kontakt, der skal følges op",
        "checklists": "Tjekliste til godt samarbejde",
        "start": "Start her",
        "discuss": "Diskuter",
        "not_now": "Ikke nu",
        "not_started": "Ikke startet",
        "ended": "Afsluttet",
        "shared_goals": "Fælles mål og interesser",
        "maintain_contact": "Vedligehold kontakten",
        "two_weeks": "hver 2. uge",
        "four_weeks": "hver 4. uge",
    },
    "en": {
        "readiness": "Readiness",
        "plan": "Outreach plan",
        "due": "Contacts due",
        "checklists": "Checklist for good collaboration",
        "start": "Start here",
        "discuss": "Discuss",
        "not_now": "Not now",
        "not_started": "Not started",
        "ended": "Ended",
        "shared_goals": "Shared goals and interests",
        "maintain_contact": "Maintain contact",
        "two_weeks": "every 2 weeks",
        "four_weeks": "every 4 weeks",
    },
}
NOT_IN_PLACE = "Der er endnu ikke afsat timer til frivilligkonsulenterne"
AUH = "Aarhus Universitetshospital, Psykiatrien – Ældrepsykiatrien"


def example_section(title: str, language: str = "da", **options: object) -> list[Token]:
    """The tokens of one section of the example's report."""
    return section(GFM.parse(markdown(civsam.example(), language=language, **options)), title)


@pytest.mark.parametrize(
    ("language", "role", "header", "words"),
    [
        (
            "da",
            "Rolle: Kommune – Som kommune, der ønsker at samarbejde med civilsamfundsaktører",
            ["Punkt", "Status", "Dato", "Note"],
            ["Prioritering", "Vær åben", "Dedikér tid", "På plads", "Mangler", "Det mangler I"],
        ),
        (
            "en",
            "Role: Municipality – As a municipality that wants to work with civil-society actors",
            ["Item", "Status", "Date", "Note"],
            ["Priority", "Be open", "Dedicate time", "In place", "Missing", "What is missing"],
        ),
    ],
)
def test_readiness_shows_each_point_and_the_gap_with_the_guides_advice(
    language: str, role: str, header: list[str], words: list[str]
) -> None:
    """The owner's role, its three points with status and date, and dedicated time as the gap."""
    tokens = example_section(WORDS[language]["readiness"], language)
    priority, openness, dedicated, in_place, missing, gaps = words
    assert blocks(tokens, "p")[0] == role
    [points] = tables(tokens)
    assert texts_of(points) == [
        header,
        [
            priority,
            in_place,
            "2026-09-15",
            "Direktionen har sat samarbejdet med civilsamfundet på årsplanen",
        ],
        [openness, in_place, "2026-09-15", ""],
        [dedicated, missing, "2026-09-15", NOT_IN_PLACE],
    ]
    assert blocks(tokens, "h3") == [gaps]
    advice = civsam.label("readiness.municipality.dedicated_time.advice", language)
    assert advice.startswith(("Beslut, hvor meget I vil", "Decide how much you want"))
    assert blocks(tokens, "li") == [f"{dedicated} ({missing}): {advice}\nNote: {NOT_IN_PLACE}"]


def test_readiness_says_so_when_every_point_is_in_place() -> None:
    """A later "yes" to dedicated time closes the gap: the sentence, no list of gaps."""
    project = civsam.example()
    answer = civsam.ReadinessAnswer("dedicated_time", True, dt.date(2026, 10, 1), "Byrådet")
    project.record(answer)
    tokens = section(GFM.parse(markdown(project)), "Parathed")
    assert texts_of(tables(tokens)[0])[3] == ["Dedikér tid", "På plads", "2026-10-01", ""]
    assert blocks(tokens, "p")[1:] == ["Alle tre punkter er på plads."]
    assert blocks(tokens, "li") == []


def clock(when: dt.datetime) -> str:
    """A plan's time as the report shows it: Danish local time to the minute."""
    return when.strftime("%Y-%m-%d %H:%M")


def first_meetings(plan: civsam.Plan, partners: Iterable[str]) -> list[str]:
    """The "first meeting" column the plan gives for ``partners``: its time, or empty."""
    meetings = [plan.meeting(partner) for partner in partners]
    return [clock(meeting.start) if meeting is not None else "" for meeting in meetings]


def meetings_by_rank(plan: civsam.Plan, wanted: list[str]) -> None:
    """First meetings go to ``wanted`` (in rank order) by rank, as many as there is room for.

    The rest are the plan's ``unscheduled``, whom the report names.
    """
    has = [plan.meeting(partner) is not None for partner in wanted]
    assert has[0]
    assert has == sorted(has, reverse=True)
    assert [partner.id for partner in plan.unscheduled] == [
        partner for partner, planned in zip(wanted, has, strict=True) if not planned
    ]
    assert {meeting.partner.id for meeting in plan.meetings} <= set(wanted)
    assert in_rank_order(plan)


def in_rank_order(plan: civsam.Plan) -> bool:
    """First meetings go in rank order: a better-ranked partner's is never later."""
    ranked = sorted(plan.meetings, key=lambda meeting: meeting.rank)
    return all(a.start < b.start for a, b in itertools.pairwise(ranked))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_outreach_plan_shows_each_approach_and_the_first_meetings(language: str) -> None:
    """Start here and discuss in rank order, with their step and the plan's first meeting.

    Partners in contact (Ældre Sagen, Røde Kors) get check-ins, not a first meeting; the
    others get one each, in rank order; the capacity line and the closed period are the
    plan's. Times come from the plan, so this holds whatever the example's capacity.
    """
    words = WORDS[language]
    report = civsam.make_report(civsam.example(), language=language, as_of=AS_OF)
    plan = report.plan
    tokens = example_section(words["plan"], language)
    approaches, check_ins, evaluations = (texts_of(t) for t in tables(tokens))
    ids = [
        "aeldresagen-aarhus",
        "besoegstjenesten-viby-sogn",
        "roede-kors-aarhus",
        "frivilligcenter-aarhus",
        "auh-aeldrepsykiatri",
        "ensomme-gamles-vaern",
        "boligforeningen-bakkely",
    ]
    meetings = first_meetings(plan, ids)
    assert [row[:4] for row in approaches[1:]] == [
        ["1", "Ældre Sagen Aarhus", words["start"], words["maintain_contact"]],
        ["2", "Besøgstjenesten i Viby Sogn", words["start"], words["not_started"]],
        ["3", "Røde Kors Aarhus", words["start"], words["shared_goals"]],
        ["4", "Frivilligcenter Aarhus", words["start"], words["not_started"]],
        ["5", AUH, words["discuss"], words["not_started"]],
        ["6", "Ensomme Gamles Værn", words["discuss"], words["not_started"]],
        ["7", "Boligforeningen Bakkely", words["discuss"], words["not_started"]],
    ]
    assert [row[4] for row in approaches[1:]] == meetings
    in_contact = {"aeldresagen-aarhus", "roede-kors-aarhus"}
    meetings_by_rank(plan, [partner for partner in ids if partner not in in_contact])
    assert all(plan.start <= meeting.start.date() for meeting in plan.meetings)
    capacity = civsam.label(
        "plan.capacity", language, capacity=plan.settings.capacity, start="2026-12-07"
    )
    assert blocks(tokens, "p")[0] == capacity
    assert len(blocks(tokens, "p")) == 1 + bool(plan.unscheduled)
    assert plan.closed  # the Christmas holiday, nothing planned in it
    assert blocks(tokens, "li")[: len(plan.closed)] == [
        civsam.label("plan.closed_period", language, first=a.isoformat(), last=b.isoformat())
        for a, b in plan.closed
    ]
    assert blocks(tokens, "h3") == plan_headings(report)
    assert check_ins[0] == (
        ["Potentiel samarbejdspartner", "Interval", "Første gang"]
        if language == "da"
        else ["Potential partner", "Interval", "First"]
    )
    # Every 2 weeks in start here, every 4 in discuss; each as the plan has it.
    every = {2: words["two_weeks"], 4: words["four_weeks"]}
    assert check_ins[1:] == [
        [c.partner.name, every[c.every_weeks], clock(c.first)] for c in plan.check_ins
    ]
    weeks = {civsam.Quadrant.START_HERE: 2, civsam.Quadrant.DISCUSS: 4}
    assert [c.every_weeks for c in plan.check_ins] == [weeks[c.quadrant] for c in plan.check_ins]
    assert {c.partner.id for c in plan.check_ins} >= in_contact
    assert evaluations[1:] == [
        ["Ældre Sagen Aarhus", day]
        for day in ("2027-02-15", "2027-05-18", "2027-08-16", "2027-11-15")
    ]


def test_the_plan_header_is_in_the_guides_words() -> None:
    """Rank, partner, quadrant, step, first meeting; --start moves the meetings and the line."""
    options = {"plan_from": dt.date(2027, 1, 4), "capacity": 3}
    tokens = section(
        GFM.parse(markdown(civsam.example(), **options)),
        "Plan for at række ud",
    )
    plan = civsam.make_report(civsam.example(), as_of=AS_OF, **options).plan  # type: ignore[arg-type]
    approaches = texts_of(tables(tokens)[0])
    assert approaches[0] == [
        "Rang",
        "Potentiel samarbejdspartner",
        "Kvadrant",
        "Trin",
        "Første møde",
    ]
    ids = [p.partner.id for p in plan.meetings]
    assert [row[4] for row in approaches[1:] if row[4]] == first_meetings(plan, ids)
    assert len(ids) == 5
    assert in_rank_order(plan)
    days = [meeting.start.date() for meeting in plan.meetings]
    assert dt.date(2027, 1, 4) <= min(days) < dt.date(2027, 1, 11)
    assert blocks(tokens, "p")[0] == civsam.label(
        "plan.capacity", "da", capacity=3, start="2027-01-04"
    )


def test_partners_approached_outside_the_first_quadrants_are_in_the_plan() -> None:
    """A not-now partner with an outreach entry keeps its rank; an unassessed one comes last."""
    project = civsam.example()
    project.add(civsam.Organisation("ny-forening", "Ny <forening> | 2", civsam.OrgKind.NON_PROFIT))
    project.record(
        civsam.OutreachEntry("koebmand-holm-viby", "shared_goals", dt.date(2026, 11, 3)),
        civsam.OutreachEntry("ny-forening", "ended", dt.date(2026, 11, 4), "Ikke nu"),
        civsam.OutreachEntry("frivilligcenter-aarhus", "ended", dt.date(2026, 11, 5)),
    )
    tokens = section(GFM.parse(markdown(project)), "Plan for at række ud")
    approaches = texts_of(tables(tokens)[0])[1:]
    assert [row[:4] for row in approaches] == [
        ["1", "Ældre Sagen Aarhus", "Start her", "Vedligehold kontakten"],
        ["2", "Besøgstjenesten i Viby Sogn", "Start her", "Ikke startet"],
        ["3", "Røde Kors Aarhus", "Start her", "Fælles mål og interesser"],
        ["4", "Frivilligcenter Aarhus", "Start her", "Afsluttet"],
        ["5", AUH, "Diskuter", "Ikke startet"],
        ["6", "Ensomme Gamles Værn", "Diskuter", "Ikke startet"],
        ["7", "Boligforeningen Bakkely", "Diskuter", "Ikke startet"],
        ["10", "Købmand Holm, Viby", "Ikke nu", "Fælles mål og interesser"],
        ["", "Ny <forening> | 2", "", "Afsluttet"],
    ]
    # The ended approaches and those in contact get no first meeting; the others do, in
    # rank order, as many as the plan has room for (the rest wait, named).
    plan = civsam.make_report(project, as_of=AS_OF).plan
    ids = [
        "aeldresagen-aarhus",
        "besoegstjenesten-viby-sogn",
        "roede-kors-aarhus",
        "frivilligcenter-aarhus",
        "auh-aeldrepsykiatri",
        "ensomme-gamles-vaern",
        "boligforeningen-bakkely",
        "koebmand-holm-viby",
        "ny-forening",
    ]
    assert [row[4] for row in approaches] == first_meetings(plan, ids)
    meetings_by_rank(plan, [ids[1], *ids[4:7]])


@pytest.mark.parametrize("language", LANGUAGES)
def test_partners_the_plan_has_no_room_for_are_named(language: str) -> None:
    """One meeting a week, all spent on check-ins: no "nothing to plan", but who waits."""
    options = {"plan_from": dt.date(2027, 1, 4), "capacity": 1, "language": language}
    report = civsam.make_report(civsam.example(), as_of=AS_OF, **options)  # type: ignore[arg-type]
    plan = report.plan
    assert plan.unscheduled
    assert not plan.meetings
    tokens = section(GFM.parse(markdown(civsam.example(), **options)), WORDS[language]["plan"])
    names = [partner.name for partner in plan.unscheduled]
    listed = f"{', '.join(names[:-1])} {civsam.label('join.and', language)} {names[-1]}"
    waiting = civsam.label("plan.unscheduled", language, end=plan.end.isoformat(), names=listed)
    assert blocks(tokens, "p") == [
        civsam.label("plan.capacity", language, capacity=1, start="2027-01-04"),
        waiting,
    ]
    assert [row[4] for row in texts_of(tables(tokens)[0])[1:]] == [""] * 7


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        (
            "da",
            (
                "Ingen plads til opfølgninger med Gamma_3 <b>|: ugernes møder går til "
                "samarbejdspartnere, der står højere i prioriteringen. Hæv kapaciteten, eller "
                "følg op sjældnere ([planning] check_in_weeks)."
            ),
        ),
        (
            "en",
            (
                "No room for check-ins with Gamma_3 <b>|: the weeks' meetings go to partners "
                "ranked higher. Raise the capacity, or check in less often ([planning] "
                "check_in_weeks)."
            ),
        ),
    ],
)
def test_a_partner_crowded_out_of_check_ins_is_named(language: str, sentence: str) -> None:
    """Two meetings a week, three weekly check-ins: the lowest-ranked gets none, and is told."""
    project = weekly(["Alfa *1*", "Beta 2", "Gamma_3 <b>|"], capacity=2)
    assert [partner.id for partner in civsam.plan(project).crowded_out] == ["p2"]
    text = markdown(project, language=language)
    tokens = section(GFM.parse(text), WORDS[language]["plan"])
    assert blocks(tokens, "p")[-1] == sentence
    assert [row[0] for row in texts_of(tables(tokens)[1])[1:]] == ["Alfa *1*", "Beta 2"]
    assert "<b>" not in text


@pytest.mark.parametrize(
    ("language", "heading", "moved"),
    [
        (
            "da",
            "Flyttede opfølgninger",
            (
                "Alfa <a> | 1: 2027-03-15 09:00 flyttet til 2027-03-16 09:00 "
                "(en helligdag eller fridag)"
            ),
        ),
        (
            "en",
            "Moved check-ins",
            "Alfa <a> | 1: 2027-03-15 09:00 moved to 2027-03-16 09:00 (a holiday or day off)",
        ),
    ],
)
def test_a_moved_check_in_says_from_when_to_when_and_why(
    language: str, heading: str, moved: str
) -> None:
    """Closed days from Tuesday 9 to Monday 15 March: Monday's check-in moves to Tuesday."""
    closed = [dt.date(2027, 3, 9) + dt.timedelta(days=n) for n in (0, 1, 2, 3, 6)]
    project = weekly(["Alfa <a> | 1"], capacity=4, closed_days=closed)
    [(_, rule, new)] = civsam.plan(project).moved_check_ins
    assert (rule.date(), new.date()) == (dt.date(2027, 3, 15), dt.date(2027, 3, 16))
    tokens = section(GFM.parse(markdown(project, language=language)), WORDS[language]["plan"])
    assert blocks(tokens, "h3")[1:] == [heading]
    assert blocks(tokens, "li") == [moved]


def test_a_check_in_moved_on_a_working_day_was_moved_for_a_full_week_or_a_clash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The plan keeps no reason: a working day's move can only be for capacity or a clash."""
    project = weekly(["Alfa"], capacity=4)
    plan = civsam.plan(project)
    [check_in] = plan.check_ins
    rule = dt.datetime.combine(dt.date(2027, 3, 8), check_in.first.timetz())
    new = rule + dt.timedelta(days=1)
    assert rule in check_in.rule()
    moved = attrs.evolve(check_in, moved=((rule, new),))
    monkeypatch.setattr(
        civsam.Report, "plan", property(lambda _: attrs.evolve(plan, check_ins=(moved,)))
    )
    tokens = section(GFM.parse(markdown(project, language="en")), "Outreach plan")
    assert blocks(tokens, "li") == [
        "Alfa: 2027-03-08 09:00 moved to 2027-03-09 09:00 (the week was full or the time taken)"
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_check_ins_in_the_closed_period_are_not_held_and_the_report_says_so(
    language: str,
) -> None:
    """The example's check-ins that fall in the Christmas holiday: each named, with why."""
    report = civsam.make_report(civsam.example(), language=language, as_of=AS_OF)
    plan = report.plan
    skipped = sorted(
        (when, check_in.partner.name) for check_in in plan.check_ins for when in check_in.skipped
    )
    assert skipped
    [(first, last)] = plan.closed
    assert all(first <= when.date() <= last for when, _ in skipped)
    why = civsam.label("plan.because_closed", language)
    tokens = example_section(WORDS[language]["plan"], language)
    assert blocks(tokens, "li")[len(plan.closed) :] == [
        civsam.label("plan.skipped_check_in", language, name=name, rule=clock(when)) + f" ({why})"
        for when, name in skipped
    ]
    assert civsam.label("plan.skipped_check_ins", language) in blocks(tokens, "h3")


def due_rows(report: civsam.Report) -> list[list[str]]:
    """The due table's rows as the report's ``due`` has them."""
    today = civsam.label("due.today", report.language)
    return [
        [
            d.partner.name,
            d.last_contact.isoformat(),
            d.due.isoformat(),
            str(d.days_overdue) if d.days_overdue else today,
        ]
        for d in report.due
    ]


@pytest.mark.parametrize(
    ("language", "header"),
    [
        ("da", ["Potentiel samarbejdspartner", "Seneste kontakt", "Forfalden", "Dage over tid"]),
        ("en", ["Potential partner", "Last contact", "Due", "Days overdue"]),
    ],
)
def test_the_overdue_contact_shows_how_many_days_overdue(language: str, header: list[str]) -> None:
    """Each contact due by 7 December: its last contact, due day and days over, most first.

    Ældre Sagen's last contact is its review on 16 November (a review is contact), Røde
    Kors' its outreach step on 2 November (so is an outreach step).
    """
    report = civsam.make_report(civsam.example(), language=language, as_of=AS_OF)
    [due] = tables(example_section(WORDS[language]["due"], language))
    assert texts_of(due) == [header, *due_rows(report)]
    assert {(d.partner.id, d.last_contact) for d in report.due} == {
        ("aeldresagen-aarhus", dt.date(2026, 11, 16)),
        ("roede-kors-aarhus", dt.date(2026, 11, 2)),
    }
    days = [d.days_overdue for d in report.due]
    assert days == sorted(days, reverse=True)
    assert all(d.days_overdue == (report.as_of - d.due).days > 0 for d in report.due)


def test_a_contact_due_today_says_today_and_none_due_says_so() -> None:
    """On the due date the cell says "i dag"/"today"; the day before, nothing is due."""
    first_due = min(d.due for d in civsam.make_report(civsam.example(), as_of=AS_OF).due)
    for language, today in (("da", "i dag"), ("en", "today")):
        tokens = example_section(WORDS[language]["due"], language, plan_from=first_due)
        report = civsam.make_report(civsam.example(), language=language, plan_from=first_due)
        rows = texts_of(tables(tokens)[0])[1:]
        assert rows == due_rows(report)
        assert [row[3] for row in rows] == [today]
    for language, none in (("da", "Ingen kontakter er forfaldne."), ("en", "No contacts are due.")):
        the_day_before = first_due - dt.timedelta(days=1)
        tokens = example_section(WORDS[language]["due"], language, plan_from=the_day_before)
        assert tables(tokens) == []
        assert blocks(tokens, "p") == [none]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "da",
            [
                "Samarbejdet med Ældre Sagen Aarhus",
                [
                    "3 af 6 punkter på plads",
                    "Seneste evaluering: 2026-11-16",
                    "Næste evaluering: 2027-02-15",
                ],
                [
                    ["Punkt", "Status", "Udvikling", "Note"],
                    ["Find fælles grund", "Grøn", "Ny", ""],
                    ["Vær åben for forskelle", "Sat kryds", "Ny", ""],
                    ["Snak sammen ofte", "Gul", "Ny", "Kun ét møde siden oktober"],
                    ["Evaluer og juster løbende", "Rød", "Ny", "Ingen evalueringsplan endnu"],
                    ["Få ledelsen med", "Grøn", "Ny", ""],
                    ["Aftal spillereglerne", "Gul", "Ny", "Hvem rekrutterer besøgsvennerne?"],
                ],
                "Dagsorden for næste evaluering",
                [
                    "Evaluer og juster løbende (Rød): Ingen evalueringsplan endnu",
                    "Snak sammen ofte (Gul): Kun ét møde siden oktober",
                    "Aftal spillereglerne (Gul): Hvem rekrutterer besøgsvennerne?",
                ],
            ],
        ),
        (
            "en",
            [
                "The partnership with Ældre Sagen Aarhus",
                ["3 of 6 items in place", "Last review: 2026-11-16", "Next review: 2027-02-15"],
                [
                    ["Item", "Status", "Trend", "Note"],
                    ["Find common ground", "Green", "New", ""],
                    ["Be open to differences", "Ticked", "New", ""],
                    ["Talk often", "Amber", "New", "Kun ét møde siden oktober"],
                    [
                        "Evaluate and adjust continuously",
                        "Red",
                        "New",
                        "Ingen evalueringsplan endnu",
                    ],
                    ["Get the leadership on board", "Green", "New", ""],
                    [
                        "Agree on the ground rules",
                        "Amber",
                        "New",
                        "Hvem rekrutterer besøgsvennerne?",
                    ],
                ],
                "Agenda for the next review",
                [
                    "Evaluate and adjust continuously (Red): Ingen evalueringsplan endnu",
                    "Talk often (Amber): Kun ét møde siden oktober",
                    "Agree on the ground rules (Amber): Hvem rekrutterer besøgsvennerne?",
                ],
            ],
        ),
    ],
)
def test_the_running_partnership_has_its_checklist_and_agenda_reds_first(
    language: str, expected: list[object]
) -> None:
    """Six items with a status word (never colour alone), trend and note; agenda red, then amber."""
    heading, facts, items, agenda, topics = expected
    tokens = example_section(WORDS[language]["checklists"], language)
    assert blocks(tokens, "h3") == [heading]
    assert blocks(tokens, "li")[:3] == facts
    [checklist] = tables(tokens)
    assert texts_of(checklist) == items
    assert blocks(tokens, "h4") == [agenda]
    assert blocks(tokens, "li")[3:] == topics


def test_a_second_review_shows_the_trend_and_an_unreviewed_item() -> None:
    """Better, steady and worse against the review before; an item never rated says so."""
    project = civsam.example()
    project.record(
        civsam.Touchpoint("roede-kors-aarhus", dt.date(2026, 11, 20), "call"),
        civsam.Review(
            "aeldresagen-aarhus",
            dt.date(2026, 12, 1),
            [
                civsam.ItemReview("talk_often", "green"),
                civsam.ItemReview("evaluate_and_adjust", "red", "Stadig <ingen> plan | endnu"),
                civsam.ItemReview("leadership", "amber", "Ny direktør"),
            ],
        ),
    )
    tokens = section(GFM.parse(markdown(project)), "Tjekliste til godt samarbejde")
    assert blocks(tokens, "h3") == [
        "Samarbejdet med Ældre Sagen Aarhus",
        "Samarbejdet med Røde Kors Aarhus",
    ]
    ours, theirs = (texts_of(t) for t in tables(tokens))
    assert [row[1:3] for row in ours[1:]] == [
        ["Grøn", "Ny"],
        ["Sat kryds", "Ny"],
        ["Grøn", "Bedre"],
        ["Rød", "Uændret"],
        ["Gul", "Dårligere"],
        ["Gul", "Ny"],
    ]
    assert ours[4][3] == "Stadig <ingen> plan | endnu"
    assert [row[1:] for row in theirs[1:]] == [["Ikke vurderet", "", ""]] * 6
    assert blocks(tokens, "li") == [
        "3 af 6 punkter på plads",
        "Seneste evaluering: 2026-12-01",
        "Næste evaluering: 2027-03-02",
        "Evaluer og juster løbende (Rød): Stadig <ingen> plan | endnu",
        "Få ledelsen med (Gul): Ny direktør",
        "Aftal spillereglerne (Gul): Hvem rekrutterer besøgsvennerne?",
        "0 af 6 punkter på plads",
        "Ikke evalueret endnu.",
    ]
    # Røde Kors was never reviewed: nothing on its agenda, and nothing to celebrate yet.
    assert blocks(tokens, "p") == ["Ikke evalueret endnu.", "Lavet med civsam"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_a_review_with_no_red_or_amber_is_celebrated(language: str) -> None:
    """Never reviewed: "not reviewed yet", no celebration; reviewed all green: celebrate."""
    project = civsam.example()
    project.record(civsam.Touchpoint("roede-kors-aarhus", dt.date(2026, 11, 20), "call"))
    title, footer = WORDS[language]["checklists"], civsam.label("report.generated_by", language)
    celebrate = civsam.label("review.agenda_empty", language)
    not_reviewed = civsam.label("review.not_reviewed", language)
    # Ældre Sagen's agenda is a list (reds and ambers); Røde Kors' is the one paragraph.
    tokens = section(GFM.parse(markdown(project, language=language)), title)
    assert blocks(tokens, "p") == [not_reviewed, footer]
    all_green = [civsam.ItemReview(item, "green") for item in civsam.ChecklistItem]
    project.record(civsam.Review("roede-kors-aarhus", dt.date(2026, 12, 1), all_green))
    tokens = section(GFM.parse(markdown(project, language=language)), title)
    assert blocks(tokens, "p") == [celebrate, footer]


def test_a_project_with_no_history_still_exports() -> None:
    """Readiness not answered, no approach, nothing due, no running partnership."""
    project = civsam.example()
    bare = civsam.Project(
        project.name,
        project.owner,
        organisations=[o for o in project.organisations.values() if o.id != project.owner.id],
        assessments=project.assessments.values(),
    )
    bare.plan_settings = project.plan_settings
    for language in LANGUAGES:
        tokens = GFM.parse(markdown(bare, language=language))
        words = WORDS[language]
        unanswered = "Ikke besvaret" if language == "da" else "Not answered"
        readiness = section(tokens, words["readiness"])
        assert [row[1:] for row in texts_of(tables(readiness)[0])[1:]] == [[unanswered, "", ""]] * 3
        assert [item.split(": ")[0] for item in blocks(readiness, "li")] == [
            f"{name} ({unanswered})"
            for name in (
                ("Prioritering", "Vær åben", "Dedikér tid")
                if language == "da"
                else ("Priority", "Be open", "Dedicate time")
            )
        ]
        plan = section(tokens, words["plan"])
        steps = {row[3] for row in texts_of(tables(plan)[0])[1:]}
        assert steps == {words["not_started"]}
        assert len(tables(plan)) == 2  # first meetings and check-ins; no evaluations yet
        assert blocks(section(tokens, words["due"]), "p") == [
            "Ingen kontakter er forfaldne." if language == "da" else "No contacts are due."
        ]
        checklists = section(tokens, words["checklists"])
        assert tables(checklists) == []
        assert blocks(checklists, "p")[0] == (
            "Ingen igangværende samarbejder endnu."
            if language == "da"
            else "No running partnerships yet."
        )


def test_a_project_with_nothing_to_plan_says_so() -> None:
    """No partner to approach: no plan table, the sentence instead, no capacity line."""
    project = civsam.Project(
        "Tomt", civsam.Organisation("kommune", "Kommune", civsam.OrgKind.MUNICIPALITY)
    )
    tokens = section(GFM.parse(markdown(project)), "Plan for at række ud")
    assert tables(tokens) == []
    assert blocks(tokens, "p") == ["Ingen første møder at planlægge."]


# -- hostile text --------------------------------------------------------------------------------


@given(
    project=projects() | lived_projects(),
    language=st.sampled_from(LANGUAGES),
    contacts=st.booleans(),
)
def test_every_table_row_has_the_headers_cells_and_the_datas_text(
    project: civsam.Project,
    language: str,
    contacts: bool,  # noqa: FBT001
) -> None:
    """Pipes, newlines, backslashes, markup: each row has the header's cells, each cell its text."""
    text = markdown(project, language=language, include_contacts=contacts)
    tokens = GFM.parse(text)
    for lines in table_lines(text, tokens):
        assert len(lines) >= 2
        widths = {raw_cells(line) for line in lines if not line.startswith("|---")}
        assert widths == {lines[1].count("---")}
    report = civsam.make_report(project, language=language, include_contacts=contacts, as_of=AS_OF)
    prio = report.prioritisation
    found, github = tables(tokens), GitHubPage(text).tables
    at = 1 if len(prio) else 0  # the board comes first when there is one
    lifecycle = lifecycle_tables(report)
    assert len(found) == len(github) == at + 1 + len(lifecycle)
    check_rows(found[at], github[at], partner_rows(project, prio, contacts=contacts))
    for index, expected in enumerate(lifecycle, start=at + 1):
        check_rows(found[index], github[index], expected)


@given(
    project=projects(history=True) | lived_projects(),
    language=st.sampled_from(LANGUAGES),
    contacts=st.booleans(),
)
def test_no_html_from_the_data_reaches_the_page(
    project: civsam.Project,
    language: str,
    contacts: bool,  # noqa: FBT001
) -> None:
    """No HTML tokens at all; GitHub's renderer makes only the report's own tags."""
    text = markdown(project, language=language, include_contacts=contacts)
    tokens = GFM.parse(text)
    kinds = {token.type for token in all_tokens(tokens)}
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "code_block"}
    assert [t.info for t in tokens if t.type == "fence"] == (
        ["mermaid"] if len(project.assessments) else []
    )
    page = GitHubPage(text)
    assert page.tags <= GITHUB_TAGS
    assert all(link.startswith("mailto:") for link in page.links)


@given(project=lived_projects(), language=st.sampled_from(LANGUAGES))
def test_the_plan_says_what_moved_and_who_has_no_room_in_the_datas_text(
    project: civsam.Project, language: str
) -> None:
    """Closed periods, moved and skipped check-ins, partners left out: names as written."""
    report = civsam.make_report(project, language=language, as_of=AS_OF)
    plan, working = report.plan, report.plan.settings.working_days
    tokens = section(GFM.parse(markdown(project, language=language)), WORDS[language]["plan"])

    def said(key: str, **values: object) -> str:
        return civsam.label(key, language, **values)

    def why(when: dt.datetime) -> str:
        if any(a <= when.date() <= b for a, b in plan.closed):
            return said("plan.because_closed")
        return said(
            "plan.because_busy" if working.is_working_day(when.date()) else "plan.because_day_off"
        )

    timed = plan.meetings or plan.check_ins or plan.milestones
    items = [
        said("plan.closed_period", first=a.isoformat(), last=b.isoformat())
        for a, b in (plan.closed if timed else ())
    ]
    items += [
        said("plan.moved_check_in", name=shown(c.partner.name), rule=clock(a), moved=clock(b))
        + f" ({why(a)})"
        for c, a, b in plan.moved_check_ins
    ]
    skipped = sorted(
        (when, c.partner.id, c.partner.name) for c in plan.check_ins for when in c.skipped
    )
    items += [
        said("plan.skipped_check_in", name=shown(name), rule=clock(when)) + f" ({why(when)})"
        for when, _, name in skipped
    ]
    assert [words(item) for item in blocks(tokens, "li")] == [words(item) for item in items]
    paragraphs = " ".join(words(paragraph) for paragraph in blocks(tokens, "p"))
    for partner in (*plan.unscheduled, *plan.crowded_out):
        assert words(shown(partner.name)) in paragraphs
    assert (said("plan.none") in blocks(tokens, "p")) == (
        not plan.meetings and not plan.unscheduled
    )


@given(project=lived_projects(), language=st.sampled_from(LANGUAGES))
def test_gaps_agendas_and_partnership_headings_show_the_datas_text(
    project: civsam.Project, language: str
) -> None:
    """Hostile notes and names in the lists and headings read back as written."""
    report = civsam.make_report(project, language=language, as_of=AS_OF)
    tokens = GFM.parse(markdown(project, language=language))

    def said(key: str, **values: object) -> str:
        return civsam.label(key, language, **values)

    def with_note(line: str, note: str, separator: str) -> str:
        return f"{line}{separator}{shown(note)}" if shown(note).lstrip(" ") else line

    expected = []
    for item in report.readiness.gaps:
        status = said("readiness.missing" if item.answer else "readiness.unanswered")
        line = f"{said(item.label_key)} ({status}): {said(item.label_key + '.advice')}"
        note = item.answer.note if item.answer else ""
        expected.append(with_note(line, note, f" {said('column.note')}: "))
    readiness = section(tokens, said("readiness.title"))
    assert [words(item) for item in blocks(readiness, "li")] == [words(e) for e in expected]
    assert (said("readiness.ready") in blocks(readiness, "p")) == report.readiness.ready

    headings, items = [], []
    for checklist in report.checklists:
        headings.append(said("review.partnership", name=shown(checklist.partner.name)))
        items.append(said("review.done", done=checklist.done))
        last = checklist.last_review
        items.append(
            said("review.last_review", date=last.isoformat())
            if last
            else said("review.not_reviewed")
        )
        if checklist.next_review is not None:
            items.append(said("review.next_review", date=checklist.next_review.isoformat()))
        for progress in checklist.agenda:
            assert progress.latest is not None
            status = said(f"item_status.{progress.latest.status.value}")
            line = f"{said(progress.label_key)} ({status})"
            items.append(with_note(line, progress.latest.note, ": "))
    checklists = section(tokens, said("checklist.title"))
    assert [words(h) for h in blocks(checklists, "h3")] == [words(h) for h in headings]
    assert [words(item) for item in blocks(checklists, "li")] == [words(i) for i in items]


@given(project=projects(), language=st.sampled_from(LANGUAGES))
def test_the_title_owner_and_target_groups_show_as_written(
    project: civsam.Project, language: str
) -> None:
    """The heading and facts show the data's text, whatever markup it holds."""
    tokens = GFM.parse(markdown(project, language=language))
    [title] = blocks(tokens, "h1")
    assert words(title) == words(shown(project.name))
    owner, groups, _ = blocks(tokens, "li")[:3]
    labels = ("Ejer: ", "Målgrupper: ") if language == "da" else ("Owner: ", "Target groups: ")
    assert words(owner) == words(labels[0] + shown(project.owner.name))
    assert words(groups) == words(
        labels[1] + (", ".join(shown(g) for g in project.target_groups) or "–")
    )


@given(project=projects(max_partners=12), language=st.sampled_from(LANGUAGES))
def test_mermaid_points_meet_the_lexers_rules(project: civsam.Project, language: str) -> None:
    """Every point: its rank as a quoted label, x and y as 0.ddd, in its quadrant."""
    text = markdown(project, language=language)
    prio = civsam.prioritise(project, as_of=AS_OF)
    if not len(prio):
        assert "```mermaid" not in text
        return
    lines = mermaid(text)
    assert lines[0] == "quadrantChart"
    assert re.fullmatch(r"    title [^\n\"`]+", lines[1])
    counts = prio.counts()
    assert lines[4:8] == quadrant_lines(language, [counts[q] for q in CHART_QUADRANTS])
    assert "\\" not in "\n".join(lines)  # never Markdown-escaped inside the fence
    points = lines[8:]
    assert len(points) == len(prio)  # a dozen partners always fit
    for line, placement in zip(points, prio, strict=True):
        match = POINT.match(line)
        assert match is not None, line
        x, y = float(match[1]), float(match[2])
        assert 0 < x < 1
        assert 0 < y < 1
        assert (x >= 0.5) == (placement.quadrant in EASY)
        assert (y >= 0.5) == (placement.quadrant in IMPORTANT)
        assert line.startswith(f'    "{placement.rank}": [')


@attrs.frozen
class Mark:
    """A drawn point as Mermaid lays it out: its rank, quadrant and box in the quadrant's px."""

    rank: int
    quadrant: Quadrant
    x: float
    y: float
    """The dot's centre, in pixels from its quadrant's top left corner."""
    digits: int

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Left, top, right, bottom of the dot and its label (8 px a digit, 14 px high)."""
        half = max(self.digits * DIGIT_WIDTH / 2, 5)
        return self.x - half, self.y - 5, self.x + half, self.y + 18


def marks(text: str) -> list[Mark]:
    """The chart's points, each in the quadrant its coordinates put it in."""
    found = []
    for line in mermaid(text)[8:]:
        match = POINT.match(line)
        assert match is not None, line
        x, y = float(match[1]) * PLOT[0], (1 - float(match[2])) * PLOT[1]
        easy, important = x >= QUADRANT_SIZE[0], y < QUADRANT_SIZE[1]
        quadrant = {
            (True, True): Quadrant.START_HERE,
            (False, True): Quadrant.DISCUSS,
            (True, False): Quadrant.NOT_NOW,
            (False, False): Quadrant.NOT_WORTH_IT,
        }[easy, important]
        rank = line.split('"')[1]
        assert re.fullmatch(r"[1-9][0-9]*", rank), line  # the rank number and nothing else
        left = QUADRANT_SIZE[0] if easy else 0
        top = 0 if important else QUADRANT_SIZE[1]
        found.append(Mark(int(rank), quadrant, x - left, y - top, len(rank)))
    return found


def scores() -> st.SearchStrategy[list[tuple[int, int]]]:
    """Importance and ease for up to 400 partners, often piled into one quadrant."""
    score = st.integers(1, 5)
    one = st.tuples(score, score)
    return st.one_of(
        st.lists(one, max_size=400),
        one.flatmap(lambda pair: st.lists(st.just(pair) | one, min_size=30, max_size=400)),
    )


@given(scored=scores(), language=st.sampled_from(LANGUAGES))
def test_the_chart_is_a_board_every_point_apart_in_rank_order(
    scored: list[tuple[int, int]], language: str
) -> None:
    """Per quadrant: its first partners by rank, in reading order, spread out, never touching.

    The marks (a dot and the rank under it) are laid out as Mermaid draws them at 500 px;
    tests/test_mermaid_browser.py checks the same in a real browser.
    """
    project = crowded(len(scored), scored) if scored else crowded(0)
    # The matrix section alone: the whole report of 400 partners takes 50 times longer.
    report = civsam.make_report(project, as_of=AS_OF, language=language)
    text = "\n".join(matrix(report))
    prio = report.prioritisation
    if not len(prio):
        return
    drawn = marks(text)
    counts = prio.counts()
    assert mermaid(text)[4:8] == quadrant_lines(language, [counts[q] for q in CHART_QUADRANTS])
    hidden = {}
    for quadrant in Quadrant:
        ranks = [p.rank for p in prio.quadrant(quadrant)]
        mine = [m for m in drawn if m.quadrant is quadrant]
        # Its first partners by rank, in reading order: rows top down, each left to right.
        assert [m.rank for m in mine] == ranks[: len(mine)]
        assert mine == sorted(mine, key=lambda m: (round(m.y), m.x))
        assert len(mine) >= min(len(ranks), 24)
        hidden[quadrant] = len(ranks) - len(mine)
        for mark in mine:
            left, top, right, bottom = mark.box
            assert left >= 0
            assert right <= QUADRANT_SIZE[0]
            assert top >= 20  # below the quadrant's title
            assert bottom <= QUADRANT_SIZE[1]
        xs, ys = [m.x for m in mine], [m.y for m in mine]
        if len(mine) >= 2:
            assert max(xs) - min(xs) >= 0.4 * QUADRANT_SIZE[0]
        if len(mine) >= 3:
            assert max(ys) - min(ys) >= 0.3 * QUADRANT_SIZE[1]
    assert len(prio) - len(drawn) == sum(hidden.values())
    for index, first in enumerate(drawn):
        for second in drawn[index + 1 :]:
            if first.quadrant is second.quadrant:
                a, b = first.box, second.box
                apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
                assert apart, (first, second)
    paragraphs = blocks(section(GFM.parse(text), MATRIX[language]), "p")
    assert paragraphs[0] == LEGEND[language]
    more = [
        civsam.label(
            "chart.more",
            language,
            count=hidden[q],
            quadrant=QUADRANT_NAMES[language][CHART_QUADRANTS.index(q)],
        )
        for q in CHART_QUADRANTS
        if hidden[q]
    ]
    if more:
        listed = ", ".join(more[:-1]) + (" og " if language == "da" else " and ") + more[-1]
        said = listed if len(more) > 1 else more[0]
        assert paragraphs[1] == civsam.label("chart.not_drawn", language, more=said)
    else:
        assert len(paragraphs) == 1


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Ensomhed blandt ældre i Aarhus", "Ensomhed blandt ældre i Aarhus"),
        ('Ældre: <b>"ensomme"</b> [Aarhus]', "Ældre bensomme/b Aarhus"),
        ("Et langt navn " * 5, "Et langt navn Et langt navn Et langt na…"),
        ("W" * 40, "WWWWWWWWWWWWWWWWWWWWWW…"),
        ("i" * 40, "i" * 40),
        ("<>", "?"),
    ],
)
def test_the_charts_title_is_one_line_that_fits(name: str, title: str) -> None:
    """The project's name, without markup, cut with … where it would overrun 500 px."""
    project = crowded(1)
    project.name = name
    assert mermaid(markdown(project))[1] == f"    title {title}"


@pytest.mark.parametrize("indent", [2, 4, 8])
def test_a_description_with_leading_spaces_is_a_paragraph_of_its_own(indent: int) -> None:
    """An indented description stays a top-level paragraph, not part of the list or code."""
    description = " " * indent + "Indrykket beskrivelse <b>"
    project = civsam.Project("Test", civsam.Organisation("ejer", "Ejer"), description=description)
    tokens = GFM.parse(markdown(project))
    top = [(t.type, t.content) for t in tokens if t.level == 0 and not t.type.endswith("close")]
    assert top[:4] == [
        ("heading_open", ""),
        ("bullet_list_open", ""),
        ("paragraph_open", ""),
        ("heading_open", ""),
    ]
    assert blocks(tokens, "li")[:3] == [
        "Ejer: Ejer",
        "Målgrupper: –",
        "Persondata i denne eksport: ingen",
    ]
    # The owner answers as civil society; none of its three points is answered yet.
    assert [item.split(": ")[0] for item in blocks(tokens, "li")[5:]] == [
        "Vær enige internt (Ikke besvaret)",
        "Skab et dedikeret team (Ikke besvaret)",
        "Vær realistiske om ressourcer (Ikke besvaret)",
    ]
    assert blocks(tokens, "p")[0].strip() == "Indrykket beskrivelse <b>"


# -- personal data -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "contacts", "statement"),
    [
        ("da", False, "Persondata i denne eksport: ingen"),
        ("en", False, "Personal data in this export: none"),
        ("da", True, f"Persondata i denne eksport: {PERSONAL}"),
        ("en", True, f"Personal data in this export: {PERSONAL}"),
    ],
)
def test_the_report_says_which_personal_data_it_holds(
    language: str,
    contacts: bool,  # noqa: FBT001 - drawn by parametrize
    statement: str,
) -> None:
    """The third fact names the personal-data fields, or says there are none."""
    text = markdown(civsam.example(), language=language, include_contacts=contacts)
    assert blocks(GFM.parse(text), "li")[2] == statement


def test_contact_persons_appear_only_with_include_contacts() -> None:
    """No name, e-mail or phone by default; with include_contacts a contact column holds them."""
    project = civsam.example()
    details = [
        value
        for organisation in project.organisations.values()
        for contact in organisation.contacts
        for value in (contact.name, contact.email, contact.phone)
        if value
    ]
    for language in LANGUAGES:
        text = markdown(project, language=language)
        assert [detail for detail in details if detail in text] == []
        assert "12 34 56" not in text
    text = markdown(project, include_contacts=True)
    partners = tables(GFM.parse(text))[1]
    assert plain(partners[0][-1]) == "Evt. kontaktperson"
    assert [plain(row[-1]) for row in partners[1:4]] == [
        "Birthe Søndergaard, birthe.soendergaard@example.dk, +45 12 34 56 11",
        "Inger Mølgaard, inger.moelgaard@example.dk",
        "Ahmad Rahimi, ahmad.rahimi@example.dk, +45 12 34 56 21",
    ]
    assert [plain(cell) for cell in partners[6][1::7]] == ["Ensomme Gamles Værn", ""]


def test_who_answered_readiness_never_appears_in_any_export() -> None:
    """answered_by may name a person: no format shows it, not even with include_contacts."""
    project = civsam.example()
    who = "Hemmelig Svarer Sørensen"
    project.record(
        civsam.ReadinessAnswer("priority", False, dt.date(2026, 10, 1), who, "Direktionen skiftet")
    )
    hidden = [who, "Hemmelig", "Styregruppen for Aktiv Ældre"]
    formats = sorted(civsam.exporters())
    assert {"csv", "csv-rfc4180", "markdown"} <= set(formats)
    for name in formats:
        for language in LANGUAGES:
            for contacts in (False, True):
                data = civsam.export_project(
                    project, name, language=language, include_contacts=contacts, as_of=AS_OF
                )
                for encoding in ("utf-8", "utf-16", "latin-1"):
                    text = data.decode(encoding, errors="ignore")
                    assert [h for h in hidden if h in text] == [], (name, language, contacts)
    text = markdown(project, include_contacts=True)
    points = tables(section(GFM.parse(text), "Parathed"))[0]
    assert texts_of(points)[1] == ["Prioritering", "Mangler", "2026-10-01", "Direktionen skiftet"]
    assert "Birthe Søndergaard" in text  # contact persons are in; who answered is not


# -- the same input gives the same bytes --------------------------------------------------------


def test_the_same_input_gives_the_same_bytes() -> None:
    """Twice from one report, again from a fresh load, and from the input in reverse order."""
    project = civsam.example()
    report = civsam.make_report(project, as_of=AS_OF)
    first = civsam.export(report, "markdown")
    assert civsam.export(report, "markdown") == first
    assert civsam.export_project(civsam.example(), "markdown", as_of=AS_OF) == first
    reversed_project = civsam.Project(
        project.name,
        project.owner,
        target_groups=project.target_groups,
        language=project.language,
        description=project.description,
        organisations=list(project.organisations.values())[::-1],
        relations=project.relations[::-1],
        assessments=list(project.assessments.values())[::-1],
    )
    reversed_project.plan_settings = project.plan_settings
    # The history keeps its order: an outreach step follows the one before it.
    reversed_project.record(
        *project.readiness_answers, *project.outreach, *project.touchpoints, *project.reviews
    )
    assert civsam.export_project(reversed_project, "markdown", as_of=AS_OF) == first


@given(project=lived_projects(), language=st.sampled_from(LANGUAGES))
def test_a_project_with_a_history_gives_the_same_bytes_after_a_round_trip(
    project: civsam.Project, language: str
) -> None:
    """The same report twice, and the project read back from TOML and JSON: the same bytes."""
    report = civsam.make_report(project, language=language, as_of=AS_OF)
    first = civsam.export(report, "markdown")
    assert civsam.export(report, "markdown") == first
    for fmt in ("toml", "json"):
        again = civsam.loads(civsam.dumps(project, fmt), fmt)
        assert civsam.export_project(again, "markdown", language=language, as_of=AS_OF) == first


def test_source_date_epoch_shows_in_the_footer_and_nowhere_else(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The footer names the version and SOURCE_DATE_EPOCH's date; nothing else changes."""
    project = civsam.example()
    plain_bytes = markdown(project)
    version = civsam.__version__.replace(".", "\\.")
    assert plain_bytes.endswith("\n\n*Lavet med civsam*\n")
    assert dt.datetime.now(dt.UTC).date().isoformat() not in plain_bytes
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    stamped = markdown(project)
    assert stamped.endswith(f"\n\n*Lavet med civsam {version}\\, 2026\\-01\\-01*\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761599")  # 2026-12-31 23:59:59 UTC
    later = markdown(project)
    assert later.endswith(f"\n\n*Lavet med civsam {version}\\, 2026\\-12\\-31*\n")
    assert stamped.splitlines()[:-1] == plain_bytes.splitlines()[:-1]
    assert later.splitlines()[:-1] == plain_bytes.splitlines()[:-1]
    assert (
        blocks(GFM.parse(stamped), "p")[-1] == f"Lavet med civsam {civsam.__version__}, 2026-01-01"
    )


def test_source_date_epoch_stands_in_for_the_date_when_none_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without as_of, the report is made as of SOURCE_DATE_EPOCH's date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    report = civsam.make_report(civsam.example())
    assert report.generated == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert civsam.export(report, "markdown") == civsam.export_project(
        civsam.example(), "markdown", as_of=AS_OF
    )


def test_a_bad_source_date_epoch_is_an_error_that_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SOURCE_DATE_EPOCH must be whole seconds; anything else is a civsam error, not a guess."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(civsam.CivsamError) as info:
        civsam.export_project(civsam.example(), "markdown", as_of=AS_OF)
    assert str(info.value) == (
        "SOURCE_DATE_EPOCH must be a whole number of seconds, found 'yesterday'"
    )


# -- the exporter contract and sections ----------------------------------------------------------


def test_the_markdown_exporter_keeps_civsams_promises() -> None:
    """check_exporter passes for the Markdown exporter found through the entry points."""
    exporter = civsam.exporters()["markdown"]
    assert exporter is MARKDOWN
    assert (exporter.suffix, exporter.media_type) == (
        ".md",
        "text/markdown; charset=utf-8; variant=GFM",
    )
    check_exporter(exporter, max_examples=20)


def plan_section(report: civsam.Report) -> Iterator[str]:
    """A section a plugin adds: a heading and one line per partner to start with."""
    yield "## Plan"
    yield ""
    for placement in report.prioritisation.quadrant(Quadrant.START_HERE):
        yield f"- Ring til {placement.partner.name}"


def test_a_plugin_adds_a_section_with_attrs_evolve() -> None:
    """attrs.evolve(MARKDOWN, sections=…) adds a section; the original is unchanged."""
    *body, footer = MARKDOWN.sections
    extended = attrs.evolve(MARKDOWN, sections=(*body, plan_section, footer))
    report = civsam.make_report(civsam.example(), as_of=AS_OF)
    out = io.BytesIO()
    extended.export(report, out)
    text = out.getvalue().decode("utf-8")
    original = civsam.export(report, "markdown").decode("utf-8")
    before, footer_line = original.rsplit("\n\n", 1)
    assert text == (
        f"{before}\n\n## Plan\n\n- Ring til Ældre Sagen Aarhus\n- Ring til Besøgstjenesten i "
        f"Viby Sogn\n- Ring til Røde Kors Aarhus\n- Ring til Frivilligcenter Aarhus\n\n"
        f"{footer_line}"
    )
    assert blocks(GFM.parse(text), "h2")[-1] == "Plan"
    assert extended.name == "markdown"
    assert MARKDOWN.sections == (*body, footer)
    assert civsam.exporters()["markdown"] is MARKDOWN
