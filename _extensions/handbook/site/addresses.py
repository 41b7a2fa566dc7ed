"""Where the published pages live: the one place that knows the site's addresses. The site root holds one
folder per edition (``nl/``, ``en/``) and the PDFs in ``downloads/``; ``html_baseurl`` is the address of
that root (``https://example.org/handbook/``), not of an edition.

Without ``html_baseurl`` nothing absolute is known: :func:`site_base` is ``None`` and :func:`site_path`
assumes that the site is served from the root of its host (``/``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sphinx.config import Config


def site_base(config: Config) -> str | None:
    """The absolute address of the site root, ending in ``/``; ``None`` when ``html_baseurl`` is not set."""
    return config.html_baseurl.rstrip("/") + "/" if config.html_baseurl else None


def site_path(config: Config) -> str:
    """The path of the site root on its host, ending in ``/`` (``/`` without ``html_baseurl``)."""
    base = site_base(config)
    return urlsplit(base).path if base else "/"


def edition_path(config: Config, language: str) -> str:
    """The path of an edition's folder on its host: ``/<site path>/<language>/``."""
    return f"{site_path(config)}{language}/"


def page_address(config: Config, language: str, target_uri: str) -> str:
    """The address of a page of an edition: absolute with ``html_baseurl``, else from the host's root.
    ``target_uri`` is the builder's file name of the page (``richtlijnen/inkoop/index.html``)."""
    return f"{site_base(config) or site_path(config)}{language}/{target_uri}"


def to_site_root(pagename: str) -> str:
    """The relative address of the site root from a page of an edition (``richtlijnen/inkoop/index``:
    ``../../../``): one level for each folder of the page, and one for the edition's folder."""
    return "../" * (pagename.count("/") + 1)


def site_root_from(config: Config, pagename: str) -> str:
    """The site root as the page's alternates name it: absolute with ``html_baseurl``, else relative."""
    return site_base(config) or to_site_root(pagename)
