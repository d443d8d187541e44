"""Mermaid in a real browser: the ``mermaid`` npm package, rendered by headless Chromium.

GitHub and GitLab draw a Markdown report's ``mermaid`` fence with Mermaid itself, so the
tests do too: :func:`install_mermaid` puts the npm package (major version
:data:`MERMAID`) in a cache folder outside the checkout, once, and later runs reuse it;
:func:`render` draws a chart in a Playwright page and :func:`measure` reads back where the
browser put every text, in the SVG's own units (its ``viewBox``), which is what a reader
sees at any zoom. Whatever is missing (npm, the network) is :class:`UnavailableError`, with a
reason a test can skip with.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from _browser import UnavailableError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from playwright.sync_api import Page

MERMAID = "11"
"""The major version of ``mermaid`` the charts are drawn with: the one GitHub uses."""
INSTALL_TIMEOUT = 300.0
"""Seconds ``npm install`` may take on a slow network before the tests give up."""
FENCE = "```mermaid\n"


def cache_folder() -> Path:
    """Where the npm package is kept between runs: ``$XDG_CACHE_HOME/civsam-tests/npm``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "civsam-tests" / "npm"


def install_mermaid(folder: Path | None = None) -> Path:
    """The path of ``mermaid.min.js``, installing ``mermaid@MERMAID`` with npm if needed.

    A folder that already holds the package is reused (no network); a failed install
    raises :class:`UnavailableError` with npm's last line.
    """
    folder = cache_folder() if folder is None else folder
    script = folder / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
    if script.is_file() and installed_version(folder).split(".")[0] == MERMAID:
        return script
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder / ".lock"):  # pytest-xdist's workers may all arrive at once
        if script.is_file() and installed_version(folder).split(".")[0] == MERMAID:
            return script
        return npm_install(folder, f"mermaid@{MERMAID}", script, "the Mermaid tests")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (on systems with ``fcntl``; elsewhere, none)."""
    try:
        import fcntl  # noqa: PLC0415 - POSIX only
    except ImportError:
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def npm_install(folder: Path, package: str, script: Path, purpose: str) -> Path:
    """Install ``package`` (``name@version``) into ``folder`` with npm; ``script`` must exist then.

    ``purpose`` names the tests that need it ("the Mermaid tests"), for the message of
    the :class:`UnavailableError` raised when npm is missing or the install fails.
    """
    npm = shutil.which("npm")
    if npm is None:
        name = package.rpartition("@")[0]
        msg = (
            f"{purpose} need npm to install the '{name}' package: "
            "'apt-get install npm' (.ci/run does this)"
        )
        raise UnavailableError(msg)
    command = [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund",
               "--no-save", "--no-package-lock", package]  # fmt: skip
    try:
        done = subprocess.run(  # noqa: S603 - npm from PATH, fixed arguments
            command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        msg = f"'npm install {package}' took over {INSTALL_TIMEOUT:.0f} s (no network?)"
        raise UnavailableError(msg) from None
    if done.returncode != 0 or not script.is_file():
        lines = (done.stderr or done.stdout).strip().splitlines()
        last = lines[-1] if lines else f"exit status {done.returncode}"
        msg = f"'npm install {package}' failed (no network?): {last}"
        raise UnavailableError(msg)
    return script


def installed_version(folder: Path) -> str:
    """The version of the ``mermaid`` package in ``folder``, or "" if there is none."""
    manifest = folder / "node_modules" / "mermaid" / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return ""


def fences(markdown: str) -> list[str]:
    """The source of every ``mermaid`` fence in a Markdown text, in order."""
    found = []
    for part in markdown.split(FENCE)[1:]:
        source, closed, _ = part.partition("\n```")
        assert closed, "a mermaid fence is never closed"
        found.append(source + "\n")
    return found


@attrs.frozen
class Box:
    """A rectangle in the SVG's user units (its ``viewBox``): left, top, width, height."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        """The right edge."""
        return self.x + self.width

    @property
    def bottom(self) -> float:
        """The bottom edge."""
        return self.y + self.height

    def overlaps(self, other: Box) -> bool:
        """Whether the two share any area (touching edges do not count)."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def inside(self, other: Box) -> bool:
        """Whether this box lies wholly within ``other``."""
        return (
            self.x >= other.x
            and self.y >= other.y
            and self.right <= other.right
            and self.bottom <= other.bottom
        )


@attrs.frozen
class Point:
    """A drawn point: its label's text, the label's box and the dot's box."""

    text: str
    label: Box
    dot: Box


