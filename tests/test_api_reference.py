"""docs/api.md reads on GitHub: a curated reference of every public name, then autodoc.

The page has two parts. The curated reference comes first, in plain GitHub Markdown. It
follows ``civsam.__all__``, which lists the names group by group (``# -- Group``
comments, read here from the source): the names before the first group have their rows
in the page's introduction, then each group is a ``##`` section of the same name, in the
same order, with a table of exactly that group's names in ``__all__``'s order (the name
in code font, then one sentence saying what it is for) and python examples that use
every name in the table (tests/test_docs.py runs them). Sections for the public modules
(``civsam.files``, ``civsam.testing``, ``civsam.toolkit``) follow, then "Renamed in
0.2.0", whose every old name is called here and must warn while its new name must not.
The full reference comes last: the Sphinx autodoc directives for the built site, folded
into a ``<details>`` block so that GitHub shows it collapsed rather than as a wall of
directives.

The page is checked as GitHub shows it, rendered by cmarkgfm (GitHub's own renderer),
so a table that a stray ``|`` breaks, or a directive left in the curated part, fails.
Top-level names are written bare (`load`); names from a submodule in full
(`civsam.testing.check_rule`).
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import importlib
import io
import re
import tokenize
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm  # type: ignore[import-untyped]
import pytest
from cmarkgfm.cmark import Options  # type: ignore[import-untyped]

import civsam
import civsam.files
import civsam.testing

ROOT = Path(__file__).resolve().parent.parent
API = ROOT / "docs" / "api.md"
SOURCE = ROOT / "src" / "civsam"
FULL_REFERENCE = "Full reference"
RENAMED = "Renamed in 0.2.0"
PLACEHOLDER = "<!-- PLACEHOLDER"
"""A module section still being written holds this comment; its names are skipped, saying so."""

PUBLIC_MODULES = ("civsam.files", "civsam.testing", "civsam.toolkit")
"""The public modules, each a section after the groups, in this order (see civsam's docstring)."""

COMPLETE = ("civsam", *PUBLIC_MODULES)
"""Modules whose every ``__all__`` name has a row: the top level and the public modules."""

PARTIAL = ("civsam.hookspecs", "civsam.labels")
"""Modules the page picks a plugin's names from; each name it lists must be in ``__all__``."""

_DIRECTIVE = re.compile(r"^\.\. (?P<kind>[\w:]+):: (?P<target>\S+)\s*$", re.MULTILINE)
_SPHINX_ONLY = re.compile(r"\{[\w:-]+\}`|^ {0,3}(?:`{3,}|~{3,}|:{3,})\s*\{", re.MULTILINE)
_LOCAL_LINK = re.compile(r"\]\(#(?P<anchor>[^)\s]+)\)")


@dataclass
class Section:
    """What lies between one heading and the next, as GitHub renders it."""

    heading: str
    level: int = 0
    rows: list[tuple[str, str]] = field(default_factory=list)
    """Each table row whose first cell is exactly one code span: (name, description)."""
    cells: list[list[list[str]]] = field(default_factory=list)
    """Every table row, as the code spans of each of its cells."""
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
        self._level = 0
        self._cell: list[str] | None = None
        self._codes: list[str] = []
        self._code: list[str] | None = None
        self._cells: list[tuple[str, list[str]]] = []
        self._pre: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h1", "h2", "h3", "h4"}:
            self._heading, self._level = [], int(tag[1])
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
            self.sections.append(Section("".join(self._heading).strip(), self._level))
            self._heading = None
        elif tag == "code" and self._code is not None:
            self._end_code("".join(self._code))
        elif tag == "td" and self._cell is not None:
            self._cells.append(("".join(self._cell).strip(), self._codes))
            self._cell = None
        elif tag == "tr" and self._cells:
            self.sections[-1].cells.append([codes for _, codes in self._cells])
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


@dataclass(frozen=True)
class Chapter:
    """A ``##`` section of the curated part with its subsections (or the introduction)."""

    heading: str
    sections: tuple[Section, ...]

    @property
    def rows(self) -> list[tuple[str, str]]:
        """The chapter's (name, description) rows, in page order."""
        return [row for section in self.sections for row in section.rows]


def chapters() -> list[Chapter]:
    """The curated part by ``##`` heading; the first chapter is the page's introduction."""
    found: list[list[Section]] = []
    for section in page().curated:
        if section.level <= 2 or not found:
            found.append([section])
        else:
            found[-1].append(section)
    intro = [section for chapter in found if chapter[0].level < 2 for section in chapter]
    named = [
        Chapter(chapter[0].heading, tuple(chapter)) for chapter in found if chapter[0].level == 2
    ]
    return [Chapter("", tuple(intro)), *named]


def chapter(heading: str) -> Chapter:
    """The chapter with this heading."""
    found = [each for each in chapters() if each.heading == heading]
    assert len(found) == 1, f"docs/api.md has no (or more than one) '## {heading}' section"
    return found[0]


def chapter_source(heading: str) -> str:
    """The Markdown of the ``## heading`` section, up to the next ``## ``."""
    pattern = rf"^## {re.escape(heading)}\s*$(?P<body>.*?)(?=^## |\Z)"
    match = re.search(pattern, page().curated_source, re.MULTILINE | re.DOTALL)
    assert match, f"docs/api.md has no '## {heading}' section"
    return match["body"]


def module_heading(module: str) -> str:
    """The heading of a public module's section: it ends in ``: civsam.module``."""
    found = [each.heading for each in chapters() if each.heading.endswith(f": {module}")]
    assert len(found) == 1, f"docs/api.md has no (or more than one) section for {module}"
    return found[0]


def curated_rows() -> list[tuple[str, str]]:
    """Every (name, description) row of the curated reference, in page order."""
    return [row for each in chapters() if each.heading != RENAMED for row in each.rows]


def full_name(name: str) -> str:
    """`load` → `civsam.load`; a submodule's name is written in full already."""
    return name if name.startswith("civsam.") else f"civsam.{name}"


def public_names(module: str) -> list[str]:
    """The full names of a public module's ``__all__``."""
    return [f"{module}.{name}" for name in importlib.import_module(module).__all__]


def _object(name: str) -> object:
    """The object a full public name names."""
    module, _, attribute = name.rpartition(".")
    return getattr(importlib.import_module(module), attribute)


def aliases(name: str) -> set[str]:
    """``name``, and the top-level name of the same object (`civsam.files.load` is `load`)."""
    found = {name}
    short = name.rpartition(".")[2]
    if short in civsam.__all__ and getattr(civsam, short) is _object(name):
        found.add(f"civsam.{short}")
    return found


def _skip_if_placeholder(name: str) -> None:
    """Skip a name whose module section is still a placeholder, saying so."""
    module = name.rpartition(".")[0]
    if module in PUBLIC_MODULES and PLACEHOLDER in chapter_source(module_heading(module)):
        pytest.skip(f"the section for {module} in docs/api.md is a placeholder still")


@functools.cache
def groups() -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """``civsam.__all__`` as the source groups it: the names before any group, then each group.

    A group starts at a ``# -- Name`` comment (``# -- Deprecated: old names …`` is the
    group "Deprecated"), read with tokenize so that the page follows the source's own
    comments rather than a second list.
    """
    source = (SOURCE / "__init__.py").read_text(encoding="utf-8")
    head: list[str] = []
    found: list[tuple[str, list[str]]] = []
    inside = False
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if not inside:
            inside = token.type == tokenize.NAME and token.string == "__all__"
        elif token.type == tokenize.COMMENT and token.string.startswith("# -- "):
            found.append((token.string.removeprefix("# -- ").partition(":")[0].strip(), []))
        elif token.type == tokenize.STRING:
            (found[-1][1] if found else head).append(ast.literal_eval(token.string))
        elif token.type == tokenize.OP and token.string == "]":
            break
    return tuple(head), tuple((name, tuple(names)) for name, names in found)


EVERY_PUBLIC_NAME = sorted(name for module in COMPLETE for name in public_names(module))


@pytest.mark.parametrize("name", EVERY_PUBLIC_NAME)
def test_every_public_name_has_a_row_in_the_curated_reference(name: str) -> None:
    """Each public name has its table row, with a sentence saying what it is for."""
    _skip_if_placeholder(name)
    described = {full_name(row): what for row, what in curated_rows()}
    listed = sorted(aliases(name) & described.keys())
    assert listed, f"docs/api.md has no table row for `{name}` before the full reference"
    what = described[listed[-1]]
    assert len(what.split()) >= 3, f"`{name}`: say what it is for in a sentence, not {what!r}"
    assert what.endswith("."), f"`{name}`: its description is one sentence ending in '.': {what!r}"


@pytest.mark.parametrize("name", EVERY_PUBLIC_NAME)
def test_every_public_name_has_an_entry_in_the_full_reference(name: str) -> None:
    """Each public name has its own autodoc (or data) directive in the full reference."""
    _skip_if_placeholder(name)
    targets = {match["target"] for match in _DIRECTIVE.finditer(page().full_source)}
    assert aliases(name) & targets, f"docs/api.md's full reference has no `.. auto…:: {name}`"


def test_every_curated_name_is_public() -> None:
    """A row names a public name, once: a renamed or removed name cannot linger in the docs."""
    rows = [name for name, _ in curated_rows()]
    assert rows, "the curated reference has no table rows"
    repeated = sorted({name for name in rows if rows.count(name) > 1})
    assert not repeated, f"listed more than once: {repeated}"
    public = {name for module in COMPLETE + PARTIAL for name in public_names(module)}
    stale = [name for name in rows if full_name(name) not in public]
    assert not stale, f"docs/api.md lists names that are not public: {stale}"


def test_the_sections_are_the_groups_of_all_then_the_modules() -> None:
    """The ``##`` sections: each group of ``__all__`` in order, the public modules, Renamed."""
    _, grouped = groups()
    assert len(grouped) > 10, "civsam/__init__.py's __all__ has lost its `# -- Group` comments"
    headings = [each.heading for each in chapters()[1:]]
    expected = [name for name, _ in grouped]
    assert headings[: len(expected)] == expected, "the sections do not follow __all__'s groups"
    modules = [module_heading(module) for module in PUBLIC_MODULES]
    assert headings[len(expected) :] == [*modules, RENAMED], (
        "after the groups come the public modules' sections, then the renamed names"
    )


def test_each_group_lists_exactly_its_names_in_order() -> None:
    """A group's table has a row per name of the group, in ``__all__``'s order, and no other.

    A plugin's names from a partial module (``civsam.hookspecs.civsam_rules``) may follow
    in the group that uses them; the names before the first group are the introduction's.
    """
    head, grouped = groups()
    for heading, names in [("", head), *grouped]:
        rows = [name for name, _ in chapter(heading).rows]
        bare = [name for name in rows if not name.startswith("civsam.")]
        where = f"the section '{heading}'" if heading else "the introduction"
        assert bare == list(names), f"{where} lists {bare}, __all__ groups {list(names)}"
        foreign = [
            name
            for name in rows
            if name.startswith("civsam.") and name.rpartition(".")[0] not in PARTIAL
        ]
        assert not foreign, f"{where} lists names of a public module's section: {foreign}"


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_a_module_section_lists_only_its_own_names(module: str) -> None:
    """A public module's section lists that module's names, written in full."""
    rows = [name for name, _ in chapter(module_heading(module)).rows]
    others = [name for name in rows if name.rpartition(".")[0] != module]
    assert not others, f"the section for {module} lists names of another module: {others}"


def test_every_group_has_an_example_that_uses_each_of_its_names() -> None:
    """Below each table, a python example shows every name in it at work."""
    unused: list[str] = []
    for each in chapters():
        if each.heading == RENAMED:
            continue
        for section in each.sections:
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
    head, grouped = groups()
    assert [*head, *(name for _, names in grouped for name in names)] == civsam.__all__


# -- Renamed in 0.2.0: every rename in the code is on the page, and really warns ----------


def renames_in_the_code() -> dict[str, str]:
    """Old name → new name, as the code's own deprecation warnings say them.

    Read from src/civsam: each ``warn_renamed("old", "new")`` with literal names, and each
    ``moved_module("civsam.old", new_module, (names…))`` (a module whose names moved).
    """
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = getattr(node.func, "id", getattr(node.func, "attr", None))
            texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
            if called == "warn_renamed" and len(texts) == len(node.args) == 2:
                found[str(texts[0])] = str(texts[1])
            elif called == "moved_module":
                old, new, names = node.args
                assert isinstance(old, ast.Constant), f"{path.name}: moved_module's old name"
                assert isinstance(old.value, str), f"{path.name}: moved_module's old name"
                assert isinstance(new, ast.Name), f"{path.name}: moved_module's new module"
                assert isinstance(names, ast.Tuple), f"{path.name}: moved_module's names"
                for name in names.elts:
                    assert isinstance(name, ast.Constant)
                    assert isinstance(name.value, str)
                    found[f"{old.value}.{name.value}"] = f"civsam.{new.id}.{name.value}"
    return found


RENAMES = renames_in_the_code()


def renamed_rows() -> dict[str, list[str]]:
    """The "Renamed" table: each old name (one code span) → the new names its row gives."""
    rows: dict[str, list[str]] = {}
    for section in chapter(RENAMED).sections:
        for cells in section.cells:
            assert len(cells) >= 2, f"a row of 'old | new | why': {cells}"
            assert len(cells[0]) == 1, f"one old name in code font a row: {cells[0]}"
            assert cells[0][0] not in rows, f"{cells[0][0]} is listed twice"
            rows[cells[0][0]] = cells[1]
    return rows


def test_the_renamed_section_lists_every_rename_in_the_code() -> None:
    """Each old name the code warns about has its row, with the new name the warning gives."""
    rows = renamed_rows()
    assert len(RENAMES) > 10, "the scan for warn_renamed and moved_module found too little"
    missing = sorted(RENAMES.keys() - rows.keys())
    assert not missing, f"'{RENAMED}' lacks these old names the code warns about: {missing}"
    stale = sorted(rows.keys() - RENAMES.keys())
    assert not stale, f"'{RENAMED}' lists old names no code warns about: {stale}"
    wrong = [f"{old}: {rows[old]}" for old, new in RENAMES.items() if new not in rows[old]]
    assert not wrong, f"rows that do not give the new name the warning says: {wrong}"


AS_OF = dt.date(2027, 1, 4)
Use = Callable[[], object]


def _report() -> civsam.Report:
    """A report of the bundled example, made afresh."""
    return civsam.make_report(civsam.example(), as_of=AS_OF)


def _new_report(*, start: dt.date | None = None, as_of: dt.date | None = None) -> civsam.Report:
    """A report built directly, given its day by the old or the new name."""
    project = civsam.example()
    ranking = civsam.prioritise(project)
    return civsam.Report(project, ranking, civsam.Language.DA, as_of=as_of, start=start)


def _set(attribute: str, settings: str) -> Use:
    """Set a project's ``settings`` (its own value) again, through ``attribute``'s setter."""
    project = civsam.example()
    value = getattr(project, settings)
    return lambda: setattr(project, attribute, value)


def _uses() -> dict[str, list[tuple[Use, Use]]]:
    """Each old name as code uses it, beside the same use with the new name."""
    project = civsam.example
    uses: dict[str, list[tuple[Use, Use]]] = {
        "civsam.available_rules()": [(civsam.available_rules, civsam.rules)],
        "Project.prioritisation": [
            (lambda: project().prioritisation, lambda: project().priority_settings),
            (
                _set("prioritisation", "priority_settings"),
                _set("priority_settings", "priority_settings"),
            ),
        ],
        "Project.planning": [
            (lambda: project().planning, lambda: project().plan_settings),
            (_set("planning", "plan_settings"), _set("plan_settings", "plan_settings")),
        ],
        "Project.readiness": [(lambda: project().readiness, lambda: project().readiness_answers)],
        "Report.today": [(lambda: _report().today, lambda: _report().as_of)],
        "Report.start": [(lambda: _report().start, lambda: _report().as_of)],
        "Report(start=…)": [(lambda: _new_report(start=AS_OF), lambda: _new_report(as_of=AS_OF))],
        "plan(start=…)": [
            (
                lambda: civsam.plan(project(), start=AS_OF),
                lambda: civsam.plan(project(), as_of=AS_OF),
            )
        ],
        "due(today=…)": [
            (lambda: civsam.due(project(), today=AS_OF), lambda: civsam.due(project(), as_of=AS_OF))
        ],
        "make_report(start=…)": [
            (
                lambda: civsam.make_report(project(), start=AS_OF),
                lambda: civsam.make_report(project(), plan_from=AS_OF),
            )
        ],
        "export(project, …)": [
            (
                lambda: civsam.export(project(), "csv"),  # type: ignore[arg-type]
                lambda: civsam.export_project(project(), "csv"),
            ),
            (
                lambda: civsam.export(project(), "csv"),  # type: ignore[arg-type]
                lambda: civsam.export(civsam.make_report(project()), "csv"),
            ),
        ],
        "export(start=…)": [
            (
                lambda: civsam.export(project(), "csv", start=AS_OF),  # type: ignore[arg-type]
                lambda: civsam.export_project(project(), "csv", plan_from=AS_OF),
            )
        ],
    }
    for old, new in RENAMES.items():
        if old not in uses:
            uses[old] = [(_getter(old), _getter(new))]
    return uses


def _getter(name: str) -> Use:
    """Get a module's attribute by its full name, as `from civsam.io import load` would."""
    module, _, attribute = name.rpartition(".")
    return lambda: getattr(importlib.import_module(module), attribute)


USES = _uses()


def test_every_rename_in_the_code_is_used_below() -> None:
    """The uses the next test makes are the code's renames: none missed, none invented."""
    assert sorted(USES) == sorted(RENAMES)


@pytest.mark.parametrize(
    ("old", "index"), [(old, index) for old, pairs in USES.items() for index in range(len(pairs))]
)
def test_an_old_name_warns_and_its_new_name_does_not(old: str, index: int) -> None:
    """The old name warns with DeprecationWarning, naming itself; the new name runs silently."""
    old_use, new_use = USES[old][index]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old_use()  # an old use may warn twice: export(project, start=…) does
    said = [str(each.message) for each in caught if each.category is DeprecationWarning]
    assert any(message.startswith(f"{old} is deprecated; use ") for message in said), (
        f"{old} did not warn that it is deprecated: {said}"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new_use()
