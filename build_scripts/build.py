"""Build the publication: the HTML site and the PDF handbook of every edition, into one folder that can
be put on any static web host::

    build/site/index.html            language choice (browser language, the source language by default;
                                     links without JS)
    build/site/nl/  build/site/en/   one folder per edition (source/_data/editions.toml)
    build/site/downloads/*.pdf       one handbook per language

Editions build in parallel, each in its own process with its own doctrees and environment under
build/cache/<lang>/, so they never leak into each other and rebuild incrementally; at most as many at once
as the machine has cores. Everything is assembled in a staging folder that
replaces build/site only when every step succeeded: a failed build leaves the last good site in place.
Before any edition is built, the translation gate (build_scripts/check_po.py) checks every catalogue: a
syntax error, a translation that changes the markup of its source, or one that misses a glossary term stops
the build, naming the catalogue, the line, the msgid and what is wrong.

Usage: python build_scripts/build.py [--formats html,pdf] [--languages nl,en] [--out build/site]
       (--languages: a subset of the editions; default all; make LANGUAGES=nl,en passes it)
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import runpy
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import check_po
import editions as edition_list

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_extensions"))


class StepFailed(Exception):
    pass


def run(step: str, command: list[str], hide: re.Pattern | None = None, **kwargs) -> float:
    """``hide``: what not to pass on of the command's stderr (printed when it is done, not as it comes)."""
    started = time.monotonic()
    if hide is not None:
        kwargs.update(stderr=subprocess.PIPE, text=True, errors="replace")
    result = subprocess.run(command, stdin=subprocess.DEVNULL, **kwargs)
    if hide is not None:
        sys.stderr.write(hide.sub("", result.stderr))
    if result.returncode != 0:
        raise StepFailed(f"{step} failed (exit {result.returncode}): {' '.join(map(str, command))}")
    return time.monotonic() - started


def sphinx_arguments(builder: str, language: str, cache: Path, source: Path = ROOT / "source") -> list[str]:
    """sphinx-build's arguments for one edition (also used by the benchmark's warm builds)."""
    return ["-b", builder, "-q", "-W", "--keep-going", "-d", str(cache / language / "doctrees"),
            "-D", f"language={language}", str(source), str(cache / language / builder)]


def sphinx(builder: str, language: str, cache: Path) -> float:
    return run(f"{builder} build of the '{language}' edition",
               [sys.executable, "-m", "sphinx", *sphinx_arguments(builder, language, cache)])


# latexmk warns on every LaTeX run that the .log is read as an input (the tagged PDF's metadata takes the
# log file's date) and says itself that this can be ignored: 80 lines of it would hide what does matter
LATEXMK_LOG_AS_INPUT = re.compile(r"^Latexmk: !+ Fls file lists log file as an input file for\n(?: {3}.*\n){4}",
                                  re.MULTILINE)


def make_pdf(step: str, latex_dir: Path, env: dict[str, str]) -> float:
    """Sphinx's LaTeX Makefile; latexmk's messages come when it is done (both editions build at once: they do
    not interleave), without its warning about the .log."""
    return run(step, ["make", "-C", str(latex_dir), "all-pdf"], hide=LATEXMK_LOG_AS_INPUT, env=env,
               stdout=subprocess.DEVNULL)


def latex_to_pdf(language: str, cache: Path) -> tuple[Path, float]:
    latex_dir = cache / language / "latex"
    # -xelatex: each LaTeX run writes an .xdv, converted to PDF once at the end (Sphinx's Makefile recommends it;
    # about 1 s less per run of a tagged edition)
    env = dict(os.environ, LATEXMKOPTS="-silent -xelatex", LATEXOPTS="-interaction=nonstopmode -halt-on-error",
               FORCE_SOURCE_DATE="1")
    step = f"PDF of the '{language}' edition (log: {latex_dir})"
    try:
        seconds = make_pdf(step, latex_dir, env)
    except StepFailed:
        if not any(latex_dir.glob("*.aux")):
            raise
        # LaTeX reads what its last run wrote (.aux, .toc): files of an earlier version (one untagged, say)
        # can stop it on every run. Once more from a clean folder (Sphinx's own `make clean`).
        print(f"note: the '{language}' PDF failed; building it once more without the files of earlier LaTeX runs",
              file=sys.stderr)
        run(f"cleaning {latex_dir}", ["make", "-C", str(latex_dir), "clean"], stdout=subprocess.DEVNULL)
        seconds = make_pdf(step, latex_dir, env)
    pdfs = sorted(latex_dir.glob(f"*-{language}.pdf"))  # not the images (graphviz-*.pdf)
    if len(pdfs) != 1:
        raise StepFailed(f"expected one PDF in {latex_dir}, found {len(pdfs)}")
    return pdfs[0], seconds


def translation_gate(cache: Path) -> None:
    """check-po over every catalogue: nothing is built from a catalogue with a finding."""
    try:
        files, findings = check_po.check(remembered_in=cache / "check-po.json")
    except check_po.GateError as exc:
        raise StepFailed(f"translation check could not run: {exc}") from exc
    if findings:
        raise StepFailed("the translation check (make check-po) found problems:\n"
                         + "\n".join(map(str, findings)) + "\n" + check_po.summary(files, findings))


