"""Where the post-its go on a board: pure geometry, no civsam, no drawing.

A quadrant's post-its sit in a grid in rank order, left to right and top to bottom, a
gap apart, so no two ever overlap however many share a score (:func:`arrange`). A
quadrant too small for its partners at the normal size gets smaller post-its, down to
:data:`SIZES`' last; beyond what fits then, the first partners in rank order are shown
and a note says how many more there are.

Fonts cannot be measured here, so text widths are estimated on the wide side
(:func:`text_width`) and text is wrapped between words and cut to stay inside its paper
(:func:`wrap`); a word too long for a line is hyphenated only where the language's
hyphenation rules allow (``pyphen``, as LibreOffice hyphenates).
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Sequence
from typing import Literal

import attrs
import pyphen

__all__ = [
    "GAP",
    "LINE_HEIGHT",
    "SIZES",
    "Arrangement",
    "Box",
    "Size",
    "arrange",
    "breaks",
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
_HYPHENS = frozenset("-\u2010\u2011")
"""Hyphens a word may already have (hyphen-minus, hyphen, non-breaking hyphen)."""


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

    ``boxes`` holds the first ``len(boxes)`` partners in the order given, in reading
    order (left to right, then top to bottom); ``hidden`` is how many more there are,
    and ``note`` the place for saying so (``None`` if none).
    """

    size: Size
    boxes: tuple[Box, ...]
    hidden: int
    note: Box | None


STRETCH = 1.3
"""How much wider than its size a post-it may grow to fill its quadrant's width."""


def arrange(
    count: int,
    region: Box,
    *,
    sizes: Sequence[Size] = SIZES,
    gap: float = GAP,
    note_height: float = 0.0,
    note_side: Literal["top", "bottom"] = "top",
) -> Arrangement:
    """Place ``count`` post-its in ``region`` in a grid, in rank order: reading order.

    A post-it's place says its rank within the quadrant, not its scores: with whole
    scores from 1 to 5 many partners share a point, and a crowded quadrant cannot keep
    them near it. The largest size at which all fit is used; if none does, the
    smallest, with as many as fit and a ``note_height`` strip on ``note_side`` of the
    region for the note.
    """
    if not sizes:
        raise ValueError("at least one post-it size is needed")
    for size in sizes:
        columns, rows = _grid(region, size, gap)
        if columns * rows >= count:
            return Arrangement(size, _boxes(count, region, size, gap, columns), 0, None)
    size = sizes[-1]
    height = min(note_height, region.height)
    rest = Box(region.x, region.y, region.width, region.height - height)
    note_y = region.y if note_side == "top" else region.bottom - height
    if note_side == "top":
        rest = attrs.evolve(rest, y=region.y + height)
    columns, rows = _grid(rest, size, gap)
    shown = min(count, columns * rows)
    return Arrangement(
        size,
        _boxes(shown, rest, size, gap, columns),
        count - shown,
        Box(region.x, note_y, region.width, height),
    )


def _grid(region: Box, size: Size, gap: float) -> tuple[int, int]:
    """How many columns and rows of post-its at ``size`` fit in ``region``, ``gap`` apart."""
    if region.width < size.width or region.height < size.height:
        return 0, 0
    columns = math.floor((region.width + gap) / (size.width + gap) + 1e-9)
    rows = math.floor((region.height + gap) / (size.height + gap) + 1e-9)
    return columns, rows


