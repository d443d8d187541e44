"""The workshop board in a real browser: Debian's Chromium, driven headless by Playwright.

The board is opened from disk (file://) as a group would open it: no request may leave
the page. Post-its are dragged with the mouse and with a finger (touch events through
the DevTools protocol, which Chromium turns into Pointer Events), moved with the arrow
keys alone, and saved: the download is read back and checked against the changes
file's schema (version 1), and ``civsam apply`` records it. axe-core checks the board
and the phone's list; a 150-partner board is measured for overlapping post-its at
1400×900 and for sideways scrolling on a 390 px phone; the time to ready is measured.

Playwright's own browser downloads are not used: the tests launch the system's
``chromium`` (``apt-get install chromium``). Where there is no Chromium, the module is
skipped; where npm cannot install axe-core, the accessibility tests are.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import civsam
from _axe import install_axe, run_axe, serious
from _browser import UnavailableError, chromium
from civsam import Assessment, Organisation, OrgKind, Project
from civsam_exporters.workshop import WORKSHOP, slug

pytest.importorskip(
    "playwright.sync_api",
    reason="the workshop browser tests need Playwright for Python (the 'tests' dependency group)",
)

pytestmark = pytest.mark.slow

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import (
        Browser,
        BrowserContext,
        Dialog,
        Page,
        Route,
        ViewportSize,
    )

AS_OF = dt.date(2026, 1, 1)
WORKSHOP_DAY = "2026-12-08"
WIDE: ViewportSize = {"width": 1400, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
OPEN_RUNS = 7
"""How many times the board is opened to measure the time to ready (the median counts)."""
OPEN_LIMIT_MS = 1000.0


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole module; the module is skipped without one."""
    try:
        with chromium("the workshop browser tests") as launched:
            yield launched
    except UnavailableError as missing_browser:
        pytest.skip(str(missing_browser))


@pytest.fixture(scope="module")
def axe() -> Path:
    """axe-core's script, installed once into the test cache; skipped without npm."""
    try:
        return install_axe()
    except UnavailableError as missing:
        pytest.skip(str(missing))


# -- projects and opening the board --------------------------------------------------------


