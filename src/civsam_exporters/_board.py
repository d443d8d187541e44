"""The priority board as SVG: the drawing the SVG exporter writes and the HTML page inlines.

Not an exporter: :mod:`civsam_exporters.svg` writes it as a page of its own and
:mod:`civsam_exporters.html` puts it inside its page, so both share this module, as
they share :mod:`civsam_exporters._layout`'s geometry. See :mod:`civsam_exporters.svg`
for what the board shows and how.

Text from the data is cleaned for HTML, the stricter of the two hosts
(:func:`civsam.toolkit.clean`), loses the bidirectional embeddings and overrides that
could turn a post-it's text around, and is kept on one line with single spaces.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType

import attrs

from civsam import Language, Paper, Quadrant, Report, format_number, label, toolkit
from civsam_exporters._layout import (
    LINE_HEIGHT,
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
    "HYPHENATION",
    "NAMES_HYPHENATION",
    "STARTS",
    "TEXT_COLOUR",
    "board",
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

PAD = 2.2
"""The margin inside a quadrant's area."""
TITLE_FONT, AXIS_FONT, LEVEL_FONT = 6.5, 4.4, 4.0
NAME_FONT, LEGEND_FONT, MADE_FONT = 4.2, 3.2, 2.8
"""Font sizes on A3; :attr:`_Page.scale` shrinks them on smaller paper."""
NOTE_FONT = 3.0
"""The "… and N more" note: the same on every paper, as the post-its are."""
ARROW_SIZE = 0.8
"""A moved post-it's arrow: the side of its square, as a multiple of its font size."""
HYPHENATION = {Language.DA: "da_DK", Language.EN: "en_GB"}
"""``pyphen``'s rules for civsam's own words in each language (legend, quadrant names)."""
NAMES_HYPHENATION = "da_DK"
"""Partners' names are Danish whatever the report's language."""

_TOP = (Quadrant.DISCUSS, Quadrant.START_HERE)
_LEFT = (Quadrant.DISCUSS, Quadrant.NOT_WORTH_IT)

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""The bidirectional embeddings and overrides, which could turn a post-it's text around."""


def clean(text: str) -> str:
    """Text from the data as one line that both XML and HTML hold (not yet escaped).

    No control characters or noncharacters (:func:`civsam.toolkit.clean`), no
    bidirectional overrides, and single spaces.
    """
    return " ".join(_BIDI.sub("", toolkit.clean(text)).split())


def _escape(text: str) -> str:
    """Text for XML character data or a double-quoted attribute value, in XML and HTML."""
    return toolkit.escape_attribute(clean(text))


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


# -- the page -----------------------------------------------------------------------------


@attrs.frozen
class _Page:
    """One paper's page (mm, landscape): where the board, its axes and the legend go.

    On A3 the board is 280 mm wide with an 84 mm legend to its right; a smaller paper
    scales the margins, the legend and the fonts around the board by :attr:`scale`.
    """

    width: float
    height: float

    @classmethod
    def of(cls, paper: Paper) -> _Page:
        """The page for ``paper``."""
        return cls(*paper.size)

    @property
    def scale(self) -> float:
        """How much smaller than on A3 the title, axes and legend are drawn."""
        return math.sqrt(self.height / 297)

    def font(self, size: float) -> float:
        """A font size given for A3, on this page."""
        return size * self.scale

    @property
    def box(self) -> Box:
        """The whole page."""
        return Box(0, 0, self.width, self.height)

    @property
    def legend(self) -> Box:
        """The legend's column at the right."""
        s = self.scale
        width = 84 * s
        return Box(self.width - 8 * s - width, 26 * s, width, self.height - 35 * s)

    @property
    def board(self) -> Box:
        """The four quadrants together; axes to the left and below, the legend to the right."""
        s = self.scale
        right = self.legend.x - 12 * s
        return Box(36 * s, 26 * s, right - 36 * s, self.height - 58 * s)

    @property
    def centre(self) -> tuple[float, float]:
        """Where the two threshold lines cross: the board's middle."""
        board = self.board
        return board.x + board.width / 2, board.y + board.height / 2

    def area(self, quadrant: Quadrant) -> Box:
        """The quadrant's part of the board."""
        board, (cx, cy) = self.board, self.centre
        left, top = quadrant in _LEFT, quadrant in _TOP
        x0, x1 = (board.x, cx) if left else (cx, board.right)
        y0, y1 = (board.y, cy) if top else (cy, board.bottom)
        return Box(x0, y0, x1 - x0, y1 - y0)


