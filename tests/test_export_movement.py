"""Movement since a day on the boards and in the reports, and a partner's history.

A report made ``since`` a day (``civsam.make_report(..., since=...)``, ``civsam export
--since``) compares the board now with the board on that day. The SVG board (and the HTML
report's drawing) marks each moved post-it with an arrow and "was: …" ("new" for one first
assessed since), without breaking the board's layout; the Markdown and HTML reports get a
section "Movement since DATE" naming who moved quadrant, who is new and who left, and
mark moved partners in their tables. Every partner's reasons end with its history when it
was assessed more than once. Without ``since`` nothing of this appears; who assessed
(``Assessment.by``) never does.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import attrs
import cmarkgfm  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import civsam
from _cli import run
from civsam import Assessment, Organisation, Project, toolkit
from civsam.testing import projects
from civsam_exporters import _board, markdown
from civsam_exporters._layout import Box, text_width

if TYPE_CHECKING:
    from pathlib import Path

NS = "{http://www.w3.org/2000/svg}"
SINCE = dt.date(2026, 11, 1)
AS_OF = dt.date(2026, 12, 7)
MOVED = "aeldresagen-aarhus"
"""Start here (5, 5) in the example; re-assessed (2, 1): now Not worth it."""
WITHIN = "frivilligcenter-aarhus"
"""Start here (4, 5) in the example; re-assessed (5, 5): still Start here."""
NEW = "ny-forening"
GONE = "gammel-forening"
ASSESSOR = "Mette Vurderingsen"
HOSTILE = (
    "</text><script>alert(1)</script> | **x** [a](javascript:b) `c` <img src=x onerror=y> &amp;"
)


def moved_project(name: str = "Ny Forening") -> Project:
    """The example, one partner moved quadrant, one within, one new since :data:`SINCE`."""
    project = civsam.example()
    project.reassess(
        MOVED, dt.date(2026, 12, 1), importance=2, ease=1, by=ASSESSOR, notes="Ny\nledelse"
    )
    project.reassess(WITHIN, dt.date(2026, 12, 2), importance=5, ease=5, by=ASSESSOR)
    project.add(
        Organisation(NEW, name),
        Assessment(NEW, importance=5, ease=4, date=dt.date(2026, 11, 20), by=ASSESSOR),
    )
    return project


def report(
    project: Project | None = None,
    language: str = "en",
    *,
    since: dt.date | None = SINCE,
    gone: bool = False,
    **options: object,
) -> civsam.Report:
    """A report on ``project`` (default :func:`moved_project`) made ``since``.

    ``gone``: the board on ``since`` also held a partner the project no longer has, as if
    removed since: a partner that left the board.
    """
    made = civsam.make_report(
        moved_project() if project is None else project,
        language=language,
        as_of=AS_OF,
        since=since,
        **options,  # type: ignore[arg-type]
    )
    if gone:
        older = civsam.example()
        older.add(Organisation(GONE, "Gammel Forening"), Assessment(GONE, importance=5, ease=2))
        made = attrs.evolve(made, earlier=civsam.prioritise(older, on=SINCE, language=language))
    return made


def text(made: civsam.Report, format_name: str) -> str:
    """An export of the report as text."""
    return civsam.export(made, format_name).decode("utf-8")


def section(document: str, start: str) -> str:
    """The Markdown between the heading line ``start`` and the next ``## `` heading."""
    _, found, rest = document.partition(start + "\n")
    assert found, f"no {start!r} in the document"
    return rest.split("\n## ", 1)[0]


# -- the toolkit ---------------------------------------------------------------------------


