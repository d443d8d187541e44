"""What a misbehaving plugin meets: one contract, no tracebacks, honest failures (issue 15).

Each broken plugin here is one a plugin author really wrote: an exporter that closes its
stream, one that writes nothing, a format whose plugin failed to load, names with spaces.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, BinaryIO

import pytest

import civsam
from _cli import run
from _fake_plugins import FakeInstall, fake_install
from civsam import ExportError, Report, UnknownFormatError
from civsam.contracts import exporter_problems, rule_problems
from civsam.plugins import plugins

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

AS_OF = dt.date(2026, 1, 1)


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeInstall]:
    """A place to install fake plugins; forgotten afterwards."""
    yield from fake_install(
        tmp_path, monkeypatch, dist="civsam-kit", name="kit", module="civsam_kit_mod"
    )


def exporter_plugin(body: str, *, name: str = "kit", suffix: str = ".txt") -> str:
    """A plugin module with one exporter whose ``export`` method body is ``body``."""
    lines = "\n".join(f"        {line}" for line in body.splitlines())
    return (
        "import civsam\n\n\n"
        "class Kit:\n"
        f"    name = {name!r}\n"
        f"    suffix = {suffix!r}\n"
        "    media_type = 'text/plain'\n\n"
        "    def export(self, report, out):\n"
        f"{lines}\n\n\n"
        "@civsam.hookimpl\n"
        "def civsam_exporters():\n"
        "    return [Kit()]\n"
    )


# -- one contract: the loader and the checks share it ------------------------------------------


class Shaped:
    """An exporter with whatever name, suffix and media type a test gives it."""

    def __init__(self, name: object, suffix: object, media_type: object) -> None:
        self.name = name
        self.suffix = suffix
        self.media_type = media_type

    def export(self, report: Report, out: BinaryIO) -> None:  # noqa: ARG002 - the protocol's
        """Write one line."""
        out.write(b"ok\n")


@pytest.mark.parametrize(
    ("name", "suffix", "media_type", "attribute"),
    [
        ("", ".txt", "text/plain", "name"),
        ("my format", ".txt", "text/plain", "name"),
        ("a/b", ".txt", "text/plain", "name"),
        ("x" * 65, ".txt", "text/plain", "name"),
        ("fine", None, "text/plain", "suffix"),
        ("fine", "txt", "text/plain", "suffix"),
        ("fine", ". txt", "text/plain", "suffix"),
        ("fine", ".txt", "not a media type", "media_type"),
        ("fine", ".txt", "text/", "media_type"),
        ("fine", ".txt", "text/plain; charset", "media_type"),
        ("fine", ".txt", 42, "media_type"),
    ],
)
def test_the_exporter_contract_refuses_bad_names_suffixes_and_media_types(
    name: object, suffix: object, media_type: object, attribute: str
) -> None:
    """Each bad attribute is one problem that names the attribute, the value and the syntax."""
    value = {"name": name, "suffix": suffix, "media_type": media_type}[attribute]
    problems = exporter_problems(Shaped(name, suffix, media_type))
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"its {attribute} is {value!r}"[:50])
    assert "(expected " in str(problems[0])


@pytest.mark.parametrize(
    ("name", "suffix", "media_type"),
    [
        ("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("csv-rfc4180", ".csv", 'text/csv; charset=utf-8; header="present"'),
        ("tar.gz", ".tar.gz", "application/gzip"),
        ("Board_2", ".svg", "image/svg+xml"),
    ],
)
def test_the_exporter_contract_accepts_what_real_formats_use(
    name: str, suffix: str, media_type: str
) -> None:
    """RFC 6838 names with parameters, dotted suffixes and names are all fine."""
    assert exporter_problems(Shaped(name, suffix, media_type)) == ()


def test_every_built_in_exporter_and_rule_keeps_the_contract() -> None:
    """The built-in formats and the matrix rule pass the definition plugins are held to."""
    for exporter in civsam.exporters().values():
        assert exporter_problems(exporter) == (), exporter.name
    assert rule_problems(civsam.MatrixRule()) == ()


def test_a_property_that_raises_is_a_problem_not_a_crash() -> None:
    """An exporter whose ``name`` property raises is reported with the exception."""

    class Raising:
        suffix = ".txt"
        media_type = "text/plain"

        @property
        def name(self) -> str:
            raise RuntimeError("no name today")

        def export(self, report: Report, out: BinaryIO) -> None:
            """Never reached."""

    problems = exporter_problems(Raising())
    assert [str(p) for p in problems] == ["reading its name raised RuntimeError: no name today"]


def test_the_loader_refuses_what_the_contract_refuses(install: FakeInstall) -> None:
    """A plugin's exporter with a space in its name is a failure naming the plugin."""
    install.add(exporter_plugin("out.write(b'x')", name="my format"))
    assert "my format" not in civsam.exporters()
    (failure,) = plugins().failures
    assert failure.name == "kit"
    assert "its name is 'my format' (expected 1 to 64 letters" in failure.error


