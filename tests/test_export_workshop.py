"""The workshop board's HTML, read back without a browser: structure, policy, data, privacy.

The browser tests (tests/test_workshop_browser.py) drive the board; these check what can
be checked from the bytes: one inline script allowed by its exact hash, no URL, the data
block reads back as the exporter's data whatever the names hold, no personal data
without ``include_contacts``, the same bytes for the same report, both languages.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import re
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import civsam
from civsam import Assessment, Contact, Organisation, OrgKind, Project, Rating
from civsam.privacy import find_personal_data, personal_values
from civsam.testing import check_exporter, projects
from civsam_exporters.html import HTML
from civsam_exporters.svg import SVG
from civsam_exporters.workshop import (
    CSP,
    SCRIPT,
    STYLE,
    WORKSHOP,
    board_data,
    shown_name,
    slug,
    start_cell,
)

AS_OF = dt.date(2026, 1, 1)
LANGUAGES = ("da", "en")
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
HOSTILE = (
    "</script><script>alert(1)</script>",
    "<!--<script>",
    "</SCRIPT >",
    '"><img src=x onerror=alert(2)>',
    'Ål & Ørred\'s "Forening"',
    "Tab\tand\nnewline\r",
    "\x85\u2028\u2029 line seps",
    "\u202eevil\u202c bidi",
    "Emoji 👵🏽🧓 ældre",
    "{name} {count} $& $1",
    "\ufdd0\ufffe\U0001fffe nonchars",
)
"""Names that must stay inert text: ends of the data block, markup, controls, emoji."""


# -- reading the page ----------------------------------------------------------------------


@attrs.define
class Page:
    """What a parser reads from a board: its tags, scripts, policy and data."""

    tags: list[tuple[str, dict[str, str | None]]] = attrs.field(factory=list)
    scripts: list[tuple[dict[str, str | None], str]] = attrs.field(factory=list)
    text: list[str] = attrs.field(factory=list)

    @property
    def policy(self) -> str:
        """The Content-Security-Policy the page sets."""
        (content,) = [
            attributes["content"]
            for tag, attributes in self.tags
            if tag == "meta" and attributes.get("http-equiv") == "Content-Security-Policy"
        ]
        assert content is not None
        return content

    @property
    def data(self) -> dict[str, object]:
        """The board's data block, parsed."""
        (block,) = [text for attributes, text in self.scripts if attributes.get("id") == "wb-data"]
        loaded: dict[str, object] = json.loads(block)
        return loaded


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.page.scripts.append((self._script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attributes, text = self.page.scripts[-1]
            self.page.scripts[-1] = (attributes, text + data)
        else:
            self.page.text.append(data)


def read(data: bytes) -> Page:
    """The board's bytes, parsed as a browser's tokenizer would split them."""
    reader = _Reader()
    reader.feed(data.decode("utf-8"))
    reader.close()
    return reader.page


def report(project: Project, **options: object) -> civsam.Report:
    """The project's report, as of a fixed day."""
    return civsam.make_report(project, as_of=AS_OF, **options)  # type: ignore[arg-type]


def render(made: civsam.Report, exporter: civsam.Exporter = WORKSHOP) -> bytes:
    """What ``exporter`` (the board unless said) writes for a report."""
    out = io.BytesIO()
    exporter.export(made, out)
    return out.getvalue()


def board(project: Project, **options: object) -> bytes:
    """The project's workshop board."""
    return render(report(project, **options))


@pytest.fixture(scope="module")
def example_board() -> bytes:
    """The bundled example's board, in Danish."""
    return board(civsam.example())


# -- structure and policy ------------------------------------------------------------------


def test_the_board_is_a_registered_exporter() -> None:
    """``-f workshop`` finds it (the entry point in pyproject; reinstall civsam if missing)."""
    assert civsam.exporters().get("workshop") == WORKSHOP


def test_the_policy_is_the_reports_and_the_scripts_hash() -> None:
    """Exactly the report's policy plus ``script-src`` with the sha256 of the one script."""
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    expected = f"{REPORT_CSP}; script-src 'sha256-{digest}'"
    assert expected == CSP


def test_the_one_script_is_the_hashed_one(example_board: bytes) -> None:
    """Two script elements: the JSON data block and the script whose hash the policy names."""
    page = read(example_board)
    assert page.policy == CSP
    kinds = [(attributes.get("type"), attributes.get("id")) for attributes, _ in page.scripts]
    assert kinds == [("application/json", "wb-data"), (None, None)]
    script = page.scripts[1][1]
    assert script == SCRIPT
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in page.policy.split("; script-src ")[1]
    assert "</" not in SCRIPT
    assert "<!--" not in SCRIPT
    assert "</" not in STYLE
    assert example_board.count(b"</script>") == 2


def test_nothing_is_fetched_or_linked(example_board: bytes) -> None:
    """No URL anywhere; no element that loads or links; no event-handler attribute."""
    assert re.search(rb"(?i)https?:|//[a-z]", example_board.replace(b"</", b"")) is None
    page = read(example_board)
    loading = {"link", "img", "iframe", "object", "embed", "base", "form", "a", "source"}
    assert [tag for tag, _ in page.tags if tag in loading] == []
    for tag, attributes in page.tags:
        assert not {"src", "href", "action", "srcset"} & set(attributes), tag
        assert not [name for name in attributes if name.startswith("on")], tag


def test_the_page_has_its_parts(example_board: bytes) -> None:
    """25 cells in importance-then-ease order, the panel's controls, a live region, Save."""
    page = read(example_board)
    cells = [
        (attributes["data-importance"], attributes["data-ease"])
        for tag, attributes in page.tags
        if "cell" in (attributes.get("class") or "").split()
    ]
    assert cells == [(str(i), str(e)) for i in "54321" for e in "12345"]
    ids = {attributes.get("id") for _, attributes in page.tags}
    assert {"wb-date", "wb-rater", "wb-note", "wb-moves", "wb-save", "wb-status", "wb-keys",
            "wb-list", "wb-board-view"} <= ids  # fmt: skip
    (date,) = [a for tag, a in page.tags if a.get("id") == "wb-date"]
    assert date["type"] == "date"
    assert "value" not in date  # the browser's today, set by the script: the same bytes
    (status,) = [a for tag, a in page.tags if a.get("id") == "wb-status"]
    assert status["role"] == "status"


def test_the_quadrants_follow_the_projects_thresholds() -> None:
    """With thresholds 3 and 2, a cell is important from 3 up and easy from 2 right."""
    project = civsam.example()
    project.priority_settings = attrs.evolve(
        project.priority_settings, importance_threshold=3, ease_threshold=2
    )
    page = read(board(project))
    quadrants = {
        (int(a["data-importance"] or 0), int(a["data-ease"] or 0)): (a["class"] or "").split()[1]
        for _, a in page.tags
        if "cell" in (a.get("class") or "").split()
    }
    assert quadrants[(3, 2)] == "q-start_here"
    assert quadrants[(3, 1)] == "q-discuss"
    assert quadrants[(2, 2)] == "q-not_now"
    assert quadrants[(2, 1)] == "q-not_worth_it"
    assert read(board(project)).data["thresholds"] == [3, 2]


# -- the data ------------------------------------------------------------------------------


def test_the_data_block_reads_back_as_the_exporters_data(example_board: bytes) -> None:
    """JSON.parse of the block (here json.loads) gives exactly :func:`board_data`."""
    assert read(example_board).data == board_data(report(civsam.example()))


def test_the_data_names_every_partner_with_its_start_and_tokens() -> None:
    """Placed partners in rank order at their cells, then the unplaced; the lead's tokens."""
    project = civsam.example()
    project.add(Organisation("ny-forening", "Ny forening"))
    made = report(project)
    data = board_data(made)
    assert data["format"] == civsam.CHANGES_FORMAT
    assert data["version"] == civsam.CHANGES_VERSION
    assert data["board"] == civsam.board_token(project)
    assert data["made"] == made.as_of.isoformat()
    assert data["project"] == project.name
    partners = data["partners"]
    assert isinstance(partners, list)
    placed = [p.partner.id for p in made.prioritisation]
    assert [p["id"] for p in partners][: len(placed)] == placed
    assert partners[-1]["id"] == "ny-forening"
    assert partners[-1]["start"] is None
    assert partners[-1]["base"] == ""
    for partner, placement in zip(partners, made.prioritisation, strict=False):
        assert partner["start"] == [placement.importance, placement.ease]  # whole scores here
        assessment = project.assessments[placement.partner.id]
        assert partner["base"] == civsam.assessment_token(assessment)
        assert re.fullmatch(r"[0-9a-f]{16}", partner["base"])
    owner = project.owner.id
    assert owner not in {p["id"] for p in partners}
    assert len(partners) == len(project.organisations) - 1


@pytest.mark.parametrize(
    ("score", "threshold", "cell"),
    [
        (5, 4, 5),
        (4.4, 4, 4),
        (3.5, 4, 3),  # rounds up to 4, but 3.5 is not important: stays below
        (3.6, 3.5, 4),
        (3.4, 3.3, 4),  # rounds down to 3, but 3.4 is important: stays above
        (2.5, 3, 2),
        (2.5, 2, 3),
        (1.0, 1, 1),
        (4.75, 5, 4),
    ],
)
def test_a_combined_score_starts_in_the_nearest_cell_of_its_quadrant(
    score: float, threshold: float, cell: int
) -> None:
    """A median or derived score rounds to a whole one on the same side of the threshold."""
    assert start_cell(score, threshold) == cell
    assert (cell >= threshold) == (score >= threshold)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ensomhed blandt ældre i Aarhus", "ensomhed-blandt-aeldre-i-aarhus"),
        ("Ærø & Åbenrå: Øst", "aeroe-aabenraa-oest"),
        ("Café Čapek", "cafe-capek"),
        ("👵🏽 ?!", "civsam"),
        ("x" * 80, "x" * 48),
    ],
)
def test_the_file_name_stem_is_ascii(name: str, expected: str) -> None:
    """The changes file's name comes from the project's, in plain ASCII."""
    assert slug(name) == expected


