"""The documentation's code examples run as tests, so they cannot rot.

Every Markdown page under docs/ (but not docs/_build/ or docs/examples/) is one test. Its
fenced blocks run in page order, in a fresh temporary working directory:

- a ```` ```python ```` block is executed; all blocks of a page share one namespace;
- in a ```` ```console ```` block, each `$ civsam …` line runs the command in-process and
  must exit 0, or N when the line ends with `# exits N`; the lines after it, up to the
  next `$ ` line, are its expected output (stdout, then stderr), checked when present;
- a ```` ```text ```` block right after a python block is that block's expected output;
- a block whose first line is `# doc: no-run` is shown but not run.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

import civsam

DOCS = Path(__file__).resolve().parent.parent / "docs"
NOT_PAGES = frozenset({"_build", "examples"})
NO_RUN = "# doc: no-run"
RUNNABLE = frozenset({"python", "console", "text"})

_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")
_EXITS = re.compile(r"#\s*exits\s+(?P<status>\d+)\s*$")


@dataclass(frozen=True)
class Block:
    """One fenced code block of a page: its language, the page line its code starts on, the code."""

    language: str
    line: int
    code: str


def code_blocks(text: str) -> list[Block]:
    """Return the page's runnable fenced blocks in order, looking inside directive fences."""
    blocks: list[Block] = []
    directives: list[str] = []  # the open ```{directive} fences, innermost last
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        index += 1
        if match is None:
            continue
        fence, info = match["fence"], match["info"]
        if not info and directives and fence.startswith(directives[-1]):
            directives.pop()
            continue
        if info.startswith("{"):
            directives.append(fence)
            continue
        start = index
        while index < len(lines):
            closing = _FENCE.match(lines[index])
            if closing and not closing["info"] and closing["fence"].startswith(fence):
                break
            index += 1
        language = info.split()[0] if info else ""
        code = "\n".join(lines[start:index]) + "\n"
        if language in RUNNABLE and code.lstrip().partition("\n")[0].rstrip() != NO_RUN:
            blocks.append(Block(language, start + 1, code))
        index += 1
    return blocks


def _pages() -> list[Path]:
    """Return every documentation page that is checked."""
    return sorted(
        page for page in DOCS.rglob("*.md") if page.relative_to(DOCS).parts[0] not in NOT_PAGES
    )


def _check_output(where: str, got: str, want: list[str]) -> None:
    """Compare printed output with the page's, line by line, trailing spaces ignored."""
    got_lines = [line.rstrip() for line in got.rstrip("\n").splitlines()]
    want_lines = [line.rstrip() for line in want]
    assert got_lines == want_lines, f"{where}: the output differs from the page"


def _run_python(block: Block, page: Path, namespace: dict[str, object]) -> None:
    """Execute a python block; its traceback names the page and the page's line numbers."""
    code = compile("\n" * (block.line - 1) + block.code, str(page), "exec")
    try:
        exec(code, namespace)  # noqa: S102 - running the docs' own examples is the point
    except Exception as error:
        error.add_note(f"in the python block at {page.relative_to(DOCS.parent)}:{block.line}")
        raise


def _run_console(block: Block, page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Run each `$ civsam …` line of a console block and check its exit status."""
    from civsam.cli import main  # noqa: PLC0415 - only pages with a console block need the CLI

    lines = block.code.splitlines()
    for offset, line in enumerate(lines):
        number = block.line + offset
        if not (line == "$ civsam" or line.startswith("$ civsam ")):
            continue
        following = lines[offset + 1 :]
        stop = next((i for i, rest in enumerate(following) if rest.startswith("$ ")), None)
        shown = following[:stop]
        expected = _EXITS.search(line)
        want = int(expected["status"]) if expected else 0
        argv = shlex.split(line.removeprefix("$ "), comments=True)[1:]
        try:
            status: object = main(argv)
        except SystemExit as exit_:
            status = exit_.code
        got = 0 if status is None else status
        output = capsys.readouterr()
        where = f"{page.relative_to(DOCS.parent)}:{number}"
        assert got == want, (
            f"{where}: `{line}` exited {got!r}, expected {want}\n"
            f"--- stdout ---\n{output.out}--- stderr ---\n{output.err}"
        )
        if shown:
            _check_output(where, output.out + output.err, shown)


@pytest.mark.parametrize("page", _pages(), ids=lambda page: page.relative_to(DOCS).as_posix())
def test_page_examples_run(
    page: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every python and console example on the page runs, in page order, as written."""
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    blocks = code_blocks(page.read_text(encoding="utf-8"))
    for index, block in enumerate(blocks):
        if block.language == "python":
            capsys.readouterr()
            _run_python(block, page, namespace)
            printed = capsys.readouterr().out
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and following.language == "text":
                where = f"{page.relative_to(DOCS.parent)}:{following.line}"
                _check_output(where, printed, following.code.splitlines())
        elif block.language == "console":
            _run_console(block, page, capsys)


# A page with every kind of fence the block reader must tell apart; lines are numbered 1…
SAMPLE_PAGE = """\
# Title
```python
x = 1
```
````{note}
```console
$ civsam check a.toml
```
````
```python
# doc: no-run
```
~~~toml
```python
~~~
:::{tip}
```python
y = 2
```
:::
```
```python
```
"""


def test_code_blocks_are_found() -> None:
    """The block reader finds python and console blocks, also inside directives, but not no-run."""
    assert code_blocks(SAMPLE_PAGE) == [
        Block("python", 3, "x = 1\n"),
        Block("console", 7, "$ civsam check a.toml\n"),
        Block("python", 18, "y = 2\n"),
    ]


def test_docs_pages_exist() -> None:
    """The docs are where the tests look for them, so the example tests are not vacuous."""
    assert DOCS / "index.md" in _pages()


@pytest.mark.parametrize("name", sorted(civsam.__all__))
def test_public_name_is_in_the_api_reference(name: str) -> None:
    """Every public name has its own entry in docs/api.md, so the reference cannot drift."""
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    entry = re.compile(rf"^\.\. \w+:: civsam\.{re.escape(name)}\s*$", re.MULTILINE)
    assert entry.search(api), f"docs/api.md has no `.. auto…:: civsam.{name}` entry"


_TEST_REFERENCE = re.compile(r"(?P<file>test_\w+\.py)?(?:::(?P<name>test_\w+))?")


def test_every_guarantee_names_tests_that_exist() -> None:
    """docs/guarantees.md names real test files and functions, and every row names one."""
    text = (DOCS / "guarantees.md").read_text(encoding="utf-8")
    here = Path(__file__).resolve().parent
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    held = [row for row in rows if not row.startswith("| guarantee |")]
    assert held, "docs/guarantees.md lists no guarantee"
    for row in held:
        current: Path | None = None
        named = 0
        for token in re.findall(r"`([^`]+)`", row.rsplit(" | ", 1)[-1]):
            match = _TEST_REFERENCE.fullmatch(token)
            if match is None or not (match["file"] or match["name"]):
                continue
            if match["file"]:
                current = here / match["file"]
                assert current.is_file(), f"docs/guarantees.md names {token}, which is not there"
                named += 1
            if match["name"]:
                assert current is not None, f"{token} follows no test file in: {row}"
                source = current.read_text(encoding="utf-8")
                definition = re.compile(rf"^\s*(?:async )?def {match['name']}\(", re.MULTILINE)
                assert definition.search(source), f"{current.name} has no {match['name']}"
        assert named, f"a guarantee without a test: {row}"
