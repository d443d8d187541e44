"""Exporter plugins from the ``civsam`` entry-point group, with fake distributions on sys.path."""

from __future__ import annotations

import datetime as dt
import itertools
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pytest

import _formats
import civsam
from _fake_plugins import FakeInstall, fake_install
from civsam.cli import main
from civsam.plugins import PluginFailure, PluginInfo, load_plugins, plugins
from civsam_exporters.calendar import ICS
from civsam_exporters.graphml import GRAPHML
from civsam_exporters.html import HTML
from civsam_exporters.kumu import KUMU
from civsam_exporters.markdown import MARKDOWN
from civsam_exporters.svg import SVG
from civsam_exporters.table_csv import CSV, CSV_RFC4180
from civsam_exporters.workshop import WORKSHOP

if TYPE_CHECKING:
    from collections.abc import Iterator

AS_OF = dt.date(2026, 1, 1)
TODAY = ["--today", AS_OF.isoformat()]
BUILTIN_FORMATS = list(_formats.BUILTIN_FORMATS)
BUILTIN_EXPORTERS = {
    "csv": CSV,
    "csv-rfc4180": CSV_RFC4180,
    "graphml": GRAPHML,
    "html": HTML,
    "ics": ICS,
    "kumu": KUMU,
    "markdown": MARKDOWN,
    "svg": SVG,
    "workshop": WORKSHOP,
}

NAMES_PLUGIN = """
import civsam


class Names:
    name = "names"
    suffix = ".txt"
    media_type = "text/plain; charset=utf-8"

    def export(self, report, out):
        for placement in report.prioritisation:
            out.write(f"{placement.rank}. {placement.partner.name}\\n".encode())


@civsam.hookimpl
def civsam_exporters():
    return [Names()]
"""
"""A plugin with one exporter, ``names``: the partners' names in rank order, a line each."""

RAISING_PLUGIN = """
import civsam


class Boom:
    name = "boom"
    suffix = ".txt"
    media_type = "text/plain"

    def export(self, report, out):
        out.write(b"half a report")
        raise ValueError("no room on the disk")


@civsam.hookimpl
def civsam_exporters():
    return [Boom()]
"""
"""A plugin whose exporter writes some bytes and then raises."""


def exporter_plugin(format_name: str) -> str:
    """A plugin module providing one exporter called ``format_name``."""
    return textwrap.dedent(
        f"""
        import civsam


        class Exporter:
            name = {format_name!r}
            suffix = ".txt"
            media_type = "text/plain"

            def export(self, report, out):
                out.write(b"from a plugin")


        @civsam.hookimpl
        def civsam_exporters():
            return [Exporter()]
        """
    )


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeInstall]:
    """A place to install fake plugins; plugins and their modules are forgotten afterwards."""
    yield from fake_install(
        tmp_path, monkeypatch, dist="my-exporters", name="my_exporters", module="my_exporters_mod"
    )


def section(out: str, heading: str) -> list[str]:
    """The indented lines under ``heading`` in the output of `civsam plugins`."""
    lines = out.splitlines()
    assert heading in lines, out
    following = lines[lines.index(heading) + 1 :]
    return list(itertools.takewhile(lambda line: line.startswith("  "), following))


def names_of_the_example() -> bytes:
    """What the ``names`` exporter writes for the bundled example."""
    prio = civsam.prioritise(civsam.example(), as_of=AS_OF)
    return "".join(f"{p.rank}. {p.partner.name}\n" for p in prio).encode()


def builtin(fmt: str) -> PluginInfo:
    """The plugin a built-in format comes from: an entry point of the civsam distribution."""
    plugin = "csv" if fmt == "csv-rfc4180" else fmt  # every other format is its own plugin
    return PluginInfo(plugin, "civsam", civsam.__version__)


# -- a working exporter plugin -----------------------------------------------------------------


def test_a_plugins_exporter_is_listed_with_its_distribution(install: FakeInstall) -> None:
    """civsam.exporters() has the plugin's format beside the built-ins, with its origin."""
    install.add(NAMES_PLUGIN, dist="civsam-names", version="2.0", name="names", module="names_mod")
    assert sorted(civsam.exporters()) == sorted([*BUILTIN_FORMATS, "names"])
    registry = plugins().exporters()
    assert registry["names"].plugin == PluginInfo("names", "civsam-names", "2.0")
    assert {fmt: registry[fmt].plugin for fmt in BUILTIN_FORMATS} == {
        fmt: builtin(fmt) for fmt in BUILTIN_FORMATS
    }
    assert plugins().failures == ()