def test_long_names_get_soft_hyphens_where_danish_allows() -> None:
    """Shown names break only at syllables; without the soft hyphens they are the name."""
    shown = shown_name("Boligforeningen Bakkely")
    assert "\xad" in shown
    assert shown.replace("\xad", "") == "Boligforeningen Bakkely"
    assert "Boligforenin\xadgen" not in shown


# -- hostile text --------------------------------------------------------------------------


def hostile_project() -> Project:
    """The example with partners whose names and ids try to end the data block or run."""
    project = civsam.example()
    for number, name in enumerate(HOSTILE):
        partner = Organisation(f"</script>-{number}", name, kind=OrgKind.OTHER)
        project.add(partner, Assessment(partner.id, importance=5 - number % 5, ease=1 + number % 5))
    project.add(Organisation("<!--tray-->", "</script>tray"))
    return project


@pytest.mark.parametrize("language", LANGUAGES)
def test_hostile_names_stay_inside_the_data_block(language: str) -> None:
    """No name ends the block or opens a comment; each reads back as it was cleaned."""
    project = hostile_project()
    data = board(project, language=language)
    assert data.count(b"</script") == 2
    assert data.lower().count(b"<script") == 2
    assert b"<!--" not in data
    assert "\u2028".encode() not in data
    page = read(data)
    assert page.data == board_data(report(project, language=language))
    partners = {p["id"]: p for p in page.data["partners"]}  # type: ignore[attr-defined]
    for number, name in enumerate(HOSTILE):
        shown = partners[f"</script>-{number}"]
        assert shown["name"] == " ".join(
            re.sub("[\u202a-\u202e\u2066-\u2069]", "", civsam.toolkit.clean(name)).split()
        )
    assert partners["<!--tray-->"]["start"] is None
    assert page.data["project"] == project.name


