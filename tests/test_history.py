"""Assessment history: dated re-assessments kept, the board on any day, movement between two."""

from __future__ import annotations

import datetime as dt
import pathlib

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import civsam
from civsam import Assessment, Organisation, Project, Quadrant, Rating, ValidationError
from civsam.testing import projects

D = dt.date

properties = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
UNDATED = (
    "assessments: a new undated assessment of a partner assessed before; found '{partner}'; "
    "expected a date on the new assessment (date=…), so that the old ones are kept as history"
)
DAYS = st.dates(min_value=D(2023, 1, 1), max_value=D(2029, 12, 31))


def messages(error: ValidationError) -> list[str]:
    """Each problem as ``str`` shows it: the English a Python caller reads."""
    return [str(problem) for problem in error.problems]


@pytest.fixture
def project() -> Project:
    """Aarhus, with Ældre Sagen assessed once (undated, as files before dates were)."""
    return Project(
        "Ensomhed",
        Organisation("aarhus", "Aarhus Kommune", civsam.OrgKind.MUNICIPALITY),
        organisations=[Organisation("ds", "Ældre Sagen"), Organisation("rk", "Røde Kors")],
        assessments=[
            Assessment(
                "ds",
                shared_interest="Samme målgruppe",
                importance=4,
                ease=2,
                challenges="Travle frivillige",
                contact="Jens Hansen",
                importance_note="Høj – mange frivillige",
                ease_note="Svært – travle",
                notes="første indtryk",
                ratings=(Rating("Mette", 4, 2),),
            )
        ],
    )


# -- keeping the history ----------------------------------------------------------------


def test_a_dated_assessment_keeps_the_old_one(project: Project) -> None:
    """Re-assessing adds: the latest is the new one, the history holds both, oldest first."""
    first = project.assessments["ds"]
    again = project.assess("ds", importance=5, ease=5, date=D(2026, 3, 1))
    assert project.assessments["ds"] == again
    assert project.history["ds"] == (first, again)
    assert "rk" not in project.history
    assert len(project.history) == 1


def test_history_is_ordered_by_date_whatever_order_they_came_in(project: Project) -> None:
    """A backdated assessment goes before later ones; two of one day keep their order."""
    march = project.assess("ds", importance=5, ease=5, date=D(2026, 3, 1))
    january = project.assess("ds", importance=3, ease=3, date=D(2026, 1, 1))
    march_again = project.assess("ds", importance=1, ease=1, date=D(2026, 3, 1))
    undated = project.history["ds"][0]
    assert project.history["ds"] == (undated, january, march, march_again)
    assert project.assessments["ds"] == march_again


def test_reassess_carries_the_table_words_over_and_drops_what_belonged_to_the_old_scores(
    project: Project,
) -> None:
    """The partner table's words stay; ratings and the changed level's note go; notes are new."""
    made = project.reassess("ds", D(2026, 5, 1), importance=5, by="Mette", notes="nye frivillige")
    assert made.date == D(2026, 5, 1)
    assert (made.shared_interest, made.challenges, made.contact) == (
        "Samme målgruppe",
        "Travle frivillige",
        "Jens Hansen",
    )
    assert (made.importance, made.ease) == (5, 2)
    assert made.importance_note == ""  # its score changed: the old words no longer fit
    assert made.ease_note == "Svært – travle"  # unchanged score, words kept
    assert made.ratings == ()
    assert (made.notes, made.by) == ("nye frivillige", "Mette")
    assert project.assessments["ds"] == made


def test_reassess_of_a_partner_never_assessed_assesses_it_afresh(project: Project) -> None:
    """Nothing to carry over: the new assessment is just what was given, dated."""
    made = project.reassess("rk", D(2026, 5, 1), importance=2, ease=3)
    assert made == Assessment("rk", importance=2, ease=3, date=D(2026, 5, 1))
    assert project.history["rk"] == (made,)


def test_an_undated_assessment_still_replaces_an_undated_one(project: Project) -> None:
    """As before dates were kept: a project without dates behaves as it always did."""
    replaced = project.assess("ds", importance=1, ease=1)
    assert project.history["ds"] == (replaced,)


