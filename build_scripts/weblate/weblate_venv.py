"""Weblate's own virtualenv (build/weblate-venv by default), installed from requirements.lock on first use.

It is not the handbook's .venv: Weblate and its ~200 dependencies are a translators' server, not part of the
build. The Debian packages its wheels are built against, and PostgreSQL, come from
build_scripts/system_packages.py --weblate (apt-get as root, else a message naming them).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LOCK = HERE / "requirements.lock"
# Survives between runs on one machine (build/ is kept by everything but `make clean`); WEBLATE_VENV moves it.
VENV = Path(os.environ.get("WEBLATE_VENV", ROOT / "build" / "weblate-venv"))
STAMP = ".installed"


def lock_digest() -> str:
    return hashlib.sha256(LOCK.read_bytes()).hexdigest()


def is_installed(venv: Path = VENV) -> bool:
    stamp = venv / STAMP
    return stamp.exists() and stamp.read_text().strip() == lock_digest()


def ensure_system_packages() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "system_packages.py"), "--weblate"],
                            stdin=subprocess.DEVNULL, check=False)
    if result.returncode:
        raise SystemExit("Weblate needs the Debian packages named above; install them, then run again.")


def ensure_venv(venv: Path = VENV) -> Path:
    """Create or refresh the virtualenv when requirements.lock changed; the path of its python."""
    ensure_system_packages()
    python = venv / "bin" / "python"
    if is_installed(venv):
        return python
    print(f"Installing Weblate into {venv} (first use: a few minutes)", flush=True)
    if not python.exists():
        # the base interpreter, also when this runs inside the handbook's .venv
        base = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base, "-m", "venv", str(venv)], check=True)
    # --no-deps: the lock is complete; pip would otherwise resolve celery[redis] -> kombu[redis] anew and
    # refuse it in hash-checking mode
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "--require-hashes", "--no-deps", "-r", str(LOCK)], check=True, stdin=subprocess.DEVNULL)
    (venv / STAMP).write_text(lock_digest() + "\n")
    return python


if __name__ == "__main__":
    print(ensure_venv())
