"""An allow-list contract type for import-linter, which has only deny-lists (`forbidden`).

A deny-list says what the domain must not import today and lets through whatever is installed
tomorrow; this says what it may import, so a new dependency is refused without anyone listing it.
Registered in pyproject.toml under `contract_types`; lint-imports runs from the repository's root,
which it puts on sys.path, so `tests.support.contracts` is importable there.
"""

from __future__ import annotations

import sys
from typing import Any

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output
from importlinter.domain.imports import Module


class AllowListContract(Contract):
    """The source modules (as packages) import only themselves, the allowed modules (as packages)
    and, unless `allow_standard_library` is false, the standard library of the Python that builds
    the graph.

    Only direct imports are checked: everything a source may import is either inside the sources
    (checked itself), the standard library (which imports nothing of ours or of site-packages), or
    an allowed module, which is trusted; what that one imports is its own contract's business.
    """

    type_name = "allow_list"

    source_modules = fields.SetField(subfield=fields.ModuleField())
    allowed_modules = fields.SetField(
        subfield=fields.ModuleField(), required=False, default=frozenset()
    )
    allow_standard_library = fields.BooleanField(required=False, default=True)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        sources: set[Module] = self.source_modules  # type: ignore[assignment]
        allowed = sources | self.allowed_modules  # type: ignore[operator]
        violations: list[dict[str, Any]] = []
        for importer in sorted(_within(graph, sources)):
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                if any(_is_in(imported, package) for package in allowed):
                    continue
                # Squashed: the graph holds an outside package by its top-level name only.
                outside = graph.is_module_squashed(imported)
                if self.allow_standard_library and outside and imported in sys.stdlib_module_names:
                    continue
                details = graph.get_import_details(importer=importer, imported=imported)
                violations.append(
                    {
                        "importer": importer,
                        "imported": imported,
                        "line_numbers": sorted(d["line_number"] for d in details),
                    }
                )
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        allowed = sorted(m.name for m in self.allowed_modules)  # type: ignore[attr-defined]
        if self.allow_standard_library:
            allowed.append("the standard library")
        output.print_error(f"Allowed beyond the source modules: {', '.join(allowed) or 'nothing'}")
        output.new_line()
        for violation in check.metadata["violations"]:
            lines = ", ".join(f"l.{n}" for n in violation["line_numbers"])
            output.print_error(
                f"-   {violation['importer']} -> {violation['imported']} ({lines})", bold=False
            )
        output.new_line()


def _within(graph: ImportGraph, packages: set[Module]) -> set[str]:
    found: set[str] = set()
    for package in packages:
        if package.name not in graph.modules:
            raise ValueError(f"Module '{package.name}' does not exist.")
        found |= {package.name} | graph.find_descendants(package.name)
    return found


def _is_in(module: str, package: Module) -> bool:
    return module == package.name or module.startswith(package.name + ".")
