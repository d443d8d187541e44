"""Plugins through the ``civsam`` entry-point group, with fake distributions on sys.path."""

from __future__ import annotations

import datetime as dt
import inspect
import itertools
import logging
import sys
import textwrap
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import civsam
import civsam.hookspecs
from _fake_plugins import FakeInstall, fake_install
from civsam import MatrixRule, Quadrant
from civsam.cli import main
from civsam.plugins import (
    PluginFailure,
    PluginInfo,
    Plugins,
    load_plugins,
    plugins,
    reset_plugins,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 1, 1)
BUILTIN = PluginInfo("civsam._builtin")
"""civsam's own rule plugin, registered before any entry point."""

TINY_RULE = """
import civsam


class Tiny:
    name = "tiny"

    def place(self, candidate):
        easy = candidate.ease.value >= 3
        quadrant = civsam.Quadrant.START_HERE if easy else civsam.Quadrant.NOT_WORTH_IT
        return civsam.Decision(quadrant, candidate.ease.value)


@civsam.hookimpl
def civsam_rules():
    return [Tiny()]
"""
"""A plugin with one rule, ``tiny``: ease 3 or more starts here, the rest is not worth it."""


def rule_plugin(rule_name: str) -> str:
    """A plugin module providing one rule called ``rule_name`` (everyone: discuss)."""
    return textwrap.dedent(
        f"""
        import civsam


        class Rule:
            name = {rule_name!r}

            def place(self, candidate):
                return civsam.Quadrant.DISCUSS


        @civsam.hookimpl
        def civsam_rules():
            return [Rule()]
        """
    )


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeInstall]:
    """A place to install fake plugins; plugins and their modules are forgotten afterwards."""
    yield from fake_install(
        tmp_path, monkeypatch, dist="my-plugin", name="my_rules", module="my_plugin_mod"
    )


def third_party(loaded: Plugins) -> tuple[PluginInfo, ...]:
    """The loaded plugins that are not civsam's own (civsam registers its exporters too)."""
    assert loaded.loaded[0] == BUILTIN
    return tuple(info for info in loaded.loaded if info.distribution not in {None, "civsam"})


def section(out: str, heading: str) -> list[str]:
    """The indented lines under ``heading`` in the output of `civsam plugins`."""
    lines = out.splitlines()
    assert heading in lines, out
    following = lines[lines.index(heading) + 1 :]
    return list(itertools.takewhile(lambda line: line.startswith("  "), following))


def project() -> civsam.Project:
    """Two partners: a (ease 4) and b (ease 1)."""
    owner = civsam.Organisation("kommune", "Kommune")
    return civsam.Project(
        "Test",
        owner,
        organisations=[civsam.Organisation("a", "A"), civsam.Organisation("b", "B")],
        assessments=[
            civsam.Assessment("a", importance=1, ease=4),
            civsam.Assessment("b", importance=5, ease=1),
        ],
    )


# -- a working plugin ------------------------------------------------------------------------


def test_hook_civsam_rules(install: FakeInstall) -> None:
    """A plugin's rule is listed beside matrix, with the plugin it came from."""
    install.add(TINY_RULE)
    loaded = load_plugins()
    assert sorted(civsam.rules()) == ["matrix", "tiny"]
    assert third_party(loaded) == (PluginInfo("my_rules", "my-plugin", "1.0"),)
    assert loaded.rules()["tiny"].plugin == PluginInfo("my_rules", "my-plugin", "1.0")
    assert loaded.rules()["matrix"].plugin == BUILTIN
    assert loaded.failures == ()


def test_a_plugins_rule_is_chosen_by_name(install: FakeInstall) -> None:
    """prioritise(project, "tiny") places partners with the plugin's rule."""
    install.add(TINY_RULE)
    prio = civsam.prioritise(project(), "tiny", as_of=AS_OF)
    assert prio.rule == "tiny"
    assert [(p.partner.id, p.quadrant, p.rank, p.rule) for p in prio] == [
        ("a", Quadrant.START_HERE, 1, "tiny"),
        ("b", Quadrant.NOT_WORTH_IT, 2, "tiny"),
    ]


def test_a_plugins_rule_is_chosen_in_the_project_file(install: FakeInstall) -> None:
    """[prioritisation] rule = "tiny" makes prioritise(project) use the plugin's rule."""
    install.add(TINY_RULE)
    text = civsam.dumps(project()).replace(
        "[[organisations]]", '[prioritisation]\nrule = "tiny"\n\n[[organisations]]', 1
    )
    loaded = civsam.loads(text)
    assert loaded.priority_settings.rule == "tiny"
    prio = civsam.prioritise(loaded, as_of=AS_OF)
    assert (prio.rule, prio["a"].quadrant, prio["b"].quadrant) == (
        "tiny",
        Quadrant.START_HERE,
        Quadrant.NOT_WORTH_IT,
    )


