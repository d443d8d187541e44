"""The values: frozen, slotted attrs classes that refuse bad data when they are built."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from civsam import (
    Assessment,
    Contact,
    Language,
    Organisation,
    OrgKind,
    Relation,
    RelationKind,
)

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

ID_EXPECTED = "expected a non-empty id without surrounding spaces or control characters"
SCORE_EXPECTED = "expected a whole number from 1 to 5"

JENS = Contact("Jens Hansen", email="jens@example.dk", phone="+45 12 34 56 78", role="Formand")


def _values() -> list[object]:
    return [
        JENS,
        Organisation("ds", "Ældre Sagen", contacts=[JENS]),
        Relation("aarhus", "ds", "partnership"),
        Assessment("ds", importance=5, ease=4),
    ]


def refused(message: str) -> AbstractContextManager[pytest.ExceptionInfo[ValueError]]:
    """Expect a ValueError whose whole message is ``message``."""
    return pytest.raises(ValueError, match=rf"\A{re.escape(message)}\Z")


# -- frozen and slotted --------------------------------------------------------------------


@pytest.mark.parametrize("value", _values(), ids=lambda v: type(v).__name__)
def test_values_are_frozen(value: Any) -> None:
    """Assigning to a field of any value raises FrozenInstanceError and changes nothing."""
    field = attrs.fields(type(value))[0].name
    before = getattr(value, field)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, field, "changed")
    assert getattr(value, field) == before


@pytest.mark.parametrize("cls", [Contact, Organisation, Relation, Assessment])
def test_values_are_slotted(cls: type[Any]) -> None:
    """Every value class declares __slots__, so its instances carry no __dict__."""
    assert "__slots__" in vars(cls)
    instance = next(v for v in _values() if type(v) is cls)
    assert not hasattr(instance, "__dict__")


@pytest.mark.parametrize("value", _values(), ids=lambda v: type(v).__name__)
def test_values_are_hashable_and_equal_by_value(value: Any) -> None:
    """An evolved copy with the same fields is equal to the original and hashes alike."""
    twin = attrs.evolve(value)
    assert twin == value
    assert hash(twin) == hash(value)


def test_collections_inside_values_are_tuples() -> None:
    """Lists given for target groups and contacts are stored as tuples."""
    organisation = Organisation("ds", "Ældre Sagen", target_groups=["ældre"], contacts=[JENS])
    assert organisation.target_groups == ("ældre",)
    assert organisation.contacts == (JENS,)


# -- names and ids -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", " ", "\t \n", "Ældre\x00Sagen", "Ældre Sagen\x7f"])
def test_organisation_name_must_be_a_visible_name(name: str) -> None:
    """Empty, blank or control-character names are refused, naming field and expectation."""
    with refused(f"Organisation.name: expected a non-empty name, found {name!r}"):
        Organisation("ds", name)


def test_organisation_name_must_be_text() -> None:
    """A number is not a name."""
    with refused("Organisation.name: expected a non-empty name, found 5"):
        Organisation("ds", 5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "org_id",
    ["", " ds", "ds ", "\tds", "ds\n", "d\x00s", "ds\x1b", "d\x7fs", "d\ts", "d\ns"],
)
def test_organisation_id_has_no_surrounding_spaces_or_control_characters(org_id: str) -> None:
    """Empty ids, surrounding whitespace and control characters anywhere are refused."""
    with refused(f"Organisation.id: {ID_EXPECTED}, found {org_id!r}"):
        Organisation(org_id, "Ældre Sagen")


@pytest.mark.parametrize("org_id", ["ds", "ældre-sagen", "a b", "x_1.2", "😀"])
def test_organisation_ids_may_be_any_trimmed_visible_text(org_id: str) -> None:
    """Ids need not be slugs: inner spaces, letters beyond ASCII and emoji are fine."""
    assert Organisation(org_id, "Ældre Sagen").id == org_id


@pytest.mark.parametrize("field", ["source", "target"])
def test_relation_ends_are_ids(field: str) -> None:
    """A relation's ends are held to the id rules too."""
    ends = {"source": "aarhus", "target": "ds", field: " padded"}
    with refused(f"Relation.{field}: {ID_EXPECTED}, found ' padded'"):
        Relation(ends["source"], ends["target"], "partnership")


