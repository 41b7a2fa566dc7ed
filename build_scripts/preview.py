"""Live preview of one edition (`make serve LANG_=en`): sphinx-autobuild watches source/, locale/ and
_extensions/, rebuilds on every save and reloads the browser; its builds go to a warm Sphinx process
(build_scripts/sphinx_worker.py), so a translator sees an edited msgstr in about one second instead of
two and a half. Before every build the translation gate (build_scripts/check_po.py) checks the catalogues:
with a finding the build is skipped, the findings are printed, and the last good pages stay served.

Usage: python build_scripts/preview.py [--language nl|en] [--port 8000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import sphinx_autobuild.__main__ as autobuild
from sphinx_autobuild.build import Builder
from sphinx_autobuild.utils import show_command, show_message
from sphinx_worker import SphinxWorker

import check_po
import editions

ROOT = Path(__file__).resolve().parent.parent


class WarmBuilder(Builder):
    """sphinx-autobuild's Builder, with sphinx-build run by the warm worker instead of a new process."""

    worker: SphinxWorker | None = None
    catalogues: list[Path] | None = None  # what the translation gate checks (default: the project's)
    gate_store: Path | None = None  # where the gate keeps its findings between saves (check_po.check)

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        if changed_paths:
            show_message(f"Detected changes ({', '.join(str(p) for p in changed_paths[:5])})")
        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return
        if not self._translations_pass():
            show_message(f"Serving on {self.uri}")
            return
        if self.worker is None:
            self.worker = SphinxWorker()
        show_command(["sphinx-build", *self.sphinx_args])
        try:
            answer = self.worker.build(self.sphinx_args)
        except (OSError, RuntimeError) as exc:  # the warm process is gone: build the slow way
            show_message(f"The warm Sphinx process is not answering ({exc}); building in a new process.")
            started = time.perf_counter()
            status = subprocess.run([sys.executable, "-m", "sphinx", *self.sphinx_args]).returncode
            answer = {"status": status, "seconds": time.perf_counter() - started}
        if answer["status"] != 0:
            print(f"Sphinx exited with exit code {answer['status']}: the pages served may be out of date. "
                  "Fix the error above and save again, or press Ctrl+C to stop.")
        else:
            show_message(f"Built in {answer['seconds']:.1f} s")
            self._run_commands(self.post_build_commands, "post-build")
        show_message(f"Serving on {self.uri}")


    def _translations_pass(self) -> bool:
        try:
            files, findings = check_po.check(self.catalogues, remembered_in=self.gate_store)
        except check_po.GateError as exc:
            findings, message = [exc], ""
        else:
            message = check_po.summary(files, findings)
        if not findings:
            return True
        print("\n".join(map(str, findings)) + (f"\n{message}" if message else ""), flush=True)
        show_message("Not built: the translation check (make check-po) failed; the pages served are from "
                     "the last good build. Fix the lines named above and save again.")
        return False


def autobuild_arguments(language: str, port: int) -> list[str]:
    return ["--host", "127.0.0.1", "--port", str(port), "-D", f"language={language}",
            "-d", str(ROOT / "build" / "cache" / f"serve-{language}" / "doctrees"),
            "--watch", str(ROOT / "locale"), "--watch", str(ROOT / "_extensions"),
            "--re-ignore", r"\.mo$",  # Sphinx compiles the catalogues: that is no reason to build again
            str(ROOT / "source"), str(ROOT / "build" / f"serve-{language}")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=editions.codes(), default=editions.source_language())
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    autobuild.Builder = WarmBuilder  # sphinx-autobuild builds through this class (pinned version, tested)
    WarmBuilder.gate_store = ROOT / "build" / "cache" / f"serve-{args.language}" / "check-po.json"
    autobuild.main(autobuild_arguments(args.language, args.port))
    return 0


if __name__ == "__main__":
    sys.exit(main())
