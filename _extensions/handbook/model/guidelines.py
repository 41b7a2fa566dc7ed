"""Guideline metadata: read from the front matter, checked, put into the doctree so that the summary is
translated like any sentence, and collected per document into ``env.handbook_guidelines``.

A guideline is a document whose name matches ``handbook_guideline_docs`` (``richtlijnen/*/index``); its
slug is the folder name.
"""

from __future__ import annotations

import difflib
import re
from fnmatch import fnmatch

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.transforms import SphinxTransform

from . import problems
from .frontmatter import read_front_matter
from ..i18n import _
from ..render.placeholders import LIST_NODES, relations_placeholder

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NOT_PLAIN = re.compile(r"[*_`<>{}\[\]|#]")


class guideline_meta(nodes.Invisible, nodes.Element):
    """Carries a guideline's metadata from the transforms to the collector; removed after reading."""


def is_guideline(config, docname: str) -> bool:
    return fnmatch(docname, config.handbook_guideline_docs)


def slug_of(docname: str) -> str:
    return docname.split("/")[-2]


def guidelines_of(env: BuildEnvironment) -> dict[str, dict]:
    """docname -> {slug, number, title, summary, relations, lines}"""
    if not hasattr(env, "handbook_guidelines"):
        env.handbook_guidelines = {}
    return env.handbook_guidelines


def by_slug(env: BuildEnvironment) -> dict[str, tuple[str, dict]]:
    return {info["slug"]: (docname, info) for docname, info in guidelines_of(env).items()}


def in_order(env: BuildEnvironment) -> list[tuple[str, dict]]:
    return sorted(guidelines_of(env).items(), key=lambda item: (item[1]["number"] or 0, item[0]))


def _check_front_matter(env, docname, slug, fm) -> dict:
    """Check one page on its own; return the usable values."""
    def problem(key, message, line=None):
        problems.report(env, docname, line or fm.lines.get(key, fm.first_line), message)

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
    """Before translation: check the front matter, put the summary into the doctree as the lead
    paragraph (so gettext extracts it and the Locale transform translates it), and leave a place for the
    related guidelines."""

    default_priority = 15  # sphinx.transforms.i18n.Locale runs at 20

    def apply(self) -> None:
        docname = self.env.docname
        if not is_guideline(self.config, docname):
            return
        slug = slug_of(docname)
        source = str(self.env.doc2path(docname))
        values = _check_front_matter(self.env, docname, slug, read_front_matter(source))
        section = self.document.next_node(nodes.section)
        if section is None or not values:
            if section is None:
                problems.report(self.env, docname, 1, "the guideline has no title: add 'title:' to the front matter.")
            return
        meta = guideline_meta(slug=slug, number=values["number"], relations=values["relations"],
                              lines=values["lines"], relation_lines=values["relation_lines"])
        summary = nodes.paragraph(values["summary"], values["summary"])
        summary.source, summary.line = source, values["lines"].get("summary", 1)
        section.insert(1, nodes.container("", summary, classes=["guideline-summary"]))
        section.insert(2, meta)

        label = str(_("Gerelateerde richtlijnen"))
        related = nodes.section(ids=["related-guidelines"], names=[nodes.fully_normalize_name(label)],
                                classes=["related-guidelines"])
        related += nodes.title(label, label)
        related += relations_placeholder(slug=slug)
        section += related


class NumberGuidelineTitle(SphinxTransform):
    """After translation: remember the translated title and summary, and number the title
    ("12. Definieer je inkoopstrategie"). The message id stays the bare title (rawsource)."""

    default_priority = 700  # after Locale (20), before the doctree-read event (880)

    def apply(self) -> None:
        meta = self.document.next_node(guideline_meta)
        if meta is None:
            return
        section = self.document.next_node(nodes.section)
        title = section.next_node(nodes.title)
        meta["title"] = title.astext()
        summary = section.next_node(lambda n: isinstance(n, nodes.container) and "guideline-summary" in n["classes"])
        meta["summary"] = summary.astext() if summary else ""
        if meta["number"]:
            number = f"{meta['number']}. "
            title.insert(0, nodes.inline(number, number, classes=["guideline-number"]))


class GuidelineCollector(EnvironmentCollector):
    def clear_doc(self, app, env, docname):
        guidelines_of(env).pop(docname, None)
        list_pages(env).discard(docname)

    def merge_other(self, app, env, docnames, other):
        for docname in docnames:
            if docname in guidelines_of(other):
                guidelines_of(env)[docname] = guidelines_of(other)[docname]
            if docname in list_pages(other):
                list_pages(env).add(docname)

    def process_doc(self, app, doctree):
        docname = app.env.docname
        for meta in list(doctree.findall(guideline_meta)):
            guidelines_of(app.env)[docname] = {
                key: meta.get(key) for key in
                ("slug", "number", "title", "summary", "relations", "lines", "relation_lines")
            }
            meta.parent.remove(meta)
        if any(True for _ in doctree.findall(lambda n: isinstance(n, LIST_NODES))):
            list_pages(app.env).add(docname)


def list_pages(env: BuildEnvironment) -> set[str]:
    """Documents that show other guidelines' titles or summaries, rewritten when any guideline changes."""
    if not hasattr(env, "handbook_list_pages"):
        env.handbook_list_pages = set()
    return env.handbook_list_pages


def _check_all(app: Sphinx, env: BuildEnvironment) -> None:
    """Checks that need every guideline; fail the build on any problem."""
    found = by_slug(env)
    slugs = sorted(found)
    extra = 0
    for docname, info in in_order(env):
        for slug in info["relations"]:
            if slug not in found:
                close = difflib.get_close_matches(slug, slugs, n=1, cutoff=0.6)
                hint = f" Did you mean '{close[0]}'?" if close else f" Known slugs: {', '.join(slugs)}."
                problems.logger.error(f"relation to unknown guideline '{slug}'.{hint}",
                                      location=(docname, info["relation_lines"].get(slug)),
                                      type="handbook", subtype="input")
                extra += 1
    numbers: dict[int, list[str]] = {}
    for docname, info in in_order(env):
        if info["number"]:
            numbers.setdefault(info["number"], []).append(docname)
    for number, docnames in numbers.items():
        if len(docnames) > 1:
            for docname in docnames:
                others = ", ".join(d for d in docnames if d != docname)
                problems.logger.error(f"number {number} is also used by {others}: every guideline needs "
                                      "its own number.", location=(docname, guidelines_of(env)[docname]["lines"].get("number")),
                                      type="handbook", subtype="input")
                extra += 1
    if numbers:
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            after = numbers[min(n for n in numbers if n > missing[0])][0]
            problems.logger.error(f"the guideline numbers have a gap: {', '.join(map(str, missing))} "
                                  f"missing; number the guidelines 1 to {len(numbers)} without gaps.",
                                  location=(after, guidelines_of(env)[after]["lines"].get("number")),
                                  type="handbook", subtype="input")
            extra += 1
    problems.fail_if_any(env, extra)


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_guideline_docs", "richtlijnen/*/index", "env", str)
    app.add_node(guideline_meta)
    app.add_transform(GuidelineFrontMatter)
    app.add_transform(NumberGuidelineTitle)
    app.add_env_collector(GuidelineCollector)
    app.connect("env-updated", _check_all)
