"""The core never reaches into the plugin registry, and nothing imports its way around a cycle.

Rule and format *names* are resolved at the edge (``civsam.lookup``, ``civsam.exporting``,
the command line). Loading, prioritising with a rule object, planning and reporting run
without loading a single plugin, so a test that uses no plugin needs no registry reset.
The import-linter ``layers`` contract (``nox -s architecture``) holds the direction; these
tests hold what it cannot see: what runs, and imports hidden inside functions.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import civsam
from _fake_plugins import FakeInstall, fake_install
from civsam import prioritisation

SRC = Path(__file__).resolve().parent.parent / "src" / "civsam"
AS_OF = dt.date(2026, 1, 1)

LOCAL_IMPORTS = {
    ("project.py", "civsam._graph"): "networkx loads only when a project's graph is asked for",
}
"""Function-local imports of civsam modules, each with why it is local (never a cycle)."""


def test_the_core_runs_without_loading_the_plugin_registry() -> None:
    """Load, prioritise, plan, report, query the network in a new interpreter: no plugin loads."""
    script = """
import datetime as dt, json, sys
import civsam
from civsam import plugins, prioritisation, report
day = dt.date(2026, 1, 1)
project = civsam.load(sys.argv[1])
ranking = prioritisation.prioritise(project, as_of=day)
civsam.plan(project, ranking, as_of=day)
civsam.due(project, day, ranking)
civsam.checklists(project)
civsam.readiness(project)
civsam.brokers(project)
made = report.make_report(project, as_of=day)
made.plan, made.due, made.checklists
civsam.prioritise(project, as_of=day)  # the edge, with the project's own rule: the matrix
print(json.dumps({"registry": plugins._plugins is not None}))
"""
    example = SRC / "data" / "example.toml"
    done = subprocess.run(  # noqa: S603 - this interpreter, this test's script
        [sys.executable, "-c", script, str(example)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {"registry": False}


BY_EASE = """
import civsam

class ByEase:
    name = "by-ease"

    def place(self, candidate):
        return civsam.Quadrant.START_HERE if candidate.ease.value >= 3 else civsam.Quadrant.NOT_NOW

@civsam.hookimpl
def civsam_rules():
    return [ByEase()]
"""


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeInstall]:
    """A place to install fake plugins; plugins and their modules are forgotten afterwards."""
    yield from fake_install(
        tmp_path, monkeypatch, dist="ease-plugin", name="ease", module="ease_plugin_mod"
    )


def test_the_core_takes_a_rule_and_says_where_names_are_looked_up(install: FakeInstall) -> None:
    """The core refuses a name, pointing at civsam.prioritise and civsam.rules()."""
    install.add(BY_EASE)
    project = civsam.example()
    with pytest.raises(civsam.RuleError) as caught:
        prioritisation.prioritise(project, "matrix", as_of=AS_OF)  # type: ignore[arg-type]
    assert "not a rule" in str(caught.value)
    project.priority_settings = civsam.PrioritySettings(rule="by-ease")
    with pytest.raises(civsam.RuleError) as named:
        prioritisation.prioritise(project, as_of=AS_OF)
    assert named.value.rule == "by-ease"
    assert "civsam.prioritise(project)" in str(named.value)
    assert "civsam.rules()" in str(named.value)
    looked_up = civsam.prioritise(project, as_of=AS_OF)  # the edge looks the name up
    assert looked_up.rule == "by-ease"
    assert list(looked_up) == list(
        prioritisation.prioritise(project, civsam.rules()["by-ease"], as_of=AS_OF)
    )
    assert {p.quadrant for p in looked_up} == {civsam.Quadrant.START_HERE, civsam.Quadrant.NOT_NOW}


def test_rules_and_exporters_are_looked_up_alike() -> None:
    """rules() and exporters() are the two look-ups: name → the object the core takes."""
    found_rules, found_exporters = civsam.rules(), civsam.exporters()
    assert "matrix" in found_rules
    assert isinstance(found_rules["matrix"], civsam.Rule)
    assert {"csv", "markdown"} <= set(found_exporters)
    assert all(isinstance(item, civsam.Exporter) for item in found_exporters.values())
    assert all(name == item.name for name, item in found_rules.items())
    assert all(name == item.name for name, item in found_exporters.items())


def _local_imports(root: Path = SRC) -> list[tuple[str, str, int]]:
    """(file, civsam module, line) of each import inside a function under ``root``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and inner.level == 0:
                    names = [inner.module or ""]
                elif isinstance(inner, ast.Import):
                    names = [alias.name for alias in inner.names]
                else:
                    continue
                relative = path.relative_to(root).as_posix()
                found += [
                    (relative, name, inner.lineno)
                    for name in names
                    if name == "civsam" or name.startswith("civsam.")
                ]
    return found


def test_no_function_imports_civsam_to_get_around_a_cycle() -> None:
    """Every function-local import of a civsam module is listed here with its reason."""
    found = {(path, module) for path, module, _line in _local_imports()}
    unexplained = sorted(found - set(LOCAL_IMPORTS))
    assert not unexplained, f"function-local civsam imports without a reason: {unexplained}"
    assert set(LOCAL_IMPORTS) <= found, "a listed local import is gone: drop it from the list"


def test_the_local_import_check_sees_a_function_local_import(tmp_path: Path) -> None:
    """The scan finds imports inside functions, nested ones too, and ignores top-level ones."""
    (tmp_path / "module.py").write_text(
        "import civsam.model\n"
        "def f():\n"
        "    from civsam.plugins import plugins\n"
        "    def g():\n"
        "        import civsam.report, json\n"
        "    return plugins\n",
        encoding="utf-8",
    )
    found = {(path, module) for path, module, _line in _local_imports(tmp_path)}
    assert found == {("module.py", "civsam.plugins"), ("module.py", "civsam.report")}


def test_planning_a_project_that_names_a_plugins_rule_takes_its_prioritisation(
    install: FakeInstall,
) -> None:
    """plan() alone cannot look a name up; given civsam.prioritise's result, it plans."""
    install.add(BY_EASE)
    project = civsam.example()
    project.priority_settings = civsam.PrioritySettings(rule="by-ease")
    with pytest.raises(civsam.RuleError, match=r"civsam\.prioritise\(project\)"):
        civsam.plan(project, as_of=AS_OF)
    ranking = civsam.prioritise(project, as_of=AS_OF)
    schedule = civsam.plan(project, ranking, as_of=AS_OF)
    assert schedule.start == AS_OF
    assert civsam.make_report(project, as_of=AS_OF).prioritisation.rule == "by-ease"
