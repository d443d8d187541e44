"""The exporter toolkit: text cleaning, escaping, rows, the plan view, labels and facts.

The properties run on any text (hypothesis) and on generated projects
(:func:`civsam.testing.projects`); the last tests hold the built-in exporters to the
toolkit: none imports another exporter, and none cleans text on its own.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import civsam
from civsam import Language, OutreachStep, Quadrant, toolkit
from civsam.testing import projects, texts

EXPORTERS = Path(__file__).resolve().parents[1] / "src" / "civsam_exporters"
AS_OF = dt.date(2026, 12, 7)

BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]")
"""Every line break and the tab: what one-line text has none of."""


def forbidden(target: str, char: str) -> bool:
    """Whether ``target`` may not hold ``char``, written out from the standards.

    Any text: C0 controls but tab, LF and CR, and DEL. XML 1.0 also: lone surrogates,
    U+FFFE and U+FFFF. HTML also: C1 controls but NEL, and every noncharacter.
    """
    code = ord(char)
    control = (code < 0x20 and char not in "\t\n\r") or code == 0x7F
    if target == "text":
        return control
    xml = control or 0xD800 <= code <= 0xDFFF or code in {0xFFFE, 0xFFFF}
    if target == "xml":
        return xml
    c1 = 0x80 <= code <= 0x9F and code != 0x85
    return xml or c1 or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


# Any text, lone surrogates and noncharacters included: what a Python caller may hand over.
odd = st.sampled_from(["\ud800", "\udfff", "\ufdd0", "\ufffe", "\U0002ffff", "\x85", "\x9b"])
anything = st.text(st.characters() | odd | st.sampled_from("\t\n\r\x0b\x0c\u2028\u2029")) | texts()
targets = st.sampled_from(["text", "xml", "html"])


def report(project: civsam.Project, **options: object) -> civsam.Report:
    """The report of ``project`` as of a fixed day."""
    return civsam.make_report(project, as_of=AS_OF, **options)  # type: ignore[arg-type]


# -- text ----------------------------------------------------------------------------------


@given(anything, targets, st.booleans())
def test_clean_leaves_nothing_its_target_forbids_and_is_idempotent(
    text: str,
    target: toolkit.Target,
    lines: bool,  # noqa: FBT001 - drawn by given
) -> None:
    """No forbidden character is left; cleaning again changes nothing."""
    cleaned = toolkit.clean(text, target=target, lines=lines)
    assert not any(forbidden(target, char) for char in cleaned)
    assert toolkit.clean(cleaned, target=target, lines=lines) == cleaned
    if not lines:
        assert BREAKS.search(cleaned) is None
    if target != "text":
        cleaned.encode("utf-8")  # no lone surrogate is left to break the encoding


@given(anything, targets)
def test_clean_only_drops_characters_and_folds_breaks(text: str, target: toolkit.Target) -> None:
    """What is kept keeps its order: cleaning drops characters and folds breaks, nothing else."""
    assert toolkit.clean(text, target=target, lines=True) == "".join(
        char for char in text if not forbidden(target, char)
    )
    one_line = re.sub(f"{BREAKS.pattern}+", " ", text)
    assert toolkit.clean(text, target=target) == "".join(
        char for char in one_line if not forbidden(target, char)
    )


def test_clean_folds_every_kind_of_line_break_to_one_space() -> None:
    """CR, LF, CRLF, VT, FF, NEL, U+2028, U+2029 and tabs: a run of them is one space."""
    assert toolkit.clean("a\r\nb\x85c\u2028\u2029d\te\x0b\x0cf") == "a b c d e f"
    assert toolkit.clean("a\r\nb\x85c", lines=True) == "a\r\nb\x85c"
    assert toolkit.clean("a\x0bb", lines=True) == "ab"  # VT and FF are no line breaks in XML


def test_the_three_targets_drop_ever_more() -> None:
    """Controls go everywhere; surrogates and U+FFFE in XML; C1 and noncharacters in HTML."""
    text = "a\x00\x7f\x9b\ufdd0\ufffe\ud800\U0001ffffb"
    assert toolkit.clean(text, target="text") == "a\x9b\ufdd0\ufffe\ud800\U0001ffffb"
    assert toolkit.clean(text, target="xml") == "a\x9b\ufdd0\U0001ffffb"
    assert toolkit.clean(text) == "ab"
    assert toolkit.clean("Æ 😀 e\u0301 \u200b\xa0|<&>") == "Æ 😀 e\u0301 \u200b\xa0|<&>"


@given(anything)
def test_escaped_text_and_attributes_read_back_through_an_xml_parser(text: str) -> None:
    """Character data and an attribute value parse back as the text cleaned for XML."""
    document = f'<a b="{toolkit.escape_attribute(text)}">{toolkit.escape_text(text)}</a>'
    element = ET.fromstring(document.encode("utf-8"))  # noqa: S314 - our own document
    expected = toolkit.clean(text, target="xml", lines=True)
    assert (element.text or "") == expected
    assert element.get("b") == expected


def test_escaping_leaves_plain_text_alone() -> None:
    """Most text needs no escape: it comes back as it is."""
    assert toolkit.escape_text('Røde Kors "Aarhus"') == 'Røde Kors "Aarhus"'
    assert toolkit.escape_attribute("a<b & 'c'") == "a&lt;b &amp; 'c'"
    assert toolkit.escape_attribute('x"\r\n\t') == "x&quot;&#13;&#10;&#9;"


# -- rows ----------------------------------------------------------------------------------


@given(projects(history=True), st.booleans())
def test_rows_are_the_placements_in_rank_order_by_name(
    project: civsam.Project,
    contacts: bool,  # noqa: FBT001 - drawn by given
) -> None:
    """One row per placement, in rank order; each named field is the placement's."""
    made = report(project, include_contacts=contacts)
    rows = toolkit.rows(made)
    placements = list(made.prioritisation)
    assert [row.rank for row in rows] == list(range(1, len(placements) + 1))
    steps = {entry.partner: entry.step for entry in project.outreach}
    for row, placement in zip(rows, placements, strict=True):
        assert (row.rank, row.quadrant, row.partner, row.id, row.name) == (
            placement.rank,
            placement.quadrant,
            placement.partner,
            placement.partner.id,
            placement.partner.name,
        )
        assert (row.importance, row.ease, row.disagreement) == (
            placement.importance,
            placement.ease,
            placement.disagreement,
        )
        assert row.assessment == project.assessments[row.id]
        assert row.step == steps.get(row.id, OutreachStep.NOT_STARTED)
    grouped = toolkit.quadrants(made)
    assert list(grouped) == list(Quadrant)
    for quadrant, placed in grouped.items():
        assert [row.partner for row in placed] == [
            p.partner for p in made.prioritisation.quadrant(quadrant)
        ]


