"""Who publishes the handbook and how readers reach them, from configuration (never written into pages):

- ``handbook_contact``: publisher, e-mail address, where to report a vulnerability, days to answer. The
  statement pages use them as MyST substitutions: ``{{ publisher }}``, ``{{ contact_email }}``,
  ``{{ vulnerability_contact }}``, ``{{ response_days }}``.
- ``handbook_repository`` (a GitHub or GitLab address) and ``handbook_repository_branch``: every page gets
  "Report a problem" (a new issue with the page's title and address filled in) and "Suggest a change"
  (the Dutch source, or for another edition its catalogue). Without a repository neither link is shown.
- ``security_txt()``: ``/.well-known/security.txt`` (RFC 9116), written at the site root by build.py.
"""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from .editions import published

REQUIRED = ("publisher", "email", "vulnerability_report")
SECURITY_TXT_VALIDITY = datetime.timedelta(days=180)  # RFC 9116: Expires less than a year ahead


def source_language(config: Config) -> str:
    """The language of the sources: the first edition (the others are translations of it)."""
    return next(iter(config.handbook_editions))


def _markdown_link(address: str) -> str:
    if "@" in address and "://" not in address:
        address = "mailto:" + address.removeprefix("mailto:")
    text = address.removeprefix("mailto:")
    return f"[{text}]({address})"


def _substitutions(app: Sphinx, config: Config) -> None:
    """A project without ``handbook_contact`` (the test projects) gets no substitutions: MyST then warns
    about any page that uses one. A partial configuration is an error."""
    contact = config.handbook_contact
    if not contact:
        return
    missing = [key for key in REQUIRED if not contact.get(key)]
    if missing:
        raise ConfigError(f"handbook_contact lacks {', '.join(missing)} (set them in source/conf.py).")
    config.myst_substitutions = {
        **config.myst_substitutions,
        "publisher": contact["publisher"],
        "contact_email": _markdown_link(contact["email"]),
        "vulnerability_contact": _markdown_link(contact["vulnerability_report"]),
        "response_days": str(contact.get("response_days", 5)),
    }


def _forge(repository: str) -> dict[str, str]:
    repository = repository.rstrip("/")
    if "gitlab" in repository:
        return {"issue": repository + "/-/issues/new?", "title": "issue[title]", "body": "issue[description]",
                "source": repository + "/-/blob/{branch}/{path}"}
    return {"issue": repository + "/issues/new?", "title": "title", "body": "body",
            "source": repository + "/blob/{branch}/{path}"}


def feedback_links(config: Config, srcdir: Path, source_file: Path | None, title: str, address: str) -> dict:
    """The two feedback links of a page (empty without a repository)."""
    if not config.handbook_repository:
        return {}
    forge = _forge(config.handbook_repository)
    body = f"{address}\n\n"
    links = {"issue": forge["issue"] + urlencode({forge["title"]: title, forge["body"]: body}, quote_via=quote)}
    if source_file is not None and source_file.is_file():
        root = srcdir.parent
        path = source_file.relative_to(root) if source_file.is_relative_to(root) else source_file.name
        if config.language != source_language(config):
            docname = source_file.relative_to(srcdir).with_suffix("")
            path = Path("locale", config.language, "LC_MESSAGES", f"{docname.as_posix()}.po")
        links["source"] = forge["source"].format(branch=config.handbook_repository_branch,
                                                 path=quote(Path(path).as_posix()))
    return links


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    config = app.config
    base = config.html_baseurl.rstrip("/") + "/" if config.html_baseurl else ""
    address = f"{base}{config.language}/{pagename}.html"
    source = Path(app.env.doc2path(pagename)) if pagename in app.env.all_docs else None
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or config.project))  # the title is HTML
    context["handbook_feedback"] = feedback_links(config, Path(app.srcdir), source,
                                                  f"{title} ({config.language})", address)


def security_txt(config: Config, build_time: datetime.datetime) -> str:
    """RFC 9116 fields, in its order of importance."""
    contact = config.handbook_contact
    lines = [f"Contact: {address}" for address in (
        "mailto:" + contact["email"].removeprefix("mailto:"), contact["vulnerability_report"])]
    expires = (build_time + SECURITY_TXT_VALIDITY).astimezone(datetime.timezone.utc)
    lines.append(f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}")
    lines.append(f"Preferred-Languages: {', '.join(published(config))}")
    if config.html_baseurl:
        base = config.html_baseurl.rstrip("/") + "/"
        origin = urlsplit(base)
        # RFC 9116: the file belongs at the root of the host, also when the site lives in a sub-folder
        lines.append(f"Canonical: {origin.scheme}://{origin.netloc}/.well-known/security.txt")
        lines.append(f"Policy: {base}{source_language(config)}/kwetsbaarheid-melden.html")
    return "\n".join(lines) + "\n"


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_contact", {}, "env", dict)
    app.add_config_value("handbook_repository", "", "html", str)
    app.add_config_value("handbook_repository_branch", "main", "html", str)
    app.connect("config-inited", _substitutions)
    app.connect("html-page-context", _page_context)