def crowded(count: int = 150) -> Project:
    """The example grown to ``count`` partners with every score pair, and three unplaced."""
    project = civsam.example()
    for number in range(count - len(project.assessments)):
        partner = Organisation(
            f"forening-{number}",
            f"Foreningen for ældre og frivillighed nummer {number}",
            kind=OrgKind.CIVIL_SOCIETY,
        )
        project.add(
            partner,
            Assessment(
                partner.id, importance=1 + number * 7 % 5, ease=1 + (number * 3 + number // 5) % 5
            ),
        )
    for number in range(3):
        project.add(Organisation(f"ny-{number}", f"Ny forening {number}"))
    return project


def write_board(project: Project, folder: Path) -> Path:
    """The project's board as ``board.html`` in ``folder``."""
    report = civsam.make_report(project, as_of=AS_OF)
    out = io.BytesIO()
    WORKSHOP.export(report, out)
    path = folder / "board.html"
    path.write_bytes(out.getvalue())
    return path


@attrs.define
class Board:
    """A board opened in the browser, with everything the page did."""

    page: Page
    url: str
    errors: list[str] = attrs.field(factory=list)
    console: list[tuple[str, str]] = attrs.field(factory=list)
    requests: list[str] = attrs.field(factory=list)
    dialogs: list[str] = attrs.field(factory=list)

    def postit(self, partner: str) -> Any:
        """The post-it of a partner (by id), as a Playwright locator."""
        index = self.page.evaluate(
            "(id) => JSON.parse(document.getElementById('wb-data').textContent)"
            ".partners.findIndex((p) => p.id === id)",
            partner,
        )
        assert index >= 0, partner
        return self.page.locator(f'.postit[data-index="{index}"]:not(.ghost)')

    def cell_of(self, partner: str) -> tuple[int, int] | None:
        """The (importance, ease) of the cell a partner's post-it is in; None in the tray."""
        found = self.postit(partner).evaluate(
            "(b) => { const c = b.closest('.cell'); "
            "return c ? [Number(c.dataset.importance), Number(c.dataset.ease)] : null; }"
        )
        return None if found is None else (found[0], found[1])

    def cell(self, importance: int, ease: int) -> Any:
        """The cell of a pair of scores."""
        return self.page.locator(f'.cell[data-importance="{importance}"][data-ease="{ease}"]')

    def status(self) -> str:
        """What the live region says now."""
        return str(self.page.locator("#wb-status").text_content())


def open_board(context: BrowserContext, path: Path) -> Board:
    """Open a board file as a file:// page; every other request is refused and recorded."""
    page = context.new_page()
    board = Board(page, path.as_uri())

    def route(route: Route) -> None:
        if route.request.url == board.url:
            route.continue_()
        else:
            board.requests.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: board.console.append((message.type, message.text)))
    page.on("pageerror", lambda error: board.errors.append(str(error)))

    def dialog(shown: Dialog) -> None:
        board.dialogs.append(shown.message)
        shown.dismiss()

    page.on("dialog", dialog)
    page.goto(board.url, wait_until="load")
    page.wait_for_selector("html[data-ready]", timeout=5000)
    return board


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh 1400×900 context (its own storage) that accepts downloads."""
    fresh = browser.new_context(viewport=WIDE, accept_downloads=True)
    yield fresh
    fresh.close()


def center(locator: Any) -> tuple[float, float]:
    """The middle of an element on the screen."""
    box = locator.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag_with_mouse(board: Board, partner: str, importance: int, ease: int) -> None:
    """Press on a post-it, move in steps to the middle of a cell, let go."""
    page = board.page
    board.postit(partner).scroll_into_view_if_needed()
    x, y = center(board.postit(partner))
    to_x, to_y = center(board.cell(importance, ease))
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(to_x, to_y, steps=12)
    page.mouse.up()


def drag_with_touch(board: Board, partner: str, importance: int, ease: int) -> None:
    """The same with a finger: touch events through the DevTools protocol."""
    page = board.page
    board.postit(partner).scroll_into_view_if_needed()
    x, y = center(board.postit(partner))
    to_x, to_y = center(board.cell(importance, ease))
    session = page.context.new_cdp_session(page)
    session.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}
    )
    for step in range(1, 13):
        point = {"x": x + (to_x - x) * step / 12, "y": y + (to_y - y) * step / 12}
        session.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    session.detach()


def save(board: Board, *, keyboard: bool = False) -> tuple[str, dict[str, Any]]:
    """Press Save (with Enter when ``keyboard``); the download's name and its JSON."""
    page = board.page
    page.locator("#wb-date").fill(WORKSHOP_DAY)
    with page.expect_download() as info:
        if keyboard:
            page.keyboard.press("Enter")
        else:
            page.locator("#wb-save").click()
    download = info.value
    path = download.path()
    assert path is not None
    return download.suggested_filename, json.loads(Path(path).read_text(encoding="utf-8"))


# -- the changes file's schema, version 1 --------------------------------------------------

TOP = ("format", "version", "project", "board", "made", "date", "changes")
REQUIRED = {"partner", "base", "importance", "ease", "was"}
OPTIONAL = {"rater", "note"}


def check_changes(document: dict[str, Any], project: Project) -> list[dict[str, Any]]:
    """Check a changes file against version 1 of the schema; its changes by partner order."""
    assert tuple(document) == TOP
    assert document["format"] == civsam.CHANGES_FORMAT == "civsam-workshop-changes"
    assert document["version"] == civsam.CHANGES_VERSION == 1
    assert document["project"] == project.name
    assert document["board"] == civsam.board_token(project)
    assert re.fullmatch(r"[0-9a-f]{16}", document["board"])
    made = civsam.make_report(project, as_of=AS_OF).as_of
    assert document["made"] == made.isoformat()
    assert document["date"] == WORKSHOP_DAY
    changes = document["changes"]
    assert isinstance(changes, list)
    assert changes
    seen = set()
    for change in changes:
        assert REQUIRED <= set(change) <= REQUIRED | OPTIONAL, change
        partner = change["partner"]
        assert partner in project.organisations
        assert partner not in seen
        seen.add(partner)
        assert change["base"] == civsam.assessment_token(project.assessments.get(partner))
        for key in ("importance", "ease"):
            assert type(change[key]) is int
            assert 1 <= change[key] <= 5
        was = change["was"]
        assert was is None or (
            set(was) == {"importance", "ease"}
            and all(type(v) is int and 1 <= v <= 5 for v in was.values())
        )
        assert was != {"importance": change["importance"], "ease": change["ease"]}
        for key in OPTIONAL & set(change):
            assert isinstance(change[key], str)
    return changes


