"""The embedded store: a networkx ``MultiDiGraph`` kept on disk by a journal and snapshots.

Every accepted write is appended to ``journal.jsonl`` and fsync'ed before it is applied in
memory and before ``write`` returns, so a crash after an accepted write loses nothing. From time
to time (and on close) the whole graph is written to ``snapshot.pickle`` through a temporary file
and a rename, and the journal is emptied. On start the snapshot is read and the journal replayed
(see :mod:`graph.store.journal`): each record carries a checksum, a torn or corrupt tail (a
crash during an append, never acknowledged) is cut off before anything is appended, and a
corrupt record followed by good ones stops the start with a clear error instead of losing them.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import threading
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, TextIO, TypeVar

import networkx as nx

from graph.errors import InvalidBatch, StoreError, StoreLocked
from graph.model.base import EdgeRecord, NodeRecord
from graph.model.batch import Batch
from graph.store import journal as journal_file
from graph.store.base import (
    GraphCounts,
    KeptPartial,
    Progress,
    Store,
    WriteSummary,
    as_types,
    check_private_label,
    matches,
    page_of,
)
from graph.store.primitives import (
    Direction,
    Neighbours,
    Reached,
    Walk,
    bare,
    check_direction,
    check_hops,
    far_ends,
    followed,
    kept,
    path_back,
)
from graph.store.stale import CAP, Met, touched

__all__ = ["MemoryStore", "check_journal"]

_R = TypeVar("_R", NodeRecord, EdgeRecord)
_UNINDEXABLE: dict[Any, list[Any]] = {}

_SNAPSHOT = "snapshot.pickle"
_JOURNAL = "journal.jsonl"
_LOCK = "store.lock"


class MemoryStore(Store):
    """networkx store; ``path=None`` keeps it in memory only (tests, scratch work).

    >>> s = MemoryStore()
    >>> from graph.model import Batch, Region
    >>> b = Batch(); b.add(Region(id="r47", name="Ленинградская область"))
    >>> str(s.write(b))
    'created 1, updated 0, unchanged 0'
    >>> s.get_node("r47").props["name"]
    'Ленинградская область'
    """

    kind: ClassVar[str] = "memory"

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        readonly: bool = False,
        compact_after_bytes: int = 256 * 1024 * 1024,
    ) -> None:
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self._labels: dict[str, set[str]] = defaultdict(set)
        # Indexes of one property of a label's nodes or a type's edges, built by the first
        # filtered read that wants them and dropped by the next write.
        self._prop_index: dict[tuple[str, str, str], dict[Any, list[Any]]] = {}
        # Every edge's record by type and id: reads of a whole type skip networkx's views.
        self._types: dict[str, dict[str, EdgeRecord]] = defaultdict(dict)
        # Private records (users, tokens, the audit log) by label and id: outside the graph.
        self._private: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self._lock = threading.RLock()
        self._seq = 0
        # The seq of the last write to the graph: private records (sign-ins, the audit log)
        # do not change what any question answers, so they leave cached answers valid.
        self._graph_seq = 0
        # The country's gap counts kept per district, and each district's generation (see
        # graph/store/stale.py): in this process only, counted again after a restart.
        self._gap_generations: dict[str, int] = {}
        self._gap_partials: dict[str, dict[str, KeptPartial]] = {}
        self.path = Path(path) if path is not None else None
        self.readonly = readonly
        self._compact_after = compact_after_bytes
        self._journal: BinaryIO | None = None
        self._lockfile: TextIO | None = None
        if self.path is not None:
            self._open_files()

    # -- persistence ---------------------------------------------------------------------
    def _open_files(self) -> None:
        assert self.path is not None
        self.path.mkdir(parents=True, exist_ok=True)
        if not self.readonly:
            self._lockfile = open(self.path / _LOCK, "a+")  # noqa: SIM115 - held while open
            try:
                fcntl.flock(self._lockfile, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._lockfile.seek(0)
                holder = self._lockfile.read().strip() or "another process"
                self._lockfile.close()
                self._lockfile = None
                raise StoreLocked(
                    f"the store at {self.path} is open for writing by {holder}; stop it first "
                    "(or open the store read-only)"
                ) from None
            self._lockfile.seek(0)
            self._lockfile.truncate()
            self._lockfile.write(f"pid {os.getpid()}")
            self._lockfile.flush()
        self._load()
        if not self.readonly:
            self._journal = open(self.path / _JOURNAL, "ab")  # noqa: SIM115 - held while open

    def _load(self) -> None:
        assert self.path is not None
        snap = self.path / _SNAPSHOT
        if snap.exists():
            try:
                with snap.open("rb") as f:
                    state = pickle.load(f)
            except (OSError, pickle.UnpicklingError, EOFError) as e:
                raise StoreError(f"cannot read the snapshot {snap}: {e}") from e
            self._seq = state["seq"]
            for nid, (label, props) in state["nodes"].items():
                self._put_node(NodeRecord(label, nid, props))
            for (type_, source, target, key, props) in state["edges"]:
                self._put_edge(EdgeRecord(type_, source, target, key, props))
            for private_label, records in state.get("private", {}).items():
                self._private[private_label].update(records)
        journal = self.path / _JOURNAL
        if journal.exists():
            replay = journal_file.read(journal)
            for entry in replay.entries:
                if entry["seq"] > self._seq:
                    self._apply_entry(entry)
                    self._seq = entry["seq"]
            if replay.torn and not self.readonly:
                # Cut the torn tail before anything is appended: a later record written onto
                # it would be unreadable, and every record after it lost with it.
                journal_file.cut(journal, replay.good_bytes)
        self._graph_seq = self._seq

    def _append(self, entry: dict[str, Any]) -> None:
        if self._journal is None:
            return
        journal_file.append(self._journal, entry)

    def snapshot(self) -> None:
        """Write the whole graph to the snapshot file atomically and empty the journal."""
        if self.path is None or self.readonly:
            return
        with self._lock:
            state = {
                "seq": self._seq,
                "nodes": {n: (d["rec"].label, d["rec"].props)
                          for n, d in self.graph.nodes(data=True)},
                "edges": [
                    (r.type, r.source, r.target, r.key, r.props)
                    for r in (d["rec"] for _u, _v, d in self.graph.edges(data=True))
                ],
                "private": {k: dict(v) for k, v in self._private.items() if v},
            }
            tmp = self.path / (_SNAPSHOT + ".tmp")
            with tmp.open("wb") as f:
                pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path / _SNAPSHOT)
            # The snapshot now holds every journalled write (it records their seq), so a crash
            # before the truncation only replays entries it will skip.
            assert self._journal is not None
            self._journal.truncate(0)
            self._journal.flush()
            os.fsync(self._journal.fileno())

    def close(self) -> None:
        with self._lock:
            if self._journal is not None:
                if self._journal.tell() > 0:
                    self.snapshot()
                self._journal.close()
                self._journal = None
            if self._lockfile is not None:
                fcntl.flock(self._lockfile, fcntl.LOCK_UN)
                self._lockfile.close()
                self._lockfile = None

    # -- applying changes ----------------------------------------------------------------
    # The graph keeps each node's and edge's record itself (under "rec"): reads hand out these
    # records without copying, which is why records are never mutated, only replaced.
    def _put_node(self, rec: NodeRecord) -> None:
        rec = NodeRecord(rec.label, rec.id, dict(rec.props))
        if rec.id in self.graph:
            old = self.graph.nodes[rec.id]["rec"].label
            if old != rec.label:
                self._labels[old].discard(rec.id)
            self.graph.nodes[rec.id]["rec"] = rec
        else:
            self.graph.add_node(rec.id, rec=rec)
        self._labels[rec.label].add(rec.id)

    def _put_edge(self, rec: EdgeRecord) -> None:
        rec = EdgeRecord(rec.type, rec.source, rec.target, rec.key, dict(rec.props))
        self.graph.add_edge(rec.source, rec.target, key=rec.id, rec=rec)
        self._types[rec.type][rec.id] = rec

    def _drop_node(self, nid: str) -> bool:
        if nid not in self.graph:
            return False
        for _u, _v, k, d in list(self.graph.in_edges(nid, keys=True, data=True)) + list(
            self.graph.out_edges(nid, keys=True, data=True)
        ):
            self._types[d["rec"].type].pop(k, None)
        self._labels[self.graph.nodes[nid]["rec"].label].discard(nid)
        self.graph.remove_node(nid)
        return True

    def _drop_edge(self, eid: str) -> bool:
        type_ = eid.split("|", 1)[1].split(">", 1)[0] if "|" in eid else ""
        rec = self._types.get(type_, {}).pop(eid, None)
        if rec is None:
            return False
        self.graph.remove_edge(rec.source, rec.target, key=eid)
        return True

    def _apply_entry(self, entry: Mapping[str, Any]) -> None:
        if entry.get("clear"):
            self.graph.clear()
            self._labels.clear()
            self._types.clear()
            self._private.clear()
        for private_label, pid, props in entry.get("private", ()):
            self._private[private_label][pid] = props
        for nid in entry.get("delete_nodes", ()):
            self._drop_node(nid)
        for eid in entry.get("delete_edges", ()):
            self._drop_edge(eid)
        for label, nid, props in entry.get("nodes", ()):
            self._put_node(NodeRecord(label, nid, props))
        for type_, source, target, key, props in entry.get("edges", ()):
            self._put_edge(EdgeRecord(type_, source, target, key, props))

    def _commit(self, entry: dict[str, Any]) -> None:
        if self.readonly:
            raise StoreError("this store was opened read-only")
        self._seq += 1
        entry["seq"] = self._seq
        if set(entry) - {"seq", "private"}:
            self._prop_index.clear()
            self._graph_seq = self._seq
        self._append(entry)
        touched = self._touched(entry)
        self._apply_entry(entry)
        self._mark_stale(entry, touched)
        if self._journal is not None and self._journal.tell() > self._compact_after:
            self.snapshot()

    # -- the districts a write touches (graph/store/stale.py) ----------------------------
    def _touched(self, entry: Mapping[str, Any]) -> set[str] | None:
        """The districts whose gap counts the journal entry can change, as the graph stands
        now (before or after the entry); ``None``: every district."""
        if entry.get("clear"):
            return None
        node_ids = [nid for _label, nid, _props in entry.get("nodes", ())]
        node_ids += list(entry.get("delete_nodes", ()))
        ends = [end for _type, source, target, _key, _props in entry.get("edges", ())
                for end in (source, target)]
        for eid in entry.get("delete_edges", ()):
            rec = next((by_id[eid] for by_id in self._types.values() if eid in by_id), None)
            if rec is not None:
                ends += [rec.source, rec.target]
        if not node_ids and not ends:
            return set()
        return touched([r for i in node_ids if (r := self._reached(i)) is not None],
                       [r for i in ends if (r := self._reached(i)) is not None],
                       self._stale_neighbours)

    def _reached(self, node_id: str) -> Met | None:
        if node_id not in self.graph:
            return None
        rec: NodeRecord = self.graph.nodes[node_id]["rec"]
        return Met(rec.id, rec.label == "Person", rec.label == "Organization",
                       rec.label == "Municipality", rec.props.get("territory_id"))

    def _stale_neighbours(self, ids: Sequence[str], last: bool) -> list[Met] | None:
        found: dict[str, Met] = {}
        for i in ids:
            for j in (*self.graph.successors(i), *self.graph.predecessors(i)):
                r = self._reached(j)
                if r is None or j in found or (last and not (r.org or r.municipality)):
                    continue
                found[j] = r
                if len(found) > CAP:
                    return None
        return list(found.values())

    def _mark_stale(self, entry: Mapping[str, Any], before: set[str] | None) -> None:
        """Raise the generations of the districts the entry touched, before or after it."""
        if not (set(entry) - {"seq", "private"}):
            return
        after = self._touched(entry) if before is not None else None
        if before is None or after is None:
            self._gap_generations["*"] = self._gap_generations.get("*", 0) + 1
            return
        for district in before | after:
            self._gap_generations[district] = self._gap_generations.get(district, 0) + 1

    def forget_gap_partials(self) -> None:
        with self._lock:
            self._gap_generations["*"] = self._gap_generations.get("*", 0) + 1

    def gap_generations(self) -> dict[str, int] | None:
        with self._lock:
            return dict(self._gap_generations)

    def kept_gap_partials(self, keys: Sequence[str]) -> dict[str, dict[str, KeptPartial]]:
        with self._lock:
            return {k: dict(self._gap_partials[k]) for k in keys if k in self._gap_partials}

    def keep_gap_partials(self, kept: Mapping[str, Mapping[str, KeptPartial]]) -> None:
        with self._lock:
            for key, partials in kept.items():
                self._gap_partials[key] = dict(partials)

    def write(self, batch: Batch, *, progress: Progress | None = None) -> WriteSummary:
        with self._lock:
            problems = batch.relabel_problems(self.get_nodes(batch.nodes))
            problems += batch.check_ends(self.get_nodes)
            if problems:
                raise InvalidBatch(problems)
            summary = WriteSummary()
            for rec in batch.nodes.values():
                old = self.graph.nodes[rec.id]["rec"] if rec.id in self.graph else None
                bucket = (summary.created if old is None else
                          summary.unchanged if old.props == rec.props else summary.updated)
                bucket[rec.label] += 1
            for erec in batch.edges.values():
                old_edge = self._edge_rec(erec)
                bucket = (summary.created if old_edge is None else
                          summary.unchanged if old_edge.props == erec.props else
                          summary.updated)
                bucket[erec.type] += 1
            if summary.changed:
                self._commit({
                    "nodes": [[r.label, r.id, r.props] for r in batch.nodes.values()],
                    "edges": [[r.type, r.source, r.target, r.key, r.props]
                              for r in batch.edges.values()],
                })
            if progress is not None:
                progress(len(batch), len(batch))
            return summary

    def _edge_rec(self, rec: EdgeRecord) -> EdgeRecord | None:
        if not self.graph.has_edge(rec.source, rec.target, key=rec.id):
            return None
        old: EdgeRecord = self.graph[rec.source][rec.target][rec.id]["rec"]
        return old

    def delete(self, node_ids: Iterable[str] = (), edge_ids: Iterable[str] = ()) -> int:
        with self._lock:
            nodes = [n for n in node_ids if n in self.graph]
            edges = [e for e in edge_ids if self._has_edge_id(e)]
            if nodes or edges:
                self._commit({"delete_nodes": nodes, "delete_edges": edges})
            return len(nodes) + len(edges)

    def _has_edge_id(self, eid: str) -> bool:
        return any(eid in by_id for by_id in self._types.values())

    def clear(self) -> None:
        with self._lock:
            self._commit({"clear": True})

    def put_private(self, records: Iterable[NodeRecord]) -> None:
        rows = [[check_private_label(r.label), r.id, dict(r.props)] for r in records]
        if rows:
            with self._lock:
                self._commit({"private": rows})

    def get_private(self, label: str, ids: Iterable[str]) -> dict[str, NodeRecord]:
        with self._lock:
            kept = self._private.get(check_private_label(label), {})
            return {i: NodeRecord(label, i, dict(kept[i])) for i in ids if i in kept}

    def private(
        self,
        label: str,
        where: Mapping[str, Any] | None = None,
        *,
        descending: bool = False,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[NodeRecord]:
        with self._lock:
            kept = self._private.get(check_private_label(label), {})
            records = [NodeRecord(label, i, dict(p)) for i, p in kept.items()]
        return page_of(records, where, descending=descending, after=after, limit=limit)

    def count_private(self, label: str, where: Mapping[str, Any] | None = None) -> int:
        with self._lock:
            kept = self._private.get(check_private_label(label), {})
            return sum(1 for p in kept.values() if matches(p, where))

    # -- reading -------------------------------------------------------------------------
    def _node(self, nid: str) -> NodeRecord:
        rec: NodeRecord = self.graph.nodes[nid]["rec"]
        return rec

    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        with self._lock:
            return {n: self._node(n) for n in ids if n in self.graph}

    def nodes(
        self, label: str | None = None, where: Mapping[str, Any] | None = None
    ) -> list[NodeRecord]:
        with self._lock:
            recs: Iterable[NodeRecord] | None = None
            if label and where:
                recs = self._indexed(("node", label), where, lambda: (
                    self._node(n) for n in self._labels.get(label, ())))
            if recs is None:
                ids: Iterable[str] = self._labels.get(label, ()) if label else self.graph.nodes
                recs = (self._node(n) for n in ids)
            found = [r for r in recs if matches(r.props, where)]
        return sorted(found, key=lambda r: r.id)

    def _indexed(
        self,
        scope: tuple[str, str],
        where: Mapping[str, Any],
        scan: Callable[[], Iterable[_R]],
    ) -> list[_R] | None:
        """The records of ``scope`` (a label's nodes or a type's edges) whose first filtered
        property has one of the wanted values, from an index built on first use and dropped by
        the next write; ``None`` where that property cannot be indexed (list values)."""
        prop, wanted = next(iter(where.items()))
        key = (*scope, prop)
        index = self._prop_index.get(key)
        if index is None:
            index = {}
            for rec in scan():
                value = rec.props.get(prop)
                if isinstance(value, list):
                    self._prop_index[key] = _UNINDEXABLE
                    return None
                index.setdefault(value, []).append(rec)
            self._prop_index[key] = index
        elif index is _UNINDEXABLE:
            return None
        values = wanted if isinstance(wanted, list | tuple | set | frozenset) else [wanted]
        found: list[_R] = []
        for v in values:
            if isinstance(v, Hashable):
                found.extend(index.get(v, ()))
        return found

    def edges(
        self,
        types: str | Sequence[str] | None = None,
        *,
        sources: Iterable[str] | None = None,
        targets: Iterable[str] | None = None,
        where: Mapping[str, Any] | None = None,
    ) -> list[EdgeRecord]:
        wanted = as_types(types)
        src = set(sources) if sources is not None else None
        tgt = set(targets) if targets is not None else None
        found: list[EdgeRecord] = []
        with self._lock:
            # The adjacency dicts themselves: a view per node costs more than the walk.
            if src is not None and (tgt is None or len(src) <= len(tgt)):
                succ = self.graph._succ
                candidates: Iterable[EdgeRecord] = (
                    d["rec"] for n in src if n in succ
                    for keyed in succ[n].values() for d in keyed.values()
                )
            elif tgt is not None:
                pred = self.graph._pred
                candidates = (
                    d["rec"] for n in tgt if n in pred
                    for keyed in pred[n].values() for d in keyed.values()
                )
            elif wanted is not None and len(wanted) == 1 and where:
                t = wanted[0]
                candidates = self._indexed(
                    ("edge", t), where, lambda: self._types.get(t, {}).values()
                ) or ()
            else:
                type_names = wanted if wanted is not None else list(self._types)
                candidates = (
                    rec for t in type_names for rec in self._types.get(t, {}).values()
                )
            wanted_set = set(wanted) if wanted is not None else None
            for rec in candidates:
                if wanted_set is not None and rec.type not in wanted_set:
                    continue
                if (src is not None and rec.source not in src) or (
                    tgt is not None and rec.target not in tgt
                ):
                    continue
                if matches(rec.props, where):
                    found.append(rec)
        return sorted(found, key=lambda r: r.id)

    # -- graph primitives: networkx ---------------------------------------------------------
    def _touching(self, node_id: str, wanted: set[str] | None,
                  direction: Direction) -> Iterable[EdgeRecord]:
        """The edges of ``wanted`` types leaving and/or entering one node (caller holds the
        lock): straight from networkx's adjacency dicts."""
        sides = ([self.graph._succ] if direction == "out" else [self.graph._pred]
                 if direction == "in" else [self.graph._succ, self.graph._pred])
        for side in sides:
            for keyed in side.get(node_id, {}).values():
                for d in keyed.values():
                    rec: EdgeRecord = d["rec"]
                    if wanted is None or rec.type in wanted:
                        yield rec

    def _view(self, wanted: set[str] | None, direction: Direction) -> nx.Graph:
        """The graph as a walk along ``wanted`` types in ``direction`` sees it: a networkx view,
        nothing copied."""
        g: nx.Graph = self.graph
        if wanted is not None:
            succ = self.graph._succ
            g = nx.subgraph_view(
                g, filter_edge=lambda u, v, k: succ[u][v][k]["rec"].type in wanted)
        if direction == "in":
            return g.reverse(copy=False)
        if direction == "both":
            return g.to_undirected(as_view=True)
        return g

    def neighbours(
        self,
        ids: Iterable[str],
        types: str | Sequence[str] | None = None,
        *,
        direction: Direction = "both",
        ends: bool = False,
    ) -> Neighbours:
        check_direction(direction)
        wanted = as_types(types)
        wanted_set = set(wanted) if wanted is not None else None
        found: dict[str, EdgeRecord] = {}
        far: dict[str, NodeRecord] = {}
        with self._lock:
            here = set(ids)
            for n in here:
                for e in self._touching(n, wanted_set, direction):
                    found[e.id] = e
            if ends:
                far = {f: self._node(f) for e in found.values()
                       for f in far_ends(e, here, direction)}
        return Neighbours(tuple(e for _, e in sorted(found.items())), far)

    def reach(
        self,
        ids: Iterable[str],
        types: str | Sequence[str] | None = None,
        *,
        direction: Direction = "both",
        max_hops: int = 1,
        limit: int | None = None,
        edges: bool = False,
        properties: bool = True,
    ) -> Reached:
        """Breadth-first layers from networkx (:func:`networkx.bfs_layers`) over a view of
        the wanted types and direction."""
        check_direction(direction)
        check_hops(max_hops)
        wanted = as_types(types)
        wanted_set = set(wanted) if wanted is not None else None
        with self._lock:
            starts = sorted({i for i in ids if i in self.graph})
            distance: dict[str, int] = {}
            if starts:
                # networkx makes a layer when asked for it: stop before asking for one that
                # is beyond the hops or could not be kept.
                layers = nx.bfs_layers(self._view(wanted_set, direction), starts)
                for hop, layer in enumerate(layers):
                    distance.update((n, hop) for n in layer)
                    if hop >= max_hops or (limit is not None and len(distance) > limit):
                        break
            distance, truncated = kept(distance, limit)
            nodes = {n: self._node(n) for n in distance}
            if not properties:
                nodes = {n: bare(r) for n, r in nodes.items()}
            walked: tuple[EdgeRecord, ...] = ()
            if edges:
                found = {e.id: e for n, d in distance.items() if d < max_hops
                         for e in self._touching(n, wanted_set, direction)
                         if followed(e, distance, direction, max_hops)}
                walked = tuple(e for _, e in sorted(found.items()))
        return Reached(distance, nodes, walked, truncated)

    def shortest_path(
        self,
        source: str,
        target: str,
        types: str | Sequence[str] | None = None,
        *,
        direction: Direction = "both",
        max_hops: int = 6,
    ) -> Walk | None:
        """networkx's breadth-first layers from the source until the target's, then the path
        back by the rule every store follows (:func:`~graph.store.primitives.path_back`)."""
        check_direction(direction)
        check_hops(max_hops)
        wanted = as_types(types)
        wanted_set = set(wanted) if wanted is not None else None
        back: Direction = "out" if direction == "in" else "in" if direction == "out" else "both"
        with self._lock:
            if source not in self.graph or target not in self.graph:
                return None
            distance: dict[str, int] = {}
            for hop, layer in enumerate(nx.bfs_layers(self._view(wanted_set, direction),
                                                      [source])):
                distance.update((n, hop) for n in layer)
                if target in distance or hop >= max_hops:
                    break
            if target not in distance:
                return None
            ids, path = path_back(source, target, distance,
                                  lambda n: self._touching(n, wanted_set, back))
            return Walk(tuple(self._node(i) for i in ids), tuple(path))

    @property
    def revision(self) -> int | None:
        return self._graph_seq

    def counts(self) -> GraphCounts:
        with self._lock:
            return GraphCounts(
                nodes={k: len(v) for k, v in sorted(self._labels.items()) if v},
                edges={k: len(v) for k, v in sorted(self._types.items()) if v},
            )


def check_journal(path: str | Path) -> None:
    """Raise :class:`~graph.store.journal.CorruptJournal` if the journal of the store at
    ``path`` is damaged (a torn tail is not damage), without opening the store: for a server
    to refuse to start with a clear message before it opens the store.
    """
    journal = Path(path) / _JOURNAL
    if journal.exists():
        journal_file.read(journal)
