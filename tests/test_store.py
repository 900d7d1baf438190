"""The store contract, asserted on both stores (memory and a real Neo4j) with the same data,
and on Neo4j once more through a ``neo4j://`` routing URI (as a cluster or Aura is reached:
the driver asks the server for its routing table and sends reads to readers)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import pytest

from graph.errors import InvalidBatch, StoreError
from graph.model import (
    Batch,
    EmployedAt,
    HasRole,
    LocatedIn,
    Municipality,
    Organization,
    Person,
    Region,
    Supports,
)
from graph.store import MemoryStore
from graph.store.base import Store
from graph.store.neo4j import Neo4jStore
from graph.store.tentative import TentativeStore


@pytest.fixture(scope="module")
def _routed_store(neo4j_uri: str) -> Iterator[Store]:
    if not neo4j_uri.startswith("bolt://"):
        pytest.skip("NEO4J_URI is already a routing URI")
    routed = Neo4jStore.connect("neo4j://" + neo4j_uri.removeprefix("bolt://"))
    yield routed
    routed.close()


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j),
                        pytest.param("neo4j-routing", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The conformance ``store`` of conftest, plus Neo4j reached through ``neo4j://``."""
    if request.param == "memory":
        yield MemoryStore()
        return
    neo: Store = request.getfixturevalue(
        "_neo4j_store" if request.param == "neo4j" else "_routed_store")
    neo.clear()
    yield neo
    neo.clear()


def tiny() -> Batch:
    """Two districts, a methodological service, two schools, a methodist and two teachers."""
    b = Batch()
    b.add(Region(id="R", name="Ленинградская область"))
    for m in ("M1", "M2"):
        b.add(Municipality(id=m, name=f"Район {m}", region_id="R"))
        b.add(LocatedIn(source=m, target="R"))
    b.add(Organization(id="mms1", name="МУ «ВРМЦ»", kind="methodological_service",
                       level="municipal", territory_id="M1", aliases=["ВРМЦ"]))
    for s, m in (("s1", "M1"), ("s2", "M2")):
        b.add(Organization(id=s, name=f"Школа {s}", kind="school", level="institutional",
                           territory_id=m))
        b.add(LocatedIn(source=s, target=m))
    b.add(Person(id="m1", full_name="Методистова Анна", subjects=["математика"]))
    b.add(HasRole(source="m1", target="mms1", role="municipal_methodist",
                  subjects=["математика"], start=dt.date(2024, 9, 1)))
    for t, s in (("t1", "s1"), ("t2", "s2")):
        b.add(Person(id=t, full_name=f"Учитель {t}", birth_year=1990))
        b.add(EmployedAt(source=t, target=s, position="учитель", start=dt.date(2020, 9, 1)))
    b.add(Supports(source="m1", target="t1", subject="математика", start=dt.date(2025, 1, 10)))
    b.add(Supports(source="m1", target="s1", subject="математика", kind="low_results_support"))
    return b


def test_write_counts_created_then_unchanged(store: Store) -> None:
    first = store.write(tiny())
    assert sum(first.created.values()) == 18
    assert first.created["Person"] == 3 and first.created["SUPPORTS"] == 2
    again = store.write(tiny())
    assert not again.changed
    assert sum(again.unchanged.values()) == 18


def test_update_replaces_properties(store: Store) -> None:
    store.write(tiny())
    b = Batch()
    b.add(Organization(id="s1", name="Школа № 1 (новое имя)", kind="school",
                       level="institutional", territory_id="M1"))
    summary = store.write(b)
    assert summary.updated == {"Organization": 1}
    node = store.get_node("s1")
    assert node is not None and node.props["name"] == "Школа № 1 (новое имя)"


