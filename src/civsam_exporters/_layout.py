"""Where the post-its go on a board: pure geometry, no civsam, no drawing.

A post-it's ideal place is its scores' point on the board. Partners are placed in rank
order, each on the free spot nearest its ideal point within its quadrant's region, on a
lattice of half a post-it's width and height, so no two post-its ever overlap (a gap is
kept between them) however many share a score. A quadrant too small for its partners at
the normal size gets smaller post-its, down to :data:`SIZES`' last; beyond what fits
then, the first partners in rank order are shown and a note says how many more there are.

Fonts cannot be measured here, so text widths are estimated on the wide side
(:func:`text_width`) and text is wrapped and cut to stay inside its paper (:func:`wrap`).
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Sequence
from typing import Literal

import attrs

__all__ = [
    "GAP",
    "LINE_HEIGHT",
    "SIZES",
    "Arrangement",
    "Box",
    "Size",
    "arrange",
    "certain",
    "text_width",
    "wrap",
]

GAP = 1.6
"""The space kept between two post-its, and between a post-it and the note, in mm."""
LINE_HEIGHT = 1.25
"""The distance between two lines of text, as a multiple of the font size."""
ELLIPSIS = "…"
HYPHEN = "-"


@attrs.frozen
class Box:
    """An axis-aligned rectangle: top-left corner, width and height (mm, y downwards)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        """The x of the right edge."""
        return self.x + self.width

    @property
    def bottom(self) -> float:
        """The y of the bottom edge."""
        return self.y + self.height

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """Whether the two share any area, or come closer than ``gap`` to each other."""
        tolerance = 1e-6  # lattice arithmetic must not turn "touching at gap" into overlap
        return (
            self.x < other.right + gap - tolerance
            and other.x < self.right + gap - tolerance
            and self.y < other.bottom + gap - tolerance
            and other.y < self.bottom + gap - tolerance
        )

    def within(self, other: Box) -> bool:
        """Whether this box lies wholly inside ``other`` (edges may touch)."""
        tolerance = 1e-6
        return (
            self.x >= other.x - tolerance
            and self.y >= other.y - tolerance
            and self.right <= other.right + tolerance
            and self.bottom <= other.bottom + tolerance
        )


@attrs.frozen
class Size:
    """A post-it size: its font size; paper, padding and lines follow from it (mm)."""

    font: float
    lines: int = 3

    @property
    def padding(self) -> float:
        """The margin between the paper's edge and its text."""
        return 0.5 * self.font

    @property
    def width(self) -> float:
        """The paper's width: about 20 average characters a line."""
        return 14 * self.font

    @property
    def height(self) -> float:
        """The paper's height: ``lines`` lines of text, with room for the last one's descent."""
        return 2 * self.padding + (0.95 + (self.lines - 1) * LINE_HEIGHT + 0.3) * self.font

    @property
    def text_width(self) -> float:
        """How wide a line of text may be."""
        return self.width - 2 * self.padding


SIZES = tuple(Size(font / 10) for font in range(34, 21, -2))
"""Post-it sizes from the normal (3.4 mm text) down to the smallest readable (2.2 mm)."""


@attrs.frozen
class Arrangement:
    """A quadrant's post-its: their size, one box per shown partner, and the rest.

    ``boxes`` holds the first ``len(boxes)`` partners in the order given; ``hidden`` is
    how many more there are, and ``note`` the place for saying so (``None`` if none).
    """

    size: Size
    boxes: tuple[Box, ...]
    hidden: int
    note: Box | None


def arrange(
    ideals: Sequence[tuple[float, float]],
    region: Box,
    *,
    sizes: Sequence[Size] = SIZES,
    gap: float = GAP,
    note_height: float = 0.0,
    note_side: Literal["top", "bottom"] = "top",
) -> Arrangement:
    """Place post-its whose ideal centres are ``ideals`` (in rank order) in ``region``.

    The largest size at which all fit is used; if none does, the smallest, with as many
    as fit and a ``note_height`` strip on ``note_side`` of the region for the note.
    """
    if not sizes:
        raise ValueError("at least one post-it size is needed")
    for size in sizes:
        boxes = _place(ideals, region, size, gap)
        if boxes is not None:
            return Arrangement(size, boxes, 0, None)
    size = sizes[-1]
    height = min(note_height, region.height)
    rest = Box(region.x, region.y, region.width, region.height - height)
    note_y = region.y if note_side == "top" else region.bottom - height
    if note_side == "top":
        rest = attrs.evolve(rest, y=region.y + height)
    slots = _slots(rest, size, gap, half=False)
    shown = min(len(ideals), len(slots))
    boxes = _greedy(ideals[:shown], slots, size, half=False)
    return Arrangement(
        size, boxes, len(ideals) - shown, Box(region.x, note_y, region.width, height)
    )


def _place(
    ideals: Sequence[tuple[float, float]], region: Box, size: Size, gap: float
) -> tuple[Box, ...] | None:
    """Every post-it at ``size``: on the fine lattice if it holds them, else on the grid."""
    grid = _slots(region, size, gap, half=False)
    if len(ideals) > len(grid):
        return None
    fine = _greedy(ideals, _slots(region, size, gap, half=True), size, half=True)
    if len(fine) == len(ideals):
        return fine
    return _greedy(ideals, grid, size, half=False)


