"""The HTML exporter, read back with Python's own HTML parser into a small tree."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pyphen
import pytest
from attrs import define, field
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import civsam
from _plans import weekly
from civsam.testing import check_exporter, projects
from civsam_exporters.html import HTML

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from markdown_it.token import Token

AS_OF = dt.date(2026, 1, 1)
LANGUAGES = ("da", "en")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
SECTIONS = ["facts", "matrix", "partners", "reasons", "readiness", "plan", "due", "checklists"]
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})  # fmt: skip
HTML_TAGS = frozenset({"html", "head", "meta", "title", "style", "body", "header", "main", "nav",
                       "h1", "h2", "h3", "h4", "ol", "ul", "li", "a", "section", "p", "strong",
                       "figure", "figcaption", "div", "table", "caption", "thead", "tbody", "tr",
                       "th", "td", "span", "time", "br", "wbr", "footer", "svg"})  # fmt: skip
SVG_TAGS = frozenset({"svg", "g", "rect", "text", "tspan", "title", "desc", "line", "path",
                      "polygon", "polyline", "circle", "ellipse", "defs", "style", "marker",
                      "symbol", "clippath", "pattern", "lineargradient", "stop"})  # fmt: skip
"""What the inline board may be drawn with: shapes and text, nothing that runs or loads."""
GFM = MarkdownIt("commonmark").enable("table")

_LINE_BREAKS = re.compile(r"[\r\n\t\x0b\x0c\x85\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


# -- reading the HTML ----------------------------------------------------------------------------


@define
class Node:
    """An element: its tag, attributes and children (elements and text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(factory=list)

    def iter(self, tag: str | None = None) -> Iterator[Node]:
        """This element and every element below it, in document order."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter(tag)

    def elements(self) -> list[Node]:
        """The child elements."""
        return [child for child in self.children if isinstance(child, Node)]

    def text(self) -> str:
        """The text a screen reader gets: ``aria-hidden`` parts left out, spaces folded.

        Soft hyphens (``&shy;``) are left out: a browser shows one only where it breaks
        a word at the end of a line.
        """
        return " ".join(self._text().replace("\xad", "").split())

    def _text(self) -> str:
        if self.attrs.get("aria-hidden") == "true":
            return ""
        return "".join(c if isinstance(c, str) else c._text() for c in self.children)


class _TreeBuilder(HTMLParser):
    """Builds a tree, and refuses an end tag that does not close the open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attributes})
        assert len(node.attrs) == len(attributes), f"repeated attribute in <{tag}>"
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {n: v or "" for n, v in attributes}))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(text: str) -> tuple[str, Node]:
    """The doctype and the ``<html>`` element; every element must be closed."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    [page] = builder.root.elements()
    return builder.doctype, page


def page(project: civsam.Project, **options: object) -> str:
    """The HTML report of ``project`` as text."""
    data = civsam.export_project(project, "html", as_of=AS_OF, **options)  # type: ignore[arg-type]
    return data.decode("utf-8")


def shown(text: str) -> str:
    """What a reader should see of a text from the data, spaces folded.

    A soft hyphen in the data is shown only where a line breaks, as :meth:`Node.text`
    leaves it out: compared without it.
    """
    return " ".join(_CONTROL.sub("", _LINE_BREAKS.sub(" ", text)).replace("\xad", "").split())


def sections(root: Node) -> dict[str, Node]:
    """The page's sections by id."""
    return {node.attrs["id"]: node for node in root.iter("section")}


