r"""The workshop board: one HTML page the group moves post-its on, opened from disk.

The guide asks the group to place the post-its together and to adjust them as the work
goes. ``civsam export PATH -f workshop -o board.html`` writes a page for a shared screen:
the guide's board as a 5×5 grid of score cells (ease 1 to 5 from left to right,
importance 5 to 1 from top to bottom), its four quadrants shaded and named from the
project's matrix thresholds, and a post-it for every partner in the cell of its scores.
Partners with no scores yet wait in a tray below. The group moves post-its with the
mouse, a finger (Pointer Events) or the keyboard (arrow keys: right and left change the
ease, up and down the importance), each move said aloud to screen readers; a panel
shows the chosen partner, who is moving and a note per move, the workshop's date and
the list of moves, each of which can be undone. "Save" downloads a changes file
(:data:`civsam.CHANGES_FORMAT`, version :data:`civsam.CHANGES_VERSION`) that
``civsam apply`` records as new dated assessments. On a phone (narrower than 700 px) the
board is a list per quadrant with two menus per partner, over the same moves.

One file, nothing to fetch, no server: the style sheet and the script are inline, and a
Content-Security-Policy allows that one script by its SHA-256 hash and nothing else, so
the page can reach no network. The script is the same in every board; the board's data
(names, start cells, tokens, texts) sits in a ``<script type="application/json">`` block,
every ``<`` written as ``\u003c`` so that no data can end the block. The script puts
text on the page as text only. Who rated a partner and who assessed it are never in the
board; contact persons only with ``include_contacts``.

The same report gives the same bytes: today's date, the default for the workshop's date,
is the browser's, set by the script.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import math
import re
import unicodedata
from importlib import resources
from typing import TYPE_CHECKING, BinaryIO, Final

import attrs

import civsam
from civsam import Language, Quadrant, Report, hookimpl, label, toolkit
from civsam_exporters._board import COLOURS, NAMES_HYPHENATION, clean
from civsam_exporters._layout import breaks

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "CSP",
    "SCRIPT",
    "SCRIPT_HASH",
    "STYLE",
    "WORKSHOP",
    "WorkshopExporter",
    "board_data",
    "civsam_exporters",
    "page",
    "shown_name",
    "slug",
    "start_cell",
]

_FILES = resources.files("civsam_exporters._workshop")
SCRIPT: Final = _FILES.joinpath("board.js").read_text(encoding="utf-8")
"""The board's one script, exactly as the page holds it between its tags."""
_STYLE = _FILES.joinpath("board.css").read_text(encoding="utf-8")

SCRIPT_HASH: Final = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
CSP: Final = (
    f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '{SCRIPT_HASH}'"
)
"""The HTML report's policy, and the board's script allowed by its hash alone."""

SCORES: Final = (1, 2, 3, 4, 5)
"""The guide's scale: a cell for each pair of whole scores."""

_START = {
    language: "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{language.value}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="referrer" content="no-referrer">',
            "<title>",
        ]
    )
    for language in Language
}
"""Each board's start, up to its title: the same for every board in a language."""
_RECOGNISED = tuple(start.encode() for start in _START.values())


def _colours() -> str:
    """Each quadrant's cell background and post-it paper, from the printed board's colours."""
    rules = []
    for quadrant, (paper, border, area) in COLOURS.items():
        name = quadrant.value
        rules.append(f".cell.q-{name} {{ background: {area}; }}")
        rules.append(
            f".postit.q-{name}, .item.q-{name} {{ background: {paper}; border-color: {border}; }}"
        )
    return "\n".join(rules) + "\n"


STYLE: Final = _STYLE + _colours()
"""The page's style sheet."""


# -- text ----------------------------------------------------------------------------------


def _text(text: str) -> str:
    """Text from the data or the catalogue as HTML text: one line, escaped."""
    return toolkit.escape_text(clean(text))


def _attribute(text: str) -> str:
    """The same for a double-quoted attribute value."""
    return toolkit.escape_attribute(clean(text))


_FOLDED = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_LENGTH = 48


def slug(name: str) -> str:
    """A file-name stem from a project's name: ``ensomhed-blandt-aeldre``, ASCII only.

    Danish letters are spelled out (æ as ae, ø as oe, å as aa), other accents dropped;
    ``"civsam"`` when nothing is left.
    """
    folded = unicodedata.normalize("NFKD", name.translate(_FOLDED))
    text = _NOT_SLUG.sub("-", folded.encode("ascii", "ignore").decode().lower()).strip("-")
    return text[:_SLUG_LENGTH].rstrip("-") or "civsam"


SOFT_HYPHEN: Final = "\xad"
_LONG_WORD = re.compile(r"[^\W\d_]{8,}")


