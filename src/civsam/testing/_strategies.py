"""Hypothesis strategies that generate valid civsam values and whole projects."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

import attrs
from hypothesis import strategies as st

from civsam._checks import ANY_CONTROL, CONTROL
from civsam.lifecycle import (
    ChecklistItem,
    ContactKind,
    ItemReview,
    ItemStatus,
    OutreachEntry,
    OutreachStep,
    ReadinessAnswer,
    ReadinessPoint,
    Review,
    Touchpoint,
    TouchpointKind,
)
from civsam.model import (
    Assessment,
    Contact,
    Language,
    Organisation,
    OrgKind,
    Quadrant,
    Rating,
    Relation,
    RelationKind,
)
from civsam.project import Project
from civsam.settings import (
    DEFAULT_CLOSED_PERIOD,
    LONGEST_CLOSED_PERIOD,
    Derivation,
    PlanSettings,
    PrioritySettings,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "assessments",
    "contacts",
    "identifiers",
    "item_reviews",
    "names",
    "organisations",
    "outreach_entries",
    "plan_settings",
    "priority_settings",
    "projects",
    "ratings",
    "readiness_answers",
    "relations",
    "reviews",
    "texts",
    "touchpoints",
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


_SURNAMES = ("Hansen", "Nielsen", "Sørensen", "Østergaard", "Al-Khatib", "Ægidius", "Ñúñez")


@functools.cache
def _person_names() -> st.SearchStrategy[str]:
    """People's names: any name, then a surname no other text in a project is drawn with.

    A rule may say a project's texts in its reasons (a target group, a kind) but never a
    person's: the check that stops it looks for every person's name in the reasons, so a
    person must not share a name with a target group by chance, as two draws from
    :func:`names` can.
    """
    return st.tuples(names(), st.sampled_from(_SURNAMES)).map(" ".join)


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
        name=_person_names(),
        # Hostile text too, but ending as no other text of a project does (see _person_names).
        email=_optional(st.emails() | texts().map(lambda text: f"{text}@eksempel.dk")),
        phone=_optional(
            st.from_regex(r"\+45 \d\d \d\d \d\d \d\d", fullmatch=True)
            | texts().map(lambda text: f"{text} (tlf.)")
        ),
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
    return st.builds(Rating, rater=_person_names(), importance=_SCORES, ease=_SCORES, note=texts())


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
    """Assessments with every column of the partner table, scores sometimes unset.

    Some are dated and name who assessed, as re-assessments are; some are undated, as
    files from before dates were kept.
    """
    return st.builds(
        Assessment,
        partner=partner if partner is not None else identifiers(),
        shared_interest=texts(),
        importance=_SCORES,
        ease=_SCORES,
        challenges=texts(),
        existing_relation=texts(),
        contact=st.just("") | _person_names(),
        importance_note=texts(),
        ease_note=texts(),
        notes=texts(),
        ratings=st.lists(ratings(), max_size=3, unique_by=lambda r: r.rater).map(tuple),
        date=st.none() | _HISTORY_DATES,
        by=st.just("") | _person_names(),
    )


_FIRST_DAY = dt.date(2024, 1, 1)
_LAST_DAY = dt.date(2028, 12, 31)
_HISTORY_DATES = st.dates(min_value=_FIRST_DAY, max_value=_LAST_DAY)
"""Days a history is dated in: a few years around now, so plans and histories meet."""


def _later(day: dt.date, days: int) -> dt.date:
    return min(day + dt.timedelta(days=days), _LAST_DAY)


@functools.cache
def readiness_answers() -> st.SearchStrategy[ReadinessAnswer]:
    """Answers to readiness points of either role, in place or not, with who answered."""
    return st.builds(
        ReadinessAnswer,
        point=st.sampled_from(ReadinessPoint),
        in_place=st.booleans(),
        date=_HISTORY_DATES,
        answered_by=_person_names(),
        note=texts(),
    )


def _forward(step: OutreachStep) -> OutreachStep | None:
    """The step after ``step`` in the guide's order, if it may go there."""
    order = list(OutreachStep)
    ahead = order[order.index(step) + 1] if step is not OutreachStep.ENDED else None
    return ahead if ahead in step.allowed_next and ahead is not OutreachStep.ENDED else None


