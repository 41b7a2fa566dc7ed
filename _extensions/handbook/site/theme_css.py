"""furo's stylesheet cut down to the rules that can match an element of the handbook (51 KB -> about 28 KB).

furo puts one stylesheet (``styles/furo.css``) on every page, with the styles of everything a Sphinx site may
show: API signatures, highlighted code, footnotes, ten kinds of admonition, field lists, announcements... and
the colours of all of them (custom properties, three times: light, dark, and dark by the system's setting).
Before the pages are written (``write-started``, after ``design_css``), this module writes it again into the
folder that ``design_css`` copies over the themes' static files, without

- the selectors that need a class no page can have, and
- the custom properties (``--color-api-keyword``) that no kept rule, no other stylesheet of the site, no
  template and no script reads.

Which classes a page can have is decided the conservative way: a class stays when it is

- on an element of some document's doctree, as read (``design_css.DesignClasses``, per document);
- in a class attribute of a template (furo's, Sphinx's basic theme, the project's);
- a word of a template, of a script in a static folder, of the code of the handbook, furo and sphinx-design,
  or of the HTML writers (docutils, Sphinx, Pygments, the extensions in use), unless ``WRITTEN_FOR`` says
  that the writers give that class only to nodes that no doctree has (``footnote`` for footnotes,
  ``sig-name`` for API signatures, ``note`` for a note...) and that the handbook's rendering code
  (``render/``, which turns placeholders into nodes when pages are written) does not name.

A word followed by ``%s``, ``%d``, ``{`` or ``+`` (``"toctree-l%d"``) keeps every class that starts with it.
Selectors without classes, states (``:hover``), attributes (``[data-theme=dark]``) and ``@media`` stay as
they are. Should a page still have a class whose rules were dropped (a writer's class missing from
``WRITTEN_FOR``), the build warns, naming the page and the class; tests/test_design_css.py checks every page
of both editions in the same way.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import docutils
import furo
import pygments
import sphinx
import sphinx_design
import tinycss2
from sphinx.application import Sphinx
from sphinx.util import logging

from .design_css import (FURO_EXTENSIONS, cut, doctree_classes_in_use, node_types_in_use, project_css,
                         source_static_folders, write_static, written_static)
from .remembered import file_stamps, remembered

logger = logging.getLogger(__name__)

STYLESHEET = "styles/furo.css"
HANDBOOK = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[A-Za-z_][\w-]*")
PREFIX_WORD = re.compile(r"([A-Za-z_][\w-]*)(?:%[sd]|\{|[\"']\s*\+)")
CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
TEMPLATE_CLASS = re.compile(r"""\bclass=["']?([^"'>]*)""")
JINJA_STATEMENT = re.compile(r"{%-?\s*(.*?)\s*-?%}")
NODE_CALL = re.compile(r"\b(?:nodes|addnodes)\.([a-z_]+)\(")
SCRIPT_PROPERTY = re.compile(r"[\"'](--[\w-]+)[\"']")  # getPropertyValue("--x")

# The HTML writers' code (docutils, Sphinx, Pygments): the classes they write for certain nodes
WRITERS = (Path(docutils.__file__).parent / "writers" / "_html_base.py",
           Path(docutils.__file__).parent / "writers" / "html5_polyglot" / "__init__.py",
           Path(sphinx.__file__).parent / "writers" / "html5.py",
           Path(sphinx.__file__).parent / "environment" / "adapters" / "toctree.py",
           Path(sphinx.__file__).parent / "builders" / "html" / "__init__.py",
           Path(pygments.__file__).parent / "formatters" / "html.py")
# class -> the node types (or doctree classes) for which the writers write it; with none of them in any
# doctree, no page has the class
_ADMONITIONS = ("attention", "caution", "danger", "error", "hint", "important", "note", "tip", "warning",
                "seealso")
_CODE = ("literal_block", "doctest_block", "code")  # "code": inline code with a language (the code role)
_FOOTNOTES = ("footnote", "footnote_reference", "citation", "citation_reference")
_SIGNATURES = ("desc", "desc_signature", "desc_inline")
WRITTEN_FOR: dict[str, tuple[str, ...]] = {
    **{kind: (kind,) for kind in _ADMONITIONS},
    **dict.fromkeys(("highlight", "highlighttable", "linenos", "linenodiv", "hll", "literal-block",
                     "literal-block-wrapper", "code-block-caption", "doctest"), _CODE),
    **dict.fromkeys(("footnote", "footnote-list", "footnote-reference", "brackets", "backrefs", "fn-backref",
                     "citation"), _FOOTNOTES),
    **dict.fromkeys(("field-list", "field-odd", "field-even", "field-name", "field-body"), ("field_list",)),
    **dict.fromkeys(("sig", "sig-name", "sig-prename", "sig-paren", "sig-param", "sig-object", "sig-inline",
                     "descname", "descclassname", "property"), _SIGNATURES),
    **dict.fromkeys(("topic", "topic-title", "contents", "toc-backref"), ("topic",)),
    **dict.fromkeys(("sidebar", "sidebar-title", "sidebar-subtitle"), ("sidebar",)),
    **dict.fromkeys(("math", "eqno", "math-wrapper"), ("math", "math_block", "displaymath")),
    **dict.fromkeys(("versionmodified", "added", "changed", "deprecated", "removed"), ("versionmodified",)),
    "line-block": ("line_block",),
    "option-list": ("option_list",),
    "classifier": ("classifier",),
    "glossary": ("glossary",),
    "problematic": ("problematic",),
    "table-wrapper": ("table",),  # furo's writer wraps tables
    **dict.fromkeys(("text-left", "text-center", "text-right", "align-left", "align-right", "align-center"),
                    ("table", "image", "figure", "graphviz")),  # nodes with an "align" option
    **dict.fromkeys(("figure", "caption"), ("figure", "table", "literal_block", "toctree")),
    "attribution": ("attribution",),
    # classes that roles and directives put on nodes (so a doctree has them) but writers name too
    **{name: (name,) for name in ("guilabel", "menuselection", "centered", "kbd")},
    **{name: (name, "versionmodified") for name in ("versionadded", "versionchanged", "versionremoved")},
}


# --- which classes a page can have ----------------------------------------------------------------------

@cache
def _words_in(files: tuple[tuple[Path, int], ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The words of the files, and the words that begin a class made up at run time (``"toctree-l%d"``)."""
    texts = [path.read_text(encoding="utf-8", errors="replace") for path, _ in files]
    return (frozenset(word for text in texts for word in WORD.findall(text)),
            frozenset(word for text in texts for word in PREFIX_WORD.findall(text)))


def _words(paths: list[Path]) -> tuple[frozenset[str], frozenset[str]]:
    # with the times of change: the live preview's process builds again after a template is edited
    return _words_in(tuple((path, path.stat().st_mtime_ns) for path in sorted(set(paths)) if path.is_file()))


def _static_folders(app: Sphinx) -> list[Path]:
    """Where the scripts come from (the files the build writes would change the cut's key after a cold build)."""
    return ([Path(folder, "static") for folder in app.builder.theme.get_theme_dirs()]
            + source_static_folders(app) + [Path(sphinx_design.__file__).parent / "static"])


def _templates(app: Sphinx) -> list[Path]:
    """The templates of the themes and the project; off Read the Docs, not furo's templates for it (its
    version menu, its ads), which are wholly inside ``{% if READTHEDOCS %}``."""
    return [path for path in _all_templates(app) if _on_read_the_docs(app) or not _only_on_read_the_docs(path)]


def _all_templates(app: Sphinx) -> list[Path]:
    folders = app.builder.theme.get_theme_dirs() + [Path(app.confdir, f) for f in app.config.templates_path]
    return [path for folder in folders for path in Path(folder).rglob("*.html")]


def _on_read_the_docs(app: Sphinx) -> bool:
    return bool(app.config.html_context.get("READTHEDOCS") or os.environ.get("READTHEDOCS"))


def _only_on_read_the_docs(template: Path) -> bool:
    """The whole template is one ``{% if READTHEDOCS %} ... {% endif %}``."""
    statements = [found.split() for found in JINJA_STATEMENT.findall(template.read_text(encoding="utf-8"))]
    return (len(statements) >= 2 and statements[0] == ["if", "READTHEDOCS"] and statements[-1] == ["endif"]
            and sum(words[:1] == ["if"] for words in statements) == 1)


def _scripts(app: Sphinx) -> list[Path]:
    return [path for folder in _static_folders(app) if folder.is_dir() for path in folder.rglob("*.js*")]


@cache
def _made_when_written() -> frozenset[str]:
    """The node types that the handbook's rendering code may make when pages are written (placeholders become
    cards, tables, a graphviz diagram...), which the doctrees as read do not have: the docutils nodes it
    calls (``nodes.table(``) and its own nodes with the node types they derive from (a ``graphviz``)."""
    from docutils import nodes  # noqa: PLC0415

    from ..render import nodes as handbook_nodes  # noqa: PLC0415

    code = "".join(path.read_text(encoding="utf-8") for path in (HANDBOOK / "render").rglob("*.py"))
    made = set(NODE_CALL.findall(code))
    for value in vars(handbook_nodes).values():
        if (isinstance(value, type) and issubclass(value, nodes.Element)
                and value.__module__ == handbook_nodes.__name__):
            made |= {base.__name__ for base in value.__mro__ if issubclass(base, nodes.Element)}
    return frozenset(made)


def _extension_code(app: Sphinx) -> list[Path]:
    """The modules of the extensions in use (their nodes' HTML visitors), but the handbook's own."""
    files = []
    for extension in app.extensions.values():
        module = extension.module
        if getattr(module, "__file__", None) and not Path(module.__file__).is_relative_to(HANDBOOK):
            files.append(Path(module.__file__))
    return files


def _code(app: Sphinx) -> list[Path]:
    """The scripts and code whose words may name a class: the static scripts, the handbook's, furo's and
    sphinx-design's code, the HTML writers and the other extensions in use."""
    return (_scripts(app) + list(HANDBOOK.rglob("*.py"))
            + [*Path(furo.__file__).parent.glob("[!_]*.py"), Path(furo.__file__)]
            + list(Path(sphinx_design.__file__).parent.rglob("*.py")) + list(WRITERS) + _extension_code(app))


def classes_that_can_appear(app: Sphinx, theme_classes: set[str]) -> set[str]:
    """Of ``theme_classes`` (those furo's stylesheet names), the ones some page can have."""
    in_doctrees = node_types_in_use(app.env) | doctree_classes_in_use(app.env) | _made_when_written()
    absent = {name for name, made_for in WRITTEN_FOR.items() if not in_doctrees.intersection(made_for)}
    code = _words(_templates(app) + _code(app))

    def named(words: frozenset[str], prefixes: frozenset[str]) -> set[str]:
        return {name for name in theme_classes
                if name in words or any(name.startswith(prefix) for prefix in prefixes if len(prefix) > 2)}

    in_templates = _template_classes(tuple((path, path.stat().st_mtime_ns) for path in sorted(_templates(app))))
    return ((doctree_classes_in_use(app.env) | in_templates) & theme_classes) | (named(*code) - absent)


@cache
def _template_classes(files: tuple[tuple[Path, int], ...]) -> frozenset[str]:
    """The words of the templates' class attributes: those stay whatever ``WRITTEN_FOR`` says."""
    return frozenset(word for path, _ in files
                     for value in TEMPLATE_CLASS.findall(path.read_text(encoding="utf-8"))
                     for word in WORD.findall(value))


# --- the stylesheet, cut down ----------------------------------------------------------------------------

def _full_stylesheet(app: Sphinx) -> str | None:
    for folder in app.builder.theme.get_theme_dirs():
        if Path(folder, "static", STYLESHEET).is_file():
            return Path(folder, "static", STYLESHEET).read_text(encoding="utf-8")
    return None


def classes_named_in(css: str) -> set[str]:
    """Every class a selector of ``css`` names (in ``@media`` blocks and ``:not()`` too)."""
    found: set[str] = set()

    def walk(tokens) -> None:
        tokens = list(tokens)
        for before, token in zip(tokens, tokens[1:]):
            if before.type == "literal" and before.value == "." and token.type == "ident":
                found.add(token.value)
        for token in tokens:
            if token.type == "function":
                walk(token.arguments)

    def rules(items) -> None:
        for rule in items:
            if rule.type == "qualified-rule":
                walk(rule.prelude)
            elif rule.type == "at-rule" and rule.content and rule.lower_at_keyword in ("media", "supports"):
                rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


def _readers(app: Sphinx) -> str:
    """What reads furo's custom properties besides furo's own rules: the site's other stylesheets (the
    project's and the cut ones of sphinx-design and furo's extensions), the templates and the scripts."""
    from .design_css import STYLESHEET as DESIGN  # noqa: PLC0415

    scripts = "".join(path.read_text(encoding="utf-8", errors="replace") for path in _scripts(app))
    return "".join([project_css(app), written_static(app, DESIGN),
                    *(path.read_text(encoding="utf-8") for path in _templates(app)), scripts,
                    *(f"var({name})" for name in SCRIPT_PROPERTY.findall(scripts))])


def _cut_stylesheets(app: Sphinx, stylesheets: dict[str, str]) -> dict:
    theme_classes = set().union(*map(classes_named_in, stylesheets.values()))
    kept = classes_that_can_appear(app, theme_classes)
    return {"files": cut(stylesheets, kept, _readers(app), prefix=""), "dropped": sorted(theme_classes - kept)}


def _inputs(app: Sphinx, stylesheets: dict[str, str]) -> list:
    """Everything the cut is made from (site/remembered.py): the files whose words or classes it reads (all
    templates, also Read the Docs' own), the classes and node types of the doctrees, the other stylesheets."""
    from .design_css import STYLESHEET as DESIGN  # noqa: PLC0415

    return [stylesheets, node_types_in_use(app.env), doctree_classes_in_use(app.env),
            file_stamps(_all_templates(app) + _code(app)),
            project_css(app), written_static(app, DESIGN), _on_read_the_docs(app),
            tinycss2.__version__]


def _write_cut(app: Sphinx, builder) -> None:
    if builder.format != "html" or (css := _full_stylesheet(app)) is None:
        return
    # furo's stylesheet for other extensions, as design_css cut it (sphinx-design's classes): again, for
    # the rest (Read the Docs' menus, ads, copy buttons, tabs of other extensions)
    stylesheets = {STYLESHEET: css, FURO_EXTENSIONS: written_static(app, FURO_EXTENSIONS)}
    result = remembered(app, "theme-css", _inputs(app, stylesheets), lambda: _cut_stylesheets(app, stylesheets))
    for name, text in result["files"].items():
        write_static(app, name, text)
    builder.handbook_theme_classes_dropped = set(result["dropped"])


# --- the guard --------------------------------------------------------------------------------------------

def _check_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A page's own HTML (body, its table of contents, the navigation) has no class whose rules were cut."""
    dropped = getattr(app.builder, "handbook_theme_classes_dropped", set())
    html = "".join(value for key in ("body", "toc", "furo_navigation_tree")
                   if isinstance(value := context.get(key), str))
    found = {name for names in CLASS_ATTRIBUTE.findall(html) for name in names.split()} & dropped
    if found:
        logger.warning("%s: the page has the class(es) %s, whose rules site/theme_css.py cut from furo's "
                       "stylesheet: add the node types that get them to WRITTEN_FOR there",
                       pagename, ", ".join(sorted(found)), location=pagename, type="handbook", subtype="theme_css")


def setup(app: Sphinx) -> None:
    app.connect("write-started", _write_cut, priority=600)  # after design_css wrote its cut files
    app.connect("html-page-context", _check_page, priority=900)  # after furo's navigation tree
