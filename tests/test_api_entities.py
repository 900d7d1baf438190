"""The typed entities through GraphQL: walking the graph answers questions no field was written
for, on both stores; relationship fields read in batches (the store's reads do not grow with the
items a nested query returns); and the caller's scope hides what the visibility rule hides."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import pytest
from fastapi.testclient import TestClient

from api.context import Context
from api.main import create_app
from api.schema import schema
from graph.model import Batch, Competency, HasDeficit
from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.scope import EVERYTHING, Scope
from graph.settings import Settings
from graph.store.base import GraphCounts, Store, WriteSummary
from tests import coordination_dataset
from tests.callers import caller_headers
from tests.graphql import gql

T = TypeVar("T")
LUGA = Scope.of(["RU-LEN-luzhsky"])


def _deficits() -> Batch:
    """t1 (sch-v1) has a deficit in mathematics, t2 (sch-v2) in physics."""
    b = Batch()
    b.add(Competency(id="c-math", name="Предметные компетенции: математика",
                     subject="математика"))
    b.add(Competency(id="c-phys", name="Предметные компетенции: физика", subject="физика"))
    b.add(HasDeficit(source="t1", target="c-math", diagnostic_id="d1",
                     date=dt.date(2025, 2, 1)))
    b.add(HasDeficit(source="t2", target="c-phys"))
    return b


@pytest.fixture
def loaded(store: Store) -> Store:
    coordination_dataset.load(store)
    store.write(_deficits())
    return store


@pytest.fixture
def client(loaded: Store) -> TestClient:
    return TestClient(create_app(store=loaded))


TEACHERS = """
query ($school: ID!) {
  entity(id: $school) {
    __typename
    ... on School {
      name
      teachers {
        id
        deficits(subject: "математика") { competency { name subject } }
        methodists { id fullName roles { role organization { title } } }
      }
    }
  }
}"""


def test_teachers_of_a_school_with_deficits_in_maths_and_their_methodist(
        client: TestClient) -> None:
    school = gql(client, TEACHERS, school="sch-v1")["data"]["entity"]
    assert school["__typename"] == "School"
    teachers = {t["id"]: t for t in school["teachers"]}
    assert sorted(teachers) == ["mentor1", "t1"]
    with_maths = [t for t in school["teachers"] if t["deficits"]]
    assert [t["id"] for t in with_maths] == ["t1"]
    assert with_maths[0]["deficits"] == [
        {"competency": {"name": "Предметные компетенции: математика", "subject": "математика"}}]
    assert with_maths[0]["methodists"] == [
        {"id": "m1", "fullName": "Иванов Иван Иванович",
         "roles": [{"role": "regional_methodist", "organization": {"title": "ЦНППМ ЛО"}}]}]
    # t2's deficit is in physics: the subject filter leaves it out.
    other = gql(client, TEACHERS, school="sch-v2")["data"]["entity"]["teachers"]
    assert [(t["id"], t["deficits"]) for t in other] == [("t2", [])]


def test_only_the_teachers_with_a_deficit_in_a_subject(client: TestClient) -> None:
    query = """query ($subject: String) { schools(territoryId: "RU-LEN-vsevolozhsky") {
        nodes { id teachers(deficitIn: $subject) { id } } } }"""

    def teachers(subject: str) -> dict[str, list[str]]:
        nodes = gql(client, query, subject=subject)["data"]["schools"]["nodes"]
        return {n["id"]: [t["id"] for t in n["teachers"]] for n in nodes}

    assert teachers("математика") == {"sch-v1": ["t1"], "sch-v2": [], "sch-v3": []}
    assert teachers("физика") == {"sch-v1": [], "sch-v2": ["t2"], "sch-v3": []}
    assert teachers("химия") == {"sch-v1": [], "sch-v2": [], "sch-v3": []}


CLAUSE = """
{
  regulations(level: "regional", first: 5) {
    pageInfo { totalCount }
    nodes {
      id
      clauses(number: "3.2.4") {
        number
        regulation { id }
        duties { categories assignedTo { __typename id kind } clause { number } }
      }
    }
  }
}"""


def test_duties_a_clause_of_the_regional_regulation_gives_and_to_whom(
        client: TestClient) -> None:
    data = gql(client, CLAUSE)["data"]["regulations"]
    assert data["pageInfo"]["totalCount"] == 1
    (regulation,) = data["nodes"]
    assert regulation["id"] == "reg-004"
    (clause,) = regulation["clauses"]
    assert clause["regulation"] == {"id": "reg-004"}
    assert clause["duties"] == [{
        "categories": ["pd_programmes", "diagnostics", "monitoring"],
        "assignedTo": [{"__typename": "Body", "id": "LEN-cnppm", "kind": "pd_center"}],
        "clause": {"number": "3.2.4"}}]


def test_a_body_its_parent_duties_members_and_territory(client: TestClient) -> None:
    body = gql(client, """{ entity(id: "LEN-vsevolozhsky-pool") { __typename
        ... on Organization { parent { id } members { id } territory { __typename id
          ... on Municipality { region { id } } } } } }""")["data"]["entity"]
    assert body == {"__typename": "Body", "parent": {"id": "LEN-vsevolozhsky-mms"},
                    "members": [{"id": "m2"}, {"id": "mentor1"}],
                    "territory": {"__typename": "Municipality", "id": "RU-LEN-vsevolozhsky",
                                  "region": {"id": "RU-LEN"}}}
    duties = gql(client, '{ entity(id: "LEN-cnppm") { ... on Body { duties { clauseNumber '
                         'regulation { id } } } } }')["data"]["entity"]["duties"]
    assert duties == [{"clauseNumber": "3.2.4", "regulation": {"id": "reg-004"}}]


def test_lists_filter_sort_and_page(client: TestClient) -> None:
    query = """query ($after: String) { schools(territoryId: "RU-LEN", orderBy: ID, first: 2,
        after: $after) { pageInfo { totalCount hasNextPage endCursor } nodes { id } } }"""
    first = gql(client, query)["data"]["schools"]
    assert first["pageInfo"]["totalCount"] == 5
    assert [n["id"] for n in first["nodes"]] == ["sch-l1", "sch-l2"]
    second = gql(client, query, after=first["pageInfo"]["endCursor"])["data"]["schools"]
    assert [n["id"] for n in second["nodes"]] == ["sch-v1", "sch-v2"]
    people = gql(client, '{ people(role: "municipal_methodist") { nodes { id } } }')
    assert [n["id"] for n in people["data"]["people"]["nodes"]] == ["m3", "m2"]  # by name
    bodies = gql(client, '{ bodies(kind: "methodist_pool", territoryId: "RU-LEN-luzhsky") '
                         '{ nodes { id } } }')
    assert bodies["data"]["bodies"]["nodes"] == [{"id": "LEN-luzhsky-pool"}]


def test_a_municipality_reaches_its_gaps(client: TestClient) -> None:
    root = gql(client, '{ gaps(territoryId: "RU-LEN-luzhsky", period: "2025-H1") { total } }')
    here = gql(client, '{ entity(id: "RU-LEN-luzhsky") { ... on Municipality { '
                       'gaps(period: "2025-H1") { total } } } }')
    assert here["data"]["entity"]["gaps"] == root["data"]["gaps"]
    assert root["data"]["gaps"]["total"] > 0


# -- the caller's scope ----------------------------------------------------------------------------
def test_a_district_caller_sees_only_what_the_visibility_rule_shows(loaded: Store) -> None:
    app = create_app(store=loaded)
    client = TestClient(app)
    luga = caller_headers(app, LUGA)
    hidden_school = '{ entity(id: "sch-v1") { id } }'
    assert gql(client, hidden_school)["data"]["entity"] == {"id": "sch-v1"}
    assert gql(client, hidden_school, luga)["data"]["entity"] is None
    schools = '{ schools { nodes { id } } }'
    assert [n["id"] for n in gql(client, schools, luga)["data"]["schools"]["nodes"]] == [
        "sch-l1", "sch-l2"]
    # A regional body is shown to the district, the methodist who works there is not (he
    # works outside the district), so neither its members nor a duty's body name him.
    members = '{ entity(id: "LEN-cnppm") { ... on Body { members { id } } } }'
    assert gql(client, members)["data"]["entity"]["members"] == [{"id": "m1"}]
    assert gql(client, members, luga)["data"]["entity"]["members"] == []
    # The district's own regulation parts of the region are seen; the other district's not.
    assert gql(client, CLAUSE, luga)["data"]["regulations"]["pageInfo"]["totalCount"] == 1
    other = '{ regulations { nodes { id } } }'
    assert [n["id"] for n in gql(client, other, luga)["data"]["regulations"]["nodes"]] == [
        "reg-004"]
    curated = '{ entity(id: "sch-l1") { ... on School { supporters { id } teachers { id } } } }'
    assert gql(client, curated, luga)["data"]["entity"] == {
        "supporters": [{"id": "LEN-cnppm"}], "teachers": [{"id": "t4"}]}


# -- no N+1 ----------------------------------------------------------------------------------------
class CountingStore(Store):
    """A store that hands every call to ``inner`` and counts the reads (each a round trip to
    Neo4j), by method."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.kind = inner.kind  # type: ignore[misc]
        self.reads: Counter[str] = Counter()

    def write(self, batch: Batch, *, progress: Any = None) -> WriteSummary:
        return self.inner.write(batch, progress=progress)

    def delete(self, node_ids: Iterable[str] = (), edge_ids: Iterable[str] = ()) -> int:
        return self.inner.delete(node_ids, edge_ids)

    def clear(self) -> None:
        self.inner.clear()

    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        self.reads["get_nodes"] += 1
        return self.inner.get_nodes(ids)

    def nodes(self, label: str | None = None, where: Mapping[str, Any] | None = None
              ) -> list[NodeRecord]:
        self.reads["nodes"] += 1
        return self.inner.nodes(label, where)

    def edges(self, types: str | Sequence[str] | None = None, *,
              sources: Iterable[str] | None = None, targets: Iterable[str] | None = None,
              where: Mapping[str, Any] | None = None) -> list[EdgeRecord]:
        self.reads["edges"] += 1
        return self.inner.edges(types, sources=sources, targets=targets, where=where)

    def counts(self) -> GraphCounts:
        self.reads["counts"] += 1
        return self.inner.counts()

    def read_together(self, work: Callable[[], T]) -> T:
        return self.inner.read_together(work)


