"""The system Chromium, driven by Playwright: one way to find and start it for every test.

Playwright's own browser downloads are never used: the tests run in Debian's `chromium`
(`apt-get install chromium`; `.ci/run` installs it). Where it cannot be had, the tests
that need it are skipped with the reason and what would fix it.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser

__all__ = ["CHROMIUM_ARGS", "UnavailableError", "chromium", "find_chromium"]

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
"""A quiet headless Chromium: no sandbox (CI runs as root), no GPU, no calls home."""


class UnavailableError(Exception):
    """Chromium cannot be had here: the message says why, and what would fix it."""


def find_chromium() -> str | None:
    """Debian's Chromium, where the system has it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    return found


@contextlib.contextmanager
def chromium(purpose: str) -> Iterator[Browser]:
    """A headless system Chromium; :class:`UnavailableError` saying ``purpose`` if none starts."""
    try:
        from playwright.sync_api import Error, sync_playwright  # noqa: PLC0415
    except ImportError:
        msg = f"{purpose} need Playwright for Python (the 'tests' dependency group)"
        raise UnavailableError(msg) from None
    executable = find_chromium()
    if executable is None:
        msg = (
            f"{purpose} need Chromium: looked for 'chromium' and 'chromium-browser' on PATH "
            "and /usr/bin/chromium; install it with 'apt-get install chromium' (.ci/run does this)"
        )
        raise UnavailableError(msg)
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=executable, args=list(CHROMIUM_ARGS), headless=True
            )
        except Error as error:
            lines = str(error).strip().splitlines()
            msg = (
                f"{purpose} could not start Chromium at {executable}: "
                f"{lines[0] if lines else error}; reinstall it with 'apt-get install chromium'"
            )
            raise UnavailableError(msg) from None
        try:
            yield browser
        finally:
            browser.close()