# -- export(): a misbehaving exporter is an ExportError naming it ------------------------------


def test_an_exporter_that_closes_the_stream_is_an_export_error(install: FakeInstall) -> None:
    """Not a bare ValueError from a closed BytesIO: the plugin is named, nothing written."""
    install.add(exporter_plugin("out.write(b'x')\nout.close()"))
    with pytest.raises(ExportError) as info:
        civsam.export_project(civsam.example(), "kit", as_of=AS_OF)
    assert str(info.value) == (
        "the 'kit' exporter (plugin kit, civsam-kit 1.0) failed: it closed the stream it "
        "wrote to (an exporter must leave it open)"
    )


def test_a_text_wrapper_left_to_close_the_stream_is_caught_too(install: FakeInstall) -> None:
    """The usual cause: a TextIOWrapper around ``out`` closes it when it goes."""
    install.add(
        "import io\n"
        + exporter_plugin(
            "text = io.TextIOWrapper(out, encoding='utf-8')\ntext.write('x')\ntext.close()"
        )
    )
    with pytest.raises(ExportError, match="closed the stream"):
        civsam.export_project(civsam.example(), "kit", as_of=AS_OF)


def test_an_exporter_that_writes_nothing_is_an_export_error(
    install: FakeInstall, tmp_path: Path
) -> None:
    """An empty file is not an export: the error says so, and no file is made."""
    install.add(exporter_plugin("pass"))
    target = tmp_path / "g.txt"
    with pytest.raises(ExportError) as info:
        civsam.export_project(civsam.example(), "kit", target, as_of=AS_OF)
    assert str(info.value).endswith(
        "failed: it wrote nothing, though the report has placed partners"
    )
    assert not target.exists()


def test_writing_nothing_for_a_project_without_partners_is_fine(install: FakeInstall) -> None:
    """A format with nothing to say for an empty project (JSON Lines) may write no bytes."""
    install.add(exporter_plugin("for p in report.prioritisation:\n    out.write(b'x')"))
    empty = civsam.Project("Tomt", civsam.Organisation("ejer", "Ejer"))
    assert civsam.export_project(empty, "kit", as_of=AS_OF) == b""


def test_an_exporter_calling_exit_is_an_export_error(install: FakeInstall) -> None:
    """sys.exit() inside a plugin must not end the program that exports."""
    install.add("import sys\n" + exporter_plugin("sys.exit(3)"))
    with pytest.raises(ExportError, match="failed: SystemExit: 3"):
        civsam.export_project(civsam.example(), "kit", as_of=AS_OF)


def test_an_unknown_format_names_the_plugin_that_failed_to_load(install: FakeInstall) -> None:
    """``-f xlsx`` when civsam-xlsx failed to import: the error says why, not just "unknown"."""
    install.add(
        "import openpyxl_not_installed\n", dist="civsam-xlsx", name="xlsx", module="xlsx_mod"
    )
    with pytest.raises(UnknownFormatError) as info:
        civsam.export_project(civsam.example(), "xlsx", as_of=AS_OF)
    message = str(info.value)
    assert message.startswith("unknown format 'xlsx'; the formats there are: csv, ")
    assert message.endswith(
        "; a plugin could not be used and may be the one that provides it: xlsx (civsam-xlsx "
        "1.0): failed to load: ModuleNotFoundError: No module named 'openpyxl_not_installed'"
    )
    assert info.value.failures == plugins().failures


# -- the command line: never a traceback ------------------------------------------------------


