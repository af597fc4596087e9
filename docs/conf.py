"""Sphinx configuration for the asn-competency documentation."""

project = "asn-competency"
author = "asn-competency developers"
copyright = "2026, asn-competency developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True  # signatures show POLICY_NAME, not its repr
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
intersphinx_mapping: dict[str, tuple[str, None]] = {}
nitpicky = False
suppress_warnings = ["ref.python"]
html_theme = "alabaster"
