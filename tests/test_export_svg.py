"""The priority board as SVG: parsed back, its layout checked, its text escaped."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import civsam
from civsam import Assessment, Organisation, OrgKind, Project, Quadrant, Rating
from civsam.testing import check_exporter, projects
from civsam_exporters import svg
from civsam_exporters._layout import SIZES, Box, arrange, text_width, wrap
from civsam_exporters.svg import SVG, board

AS_OF = dt.date(2026, 1, 1)
NS = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PAGE = Box(0, 0, 420, 297)
ELEMENTS = {"svg", "title", "desc", "g", "rect", "text", "tspan", "line", "circle"}
"""Every element the board may hold: none comes from the data."""
ATTRIBUTES = {
    "width", "height", "viewBox", "role", "aria-labelledby", XML_LANG, "font-family", "class",
    "id", "x", "y", "fill", "stroke", "stroke-width", "stroke-dasharray", "rx", "font-size",
    "font-weight", "font-style", "text-anchor", "transform", "x1", "x2", "y1", "y2", "cx", "cy",
    "r", "data-quadrant", "data-rank", "textLength", "lengthAdjust",
}  # fmt: skip
"""Every attribute the board may hold."""
MORE = re.compile(r"^… (?:og|and) (\d+) (?:mere|more)$")
settings_ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- reading the board -------------------------------------------------------------------------


def parse(text: str) -> ET.Element:
    """The board's root element (our own output: ElementTree is safe enough here)."""
    return ET.fromstring(text)  # noqa: S314 - our own output, not untrusted input


def report(project: Project, **options: object) -> civsam.Report:
    """A report as civsam.export makes one."""
    return civsam.make_report(project, as_of=AS_OF, **options)  # type: ignore[arg-type]


def classes(element: ET.Element) -> set[str]:
    """The element's classes."""
    return set(element.get("class", "").split())


def local(element: ET.Element) -> str:
    """The element's name without the SVG namespace."""
    return element.tag.removeprefix(NS)