def test_movement_says_where_each_moved_partner_came_from() -> None:
    """Quadrant, scores within a quadrant, new, gone: text, short form, detail, direction."""
    made = report(gone=True)
    moved, within, new, gone = (toolkit.movement(made, key) for key in (MOVED, WITHIN, NEW, GONE))
    assert moved is not None
    assert within is not None
    assert new is not None
    assert gone is not None
    assert (moved.text, moved.short, moved.detail) == (
        "was: Start here",
        "was: Start here",
        "was: Start here (importance 5, ease 5)",
    )
    assert (moved.direction, moved.arrow) == ((-1, -1), "↙")
    assert (within.text, within.short, within.direction, within.arrow) == (
        "was: importance 4, ease 5",
        "was: 4 / 5",
        (0, 1),
        "↑",
    )
    assert (new.text, new.short, new.direction, new.arrow) == (
        "new since 2026-11-01",
        "new",
        (0, 0),
        "",
    )
    assert (gone.text, gone.direction) == ("no longer on the board", (0, 0))
    assert toolkit.movement(made, "roede-kors-aarhus") is None  # did not move


def test_movement_in_danish() -> None:
    """The same, as a Danish report says it."""
    made = report(language="da")
    moved, within, new = (toolkit.movement(made, key) for key in (MOVED, WITHIN, NEW))
    assert moved is not None
    assert within is not None
    assert new is not None
    assert moved.detail == "før: Start her (betydning 5, lethed 5)"
    assert (within.text, within.short) == ("før: betydning 4, lethed 5", "før: 4 / 5")
    assert (new.text, new.short) == ("ny siden 2026-11-01", "ny")


def test_without_since_nothing_moved() -> None:
    """No ``since``: no movement for anyone, no section, though the project has history."""
    made = report(since=None)
    assert made.moves == {}
    assert toolkit.movement_view(made) is None
    assert all(toolkit.movement(made, key) is None for key in (MOVED, WITHIN, NEW))


def test_the_movement_view_groups_moved_new_and_gone_in_that_order() -> None:
    """Each group under its counted heading; scores within a quadrant only counted."""
    view = toolkit.movement_view(report(gone=True))
    assert view is not None
    assert view.title == "Movement since 2026-11-01"
    assert [group.heading for group in view.groups] == [
        "1 partner moved quadrant",
        "1 partner is new on the board",
        "1 partner is no longer on the board",
    ]
    assert [[(item.name, item.detail) for item in group.items] for group in view.groups] == [
        [
            (
                "Ældre Sagen Aarhus",
                "Let's start here → Not worth it (importance 5, ease 5 → importance 2, ease 1)",
            )
        ],
        [("Ny Forening", "Let's start here (importance 5, ease 4)")],
        [("Gammel Forening", ("was: Discuss whether it is worth the effort to bring them in "
          "(importance 5, ease 2)"))],
    ]  # fmt: skip
    assert view.within == (
        "1 partner's scores changed within its quadrant; the partner table shows what they were."
    )
    assert view.none == ""


def test_when_nobody_moved_quadrant_the_view_says_so() -> None:
    """A ``since`` after every assessment: the boards are the same."""
    view = toolkit.movement_view(report(since=dt.date(2026, 12, 7), language="da"))
    assert view is not None
    assert view.groups == ()
    assert view.none == "Ingen samarbejdspartner har flyttet felt siden 2026-12-07."
    assert view.within == ""


def test_history_lines_are_oldest_first_and_never_name_the_assessor() -> None:
    """One sentence per assessment; undated first, said as such; notes on one line."""
    made = report()
    assert toolkit.history_lines(made, MOVED) == (
        "before dates were kept: importance 5, ease 5",
        "2026-12-01: importance 2, ease 1 – Ny ledelse",
    )
    assert toolkit.history_lines(report(language="da"), MOVED)[0] == (
        "fra før datoerne blev gemt: betydning 5, lethed 5"
    )
    assert toolkit.history_lines(made, NEW) == ("2026-11-20: importance 5, ease 4",)
    assert all(
        ASSESSOR not in line for key in (MOVED, NEW) for line in toolkit.history_lines(made, key)
    )


def test_history_says_a_score_left_out_or_given_by_raters() -> None:
    """A score left out is "not given"; one the raters gave is "from the ratings"."""
    project = Project("P", Organisation("ejer", "Ejer"))
    partner = Organisation("p", "Partner")
    project.add(partner, Assessment("p", ease=2))
    project.reassess(
        "p",
        dt.date(2026, 3, 1),
        ratings=(civsam.Rating("Anne Ratersen", importance=4), civsam.Rating("Bo", importance=2)),
    )
    lines = toolkit.history_lines(civsam.make_report(project, language="en"), "p")
    assert lines[0] == "before dates were kept: importance not given, ease 2"
    assert lines[1].startswith("2026-03-01: importance from the ratings, ease ")
    assert "Anne" not in " ".join(lines)


