"""Property-test a prioritisation rule against the invariants civsam promises.

``check_rule(rule)`` runs hypothesis over generated candidates and projects (with the
options the rule is given) and raises :class:`RuleContractError` naming the broken
invariant, with the evidence: the smallest example hypothesis found, the exception and
its input, the differing decisions, or the leaked contact person. Put it in your own
test suite::

    def test_my_rule_keeps_civsam_s_promises():
        check_rule(MyRule(), profile="thorough")
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal

import attrs
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from civsam.contracts import rule_problems
from civsam.explain import render
from civsam.files.bundled import example
from civsam.files.io import dumps, loads
from civsam.labels import register_labels
from civsam.lifecycle import ReadinessAnswer, ReadinessPoint
from civsam.model import Assessment, Contact, Language, Quadrant, Rating
from civsam.prioritisation import Prioritisation, bind_rule, prioritise
from civsam.privacy import PersonalValue, find_in_text
from civsam.project import Project
from civsam.rules import Candidate, Decision, MatrixRule, Rule, RuleError
from civsam.scores import Score, ScoreSource
from civsam.testing._checks import MisbehavedError, first_failure, seeded
from civsam.testing._evidence import text_difference
from civsam.testing._process import SecondProcessError, in_second_process
from civsam.testing._strategies import assessments, organisations, projects

__all__ = ["INVARIANTS", "RULE_PROFILES", "RuleContractError", "candidates", "check_rule"]

INVARIANTS = (
    "well formed",
    "valid",
    "deterministic",
    "deterministic across processes",
    "monotone",
    "total and ranked",
    "independent of input order",
    "independent of language",
    "private",
    "read-only",
)
"""What :func:`check_rule` checks, in the order it checks them."""

RULE_PROFILES: Mapping[str, tuple[int, int]] = {"quick": (25, 8), "thorough": (200, 50)}
"""Examples per invariant, ``(candidates, projects)``: a candidate is cheap, a project is not.

``quick`` checks a simple rule in about 5 seconds, for the edit-test loop; ``thorough``
in about a minute, for CI. ``max_examples`` overrides both numbers.
"""

_AS_OF = dt.date(2026, 1, 1)  # a fixed "today": derived scores stay reproducible
_VALUES = st.sampled_from([1 + step / 2 for step in range(9)])  # 1, 1.5, …, 5: medians too
_MARK = "Hemmelig"
"""Marks the contact data the privacy check plants: no rule has a reason to say it."""


class RuleContractError(AssertionError):
    """A rule broke one of civsam's invariants; the message says which, and shows how."""

    def __init__(self, rule: str, invariant: str, detail: str) -> None:
        self.rule = rule
        self.invariant = invariant
        super().__init__(f"rule {rule!r} is not {invariant}: {detail}")


@st.composite
def _scores(draw: st.DrawFn) -> Score:
    source = draw(st.sampled_from(ScoreSource))
    raters = draw(st.integers(2, 6)) if source is ScoreSource.RATERS else 0
    spread = float(draw(st.integers(0, 4))) if raters else None
    return Score(draw(_VALUES), source, raters, spread)


@st.composite
def candidates(draw: st.DrawFn) -> Candidate:
    """What a rule is shown: a partner, its assessment, and resolved scores of any origin."""
    partner = draw(organisations())
    return Candidate(
        partner, draw(assessments(st.just(partner.id))), draw(_scores()), draw(_scores())
    )


def _decide(rule: Rule, candidate: Candidate) -> Decision:
    """``rule.place(candidate)`` as a Decision; whatever goes wrong is "not valid"."""
    try:
        decision = rule.place(candidate)
    except Exception as error:
        raise MisbehavedError(
            "valid",
            f"{type(error).__name__}: {error}\nplace() raised it for this candidate: {candidate!r}",
        ) from error
    if isinstance(decision, Quadrant):
        return Decision(decision)
    if isinstance(decision, Decision):
        return decision
    raise MisbehavedError(
        "valid",
        f"AssertionError: place() returned {type(decision).__name__}; expected a "
        f"civsam.Decision or a civsam.Quadrant, for this candidate: {candidate!r}",
    )


def _quadrant(rule: Rule, candidate: Candidate) -> Quadrant:
    return _decide(rule, candidate).quadrant


_HALF_POINTS = tuple(1 + n / 2 for n in range(9))
"""1, 1.5, …, 5: the scores the monotone check walks along an axis."""


