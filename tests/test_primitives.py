"""The graph primitives' conformance suite: every store must pass it.

Like networkx's backends, which all run networkx's own tests, each store answers
``neighbours``, ``reach``, ``shortest_path`` and ``count_by`` its own way (Neo4j in one Cypher
statement, the embedded store with networkx, a wrapper by the interface's walk over bulk
reads) and must give the same answers: on a small named graph whose answers are worked out by
hand below, and on random small graphs (hypothesis) checked against plain networkx computed
here. A new store passes this file before anything else uses it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.model import (
    Batch,
    Coordinates,
    Curates,
    Guides,
    HorizontalLearning,
    Organization,
    PartOf,
    SubordinateTo,
)
from graph.model.base import EdgeRecord, NodeRecord
from graph.store import MemoryStore
from graph.store.base import GraphCounts, Store, WriteSummary
from graph.store.neo4j import Neo4jStore
from graph.store.pseudonymised import PseudonymisedStore
from graph.store.tentative import TentativeStore


class Loopback(Store):
    """A store that answers only the bulk reads (like networkx's ``nx-loopback`` backend):
    every primitive takes the interface's own walk, which is held to the same answers."""

    kind = "loopback"

    def __init__(self) -> None:
        self.inner = MemoryStore()

    def write(self, batch: Batch, *, progress: Any = None) -> WriteSummary:
        return self.inner.write(batch)

    def delete(self, node_ids: Any = (), edge_ids: Any = ()) -> int:
        return self.inner.delete(node_ids, edge_ids)

    def clear(self) -> None:
        self.inner.clear()

    def get_nodes(self, ids: Any) -> dict[str, NodeRecord]:
        return self.inner.get_nodes(ids)

    def nodes(self, label: str | None = None, where: Any = None) -> list[NodeRecord]:
        return self.inner.nodes(label, where)

    def edges(self, types: Any = None, *, sources: Any = None, targets: Any = None,
              where: Any = None) -> list[EdgeRecord]:
        return self.inner.edges(types, sources=sources, targets=targets, where=where)

    def counts(self) -> GraphCounts:
        return self.inner.counts()


class _Writable(PseudonymisedStore):
    """The pseudonymised view of a memory store, writable through to it for the test."""

    def write(self, batch: Batch, *, progress: Any = None) -> WriteSummary:
        return self.inner.write(batch)

    def clear(self) -> None:
        self.inner.clear()


class _Laid(TentativeStore):
    """A what-if over a memory store, the test's writes split between them: nodes and every
    other edge written to the store, the rest laid over it, so each read merges the two."""

    def __init__(self) -> None:
        super().__init__(MemoryStore(), Batch())

    def write(self, batch: Batch, *, progress: Any = None) -> WriteSummary:
        below, above = Batch(), Batch()
        below.nodes.update(batch.nodes)
        for i, (key, edge) in enumerate(sorted(batch.edges.items())):
            (below if i % 2 else above).edges[key] = edge
        summary = self.base.write(below)
        self.add(above)
        return summary

    def clear(self) -> None:
        self.base.clear()
        self._nodes.clear()
        self._edges.clear()


@pytest.fixture(scope="module")
def _routed(neo4j_uri: str) -> Iterator[Store]:
    if not neo4j_uri.startswith("bolt://"):
        pytest.skip("NEO4J_URI is already a routing URI")
    routed = Neo4jStore.connect("neo4j://" + neo4j_uri.removeprefix("bolt://"))
    yield routed
    routed.close()


@pytest.fixture(params=["memory", "loopback", "pseudonymised", "tentative",
                        pytest.param("neo4j", marks=pytest.mark.neo4j),
                        pytest.param("neo4j-routing", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """Every store there is, empty: the two stores, the routing driver, the fallback walk, the
    pseudonymised wrapper and the what-if's tentative store."""
    if request.param == "memory":
        yield MemoryStore()
        return
    if request.param == "loopback":
        yield Loopback()
        return
    if request.param == "pseudonymised":
        yield _Writable(MemoryStore(), b"k" * 32)
        return
    if request.param == "tentative":
        yield _Laid()
        return
    neo: Store = request.getfixturevalue(
        "_neo4j_store" if request.param == "neo4j" else "_routed")
    neo.clear()
    yield neo
    neo.clear()


# -- a graph whose answers are known by hand --------------------------------------------------
#
#        a ──PART_OF──▶ b ──PART_OF──▶ d ──COORDINATES──▶ e ──HORIZONTAL_LEARNING──▶ f
#        │  ══CURATES═▶ b (twice: two start dates)           e ◀──SUBORDINATE_TO── f
#        └──GUIDES───▶ c ──PART_OF──▶ d
#                                                            x (alone)
# c is a methodological service, the others schools; a and b lie in M1, c in M2.

def _school(i: str, kind: str = "school", territory: str | None = None) -> Organization:
    return Organization(id=i, name=f"Организация {i}", kind=kind, level="municipal",
                        territory_id=territory)


@pytest.fixture
def named(store: Store) -> Store:
    b = Batch()
    b.add(_school("a", territory="M1"))
    b.add(_school("b", territory="M1"))
    b.add(_school("c", "methodological_service", "M2"))
    for i in "defx":
        b.add(_school(i))
    b.add(PartOf(source="a", target="b"))
    for year in (2024, 2025):
        b.add(Curates(source="a", target="b", start=dt.date(year, 9, 1)))
    b.add(Guides(source="a", target="c"))
    b.add(PartOf(source="b", target="d"))
    b.add(PartOf(source="c", target="d"))
    b.add(Coordinates(source="d", target="e"))
    b.add(HorizontalLearning(source="e", target="f"))
    b.add(SubordinateTo(source="f", target="e"))
    store.write(b)
    return store


CUR24 = "a|CURATES>b@@2024-09-01"
CUR25 = "a|CURATES>b@@2025-09-01"


def _ids(edges: Sequence[EdgeRecord]) -> list[str]:
    return [e.id for e in edges]


@pytest.mark.parametrize(("ids", "types", "direction", "expected"), [
    (["a"], ["PART_OF"], "both", ["a|PART_OF>b"]),
    (["d"], None, "in", ["b|PART_OF>d", "c|PART_OF>d"]),
    (["d"], None, "out", ["d|COORDINATES>e"]),
    (["b", "d"], "PART_OF", "both", ["a|PART_OF>b", "b|PART_OF>d", "c|PART_OF>d"]),
    (["b"], None, "in", [CUR24, CUR25, "a|PART_OF>b"]),
    (["e"], None, "both", ["d|COORDINATES>e", "e|HORIZONTAL_LEARNING>f",
                           "f|SUBORDINATE_TO>e"]),
    (["x"], None, "both", []),
    (["nobody"], None, "both", []),
    (["a"], [], "both", []),
])
def test_neighbours(named: Store, ids: list[str], types: Any, direction: Any,
                    expected: list[str]) -> None:
    assert _ids(named.neighbours(ids, types, direction=direction).edges) == expected


def test_neighbours_with_their_other_ends(named: Store) -> None:
    found = named.neighbours(["d"], ends=True)
    assert sorted(found.ends) == ["b", "c", "e"]
    assert found.ends["c"].props["kind"] == "methodological_service"
    assert named.neighbours(["d"], direction="in", ends=True).ends.keys() == {"b", "c"}
    assert named.neighbours(["d"]).ends == {}


@pytest.mark.parametrize(("ids", "types", "direction", "hops", "limit", "expected", "cut"), [
    (["a"], None, "both", 2, None, {"a": 0, "b": 1, "c": 1, "d": 2}, False),
    (["a"], ["PART_OF"], "out", 3, None, {"a": 0, "b": 1, "d": 2}, False),
    (["e"], None, "in", 2, None, {"e": 0, "d": 1, "f": 1, "b": 2, "c": 2}, False),
    (["a"], None, "both", 2, 3, {"a": 0, "b": 1, "c": 1}, True),
    (["a"], None, "both", 2, 4, {"a": 0, "b": 1, "c": 1, "d": 2}, False),
    (["a", "e"], None, "both", 1, None,
     {"a": 0, "e": 0, "b": 1, "c": 1, "d": 1, "f": 1}, False),
    (["a"], None, "both", 0, None, {"a": 0}, False),
    (["x"], None, "both", 5, None, {"x": 0}, False),
    (["nobody"], None, "both", 2, None, {}, False),
    (["a"], [], "both", 2, None, {"a": 0}, False),
])
def test_reach(named: Store, ids: list[str], types: Any, direction: Any, hops: int,
               limit: int | None, expected: dict[str, int], cut: bool) -> None:
    found = named.reach(ids, types, direction=direction, max_hops=hops, limit=limit)
    assert list(found.distance.items()) == sorted(expected.items(), key=lambda kv: (kv[1], kv[0]))
    assert found.truncated is cut
    assert sorted(found.nodes) == sorted(expected)
    assert found.edges == ()


def test_reach_gives_the_edges_walked(named: Store) -> None:
    # From a, two hops: every edge of a, b and c (nearer than 2) to a kept node; not d→e.
    found = named.reach(["a"], max_hops=2, edges=True)
    assert _ids(found.edges) == [CUR24, CUR25, "a|GUIDES>c", "a|PART_OF>b", "b|PART_OF>d",
                                 "c|PART_OF>d"]
    # Walking out along PART_OF from a: a→b and b→d; not c→d (c is not reached).
    out = named.reach(["a"], "PART_OF", direction="out", max_hops=3, edges=True)
    assert _ids(out.edges) == ["a|PART_OF>b", "b|PART_OF>d"]
    # A limit drops the nodes beyond it and the edges to them.
    cut = named.reach(["a"], max_hops=2, limit=3, edges=True)
    assert _ids(cut.edges) == [CUR24, CUR25, "a|GUIDES>c", "a|PART_OF>b"]



@pytest.mark.parametrize(("limit", "edges"), [(None, False), (3, False), (None, True), (3, True)])
def test_reach_without_properties_is_the_same_walk(named: Store, limit: int | None,
                                                   edges: bool) -> None:
    full = named.reach(["a"], max_hops=2, limit=limit, edges=edges)
    bare = named.reach(["a"], max_hops=2, limit=limit, edges=edges, properties=False)
    assert list(bare.distance.items()) == list(full.distance.items())
    assert (bare.edges, bare.truncated) == (full.edges, full.truncated)
    assert {i: (n.id, n.label) for i, n in bare.nodes.items()} == {
        i: (n.id, n.label) for i, n in full.nodes.items()}
    assert all(n.props == {} for n in bare.nodes.values())
    assert full.nodes["c"].props["kind"] == "methodological_service"


@pytest.mark.parametrize(("source", "target", "types", "direction", "hops", "expected"), [
    # Two ways from a to d; from d back the smaller edge id is b|PART_OF>d, then from b the
    # smallest of a's three edges to b.
    ("a", "d", None, "both", 6, [CUR24, "b|PART_OF>d"]),
    ("a", "d", ["GUIDES", "PART_OF"], "both", 6, ["a|PART_OF>b", "b|PART_OF>d"]),
    ("a", "d", ["GUIDES", "PART_OF"], "out", 6, ["a|PART_OF>b", "b|PART_OF>d"]),
    ("d", "a", None, "out", 6, None),
    ("d", "a", None, "in", 6, ["b|PART_OF>d", CUR24]),
    ("a", "e", None, "both", 2, None),
    ("a", "e", None, "both", 3, [CUR24, "b|PART_OF>d", "d|COORDINATES>e"]),
    ("f", "c", None, "both", 6, ["e|HORIZONTAL_LEARNING>f", "d|COORDINATES>e",
                                 "c|PART_OF>d"]),
    ("a", "x", None, "both", 6, None),
    ("a", "nobody", None, "both", 6, None),
    ("a", "a", None, "both", 6, []),
    ("a", "b", [], "both", 6, None),
])
def test_shortest_path(named: Store, source: str, target: str, types: Any, direction: Any,
                       hops: int, expected: list[str] | None) -> None:
    found = named.shortest_path(source, target, types, direction=direction, max_hops=hops)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert _ids(found.edges) == expected
    walk = [source]
    for e in found.edges:
        walk.append(e.target if e.source == walk[-1] else e.source)
    assert [n.id for n in found.nodes] == walk
    assert walk[-1] == target


def test_count_by(named: Store) -> None:
    assert named.count_by("Organization", "kind") == {"methodological_service": 1, "school": 6}
    assert named.count_by("Organization", "territory_id") == {"M1": 2, "M2": 1, None: 4}
    assert named.count_by("Organization", "territory_id", {"kind": "school"}) == {
        "M1": 2, None: 4}
    assert named.count_by("Organization", "territory_id", {"kind": ["nothing"]}) == {}
    assert named.count_by("Person", "full_name") == {}


@pytest.mark.parametrize("call", [
    lambda s: s.reach(["a"], direction="up"),
    lambda s: s.reach(["a"], max_hops=-1),
    lambda s: s.shortest_path("a", "b", max_hops=1.5),
    lambda s: s.neighbours(["a"], direction="sideways"),
])
def test_bad_arguments_are_refused(named: Store, call: Any) -> None:
    with pytest.raises(ValueError, match=r"direction|max_hops"):
        call(named)


# -- random small graphs against plain networkx -----------------------------------------------
TYPES = ("PART_OF", "GUIDES", "COORDINATES", "CURATES")
_MAKERS: dict[str, Any] = {"PART_OF": PartOf, "GUIDES": Guides, "COORDINATES": Coordinates}

node_ids = st.lists(st.text(alphabet="abcxyz019", min_size=1, max_size=3), min_size=1,
                    max_size=7, unique=True)


@st.composite
def networks(draw: st.DrawFn) -> tuple[list[str], dict[str, EdgeRecord], Batch]:
    """Random schools and random edges among them: any type, either way, parallel edges
    (several types, or one type on two dates) and cycles (the model allows no loops)."""
    ids = draw(node_ids)
    b = Batch()
    for i in ids:
        b.add(_school(i))
    pairs = st.tuples(st.sampled_from(TYPES), st.sampled_from(ids), st.sampled_from(ids),
                      st.sampled_from([2024, 2025]))
    for type_, source, target, year in draw(st.lists(pairs.filter(lambda p: p[1] != p[2]),
                                                     max_size=14)):
        if type_ == "CURATES":
            b.add(Curates(source=source, target=target, start=dt.date(year, 9, 1)))
        else:
            b.add(_MAKERS[type_](source=source, target=target))
    return ids, dict(b.edges), b


def _reference(ids: Sequence[str], edges: Mapping[str, EdgeRecord], types: Any,
               direction: str) -> nx.MultiGraph | nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_nodes_from(ids)
    for eid, e in edges.items():
        if types is None or e.type in types:
            g.add_edge(e.source, e.target, key=eid)
    if direction == "in":
        return g.reverse()
    return g.to_undirected() if direction == "both" else g


@settings(max_examples=30, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(net=networks(), data=st.data())
def test_every_primitive_agrees_with_networkx(store: Store, net: Any, data: st.DataObject
                                              ) -> None:
    ids, edges, batch = net
    store.clear()
    store.write(batch)
    types = data.draw(st.one_of(st.none(), st.lists(st.sampled_from(TYPES), unique=True)))
    direction = data.draw(st.sampled_from(["both", "out", "in"]))
    hops = data.draw(st.integers(0, 3))
    starts = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
    limit = data.draw(st.one_of(st.none(), st.integers(1, 6)))
    g = _reference(ids, edges, types, direction)
    wanted = set(types) if types is not None else set(TYPES)

    # neighbours: the edges touching the starts, in the direction
    touching = sorted(eid for eid, e in edges.items() if e.type in wanted and (
        (direction != "in" and e.source in starts) or (direction != "out" and e.target in starts)))
    assert _ids(store.neighbours(starts, types, direction=direction).edges) == touching

    # reach: hops from the nearest start, the first `limit` by (hops, id), the edges walked
    hop_of = nx.multi_source_dijkstra_path_length(g, set(starts), cutoff=hops)
    ordered = sorted(hop_of.items(), key=lambda kv: (kv[1], kv[0]))
    kept = dict(ordered if limit is None else ordered[:limit])
    found = store.reach(starts, types, direction=direction, max_hops=hops, limit=limit,
                        edges=True)
    assert list(found.distance.items()) == list(kept.items())
    assert found.truncated == (limit is not None and len(ordered) > limit)
    walked = sorted(eid for eid, e in edges.items() if e.type in wanted
                    and e.source in kept and e.target in kept
                    and ((direction != "in" and kept[e.source] < hops)
                         or (direction != "out" and kept[e.target] < hops)))
    assert _ids(found.edges) == walked

    # shortest_path: of all shortest paths, the least by edge ids read from the target back
    source, target = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
    path = store.shortest_path(source, target, types, direction=direction, max_hops=hops)
    try:
        walks = list(nx.all_shortest_paths(g, source, target))
    except nx.NetworkXNoPath:
        walks = []
    choices = [list(p) for w in walks
               for p in itertools.product(*(sorted(g[u][v]) for u, v in itertools.pairwise(w)))]
    if not choices or len(choices[0]) > hops:
        assert path is None
    else:
        best = min(choices, key=lambda p: list(reversed(p)))
        assert path is not None and _ids(path.edges) == best

    # count_by: as counted here
    assert store.count_by("Organization", "kind") == {"school": len(ids)}
    assert store.count_by("Organization", "name", {"kind": "school"}) == dict(
        sorted(Counter(f"Организация {i}" for i in ids).items()))
