"""The priority board as SVG: parsed back, its layout checked, its text escaped.

The board is a board, not a scatter plot: a post-it's quadrant follows its scores and,
within the quadrant, its place follows its rank (reading order), as the legend says.
Names wrap between words; a hyphen the board adds sits where Danish hyphenation allows.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import attrs
import pyphen
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import civsam
from civsam import Assessment, Organisation, OrgKind, Paper, Project, Quadrant, Rating
from civsam.testing import check_exporter, projects
from civsam_exporters import svg
from civsam_exporters._layout import SIZES, Box, arrange, breaks, text_width, wrap
from civsam_exporters.svg import SVG, board

AS_OF = dt.date(2026, 1, 1)
NS = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PAGES = {Paper.A3: Box(0, 0, 420, 297), Paper.A4: Box(0, 0, 297, 210),
         Paper.LETTER: Box(0, 0, 279.4, 215.9)}  # fmt: skip
"""Each paper's page, landscape, in mm."""
DANISH = pyphen.Pyphen(lang="da_DK")
ELEMENTS = {"svg", "title", "desc", "style", "g", "rect", "text", "tspan", "line", "circle"}
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
    width, height = (float(root.get(name, "0").removesuffix("mm")) for name in ("width", "height"))
    page = Box(0, 0, width, height)
    assert page in PAGES.values()
    found = postits(root)
    boxes = [paper for _, _, paper in found]
    for index, (postit, quadrant, paper) in enumerate(found):
        assert paper.within(area(quadrant)), (postit.get("data-rank"), paper, area(quadrant))
        assert paper.within(page)
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


def test_the_default_paper_is_a3_and_every_paper_is_recognised() -> None:
    """Without a paper the board is A3; a board on any paper, in either language, is ours."""
    root = parse(board(report(civsam.example())))
    assert (root.get("width"), root.get("height")) == ("420mm", "297mm")
    for paper in Paper:
        for language in ("da", "en"):
            data = civsam.export(report(civsam.example(), paper=paper, language=language), "svg")
            assert SVG.recognises(data)
            assert not SVG.recognises(data.replace(b'class="civsam-board"', b'class="x"', 1))


def test_the_file_is_utf8_with_lf_and_a_final_newline() -> None:
    """An XML declaration, no byte-order mark, LF only, one final newline; same as board()."""
    data = civsam.export_project(civsam.example(), "svg", as_of=AS_OF)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns=')
    assert b"\r" not in data
    assert data.endswith(b"</svg>\n")
    assert not data.endswith(b"\n\n")
    text = data.decode("utf-8")
    assert text == board(report(civsam.example()))
    parse(text)


def test_standalone_false_is_the_same_svg_element_without_the_declaration() -> None:
    """For inlining in HTML5: no XML declaration and no print style, the same <svg> element."""
    whole = board(report(civsam.example()))
    inline = board(report(civsam.example()), standalone=False)
    assert inline.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    assert "<?xml" not in inline
    assert "<style" not in inline
    style = "<style>@page { size: 420mm 297mm; margin: 0; }</style>\n"
    assert whole.count(style) == 1
    assert whole == '<?xml version="1.0" encoding="UTF-8"?>\n' + inline.replace(
        "</desc>\n", "</desc>\n" + style, 1
    )
    assert local(parse(inline)) == "svg"


