extensions = ["myst_parser", "handbook"]
myst_title_to_header = True
myst_enable_extensions = ["colon_fence"]
language = "nl"
locale_dirs = ["locale/"]
gettext_compact = False
html_theme = "basic"
handbook_editions = {
    "nl": {"project": "Testhandboek", "subtitle": "Test", "language_name": "Nederlands",
           "pdf_basename": "testhandboek", "pdf_language_tag": "nl-NL"},
    "en": {"project": "Test handbook", "subtitle": "Test", "language_name": "English",
           "pdf_basename": "test-handbook", "pdf_language_tag": "en-GB"},
}
handbook_latex_root = "index"
latex_engine = "xelatex"
latex_appendices = ["instrumenten"]
