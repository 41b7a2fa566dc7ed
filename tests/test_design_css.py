"""sphinx-design's stylesheet cut down to the classes in use (site/design_css.py): on its own, and on every
page of both editions of the published site, where each ``sd-*`` class must still be styled."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import tinycss2
from htmltext import read


from handbook.site.design_css import FULL, minified, required_classes, subset
from handbook.site.theme_css import STYLESHEET as THEME_STYLESHEET

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "build_scripts"))
from bench import page_weight  # noqa: E402

EDITIONS = ("nl", "en")
# a guideline page: HTML, CSS and JavaScript, uncompressed (issue 12; make bench reports it): about 119 KB
# (nl) and 117 KB (en) with furo's stylesheet cut (site/theme_css.py) and the scripts minified (site/minify.py)
PAGE_WEIGHT_KB = 120


def styled_classes(css: str) -> set[str]:
    """Every class that some selector of ``css`` (in @media blocks too) requires."""
    found: set[str] = set()

    def walk(rules) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                selector = [t for t in rule.prelude]
                found.update(name for before, token in zip(selector, selector[1:])
                             if before.type == "literal" and before.value == "." and token.type == "ident"
                             for name in [token.value])
            elif rule.type == "at-rule" and rule.content and rule.lower_at_keyword in ("media", "supports"):
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


# --- the cut on its own -------------------------------------------------------------------------------------

CSS = """:root{--sd-color-primary:#07c;--sd-color-unused:#000;--sd-color-hover:var(--sd-color-deep);
--sd-color-deep:#035}
.sd-card{color:var(--sd-color-primary)}
.sd-tab-set>label{color:red}
.sd-card .sd-card-header,.sd-btn:not(.sd-tab-set){border:0}
@media (min-width:576px){.sd-row-cols-sm-2{width:50%}.sd-row-cols-sm-3{width:33%}}
@media print{.sd-dropdown{display:none}}
.sd-card-hover:hover{animation:sd-grow50 1s;color:var(--sd-color-hover)}
@keyframes sd-grow50{0%{transform:scale(.5)}}
@keyframes sd-fade-in{0%{opacity:0}}
.sphinx-bs{margin:0}"""


def test_keeps_only_rules_whose_classes_are_all_used():
    kept = subset(CSS, {"sd-card", "sd-btn", "sd-row-cols-sm-2", "sd-card-hover"})
    assert ".sd-card{color:var(--sd-color-primary)}" in kept
    assert ".sd-tab-set" not in kept.replace(":not(.sd-tab-set)", "")  # the rule for tab sets is gone
    assert ".sd-btn:not(.sd-tab-set){border:0}" in kept and ".sd-card-header" not in kept  # per selector
    assert "@media (min-width:576px){.sd-row-cols-sm-2{width:50%}}" in kept
    assert "@media print" not in kept  # nothing left inside
    assert "@keyframes sd-grow50" in kept and "sd-fade-in" not in kept
    assert ".sphinx-bs{margin:0}" in kept  # no sd-* class: not sphinx-design's to judge


def test_keeps_the_custom_properties_that_are_read():
    kept = subset(CSS, {"sd-card", "sd-card-hover"}, also_read_by="")
    assert "--sd-color-primary:#07c" in kept and "--sd-color-unused" not in kept
    assert "--sd-color-deep:#035" in kept  # read through --sd-color-hover
    assert "--sd-color-unused:#000" in subset(CSS, {"sd-card"}, also_read_by="a{color:var(--sd-color-unused)}")


def test_every_class_and_property_when_nothing_is_judged():
    """prefix="" judges every class and custom property (furo's stylesheet: site/theme_css.py)."""
    css = ":root{--a:1px;--b:2px;--c:var(--d);--d:red}.x .y{margin:var(--a)}.z{color:var(--c)}p{padding:0}"
    kept = cut_all(css, {"x", "y"})
    assert ".x .y{margin:var(--a)}" in kept and ".z" not in kept and "p{padding:0}" in kept
    assert "--a:1px" in kept and "--b" not in kept and "--c" not in kept  # --c is read only by .z
    assert "--b:2px" in cut_all(css, {"x", "y"}, also_read_by="q{top:var(--b)}")


def cut_all(css: str, used: set[str], also_read_by: str = "") -> str:
    from handbook.site.design_css import cut  # noqa: PLC0415

    return cut({"": css}, used, also_read_by, prefix="")[""]


def test_minified_keeps_every_rule():
    css = "/* note */\n.a ,\n.b {\n  color : red ;\n}\n@media (min-width: 10px) {\n  .c { margin: 0 auto }\n}\n"
    assert minified(css) == ".a,.b{color:red}@media (min-width: 10px){.c{margin:0 auto}}\n"


def test_required_classes_leave_out_negations():
    selector = tinycss2.parse_stylesheet(".sd-a .sd-b:not(.sd-c)>p{}")[0].prelude
    assert required_classes(selector) == {"sd-a", "sd-b"}


# --- a small site, built and built again -------------------------------------------------------------------

ROOT = Path(__file__).parent / "roots" / "test-site-extras"
EXTENSIONS = Path(__file__).resolve().parents[1] / "_extensions"
DROPDOWN = "\n```{dropdown} Meer weten\nVerborgen tekst.\n```\n"


def loaded_design_css(outdir: Path, page: str) -> tuple[str, str]:
    """The page's link to sphinx-design's stylesheet (with its ?v= checksum) and the file's text."""
    href = next(a["href"] for a in read(outdir / page).find("link") if FULL.name in a.get("href", ""))
    return href, (outdir / urlsplit(href).path).read_text(encoding="utf-8")


def sphinx_build(srcdir: Path) -> Path:
    """A build in a process of its own, as build.py runs one (Sphinx caches the checksums of static files
    for the life of a process)."""
    outdir = srcdir / "_build" / "html"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(EXTENSIONS), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", "language=nl",
                             "-d", str(srcdir / "_build" / "doctrees"), str(srcdir), str(outdir)],
                            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    return outdir


def test_a_component_used_for_the_first_time_is_styled_after_an_incremental_build(tmp_path):
    srcdir = shutil.copytree(ROOT, tmp_path / "site")
    outdir = sphinx_build(srcdir)
    href, css = loaded_design_css(outdir, "index.html")
    assert "sd-dropdown" not in css and len(css) < FULL.stat().st_size / 5
    over = srcdir / "over.md"
    over.write_text(over.read_text(encoding="utf-8") + DROPDOWN, encoding="utf-8")
    sphinx_build(srcdir)  # reads over.md again, not index.md
    assert "sd-dropdown" in " ".join(a.get("class", "") for _, a in read(outdir / "over.html").tags)
    new_href, new_css = loaded_design_css(outdir, "over.html")
    assert ".sd-dropdown" in new_css and ".sd-summary-title" in new_css  # classes added when it is written
    assert new_href != href  # a new checksum: browsers load the new file
    assert ".sd-tab-set" not in new_css  # still only what the site uses


FOOTNOTE_AND_NOTE = "\nMet een voetnoot[^1].\n\n[^1]: De voetnoot.\n\n```{note}\nEen opmerking.\n```\n"


def test_furo_keeps_the_rules_of_what_a_page_starts_to_use(tmp_path):
    """A footnote and a note, written for the first time: furo's rules for them come back (site/theme_css.py)."""
    srcdir = shutil.copytree(ROOT, tmp_path / "site")
    outdir = sphinx_build(srcdir)
    furo_css = (outdir / "_static" / THEME_STYLESHEET).read_text(encoding="utf-8")
    assert not {"footnote", "note", "sig-name", "highlight"} & styled_classes(furo_css)
    over = srcdir / "over.md"
    over.write_text(over.read_text(encoding="utf-8") + FOOTNOTE_AND_NOTE, encoding="utf-8")
    sphinx_build(srcdir)  # warns (and fails) should the page have a class whose rules were cut
    furo_css = (outdir / "_static" / THEME_STYLESHEET).read_text(encoding="utf-8")
    assert {"footnote", "note"} <= styled_classes(furo_css)
    assert "sig-name" not in styled_classes(furo_css)


def test_a_template_that_starts_to_use_a_class_brings_its_rules_back(tmp_path):
    """The cut is remembered between builds (site/remembered.py): a template edited since, with no page read
    again, must still give a new cut."""
    srcdir = shutil.copytree(ROOT, tmp_path / "site")
    templates = shutil.copytree(ROOT.parents[2] / "source" / "_templates", srcdir / "_templates")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        'templates_path = [str(Path(handbook.__file__).resolve().parents[2] / "source" / "_templates")]',
        'templates_path = ["_templates"]'), encoding="utf-8")
    outdir = sphinx_build(srcdir)
    assert "footnote" not in styled_classes((outdir / "_static" / THEME_STYLESHEET).read_text(encoding="utf-8"))
    kept = set((srcdir / "_build" / "doctrees" / "handbook-remembered").iterdir())
    assert {path.name for path in kept} >= {"theme-css.json", "design-css.json"}
    page = templates / "page.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "{% block footer %}", '{% block footer %}<span class="footnote"></span>'), encoding="utf-8")
    sphinx_build(srcdir)
    assert "footnote" in styled_classes((outdir / "_static" / THEME_STYLESHEET).read_text(encoding="utf-8"))