NESTED = """
{
  schools(territoryId: "RU-LEN-vsevolozhsky", first: 40) {
    pageInfo { totalCount }
    nodes {
      id name territory { id }
      supporters { id }
      assessments { period lowSubjects }
      teachers {
        id fullName
        deficits { competency { name } }
        methodists { id }
        mentors { id }
      }
      withMaths: teachers(deficitIn: "математика") { id }
    }
  }
}"""


def _reads(store: Store, extra: int, scope: Scope) -> tuple[int, int, Counter[str]]:
    store.clear()
    coordination_dataset.load(store)
    store.write(_deficits())
    store.write(coordination_dataset.more(extra))
    counting = CountingStore(store)
    context = Context(store=counting, settings=Settings(), scope=scope)
    result = asyncio.run(schema.execute(NESTED, context_value=context))
    assert not result.errors, result.errors
    assert result.data is not None
    schools = result.data["schools"]["nodes"]
    teachers = sum(len(s["teachers"]) for s in schools)
    return len(schools), teachers, counting.reads


@pytest.mark.parametrize("scope", [EVERYTHING, Scope.of(["RU-LEN-vsevolozhsky"])],
                         ids=["unrestricted", "district"])
def test_store_reads_do_not_grow_with_the_items_returned(store: Store, scope: Scope) -> None:
    few_schools, few_teachers, few = _reads(store, 2, scope)
    many_schools, many_teachers, many = _reads(store, 30, scope)
    assert (few_schools, many_schools) == (5, 33)
    assert many_teachers - few_teachers == 28
    assert many == few, (few, many)
    # One read per relationship and level, and the visibility rule's few: far below the
    # hundreds of items the answer holds.
    assert sum(many.values()) < 60


