"""The workshop how-to's screenshots, taken of the bundled example's board in Chromium.

The docs build (docs/conf.py) calls :func:`write_screenshots`, which opens the workshop
board of the bundled example (``civsam export -f workshop``) from disk in Debian's
``chromium``, driven headless by Playwright (never a browser Playwright downloads), and
writes six pictures into ``docs/_generated/``, git-ignored like the boards
make_pictures.py draws, for each of Danish and English:

- ``workshop-LANG.svg``: the board as the group first sees it, at 1400×900;
- ``workshop-moved-LANG.svg``: the same after two post-its were moved with the arrow
  keys, so the moved ones show where they came from ("før: …" / "was: …");
- ``workshop-phone-LANG.svg``: the list view a phone shows instead, at 390×844.

Why SVG: a picture must be there under the same name whether or not the machine has a
browser, so that the pages never point at a missing file (``sphinx-build -W`` would
fail) and a newcomer's ``nox -s docs`` builds without Chromium. With Chromium, each file
is an SVG that holds nothing but the screenshot, a PNG (base64, at the screen's pixel
size); without, it is a labelled stand-in of the same size that says the screenshot
needs Chromium, and one line on stderr says so. A PNG stand-in would need text drawn
without a browser; an SVG says it in plain text, and any browser shows both kinds.

A screenshot already in the folder is kept when the board it shows and this script are
unchanged (each file names their digest), so a second build needs no browser. Refresh
them by hand with

    python docs/make_screenshots.py
"""

# ruff: noqa: INP001 - a script beside the docs, imported by conf.py and the tests by path

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

import civsam

if TYPE_CHECKING:
    from playwright.sync_api import Browser

DOCS = Path(__file__).resolve().parent
GENERATED = DOCS / "_generated"
MADE = dt.date(2026, 12, 7)
"""The board's day: Monday 7 December 2026, the example's start (make_pictures' too)."""
WORKSHOP_DAY = "2026-12-08"
"""The workshop's day typed into the board, so no picture shows the day it was taken."""
LANGUAGES = ("da", "en")
LOCALES = {"da": "da-DK", "en": "en-GB"}
"""The browser's language per board: the date field is shown the way a reader writes it."""
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
"""A quiet headless Chromium, as tests/_browser.py starts it: no sandbox, no calls home."""
RATER = "Mette"
MOVES = (
    ("ensomme-gamles-vaern", ("ArrowUp", "ArrowRight")),
    ("favrskov-kommune", ("ArrowUp", "ArrowUp", "ArrowRight", "ArrowRight", "ArrowRight")),
)
"""The two moves: Ensomme Gamles Værn from Discuss to 5/4, Favrskov Kommune from 3/2 to 5/5."""
NOTE = {"da": "Ny borgmester, vil gerne samarbejde", "en": "New mayor, keen to work with us"}
"""The note typed for the last post-it moved (Favrskov Kommune)."""
_SOURCE = Path(__file__).read_bytes()


@dataclass(frozen=True)
class Shot:
    """One screenshot: its file's stem, the window's size, and whether two post-its move."""

    stem: str
    width: int
    height: int
    moved: bool
    what: str

    def name(self, language: str) -> str:
        """The file's name for a board in ``language``."""
        return f"{self.stem}-{language}.svg"


SHOTS = (
    Shot("workshop", 1400, 900, moved=False, what="the workshop board"),
    Shot("workshop-moved", 1400, 900, moved=True, what="the workshop board after two moves"),
    Shot("workshop-phone", 390, 844, moved=False, what="the workshop board on a phone"),
)


class UnavailableError(Exception):
    """No screenshot can be taken here: the message says why and what would fix it."""


def board(language: str) -> bytes:
    """The bundled example's workshop board (HTML), made on :data:`MADE`, in ``language``."""
    report = civsam.make_report(civsam.example(), language=language, as_of=MADE)
    return civsam.export(report, "workshop")


