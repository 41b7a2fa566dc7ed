"""The one markup comparison of a translation with its Dutch source, used by ``make check-po``
(build_scripts/check_po.py) and by the build's read-time guard (translation_notice.GuardTranslations), so
that the two never disagree about what a translation may do.

A message holds the raw MyST of its source. A msgstr must have the same roles (and their targets), link
targets, inline code, substitutions, bold and italic elements as its msgid: a missing element counts as
much as an extra one. It may not bring raw HTML or a new block (list, heading, directive, empty line).

    compare(msgid, msgstr) -> [(rule, what differs and how to fix it), ...]   # [] when the markup is kept

Plain Python (regular expressions over the MyST text): no Sphinx needed, so check-po stays fast.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

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


def _texts(count: int, kind: str) -> str:
    return f"{count} {kind} text" + ("s" if count > 1 else "")


def _show_role(key: tuple[str, str | None]) -> str:
    name, target = key
    return f"{{{name}}}" + (f" with target {target!r}" if target is not None else "")


def compare(msgid: str, msgstr: str) -> list[tuple[str, str]]:
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
        # each element has an opening and a closing marker; a missing element counts as much as an extra one
        in_source = sum(source_markers[m] for m in pair) // 2
        in_translation = sum(markers[m] for m in pair) // 2
        if in_translation > in_source:
            found.append(("emphasis", f"has {_texts(in_translation, kind)} where the source has "
                                      f"{in_source or 'none'}; the build would show the Dutch text instead. "
                                      "Remove the extra markers."))
        elif in_translation < in_source:
            found.append(("emphasis", f"lacks {_texts(in_source - in_translation, kind)} of the source "
                                      f"({in_source} in the msgid, {in_translation} here); keep the markers "
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
