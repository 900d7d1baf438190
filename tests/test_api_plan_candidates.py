"""Candidates on the gap rows of GraphQL (`Gap.candidates`, `SchoolSupport.candidates`): the
caller's scope applies, and a page of rows costs the store's reads of one row."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import create_app
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.callers import caller_headers
from tests.graphql import gql
from tests.reads import count_reads
from tests.test_plan import greedy_trap
from tests.test_plan_more import _young_at_school

GAPS = """query($first: Int!) {
  gaps(territoryId: "A", period: "2025-H1",
       kinds: [teacher_without_methodist, young_specialist_without_support,
               school_without_methodological_service]) {
    lists { kind items(first: $first) { nodes { nodeId
      candidates(first: 2) { candidateId kind headroom reasonsRu } } } }
  }
}"""

SCHOOLS = """{
  lowResultsSupport(territoryId: "A", period: "2025-H1") {
    schools { schoolId candidates(first: 5) { gap { subject } candidates { candidateId } } }
  }
}"""


def _rows(body: dict) -> dict[tuple[str, str], list[tuple[str, str]]]:
    assert "errors" not in body, body
    return {(lst["kind"], n["nodeId"]): [(c["candidateId"], c["kind"]) for c in n["candidates"]]
            for lst in body["data"]["gaps"]["lists"] for n in lst["items"]["nodes"]}


def test_gap_rows_name_their_candidates(store: Store) -> None:
    _young_at_school(store)
    app = create_app(store=store)
    client = TestClient(app)
    headers = caller_headers(app, Scope.of(["R"]))
    rows = _rows(gql(client, GAPS, headers, first=10))
    assert rows[("young_specialist_without_support", "y")] == [("e1", "mentor"),
                                                               ("mA", "methodist")]
    assert rows[("teacher_without_methodist", "y")] == [("mA", "methodist")]
    assert rows[("teacher_without_methodist", "e2")] == []  # no methodist of физика
    assert rows[("school_without_methodological_service", "sA1")] == []  # no plan closes it
    app.state.answers.clear()  # measure the work, not the kept answer
    one = count_reads(store, lambda: gql(client, GAPS, headers, first=1))
    app.state.answers.clear()
    many = count_reads(store, lambda: gql(client, GAPS, headers, first=10))
    assert one == many  # batched: one question for the page, whatever its size


def test_school_support_candidates_within_scope(store: Store) -> None:
    """The regional coordinator sees the regional methodist mR; the district's sees only mA."""
    greedy_trap(store)
    app = create_app(store=store)
    client = TestClient(app)

    def ask(scope: Scope) -> dict[str, dict[str, list[str]]]:
        body = gql(client, SCHOOLS, caller_headers(app, scope))
        assert "errors" not in body, body
        return {s["schoolId"]: {r["gap"]["subject"]: [c["candidateId"] for c in r["candidates"]]
                                for r in s["candidates"]}
                for s in body["data"]["lowResultsSupport"]["schools"]}

    assert ask(Scope.of(["R"])) == {"sA1": {"математика": ["mA", "mR"]},
                                    "sA2": {"физика": ["mA"]}}
    assert ask(Scope.of(["A"])) == {"sA1": {"математика": ["mA"]}, "sA2": {"физика": ["mA"]}}


ENTITY = """query($id: ID!) {
  entity(id: $id) {
    ... on Person { gapCandidates(period: "2025-H1", first: 1) {
      gap { kind } candidates { candidateId kind } } }
    ... on School { gapCandidates(period: "2025-H1", first: 2) {
      gap { kind subject } candidates { candidateId } } }
  }
}"""


def _entity(client: TestClient, headers: dict[str, str], node: str) -> list[tuple[str, list]]:
    body = gql(client, ENTITY, headers, id=node)
    assert "errors" not in body, body
    return [(r["gap"]["kind"], [c["candidateId"] for c in r["candidates"]])
            for r in body["data"]["entity"]["gapCandidates"]]


def test_a_person_and_a_school_name_their_candidates(store: Store) -> None:
    _young_at_school(store)
    app = create_app(store=store)
    client = TestClient(app)
    headers = caller_headers(app, Scope.of(["R"]))
    assert _entity(client, headers, "y") == [("teacher_without_methodist", ["mA"]),
                                             ("young_specialist_without_support", ["e1"])]
    assert _entity(client, headers, "mA") == []  # no gap of theirs


def test_a_school_names_its_candidates_within_scope(store: Store) -> None:
    greedy_trap(store)
    app = create_app(store=store)
    client = TestClient(app)
    assert _entity(client, caller_headers(app, Scope.of(["R"])), "sA1") == [
        ("low_results_school", ["mA", "mR"])]
    assert _entity(client, caller_headers(app, Scope.of(["A"])), "sA1") == [
        ("low_results_school", ["mA"])]
