"""Three editions, as source/_data/editions.toml lists them: Dutch (the source), English (complete) and
Western Frisian (a draft, one message of four translated; babel knows it only from TeX Live's .ini locale),
with the handbook's page templates: the language menu, hreflang, sitemaps, the notice, the PDF's language."""

import tomllib
from pathlib import Path

import handbook  # on sys.path through tests/conftest.py

HERE = Path(__file__).parent
extensions = ["myst_parser", "handbook"]
language = "nl"
project = "Proefsite"
html_theme = "furo"
templates_path = [str(Path(handbook.__file__).resolve().parents[2] / "source" / "_templates")]
html_baseurl = "https://example.org/handboek/"
locale_dirs = ["locale"]
gettext_compact = False
myst_title_to_header = True
handbook_editions = tomllib.loads((HERE / "editions.toml").read_text(encoding="utf-8"))
latex_engine = "xelatex"
release = "1.0"
# the handbook's stylesheet and script: the language menu's look and its Escape key
html_static_path = [str(Path(handbook.__file__).resolve().parents[2] / "source" / "_static")]
html_css_files = ["handbook.css"]
html_js_files = [("handbook.js", {"defer": "defer"})]
