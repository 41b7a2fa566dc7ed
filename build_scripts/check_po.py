"""Check that every translation keeps the markup of its Dutch source, and that the catalogues are valid.

Every translated entry (fuzzy, empty and obsolete entries are not used by the build and are skipped) is
compared with its msgid:

- role:         the same MyST roles; for cross-references ({doc}, {ref}, ...) the same targets
- link:         the same link targets: Markdown links and autolinks, internal and external
- code:         the same inline code
- substitution: the same {{ substitutions }} and {placeholders}
- emphasis:     balanced ** * __ _ markers; bold and italic where the source has them, and only there
- html:         no raw HTML the source does not have
- block:        no leading '---', no directive or code fence, no new list, heading or quote, no empty line
- syntax:       the file is valid as 'msgfmt --check' judges it

Each finding names the .po file and line (of the msgstr), the msgid and what differs.

Usage:
    python build_scripts/check_po.py                       # locale/ and the extension's catalogue
    python build_scripts/check_po.py locale/en/LC_MESSAGES/over.po other/folder

Exit code: 0 without findings, 1 with findings, 2 when msgfmt is missing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = (ROOT / "locale", ROOT / "_extensions" / "handbook" / "i18n" / "locale")

# roles whose content names a target that must not change (the link text may be translated)
XREF_ROLES = {"doc", "ref", "numref", "term", "download", "any", "keyword", "option", "envvar", "token", "eq"}
# roles whose whole content is not text: it must stay as it is
LITERAL_ROLES = {"math", "octicon", "fa"}

FENCED = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,}|:{3,}).*?(?:^ {0,3}(?P=fence)[ \t]*$|\Z)", re.M | re.S)
ROLE_OR_CODE = re.compile(
    r"\{(?P<role>[A-Za-z][\w:.+-]*)\}(?P<rticks>`+)(?P<rcontent>.*?)(?P=rticks)"
    r"|(?<![`\\])(?P<ticks>`+)(?!`)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)", re.S)
SUBSTITUTION = re.compile(r"\{\{\s*(?P<name>[^{}]+?)\s*\}\}|\{(?P<placeholder>\w+)\}")
AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
LINK = re.compile(r"(?P<text>!?\[(?:[^\[\]\\]|\\.)*\])"
                  r"\(\s*(?:<(?P<angled>[^<>]*)>|(?P<plain>[^\s()]*(?:\([^\s()]*\)[^\s()]*)*))"
                  r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")
HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<![A-Za-z][^<>]*>|<\?.*?\?>", re.S)
BLOCKS = {
    "a directive or code fence (``` ~~~ :::)": re.compile(r"^ {0,3}(?:`{3,}|~{3,}|:{3,})", re.M),
    "a list item": re.compile(r"^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)", re.M),
    "a heading (#)": re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)", re.M),
    "a block quote (>)": re.compile(r"^ {0,3}>", re.M),
    "a target or comment line ((label)= or %)": re.compile(r"^ {0,3}(?:\([^()\s]+\)=|%)", re.M),
}
LEADING_DASHES = re.compile(r"^ {0,3}---", re.M)
EMPTY_LINE = re.compile(r"\n[ \t]*\n")


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


@dataclass
class Markup:
    """What a message holds besides its words."""

    roles: Counter
    links: Counter
    code: Counter
    substitutions: Counter
    html: Counter
    text: str  # the rest, for the emphasis check


def role_key(name: str, content: str) -> tuple[str, str | None]:
    if name in LITERAL_ROLES:
        return name, content
    if name in XREF_ROLES or ":" in name:
        explicit = re.search(r"<([^<>]+)>\s*$", content)
        return name, (explicit.group(1) if explicit else content).strip().lstrip("~!")
    return name, None


def parse(message: str) -> Markup:
    roles, code, links, html = Counter(), Counter(), Counter(), Counter()

    def take_literal(match: re.Match) -> str:
        if match.group("role"):
            roles[role_key(match.group("role"), match.group("rcontent"))] += 1
        else:
            content = match.group("code")
            if content.startswith(" ") and content.endswith(" ") and content.strip():
                content = content[1:-1]  # CommonMark strips one space on each side
            code[content] += 1
        return " "

    def take_autolink(match: re.Match) -> str:
        links[match.group("url")] += 1
        return " "

    def take_link(match: re.Match) -> str:
        links[match.group("angled") if match.group("angled") is not None else match.group("plain")] += 1
        return match.group("text").lstrip("!")[1:-1]  # keep the link text: it may hold emphasis

    def take_html(match: re.Match) -> str:
        html[" ".join(match.group().split())] += 1
        return " "

    rest = FENCED.sub(" ", message)  # a whole block, reported by the block rule
    rest = ROLE_OR_CODE.sub(take_literal, rest)
    substitutions = Counter(m.group("name") or "{%s}" % m.group("placeholder")
                            for m in SUBSTITUTION.finditer(rest))
    rest = SUBSTITUTION.sub(" ", rest)
    rest = AUTOLINK.sub(take_autolink, rest)
    rest = LINK.sub(take_link, rest)
    rest = HTML.sub(take_html, rest)
    return Markup(roles, links, code, substitutions, html, rest)


def emphasis_markers(text: str) -> dict[str, int]:
    """Delimiter runs that can open or close emphasis (CommonMark: not surrounded by spaces; an
    underscore not inside a word)."""
    text = re.sub(r"\\[*_]", "", text)
    counts = {"**": 0, "*": 0, "__": 0, "_": 0}
    for match in re.finditer(r"\*+|_+", text):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if before.isspace() and after.isspace():
            continue  # "5 * 3": a literal asterisk
        run = match.group()
        if run[0] == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case
        counts[run[0] * 2] += len(run) // 2
        counts[run[0]] += len(run) % 2
    return counts


def _differences(label: str, source: Counter, translation: Counter, show) -> list[str]:
    missing = list((source - translation).elements())
    extra = list((translation - source).elements())
    if len(missing) == 1 and len(extra) == 1:
        return [f"changes the {label} {show(missing[0])} to {show(extra[0])}"]
    return ([f"lacks the {label} {show(item)} of the source" for item in missing]
            + [f"has the {label} {show(item)} that the source does not have" for item in extra])


def _show_role(key: tuple[str, str | None]) -> str:
    name, target = key
    return f"{{{name}}}" + (f" with target {target!r}" if target is not None else "")


def check_message(msgid: str, msgstr: str) -> list[tuple[str, str]]:
    """(rule, what differs) for one translated message."""
    source, translation = parse(msgid), parse(msgstr)
    found: list[tuple[str, str]] = []
    fixes = {
        "role": "keep the roles of the msgid and their targets; only the link text may change",
        "link": "keep the link targets of the msgid exactly; translate only the link text",
        "code": "copy the inline code of the msgid unchanged",
        "substitution": "copy the substitutions and placeholders of the msgid unchanged",
    }
    for rule, label, show in (("role", "role", _show_role), ("link", "link target", repr),
                              ("code", "inline code", lambda c: f"`{c}`"),
                              ("substitution", "substitution", repr)):
        field = {"role": "roles", "link": "links", "code": "code", "substitution": "substitutions"}[rule]
        for difference in _differences(label, getattr(source, field), getattr(translation, field), show):
            found.append((rule, f"{difference}; {fixes[rule]}."))

    extra_html = translation.html - source.html
    for tag in extra_html.elements():
        found.append(("html", f"has raw HTML {tag!r} that the source does not have; the build would show the "
                              "Dutch text instead. Remove it, or use Markdown as the msgid does."))

    markers, source_markers = emphasis_markers(translation.text), emphasis_markers(source.text)
    for marker, count in markers.items():
        if count % 2:
            found.append(("emphasis", f"has an unbalanced {marker!r} ({count} of them): close every emphasis "
                                      "you open, as in the msgid."))
    for kind, pair in (("bold", ("**", "__")), ("italic", ("*", "_"))):
        in_source = any(source_markers[m] for m in pair)
        in_translation = any(markers[m] for m in pair)
        if in_translation and not in_source:
            found.append(("emphasis", f"has {kind} text where the source has none; the build would show the "
                                      "Dutch text instead. Remove the markers."))
        elif in_source and not in_translation:
            found.append(("emphasis", f"lacks the {kind} text of the source; keep its markers "
                                      f"({' or '.join(pair)}) around the translated words."))

    if LEADING_DASHES.search(msgstr):
        found.append(("block", "has a line that starts with '---' (read as front matter or a rule); "
                               "rephrase, or write an em dash (—)."))
    for name, pattern in BLOCKS.items():
        if pattern.search(msgstr) and not pattern.search(msgid):
            found.append(("block", f"starts {name} that the source does not have; the build would show the "
                                   "Dutch text instead. Write the line as plain text."))
    if EMPTY_LINE.search(msgstr) and not EMPTY_LINE.search(msgid):
        found.append(("block", "has an empty line: only the text before it would be used. Remove it."))
    return found


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


def check_file(path: Path) -> list[Finding]:
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
    for entry in entries:
        for rule, message in check_message(entry.msgid, entry.msgstr):
            findings.append(Finding(path, lines[entry.linenum], entry.msgid, rule, message))
    return findings


def po_files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        found.extend(sorted(path.rglob("*.po")) if path.is_dir() else [path])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help=".po files or folders (default: locale/ and "
                                                            "_extensions/handbook/i18n/locale/)")
    args = parser.parse_args(argv)
    if shutil.which("msgfmt", path="/usr/bin:/bin") is None:
        print("msgfmt not found: install the Debian package 'gettext'.", file=sys.stderr)
        return 2
    files = po_files(args.paths or [p for p in DEFAULT_PATHS if p.exists()])
    missing = [path for path in files if not path.is_file()]
    if missing:
        print(f"{missing[0]}: no such file.", file=sys.stderr)
        return 2
    findings = [finding for path in files for finding in check_file(path)]
    for finding in findings:
        print(finding)
    if findings:
        print(f"\n{len(findings)} finding(s) in {len({f.path for f in findings})} of {len(files)} catalogue(s). "
              "Fix the msgstr lines named above (see TRANSLATING.md, 'Markup to keep').", file=sys.stderr)
        return 1
    print(f"{len(files)} catalogue(s) checked: every translation keeps the markup of its source.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
