"""The tagged PDF: a structure tree for screen readers, on TeX Live 2022's tagging code (tagpdf 0.98).

- ``\\DocumentMetadata{testphase=phase-II, lang=...}`` must precede ``\\documentclass``; Sphinx's template
  has no hook there, so ``templates/latex.tex.jinja`` writes it and then includes Sphinx's own template.
  Its XMP metadata dates the PDF by the time of the .log file (and derives an id from it): the dates are
  set from SOURCE_DATE_EPOCH, or two builds would differ.
- ``handbooktagging.sty`` tags what LaTeX 2022 leaves untagged: sections and headings (at the level after
  their section's), lists, tables (header cells with /Scope), the table of contents, the instrument cards.
- The relations diagram becomes a Figure with the graphviz node's alternative text.
- ``handbooktagging.sty`` also replaces three data structures of tagpdf 0.98a that made every LaTeX run
  quadratic in the document's length (one xelatex run of the 131-page tagged edition: 750 s of CPU
  before, 25 s after; the whole tagged PDF, four runs: about 2 minutes of CPU).
- The structure tree of a whole edition barely fits in TeX's default main memory (5,000,000 words): the
  tagged edition's last run uses 4.93 million (untagged: 1.9 million), and a run from an unsettled .aux
  stopped with "TeX capacity exceeded". The LaTeX folder's latexmkrc gives xelatex more (``extra_mem_top``,
  a web2c setting read from the environment).
- On by default (``handbook_pdf_tagging = False`` turns it off). Untagged, one edition's PDF takes 8 s of
  CPU; tagged about 2 minutes (4 xelatex runs).
- Tables: tagged, varwidth cannot re-measure a table cell (tagpdf's marks and specials in it: "Failed to
  reprocess" warnings), so a cell takes its column's full width. Every column of the handbook's tables
  therefore has a fixed width (p-type, ``\\X``/``\\Y``); a ``c``/``l`` column would take 1/n of the line and
  the table would overflow the page (the relations matrix did, by 103 pt).
- What the structure lacks (the accessibility statement, source/toegankelijkheid.md, says it to readers):
  the table of contents' dots, table rules and colours and card frames are not artifacts; footnote text
  sits in the paragraph that refers to it; xetex writes no space characters; no /Lang on Dutch names in
  the English edition; not checked against PDF/UA.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.ext.graphviz import graphviz
from sphinx.util.texescape import escape

from .latex import copy_style

STYLE = Path(__file__).parent / "handbooktagging.sty"
TEMPLATES = Path(__file__).parent / "templates"


def document_metadata(config: Config) -> str:
    if not config.handbook_pdf_tagging:
        return ""
    edition = config.handbook_editions.get(config.language, {})
    language = edition.get("pdf_language_tag", config.language)
    return r"\DocumentMetadata{testphase=phase-II, pdfversion=1.7, lang=%s}" % language + fixed_dates(language)


# the dates of the PDF's XMP metadata and /Info, which \DocumentMetadata takes from the .log file's time
def fixed_dates(language: str) -> str:
    """With SOURCE_DATE_EPOCH (build.py sets it), the build date and an instance id made from it and the
    edition, so that two builds give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return ""
    stamp = datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
    instance = uuid.uuid5(uuid.NAMESPACE_URL, f"handbook-pdf/{language}/{epoch}")
    properties = (("document", "pdfcreationdate", stamp), ("document", "pdfmoddate", stamp),
                  ("hyperref", "pdfmetadate", stamp), ("hyperref", "pdfdate", stamp),
                  ("hyperref", "pdfinstanceid", f"uuid:{instance}"))
    return "".join("\n\\AddToDocumentProperties[%s]{%s}{%s}" % p for p in properties)


def _use_template(app: Sphinx, config: Config) -> None:
    if str(TEMPLATES) not in map(str, config.templates_path):
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def _latex_context(app: Sphinx) -> None:
    if app.builder.format == "latex":
        app.builder.context["handbook_documentmetadata"] = document_metadata(app.config)
        app.add_latex_package("handbooktagging")


def _figures_with_alt(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Runs after relations.py has put the diagram in (doctree-resolved, priority 500)."""
    if app.builder.format != "latex":
        return
    for node in list(doctree.findall(graphviz)):
        if node.get("alt"):
            node.parent.insert(node.parent.index(node), nodes.raw(
                "", r"\handbookfigure{%s}{" % escape(node["alt"]), format="latex"))
            node.parent.insert(node.parent.index(node) + 1, nodes.raw("", "}", format="latex"))


def row_header_on_paper() -> nodes.raw:
    """Put into a table cell's paragraph: in the tagged PDF the cell is a header of its row (TH, /Scope /Row)."""
    return nodes.raw("", r"\handbookrowheader ", format="latex")


def _copy_style(app: Sphinx, exception) -> None:
    copy_style(app, exception, STYLE)


MORE_MEMORY = "$ENV{'extra_mem_top'} = '10000000';  # handbook: room for the PDF's structure tree\n"


def _give_latex_more_memory(app: Sphinx, exception) -> None:
    """Sphinx writes latexmkrc before build-finished; the line is added once (latexmk reruns when it changes)."""
    if exception is not None or app.builder.format != "latex" or not app.config.handbook_pdf_tagging:
        return
    latexmkrc = Path(app.outdir) / "latexmkrc"
    text = latexmkrc.read_text(encoding="utf-8") if latexmkrc.exists() else None
    if text is not None and MORE_MEMORY not in text:
        with latexmkrc.open("a", encoding="utf-8") as rc:
            rc.write(("" if text.endswith("\n") else "\n") + MORE_MEMORY)  # Sphinx's file ends without one


def setup(app: Sphinx) -> None:
    app.add_config_value("handbook_pdf_tagging", True, "env", bool)
    app.connect("config-inited", _use_template)
    app.connect("builder-inited", _latex_context)
    app.connect("doctree-resolved", _figures_with_alt, priority=700)
    app.connect("build-finished", _copy_style)
    app.connect("build-finished", _give_latex_more_memory)