def start_of(project: Project, partner: str) -> dict[str, int]:
    """Where a placed partner's post-it starts (its whole scores)."""
    placement = civsam.prioritise(project, as_of=AS_OF)[partner]
    return {"importance": int(placement.importance), "ease": int(placement.ease)}


# -- loading -------------------------------------------------------------------------------


def test_the_board_loads_with_no_errors_and_no_requests(
    context: BrowserContext, tmp_path: Path
) -> None:
    """No script error, no console error, no request but the file; every post-it in its cell."""
    project = civsam.example()
    project.add(Organisation("ny-forening", "Ny forening"))
    board = open_board(context, write_board(project, tmp_path))
    assert board.errors == []
    assert [m for m in board.console if m[0] in {"error", "warning"}] == []
    assert board.requests == []
    prio = civsam.prioritise(project, as_of=AS_OF)
    for placement in prio:
        expected = (int(placement.importance), int(placement.ease))
        assert board.cell_of(placement.partner.id) == expected
    assert board.cell_of("ny-forening") is None
    assert board.page.locator(".postit").count() == len(project.organisations) - 1
    label = board.postit("aeldresagen-aarhus").text_content()
    assert label is not None
    assert label.replace("\xad", "").startswith("Ældre Sagen Aarhus: betydning")


# -- mouse, touch, keyboard, save ----------------------------------------------------------


def test_dragging_two_post_its_with_the_mouse_saves_their_changes(
    context: BrowserContext, tmp_path: Path
) -> None:
    """Two drags, a rater, a note, Save: the download holds exactly those two moves."""
    project = civsam.example()
    board = open_board(context, write_board(project, tmp_path))
    board.page.locator("#wb-rater").fill("Mette")
    drag_with_mouse(board, "favrskov-kommune", 5, 5)
    assert board.cell_of("favrskov-kommune") == (5, 5)
    assert "(før: Ikke det værd)" in board.status()
    board.page.locator("#wb-note").fill("Ny borgmester")
    drag_with_mouse(board, "oestjysk-taxa", 4, 2)
    assert board.cell_of("oestjysk-taxa") == (4, 2)
    assert board.page.locator("#wb-moves li").count() == 2
    name, document = save(board)
    assert name == f"{slug(project.name)}-changes-{WORKSHOP_DAY}.json"
    changes = check_changes(document, project)
    assert [c["partner"] for c in changes] == sorted(
        ["favrskov-kommune", "oestjysk-taxa"],
        key=[p.partner.id for p in civsam.prioritise(project, as_of=AS_OF)].index,
    )
    by_partner = {c["partner"]: c for c in changes}
    assert by_partner["favrskov-kommune"] == {
        "partner": "favrskov-kommune",
        "base": civsam.assessment_token(project.assessments["favrskov-kommune"]),
        "importance": 5,
        "ease": 5,
        "was": start_of(project, "favrskov-kommune"),
        "rater": "Mette",
        "note": "Ny borgmester",
    }
    assert by_partner["oestjysk-taxa"]["was"] == start_of(project, "oestjysk-taxa")
    assert "note" not in by_partner["oestjysk-taxa"]
    assert board.errors == []
    assert board.requests == []


def test_a_finger_drags_a_post_it_too(browser: Browser, tmp_path: Path) -> None:
    """Touch events become touch Pointer Events: the post-it moves, the page does not scroll."""
    context = browser.new_context(viewport=WIDE, has_touch=True, accept_downloads=True)
    try:
        project = civsam.example()
        board = open_board(context, write_board(project, tmp_path))
        board.page.evaluate(
            "window.kinds = []; document.addEventListener('pointerdown',"
            " (e) => kinds.push(e.pointerType), true)"
        )
        scrolled = board.page.evaluate("scrollY")
        drag_with_touch(board, "koebmand-holm-viby", 5, 1)
        assert board.page.evaluate("kinds") == ["touch"]
        assert board.cell_of("koebmand-holm-viby") == (5, 1)
        assert board.page.evaluate("scrollY") == scrolled
        _, document = save(board)
        (change,) = check_changes(document, project)
        assert (change["partner"], change["importance"], change["ease"]) == (
            "koebmand-holm-viby",
            5,
            1,
        )
    finally:
        context.close()


