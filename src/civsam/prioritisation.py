"""Prioritise: place every assessed partner on the matrix, rank them, explain why.

``prioritise`` resolves each partner's scores, asks the rule for a decision, and ranks:
quadrants in the guide's order (start here, discuss, not now, not worth it), within a
quadrant by the rule's priority, ties by higher importance, higher ease, then partner
id — never by input order. Placements are built when they are looked at, so ranking a
national register stays close to the cost of a plain classify-and-sort loop.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import os
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, cast

import attrs

from civsam._checks import MAX_SCORE, MIN_SCORE
from civsam.contracts import rule_problems
from civsam.errors import CivsamError, raised
from civsam.explain import render, score_reason
from civsam.labels import Sayable, Text, register_labels
from civsam.model import Assessment, Language, Organisation, Quadrant
from civsam.privacy import PersonalValue, find_in_text
from civsam.project import Project
from civsam.rules import Candidate, Decision, MatrixRule, Reason, Rule, RuleContext, RuleError
from civsam.scores import Resolver, Score, ScoreSource
from civsam.settings import PrioritySettings

__all__ = [
    "Entry",
    "Placement",
    "Prioritisation",
    "Shift",
    "bind_rule",
    "prioritise",
    "MATRIX",
    "project_rule",
    "sensitivity",
]

_QUADRANTS = tuple(Quadrant)
_ORDERS_BY_FLAGS = tuple(  # important * 2 + easy → the quadrant's order
    quadrant.order
    for quadrant in (
        Quadrant.NOT_WORTH_IT,
        Quadrant.NOT_NOW,
        Quadrant.DISCUSS,
        Quadrant.START_HERE,
    )
)
_ORDER, _PARTNER = 0, 4  # positions in a row (see _Row)
_BY_PARTNER = operator.attrgetter("partner")
MATRIX = "matrix"
"""The name of the guide's own rule, :class:`~civsam.MatrixRule`."""


@attrs.frozen(slots=True)
class Placement:
    """Where one partner landed, with its scores and why.

    ``importance`` and ``ease`` are the scores used (``importance_score`` and
    ``ease_score`` say where they came from); ``rank`` is 1 for the first partner to
    contact; ``disagreement`` is true when the raters' scores are far apart.
    ``reasons`` are sentences in the prioritisation's language; :meth:`explain` gives
    them in another. The language never changes a placement: it is not compared.
    """

    partner: Organisation
    quadrant: Quadrant
    importance: float
    ease: float
    rank: int
    priority: float
    importance_score: Score
    ease_score: Score
    disagreement: bool
    rule: str
    rule_reasons: tuple[Reason | str, ...]
    """What the rule said about this partner (the matrix: which thresholds were met)."""
    place: int
    """The position within its quadrant, 1 for the first."""
    total: int
    """How many partners were placed."""
    language: Language = attrs.field(default=Language.DA, eq=False)

    @functools.cached_property
    def explanation(self) -> tuple[Reason | str, ...]:
        """The reasons, language-free: scores and their sources, the rule's, the rank."""
        reasons: list[Reason | str] = [
            score_reason("importance", self.importance_score),
            score_reason("ease", self.ease_score),
            *self.rule_reasons,
        ]
        if self.disagreement:
            spread = max(self.importance_score.spread or 0, self.ease_score.spread or 0)
            reasons.append(Reason.of("reason.disagreement", spread=spread))
        reasons.append(
            Reason.of(
                "reason.rank",
                rank=self.rank,
                total=self.total,
                place=self.place,
                quadrant=self.quadrant,
                priority=self.priority,
            )
        )
        return tuple(reasons)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the partner is where it is, as sentences in the prioritisation's language."""
        return render(self.explanation, self.language)

    def explain(self, language: Language | str) -> tuple[str, ...]:
        """The reasons in ``language``."""
        return render(self.explanation, language)


