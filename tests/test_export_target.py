"""Where an export goes: what `export -o OUT` replaces, refuses, or writes as a stream."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import BinaryIO

import pytest

import civsam
from _cli import grouped, run
from civsam import exporting
from civsam.cli import main
from civsam.plugins import load_plugins

AS_OF = dt.date(2026, 1, 1)
TODAY = ["--today", AS_OF.isoformat()]
REFUSED = "so civsam leaves it as it is; choose another file, or use --force"


def export_args(project: Path, out: Path | str, fmt: str = "csv", *extra: str) -> list[str]:
    """The arguments of `civsam export PROJECT -f FMT -o OUT` as of 2026-01-01."""
    return ["export", str(project), "-f", fmt, "-o", str(out), *TODAY, *extra]


def expected(fmt: str, **options: object) -> bytes:
    """What civsam.export makes of the bundled example, as of 2026-01-01."""
    return civsam.export_project(civsam.example(), fmt, as_of=AS_OF, **options)  # type: ignore[arg-type]


def test_the_project_file_is_never_exported_over(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export p.toml -o p.toml` exits 1 naming the file; the project is unchanged.

    The project is Danish, and so is the refusal; --lang en says it in English.
    """
    before = example_path.read_bytes()
    status, out, err = run(export_args(example_path, example_path), capsys)
    assert status == 1
    assert out == ""
    assert err == (
        f"civsam: {example_path} er den projektfil, som denne eksport læser; at eksportere oven "
        "i den ville erstatte projektet. Vælg en anden fil med -o (eller brug --force)\n"
    )
    status, out, err = run(export_args(example_path, example_path, "csv", "--lang", "en"), capsys)
    assert (status, out) == (1, "")
    assert err == (
        f"civsam: {example_path} is the project file this export reads; exporting over it "
        "would replace the project. Choose another file with -o (or use --force)\n"
    )
    assert example_path.read_bytes() == before


