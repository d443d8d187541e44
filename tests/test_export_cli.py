"""The command line's export, demo and plugins commands, run in process and as `python -m`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import civsam
from _cli import grouped
from _formats import BUILTIN_FORMATS
from civsam.cli import main
from civsam.files.bundled import example_text

AS_OF = dt.date(2026, 1, 1)
TODAY = ["--today", AS_OF.isoformat()]
NO_PERSONAL_DATA = "civsam: persondata i denne eksport: ingen fundet\n"
"""What export says on standard error of the Danish example without contacts."""
NO_PERSONAL_DATA_EN = "civsam: personal data in this export: none found\n"
FORMATS = (
    "csv (.csv), csv-rfc4180 (.csv), graphml (.graphml), html (.html), ics (.ics), "
    "kumu (.json), markdown (.md), svg (.svg) {and_} workshop (.html)"
)
"""The built-in formats with their suffixes, as a usage error lists them ({and_}: og/and)."""
DEMO_FILES = [
    "example-csv-rfc4180.csv",
    "example-csv.csv",
    "example-graphml.graphml",
    "example-html.html",
    "example-ics.ics",
    "example-kumu.json",
    "example-markdown.md",
    "example-svg.svg",
    "example-workshop.html",
    "example.toml",
]


def expected(fmt: str, **options: object) -> bytes:
    """What civsam.export makes of the bundled example, as of 2026-01-01."""
    return civsam.export_project(civsam.example(), fmt, as_of=AS_OF, **options)  # type: ignore[arg-type]


def leftovers(folder: Path) -> list[str]:
    """Temporary files an atomic write left behind (there must be none)."""
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


# -- civsam export -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "csv-rfc4180", "ics", "markdown"])
def test_export_writes_the_bytes_to_standard_output(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes], fmt: str
) -> None:
    """Without -o the export goes to standard output; the privacy line to standard error."""
    assert main(["export", str(example_path), "-f", fmt, *TODAY]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == expected(fmt)
    assert captured.err.decode("utf-8") == NO_PERSONAL_DATA


def test_export_writes_a_file_with_o(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """-o OUT writes the file; standard output stays empty; standard error says what was written.

    The example is Danish, and so is what the command says, numbers grouped the Danish way.
    """
    out = example_path.parent / "partnere.csv"
    assert main(["export", str(example_path), "-f", "csv", "-o", str(out), *TODAY]) == 0
    captured = capsysbinary.readouterr()
    data = out.read_bytes()
    assert data == expected("csv")
    assert captured.out == b""
    assert captured.err.decode("utf-8") == (
        f"{NO_PERSONAL_DATA}Skrev {out} (csv, {grouped(len(data), 'da')} bytes)\n"
    )
    assert leftovers(out.parent) == []


def test_export_replaces_a_file_atomically(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """An earlier export at OUT is replaced by a new file (a hard link keeps the old bytes)."""
    out = example_path.parent / "rapport.md"
    earlier = expected("markdown", language="en")
    out.write_bytes(earlier)
    out.chmod(0o640)
    link = example_path.parent / "old-link.md"
    os.link(out, link)
    assert main(["export", str(example_path), "-f", "markdown", "-o", str(out), *TODAY]) == 0
    capsysbinary.readouterr()
    assert out.read_bytes() == expected("markdown")
    assert link.read_bytes() == earlier  # renamed over, never written in place
    assert out.stat().st_mode & 0o777 == 0o640
    assert leftovers(out.parent) == []


def test_export_in_english(example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """--lang en gives the English export, and says what it holds in English."""
    assert main(["export", str(example_path), "-f", "csv", "--lang", "en", *TODAY]) == 0
    captured = capsysbinary.readouterr()
    assert captured.err.decode("utf-8") == NO_PERSONAL_DATA_EN
    out = captured.out
    assert out == expected("csv", language="en")
    assert out.startswith(b"\xef\xbb\xbfRank,Quadrant,Id,Potential partner,")


def test_export_with_contacts(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """--include-contacts adds the contact persons and says which personal data is included."""
    args = ["export", str(example_path), "-f", "markdown", "--include-contacts", *TODAY]
    assert main(args) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == expected("markdown", include_contacts=True)
    assert "Birthe Søndergaard\\, birthe\\.soendergaard\\@example\\.dk".encode() in captured.out
    # Counted in what was written, never the values themselves.
    assert captured.err.decode("utf-8") == (
        "civsam: persondata i denne eksport: 10 navne, 9 e-mailadresser og 9 telefonnumre\n"
    )


def test_export_leaves_contacts_out_by_default(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """Without --include-contacts no contact person's name, e-mail or phone is written."""
    assert main(["export", str(example_path), "-f", "csv", *TODAY]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8-sig")
    assert "Birthe" not in out
    assert "@example.dk" not in out
    assert "+45" not in out


def test_an_unknown_format_is_wrong_usage_listing_the_formats(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """-f pdf: exit status 2, the formats there are, and nothing written."""
    out = example_path.parent / "x.pdf"
    assert main(["export", str(example_path), "-f", "pdf", "-o", str(out), "--lang", "en"]) == 2
    captured = capsysbinary.readouterr()
    assert captured.err.decode("utf-8") == (
        "civsam: unknown format 'pdf'; the formats there are: "
        "csv, csv-rfc4180, graphml, html, ics, kumu, markdown, svg, workshop\n"
    )
    assert captured.out == b""
    assert not out.exists()


@pytest.mark.parametrize(
    ("output", "language", "message"),
    [
        (
            [],
            "en",
            "give a format with -f, or a file with a known suffix with -o; formats: {formats}",
        ),
        (
            ["-o", "-"],
            "en",
            "give a format with -f, or a file with a known suffix with -o; formats: {formats}",
        ),
        (
            [],
            "da",
            (
                "angiv et format med -f, eller en fil med en kendt endelse med -o; "
                "formater: {formats}"
            ),
        ),
        (
            ["-o", "{folder}/rapport.pdf"],
            "en",
            (
                "the suffix '.pdf' of {folder}/rapport.pdf does not say which format to write; "
                "give it with -f; formats: {formats}"
            ),
        ),
        (
            ["-o", "{folder}/rapport.pdf"],
            "da",
            (
                "endelsen '.pdf' på {folder}/rapport.pdf siger ikke, hvilket format der menes; "
                "angiv det med -f; formater: {formats}"
            ),
        ),
    ],
    ids=["no -o", "-o -", "no -o, Danish", "unknown suffix", "unknown suffix, Danish"],
)
def test_a_missing_format_is_wrong_usage(
    output: list[str],
    language: str,
    message: str,
    example_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    """Without -f, and no suffix of -o names one: exit status 2, listing the formats."""
    folder = example_path.parent
    before = sorted(folder.iterdir())
    argv = ["export", str(example_path), *(word.format(folder=folder) for word in output)]
    assert main([*argv, "--lang", language, *TODAY]) == 2
    captured = capsysbinary.readouterr()
    assert captured.out == b""
    formats = FORMATS.format(and_={"da": "og", "en": "and"}[language])
    assert captured.err.decode("utf-8") == (
        f"civsam: {message.format(folder=folder, formats=formats)}\n"
    )
    assert sorted(folder.iterdir()) == before


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("rapport.html", "html"),  # workshop shares the suffix; the one named like it wins
        ("RAPPORT.HTML", "html"),
        ("partnere.csv", "csv"),  # csv-rfc4180 shares the suffix; the one named like it wins
        ("rapport.md", "markdown"),
        ("plan.ics", "ics"),
        ("netvaerk.json", "kumu"),
        ("netvaerk.graphml", "graphml"),
        ("matrix.svg", "svg"),
    ],
)
def test_without_f_the_suffix_of_o_picks_the_format(
    name: str, fmt: str, example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """`export -o rapport.html` writes HTML, and says on standard error the suffix chose it."""
    out = example_path.parent / name
    assert main(["export", str(example_path), "-o", str(out), *TODAY]) == 0
    captured = capsysbinary.readouterr()
    data = out.read_bytes()
    assert data == expected(fmt)
    assert captured.out == b""
    suffix = civsam.exporters()[fmt].suffix
    assert captured.err.decode("utf-8") == (
        f"civsam: formatet {fmt} er valgt ud fra endelsen {suffix}\n"
        f"{NO_PERSONAL_DATA}"
        f"Skrev {out} ({fmt}, {grouped(len(data), 'da')} bytes)\n"
    )


def test_the_suffix_picks_the_format_in_english(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """--lang en: the note, and the English export."""
    out = example_path.parent / "report.html"
    argv = ["export", str(example_path), "-o", str(out), "--lang", "en", *TODAY]
    assert main(argv) == 0
    data = out.read_bytes()
    assert data == expected("html", language="en")
    assert capsysbinary.readouterr().err.decode("utf-8") == (
        "civsam: format html chosen from the suffix .html\n"
        f"{NO_PERSONAL_DATA_EN}"
        f"Wrote {out} (html, {len(data):,} bytes)\n"
    )


def test_f_wins_over_the_suffix(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """-f csv -o notes.md writes CSV, with no note about the suffix."""
    out = example_path.parent / "notes.md"
    assert main(["export", str(example_path), "-f", "csv", "-o", str(out), *TODAY]) == 0
    assert out.read_bytes() == expected("csv")
    assert "endelsen" not in capsysbinary.readouterr().err.decode("utf-8")


@pytest.mark.parametrize(
    ("paper", "size"),
    [
        ([], ("420mm", "297mm", "0 0 420 297")),
        (["--paper", "a3"], ("420mm", "297mm", "0 0 420 297")),
        (["--paper", "a4"], ("297mm", "210mm", "0 0 297 210")),
        (["--paper", "letter"], ("279.4mm", "215.9mm", "0 0 279.4 215.9")),
    ],
    ids=["a3 by default", "a3", "a4", "letter"],
)
def test_export_lays_the_board_out_for_the_paper(
    example_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    paper: list[str],
    size: tuple[str, str, str],
) -> None:
    """--paper a4: the SVG board is an A4 page on its side, 297 mm wide, as make_report has it."""
    out = example_path.parent / "x.svg"
    argv = ["export", str(example_path), "-f", "svg", *paper, "-o", str(out), *TODAY]
    assert main(argv) == 0
    capsysbinary.readouterr()
    data = out.read_bytes()
    root = ET.fromstring(data)  # noqa: S314 - our own output
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == size
    report = civsam.make_report(civsam.example(), as_of=AS_OF, paper=paper[-1] if paper else "a3")
    assert data == civsam.export(report, "svg")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("da", "civsam export: fejl: --paper: ukendt papir 'a5'; brug en af disse: a3, a4, letter"),
        (
            "en",
            (
                "civsam export: error: argument --paper: unknown paper 'a5'; expected one of "
                "a3, a4, letter"
            ),
        ),
    ],
)
def test_an_unknown_paper_is_wrong_usage(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes], language: str, message: str
) -> None:
    """--paper a5: exit status 2, naming a3, a4 and letter, in the project's language."""
    out = example_path.parent / "x.svg"
    argv = ["export", str(example_path), "-f", "svg", "--paper", "a5", "-o", str(out)]
    with pytest.raises(SystemExit) as exited:
        main([*argv, *(["--lang", "en"] if language == "en" else [])])
    assert exited.value.code == 2
    captured = capsysbinary.readouterr()
    assert captured.out == b""
    last = captured.err.decode("utf-8").rstrip("\n").splitlines()[-1]
    assert last == message
    assert not out.exists()


def test_an_invalid_project_exits_1_with_every_problem(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """A project file with two mistakes: exit status 1, both problems, nothing written."""
    path = tmp_path / "bad.toml"
    path.write_text(
        '[project]\nname = "X"\nowner = "k"\nnaem = 1\n\n'
        '[[organisations]]\nid = "k"\nname = "K"\n\n'
        '[[organisations]]\nid = "a"\nname = "A"\n\n'
        '[[assessments]]\npartner = "a"\nimportance = 7\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert main(["export", str(path), "-f", "csv", "-o", str(out), "--lang", "en"]) == 1
    captured = capsysbinary.readouterr()
    assert captured.err.decode("utf-8").splitlines() == [
        f"civsam: 2 problems in {path}:",
        (
            f"  {path}:4: project.naem: unknown key; expected one of name, owner, "
            "target_groups, language, description"
        ),
        (
            f"  {path}:16: assessments[0].importance: wrong value; found number 7; "
            "expected a whole number from 1 to 5"
        ),
    ]
    assert captured.out == b""
    assert not out.exists()


def test_a_folder_that_does_not_exist_is_reported_without_a_traceback(
    example_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """-o into a missing folder: exit status 1 and one line saying why."""
    out = example_path.parent / "missing" / "x.csv"
    argv = ["export", str(example_path), "-f", "csv", "-o", str(out), "--lang", "en"]
    assert main([*argv, *TODAY]) == 1
    assert capsysbinary.readouterr().err.decode("utf-8") == (
        f"civsam: {out}: cannot write here: No such file or directory\n"
    )


# -- civsam demo -------------------------------------------------------------------------------


def demo_output(folder: Path) -> str:
    """What `civsam demo` prints for ``folder``."""
    sizes = {
        "example.toml": len(example_text().encode("utf-8")),
        "example-csv.csv": len(expected("csv")),
        "example-csv-rfc4180.csv": len(expected("csv-rfc4180")),
        "example-graphml.graphml": len(expected("graphml")),
        "example-html.html": len(expected("html")),
        "example-ics.ics": len(expected("ics")),
        "example-kumu.json": len(expected("kumu")),
        "example-markdown.md": len(expected("markdown")),
        "example-svg.svg": len(expected("svg")),
        "example-workshop.html": len(expected("workshop")),
    }
    lines = [f"Wrote {folder / name} ({size:,} bytes)" for name, size in sizes.items()]
    lines.append(
        "Contact persons are left out of every export; add --include-contacts to "
        "`civsam export` to include them."
    )
    return "\n".join(lines) + "\n"


def check_demo_files(folder: Path) -> None:
    """The demo folder holds the example and one file per built-in exporter, as exported."""
    assert sorted(path.name for path in folder.iterdir()) == DEMO_FILES
    assert (folder / "example.toml").read_text(encoding="utf-8") == example_text()
    assert civsam.load(folder / "example.toml") == civsam.example()
    builtin = BUILTIN_FORMATS
    for name in builtin:
        suffix = civsam.exporters()[name].suffix
        assert (folder / f"example-{name}{suffix}").read_bytes() == expected(name)


def test_demo_writes_the_example_and_every_builtin_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`civsam demo OUTDIR` writes example.toml and one file per format, and says so."""
    folder = tmp_path / "demo-out"
    assert main(["demo", str(folder), *TODAY]) == 0
    captured = capsys.readouterr()
    assert captured.out == demo_output(folder)
    assert captured.err == ""
    check_demo_files(folder)


def test_demo_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A second run into the same folder writes identical files and succeeds."""
    folder = tmp_path / "demo-out"
    assert main(["demo", str(folder), *TODAY]) == 0
    first = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert main(["demo", str(folder), *TODAY]) == 0
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == first
    out = capsys.readouterr().out
    assert out == demo_output(folder) * 2


def test_demo_keeps_a_changed_file_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A demo file someone edited is kept (exit 1) unless --force; then it is replaced."""
    folder = tmp_path / "demo-out"
    assert main(["demo", str(folder), *TODAY]) == 0
    edited = folder / "example-markdown.md"
    edited.write_text("my notes\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["demo", str(folder), *TODAY]) == 1
    assert capsys.readouterr().err == (
        f"civsam: already there, and different from what demo writes: {edited}; "
        "use --force to replace\n"
    )
    assert edited.read_text(encoding="utf-8") == "my notes\n"
    assert main(["demo", str(folder), "--force", *TODAY]) == 0
    check_demo_files(folder)


def test_python_m_civsam_demo(tmp_path: Path) -> None:
    """`python -m civsam demo DIR` in a fresh process writes the same files."""
    folder = tmp_path / "out"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CIVSAM_") and key != "SOURCE_DATE_EPOCH"
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "civsam", "demo", str(folder), *TODAY],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.replace("\r\n", "\n") == demo_output(folder)
    check_demo_files(folder)


# -- civsam plugins ----------------------------------------------------------------------------


def test_plugins_lists_the_builtin_exporters_with_distribution_and_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`civsam plugins` names each exporter, its distribution, version and plugin."""
    assert main(["plugins"]) == 0
    version = civsam.__version__
    assert capsys.readouterr().out.splitlines() == [
        "Exporters:",
        f"  csv                  civsam {version} (plugin csv)",
        f"  csv-rfc4180          civsam {version} (plugin csv)",
        f"  graphml              civsam {version} (plugin graphml)",
        f"  html                 civsam {version} (plugin html)",
        f"  ics                  civsam {version} (plugin ics)",
        f"  kumu                 civsam {version} (plugin kumu)",
        f"  markdown             civsam {version} (plugin markdown)",
        f"  svg                  civsam {version} (plugin svg)",
        f"  workshop             civsam {version} (plugin workshop)",
        "Rules:",
        "  matrix               built in (plugin civsam._builtin)",
        "Plugins that failed: none",
    ]