def test_civsam_plugins_lists_a_plugins_exporter(
    install: FakeInstall, capsys: pytest.CaptureFixture[str]
) -> None:
    """`civsam plugins` names the format, its distribution, version and plugin."""
    install.add(NAMES_PLUGIN, dist="civsam-names", version="2.0", name="names", module="names_mod")
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    version = civsam.__version__
    assert section(out, "Exporters:") == [
        f"  csv                  civsam {version} (plugin csv)",
        f"  csv-rfc4180          civsam {version} (plugin csv)",
        f"  graphml              civsam {version} (plugin graphml)",
        f"  html                 civsam {version} (plugin html)",
        f"  ics                  civsam {version} (plugin ics)",
        f"  kumu                 civsam {version} (plugin kumu)",
        f"  markdown             civsam {version} (plugin markdown)",
        "  names                civsam-names 2.0 (plugin names)",
        f"  svg                  civsam {version} (plugin svg)",
        f"  workshop             civsam {version} (plugin workshop)",
    ]
    assert "Plugins that failed: none" in out.splitlines()


def test_export_with_a_plugins_format(
    install: FakeInstall, example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """`civsam export -f names` and civsam.export(…, "names") use the plugin's exporter."""
    install.add(NAMES_PLUGIN, dist="civsam-names", name="names", module="names_mod")
    assert main(["export", str(example_path), "--lang", "en", "-f", "names", *TODAY]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == names_of_the_example()
    assert captured.err == b"civsam: personal data in this export: none found\n"
    out = example_path.parent / "names.txt"
    assert (
        civsam.export_project(civsam.example(), "names", out, as_of=AS_OF) == names_of_the_example()
    )
    assert out.read_bytes() == names_of_the_example()


# -- an exporter that fails --------------------------------------------------------------------

BOOM_MESSAGE = (
    "the 'boom' exporter (plugin raises, civsam-raises 1.0) failed: ValueError: no room on the disk"
)


def test_an_exporter_that_raises_gives_an_export_error_naming_it(install: FakeInstall) -> None:
    """ExportError names the format, the plugin and its distribution; the cause is chained."""
    install.add(RAISING_PLUGIN, dist="civsam-raises", name="raises", module="raises_mod")
    out = install.folder / "report.txt"
    out.write_bytes(b"yesterday's report\n")
    with pytest.raises(civsam.ExportError) as info:
        civsam.export_project(civsam.example(), "boom", out, as_of=AS_OF, force=True)
    assert str(info.value) == BOOM_MESSAGE
    assert isinstance(info.value, civsam.CivsamError)
    assert isinstance(info.value.__cause__, ValueError)
    assert out.read_bytes() == b"yesterday's report\n"
    assert civsam.export_project(civsam.example(), "csv", as_of=AS_OF).startswith(
        b"\xef\xbb\xbfRang;"
    )


def test_a_failing_export_writes_nothing_on_the_command_line(
    install: FakeInstall, example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """Exit status 1 and the message; -o's file is untouched, no temporary file is left."""
    install.add(RAISING_PLUGIN, dist="civsam-raises", name="raises", module="raises_mod")
    out = example_path.parent / "report.txt"
    out.write_bytes(b"yesterday's report\n")
    before = sorted(path.name for path in example_path.parent.iterdir())
    args = ["export", str(example_path), "--lang", "en", "-f", "boom", "-o", str(out), "--force"]
    args += TODAY
    assert main(args) == 1
    captured = capsysbinary.readouterr()
    assert captured.err.decode("utf-8") == f"civsam: {BOOM_MESSAGE}\n"
    assert captured.out == b""
    assert out.read_bytes() == b"yesterday's report\n"
    assert sorted(path.name for path in example_path.parent.iterdir()) == before
    assert main(["export", str(example_path), "--lang", "en", "-f", "boom", *TODAY]) == 1
    assert capsysbinary.readouterr().out == b""  # not half a report on standard output either
    assert main(["export", str(example_path), "-f", "csv", "-o", str(out), *TODAY, "--force"]) == 0
    assert out.read_bytes() == civsam.export_project(civsam.example(), "csv", as_of=AS_OF)


def test_an_invalid_exporter_is_reported_and_the_plugins_valid_one_kept(
    install: FakeInstall,
) -> None:
    """An exporter without suffix, or with an empty name, is a failure naming the plugin."""
    source = NAMES_PLUGIN.replace(
        "return [Names()]", "return [NoSuffix(), Names(), Unnamed()]"
    ).replace(
        "class Names:",
        "class NoSuffix:\n"
        "    name = 'nosuffix'\n"
        "    media_type = 'text/plain'\n\n"
        "    def export(self, report, out): ...\n\n\n"
        "class Unnamed:\n"
        "    name = ''\n"
        "    suffix = '.txt'\n"
        "    media_type = 'text/plain'\n\n"
        "    def export(self, report, out): ...\n\n\n"
        "class Names:",
    )
    install.add(source)
    assert sorted(civsam.exporters()) == sorted([*BUILTIN_FORMATS, "names"])
    assert plugins().failures == (
        PluginFailure(
            "my_exporters",
            "gave an invalid exporter: NoSuffix lacks name, suffix, media_type or "
            "export(report, out)",
            "my-exporters",
            "1.0",
        ),
        PluginFailure(
            "my_exporters",
            "gave an invalid exporter: its name is '' (expected 1 to 64 letters (a-z, A-Z), "
            "digits, '-', '_' or '.', starting with a letter or a digit, such as 'xlsx')",
            "my-exporters",
            "1.0",
        ),
    )


def test_an_exporter_hook_that_raises_is_reported_and_the_builtins_still_work(
    install: FakeInstall,
) -> None:
    """civsam_exporters() raising is a failure by plugin; the other formats are there."""
    install.add(
        "import civsam\n\n@civsam.hookimpl\ndef civsam_exporters():\n"
        "    raise RuntimeError('no config')\n"
    )
    assert sorted(civsam.exporters()) == BUILTIN_FORMATS
    assert plugins().failures == (
        PluginFailure(
            "my_exporters",
            "civsam_exporters() raised RuntimeError: no config",
            "my-exporters",
            "1.0",
        ),
    )


# -- who serves a format -----------------------------------------------------------------------


def test_two_plugins_claiming_one_format_are_both_refused(
    install: FakeInstall, example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """Neither serves `-f dup` (install order must not decide); the failure names both."""
    install.add(exporter_plugin("dup"), dist="civsam-dup", name="dup", module="dup_mod")
    install.add(exporter_plugin("dup"), dist="other-dup", version="3.1", name="other", module="o")
    assert sorted(civsam.exporters()) == BUILTIN_FORMATS
    message = (
        "the exporter name 'dup' is claimed by civsam-dup 1.0 (plugin dup) and "
        "other-dup 3.1 (plugin other); none of them is used"
    )
    assert plugins().failures == (
        PluginFailure("dup", message, "civsam-dup", "1.0"),
        PluginFailure("other", message, "other-dup", "3.1"),
    )
    assert main(["export", str(example_path), "--lang", "en", "-f", "dup"]) == 2
    claimed = (
        "the exporter name 'dup' is claimed by civsam-dup 1.0 (plugin dup) and other-dup 3.1 "
        "(plugin other); none of them is used"
    )
    assert capsysbinary.readouterr().err.decode("utf-8") == (
        "civsam: unknown format 'dup'; the formats there are: "
        "csv, csv-rfc4180, graphml, html, ics, kumu, markdown, svg, workshop; 2 plugins could "
        f"not be used, and one may provide it: dup (civsam-dup 1.0): {claimed}; other "
        f"(other-dup 3.1): {claimed}\n"
    )


def test_a_plugin_claiming_csv_is_refused_and_the_builtin_kept(install: FakeInstall) -> None:
    """A third-party `csv` format does not replace civsam's; the plugin is reported."""
    install.add(exporter_plugin("csv"), name="mine", module="mine_mod")
    assert civsam.exporters()["csv"] is CSV
    assert plugins().exporters()["csv"].plugin == builtin("csv")
    assert plugins().failures == (
        PluginFailure(
            "mine",
            f"the exporter name 'csv' is claimed by civsam {civsam.__version__} (plugin csv) "
            "and my-exporters 1.0 (plugin mine); the built-in one is kept",
            "my-exporters",
            "1.0",
        ),
    )
    assert civsam.export_project(civsam.example(), "csv", as_of=AS_OF).startswith(
        b"\xef\xbb\xbfRang;"
    )


def test_a_plugin_whose_entry_point_is_called_csv_cannot_displace_the_builtins(
    install: FakeInstall,
) -> None:
    """An entry point named `csv` (module sorting first) leaves civsam's formats to civsam."""
    install.add(exporter_plugin("csv"), dist="evil-csv", name="csv", module="aaa_csv")
    assert dict(civsam.exporters()) == BUILTIN_EXPORTERS
    assert [failure.distribution for failure in plugins().failures] == ["evil-csv"]


# -- choosing which plugins load ---------------------------------------------------------------


def test_loading_only_civsam_gives_only_the_builtin_exporters(
    install: FakeInstall, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CIVSAM_LOAD_PLUGINS=civsam loads civsam's own formats; a plugin is not even imported."""
    install.add(NAMES_PLUGIN, dist="civsam-names", name="names", module="names_mod")
    monkeypatch.setenv("CIVSAM_LOAD_PLUGINS", "civsam")
    loaded = load_plugins()
    assert dict(civsam.exporters()) == BUILTIN_EXPORTERS
    # civsam's own hooks, then one plugin per built-in module (csv holds both CSV formats).
    assert [info.distribution for info in loaded.loaded] == [None] + ["civsam"] * 8
    assert loaded.failures == ()
    assert "names_mod" not in sys.modules


def test_loading_no_plugin_leaves_no_format(
    install: FakeInstall,
    monkeypatch: pytest.MonkeyPatch,
    example_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    """CIVSAM_LOAD_PLUGINS="" loads no exporter; `-f csv` is then an unknown format (exit 2)."""
    install.add(NAMES_PLUGIN, dist="civsam-names", name="names", module="names_mod")
    monkeypatch.setenv("CIVSAM_LOAD_PLUGINS", "")
    assert dict(civsam.exporters()) == {}
    assert main(["export", str(example_path), "--lang", "en", "-f", "csv"]) == 2
    assert capsysbinary.readouterr().err.decode("utf-8") == (
        "civsam: unknown format 'csv'; the formats there are: none (no exporter plugin is loaded)\n"
    )
    assert "names_mod" not in sys.modules


def test_a_plugin_named_in_the_load_list_is_loaded_with_civsam(
    install: FakeInstall, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CIVSAM_LOAD_PLUGINS=civsam,civsam-names loads the built-ins and that plugin."""
    install.add(NAMES_PLUGIN, dist="civsam-names", name="names", module="names_mod")
    install.add(RAISING_PLUGIN, dist="civsam-raises", name="raises", module="raises_mod")
    monkeypatch.setenv("CIVSAM_LOAD_PLUGINS", "civsam,civsam-names")
    assert sorted(civsam.exporters()) == sorted([*BUILTIN_FORMATS, "names"])
    assert "raises_mod" not in sys.modules


# -- the hook is tested (see the meta-test in test_plugins.py) ---------------------------------


class Lines:
    """A throwaway exporter: one line per partner, rank and id."""

    name = "lines"
    suffix = ".txt"
    media_type = "text/plain; charset=utf-8"

    def export(self, report: civsam.Report, out: BinaryIO) -> None:
        """Write ``rank id`` for every placement."""
        out.writelines(f"{p.rank} {p.partner.id}\n".encode() for p in report.prioritisation)


class Throwaway:
    """A plugin object registered for one test."""

    def __init__(self) -> None:
        self.exporter = Lines()

    @civsam.hookimpl
    def civsam_exporters(self) -> list[Lines]:
        """The one exporter."""
        return [self.exporter]


@pytest.mark.usefixtures("install")
def test_hook_civsam_exporters() -> None:
    """A plugin registered on the manager provides a format that export() then uses."""
    loaded = load_plugins()
    plugin = Throwaway()
    loaded.manager.register(plugin, name="throwaway")
    try:
        assert civsam.exporters()["lines"] is plugin.exporter
        assert loaded.exporters()["lines"].plugin == PluginInfo("throwaway")
        data = civsam.export_project(civsam.example(), "lines", as_of=AS_OF)
        assert data.splitlines()[:3] == [
            b"1 aeldresagen-aarhus",
            b"2 besoegstjenesten-viby-sogn",
            b"3 roede-kors-aarhus",
        ]
        assert len(data.splitlines()) == 14
    finally:
        loaded.manager.unregister(name="throwaway")
    assert "lines" not in load_plugins().exporters()
