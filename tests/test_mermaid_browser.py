"""The Markdown report's chart as GitHub draws it: the real ``mermaid`` package in Chromium.

Each test renders the report's ``quadrantChart`` at Mermaid's default 500 × 500 and
measures, in the SVG's own units, that no two point labels overlap, that none sticks out
of the picture, that no label covers another point's dot or a quadrant's title, and that
the title and the quadrants' titles are whole. The package is installed with npm into a
cache outside the checkout (tests/_mermaid.py); without npm, the network or Chromium
the module is skipped, saying which.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import civsam
from _browser import UnavailableError, chromium
from _mermaid import Chart, fences, install_mermaid, load, render
from civsam import Quadrant
from civsam.testing import projects

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow  # a real browser, and npm the first time

AS_OF = dt.date(2026, 1, 1)
FEW = settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
"""Each example renders a chart in the browser: a handful says enough."""
FONTS = [None, "DejaVu Sans"]
"""Mermaid's own font list (here Arial's metrics), and the wide font Linux falls back to."""


@pytest.fixture(scope="session")
def mermaid_script() -> Path:
    """``mermaid.min.js`` from the npm cache, installed on first use."""
    try:
        return install_mermaid()
    except UnavailableError as missing:
        pytest.skip(str(missing))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    try:
        with chromium("the Mermaid tests") as launched:
            yield launched
    except UnavailableError as missing:
        pytest.skip(str(missing))


@pytest.fixture(scope="module")
def page(browser: Browser, mermaid_script: Path) -> Page:
    """A blank 500 px page with Mermaid loaded, reused by every chart in the module."""
    opened = browser.new_page(viewport={"width": 800, "height": 800})
    load(opened, mermaid_script)
    return opened


def chart(
    page: Page, project: civsam.Project, language: str = "da", font: str | None = None
) -> Chart:
    """The project's Markdown report's chart, drawn and measured."""
    text = civsam.export_project(project, "markdown", as_of=AS_OF, language=language).decode(
        "utf-8"
    )
    [source] = fences(text)
    return render(page, source, font)


def assert_legible(drawn: Chart) -> None:
    """No label overlaps another or a dot or a title; nothing is cut off at the edges."""
    assert drawn.view.width == drawn.view.height == 500
    assert drawn.overlapping() == []
    assert drawn.clipped() == []
    assert drawn.crowded() == []
    assert drawn.texts_clipped() == []
    titles = [box for _, box in drawn.quadrants]
    assert not any(a.overlaps(b) for i, a in enumerate(titles) for b in titles[i + 1 :])


def partners(count: int, seed: int = 150) -> civsam.Project:
    """A project of ``count`` partners with Danish names and scores over the whole scale."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    words = ("Forening", "Klub", "Netværk", "Fællesskab", "Center", "Hus", "Venner", "Råd")
    places = ("Aarhus", "Viby", "Odense", "Ålborg", "Køge", "Næstved", "Randers", "Esbjerg")
    organisations = [
        civsam.Organisation(f"p{n:03}", f"{rng.choice(places)}s {rng.choice(words)} {n}")
        for n in range(count)
    ]
    return civsam.Project(
        "Mange samarbejdspartnere",
        civsam.Organisation("kommune", "Aarhus Kommune"),
        organisations=organisations,
        assessments=[
            civsam.Assessment(o.id, importance=rng.randint(1, 5), ease=rng.randint(1, 5))
            for o in organisations
        ],
    )


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("language", ["da", "en"])
def test_the_demo_chart_is_legible(page: Page, language: str, font: str | None) -> None:
    """The bundled example: all 14 partners drawn, each by its rank, none cut or covered."""
    drawn = chart(page, civsam.example(), language, font)
    assert sorted(int(point.text) for point in drawn.points) == list(range(1, 15))
    assert_legible(drawn)


@pytest.mark.parametrize("font", FONTS)
def test_a_150_partner_chart_is_legible_in_every_quadrant(page: Page, font: str | None) -> None:
    """150 partners: every quadrant drawn with its own partners, counted in its title."""
    project = partners(150)
    prio = civsam.prioritise(project, as_of=AS_OF)
    drawn = chart(page, project, font=font)
    assert_legible(drawn)
    counts = prio.counts()
    names = {"Start her": Quadrant.START_HERE, "Diskuter": Quadrant.DISCUSS,
             "Ikke det værd": Quadrant.NOT_WORTH_IT, "Ikke nu": Quadrant.NOT_NOW}  # fmt: skip
    assert sorted(title for title, _ in drawn.quadrants) == sorted(
        f"{name} ({counts[quadrant]})" for name, quadrant in names.items()
    )
    shown = {int(point.text) for point in drawn.points}
    for title, box in drawn.quadrants:
        quadrant = names[title.rsplit(" (", 1)[0]]
        ranks = [placement.rank for placement in prio.quadrant(quadrant)]
        assert shown & set(ranks) == set(ranks[: len(shown & set(ranks))])
        assert len(shown & set(ranks)) >= min(len(ranks), 36), title
        # The quadrant's points sit under its title, in its half of the chart.
        mine = [p.dot for p in drawn.points if int(p.text) in ranks]
        middle_x = (drawn.view.width + 31) / 2  # the plot starts 31 px in (the y axis)
        assert all((dot.x > middle_x) == (box.x > middle_x) for dot in mine)


@FEW
@given(
    project=projects(max_partners=30),
    language=st.sampled_from(["da", "en"]),
    font=st.sampled_from(FONTS),
)
def test_generated_projects_draw_legible_charts(
    page: Page, project: civsam.Project, language: str, font: str | None
) -> None:
    """Hostile names and titles, any scores: the chart stays legible."""
    if not len(civsam.prioritise(project, as_of=AS_OF)):
        return
    assert_legible(chart(page, project, language, font))


@FEW
@given(count=st.integers(100, 1200), seed=st.integers(0, 2**16), font=st.sampled_from(FONTS))
def test_large_projects_draw_legible_charts(
    page: Page, count: int, seed: int, font: str | None
) -> None:
    """Hundreds of partners (three and four digit ranks): as many as fit, all apart."""
    assert_legible(chart(page, partners(count, seed), font=font))


@pytest.mark.parametrize(
    "name",
    [
        "Et langt navn på et projekt " * 4,
        "W" * 60,
        "ÆØÅ æøå " * 10,
        "mmmmmmmmmm " * 6,
        "Projekt 🎉🎈🤝 " * 8,
        "Ensomhed blandt ældre i Aarhus",
    ],
)
@pytest.mark.parametrize("font", FONTS)
def test_the_title_fits_whatever_the_projects_name(page: Page, name: str, font: str | None) -> None:
    """The chart's title is cut with … before it would run off the picture."""
    project = partners(3)
    project.name = name
    drawn = chart(page, project, font=font)
    assert drawn.texts_clipped() == []
    title = drawn.texts[0][0]
    assert title == name.strip() or title.endswith("…")
