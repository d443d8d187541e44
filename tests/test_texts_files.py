"""The file and export layer speaks Danish where it is read, and its English is unchanged.

Each error is triggered through the public API; ``str(error)`` is the English it always
was, ``error.text("da")`` the Danish a Danish user of the command line sees.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import civsam
from _fake_plugins import FakeInstall, fake_install
from civsam._message import Text
from civsam._oserror import os_reason
from civsam.errors import CivsamError, ValidationError
from civsam.exporting import OverwriteError, UnknownFormatError, export, export_project
from civsam.files import _lock
from civsam.files._limits import Grouped, Limits, parse_day, read_file
from civsam.files.io import format_for, loads, locked
from civsam.plugins import PluginFailure, PluginInfo, load_plugins

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def both(error: CivsamError) -> tuple[str, str]:
    """The error in English (``str``) and in Danish."""
    return str(error), error.text("da")


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeInstall]:
    """Fake installed plugins, forgotten after the test."""
    yield from fake_install(tmp_path, monkeypatch, dist="my-plugin", name="mine", module="mine")


# -- why the operating system refused ----------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "danish"),
    [
        (errno.ENOENT, "filen eller mappen findes ikke"),
        (errno.EACCES, "adgang nægtet"),
        (errno.EPERM, "handlingen er ikke tilladt"),
        (errno.EISDIR, "det er en mappe"),
        (errno.ENOTDIR, "en del af stien er ikke en mappe"),
        (errno.EEXIST, "filen findes allerede"),
        (errno.ENOSPC, "der er ikke mere plads på disken"),
        (errno.EROFS, "filsystemet er skrivebeskyttet"),
        (errno.ENAMETOOLONG, "filnavnet er for langt"),
        (errno.ELOOP, "for mange symbolske links i træk"),
    ],
)
def test_a_common_os_reason_is_danish_and_the_systems_own_words_in_english(
    code: int, danish: str
) -> None:
    """os_reason keeps strerror as the system gives it and says the common errnos in Danish."""
    reason = os_reason(OSError(code, os.strerror(code)))
    assert (str(reason), reason.say("da")) == (os.strerror(code), danish)


def test_an_uncommon_os_reason_stays_in_the_systems_words() -> None:
    """An errno without a Danish text, or no errno at all, is said as the system said it."""
    lock = os_reason(OSError(errno.ENOLCK, "No locks available"))
    bare = os_reason(OSError("the disk fell off"))
    assert (str(lock), lock.say("da")) == ("No locks available", "No locks available")
    assert (str(bare), bare.say("da")) == ("the disk fell off", "the disk fell off")


# -- civsam.files.io: formats, encodings, syntax, shape----------------------------------------


def test_a_file_without_a_known_suffix() -> None:
    """A suffix that is no format, and none at all, are told in Danish."""
    with pytest.raises(CivsamError) as unknown:
        format_for("plan.yaml")
    with pytest.raises(CivsamError) as none:
        format_for("plan")
    assert both(unknown.value) == (
        "plan.yaml: cannot tell the file format from '.yaml'; expected a .toml or .json file",
        "plan.yaml: kan ikke se filformatet ud fra '.yaml'; forventede en .toml- eller .json-fil",
    )
    assert none.value.text("da") == (
        "plan: kan ikke se filformatet ud fra 'ingen endelse'; forventede en .toml- eller .json-fil"
    )


def test_bytes_that_are_not_utf8() -> None:
    """The problem, the byte found and the advice are all Danish."""
    with pytest.raises(ValidationError) as info:
        loads(b'[project]\nname = "\xe6"\n', source="p.toml")
    assert both(info.value) == (
        (
            "1 problem in p.toml:\n  p.toml:2: the file is not UTF-8 text; found byte 0xe6; "
            "expected UTF-8 (save the file as UTF-8)"
        ),
        (
            "1 problem i p.toml:\n  p.toml:2: filen er ikke UTF-8-tekst; fundet byte 0xe6; "
            "forventet UTF-8 (gem filen som UTF-8)"
        ),
    )


def test_broken_toml_and_json_are_said_in_danish_too() -> None:
    """The parser's detail is said in Danish where civsam knows it (civsam.files._syntax)."""
    with pytest.raises(ValidationError) as toml:
        loads('[project]\nname = "x\n', source="p.toml")
    with pytest.raises(ValidationError) as json:
        loads('{"project": {},}', "json", source="p.json")
    assert toml.value.problems[0].text("da") == (
        "p.toml:2: ikke gyldig TOML: tegnet '\\n' må ikke stå her (kolonne 10)"
    )
    assert str(toml.value.problems[0]) == (
        "p.toml:2: not valid TOML: Illegal character '\\n' (column 10)"
    )
    assert json.value.problems[0].text("da") == (
        "p.json:1: ikke gyldig JSON: et komma før } (slet kommaet) (kolonne 15)"
    )
    with pytest.raises(ValidationError) as parsers:
        loads('{"project": 1 2}', "json", source="p.json")
    assert parsers.value.problems[0].text("da") == (
        "p.json:1: ikke gyldig JSON: forventede ',' mellem to værdier (kolonne 15)"
    )


