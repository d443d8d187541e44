"""docs/architecture.md draws the import-linter contract that `lint-imports` enforces.

The page is where a new maintainer learns the layers, so it must be the contract, not a
memory of it: its list and its Mermaid diagram name the `layers` contract's layers in
order, its module table has a row for every module directly under src/civsam with the
layer the contract puts it in, and the contract stays exhaustive (and kept, where
`lint-imports` is installed). Change the layers in pyproject.toml and this test says
which part of the page to redraw.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "architecture.md"
PYPROJECT = ROOT / "pyproject.toml"
PACKAGE = ROOT / "src" / "civsam"

LAYERS_SECTION = "The layers"
MODULES_SECTION = "What each module owns"
NOT_MODULES = frozenset({"data", "py.typed", "__pycache__"})
"""Entries of src/civsam that are not modules: the bundled files, the typing marker."""

_LIST_ITEM = re.compile(r"^(?P<number>\d+)\. `(?P<layer>[^`]+)`", re.MULTILINE)
_MERMAID = re.compile(r"^```mermaid\n(?P<code>.*?)^```\s*$", re.MULTILINE | re.DOTALL)
_NODE = re.compile(r'\bL(?P<number>\d+)\["(?P<label>[^"]*)"\]')
_EDGE = re.compile(r"\bL(?P<source>\d+)\s*-->\s*L(?P<target>\d+)\b")
_ROW = re.compile(
    r"^\| `civsam\.(?P<module>[\w.]+)` \| (?P<layer>\d+) \| (?P<what>[^|]+?) \|$", re.MULTILINE
)


def _spaced(layer: str) -> str:
    """A layer as the contract writes it, with single spaces: `a : b`, `a | b`."""
    return " ".join(layer.split())


@dataclass(frozen=True)
class Contract:
    """The `layers` contract of pyproject.toml, outermost layer first."""

    raw: dict[str, Any]
    layers: tuple[str, ...]

    def layer_of(self, module: str) -> int | None:
        """The 1-based number of the layer naming ``module``, or None when none does."""
        for number, layer in enumerate(self.layers, start=1):
            if module in {name.strip() for name in re.split(r"[:|]", layer)}:
                return number
        return None


@functools.cache
def contract() -> Contract:
    """The contract with ``id = "layers"``, read with tomllib."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    found = [entry for entry in contracts if entry.get("id") == "layers"]
    assert len(found) == 1, "pyproject.toml has no import-linter contract with id = 'layers'"
    return Contract(found[0], tuple(_spaced(layer) for layer in found[0]["layers"]))


def section(title: str) -> str:
    """The text of the page's ``## title`` section, up to the next ``## `` heading."""
    text = PAGE.read_text(encoding="utf-8")
    match = re.search(
        rf"^## {re.escape(title)}\s*$(?P<body>.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL
    )
    assert match, f"docs/architecture.md has no '## {title}' section"
    return match["body"]


def modules_on_disk() -> set[str]:
    """Every module and subpackage directly under src/civsam, by its top-level name."""
    found: set[str] = set()
    for entry in PACKAGE.iterdir():
        if entry.name in NOT_MODULES or entry.name == "__init__.py" or entry.name[0] == ".":
            continue  # the package itself (its API spans every layer), data, caches
        if entry.is_dir() and (entry / "__init__.py").is_file():
            found.add(entry.name)
        elif entry.suffix == ".py":
            found.add(entry.stem)
        else:
            pytest.fail(f"src/civsam/{entry.name} is neither a module nor in NOT_MODULES")
    return found


def test_the_list_names_the_contracts_layers_in_order() -> None:
    """The numbered list is the contract's `layers`, outermost first, numbered from 1."""
    items = list(_LIST_ITEM.finditer(section(LAYERS_SECTION)))
    assert [_spaced(item["layer"]) for item in items] == list(contract().layers), (
        "docs/architecture.md's list of layers differs from pyproject.toml's contract"
    )
    assert [int(item["number"]) for item in items] == list(range(1, len(items) + 1))


def test_the_diagram_draws_the_same_layers_in_the_same_order() -> None:
    """The Mermaid flowchart has a node L1…Ln per layer, in order, chained outer to inner."""
    diagrams = list(_MERMAID.finditer(section(LAYERS_SECTION)))
    assert len(diagrams) == 1, "the layers section has no (or more than one) mermaid block"
    code = diagrams[0]["code"]
    assert code.lstrip().startswith("flowchart"), "the diagram is a Mermaid flowchart"
    nodes = list(_NODE.finditer(code))
    assert [_spaced(node["label"]) for node in nodes] == list(contract().layers), (
        "the Mermaid diagram's layers differ from pyproject.toml's contract"
    )
    numbers = [int(node["number"]) for node in nodes]
    assert numbers == list(range(1, len(nodes) + 1)), f"nodes not numbered in order: {numbers}"
    edges = {(int(edge["source"]), int(edge["target"])) for edge in _edges(code)}
    chain = {(number, number + 1) for number in numbers[:-1]}
    assert edges == chain, f"the arrows do not run L1 → L2 → … → L{len(nodes)}: {edges ^ chain}"


def _edges(code: str) -> list[re.Match[str]]:
    """Every `Lm --> Ln` arrow, also inside chains (`L1 --> L2 --> L3`)."""
    found: list[re.Match[str]] = []
    for line in code.splitlines():
        position = 0
        while match := _EDGE.search(line, position):
            found.append(match)
            position = match.start("target") - 1  # the target starts the next arrow
    return found


def test_every_module_has_a_row_with_its_contract_layer() -> None:
    """Each module under src/civsam has a row whose layer is the one the contract gives it."""
    rows = list(_ROW.finditer(section(MODULES_SECTION)))
    assert rows, "the module table has no rows"
    named = [row["module"] for row in rows]
    repeated = sorted({name for name in named if named.count(name) > 1})
    assert not repeated, f"modules with more than one row: {repeated}"
    on_disk = modules_on_disk()
    documented = {name.split(".")[0] for name in named}
    assert not on_disk - documented, f"modules with no row: {sorted(on_disk - documented)}"
    assert not documented - on_disk, f"rows for no module: {sorted(documented - on_disk)}"
    wrong: list[str] = []
    for row in rows:
        top = row["module"].split(".")[0]
        expected = contract().layer_of(top)
        assert expected is not None, f"civsam.{top} is in no layer of the contract"
        if int(row["layer"]) != expected:
            wrong.append(f"civsam.{row['module']}: page {row['layer']}, contract {expected}")
    assert not wrong, f"rows whose layer is not the contract's: {wrong}"
    layers = [int(row["layer"]) for row in rows]
    assert layers == sorted(layers), "the module table is not in layer order"


def test_the_contract_is_exhaustive_and_kept() -> None:
    """No module can escape the layers, and `lint-imports` finds every contract kept."""
    assert contract().raw.get("exhaustive") is True, "the layers contract must be exhaustive"
    assert contract().raw.get("containers") == ["civsam"]
    program = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which(
        "lint-imports"
    )
    if program is None:
        pytest.skip("lint-imports (import-linter) is not installed")
    result = subprocess.run(  # noqa: S603 - our own checker, on our own configuration
        [program, "--no-cache", "--no-logo", str(PYPROJECT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"lint-imports found a broken contract:\n{result.stdout}"


def test_the_page_is_found_and_parsed() -> None:
    """The checks above read something: the contract has layers and the disk has modules."""
    assert len(contract().layers) > 10
    assert {"model", "files", "cli", "protocols"} <= modules_on_disk()