def test_the_data_block_escapes_what_could_end_it() -> None:
    r"""``<``, ``>``, ``&``, line separators, surrogates, noncharacters: ``\u`` escapes."""
    value = {"a": "</script><!--&\u2028\u2029\ud800\ufffe\U0001fffe\x85 ok"}
    text = civsam.toolkit.script_json(value)
    assert re.search("[<>&\u2028\u2029\ud800\ufffe\U0001fffe\x85]", text) is None
    assert json.loads(text) == value
    assert text.encode("utf-8")


# -- personal data -------------------------------------------------------------------------


def private_project() -> Project:
    """The example with a partner whose contact, rater and assessor are unmistakable."""
    project = civsam.example()
    partner = Organisation(
        "privat",
        "Privat forening",
        contacts=(Contact("Qzjx Kontaktsen", "qzjx@example.dk", "+45 99 88 77 66", "Qzjx-rolle"),),
    )
    project.add(
        partner,
        Assessment(
            partner.id,
            importance=5,
            ease=4,
            contact="Qzjx Kontaktsen",
            ratings=(Rating("Qzjx Bedømmer", 5, 4),),
            date=dt.date(2025, 12, 1),
            by="Qzjx Vurderer",
        ),
    )
    return project


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_personal_data_without_include_contacts(language: str) -> None:
    """Contacts, raters and who assessed: none of them on the board."""
    project = private_project()
    data = board(project, language=language)
    assert find_personal_data(data, personal_values(project)) == ()
    assert b"Qzjx" not in data