def test_an_undated_assessment_of_a_partner_with_dated_ones_is_refused(project: Project) -> None:
    """It would land before the dated ones in time: the message says to give it a date."""
    project.assess("ds", importance=5, ease=5, date=D(2026, 3, 1))
    before = project.copy()
    with pytest.raises(ValidationError) as info:
        project.assess("ds", importance=1, ease=1)
    assert messages(info.value) == [UNDATED.format(partner="ds")]
    assert info.value.text("da").startswith(
        "1 problem:\n  assessments: en ny vurdering uden dato af en samarbejdspartner, "
        "der er vurderet før"
    )
    assert project == before


def test_record_takes_dated_assessments_and_refuses_undated_ones(project: Project) -> None:
    """Recording is for what happened on a day: an undated assessment has no day."""
    dated = Assessment("ds", importance=5, ease=5, date=D(2026, 3, 1))
    project.record(dated)
    assert project.assessments["ds"] == dated
    with pytest.raises(ValidationError) as info:
        project.record(Assessment("rk", importance=5, ease=5))
    assert messages(info.value) == [UNDATED.format(partner="rk")]
    assert "rk" not in project.assessments


def test_unassess_and_remove_take_the_whole_history(project: Project) -> None:
    """Removing a partner's assessment removes its history, and the file still loads."""
    project.assess("ds", importance=5, ease=5, date=D(2026, 3, 1))
    latest = project.unassess("ds")
    assert latest.date == D(2026, 3, 1)
    assert "ds" not in project.history
    project.assess("ds", importance=5, ease=5, date=D(2026, 3, 1))
    project.assess("ds", importance=4, ease=5, date=D(2026, 4, 1))
    project.remove("ds")
    assert "ds" not in project.history
    assert civsam.loads(civsam.dumps(project), "toml") == project


def test_assessments_on_a_day_is_the_board_as_it_stood(project: Project) -> None:
    """Each partner's latest assessment on the day; undated ones count as made before any."""
    march = project.assess("ds", importance=5, ease=5, date=D(2026, 3, 1))
    project.assess("rk", importance=2, ease=2, date=D(2026, 6, 1))
    undated = project.history["ds"][0]
    assert dict(project.assessments_on(D(2026, 2, 28))) == {"ds": undated}
    assert dict(project.assessments_on(D(2026, 3, 1))) == {"ds": march}
    assert set(project.assessments_on(D(2026, 6, 1))) == {"ds", "rk"}


# -- files --------------------------------------------------------------------------------

TWO_OF_ONE = """\
[project]
name = "P"
owner = "aarhus"

[[organisations]]
id = "aarhus"
name = "Aarhus Kommune"

[[organisations]]
id = "ds"
name = "Ældre Sagen"

[[assessments]]
partner = "ds"
importance = 5
ease = 5
date = 2026-03-01

[[assessments]]
partner = "ds"
importance = 2
ease = 2
"""


def test_a_file_lists_a_partners_assessments_in_any_order() -> None:
    """The history is sorted by date on load; an undated one is the oldest."""
    project = civsam.loads(TWO_OF_ONE, "toml")
    assert [a.importance for a in project.history["ds"]] == [2, 5]
    assert project.assessments["ds"].date == D(2026, 3, 1)


def test_two_undated_assessments_of_one_partner_are_a_located_error() -> None:
    """Two undated ones cannot be ordered: the second is reported where it stands."""
    text = TWO_OF_ONE.replace("date = 2026-03-01\n", "")
    with pytest.raises(ValidationError) as info:
        civsam.loads(text, "toml", source="p.toml")
    assert messages(info.value) == [
        (
            "p.toml:19: assessments[1].partner: a second assessment of the same partner; "
            "found 'ds'; expected one undated assessment per partner (first at "
            "assessments[0]); give the others a date to keep them as its history"
        )
    ]


def test_a_file_without_dates_loads_and_saves_as_before(example_path: pathlib.Path) -> None:
    """No date key is written for an undated assessment: old files keep their bytes."""
    project = civsam.load(example_path)
    assert all(a.date is None for a in project.assessments.values())
    assert "date" not in civsam.dumps(project).split("[[assessments]]", 1)[1].split("\n[[")[0]


@properties
@given(project=projects(history=True), fmt=st.sampled_from(["toml", "json"]))
def test_history_survives_save_and_load(project: Project, fmt: str) -> None:
    """Every assessment, in its order, through TOML and JSON."""
    again = civsam.loads(civsam.dumps(project, fmt), fmt)  # type: ignore[arg-type]
    assert again == project
    assert dict(again.history) == dict(project.history)


