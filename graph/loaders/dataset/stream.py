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

import queue
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from graph.errors import InvalidBatch, Problem
from graph.loaders.dataset.columns import SHEETS
from graph.loaders.dataset.guard import ImportGuard
from graph.loaders.dataset.loader import Lookup, _Checker, _meta
from graph.loaders.dataset.reader import Table, read_tables
from graph.model.base import EdgeModel, EdgeRecord, NodeRecord
from graph.model.batch import Batch, Origin
from graph.queries.scope import EVERYTHING, Scope
from graph.store.base import Progress, Store, WriteSummary

__all__ = ["BulkLoad", "bulk_load", "iter_batches"]


def iter_batches(
    path: Path, known: Lookup, *, rows: int = 20_000, guard: ImportGuard | None = None
) -> Iterator[tuple[str, Batch]]:
    """``(sheet, batch)`` for every ``rows`` rows of every sheet, checked against ``known``
    and, chunk by chunk, against ``guard``'s redefinition rule. A guard restricted to a scope
    is refused: where a person is located is told by sheets read after ``people``, so a
    restricted dataset is loaded whole (:func:`graph.loaders.dataset.load_dataset`).

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
    if guard is not None and guard.restricted:
        raise InvalidBatch([Problem(
            "a load limited to a caller's territories cannot be a bulk load: load the dataset "
            "whole (without --bulk)", path.name, None, None,
            "загрузка в пределах территорий пользователя не может быть частями: загрузите набор "
            "целиком (без --bulk)")])
    meta = _meta(path, problems)
    if problems:
        raise InvalidBatch(problems)
    for table in read_tables(path, problems):
        if problems:
            raise InvalidBatch(problems)
        sheet = SHEETS[table.name]
        deferred = Batch()
        columns: dict[str, tuple[str, str]] = {}  # a deferred edge's end columns, by edge id
        while True:
            chunk = list(islice(table.rows, rows))
            if not chunk:
                break
            checker = _Checker(meta.synthetic)
            part = Table(table.name, table.where, table.headers, iter(chunk), table.list_seps)
            checker.read(part, sheet, problems)
            lookup = _Cached(known)
            _defer_forward(checker.batch, lookup, deferred)
            columns.update((eid, checker.edge_columns[eid]) for eid in deferred.edges
                           if eid in checker.edge_columns)
            problems += checker.references(lookup)
            if guard is not None and not problems:
                problems += guard.check(checker.batch, path.name, checker.table_headers)
            if problems:
                raise InvalidBatch(problems)
            yield table.name, checker.batch
        if deferred.edges:
            problems += _name_columns(deferred, deferred.check_ends(known), columns)
            if problems:
                raise InvalidBatch(problems)
            yield table.name, deferred
    if problems:
        raise InvalidBatch(problems)


def _name_columns(
    batch: Batch, problems: list[Problem], columns: dict[str, tuple[str, str]]
) -> list[Problem]:
    """Problems of ``Batch.check_ends`` with the sheet's own column names (``target_id``, not
    ``target``), found by the row each edge came from."""
    by_row = {(o.where, o.row): columns[eid] for eid, o in batch.origins.items()
              if eid in columns}
    named = []
    for p in problems:
        cols = by_row.get((p.where, p.row))
        if cols is not None and p.column in ("source", "target"):
            p = replace(p, column=cols[0] if p.column == "source" else cols[1])
        named.append(p)
    return named


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


@dataclass
class BulkLoad:
    """What :func:`bulk_load` wrote: the store's summary and rows per sheet."""

    summary: WriteSummary
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def bulk_load(
    store: Store, path: Path, *, rows: int = 20_000, progress: Progress | None = None,
    scope: Scope = EVERYTHING, allow_redefine: bool = False,
) -> BulkLoad:
    """Load a big dataset in checked chunks through :meth:`Store.bulk_write` (NOT atomic).

    ``allow_redefine`` is as for :func:`graph.loaders.dataset.load_dataset`; a restricted
    ``scope`` is refused (see :func:`iter_batches`).

    Where the store takes reads from another thread while it writes (Neo4j), the next chunk is
    read and checked in a second thread while the current one is written, so the two cores
    work at once. A chunk's ends may then be nodes of a chunk not yet written: the lookup
    answers for those from the chunks in flight, which are written first, in order.

    >>> from graph.store import MemoryStore
    >>> result = bulk_load(MemoryStore(), Path("tests/data/tiny"), rows=5)
    >>> result.rows["people"], result.summary.created["Person"]
    (10, 10)
    """
    result = BulkLoad(WriteSummary())
    lookup = _InFlight(store.get_ends)
    guard = ImportGuard.over(store, scope=scope, allow_redefine=allow_redefine)

    def chunks() -> Iterator[Batch]:
        for sheet, batch in iter_batches(path, lookup, rows=rows, guard=guard):
            result.rows[sheet] = result.rows.get(sheet, 0) + len(batch)
            lookup.add(batch)
            yield batch

    source: Iterable[Batch] = chunks()
    if store.concurrent_reads:
        source = _read_ahead(chunks(), lookup)
    else:
        source = _forget_when_written(chunks(), lookup)
    # Every chunk's ends were checked by ``iter_batches`` against the store and the chunks
    # before it: the store need not look them up again.
    result.summary = store.bulk_write(source, progress=progress, checked=True)
    return result


class _InFlight:
    """A lookup that knows the nodes of chunks handed to the writer and not yet written."""

    def __init__(self, known: Lookup) -> None:
        self.known = known
        self.nodes: dict[str, NodeRecord] = {}
        self.lock = threading.Lock()

    def __call__(self, ids: list[str]) -> dict[str, NodeRecord]:
        with self.lock:
            hit = {i: self.nodes[i] for i in ids if i in self.nodes}
        rest = [i for i in ids if i not in hit]
        found = dict(self.known(rest)) if rest else {}
        found.update(hit)
        return found

    def add(self, batch: Batch) -> None:
        with self.lock:
            self.nodes.update(batch.nodes)

    def written(self, batch: Batch) -> None:
        with self.lock:
            for node_id in batch.nodes:
                self.nodes.pop(node_id, None)


def _forget_when_written(batches: Iterator[Batch], lookup: _InFlight) -> Iterator[Batch]:
    # bulk_write asks for the next batch only once the last one is written.
    for batch in batches:
        yield batch
        lookup.written(batch)


_DONE = object()


def _read_ahead(batches: Iterator[Batch], lookup: _InFlight, depth: int = 2) -> Iterator[Batch]:
    """The batches, read by a second thread at most ``depth`` ahead of the consumer."""
    handed: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for batch in batches:
                while not stop.is_set():
                    try:
                        handed.put(batch, timeout=0.5)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            handed.put(_DONE)
        except BaseException as e:  # raised again in the consumer's thread
            handed.put(e)

    reader = threading.Thread(target=produce, name="bulk-load-reader", daemon=True)
    reader.start()
    try:
        while True:
            item = handed.get()
            if item is _DONE:
                break
            if isinstance(item, BaseException):
                raise item
            assert isinstance(item, Batch)
            yield item
            lookup.written(item)
    finally:
        stop.set()
        while reader.is_alive():
            try:
                handed.get_nowait()
            except queue.Empty:
                reader.join(timeout=0.1)
