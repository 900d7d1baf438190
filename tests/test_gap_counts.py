"""Only the counts of a gap report: the same figures as the full report, on both stores, with
no list computed (on Neo4j they are counted in the server), through the query layer, the
GraphQL field (a query asking only ``total`` and ``counts``) and a district coordinator."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.queries.demo import demo_batch
from graph.queries.gaps import GapKind, gap_report
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.callers import caller_headers
from tests.graphql import gql

# The demo network's gaps in 2025-H1 (docs/queries.md, graph/queries/gaps.py doctests).
DEMO = {"deficit_without_route": 2, "teacher_without_methodist": 3,
        "young_specialist_without_support": 1, "school_without_methodological_service": 3,
        "district_without_methodist_pool": 2, "subject_without_methodist": 2,
        "methodist_over_load": 0}


@pytest.mark.parametrize("territory", [None, "RU-LEN", "RU-LEN-a"])
def test_counts_only_are_the_full_reports_counts(store: Store, territory: str | None) -> None:
    store.write(demo_batch())
    full = gap_report(store, territory_id=territory, period="2025-H1", norm=1)
    counted = gap_report(store, territory_id=territory, period="2025-H1", norm=1,
                         counts_only=True)
    assert counted.counts == full.counts
    assert counted.total == full.total > 0
    assert all(found == () for found in counted.gaps.values())
    if territory is None:
        assert {k.value: n for k, n in full.counts.items()} == {**DEMO,
                                                                  "methodist_over_load": 1}


def test_counts_only_for_some_kinds(store: Store) -> None:
    store.write(demo_batch())
    kinds = [GapKind.deficit_without_route, GapKind.subject_without_methodist]
    counted = gap_report(store, period="2025-H1", kinds=kinds, counts_only=True)
    assert {k.value: n for k, n in counted.counts.items()} == {
        "deficit_without_route": 2, "subject_without_methodist": 2}


COUNTS = """
query ($territory: String) {
  gaps(territoryId: $territory, period: "2025-H1") { total counts { kind count } }
}"""

LISTS = """
query ($territory: String) {
  gaps(territoryId: $territory, period: "2025-H1") {
    total counts { kind count } lists { kind count }
  }
}"""


def test_a_query_for_counts_only_gives_the_same_counts(store: Store) -> None:
    store.write(demo_batch())
    client = TestClient(create_app(store=store))
    counts = gql(client, COUNTS)["data"]["gaps"]
    full = gql(client, LISTS)["data"]["gaps"]
    assert counts["counts"] == full["counts"]
    assert {c["kind"]: c["count"] for c in counts["counts"]} == DEMO
    assert counts["total"] == full["total"] == sum(DEMO.values())
    assert [(g["kind"], g["count"]) for g in full["lists"]] == list(DEMO.items())


def test_a_coordinator_counts_only_their_district(store: Store) -> None:
    store.write(demo_batch())
    app = create_app(store=store)
    client = TestClient(app)
    headers = caller_headers(app, Scope.of(["RU-LEN-a"]))
    mine = gql(client, COUNTS, headers=headers)["data"]["gaps"]
    theirs = gql(client, LISTS, territory="RU-LEN-a")["data"]["gaps"]
    assert mine["counts"] == theirs["counts"]
    assert mine["total"] < sum(DEMO.values())