@st.composite
def outreach_entries(
    draw: st.DrawFn, ids: Sequence[str], *, max_steps: int = 6
) -> tuple[OutreachEntry, ...]:
    """A valid outreach history for the partners ``ids``: what a project can record.

    For each partner, a walk of up to ``max_steps`` steps from ``not_started`` through
    :attr:`civsam.OutreachStep.allowed_next` (mostly forward, sometimes back, to
    ``ended`` and on again), its dates never decreasing; the partners' walks are
    interleaved, each kept in its own order.
    """
    walks: dict[str, list[OutreachEntry]] = {}
    for partner in dict.fromkeys(ids):
        step, day = OutreachStep.NOT_STARTED, draw(_HISTORY_DATES)
        walk: list[OutreachEntry] = []
        for _ in range(draw(st.integers(0, max_steps))):
            ahead = _forward(step)
            if ahead is not None and draw(st.booleans()):
                step = ahead
            else:
                step = draw(st.sampled_from(step.allowed_next))
            day = _later(day, draw(st.integers(0, 60)))
            walk.append(OutreachEntry(partner, step, day, draw(texts())))
        walks[partner] = walk
    order = draw(st.permutations([partner for partner, walk in walks.items() for _ in walk]))
    pending = {partner: iter(walk) for partner, walk in walks.items()}
    return tuple(next(pending[partner]) for partner in order)


def touchpoints(ids: Sequence[str]) -> st.SearchStrategy[Touchpoint]:
    """A contact with one of the partners ``ids`` (at least one), of any kind."""
    return st.builds(
        Touchpoint,
        partner=st.sampled_from(ids),
        date=_HISTORY_DATES,
        kind=st.sampled_from(TouchpointKind),
        note=texts(),
    )


@functools.cache
def item_reviews() -> st.SearchStrategy[ItemReview]:
    """One checklist item's verdict at a review: ticked, or green, amber or red."""
    return st.builds(
        ItemReview,
        item=st.sampled_from(ChecklistItem),
        status=st.sampled_from(ItemStatus),
        note=texts(),
    )


@st.composite
def reviews(draw: st.DrawFn, ids: Sequence[str], *, max_size: int = 6) -> tuple[Review, ...]:
    """Checklist reviews of the partners ``ids``: at most one per partner a day.

    Each covers one to six items, once each; partners are often reviewed more than
    once, and the reviews come in any order, as a file may list them.
    """
    if not ids:
        return ()
    keys = draw(
        st.lists(st.tuples(st.sampled_from(ids), _HISTORY_DATES), max_size=max_size, unique=True)
    )
    items = st.lists(item_reviews(), min_size=1, max_size=len(ChecklistItem), unique_by=_item)
    return tuple(Review(partner, day, tuple(draw(items)), draw(texts())) for partner, day in keys)


def _item(review: ItemReview) -> ChecklistItem:
    return review.item