def test_a_plugins_rule_is_chosen_on_the_command_line(
    install: FakeInstall, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command `civsam matrix --rule tiny` draws the board with the plugin's rule."""
    install.add(TINY_RULE)
    path = tmp_path / "project.toml"
    civsam.save(project(), path)
    assert main(["matrix", str(path), "--rule", "tiny", "--today", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1] == "Placeret efter reglen tiny."
    assert "Lad os starte her (1)" in out


def test_civsam_plugins_lists_a_plugins_rules_and_failures(
    install: FakeInstall, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command `civsam plugins` names each rule's plugin and distribution, and failures."""
    install.add(TINY_RULE)
    install.add("import no_such_module_for_civsam\n", dist="broken", name="broken", module="brk")
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert section(out, "Rules:") == [
        "  matrix               built in (plugin civsam._builtin)",
        "  tiny                 my-plugin 1.0 (plugin my_rules)",
    ]
    assert section(out, "Plugins that failed:") == [
        (
            "  broken (broken 1.0): failed to load: ModuleNotFoundError: "
            "No module named 'no_such_module_for_civsam'"
        )
    ]


def test_plugins_are_loaded_once_and_again_after_a_reset(install: FakeInstall) -> None:
    """plugins() keeps what it loaded; reset_plugins() makes the next use load again."""
    first = plugins()
    assert plugins() is first
    install.add(TINY_RULE)
    assert "tiny" not in civsam.rules()
    reset_plugins()
    assert plugins() is not first
    assert "tiny" in civsam.rules()


# -- plugins that fail -------------------------------------------------------------------------


def test_a_plugin_that_fails_to_import_is_reported_and_others_still_load(
    install: FakeInstall,
) -> None:
    """An ImportError is reported with the plugin's name, distribution and version."""
    install.add(TINY_RULE)
    install.add(
        "import no_such_module_for_civsam\n",
        dist="broken-plugin",
        version="0.3",
        name="broken",
        module="broken_mod",
    )
    loaded = load_plugins()
    assert loaded.failures == (
        PluginFailure(
            "broken",
            "failed to load: ModuleNotFoundError: No module named 'no_such_module_for_civsam'",
            "broken-plugin",
            "0.3",
        ),
    )
    assert str(loaded.failures[0]) == (
        "broken (broken-plugin 0.3): failed to load: ModuleNotFoundError: "
        "No module named 'no_such_module_for_civsam'"
    )
    assert sorted(civsam.rules()) == ["matrix", "tiny"]


def test_a_plugin_with_a_syntax_error_is_reported_and_others_still_load(
    install: FakeInstall,
) -> None:
    """A SyntaxError in a plugin's module is caught like any other import failure."""
    install.add("def civsam_rules(:\n", dist="aaa-broken", name="aaa", module="aaa_mod")
    install.add(TINY_RULE)
    loaded = load_plugins()
    [failure] = loaded.failures
    assert (failure.name, failure.distribution, failure.version) == ("aaa", "aaa-broken", "1.0")
    assert failure.error.startswith("failed to load: SyntaxError: ")
    assert "aaa_mod.py" in failure.error
    assert sorted(civsam.rules()) == ["matrix", "tiny"]


def test_a_failing_plugin_is_logged_as_a_warning(
    install: FakeInstall, caplog: pytest.LogCaptureFixture
) -> None:
    """Each failure is also a warning on the civsam.plugins logger (standard error)."""
    install.add("raise RuntimeError('no config')\n")
    with caplog.at_level(logging.WARNING, logger="civsam.plugins"):
        load_plugins()
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        (
            "civsam.plugins",
            logging.WARNING,
            "civsam plugin my_rules (my-plugin 1.0): failed to load: RuntimeError: no config",
        )
    ]


def test_a_plugin_without_the_hookimpl_marker_is_reported(install: FakeInstall) -> None:
    """A function called civsam_rules without @civsam.hookimpl is no hook: reported, not lost."""
    install.add("import civsam\n\ndef civsam_rules():\n    return [civsam.MatrixRule(1, 1)]\n")
    loaded = load_plugins()
    [failure] = loaded.failures
    assert (failure.name, failure.distribution, failure.version) == ("my_rules", "my-plugin", "1.0")
    assert failure.error.startswith(
        "provides no civsam hook; mark its hook functions with @civsam.hookimpl "
        "and name them after a hook (civsam_rules"
    )
    assert third_party(loaded) == ()
    assert dict(civsam.rules()) == {"matrix": MatrixRule()}


def test_a_plugin_with_a_misspelt_hook_is_reported(install: FakeInstall) -> None:
    """@civsam.hookimpl on civsam_rulez (no such hook) is reported, and the plugin dropped."""
    install.add(TINY_RULE.replace("def civsam_rules", "def civsam_rulez"))
    loaded = load_plugins()
    [failure] = loaded.failures
    assert (failure.name, failure.distribution, failure.version) == ("my_rules", "my-plugin", "1.0")
    assert failure.error.startswith(
        "has a hook function civsam does not know: unknown hook 'civsam_rulez' in plugin "
    )
    assert third_party(loaded) == ()
    assert list(civsam.rules()) == ["matrix"]


def test_a_plugin_whose_hook_raises_is_reported_and_other_rules_load(
    install: FakeInstall,
) -> None:
    """civsam_rules() raising is reported by plugin; the other plugins' rules are there."""
    install.add(
        "import civsam\n\n@civsam.hookimpl\ndef civsam_rules():\n    raise KeyError('setting')\n",
        dist="raising",
        name="raiser",
        module="raiser_mod",
    )
    install.add(TINY_RULE)
    assert sorted(civsam.rules()) == ["matrix", "tiny"]
    assert plugins().failures == (
        PluginFailure("raiser", "civsam_rules() raised KeyError: 'setting'", "raising", "1.0"),
    )


def test_a_plugin_giving_something_that_is_not_a_rule_is_reported(install: FakeInstall) -> None:
    """Invalid items are reported one by one; the plugin's valid rules are kept."""
    install.add(
        TINY_RULE.replace("return [Tiny()]", "return [object(), Tiny(), Unnamed()]").replace(
            "class Tiny:",
            "class Unnamed:\n    name = ''\n    def place(self, c): ...\n\n\nclass Tiny:",
        )
    )
    assert sorted(civsam.rules()) == ["matrix", "tiny"]
    assert plugins().failures == (
        PluginFailure(
            "my_rules",
            "gave an invalid rule: object has no 'name' and 'place(candidate)'",
            "my-plugin",
            "1.0",
        ),
        PluginFailure(
            "my_rules",
            "gave an invalid rule: its name is '' (expected 1 to 64 letters (a-z, A-Z), digits, "
            "'-', '_' or '.', starting with a letter or a digit, such as 'xlsx')",
            "my-plugin",
            "1.0",
        ),
    )


def test_two_plugins_claiming_one_rule_name_are_both_refused(install: FakeInstall) -> None:
    """Neither is used (install order must not decide), and the failure names both."""
    install.add(rule_plugin("shared"), dist="first-plugin", name="first", module="first_mod")
    install.add(rule_plugin("shared"), dist="second-plugin", name="second", module="second_mod")
    assert list(civsam.rules()) == ["matrix"]
    message = (
        "the rule name 'shared' is claimed by first-plugin 1.0 (plugin first) and "
        "second-plugin 1.0 (plugin second); none of them is used"
    )
    assert plugins().failures == (
        PluginFailure("first", message, "first-plugin", "1.0"),
        PluginFailure("second", message, "second-plugin", "1.0"),
    )
    with pytest.raises(civsam.RuleError) as info:
        civsam.prioritise(project(), "shared", as_of=AS_OF)
    assert str(info.value) == "rule 'shared': no rule has this name; the rules there are: matrix"


def test_a_plugin_claiming_matrix_is_refused_and_the_builtin_kept(install: FakeInstall) -> None:
    """The built-in matrix rule cannot be replaced; the plugin that tries is reported."""
    install.add(rule_plugin("matrix"))
    assert dict(civsam.rules()) == {"matrix": MatrixRule()}
    assert plugins().failures == (
        PluginFailure(
            "my_rules",
            "the rule name 'matrix' is claimed by built in (plugin civsam._builtin) and "
            "my-plugin 1.0 (plugin my_rules); the built-in one is kept",
            "my-plugin",
            "1.0",
        ),
    )
    assert civsam.prioritise(project(), "matrix", as_of=AS_OF)["b"].quadrant is Quadrant.DISCUSS


def test_an_entry_point_without_a_distribution_cannot_replace_matrix(
    install: FakeInstall,
) -> None:
    """An entry point handed to load_plugins() is no built-in: matrix stays civsam's own."""
    (install.folder / "loose_mod.py").write_text(rule_plugin("matrix"), encoding="utf-8")
    install.modules.append("loose_mod")
    loaded = load_plugins([metadata.EntryPoint("loose", "loose_mod", "civsam")])
    assert dict(civsam.rules()) == {"matrix": MatrixRule()}
    assert [failure.name for failure in loaded.failures] == ["loose"]


def test_two_entry_points_with_one_name_load_only_the_first(install: FakeInstall) -> None:
    """A plugin name already taken is reported with the distribution that has it."""
    install.add(TINY_RULE, dist="a-plugin", name="rules", module="a_mod")
    install.add(rule_plugin("other"), dist="b-plugin", name="rules", module="b_mod")
    loaded = load_plugins()
    assert third_party(loaded) == (PluginInfo("rules", "a-plugin", "1.0"),)
    assert loaded.failures == (
        PluginFailure("rules", "the name is taken by a-plugin 1.0", "b-plugin", "1.0"),
    )


# -- choosing which plugins load ---------------------------------------------------------------


def test_an_empty_load_list_loads_no_entry_point_plugins(
    install: FakeInstall, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CIVSAM_LOAD_PLUGINS="" loads none of the installed plugins; matrix is still there."""
    install.add(TINY_RULE)
    monkeypatch.setenv("CIVSAM_LOAD_PLUGINS", "")
    loaded = load_plugins()
    assert (third_party(loaded), loaded.failures) == ((), ())
    assert dict(civsam.rules()) == {"matrix": MatrixRule()}


@pytest.mark.parametrize("wanted", ["my-plugin", "my_rules", " my-plugin , nothing-else "])
def test_a_load_list_loads_only_the_plugins_it_names(
    install: FakeInstall, monkeypatch: pytest.MonkeyPatch, wanted: str
) -> None:
    """CIVSAM_LOAD_PLUGINS names distributions or plugins; the others are not even imported."""
    install.add(TINY_RULE)
    install.add("raise RuntimeError('imported')\n", dist="other", name="other", module="other_mod")
    monkeypatch.setenv("CIVSAM_LOAD_PLUGINS", wanted)
    loaded = load_plugins()
    assert (third_party(loaded), loaded.failures) == (
        (PluginInfo("my_rules", "my-plugin", "1.0"),),
        (),
    )
    assert "other_mod" not in sys.modules


def test_a_blocked_plugin_is_not_loaded(
    install: FakeInstall, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CIVSAM_BLOCK_PLUGINS=my_rules keeps that plugin out; the others load."""
    install.add(TINY_RULE)
    install.add(rule_plugin("other"), dist="other", name="other", module="other_mod")
    monkeypatch.setenv("CIVSAM_BLOCK_PLUGINS", "my_rules")
    loaded = load_plugins()
    assert third_party(loaded) == (PluginInfo("other", "other", "1.0"),)
    assert loaded.failures == ()
    assert sorted(civsam.rules()) == ["matrix", "other"]
    assert "my_plugin_mod" not in sys.modules


def test_the_builtin_plugin_cannot_be_blocked(
    install: FakeInstall, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocking civsam._builtin leaves the matrix rule available (built-ins cannot be blocked)."""
    monkeypatch.setenv("CIVSAM_BLOCK_PLUGINS", "civsam._builtin")
    assert install.modules == []
    load_plugins()
    assert dict(civsam.rules()) == {"matrix": MatrixRule()}


# -- the hooks are documented and tested -------------------------------------------------------


def _hookspecs() -> list[str]:
    return [
        name
        for name, function in inspect.getmembers(civsam.hookspecs, inspect.isfunction)
        if hasattr(function, "civsam_spec")
    ]


def test_there_are_hookspecs() -> None:
    """The meta-tests below look at something: civsam_rules is a hook specification."""
    assert "civsam_rules" in _hookspecs()


@pytest.mark.parametrize("hook", _hookspecs())
def test_every_hook_is_documented_and_tested(hook: str) -> None:
    """Each hook has a docstring, an entry in docs/api.md and a test_hook_<name> in tests/."""
    function = getattr(civsam.hookspecs, hook)
    assert (function.__doc__ or "").strip()
    api = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    assert f".. autofunction:: civsam.hookspecs.{hook}\n" in api
    tests = [path.read_text(encoding="utf-8") for path in (REPO / "tests").glob("test_*.py")]
    assert any(f"def test_hook_{hook}(" in source for source in tests)
