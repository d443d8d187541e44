"""The Danish reader's word list, docs/words.md, written from civsam's one catalogue.

Every term civsam shows (the guide's words for the board, the partner table, the steps
and the checklist, the report's headings, the command line's words) in Danish and
English, and every word the command line accepts for a value a user types. After a
change to the catalogue, refresh the page with

    python docs/make_words.py

tests/test_words.py fails until the committed page is what this writes.
"""

# ruff: noqa: INP001 - a script beside the docs, imported by the tests by path

from __future__ import annotations

import string
import sys
from pathlib import Path

from civsam.labels import catalogue

DOCS = Path(__file__).resolve().parent
PAGE = DOCS / "words.md"

# The catalogue's areas, in the order a reader meets them, each with its heading.
AREAS: tuple[tuple[str, str], ...] = (
    ("quadrant", "The priority board's four squares / Tavlens fire felter"),
    ("quadrant_short", "The squares, short / Felterne, kort"),
    ("axis", "The board's axes / Tavlens akser"),
    ("level", "Levels on the axes / Niveauer på akserne"),
    ("column", "The partner table's columns / Partnertabellens kolonner"),
    ("org_kind", "Kinds of organisation / Typer af organisation"),
    ("relation_kind", "Kinds of relation / Typer af relation"),
    ("role", "Roles / Roller"),
    ("readiness", "Readiness / Parathed"),
    ("outreach", "Reaching out: the four steps / At række ud: de fire trin"),
    ("step", "Outreach states / Trin"),
    ("touchpoint_kind", "Kinds of contact / Kontaktformer"),
    ("checklist", "The checklist / Tjeklisten"),
    ("item_status", "Checklist statuses / Status på tjeklisten"),
    ("trend", "Trends / Udvikling"),
    ("report", "Report headings / Rapportens overskrifter"),
    ("section", "The guide's sections / Vejledningens afsnit"),
    ("plan", "The plan / Planen"),
    ("due", "Contacts due / Forfaldne kontakter"),
    ("review", "Reviews / Evalueringer"),
    ("weekday", "Weekdays / Ugedage"),
    ("value", "Values / Værdier"),
)
MOST_WORDS = 12
"""A text of more words is a sentence, not a term: the list leaves it out."""


def _is_term(text: str) -> bool:
    """A short text without placeholders: a term a reader looks up."""
    fields = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    return bool(text.strip()) and not fields and len(text.split()) <= MOST_WORDS


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def terms() -> list[tuple[str, str, str, str]]:
    """(area, key, Danish, English) for every term in the catalogue, by area and key."""
    danish, english = catalogue("da"), catalogue("en")
    return [
        (area, key, danish[key], english[key])
        for area, _ in AREAS
        for key in sorted(danish)
        if key.split(".")[0] == area and ".advice" not in key and _is_term(danish[key])
    ]


def typed_words() -> list[tuple[str, str, str]]:
    """(value, Danish words, English words) the command line accepts, by value."""
    danish, english = catalogue("da"), catalogue("en")
    return [
        (key.removeprefix("word."), danish[key], english[key])
        for key in sorted(danish)
        if key.startswith("word.")
    ]


def page() -> str:
    """The whole page, Markdown."""
    lines = [
        "# Ordliste / Word list",
        "",
        "Every term civsam shows, in Danish and English, as the catalogue",
        "(`civsam.labels`) holds it: the guide's own words wherever the guide has them.",
        "The page is written by `python docs/make_words.py` and checked against the",
        "catalogue by the tests, so it never disagrees with what civsam prints.",
        "",
        "Alle de ord, civsam viser, på dansk og engelsk, som de står i civsams katalog over",
        "tekster: vejledningens egne ord, hvor vejledningen har dem.",
        "",
        "## Words you can type / Ord, du kan skrive",
        "",
        "The command line takes each value in Danish or English; case, spaces, hyphens and",
        "underscores do not matter. / Kommandolinjen tager hver værdi på dansk eller",
        "engelsk; store og små bogstaver, mellemrum, bindestreger og understregninger er",
        "ligegyldige.",
        "",
        "| Value / Værdi | Dansk | English |",
        "|---|---|---|",
    ]
    lines += [f"| `{value}` | {_cell(da)} | {_cell(en)} |" for value, da, en in typed_words()]
    headings = dict(AREAS)
    area_now = None
    for area, key, da, en in terms():
        if area != area_now:
            lines += ["", f"## {headings[area]}", "", "| Dansk | English | Key |", "|---|---|---|"]
            area_now = area
        lines.append(f"| {_cell(da)} | {_cell(en)} | `{key}` |")
    return "\n".join(lines) + "\n"


def main() -> int:
    """Write docs/words.md when it differs from what the catalogue says."""
    text = page()
    if PAGE.exists() and PAGE.read_text(encoding="utf-8") == text:
        sys.stdout.write(f"{PAGE.name} is up to date\n")
        return 0
    PAGE.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
