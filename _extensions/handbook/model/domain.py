"""The one owner of the handbook's data: a Sphinx Domain, as sphinx.ext.todo and sphinx-needs keep theirs.

Everything is collected per document while it is read and kept in ``env.domaindata['handbook']``, so that
Sphinx drops a document's data when it reads the document again (``clear_doc``) and merges what parallel
readers collected (``merge_domaindata``). Renderers ask the domain, once every document is read.

- ``guidelines``: docname -> the guideline's metadata (slug, number, title, summary, relations, lines);
- ``list_pages``: documents that show other guidelines' titles, summaries or relations;
- ``phase_pages``: documents that show every guideline's phases (the phase pages);
- ``problems``: docname -> the authors' input errors found on that page (logged with file and line as they
  are found; the build fails after reading when there are any, so an author sees all of them at once);
- ``instruments``: id -> an entry of the instrument registry (``registry``), read at the start of each build,
  and ``registry_problems``, what was wrong with it;
- ``instrument_pages``: docname -> what the page shows of the registry (``guidelines`` whose instruments it
  shows, or ``all``; the ids its author named), so that an edited entry rewrites only those pages.
"""

from __future__ import annotations

import difflib

from docutils import nodes

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging

from .phases import collect as collect_phases

logger = logging.getLogger(__name__)


class HandbookInputError(SphinxError):
    category = "Handbook input error"