# -- Markdown ------------------------------------------------------------------------------


def test_markdown_has_a_movement_section_after_the_board() -> None:
    """Moved, new and gone partners by name, in bold; within a quadrant only counted."""
    document = text(report(gone=True), "markdown")
    headings = re.findall(r"^## (.*)$", document, re.MULTILINE)
    assert headings[:3] == ["Priority matrix", "Movement since 2026\\-11\\-01", "Partners"]
    found = section(document, "## Movement since 2026\\-11\\-01")
    assert (
        "### 1 partner moved quadrant\n\n- **Ældre Sagen Aarhus**: Let\\'s start here → " in found
    )
    assert "- **Ny Forening**: Let\\'s start here \\(importance 5\\, ease 4\\)" in found
    assert (
        "### 1 partner is no longer on the board\n\n- **Gammel Forening**: was\\: Discuss" in found
    )
    assert "Frivilligcenter" not in found
    assert "1 partner\\'s scores changed within its quadrant" in found


def test_markdown_in_danish() -> None:
    """Bevægelser siden DATO, and "før:" in the tables."""
    document = text(report(language="da"), "markdown")
    found = section(document, "## Bevægelser siden 2026\\-11\\-01")
    assert "### 1 samarbejdspartner har flyttet felt" in found
    assert "- **Ældre Sagen Aarhus**: Lad os starte her → Ikke det værd" in found
    assert "| Ikke det værd \\(før\\: Start her\\) |" in document
    assert "**Historik:**" in document


def test_markdown_tables_mark_moved_partners() -> None:
    """The partner table and the board's table say where each moved partner was."""
    document = text(report(), "markdown")
    partners = section(document, "## Partners")
    rows = {row.split(" | ")[1]: row for row in partners.splitlines() if row.startswith("| ")}
    assert "| Not worth it \\(was\\: Start here\\) |" in rows["Ældre Sagen Aarhus"]
    assert "| Start here \\(was\\: importance 4\\, ease 5\\) |" in rows["Frivilligcenter Aarhus"]
    assert "| Start here \\(new since 2026\\-11\\-01\\) |" in rows["Ny Forening"]
    assert "(was" not in rows["Røde Kors Aarhus"]
    board = section(document, "## Priority matrix")
    assert "Ældre Sagen Aarhus \\(was\\: Start here\\)" in board


def test_markdown_reasons_end_with_the_history() -> None:
    """Two or more assessments: a history after the reasons, oldest first; one: none."""
    document = text(report(), "markdown")
    reasons = section(document, "## Reasons")
    moved = reasons.split("Ældre Sagen Aarhus\n", 1)[1].split("\n### ", 1)[0]
    assert moved.endswith(
        "\n\n**History:**\n\n- before dates were kept\\: importance 5\\, ease 5\n"
        "- 2026\\-12\\-01\\: importance 2\\, ease 1 – Ny ledelse\n"
    )
    new = reasons.split("Ny Forening\n", 1)[1].split("\n### ", 1)[0]
    assert "History" not in new


def test_markdown_movement_renders_as_github_shows_it() -> None:
    """Rendered by cmark-gfm: a list of bold names, no HTML from the data."""
    made = report(moved_project(HOSTILE), gone=True)
    html = cmarkgfm.github_flavored_markdown_to_html(text(made, "markdown"))
    part = html.split("Movement since 2026-11-01</h2>", 1)[1].split("<h2", 1)[0]
    names = re.findall(r"<li><strong>(.*?)</strong>: ", part)
    assert len(names) == 3
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert names[1] == (
        "&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; | **x** [a](javascript:b) `c` "
        "&lt;img src=x onerror=y&gt; &amp;amp;"
    )


