"""The model's and its validation's messages, in Danish and (unchanged) in English.

A project's validation errors are what a Danish user meets most (``civsam check`` on a
file with mistakes), so each kind of problem is triggered here through the public API
and read in both languages: Danish through ``text("da")``, English through ``str()``,
word for word what civsam said before it spoke Danish.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import TYPE_CHECKING, Any

import pytest

import civsam
import civsam._message
from civsam import (
    Assessment,
    CivsamError,
    Organisation,
    OutreachEntry,
    PlanSettings,
    Project,
    Relation,
    Review,
    Touchpoint,
    ValidationError,
)
from civsam._texts import model as model_texts
from civsam.files._converter import converter, describe, kind_of, make_converter, walk_errors
from civsam.files._levels import IMPORTANCE, LevelError, parse_level
from civsam.labels import Sayable

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date
MORNING = dt.datetime(2026, 3, 1, 10)  # noqa: DTZ001 - naive on purpose: a file's value
MY_PREFIXES = ("model.", "project.", "settings.", "lifecycle.")

HEADER = """\
[project]
name = "Ensomhed"
owner = "aarhus"

[[organisations]]
id = "aarhus"
name = "Aarhus Kommune"
kind = "municipality"
"""


def _project() -> Project:
    project = Project("Ensomhed", owner=Organisation("aarhus", "Aarhus Kommune"))
    project.add(Organisation("ds", "Ældre Sagen", kind="civil_society"))
    return project


def _refused(text: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        civsam.loads(HEADER + text, source="plan.toml")
    return info.value


def _lines(error: ValidationError, language: str) -> list[str]:
    """Each problem's line of the error's text in ``language``, without the count."""
    return [line.strip() for line in error.text(language).splitlines()[1:]]


def _value_error(build: Callable[[], object]) -> Exception:
    with pytest.raises((ValueError, TypeError)) as info:
        build()
    return info.value


def _said(error: BaseException, language: str) -> str:
    """A validator's message in ``language``: its catalogue text said there."""
    (message,) = error.args
    assert isinstance(message, Sayable), f"an untranslated message: {message!r}"
    return message.say(language)


# -- the catalogue ---------------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("key", sorted(model_texts.TEXTS))
def test_each_text_has_both_languages_with_the_same_placeholders(key: str) -> None:
    """A Danish text fills the same values as its English one, so neither shows a raw {x}."""
    danish, english = model_texts.TEXTS[key]
    assert danish.strip()
    assert english.strip()
    assert _fields(danish) == _fields(english)
    assert key.startswith(MY_PREFIXES)


# -- a file with mistakes: what `civsam check` shows -----------------------------------------


def test_an_unknown_kind_reads_well_in_danish_and_as_before_in_english() -> None:
    """The issue's own example: an organisation's kind given in Danish."""
    error = _refused('\n[[organisations]]\nid = "ds"\nname = "Ældre Sagen"\nkind = "forening"\n')
    allowed = "municipality, civil_society, non_profit, business, public_institution, other"
    assert _lines(error, "da") == [
        (
            f"plan.toml:13: organisations[1].kind: ukendt type; fundet teksten 'forening'; "
            f"forventet en af {allowed}"
        )
    ]
    assert _lines(error, "en") == [
        (
            f"plan.toml:13: organisations[1].kind: wrong value; found text 'forening'; "
            f"expected one of {allowed}"
        )
    ]
    assert error.text("da").startswith("1 problem i plan.toml:")