def build_edition(language: str, formats: set[str], cache: Path) -> dict:
    timings: dict[str, float] = {}
    if "html" in formats:
        timings["html"] = sphinx("html", language, cache)
    if "pdf" in formats:
        timings["latex"] = sphinx("latex", language, cache)
        pdf, timings["pdf"] = latex_to_pdf(language, cache)
        timings["pdf_path"] = pdf
    return timings


def assemble(staging: Path, previous: Path, formats: set[str], languages: list[str], results: dict,
             cache: Path, editions: dict[str, dict], root: dict[str, str]) -> None:
    staging.mkdir(parents=True)
    downloads = staging / "downloads"
    downloads.mkdir()
    for language in languages:
        if "html" in formats:
            shutil.copytree(cache / language / "html", staging / language,
                            ignore=shutil.ignore_patterns(".buildinfo", ".doctrees", "*.pickle"))
        elif (previous / language).is_dir():
            shutil.copytree(previous / language, staging / language)
        if "pdf" in formats:
            shutil.copy2(results[language]["pdf_path"], downloads / results[language]["pdf_path"].name)
    for pdf in sorted((previous / "downloads").glob("*.pdf")):  # the last good PDF of an edition not built now
        language = pdf.stem.rsplit("-", 1)[-1]
        if language in editions and ("pdf" not in formats or language not in languages):
            shutil.copy2(pdf, downloads / pdf.name)
    for extra in (previous / lang for lang in editions if lang not in languages):
        if extra.is_dir():  # an edition not built this time: its last good build stays published
            shutil.copytree(extra, staging / extra.name)
    for name, text in root.items():
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).write_text(text, encoding="utf-8")


def root_files(editions: dict[str, dict]) -> dict[str, str]:
    """The files at the site's root, by path: the language choice and the 404 page (site_root.py), and
    /.well-known/security.txt (RFC 9116) from conf.py's contact points, whose Expires counts from the build
    date (SOURCE_DATE_EPOCH), so two builds of one commit give the same file."""
    from handbook.site.contact import security_txt  # noqa: PLC0415 (after sys.path is set)
    from handbook.site.site_root import root_pages  # noqa: PLC0415

    conf = runpy.run_path(str(ROOT / "source" / "conf.py"))
    config = SimpleNamespace(handbook_contact=conf["handbook_contact"], handbook_editions=conf["handbook_editions"],
                             html_baseurl=conf.get("html_baseurl", ""))
    built = datetime.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), datetime.timezone.utc)
    return {**root_pages(editions), ".well-known/security.txt": security_txt(config, built)}


def swap(staging: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    if old.exists():
        shutil.rmtree(old)


def source_date_epoch() -> str:
    """Builds are reproducible: dates come from SOURCE_DATE_EPOCH, by default the last commit's time."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True,
                             text=True, check=True).stdout.strip()
        return out or str(int(time.time()))
    except (OSError, subprocess.CalledProcessError):
        return str(int(time.time()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default="html,pdf", help="comma-separated: html, pdf")
    parser.add_argument("--languages", help="comma-separated edition codes (default: every edition)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site", help="the published folder")
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / "cache",
                        help="doctrees and intermediate output, per language")
    args = parser.parse_args(argv)
    try:
        editions = edition_list.load()
    except edition_list.EditionsError as exc:
        print(f"BUILD FAILED\n{exc}", file=sys.stderr)
        return 1
    formats = set(args.formats.split(","))
    languages = [code.strip() for code in args.languages.split(",")] if args.languages else list(editions)
    if not formats <= {"html", "pdf"}:
        parser.error(f"unknown format in {args.formats!r}: use html, pdf or html,pdf")
    if unknown := [code for code in languages if code not in editions]:
        parser.error(f"no edition {', '.join(unknown)} in {edition_list.EDITIONS_FILE.relative_to(ROOT)} "
                     f"(editions: {', '.join(editions)}); add one with make add-language CODE=xx NAME=Name")
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()
    if "pdf" in formats:
        from handbook.render.latex_language import hyphenation_note  # noqa: PLC0415 (after sys.path is set)

        for code in languages:
            if note := hyphenation_note(code, editions[code]):
                print(f"note: {note}")

    site = args.out.resolve()
    staging = site.with_name(site.name + ".staging")
    started = time.monotonic()
    try:
        translation_gate(args.cache.resolve())
        # a thread per edition waits on that edition's own Sphinx and LaTeX processes
        with ThreadPoolExecutor(max_workers=min(len(languages), os.cpu_count() or 1)) as pool:
            futures = {lang: pool.submit(build_edition, lang, formats, args.cache.resolve()) for lang in languages}
            root = root_files(editions)  # while the editions build (0.25 s, mostly imports)
            results = {}
            errors = []
            for lang, future in futures.items():
                try:
                    results[lang] = future.result()
                except StepFailed as exc:
                    errors.append(str(exc))
            if errors:
                raise StepFailed("\n".join(errors))
        if staging.exists():
            shutil.rmtree(staging)
        assemble(staging, site, formats, languages, results, args.cache.resolve(), editions, root)
        swap(staging, site)
    except StepFailed as exc:
        print(f"\nBUILD FAILED\n{exc}\nThe previous site in {site} is unchanged.", file=sys.stderr)
        return 1
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    for lang, timings in results.items():
        parts = ", ".join(f"{k} {v:.1f}s" for k, v in timings.items() if isinstance(v, float))
        print(f"{lang}: {parts}")
    print(f"site ready in {site} ({time.monotonic() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