def test_assessment_partner_is_an_id() -> None:
    """An assessment's partner is held to the id rules."""
    with refused(f"Assessment.partner: {ID_EXPECTED}, found ''"):
        Assessment("")


# -- scores --------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["importance", "ease"])
@pytest.mark.parametrize("score", [0, 6, -1, True, False, "5", 5.0])
def test_scores_are_whole_numbers_from_1_to_5(field: str, score: Any) -> None:
    """0, 6, booleans, text and floats are refused as scores, naming field and range."""
    with refused(f"Assessment.{field}: {SCORE_EXPECTED}, found {score!r}"):
        Assessment("ds", **{field: score})


@pytest.mark.parametrize("score", [1, 2, 3, 4, 5, None])
def test_scores_accept_1_to_5_or_nothing(score: int | None) -> None:
    """Every score on the scale is accepted, and a score may be left out."""
    assessment = Assessment("ds", importance=score, ease=score)
    assert (assessment.importance, assessment.ease) == (score, score)


def test_assessment_defaults() -> None:
    """An assessment of only a partner has no scores, empty texts and no date."""
    assert attrs.asdict(Assessment("ds")) == {
        "partner": "ds",
        "shared_interest": "",
        "importance": None,
        "ease": None,
        "challenges": "",
        "existing_relation": "",
        "contact": "",
        "importance_note": "",
        "ease_note": "",
        "notes": "",
        "ratings": (),
        "date": None,
        "by": "",
    }


# -- relations -----------------------------------------------------------------------------


def test_relation_to_itself_is_refused() -> None:
    """An organisation cannot be related to itself."""
    with refused("Relation.target: expected another organisation than 'aarhus'"):
        Relation("aarhus", "aarhus", "partnership")


def test_relation_cannot_end_before_it_starts() -> None:
    """An until before since is refused, naming both dates."""
    with refused(
        "Relation.until: expected a date on or after since (2024-03-02), found 2024-03-01"
    ):
        Relation(
            "aarhus", "ds", "partnership", since=dt.date(2024, 3, 2), until=dt.date(2024, 3, 1)
        )


def test_relation_may_start_and_end_on_one_day() -> None:
    """An until equal to since makes a one-day relation, not an error."""
    day = dt.date(2024, 3, 1)
    relation = Relation("aarhus", "ds", "partnership", since=day, until=day)
    assert (relation.since, relation.until) == (day, day)


@pytest.mark.parametrize("field", ["since", "until"])
def test_relation_dates_are_dates_not_datetimes(field: str) -> None:
    """A datetime is refused for since/until: a project file could not read it back."""
    moment: dict[str, Any] = {field: dt.datetime(2024, 3, 1, 10, 0, tzinfo=dt.UTC)}
    with pytest.raises(ValueError, match=rf"\ARelation\.{field}: "):
        Relation("aarhus", "ds", "partnership", **moment)


def test_relation_key_is_its_ends_and_kind() -> None:
    """A relation's key is what makes it unique in a project: source, target and kind."""
    relation = Relation("aarhus", "ds", "co_creation", since=dt.date(2024, 1, 1), note="x")
    assert relation.key == ("aarhus", "ds", RelationKind.CO_CREATION)


# -- kinds and target groups ---------------------------------------------------------------


def test_kinds_given_as_text_become_enums() -> None:
    """kind="business" and kind="co_creation" are stored as enum members."""
    organisation = Organisation("holm", "Købmand Holm", kind="business")
    relation = Relation("aarhus", "holm", "co_creation")
    assert organisation.kind is OrgKind.BUSINESS
    assert relation.kind is RelationKind.CO_CREATION


def test_organisation_kind_defaults_to_other() -> None:
    """An organisation of no stated kind is 'other'."""
    assert Organisation("x", "X").kind is OrgKind.OTHER


def test_unknown_organisation_kind_is_refused() -> None:
    """A kind that is not an OrgKind value is refused."""
    with pytest.raises(ValueError, match=r"\A'club' is not a valid OrgKind\Z"):
        Organisation("x", "X", kind="club")


def test_unknown_relation_kind_is_refused() -> None:
    """A kind that is not a RelationKind value is refused."""
    with pytest.raises(ValueError, match=r"\A'friends' is not a valid RelationKind\Z"):
        Relation("aarhus", "ds", "friends")


