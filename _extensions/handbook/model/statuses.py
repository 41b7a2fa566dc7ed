"""The one status vocabulary of the action cards. Keys are what authors write (Dutch); labels are shown
in the reader's language through the extension's catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _


@dataclass(frozen=True)
class Status:
    key: str
    label: object  # a lazy translation: str() it at render time
    css: str  # suffix of the CSS class ``action-status--<css>``; also the LaTeX colour name
    needs_link: bool


STATUSES: dict[str, Status] = {
    status.key: status
    for status in (
        Status("beschikbaar", _("beschikbaar"), "available", needs_link=True),
        Status("concept", _("concept"), "draft", needs_link=True),
        Status("in ontwikkeling", _("in ontwikkeling"), "development", needs_link=False),
        Status("gepland", _("gepland"), "planned", needs_link=False),
    )
}


def vocabulary() -> str:
    return ", ".join(f'"{key}"' for key in STATUSES)