class Entry(NamedTuple):
    """A placed partner in brief, from :meth:`Prioritisation.entries`."""

    rank: int
    partner: Organisation
    assessment: Assessment
    quadrant: Quadrant
    importance: float
    ease: float
    disagreement: bool


_HAND = {value: Score(float(value), ScoreSource.HAND) for value in range(1, 6)}
"""Hand-set scores, shared: there are only five."""


class _Row(NamedTuple):
    """A placed partner before it becomes a Placement: sortable by its first five fields.

    Rows are stored as plain, short tuples (making 100,000 named tuples costs more) and
    read through this class when a placement is built. ``extra`` is ``None`` for a
    partner whose scores were both set by hand and placed by the matrix rule: its Score
    objects and reasons are made only when the placement is looked at.
    """

    order: int
    negative_priority: float
    negative_importance: float
    negative_ease: float
    partner_id: str
    assessment: Assessment
    extra: _Extra | None


class _Extra(NamedTuple):
    """What a row needs beyond hand-set scores: resolved scores, flags, rule reasons."""

    importance: Score
    ease: Score
    disagreement: bool
    reasons: tuple[Reason | str, ...] | None  # None: the matrix rule's, built when looked at
    used: tuple[float, float] | None = None  # the scores the rule used, when it adjusted them


