"""sphinx-design's styles cut down to the classes the handbook uses (59 KB -> 9 KB).

sphinx-design puts all of its components' styles (``sphinx-design.min.css``, 53.5 KB) on every page, and
furo adds its own for them (``styles/furo-extensions.css``, 5.4 KB, also for Read the Docs' menus and
other extensions). Before the pages are written (``write-started``), this module writes both files again,
keeping only the rules whose ``sd-*`` classes are all in use, into a folder that comes after
sphinx-design's in ``html_static_path``: Sphinx copies them over the full ones (theme files first, then
``html_static_path`` in order), and the pages' ``?v=`` checksums are those of the files they load.

The classes in use are known before any page is written:

- the ``sd-*`` classes of every document's doctree, as read (``DesignClasses``, kept per document in the
  environment, so an incremental build knows those of the pages it does not read again); for dropdowns,
  tab sets and asides, whose classes sphinx-design adds only when the page is written (post-transforms),
  those of a copy of the doctree to which its transforms were applied;
- the ``sd-*`` class names in the handbook's rendering code (``render/``) and in the project's templates:
  the classes that nodes get when references are resolved, that HTML visitors write, and that the page
  chrome carries (the search form's button).

A class that is made up at run time (``f"sd-bg-{colour}"``) is not found this way: tests/test_design_css.py
checks that every ``sd-*`` class on every page of both editions has a rule in the loaded stylesheet.
tinycss2 parses the stylesheet; ``@media`` blocks are filtered the same way, ``@keyframes`` are kept when a
kept rule names them, rules without ``sd-*`` classes stay, and of the ``--sd-*`` custom properties
(``:root``: 3 KB of colours) only those stay that a kept rule or the project's own CSS reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import sphinx_design
import tinycss2
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx_design.aside import AsideHtmlTransform
from sphinx_design.dropdown import DropdownHtmlTransform
from sphinx_design.tabs import TabSetHtmlTransform

from .remembered import file_stamps, remembered

STYLESHEET = "sphinx-design.min.css"
FULL = Path(sphinx_design.__file__).parent / "static" / STYLESHEET
# furo's styles for other extensions: mostly sphinx-design's (colours, shadows, tabs), read the same way
FURO_EXTENSIONS = "styles/furo-extensions.css"
PREFIX = "sd-"
CLASS_NAME = re.compile(r"(?<![\w-])sd-[a-z0-9]+(?:-[a-z0-9]+)*")
VAR = re.compile(r"var\(\s*(--[\w-]+)")
# sphinx-design component -> its post-transform that gives it its HTML classes
HTML_TRANSFORMS = {"dropdown": DropdownHtmlTransform, "tab-set": TabSetHtmlTransform, "aside": AsideHtmlTransform}
RENDER = Path(__file__).resolve().parents[1] / "render"  # the handbook's nodes and their HTML


# --- which classes are in use -------------------------------------------------------------------------------

class DesignClasses(EnvironmentCollector):
    """The classes of each document's doctree: ``env.handbook_design_classes[docname]``, and the names of
    its node types (``env.handbook_node_types[docname]``: site/theme_css.py, for the classes that the HTML
    writer adds by node type)."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        _store(env).pop(docname, None)
        _node_types(env).pop(docname, None)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
        for docname in docnames:
            _store(env)[docname] = _store(other).get(docname, set())
            _node_types(env)[docname] = _node_types(other).get(docname, set())

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        classes = _design_classes(doctree)
        if any(node.get("design_component") in HTML_TRANSFORMS for node in doctree.findall(nodes.Element)):
            # a dropdown, tab set or aside gets its classes only when the page is written: apply
            # sphinx-design's own HTML transforms to a copy now
            copy = doctree.deepcopy()
            for transform in sorted(set(HTML_TRANSFORMS.values()), key=lambda t: t.default_priority):
                transform(copy).apply()
            classes |= _design_classes(copy)
        _store(app.env)[app.env.docname] = classes
        _node_types(app.env)[app.env.docname] = {node.tagname for node in doctree.findall(nodes.Element)}


def _design_classes(doctree: nodes.document) -> set[str]:
    """Every class of the doctree's elements (``sd-*`` and the others)."""
    return {name for node in doctree.findall(nodes.Element) for name in node.get("classes", ())}


def _store(env: BuildEnvironment) -> dict[str, set[str]]:
    if not hasattr(env, "handbook_design_classes"):
        env.handbook_design_classes = {}
    return env.handbook_design_classes