def test_an_analyst_walks_the_graph_under_pseudonyms(loaded: Store) -> None:
    app = create_app(store=loaded, settings=Settings(pseudonym_key="a test key"))
    client = TestClient(app)
    analyst = caller_headers(app, Scope(None, read_only=True, pseudonymised=True))
    query = ('{ entity(id: "sch-v1") { ... on School { teachers { id fullName '
             'methodists { fullName } } } } }')
    plain = gql(client, query)["data"]["entity"]["teachers"]
    masked = gql(client, query, analyst)["data"]["entity"]["teachers"]
    assert [t["id"] for t in masked] == [t["id"] for t in plain] == ["mentor1", "t1"]
    assert "Петрова Анна Ивановна" in {t["fullName"] for t in plain}
    names = {t["fullName"] for t in masked} | {
        m["fullName"] for t in masked for m in t["methodists"]}
    assert not names & {"Петрова Анна Ивановна", "Белова Галина Андреевна",
                        "Иванов Иван Иванович"}, names


RECORDS = """
query ($territory: String) {
  assessments(territoryId: $territory, period: "2025-H1", lowResults: true) {
    pageInfo { totalCount } nodes { id school { id } } countBy(field: LOW_RESULTS) { name count }
  }
  diagnostics(territoryId: $territory) { nodes { id person { id } } }
  routes(territoryId: $territory, status: "active") {
    nodes { id person { id } } countBy(field: STATUS) { name count }
  }
}"""