def _syllables(word: re.Match[str]) -> str:
    text = word[0]
    cut = [position for position, hyphen in breaks(text, NAMES_HYPHENATION) if hyphen]
    pieces = [text[a:b] for a, b in itertools.pairwise([0, *cut, len(text)])]
    return SOFT_HYPHEN.join(pieces)


def shown_name(name: str) -> str:
    """A partner's name as a post-it shows it: soft hyphens where Danish allows a break.

    A post-it is narrow, and Chromium has no Danish hyphenation of its own: without them
    "Boligforeningen" broke as "Boligforenin-gen" or, worse, anywhere.
    """
    return _LONG_WORD.sub(_syllables, clean(name))


# -- the board's data ----------------------------------------------------------------------


def start_cell(score: float, threshold: float) -> int:
    """The whole score a post-it starts at: the nearest, on the same side of ``threshold``.

    A score the rule combined (a median of raters, a derived score) may lie between two
    cells; rounding it must not move the post-it into another quadrant than the report's.
    """
    nearest = min(max(math.floor(score + 0.5), SCORES[0]), SCORES[-1])
    if (nearest >= threshold) != (score >= threshold):
        nearest = math.ceil(score) if score >= threshold else math.floor(score)
    return min(max(nearest, SCORES[0]), SCORES[-1])


def _quadrant(importance: int, ease: int, thresholds: tuple[float, float]) -> Quadrant:
    return Quadrant.of(important=importance >= thresholds[0], easy=ease >= thresholds[1])


def _thresholds(report: Report) -> tuple[float, float]:
    """The matrix thresholds of the project's ``[prioritisation]`` (whatever the rule)."""
    settings = report.prioritisation.settings
    return settings.importance_threshold, settings.ease_threshold


def _details(report: Report, organisation: civsam.Organisation) -> list[list[str]]:
    """What the panel shows of a partner: its kind, the table's words, a contact if allowed."""
    words = toolkit.Labels(report.language)
    details = [[words("column.kind"), words.kind(organisation.kind)]]
    assessment = report.project.assessments.get(organisation.id)
    if assessment is not None:
        for key in ("shared_interest", "challenges", "existing_relation"):
            value = clean(getattr(assessment, key))
            if value:
                details.append([words(f"column.{key}"), value])
    contact = toolkit.contact_details(report, organisation)
    if contact.shown:
        details.append([words("column.contact"), clean(", ".join(contact.shown))])
    return details


def _partners(report: Report) -> Iterator[dict[str, object]]:
    """Every partner: the placed ones in rank order, then the unplaced in the project's order."""
    thresholds = _thresholds(report)
    project = report.project
    placed = set()
    for row in toolkit.rows(report):
        placed.add(row.id)
        yield {
            "id": row.id,
            "name": clean(row.name),
            "shown": shown_name(row.name),
            "start": [
                start_cell(row.importance, thresholds[0]),
                start_cell(row.ease, thresholds[1]),
            ],
            "base": civsam.assessment_token(project.assessments.get(row.id)),
            "flag": row.disagreement,
            "details": _details(report, row.partner),
        }
    owner = project.owner.id
    for organisation in project.organisations.values():
        if organisation.id == owner or organisation.id in placed:
            continue
        yield {
            "id": organisation.id,
            "name": clean(organisation.name),
            "shown": shown_name(organisation.name),
            "start": None,
            "base": civsam.assessment_token(project.assessments.get(organisation.id)),
            "flag": False,
            "details": _details(report, organisation),
        }


class _Count(int):
    """A count the catalogue picks a plural form by, written back as ``{count}``.

    The script fills the count in the browser, so the board needs a plural's both forms
    with the placeholder unfilled.
    """

    def __format__(self, spec: str) -> str:
        return "{count}"


_TEMPLATES: Final = {
    "postit": ("workshop.board.postit", ("name", "position", "quadrant")),
    "postit_unplaced": ("workshop.board.postit_unplaced", ("name",)),
    "position": ("workshop.board.position", ("importance", "ease")),
    "cell": ("workshop.board.cell", ("importance", "ease", "quadrant")),
    "was": ("workshop.board.was", ("quadrant",)),
    "edge": ("workshop.board.edge", ("name",)),
    "no_unplacing": ("workshop.board.no_unplacing", ("name",)),
    "move": ("workshop.board.move", ("name", "before", "after")),
    "by": ("workshop.board.by", ("rater",)),
    "undo_label": ("workshop.board.undo_label", ("name",)),
    "undone": ("workshop.board.undone", ("name", "position")),
    "unplaced": ("workshop.board.unplaced", ()),
    "tray": ("workshop.board.tray", ()),
    "none_selected": ("workshop.board.none_selected", ()),
    "undo": ("workshop.board.undo", ()),
    "nothing": ("workshop.board.nothing", ()),
    "no_date": ("workshop.board.no_date", ()),
    "importance": ("column.importance", ()),
    "ease": ("column.ease", ()),
    "disagreement": ("svg.disagreement", ()),
}
"""What the script says, by its own short name: (catalogue key, placeholders left for it)."""
_PLURALS: Final = {
    "saved": ("workshop.board.saved", ("file",)),
    "restored": ("workshop.board.restored", ()),
}