def test_the_keyboard_alone_moves_and_saves(context: BrowserContext, tmp_path: Path) -> None:
    """Tab to a post-it, arrows move it one score each, focus stays, Enter on Save saves."""
    project = civsam.example()
    board = open_board(context, write_board(project, tmp_path))
    page = board.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "wb-skip"  # the first stop
    for _ in range(50):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('postit')"):
            break
    focused = page.evaluate("document.activeElement.dataset.index")
    partner = page.evaluate(
        "(i) => JSON.parse(document.getElementById('wb-data').textContent).partners[i].id",
        int(focused),
    )
    start = board.cell_of(partner)
    assert start is not None
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "wb-keys"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowLeft")
    expected = (start[0] - 1, start[1] - 1)
    assert board.cell_of(partner) == expected
    assert page.evaluate("document.activeElement.dataset.index") == focused
    assert board.status().startswith(
        f"{project.organisations[partner].name}: betydning {expected[0]}, lethed {expected[1]} – "
    )
    assert board.status().endswith(")")  # (før: …)
    page.keyboard.press("ArrowUp")  # back up one: the move list keeps all three
    assert board.page.locator("#wb-moves li").count() == 3
    # Back to the page's first stop, which skips the board, then on to Save.
    for _ in range(50):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.id") == "wb-skip":
            break
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "wb-date"
    page.locator("#wb-date").fill(WORKSHOP_DAY)  # typed digits would depend on the locale
    for _ in range(50):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "wb-save":
            break
    assert page.evaluate("document.activeElement.id") == "wb-save"
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    path = info.value.path()
    assert path is not None
    (change,) = check_changes(json.loads(Path(path).read_text(encoding="utf-8")), project)
    assert (change["importance"], change["ease"]) == (start[0], start[1] - 1)


def test_a_post_it_stops_at_the_edge_and_unplaced_ones_enter_in_the_middle(
    context: BrowserContext, tmp_path: Path
) -> None:
    """At score 5 an arrow says it cannot move; a tray post-it's first arrow puts it at 3, 3."""
    project = civsam.example()
    project.add(Organisation("ny-forening", "Ny forening"))
    board = open_board(context, write_board(project, tmp_path))
    board.postit("aeldresagen-aarhus").focus()
    board.page.keyboard.press("ArrowUp")
    assert board.cell_of("aeldresagen-aarhus") == (5, 5)
    assert board.status() == "Ældre Sagen Aarhus kan ikke flyttes længere den vej."
    board.postit("ny-forening").focus()
    board.page.keyboard.press("ArrowRight")
    assert board.cell_of("ny-forening") == (3, 3)
    _, document = save(board)
    (change,) = check_changes(document, project)
    assert change == {"partner": "ny-forening", "base": "", "importance": 3, "ease": 3, "was": None}


def test_undo_and_moving_back_leave_nothing_to_save(
    context: BrowserContext, tmp_path: Path
) -> None:
    """A move undone, or a post-it moved back to its start, is not a change."""
    board = open_board(context, write_board(civsam.example(), tmp_path))
    page = board.page
    start = board.cell_of("favrskov-kommune")
    drag_with_mouse(board, "favrskov-kommune", 5, 5)
    page.locator("#wb-moves button.undo").first.click()
    assert board.cell_of("favrskov-kommune") == start
    assert page.locator("#wb-moves li").count() == 0
    board.postit("oestjysk-taxa").focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    page.locator("#wb-date").fill(WORKSHOP_DAY)
    page.locator("#wb-save").click()
    assert board.status() == "Intet at gemme: ingen post-it er flyttet."


def test_unsaved_moves_survive_a_reload(context: BrowserContext, tmp_path: Path) -> None:
    """Moves, notes and the rater are kept in the browser under the board's token."""
    board = open_board(context, write_board(civsam.example(), tmp_path))
    board.page.locator("#wb-rater").fill("Mette")
    drag_with_mouse(board, "favrskov-kommune", 5, 5)
    board.page.reload()
    board.page.wait_for_selector("html[data-ready]")
    assert board.cell_of("favrskov-kommune") == (5, 5)
    assert board.page.locator("#wb-rater").input_value() == "Mette"
    assert board.status() == "1 flytning, der ikke var gemt, er hentet frem igen."


