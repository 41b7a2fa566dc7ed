"""Measure the build: time and peak memory of cold and incremental builds, the pages each incremental
build rewrites, the page weight of a guideline page, and the size and page count of both PDFs.

Everything runs on temporary copies of the project (source/, locale/, _extensions/, build_scripts/,
pyproject.toml); build/ of the working tree is never touched. Every build is build_scripts/build.py in a
child process, timed as the median of --runs runs with min and max:

    cold-html        both editions' HTML, fresh copy (no doctrees, no compiled catalogues)
    cold-pdf         both PDFs, fresh copy
    cold-pdf-draft   both PDFs untagged (HANDBOOK_PDF_TAGGING=0: an author's layout check), fresh copy
    cold-all         the whole `make` (both HTML, both PDFs), fresh copy
    noop-html        `make html` again, nothing changed
    edit-en-msgstr   `make html` after editing one English msgstr (a body paragraph of --page)
    edit-en-only     the same edit, English edition only (`--languages en`)
    edit-nl-para     `make html` after editing one Dutch paragraph of --page
    edit-relation    `make html` after removing or restoring one relation in --page's front matter
    edit-registry    `make html` after editing the description of one of --page's instruments
    edit-en-warm     the English msgstr edit built by the warm Sphinx worker of the live preview
                     (`make serve`, build_scripts/sphinx_worker.py): no interpreter start, no imports

Peak memory: "process" is the largest single process (getrusage of the build's process tree, exact);
"all" is the sum over the whole tree at its peak (sampled every 0.1 s from /proc), which counts the two
editions that build side by side. "cores" is CPU time / wall time: near 2 when both editions use both
cores. Pages rewritten: HTML files under build/cache/<lang>/html whose mtime changed ("changed": whose
bytes changed); search.html, which Sphinx writes on every build, is not counted.

--scale N also builds a copy with N times the guidelines (synthetic copies of every guideline with unique
slugs, numbers 1..13*N, relations and links remapped within each copy, titles and summaries suffixed, the
English catalogues copied the same way) and reports how time and memory grow from 1x to Nx.

--scale N measures cold-html, cold-all and edit-en-msgstr again on the scaled copy (--scale-runs runs each).
--quick skips the PDF builds; --scenarios names the ones to run. --against REV measures the project at a
git revision beside this one, alternating run by run (run 1 of each, then run 2...), so that the machine's
load falls on both; a scenario the old revision cannot run (no registry) is reported as an error for it only.
--add-language CODE:NAME does the same beside a copy with one more edition. --profile DIR also runs the English HTML build under cProfile (cold, then
after one msgstr edit) and lists what costs the time.

Usage: python build_scripts/bench.py [--runs 5] [--scale N [--scale-runs R]] [--quick] [--scenarios a,b] [--page inkoop]
                                     [--json FILE] [--profile DIR] [--nice N] [--workdir DIR] [--keep]
                                     [--against REV | --add-language fy:Frysk]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from collections.abc import Callable, Iterator
from urllib.parse import unquote, urlsplit

import project_files  # noqa: E402 (build_scripts/, beside this file)

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nl", "en")
SOURCE_DATE_EPOCH = "1764460800"  # fixed: builds of different copies are comparable
TARGETS = {
    "cold_html_seconds": 2.5,
    "cold_all_seconds": 20.0,
    "incremental_en_seconds": 1.5,
    "peak_memory_mb": 600.0,
    "page_weight_kb": 120.0,  # a guideline page, uncompressed (issue 12; tests/test_design_css.py)
    "pdf_mb": 1.5,
}


class BenchError(Exception):
    pass


# --- project copies -------------------------------------------------------------------------------------

def copy_project(target: Path, source: Path = ROOT) -> Path:
    try:
        return project_files.copy_project(target, source)
    except FileNotFoundError as exc:
        raise BenchError(str(exc)) from exc


def split_front_matter(text: str, path: Path) -> tuple[str, str]:
    if not text.startswith("---\n"):
        raise BenchError(f"{path}:1: no YAML front matter; a guideline page starts with a '---' line")
    end = text.find("\n---\n", 3)
    if end < 0:
        raise BenchError(f"{path}:1: the front matter has no closing '---' line")
    return text[4 : end + 1], text[end + 5 :]


def guideline_slugs(project: Path) -> list[str]:
    return sorted(p.parent.name for p in (project / "source" / "richtlijnen").glob("*/index.md"))


def scale_project(project: Path, factor: int) -> None:
    """Add factor-1 synthetic copies of every guideline (source page and English catalogue)."""
    import polib  # noqa: PLC0415 (pinned dependency, only needed here)
    import yaml  # noqa: PLC0415

    slugs = guideline_slugs(project)
    pages = project / "source" / "richtlijnen"
    catalogues = project / "locale" / "en" / "LC_MESSAGES" / "richtlijnen"
    link = re.compile(r"/richtlijnen/(%s)/index" % "|".join(map(re.escape, slugs)))
    new_entries = []
    for copy in range(2, factor + 1):
        remap_links = lambda text, k=copy: link.sub(lambda m: f"/richtlijnen/{m.group(1)}-{k}/index", text)  # noqa: E731
        for slug in slugs:
            path = pages / slug / "index.md"
            front, body = split_front_matter(path.read_text(encoding="utf-8"), path)
            meta = yaml.safe_load(front)
            title, summary = meta["title"], meta["summary"]
            meta["number"] = meta["number"] + len(slugs) * (copy - 1)
            meta["title"] = f"{title} (kopie {copy})"
            meta["summary"] = f"{summary} Kopie {copy}."
            meta["relations"] = [f"{r}-{copy}" for r in meta.get("relations", [])]
            target = pages / f"{slug}-{copy}" / "index.md"
            target.parent.mkdir()
            target.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
                              + "---\n" + remap_links(body), encoding="utf-8")
            new_entries.append(f"{slug}-{copy}/index")

            po_path = catalogues / slug / "index.po"
            if po_path.exists():
                po = polib.pofile(str(po_path), wrapwidth=0)
                for entry in po:
                    if entry.msgid == title:
                        entry.msgid, entry.msgstr = meta["title"], f"{entry.msgstr} (copy {copy})"
                    elif entry.msgid == " ".join(summary.split()):
                        entry.msgid, entry.msgstr = " ".join(meta["summary"].split()), f"{entry.msgstr} Copy {copy}."
                    else:
                        entry.msgid, entry.msgstr = remap_links(entry.msgid), remap_links(entry.msgstr)
                (catalogues / f"{slug}-{copy}").mkdir(parents=True)
                po.save(str(catalogues / f"{slug}-{copy}" / "index.po"))
    add_to_toctree(pages / "index.md", new_entries)
    registry = project / "source" / "_data" / "instrumenten.yaml"
    if registry.exists():  # the copies show the same instruments as their originals
        entries = yaml.safe_load(registry.read_text(encoding="utf-8"))
        for entry in entries:
            entry["guidelines"] += [f"{slug}-{copy}" for copy in range(2, factor + 1) for slug in list(entry["guidelines"])]
        registry.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def add_to_toctree(index: Path, entries: list[str]) -> None:
    lines = index.read_text(encoding="utf-8").splitlines(keepends=True)
    last = max((i for i, line in enumerate(lines) if re.fullmatch(r"[a-z0-9-]+/index\n?", line)), default=None)
    if last is None:
        raise BenchError(f"{index}: no toctree entry like 'cloud/index' found to add the synthetic guidelines after")
    lines[last + 1 : last + 1] = [f"{entry}\n" for entry in entries]
    index.write_text("".join(lines), encoding="utf-8")


# --- edits for the incremental builds --------------------------------------------------------------------

def page_source(project: Path, slug: str) -> Path:
    path = project / "source" / "richtlijnen" / slug / "index.md"
    if not path.exists():
        raise BenchError(f"{path}: no such guideline; pass --page with one of {', '.join(guideline_slugs(project))}")
    return path


def edit_en_msgstr(project: Path, slug: str, run: int) -> None:
    """Change the translation of the first plain body paragraph of the page (shown on that page only)."""
    import polib  # noqa: PLC0415
    import yaml  # noqa: PLC0415

    page = page_source(project, slug)
    meta = yaml.safe_load(split_front_matter(page.read_text(encoding="utf-8"), page)[0])
    path = project / "locale" / "en" / "LC_MESSAGES" / "richtlijnen" / slug / "index.po"
    shown_elsewhere = {meta["title"], " ".join(meta["summary"].split())}
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next((e for e in po if e.msgstr and not e.obsolete and e.msgid not in shown_elsewhere
                  and len(e.msgid) > 60 and not re.search(r"[`*\[{<]", e.msgid)), None)
    if entry is None:
        raise BenchError(f"{path}: no translated plain paragraph (longer than 60 characters) to edit")
    entry.msgstr = re.sub(r" \(edit \d+\)$", "", entry.msgstr) + f" (edit {run})"
    po.save(str(path))


def edit_nl_paragraph(project: Path, slug: str, run: int) -> None:
    """Change the page's last plain paragraph (edit_en_msgstr changes the first: the two edits stay apart)."""
    path = page_source(project, slug)
    text = path.read_text(encoding="utf-8")
    front, body = split_front_matter(text, path)
    lines = body.splitlines(keepends=True)
    last = max((i for i, line in enumerate(lines) if line[:1].isalpha() and len(line) > 60), default=None)
    if last is None:
        raise BenchError(f"{path}: no paragraph after the front matter to edit")
    lines[last] = re.sub(r" \(bewerking \d+\)$", "", lines[last].rstrip("\n")) + f" (bewerking {run})\n"
    path.write_text("---\n" + front + "---\n" + "".join(lines), encoding="utf-8")


