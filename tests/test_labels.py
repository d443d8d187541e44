import string
import types
from typing import Any

import pytest

from civsam.errors import CivsamError
from civsam.labels import _TEXTS, KEYS, UnknownLabelError, catalogue, label
from civsam.model import Language, OrgKind, RelationKind

LANGUAGES = [Language.DA, Language.EN, "da", "en"]


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_keys_are_the_catalogue_keys() -> None:
    """KEYS is exactly the set of keys the texts are stored under."""
    assert frozenset(_TEXTS) == KEYS


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_has_a_text(language: Language | str) -> None:
    """Every key has a non-empty text in both languages; only value.empty is empty."""
    empty = {key for key, text in catalogue(language).items() if not text.strip()}
    assert empty == {"value.empty"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_covers_exactly_the_keys(language: Language | str) -> None:
    """catalogue() has every key, and nothing else, with the same raw text as _TEXTS."""
    texts = catalogue(language)
    assert set(texts) == KEYS
    index = 0 if language == "da" else 1
    assert dict(texts) == {key: pair[index] for key, pair in _TEXTS.items()}


def test_catalogue_is_read_only() -> None:
    """No caller can change the texts every other caller sees."""
    texts = catalogue(Language.DA)
    assert isinstance(texts, types.MappingProxyType)
    writable: Any = texts
    with pytest.raises(TypeError):
        writable["quadrant.start_here"] = "Start"
    assert label("quadrant.start_here") == "Lad os starte her"


def test_quadrant_names_are_the_guides_titles() -> None:
    """The four quadrants carry the guide's Danish titles verbatim."""
    names = {key: text for key, text in catalogue("da").items() if key.startswith("quadrant.")}
    assert names == {
        "quadrant.start_here": "Lad os starte her",
        "quadrant.discuss": "Diskuter, om det er arbejdet værd at få dem med",
        "quadrant.not_now": "Måske, men ikke nu",
        "quadrant.not_worth_it": "Ikke det værd",
    }


def test_quadrant_names_in_english() -> None:
    """The English quadrant names, long and short, are the agreed translations."""
    assert [label(f"quadrant.{q}", "en") for q in ("start_here", "not_worth_it")] == [
        "Let's start here",
        "Not worth it",
    ]
    assert label("quadrant_short.discuss", Language.EN) == "Discuss"


def test_every_quadrant_has_a_short_form() -> None:
    """Each quadrant.<name> has a quadrant_short.<name>, and vice versa."""
    long = {key.removeprefix("quadrant.") for key in KEYS if key.startswith("quadrant.")}
    short = {
        key.removeprefix("quadrant_short.") for key in KEYS if key.startswith("quadrant_short.")
    }
    assert long == short == {"start_here", "discuss", "not_now", "not_worth_it"}


def test_guide_columns_in_danish() -> None:
    """The partner table's six columns are headed as in the guide."""
    columns = ["partner", "shared_interest", "importance", "challenges", "existing_relation"]
    assert [label(f"column.{c}") for c in [*columns, "contact"]] == [
        "Potentiel samarbejdspartner",
        "Fælles interesse",
        "Betydning",
        "Udfordringer",
        "Eksisterende relation",
        "Evt. kontaktperson",
    ]


def test_the_axes_ask_the_guides_two_questions() -> None:
    """Importance for success up the side, ease of collaboration along the bottom.

    The guide prints the ease axis as "Betydning for samarbejde", which reads as a second
    importance axis beside a legend that says "lethed"; each axis says its own question.
    """
    assert label("axis.importance", "da").startswith("Betydning: ")
    assert "samarbejdet lykkes" in label("axis.importance", "da")
    assert label("axis.ease", "da") == "Lethed: hvor let er samarbejdet med dem?"
    assert label("axis.importance", "en").startswith("Importance: ")
    assert "success" in label("axis.importance", "en")
    assert label("axis.ease", "en") == "Ease: how easy is the collaboration with them?"
    axes = {
        label(f"axis.{axis}", language) for axis in ("importance", "ease") for language in LANGUAGES
    }
    assert len(axes) == 4  # distinct in each language, and between the languages


def test_enum_values_have_labels() -> None:
    """Every OrgKind and RelationKind value has a label, and no label names a missing value."""
    assert {key for key in KEYS if key.startswith("org_kind.")} == {
        f"org_kind.{kind}" for kind in OrgKind
    }
    assert {key for key in KEYS if key.startswith("relation_kind.")} == {
        f"relation_kind.{kind}" for kind in RelationKind
    }
    assert label("relation_kind.previous_project") == "Tidligere projektsamarbejde"


def test_every_advice_belongs_to_a_title() -> None:
    """Every <item>.advice key has its <item> title key."""
    orphans = {key for key in KEYS if key.endswith(".advice")} - {f"{key}.advice" for key in KEYS}
    assert orphans == set()


@pytest.mark.parametrize(
    ("prefix", "count"),
    [
        ("readiness.municipality.", 3),
        ("readiness.civil_society.", 3),
        ("outreach.", 4),
        ("checklist.", 6),
    ],
)
def test_guide_items_have_advice(prefix: str, count: int) -> None:
    """Each readiness point, outreach step and checklist item has its advice."""
    items = {
        key for key in KEYS if key.startswith(prefix) and not key.endswith((".advice", ".title"))
    }
    assert len(items) == count
    assert {f"{item}.advice" for item in items} <= KEYS


# The system's own reason for a refused file is English (its strerror): the Danish text
# says the reason in Danish instead of repeating it, so it leaves that value out.
_SYSTEM_WORDS = frozenset(key for key in _TEXTS if key.startswith("os.") and key != "os.strerror")


def test_placeholders_match_across_languages() -> None:
    """A placeholder in one language is in the other, so formatting never fails in one only."""
    mismatched = {
        key: (_placeholders(da), _placeholders(en))
        for key, (da, en) in _TEXTS.items()
        if _placeholders(da) != _placeholders(en)
        and not (key in _SYSTEM_WORDS and _placeholders(da) < _placeholders(en))
    }
    assert mismatched == {}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Personal data in this export: none"),
        (Language.DA, "Persondata i denne eksport: ingen"),
    ],
)
def test_placeholders_are_filled(language: Language | str, expected: str) -> None:
    """Keyword values fill the {name} placeholders."""
    none = label("report.personal_data_none", language)
    assert label("report.personal_data", language, fields=none) == expected