def test_the_remembered_cut_is_the_cut_made_anew(tmp_path):
    srcdir = shutil.copytree(ROOT, tmp_path / "site")
    outdir = sphinx_build(srcdir)
    sphinx_build(srcdir)  # nothing changed: the cut is taken from what was remembered
    remembered = {name: (outdir / "_static" / name).read_bytes() for name in (THEME_STYLESHEET, FULL.name)}
    shutil.rmtree(srcdir / "_build" / "doctrees" / "handbook-remembered")
    sphinx_build(srcdir)
    assert {name: (outdir / "_static" / name).read_bytes() for name in remembered} == remembered


def test_a_second_build_takes_every_remembered_result(tmp_path):
    """Nothing the first (cold) build wrote may count as a change for the next: each remembered result is
    made once (the files minify.py writes were once read as scanned scripts, and the cut was made again)."""
    srcdir = shutil.copytree(ROOT, tmp_path / "site")
    sphinx_build(srcdir)
    kept = srcdir / "_build" / "doctrees" / "handbook-remembered"
    made = {path.name: path.stat().st_mtime_ns for path in kept.iterdir()}
    assert {"theme-css.json", "design-css.json", "minified.json"} <= set(made)
    sphinx_build(srcdir)
    assert {path.name: path.stat().st_mtime_ns for path in kept.iterdir()} == made


