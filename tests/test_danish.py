"""A Danish user meets no English: every message, error, count and help text is Danish.

Two nets catch English that slipped past the catalogue. The first reads civsam's source:
no message civsam builds (an exception, a problem, a warning, a line the command line
prints) may be an English string literal; each must be a catalogue text. The second
runs the command line in Danish, on success and on every kind of mistake a user makes,
and looks for English words in all it prints.
"""

from __future__ import annotations

import ast
import contextlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import civsam
from civsam.cli import main

if TYPE_CHECKING:
    from collections.abc import Iterator

SOURCE = Path(civsam.__file__).resolve().parent

# -- the source: no English literal where a message is made ---------------------------------

# Calls that make a message a person reads: exceptions and problems (by name), warnings,
# and what the command line prints.
_MESSAGE_CALLS = re.compile(r"(Error|Problem|Exception|Warning|Failure)$|^(warn|print|_?say)$")
_WORD = re.compile(r"[A-Za-zÆØÅæøå]{2,}")
# Words a message may hold in any language: the program's name.
_ANY_LANGUAGE = frozenset({"civsam"})
# A catalogue key ("cli.valid") names a text, and a language code ("en") a language, as
# in ``text.say("en")``; neither is a text itself.
_KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+|da|en")


def _words(node: ast.expr) -> list[str]:
    """The words of a string literal, or of an f-string's literal parts."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if _KEY.fullmatch(node.value):
            return []
        parts = [node.value]
    elif isinstance(node, ast.JoinedStr):
        parts = [
            value.value
            for value in node.values
            if isinstance(value, ast.Constant) and isinstance(value.value, str)
        ]
    else:
        return []
    return [word for part in parts for word in _WORD.findall(part) if word not in _ANY_LANGUAGE]


def _name(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return ""


# Errors that tell a Python programmer of a mistake in their code (a missing key, a wrong
# type), never a user of the command line about their input: English, as Python's own.
# cattrs's IterableValidationError only groups the problems civsam then says one by one.
_PROGRAMMING_ERRORS = frozenset(
    {
        "KeyError",
        "TypeError",
        "AttributeError",
        "RuntimeError",
        "NotImplementedError",
        "IterableValidationError",
    }
)
# Arguments that locate a problem (a field's path, a file's name): identifiers, no words.
_LOCATING = frozenset({"path", "file"})


def _literal_messages(path: Path) -> Iterator[str]:
    """``file:line: call(...)`` for each message call given English words as a literal."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not _MESSAGE_CALLS.search(_name(node)):
            continue
        if _name(node) in _PROGRAMMING_ERRORS:
            continue
        arguments = [
            *node.args,
            *(keyword.value for keyword in node.keywords if keyword.arg not in _LOCATING),
        ]
        if _name(node) == "print":  # the file= keyword is no message
            arguments = list(node.args)
        for argument in arguments:
            words = _words(argument)
            if words:
                where = path.relative_to(SOURCE.parent)
                yield f"{where}:{node.lineno}: {_name(node)}(...) says {' '.join(words)!r}"


def _modules() -> list[Path]:
    """The modules of civsam that make messages.

    Left out: the catalogue's data, where English belongs, its machinery
    (``_message.py``), whose only errors are a programmer's (a key it does not have), and
    the deprecation warnings (``_deprecated.py``), which tell a Python programmer of an
    old name in their code: English, as Python's own warnings.
    """
    return sorted(
        path
        for path in SOURCE.rglob("*.py")
        if "_texts" not in path.parts
        and "testing" not in path.parts
        and path.name not in {"_message.py", "_deprecated.py"}
    )


def test_the_source_finds_its_modules() -> None:
    """The scan reads the modules that raise (a wrong root would pass vacuously)."""
    names = {path.name for path in _modules()}
    assert {"_project.py", "io.py", "table.py", "project.py", "_converter.py"} <= names


def test_the_scan_finds_an_english_literal() -> None:
    """The scan itself catches what it is for: a raise with English words."""
    tree = ast.parse('raise CivsamError(f"cannot read {path}")')
    call = next(node for node in ast.walk(tree) if isinstance(node, ast.Call))
    assert _words(call.args[0]) == ["cannot", "read"]


@pytest.mark.parametrize("module", _modules(), ids=lambda path: path.name)
def test_no_message_is_an_english_literal(module: Path) -> None:
    """Every message a module makes comes from the catalogue, said in the reader's language."""
    assert list(_literal_messages(module)) == []


