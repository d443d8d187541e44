"""Project files: lossless round trips, located errors, personal data kept out, atomic saves."""

from __future__ import annotations

import inspect
import os
import pathlib
import random
import re
import signal
import stat
import subprocess
import sys
import textwrap
import time
from typing import TYPE_CHECKING, Any, Literal

import pytest
from hypothesis import HealthCheck, given, seed, settings

import civsam
from civsam import CivsamError, Organisation, Project, ValidationError
from civsam.testing import projects

if TYPE_CHECKING:
    from collections.abc import Callable

FORMATS: list[Literal["toml", "json"]] = ["toml", "json"]
KNOWN = "expected the id of one of the project's organisations"
KINDS = "one of municipality, civil_society, non_profit, business, public_institution, other"
ORG_KEYS = "one of id, name, kind, target_groups, contacts, notes"


def write(folder: pathlib.Path, text: str | bytes, name: str = "project.toml") -> pathlib.Path:
    """Write a project file's text (or bytes) to ``folder/name`` and return its path."""
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(path: pathlib.Path) -> list[str]:
    """Every problem loading ``path`` reports, as the user reads them."""
    with pytest.raises(ValidationError) as info:
        civsam.load(path)
    return [str(problem) for problem in info.value.problems]


def _listing(folder: pathlib.Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


HEADER = """\
[project]
name = "Ensomhed blandt ældre"
owner = "aarhus"

[[organisations]]
id = "aarhus"
name = "Aarhus Kommune"
kind = "municipality"
"""
"""A valid file of eight lines: the owner is organisations[0], on lines 5–8."""

DS = """
[[organisations]]
id = "ds"
name = "Ældre Sagen"
"""
"""The second organisation, on lines 10–12 when appended to HEADER."""


# -- round trips ---------------------------------------------------------------------------


@given(project=projects())
def test_project_files_round_trip(project: Project) -> None:
    """TOML and JSON read back equal, dump to identical text again, and agree with each other."""
    back: dict[str, Project] = {}
    for fmt in FORMATS:
        text = civsam.dumps(project, fmt)
        back[fmt] = civsam.loads(text, fmt)
        assert back[fmt] == project, f"{fmt}: not lossless"
        assert civsam.dumps(project, fmt) == text, f"{fmt}: dumping twice differs"
        assert civsam.dumps(back[fmt], fmt) == text, f"{fmt}: dumping after reading differs"
    assert back["json"] == back["toml"]


def test_save_then_load_through_real_files(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Save writes a file that load reads back equal, over and over in the same folder."""
    folder = tmp_path_factory.mktemp("roundtrip")

    @settings(deadline=None)  # fsync takes what the disk takes
    @given(project=projects())
    def save_and_load(project: Project) -> None:
        for fmt in FORMATS:
            path = folder / f"project.{fmt}"
            civsam.save(project, path)
            assert civsam.load(path) == project
            assert path.read_text(encoding="utf-8") == civsam.dumps(project, fmt)
        assert _listing(folder) == ["project.json", "project.toml"]

    save_and_load()


def test_loads_accepts_bytes_with_a_byte_order_mark() -> None:
    """Bytes are decoded as UTF-8, a leading BOM (as Windows editors write) ignored."""
    text = civsam.dumps(civsam.example())
    assert civsam.loads(b"\xef\xbb\xbf" + text.encode()) == civsam.example()
    assert civsam.loads("\ufeff" + text) == civsam.example()


def test_dumps_refuses_an_unknown_format() -> None:
    """Only toml and json can be dumped; the error names both."""
    unknown: Any = "yaml"
    with pytest.raises(CivsamError) as info:
        civsam.dumps(civsam.example(), unknown)
    assert str(info.value) == "unknown project file format 'yaml'; expected 'toml' or 'json'"


def test_unset_optional_fields_are_left_out_of_the_file() -> None:
    """TOML has no null: fields at their defaults are omitted and restored on load."""
    project = Project("Plan", Organisation("aarhus", "Aarhus Kommune"))
    assert civsam.dumps(project) == (
        '[project]\nname = "Plan"\nowner = "aarhus"\n\n'
        '[[organisations]]\nid = "aarhus"\nname = "Aarhus Kommune"\n'
    )


# -- the strategies ------------------------------------------------------------------------


def _features(project: Project) -> set[str]:
    """Which optional parts of the model a project exercises."""
    found: set[str] = set()
    organisations = list(project.organisations.values())
    contacts = [c for o in organisations for c in o.contacts]
    texts = [project.name, project.description, *project.target_groups]
    texts += [t for o in organisations for t in (o.name, o.notes, *o.target_groups)]
    texts += [r.note for r in project.relations]
    texts += [
        t
        for a in project.assessments.values()
        for t in (a.shared_interest, a.challenges, a.notes, a.importance_note)
    ]
    checks = {
        "contacts": bool(contacts),
        "contact with e-mail": any(c.email is not None for c in contacts),
        "contact without e-mail": any(c.email is None for c in contacts),
        "contact with phone": any(c.phone is not None for c in contacts),
        "relation with since": any(r.since is not None for r in project.relations),
        "relation with until": any(r.until is not None for r in project.relations),
        "importance unset": any(a.importance is None for a in project.assessments.values()),
        "importance set": any(a.importance is not None for a in project.assessments.values()),
        "ease unset": any(a.ease is None for a in project.assessments.values()),
        "ease set": any(a.ease is not None for a in project.assessments.values()),
        "text with a newline": any("\n" in t for t in texts),
        "english": project.language == "en",
        "target groups": bool(project.target_groups),
    }
    found.update(name for name, present in checks.items() if present)
    return found


def test_projects_fill_the_optional_fields() -> None:
    """Over many draws, projects() sets every optional field at least once, and leaves it."""
    seen: set[str] = set()

    @settings(max_examples=50, derandomize=True, database=None)
    @given(project=projects())
    def collect(project: Project) -> None:
        seen.update(_features(project))

    collect()
    assert seen == {
        "contacts",
        "contact with e-mail",
        "contact without e-mail",
        "contact with phone",
        "relation with since",
        "relation with until",
        "importance unset",
        "importance set",
        "ease unset",
        "ease set",
        "text with a newline",
        "english",
        "target groups",
    }


@settings(max_examples=20)
@given(project=projects(min_partners=2, max_partners=4, scored=True))
def test_projects_respect_their_arguments(project: Project) -> None:
    """min_partners and max_partners bound the partners; scored=True scores every assessment."""
    assert 3 <= len(project.organisations) <= 5
    assert all(
        a.importance is not None and a.ease is not None for a in project.assessments.values()
    )
    assert project.owner.id not in project.assessments


def test_projects_pass_the_default_health_checks() -> None:
    """A user's @given(projects()) is not failed by Hypothesis for filtering too much."""
    for number in range(5):

        @seed(number)
        @settings(max_examples=10, database=None, suppress_health_check=[HealthCheck.too_slow])
        @given(project=projects())
        def users_property(project: Project) -> None:
            assert project.owner.id in project.organisations

        users_property()


# -- the bundled example -------------------------------------------------------------------


def test_the_example_loads_from_its_file(example_path: pathlib.Path) -> None:
    """The bundled example's text, saved to disk, loads to the same project as example()."""
    assert civsam.load(example_path) == civsam.example()


def test_the_example_is_rich_enough_to_demonstrate_civsam() -> None:
    """The example has ≥10 organisations of ≥4 kinds and relations of ≥4 kinds."""
    example = civsam.example()
    assert len(example.organisations) >= 10
    assert len({o.kind for o in example.organisations.values()}) >= 4
    assert len({r.kind for r in example.relations}) >= 4
    assert example.owner.id == "aarhus-kommune"


def test_the_example_fills_all_four_quadrants() -> None:
    """With thresholds at 4, high/low importance × easy/hard each hold some partner."""
    quadrants = {
        (a.importance >= 4, a.ease >= 4)
        for a in civsam.example().assessments.values()
        if a.importance is not None and a.ease is not None
    }
    assert quadrants == {(True, True), (True, False), (False, True), (False, False)}


def test_the_examples_contacts_are_fictitious() -> None:
    """Every e-mail in the example is at example.dk, a domain that reaches no one."""
    emails = [
        contact.email
        for organisation in civsam.example().organisations.values()
        for contact in organisation.contacts
        if contact.email is not None
    ]
    assert emails
    assert [e for e in emails if not e.endswith("@example.dk")] == []


# -- errors, located -----------------------------------------------------------------------


def test_an_unknown_key_is_reported_on_its_line(tmp_path: pathlib.Path) -> None:
    """A typo (naem) is an unknown key, not silently dropped; the real key is then missing."""
    path = write(tmp_path, HEADER + DS.replace("name", "naem"))
    assert problems(path) == [
        f"{path}:10: organisations[1].name: required key is missing",
        f"{path}:12: organisations[1].naem: unknown key; expected {ORG_KEYS}",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('importance = "5"', ("assessments[0].importance: wrong value; found text '5'; "
         "expected a whole number")),
        ("importance = 6", ("assessments[0].importance: wrong value; found number 6; "
         "expected a whole number from 1 to 5")),
        ("ease = 0", ("assessments[0].ease: wrong value; found number 0; "
         "expected a whole number from 1 to 5")),
        ("ease = 4.0", ("assessments[0].ease: wrong value; found number 4.0; "
         "expected a whole number")),
        ("importance = true", ("assessments[0].importance: wrong value; "
         "found true/false value true; expected a whole number")),
        ("contact = 5", "assessments[0].contact: wrong value; found number 5; expected text"),
    ],
    ids=["text-score", "score-6", "score-0", "float-score", "bool-score", "number-as-text"],
)  # fmt: skip
def test_wrong_scores_and_types_in_an_assessment(
    tmp_path: pathlib.Path, line: str, expected: str
) -> None:
    """Scores must be whole numbers 1–5 and texts must be text; nothing is coerced."""
    path = write(tmp_path, HEADER + DS + f'\n[[assessments]]\npartner = "ds"\n{line}\n')
    assert problems(path) == [f"{path}:16: {expected}"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("kind = 5", f"organisations[1].kind: wrong value; found number 5; expected {KINDS}"),
        ('kind = "club"', (f"organisations[1].kind: wrong value; found text 'club'; "
         f"expected {KINDS}")),
        ('target_groups = "ældre"', ("organisations[1].target_groups: wrong value; "
         "found text 'ældre'; expected a list")),
        ('id = "ds "', ("organisations[1].id: wrong value; found text 'ds '; expected a "
         "non-empty id without surrounding spaces or control characters")),
        ('notes = ["a", "b"]', ("organisations[1].notes: wrong value; found a list; "
         "expected text")),
    ],
    ids=["number-kind", "unknown-kind", "string-for-list", "padded-id", "list-for-text"],
)  # fmt: skip
def test_wrong_values_in_an_organisation(tmp_path: pathlib.Path, line: str, expected: str) -> None:
    """Kinds are named values, lists are lists, ids are trimmed; each error says what is allowed."""
    key = line.split(" ", 1)[0]
    body = DS.replace('id = "ds"\n', "") if key == "id" else DS
    path = write(tmp_path, HEADER + body + line + "\n")
    line_number = len((HEADER + body).splitlines()) + 1
    assert problems(path) == [f"{path}:{line_number}: {expected}"]


