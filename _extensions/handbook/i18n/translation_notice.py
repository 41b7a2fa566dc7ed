"""How a translated edition treats its translations: guarded, labelled and honest about gaps.

- **Guard** (read time, around Sphinx's ``Locale`` transform): MyST parses every msgstr, so a translation
  could bring ``<script>``, an ``onerror`` attribute, a role or a link the Dutch source never had, or drop
  the source's bold text or link. A translation is rejected when its markup differs from the msgid's
  (``markup.compare``, the comparison ``make check-po`` uses: missing counts as much as extra), or when
  it produces any element without an identical twin (type, classes, target) in the Dutch source: the Dutch
  text is shown and a warning names the catalogue, the msgid and the difference (``-W`` fails the build).
- **Counting** (read time): messages of a page without any catalogue count as untranslated, and the
  front-matter fields (not shown on the page, not in the catalogue) do not count at all, so
  ``document['translation_progress']`` matches the catalogue.
- **Readers** (HTML, when the page is resolved): a page that is not fully translated gets a localized notice
  at the top of its first section, and every element still in Dutch gets ``lang="nl"`` (docutils writes a
  ``language-nl`` class as that attribute), so screen readers pronounce it as Dutch.

Nothing here acts in the source-language edition or in the gettext build.
"""

from __future__ import annotations

import math
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.locale import get_translator
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import parse_noqa
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from . import markup
from .catalogue import _

logger = logging.getLogger(__name__)

SOURCE_COPY = "handbook_source_children"  # temporary attribute: the Dutch children, for the guard
# attributes through which an element points somewhere; a translation may only reuse the source's
TARGET_ATTRIBUTES = ("refuri", "refid", "refname", "reftarget", "reftype", "refdomain", "uri", "format")
NOTICE_MSGID = ("Een deel van deze pagina is nog niet vertaald en wordt in het Nederlands getoond "
                "({percent}% vertaald).")
NOTICE = _(NOTICE_MSGID)


def _translating(transform: SphinxTransform) -> bool:
    """A build of a translated edition (not the Dutch one, not the message extraction)."""
    return (transform.config.language != transform.config.handbook_source_language
            and not getattr(transform.env, "handbook_extracting", False))


def _note_builder(app: Sphinx) -> None:
    """Whether this build extracts messages (the gettext builder): then there is nothing to guard."""
    app.env.handbook_extracting = isinstance(app.builder, MessageCatalogBuilder)


def _guarded(node: nodes.Element) -> bool:
    """Messages whose translation replaces the node's children (not an attribute, as for images)."""
    return not isinstance(node, (addnodes.translatable, nodes.image, nodes.meta))


def _signature(node: nodes.Element) -> tuple:
    if isinstance(node, nodes.raw):
        return ("raw", node.get("format"), node.astext())
    targets = tuple((name, str(node[name])) for name in TARGET_ATTRIBUTES if node.get(name))
    return (type(node).__name__, tuple(sorted(node.get("classes", []))), targets)


def _signatures(children: list[nodes.Node]) -> list[tuple]:
    found = []
    for child in children:
        if isinstance(child, nodes.Element):
            found.extend(_signature(element) for element in child.findall(nodes.Element))
    return found


class KeepSourceMarkup(SphinxTransform):
    """Before translation: keep each message's Dutch content for the guard. The Locale transform replaces
    a node's list of children and leaves the old children as they are, so no copy is needed."""

    default_priority = 19  # sphinx.transforms.i18n.Locale runs at 20

    def apply(self) -> None:
        if not _translating(self):
            return
        for node, _msg in extract_messages(self.document):
            if _guarded(node):
                node[SOURCE_COPY] = list(node.children)


class GuardTranslations(SphinxTransform):
    """After translation, before the progress is counted: reject translations with foreign elements,
    and make the translated/untranslated marks describe what the reader sees."""

    default_priority = 21  # after Locale (20), before TranslationProgressTotaliser (25)

    def apply(self) -> None:
        if not _translating(self):
            return
        messages = list(extract_messages(self.document))
        front_matter = self._front_matter()
        for node, _msg in messages:
            if any(ancestor in front_matter for ancestor in _ancestors(node)):
                node.attributes.pop("translated", None)  # never shown, not in the catalogue
            else:
                node.setdefault("translated", False)  # no catalogue for this page at all
        translator = self._translator()
        for node, msg in messages:
            source_children = node.attributes.pop(SOURCE_COPY, None)
            if node.get("translated") and source_children is not None:
                self._check(node, msg, translator.gettext(msg), source_children)
        for node in self.document.findall(lambda n: isinstance(n, nodes.Element) and SOURCE_COPY in n):
            del node[SOURCE_COPY]  # a message that was not looked up after all

    def _translator(self):
        """This page's catalogue, as the Locale transform just loaded it (Sphinx keeps it by text domain)."""
        return get_translator(docname_to_domain(self.env.docname, self.config.gettext_compact), "general")

    def _front_matter(self) -> list[nodes.Element]:
        """The field list that docutils turns into docinfo (MyST puts the YAML front matter there) and
        Sphinx removes from the page."""
        found = [docinfo for docinfo in self.document.findall(nodes.docinfo)]
        index = self.document.first_child_not_matching_class(nodes.PreBibliographic)
        if index is not None and isinstance(self.document[index], nodes.field_list):
            found.append(self.document[index])
        return found

    def _check(self, node: nodes.Element, msg: str, msgstr: str, source_children: list[nodes.Node]) -> None:
        differences = [message for _rule, message in markup.compare(msg, parse_noqa(msgstr)[0])]
        allowed = set(_signatures(source_children))
        foreign = [sig for sig in _signatures(node.children) if sig not in allowed]
        if not differences and not foreign:
            return
        node.children = []
        node.extend(source_children)
        node["translated"] = False
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        candidates = [(Path(self.env.srcdir) / locale_dir / self.config.language / "LC_MESSAGES"
                       / f"{domain}.po").resolve() for locale_dir in self.config.locale_dirs]
        catalogue = next((path for path in candidates if path.exists()), candidates[0])
        line = _msgstr_line(catalogue, msg)
        short = msg if len(msg) <= 60 else msg[:57] + "..."
        what = differences[0] if differences else (
            f"produces {_describe(foreign[0])}, which the Dutch source does not have. Keep the markup of the msgid.")
        logger.warning(
            "translation rejected, the Dutch text is shown: the msgstr of %r in %s%s %s See TRANSLATING.md; "
            "'make check-po' lists every difference.",
            short, _shown(catalogue), f":{line}" if line else "", what,
            location=node, type="handbook", subtype="translation")


