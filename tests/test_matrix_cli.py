"""``civsam matrix`` and ``civsam plugins``: the board in 80 columns, and clear usage errors."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import TYPE_CHECKING

import pytest

import civsam
import civsam.files.bundled
from _cli import columns, run
from civsam import Assessment, Organisation, Project, Quadrant, Rating

if TYPE_CHECKING:
    from pathlib import Path

TODAY = "2026-01-01"

DANISH = {
    Quadrant.START_HERE: "Lad os starte her",
    Quadrant.DISCUSS: "Diskuter, om det er arbejdet værd at få dem med",
    Quadrant.NOT_NOW: "Måske, men ikke nu",
    Quadrant.NOT_WORTH_IT: "Ikke det værd",
}
ENGLISH = {
    Quadrant.START_HERE: "Let's start here",
    Quadrant.DISCUSS: "Discuss whether it is worth the effort to bring them in",
    Quadrant.NOT_NOW: "Maybe, but not now",
    Quadrant.NOT_WORTH_IT: "Not worth it",
}
ENTRY = re.compile(r"(?P<flag>[ !])\s*(?P<rank>\d+)\. (?P<name>.+?) +(?P<scores>\S+/\S+)")


pytestmark = pytest.mark.usefixtures("builtin_plugins_only")


def too_wide(text: str) -> list[tuple[int, str]]:
    """The lines wider than 80 columns, with their widths."""
    return [(columns(line), line) for line in text.splitlines() if columns(line) > 80]


def boxes(board: str) -> dict[Quadrant, list[str]]:
    """The lines inside each of the four boxes, as drawn (discuss top left, …)."""
    found: dict[Quadrant, list[str]] = {quadrant: [] for quadrant in Quadrant}
    upper = True
    for line in board.splitlines():
        if line.lstrip().startswith("├"):
            upper = False
        cells = line.split("│")
        if len(cells) == 4:  # side, left box, right box, ""
            left, right = (
                (Quadrant.DISCUSS, Quadrant.START_HERE)
                if upper
                else (Quadrant.NOT_WORTH_IT, Quadrant.NOT_NOW)
            )
            found[left].append(cells[1])
            found[right].append(cells[2])
    return found


def box_text(lines: list[str]) -> str:
    """A box's lines as one text, spaces collapsed (titles wrap over lines)."""
    return " ".join(" ".join(lines).split())


def entries(lines: list[str]) -> list[tuple[str, int, str, str]]:
    """Flag, rank, name and scores of every partner listed in a box."""
    return [
        (match["flag"], int(match["rank"]), match["name"], match["scores"])
        for line in lines
        if (match := ENTRY.fullmatch(line.rstrip()))
    ]


def shown_as(name: str, shown: str) -> bool:
    """A name is shown whole, or cut and ended with "…"."""
    return shown == name or (shown.endswith("…") and name.startswith(shown[:-1]))


def save(tmp_path: Path, project: Project) -> str:
    """Write ``project`` to a file and return its path."""
    path = tmp_path / "project.toml"
    civsam.save(project, path)
    return str(path)