def _digest(board_html: bytes, shot: Shot) -> str:
    """What a screenshot shows depends on: the board's bytes, this script, the shot."""
    return hashlib.sha256(b"\0".join([board_html, _SOURCE, shot.stem.encode()])).hexdigest()[:16]


def framed(png: bytes, shot: Shot, language: str, digest: str) -> bytes:
    """An SVG holding a screenshot: nothing but the PNG at its size, a title and a frame."""
    title = f"Screenshot: {shot.what} ({language})"
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{shot.width}" height="{shot.height}" '
        f'viewBox="0 0 {shot.width} {shot.height}" role="img" data-screenshot="{digest}">'
        f"<title>{escape(title)}</title>"
        f'<image width="{shot.width}" height="{shot.height}" '
        f'href="data:image/png;base64,{data}"/>'
        # A thin frame: the board's white page would otherwise melt into the docs' page.
        f'<rect x="0.5" y="0.5" width="{shot.width - 1}" height="{shot.height - 1}" '
        'fill="none" stroke="#999"/></svg>\n'
    ).encode()


def stand_in(shot: Shot, language: str, reason: str) -> bytes:
    """An SVG of the screenshot's size saying the screenshot needs Chromium (and why not)."""
    lines = [
        "Screenshot not drawn:",
        f"{shot.what} ({language})",
        "It needs Chromium and Playwright",
        "when the docs are built:",
        "apt-get install chromium",
        "(Skærmbilledet kræver Chromium)",
    ]
    size = min(28, shot.width // 26)
    top = shot.height // 2 - len(lines) * size * 3 // 4
    texts = "".join(
        f'<text x="{shot.width // 2}" y="{top + index * size * 3 // 2}">{escape(line)}</text>'
        for index, line in enumerate(lines)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{shot.width}" height="{shot.height}" '
        f'viewBox="0 0 {shot.width} {shot.height}" role="img" data-stand-in={quoteattr(reason)}>'
        f"<title>{escape(' '.join(lines))}</title>"
        f'<rect x="2" y="2" width="{shot.width - 4}" height="{shot.height - 4}" fill="#f3f3f3" '
        'stroke="#777" stroke-width="4" stroke-dasharray="16 10"/>'
        f'<g font-family="sans-serif" font-size="{size}" fill="#333" text-anchor="middle">'
        f"{texts}</g></svg>\n"
    ).encode()


def find_chromium() -> str | None:
    """Debian's Chromium, where the system has it (as tests/_browser.py finds it)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    return found


def _write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` unless it is there already, so unchanged files keep their time."""
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


_TAKEN = re.compile(rb'data-screenshot="(?P<digest>[0-9a-f]{16})"')


def _is_current(path: Path, digest: str) -> bool:
    """Whether ``path`` is a screenshot of what ``digest`` names (not a stand-in)."""
    if not path.is_file():
        return False
    with path.open("rb") as file:
        found = _TAKEN.search(file.read(400))
    return found is not None and found["digest"].decode() == digest


def _shoot(browser: Browser, url: str, shot: Shot, language: str) -> bytes:
    """Open the board at ``url`` at the shot's size and return the window as a PNG."""
    context = browser.new_context(
        viewport={"width": shot.width, "height": shot.height},
        locale=LOCALES[language],
        timezone_id="Europe/Copenhagen",
        reduced_motion="reduce",
    )
    try:
        page = context.new_page()
        # The board is one file: anything else it asked for would be a bug, so refuse it.
        page.route(
            "**/*",
            lambda route: route.continue_() if route.request.url == url else route.abort(),
        )
        page.goto(url, wait_until="load")
        page.wait_for_selector("html[data-ready]", timeout=10_000)
        page.fill("#wb-date", WORKSHOP_DAY)
        if shot.moved:
            page.fill("#wb-rater", RATER)
            ids = page.evaluate(
                "JSON.parse(document.getElementById('wb-data').textContent)"
                ".partners.map((p) => p.id)"
            )
            for partner, keys in MOVES:
                page.focus(f'.postit[data-index="{ids.index(partner)}"]')
                for key in keys:
                    page.keyboard.press(key)
            page.fill("#wb-note", NOTE[language])
            page.focus(f'.postit[data-index="{ids.index(MOVES[-1][0])}"]')
        else:
            page.evaluate("document.activeElement.blur()")
        page.evaluate("window.scrollTo(0, 0)")
        return page.screenshot(type="png", animations="disabled", caret="hide")
    finally:
        context.close()


def _environment(language: str) -> dict[str, str | float | bool]:
    """This process's environment with the board's language as the browser's own.

    Chromium shows a date field the way its locale writes dates (08.12.2026 in Danish),
    and takes the locale from ``LANG``; it needs Debian's ``chromium-l10n`` for any
    but American English (without it, both boards show 12/08/2026).
    """
    kept = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("LC_") and name != "LANGUAGE"
    }
    return {**kept, "LANG": LOCALES[language].replace("-", "_") + ".UTF-8"}