def test_root_lists_of_records_filter_by_territory_and_value(client: TestClient) -> None:
    region = gql(client, RECORDS, territory="RU-LEN")["data"]
    assert [(a["id"], a["school"]["id"]) for a in region["assessments"]["nodes"]] == [
        ("as-sch-l1", "sch-l1"), ("as-sch-v2", "sch-v2")]
    assert region["assessments"]["countBy"] == [{"name": "true", "count": 2}]
    assert region["diagnostics"]["nodes"] == [{"id": "d1", "person": {"id": "t1"}}]
    assert region["routes"] == {"nodes": [{"id": "r1", "person": {"id": "t2"}}],
                                "countBy": [{"name": "active", "count": 1}]}
    luga = gql(client, RECORDS, territory="RU-LEN-luzhsky")["data"]
    assert [a["id"] for a in luga["assessments"]["nodes"]] == ["as-sch-l1"]
    assert luga["diagnostics"]["nodes"] == luga["routes"]["nodes"] == []


def test_count_by_counts_every_match_not_only_the_page(client: TestClient) -> None:
    query = """{ schools(territoryId: "RU-LEN", first: 1) { pageInfo { totalCount }
        nodes { id } countBy(field: TERRITORY) { name count } }
        bodies(first: 0) { countBy(field: LEVEL) { name count } } }"""
    data = gql(client, query)["data"]
    assert data["schools"]["pageInfo"]["totalCount"] == 5
    assert len(data["schools"]["nodes"]) == 1
    assert data["schools"]["countBy"] == [{"name": "RU-LEN-vsevolozhsky", "count": 3},
                                          {"name": "RU-LEN-luzhsky", "count": 2}]
    levels = {r["name"]: r["count"] for r in data["bodies"]["countBy"]}
    assert levels["regional"] >= 2 and sum(levels.values()) > levels["regional"]


