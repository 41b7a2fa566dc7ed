"""`make check-po`, and the translation gate of every build: the catalogues are valid, every translation
keeps the markup of its Dutch source, and uses the agreed English terms.

Every translated entry (fuzzy, empty and obsolete entries are not used by the build and are skipped) is
compared with its msgid by the comparison the build's read-time guard also uses
(_extensions/handbook/i18n/markup.py):

- role:         the same MyST roles; for cross-references ({doc}, {ref}, ...) the same targets
- link:         the same link targets: Markdown links and autolinks, internal and external
- code:         the same inline code
- substitution: the same {{ substitutions }} and {placeholders}
- emphasis:     balanced ** * __ _ markers; as many bold and italic texts as the source, no more, no fewer
- html:         no raw HTML the source does not have
- block:        no leading '---', no directive or code fence, no new list, heading or quote, no empty line
- glossary:     a Dutch term of locale/glossary/en.tbx is translated with its English term (build_scripts/glossary.py)
- syntax:       the file is valid as 'msgfmt --check' judges it

Each finding names the .po file and line (of the msgstr), the msgid and what differs. build_scripts/build.py
and the live preview run the same check before they build: a finding stops the build.

Usage:
    python build_scripts/check_po.py                       # locale/ and the extension's catalogue
    python build_scripts/check_po.py locale/en/LC_MESSAGES/over.po other/folder

Exit code: 0 without findings, 1 with findings, 2 when msgfmt is missing or the glossary is unreadable.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

import glossary

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = (ROOT / "locale", ROOT / "_extensions" / "handbook" / "i18n" / "locale")
GLOSSARY = ROOT / "locale" / "glossary" / "en.tbx"
MARKUP_FILE = ROOT / "_extensions" / "handbook" / "i18n" / "markup.py"


def _load_markup():
    """The extension's markup module, loaded from its file: importing it as ``handbook.i18n.markup`` would
    import the whole extension and Sphinx (about a second) for a module that needs neither."""
    spec = importlib.util.spec_from_file_location("handbook_i18n_markup", MARKUP_FILE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


markup = _load_markup()
check_message = markup.compare  # one comparison, also used by the build's read-time guard


class GateError(Exception):
    """The check itself cannot run (msgfmt missing, glossary unreadable)."""


@dataclass
class Finding:
    path: Path
    line: int
    msgid: str
    rule: str
    message: str

    def __str__(self) -> str:
        msgid = self.msgid if len(self.msgid) <= 60 else self.msgid[:57] + "..."
        where = f" msgid {msgid!r}:" if self.msgid else ""
        return f"{_display(self.path)}:{self.line}: [{self.rule}]{where} {self.message}"


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _msgstr_lines(path: Path, entries: list[polib.POEntry]) -> dict[int, int]:
    """entry.linenum (where the entry starts) -> the line of its msgstr."""
    lines = path.read_text(encoding="utf-8").splitlines()
    result = {}
    for entry in entries:
        number = entry.linenum
        while number <= len(lines) and not lines[number - 1].startswith("msgstr"):
            number += 1
        result[entry.linenum] = number if number <= len(lines) else entry.linenum
    return result


def check_syntax(path: Path) -> list[Finding]:
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    if result.returncode == 0:
        return []
    findings = []
    for line in result.stderr.splitlines():
        match = re.match(r"^(?P<file>.+?):(?P<line>\d+): (?P<message>.*)$", line)
        if match and not match.group("message").startswith("warning:"):
            findings.append(Finding(path, int(match.group("line")), "", "syntax",
                                    f"msgfmt --check: {match.group('message')}"))
    if not findings:
        findings.append(Finding(path, 1, "", "syntax", "msgfmt --check: " + " ".join(result.stderr.split())))
    return findings


def check_file(path: Path, terms: list[glossary.Term] | None = None) -> list[Finding]:
    """Every finding in one catalogue; ``terms`` (the glossary) apply to catalogues in its target language."""
    findings = check_syntax(path)
    try:
        catalogue = polib.pofile(str(path))
    except (OSError, ValueError) as exc:
        line = re.search(r"line (\d+)", str(exc))
        return findings or [Finding(path, int(line.group(1)) if line else 1, "", "syntax", str(exc))]
    for finding in findings:  # name the entry msgfmt complains about
        before = [entry for entry in catalogue if entry.linenum <= finding.line]
        if before:
            finding.msgid = max(before, key=lambda entry: entry.linenum).msgid
    entries = [entry for entry in catalogue if entry.translated() and not entry.msgid_plural]
    lines = _msgstr_lines(path, entries)
    language = catalogue.metadata.get("Language", "").split("_")[0]
    for entry in entries:
        line = lines[entry.linenum]
        for rule, message in check_message(entry.msgid, entry.msgstr):
            findings.append(Finding(path, line, entry.msgid, rule, message))
        if terms and language == "en":
            findings.extend(_glossary_findings(path, line, entry, terms))
    return findings


def _glossary_findings(path: Path, line: int, entry: polib.POEntry, terms: list[glossary.Term]) -> list[Finding]:
    excepted, problems = glossary.exceptions(entry.tcomment or "")
    found = [(None, problem) for problem in problems]
    found += glossary.check(terms, markup.parse(entry.msgid).text, markup.parse(entry.msgstr).text, excepted)
    return [Finding(path, line, entry.msgid, "glossary", message + (
        "; see locale/glossary/en.tbx, or mark a justified exception (TRANSLATING.md, 'Terms')" if term else ""))
        for term, message in found]


def po_files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        found.extend(sorted(path.rglob("*.po")) if path.is_dir() else [path])
    return found


def check(paths: list[Path] | None = None, glossary_file: Path | None = GLOSSARY,
          remembered_in: Path | None = None) -> tuple[list[Path], list[Finding]]:
    """The gate: the catalogues checked and every finding. GateError when the check cannot run.
    ``remembered_in``: a file that keeps the findings of each catalogue between runs (build.py's cache, the
    live preview's), keyed by the catalogue's text, the glossary's and the checking code's."""
    if shutil.which("msgfmt", path="/usr/bin:/bin") is None:
        raise GateError("msgfmt not found: install the Debian package 'gettext' (make installs it).")
    files = po_files(paths or [p for p in DEFAULT_PATHS if p.exists()])
    missing = [path for path in files if not path.is_file()]
    if missing:
        raise GateError(f"{missing[0]}: no such file.")
    try:
        terms = glossary.load(glossary_file) if glossary_file and glossary_file.exists() else []
    except ValueError as exc:
        raise GateError(str(exc)) from exc
    if remembered_in is not None:
        return files, _check_remembered(files, terms, glossary_file if terms else None, remembered_in)
    return files, [finding for path in files for finding in check_file(path, terms)]


CHECKING_CODE = (Path(__file__), Path(glossary.__file__), MARKUP_FILE)


def _check_remembered(files: list[Path], terms: list[glossary.Term], glossary_file: Path | None,
                      store: Path) -> list[Finding]:
    """The findings of every file, taken from ``store`` for a file whose text (and the glossary and this
    code) did not change since the last check; a build where no catalogue changed skips 0.7 s of checks."""
    common = hashlib.sha256(b"".join(path.read_bytes() for path in (*CHECKING_CODE, *filter(None, [glossary_file]))))
    try:
        kept = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    now, findings = {}, []
    for path in files:
        key = common.copy()
        key.update(path.read_bytes())
        digest = key.hexdigest()
        entry = kept.get(str(path))
        if isinstance(entry, dict) and entry.get("key") == digest:
            found = [Finding(path, *fields) for fields in entry["findings"]]
        else:
            found = check_file(path, terms)
        now[str(path)] = {"key": digest, "findings": [[f.line, f.msgid, f.rule, f.message] for f in found]}
        findings.extend(found)
    store.parent.mkdir(parents=True, exist_ok=True)
    partial = store.with_name(f".{store.name}.{os.getpid()}")
    partial.write_text(json.dumps(now), encoding="utf-8")
    partial.replace(store)
    return findings


def summary(files: list[Path], findings: list[Finding]) -> str:
    return (f"{len(findings)} finding(s) in {len({f.path for f in findings})} of {len(files)} catalogue(s). "
            "Fix the msgstr lines named above (see TRANSLATING.md, 'Markup to keep' and 'Terms').")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help=".po files or folders (default: locale/ and "
                                                            "_extensions/handbook/i18n/locale/)")
    parser.add_argument("--glossary", type=Path, default=GLOSSARY, help="TBX glossary (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        files, findings = check(args.paths, args.glossary)
    except GateError as exc:
        print(exc, file=sys.stderr)
        return 2
    for finding in findings:
        print(finding)
    if findings:
        print("\n" + summary(files, findings), file=sys.stderr)
        return 1
    print(f"{len(files)} catalogue(s) checked: every translation keeps the markup of its source"
          + (" and the terms of the glossary." if args.glossary and args.glossary.exists() else "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