# -- the command line in Danish ---------------------------------------------------------------

# English words that are not Danish words too ("at", "for", "problem", "format", "status",
# "partner" and "plugin" are both): one of them in Danish output is English that slipped.
_ENGLISH_WORDS = """
    the and or of to is are was were be has have not no none only this that these which
    with from into than there cannot can't must should use give wrote write read exists
    already replace expected found unknown invalid missing error usage options arguments
    show help message exit file files line row column valid project
    organisations relations assessments assessment date day days number whole least more
    one choose following required unrecognized argument value name names suffix
    partners
    """
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
# What a message quotes is the user's, in their words: values in quotes, paths, options,
# identifiers and metavariables are left out before looking for English.
_QUOTED = re.compile(
    r"[\w\[\]]+(?:\.[\w\[\]]+)+|'[^']*'|\"[^\"]*\"|»[^«]*«|“[^”]*”|`[^`]*`|\{[^}]*\}|\[[^\]]*\]|\S*[/\\]\S*|--?[\w-]+|\b\w*_\w*\b"
)


# A list of three or more plain words is a list of identifiers (file keys, commands,
# values) that a message offers to choose from: English by design.
_IDENTIFIER_LIST = re.compile(r"\b\w+(?:, \w+){2,}\b")
# The commands' names are identifiers too: `civsam step`, `civsam plan`.
_COMMAND = re.compile(r"^ {4}[a-z-]+\b|civsam [a-z-]+", re.MULTILINE)


def _english(text: str) -> set[str]:
    """The English words in ``text``, after what it quotes and lists is taken out."""
    plain = _QUOTED.sub(" ", _IDENTIFIER_LIST.sub(" ", _COMMAND.sub(" ", text)))
    return {word for word in re.findall(r"[^\W\d_]+", plain.lower()) if word in _ENGLISH}


def test_the_english_detector_finds_english() -> None:
    """The net catches English, and lets Danish with quoted English values through."""
    assert _english("civsam: unknown format 'pdf'; expected one of csv") == {
        "unknown",
        "format",
        "expected",
        "one",
        "of",
    } - {"format"}
    assert _english("civsam: ukendt format 'the file'; brug en af disse: csv") == set()


BAD_PROJECT = """\
[project]
name = "Fejl"
language = "da"

[owner]
id = "kommunen"
name = "Kommunen"
kind = "municipality"

[[organisations]]
id = "forening"
name = "Foreningen"
kind = "club"

[[assessments]]
partner = "forening"
importance = 9
ease = "let"
"""

BAD_TABLE = "Navn;Betydning\nFrivilligcenter;høj\n"


@pytest.fixture(name="workspace")
def _workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the bundled example, a project with mistakes and a poor table."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    (tmp_path / "ex.toml").write_text(civsam.files.bundled.example_text(), encoding="utf-8")
    (tmp_path / "fejl.toml").write_text(BAD_PROJECT, encoding="utf-8")
    (tmp_path / "tabel.csv").write_text(BAD_TABLE, encoding="utf-8")
    (tmp_path / "en-fil").write_text("x", encoding="utf-8")
    return tmp_path


SUBCOMMANDS = (  # noqa: SIM905
    "init check import-table demo matrix assess changes apply export readiness plan log due "
    "step review checklist introductions plugins"
).split()
PARTNER = "aeldresagen-aarhus"
DAY = ("--date", "2027-01-11")