def find(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    """Every ``tag`` element below ``root`` with the class ``cls``."""
    return [e for e in root.iter(NS + tag) if cls in classes(e)]


def shown(element: ET.Element) -> str:
    """The text an element shows, its tspans included."""
    return "".join(element.itertext())


def squeezed(text: str) -> str:
    """Text without white space and hyphens, to compare wrapped text with the original."""
    return "".join(text.split()).replace("-", "")


def box(rect: ET.Element) -> Box:
    """A rect's box."""
    return Box(*(float(rect.get(name, "nan")) for name in ("x", "y", "width", "height")))


def postits(root: ET.Element) -> list[tuple[ET.Element, ET.Element, Box]]:
    """Each post-it with its quadrant's group and its paper's box."""
    found = []
    for quadrant in find(root, "g", "quadrant"):
        for postit in find(quadrant, "g", "postit"):
            rects = postit.findall(NS + "rect")
            assert len(rects) == 1, "a post-it has exactly one paper"
            found.append((postit, quadrant, box(rects[0])))
    return found


def area(quadrant: ET.Element) -> Box:
    """A quadrant's area on the board."""
    (rect,) = [r for r in quadrant.findall(NS + "rect") if "area" in classes(r)]
    return box(rect)


def more(root: ET.Element) -> int:
    """How many partners the "… and N more" notes say are not shown."""
    total = 0
    for note in find(root, "text", "more"):
        match = MORE.match(shown(note))
        assert match is not None, shown(note)
        total += int(match[1])
    return total


def check_layout(text: str, assessed: int) -> None:
    """No two post-its overlap; each is inside its quadrant's area and the page; all counted."""
    root = parse(text)
    found = postits(root)
    boxes = [paper for _, _, paper in found]
    for index, (postit, quadrant, paper) in enumerate(found):
        assert paper.within(area(quadrant)), (postit.get("data-rank"), paper, area(quadrant))
        assert paper.within(PAGE)
        for other in boxes[index + 1 :]:
            assert not paper.overlaps(other, gap=1.0), (paper, other)
    assert len(found) + more(root) == assessed
    ranks = [int(postit.get("data-rank", "0")) for postit, _, _ in found]
    assert len(set(ranks)) == len(ranks)


# -- the contract ------------------------------------------------------------------------------


def test_the_svg_exporter_is_registered() -> None:
    """`-f svg` is civsam's board exporter, with the SVG media type."""
    exporter = civsam.exporters()["svg"]
    assert exporter is SVG
    assert (exporter.name, exporter.suffix, exporter.media_type) == (
        "svg",
        ".svg",
        "image/svg+xml",
    )
    assert svg.civsam_exporters() == [SVG]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        SVG.name = "other"  # type: ignore[misc]


def test_the_svg_exporter_keeps_civsams_promises() -> None:
    """check_exporter: bytes, deterministic, empty project, hostile text, privacy, unchanged."""
    check_exporter(SVG, max_examples=20)


def test_the_file_is_utf8_with_lf_and_a_final_newline() -> None:
    """An XML declaration, no byte-order mark, LF only, one final newline; same as board()."""
    data = civsam.export(civsam.example(), "svg", as_of=AS_OF)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns=')
    assert b"\r" not in data
    assert data.endswith(b"</svg>\n")
    assert not data.endswith(b"\n\n")
    text = data.decode("utf-8")
    assert text == board(report(civsam.example()))
    parse(text)


def test_standalone_false_is_the_same_svg_element_without_the_declaration() -> None:
    """For inlining in HTML5: no XML declaration, the same <svg> element."""
    whole = board(report(civsam.example()))
    inline = board(report(civsam.example()), standalone=False)
    assert inline.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    assert "<?xml" not in inline
    assert whole == '<?xml version="1.0" encoding="UTF-8"?>\n' + inline
    assert local(parse(inline)) == "svg"


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_root_is_an_a3_page_with_an_accessible_name(language: str) -> None:
    """A3 landscape in mm, role img, labelled by its title and description, in its language."""
    root = parse(board(report(civsam.example(), language=language)))
    assert {key: root.get(key) for key in ("width", "height", "viewBox", "role")} == {
        "width": "420mm",
        "height": "297mm",
        "viewBox": "0 0 420 297",
        "role": "img",
    }
    assert root.get(XML_LANG) == language
    assert root.get("font-family") == "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    title, desc = (ids[name] for name in root.get("aria-labelledby", "").split())
    assert (local(title), local(desc)) == ("title", "desc")
    assert root[0] is title
    name = civsam.label("matrix.title", language, project="Ensomhed blandt ældre i Aarhus")
    assert title.text == name
    counts = "; ".join(
        civsam.label(
            "svg.quadrant_count",
            language,
            quadrant=civsam.label(f"quadrant.{q.value}", language),
            count=n,
        )
        for q, n in zip(Quadrant, (4, 3, 3, 4), strict=True)
    )
    assert desc.text == civsam.label("svg.desc", language, count=14, counts=counts)


# -- what the board shows ----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_board_has_the_guides_axes_quadrants_and_a_legend(language: str) -> None:
    """Axis titles, level words, quadrant names in their corners and the legend's parts."""
    root = parse(board(report(civsam.example(), language=language)))
    texts = [shown(text) for text in root.iter(NS + "text")]
    for key in ("axis.importance", "axis.ease", "level.high", "level.low", "level.easy",
                "level.hard", "svg.legend", "svg.rank_legend"):  # fmt: skip
        words = civsam.label(key, language).split()
        assert " ".join(words) in " ".join(texts), key
    groups = {group.get("data-quadrant"): group for group in find(root, "g", "quadrant")}
    assert set(groups) == {quadrant.value for quadrant in Quadrant}
    for quadrant in Quadrant:
        group = groups[quadrant.value]
        name = " ".join(shown(t) for t in find(group, "text", "quadrant-name"))
        assert name == civsam.label(f"quadrant.{quadrant.value}", language)
    # Names in the outer corners: the top quadrants' at the top, the left ones' at the left.
    discuss, not_now = groups["discuss"], groups["not_now"]
    discuss_name = find(discuss, "text", "quadrant-name")[0]
    assert float(discuss_name.get("y", "0")) < area(discuss).y + 10
    assert discuss_name.get("text-anchor") == "start"
    not_now_name = find(not_now, "text", "quadrant-name")[-1]
    assert float(not_now_name.get("y", "0")) > area(not_now).bottom - 5
    assert not_now_name.get("text-anchor") == "end"
    # The rule's thresholds in the legend; the example has no hidden partners.
    legend = " ".join(shown(t) for t in find(root, "g", "legend")[0].iter(NS + "text"))
    assert civsam.label("matrix.rule", language, rule="matrix", importance=4, ease=4) in legend
    assert "12." in legend
    assert not find(root, "text", "more")


@pytest.mark.parametrize("language", ["da", "en"])
def test_one_postit_per_assessed_partner_with_its_rank(language: str) -> None:
    """Every assessed partner is a post-it in its quadrant, titled with rank, name and scores."""
    rep = report(civsam.example(), language=language)
    root = parse(board(rep))
    found = {int(p.get("data-rank", "0")): (p, q) for p, q, _ in postits(root)}
    assert sorted(found) == list(range(1, 15))
    for placement in rep.prioritisation:
        postit, quadrant = found[placement.rank]
        assert quadrant.get("data-quadrant") == placement.quadrant.value
        title = postit.find(NS + "title")
        assert title is not None
        assert postit[0] is title
        assert title.text == civsam.label(
            "svg.postit",
            language,
            rank=placement.rank,
            name=placement.partner.name,
            quadrant=civsam.label(f"quadrant.{placement.quadrant.value}", language),
            importance=civsam.format_number(placement.importance, language),
            ease=civsam.format_number(placement.ease, language),
        )
        first = postit.find(NS + "text")
        assert first is not None
        assert shown(first).startswith(f"{placement.rank}. ")
        text = " ".join(shown(t) for t in postit.iter(NS + "text")).removeprefix(
            f"{placement.rank}. "
        )
        name = placement.partner.name
        if text.endswith("…"):
            assert squeezed(text.removesuffix("…")) in squeezed(name)
        else:
            assert squeezed(text) == squeezed(name)
    check_layout(board(rep), 14)


def test_postits_sit_by_their_scores() -> None:
    """Higher importance lies higher, easier lies further right, within a quadrant."""
    rep = report(civsam.example())
    papers = {int(p.get("data-rank", "0")): paper for p, _, paper in postits(parse(board(rep)))}
    # 1: 5/5 and 4: 4/5 in start here; 5: 5/2 and 6: 4/3 in discuss.
    assert papers[1].y < papers[4].y
    assert papers[5].y < papers[6].y
    assert papers[5].x < papers[6].x


def test_text_stays_inside_its_paper() -> None:
    """Each line's estimated width fits its post-it, the rank and badge included."""
    owner = Organisation("ejer", "Ejer", OrgKind.MUNICIPALITY)
    project = Project("P", owner)
    names = ["W" * 80, "Ældre Sagen " * 12, "😀" * 40, "a" * 200, "Kort"]
    for index, name in enumerate(names):
        partner = Organisation(f"p{index}", name)
        ratings = (Rating("A", 5, 5), Rating("B", 1, 5)) if index % 2 else ()
        scores = {} if ratings else {"importance": 5, "ease": 5}
        project.add(partner, Assessment(partner.id, ratings=ratings, **scores))  # type: ignore[arg-type]
    root = parse(board(report(project)))
    for postit, _, paper in postits(root):
        font = float(postit.find(NS + "rect").get("width", "0")) / 14  # type: ignore[union-attr]
        lines = [t for t in postit.findall(NS + "text") if shown(t) != "!"]
        assert 1 <= len(lines) <= 3
        for line in lines:
            rank, _, rest = (
                shown(line).partition(". ") if line is lines[0] else ("", "", shown(line))
            )
            width = text_width(rest, font) + (
                text_width(rank + ". ", font, bold=True) if rank else 0
            )
            assert float(line.get("x", "0")) + width <= paper.right - 0.5 * font + 1e-6, shown(line)


# -- disagreement, overflow, other rules ---------------------------------------------------------


def disagreeing_project() -> Project:
    """Two partners: one the raters disagree on, one they agree on."""
    owner = Organisation("ejer", "Ejer", OrgKind.MUNICIPALITY)
    project = Project("P", owner)
    split = Organisation("split", "Uenighed", OrgKind.CIVIL_SOCIETY)
    calm = Organisation("calm", "Enighed", OrgKind.CIVIL_SOCIETY)
    project.add(
        split,
        calm,
        Assessment("split", ratings=(Rating("Rater Hemmelig", 5, 5), Rating("Anden Rater", 1, 4))),
        Assessment("calm", importance=5, ease=5),
    )
    return project


def test_disagreement_is_marked_by_a_badge_and_a_dashed_border() -> None:
    """Not colour alone: a "!" badge and a dashed border, said in the title; no rater names."""
    rep = report(disagreeing_project())
    assert rep.prioritisation["split"].disagreement
    text = board(rep)
    root = parse(text)
    by_name = {
        shown(p.find(NS + "text")).split(". ", 1)[1]: p  # type: ignore[arg-type]
        for p, _, _ in postits(root)
    }
    split, calm = by_name["Uenighed"], by_name["Enighed"]
    assert classes(split) == {"postit", "disagreement"}
    assert classes(calm) == {"postit"}
    assert split.find(NS + "rect").get("stroke-dasharray")  # type: ignore[union-attr]
    assert calm.find(NS + "rect").get("stroke-dasharray") is None  # type: ignore[union-attr]
    assert [shown(t) for t in split.findall(NS + "text")][-1] == "!"
    assert split.find(NS + "circle") is not None
    assert calm.find(NS + "circle") is None
    title = split.find(NS + "title")
    assert title is not None
    assert title.text is not None
    assert title.text.endswith(civsam.label("svg.disagreement", "da"))
    assert "Rater" not in text


scores = st.integers(min_value=1, max_value=5)


@given(scores, scores, st.integers(min_value=1, max_value=60), scores, scores)
@settings_
def test_many_partners_on_one_score_never_overlap(
    importance: int, ease: int, count: int, importance_threshold: int, ease_threshold: int
) -> None:
    """Up to 60 partners with the same scores fit their quadrant side by side, any thresholds."""
    project = Project("P", Organisation("ejer", "Ejer"))
    project.prioritisation = civsam.PrioritySettings(
        importance_threshold=importance_threshold, ease_threshold=ease_threshold
    )
    for index in range(count):
        partner = Organisation(f"p{index:02}", f"Forening nummer {index}")
        project.add(partner, Assessment(partner.id, importance=importance, ease=ease))
    check_layout(board(report(project)), count)


def test_an_overfull_quadrant_shows_the_first_by_rank_and_says_how_many_more() -> None:
    """Beyond what fits at the smallest size: the first by rank, a note, and the legend says so."""
    project = Project("P", Organisation("ejer", "Ejer"))
    for index in range(300):
        partner = Organisation(f"p{index:03}", f"Forening {index}")
        project.add(partner, Assessment(partner.id, importance=5, ease=5))
    rep = report(project, language="en")
    text = board(rep)
    check_layout(text, 300)
    root = parse(text)
    ranks = sorted(int(p.get("data-rank", "0")) for p, _, _ in postits(root))
    assert ranks == list(range(1, len(ranks) + 1))
    hidden = more(root)
    assert hidden == 300 - len(ranks) > 0
    legend = " ".join(shown(t) for t in find(root, "g", "legend")[0].iter(NS + "text"))
    assert civsam.label("svg.hidden", "en", count=hidden) in legend
    fonts = {
        float(t.get("font-size", "0")) for p, _, _ in postits(root) for t in p.iter(NS + "text")
    }
    assert fonts == {SIZES[-1].font}


@attrs.frozen
class ByImportance:
    """A rule that is not the matrix: important from 3, easy from 2."""

    name: str = "by-importance"

    def place(self, candidate: civsam.Candidate) -> civsam.Decision:
        """Quadrant by importance ≥ 3 and ease ≥ 2."""
        return civsam.Decision(
            Quadrant.of(
                important=candidate.importance.value >= 3,
                easy=candidate.ease.value >= 2,
            )
        )


def test_another_rule_halves_the_board() -> None:
    """Without the matrix's thresholds the lines halve the board and no score ticks are drawn."""
    rep = report(civsam.example(), rule=ByImportance())
    assert rep.prioritisation.thresholds is None
    text = board(rep)
    root = parse(text)
    lines = find(root, "line", "threshold")
    assert {line.get("x1") for line in lines} >= {"176"}  # 36 + 280 / 2
    assert {line.get("y1") for line in lines} >= {"142"}  # 26 + 232 / 2
    assert not find(root, "text", "tick")
    legend = " ".join(shown(t) for t in find(root, "g", "legend")[0].iter(NS + "text"))
    assert civsam.label("matrix.rule_other", "da", rule="by-importance") in legend
    check_layout(text, 14)


def test_the_matrix_thresholds_set_the_lines() -> None:
    """The lines lie between the scores either side of a threshold, kept in the middle half."""
    project = civsam.example()
    project.prioritisation = civsam.PrioritySettings(importance_threshold=5, ease_threshold=2)
    rep = report(project)
    root = parse(board(rep))
    vertical, horizontal = find(root, "line", "threshold")
    # Ease 2: the line between 1 and 2 lies 1/5 along the axis, kept at 1/4. Importance 5:
    # between 4 and 5, 4/5 up, kept at 3/4 up (1/4 down from the top).
    assert float(vertical.get("x1", "0")) == pytest.approx(36 + 280 * 0.25, abs=0.01)
    assert float(horizontal.get("y1", "0")) == pytest.approx(26 + 232 * 0.25, abs=0.01)
    project.prioritisation = civsam.PrioritySettings(importance_threshold=3, ease_threshold=4)
    vertical, horizontal = find(parse(board(report(project))), "line", "threshold")
    assert float(vertical.get("x1", "0")) == pytest.approx(36 + 280 * 0.6, abs=0.01)
    assert float(horizontal.get("y1", "0")) == pytest.approx(26 + 232 * 0.6, abs=0.01)
    check_layout(board(rep), 14)


def test_an_empty_project_shows_an_empty_board() -> None:
    """No partners: four empty quadrants and the note in the legend."""
    root = parse(board(report(Project("Tomt", Organisation("ejer", "Ejer")), language="en")))
    assert not postits(root)
    assert [shown(t) for t in find(root, "text", "empty")] == ["(none)"] * 4
    legend = " ".join(shown(t) for t in find(root, "g", "legend")[0].iter(NS + "text"))
    assert civsam.label("matrix.no_partners", "en") in legend


# -- safety: escaping, nothing external, privacy ------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "]]><x/>",
    "A & B <C> \"D\" 'E'",
    "Bad\x85\x9f\ufffe\uffff\ud800\udfff chars",
    "Line\nbreak\r\nand\ttab",
    "😀👩‍👩‍👧 e\u0301 Æblegrød",
    "x" * 200,
    '" onload="alert(1)',
    "<foreignObject><image href='http://evil'/></foreignObject>",
    "&amp; &#0; &lt;",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_stay_text(name: str) -> None:
    """Markup, quotes, control characters and long names give well-formed XML, text only."""
    project = Project(name, Organisation("ejer", "Ejer"))
    partner = Organisation("p", name)
    project.add(partner, Assessment("p", importance=5, ease=5))
    text = board(report(project))
    root = parse(text)
    check_safe(root, text)
    expected = svg.clean(name)
    (postit, _, _) = postits(root)[0]
    title = postit.find(NS + "title")
    assert title is not None
    assert title.text is not None
    assert f"1. {expected} – " in title.text
    assert (
        re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]", text) is None
    )