def test_reads_agree(store: Store) -> None:
    store.write(tiny())
    assert [n.id for n in store.nodes("Organization")] == ["mms1", "s1", "s2"]
    assert [n.id for n in store.nodes("Organization", where={"kind": "school"})] == ["s1", "s2"]
    assert [n.id for n in store.nodes(where={"territory_id": ["M1", "M2"]})] == [
        "mms1", "s1", "s2"]
    assert store.get_node("mms1").props == {  # type: ignore[union-attr]
        "name": "МУ «ВРМЦ»", "kind": "methodological_service", "level": "municipal",
        "territory_id": "M1", "aliases": ["ВРМЦ"], "generic_name": False,
    }
    assert store.get_node("nope") is None
    supports = store.edges("SUPPORTS")
    assert [(e.source, e.target, e.key) for e in supports] == [
        ("m1", "s1", "математика"), ("m1", "t1", "математика@2025-01-10")]
    assert supports[1].props == {"subject": "математика", "kind": "methodological",
                                 "start": "2025-01-10"}
    # Sorted by edge id, which starts with the source: the same order on both stores.
    assert [e.target for e in store.edges(["SUPPORTS", "HAS_ROLE"], sources=["m1"])] == [
        "mms1", "s1", "t1"]
    assert [e.source for e in store.edges(targets=["s1"])] == ["m1", "t1"]
    assert store.edges("SUPPORTS", sources=["m1"], targets=["t1"])[0].target == "t1"
    assert store.edges("SUPPORTS", where={"kind": "low_results_support"})[0].target == "s1"
    assert store.edges("SUPPORTS", sources=[]) == []
    counts = store.counts()
    assert counts.nodes == {"Municipality": 2, "Organization": 3, "Person": 3, "Region": 1}
    assert counts.edges == {"EMPLOYED_AT": 2, "HAS_ROLE": 1, "LOCATED_IN": 4, "SUPPORTS": 2}


def test_edges_sorted_by_id_on_both_stores(store: Store) -> None:
    store.write(tiny())
    ids = [e.id for e in store.edges()]
    assert ids == sorted(ids) and len(ids) == 9


def test_bad_batch_writes_nothing(store: Store) -> None:
    store.write(tiny())
    before = store.counts()
    b = Batch()
    b.add(Person(id="t9", full_name="Новый учитель"))
    b.add(EmployedAt(source="t9", target="s1"))
    b.add(Supports(source="m1", target="ghost"))
    with pytest.raises(InvalidBatch, match="SUPPORTS target 'ghost' is not a known id"):
        store.write(b)
    assert store.counts() == before
    assert store.get_node("t9") is None


def test_an_id_cannot_change_label(store: Store) -> None:
    store.write(tiny())
    b = Batch()
    b.add(Person(id="s1", full_name="Not a school"))
    with pytest.raises(InvalidBatch, match="already a Organization"):
        store.write(b)
    assert store.get_node("s1").label == "Organization"  # type: ignore[union-attr]


def test_delete_detaches(store: Store) -> None:
    store.write(tiny())
    assert store.delete(node_ids=["t1"]) == 1
    assert store.get_node("t1") is None
    assert all("t1" not in (e.source, e.target) for e in store.edges())
    eid = store.edges("SUPPORTS")[0].id
    assert store.delete(edge_ids=[eid]) == 1
    assert store.edges("SUPPORTS") == []


def test_subgraph_for_networkx_algorithms(store: Store) -> None:
    store.write(tiny())
    g = store.subgraph(labels=["Person", "Organization"], types=["SUPPORTS", "EMPLOYED_AT"])
    assert sorted(g.nodes) == ["m1", "mms1", "s1", "s2", "t1", "t2"]
    assert g.number_of_edges() == 4
    assert g.nodes["s1"]["kind"] == "school"


def _plan() -> Batch:
    """What a plan writes over :func:`tiny`: a new edge, an edge and a node replaced, a new node."""
    b = Batch()
    b.add(Supports(source="m1", target="t2", subject="математика", start=dt.date(2025, 2, 1)))
    b.add(Supports(source="m1", target="t1", subject="математика", start=dt.date(2025, 1, 10),
                   kind="low_results_support"))
    b.add(Person(id="t2", full_name="Учитель t2", birth_year=2001))
    b.add(Person(id="t3", full_name="Учитель t3", birth_year=2000))
    b.add(EmployedAt(source="t3", target="s1", position="учитель", start=dt.date(2025, 9, 1)))
    return b