def _take(
    wanted: list[tuple[Path, Shot, str, str]], boards: dict[str, bytes], chromium: str | None
) -> list[Path]:
    """Take the ``wanted`` screenshots, a Chromium per language; UnavailableError if none starts."""
    try:
        from playwright.sync_api import Error, sync_playwright  # noqa: PLC0415 - optional
    except ImportError:
        msg = "Playwright for Python is not installed (the 'docs' dependency group has it)"
        raise UnavailableError(msg) from None
    executable = chromium or find_chromium()
    if executable is None:
        msg = "no Chromium: install it with 'apt-get install chromium'"
        raise UnavailableError(msg)
    written: list[Path] = []
    with (
        tempfile.TemporaryDirectory(prefix="civsam-screenshots-") as folder,
        sync_playwright() as playwright,
    ):
        for language in LANGUAGES:
            shots = [entry for entry in wanted if entry[2] == language]
            if not shots:
                continue
            page = Path(folder) / f"tavle-{language}.html"
            page.write_bytes(boards[language])
            try:
                browser = playwright.chromium.launch(
                    executable_path=executable,
                    args=list(CHROMIUM_ARGS),
                    env=_environment(language),
                    headless=True,
                )
            except Error as error:
                lines = str(error).strip().splitlines()
                msg = f"Chromium at {executable} did not start: {lines[0] if lines else error}"
                raise UnavailableError(msg) from None
            try:
                for path, shot, _, digest in shots:
                    png = _shoot(browser, page.as_uri(), shot, language)
                    written.append(_write(path, framed(png, shot, language, digest)))
            finally:
                browser.close()
    return written


def write_screenshots(folder: Path = GENERATED, *, chromium: str | None = None) -> list[Path]:
    """Write the six pictures into ``folder``: screenshots, or stand-ins without Chromium.

    ``chromium`` is the browser to start (default: :func:`find_chromium`'s). Returns the
    pictures' paths, each shot in both languages, in :data:`SHOTS`' order.
    """
    boards = {language: board(language) for language in LANGUAGES}
    planned = [
        (folder / shot.name(language), shot, language, _digest(boards[language], shot))
        for shot in SHOTS
        for language in LANGUAGES
    ]
    wanted = [entry for entry in planned if not _is_current(entry[0], entry[3])]
    if wanted:
        try:
            _take(wanted, boards, chromium)
        except UnavailableError as missing:
            sys.stderr.write(
                f"make_screenshots: stand-ins, not screenshots, in {folder}: {missing}\n"
            )
            for path, shot, language, digest in wanted:
                if not _is_current(path, digest):  # not taken before Chromium failed
                    _write(path, stand_in(shot, language, str(missing)))
    return [path for path, *_ in planned]


def main() -> int:
    """Draw the screenshots into ``docs/_generated/``, as the docs build does."""
    for path in write_screenshots():
        sys.stdout.write(f"Wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