@attrs.frozen
class Chart:
    """What the browser drew: the viewBox, the points, the quadrant titles and other texts."""

    view: Box
    points: tuple[Point, ...]
    quadrants: tuple[tuple[str, Box], ...]
    """Each quadrant's title, as drawn: quadrant-1 first."""
    texts: tuple[tuple[str, Box], ...]
    """The chart's title and axis labels."""

    def labels(self) -> list[Box]:
        """Every point's label box."""
        return [point.label for point in self.points]

    def overlapping(self) -> list[tuple[str, str]]:
        """Each pair of point labels that overlap, by their texts."""
        return [(a.text, b.text) for a, b in pairs(self.points) if a.label.overlaps(b.label)]

    def clipped(self) -> list[str]:
        """The texts of the point labels that stick out of the SVG's viewBox."""
        return [point.text for point in self.points if not point.label.inside(self.view)]

    def crowded(self) -> list[tuple[str, str]]:
        """Labels that cover another point's dot or a quadrant's title, as (label, what)."""
        found: list[tuple[str, str]] = []
        for point in self.points:
            found.extend(
                (point.text, f"the dot of {other.text}")
                for other in self.points
                if other is not point and point.label.overlaps(other.dot)
            )
            for title, box in self.quadrants:
                if point.label.overlaps(box) or point.dot.overlaps(box):
                    found.append((point.text, f"the title {title}"))
        return found

    def texts_clipped(self) -> list[str]:
        """The chart's title, axis labels and quadrant titles that stick out of the viewBox."""
        return [text for text, box in (*self.quadrants, *self.texts) if not box.inside(self.view)]


def pairs(points: Sequence[Point]) -> Iterable[tuple[Point, Point]]:
    """Every unordered pair of points once."""
    for index, first in enumerate(points):
        for second in points[index + 1 :]:
            yield first, second


PAGE = """<!doctype html><html><head><meta charset="utf-8"></head>
<body style="margin:0"><div id="chart" style="width:{width}px"></div></body></html>"""

_RENDER = """async ([source, font]) => {
  mermaid.initialize(font ? {startOnLoad: false, fontFamily: font} : {startOnLoad: false});
  const {svg} = await mermaid.render("chart-svg", source);
  const holder = document.getElementById("chart");
  holder.innerHTML = svg;
  const drawn = holder.querySelector("svg");
  const view = drawn.viewBox.baseVal;
  const inverse = drawn.getScreenCTM().inverse();
  const box = (element) => {
    const r = element.getBoundingClientRect();
    const corner = (x, y) => new DOMPoint(x, y).matrixTransform(inverse);
    const a = corner(r.left, r.top), b = corner(r.right, r.bottom);
    return [a.x, a.y, b.x - a.x, b.y - a.y];
  };
  const texts = (selector) =>
    [...drawn.querySelectorAll(selector)].map((t) => [t.textContent, box(t)]);
  return {
    view: [view.x, view.y, view.width, view.height],
    points: [...drawn.querySelectorAll("g.data-point")].map((g) => [
      g.querySelector("text").textContent,
      box(g.querySelector("text")),
      box(g.querySelector("circle")),
    ]),
    quadrants: texts("g.quadrant text"),
    texts: [...texts("g.title text"), ...texts("g.label text")],
  };
}"""


def load(page: Page, script: Path, width: int = 500) -> None:
    """Open an empty page ``width`` CSS pixels wide with Mermaid's script in it."""
    page.set_content(PAGE.format(width=width))
    page.add_script_tag(path=str(script))


def render(page: Page, source: str, font: str | None = None) -> Chart:
    """Draw one chart on a page :func:`load` prepared, and measure what was drawn.

    ``font`` replaces Mermaid's font list (``"trebuchet ms", verdana, arial, sans-serif``),
    to try the widest a reader may get. A source Mermaid refuses raises the browser's
    error (Playwright's ``Error``).
    """
    drawn: dict[str, Any] = page.evaluate(_RENDER, [source, font])

    def box(values: Sequence[float]) -> Box:
        return Box(*values)

    return Chart(
        view=box(drawn["view"]),
        points=tuple(Point(text, box(label), box(dot)) for text, label, dot in drawn["points"]),
        quadrants=tuple((text, box(where)) for text, where in drawn["quadrants"]),
        texts=tuple((text, box(where)) for text, where in drawn["texts"]),
    )
