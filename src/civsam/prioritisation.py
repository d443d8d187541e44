"""Prioritise: place every assessed partner on the matrix, rank them, explain why.

``prioritise`` resolves each partner's scores, asks the rule for a decision, and ranks:
quadrants in the guide's order (start here, discuss, not now, not worth it), within a
quadrant by the rule's priority, ties by higher importance, higher ease, then partner
id — never by input order. The ranking itself is made the fast way (civsam._placements:
plain rows, placements made when they are read), so ranking a national register stays
close to the cost of a plain classify-and-sort loop; :func:`_reference` below is the plain
way it is held to (``CIVSAM_REFERENCE=1``, or ``prioritise(..., reference=True)``).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple, Protocol, cast

import attrs

from civsam import _placements
from civsam._placements import EntryFields, Extra, Ranking, Row, disagree
from civsam.contracts import rule_problems
from civsam.errors import CivsamError, raised
from civsam.explain import render, score_reason
from civsam.labels import Sayable, Text, register_labels
from civsam.model import Assessment, Language, Organisation, Quadrant
from civsam.privacy import PersonalValue, find_in_text
from civsam.project import Project
from civsam.rules import Candidate, Decision, MatrixRule, Reason, Rule, RuleContext, RuleError
from civsam.scores import Resolver, Score
from civsam.settings import PrioritySettings

__all__ = [
    "MATRIX",
    "Entry",
    "Placement",
    "Prioritisation",
    "Shift",
    "bind_rule",
    "prioritise",
    "project_rule",
    "sensitivity",
]

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


class _Ranked(Protocol):
    """Placements in rank order, made the fast way or the reference's.

    The fast way is :class:`civsam._placements.Ranking`, the reference's :class:`_Placed`.
    """

    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Placement]: ...
    def placement(self, position: int) -> Placement:
        """The placement at ``position`` (0 for rank 1)."""

    def partner_ids(self) -> Iterator[str]:
        """The partners' ids in rank order."""

    def quadrants(self) -> Iterator[Quadrant]:
        """The partners' quadrants in rank order."""

    def entry_fields(self) -> Iterator[EntryFields]:
        """Each partner's :class:`Entry` fields in rank order."""


class Prioritisation:
    """The result of :func:`prioritise`: placements by partner id, iterated in rank order.

    ``prio["partner-id"]`` is a partner's :class:`Placement`; ``for placement in prio``
    goes through them from rank 1; ``len(prio)`` counts them.
    """

    __slots__ = ("_index", "_ranked", "language", "rule", "settings", "thresholds")

    def __init__(
        self,
        ranked: _Ranked,
        *,
        rule: Rule,
        name: str,
        settings: PrioritySettings,
        language: Language,
    ) -> None:
        self._ranked = ranked
        self.rule = name
        """The name of the rule that placed the partners."""
        self.settings = settings
        self.language = language
        self.thresholds: tuple[float, float] | None = (
            (rule.importance_threshold, rule.ease_threshold)
            if isinstance(rule, MatrixRule)
            else None
        )
        """The matrix rule's importance and ease thresholds; ``None`` for other rules."""
        self._index: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._ranked)

    def __iter__(self) -> Iterator[Placement]:
        return iter(self._ranked)

    def __contains__(self, partner_id: object) -> bool:
        return partner_id in self._positions()

    def __getitem__(self, partner_id: str) -> Placement:
        try:
            position = self._positions()[partner_id]
        except KeyError:
            raise KeyError(
                f"{partner_id!r} has no placement: it is not an assessed partner"
            ) from None
        return self._ranked.placement(position)

    def get(self, partner_id: str, default: Placement | None = None) -> Placement | None:
        """The partner's placement, or ``default``."""
        position = self._positions().get(partner_id)
        return default if position is None else self._ranked.placement(position)

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
        counts = dict.fromkeys(Quadrant, 0)
        for quadrant in self._ranked.quadrants():
            counts[quadrant] += 1
        return counts

    def _positions(self) -> dict[str, int]:
        if self._index is None:
            self._index = {partner: i for i, partner in enumerate(self._ranked.partner_ids())}
        return self._index

    def entries(self) -> Iterator[Entry]:
        """The placed partners in rank order, as light tuples: for bulk exports.

        Cheaper than iterating :class:`Placement` s (no reasons, no score provenance),
        so a table of 100,000 partners costs little more than writing it.
        """
        return map(Entry._make, self._ranked.entry_fields())


