"""The editions (``handbook_editions``, read from source/_data/editions.toml): per-language settings
(applied at ``config-inited``, because ``conf.py`` runs before ``-D language=..`` is known) and, on every
HTML page, the switch to the same page in the other editions, ``hreflang`` alternates and the link to the
PDF of the page's language.

The published folder holds one edition per language next to each other and the PDFs in ``downloads/``::

    site/nl/<page>.html   site/en/<page>.html   site/fy/<page>.html   site/downloads/<pdf>

An edition marked ``draft`` is built and reachable from the switch (marked as a draft), but search engines
are kept away: no ``hreflang`` or sitemap entry points to it, and its pages say ``noindex``. An edition whose
catalogues are not fully translated shows its percentage in the switch.
"""

from __future__ import annotations

import hashlib
import math
import re
from pathlib import Path

from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.locale import _ as sphinx_
from sphinx.locale import get_translator
from sphinx.util.docutils import SphinxDirective

from ..render.latex_language import babel_package
from .addresses import site_root_from, to_site_root
from .edition_keys import REQUIRED
from .remembered import file_stamps, remembered


def pdf_filename(config: Config, language: str) -> str:
    edition = config.handbook_editions[language]
    return f"{edition['pdf_basename']}-{config.release}-{language}.pdf"


def published(config: Config) -> list[str]:
    """The editions search engines are told about (hreflang, x-default, sitemaps): all but the drafts."""
    return [code for code, edition in config.handbook_editions.items() if not edition.get("draft")]


def catalogues_of(locale_dirs: list[Path], language: str) -> list[Path]:
    return sorted(po for folder in locale_dirs for po in (folder / language / "LC_MESSAGES").rglob("*.po"))


def message_counts(po: Path) -> list[int]:
    """[messages, translated (not fuzzy)] of one catalogue."""
    messages = translated = 0
    with po.open("rb") as source:
        for message in read_po(source, locale=None):
            if message.id:
                messages += 1
                translated += bool(message.string) and not message.fuzzy
    return [messages, translated]


def percent(counts: list[list[int]]) -> int:
    """Whole percent of the messages that are translated, rounded down, as ``make stats`` counts them."""
    messages, translated = (sum(column) for column in zip(*counts)) if counts else (0, 0)
    return math.floor(100 * translated / messages) if messages else 0


def translation_percent(locale_dirs: list[Path], language: str) -> int:
    """The edition's percentage over every catalogue in ``<locale_dir>/<language>/LC_MESSAGES``."""
    return percent([message_counts(po) for po in catalogues_of(locale_dirs, language)])


def _measure_progress(app: Sphinx, config: Config) -> None:
    """The translation percentage of every translated edition that is not complete. A config value with
    rebuild "html": when a percentage changes, every page (whose language switch shows it) is written again.
    Each catalogue's counts are remembered apart: a translator's edit reads one catalogue again, not all."""
    source = config.handbook_source_language
    locale_dirs = [Path(app.srcdir, directory) for directory in config.locale_dirs]
    progress = {}
    for code in config.handbook_editions:
        if code != source:
            counts = []
            for po in catalogues_of(locale_dirs, code):
                name = "progress-" + hashlib.sha256(str(po).encode()).hexdigest()[:16]
                key = [hashlib.sha256(po.read_bytes()).hexdigest(), file_stamps([__file__])]
                counts.append(remembered(app, name, key, lambda po=po: message_counts(po)))
            if (edition_percent := percent(counts)) < 100:
                progress[code] = edition_percent
    config.handbook_edition_progress = progress


def _apply_edition(app: Sphinx, config: Config) -> None:
    editions = config.handbook_editions
    if config.language not in editions:
        raise ConfigError(f"language {config.language!r} has no entry in handbook_editions "
                          f"(known: {', '.join(editions)}); build with -D language=<one of those>.")
    for language, edition in editions.items():
        missing = [key for key in REQUIRED if key not in edition]
        if missing:
            raise ConfigError(f"handbook_editions[{language!r}] lacks {', '.join(missing)}.")
    edition = editions[config.language]
    config.project = edition["project"]
    config.html_title = edition["project"]
    config.html_short_title = edition["project"]
    texname = pdf_filename(config, config.language).removesuffix(".pdf") + ".tex"
    config.latex_documents = [(config.handbook_latex_root, texname, edition["project"], config.author, "manual")]
    config.latex_elements = {
        **config.latex_elements,
        "babel": babel_package(config.language, edition),  # babel, not polyglossia: see latex_language
        "polyglossia": "",
        "releasename": edition.get("release_name", "Release"),
        "preamble": config.latex_elements.get("preamble", "") + "\n" + (
            r"\hypersetup{pdftitle={%s}, pdfauthor={%s}, pdflang={%s}, pdfsubject={%s}, pdfkeywords={%s}}"
            % (edition["project"], config.author, edition["pdf_language_tag"], edition["subtitle"],
               edition.get("keywords", ""))),
        # chapter headings come from handbook.sty (titlesec): fncychap's upper case turns the Dutch
        # "ij" of "BIJLAGE" into one glyph
        "fncychap": "",
    }


