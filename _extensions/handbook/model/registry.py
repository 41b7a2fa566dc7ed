"""The instrument registry: one YAML file in the source tree (``handbook_registry``,
``_data/instrumenten.yaml``), checked against the JSON Schema beside it (``instrumenten.schema.json``) with
the ``jsonschema`` library, and then against the handbook itself (known guidelines, unique ids).

Every problem is reported at once, each with the registry's file, line and the entry's id, and a
suggestion where one fits; the build then fails (the domain counts them). The registry is read at the
start of every build (``env-get-outdated``), before any page, and kept in the domain; when its text, its
schema, the guidelines and this code are what they were at the last check (a key kept in the domain), the
entries kept are used as they are.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import json
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    import jsonschema

PHASES = ("verkenning", "ontwerp", "bouw", "productie")
TRANSLATED_FIELDS = ("description", "verb", "kind")
# libyaml's parser when PyYAML has it (the wheels do): 15 times faster, with the same line marks
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Problem:
    line: int
    message: str


def _did_you_mean(value: str, known) -> str:
    close = difflib.get_close_matches(str(value), list(known), n=1, cutoff=0.5)
    return f" Did you mean '{close[0]}'?" if close else ""


class _Lines:
    """Where each entry, key and list item of the composed YAML stands (1-based lines)."""

    def __init__(self, root: yaml.Node | None):
        self.root = root

    def of(self, path) -> int:
        node = self.root
        line = node.start_mark.line + 1 if node is not None else 1
        for step in path:
            if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            elif isinstance(node, yaml.MappingNode):
                match = next(((key, value) for key, value in node.value if key.value == step), None)
                if match is None:
                    break
                line = match[0].start_mark.line + 1  # the key's line
                node = match[1]
                continue
            else:
                break
            line = node.start_mark.line + 1
        return line


def _plain(value):
    """YAML dates as the ISO strings the schema describes."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _schema_message(error: jsonschema.ValidationError, entry_id: str, schema: dict) -> str:
    where = f"entry '{entry_id}'" if entry_id else "an entry without an id"
    field = next((step for step in reversed(error.absolute_path) if isinstance(step, str)), None)
    if error.validator == "additionalProperties":
        known = schema["$defs"]["instrument"]["properties"]
        name = next(name for name in error.instance if name not in known)
        return (f"{where}: '{name}' is not a field of the registry.{_did_you_mean(name, known)} "
                f"Known fields: {', '.join(known)}.")
    if error.validator == "enum":
        allowed = ", ".join(map(str, error.validator_value))
        what = {"phases": "phase"}.get(field, field)
        return (f"{where}: unknown {what} '{error.instance}'.{_did_you_mean(error.instance, error.validator_value)} "
                f"Use one of: {allowed}.")
    if error.validator == "required":
        missing = error.message.split("'")[1]
        if missing == "url":
            return (f"{where} has status '{error.instance.get('status')}' but no 'url': add the instrument's link, "
                    "or use status 'in ontwikkeling' or 'gepland' for an instrument that cannot be opened yet.")
        return f"{where} has no '{missing}': add it (see the comment at the top of the file)."
    if field == "added" and error.validator in ("format", "pattern", "type"):
        return f"{where}: 'added' must be a date written YYYY-MM-DD (e.g. 2026-01-31), got {error.instance!r}."
    if field == "url" and error.validator == "pattern":
        return f"{where}: 'url' must be a full web address starting with https:// (got {error.instance!r})."
    if field == "id" and error.validator == "pattern":
        return f"{where}: 'id' must be a slug: lowercase letters, digits and hyphens (got {error.instance!r})."
    if field == "description" and error.validator == "pattern":
        return f"{where}: 'description' must be one plain sentence, without Markdown or HTML."
    return f"{where}: {field or 'entry'}: {error.message}"


def load(path: Path, guideline_slugs: set[str], schema_path: Path | None = None) -> tuple[dict[str, dict], list[Problem]]:
    """The registry's entries by id (each with its ``line``), and every problem found. The schema is the
    ``.schema.json`` beside the registry unless another is given."""
    problems: list[Problem] = []
    schema_path = schema_path or path.with_name(path.stem + ".schema.json")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return {}, [Problem(1, f"the instrument registry cannot be read: {exc}")]
    try:
        root = yaml.compose(text, Loader=LOADER)
        loader = LOADER("")
        data = loader.construct_document(root) if root is not None else []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return {}, [Problem(mark.line + 1 if mark else 1,
                            f"the registry is not valid YAML: {getattr(exc, 'problem', None) or exc}. "
                            "Check the indentation and the quotes around this line.")]
    lines = _Lines(root)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    data = _plain(data)
    import jsonschema  # noqa: PLC0415 (0.07 s to import: only when the registry is checked)

    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    reported: set[tuple] = set()
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path_ = list(error.absolute_path)
        index = path_[0] if path_ and isinstance(path_[0], int) else None
        entry = data[index] if index is not None and isinstance(data[index], dict) else {}
        key = (tuple(path_), error.validator if error.validator != "pattern" else "format")
        if key in reported:
            continue  # a malformed date fails both 'format' and 'pattern': say it once
        reported.add(key)
        if error.validator == "additionalProperties":  # one problem per unknown field, on its own line
            known = schema["$defs"]["instrument"]["properties"]
            for name in [name for name in error.instance if name not in known]:
                error.instance = {name: None}
                problems.append(Problem(lines.of([*path_, name]), _schema_message(error, entry.get("id", ""), schema)))
            continue
        problems.append(Problem(lines.of(path_), _schema_message(error, entry.get("id", ""), schema)))
    if not isinstance(data, list):
        return {}, problems
    entries: dict[str, dict] = {}
    for index, entry in enumerate(data):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        entry_id = entry["id"]
        if entry_id in entries:
            problems.append(Problem(lines.of([index, "id"]),
                                    f"id '{entry_id}' is used twice (first on line {entries[entry_id]['line']}): "
                                    "every instrument needs its own id; rename one or merge the two entries."))
            continue
        for position, slug in enumerate(entry.get("guidelines") or []):
            if isinstance(slug, str) and slug not in guideline_slugs:
                problems.append(Problem(lines.of([index, "guidelines", position]),
                                        f"entry '{entry_id}': unknown guideline '{slug}'."
                                        f"{_did_you_mean(slug, sorted(guideline_slugs))} Known guidelines: "
                                        f"{', '.join(sorted(guideline_slugs))}."))
        entries[entry_id] = {**entry, "line": lines.of([index]),
                             "lines": {field: lines.of([index, field]) for field in entry}}
    return entries, sorted(problems, key=lambda problem: problem.line)