def test_clean_keeps_one_line_of_what_xml_can_hold() -> None:
    """C0 and C1 controls, U+FFFE/FFFF and lone surrogates go; line breaks become spaces."""
    dirty = "a\x00\x01\x08\x0b\x0c\x1f\x7f\x80\x9f\ufffe\uffff\ud800b\nc\r\nd\te\u2028f  g"
    assert svg.clean(dirty) == "a b c d e f g"  # vertical tab and form feed break lines
    assert svg.clean("Æ 😀 e\u0301 \U0010fffd") == "Æ 😀 e\u0301 \U0010fffd"
    # Bidirectional overrides could turn a post-it's text around: they go too.
    assert svg.clean("\u202eevil\u202c \u2066x\u2069") == "evil x"


def test_text_in_other_scripts_is_held_to_its_estimated_width() -> None:
    """Fonts for CJK, Arabic or emoji vary: such lines get textLength; Latin lines do not."""
    project = Project("P", Organisation("ejer", "Ejer"))
    for partner_id, name in (("cjk", "東京都社会"), ("latin", "Ældre Sagen Aarhus")):
        project.add(Organisation(partner_id, name), Assessment(partner_id, importance=5, ease=5))
    root = parse(board(report(project)))
    lengths = {}
    for postit, _, paper in postits(root):
        first = postit.find(NS + "text")
        assert first is not None
        lengths[shown(first).split(". ", 1)[1]] = first.get("textLength")
        if first.get("textLength") is not None:
            assert first.get("lengthAdjust") == "spacingAndGlyphs"
            assert float(first.get("x", "0")) + float(first.get("textLength", "0")) <= paper.right
    assert lengths["Ældre Sagen Aarhus"] is None
    assert lengths["東京都社会"] is not None