def test_rows_are_made_once_per_report() -> None:
    """A report's sections share its rows; another report gets its own."""
    project = civsam.example()
    first = report(project)
    assert toolkit.rows(first) is toolkit.rows(first)
    assert toolkit.quadrants(first) is toolkit.quadrants(first)
    other = report(project, language="en")
    assert toolkit.rows(other) is not toolkit.rows(first)
    assert toolkit.rows(other) == toolkit.rows(first)


def test_a_row_is_read_by_name_and_cannot_be_changed() -> None:
    """Rows are immutable records with named fields and no instance dictionary."""
    row = toolkit.rows(report(civsam.example()))[0]
    assert row._fields[:3] == ("rank", "quadrant", "partner")
    assert row.step is OutreachStep.MAINTAIN_CONTACT
    assert not hasattr(row, "__dict__")
    with pytest.raises(AttributeError):
        row.rank = 2  # type: ignore[misc]


@given(projects(history=True))
def test_contact_details_show_nothing_without_contacts(project: civsam.Project) -> None:
    """Without ``include_contacts`` every detail is empty; with it, the report's own choice."""
    hidden, shown = report(project), report(project, include_contacts=True)
    for organisation in project.organisations.values():
        assert toolkit.contact_details(hidden, organisation) == ("", "", "")
        details = toolkit.contact_details(shown, organisation)
        person = shown.contact_person(organisation)
        name = shown.contact_name(organisation.id) or (person.name if person else "")
        assert details.name == name
        assert details.email == ((person.email or "") if person else "")
        assert details.phone == ((person.phone or "") if person else "")
        assert details.shown == tuple(part for part in details if part)


# -- the plan ------------------------------------------------------------------------------


@given(projects(history=True))
def test_the_plan_view_shows_the_reports_plan(project: civsam.Project) -> None:
    """Every meeting, check-in series and evaluation of ``report.plan``, and only those."""
    made = report(project)
    plan, view = made.plan, toolkit.plan_view(made)
    meetings = [a.meeting for a in view.approaches if a.meeting is not None]
    assert sorted(m.partner.id for m in meetings) == sorted(m.partner.id for m in plan.meetings)
    assert all(a.meeting == plan.meeting(a.partner.id) for a in view.approaches)
    ranked = [a.rank for a in view.approaches if a.rank is not None]
    assert ranked == sorted(ranked)
    assert [s.partner for s in view.check_ins] == [c.partner for c in plan.check_ins]
    assert [s.first for s in view.check_ins] == [toolkit.first_held(c) for c in plan.check_ins]
    assert view.evaluations == plan.milestones
    assert bool(view.unscheduled) == bool(plan.unscheduled)
    assert bool(view.crowded_out) == bool(plan.crowded_out)
    assert len(view.moved) == len(plan.moved_check_ins)
    assert len(view.skipped) == len(plan.skipped_check_ins)
    assert bool(view.no_meetings) == (not plan.meetings and not plan.unscheduled)
    assert bool(view.capacity) == bool(plan.meetings or plan.check_ins)
    approached = {entry.partner for entry in project.outreach}
    for approach in view.approaches:
        assert approach.rank is not None or approach.partner.id in approached
        if approach.rank is not None:
            assert approach.quadrant in {Quadrant.START_HERE, Quadrant.DISCUSS} or (
                approach.partner.id in approached
            )


