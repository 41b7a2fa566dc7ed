"""What a page tells search engines and link previews, in the language of its edition: a description,
OpenGraph properties (``og:title``, ``og:description``, ``og:locale`` and the other editions'
``og:locale:alternate``, ``og:site_name``, ``og:type``) and, when ``html_baseurl`` is set, ``og:url`` and a
canonical address that includes the edition's folder (Sphinx's own leaves it out).

The template writes them from ``handbook_page_meta``. The description is the first paragraph of the page
(a guideline's summary) that is in the edition's language (never Dutch text left untranslated in the
English edition), shortened to about 200 characters.

Why not sphinxext-opengraph: version 0.13.0 was built on tests/roots/test-site-extras (English edition,
``ogp_site_url`` set to the edition's folder) and its tags read back (December 2026):

- its description is the text of the page from the top, every leaf node joined, shortened: for
  ``over.html`` "Deze eerste alinea is nog niet vertaald. The second paragraph is translated ...": the
  Dutch text left untranslated comes first. It can be replaced per page only by an ``og:description``
  field in the page, and front matter is not translated;
- it writes nothing on pages without a doctree: ``search.html`` and ``genindex.html`` had no OpenGraph
  tags at all;
- it has no ``og:locale`` nor ``og:locale:alternate``, and one ``og:type`` for every page (``website``);
- it leaves the canonical link to Sphinx, which lacks the edition's folder.
"""

from __future__ import annotations

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.locale import _ as sphinx_

from .addresses import page_address, site_base
from .editions import published
from ..i18n.translation_notice import translation_notice

MAX_DESCRIPTION = 200
SKIPPED_CLASSES = {"sd-card", "admonition"}
# pages whose title their template sets (Sphinx's messages, translated by Sphinx's catalogue)
TEMPLATE_TITLES = {"genindex": "Index", "search": "Search"}


def og_locale(language_tag: str) -> str:
    """``nl-NL`` -> ``nl_NL`` (OpenGraph writes locales with an underscore)."""
    return language_tag.replace("-", "_")


def shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _in_edition_language(node: nodes.Element, source_class: str) -> bool:
    return node.get("translated") is not False and source_class not in node["classes"] and not any(
        source_class in child.get("classes", []) for child in node.findall(nodes.Element))


def _skipped(node: nodes.Node) -> bool:
    while node is not None:
        if isinstance(node, translation_notice) or (
                isinstance(node, nodes.Element) and SKIPPED_CLASSES & set(node.get("classes", []))):
            return True
        node = node.parent
    return False


def describe(app: Sphinx, pagename: str, doctree: nodes.document | None) -> str:
    if doctree is None:
        return ""
    source_class = f"language-{app.config.handbook_source_language}"
    for paragraph in doctree.findall(nodes.paragraph):
        if not _skipped(paragraph) and _in_edition_language(paragraph, source_class) and paragraph.astext().strip():
            return shorten(paragraph.astext())
    return ""


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    config = app.config
    editions = config.handbook_editions
    url = page_address(config, config.language, app.builder.get_target_uri(pagename)) if site_base(config) else None
    if url:
        context["pageurl"] = url  # the canonical link; Sphinx's would lack the edition's folder
    title = Markup(context.get("title") or "").striptags()
    if not title and pagename in TEMPLATE_TITLES:
        title = str(sphinx_(TEMPLATE_TITLES[pagename]))
    title = title or editions[config.language]["project"]
    description = describe(app, pagename, doctree)
    properties = [
        ("og:type", "website" if pagename == config.root_doc else "article"),
        ("og:site_name", editions[config.language]["project"]),
        ("og:title", title),
        ("og:locale", og_locale(editions[config.language]["pdf_language_tag"])),
    ]
    properties += [("og:locale:alternate", og_locale(edition["pdf_language_tag"]))
                   for language, edition in editions.items()
                   if language != config.language and language in published(config)]
    if description:
        properties.append(("og:description", description))
    if url:
        properties.append(("og:url", url))
    context["handbook_page_meta"] = {"description": description, "properties": properties}


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _page_context, priority=650)  # after editions (600)