def _texts(language: Language) -> dict[str, object]:
    """The script's texts in ``language``, each placeholder left as ``{name}`` for it to fill."""
    texts: dict[str, object] = {
        short: label(key, language, **{name: f"{{{name}}}" for name in names})
        for short, (key, names) in _TEMPLATES.items()
    }
    for short, (key, names) in _PLURALS.items():
        values = {name: f"{{{name}}}" for name in names}
        texts[short] = [label(key, language, count=_Count(n), **values) for n in (1, 2)]
    return texts


def board_data(report: Report) -> dict[str, object]:
    """Everything the board's script reads: the partners, the tokens, the quadrants, the texts."""
    project, words = report.project, toolkit.Labels(report.language)
    return {
        "format": civsam.CHANGES_FORMAT,
        "version": civsam.CHANGES_VERSION,
        "project": project.name,
        "board": civsam.board_token(project),
        "made": report.as_of.isoformat(),
        "slug": slug(project.name),
        "thresholds": list(_thresholds(report)),
        "quadrants": {
            quadrant.value: {
                "name": words.quadrant(quadrant),
                "short": words.quadrant(quadrant, short=True),
            }
            for quadrant in Quadrant
        },
        "texts": _texts(report.language),
        "partners": list(_partners(report)),
    }


# -- the page ------------------------------------------------------------------------------


def _grid(report: Report) -> Iterator[str]:
    """The 5×5 cells, importance 5 at the top, ease 1 at the left, each an empty list."""
    words, thresholds = toolkit.Labels(report.language), _thresholds(report)
    important_from, easy_from = math.ceil(thresholds[0]), math.ceil(thresholds[1])
    corners = {}
    for quadrant in Quadrant:
        top = quadrant in (Quadrant.START_HERE, Quadrant.DISCUSS)
        left = quadrant in (Quadrant.DISCUSS, Quadrant.NOT_WORTH_IT)
        corner = (SCORES[-1] if top else SCORES[0], SCORES[0] if left else SCORES[-1])
        if _quadrant(*corner, thresholds) is quadrant:  # else the quadrant has no cells
            corners[corner] = quadrant
    yield '<div class="grid">'
    for importance in reversed(SCORES):
        yield f'<div class="score" aria-hidden="true">{importance}</div>'
        for ease in SCORES:
            quadrant = _quadrant(importance, ease, thresholds)
            classes = f"cell q-{quadrant.value}"
            if importance == important_from and important_from > SCORES[0]:
                classes += " line-below"
            if ease == easy_from and easy_from > SCORES[0]:
                classes += " line-left"
            name = words(
                "workshop.board.cell",
                importance=importance,
                ease=ease,
                quadrant=words.quadrant(quadrant),
            )
            heading = ""
            if (importance, ease) in corners:
                short = words.quadrant(quadrant, short=True)
                heading = f'<span class="quadrant-name" aria-hidden="true">{_text(short)}</span>'
            yield (
                f'<div class="{classes}" role="group" aria-label="{_attribute(name)}" '
                f'data-importance="{importance}" data-ease="{ease}">'
                f'{heading}<ul class="postits"></ul></div>'
            )
    yield '<div class="score" aria-hidden="true"></div>'
    yield from (f'<div class="score" aria-hidden="true">{ease}</div>' for ease in SCORES)
    yield "</div>"


def _board_view(report: Report, *, tray: bool) -> Iterator[str]:
    """The board: the axes around the grid, and the tray of partners not placed yet."""
    words = toolkit.Labels(report.language)
    yield '<section class="board-view" id="wb-board-view" aria-labelledby="wb-board-title">'
    heading = _text(words("workshop.board.board"))
    yield f'<h2 id="wb-board-title" class="visually-hidden">{heading}</h2>'
    yield '<div class="board">'
    yield (
        f'<div class="axis-y"><span>{_text(words("level.low"))}</span>'
        f"<strong>{_text(words('axis.importance'))}</strong>"
        f"<span>{_text(words('level.high'))}</span></div>"
    )
    yield from _grid(report)
    yield "<div></div>"
    yield (
        f'<div class="axis-x"><span>{_text(words("level.hard"))}</span>'
        f"<strong>{_text(words('axis.ease'))}</strong>"
        f"<span>{_text(words('level.easy'))}</span></div>"
    )
    yield "</div>"
    if tray:
        yield '<section class="tray" aria-labelledby="wb-tray-title">'
        yield f'<h3 id="wb-tray-title">{_text(words("workshop.board.tray"))}</h3>'
        yield f"<p>{_text(words('workshop.board.tray_note'))}</p>"
        yield '<ul class="postits" id="wb-tray"></ul>'
        yield "</section>"
    yield "</section>"


