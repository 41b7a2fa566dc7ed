"""The handbook as a Weblate project: one component per page catalogue, the checks that match the handbook's
markup, gettext output that diffs like ``make update-po``, and the glossary.

Everything here goes through Weblate's own interfaces (the import_project command and the REST API), so it
works the same on a team's existing instance: see TRANSLATING.md, "In Weblate".
"""

from __future__ import annotations

from pathlib import Path

from weblate_instance import Instance

PROJECT = "handbook"
# One component per page; locale/nl/ holds only the theme's strings (English msgids), not a translation.
DISCOVERY = r"locale/(?P<language>(?!nl/)[^/.]*)/LC_MESSAGES/(?P<component>.*)\.po"
NAME_TEMPLATE = "{{ component }}"
SOURCE_LANGUAGE = "nl"
FILE_FORMAT = "po"
# md-text: Weblate's Markdown checks (a link whose target changed, lost or added; broken emphasis).
# safe-html: a translation that brings in HTML the source does not have.
# placeholders: a MyST role ({doc}`target` copied unchanged; {doc}`text <target>` keeps role and target),
# so a translation that drops or changes a role or its target is flagged like in `make check-po`.
ROLE = r"\{[a-z:-]+\}`[^`<>]*`|\{[a-z:-]+\}`(?=[^`]*<)|<[^<>`]+>`"
CHECK_FLAGS = f'md-text, safe-html, placeholders:r"{ROLE}"'
# Weblate's "Customize gettext output": -1 is "no line wrapping", as update_po.py writes (babel, width 0).
GETTEXT_WIDTH = -1


def component_slug(path: str) -> str:
    return path.replace("/", "-").lower()


def configure(weblate: Instance, repo: str, branch: str = "main", push: str | None = None,
              glossary: Path | None = None) -> list[str]:
    """Create the project and its components from ``repo``; the component slugs."""
    weblate.api("POST", "/api/projects/", {"name": "Richtlijnen voor digitale systemen", "slug": PROJECT,
                                           "web": "https://example.org/handbook/"})
    weblate.manage("import_project", PROJECT, repo, branch, DISCOVERY, "--file-format", FILE_FORMAT,
                   "--source-language", SOURCE_LANGUAGE, "--name-template", NAME_TEMPLATE)
    components = [c for c in weblate.all_pages(f"/api/projects/{PROJECT}/components/") if not c["is_glossary"]]
    main = next(c for c in components if not c["repo"].startswith("weblate://"))
    weblate.api("PATCH", f"/api/components/{PROJECT}/{main['slug']}/",
                {"push": push or repo, "push_branch": "", "push_on_commit": True})
    for component in components:
        path = f"/api/components/{PROJECT}/{component['slug']}/"
        weblate.api("PATCH", path, {"check_flags": CHECK_FLAGS})
        weblate.api("POST", path + "addons/", {"name": "weblate.gettext.customize",
                                              "configuration": {"width": GETTEXT_WIDTH}})
    # new pages become components by themselves, with the same settings
    weblate.api("POST", f"/api/components/{PROJECT}/{main['slug']}/addons/", {
        "name": "weblate.discovery.discovery",
        "configuration": {"match": DISCOVERY, "file_format": FILE_FORMAT, "name_template": NAME_TEMPLATE,
                          "base_file_template": "", "new_base_template": "", "language_regex": "^[^.]+$",
                          "copy_addons": True, "remove": False, "confirm": True}})
    if glossary:
        import_glossary(weblate, glossary)
    return [c["slug"] for c in components]


def glossary_component(weblate: Instance) -> dict:
    return next(c for c in weblate.all_pages(f"/api/projects/{PROJECT}/components/") if c["is_glossary"])


def import_glossary(weblate: Instance, path: Path, language: str = "en") -> dict:
    """Add the terms of a TBX or CSV glossary to the project's glossary; Weblate's upload answer."""
    slug = glossary_component(weblate)["slug"]
    translation = f"/api/translations/{PROJECT}/{slug}/{language}/"
    try:
        weblate.api("GET", translation)
    except RuntimeError:
        weblate.api("POST", f"/api/components/{PROJECT}/{slug}/translations/", {"language_code": language})
    return weblate.api("POST", translation + "file/", {"method": "add", "conflicts": "replace-translated"},
                       files={"file": (path.name, path.read_bytes())})


def commit_and_push(weblate: Instance) -> None:
    weblate.api("POST", f"/api/projects/{PROJECT}/repository/", {"operation": "push"})


def pull(weblate: Instance) -> None:
    weblate.api("POST", f"/api/projects/{PROJECT}/repository/", {"operation": "pull"})