def edit_registry(project: Path, slug: str, run: int) -> None:
    """Change the description of the page's first instrument in the registry (a line scan: keeps the file)."""
    path = project / "source" / "_data" / "instrumenten.yaml"
    if not path.is_file():
        raise BenchError(f"{path}: no instrument registry in this project (an older revision?): nothing to edit")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    serving = next((i for i, line in enumerate(lines)
                    if line.startswith("  guidelines:") and re.search(rf"[\[ ,]{re.escape(slug)}[\],]", line)), None)
    if serving is None:
        raise BenchError(f"{path}: no instrument of guideline '{slug}' to edit")
    line = next(i for i in range(serving, len(lines)) if lines[i].startswith("  description:"))
    lines[line] = re.sub(r" \(bewerking \d+\)$", "", lines[line].rstrip("\n")) + f" (bewerking {run})\n"
    path.write_text("".join(lines), encoding="utf-8")


def edit_relation(project: Path, slug: str, run: int) -> None:
    """Odd runs remove the page's last relation, even runs put it back: every run is one real change."""
    path = page_source(project, slug)
    text = path.read_text(encoding="utf-8")
    front, body = split_front_matter(text, path)
    lines = front.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("relations:")), None)
    if start is None:
        raise BenchError(f"{path}: no 'relations:' in the front matter to edit")
    end = start + 1
    while end < len(lines) and lines[end].startswith("  - "):
        end += 1
    parked = path.with_name(".bench-removed-relation")
    if parked.exists():
        lines.insert(end, parked.read_text(encoding="utf-8"))
        parked.unlink()
    elif end - start >= 2:
        parked.write_text(lines.pop(end - 1), encoding="utf-8")
    else:
        raise BenchError(f"{path}:{start + 2}: needs at least one relation to remove and restore")
    path.write_text("---\n" + "".join(lines) + "---\n" + body, encoding="utf-8")