def _at(candidate: Candidate, axis: str, score: Score) -> Candidate:
    if axis == "importance":
        return attrs.evolve(candidate, importance=score)
    return attrs.evolve(candidate, ease=score)


def _raised(value: Score, by: float) -> Score:
    return attrs.evolve(value, value=min(5.0, value.value + by))


def _shuffled(project: Project, seed: int) -> Project:
    shuffle = random.Random(seed).sample  # noqa: S311 - a test's shuffle, not security
    organisations = list(project.organisations.values())
    shuffled = Project(
        project.name,
        project.owner,
        target_groups=project.target_groups,
        language=project.language,
        description=project.description,
        organisations=shuffle(organisations, len(organisations)),
        relations=shuffle(list(project.relations), len(project.relations)),
        assessments=shuffle(list(project.assessments.values()), len(project.assessments)),
    )
    shuffled.priority_settings = project.priority_settings
    shuffled.record(*project.touchpoints, *project.outreach, *project.reviews)
    return shuffled


def _prioritise(project: Project, rule: Rule, **options: Any) -> Prioritisation:
    """``prioritise``, with a rule's failure named by the invariant it breaks.

    Met while checking another invariant, a rule that raises or returns nonsense is not
    valid, and one whose reasons name a contact person is not private.
    """
    try:
        return prioritise(project, rule, as_of=_AS_OF, **options)
    except RuleError as error:
        message = getattr(error.args[0], "values", {}).get("message")
        personal = getattr(message, "key", None) == "rule.reason_personal"
        raise MisbehavedError(
            "private" if personal else "valid", f"{type(error).__name__}: {error}"
        ) from error


# -- what the second process runs (module level: it is pickled by reference) -----------------


def _matrix(project: Project) -> MatrixRule:
    settings = project.priority_settings
    return MatrixRule(settings.importance_threshold, settings.ease_threshold)


def _example_candidates() -> list[Candidate]:
    """The bundled example's partners, each at every pair of half-point scores.

    The same list in both processes: nothing drawn at random.
    """
    project = example()
    return [
        Candidate(
            placement.partner,
            project.assessments[placement.partner.id],
            attrs.evolve(placement.importance_score, value=importance),
            attrs.evolve(placement.ease_score, value=ease),
        )
        for placement in prioritise(project, _matrix(project), as_of=_AS_OF)
        for importance in _HALF_POINTS[::2]
        for ease in _HALF_POINTS[::2]
    ]


def _answers(rule: Rule, project_text: str) -> list[str]:
    """What ``rule`` says about the example's candidates and a whole project, as text."""
    lines = []
    for candidate in _example_candidates():
        try:
            lines.append(f"{candidate.partner.id}: {rule.place(candidate)!r}")
        except Exception as error:  # noqa: BLE001 - an answer like any other, compared
            lines.append(f"{candidate.partner.id}: raised {type(error).__name__}: {error}")
    try:
        placements = list(prioritise(loads(project_text, "json"), rule, as_of=_AS_OF))
    except Exception as error:  # noqa: BLE001 - other invariants name it; here it is compared
        return [*lines, f"prioritise raised {type(error).__name__}: {error}"]
    for placement in placements:
        reasons = " | ".join(placement.explain("en"))
        lines.append(
            f"rank {placement.rank}: {placement.partner.id} {placement.quadrant.value} "
            f"{placement.priority!r} {placement.importance!r} {placement.ease!r} {reasons}"
        )
    return lines


# -- privacy: contact data marked so that a leak is unmistakable --------------------------------


def _secrets(partner: str) -> tuple[Contact, Assessment, list[PersonalValue]]:
    name, email = f"{_MARK}Navn", f"{_MARK.lower()}@example.dk"
    contact = Contact(name, email, "+45 99 88 77 66", f"{_MARK}Rolle")
    assessment = Assessment(
        partner,
        importance=4,
        ease=4,
        contact=name,
        ratings=(Rating(f"{_MARK}Bedømmer", 4, 4),),
        by=f"{_MARK}Vurderer",
    )
    values = [
        PersonalValue("contact.name", name, partner),
        PersonalValue("contact.email", email, partner),
        PersonalValue("contact.phone", "+45 99 88 77 66", partner),
        PersonalValue("contact.role", f"{_MARK}Rolle", partner),
        PersonalValue("rating.rater", f"{_MARK}Bedømmer", partner),
        PersonalValue("assessment.by", f"{_MARK}Vurderer", partner),
    ]
    return contact, assessment, values