def test_contacts_show_with_include_contacts_but_never_raters_or_assessors() -> None:
    """With contacts included the panel may name the contact; raters and ``by`` stay out."""
    data = board(private_project(), include_contacts=True)
    text = data.decode()
    assert "Qzjx Kontaktsen" in text
    assert "qzjx@example.dk" in text
    assert "Qzjx Bedømmer" not in text
    assert "Qzjx Vurderer" not in text
    assert "Qzjx-rolle" not in text


# -- determinism and languages -------------------------------------------------------------


def test_the_same_report_gives_the_same_bytes() -> None:
    """Twice from one report, and from a report made again."""
    made = report(civsam.example())
    assert render(made) == render(made)
    assert render(made) == board(civsam.example())


def test_the_board_keeps_every_exporter_promise() -> None:
    """civsam.testing's contract check, second process and hostile projects included."""
    check_exporter(WORKSHOP, max_examples=15)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("da", ["Workshoptavle: ", "Gem ændringer", "Flytninger", "Ikke placeret endnu",
                "Workshoppens dato", "Hvem flytter? (valgfrit)", "Lethed: hvor let"]),
        ("en", ["Workshop board: ", "Save changes", "Moves", "Not placed yet",
                "The workshop's date", "Who is moving? (optional)", "Ease: how easy"]),
    ],
)  # fmt: skip
def test_the_board_speaks_the_reports_language(language: str, words: list[str]) -> None:
    """Page and script texts in Danish or English; ``lang`` says which."""
    project = civsam.example()
    project.add(Organisation("ny", "Ny"))
    data = board(project, language=language)
    page = read(data)
    assert ("html", {"lang": language}) in page.tags
    text = "".join(page.text) + json.dumps(page.data, ensure_ascii=False)
    for word in words:
        assert word in text
    texts = page.data["texts"]
    assert isinstance(texts, dict)
    for value in texts.values():
        for line in value if isinstance(value, list) else [value]:
            assert "workshop.board" not in line
            assert set(re.findall(r"\{(\w+)\}", line)) <= {
                "name", "position", "quadrant", "importance", "ease", "before", "after",
                "rater", "file", "count",
            }  # fmt: skip
    assert texts["saved"][0] != texts["saved"][1]


# -- recognising ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_board_is_recognised_as_a_board_only(language: str) -> None:
    """The board's start is its own: not the HTML report's, and the report is not a board."""
    made = report(civsam.example(), language=language)
    data = render(made)
    assert WORKSHOP.recognises(data)
    assert WORKSHOP.recognises(data[: data.index(b"</title>")])
    assert not WORKSHOP.recognises(data[:100])  # before the policy: any page
    assert not HTML.recognises(data)
    assert not WORKSHOP.recognises(render(made, HTML))
    assert not WORKSHOP.recognises(render(made, SVG))
    assert not WORKSHOP.recognises(b"<!DOCTYPE html>\n<html><title>x</title></html>")


# -- any project ---------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects(history=True))
def test_any_project_gives_a_board_whose_data_reads_back(project: Project) -> None:
    """For any project: one block, data as made, starts on the scale in the report's quadrant."""
    made = report(project)
    data = render(made)
    assert WORKSHOP.recognises(data)
    assert data.count(b"</script") == 2
    page = read(data)
    assert page.data == board_data(made)
    partners = page.data["partners"]
    assert isinstance(partners, list)
    assert len(partners) == len(project.organisations) - 1
    thresholds = page.data["thresholds"]
    assert isinstance(thresholds, list)
    threshold_i, threshold_e = thresholds
    for partner in partners:
        start = partner["start"]
        if partner["id"] in made.prioritisation:
            placement = made.prioritisation[partner["id"]]
            assert start is not None
            assert all(1 <= score <= 5 for score in start)
            assert (start[0] >= threshold_i) == (placement.importance >= threshold_i)
            assert (start[1] >= threshold_e) == (placement.ease >= threshold_e)
        else:
            assert start is None
