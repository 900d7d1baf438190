"""The scope on every path: what a caller scoped to one district sees, counts and writes,
through the query layer, GraphQL and the pages, on both stores."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.errors import InvalidBatch, NodeNotFound
from graph.model import Supports
from graph.queries.nodes import node_view
from graph.queries.scope import Scope
from graph.queries.seen import seen_counts, seen_ids, seen_nodes
from graph.queries.writes import ReadOnlyCaller, assign_support
from graph.store.base import Store
from tests.callers import caller_headers
from tests.graphql import gql
from tests.scope_dataset import LUGA, LUGA_PEOPLE, SURNAMES, load_crossing

FOREIGN = sorted(set(SURNAMES) - LUGA_PEOPLE)


@pytest.fixture
def crossing(store: Store) -> Store:
    return load_crossing(store)


@pytest.fixture
def client(crossing: Store) -> TestClient:
    return TestClient(create_app(store=crossing))


def _foreign_in(text: str) -> list[str]:
    """The foreign people named (by surname) or referred to (by id) in ``text``."""
    return [p for p in FOREIGN
            if SURNAMES[p] in text or re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text)]


# -- the query layer ---------------------------------------------------------------------------
def test_seen_nodes_follow_the_visibility_rule(crossing: Store) -> None:
    assert {n.id for n in seen_nodes(crossing, "Person", scope=LUGA)} == LUGA_PEOPLE
    orgs = {n.id for n in seen_nodes(crossing, "Organization", scope=LUGA)}
    # Its own bodies and schools, and the regional bodies above; no school elsewhere.
    assert {"sch-l1", "sch-l2", "LEN-luzhsky-mms", "LEN-cnppm", "LEN-koipo"} <= orgs
    assert not orgs & {"sch-v1", "sch-z1", "LEN-vsevolozhsky-mms", "AMU-zeya-uo"}
    assert [n.id for n in seen_nodes(crossing, "Region", scope=LUGA)] == ["RU-LEN"]
    assert [n.id for n in seen_nodes(crossing, "Regulation", scope=LUGA)] == ["reg-004"]
    assert seen_nodes(crossing, "Diagnostic", scope=LUGA) == []
    assert len(seen_nodes(crossing, "Person")) == len(SURNAMES)


def test_counts_are_of_what_the_caller_sees(crossing: Store) -> None:
    counts = seen_counts(crossing, scope=LUGA)
    assert counts.nodes["Person"] == len(LUGA_PEOPLE)
    assert "Diagnostic" not in counts.nodes and "HAS_DIAGNOSTIC" not in counts.edges
    # Edges between two visible nodes only: m3 → sch-l2 counts, t4's foreign supporters not.
    assert counts.edges["SUPPORTS"] == 1 and counts.edges["CURATES"] == 1
    assert counts.edges["HORIZONTAL_LEARNING"] == 1  # sch-l1 → sch-l2 only
    whole = crossing.counts()
    assert counts.total_nodes < whole.total_nodes and seen_counts(crossing).nodes == whole.nodes


def test_a_node_shows_only_edges_to_nodes_the_caller_sees(crossing: Store) -> None:
    view = node_view(crossing, "t4", scope=LUGA)
    assert {(e.type, e.target) for e in view.outgoing} == {
        ("EMPLOYED_AT", "sch-l1"), ("HAS_ROLE", "sch-l1")}
    assert view.incoming == []  # m1 supports and tz tutors t4: both hidden
    school = node_view(crossing, "sch-l1", scope=LUGA)
    # Not the learning link to sch-v1, not the assessment (located nowhere).
    assert {e.target for e in school.outgoing} == {"sch-l2"}
    assert {e.source for e in school.incoming} == {"t4", "LEN-cnppm"}
    everything = node_view(crossing, "t4")
    assert {e.source for e in everything.incoming} == {"m1", "tz"}


@pytest.mark.parametrize("hidden", ["t1", "tz", "m1", "sch-v1", "d1", "reg-001"])
def test_a_hidden_node_is_refused_like_an_unknown_one(crossing: Store, hidden: str) -> None:
    with pytest.raises(NodeNotFound) as seen:
        node_view(crossing, hidden, scope=LUGA)
    with pytest.raises(NodeNotFound) as unknown:
        node_view(crossing, "ghost", scope=LUGA)
    assert str(seen.value).replace(hidden, "?") == str(unknown.value).replace("ghost", "?")
    assert seen_ids(crossing, [hidden, "ghost"], scope=LUGA) == set()


# -- writes ------------------------------------------------------------------------------------
def _supports(store: Store) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in store.edges("SUPPORTS")}


def test_a_caller_writes_between_nodes_of_its_own_territory(crossing: Store) -> None:
    summary = assign_support(crossing, Supports(source="m3", target="t4", subject="литература"),
                             scope=LUGA)
    assert str(summary) == "created 1, updated 0, unchanged 0"
    assert ("m3", "t4") in _supports(crossing)


@pytest.mark.parametrize(("source", "target", "ghosts"), [
    ("m2", "sch-v2", ("ghost-a", "ghost-b")),  # both ends in another district: the attack
    ("m3", "t1", ("m3", "ghost-b")),           # a foreign teacher
    ("LEN-cnppm", "t4", ("ghost-a", "t4")),    # a regional body the district sees, not writes
    ("m1", "t4", ("ghost-a", "t4")),           # a regional methodist, hidden from the district
])
def test_a_write_to_a_hidden_end_is_refused_as_unknown(
        crossing: Store, source: str, target: str, ghosts: tuple[str, str]) -> None:
    before = {e.id: e.props for e in crossing.edges("SUPPORTS")}

    def refusal(a: str, b: str) -> str:
        with pytest.raises(InvalidBatch) as refused:
            assign_support(crossing, Supports(
                source=a, target=b, subject="математика", kind="low_results_support",
                start="2024-09-01", end="2026-01-01"), scope=LUGA)
        return str(refused.value)

    hidden, unknown = refusal(source, target), refusal(*ghosts)
    assert "is not a known id" in hidden
    assert hidden.replace(source, ghosts[0]).replace(target, ghosts[1]) == unknown
    assert {e.id: e.props for e in crossing.edges("SUPPORTS")} == before


def test_a_read_only_caller_writes_nothing(crossing: Store) -> None:
    analyst = Scope.of(LUGA.territories, read_only=True)
    with pytest.raises(ReadOnlyCaller, match="только на чтение"):
        assign_support(crossing, Supports(source="m3", target="t4"), scope=analyst)
    assert ("m3", "t4") not in _supports(crossing)


# -- GraphQL -----------------------------------------------------------------------------------
def test_graphql_counts_nodes_and_node_are_scoped(client: TestClient, crossing: Store) -> None:
    luga = caller_headers(client.app, LUGA)
    body = gql(client, "{ counts { totalNodes nodes { name count } } }", headers=luga)
    assert body["data"]["counts"]["totalNodes"] == seen_counts(crossing, scope=LUGA).total_nodes
    assert {"name": "Person", "count": 4} in body["data"]["counts"]["nodes"]
    body = gql(client, '{ nodes(label: "Person") { nodes { id } } }', headers=luga)
    assert {n["id"] for n in body["data"]["nodes"]["nodes"]} == LUGA_PEOPLE
    body = gql(client, '{ node(id: "t4") { incoming { source } outgoing { target } } }',
               headers=luga)
    assert body["data"]["node"]["incoming"] == []
    assert _foreign_in(str(body)) == []


MUTATION = """mutation($input: SupportInput!) { assignSupport(input: $input) {
    created updated unchanged } }"""


def test_graphql_assign_support_refuses_hidden_ends_like_unknown_ones(
        client: TestClient, crossing: Store) -> None:
    luga = caller_headers(client.app, LUGA)
    attack = gql(client, MUTATION, headers=luga, input={
        "sourceId": "m2", "targetId": "sch-v2", "subject": "математика",
        "kind": "low_results_support", "start": "2024-09-01", "end": "2026-01-01"})
    ghost = gql(client, MUTATION, headers=luga, input={
        "sourceId": "ghost-a", "targetId": "ghost-b", "subject": "математика",
        "kind": "low_results_support", "start": "2024-09-01", "end": "2026-01-01"})
    assert attack["data"] is None and ghost["data"] is None
    message = attack["errors"][0]["message"]
    assert message.replace("m2", "ghost-a").replace("sch-v2", "ghost-b") == \
        ghost["errors"][0]["message"]
    assert all("end" not in e.props for e in crossing.edges("SUPPORTS", sources=["m2"]))
    ok = gql(client, MUTATION, headers=luga, input={"sourceId": "m3", "targetId": "sch-l1"})
    assert ok["data"]["assignSupport"] == {"created": 1, "updated": 0, "unchanged": 0}


def test_healthz_tells_only_the_status(client: TestClient, crossing: Store) -> None:
    for headers in ({}, caller_headers(client.app, LUGA)):
        assert client.get("/healthz", headers=headers).json() == {
            "status": "ok", "store": crossing.kind}


# -- pages and downloads -----------------------------------------------------------------------
@pytest.mark.parametrize("path", [
    "/network/focus/sch-l1?depth=4&max_nodes=5000",
    "/network/focus/LEN-cnppm?depth=3",
    "/network/district/RU-LEN-luzhsky",
    "/network/region/RU-LEN",
    "/network/school/sch-l1",
    "/network/regulation/reg-004",
    "/",
    "/dashboard",
])
def test_pages_show_no_foreign_person(client: TestClient, path: str) -> None:
    luga = caller_headers(client.app, LUGA)
    page = client.get(path + ("&" if "?" in path else "?") + "period=2025-H1"
                      if path.startswith("/network") else path, headers=luga)
    assert page.status_code == 200, page.text[:500]
    assert _foreign_in(page.text) == []
    unrestricted = client.get(path).text
    if path.startswith("/network/focus/sch-l1") or path.startswith("/network/district"):
        # The same page for everyone names them: the test would see a leak.
        assert _foreign_in(unrestricted)


def test_district_page_hides_the_regional_methodist(client: TestClient) -> None:
    luga = caller_headers(client.app, LUGA)
    html = client.get("/network/district/RU-LEN-luzhsky", headers=luga).text
    assert "Орлова" in html and "Иванов" not in html
    assert "Иванов" in client.get("/network/district/RU-LEN-luzhsky").text


@pytest.mark.parametrize("path", [
    "/network/district/{}", "/network/region/{}", "/network/school/{}", "/network/focus/{}",
    "/network/regulation/{}", "/dashboard?territory={}", "/dashboard/gaps.xlsx?territory={}",
])
@pytest.mark.parametrize("hidden", ["RU-LEN-vsevolozhsky", "RU-AMU", "sch-v1", "t1", "m1",
                                    "reg-001"])
def test_hidden_pages_are_not_found(client: TestClient, path: str, hidden: str) -> None:
    luga = caller_headers(client.app, LUGA)
    seen = client.get(path.format(hidden), headers=luga)
    unknown = client.get(path.format("ghost"), headers=luga)
    assert seen.status_code == unknown.status_code == 404
    # The same page as for an id that does not exist (it repeats only the id asked for).
    assert seen.text.replace(hidden, "ghost") == unknown.text


def test_landing_page_and_dashboard_list_the_callers_territories(client: TestClient) -> None:
    luga = caller_headers(client.app, LUGA)
    html = client.get("/", headers=luga).text
    assert "/network/district/RU-LEN-luzhsky" in html
    assert "/network/district/RU-LEN-vsevolozhsky" not in html
    assert "/network/region/RU-AMU" not in html
    board = client.get("/dashboard", headers=luga)
    assert board.status_code == 200 and "Лужский" in board.text
    assert 'value="RU-LEN-vsevolozhsky"' not in board.text


def test_gaps_download_is_scoped(client: TestClient) -> None:
    from openpyxl import load_workbook

    luga = caller_headers(client.app, LUGA)
    r = client.get("/dashboard/gaps.xlsx?territory=RU-LEN-luzhsky&period=2025-H1", headers=luga)
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    text = " ".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                    for c in row if c is not None)
    assert "sch-l1" in text or "Луги" in text
    assert _foreign_in(text) == []


def test_a_page_does_not_count_what_it_hides(crossing: Store) -> None:
    from tests.coordination_dataset import more
    from viz.views import region_view

    crossing.write(more(60))  # 60 more schools and teachers in Всеволожский
    everyone = region_view(crossing, "RU-LEN", period="2025-H1", max_nodes=50)
    luga = region_view(crossing, "RU-LEN", period="2025-H1", max_nodes=50, scope=LUGA)
    assert everyone.drawn_from > 120
    # "shown N (of M)": M counts the district's nodes, not the other district's teachers.
    assert len(seen_nodes(crossing, "Person", scope=LUGA)) <= luga.drawn_from < 40
