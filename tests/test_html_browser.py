"""The HTML report in a real browser: Debian's Chromium, driven headless by Playwright.

The page must load with no console error, no script error and no network request at
all; it must screenshot and print to an A4 PDF; its post-its must not overlap; and the
browser must find what assistive technology needs: one h1, headings in order, table
headers, an accessible name for the board. A hostile project must fire no script.

On a phone (390 px) the board is a ranked list per quadrant in text of at least 12 px
(the drawing's post-it text was 2.9 px there) and the page does not scroll sideways.
Printed (read back from the PDF with poppler's ``pdftotext``, skipped without it), no
word is broken at a line's end where Danish hyphenation does not allow it, and no page
ends with a heading or a table's header row.

Playwright's own browser downloads are not used: the tests launch the system's
``chromium`` (``apt-get install chromium``; ``.ci/run`` installs it). Where there is no
Chromium, or it cannot start, the module is skipped with a message saying so.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs
import pyphen
import pytest

import civsam
from _browser import UnavailableError, chromium

pytest.importorskip(
    "playwright.sync_api",
    reason="the HTML browser tests need Playwright for Python (the 'tests' dependency group)",
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import (
        Browser,
        BrowserContext,
        ConsoleMessage,
        Dialog,
        Page,
        Request,
        Route,
        ViewportSize,
    )

AS_OF = dt.date(2026, 1, 1)
HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "javascript:alert(3)",
    "</style><svg onload=alert(4)>",
    "<iframe src=javascript:alert(5)></iframe>",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole module; the module is skipped without one."""
    try:
        with chromium("the HTML browser tests") as launched:
            yield launched
    except UnavailableError as missing_browser:
        pytest.skip(str(missing_browser))


@attrs.define
class Loaded:
    """A report opened in the browser, with everything the page did while loading."""

    page: Page
    url: str
    console: list[tuple[str, str]] = attrs.field(factory=list)
    errors: list[str] = attrs.field(factory=list)
    requests: list[str] = attrs.field(factory=list)
    dialogs: list[str] = attrs.field(factory=list)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context (its own storage and routes) for each test."""
    fresh = browser.new_context(viewport={"width": 1200, "height": 900})
    yield fresh
    fresh.close()


def open_report(
    context: BrowserContext, project: civsam.Project, folder: Path, **options: object
) -> Loaded:
    """Write the project's HTML report to ``folder`` and open it as a file:// page."""
    path = folder / "report.html"
    civsam.export_project(project, "html", path, as_of=AS_OF, **options)  # type: ignore[arg-type]
    page = context.new_page()
    loaded = Loaded(page, path.as_uri())

    def route(route: Route) -> None:
        if route.request.url == loaded.url:
            route.continue_()
        else:
            route.abort()

    def dialog(shown: Dialog) -> None:
        loaded.dialogs.append(shown.message)
        shown.dismiss()

    def request(sent: Request) -> None:
        if sent.url != loaded.url:
            loaded.requests.append(sent.url)

    def console(message: ConsoleMessage) -> None:
        loaded.console.append((message.type, message.text))

    page.route("**/*", route)
    page.on("request", request)
    page.on("console", console)
    page.on("pageerror", lambda error: loaded.errors.append(str(error)))
    page.on("dialog", dialog)
    page.goto(loaded.url, wait_until="load")
    return loaded


@pytest.fixture
def example(context: BrowserContext, tmp_path: Path) -> Loaded:
    """The bundled example's report, opened in the browser."""
    return open_report(context, civsam.example(), tmp_path)


# -- loading, screenshot, PDF -------------------------------------------------------------------


def test_the_report_loads_with_no_errors_and_no_requests(example: Loaded) -> None:
    """No console error or warning, no script error, no request but the file itself."""
    assert [m for m in example.console if m[0] in {"error", "warning"}] == []
    assert example.errors == []
    assert example.requests == []
    assert example.dialogs == []
    assert example.page.title() == "Ensomhed blandt ældre i Aarhus"
    assert example.page.evaluate("document.scripts.length") == 0


def test_the_report_takes_a_screenshot(example: Loaded, tmp_path: Path) -> None:
    """A full-page PNG, saved beside the report."""
    path = tmp_path / "report.png"
    data = example.page.screenshot(path=path, full_page=True)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert path.read_bytes() == data
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == 1200
    assert height > 2000