def test_duplicate_target_groups_in_a_file(tmp_path: pathlib.Path) -> None:
    """The same target group twice is refused, at the organisation it belongs to."""
    path = write(tmp_path, HEADER + DS + 'target_groups = ["ældre", "ældre"]\n')
    assert problems(path) == [
        (
            f"{path}:10: organisations[1]: Organisation.target_groups: expected each item once, "
            "found duplicates in ['ældre', 'ældre']"
        )
    ]


def test_an_unknown_relation_kind_names_the_allowed_ones(tmp_path: pathlib.Path) -> None:
    """A relation kind outside RelationKind lists every kind there is."""
    path = write(
        tmp_path,
        HEADER + DS + '\n[[relations]]\nsource = "aarhus"\ntarget = "ds"\nkind = "friends"\n',
    )
    assert problems(path) == [
        (
            f"{path}:17: relations[0].kind: wrong value; found text 'friends'; expected one of "
            "previous_project, partnership, co_creation, bridge_building, resource_sharing, "
            "acquaintance"
        )
    ]


def test_an_unknown_language_names_the_allowed_ones(tmp_path: pathlib.Path) -> None:
    """The project's language must be da or en."""
    path = write(
        tmp_path, HEADER.replace('owner = "aarhus"\n', 'owner = "aarhus"\nlanguage = "fr"\n')
    )
    assert problems(path) == [
        f"{path}:4: project.language: wrong value; found text 'fr'; expected one of da, en"
    ]