def _list_view(report: Report) -> Iterator[str]:
    """The phone's view: the script fills a list per quadrant."""
    words = toolkit.Labels(report.language)
    yield '<section class="list-view" aria-labelledby="wb-list-title">'
    yield f'<h2 id="wb-list-title">{_text(words("workshop.board.list"))}</h2>'
    yield '<div id="wb-list"></div>'
    yield "</section>"


def _field(field_id: str, text: str, control: str) -> str:
    return f'<div class="field"><label for="{field_id}">{_text(text)}</label>{control}</div>'


def _panel(report: Report) -> Iterator[str]:
    """How to move, the date, who moves, Save, the chosen partner, its note, the moves."""
    words = toolkit.Labels(report.language)
    yield '<section class="panel" aria-labelledby="wb-panel-title">'
    yield f'<h2 id="wb-panel-title">{_text(words("workshop.board.panel"))}</h2>'
    yield f'<p class="help" id="wb-keys">{_text(words("workshop.board.keys"))}</p>'
    yield _field("wb-date", words("workshop.board.date"), '<input type="date" id="wb-date">')
    yield _field(
        "wb-rater",
        words("workshop.board.rater"),
        '<input type="text" id="wb-rater" maxlength="100" autocomplete="off">',
    )
    yield (
        f'<p><button type="button" class="save" id="wb-save">'
        f"{_text(words('workshop.board.save'))}</button></p>"
    )
    yield '<p class="status" id="wb-status" role="status"></p>'
    yield f'<h3 id="wb-selected-title">{_text(words("workshop.board.selected"))}</h3>'
    yield '<div class="selected" id="wb-selected"></div>'
    yield _field(
        "wb-note",
        words("workshop.board.note"),
        '<textarea id="wb-note" maxlength="1000" rows="2" disabled></textarea>',
    )
    yield f'<h3 id="wb-moves-title" tabindex="-1">{_text(words("workshop.board.moves"))}</h3>'
    yield f'<p id="wb-no-moves">{_text(words("workshop.board.no_moves"))}</p>'
    yield '<ol id="wb-moves"></ol>'
    yield f'<p class="help">{_text(words("workshop.board.intro"))}</p>'
    yield "</section>"


def page(report: Report) -> str:
    """The whole board as HTML text."""
    words, project = toolkit.Labels(report.language), report.project
    data = board_data(report)
    tray = len(toolkit.rows(report)) < len(project.organisations) - 1  # the owner is no partner
    title = _text(words("workshop.board.title", project=project.name))
    importance, ease = _thresholds(report)
    facts = " ".join(
        [
            words("workshop.board.made", date=report.as_of.isoformat()),
            words(
                "workshop.board.thresholds",
                importance=words.number(importance),
                ease=words.number(ease),
            ),
        ]
    )
    skip = _text(words("workshop.board.skip"))
    parts = [
        _START[report.language] + f"{title}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{title}</h1>",
        f"<p>{_text(facts)}</p>",
        f'<noscript><p class="noscript">{_text(words("workshop.board.noscript"))}</p></noscript>',
        "</header>",
        '<main class="workshop">',
        f'<button type="button" class="skip" id="wb-skip">{skip}</button>',
        '<div class="views">',
        *_board_view(report, tray=tray),
        *_list_view(report),
        "</div>",
        *_panel(report),
        "</main>",
        f"<footer><p>{_text(toolkit.made_with(report))}</p></footer>",
        f'<script type="application/json" id="wb-data">{toolkit.script_json(data)}</script>',
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


@attrs.frozen
class WorkshopExporter:
    """The workshop board: one self-contained HTML page, with a script, to move post-its on."""

    name: str = "workshop"
    suffix: str = ".html"
    media_type: str = "text/html; charset=utf-8"

    def export(self, report: Report, out: BinaryIO) -> None:
        """Write the page, UTF-8, LF line endings, one final newline."""
        out.write(page(report).encode("utf-8"))

    def recognises(self, data: bytes) -> bool:
        """Whether ``data`` begins a board civsam wrote, in either language.

        Everything up to the title is the same in every board (its policy names the
        script's hash), so neither the HTML report nor a page saved again is taken for one.
        """
        return data.startswith(_RECOGNISED)


WORKSHOP = WorkshopExporter()


@hookimpl
def civsam_exporters() -> list[WorkshopExporter]:
    """The workshop board."""
    return [WORKSHOP]
