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
# md-text: Weblate's Markdown checks (md-link: a link lost or added; md-syntax: emphasis). md-link does not
# compare web addresses, so placeholders does: a link target "](...)" must come back exactly, as must a MyST
# role ({doc}`target` copied unchanged; in {doc}`text <target>` the role and the target).
# safe-html: a translation that brings in HTML the source does not have.
KEEP_EXACTLY = r"\]\([^()\s]+\)|\{[a-z:-]+\}`[^`<>]*`|\{[a-z:-]+\}`(?=[^`]*<)|<[^<>`]+>`"
CHECK_FLAGS = f'md-text, safe-html, placeholders:r"{KEEP_EXACTLY}"'
# The component's file format setting "Long lines wrapping" (the add-on "Customize gettext output" before
# Weblate 5.14): 65535 is "Only wrap lines at newlines", as update_po.py writes (babel, width 0). (-1, "No line
# wrapping", puts the whole header on one line.) Component discovery does
# not copy it (5.14.3): a page added later needs it set once in its settings.
GETTEXT_WIDTH = 65535


def configure(weblate: Instance, repo: str, branch: str = "main", push: str | None = None,
              glossary: Path | None = None) -> list[str]:
    """Create the project and its components from ``repo``; the component slugs."""
    weblate.api("POST", "/api/projects/", {"name": "Richtlijnen voor digitale systemen", "slug": PROJECT,
                                           "web": "https://example.org/handbook/"})
    weblate.manage("import_project", PROJECT, repo, branch, DISCOVERY, "--file-format", FILE_FORMAT,
                   "--source-language", SOURCE_LANGUAGE, "--name-template", NAME_TEMPLATE,
                   "--push-on-commit")
    components = [c for c in weblate.all_pages(f"/api/projects/{PROJECT}/components/") if not c["is_glossary"]]
    main = next(c for c in components if not c["repo"].startswith("weblate://"))
    # import_project's --push-url is read but never applied (5.14.3): set it on the component that holds
    # the clone; the others push through it (weblate:// links)
    weblate.api("PATCH", f"/api/components/{PROJECT}/{main['slug']}/", {"push": push or repo})
    for component in components:
        weblate.api("PATCH", f"/api/components/{PROJECT}/{component['slug']}/",
                    {"check_flags": CHECK_FLAGS, "file_format_params": {"po_line_wrap": GETTEXT_WIDTH}})
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
    """Commit what translators did and push it; an error when something is left behind."""
    for operation in ("commit", "push"):
        answer = weblate.api("POST", f"/api/projects/{PROJECT}/repository/", {"operation": operation})
        if not answer.get("result"):
            raise RuntimeError(f"Weblate's {operation} failed: {answer}")
    status = weblate.api("GET", f"/api/projects/{PROJECT}/repository/")
    if status.get("needs_commit") or status.get("needs_push"):
        raise RuntimeError(f"Weblate did not commit and push everything: {status}")


def pull(weblate: Instance) -> None:
    weblate.api("POST", f"/api/projects/{PROJECT}/repository/", {"operation": "pull"})