def _axes(report: Report, page: _Page) -> Iterator[str]:
    """Axis titles, level words and the threshold lines."""
    language, board, s = report.language, page.board, page.scale
    axis_font, level_font = page.font(AXIS_FONT), page.font(LEVEL_FONT)
    yield '<g class="axes">'
    middle_y = board.y + board.height / 2
    title_x = 10 * s
    yield _text(
        title_x,
        middle_y,
        label("axis.importance", language),
        axis_font,
        **{
            "text-anchor": "middle",
            "font-weight": "bold",
            "transform": f"rotate(-90 {_number(title_x)} {_number(middle_y)})",
            "class": "axis-title",
        },
    )
    end = {"text-anchor": "end", "class": "level"}
    level_x = board.x - 2 * s
    yield _text(level_x, board.y + level_font, label("level.high", language), level_font, **end)
    yield _text(level_x, board.bottom - s, label("level.low", language), level_font, **end)
    level_y = board.bottom + 6.5 * s
    hard = label("level.hard", language)
    yield _text(board.x, level_y, hard, level_font, **{"class": "level"})
    yield _text(board.right, level_y, label("level.easy", language), level_font, **end)
    yield _text(
        board.x + board.width / 2,
        board.bottom + 14.5 * s,
        label("axis.ease", language),
        axis_font,
        **{"text-anchor": "middle", "font-weight": "bold", "class": "axis-title"},
    )
    cx, cy = page.centre
    line: dict[str, Attribute] = {"stroke": LINE_COLOUR, "stroke-width": 0.8, "class": "threshold"}
    yield _element("line", {"x1": cx, "y1": board.y, "x2": cx, "y2": board.bottom, **line})
    yield _element("line", {"x1": board.x, "y1": cy, "x2": board.right, "y2": cy, **line})
    yield _element(
        "rect",
        {
            "x": board.x,
            "y": board.y,
            "width": board.width,
            "height": board.height,
            "fill": "none",
            "stroke": LINE_COLOUR,
            "stroke-width": 0.5,
            "class": "board",
        },
    )
    yield "</g>"


# -- the quadrants and their post-its ------------------------------------------------------


@attrs.frozen
class _Quadrant:
    """One quadrant laid out: its area, its name's lines and its post-its' arrangement."""

    quadrant: Quadrant
    area: Box
    name_lines: tuple[str, ...]
    placements: tuple[toolkit.Row, ...]
    arrangement: Arrangement
    count: int
    name_font: float


def _lay_out(report: Report, page: _Page) -> list[_Quadrant]:
    """Every quadrant's name and post-its, placed in rank order."""
    language = report.language
    name_font = page.font(NAME_FONT)
    laid_out = []
    for quadrant, placements in toolkit.quadrants(report).items():
        area = page.area(quadrant)
        inner = Box(area.x + PAD, area.y + PAD, area.width - 2 * PAD, area.height - 2 * PAD)
        name = label(f"quadrant.{quadrant.value}", language)
        lines = tuple(wrap(name, [inner.width / 1.1] * 3, name_font, hyphens=HYPHENATION[language]))
        strip = len(lines) * LINE_HEIGHT * name_font + 1.2
        top = quadrant in _TOP
        region = Box(
            inner.x,
            inner.y + strip if top else inner.y,
            inner.width,
            max(inner.height - strip, 0),
        )
        arrangement = arrange(
            len(placements),
            region,
            note_height=NOTE_FONT * LINE_HEIGHT + 0.8,
            note_side="top" if top else "bottom",
        )
        laid_out.append(
            _Quadrant(
                quadrant,
                area,
                lines,
                tuple(placements[: len(arrangement.boxes)]),
                arrangement,
                len(placements),
                name_font,
            )
        )
    return laid_out


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
    name_font = part.name_font
    step = LINE_HEIGHT * name_font
    first = (
        area.y + PAD + 0.95 * name_font
        if top
        else area.bottom - PAD - 0.3 * name_font - (len(part.name_lines) - 1) * step
    )
    for index, line in enumerate(part.name_lines):
        yield _text(
            x,
            first + index * step,
            line,
            name_font,
            **{"font-weight": "bold", "class": "quadrant-name", **anchor},
        )
    arrangement = part.arrangement
    for placement, box in zip(part.placements, arrangement.boxes, strict=True):
        moved = toolkit.movement(report, placement.id) if report.since is not None else None
        yield _postit(placement, box, arrangement.size.font, language, moved)
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


