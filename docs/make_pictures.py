"""The documentation's pictures, drawn from the bundled example.

The docs build (docs/conf.py) calls :func:`write_pictures`, which draws the priority
board of the bundled example, in Danish and in English, into ``docs/_generated/``, with
the example's HTML report beside it; the tutorial pages show the boards and link the
reports. README.md shows ``docs/board.svg``, the English board, which
is committed because GitHub and PyPI cannot run the build. After a change to the board,
refresh it with

    python docs/make_pictures.py

tests/test_tutorial.py fails until the committed file is what this draws. The pictures
are "as of" the day the example's plan starts, so they are the same on every machine
and every day: the same bytes as ``SOURCE_DATE_EPOCH=1796601600 civsam export
example.toml -f svg --lang en`` for ``civsam init example.toml --example``.
"""

# ruff: noqa: INP001 - a script beside the docs, imported by conf.py and the tests by path

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import civsam

DOCS = Path(__file__).resolve().parent
README_PICTURE = DOCS / "board.svg"
GENERATED = DOCS / "_generated"
STAMP = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)
"""When the pictures are drawn, for the board: Monday 7 December 2026, the example's start."""
LANGUAGES = ("da", "en")


def _report(language: str) -> civsam.Report:
    """The bundled example's report as of :data:`STAMP`, in ``language`` ("da" or "en").

    It is made here, not from the environment, so a build that sets
    ``SOURCE_DATE_EPOCH`` draws the same bytes as one that does not.
    """
    project = civsam.example()
    chosen = civsam.Language(language)
    return civsam.Report(
        project=project,
        prioritisation=civsam.prioritise(project, as_of=STAMP.date(), language=chosen),
        language=chosen,
        generated=STAMP,
    )


def board(language: str) -> bytes:
    """The bundled example's priority board as SVG, in ``language`` ("da" or "en")."""
    return civsam.export(_report(language), "svg")


def html_report(language: str) -> bytes:
    """The bundled example's HTML report, in ``language``: the tutorial links it."""
    return civsam.export(_report(language), "html")


def _write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` unless it is there already, so unchanged files keep their time."""
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


def write_pictures(folder: Path = GENERATED) -> list[Path]:
    """Write ``board-da.svg``, ``board-en.svg``, ``report-da.html`` and ``report-en.html``.

    Returns their paths, in that order.
    """
    boards = [_write(folder / f"board-{language}.svg", board(language)) for language in LANGUAGES]
    reports = [
        _write(folder / f"report-{language}.html", html_report(language)) for language in LANGUAGES
    ]
    return boards + reports


def main() -> int:
    """Refresh README.md's picture, ``docs/board.svg``."""
    _write(README_PICTURE, board("en"))
    sys.stdout.write(f"Wrote {README_PICTURE}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