def test_record_appends_a_dated_assessment_to_a_file_keeping_its_bytes(
    example_path: pathlib.Path,
) -> None:
    """civsam.record re-assesses in a file as it logs a contact: appended, the rest kept."""
    before = example_path.read_bytes()
    made = Assessment("aeldresagen-aarhus", importance=2, ease=1, date=D(2026, 12, 1))
    civsam.record(example_path, made)
    after = example_path.read_bytes()
    assert after.startswith(before)
    assert b"[[assessments]]" in after[len(before) :]
    loaded = civsam.load(example_path)
    assert loaded.assessments["aeldresagen-aarhus"] == made
    assert len(loaded.history["aeldresagen-aarhus"]) == 2


# -- prioritising on a day ----------------------------------------------------------------


def _latest_on(history: tuple[Assessment, ...], day: dt.date | None) -> Assessment | None:
    """The reference: the last of the history dated on or before ``day`` (or undated)."""
    chosen = None
    for assessment in history:
        if day is None or assessment.date is None or assessment.date <= day:
            chosen = assessment
    return chosen


@properties
@given(project=projects(history=True, scored=True), day=st.none() | DAYS)
def test_prioritise_places_each_partner_by_its_latest_assessment_on_the_day(
    project: Project, day: dt.date | None
) -> None:
    """Without a day the latest counts; with one, the latest on it; nobody assessed later."""
    prio = civsam.prioritise(project, on=day, as_of=D(2026, 1, 1))
    expected = {
        partner: latest
        for partner, history in project.history.items()
        if (latest := _latest_on(history, day)) is not None
    }
    assert {placement.partner.id for placement in prio} == set(expected)
    for partner, assessment in expected.items():
        placement = prio[partner]
        assert (placement.importance, placement.ease) == (assessment.importance, assessment.ease)
    assert [placement.rank for placement in prio] == list(range(1, len(expected) + 1))


@properties
@given(project=projects(history=True, scored=True), since=DAYS)
def test_moves_are_exactly_the_partners_placed_differently(
    project: Project, since: dt.date
) -> None:
    """A move for every partner whose quadrant or scores differ, and for no one else."""
    before = civsam.prioritise(project, on=since)
    after = civsam.prioritise(project)
    found = {move.partner: move for move in civsam.moves(project, since)}
    for partner in set(project.organisations):
        old, new = before.get(partner), after.get(partner)
        differs = (old is None) != (new is None) or (
            old is not None
            and new is not None
            and (old.quadrant, old.importance, old.ease) != (new.quadrant, new.importance, new.ease)
        )
        assert (partner in found) == differs
        if partner in found:
            move = found[partner]
            assert move.was == (old.quadrant if old else None)
            assert move.now == (new.quadrant if new else None)
            assert move.quadrant_changed == (move.was != move.now)
            assert move.is_new == (old is None)


def test_a_report_since_a_day_holds_the_moves(project: Project) -> None:
    """make_report(since=…) gives the moves exporters draw; without it, none."""
    project.assess("ds", importance=5, ease=5, date=D(2026, 3, 1))
    report = civsam.make_report(project, since=D(2026, 2, 1), as_of=D(2026, 4, 1))
    assert report.since == D(2026, 2, 1)
    move = report.moves["ds"]
    assert (move.was, move.now) == (Quadrant.DISCUSS, Quadrant.START_HERE)
    assert len(report.history("ds")) == 2
    assert civsam.make_report(project).moves == {}


def test_personal_values_include_who_assessed_in_every_assessment(project: Project) -> None:
    """Who assessed, and the contacts and raters of earlier assessments, are personal data."""
    project.assess("ds", importance=5, ease=5, date=D(2026, 3, 1), by="Karen Blixen")
    project.assess("ds", importance=4, ease=5, date=D(2026, 4, 1))
    fields = {(value.field, value.value) for value in civsam.personal_values(project)}
    assert ("assessment.by", "Karen Blixen") in fields
    assert ("assessment.contact", "Jens Hansen") in fields  # only an earlier one names him
    assert ("rating.rater", "Mette") in fields


def test_an_assessment_date_is_a_day_civsam_can_plan_with() -> None:
    """A datetime is refused: an assessment is of a day."""
    with pytest.raises(ValueError, match="date"):
        Assessment("ds", date=dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC))
    assert attrs.evolve(Assessment("ds"), date=D(2026, 3, 1)).date == D(2026, 3, 1)
