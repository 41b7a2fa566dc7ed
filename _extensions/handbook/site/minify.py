"""The site's own stylesheet and the scripts every page loads, without comments and indentation.

``handbook.css`` (tinycss2, as ``design_css`` writes its cut files), ``handbook.js``, ``checklists.js``,
``instrument-filters.js`` and the scripts of Sphinx and furo that pages load (``doctools.js``,
``sphinx_highlight.js``, ``searchtools.js``, ``scripts/furo.js``) are written again, minified, before the
pages are written (``write-started``), into the folder that ``design_css`` copies over the static files:
the pages' ``?v=`` checksums are those of the minified files. rjsmin only drops comments and whitespace
(it renames nothing); comments that start with ``/*!`` (licences) stay. The sources in ``source/_static/``
stay readable.

The source maps furo ships (``furo.css.map``, ``furo-extensions.css.map``, ``furo.js.map``) describe the
files as furo built them, which the site no longer serves (theme_css, design_css, this module): they are
removed from the output when the build has finished.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin
import tinycss2
from sphinx.application import Sphinx

from .design_css import minified, source_static_folders, write_static
from .remembered import file_stamps, remembered

# files of the themes (furo, Sphinx's basic theme) that pages load
THEME_SCRIPTS = ("doctools.js", "sphinx_highlight.js", "searchtools.js", "scripts/furo.js")
SOURCE_MAPS = ("styles/furo.css.map", "styles/furo-extensions.css.map", "scripts/furo.js.map")


def _project_files(app: Sphinx, suffix: str) -> dict[str, Path]:
    """name in _static/ -> file, from the project's static folders (``source/_static``)."""
    found: dict[str, Path] = {}
    for folder in source_static_folders(app):
        if folder.is_dir() and folder.is_relative_to(app.confdir):
            found |= {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob(f"*{suffix}"))}
    return found


def _theme_files(app: Sphinx) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in reversed(app.builder.theme.get_theme_dirs()):  # the basic theme first, furo over it
        found |= {name: Path(folder, "static", name) for name in THEME_SCRIPTS
                  if Path(folder, "static", name).is_file()}
    return found


def _minify(styles: dict[str, Path], scripts: dict[str, Path]) -> dict[str, str]:
    texts = {name: minified(path.read_text(encoding="utf-8")) for name, path in styles.items()}
    return texts | {name: rjsmin.jsmin(path.read_text(encoding="utf-8"), keep_bang_comments=True) + "\n"
                    for name, path in scripts.items()}


def _write_minified(app: Sphinx, builder) -> None:
    if builder.format != "html":
        return
    styles = _project_files(app, ".css")
    scripts = _theme_files(app) | _project_files(app, ".js")
    # minified again only when a source or the minifying code changed (30 ms of every build otherwise)
    inputs = [sorted((name, str(path)) for name, path in (styles | scripts).items()),
              file_stamps([*styles.values(), *scripts.values(), __file__, minified.__code__.co_filename]),
              rjsmin.__version__, tinycss2.__version__]
    for name, text in remembered(app, "minified", inputs, lambda: _minify(styles, scripts)).items():
        write_static(app, name, text)


def _remove_source_maps(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        for name in SOURCE_MAPS:
            Path(app.outdir, "_static", name).unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    app.connect("write-started", _write_minified, priority=700)  # after the cuts, which read handbook.css
    app.connect("build-finished", _remove_source_maps)