# --- running and measuring a build -----------------------------------------------------------------------

def _tree_rss_kb(root_pid: int) -> int:
    """Resident memory of root_pid and all its descendants, now."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    family = {root_pid}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    return sum(rss.get(pid, 0) for pid in family)


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_process_mb: float
    peak_total_mb: float
    pages_rewritten: dict[str, int] = field(default_factory=dict)
    pages_changed: dict[str, int] = field(default_factory=dict)


NICENESS = [0]  # --nice: on a shared machine, a negative value (as root) keeps other work from skewing the times


def _apply_niceness() -> None:
    """In the child, after setsid: with autogroup scheduling a niceness only counts within its group, so
    the new session's group gets it too."""
    try:
        Path("/proc/self/autogroup").write_text(str(NICENESS[0]))
    except OSError:
        pass
    os.nice(NICENESS[0])


def measured(command: list[str], cwd: Path, log: Path, extra_env: dict[str, str] | None = None) -> Run:
    """Run one command as a child; wall time, CPU time and peak memory of its whole process tree."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **(extra_env or {})}
    niceness = NICENESS[0]
    with log.open("wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                 start_new_session=bool(niceness),
                                 preexec_fn=_apply_niceness if niceness else None)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], _tree_rss_kb(child.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _pid, status, usage = os.wait4(child.pid, 0)  # usage covers the child and every descendant it waited for
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
    if child.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise BenchError(f"build failed (exit {child.returncode}) in {cwd}: {' '.join(command)}\n"
                         f"full log: {log}\n{tail}")
    process_mb = usage.ru_maxrss / 1024  # Linux reports kilobytes
    return Run(seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime, peak_process_mb=process_mb,
               peak_total_mb=max(peak[0] / 1024, process_mb))


def build_command(project: Path, formats: str, languages: str = "") -> list[str]:
    """build.py's command; without languages, every edition of that copy (its editions.toml)."""
    return [sys.executable, str(project / "build_scripts" / "build.py"), "--formats", formats,
            *(["--languages", languages] if languages else [])]


def html_snapshot(project: Path) -> dict[str, dict[str, tuple[int, str]]]:
    snapshot = {}
    for language in LANGUAGES:
        folder = project / "build" / "cache" / language / "html"
        snapshot[language] = {str(p.relative_to(folder)): (p.stat().st_mtime_ns, hashlib.sha1(p.read_bytes()).hexdigest())
                              for p in folder.rglob("*.html")} if folder.is_dir() else {}
    return snapshot


SPHINX_PAGES = ("search.html", "genindex.html")  # Sphinx's own pages: it writes them on every build


def count_rewrites(before: dict, after: dict) -> tuple[dict[str, int], dict[str, int]]:
    """Pages of documents rewritten (mtime) and changed (bytes), per language; SPHINX_PAGES not counted."""
    rewritten, changed = {}, {}
    for language in LANGUAGES:
        old = {page: facts for page, facts in before.get(language, {}).items() if page not in SPHINX_PAGES}
        new = {page: facts for page, facts in after.get(language, {}).items() if page not in SPHINX_PAGES}
        rewritten[language] = sum(1 for page, (mtime, _) in new.items() if old.get(page, (None,))[0] != mtime)
        changed[language] = sum(1 for page, (_, digest) in new.items() if old.get(page, (None, None))[1] != digest)
    return rewritten, changed


# --- scenarios -------------------------------------------------------------------------------------------

@dataclass
class Scenario:
    name: str
    label: str
    formats: str
    languages: str = ""  # every edition
    edit: Callable[[Path, str, int], None] | None = None  # None with cold=True: a fresh copy per run
    cold: bool = False
    pdf: bool = False
    warm: bool = False  # built by the warm Sphinx worker (English HTML only), not by build.py
    env: dict[str, str] = field(default_factory=dict)  # set for the build (an older revision may ignore it)