def test_an_edited_stylesheet_is_minified_again(tmp_path):
    """The minified files are remembered between builds (site/minify.py): an edit must still reach the site."""
    srcdir = shutil.copytree(ROOT, tmp_path / "site")
    (srcdir / "_static").mkdir()
    stylesheet = srcdir / "_static" / "site.css"
    stylesheet.write_text(".a { color: red; }\n", encoding="utf-8")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nhtml_static_path = ["_static"]\n', encoding="utf-8")
    outdir = sphinx_build(srcdir)
    assert (outdir / "_static" / "site.css").read_text(encoding="utf-8") == ".a{color:red}\n"
    stylesheet.write_text("/* the brand colour */\n.a { color: #003366; }\n", encoding="utf-8")
    sphinx_build(srcdir)
    assert (outdir / "_static" / "site.css").read_text(encoding="utf-8") == ".a{color:#003366}\n"


# --- the published site ---------------------------------------------------------------------------------------

def stylesheets(site: Path, page: Path) -> list[Path]:
    """The files of the page's stylesheets (the 404 page names them from the host's root: the site's)."""
    links = [urlsplit(a["href"]).path for a in read(page).find("link") if "stylesheet" in (a.get("rel") or "")]
    return [site / path.lstrip("/") if path.startswith("/") else (page.parent / path).resolve() for path in links]


@pytest.mark.publication
@pytest.mark.parametrize("language", EDITIONS)
def test_every_design_class_on_every_page_is_styled(site, language):
    styled_by_sphinx_design = styled_classes(FULL.read_text(encoding="utf-8"))
    pages = sorted(p for p in (site / language).rglob("*.html") if "_static" not in p.parts)
    seen: set[str] = set()
    for page in pages:
        used = {name for _, attrs in read(page).tags for name in (attrs.get("class") or "").split()
                if name.startswith("sd-")}
        seen |= used
        loaded = styled_classes("".join(path.read_text(encoding="utf-8") for path in stylesheets(site, page)))
        missing = (used & styled_by_sphinx_design) - loaded
        assert not missing, f"{page.relative_to(site)}: no rule for {sorted(missing)}"
    assert {"sd-card", "sd-btn", "sd-row", "sd-badge"} <= seen  # the pages do use sphinx-design
    cut = site / language / "_static" / FULL.name
    assert cut.stat().st_size < FULL.stat().st_size / 5


@pytest.mark.publication
@pytest.mark.parametrize("language", EDITIONS)
def test_every_class_furo_styles_is_still_styled_on_every_page(site, language):
    """furo's stylesheet is cut (site/theme_css.py): every class of every page that furo's whole stylesheet
    names is still named by the one the page loads (and the cut is a real one)."""
    import furo  # noqa: PLC0415

    full = Path(furo.__file__).parent / "theme" / "furo" / "static" / THEME_STYLESHEET
    styled_by_furo = styled_classes(full.read_text(encoding="utf-8"))
    for page in sorted(p for p in (site / language).rglob("*.html") if "_static" not in p.parts):
        used = {name for _, attrs in read(page).tags for name in (attrs.get("class") or "").split()}
        loaded = styled_classes("".join(path.read_text(encoding="utf-8") for path in stylesheets(site, page)))
        missing = (used & styled_by_furo) - loaded
        assert not missing, f"{page.relative_to(site)}: no rule for {sorted(missing)}"
    served = site / language / "_static" / THEME_STYLESHEET
    assert served.stat().st_size < full.stat().st_size * 0.75
    assert not (site / language / "_static" / "styles" / "furo.css.map").exists()


@pytest.mark.publication
@pytest.mark.parametrize("language", EDITIONS)
def test_a_guideline_page_stays_light(site, language):
    weight = page_weight(site / language / "richtlijnen" / "inkoop" / "index.html")
    assert not weight["missing"], weight["missing"]
    assert weight["total_kb"] <= PAGE_WEIGHT_KB, weight["bytes"]