def _msgstr_line(catalogue: Path, msgid: str) -> int | None:
    """The line of the msgstr of ``msgid`` in the .po file, for the message (None if not found)."""
    import polib  # noqa: PLC0415 (only needed for a rejected translation)

    try:
        entry = polib.pofile(str(catalogue)).find(msgid)
        lines = catalogue.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return None
    if entry is None:
        return None
    number = entry.linenum
    while number <= len(lines) and not lines[number - 1].startswith("msgstr"):
        number += 1
    return number if number <= len(lines) else entry.linenum


def _shown(path: Path) -> str:
    """The path as the person who runs the build can open it: relative to the current folder if inside."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _describe(signature: tuple) -> str:
    if signature[0] == "raw":
        return f"raw {signature[1]} {signature[2]!r}"
    name, classes, targets = signature
    parts = [f"a {name} element"]
    if classes:
        parts.append("with classes " + " ".join(classes))
    if targets:
        parts.append("with " + ", ".join(f"{key}={value!r}" for key, value in targets))
    return " ".join(parts)


class KeepStateOfDissolvedInlines(SphinxTransform):
    """A translatable inline (an action card's button text) is dissolved into its parent at priority 999;
    the parent keeps its translated state, so that the HTML can still mark it as Dutch."""

    default_priority = 990

    def apply(self) -> None:
        if not _translating(self):
            return
        for inline in self.document.findall(nodes.inline):
            if "translatable" in inline and "translated" in inline and inline.parent is not None:
                inline.parent["translated"] = inline["translated"]


class translation_notice(nodes.Admonition, nodes.Element):
    """"Part of this page has not been translated yet": a note at the top of the page."""


def visit_translation_notice_html(self, node: translation_notice) -> None:
    self.body.append(self.starttag(node, "div", CLASS="translation-notice", role="note"))


def depart_translation_notice_html(self, node: translation_notice) -> None:
    self.body.append("</div>\n")


def _notice(app: Sphinx, progress: dict) -> translation_notice:
    # rounded down: a page that is 99.6% translated is not "100% translated"
    percent = math.floor(100 * progress["translated"] / progress["total"])
    label = str(NOTICE)
    text = label.format(percent=percent)
    paragraph = nodes.paragraph(text, text)
    if label == NOTICE_MSGID:
        # the extension has no catalogue for this language: the notice itself is Dutch
        paragraph["classes"].append(f"language-{app.config.handbook_source_language}")
    return translation_notice("", paragraph)


def _insert_notice(doctree: nodes.document, notice: translation_notice) -> None:
    """At the top of the first section: after its title and a guideline's summary."""
    section = doctree.next_node(nodes.section)
    if section is None:
        doctree.insert(0, notice)
        return
    index = 0
    while index < len(section) and (isinstance(section[index], nodes.title)
                                    or "guideline-summary" in section[index].get("classes", [])):
        index += 1
    section.insert(index, notice)


# elements the HTML writer writes as a tag with the node's classes; other text elements (a sphinx-design
# card title, for one) get a <span> around their text instead
TAGGED = (nodes.paragraph, nodes.title, nodes.rubric, nodes.inline, nodes.term, nodes.caption)


def _mark_dutch(app: Sphinx, doctree: nodes.document) -> None:
    language_class = f"language-{app.config.handbook_source_language}"
    for node in list(doctree.findall(nodes.Element)):
        if node.get("translated") is not False or language_class in node["classes"]:
            continue
        if type(node) in TAGGED:
            node["classes"].append(language_class)
        elif isinstance(node, nodes.TextElement):
            span = nodes.inline("", "", *node.children, classes=[language_class])
            node.children = []
            node += span


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.config.language == app.config.handbook_source_language:
        return
    _mark_dutch(app, doctree)
    progress = doctree.get("translation_progress") or {}
    if progress.get("total") and progress["translated"] < progress["total"]:
        _insert_notice(doctree, _notice(app, progress))


def _skip(self, node):
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_source_language", "nl", "env", str)
    # a notice about the web page's translation; the PDF says nothing of it (a Dutch leftover is marked there
    # too, through the same class)
    app.add_node(translation_notice, html=(visit_translation_notice_html, depart_translation_notice_html),
                 latex=(_skip, None), text=(_skip, None))
    app.connect("builder-inited", _note_builder)
    app.add_transform(KeepSourceMarkup)
    app.add_transform(GuardTranslations)
    app.add_transform(KeepStateOfDissolvedInlines)
    app.connect("doctree-resolved", _resolve, priority=550)  # after the lists are rendered (500)
