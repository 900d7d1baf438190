"""Private records (users, tokens, the audit log): kept by both stores, invisible to the graph."""

from __future__ import annotations

import pytest

from graph.model import Batch, Region
from graph.model.base import NodeRecord
from graph.store import MemoryStore, Store
from graph.store.base import PRIVATE_LABELS


def _region_store(store: Store) -> Store:
    b = Batch()
    b.add(Region(id="R1", name="Область"))
    store.write(b)
    return store


def test_private_records_round_trip_and_stay_out_of_the_graph(store: Store) -> None:
    _region_store(store)
    store.put_private([
        NodeRecord("User", "anna", {"role": "admin", "disabled": False}),
        NodeRecord("User", "boris", {"role": "analyst", "disabled": False}),
        NodeRecord("AuditEntry", "2026-01-01T00:00:00-a", {"actor": "anna", "action": "x"}),
    ])
    assert store.get_private("User", ["anna", "nobody"]) == {
        "anna": NodeRecord("User", "anna", {"role": "admin", "disabled": False})}
    assert [r.id for r in store.private("User")] == ["anna", "boris"]
    assert [r.id for r in store.private("User", {"role": "analyst"})] == ["boris"]
    assert store.count_private("User") == 2
    # The graph does not see them: not in nodes, counts, lookups by id, or a subgraph.
    assert [n.id for n in store.nodes()] == ["R1"]
    assert store.counts().nodes == {"Region": 1}
    assert store.get_nodes(["anna", "2026-01-01T00:00:00-a"]) == {}
    assert set(store.subgraph().nodes) == {"R1"}
    # An upsert replaces the properties whole.
    store.put_private([NodeRecord("User", "anna", {"role": "admin", "disabled": True})])
    assert store.get_private("User", ["anna"])["anna"].props == {"role": "admin",
                                                                 "disabled": True}
    # Clearing the store clears them too.
    store.clear()
    assert store.private("User") == [] and store.private("AuditEntry") == []


def test_private_records_page_newest_first(store: Store) -> None:
    store.put_private([NodeRecord("AuditEntry", f"t{i}", {"action": "a" if i % 2 else "b"})
                       for i in range(6)])
    page = store.private("AuditEntry", descending=True, limit=2)
    assert [r.id for r in page] == ["t5", "t4"]
    assert [r.id for r in store.private("AuditEntry", descending=True, after="t4",
                                        limit=2)] == ["t3", "t2"]
    assert [r.id for r in store.private("AuditEntry", {"action": "a"}, after="t1")] == \
        ["t3", "t5"]
    assert store.count_private("AuditEntry", {"action": "b"}) == 3


@pytest.mark.parametrize("label", ["Person", "Node", "User`) DETACH DELETE n //"])
def test_private_labels_are_a_whitelist(store: Store, label: str) -> None:
    assert label not in PRIVATE_LABELS
    with pytest.raises(ValueError, match="not a private record label"):
        store.put_private([NodeRecord(label, "x", {})])
    with pytest.raises(ValueError, match="not a private record label"):
        store.private(label)
    assert store.counts().nodes == {}


def test_private_records_survive_a_restart(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "store"
    with MemoryStore(path) as s:
        s.put_private([NodeRecord("User", "anna", {"role": "admin"})])
        # Closing snapshots; the second write is only in the journal when we reopen.
    with MemoryStore(path) as s:
        s.put_private([NodeRecord("Token", "h1", {"login": "anna"})])
    with MemoryStore(path) as s:
        assert s.get_private("User", ["anna"])["anna"].props == {"role": "admin"}
        assert s.get_private("Token", ["h1"])["h1"].props == {"login": "anna"}
        # Journalled and fsync'ed before the write returns: a reader replaying the journal
        # (as a restart after a crash does) finds it without any snapshot.
        s.put_private([NodeRecord("AuditEntry", "e1", {"action": "sign_in"})])
        with MemoryStore(path, readonly=True) as replayed:
            assert replayed.get_private("AuditEntry", ["e1"])["e1"].props == {
                "action": "sign_in"}
            assert replayed.counts().nodes == {}


def test_private_writes_leave_the_revision_alone() -> None:
    """Sign-ins and audit entries change no answer, so cached answers stay valid (embedded
    store; on Neo4j the revision is the database's last transaction, whatever it wrote)."""
    s = _region_store(MemoryStore())
    before = s.revision
    s.put_private([NodeRecord("AuditEntry", "e1", {"action": "sign_in"})])
    assert s.revision == before
    _region_store(s)  # unchanged: no write at all
    b = Batch()
    b.add(Region(id="R2", name="Другая область"))
    s.write(b)
    assert s.revision != before
