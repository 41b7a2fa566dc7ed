"""The PDF handbook: LaTeX rendering of what the HTML shows with CSS and sphinx-design.

- Cards, badges, summaries: the HTML's CSS classes reach LaTeX as ``sphinxuseclass`` environments and
  ``\\DUrole`` commands, which ``latex/handbook.sty`` defines (framed boxes, coloured labels).
- Link buttons print their URL under the card, disabled buttons say the instrument is not available yet
  (``nodes``).
- Each guideline is a chapter numbered as the guideline ("Richtlijn 12"), not by its position.
- Title page and colophon in the edition's language.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.locale import _ as sphinx_
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

from ..model.domain import HandbookDomain
from ..model.guidelines import is_guideline
from ..i18n import _
from .latex_language import provided_captions
from .nodes import instrument_cards

STYLE = Path(__file__).parent / "handbook.sty"


def _number_chapters(env, doctree: nodes.document) -> None:
    """A guideline's chapter carries its own number ("Richtlijn 12"); the "12. " of the HTML title goes.
    A chapter that is no guideline (the phases) has its title alone."""
    guidelines = HandbookDomain.of(env).guidelines
    starts = list(doctree.findall(addnodes.start_of_file))
    chapter_level = {id(start.parent) for start in starts if start["docname"] in guidelines}
    for start in starts:
        section = start.next_node(nodes.section)
        if section is None:
            continue
        info = guidelines.get(start["docname"])
        if not info or not is_guideline(env.config, start["docname"]):
            if id(start.parent) in chapter_level:
                section.parent.insert(section.parent.index(section),
                                      nodes.raw("", r"\handbookunlabelledchapters", format="latex"))
            continue
        for number in list(section[0].findall(lambda n: isinstance(n, nodes.inline) and "guideline-number" in n["classes"])):
            number.parent.remove(number)
        if info["number"]:
            section.parent.insert(section.parent.index(section),
                                  nodes.raw("", r"\setcounter{chapter}{%d}" % (info["number"] - 1), format="latex"))


def _opens_with_cards(section: nodes.section) -> bool:
    """The section's first content is a grid of action cards, directly or through a sub-heading."""
    first = next((child for child in section.children if not isinstance(child, (nodes.title, nodes.target))), None)
    if isinstance(first, nodes.section):
        return _opens_with_cards(first)
    from .instruments import instrument_cards_placeholder  # noqa: PLC0415 (filled after this transform runs)

    return isinstance(first, (instrument_cards_placeholder, instrument_cards))


def _keep_headings_with_cards(doctree: nodes.document) -> None:
    """A heading never ends a page: multicols (the card grid) may break the page between a heading and the
    cards, so the heading (or the chain of headings) that opens with cards asks for room for a row of cards
    first (\\handbookkeepwithcards in handbook.sty)."""
    for section in list(doctree.findall(nodes.section)):
        parent_opens = (isinstance(section.parent, nodes.section) and _opens_with_cards(section.parent)
                        and section.parent.index(section) == _first_content_index(section.parent))
        if _opens_with_cards(section) and not parent_opens:
            section.parent.insert(section.parent.index(section),
                                  nodes.raw("", "\\handbookkeepwithcards\n", format="latex"))


def _first_content_index(section: nodes.section) -> int:
    return next(i for i, child in enumerate(section.children) if not isinstance(child, (nodes.title, nodes.target)))


class LatexLayout(SphinxPostTransform):
    """Runs on the assembled book, before Sphinx turns URLs into footnotes (ShowUrlsTransform, 400)."""

    default_priority = 300
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        _number_chapters(self.env, self.document)
        _keep_headings_with_cards(self.document)