def test_the_report_prints_to_an_a4_pdf(example: Loaded, tmp_path: Path) -> None:
    """Printing gives a PDF of A4 pages, several of them."""
    data = example.page.pdf(format="A4")
    (tmp_path / "report.pdf").write_bytes(data)
    assert data.startswith(b"%PDF-")
    pages = re.findall(rb"/Type\s*/Page\b", data)
    assert len(pages) >= 3  # the example's report runs to several pages
    boxes = {tuple(box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)}
    assert boxes
    for box in boxes:
        width, height = (float(value) for value in box[2:4])
        # A4 is 595.3 x 841.9 points; Chromium rounds the page to whole CSS pixels.
        assert abs(width - 595.3) < 1.5
        assert abs(height - 841.9) < 1.5


def test_printed_every_table_and_the_board_fit_the_page_width(example: Loaded) -> None:
    """In print, nothing is wider than an A4 page less its margins (180 mm)."""
    page = example.page
    page.set_viewport_size({"width": 680, "height": 900})  # 180 mm at 96 dpi
    page.emulate_media(media="print")
    widths = page.evaluate(
        """() => [...document.querySelectorAll('table, figure svg')]
                 .map(e => Math.ceil(e.getBoundingClientRect().width))"""
    )
    assert len(widths) == 9
    assert max(widths) <= 680
    nav_display = page.evaluate("getComputedStyle(document.querySelector('nav')).display")
    assert nav_display == "none"


PHONE: ViewportSize = {"width": 390, "height": 844}
"""A phone's viewport in CSS pixels (an iPhone 12 to 15)."""


def test_on_a_phone_only_the_tables_scroll(example: Loaded) -> None:
    """At 360 px the page itself does not scroll sideways; a wide table scrolls in its box."""
    page = example.page
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    wrappers = page.evaluate(
        """() => [...document.querySelectorAll('.scroll')]
                 .map(e => [e.scrollWidth > e.clientWidth, getComputedStyle(e).overflowX])"""
    )
    assert [overflow for _, overflow in wrappers] == ["auto"] * len(wrappers)
    assert any(wide for wide, _ in wrappers)


def board_list(page: Page) -> dict[str, object]:
    """What a reader sees of the board: the drawing's size, the list's items, their text."""
    return page.evaluate(  # type: ignore[no-any-return]
        """() => {
            const svg = document.querySelector('figure svg');
            const items = [...document.querySelectorAll('.board-list li')].map(li => {
                const box = li.getBoundingClientRect();
                const name = li.firstChild.textContent;
                return {name, rank: li.value, size: parseFloat(getComputedStyle(li).fontSize),
                        left: box.left, right: box.right, height: box.height,
                        shown: getComputedStyle(li).visibility === 'visible'};
            });
            return {svg: svg.getBoundingClientRect().width, items,
                    scroll: document.documentElement.scrollWidth};
        }"""
    )


@pytest.mark.parametrize("partners", [0, 60], ids=["example", "sixty"])
def test_on_a_phone_the_board_is_a_ranked_list_in_readable_text(
    context: BrowserContext, tmp_path: Path, partners: int
) -> None:
    """At 390 px: the drawing gives way to a list; every name shown, at 12 px or more.

    The drawing's post-it text was 2.9 px there (1.9 px on a crowded board).
    """
    project = crowded(partners) if partners else civsam.example()
    page = open_report(context, project, tmp_path).page
    page.set_viewport_size(PHONE)
    seen = board_list(page)
    assert seen["svg"] == 0  # the drawing is not shown
    assert isinstance(seen["scroll"], int | float)
    assert seen["scroll"] <= PHONE["width"]
    items = seen["items"]
    assert isinstance(items, list)
    prio = civsam.prioritise(project, as_of=AS_OF)
    expected = [(p.rank, p.partner.name) for q in civsam.Quadrant for p in prio.quadrant(q)]
    assert [(item["rank"], item["name"]) for item in items] == expected
    for item in items:
        assert item["shown"], item
        assert item["height"] > 0, item
        assert item["size"] >= 12, item
        assert 0 <= item["left"] < item["right"] <= PHONE["width"], item


def test_on_a_wide_screen_the_board_is_drawn_and_the_list_hidden(example: Loaded) -> None:
    """From 48rem up, and in print, the drawing shows and the list does not."""
    page = example.page
    medias: tuple[Literal["screen"], Literal["print"]] = ("screen", "print")
    for media in medias:
        page.emulate_media(media=media)
        seen = board_list(page)
        assert isinstance(seen["svg"], int | float)
        assert seen["svg"] > 600, media
        items = seen["items"]
        assert isinstance(items, list)
        assert {item["height"] for item in items} == {0}, media