def _arrow(cx: float, cy: float, size: float, direction: tuple[int, int], width: float) -> str:
    """An arrow across a ``size`` square centred at (cx, cy), pointing ``direction``.

    ``direction`` is (ease, importance) as on the board: right and up positive. Drawn,
    not a font's arrow character, so it looks the same with any font and prints.
    """
    dx, dy = direction[0], -direction[1]  # up the board is up the page
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    half, head = 0.45 * size, 0.45 * size
    x0, y0, x1, y1 = cx - ux * half, cy - uy * half, cx + ux * half, cy + uy * half
    wings = []
    for turn in (0.7, -0.7):  # radians each side of the shaft, pointing back
        bx = -ux * math.cos(turn) + uy * math.sin(turn)
        by = -ux * math.sin(turn) - uy * math.cos(turn)
        wings.append((x1 + bx * head, y1 + by * head))
    (ax, ay), (bx, by) = wings
    path = (
        f"M{_number(x0)} {_number(y0)}L{_number(x1)} {_number(y1)}"
        f"M{_number(ax)} {_number(ay)}L{_number(x1)} {_number(y1)}L{_number(bx)} {_number(by)}"
    )
    return _element(
        "path",
        {
            "d": path,
            "fill": "none",
            "stroke": TEXT_COLOUR,
            "stroke-width": width,
            "stroke-linecap": "round",
            "stroke-linejoin": "round",
            "class": "arrow",
        },
    )


def _postit(
    placement: toolkit.Row,
    box: Box,
    font: float,
    language: Language,
    moved: toolkit.Movement | None = None,
) -> str:
    """One post-it: a tooltip, the paper, the rank in bold and the name, wrapped and cut.

    A post-it that ``moved`` since the report's ``since`` gives its last line to where it
    came from: an arrow the way it moved and "was: Discuss" (or "new").
    """
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
    if moved is not None:
        classes += " new" if moved.move.is_new else " moved"
        detail = moved.detail
        title += f" {detail[:1].upper()}{detail[1:]}."
    lines = wrap(
        clean(placement.partner.name),
        [first_width, width] if moved is not None else [first_width, width, width],
        font,
        hyphens=NAMES_HYPHENATION,
    )
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
    data = ""
    if moved is not None:
        parts.extend(_came_from(moved, x, baseline + 2 * LINE_HEIGHT * font, width, font))
        if moved.move.was is not None and moved.move.quadrant_changed:
            data = f' data-was="{moved.move.was.value}"'
    return (
        f'<g class="{classes}" data-rank="{placement.rank}"{data}>'
        f"<title>{_escape(title)}</title>{_element('rect', rect)}{''.join(parts)}</g>"
    )


def _came_from(
    moved: toolkit.Movement, x: float, baseline: float, width: float, font: float
) -> Iterator[str]:
    """A moved post-it's last line: an arrow the way it moved, then "was: Discuss"."""
    start = x
    if moved.direction != (0, 0):
        size = ARROW_SIZE * font
        yield _arrow(x + size / 2, baseline - 0.35 * font, size, moved.direction, 0.12 * font)
        start += size + 0.35 * font
    shown = wrap(clean(moved.short), [x + width - start], font, hyphens=None)
    if shown and shown[0]:
        yield _text(start, baseline, shown[0], font, **{"class": "was", "font-style": "italic"})


