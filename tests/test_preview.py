"""The warm Sphinx worker (build_scripts/sphinx_worker.py) and the live preview built on it
(build_scripts/preview.py, `make serve`): same output as sphinx-build, the project's own code read fresh
for every build, failures reported, and a translator's edit on the served page."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

sys.path.insert(0, str(ROOT / "build_scripts"))
from sphinx_worker import SphinxWorker  # noqa: E402

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1764460800", "PYTHONPATH": str(ROOT / "_extensions")}


def html_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.html"))}


def test_worker_builds_the_same_pages_as_sphinx_build(rootdir, tmp_path):
    source = shutil.copytree(rootdir / "test-relations", tmp_path / "src")
    arguments = ["-b", "html", "-q", "-D", "language=en", str(source)]
    subprocess.run([sys.executable, "-m", "sphinx", *arguments, str(tmp_path / "cold"), "-d", str(tmp_path / "d1")],
                   env=ENV, check=True, capture_output=True)
    with SphinxWorker(env=ENV, stdout=subprocess.DEVNULL) as worker:
        for _ in range(2):  # the second build runs with the libraries learnt from the first
            shutil.rmtree(tmp_path / "warm", ignore_errors=True)
            shutil.rmtree(tmp_path / "d2", ignore_errors=True)
            answer = worker.build([*arguments, str(tmp_path / "warm"), "-d", str(tmp_path / "d2")])
            assert answer["status"] == 0 and answer["seconds"] > 0 and answer["peak_mb"] > 0
            warm = html_files(tmp_path / "warm")
            assert warm == html_files(tmp_path / "cold") and "richtlijnen/alfa/index.html" in warm


def test_worker_reads_the_projects_own_code_anew_for_every_build(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "conf.py").write_text("import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
                                     "extensions = ['stamp']\n")
    (project / "index.rst").write_text("Start\n=====\n")
    extension = project / "stamp.py"
    extension.write_text("def setup(app):\n"
                         "    app.connect('build-finished', lambda app, exc: (app.outdir / 'stamp.txt').write_text('one'))\n")
    arguments = ["-b", "html", "-q", "-E", str(project), str(tmp_path / "out")]
    with SphinxWorker(env=ENV, stdout=subprocess.DEVNULL) as worker:
        assert worker.build(arguments)["status"] == 0
        assert (tmp_path / "out" / "stamp.txt").read_text() == "one"
        extension.write_text(extension.read_text().replace("'one'", "'two'"))
        assert worker.build(arguments)["status"] == 0
        assert (tmp_path / "out" / "stamp.txt").read_text() == "two"


def test_worker_reports_a_failed_build_and_goes_on(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "conf.py").write_text("extensions = [\n")  # a syntax error
    (project / "index.rst").write_text("Start\n=====\n")
    arguments = ["-b", "html", "-q", str(project), str(tmp_path / "out")]
    with SphinxWorker(env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as worker:
        assert worker.build(arguments)["status"] != 0
        (project / "conf.py").write_text("extensions = []\n")
        assert worker.build(arguments)["status"] == 0
    assert (tmp_path / "out" / "index.html").exists()
    assert worker.process.returncode == 0  # closed: the warm process has ended


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return None


def wait_for(check, seconds: float, what: str, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"{what} within {seconds} s; preview output:\n{log.read_text()[-3000:]}")


@pytest.mark.publication
def test_preview_shows_an_edited_translation(tmp_path):
    import bench  # noqa: PLC0415 (its msgstr edit: the first plain paragraph of a page)

    project = copy_project(tmp_path / "project")
    port = free_port()
    page = f"http://127.0.0.1:{port}/richtlijnen/inkoop/index.html"
    log = tmp_path / "preview.log"
    with log.open("w") as out:
        preview = subprocess.Popen(
            [sys.executable, str(project / "build_scripts" / "preview.py"), "--language", "en", "--port", str(port)],
            cwd=project, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1764460800", "PYTHONUNBUFFERED": "1"})
        try:
            first = wait_for(lambda: fetch(page), 180, "the English page is not served", log)
            assert 'lang="en"' in first and "(edit 1)" not in first
            bench.edit_en_msgstr(project, "inkoop", 1)
            edited = wait_for(lambda: (html := fetch(page)) and "(edit 1)" in html and html, 60,
                              "the edited msgstr does not show", log)
            assert 'lang="en"' in edited
            # the first build and the rebuild, each by the warm worker
            wait_for(lambda: len(re.findall(r"Built in [\d.]+ s", log.read_text())) >= 2, 20,
                     "the rebuild is not reported", log)
            workers = subprocess.run(["pgrep", "-f", f"{project}/build_scripts/sphinx_worker.py"],
                                     capture_output=True, text=True).stdout.split()
            assert len(workers) == 1
        finally:
            os.killpg(preview.pid, signal.SIGINT)
            try:
                preview.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(preview.pid, signal.SIGKILL)
                preview.wait()
    wait_for(lambda: not subprocess.run(["pgrep", "-f", f"{project}/build_scripts/sphinx_worker.py"],
                                        capture_output=True).stdout, 10, "the warm worker outlives the preview", log)


def test_preview_builds_in_a_new_process_when_the_warm_one_is_gone(tmp_path, capsys):
    import preview  # noqa: PLC0415

    project = tmp_path / "project"
    project.mkdir()
    (project / "conf.py").write_text("extensions = []\n")
    (project / "index.rst").write_text("Start\n=====\n")
    builder = preview.WarmBuilder([str(project), str(tmp_path / "out"), "-q"], url_host="127.0.0.1:0",
                                  pre_build_commands=[], post_build_commands=[])
    builder(changed_paths=[])  # the first build starts the warm process
    assert (tmp_path / "out" / "index.html").exists() and builder.worker.process.poll() is None
    builder.worker.process.kill()
    builder.worker.process.wait()
    (project / "index.rst").write_text("Start\n=====\n\nNieuwe zin.\n")
    builder(changed_paths=[project / "index.rst"])
    assert "Nieuwe zin." in (tmp_path / "out" / "index.html").read_text()
    assert "building in a new process" in capsys.readouterr().out
    builder.worker.close()