# -- print: words and page breaks ---------------------------------------------------------------

RULES = {"da": pyphen.Pyphen(lang="da_DK"), "en": pyphen.Pyphen(lang="en_GB")}
"""Hyphenation rules: the data's (Danish) and, for an English page's headers, English."""
HYPHENS = ("-", "\u2010")
"""A hyphen at a line's end in the PDF: the text's own, or the one a soft hyphen shows."""
_EDGES = re.compile(r"^[^\w]+|[^\w]+$")


def _bare(word: str) -> str:
    """A word without soft hyphens and without punctuation at its ends."""
    return _EDGES.sub("", word.replace("\xad", ""))


@attrs.frozen
class Line:
    """A line of text on a printed page, as poppler reads it (points, y downwards)."""

    left: float
    top: float
    right: float
    bottom: float
    words: tuple[str, ...]

    def continued_by(self, other: Line) -> bool:
        """Whether ``other`` is the next line of the same text: just below, on its edge.

        Table cells are narrow columns side by side, so poppler's blocks do not hold a
        cell's lines together; a cell's lines share their left edge (right for numbers).
        """
        height = self.bottom - self.top
        below = 0 <= other.top - self.bottom < 0.6 * height
        edge = abs(other.left - self.left) < 2 or abs(other.right - self.right) < 2
        return below and edge