def test_every_problem_of_a_file_is_danish() -> None:
    """A file with a mistake of every common kind: no English word is left in Danish."""
    error = _refused(
        """
[[organisations]]
id = "ds"
name = ""
extra = 1
contacts = [{name = 5, phone = 12345678}]
target_groups = "ældre"

[[relations]]
source = "aarhus"
target = "nope"
kind = "partnership"

[[assessments]]
partner = "aarhus"
importance = 7
ease = "4"
ratings = [[1]]

[[touchpoints]]
partner = "ds"
date = "2026-13-01"
kind = "fax"

[[outreach]]
partner = "aarhus"
step = "prepare"
date = 1999-01-01
"""
    )
    danish = error.text("da")
    assert "problemer i plan.toml" in danish
    for english in ("expected", "found", "wrong value", "unknown", "text ", "number ", "a list"):
        assert english not in danish, f"{english!r} in Danish:\n{danish}"
    assert "forventet et helt tal fra 1 til 5" in danish
    assert "fundet tallet 7" in danish
    assert "fundet teksten '4'; forventet et helt tal" in danish
    assert "fundet et helt tal; forventet tekst" in danish  # a phone number is not repeated
    assert "ukendt nøgle; forventet en af id, name, kind" in danish
    assert "ukendt organisation; fundet 'nope'" in danish
    assert "ukendt kontaktform; fundet teksten 'fax'" in danish
    assert "forventet en dato som fx 2024-03-01" in danish
    assert "fundet teksten 'ældre'; forventet en liste" in danish
    assert "fundet en liste; forventet en tabel" in danish


def test_cross_references_in_a_file() -> None:
    """Ids given twice, a second assessment, an outreach step out of order, a second review."""
    error = _refused(
        """
[[organisations]]
id = "ds"
name = "Ældre Sagen"

[[organisations]]
id = "ds"
name = "Ældre Sagen igen"

[[relations]]
source = "aarhus"
target = "ds"
kind = "partnership"

[[relations]]
source = "aarhus"
target = "ds"
kind = "partnership"

[[assessments]]
partner = "ds"

[[assessments]]
partner = "ds"

[[outreach]]
partner = "ds"
step = "prepare"
date = 2026-01-05

[[reviews]]
partner = "ds"
date = 2026-01-05
items = [{item = "leadership", status = "red"}]

[[reviews]]
partner = "ds"
date = 2026-01-05
items = [{item = "leadership", status = "green"}]
"""
    )
    assert _lines(error, "da") == [
        (
            "plan.toml:15: organisations[2].id: organisations-id'et er brugt før; fundet 'ds'; "
            "forventet et id, der ikke er brugt før (første gang i organisations[1])"
        ),
        (
            "plan.toml:23: relations[1]: relationen findes allerede; fundet aarhus → ds "
            "(partnership) igen; forventet én relation af hver slags fra en organisation til en "
            "anden (første gang i relations[0])"
        ),
        (
            "plan.toml:32: assessments[1].partner: endnu en vurdering af samme "
            "samarbejdspartner; fundet 'ds'; forventet én vurdering uden dato pr. "
            "samarbejdspartner (første gang i assessments[0]); giv de andre en dato, så "
            "bliver de gemt som dens historik"
        ),
        (
            "plan.toml:36: outreach[0].step: 'ds' kan ikke gå fra not_started til prepare; "
            "fundet 'prepare'; forventet en af shared_goals, ended"
        ),
        (
            "plan.toml:46: reviews[1].date: endnu en evaluering af 'ds' samme dag; fundet "
            "2026-01-05; forventet én evaluering pr. samarbejdspartner om dagen; skriv alle "
            "punkter i den (første gang i reviews[0])"
        ),
    ]
    assert _lines(error, "en")[1] == (
        "plan.toml:23: relations[1]: duplicate relation; found aarhus → ds (partnership) "
        "again; expected one relation of each kind from one organisation to another "
        "(first at relations[0])"
    )


def test_too_long_and_too_many_group_thousands_as_the_language_does() -> None:
    """10.001 tegn in Danish, 10,001 characters in English; a plural where it is one."""
    error = _refused(f'\n[[organisations]]\nid = "ds"\nname = "DS"\nnotes = "{"x" * 10_001}"\n')
    assert _lines(error, "da") == [
        (
            "plan.toml:13: organisations[1].notes: teksten er for lang; fundet 10.001 tegn; "
            "forventet højst 10.000 (Limits.max_text)"
        )
    ]
    assert _lines(error, "en") == [
        (
            "plan.toml:13: organisations[1].notes: text too long; found 10,001 characters; "
            "expected at most 10,000 (Limits.max_text)"
        )
    ]
    groups = ", ".join(f'"g{n}"' for n in range(1_001))
    error = _refused(f'\n[[organisations]]\nid = "ds"\nname = "DS"\ntarget_groups = [{groups}]\n')
    assert "for mange elementer; fundet 1.001 elementer; forventet højst 1.000" in error.text("da")
    assert "too many items; found 1,001 items; expected at most 1,000" in str(error)


