"""The priority board as a printable SVG: the guide's post-it board, on an A3 page.

Laid out as in the guide: importance for success up the side (high on top), ease of
collaboration along the bottom (hard on the left), the four quadrants named in their
outer corners, in the report's language. The threshold lines lie where the matrix rule's
thresholds are (within the middle half of each axis, so every quadrant keeps room);
for other rules they halve the board. Each assessed partner is a post-it showing its
rank and name, placed by its scores within its quadrant, never overlapping another
(see :mod:`civsam_exporters._layout`); raters' disagreement gets a dashed border and a
"!" badge, not a colour alone. A legend explains the colours, the marker, the number
and how many partners did not fit.

The page is 420 × 297 mm (A3 landscape); every A-series page has the same shape, so it
prints on A4 scaled to fit. Text is sized in mm, fonts are generic families, and there
is nothing external: no links, images, scripts, event attributes or foreign objects.
Text from the data is escaped, stripped of characters XML forbids and kept on one line.
The board never shows contact persons or raters.

Structure, for tests and style sheets: each quadrant is a ``<g class="quadrant">`` with
``data-quadrant`` holding its ``<rect class="area">``, its name, its post-its and any
``<text class="more">`` note; each post-it is a ``<g class="postit">`` (plus
``disagreement``) with ``data-rank``, a ``<title>``, one ``<rect>`` and its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import BinaryIO

import attrs

import civsam
from civsam import Language, Placement, Quadrant, Report, format_number, hookimpl, label
from civsam_exporters._layout import (
    LINE_HEIGHT,
    SIZES,
    Arrangement,
    Box,
    arrange,
    certain,
    text_width,
    wrap,
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

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
TEXT_COLOUR = "#1a1a1a"
COLOURS: Mapping[Quadrant, tuple[str, str, str]] = MappingProxyType(
    {
        Quadrant.START_HERE: ("#c8eec3", "#4f8a48", "#f2faf1"),
        Quadrant.DISCUSS: ("#fff1a3", "#a08a1c", "#fffbe5"),
        Quadrant.NOT_NOW: ("#cde2fb", "#4f7bb0", "#f1f6fd"),
        Quadrant.NOT_WORTH_IT: ("#f3d5e3", "#a86d8a", "#fcf3f7"),
    }
)
"""Each quadrant's post-it paper, post-it border and area background."""
BADGE_COLOUR = "#a3001b"
LINE_COLOUR = "#3d3d3d"
MUTED_COLOUR = "#4d4d4d"

PAGE = Box(0, 0, 420, 297)
BOARD = Box(36, 26, 280, 232)
"""The four quadrants together; axes to the left and below, the legend to the right."""
LEGEND = Box(328, 26, 84, 262)
PAD = 2.2
"""The margin inside a quadrant's area."""
TITLE_FONT, AXIS_FONT, LEVEL_FONT, TICK_FONT = 6.5, 4.4, 4.0, 3.0
NAME_FONT, NOTE_FONT, LEGEND_FONT = 4.2, 3.0, 3.2
MIDDLE = (0.25, 0.75)
"""A threshold line stays within this part of its axis, so every quadrant keeps room."""

_TOP = (Quadrant.DISCUSS, Quadrant.START_HERE)
_LEFT = (Quadrant.DISCUSS, Quadrant.NOT_WORTH_IT)

_LINE_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
_NOT_XML = re.compile(
    "[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u202a-\u202e\u2066-\u2069]"
)
"""Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/FFFF), C1 controls, and
the bidirectional embeddings and overrides, which could turn a post-it's text around."""


def clean(text: str) -> str:
    """Text from the data as one line that XML 1.0 can hold (not yet escaped)."""
    return " ".join(_NOT_XML.sub("", _LINE_BREAKS.sub(" ", text)).split())


