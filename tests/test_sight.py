"""The caller's sight of a territory composed into a question's own statement (Neo4j:
``cypher.SIGHT`` at the head of a district's search and of its isolated schools): the same
answers as the embedded store, which reads the sight apart, for every way a territory and a
scope combine — and over HTTP a restricted caller sees exactly its own territories.

The network is made up: two regions, A (districts A-1, A-2) and B (district B-1); a school in
each district and one at region A's own level; one teacher called Петрова at each school; the
school of A-2 is curated (not isolated)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.model import Batch, Curates, EmployedAt, Municipality, Organization, Person, Region
from graph.queries.network import isolated_schools
from graph.queries.scope import Scope
from graph.queries.search import search
from graph.store import MemoryStore
from graph.store.base import Store
from tests.callers import caller_headers
from tests.graphql import gql
from tests.reads import count_reads
from tests.test_visibility_territories import CASES

SCHOOLS = {"s-A": "A", "s-A1": "A-1", "s-A2": "A-2", "s-B1": "B-1"}


def _network() -> Batch:
    b = Batch()
    b.add(Region(id="A", name="Регион А"))
    b.add(Region(id="B", name="Регион Б"))
    b.add(Municipality(id="A-1", name="Район А1", region_id="A"))
    b.add(Municipality(id="A-2", name="Район А2", region_id="A"))
    b.add(Municipality(id="B-1", name="Район Б1", region_id="B"))
    b.add(Organization(id="centre-A", name="Методический центр", kind="development_institute",
                       level="regional", territory_id="A"))
    for school, territory in SCHOOLS.items():
        b.add(Organization(id=school, name=f"Школа {school}", kind="school",
                           level="institutional", territory_id=territory))
        b.add(Person(id=f"t-{school}", full_name=f"Петрова Анна {school}"))
        b.add(EmployedAt(source=f"t-{school}", target=school))
    b.add(Curates(source="centre-A", target="s-A2"))
    return b


@pytest.fixture
def net(store: Store) -> Store:
    store.write(_network())
    return store


@pytest.fixture(scope="module")
def memory() -> Store:
    m = MemoryStore()
    m.write(_network())
    return m


@pytest.mark.parametrize(("territory", "allowed", "inside", "above"), CASES)
def test_isolated_schools_within_the_sight(net: Store, memory: Store, territory: str | None,
                                           allowed: list[str] | None, inside: set[str],
                                           above: set[str]) -> None:
    scope = Scope.of(allowed)
    found = [x.school.id for x in isolated_schools(net, territory_id=territory, scope=scope)]
    assert found == sorted(s for s, t in SCHOOLS.items() if t in inside and s != "s-A2")
    assert found == [x.school.id for x in isolated_schools(memory, territory_id=territory,
                                                           scope=scope)]
    if hasattr(net, "round_trips"):  # Neo4j: the sight and the question in one statement
        assert count_reads(net, lambda: isolated_schools(net, territory_id=territory,
                                                         scope=scope)) == 1


@pytest.mark.parametrize(("territory", "allowed", "inside", "above"), CASES)
def test_a_search_within_the_sight(net: Store, memory: Store, territory: str | None,
                                   allowed: list[str] | None, inside: set[str],
                                   above: set[str]) -> None:
    scope = Scope.of(allowed)
    people = [h.node.id for h in search(net, "Петрова", labels=["Person"], limit=50,
                                        territory_id=territory, scope=scope)]
    assert sorted(people) == sorted(f"t-{s}" for s, t in SCHOOLS.items() if t in inside)
    bodies = [h.node.id for h in search(net, "Методический центр", territory_id=territory,
                                        scope=scope)]
    assert bodies == (["centre-A"] if "A" in inside | above else [])
    for text in ("Петрова", "Методический центр", "Школа"):
        assert search(net, text, territory_id=territory, scope=scope, limit=50) == search(
            memory, text, territory_id=territory, scope=scope, limit=50)
    if hasattr(net, "round_trips"):  # Neo4j: the sight and the candidates in one statement
        assert count_reads(net, lambda: search(net, "Петрова", territory_id=territory,
                                               scope=scope)) == 1


def test_over_http_a_restricted_caller_sees_its_own_territories(net: Store) -> None:
    client = TestClient(create_app(store=net))
    a1 = caller_headers(client.app, Scope.of(["A-1"]))  # type: ignore[arg-type]
    isolated = "query($t: String) { isolatedSchools(territoryId: $t) { nodes { school { id } } } }"
    found = "query($t: String) { search(text: \"Петрова\", territoryId: $t, first: 50) " \
            "{ nodes { node { id } } } }"

    def ids(body: dict, field: str, inner: str) -> list[str]:
        return [n[inner]["id"] for n in body["data"][field]["nodes"]]

    assert ids(gql(client, isolated, headers=a1), "isolatedSchools", "school") == ["s-A1"]
    assert ids(gql(client, isolated, headers=a1, t="A"), "isolatedSchools", "school") == ["s-A1"]
    assert ids(gql(client, isolated, headers=a1, t="B-1"), "isolatedSchools", "school") == []
    assert ids(gql(client, found, headers=a1), "search", "node") == ["t-s-A1"]
    assert ids(gql(client, found, headers=a1, t="A"), "search", "node") == ["t-s-A1"]
    assert ids(gql(client, found, headers=a1, t="A-2"), "search", "node") == []
    # local mode (full access): every isolated school of region A, its people
    assert ids(gql(client, isolated, t="A"), "isolatedSchools", "school") == ["s-A", "s-A1"]
    assert sorted(ids(gql(client, found, t="A"), "search", "node")) == [
        "t-s-A", "t-s-A1", "t-s-A2"]


def _operators(plan: dict) -> list[str]:
    details = str(plan.get("args", {}).get("Details", ""))
    return [f"{plan['operatorType']} {details}"] + [
        op for child in plan.get("children", []) for op in _operators(child)]


@pytest.mark.neo4j
def test_the_district_schools_come_from_the_territory_index(_neo4j_store: Store) -> None:
    """Composed after the sight, the territories are a variable: the statement still seeks the
    district's schools on the index of ``territory_id`` (not every school by kind)."""
    from graph.store import cypher
    from graph.store.neo4j import Neo4jStore

    store = _neo4j_store
    assert isinstance(store, Neo4jStore)
    store.clear()
    try:
        store.write(_network())
        plan = store.profile(cypher.isolated_schools_query(scoped=True), territory="A-1",
                             allowed=None, on=None)
        seeks = [op for op in _operators(plan) if op.startswith("NodeIndexSeek")]
        assert any("Organization(territory_id)" in op for op in seeks), seeks
        assert not any("Organization(kind)" in op for op in seeks), seeks
    finally:
        store.clear()
