"""Pages with a complete, a partial and no English catalogue, a guideline with instrument cards, and a German
edition whose interface (the extension's catalogue) is not translated."""

extensions = ["myst_parser", "handbook"]
language = "nl"
project = "Vertaalproef"
locale_dirs = ["locale"]
gettext_compact = False
translation_progress_classes = True
myst_title_to_header = True
myst_enable_extensions = ["colon_fence"]
html_theme = "basic"
handbook_editions = {
    language: {"project": project, "subtitle": "-", "language_name": name, "pdf_basename": "proef",
               "pdf_language_tag": language}
    for language, name in (("nl", "Nederlands"), ("en", "English"), ("de", "Deutsch"))
}
# the handbook's own schema for this test root's small registry
import handbook as _handbook  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

handbook_registry_schema = str(_Path(_handbook.__file__).resolve().parents[2] / "source/_data/instrumenten.schema.json")
