"""What a dataset may write: nothing outside the loader's scope, and no silent redefinition.

Two rules, checked against the store before anything is written; a breach is a problem in the
report (file, row, column) like any other, so nothing of the dataset is written.

**Redefinition.** A row may update what the store holds about a node, but without
``allow_redefine`` it may not change a node's ``kind`` or its territory (``territory_id`` of a
body, ``region_id`` of a municipality), nor change anything of a node that came from the
regulations (``from_regulations``: the gazetteer's and the texts' bodies and territories). A
node's label never changes. With ``allow_redefine`` the load goes through; the audit trail
records it.

**Scope.** A caller restricted to some territories (a district coordinator) may only write
nodes located there and edges between them (:mod:`graph.queries.visibility` says where a node
is: a body by its territory, a person by the bodies they work at, a diagnostic or route by its
person, an assessment by its school, a programme by its provider). An edge may also point at a
body that is not a school, a region, a competency or a programme outside the scope (a district
teacher's membership of a regional council, a deficit in a competency). Rows that repeat what
the store holds about a body, a territory, a competency or a programme change nothing and are
allowed anywhere (a district's own export carries its region). A read-only caller writes
nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.errors import Problem
from graph.model.base import EdgeRecord, NodeRecord
from graph.model.batch import Batch
from graph.queries.scope import EVERYTHING, Scope
from graph.store.base import Store

__all__ = ["FROM_REGULATIONS", "ImportGuard"]

FROM_REGULATIONS = "from_regulations"
"""The property the regulations loader sets on the bodies and territories it writes."""

_TERRITORY_PROP = {"Organization": "territory_id", "Municipality": "region_id",
                   "Regulation": "territory_id"}
_WORK = ("EMPLOYED_AT", "HAS_ROLE")
_OWNED = {"Diagnostic": "HAS_DIAGNOSTIC", "IndividualRoute": "HAS_ROUTE",
          "Assessment": "HAS_ASSESSMENT"}
_UNITS = ("PART_OF", "ATTACHED_TO")
_SHARED = ("Region", "Municipality", "Organization", "Competency", "Programme")

EdgeLookup = Callable[..., list[EdgeRecord]]


@dataclass(frozen=True)
class ImportGuard:
    """The rules one load is held to; :meth:`over` makes them for a store and a caller.

    >>> from pathlib import Path
    >>> from graph.loaders.dataset import load_dataset, read_dataset
    >>> from graph.store import MemoryStore
    >>> store = MemoryStore(); _ = load_dataset(store, Path("tests/data/tiny"))
    >>> guard = ImportGuard.over(store, scope=Scope.of(["RU-LEN-gatchinsky"]))
    >>> try:
    ...     read_dataset(Path("tests/data/tiny"), known=store.get_ends, guard=guard)
    ... except Exception as e:
    ...     print(e.problems[0].message)  # doctest: +ELLIPSIS
    the LOCATED_IN from 'RU-LEN-vsevolozhsky' to 'RU-LEN' is outside your scope...
    """

    nodes: Callable[[list[str]], Mapping[str, NodeRecord]] | None = None
    edges: EdgeLookup | None = None
    territories: frozenset[str] | None = None  # the scope with its municipalities; None: all
    read_only: bool = False
    allow_redefine: bool = False

    @classmethod
    def over(cls, store: Store, *, scope: Scope = EVERYTHING,
             allow_redefine: bool = False) -> ImportGuard:
        """The guard for a load into ``store`` by a caller with ``scope``."""
        return cls(store.get_nodes, store.edges, scope.expanded(store).territories,
                   scope.read_only, allow_redefine)

    @property
    def restricted(self) -> bool:
        return self.territories is not None or self.read_only

    def check(self, batch: Batch, where: str,
              headers: Mapping[str, Mapping[str, str]] | None = None) -> list[Problem]:
        """The problems of writing ``batch``; carries ``from_regulations`` over to the nodes of
        the batch that had it. ``headers`` maps a file to its column → header."""
        if self.read_only:
            return [Problem("this caller may read but not write: nothing can be loaded", where,
                            None, None, "у этого пользователя только чтение: загрузка запрещена")]
        if self.nodes is None:
            return []
        old = dict(self.nodes(sorted(batch.nodes)))
        problems = self._redefinitions(batch, old, headers or {})
        if self.territories is not None:
            problems += _ScopeCheck(self, batch, old, headers or {}).problems()
        return problems

    def _redefinitions(self, batch: Batch, old: Mapping[str, NodeRecord],
                       headers: Mapping[str, Mapping[str, str]]) -> list[Problem]:
        problems = []
        for node_id, before in old.items():
            rec = batch.nodes[node_id]
            if before.label != rec.label:
                continue  # Batch.relabel_problems reports it, with or without allow_redefine
            marked = before.props.get(FROM_REGULATIONS)
            if marked:
                batch.nodes[node_id] = NodeRecord(rec.label, rec.id,
                                                  {**rec.props, FROM_REGULATIONS: marked})
            if self.allow_redefine:
                continue
            origin = batch.origin(node_id)
            named = headers.get(origin.where, {})
            changed = [prop for prop in ("kind", _TERRITORY_PROP.get(rec.label))
                       if prop and before.props.get(prop) != rec.props.get(prop)]
            for prop in changed:
                problems.append(Problem(
                    f"{rec.label} '{node_id}' is already in the store with {prop} "
                    f"'{before.props.get(prop) or ''}'; this row would make it "
                    f"'{rec.props.get(prop) or ''}' (load with --allow-redefine to mean it)",
                    origin.where, origin.row, named.get(prop, prop),
                    f"«{node_id}» уже есть в хранилище ({prop} = "
                    f"«{before.props.get(prop) or ''}»); строка изменила бы его — если так и "
                    "задумано, загрузите с --allow-redefine"))
            if marked and not changed and _without_mark(before.props) != rec.props:
                problems.append(Problem(
                    f"'{node_id}' comes from the regulations; a dataset cannot change it (load "
                    "with --allow-redefine to mean it)", origin.where, origin.row,
                    named.get("id", "id"),
                    f"«{node_id}» задан нормативными документами; набор данных не может его "
                    "изменить — если так и задумано, загрузите с --allow-redefine"))
        return problems


def _without_mark(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k != FROM_REGULATIONS}


@dataclass
class _ScopeCheck:
    """Where each node of a batch is located, from the batch and the store together."""

    guard: ImportGuard
    batch: Batch
    old: Mapping[str, NodeRecord]
    headers: Mapping[str, Mapping[str, str]]
    known: dict[str, NodeRecord] = field(default_factory=dict)
    out_edges: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    in_edges: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    stored_work: dict[str, list[str]] = field(default_factory=dict)  # person → bodies, stored

    def __post_init__(self) -> None:
        assert self.guard.nodes is not None and self.guard.edges is not None
        ends = {end for e in self.batch.edges.values() for end in (e.source, e.target)}
        ids = sorted(ends - set(self.batch.nodes))
        self.known = {**dict(self.guard.nodes(ids)), **self.batch.nodes}
        out_edges: dict[tuple[str, str], set[str]] = defaultdict(set)
        in_edges: dict[tuple[str, str], set[str]] = defaultdict(set)
        for e in self.batch.edges.values():
            out_edges[(e.type, e.source)].add(e.target)
            in_edges[(e.type, e.target)].add(e.source)
        people = sorted(n for n, r in self.known.items() if r.label == "Person")
        owned = sorted(n for n, r in self.known.items() if r.label in _OWNED)
        orgs = sorted(n for n, r in self.known.items() if r.label == "Organization"
                      and not r.props.get("territory_id"))
        programmes = sorted(n for n, r in self.known.items() if r.label == "Programme")
        stored = (self._stored(list(_WORK), sources=people)
                  + self._stored(sorted(set(_OWNED.values())), targets=owned)
                  + self._stored(list(_UNITS), sources=orgs)
                  + self._stored(["PROVIDED_BY"], sources=programmes))
        for e in stored:
            out_edges[(e.type, e.source)].add(e.target)
            in_edges[(e.type, e.target)].add(e.source)
            if e.type in _WORK:
                self.stored_work.setdefault(e.source, []).append(e.target)
        more = sorted({e.target for e in stored} | {e.source for e in stored}
                      - set(self.known))
        self.known.update(self.guard.nodes(more) if more else {})
        self.out_edges = {k: sorted(v) for k, v in out_edges.items()}
        self.in_edges = {k: sorted(v) for k, v in in_edges.items()}

    def _stored(self, types: list[str], **ends: Sequence[str]) -> list[EdgeRecord]:
        assert self.guard.edges is not None
        if not any(ends.values()):
            return []
        return self.guard.edges(types, **ends)

    def places(self, node_id: str, depth: int = 0) -> set[str]:
        rec = self.known.get(node_id)
        if rec is None or depth > 6:
            return set()
        if rec.label in ("Region", "Municipality"):
            return {rec.id}
        territory = rec.props.get("territory_id")
        if rec.label in ("Organization", "Regulation") and isinstance(territory, str):
            return {territory}
        linked: Iterable[str] = ()
        if rec.label == "Organization":
            linked = [t for kind in _UNITS for t in self.out_edges.get((kind, node_id), [])]
        elif rec.label == "Person":
            linked = [t for kind in _WORK for t in self.out_edges.get((kind, node_id), [])]
        elif rec.label in _OWNED:
            linked = self.in_edges.get((_OWNED[rec.label], node_id), [])
        elif rec.label == "Programme":
            linked = self.out_edges.get(("PROVIDED_BY", node_id), [])
        return {t for other in linked for t in self.places(other, depth + 1)}

    def inside(self, node_id: str) -> bool:
        """Whether the node is located in the caller's territories. A diagnostic, route or
        assessment is inside only when every one of its owners is (as the visibility rule
        shows it only then): a district cannot claim another district's record by linking
        its own teacher to it."""
        territories = self.guard.territories
        assert territories is not None
        rec = self.known.get(node_id)
        if rec is not None and rec.label in _OWNED:
            owners = self.in_edges.get((_OWNED[rec.label], node_id), [])
            return bool(owners) and all(self.inside(o) for o in owners)
        return any(t in territories for t in self.places(node_id))

    def problems(self) -> list[Problem]:
        problems = []
        territories = self.guard.territories
        assert territories is not None
        for node_id, rec in self.batch.nodes.items():
            before = self.old.get(node_id)
            if before is not None and rec.label in _SHARED and _without_mark(before.props) \
                    == _without_mark(rec.props):
                continue  # repeats what the store holds: writes nothing
            was_outside = before is not None and (
                (before.label in _TERRITORY_PROP
                 and not any(t in territories for t in _own_places(before)))
                or (before.label == "Person" and node_id in self.stored_work
                    and not any(self.inside(b) for b in self.stored_work[node_id])))
            if not self.inside(node_id) or was_outside:
                problems.append(self._outside(node_id, f"{rec.label} '{node_id}'",
                                              f"«{node_id}»"))
        for edge_id, e in self.batch.edges.items():
            if not self.inside(e.source) or not (self.inside(e.target)
                                                 or self._reference(e.target)):
                problems.append(self._outside(
                    edge_id, f"the {e.type} from '{e.source}' to '{e.target}'",
                    f"связь {e.type} от «{e.source}» к «{e.target}»"))
        return problems

    def _reference(self, node_id: str) -> bool:
        rec = self.known.get(node_id)
        if rec is None:
            return False
        if rec.label == "Organization":
            return rec.props.get("kind") != "school"
        return rec.label in ("Region", "Competency", "Programme")

    def _outside(self, key: str, what: str, what_ru: str) -> Problem:
        origin = self.batch.origin(key)
        return Problem(
            f"{what} is outside your scope ({', '.join(sorted(self.guard.territories or ()))}): "
            "a dataset may only write nodes and edges located there", origin.where, origin.row,
            None, f"{what_ru} — вне ваших территорий: набор данных может записывать только их")


def _own_places(rec: NodeRecord) -> set[str]:
    """Where a node says it is by its own properties (bodies, territories, regulations)."""
    if rec.label in ("Region", "Municipality"):
        return {rec.id}
    territory = rec.props.get(_TERRITORY_PROP.get(rec.label, "territory_id"))
    return {territory} if isinstance(territory, str) else set()