def printed(loaded: Loaded, folder: Path) -> list[list[Line]]:
    """The page printed to A4, read back by ``pdftotext -bbox-layout``: each page's lines."""
    if shutil.which("pdftotext") is None:
        pytest.skip(
            "reading the printed page needs poppler's pdftotext: install it with "
            "'apt-get install poppler-utils' (.ci/run does this)"
        )
    path = folder / "printed.pdf"
    path.write_bytes(loaded.page.pdf(format="A4"))
    layout = subprocess.run(  # noqa: S603 - poppler from PATH, fixed arguments
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ET.fromstring(re.sub(r"^<!DOCTYPE[^>]*>", "", layout))  # noqa: S314 - poppler's
    xhtml = "{http://www.w3.org/1999/xhtml}"
    return [
        sorted(
            (
                Line(
                    float(line.get("xMin", "0")),
                    float(line.get("yMin", "0")),
                    float(line.get("xMax", "0")),
                    float(line.get("yMax", "0")),
                    tuple(word.text or "" for word in line.iter(f"{xhtml}word")),
                )
                for line in page.iter(f"{xhtml}line")
            ),
            key=lambda line: (line.top, line.left),
        )
        for page in root.iter(f"{xhtml}page")
    ]


def vocabulary(page: Page) -> set[str]:
    """Every word the page holds, whole, as written (soft hyphens left out).

    Text node by text node: ``textContent`` would run "going.<br>Note:" together.
    """
    texts = page.evaluate(
        """() => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const found = [];
            while (walker.nextNode()) found.push(walker.currentNode.textContent);
            return found;
        }"""
    )
    return {_bare(word) for text in texts for word in text.split()} - {""}


def broken_words(pages: list[list[Line]], words: set[str], language: str = "da") -> list[str]:
    """Words split across two lines where hyphenation allows no break (Danish, or the page's).

    A line and the next line of the same text: if together the end of one and the start
    of the other make a word of the page, the break must be at one of its syllables, with
    a hyphen, or at the word's own hyphen. An address may break after ``@`` or ``/`` and
    before a dot.
    """
    rules = {RULES["da"], RULES[language]}
    wrong = []
    for lines in pages:
        for index, above in enumerate(lines):
            below = next((line for line in lines[index + 1 :] if above.continued_by(line)), None)
            if below is None or not above.words or not below.words:
                continue
            end, start = above.words[-1].replace("\xad", ""), below.words[0].replace("\xad", "")
            if "@" in end + start or "/" in end + start:
                continue
            if end.endswith(HYPHENS):
                head = _bare(end.rstrip("".join(HYPHENS)))
                whole = _bare(end[:-1] + start)
                own = _bare(end.rstrip("".join(HYPHENS)) + "-" + start)
                if own in words and whole not in words:
                    continue  # the text's own hyphen, as in "Facebook-gruppe"
                if whole in words and not any(len(head) in r.positions(whole) for r in rules):
                    wrong.append(f"{end} | {start}")
            elif _bare(end) and _bare(end + start) in words and _bare(end) not in words:
                wrong.append(f"{end} | {start}")
    return wrong


HEADING = 13.0
"""A printed line at least this tall (points) is a heading: h4 is 12 pt, text 10 pt or less."""


def table_heads(page: Page) -> list[list[str]]:
    """The words of each table's header row and of each visible caption."""
    found = page.evaluate(
        """() => [
            ...[...document.querySelectorAll('thead tr')]
                .map(row => [...row.cells].map(cell => cell.textContent).join(' ')),
            ...[...document.querySelectorAll('caption:not(.visually-hidden)')]
                .map(caption => caption.textContent),
        ]"""
    )
    return [[_bare(word) for word in text.split()] for text in found]


def orphans(pages: list[list[Line]], heads: list[list[str]]) -> list[str]:
    """Pages (but the last) that end with a heading, or a table's caption or header row alone.

    A heading is told by its size; a header row by its words: the page's last lines hold
    only header words and all of one header row's.
    """
    lonely = []
    for number, unsorted in enumerate(pages[:-1], start=1):
        lines = sorted(unsorted, key=lambda line: line.bottom)
        if not lines:
            continue
        if lines[-1].bottom - lines[-1].top >= HEADING:
            lonely.append(f"page {number}: heading {' '.join(lines[-1].words)}")
            continue
        tail: list[str] = []
        for line in reversed(lines):
            words = [_bare(word) for word in line.words]
            if not all(any(word in head for head in heads) for word in words):
                break
            tail = words + tail
        if tail and any(set(head) <= set(tail) for head in heads if head):
            lonely.append(f"page {number}: {' '.join(tail)}")
    return lonely


@pytest.mark.parametrize("language", ["da", "en"])
def test_printed_words_break_only_at_danish_syllables(
    context: BrowserContext, tmp_path: Path, language: str
) -> None:
    """No "samarbejdspa-rtner" or "Lethe/d": a line ends mid-word only at a hyphen allowed.

    The example with its contact persons: the widest table, nine narrow columns.
    """
    loaded = open_report(
        context, civsam.example(), tmp_path, include_contacts=True, language=language
    )
    pages = printed(loaded, tmp_path)
    assert len(pages) >= 3
    assert broken_words(pages, vocabulary(loaded.page), language) == []


@pytest.mark.parametrize("partners", [0, 60], ids=["example", "sixty"])
def test_printed_no_page_ends_with_a_heading_or_a_table_header(
    context: BrowserContext, tmp_path: Path, partners: int
) -> None:
    """A heading stays with what follows it, a header row with its table's first row."""
    project = crowded(partners) if partners else civsam.example()
    loaded = open_report(context, project, tmp_path)
    pages = printed(loaded, tmp_path)
    assert len(pages) >= 3
    assert orphans(pages, table_heads(loaded.page)) == []


def test_the_print_checks_find_what_they_look_for() -> None:
    """The checks above catch a word broken mid-word and a header row alone at a page foot."""
    words = {"samarbejdspartner", "Gymnastikforeningen", "Facebook-gruppe", "Ældre", "Sagen"}

    def line(row: int, *words: str, left: float = 0) -> Line:
        return Line(left, row * 10, left + 50, row * 10 + 8, words)

    column = [
        line(0, "Potentiel", "samarbejdspa"),
        line(1, "rtner"),
        line(2, "Gymnastikfore\u2010"),
        line(3, "ningen", "(Facebook-"),
        line(4, "gruppe)", "Ældre"),
        line(5, "Sagen"),
    ]
    beside = [line(0, "Ældre", left=100), line(1, "Sagen", left=100)]
    assert broken_words([sorted(column + beside, key=lambda one: (one.top, one.left))], words) == [
        "samarbejdspa | rtner"
    ]
    wrong = [line(0, "Gymnastikforeni-"), line(1, "ngen")]
    assert broken_words([wrong], words) == ["Gymnastikforeni- | ngen"]
    apart = [line(0, "samarbejdspa"), line(1, "rtner", left=60)]  # another column
    assert broken_words([apart], words) == []
    heads = [["Rang", "Potentiel", "samarbejdspartner"]]
    text, header = line(0, "Ældre", "Sagen"), line(2, "Rang", "Potentiel")
    page_two = [line(0, "Rang")]
    header_at_foot = [text, header, line(3, "samarbejdspartner")]
    assert orphans([header_at_foot, page_two], heads) == [
        "page 1: Rang Potentiel samarbejdspartner"
    ]
    heading = Line(0, 20, 50, 36, ("Samarbejdspartnere",))
    assert orphans([[text, heading], page_two], heads) == ["page 1: heading Samarbejdspartnere"]
    assert orphans([[text], [header], page_two], heads) == []


# -- the board's layout -------------------------------------------------------------------------


def postit_boxes(page: Page) -> tuple[dict[str, float], list[dict[str, float]], int]:
    """The board's box, every post-it's box, and how many partners the board counts."""
    result = page.evaluate(
        """() => {
            const svg = document.querySelector('figure svg');
            const box = e => { const r = e.getBoundingClientRect();
                               return {x: r.x, y: r.y, width: r.width, height: r.height}; };
            const more = [...svg.querySelectorAll('.more')]
                .map(e => parseInt((e.textContent.match(/\\d+/) || ['0'])[0], 10))
                .reduce((a, b) => a + b, 0);
            return [box(svg), [...svg.querySelectorAll('g.postit')].map(box), more];
        }"""
    )
    return result[0], result[1], result[2]


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5
    )