def check_safe(root: ET.Element, text: str) -> None:
    """Only the board's own elements and attributes; nothing that runs or fetches."""
    for element in root.iter():
        assert local(element) in ELEMENTS, element.tag
        for name, value in element.attrib.items():
            assert name in ATTRIBUTES, name
            assert not name.lower().startswith("on")
            assert "http" not in value.lower()
            assert "url(" not in value.lower()
    assert "@import" not in text
    assert "<script" not in text.lower()


@given(projects(scored=True, max_partners=12), st.sampled_from(["da", "en"]))
@settings_
def test_any_project_gives_a_safe_board_without_overlaps(project: Project, language: str) -> None:
    """Generated projects: well-formed, safe, no overlaps, every assessed partner counted."""
    rep = report(project, language=language)
    text = board(rep)
    check_safe(parse(text), text)
    check_layout(text, len(rep.prioritisation))


def test_no_contact_persons_or_raters_even_when_contacts_are_included() -> None:
    """The board never shows contact persons, rater names or readiness answerers."""
    project = civsam.example()
    people = [c.name for o in project.organisations.values() for c in o.contacts]
    people += [c.email for o in project.organisations.values() for c in o.contacts if c.email]
    people += [r.rater for a in project.assessments.values() for r in a.ratings]
    assert people
    for contacts in (False, True):
        text = board(report(project, include_contacts=contacts))
        assert not [person for person in people if person in text]


