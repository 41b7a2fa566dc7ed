"""sphinx-design's CSS classes, in one place: the handbook's cards, grids, badges and buttons look like
sphinx-design's own components (and are styled by its stylesheet), but are written by the handbook's
nodes (``nodes``), so that each builder renders them its own way."""

from __future__ import annotations

GRID_CONTAINER = ("sd-container-fluid", "sd-sphinx-override", "sd-mb-4")
GRID_ROW = ("sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-g-3")
GRID_ITEM = ("sd-col", "sd-d-flex-row")
CARD = ("sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm")
CARD_HOVER = ("sd-card-hover",)
CARD_BODY = ("sd-card-body",)
CARD_TITLE = ("sd-card-title", "sd-font-weight-bold")
CARD_TEXT = ("sd-card-text",)
CARD_FOOTER = ("sd-card-footer",)
STRETCHED_LINK = "sd-stretched-link"
BADGE = ("sd-badge",)
BUTTON = ("sd-btn", "sd-btn-primary")
BUTTON_DISABLED = ("sd-btn", "sd-btn-outline-secondary")


def classes(*groups) -> str:
    """The class attribute of several groups and single names, in order."""
    found: list[str] = []
    for group in groups:
        found.extend([group] if isinstance(group, str) else group)
    return " ".join(name for name in found if name)
