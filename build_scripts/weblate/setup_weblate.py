"""Set up a Weblate instance for the handbook's translators, on this machine.

  python3 build_scripts/weblate/setup_weblate.py install
      Weblate's own virtualenv (build/weblate-venv) from requirements.lock, and the Debian packages it needs.
  python3 build_scripts/weblate/setup_weblate.py serve --repo URL [--branch main] [--push URL]
                                                       [--glossary locale/glossary/en.tbx]
      PostgreSQL and Weblate on http://127.0.0.1:PORT, data in build/weblate (kept between runs); the first
      run imports the handbook from URL (one component per page) with the project's checks, gettext output
      and glossary. Ctrl-C stops both servers.
  python3 build_scripts/weblate/setup_weblate.py lock
      Regenerate requirements.lock from requirements.in (pip-tools in a throwaway virtualenv under /tmp).

The settings it applies (component discovery, file format, source language, flags, gettext output) are in
weblate_project.py; TRANSLATING.md lists them for a team that sets them up on its own Weblate.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from weblate_instance import Instance  # noqa: E402
from weblate_venv import ROOT, VENV, ensure_venv  # noqa: E402

DEFAULT_GLOSSARY = ROOT / "locale" / "glossary" / "en.tbx"


def lock() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "venv", tmp], check=True)
        subprocess.run([f"{tmp}/bin/pip", "install", "--quiet", "pip-tools"], check=True)
        subprocess.run([f"{tmp}/bin/pip-compile", "--quiet", "--generate-hashes", "--strip-extras",
                        "--allow-unsafe", "--no-emit-index-url", "--no-emit-find-links",
                        "-o", str(HERE / "requirements.lock"), str(HERE / "requirements.in")], check=True)


def serve(args: argparse.Namespace) -> None:
    import weblate_project  # noqa: PLC0415

    ensure_venv()
    weblate = Instance(VENV, args.data, port=args.port, pg_port=args.pg_port)
    with weblate:
        if not any(p["slug"] == weblate_project.PROJECT for p in weblate.all_pages("/api/projects/")):
            glossary = args.glossary if args.glossary and args.glossary.exists() else None
            if args.glossary and not glossary:
                print(f"No glossary at {args.glossary}: imported without one.", file=sys.stderr)
            weblate_project.configure(weblate, args.repo, args.branch, push=args.push, glossary=glossary)
        print(f"Weblate runs on {weblate.url} (user admin, password admin-local-only); Ctrl-C stops it.")
        try:
            while weblate.server and weblate.server.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("install", help="Weblate's virtualenv and the Debian packages it needs")
    commands.add_parser("lock", help="regenerate requirements.lock")
    run = commands.add_parser("serve", help="run Weblate with the handbook imported")
    run.add_argument("--repo", required=True, help="git URL Weblate clones (file:///... for a local one)")
    run.add_argument("--branch", default="main")
    run.add_argument("--push", help="git URL Weblate pushes to (default: --repo)")
    run.add_argument("--glossary", type=Path, default=DEFAULT_GLOSSARY,
                     help=f"TBX or CSV glossary to import (default: {DEFAULT_GLOSSARY.relative_to(ROOT)})")
    run.add_argument("--data", type=Path, default=ROOT / "build" / "weblate")
    run.add_argument("--port", type=int, default=8080)
    run.add_argument("--pg-port", type=int, default=5433)
    args = parser.parse_args()
    if args.command == "install":
        print(ensure_venv())
    elif args.command == "lock":
        lock()
    else:
        serve(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
