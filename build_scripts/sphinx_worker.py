"""A warm Sphinx: one long-lived process that has already imported Sphinx, docutils, MyST, furo and the rest,
and forks a fresh child for every build.

A new ``python -m sphinx`` spends about 0.8 s importing before it reads a single file, more than half of an
incremental English rebuild after one msgstr edit. The live preview (build_scripts/preview.py, `make serve`)
and the benchmark (build_scripts/bench.py) send their builds here instead. Every build still runs in its own
process, a copy-on-write fork of the warm one, so no state leaks from one build into the next.

The project's own code (conf.py, _extensions/) is never imported by the warm process: a child imports it
fresh, so an edit to the extension shows up in the next build.

    worker = SphinxWorker()                       # starts the warm process
    answer = worker.build(["-b", "html", "source", "build/x"])   # {"status": 0, "seconds": 0.8, ...}
    worker.close()

Run as a script, this file is the warm process itself: on a Unix socket it takes a JSON list of
sphinx-build arguments and answers with a JSON object (exit status, seconds).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

# Imported before the first build; what a build imports beyond these is learnt from it (see _learn).
PRELOAD = ("sphinx.cmd.build", "sphinx.application", "sphinx.builders.html", "sphinx.transforms.i18n",
           "sphinx.search", "docutils.parsers.rst", "myst_parser.parsers.sphinx_", "furo", "sphinx_design",
           "sphinx.ext.graphviz", "bs4", "yaml")
LIBRARY_FOLDERS = tuple({Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()})  # site-packages, stdlib


def _is_library(module) -> bool:
    """Installed code (the virtualenv, the standard library), never the project's conf.py or extensions."""
    path = getattr(module, "__file__", None)
    return bool(path) and any(Path(path).resolve().is_relative_to(folder) for folder in LIBRARY_FOLDERS)


def _learn(names: list[str]) -> None:
    """Import, in the warm process, the library modules a build imported: the next build finds them loaded."""
    for name in names:
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 (a module that will not import here is simply imported per build)
                pass


def _build_in_child(argv: list[str]) -> dict:
    read_end, write_end = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: one ordinary sphinx-build
        os.close(read_end)
        status = 2
        try:
            from sphinx.cmd.build import main  # noqa: PLC0415

            status = main(argv)
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
        except BaseException:  # noqa: BLE001
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            libraries = [name for name, module in list(sys.modules.items()) if _is_library(module)]
            with os.fdopen(write_end, "w") as out:
                json.dump(libraries, out)
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        libraries = json.loads(answer.read() or "[]")
    _pid, wait_status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    _learn(libraries)
    return {"status": os.waitstatus_to_exitcode(wait_status), "seconds": seconds,
            "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def serve(address: str, ready_fd: int) -> None:
    """Answer builds on a Unix socket, one JSON request and answer per connection, until stdin closes (the
    process that started this one has gone)."""
    for name in PRELOAD:
        _learn([name])
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(address)
        listener.listen()
        os.write(ready_fd, b"ready\n")
        os.close(ready_fd)
        while True:
            readable, _, _ = select.select([listener, sys.stdin], [], [])
            if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1024):
                return
            if listener in readable:
                connection, _ = listener.accept()
                with connection, connection.makefile("rw") as stream:
                    answer = _build_in_child(json.loads(stream.readline()))
                    stream.write(json.dumps(answer) + "\n")


class SphinxWorker:
    """Starts the warm process and hands it builds; their output goes to this process's stdout/stderr.

    A SphinxWorker can be pickled (sphinx-autobuild runs its builder in a process pool): the copy reaches
    the same warm process through its socket, and only the original stops it."""

    def __init__(self, cwd: Path | None = None, env: dict | None = None, stdout=None, stderr=None):
        self._folder = tempfile.mkdtemp(prefix="sphinx-worker-")
        self.address = os.path.join(self._folder, "socket")
        ready_read, ready_write = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--socket", self.address, "--ready-fd", str(ready_write)], cwd=cwd,
            env=env, stdin=subprocess.PIPE, stdout=stdout, stderr=stderr, pass_fds=(ready_write,))
        os.close(ready_write)
        with os.fdopen(ready_read) as ready:
            if not ready.readline():
                raise RuntimeError(f"the Sphinx worker did not start (exit {self.process.wait()})")

    def __getstate__(self) -> dict:
        return {"address": self.address, "process": None, "_folder": None}

    def build(self, argv: list[str]) -> dict:
        """Run one sphinx-build with these arguments. Answers its exit "status", wall time ("seconds"), CPU
        time ("cpu_seconds") and the peak memory of the build's process ("peak_mb")."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(self.address)
            with connection.makefile("rw") as stream:
                stream.write(json.dumps([str(a) for a in argv]) + "\n")
                stream.flush()
                line = stream.readline()
        if not line:
            raise RuntimeError("the Sphinx worker stopped during a build")
        return json.loads(line)

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait()
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> SphinxWorker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="the warm Sphinx process (started by SphinxWorker)")
    parser.add_argument("--socket", required=True)
    parser.add_argument("--ready-fd", type=int, required=True)
    arguments = parser.parse_args()
    try:
        serve(arguments.socket, arguments.ready_fd)
    except KeyboardInterrupt:  # Ctrl+C in the preview's terminal reaches the whole process group
        pass