def test_markdown_rows_keep_their_cells_with_hostile_names() -> None:
    """A ``|`` in a moved partner's name never splits a table row: every row as its header."""
    document = text(report(moved_project(HOSTILE)), "markdown")
    cells, rows = 0, 0
    for line in document.splitlines():
        if not line.startswith("|"):
            cells = 0
            continue
        count = len(re.findall(r"(?<!\\)\|", line))
        cells = cells or count
        assert count == cells, line
        rows += "javascript" in line
    assert rows >= 3  # the board's table, the partner table, the plan


# -- HTML ----------------------------------------------------------------------------------


class _Elements(HTMLParser):
    """Start tags in order, and the text inside each ``<li>`` and ``<h2>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = collections.defaultdict(list)
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in {"li", "h2", "h3", "td", "p"}:
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            name, parts = self._open.pop()
            self.texts[name].append("".join(parts))

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)


def elements(document: str) -> _Elements:
    """The page's start tags and texts."""
    parser = _Elements()
    parser.feed(document)
    parser.close()
    return parser


def test_html_has_the_movement_section_and_a_link_to_it() -> None:
    """The same groups as Markdown, names in bold; the contents link to the section."""
    made = report(gone=True)
    document = text(made, "html")
    found = elements(document)
    assert "Movement since 2026-11-01" in found.texts["h2"]
    assert ("a", {"href": "#movement"}) in found.tags
    movement = document.split('<section id="movement"', 1)[1].split("</section>", 1)[0]
    assert movement.count("<li><strong>") == 3
    assert "<li><strong>Gammel Forening</strong>: was: Discuss" in movement
    assert "Frivilligcenter" not in movement
    view = toolkit.movement_view(made)
    assert view is not None
    assert [h for h in found.texts["h3"] if "board" in h or "quadrant" in h] == [
        group.heading for group in view.groups
    ]


def test_html_tables_list_and_drawing_mark_moved_partners() -> None:
    """The partner table, the board's table, the phone's list and the drawing's post-its."""
    document = text(report(), "html")
    found = elements(document)
    assert any(cell.startswith("Not worth it (was: Start here)") for cell in found.texts["td"])
    assert "Ny Forening (new since 2026-11-01)" in found.texts["li"]
    assert "Ældre Sagen Aarhus (was: Start here)" in found.texts["li"]
    svg = document.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert re.search(r'class="postit moved" data-rank="\d+" data-was="start_here"', svg)
    assert 'class="was" font-style="italic">was: Start here</text>' in svg


def test_html_reasons_end_with_the_history() -> None:
    """After the reasons, "History:" and the assessments, oldest first."""
    document = text(report(language="da"), "html")
    assert (
        "<p><strong>Historik:</strong></p>\n<ul>\n"
        "<li>fra før datoerne blev gemt: betydning 5, lethed 5</li>\n"
        "<li>2026-12-01: betydning 2, lethed 1 – Ny ledelse</li>\n</ul>"
    ) in document


def test_html_hostile_names_stay_text() -> None:
    """A hostile name that moved: no element from the data, anywhere on the page."""
    document = text(report(moved_project(HOSTILE), gone=True), "html")
    found = elements(document)
    assert not [tag for tag, _ in found.tags if tag in {"script", "img", "iframe"}]
    assert "javascript:" not in [value for _, values in found.tags for value in values.values()]
    assert any(HOSTILE in li for li in found.texts["li"])


# -- SVG -----------------------------------------------------------------------------------


def parse(document: str) -> ET.Element:
    """An SVG board's root."""
    return ET.fromstring(document)  # noqa: S314 - our own output


def postits(root: ET.Element) -> dict[int, tuple[ET.Element, Box, Box]]:
    """Each post-it by rank: the element, its paper's box and its quadrant's area."""
    found = {}
    for quadrant in root.iter(NS + "g"):
        if quadrant.get("class") != "quadrant":
            continue
        (area,) = [r for r in quadrant.findall(NS + "rect") if r.get("class") == "area"]
        for postit in quadrant.iter(NS + "g"):
            if "postit" in postit.get("class", "").split():
                (paper,) = postit.findall(NS + "rect")
                found[int(postit.get("data-rank", "0"))] = (postit, box(paper), box(area))
    return found