def table_texts(table: Node) -> list[list[str]]:
    """A table's rows as cell texts, the header row first."""
    return [[cell.text() for cell in row.elements()] for row in table.iter("tr")]


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Each table of the Markdown report as rows of cell texts, header row first."""
    tokens = GFM.parse(text)
    found: list[list[list[str]]] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type == "inline" and tokens[index - 1].type in {"th_open", "td_open"}:
            found[-1][-1].append(" ".join(_plain(token).split()))
    return found


def _plain(inline: Token) -> str:
    return "".join(c.content for c in inline.children or () if c.type in {"text", "code_inline"})


# -- structure ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_is_one_html5_document_in_the_reports_language(language: str) -> None:
    """Doctype, lang, charset, viewport, the CSP, a title and one h1 with the project's name."""
    project = civsam.example()
    text = page(project, language=language)
    assert text.startswith("<!DOCTYPE html>\n")
    assert text.endswith("</html>\n")
    doctype, root = parse(text)
    assert doctype == "DOCTYPE html"
    assert root.attrs == {"lang": language}
    head, body = root.elements()
    metas = [node.attrs for node in head.iter("meta")]
    assert metas[0] == {"charset": "utf-8"}
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in metas
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in metas
    [title] = head.iter("title")
    assert title.text() == project.name
    assert len(list(head.iter("style"))) == 1
    assert [h1.text() for h1 in root.iter("h1")] == [project.name]
    assert [node.tag for node in body.elements()] == ["header", "main", "footer"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sections_come_in_order_each_with_its_heading(language: str) -> None:
    """Facts, board, partners, reasons, readiness, plan, due, checklists; each opens with h2."""
    _, root = parse(page(civsam.example(), language=language))

    def said(key: str) -> str:
        return civsam.label(key, language)

    assert list(sections(root)) == SECTIONS
    titles = [section.elements()[0] for section in sections(root).values()]
    assert [title.tag for title in titles] == ["h2"] * len(SECTIONS)
    keys = ["html.facts", "report.matrix", "report.partners", "report.reasons",
            "readiness.title", "report.plan", "due.title", "checklist.title"]  # fmt: skip
    assert [title.text() for title in titles] == [said(key) for key in keys]
    [nav] = root.iter("nav")
    assert [a.attrs["href"] for a in nav.iter("a")] == [f"#{s}" for s in SECTIONS]
    assert [a.text() for a in nav.iter("a")] == [said(key) for key in keys]


def test_headings_never_skip_a_level() -> None:
    """h1, then h2 …: a heading is at most one level below the one before it."""
    _, root = parse(page(civsam.example()))
    levels = [int(node.tag[1]) for node in root.iter() if re.fullmatch(r"h[1-6]", node.tag)]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    assert max(levels) == 4  # the checklist's agenda


def test_every_table_has_a_caption_and_scoped_headers() -> None:
    """Caption, column headers with scope="col", each body row headed by a scope="row" cell."""
    _, root = parse(page(civsam.example(), include_contacts=True))
    tables = list(root.iter("table"))
    assert len(tables) == 8
    for table in tables:
        caption, thead, tbody = table.elements()
        assert (caption.tag, thead.tag, tbody.tag) == ("caption", "thead", "tbody")
        assert caption.text()
        [header] = thead.elements()
        assert {(cell.tag, cell.attrs.get("scope")) for cell in header.elements()} == {
            ("th", "col")
        }
        for row in tbody.elements():
            first, *rest = row.elements()
            assert (first.tag, first.attrs.get("scope")) == ("th", "row")
            assert {cell.tag for cell in rest} == {"td"}
            assert len(row.elements()) == len(header.elements())
    partners = sections(root)["partners"]
    [table] = partners.iter("table")
    assert [row[0] for row in table_texts(table)[1:]] == [str(n) for n in range(1, 15)]


def test_nothing_runs_and_nothing_loads() -> None:
    """No script, no event handler, no URL but in-page links; the CSS fetches nothing."""
    text = page(civsam.example(), include_contacts=True)
    _, root = parse(text)
    assert list(root.iter("script")) == []
    for node in root.iter():
        assert node.tag in HTML_TAGS | SVG_TAGS, node.tag
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name)
            if name == "xmlns":
                assert value == "http://www.w3.org/2000/svg"
            elif name in {"href", "src", "xlink:href", "action", "srcset"}:
                assert value.startswith("#"), (node.tag, name, value)
    assert [node.attrs["href"] for node in root.iter("a")] == [f"#{s}" for s in SECTIONS]
    [style] = root.iter("style")
    css = style.text()
    assert "url(" not in css
    assert "@import" not in css
    assert "@font-face" not in css
    without_namespace = text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert re.findall(r"https?:|//[a-z]|javascript:", without_namespace, re.IGNORECASE) == []


