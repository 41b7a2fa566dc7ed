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


def collect(document) -> dict[str, dict]:
    """What a guideline page has per phase, after translation (``render.phases`` built the sections):
    phase -> {goal, outcomes, extra}, each text with whether it is still Dutch."""
    from docutils import nodes  # noqa: PLC0415

    def entry(node):
        return {"text": node.astext(), "dutch": node.get("translated") is False}

    def part(section, cls):
        return next((child for child in section.children if cls in child.get("classes", [])), None)

    found = {}
    for section in document.findall(lambda n: isinstance(n, nodes.section) and n.get("phase")):
        goal, outcomes, extra = (part(section, cls) for cls in ("phase-goal", "phase-outcomes", "phase-extra"))
        found[section["phase"]] = {
            "goal": entry(goal) if goal is not None else None,
            "outcomes": [entry(item.next_node(nodes.paragraph)) for item in outcomes.children] if outcomes else [],
            "extra": [entry(item.next_node(nodes.paragraph)) for item in extra.children] if extra else [],
        }
    return found
