"""Guideline pages: their front matter read (from MyST's parse, with lines), checked on its own, and handed
to the domain; the summary put into the page as its lead paragraph (so gettext extracts it and the Locale
transform translates it), a place left for the related guidelines, and the title numbered.

A guideline is a document whose name matches ``handbook_guideline_docs`` (``richtlijnen/*/index``); its
slug is the folder name. The checks that need every guideline live in the domain.
"""

from __future__ import annotations

import re
from fnmatch import fnmatch

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..i18n import _
from ..render.placeholders import relations_placeholder
from . import frontmatter
from .domain import HandbookDomain

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NOT_PLAIN = re.compile(r"[*_`<>{}\[\]|#]")


def is_guideline(config, docname: str) -> bool:
    return fnmatch(docname, config.handbook_guideline_docs)


def slug_of(docname: str) -> str:
    return docname.split("/")[-2]


def check_front_matter(report, slug: str, fm: frontmatter.FrontMatter) -> dict:
    """Check one page's front matter on its own; ``report(line, message)`` each problem. The usable values."""
    def problem(key, message, line=None):
        report(line or fm.lines.get(key, fm.first_line), message)

    if fm.error:
        problem(None, fm.error)
        return {}
    values = fm.values
    number = values.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        problem("number", f"'number' must be a whole number from 1 up, got {number!r}: write e.g. 'number: 4'.")
        number = None
    title = values.get("title")
    if not isinstance(title, str) or not title.strip():
        problem("title", "the guideline has no 'title': add 'title: <Dutch title without number>'.")
    summary = values.get("summary")
    if summary is None:
        problem(None, "the guideline has no 'summary': add 'summary: <one or two plain sentences>' "
                      "to the front matter.")
        summary = ""
    elif not isinstance(summary, str) or not summary.strip():
        problem("summary", "'summary' must be one or two sentences of plain text.")
        summary = ""
    elif found := NOT_PLAIN.search(summary):
        problem("summary", f"'summary' must be plain text, without Markdown or HTML (found "
                           f"{found.group()!r}): remove the markup.")
    relations = values.get("relations", [])
    clean: list[str] = []
    if not isinstance(relations, list):
        problem("relations", "'relations' must be a list of guideline slugs, one per line: "
                             "'relations:' followed by lines like '  - cloud'.")
        relations = []
    item_lines = fm.item_lines.get("relations", [])
    for index, item in enumerate(relations):
        line = item_lines[index] if index < len(item_lines) else fm.lines.get("relations")
        if not isinstance(item, str) or not SLUG.match(item):
            problem("relations", f"relation {item!r} is not a guideline slug (the folder name of a "
                                 "guideline, like 'open-standaarden').", line)
        elif item == slug:
            problem("relations", f"'{item}' is this guideline itself: remove it from 'relations'.", line)
        elif item in clean:
            problem("relations", f"'{item}' is listed twice in 'relations': remove one.", line)
        else:
            clean.append(item)
    return {"number": number, "summary": summary.strip() if isinstance(summary, str) else "",
            "relations": clean, "lines": dict(fm.lines),
            "relation_lines": {item: item_lines[i] for i, item in enumerate(relations)
                               if isinstance(item, str) and i < len(item_lines)}}


class GuidelineFrontMatter(SphinxTransform):
    """Before translation (Locale runs at 20): check the front matter, give the domain the guideline, put
    the summary into the page and leave a place for the related guidelines."""

    default_priority = 15

    def apply(self) -> None:
        docname = self.env.docname
        if not is_guideline(self.config, docname):
            return
        domain = HandbookDomain.of(self.env)
        slug = slug_of(docname)
        source = str(self.env.doc2path(docname))
        values = check_front_matter(lambda line, message: domain.report(docname, line, message), slug,
                                    frontmatter.read_front_matter(self.env, self.document))
        section = self.document.next_node(nodes.section)
        if section is None:
            domain.report(docname, 1, "the guideline has no title: add 'title:' to the front matter.")
        if section is None or not values:
            return
        domain.note_guideline(docname, {"slug": slug, "number": values["number"], "title": "", "summary": "",
                                        "relations": values["relations"], "lines": values["lines"],
                                        "relation_lines": values["relation_lines"]})
        summary = nodes.paragraph(values["summary"], values["summary"])
        summary.source, summary.line = source, values["lines"].get("summary", 1)
        section.insert(1, nodes.container("", summary, classes=["guideline-summary"]))

        label = str(_("Gerelateerde richtlijnen"))
        related = nodes.section(ids=["related-guidelines"], names=[nodes.fully_normalize_name(label)],
                                classes=["related-guidelines"])
        related += nodes.title(label, label)
        related += relations_placeholder(guideline=slug)
        domain.note_list_page(docname)  # the related guidelines show other guidelines' titles and summaries
        section += related


class NumberGuidelineTitle(SphinxTransform):
    """After translation, before the table of contents is collected: "12. Definieer je inkoopstrategie".
    The message id stays the bare title."""

    default_priority = 700

    def apply(self) -> None:
        info = HandbookDomain.of(self.env).guidelines.get(self.env.docname)
        if not info or not info["number"]:
            return
        title = self.document.next_node(nodes.section).next_node(nodes.title)
        number = f"{info['number']}. "
        title.insert(0, nodes.inline(number, number, classes=["guideline-number"]))


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_guideline_docs", "richtlijnen/*/index", "env", str)
    app.add_transform(GuidelineFrontMatter)
    app.add_transform(NumberGuidelineTitle)