def _boxes(count: int, region: Box, size: Size, gap: float, columns: int) -> tuple[Box, ...]:
    """``count`` boxes in reading order on a grid of at most ``columns``, centred across.

    The post-its grow (up to :data:`STRETCH`) to fill the width, so names wrap less.
    """
    if not count:
        return ()
    used = min(columns, count)
    width = min((region.width - (used - 1) * gap) / used, size.width * STRETCH)
    left = region.x + (region.width - used * width - (used - 1) * gap) / 2
    return tuple(
        Box(
            left + (index % used) * (width + gap),
            region.y + (index // used) * (size.height + gap),
            width,
            size.height,
        )
        for index in range(count)
    )


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


@functools.cache
def _dictionary(language: str) -> pyphen.Pyphen:
    """The hyphenation rules for a ``pyphen`` language such as ``da_DK``, loaded once."""
    return pyphen.Pyphen(lang=language)


def breaks(word: str, hyphens: str | None) -> list[tuple[int, bool]]:
    """Where ``word`` may break: (position, whether a hyphen is added there), in order.

    After a hyphen the word already has, it breaks with nothing added; elsewhere only
    at the syllable boundaries the ``hyphens`` language's rules give (none for ``None``).
    """
    found = {index + 1: False for index, char in enumerate(word[:-1]) if char in _HYPHENS and index}
    if hyphens is not None:
        for position in _dictionary(hyphens).positions(word):
            near = word[position - 1 : position + 1]
            if not any(char in _HYPHENS for char in near):
                found.setdefault(position, True)
    return sorted(found.items())


def _split(word: str, room: float, font: float, hyphens: str | None) -> tuple[str, str] | None:
    """The longest head of ``word`` that fits ``room`` broken at a break (hyphen included)."""
    for position, hyphen in reversed(breaks(word, hyphens)):
        head = word[:position] + (HYPHEN if hyphen else "")
        if text_width(head, font) <= room:
            return head, word[position:]
    return None


def wrap(
    text: str, widths: Sequence[float], font: float, *, hyphens: str | None = "da_DK"
) -> list[str]:
    """``text`` in lines no wider than ``widths[n]`` for line n, at most ``len(widths)``.

    Lines break between words. A word too long for any line is hyphenated at a syllable
    boundary of the ``hyphens`` language (``pyphen``'s name, e.g. ``da_DK``); if it has
    none that fits, it is cut with "…". What does not fit is cut, ending the last line
    with "…". Where the plain wrap cuts, hyphenating to fill lines is tried too, and kept
    if it shows more. An empty text gives no lines; a first line may be empty when the
    first word fits only a later, wider line.
    """
    words = text.split()
    lines = _wrap(words, widths, font, hyphens, fill=False)
    if hyphens is not None and lines and lines[-1].endswith(ELLIPSIS):
        filled = _wrap(words, widths, font, hyphens, fill=True)
        if _shown(filled) > _shown(lines):
            return filled
    return lines


def _shown(lines: list[str]) -> int:
    """How many letters of the text the lines show."""
    return sum(
        len(line.replace(ELLIPSIS, "").replace(HYPHEN, "").replace(" ", "")) for line in lines
    )


def _wrap(
    words: list[str], widths: Sequence[float], font: float, hyphens: str | None, *, fill: bool
) -> list[str]:
    """:func:`wrap`'s work; ``fill`` hyphenates whenever that fills a line.

    Without ``fill``, a word is hyphenated only when no later line holds it whole.
    """
    words = list(words)
    lines: list[str] = []
    while words and len(lines) < len(widths):
        index = len(lines)
        width = widths[index]
        last = index == len(widths) - 1
        later = max(widths[index + 1 :], default=width)
        line = ""
        while words:
            candidate = f"{line} {words[0]}" if line else words[0]
            if text_width(candidate, font) <= width:
                line = candidate
                words.pop(0)
                continue
            if last:
                break
            word = words[0]
            if fill or text_width(word, font) > later:
                prefix = f"{line} " if line else ""
                split = _split(word, width - text_width(prefix, font), font, hyphens)
                if split is not None:
                    line, words[0] = prefix + split[0], split[1]
                elif not line and text_width(word, font) > later:
                    line = _cut(word, width, font)  # no break fits: cut the word itself
                    words.pop(0)
            break
        if last and words:
            line = _cut(f"{line} {' '.join(words)}" if line else " ".join(words), width, font)
            words = []
        lines.append(line)
    return lines
