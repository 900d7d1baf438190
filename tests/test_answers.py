"""GraphQL answers kept per store revision: served again until the next write, never across
scopes, never for errors or the audit log, with an ETag answered by 304 (mutations: see the
doctests of api/answers.py)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import create_app
from graph.auth import audit
from graph.model import Batch, Organization
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store.base import Store
from tests.callers import caller_headers
from tests.test_store import tiny

ORGS = '{ nodes(label: "Organization") { nodes { id } } }'


def _ids(body: dict) -> list[str]:  # type: ignore[type-arg]
    return [n["id"] for n in body["data"]["nodes"]["nodes"]]


def test_an_answer_is_kept_until_the_next_write(store: Store) -> None:
    store.write(tiny())
    app = create_app(store=store)
    client = TestClient(app)
    first = client.post("/graphql", json={"query": ORGS})
    again = client.post("/graphql", json={"query": ORGS})
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and again.headers["ETag"] == first.headers["ETag"]
    assert (app.state.answers.hits, app.state.answers.misses) == (1, 1)
    held = client.post("/graphql", json={"query": ORGS},
                       headers={"If-None-Match": first.headers["ETag"]})
    assert held.status_code == 304 and held.content == b""
    # A write anywhere changes the revision: the next answer is computed anew and differs.
    extra = Batch()
    extra.add(Organization(id="s9", name="Школа № 9", kind="school", level="institutional",
                           territory_id="M1"))
    store.write(extra)
    after = client.post("/graphql", json={"query": ORGS},
                        headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and "s9" in _ids(after.json())
    assert after.headers["ETag"] != first.headers["ETag"]


def test_answers_are_never_shared_across_scopes(store: Store) -> None:
    store.write(tiny())
    app = create_app(store=store, settings=Settings(auth="on"))
    client = TestClient(app)
    m1, m2 = caller_headers(app, Scope.of(["M1"])), caller_headers(app, Scope.of(["M2"]))
    one = client.post("/graphql", json={"query": ORGS}, headers=m1)
    two = client.post("/graphql", json={"query": ORGS}, headers=m2)
    assert _ids(one.json()) != _ids(two.json())
    assert set(_ids(two.json())) <= {"s2"}
    # The other district's tag gets a full answer of its own, not a 304.
    crossed = client.post("/graphql", json={"query": ORGS},
                          headers={**m2, "If-None-Match": one.headers["ETag"]})
    assert crossed.status_code == 200 and crossed.content == two.content


def test_errors_and_the_audit_log_are_never_kept(store: Store) -> None:
    store.write(tiny())
    app = create_app(store=store, settings=Settings(auth="on"))
    client = TestClient(app)
    admin = caller_headers(app, Scope())
    log = "{ auditLog(first: 5) { pageInfo { totalCount } } }"
    before = client.post("/graphql", json={"query": log}, headers=admin).json()
    audit.record(store, "anna", "sign_in", via="password")  # not a graph write
    after = client.post("/graphql", json={"query": log}, headers=admin)
    total = after.json()["data"]["auditLog"]["pageInfo"]["totalCount"]
    assert total == before["data"]["auditLog"]["pageInfo"]["totalCount"] + 1
    assert "ETag" not in after.headers
    wrong = '{ nodes(label: "Nope") { nodes { id } } }'
    for _ in range(2):
        r = client.post("/graphql", json={"query": wrong}, headers=admin)
        assert r.json()["errors"] and "ETag" not in r.headers
    assert app.state.answers.hits == 0