def test_a_missing_key_and_a_missing_table() -> None:
    """A required key: "påkrævet nøgle mangler" where English says "required key is missing"."""
    with pytest.raises(ValidationError) as info:
        civsam.loads('[project]\nowner = "aarhus"\n', source="plan.toml")
    da = info.value.text("da")
    assert "project.name: påkrævet nøgle mangler" in da
    assert "project.name: required key is missing" in str(info.value)


@pytest.mark.parametrize(
    ("value", "danish", "english"),
    [
        (None, "ingenting", "nothing"),
        (True, "sand/falsk-værdien true", "true/false value true"),
        (7, "tallet 7", "number 7"),
        (2.5, "tallet 2.5", "number 2.5"),
        ("x" * 50, f"teksten '{'x' * 39}…'", f"text '{'x' * 39}…'"),
        (MORNING, "dato og klokkeslæt 2026-03-01T10:00:00",
         "date and time 2026-03-01T10:00:00"),
        (D(2026, 3, 1), "datoen 2026-03-01", "date 2026-03-01"),
        ({}, "en tabel", "a table"),
        ([], "en liste", "a list"),
        (object(), "en værdi af typen object", "a object"),
    ],
)  # fmt: skip
def test_what_was_found_is_described_in_both_languages(
    value: object, danish: str, english: str
) -> None:
    """describe() says what a value is and, for short values, what it says."""
    assert describe(value).say("da") == danish
    assert str(describe(value)) == english


@pytest.mark.parametrize(
    ("value", "danish", "english"),
    [
        (None, "ingenting", "nothing"),
        (False, "en sand/falsk-værdi", "a true/false value"),
        (12345678, "et helt tal", "a whole number"),
        (1.5, "et tal", "a number"),
        ("jens@example.org", "tekst", "text"),
        (MORNING, "en dato med klokkeslæt", "a date and time"),
        (D(2026, 3, 1), "en dato", "a date"),
        ([1], "en liste", "a list"),
        (object(), "en værdi", "a value"),
    ],
)  # fmt: skip
def test_personal_data_is_described_by_its_kind_alone(
    value: object, danish: str, english: str
) -> None:
    """kind_of() never repeats the value, in either language."""
    assert kind_of(value).say("da") == danish
    assert str(kind_of(value)) == english


def test_the_fast_and_the_detailed_converter_give_equal_texts() -> None:
    """Both paths refuse a wrong table with the same problems, texts and all."""
    table = {"id": "ds", "name": "DS", "kind": "forening", "contacts": [{"name": 5}]}
    rows = []
    for conv in (make_converter(), make_converter(fast=False)):
        with pytest.raises(Exception) as info:  # noqa: PT011 - cattrs' error group
            conv.structure(table, Organisation)
        rows.append(list(walk_errors(info.value)))
    assert rows[0] == rows[1]
    (kind,) = [row for row in rows[0] if row[0] == ("kind",)]
    assert [m.say("da") if isinstance(m, Sayable) else m for m in kind[1:]] == [
        "ukendt type",
        "teksten 'forening'",
        "en af municipality, civil_society, non_profit, business, public_institution, other",
    ]


