"""``civsam assess`` and ``civsam changes``: re-assessing from the command line, and what moved."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import civsam
from _cli import run

if TYPE_CHECKING:
    from pathlib import Path

PARTNER = "aeldresagen-aarhus"


def test_assess_records_a_dated_assessment_and_keeps_the_old_one(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Appended to the file, the partner table's words carried over, the move said."""
    before = example.read_bytes()
    status, out, err = run(
        [
            "--lang",
            "en",
            "assess",
            str(example),
            "Ældre Sagen Aarhus",
            "--importance",
            "2",
            "--ease",
            "hard",
            "--date",
            "2026-12-01",
            "--note",
            "Busy volunteers",
            "--by",
            "Mette",
        ],
        capsys,
    )
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"Ældre Sagen Aarhus assessed on 2026-12-01 (importance 2, ease 1) in {example}.",
        "Moved: Let's start here → Not worth it.",
        "Their 2 assessments are kept as history.",
    ]
    assert example.read_bytes().startswith(before)
    project = civsam.load(example)
    old, new = project.history[PARTNER]
    assert (new.importance, new.ease, new.date.isoformat() if new.date else None) == (
        2,
        1,
        "2026-12-01",
    )
    assert (new.notes, new.by, new.shared_interest) == (
        "Busy volunteers",
        "Mette",
        old.shared_interest,
    )


def test_assess_speaks_danish_and_takes_danish_level_words(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example project is Danish: høj, nemt and the replies are Danish."""
    status, out, _ = run(
        ["assess", str(example), PARTNER, "--importance", "lav", "--date", "2026-12-01"],
        capsys,
    )
    assert status == 0
    assert out.splitlines()[0] == (
        f"Ældre Sagen Aarhus er vurderet den 2026-12-01 (betydning 1, lethed 5) i {example}."
    )
    assert out.splitlines()[1] == "Flyttet: Lad os starte her → Måske, men ikke nu."
    status, out, _ = run(
        ["assess", str(example), PARTNER, "--importance", "høj", "--date", "2026-12-02"],
        capsys,
    )
    assert status == 0
    assert out.splitlines()[1] == "Flyttet: Måske, men ikke nu → Lad os starte her."
    assert out.splitlines()[2] == "De 3 vurderinger af dem er gemt som historik."


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (
            ["--importance", "9"],
            2,
            (
                "civsam assess: error: argument --importance: expected a number from 1 to 5 or "
                "one of the words høj, middel, lav (high, medium, low), found '9'"
            ),
        ),
        (
            ["--ease", "nemt at tale med"],
            2,
            (
                "civsam assess: error: argument --ease: expected a number from 1 to 5 or one of "
                "the words nemt, middel, svært (easy, medium, hard), found 'nemt at tale med'"
            ),
        ),
        ([], 2, "civsam: give --importance, --ease or both: they are what a new assessment sets"),
        (
            ["--importance", "3", "--date", "2026-02-30"],
            2,
            "civsam assess: error: argument --date: not a date civsam can plan with",
        ),
    ],
    ids=["score-out-of-range", "words-after-the-level", "no-score", "no-such-day"],
)
def test_assess_refuses_what_it_cannot_record(
    example: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    status: int,
    message: str,
) -> None:
    """Wrong usage is exit 2 with what was expected; the file is not touched."""
    before = example.read_bytes()
    got, out, err = run(["--lang", "en", "assess", str(example), PARTNER, *args], capsys)
    assert (got, out) == (status, "")
    assert message in err
    assert example.read_bytes() == before


def test_assess_an_unknown_partner_suggests_the_near_one(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name that is not quite right: the near one is suggested, nothing is written."""
    before = example.read_bytes()
    status, _, err = run(
        ["--lang", "en", "assess", str(example), "Ældre Sagen", "--ease", "2"], capsys
    )
    assert status == 1  # as `log`: the input names no partner
    assert "'aeldresagen-aarhus' (Ældre Sagen Aarhus)" in err
    assert example.read_bytes() == before


def test_changes_lists_who_moved_quadrant_and_with_all_who_changed_scores(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Moves across quadrants first; --all adds scores changed within one; --until ends it."""
    run(
        [
            "assess",
            str(example),
            PARTNER,
            "--importance",
            "2",
            "--ease",
            "1",
            "--date",
            "2026-12-01",
        ],
        capsys,
    )
    run(
        ["assess", str(example), "roede-kors-aarhus", "--ease", "5", "--date", "2026-12-02"], capsys
    )
    status, out, err = run(
        ["--lang", "en", "changes", str(example), "--since", "2026-11-30", "--all"], capsys
    )
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "1 partner moved quadrant since 2026-11-30:",
        (
            "  Ældre Sagen Aarhus: Let's start here → Not worth it "
            "(importance 5, ease 5 → importance 2, ease 1)"
        ),
        "",
        "1 partner's scores changed within its quadrant since 2026-11-30:",
        (
            "  Røde Kors Aarhus: Let's start here → Let's start here "
            "(importance 5, ease 4 → importance 5, ease 5)"
        ),
    ]
    status, out, _ = run(
        ["--lang", "en", "changes", str(example), "--since", "2026-11-30", "--until", "2026-12-01"],
        capsys,
    )
    assert out.splitlines() == [
        "1 partner moved quadrant from 2026-11-30 to 2026-12-01:",
        (
            "  Ældre Sagen Aarhus: Let's start here → Not worth it "
            "(importance 5, ease 5 → importance 2, ease 1)"
        ),
    ]


def test_changes_in_a_quiet_period_says_so_in_danish(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No move is news too, said plainly (not "0 samarbejdspartnere")."""
    status, out, _ = run(["changes", str(example), "--since", "2026-01-01"], capsys)
    assert status == 0
    assert out == "Ingen samarbejdspartner har flyttet felt siden 2026-01-01.\n"


def test_changes_until_before_since_is_wrong_usage(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A period that ends before it starts is a typing mistake: exit 2, both days named."""
    status, out, err = run(
        ["--lang", "en", "changes", str(example), "--since", "2027-01-01", "--until", "2026-01-01"],
        capsys,
    )
    assert (status, out) == (2, "")
    assert err == "civsam: --until 2026-01-01 is before --since 2027-01-01\n"


def test_check_counts_every_assessment_history_included(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` counts assessments, not assessed partners: 14 in the example, then 15."""
    run(["assess", str(example), PARTNER, "--importance", "2", "--date", "2026-12-01"], capsys)
    _, out, _ = run(["--lang", "en", "check", str(example)], capsys)
    assert "15 assessments" in out
