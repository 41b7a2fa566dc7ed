"""The parts of the project a build needs, and a copy of them for a throwaway build (the benchmark and the
tests build copies, never the working tree)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("source", "locale", "_extensions", "build_scripts", "pyproject.toml")


def copy_project(target: Path, source: Path = ROOT) -> Path:
    """A copy without build output and without compiled catalogues (*.mo): a cold start."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        origin = source / part
        if origin.is_dir():
            shutil.copytree(origin, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        elif origin.exists():
            shutil.copy2(origin, target / part)
        else:
            raise FileNotFoundError(f"{origin}: missing; a build needs a complete project ({', '.join(PROJECT_PARTS)})")
    return target
