"""The priority matrix drawn in a terminal: four boxes, 80 columns, readable at any size.

Laid out as in the guide: importance for success up the side (high on top), ease of
collaboration along the bottom (hard on the left). Each box lists its partners in rank
order; a large box shows its first few and how many more there are.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from civsam import Language, Placement, Prioritisation, Quadrant, Shift, format_number
from civsam.cli._columns import WIDTH, fit
from civsam.labels import label

__all__ = ["draw_board", "draw_sensitivity"]

_SIDE = 5  # "Høj  " / "Lav  " before the boxes
_CELL = (WIDTH - _SIDE - 3) // 2  # two boxes and three borders fill the line


def _entry(placement: Placement, language: Language, rank_width: int) -> str:
    flag = "!" if placement.disagreement else " "
    scores = (
        f"{format_number(placement.importance, language)}/{format_number(placement.ease, language)}"
    )
    # flag, rank, ". ", name, " ", scores, " ": exactly one box wide
    name = fit(placement.partner.name, _CELL - 5 - rank_width - len(scores))
    return f"{flag}{placement.rank:>{rank_width}}. {name} {scores} "


def _box(prio: Prioritisation, quadrant: Quadrant, language: Language, top: int) -> list[str]:
    placements = prio.quadrant(quadrant)
    title = f"{label(f'quadrant.{quadrant.value}', language)} ({len(placements)})"
    lines = [fit(" " + part, _CELL) for part in textwrap.wrap(title, _CELL - 2)]
    rank_width = max(4, len(str(len(prio))))
    lines.extend(_entry(p, language, rank_width) for p in placements[:top])
    if len(placements) > top:
        more = label("matrix.more", language, count=len(placements) - top)
        lines.append(fit("       " + more, _CELL))
    if not placements:
        lines.append(fit("       " + label("matrix.empty", language), _CELL))
    return lines


def _pair(left: list[str], right: list[str], side: str) -> list[str]:
    height = max(len(left), len(right))
    blank = " " * _CELL
    left = left + [blank] * (height - len(left))
    right = right + [blank] * (height - len(right))
    sides = [fit(side, _SIDE)] + [" " * _SIDE] * (height - 1)
    return [f"{s}│{a}│{b}│" for s, a, b in zip(sides, left, right, strict=True)]


def draw_board(prio: Prioritisation, *, project_name: str, language: Language, top: int = 8) -> str:
    """The board as text lines no wider than 80 columns."""
    lines = [fit(label("matrix.title", language, project=project_name), WIDTH).rstrip()]
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
    header = " " * (_SIDE + 1) + fit(hard, _CELL + 1) + easy
    lines.append(fit(label("axis.importance", language), WIDTH).rstrip())
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
    lines.append(" " * _SIDE + fit(axis, WIDTH - _SIDE).rstrip())
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