def test_a_datetime_is_not_a_date(tmp_path: pathlib.Path) -> None:
    """A relation's since takes a date; a date and time is refused, not truncated."""
    path = write(
        tmp_path,
        HEADER + DS + '\n[[relations]]\nsource = "aarhus"\ntarget = "ds"\n'
        'kind = "partnership"\nsince = 2024-03-01T10:00:00\n',
    )
    assert problems(path) == [
        (
            f"{path}:18: relations[0].since: wrong value; found date and time "
            "2024-03-01T10:00:00; expected a date such as 2024-03-01"
        )
    ]


def test_duplicate_ids_are_reported_with_the_first_one(tmp_path: pathlib.Path) -> None:
    """A second organisation with an id already used points back at the first."""
    path = write(tmp_path, HEADER + DS + DS.replace("Ældre Sagen", "Ældre Sagen igen"))
    assert problems(path) == [
        (
            f"{path}:15: organisations[2].id: duplicate organisation id; found 'ds'; "
            "expected an id not used before (first at organisations[1])"
        )
    ]


def test_references_to_missing_organisations(tmp_path: pathlib.Path) -> None:
    """Relations and assessments naming no organisation of the file are reported."""
    text = (
        HEADER
        + DS
        + '\n[[relations]]\nsource = "ghost"\ntarget = "ds"\nkind = "partnership"\n'
        + '\n[[assessments]]\npartner = "nobody"\nimportance = 3\n'
    )
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}:15: relations[0].source: unknown organisation; found 'ghost'; {KNOWN}",
        f"{path}:20: assessments[0].partner: unknown organisation; found 'nobody'; {KNOWN}",
    ]


