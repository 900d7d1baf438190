"""The coordination questions through GraphQL: real answers on the demo network, pagination,
scope from the header, clear errors for bad arguments, and a few reads per request."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.queries.demo import demo_batch
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.callers import caller_headers
from tests.graphql import gql


@pytest.fixture
def client(store: Store) -> TestClient:
    store.write(demo_batch())
    return TestClient(create_app(store=store))



SUPPORT = """
query ($territory: String, $flag: ResultsFlag!) {
  lowResultsSupport(territoryId: $territory, period: "2025-H1", flag: $flag) {
    period unsupported mismatched
    schools {
      schoolId supported lowSubjects uncoveredSubjects
      supporters { id kind direct subjects evidence { edgeId type } }
    }
  }
}"""


def test_low_results_support(client: TestClient) -> None:
    data = gql(client, SUPPORT, territory="RU-LEN", flag="low_results")["data"]
    answer = data["lowResultsSupport"]
    assert (answer["period"], answer["unsupported"], answer["mismatched"]) == (
        "2025-H1", ["s2"], ["s1"])
    s1 = answer["schools"][0]
    assert (s1["schoolId"], s1["supported"], s1["uncoveredSubjects"]) == ("s1", True, ["физика"])
    assert [(p["id"], p["kind"], p["direct"]) for p in s1["supporters"]] == [
        ("m1", "regional_methodist", True), ("mt1", "tutor", True),
        ("school-strong", "curating_school", True), ("mms-a", "district_service", False),
        ("comm-math", "community", False)]
    assert s1["supporters"][0]["evidence"] == [
        {"edgeId": "m1|SUPPORTS>t1@математика@2025-02-01", "type": "SUPPORTS"}]


GAPS = """
query ($after: String, $kinds: [GapKind!]) {
  gaps(period: "2025-H1", kinds: $kinds) {
    total
    counts { kind count }
    lists {
      kind count
      items(first: 2, after: $after) {
        pageInfo { hasNextPage endCursor totalCount }
        nodes { nodeId reason reasonRu subject value evidence { edgeId } }
      }
    }
  }
}"""


def test_gaps_paginate_each_list(client: TestClient) -> None:
    kinds = ["teacher_without_methodist"]
    first = gql(client, GAPS, kinds=kinds)["data"]["gaps"]
    assert first["total"] == 3
    assert first["counts"] == [{"kind": "teacher_without_methodist", "count": 3}]
    page = first["lists"][0]["items"]
    assert [n["nodeId"] for n in page["nodes"]] == ["t2", "t3"]
    assert page["pageInfo"]["hasNextPage"] and page["pageInfo"]["totalCount"] == 3
    rest = gql(client, GAPS, kinds=kinds, after=page["pageInfo"]["endCursor"])["data"]["gaps"]
    page2 = rest["lists"][0]["items"]
    assert [n["nodeId"] for n in page2["nodes"]] == ["tz"]
    assert not page2["pageInfo"]["hasNextPage"]


def test_gaps_all_kinds_and_one_kind(client: TestClient) -> None:
    query = """{ gaps(territoryId: "RU-LEN", period: "2025-H1", norm: 1) {
      counts { kind count }
      ofKind(kind: subject_without_methodist) { items { nodes { nodeId subject value } } }
    } }"""
    data = gql(client, query)["data"]["gaps"]
    assert {c["kind"]: c["count"] for c in data["counts"]} == {
        "deficit_without_route": 2, "teacher_without_methodist": 2,
        "young_specialist_without_support": 1, "school_without_methodological_service": 2,
        "district_without_methodist_pool": 1, "subject_without_methodist": 2,
        "methodist_over_load": 1}
    assert data["ofKind"]["items"]["nodes"] == [
        {"nodeId": "RU-LEN-a", "subject": "физика", "value": 1},
        {"nodeId": "RU-LEN-b", "subject": "химия", "value": 1}]


def test_methodist_load(client: TestClient) -> None:
    query = """{ methodistLoad(territoryId: "RU-LEN", period: "2025-H1", level: municipal) {
      norm
      overall { methodists teachers { min median max mean } histogram { lower upper count } }
      byTerritory { territoryId methodists }
      methodists(first: 1) { pageInfo { hasNextPage totalCount }
                             nodes { methodistId level teacherCount schoolCount teachers } }
    } }"""
    data = gql(client, query)["data"]["methodistLoad"]
    assert data["norm"] == 25
    assert data["overall"]["teachers"] == {"min": 0, "median": 0.5, "max": 1, "mean": 0.5}
    assert data["overall"]["histogram"][:2] == [{"lower": 0, "upper": 0, "count": 1},
                                                {"lower": 1, "upper": 5, "count": 1}]
    assert data["byTerritory"] == [{"territoryId": "RU-LEN-a", "methodists": 1},
                                   {"territoryId": "RU-LEN-b", "methodists": 1}]
    assert data["methodists"]["pageInfo"] == {"hasNextPage": True, "totalCount": 2}
    assert data["methodists"]["nodes"] == [{"methodistId": "m2", "level": "municipal",
                                            "teacherCount": 1, "schoolCount": 1,
                                            "teachers": ["t4"]}]


def test_indicators(client: TestClient) -> None:
    query = """{ indicators(territoryId: "RU-LEN", period: "2025-H1", compareTo: "2024-H2",
                            codes: ["share_teachers_diagnosed", "methodists_per_school"]) {
      code territoryId numerator denominator value previousValue change unit
    } }"""
    rows = gql(client, query)["data"]["indicators"]
    assert rows == [
        {"code": "share_teachers_diagnosed", "territoryId": "RU-LEN", "numerator": 4,
         "denominator": 5, "value": 0.8, "previousValue": 0.0, "change": 0.8, "unit": "share"},
        {"code": "methodists_per_school", "territoryId": "RU-LEN", "numerator": 2,
         "denominator": 4, "value": 0.5, "previousValue": 0.5, "change": 0.0, "unit": "ratio"},
    ]


def test_restricted_caller_gets_limited_answers(client: TestClient) -> None:
    amur = caller_headers(client.app, Scope.of(["RU-AMU"]))  # type: ignore[arg-type]
    data = gql(client, SUPPORT, headers=amur, flag="unreliable_results")["data"]
    assert [s["schoolId"] for s in data["lowResultsSupport"]["schools"]] == ["z1"]
    hidden = gql(client, SUPPORT, headers=amur, territory="RU-LEN", flag="low_results")
    assert hidden["data"] is None
    assert "outside your scope" in hidden["errors"][0]["message"]


@pytest.mark.parametrize(("query", "message"), [
    ('{ lowResultsSupport(period: "2025-13") { period } }', "is not like 2025-H1"),
    ('{ gaps(territoryId: "RU-NOWHERE") { total } }', "no territory has the id 'RU-NOWHERE'"),
    ('{ gaps(norm: 0) { total } }', "the load norm must be at least 1 teacher"),
    ('{ indicators(codes: ["nope"]) { code } }', "no computation for the indicator code 'nope'"),
    ('{ lowResultsSupport(flag: high) { period } }', "does not exist in 'ResultsFlag'"),
    ('{ gaps { lists { items(first: 9999) { nodes { nodeId } } } } }',
     "first must be between 0 and 500"),
])
def test_bad_arguments_are_explained(client: TestClient, query: str, message: str) -> None:
    body = gql(client, query)
    assert body.get("errors"), body
    assert message in body["errors"][0]["message"]


def test_one_request_costs_a_few_reads(client: TestClient, store: Store) -> None:
    from tests.test_queries_coordination import CountingStore

    counting = CountingStore(store)
    counted = TestClient(create_app(store=counting))
    query = """{ gaps(period: "2025-H1") { total lists { items { nodes { nodeId } } } }
                 lowResultsSupport(period: "2025-H1") { schools { schoolId } } }"""
    assert gql(counted, query).get("errors") is None
    assert counting.reads <= 15 + 12
