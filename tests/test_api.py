"""The API over a real store: health, counts, nodes with pagination, writes, limits, errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.health import store_health
from api.main import create_app
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.callers import caller_headers
from tests.graphql import gql
from tests.reads import count_reads
from tests.test_store import tiny


@pytest.fixture
def client(store: Store) -> TestClient:
    store.write(tiny())
    return TestClient(create_app(store=store))


def test_health_and_counts(client: TestClient, store: Store) -> None:
    body = gql(client, "{ health { status store } counts { totalNodes totalEdges } }")
    assert body["data"]["health"] == {"status": "ok", "store": store.kind}
    assert body["data"]["counts"] == {"totalNodes": 9, "totalEdges": 9}
    # /healthz tells the status only, never what the store holds.
    assert client.get("/healthz").json() == {"status": "ok", "store": store.kind}


def test_the_health_probe_reads_one_short_statement(store: Store) -> None:
    # Not the counts of every label (seconds on a country's database): one short read, which
    # still fails when the store does not answer (tests/test_neo4j_outage.py).
    store.write(tiny())
    assert store_health(store) == (200, {"status": "ok", "store": store.kind})
    assert count_reads(store, lambda: store_health(store)) <= 1


def test_graphiql_is_served(client: TestClient) -> None:
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_node_with_edges(client: TestClient) -> None:
    body = gql(client, """query($id: ID!) { node(id: $id) {
        node { label title kind } outgoing { type target } incoming { type source } } }""",
               id="s1")
    node = body["data"]["node"]
    assert node["node"] == {"label": "Organization", "title": "Школа s1", "kind": "school"}
    assert node["outgoing"] == [{"type": "LOCATED_IN", "target": "M1"}]
    assert node["incoming"] == [{"type": "SUPPORTS", "source": "m1"},
                                {"type": "EMPLOYED_AT", "source": "t1"}]


def test_unknown_node_is_a_clear_error(client: TestClient) -> None:
    body = gql(client, '{ node(id: "nope") { node { id } } }')
    assert body["data"] is None
    assert body["errors"][0]["message"] == "nothing has the id 'nope'"


def test_pagination_walks_every_node_once(client: TestClient) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = gql(client, """query($after: String) { nodes(label: "Person", first: 2,
            after: $after) { pageInfo { hasNextPage endCursor totalCount } nodes { id } } }""",
                   after=after)["data"]["nodes"]
        seen += [n["id"] for n in page["nodes"]]
        assert page["pageInfo"]["totalCount"] == 3
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["m1", "t1", "t2"]


def test_bad_label_and_cursor_are_explained(client: TestClient) -> None:
    body = gql(client, '{ nodes(label: "Teacher") { nodes { id } } }')
    assert "unknown label 'Teacher'" in body["errors"][0]["message"]
    body = gql(client, '{ nodes(label: "Person", after: "garbage") { nodes { id } } }')
    assert "is not one this API gave out" in body["errors"][0]["message"]


def test_restricted_caller_sees_only_its_territory(client: TestClient) -> None:
    m2 = caller_headers(client.app, Scope.of(["M2"]))  # type: ignore[arg-type]
    body = gql(client, '{ nodes(label: "Organization") { nodes { id } } }', headers=m2)
    assert [n["id"] for n in body["data"]["nodes"]["nodes"]] == ["s2"]
    body = gql(client, '{ node(id: "s1") { node { id } } }', headers=m2)
    assert body["errors"][0]["message"] == "nothing has the id 's1'"


def test_assign_support_writes_and_rejects_nonsense(client: TestClient, store: Store) -> None:
    mutation = """mutation($input: SupportInput!) { assignSupport(input: $input) {
        created updated unchanged } }"""
    body = gql(client, mutation, input={"sourceId": "m1", "targetId": "t2",
                                        "subject": "математика", "start": "2025-09-01"})
    assert body["data"]["assignSupport"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert [e.target for e in store.edges("SUPPORTS", targets=["t2"])] == ["t2"]
    body = gql(client, mutation, input={"sourceId": "m1", "targetId": "ghost"})
    assert "SUPPORTS target 'ghost' is not a known id" in body["errors"][0]["message"]
    body = gql(client, mutation, input={"sourceId": "m1", "targetId": "t2",
                                        "start": "2025-09-01", "end": "2025-01-01"})
    assert "end date 2025-01-01 is before start date 2025-09-01" in body["errors"][0]["message"]


def test_alias_limit(client: TestClient) -> None:
    many = "{ " + " ".join(f"a{i}: health {{ status }}" for i in range(40)) + " }"
    body = gql(client, many)
    assert "aliases found" in body["errors"][0]["message"]