def test_an_unknown_table_and_a_missing_one() -> None:
    """The shape of a file: an unknown top-level key, a missing [project] table."""
    with pytest.raises(ValidationError) as info:
        loads("[projekt]\nname = 'x'\n", source="p.toml")
    assert [problem.text("da") for problem in info.value.problems] == [
        (
            "p.toml:1: projekt: ukendt nøgle; forventet en af project, prioritisation, planning, "
            "organisations, relations, assessments, readiness, outreach, touchpoints, reviews"
        ),
        "p.toml: project: tabellen [project] mangler; forventet en [project]-tabel",
    ]
    assert [str(problem) for problem in info.value.problems] == [
        (
            "p.toml:1: projekt: unknown key; expected one of project, prioritisation, planning, "
            "organisations, relations, assessments, readiness, outreach, touchpoints, reviews"
        ),
        "p.toml: project: the [project] table is missing; expected a [project] table",
    ]


def test_an_unknown_project_file_format_lists_the_two_there_are() -> None:
    """dumps() in a format that is no project format: 'toml' eller 'json'."""
    with pytest.raises(CivsamError) as info:
        civsam.files.io.dumps(civsam.example(), "yaml")  # type: ignore[arg-type]
    assert both(info.value) == (
        "unknown project file format 'yaml'; expected 'toml' or 'json'",
        "ukendt format for projektfiler 'yaml'; forventede 'toml' eller 'json'",
    )


# -- civsam.files._limits: sizes, depths, dates--------------------------------------------------


def test_a_file_too_large_groups_its_thousands_as_each_language_does(tmp_path: Path) -> None:
    """1,001 bytes in English is 1.001 bytes in Danish, where a comma marks decimals."""
    path = tmp_path / "big.toml"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(ValidationError) as info:
        read_file(path, Limits(max_bytes=1000))
    assert both(info.value) == (
        (
            f"1 problem in {path}:\n  {path}: the file is too large; found 1,001 bytes; "
            "expected at most 1,000 bytes (Limits.max_bytes)"
        ),
        (
            f"1 problem i {path}:\n  {path}: filen er for stor; fundet 1.001 bytes; "
            "forventet højst 1.000 bytes (Limits.max_bytes)"
        ),
    )


def test_one_byte_and_one_character_are_singular() -> None:
    """A count of one takes the singular: "at most 1 byte", not "1 bytes"."""
    with pytest.raises(ValidationError) as info:
        loads("ab", limits=Limits(max_bytes=1))
    assert info.value.problems[0].text("en") == (
        "the file is too large; found 2 characters; expected at most 1 byte (Limits.max_bytes)"
    )
    assert info.value.problems[0].text("da") == (
        "filen er for stor; fundet 2 tegn; forventet højst 1 byte (Limits.max_bytes)"
    )