def test_a_tentative_store_reads_as_the_store_would_after_the_batch(store: Store) -> None:
    """Every read of a :class:`TentativeStore` answers what the store answers once the batch is
    written (the reference: a memory store with both written), and nothing is written."""
    store.write(tiny())
    before = (store.nodes(), store.edges(), store.counts())
    after = TentativeStore(store, _plan())
    written = MemoryStore()
    written.write(tiny())
    written.write(_plan())
    for label, where in ((None, None), ("Person", None), ("Person", {"birth_year": 1990}),
                         ("Person", {"birth_year": [2000, 2001]}), ("Organization", None)):
        assert after.nodes(label, where) == written.nodes(label, where), (label, where)
    for types, sources, targets, where in (
            (None, None, None, None), ("SUPPORTS", None, None, None),
            ("SUPPORTS", ["m1"], None, None), ("SUPPORTS", None, ["t1", "t2"], None),
            (["SUPPORTS", "EMPLOYED_AT"], None, ["s1"], None),
            ("SUPPORTS", None, None, {"kind": "low_results_support"}),
            ("EMPLOYED_AT", iter(["t1", "t3"]), None, None)):
        got = after.edges(types, sources=sources, targets=targets, where=where)
        if isinstance(sources, Iterator):
            sources = ["t1", "t3"]
        assert got == written.edges(types, sources=sources, targets=targets, where=where)
    ids = ["t3", "t2", "nobody", "s1"]
    assert after.get_nodes(ids) == written.get_nodes(ids)
    assert list(after.get_nodes(ids)) == ["t3", "t2", "s1"]
    assert after.get_ends(ids) == written.get_ends(ids)
    assert after.counts() == written.counts()
    assert (store.nodes(), store.edges(), store.counts()) == before
    with pytest.raises(StoreError):
        after.write(_plan())
    with pytest.raises(InvalidBatch, match="nobody"):
        wrong = Batch()
        wrong.add(Supports(source="m1", target="nobody", subject="математика"))
        TentativeStore(store, wrong)
    with pytest.raises(InvalidBatch):  # a school laid over as a person changes its label
        relabel = Batch()
        relabel.add(Person(id="s1", full_name="Школа s1"))
        TentativeStore(store, relabel)


def test_clear(store: Store) -> None:
    store.write(tiny())
    store.clear()
    assert store.counts().total_nodes == 0


def test_filtered_reads_see_later_writes(store: Store) -> None:
    """The memory store indexes filtered reads; a write must never leave a stale answer."""
    store.write(tiny())
    assert [n.id for n in store.nodes("Organization", where={"kind": "school"})] == ["s1", "s2"]
    assert len(store.edges("SUPPORTS", where={"subject": "математика"})) == 2
    b = Batch()
    b.add(Organization(id="s3", name="Школа s3", kind="school", level="institutional",
                       territory_id="M2"))
    b.add(Supports(source="m1", target="s3", subject="математика"))
    store.write(b)
    assert [n.id for n in store.nodes("Organization", where={"kind": ["school"]})] == [
        "s1", "s2", "s3"]
    assert len(store.edges("SUPPORTS", where={"subject": "математика"})) == 3
    store.delete(node_ids=["s1"])
    assert [n.id for n in store.nodes("Organization", where={"kind": "school"})] == ["s2", "s3"]
    assert [n.id for n in store.nodes("Person", where={"subjects": "математика"})] == []



def test_revision_changes_with_every_write(store: Store) -> None:
    """Caches (the search index, the dashboard) key on the revision: it must move with each
    accepted write and stay put while nothing is written."""
    first = store.revision
    assert first is not None and store.revision == first
    store.write(tiny())
    written = store.revision
    assert written != first and store.revision == written
    store.nodes("Person")
    assert store.revision == written  # reading is not writing
    store.delete(node_ids=["t2"])
    assert store.revision not in (first, written)


def test_a_question_reads_the_revision_once(store: Store) -> None:
    """Within one question the revision is read at its first use and kept (on Neo4j one
    round trip, not one per use); a write of the question's own thread makes it read anew,
    and the next question sees the writes made between the two."""
    store.write(tiny())
    before = store.revision

    def question() -> tuple[int | None, int | None, int]:
        trips = getattr(store, "round_trips", 0)
        first = store.revision
        second = store.revision
        return first, second, getattr(store, "round_trips", 0) - trips

    first, second, trips = store.read_together(question)
    assert first == second == before
    if hasattr(store, "round_trips"):
        assert trips == 1

    def writing() -> tuple[int | None, int | None]:
        first = store.revision
        store.delete(node_ids=["t2"])
        return first, store.revision

    first, after = store.read_together(writing)
    assert first == before and after not in (None, before)
    assert store.read_together(lambda: store.revision) == after