def test_a_district_caller_counts_only_what_they_see(client: TestClient) -> None:
    luga = caller_headers(client.app, LUGA)  # type: ignore[arg-type]
    data = gql(client, RECORDS, luga)["data"]
    assert [a["id"] for a in data["assessments"]["nodes"]] == ["as-sch-l1"]
    assert data["assessments"]["pageInfo"]["totalCount"] == 1
    assert data["diagnostics"]["nodes"] == data["routes"]["nodes"] == []
    schools = gql(client, '{ schools { countBy(field: TERRITORY) { name count } } }',
                  luga)["data"]["schools"]["countBy"]
    assert schools == [{"name": "RU-LEN-luzhsky", "count": 2}]


def test_questions_on_the_entities_they_concern_answer_as_the_root_ones(
        client: TestClient) -> None:
    on_entities = gql(client, """{
      v: entity(id: "RU-LEN-vsevolozhsky") { ... on Municipality {
        lowResultsSupport(period: "2025-H1") { unsupported mismatched schools { schoolId } }
        indicators(period: "2025-H1") { code numerator denominator } } }
      t: entity(id: "t1") { ... on Person { supportChain(on: "2025-03-01") {
        steps { role depth node { id } } } } } }""")["data"]
    roots = gql(client, """{
      lowResultsSupport(territoryId: "RU-LEN-vsevolozhsky", period: "2025-H1") {
        unsupported mismatched schools { schoolId } }
      indicators(territoryId: "RU-LEN-vsevolozhsky", period: "2025-H1") {
        code numerator denominator }
      supportChain(teacherId: "t1", on: "2025-03-01") { steps { role depth node { id } } } }
      """)["data"]
    assert on_entities["v"]["lowResultsSupport"] == roots["lowResultsSupport"]
    assert [s["schoolId"] for s in roots["lowResultsSupport"]["schools"]] == ["sch-v2"]
    assert on_entities["v"]["indicators"] == roots["indicators"] != []
    assert on_entities["t"]["supportChain"] == roots["supportChain"]
    assert {"sch-v1", "m1"} <= {s["node"]["id"] for s in roots["supportChain"]["steps"]}


def test_relationships_in_a_period(client: TestClient) -> None:
    query = """query ($period: String) { entity(id: "sch-l2") { ... on School {
        supporters(period: $period) { id } teachers(period: $period) { id } } } }"""

    def at(period: str | None) -> dict[str, list[str]]:
        school = gql(client, query, period=period)["data"]["entity"]
        return {k: sorted(x["id"] for x in v) for k, v in school.items()}

    # m3's support of sch-l2 ran from 2023-09-01 to 2024-05-31: it counts in 2023-H2 only.
    assert "m3" in at("2023-H2")["supporters"]
    assert "m3" not in at("2025-H1")["supporters"]
    assert at("2025-H1")["teachers"] == ["t5"]
    bad = gql(client, query, period="2025-06")
    assert "period '2025-06' is not like 2025-H1" in bad["errors"][0]["message"]


def test_a_regions_gaps_answer_as_the_root_ones_within_the_callers_scope(
        client: TestClient) -> None:
    """The region's `gaps` (a field of every territory) is the root question narrowed: the
    same counts and first rows, for a caller of every scope; a district coordinator asking
    their region's sees what the root question shows them: their district's gaps only."""
    here = """query ($id: ID!) { entity(id: $id) { ... on Territory { gaps(period: "2025-H1") {
        total lists { kind count items(first: 2) { nodes { nodeId } } } } } } }"""
    root = """query ($id: String!) { gaps(territoryId: $id, period: "2025-H1") {
        total lists { kind count items(first: 2) { nodes { nodeId } } } } }"""
    everything = gql(client, here, id="RU-LEN")["data"]["entity"]["gaps"]
    assert everything == gql(client, root, id="RU-LEN")["data"]["gaps"]
    assert everything["total"] > 0
    luga = caller_headers(client.app, LUGA)  # type: ignore[arg-type]
    mine = gql(client, here, luga, id="RU-LEN")["data"]["entity"]["gaps"]
    assert mine == gql(client, root, luga, id="RU-LEN")["data"]["gaps"]
    district = gql(client, here, luga, id="RU-LEN-luzhsky")["data"]["entity"]["gaps"]
    assert mine["total"] == district["total"] < everything["total"]