def test_the_owner_must_be_among_the_organisations(tmp_path: pathlib.Path) -> None:
    """An owner id that no organisation has is reported on the owner line."""
    path = write(tmp_path, HEADER.replace('owner = "aarhus"', 'owner = "aarhus-kommune"'))
    assert problems(path) == [
        (
            f"{path}:3: project.owner: the owner is not among the organisations; "
            f"found 'aarhus-kommune'; {KNOWN}"
        )
    ]


def test_the_owner_cannot_assess_itself(tmp_path: pathlib.Path) -> None:
    """An assessment of the owner is refused in a file as in code."""
    path = write(tmp_path, HEADER + '\n[[assessments]]\npartner = "aarhus"\n')
    assert problems(path) == [
        (
            f"{path}:11: assessments[0].partner: the owner cannot assess itself; found 'aarhus'; "
            "expected the id of a potential partner, not the owner"
        )
    ]


def test_a_missing_project_table(tmp_path: pathlib.Path) -> None:
    """A file without [project] says so, with no line to point at."""
    path = write(tmp_path, HEADER.split("\n\n", 1)[1])
    assert problems(path) == [
        f"{path}: project: the [project] table is missing; expected a [project] table"
    ]


def test_a_missing_required_key(tmp_path: pathlib.Path) -> None:
    """A project without a name is reported at the [project] table."""
    path = write(tmp_path, HEADER.replace('name = "Ensomhed blandt ældre"\n', ""))
    assert problems(path) == [f"{path}:1: project.name: required key is missing"]


def test_broken_toml_gets_a_line_number(tmp_path: pathlib.Path) -> None:
    """A syntax error is reported with the line it is on, as one problem."""
    path = write(tmp_path, '[project]\nname = "Ensomhed"\nowner = "aarhus\n')
    with pytest.raises(ValidationError) as info:
        civsam.load(path)
    assert info.value.problems == (
        civsam.Problem(
            "not valid TOML: Illegal character '\\n' (column 16)", file=str(path), line=3
        ),
    )
    assert str(info.value) == (
        f"1 problem in {path}:\n  {path}:3: not valid TOML: Illegal character '\\n' (column 16)"
    )


