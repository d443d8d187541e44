"""docs/api.md reads on GitHub: a curated reference of every public name, then autodoc.

The page has two parts. The curated reference comes first, in plain GitHub Markdown: for
each group of names, a table with one row per name (the name in code font, then one
sentence saying what it is for) and a python example that uses every name in the table
(tests/test_docs.py runs the examples). The full reference comes last: the Sphinx autodoc
directives for the built site, folded into a ``<details>`` block so that GitHub shows it
collapsed rather than as a wall of directives.

The page is checked as GitHub shows it, rendered by cmarkgfm (GitHub's own renderer),
so a table that a stray ``|`` breaks, or a directive left in the curated part, fails.
Top-level names are written bare (`load`); names from a public submodule in full
(`civsam.testing.check_rule`).
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm  # type: ignore[import-untyped]
import pytest
from cmarkgfm.cmark import Options  # type: ignore[import-untyped]

import civsam
import civsam.testing

API = Path(__file__).resolve().parent.parent / "docs" / "api.md"
FULL_REFERENCE = "Full reference"

COMPLETE = ("civsam", "civsam.testing")
"""Modules whose every ``__all__`` name has a row: the top level and the test kit."""

PARTIAL = ("civsam.hookspecs", "civsam.files.io", "civsam.labels", "civsam.files.table")
"""Public submodules the page picks names from; each name it lists must be in ``__all__``."""

_DIRECTIVE = re.compile(r"^\.\. (?P<kind>[\w:]+):: (?P<target>\S+)\s*$", re.MULTILINE)
_SPHINX_ONLY = re.compile(r"\{[\w:-]+\}`|^ {0,3}(?:`{3,}|~{3,}|:{3,})\s*\{", re.MULTILINE)
_LOCAL_LINK = re.compile(r"\]\(#(?P<anchor>[^)\s]+)\)")


@dataclass
class Section:
    """What lies between one heading and the next, as GitHub renders it."""

    heading: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    """Each table row whose first cell is exactly one code span: (name, description)."""
    python: list[str] = field(default_factory=list)
    """The code of each python block."""
    languages: list[str] = field(default_factory=list)
    """The info string of every fenced block, as GitHub keeps it in ``lang``."""


class _Reader(HTMLParser):
    """Collect sections, table rows and code blocks from cmarkgfm's HTML, in page order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections = [Section("")]
        self.details = 0  # how many <details> the reader is inside
        self.fenced_in_details: list[str] = []
        self._heading: list[str] | None = None
        self._cell: list[str] | None = None
        self._codes: list[str] = []
        self._code: list[str] | None = None
        self._cells: list[tuple[str, list[str]]] = []
        self._pre: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h1", "h2", "h3", "h4"}:
            self._heading = []
        elif tag == "tr":
            self._cells = []
        elif tag == "td":
            self._cell, self._codes = [], []
        elif tag == "code":
            self._code = []
        elif tag == "pre":
            self._pre = dict(attrs).get("lang") or ""
        elif tag == "details":
            self.details += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"h1", "h2", "h3", "h4"} and self._heading is not None:
            self.sections.append(Section("".join(self._heading).strip()))
            self._heading = None
        elif tag == "code" and self._code is not None:
            self._end_code("".join(self._code))
        elif tag == "td" and self._cell is not None:
            self._cells.append(("".join(self._cell).strip(), self._codes))
            self._cell = None
        elif tag == "tr" and self._cells:
            (first, codes), *rest = self._cells
            if len(codes) == 1 and first == codes[0]:
                self.sections[-1].rows.append((first, rest[0][0] if rest else ""))
        elif tag == "pre":
            self._pre = None
        elif tag == "details":
            self.details -= 1

    def _end_code(self, text: str) -> None:
        self._code = None
        if self._pre is None:
            self._codes.append(text)
            return
        section = self.sections[-1]
        section.languages.append(self._pre)
        if self.details:
            self.fenced_in_details.append(self._pre)
        if self._pre == "python":
            section.python.append(text)

    def handle_data(self, data: str) -> None:
        for part in (self._heading, self._cell, self._code):
            if part is not None:
                part.append(data)


@dataclass(frozen=True)
class Page:
    """docs/api.md split into its two parts, the curated one also as GitHub renders it."""

    curated_source: str
    full_source: str
    curated: tuple[Section, ...]
    full: tuple[Section, ...]
    fenced_in_details: tuple[str, ...]


@functools.cache
def page() -> Page:
    """Read and render the page once for every test here."""
    text = API.read_text(encoding="utf-8")
    heading = re.search(rf"^## {FULL_REFERENCE}\s*$", text, re.MULTILINE)
    assert heading, f"docs/api.md has no '## {FULL_REFERENCE}' section"
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    reader = _Reader()
    reader.feed(html)
    reader.close()
    names = [section.heading for section in reader.sections]
    split = names.index(FULL_REFERENCE)
    return Page(
        curated_source=text[: heading.start()],
        full_source=text[heading.start() :],
        curated=tuple(reader.sections[:split]),
        full=tuple(reader.sections[split:]),
        fenced_in_details=tuple(reader.fenced_in_details),
    )


def curated_rows() -> list[tuple[str, str]]:
    """Every (name, description) row of the curated reference, in page order."""
    return [row for section in page().curated for row in section.rows]