def phases_of(entry: dict) -> tuple[str, ...]:
    """An entry's phases; none listed means every phase."""
    return tuple(entry.get("phases") or PHASES)


def messages(entries: dict[str, dict]) -> list[tuple[str, int]]:
    """The texts a translator translates, each once, with the line it first stands on."""
    found: dict[str, int] = {}
    for entry in sorted(entries.values(), key=lambda e: e["line"]):
        for field in (*TRANSLATED_FIELDS, "name"):
            if field == "name" and not entry.get("translate_name"):
                continue
            text = entry.get(field)
            if isinstance(text, str) and text not in found:
                found[text] = entry["lines"].get(field, entry["line"])
    return list(found.items())


# --- in the build ----------------------------------------------------------------------------------------

def _registry_path(app) -> Path:
    return Path(app.srcdir, app.config.handbook_registry)


def _guideline_slugs(app) -> set[str]:
    from fnmatch import fnmatch  # noqa: PLC0415

    return {docname.split("/")[-2] for docname in app.env.found_docs
            if fnmatch(docname, app.config.handbook_guideline_docs)}


def _read_registry(app, env, added, changed, removed) -> list[str]:
    """At the start of every build: read and check the registry; remember which entries changed, and
    read again the pages that name an instrument that is gone (their ``:first:`` needs checking)."""
    from sphinx.util import logging  # noqa: PLC0415

    from ..i18n.registry_catalogue import digest  # noqa: PLC0415
    from .domain import HandbookDomain  # noqa: PLC0415

    logger = logging.getLogger(__name__)
    domain = HandbookDomain.of(env)
    path = _registry_path(app)
    schema = Path(app.srcdir, app.config.handbook_registry_schema) if app.config.handbook_registry_schema else None
    slugs = _guideline_slugs(app)
    source = _source_key(path, schema or path.with_name(path.stem + ".schema.json"), slugs)
    if source == domain.data.get("registry_source") and not domain.data["registry_problems"]:
        entries, problems = domain.instruments, []  # as checked last time: YAML and the schema take 0.3 s
    else:
        entries, problems = load(path, slugs, schema) if path.exists() else ({}, [])  # none: no instruments
    domain.data["registry_source"] = source
    for problem in problems:
        logger.error(problem.message, location=f"{path}:{problem.line}", type="handbook", subtype="registry")
    before = domain.instruments
    shown = {key: value for key, value in entries.items()}
    changed_entries = [entry for key in set(before) | set(shown)
                       for entry in (before.get(key), shown.get(key))
                       if entry is not None and _without_line(before.get(key)) != _without_line(shown.get(key))]
    domain.data["instruments"] = shown
    domain.data["registry_problems"] = [(problem.line, problem.message) for problem in problems]
    texts = digest(app)
    rewrite = domain.pages_showing(changed_entries)
    if texts != domain.data["registry_digest"]:
        rewrite |= domain.pages_showing(list(shown.values())) | domain.pages_showing(list(before.values()))
        domain.data["registry_digest"] = texts
    app.handbook_registry_rewrite = rewrite
    gone = set(before) - set(shown)
    return sorted(domain.pages_naming(gone) - set(removed)) if gone else []


def _source_key(registry: Path, schema: Path, guideline_slugs: set[str]) -> str:
    """What the checked registry is made of: its text, the schema's, the guidelines and this code."""
    parts = [path.read_bytes() if path.is_file() else b"" for path in (registry, schema, Path(__file__))]
    parts += [" ".join(sorted(guideline_slugs)).encode(), version("jsonschema").encode(), yaml.__version__.encode()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def _without_line(entry: dict | None):
    return None if entry is None else {key: value for key, value in entry.items() if key not in ("line", "lines")}


def _pages_to_rewrite(app, env) -> list[str]:
    return sorted(getattr(app, "handbook_registry_rewrite", set()) & env.found_docs)


def setup(app) -> None:
    app.add_config_value("handbook_registry", "_data/instrumenten.yaml", "env", str)
    app.add_config_value("handbook_registry_schema", "", "env", str)  # default: the .schema.json beside it
    app.connect("env-get-outdated", _read_registry)
    app.connect("env-updated", _pages_to_rewrite)