def many_partners(count: int) -> Project:
    """A project of ``count`` partners with scores spread over the whole board."""
    owner = Organisation("kommune", "Aarhus Kommune")
    partners = [Organisation(f"p{n:03}", f"Forening nr. {n}") for n in range(count)]
    return Project(
        "Mange partnere",
        owner,
        organisations=partners,
        assessments=[
            Assessment(p.id, importance=n % 5 + 1, ease=(n * 3) // 5 % 5 + 1)
            for n, p in enumerate(partners)
        ],
    )


# -- the board -------------------------------------------------------------------------------


def test_the_board_fits_80_columns(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No line of the example's board (and its sensitivity list) is wider than 80 columns."""
    status, out, err = run(["matrix", str(example), "--sensitivity", "--today", TODAY], capsys)
    assert (status, err) == (0, "")
    assert too_wide(out) == []


def test_the_boxes_line_up(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every line of a box has its borders in the same columns as the box's top border."""
    _, out, _ = run(["matrix", str(example), "--today", TODAY], capsys)
    lines = out.splitlines()
    top = next(line for line in lines if "┌" in line)
    for line in lines:
        if "│" in line:
            assert [i for i, c in enumerate(line) if c == "│"] == [
                i for i, c in enumerate(top) if c in "┌┬┐"
            ], line


def test_the_board_names_the_quadrants_in_danish(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each box is headed by its quadrant's Danish name and how many partners it holds."""
    status, out, err = run(["matrix", str(example), "--today", TODAY], capsys)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[:4] == [
        "Ensomhed blandt ældre i Aarhus: prioriteringsmatrix",
        "Vejledningens matrix: betydningen er høj fra 4, samarbejdet nemt fra 4.",
        "Betydning: hvor meget betyder de for, at samarbejdet lykkes?",
        "      Svært                                Nemt",
    ]
    assert lines[-1] == "Tallene efter navnet er betydning/lethed."
    counts = {Quadrant.START_HERE: 4, Quadrant.DISCUSS: 3, Quadrant.NOT_NOW: 3}
    counts[Quadrant.NOT_WORTH_IT] = 4
    for quadrant, lines_in_box in boxes(out).items():
        assert box_text(lines_in_box).startswith(f"{DANISH[quadrant]} ({counts[quadrant]}) ")


def test_the_board_lists_partners_in_rank_order(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each box lists its partners by rank, with importance/ease after the name."""
    _, out, _ = run(["matrix", str(example), "--today", TODAY], capsys)
    prio = civsam.prioritise(civsam.load(example), as_of=dt.date(2026, 1, 1))
    for quadrant, lines in boxes(out).items():
        listed = entries(lines)
        expected = prio.quadrant(quadrant)
        assert [rank for _, rank, _, _ in listed] == [p.rank for p in expected]
        assert [scores for *_, scores in listed] == [
            f"{p.importance:g}/{p.ease:g}" for p in expected
        ]
        for (_, _, shown, _), placement in zip(listed, expected, strict=True):
            assert shown_as(placement.partner.name, shown), shown
    assert entries(boxes(out)[Quadrant.START_HERE])[0] == (" ", 1, "Ældre Sagen Aarhus", "5/5")


def test_the_board_in_english(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--lang en names the quadrants, axes and legend in English."""
    status, out, _ = run(["matrix", str(example), "--lang", "en", "--today", TODAY], capsys)
    assert status == 0
    assert out.splitlines()[:3] == [
        "Ensomhed blandt ældre i Aarhus: priority matrix",
        "The guide's matrix: importance is high from 4, collaboration easy from 4.",
        "Importance: how much do they matter for the collaboration's success?",
    ]
    for quadrant, lines in boxes(out).items():
        assert box_text(lines).startswith(ENGLISH[quadrant] + " (")
    assert "Ease: how easy is the collaboration with them?" in out
    assert "Lad os starte her" not in out


def test_top_shows_the_first_of_each_quadrant_and_how_many_more(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--top 2 lists two partners per box and "… og N mere" for the rest."""
    status, out, _ = run(["matrix", str(example), "--top", "2", "--today", TODAY], capsys)
    assert status == 0
    shown = boxes(out)
    assert {q: [rank for _, rank, _, _ in entries(lines)] for q, lines in shown.items()} == {
        Quadrant.START_HERE: [1, 2],
        Quadrant.DISCUSS: [5, 6],
        Quadrant.NOT_NOW: [8, 9],
        Quadrant.NOT_WORTH_IT: [11, 12],
    }
    more = {q: [line.strip() for line in lines if "mere" in line] for q, lines in shown.items()}
    assert more == {
        Quadrant.START_HERE: ["… og 2 mere"],
        Quadrant.DISCUSS: ["… og 1 mere"],
        Quadrant.NOT_NOW: ["… og 1 mere"],
        Quadrant.NOT_WORTH_IT: ["… og 2 mere"],
    }


def test_a_negative_top_is_wrong_usage(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--top -1 is refused (exit 2) rather than drawing wrong "… og N mere" counts."""
    status, out, err = run(["matrix", str(example), "--top", "-1"], capsys)
    assert (status, out) == (2, "")
    assert "--top" in err


def test_hundreds_of_partners_fit_as_counts_and_the_top_of_each_box(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """300 partners: within 80 columns, each box shows its count, 8 partners and the rest."""
    project = many_partners(300)
    status, out, _ = run(["matrix", save(tmp_path, project), "--today", TODAY], capsys)
    assert status == 0
    assert len(out.splitlines()) < 40
    counts = civsam.prioritise(project).counts()
    assert all(count > 8 for count in counts.values())
    for quadrant, lines in boxes(out).items():
        assert box_text(lines).startswith(f"{DANISH[quadrant]} ({counts[quadrant]}) ")
        assert len(entries(lines)) == 8
        assert box_text(lines).endswith(f"… og {counts[quadrant] - 8} mere")
    assert too_wide(out) == []


def test_ranks_beyond_9999_still_fit_80_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A national register: 10,000 partners before one, whose rank 10001 still fits the box."""
    owner = Organisation("kommune", "Aarhus Kommune")
    partners = [Organisation(f"p{n:05}", f"Forening nr. {n}") for n in range(10_001)]
    project = Project(
        "Hele landet",
        owner,
        organisations=partners,
        assessments=[
            Assessment(
                p.id, importance=1 if p.id == "p10000" else 5, ease=1 if p.id == "p10000" else 5
            )
            for p in partners
        ],
    )
    status, out, _ = run(["matrix", save(tmp_path, project), "--today", TODAY], capsys)
    assert status == 0
    assert entries(boxes(out)[Quadrant.NOT_WORTH_IT]) == [
        (" ", 10_001, "Forening nr. 10000", "1/1")
    ]
    assert too_wide(out) == []


def test_disagreement_is_flagged_and_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A partner whose raters disagree gets "!" before its rank, and the legend says why."""
    owner = Organisation("kommune", "Kommune")
    project = Project(
        "Uenighed",
        owner,
        organisations=[Organisation("a", "Uenige"), Organisation("b", "Enige")],
        assessments=[
            Assessment("a", ratings=(Rating("Anna", 1, 4), Rating("Bo", 5, 4))),
            Assessment("b", importance=4, ease=4),
        ],
    )
    _, out, _ = run(["matrix", save(tmp_path, project), "--today", TODAY], capsys)
    # a: importance median 3 (raters 1 and 5, spread 4), ease 4: not now
    shown = boxes(out)
    assert entries(shown[Quadrant.START_HERE]) == [(" ", 1, "Enige", "4/4")]
    assert entries(shown[Quadrant.NOT_NOW]) == [("!", 2, "Uenige", "3/4")]
    assert out.splitlines()[-1] == "! = bedømmerne er uenige: tal om dem, før I rækker ud"


def test_no_disagreement_legend_without_disagreement(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example has no raters: no flags and no disagreement legend."""
    _, out, _ = run(["matrix", str(example), "--today", TODAY], capsys)
    assert "!" not in "".join(f for lines in boxes(out).values() for f, *_ in entries(lines))
    assert "bedømmerne er uenige" not in out


@pytest.mark.parametrize(
    "name",
    [
        "Landsforeningen for Ensomme Ældre og Deres Pårørende i Østjylland",
        "東京都社会福祉協議会と地域の高齢者支援ネットワーク",
        "Forening 👩‍👩‍👧 med emoji og en lang beskrivelse af hvad de laver",
    ],
    ids=["danish", "wide characters", "emoji"],
)
def test_long_names_are_cut_with_an_ellipsis(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A name too long for its box is cut and ends in "…"; the line stays within 80 columns."""
    owner = Organisation("kommune", "Kommune")
    project = Project(
        "Lange navne",
        owner,
        organisations=[Organisation("a", name)],
        assessments=[Assessment("a", importance=5, ease=5)],
    )
    _, out, _ = run(["matrix", save(tmp_path, project), "--today", TODAY], capsys)
    [(_, rank, shown, scores)] = entries(boxes(out)[Quadrant.START_HERE])
    assert (rank, scores) == (1, "5/5")
    assert shown.endswith("…")
    assert name.startswith(shown[:-1])
    assert too_wide(out) == []


def test_a_project_without_assessments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No assessed partners: a short message instead of an empty board."""
    project = Project("Tom", Organisation("kommune", "Kommune"))
    status, out, _ = run(["matrix", save(tmp_path, project)], capsys)
    assert (status, out.splitlines()) == (
        0,
        [
            "Tom: prioriteringsmatrix",
            "Vejledningens matrix: betydningen er høj fra 4, samarbejdet nemt fra 4.",
            "Ingen vurderede samarbejdspartnere endnu.",
        ],
    )


# -- sensitivity -------------------------------------------------------------------------------

SENSITIVITY = """\
Følsomhed: hvem flytter, hvis en tærskel flyttes ét trin
  Besøgstjenesten i Viby Sogn: Start her → Diskuter, hvis lethed skal være
    mindst 5
  Røde Kors Aarhus: Start her → Diskuter, hvis lethed skal være mindst 5
  Frivilligcenter Aarhus: Start her → Ikke nu, hvis betydning skal være mindst 5
  Ensomme Gamles Værn: Diskuter → Ikke det værd, hvis betydning skal være mindst
    5
  Ensomme Gamles Værn: Diskuter → Start her, hvis lethed skal være mindst 3
  Boligforeningen Bakkely: Diskuter → Ikke det værd, hvis betydning skal være
    mindst 5
  Aarhus Kommunes Biblioteker: Ikke nu → Start her, hvis betydning skal være
    mindst 3
  Købmand Holm, Viby: Ikke nu → Ikke det værd, hvis lethed skal være mindst 5
  Gymnastikforeningen Aktiv 60+: Ikke det værd → Diskuter, hvis betydning skal
    være mindst 3
  Gymnastikforeningen Aktiv 60+: Ikke det værd → Ikke nu, hvis lethed skal være
    mindst 3
  Favrskov Kommune: Ikke det værd → Diskuter, hvis betydning skal være mindst 3
"""


def test_sensitivity_lists_who_would_move(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--sensitivity adds, after the board, every partner a one-step threshold move shifts."""
    status, out, _ = run(["matrix", str(example), "--sensitivity", "--today", TODAY], capsys)
    assert status == 0
    board, sensitivity = out.split("\n\n")
    assert "┌" in board
    assert sensitivity == SENSITIVITY


def test_sensitivity_in_english_with_other_thresholds(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Thresholds from the command line are the base the sensitivity moves from."""
    argv = ["matrix", str(example), "--sensitivity", "--lang", "en", "--today", TODAY]
    status, out, _ = run([*argv, "--importance-threshold", "5", "--ease-threshold", "5"], capsys)
    assert status == 0
    assert out.split("\n\n")[1].splitlines()[:3] == [
        "Sensitivity: who moves if a threshold moves by one step",
        "  Besøgstjenesten i Viby Sogn: Discuss → Start here if ease must be at least 4",
        "  Røde Kors Aarhus: Discuss → Start here if ease must be at least 4",
    ]
    assert "The guide's matrix: importance is high from 5, collaboration easy from 5." in out


def test_sensitivity_when_nobody_would_move(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Scores far from the thresholds: the sensitivity list says nobody moves."""
    owner = Organisation("kommune", "Kommune")
    project = Project(
        "Stabil",
        owner,
        organisations=[Organisation("a", "A")],
        assessments=[Assessment("a", importance=5, ease=1)],
    )
    _, out, _ = run(["matrix", save(tmp_path, project), "--sensitivity"], capsys)
    assert out.split("\n\n")[1] == (
        "Følsomhed: hvem flytter, hvis en tærskel flyttes ét trin\n"
        "  Ingen flytter, hvis en tærskel flyttes ét trin.\n"
    )


# -- thresholds and rules on the command line ----------------------------------------------------


def test_thresholds_on_the_command_line(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--importance-threshold 3 --ease-threshold 2.5 redraw the board with those thresholds."""
    argv = ["matrix", str(example), "--importance-threshold", "3", "--ease-threshold", "2.5"]
    status, out, _ = run(argv, capsys)
    assert status == 0
    assert out.splitlines()[1] == (
        "Vejledningens matrix: betydningen er høj fra 3, samarbejdet nemt fra 2,5."
    )
    start = [(rank, scores) for _, rank, _, scores in entries(boxes(out)[Quadrant.START_HERE])]
    # the libraries (3/5), Ensomme Gamles Værn (4/3) and gf-aktiv-60 (3/3) join the four
    assert start == [
        (1, "5/5"),
        (2, "5/4"),
        (3, "5/4"),
        (4, "4/5"),
        (5, "3/5"),
        (6, "4/3"),
        (7, "3/3"),
    ]


@pytest.mark.parametrize(
    ("option", "value", "shown"),
    [
        ("--importance-threshold", "7", "MatrixRule.importance_threshold"),
        ("--ease-threshold", "0", "MatrixRule.ease_threshold"),
        ("--importance-threshold", "nan", "MatrixRule.importance_threshold"),
    ],
)
def test_a_threshold_outside_one_to_five_is_wrong_usage(
    example: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, shown: str
) -> None:
    """Exit 2, naming the rule 'matrix' and the allowed range; nothing on standard output."""
    status, out, err = run(["matrix", str(example), option, value, "--lang", "en"], capsys)
    assert (status, out) == (2, "")
    assert err == (
        "civsam: rule 'matrix': a threshold must be a number from 1 to 5 "
        f"({shown}: expected a number from 1 to 5, found {float(value)!r})\n"
    )


def test_an_unknown_rule_is_wrong_usage_listing_the_rules(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--rule nosuch: exit 2 and the list of rules there are."""
    status, out, err = run(["matrix", str(example), "--rule", "nosuch", "--lang", "en"], capsys)
    assert (status, out, err) == (
        2,
        "",
        "civsam: rule 'nosuch': no rule has this name; the rules there are: matrix\n",
    )


def test_thresholds_with_another_rule_are_wrong_usage(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Thresholds belong to the matrix: with --rule other they are refused (exit 2), in Danish."""
    argv = ["matrix", str(example), "--rule", "other", "--importance-threshold", "3"]
    status, out, err = run(argv, capsys)
    assert (status, out, err) == (
        2,
        "",
        (
            "civsam: --importance-threshold og --ease-threshold hører til reglen matrix, "
            "ikke 'other'\n"
        ),
    )
    status, out, err = run([*argv, "--lang", "en"], capsys)
    assert (status, out, err) == (
        2,
        "",
        (
            "civsam: --importance-threshold and --ease-threshold go with the matrix rule, "
            "not 'other'\n"
        ),
    )


def test_an_unknown_rule_in_the_project_file_is_invalid_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """[prioritisation] rule = "nosuch" in the file: exit 1, naming the rule in Danish."""
    text = civsam.files.bundled.example_text().replace(
        "[[organisations]]", '[prioritisation]\nrule = "nosuch"\n\n[[organisations]]', 1
    )
    path = tmp_path / "project.toml"
    path.write_text(text, encoding="utf-8")
    status, out, err = run(["matrix", str(path)], capsys)
    assert (status, out, err) == (
        1,
        "",
        "civsam: reglen 'nosuch': ingen regel har dette navn; de regler, der findes, er: matrix\n",
    )


def test_thresholds_from_the_project_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file's [prioritisation] thresholds are used, and shown, without options."""
    text = civsam.files.bundled.example_text().replace(
        "[[organisations]]",
        "[prioritisation]\nimportance_threshold = 3\nease_threshold = 3\n\n[[organisations]]",
        1,
    )
    path = tmp_path / "project.toml"
    path.write_text(text, encoding="utf-8")
    status, out, _ = run(["matrix", str(path)], capsys)
    assert status == 0
    assert out.splitlines()[1] == (
        "Vejledningens matrix: betydningen er høj fra 3, samarbejdet nemt fra 3."
    )
    assert box_text(boxes(out)[Quadrant.START_HERE]).startswith("Lad os starte her (7) ")


# -- civsam plugins ------------------------------------------------------------------------------


def test_plugins_lists_the_matrix_and_no_failures(capsys: pytest.CaptureFixture[str]) -> None:
    """The command `civsam plugins` lists the matrix rule and "Plugins that failed: none"."""
    status, out, err = run(["plugins"], capsys)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    rules = lines[lines.index("Rules:") + 1 :]
    assert list(itertools.takewhile(lambda line: line.startswith("  "), rules)) == [
        "  matrix               built in (plugin civsam._builtin)",
    ]
    assert lines[-1] == "Plugins that failed: none"