def suggestion(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else f" Known: {', '.join(known)}."


class HandbookDomain(Domain):
    name = "handbook"
    label = "Handbook"
    data_version = 2
    initial_data = {
        "guidelines": {},
        "list_pages": set(),
        "phase_pages": set(),
        "problems": {},
        "instruments": {},
        "registry_problems": [],
        "registry_digest": "",
        "registry_source": "",  # the key of what the registry was checked from (model/registry.py)
        "instrument_pages": {},
        "phases": {},
    }

    @classmethod
    def of(cls, env: BuildEnvironment) -> HandbookDomain:
        return env.domains[cls.name]

    # --- what Sphinx calls --------------------------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        self.data["guidelines"].pop(docname, None)
        self.data["list_pages"].discard(docname)
        self.data["phase_pages"].discard(docname)
        self.data["problems"].pop(docname, None)
        self.data["instrument_pages"].pop(docname, None)
        self.data["phases"].pop(docname, None)

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for docname in docnames:
            for key in ("guidelines", "problems", "instrument_pages", "phases"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
            for key in ("list_pages", "phase_pages"):
                if docname in otherdata[key]:
                    self.data[key].add(docname)

    def process_doc(self, env: BuildEnvironment, docname: str, document) -> None:
        """After translation: a guideline's title, summary and phases as the reader of this edition sees them."""
        info = self.guidelines.get(docname)
        if info is not None:
            section = document.next_node(nodes.section)
            title = section.next_node(nodes.title) if section else None
            info["title"] = "".join(child.astext() for child in title.children
                                    if "guideline-number" not in getattr(child, "get", lambda *_: [])("classes", [])
                                    ) if title else ""
            summary = document.next_node(lambda n: isinstance(n, nodes.container)
                                         and "guideline-summary" in n["classes"])
            info["summary"] = summary.astext() if summary else ""
        phases = collect_phases(document)
        if phases:
            self.data["phases"][docname] = phases

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    # --- guidelines ---------------------------------------------------------------------------------------

    @property
    def guidelines(self) -> dict[str, dict]:
        """docname -> {slug, number, title, summary, relations, lines, relation_lines}"""
        return self.data["guidelines"]

    def note_guideline(self, docname: str, info: dict) -> None:
        self.guidelines[docname] = info

    def by_slug(self) -> dict[str, tuple[str, dict]]:
        return {info["slug"]: (docname, info) for docname, info in self.guidelines.items()}

    def in_order(self) -> list[tuple[str, dict]]:
        return sorted(self.guidelines.items(), key=lambda item: (item[1]["number"] or 0, item[0]))

    @property
    def list_pages(self) -> set[str]:
        return self.data["list_pages"]

    def note_list_page(self, docname: str) -> None:
        self.list_pages.add(docname)

    @property
    def phase_pages(self) -> set[str]:
        return self.data["phase_pages"]

    def note_phase_page(self, docname: str) -> None:
        self.phase_pages.add(docname)

    # --- instruments ----------------------------------------------------------------------------------------

    @property
    def instruments(self) -> dict[str, dict]:
        return self.data["instruments"]

    def note_instrument_page(self, docname: str, guidelines: list[str] | None, named: list[str]) -> None:
        """``guidelines``: whose instruments the page shows (None: all); ``named``: ids its author named."""
        shown = self.data["instrument_pages"].setdefault(docname, {"guidelines": set(), "all": False, "named": set()})
        if guidelines is None:
            shown["all"] = True
        else:
            shown["guidelines"].update(guidelines)
        shown["named"].update(named)

    def pages_showing(self, entries: list[dict]) -> set[str]:
        if not entries:
            return set()
        guidelines = {slug for entry in entries for slug in entry.get("guidelines", [])}
        return {docname for docname, shown in self.data["instrument_pages"].items()
                if shown["all"] or shown["guidelines"] & guidelines}

    def pages_naming(self, ids: set[str]) -> set[str]:
        return {docname for docname, shown in self.data["instrument_pages"].items() if shown["named"] & ids}

    def instruments_of(self, slug: str | None = None, phase: str | None = None) -> list[dict]:
        """Instruments of a guideline (all without one), and of a phase: available first, then by name."""
        from .registry import phases_of  # noqa: PLC0415
        from .statuses import STATUSES  # noqa: PLC0415

        order = list(STATUSES)
        found = [entry for entry in self.instruments.values()
                 if (slug is None or slug in entry["guidelines"]) and (phase is None or phase in phases_of(entry))]
        return sorted(found, key=lambda entry: (order.index(entry["status"]) if entry["status"] in order else 99,
                                                entry["name"].casefold(), entry["id"]))

    # --- problems -----------------------------------------------------------------------------------------

    def report(self, docname: str, line: int | None, message: str) -> None:
        """Log one problem at ``docname:line`` and remember it, so the build fails after reading."""
        logger.error(message, location=(docname, line), type="handbook", subtype="input")
        self.data["problems"].setdefault(docname, []).append(message)

    def check(self) -> None:
        """Checks that need every document; then fail the build if any page had a problem."""
        found = self._check_relations() + self._check_numbers()
        count = found + len(self.data["registry_problems"]) + sum(
            len(messages) for messages in self.data["problems"].values())
        if count:
            raise HandbookInputError(f"{count} problem(s) in the sources, listed above with file and line; "
                                     "fix them and build again.")

    def _error(self, docname: str, line: int | None, message: str) -> int:
        logger.error(message, location=(docname, line), type="handbook", subtype="input")
        return 1

    def _check_relations(self) -> int:
        known = self.by_slug()
        slugs = sorted(known)
        return sum(
            self._error(docname, info["relation_lines"].get(slug),
                        f"relation to unknown guideline '{slug}'.{suggestion(slug, slugs)}")
            for docname, info in self.in_order() for slug in info["relations"] if slug not in known)

    def _check_numbers(self) -> int:
        numbers: dict[int, list[str]] = {}
        for docname, info in self.in_order():
            if info["number"]:
                numbers.setdefault(info["number"], []).append(docname)
        found = 0
        for number, docnames in numbers.items():
            for docname in docnames if len(docnames) > 1 else ():
                others = ", ".join(d for d in docnames if d != docname)
                found += self._error(docname, self.guidelines[docname]["lines"].get("number"),
                                     f"number {number} is also used by {others}: every guideline needs its own "
                                     "number.")
        missing = sorted(set(range(1, max(numbers, default=0) + 1)) - set(numbers))
        if missing:
            after = numbers[min(n for n in numbers if n > missing[0])][0]
            found += self._error(after, self.guidelines[after]["lines"].get("number"),
                                 f"the guideline numbers have a gap: {', '.join(map(str, missing))} missing; "
                                 f"number the guidelines 1 to {len(numbers)} without gaps.")
        return found


def _check(app, env: BuildEnvironment) -> None:
    HandbookDomain.of(env).check()


def setup(app) -> None:
    app.add_domain(HandbookDomain)
    app.connect("env-updated", _check)
