"""Hypothesis strategies that generate valid civsam values and whole projects."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
from hypothesis import strategies as st

from civsam._checks import IDENTIFIER, NAME
from civsam.model import (
    Assessment,
    Contact,
    Language,
    Organisation,
    OrgKind,
    Relation,
    RelationKind,
)
from civsam.project import Project

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "assessments",
    "contacts",
    "identifiers",
    "names",
    "organisations",
    "projects",
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


def texts(*, min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Free text: hostile fragments mixed with any Unicode (no surrogates)."""
    fragment = st.one_of(st.sampled_from(_HOSTILE), st.text(max_size=8))
    return st.lists(fragment, max_size=6).map("".join).filter(
        lambda text: min_size <= len(text) <= max_size
    ) | st.text(min_size=min_size, max_size=max_size)


def names() -> st.SearchStrategy[str]:
    """Names of organisations and people: non-empty, no control characters."""
    return texts(min_size=1).filter(NAME.test)


def identifiers() -> st.SearchStrategy[str]:
    """Ids: mostly slugs such as civsam makes, sometimes any text the rules allow."""
    slug = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?", fullmatch=True)
    return slug | texts(min_size=1, max_size=16).filter(IDENTIFIER.test)


def _optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy


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
    orgs = [draw(organisations(st.just(org_id))) for org_id in ids]
    owner, partners = orgs[0], orgs[1:]
    rels: dict[tuple[str, str, RelationKind], Relation] = {}
    if len(ids) >= 2:  # noqa: PLR2004 - a relation needs two ends
        for relation in draw(st.lists(relations(ids), max_size=2 * len(ids))):
            rels.setdefault(relation.key, relation)
    assessed = draw(st.lists(st.sampled_from(partners), unique=True)) if partners else []
    scores = st.integers(min_value=1, max_value=5) if scored else _SCORES
    assessment_list = [
        attrs.evolve(
            draw(assessments(st.just(partner.id))),
            importance=draw(scores),
            ease=draw(scores),
        )
        for partner in assessed
    ]
    return Project(
        draw(names()),
        owner,
        target_groups=draw(_target_groups()),
        language=draw(st.sampled_from(Language)),
        description=draw(texts()),
        organisations=partners,
        relations=rels.values(),
        assessments=assessment_list,
    )
