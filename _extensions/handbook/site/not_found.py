"""The "page not found" page of an edition (``source/404.md``, translated like any page).

A web host shows this page in place of an address that does not exist, at any depth
(``/en/richtlijnen/gone/index.html``), where its relative addresses would point nowhere:

- its styles, scripts, images and the search form's target are made absolute from the host's root after
  the build (``/<site path>/<edition>/_static/...``; the site path comes from ``html_baseurl``, ``/``
  without it: the site is then assumed to be served from the root of its host), so the page looks right
  and works anywhere;
- its links keep the relative addresses of ``/<edition>/404.html`` (every page's links are checked as
  files relative to their page), and a small script in the template resolves them against that address
  when the page is shown elsewhere. Without JavaScript, on another address, the links miss.

Hosts that serve one ``/404.html`` for the whole site get the bilingual page from
``build_scripts/site_root/404.html``; a host can give the folders ``/nl/`` and ``/en/`` their own
edition's page (Apache: ``ErrorDocument 404 /en/404.html`` for ``/en/``; Cloudflare Pages finds it itself).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from sphinx.application import Sphinx

from .addresses import site_path

TAG = re.compile(r"<(?P<name>link|script|img|source|object|form|html)\b[^>]*>")
# attributes that load something (data-content_root: Sphinx's scripts find the edition's root there)
RESOURCE = re.compile(r'(?P<attribute>\b(?:href|src|data|action|data-content_root)=")(?P<address>[^"]*)"')
# <link> relations that are links to other pages, not resources: left to the script, like <a>
NAVIGATION_RELS = re.compile(r'\brel="(?:alternate|next|prev|index|search|author|copyright|canonical)"')


def is_relative(address: str) -> bool:
    return bool(address) and not address.startswith(("#", "/")) and not urlsplit(address).scheme


def absolute_resources(html: str, page_address: str) -> str:
    """Every relative address of a resource in ``html`` resolved against the page's own address."""
    def resolve_attribute(match: re.Match) -> str:
        address = match["address"]
        if is_relative(address):
            address = urljoin(page_address, address)
        return f'{match["attribute"]}{address}"'

    def resolve_tag(match: re.Match) -> str:
        tag = match.group()
        if match["name"] == "link" and NAVIGATION_RELS.search(tag):
            return tag
        return RESOURCE.sub(resolve_attribute, tag)

    return TAG.sub(resolve_tag, html)


def own_address(app: Sphinx) -> str:
    """The page's address from the host's root: ``/<site path>/<edition>/404.html``."""
    target = app.builder.get_target_uri(app.config.handbook_not_found_doc)
    return f"{site_path(app.config)}{app.config.language}/{target}"


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["handbook_not_found"] = pagename == app.config.handbook_not_found_doc
    if context["handbook_not_found"]:
        context["handbook_not_found_address"] = own_address(app)


def _rewrite_page(app: Sphinx, exception: Exception | None) -> None:
    docname = app.config.handbook_not_found_doc
    if exception is not None or app.builder.name != "html" or docname not in app.env.found_docs:
        return
    page = app.outdir / app.builder.get_target_uri(docname)
    html = page.read_text(encoding="utf-8")
    rewritten = absolute_resources(html, own_address(app))
    if rewritten != html:  # else the page was not written in this build: leave it untouched
        page.write_text(rewritten, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_not_found_doc", "404", "html", str)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _rewrite_page)