def test_a_lone_string_is_one_target_group() -> None:
    """target_groups="ældre" is the one group ("ældre",), not five letters."""
    assert Organisation("ds", "DS", target_groups="ældre").target_groups == ("ældre",)


def test_duplicate_target_groups_are_refused() -> None:
    """The same target group twice is refused, showing the list."""
    with refused(
        "Organisation.target_groups: expected each item once, "
        "found duplicates in ['ældre', 'pårørende', 'ældre']"
    ):
        Organisation("ds", "DS", target_groups=["ældre", "pårørende", "ældre"])


@pytest.mark.parametrize("group", ["", "  "])
def test_blank_target_groups_are_refused(group: str) -> None:
    """An empty or blank target group is refused."""
    with refused(f"Organisation.target_groups: expected non-empty texts, found {group!r}"):
        Organisation("ds", "DS", target_groups=["ældre", group])


# -- personal data -------------------------------------------------------------------------


def test_contact_repr_hides_personal_data() -> None:
    """A contact's repr says a contact exists, never its name, e-mail, phone or role."""
    assert repr(JENS) == "Contact(<personal data>)"
    assert str(JENS) == "Contact(<personal data>)"


def test_organisation_repr_hides_its_contacts() -> None:
    """An organisation's repr shows its contacts only as placeholders."""
    text = repr(Organisation("ds", "Ældre Sagen", contacts=[JENS, JENS]))
    assert text == (
        "Organisation(id='ds', name='Ældre Sagen', kind=<OrgKind.OTHER: 'other'>, "
        "target_groups=(), contacts=(Contact(<personal data>), Contact(<personal data>)), "
        "notes='')"
    )


def test_assessment_repr_hides_the_contact_person_and_who_assessed() -> None:
    """An assessment's repr shows that a contact person and an assessor are named, not who."""
    text = repr(Assessment("ds", importance=5, contact="Jens Hansen", by="Mette Holm"))
    assert "Jens" not in text
    assert "Mette" not in text
    assert text == (
        "Assessment(partner='ds', shared_interest='', importance=5, ease=None, "
        "challenges='', existing_relation='', contact='<personal data>', "
        "importance_note='', ease_note='', notes='', ratings=(), date=None, "
        "by='<personal data>')"
    )


def test_assessment_repr_shows_an_empty_contact_as_empty() -> None:
    """With no contact person, the repr says so plainly."""
    assert "contact=''" in repr(Assessment("ds"))


@pytest.mark.parametrize("name", ["", "Jens\x00Hansen"])
def test_contact_name_error_does_not_echo_the_name(name: str) -> None:
    """A bad contact name is refused without repeating it: it is personal data."""
    with refused("Contact.name: expected a non-empty name, found a value"):
        Contact(name, email="jens@example.dk")


def test_contact_optional_fields_default_to_none() -> None:
    """Only a name is required; e-mail, phone and role are unset until given."""
    contact = Contact("Jens Hansen")
    assert (contact.email, contact.phone, contact.role) == (None, None, None)


# -- enum values ---------------------------------------------------------------------------


def test_org_kind_values() -> None:
    """OrgKind's values are exactly those DESIGN.md lists, in that order."""
    assert [kind.value for kind in OrgKind] == [
        "municipality",
        "civil_society",
        "non_profit",
        "business",
        "public_institution",
        "other",
    ]


def test_relation_kind_values() -> None:
    """RelationKind's values are exactly those DESIGN.md lists, in that order."""
    assert [kind.value for kind in RelationKind] == [
        "previous_project",
        "partnership",
        "co_creation",
        "bridge_building",
        "resource_sharing",
        "acquaintance",
    ]


def test_language_values() -> None:
    """Civsam speaks Danish and English."""
    assert [language.value for language in Language] == ["da", "en"]


def test_enums_read_as_their_values() -> None:
    """Enum members are text: formatted, they give the value written in files."""
    assert [f"{OrgKind.CIVIL_SOCIETY}", f"{RelationKind.BRIDGE_BUILDING}", f"{Language.DA}"] == [
        "civil_society",
        "bridge_building",
        "da",
    ]
