"""Bulk loads: a dataset in checked chunks, on both stores, with the same result as one write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.errors import InvalidBatch
from graph.loaders.dataset import load_dataset
from graph.loaders.dataset.stream import bulk_load
from graph.model.base import EdgeRecord, NodeRecord
from graph.store import MemoryStore, Store

TINY = Path(__file__).resolve().parent / "data" / "tiny"


def contents(store: Store) -> tuple[list[NodeRecord], list[tuple[str, EdgeRecord]]]:
    return store.nodes(), [(e.id, e) for e in store.edges()]


@pytest.mark.parametrize("rows", [2, 7, 10_000])
def test_bulk_load_writes_what_one_write_writes(store: Store, rows: int) -> None:
    # Two rows per chunk puts organizations' parents, given further down, in later chunks.
    whole = MemoryStore()
    load_dataset(whole, TINY)
    result = bulk_load(store, TINY, rows=rows)
    assert contents(store) == contents(whole)
    assert sum(result.summary.created.values()) == len(whole.nodes()) + len(whole.edges())
    assert result.rows["people"] == 10
    assert result.total == sum(result.summary.created.values())


def test_bulk_load_again_changes_nothing(store: Store) -> None:
    bulk_load(store, TINY, rows=3)
    again = bulk_load(store, TINY, rows=3)
    assert not again.summary.changed
    assert sum(again.summary.unchanged.values()) == again.total


def test_bad_chunk_stops_the_load_after_the_chunks_before_it(
    store: Store, tmp_path: Path
) -> None:
    data = tmp_path / "tiny"
    shutil.copytree(TINY, data)
    with open(data / "support.csv", "a", encoding="utf-8") as fh:
        fh.write("tiny-p-popova,nobody-at-all,SUPPORTS,математика,assigned_methodist,"
                 "2024-09-01,\n")
    with pytest.raises(InvalidBatch) as caught:
        bulk_load(store, data, rows=2)
    [problem] = caught.value.problems
    assert problem.where.endswith("support.csv")
    assert problem.column == "target_id"
    # Rows count as a spreadsheet shows them, the header being row 1: the appended line.
    assert problem.row == len((data / "support.csv").read_text(encoding="utf-8").splitlines())
    assert "nobody-at-all" in problem.message
    # Not atomic, as documented: the people came before and stay.
    assert len(store.nodes("Person")) == 10
    assert store.get_node("nobody-at-all") is None


def test_get_ends_carries_label_and_kind_only(store: Store) -> None:
    load_dataset(store, TINY)
    ends = store.get_ends(["tiny-school-vsev-1", "tiny-p-ivanova", "missing"])
    assert ends == {
        "tiny-school-vsev-1": NodeRecord("Organization", "tiny-school-vsev-1", {"kind": "school"}),
        "tiny-p-ivanova": NodeRecord("Person", "tiny-p-ivanova", {}),
    }


def test_cli_load_bulk_says_what_a_stopped_load_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("METHODNET_STORE_PATH", str(tmp_path / "store"))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    data = tmp_path / "tiny"
    shutil.copytree(TINY, data)
    with open(data / "support.csv", "a", encoding="utf-8") as fh:
        fh.write("tiny-p-popova,nobody-at-all,SUPPORTS,математика,assigned_methodist,"
                 "2024-09-01,\n")
    result = CliRunner().invoke(app, ["load", "--bulk", "--quiet", str(data)])
    assert result.exit_code == 1
    assert "the chunks before this one were written" in result.output
    assert "nothing was written" not in result.output
    assert "nobody-at-all" in result.output


def test_cli_load_bulk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("METHODNET_STORE_PATH", str(tmp_path / "store"))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    result = CliRunner().invoke(app, ["load", "--bulk", "--quiet", str(TINY)])
    assert result.exit_code == 0, result.output
    with MemoryStore(tmp_path / "store") as s:
        whole = MemoryStore()
        load_dataset(whole, TINY)
        assert contents(s) == contents(whole)


def test_checked_bulk_write_refuses_an_edge_whose_end_is_gone(store: Store) -> None:
    """``checked=True`` skips the store's own look-up of ends (the loader made it), but an end
    deleted since is still an error naming it, and the chunk holding that edge is not written."""
    from graph.model import Batch, EmployedAt, Organization, Person

    people = Batch()
    for pid in ("p1", "p2"):
        people.add(Person(id=pid, full_name=f"Учитель {pid}"))
    people.add(Organization(id="s1", name="Школа", kind="school", level="institutional"))
    store.write(people)
    work = Batch()
    for pid in ("p1", "p2"):
        work.add(EmployedAt(source=pid, target="s1"))
    store.delete(node_ids=["p2"])  # after the loader checked, before the store writes
    with pytest.raises(InvalidBatch) as caught:
        store.bulk_write([work], checked=True)
    assert [(p.column, "'p2'" in p.message) for p in caught.value.problems] == [("source", True)]
    assert store.edges("EMPLOYED_AT") == []