class _Placed:
    """The reference's ranking: every placement made up front, with ``Placement(...)``."""

    __slots__ = ("_assessments", "_placements")

    def __init__(self, placements: list[Placement], assessments: list[Assessment]) -> None:
        self._placements = placements
        self._assessments = assessments

    def __len__(self) -> int:
        return len(self._placements)

    def __iter__(self) -> Iterator[Placement]:
        return iter(self._placements)

    def placement(self, position: int) -> Placement:
        return self._placements[position]

    def partner_ids(self) -> Iterator[str]:
        return (p.partner.id for p in self._placements)

    def quadrants(self) -> Iterator[Quadrant]:
        return (p.quadrant for p in self._placements)

    def entry_fields(self) -> Iterator[EntryFields]:
        return (
            (p.rank, p.partner, a, p.quadrant, p.importance, p.ease, p.disagreement)
            for p, a in zip(self._placements, self._assessments, strict=True)
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
    on: dt.date | None = None,
    language: Language | str | None = None,
    reference: bool | None = None,
) -> Prioritisation:
    """Place every assessed partner on the priority matrix and rank them.

    ``rule`` is a :class:`civsam.Rule`, or ``None`` for the matrix with the project's
    thresholds (``[prioritisation]``); :func:`civsam.prioritise` also takes a rule's
    name, and a project that names a plugin's rule. Each partner is placed by its latest
    assessment; with ``on``, by its latest assessment on that day, as the board stood
    then (a partner first assessed later is left out). ``as_of`` is the date derived
    scores measure how recent a relation is against (default: ``on``, else today, or
    ``SOURCE_DATE_EPOCH``). ``language`` is the language of the reasons (default: the
    project's). A rule that raises or returns something that is not a decision raises
    :class:`civsam.RuleError` naming the rule and the partner; nothing is returned then.
    ``reference=True`` ranks the plain way the fast one is tested against (default:
    ``CIVSAM_REFERENCE`` in the environment, see civsam._placements).
    """
    settings = project.priority_settings
    chosen = project_rule(rule, settings)
    day = as_of or on or _today()
    assessed = project.assessments if on is None else project.assessments_on(on)
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
    speaking = Language(language) if language is not None else project.language
    label = chosen.name  # what the placements say placed them
    matrix = chosen if type(chosen) is MatrixRule else None
    if matrix is not None:
        name, placing = label, chosen
    else:
        name = _rule_name(chosen)
        _register_labels(name, chosen)
        placing = bind_rule(chosen, project, as_of=day, name=name)
    ranked: _Ranked
    if _placements.REFERENCE if reference is None else reference:
        ranked = _reference(
            project,
            assessed,
            placing,
            name=name,
            label=label,
            resolver=resolver,
            spread=spread,
            language=speaking,
            trusted=matrix is not None,
        )
    else:
        if matrix is not None:
            rows = _placements.matrix_rows(assessed.values(), matrix, resolver, spread)
        else:
            rows = _rule_rows(
                project, assessed, name=name, rule=placing, resolver=resolver, spread=spread
            )
            rows.sort()
        ranked = Ranking(
            rows,
            make=Placement,
            organisations=project._shared_organisations(),  # noqa: SLF001 - copy on write
            matrix=matrix,
            name=label,
            language=speaking,
        )
    return Prioritisation(ranked, rule=chosen, name=label, settings=settings, language=speaking)