def test_a_folder_is_not_read_as_a_project_file(tmp_path: Path) -> None:
    """What the file is ("a folder") is said in Danish too."""
    with pytest.raises(CivsamError) as info:
        read_file(tmp_path)
    assert both(info.value) == (
        f"{tmp_path}: cannot read a folder as a project file; expected a regular file",
        f"{tmp_path}: kan ikke læse en mappe som en projektfil; forventede en almindelig fil",
    )


def test_a_missing_file_is_told_with_the_os_reason_in_danish(tmp_path: Path) -> None:
    """Civsam's words around the OS reason, and the reason, are Danish."""
    path = tmp_path / "missing.toml"
    with pytest.raises(CivsamError) as info:
        civsam.load(path)
    assert both(info.value) == (
        f"{path}: cannot read the file: {os.strerror(errno.ENOENT)}",
        f"{path}: kan ikke læse filen: filen eller mappen findes ikke",
    )


def test_too_deep_and_a_repeated_key() -> None:
    """Nesting beyond max_depth, and a JSON key given twice, keep the value's cut."""
    with pytest.raises(ValidationError) as deep:
        loads("a = " + "[" * 20 + "]" * 20, source="p.toml")
    assert deep.value.problems[0].text("da") == (
        "p.toml:1: lister og tabeller inde i hinanden i for mange niveauer; "
        "fundet mere end 16 niveauer; forventet højst 16 (Limits.max_depth)"
    )
    long_key = "k" * 41
    text = (
        f'{{"project": {{"name": "P", "owner": "a", "x": 1, "x": 2, '
        f'"{long_key}": 1, "{long_key}": 2}}}}'
    )
    with pytest.raises(ValidationError) as twice:
        loads(text, "json", source="p.json")
    said = [
        problem.text("da") for problem in twice.value.problems if "to gange" in problem.text("da")
    ]
    assert said == [
        (
            "p.json:1: project.x: en nøgle givet to gange i én tabel; fundet 'x' igen; "
            "forventet hver nøgle én gang (JSON ville kun beholde den sidste værdi)"
        ),
        (
            f"p.json:1: project.{long_key}: en nøgle givet to gange i én tabel; fundet en nøgle "
            "igen; forventet hver nøgle én gang (JSON ville kun beholde den sidste værdi)"
        ),
    ]


def test_a_day_civsam_cannot_plan_with() -> None:
    """--date 1800-01-01: the problem and the range expected, cut as before."""
    with pytest.raises(ValidationError) as info:
        parse_day("1800-01-01")
    assert info.value.problems[0].text("da") == (
        "ikke en dato, civsam kan planlægge med; fundet '1800-01-01'; "
        "forventet en dato fra 1900-01-01 til 2199-12-31, fx 2026-03-01"
    )
    assert str(info.value.problems[0]) == (
        "not a date civsam can plan with; found '1800-01-01'; "
        "expected a date from 1900-01-01 to 2199-12-31, such as 2026-03-01"
    )


def test_a_limit_that_is_no_whole_number() -> None:
    """Limits(max_bytes=0) carries its text for a caller who shows it in Danish."""
    with pytest.raises(ValueError, match="expected a whole number, 1 or more, found 0") as info:
        Limits(max_bytes=0)
    [text] = info.value.args
    assert isinstance(text, Text)
    assert text.say("da") == "Limits.max_bytes: forventede et helt tal, 1 eller mere, men fandt 0"


def test_grouped_numbers() -> None:
    """Grouped writes thousands as each language does."""
    assert (str(Grouped(1234567)), Grouped(1234567).say("da")) == ("1,234,567", "1.234.567")


# -- civsam.files._lock: changing a file---------------------------------------------------------


@posix_only
def test_a_read_only_file_is_refused_in_danish(example_path: Path) -> None:
    """The mode and the advice, in Danish."""
    example_path.chmod(0o444)
    with pytest.raises(CivsamError) as info:
        civsam.save(civsam.example(), example_path)
    assert both(info.value) == (
        (
            f"{example_path}: the file is read-only (mode 0444); make it writable (chmod u+w) "
            "to let civsam change it"
        ),
        (
            f"{example_path}: filen er skrivebeskyttet (tilstand 0444); gør den skrivbar "
            "(chmod u+w), så civsam kan ændre den"
        ),
    )


