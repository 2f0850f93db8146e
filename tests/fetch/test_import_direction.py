"""Imports point one way (ARCHITECTURE.md): cli -> report, inputs, fetch, graph -> parse ->
resolve -> model, errors. Read from the source, so a cycle fails here before it bites."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import hattip

SRC = Path(hattip.__file__).resolve().parent
BELOW = {"parse", "resolve", "model", "errors"}
ALLOWED: dict[str, set[str]] = {
    "cli": {"report", "inputs", "fetch", "graph", *BELOW},
    "report": BELOW,
    "inputs": {"fetch", *BELOW},  # inputs read URLs and feeds through fetch, never the reverse
    "fetch": {"model", "errors"},
    "graph": BELOW,
    "parse": {"resolve", "model", "errors"},
    "resolve": {"model", "errors"},
    "model": set(),
    "errors": set(),
}
"""What each part of hattip may import (``__init__`` re-exports, so it may import anything)."""


def _part_imports() -> dict[tuple[str, str], str]:
    """(importing part, imported part) -> the first module where it happens."""
    found: dict[tuple[str, str], str] = {}
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC).with_suffix("")
        part = module.parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                pieces = name.split(".")
                if pieces[0] == "hattip" and len(pieces) > 1 and pieces[1] != part:
                    found.setdefault((part, pieces[1]), str(module))
    return found


EDGES = _part_imports()


@pytest.mark.parametrize(
    ("part", "imported"), sorted(EDGES), ids=[f"{a}->{b}" for a, b in sorted(EDGES)]
)
def test_every_import_between_parts_points_down(part: str, imported: str) -> None:
    """Each import from one part of hattip into another follows the architecture's direction."""
    if part == "__init__":
        return
    assert imported in ALLOWED[part], f"{EDGES[part, imported]} imports hattip.{imported}"


def test_the_parts_import_each_other_in_no_cycle() -> None:
    """No part reaches itself through its imports (fetch and inputs used to)."""
    graph: dict[str, set[str]] = {}
    for a, b in EDGES:
        if a != "__init__":
            graph.setdefault(a, set()).add(b)

    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        todo = list(graph.get(start, ()))
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(graph.get(node, ()))
        return seen

    assert [part for part in sorted(graph) if part in reach(part)] == []


@pytest.mark.parametrize(
    ("module", "absent"),
    [
        ("hattip.fetch", ("hattip.inputs",)),
        ("hattip.graph", ("hattip.inputs", "hattip.fetch", "httpx")),
    ],
    ids=["fetch", "graph"],
)
def test_importing_a_part_loads_nothing_above_it(module: str, absent: tuple[str, ...]) -> None:
    """``hattip.fetch`` stands without ``hattip.inputs``; ``hattip.graph`` without either."""
    code = f"import sys, {module}; print(sorted(set({absent!r}) & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_document_and_failure_keep_their_public_import_path() -> None:
    """``from hattip.inputs import Document, Failure`` still works, and is the model's class."""
    from hattip import inputs, model

    assert inputs.Document is model.Document
    assert inputs.Failure is model.Failure