class Prioritisation:
    """The result of :func:`prioritise`: placements by partner id, iterated in rank order.

    ``prio["partner-id"]`` is a partner's :class:`Placement`; ``for placement in prio``
    goes through them from rank 1; ``len(prio)`` counts them.
    """

    __slots__ = (
        "_built",
        "_index",
        "_organisations",
        "_rows",
        "_rule",
        "_starts",
        "language",
        "rule",
        "settings",
        "thresholds",
    )

    def __init__(
        self,
        rows: list[tuple[Any, ...]],
        *,
        organisations: Mapping[str, Organisation],
        rule: Rule,
        settings: PrioritySettings,
        language: Language,
    ) -> None:
        self._rows = rows
        self._organisations = organisations
        self._rule = rule
        self.rule = rule.name
        """The name of the rule that placed the partners."""
        self.settings = settings
        self.language = language
        self.thresholds: tuple[float, float] | None = (
            (rule.importance_threshold, rule.ease_threshold)
            if isinstance(rule, MatrixRule)
            else None
        )
        """The matrix rule's importance and ease thresholds; ``None`` for other rules."""
        self._built: list[Placement | None] = [None] * len(rows)
        self._index: dict[str, int] | None = None
        self._starts: dict[Quadrant, int] | None = None

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Placement]:
        return (self._placement(position) for position in range(len(self._rows)))

    def __contains__(self, partner_id: object) -> bool:
        return partner_id in self._positions()

    def __getitem__(self, partner_id: str) -> Placement:
        try:
            position = self._positions()[partner_id]
        except KeyError:
            raise KeyError(
                f"{partner_id!r} has no placement: it is not an assessed partner"
            ) from None
        return self._placement(position)

    def get(self, partner_id: str, default: Placement | None = None) -> Placement | None:
        """The partner's placement, or ``default``."""
        position = self._positions().get(partner_id)
        return default if position is None else self._placement(position)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Prioritisation):
            return NotImplemented
        return self.rule == other.rule and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment] # compared by value

    def __repr__(self) -> str:
        counts = ", ".join(f"{q.value} {n}" for q, n in self.counts().items())
        return f"<Prioritisation by {self.rule!r}: {len(self)} partners ({counts})>"

    def quadrant(self, quadrant: Quadrant | str) -> tuple[Placement, ...]:
        """The placements in one quadrant, in rank order."""
        wanted = Quadrant(quadrant)
        return tuple(p for p in self if p.quadrant is wanted)

    def counts(self) -> Mapping[Quadrant, int]:
        """How many partners each quadrant holds (every quadrant listed, in order)."""
        counts = dict.fromkeys(_QUADRANTS, 0)
        for row in self._rows:
            counts[_QUADRANTS[row[_ORDER]]] += 1
        return counts

    def _positions(self) -> dict[str, int]:
        if self._index is None:
            self._index = {row[_PARTNER]: i for i, row in enumerate(self._rows)}
        return self._index

    def _quadrant_starts(self) -> dict[Quadrant, int]:
        if self._starts is None:
            starts: dict[Quadrant, int] = {}
            for position, row in enumerate(self._rows):
                starts.setdefault(_QUADRANTS[row[_ORDER]], position)
            self._starts = starts
        return self._starts

    def _placement(self, position: int) -> Placement:
        built = self._built[position]
        if built is None:
            built = self._build(position)
            self._built[position] = built
        return built

    def _build(self, position: int) -> Placement:
        row = _Row._make(self._rows[position])
        assessment = row.assessment
        quadrant = _QUADRANTS[row.order]
        extra = row.extra or _Extra(
            # Rows without extra have both scores set by hand: never None here.
            _HAND[cast("int", assessment.importance)],
            _HAND[cast("int", assessment.ease)],
            disagreement=False,
            reasons=None,
        )
        importance, ease, rule_reasons = extra.importance, extra.ease, extra.reasons
        if rule_reasons is None:
            assert isinstance(self._rule, MatrixRule)  # noqa: S101 - the fast path's rows
            rule_reasons = self._rule.reasons(importance.value, ease.value)
        used = extra.used or (importance.value, ease.value)
        return Placement(
            partner=self._organisations[row.partner_id],
            quadrant=quadrant,
            importance=used[0],
            ease=used[1],
            rank=position + 1,
            priority=-row.negative_priority,
            importance_score=importance,
            ease_score=ease,
            disagreement=extra.disagreement,
            rule=self.rule,
            rule_reasons=rule_reasons,
            place=position - self._quadrant_starts()[quadrant] + 1,
            total=len(self._rows),
            language=self.language,
        )

    def entries(self) -> Iterator[Entry]:
        """The placed partners in rank order, as light tuples: for bulk exports.

        Cheaper than iterating :class:`Placement` s (no reasons, no score provenance),
        so a table of 100,000 partners costs little more than writing it.
        """
        organisations = self._organisations
        make = tuple.__new__
        for position, row in enumerate(self._rows, start=1):
            assessment = row[5]
            extra = row[6]
            if extra is None:
                importance, ease, disagreement = assessment.importance, assessment.ease, False
            else:
                importance, ease = extra.used or (extra.importance.value, extra.ease.value)
                disagreement = extra.disagreement
            yield make(
                Entry,
                (
                    position,
                    organisations[row[4]],
                    assessment,
                    _QUADRANTS[row[0]],
                    importance,
                    ease,
                    disagreement,
                ),
            )


def project_rule(rule: Rule | None, settings: PrioritySettings) -> Rule:
    """The rule to place with: ``rule``, or the matrix the project's settings describe.

    The core never looks a rule up by name: a project whose ``[prioritisation] rule``
    names a plugin's rule is prioritised through :func:`civsam.prioritise` (or given the
    rule from :func:`civsam.rules`), which resolve names at the edge.
    """
    given: object = rule  # callers without a type checker may pass a class or a name
    if isinstance(given, type) and hasattr(given, "place"):
        raise RuleError(given.__name__, Text("rule.is_class", name=given.__name__))
    if rule is not None:
        if isinstance(given, str) or not isinstance(rule, Rule):
            raise RuleError(repr(rule), Text("rule.not_a_rule"))
        return rule
    if settings.rule != MATRIX:
        raise RuleError(settings.rule, Text("rule.named_in_project"))
    return MatrixRule(settings.importance_threshold, settings.ease_threshold)


