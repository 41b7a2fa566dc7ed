"""Install the Debian packages the build and the tests need, when they are missing.

As root the missing packages are installed with apt-get; otherwise the script names them and exits 1.
Usage: python3 build_scripts/system_packages.py [--tests] [--weblate]
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys

# command or file that proves a package is there -> Debian package
BUILD = {
    "xelatex": "texlive-xetex",
    "/usr/share/texlive/texmf-dist/fonts/type1/urw/zapfding/uzdr.pfb": "texlive-fonts-recommended",
    "/usr/share/texlive/texmf-dist/tex/generic/hyph-utf8/patterns/tex/hyph-nl.tex": "texlive-lang-european",
    "/usr/share/fonts/opentype/freefont/FreeSerif.otf": "fonts-freefont-otf",
    "/usr/share/texlive/texmf-dist/tex/latex/tcolorbox/tcolorbox.sty": "texlive-latex-extra",
    "latexmk": "latexmk",
    "xindy": "xindy",
    "dot": "graphviz",
    "msgfmt": "gettext",
    "make": "make",
}
TESTS = {
    "pdftotext": "poppler-utils",
    "/usr/bin/chromium": "chromium",
    "git": "git",
}
# what build_scripts/weblate/ needs: the headers Weblate's wheels are built against, and PostgreSQL
WEBLATE = {
    "/usr/include/lz4.h": "liblz4-dev",
    "/usr/include/zstd.h": "libzstd-dev",
    "/usr/include/xxhash.h": "libxxhash-dev",
    "/usr/include/sys/acl.h": "libacl1-dev",
    "pkg-config": "pkg-config",
    "/usr/include/cairo/cairo.h": "libcairo2-dev",
    "/usr/include/gobject-introspection-1.0/girepository.h": "libgirepository1.0-dev",
    "/usr/lib/*/girepository-1.0/Rsvg-2.0.typelib": "gir1.2-rsvg-2.0",
    "/usr/lib/*/girepository-1.0/PangoCairo-1.0.typelib": "gir1.2-pango-1.0",
    "/usr/lib/postgresql/*/bin/initdb": "postgresql",
    "git": "git",
}


def is_present(probe: str) -> bool:
    if probe.startswith("/"):
        return bool(glob.glob(probe))
    return shutil.which(probe) is not None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", action="store_true", help="also the packages the tests need")
    parser.add_argument("--weblate", action="store_true",
                        help="only the packages build_scripts/weblate/ needs (build headers, PostgreSQL)")
    args = parser.parse_args()
    wanted = WEBLATE if args.weblate else dict(BUILD, **(TESTS if args.tests else {}))
    missing = sorted({pkg for probe, pkg in wanted.items() if not is_present(probe)})
    if not missing:
        return 0
    if os.geteuid() != 0:
        print(
            "Missing Debian packages: " + " ".join(missing) + "\n"
            "Install them as root:\n  sudo apt-get install --no-install-recommends " + " ".join(missing),
            file=sys.stderr,
        )
        return 1
    print("Installing Debian packages: " + " ".join(missing), flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdin=subprocess.DEVNULL)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True, env=env, stdin=subprocess.DEVNULL,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