def test_print_css_keeps_headings_and_headers_with_what_follows() -> None:
    """Margins but the reader's paper; rows and post-its whole; no orphan headings or headers.

    Words break only at the soft hyphens the page carries: ``hyphens: manual``.
    """
    _, root = parse(page(civsam.example()))
    [style] = root.iter("style")
    css = " ".join(style.text().split())
    assert "@page { margin: 15mm; }" in css
    assert "@media print" in css
    printing = css.split("@media print", 1)[1]
    assert "tr, .postit, figure, li { break-inside: avoid;" in printing
    assert "h2, h3, h4, caption, .quadrant-name { break-after: avoid;" in printing
    assert "thead { display: table-header-group; }" in printing
    assert "thead, thead tr { break-after: avoid;" in printing
    assert "tbody tr:first-child { break-before: avoid;" in printing
    assert "hyphens: manual;" in printing
    assert "a { color: inherit; text-decoration: none; }" in printing
    assert "figure svg { display: block; width: 100%; height: auto; }" in css
    assert ".scroll { overflow-x: auto;" in css


def test_long_words_in_tables_carry_soft_hyphens_at_danish_syllables() -> None:
    """Long words in table cells break only where pyphen's rules allow; addresses never."""
    text = page(civsam.example(), include_contacts=True)
    danish = pyphen.Pyphen(lang="da_DK")
    hyphenated = set(re.findall(r"[^\W\d_]+(?:&shy;[^\W\d_]+)+", text))
    assert len(hyphenated) > 20
    for marked in hyphenated:
        parts = marked.split("&shy;")
        word = "".join(parts)
        cuts = list(itertools.accumulate(len(part) for part in parts[:-1]))
        assert cuts == danish.positions(word), marked
    assert "Po&shy;ten&shy;ti&shy;el sam&shy;ar&shy;bejds&shy;part&shy;ner" in text
    assert "Gym&shy;na&shy;stik&shy;for&shy;e&shy;nin&shy;gen" in text
    # An address may break after @ and before a dot, with nothing added.
    assert "birthe<wbr>.soendergaard@<wbr>example<wbr>.dk" in text
    emails = re.findall(r"[\w.&;-]+@[\w.&;-]+", text.replace("<wbr>", ""))
    assert len(emails) > 5
    assert not [email for email in emails if "&shy;" in email]
    head = text.split("<body>", 1)[0]
    assert "&shy;" not in head  # not in the title


def test_the_board_is_a_figure_with_the_svg_and_a_caption() -> None:
    """The inline SVG has a text alternative; the caption points to the partner table."""
    project = civsam.example()
    _, root = parse(page(project))
    board = sections(root)["matrix"]
    [figure] = board.iter("figure")
    svg, caption = figure.elements()
    assert (svg.tag, caption.tag) == ("svg", "figcaption")
    assert caption.text() == civsam.label("board.caption", "da")
    assert "viewBox" in svg.attrs or "viewbox" in svg.attrs
    assert len([g for g in svg.iter("g") if "postit" in g.attrs.get("class", "").split()]) == 14
    assert next(svg.iter("title")).text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_board_as_a_list_names_every_partner_by_rank_per_quadrant(language: str) -> None:
    """For a phone: each quadrant with its count, then its partners numbered by their rank."""
    project = civsam.example()
    _, root = parse(page(project, language=language))
    [board_list] = [d for d in root.iter("div") if d.attrs.get("class") == "board-list"]
    prio = civsam.prioritise(project, as_of=AS_OF)
    names = [p for p in board_list.iter("p") if p.attrs.get("class") == "quadrant-name"]
    lists = list(board_list.iter("ol"))
    assert [p.text() for p in names] == [
        civsam.label(
            "svg.quadrant_count",
            language,
            quadrant=civsam.label(f"quadrant.{q.value}", language),
            count=len(prio.quadrant(q)),
        )
        for q in civsam.Quadrant
    ]
    for name, ranked, quadrant in zip(names, lists, civsam.Quadrant, strict=True):
        assert ranked.attrs["aria-labelledby"] == name.attrs["id"]
        placements = prio.quadrant(quadrant)
        assert [(li.attrs["value"], li.text()) for li in ranked.iter("li")] == [
            (
                str(p.rank),
                p.partner.name
                + (f" {civsam.label('svg.disagreement', language)}" if p.disagreement else ""),
            )
            for p in placements
        ]
    assert board_list.elements()[0].text() == civsam.label("board.list_intro", language)


