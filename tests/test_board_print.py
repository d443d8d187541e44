"""The SVG board printed by a real browser: Chromium's print-to-PDF, read back with poppler.

On each paper (A3, A4, Letter, landscape) the board file is opened in headless Chromium
and printed: as the file asks (its ``@page`` size, what the print dialog uses), at the
paper's size given explicitly, and with Playwright's defaults (Letter, which the file's
``@page`` makes Chromium fit). Each PDF must be one page (of the paper), and
``pdftotext`` must find on it every word the board draws: every post-it's rank and name
as shown, the legend, the axes. In the browser, with real fonts, every text lies on the
page and each post-it's text inside its paper. Before, the A3-only board printed with
Chromium's defaults (Letter, portrait) lost 15 of its 65 lines: the right 49 % of the
page, the legend and the right-hand quadrants.

Needs Chromium (``apt-get install chromium``) and poppler (``apt-get install
poppler-utils``), as ``.ci/run`` installs them; without them the module is skipped with
a message saying so.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import civsam
from _browser import UnavailableError, chromium
from civsam import Assessment, Organisation, Paper, Project

pytest.importorskip(
    "playwright.sync_api",
    reason="the print tests need Playwright for Python (the 'tests' dependency group)",
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow

AS_OF = dt.date(2026, 1, 1)
NS = "{http://www.w3.org/2000/svg}"
POINTS_PER_MM = 72 / 25.4
PIXELS_PER_MM = 96 / 25.4
LONG_NAMES = [
    "Gymnastikforeningen Aktiv 60+",
    "Folkeoplysningsforeningernes Samråd",
    "Aarhus Universitetshospital, Psykiatrien – Ældrepsykiatrien",
    "Boligforeningen Ringgården afdeling Gellerupparken",
    "Naboer på Frederiksbjerg (Facebook-gruppe)",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole module; the module is skipped without one."""
    missing = [tool for tool in ("pdfinfo", "pdftotext") if shutil.which(tool) is None]
    if missing:
        pytest.skip(
            f"the board print tests need poppler's {' and '.join(missing)}: "
            "install them with 'apt-get install poppler-utils' (.ci/run does this)"
        )
    try:
        with chromium("the board print tests") as launched:
            yield launched
    except UnavailableError as missing_browser:
        pytest.skip(str(missing_browser))


def crowded() -> Project:
    """Sixty partners with long Danish names, most of them in two quadrants."""
    project = Project("Mange lange navne", Organisation("ejer", "Aarhus Kommune"))
    for index in range(60):
        partner = Organisation(f"p{index:02}", f"{LONG_NAMES[index % 5]} {index}")
        importance, ease = (5, 5) if index < 25 else (2, 4) if index < 45 else (index % 5 + 1, 2)
        project.add(partner, Assessment(partner.id, importance=importance, ease=ease))
    return project


def squeezed(text: str) -> str:
    """Text without white space and hyphens: poppler joins a word hyphenated at a line end."""
    return "".join(text.split()).replace("-", "")


def drawn_lines(svg_text: str) -> list[str]:
    """Every line of text the board draws (titles and descriptions are not drawn)."""
    root = ET.fromstring(svg_text)  # noqa: S314 - our own output
    return [
        "".join(text.itertext())
        for text in root.iter(NS + "text")
        if text.get("textLength") is None  # squeezed text may come out letter by letter
    ]


def pdf_facts(path: Path) -> tuple[int, tuple[float, float], str]:
    """Pages, the first page's size in points, and the text on it, as poppler reads them."""
    info = subprocess.run(  # noqa: S603 - poppler from PATH, fixed arguments
        ["pdfinfo", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    pages = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout, re.MULTILINE)
    assert pages is not None, info.stdout
    assert size is not None, info.stdout
    text = subprocess.run(  # noqa: S603 - poppler from PATH, fixed arguments
        ["pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(pages[1]), (float(size[1]), float(size[2])), text


def open_board(browser: Browser, project: Project, paper: Paper, folder: Path) -> Page:
    """Write the board for ``paper`` and open the file in the browser."""
    path = folder / f"board-{paper.value}.svg"
    civsam.export(civsam.make_report(project, as_of=AS_OF, paper=paper), "svg", path)
    page = browser.new_page()
    page.goto(path.as_uri(), wait_until="load")
    return page


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("crowd", [False, True], ids=["example", "crowded"])
def test_printed_the_board_is_one_whole_page_of_its_paper(
    browser: Browser,
    tmp_path: Path,
    paper: Paper,
    crowd: bool,  # noqa: FBT001 - drawn by parametrize
) -> None:
    """As the file asks and at the paper's size: one page of the paper, every word on it."""
    project = crowded() if crowd else civsam.example()
    page = open_board(browser, project, paper, tmp_path)
    svg_text = (tmp_path / f"board-{paper.value}.svg").read_text(encoding="utf-8")
    expected = drawn_lines(svg_text)
    width, height = paper.size
    prints = {
        "as-the-file-asks": page.pdf(prefer_css_page_size=True, print_background=True),
        "paper-size": page.pdf(width=f"{width}mm", height=f"{height}mm", print_background=True),
        # Playwright's own default, Letter: the file's @page makes Chromium fit it.
        "chromium-default": page.pdf(),
    }
    page.close()
    for name, data in prints.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        pages, (page_width, page_height), text = pdf_facts(path)
        assert pages == 1, name
        if name != "chromium-default":
            # Chromium rounds the page to whole CSS pixels: within a point.
            assert page_width == pytest.approx(width * POINTS_PER_MM, abs=1.0), name
            assert page_height == pytest.approx(height * POINTS_PER_MM, abs=1.0), name
        on_page = squeezed(text)
        lost = [line for line in expected if squeezed(line) not in on_page]
        assert lost == [], name


@pytest.mark.parametrize("paper", list(Paper))
def test_with_real_fonts_every_text_is_on_the_page_and_in_its_postit(
    browser: Browser, tmp_path: Path, paper: Paper
) -> None:
    """Chromium's own measure: every text inside the page, each post-it's text in its paper."""
    page = open_board(browser, crowded(), paper, tmp_path)
    width, height = (value * PIXELS_PER_MM for value in paper.size)
    outside, spilled, postits = page.evaluate(
        """([width, height]) => {
            const box = e => e.getBoundingClientRect();
            const inside = (a, b, slack) => a.left >= b.left - slack && a.top >= b.top - slack
                && a.right <= b.right + slack && a.bottom <= b.bottom + slack;
            const page = {left: 0, top: 0, right: width, bottom: height};
            const outside = [...document.querySelectorAll('text')]
                .filter(t => !inside(box(t), page, 0.5)).map(t => t.textContent);
            const spilled = [];
            const postits = [...document.querySelectorAll('g.postit')];
            for (const postit of postits) {
                const paper = box(postit.querySelector('rect'));
                for (const text of postit.querySelectorAll('text')) {
                    if (!inside(box(text), paper, 0.5)) spilled.push(text.textContent);
                }
            }
            return [outside, spilled, postits.length];
        }""",
        [width, height],
    )
    page.close()
    assert postits > 20
    assert outside == []
    assert spilled == []