def test_missing_placeholder_value_is_a_civsam_error() -> None:
    """A template asked for without its values names the missing placeholder."""
    with pytest.raises(CivsamError, match=r"report\.personal_data.*\{fields\}"):
        label("report.personal_data", "en")


def test_default_language_is_danish() -> None:
    """Without a language, label() speaks Danish."""
    assert label("checklist.title") == "Tjekliste til godt samarbejde"
    assert label("checklist.title", "en") == "Checklist for good collaboration"


def test_unknown_key_suggests_near_keys() -> None:
    """A mistyped key raises UnknownLabelError naming the key and the key meant."""
    with pytest.raises(UnknownLabelError) as caught:
        label("quadrant.start_her", Language.EN)
    error = caught.value
    assert isinstance(error, CivsamError)
    assert isinstance(error, KeyError)
    assert error.key == "quadrant.start_her"
    assert "quadrant.start_here" in error.suggestions
    assert str(error).startswith(
        "unknown label key 'quadrant.start_her'; did you mean 'quadrant.start_here'"
    )


def test_unknown_key_without_near_keys() -> None:
    """A key like nothing in the catalogue is named, with no suggestion."""
    with pytest.raises(UnknownLabelError) as caught:
        label("zzz", "da")
    assert caught.value.suggestions == ()
    assert str(caught.value) == "unknown label key 'zzz'"


@pytest.mark.parametrize("language", ["de", "DA", ""])
def test_unknown_language_names_the_allowed_ones(language: str) -> None:
    """An unknown language raises CivsamError naming 'da' and 'en'."""
    with pytest.raises(CivsamError, match=r"'da', 'en'") as caught:
        label("value.yes", language)
    assert repr(language) in str(caught.value)
    with pytest.raises(CivsamError, match=r"'da', 'en'"):
        catalogue(language)
