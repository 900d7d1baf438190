"""Counting a store's reads, to show a question costs a few bulk reads, never one per item."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph.store.base import Store

__all__ = ["count_reads"]


def count_reads(store: Store, question: Callable[[], Any]) -> int:
    """How many reads ``question`` makes: Neo4j's round trips, or the memory store's read calls
    (bulk reads and graph primitives).

    >>> from graph.store import MemoryStore
    >>> s = MemoryStore()
    >>> count_reads(s, lambda: (s.nodes("Person"), s.edges("SUPPORTS")))
    2
    """
    if hasattr(store, "round_trips"):
        before = store.round_trips
        question()
        return int(store.round_trips) - before
    calls = 0
    originals = {name: getattr(store, name) for name in (
        "get_nodes", "nodes", "edges", "neighbours", "reach", "shortest_path", "count_by")}

    def counting(fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            return fn(*args, **kwargs)
        return wrapper

    try:
        for name, fn in originals.items():
            setattr(store, name, counting(fn))
        question()
    finally:
        for name in originals:
            delattr(store, name)  # back to the class's methods
    return calls