def _node_types(env: BuildEnvironment) -> dict[str, set[str]]:
    if not hasattr(env, "handbook_node_types"):
        env.handbook_node_types = {}
    return env.handbook_node_types


def node_types_in_use(env: BuildEnvironment) -> set[str]:
    return set().union(*_node_types(env).values())


def doctree_classes_in_use(env: BuildEnvironment) -> set[str]:
    return set().union(*_store(env).values())


@cache
def _named_in(files: tuple[tuple[Path, int], ...]) -> frozenset[str]:
    return frozenset(name for path, _ in files for name in CLASS_NAME.findall(path.read_text(encoding="utf-8")))


def classes_in_code_and_templates(app: Sphinx) -> frozenset[str]:
    templates = [Path(app.confdir, folder) for folder in app.config.templates_path]
    files = sorted(RENDER.rglob("*.py")) + sorted(p for folder in templates for p in folder.rglob("*.html"))
    # with the times of change: the live preview's process builds again after a template is edited
    return _named_in(tuple((path, path.stat().st_mtime_ns) for path in files))


def classes_in_use(app: Sphinx) -> set[str]:
    return set(classes_in_code_and_templates(app)).union(*_store(app.env).values())


# --- the stylesheet, cut down -------------------------------------------------------------------------------

def _split_selectors(prelude: list) -> list[list]:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    return [*selectors, current]


def required_classes(selector: list, prefix: str = PREFIX) -> set[str]:
    """The classes starting with ``prefix`` (``sd-``) an element must have for the selector to match (not
    those inside ``:not()``, ``:is()``...)."""
    return {token.value for before, token in zip(selector, selector[1:])
            if before.type == "literal" and before.value == "." and token.type == "ident"
            and token.value.startswith(prefix)}


def _kept_rules(rules: Iterable, used: set[str], keyframes: dict[str, str], prefix: str = PREFIX) -> Iterator:
    """The rules (tinycss2 nodes; ``@media`` as (at-rule, inner rules)) that can match."""
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(rule.prelude) if required_classes(s, prefix) <= used]
            if selectors:
                yield selectors, _declarations(rule.content)
        elif rule.type == "at-rule" and rule.lower_at_keyword == "keyframes":
            keyframes[tinycss2.serialize(rule.prelude).strip()] = tinycss2.serialize([rule])
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
            inner = list(_kept_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                               skip_whitespace=True), used, keyframes, prefix))
            if inner:
                yield rule, inner
        elif rule.type != "error":
            yield rule, None


def _declarations(content: list) -> list:
    return [d for d in tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True)
            if d.type == "declaration"]


def _walk_declarations(kept: list) -> Iterator:
    for head, body in kept:
        if isinstance(head, list):
            yield from body
        elif body is not None:
            yield from _walk_declarations(body)


def _referenced_properties(kept: list, also_in: str) -> set[str]:
    """The custom properties (``--sd-color-primary``) that a kept declaration, or ``also_in``, reads
    with ``var()``; a custom property read by another one that is read counts too."""
    values = {d.lower_name: tinycss2.serialize(d.value) for d in _walk_declarations(kept)
              if d.lower_name.startswith("--")}
    found = set(VAR.findall(also_in))
    found |= {name for d in _walk_declarations(kept) if not d.lower_name.startswith("--")
              for name in VAR.findall(tinycss2.serialize(d.value))}
    while True:
        more = {name for known in found for name in VAR.findall(values.get(known, ""))} - found
        if not more:
            return found
        found |= more


def _declaration(declaration) -> str:
    value = tinycss2.serialize(declaration.value).strip()
    return f"{declaration.name}:{value}{'!important' if declaration.important else ''}"


def _serialize(kept: list, properties: set[str], prefix: str = PREFIX) -> str:
    text = []
    for head, body in kept:
        if isinstance(head, list):
            declarations = [d for d in body if not d.lower_name.startswith(f"--{prefix}")
                            or d.lower_name in properties]
            if declarations:
                text.append(",".join(tinycss2.serialize(s).strip() for s in head) + "{"
                            + ";".join(map(_declaration, declarations)) + "}")
        elif body is None:
            text.append(tinycss2.serialize([head]))
        else:
            inner = _serialize(body, properties, prefix)
            if inner:
                text.append(f"@{head.at_keyword} {tinycss2.serialize(head.prelude).strip()}{{{inner}}}")
    return "".join(text)