def test_hostile_names_are_shown_as_text(context: BrowserContext, tmp_path: Path) -> None:
    """Names that look like markup run nothing and show as written."""
    project = civsam.example()
    names = ['<img src=x onerror="alert(1)">', "</script><script>alert(2)</script>", "{name} $&"]
    for number, name in enumerate(names):
        partner = Organisation(f"h{number}", name)
        project.add(partner, Assessment(partner.id, importance=3, ease=3))
    board = open_board(context, write_board(project, tmp_path))
    assert board.dialogs == []
    assert board.errors == []
    assert board.page.locator("img").count() == 0
    for number, name in enumerate(names):
        shown = board.postit(f"h{number}").locator(".name").text_content()
        assert shown is not None
        assert shown.replace("\xad", "") == name


# -- accessibility ------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["board", "phone"])
def test_axe_finds_no_serious_violation(
    browser: Browser, tmp_path: Path, axe: Path, viewport: ViewportSize
) -> None:
    """axe-core, after a move (a "was" marker, a move to undo): nothing serious or critical."""
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    try:
        project = civsam.example()
        project.add(Organisation("ny-forening", "Ny forening"))
        board = open_board(context, write_board(project, tmp_path))
        if viewport == WIDE:
            board.postit("favrskov-kommune").focus()
            board.page.keyboard.press("ArrowUp")
        else:
            board.page.locator(".item select").first.select_option("1")
        violations = run_axe(board.page, axe)
        print(  # noqa: T201 - the figure the report asks for, with -s
            f"axe ({'board' if viewport == WIDE else 'phone'}):",
            [(v["impact"], v["id"]) for v in violations] or "no violations",
        )
        assert serious(violations) == []
    finally:
        context.close()


# -- 150 partners --------------------------------------------------------------------------

_BOXES = """() => {
  const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5
    && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
  const clip = (a, b) => ({left: Math.max(a.left, b.left), right: Math.min(a.right, b.right),
    top: Math.max(a.top, b.top), bottom: Math.min(a.bottom, b.bottom)});
  const found = {visible: [], unreachable: [], cells: 0};
  for (const cell of document.querySelectorAll('.cell')) {
    const area = cell.getBoundingClientRect();
    for (const button of cell.querySelectorAll('.postit')) {
      const box = clip(button.getBoundingClientRect(), area);
      if (box.right > box.left && box.bottom > box.top) found.visible.push(box);
    }
    for (const button of cell.querySelectorAll('.postit')) {
      button.scrollIntoView({block: 'nearest', inline: 'nearest'});
      if (!inside(button.getBoundingClientRect(), cell.getBoundingClientRect()))
        found.unreachable.push(button.textContent);
    }
    found.cells += 1;
  }
  return found;
}"""


def overlapping(boxes: list[dict[str, float]]) -> int:
    """How many pairs of boxes share any area (touching edges do not count)."""
    count = 0
    for index, a in enumerate(boxes):
        for b in boxes[index + 1 :]:
            if (
                a["left"] < b["right"]
                and b["left"] < a["right"]
                and a["top"] < b["bottom"]
                and b["top"] < a["bottom"]
            ):
                count += 1
    return count


def test_a_150_partner_board_has_no_overlapping_post_its(
    context: BrowserContext, tmp_path: Path
) -> None:
    """At 1400×900 no two post-its' visible boxes overlap; each is in its cell, or scrolls in."""
    project = crowded()
    board = open_board(context, write_board(project, tmp_path))
    assert board.page.locator(".cell .postit").count() == len(project.assessments)
    found = board.page.evaluate(_BOXES)
    pairs = overlapping(found["visible"])
    print(  # noqa: T201 - the figure the report asks for, with -s
        f"150 partners at 1400x900: {len(found['visible'])} post-its visible, "
        f"{pairs} overlapping pairs, {len(found['unreachable'])} unreachable"
    )
    assert pairs == 0
    assert found["unreachable"] == []
    assert board.page.evaluate("document.documentElement.scrollWidth") <= WIDE["width"]


