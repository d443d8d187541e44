"""Fake installed plugins for tests: a ``.dist-info`` folder and a module on sys.path.

Entry-point discovery is tested with fake distributions rather than installed packages
(the folder name needs underscores, or importlib.metadata merges distributions).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from civsam.plugins import reset_plugins


class FakeInstall:
    """Fake installed distributions in a folder on sys.path: ``.dist-info`` plus a module."""

    def __init__(self, folder: Path, *, dist: str, name: str, module: str) -> None:
        self.folder = folder
        self.defaults = {"dist": dist, "name": name, "module": module}
        self.modules: list[str] = []

    def add(
        self,
        source: str,
        *,
        dist: str | None = None,
        version: str = "1.0",
        name: str | None = None,
        module: str | None = None,
    ) -> None:
        """Install ``dist`` with one entry point ``name`` pointing at ``module``."""
        dist = dist or self.defaults["dist"]
        name = name or self.defaults["name"]
        module = module or self.defaults["module"]
        info = self.folder / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(f"[civsam]\n{name} = {module}\n", encoding="utf-8")
        (self.folder / f"{module}.py").write_text(source, encoding="utf-8")
        self.modules.append(module)


def fake_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, dist: str, name: str, module: str
) -> Iterator[FakeInstall]:
    """Yield a FakeInstall; afterwards plugins are reloaded and its modules forgotten."""
    for variable in ("CIVSAM_LOAD_PLUGINS", "CIVSAM_BLOCK_PLUGINS", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    fake = FakeInstall(tmp_path, dist=dist, name=name, module=module)
    reset_plugins()
    yield fake
    reset_plugins()
    for module_name in fake.modules:
        sys.modules.pop(module_name, None)
