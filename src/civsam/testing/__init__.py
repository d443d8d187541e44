"""Test kit for users of civsam: hypothesis strategies for the model.

Use them in your own property tests::

    from hypothesis import given
    from civsam.testing import projects

    @given(projects())
    def test_my_report_never_fails(project):
        my_report(project)

``check_rule(rule)`` property-tests your own prioritisation rule against the invariants
civsam promises (well formed, valid, deterministic here and in a second process,
monotone, total and ranked, independent of input order and of language, private,
read-only) and reports the evidence: the smallest counterexample, the exception and its
input, the first difference, the leaked contact.

``check_exporter(exporter)`` checks an export format against civsam's promises: it keeps
the exporter contract, writes bytes, deterministically (in a second process with another
hash seed and a moved clock too), copes with an empty project and hostile text, shows no
contact person unless asked to (in any encoding, zip members included), and leaves the
report unchanged.

Both take ``profile="quick"`` (the default: seconds, for the edit-test loop) or
``profile="thorough"`` (a minute or two, for CI).

Every strategy fills optional fields too (hypothesis' ``builds`` would leave defaulted
fields at their defaults), and text can be hostile: pipes, quotes, newlines, formulas,
markup, Danish letters and emoji. ``hypothesis`` is needed to import this module:
``pip install civsam[testing]`` brings it.
"""

from civsam.testing._exporters import (
    EXPORTER_PROFILES,
    EXPORTER_PROMISES,
    SOURCE_DATE,
    ExporterContractError,
    check_exporter,
)
from civsam.testing._process import CLOCK_SHIFT
from civsam.testing._rules import (
    INVARIANTS,
    RULE_PROFILES,
    RuleContractError,
    candidates,
    check_rule,
)
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
    "CLOCK_SHIFT",
    "EXPORTER_PROFILES",
    "EXPORTER_PROMISES",
    "INVARIANTS",
    "RULE_PROFILES",
    "SOURCE_DATE",
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