def test_on_a_phone_the_board_is_a_list_per_quadrant(browser: Browser, tmp_path: Path) -> None:
    """At 390×844: no grid, a list per quadrant with two menus each, no sideways scroll."""
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    try:
        project = crowded()
        board = open_board(context, write_board(project, tmp_path))
        page = board.page
        assert page.locator(".board-view").is_hidden()
        assert page.locator(".list-view").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        headings = page.locator(".list-view h3").all_text_contents()
        assert headings[:4] == [civsam.label(f"quadrant.{q.value}", "da") for q in civsam.Quadrant]
        assert page.locator(".item").count() == len(project.organisations) - 1
        assert page.locator(".item select").count() == 2 * (len(project.organisations) - 1)
        order = page.locator(".list-view .q-not_worth_it .item").first.get_attribute("data-order")
        item = page.locator(f'.item[data-order="{order}"]')
        item.locator("select").first.select_option("5")
        assert item.evaluate("(li) => li.closest('section').className") == (
            "quadrant-list q-discuss"
        )
        item.locator("select").nth(1).select_option("5")
        assert item.evaluate("(li) => li.closest('section').className") == (
            "quadrant-list q-start_here"
        )
        assert page.evaluate("document.activeElement.tagName") == "SELECT"
        _, document = save(board)
        (change,) = check_changes(document, project)
        assert (change["importance"], change["ease"]) == (5, 5)
    finally:
        context.close()


def test_the_board_is_ready_in_under_a_second(browser: Browser, tmp_path: Path) -> None:
    """From navigation start to ``data-ready`` (the script's mark), median of several opens."""
    path = write_board(crowded(), tmp_path)
    times = []
    for _ in range(OPEN_RUNS):
        context = browser.new_context(viewport=WIDE)
        board = open_board(context, path)
        times.append(
            board.page.evaluate("performance.getEntriesByName('civsam-board-ready')[0].startTime")
        )
        context.close()
    median = statistics.median(times)
    shown = [round(time) for time in times]
    print(f"time to ready, 150 partners: median {median:.0f} ms of {shown}")  # noqa: T201
    assert median < OPEN_LIMIT_MS


# -- the whole round: board, browser, civsam apply -----------------------------------------


def _apply_available() -> str | None:
    """Why ``civsam apply`` cannot be used here, or None when it can."""
    done = subprocess.run(
        [sys.executable, "-m", "civsam", "apply", "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if done.returncode != 0:
        return "'civsam apply --help' fails: the apply command is not built yet"
    return None


def test_two_drags_saved_and_applied_become_two_dated_assessments(
    context: BrowserContext, tmp_path: Path
) -> None:
    """Export, drag two, Save, ``civsam apply``: the file holds two new assessments that day."""
    missing = _apply_available()
    if missing is not None:
        pytest.skip(missing)
    project_path = tmp_path / "project.toml"
    civsam.save(civsam.example(), project_path)
    project = civsam.load(project_path)
    board = open_board(context, write_board(project, tmp_path))
    board.page.locator("#wb-rater").fill("Mette")
    drag_with_mouse(board, "favrskov-kommune", 5, 5)
    drag_with_mouse(board, "oestjysk-taxa", 4, 2)
    _, document = save(board)
    changes_path = tmp_path / "changes.json"
    changes_path.write_text(json.dumps(document), encoding="utf-8")
    done = subprocess.run(  # noqa: S603 - this Python, fixed arguments
        [sys.executable, "-m", "civsam", "apply", str(project_path), str(changes_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    after = civsam.load(project_path)
    day = dt.date.fromisoformat(WORKSHOP_DAY)
    for partner, scores in (("favrskov-kommune", (5, 5)), ("oestjysk-taxa", (4, 2))):
        history = after.history[partner]
        assert len(history) == len(project.history[partner]) + 1
        latest = history[-1]
        assert (latest.date, latest.importance, latest.ease) == (day, *scores)
    untouched = set(project.organisations) - {"favrskov-kommune", "oestjysk-taxa"}
    for partner in untouched & set(project.history):
        assert after.history[partner] == project.history[partner]
    again = subprocess.run(  # noqa: S603 - this Python, fixed arguments
        [sys.executable, "-m", "civsam", "apply", str(project_path), str(changes_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert again.returncode == 0, again.stderr
    assert civsam.load(project_path).history == after.history