def test_a_project_without_assessments_says_so_instead_of_drawing() -> None:
    """No partner assessed: a sentence where the board and the partner table would be."""
    project = civsam.Project(
        "Tomt", civsam.Organisation("ejer", "Ejer", civsam.OrgKind.MUNICIPALITY)
    )
    _, root = parse(page(project, language="en"))
    assert list(root.iter("svg")) == []
    assert list(root.iter("figure")) == []
    found = sections(root)
    for name in ("matrix", "partners"):
        assert [p.text() for p in found[name].iter("p")] == ["No assessed partners yet."]
    assert [p.text() for p in found["due"].iter("p")] == ["No contacts are due."]
    assert [p.text() for p in found["checklists"].iter("p")] == ["No running partnerships yet."]


# -- the same content as the Markdown report ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("contacts", [False, True])
def test_every_table_holds_what_the_markdown_reports_tables_hold(
    language: str,
    contacts: bool,  # noqa: FBT001 - drawn by parametrize
) -> None:
    """Cell for cell, in the same order; a status's symbol is hidden from the text."""
    project = civsam.example()
    options = {"language": language, "include_contacts": contacts}
    markdown = civsam.export_project(project, "markdown", as_of=AS_OF, **options).decode()  # type: ignore[arg-type]
    _, root = parse(page(project, **options))
    expected = markdown_tables(markdown)
    assert len(expected) == 8
    # The board's corner names the axes; the Markdown table leaves it empty.
    axes = f"{civsam.label('axis.importance', language)} / {civsam.label('axis.ease', language)}"
    assert expected[0][0][0] == ""
    expected[0][0][0] = axes
    assert [table_texts(table) for table in root.iter("table")] == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_lists_and_headings_hold_what_the_markdown_report_holds(language: str) -> None:
    """Facts, reasons, gaps, checklists and agendas: the same words in the same order."""
    project = civsam.example()
    markdown = civsam.export_project(project, "markdown", language=language, as_of=AS_OF).decode()
    tokens = GFM.parse(markdown)
    md_items = [
        " ".join(_plain(tokens[i + 2]).split())
        for i, token in enumerate(tokens)
        if token.type == "list_item_open"
    ]
    md_headings = [
        " ".join(_plain(tokens[i + 1]).split())
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag in {"h3", "h4"}
    ]
    _, root = parse(page(project, language=language))
    main = next(root.iter("main"))
    [nav] = main.iter("nav")
    [board_list] = [div for div in main.iter("div") if div.attrs.get("class") == "board-list"]
    elsewhere = list(nav.iter("li")) + list(board_list.iter("li"))
    items = [li.text() for li in main.iter("li") if li not in elsewhere]
    assert items == md_items
    headings = [h.text() for h in main.iter() if h.tag in {"h3", "h4"}]
    assert headings == md_headings
    [footer] = root.iter("footer")
    assert footer.text() == civsam.label("report.generated_by", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_a_review_with_no_red_or_amber_is_celebrated(language: str) -> None:
    """Never reviewed: "not reviewed yet", no celebration; reviewed all green: celebrate."""
    project = civsam.example()
    project.record(civsam.Touchpoint("roede-kors-aarhus", dt.date(2026, 11, 20), "call"))
    celebrate = civsam.label("review.agenda_empty", language)
    not_reviewed = civsam.label("review.not_reviewed", language)

    def paragraphs() -> list[str]:
        _, root = parse(page(project, language=language))
        return [p.text() for p in sections(root)["checklists"].iter("p")]

    # Ældre Sagen's agenda is a list (reds and ambers); Røde Kors' is the one paragraph.
    assert paragraphs() == [not_reviewed]
    all_green = [civsam.ItemReview(item, "green") for item in civsam.ChecklistItem]
    project.record(civsam.Review("roede-kors-aarhus", dt.date(2026, 12, 1), all_green))
    assert paragraphs() == [celebrate]


def markdown_plan(
    project: civsam.Project, language: str, **options: object
) -> dict[str, list[str]]:
    """The Markdown report's plan section: its paragraphs, list items and sub-headings."""
    text = civsam.export_project(project, "markdown", language=language, as_of=AS_OF, **options)  # type: ignore[arg-type]
    tokens = GFM.parse(text.decode())
    found: dict[str, list[str]] = {"p": [], "li": [], "h3": []}
    inside = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            title = " ".join(_plain(tokens[index + 1]).split())
            inside = title == civsam.label("report.plan", language)
        elif inside and token.type.endswith("_open") and token.tag in found and not token.hidden:
            inline = next(t for t in tokens[index:] if t.type == "inline")
            found[token.tag].append(" ".join(_plain(inline).split()))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("case", "project", "options"),
    [
        ("the example: check-ins not held at Christmas", civsam.example, {}),
        (
            "one meeting a week: partners wait for a first meeting",
            civsam.example,
            {"plan_from": dt.date(2027, 1, 4), "capacity": 1},
        ),
        (
            "two meetings a week, three weekly check-ins: one crowded out",
            lambda: weekly(["Alfa", "Beta <b>", "Gamma & | 3"], capacity=2),
            {},
        ),
        (
            "closed days: a check-in moved",
            lambda: weekly(
                ["Alfa <a> | 1"],
                capacity=4,
                closed_days=[dt.date(2027, 3, 9) + dt.timedelta(days=n) for n in (0, 1, 2, 3, 6)],
            ),
            {},
        ),
    ],
)
def test_the_plan_says_what_the_markdown_plan_says(
    language: str, case: str, project: Callable[[], civsam.Project], options: dict[str, object]
) -> None:
    """Capacity, closed periods, who waits, who is crowded out, moved and skipped check-ins."""
    expected = markdown_plan(project(), language, **options)
    assert expected["li"] or len(expected["p"]) > 1, case  # the case says something
    _, root = parse(page(project(), language=language, **options))
    plan = sections(root)["plan"]
    assert {tag: [node.text() for node in plan.iter(tag)] for tag in expected} == expected