# -- the legend ----------------------------------------------------------------------------


def _paragraph(text: str, at: Box, page: _Page, language: Language) -> tuple[list[str], float]:
    """A legend's paragraph at ``at`` (its top left and width): its lines, and where it ends.

    At most eight lines, cut with "…"; the next paragraph begins a small gap below.
    """
    font = page.font(LEGEND_FONT)
    step = LINE_HEIGHT * font
    lines = wrap(text, [at.width] * 8, font, hyphens=HYPHENATION[language])
    drawn = [
        _text(at.x, at.y + 0.95 * font + index * step, line, font)
        for index, line in enumerate(lines)
    ]
    return drawn, at.y + len(lines) * step + 1.6 * page.scale


def _movement_legend(report: Report, page: _Page, at: Box, sample: Box) -> tuple[list[str], float]:
    """With ``since``: a sample arrow and what arrows and "was:" mean, and who left.

    ``at`` is where it begins (top left and the legend's width), ``sample`` the size of
    the legend's other samples; gives the drawing and where the next paragraph begins.
    """
    view, language, y = toolkit.movement_view(report), report.language, at.y
    if view is None or report.since is None:
        return [], y
    indent = sample.width + 2 * page.scale
    drawn = [
        _arrow(
            at.x + sample.width / 2,
            y + sample.height / 2,
            sample.height,
            (1, 1),
            0.12 * page.font(NAME_FONT),
        )
    ]
    text = label("movement.legend", language, since=report.since.isoformat())
    lines, end = _paragraph(text, Box(at.x + indent, y, at.width - indent, 0), page, language)
    drawn += lines
    y = max(end, y + sample.height + 1.6 * page.scale)
    left = [
        item.name
        for group in view.groups
        for item in group.items
        if item.movement.move.after is None
    ]
    if left:
        names = toolkit.Labels(language).listed(clean(name) for name in left)
        text = label("movement.legend_left", language, count=len(left), names=names)
        lines, y = _paragraph(text, Box(at.x, y, at.width, 0), page, language)
        drawn += lines
    return drawn, y


def _legend(report: Report, page: _Page, parts: Sequence[_Quadrant]) -> Iterator[str]:
    """What the colours, the marker, the numbers and the order mean, the rule, what is left out."""
    language, legend = report.language, page.legend
    font, heading = page.font(LEGEND_FONT), page.font(4.2)
    x, y = legend.x, legend.y + 0.95 * heading
    yield '<g class="legend">'
    yield _text(x, y, label("svg.legend", language), heading, **{"font-weight": "bold"})
    y += heading

    def paragraph(text: str, indent: float = 0.0) -> Iterator[str]:
        nonlocal y
        drawn, y = _paragraph(text, Box(x + indent, y, legend.width - indent, 0), page, language)
        yield from drawn

    counts = {part.quadrant: part.count for part in parts}
    swatch = (7 * page.scale, font * 1.3)
    indent = swatch[0] + 2 * page.scale
    for quadrant in Quadrant:
        paper, border, _ = COLOURS[quadrant]
        yield _element(
            "rect",
            {
                "x": x,
                "y": y + 0.2,
                "width": swatch[0],
                "height": swatch[1],
                "fill": paper,
                "stroke": border,
                "stroke-width": 0.3,
                "class": "swatch",
            },
        )
        name = label(f"quadrant.{quadrant.value}", language)
        yield from paragraph(
            label("svg.quadrant_count", language, quadrant=name, count=counts[quadrant]), indent
        )
    y += page.scale
    sample = Box(x, y, 9 * page.scale, 6 * page.scale)
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
    yield _text(x + page.scale, y + 4.2 * page.scale, "12.", font, **{"font-weight": "bold"})
    marker_indent = sample.width + 2 * page.scale
    yield from paragraph(label("svg.rank_legend", language), marker_indent)
    y = max(y, sample.bottom + 1.6 * page.scale)
    yield _element(
        "rect",
        {
            "x": x,
            "y": y,
            "width": sample.width,
            "height": sample.height,
            "rx": 0.6,
            "fill": "#ffffff",
            "stroke": TEXT_COLOUR,
            "stroke-width": 0.5,
            "stroke-dasharray": "1.6 0.9",
        },
    )
    radius, badge_x, badge_y = 0.3 * sample.height, x + 0.69 * sample.width, y + sample.height / 2
    yield _element("circle", {"cx": badge_x, "cy": badge_y, "r": radius, "fill": BADGE_COLOUR})
    yield _text(
        badge_x,
        badge_y + 0.35 * font,
        "!",
        font,
        **{"text-anchor": "middle", "font-weight": "bold", "fill": "#ffffff"},
    )
    start = y
    yield from paragraph(label("svg.disagreement_legend", language), marker_indent)
    y = max(y, start + sample.height + 1.6 * page.scale)
    drawn, y = _movement_legend(report, page, Box(x, y, legend.width, 0), sample)
    yield from drawn
    yield from paragraph(label("board.order_legend", language))
    yield from paragraph(_rule(report))
    if not len(report.prioritisation):
        yield from paragraph(label("matrix.no_partners", language))
    hidden = sum(part.arrangement.hidden for part in parts)
    if hidden:
        yield from paragraph(label("svg.hidden", language, count=hidden))
    yield _text(
        x,
        legend.bottom - page.scale,
        toolkit.made_with(report),
        page.font(MADE_FONT),
        **{"fill": MUTED_COLOUR, "class": "generated"},
    )
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