@pytest.mark.parametrize("paper", list(Paper))
def test_the_file_prints_on_its_paper(paper: Paper) -> None:
    """The file's print style asks for its paper, landscape, with no margin: nothing is cut."""
    root = parse(board(report(civsam.example(), paper=paper)))
    (style,) = root.iter(NS + "style")
    width, height = (f"{value:g}mm" for value in paper.size)
    assert style.text == f"@page {{ size: {width} {height}; margin: 0; }}"
    assert (root.get("width"), root.get("height")) == (width, height)


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("language", ["da", "en"])
def test_the_root_is_a_landscape_page_with_an_accessible_name(language: str, paper: Paper) -> None:
    """The paper's size in mm, landscape, role img, labelled by its title and description."""
    root = parse(board(report(civsam.example(), language=language, paper=paper)))
    width, height = paper.size
    assert width > height
    assert {key: root.get(key) for key in ("width", "height", "viewBox", "role")} == {
        "width": f"{width:g}mm",
        "height": f"{height:g}mm",
        "viewBox": f"0 0 {width:g} {height:g}",
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


def reading_order(root: ET.Element) -> dict[str, list[int]]:
    """Each quadrant's ranks as its post-its read: left to right, then top to bottom."""
    order = {}
    for quadrant in find(root, "g", "quadrant"):
        papers = [
            (paper.y, paper.x, int(p.get("data-rank", "0"))) for p, _, paper in postits(quadrant)
        ]
        order[quadrant.get("data-quadrant", "")] = [rank for _, _, rank in sorted(papers)]
    return order


def test_postits_sit_in_rank_order_within_their_quadrant() -> None:
    """Left to right, then top to bottom: the example's quadrants read in rank order."""
    root = parse(board(report(civsam.example())))
    assert reading_order(root) == {
        "start_here": [1, 2, 3, 4],
        "discuss": [5, 6, 7],
        "not_now": [8, 9, 10],
        "not_worth_it": [11, 12, 13, 14],
    }
    legend = " ".join(shown(t) for t in find(root, "g", "legend")[0].iter(NS + "text"))
    assert " ".join(civsam.label("board.order_legend", "da").split()) in legend
    assert civsam.label("svg.position_legend", "da") not in legend


@given(
    projects(scored=True, max_partners=40),
    st.sampled_from(list(Paper)),
    st.sampled_from(["da", "en"]),
)
@settings_
def test_every_postits_place_is_what_the_legend_promises(
    project: Project, paper: Paper, language: str
) -> None:
    """Its quadrant is the one its scores give, and within it the post-its read in rank order.

    Placed by their scores, post-its in a crowded quadrant sat up to 2.3 points from
    theirs while the legend said their place followed their points; now the legend
    promises the quadrant and the order, and this holds for every post-it.
    """
    rep = report(project, language=language, paper=paper)
    root = parse(board(rep))
    legend = " ".join(shown(t) for t in find(root, "g", "legend")[0].iter(NS + "text"))
    assert " ".join(civsam.label("board.order_legend", language).split()) in legend
    width, height = paper.size
    thresholds = rep.prioritisation.thresholds
    by_rank = {placement.rank: placement for placement in rep.prioritisation}
    vertical, horizontal = find(root, "line", "threshold")
    centre_x, centre_y = float(vertical.get("x1", "nan")), float(horizontal.get("y1", "nan"))
    for postit, quadrant, paper_box in postits(root):
        placement = by_rank[int(postit.get("data-rank", "0"))]
        assert quadrant.get("data-quadrant") == placement.quadrant.value
        if thresholds is not None:
            importance, ease = thresholds
            assert (paper_box.y < centre_y) == (placement.importance >= importance)
            assert (paper_box.x > centre_x) == (placement.ease >= ease)
        assert paper_box.within(Box(0, 0, width, height))
    for name, ranks in reading_order(root).items():
        assert ranks == sorted(ranks), name
        expected = [p.rank for p in rep.prioritisation.quadrant(Quadrant(name))]
        assert ranks == expected[: len(ranks)]


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
        lines = [t for t in postit.findall(NS + "text") if shown(t) != "!"]
        font = float(lines[0].get("font-size", "0"))
        assert 1 <= len(lines) <= 3
        for line in lines:
            rank, _, rest = (
                shown(line).partition(". ") if line is lines[0] else ("", "", shown(line))
            )
            width = text_width(rest, font) + (
                text_width(rank + ". ", font, bold=True) if rank else 0
            )
            assert float(line.get("x", "0")) + width <= paper.right - 0.5 * font + 1e-6, shown(line)


LONG_NAMES = [
    "Gymnastikforeningen Aktiv 60+",
    "Folkeoplysningsforeningernes Samråd",
    "Aarhus Universitetshospital, Psykiatrien – Ældrepsykiatrien",
    "Socialpsykiatriske Bosteder i Østjylland",
    "Boligforeningen Ringgården afdeling Gellerupparken",
    "Naboer på Frederiksbjerg (Facebook-gruppe)",
    "Idrætsforeningen Skjold Sønderkær",
    "Menighedsrådet ved Sankt Lukas Kirke",
]


def added_hyphens(name: str, lines: list[str]) -> list[tuple[str, int]]:
    """Each hyphen the lines add to ``name``: (the word, where in it), read line by line."""
    name = svg.clean(name)
    found, at = [], 0
    for index, line in enumerate(lines):
        if line.endswith("…"):
            kept = line.removesuffix("…").rstrip()
            assert name[at:].startswith(kept), (name, lines)
            if index == len(lines) - 1:
                break
            space = name.find(" ", at + len(kept))  # a word cut short: the next begins a line
            at = len(name) if space < 0 else space + 1
            continue
        if line.endswith("-") and name[at : at + len(line)] != line:
            head = line.removesuffix("-")
            assert name[at : at + len(head)] == head, (name, lines)
            start = name.rfind(" ", 0, at + len(head)) + 1
            end = name.find(" ", at + len(head))
            word = name[start : len(name) if end < 0 else end]
            found.append((word, at + len(head) - start))
            at += len(head)
        else:
            assert name[at : at + len(line)] == line, (name, lines)
            at += len(line)
        if name[at : at + 1] == " ":
            at += 1
    return found


def check_hyphens(rep: civsam.Report) -> int:
    """Every hyphen the board adds to a name sits at a da_DK syllable boundary; how many."""
    root = parse(board(rep))
    names = {placement.rank: placement.partner.name for placement in rep.prioritisation}
    count = 0
    for postit, _, _ in postits(root):
        lines = [shown(t) for t in postit.findall(NS + "text") if shown(t) != "!"]
        rank = postit.get("data-rank", "0")
        lines[0] = lines[0].removeprefix(f"{rank}.").removeprefix(" ")
        for word, position in added_hyphens(names[int(rank)], lines):
            assert position in DANISH.positions(word), (word, position, lines)
            count += 1
    return count


def test_the_board_hyphenates_long_danish_names_by_the_rules() -> None:
    """Long Danish names on every paper, crowded to small post-its: hyphens only at syllables."""
    total = 0
    for paper in Paper:
        project = Project("P", Organisation("ejer", "Ejer"))
        for index in range(48):
            partner = Organisation(f"p{index:02}", LONG_NAMES[index % len(LONG_NAMES)])
            project.add(partner, Assessment(partner.id, importance=5, ease=5 - index % 2))
        total += check_hyphens(report(project, paper=paper))
    assert total > 0  # the names are long enough that some hyphens are needed


@given(projects(scored=True, max_partners=20), st.sampled_from(list(Paper)))
@settings_
def test_any_name_is_hyphenated_only_at_danish_syllables(project: Project, paper: Paper) -> None:
    """Generated names: every hyphen the board adds sits where pyphen's da_DK allows one."""
    check_hyphens(report(project, paper=paper))


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
    project.priority_settings = civsam.PrioritySettings(
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
    """Another rule: the lines halve the board, the legend names the rule."""
    rep = report(civsam.example(), rule=ByImportance())
    assert rep.prioritisation.thresholds is None
    text = board(rep)
    root = parse(text)
    vertical, horizontal = find(root, "line", "threshold")
    assert vertical.get("x1") == vertical.get("x2") == "176"  # 36 + 280 / 2
    assert horizontal.get("y1") == horizontal.get("y2") == "145.5"  # 26 + 239 / 2
    assert not find(root, "text", "tick")
    legend = " ".join(shown(t) for t in find(root, "g", "legend")[0].iter(NS + "text"))
    assert civsam.label("matrix.rule_other", "da", rule="by-importance") in legend
    check_layout(text, 14)


@pytest.mark.parametrize(("importance", "ease"), [(5, 2), (3, 4), (1, 5)])
def test_the_matrix_thresholds_are_said_and_the_board_stays_halved(
    importance: int, ease: int
) -> None:
    """Any thresholds: the quadrants are equal (a board, not a scatter) and the legend says them.

    No score ticks: a post-it's place along an axis says its rank, not its score.
    """
    project = civsam.example()
    project.priority_settings = civsam.PrioritySettings(
        importance_threshold=importance, ease_threshold=ease
    )
    rep = report(project)
    text = board(rep)
    root = parse(text)
    vertical, horizontal = find(root, "line", "threshold")
    assert float(vertical.get("x1", "0")) == pytest.approx(36 + 280 / 2)
    assert float(horizontal.get("y1", "0")) == pytest.approx(26 + 239 / 2)
    assert not find(root, "text", "tick")
    legend = " ".join(shown(t) for t in find(root, "g", "legend")[0].iter(NS + "text"))
    rule = civsam.label("matrix.rule", "da", rule="matrix", importance=importance, ease=ease)
    assert " ".join(rule.split()) in legend
    check_layout(text, 14)


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
    first = civsam.export_project(civsam.example(), "svg", as_of=AS_OF)
    assert first == civsam.export_project(civsam.example(), "svg", as_of=AS_OF)
    assert b"2026-01-01" not in first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    stamped = civsam.export_project(civsam.example(), "svg", language="en")
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

regions = st.builds(
    Box,
    st.floats(min_value=0, max_value=200),
    st.floats(min_value=0, max_value=200),
    st.floats(min_value=0, max_value=250),
    st.floats(min_value=0, max_value=200),
)


@given(st.integers(min_value=0, max_value=120), regions)
@settings_
def test_arrange_places_without_overlap_inside_the_region(count: int, region: Box) -> None:
    """Any count, any region: no overlap, inside, in reading order, everyone shown or counted."""
    arrangement = arrange(count, region, note_height=4, note_side="bottom")
    boxes = arrangement.boxes
    assert len(boxes) + arrangement.hidden == count
    for index, one in enumerate(boxes):
        assert one.within(region)
        assert one.height == arrangement.size.height
        assert arrangement.size.width - 1e-9 <= one.width <= arrangement.size.width * 1.3 + 1e-9
        for other in boxes[index + 1 :]:
            assert not one.overlaps(other, gap=1.5)
        if arrangement.note is not None:
            assert not one.overlaps(arrangement.note)
    assert list(boxes) == sorted(boxes, key=lambda box: (round(box.y, 6), box.x))
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


def test_arrange_uses_the_largest_size_that_fits_in_reading_order() -> None:
    """Few post-its: the normal size, left to right then down; many: smaller ones."""
    region = Box(0, 0, 100, 100)  # two columns at the normal size
    first, second, third = arrange(3, region).boxes
    assert (first.height, second.height) == (SIZES[0].height, SIZES[0].height)
    assert first.y == second.y < third.y
    assert first.x < second.x
    assert third.x == first.x
    crowded = arrange(20, region)
    assert crowded.size.font < SIZES[0].font
    assert crowded.hidden == 0


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


def test_a_long_word_is_hyphenated_where_danish_allows() -> None:
    """A word too long for a line breaks at a syllable ("Gymnastikfore-ningen", not "-ngen")."""
    lines = wrap("Gymnastikforeningen Aktiv 60+", [28, 28, 28], 3.4)
    assert lines[0].endswith("-")
    head = lines[0].removesuffix("-")
    assert len(head) in DANISH.positions("Gymnastikforeningen")
    assert squeezed("".join(lines)) == "GymnastikforeningenAktiv60+"
    # A word that fits a whole later line moves there rather than being broken.
    assert wrap("Gymnastikforeningen", [20, 50], 3.4) == ["", "Gymnastikforeningen"]
    # Its own hyphen is a break with nothing added; no syllables at all: cut with "…".
    assert wrap("Facebook-gruppe", [22, 22], 3.4) == ["Facebook-", "gruppe"]
    assert wrap("W" * 30, [20, 20], 3.4)[0].endswith("…")


def test_breaks_are_syllables_and_own_hyphens() -> None:
    """Where a word may break: pyphen's da_DK syllables (hyphen added), its own hyphens."""
    assert breaks("Gymnastikforeningen", "da_DK") == [
        (position, True) for position in DANISH.positions("Gymnastikforeningen")
    ]
    assert breaks("Facebook-gruppe", None) == [(9, False)]
    assert (9, False) in breaks("Facebook-gruppe", "da_DK")
    assert all(position not in {8, 10} for position, _ in breaks("Facebook-gruppe", "da_DK"))
    assert breaks("xxxxxxxxxxxx", "da_DK") == []
