"""Sphinx configuration of the handbook. Per-language values live in ``handbook_editions`` and are applied
by the handbook extension once the build language is known."""

import os
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_extensions"))

release = version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
author = "Redactie Richtlijnen voor digitale systemen"
copyright = "2026, " + author  # noqa: A001 (Sphinx's name)

extensions = ["myst_parser", "sphinx_design", "handbook"]
language = "nl"
root_doc = "index"
exclude_patterns = ["_build"]
templates_path = ["_templates"]

# The editions, one per language (the first is the source language): source/_data/editions.toml, the one list
# that the build scripts read too. `make add-language CODE=xx NAME=Name` adds one.
handbook_editions = tomllib.loads((ROOT / "source" / "_data" / "editions.toml").read_text(encoding="utf-8"))
handbook_source_language = next(iter(handbook_editions))

# Publisher and contact points: the statement pages (accessibility, privacy, vulnerabilities), security.txt.
handbook_contact = {
    "publisher": author,
    "email": "bureau.architectuur@minbzk.nl",
    "vulnerability_report": "https://www.ncsc.nl/contact/kwetsbaarheid-melden",
    "response_days": 5,
}
# The repository (GitHub or GitLab address): "Report a problem" and "Suggest a change" on every page;
# publishers set it with HANDBOOK_REPOSITORY at build time. Empty: neither link is shown.
handbook_repository = os.environ.get("HANDBOOK_REPOSITORY", "")
handbook_repository_branch = "main"

# MyST: the front-matter title is the page heading, and is translated like any heading.
myst_title_to_header = True
myst_enable_extensions = ["colon_fence", "substitution"]
myst_heading_anchors = 3

# Translations: locale/<lang>/LC_MESSAGES/<docname>.po, one catalogue per page.
locale_dirs = ["../locale/"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
gettext_last_translator = "Redactie"
translation_progress_classes = True

graphviz_output_format = "svg"

# The published address (e.g. https://example.org/handbook/), for absolute hreflang, sitemap, og:url and
# canonical links; publishers set it with HANDBOOK_BASE_URL at build time.
html_baseurl = os.environ.get("HANDBOOK_BASE_URL", "")

html_theme = "furo"
html_static_path = ["_static"]
html_css_files = ["handbook.css"]
html_js_files = [("handbook.js", {"defer": "defer"})]
html_copy_source = False
html_show_sourcelink = False
html_permalinks_icon = "#"
html_use_index = False  # no index entries: the page would be empty (and written on every build)
html_last_updated_fmt = None
html_theme_options = {
    "top_of_page_buttons": [],
    "navigation_with_keys": False,
}

today_fmt = "%d %B %Y"

handbook_latex_root = "richtlijnen/index"
# the published PDFs are tagged for screen readers (2 minutes of CPU per edition); HANDBOOK_PDF_TAGGING=0
# gives an untagged draft in seconds, e.g. to check the layout
handbook_pdf_tagging = os.environ.get("HANDBOOK_PDF_TAGGING", "1") != "0"
latex_engine = "xelatex"
latex_show_urls = "footnote"
latex_use_xindy = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontpkg": "\\setmainfont{FreeSerif}\n\\setsansfont{FreeSans}\n\\setmonofont{FreeMono}",
    "printindex": "",
}
latex_domain_indices = False
latex_appendices = ["richtlijnen/relaties", "instrumenten"]