def assert_postits_laid_out(page: Page, partners: int) -> int:
    """No two post-its overlap, each lies on the board, every partner is drawn or counted."""
    board, postits, more = postit_boxes(page)
    assert board["width"] > 0
    assert postits
    for postit in postits:
        assert postit["width"] > 0
        assert _inside(postit, board), (postit, board)
    overlapping = [(a, b) for a, b in itertools.combinations(postits, 2) if _overlap(a, b)]
    assert overlapping == []
    assert len(postits) + more == partners
    return len(postits)


def test_the_examples_post_its_do_not_overlap(example: Loaded) -> None:
    """All 14 partners are on the board, none covering another, on screen and in print."""
    assert assert_postits_laid_out(example.page, 14) == 14
    example.page.emulate_media(media="print")
    assert assert_postits_laid_out(example.page, 14) == 14


def crowded(partners: int = 60) -> civsam.Project:
    """Many partners, most sharing a score with others."""
    owner = civsam.Organisation("ejer", "Aarhus Kommune", civsam.OrgKind.MUNICIPALITY)
    organisations = [
        civsam.Organisation(f"p{n:02d}", f"Forening nummer {n} med et ret langt navn")
        for n in range(partners)
    ]
    scores = [(5, 5)] * 20 + [(4, 2)] * 15 + [(2, 4)] * 15
    scores += [(n % 5 + 1, n * 3 % 5 + 1) for n in range(partners - len(scores))]
    assessments = [
        civsam.Assessment(organisation.id, "Fælles mål", importance, ease)
        for organisation, (importance, ease) in zip(organisations, scores, strict=True)
    ]
    return civsam.Project("Mange", owner, organisations=organisations, assessments=assessments)


def test_sixty_partners_sharing_scores_do_not_overlap(
    context: BrowserContext, tmp_path: Path
) -> None:
    """Twenty partners on one score: still no two post-its overlap; the rest are counted."""
    loaded = open_report(context, crowded(), tmp_path)
    shown = assert_postits_laid_out(loaded.page, 60)
    assert shown >= 40
    assert loaded.errors == []
    assert loaded.requests == []


# -- accessibility --------------------------------------------------------------------------------


def test_the_browser_finds_headings_in_order_and_one_h1(example: Loaded) -> None:
    """Exactly one h1; no heading level skipped; the sections are landmarks with names."""
    page = example.page
    levels = page.evaluate(
        "[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1])"
    )
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    assert page.get_by_role("heading", level=1).inner_text() == "Ensomhed blandt ældre i Aarhus"
    assert page.get_by_role("region", name="Parathed").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("navigation", name="Indhold").count() == 1


def test_every_table_has_headers_and_a_name(example: Loaded) -> None:
    """Each table: a caption as its accessible name, column headers, row headers."""
    page = example.page
    tables = page.evaluate(
        """() => [...document.querySelectorAll('table')].map(t => [
            t.caption ? t.caption.textContent.trim() : '',
            t.querySelectorAll('thead th[scope=col]').length,
            t.querySelectorAll('tbody tr').length,
            t.querySelectorAll('tbody th[scope=row]').length,
        ])"""
    )
    assert len(tables) == 8
    for caption, columns, rows, row_headers in tables:
        assert caption
        assert columns >= 2
        assert row_headers == rows
        assert page.get_by_role("table", name=caption, exact=True).count() >= 1
    assert page.get_by_role("columnheader", name="Potentiel samarbejdspartner").count() >= 3


