"""The priority board as a printable SVG: the guide's post-it board, on one page.

Laid out as in the guide: importance for success up the side (high on top), ease of
collaboration along the bottom (hard on the left), the four quadrants named in their
outer corners, in the report's language. The threshold lines halve the board: it is a
board, not a scatter plot. Each assessed partner is a post-it showing its rank and
name in its quadrant; within the quadrant the post-its sit in rank order, left to right
and top to bottom, never overlapping (see :mod:`civsam_exporters._layout`), and the
legend says so: with whole scores from 1 to 5 many partners share a point, and placing
them "by their scores" put post-its in a crowded quadrant up to 2.3 points from theirs.
Raters' disagreement gets a dashed border and a "!" badge, not a colour alone. A legend
explains the colours, the marker, the number, the order and how many did not fit.

A report made ``since`` a day (:attr:`civsam.Report.since`) shows movement: a post-it
placed differently than on that day gives its last line to where it came from, a drawn
arrow the way it moved and "was: Discuss" (its old scores, "was: 4 / 3", when it stayed
in its quadrant), or "new" for a partner first assessed since; the legend says what the
marks mean and names the partners no longer on the board. Without ``since`` the board is
as it always was.

The page is the report's paper (:class:`civsam.Paper`: A3, A4 or Letter, landscape) at
its physical size in mm, and a standalone file says so to a browser's print
(``@page``), so printing it cuts nothing off. Post-it text keeps its physical size on
every paper; the title, axes and legend shrink a little on smaller paper. Text is sized
in mm, fonts are generic families, and there is nothing external: no links, images,
scripts, event attributes or foreign objects. Text from the data is escaped, stripped
of the characters XML forbids or discourages and kept on one line; names wrap between
words and are hyphenated only where Danish hyphenation allows. The board never shows
contact persons or raters.

The drawing is :mod:`civsam_exporters._board`'s, which the HTML report inlines too; this
module writes it as a file of its own.

Structure, for tests and style sheets: each quadrant is a ``<g class="quadrant">`` with
``data-quadrant`` holding its ``<rect class="area">``, its name, its post-its and any
``<text class="more">`` note; each post-it is a ``<g class="postit">`` (plus
``disagreement``, and ``moved`` or ``new``) with ``data-rank``, a ``<title>``, one
``<rect>`` and its text; a moved post-it has a ``<text class="was">``, a ``<path
class="arrow">`` when it moved a way, and ``data-was`` naming the quadrant it left.
"""

from __future__ import annotations

from typing import BinaryIO

import attrs

from civsam import Report, hookimpl
from civsam_exporters._board import (
    BADGE_COLOUR,
    COLOURS,
    FONT_FAMILY,
    STARTS,
    TEXT_COLOUR,
    board,
    clean,
)

__all__ = [
    "BADGE_COLOUR",
    "COLOURS",
    "FONT_FAMILY",
    "SVG",
    "TEXT_COLOUR",
    "SvgExporter",
    "board",
    "civsam_exporters",
    "clean",
]


@attrs.frozen
class SvgExporter:
    """The priority board as an SVG page on the report's paper (A3, A4 or Letter, landscape)."""

    name: str = "svg"
    suffix: str = ".svg"
    media_type: str = "image/svg+xml"

    def export(self, report: Report, out: BinaryIO) -> None:
        """Write the board, UTF-8 without a byte-order mark, LF line endings."""
        out.write(board(report).encode("utf-8"))

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` begins a board civsam wrote, in either language.

        Its XML declaration and ``<svg>`` start tag (``class="civsam-board"``) are the same
        in every board on a paper; a drawing saved again by an editor such as Inkscape is not taken
        for one.
        """
        return data.startswith(STARTS)


SVG = SvgExporter()


@hookimpl
def civsam_exporters() -> list[SvgExporter]:
    """The priority board as SVG."""
    return [SVG]
