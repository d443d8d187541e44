"""Hypothesis strategies that generate valid civsam values and whole projects."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

import attrs
from hypothesis import strategies as st

from civsam._checks import ANY_CONTROL, CONTROL
from civsam.model import (
    Assessment,
    Contact,
    Language,
    Organisation,
    OrgKind,
    Rating,
    Relation,
    RelationKind,
)
from civsam.project import Project
from civsam.settings import Derivation, PrioritySettings

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "assessments",
    "contacts",
    "identifiers",
    "names",
    "organisations",
    "priority_settings",
    "projects",
    "ratings",
    "relations",
    "texts",
]

# Text that has broken exporters and parsers before: markup, formulas, separators,
# quotes and escapes, Danish letters, emoji and combining marks.
_HOSTILE = (
    "|", "\\", "\\N", "C:\\Nye", '"', "'", ",", ";", ":", "\n", "\r\n", "\t", "<script>",
    "</td>", "&amp;", "=SUM(A1)", "+45 12 34 56 78", "-1", "@user", "`", "[x](javascript:a)",
    "*", "_", "#", "æøå ÆØÅ", "Ærø", "😀", "👩‍👩‍👧", "e\u0301", "\u00a0", "\u200b",
)  # fmt: skip


@functools.cache
def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Free text: hostile fragments mixed with any Unicode (no surrogates)."""
    fragment = st.one_of(st.sampled_from(_HOSTILE), st.text(max_size=8))
    hostile = st.lists(fragment, max_size=6).map("".join)
    # Cut to size rather than filter: filtering makes whole projects hard to generate.
    return (hostile | st.text(max_size=max_size)).map(lambda text: text[:max_size])


def _usable(text: str, prefix: str, control: re.Pattern[str] = CONTROL) -> str:
    """Make any text a valid name or id: no control characters, not blank."""
    cleaned = control.sub("", text)
    return cleaned if cleaned.strip() else prefix + cleaned


@functools.cache
def names() -> st.SearchStrategy[str]:
    """Names of organisations and people: non-empty, no control characters."""
    return texts().map(lambda text: _usable(text, "Navn"))


@functools.cache
def identifiers() -> st.SearchStrategy[str]:
    """Ids: mostly slugs such as civsam makes, sometimes any text the rules allow."""
    slug = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?", fullmatch=True)
    return slug | texts(max_size=16).map(lambda text: _usable(text, "id", ANY_CONTROL).strip())


def _optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy


@functools.cache
def contacts() -> st.SearchStrategy[Contact]:
    """Contact persons, with e-mail, phone and role sometimes set."""
    return st.builds(
        Contact,
        name=names(),
        email=_optional(st.emails() | texts()),
        phone=_optional(st.from_regex(r"\+45 \d\d \d\d \d\d \d\d", fullmatch=True) | texts()),
        role=_optional(texts()),
    )


def _target_groups() -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(names(), max_size=3, unique=True).map(tuple)


@functools.cache
def organisations(org_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Organisation]:
    """Organisations of every kind, with target groups, contacts and notes."""
    return st.builds(
        Organisation,
        id=org_id if org_id is not None else identifiers(),
        name=names(),
        kind=st.sampled_from(OrgKind),
        target_groups=_target_groups(),
        contacts=st.lists(contacts(), max_size=2).map(tuple),
        notes=texts(),
    )


_PLACEHOLDER = st.just("x")  # an id replaced after drawing: one strategy, built once
_DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
_SCORES = st.none() | st.integers(min_value=1, max_value=5)


@st.composite
def relations(draw: st.DrawFn, ids: Sequence[str]) -> Relation:
    """A relation between two different ids drawn from ``ids`` (at least two)."""
    source, target = draw(st.permutations(ids))[:2]
    since = draw(st.none() | _DATES)
    until = draw(st.none() | _DATES)
    if since is not None and until is not None and until < since:
        since, until = until, since
    return Relation(
        source=source,
        target=target,
        kind=draw(st.sampled_from(RelationKind)),
        since=since,
        until=until,
        note=draw(texts()),
    )


@functools.cache
def ratings() -> st.SearchStrategy[Rating]:
    """One rater's scores, either of them sometimes left out."""
    return st.builds(Rating, rater=names(), importance=_SCORES, ease=_SCORES, note=texts())


@functools.cache
def priority_settings() -> st.SearchStrategy[PrioritySettings]:
    """Settings of the ``[prioritisation]`` table: thresholds, spread and derivation."""
    weight = st.integers(-3, 3).map(float) | st.sampled_from([0.5, 1.5, -0.5])
    derivation = st.builds(
        Derivation,
        ease_base=weight,
        relation_weights=st.dictionaries(st.sampled_from(RelationKind), weight),
        recent_years=st.integers(0, 5),
        stale_years=st.integers(0, 10),
        contact=weight,
        second_degree=weight,
        challenges=weight,
        unknown_importance=st.integers(1, 5),
    )
    threshold = st.integers(1, 5).map(float) | st.sampled_from([1.5, 2.5, 3.5, 4.5])
    return st.just(PrioritySettings()) | st.builds(
        PrioritySettings,
        rule=st.just("matrix"),
        importance_threshold=threshold,
        ease_threshold=threshold,
        disagreement_spread=st.integers(1, 4),
        derivation=derivation,
    )


@functools.cache
def assessments(partner: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Assessment]:
    """Assessments with every column of the partner table, scores sometimes unset."""
    return st.builds(
        Assessment,
        partner=partner if partner is not None else identifiers(),
        shared_interest=texts(),
        importance=_SCORES,
        ease=_SCORES,
        challenges=texts(),
        existing_relation=texts(),
        contact=texts(),
        importance_note=texts(),
        ease_note=texts(),
        notes=texts(),
        ratings=st.lists(ratings(), max_size=3, unique_by=lambda r: r.rater).map(tuple),
    )


@st.composite
def projects(
    draw: st.DrawFn,
    *,
    min_partners: int = 0,
    max_partners: int = 8,
    scored: bool = False,
) -> Project:
    """Valid projects: an owner, partners, relations among them and assessments.

    ``scored=True`` gives every assessment both scores, as the priority matrix needs.
    """
    ids = draw(
        st.lists(identifiers(), min_size=min_partners + 1, max_size=max_partners + 1, unique=True)
    )
    orgs = [attrs.evolve(draw(organisations(_PLACEHOLDER)), id=org_id) for org_id in ids]
    owner, partners = orgs[0], orgs[1:]
    rels: dict[tuple[str, str, RelationKind], Relation] = {}
    if len(ids) >= 2:  # noqa: PLR2004 - a relation needs two ends
        for relation in draw(st.lists(relations(ids), max_size=2 * len(ids))):
            rels.setdefault(relation.key, relation)
    assessed = draw(st.lists(st.sampled_from(partners), unique=True)) if partners else []
    scores = st.integers(min_value=1, max_value=5) if scored else _SCORES
    assessment_list = [
        attrs.evolve(
            draw(assessments(_PLACEHOLDER)),
            partner=partner.id,
            importance=draw(scores),
            ease=draw(scores),
        )
        for partner in assessed
    ]
    project = Project(
        draw(names()),
        owner,
        target_groups=draw(_target_groups()),
        language=draw(st.sampled_from(Language)),
        description=draw(texts()),
        organisations=partners,
        relations=rels.values(),
        assessments=assessment_list,
    )
    project.prioritisation = draw(priority_settings())
    return project