def test_the_board_and_every_image_have_a_text_alternative(example: Loaded) -> None:
    """The SVG is an image named by its title and described; no img or svg goes unnamed."""
    page = example.page
    board = page.get_by_role("img", name="Ensomhed blandt ældre i Aarhus: prioriteringsmatrix")
    assert board.count() == 1
    described = page.evaluate(
        """() => {
            const svg = document.querySelector('figure svg');
            const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/);
            return [svg.getAttribute('role'),
                    ids.map(id => (document.getElementById(id) || {}).textContent || '')];
        }"""
    )
    role, texts = described
    assert role == "img"
    assert len(texts) == 2
    assert all(text.strip() for text in texts)
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('img, svg')].filter(e => {
            const alt = e.getAttribute('alt') || e.getAttribute('aria-label') || '';
            const by = (e.getAttribute('aria-labelledby') || '').split(/\\s+/)
                .map(id => (document.getElementById(id) || {}).textContent || '').join('');
            const title = e.querySelector(':scope > title');
            return !(alt.trim() || by.trim() || (title && title.textContent.trim()));
        }).length"""
    )
    assert unnamed == 0
    caption = page.locator("figure figcaption").inner_text()
    assert caption == civsam.label("board.caption", "da")


def test_a_status_is_never_colour_alone(example: Loaded) -> None:
    """Each checklist status shows a word and a symbol; the symbols differ by shape."""
    page = example.page
    statuses = page.evaluate(
        """() => [...document.querySelectorAll('#checklists tbody td:nth-child(2)')]
                 .map(td => td.innerText.trim())"""
    )
    assert statuses == ["● Grøn", "✓ Sat kryds", "▲ Gul", "■ Rød", "● Grøn", "▲ Gul"]


# -- hostile text -------------------------------------------------------------------------------


def hostile() -> civsam.Project:
    """A handcrafted project whose every name tries to run a script."""
    owner = civsam.Organisation("ejer", f"Ejer {HOSTILE[0]}", civsam.OrgKind.MUNICIPALITY)
    organisations = [
        civsam.Organisation(f"p{n}", f"Partner {n} {text}") for n, text in enumerate(HOSTILE)
    ]
    assessments = [
        civsam.Assessment(f"p{n}", text, 5 - n % 2 * 3, 5 - n % 3, text, text, contact=text)
        for n, text in enumerate(HOSTILE)
    ]
    project = civsam.Project(
        f"Projekt {HOSTILE[0]}{HOSTILE[1]}",
        owner,
        target_groups=list(HOSTILE),
        description=" ".join(HOSTILE),
        organisations=organisations,
        assessments=assessments,
    )
    project.record(civsam.OutreachEntry("p0", civsam.OutreachStep.SHARED_GOALS, AS_OF, HOSTILE[3]))
    return project


def test_a_hostile_project_runs_no_script_and_shows_its_names_as_text(
    context: BrowserContext, tmp_path: Path
) -> None:
    """No dialog, no script or image element, no handler; every name reads as written."""
    loaded = open_report(context, hostile(), tmp_path, include_contacts=True)
    page = loaded.page
    page.wait_for_timeout(200)  # time for anything that would fire late
    assert loaded.dialogs == []
    assert loaded.errors == []
    assert loaded.requests == []
    assert [m for m in loaded.console if m[0] in {"error", "warning"}] == []
    found = page.evaluate(
        """() => [document.scripts.length,
                  document.querySelectorAll('img, iframe, script, object, embed').length,
                  [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
                      .filter(a => a.name.startsWith('on')).length,
                  document.querySelectorAll('a:not([href^="#"])').length]"""
    )
    assert found == [0, 0, 0, 0]
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Projekt {HOSTILE[0]}{HOSTILE[1]}"
    )
    names = page.evaluate(
        """() => [...document.querySelectorAll('#partners tbody td:nth-child(2)')]
                 .map(td => td.textContent.replaceAll('\\u00ad', ''))"""
    )
    # Soft hyphens (in long words, for print) are left out: a reader sees none.
    assert sorted(names) == sorted(f"Partner {n} {text}" for n, text in enumerate(HOSTILE))
    assert page.title() == f"Projekt {HOSTILE[0]}{HOSTILE[1]}"