def cut(stylesheets: dict[str, str], used: set[str], also_read_by: str = "", prefix: str = PREFIX) -> dict[str, str]:
    """Each stylesheet with the rules that can match an element whose ``sd-*`` classes are all in ``used``,
    without the ``--sd-*`` custom properties that no kept rule of any of them (nor ``also_read_by``) reads:
    furo's stylesheet sets sphinx-design's colours that sphinx-design's own rules read. With ``prefix=""``:
    every class and every custom property (``site/theme_css.py``: furo's stylesheet)."""
    keyframes: dict[str, str] = {}
    kept = {name: list(_kept_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True),
                                   used, keyframes, prefix)) for name, css in stylesheets.items()}
    properties = _referenced_properties([rule for rules in kept.values() for rule in rules], also_read_by)
    result = {}
    for name, rules in kept.items():
        text = _serialize(rules, properties, prefix)
        frames = "".join(f for frame, f in keyframes.items() if re.search(rf"\b{re.escape(frame)}\b", text))
        result[name] = text + frames + "\n"
    return result


def subset(css: str, used: set[str], also_read_by: str = "") -> str:
    """One stylesheet, cut (see :func:`cut`)."""
    return cut({"": css}, used, also_read_by)[""]


NO_CLASS = "\x00"  # a prefix no class or custom property has: nothing is judged, every rule stays


def minified(css: str) -> str:
    """The stylesheet with every rule, without comments and whitespace between tokens (``@keyframes`` last)."""
    keyframes: dict[str, str] = {}
    kept = list(_kept_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True),
                            set(), keyframes, NO_CLASS))
    return _serialize(kept, set(), NO_CLASS) + "".join(keyframes.values()) + "\n"


# --- into the build ------------------------------------------------------------------------------------------

def override_folder(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "handbook-design-css"


def source_static_folders(app: Sphinx) -> list[Path]:
    """The folders of ``html_static_path`` that hold sources: not the one of files the build itself writes
    (``override_folder``: the cut and minified copies), which no scan or key may count."""
    return [Path(app.confdir, entry) for entry in app.config.html_static_path
            if Path(app.confdir, entry) != override_folder(app)]


def _add_static_folder(app: Sphinx) -> None:
    if app.builder.format == "html":
        folder = override_folder(app)
        folder.mkdir(parents=True, exist_ok=True)
        app.config.html_static_path.append(str(folder))  # after sphinx-design's: copied over its file


def project_css(app: Sphinx) -> str:
    """The project's own stylesheets (``handbook.css``), which may read sphinx-design's custom properties."""
    return "".join(path.read_text(encoding="utf-8") for folder in source_static_folders(app) if folder.is_dir()
                   and not folder.is_relative_to(FULL.parent) for path in sorted(folder.rglob("*.css")))


def _full_stylesheets(app: Sphinx) -> dict[str, str]:
    """file in _static/ -> the stylesheet as its extension or theme ships it."""
    full = {STYLESHEET: FULL}
    for folder in app.builder.theme.get_theme_dirs():  # furo: the only stylesheet of the theme for extensions
        if Path(folder, "static", FURO_EXTENSIONS).is_file():
            full[FURO_EXTENSIONS] = Path(folder, "static", FURO_EXTENSIONS)
    return {name: path.read_text(encoding="utf-8") for name, path in full.items()}


def write_static(app: Sphinx, name: str, text: str) -> None:
    """``text`` as ``_static/<name>`` of the site: into the folder copied over the themes' and extensions'
    static files (written only when it changed)."""
    target = override_folder(app) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def written_static(app: Sphinx, name: str) -> str:
    return (override_folder(app) / name).read_text(encoding="utf-8")


def _write_subset(app: Sphinx, builder) -> None:
    if builder.format != "html":
        return
    full, used, readers = _full_stylesheets(app), classes_in_use(app), project_css(app)
    inputs = [full, used, readers, tinycss2.__version__, file_stamps([__file__])]
    for name, css in remembered(app, "design-css", inputs, lambda: cut(full, used, readers)).items():
        write_static(app, name, css)


def setup(app: Sphinx) -> None:
    app.add_env_collector(DesignClasses)
    app.connect("builder-inited", _add_static_folder, priority=600)  # sphinx-design adds its folder at 500
    app.connect("write-started", _write_subset)  # before theme_css (600) and minify (700)