def _latex_front_matter(app: Sphinx) -> None:
    """Title page, colophon and chapter names in the edition's language. At builder-inited, because the
    extension's translations are not loaded yet at config-inited."""
    config = app.config
    edition = config.handbook_editions.get(config.language, {})
    if app.builder.format != "latex" or not edition:
        return
    other = [e for lang, e in config.handbook_editions.items() if lang != config.language]
    from ..site.editions import pdf_filename  # noqa: PLC0415 (editions imports nothing from here)

    others = "; ".join(
        escape(str(_("{language}: {filename}")).format(language=e["language_name"],
                                                      filename=pdf_filename(config, lang)))
        for lang, e in config.handbook_editions.items() if lang != config.language)
    site = config.html_baseurl or ""
    web = (str(_("Webeditie: {url}")).format(url=site) if site
           else str(_("De webeditie staat op dezelfde website als deze PDF, in de map {folder}/.")).format(
               folder=config.language))
    values = {
        "title": escape(edition["project"]),
        "subtitle": escape(edition["subtitle"]),
        "edition": escape(_edition_label(config, edition)),
        "version": escape(str(_("Versie {version}")).format(version=config.release)),
        "publisher": escape(config.author),
        "colophon_title": escape(str(_("Colofon"))),
        "published_by": escape(str(_("Uitgegeven door {publisher}.")).format(publisher=config.author)),
        "licence": escape(str(_("De tekst valt onder de licentie Creative Commons Naamsvermelding 4.0 "
                                "(CC BY 4.0); de broncode onder de European Union Public Licence 1.2."))),
        "web": escape(web),
        "other_title": escape(str(_("Ook verkrijgbaar"))) if other else "",
        "others": others,
        "chapter": escape(str(_("Richtlijn"))),
        "appendix": escape(str(_("Bijlage"))),
        "not_yet": escape(str(_("nog niet beschikbaar"))),
    }
    app.builder.context["maketitle"] = MAKETITLE % values
    app.builder.context["preamble"] += PREAMBLE % values
    app.builder.context["preamble"] += provided_captions(config.language, edition, escape(str(sphinx_("Contents"))))


def _edition_label(config, edition: dict) -> str:
    """"Nederlandse editie", "English edition"; an edition whose catalogue does not translate it yet is named
    by its language (the Dutch label would call it the Dutch edition)."""
    label = str(_("Nederlandse editie"))
    if label == "Nederlandse editie" and config.language != config.handbook_source_language:
        return edition["language_name"]
    return label


PREAMBLE = r"""
\AtBeginDocument{\renewcommand{\chaptername}{%(chapter)s}\renewcommand{\appendixname}{%(appendix)s}}
\renewcommand{\handbooknotyet}{%(not_yet)s}
"""

MAKETITLE = r"""
\begin{titlepage}
  \centering
  \vspace*{3cm}
  {\sffamily\bfseries\Huge %(title)s\par}
  \vspace{1cm}
  {\sffamily\LARGE %(subtitle)s\par}
  \vspace{2cm}
  {\sffamily\Large %(edition)s\par}
  \vspace{.5cm}
  {\sffamily\large %(version)s\par}
  {\sffamily\large \handbookdate\par}
  \vfill
  {\sffamily\large %(publisher)s\par}
\end{titlepage}
\thispagestyle{empty}
\vspace*{\fill}
\noindent{\sffamily\bfseries %(colophon_title)s}\par\medskip
\noindent %(title)s. %(subtitle)s. %(edition)s, %(version)s, \handbookdate.\par\medskip
\noindent %(published_by)s\par\medskip
\noindent %(licence)s\par\medskip
\noindent %(web)s\par\medskip
\noindent\textbf{%(other_title)s} %(others)s\par
\clearpage
"""


def _add_style(app: Sphinx) -> None:
    if app.builder.format == "latex":
        app.add_latex_package("handbook")


def copy_style(app: Sphinx, exception, style: Path) -> None:
    """Put a LaTeX package of the handbook beside the .tex file (only when it changed: latexmk watches it)."""
    if exception is None and app.builder.format == "latex":
        target = Path(app.outdir) / style.name
        if not target.exists() or target.read_bytes() != style.read_bytes():
            target.write_bytes(style.read_bytes())


def _copy_style(app: Sphinx, exception) -> None:
    copy_style(app, exception, STYLE)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _add_style)
    app.connect("builder-inited", _latex_front_matter)
    app.add_post_transform(LatexLayout)
    app.connect("build-finished", _copy_style)
