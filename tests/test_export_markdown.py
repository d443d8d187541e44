"""The Markdown exporter, read back with GFM parsers: markdown-it-py and GitHub's cmark-gfm."""

from __future__ import annotations

import datetime as dt
import io
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
from civsam import Quadrant
from civsam.testing import check_exporter, projects
from civsam_exporters.markdown import MARKDOWN

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from markdown_it.token import Token

AS_OF = dt.date(2026, 1, 1)
LANGUAGES = ("da", "en")
GFM = MarkdownIt("commonmark").enable("table")
"""CommonMark with GFM tables; raw HTML is on, so HTML from the data would show as tokens."""

POINT = re.compile(r'^    "[^"`\n]+": \[(0|1|0\.\d+), (0|1|0\.\d+)\]$')
"""A quadrantChart point as Mermaid's lexer accepts it (FORMATS.md)."""
QUADRANT_LINES = {
    "da": [
        '    quadrant-1 "Start her"',
        '    quadrant-2 "Diskuter"',
        '    quadrant-3 "Ikke det værd"',
        '    quadrant-4 "Ikke nu"',
    ],
    "en": [
        '    quadrant-1 "Start here"',
        '    quadrant-2 "Discuss"',
        '    quadrant-3 "Not worth it"',
        '    quadrant-4 "Not now"',
    ],
}
"""quadrant-1 is top right (easy, important: start here), then counter-clockwise."""
EASY = {Quadrant.START_HERE, Quadrant.NOT_NOW}
IMPORTANT = {Quadrant.START_HERE, Quadrant.DISCUSS}
PERSONAL = "contact.name, contact.email, contact.phone"