def _clock(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


_DAY_MINUTES = 24 * 60 - 1  # the last minute a day_end can name: 23:59
_USUAL = (8 * 60, 9 * 60, 10 * 60, 13 * 60)
_OFFICE_CLOSES = 16 * 60


@st.composite
def _plan_settings(draw: st.DrawFn) -> PlanSettings:
    minutes = draw(st.sampled_from([15, 30, 45, 60, 90, 120]) | st.integers(15, 240))
    latest = _DAY_MINUTES - minutes
    begin = draw(st.sampled_from(_USUAL) | st.integers(0, latest))
    ending = st.integers(begin + minutes, _DAY_MINUTES)
    if begin + minutes <= _OFFICE_CLOSES:
        ending = st.just(_OFFICE_CLOSES) | ending
    start = draw(st.none() | _HISTORY_DATES)
    anchor = start if start is not None else draw(_HISTORY_DATES)
    offsets = draw(st.lists(st.integers(0, 120), max_size=5, unique=True))
    check_in_minutes = draw(st.integers(5, 240))
    return PlanSettings(
        start=start,
        capacity=draw(st.integers(1, 12) | st.integers(1, 40)),
        meeting_time=_clock(begin),
        meeting_minutes=minutes,
        day_end=_clock(draw(ending)),
        check_in_weeks=draw(st.dictionaries(st.sampled_from(Quadrant), st.integers(0, 52))),
        check_in_minutes=check_in_minutes,
        check_in_time=_clock(
            draw(st.sampled_from(_USUAL) | st.integers(0, _DAY_MINUTES - check_in_minutes))
        ),
        evaluation_weeks=draw(st.integers(0, 104)),
        horizon_weeks=draw(st.integers(1, 260)),
        reminder_days=draw(st.integers(0, 30)),
        optional_holidays=draw(st.booleans()),
        closed_days=[_later(anchor, days) for days in offsets],
        closed_period=draw(_CLOSED_PERIODS),
        contact_kinds=draw(st.lists(st.sampled_from(ContactKind), unique=True)),
    )


@st.composite
def _closed_period(draw: st.DrawFn) -> tuple[str, str]:
    """A yearly closed period of one day to six weeks, sometimes over New Year."""
    first = draw(st.dates(dt.date(2001, 1, 1), dt.date(2001, 12, 31)))
    last = first + dt.timedelta(days=draw(st.integers(0, LONGEST_CLOSED_PERIOD - 1)))
    return (f"{first:%m-%d}", f"{last:%m-%d}")


_CLOSED_PERIODS = st.sampled_from([DEFAULT_CLOSED_PERIOD, ()]) | _closed_period()


@functools.cache
def plan_settings() -> st.SearchStrategy[PlanSettings]:
    """Settings of the ``[planning]`` table: every field, within its documented range.

    Meetings fit the working day (``day_end`` at least ``meeting_minutes`` after
    ``meeting_time``); closed days fall in the months after ``start``, where a plan
    meets them; ``start`` is sometimes unset (a plan then starts today); the yearly
    closed period is the default, none, or any from a day to six weeks; contact is any
    set of kinds, none included.
    """
    return st.just(PlanSettings()) | _plan_settings()


@st.composite
def projects(
    draw: st.DrawFn,
    *,
    min_partners: int = 0,
    max_partners: int = 8,
    scored: bool = False,
    history: bool = False,
) -> Project:
    """Valid projects: an owner, partners, relations among them and assessments.

    ``scored=True`` gives every assessment both scores, as the priority matrix needs.
    ``history=True`` also fills what a team records as it goes: ``[planning]``
    settings, readiness answers, re-assessments (dated, kept beside the earlier ones),
    and the partners' (never the owner's) outreach steps, touchpoints and checklist
    reviews, all valid together.
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
    project.priority_settings = draw(priority_settings())
    if history:
        _add_history(draw, project, [partner.id for partner in partners])
    return project


def _reassessments(draw: st.DrawFn, project: Project) -> list[Assessment]:
    """Up to three dated re-assessments each of some assessed partners, scores as before."""
    scored = all(
        a.importance is not None and a.ease is not None for a in project.assessments.values()
    )
    scores = st.integers(min_value=1, max_value=5) if scored else _SCORES
    again = draw(st.lists(st.sampled_from(sorted(project.assessments)), max_size=6))
    return [
        attrs.evolve(
            draw(assessments(_PLACEHOLDER)),
            partner=partner,
            importance=draw(scores),
            ease=draw(scores),
            date=draw(_HISTORY_DATES),
        )
        for partner in again
    ]


def _add_history(draw: st.DrawFn, project: Project, partners: list[str]) -> None:
    project.plan_settings = draw(plan_settings())
    entries: list[ReadinessAnswer | OutreachEntry | Touchpoint | Review | Assessment] = []
    if project.assessments:
        entries.extend(_reassessments(draw, project))
    entries.extend(draw(st.lists(readiness_answers(), max_size=4)))
    if partners:
        entries.extend(draw(outreach_entries(partners)))
        entries.extend(draw(st.lists(touchpoints(partners), max_size=2 * len(partners))))
        entries.extend(draw(reviews(partners)))
    project.record(*entries)
