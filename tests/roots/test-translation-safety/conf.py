"""A page whose English catalogue tries to smuggle HTML, script, directives and foreign links in."""

extensions = ["myst_parser", "handbook"]
language = "nl"
project = "Vertaalproef"
locale_dirs = ["locale"]
gettext_compact = False
translation_progress_classes = True
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
handbook_editions = {
    language: {"project": project, "subtitle": "-", "language_name": name, "pdf_basename": "proef",
               "pdf_language_tag": language}
    for language, name in (("nl", "Nederlands"), ("en", "English"))
}