def full_name(name: str) -> str:
    """`load` → `civsam.load`; a submodule's name is written in full already."""
    return name if name.startswith("civsam.") else f"civsam.{name}"


def public_names(module: str) -> list[str]:
    """The full names of a public module's ``__all__``."""
    return [f"{module}.{name}" for name in importlib.import_module(module).__all__]


EVERY_PUBLIC_NAME = sorted(name for module in COMPLETE for name in public_names(module))


@pytest.mark.parametrize("name", EVERY_PUBLIC_NAME)
def test_every_public_name_has_a_row_in_the_curated_reference(name: str) -> None:
    """Each public name has its table row, with a sentence saying what it is for."""
    described = {full_name(row): what for row, what in curated_rows()}
    assert name in described, f"docs/api.md has no table row for `{name}` before the full reference"
    what = described[name]
    assert len(what.split()) >= 3, f"`{name}`: say what it is for in a sentence, not {what!r}"
    assert what.endswith("."), f"`{name}`: its description is one sentence ending in '.': {what!r}"


@pytest.mark.parametrize("name", EVERY_PUBLIC_NAME)
def test_every_public_name_has_an_entry_in_the_full_reference(name: str) -> None:
    """Each public name has its own autodoc (or data) directive in the full reference."""
    targets = {match["target"] for match in _DIRECTIVE.finditer(page().full_source)}
    assert name in targets, f"docs/api.md's full reference has no `.. auto…:: {name}` entry"


def test_every_curated_name_is_public() -> None:
    """A row names a public name, once: a renamed or removed name cannot linger in the docs."""
    rows = [name for name, _ in curated_rows()]
    assert rows, "the curated reference has no table rows"
    repeated = sorted({name for name in rows if rows.count(name) > 1})
    assert not repeated, f"listed more than once: {repeated}"
    public = {name for module in COMPLETE + PARTIAL for name in public_names(module)}
    stale = [name for name in rows if full_name(name) not in public]
    assert not stale, f"docs/api.md lists names that are not public: {stale}"


def test_the_full_reference_documents_only_curated_names() -> None:
    """Every directive in the full reference is for a name the curated part lists."""
    listed = {full_name(name) for name, _ in curated_rows()}
    directives = list(_DIRECTIVE.finditer(page().full_source))
    assert directives, "the full reference has no autodoc directives"
    stale = [
        match["target"]
        for match in directives
        if match["target"] not in listed and match["kind"] != "rubric"
    ]
    assert not stale, f"the full reference documents names the curated part does not list: {stale}"


def test_every_group_has_an_example_that_uses_each_of_its_names() -> None:
    """Below each table, a python example shows every name in it at work."""
    unused: list[str] = []
    for section in page().curated:
        if not section.rows:
            continue
        code = "\n".join(section.python)
        assert code, f"the group '{section.heading}' has no python example"
        for name, _ in section.rows:
            short = name.rpartition(".")[2]
            if not re.search(rf"(?<![\w.]){re.escape(short)}\b|\.{re.escape(short)}\b", code):
                unused.append(f"{section.heading}: {name}")
    assert not unused, f"names no example of their group uses: {unused}"


def test_github_shows_the_curated_reference_without_sphinx_syntax() -> None:
    """No MyST role or directive in the curated part: GitHub would show it as raw text."""
    found = [match.group() for match in _SPHINX_ONLY.finditer(page().curated_source)]
    assert not found, f"Sphinx-only syntax in the curated reference: {found}"
    languages = {language for section in page().curated for language in section.languages}
    assert languages <= {"python", "text", "console", "toml"}, languages


def test_github_shows_the_full_reference_folded() -> None:
    """The autodoc directives are inside <details>, so GitHub shows them collapsed."""
    fenced = [language for section in page().full for language in section.languages]
    assert fenced, "the full reference has no directive blocks"
    assert set(fenced) == {"{eval-rst}"}, fenced
    assert list(page().fenced_in_details) == fenced, "a directive block is outside <details>"
    assert [section.heading for section in page().full] == [FULL_REFERENCE], (
        "the full reference is the page's last section, without headings of its own "
        "(a heading inside <details> would break the built page's nesting)"
    )


def test_the_pages_own_links_lead_to_its_headings() -> None:
    """Each `(#anchor)` link in the curated part names a heading, on GitHub and in Sphinx."""
    headings = {_slug(section.heading) for section in page().curated + page().full}
    anchors = [match["anchor"] for match in _LOCAL_LINK.finditer(page().curated_source)]
    assert anchors, "the curated reference links to none of its groups"
    broken = [anchor for anchor in anchors if anchor not in headings]
    assert not broken, f"links to no heading: {broken}"


def _slug(heading: str) -> str:
    """The anchor GitHub (and MyST's heading anchors) give a heading."""
    kept = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return kept.replace(" ", "-")


def test_the_public_names_are_what_the_reference_is_checked_against() -> None:
    """The lists the tests compare the page with are not empty, so the checks bite."""
    assert len(civsam.__all__) > 50
    assert "check_rule" in civsam.testing.__all__
    assert f"civsam.{civsam.__all__[0]}" in EVERY_PUBLIC_NAME