def _escape(text: str) -> str:
    """Text for XML character data or a double-quoted attribute value, in XML and HTML."""
    return (
        clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _number(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros, never ``-0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


Attribute = str | float


def _attributes(values: dict[str, Attribute]) -> str:
    return "".join(
        f' {name}="{_number(value) if isinstance(value, float | int) else _escape(value)}"'
        for name, value in values.items()
    )


def _element(name: str, values: dict[str, Attribute], content: str | None = None) -> str:
    """One element; ``content`` is markup already (escape text with :func:`_escape`)."""
    if content is None:
        return f"<{name}{_attributes(values)}/>"
    return f"<{name}{_attributes(values)}>{content}</{name}>"


def _text(x: float, y: float, text: str, font: float, **values: Attribute) -> str:
    """A line of text at (x, y), its baseline; ``values`` are more attributes."""
    return _element(
        "text",
        {
            "x": x,
            "y": y,
            "font-size": font,
            "fill": TEXT_COLOUR,
            **values,
            **_fit(text, font, bold=values.get("font-weight") == "bold"),
        },
        _escape(text),
    )


def _fit(text: str, font: float, *, bold: bool = False, extra: float = 0.0) -> dict[str, Attribute]:
    """For text whose width can't be estimated well, the estimate imposed on the renderer."""
    text = clean(text)
    if certain(text):
        return {}
    width = text_width(text, font, bold=bold) + extra
    return {"textLength": width, "lengthAdjust": "spacingAndGlyphs"}


# -- the axes ------------------------------------------------------------------------------


@attrs.frozen
class _Axis:
    """One axis: where a score lies along it, 0 at the low (hard) end and 1 at the high."""

    threshold: float | None
    """The matrix rule's threshold, or ``None`` for a rule that halves the board."""

    @property
    def cut(self) -> float:
        """Where the threshold line lies, as a fraction of the axis."""
        if self.threshold is None:
            return 0.5
        low, high = MIDDLE
        return min(max((self.threshold - 1) / 5, low), high)

    def fraction(self, score: float, *, high: bool) -> float:
        """Where ``score`` lies, on the ``high`` side of the line or the other."""
        score = min(max(score, 0.5), 5.5)
        cut = self.cut
        if self.threshold is None:
            share = (score - 0.5) / 5
            return cut + (1 - cut) * share if high else cut * share
        # Scores fill bands a point wide; the line lies between the bands either side.
        boundary = min(max(self.threshold - 0.5, 0.5), 4.5)
        if score < boundary:
            return cut * (score - 0.5) / (boundary - 0.5)
        return cut + (1 - cut) * (score - boundary) / (5.5 - boundary)


@attrs.frozen
class _Board:
    """The board's geometry for one report: the two axes and the quadrants' areas."""

    importance: _Axis
    ease: _Axis

    @property
    def centre(self) -> tuple[float, float]:
        """Where the two threshold lines cross."""
        return (
            BOARD.x + self.ease.cut * BOARD.width,
            BOARD.bottom - self.importance.cut * BOARD.height,
        )

    def area(self, quadrant: Quadrant) -> Box:
        """The quadrant's part of the board."""
        cx, cy = self.centre
        left, top = quadrant in _LEFT, quadrant in _TOP
        x0, x1 = (BOARD.x, cx) if left else (cx, BOARD.right)
        y0, y1 = (BOARD.y, cy) if top else (cy, BOARD.bottom)
        return Box(x0, y0, x1 - x0, y1 - y0)

    def point(self, placement: Placement) -> tuple[float, float]:
        """The placement's scores as a point on the page."""
        quadrant = placement.quadrant
        x = self.ease.fraction(placement.ease, high=quadrant not in _LEFT)
        y = self.importance.fraction(placement.importance, high=quadrant in _TOP)
        return BOARD.x + x * BOARD.width, BOARD.bottom - y * BOARD.height


def _geometry(report: Report) -> _Board:
    thresholds = report.prioritisation.thresholds
    if thresholds is None:
        return _Board(_Axis(None), _Axis(None))
    importance, ease = thresholds
    return _Board(_Axis(importance), _Axis(ease))


def _axes(report: Report, geometry: _Board) -> Iterator[str]:
    """Axis titles, level words, score ticks (matrix rule) and the threshold lines."""
    language = report.language
    yield '<g class="axes">'
    middle_y = BOARD.y + BOARD.height / 2
    yield _text(
        10,
        middle_y,
        label("axis.importance", language),
        AXIS_FONT,
        **{
            "text-anchor": "middle",
            "font-weight": "bold",
            "transform": f"rotate(-90 10 {_number(middle_y)})",
            "class": "axis-title",
        },
    )
    end = {"text-anchor": "end", "class": "level"}
    yield _text(BOARD.x - 2, BOARD.y + LEVEL_FONT, label("level.high", language), LEVEL_FONT, **end)
    yield _text(BOARD.x - 2, BOARD.bottom - 1, label("level.low", language), LEVEL_FONT, **end)
    level_y = BOARD.bottom + 11
    yield _text(BOARD.x, level_y, label("level.hard", language), LEVEL_FONT, **{"class": "level"})
    yield _text(BOARD.right, level_y, label("level.easy", language), LEVEL_FONT, **end)
    yield _text(
        BOARD.x + BOARD.width / 2,
        BOARD.bottom + 19,
        label("axis.ease", language),
        AXIS_FONT,
        **{"text-anchor": "middle", "font-weight": "bold", "class": "axis-title"},
    )
    if report.prioritisation.thresholds is not None:
        yield from _ticks(geometry)
    cx, cy = geometry.centre
    line: dict[str, Attribute] = {"stroke": LINE_COLOUR, "stroke-width": 0.8, "class": "threshold"}
    yield _element("line", {"x1": cx, "y1": BOARD.y, "x2": cx, "y2": BOARD.bottom, **line})
    yield _element("line", {"x1": BOARD.x, "y1": cy, "x2": BOARD.right, "y2": cy, **line})
    yield _element(
        "rect",
        {
            **BOARD_ATTRIBUTES,
            "fill": "none",
            "stroke": LINE_COLOUR,
            "stroke-width": 0.5,
            "class": "board",
        },
    )
    yield "</g>"


BOARD_ATTRIBUTES: dict[str, Attribute] = {
    "x": BOARD.x,
    "y": BOARD.y,
    "width": BOARD.width,
    "height": BOARD.height,
}


def _ticks(geometry: _Board) -> Iterator[str]:
    """The scores 1–5 along both axes, where the matrix rule puts them."""
    tick: dict[str, Attribute] = {"stroke": LINE_COLOUR, "stroke-width": 0.3}
    for score in range(1, 6):
        x = BOARD.x + geometry.ease.fraction(score, high=True) * BOARD.width
        yield _element(
            "line", {"x1": x, "y1": BOARD.bottom, "x2": x, "y2": BOARD.bottom + 1.5, **tick}
        )
        yield _text(
            x,
            BOARD.bottom + 4.6,
            str(score),
            TICK_FONT,
            **{"text-anchor": "middle", "class": "tick"},
        )
        y = BOARD.bottom - geometry.importance.fraction(score, high=True) * BOARD.height
        yield _element("line", {"x1": BOARD.x - 1.5, "y1": y, "x2": BOARD.x, "y2": y, **tick})
        yield _text(
            BOARD.x - 2.5,
            y + TICK_FONT * 0.35,
            str(score),
            TICK_FONT,
            **{"text-anchor": "end", "class": "tick"},
        )


# -- the quadrants and their post-its ------------------------------------------------------


@attrs.frozen
class _Quadrant:
    """One quadrant laid out: its area, its name's lines and its post-its' arrangement."""

    quadrant: Quadrant
    area: Box
    name_lines: tuple[str, ...]
    placements: tuple[Placement, ...]
    arrangement: Arrangement
    count: int


def _lay_out(report: Report, geometry: _Board) -> list[_Quadrant]:
    """Every quadrant's name and post-its, placed."""
    language = report.language
    by_quadrant: dict[Quadrant, list[Placement]] = {quadrant: [] for quadrant in Quadrant}
    for placement in report.prioritisation:
        by_quadrant[placement.quadrant].append(placement)
    laid_out = []
    for quadrant, placements in by_quadrant.items():
        area = geometry.area(quadrant)
        inner = Box(area.x + PAD, area.y + PAD, area.width - 2 * PAD, area.height - 2 * PAD)
        name = label(f"quadrant.{quadrant.value}", language)
        lines = tuple(wrap(name, [inner.width / 1.1] * 3, NAME_FONT))
        strip = len(lines) * LINE_HEIGHT * NAME_FONT + 1.2
        top = quadrant in _TOP
        region = Box(
            inner.x,
            inner.y + strip if top else inner.y,
            inner.width,
            max(inner.height - strip, 0),
        )
        # Only those that can be shown are placed; the rest are counted.
        arrangement = arrange(
            [geometry.point(p) for p in placements[: _most(region)]],
            region,
            note_height=NOTE_FONT * LINE_HEIGHT + 0.8,
            note_side="top" if top else "bottom",
        )
        hidden = arrangement.hidden + max(len(placements) - _most(region), 0)
        laid_out.append(
            _Quadrant(
                quadrant,
                area,
                lines,
                tuple(placements[: len(arrangement.boxes)]),
                attrs.evolve(arrangement, hidden=hidden),
                len(placements),
            )
        )
    return laid_out


def _most(region: Box) -> int:
    """More than can ever be shown in ``region``: the smallest post-its on a grid of halves."""
    smallest = SIZES[-1]
    columns = int(region.width / smallest.width * 2) + 2
    return columns * (int(region.height / smallest.height * 2) + 2)


def _quadrant(report: Report, part: _Quadrant) -> Iterator[str]:
    language, quadrant, area = report.language, part.quadrant, part.area
    background = COLOURS[quadrant][2]
    yield (
        f'<g class="quadrant" data-quadrant="{quadrant.value}">'
        + _element(
            "rect",
            {
                "class": "area",
                "x": area.x,
                "y": area.y,
                "width": area.width,
                "height": area.height,
                "fill": background,
            },
        )
    )
    left, top = quadrant in _LEFT, quadrant in _TOP
    x = area.x + PAD if left else area.right - PAD
    anchor: dict[str, Attribute] = {"text-anchor": "start" if left else "end"}
    step = LINE_HEIGHT * NAME_FONT
    first = (
        area.y + PAD + 0.95 * NAME_FONT
        if top
        else area.bottom - PAD - 0.3 * NAME_FONT - (len(part.name_lines) - 1) * step
    )
    for index, line in enumerate(part.name_lines):
        yield _text(
            x,
            first + index * step,
            line,
            NAME_FONT,
            **{"font-weight": "bold", "class": "quadrant-name", **anchor},
        )
    arrangement = part.arrangement
    for placement, box in zip(part.placements, arrangement.boxes, strict=True):
        yield _postit(placement, box, arrangement.size.font, language)
    if arrangement.hidden:
        note = arrangement.note or Box(area.x + PAD, area.y + PAD, area.width - 2 * PAD, 4)
        more = label("matrix.more", language, count=arrangement.hidden)
        yield _text(
            x,
            note.y + 0.95 * NOTE_FONT + 0.4,
            more,
            NOTE_FONT,
            **{"class": "more", "font-style": "italic", **anchor},
        )
    if not part.count:
        yield _text(
            area.x + area.width / 2,
            area.y + area.height / 2,
            label("matrix.empty", language),
            NOTE_FONT,
            **{"class": "empty", "text-anchor": "middle", "fill": MUTED_COLOUR},
        )
    yield "</g>"


def _postit(placement: Placement, box: Box, font: float, language: Language) -> str:
    """One post-it: a tooltip, the paper, the rank in bold and the name, wrapped and cut."""
    padding = 0.5 * font
    paper, border, _ = COLOURS[placement.quadrant]
    title = label(
        "svg.postit",
        language,
        rank=placement.rank,
        name=clean(placement.partner.name),
        quadrant=label(f"quadrant.{placement.quadrant.value}", language),
        importance=format_number(placement.importance, language),
        ease=format_number(placement.ease, language),
    )
    classes = "postit"
    rect: dict[str, Attribute] = {
        "x": box.x,
        "y": box.y,
        "width": box.width,
        "height": box.height,
        "rx": 0.6,
        "fill": paper,
        "stroke": border,
        "stroke-width": 0.3,
    }
    parts = []
    width = box.width - 2 * padding
    rank = f"{placement.rank}."
    rank_width = text_width(rank, font, bold=True)
    first_width = width - rank_width - text_width(" ", font)
    if placement.disagreement:
        classes += " disagreement"
        title += " " + label("svg.disagreement", language)
        rect.update({"stroke": TEXT_COLOUR, "stroke-width": 0.5, "stroke-dasharray": "1.6 0.9"})
        radius = 0.55 * font
        cx, cy = box.right - padding - radius, box.y + padding + radius
        first_width -= 2 * radius + 0.5
        parts.append(_element("circle", {"cx": cx, "cy": cy, "r": radius, "fill": BADGE_COLOUR}))
        parts.append(
            _text(
                cx,
                cy + 0.35 * font,
                "!",
                font,
                **{"text-anchor": "middle", "font-weight": "bold", "fill": "#ffffff"},
            )
        )
    lines = wrap(clean(placement.partner.name), [first_width, width, width], font)
    x = box.x + padding
    baseline = box.y + padding + 0.95 * font
    head = f'<tspan font-weight="bold">{_escape(rank)}</tspan>'
    first = f" {_escape(lines[0])}" if lines else ""
    parts.insert(
        0,
        _element(
            "text",
            {
                "x": x,
                "y": baseline,
                "font-size": font,
                "fill": TEXT_COLOUR,
                **_fit(f" {lines[0]}" if lines else "", font, extra=rank_width),
            },
            head + first,
        ),
    )
    parts[1:1] = [
        _text(x, baseline + index * LINE_HEIGHT * font, line, font)
        for index, line in enumerate(lines[1:], start=1)
    ]
    return (
        f'<g class="{classes}" data-rank="{placement.rank}">'
        f"<title>{_escape(title)}</title>{_element('rect', rect)}{''.join(parts)}</g>"
    )


# -- the legend ----------------------------------------------------------------------------


def _legend(report: Report, parts: Sequence[_Quadrant]) -> Iterator[str]:
    """What the colours, the marker and the numbers mean, the rule, and what is left out."""
    language, font = report.language, LEGEND_FONT
    step = LINE_HEIGHT * font
    x, y = LEGEND.x, LEGEND.y + 0.95 * 4.2
    yield '<g class="legend">'
    yield _text(x, y, label("svg.legend", language), 4.2, **{"font-weight": "bold"})
    y += 4.2

    def paragraph(text: str, indent: float = 0.0) -> Iterator[str]:
        nonlocal y
        lines = wrap(text, [LEGEND.width - indent] * 8, font)
        for index, line in enumerate(lines):
            yield _text(x + indent, y + 0.95 * font + index * step, line, font)
        y += len(lines) * step + 1.6

    counts = {part.quadrant: part.count for part in parts}
    for quadrant in Quadrant:
        paper, border, _ = COLOURS[quadrant]
        yield _element(
            "rect",
            {
                "x": x,
                "y": y + 0.2,
                "width": 7,
                "height": 4.2,
                "fill": paper,
                "stroke": border,
                "stroke-width": 0.3,
                "class": "swatch",
            },
        )
        name = label(f"quadrant.{quadrant.value}", language)
        yield from paragraph(
            label("svg.quadrant_count", language, quadrant=name, count=counts[quadrant]), 9
        )
    y += 1.0
    sample = Box(x, y, 9, 6)
    yield _element(
        "rect",
        {
            "x": sample.x,
            "y": sample.y,
            "width": sample.width,
            "height": sample.height,
            "rx": 0.6,
            "fill": "#ffffff",
            "stroke": LINE_COLOUR,
            "stroke-width": 0.3,
        },
    )
    yield _text(x + 1, y + 4.2, "12.", font, **{"font-weight": "bold"})
    yield from paragraph(label("svg.rank_legend", language), 11)
    y = max(y, sample.bottom + 1.6)
    yield _element(
        "rect",
        {
            "x": x,
            "y": y,
            "width": 9,
            "height": 6,
            "rx": 0.6,
            "fill": "#ffffff",
            "stroke": TEXT_COLOUR,
            "stroke-width": 0.5,
            "stroke-dasharray": "1.6 0.9",
        },
    )
    yield _element("circle", {"cx": x + 6.2, "cy": y + 2.8, "r": 1.8, "fill": BADGE_COLOUR})
    yield _text(
        x + 6.2,
        y + 2.8 + 0.35 * font,
        "!",
        font,
        **{"text-anchor": "middle", "font-weight": "bold", "fill": "#ffffff"},
    )
    start = y
    yield from paragraph(label("svg.disagreement_legend", language), 11)
    y = max(y, start + 6 + 1.6)
    yield from paragraph(label("svg.position_legend", language))
    yield from paragraph(_rule(report))
    if not len(report.prioritisation):
        yield from paragraph(label("matrix.no_partners", language))
    hidden = sum(part.arrangement.hidden for part in parts)
    if hidden:
        yield from paragraph(label("svg.hidden", language, count=hidden))
    made = label("report.generated_by", language)
    if report.generated is not None:
        made += f" {civsam.__version__}, {report.generated.date().isoformat()}"
    yield _text(x, LEGEND.bottom - 1, made, 2.8, **{"fill": MUTED_COLOUR, "class": "generated"})
    yield "</g>"


def _rule(report: Report) -> str:
    prio, language = report.prioritisation, report.language
    if prio.thresholds is None:
        return label("matrix.rule_other", language, rule=clean(prio.rule))
    importance, ease = prio.thresholds
    return label(
        "matrix.rule",
        language,
        rule=prio.rule,
        importance=format_number(importance, language),
        ease=format_number(ease, language),
    )


# -- the page ------------------------------------------------------------------------------


def _root(language: Language) -> str:
    """The ``<svg>`` start tag: the same for every board in a language."""
    values: dict[str, Attribute] = {
        "xmlns": "http://www.w3.org/2000/svg",
        "width": "420mm",
        "height": "297mm",
        "viewBox": "0 0 420 297",
        "role": "img",
        "aria-labelledby": "civsam-board-title civsam-board-desc",
        "xml:lang": language.value,
        "font-family": FONT_FAMILY,
        "class": "civsam-board",
    }
    return f"<svg{_attributes(values)}>"


def board(report: Report, *, standalone: bool = True) -> str:
    """The board as SVG text: a file of its own, or (``standalone=False``) to inline in HTML."""
    language = report.language
    geometry = _geometry(report)
    parts = _lay_out(report, geometry)
    title = label("matrix.title", language, project=clean(report.project.name))
    counts = "; ".join(
        label(
            "svg.quadrant_count",
            language,
            quadrant=label(f"quadrant.{part.quadrant.value}", language),
            count=part.count,
        )
        for part in parts
    )
    desc = label("svg.desc", language, count=len(report.prioritisation), counts=counts)
    lines = [
        _root(language),
        f'<title id="civsam-board-title">{_escape(title)}</title>',
        f'<desc id="civsam-board-desc">{_escape(desc)}</desc>',
        _element(
            "rect",
            {
                "x": 0,
                "y": 0,
                "width": PAGE.width,
                "height": PAGE.height,
                "fill": "#ffffff",
                "class": "page",
            },
        ),
        _text(
            10,
            15,
            wrap(title, [PAGE.width - 20], TITLE_FONT * 1.1)[0],
            TITLE_FONT,
            **{"font-weight": "bold", "class": "heading"},
        ),
    ]
    for part in parts:
        lines.extend(_quadrant(report, part))
    lines.extend(_axes(report, geometry))
    lines.extend(_legend(report, parts))
    lines.append("</svg>")
    body = "\n".join(lines) + "\n"
    return f"{XML_DECLARATION}\n{body}" if standalone else body


_RECOGNISED = tuple(f"{XML_DECLARATION}\n{_root(language)}\n".encode() for language in Language)
"""How a board's file begins, in each language."""


@attrs.frozen
class SvgExporter:
    """The priority board as an SVG page: A3 landscape, prints on A4 scaled to fit."""

    name: str = "svg"
    suffix: str = ".svg"
    media_type: str = "image/svg+xml"

    def export(self, report: Report, out: BinaryIO) -> None:
        """Write the board, UTF-8 without a byte-order mark, LF line endings."""
        out.write(board(report).encode("utf-8"))

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` begins a board civsam wrote, in either language.

        Its XML declaration and ``<svg>`` start tag (``class="civsam-board"``) are the same
        in every board; a drawing saved again by an editor such as Inkscape is not taken
        for one.
        """
        return data.startswith(_RECOGNISED)


SVG = SvgExporter()


@hookimpl
def civsam_exporters() -> list[SvgExporter]:
    """The priority board as SVG."""
    return [SVG]