# What a Danish user runs, right and wrong: each is said in Danish, whatever it answers.
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("check", "ex.toml"),
    ("check", "fejl.toml"),
    ("check", "mangler.toml"),
    ("check", "en-fil"),
    ("check",),
    ("check", "ex.toml", "--nej"),
    ("nej",),
    ("init", "ex.toml"),
    ("import-table", "tabel.csv", "-o", "ny.toml"),
    ("import-table", "mangler.csv", "-o", "ny.toml"),
    ("import-table", "tabel.csv", "-o", "ny.toml", "--allow-missing", "navn"),
    ("matrix", "ex.toml", "--today", "2027-01-11"),
    ("matrix", "ex.toml", "--importance-threshold", "7"),
    ("matrix", "ex.toml", "--importance-threshold", "x"),
    ("matrix", "ex.toml", "--rule", "ingen"),
    ("matrix", "ex.toml", "--rule", "ingen", "--sensitivity"),
    ("export", "ex.toml", "-o", "rapport.html", "--today", "2027-01-11"),
    ("export", "ex.toml", "-f", "pdf"),
    ("export", "ex.toml", "-o", "rapport.xyz"),
    ("export", "ex.toml"),
    ("export", "ex.toml", "-f", "csv", "-o", "ex.toml"),
    ("export", "ex.toml", "-f", "markdown", "-o", "en-fil"),
    ("readiness", "ex.toml"),
    ("plan", "ex.toml", "--start", "2027-01-04"),
    ("plan", "ex.toml", "--capacity", "0"),
    ("plan", "ex.toml", "--start", "7/12/2026"),
    ("due", "ex.toml", "--today", "2027-02-01"),
    ("log", "ex.toml", PARTNER, *DAY, "--kind", "møde"),
    ("log", "ex.toml", PARTNER, *DAY, "--kind", "brev"),
    ("log", "ex.toml", "ingen sådan", *DAY, "--kind", "opkald"),
    ("log", "ex.toml", "Røde Kors", *DAY, "--kind", "opkald"),
    ("log", "ex.toml", "aarhus-kommune", *DAY, "--kind", "opkald"),
    ("log", "ex.toml", PARTNER, "--date", "2027-13-40", "--kind", "opkald"),
    ("log", "ex.toml", PARTNER, "--kind", "opkald"),
    ("step", "ex.toml", "roede-kors-aarhus", "deres_dagsorden", *DAY),
    ("step", "ex.toml", "roede-kors-aarhus", "afsluttet", "--date", "1800-01-01"),
    ("step", "ex.toml", "besoegstjenesten-viby-sogn", "vedligehold_kontakten", *DAY),
    ("step", "ex.toml", PARTNER, "hop", *DAY),
    ("review", "ex.toml", PARTNER, *DAY, "snak_sammen_ofte=gul", "ledelsen=afkrydset"),
    ("review", "ex.toml", PARTNER, *DAY, "snak=gul"),
    ("review", "ex.toml", PARTNER, *DAY, "snak_sammen_ofte=lilla"),
    ("review", "ex.toml", PARTNER, *DAY, "snak_sammen_ofte"),
    ("review", "ex.toml", PARTNER, *DAY, "snak_sammen_ofte=gul", "talk_often=red"),
    ("checklist", "ex.toml", PARTNER),
    ("introductions", "ex.toml", "koebmand-holm-viby", "--today", "2027-01-15"),
    ("introductions", "ex.toml", PARTNER, "--limit", "0"),
    ("demo", "en-fil"),
    ("demo", "demo-ud", "--today", "2027-01-11"),
    ("plugins",),
    ("assess", "ex.toml", PARTNER, "--importance", "lav", "--ease", "nemt", *DAY),
    ("assess", "ex.toml", PARTNER, "--importance", "9"),
    ("assess", "ex.toml", PARTNER),
    ("assess", "ex.toml", "ingen sådan", "--ease", "2"),
    ("changes", "ex.toml", "--since", "2026-01-01", "--all"),
    ("changes", "ex.toml", "--since", "2027-01-01", "--until", "2026-01-01"),
    ("changes", "ex.toml"),
    ("apply", "ex.toml", "mangler.json"),
    ("apply", "ex.toml", "en-fil"),
)


def _run(argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> str:
    with contextlib.suppress(SystemExit):  # --help and usage errors end in argparse's exit
        main(list(argv))
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.mark.parametrize("command", ["", *SUBCOMMANDS])
@pytest.mark.usefixtures("workspace")
def test_help_is_danish(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`civsam [COMMAND] --help` with LANG=da_DK: every heading and line is Danish."""
    said = _run((command, "--help") if command else ("--help",), capsys)
    assert said.startswith("brug: civsam")
    assert _english(said) == set(), said


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
@pytest.mark.usefixtures("workspace")
def test_the_command_line_answers_in_danish(
    argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """What a Danish user runs, right or wrong, is answered in Danish."""
    said = _run(argv, capsys)
    assert said.strip(), f"civsam {' '.join(argv)} said nothing"
    assert _english(said) == set(), said


@pytest.mark.usefixtures("workspace")
def test_a_danish_project_is_answered_in_danish_whatever_the_locale(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The project's language wins over an English locale, for its errors too."""
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    said = _run(("check", "fejl.toml"), capsys)
    assert said.startswith("civsam: 5 problemer i fejl.toml:"), said
    assert _english(said) == set(), said