def _today() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def prioritise(
    project: Project,
    rule: Rule | None = None,
    *,
    as_of: dt.date | None = None,
    language: Language | str | None = None,
) -> Prioritisation:
    """Place every assessed partner on the priority matrix and rank them.

    ``rule`` is a :class:`civsam.Rule`, or ``None`` for the matrix with the project's
    thresholds (``[prioritisation]``); :func:`civsam.prioritise` also takes a rule's
    name, and a project that names a plugin's rule. ``as_of`` is the
    date derived scores measure how recent a relation is against (default: today, or
    ``SOURCE_DATE_EPOCH``). ``language`` is the language of the reasons (default: the
    project's). A rule that raises or returns something that is not a decision raises
    :class:`civsam.RuleError` naming the rule and the partner; nothing is returned then.
    """
    settings = project.priority_settings
    chosen = project_rule(rule, settings)
    day = as_of or _today()
    resolver = Resolver(
        owner=project.owner.id,
        target_groups=project.target_groups,
        organisations=project.organisations,
        relations=lambda: project.relations,
        graph=lambda: project.graph,
        derivation=settings.derivation,
        as_of=day,
    )
    spread = settings.disagreement_spread
    if type(chosen) is MatrixRule:
        rows = _matrix_rows(project, chosen, resolver, spread)  # in rank order already
    else:
        name = _rule_name(chosen)
        _register_labels(name, chosen)
        placing = bind_rule(chosen, project, as_of=day, name=name)
        rows = _rule_rows(project, name, placing, resolver, spread)
        rows.sort()
    return Prioritisation(
        rows,
        organisations=project._shared_organisations(),  # noqa: SLF001 - copy on write
        rule=chosen,
        settings=settings,
        language=Language(language) if language is not None else project.language,
    )


def _disagree(importance: Score, ease: Score, spread: int) -> bool:
    return (importance.spread or 0) >= spread or (ease.spread or 0) >= spread


def _matrix_rows(
    project: Project, rule: MatrixRule, resolver: Resolver, spread: int
) -> list[tuple[Any, ...]]:
    """The guide's rule as a tight loop, in rank order: no objects until a placement is read.

    Scores set by hand are whole numbers 1–5, so such partners fall into 25 groups, one
    per pair of scores, which rank in a fixed order; within a group only the ids decide.
    Sorting each group by id alone costs far less than sorting every row by all five of
    its keys. Partners with other scores (raters, derived) join by a sort at the end.
    """
    importance_threshold, ease_threshold = rule.importance_threshold, rule.ease_threshold
    orders = _ORDERS_BY_FLAGS
    by_hand: list[list[list[Assessment]]] = [[[] for _ in range(6)] for _ in range(6)]
    rows: list[tuple[Any, ...]] = []
    append = rows.append
    for assessment in project.assessments.values():
        importance, ease = assessment.importance, assessment.ease
        if importance is not None and ease is not None and not assessment.ratings:
            by_hand[importance][ease].append(assessment)
            continue
        importance_score = resolver.importance(assessment)
        ease_score = resolver.ease(assessment)
        flags = (importance_score.value >= importance_threshold) * 2 + (
            ease_score.value >= ease_threshold
        )
        append(
            (
                orders[flags],
                -(importance_score.value + ease_score.value),
                -importance_score.value,
                -ease_score.value,
                assessment.partner,
                assessment,
                _Extra(
                    importance_score,
                    ease_score,
                    _disagree(importance_score, ease_score, spread),
                    None,
                ),
            )
        )
    derived = rows
    rows = []
    groups = sorted(
        (
            (
                orders[(importance >= importance_threshold) * 2 + (ease >= ease_threshold)],
                -(importance + ease),
                -importance,
                -ease,
            ),
            by_hand[importance][ease],
        )
        for importance in range(MIN_SCORE, MAX_SCORE + 1)
        for ease in range(MIN_SCORE, MAX_SCORE + 1)
    )
    for (order, priority, importance, ease), group in groups:
        group.sort(key=_BY_PARTNER)
        # Hand-set scores: the Score objects are made when the placement is looked at.
        rows += [(order, priority, importance, ease, a.partner, a, None) for a in group]
    if derived:
        rows += derived
        rows.sort()  # one long sorted run and a few more: merged, not sorted afresh
    return rows