def test_broken_json_gets_a_line_number(tmp_path: pathlib.Path) -> None:
    """A JSON syntax error (a trailing comma) is reported with its line and column."""
    text = """\
{
  "project": {"name": "P", "owner": "a"},
  "organisations": [
    {"id": "a"},
  ]
}
"""
    path = write(tmp_path, text, "project.json")
    # At the comma, in words, on every Python (3.13's json says it, 3.11's says
    # "Expecting value" at the bracket after it).
    assert problems(path) == [
        f"{path}:4: not valid JSON: a comma before ] (delete the comma) (column 16)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": ,}', "1: not valid JSON: Expecting value (column 7)"),
        ("[1,,]", "1: not valid JSON: Expecting value (column 4)"),
        ('{"a": 1,\n}', "1: not valid JSON: a comma before } (delete the comma) (column 8)"),
    ],
)
def test_only_a_comma_that_ends_a_list_is_called_trailing(
    tmp_path: pathlib.Path, text: str, expected: str
) -> None:
    """A comma after a colon or another comma is a missing value, not a trailing comma."""
    path = write(tmp_path, text, "project.json")
    assert problems(path) == [f"{path}:{expected}"]


def test_a_file_that_is_not_utf8(tmp_path: pathlib.Path) -> None:
    """Latin-1 bytes are reported with the line and the byte, and how to fix it."""
    path = write(tmp_path, '[project]\nname = "Ensomhed"\nowner = "\xe6ldre"\n'.encode("latin-1"))
    assert problems(path) == [
        (
            f"{path}:3: the file is not UTF-8 text; found byte 0xe6; "
            "expected UTF-8 (save the file as UTF-8)"
        )
    ]


@pytest.mark.parametrize(
    ("name", "shown"), [("project.yaml", "'.yaml'"), ("project", "'no suffix'")]
)
def test_an_unknown_suffix_is_refused(tmp_path: pathlib.Path, name: str, shown: str) -> None:
    """Only .toml and .json files are project files; the error names the suffix."""
    path = write(tmp_path, HEADER, name)
    with pytest.raises(CivsamError) as info:
        civsam.load(path)
    assert str(info.value) == (
        f"{path}: cannot tell the file format from {shown}; expected a .toml or .json file"
    )
    with pytest.raises(CivsamError) as info:
        civsam.save(civsam.example(), path)
    assert str(info.value) == (
        f"{path}: cannot tell the file format from {shown}; expected a .toml or .json file"
    )
    assert path.read_text(encoding="utf-8") == HEADER


def test_a_missing_file(tmp_path: pathlib.Path) -> None:
    """Loading a file that is not there is a CivsamError naming the file."""
    path = tmp_path / "missing.toml"
    with pytest.raises(CivsamError) as info:
        civsam.load(path)
    assert str(info.value) == f"{path}: cannot read the file: No such file or directory"


def test_saving_into_a_missing_folder(tmp_path: pathlib.Path) -> None:
    """Saving where no folder exists is a CivsamError naming the path."""
    path = tmp_path / "missing" / "project.toml"
    with pytest.raises(CivsamError) as info:
        civsam.save(civsam.example(), path)
    assert str(info.value) == f"{path}: cannot write here: No such file or directory"


MANY_MISTAKES = """\
[project]
name = "Ensomhed blandt ældre"
owner = "kommune"

[[organisations]]
id = "aarhus"
name = "Aarhus Kommune"
kind = "kommune"

[[organisations]]
id = "ds"
name = "Ældre Sagen"
webside = "https://example.dk"

[[relations]]
source = "aarhus"
target = "ghost"
kind = "partnership"

[[assessments]]
partner = "ds"
importance = 6

[extras]
note = "an unknown table"
"""


def test_every_problem_is_reported_at_once_sorted_by_line(tmp_path: pathlib.Path) -> None:
    """Six mistakes of six kinds all come back in one error, in the order of the file."""
    path = write(tmp_path, MANY_MISTAKES)
    with pytest.raises(ValidationError) as info:
        civsam.load(path)
    assert [str(problem) for problem in info.value.problems] == [
        (
            f"{path}:3: project.owner: the owner is not among the organisations; "
            f"found 'kommune'; {KNOWN}"
        ),
        f"{path}:8: organisations[0].kind: wrong value; found text 'kommune'; expected {KINDS}",
        f"{path}:13: organisations[1].webside: unknown key; expected {ORG_KEYS}",
        f"{path}:17: relations[0].target: unknown organisation; found 'ghost'; {KNOWN}",
        (
            f"{path}:22: assessments[0].importance: wrong value; found number 6; "
            "expected a whole number from 1 to 5"
        ),
        (
            f"{path}:24: extras: unknown key; "
            "expected one of project, prioritisation, planning, organisations, relations, "
            "assessments, readiness, outreach, touchpoints, reviews"
        ),
    ]
    assert str(info.value).splitlines()[0] == f"6 problems in {path}:"


