"""axe-core in a real browser: the accessibility check the workshop board must pass.

:func:`install_axe` puts npm's ``axe-core`` package (major version :data:`AXE`) in the
civsam tests' cache beside the Mermaid tests' package (:func:`axe_folder`), once;
later runs reuse it with no network. :func:`run_axe` injects it into a page and returns
the violations. A board's policy allows its own script alone, so the page must be opened
in a context made with ``bypass_csp=True`` for axe's script to run. Whatever is missing
(npm, the network) is :class:`UnavailableError`, with a reason a test can skip with.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from _mermaid import _locked, cache_folder, npm_install

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["AXE", "SERIOUS", "axe_folder", "install_axe", "installed_version", "run_axe", "serious"]

AXE = "4"
"""The major version of ``axe-core`` the pages are checked with."""
INSTALL_TIMEOUT = 300.0
"""Seconds ``npm install`` may take on a slow network before the tests give up."""
SERIOUS = frozenset({"serious", "critical"})
"""The impacts a page must have no violation of."""


def axe_folder() -> Path:
    """Where the package is kept: ``$XDG_CACHE_HOME/civsam-tests/axe``.

    A folder of its own beside Mermaid's (:func:`_mermaid.cache_folder`): npm prunes
    packages a folder's ``package.json`` does not list, so one install would remove the
    other's package.
    """
    return cache_folder().parent / "axe"


def installed_version(folder: Path) -> str:
    """The version of the ``axe-core`` package in ``folder``, or "" if there is none."""
    manifest = folder / "node_modules" / "axe-core" / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return ""


def _ready(folder: Path, script: Path) -> bool:
    return script.is_file() and installed_version(folder).split(".")[0] == AXE


def install_axe(folder: Path | None = None) -> Path:
    """The path of ``axe.min.js``, installing ``axe-core@AXE`` with npm if needed.

    A folder that already holds the package is reused (no network); a failed install
    raises :class:`UnavailableError` with npm's last line.
    """
    folder = axe_folder() if folder is None else folder
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if _ready(folder, script):
        return script
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder / ".lock"):  # pytest-xdist's workers may all arrive at once
        if _ready(folder, script):
            return script
        return npm_install(folder, f"axe-core@{AXE}", script, "the accessibility tests")


_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
}"""


def run_axe(page: Page, script: Path) -> list[dict[str, Any]]:
    """Every violation axe finds on ``page`` (opened with ``bypass_csp=True``)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(script))
    violations: list[dict[str, Any]] = page.evaluate(_RUN)
    return violations


def serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The violations of serious or critical impact."""
    return [violation for violation in violations if violation["impact"] in SERIOUS]
