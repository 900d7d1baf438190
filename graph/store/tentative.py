"""A store as it would read after a batch were written, with nothing written: the what-if.

:class:`TentativeStore` wraps a store and a batch. Every read asks the wrapped store for what
it asks (one read each: on Neo4j a statement, never the whole graph) and lays the batch over
the answer: a node or edge of the batch replaces the wrapped store's record with the same id,
whole, as a write would; the rest of the batch is added where it matches the read. Questions
run on it by their plain paths over the reads (it is not a Neo4j store), so the planner's
what-if of a district reads about what the district's questions read, on a country as on a
sample. The batch is checked as a write checks it (every edge's ends exist, in the batch or
the store, and are of allowed kinds; no node changes label); writes are refused.

>>> from graph.model import Batch, Organization, PartOf
>>> from graph.store import MemoryStore
>>> s = MemoryStore(); b = Batch()
>>> b.add(Organization(id="a", name="Школа А", kind="school", level="municipal"))
>>> b.add(Organization(id="b", name="Школа Б", kind="school", level="municipal"))
>>> _ = s.write(b)
>>> plan = Batch(); plan.add(PartOf(source="a", target="b"))
>>> t = TentativeStore(s, plan)
>>> [(e.source, e.target) for e in t.edges("PART_OF")], s.edges("PART_OF")
([('a', 'b')], [])
>>> wrong = Batch(); wrong.add(PartOf(source="a", target="nobody"))
>>> TentativeStore(s, wrong)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.errors.InvalidBatch: ...nobody...
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from graph.errors import InvalidBatch, StoreError
from graph.model.base import EdgeRecord, NodeRecord
from graph.model.batch import Batch
from graph.store.base import GraphCounts, Progress, Store, WriteSummary, as_types, matches

__all__ = ["TentativeStore"]

T = TypeVar("T")


def _read_only() -> StoreError:
    return StoreError("a what-if reads the store as it would be and writes nothing / "
                      "в режиме «что если» запись невозможна")


class TentativeStore(Store):
    """``base`` read as if ``batch`` were written (see the module's text)."""

    kind = "tentative"

    def __init__(self, base: Store, batch: Batch) -> None:
        self.base = base
        self._nodes: dict[str, NodeRecord] = {}
        self._edges: dict[str, EdgeRecord] = {}
        self.add(batch)

    def add(self, batch: Batch) -> None:
        """Lay ``batch`` over what is laid already, checked as a write checks it; a batch
        with a problem raises :class:`~graph.errors.InvalidBatch` and adds nothing."""
        problems = batch.relabel_problems(self.get_nodes(batch.nodes))
        problems += batch.check_ends(self.get_nodes)
        if problems:
            raise InvalidBatch(problems)
        self._nodes.update(batch.nodes)
        self._edges.update(batch.edges)

    # -- reading -------------------------------------------------------------------------
    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        wanted = list(dict.fromkeys(ids))
        found = self.base.get_nodes([i for i in wanted if i not in self._nodes])
        found.update((i, self._nodes[i]) for i in wanted if i in self._nodes)
        return {i: found[i] for i in wanted if i in found}

    def get_ends(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        wanted = list(dict.fromkeys(ids))
        found = self.base.get_ends([i for i in wanted if i not in self._nodes])
        laid = super().get_ends(i for i in wanted if i in self._nodes)
        return {i: laid.get(i) or found[i] for i in wanted if i in laid or i in found}

    def nodes(
        self, label: str | None = None, where: Mapping[str, Any] | None = None
    ) -> list[NodeRecord]:
        theirs = [n for n in self.base.nodes(label, where) if n.id not in self._nodes]
        mine = [n for n in self._nodes.values()
                if (label is None or n.label == label) and matches(n.props, where)]
        return sorted(theirs + mine, key=lambda n: n.id)

    def edges(
        self,
        types: str | Sequence[str] | None = None,
        *,
        sources: Iterable[str] | None = None,
        targets: Iterable[str] | None = None,
        where: Mapping[str, Any] | None = None,
    ) -> list[EdgeRecord]:
        wanted = as_types(types)
        starts = None if sources is None else list(dict.fromkeys(sources))
        ends = None if targets is None else list(dict.fromkeys(targets))
        theirs = [e for e in self.base.edges(types, sources=starts, targets=ends, where=where)
                  if e.id not in self._edges]
        from_, to = (None if x is None else set(x) for x in (starts, ends))
        mine = [e for e in self._edges.values()
                if (wanted is None or e.type in wanted)
                and (from_ is None or e.source in from_) and (to is None or e.target in to)
                and matches(e.props, where)]
        return sorted(theirs + mine, key=lambda e: e.id)

    def counts(self) -> GraphCounts:
        """The wrapped store's counts and what the batch adds to them (a record the store has
        already is replaced, not counted twice)."""
        counts = self.base.counts()
        nodes, edges = Counter(counts.nodes), Counter(counts.edges)
        had = self.base.get_nodes(self._nodes)
        nodes.update(n.label for i, n in self._nodes.items() if i not in had)
        for e in self._edges.values():
            if not any(o.id == e.id for o in self.base.edges(e.type, sources=[e.source])):
                edges[e.type] += 1
        return GraphCounts(dict(sorted(nodes.items())), dict(sorted(edges.items())))

    def read_together(self, work: Callable[[], T]) -> T:
        return self.base.read_together(work)

    def check(self) -> None:
        self.base.check()

    # -- writing: never ------------------------------------------------------------------
    def write(self, batch: Batch, *, progress: Progress | None = None) -> WriteSummary:
        raise _read_only()

    def delete(self, node_ids: Iterable[str] = (), edge_ids: Iterable[str] = ()) -> int:
        raise _read_only()

    def clear(self) -> None:
        raise _read_only()