# -- the fields' rules, in code --------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "danish", "english"),
    [
        (
            lambda: Organisation(" ds", "DS"),
            (
                "Organisation.id: forventede et id, der ikke er tomt, uden mellemrum før og efter "
                "og uden kontroltegn, fandt ' ds'"
            ),
            (
                "Organisation.id: expected a non-empty id without surrounding spaces or control "
                "characters, found ' ds'"
            ),
        ),
        (
            lambda: Organisation("ds", "DS", target_groups=["ældre", "ældre"]),
            (
                "Organisation.target_groups: forventede hvert element én gang, fandt gentagelser "
                "i ['ældre', 'ældre']"
            ),
            (
                "Organisation.target_groups: expected each item once, found duplicates in "
                "['ældre', 'ældre']"
            ),
        ),
        (
            lambda: Organisation("ds", "DS", target_groups=[" "]),
            "Organisation.target_groups: forventede tekster, der ikke er tomme, fandt ' '",
            "Organisation.target_groups: expected non-empty texts, found ' '",
        ),
        (
            lambda: Assessment("ds", importance=6),
            "Assessment.importance: forventede et helt tal fra 1 til 5, fandt 6",
            "Assessment.importance: expected a whole number from 1 to 5, found 6",
        ),
        (
            lambda: Relation("ds", "ds", "partnership"),
            "Relation.target: forventede en anden organisation end 'ds'",
            "Relation.target: expected another organisation than 'ds'",
        ),
        (
            lambda: Relation("a", "b", "partnership", since=D(2026, 1, 2), until=D(2026, 1, 1)),
            (
                "Relation.until: forventede en dato på eller efter since (2026-01-02), fandt "
                "2026-01-01"
            ),
            "Relation.until: expected a date on or after since (2026-01-02), found 2026-01-01",
        ),
        (
            lambda: Touchpoint("ds", MORNING, "call"),
            (
                "Touchpoint.date: forventede en dato som fx datetime.date(2026, 3, 1), fandt "
                "datetime datetime.datetime(2026, 3, 1, 10, 0)"
            ),
            (
                "Touchpoint.date: expected a date such as datetime.date(2026, 3, 1), found "
                "datetime datetime.datetime(2026, 3, 1, 10, 0)"
            ),
        ),
        (
            lambda: Touchpoint("ds", D(1800, 1, 1), "call"),
            (
                "Touchpoint.date: forventede en dato fra 1900-01-01 til 2199-12-31, fandt "
                "datetime.date(1800, 1, 1)"
            ),
            (
                "Touchpoint.date: expected a date from 1900-01-01 to 2199-12-31, found "
                "datetime.date(1800, 1, 1)"
            ),
        ),
        (
            lambda: OutreachEntry("ds", "not_started", D(2026, 1, 5)),
            (
                "OutreachEntry.step: forventede en af shared_goals, their_agenda, prepare, "
                "maintain_contact, ended, fandt 'not_started' (alle samarbejdspartnere starter "
                "der; det noteres ikke)"
            ),
            (
                "OutreachEntry.step: expected one of shared_goals, their_agenda, prepare, "
                "maintain_contact, ended, found 'not_started' (every partner starts there; it is "
                "not recorded)"
            ),
        ),
        (
            lambda: Review("ds", D(2026, 1, 5), []),
            "Review.items: forventede mindst ét punkt fra tjeklisten",
            "Review.items: expected at least one checklist item",
        ),
        (
            lambda: Review("ds", D(2026, 1, 5), [civsam.ItemReview("leadership", "red")] * 2),
            "Review.items: forventede hvert punkt én gang, fandt leadership mere end én gang",
            "Review.items: expected each item once, found leadership more than once",
        ),
        (
            lambda: PlanSettings(capacity=0),
            "PlanSettings.capacity: forventede et helt tal fra 1 til 40, fandt 0",
            "PlanSettings.capacity: expected a whole number 1–40, found 0",
        ),
        (
            lambda: PlanSettings(meeting_time=dt.time(15, 30)),
            (
                "PlanSettings.day_end: forventede et klokkeslæt mindst 60 minutter efter "
                "meeting_time 15:30, fandt 16:00"
            ),
            (
                "PlanSettings.day_end: expected a time at least 60 minutes after meeting_time "
                "15:30, found 16:00"
            ),
        ),
        (
            lambda: PlanSettings(check_in_weeks={"discuss": 53}),
            (
                "PlanSettings.check_in_weeks[discuss]: forventede et helt antal uger fra 0 (ingen) "
                "til 52, fandt 53"
            ),
            (
                "PlanSettings.check_in_weeks[discuss]: expected a whole number of weeks from 0 "
                "(none) to 52, found 53"
            ),
        ),
        (
            lambda: PlanSettings(check_in_weeks=[2]),  # type: ignore[arg-type]
            (
                "PlanSettings.check_in_weeks: forventede antal uger pr. felt som fx "
                "{'start_here': 2}, fandt list"
            ),
            (
                "PlanSettings.check_in_weeks: expected weeks per quadrant such as "
                "{'start_here': 2}, found list"
            ),
        ),
        (
            lambda: PlanSettings(closed_days=[D(2300, 1, 1)]),
            (
                "PlanSettings.closed_days: forventede en dato fra 1900-01-01 til 2199-12-31, fandt "
                "datetime.date(2300, 1, 1)"
            ),
            (
                "PlanSettings.closed_days: expected a date from 1900-01-01 to 2199-12-31, found "
                "datetime.date(2300, 1, 1)"
            ),
        ),
        (
            lambda: civsam.Derivation(relation_weights={"partnership": float("inf")}),
            "Derivation.relation_weights[partnership]: forventede et endeligt tal, fandt inf",
            "Derivation.relation_weights[partnership]: expected a finite number, found inf",
        ),
    ],
    ids=[
        "id",
        "target-groups-twice",
        "target-group-empty",
        "score",
        "relation-to-itself",
        "until-before-since",
        "datetime",
        "too-early",
        "not-started",
        "no-items",
        "item-twice",
        "capacity",
        "day-end",
        "weeks",
        "weeks-not-a-mapping",
        "closed-day",
        "weight",
    ],
)
def test_a_value_built_in_code_is_refused_in_both_languages(
    build: Callable[[], object], danish: str, english: str
) -> None:
    """A validator's complaint is a catalogue text; str() of the error is as it was."""
    error = _value_error(build)
    assert _said(error, "da") == danish
    assert str(error) == english


