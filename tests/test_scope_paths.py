"""The scope on every path: what a caller scoped to one district sees, counts and writes,
through the query layer, GraphQL and the pages, on both stores."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.errors import InvalidBatch, NodeNotFound
from graph.model import (
    Batch,
    Diagnostic,
    EmployedAt,
    HasDiagnostic,
    HasRoute,
    IndividualRoute,
    Person,
    Supports,
)
from graph.model.registry import NODE_LABELS
from graph.queries.nodes import node_view
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.seen import SEEN_LABELS, seen_counts, seen_ids, seen_nodes
from graph.queries.visibility import visibility_of, visible_ids
from graph.queries.writes import ReadOnlyCaller, assign_support, writable_ids
from graph.store.base import Store
from tests.callers import caller_headers
from tests.coordination_dataset import L
from tests.graphql import gql
from tests.reads import count_reads
from tests.scope_dataset import (
    FOREIGN_RECORDS,
    LUGA,
    LUGA_PEOPLE,
    LUGA_RECORDS,
    SURNAMES,
    load_crossing,
)

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
    assert len(seen_nodes(crossing, "Person")) == len(SURNAMES)


def test_a_district_sees_the_development_records_of_its_own_people(crossing: Store) -> None:
    def seen(label: str, scope: Scope = LUGA) -> set[str]:
        return {n.id for n in seen_nodes(crossing, label, scope=scope)}

    # Its people's diagnostics and routes (t6 works in both districts), its school's results;
    # not t1's, t2's or tz's, nor d-shared, which is t1's too.
    assert seen("Diagnostic") == {"d4", "d6"}
    assert seen("IndividualRoute") == {"r4"}
    assert seen("Assessment") == {"as-sch-l1"}
    assert (seen("Diagnostic") | seen("IndividualRoute") | seen("Assessment")) == LUGA_RECORDS
    # The catalogue is everyone's, a programme of another district's service included.
    assert seen("Competency") == {"comp-rus", "comp-math"}
    assert seen("Programme") == {"prog1", "prog-v"}
    # The other district sees its own, and d-shared is no one's but the unrestricted caller's.
    vsevolozhsky = Scope.of(["RU-LEN-vsevolozhsky"])
    assert seen("Diagnostic", vsevolozhsky) == {"d1", "d6"}
    assert seen("Assessment", vsevolozhsky) == {"as-sch-v1", "as-sch-v2"}
    assert seen("Diagnostic", EVERYTHING) == {"d1", "d4", "d6", "dz", "d-shared"}
    every = [n.id for n in crossing.nodes()]
    assert seen_ids(crossing, every, scope=LUGA) & FOREIGN_RECORDS == set()
    assert seen_ids(crossing, every, scope=LUGA) >= LUGA_RECORDS


@pytest.mark.parametrize("territory", [L, "RU-LEN-vsevolozhsky", "RU-LEN",
                                       "RU-AMU-zeya"])
def test_listing_and_checking_ids_agree_for_every_label(crossing: Store, territory: str) -> None:
    # seen_nodes lists each label its own way (for speed); visible_ids checks given nodes:
    # both must follow the one rule, for every label of the model.
    scope = Scope.of([territory])
    for label in sorted(NODE_LABELS):
        listed = {n.id for n in seen_nodes(crossing, label, scope=scope)}
        checked = seen_ids(crossing, [n.id for n in crossing.nodes(label)], scope=scope)
        assert listed == checked, label
    assert set(SEEN_LABELS) == set(NODE_LABELS)


def test_seeing_development_records_costs_the_same_reads_at_any_size(crossing: Store) -> None:
    sight = visibility_of(crossing, scope=LUGA)

    def reads() -> tuple[int, int, int]:
        every = crossing.nodes()
        return (count_reads(crossing, lambda: seen_counts(crossing, scope=LUGA)),
                count_reads(crossing, lambda: seen_nodes(crossing, "Diagnostic", scope=LUGA)),
                count_reads(crossing, lambda: visible_ids(crossing, every, sight)))

    small = reads()
    crossing.write(_more_development(40))
    assert reads() == small
    assert len(seen_nodes(crossing, "Diagnostic", scope=LUGA)) == 2 + 40
    # Owners, where people work, the regulations of clauses: five reads for any set of nodes.
    assert small[2] <= 5


def _more_development(n: int) -> Batch:
    """``n`` more Лужский teachers at sch-l2, each with a diagnostic and a route."""
    b = Batch()
    for i in range(n):
        b.add(Person(id=f"tl{i:03d}", full_name=f"Учитель {i}"))
        b.add(EmployedAt(source=f"tl{i:03d}", target="sch-l2"))
        b.add(Diagnostic(id=f"dl{i:03d}", date=dt.date(2025, 2, 1)))
        b.add(HasDiagnostic(source=f"tl{i:03d}", target=f"dl{i:03d}"))
        b.add(IndividualRoute(id=f"rl{i:03d}", created=dt.date(2025, 3, 1)))
        b.add(HasRoute(source=f"tl{i:03d}", target=f"rl{i:03d}"))
    return b


def test_counts_are_of_what_the_caller_sees(crossing: Store) -> None:
    counts = seen_counts(crossing, scope=LUGA)
    assert counts.nodes["Person"] == len(LUGA_PEOPLE)
    # Its people's diagnostics (not d-shared, which is t1's too) and t4's deficit, not t1's.
    assert counts.nodes["Diagnostic"] == 2 and counts.edges["HAS_DIAGNOSTIC"] == 2
    assert counts.nodes["IndividualRoute"] == counts.edges["HAS_ROUTE"] == 1
    assert counts.edges["HAS_DEFICIT"] == 1 and counts.edges["COMPLETED"] == 1
    # prog-v is seen, its hidden provider (the Всеволожский service) is not: prog1's only.
    assert counts.nodes["Programme"] == 2 and counts.edges["PROVIDED_BY"] == 1
    # Edges between two visible nodes only: m3 → sch-l2 counts, t4's foreign supporters not.
    assert counts.edges["SUPPORTS"] == 1 and counts.edges["CURATES"] == 1
    assert counts.edges["HORIZONTAL_LEARNING"] == 1  # sch-l1 → sch-l2 only
    whole = crossing.counts()
    assert counts.total_nodes < whole.total_nodes and seen_counts(crossing).nodes == whole.nodes


def test_a_node_shows_only_edges_to_nodes_the_caller_sees(crossing: Store) -> None:
    view = node_view(crossing, "t4", scope=LUGA)
    # Its work, diagnostic, route, deficit and course; not d-shared (t1's too), not the
    # membership of Всеволожский's association.
    assert {(e.type, e.target) for e in view.outgoing} == {
        ("EMPLOYED_AT", "sch-l1"), ("HAS_ROLE", "sch-l1"), ("HAS_DIAGNOSTIC", "d4"),
        ("HAS_ROUTE", "r4"), ("HAS_DEFICIT", "comp-rus"), ("COMPLETED", "prog1")}
    assert view.incoming == []  # m1 supports and tz tutors t4: both hidden
    # The catalogue entry shows only the deficits of people the caller sees.
    assert [e.source for e in node_view(crossing, "comp-math", scope=LUGA).incoming] == []
    assert {e.source for e in node_view(crossing, "comp-rus", scope=LUGA).incoming} == {
        "t4", "r4"}
    assert node_view(crossing, "prog-v", scope=LUGA).outgoing == []  # its provider is hidden
    school = node_view(crossing, "sch-l1", scope=LUGA)
    # Its assessment, not the learning link to sch-v1.
    assert {e.target for e in school.outgoing} == {"sch-l2", "as-sch-l1"}
    assert {e.source for e in school.incoming} == {"t4", "LEN-cnppm"}
    everything = node_view(crossing, "t4")
    assert {e.source for e in everything.incoming} == {"m1", "tz"}


@pytest.mark.parametrize("hidden", ["t1", "tz", "m1", "sch-v1", "reg-001",
                                    *sorted(FOREIGN_RECORDS)])
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


def test_a_district_writes_its_own_records_but_not_the_catalogue(crossing: Store) -> None:
    writable = writable_ids(crossing, crossing.nodes(), scope=LUGA)
    assert writable >= LUGA_RECORDS | LUGA_PEOPLE
    # Seen, not written: the shared catalogue; never either: the records of others.
    assert not writable & (FOREIGN_RECORDS | {"comp-rus", "comp-math", "prog1", "prog-v"})
    assert {"comp-rus", "prog1"} <= writable_ids(crossing, crossing.nodes())


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


def test_graphql_lists_the_districts_diagnostics_and_routes(client: TestClient) -> None:
    luga = caller_headers(client.app, LUGA)
    for label, mine in (("Diagnostic", {"d4", "d6"}), ("IndividualRoute", {"r4"}),
                        ("Assessment", {"as-sch-l1"})):
        body = gql(client, f'{{ nodes(label: "{label}") {{ nodes {{ id }} }} }}', headers=luga)
        assert {n["id"] for n in body["data"]["nodes"]["nodes"]} == mine
    body = gql(client, '{ node(id: "d4") { node { id } incoming { source } } }', headers=luga)
    assert body["data"]["node"] == {"node": {"id": "d4"}, "incoming": [{"source": "t4"}]}
    counts = gql(client, "{ counts { nodes { name count } } }", headers=luga)
    assert {"name": "Diagnostic", "count": 2} in counts["data"]["counts"]["nodes"]
    for foreign in sorted(FOREIGN_RECORDS):
        body = gql(client, f'{{ node(id: "{foreign}") {{ node {{ id }} }} }}', headers=luga)
        assert body["data"] is None or body["data"]["node"] is None
    whole = gql(client, '{ nodes(label: "Diagnostic") { nodes { id } } }')
    assert len(whole["data"]["nodes"]["nodes"]) == 5


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


def _drawn(page: str) -> set[str]:
    """The ids of the nodes a network page draws (its scene is JSON inside the page)."""
    return set(re.findall(r'\{"id":"([^"]+)","label"', page))


def test_a_district_school_page_shows_its_teachers_routes(client: TestClient,
                                                          crossing: Store) -> None:
    from viz.views import school_view

    luga = caller_headers(client.app, LUGA)
    drawn = _drawn(client.get("/network/school/sch-l1?period=2025-H1", headers=luga).text)
    # Its teacher's route (ИОМ) and deficit, and the school's results, as for an administrator.
    assert {"t4", "r4", "comp-rus", "as-sch-l1"} <= drawn
    assert not drawn & FOREIGN_RECORDS
    assert {"r4", "comp-rus", "as-sch-l1"} <= _drawn(
        client.get("/network/school/sch-l1?period=2025-H1").text)
    # The same in the view the page draws, on both stores.
    scene = school_view(crossing, "sch-l1", period="2025-H1", scope=LUGA)
    assert {"r4", "comp-rus", "as-sch-l1"} <= set(scene.nodes)
    assert ("t4", "r4", "HAS_ROUTE") in scene.edges


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