def test_the_plan_view_of_the_example_in_words() -> None:
    """The example's plan: its sentences in the report's language, not escaped."""
    view = toolkit.plan_view(report(civsam.example(), language="en"))
    assert view.no_meetings == ""
    assert view.capacity.startswith("Meetings: at most 4 a week")
    assert view.closed == ("Closed from 2026-12-20 to 2027-01-01: nothing is planned",)
    assert {s.every for s in view.check_ins} == {"every 2 weeks", "every 4 weeks"}
    assert attrs.evolve(view, unscheduled="x").unscheduled == "x"  # a frozen attrs class


# -- words, facts and recognising ----------------------------------------------------------


def test_labels_say_the_catalogue_in_the_reports_language() -> None:
    """Labels wraps civsam.label: the same words, looked up once."""
    words = toolkit.Labels("en")
    assert words("column.rank") == civsam.label("column.rank", "en")
    assert words("column.rank") is words("column.rank")
    assert words("plan.every_weeks", weeks=3) == "every 3 weeks"
    assert words.quadrant(Quadrant.START_HERE, short=True) == civsam.label(
        "quadrant_short.start_here", "en"
    )
    assert words.step(OutreachStep.NOT_STARTED) == civsam.label("step.not_started", "en")
    assert words.step(OutreachStep.SHARED_GOALS) == civsam.label(
        OutreachStep.SHARED_GOALS.label_key, "en"
    )
    assert words.number(3.5) == "3.5"
    assert toolkit.Labels(Language.DA).number(3.5) == "3,5"
    assert words.listed(["a", "b", "c"]) == "a, b and c"
    assert toolkit.Labels("da").listed(["a", "b"]) == "a og b"
    assert words.listed(["a"]) == "a"


def test_facts_every_report_states() -> None:
    """The day, what the priority means, and where the report comes from."""
    made = report(civsam.example(), language="en")
    assert toolkit.as_of(made).startswith("2026-12-07: the plan starts on this day")
    assert toolkit.priority_meaning(made).startswith("importance + ease")
    assert toolkit.made_with(attrs.evolve(made, generated=None)) == "Made with civsam"
    stamped = attrs.evolve(made, generated=dt.datetime(2027, 1, 2, tzinfo=dt.UTC))
    assert toolkit.made_with(stamped) == f"Made with civsam {civsam.__version__}, 2027-01-02"


def test_local_time_is_danish_wall_time() -> None:
    """A UTC time is shown as Copenhagen's, to the minute."""
    assert toolkit.local_time(dt.datetime(2027, 7, 1, 8, 0, tzinfo=dt.UTC)) == "2027-07-01 10:00"


@given(st.text(), st.integers(min_value=0, max_value=8))
def test_head_text_reads_a_start_cut_anywhere(text: str, cut: int) -> None:
    """A character cut off at the end is left out; bytes that are not UTF-8 give None."""
    data = text.encode("utf-8")
    head = toolkit.head_text(data[: max(0, len(data) - cut)])
    assert head is not None
    assert text.startswith(head)
    assert toolkit.head_text(b"\xff\xfe<") is None


# -- the built-in exporters use the toolkit ------------------------------------------------


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports, absolute."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("path", sorted(EXPORTERS.glob("*.py")), ids=lambda path: path.name)
def test_no_exporter_imports_another_exporter(path: Path) -> None:
    """Exporters share the toolkit and private helpers (the board, its layout), not each other."""
    exporters = {
        f"civsam_exporters.{module.stem}"
        for module in EXPORTERS.glob("*.py")
        if not module.stem.startswith("_")
    }
    assert not (_imports(path) & exporters) - {f"civsam_exporters.{path.stem}"}


@pytest.mark.parametrize("path", sorted(EXPORTERS.glob("*.py")), ids=lambda path: path.name)
def test_no_exporter_cleans_text_on_its_own(path: Path) -> None:
    """Dropping control characters and folding line breaks is the toolkit's: no copy is left."""
    source = path.read_text("utf-8")
    for pattern in (r"\x00-\x08", r"\x7f", r"\u2028", r"\x85", r"\ufffe"):
        assert pattern not in source, pattern