def _leaks(texts: Iterator[tuple[str, str]], values: list[PersonalValue]) -> str | None:
    """The first planted value found in ``texts`` (where, text), said as evidence."""
    for where, text in texts:
        for finding in find_in_text(text, values):
            return (
                f"{where} holds the {finding.value.field} {finding.value.value!r} "
                f"({finding.form}): {text!r}"
            )
    return None


def _with_rule(project: Project, rule: str, options: Mapping[str, Any]) -> Project:
    """``project`` whose own rule is ``rule``, configured with ``options``."""
    project.priority_settings = attrs.evolve(project.priority_settings, rule=rule, options=options)
    return project


def check_rule(  # noqa: C901, PLR0915 - one closure per invariant, read top to bottom
    rule: Rule,
    *,
    options: Mapping[str, Any] | st.SearchStrategy[Mapping[str, Any]] | None = None,
    profile: Literal["quick", "thorough"] = "quick",
    max_examples: int | None = None,
    processes: bool = True,
) -> None:
    """Check ``rule`` against every invariant in :data:`INVARIANTS`.

    Raises :class:`RuleContractError` for the first invariant the rule breaks, with the
    evidence. ``options`` are the ``[prioritisation.options]`` a rule with
    ``bind(context)`` is checked with: a mapping, or a hypothesis strategy of them (the
    default is none). ``profile`` chooses how many examples (:data:`RULE_PROFILES`);
    ``max_examples`` sets them per invariant instead. ``processes=False`` skips the
    check in a second process (a rule that cannot be pickled: defined in a function).
    """
    name = str(getattr(rule, "name", type(rule).__name__))
    cheap, costly = RULE_PROFILES[profile] if max_examples is None else (max_examples,) * 2
    drawn_options: st.SearchStrategy[Mapping[str, Any]] = (
        st.just({})
        if options is None
        else options
        if isinstance(options, st.SearchStrategy)
        else st.just(options)
    )

    def config(examples: int) -> settings:
        return settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            # No "explain" phase: it re-runs the failing example many times to say which
            # parts matter, and the evidence in the message already says what went wrong.
            phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
        )

    configured = st.builds(
        lambda project, chosen: _with_rule(project, name, chosen), projects(), drawn_options
    )

    placer = rule  # what places single candidates: the rule as bind() prepares it

    def well_formed() -> None:
        nonlocal placer
        problems = rule_problems(rule)
        assert not problems, "; ".join(str(problem) for problem in problems)
        texts = getattr(rule, "labels", None)
        if texts is not None:
            register_labels(texts)
        if callable(getattr(rule, "bind", None)):
            project = _with_rule(example(), name, _first_options(drawn_options))
            placer = bind_rule(rule, project, as_of=_AS_OF, name=name)

    @config(cheap)
    @given(candidates())
    def valid(candidate: Candidate) -> None:
        decision = _decide(placer, candidate)
        for language in Language:
            try:
                render(decision.reasons, language)
            except Exception as error:
                raise AssertionError(
                    f"a reason cannot be said in {language.value!r}: {error} (register a "
                    "plugin's own label keys with civsam.register_labels or the rule's "
                    "labels)"
                ) from error

    @config(cheap)
    @given(candidates())
    def deterministic(candidate: Candidate) -> None:
        with seeded(1):
            first = _decide(placer, candidate)
        with seeded(2):
            again = _decide(placer, attrs.evolve(candidate))
        assert first == again, (
            f"place() gave {first!r}, then {again!r}, for the same candidate (random seeded "
            "differently between the two calls)"
        )

    def across_processes() -> None:
        if not processes:
            return
        project_text = dumps(_with_rule(example(), name, _first_options(drawn_options)), "json")
        here = _answers(rule, project_text)
        try:
            there = in_second_process(_answers, rule, project_text)
        except SecondProcessError as error:
            raise AssertionError(f"{error} (pass processes=False to skip this check)") from None
        difference = text_difference("\n".join(here), "\n".join(there))
        assert difference is None, (
            "the second process (another PYTHONHASHSEED, a clock moved forward, random "
            f"seeded differently) placed differently: {difference}"
        )

    @config(cheap)
    @given(candidates(), st.sampled_from(["importance", "ease"]), st.sampled_from([0.5, 1, 2, 4]))
    def monotone(candidate: Candidate, axis: str, by: float) -> None:
        # The drawn raise, then every half point up the same axis: a threshold anywhere
        # on the line is crossed, whatever scores hypothesis happened to draw.
        score: Score = getattr(candidate, axis)
        steps = [(score, by), *((attrs.evolve(score, value=v), 0.5) for v in _HALF_POINTS[:-1])]
        for low, step in steps:
            lower, higher = _at(candidate, axis, low), _at(candidate, axis, _raised(low, step))
            before, after = _quadrant(placer, lower), _quadrant(placer, higher)
            assert after.order <= before.order, (
                f"raising {axis} from {low.value} to {getattr(higher, axis).value} moved "
                f"the partner from {before.value} to {after.value}"
            )

    @config(costly)
    @given(configured)
    def total_and_ranked(project: Project) -> None:
        prio = _prioritise(project, rule)
        placed = [p.partner.id for p in prio]
        assert sorted(placed) == sorted(project.assessments), (
            f"placed {sorted(placed)}, but the assessed partners are {sorted(project.assessments)}"
        )
        assert [p.rank for p in prio] == list(range(1, len(prio) + 1)), "ranks are not 1..n"
        orders = [p.quadrant.order for p in prio]
        assert orders == sorted(orders), "ranks do not follow the quadrant order"

    @config(costly)
    @given(configured, st.integers(0, 2**32))
    def independent_of_order(project: Project, seed: int) -> None:
        first = list(_prioritise(project, rule))
        again = list(_prioritise(_shuffled(project, seed), rule))
        assert first == again, "shuffling organisations and assessments changed the placements"

    @config(costly)
    @given(configured)
    def independent_of_language(project: Project) -> None:
        danish = list(_prioritise(project, rule, language=Language.DA))
        english = list(_prioritise(project, rule, language=Language.EN))
        assert danish == english, "the language changed the placements"

    @config(cheap)
    @given(candidates(), drawn_options)
    def private(candidate: Candidate, chosen: Mapping[str, Any]) -> None:
        partner = candidate.partner
        contact, assessment, values = _secrets(partner.id)
        marked = attrs.evolve(
            candidate,
            partner=attrs.evolve(partner, contacts=(contact, *partner.contacts)),
            assessment=attrs.evolve(
                assessment,
                importance=candidate.assessment.importance,
                ease=candidate.assessment.ease,
            ),
        )
        decision = _decide(placer, marked)
        leak = _leaks(
            (
                (f"a reason in {language.value!r}", text)
                for language in Language
                for text in render(decision.reasons, language)
            ),
            values,
        )
        assert leak is None, f"{leak}, for a candidate whose contact data is marked"
        project = _with_rule(example(), name, chosen)
        known = next(iter(project.assessments))
        contact, assessment, planted = _secrets(known)
        project.replace(attrs.evolve(project.organisations[known], contacts=(contact,)))
        project.assess(known, contact=contact.name, ratings=assessment.ratings, by=assessment.by)
        answer = ReadinessAnswer(
            next(iter(ReadinessPoint)), in_place=True, date=_AS_OF, answered_by=f"{_MARK}Svarer"
        )
        project.record(answer)
        values = [*planted, PersonalValue("readiness.answered_by", f"{_MARK}Svarer", None)]
        leak = _leaks(
            (
                (f"the reasons of {placement.partner.id!r} in {language.value!r}", text)
                for placement in _prioritise(project, rule)
                for language in Language
                for text in placement.explain(language)
            ),
            values,
        )
        assert leak is None, f"{leak}, in the bundled example with marked contact data"

    @config(costly)
    @given(configured)
    def read_only(project: Project) -> None:
        before = dumps(project, "json")
        _prioritise(project, rule)
        assert dumps(project, "json") == before, "bind() or place() changed the project"

    checks: tuple[Callable[[], None], ...] = (
        well_formed,
        valid,
        deterministic,
        across_processes,
        monotone,
        total_and_ranked,
        independent_of_order,
        independent_of_language,
        private,
        read_only,
    )
    failure = first_failure(zip(INVARIANTS, checks, strict=True))
    if failure is not None:
        raise RuleContractError(name, *failure)


def _first_options(strategy: st.SearchStrategy[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The simplest options ``strategy`` gives: the second process checks with those."""
    return find(strategy, lambda _: True, settings=settings(database=None))