def test_the_same_report_gives_the_same_bytes_and_a_date_only_from_the_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Deterministic; the legend's date comes from SOURCE_DATE_EPOCH only."""
    first = civsam.export(civsam.example(), "svg", as_of=AS_OF)
    assert first == civsam.export(civsam.example(), "svg", as_of=AS_OF)
    assert b"2026-01-01" not in first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    stamped = civsam.export(civsam.example(), "svg", language="en")
    generated = find(parse(stamped.decode()), "text", "generated")
    assert [shown(t) for t in generated] == [f"Made with civsam {civsam.__version__}, 2026-01-01"]


# -- colours -----------------------------------------------------------------------------------


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    """WCAG contrast ratio of two colours."""
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_known() -> None:
    """The formula gives WCAG's reference values."""
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_every_text_has_aa_contrast_on_what_is_behind_it() -> None:
    """Post-it text on its paper, the badge's "!", quadrant text on its area, the rest on white."""
    root = parse(board(report(disagreeing_project())))
    pairs: set[tuple[str, str]] = set()
    for quadrant in find(root, "g", "quadrant"):
        fill = next(r.get("fill", "") for r in quadrant.findall(NS + "rect"))
        for text in quadrant.findall(NS + "text"):
            pairs.add((text.get("fill", ""), fill))
    for postit, _, _ in postits(root):
        paper = postit.find(NS + "rect").get("fill", "")  # type: ignore[union-attr]
        circle = postit.find(NS + "circle")
        for text in postit.findall(NS + "text"):
            behind = circle.get("fill", "") if circle is not None and shown(text) == "!" else paper
            pairs.add((text.get("fill", ""), behind))
    for group in (*find(root, "g", "axes"), *find(root, "g", "legend")):
        for text in group.findall(NS + "text"):
            behind = svg.BADGE_COLOUR if shown(text) == "!" else "#ffffff"
            pairs.add((text.get("fill", ""), behind))
    for paper, _, _ in svg.COLOURS.values():
        pairs.add((svg.TEXT_COLOUR, paper))
    assert len(pairs) >= 6
    for foreground, background in pairs:
        assert contrast(foreground, background) >= 4.5, (foreground, background)


