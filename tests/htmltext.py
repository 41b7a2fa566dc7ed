"""Small helpers to read built HTML: visible text, attributes, links (standard library only)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

SKIP = {"script", "style", "svg"}


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text_parts: list[tuple[str, str | None]] = []  # (text, nearest lang)
        self._stack: list[tuple[str, str | None]] = []
        self._skip = 0
        self.feed(html)

    @property
    def lang(self) -> str | None:
        return next((attrs.get("lang") for tag, attrs in self.tags if tag == "html"), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag in ("br", "img", "input", "link", "meta", "hr", "source", "use", "path"):
            return
        parent_lang = self._stack[-1][1] if self._stack else None
        self._stack.append((tag, attrs.get("lang", parent_lang)))
        if tag in SKIP:
            self._skip += 1

    def handle_endtag(self, tag):
        while self._stack:
            name, _ = self._stack.pop()
            if name in SKIP:
                self._skip -= 1
            if name == tag:
                break

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.text_parts.append((data, self._stack[-1][1] if self._stack else None))

    def text(self) -> str:
        return " ".join(" ".join(part.split()) for part, _ in self.text_parts)

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def with_class(self, tag: str, cls: str) -> list[dict]:
        return [a for t, a in self.tags if t == tag and cls in (a.get("class") or "").split()]

    def attribute_text(self) -> str:
        """Text a reader can meet outside the body text: titles, labels, placeholders, alt text."""
        keys = ("title", "aria-label", "placeholder", "alt", "content")
        return " ".join(a[k] for _, a in self.tags for k in keys if a.get(k))


def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))
