"""Test kit for users of civsam: hypothesis strategies for the model.

Use them in your own property tests::

    from hypothesis import given
    from civsam.testing import projects

    @given(projects())
    def test_my_report_never_fails(project):
        my_report(project)

``check_rule(rule)`` property-tests your own prioritisation rule against the invariants
civsam promises (valid, deterministic, monotone, total and ranked, independent of input
order and of language) and reports the smallest counterexample it finds.

``check_exporter(exporter)`` checks an export format against civsam's promises: it
writes bytes, deterministically, copes with an empty project and hostile text, shows no
contact person unless asked to, and leaves the report unchanged.

Every strategy fills optional fields too (hypothesis' ``builds`` would leave defaulted
fields at their defaults), and text can be hostile: pipes, quotes, newlines, formulas,
markup, Danish letters and emoji. ``hypothesis`` is needed to import this module.
"""

from civsam.testing._exporters import EXPORTER_PROMISES, ExporterContractError, check_exporter
from civsam.testing._rules import INVARIANTS, RuleContractError, candidates, check_rule
from civsam.testing._strategies import (
    assessments,
    contacts,
    identifiers,
    item_reviews,
    names,
    organisations,
    outreach_entries,
    plan_settings,
    priority_settings,
    projects,
    ratings,
    readiness_answers,
    relations,
    reviews,
    texts,
    touchpoints,
)

__all__ = [
    "EXPORTER_PROMISES",
    "INVARIANTS",
    "ExporterContractError",
    "RuleContractError",
    "assessments",
    "candidates",
    "check_exporter",
    "check_rule",
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