def box(rect: ET.Element) -> Box:
    """A rect's box."""
    return Box(*(float(rect.get(name, "nan")) for name in ("x", "y", "width", "height")))


def path_box(path: ET.Element) -> Box:
    """The box around a path's points (``M``/``L`` only, as the board draws arrows)."""
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", path.get("d", ""))]
    xs, ys = numbers[0::2], numbers[1::2]
    return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def check_board(document: str) -> dict[int, tuple[ET.Element, Box, Box]]:
    """No overlap, each post-it in its area, every line and arrow inside its paper."""
    found = postits(parse(document))
    boxes = [paper for _, paper, _ in found.values()]
    for index, (postit, paper, area) in enumerate(found.values()):
        assert paper.within(area)
        for other in boxes[index + 1 :]:
            assert not paper.overlaps(other, gap=1.0)
        lines = [t for t in postit.findall(NS + "text") if "".join(t.itertext()) != "!"]
        assert 1 <= len(lines) <= 3
        font = float(lines[0].get("font-size", "0"))
        for line in lines:
            shown = "".join(line.itertext())
            # The first line: the rank in bold, a space, the name (as the board measures it).
            rank, _, rest = shown.partition(" ") if line is lines[0] else ("", "", shown)
            width = text_width(rest, font)
            if rank:
                width += text_width(rank, font, bold=True) + text_width(" ", font)
            assert float(line.get("x", "0")) + width <= paper.right - 0.5 * font + 1e-6, shown
            assert paper.y < float(line.get("y", "0")) <= paper.bottom - 0.3 * font + 1e-6, shown
        for path in postit.findall(NS + "path"):
            assert path_box(path).within(paper)
    return found


def test_svg_marks_moved_and_new_post_its_and_keeps_the_layout() -> None:
    """Arrow and "was: …" on the moved ones, "new" on the new one, all inside their paper."""
    made = report(gone=True)
    document = _board.board(made)
    found = check_board(document)
    ranks = {placement.partner.id: placement.rank for placement in made.prioritisation}
    moved, _, _ = found[ranks[MOVED]]
    assert moved.get("class") == "postit moved"
    assert moved.get("data-was") == "start_here"
    (arrow,) = moved.findall(NS + "path")
    assert arrow.get("class") == "arrow"
    lines = ["".join(t.itertext()) for t in moved.findall(NS + "text")]
    assert lines[-1] == "was: Start here"
    assert moved.findtext(NS + "title", "").endswith(" Was: Start here (importance 5, ease 5).")
    new, _, _ = found[ranks[NEW]]
    assert new.get("class") == "postit new"
    assert not new.findall(NS + "path")
    assert "".join(new.findall(NS + "text")[-1].itertext()) == "new"
    within, _, _ = found[ranks[WITHIN]]
    assert "".join(within.findall(NS + "text")[-1].itertext()) == "was: 4 / 5"
    assert within.get("data-was") is None
    still, _, _ = found[ranks["roede-kors-aarhus"]]
    assert still.get("class") == "postit"


def test_svg_legend_says_what_arrows_mean_and_who_left() -> None:
    """The legend explains the marks with the day, and names the partners that left."""
    root = parse(_board.board(report(gone=True, language="da")))
    (legend,) = [g for g in root.iter(NS + "g") if g.get("class") == "legend"]
    words = " ".join("".join(t.itertext()) for t in legend.iter(NS + "text"))
    assert "Bevægelser siden 2026-11-01: en pil viser" in words
    assert "1 samarbejdspartner er ikke længere på tavlen: Gammel Forening." in words
    assert legend.findall(NS + "path")
    desc = root.findtext(NS + "desc", "")
    # As `civsam changes` counts: new on the board and gone from it are moves too.
    assert desc.endswith(" 3 samarbejdspartnere har flyttet felt siden 2026-11-01.")


