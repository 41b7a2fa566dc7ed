"""The sidebar navigation, built once per build instead of once per page.

Furo shows every page's title in the sidebar of every page. For each page it asks Sphinx for the whole
toctree (Sphinx resolves and copies every document's table of contents again) and parses the result with
BeautifulSoup: work that grows with the number of pages, done for every page, so a build grows with the
square of the handbook (at 10x the guidelines it was most of the build; furo's own issue:
https://github.com/pradyunsg/furo/pull/939). Only two things differ from page to page: the addresses,
relative to the page, and the classes and checkbox state that mark the current page and its ancestors.

So furo's navigation is made once per build, for a page outside the toctree at the site's root (the search
page), and split into pieces; each page gets a copy with its addresses made relative to it and its branch
marked as Sphinx and furo mark it. The result is the same bytes as furo's (tested on every page of both
editions). Only for the furo version it was written against; any other version runs as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import furo.navigation
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

PINNED = {"furo": "2025.12.19", "sphinx": "9.0.4"}
NEUTRAL_PAGE = "search"  # at the root, in no toctree: nothing marked current, addresses from the root
FURO_ARGUMENTS = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
TAG = re.compile(r'<(?P<end>/?)(?P<name>ul|li|a|input)\b(?P<attributes>[^>]*)>')
CLASS = re.compile(r'class="(?P<classes>[^"]*)"')
HREF = re.compile(r'href="(?P<href>[^"]*)"')


@dataclass
class Entry:
    """One <li> of the neutral navigation: where its pieces are, and its place in the tree."""
    li: int
    parent: Entry | None
    classes: list[str]
    anchor: int | None = None
    checkbox: int | None = None
    sublist: int | None = None
    has_children: bool = False
    children: list[Entry] = field(default_factory=list)


class Navigation:
    """Furo's navigation of a page outside the toctree, split so that the parts that differ from page to
    page (tags with addresses or "current" classes) are pieces of their own."""

    def __init__(self, html: str):
        self.pieces: list[str] = []
        self.entries: list[Entry] = []
        self.by_target: dict[str, list[Entry]] = {}
        self.top_list: int | None = None
        self.anchors: list[tuple[int, str]] = []  # piece index, href as built for the root
        stack: list[Entry] = []
        position = 0
        for match in TAG.finditer(html):
            self.pieces.append(html[position:match.start()])
            index = len(self.pieces)
            self.pieces.append(match.group())
            position = match.end()
            name, end = match["name"], bool(match["end"])
            if name == "li" and not end:
                classes = CLASS.search(match["attributes"])["classes"].split()
                entry = Entry(li=index, parent=stack[-1] if stack else None, classes=classes,
                              has_children="has-children" in classes)
                if entry.parent:
                    entry.parent.children.append(entry)
                self.entries.append(entry)
                stack.append(entry)
            elif name == "li":
                stack.pop()
            elif name == "ul" and not end:
                if stack and stack[-1].sublist is None:
                    stack[-1].sublist = index
                elif not stack and self.top_list is None:
                    self.top_list = index
            elif name == "a" and not end and stack and stack[-1].anchor is None:
                stack[-1].anchor = index
                href = HREF.search(match["attributes"])["href"]
                self.anchors.append((index, href))
                self.by_target.setdefault(href, []).append(stack[-1])
            elif name == "input" and stack and stack[-1].checkbox is None:
                stack[-1].checkbox = index
        self.pieces.append(html[position:])

    def for_page(self, page_uri: str) -> str:
        """The navigation as furo makes it for the page whose address from the root is page_uri."""
        pieces = list(self.pieces)
        for index, href in self.anchors:
            if urlsplit(href).scheme:
                continue
            target, _, anchor = href.partition("#")
            relative = relative_uri(page_uri, target) + (f"#{anchor}" if anchor else "")
            pieces[index] = pieces[index].replace(f'href="{href}"', f'href="{relative or "#"}"', 1)
        current = self.by_target.get(page_uri, [])
        if not current:
            return "".join(pieces)
        branch: list[Entry] = []  # Sphinx: the page's items and every item above them are "current"
        for entry in current:
            pieces[entry.anchor] = pieces[entry.anchor].replace('class="', 'class="current ', 1)
            node = entry
            while node is not None:
                if node not in branch:
                    branch.append(node)
                node = node.parent
        last = max(branch, key=lambda entry: entry.li)  # furo: the last "current" item, in page order
        for entry in branch:
            classes = [c for c in entry.classes if c != "has-children"] + ["current"]
            classes += ["has-children"] * entry.has_children + ["current-page"] * (entry is last)
            pieces[entry.li] = CLASS.sub(f'class="{" ".join(classes)}"', pieces[entry.li], count=1)
            if entry.checkbox is not None:  # furo: the branch is unfolded
                pieces[entry.checkbox] = pieces[entry.checkbox].replace(' class="toctree-checkbox"',
                                                                        ' checked="" class="toctree-checkbox"', 1)
            containing_list = entry.parent.sublist if entry.parent else self.top_list
            if containing_list is not None:  # Sphinx: so is every list on the way up
                pieces[containing_list] = pieces[containing_list].replace("<ul>", '<ul class="current">', 1)
        return "".join(pieces)


def _navigation(app: Sphinx) -> Navigation:
    builder = app.builder
    if getattr(builder, "handbook_navigation", None) is None:
        toctree = builder._get_local_toctree(NEUTRAL_PAGE, **FURO_ARGUMENTS)
        builder.handbook_navigation = Navigation(furo.navigation.get_navigation_tree(toctree))
    return builder.handbook_navigation


def _hide_toctree_from_furo(app: Sphinx, pagename, templatename, context: dict, doctree) -> None:
    """Before furo's own handler: without a toctree function, furo skips its navigation."""
    if "toctree" in context and app.builder.name == "html":
        context["handbook_toctree"] = context.pop("toctree")


def _give_furo_the_navigation(app: Sphinx, pagename, templatename, context: dict, doctree) -> None:
    if "handbook_toctree" not in context:
        return
    if "toctree" in context:
        # another extension gave the page a toctree function of its own after we took the builder's
        # (sphinx-notfound-page: absolute addresses on the 404 page): furo made the navigation from it
        del context["handbook_toctree"]
        return
    context["toctree"] = context.pop("handbook_toctree")
    context["furo_navigation_tree"] = _navigation(app).for_page(app.builder.get_target_uri(pagename))


def _reset(app: Sphinx, builder) -> None:
    builder.handbook_navigation = None  # titles may have changed since the last build of this process


def setup(app: Sphinx) -> None:
    app.connect("write-started", _reset)
    app.connect("html-page-context", _hide_toctree_from_furo, priority=400)
    app.connect("html-page-context", _give_furo_the_navigation, priority=550)  # editions translates it at 600
