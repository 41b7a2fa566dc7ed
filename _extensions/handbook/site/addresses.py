"""Where the published pages live. The site root holds one folder per edition (``nl/``, ``en/``);
``html_baseurl`` is the address of that root (``https://example.org/handbook/``), not of an edition.

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


def page_address(config: Config, language: str, target_uri: str) -> str:
    """The address of a page of an edition: absolute with ``html_baseurl``, else from the host's root.
    ``target_uri`` is the builder's file name of the page (``richtlijnen/inkoop/index.html``)."""
    return f"{site_base(config) or site_path(config)}{language}/{target_uri}"
