"""The four lifecycle phases of a project, in order: their keys (what authors and the registry write) and
their names, translated through the extension's catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _


@dataclass(frozen=True)
class Phase:
    key: str
    name: object  # a lazy translation: str() it at render time
    goal_label: object = None


PHASES: dict[str, Phase] = {
    phase.key: phase
    for phase in (
        Phase("verkenning", _("Verkenning")),
        Phase("ontwerp", _("Ontwerp")),
        Phase("bouw", _("Bouw")),
        Phase("productie", _("Productie")),
    )
}


def vocabulary() -> str:
    return ", ".join(PHASES)
