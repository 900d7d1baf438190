"""The plan over GraphQL: query it with what-if, accept the pairs kept, as a real caller."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.auth.audit import audit_log
from graph.model import Person
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.callers import caller_headers
from tests.graphql import gql
from tests.test_plan import PERIOD, _with, greedy_trap

PLAN = """query($t: String!, $p: String!) {
  plan(territoryId: $t, period: $p, norm: 1) {
    revision closed { kind count }
    assignments { gapKind sourceId targetId subject edgeType }
    unclosable { gap { nodeId } reason }
    candidates { gap { nodeId subject } candidates { methodistId reasonsRu } }
    whatIf { gapsBefore { kind count } gapsAfter { kind count } indicatorsAfter { code } }
  }
}"""

ACCEPT = """mutation($t: String!, $p: String!, $r: String, $pairs: [PlanPair!]!) {
  acceptPlan(territoryId: $t, period: $p, revision: $r, pairs: $pairs) { created }
}"""


@pytest.fixture
def app(store: Store) -> object:
    greedy_trap(store)
    return create_app(store=store)


def _count(rows: list[dict], kind: str) -> int:
    return next(r["count"] for r in rows if r["kind"] == kind)


def test_plan_query_and_accept(app: object, store: Store) -> None:
    client = TestClient(app)  # type: ignore[arg-type]
    headers = caller_headers(app, Scope.of(["R"]))  # type: ignore[arg-type]
    body = gql(client, PLAN, headers, t="A", p=PERIOD)
    assert "errors" not in body, body
    plan = body["data"]["plan"]
    assert [(a["sourceId"], a["targetId"]) for a in plan["assignments"]] == [
        ("mR", "sA1"), ("mA", "sA2")]
    assert plan["candidates"][0]["candidates"][0]["methodistId"] == "mA"
    what = plan["whatIf"]
    assert (_count(what["gapsBefore"], "low_results_school"),
            _count(what["gapsAfter"], "low_results_school")) == (2, 0)
    pairs = [{"sourceId": "mA", "targetId": "sA2"}]
    done = gql(client, ACCEPT, headers, t="A", p=PERIOD, r=plan["revision"], pairs=pairs)
    assert done["data"]["acceptPlan"]["created"] == 1, done
    assert [(e.source, e.target) for e in store.edges("SUPPORTS")] == [("mA", "sA2")]
    assert [e.actor for e in audit_log(store, action="plan_accept").entries] == [
        "test-regional-coordinator-r"]


def test_accept_refused_when_stale_or_not_in_plan(app: object, store: Store) -> None:
    client = TestClient(app)  # type: ignore[arg-type]
    headers = caller_headers(app, Scope.of(["R"]))  # type: ignore[arg-type]
    revision = gql(client, PLAN, headers, t="A", p=PERIOD)["data"]["plan"]["revision"]
    odd = gql(client, ACCEPT, headers, t="A", p=PERIOD, r=revision,
              pairs=[{"sourceId": "mR", "targetId": "sA2"}])
    assert "нет в плане" in odd["errors"][0]["message"]
    store.write(_with(Person(id="late", full_name="late")))
    stale = gql(client, ACCEPT, headers, t="A", p=PERIOD, r=revision,
                pairs=[{"sourceId": "mA", "targetId": "sA2"}])
    assert "устаревших" in stale["errors"][0]["message"]
    assert store.edges("SUPPORTS") == []


def test_analyst_cannot_accept(app: object, store: Store) -> None:
    client = TestClient(app)  # type: ignore[arg-type]
    headers = caller_headers(app, Scope.of(["R"], read_only=True,  # type: ignore[arg-type]
                                           pseudonymised=True))
    body = gql(client, ACCEPT, headers, t="A", p=PERIOD, r=None,
               pairs=[{"sourceId": "mA", "targetId": "sA2"}])
    assert body.get("errors"), body
    assert store.edges("SUPPORTS") == []
