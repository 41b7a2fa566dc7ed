"""A small bilingual site, published at an address (html_baseurl), with the handbook's page templates: for
the sitemap, the page metadata and the 404 page (site_extras.py)."""

from pathlib import Path

import handbook  # on sys.path through tests/conftest.py

extensions = ["myst_parser", "handbook"]
language = "nl"
project = "Proefsite"
html_theme = "furo"
templates_path = [str(Path(handbook.__file__).resolve().parents[2] / "source" / "_templates")]
html_baseurl = "https://example.org/handboek/"
locale_dirs = ["locale"]
gettext_compact = False
myst_title_to_header = True
handbook_editions = {
    "nl": {"project": "Proefsite", "subtitle": "-", "language_name": "Nederlands", "pdf_basename": "proef",
           "pdf_language_tag": "nl-NL"},
    "en": {"project": "Trial site", "subtitle": "-", "language_name": "English", "pdf_basename": "trial",
           "pdf_language_tag": "en-GB"},
}
