"""Questions 5–8 through GraphQL: the same answers as the query layer, scoped, few reads."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.callers import caller_headers
from tests.coordination_dataset import load
from tests.graphql import gql
from tests.reads import count_reads


@pytest.fixture
def client(store: Store) -> TestClient:
    load(store)
    return TestClient(create_app(store=store))


def test_duty_compliance(client: TestClient) -> None:
    body = gql(client, """{ dutyCompliance(period: "2025-H1", on: "2025-10-01",
        category: "low_results_support") {
        pageInfo { totalCount }
        nodes { category generic metCount notMetCount rule
                clause { regulationId clauseNumber clauseId }
                assignedTo { id }
                bodies { body { id } status evidence { type } } } } }""")
    page = body["data"]["dutyCompliance"]
    assert page["pageInfo"]["totalCount"] == 1
    (row,) = page["nodes"]
    assert row["assignedTo"]["id"] == "gen-mun-pool" and row["generic"]
    assert row["clause"] == {"regulationId": "reg-004", "clauseNumber": "3.3.2",
                             "clauseId": "reg-004-3.3.2"}
    assert (row["metCount"], row["notMetCount"]) == (1, 1)
    assert row["bodies"] == [
        {"body": {"id": "LEN-luzhsky-pool"}, "status": "not_met", "evidence": []},
        {"body": {"id": "LEN-vsevolozhsky-pool"}, "status": "met",
         "evidence": [{"type": "MEMBER_OF"}, {"type": "SUPPORTS"}, {"type": "TUTORS"},
                      {"type": "HAS_ROLE"}]},
    ]


def test_support_chain_and_tree(client: TestClient) -> None:
    body = gql(client, """{ supportChain(teacherId: "t4", on: "2025-10-01") {
            reachesRegion teacher { title } steps { role depth node { id } via { type } } }
        coordinationTree(territoryId: "RU-LEN-vsevolozhsky", first: 3) {
            root { id } truncated
            nodes { pageInfo { totalCount hasNextPage }
                    nodes { node { id } depth parentId via { type } also { id } } } } }""")
    chain = body["data"]["supportChain"]
    assert chain["reachesRegion"] and chain["teacher"]["title"] == "Орлова Нина Павловна"
    assert [(s["role"], s["node"]["id"]) for s in chain["steps"]][:3] == [
        ("teacher", "t4"), ("school", "sch-l1"), ("supporter", "LEN-cnppm")]
    assert chain["steps"][2]["via"] == [{"type": "CURATES"}]
    tree = body["data"]["coordinationTree"]
    assert tree["root"]["id"] == "LEN-vsevolozhsky-ko"
    assert tree["nodes"]["pageInfo"] == {"totalCount": 9, "hasNextPage": True}
    assert [(n["node"]["id"], n["depth"], n["parentId"]) for n in tree["nodes"]["nodes"]] == [
        ("LEN-vsevolozhsky-ko", 0, None),
        ("LEN-vsevolozhsky-mms", 1, "LEN-vsevolozhsky-ko"),
        ("LEN-vsevolozhsky-mo-math", 2, "LEN-vsevolozhsky-mms"),
    ]
    # ЦНППМ coordinates the service too, but it is not below the district's committee.
    assert tree["nodes"]["nodes"][1]["also"] == []


def test_paths_and_neighbourhood(client: TestClient) -> None:
    body = gql(client, """{
        shortestPath(sourceId: "t1", targetId: "LEN-koipo") {
            length types nodes { id } edges { type source target } }
        none: shortestPath(sourceId: "t2", targetId: "t5", types: ["HORIZONTAL_LEARNING"]) {
            length }
        neighbourhood(id: "sch-v3") { truncated nodes { distance node { id } } edges { type } }
    }""")
    path = body["data"]["shortestPath"]
    assert path["length"] == 3
    assert path["types"] == ["EMPLOYED_AT", "SUBORDINATE_TO", "COORDINATES"]
    assert [n["id"] for n in path["nodes"]] == ["t1", "sch-v1", "LEN-vsevolozhsky-ko",
                                                "LEN-koipo"]
    assert body["data"]["none"] is None
    hood = body["data"]["neighbourhood"]
    assert [(n["node"]["id"], n["distance"]) for n in hood["nodes"]] == [
        ("sch-v3", 0), ("LEN-vsevolozhsky-ko", 1), ("t3", 1)]
    assert sorted(e["type"] for e in hood["edges"]) == ["EMPLOYED_AT", "HAS_ROLE",
                                                        "SUBORDINATE_TO"]


def test_a_neighbourhood_reads_its_edges_only_when_asked(client: TestClient,
                                                         store: Store) -> None:
    nodes = "nodes { distance node { id } }"
    without = gql(client, f'{{ neighbourhood(id: "sch-v3") {{ {nodes} }} }}')
    # Asked for in a fragment spread, the edges are there as when written in the field.
    spread = gql(client, f"""{{ neighbourhood(id: "sch-v3") {{ ...E {nodes} }} }}
                 fragment E on Neighbourhood {{ edges {{ type }} truncated }}""")
    inline = gql(client, f"""{{ neighbourhood(id: "sch-v3") {{
                 ... on Neighbourhood {{ edges {{ type }} }} {nodes} }} }}""")
    assert without["data"]["neighbourhood"]["nodes"] == spread["data"]["neighbourhood"]["nodes"]
    for body in (spread, inline):
        assert sorted(e["type"] for e in body["data"]["neighbourhood"]["edges"]) == [
            "EMPLOYED_AT", "HAS_ROLE", "SUBORDINATE_TO"]
    # The walk is one read whether the edges are asked for or not.
    ask = "{ neighbourhood(id: \"sch-v2\", depth: 2) { nodes { node { id } } %s } }"
    assert count_reads(store, lambda: gql(client, ask % "")) \
        == count_reads(store, lambda: gql(client, ask % "edges { id }"))


def test_a_neighbourhood_reads_properties_only_when_shown(client: TestClient) -> None:
    # Ids alone are read without the nodes' properties; names, kinds or properties asked
    # for (here or in a fragment) are read as before: the same nodes either way.
    ask = ('{ neighbourhood(id: "LEN-loiro", depth: 2) { center { id %s } '
           'nodes { distance node { id label %s } } } }')
    ids = gql(client, ask % ("", ""))["data"]["neighbourhood"]
    titled = gql(client, ask % ("title", "title kind"))["data"]["neighbourhood"]
    spread = gql(client, """{ neighbourhood(id: "LEN-loiro", depth: 2) {
        nodes { distance node { id label ...P } } } }
        fragment P on NodeRef { properties { key value } }""")["data"]["neighbourhood"]
    assert len(ids["nodes"]) > 10
    shown = [(n["node"]["id"], n["node"]["label"], n["distance"]) for n in ids["nodes"]]
    for other in (titled, spread):
        assert [(n["node"]["id"], n["node"]["label"], n["distance"])
                for n in other["nodes"]] == shown
    assert titled["center"] == {"id": "LEN-loiro", "title": "ГАОУ ДПО «ЛОИРО»"}
    titles = {n["node"]["id"]: n["node"]["title"] for n in titled["nodes"]}
    assert titles["LEN-koipo"] != "LEN-koipo"  # a name, read from the properties
    assert any(n["node"]["kind"] for n in titled["nodes"])
    assert all(n["node"]["properties"] for n in spread["nodes"]
               if n["node"]["label"] == "Organization")


def test_a_restricted_caller_asking_for_ids_sees_no_hidden_node(client: TestClient) -> None:
    luga = caller_headers(client.app, Scope.of(["RU-LEN-luzhsky"]))  # type: ignore[arg-type]
    ask = '{ neighbourhood(id: "LEN-loiro", depth: 2) { nodes { node { id %s } } } }'
    everyone = {n["node"]["id"] for n in
                gql(client, ask % "")["data"]["neighbourhood"]["nodes"]}
    ids = [n["node"]["id"] for n in
           gql(client, ask % "", headers=luga)["data"]["neighbourhood"]["nodes"]]
    titled = [n["node"]["id"] for n in
              gql(client, ask % "title", headers=luga)["data"]["neighbourhood"]["nodes"]]
    assert ids == titled and "as-sch-v1" in everyone and "as-sch-v1" not in ids
    assert "t1" in everyone and "t1" not in ids


def test_network_analysis(client: TestClient) -> None:
    body = gql(client, """{
        brokers(territoryId: "RU-LEN-luzhsky", on: "2025-10-01") {
            node { id } betweenness degree edgeTypes { name count } }
        isolatedSchools(on: "2025-10-01") { nodes { school { id } territoryId teachers } }
        schoolCommunities(method: louvain) { nodes { index size schools { id } territories } }
        internshipReach(on: "2025-10-01") {
            nodes { site { id } designatedBy { id } districtId schoolCount teachers } }
    }""")
    data = body["data"]
    assert [(b["node"]["id"], b["betweenness"]) for b in data["brokers"]] == [
        ("sch-l1", 0.133333), ("sch-l2", 0.133333), ("m3", 0.066667)]
    assert data["isolatedSchools"]["nodes"] == [
        {"school": {"id": "sch-z1"}, "territoryId": "RU-AMU-zeya", "teachers": 1},
        {"school": {"id": "sch-v3"}, "territoryId": "RU-LEN-vsevolozhsky", "teachers": 1},
    ]
    assert [(c["index"], c["size"], [s["id"] for s in c["schools"]])
            for c in data["schoolCommunities"]["nodes"]] == [
        (1, 2, ["sch-l1", "sch-l2"]), (2, 2, ["sch-v1", "sch-v2"])]
    assert data["internshipReach"]["nodes"] == [{
        "site": {"id": "sch-v1"}, "designatedBy": [{"id": "LEN-loiro"}],
        "districtId": "RU-LEN-vsevolozhsky", "schoolCount": 2, "teachers": 2}]


def test_search_with_pages(client: TestClient) -> None:
    query = """query($text: String!, $after: String) {
        search(text: $text, first: 2, after: $after) {
            pageInfo { hasNextPage endCursor totalCount }
            nodes { node { id label title } score field matched } } }"""
    first = gql(client, query, text="Всеволожск")["data"]["search"]
    assert first["pageInfo"]["totalCount"] == 7
    assert [h["node"]["id"] for h in first["nodes"]] == ["RU-LEN-vsevolozhsky",
                                                         "LEN-vsevolozhsky-mms"]
    second = gql(client, query, text="Всеволожск",
                 after=first["pageInfo"]["endCursor"])["data"]["search"]
    assert [h["node"]["id"] for h in second["nodes"]] == ["LEN-vsevolozhsky-pool", "reg-001"]
    hit = gql(client, query, text="лоиро")["data"]["search"]["nodes"][0]
    assert hit == {"node": {"id": "LEN-loiro", "label": "Organization",
                            "title": "ГАОУ ДПО «ЛОИРО»"},
                   "score": 1.0, "field": "aliases", "matched": "ЛОИРО"}


def test_restricted_caller_scope_is_enforced(client: TestClient) -> None:
    luga = caller_headers(client.app, Scope.of(["RU-LEN-luzhsky"]))  # type: ignore[arg-type]
    body = gql(client, '{ supportChain(teacherId: "t1") { steps { role } } }', headers=luga)
    assert body["data"] is None
    assert body["errors"][0]["message"] == "nothing has the id 't1'"
    body = gql(client, '{ search(text: "Петровой") { pageInfo { totalCount } } }', headers=luga)
    assert body["data"]["search"]["pageInfo"]["totalCount"] == 0
    body = gql(client, "{ isolatedSchools { nodes { school { id } } } }",
               headers=caller_headers(client.app,  # type: ignore[arg-type]
                                      Scope.of(["RU-AMU"])))
    assert body["data"]["isolatedSchools"]["nodes"] == [{"school": {"id": "sch-z1"}}]


@pytest.mark.parametrize(("query", "message"), [
    ('{ shortestPath(sourceId: "t1", targetId: "t4", types: ["FRIENDS"]) { length } }',
     "unknown edge type(s) FRIENDS"),
    ('{ neighbourhood(id: "t1", depth: 9) { truncated } }', "depth must be between 0 and 3"),
    ('{ brokers(top: 0) { degree } }', "top must be between 1 and 100"),
    ('{ brokers(label: "Region") { degree } }', "label must be Person or Organization"),
    ('{ dutyCompliance(category: "dancing") { pageInfo { totalCount } } }',
     "unknown duty category 'dancing'"),
    ('{ search(text: "!!") { pageInfo { totalCount } } }', "the search text has no letters"),
    ('{ coordinationTree { root { id } } }', "give the root body's id or a territory"),
])
def test_errors_a_coordinator_understands(client: TestClient, query: str, message: str) -> None:
    body = gql(client, query)
    assert body["errors"][0]["message"].startswith(message)


def test_a_request_costs_a_few_reads(client: TestClient, store: Store) -> None:
    query = """{ dutyCompliance(period: "2025-H1") { nodes { bodies { body { id } } } }
                 isolatedSchools { nodes { school { id } } }
                 brokers { node { id } } }"""
    reads = count_reads(store, lambda: gql(client, query))
    assert reads <= 25