def test_a_level_cell_is_refused_in_both_languages() -> None:
    """The partner table's level cells: a score out of range, or no level word."""
    with pytest.raises(LevelError) as info:
        parse_level("7", IMPORTANCE)
    assert info.value.expected.say("da") == "et tal fra 1 til 5"
    assert str(info.value) == "expected a score from 1 to 5, found '7'"
    with pytest.raises(LevelError) as info:
        parse_level("meget", IMPORTANCE)
    assert info.value.expected.say("da") == (
        "et tal fra 1 til 5 eller et af ordene høj, middel, lav (high, medium, low)"
    )
    assert str(info.value.expected) == (
        "a score from 1 to 5 or one of høj, middel, lav (high, medium, low)"
    )


# -- changing a project in code --------------------------------------------------------------


def _validation(change: Callable[[Project], object]) -> ValidationError:
    project = _project()
    with pytest.raises(ValidationError) as info:
        change(project)
    return info.value


@pytest.mark.parametrize(
    ("change", "danish", "english"),
    [
        (
            lambda p: p.add(Organisation("ds", "Igen")),
            (
                "organisations.ds.id: organisations-id'et er brugt før; fundet 'ds'; forventet et "
                "id, der ikke er brugt før"
            ),
            (
                "organisations.ds.id: duplicate organisation id; found 'ds'; expected an id not "
                "used before"
            ),
        ),
        (
            lambda p: p.relate("aarhus", "ds", "venskab"),
            (
                "relations: ukendt relationstype; fundet 'venskab'; forventet en af "
                "previous_project, partnership, co_creation, bridge_building, resource_sharing, "
                "acquaintance"
            ),
            (
                "relations: unknown relation kind; found 'venskab'; expected one of "
                "previous_project, partnership, co_creation, bridge_building, resource_sharing, "
                "acquaintance"
            ),
        ),
        (
            lambda p: p.relate("aarhus", "nope", "partnership"),
            (
                "relations.target: ukendt organisation; fundet 'nope'; forventet id'et på en af "
                "projektets organisationer"
            ),
            (
                "relations.target: unknown organisation; found 'nope'; expected the id of one of "
                "the project's organisations"
            ),
        ),
        (
            lambda p: p.assess("aarhus", importance=5),
            (
                "assessments.partner: ejeren kan ikke vurdere sig selv; fundet 'aarhus'; "
                "forventet id'et på en mulig samarbejdspartner, ikke ejeren"
            ),
            (
                "assessments.partner: the owner cannot assess itself; found 'aarhus'; expected "
                "the id of a potential partner, not the owner"
            ),
        ),
        (
            lambda p: p.assess("ds", importance=9),
            "assessments: Assessment.importance: forventede et helt tal fra 1 til 5, fandt 9",
            "assessments: Assessment.importance: expected a whole number from 1 to 5, found 9",
        ),
        (
            lambda p: p.assess("ds", notes=5),
            "assessments: notes: forventede str, fandt tallet 5",
            "assessments: notes: expected str, found number 5",
        ),
        (
            lambda p: p.remove("aarhus"),
            (
                "organisations: ejeren kan ikke fjernes; fundet 'aarhus'; forventet id'et på en "
                "samarbejdspartner; gør først en anden organisation til ejer"
            ),
            (
                "organisations: the owner cannot be removed; found 'aarhus'; expected a partner's "
                "id; make another organisation the owner first"
            ),
        ),
        (
            lambda p: p.remove("nope"),
            (
                "organisations: ukendt organisation; fundet 'nope'; forventet id'et på en af "
                "projektets organisationer"
            ),
            (
                "organisations: unknown organisation; found 'nope'; expected the id of one of the "
                "project's organisations"
            ),
        ),
        (
            lambda p: p.replace(Organisation("nope", "N")),
            (
                "organisations: ingen organisation at erstatte; fundet 'nope'; forventet id'et på "
                "en af projektets organisationer"
            ),
            (
                "organisations: no organisation to replace; found 'nope'; expected the id of one "
                "of the project's organisations"
            ),
        ),
        (
            lambda p: p.unassess("ds"),
            (
                "assessments: denne samarbejdspartner har ingen vurdering; fundet 'ds'; forventet "
                "id'et på en vurderet samarbejdspartner"
            ),
            (
                "assessments: this partner has no assessment; found 'ds'; expected the id of an "
                "assessed partner"
            ),
        ),
        (
            lambda p: setattr(p, "owner", "nope"),
            (
                "project.owner: ejeren er ikke blandt organisationerne; fundet 'nope'; forventet "
                "id'et på en af projektets organisationer"
            ),
            (
                "project.owner: the owner is not among the organisations; found 'nope'; expected "
                "the id of one of the project's organisations"
            ),
        ),
        (
            lambda p: setattr(p, "plan_settings", 5),
            "planning: forkert værdi; fundet int; forventet en civsam.PlanSettings",
            "planning: wrong value; found int; expected a civsam.PlanSettings",
        ),
        (
            lambda p: p.add("ds"),
            (
                "kan ikke tilføjes et projekt; fundet str; forventet en Organisation, en Relation "
                "eller en Assessment"
            ),
            (
                "cannot add this to a project; found str; expected an Organisation, a Relation or "
                "an Assessment"
            ),
        ),
        (
            lambda p: p.record(Touchpoint("nope", D(2026, 1, 5), "call")),
            (
                "touchpoints.partner: ukendt organisation; fundet 'nope'; forventet id'et på en af "
                "projektets organisationer"
            ),
            (
                "touchpoints.partner: unknown organisation; found 'nope'; expected the id of one "
                "of the project's organisations"
            ),
        ),
        (
            lambda p: p.record(
                OutreachEntry("ds", "shared_goals", D(2026, 1, 5)),
                OutreachEntry("ds", "their_agenda", D(2026, 1, 4)),
            ),
            (
                "outreach.date: et trin dateret før det forrige trin for 'ds'; fundet 2026-01-04; "
                "forventet 2026-01-05 eller senere (trinnene noteres i den rækkefølge, de er taget)"
            ),
            (
                "outreach.date: a step dated before the previous step of 'ds'; found 2026-01-04; "
                "expected 2026-01-05 or later (steps are recorded in the order taken)"
            ),
        ),
        (
            lambda p: p.record(Touchpoint("aarhus", D(2026, 1, 5), "call")),
            (
                "touchpoints.partner: ejeren er ikke sin egen samarbejdspartner; fundet 'aarhus'; "
                "forventet id'et på en samarbejdspartner, ikke ejeren"
            ),
            (
                "touchpoints.partner: the owner is not its own partner; found 'aarhus'; expected "
                "the id of a partner, not the owner"
            ),
        ),
    ],
    ids=[
        "duplicate-id",
        "relation-kind",
        "unknown-target",
        "owner-assessed",
        "score",
        "attrs-type",
        "remove-owner",
        "remove-unknown",
        "replace-unknown",
        "unassess",
        "owner-unknown",
        "planning",
        "stray",
        "touchpoint-unknown",
        "step-too-early",
        "owner-as-partner",
    ],
)
def test_a_change_refused_in_both_languages(
    change: Callable[[Project], object], danish: str, english: str
) -> None:
    """Every way a project refuses a change, in Danish, and in English as before."""
    error = _validation(change)
    assert error.text("da") == f"1 problem:\n  {danish}"
    assert str(error) == f"1 problem:\n  {english}"


