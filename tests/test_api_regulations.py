"""The regulations' questions in GraphQL on the bundled regulations, on both stores: who must
perform a duty category and how two regulations differ; the regulations are public, so a
district's caller reads them whole."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.loaders.regulations import load_regulations
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.callers import caller_headers
from tests.conftest import REPO
from tests.graphql import gql

WHO_MUST = """
query ($category: String!, $territory: String) {
  whoMust(category: $category, territoryId: $territory) {
    organizationId clauseNumber regulationId
  }
}"""

DIFF = """
query ($a: ID!, $b: ID!) {
  regulationDiff(aId: $a, bId: $b) {
    categoriesOnlyInA categoriesOnlyInB dutiesOnlyInB { organizationId category }
  }
}"""


@pytest.fixture
def client(store: Store) -> TestClient:
    load_regulations(store, REPO / "data" / "regulations")
    return TestClient(create_app(store=store))


def test_who_must_names_the_body_and_clause(client: TestClient) -> None:
    body = gql(client, WHO_MUST, category="low_results_support", territory="RU-AMU")
    assert body["data"]["whoMust"] == [
        {"organizationId": "AMU-zeya-gms", "clauseNumber": "1.3", "regulationId": "reg-zeya-gms"}]
    everywhere = gql(client, WHO_MUST, category="mentoring")["data"]["whoMust"]
    assert {"3.2.5"} <= {o["clauseNumber"] for o in everywhere}
    assert {o["regulationId"] for o in everywhere} >= {"reg-2023-lo-rsnms"}


def test_who_must_refuses_an_unknown_category(client: TestClient) -> None:
    body = gql(client, WHO_MUST, category="dancing")
    assert body["data"] is None
    assert "unknown duty category 'dancing'" in body["errors"][0]["message"]


def test_regulation_diff(client: TestClient) -> None:
    diff = gql(client, DIFF, a="reg-zeya-gms", b="reg-2023-vsevolozhsk-mms")["data"][
        "regulationDiff"]
    assert diff["categoriesOnlyInA"] == []
    assert diff["categoriesOnlyInB"] == ["individual_routes", "mentoring"]
    assert {"organizationId": "LEN-vsevolozhsky-mms", "category": "mentoring"} in diff[
        "dutiesOnlyInB"]
    missing = gql(client, DIFF, a="reg-zeya-gms", b="reg-nowhere")
    assert "regulation 'reg-nowhere' is not in the store" in missing["errors"][0]["message"]


def test_a_district_caller_reads_the_regulations_whole(client: TestClient) -> None:
    headers = caller_headers(client.app, Scope.of(["RU-LEN-vsevolozhsky"]))  # type: ignore[arg-type]
    theirs = gql(client, WHO_MUST, headers, category="low_results_support")["data"]["whoMust"]
    everyone = gql(client, WHO_MUST, category="low_results_support")["data"]["whoMust"]
    assert theirs == everyone
    assert {"AMU-zeya-gms", "LEN-vsevolozhsky-mms"} <= {o["organizationId"] for o in theirs}
