"""Sphinx configuration for civsam's documentation (MyST Markdown, the furo theme).

Build it with `nox -s docs`; warnings are errors there. The code examples in these pages
are run by tests/test_docs.py, not by Sphinx. The pictures the pages show are drawn from
the bundled example when the build starts (see make_pictures.py), and so are the workshop
how-to's screenshots of the board in Chromium (make_screenshots.py; labelled stand-ins
where there is no Chromium), so they always show what this version of civsam draws; they
are not committed.
"""

import sys
from pathlib import Path

from sphinx.application import Sphinx

import civsam

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_pictures  # importable once its folder is on the path (ruff allows it)
import make_screenshots

project = "civsam"
author = "The civsam developers"
copyright = "2026, The civsam developers"
release = civsam.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
# No intersphinx: the docs must build without a network.

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
# The example plugin packages are shipped as files, shown through includes, not as pages.
exclude_patterns = ["_build", "examples/**", "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

nitpicky = False
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"show-inheritance": True}

html_theme = "furo"
html_title = f"civsam {release}"


def _draw_pictures(app: Sphinx) -> None:
    """Draw the pages' pictures before Sphinx reads the pages that show them."""
    make_pictures.write_pictures(Path(app.srcdir) / "_generated")
    make_screenshots.write_screenshots(Path(app.srcdir) / "_generated")


def setup(app: Sphinx) -> dict[str, bool]:
    """Hook the pictures into the build; show Mermaid diagrams' source as text.

    GitHub draws a ```` ```mermaid ```` block; the built site shows its source (Pygments
    has no Mermaid lexer, and ``-W`` would fail on the unknown name).
    """
    from pygments.lexers.special import TextLexer  # noqa: PLC0415 - only for the build

    app.add_lexer("mermaid", TextLexer)
    app.connect("builder-inited", _draw_pictures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