MISTAKES_IN_JSON = """\
{
  "project": {
    "name": "Ensomhed blandt ældre",
    "owner": "aarhus",
    "naem": "typo"
  },
  "organisations": [
    {
      "id": "aarhus",
      "name": "Aarhus Kommune",
      "kind": "kommune"
    },
    {"id": "ds", "name": "Ældre Sagen", "target_groups": "ældre"}
  ],
  "relations": [
    {"source": "aarhus", "target": "ghost", "kind": "partnership"}
  ],
  "assessments": [
    {
      "partner": "ds",
      "importance": "5"
    }
  ]
}
"""


def test_json_problems_are_located_on_their_lines(tmp_path: pathlib.Path) -> None:
    """The same mistakes in a JSON file are reported on the lines of their keys."""
    path = write(tmp_path, MISTAKES_IN_JSON, "project.json")
    assert problems(path) == [
        (
            f"{path}:5: project.naem: unknown key; "
            "expected one of name, owner, target_groups, language, description"
        ),
        f"{path}:11: organisations[0].kind: wrong value; found text 'kommune'; expected {KINDS}",
        (
            f"{path}:13: organisations[1].target_groups: wrong value; found text 'ældre'; "
            "expected a list"
        ),
        f"{path}:16: relations[0].target: unknown organisation; found 'ghost'; {KNOWN}",
        (
            f"{path}:21: assessments[0].importance: wrong value; found text '5'; "
            "expected a whole number"
        ),
    ]


def test_json_of_the_wrong_shape(tmp_path: pathlib.Path) -> None:
    """A number or a table where something else belongs is named by its kind, not printed."""
    path = write(tmp_path, '{"project": 5, "organisations": {"id": "a"}}\n', "project.json")
    assert problems(path) == [
        f"{path}:1: project: wrong value; found number 5; expected a [project] table",
        (
            f"{path}:1: organisations: wrong value; found a table; "
            "expected a list of tables ([[organisations]])"
        ),
    ]


def test_an_invalid_organisation_does_not_cascade(tmp_path: pathlib.Path) -> None:
    """A broken organisation is reported once; relations and assessments naming it are not."""
    text = (
        HEADER
        + DS.replace('name = "Ældre Sagen"', 'name = ""\nkind = "club"')
        + '\n[[relations]]\nsource = "aarhus"\ntarget = "ds"\nkind = "partnership"\n'
        + '\n[[assessments]]\npartner = "ds"\nimportance = 3\n'
    )
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}:12: organisations[1].name: wrong value; found text ''; expected a non-empty name",
        f"{path}:13: organisations[1].kind: wrong value; found text 'club'; expected {KINDS}",
    ]


# -- personal data in errors ---------------------------------------------------------------

CONTACTS = """
contacts = [
    { name = "", email = "hidden.one@example.dk", phone = "+45 11 11 11 11" },
    { name = "Jens Hansen", phone = "+45 22 22 22 22", mail = "jens@example.org" },
]
"""


def test_a_contact_error_does_not_echo_personal_data(tmp_path: pathlib.Path) -> None:
    """Errors about contacts never echo any contact's name, e-mail or phone."""
    path = write(tmp_path, HEADER + DS + CONTACTS.lstrip("\n"))
    with pytest.raises(ValidationError) as info:
        civsam.load(path)
    assert [str(problem) for problem in info.value.problems] == [
        (
            f"{path}:13: organisations[1].contacts[0].name: wrong value; found a value; "
            "expected a non-empty name"
        ),
        (
            f"{path}:13: organisations[1].contacts[1].mail: unknown key; "
            "expected one of name, email, phone, role"
        ),
    ]
    for secret in ("example.dk", "example.org", "Jens", "Hansen", "+45", "11 11", "22 22"):
        assert secret not in str(info.value)