def _root(language: Language, page: _Page) -> str:
    """The ``<svg>`` start tag: the same for every board in a language on a paper."""
    values: dict[str, Attribute] = {
        "xmlns": "http://www.w3.org/2000/svg",
        "width": f"{_number(page.width)}mm",
        "height": f"{_number(page.height)}mm",
        "viewBox": f"0 0 {_number(page.width)} {_number(page.height)}",
        "role": "img",
        "aria-labelledby": "civsam-board-title civsam-board-desc",
        "xml:lang": language.value,
        "font-family": FONT_FAMILY,
        "class": "civsam-board",
    }
    return f"<svg{_attributes(values)}>"


def _print_style(page: _Page) -> str:
    """The page size and no margin for a browser's print, so nothing is cut off or scaled."""
    size = f"{_number(page.width)}mm {_number(page.height)}mm"
    return f"<style>@page {{ size: {size}; margin: 0; }}</style>"


def board(report: Report, *, standalone: bool = True) -> str:
    """The board as SVG text: a file of its own, or (``standalone=False``) to inline in HTML.

    The inline board leaves out the file's print style (``@page``), which would set the
    paper of the whole HTML page around it.
    """
    language = report.language
    page = _Page.of(report.paper)
    parts = _lay_out(report, page)
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
    if report.since is not None:
        moved = sum(move.quadrant_changed for move in report.moves.values())
        since = report.since.isoformat()
        desc += " " + label("movement.desc", language, count=moved, since=since)
    title_font = page.font(TITLE_FONT)
    lines = [
        _root(language, page),
        f'<title id="civsam-board-title">{_escape(title)}</title>',
        f'<desc id="civsam-board-desc">{_escape(desc)}</desc>',
        *([_print_style(page)] if standalone else []),
        _element(
            "rect",
            {
                "x": 0,
                "y": 0,
                "width": page.width,
                "height": page.height,
                "fill": "#ffffff",
                "class": "page",
            },
        ),
        _text(
            10 * page.scale,
            15 * page.scale,
            wrap(title, [page.width - 20 * page.scale], title_font * 1.1, hyphens=None)[0],
            title_font,
            **{"font-weight": "bold", "class": "heading"},
        ),
    ]
    for part in parts:
        lines.extend(_quadrant(report, part))
    lines.extend(_axes(report, page))
    lines.extend(_legend(report, page, parts))
    lines.append("</svg>")
    body = "\n".join(lines) + "\n"
    return f"{XML_DECLARATION}\n{body}" if standalone else body


STARTS = tuple(
    f"{XML_DECLARATION}\n{_root(language, _Page.of(paper))}\n".encode()
    for language, paper in itertools.product(Language, Paper)
)
"""How a standalone board's file begins, in each language on each paper."""