def test_the_quadrant_colours_differ() -> None:
    """Four distinct papers, so the legend's swatches tell them apart (with their names)."""
    assert len({paper for paper, _, _ in svg.COLOURS.values()}) == 4


# -- the layout on its own ---------------------------------------------------------------------

ideals = st.tuples(
    st.floats(min_value=-50, max_value=500, allow_nan=False),
    st.floats(min_value=-50, max_value=500, allow_nan=False),
)
regions = st.builds(
    Box,
    st.floats(min_value=0, max_value=200),
    st.floats(min_value=0, max_value=200),
    st.floats(min_value=0, max_value=250),
    st.floats(min_value=0, max_value=200),
)


@given(st.lists(ideals, max_size=80), regions)
@settings_
def test_arrange_places_without_overlap_inside_the_region(
    points: list[tuple[float, float]], region: Box
) -> None:
    """Any ideal points, any region: no overlap, inside, everyone shown or counted."""
    arrangement = arrange(points, region, note_height=4, note_side="bottom")
    boxes = arrangement.boxes
    assert len(boxes) + arrangement.hidden == len(points)
    for index, one in enumerate(boxes):
        assert one.within(region)
        assert (one.width, one.height) == (arrangement.size.width, arrangement.size.height)
        for other in boxes[index + 1 :]:
            assert not one.overlaps(other, gap=1.5)
        if arrangement.note is not None:
            assert not one.overlaps(arrangement.note)
    if arrangement.hidden:
        assert arrangement.size == SIZES[-1]
        assert arrangement.note is not None
        assert arrangement.note.within(region)
    else:
        assert arrangement.note is None