def _slots(region: Box, size: Size, gap: float, *, half: bool) -> list[tuple[int, int, Box]]:
    """Lattice positions for a post-it in ``region``, centred in it, with their indices.

    On the half lattice a post-it at (i, j) covers the cells (i, j) to (i + 1, j + 1);
    on the whole grid, one cell. Either way, two post-its in free cells keep ``gap``.
    """
    step_x, step_y = size.width + gap, size.height + gap
    if half:
        step_x, step_y = step_x / 2, step_y / 2
    if region.width < size.width or region.height < size.height:
        return []
    columns = math.floor((region.width - size.width) / step_x + 1e-9) + 1
    rows = math.floor((region.height - size.height) / step_y + 1e-9) + 1
    left = region.x + (region.width - size.width - (columns - 1) * step_x) / 2
    top = region.y + (region.height - size.height - (rows - 1) * step_y) / 2
    return [
        (i, j, Box(left + i * step_x, top + j * step_y, size.width, size.height))
        for j in range(rows)
        for i in range(columns)
    ]


def _greedy(
    ideals: Sequence[tuple[float, float]],
    slots: list[tuple[int, int, Box]],
    size: Size,
    *,
    half: bool,
) -> tuple[Box, ...]:
    """Each post-it in turn on the free slot nearest its ideal centre; stop when full."""
    taken: set[tuple[int, int]] = set()
    span = (0, 1) if half else (0,)
    boxes: list[Box] = []
    for ideal_x, ideal_y in ideals:
        best: tuple[float, int, int, Box] | None = None
        for i, j, box in slots:
            if any((i + di, j + dj) in taken for di in span for dj in span):
                continue
            dx = box.x + size.width / 2 - ideal_x
            dy = box.y + size.height / 2 - ideal_y
            key = (dx * dx + dy * dy, j, i, box)
            if best is None or key[:3] < best[:3]:
                best = key
        if best is None:
            break
        _, j, i, box = best
        taken.update((i + di, j + dj) for di in span for dj in span)
        boxes.append(box)
    return tuple(boxes)


# -- text ----------------------------------------------------------------------------------

_NARROW = frozenset(" !'(),-./:;I[]`fijlrtı|")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufe0e\ufe0f")
_LATIN = 0x17F
"""The last character of Latin Extended-A: Danish, German, Polish, Turkish … letters."""
_PUNCTUATION = frozenset("–—‘’‚“”„…•€™")
_WIDE = frozenset("MWmwÆŒæœ@%…—€™")


@functools.cache
def _char_width(char: str) -> float:
    """A character's width in ems, estimated on the wide side for common sans-serifs."""
    if unicodedata.combining(char) or char in _INVISIBLE:
        return 0.0
    if unicodedata.east_asian_width(char) in {"W", "F"} or ord(char) >= 0x1F000:  # noqa: PLR2004
        return 1.25
    parts = unicodedata.normalize("NFKD", char)
    if len(parts) > 1:  # a ligature or a digraph (ﬃ, ǅ) is as wide as its letters
        return max(sum(_char_width(part) for part in parts), 0.64)
    if char in _NARROW:
        return 0.4
    return 1.0 if char in _WIDE else 0.8 if char.isupper() else 0.64


def certain(text: str) -> bool:
    """Whether the estimate of ``text``'s width can be trusted: Latin letters and punctuation.

    For other scripts, emoji and symbols, fonts differ too much; a drawing should make
    such text exactly as wide as estimated (SVG's ``textLength``).
    """
    return all(ord(char) <= _LATIN or char in _PUNCTUATION for char in text)


def text_width(text: str, font: float, *, bold: bool = False) -> float:
    """The width ``text`` takes at ``font`` size (same unit), estimated on the wide side."""
    width = sum(_char_width(char) for char in text) * font
    return width * 1.1 if bold else width


def _cut(text: str, width: float, font: float) -> str:
    """``text`` cut to fit ``width`` with "…" at the end (the whole text if it fits)."""
    if text_width(text, font) <= width:
        return text
    room = width - text_width(ELLIPSIS, font)
    total = 0.0
    end = 0
    for index, char in enumerate(text):
        total += _char_width(char) * font
        if total > room:
            break
        end = index + 1
    kept = text[:end]
    # Don't leave a joiner, selector or the first half of a cluster dangling.
    while kept and (
        kept[-1] in "\u200d\ufe0e\ufe0f" or (end < len(text) and unicodedata.combining(text[end]))
    ):
        kept, end = kept[:-1], end - 1
    return kept.rstrip() + ELLIPSIS


def wrap(text: str, widths: Sequence[float], font: float) -> list[str]:
    """``text`` in lines no wider than ``widths[n]`` for line n, at most ``len(widths)``.

    Lines break between words; a word wider than its line is broken inside. What does
    not fit is cut, ending the last line with "…". An empty text gives no lines.
    """
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < len(widths):
        width = widths[len(lines)]
        last = len(lines) == len(widths) - 1
        line = ""
        while words:
            candidate = f"{line} {words[0]}" if line else words[0]
            if text_width(candidate, font) <= width:
                line = candidate
                words.pop(0)
                continue
            if not line and not last:  # a word too long for a whole line: hyphenate it
                head = _cut(words[0], width, font).removesuffix(ELLIPSIS)
                head = head or words[0][:1]
                line, words[0] = head + HYPHEN, words[0][len(head) :]
            break
        if last and words:
            line = _cut(f"{line} {' '.join(words)}" if line else " ".join(words), width, font)
            words = []
        lines.append(line)
    return lines