def test_a_new_owner_with_an_assessment_or_a_history() -> None:
    """The owner may change only to an organisation that is not a partner."""
    project = _project()
    project.assess("ds", importance=5)
    with pytest.raises(ValidationError) as info:
        project.owner = "ds"
    assert info.value.problems[0].text("da") == (
        "project.owner: den nye ejer har en vurdering; fjern den først; fundet 'ds'; "
        "forventet en organisation, der ikke er en vurderet samarbejdspartner"
    )
    project.unassess("ds")
    project.record(Touchpoint("ds", D(2026, 1, 5), "call"))
    with pytest.raises(ValidationError) as info:
        project.owner = "ds"
    assert info.value.problems[0].text("da") == (
        "project.owner: den nye ejer har en historik som samarbejdspartner; fundet 'ds'; "
        "forventet en organisation uden noterede trin, kontakter eller evalueringer"
    )
    assert str(info.value.problems[0]) == (
        "project.owner: the new owner has a history as a partner; found 'ds'; expected an "
        "organisation without outreach steps, touchpoints or reviews"
    )


def test_the_checklist_of_an_unknown_partner() -> None:
    """civsam.checklist names the id it could not find, in either language."""
    with pytest.raises(CivsamError) as info:
        civsam.checklist(_project(), "nope")
    assert info.value.text("da") == "ingen organisation med id'et 'nope' i projektet"
    assert str(info.value) == "no organisation with the id 'nope' in the project"


# -- a valid project costs no text -----------------------------------------------------------


@pytest.fixture
def made_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of every text of this part made while the test runs."""
    made: list[str] = []
    original = civsam._message.Text.__new__

    def counting(cls: Any, key: str, /, **values: object) -> Any:
        if key.startswith(MY_PREFIXES):
            made.append(key)
        return original(cls, key, **values)

    monkeypatch.setattr(civsam._message.Text, "__new__", staticmethod(counting))
    return made


def test_the_counter_sees_a_text_made(made_texts: list[str]) -> None:
    """The fixture counts: a text of this part made in the test is in its list."""
    civsam._message.Text("model.wrong_value")
    assert made_texts == ["model.wrong_value"]


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_loading_a_valid_project_makes_no_text(made_texts: list[str], fmt: Any) -> None:
    """Texts are made when there is a problem, never per valid value (a national register)."""
    project = civsam.example()
    project.record(Touchpoint("aeldresagen-aarhus", D(2026, 1, 5), "call"))
    text = civsam.dumps(project, fmt)
    assert civsam.loads(text, fmt) == project
    assert converter.structure({"id": "x", "name": "X"}, Organisation) == Organisation("x", "X")
    assert made_texts == []