def test_read_together_answers_as_single_reads(store: Store) -> None:
    """A question's reads in one transaction see what single reads see; calls nest, and an
    error of the question reaches the caller as it was raised."""
    store.write(tiny())

    def question() -> tuple[list[str], list[str], list[str]]:
        schools = [n.id for n in store.nodes("Organization", where={"kind": "school"})]
        staff = [e.source for e in store.edges("EMPLOYED_AT", targets=schools)]
        inner = store.read_together(lambda: sorted(store.get_nodes(staff)))
        return schools, staff, inner

    assert store.read_together(question) == question() == (["s1", "s2"], ["t1", "t2"],
                                                          ["t1", "t2"])

    def failing() -> None:
        store.nodes("Person")
        raise LookupError("no such teacher")

    with pytest.raises(LookupError, match="no such teacher"):
        store.read_together(failing)
    assert [n.id for n in store.nodes("Region")] == ["R"]  # the store still answers


@pytest.mark.neo4j
def test_each_read_of_a_question_is_one_round_trip(_neo4j_store: Store) -> None:
    """On Neo4j every read of a question is an auto-commit query in the question's session:
    one round trip each (no BEGIN and COMMIT around them); a read alone is a question of one
    read."""
    assert isinstance(_neo4j_store, Neo4jStore)
    store = _neo4j_store
    store.clear()
    store.write(tiny())
    trips = store.round_trips

    def one() -> list[str]:
        return [n.id for n in store.nodes("Region")]

    def three() -> tuple[list[str], int, list[str]]:
        schools = [n.id for n in store.nodes("Organization", where={"kind": "school"})]
        staff = store.edges("EMPLOYED_AT", targets=schools)
        people = store.get_nodes([e.source for e in staff])
        return schools, len(staff), sorted(people)

    assert store.read_together(one) == ["R"]
    assert store.round_trips - trips == 1
    assert one() == ["R"]  # outside a question: a read alone
    assert store.round_trips - trips == 2
    assert store.read_together(three) == (["s1", "s2"], 2, ["t1", "t2"])
    assert store.round_trips - trips == 5
    store.clear()


@pytest.mark.neo4j
def test_closing_waits_for_work_under_way_then_refuses_more(neo4j_uri: str) -> None:
    """A store closed while another thread reads (an app shutting down under its warm-up)
    waits for that read to end before the driver goes, then refuses new work at once; a
    close that waited long enough gives up and closes anyway."""
    import threading

    from graph.errors import StoreUnavailable

    inside, release = threading.Event(), threading.Event()
    answers: list[object] = []

    def read_slowly(store: Neo4jStore) -> None:
        def slow() -> int:
            inside.set()
            release.wait(10)
            return len(store.nodes("Region", where={"id": "none such"}))
        try:
            answers.append(store.read_together(slow))
        except Exception as e:  # the driver closed under it
            answers.append(type(e).__name__)

    own = Neo4jStore.connect(neo4j_uri)
    reader = threading.Thread(target=read_slowly, args=(own,))
    reader.start()
    assert inside.wait(10)
    closer = threading.Thread(target=own.close)
    closer.start()
    closer.join(0.5)
    assert closer.is_alive() and own.closed  # closed to new work, waiting for the read
    with pytest.raises(StoreUnavailable, match="closed"):
        own.nodes("Region")
    release.set()
    reader.join(10)
    closer.join(10)
    assert not closer.is_alive() and answers == [0]  # the read under way was answered

    stuck = Neo4jStore.connect(neo4j_uri)
    inside.clear()
    release.clear()
    reader = threading.Thread(target=read_slowly, args=(stuck,))
    reader.start()
    assert inside.wait(10)
    stuck.close(wait=0.2)  # returns, the read still under way
    assert stuck.closed
    release.set()
    reader.join(10)
    assert len(answers) == 2 and not reader.is_alive()


@pytest.mark.neo4j
def test_a_routing_uri_reads_through_the_routing_table(_routed_store: Store) -> None:
    from neo4j import Neo4jDriver

    assert isinstance(_routed_store, Neo4jStore)
    assert isinstance(_routed_store.driver, Neo4jDriver)  # the routing driver, not a direct one
    _routed_store.clear()
    written = tiny()
    _routed_store.write(written)
    expected = dict(Counter(n.label for n in written.nodes.values()))
    assert _routed_store.read_together(lambda: _routed_store.counts().nodes) == expected
    _routed_store.clear()