@posix_only
def test_a_lock_held_too_long(example_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LockTimeoutError says how long civsam waited; a whole second is singular."""
    monkeypatch.setattr(_lock, "TIMEOUT", 0.2)
    with locked(example_path), pytest.raises(civsam.files.io.LockTimeoutError) as info:
        civsam.save(civsam.example(), example_path)
    assert both(info.value) == (
        (
            f"{example_path}: another civsam process is writing this file (waited 0.2 seconds "
            "for it); try again"
        ),
        (
            f"{example_path}: en anden civsam-proces skriver i denne fil (ventede 0.2 sekunder "
            "på den); prøv igen"
        ),
    )


@posix_only
def test_a_hard_linked_file_is_refused_in_danish(example_path: Path) -> None:
    """Two names: the count and the advice in Danish."""
    os.link(example_path, example_path.with_name("other.toml"))
    with pytest.raises(CivsamError) as info:
        civsam.save(civsam.example(), example_path)
    assert info.value.text("da").startswith(
        f"{example_path}: filen har 2 navne (hårde links); at gemme erstatter den"
    )


@posix_only
def test_a_pipe_is_not_written(tmp_path: Path) -> None:
    """A named pipe in the project file's place: its kind is said in Danish."""
    path = tmp_path / "p.toml"
    os.mkfifo(path)
    assert stat.S_ISFIFO(path.stat().st_mode)
    with pytest.raises(CivsamError) as info:
        civsam.save(civsam.example(), path)
    assert both(info.value) == (
        f"{path}: not a regular file (a named pipe); civsam writes only regular files",
        f"{path}: ikke en almindelig fil (en navngiven pipe); civsam skriver kun almindelige filer",
    )


# -- civsam.exporting ------------------------------------------------------------------------


def test_an_unknown_format() -> None:
    """The formats there are are listed as before; the words around them are Danish."""
    with pytest.raises(UnknownFormatError) as info:
        export_project(civsam.example(), "pdf")
    english, danish = both(info.value)
    assert english.startswith("unknown format 'pdf'; the formats there are: csv, ")
    assert danish.startswith("ukendt format 'pdf'; de formater, der findes, er: csv, ")


@pytest.mark.usefixtures("builtin_plugins_only")
def test_no_format_at_all() -> None:
    """With no exporter plugin loaded, "none" and why are Danish too."""
    with pytest.raises(UnknownFormatError) as info:
        export_project(civsam.example(), "csv")
    assert info.value.text("da") == (
        "ukendt format 'csv'; de formater, der findes, er: ingen (intet eksport-plugin er indlæst)"
    )


def test_a_folder_is_no_export_target(tmp_path: Path) -> None:
    """export(out=folder) names the folder and what to do, in Danish."""
    with pytest.raises(civsam.exporting.ExportError) as info:
        export_project(civsam.example(), "csv", tmp_path)
    assert info.value.text("da") == (
        f"{tmp_path} er en mappe; angiv en fil, som eksporten skal skrives til"
    )


def test_a_file_that_is_no_earlier_export_is_kept(tmp_path: Path) -> None:
    """OverwriteError: why civsam keeps the file, and what to do, in Danish."""
    path = tmp_path / "notes.md"
    path.write_text("my own notes\n", encoding="utf-8")
    with pytest.raises(OverwriteError) as info:
        export_project(civsam.example(), "markdown", path)
    assert both(info.value) == (
        (
            f"{path} exists and it is not an earlier 'markdown' export, so civsam leaves it as "
            "it is; choose another file, or use --force (force=True in Python) to replace it"
        ),
        (
            f"{path} findes og den er ikke en tidligere 'markdown'-eksport, så civsam lader den "
            "være; vælg en anden fil, eller brug --force (force=True i Python) for at erstatte den"
        ),
    )


def test_a_ready_report_with_options() -> None:
    """export(report, language=...) is refused in either language."""
    report = civsam.make_report(civsam.example())
    with pytest.raises(CivsamError) as info:
        export(report, "csv", language="en")
    assert info.value.text("da").startswith("export() fik en færdig Report og language: ")


# -- civsam.plugins ----------------------------------------------------------------------------


def test_a_plugin_that_fails_to_load(
    install: FakeInstall, caplog: pytest.LogCaptureFixture
) -> None:
    """The failure and the warning are Danish when said in Danish; English as before."""
    install.add("raise RuntimeError('no config')\n")
    with caplog.at_level(logging.WARNING, logger="civsam.plugins"):
        loaded = load_plugins()
    [failure] = loaded.failures
    assert failure == PluginFailure(
        "mine", "failed to load: RuntimeError: no config", "my-plugin", "1.0"
    )
    assert (
        failure.text("da") == "mine (my-plugin 1.0): kunne ikke indlæses: RuntimeError: no config"
    )
    [record] = caplog.records
    assert record.getMessage() == (
        "civsam plugin mine (my-plugin 1.0): failed to load: RuntimeError: no config"
    )
    assert isinstance(record.msg, Text)
    assert record.msg.say("da") == (
        "civsam-plugin mine (my-plugin 1.0): kunne ikke indlæses: RuntimeError: no config"
    )


def test_a_plugin_claiming_matrix_is_told_in_danish(install: FakeInstall) -> None:
    """The claimants, "built in" and the outcome are Danish."""
    install.add(
        "import civsam\n\n"
        "class Matrix:\n    name = 'matrix'\n    def place(self, candidate): ...\n\n"
        "@civsam.hookimpl\ndef civsam_rules():\n    return [Matrix()]\n"
    )
    loaded = load_plugins()
    loaded.rules()
    [failure] = loaded.failures
    assert failure.text("da") == (
        "mine (my-plugin 1.0): navnet 'matrix' (regel) kræves af indbygget (plugin "
        "civsam._builtin) og my-plugin 1.0 (plugin mine); den indbyggede beholdes"
    )
    assert str(failure) == (
        "mine (my-plugin 1.0): the rule name 'matrix' is claimed by built in (plugin "
        "civsam._builtin) and my-plugin 1.0 (plugin mine); the built-in one is kept"
    )


def test_an_invalid_exporter_is_told_in_danish(install: FakeInstall) -> None:
    """An exporter with an empty name: the attribute and the value found."""
    install.add(
        "import civsam\n\n"
        "class Empty:\n    name = ''\n    suffix = '.x'\n    media_type = 'text/plain'\n"
        "    def export(self, report, out): ...\n\n"
        "@civsam.hookimpl\ndef civsam_exporters():\n    return [Empty()]\n"
    )
    loaded = load_plugins()
    loaded.exporters()
    [failure] = loaded.failures
    assert failure.text("da") == (
        "mine (my-plugin 1.0): gav en ugyldig eksportør: dens name er '' (forventet 1-64 "
        "bogstaver (a-z, A-Z), cifre, '-', '_' eller '.', der begynder med et bogstav eller "
        "ciffer, fx 'xlsx')"
    )


def test_a_builtin_plugins_origin() -> None:
    """Built in is "indbygget"; a distribution's name and version are as they are."""
    assert PluginInfo("civsam._builtin").origin == "built in"
    assert civsam.errors.said(PluginInfo("civsam._builtin").origin_text, "da") == "indbygget"
    assert PluginInfo("x", "dist", "1.0").origin_text == "dist 1.0"


# -- the project's graph --------------------------------------------------------------------------


def test_the_shared_graph_refuses_a_change_in_either_language() -> None:
    """graph.nodes[n][...] = … on the project's own graph carries a Danish text."""
    graph = civsam.example().graph
    node = next(iter(graph.nodes))
    with pytest.raises(Exception, match="the project's graph is read-only") as info:
        graph.nodes[node]["name"] = "x"
    [text] = info.value.args
    assert isinstance(text, Text)
    assert text.say("da").startswith("projektets graf kan kun læses")