def test_the_footer_names_the_version_and_date_only_with_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SOURCE_DATE_EPOCH adds the version and date to the footer; nothing else changes."""
    plain_text = page(civsam.example(), language="en")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    stamped = page(civsam.example(), language="en")
    _, root = parse(stamped)
    [footer] = root.iter("footer")
    assert footer.text() == f"Made with civsam {civsam.__version__}, 2026-01-01"
    assert stamped.replace(f" {civsam.__version__}, 2026-01-01", "") == plain_text


# -- privacy ---------------------------------------------------------------------------------------


def test_contact_persons_appear_only_with_include_contacts() -> None:
    """No name, e-mail or phone by default; with include_contacts, in the partner table only."""
    project = civsam.example()
    details = [
        value
        for organisation in project.organisations.values()
        for contact in organisation.contacts
        for value in (contact.name, contact.email, contact.phone)
        if value
    ]
    assert len(details) > 10
    for language in LANGUAGES:
        text = page(project, language=language)
        assert [detail for detail in details if detail in text] == []
        assert "12 34 56" not in text
        _, root = parse(text)
        assert [li.text() for li in sections(root)["facts"].iter("li")][2] == civsam.label(
            "report.personal_data",
            language,
            fields=civsam.label("report.personal_data_none", language),
        )
    text = page(project, include_contacts=True)
    _, root = parse(text)
    [table] = sections(root)["partners"].iter("table")
    rows = table_texts(table)
    assert rows[0][-1] == "Evt. kontaktperson"
    assert [row[-1] for row in rows[1:4]] == [
        "Birthe Søndergaard, birthe.soendergaard@example.dk, +45 12 34 56 11",
        "Inger Mølgaard, inger.moelgaard@example.dk",
        "Ahmad Rahimi, ahmad.rahimi@example.dk, +45 12 34 56 21",
    ]
    text = text.replace("&shy;", "")  # soft hyphens in long words of the tables
    partners_html = text.split('<section id="partners"', 1)[1].split("</section>", 1)[0]
    assert "Birthe Søndergaard" in partners_html
    elsewhere = text.replace(partners_html, "")
    assert [detail for detail in details if detail in elsewhere] == []


def test_rater_names_and_who_answered_never_appear() -> None:
    """Neither a rater's name nor readiness answered_by, even with include_contacts."""
    owner = civsam.Organisation("ejer", "Ejer", civsam.OrgKind.MUNICIPALITY)
    project = civsam.Project(
        "Uenige",
        owner,
        organisations=[civsam.Organisation("a", "Alfa"), civsam.Organisation("b", "Beta")],
        assessments=[
            civsam.Assessment(
                "a",
                ratings=(
                    civsam.Rating("Rater Ravnsborg", 1, 5, "Mener det modsatte"),
                    civsam.Rating("Rater Rask", 5, 1),
                ),
            ),
            civsam.Assessment("b", importance=3, ease=3),
        ],
    )
    project.record(
        civsam.ReadinessAnswer("priority", False, dt.date(2025, 12, 1), "Svarer Sørensen", "Nej")
    )
    for contacts in (False, True):
        text = page(project, include_contacts=contacts)
        assert [s for s in ("Ravnsborg", "Rask", "Sørensen") if s in text] == []
        _, root = parse(text)
        headings = [h.text() for h in sections(root)["reasons"].iter("h3")]
        assert headings == ["1. Alfa ⚠", "2. Beta"]
        [table] = sections(root)["readiness"].iter("table")
        assert table_texts(table)[1] == ["Prioritering", "Mangler", "2025-12-01", "Nej"]