def test_a_bad_contact_name_is_not_echoed(tmp_path: pathlib.Path) -> None:
    """A contact name with a control character is refused without being repeated."""
    contacts = 'contacts = [{ name = "Jens\\u0000Hansen", email = "jens@example.dk" }]\n'
    path = write(tmp_path, HEADER + DS + contacts)
    assert problems(path) == [
        (
            f"{path}:13: organisations[1].contacts[0].name: wrong value; found a value; "
            "expected a non-empty name"
        )
    ]


@pytest.mark.parametrize(
    ("contacts", "expected"),
    [
        ('{ name = "Jens Hansen", email = "jens@example.dk" }',
         "contacts: wrong value; found a table; expected a list"),
        ('[{ name = ["Jens Hansen", "jens@example.dk"] }]',
         "contacts[0].name: wrong value; found a list; expected text"),
        ('[{ name = "Jens Hansen", email = { address = "jens@example.dk" } }]',
         "contacts[0].email: wrong value; found a table; expected text"),
    ],
    ids=["table-for-list", "list-for-text", "table-for-text"],
)  # fmt: skip
def test_whole_tables_and_lists_are_named_not_printed(
    tmp_path: pathlib.Path, contacts: str, expected: str
) -> None:
    """A table or list in the wrong place is described by its kind, never printed."""
    path = write(tmp_path, HEADER + DS + f"contacts = {contacts}\n")
    assert problems(path) == [f"{path}:13: organisations[1].{expected}"]


@pytest.mark.parametrize(
    "contact",
    ["5", '"Jens Hansen <jens@example.dk>"', '["Jens Hansen", "jens@example.dk"]'],
    ids=["number", "text", "list"],
)
def test_a_contact_that_is_not_a_table(tmp_path: pathlib.Path, contact: str) -> None:
    """A contact that is not a table is reported plainly, without echoing personal data."""
    path = write(tmp_path, HEADER + DS + f"contacts = [{contact}]\n")
    [problem] = problems(path)
    assert problem.startswith(f"{path}:13: organisations[1].contacts[0]: wrong value; found ")
    assert problem.endswith("; expected a table")
    assert "jens@example.dk" not in problem
    assert "Jens Hansen" not in problem


def test_long_text_is_cut_short_in_errors(tmp_path: pathlib.Path) -> None:
    """An error repeats at most 40 characters of a text value."""
    path = write(tmp_path, HEADER + DS + f'kind = "{"x" * 100}"\n')
    assert problems(path) == [
        f"{path}:13: organisations[1].kind: wrong value; found text '{'x' * 39}…'; expected {KINDS}"
    ]


# -- atomic saves --------------------------------------------------------------------------


def test_saving_over_a_file_leaves_nothing_behind(tmp_path: pathlib.Path) -> None:
    """Saving over an existing file leaves only that file, with the new content."""
    path = tmp_path / "project.toml"
    civsam.save(civsam.example(), path)
    small = Project("Plan", Organisation("aarhus", "Aarhus Kommune"))
    civsam.save(small, path)
    assert _listing(tmp_path) == ["project.toml"]
    assert civsam.load(path) == small


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_saving_keeps_the_files_permissions(tmp_path: pathlib.Path) -> None:
    """A file made private (0o600) or group-readable (0o640) stays so after a save."""
    path = tmp_path / "project.toml"
    civsam.save(civsam.example(), path)
    for mode in (0o600, 0o640):
        path.chmod(mode)
        civsam.save(civsam.example(), path)
        assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.skipif(os.name != "posix", reason="umask is POSIX")
