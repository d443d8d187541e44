"""Sphinx configuration for civsam's documentation (MyST Markdown, the furo theme).

Build it with `nox -s docs`; warnings are errors there. The code examples in these pages
are run by tests/test_docs.py, not by Sphinx.
"""

import civsam

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