# -- escaping ------------------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)> javascript:alert(1) &amp;'


def test_hostile_names_are_shown_as_text() -> None:
    """Markup in every name and note is text on the page; no element or attribute comes of it."""
    owner = civsam.Organisation("ejer", f"Ejer {HOSTILE}", civsam.OrgKind.MUNICIPALITY)
    partner = civsam.Organisation("p", f"Partner {HOSTILE}")
    project = civsam.Project(
        f"Projekt {HOSTILE}",
        owner,
        target_groups=[HOSTILE],
        description=HOSTILE,
        organisations=[partner],
        assessments=[
            civsam.Assessment("p", HOSTILE, 5, 5, HOSTILE, HOSTILE, contact=HOSTILE),
        ],
    )
    text = page(project, include_contacts=True)
    assert "<script" not in text
    assert "<img" not in text
    _, root = parse(text)
    assert {node.tag for node in root.iter()} <= HTML_TAGS | SVG_TAGS
    [title] = root.elements()[0].iter("title")
    assert title.text() == f"Projekt {' '.join(HOSTILE.split())}"
    [h1] = root.iter("h1")
    assert h1.text() == title.text()
    [table] = sections(root)["partners"].iter("table")
    row = table_texts(table)[1]
    assert row[1] == f"Partner {' '.join(HOSTILE.split())}"
    assert row[5:9] == [" ".join(HOSTILE.split())] * 4


@settings(deadline=None)  # each example lays out a board: slow on a busy machine
@given(project=projects(history=True), language=st.sampled_from(LANGUAGES))
def test_text_from_the_data_never_becomes_markup(project: civsam.Project, language: str) -> None:
    """Any project: well-formed, only the page's own elements, data shown as written."""
    text = page(project, language=language, include_contacts=True)
    _, root = parse(text)
    for node in root.iter():
        assert node.tag in HTML_TAGS | SVG_TAGS, node.tag
        assert not [name for name in node.attrs if name.startswith("on")]
    assert [h1.text() for h1 in root.iter("h1")] == [shown(project.name)]
    [facts] = sections(root)["facts"].iter("ul")
    owner = facts.elements()[0].text()
    assert owner == shown(f"{civsam.label('report.owner', language)}: {project.owner.name}")
    prio = civsam.prioritise(project, as_of=AS_OF)
    tables = list(sections(root)["partners"].iter("table"))
    if len(prio):
        [table] = tables
        names = [row[1] for row in table_texts(table)[1:]]
        assert names == [shown(p.partner.name) for p in prio]
    else:
        assert tables == []


# -- the same input gives the same bytes ---------------------------------------------------------


def test_the_same_input_gives_the_same_bytes() -> None:
    """Twice from one report, again from a fresh load, and from the input in reverse order."""
    project = civsam.example()
    report = civsam.make_report(project, as_of=AS_OF)
    first = civsam.export(report, "html")
    assert civsam.export(report, "html") == first
    assert civsam.export_project(civsam.example(), "html", as_of=AS_OF) == first
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
    reversed_project.record(
        *project.readiness_answers, *project.outreach, *project.touchpoints, *project.reviews
    )
    assert civsam.export_project(reversed_project, "html", as_of=AS_OF) == first


# -- the exporter contract ----------------------------------------------------------------------


def test_the_html_exporter_keeps_civsams_promises() -> None:
    """check_exporter passes for the HTML exporter found through the entry points."""
    exporter = civsam.exporters()["html"]
    assert exporter is HTML
    assert (exporter.name, exporter.suffix, exporter.media_type) == (
        "html",
        ".html",
        "text/html; charset=utf-8",
    )
    check_exporter(exporter, max_examples=20)