def _reference(
    project: Project,
    assessed: Mapping[str, Assessment],
    rule: Rule,
    *,
    name: str,
    label: str,
    resolver: Resolver,
    spread: int,
    language: Language,
    trusted: bool,
) -> _Placed:
    """The plain way to prioritise, which the fast way (civsam._placements) is held to.

    Every partner is placed by ``rule.place`` (the matrix rule's too) and its decision
    checked as in :func:`_decide` (``trusted``: the matrix rule's reasons need no check),
    the partners are ranked by one sort on the documented key, and every placement is
    made up front.
    """
    decided: list[tuple[tuple[int, float, float, float, str], Candidate, Decision]] = []
    for assessment in assessed.values():
        candidate = Candidate(
            project.organisations[assessment.partner],
            assessment,
            resolver.importance(assessment),
            resolver.ease(assessment),
        )
        decision = _decide(name, rule, candidate, checked=not trusted)
        importance, ease = _used(decision, candidate) or (
            candidate.importance.value,
            candidate.ease.value,
        )
        key = (
            decision.quadrant.order,
            -float(decision.priority),
            -importance,
            -ease,
            assessment.partner,
        )
        decided.append((key, candidate, decision))
    decided.sort(key=lambda item: item[0])
    places = dict.fromkeys(Quadrant, 0)
    placements: list[Placement] = []
    for rank, ((_, _, importance, ease, _), candidate, decision) in enumerate(decided, start=1):
        places[decision.quadrant] += 1
        placements.append(
            Placement(
                partner=candidate.partner,
                quadrant=decision.quadrant,
                importance=-importance,
                ease=-ease,
                rank=rank,
                priority=float(decision.priority),
                importance_score=candidate.importance,
                ease_score=candidate.ease,
                disagreement=disagree(candidate.importance, candidate.ease, spread),
                rule=label,
                rule_reasons=decision.reasons,
                place=places[decision.quadrant],
                total=len(decided),
                language=language,
            )
        )
    return _Placed(placements, [candidate.assessment for _, candidate, _ in decided])


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
    project: Project,
    assessed: Mapping[str, Assessment],
    *,
    name: str,
    rule: Rule,
    resolver: Resolver,
    spread: int,
) -> list[Row]:
    """Any rule but the matrix, partner by partner, in the fast path's rows (not yet sorted)."""
    organisations = project.organisations
    rows: list[Row] = []
    for assessment in assessed.values():
        importance, ease = resolver.importance(assessment), resolver.ease(assessment)
        candidate = Candidate(organisations[assessment.partner], assessment, importance, ease)
        decision = _decide(name, rule, candidate, checked=True)
        extra = Extra(
            importance,
            ease,
            disagree(importance, ease, spread),
            decision.reasons,
            _used(decision, candidate),
        )
        rows.append(
            _placements.rule_row(assessment, decision.quadrant, float(decision.priority), extra)
        )
    return rows


def _decide(name: str, rule: Rule, candidate: Candidate, *, checked: bool) -> Decision:
    """The rule's decision on the candidate, or a :class:`RuleError` saying what went wrong.

    ``checked``: the decision's reasons are checked too (see :func:`_check_reasons`).
    """
    partner = candidate.partner.id
    try:
        decision = rule.place(candidate)
    except Exception as error:
        raise RuleError(
            name,
            Text("rule.raised", kind=type(error).__name__, error=_ErrorText(error)),
            partner=partner,
        ) from error
    if isinstance(decision, Quadrant):
        decision = Decision(decision)
    elif not isinstance(decision, Decision):
        raise RuleError(name, Text("rule.returned", kind=type(decision).__name__), partner=partner)
    if checked:
        _check_reasons(name, candidate, decision.reasons)
    return decision


def _used(decision: Decision, candidate: Candidate) -> tuple[float, float] | None:
    """The scores the rule used, when it adjusted either of the candidate's; else ``None``."""
    if decision.importance is None and decision.ease is None:
        return None
    return (
        candidate.importance.value if decision.importance is None else float(decision.importance),
        candidate.ease.value if decision.ease is None else float(decision.ease),
    )


def _check_reasons(rule: str, candidate: Candidate, reasons: tuple[Reason | str, ...]) -> None:
    """A rule's reasons must show in every language now, not fail when a report is made.

    Nor may they name the partner's contact persons, raters or who assessed it: reasons
    go into every export, with or without contacts, so a plugin's slip would leak them
    everywhere.
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
    if assessment.by:
        values.append(PersonalValue("assessment.by", assessment.by, partner))
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