_LINE_BREAKS = re.compile(r"[\r\n\t\x0b\x0c\x85\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


# -- reading the Markdown ----------------------------------------------------------------------


def markdown(project: civsam.Project, **options: object) -> str:
    """The Markdown report of ``project`` as text."""
    data = civsam.export(project, "markdown", as_of=AS_OF, **options)  # type: ignore[arg-type]
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
    "h1", "h2", "h3", "p", "ul", "li", "strong", "em", "pre", "code", "a",
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


# -- the example, read back ------------------------------------------------------------------


def test_the_report_has_title_owner_target_groups_and_sections() -> None:
    """The example's title, facts and section headings, as a GFM parser reads them."""
    project = civsam.example()
    tokens = GFM.parse(markdown(project))
    assert blocks(tokens, "h1") == ["Ensomhed blandt ældre i Aarhus"]
    assert blocks(tokens, "h2") == ["Prioriteringsmatrix", "Samarbejdspartnere", "Begrundelser"]
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
    assert blocks(tokens, "h3") == [f"{p.rank}. {p.partner.name}" for p in prio]
    assert blocks(tokens, "p")[-1] == "Lavet med civsam"


def test_the_english_report_has_english_facts_and_headings() -> None:
    """--lang en: the civsam words are English; the data stays as it was written."""
    tokens = GFM.parse(markdown(civsam.example(), language="en"))
    assert blocks(tokens, "h2") == ["Priority matrix", "Partners", "Reasons"]
    assert blocks(tokens, "li")[:3] == [
        "Owner: Aarhus Kommune",
        "Target groups: ældre, ensomme ældre, pårørende",
        "Personal data in this export: none",
    ]
    assert blocks(tokens, "li")[3:8] == [
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_matrix_is_a_mermaid_quadrant_chart(language: str) -> None:
    """The fence: quadrantChart, axes, quadrant-1..4 with the right names, one point each."""
    lines = mermaid(markdown(civsam.example(), language=language))
    axes = {
        "da": ['    x-axis "Svært" --> "Nemt"', '    y-axis "Lav" --> "Høj"'],
        "en": ['    x-axis "Hard" --> "Easy"', '    y-axis "Low" --> "High"'],
    }
    assert lines[:8] == [
        "quadrantChart",
        "    title Ensomhed blandt ældre i Aarhus",
        *axes[language],
        *QUADRANT_LINES[language],
    ]
    assert lines[8:12] == [
        '    "1. Ældre Sagen Aarhus": [0.900, 0.900]',
        '    "2. Besøgstjenesten i Viby Sogn": [0.823, 0.910]',
        '    "3. Røde Kors Aarhus": [0.833, 0.920]',
        '    "4. Frivilligcenter Aarhus": [0.930, 0.843]',
    ]
    assert len(lines) == 8 + 14
    assert all(POINT.match(line) for line in lines[8:])


def test_the_chart_shows_the_first_40_partners_and_says_how_many_more() -> None:
    """45 partners: 40 points, then "… og 5 mere"; a board cell lists 12 and says the rest."""
    owner = civsam.Organisation("kommune", "Kommune")
    partners = [civsam.Organisation(f"p{n:02}", f"Partner {n}") for n in range(45)]
    project = civsam.Project(
        "Mange",
        owner,
        organisations=partners,
        assessments=[
            civsam.Assessment(p.id, importance=4 + n % 2, ease=4 + n // 2 % 2)
            for n, p in enumerate(partners)
        ],
    )
    text = markdown(project)
    points = mermaid(text)[8:]
    assert len(points) == 40
    assert all(POINT.match(line) for line in points)
    tokens = GFM.parse(text)
    assert blocks(tokens, "p")[0] == "… og 5 mere"
    start_here = plain(tables(tokens)[0][1][2])
    assert start_here.startswith("Lad os starte her: 1. Partner ")
    assert start_here.endswith(", … og 0 mere") is False
    count = civsam.prioritise(project, as_of=AS_OF).counts()[Quadrant.START_HERE]
    assert count > 12
    assert start_here.endswith(f", … og {count - 12} mere")
    assert start_here.count(". Partner ") == 12


def test_a_project_without_assessments_has_no_chart() -> None:
    """No assessed partner: no fence, a sentence instead, and an empty partner table."""
    project = civsam.Project("Tomt", civsam.Organisation("ejer", "Ejer"))
    text = markdown(project)
    tokens = GFM.parse(text)
    assert [t for t in tokens if t.type == "fence"] == []
    assert "Ingen vurderede samarbejdspartnere endnu." in blocks(tokens, "p")
    [partners] = tables(tokens)
    assert len(partners) == 1


# -- hostile text --------------------------------------------------------------------------------


@given(project=projects(), language=st.sampled_from(LANGUAGES), contacts=st.booleans())
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
    prio = civsam.prioritise(project, as_of=AS_OF)
    found = tables(tokens)
    partners = found[-1]
    expected = partner_rows(project, prio, contacts=contacts)
    assert len(found) == (2 if len(prio) else 1)
    assert len(partners) == 1 + len(prio)
    for row, wanted in zip(partners[1:], expected, strict=True):
        assert len(row) == len(partners[0])
        assert {child.type for cell in row for child in cell.children or ()} <= {"text"}
        assert [plain(c) for c, w in zip(row, wanted, strict=True) if w is not None] == [
            w.strip() for w in wanted if w is not None
        ]
    github = GitHubPage(text).tables[-1]
    assert len(github) == 1 + len(prio)
    for cells, wanted in zip(github[1:], expected, strict=True):
        assert len(cells) == len(github[0])
        assert [c for c, w in zip(cells, wanted, strict=True) if w is not None] == [
            w.strip(" ") for w in wanted if w is not None
        ]


@given(project=projects(), language=st.sampled_from(LANGUAGES), contacts=st.booleans())
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
    """Every point: quoted unique label, x and y as 0.ddd, in the half of its quadrant."""
    text = markdown(project, language=language)
    prio = civsam.prioritise(project, as_of=AS_OF)
    if not len(prio):
        assert "```mermaid" not in text
        return
    lines = mermaid(text)
    assert lines[0] == "quadrantChart"
    assert re.fullmatch(r"    title [^\n\"`]+", lines[1])
    assert lines[4:8] == QUADRANT_LINES[language]
    assert "\\" not in "\n".join(lines)  # never Markdown-escaped inside the fence
    points = lines[8:]
    assert len(points) == len(prio)
    labels = []
    for line, placement in zip(points, prio, strict=True):
        match = POINT.match(line)
        assert match is not None, line
        x, y = float(match[1]), float(match[2])
        assert 0 <= x <= 1
        assert 0 <= y <= 1
        assert (x >= 0.5) == (placement.quadrant in EASY)
        assert (y >= 0.5) == (placement.quadrant in IMPORTANT)
        label = line.split('": [')[0]
        assert re.match(rf'    "{placement.rank}\.( |$)', label), label
        labels.append(label)
    assert len(set(labels)) == len(labels)


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
    assert blocks(tokens, "li") == [
        "Ejer: Ejer",
        "Målgrupper: –",
        "Persondata i denne eksport: ingen",
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


# -- the same input gives the same bytes --------------------------------------------------------


def test_the_same_input_gives_the_same_bytes() -> None:
    """Twice from one report, again from a fresh load, and from the input in reverse order."""
    project = civsam.example()
    report = civsam.make_report(project, as_of=AS_OF)
    first = civsam.export(report, "markdown")
    assert civsam.export(report, "markdown") == first
    assert civsam.export(civsam.example(), "markdown", as_of=AS_OF) == first
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
    assert civsam.export(reversed_project, "markdown", as_of=AS_OF) == first


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
    assert civsam.export(report, "markdown") == civsam.export(
        civsam.example(), "markdown", as_of=AS_OF
    )


def test_a_bad_source_date_epoch_is_an_error_that_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SOURCE_DATE_EPOCH must be whole seconds; anything else is a civsam error, not a guess."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(civsam.CivsamError) as info:
        civsam.export(civsam.example(), "markdown", as_of=AS_OF)
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
