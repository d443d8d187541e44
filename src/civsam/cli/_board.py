"""The priority matrix drawn in a terminal: four boxes, 80 columns, readable at any size.

Laid out as in the guide: importance for success up the side (high on top), ease of
collaboration along the bottom (hard on the left). Each box lists its partners in rank
order; a large box shows its first few and how many more there are.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterable

from civsam.explain import format_number
from civsam.labels import label
from civsam.model import Language, Quadrant
from civsam.prioritisation import Placement, Prioritisation, Shift

__all__ = ["draw_board", "draw_sensitivity"]

WIDTH = 80
_SIDE = 5  # "Høj  " / "Lav  " before the boxes
_CELL = (WIDTH - _SIDE - 3) // 2  # two boxes and three borders fill the line


def _columns(char: str) -> int:
    """Columns one character takes in a terminal: wide 2, combining marks 0, others 1."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def _width(text: str) -> int:
    """Columns a text takes in a terminal: wide characters 2, combining marks 0."""
    return sum(map(_columns, text))


def _fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` columns (with "…"), then pad it to exactly that width.

    The cut keeps the longest start of the text that leaves a column for the "…",
    found in one pass: a 20,000-character name costs what it is long, not its square.
    """
    text = "".join(" " if char.isspace() else char for char in text)  # one line per entry
    used = _width(text)
    if used > width:
        used, end = 0, 0
        for end, char in enumerate(text):  # noqa: B007 - end is the cut after the loop
            if used + _columns(char) > width - 1:
                break
            used += _columns(char)
        text = text[:end] + "…"
        used += 1
    return text + " " * (width - used)


def _entry(placement: Placement, language: Language, rank_width: int) -> str:
    flag = "!" if placement.disagreement else " "
    scores = (
        f"{format_number(placement.importance, language)}/{format_number(placement.ease, language)}"
    )
    # flag, rank, ". ", name, " ", scores, " ": exactly one box wide
    name = _fit(placement.partner.name, _CELL - 5 - rank_width - len(scores))
    return f"{flag}{placement.rank:>{rank_width}}. {name} {scores} "


def _box(prio: Prioritisation, quadrant: Quadrant, language: Language, top: int) -> list[str]:
    placements = prio.quadrant(quadrant)
    title = f"{label(f'quadrant.{quadrant.value}', language)} ({len(placements)})"
    lines = [_fit(" " + part, _CELL) for part in textwrap.wrap(title, _CELL - 2)]
    rank_width = max(4, len(str(len(prio))))
    lines.extend(_entry(p, language, rank_width) for p in placements[:top])
    if len(placements) > top:
        more = label("matrix.more", language, count=len(placements) - top)
        lines.append(_fit("       " + more, _CELL))
    if not placements:
        lines.append(_fit("       " + label("matrix.empty", language), _CELL))
    return lines


def _pair(left: list[str], right: list[str], side: str) -> list[str]:
    height = max(len(left), len(right))
    blank = " " * _CELL
    left = left + [blank] * (height - len(left))
    right = right + [blank] * (height - len(right))
    sides = [_fit(side, _SIDE)] + [" " * _SIDE] * (height - 1)
    return [f"{s}│{a}│{b}│" for s, a, b in zip(sides, left, right, strict=True)]


def draw_board(prio: Prioritisation, *, project_name: str, language: Language, top: int = 8) -> str:
    """The board as text lines no wider than 80 columns."""
    lines = [_fit(label("matrix.title", language, project=project_name), WIDTH).rstrip()]
    if prio.thresholds is not None:
        importance, ease = prio.thresholds
        lines.append(
            label(
                "matrix.rule",
                language,
                rule=prio.rule,
                importance=format_number(importance, language),
                ease=format_number(ease, language),
            )
        )
    else:
        lines.append(label("matrix.rule_other", language, rule=prio.rule))
    if len(prio) == 0:
        lines.append(label("matrix.no_partners", language))
        return "\n".join(lines) + "\n"
    hard, easy = label("level.hard", language), label("level.easy", language)
    axis = label("axis.ease", language)
    header = " " * (_SIDE + 1) + _fit(hard, _CELL + 1) + easy
    lines.append(_fit(label("axis.importance", language), WIDTH).rstrip())
    lines.append(header.rstrip())
    border = "─" * _CELL
    lines.append(" " * _SIDE + f"┌{border}┬{border}┐")
    lines.extend(
        _pair(
            _box(prio, Quadrant.DISCUSS, language, top),
            _box(prio, Quadrant.START_HERE, language, top),
            label("level.high", language),
        )
    )
    lines.append(" " * _SIDE + f"├{border}┼{border}┤")
    lines.extend(
        _pair(
            _box(prio, Quadrant.NOT_WORTH_IT, language, top),
            _box(prio, Quadrant.NOT_NOW, language, top),
            label("level.low", language),
        )
    )
    lines.append(" " * _SIDE + f"└{border}┴{border}┘")
    lines.append(" " * _SIDE + _fit(axis, WIDTH - _SIDE).rstrip())
    lines.append(label("matrix.scores_legend", language))
    if any(p.disagreement for p in prio):
        lines.append(label("matrix.disagreement_legend", language))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def draw_sensitivity(shifts: Iterable[Shift], prio: Prioritisation, *, language: Language) -> str:
    """Who would move if a threshold moved by one step, one line each."""
    lines = [label("matrix.sensitivity_title", language)]
    found = False
    for shift in shifts:
        found = True
        text = label(
            f"matrix.shift_{shift.axis}",
            language,
            partner=prio[shift.partner].partner.name,
            before=label(f"quadrant_short.{shift.before.value}", language),
            after=label(f"quadrant_short.{shift.after.value}", language),
            threshold=format_number(shift.threshold, language),
        )
        lines.extend(textwrap.wrap(text, WIDTH, initial_indent="  ", subsequent_indent="    "))
    if not found:
        lines.append("  " + label("matrix.sensitivity_none", language))
    return "\n".join(lines) + "\n"