def _register_labels(name: str, rule: Rule) -> None:
    """The rule's own label texts (its ``labels``), so its reasons say themselves."""
    texts = getattr(rule, "labels", None)
    if texts is None:
        return
    try:
        register_labels(texts)
    except (CivsamError, TypeError, AttributeError) as error:
        raise RuleError(name, Text("rule.labels_refused", error=_ErrorText(error))) from None


def bind_rule(rule: Rule, project: Project, *, as_of: dt.date, name: str | None = None) -> Rule:
    """The rule to place ``project`` with: what its ``bind(context)`` returns, or itself.

    ``prioritise`` binds a rule once per call; the test kit binds the same way. The
    rule's ``[prioritisation.options]`` are the project's when the project chooses it
    (by ``name``, default the rule's own). A ``bind`` that raises, or returns no rule,
    raises :class:`~civsam.RuleError` naming the rule.
    """
    name = name or _rule_name(rule)
    bind = getattr(rule, "bind", None)
    if not callable(bind):
        return rule
    settings = project.priority_settings
    options = settings.options if name == settings.rule else MappingProxyType({})
    try:
        bound: object = bind(RuleContext(project, as_of, options))
    except Exception as error:
        raise RuleError(name, Text("rule.bind_failed", error=raised(error))) from error
    problems = rule_problems(bound) if isinstance(bound, Rule) else (Text("rule.not_a_rule"),)
    if problems:
        raise RuleError(
            name,
            Text(
                "rule.bind_returned",
                kind=type(bound).__name__,
                problems="; ".join(str(problem) for problem in problems),
            ),
        )
    return cast("Rule", bound)


def _rule_rows(
    project: Project, name: str, rule: Rule, resolver: Resolver, spread: int
) -> list[tuple[Any, ...]]:
    organisations = project.organisations
    rows: list[tuple[Any, ...]] = []
    for assessment in project.assessments.values():
        organisation = organisations[assessment.partner]
        importance, ease = resolver.importance(assessment), resolver.ease(assessment)
        candidate = Candidate(organisation, assessment, importance, ease)
        try:
            decision = rule.place(candidate)
        except Exception as error:
            raise RuleError(
                name,
                Text("rule.raised", kind=type(error).__name__, error=_ErrorText(error)),
                partner=assessment.partner,
            ) from error
        if isinstance(decision, Quadrant):
            decision = Decision(decision)
        elif not isinstance(decision, Decision):
            raise RuleError(
                name,
                Text("rule.returned", kind=type(decision).__name__),
                partner=assessment.partner,
            )
        _check_reasons(name, candidate, decision.reasons)
        used = (
            None
            if decision.importance is None and decision.ease is None
            else (
                importance.value if decision.importance is None else float(decision.importance),
                ease.value if decision.ease is None else float(decision.ease),
            )
        )
        rows.append(
            (
                decision.quadrant.order,
                -float(decision.priority),
                -(importance.value if used is None else used[0]),
                -(ease.value if used is None else used[1]),
                assessment.partner,
                assessment,
                _Extra(
                    importance,
                    ease,
                    _disagree(importance, ease, spread),
                    decision.reasons,
                    used,
                ),
            )
        )
    return rows


def _check_reasons(rule: str, candidate: Candidate, reasons: tuple[Reason | str, ...]) -> None:
    """A rule's reasons must show in every language now, not fail when a report is made.

    Nor may they name the partner's contact persons or raters: reasons go into every
    export, with or without contacts, so a plugin's slip would leak them everywhere.
    """
    partner = candidate.partner.id
    for reason in reasons:
        if not isinstance(reason, str | Reason):
            raise RuleError(
                rule, Text("rule.reason_type", kind=type(reason).__name__), partner=partner
            )
    if not reasons:
        return
    try:
        said = [text for language in Language for text in render(reasons, language)]
    except CivsamError as error:
        raise RuleError(
            rule, Text("rule.reason_unshown", error=_ErrorText(error)), partner=partner
        ) from None
    people = _people(candidate)
    if people:
        found = find_in_text("\n".join(said), people)
        if found:
            raise RuleError(
                rule, Text("rule.reason_personal", field=found[0].value.field), partner=partner
            )


