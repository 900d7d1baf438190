"""Reading a big dataset sheet by sheet in bounded batches, for bulk loads that are not atomic.

:func:`graph.loaders.dataset.read_dataset` checks a whole dataset in memory and gives one batch:
right for a region, too big for a country (a million teachers). :func:`iter_batches` gives one
checked batch per ``rows`` rows of a sheet instead, so memory stays bounded by the chunk. Ends
that are neither in the chunk nor in the store are looked up again at the end of their sheet
(a parent organization given further down), so the consumer must write each batch before
asking for the next: :meth:`graph.store.neo4j.Neo4jStore.bulk_write` does.

Checks that span chunks are not made (the same id given twice with other values in two
chunks: the later one wins); ``read_dataset`` makes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from graph.errors import InvalidBatch, Problem
from graph.loaders.dataset.columns import SHEETS
from graph.loaders.dataset.loader import Lookup, _Checker, _meta
from graph.loaders.dataset.reader import Table, read_tables
from graph.model.base import EdgeModel, EdgeRecord, NodeRecord
from graph.model.batch import Batch, Origin

__all__ = ["iter_batches"]


def iter_batches(
    path: Path, known: Lookup, *, rows: int = 20_000
) -> Iterator[tuple[str, Batch]]:
    """``(sheet, batch)`` for every ``rows`` rows of every sheet, checked against ``known``.

    Raises ``InvalidBatch`` at the first chunk with problems; what was yielded before stays
    written.

    >>> from graph.store import MemoryStore
    >>> store = MemoryStore()
    >>> for sheet, batch in iter_batches(Path("tests/data/tiny"), store.get_nodes, rows=5):
    ...     _ = store.write(batch)
    >>> store.counts().nodes["Person"]
    10
    """
    problems: list[Problem] = []
    meta = _meta(path, problems)
    if problems:
        raise InvalidBatch(problems)
    for table in read_tables(path, problems):
        if problems:
            raise InvalidBatch(problems)
        sheet = SHEETS[table.name]
        deferred = Batch()
        while True:
            chunk = list(islice(table.rows, rows))
            if not chunk:
                break
            checker = _Checker(meta.synthetic)
            part = Table(table.name, table.where, table.headers, iter(chunk), table.list_seps)
            checker.read(part, sheet, problems)
            lookup = _Cached(known)
            _defer_forward(checker.batch, lookup, deferred)
            problems += checker.references(lookup)
            if problems:
                raise InvalidBatch(problems)
            yield table.name, checker.batch
        if deferred.edges:
            problems += deferred.check_ends(known)
            if problems:
                raise InvalidBatch(problems)
            yield table.name, deferred
    if problems:
        raise InvalidBatch(problems)


class _Cached:
    """A lookup that asks the store once per id."""

    def __init__(self, known: Lookup) -> None:
        self.known = known
        self.cache: dict[str, NodeRecord | None] = {}

    def __call__(self, ids: list[str]) -> dict[str, NodeRecord]:
        new = [i for i in ids if i not in self.cache]
        if new:
            found = self.known(new)
            for i in new:
                self.cache[i] = found.get(i)
        return {i: rec for i in ids if (rec := self.cache.get(i)) is not None}


def _defer_forward(batch: Batch, lookup: _Cached, deferred: Batch) -> None:
    """Move the edges whose ends are not known yet out of ``batch`` into ``deferred``."""
    ends = {end for rec in batch.edges.values() for end in (rec.source, rec.target)
            if end not in batch.nodes}
    found = lookup(sorted(ends)) if ends else {}
    for eid in [eid for eid, rec in batch.edges.items()
                if any(end not in batch.nodes and end not in found
                       for end in (rec.source, rec.target))]:
        rec: EdgeRecord = batch.edges.pop(eid)
        cls: type[EdgeModel] | None = batch.edge_classes.pop(eid, None)
        origin: Origin = batch.origins.pop(eid, batch.origin(eid))
        deferred.edges[eid] = rec
        if cls is not None:
            deferred.edge_classes[eid] = cls
        deferred.origins[eid] = origin