@pytest.mark.parametrize("paper", list(civsam.Paper))
@pytest.mark.parametrize("language", ["da", "en"])
def test_svg_layout_holds_when_many_moved(paper: civsam.Paper, language: str) -> None:
    """Sixty partners with long names, every one moved: nothing overlaps or spills."""
    project = Project("Mange", Organisation("ejer", "Aarhus Kommune"))
    names = [
        "Folkeoplysningsforeningernes Samråd",
        "Boligforeningen Ringgården afdeling Gellerupparken",
        "😀" * 30,
    ]
    for index in range(60):
        partner = Organisation(f"p{index:02}", f"{names[index % 3]} {index}")
        project.add(partner, Assessment(partner.id, importance=5 - index % 5, ease=1 + index % 5))
        project.reassess(
            partner.id, dt.date(2026, 12, 1), importance=1 + index % 5, ease=5 - index % 5
        )
    made = report(project, language, paper=paper)
    found = check_board(_board.board(made))
    marked = {rank for rank, (p, _, _) in found.items() if "moved" in p.get("class", "")}
    moved = {made.prioritisation[partner].rank for partner in made.moves}
    assert len(moved) == 48  # a fifth keep their scores
    assert marked == moved & set(found)
    assert len(marked) > 10


def test_svg_hostile_names_stay_text() -> None:
    """The board parses as XML; the moved hostile name is its title's text."""
    made = report(moved_project(HOSTILE))
    root = parse(_board.board(made))
    assert not [
        e for e in root.iter() if e.tag.removeprefix(NS) in {"script", "foreignObject", "a"}
    ]
    titles = [t.text or "" for t in root.iter(NS + "title")]
    assert any(HOSTILE in title and "New since" in title for title in titles)


# -- every format --------------------------------------------------------------------------

MARKS = re.compile(
    r"Movement since|Bevægelser siden|\(was|\(før|was: |før: |new since|ny siden|"
    r'class="postit (moved|new)"|class="was"|class="arrow"|id="movement"|#movement'
)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("format_name", ["markdown", "html", "svg", "csv"])
def test_without_since_no_format_shows_movement(format_name: str, language: str) -> None:
    """The same project, no ``since``: not a word or a mark of movement."""
    document = text(report(since=None, language=language), format_name)
    assert MARKS.search(document) is None


@pytest.mark.parametrize("format_name", ["markdown", "html", "svg"])
def test_a_project_without_history_shows_no_history(format_name: str) -> None:
    """One assessment per partner: no history anywhere, with or without ``since``."""
    for since in (None, SINCE):
        document = text(report(civsam.example(), since=since), format_name)
        assert "History" not in document


@pytest.mark.parametrize("format_name", ["markdown", "html", "svg", "csv", "csv-rfc4180"])
@pytest.mark.parametrize("contacts", ["left out", "included"])
def test_who_assessed_is_never_exported(format_name: str, contacts: str) -> None:
    """``Assessment.by`` is personal data: in no format, even with contacts included."""
    made = report(gone=True, include_contacts=contacts == "included")
    document = text(made, format_name)
    assert ASSESSOR not in document
    assert "Vurderingsen" not in document


@pytest.mark.parametrize("format_name", ["markdown", "html", "svg"])
def test_the_same_report_gives_the_same_bytes(format_name: str) -> None:
    """Two reports made alike export alike, movement and history included."""
    assert civsam.export(report(gone=True), format_name) == civsam.export(
        report(gone=True), format_name
    )


# -- properties ----------------------------------------------------------------------------

DAYS = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2028, 12, 31))