SCENARIOS = [
    Scenario("cold-html", "cold HTML, both editions", "html", cold=True),
    Scenario("cold-pdf", "cold PDF, both editions", "pdf", cold=True, pdf=True),
    Scenario("cold-pdf-draft", "cold untagged PDF drafts, both editions", "pdf", cold=True, pdf=True,
             env={"HANDBOOK_PDF_TAGGING": "0"}),
    Scenario("cold-all", "cold whole build (make)", "html,pdf", cold=True, pdf=True),
    Scenario("noop-html", "make html, nothing changed", "html", edit=lambda project, slug, run: None),
    Scenario("edit-en-msgstr", "make html after 1 English msgstr", "html", edit=edit_en_msgstr),
    Scenario("edit-en-only", "English only, after 1 msgstr", "html", languages="en", edit=edit_en_msgstr),
    Scenario("edit-nl-para", "make html after 1 Dutch paragraph", "html", edit=edit_nl_paragraph),
    Scenario("edit-relation", "make html after 1 relation", "html", edit=edit_relation),
    Scenario("edit-registry", "make html after 1 registry entry", "html", edit=edit_registry),
    Scenario("edit-en-warm", "live preview (warm), 1 English msgstr", "html", languages="en",
             edit=edit_en_msgstr, warm=True),
]
SCALED = ("cold-html", "cold-all", "edit-en-msgstr")


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def summarise(runs: list[Run]) -> dict:
    result = {
        "seconds": spread([r.seconds for r in runs]),
        "cpu_seconds": spread([r.cpu_seconds for r in runs]),
        "cores_used": spread([r.cpu_seconds / r.seconds for r in runs]),
        "peak_process_mb": spread([r.peak_process_mb for r in runs]),
        "peak_total_mb": spread([r.peak_total_mb for r in runs]),
    }
    if runs[0].pages_rewritten:
        result["pages_rewritten"] = {lang: spread([r.pages_rewritten[lang] for r in runs]) for lang in LANGUAGES}
        result["pages_changed"] = {lang: spread([r.pages_changed[lang] for r in runs]) for lang in LANGUAGES}
    return result


class Bench:
    def __init__(self, workdir: Path, runs: int, slug: str, say: Callable[[str], None], label: str = ""):
        self.workdir, self.runs, self.slug, self.say = workdir, runs, slug, say
        self.label = f" ({label})" if label else ""  # beside another version: which one a run line is
        self.counter = 0
        self.edits = 0
        self.errors: list[str] = []
        self.warm = self.html_site = self.pdf_site = None

    def fresh(self, pristine: Path) -> Path:
        self.counter += 1
        target = self.workdir / f"copy-{self.counter:03d}"
        shutil.copytree(pristine, target)
        return target

    def suite(self, pristine: Path, names: list[str]) -> dict:
        """Run the named scenarios on copies of pristine; return their summaries. Afterwards self.html_site
        is a built site (HTML) and self.pdf_site a copy of the project built with PDFs, or None."""
        results: dict[str, dict] = {}
        self.warm = self.html_site = self.pdf_site = None
        for scenario in (s for s in SCENARIOS if s.name in names):
            load = os.getloadavg()[0]
            self.say(f"{scenario.name}: {scenario.label} (load {load:.2f})")
            try:
                runs = list(self.steps(scenario, pristine))
            except BenchError as exc:  # one failed scenario must not hide what the others measured
                self.failed(scenario, exc)
                continue
            results[scenario.name] = self.summary(scenario, load, runs)
        return results

    def steps(self, scenario: Scenario, pristine: Path) -> Iterator[Run]:
        """The scenario's runs, one at a time (measure_side_by_side alternates two versions run by run)."""
        if scenario.cold:
            yield from self.cold(scenario, pristine)
        else:
            yield from self.incremental(scenario, self.warm_copy(pristine))

    def failed(self, scenario: Scenario, exc: BenchError) -> None:
        self.errors.append(f"{scenario.name}: {exc}")
        self.say(f"  {scenario.name} FAILED: {str(exc).splitlines()[0]}")

    def summary(self, scenario: Scenario, load: float, runs: list[Run]) -> dict:
        command = f"build.py --formats {scenario.formats}"
        if scenario.languages:
            command += f" --languages {scenario.languages}"
        if scenario.warm:
            command = "sphinx_worker.py (make serve), English HTML"
        result = {"label": scenario.label, "command": command, "load_before": load, **summarise(runs)}
        if not scenario.cold:
            pages = html_snapshot(self.warm)
            result["pages_total"] = {lang: len(pages[lang]) for lang in LANGUAGES}
        return result

    def cold(self, scenario: Scenario, pristine: Path) -> Iterator[Run]:
        project = None
        for run in range(1, self.runs + 1):
            if project is not None:
                shutil.rmtree(project)
            project = self.fresh(pristine)
            result = measured(build_command(project, scenario.formats, scenario.languages), project,
                              self.workdir / f"{scenario.name}-{run}.log", scenario.env)
            self.say(f"  {scenario.name}{self.label} run {run}: {result.seconds:.2f} s")
            yield result
        if scenario.name == "cold-html":
            self.warm = project  # built: the incremental scenarios go on from here
            self.html_site = self.workdir / f"site-{self.counter:03d}"  # as built, before any edit
            shutil.copytree(project / "build" / "site", self.html_site)
        elif scenario.name == "cold-all":
            self.pdf_site = project
        else:
            shutil.rmtree(project)

    def warm_copy(self, pristine: Path) -> Path:
        if self.warm is None:
            self.warm = self.fresh(pristine)
            measured(build_command(self.warm, "html"), self.warm, self.workdir / "warm-up.log")
            self.html_site = self.html_site or self.warm / "build" / "site"
        return self.warm

    def incremental(self, scenario: Scenario, project: Path) -> Iterator[Run]:
        if scenario.warm:
            yield from self.incremental_warm(scenario, project)
            return
        for run in range(1, self.runs + 1):
            self.edits += 1  # counted across scenarios: every edit differs from the one before
            scenario.edit(project, self.slug, self.edits)
            before = html_snapshot(project)
            result = measured(build_command(project, scenario.formats, scenario.languages), project,
                              self.workdir / f"{scenario.name}-{run}.log")
            result.pages_rewritten, result.pages_changed = count_rewrites(before, html_snapshot(project))
            self.say(f"  {scenario.name}{self.label} run {run}: {result.seconds:.2f} s, "
                     f"rewrote nl {result.pages_rewritten['nl']} / en {result.pages_rewritten['en']}")
            yield result


    def incremental_warm(self, scenario: Scenario, project: Path) -> Iterator[Run]:
        """The same edits, built by one warm Sphinx worker (as the live preview does) on the same caches as
        build.py. Wall time is the round trip seen by the client; CPU and peak memory are the build's own
        process (wait4); "all" adds the resident warm worker."""
        from build import sphinx_arguments  # noqa: PLC0415
        from sphinx_worker import SphinxWorker  # noqa: PLC0415

        argv = sphinx_arguments("html", "en", project / "build" / "cache", project / "source")
        log = self.workdir / f"{scenario.name}.log"
        with log.open("wb") as out, SphinxWorker(cwd=project, env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
                                                 stdout=out, stderr=out) as worker:
            for run in range(1, self.runs + 1):
                self.edits += 1
                scenario.edit(project, self.slug, self.edits)
                before = html_snapshot(project)
                resident_mb = _tree_rss_kb(worker.process.pid) / 1024
                started = time.perf_counter()
                answer = worker.build(argv)
                seconds = time.perf_counter() - started
                if answer["status"] != 0:
                    raise BenchError(f"warm build failed (exit {answer['status']}) in {project}; log: {log}")
                result = Run(seconds=seconds, cpu_seconds=answer["cpu_seconds"], peak_process_mb=answer["peak_mb"],
                             peak_total_mb=answer["peak_mb"] + resident_mb)
                result.pages_rewritten, result.pages_changed = count_rewrites(before, html_snapshot(project))
                self.say(f"  {scenario.name}{self.label} run {run}: {seconds:.2f} s, rewrote en {result.pages_rewritten['en']}")
                yield result


