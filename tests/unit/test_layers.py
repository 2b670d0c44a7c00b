"""The layer rules of DESIGN.md as import-linter contracts (pyproject.toml): the real import graph
keeps every one, and each one breaks when a forbidden import is added to a copy of the graph.

One graph is built in-process (grimp, as `lint-imports` builds it) and every contract is checked
with import-linter's own contract classes, read from the same configuration.
"""

from __future__ import annotations

import copy
import importlib
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter import Contract
from importlinter.api import read_configuration
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.independence import IndependenceContract
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parents[2]

# (contract id, importer, imported): one import each contract must refuse. For the domain, the
# imports its old deny-list let through; `requests` stands for a package installed tomorrow.
FORBIDDEN = [
    ("domain", "workshop.domain.topics", "sqlalchemy"),
    ("domain", "workshop.domain.photos", "PIL"),
    ("domain", "workshop.domain.consultation", "babel"),
    ("domain", "workshop.domain.reports", "workshop.exporters.model"),
    ("domain", "workshop.domain.rules", "workshop.limits"),
    ("domain", "workshop.domain.rules", "workshop.clock"),
    ("domain", "workshop.domain.voting", "requests"),
    ("layers", "workshop.services.runner", "workshop.cli"),
    ("layers", "workshop.store.models", "workshop.exporters.model"),
    ("layers", "workshop.exporters.model", "workshop.store.db"),
    ("layers", "workshop.domain.rules", "workshop.store.models"),
    ("store", "workshop.store.models", "workshop.services.runner"),
    ("services", "workshop.services.topics", "workshop.realtime.broadcast"),
    ("exporters", "workshop.exporters.word", "workshop.store.models"),
    ("exporters", "workshop.exporters.document", "flask"),
    ("adapters", "workshop.web.pages", "workshop.realtime.broadcast"),
    ("adapters", "workshop.realtime.handlers", "workshop.web.common"),
    ("adapters-database", "workshop.web.pages", "workshop.store.models"),
    ("adapters-database", "workshop.realtime.commands", "sqlalchemy"),
    ("adapters-database", "workshop.cli", "workshop.store.models"),
    ("adapters-database", "workshop.cli", "alembic"),
    ("adapters-database", "workshop.web.console", "workshop.store.schema"),
]

BUILT_IN: dict[str, type[Contract]] = {
    c.type_name: c for c in (ForbiddenContract, IndependenceContract, LayersContract)
}


@cache
def configuration() -> dict[str, Any]:
    return read_configuration(str(ROOT / "pyproject.toml"))


@cache
def real_graph() -> grimp.ImportGraph:
    session = configuration()["session_options"]
    return grimp.build_graph(
        *session["root_packages"],
        include_external_packages=str(session.get("include_external_packages")).lower() == "true",
        cache_dir=None,
    )


def contract_types() -> dict[str, type[Contract]]:
    types = dict(BUILT_IN)
    # As lint-imports does: the repository's root is on the path when it imports the plugins.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for line in configuration()["session_options"].get("contract_types", []):
        name, dotted = (part.strip() for part in line.split(":"))
        module, cls = dotted.rsplit(".", 1)
        types[name] = getattr(importlib.import_module(module), cls)
    return types


def contract(contract_id: str) -> Contract:
    session = configuration()["session_options"]
    [options] = [c for c in configuration()["contracts_options"] if c["id"] == contract_id]
    return contract_types()[options["type"]](options["name"], session, options)


def kept(contract_id: str, graph: grimp.ImportGraph) -> bool:
    # A contract may change the graph it checks (ignore_imports removes edges).
    return contract(contract_id).check(copy.deepcopy(graph), verbose=False).kept


def test_the_real_graph_keeps_every_contract() -> None:
    ids = [c["id"] for c in configuration()["contracts_options"]]
    assert not [i for i in ids if not kept(i, real_graph())], "run .venv/bin/lint-imports"


def test_every_contract_is_shown_breaking() -> None:
    ids = {c["id"] for c in configuration()["contracts_options"]}
    assert ids == {contract_id for contract_id, _, _ in FORBIDDEN}


@pytest.mark.parametrize(("contract_id", "importer", "imported"), FORBIDDEN)
def test_each_contract_breaks_on_a_forbidden_import(
    contract_id: str, importer: str, imported: str
) -> None:
    graph = copy.deepcopy(real_graph())
    assert importer in graph.modules, importer
    if imported not in graph.modules:
        graph.add_module(imported, is_squashed=True)
    assert not graph.direct_import_exists(importer=importer, imported=imported)
    graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="import")
    assert not kept(contract_id, graph), f"{contract_id} let {importer} import {imported}"


def test_the_domain_may_import_any_of_the_standard_library() -> None:
    """An allow-list, not a list of what the domain uses today: a standard module it has never
    imported is let through."""
    graph = copy.deepcopy(real_graph())
    assert "graphlib" not in graph.modules
    graph.add_module("graphlib", is_squashed=True)
    graph.add_import(importer="workshop.domain.rules", imported="graphlib")
    assert kept("domain", graph)


def test_the_layers_follow_a_chain_through_a_module_in_no_layer() -> None:
    """services -> notify -> realtime breaks the layers as services -> realtime would, though
    neither import alone does."""
    graph = copy.deepcopy(real_graph())
    graph.add_import(importer="workshop.notify", imported="workshop.realtime.broadcast")
    assert kept("layers", graph)
    graph.add_import(importer="workshop.services.runner", imported="workshop.notify")
    assert not kept("layers", graph)


def test_lint_imports_reads_the_same_contracts() -> None:
    """The command people and CI run finds the allow-list type from the repository's root."""
    done = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    names = [c["name"] for c in configuration()["contracts_options"]]
    assert all(f"{name} KEPT" in done.stdout for name in names), done.stdout