@st.composite
def histories(draw: st.DrawFn, *, scored: bool = False) -> tuple[Project, dt.date]:
    """A project with history and a day to compare with: any day, or just before one.

    Some partners are re-assessed once more with any scores, so that a day just before
    a re-assessment often sees a partner move quadrant.
    """
    project = draw(projects(history=True, scored=scored, min_partners=2, max_partners=8))
    scores = st.integers(min_value=1, max_value=5)
    unassessed = [key for key in project.organisations if key not in project.history]
    unassessed = [key for key in unassessed if key != project.owner.id]
    for partner in draw(st.lists(st.sampled_from(unassessed), unique=True)) if unassessed else []:
        project.add(Assessment(partner, importance=draw(scores), ease=draw(scores)))
    assessed = sorted(project.assessments)
    again = draw(st.lists(st.sampled_from(assessed), min_size=1, max_size=4)) if assessed else []
    for partner in again:
        days = [a.date for a in project.history[partner] if a.date is not None]
        day = max(days, default=dt.date(2024, 1, 1)) + dt.timedelta(days=draw(st.integers(1, 90)))
        project.reassess(partner, day, importance=draw(scores), ease=draw(scores))
    dates = sorted({a.date for h in project.history.values() for a in h if a.date is not None})
    near: bool = draw(st.booleans())
    if dates and near:
        return project, draw(st.sampled_from(dates)) - dt.timedelta(days=draw(st.integers(0, 30)))
    return project, draw(DAYS)


def _items(document: str, title: str) -> list[str]:
    """The bold names of the movement section's items, as written (escaped)."""
    found = section(document, f"## {markdown.escape(title)}")
    return [m[1] for m in re.finditer(r"^- \*\*(.*)\*\*: ", found, re.MULTILINE)]


@settings(deadline=None)  # each example exports a report and renders it
@given(case=histories(scored=True))
def test_the_markdown_section_names_exactly_who_moved_quadrant(
    case: tuple[Project, dt.date],
) -> None:
    """Every partner whose quadrant changed (new and gone included), once; nobody else."""
    project, since = case
    made = civsam.make_report(project, as_of=AS_OF, since=since)
    view = toolkit.movement_view(made)
    assert view is not None
    document = text(made, "markdown")
    names = [
        markdown.escape(placement.partner.name).strip()
        for move in made.moves.values()
        if move.quadrant_changed
        for placement in [move.after or move.before]
        if placement is not None
    ]
    expected = collections.Counter(name for name in names if name)  # blank names: not bold
    assert collections.Counter(_items(document, view.title)) == expected
    # Each of them a bold name as GitHub renders it, whatever the name.
    html = cmarkgfm.github_flavored_markdown_to_html(document)
    part = html.split(f"{view.title}</h2>", 1)[1].split("<h2", 1)[0]
    assert len(re.findall(r"<li><strong>", part)) == expected.total()


@settings(deadline=None)  # each example lays out a board
@given(case=histories(), paper=st.sampled_from(civsam.Paper))
def test_any_moved_board_keeps_its_layout(
    case: tuple[Project, dt.date], paper: civsam.Paper
) -> None:
    """Any project and day: a well-formed board, nothing overlapping or spilling."""
    project, since = case
    made = civsam.make_report(project, as_of=AS_OF, since=since, paper=paper)
    found = check_board(_board.board(made))
    marked = {
        rank
        for rank, (postit, _, _) in found.items()
        if {"moved", "new"} & set(postit.get("class", "").split())
    }
    shown = set(found)
    moved = {
        made.prioritisation[partner].rank
        for partner, move in made.moves.items()
        if move.after is not None
    }
    assert marked == moved & shown


# -- the command line ----------------------------------------------------------------------