def test_a_new_file_gets_the_usual_permissions(tmp_path: pathlib.Path) -> None:
    """A new file is created as open() would create it: 0o666 less the umask."""
    path = tmp_path / "project.toml"
    old = os.umask(0o027)
    try:
        civsam.save(civsam.example(), path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def _failing(error: OSError) -> Callable[..., Any]:
    def fail(*_args: object, **_kwargs: object) -> Any:
        raise error

    return fail


@pytest.fixture
def saved(tmp_path: pathlib.Path) -> pathlib.Path:
    """A folder holding only project.toml, the bundled example, saved."""
    path = tmp_path / "project.toml"
    civsam.save(civsam.example(), path)
    return path


@pytest.mark.parametrize("where", ["write", "replace"])
def test_a_failed_save_keeps_the_old_file(
    saved: pathlib.Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A save failing mid-write or at the rename leaves the old file whole and no temp file."""
    before = saved.read_bytes()
    error = OSError(28, "No space left on device")
    if where == "write":
        monkeypatch.setattr(os, "fsync", _failing(error))
    else:
        monkeypatch.setattr(os, "replace", _failing(error))
        monkeypatch.setattr(os, "rename", _failing(error))
        monkeypatch.setattr(pathlib.Path, "replace", _failing(error))
    small = Project("Plan", Organisation("aarhus", "Aarhus Kommune"))
    with pytest.raises((OSError, CivsamError)):
        civsam.save(small, saved)
    monkeypatch.undo()
    assert saved.read_bytes() == before
    assert _listing(saved.parent) == ["project.toml"]


def test_a_failed_save_is_a_civsam_error(
    saved: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk filling up mid-save is a CivsamError naming the file, as other write errors are."""
    monkeypatch.setattr(os, "fsync", _failing(OSError(28, "No space left on device")))
    with pytest.raises(CivsamError, match=re.escape(str(saved))):
        civsam.save(civsam.example(), saved)


def _big_project(variant: str) -> civsam.Project:
    """The bundled example and 2,000 more associations, named after ``variant``."""
    import civsam  # noqa: PLC0415 - this function's source also runs in a child process

    project = civsam.example()
    project.add(
        *(
            civsam.Organisation(
                f"forening-{variant}-{number}",
                f"Forening {variant} {number}",
                kind="civil_society",
                notes=f"Note {number} " * 20,
            )
            for number in range(2000)
        )
    )
    return project


# A fork server: it imports civsam and builds the two projects once, then for each line
# on stdin forks a child that saves them alternately, forever, and reports the child's pid
# and, once the child has been killed, its wait status.
_SAVER = f"""
import os, sys
import civsam
{inspect.getsource(_big_project)}
first, second = _big_project("a"), _big_project("b")
path = sys.argv[1]
print("ready", flush=True)
for _ in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            while True:
                civsam.save(first, path)
                civsam.save(second, path)
        finally:
            os._exit(1)
    print(pid, flush=True)
    print(os.waitpid(pid, 0)[1], flush=True)
"""


def _signature(path: pathlib.Path) -> tuple[int, int, int, int]:
    status = path.stat()
    return (status.st_ino, status.st_ctime_ns, status.st_mtime_ns, status.st_size)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_a_killed_save_leaves_the_old_or_the_new_file(tmp_path: pathlib.Path) -> None:
    """A save SIGKILLed at a random moment leaves the old or the new file, never a torn one."""
    path = tmp_path / "project.toml"
    first, second = _big_project("a"), _big_project("b")
    expected = {civsam.dumps(first): "first", civsam.dumps(second): "second"}
    civsam.save(first, path)
    root = pathlib.Path(civsam.__file__).resolve().parents[1]
    seen: list[str] = []
    with subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", textwrap.dedent(_SAVER), str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    ) as server:
        assert server.stdin is not None
        assert server.stdout is not None
        child = 0
        try:
            assert server.stdout.readline() == "ready\n"
            for _ in range(40):
                before = _signature(path)
                server.stdin.write("fork\n")
                server.stdin.flush()
                child = int(server.stdout.readline())
                # Wait until the new child has replaced the file at least once, so that
                # it is known to be saving; then let it run on for a random while.
                deadline = time.monotonic() + 20
                while _signature(path) == before:
                    assert time.monotonic() < deadline, "the saving process made no progress"
                    time.sleep(0.001)
                time.sleep(random.uniform(0, 0.08))  # noqa: S311 - not cryptography
                os.kill(child, signal.SIGKILL)
                status = int(server.stdout.readline())
                child = 0
                assert os.WIFSIGNALED(status), "the saving process died on its own"
                assert os.WTERMSIG(status) == signal.SIGKILL
                text = path.read_text(encoding="utf-8")
                assert text in expected, "a killed save left a torn file"
                seen.append(expected[text])
        finally:
            if child:
                os.kill(child, signal.SIGKILL)
            server.stdin.close()
            server.wait(timeout=10)
    assert server.returncode == 0
    assert len(seen) == 40
    assert civsam.load(path) in (first, second)
