"""A territory's search on a tiny made-up network: the same names inside and outside a district,
people placed by where they work (employed or holding a role there), and a restricted caller who
sees nothing beyond its scope — on both stores, which must answer alike."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.model import Batch, EmployedAt, HasRole, Municipality, Organization, Person, Region
from graph.queries.scope import Scope
from graph.queries.search import search
from graph.store import MemoryStore
from graph.store.base import Store
from tests.callers import caller_headers
from tests.graphql import gql

_REGION, _A, _B, _OTHER, _C = "RU-ZZ", "RU-ZZ-a", "RU-ZZ-b", "RU-YY", "RU-YY-c"


def _network() -> Batch:
    """Two districts of one region and a district of another region. A school of the same
    name in each of the three; five people called Петрова: one teaching in A, one in B, one
    in both, a methodist of A found by her role (she teaches nowhere), one working nowhere;
    and a teacher of the other region."""
    b = Batch()
    b.add(Region(id=_REGION, name="Условная область"))
    b.add(Region(id=_OTHER, name="Другая условная область"))
    for district, region, name in ((_A, _REGION, "Первый район"), (_B, _REGION, "Второй район"),
                                   (_C, _OTHER, "Третий район")):
        b.add(Municipality(id=district, name=name, region_id=region))
        b.add(Organization(id=f"{district}-s", name="Петровская школа", kind="school",
                           level="institutional", territory_id=district))
    b.add(Organization(id="mms-a", name="Методическая служба первого района",
                       kind="methodological_service", level="municipal", territory_id=_A))
    people = [("in-a", "Петрова Анна", [f"{_A}-s"]), ("in-b", "Петрова Анна", [f"{_B}-s"]),
              ("in-ab", "Петрова Вера", [f"{_A}-s", f"{_B}-s"]),
              ("in-c", "Петрова Нина", [f"{_C}-s"]), ("nowhere", "Петрова Ольга", [])]
    for person, name, schools in people:
        b.add(Person(id=person, full_name=name))
        for school in schools:
            b.add(EmployedAt(source=person, target=school))
    b.add(Person(id="methodist-a", full_name="Петрова Мария"))
    b.add(HasRole(source="methodist-a", target="mms-a", role="municipal_methodist",
                  subjects=["математика"]))
    return b


def _ids(hits: list) -> list[str]:
    return [h.node.id for h in hits]


@pytest.fixture
def net(store: Store) -> Store:
    store.write(_network())
    return store


def test_the_same_name_is_found_only_inside_the_district(net: Store) -> None:
    assert _ids(search(net, "Петровская школа", territory_id=_A)) == [f"{_A}-s"]
    assert _ids(search(net, "Петровская школа", territory_id=_B)) == [f"{_B}-s"]
    assert _ids(search(net, "Петровская школа", territory_id=_REGION)) == [f"{_A}-s", f"{_B}-s"]
    assert len(search(net, "Петровская школа")) == 3


def test_people_are_found_where_they_work(net: Store) -> None:
    people = {"labels": ["Person"], "limit": 50}
    # by title (Анна, Вера, Мария), then id; employed there or holding a role there
    assert _ids(search(net, "Петрова", territory_id=_A, **people)) == ["in-a", "in-ab",
                                                                      "methodist-a"]
    assert _ids(search(net, "Петрова", territory_id=_B, **people)) == ["in-b", "in-ab"]
    assert _ids(search(net, "Петрова", territory_id=_C, **people)) == ["in-c"]
    assert _ids(search(net, "Петрова", territory_id=_REGION, **people)) == [
        "in-a", "in-b", "in-ab", "methodist-a"]
    assert len(search(net, "Петрова", **people)) == 6  # the whole country: Ольга too
    hits = search(net, "методист математики", territory_id=_A)
    assert [(h.node.id, h.field) for h in hits] == [("methodist-a", "role")]
    assert search(net, "методист математики", territory_id=_B) == []


def test_a_restricted_caller_sees_nothing_beyond_its_scope(net: Store) -> None:
    b_only = Scope.of([_B])
    assert _ids(search(net, "Петрова", scope=b_only, limit=50)) == ["in-b", "in-ab", f"{_B}-s"]
    assert _ids(search(net, "Петровская школа", scope=b_only)) == [f"{_B}-s"]
    assert search(net, "Петрова", scope=b_only, territory_id=_A) == []  # A is not B's
    assert search(net, "методист математики", scope=b_only) == []


def test_over_http_a_district_coordinator_finds_only_their_district(net: Store) -> None:
    client = TestClient(create_app(store=net))
    query = '{ search(text: "Петрова", first: 50) { nodes { node { id } } } }'
    seen = gql(client, query, headers=caller_headers(client.app,  # type: ignore[arg-type]
                                                     Scope.of([_B])))
    # the people first (the surname whole), then the school (its adjective)
    assert [n["node"]["id"] for n in seen["data"]["search"]["nodes"]] == ["in-b", "in-ab",
                                                                          f"{_B}-s"]
    everything = gql(client, query)  # local mode: full access
    assert len(everything["data"]["search"]["nodes"]) == 9


@pytest.mark.parametrize("text", ["Петрова", "Петровой Анне", "Петровская школа", "школа",
                                  "методист математики", "первый район", "Петрова М."])
def test_both_stores_answer_a_territory_alike(net: Store, text: str) -> None:
    memory = MemoryStore()
    memory.write(_network())
    for asked in ({}, {"territory_id": _A}, {"territory_id": _B}, {"territory_id": _REGION},
                  {"territory_id": _C}, {"scope": Scope.of([_A])},
                  {"scope": Scope.of([_REGION]), "territory_id": _B},
                  {"labels": ["Person"], "territory_id": _A, "limit": 2}):
        assert search(net, text, **asked) == search(memory, text, **asked), asked


def _crowded() -> Batch:
    """The network and twenty more called Петрова in B or nowhere: a candidate list long
    enough that Neo4j starts a district's search from the people working there (more than
    seven people found per body of the district) instead of checking each where they work."""
    b = _network()
    for i in range(20):
        b.add(Person(id=f"crowd-{i:02d}", full_name="Петрова Зоя"))
        if i % 2:
            b.add(EmployedAt(source=f"crowd-{i:02d}", target=f"{_B}-s"))
    return b


@pytest.mark.parametrize("territory", [_A, _B, _C, _REGION])
def test_a_crowd_of_candidates_is_placed_alike(store: Store, territory: str) -> None:
    store.write(_crowded())
    memory = MemoryStore()
    memory.write(_crowded())
    for text in ("Петрова", "Петрова Зоя", "Петровская школа"):
        for limit in (3, 50):
            hits = search(store, text, territory_id=territory, limit=limit)
            assert hits == search(memory, text, territory_id=territory, limit=limit)
    people = {h.node.id for h in search(store, "Петрова", territory_id=territory, limit=50,
                                         labels=["Person"])}
    crowd = {f"crowd-{i:02d}" for i in range(1, 20, 2)}
    expected = {_A: {"in-a", "in-ab", "methodist-a"}, _B: {"in-b", "in-ab", *crowd},
                _C: {"in-c"}, _REGION: {"in-a", "in-b", "in-ab", "methodist-a", *crowd}}
    assert people == expected[territory]


@pytest.mark.neo4j
def test_neo4j_keeps_only_the_territorys_candidates(_neo4j_store: Store) -> None:
    from graph.queries.search import SEARCH_LABELS, _query, _terms
    from graph.queries.visibility import WORK_TYPES
    from graph.store.neo4j import Neo4jStore

    neo = _neo4j_store
    assert isinstance(neo, Neo4jStore)
    neo.clear()
    neo.write(_network())
    terms = _terms(_query("Петрова"), "петрова", 0.3)
    found, work, territories = neo.find_named(
        terms, labels=SEARCH_LABELS, inside=frozenset({_A}), near=frozenset({_A, _REGION}),
        work=WORK_TYPES)
    # in the server: the people working in A and A's school, not the country's candidates
    assert [n.id for n in found] == [f"{_A}-s", "in-a", "in-ab", "methodist-a"]
    assert territories[f"{_B}-s"] == _B  # where in-ab also works comes with her
    assert {e.source for e in work} == {"in-a", "in-ab", "methodist-a"}
    everywhere, _, _ = neo.find_named(terms, labels=SEARCH_LABELS, inside=None, near=None,
                                      work=WORK_TYPES)
    assert len(everywhere) == 9
    neo.clear()
    neo.write(_crowded())  # many people found: started from the people working in B
    found, _, _ = neo.find_named(terms, labels=["Person"], inside=frozenset({_B}),
                                 near=frozenset({_B, _REGION}), work=WORK_TYPES)
    assert {n.id for n in found} == {"in-b", "in-ab"} | {f"crowd-{i:02d}" for i in range(1, 20, 2)}
    neo.clear()
