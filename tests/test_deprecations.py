"""Every renamed name keeps working, warns once per use, and the warning points at the caller.

A rename must never break a user's code silently: the old name gives what the new one
gives, with a ``DeprecationWarning`` whose file and line are the user's own (so that
``-W error::DeprecationWarning`` and IDEs show the line to change), naming the new name.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import civsam
from civsam import planning, report

AS_OF = dt.date(2026, 1, 1)


def _old_and_new() -> list[tuple[str, Callable[[], Any], Callable[[], Any], str]]:
    project = civsam.example()
    made = civsam.make_report(project, as_of=AS_OF)
    ranking = civsam.prioritise(project, as_of=AS_OF)
    return [
        (
            "Project.prioritisation",
            lambda: project.prioritisation,
            lambda: project.priority_settings,
            "Project.priority_settings",
        ),
        (
            "Project.planning",
            lambda: project.planning,
            lambda: project.plan_settings,
            "Project.plan_settings",
        ),
        (
            "Project.readiness",
            lambda: project.readiness,
            lambda: project.readiness_answers,
            "Project.readiness_answers",
        ),
        ("Report.today", lambda: made.today, lambda: made.as_of, "Report.as_of"),
        (
            "Report(start=…)",
            lambda: civsam.Report(project, ranking, civsam.Language.DA, start=AS_OF).as_of,
            lambda: civsam.Report(project, ranking, civsam.Language.DA, as_of=AS_OF).as_of,
            "Report(as_of=…)",
        ),
        (
            "available_rules()",
            lambda: dict(civsam.available_rules()),
            lambda: dict(civsam.rules()),
            "civsam.rules()",
        ),
        (
            "plan(start=…)",
            lambda: civsam.plan(project, ranking, start=AS_OF),
            lambda: civsam.plan(project, ranking, as_of=AS_OF),
            "plan(as_of=…)",
        ),
        (
            "due(today=…)",
            lambda: civsam.due(project, prioritisation=ranking, today=AS_OF),
            lambda: civsam.due(project, AS_OF, ranking),
            "due(as_of=…)",
        ),
        (
            "make_report(start=…)",
            lambda: civsam.make_report(project, as_of=AS_OF, start=AS_OF).plan,
            lambda: civsam.make_report(project, as_of=AS_OF, plan_from=AS_OF).plan,
            "make_report(plan_from=…)",
        ),
        (
            "export(project, …)",
            lambda: civsam.export(project, "csv", as_of=AS_OF),  # type: ignore[arg-type]
            lambda: civsam.export(civsam.make_report(project, as_of=AS_OF), "csv"),
            "export_project(project, …)",
        ),
        (
            "civsam.io.dumps",
            lambda: civsam.io.dumps(project),
            lambda: civsam.files.dumps(project),
            "civsam.files.dumps",
        ),
        (
            "civsam.table.placeholder_owner",
            lambda: civsam.table.placeholder_owner("da"),
            lambda: civsam.files.placeholder_owner("da"),
            "civsam.files.placeholder_owner",
        ),
    ]


CASES = _old_and_new()


@pytest.mark.parametrize(("old", "use_old", "use_new", "new"), CASES, ids=[c[0] for c in CASES])
def test_an_old_name_gives_what_the_new_one_gives_and_warns_at_the_callers_line(
    old: str, use_old: Callable[[], Any], use_new: Callable[[], Any], new: str
) -> None:
    """Same value; one DeprecationWarning naming the new name, filed under this test file."""
    del old
    import civsam.io  # noqa: PLC0415 - the deprecated modules, as a user imports them
    import civsam.table  # noqa: F401, PLC0415

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        expected = use_new()
    with pytest.warns(DeprecationWarning, match="is deprecated; use") as caught:
        found = use_old()
    assert found == expected
    assert len(caught) == 1, [str(w.message) for w in caught]
    assert new in str(caught[0].message)
    assert caught[0].filename == __file__, "the warning must point at the caller's line"


def test_a_project_setting_set_through_its_old_name_is_set() -> None:
    """Assigning the old attribute warns and sets the new one."""
    project = civsam.example()
    settings = civsam.PrioritySettings(importance_threshold=3)
    with pytest.warns(DeprecationWarning, match="priority_settings"):
        project.prioritisation = settings
    assert project.priority_settings == settings
    plan_settings = civsam.PlanSettings(capacity=1)
    with pytest.warns(DeprecationWarning, match="plan_settings"):
        project.planning = plan_settings
    assert project.plan_settings == plan_settings


def test_a_ready_report_with_report_options_is_refused() -> None:
    """export(report, language=…) still says the options belong to make_report."""
    made = civsam.make_report(civsam.example(), as_of=AS_OF)
    with pytest.raises(civsam.CivsamError, match="make_report"):
        civsam.export(made, "csv", language="en")


def test_export_project_reads_a_project_file(tmp_path: Any) -> None:
    """export_project takes a path to a project file as well as a Project."""
    path = tmp_path / "plan.toml"
    civsam.save(civsam.example(), path)
    out = io.BytesIO()
    data = civsam.export_project(path, "csv", out, as_of=AS_OF)
    assert data == out.getvalue() == civsam.export_project(civsam.example(), "csv", as_of=AS_OF)


def test_the_core_functions_behind_the_edge_take_the_new_words_only() -> None:
    """report.make_report and planning.plan take as_of; no deprecated spelling inside."""
    project = civsam.example()
    project.plan_settings = attrs.evolve(project.plan_settings, start=None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        made = report.make_report(project, as_of=AS_OF)
        assert made.as_of == AS_OF
        assert planning.plan(project, made.prioritisation, as_of=AS_OF) == made.plan