def test_export_since_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``civsam export --since`` shows movement; without it, none; a bad date is usage."""
    path = tmp_path / "p.toml"
    assert run(["init", str(path), "--example"], capsys)[0] == 0
    status, _, err = run(
        ["assess", str(path), MOVED, "--importance", "2", "--ease", "1", "--date", "2026-12-01",
         "--by", ASSESSOR],
        capsys,
    )  # fmt: skip
    assert status == 0, err
    base = ["export", str(path), "-f", "markdown", "--today", "2026-12-07"]
    status, out, err = run([*base, "--since", "2026-11-01"], capsys)
    assert status == 0, err
    assert "## Bevægelser siden 2026\\-11\\-01" in out
    assert "- **Ældre Sagen Aarhus**: Lad os starte her → Ikke det værd" in out
    assert ASSESSOR not in out
    status, out, _ = run(base, capsys)
    assert status == 0
    assert "Bevægelser" not in out
    status, _, err = run([*base, "--since", "1. november"], capsys)
    assert status == 2
    assert "--since" in err
    status, out, _ = run(["export", "--help"], capsys)
    assert "--since" in out


# -- in a real browser (slow) --------------------------------------------------------------

PIXELS_PER_MM = 96 / 25.4
_INSIDE_JS = """() => {
    const box = e => e.getBoundingClientRect();
    const inside = (a, b) => a.left >= b.left - 0.5 && a.top >= b.top - 0.5
        && a.right <= b.right + 0.5 && a.bottom <= b.bottom + 0.5;
    const page = document.querySelector('rect.page').getBoundingClientRect();
    const outside = [...document.querySelectorAll('text')]
        .filter(t => !inside(box(t), page)).map(t => t.textContent);
    const spilled = [];
    let marked = 0;
    for (const postit of document.querySelectorAll('g.postit')) {
        const paper = box(postit.querySelector('rect'));
        const parts = [...postit.querySelectorAll('text, path')];
        marked += postit.querySelector('.was') ? 1 : 0;
        for (const part of parts) {
            if (!inside(box(part), paper)) spilled.push(part.textContent || part.getAttribute('d'));
        }
    }
    return [outside, spilled, marked];
}"""


def crowded_moved() -> Project:
    """Sixty partners with long Danish names, all but a fifth moved since :data:`SINCE`."""
    project = Project("Mange lange navne", Organisation("ejer", "Aarhus Kommune"))
    names = [
        "Folkeoplysningsforeningernes Samråd",
        "Aarhus Universitetshospital, Psykiatrien – Ældrepsykiatrien",
        "Boligforeningen Ringgården afdeling Gellerupparken",
    ]
    for index in range(60):
        partner = Organisation(f"p{index:02}", f"{names[index % 3]} {index}")
        project.add(partner, Assessment(partner.id, importance=5 - index % 5, ease=1 + index % 5))
        project.reassess(
            partner.id, dt.date(2026, 12, 1), importance=1 + index % 5, ease=5 - index % 5
        )
    return project


@pytest.mark.slow
@pytest.mark.parametrize("paper", list(civsam.Paper))
def test_with_real_fonts_moved_post_its_keep_their_marks_inside(
    tmp_path: Path, paper: civsam.Paper
) -> None:
    """Chromium's own measure: every arrow and "was: …" inside its post-it, on every paper."""
    from _browser import UnavailableError, chromium  # noqa: PLC0415 - only the slow tests

    try:
        with chromium("the movement browser tests") as browser:
            for project in (moved_project(), crowded_moved()):
                path = tmp_path / f"board-{paper.value}.svg"
                path.write_text(_board.board(report(project, "da", paper=paper)), encoding="utf-8")
                page = browser.new_page()
                page.goto(path.as_uri(), wait_until="load")
                outside, spilled, marked = page.evaluate(_INSIDE_JS)
                page.close()
                assert outside == []
                assert spilled == []
                assert marked >= 3
    except UnavailableError as missing:
        pytest.skip(str(missing))


@pytest.mark.slow
def test_in_a_browser_the_report_shows_movement_on_a_phone_too(tmp_path: Path) -> None:
    """The HTML report with movement: no errors; on a phone the list says "was: …"."""
    from _browser import UnavailableError, chromium  # noqa: PLC0415 - only the slow tests

    path = tmp_path / "report.html"
    path.write_bytes(civsam.export(report(gone=True), "html"))
    try:
        with chromium("the movement browser tests") as browser:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(path.as_uri(), wait_until="load")
            items = page.evaluate(
                "() => [...document.querySelectorAll('.board-list li')].map(li => li.innerText)"
            )
            scroll = page.evaluate("document.documentElement.scrollWidth")
            heading = page.evaluate("document.querySelector('#movement-title').innerText")
            page.close()
    except UnavailableError as missing:
        pytest.skip(str(missing))
    assert errors == []
    assert scroll <= 390
    assert heading == "Movement since 2026-11-01"
    assert "Ældre Sagen Aarhus (was: Start here)" in items
    assert "Ny Forening (new since 2026-11-01)" in items