def test_the_project_file_is_recognised_through_a_symlink(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another name for the project file (a symlink) is the project file all the same."""
    alias = example_path.parent / "alias.csv"
    alias.symlink_to(example_path)
    before = example_path.read_bytes()
    status, _, err = run(export_args(example_path, alias, "csv", "--lang", "en"), capsys)
    assert status == 1
    assert "is the project file this export reads" in err
    assert example_path.read_bytes() == before
    assert alias.is_symlink()


def test_an_unrelated_file_is_kept_without_force(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user's own notes.md is not replaced by a Markdown export; --force replaces it."""
    notes = example_path.parent / "notes.md"
    notes.write_bytes(b"# My notes\n\nDo not lose me.\n")
    status, _, err = run(export_args(example_path, notes, "markdown", "--lang", "en"), capsys)
    assert status == 1
    assert err == (
        f"civsam: {notes} exists and it is not an earlier 'markdown' export, {REFUSED} "
        "(force=True in Python) to replace it\n"
    )
    assert notes.read_bytes() == b"# My notes\n\nDo not lose me.\n"
    status, _, _ = run(export_args(example_path, notes, "markdown", "--force"), capsys)
    assert status == 0
    assert notes.read_bytes() == expected("markdown")


def test_an_export_of_another_format_is_kept(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Markdown export is not an earlier CSV export: exporting CSV over it is refused."""
    out = example_path.parent / "report.md"
    out.write_bytes(expected("markdown"))
    status, _, err = run(export_args(example_path, out, "csv", "--lang", "en"), capsys)
    assert status == 1
    assert "it is not an earlier 'csv' export" in err
    assert out.read_bytes() == expected("markdown")


@pytest.mark.parametrize("fmt", sorted(civsam.exporters()))
def test_an_earlier_export_of_the_same_format_is_replaced(
    fmt: str, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every built-in format replaces its own earlier export (in English) without --force.

    The new export is the Danish project's, in Danish, and so is the line that says so.
    """
    out = example_path.parent / f"out-{fmt}"
    out.write_bytes(expected(fmt, language="en"))
    status, _, err = run(export_args(example_path, out, fmt), capsys)
    assert (status, err.splitlines()[-1]) == (
        0,
        f"Skrev {out} ({fmt}, {grouped(out.stat().st_size, 'da')} bytes)",
    )
    assert out.read_bytes() == expected(fmt)


def test_an_empty_file_is_replaced(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty file holds nothing to lose: it is replaced without --force."""
    out = example_path.parent / "empty.csv"
    out.touch()
    assert run(export_args(example_path, out), capsys)[0] == 0
    assert out.read_bytes() == expected("csv")


def test_a_folder_is_not_a_target(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o naming a folder is an error in one line, not a traceback."""
    argv = export_args(example_path, example_path.parent, "csv", "--lang", "en")
    status, _, err = run(argv, capsys)
    assert status == 1
    assert err == (
        f"civsam: {example_path.parent} is a folder; name a file to write the export to\n"
    )


def test_dev_null_is_written_as_a_stream(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o /dev/null writes through the device: nothing is read back or renamed over it."""
    status, _, err = run(export_args(example_path, os.devnull), capsys)
    assert status == 0
    size = grouped(len(expected("csv")), "da")
    assert err.endswith(f"Skrev {os.devnull} (csv, {size} bytes)\n")
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_dev_zero_is_never_read(example_path: Path) -> None:
    """-o /dev/zero finishes at once: export does not read an endless device as a previous file."""
    done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "civsam", *export_args(example_path, "/dev/zero")],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_a_named_pipe_is_written_as_a_stream(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o FIFO hands the bytes to the pipe's reader; the pipe stays a pipe."""
    fifo = example_path.parent / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    status, _, _ = run(export_args(example_path, fifo), capsys)
    reader.join(timeout=30)
    assert status == 0
    assert received == [expected("csv")]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_dash_writes_to_standard_output(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """-o - is standard output, as without -o; no file named "-" appears."""
    assert main(export_args(example_path, "-")) == 0
    assert capsysbinary.readouterr().out == expected("csv")
    assert not (Path.cwd() / "-").exists()


def test_a_calendar_keeps_its_events_through_a_replaced_export(tmp_path: Path) -> None:
    """The earlier calendar is read back (it is one), so a moved meeting's SEQUENCE rises."""
    out = tmp_path / "plan.ics"
    project = civsam.example()
    civsam.export_project(project, "ics", out, as_of=AS_OF)
    civsam.export_project(project, "ics", out, as_of=AS_OF, capacity=1)
    assert b"SEQUENCE:1" in out.read_bytes()


def test_a_file_too_large_to_read_back_is_kept_without_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading back an existing file is bounded: beyond the limit it is refused, not read."""
    monkeypatch.setattr(exporting, "PREVIOUS_MAX_BYTES", 100)
    out = tmp_path / "big.csv"
    out.write_bytes(expected("csv"))
    with pytest.raises(civsam.OverwriteError, match=r"it is larger than 0 MiB"):
        civsam.export_project(civsam.example(), "csv", out, as_of=AS_OF)
    assert out.read_bytes() == expected("csv")
    civsam.export_project(civsam.example(), "csv", out, as_of=AS_OF, language="en", force=True)
    assert out.read_bytes() == expected("csv", language="en")


def test_overwrite_error_is_an_export_error(tmp_path: Path) -> None:
    """OverwriteError is an ExportError and a CivsamError, so existing handlers catch it."""
    out = tmp_path / "mine.csv"
    out.write_text("name,phone\nJens,12345678\n", encoding="utf-8")
    with pytest.raises(civsam.ExportError) as info:
        civsam.export_project(civsam.example(), "csv", out, as_of=AS_OF)
    assert isinstance(info.value, civsam.OverwriteError)
    assert isinstance(info.value, civsam.CivsamError)


class Plain:
    """A plugin's exporter with no ``recognises``: civsam cannot tell its files."""

    name = "plain"
    suffix = ".txt"
    media_type = "text/plain; charset=utf-8"

    def export(self, report: civsam.Report, out: BinaryIO) -> None:
        """One line per partner."""
        out.writelines(f"{p.partner.id}\n".encode() for p in report.prioritisation)


class Confused(Plain):
    """An exporter whose ``recognises`` raises."""

    name = "confused"

    def recognises(self, data: bytes) -> bool:
        """Fail on anything."""
        raise UnicodeDecodeError("utf-8", data, 0, 1, "not text")


class TwoExporters:
    """A plugin object registered for one test."""

    @civsam.hookimpl
    def civsam_exporters(self) -> list[Plain]:
        """Both exporters."""
        return [Plain(), Confused()]


@pytest.fixture
def registered() -> object:
    """The two throwaway exporters, registered for one test."""
    loaded = load_plugins()
    loaded.manager.register(TwoExporters(), name="throwaway")
    yield
    loaded.manager.unregister(name="throwaway")


@pytest.mark.usefixtures("registered")
def test_without_recognises_an_existing_file_needs_force(tmp_path: Path) -> None:
    """A plugin exporter without recognises never replaces a file silently, even its own."""
    out = tmp_path / "ids.txt"
    civsam.export_project(civsam.example(), "plain", out, as_of=AS_OF)
    first = out.read_bytes()
    with pytest.raises(civsam.OverwriteError, match="not an earlier 'plain' export"):
        civsam.export_project(civsam.example(), "plain", out, as_of=AS_OF)
    civsam.export_project(civsam.example(), "plain", out, as_of=AS_OF, force=True)
    assert out.read_bytes() == first


@pytest.mark.usefixtures("registered")
def test_a_recognises_that_raises_names_the_plugin(tmp_path: Path) -> None:
    """An exception in recognises is an ExportError naming the exporter and its plugin."""
    out = tmp_path / "ids.txt"
    out.write_bytes(b"something\n")
    with pytest.raises(civsam.ExportError) as info:
        civsam.export_project(civsam.example(), "confused", out, as_of=AS_OF)
    assert str(info.value).startswith("the 'confused' exporter (plugin throwaway, ")
    assert "failed to look at an existing file: UnicodeDecodeError" in str(info.value)
    assert out.read_bytes() == b"something\n"
