"""The pages read through the query layer, never the store: no module of ``viz/`` calls a
store's read methods (``graph/queries`` holds the reads, see ``graph/queries/picture.py``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

READS = frozenset({
    "nodes", "edges", "get_nodes", "get_node", "get_ends", "subgraph", "counts", "neighbours",
    "reach", "shortest_path", "count_by", "private", "get_private", "count_private",
    "read_together",
})
"""The store interface's reads (:class:`graph.store.base.Store`)."""


def store_reads(source: str) -> list[tuple[int, str]]:
    """``(line, call)`` for every call of a read method on something named like a store
    (``store``, ``self.store``, ``request.app.state.store``…).

    >>> store_reads("x = store.nodes('Region')\\ny = scene.nodes\\nz = app.state.store.get_node(i)")
    [(1, 'store.nodes'), (3, 'app.state.store.get_node')]
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in READS:
            receiver = ast.unparse(node.func.value)
            if receiver.split(".")[-1].lower().endswith("store"):
                found.append((node.lineno, f"{receiver}.{node.func.attr}"))
    return sorted(found)


def test_the_check_finds_a_direct_read() -> None:
    assert store_reads("def f(store):\n    return store.edges('SUPPORTS', sources=['s1'])\n") \
        == [(2, "store.edges")]


@pytest.mark.parametrize("path", sorted((REPO / "viz").glob("*.py")), ids=lambda p: p.name)
def test_no_page_reads_the_store_directly(path: Path) -> None:
    found = store_reads(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(
        f"viz/{path.name}:{line}: {call}(…) reads the store; ask graph/queries instead"
        for line, call in found)