# --- page weight and PDFs --------------------------------------------------------------------------------

class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel and attrs.get("href"):
            self.found.append(("css", attrs["href"]))
        elif tag == "link" and {"preload", "modulepreload"} & set(rel) and attrs.get("href"):
            self.found.append(({"style": "css", "font": "fonts"}.get(attrs.get("as"), "js"), attrs["href"]))
        elif tag == "link" and "icon" in rel and attrs.get("href"):
            self.found.append(("images", attrs["href"]))
        elif tag == "script" and attrs.get("src"):
            self.found.append(("js", attrs["src"]))
        elif tag == "img" and attrs.get("src"):
            self.found.append(("images", attrs["src"]))


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]""")
FONT_SUFFIXES = {".woff", ".woff2", ".ttf", ".otf", ".eot"}


def _local(base: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("data:"):
        return None
    return (base.parent / unquote(parts.path)).resolve()


def page_weight(page: Path) -> dict:
    """Bytes of the page and of every stylesheet, script, font (via CSS url()) and image it loads,
    uncompressed, each file counted once."""
    sizes: dict[str, int] = {"html": page.stat().st_size, "css": 0, "js": 0, "fonts": 0, "images": 0}
    files, external, missing = {str(page): page.stat().st_size}, [], []
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    queue = [(kind, page, url) for kind, url in parser.found]
    while queue:
        kind, base, url = queue.pop(0)
        path = _local(base, url)
        if path is None:
            if not url.startswith("data:"):
                external.append(url)
            continue
        if str(path) in files:
            continue
        if not path.is_file():
            missing.append(f"{url} (from {base})")
            continue
        files[str(path)] = path.stat().st_size
        sizes[kind] += path.stat().st_size
        if kind == "css":
            css = path.read_text(encoding="utf-8", errors="replace")
            queue += [("css", path, u) for u in CSS_IMPORT.findall(css)]
            queue += [("fonts", path, u) for u in CSS_URL.findall(css)
                      if Path(urlsplit(u).path).suffix.lower() in FONT_SUFFIXES]
    return {"bytes": sizes, "total_bytes": sum(sizes.values()), "total_kb": sum(sizes.values()) / 1024,
            "files": len(files), "external": external, "missing": missing}


def pdf_facts(site: Path) -> dict:
    from pypdf import PdfReader  # noqa: PLC0415 (dev dependency, in requirements.lock)

    facts = {}
    for pdf in sorted((site / "downloads").glob("*.pdf")):
        language = pdf.stem.rsplit("-", 1)[-1]
        facts[language] = {"file": pdf.name, "bytes": pdf.stat().st_size, "mb": pdf.stat().st_size / 2**20,
                           "pages": len(PdfReader(pdf).pages)}
    if not facts:
        raise BenchError(f"{site / 'downloads'}: no PDF found after the whole build")
    return facts


# --- profiling -------------------------------------------------------------------------------------------

def _module_path(filename: str) -> str:
    """'.../site-packages/sphinx/builders/__init__.py' -> 'sphinx/builders/__init__.py'"""
    for marker in ("site-packages/", "/_extensions/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return Path(filename).name

def profile(pristine: Path, out: Path, slug: str, say: Callable[[str], None]) -> dict:
    """cProfile of the English HTML build: cold, then after one msgstr edit. Writes .prof files to out."""
    import pstats  # noqa: PLC0415

    out.mkdir(parents=True, exist_ok=True)
    project = out / "project"
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(pristine, project)
    cache = project / "build" / "cache" / "en"
    report = {}
    for name, edit in (("en-cold-html", None), ("en-after-msgstr", edit_en_msgstr)):
        if edit:
            edit(project, slug, 1)
        prof = out / f"{name}.prof"
        measured([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "sphinx", "-b", "html", "-q",
                  "-d", str(cache / "doctrees"), "-D", "language=en", str(project / "source"), str(cache / "html")],
                 project, out / f"{name}.log")
        stats = pstats.Stats(str(prof))
        total = stats.total_tt
        rows = sorted(((value[3], func) for func, value in stats.stats.items()), key=lambda row: -row[0])
        top = [{"function": f"{_module_path(f[0])}:{f[1]}({f[2]})", "cumulative_s": round(cum, 3),
                "share": round(cum / total, 3)} for cum, f in rows if f[0] != "~" and not f[0].startswith("<")][:40]
        report[name] = {"total_s": total, "profile": str(prof), "top_cumulative": top}
        say(f"  profile {name}: {total:.2f} s under cProfile, written to {prof}")
    return report


# --- report ----------------------------------------------------------------------------------------------

def _fmt(spread_: dict, digits: int = 2) -> str:
    return f"{spread_['median']:.{digits}f} ({spread_['min']:.{digits}f}-{spread_['max']:.{digits}f})"


def table(results: dict) -> str:
    lines = []
    for scale, data in results["scales"].items():
        version = f"{scale.split()[0]}x guidelines, {scale.split()[1]}" if " " in scale else f"{scale}x guidelines"
        lines.append(f"\n== {version} ({data['guidelines']} guideline pages), "
                     f"median (min-max) of {data['runs']} runs ==")
        lines.append(f"{'scenario':<16} {'what':<35} {'seconds':>19} {'CPU seconds':>19} {'cores':>16} {'peak MB process':>22} "
                     f"{'peak MB all':>22}  pages rewritten nl/en (changed) of total")
        for name, s in data["scenarios"].items():
            pages = ""
            if "pages_rewritten" in s:
                rw, ch = s["pages_rewritten"], s["pages_changed"]
                pages = (f"{rw['nl']['median']:.0f}/{rw['en']['median']:.0f} "
                         f"({ch['nl']['median']:.0f}/{ch['en']['median']:.0f}) of "
                         f"{s['pages_total'].get('nl', 0)}/{s['pages_total'].get('en', 0)}")
            lines.append(f"{name:<16} {s['label']:<35} {_fmt(s['seconds']):>19} {_fmt(s['cpu_seconds']):>19} {_fmt(s['cores_used']):>16} "
                         f"{_fmt(s['peak_process_mb'], 0):>22} {_fmt(s['peak_total_mb'], 0):>22}  {pages}")
        for language, weight in data.get("page_weight", {}).items():
            b = weight["bytes"]
            lines.append(f"page weight {language} {weight['page']}: {weight['total_kb']:.1f} KB "
                         f"(HTML {b['html'] / 1024:.1f}, CSS {b['css'] / 1024:.1f}, JS {b['js'] / 1024:.1f}, "
                         f"fonts {b['fonts'] / 1024:.1f}, images {b['images'] / 1024:.1f}; {weight['files']} files)")
        for language, pdf in data.get("pdfs", {}).items():
            lines.append(f"PDF {language} {pdf['file']}: {pdf['mb']:.2f} MB, {pdf['pages']} pages")
        for error in data.get("errors", []):
            lines.append(f"ERROR {error.splitlines()[0]}")
    if results.get("growth"):
        lines.append(f"\n== growth from 1x to {results['scale']}x ==")
        for name, g in results["growth"].items():
            lines.append(f"{name:<16} time x{g['time_ratio']:.2f}, peak memory (all) x{g['memory_ratio']:.2f} "
                         f"-> {g['peak_total_mb']:.0f} MB")
    for name, prof in results.get("profile", {}).items():
        lines.append(f"\n== cProfile {name}: {prof['total_s']:.1f} s under the profiler, {prof['profile']} ==")
        lines += [f"{row['cumulative_s']:8.2f} s {row['share']:6.1%}  {row['function']}" for row in prof["top_cumulative"][:25]]
    lines.append("\n== targets ==")
    for t in results["targets"]:
        lines.append(f"{'met   ' if t['met'] else 'MISSED'} {t['target']}: {t['measured']}")
    return "\n".join(lines)


def targets(results: dict) -> list[dict]:
    checks = []

    def check(target: str, value: float | None, limit: float, unit: str, detail: str = "") -> None:
        if value is not None:
            checks.append({"target": f"{target} < {limit:g} {unit}", "limit": limit, "value": value,
                           "measured": f"{value:.2f} {unit}{detail}", "met": value < limit})

    base = results["scales"].get("1", {})
    scenarios = base.get("scenarios", {})
    if "cold-html" in scenarios:
        s = scenarios["cold-html"]
        check("cold HTML of both editions", s["seconds"]["median"], TARGETS["cold_html_seconds"], "s",
              f" (cores used {s['cores_used']['median']:.2f} of {os.cpu_count()})")
    if "cold-all" in scenarios:
        check("everything (both HTML, both PDFs)", scenarios["cold-all"]["seconds"]["median"],
              TARGETS["cold_all_seconds"], "s")
    for name in ("edit-en-warm", "edit-en-only", "edit-en-msgstr"):
        if name in scenarios:
            s = scenarios[name]
            check(f"incremental English rebuild after 1 msgstr ({s['command']})", s["seconds"]["median"],
                  TARGETS["incremental_en_seconds"], "s",
                  f"; rewrote {s['pages_rewritten']['en']['median']:.0f} English pages, "
                  f"{s['pages_changed']['en']['median']:.0f} changed")
    if "edit-en-only" in scenarios:
        s = scenarios["edit-en-only"]
        rewritten, changed = s["pages_rewritten"]["en"]["median"], s["pages_changed"]["en"]["median"]
        checks.append({"target": "the msgstr edit rewrites only the pages that show the message",
                       "limit": changed, "value": rewritten, "met": rewritten <= changed,
                       "measured": f"{rewritten:.0f} pages rewritten, {changed:.0f} changed"})
    for language, weight in base.get("page_weight", {}).items():
        check(f"page weight of a guideline page ({language})", weight["total_kb"], TARGETS["page_weight_kb"], "KB")
    for language, pdf in base.get("pdfs", {}).items():
        check(f"PDF size ({language})", pdf["mb"], TARGETS["pdf_mb"], "MB", f", {pdf['pages']} pages")
    for name, growth in results.get("growth", {}).items():
        check(f"{name}: time at {results['scale']}x / time at 1x", growth["time_ratio"], results["scale"] + 1e-9, "x")
    for scale, data in results["scales"].items():
        peaks = [s["peak_total_mb"]["max"] for s in data.get("scenarios", {}).values()]
        failed = [error.split(":")[0] for error in data.get("errors", [])]
        if peaks:
            check(f"peak memory at {scale}x (all processes of a build)", max(peaks), TARGETS["peak_memory_mb"], "MB",
                  f" (not measured: {', '.join(failed)} failed)" if failed else "")
        for name in failed:
            checks.append({"target": f"{name} builds at {scale}x", "limit": None, "value": None,
                           "measured": "failed, see the error above", "met": False})
    return checks


def growth(results: dict, scale: int) -> dict:
    base, big = results["scales"].get("1", {}).get("scenarios", {}), results["scales"].get(str(scale), {}).get("scenarios", {})
    return {name: {"time_ratio": big[name]["seconds"]["median"] / base[name]["seconds"]["median"],
                   "memory_ratio": big[name]["peak_total_mb"]["median"] / base[name]["peak_total_mb"]["median"],
                   "seconds": big[name]["seconds"]["median"], "peak_total_mb": big[name]["peak_total_mb"]["max"]}
            for name in big if name in base}


def extract_revision(revision: str, target: Path) -> Path:
    """The project's files as they were at a git revision (for --against)."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, *project_files.PROJECT_PARTS],
                             capture_output=True)
    if archive.returncode:
        raise BenchError(f"git archive {revision}: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def measure_side_by_side(benches: dict[str, tuple[Bench, Path]], names: list[str], slug: str) -> dict:
    """Each scenario for every version in turn (new, old, next scenario ...): the machine's load hits both."""
    data = {label: {"guidelines": len(guideline_slugs(pristine)), "runs": bench.runs, "scenarios": {}}
            for label, (bench, pristine) in benches.items()}
    for bench, _pristine in benches.values():
        bench.errors = []
        bench.warm = bench.html_site = bench.pdf_site = None
    for scenario in (s for s in SCENARIOS if s.name in names):
        steps, runs, loads = {}, {label: [] for label in benches}, {}
        for label, (bench, pristine) in benches.items():
            loads[label] = os.getloadavg()[0]
            bench.say(f"{scenario.name} ({label}): {scenario.label} (load {loads[label]:.2f})")
            steps[label] = bench.steps(scenario, pristine)
        while steps:  # run 1 of each version, then run 2 of each...
            for label in list(steps):
                bench = benches[label][0]
                try:
                    runs[label].append(next(steps[label]))
                except StopIteration:
                    del steps[label]
                    if runs[label]:
                        data[label]["scenarios"][scenario.name] = bench.summary(scenario, loads[label], runs[label])
                except BenchError as exc:  # one failed scenario must not hide what the others measured
                    del steps[label]
                    bench.failed(scenario, exc)
    for label, (bench, _pristine) in benches.items():
        if bench.html_site is not None:
            data[label]["page_weight"] = {
                language: {"page": f"{language}/richtlijnen/{slug}/index.html",
                           **page_weight(bench.html_site / language / "richtlijnen" / slug / "index.html")}
                for language in LANGUAGES}
        if bench.pdf_site is not None:
            data[label]["pdfs"] = pdf_facts(bench.pdf_site / "build" / "site")
        data[label]["errors"] = bench.errors
    return data


def scaled_copy(bench: Bench, pristine_1x: Path, factor: int) -> Path:
    pristine = bench.workdir / f"pristine-{factor}x"
    shutil.copytree(pristine_1x, pristine)
    scale_project(pristine, factor)
    return pristine


def measure_scale(bench: Bench, factor: int, names: list[str], pristine_1x: Path, slug: str) -> dict:
    pristine = scaled_copy(bench, pristine_1x, factor) if factor > 1 else pristine_1x
    bench.errors = []
    data: dict = {"guidelines": len(guideline_slugs(pristine)), "runs": bench.runs,
                  "scenarios": bench.suite(pristine, names)}
    if factor == 1 and bench.html_site is not None:
        site = bench.html_site
        data["page_weight"] = {}
        for language in LANGUAGES:
            page = site / language / "richtlijnen" / slug / "index.html"
            data["page_weight"][language] = {"page": str(page.relative_to(site)), **page_weight(page)}
    if bench.pdf_site is not None:
        data["pdfs"] = pdf_facts(bench.pdf_site / "build" / "site")
    data["errors"] = bench.errors
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median, min, max); default 5")
    parser.add_argument("--scale", type=int, default=1, help="also measure N times the guidelines (e.g. 10)")
    parser.add_argument("--scale-runs", type=int, help="runs per measurement at N times (default: --runs)")
    parser.add_argument("--quick", action="store_true", help="skip the PDF builds (cold-pdf, cold-all)")
    parser.add_argument("--scenarios", help="only these scenarios, comma-separated (default: all)")
    parser.add_argument("--page", default="inkoop", help="guideline to edit and weigh (slug); default inkoop")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="also profile the English build with cProfile, .prof files into DIR")
    parser.add_argument("--nice", type=int, default=0,
                        help="run the builds at this niceness (negative needs root: for a machine shared with others)")
    parser.add_argument("--workdir", type=Path, help="where the copies go (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the copies and build logs")
    parser.add_argument("--against", metavar="REV",
                        help="also measure the project at git revision REV, scenario by scenario beside this one")
    parser.add_argument("--add-language", metavar="CODE:NAME",
                        help="also measure a copy with one more edition (make add-language), scenario by scenario "
                             "beside this one: the growth from 2 to 3 editions")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.scale < 1 or (args.scale_runs or 1) < 1:
        parser.error("--runs, --scale and --scale-runs must be 1 or more")

    NICENESS[0] = args.nice
    say = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    workdir = (args.workdir or Path(tempfile.mkdtemp(prefix="handbook-bench-"))).resolve()
    if workdir == ROOT or ROOT in workdir.parents:
        parser.error(f"--workdir {workdir} is inside the project; use a folder elsewhere (default: a temp folder)")
    workdir.mkdir(parents=True, exist_ok=True)
    names = [s.name for s in SCENARIOS if not (args.quick and s.pdf)]
    if args.scenarios:
        unknown = set(args.scenarios.split(",")) - {s.name for s in SCENARIOS}
        if unknown:
            parser.error(f"unknown scenario(s) {', '.join(sorted(unknown))}; known: {', '.join(s.name for s in SCENARIOS)}")
        names = [name for name in names if name in args.scenarios.split(",")]
    results: dict = {"runs": args.runs, "scale": args.scale, "quick": args.quick, "page": args.page,
                     "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                                 "load_at_start": os.getloadavg()[0], "nice": args.nice},
                     "targets_defined": TARGETS, "scales": {}}
    try:
        pristine = copy_project(workdir / "pristine-1x")
        page_source(pristine, args.page)
        bench = Bench(workdir, args.runs, args.page, say)
        say(f"bench in {workdir}: {args.runs} runs per measurement")
        if args.add_language:
            code, _, name = args.add_language.partition(":")
            more = copy_project(workdir / f"pristine-1x-{code}")
            page_source(more, args.page)
            added = subprocess.run([sys.executable, str(more / "build_scripts" / "add_language.py"), code, name or code],
                                   cwd=more, capture_output=True, text=True)
            if added.returncode:
                raise BenchError(f"add_language.py {code} failed: {added.stderr.strip()}")
            (workdir / "more").mkdir()
            side = measure_side_by_side({"1": (bench, pristine),
                                         f"1 +{code}": (Bench(workdir / "more", args.runs, args.page, say, f"+{code}"), more)},
                                        names, args.page)
            results["scales"].update(side)
        elif args.against:
            old = extract_revision(args.against, workdir / "pristine-against")
            (workdir / "against").mkdir()
            against = Bench(workdir / "against", args.runs, args.page, say, f"@{args.against}")
            side = measure_side_by_side({"1": (bench, pristine), f"1 @{args.against}": (against, old)},
                                        names, args.page)
            results["scales"].update(side)
        else:
            results["scales"]["1"] = measure_scale(bench, 1, names, pristine, args.page)
        if args.scale > 1:
            say(f"scaled to {args.scale}x the guidelines")
            scaled = [n for n in names if n in SCALED]
            bench.runs = args.scale_runs or args.runs
            if args.against:  # the old revision scaled the same way, scenario by scenario beside this one
                against.runs = bench.runs
                results["scales"].update(measure_side_by_side(
                    {str(args.scale): (bench, scaled_copy(bench, pristine, args.scale)),
                     f"{args.scale} @{args.against}": (against, scaled_copy(against, old, args.scale))},
                    scaled, args.page))
            else:
                results["scales"][str(args.scale)] = measure_scale(bench, args.scale, scaled, pristine, args.page)
            results["growth"] = growth(results, args.scale)
        if args.profile:
            results["profile"] = profile(pristine, args.profile.resolve(), args.page, say)
    except BenchError as exc:
        say(f"bench failed: {exc}")
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    results["targets"] = targets(results)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
        say(f"results written to {args.json}")
    errors = [e for data in results["scales"].values() for e in data.get("errors", [])]
    for error in errors:
        say(f"ERROR: {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