FURO_TOGGLE = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


def _translate_furo_navigation(context: dict) -> None:
    """The accessible name of each fold-out switch in the sidebar, in the edition's language.

    A replacement in HTML, kept because nothing else reaches this text: furo 2025.12.19 writes
    ``aria-label="Toggle navigation of <title>"`` in Python (furo's navigation module, with
    BeautifulSoup), in English, into the finished HTML string it hands the template as
    ``furo_navigation_tree``. No template block, node or configuration value of furo or Sphinx sets that
    label; the only other way in would be to patch furo's private function. The navigation comes from furo,
    or from ``speedups.navigation`` with the same bytes, and is translated here in both cases.
    """
    tree = context.get("furo_navigation_tree")
    if tree:
        context["furo_navigation_tree"] = FURO_TOGGLE.sub(
            lambda m: 'aria-label="%s"' % sphinx_("Toggle navigation of {title}").format(title=m.group(1)), tree)


SEARCH_SUMMARY = ("Search finished, found one page matching the search query.",
                  "Search finished, found ${resultCount} pages matching the search query.")


def _search_summary() -> dict | None:
    """The search page's result count from the edition's interface catalogue, for search.html to hand to
    Sphinx's script (its own catalogue of a language may leave the text empty, or not exist). Here and not
    in the template: Sphinx's gettext builder fails on a plural message in a template (a tuple it cannot
    escape)."""
    one, many = SEARCH_SUMMARY
    translator = get_translator()  # Sphinx's interface catalogue, with the project's locale/<language>/sphinx.po
    forms = [translator.ngettext(one, many, 1), translator.ngettext(one, many, 2)]
    return {one: forms} if forms[0] != one else None


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    config = app.config
    _translate_furo_navigation(context)
    relative_root, base = to_site_root(pagename), site_root_from(config, pagename)
    alternates = []
    for language, edition in config.handbook_editions.items():
        alternates.append({
            "lang": language,
            "name": edition["language_name"],
            "href": f"{relative_root}{language}/{pagename}.html",
            "absolute": f"{base}{language}/{pagename}.html",
            "current": language == config.language,
            "draft": bool(edition.get("draft")),
            "published": not edition.get("draft"),
            "progress": config.handbook_edition_progress.get(language),
        })
    context["handbook_alternates"] = alternates
    context["handbook_current_edition"] = next(alt for alt in alternates if alt["current"])
    context["handbook_default_language"] = next(iter(config.handbook_editions))
    if pagename == "search":
        context["handbook_search_summary"] = _search_summary()
    context["handbook_pdf"] = f"{relative_root}downloads/{pdf_filename(config, config.language)}"
    context["handbook_pdf_name"] = pdf_filename(config, config.language)


class pdf_downloads(nodes.General, nodes.Element):
    """Replaced by links to the PDF of every edition (HTML only: a PDF needs no link to itself)."""


class PdfDownloadsDirective(SphinxDirective):
    def run(self):
        return [pdf_downloads()]


def _resolve_downloads(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    config = app.config
    from ..render.nodes import on_screen  # noqa: PLC0415 (render imports this module)

    for node in list(doctree.findall(pdf_downloads)):
        items = nodes.bullet_list(classes=["pdf-downloads"])
        for language, edition in config.handbook_editions.items():
            filename = pdf_filename(config, language)
            text = f"{edition['project']} ({edition['language_name']}, PDF)"
            ref = nodes.reference(text, text, refuri=f"{to_site_root(docname)}downloads/{filename}")
            items += nodes.list_item("", nodes.paragraph("", "", ref, nodes.Text(f" — {filename}")))
        node.replace_self(on_screen("", items))  # a PDF needs no links to the PDFs


def _language_menu_style(app: Sphinx, config: Config) -> None:
    """The language menu's stylesheet, only where there is a menu: a two-edition site has a plain link, and
    its pages stay lighter (issue 12's page weight)."""
    if len(config.handbook_editions) > 2:
        app.add_css_file("language-menu.css")


def setup(app: Sphinx) -> None:
    app.add_node(pdf_downloads)
    app.add_directive("pdf-downloads", PdfDownloadsDirective)
    app.connect("doctree-resolved", _resolve_downloads)
    app.add_config_value("handbook_editions", {}, "env", dict)
    app.add_config_value("handbook_edition_progress", {}, "html", dict)  # measured, not set in conf.py
    # the document whose toctree makes the chapters of the PDF
    app.add_config_value("handbook_latex_root", "index", "env", str)
    # priority 800: after other extensions filled their defaults, before builders read the config
    app.connect("config-inited", _apply_edition, priority=800)
    app.connect("config-inited", _measure_progress, priority=810)
    app.connect("config-inited", _language_menu_style, priority=820)
    app.connect("html-page-context", _page_context, priority=600)  # after furo's (500)
