"""Test kit for users of civsam: hypothesis strategies for the model.

Use them in your own property tests::

    from hypothesis import given
    from civsam.testing import projects

    @given(projects())
    def test_my_report_never_fails(project):
        my_report(project)

Every strategy fills optional fields too (hypothesis' ``builds`` would leave defaulted
fields at their defaults), and text can be hostile: pipes, quotes, newlines, formulas,
markup, Danish letters and emoji. ``hypothesis`` is needed to import this module.
"""

from civsam.testing._strategies import (
    assessments,
    contacts,
    identifiers,
    names,
    organisations,
    projects,
    relations,
    texts,
)

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