def test_boxes_overlap_when_closer_than_the_gap() -> None:
    """Touching boxes don't overlap; with a gap, nearer than the gap does."""
    one = Box(0, 0, 10, 10)
    assert not one.overlaps(Box(10, 0, 10, 10))
    assert one.overlaps(Box(9.9, 5, 10, 10))
    assert one.overlaps(Box(10.5, 0, 10, 10), gap=1)
    assert not one.overlaps(Box(11, 0, 10, 10), gap=1)
    assert Box(1, 1, 2, 2).within(one)
    assert not Box(9, 9, 2, 2).within(one)


def test_arrange_uses_the_largest_size_that_fits_and_the_nearest_spot() -> None:
    """One post-it: the normal size, centred on its ideal point when there is room."""
    region = Box(0, 0, 200, 100)
    (only,) = arrange([(100, 50)], region).boxes
    assert (only.width, only.height) == (SIZES[0].width, SIZES[0].height)
    assert abs(only.x + only.width / 2 - 100) < SIZES[0].width / 2
    assert abs(only.y + only.height / 2 - 50) < SIZES[0].height / 2


@given(
    st.text(max_size=120),
    st.lists(st.floats(min_value=15, max_value=120), min_size=1, max_size=4),
    st.sampled_from([SIZES[0].font, SIZES[-1].font]),
)
@settings_
def test_wrap_keeps_lines_within_their_widths(text: str, widths: list[float], font: float) -> None:
    """No line wider than its width, no more lines than widths, nothing lost unless cut."""
    lines = wrap(text, widths, font)
    assert len(lines) <= len(widths)
    for line, width in zip(lines, widths, strict=False):
        assert text_width(line, font) <= width + 1e-9
    if text.split() and not any(line.endswith("…") for line in lines):
        assert squeezed("".join(lines)) == squeezed(text)


def test_wrap_breaks_between_words_and_cuts_with_an_ellipsis() -> None:
    """Words move to the next line; what does not fit ends in "…"."""
    assert wrap("Ældre Sagen Aarhus", [30, 30], 3.4) == ["Ældre Sagen", "Aarhus"]
    lines = wrap("one two three four five six seven eight nine ten", [20, 20], 3.4)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert wrap("", [20], 3.4) == []
