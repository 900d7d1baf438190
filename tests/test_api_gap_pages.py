"""The gaps through GraphQL read only as far into each list as the query's pages reach.

The resolver asks the query layer for every count and the first gaps of each list up to the
furthest page the query asks (``after`` plus ``first``); the page it returns must be the one
the whole list would give, with the whole list's ``totalCount``, ``count`` and
``hasNextPage``. Checked against the same query reading far enough to hold every list, on the
demo network (made up), on both stores.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.queries.demo import demo_batch
from graph.store.base import Store
from tests.graphql import gql


@pytest.fixture
def client(store: Store) -> TestClient:
    store.write(demo_batch())
    return TestClient(create_app(store=store))


PAGE = """
query ($first: Int!, $after: String) {
  gaps(period: "2025-H1") {
    total
    counts { kind count }
    lists {
      kind count
      items(first: $first, after: $after) {
        pageInfo { hasNextPage endCursor totalCount }
        nodes { nodeId reason }
      }
    }
  }
}"""

WHOLE = """
{ gaps(period: "2025-H1") { lists { kind count items(first: 500) {
    pageInfo { totalCount } nodes { nodeId reason } } } } }"""


def _whole(client: TestClient) -> dict[str, list[dict[str, str]]]:
    lists = gql(client, WHOLE)["data"]["gaps"]["lists"]
    return {x["kind"]: x["items"]["nodes"] for x in lists}


@pytest.mark.parametrize("first", [0, 1, 2])
def test_a_first_page_is_the_whole_lists_beginning(client: TestClient, first: int) -> None:
    whole = _whole(client)
    report = gql(client, PAGE, first=first)["data"]["gaps"]
    assert report["total"] == sum(len(v) for v in whole.values())
    assert {c["kind"]: c["count"] for c in report["counts"]} == {
        k: len(v) for k, v in whole.items()}
    for listed in report["lists"]:
        everything = whole[listed["kind"]]
        info = listed["items"]["pageInfo"]
        assert listed["count"] == info["totalCount"] == len(everything)
        assert listed["items"]["nodes"] == everything[:first]
        assert info["hasNextPage"] == (first < len(everything))


def test_the_next_pages_follow_the_first(client: TestClient) -> None:
    whole = _whole(client)
    kind = "teacher_without_methodist"
    seen: list[dict[str, str]] = []
    after = None
    while True:
        lists = gql(client, PAGE, first=1, after=after)["data"]["gaps"]["lists"]
        items = next(x for x in lists if x["kind"] == kind)["items"]
        seen += items["nodes"]
        if not items["pageInfo"]["hasNextPage"]:
            break
        after = items["pageInfo"]["endCursor"]
    assert seen == whole[kind] and len(seen) > 1


def test_one_kind_and_a_fragment_give_the_same_page(client: TestClient) -> None:
    whole = _whole(client)["deficit_without_route"]
    of_kind = """{ gaps(period: "2025-H1") { ofKind(kind: deficit_without_route) {
        count items(first: 1) { nodes { nodeId reason } } } } }"""
    fragment = """{ gaps(period: "2025-H1") { ...page } }
    fragment page on GapReport { ofKind(kind: deficit_without_route) {
        count items(first: 1) { nodes { nodeId reason } } } }"""
    for query in (of_kind, fragment):
        found = gql(client, query)["data"]["gaps"]["ofKind"]
        assert found == {"count": len(whole), "items": {"nodes": whole[:1]}}


TERRITORY_PAGE = """
query ($id: ID!, $first: Int!) {
  entity(id: $id) { ... on Territory { gaps(period: "2025-H1") {
    total
    lists { kind count items(first: $first) { pageInfo { hasNextPage totalCount }
                                               nodes { nodeId reason } } }
  } } }
}"""


@pytest.mark.parametrize("territory", ["RU-LEN", "RU-LEN-a"])
def test_a_territorys_gaps_read_as_far_as_its_pages(client: TestClient, territory: str) -> None:
    root = """query ($id: String!) { gaps(territoryId: $id, period: "2025-H1") {
        total lists { kind items(first: 500) { nodes { nodeId reason } } } } }"""
    answer = gql(client, root, id=territory)["data"]["gaps"]
    whole = {x["kind"]: x["items"]["nodes"] for x in answer["lists"]}
    assert answer["total"] > 0
    for first in (0, 1):
        here = gql(client, TERRITORY_PAGE, id=territory, first=first)["data"]["entity"]["gaps"]
        assert here["total"] == answer["total"]
        for listed in here["lists"]:
            everything = whole[listed["kind"]]
            assert listed["count"] == listed["items"]["pageInfo"]["totalCount"] == len(
                everything)
            assert listed["items"]["nodes"] == everything[:first]
            assert listed["items"]["pageInfo"]["hasNextPage"] == (first < len(everything))