def test_the_cli_reports_a_closing_exporter_without_a_traceback(
    install: FakeInstall, example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 1, one line naming the plugin; no 'Traceback' and no file."""
    install.add(exporter_plugin("out.write(b'x')\nout.close()"))
    target = tmp_path / "g.txt"
    code, out, err = run(
        ["export", str(example_path), "-f", "kit", "-o", str(target), "--lang", "en"], capsys
    )
    assert code == 1
    assert "Traceback" not in out + err
    assert "the 'kit' exporter (plugin kit, civsam-kit 1.0) failed: it closed the stream" in err
    assert not target.exists()


def test_the_cli_refuses_an_empty_export(
    install: FakeInstall, example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not "Wrote g.txt (0 bytes)": exit 1 and the reason."""
    install.add(exporter_plugin("pass"))
    code, _out, err = run(
        ["export", str(example_path), "-f", "kit", "-o", str(tmp_path / "g.txt"), "--lang", "en"],
        capsys,
    )
    assert code == 1
    assert "it wrote nothing" in err
    assert "Wrote" not in err


def test_the_cli_names_the_failed_plugin_behind_an_unknown_format(
    install: FakeInstall, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A usage error (exit 2) that says the xlsx plugin failed, and why, in Danish too."""
    install.add("raise ImportError('openpyxl is missing')\n", dist="civsam-xlsx", name="xlsx")
    code, _out, err = run(["export", str(example_path), "-f", "xlsx", "--lang", "da"], capsys)
    assert code == 2
    assert "ukendt format 'xlsx'" in err
    assert "xlsx (civsam-xlsx 1.0): kunne ikke indlæses: ImportError: openpyxl is missing" in err


def test_plugins_strict_fails_when_a_plugin_failed(
    install: FakeInstall, capsys: pytest.CaptureFixture[str]
) -> None:
    """`civsam plugins` lists the failure and exits 0; with --strict it exits 1."""
    install.add("raise ImportError('broken')\n")
    code, out, _err = run(["plugins", "--lang", "en"], capsys)
    assert code == 0
    assert "kit (civsam-kit 1.0): failed to load: ImportError: broken" in out
    code, out, _err = run(["plugins", "--strict", "--lang", "en"], capsys)
    assert code == 1
    assert "failed to load" in out


def test_plugins_strict_passes_when_every_plugin_loaded(
    install: FakeInstall, capsys: pytest.CaptureFixture[str]
) -> None:
    """--strict is quiet about a healthy installation: exit 0."""
    install.add(exporter_plugin("out.write(b'x')"))
    code, _out, _err = run(["plugins", "--strict"], capsys)
    assert code == 0


def test_a_closed_stream_from_export_to_a_stream_is_also_caught(install: FakeInstall) -> None:
    """export(..., out=stream): the caller's stream is untouched when the exporter fails."""
    install.add(exporter_plugin("out.write(b'x')\nout.close()"))
    stream = io.BytesIO()
    with pytest.raises(ExportError):
        civsam.export_project(civsam.example(), "kit", stream, as_of=AS_OF)
    assert not stream.closed
    assert stream.getvalue() == b""


def test_the_loader_reports_an_exporter_whose_property_raises(install: FakeInstall) -> None:
    """A ``name`` property that raises is that plugin's failure; the others still load."""
    install.add(
        "import civsam\n\n\n"
        "class Broken:\n"
        "    suffix = '.txt'\n"
        "    media_type = 'text/plain'\n\n"
        "    @property\n"
        "    def name(self):\n"
        "        raise RuntimeError('no name today')\n\n"
        "    def export(self, report, out):\n"
        "        out.write(b'x')\n\n\n"
        "@civsam.hookimpl\n"
        "def civsam_exporters():\n"
        "    return [Broken()]\n"
    )
    assert "csv" in civsam.exporters()
    (failure,) = plugins().failures
    assert failure.name == "kit"
    assert "RuntimeError: no name today" in failure.error


# -- the personal-data line: counted in what was written ---------------------------------------


def test_a_leaking_exporter_is_counted_and_warned_about(
    install: FakeInstall, example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not "none" from the settings: the names it wrote are counted, never printed."""
    install.add(
        exporter_plugin(
            "for org in report.project.organisations.values():\n"
            "    for person in org.contacts:\n"
            "        out.write(person.name.upper().encode() + b'\\n')"
        )
    )
    code, _out, err = run(
        ["export", str(example_path), "-f", "kit", "-o", str(tmp_path / "g.txt"), "--lang", "en"],
        capsys,
    )
    assert code == 0
    people = [c.name for o in civsam.example().organisations.values() for c in o.contacts]
    lines = err.splitlines()
    assert lines[0] == f"civsam: personal data in this export: {len(set(people))} names"
    assert lines[1].startswith("civsam: warning: the export holds personal data without")
    assert not [name for name in people if name in err or name.upper() in err]


def test_what_the_scan_could_not_read_is_said(
    install: FakeInstall, example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Zips nested deeper than the scan unpacks: "none found" comes with what was not read."""
    install.add(
        "import io, zipfile\n"
        + exporter_plugin(
            "data = b'x'\n"
            "for _ in range(5):\n"
            "    buffer = io.BytesIO()\n"
            "    with zipfile.ZipFile(buffer, 'w') as archive:\n"
            "        archive.writestr(zipfile.ZipInfo('inner', (2026, 1, 1, 0, 0, 0)), data)\n"
            "    data = buffer.getvalue()\n"
            "out.write(data)",
            suffix=".zip",
        )
    )
    code, _out, err = run(
        ["export", str(example_path), "-f", "kit", "-o", str(tmp_path / "g.zip"), "--lang", "en"],
        capsys,
    )
    assert code == 0
    assert "civsam: personal data in this export: none found\n" in err
    assert "could not be read in full (too large, nested too deep or unreadable)" in err
