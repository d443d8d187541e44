"""How a project prioritises and plans: the rule, its thresholds, derived scores, time.

These live in the project file's ``[prioritisation]`` and ``[planning]`` tables, so a
team's choices travel with its data; every value has a documented default.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from civsam._checks import SCORE, Check, refused, to_tuple
from civsam._days import WorkingDays
from civsam._message import Text
from civsam.lifecycle import ContactKind
from civsam.model import PLANNABLE, Quadrant, RelationKind, is_plannable

__all__ = [
    "DEFAULT_CHECK_IN_WEEKS",
    "DEFAULT_CLOSED_PERIOD",
    "DEFAULT_RELATION_WEIGHTS",
    "GAP",
    "Derivation",
    "PlanSettings",
    "PrioritySettings",
]


def _is_threshold(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 1 <= value <= 5  # noqa: PLR2004 - the guide's scale
    )


def _is_weight(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_whole_at_least_zero(value: object) -> bool:
    return type(value) is int and value >= 0


THRESHOLD = Check(Text("settings.threshold"), _is_threshold)
WEIGHT = Check(Text("settings.finite"), _is_weight)
YEARS = Check(Text("settings.years"), _is_whole_at_least_zero)
SPREAD = Check(Text("settings.spread"), lambda v: type(v) is int and 1 <= v <= 4)  # noqa: PLR2004

DEFAULT_RELATION_WEIGHTS: Mapping[RelationKind, float] = MappingProxyType(
    {
        RelationKind.PARTNERSHIP: 2.0,
        RelationKind.CO_CREATION: 2.0,
        RelationKind.RESOURCE_SHARING: 2.0,
        RelationKind.PREVIOUS_PROJECT: 2.0,
        RelationKind.BRIDGE_BUILDING: 1.0,
        RelationKind.ACQUAINTANCE: 1.0,
    }
)
"""How much a direct relation of each kind adds to a derived ease."""


def _weights(value: Mapping[Any, Any]) -> Mapping[RelationKind, float]:
    weights = dict(DEFAULT_RELATION_WEIGHTS)
    weights.update({RelationKind(kind): weight for kind, weight in value.items()})
    return MappingProxyType(weights)


def _check_weights(
    instance: object, attribute: attrs.Attribute[Any], value: Mapping[RelationKind, float]
) -> None:
    for kind, weight in value.items():
        if not _is_weight(weight):
            raise refused(instance, attribute, WEIGHT.expected, repr(weight), key=kind)


def _number(**kwargs: Any) -> Any:
    check: Check = kwargs.pop("check", WEIGHT)
    return attrs.field(validator=check, metadata=check.metadata, **kwargs)


@attrs.frozen(slots=True)
class Derivation:
    """How civsam proposes a score the assessment leaves out. Hand-set scores always win.

    **Importance** comes from the overlap of target groups: the share of the project's
    target groups the partner also serves, ``1 + 4 × share`` rounded (all of them: 5;
    none: 1). When either side lists no target groups, importance is
    ``unknown_importance``.

    **Ease** starts at ``ease_base`` and adds up what makes contact easier:

    - the strongest direct relation between owner and partner, weighted by kind
      (``relation_weights``) and by how recent it is: full weight while it lasts or
      within ``recent_years`` of its end, half weight up to ``stale_years``, none after;
    - ``contact`` when a contact person is known;
    - ``second_degree`` when there is no direct relation but the owner knows someone
      who knows the partner (distance 2 in the network);
    - ``challenges`` (a negative number) when challenges are noted.

    The sum is rounded and kept within 1–5.
    """

    ease_base: float = _number(default=1.0)
    relation_weights: Mapping[RelationKind, float] = attrs.field(
        default=DEFAULT_RELATION_WEIGHTS, converter=_weights, validator=_check_weights
    )
    recent_years: int = _number(default=2, check=YEARS)
    stale_years: int = _number(default=5, check=YEARS)
    contact: float = _number(default=1.0)
    second_degree: float = _number(default=1.0)
    challenges: float = _number(default=-1.0)
    unknown_importance: int = _number(default=3, check=SCORE)


_OPTION_DEPTH = 4
"""How deeply a rule's options may nest tables and lists: enough for any real setting."""