def _people(candidate: Candidate) -> tuple[PersonalValue, ...]:
    """The partner's personal data a reason must not hold: names, e-mails, phones."""
    partner, assessment = candidate.partner.id, candidate.assessment
    values = [
        PersonalValue(field, value, partner)
        for contact in candidate.partner.contacts
        for field, value in (
            ("contact.name", contact.name),
            ("contact.email", contact.email),
            ("contact.phone", contact.phone),
        )
        if value
    ]
    if assessment.contact:
        values.append(PersonalValue("assessment.contact", assessment.contact, partner))
    values += [PersonalValue("rating.rater", r.rater, partner) for r in assessment.ratings]
    return tuple(values)


def _rule_name(rule: Rule) -> str:
    try:
        name: object = rule.name
    except Exception as error:
        raise RuleError(
            type(rule).__name__, Text("rule.name_unreadable", error=_ErrorText(error))
        ) from error
    if not isinstance(name, str) or not name:
        raise RuleError(repr(name), Text("rule.name_empty"))
    return name


class _ErrorText:
    """The message of an error a rule raised, said in the reader's language if it can be.

    civsam's own errors (and a validator's :class:`~civsam.labels.Text`) have Danish
    too; anything else is shown in the words it was raised with. In English it is
    ``str(error)``, as it always was.
    """

    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def say(self, language: str) -> str:
        """The error's message in ``language``, where the error has one in it."""
        error = self.error
        if isinstance(error, CivsamError):
            return error.text(language)
        if len(error.args) == 1 and isinstance(error.args[0], Sayable):
            return error.args[0].say(language)
        return str(error)

    def __str__(self) -> str:
        return self.say("en")


@attrs.frozen(slots=True)
class Shift:
    """A partner that would change quadrant if one threshold moved by one step."""

    partner: str
    axis: Literal["importance", "ease"]
    threshold: float
    """The moved threshold."""
    before: Quadrant
    after: Quadrant


def sensitivity(
    project: Project,
    rule: MatrixRule | None = None,
    *,
    step: float = 1,
    as_of: dt.date | None = None,
) -> tuple[Shift, ...]:
    """Which partners would change quadrant if a threshold moved up or down by ``step``.

    Thresholds stay within 1–5. Shifts come in rank order, importance before ease,
    lower threshold before higher.
    """
    settings = project.priority_settings
    base = rule or MatrixRule(settings.importance_threshold, settings.ease_threshold)
    if not isinstance(base, MatrixRule):
        raise RuleError(getattr(base, "name", repr(base)), Text("rule.needs_matrix"))
    result = prioritise(project, base, as_of=as_of)
    shifts: list[Shift] = []
    variants: list[tuple[Literal["importance", "ease"], MatrixRule, float]] = []
    for delta in (-step, step):
        moved = base.importance_threshold + delta
        if 1 <= moved <= 5:  # noqa: PLR2004 - the guide's scale
            variants.append(("importance", attrs.evolve(base, importance_threshold=moved), moved))
    for delta in (-step, step):
        moved = base.ease_threshold + delta
        if 1 <= moved <= 5:  # noqa: PLR2004
            variants.append(("ease", attrs.evolve(base, ease_threshold=moved), moved))
    for placement in result:
        for axis, variant, threshold in variants:
            after = variant.quadrant(placement.importance, placement.ease)
            if after is not placement.quadrant:
                shifts.append(
                    Shift(placement.partner.id, axis, threshold, placement.quadrant, after)
                )
    return tuple(shifts)
