"""Turn language-free reasons into sentences, in Danish or English, from the catalogue."""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable

from civsam.labels import label
from civsam.model import Language, Quadrant, RelationKind
from civsam.rules import Reason
from civsam.scores import Score, ScoreSource

__all__ = ["format_number", "render", "score_reason"]


def format_number(value: float, language: Language | str) -> str:
    """``4`` for whole numbers, else one decimal with the language's decimal mark."""
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.1f}"
    return text.replace(".", ",") if Language(language) is Language.DA else text


def _value(value: object, language: Language) -> str:  # noqa: PLR0911 - one per kind
    if isinstance(value, bool):
        return label("value.yes" if value else "value.no", language)
    if isinstance(value, int | float):
        return format_number(value, language)
    if isinstance(value, Quadrant):
        return label(f"quadrant.{value.value}", language)
    if isinstance(value, RelationKind):
        return label(f"relation_kind.{value.value}", language)
    if isinstance(value, Score):
        return _factors(value, language)
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _factors(score: Score, language: Language) -> str:
    """What a derived score is made of: "grundværdi 1; kendt kontaktperson +1"."""
    parts = []
    for factor in score.factors:
        detail = factor.detail
        if factor.name == "relation":
            detail = label(f"relation_kind.{detail}", language)
        amount = format_number(factor.amount, language)
        if factor.amount > 0 and factor.name not in {"base", "unknown", "target_groups"}:
            amount = "+" + amount
        parts.append(label(f"factor.{factor.name}", language, amount=amount, detail=detail))
    return "; ".join(parts)


def render(reasons: Iterable[Reason | str], language: Language | str) -> tuple[str, ...]:
    """Each reason as a sentence in ``language``; plain texts from rules pass through."""
    lang = Language(language)
    return tuple(
        reason if isinstance(reason, str) else _sentence(reason, lang) for reason in reasons
    )


_PLAIN_VALUES = frozenset({int, float, str, Quadrant, RelationKind})
"""Value types whose sentence depends on the type and value alone: those are remembered."""


def _sentence(reason: Reason, language: Language) -> str:
    values = reason.values
    if all(type(value) in _PLAIN_VALUES for _, value in values):
        # Most reasons repeat ("importance 5, set by hand"): a national register's
        # 100,000 placements say a few dozen different things besides their ranks.
        # The types are part of the key: 1, 1.0 and True are equal, but read differently.
        typed = tuple((name, type(value), value) for name, value in values)
        return _remembered_sentence(reason.key, typed, language)
    return _fill(reason.key, values, language)


@functools.lru_cache(maxsize=1024)
def _remembered_sentence(
    key: str, typed: tuple[tuple[str, type, object], ...], language: Language
) -> str:
    return _fill(key, tuple((name, value) for name, _, value in typed), language)


def _fill(key: str, values: tuple[tuple[str, object], ...], language: Language) -> str:
    return label(key, language, **{k: _value(v, language) for k, v in values})


def score_reason(axis: str, score: Score) -> Reason:
    """Where a score came from, as a reason (``axis`` is ``importance`` or ``ease``)."""
    if score.source is ScoreSource.HAND:
        return Reason.of(f"reason.{axis}_hand", score=score.value)
    if score.source is ScoreSource.RATERS:
        return Reason.of(
            f"reason.{axis}_raters",
            score=score.value,
            raters=score.raters,
            spread=score.spread or 0,
        )
    if score.source is ScoreSource.DEFAULT:
        return Reason.of(f"reason.{axis}_default", score=score.value)
    return Reason.of(
        f"reason.{axis}_derived",
        score=score.value,
        factors=score,
    )