def _frozen_option(value: Any) -> Any:
    """An option value that no rule can change for the next one: tuples, read-only tables."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: _frozen_option(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_frozen_option(item) for item in value)
    return value


def _options(value: Mapping[str, Any]) -> Mapping[str, Any]:
    frozen: Mapping[str, Any] = _frozen_option(value)
    return frozen


def _is_option(value: object, depth: int = 0) -> bool:
    """Text, a number, true or false, or a list or table of them: what TOML and JSON share."""
    if depth > _OPTION_DEPTH:
        return False
    if isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, tuple):
        return all(_is_option(item, depth + 1) for item in value)
    if isinstance(value, Mapping):
        return all(
            isinstance(key, str) and _is_option(item, depth + 1) for key, item in value.items()
        )
    return False


def _check_options(
    instance: object, attribute: attrs.Attribute[Any], value: Mapping[str, Any]
) -> None:
    for key, item in value.items():
        if not _is_option(item):
            found = item.isoformat() if isinstance(item, dt.date | dt.time) else repr(item)
            raise refused(instance, attribute, Text("settings.option_value"), found[:60], key=key)


@attrs.frozen(slots=True)
class PrioritySettings:
    """The ``[prioritisation]`` table: which rule places partners, and its parameters.

    ``rule`` is ``"matrix"`` (the guide's 2×2 board, :class:`civsam.MatrixRule`) or the
    name of a rule a plugin provides. With the matrix, a score at or above
    ``importance_threshold`` counts as important and one at or above ``ease_threshold``
    as easy; the defaults, 4, make *høj* (5) and 4 high and *middel* (3) low. Raters
    disagree when their scores for a partner are ``disagreement_spread`` or more apart.
    ``options`` (the ``[prioritisation.options]`` table) configure the project's rule:
    a plugin rule reads them from its :class:`civsam.RuleContext`; the matrix has none.
    """

    rule: str = attrs.field(default="matrix", validator=attrs.validators.min_len(1))
    importance_threshold: float = _number(default=4, check=THRESHOLD)
    ease_threshold: float = _number(default=4, check=THRESHOLD)
    disagreement_spread: int = _number(default=2, check=SPREAD)
    derivation: Derivation = attrs.field(factory=Derivation)
    options: Mapping[str, Any] = attrs.field(
        factory=dict, converter=_options, validator=_check_options
    )


GAP = dt.timedelta(minutes=30)
"""The breathing space left between two timed meetings (first meetings, check-ins) on a day."""

DEFAULT_CLOSED_PERIOD = ("12-20", "01-01")
"""The Christmas holiday, 20 December to New Year's Day: nobody is there to meet."""

LONGEST_CLOSED_PERIOD = 42
"""Days: a yearly closed period longer than six weeks leaves too little of the year."""

DEFAULT_CHECK_IN_WEEKS: Mapping[Quadrant, int] = MappingProxyType(
    {
        Quadrant.START_HERE: 2,
        Quadrant.DISCUSS: 4,
        Quadrant.NOT_NOW: 13,
        Quadrant.NOT_WORTH_IT: 0,
    }
)
"""Weeks between check-ins per quadrant; 0 means no regular check-ins."""


def _whole(low: int, high: int | None = None) -> Check:
    above = (
        Text("settings.whole_at_least", low=low)
        if high is None
        else Text("settings.whole_range", low=low, high=high)
    )
    return Check(above, lambda v: type(v) is int and v >= low and (high is None or v <= high))


def _field(check: Check, default: Any) -> Any:
    return attrs.field(default=default, validator=check, metadata=check.metadata)


def _a_time(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not dt.time or value.tzinfo is not None or value.second or value.microsecond:
        raise refused(instance, attribute, Text("settings.time_in_minutes"), repr(value))


def _optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not dt.date:
        raise refused(
            instance, attribute, Text("model.date_such_as", example="2026-03-01"), repr(value)
        )
    if value is not None and not is_plannable(value):
        # 9999-12-31 would pass as a date and overflow the first plan made from it.
        raise refused(instance, attribute, PLANNABLE, repr(value))


def _weeks(value: Mapping[Any, Any]) -> Mapping[Quadrant, int]:
    if not isinstance(value, Mapping):
        raise TypeError(
            Text(
                "settings.weeks_per_quadrant",
                example="{'start_here': 2}",
                type=type(value).__name__,
            )
        )
    weeks = dict(DEFAULT_CHECK_IN_WEEKS)
    weeks.update({Quadrant(quadrant): count for quadrant, count in value.items()})
    return MappingProxyType(weeks)


def _check_weeks(
    instance: object, attribute: attrs.Attribute[Any], value: Mapping[Quadrant, int]
) -> None:
    for quadrant, count in value.items():
        if type(count) is not int or not 0 <= count <= 52:  # noqa: PLR2004 - a year
            raise refused(instance, attribute, Text("settings.weeks"), repr(count), key=quadrant)


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


_LEAP_YEAR = 2000
"""A year in which every day of the year exists (29 February included)."""


def day_of_year(text: object) -> tuple[int, int] | None:
    """``(month, day)`` from ``"MM-DD"``, or ``None`` when it names no day of every year."""
    if not isinstance(text, str) or len(text) != 5 or text[2] != "-":  # noqa: PLR2004 - MM-DD
        return None
    month, day = text[:2], text[3:]
    if not (month.isdigit() and day.isdigit() and month.isascii() and day.isascii()):
        return None
    try:
        dt.date(_LEAP_YEAR - 1, int(month), int(day))  # 29 February is not in every year
    except ValueError:
        return None
    return int(month), int(day)


def period_days(first: tuple[int, int], last: tuple[int, int]) -> int:
    """How many days a yearly period from ``first`` to ``last`` (inclusive) spans."""
    begin = dt.date(_LEAP_YEAR - 1, *first)
    end = dt.date(_LEAP_YEAR - 1 + (last < first), *last)
    return (end - begin).days + 1


def _check_period(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    if not value:
        return
    if len(value) != 2:  # noqa: PLR2004 - the first and the last day
        raise refused(instance, attribute, Text("settings.closed_period"), repr(value))
    days = []
    for index, text in enumerate(value):
        day = day_of_year(text)
        if day is None:
            raise refused(
                instance, attribute, Text("settings.closed_period_day"), repr(text), key=index
            )
        days.append(day)
    if period_days(days[0], days[1]) > LONGEST_CLOSED_PERIOD:
        raise refused(
            instance,
            attribute,
            Text("settings.closed_period_length", weeks=LONGEST_CLOSED_PERIOD // 7),
            repr(value),
        )


def _kinds(value: Any) -> tuple[Any, ...]:
    if isinstance(value, str):
        value = (value,)
    members = ContactKind._value2member_map_
    return tuple(members.get(kind, kind) if isinstance(kind, str) else kind for kind in value)


def _check_kinds(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]
) -> None:
    wrong = next((index for index, kind in enumerate(value) if type(kind) is not ContactKind), None)
    if wrong is None and len(set(value)) == len(value):
        return  # a valid value costs no text
    expected = Text("settings.contact_kinds", kinds=", ".join(kind.value for kind in ContactKind))
    if wrong is not None:
        raise refused(instance, attribute, expected, repr(value[wrong]), key=wrong)
    shown = repr(tuple(kind.value for kind in value if isinstance(kind, ContactKind)))
    raise refused(instance, attribute, expected, shown)


@attrs.frozen(slots=True)
class PlanSettings:
    """The ``[planning]`` table: how much time the owner has, and when.

    ``capacity`` is the most timed meetings a week, first meetings and check-ins
    together (the guide's realistic resources: what the team can keep up, not what it
    would like to): check-ins take their places first, since they keep running
    partnerships alive, and first meetings fill what is left, in rank order. No two
    meetings overlap, with half an hour (:data:`GAP`) between two on a day.
    First meetings last ``meeting_minutes``; the first of a day starts at
    ``meeting_time`` and the last ends by ``day_end``. ``check_in_weeks`` is the
    check-in interval per quadrant (0: none); check-ins last ``check_in_minutes`` and
    start at ``check_in_time`` or later, ending by ``day_end`` (or, when ``day_end`` is
    earlier, at ``check_in_time`` only). What counts as contact, and so restarts a
    partner's cadence, is ``contact_kinds``: touchpoints by kind, reviews and outreach
    steps, all by default. ``evaluation_weeks`` is the interval between evaluations of a
    running partnership (0: none); ``horizon_weeks`` how far ahead the plan reaches;
    ``reminder_days`` how many days before a first meeting the calendar reminds you to
    prepare (0: no reminder). Weekends and Danish public holidays are never used, nor,
    with ``optional_holidays``, 1 May, 5 June, 24 and 31 December, nor ``closed_days``,
    nor the yearly ``closed_period`` (first and last day as ``"MM-DD"``; by default
    20 December to 1 January, the days between Christmas and New Year when nobody is
    there; ``()`` for none). ``start`` is the first day to plan from (default: today).
    """

    start: dt.date | None = attrs.field(default=None, validator=_optional_date)
    capacity: int = _field(_whole(1, 40), 4)
    meeting_time: dt.time = attrs.field(default=dt.time(10, 0), validator=_a_time)
    meeting_minutes: int = _field(_whole(15, 240), 60)
    day_end: dt.time = attrs.field(default=dt.time(16, 0), validator=_a_time)
    check_in_weeks: Mapping[Quadrant, int] = attrs.field(
        default=DEFAULT_CHECK_IN_WEEKS, converter=_weeks, validator=_check_weeks
    )
    check_in_minutes: int = _field(_whole(5, 240), 30)
    check_in_time: dt.time = attrs.field(default=dt.time(9, 0), validator=_a_time)
    evaluation_weeks: int = _field(_whole(0, 104), 13)
    horizon_weeks: int = _field(_whole(1, 260), 52)
    reminder_days: int = _field(_whole(0, 30), 2)
    optional_holidays: bool = attrs.field(
        default=True, validator=attrs.validators.instance_of(bool)
    )
    closed_days: tuple[dt.date, ...] = attrs.field(default=(), converter=to_tuple)
    closed_period: tuple[str, ...] = attrs.field(
        default=DEFAULT_CLOSED_PERIOD, converter=to_tuple, validator=_check_period
    )
    contact_kinds: tuple[ContactKind, ...] = attrs.field(
        default=tuple(ContactKind), converter=_kinds, validator=_check_kinds
    )

    def __attrs_post_init__(self) -> None:
        if self.slots_per_day < 1:
            raise ValueError(
                Text(
                    "settings.day_end",
                    minutes=Text("settings.minutes", count=self.meeting_minutes),
                    start=f"{self.meeting_time:%H:%M}",
                    end=f"{self.day_end:%H:%M}",
                )
            )
        if _minutes(self.check_in_time) + self.check_in_minutes > 24 * 60:
            raise ValueError(
                Text(
                    "settings.check_in_time",
                    minutes=Text("settings.minutes", count=self.check_in_minutes),
                    time=f"{self.check_in_time:%H:%M}",
                )
            )
        for day in self.closed_days:
            if type(day) is not dt.date:
                raise refused(
                    self,
                    attrs.fields(PlanSettings).closed_days,
                    Text("settings.dates_such_as", example="2026-07-13"),
                    repr(day),
                )
            if not is_plannable(day):
                raise refused(self, attrs.fields(PlanSettings).closed_days, PLANNABLE, repr(day))

    @property
    def slots_per_day(self) -> int:
        """How many first meetings fit between ``meeting_time`` and ``day_end``."""
        room = _minutes(self.day_end) - _minutes(self.meeting_time) + GAP.seconds // 60
        return room // (self.meeting_minutes + GAP.seconds // 60)

    @property
    def working_days(self) -> WorkingDays:
        """The calendar of days that may hold meetings."""
        return WorkingDays(
            optional=self.optional_holidays,
            closed=self.closed_days,
            period=self.closed_days_of_year,
        )

    @property
    def closed_days_of_year(self) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The closed period's first and last day as ``(month, day)``; ``None`` if none."""
        if not self.closed_period:
            return None
        first, last = (day_of_year(day) or (1, 1) for day in self.closed_period)
        return first, last
